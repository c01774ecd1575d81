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

// TestGateTreesExperiment compares the gate's logistic regression with a
// boosted tree ensemble over the same features, fitted on the same rows,
// on the tuning part's questions. It logs the shares each refuses and
// asserts nothing: the trees were tried and not kept (docs/history/ranking.md,
// "A boosted tree ensemble as the gate"). Run it with
//
//	GATE_EXP=../../../shared/data/uqa-train go test ./cmd/jawab-train -run TestGateTreesExperiment -v -timeout 60m
func TestGateTreesExperiment(t *testing.T) {
	dir := os.Getenv("GATE_EXP")
	if dir == "" {
		t.Skip("an experiment: set GATE_EXP to the UQA train split's directory")
	}
	m, err := rag.ReadModel(bytes.NewReader(model.File), model.Path)
	if err != nil {
		t.Fatal(err)
	}
	d, err := uqa.Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	n := 3000
	if s := os.Getenv("GATE_N"); s != "" {
		fmt.Sscan(s, &n)
	}
	// The gate's rows as jawab-train makes them, under the built-in model.
	_, x, y := gateTraining(d.Part(uqa.Train), m, modelOptions{cueQuestions: 15000, gateQuestions: n}, t.Logf)
	t.Logf("%d training rows", len(x))

	tune := d.Part(uqa.Tune)
	tc, tIn, tOut, _ := halves(tune)
	rows, kinds := gateTuneRows(tc, m, tIn, tOut, 1000)

	w, b := fitLogistic(x, y, gateSigns, 40, 1e-4)
	logit := make([]float64, len(rows))
	for i, r := range rows {
		z := b
		for j, v := range r {
			z += w[j] * v
		}
		logit[i] = 1 / (1 + math.Exp(-z))
	}
	report(t, "logistic (as jawab)", logit, kinds)

	for _, cfg := range []treeConfig{
		{rounds: 200, depth: 3, rate: 0.05, minLeaf: 100},
		{rounds: 400, depth: 3, rate: 0.05, minLeaf: 100},
		{rounds: 300, depth: 4, rate: 0.05, minLeaf: 100},
		{rounds: 300, depth: 2, rate: 0.1, minLeaf: 100},
	} {
		e := fitTrees(x, y, cfg)
		ps := make([]float64, len(rows))
		for i, r := range rows {
			ps[i] = e.probability(r)
		}
		report(t, fmt.Sprintf("trees %+v", cfg), ps, kinds)
	}
}

// report prints, at the thresholds refusing 8 % and 10 % of the answerable
// questions, the share of each other kind refused, and the AUC of
// answerable against SQuAD-style unanswerable.
func report(t *testing.T, name string, ps []float64, kinds []int) {
	for _, maxGood := range []float64{0.08, 0.10} {
		th := chooseThreshold(ps, kinds, maxGood)
		var n, r [4]float64
		for i, p := range ps {
			n[kinds[i]]++
			if p < th {
				r[kinds[i]]++
			}
		}
		t.Logf("%-50s at %.0f%%: answerable %.3f unanswerable %.3f topic-absent %.3f swapped %.3f", name, maxGood*100, r[0]/n[0], r[1]/n[1], r[2]/n[2], r[3]/n[3])
	}
	var pos, neg []float64
	for i, p := range ps {
		switch kinds[i] {
		case answerable:
			pos = append(pos, p)
		case unanswerable:
			neg = append(neg, p)
		}
	}
	var wins float64
	for _, a := range pos {
		for _, b := range neg {
			if a > b {
				wins++
			} else if a == b {
				wins += 0.5
			}
		}
	}
	t.Logf("%-50s AUC answerable/unanswerable %.3f", name, wins/float64(len(pos)*len(neg)))
}

type treeConfig struct {
	rounds, depth int
	rate          float64
	minLeaf       int
}

type treeNode struct {
	feature   int
	threshold float64
	left      *treeNode
	right     *treeNode
	value     float64
}

type ensemble struct {
	base  float64
	rate  float64
	trees []*treeNode
}

func (e *ensemble) probability(x []float64) float64 {
	z := e.base
	for _, n := range e.trees {
		for n.left != nil {
			if x[n.feature] <= n.threshold {
				n = n.left
			} else {
				n = n.right
			}
		}
		z += e.rate * n.value
	}
	return 1 / (1 + math.Exp(-z))
}

// fitTrees fits gradient-boosted regression trees to the log loss, each
// class weighted by the inverse of its size (as fitLogistic), with splits
// at the features' quantiles.
func fitTrees(x [][]float64, y []bool, cfg treeConfig) *ensemble {
	dim := len(x[0])
	cuts := make([][]float64, dim)
	for j := range dim {
		vs := make([]float64, len(x))
		for i := range x {
			vs[i] = x[i][j]
		}
		sort.Float64s(vs)
		for q := 1; q < 32; q++ {
			c := vs[q*len(vs)/32]
			if len(cuts[j]) == 0 || cuts[j][len(cuts[j])-1] != c {
				cuts[j] = append(cuts[j], c)
			}
		}
	}
	var pos float64
	for _, b := range y {
		if b {
			pos++
		}
	}
	wPos, wNeg := float64(len(y))/(2*pos), float64(len(y))/(2*(float64(len(y))-pos))
	e := &ensemble{rate: cfg.rate}
	z := make([]float64, len(x))
	g, h := make([]float64, len(x)), make([]float64, len(x))
	idx := make([]int, len(x))
	for i := range idx {
		idx[i] = i
	}
	for range cfg.rounds {
		for i := range x {
			p := 1 / (1 + math.Exp(-z[i]))
			cw := wNeg
			if y[i] {
				cw = wPos
			}
			t := 0.0
			if y[i] {
				t = 1
			}
			g[i], h[i] = cw*(p-t), cw*p*(1-p)
		}
		tree := grow(x, g, h, slices.Clone(idx), cuts, cfg.depth, cfg.minLeaf)
		e.trees = append(e.trees, tree)
		for i := range x {
			n := tree
			for n.left != nil {
				if x[i][n.feature] <= n.threshold {
					n = n.left
				} else {
					n = n.right
				}
			}
			z[i] += cfg.rate * n.value
		}
	}
	return e
}

func grow(x [][]float64, g, h []float64, idx []int, cuts [][]float64, depth, minLeaf int) *treeNode {
	var G, H float64
	for _, i := range idx {
		G += g[i]
		H += h[i]
	}
	const lambda = 1.0
	leaf := &treeNode{value: -G / (H + lambda)}
	if depth == 0 || len(idx) < 2*minLeaf {
		return leaf
	}
	best, bf, bt := 0.0, -1, 0.0
	for j := range cuts {
		for _, c := range cuts[j] {
			var gl, hl float64
			nl := 0
			for _, i := range idx {
				if x[i][j] <= c {
					gl += g[i]
					hl += h[i]
					nl++
				}
			}
			if nl < minLeaf || len(idx)-nl < minLeaf {
				continue
			}
			gr, hr := G-gl, H-hl
			gain := gl*gl/(hl+lambda) + gr*gr/(hr+lambda) - G*G/(H+lambda)
			if gain > best {
				best, bf, bt = gain, j, c
			}
		}
	}
	if bf < 0 {
		return leaf
	}
	var li, ri []int
	for _, i := range idx {
		if x[i][bf] <= bt {
			li = append(li, i)
		} else {
			ri = append(ri, i)
		}
	}
	return &treeNode{feature: bf, threshold: bt, left: grow(x, g, h, li, cuts, depth-1, minLeaf), right: grow(x, g, h, ri, cuts, depth-1, minLeaf)}
}
