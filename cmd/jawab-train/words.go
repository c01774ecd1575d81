package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/jawab/jawab/internal/uqa"
	"github.com/jawab/jawab/rag"
	"github.com/jawab/jawab/text"
)

// writeWords writes the word list of general Urdu (rag.CommonWord): every
// word of rag.MinCommonWordRunes letters or more in Arabic script, as
// text.Tokens folds it, of the UQA train split's training-part paragraphs
// (titles too) and of the news articles under newsDir, one per line,
// sorted, gzip-compressed (gzip's header carries no name or time, so the
// bytes depend on the words alone). Only the training part is read, so that
// the tuning and test parts' names stay unknown, as a held-out collection's
// are.
func writeWords(data, newsDir, out string) error {
	ps, err := uqa.ReadParagraphs(data)
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	add := func(s string) {
		for _, t := range text.Tokens(text.Normalize(s)) {
			if rag.CommonWordCandidate(t) {
				seen[t] = true
			}
		}
	}
	paragraphs := 0
	for _, p := range ps {
		if uqa.PartOf(p.Article()) != uqa.Train {
			continue
		}
		add(p.Title)
		add(p.Text)
		paragraphs++
	}
	articles := 0
	err = filepath.WalkDir(newsDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".txt") {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		add(string(b))
		articles++
		return nil
	})
	if err != nil {
		return err
	}
	if paragraphs == 0 || articles == 0 {
		return fmt.Errorf("words: read %d training paragraphs from %s and %d articles from %s; both are needed", paragraphs, data, articles, newsDir)
	}
	words := make([]string, 0, len(seen))
	for w := range seen {
		words = append(words, w)
	}
	slices.Sort(words)
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return err
	}
	if _, err := zw.Write([]byte(strings.Join(words, "\n") + "\n")); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	fmt.Printf("%s: %d words from %d training paragraphs and %d news articles\n", out, len(words), paragraphs, articles)
	return os.WriteFile(out, buf.Bytes(), 0o644)
}
