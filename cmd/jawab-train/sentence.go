package main

import (
	"context"
	"fmt"

	"github.com/jawab/jawab/eval"
	"github.com/jawab/jawab/rag"
)

// sentenceLists turns the answerable questions of qs into the sentence
// model's training lists: the candidate sentences of the five passages jawab
// answers from (keyword search, then the ranker m), relevant when a sentence
// holds the answer. A question none of whose candidates holds it teaches
// nothing and is left out.
func sentenceLists(c *corpus, m *rag.Model, qs []eval.Question) []list {
	a := answerer(c, m, "")
	var out []list
	for _, q := range qs {
		if !q.Answerable {
			continue
		}
		res, err := a.Retriever.Search(context.Background(), []rag.Query{{Text: q.Question}}, 5, rag.Filter{})
		if err != nil {
			panic(err) // the experiment searcher does not fail
		}
		sentences, x := a.SentenceRows(searcher{c: c}, res.Passages, q.Question)
		l := list{x: x, rel: make([]bool, len(x))}
		any := false
		for i, s := range sentences {
			l.rel[i] = hit(s, q)
			any = any || l.rel[i]
		}
		if any && len(x) > 1 {
			out = append(out, l)
		}
	}
	return out
}

// firstHolds is the share of lists whose best-scored candidate (by score;
// the first of equals) holds the answer.
func firstHolds(lists []list, score func([]float64) float64) float64 {
	if len(lists) == 0 {
		return 0
	}
	n := 0
	for _, l := range lists {
		best := 0
		for i, x := range l.x {
			if score(x) > score(l.x[best]) {
				best = i
			}
		}
		if l.rel[best] {
			n++
		}
	}
	return float64(n) / float64(len(lists))
}

// reportSentences prints how often the first sentence holds the answer, by
// coverage alone and by the sentence model, on lists.
func reportSentences(name string, lists []list, w []float64) {
	byCover := firstHolds(lists, func(x []float64) float64 { return x[0] })
	byModel := firstHolds(lists, func(x []float64) float64 { return dot(w, x) })
	fmt.Printf("    %s (%d questions with the answer in a candidate): first sentence holds it %.3f by coverage, %.3f by the model\n", name, len(lists), byCover, byModel)
}
