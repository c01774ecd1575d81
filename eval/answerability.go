package eval

import (
	"math"
	"slices"
	"sort"
)

// CurvePoint is one threshold of the answerability trade-off: the shares of
// the unanswerable and of the answerable questions that a gate refusing when
// "answerability < Threshold" would refuse. Refusing an unanswerable question
// is right; refusing an answerable one is the price.
type CurvePoint struct {
	Threshold           float64 `json:"threshold"`
	UnanswerableRefused float64 `json:"unanswerable_refused"`
	AnswerableRefused   float64 `json:"answerable_refused"`
}

// answerabilities returns the answerability of the answerable and of the
// unanswerable questions, each sorted and clamped to [0,1]. A question without
// one (its Ask failed) is left out.
func answerabilities(results []Result) (answerable, unanswerable []float64) {
	for _, r := range results {
		if r.Answerability == nil {
			continue
		}
		a := max(0, min(1, *r.Answerability))
		if r.Answerable {
			answerable = append(answerable, a)
		} else {
			unanswerable = append(unanswerable, a)
		}
	}
	slices.Sort(answerable)
	slices.Sort(unanswerable)
	return answerable, unanswerable
}

// answerabilityCurve is the trade-off of every threshold, from 0 (nothing
// refused: both shares 0) to one that refuses everything (both 1): 1, or the
// number just above 1 when a question's answerability is exactly 1. In
// between, a point at each answerability of a question but the smallest
// (refusing below it refuses nothing, as at 0): each refuses more than the one
// before, in increasing order of threshold, so both shares never decrease.
// ans and unans are sorted (see answerabilities); nil unless both have values.
func answerabilityCurve(ans, unans []float64) []CurvePoint {
	if len(ans) == 0 || len(unans) == 0 {
		return nil
	}
	ts := slices.Concat(ans, unans)
	slices.Sort(ts)
	ts = slices.Compact(ts)
	if last := ts[len(ts)-1]; last < 1 {
		ts = append(ts, 1)
	} else {
		ts = append(ts, math.Nextafter(last, 2))
	}
	ts[0] = 0 // the smallest answerability refuses what 0 refuses: nothing
	out := make([]CurvePoint, len(ts))
	for i, t := range ts {
		out[i] = refusedAt(ans, unans, t)
	}
	return out
}

// refusedAt is what refusing below t refuses, as a point of the curve's kind
// (t need not be one of the curve's thresholds).
func refusedAt(ans, unans []float64, t float64) CurvePoint {
	return CurvePoint{Threshold: t, UnanswerableRefused: share(float64(below(unans, t)), len(unans)), AnswerableRefused: share(float64(below(ans, t)), len(ans))}
}

// below counts the values of sorted xs that are less than t.
func below(xs []float64, t float64) int { return sort.SearchFloat64s(xs, t) }

// answerabilityAUC is the area under the curve (answerable refused on x,
// unanswerable refused on y): the probability that an unanswerable question
// scores below an answerable one, ties counting half (the Mann–Whitney
// statistic). 1 is a perfect ranking, 0.5 chance. ans and unans are sorted and
// not empty.
func answerabilityAUC(ans, unans []float64) float64 {
	var wins float64
	for _, u := range unans {
		lo := below(ans, u)                    // answerable scoring below u
		hi := below(ans, math.Nextafter(u, 2)) // … or equal to u
		wins += float64(len(ans)-hi) + 0.5*float64(hi-lo)
	}
	return round(wins/float64(len(ans)*len(unans)), 4)
}
