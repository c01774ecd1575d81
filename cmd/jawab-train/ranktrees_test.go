package main

import (
	"testing"
	"time"

	"github.com/jawab/jawab/eval"
	"github.com/jawab/jawab/internal/uqa"
	"github.com/jawab/jawab/rag"
)

// TestRankTreesExperiment compares the ranker's linear listwise fit with
// boosted trees on the same listwise loss and training lists, by the
// tuning part's ranking of the first stage's candidates. Run it with
//
//	RANK_EXP=../../../shared/data/uqa-train go test ./cmd/jawab-train -run TestRankTreesExperiment -v -timeout 60m
func TestRankTreesExperiment(t *testing.T) {
	m, d, n := experiment(t, "RANK_EXP", "RANK_N", 10000)
	t0 := time.Now()
	e := newRankExperiment(m, d, n)
	tc, tq := e.tune, e.tuneQs
	lists := e.train.lists(e.trainQs)
	var x [][]float64
	for _, l := range lists {
		x = append(x, l.x...)
	}
	t.Logf("%d lists, %d rows (%.0fs)", len(lists), len(x), time.Since(t0).Seconds())
	// The candidates' features once: every ranking below reorders them.
	rankWith := e.rankWith(tc.candidates)
	t.Logf("bm25            %s", score(tc, tq, rankWith(func([]float64) float64 { return 0 })))
	t.Logf("model file      %s", score(tc, tq, rankWith(m.Score)))
	w := fitListwise(lists, len(rag.FeatureNames), 30, 1e-4)
	lin := &rag.Model{Weights: w}
	t.Logf("linear refit    %s", score(tc, tq, rankWith(lin.Score)))

	b := binFeatures(x, 64)
	for _, cfg := range []boostConfig{
		{rounds: 200, depth: 3, rate: 0.1, minLeaf: 50, lambda: 1},
		{rounds: 400, depth: 4, rate: 0.05, minLeaf: 50, lambda: 1},
		{rounds: 300, depth: 5, rate: 0.05, minLeaf: 100, lambda: 1},
		{rounds: 600, depth: 4, rate: 0.05, minLeaf: 50, lambda: 1},
		// Run with RANK_N=40000 for the deeper trees more data allows.
		{rounds: 300, depth: 6, rate: 0.05, minLeaf: 200, lambda: 1},
	} {
		t1 := time.Now()
		e := boost(b, cfg, listwiseGrad(lists))
		t.Logf("trees %+v %s (%.0fs)", cfg, score(tc, tq, rankWith(e.score)), time.Since(t1).Seconds())
	}
}

// rankExperiment is a ranker experiment's data, each part searched with the
// model's associations: the training part's corpus and n of its answerable
// questions, and the tuning part's corpus and 3,000 of its answerable ones.
type rankExperiment struct {
	train, tune     *corpus
	trainQs, tuneQs []eval.Question
}

func newRankExperiment(m *rag.Model, d *uqa.Data, n int) rankExperiment {
	answerable := func(q eval.Question) bool { return q.Answerable }
	train, tune := d.Part(uqa.Train), d.Part(uqa.Tune)
	e := rankExperiment{train: newCorpus(train.Paragraphs), tune: newCorpus(tune.Paragraphs),
		trainQs: uqa.Sample(train.Questions, n, "rank:", answerable), tuneQs: uqa.Sample(tune.Questions, 3000, "exp:", answerable)}
	e.train.assoc, e.tune.assoc = m, m
	return e
}

// rankWith finds each tuning question's candidates once, by candidates, and
// returns the ranking of a question's candidates by a scoring of features.
func (e rankExperiment) rankWith(candidates func(q string) []cand) func(fn func([]float64) float64) func(eval.Question) []int {
	cands := map[string][]cand{}
	for _, q := range e.tuneQs {
		cands[q.ID] = candidates(q.Question)
	}
	return func(fn func([]float64) float64) func(eval.Question) []int {
		return func(q eval.Question) []int { return orderBy(cands[q.ID], fn) }
	}
}
