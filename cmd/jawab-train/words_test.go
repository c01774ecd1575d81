package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/jawab/jawab/internal/uqa"
)

// The word list holds the training part's words and the news articles',
// never a held-out part's (whose names a held-out collection must not
// find common), only words of four letters or more, sorted, and the same
// bytes on every run.
func TestWriteWords(t *testing.T) {
	// articles returns n article numbers of part.
	articles := func(part uqa.Part, n int) []string {
		var out []string
		for i := 0; i < 1000 && len(out) < n; i++ {
			if a := fmt.Sprintf("%03d", i); uqa.PartOf(a) == part {
				out = append(out, a)
			}
		}
		if len(out) < n {
			t.Fatalf("fewer than %d article numbers fall in part %s", n, part)
		}
		return out
	}
	dir := t.TempDir()
	data, news := filepath.Join(dir, "uqa"), filepath.Join(dir, "news")
	for _, d := range []string{data, news} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	// دریائے and سندھ are written by three training articles (two of them
	// twice: an article's paragraphs count once), ٹائٹینک by two; ہیلسنکی
	// only by a test-part article; لاہور by two training articles and a news
	// article, سموگ by the news article alone.
	tr, te := articles(uqa.Train, 3), articles(uqa.Test, 1)
	paragraphs := fmt.Sprintf(`{"id":"uqa_%[1]s_000","title":"دریائے_سندھ","text":"دریائے سندھ پر نیا پل بنایا گیا۔"}
{"id":"uqa_%[1]s_001","title":"دریائے_سندھ","text":"ٹائٹینک جہاز لاہور نہیں آیا۔"}
{"id":"uqa_%[2]s_000","title":"دریائے_سندھ","text":"ٹائٹینک جہاز لاہور نہیں آیا۔"}
{"id":"uqa_%[2]s_001","title":"دریائے_سندھ","text":"دریائے سندھ بنایا گیا۔"}
{"id":"uqa_%[3]s_000","title":"دریائے_سندھ","text":"دریائے سندھ بنایا گیا۔"}
{"id":"uqa_%[4]s_000","title":"ہیلسنکی","text":"ہیلسنکی کانفرنس منعقد ہوئی۔"}
{"id":"uqa_%[4]s_001","title":"ہیلسنکی","text":"ہیلسنکی کانفرنس منعقد ہوئی۔"}
{"id":"uqa_%[4]s_002","title":"ہیلسنکی","text":"ہیلسنکی کانفرنس منعقد ہوئی۔"}
`, tr[0], tr[1], tr[2], te[0])
	if err := os.WriteFile(filepath.Join(data, "paragraphs.jsonl"), []byte(paragraphs), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(news, "a.txt"), []byte("سموگ نے لاہور کو گھیر لیا\r\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	read := func(path string) []string {
		t.Helper()
		if err := writeWords(data, news, path); err != nil {
			t.Fatal(err)
		}
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		zr, err := gzip.NewReader(f)
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		return strings.Fields(string(b))
	}
	words := read(filepath.Join(dir, "a.gz"))
	for _, w := range []string{"دریائے", "سندھ", "بنایا", "لاہور"} {
		if !slices.Contains(words, w) {
			t.Errorf("words %q lack %q, which %d articles write", words, w, MinWordArticles)
		}
	}
	for w, why := range map[string]string{
		"ہیلسنکی": "a held-out paragraph's word",
		"کانفرنس": "a held-out paragraph's word",
		"نیا":     "shorter than four letters",
		"ٹائٹینک": "written by two articles only",
		"سموگ":    "written by one article only",
		"گھیر":    "written by one article only",
	} {
		if slices.Contains(words, w) {
			t.Errorf("words %q hold %q: %s", words, w, why)
		}
	}
	if !slices.IsSorted(words) {
		t.Errorf("words %q are not sorted", words)
	}
	read(filepath.Join(dir, "b.gz"))
	a, _ := os.ReadFile(filepath.Join(dir, "a.gz"))
	b, _ := os.ReadFile(filepath.Join(dir, "b.gz"))
	if !bytes.Equal(a, b) {
		t.Error("two runs wrote different bytes")
	}
	if err := writeWords(data, filepath.Join(dir, "none"), filepath.Join(dir, "c.gz")); err == nil {
		t.Error("no news articles: want an error")
	}
}
