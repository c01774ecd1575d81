package eval

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/jawab/jawab/rag"
)

// withAnswerability sets an answer's answerability.
func withAnswerability(a *rag.Answer, p float64) *rag.Answer {
	a.Answerability = p
	return a
}

// handReport is three answerable questions at answerability 0.2, 0.6, 0.9 and
// three unanswerable ones at 0.1, 0.2, 0.4, each refused below 0.4.
func handReport(t *testing.T) *Report {
	t.Helper()
	var qs []Question
	var answers []*rag.Answer
	for i, p := range []float64{0.2, 0.6, 0.9, 0.1, 0.2, 0.4} {
		answerable := i < 3
		qs = append(qs, q(fmt.Sprintf("%c%d", "ua"[b2i(answerable)], i), "en", answerable, "d1"))
		a := answered("An answer [1].", passages("متن"), "d1")
		if p < 0.4 {
			a = refused("en", passages("متن"))
		}
		answers = append(answers, withAnswerability(a, p))
	}
	return scored(t, qs, answers)
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestAnswerabilityCurveByHand(t *testing.T) {
	r := handReport(t)
	for i, want := range []float64{0.2, 0.6, 0.9, 0.1, 0.2, 0.4} {
		if got := r.Questions[i].Answerability; got == nil || *got != want {
			t.Errorf("question %d: answerability %v, want %v", i, got, want)
		}
	}
	// Refusing below t refuses the questions scoring under t: at 0.2 the
	// unanswerable 0.1; at 0.4 also both at 0.2; at 0.6 also the
	// unanswerable 0.4 (all three now); at 0.9 also the answerable 0.6; at 1
	// everything.
	want := []CurvePoint{
		{Threshold: 0, UnanswerableRefused: 0, AnswerableRefused: 0},
		{Threshold: 0.2, UnanswerableRefused: 0.3333, AnswerableRefused: 0},
		{Threshold: 0.4, UnanswerableRefused: 0.6667, AnswerableRefused: 0.3333},
		{Threshold: 0.6, UnanswerableRefused: 1, AnswerableRefused: 0.3333},
		{Threshold: 0.9, UnanswerableRefused: 1, AnswerableRefused: 0.6667},
		{Threshold: 1, UnanswerableRefused: 1, AnswerableRefused: 1},
	}
	if !reflect.DeepEqual(r.AnswerabilityCurve, want) {
		t.Errorf("curve\n got %+v\nwant %+v", r.AnswerabilityCurve, want)
	}
	// Of the 9 (unanswerable, answerable) pairs, the unanswerable one scores
	// lower in 3 (0.1) + 2.5 (0.2: a tie with 0.2 counts half) + 2 (0.4).
	if r.AnswerabilityAUC == nil || *r.AnswerabilityAUC != 0.8333 {
		t.Errorf("auc = %v, want 0.8333 (7.5 of 9 pairs)", r.AnswerabilityAUC)
	}

	// In the JSON report, by name.
	var buf bytes.Buffer
	if err := r.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	var raw struct {
		Curve     []map[string]float64 `json:"answerability_curve"`
		AUC       *float64             `json:"answerability_auc"`
		Questions []map[string]any     `json:"questions"`
	}
	if err := json.Unmarshal(buf.Bytes(), &raw); err != nil {
		t.Fatal(err)
	}
	if len(raw.Curve) != len(want) || raw.Curve[2]["threshold"] != 0.4 || raw.Curve[2]["unanswerable_refused"] != 0.6667 || raw.Curve[2]["answerable_refused"] != 0.3333 {
		t.Errorf("answerability_curve in JSON: %v", raw.Curve)
	}
	if raw.AUC == nil || *raw.AUC != 0.8333 {
		t.Errorf("answerability_auc in JSON: %v", raw.AUC)
	}
	if got := raw.Questions[1]["answerability"]; got != 0.6 {
		t.Errorf("questions[1].answerability in JSON = %v, want 0.6", got)
	}

	buf.Reset()
	if err := r.WriteTable(&buf); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "answerability_auc 0.833") {
		t.Errorf("the table has no AUC line:\n%s", buf.String())
	}
}

// For random sets, with ties and the extremes 0 and 1: the curve starts at
// threshold 0 refusing nothing and ends refusing everything, its thresholds
// are 0, every distinct answerability but the smallest, and one above them
// all; both shares never fall; each point is what refusing below its
// threshold refuses; the AUC counts the pairs and is the area under the curve.
func TestAnswerabilityCurveProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	draw := func() float64 {
		switch rng.IntN(4) {
		case 0:
			return []float64{0, 0.25, 0.5, 1}[rng.IntN(4)]
		default:
			return math.Round(rng.Float64()*100) / 100
		}
	}
	for trial := range 300 {
		var ans, unans []float64
		for range 1 + rng.IntN(12) {
			ans = append(ans, draw())
		}
		for range 1 + rng.IntN(12) {
			unans = append(unans, draw())
		}
		slices.Sort(ans)
		slices.Sort(unans)
		name := fmt.Sprintf("trial %d (answerable %v, unanswerable %v)", trial, ans, unans)
		curve := answerabilityCurve(ans, unans)
		if len(curve) < 2 {
			t.Fatalf("%s: curve %+v", name, curve)
		}
		if first := curve[0]; first != (CurvePoint{}) {
			t.Errorf("%s: first point %+v, want threshold 0 refusing nothing", name, first)
		}
		all := append(slices.Clone(ans), unans...)
		top := slices.Max(all)
		last := curve[len(curve)-1]
		if last.UnanswerableRefused != 1 || last.AnswerableRefused != 1 || last.Threshold <= top {
			t.Errorf("%s: last point %+v, want both shares 1 above the largest answerability %v", name, last, top)
		}
		if top < 1 && last.Threshold != 1 || top == 1 && last.Threshold != math.Nextafter(1, 2) {
			t.Errorf("%s: last threshold %v", name, last.Threshold)
		}

		distinct := slices.Compact(slices.Sorted(slices.Values(all)))
		wantTs := append(append([]float64{0}, distinct[1:]...), last.Threshold)
		var ts []float64
		for _, p := range curve {
			ts = append(ts, p.Threshold)
		}
		if !slices.Equal(ts, wantTs) {
			t.Errorf("%s: thresholds %v, want %v", name, ts, wantTs)
		}

		area := 0.0
		for i, p := range curve {
			var u, a int
			for _, v := range unans {
				if v < p.Threshold {
					u++
				}
			}
			for _, v := range ans {
				if v < p.Threshold {
					a++
				}
			}
			if want := (CurvePoint{p.Threshold, share(float64(u), len(unans)), share(float64(a), len(ans))}); p != want {
				t.Errorf("%s: point %+v, want %+v", name, p, want)
			}
			if i == 0 {
				continue
			}
			prev := curve[i-1]
			if p.UnanswerableRefused < prev.UnanswerableRefused || p.AnswerableRefused < prev.AnswerableRefused {
				t.Errorf("%s: the curve falls from %+v to %+v", name, prev, p)
			}
			area += (p.AnswerableRefused - prev.AnswerableRefused) * (p.UnanswerableRefused + prev.UnanswerableRefused) / 2
		}

		var wins float64
		for _, u := range unans {
			for _, a := range ans {
				switch {
				case u < a:
					wins++
				case u == a:
					wins += 0.5
				}
			}
		}
		auc := answerabilityAUC(ans, unans)
		if want := round(wins/float64(len(ans)*len(unans)), 4); auc != want {
			t.Errorf("%s: auc %v, want %v", name, auc, want)
		}
		if math.Abs(area-auc) > 1e-3 {
			t.Errorf("%s: auc %v, but the area under the curve is %v", name, auc, area)
		}
	}
}

func TestAnswerabilityCurveEdges(t *testing.T) {
	tests := []struct {
		name       string
		ans, unans []float64
		auc        float64
		curve      []CurvePoint
	}{
		{"perfect", []float64{0.8, 0.9}, []float64{0.1, 0.2}, 1, []CurvePoint{
			{0, 0, 0}, {0.2, 0.5, 0}, {0.8, 1, 0}, {0.9, 1, 0.5}, {1, 1, 1}}},
		{"reversed", []float64{0.1}, []float64{0.9}, 0, []CurvePoint{
			{0, 0, 0}, {0.9, 0, 1}, {1, 1, 1}}},
		{"all tied", []float64{0.5, 0.5}, []float64{0.5}, 0.5, []CurvePoint{
			{0, 0, 0}, {1, 1, 1}}},
		{"0 and 1", []float64{1}, []float64{0}, 1, []CurvePoint{
			{0, 0, 0}, {1, 1, 0}, {math.Nextafter(1, 2), 1, 1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := answerabilityCurve(tt.ans, tt.unans); !reflect.DeepEqual(got, tt.curve) {
				t.Errorf("curve\n got %+v\nwant %+v", got, tt.curve)
			}
			if got := answerabilityAUC(tt.ans, tt.unans); got != tt.auc {
				t.Errorf("auc = %v, want %v", got, tt.auc)
			}
		})
	}
}

// Without both kinds of question there is no trade-off to show; a question
// whose Ask failed has no answerability and is left out of the curve.
func TestAnswerabilityCurveNeedsBothKinds(t *testing.T) {
	r := scored(t, []Question{q("a", "en", true, "d1"), q("b", "en", true, "d1")},
		[]*rag.Answer{withAnswerability(answered("x", nil), 0.7), withAnswerability(refused("en", nil), 0.1)})
	if r.AnswerabilityCurve != nil || r.AnswerabilityAUC != nil {
		t.Errorf("answerable questions only: curve %+v, auc %v", r.AnswerabilityCurve, r.AnswerabilityAUC)
	}
	var buf bytes.Buffer
	r.WriteJSON(&buf)
	if s := buf.String(); strings.Contains(s, "answerability_curve") || strings.Contains(s, "answerability_auc") {
		t.Errorf("the JSON has a curve for answerable questions only")
	}
	buf.Reset()
	r.WriteTable(&buf)
	if strings.Contains(buf.String(), "answerability_auc") {
		t.Errorf("the table has an AUC for answerable questions only")
	}
	buf.Reset()
	r.WriteHTML(&buf)
	if strings.Contains(buf.String(), "answerability-curve") {
		t.Errorf("the page has a curve for answerable questions only")
	}

	qs := []Question{q("a", "en", true, "d1"), q("b", "en", true, "d1"), q("c", "en", false)}
	asker := &fakeAsker{
		answers: map[string]*rag.Answer{"سوال b": withAnswerability(answered("x", nil), 0.9), "سوال c": withAnswerability(refused("en", nil), 0.3)},
		errs:    map[string]error{"سوال a": errors.New("store on fire")},
	}
	r, err := Run(context.Background(), qs, asker, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Questions[0].Answerability != nil {
		t.Errorf("a failed question has answerability %v, want null", *r.Questions[0].Answerability)
	}
	want := []CurvePoint{{0, 0, 0}, {0.9, 1, 0}, {1, 1, 1}}
	if !reflect.DeepEqual(r.AnswerabilityCurve, want) || r.AnswerabilityAUC == nil || *r.AnswerabilityAUC != 1 {
		t.Errorf("curve %+v auc %v; want %+v over the two answered questions, auc 1", r.AnswerabilityCurve, r.AnswerabilityAUC, want)
	}
}

func TestWriteHTMLAnswerabilityCurve(t *testing.T) {
	r := handReport(t)
	var buf bytes.Buffer
	if err := r.WriteHTML(&buf); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, want := range []string{
		`<svg id="answerability-curve"`,
		"AUC 0.833",
		// The curve's points: x = 70 + 360·answerable refused, y = 380 − 360·unanswerable refused.
		`<polyline class="curve" points="70,380 70,260 190,140 190,20 310,20 430,20"/>`,
		// The chance diagonal.
		`<line class="chance" x1="70" y1="380" x2="430" y2="20"/>`,
		// The actual refusals (below 0.4): 2 of 3 unanswerable, 1 of 3 answerable.
		`<circle class="op" cx="190" cy="140" r="6"><title>actual refusals: 2 of 3 unanswerable and 1 of 3 answerable questions</title></circle>`,
		// The table: below 0.5, all three unanswerable and one answerable question.
		`<tr><td class="num">0.5</td><td class="num">1.000</td><td class="num">0.333</td></tr>`,
		`<tr><td>actual refusals</td><td class="num">0.667</td><td class="num">0.333</td></tr>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page has no %q", want)
		}
	}
	if n := strings.Count(page, `<circle class="mark"`); n != len(curveThresholds) {
		t.Errorf("%d thresholds marked, want %d", n, len(curveThresholds))
	}
	assertSelfContained(t, page)
}
