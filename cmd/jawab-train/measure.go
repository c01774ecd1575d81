package main

import (
	"fmt"
	"os"

	"github.com/jawab/jawab/eval"
	"github.com/jawab/jawab/internal/uqa"
	"github.com/jawab/jawab/rag"
)

// metrics are ranking scores over answerable questions, as sums.
type metrics struct{ n, h1, h5, rr, r20, r50 float64 }

func (m metrics) String() string {
	return fmt.Sprintf("n=%d hit@1 %.3f hit@5 %.3f mrr %.3f recall@20 %.3f @50 %.3f", int(m.n), m.h1/m.n, m.h5/m.n, m.rr/m.n, m.r20/m.n, m.r50/m.n)
}

// score ranks every answerable question of qs with rank (chunk indexes, best
// first) and scores the ranking with the eval harness's hit rule.
func score(c *corpus, qs []eval.Question, rank func(q eval.Question) []int) metrics {
	var m metrics
	for _, q := range qs {
		if !q.Answerable {
			continue
		}
		m.n++
		for r, i := range rank(q) {
			if !hit(c.chunks[i].text, q) {
				continue
			}
			if r == 0 {
				m.h1++
			}
			if r < 5 {
				m.h5++
			}
			if r < 10 {
				m.rr += 1 / float64(r+1)
			}
			if r < 20 {
				m.r20++
			}
			if r < 50 {
				m.r50++
			}
			break
		}
	}
	return m
}

// measure compares BM25 with the learned ranker of a model file on an
// evaluation set, by the ranking metrics alone (no answers): a quick check of
// a model between `jawab-train model` and a full `jawab eval`.
func measure(dir, modelPath string) error {
	s, err := uqa.Read(dir)
	if err != nil {
		return err
	}
	f, err := os.Open(modelPath)
	if err != nil {
		return err
	}
	defer f.Close()
	m, err := rag.ReadModel(f, modelPath)
	if err != nil {
		return err
	}
	c := newCorpus(s.Paragraphs)
	c.assoc = m
	fmt.Printf("%s: %d chunks\n", dir, len(c.chunks))
	fmt.Printf("bm25    %s\n", score(c, s.Questions, rankBy(c, func([]float64) float64 { return 0 })))
	fmt.Printf("learned %s\n", score(c, s.Questions, rankBy(c, m.Score)))
	return nil
}
