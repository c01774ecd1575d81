package main

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"slices"
	"sort"
	"testing"

	"github.com/jawab/jawab/internal/uqa"
	"github.com/jawab/jawab/rag"
	"github.com/jawab/jawab/rag/model"
)

// Gradient-boosted regression trees, for the experiments that tried them
// against jawab's linear models (TestGateTreesExperiment,
// TestRankTreesExperiment): neither was kept, so they live with the tests.

// trees is a boosted ensemble: its score is rate times the sum of the
// leaves a feature vector falls in.
type trees struct {
	rate  float64
	trees []tree
}

// tree is one regression tree, its nodes in flat arrays with the root at 0:
// node k sends x to left[k] when x[feature[k]] ≤ threshold[k] (bin[k] for a
// binned row), else to right[k]; a leaf has left -1 and its value in value.
type tree struct {
	feature, bin, left, right []int
	threshold, value          []float64
}

func (e *trees) score(x []float64) float64 {
	s := 0.0
	for i := range e.trees {
		t := &e.trees[i]
		k := 0
		for t.left[k] >= 0 {
			if x[t.feature[k]] <= t.threshold[k] {
				k = t.left[k]
			} else {
				k = t.right[k]
			}
		}
		s += t.value[k]
	}
	return e.rate * s
}

// probability is the logistic of the score, for an ensemble fitted to the
// log loss.
func (e *trees) probability(x []float64) float64 { return 1 / (1 + math.Exp(-e.score(x))) }

// boostConfig sets a gradient-boosted tree ensemble's fit.
type boostConfig struct {
	rounds  int     // trees
	depth   int     // splits from root to leaf
	rate    float64 // shrinkage of each tree's values
	minLeaf int     // rows a leaf holds at least
	lambda  float64 // L2 penalty on a leaf's value
}

// binned are a training set's features cut at their quantiles: a split
// "x ≤ cuts[j][k]" is "bins[i][j] ≤ k", so a node's best split is found
// from one histogram per feature instead of a pass per candidate cut.
type binned struct {
	cuts [][]float64
	bins [][]uint8
}

func binFeatures(x [][]float64, nbins int) binned {
	dim := len(x[0])
	b := binned{cuts: make([][]float64, dim), bins: make([][]uint8, len(x))}
	vs := make([]float64, len(x))
	for j := range dim {
		for i := range x {
			vs[i] = x[i][j]
		}
		sort.Float64s(vs)
		for q := 1; q < nbins; q++ {
			c := vs[q*len(vs)/nbins]
			if len(b.cuts[j]) == 0 || b.cuts[j][len(b.cuts[j])-1] != c {
				b.cuts[j] = append(b.cuts[j], c)
			}
		}
	}
	for i := range x {
		b.bins[i] = make([]uint8, dim)
		for j, v := range x[i] {
			b.bins[i][j] = uint8(sort.SearchFloat64s(b.cuts[j], v))
		}
	}
	return b
}

// boost fits trees to the gradients grad gives for the ensemble's current
// scores z (one per row): grad fills g and h with each row's first and
// second derivative of the loss. Each leaf's value is the Newton step
// -G/(H+λ).
func boost(b binned, cfg boostConfig, grad func(z, g, h []float64)) *trees {
	n := len(b.bins)
	e := &trees{rate: cfg.rate}
	z, g, h := make([]float64, n), make([]float64, n), make([]float64, n)
	rows := make([]int, n)
	for i := range rows {
		rows[i] = i
	}
	for range cfg.rounds {
		grad(z, g, h)
		t := &tree{}
		growTree(t, b, g, h, slices.Clone(rows), cfg, cfg.depth)
		e.trees = append(e.trees, *t)
		for i := range n {
			z[i] += cfg.rate * t.value[leafOf(t, b.bins[i])]
		}
	}
	return e
}

// leafOf is the leaf a binned row falls in.
func leafOf(t *tree, bins []uint8) int {
	k := 0
	for t.left[k] >= 0 {
		if int(bins[t.feature[k]]) <= t.bin[k] {
			k = t.left[k]
		} else {
			k = t.right[k]
		}
	}
	return k
}

// grow adds the node for rows to t and, depth allowing, splits it; it
// returns the node's index.
func growTree(t *tree, b binned, g, h []float64, rows []int, cfg boostConfig, depth int) int {
	var G, H float64
	for _, i := range rows {
		G += g[i]
		H += h[i]
	}
	k := len(t.value)
	t.feature = append(t.feature, 0)
	t.threshold = append(t.threshold, 0)
	t.bin = append(t.bin, 0)
	t.left = append(t.left, -1)
	t.right = append(t.right, -1)
	t.value = append(t.value, -G/(H+cfg.lambda))
	if depth == 0 || len(rows) < 2*cfg.minLeaf {
		return k
	}
	dim := len(b.cuts)
	best, bf, bk := 0.0, -1, 0
	parent := G * G / (H + cfg.lambda)
	var hg, hh [256]float64
	var hn [256]int
	for j := range dim {
		nb := len(b.cuts[j]) + 1
		clear(hg[:nb])
		clear(hh[:nb])
		clear(hn[:nb])
		for _, i := range rows {
			v := b.bins[i][j]
			hg[v] += g[i]
			hh[v] += h[i]
			hn[v]++
		}
		var gl, hl float64
		nl := 0
		for c := 0; c < nb-1; c++ {
			gl, hl, nl = gl+hg[c], hl+hh[c], nl+hn[c]
			if nl < cfg.minLeaf || len(rows)-nl < cfg.minLeaf {
				continue
			}
			gr, hr := G-gl, H-hl
			if gain := gl*gl/(hl+cfg.lambda) + gr*gr/(hr+cfg.lambda) - parent; gain > best {
				best, bf, bk = gain, j, c
			}
		}
	}
	if bf < 0 {
		return k
	}
	var left, right []int
	for _, i := range rows {
		if int(b.bins[i][bf]) <= bk {
			left = append(left, i)
		} else {
			right = append(right, i)
		}
	}
	t.feature[k], t.bin[k], t.threshold[k] = bf, bk, b.cuts[bf][bk]
	l := growTree(t, b, g, h, left, cfg, depth-1)
	r := growTree(t, b, g, h, right, cfg, depth-1)
	t.left[k], t.right[k] = l, r
	return k
}

// listwiseGrad is the listwise softmax loss's gradient for boost, the rows
// being the lists' candidates in order: for each list, minus the log of the
// probability mass its scores' softmax puts on the relevant candidates.
func listwiseGrad(lists []list) func(z, g, h []float64) {
	return func(z, g, h []float64) {
		at := 0
		for _, l := range lists {
			n := len(l.x)
			p := slices.Clone(z[at : at+n])
			sum, sumRel := softmaxMass(p, l.rel)
			for i := range p {
				pi := p[i] / sum
				gi, hi := pi, pi*(1-pi)
				if l.rel[i] {
					q := p[i] / sumRel
					gi -= q
					hi -= q * (1 - q)
				}
				g[at+i], h[at+i] = gi, max(hi, 1e-6)
			}
			at += n
		}
	}
}

// logLossGrad is the log loss's gradient for boost, each class weighted by
// the inverse of its size (as fitLogistic), so that the probability is
// calibrated for a balanced prior.
func logLossGrad(y []bool) func(z, g, h []float64) {
	wPos, wNeg := classWeights(y)
	return func(z, g, h []float64) {
		for i := range z {
			p := 1 / (1 + math.Exp(-z[i]))
			if y[i] {
				g[i], h[i] = wPos*(p-1), wPos*p*(1-p)
			} else {
				g[i], h[i] = wNeg*p, wNeg*p*(1-p)
			}
		}
	}
}

// The trees learn what no additive score can: a candidate is relevant when
// exactly one of its two features is high, and the ensemble ranks every
// relevant candidate of a list above every other. (No f(a)+g(b) can: it
// would need f(high) > f(low) and f(low) > f(high).)
func TestBoostListwise(t *testing.T) {
	var lists []list
	var x [][]float64
	for q := range 200 {
		l := list{}
		for c := range 8 {
			a, b := float64((q+c)%4)/3, float64((q*3+c*5)%7)/6
			l.x = append(l.x, []float64{a, b})
			l.rel = append(l.rel, (a > 0.5) != (b > 0.5))
		}
		if slices.Contains(l.rel, true) && slices.Contains(l.rel, false) {
			lists = append(lists, l)
			x = append(x, l.x...)
		}
	}
	e := boost(binFeatures(x, 16), boostConfig{rounds: 50, depth: 2, rate: 0.3, minLeaf: 5, lambda: 1}, listwiseGrad(lists))
	for _, l := range lists {
		worstRel, bestIrrel := math.Inf(1), math.Inf(-1)
		for i, v := range l.x {
			if l.rel[i] {
				worstRel = min(worstRel, e.score(v))
			} else {
				bestIrrel = max(bestIrrel, e.score(v))
			}
		}
		if worstRel <= bestIrrel {
			t.Fatalf("a list's irrelevant candidate scores %.3f, not below its relevant ones (%.3f): %v", bestIrrel, worstRel, l.x)
		}
	}
}

// experiment reads what a UQA experiment needs: the built-in model, the UQA
// train split from the directory in environment variable dirVar (the test
// is skipped without it), and a count from countVar (n when unset).
func experiment(t *testing.T, dirVar, countVar string, n int) (*rag.Model, *uqa.Data, int) {
	t.Helper()
	dir := os.Getenv(dirVar)
	if dir == "" {
		t.Skip("an experiment: set " + dirVar + " to the UQA train split's directory")
	}
	m, err := rag.ReadModel(bytes.NewReader(model.File), model.Path)
	if err != nil {
		t.Fatal(err)
	}
	d, err := uqa.Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	if s := os.Getenv(countVar); s != "" {
		if _, err := fmt.Sscan(s, &n); err != nil {
			t.Fatalf("%s=%q: %v", countVar, s, err)
		}
	}
	return m, d, n
}
