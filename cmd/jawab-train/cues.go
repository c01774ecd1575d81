package main

import (
	"context"
	"hash/fnv"
	"math"
	"slices"

	"github.com/jawab/jawab/eval"
	"github.com/jawab/jawab/internal/uqa"
	"github.com/jawab/jawab/rag"
	"github.com/jawab/jawab/text"
)

// The gate's lexical cues (rag.Cues) are learned from answerable and
// SQuAD-style unanswerable questions, each asked of a collection holding its
// article, by the words of the question and those the first passage lacks.

// cueMinArticles is how many training articles' questions a word must occur
// in to get a cue weight: a word of a few articles is a topic (an article
// with no unanswerable question makes its names look answerable), not a way
// of asking.
const cueMinArticles = 30

// cueExample is one question's cue words and whether it is answerable.
type cueExample struct {
	words rag.CueWords
	y     bool
}

// cueVocabulary is the words of the questions of at least cueMinArticles
// articles.
func cueVocabulary(qs []eval.Question) map[string]bool {
	arts := map[string]map[string]bool{}
	for _, q := range qs {
		a := uqa.QuestionArticle(q.ID)
		for _, t := range text.Tokens(q.Question) {
			if arts[t] == nil {
				arts[t] = map[string]bool{}
			}
			arts[t][a] = true
		}
	}
	vocab := map[string]bool{}
	for t, as := range arts {
		if len(as) >= cueMinArticles {
			vocab[t] = true
		}
	}
	return vocab
}

// cueExamples asks up to n answerable and n unanswerable questions of c,
// from the articles that have both kinds (an article whose questions are all
// answerable would teach its own words), and keeps the words of the passage
// the gate judges.
func cueExamples(c *corpus, m *rag.Model, qs []eval.Question, n int, salt string) []cueExample {
	withUnanswerable := map[string]bool{}
	for _, q := range qs {
		if !q.Answerable {
			withUnanswerable[uqa.QuestionArticle(q.ID)] = true
		}
	}
	var out []cueExample
	for _, answerable := range []bool{true, false} {
		keep := func(q eval.Question) bool {
			return q.Answerable == answerable && withUnanswerable[uqa.QuestionArticle(q.ID)]
		}
		for _, q := range uqa.Sample(qs, n, salt, keep) {
			a := answerer(c, m, "")
			res, err := a.Retriever.Search(context.Background(), []rag.Query{{Text: q.Question}}, 5, rag.Filter{})
			if err != nil {
				panic(err) // the experiment searcher does not fail
			}
			if w, ok := a.CueWords(searcher{c: c}, res.Passages, q.Question); ok {
				out = append(out, cueExample{w, answerable})
			}
		}
	}
	return out
}

// fitCues fits Cues to examples: a logistic regression over the vocabulary's
// words by place, each class weighted by the inverse of its size, with an L2
// penalty (most words are seen a few dozen times), by AdaGrad over a fixed
// order of the examples, so that a run is reproducible.
func fitCues(examples []cueExample, vocab map[string]bool, epochs int, l2 float64) *rag.Cues {
	places := func(w rag.CueWords) [3][]string {
		var p [3][]string
		for i, ts := range [3][]string{w.Asked, w.Missing, w.SentMissing} {
			for _, t := range ts {
				if vocab[t] {
					p[i] = append(p[i], t)
				}
			}
		}
		return p
	}
	weights := [3]map[string]float64{{}, {}, {}}
	sq := [3]map[string]float64{{}, {}, {}}
	var bias, biasSq float64
	var pos float64
	for _, e := range examples {
		if e.y {
			pos++
		}
	}
	n := float64(len(examples))
	wPos, wNeg := n/(2*pos), n/(2*(n-pos))
	order := make([]int, len(examples))
	for i := range order {
		order[i] = i
	}
	// A fixed shuffle: by a hash of the index.
	slices.SortFunc(order, func(a, b int) int { return int(hashIndex(a)>>33) - int(hashIndex(b)>>33) })
	const rate = 0.1
	for ep := 0; ep < epochs; ep++ {
		for _, i := range order {
			e := examples[i]
			p := places(e.words)
			z := bias
			for k := range p {
				for _, t := range p[k] {
					z += weights[k][t]
				}
			}
			g := 1/(1+math.Exp(-z)) - 1
			cw := wPos
			if !e.y {
				g, cw = g+1, wNeg
			}
			g *= cw
			biasSq += g * g
			bias -= rate * g / math.Sqrt(biasSq+1e-8)
			for k := range p {
				for _, t := range p[k] {
					gt := g + l2*weights[k][t]
					sq[k][t] += gt * gt
					weights[k][t] -= rate * gt / math.Sqrt(sq[k][t]+1e-8)
				}
			}
		}
	}
	c := &rag.Cues{Asked: map[string]float64{}, Missing: map[string]float64{}, SentMissing: map[string]float64{}, Bias: round6(bias)}
	for k, m := range [3]map[string]float64{c.Asked, c.Missing, c.SentMissing} {
		for t, w := range weights[k] {
			if w = round6(w); w != 0 {
				m[t] = w
			}
		}
	}
	return c
}

func hashIndex(i int) uint64 {
	h := fnv.New64a()
	h.Write([]byte{byte(i), byte(i >> 8), byte(i >> 16), byte(i >> 24)})
	return h.Sum64()
}

// round6 keeps six decimals: the model file stays small and its bytes do not
// depend on the last bits of a sum's order.
func round6(x float64) float64 { return math.Round(x*1e6) / 1e6 }

// cueAUC is the probability that c ranks a random answerable example above a
// random unanswerable one.
func cueAUC(c *rag.Cues, examples []cueExample) float64 {
	var pos, neg []float64
	for _, e := range examples {
		if z := c.Logit(e.words); e.y {
			pos = append(pos, z)
		} else {
			neg = append(neg, z)
		}
	}
	slices.Sort(neg)
	wins := 0.0
	for _, z := range pos {
		lo, _ := slices.BinarySearch(neg, z)
		hi := lo
		for hi < len(neg) && neg[hi] == z {
			hi++
		}
		wins += float64(lo) + float64(hi-lo)/2
	}
	return wins / float64(len(pos)*len(neg))
}

// The cues' fit: a few passes, and an L2 penalty that keeps a word seen in a
// few dozen questions from a large weight.
const (
	cueEpochs = 2
	cueL2     = 1e-3
)
