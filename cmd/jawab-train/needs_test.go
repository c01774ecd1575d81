package main

import (
	"fmt"
	"testing"

	"github.com/jawab/jawab/eval"
)

// A word the answering paragraph seldom holds, asked about many articles,
// is weighed down; one the paragraph always holds is not; one asked about
// a few articles only (a topic, not a way of asking) is not learned.
func TestLearnNeeds(t *testing.T) {
	paragraphs := map[string]string{}
	var qs []eval.Question
	for i := range 40 {
		pid := fmt.Sprintf("uqa_%03d_000", i)
		paragraphs[pid] = "شوپن نے ڈیوک کے لیے ایک مارچ کا ٹکڑا کمپوز کیا۔"
		question := "شوپن نے کس قسم کا ٹکڑا کمپوز کیا؟"
		if i < 5 {
			question = "نیویارک میں شوپن نے کس قسم کا ٹکڑا کمپوز کیا؟"
		}
		qs = append(qs, eval.Question{ID: fmt.Sprintf("g%03d-p000-q", i), Question: question, Answerable: true})
	}
	needs := learnNeeds(paragraphs, qs)
	if v, ok := needs["قسم"]; !ok || v > 0.5 {
		t.Errorf("need of قسم = %v (%v), want a learned need well below 1", v, ok)
	}
	for _, w := range []string{"شوپن", "کمپوز", "نیویارک"} {
		if v, ok := needs[w]; ok {
			t.Errorf("need of %s = %v, want none (always held, or asked about too few articles)", w, v)
		}
	}
}
