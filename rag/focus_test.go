package rag

import (
	"context"
	"strings"
	"testing"
)

// titledHit is a dated report with its headline.
func titledHit(id, day, title, text string) Hit {
	h := datedHit(id, day, text)
	h.Doc.Title = title
	return h
}

// A report's lead and its second sentence restate the headline; the
// producer the question asks for is in a sentence that holds little else.
var murderReport = titledHit("murder#0", "2014-10-03", "مہیش بھٹ کی نئی فلم مرڈر 4",
	"ممبئی۔ 3 اکتوبر (اے پی پی) بالی وڈ فلمساز مہیش بھٹ نے اپنی نئی فلم مرڈر 4 بنانے کا اعلان کردیا۔ "+
		"مہیش بھٹ کی فلم مرڈر 4 تلگو فلم کا ہندی ریمیک ہوگی۔ فلم کے پروڈیوسر مدھر سریدار ہونگے۔")

const producerQuestion = "مہیش بھٹ کی فلم مرڈر 4 کا پروڈیوسر کون ہے؟"

func askFocus(t *testing.T, off bool, q string, hits ...Hit) *Answer {
	t.Helper()
	a, _ := timeAnswerer(hits...)
	a.FocusOff = off
	ans, err := a.Ask(context.Background(), Question{Text: q, K: 3})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Refused {
		t.Fatalf("refused %q:\n%s", q, ans.Answer)
	}
	return ans
}

// The extract quotes the sentence that holds what the question asks beyond
// the headline; without focusQuoted it quotes the two that restate it. The
// quotes may hold part of the focus ("مرڈر 4", when the headline does not
// name it): the sentence that holds the rest (the producer) is quoted still,
// though it holds less of the focus than they do.
func TestFocusQuoted(t *testing.T) {
	untitled := titledHit("murder#0", "2014-10-03", "مہیش بھٹ کی نئی فلم", murderReport.Chunk.Text)
	for name, report := range map[string]Hit{"headline names the film": murderReport, "quotes name the film": untitled} {
		if got := askFocus(t, false, producerQuestion, report).Answer; !strings.Contains(got, "مدھر سریدار") {
			t.Errorf("%s: the producer's sentence is not quoted:\n%s", name, got)
		}
		if got := askFocus(t, true, producerQuestion, report).Answer; strings.Contains(got, "مدھر سریدار") {
			t.Errorf("%s: with FocusOff the producer's sentence is quoted; the test no longer shows what focusQuoted adds:\n%s", name, got)
		}
	}
}

// Two reports of one story name different producers: each report's answer
// is quoted. A report of another story on the same day is not asked for
// its sentence, however much of the focus it holds.
func TestFocusQuotedEachReport(t *testing.T) {
	paper := titledHit("murderp#0", "2014-10-04", "مہیش بھٹ کی نئی فلم مرڈر 4",
		"ممبئی (شوبز ڈیسک) بالی وڈ فلمساز مہیش بھٹ نے اپنی نئی فلم مرڈر 4 بنانے کا اعلان کردیا۔ "+
			"مہیش بھٹ کی فلم مرڈر 4 تلگو فلم کا ہندی ریمیک ہوگی۔ فلم کے پروڈیوسر وشیش بھٹ ہوں گے۔")
	ans := askFocus(t, false, producerQuestion, murderReport, paper)
	for _, name := range []string{"مدھر سریدار", "وشیش بھٹ"} {
		if !strings.Contains(ans.Answer, name) {
			t.Errorf("%s's report: its producer is not quoted:\n%s", name, ans.Answer)
		}
	}
	other := titledHit("drama#0", "2014-10-03", "لاہور میں تھیٹر کا میلہ",
		"لاہور میں تھیٹر کا میلہ شروع ہو گیا۔ ڈرامے کے پروڈیوسر کامران ہوں گے۔")
	ans = askFocus(t, false, producerQuestion, murderReport, other)
	if strings.Contains(ans.Answer, "کامران") {
		t.Errorf("another story's producer is quoted:\n%s", ans.Answer)
	}
}

// focusShares weighs only the question's words that the headline does not
// hold, its asking word left out.
func TestFocusShares(t *testing.T) {
	rq := NewRankQuery(producerQuestion, nil, nil)
	textWords := func(s string) ([]string, []string) {
		a := Analyze(s)
		return a.Words, a.Stems
	}
	sum := func(xs []float64) float64 {
		n := 0.0
		for _, x := range xs {
			n += x
		}
		return n
	}
	for _, c := range []struct {
		sentence, headline string
		want               float64
	}{
		{"فلم کے پروڈیوسر مدھر سریدار ہونگے", "مہیش بھٹ کی نئی فلم مرڈر 4", 1},
		{"مہیش بھٹ کی فلم مرڈر 4 تلگو فلم کا ہندی ریمیک ہوگی", "مہیش بھٹ کی نئی فلم مرڈر 4", 0},
		// With no headline, the focus is the whole question but its asking
		// word: two of its six other words.
		{"فلم کے پروڈیوسر مدھر سریدار ہونگے", "", 2.0 / 6},
		// A headline that holds every word leaves no focus.
		{"فلم کے پروڈیوسر مدھر سریدار ہونگے", producerQuestion, 0},
	} {
		words, stems := textWords(c.sentence)
		if got := sum(rq.focusShares(words, stems, c.headline)); got < c.want-1e-9 || got > c.want+1e-9 {
			t.Errorf("focusShares(%q, headline %q) sum to %v, want %v", c.sentence, c.headline, got, c.want)
		}
	}
}

// Another paper's report of the story, of the next day and the headline's
// story, but no retelling (its figures differ: retells), is quoted for its
// own answer too once the extract quotes it.
func TestFocusQuotedOtherReportOfTheStory(t *testing.T) {
	agency := titledHit("murder#0", "2014-10-03", "مہیش بھٹ کی نئی فلم مرڈر 4",
		"ممبئی (اے پی پی) بالی وڈ فلمساز مہیش بھٹ نے اپنی نئی فلم مرڈر 4 بنانے کا اعلان کردیا۔ فلم 25 کروڑ روپے میں 60 دن میں بنے گی۔ فلم کے پروڈیوسر مدھر سریدار ہونگے۔")
	paper := titledHit("shoot#0", "2014-10-04", "مرڈر 4 کی شوٹنگ جلد شروع",
		"لاہور (شوبز رپورٹر) مہیش بھٹ کی نئی فلم مرڈر 4 کی عکسبندی 90 دن جاری رہے گی۔ مہیش بھٹ کی فلم مرڈر 4 پر 30 کروڑ روپے لاگت آئے گی۔ ونود چوپڑا فلم کے پروڈیوسر ہوں گے۔")
	ans := askFocus(t, false, producerQuestion, agency, paper)
	for _, name := range []string{"مدھر سریدار", "ونود چوپڑا"} {
		if !strings.Contains(ans.Answer, name) {
			t.Errorf("%s's report: its producer is not quoted:\n%s", name, ans.Answer)
		}
	}
}
