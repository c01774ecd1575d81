package rag

import (
	"slices"
)

// maxDifferences is how many sentences differencesQuoted may add: one for
// each of two reports.
const maxDifferences = 2

// differencesQuoted adds, for each of the first two reports below, the
// sentence that says the most the other reports do not, when its quotes
// (if any) do not say it already. Two reports of one story share
// their lead, word for word or nearly, and the extract quotes the lead of
// each, which hides where they part: the agency's "لانگ مارچوں" against the
// paper's "دھرنوں" in one otherwise repeated sentence, or the interview one
// paper names. The reports are the first quoted article and those that
// retell its story (published within SiblingDays of it and sharing
// RetellingOverlap of its words, retells): the quoted ones, and when none
// is, its first retelling among the passages, which the extract passed over
// for saying what the quotes say; every quoted article when the question
// asks how the reports compare (compare: "کیا دونوں خبریں متفق ہیں؟"). A
// sentence counts when it holds at least OtherReportShare of the
// best coverage, as a further report's does (otherReport); what it says is
// its content words' stems (its dateline's date left out: when a story was
// filed is no difference in what it reports) that no passage of another
// of the reports holds, text or title.
func differencesQuoted(ix Index, passages []Passage, cands, picked []candidate, compare bool) []candidate {
	if ix == nil || len(picked) == 0 || len(cands) == 0 {
		return picked
	}
	first := picked[0].p
	docs := []string{first.DocID}
	for _, c := range picked {
		if slices.Contains(docs, c.p.DocID) {
			continue
		}
		if compare || retellsStory(ix, first, c.p) {
			docs = append(docs, c.p.DocID)
		}
	}
	// A retelling the extract did not quote (it said what the quotes say)
	// may say where it parts from them.
	docs = retellers(ix, first, passages, docs, maxDifferences)
	if len(docs) < 2 {
		return picked
	}
	// Each report's words, from all of its passages.
	held := make(map[string]map[string]bool, len(docs))
	for i := range passages {
		p := &passages[i]
		if !slices.Contains(docs, p.DocID) {
			continue
		}
		if held[p.DocID] == nil {
			held[p.DocID] = map[string]bool{}
		}
		an := analysis(ix, p)
		_, stems := foldCounts(titled(an, p.Title))
		for _, s := range stems {
			held[p.DocID][s] = true
		}
	}
	// novel is how many of c's stems no other of the reports holds.
	novel := func(c candidate) int {
		_, stems := withoutDateline(c.words, c.stems, datelineTokens(c.sentence))
		seen := map[string]bool{}
		n := 0
		for _, s := range stems {
			if seen[s] {
				continue
			}
			seen[s] = true
			if !slices.ContainsFunc(docs, func(d string) bool { return d != c.p.DocID && held[d][s] }) {
				n++
			}
		}
		return n
	}
	added := 0
	for _, d := range docs {
		if added == maxDifferences {
			break
		}
		// What the report's quotes say already that the others do not.
		quoted := 0
		for _, c := range picked {
			if c.p.DocID == d {
				quoted = max(quoted, novel(c))
			}
		}
		best, most, into := -1, quoted, -1
		for i, c := range cands {
			if c.p.DocID != d || c.coverage < OtherReportShare*cands[0].coverage {
				continue
			}
			k := lengthens(c, picked)
			if k < 0 && duplicateOf(c, picked) {
				continue
			}
			if n := novel(c); n > most {
				best, most, into = i, n, k
			}
		}
		switch {
		case best < 0:
		case into >= 0:
			picked[into] = cands[best]
			added++
		default:
			picked = append(picked, firstHolder(cands[best], cands))
			added++
		}
	}
	return picked
}

// lengthens returns the index of the quote that c quotes with more after
// it, -1 for none: a sentence that points back ("انہوں نے … انٹرویو میں
// کہا") is a candidate together with the one before it (leansOnPrevious),
// which may be quoted already.
func lengthens(c candidate, picked []candidate) int {
	for k, p := range picked {
		if p.p.DocID == c.p.DocID && p.p.Start+p.span.Start == c.p.Start+c.span.Start && c.span.End-c.span.Start > p.span.End-p.span.Start {
			return k
		}
	}
	return -1
}

// retellers appends to docs, in the passages' order, the articles of
// passages that retell first's story (retellsStory) and docs does not hold,
// until docs holds limit articles (0: every one).
func retellers(ts TermSets, first *Passage, passages []Passage, docs []string, limit int) []string {
	for i := range passages {
		if limit > 0 && len(docs) >= limit {
			break
		}
		if p := &passages[i]; !slices.Contains(docs, p.DocID) && retellsStory(ts, first, p) {
			docs = append(docs, p.DocID)
		}
	}
	return docs
}

// retellsStory reports whether passage p of another article retells report
// r: both dated, published within SiblingDays of each other, sharing
// RetellingOverlap of their words (retells).
func retellsStory(ts TermSets, r, p *Passage) bool {
	if r.Published.IsZero() || p.Published.IsZero() {
		return false
	}
	d := p.Published.Sub(r.Published).Hours() / 24
	return d <= SiblingDays && d >= -SiblingDays && retells(ts, r, p) >= RetellingOverlap
}
