package eval

import (
	"strings"
	"testing"
)

func TestQuestionChanges(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	base := &Report{Questions: []Result{
		{ID: "ranked", Question: "q1", Answerable: true, HitRank: 3, Facts: f(1)},
		{ID: "same", Question: "q2", Answerable: true, HitRank: 1, Facts: f(1)},
		{ID: "lost", Question: "q3", Answerable: true, HitRank: 1, Facts: f(1)},
		{ID: "mixed", Question: "q4", Answerable: true, HitRank: 2, Facts: f(1)},
		{ID: "refusedNow", Question: "q5", Answerable: false},
		{ID: "answeredNow", Question: "q6", Answerable: false, Refused: true},
		{ID: "gone", Question: "q7", Answerable: true, HitRank: 1},
	}}
	cur := &Report{Questions: []Result{
		{ID: "ranked", Question: "q1", Answerable: true, HitRank: 1, Facts: f(1)},
		{ID: "same", Question: "q2", Answerable: true, HitRank: 1, Facts: f(1)},
		{ID: "lost", Question: "q3", Answerable: true, Refused: true, Facts: f(0)},
		{ID: "mixed", Question: "q4", Answerable: true, HitRank: 1, Facts: f(0)},
		{ID: "refusedNow", Question: "q5", Answerable: false, Refused: true},
		{ID: "answeredNow", Question: "q6", Answerable: false},
		{ID: "new", Question: "q8", Answerable: true, HitRank: 1},
	}}
	got := map[string]string{}
	var order []string
	for _, c := range QuestionChanges(base, cur) {
		got[c.ID] = c.Verdict
		order = append(order, c.ID)
	}
	want := map[string]string{"ranked": "better", "lost": "worse", "mixed": "mixed", "refusedNow": "better", "answeredNow": "worse"}
	if len(got) != len(want) {
		t.Errorf("changes %v, want %v (same, gone and new are no change)", got, want)
	}
	for id, v := range want {
		if got[id] != v {
			t.Errorf("%s: verdict %q, want %q", id, got[id], v)
		}
	}
	if strings.Join(order, " ") != "ranked lost mixed refusedNow answeredNow" {
		t.Errorf("order %v, want this run's", order)
	}
	if QuestionChanges(&Report{}, cur) != nil {
		t.Error("a baseline without its questions gave changes")
	}

	var b strings.Builder
	if err := WriteChanges(&b, QuestionChanges(base, cur)); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, s := range []string{"5 question(s) changed: 2 better, 2 worse, 1 mixed", "ranked", "3 → 1", "false → true", "1.00 → 0.00", "- → -"} {
		if !strings.Contains(out, s) {
			t.Errorf("the table lacks %q:\n%s", s, out)
		}
	}
}
