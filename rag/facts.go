package rag

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/jawab/jawab/prompts"
	"github.com/jawab/jawab/text"
	"github.com/jawab/jawab/translit"
	"github.com/jawab/jawab/when"
)

// An English reader of an Urdu source is given, without a model, what of a
// quoted sentence can be said in English for certain: its dates, years and
// numbers, the names the question itself spelled (matched to the collection's
// words by transliteration), and the Latin-script names and acronyms the Urdu
// text already holds. Nothing else is restated: a word-by-word gloss of the
// rest would be a guess presented as the source's words.

// writeEnglishFrame writes the English answer over Urdu quotes: a line that
// says so, then each quote in «» with the facts stated in English before it.
// Each quote is marked [n], so that the reader and the checks can trace it.
func writeEnglishFrame(b *strings.Builder, picked []candidate, names []Name, why string) {
	b.WriteString("The articles answer this in Urdu. " + why + " to translate them, so the facts that can be given in English are stated from each quoted Urdu sentence.")
	for _, c := range picked {
		b.WriteString("\n")
		if facts := englishFacts(c.sentence, names); len(facts) > 0 {
			fmt.Fprintf(b, "Source [%d] states: %s. ", c.p.N, strings.Join(facts, "; "))
		} else {
			fmt.Fprintf(b, "Source [%d], in Urdu: ", c.p.N)
		}
		fmt.Fprintf(b, "%s [%d]", urduQuote(c.sentence), c.p.N)
	}
}

// urduQuote is an Urdu sentence as an English answer quotes it: marked as
// Urdu, in «», with citation-like markers unmarked.
func urduQuote(sentence string) string {
	return "(Urdu: «" + prompts.Unmarked(strings.TrimSpace(sentence)) + "»)"
}

// latinWord finds the Latin-script words an Urdu sentence keeps as they are
// (LNG, SCO, Express Tribune).
var latinWord = regexp.MustCompile(`[A-Za-z][A-Za-z0-9.&-]*[A-Za-z0-9]`)

// englishFacts lists, in the sentence's order, the dates, years, numbers and
// names of an Urdu sentence as an English reader writes them.
func englishFacts(sentence string, names []Name) []string {
	toks := text.Tokens(sentence)
	var facts []string
	add := func(f string) {
		for _, g := range facts {
			if g == f {
				return
			}
		}
		facts = append(facts, f)
	}
	scores := scoresIn(sentence)
	for i := 0; i < len(toks); i++ {
		if i+1 < len(toks) && scores[toks[i]+"-"+toks[i+1]] {
			add(toks[i] + "-" + toks[i+1]) // a series' "2-1", not 2 and 1
			i++
			continue
		}
		if id, n := translit.SpelledIdentifier(toks, i); n > 0 {
			add(id) // "این اے 249" is the constituency NA-249, not a figure
			i += n - 1
			continue
		}
		if f, n := readDate(toks, i); n > 0 {
			add(f)
			i += n - 1
			continue
		}
		if namesDay(toks, i) {
			// The day of a report's event, as news names it: "جمعرات کو" is
			// Thursday, "گزشتہ روز" yesterday (the report's day before).
			if wd, n := when.WeekdayAt(toks, i); n > 0 {
				add(wd.String())
			} else {
				add("yesterday")
			}
			continue
		}
		if v, n, ok := text.ReadNumber(toks, i); ok {
			if i+n < len(toks) && toks[i+n] == text.Fold("بجے") && v > 0 && v < 25 {
				// "ساڑھے تین بجے" is half past three: a time, written as one.
				h := math.Floor(v)
				add(fmt.Sprintf("%d:%02d", int(h), int(math.Round((v-h)*60))))
				i += n - 1
				continue
			}
			f := englishAmount(v, n > 1)
			if name := southAsianScale[toks[i+n-1]]; n == 2 && isNumberToken(toks[i]) && name != "" {
				f += " (" + toks[i] + " " + name + ")" // as the source counts: "1.2 million (12 lakh)"
			}
			add(f)
			if v >= 1000 && v <= 2100 && n == 1 {
				facts[len(facts)-1] = toks[i] // a year, not "1,948"
			}
			i += n - 1
			continue
		}
		if u, word := text.UrduNumberWord(toks[i]); word && toks[i] != "یکم" && countAfter(toks, i+1) != "" {
			// A small number in words counts as a figure before what it
			// counts ("دو افراد جاں بحق": 2), as figures reads it.
			add(strconv.Itoa(u))
			continue
		}
		for _, nm := range names {
			if want := text.Tokens(nm.Word); len(want) > 0 && nm.As != "" && seqAt(toks, i, want) {
				add(nm.As)
			}
		}
	}
	for _, w := range latinWord.FindAllString(sentence, -1) {
		add(w)
	}
	return facts
}

// scoresIn is the set of scores a sentence states ("2-1", "۳-۰" as "3-0"),
// in the digits its tokens carry.
func scoresIn(sentence string) map[string]bool {
	set := map[string]bool{}
	for _, m := range score.FindAllString(sentence, -1) {
		var ds []string
		for _, r := range m {
			if v, ok := text.DigitValue(r); ok {
				ds = append(ds, strconv.Itoa(v))
			}
		}
		set[strings.Join(ds, "-")] = true
	}
	return set
}

// southAsianScale names the Urdu scales an English reader of South Asian
// news knows by name.
var southAsianScale = map[string]string{"لاکھ": "lakh", "کروڑ": "crore", "ارب": "arab", "کھرب": "kharab"}

// englishAmount writes v as English says it: a figure read with a scale
// word (scaled: "12 لاکھ", "31 ارب", "23 کھرب", "150 ملین", "2 ٹریلین") in
// millions, billions or trillions from a million up ("1.2 million", not
// "1,200,000"; English has no word for a lakh or a crore). Anything else in
// digits.
func englishAmount(v float64, scaled bool) string {
	switch {
	case !scaled:
	case v >= 1e12:
		return text.FormatNumber(v/1e12) + " trillion"
	case v >= 1e9:
		return text.FormatNumber(v/1e9) + " billion"
	case v >= 1e6:
		return text.FormatNumber(v/1e6) + " million"
	}
	return text.FormatNumber(v)
}

// readDate reads a date at toks[i] in Urdu news's orders: "یکم مئی 1948",
// "5 نومبر 2018", "26 دسمبر", "مئی 1948", and writes it as "1 May 1948".
// n is 0 when there is none.
func readDate(toks []string, i int) (date string, n int) {
	day := 0
	j := i
	if d, ok := dayOf(toks[j]); ok && j+1 < len(toks) && text.IsUrduMonth(toks[j+1]) {
		day, j = d, j+1
	}
	if !text.IsUrduMonth(toks[j]) {
		return "", 0
	}
	m, _ := text.Month(toks[j])
	j++
	year := ""
	if j < len(toks) && len(toks[j]) == 4 && isNumberToken(toks[j]) {
		year, j = toks[j], j+1
	}
	if day == 0 && year == "" {
		return "", 0 // a month alone: "مئی" may be just the word in a name
	}
	parts := []string{}
	if day > 0 {
		parts = append(parts, fmt.Sprint(day))
	}
	parts = append(parts, time.Month(m).String())
	if year != "" {
		parts = append(parts, year)
	}
	return strings.Join(parts, " "), j - i
}

// dayOf reads a day of the month: "5", "یکم" (the first).
func dayOf(tok string) (int, bool) {
	if tok == "یکم" {
		return 1, true
	}
	d, err := strconv.Atoi(tok)
	if err != nil || d < 1 || d > 31 || len(tok) > 2 {
		return 0, false
	}
	return d, true
}
