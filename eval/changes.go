package eval

import (
	"fmt"
	"io"
	"text/tabwriter"
)

// Change is a question whose outcome differs between a baseline report and
// this run: the passage that holds its evidence ranks elsewhere, it is
// refused or answered where it was not, or its answer states another share
// of its facts.
type Change struct {
	ID       string
	Question string
	// Verdict is "better", "worse" or "mixed" (one part better, another
	// worse), by the question's own measures: for an answerable question a
	// higher hit rank, more facts and no refusal; for an unanswerable one a
	// refusal.
	Verdict              string
	BaseHit, CurHit      int
	BaseRefused, Refused bool
	BaseFacts, Facts     *float64
}

// QuestionChanges lists, in cur's order, the questions present in both
// reports by id whose hit rank, refusal or fact share changed. A baseline
// saved without its questions (as CI's are) gives none.
func QuestionChanges(base, cur *Report) []Change {
	old := make(map[string]Result, len(base.Questions))
	for _, q := range base.Questions {
		old[q.ID] = q
	}
	var out []Change
	for _, q := range cur.Questions {
		b, ok := old[q.ID]
		if !ok || b.HitRank == q.HitRank && b.Refused == q.Refused && sameFacts(b.Facts, q.Facts) {
			continue
		}
		out = append(out, Change{ID: q.ID, Question: q.Question, Verdict: verdict(b, q),
			BaseHit: b.HitRank, CurHit: q.HitRank, BaseRefused: b.Refused, Refused: q.Refused, BaseFacts: b.Facts, Facts: q.Facts})
	}
	return out
}

func sameFacts(a, b *float64) bool {
	return a == nil && b == nil || a != nil && b != nil && *a == *b
}

// verdict compares one question's two outcomes part by part.
func verdict(b, c Result) string {
	if !c.Answerable {
		if c.Refused {
			return "better"
		}
		return "worse"
	}
	// A rank counts by its reciprocal (0 when none holds the evidence).
	rr := func(rank int) float64 {
		if rank <= 0 {
			return 0
		}
		return 1 / float64(rank)
	}
	facts := func(f *float64) float64 {
		if f == nil {
			return 0
		}
		return *f
	}
	answered := func(refused bool) float64 {
		if refused {
			return 0
		}
		return 1
	}
	better, worse := false, false
	for _, p := range [][2]float64{
		{rr(b.HitRank), rr(c.HitRank)},
		{facts(b.Facts), facts(c.Facts)},
		{answered(b.Refused), answered(c.Refused)},
	} {
		better = better || p[1] > p[0]
		worse = worse || p[1] < p[0]
	}
	switch {
	case better && !worse:
		return "better"
	case worse && !better:
		return "worse"
	}
	return "mixed"
}

// WriteChanges prints the changed questions as a table: how many got
// better and worse, then each with its hit rank, refusal and facts before
// and after.
func WriteChanges(w io.Writer, changes []Change) error {
	n := map[string]int{}
	for _, c := range changes {
		n[c.Verdict]++
	}
	fmt.Fprintf(w, "%d question(s) changed: %d better, %d worse, %d mixed\n", len(changes), n["better"], n["worse"], n["mixed"])
	if len(changes) == 0 {
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "id\tverdict\thit rank\trefused\tfacts\tquestion\n")
	for _, c := range changes {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%v → %v\t%s → %s\t%s\n", c.ID, c.Verdict, rankChange(c.BaseHit, c.CurHit),
			c.BaseRefused, c.Refused, factText(c.BaseFacts), factText(c.Facts), c.Question)
	}
	return tw.Flush()
}

func rankChange(b, c int) string {
	r := func(n int) string {
		if n <= 0 {
			return "-"
		}
		return fmt.Sprint(n)
	}
	return r(b) + " → " + r(c)
}

func factText(f *float64) string {
	if f == nil {
		return "-"
	}
	return fmt.Sprintf("%.2f", *f)
}
