package load

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/jawab/jawab/rag"
)

// record is one JSON Lines document. Pointers tell a missing field from an
// empty one; unknown fields are ignored so that exports from other tools
// (with a category or an author) load as they are.
type record struct {
	ID        *string `json:"id"`
	Title     string  `json:"title"`
	Text      *string `json:"text"`
	URL       string  `json:"url"`
	Published string  `json:"published"`
	Modified  string  `json:"modified"`
	Author    string  `json:"author"`
	Source    string  `json:"source"`
	Lang      string  `json:"lang"`
}

// parseJSONL reads one document per line from r and yields an item per
// non-blank line, stopping early when yield returns false or ctx ends (then
// it returns ctx's error). A bad line is an item with an error naming
// "name:LINE"; the lines after it still load. Lines are read with a
// bufio.Reader, not a Scanner, so a long article fits; a line longer than
// opt.MaxBytes is skipped with an error.
func parseJSONL(ctx context.Context, r io.Reader, name string, opt Options, yield func(Item) bool) error {
	br := bufio.NewReaderSize(r, 64<<10)
	seen := make(map[string]int) // id → line that loaded it
	max := opt.maxBytes()
	consumed := 0 // bytes read since the last item, blank lines included
	for lineNo := 1; ; lineNo++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		line, size, tooLong, err := readLine(br, max)
		if err != nil && !errors.Is(err, io.EOF) {
			yield(Item{Path: name, Err: rag.Wrap(rag.Internal, err, "%s: read line %d", name, lineNo)})
			return nil
		}
		eof := err != nil
		consumed += size
		if lineNo == 1 {
			line = bytes.TrimPrefix(line, []byte("\uFEFF"))
		}
		if !tooLong && len(bytes.TrimSpace(line)) == 0 {
			if eof {
				return nil
			}
			continue // blank lines separate nothing
		}
		where := fmt.Sprintf("%s:%d", name, lineNo)
		it := Item{Path: where, Bytes: consumed}
		consumed = 0
		if tooLong {
			it.Err = rag.Errorf(rag.Invalid, "%s: line is more than %d bytes long (raise the size limit to load it)", where, max)
		} else {
			it.Doc, it.Err = parseRecord(line, opt)
			it.ID = it.Doc.ID
		}
		if it.Err == nil {
			if first, dup := seen[it.ID]; dup {
				it.Err = rag.Errorf(rag.Invalid, "%s: duplicate document id %q (first on line %d)", where, it.ID, first)
			} else {
				seen[it.ID] = lineNo
			}
		} else if !tooLong {
			it.Err = fmt.Errorf("%s: %w", where, it.Err)
		}
		if it.Err != nil {
			it.Doc = rag.Document{}
		}
		if !yield(it) || eof {
			return nil
		}
	}
}

// readLine reads up to and including the next "\n" and returns the line
// without its line end. size counts every byte consumed. A line longer than
// max is consumed but not kept: tooLong reports it.
func readLine(br *bufio.Reader, max int64) (line []byte, size int, tooLong bool, err error) {
	for {
		chunk, e := br.ReadSlice('\n')
		size += len(chunk)
		if !tooLong {
			if int64(len(line)+len(chunk)) > max+2 { // +2: the line end is not content
				tooLong, line = true, nil
			} else {
				line = append(line, chunk...)
			}
		}
		if errors.Is(e, bufio.ErrBufferFull) {
			continue
		}
		line = bytes.TrimSuffix(line, []byte("\n"))
		line = bytes.TrimSuffix(line, []byte("\r"))
		return line, size, tooLong, e
	}
}

// parseRecord turns one JSON line into a document. The returned document
// carries the id whenever it could be read, even with an error.
func parseRecord(line []byte, opt Options) (rag.Document, error) {
	if i := invalidUTF8(line); i >= 0 {
		return rag.Document{}, rag.Errorf(rag.Invalid, "invalid UTF-8 at byte offset %d of the line", i)
	}
	var rec record
	if err := json.Unmarshal(line, &rec); err != nil {
		return rag.Document{}, rag.Wrap(rag.Invalid, err, "not a JSON object with string fields id, title, text, url, published, source, lang")
	}
	if rec.ID == nil {
		return rag.Document{}, rag.Errorf(rag.Invalid, "missing field \"id\"")
	}
	m := meta{id: *rec.ID, title: rec.Title, source: rec.Source, author: rec.Author}
	doc := rag.Document{ID: m.id}
	if rec.Text == nil || strings.TrimSpace(*rec.Text) == "" {
		return doc, rag.Errorf(rag.Invalid, "missing or empty field \"text\"")
	}
	var err error
	if m.url, err = checkURL(rec.URL); err != nil {
		return doc, err
	}
	if m.published, err = parsePublished(rec.Published); err != nil {
		return doc, err
	}
	if m.modified, err = parsePublished(rec.Modified); err != nil {
		return doc, fmt.Errorf("modified: %w", err)
	}
	if m.lang, err = checkLang(rec.Lang); err != nil {
		return doc, err
	}
	return build(m, *rec.Text, opt)
}

// parsePublished reads a publication date given as metadata: RFC 3339 or
// YYYY-MM-DD, or (for front matter written by hand) a date as news sites
// print them. Empty means unknown.
func parsePublished(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	if t, ok := dateOnly(s); ok {
		return t, nil
	}
	return time.Time{}, rag.Errorf(rag.Invalid, "published date %q: want RFC 3339 (2024-01-17T09:30:00Z) or YYYY-MM-DD", s)
}

// checkURL accepts empty or an absolute http(s) URL: the URL is shown as a
// link beside citations.
func checkURL(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", rag.Errorf(rag.Invalid, "url %q: want an absolute http or https URL", s)
	}
	return s, nil
}

var langTag = regexp.MustCompile(`^[a-z]{2,3}(-[a-z0-9]{1,8})*$`)

// checkLang accepts empty or a BCP 47-style tag ("ur", "en", "ur-PK") and
// returns it lower-cased.
func checkLang(s string) (string, error) {
	l := strings.ToLower(strings.TrimSpace(s))
	if l != "" && !langTag.MatchString(l) {
		return "", rag.Errorf(rag.Invalid, "lang %q: want a language code such as \"ur\" or \"en\"", s)
	}
	return l, nil
}
