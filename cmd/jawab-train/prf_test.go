package main

import (
	"fmt"
	"math"
	"os"
	"slices"
	"testing"

	"github.com/jawab/jawab/index/keyword"
	"github.com/jawab/jawab/internal/uqa"
	"github.com/jawab/jawab/text"
)

// TestPRFExperiment measures pseudo-relevance feedback (RM3-style: the top fb
// passages' words by tf × IDF, weighted by the passages' scores, added to the
// query at beta times their weight) against BM25 alone on an evaluation set:
// the first stage's recall@40, which bounds the ranker, and its own order.
// It was tried and not kept (docs/history/ranking.md, "Tried and not kept"); run it with
//
//	PRF_SET=../../../tune/uqa-tune go test ./cmd/jawab-train -run TestPRFExperiment -v
func TestPRFExperiment(t *testing.T) {
	dir := os.Getenv("PRF_SET")
	if dir == "" {
		t.Skip("an experiment: set PRF_SET to a UQA part's directory (go run ./cmd/jawab-train sets)")
	}
	s, err := uqa.Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	c := newCorpus(s.Paragraphs)
	type res struct{ r40, r20, r5, rr, n float64 }
	eval := func(name string, search func(q string) []keyword.Result) {
		var m res
		for _, q := range s.Questions {
			if !q.Answerable {
				continue
			}
			m.n++
			for r, x := range search(q.Question) {
				if hit(c.chunks[c.byID[x.ID]].text, q) {
					if r < 40 {
						m.r40++
					}
					if r < 20 {
						m.r20++
					}
					if r < 5 {
						m.r5++
					}
					if r < 10 {
						m.rr += 1 / float64(r+1)
					}
					break
				}
			}
		}
		fmt.Printf("%s: recall@40 %.3f @20 %.3f hit@5 %.3f mrr %.3f\n", name, m.r40/m.n, m.r20/m.n, m.r5/m.n, m.rr/m.n)
	}
	base := func(q string) []keyword.Result { return c.kw.Search(text.ContentTokens(q), 40, nil) }
	eval("bm25", base)
	for _, fb := range []int{3, 5} {
		for _, nt := range []int{5, 10, 20} {
			for _, beta := range []float64{0.2, 0.4} {
				prf := func(q string) []keyword.Result {
					qt := text.ContentTokens(q)
					first := c.kw.Search(qt, fb, nil)
					w := map[string]float64{}
					z := 0.0
					for _, r := range first {
						z += math.Exp(r.Score - first[0].Score)
					}
					for _, r := range first {
						pw := math.Exp(r.Score-first[0].Score) / z
						a := c.analysis(r.ID)
						tf := map[string]float64{}
						for _, tok := range a.Words {
							if !text.IsStopword(tok) {
								tf[tok]++
							}
						}
						for tok, f := range tf {
							w[tok] += pw * f / float64(len(a.Words)) * c.kw.IDF(tok)
						}
					}
					var terms []string
					for tok := range w {
						if !slices.Contains(qt, tok) {
							terms = append(terms, tok)
						}
					}
					slices.SortFunc(terms, func(a, b string) int {
						if w[a] != w[b] {
							if w[a] > w[b] {
								return -1
							}
							return 1
						}
						if a < b {
							return -1
						}
						return 1
					})
					if len(terms) > nt {
						terms = terms[:nt]
					}
					var wq []keyword.WeightedTerm
					for _, tok := range qt {
						wq = append(wq, keyword.WeightedTerm{Term: tok, Weight: 1})
					}
					top := 0.0
					for _, tok := range terms {
						top = max(top, w[tok])
					}
					for _, tok := range terms {
						wq = append(wq, keyword.WeightedTerm{Term: tok, Weight: beta * w[tok] / top})
					}
					return c.kw.SearchWeighted(wq, 40, nil)
				}
				eval(fmt.Sprintf("prf fb=%d terms=%d beta=%.1f", fb, nt, beta), prf)
			}
		}
	}
}
