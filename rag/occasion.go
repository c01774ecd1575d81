package rag

import (
	"slices"

	"github.com/jawab/jawab/text"
)

// A statement's occasion. News says where a thing was said ("اپنے ایک
// جاری کردہ بیان میں", "سانتا بانتا نیوز سے انٹرویو میں", "صحافیوں سے گفتگو
// کرتے ہوئے"), and an agency and a paper often name different occasions for
// one statement. A question that asks where or on what occasion something
// was said is answered by the sentence that names the occasion, which is
// seldom the report's lead.

// asksOccasion reports a question that asks on what occasion, or where,
// something was said: "کس موقع پر کہا", "یہ بات کہاں کہی", "Where did he make
// the remarks?", "On what occasion did she say it?", "ye baat kis mauqe par
// kahi?".
func asksOccasion(question string) bool {
	toks := text.Tokens(question)
	for i, t := range toks {
		switch {
		case (t == "موقع" || t == "mauqe" || t == "mauqa" || t == "moqe" || t == "moqa") && i > 0 && (toks[i-1] == "کس" || toks[i-1] == "kis"):
			return true
		case (t == "occasion" || t == "occasions") && i > 0 && (toks[i-1] == "what" || toks[i-1] == "which"):
			return true
		case t == "کہاں" || t == "where" || t == "kahan" || t == "kahaan":
			if slices.ContainsFunc(toks[i+1:], func(u string) bool { return statementWords[u] }) {
				return true
			}
		}
	}
	return false
}

// statementWords say that something was said, after "کہاں" or "where".
var statementWords = text.TokenSet(
	"کہا", "کہی", "کہیں", "کہے", "بات", "باتیں", "اظہار", "ظاہر", "ریمارکس", "بیان", "خطاب",
	"say", "said", "says", "make", "made", "remarks", "comments", "statement", "speak", "spoke", "speaking",
	"kaha", "kahi", "kahin", "kahen", "baat", "baatein", "izhar", "zahir", "bayan", "khitab",
)

// occasionWords name the occasion of a statement.
var occasionWords = text.TokenSet(
	"بیان", "انٹرویو", "گفتگو", "خطاب", "کانفرنس", "تقریب", "اجلاس", "جلسے", "جلسہ", "سیمینار",
	"شو", "ٹویٹ", "ٹوئٹ", "ٹوئٹر", "پیغام", "ملاقات", "بات چیت",
	"statement", "interview", "address", "conference", "ceremony", "meeting", "rally", "seminar", "show", "tweet",
)

// namesOccasion reports a sentence that names the occasion of a statement.
func namesOccasion(sentence string) bool {
	return slices.ContainsFunc(text.Tokens(sentence), func(t string) bool { return occasionWords[t] })
}

// occasionQuotedFirst puts first, for a question that asks on what occasion
// something was said, the sentences of the first sentence's report and its
// retellings (another source's story of the same days, retellsStory) that
// name an occasion, among those holding at least OtherReportShare of the
// best sentence's share of the question, in their order; the rest follow in
// theirs. (Another story's "یہ باتیں … کے موقع پر کہیں" shares the
// question's frame, not its story.)
func occasionQuotedFirst(ts TermSets, cands []candidate, question string) []candidate {
	if len(cands) < 2 || !asksOccasion(question) {
		return cands
	}
	top := cands[0].p
	floor := OtherReportShare * maxCoverage(cands)
	var first, rest []candidate
	for _, c := range cands {
		if c.coverage >= floor && namesOccasion(c.sentence) && (c.p.DocID == top.DocID || retellsStory(ts, top, c.p)) {
			first = append(first, c)
		} else {
			rest = append(rest, c)
		}
	}
	if len(first) == 0 {
		return cands
	}
	return append(first, rest...)
}
