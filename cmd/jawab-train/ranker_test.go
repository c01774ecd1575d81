package main

import (
	"context"
	"testing"

	"github.com/jawab/jawab/internal/uqa"
	"github.com/jawab/jawab/rag"
)

// assocOf is a fixed word-association table.
type assocOf map[string]map[string]float64

func (a assocOf) Answers(q string) map[string]float64 { return a[q] }

// Trained behind the expanded first stage, the ranker's candidates include a
// paragraph that holds only an associate of the question's word, as jawab's
// search finds it; the weighted search leaves out the excluded article, as
// the plain one does.
func TestExpandedCandidates(t *testing.T) {
	c := newCorpus([]uqa.Paragraph{
		{ID: "uqa_001_000", Title: "لاہور", Text: "لاہور پنجاب کا دارالحکومت ہے اور یہاں بہت سے باغ ہیں۔"},
		{ID: "uqa_002_000", Title: "شاعر", Text: "علامہ اقبال کی پیدائش سیالکوٹ میں ہوئی۔"},
	})
	c.assoc = assocOf{"پیدا": {"پیدائش": 0.9}}
	q := "اقبال کہاں پیدا ہوئے؟"
	holds := func() bool {
		for _, cd := range c.candidates("پیدا ہوئے") {
			if c.chunks[cd.chunk].doc == "uqa_002_000" {
				return true
			}
		}
		return false
	}
	if holds() {
		t.Fatal("the plain search found the paragraph by پیدا alone: nothing to test")
	}
	c.expand = true
	if !holds() {
		t.Error("the expanded search did not find the paragraph that holds پیدائش, پیدا's associate")
	}
	terms := rag.ExpandTerms(c.assoc, q)
	for _, exclude := range []string{"", "002"} {
		hits, err := searcher{c: c, exclude: exclude}.WeightedKeywordSearch(context.Background(), terms, 5, rag.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, h := range hits {
			found = found || h.Chunk.DocID == "uqa_002_000"
		}
		if found != (exclude == "") {
			t.Errorf("exclude %q: the paragraph found %v, want %v", exclude, found, exclude == "")
		}
	}
}
