package translit

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/jawab/jawab/text"
)

// corpusVocab is the vocabulary of the seed articles (pk-ru) and the 500
// distractor articles (urdu-news) as a keyword index holds it: each word
// in text.Tokens form with the number of chunks (text.Chunks, default
// options) that hold it.
var corpusVocab = sync.OnceValues(func() ([]Word, error) {
	var files []string
	for _, dir := range []string{"pk-ru", "urdu-news"} {
		fs, err := filepath.Glob(filepath.Join("..", "testdata", dir, "*.txt"))
		if err != nil {
			return nil, err
		}
		files = append(files, fs...)
	}
	df := map[string]int{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		rs := []rune(string(b))
		for _, sp := range text.Chunks(string(b), text.DefaultChunkOptions) {
			seen := map[string]bool{}
			for _, w := range text.Tokens(string(rs[sp.Start:sp.End])) {
				if !seen[w] {
					seen[w] = true
					df[w]++
				}
			}
		}
	}
	words := make([]Word, 0, len(df))
	for w, n := range df {
		words = append(words, Word{Text: w, DF: n})
	}
	return words, nil
})

var corpusMatcher = sync.OnceValues(func() (*Matcher, error) {
	words, err := corpusVocab()
	if err != nil {
		return nil, err
	}
	return NewMatcher(words), nil
})

// realMatcher is the Matcher over the corpus vocabulary.
func realMatcher(tb testing.TB) *Matcher {
	tb.Helper()
	m, err := corpusMatcher()
	if err != nil {
		tb.Fatalf("corpus vocabulary: %v", err)
	}
	if m.Len() < 10000 {
		tb.Fatalf("corpus vocabulary has %d words, want the pk-ru and urdu-news articles' (over 10,000)", m.Len())
	}
	return m
}
