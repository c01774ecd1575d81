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

// MinWordArticles is how many articles (a UQA training article's
// paragraphs, or one news article) must write a word for the list of general
// Urdu to hold it. A word of one or two Wikipedia articles is most often a
// name (of the training part's articles, one writes "ٹائٹینک", one
// "پینسلین", two "ایفل"), and a name the archive never writes is what
// unheardSubject refuses on; a word of general Urdu recurs (32 write
// "رکاوٹوں"). At three, 13,136 words against 46,128 from one article up. (Three
// was chosen from a count that read all three UQA parts; two, measured after,
// leaves ٹائٹینک out too and answers every development and battery question
// alike: docs/history/time.md, "Fifty-second round".)
const MinWordArticles = 3

// writeWords writes the word list of general Urdu (rag.CommonWord): every
// word of rag.MinCommonWordRunes letters or more in Arabic script, as
// text.Tokens folds it, that MinWordArticles or more articles write, of the
// UQA train split's training-part paragraphs (titles too, each article's
// paragraphs counting once) and of the news articles under newsDir, one per line,
// sorted, gzip-compressed (gzip's header carries no name or time, so the
// bytes depend on the words alone). Only the training part is read, so that
// the tuning and test parts' names stay unknown, as a held-out collection's
// are.
func writeWords(data, newsDir, out string) error {
	ps, err := uqa.ReadParagraphs(data)
	if err != nil {
		return err
	}
	articlesOf := map[string]map[string]bool{} // word → the articles that write it
	add := func(article, s string) {
		for _, t := range text.Tokens(text.Normalize(s)) {
			if rag.CommonWordCandidate(t) {
				if articlesOf[t] == nil {
					articlesOf[t] = map[string]bool{}
				}
				articlesOf[t][article] = true
			}
		}
	}
	paragraphs := 0
	for _, p := range ps {
		if uqa.PartOf(p.Article()) != uqa.Train {
			continue
		}
		add(p.Article(), p.Title)
		add(p.Article(), p.Text)
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
		add("news:"+path, string(b))
		articles++
		return nil
	})
	if err != nil {
		return err
	}
	if paragraphs == 0 || articles == 0 {
		return fmt.Errorf("words: read %d training paragraphs from %s and %d articles from %s; both are needed", paragraphs, data, articles, newsDir)
	}
	var words []string
	for w, in := range articlesOf {
		if len(in) >= MinWordArticles {
			words = append(words, w)
		}
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
