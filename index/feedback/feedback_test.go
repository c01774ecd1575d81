package feedback

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jawab/jawab/rag"
)

func open(t *testing.T, dir string) *Log {
	t.Helper()
	l, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

func answer(id, question string) *rag.Answer {
	return &rag.Answer{
		ID: id, Question: question, Lang: "ur", Answer: "جواب [1]۔", Generator: "extractive",
		Citations: []rag.Citation{{N: 1, DocID: "doc-a", ChunkID: "doc-a#0", Quote: "اقتباس", Title: "عنوان"}},
		Passages:  []rag.Passage{{N: 1, DocID: "doc-a", Text: "لمبا متن"}, {N: 2, DocID: "doc-b"}, {N: 3, DocID: "doc-a"}},
		Timings:   map[string]float64{"retrieve": 3},
	}
}

func TestRecordAndReopen(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	l := open(t, dir)
	if err := l.RecordAnswer(ctx, answer("a1", "سوال ایک؟")); err != nil {
		t.Fatal(err)
	}
	if err := l.RecordAnswer(ctx, answer("a1", "سوال ایک؟")); err != nil {
		t.Fatalf("recording an answer twice: %v", err)
	}
	if err := l.RecordFeedback(ctx, Vote{AnswerID: "a1", Rating: Down, Comment: "غلط تاریخ"}); err != nil {
		t.Fatal(err)
	}
	l.Close()

	data, err := os.ReadFile(filepath.Join(dir, "feedback", answersFile))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(data), "\n"); n != 1 {
		t.Errorf("answers.jsonl has %d lines, want 1 (no duplicate):\n%s", n, data)
	}
	if strings.Contains(string(data), "لمبا متن") || strings.Contains(string(data), "timings") {
		t.Errorf("answers.jsonl keeps passage text or timings, want it compact:\n%s", data)
	}

	l = open(t, dir)
	if err := l.RecordFeedback(ctx, Vote{AnswerID: "a1", Rating: Up}); err != nil {
		t.Fatalf("after reopening, the recorded answer is unknown: %v", err)
	}
	if err := l.RecordAnswer(ctx, answer("a2", "سوال دو؟")); err != nil {
		t.Fatal(err)
	}
	if err := l.RecordFeedback(ctx, Vote{AnswerID: "a2", Rating: Down}); err != nil {
		t.Fatal(err)
	}
	got, err := l.Downvoted()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Answer.ID != "a2" {
		t.Fatalf("Downvoted = %+v, want only a2 (a1's latest vote is up)", got)
	}
	a := got[0].Answer
	if a.Question != "سوال دو؟" || a.Lang != "ur" || a.Generator != "extractive" || a.Time.IsZero() {
		t.Errorf("answer record %+v", a)
	}
	if len(a.Citations) != 1 || a.Citations[0] != (Citation{N: 1, DocID: "doc-a", Quote: "اقتباس"}) {
		t.Errorf("citations %+v", a.Citations)
	}
	if strings.Join(a.PassageDocIDs, ",") != "doc-a,doc-b" {
		t.Errorf("passage doc ids %v, want doc-a,doc-b", a.PassageDocIDs)
	}
	if got[0].Vote.Time.IsZero() || got[0].Vote.Rating != Down {
		t.Errorf("vote %+v", got[0].Vote)
	}
	if w := l.Warnings(); len(w) > 0 {
		t.Errorf("warnings on a clean log: %v", w)
	}
}

func TestRecordFeedbackValidates(t *testing.T) {
	ctx := context.Background()
	l := open(t, t.TempDir())
	if err := l.RecordAnswer(ctx, answer("a1", "q?")); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		v    Vote
		want rag.Code
	}{
		{"unknown answer", Vote{AnswerID: "nope", Rating: Up}, rag.NotFound},
		{"empty id", Vote{Rating: Up}, rag.Invalid},
		{"bad rating", Vote{AnswerID: "a1", Rating: "meh"}, rag.Invalid},
		{"long comment", Vote{AnswerID: "a1", Rating: Down, Comment: strings.Repeat("ب", MaxCommentRunes+1)}, rag.Invalid},
		{"invalid UTF-8", Vote{AnswerID: "a1", Rating: Down, Comment: "\xff"}, rag.Invalid},
		{"NUL", Vote{AnswerID: "a1", Rating: Down, Comment: "a\x00b"}, rag.Invalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := l.RecordFeedback(ctx, tt.v); rag.ErrorCode(err) != tt.want {
				t.Errorf("got %v, want %s", err, tt.want)
			}
		})
	}
	if err := l.RecordFeedback(ctx, Vote{AnswerID: "a1", Rating: Down, Comment: strings.Repeat("ب", MaxCommentRunes)}); err != nil {
		t.Errorf("a comment of exactly %d runes: %v", MaxCommentRunes, err)
	}
	if err := l.RecordAnswer(ctx, &rag.Answer{}); rag.ErrorCode(err) != rag.Invalid {
		t.Errorf("answer without id: got %v, want invalid", err)
	}
}

func TestConcurrentAppends(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	l := open(t, dir)
	const n = 40
	var wg sync.WaitGroup
	errs := make(chan error, 2*n)
	for i := range n {
		wg.Go(func() {
			id := fmt.Sprintf("a%02d", i)
			if err := l.RecordAnswer(ctx, answer(id, "سوال "+id)); err != nil {
				errs <- err
				return
			}
			rating := Up
			if i%2 == 0 {
				rating = Down
			}
			if err := l.RecordFeedback(ctx, Vote{AnswerID: id, Rating: rating, Comment: strings.Repeat("x", 500)}); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	l.Close()
	l = open(t, dir)
	got, err := l.Downvoted()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != n/2 {
		t.Errorf("got %d downvoted answers, want %d", len(got), n/2)
	}
	if w := l.Warnings(); len(w) > 0 {
		t.Errorf("interleaved lines: %v", w)
	}
}

func TestTornLastLineIsSkippedAndNotGluedOnto(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	l := open(t, dir)
	for _, id := range []string{"a1", "a2"} {
		if err := l.RecordAnswer(ctx, answer(id, "سوال "+id)); err != nil {
			t.Fatal(err)
		}
	}
	if err := l.RecordFeedback(ctx, Vote{AnswerID: "a1", Rating: Down}); err != nil {
		t.Fatal(err)
	}
	l.Close()

	// A crash in the middle of writing a line to each file.
	for _, name := range []string{answersFile, votesFile} {
		f, err := os.OpenFile(filepath.Join(dir, "feedback", name), os.O_WRONLY|os.O_APPEND, 0)
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString(`{"id":"a3","question":"سو`[:20])
		f.Close()
	}

	l = open(t, dir)
	if w := l.Warnings(); len(w) != 1 || !strings.Contains(w[0], "torn") {
		t.Errorf("warnings after opening = %q, want one about the torn line", w)
	}
	if err := l.RecordAnswer(ctx, answer("a4", "سوال a4")); err != nil {
		t.Fatal(err)
	}
	if err := l.RecordFeedback(ctx, Vote{AnswerID: "a2", Rating: Down, Time: time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	if err := l.RecordFeedback(ctx, Vote{AnswerID: "a4", Rating: Down}); err != nil {
		t.Fatal(err)
	}
	l.Close()

	l = open(t, dir)
	got, err := l.Downvoted()
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, e := range got {
		ids = append(ids, e.Answer.ID)
	}
	if strings.Join(ids, ",") != "a1,a2,a4" {
		t.Errorf("downvoted %v, want a1,a2,a4 (the records after the torn lines intact)", ids)
	}
	if len(got) == 3 && !got[1].Vote.Time.Equal(time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)) {
		t.Errorf("vote time %v, want the given one", got[1].Vote.Time)
	}
	// The torn fragments stay where they were, now in the middle: skipped.
	for _, w := range l.Warnings() {
		if !strings.Contains(w, "skipped") {
			t.Errorf("warning %q", w)
		}
	}
	if n := len(l.Warnings()); n != 3 { // one at open, two while reading both files
		t.Errorf("%d warnings, want 3: %q", n, l.Warnings())
	}
}

func TestDownvotedJoinsLatestVote(t *testing.T) {
	ctx := context.Background()
	l := open(t, t.TempDir())
	for _, id := range []string{"a", "b", "c", "d"} {
		if err := l.RecordAnswer(ctx, answer(id, "سوال "+id)); err != nil {
			t.Fatal(err)
		}
	}
	votes := []Vote{
		{AnswerID: "a", Rating: Down, Comment: "first"},
		{AnswerID: "b", Rating: Down},
		{AnswerID: "a", Rating: Up},
		{AnswerID: "c", Rating: Up},
		{AnswerID: "c", Rating: Down, Comment: "changed my mind"},
		{AnswerID: "b", Rating: Down, Comment: "still wrong"},
	}
	for _, v := range votes {
		if err := l.RecordFeedback(ctx, v); err != nil {
			t.Fatal(err)
		}
	}
	got, err := l.Downvoted()
	if err != nil {
		t.Fatal(err)
	}
	var have []string
	for _, e := range got {
		have = append(have, e.Answer.ID+":"+e.Vote.Comment+":"+e.Answer.Question)
	}
	want := "c:changed my mind:سوال c,b:still wrong:سوال b"
	if strings.Join(have, ",") != want {
		t.Errorf("got %q, want %q", strings.Join(have, ","), want)
	}
}

func TestEmptyLog(t *testing.T) {
	l := open(t, t.TempDir())
	got, err := l.Downvoted()
	if err != nil || len(got) != 0 {
		t.Errorf("Downvoted on an empty log = %v, %v", got, err)
	}
	if _, err := os.Stat(l.Dir()); err != nil {
		t.Errorf("Open did not create the directory: %v", err)
	}
}

// The ids remembered for rating are the latest ones, up to the bound: memory
// stays bounded however many answers a server gives.
func TestRememberedForgetsTheOldest(t *testing.T) {
	r := newRemembered(3)
	for _, id := range []string{"a", "b", "c", "b", "d", "e"} {
		r.add(id)
	}
	for id, want := range map[string]bool{"a": false, "b": false, "c": true, "d": true, "e": true} {
		if r.has(id) != want {
			t.Errorf("has(%q) = %v, want %v", id, !want, want)
		}
	}
	if len(r.set) != 3 || len(r.order) != 3 {
		t.Errorf("holds %d ids in a ring of %d, want 3 and 3", len(r.set), len(r.order))
	}
}
