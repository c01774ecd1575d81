package text

import (
	"path/filepath"
	"strings"
	"testing"
)

// benchCorpus is the concatenated testdata/urdu-news articles (about 1.5 MB,
// 500 articles), the closest thing we have to production input.
func benchCorpus(b *testing.B) string {
	b.Helper()
	files, err := filepath.Glob("../testdata/urdu-news/*.txt")
	if err != nil || len(files) == 0 {
		b.Fatalf("no urdu-news corpus: %v", err)
	}
	var sb strings.Builder
	for _, f := range files {
		sb.WriteString(readFile(b, f))
		sb.WriteString("\n")
	}
	return sb.String()
}

func BenchmarkNormalize(b *testing.B) {
	s := benchCorpus(b)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		Normalize(s)
	}
}

func BenchmarkTokens(b *testing.B) {
	s := benchCorpus(b)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		Tokens(s)
	}
}

// BenchmarkContentTokens is Tokens plus what the index adds: stopwords
// dropped and acronyms spelled in letter names read as one word.
func BenchmarkContentTokens(b *testing.B) {
	s := benchCorpus(b)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		ContentTokens(s)
	}
}

func BenchmarkSentences(b *testing.B) {
	s := benchCorpus(b)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		Sentences(s)
	}
}

func BenchmarkChunks(b *testing.B) {
	s := benchCorpus(b)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		Chunks(s, DefaultChunkOptions)
	}
}

// BenchmarkReadNumber tries a number at every token of the corpus, as a
// check that a sentence states an amount does (rag's statesAmount).
func BenchmarkReadNumber(b *testing.B) {
	toks := Tokens(benchCorpus(b))
	b.ReportAllocs()
	for b.Loop() {
		for i := range toks {
			ReadNumber(toks, i)
		}
	}
}
