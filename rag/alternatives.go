package rag

import (
	"strings"

	"github.com/jawab/jawab/text"
	"github.com/jawab/jawab/when"
)

// alternativeWords offer a choice between what comes before them and what
// comes after ("نرم ہیں یا سخت", "going up or down").
var alternativeWords = map[string]bool{"یا": true, "or": true}

// maxAlternativeWords is the most content words an alternative that runs to
// its clause's end holds.
const maxAlternativeWords = 2

// alternative is a question offering a choice with one alternative taken
// out: what is asked then, and the content words of the alternative it
// keeps (none when the other held none: "…یا نہیں").
type alternative struct {
	question string
	kept     []string
}

// alternativeQuestions returns, for a question that offers a choice, the
// question with one alternative taken out, each way: "سندھ میں پابندیاں اب
// نرم ہیں یا سخت؟" as "… اب نرم ہیں؟" (keeping نرم) and as "… اب سخت؟"
// (keeping سخت); nil for another question. A report answers one
// alternative and never words the other, so the whole question's words are
// more than any report holds: "یا نہیں" (or not) asks "نہیں", which the gate
// learned is what makes a question unanswerable, and "Karachi or across
// Sindh" asks both places of a report that names one.
//
// The choice is the first "یا" or "or" of a clause (choiceClauses: the
// question up to a question mark, a semicolon, a dash or a comma; a clause
// that opens with the word belongs to the one before: "…still going on, or
// has it been called off?"). What follows it to the clause's end is the
// second alternative (or only its first content word when the rest is
// longer than maxAlternativeWords); the first is as many content words
// before it as the second holds, with the function words among them. "یا
// نہیں" and "or not" hold no content word: only the question without them
// is returned.
func alternativeQuestions(q string) []alternative {
	for _, clause := range choiceClauses(q) {
		toks := text.Tokens(clause)
		at := -1
		for i := 1; i < len(toks)-1; i++ {
			if alternativeWords[toks[i]] {
				at = i
				break
			}
		}
		if at < 0 {
			continue
		}
		// The second alternative runs to the clause's end when it is short
		// ("…یا سخت", "…or already put in place"); a longer rest goes on
		// with what both alternatives share ("کتنی اننگز یا میچوں کے بعد
		// پہلی بار صفر پر آؤٹ ہوئے؟"), and the choice is of one word.
		content := 0
		for _, t := range toks[at+1:] {
			if !text.IsStopword(t) {
				content++
			}
		}
		end := len(toks)
		if content > maxAlternativeWords {
			content = 1
			for i := at + 1; i < len(toks); i++ {
				if !text.IsStopword(toks[i]) {
					end = i + 1
					break
				}
			}
		}
		start := at
		for i := at - 1; i >= 0 && content > 0; i-- {
			start = i
			if !text.IsStopword(toks[i]) {
				content--
			}
		}
		words := func(ts []string) []string {
			var out []string
			for _, t := range ts {
				if !text.IsStopword(t) {
					out = append(out, t)
				}
			}
			return out
		}
		second := words(toks[at+1 : end])
		out := []alternative{{when.Without(q, strings.Join(toks[at:end], " ")), nil}}
		if len(second) > 0 {
			out[0].kept = words(toks[start:at])
		}
		if start < at {
			out = append(out, alternative{when.Without(q, strings.Join(toks[start:at+1], " ")), second})
		}
		var kept []alternative
		for _, v := range out {
			if strings.TrimSpace(v.question) != "" && v.question != q {
				kept = append(kept, v)
			}
		}
		return kept
	}
	return nil
}

// choiceClauses splits q where a choice cannot reach across: its clauses
// (when.Clauses: sentences and dashed asides), and within them at commas,
// line ends and a hyphen between spaces. A clause that opens with an
// alternative word is joined to the one before it.
func choiceClauses(q string) []string {
	var parts []string
	for _, c := range when.Clauses(q) {
		for _, p := range strings.FieldsFunc(c, func(r rune) bool { return r == ',' || r == '،' || r == '\n' }) {
			parts = append(parts, strings.Split(p, " - ")...)
		}
	}
	var out []string
	for _, p := range parts {
		toks := text.Tokens(p)
		if len(toks) == 0 {
			continue
		}
		if len(out) > 0 && alternativeWords[toks[0]] {
			out[len(out)-1] += " " + p
			continue
		}
		out = append(out, p)
	}
	return out
}
