package rag

import (
	"regexp"
	"slices"
	"strings"

	"github.com/jawab/jawab/text"
	"github.com/jawab/jawab/translit"
)

// latinCode is a code written in capitals before its number: "NA-249",
// "PSL 6", "KSE-100".
var latinCode = regexp.MustCompile(`(?:^|[^A-Za-z])([A-Z]{2,6})[- ]?([0-9]+)`)

// code is a code a text names: its letters in Latin capitals and its
// number. Codes are compared so, as an English question writes them
// ("NA-249") and an Urdu report spells them ("این اے 249").
type code struct{ letters, number string }

// codesIn are the codes a text names: spelled out in Urdu letter names
// before their number, as translit.SpelledIdentifier reads them ("این اے
// 249", "پی پی 84", "پی کے 63"), or in Latin capitals (latinCode). Neither
// a year nor T20, a format, is a code's number.
func codesIn(s string) []code {
	var codes []code
	add := func(c code) {
		if !isYear(c.number) && !slices.Contains(codes, c) {
			codes = append(codes, c)
		}
	}
	toks := text.Tokens(s)
	for i := range toks {
		if id, n := translit.SpelledIdentifier(toks, i); n > 0 {
			if letters, number, ok := strings.Cut(id, "-"); ok { // not "ICC T20"
				add(code{letters, number})
			}
		}
	}
	for _, m := range latinCode.FindAllStringSubmatch(s, -1) {
		if !strings.HasSuffix(m[1], "T") || m[2] != "20" {
			add(code{m[1], text.Tokens(m[2])[0]})
		}
	}
	return codes
}

// passageCodes are the codes p's title and text name, read once per
// passage (and per copy made after).
func passageCodes(p *Passage) []code {
	if !p.codesRead {
		p.codes, p.codesRead = codesIn(p.Title+"\n"+p.Text), true
	}
	return p.codes
}

// numberOf reports whether named holds a code with the number of one of
// codes; kindOf whether it holds one with the letters of one of them.
func numberOf(named, codes []code) bool {
	return slices.ContainsFunc(named, func(n code) bool {
		return slices.ContainsFunc(codes, func(q code) bool { return q.number == n.number })
	})
}

func kindOf(named, codes []code) bool {
	return slices.ContainsFunc(named, func(n code) bool {
		return slices.ContainsFunc(codes, func(q code) bool { return q.letters == n.letters })
	})
}

// namesCodes is, for a question that names codes (questionCodes: a
// constituency, "پی پی 84"), whether a passage (its title or text) names
// none or one with their number: the newest report of "این اے 249"'s
// by-election is not the newest of "پی پی 84"'s. A report that names the
// series without its number ("پی ایس ایل" for "PSL 6") may be of it. Nil
// for other questions.
func namesCodes(codes []code) func(*Passage) bool {
	if len(codes) == 0 {
		return nil
	}
	return func(p *Passage) bool {
		named := passageCodes(p)
		return len(named) == 0 || numberOf(named, codes)
	}
}

// orNamesCode is holds (a place's rule) or, for a question that names codes,
// a passage that names one of them with its number: "این اے 249 کراچی کے
// ضمنی انتخاب" is asked of the constituency, and its reports name the code
// without the city ("این اے 249 ضمنی انتخابات، امجد آفریدی پی ٹی آئی کے
// امیدوار نامزد"). holds when the question names no code, nil when holds is.
func orNamesCode(holds func(*Passage) bool, codes []code) func(*Passage) bool {
	if holds == nil || len(codes) == 0 {
		return holds
	}
	return func(p *Passage) bool { return holds(p) || numberOf(passageCodes(p), codes) }
}

// unseenCode is a code the question names (codes) that none of the
// passages found for it names, though some name another of its kind (its
// letters, another number): "این اے 133", asked of reports of "این اے 249"
// and "این اے 75", is a constituency the collection does not report on. ""
// when there is none.
func unseenCode(codes []code, found []Passage) string {
	if len(codes) == 0 {
		return ""
	}
	var named []code
	for i := range found {
		named = append(named, passageCodes(&found[i])...)
	}
	for _, q := range codes {
		if !numberOf(named, []code{q}) && kindOf(named, []code{q}) {
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
	last := make([]bool, len(cands)) // each sentence read once
	some := false
	for i, c := range cands {
		named := codesIn(c.sentence)
		last[i] = !numberOf(named, codes) && kindOf(named, codes)
		some = some || last[i]
	}
	if !some {
		return cands
	}
	out := make([]candidate, 0, len(cands))
	for _, moved := range []bool{false, true} {
		for i, c := range cands {
			if last[i] == moved {
				out = append(out, c)
			}
		}
	}
	return out
}
