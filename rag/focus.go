package rag

import (
	"slices"
)

// A report's headline names its story; the question's other words are what
// it asks of that story: its focus. A report's lead restates the headline
// and holds most of the question, and the extract quotes it, while the
// sentence that answers ("فلم کے پروڈیوسر مدھر سریدار ہونگے", "چیمپئن شپ
// کے لئے 25 ہزار روپے کی انعامی رقم رکھی گئی ہے") holds the focus and little
// else. focusQuoted quotes that sentence too.

// MinFocus is the least share of the question's focus, beyond what a
// report's quotes hold, that one of its sentences must add to be quoted for
// it. Chosen on the UQA tuning part (0, 0.05, 0.1, 0.2, 0.3 tried: fact
// recall .718, .718, .717, .708, .708), the dated development sets agreeing
// (see README).
const MinFocus = 0.05

// maxFocusQuotes is how many sentences focusQuoted may add: one for each of
// two reports.
const maxFocusQuotes = 2

// focusShares is, for each of the question's words, the share of the
// question's focus that a sentence holds by holding it (0 when it does not):
// the focus is the question's words that the headline does not hold, the
// words that ask (کون, کتنے: asking) left out, which an answer does not
// repeat, each weighing its IDF. Words are met as coverage meets them. All
// zero when the headline holds every other word.
func (rq *RankQuery) focusShares(words, stems []string, headline string) []float64 {
	inHeadline := rq.inTitle(headline)
	met := make([]float64, len(rq.terms))
	total := 0.0
	for i := range rq.terms {
		if inHeadline[i] || asking[rq.terms[i]] {
			continue
		}
		total += rq.idf[i]
		for j, t := range words {
			if rq.meetsStrictly(i, t, stems[j]) {
				met[i] = rq.idf[i]
				break
			}
		}
	}
	if total > 0 {
		for i := range met {
			met[i] /= total
		}
	}
	return met
}

// focusQuoted adds, for the first quoted report, each report among the
// passages that retells its story (retellsStory) and each other quoted
// report of its story and days (storyTests: an agency's story and another
// paper's of the next day, worded apart), the report's sentence that holds
// the most of the question's focus that none of the report's quotes holds,
// at least MinFocus of it: the report's own answer to what the question
// asks, which its lead passes over, and which may differ from the other
// report's.
func focusQuoted(ts TermSets, passages []Passage, cands, picked []candidate) []candidate {
	if len(picked) == 0 {
		return picked
	}
	first := picked[0].p
	reports := retellers(ts, first, passages, []string{first.DocID}, 0)
	if !first.Published.IsZero() {
		sameDays, sameStory := storyTests(first)
		for _, c := range picked {
			if !slices.Contains(reports, c.p.DocID) && sameDays(c.p) && sameStory(c.p) {
				reports = append(reports, c.p.DocID)
			}
		}
	}
	added := 0
	for _, d := range reports {
		if added == maxFocusQuotes {
			break
		}
		// The focus the report's quotes hold already, by query (a
		// sentence's focus is by the words of the query it covers best).
		// It is read here only, for the reports' sentences: the gate, which
		// runs candidates too, has no use for it.
		focus := func(c candidate) []float64 {
			words, stems := c.own()
			return c.query.focusShares(words, stems, c.p.Title)
		}
		held := map[*RankQuery][]bool{}
		for _, c := range picked {
			if c.p.DocID != d {
				continue
			}
			f := focus(c)
			h := held[c.query]
			if h == nil {
				h = make([]bool, len(f))
				held[c.query] = h
			}
			for i, v := range f {
				h[i] = h[i] || v > 0
			}
		}
		adds := func(c candidate) float64 {
			h := held[c.query]
			n := 0.0
			for i, v := range focus(c) {
				if h == nil || !h[i] {
					n += v
				}
			}
			return n
		}
		best, most := -1, 0.0
		for i, c := range cands {
			if c.p.DocID != d {
				continue
			}
			if n := adds(c); n >= MinFocus && n > most {
				best, most = i, n
			}
		}
		if best >= 0 && !duplicateOf(cands[best], picked) && lengthens(cands[best], picked) < 0 {
			picked = append(picked, firstHolder(cands[best], cands))
			added++
		}
	}
	return picked
}
