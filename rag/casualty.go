package rag

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/jawab/jawab/text"
)

// countWords name what a figure of news counts, by meaning: the dead, the
// injured, the arrested, the affected, a disease's cases. Reports of one
// event say "جاں بحق", "ہلاک" or "شہید" for the same dead, one day's Covid
// reports "انتقال", "فوت" or "اموات", and English questions "died" or
// "deaths" (the cross-language gate reads those).
var countWords = map[string]string{
	"جاں": "dead", "جاںبحق": "dead", "بحق": "dead", "ہلاک": "dead", "ہلاکت": "dead", "ہلاکتیں": "dead",
	"ہلاکتوں": "dead", "شہید": "dead", "اموات": "dead", "موت": "dead", "انتقال": "dead", "فوت": "dead", "وفات": "dead",
	"مر": "dead", "مرنے": "dead", "جانیں": "dead", "مارے": "dead", "لاشیں": "dead",
	"killed": "dead", "dead": "dead", "died": "dead", "deaths": "dead", "death": "dead", "fatalities": "dead",
	"زخمی": "injured", "زخمیوں": "injured", "مجروح": "injured", "injured": "injured", "wounded": "injured",
	"گرفتار": "arrested", "arrested": "arrested", "متاثر": "affected", "affected": "affected",
	"کیسز": "cases", "کیس": "cases", "کیسوں": "cases", "cases": "cases", "infections": "cases",
}

// PersonsWord reports a word that counts persons in general, in Urdu,
// English or Roman Urdu ("کتنے افراد", "how many people", "kitne log"). News
// counts them in its own words ("80 رکنی وفد", "اراکین"), so what such a
// word counts is not required of an answer, only a number (package xlang);
// and any report of the dead holds one, so it does not say what a report
// is about (countsAsked).
func PersonsWord(w string) bool { return persons[w] }

var persons = map[string]bool{
	"افراد": true, "لوگ": true, "لوگوں": true, "شخص": true, "اشخاص": true,
	"people": true, "persons": true, "person": true, "members": true, "individuals": true,
	"log": true, "logon": true, "logo": true, "afraad": true, "afrad": true, "admi": true, "aadmi": true,
}

// countIdioms are the casualty words of more than one word: after the first,
// the beginnings of the next ones ("چل بسے", "دم توڑ دیا", "زندگی کی بازی
// ہار گئے", "زندگیاں نگل گیا"). A word alone ("دم", breath; "بازی", a game;
// "جان", life) counts nothing. The tails are read against every token, or,
// in a passage's content words (stopwords gone), against the next word.
var countIdioms = map[string][][]string{
	"چل":      {{"بس"}},
	"دم":      {{"توڑ"}},
	"لقمہ":    {{"اجل"}},
	"بازی":    {{"ہار"}},
	"جان":     {{"سے", "گ"}, {"سے", "جا"}, {"سے", "ہاتھ"}, {"کی", "بازی"}, {"بازی"}, {"گنوا"}},
	"زندگی":   {{"کی", "بازی"}, {"بازی"}},
	"زندگیاں": {{"نگل"}, {"لے"}},
}

// countCanon is the one word each meaning is folded to (foldCounts).
var countCanon = map[string]string{"dead": "اموات", "injured": "زخمی", "arrested": "گرفتار", "affected": "متاثر", "cases": "کیسز"}

// isCountWord reports a word foldCounts folds casualty words to.
func isCountWord(t string) bool {
	for _, c := range countCanon {
		if c == t {
			return true
		}
	}
	return false
}

// countAt reads toks[i] as a casualty word: what it counts and how many
// tokens it takes (1, or an idiom's length); "" and 0 when it is none.
func countAt(toks []string, i int) (string, int) {
	if what, ok := countWords[toks[i]]; ok {
		return what, 1
	}
	for _, tail := range countIdioms[toks[i]] {
		if i+len(tail) >= len(toks) {
			continue
		}
		ok := true
		for j, w := range tail {
			if !strings.HasPrefix(toks[i+1+j], w) {
				ok = false
				break
			}
		}
		if ok {
			return "dead", 1 + len(tail)
		}
	}
	return "", 0
}

// countsIn is the set of what toks' casualty words count.
func countsIn(toks []string) map[string]bool {
	out := map[string]bool{}
	for i := 0; i < len(toks); i++ {
		if what, n := countAt(toks, i); n > 0 {
			out[what] = true
			i += n - 1
		}
	}
	return out
}

// ungluedCounts is toks with each Urdu casualty word (countWords, three
// letters or more) that a missing space glued to the word before it split
// off: after a non-joining letter the space does not show, and headlines
// drop it between a number and what it counts ("25لاکھ 61 ہزارہلاکتیں",
// "267 دیگرمتاثر"). The longest such word is split; so is one glued to the
// auxiliary after it ("205 دیگر افراد متاثرہوئے", countThenAuxiliary).
// toks is not changed.
func ungluedCounts(toks []string) []string {
	var out []string
	for i, t := range toks {
		before, word := gluedCount(t)
		if word == "" {
			before, word = countThenAuxiliary(t)
		}
		if word == "" {
			if out != nil {
				out = append(out, t)
			}
			continue
		}
		if out == nil {
			out = append(make([]string, 0, len(toks)+1), toks[:i]...)
		}
		out = append(out, before, word)
	}
	if out == nil {
		return toks
	}
	return out
}

// gluedCount splits t into a word of three letters or more and the longest
// Urdu casualty word glued after it (gluedHolds); "", "" when t is none.
func gluedCount(t string) (before, word string) {
	if utf8.RuneCountInString(t) < 5 {
		return "", ""
	}
	if _, ok := countWords[t]; ok {
		return "", ""
	}
	last, _ := utf8.DecodeLastRuneInString(t)
	for _, w := range urduCountWordsByLast[last] {
		if strings.HasSuffix(t, w) && gluedHolds(t, w) {
			return t[:len(t)-len(w)], w
		}
	}
	return "", ""
}

// auxiliaries are the verbs that follow a casualty word ("متاثر ہوئے",
// "شہید ہو گئے"), which a headline may type with no space after a
// non-joining letter.
var auxiliaries = []string{"ہو", "ہوا", "ہوئے", "ہوئی", "ہوئیں", "ہوگئے", "ہوگیا", "ہوگئی", "ہیں", "ہے"}

// countThenAuxiliary splits t into an Urdu casualty word that ends in a
// non-joining letter and the auxiliary typed glued after it
// ("متاثرہوئے"); "", "" when t is none. ("متاثرہ", the adjective, is
// one word: ہ is no auxiliary.)
func countThenAuxiliary(t string) (word, aux string) {
	for _, a := range auxiliaries {
		if w, ok := strings.CutSuffix(t, a); ok && w != "" && endsNonJoining(w) {
			if _, counts := countWords[w]; counts {
				return w, a
			}
		}
	}
	return "", ""
}

// urduCountWordsByLast are countWords' Urdu words by their last letter,
// longest first: foldCounts asks gluedCount of every word of every quoted
// passage, and most words end in a letter that ends no casualty word.
var urduCountWordsByLast = func() map[rune][]string {
	var ws []string
	for w := range countWords {
		if text.DetectLang(w) == "ur" {
			ws = append(ws, w)
		}
	}
	slices.SortFunc(ws, func(x, y string) int {
		if d := len(y) - len(x); d != 0 {
			return d
		}
		return strings.Compare(x, y)
	})
	by := map[rune][]string{}
	for _, w := range ws {
		last, _ := utf8.DecodeLastRuneInString(w)
		by[last] = append(by[last], w)
	}
	return by
}()

// foldCounts replaces the first word of each casualty word or idiom of toks
// by its meaning's one word (countCanon), so that a question's "جانیں
// گئیں" meets a report's "زندگی کی بازی ہار گئے" as the same word: a "latest"
// question compares the reports of one count, and each day's report words
// it differently. The rest of an idiom stays, so that positions (sentence
// ends, word pairs) hold; for the same reason a casualty word glued to the
// word before it (gluedCount: "ہزارہلاکتیں") is folded whole, that word
// dropped (reportTokens, which reads the figures, splits it instead). stems
// are toks' stems, folded alike (nil for none). Neither is changed: copies
// are returned when something is folded.
func foldCounts(toks, stems []string) ([]string, []string) {
	copied := false
	for i := 0; i < len(toks); i++ {
		what, n := countAt(toks, i)
		if n == 0 {
			if _, w := gluedCount(toks[i]); w != "" {
				what, n = countWords[w], 1
			}
		}
		if n == 0 {
			continue
		}
		if c := countCanon[what]; toks[i] != c {
			if !copied {
				toks, stems, copied = slices.Clone(toks), slices.Clone(stems), true
			}
			toks[i] = c
			if stems != nil {
				stems[i] = text.Stem(c)
			}
		}
		i += n - 1
	}
	return toks, stems
}

// foldedText is q with its casualty words folded (foldCounts).
func foldedText(q string) string {
	toks, _ := foldCounts(text.Tokens(q), nil)
	return strings.Join(toks, " ")
}

// foldedPassage is p as foldCounts reads it: its words (kept as the
// analysis the ranker and the extract read) and its title folded; its text,
// which is quoted, as it is.
func foldedPassage(ix Analyses, p Passage) Passage {
	an := analysis(ix, &p)
	words, stems := foldCounts(an.Words, an.Stems)
	p.analysis = &Analysis{Words: words, Stems: stems, SentEnds: an.SentEnds}
	if p.Title != "" {
		p.Title = foldedText(p.Title)
	}
	p.features = nil
	return p
}

// deadSearchWords are the words a keyword search for a count of the dead
// looks for besides the question's own: the casualty words of that meaning
// as the index holds them (surface forms), and the distinctive word of each
// idiom ("بسے" of "چل بسے"; not "دم" or "جان", which are mostly other words).
var deadSearchWords = []string{
	"جاں", "بحق", "جاںبحق", "ہلاک", "ہلاکتیں", "ہلاکتوں", "اموات", "موت", "انتقال", "فوت", "جانیں",
	"بسے", "بسا", "توڑ", "توڑدیا", "اجل", "بازی", "زندگیاں",
}

// countSearchWeight is each of deadSearchWords' weight against the
// question's own words' 1: one idiom of the many is in a report, and none
// may outweigh the place or the disease asked about.
const countSearchWeight = 0.5

// countVariants are, for each query of the collection's language that asks
// about the dead, a keyword search for its words with its casualty word
// replaced by all of deadSearchWords: the newest report of a death count
// says "چل بسے" where the question said "جانیں گئیں", and a search for the
// question's words alone finds the day's other Covid reports first.
func countVariants(searches []Query) []Query {
	var out []Query
	for _, q := range searches {
		if q.OtherLanguage || len(q.Terms) > 0 {
			continue
		}
		toks := text.Tokens(q.Text)
		if !countsIn(toks)["dead"] {
			continue
		}
		seen := map[string]bool{}
		var terms []WeightedTerm
		add := func(t string, w float64) {
			if !seen[t] {
				seen[t] = true
				terms = append(terms, WeightedTerm{Term: t, Weight: w})
			}
		}
		for i := 0; i < len(toks); i++ {
			if _, n := countAt(toks, i); n > 0 {
				i += n - 1
				continue
			}
			if !text.IsStopword(toks[i]) {
				add(toks[i], 1)
			}
		}
		for _, t := range deadSearchWords {
			add(t, countSearchWeight)
		}
		q.Terms, q.KeywordOnly = terms, true
		out = append(out, q)
	}
	return out
}
