package eval

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
)

// WriteTable writes the report for a terminal: the metrics overall and by
// language, the answerability AUC, latency percentiles, then the failing
// questions and what each failed.
func (r *Report) WriteTable(w io.Writer) error {
	ew := &errWriter{w: w}
	fmt.Fprintf(ew, "jawab eval: %d questions (%d answerable), generator %s, k %d\n", r.N, r.Answerable, r.Generator, r.K)
	if len(r.Corpus) > 0 || r.QA != "" {
		fmt.Fprintf(ew, "corpus %s; questions %s\n", strings.Join(r.Corpus, ", "), r.QA)
	}
	fmt.Fprintln(ew)

	ur, en := r.ByLang["ur"], r.ByLang["en"]
	tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "metric\tall\tur\ten\t\n")
	fmt.Fprintf(tw, "questions\t%d\t%d\t%d\t\n", r.N, ur.N, en.N)
	fmt.Fprintf(tw, "answerable\t%d\t%d\t%d\t\n", r.Answerable, ur.Answerable, en.Answerable)
	for _, name := range Headline {
		a, _ := r.Value(name)
		u, _ := ur.Value(name)
		e, _ := en.Value(name)
		fmt.Fprintf(tw, "%s\t%.3f\t%.3f\t%.3f\t\n", name, a, u, e)
	}
	fmt.Fprintf(tw, "citations\t%d\t%d\t%d\t\n", r.Citations, ur.Citations, en.Citations)
	tw.Flush()
	if len(r.ByTimeKind) > 0 {
		fmt.Fprintln(ew)
		r.writeTimeTable(ew)
	}
	if r.AnswerabilityAUC != nil {
		fmt.Fprintf(ew, "answerability_auc %.3f (1: every answerable question scores above every unanswerable one; 0.5: chance)\n", *r.AnswerabilityAUC)
	}
	fmt.Fprintln(ew)

	tw = tabwriter.NewWriter(ew, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "latency (ms)\tp50\tp95\t\n")
	fmt.Fprintf(tw, "retrieve\t%.1f\t%.1f\t\n", r.Latency.RetrieveP50, r.Latency.RetrieveP95)
	fmt.Fprintf(tw, "generate\t%.1f\t%.1f\t\n", r.Latency.GenerateP50, r.Latency.GenerateP95)
	fmt.Fprintf(tw, "total\t%.1f\t%.1f\t\n", r.Latency.TotalP50, r.Latency.TotalP95)
	tw.Flush()

	if r.Judge != nil {
		fmt.Fprintln(ew)
		r.Judge.writeTable(ew)
	}

	var failing []*Result
	for i := range r.Questions {
		if r.Questions[i].Failed() {
			failing = append(failing, &r.Questions[i])
		}
	}
	fmt.Fprintf(ew, "\nfailing questions: %d of %d\n", len(failing), len(r.Questions))
	for _, q := range failing {
		for i, f := range q.Failures {
			id := q.ID
			if i > 0 {
				id = strings.Repeat(" ", len(q.ID))
			}
			fmt.Fprintf(ew, "  %s  %s\n", id, oneLine(f))
		}
	}
	for _, n := range r.Notes {
		fmt.Fprintf(ew, "\nnote: %s", n)
	}
	if len(r.Notes) > 0 {
		fmt.Fprintln(ew)
	}
	return ew.err
}

// TimeKinds are the time kinds of the report in table order: FORMAT.md's four
// first, then any other, then "none".
func (r *Report) TimeKinds() []string {
	var out []string
	for _, k := range []string{"absolute", "relative", "latest", "conflict"} {
		if _, ok := r.ByTimeKind[k]; ok {
			out = append(out, k)
		}
	}
	var other []string
	for k := range r.ByTimeKind {
		if !slices.Contains(out, k) && k != "none" {
			other = append(other, k)
		}
	}
	slices.Sort(other)
	out = append(out, other...)
	if _, ok := r.ByTimeKind["none"]; ok {
		out = append(out, "none")
	}
	return out
}

// writeTimeTable writes the metrics by time kind and the stale rate.
func (r *Report) writeTimeTable(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "time kind\tn\thit@1\thit@5\tmrr\tfact_recall\trefusal_accuracy\t\n")
	for _, k := range r.TimeKinds() {
		m := r.ByTimeKind[k]
		fmt.Fprintf(tw, "%s\t%d\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t\n", k, m.N, m.Hit1, m.Hit5, m.MRR, m.FactRecall, m.RefusalAccuracy)
	}
	tw.Flush()
	if r.StaleRate != nil {
		fmt.Fprintf(w, "stale_rate %.3f (answers citing a superseded article and no current one; lower is better)\n", *r.StaleRate)
	}
}

// oneLine keeps a table row on one line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// errWriter remembers the first write error, so that a report is written with
// plain Fprintf calls and checked once.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}
