package app

import (
	"context"
	"os"
	"path/filepath"
	"slices"

	"github.com/jawab/jawab/api"
	"github.com/jawab/jawab/eval"
	"github.com/jawab/jawab/index/feedback"
	"github.com/jawab/jawab/rag"
	"github.com/jawab/jawab/text"
)

// FeedbackLog is the feedback log of index/feedback as the server's
// api.FeedbackLog.
type FeedbackLog struct{ *feedback.Log }

// RecordFeedback stores v; an answer id the log has never seen is a
// rag.NotFound error.
func (f FeedbackLog) RecordFeedback(ctx context.Context, v api.Feedback) error {
	return f.Log.RecordFeedback(ctx, feedback.Vote(v))
}

// Draft is an evaluation question drafted from an answer readers gave a
// thumbs-down, with the log entry it comes from.
type Draft struct {
	Question eval.Question
	Entry    feedback.Entry
}

// FeedbackDrafts reads the answers readers gave a thumbs-down (their latest
// vote) in the feedback log of the data dir and drafts an evaluation question
// of each: id "fb-<answer id>", the question and its language, answerable
// true and doc_ids the cited articles (both guesses to check), and evidence,
// answer and must_include empty, for a person to fill in. eval.ReadQuestions
// refuses an answerable question without evidence, so a draft cannot slip
// into an evaluation unfinished. It returns the log's directory too; warn
// hears about damaged log records.
func (c *Config) FeedbackDrafts(warn func(string)) (drafts []Draft, dir string, err error) {
	if _, err := os.Stat(filepath.Join(c.DataDir, "feedback")); err != nil {
		return nil, "", rag.Errorf(rag.Invalid, "no feedback log in %s (jawab serve records answers and feedback in DATA_DIR/feedback)", c.DataDir)
	}
	log, err := feedback.Open(c.DataDir)
	if err != nil {
		return nil, "", err
	}
	defer log.Close()
	entries, err := log.Downvoted()
	for _, w := range log.Warnings() {
		warn(w)
	}
	if err != nil {
		return nil, "", err
	}
	drafts = make([]Draft, len(entries))
	for i, en := range entries {
		drafts[i] = Draft{Question: draftQuestion(en.Answer), Entry: en}
	}
	return drafts, log.Dir(), nil
}

// draftQuestion turns a rated answer into a draft evaluation question.
func draftQuestion(a feedback.Answer) eval.Question {
	q := eval.Question{ID: "fb-" + a.ID, Question: a.Question, Lang: a.Lang, Answerable: true}
	if q.Lang != "ur" && q.Lang != "en" {
		q.Lang = text.DetectLang(a.Question)
	}
	for _, c := range a.Citations {
		if c.DocID != "" && !slices.Contains(q.DocIDs, c.DocID) {
			q.DocIDs = append(q.DocIDs, c.DocID)
		}
	}
	return q
}
