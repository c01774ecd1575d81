package eval

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/jawab/jawab/text"
)

//go:embed report.html.tmpl
var reportHTML string

var reportTmpl = template.Must(template.New("report").Funcs(template.FuncMap{
	"dir":    dirOf,
	"score":  func(x float64) string { return fmt.Sprintf("%.3f", x) },
	"scorep": func(x *float64) string { return fmt.Sprintf("%.3f", *x) },
	"ms":     func(x float64) string { return fmt.Sprintf("%.1f", x) },
	"join":   strings.Join,
}).Parse(reportHTML))

// WriteHTML writes the report as one self-contained HTML page: inline CSS, an
// inline SVG chart of the metrics by language, the answerability trade-off as
// an inline SVG plot, and a drill-down per question.
// It loads nothing from anywhere; every text is escaped by html/template, and
// Urdu is marked lang="ur" dir="rtl".
func (r *Report) WriteHTML(w io.Writer) error {
	return reportTmpl.Execute(w, newHTMLView(r))
}

type htmlView struct {
	*Report
	Rows      []metricRow
	Chart     chart
	Curve     *curveView // nil without both answerable and unanswerable questions
	TimeRows  []timeRow  // the metrics by time kind, when the set has time fields
	Failing   int
	Questions []htmlQuestion
}

type timeRow struct {
	Kind string
	Metrics
}

type metricRow struct {
	Name        string
	All, UR, EN float64
}

type htmlQuestion struct {
	*Result
	AnswerTextLang string // the answer's own script, for lang/dir
	Passages       []htmlPassage
	Checks         []check
	Variants       []string // must_include items, variants joined
}

type htmlPassage struct {
	PassageResult
	Lang                  string
	Before, Marked, After string
}

type check struct {
	Name, Status, Detail string
}

func newHTMLView(r *Report) htmlView {
	v := htmlView{Report: r}
	ur, en := r.ByLang["ur"], r.ByLang["en"]
	for _, name := range Headline {
		a, _ := r.Value(name)
		u, _ := ur.Value(name)
		e, _ := en.Value(name)
		v.Rows = append(v.Rows, metricRow{name, a, u, e})
	}
	for _, k := range r.TimeKinds() {
		v.TimeRows = append(v.TimeRows, timeRow{k, r.ByTimeKind[k]})
	}
	v.Chart = newChart(r)
	v.Curve = newCurveView(r)
	for i := range r.Questions {
		q := &r.Questions[i]
		if q.Failed() {
			v.Failing++
		}
		hq := htmlQuestion{Result: q, AnswerTextLang: q.AnswerLang, Checks: checks(q)}
		if hq.AnswerTextLang == "" {
			hq.AnswerTextLang = q.Lang
		}
		for _, item := range q.MustInclude {
			hq.Variants = append(hq.Variants, strings.Join(item, " | "))
		}
		for _, p := range q.Passages {
			hp := htmlPassage{PassageResult: p, Lang: text.DetectLang(p.Text), Before: p.Text}
			if len(p.Mark) == 2 {
				rs := []rune(p.Text)
				if s, e := p.Mark[0], p.Mark[1]; 0 <= s && s <= e && e <= len(rs) {
					hp.Before, hp.Marked, hp.After = string(rs[:s]), string(rs[s:e]), string(rs[e:])
				}
			}
			hq.Passages = append(hq.Passages, hp)
		}
		v.Questions = append(v.Questions, hq)
	}
	return v
}

// checks lists a question's pass/fail per metric for the drill-down.
func checks(q *Result) []check {
	status := func(p *bool) string {
		switch {
		case p == nil:
			return "n/a"
		case *p:
			return "pass"
		}
		return "fail"
	}
	b := func(x bool) *bool { return &x }
	rank := "no evidence in the top 10"
	if q.HitRank > 0 {
		rank = fmt.Sprintf("first hit at rank %d", q.HitRank)
	}
	if !q.Answerable {
		rank = "unanswerable"
	}
	facts := ""
	if q.Facts != nil {
		facts = fmt.Sprintf("%d of %d stated", len(q.MustInclude)-len(q.Missing), len(q.MustInclude))
	}
	refusal := "answered"
	if q.Refused {
		refusal = "refused"
	}
	if q.Answerable {
		refusal += " (answerable)"
	} else {
		refusal += " (unanswerable)"
	}
	gold := 0
	for _, c := range q.Cited {
		if c.Gold {
			gold++
		}
	}
	lang := "answer in " + q.AnswerLang
	if q.AnswerLang == "" {
		lang = "answer has no letters"
	}
	return []check{
		{"hit@1", status(q.Pass.Hit1), rank},
		{"hit@5", status(q.Pass.Hit5), rank},
		{"facts", status(q.Pass.Facts), facts},
		{"refusal", status(b(q.Pass.Refusal)), refusal},
		{"lang", status(b(q.Pass.Lang)), lang + ", want " + q.Lang},
		{"citations", status(b(q.Pass.Citations)), fmt.Sprintf("%d of %d gold", gold, len(q.Cited))},
	}
}

// dirOf is the writing direction of a language code.
func dirOf(lang string) string {
	if lang == "ur" {
		return "rtl"
	}
	if lang == "en" {
		return "ltr"
	}
	return "auto"
}

// chart is an SVG bar chart of some metrics by language, laid out here so the
// template only prints numbers.
type chart struct {
	W, H       int
	Bars       []chartBar
	Groups     []chartLabel
	Ticks      []chartTick
	Legend     []chartLegend
	Left, Base float64
	Right      float64
}

type chartBar struct {
	X, Y, W, H float64
	Series     string
	Label      string // value, above the bar
	Title      string // tooltip
}

type chartLabel struct {
	X, Y float64
	Text string
}

type chartTick struct {
	Y     float64
	Label string
}

type chartLegend struct {
	X, Y   float64
	Series string
	Text   string
}

// chartMetrics are the metrics the HTML chart shows by language.
var chartMetrics = []string{"hit@5", "mrr", "fact_recall", "refusal_accuracy", "lang_accuracy"}

func newChart(r *Report) chart {
	const (
		w, h         = 760, 300
		left, right  = 50.0, 750.0
		top, base    = 40.0, 250.0
		barW, barGap = 34.0, 6.0
	)
	c := chart{W: w, H: h, Left: left, Right: right, Base: base}
	for i := 0; i <= 4; i++ {
		v := float64(i) / 4
		c.Ticks = append(c.Ticks, chartTick{Y: round(base-v*(base-top), 1), Label: fmt.Sprintf("%.2f", v)})
	}
	series := []struct {
		name, text string
		m          Metrics
	}{
		{"all", fmt.Sprintf("all (%d)", r.N), r.Metrics},
		{"ur", fmt.Sprintf("Urdu (%d)", r.ByLang["ur"].N), r.ByLang["ur"]},
		{"en", fmt.Sprintf("English (%d)", r.ByLang["en"].N), r.ByLang["en"]},
	}
	groupW := (right - left) / float64(len(chartMetrics))
	for g, name := range chartMetrics {
		x0 := left + float64(g)*groupW + (groupW-float64(len(series))*barW-float64(len(series)-1)*barGap)/2
		for s, se := range series {
			v, _ := se.m.Value(name)
			v = max(0, min(1, v))
			bh := round(v*(base-top), 1)
			c.Bars = append(c.Bars, chartBar{
				X: round(x0+float64(s)*(barW+barGap), 1), Y: round(base-bh, 1), W: barW, H: bh,
				Series: se.name, Label: fmt.Sprintf("%.2f", v),
				Title: fmt.Sprintf("%s %s: %.3f", se.text, name, v),
			})
		}
		c.Groups = append(c.Groups, chartLabel{X: round(left+(float64(g)+0.5)*groupW, 1), Y: base + 22, Text: name})
	}
	for i, se := range series {
		c.Legend = append(c.Legend, chartLegend{X: left + float64(i)*150, Y: 14, Series: se.name, Text: se.text})
	}
	return c
}

// curveView is the answerability trade-off (Report.AnswerabilityCurve) as an
// SVG plot, laid out here: answerable questions refused on x, unanswerable
// refused on y, the chance diagonal, the curve, a few thresholds marked on it
// and the run's actual refusals; and the same thresholds as a table.
type curveView struct {
	W, H                     int
	Left, Right, Top, Base   float64
	MidX, MidY               float64 // the middle of each axis, for its title
	Ticks                    []curveTick
	Line                     string // the curve, as the polyline's points
	Marks                    []curveMark
	Op                       curveMark // the actual refusals
	Rows                     []CurvePoint
	Actual                   CurvePoint // the actual refusals, as shares
	AUC                      float64
	Answerable, Unanswerable int
}

// curveTick is the grid at one share: a vertical line at X, a horizontal one
// at Y, both labelled Label.
type curveTick struct {
	X, Y  float64
	Label string
}

// curveMark is a point of the plot, with its tooltip.
type curveMark struct {
	X, Y  float64
	Title string
}

// curveThresholds are the thresholds the table lists and the plot marks.
var curveThresholds = []float64{0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9}

func newCurveView(r *Report) *curveView {
	if len(r.AnswerabilityCurve) == 0 || r.AnswerabilityAUC == nil {
		return nil
	}
	const (
		w, h        = 460, 440
		left, right = 70.0, 430.0
		top, base   = 20.0, 380.0
	)
	c := &curveView{W: w, H: h, Left: left, Right: right, Top: top, Base: base, MidX: (left + right) / 2, MidY: (top + base) / 2,
		AUC: *r.AnswerabilityAUC}
	x := func(share float64) float64 { return round(left+share*(right-left), 1) }
	y := func(share float64) float64 { return round(base-share*(base-top), 1) }
	for i := 0; i <= 4; i++ {
		v := float64(i) / 4
		c.Ticks = append(c.Ticks, curveTick{X: x(v), Y: y(v), Label: fmt.Sprintf("%.2f", v)})
	}
	var pts []string
	for _, p := range r.AnswerabilityCurve {
		pts = append(pts, fmt.Sprintf("%g,%g", x(p.AnswerableRefused), y(p.UnanswerableRefused)))
	}
	c.Line = strings.Join(pts, " ")

	ans, unans := answerabilities(r.Questions)
	c.Answerable, c.Unanswerable = len(ans), len(unans)
	for _, t := range curveThresholds {
		p := refusedAt(ans, unans, t)
		c.Rows = append(c.Rows, p)
		c.Marks = append(c.Marks, curveMark{X: x(p.AnswerableRefused), Y: y(p.UnanswerableRefused),
			Title: fmt.Sprintf("below %.1f: %.3f of unanswerable and %.3f of answerable questions refused", t, p.UnanswerableRefused, p.AnswerableRefused)})
	}
	var refusedA, refusedU int
	for _, q := range r.Questions {
		switch {
		case q.Answerability == nil || !q.Refused:
		case q.Answerable:
			refusedA++
		default:
			refusedU++
		}
	}
	c.Actual = CurvePoint{UnanswerableRefused: share(float64(refusedU), len(unans)), AnswerableRefused: share(float64(refusedA), len(ans))}
	c.Op = curveMark{X: x(c.Actual.AnswerableRefused), Y: y(c.Actual.UnanswerableRefused),
		Title: fmt.Sprintf("actual refusals: %d of %d unanswerable and %d of %d answerable questions", refusedU, len(unans), refusedA, len(ans))}
	return c
}
