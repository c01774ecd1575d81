package main

import (
	"cmp"
	"slices"

	"github.com/jawab/jawab/eval"
	"github.com/jawab/jawab/index/keyword"
	"github.com/jawab/jawab/internal/uqa"
	"github.com/jawab/jawab/rag"
	"github.com/jawab/jawab/text"
)

// depth is how many BM25 candidates the learned ranker rescores.
const depth = 40

type cand struct {
	chunk int
	x     []float64
}

// candidates retrieves depth chunks for q by BM25 and computes their features.
func (c *corpus) candidates(q string) []cand {
	rq := rag.NewRankQuery(q, c.kw, c.assoc)
	var res []keyword.Result
	if c.expand && c.assoc != nil {
		res = c.kw.SearchWeighted(keywordTerms(rag.ExpandTerms(c.assoc, q)), depth, nil)
	}
	if res == nil {
		res = c.kw.Search(text.ContentTokens(q), depth, nil)
	}
	out := make([]cand, len(res))
	for i, r := range res {
		ch := c.chunks[c.byID[r.ID]]
		out[i] = cand{chunk: c.byID[r.ID], x: rq.Features(ch.title, c.analysis(r.ID), r.Score, 1/float64(60+i+1)*61)}
	}
	return out
}

// lists turns the answerable questions of qs into training lists: relevant
// are the candidates from the paragraph the question was written against that
// contain its answer.
func (c *corpus) lists(qs []eval.Question) []list {
	return c.listsOf(qs, c.candidates)
}

// listsOf is lists with the candidates and their features found by
// candidates (an experiment's, with features of its own).
func (c *corpus) listsOf(qs []eval.Question, candidates func(q string) []cand) []list {
	var out []list
	for _, q := range qs {
		if !q.Answerable {
			continue
		}
		gold := uqa.ParagraphOf(q.ID)
		cs := candidates(q.Question)
		l := list{}
		any := false
		for _, cd := range cs {
			ch := c.chunks[cd.chunk]
			rel := ch.doc == gold && hit(ch.text, q)
			if !rel && hit(ch.text, q) {
				continue // the answer elsewhere: neither right nor wrong to rank high
			}
			any = any || rel
			l.x = append(l.x, cd.x)
			l.rel = append(l.rel, rel)
		}
		if any && len(l.x) > 1 {
			out = append(out, l)
		}
	}
	return out
}

// rankBy orders a question's BM25 candidates by fn of their features, BM25's
// order breaking ties (fn ≡ 0 is BM25 itself).
func rankBy(c *corpus, fn func([]float64) float64) func(eval.Question) []int {
	return func(q eval.Question) []int { return orderBy(c.candidates(q.Question), fn) }
}

// orderBy orders candidates by fn of their features, the first stage's
// order breaking ties, and returns their chunk indexes.
func orderBy(cs []cand, fn func([]float64) float64) []int {
	s := make([]float64, len(cs))
	for i, cd := range cs {
		s[i] = fn(cd.x)
	}
	order := make([]int, len(cs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(s[b], s[a]) })
	out := make([]int, len(cs))
	for i, o := range order {
		out[i] = cs[o].chunk
	}
	return out
}
