package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/jawab/jawab/eval"
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
}

// newCorpus chunks ps and indexes the chunks' tokens (text.ContentTokens when
// tokens is nil).
func newCorpus(ps []uqa.Paragraph, tokens func(title, chunk string) []string) *corpus {
	custom := tokens != nil
	c := &corpus{byID: map[string]int{}, kw: keyword.New()}
	for _, p := range ps {
		offsets := text.ByteOffsets(p.Text)
		for i, sp := range text.Chunks(p.Text, text.DefaultChunkOptions) {
			ch := chunk{id: p.ID + "#" + itoa(i), doc: p.ID, title: p.Title, text: p.Text[offsets[sp.Start]:offsets[sp.End]]}
			c.byID[ch.id] = len(c.chunks)
			c.chunks = append(c.chunks, ch)
			if custom {
				c.kw.Add(ch.id, tokens(ch.title, ch.text))
			} else {
				c.kw.AddSentences(ch.id, text.SentenceTokens(ch.text))
			}
		}
	}
	return c
}

func itoa(i int) string {
	const d = "0123456789"
	if i < 10 {
		return d[i : i+1]
	}
	return itoa(i/10) + d[i%10:i%10+1]
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
	var accept func(string) bool
	if s.exclude != "" {
		prefix := "uqa_" + s.exclude + "_"
		accept = func(id string) bool { return !strings.HasPrefix(id, prefix) }
	}
	var hits []rag.Hit
	for _, r := range s.c.kw.Search(text.ContentTokens(query), k, accept) {
		ch := s.c.chunks[s.c.byID[r.ID]]
		hits = append(hits, rag.Hit{Chunk: rag.Chunk{ID: ch.id, DocID: ch.doc, Text: ch.text}, Doc: rag.DocumentInfo{ID: ch.doc, Title: ch.title}, Score: r.Score})
	}
	return hits, nil
}

func (s searcher) VectorSearch(context.Context, []float32, int, rag.Filter) ([]rag.Hit, error) {
	return nil, fmt.Errorf("the experiment corpus has no vectors")
}

func (s searcher) IDF(t string) float64 { return s.c.kw.IDF(t) }

func (s searcher) ChunkAnalysis(id string) (rag.Analysis, bool) {
	words, stems, ends, ok := s.c.kw.Analysis(id)
	return rag.Analysis{Words: words, Stems: stems, SentEnds: ends}, ok
}

// analysis is the chunk's Analysis as the store would give it.
func (c *corpus) analysis(id string) rag.Analysis {
	a, _ := searcher{c: c}.ChunkAnalysis(id)
	return a
}
