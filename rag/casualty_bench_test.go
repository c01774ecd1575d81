package rag

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jawab/jawab/text"
)

// BenchmarkFoldCounts folds the casualty words of the urdu-news corpus, as
// the extract does for every sentence of an answer's passages.
func BenchmarkFoldCounts(b *testing.B) {
	files, err := filepath.Glob("../testdata/urdu-news/*.txt")
	if err != nil || len(files) == 0 {
		b.Fatalf("no urdu-news corpus: %v", err)
	}
	var sb strings.Builder
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		sb.Write(data)
		sb.WriteString("\n")
	}
	toks := text.Tokens(sb.String())
	b.ReportAllocs()
	for b.Loop() {
		foldCounts(toks, nil)
	}
}
