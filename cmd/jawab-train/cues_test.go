package main

import (
	"fmt"
	"testing"

	"github.com/jawab/jawab/eval"
	"github.com/jawab/jawab/rag"
)

func TestCueVocabulary(t *testing.T) {
	var qs []eval.Question
	for a := 0; a < cueMinArticles; a++ {
		// کب is asked in every article, بیونسے in one article only.
		qs = append(qs, eval.Question{ID: fmt.Sprintf("g%03d-p000-x", a), Question: "یہ کب ہوا؟"})
	}
	qs = append(qs, eval.Question{ID: "g000-p001-y", Question: "بیونسے کب پیدا ہوئی؟"})
	v := cueVocabulary(qs)
	if !v["کب"] || v["بیونسے"] {
		t.Errorf("vocabulary %v: want کب (asked in %d articles) and not بیونسے (one)", v, cueMinArticles)
	}
}

// fitCues learns that a word asked only by unanswerable questions counts
// against an answer, and gives no weight to words outside the vocabulary.
func TestFitCues(t *testing.T) {
	var ex []cueExample
	for i := 0; i < 200; i++ {
		answerable := i%2 == 0
		w := rag.CueWords{Asked: []string{"کب", "بیونسے"}}
		if !answerable {
			w.Asked = append(w.Asked, "نہیں")
			if i%4 == 1 {
				w.Missing = []string{"2014"}
			}
		}
		ex = append(ex, cueExample{w, answerable})
	}
	vocab := map[string]bool{"کب": true, "نہیں": true, "2014": true}
	c := fitCues(ex, vocab, cueEpochs, cueL2)
	if c.Asked["نہیں"] >= -0.5 || c.Missing["2014"] >= 0 {
		t.Errorf("asked نہیں %v, missing 2014 %v: want both below 0", c.Asked["نہیں"], c.Missing["2014"])
	}
	if _, ok := c.Asked["بیونسے"]; ok {
		t.Error("a word outside the vocabulary got a weight")
	}
	if auc := cueAUC(c, ex); auc != 1 {
		t.Errorf("AUC %v on examples a single word separates, want 1", auc)
	}
	if again := fitCues(ex, vocab, cueEpochs, cueL2); again.Asked["نہیں"] != c.Asked["نہیں"] || again.Bias != c.Bias {
		t.Error("two fits of the same examples differ")
	}
}
