package eval

import (
	"bytes"
	"context"
	"errors"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/jawab/jawab/rag"
)

// fakeJudge answers faithfulness prompts with a verdict per sentence and
// correctness prompts with a fixed grade, and records the prompts.
type fakeJudge struct {
	faith func(user string) string
	grade string
	fail  bool

	mu      sync.Mutex
	systems []string
	users   []string
}

func (f *fakeJudge) Name() string { return "judge-model" }

func (f *fakeJudge) Complete(_ context.Context, system, user string) (string, error) {
	f.mu.Lock()
	f.systems = append(f.systems, system)
	f.users = append(f.users, user)
	f.mu.Unlock()
	if f.fail {
		return "", errors.New("judge down")
	}
	if strings.Contains(system, "SUPPORTED") {
		return f.faith(user), nil
	}
	return f.grade + "\nbecause", nil
}

func TestCitedSentences(t *testing.T) {
	tests := []struct {
		answer string
		want   []JudgedSentence
	}{
		{"One fact [1]. Another fact [2].", []JudgedSentence{{Text: "One fact.", Cites: []int{1}}, {Text: "Another fact.", Cites: []int{2}}}},
		// Cited once at the end of the paragraph.
		{"First part. Second part [2][3].\n\nUncited.", []JudgedSentence{
			{Text: "First part.", Cites: []int{2, 3}}, {Text: "Second part.", Cites: []int{2, 3}}, {Text: "Uncited.", Cites: []int{}}}},
		// A marker after the sentence end belongs to the sentence.
		{"تعلقات 1948 میں قائم ہوئے۔ [1]", []JudgedSentence{{Text: "تعلقات 1948 میں قائم ہوئے۔", Cites: []int{1}}}},
	}
	for _, tt := range tests {
		got := citedSentences(tt.answer)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("citedSentences(%q) =\n%+v\nwant\n%+v", tt.answer, got, tt.want)
		}
	}
}

func TestParseJudgeReplies(t *testing.T) {
	got := parseSupport("S1: SUPPORTED\n**S2**: unsupported\n- S۳ - Supported\nS4 SUPPORTED because…")
	want := map[int]bool{1: true, 2: false, 3: true, 4: true}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("parseSupport = %v, want %v", got, want)
	}
	for reply, want := range map[string]string{
		"CORRECT": "correct", "Incorrect.": "incorrect", "PARTIAL\nit misses the date": "partial",
		"The answer is correct": "correct", "no idea": "",
	} {
		if g, _, _ := parseGrade(reply); g != want {
			t.Errorf("parseGrade(%q) = %q, want %q", reply, g, want)
		}
	}
}

func TestRunJudge(t *testing.T) {
	ps := passages("تعلقات 1948 میں قائم ہوئے۔", "کچھ اور۔")
	qs := []Question{
		{ID: "ur-1", Question: "تعلقات کب قائم ہوئے؟", Lang: "ur", Answerable: true, DocIDs: []string{"d1"}, Evidence: []string{"1948"}, Answer: "1948 میں۔"},
		{ID: "en-1", Question: "When?", Lang: "en", Answerable: true, DocIDs: []string{"d1"}, Evidence: []string{"1948"}, Answer: "In 1948."},
		{ID: "en-x", Question: "Who?", Lang: "en", Answerable: false},
	}
	r := scored(t, qs, []*rag.Answer{
		answered("تعلقات 1948 میں قائم ہوئے [1]۔", ps, "d1"),
		answered("In 1948 [1]. It rained [2].", ps, "d1", "d2"),
		refused("en", ps),
	})
	j := &fakeJudge{grade: "CORRECT", faith: func(user string) string {
		if strings.Contains(user, "It rained") {
			return "S1: SUPPORTED\nS2: UNSUPPORTED"
		}
		return "S1: SUPPORTED"
	}}
	if err := RunJudge(context.Background(), r, j, 2, nil); err != nil {
		t.Fatal(err)
	}
	want := &JudgeSummary{Model: "judge-model", Judged: 2, Faithfulness: 0.75, Correctness: 1}
	if !reflect.DeepEqual(r.Judge, want) {
		t.Errorf("judge summary = %+v, want %+v", r.Judge, want)
	}
	if r.Questions[2].Judge != nil {
		t.Errorf("a refusal was judged")
	}
	// Four requests: faithfulness and correctness for each answer; Urdu
	// prompts for the Urdu question.
	if len(j.users) != 4 {
		t.Fatalf("%d judge requests, want 4", len(j.users))
	}
	urdu := 0
	for _, s := range j.systems {
		if strings.Contains(s, "آپ") {
			urdu++
		}
	}
	if urdu != 2 {
		t.Errorf("%d Urdu system prompts, want 2", urdu)
	}
	for _, u := range j.users {
		if strings.Contains(u, "<no value>") || strings.Contains(u, "{{") {
			t.Errorf("badly rendered prompt:\n%s", u)
		}
	}
	// The judge's view shows up in the reports, apart from the metrics.
	var buf bytes.Buffer
	r.WriteTable(&buf)
	if !strings.Contains(buf.String(), "LLM judge (judge-model") {
		t.Errorf("table has no judge line:\n%s", buf.String())
	}
	buf.Reset()
	r.WriteHTML(&buf)
	if !strings.Contains(buf.String(), "LLM judge") {
		t.Errorf("HTML has no judge section")
	}

	failing := &fakeJudge{fail: true}
	if err := RunJudge(context.Background(), r, failing, 1, nil); err != nil {
		t.Fatal(err)
	}
	if r.Judge.Errors != 2 || r.Judge.Judged != 0 || r.Questions[0].Judge.Error == "" {
		t.Errorf("failing judge: %+v", r.Judge)
	}
}
