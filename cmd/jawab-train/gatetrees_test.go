package main

import (
	"fmt"
	"testing"

	"github.com/jawab/jawab/internal/uqa"
	"github.com/jawab/jawab/rag"
)

// TestGateTreesExperiment compares the gate's logistic regression with a
// boosted tree ensemble over the same features, fitted on the same rows,
// on the tuning part's questions. It logs the shares each refuses and
// asserts nothing: the trees were tried and not kept (docs/history/ranking.md,
// "A boosted tree ensemble as the gate"). Run it with
//
//	GATE_EXP=../../../shared/data/uqa-train go test ./cmd/jawab-train -run TestGateTreesExperiment -v -timeout 60m
func TestGateTreesExperiment(t *testing.T) {
	m, d, n := experiment(t, "GATE_EXP", "GATE_N", 3000)
	// The gate's rows as jawab-train makes them, under the built-in model.
	_, x, y := gateTraining(d.Part(uqa.Train), m, modelOptions{cueQuestions: 15000, gateQuestions: n}, t.Logf)
	t.Logf("%d training rows", len(x))

	tune := d.Part(uqa.Tune)
	tc, tIn, tOut, _ := halves(tune)
	rows, kinds := gateTuneRows(tc, m, tIn, tOut, 1000)

	w, b := fitLogistic(x, y, gateSigns, 40, 1e-4)
	gate := rag.Gate{Weights: w, Bias: b}
	logit := make([]float64, len(rows))
	for i, r := range rows {
		logit[i] = gate.Probability(r)
	}
	report(t, "logistic (as jawab)", logit, kinds)

	binnedX := binFeatures(x, 32)
	for _, cfg := range []boostConfig{
		{rounds: 200, depth: 3, rate: 0.05, minLeaf: 100, lambda: 1},
		{rounds: 400, depth: 3, rate: 0.05, minLeaf: 100, lambda: 1},
		{rounds: 300, depth: 4, rate: 0.05, minLeaf: 100, lambda: 1},
		{rounds: 300, depth: 2, rate: 0.1, minLeaf: 100, lambda: 1},
	} {
		e := boost(binnedX, cfg, logLossGrad(y))
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
