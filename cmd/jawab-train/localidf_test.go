package main

import (
	"math"
	"testing"
	"time"

	"github.com/jawab/jawab/rag"
	"github.com/jawab/jawab/text"
)

// TestLocalIDFExperiment asks whether the ranker lacks a feature of each
// candidate against the others: UQA's paragraphs of one article share its
// topic's words, which the collection's IDF weighs high though every
// candidate holds them. (6 December: tuning-part MRR .776 → .778–.780,
// hit@5 .862 → .861–.862; not adopted. Run with
// LOCAL_EXP=../../../shared/data/uqa-train go test ./cmd/jawab-train -run
// TestLocalIDFExperiment -v.)
//
// localFeatures are, for each candidate, the share of the question's weight
// it holds with each word weighed by its IDF times its inverse frequency
// among the candidates; the share of the weight of the words a quarter of
// the candidates or fewer hold; and both of its best sentence.
func localFeatures(c *corpus, q string, cs []cand) [][]float64 {
	toks := text.ContentTokens(q)
	var stems []string
	var idf []float64
	seen := map[string]bool{}
	for _, t := range toks {
		s := text.Stem(t)
		if seen[s] {
			continue
		}
		seen[s] = true
		stems = append(stems, s)
		w := c.kw.IDF(t)
		if w == 0 {
			w = 2
		}
		idf = append(idf, w)
	}
	sets := make([]map[string]bool, len(cs))
	sents := make([][]map[string]bool, len(cs))
	df := make([]float64, len(stems))
	for i, cd := range cs {
		ch := c.chunks[cd.chunk]
		an := c.analysis(ch.id)
		set := map[string]bool{}
		for _, s := range an.Stems {
			set[s] = true
		}
		for _, t := range text.Tokens(ch.title) {
			set[text.Stem(t)] = true
		}
		sets[i] = set
		start := int32(0)
		for _, end := range an.SentEnds {
			ss := map[string]bool{}
			for _, st := range an.Stems[start:end] {
				ss[st] = true
			}
			sents[i] = append(sents[i], ss)
			start = end
		}
		for j, s := range stems {
			if set[s] {
				df[j]++
			}
		}
	}
	n := float64(len(cs))
	out := make([][]float64, len(cs))
	for i := range cs {
		var tot, got, rareTot, rareGot float64
		for j, s := range stems {
			lw := idf[j] * math.Log((n+1)/(df[j]+0.5))
			tot += lw
			if df[j] <= n/4 {
				rareTot += idf[j]
			}
			if sets[i][s] {
				got += lw
				if df[j] <= n/4 {
					rareGot += idf[j]
				}
			}
		}
		f1, f2 := 0.0, 0.0
		if tot > 0 {
			f1 = got / tot
		}
		if rareTot > 0 {
			f2 = rareGot / rareTot
		}
		f3, f4 := 0.0, 0.0
		for _, ss := range sents[i] {
			var g, rg float64
			for j, st := range stems {
				if ss[st] {
					g += idf[j] * math.Log((n+1)/(df[j]+0.5))
					if df[j] <= n/4 {
						rg += idf[j]
					}
				}
			}
			if tot > 0 {
				f3 = max(f3, g/tot)
			}
			if rareTot > 0 {
				f4 = max(f4, rg/rareTot)
			}
		}
		out[i] = []float64{f1, f2, f3, f4}
	}
	return out
}

// candidatesLocal are the candidates with localFeatures after the ranker's.
func candidatesLocal(c *corpus, q string) []cand {
	cs := c.candidates(q)
	lf := localFeatures(c, q, cs)
	for i := range cs {
		cs[i].x = append(append([]float64{}, cs[i].x...), lf[i]...)
	}
	return cs
}

func TestLocalIDFExperiment(t *testing.T) {
	m, d, n := experiment(t, "LOCAL_EXP", "LOCAL_N", 10000)
	t0 := time.Now()
	e := newRankExperiment(m, d, n)
	tc, tq := e.tune, e.tuneQs
	lists := e.train.listsOf(e.trainQs, func(q string) []cand { return candidatesLocal(e.train, q) })
	nf := len(rag.FeatureNames)
	base := make([]list, len(lists))
	for i, l := range lists {
		base[i].rel = l.rel
		for _, x := range l.x {
			base[i].x = append(base[i].x, x[:nf])
		}
	}
	t.Logf("%d lists (%.0fs)", len(lists), time.Since(t0).Seconds())
	rankWith := e.rankWith(func(q string) []cand { return candidatesLocal(tc, q) })
	score1 := func(w []float64) func([]float64) float64 { return (&rag.Model{Weights: w}).Score }
	t.Logf("model file      %s", score(tc, tq, rankWith(func(x []float64) float64 { return m.Score(x[:nf]) })))
	wb := fitListwise(base, nf, 30, 1e-4)
	t.Logf("linear refit    %s", score(tc, tq, rankWith(func(x []float64) float64 { return score1(wb)(x[:nf]) })))
	wl := fitListwise(lists, nf+4, 30, 1e-4)
	t.Logf("with local      %s  weights %v", score(tc, tq, rankWith(score1(wl))), wl[nf:])
	sub := func(keep ...int) []list {
		out := make([]list, len(lists))
		for i, l := range lists {
			out[i].rel = l.rel
			for _, x := range l.x {
				y := append([]float64{}, x[:nf]...)
				for _, k := range keep {
					y = append(y, x[nf+k])
				}
				out[i].x = append(out[i].x, y)
			}
		}
		return out
	}
	for _, keep := range [][]int{{0}, {2}, {0, 2}, {2, 3}} {
		w := fitListwise(sub(keep...), nf+len(keep), 30, 1e-4)
		t.Logf("local %v  %s  weights %v", keep, score(tc, tq, rankWith(func(x []float64) float64 {
			y := append([]float64{}, x[:nf]...)
			for _, k := range keep {
				y = append(y, x[nf+k])
			}
			return score1(w)(y)
		})), w[nf:])
	}
}
