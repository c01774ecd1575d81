package rag

import (
	"context"
	"math"
	"strings"
	"testing"
)

// The sentence model puts the sentence that holds the answer first more
// often than coverage alone, on the UQA sample (tuning-part questions the
// model was not trained on).
func TestSentenceModelQuotesTheAnswerFirst(t *testing.T) {
	u := newUQAIndex(t)
	m := builtIn(t)
	if m.Sentence == nil {
		t.Fatal("the built-in model has no sentence model")
	}
	firstHolds := func(off bool) (held, answered int) {
		a := &Answerer{Retriever: &Retriever{Index: u, Searches: KeywordOnly, Ranker: m}, Model: m, CorpusLang: "ur", SentenceOff: off}
		for _, q := range readJSONL[uqaQuestion](t, "../testdata/uqa/questions.jsonl") {
			if !q.Answerable {
				continue
			}
			ans, err := a.Ask(context.Background(), Question{Text: q.Question})
			if err != nil {
				t.Fatal(err)
			}
			if ans.Refused || len(ans.Citations) == 0 {
				continue
			}
			answered++
			if containsEvidence(ans.Citations[0].Quote, q.Evidence) {
				held++
			}
		}
		return held, answered
	}
	byCover, n1 := firstHolds(true)
	byModel, n2 := firstHolds(false)
	t.Logf("the first quote holds the answer: %d of %d by coverage, %d of %d by the model", byCover, n1, byModel, n2)
	if n1 != n2 {
		t.Errorf("the sentence model changed what is answered: %d against %d", n2, n1)
	}
	if byModel <= byCover {
		t.Errorf("the model's first quote holds the answer %d times, coverage's %d", byModel, byCover)
	}
}

func TestSentenceFeatures(t *testing.T) {
	rq := NewRankQuery("شوپن کب پیدا ہوا", nil, nil)
	words := func(s string) ([]string, []string) {
		a := Analyze(s)
		return a.Words, a.Stems
	}
	born, bornStems := words("شوپن 1810 میں وارسا کے قریب پیدا ہوا")
	grew, grewStems := words("شوپن وارسا میں رہا")
	fb := rq.sentenceFeatures(born, bornStems, rq.coverage(born, bornStems), sentenceContext{rank: 2, first: true})
	fg := rq.sentenceFeatures(grew, grewStems, rq.coverage(grew, grewStems), sentenceContext{rank: 1, neighbour: 0.5})
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"kind_match with a year", fb[sKindMatch], 1},
		{"kind_miss with a year", fb[sKindMiss], 0},
		{"kind_miss without one", fg[sKindMiss], 1},
		// کب is a content word the answer does not repeat.
		{"cover: شوپن and پیدا of شوپن, کب, پیدا", fb[sCover], 2.0 / 3},
		{"missing: کب", fb[sMissing], 1.0 / 3},
		{"new words: 1810, وارسا, قریب", fb[sNewWords], math.Log1p(3)},
		{"new words: وارسا", fg[sNewWords], math.Log1p(1)},
		{"rank 2", fb[sRank], 0.5},
		{"first", fb[sFirst], 1},
		{"neighbour", fg[sNeighbour], 0.5},
	} {
		if c.got != c.want {
			t.Errorf("%s: %v, want %v", c.name, c.got, c.want)
		}
	}
	if fg[sCover] >= fb[sCover] || fg[sMissing] != 1.0/3 {
		t.Errorf("a sentence without پیدا: cover %v, missing %v", fg[sCover], fg[sMissing])
	}
}

func TestLeansOnPrevious(t *testing.T) {
	tests := []struct {
		sentence string
		want     bool
	}{
		{"اسی سال روس نے پاکستان کو گندم برآمد کرنے کا معاہدہ کیا اور اس پر دستخط ماسکو میں ہوئے۔", true},
		{"انہوں نے کہا کہ دونوں ممالک کے درمیان تجارت بڑھے گی۔", true},
		{"وزیر اعظم نے کہا کہ اسی سال تجارت بڑھے گی۔", false}, // the pointer is not the first word
		{"This year the pipeline was agreed in Moscow after long talks between the two sides.", true},
		{"Moscow agreed the pipeline this year.", false},
		// More than the tokenised prefix of punctuation before the first word:
		// the whole sentence decides.
		{strings.Repeat("—", 12) + " اسی سال معاہدہ ہوا۔", true},
		{"", false},
	}
	for _, tt := range tests {
		if got := leansOnPrevious(tt.sentence); got != tt.want {
			t.Errorf("leansOnPrevious(%q) = %v, want %v", tt.sentence, got, tt.want)
		}
	}
}
