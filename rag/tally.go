package rag

import (
	"slices"

	"github.com/jawab/jawab/text"
)

// A count in the news is either a running total ("اب تک 19342", "مجموعی
// تعداد", "تعداد 28 لاکھ سے تجاوز کر گئی") or one day's ("مزید 15 کیس", "ایک
// دن میں 98 افراد", "24 گھنٹوں میں"), and a series reports both, often on one
// day. A "latest" question about one is not answered by the newest report of
// the other: "دنیا میں کیسز کی تعداد اب کتنی ہو گئی ہے؟" by "ایک دن میں 23
// ہزار افراد زندگی کی بازی ہار گئے".

// totalCues and dailyCues are the token sequences (folded) that mark each
// kind of count, in a question or a report.
var (
	totalCues = [][]string{
		{"اب", "تک"}, {"مجموعی"}, {"کل", "تعداد"}, {"تعداد"}, {"تجاوز"}, {"متجاوز"}, {"پہنچ", "گئی"}, {"پہنچ", "گئے"},
		{"so", "far"}, {"to", "date"}, {"total"}, {"overall"}, {"cumulative"}, {"tally"},
	}
	dailyCues = [][]string{
		{"مزید"}, {"ایک", "دن"}, {"ایک", "روز"}, {"یومیہ"}, {"روزانہ"}, {"24", "گھنٹوں"}, {"24", "گھنٹے"}, {"چوبیس", "گھنٹوں"},
		{"نئے"}, {"نئی"}, {"daily"}, {"new"}, {"fresh"}, {"24", "hours"}, {"single", "day"}, {"a", "day"},
	}
)

// tallyOf reports which kinds of count toks mark.
func tallyOf(toks []string) (total, daily bool) {
	has := func(cues [][]string) bool {
		return slices.ContainsFunc(cues, func(c []string) bool {
			for i := 0; i+len(c) <= len(toks); i++ {
				if slices.Equal(toks[i:i+len(c)], c) {
					return true
				}
			}
			return false
		})
	}
	return has(totalCues), has(dailyCues)
}

// sameTally is, for a question that asks how many and marks one kind of
// count only, whether a passage (title and text) is not a report of the
// other kind alone; nil for other questions.
func sameTally(searches []Query) func(*Passage) bool {
	own := ownTexts(searches)
	if !asksFigure(own) {
		return nil
	}
	var total, daily bool
	for _, q := range own {
		t, d := tallyOf(text.Tokens(q))
		total, daily = total || t, daily || d
	}
	if total == daily {
		return nil // neither, or both ("اب تک یومیہ"): nothing to tell apart
	}
	return func(p *Passage) bool {
		toks := text.Tokens(p.Title + "۔ " + p.Text)
		t, d := tallyOf(toks)
		if d && !numberedDaily(toks) {
			d = false
		}
		if total {
			return t || !d
		}
		return d || !t
	}
}

// numberedDaily reports whether a report's day's-count cue counts something:
// "مزید 15 کیس", "4767 نئے کیسز", not "مزید نقصان نہ ہونے دیا" (no further
// wicket fell) or "نئی پالیسی". The other cues (ایک دن میں, 24 گھنٹوں, یومیہ)
// count by themselves.
func numberedDaily(toks []string) bool {
	near := func(i, from, to int) bool {
		for j := i + from; j <= i+to; j++ {
			if j >= 0 && j < len(toks) && j != i {
				if _, _, ok := text.ReadNumber(toks, j); ok {
					return true
				}
			}
		}
		return false
	}
	for i, t := range toks {
		switch t {
		case "مزید":
			if near(i, 1, 2) {
				return true
			}
		case "نئے", "نئی":
			if near(i, -2, -1) {
				return true
			}
		}
	}
	_, d := tallyOf(slices.DeleteFunc(slices.Clone(toks), func(t string) bool { return t == "مزید" || t == "نئے" || t == "نئی" }))
	return d
}
