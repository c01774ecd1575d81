// Package load turns files into cleaned documents: plain text, Markdown, HTML
// pages and JSON Lines, read from any fs.FS (a directory on disk or the
// corpus bundled into the binary). Loading is forgiving of messy input — a
// bad file or line becomes an error item and the walk goes on — and strict
// about what it lets through: valid UTF-8, a valid id, and article text with
// the page furniture (related lists, comment forms, share lines) removed.
package load

import (
	"bytes"
	"context"
	"fmt"
	"path"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jawab/jawab/rag"
	"github.com/jawab/jawab/text"
)

// DefaultMaxBytes is the default per-file (and per-JSONL-line) size limit.
const DefaultMaxBytes = 32 << 20

// Options control loading.
type Options struct {
	// Source is the source of documents that do not name one (front matter,
	// site name, JSON field); callers pass e.g. the base name of the root.
	Source string
	// MaxBytes limits a file (for .jsonl: a line); bigger input fails with a
	// clear error. Zero means DefaultMaxBytes.
	MaxBytes int64
}

func (o Options) maxBytes() int64 {
	if o.MaxBytes <= 0 {
		return DefaultMaxBytes
	}
	return o.MaxBytes
}

// Item is one loaded document, or one failure. A failure never stops a walk.
type Item struct {
	// Path is the file as shown to the user: the path in the walked fs.FS; for
	// a JSONL line "file.jsonl:LINE".
	Path string
	// Doc is the document; valid when Err is nil. Doc.Hash is left empty.
	Doc rag.Document
	// Bytes is the input consumed, for throughput reports.
	Bytes int
	// Err is the failure, wrapping a *rag.Error with code rag.Invalid when the
	// input is bad.
	Err error
	// ID is the document id when it is known, even when Err is set, so that a
	// caller does not prune a document whose file merely failed to parse.
	ID string
}

// Parse loads one file's bytes. The extension of name picks the format (.txt,
// .md/.markdown, .html/.htm, .jsonl; anything else is an error); id is the
// document id unless the file names its own. It returns one item, or one per
// non-blank line for .jsonl.
func Parse(name, id string, data []byte, opt Options) []Item {
	switch format(name) {
	case formatJSONL:
		var items []Item
		parseJSONL(context.Background(), bytes.NewReader(data), name, opt, func(it Item) bool {
			items = append(items, it)
			return true
		})
		return items
	case formatUnknown:
		return []Item{{Path: name, ID: id, Bytes: len(data), Err: rag.Errorf(rag.Invalid,
			"%s: unsupported file type %q (want .txt, .md, .html or .jsonl)", name, path.Ext(name))}}
	}
	if int64(len(data)) > opt.maxBytes() {
		return []Item{{Path: name, ID: id, Bytes: len(data), Err: tooBig(name, int64(len(data)), opt)}}
	}
	doc, err := parseFile(name, id, data, opt)
	it := Item{Path: name, ID: id, Bytes: len(data), Doc: doc, Err: err}
	if doc.ID != "" {
		it.ID = doc.ID
	}
	if err != nil {
		it.Doc = rag.Document{}
	}
	return []Item{it}
}

// parseFile loads a single-document file.
func parseFile(name, id string, data []byte, opt Options) (rag.Document, error) {
	s, err := decode(data)
	if err != nil {
		return rag.Document{ID: id}, fmt.Errorf("%s: %w", name, err)
	}
	var doc rag.Document
	switch format(name) {
	case formatTxt:
		doc, err = parseTxt(id, s, opt)
	case formatMarkdown:
		doc, err = parseMarkdown(id, s, opt)
	case formatHTML:
		doc, err = parseHTML(id, s, opt)
	}
	if err != nil {
		if doc.ID == "" {
			doc.ID = id
		}
		return doc, fmt.Errorf("%s: %w", name, err)
	}
	return doc, nil
}

type fileFormat int

const (
	formatUnknown fileFormat = iota
	formatTxt
	formatMarkdown
	formatHTML
	formatJSONL
)

// format picks the loader by extension, ignoring case.
func format(name string) fileFormat {
	switch strings.ToLower(path.Ext(name)) {
	case ".txt":
		return formatTxt
	case ".md", ".markdown":
		return formatMarkdown
	case ".html", ".htm":
		return formatHTML
	case ".jsonl":
		return formatJSONL
	}
	return formatUnknown
}

func tooBig(name string, size int64, opt Options) error {
	return rag.Errorf(rag.Invalid, "%s: file is %d bytes; at most %d allowed (raise the size limit to load it)",
		name, size, opt.maxBytes())
}

// decode checks that data is text jawab can quote and index, and returns it as
// a string with "\n" line ends and no byte-order mark. Invalid UTF-8 and NUL
// bytes are errors that name the offset of the first bad byte, so a user can
// find it; guessing another encoding would silently index mojibake.
func decode(data []byte) (string, error) {
	// Offsets count from the start of the file, byte-order mark included,
	// as a hex editor shows them.
	bom := 0
	if bytes.HasPrefix(data, []byte("\uFEFF")) {
		data, bom = data[3:], 3
	}
	if i := invalidUTF8(data); i >= 0 {
		return "", rag.Errorf(rag.Invalid, "invalid UTF-8 at byte offset %d (convert the file to UTF-8)", i+bom)
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return "", rag.Errorf(rag.Invalid, "NUL byte at byte offset %d (is it a binary file?)", i+bom)
	}
	s := string(data)
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n"), nil
}

// invalidUTF8 returns the offset of the first byte that is not valid UTF-8, or -1.
func invalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}

// meta is what a file says about itself; empty fields are filled in by build.
type meta struct {
	id, title, source, url, lang, author string
	published, modified                  time.Time
	dateSource                           string // where published came from, when set
}

// build cleans body and completes the document: title, publication date and
// language come from the text when the file did not give them.
func build(m meta, body string, opt Options) (rag.Document, error) {
	doc := rag.Document{ID: m.id, Title: m.title, Source: m.source, URL: m.url, Lang: m.lang, Published: m.published,
		Modified: m.modified, DateSource: m.dateSource, Author: oneLine(m.author)}
	if !doc.Published.IsZero() && doc.DateSource == "" {
		doc.DateSource = rag.DateMetadata
	}
	if err := rag.ValidateDocID(m.id); err != nil {
		return doc, err
	}
	for _, s := range []string{body, m.title, m.source} {
		if strings.ContainsRune(s, 0) {
			return doc, rag.Errorf(rag.Invalid, "text contains a NUL character")
		}
	}
	c := clean(body, true)
	if strings.TrimSpace(c.text) == "" {
		return doc, rag.Errorf(rag.Invalid, "no article text")
	}
	doc.Text = c.text
	if doc.Title = oneLine(doc.Title); doc.Title == "" {
		doc.Title = oneLine(titleOf(c.text))
	}
	if doc.Published.IsZero() && !c.published.IsZero() {
		doc.Published, doc.DateSource = c.published, rag.DateLine
	}
	if doc.Published.IsZero() {
		if t, ok := datelineDate(text.Fold(c.text), yearHint(doc.URL, doc.Modified), doc.Modified); ok {
			doc.Published, doc.DateSource = t, rag.DateDateline
		}
	}
	if doc.Source = oneLine(doc.Source); doc.Source == "" {
		doc.Source = opt.Source
	}
	if doc.Lang == "" {
		doc.Lang = text.DetectLang(c.text)
	}
	if m.title != "" {
		doc.Text = withHeadline(doc.Title, doc.Text)
	}
	return doc, nil
}

// withHeadline puts a headline given apart from its body (a feed's or a JSON
// record's title) at the head of the text, unless the body already holds it.
// A headline is part of what was published, as a text file's title line is:
// it often states the news most plainly ("بنگلہ دیش کا زمبابوے کا ون ڈے
// سیریز میں 5-0 سے وائٹ واش", over a body that says only "وائٹ واش کر
// دیا"), and only text is searched, quoted and cited. A title of fewer than
// minTitleWords words names a subject (an encyclopedia's "فریڈرک_چاپن") and
// says nothing the passage needs.
func withHeadline(title, body string) string {
	if len(strings.Fields(title)) < minTitleWords || strings.Contains(key(body), key(title)) {
		return body
	}
	return title + "\n\n" + body
}

// oneLine collapses whitespace: titles and sources are shown on one line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
