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
	article := func(part uqa.Part) string {
		for n := range 1000 {
			if a := fmt.Sprintf("%03d", n); uqa.PartOf(a) == part {
				return a
			}
		}
		t.Fatalf("no article number falls in part %s", part)
		return ""
	}
	dir := t.TempDir()
	data, news := filepath.Join(dir, "uqa"), filepath.Join(dir, "news")
	for _, d := range []string{data, news} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	paragraphs := fmt.Sprintf(`{"id":"uqa_%s_000","title":"دریائے_سندھ","text":"دریائے سندھ پر نیا پل بنایا گیا۔"}
{"id":"uqa_%s_000","title":"ہیلسنکی","text":"ہیلسنکی کانفرنس منعقد ہوئی۔"}
`, article(uqa.Train), article(uqa.Test))
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
	for _, w := range []string{"دریائے", "سندھ", "بنایا", "سموگ", "لاہور", "گھیر"} {
		if !slices.Contains(words, w) {
			t.Errorf("words %q lack %q", words, w)
		}
	}
	for _, w := range []string{"ہیلسنکی", "کانفرنس", "نیا", "پل"} {
		if slices.Contains(words, w) {
			t.Errorf("words %q hold %q: a held-out paragraph's word, or shorter than four letters", words, w)
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
