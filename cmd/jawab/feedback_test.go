package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/jawab/jawab/eval"
	"github.com/jawab/jawab/index/feedback"
	"github.com/jawab/jawab/rag"
)

// recordFeedback fills a data dir's feedback log as the server would: two
// answers, one rated down (with a comment) and one up.
func recordFeedback(t *testing.T, dataDir string) {
	t.Helper()
	ctx := context.Background()
	l, err := feedback.Open(dataDir)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	answers := []*rag.Answer{
		{ID: "a1", Question: "پاکستان اور روس کے تعلقات کب قائم ہوئے؟", Lang: "ur", Answer: "1949 میں [1]۔", Generator: "extractive",
			Citations: []rag.Citation{{N: 1, DocID: "000_c226a50e9c4de795", Quote: "1949"}, {N: 2, DocID: "003_x"}, {N: 1, DocID: "000_c226a50e9c4de795"}}},
		{ID: "a2", Question: "When did the visit happen?", Lang: "en", Answer: "In 2018 [1].", Generator: "extractive",
			Citations: []rag.Citation{{N: 1, DocID: "001_y"}}},
	}
	for _, a := range answers {
		if err := l.RecordAnswer(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	for _, v := range []feedback.Vote{
		{AnswerID: "a1", Rating: feedback.Down, Comment: "غلط سال،\nیکم مئی 1948 ہونا چاہیے"},
		{AnswerID: "a2", Rating: feedback.Up},
	} {
		if err := l.RecordFeedback(ctx, v); err != nil {
			t.Fatal(err)
		}
	}
}

func TestEvalFromFeedback(t *testing.T) {
	dir := t.TempDir()
	recordFeedback(t, dir)
	r := mustJawab(t, nil, "eval", "--from-feedback", "--data-dir", dir)

	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 1 {
		t.Fatalf("got %d draft lines, want 1:\n%s", len(lines), r.stdout)
	}
	// Exactly FORMAT.md's fields, every one present.
	var raw map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &raw); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k := range raw {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if got, want := strings.Join(keys, ","), "answer,answerable,doc_ids,evidence,id,lang,must_include,question"; got != want {
		t.Errorf("fields %s, want %s", got, want)
	}
	var q eval.Question
	if err := json.Unmarshal([]byte(lines[0]), &q); err != nil {
		t.Fatal(err)
	}
	if q.ID != "fb-a1" || q.Question != "پاکستان اور روس کے تعلقات کب قائم ہوئے؟" || q.Lang != "ur" || !q.Answerable {
		t.Errorf("draft %+v", q)
	}
	if strings.Join(q.DocIDs, ",") != "000_c226a50e9c4de795,003_x" {
		t.Errorf("doc_ids %v, want the cited documents, each once", q.DocIDs)
	}
	if len(q.Evidence) != 0 || q.Answer != "" || len(q.MustInclude) != 0 {
		t.Errorf("draft %+v: evidence, answer and must_include are for a person to write", q)
	}
	for _, want := range []string{"fb-a1: reader's comment: غلط سال، یکم مئی 1948 ہونا چاہیے", "evidence", "must_include", "fb-a1: jawab answered"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}

	// An unfinished draft cannot be scored by mistake.
	_, err := eval.ReadQuestions(strings.NewReader(r.stdout), "drafts")
	var le *eval.LineError
	if !errors.As(err, &le) || !strings.Contains(err.Error(), "evidence") {
		t.Errorf("ReadQuestions accepted a draft without evidence: %v", err)
	}
}

func TestEvalFromFeedbackOut(t *testing.T) {
	dir := t.TempDir()
	recordFeedback(t, dir)
	out := filepath.Join(t.TempDir(), "drafts.jsonl")
	r := mustJawab(t, map[string]string{"JAWAB_DATA": dir}, "eval", "--from-feedback", "--out", out)
	if r.stdout != "" {
		t.Errorf("stdout %q, want nothing (the drafts go to --out)", r.stdout)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(data, []byte("\n")); n != 1 || !bytes.Contains(data, []byte(`"id":"fb-a1"`)) {
		t.Errorf("--out holds:\n%s", data)
	}
}

func TestEvalFromFeedbackErrors(t *testing.T) {
	empty := t.TempDir()
	r := jawab(t, nil, "eval", "--from-feedback", "--data-dir", empty)
	if rag.ErrorCode(r.err) != rag.Invalid || !strings.Contains(r.err.Error(), "no feedback log") {
		t.Errorf("no feedback dir: %v", r.err)
	}
	if _, err := os.Stat(filepath.Join(empty, "feedback")); err == nil {
		t.Error("reading created a feedback log")
	}

	r = jawab(t, nil, "eval", "--from-feedback", "--data-dir", empty, "--qa", "x.jsonl")
	if !errors.Is(r.err, errUsage) || !strings.Contains(r.stderr, "--qa") {
		t.Errorf("--from-feedback with --qa: %v\n%s", r.err, r.stderr)
	}

	// Only thumbs-up: no drafts, and a note saying so.
	dir := t.TempDir()
	l, err := feedback.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	l.RecordAnswer(ctx, &rag.Answer{ID: "ok", Question: "q?", Lang: "en"})
	l.RecordFeedback(ctx, feedback.Vote{AnswerID: "ok", Rating: feedback.Up})
	l.Close()
	r = mustJawab(t, nil, "eval", "--from-feedback", "--data-dir", dir)
	if r.stdout != "" || !strings.Contains(r.stderr, "No answers with a thumbs-down") {
		t.Errorf("stdout %q, stderr %q", r.stdout, r.stderr)
	}
}
