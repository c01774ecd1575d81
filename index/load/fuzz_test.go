package load

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/jawab/jawab/rag"
)

// maxSeed bounds a seed: the fuzzer minimises every input that finds new
// coverage, and minimising a 10 KB article stalls fuzzing for many seconds.
const maxSeed = 1 << 10

// addSeeds adds the files matching the patterns (relative to this package) as
// fuzz seeds, so the fuzzer starts from real articles and pages. A long file
// gives its head and its tail (where scrapes keep their related lists and
// comment forms), cut at line breaks.
func addSeeds(f *testing.F, patterns ...string) {
	f.Helper()
	for _, pattern := range patterns {
		files, err := filepath.Glob(pattern)
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			if len(data) <= maxSeed {
				f.Add(data)
				continue
			}
			head := data[:maxSeed]
			if i := bytes.LastIndexByte(head, '\n'); i > 0 {
				head = head[:i+1]
			}
			tail := data[len(data)-maxSeed:]
			if i := bytes.IndexByte(tail, '\n'); i >= 0 {
				tail = tail[i+1:]
			}
			f.Add(head)
			f.Add(tail)
		}
	}
}

// seedCorpus are the real articles: the seed collection and a sample of the
// larger one, one per category.
var seedCorpus = []string{
	"../../testdata/pk-ru/*.txt",
	"../../testdata/urdu-news/test-*99.txt",
}

// maxFuzzInput bounds fuzz inputs. The mutator grows inputs to megabytes by
// duplicating chunks; those run at a few per second under coverage and add
// nothing that a 64 KiB input does not already reach.
const maxFuzzInput = 64 << 10

func skipBig(t *testing.T, data []byte) {
	if len(data) > maxFuzzInput {
		t.Skip("input too big to be worth fuzzing")
	}
}

// checkItems checks what every loader promises for any input.
func checkItems(t *testing.T, name string, items []Item) {
	t.Helper()
	for _, it := range items {
		if it.Err != nil {
			var e *rag.Error
			if !errors.As(it.Err, &e) {
				t.Errorf("%s: error %v is not a *rag.Error", it.Path, it.Err)
			}
			continue
		}
		doc := it.Doc
		if err := rag.ValidateDocID(doc.ID); err != nil {
			t.Errorf("%s: %v", it.Path, err)
		}
		if doc.ID != it.ID {
			t.Errorf("%s: Doc.ID %q != ID %q", it.Path, doc.ID, it.ID)
		}
		for field, s := range map[string]string{"text": doc.Text, "title": doc.Title, "source": doc.Source, "url": doc.URL, "lang": doc.Lang} {
			if !utf8.ValidString(s) || strings.ContainsRune(s, 0) {
				t.Errorf("%s: %s is not valid UTF-8 without NUL: %q", it.Path, field, s)
			}
		}
		if strings.TrimSpace(doc.Text) == "" {
			t.Errorf("%s: document without text", it.Path)
		}
		if strings.Contains(doc.Title, "\n") {
			t.Errorf("%s: title %q spans lines", it.Path, doc.Title)
		}
		if strings.Contains(doc.Text, "\r") {
			t.Errorf("%s: text keeps a CR", it.Path)
		}
	}
	if len(items) == 0 && !strings.HasSuffix(name, ".jsonl") {
		t.Errorf("%s: no item", name)
	}
}

func FuzzParseTxt(f *testing.F) {
	addSeeds(f, seedCorpus...)
	f.Add([]byte("\uFEFFTitle\r\n\r\n17 جنوری 2024\r\nBody text.\r\n"))
	f.Add([]byte("a\xffb"))
	f.Fuzz(func(t *testing.T, data []byte) {
		skipBig(t, data)
		checkItems(t, "a.txt", Parse("a.txt", "a", data, Options{}))
	})
}

func FuzzParseMarkdown(f *testing.F) {
	addSeeds(f, "testdata/*.md")
	addSeeds(f, seedCorpus[0])
	f.Add([]byte("---\nid: x/y\ntitle: T\ndate: 2024-01-01\n---\n# H\n\n- a\n- b\n\n| a | b |\n|---|---|\n| c | d |\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		skipBig(t, data)
		checkItems(t, "a.md", Parse("a.md", "a", data, Options{}))
	})
}

func FuzzParseHTML(f *testing.F) {
	addSeeds(f, "testdata/*.html")
	f.Add([]byte("<p>x</p>"))
	f.Add([]byte("<html><head><title>t</title><link rel=canonical href=http://x/y></head><body><article><p>Text.</p></article></body></html>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		skipBig(t, data)
		checkItems(t, "a.html", Parse("a.html", "a", data, Options{}))
	})
}

func FuzzParseJSONL(f *testing.F) {
	addSeeds(f, "testdata/*.jsonl")
	f.Add([]byte(`{"id":"a","text":"t"}` + "\n\n" + `{"id":"a","text":"t"}`))
	f.Add([]byte("\uFEFF" + `{"id":"a","text":"x","published":"2024-01-02T03:04:05Z","url":"http://x/","lang":"ur"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		skipBig(t, data)
		items := Parse("a.jsonl", "a", data, Options{MaxBytes: 4096})
		checkItems(t, "a.jsonl", items)
		total := 0
		for _, it := range items {
			total += it.Bytes
		}
		if total > len(data) {
			t.Errorf("items count %d bytes of a %d-byte input", total, len(data))
		}
	})
}

func FuzzClean(f *testing.F) {
	addSeeds(f, seedCorpus...)
	f.Add([]byte("Title\n\nTitle\n\n?️\n\nBody text that is long enough to be prose, with a full stop at the end of it.\n\nRelated\n\nHeadline\n\n?️ 1 فروری 2022سچ خبریں: teaser"))
	f.Fuzz(func(t *testing.T, data []byte) {
		skipBig(t, data)
		in := string(data)
		out := Clean(in)
		if !utf8.ValidString(out) {
			t.Errorf("Clean returned invalid UTF-8: %q", out)
		}
		if len(out) > len(in) {
			t.Errorf("Clean returned %d bytes for %d", len(out), len(in))
		}
		if strings.Contains(out, "\r") || strings.Contains(out, "\n\n\n") || out != strings.TrimSpace(out) {
			t.Errorf("Clean left stray line breaks or spaces: %q", out)
		}
	})
}
