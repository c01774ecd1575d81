package eval

import (
	"bytes"
	"encoding/json"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/jawab/jawab/rag"
)

// sampleReport is a small report with a bit of everything: Urdu and English,
// a hit with a highlight, a refusal, a miss and a question with markup.
func sampleReport(t *testing.T) *Report {
	t.Helper()
	ps := passages("سفارتی تعلقات یکم مئی 1948 کو نیو یارک میں قائم ہوئے۔", "کچھ اور۔")
	qs := []Question{
		{ID: "ur-1", Question: "سفارتی تعلقات کب قائم ہوئے؟", Lang: "ur", Answerable: true, DocIDs: []string{"d1"},
			Evidence: []string{"یکم مئی 1948"}, Answer: "یکم مئی 1948 کو۔", MustInclude: [][]string{{"1948", "۱۹۴۸"}}},
		{ID: "en-1", Question: "What is <script>alert(1)</script> & co?", Lang: "en", Answerable: true, DocIDs: []string{"d1"},
			Evidence: []string{"نیو یارک"}, Answer: "New York.", MustInclude: [][]string{{"New York"}}},
		{ID: "en-x", Question: "Who won the 2030 World Cup?", Lang: "en", Answerable: false},
	}
	return scored(t, qs, []*rag.Answer{
		answered("سفارتی تعلقات یکم مئی 1948 کو قائم ہوئے [1]۔", ps, "d1"),
		answered("Something else [2].", passages("کچھ اور۔"), "d2"),
		refused("en", ps),
	})
}

func TestCompare(t *testing.T) {
	base := &Report{Metrics: Metrics{N: 10, Answerable: 8, Hit1: 0.50, Hit5: 0.80, MRR: 0.60, FactRecall: 0.40,
		CitationPrecision: 0.90, RefusalAccuracy: 0.70, LangAccuracy: 1}, Generator: "extractive", K: 5,
		ByLang: map[string]Metrics{"ur": {N: 5, Hit5: 0.9}, "en": {N: 5, Hit5: 0.7}}}
	with := func(f func(m *Metrics)) *Report {
		c := *base
		c.ByLang = map[string]Metrics{"ur": base.ByLang["ur"], "en": base.ByLang["en"]}
		f(&c.Metrics)
		return &c
	}
	tests := []struct {
		name      string
		cur       *Report
		regressed bool
	}{
		{"same", with(func(*Metrics) {}), false},
		{"drop of 0.03", with(func(m *Metrics) { m.Hit5 = 0.77 }), true},
		{"drop of 0.01", with(func(m *Metrics) { m.Hit5 = 0.79 }), false},
		{"drop of exactly the tolerance", with(func(m *Metrics) { m.Hit1 = 0.48 }), false},
		{"drop of 0.03 in lang_accuracy", with(func(m *Metrics) { m.LangAccuracy = 0.97 }), true},
		{"improvements", with(func(m *Metrics) { m.Hit1, m.MRR, m.FactRecall, m.LangAccuracy = 0.9, 0.9, 0.9, 1 }), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			deltas, regressed := Compare(base, tt.cur, 0.02)
			if regressed != tt.regressed {
				t.Errorf("regressed = %v, want %v (deltas %+v)", regressed, tt.regressed, deltas)
			}
			gated := 0
			for _, d := range deltas {
				if d.Gated {
					gated++
				}
				if d.Regressed && (!d.Gated || d.Change >= 0) {
					t.Errorf("%+v regressed", d)
				}
			}
			if gated != len(Headline) {
				t.Errorf("%d gated deltas, want %d", gated, len(Headline))
			}
		})
	}

	// The stale rate is gated upwards: lower is better.
	staleBase, staleCur := with(func(*Metrics) {}), with(func(*Metrics) {})
	staleBase.StaleRate, staleCur.StaleRate = new(0.10), new(0.15)
	if _, regressed := Compare(staleBase, staleCur, 0.02); !regressed {
		t.Error("a stale rate up from 0.10 to 0.15 did not regress")
	}
	staleCur.StaleRate = new(0.0)
	if _, regressed := Compare(staleBase, staleCur, 0.02); regressed {
		t.Error("a stale rate down to 0 regressed")
	}

	// By-language drops and slower latency are reported, never gated.
	cur := with(func(*Metrics) {})
	cur.ByLang["en"] = Metrics{N: 5, Hit5: 0.1}
	cur.Latency.GenerateP95 = 1e6
	deltas, regressed := Compare(base, cur, 0.02)
	if regressed {
		t.Errorf("a by-language drop or latency regressed the run")
	}
	found := false
	for _, d := range deltas {
		if d.Lang == "en" && d.Metric == "hit@5" {
			found = true
			if d.Change != -0.6 {
				t.Errorf("en hit@5 change = %v, want -0.6", d.Change)
			}
		}
	}
	if !found {
		t.Errorf("no en hit@5 delta in %+v", deltas)
	}
	var buf bytes.Buffer
	WriteDeltas(&buf, deltas, 0.02)
	if !strings.Contains(buf.String(), "en hit@5") || !strings.Contains(buf.String(), "generate_p95_ms") {
		t.Errorf("WriteDeltas:\n%s", buf.String())
	}

	if m := Mismatches(base, &Report{Metrics: Metrics{N: 3}, Generator: "gpt-4o-mini", K: 5}); len(m) != 2 {
		t.Errorf("Mismatches = %q, want 2", m)
	}
}

func TestJSONRoundTrip(t *testing.T) {
	r := sampleReport(t)
	r.Corpus, r.QA = []string{"testdata/pk-ru", "distractors"}, "q.jsonl"
	var buf bytes.Buffer
	if err := r.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	got, err := ReadReport(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, r) {
		a, _ := json.Marshal(got)
		b, _ := json.Marshal(r)
		t.Errorf("round trip differs:\n got %s\nwant %s", a, b)
	}

	// The FORMAT.md fields, by name.
	var raw map[string]any
	if err := json.Unmarshal(buf.Bytes(), &raw); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"n", "answerable", "hit@1", "hit@5", "mrr", "fact_recall", "citation_precision",
		"refusal_accuracy", "lang_accuracy", "latency_ms", "by_lang", "questions", "generator", "k", "corpus", "qa"} {
		if _, ok := raw[f]; !ok {
			t.Errorf("JSON has no %q", f)
		}
	}
	lat := raw["latency_ms"].(map[string]any)
	for _, f := range []string{"retrieve_p50", "retrieve_p95", "generate_p50", "generate_p95"} {
		if _, ok := lat[f]; !ok {
			t.Errorf("latency_ms has no %q", f)
		}
	}
	for _, lang := range []string{"ur", "en"} {
		m := raw["by_lang"].(map[string]any)[lang].(map[string]any)
		for _, f := range []string{"n", "hit@5", "mrr", "fact_recall"} {
			if _, ok := m[f]; !ok {
				t.Errorf("by_lang.%s has no %q", lang, f)
			}
		}
	}
	q0 := raw["questions"].([]any)[0].(map[string]any)
	for _, f := range []string{"id", "hit_rank", "refused", "facts", "citations", "answer"} {
		if _, ok := q0[f]; !ok {
			t.Errorf("questions[0] has no %q", f)
		}
	}
	if q2 := raw["questions"].([]any)[2].(map[string]any); q2["facts"] != nil {
		t.Errorf("facts of an unanswerable question = %v, want null", q2["facts"])
	}
}

func TestReadReportRejectsOtherJSON(t *testing.T) {
	for _, in := range []string{`{"added": 5}`, `[1,2]`, `not json`, `{"n": 3, "hit@1": 0.5}`} {
		if _, err := ReadReport(strings.NewReader(in)); err == nil {
			t.Errorf("ReadReport(%s) succeeded", in)
		}
	}
}

func TestWriteHTML(t *testing.T) {
	r := sampleReport(t)
	var buf bytes.Buffer
	if err := r.WriteHTML(&buf); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, want := range []string{
		"<!doctype html>", "<svg", `<rect class="ur"`, `<rect class="en"`, "lang_accuracy", "refusal_accuracy",
		"<details", `id="q-ur-1"`,
		// Escaped, not executed.
		"What is &lt;script&gt;alert(1)&lt;/script&gt; &amp; co?",
		// Urdu is marked right-to-left.
		`<span lang="ur" dir="rtl">سفارتی تعلقات کب قائم ہوئے؟</span>`,
		// The evidence is highlighted in the passage.
		"<mark>یکم مئی 1948</mark>",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page has no %q", want)
		}
	}
	if strings.Contains(page, "<script>") {
		t.Errorf("the page contains an unescaped <script>")
	}
	assertSelfContained(t, page)
}

// assertSelfContained fails when a page would load anything: an src or href
// to another document, a CSS url() or @import.
func assertSelfContained(t *testing.T, page string) {
	t.Helper()
	if m := regexp.MustCompile(`(?i)(src|href)\s*=|url\(|@import|<link|<script`).FindString(page); m != "" {
		t.Errorf("the page loads external resources: %q", m)
	}
	if strings.Contains(page, "http://") || strings.Contains(page, "https://") {
		t.Errorf("the page mentions an http(s) address")
	}
}

func TestWriteTable(t *testing.T) {
	r := sampleReport(t)
	var buf bytes.Buffer
	if err := r.WriteTable(&buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"3 questions (2 answerable), generator extractive, k 5",
		"hit@1", "hit@5", "mrr", "fact_recall", "citation_precision", "refusal_accuracy", "lang_accuracy",
		"retrieve", "generate", "p95",
		"failing questions: 1 of 3",
		"en-1  retrieval: no evidence",
		"facts: 0 of 1 stated; missing New York",
		"citations: 1 of 1 not from a gold article: [1] d2",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("table has no %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "ur-1 ") {
		t.Errorf("a passing question is listed as failing:\n%s", out)
	}
}
