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

// MinFocus is the least share of the question's focus a sentence must hold
// to be quoted for it. Chosen on the 28 dated development sets (0, 0.1,
// 0.2, 0.3 and 0.5 tried: 0 gained most facts but lowered citation
// precision, 0.5 changed almost nothing; see README).
const MinFocus = 0.1

// maxFocusQuotes is how many sentences focusQuoted may add: one for each of
// two reports.
const maxFocusQuotes = 2

// focusCoverage is the share of the question's weight that the headline
// does not hold which a sentence holds (its words, with their stems, met as
// coverage meets them), the words that ask (کون, کتنے: asking) left out: an
// answer does not repeat them. 0 when the headline holds every other word.
func (rq *RankQuery) focusCoverage(words, stems []string, headline string) float64 {
	inHeadline := rq.inTitle(headline)
	found, total := 0.0, 0.0
	for i := range rq.terms {
		if inHeadline[i] || asking[rq.terms[i]] {
			continue
		}
		total += rq.idf[i]
		for j, t := range words {
			if rq.terms[i] == t || rq.stems[i] == stems[j] || slices.Contains(rq.glued[i], t) {
				found += rq.idf[i]
				break
			}
		}
	}
	if total == 0 {
		return 0
	}
	return found / total
}

// focusQuoted adds, for the first quoted report and each report among the
// passages that retells its story (retellsStory), the report's sentence
// that holds the most of the question's focus, at least MinFocus of it,
// when none of its quotes holds as much: each report's own answer, which
// may differ from the other's, beside the leads that say what both say.
func focusQuoted(ts TermSets, passages []Passage, cands, picked []candidate) []candidate {
	if len(picked) == 0 {
		return picked
	}
	first := picked[0].p
	reports := []string{first.DocID}
	for i := range passages {
		if p := &passages[i]; !slices.Contains(reports, p.DocID) && retellsStory(ts, first, p) {
			reports = append(reports, p.DocID)
		}
	}
	added := 0
	for _, d := range reports {
		if added == maxFocusQuotes {
			break
		}
		quoted := -1.0
		for _, c := range picked {
			if c.p.DocID == d {
				quoted = max(quoted, c.focus)
			}
		}
		best := -1
		for i, c := range cands {
			if c.p.DocID == d && c.focus >= MinFocus && c.focus > quoted && (best < 0 || c.focus > cands[best].focus) {
				best = i
			}
		}
		if best >= 0 && !duplicateOf(cands[best], picked) && lengthens(cands[best], picked) < 0 {
			picked = append(picked, firstHolder(cands[best], cands))
			added++
		}
	}
	return picked
}
