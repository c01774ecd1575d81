package eval

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// Metrics are the scores of a set of questions, all in [0,1]. Definitions
// (shared/eval/FORMAT.md, with the edge cases decided here):
//
//   - Hit1, Hit5: share of answerable questions with a hit among the first 1
//     or 5 passages the answer used. A passage is a hit when, after
//     normalisation (text.Fold and white space collapsed, both sides), it
//     contains any evidence span. With --k below 5, hit@5 only sees k.
//   - MRR: mean over answerable questions of 1/rank of the first hit, 0 when
//     there is none in the top RankDepth (10). Ranks beyond the passages the
//     answer used come from a separate retrieval of RankDepth passages with
//     the question alone (Retriever.Retrieve).
//   - FactRecall: mean over answerable questions that list must_include items
//     of the share of items the answer states (any variant contained in the
//     answer, citation markers removed, after normalisation). A refusal states
//     nothing. 0 when no question lists items.
//   - CitationPrecision: over all citations of all answers pooled, the share
//     whose document is one of the question's doc_ids (a citation in the
//     answer to an unanswerable question is never gold). 0 when no answer
//     cites anything; the report's notes then say so.
//   - RefusalAccuracy: over all questions, the share refused exactly when
//     answerable is false.
//   - LangAccuracy: over all questions (refusals included), the share whose
//     answer's script is the question's language (see AnswerLang); an answer
//     without letters is in no language.
//
// A question whose Ask failed counts as failed on every metric.
type Metrics struct {
	N                 int     `json:"n"`
	Answerable        int     `json:"answerable"`
	Hit1              float64 `json:"hit@1"`
	Hit5              float64 `json:"hit@5"`
	MRR               float64 `json:"mrr"`
	FactRecall        float64 `json:"fact_recall"`
	CitationPrecision float64 `json:"citation_precision"`
	RefusalAccuracy   float64 `json:"refusal_accuracy"`
	LangAccuracy      float64 `json:"lang_accuracy"`
	// Citations is how many citations citation_precision pooled.
	Citations int `json:"citations"`
	// Errors counts the questions whose Ask failed.
	Errors int `json:"errors"`
}

// Headline lists the metrics a baseline comparison gates on, in report order.
var Headline = []string{"hit@1", "hit@5", "mrr", "fact_recall", "citation_precision", "refusal_accuracy", "lang_accuracy"}

// Value returns a metric by its JSON name (one of Headline), and false for an
// unknown name.
func (m Metrics) Value(name string) (float64, bool) {
	switch name {
	case "hit@1":
		return m.Hit1, true
	case "hit@5":
		return m.Hit5, true
	case "mrr":
		return m.MRR, true
	case "fact_recall":
		return m.FactRecall, true
	case "citation_precision":
		return m.CitationPrecision, true
	case "refusal_accuracy":
		return m.RefusalAccuracy, true
	case "lang_accuracy":
		return m.LangAccuracy, true
	}
	return 0, false
}

// Latency holds per-stage percentiles in milliseconds, from Answer.Timings
// (nearest-rank method, see Percentile).
type Latency struct {
	RetrieveP50 float64 `json:"retrieve_p50"`
	RetrieveP95 float64 `json:"retrieve_p95"`
	GenerateP50 float64 `json:"generate_p50"`
	GenerateP95 float64 `json:"generate_p95"`
	TotalP50    float64 `json:"total_p50"`
	TotalP95    float64 `json:"total_p95"`
}

// Report is the result of a run: the FORMAT.md fields, then what the table and
// HTML views need. Its JSON form is what --format json prints and --baseline
// reads back.
type Report struct {
	Metrics
	Latency Latency            `json:"latency_ms"`
	ByLang  map[string]Metrics `json:"by_lang"`
	// AnswerabilityCurve is what refusing below each threshold of the
	// questions' answerability would do: the share of unanswerable questions
	// refused against the share of answerable ones wrongly refused (see
	// answerabilityCurve). AnswerabilityAUC is the area under it. Both are
	// there only when the set has both kinds of question, and leave out the
	// questions whose Ask failed.
	AnswerabilityCurve []CurvePoint `json:"answerability_curve,omitempty"`
	AnswerabilityAUC   *float64     `json:"answerability_auc,omitempty"`
	Generator          string       `json:"generator"`
	// Retriever, Rerank and the others say which parts ran (jawab eval
	// --retriever, --rerank, --expand, --sentences, --alternatives, --focus,
	// --xlang, --time), so that
	// an ablation's reports say what they ablate.
	Retriever string `json:"retriever,omitempty"`
	Rerank    string `json:"rerank,omitempty"`
	Expand    string `json:"expand,omitempty"`
	Sentences string `json:"sentences,omitempty"`
	// Alternatives is whether a refused choice was judged by each
	// alternative alone.
	Alternatives string `json:"alternatives,omitempty"`
	// Focus is whether each report's sentence holding what the question
	// asks beyond its headline was quoted.
	Focus  string   `json:"focus,omitempty"`
	Xlang  string   `json:"xlang,omitempty"`
	Time   string   `json:"time,omitempty"`
	K      int      `json:"k"`
	Corpus []string `json:"corpus"`
	QA     string   `json:"qa"`
	Notes  []string `json:"notes,omitempty"`
	// ByTimeKind and StaleRate are there when any question has a time field
	// (FORMAT.md): the metrics by time_kind (questions without one under
	// "none"), and over answerable questions with stale_doc_ids the share whose
	// answer cites a stale article and no gold one (lower is better; null when
	// no question has stale_doc_ids).
	ByTimeKind map[string]Metrics `json:"by_time_kind,omitempty"`
	StaleRate  *float64           `json:"stale_rate,omitempty"`
	Questions  []Result           `json:"questions"`
	// Judge holds the LLM judge's scores when --judge was given; they are
	// kept apart from the deterministic metrics and never gated.
	Judge *JudgeSummary `json:"judge,omitempty"`
}

// Result is one question's outcome. The first fields are FORMAT.md's; the
// rest explain them.
type Result struct {
	ID string `json:"id"`
	// HitRank is the 1-based rank of the first passage containing evidence,
	// 0 when none is in the top RankDepth (and for unanswerable questions).
	HitRank int  `json:"hit_rank"`
	Refused bool `json:"refused"`
	// Facts is the share of must_include items the answer states; null for
	// unanswerable questions and those without must_include.
	Facts *float64 `json:"facts"`
	// Citations are the documents the answer's citations point to, in order.
	Citations []string `json:"citations"`
	Answer    string   `json:"answer"`

	Question   string `json:"question"`
	Lang       string `json:"lang"`
	Answerable bool   `json:"answerable"`
	// Answerability is the answer's (rag.Answer.Answerability): the gate's
	// probability that the passages answer. Null when the Ask failed (or the
	// gate gave no number).
	Answerability *float64 `json:"answerability"`
	// CrossCoverage is the answer's (rag.Answer.CrossCoverage): for a
	// question rendered offline from English or Roman Urdu, the share of
	// its weight the best sentence holds, which the gate decides on.
	CrossCoverage *float64   `json:"cross_coverage,omitempty"`
	AnswerLang    string     `json:"answer_lang"`
	Generator     string     `json:"generator,omitempty"`
	Pass          Pass       `json:"pass"`
	Failures      []string   `json:"failures,omitempty"`
	DocIDs        []string   `json:"doc_ids"`
	Evidence      []string   `json:"evidence"`
	Reference     string     `json:"reference"`
	MustInclude   [][]string `json:"must_include"`
	// Missing are the must_include items the answer does not state.
	Missing  [][]string         `json:"missing_facts,omitempty"`
	Cited    []CitationResult   `json:"cited"`
	Passages []PassageResult    `json:"passages"`
	Timings  map[string]float64 `json:"timings_ms,omitempty"`
	Warnings []string           `json:"warnings,omitempty"`
	Error    string             `json:"error,omitempty"`
	Judge    *JudgeResult       `json:"judge,omitempty"`

	// The question's time fields, as given.
	AsOf        string   `json:"as_of,omitempty"`
	TimeKind    string   `json:"time_kind,omitempty"`
	StaleDocIDs []string `json:"stale_doc_ids,omitempty"`
	// Stale is whether the answer cites a stale article and no gold one;
	// null for questions without stale_doc_ids and unanswerable ones.
	Stale *bool `json:"stale,omitempty"`
}

// Failed reports whether the question failed any check.
func (r *Result) Failed() bool { return len(r.Failures) > 0 }

// Pass says which checks a question passed. Hit1, Hit5 and Facts are null
// when they do not apply (unanswerable questions; no must_include). Citations
// passes when every citation is gold and an answered answerable question
// cites something.
type Pass struct {
	Hit1      *bool `json:"hit@1,omitempty"`
	Hit5      *bool `json:"hit@5,omitempty"`
	Facts     *bool `json:"facts,omitempty"`
	Refusal   bool  `json:"refusal"`
	Lang      bool  `json:"lang"`
	Citations bool  `json:"citations"`
}

// CitationResult is one citation of an answer.
type CitationResult struct {
	N         int    `json:"n"`
	DocID     string `json:"doc_id"`
	Title     string `json:"title,omitempty"`
	Quote     string `json:"quote,omitempty"`
	Gold      bool   `json:"gold"`
	Supported bool   `json:"supported"`
}

// PassageResult is one retrieved passage. Used is false for a passage beyond
// those the answer was given (shown only when it holds the first hit).
type PassageResult struct {
	Rank    int    `json:"rank"`
	Used    bool   `json:"used"`
	DocID   string `json:"doc_id"`
	ChunkID string `json:"chunk_id"`
	Title   string `json:"title,omitempty"`
	Text    string `json:"text"`
	Hit     bool   `json:"hit"`
	// Mark is the evidence found in Text, as rune offsets [start, end).
	Mark []int `json:"mark,omitempty"`
}

// WriteJSON writes the report as one indented JSON object.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

// ReadReport reads a report written by WriteJSON (a --baseline file). It
// checks that the headline fields are there, so that a file of another kind
// is not read as a report of zeros.
func ReadReport(rd io.Reader) (*Report, error) {
	var raw map[string]json.RawMessage
	data, err := io.ReadAll(rd)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("not a JSON report: %w", err)
	}
	var missing []string
	for _, f := range append([]string{"n", "latency_ms", "by_lang"}, Headline...) {
		if _, ok := raw[f]; !ok {
			missing = append(missing, f)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("not an eval report: missing %s", strings.Join(missing, ", "))
	}
	var r Report
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, fmt.Errorf("not an eval report: %w", err)
	}
	return &r, nil
}

// ErrRegressed is returned (wrapped) by the eval command when a headline
// metric dropped by more than the tolerance against the baseline.
var ErrRegressed = errors.New("metrics regressed beyond the tolerance")

// Delta is the change of one metric from a baseline.
type Delta struct {
	Metric string `json:"metric"`
	// Lang is "ur" or "en" for a by-language metric, "" for the headline.
	Lang   string  `json:"lang,omitempty"`
	Base   float64 `json:"base"`
	Cur    float64 `json:"cur"`
	Change float64 `json:"change"`
	// Gated is true for the headline metrics, the only ones that can regress;
	// by-language metrics and latency are reported only.
	Gated     bool `json:"gated"`
	Regressed bool `json:"regressed"`
}

// epsilon absorbs floating-point noise: a drop of exactly the tolerance is not
// a regression.
const epsilon = 1e-9

// Compare compares cur with base: every headline metric overall and by
// language, the stale rate when both have one, then latency. regressed is
// true when any headline metric overall dropped by more than tol, or the
// stale rate rose by more; improvements never regress.
func Compare(base, cur *Report, tol float64) (deltas []Delta, regressed bool) {
	for _, name := range Headline {
		b, _ := base.Value(name)
		c, _ := cur.Value(name)
		d := Delta{Metric: name, Base: b, Cur: c, Change: round(c-b, 4), Gated: true}
		d.Regressed = b-c > tol+epsilon
		regressed = regressed || d.Regressed
		deltas = append(deltas, d)
	}
	if base.StaleRate != nil && cur.StaleRate != nil {
		// Lower is better: a rise beyond the tolerance regresses.
		b, c := *base.StaleRate, *cur.StaleRate
		d := Delta{Metric: "stale_rate", Base: b, Cur: c, Change: round(c-b, 4), Gated: true}
		d.Regressed = c-b > tol+epsilon
		regressed = regressed || d.Regressed
		deltas = append(deltas, d)
	}
	for _, lang := range []string{"ur", "en"} {
		bm, cm := base.ByLang[lang], cur.ByLang[lang]
		if bm.N == 0 && cm.N == 0 {
			continue
		}
		for _, name := range Headline {
			b, _ := bm.Value(name)
			c, _ := cm.Value(name)
			deltas = append(deltas, Delta{Metric: name, Lang: lang, Base: b, Cur: c, Change: round(c-b, 4)})
		}
	}
	for _, l := range []struct {
		name string
		b, c float64
	}{
		{"retrieve_p50_ms", base.Latency.RetrieveP50, cur.Latency.RetrieveP50},
		{"retrieve_p95_ms", base.Latency.RetrieveP95, cur.Latency.RetrieveP95},
		{"generate_p50_ms", base.Latency.GenerateP50, cur.Latency.GenerateP50},
		{"generate_p95_ms", base.Latency.GenerateP95, cur.Latency.GenerateP95},
	} {
		deltas = append(deltas, Delta{Metric: l.name, Base: l.b, Cur: l.c, Change: round(l.c-l.b, 2)})
	}
	return deltas, regressed
}

// Mismatches lists what makes two reports hard to compare (another question
// set, generator or k); the comparison is still made.
func Mismatches(base, cur *Report) []string {
	var out []string
	if base.N != cur.N || base.Answerable != cur.Answerable {
		out = append(out, fmt.Sprintf("the baseline has %d questions (%d answerable), this run %d (%d answerable)", base.N, base.Answerable, cur.N, cur.Answerable))
	}
	if base.Generator != cur.Generator {
		out = append(out, fmt.Sprintf("the baseline used generator %q, this run %q", base.Generator, cur.Generator))
	}
	if base.K != cur.K && base.K != 0 {
		out = append(out, fmt.Sprintf("the baseline used k %d, this run %d", base.K, cur.K))
	}
	return out
}

// WriteDeltas prints a comparison as a table: overall metrics with the gate,
// then by language, then latency.
func WriteDeltas(w io.Writer, deltas []Delta, tol float64) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "vs baseline\tbase\tnow\tchange\t\n")
	for _, d := range deltas {
		name := d.Metric
		if d.Lang != "" {
			name = d.Lang + " " + d.Metric
		}
		verdict := ""
		switch {
		case d.Regressed:
			verdict = fmt.Sprintf("REGRESSED (more than %.2f)", tol)
		case d.Gated && d.Change < 0:
			verdict = "within tolerance"
		}
		if strings.HasSuffix(d.Metric, "_ms") {
			fmt.Fprintf(tw, "%s\t%.1f\t%.1f\t%+.1f\t%s\n", name, d.Base, d.Cur, d.Change, verdict)
		} else {
			fmt.Fprintf(tw, "%s\t%.3f\t%.3f\t%+.3f\t%s\n", name, d.Base, d.Cur, d.Change, verdict)
		}
	}
	return tw.Flush()
}
