package rag

import (
	"regexp"
	"slices"

	"github.com/jawab/jawab/text"
)

// letterNames are the Urdu spellings of the letters a code is written with
// before its number: "این اے 249", "پی پی 84", "پی ایس ایل 6", "پی کے 63".
// ٹی is not among them: "ٹی 20" is a format, not one match or series.
var letterNames = map[string]bool{
	"اے": true, "بی": true, "سی": true, "ڈی": true, "ای": true, "ایف": true, "جی": true, "ایچ": true,
	"آئی": true, "جے": true, "کے": true, "ایل": true, "ایم": true, "این": true, "او": true, "پی": true,
	"کیو": true, "آر": true, "ایس": true, "یو": true, "وی": true, "ڈبلیو": true, "ایکس": true, "زیڈ": true,
}

// otherWords are the letter names that are also words: "کے" (of), "آئی"
// (came). Before a number they name a code only after another letter ("پی
// کے 63"); "میچ میں کمی آئی، 20 …" names none.
var otherWords = map[string]bool{"کے": true, "آئی": true}

// latinCode is a code in capitals before its number: "NA-249", "PSL 6",
// "KSE-100" (T20, a format, is read and left out by codesIn).
var latinCode = regexp.MustCompile(`(?:^|[^A-Za-z])([A-Z]{1,4})[- ]?([0-9]+)`)

// codesIn are the numbers of the codes a text names: a number after a
// code's letters, in Urdu letter names ("این اے 249", "پی پی 84", "پی کے
// 63": otherWords) or in Latin capitals (latinCode). A year is none, nor
// T20, a format.
func codesIn(s string) []string {
	var codes []string
	add := func(n string) {
		if !isYear(n) && !slices.Contains(codes, n) {
			codes = append(codes, n)
		}
	}
	toks := text.Tokens(s)
	for i := 1; i < len(toks); i++ {
		t, prev := toks[i], toks[i-1]
		if isNumberToken(t) && letterNames[prev] && (!otherWords[prev] || i >= 2 && letterNames[toks[i-2]]) {
			add(t)
		}
	}
	for _, m := range latinCode.FindAllStringSubmatch(s, -1) {
		if m[1] != "T" {
			add(text.Tokens(m[2])[0])
		}
	}
	return codes
}

// namesCodes is, for a question that names a code (codesIn: a
// constituency, "پی پی 84"), whether a passage (its title or text) names
// none or that one: the newest report of "این اے 249"'s by-election is not
// the newest of "پی پی 84"'s. A report that names the series without its
// number ("پی ایس ایل" for "PSL 6") may be of it. Nil for other questions.
func namesCodes(searches []Query) func(*Passage) bool {
	var codes []string
	for _, q := range searches {
		codes = append(codes, codesIn(q.Text)...)
	}
	if len(codes) == 0 {
		return nil
	}
	return func(p *Passage) bool {
		named := codesIn(p.Title + "\n" + p.Text)
		return len(named) == 0 || slices.ContainsFunc(named, func(c string) bool { return slices.Contains(codes, c) })
	}
}
