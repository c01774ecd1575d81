package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/jawab/jawab/eval"
	"github.com/jawab/jawab/index/ingest"
	"github.com/jawab/jawab/index/keyword"
	"github.com/jawab/jawab/internal/uqa"
	"github.com/jawab/jawab/rag"
	"github.com/jawab/jawab/text"
)

// chunk is one passage of an experiment's corpus, cut as ingest cuts them.
type chunk struct {
	id, doc, title, text string
}

// corpus is a set's passages with a keyword index over them, built the way
// jawab's store builds its own.
type corpus struct {
	chunks []chunk
	byID   map[string]int
	kw     *keyword.Index
	assoc  rag.Associations
	// expand: the first stage searches the question's words and their
	// associates (rag.ExpandTerms), as jawab does, rather than its words alone.
	expand bool
}

// newCorpus chunks ps as ingest does and indexes the chunks as the store
// does.
func newCorpus(ps []uqa.Paragraph) *corpus {
	c := &corpus{byID: map[string]int{}, kw: keyword.New()}
	var in ingest.Ingester
	for _, p := range ps {
		chunks, _ := in.Chunk(rag.Document{ID: p.ID, Title: p.Title, Text: p.Text})
		for _, ch := range chunks {
			c.byID[ch.ID] = len(c.chunks)
			c.chunks = append(c.chunks, chunk{id: ch.ID, doc: p.ID, title: p.Title, text: ch.Text})
			sents, next := text.SentenceTokensFollowed(ch.Text)
			c.kw.AddSentences(ch.ID, sents, next)
		}
	}
	return c
}

// hit is the eval harness's rule: the passage contains an evidence span.
func hit(passage string, q eval.Question) bool { return eval.HasEvidence(passage, q.Evidence) }

// searcher is rag.Searcher over a corpus's keyword index, leaving out one
// article's paragraphs when exclude is set (a question about a topic the
// collection does not cover).
type searcher struct {
	c       *corpus
	exclude string // an article number, or ""
}

func (s searcher) KeywordSearch(_ context.Context, query string, k int, _ rag.Filter) ([]rag.Hit, error) {
	var hits []rag.Hit
	for _, r := range s.c.kw.Search(text.ContentTokens(query), k, s.accept()) {
		hits = append(hits, s.c.hit(r))
	}
	return hits, nil
}

// accept leaves out the excluded article's paragraphs (nil: none).
func (s searcher) accept() func(string) bool {
	if s.exclude == "" {
		return nil
	}
	prefix := "uqa_" + s.exclude + "_"
	return func(id string) bool { return !strings.HasPrefix(id, prefix) }
}

// hit is a search result as a rag.Hit.
func (c *corpus) hit(r keyword.Result) rag.Hit {
	ch := c.chunks[c.byID[r.ID]]
	return rag.Hit{Chunk: rag.Chunk{ID: ch.id, DocID: ch.doc, Text: ch.text}, Doc: rag.DocumentInfo{ID: ch.doc, Title: ch.title}, Score: r.Score}
}

func (s searcher) VectorSearch(context.Context, []float32, int, rag.Filter) ([]rag.Hit, error) {
	return nil, fmt.Errorf("the experiment corpus has no vectors")
}

func (s searcher) WeightedKeywordSearch(_ context.Context, query []rag.WeightedTerm, k int, _ rag.Filter) ([]rag.Hit, error) {
	var hits []rag.Hit
	for _, r := range s.c.kw.SearchWeighted(keywordTerms(query), k, s.accept()) {
		hits = append(hits, s.c.hit(r))
	}
	return hits, nil
}

// keywordTerms converts rag's weighted terms to the keyword index's.
func keywordTerms(query []rag.WeightedTerm) []keyword.WeightedTerm {
	terms := make([]keyword.WeightedTerm, len(query))
	for i, t := range query {
		terms[i] = keyword.WeightedTerm{Term: t.Term, Weight: t.Weight}
	}
	return terms
}

// IDF weighs a word in memory (rag.TermWeigher), as the gate's training
// reads it.
func (s searcher) IDF(t string) float64 { return s.c.kw.IDF(t) }

func (s searcher) IDFs(_ context.Context, tokens []string) ([]float64, error) {
	out := make([]float64, len(tokens))
	for i, t := range tokens {
		out[i] = s.IDF(t)
	}
	return out, nil
}

// ChunkTerms is nil: MMR then compares passages by their text, as it did
// when the model file was built (it must rebuild byte for byte).
func (s searcher) ChunkTerms(string) []int32 { return nil }

func (s searcher) Vocabulary(func(word string, df int)) {}

func (s searcher) VocabularySize() int { return 0 }

func (s searcher) ChunkAnalysis(id string) (rag.Analysis, bool) {
	words, stems, ends, next, ok := s.c.kw.Analysis(id)
	return rag.Analysis{Words: words, Stems: stems, SentEnds: ends, Next: next}, ok
}

// analysis is the chunk's Analysis as the store would give it.
func (c *corpus) analysis(id string) rag.Analysis {
	a, _ := searcher{c: c}.ChunkAnalysis(id)
	return a
}
