package rag

import (
	"context"
	"slices"
	"testing"
)

func TestCueWords(t *testing.T) {
	rq := NewRankQuery("روس نے کراچی کی بندرگاہ سے پاکستان کو آخری بار گندم کب بھیجی؟", nil, nil)
	w := rq.CueWords("کراچی کی خبریں", Analyze("روس نے پاکستان کو گندم بھیجی۔ یہ آخری کھیپ تھی۔"))
	for _, c := range []struct {
		list []string
		name string
		word string
		want bool
	}{
		{w.Asked, "asked", "نے", true}, // stopwords are asked too
		{w.Asked, "asked", "کب", true},
		{w.Missing, "missing", "بندرگاہ", true}, // neither passage nor title
		{w.Missing, "missing", "کراچی", false},  // the title holds it
		{w.Missing, "missing", "آخری", false},   // the second sentence holds it
		{w.Missing, "missing", "گندم", false},
		{w.SentMissing, "missing from the best sentence", "بندرگاہ", true},
		{w.SentMissing, "missing from the best sentence", "کراچی", true},
		{w.SentMissing, "missing from the best sentence", "آخری", true},
		{w.SentMissing, "missing from the best sentence", "گندم", false},
		{w.SentMissing, "missing from the best sentence", "روس", false},
	} {
		if got := slices.Contains(c.list, c.word); got != c.want {
			t.Errorf("%s %v: %q in it is %v, want %v", c.name, c.list, c.word, got, c.want)
		}
	}
	// A passage with no sentences lacks every content word.
	empty := rq.CueWords("", Analysis{})
	if len(empty.SentMissing) != len(rq.terms) || len(empty.Missing) != len(rq.terms) {
		t.Errorf("no passage: missing %v, from the sentence %v; want all of %v", empty.Missing, empty.SentMissing, rq.terms)
	}
}

func TestCuesLogit(t *testing.T) {
	c := &Cues{Asked: map[string]float64{"نہیں": -2}, Missing: map[string]float64{"2014": -1}, SentMissing: map[string]float64{"آخری": -0.5}, Bias: 0.25}
	got := c.Logit(CueWords{Asked: []string{"نہیں", "کب"}, Missing: []string{"2014"}, SentMissing: []string{"2014", "آخری"}})
	if got != 0.25-2-1-0.5 {
		t.Errorf("logit %v, want -3.25", got)
	}
}

// The built-in model learned from SQuAD 2.0's adversarial questions what made
// them unanswerable: a negation in the question, a year the passage lacks.
func TestBuiltInCues(t *testing.T) {
	m := builtIn(t)
	if m.Cues == nil {
		t.Fatal("the built-in model has no cues")
	}
	if w := m.Cues.Asked["نہیں"]; w >= 0 {
		t.Errorf("asked نہیں weighs %v, want below 0", w)
	}
	if w := m.Cues.Missing["2014"]; w >= 0 {
		t.Errorf("a missing 2014 weighs %v, want below 0", w)
	}
	if n := len(m.Cues.Asked); n < 500 {
		t.Errorf("%d asked words", n)
	}
}

// The gate reads the cues for a question asked in Urdu only, and a model
// without cues (an older file) gives the feature 0.
func TestGateReadsCuesForUrduQuestions(t *testing.T) {
	u := newUQAIndex(t)
	m := *builtIn(t)
	q := readJSONL[uqaQuestion](t, "../testdata/uqa/questions.jsonl")[0].Question
	r := &Retriever{Index: u, Searches: KeywordOnly, Ranker: &m}
	res, err := r.Search(context.Background(), []Query{{Text: q}}, 5, Filter{})
	if err != nil || len(res.Passages) == 0 {
		t.Fatalf("search: %v, %d passages", err, len(res.Passages))
	}
	a := &Answerer{Retriever: r, Model: &m}
	w := res.termWeights(context.Background(), u)
	w.fetchQueries(q)
	prob := func(c *Cues, urdu bool) float64 {
		m.Cues = c
		return a.Probability(w, res.Passages, []string{q}, urdu)
	}
	against := &Cues{Asked: map[string]float64{NewRankQuery(q, nil, nil).words[0]: -4}}
	none := prob(nil, true)
	if got := prob(against, true); got >= none {
		t.Errorf("cues against the question's first word: %v, without cues %v; want lower", got, none)
	}
	if got := prob(against, false); got != none {
		t.Errorf("cues for a question not asked in Urdu: %v, want %v as without cues", got, none)
	}
}
