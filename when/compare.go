package when

import (
	"strings"

	"github.com/jawab/jawab/text"
)

// CompareAsked returns the words with which a question asks how the
// reports compare ("Do the reports agree?", "دونوں خبروں میں کیا فرق
// ہے؟", "خبریں کیا کہتی ہیں؟", "متضاد دعوے"), as text.Tokens folds them;
// nil when it does not ask. News of one event is reported by an agency and
// retold by the papers a day later, each with its own figure, venue or
// day: a reader who asks whether they agree wants each report's version,
// and the words that ask it are no words of the answer (a report does not
// say that it agrees).
//
// A clause asks when it holds a plural word for reports (reports, sources,
// خبریں, رپورٹس, دعوے…) and a word that compares them (agree, differ,
// same, متفق, فرق, مختلف, متضاد…) or asks what they say (say, کہتی,
// بتایا…): "the report says" and "according to sources" compare nothing.
// The clause's other words may be the question's own ("نومبر 2014 کی
// خبریں کیا کہتی ہیں؟" names the period), so only these words are
// returned.
func CompareAsked(question string) []string {
	var out []string
	for _, clause := range Clauses(question) {
		toks := text.Tokens(clause)
		var nouns, compares, says []string
		for _, t := range toks {
			switch {
			case reportNouns[t]:
				nouns = append(nouns, t)
			case compareWords[t]:
				compares = append(compares, t)
			case sayWords[t]:
				says = append(says, t)
			}
		}
		if len(nouns) == 0 || len(compares) == 0 && len(says) == 0 {
			continue
		}
		out = append(out, nouns...)
		out = append(out, compares...)
		out = append(out, says...)
		for _, t := range toks {
			if bothWords[t] {
				out = append(out, t)
			}
		}
	}
	return out
}

// Clauses splits a question where a sentence or a dashed aside ends: "How
// big is the plan? Do the reports agree?", "… in April 2021 — do the
// reports agree on the figure?". A request to compare the reports, or a
// choice (rag), is read within one clause.
func Clauses(q string) []string {
	return strings.FieldsFunc(q, func(r rune) bool {
		switch r {
		case '?', '؟', '.', '۔', '!', ';', '؛', '—', '–':
			return true
		}
		return false
	})
}

// reportNouns are the plural words for reports and their claims; a single
// report compares with nothing.
var reportNouns = text.TokenSet(
	"reports", "sources", "stories", "accounts", "articles", "papers", "newspapers", "outlets", "claims",
	"خبریں", "خبروں", "رپورٹس", "رپورٹیں", "رپورٹوں", "اطلاعات", "ذرائع", "دعوے", "دعووں", "بیانات", "اخبارات",
	// Roman Urdu, as askers type it.
	"khabrein", "khabren", "khabrain", "khabron", "khabro", "reporton", "dawe", "daway",
)

// compareWords say how reports stand to each other.
var compareWords = text.TokenSet(
	"agree", "disagree", "differ", "different", "difference", "differences", "conflict", "conflicting",
	"contradict", "contradictory", "same", "consistent", "inconsistent", "vary",
	"متفق", "فرق", "مختلف", "متضاد", "اختلاف", "تضاد",
	"muttafiq", "mutafiq", "farq", "fark", "mukhtalif", "mutazad", "ikhtilaf",
)

// sayWords ask what reports say ("What do the reports say?", "خبریں کیا
// کہتی ہیں؟", "مختلف خبروں میں کیا بتایا گیا؟").
var sayWords = text.TokenSet("say", "tell", "کہتی", "کہتے", "بتاتی", "بتاتے", "بتایا", "kehti", "kahti", "kehte", "batati", "batate", "bataya")

// bothWords count the reports compared ("both reports", "دونوں خبریں").
var bothWords = text.TokenSet("both", "two", "دونوں", "dono", "donon")
