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
