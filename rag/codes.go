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

// latinLetters are the letter names' Latin letters: a code is compared by
// them, as an English question writes it ("NA-249") and an Urdu report
// spells it ("این اے 249").
var latinLetters = map[string]string{
	"اے": "A", "بی": "B", "سی": "C", "ڈی": "D", "ای": "E", "ایف": "F", "جی": "G", "ایچ": "H",
	"آئی": "I", "جے": "J", "کے": "K", "ایل": "L", "ایم": "M", "این": "N", "او": "O", "پی": "P",
	"کیو": "Q", "آر": "R", "ایس": "S", "یو": "U", "وی": "V", "ڈبلیو": "W", "ایکس": "X", "زیڈ": "Z",
}

// code is a code a text names: its letters in Latin capitals and its
// number.
type code struct{ letters, number string }

// codesIn are the codes a text names: a number after a code's letters, in
// Urdu letter names ("این اے 249", "پی پی 84", "پی کے 63": otherWords) or
// in Latin capitals (latinCode). A year is none, nor T20, a format.
func codesIn(s string) []code {
	var codes []code
	add := func(c code) {
		if !isYear(c.number) && !slices.Contains(codes, c) {
			codes = append(codes, c)
		}
	}
	toks := text.Tokens(s)
	for i := 1; i < len(toks); i++ {
		t, prev := toks[i], toks[i-1]
		if !isNumberToken(t) || !letterNames[prev] || otherWords[prev] && (i < 2 || !letterNames[toks[i-2]]) {
			continue
		}
		j := i - 1
		for j > 0 && letterNames[toks[j-1]] {
			j--
		}
		letters := ""
		for _, l := range toks[j:i] {
			letters += latinLetters[l]
		}
		add(code{letters, t})
	}
	for _, m := range latinCode.FindAllStringSubmatch(s, -1) {
		if m[1] != "T" {
			add(code{m[1], text.Tokens(m[2])[0]})
		}
	}
	return codes
}

// namesCodes is, for a question that names a code (codesIn: a
// constituency, "پی پی 84"), whether a passage (its title or text) names
// none or one with its number: the newest report of "این اے 249"'s
// by-election is not the newest of "پی پی 84"'s. A report that names the
// series without its number ("پی ایس ایل" for "PSL 6") may be of it. Nil
// for other questions.
func namesCodes(searches []Query) func(*Passage) bool {
	codes := questionCodes(searches)
	if len(codes) == 0 {
		return nil
	}
	return func(p *Passage) bool {
		named := codesIn(p.Title + "\n" + p.Text)
		return len(named) == 0 || slices.ContainsFunc(named, func(c code) bool {
			return slices.ContainsFunc(codes, func(q code) bool { return q.number == c.number })
		})
	}
}

// unseenCode is a code the question names that none of the passages found
// for it names, though some name another of its kind (its letters, another
// number): "این اے 133", asked of reports of "این اے 249" and "این اے 75",
// is a constituency the collection does not report on. "" when there is
// none.
func unseenCode(searches []Query, found []Passage) string {
	codes := questionCodes(searches)
	if len(codes) == 0 {
		return ""
	}
	var named []code
	for i := range found {
		named = append(named, codesIn(found[i].Title+"\n"+found[i].Text)...)
	}
	for _, q := range codes {
		if slices.ContainsFunc(named, func(c code) bool { return c.number == q.number }) {
			continue
		}
		if slices.ContainsFunc(named, func(c code) bool { return c.letters == q.letters }) {
			return q.letters + "-" + q.number
		}
	}
	return ""
}

// questionCodes are the codes the searches' texts name.
func questionCodes(searches []Query) []code {
	var codes []code
	for _, q := range searches {
		for _, c := range codesIn(q.Text) {
			if !slices.Contains(codes, c) {
				codes = append(codes, c)
			}
		}
	}
	return codes
}

// otherCodesLast moves behind the rest the candidate sentences that name a
// code of the question's kind (its letters) with another number and none
// with its own: of one market report's sentences, "کے ایس ای 100 انڈیکس …"
// does not answer what the KSE-30 index did, though it holds the letters.
// The order is kept otherwise.
func otherCodesLast(cands []candidate, searches []Query) []candidate {
	codes := questionCodes(searches)
	if len(codes) == 0 {
		return cands
	}
	other := func(c candidate) bool {
		named := codesIn(c.sentence)
		own := slices.ContainsFunc(named, func(n code) bool {
			return slices.ContainsFunc(codes, func(q code) bool { return q.number == n.number })
		})
		return !own && slices.ContainsFunc(named, func(n code) bool {
			return slices.ContainsFunc(codes, func(q code) bool { return q.letters == n.letters })
		})
	}
	if !slices.ContainsFunc(cands, other) {
		return cands
	}
	out := make([]candidate, 0, len(cands))
	for _, c := range cands {
		if !other(c) {
			out = append(out, c)
		}
	}
	for _, c := range cands {
		if other(c) {
			out = append(out, c)
		}
	}
	return out
}
