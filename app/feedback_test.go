package app

import (
	"context"
	"testing"

	"github.com/jawab/jawab/api"
	"github.com/jawab/jawab/index/feedback"
	"github.com/jawab/jawab/rag"
)

func TestFeedbackLogAdapter(t *testing.T) {
	ctx := context.Background()
	l, err := feedback.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	var fl api.FeedbackLog = FeedbackLog{l}
	if err := fl.RecordAnswer(ctx, &rag.Answer{ID: "a1", Question: "q?", Lang: "en"}); err != nil {
		t.Fatal(err)
	}
	if err := fl.RecordFeedback(ctx, api.Feedback{AnswerID: "a1", Rating: "down", Comment: "wrong"}); err != nil {
		t.Fatal(err)
	}
	if err := fl.RecordFeedback(ctx, api.Feedback{AnswerID: "zz", Rating: "up"}); rag.ErrorCode(err) != rag.NotFound {
		t.Errorf("unknown answer: %v, want not_found", err)
	}
	if err := fl.RecordFeedback(ctx, api.Feedback{AnswerID: "a1", Rating: "sideways"}); rag.ErrorCode(err) != rag.Invalid {
		t.Errorf("bad rating: %v, want invalid", err)
	}
	down, err := l.Downvoted()
	if err != nil || len(down) != 1 || down[0].Vote.Comment != "wrong" {
		t.Errorf("Downvoted = %+v, %v", down, err)
	}
}

// A thumbs-down answer becomes a draft question: its id and question, the
// language detected when the log has none, each cited document once; an
// answer rated up gives none.
func TestFeedbackDrafts(t *testing.T) {
	ctx := context.Background()
	cfg := testConfig(t)
	if _, _, err := cfg.FeedbackDrafts(func(string) {}); rag.ErrorCode(err) != rag.Invalid {
		t.Errorf("no feedback log: %v, want invalid", err)
	}
	l, err := feedback.Open(cfg.DataDir)
	if err != nil {
		t.Fatal(err)
	}
	fl := FeedbackLog{l}
	for _, a := range []*rag.Answer{
		{ID: "a1", Question: "پاکستان اور روس کے تعلقات کب قائم ہوئے؟", Answer: "1949 میں [1]۔", Generator: "extractive",
			Citations: []rag.Citation{{N: 1, DocID: "000_c226a50e9c4de795"}, {N: 2, DocID: "003_x"}, {N: 1, DocID: "000_c226a50e9c4de795"}}},
		{ID: "a2", Question: "When did the visit happen?", Lang: "en", Answer: "In 2018 [1].", Generator: "extractive"},
	} {
		if err := fl.RecordAnswer(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	for _, v := range []api.Feedback{{AnswerID: "a1", Rating: "down", Comment: "غلط سال"}, {AnswerID: "a2", Rating: "up"}} {
		if err := fl.RecordFeedback(ctx, v); err != nil {
			t.Fatal(err)
		}
	}
	l.Close()

	drafts, dir, err := cfg.FeedbackDrafts(func(w string) { t.Errorf("warning: %s", w) })
	if err != nil {
		t.Fatal(err)
	}
	if len(drafts) != 1 || dir == "" {
		t.Fatalf("drafts %+v in %q; want one", drafts, dir)
	}
	q := drafts[0].Question
	if q.ID != "fb-a1" || q.Lang != "ur" || !q.Answerable || len(q.DocIDs) != 2 || q.DocIDs[0] != "000_c226a50e9c4de795" || q.DocIDs[1] != "003_x" {
		t.Errorf("draft %+v; want fb-a1 in ur, answerable, citing 000_c226a50e9c4de795 and 003_x once each", q)
	}
	if drafts[0].Entry.Vote.Comment != "غلط سال" {
		t.Errorf("entry %+v; want the reader's comment", drafts[0].Entry)
	}
}
