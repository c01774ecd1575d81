package rag

import (
	"maps"
	"slices"
	"strings"

	"github.com/jawab/jawab/text"
)

// A count in the news is either a running total ("اب تک 19342", "مجموعی
// تعداد", "تعداد 28 لاکھ سے تجاوز کر گئی"; the active cases, "فعال کیسز",
// are a standing total) or one day's ("مزید 15 کیس", "ایک
// دن میں 98 افراد", "24 گھنٹوں میں"), and a series reports both, often on one
// day. A "latest" question about one is not answered by the newest report of
// the other: "دنیا میں کیسز کی تعداد اب کتنی ہو گئی ہے؟" by "ایک دن میں 23
// ہزار افراد زندگی کی بازی ہار گئے".

// totalCues and dailyCues are the token sequences (folded) that mark each
// kind of count, in a question or a report.
var (
	totalCues = [][]string{
		{"اب", "تک"}, {"مجموعی"}, {"کل", "تعداد"}, {"تعداد"}, {"تجاوز"}, {"متجاوز"}, {"پہنچ", "گیا"}, {"پہنچ", "گئی"}, {"پہنچ", "گئے"}, {"پہنچ", "گئیں"}, {"فعال"}, {"ایکٹو"}, {"زیر", "علاج"},
		{"so", "far"}, {"to", "date"}, {"total"}, {"overall"}, {"cumulative"}, {"tally"}, {"active"},
	}
	dailyCues = [][]string{
		{"مزید"}, {"ایک", "دن"}, {"ایک", "روز"}, {"یومیہ"}, {"روزانہ"}, {"24", "گھنٹوں"}, {"24", "گھنٹے"}, {"چوبیس", "گھنٹوں"},
		{"نئے"}, {"نئی"}, {"daily"}, {"new"}, {"fresh"}, {"24", "hours"}, {"single", "day"}, {"a", "day"},
	}
)

// dayCues are the dailyCues that name the day itself, in any of its
// wordings (not "مزید" or "نئے", which count beside a number): a question's
// "24-hour update" and a report's "ایک دن میں 100 اموات" say the same.
var dayCues = [][]string{
	{"ایک", "دن"}, {"ایک", "روز"}, {"یومیہ"}, {"روزانہ"}, {"24", "گھنٹوں"}, {"24", "گھنٹے"}, {"چوبیس", "گھنٹوں"},
	{"daily"}, {"24", "hours"}, {"24", "hour"}, {"single", "day"},
}

// foldDay replaces the first word of each dayCues wording in toks by
// "یومیہ" (and its stem in stems, nil for none), as foldCounts folds a
// casualty word: the relevance that orders a "latest" question's reports
// then meets "in the last 24 hours" in "ایک دن میں". Copies are returned
// when something is folded.
func foldDay(toks, stems []string) ([]string, []string) {
	copied := false
	for i := range toks {
		for _, c := range dayCues {
			if !seqAt(toks, i, c) || toks[i] == "یومیہ" {
				continue
			}
			if !copied {
				toks, stems, copied = slices.Clone(toks), slices.Clone(stems), true
			}
			toks[i] = "یومیہ"
			if stems != nil {
				stems[i] = text.Stem("یومیہ")
			}
			break
		}
	}
	return toks, stems
}

// foldDailyCount adds "یومیہ" to a report's words (and stems, nil for none)
// when its tokens (text.Tokens: stopwords kept, as "مزید ایک مریض" needs)
// state a day's count (tallyOf) by a word that foldDay does not fold:
// "مزید 63 افراد جاں بحق" (63 more dead) is the day's count that a
// question's "ایک دن میں ہونے والی اموات" asks for, as the day's newest
// report words it. The words stay (a question may ask "مزید"); copies are
// returned when something is added.
func foldDailyCount(words, stems, toks []string) ([]string, []string) {
	if slices.Contains(words, "یومیہ") {
		return words, stems
	}
	if _, daily := tallyOf(toks, true); !daily {
		return words, stems
	}
	words = append(slices.Clip(words), "یومیہ")
	if stems != nil {
		stems = append(slices.Clip(stems), text.Stem("یومیہ"))
	}
	return words, stems
}

// numberedCues are the day's-count words that count something in a report
// only beside a number, and on which side: "مزید 15 کیس", "4767 نئے کیسز",
// not "مزید نقصان نہ ہونے دیا" (no further wicket fell) or "نئی پالیسی". The
// other cues (ایک دن میں, 24 گھنٹوں, یومیہ) count by themselves, and a
// question's "کتنے نئے" needs no number.
var numberedCues = map[string]int{"مزید": +1, "نئے": -1, "نئی": -1}

// tallyOf reports which kinds of count toks mark: a question's words, or a
// report's (report set: a numbered cue then counts only beside its number).
func tallyOf(toks []string, report bool) (total, daily bool) {
	numbered := func(i, side int) bool {
		if side > 0 && i+1 < len(toks) {
			// "مزید ایک مریض", "مزید دو افراد": a small count in words,
			// which ReadNumber leaves alone (they are common words too).
			if _, ok := text.UrduNumberWord(toks[i+1]); ok {
				return true
			}
		}
		for j := i + side; j != i+3*side && j >= 0 && j < len(toks); j += side {
			if _, _, ok := text.ReadNumber(toks, j); ok {
				return true
			}
		}
		return false
	}
	for i := range toks {
		for _, c := range totalCues {
			total = total || seqAt(toks, i, c)
		}
		for _, c := range dailyCues {
			if !daily && seqAt(toks, i, c) {
				side := numberedCues[c[0]]
				daily = !report || len(c) > 1 || side == 0 || numbered(i, side)
			}
		}
	}
	return total, daily
}

// askedTally is which kinds of count a question's tokens ask for
// (tallyOf). "تعداد" names any count: beside a day's cue it asks the day's
// ("ایک دن میں ہونے والی اموات کی تازہ ترین تعداد"), not a running total.
func askedTally(toks []string) (total, daily bool) {
	total, daily = tallyOf(toks, false)
	if total && daily {
		total, _ = tallyOf(slices.DeleteFunc(slices.Clone(toks), func(t string) bool { return t == "تعداد" }), false)
	}
	return total, daily
}

// sameTally is, for a question that asks how many and marks one kind of
// count only, whether a passage (title and text) is not a report of the
// other kind alone; nil for other questions.
func sameTally(searches []Query) func(*Passage) bool {
	if !asksFigure(ownTexts(searches)) {
		return nil
	}
	// The question's words in either language say which count it asks: an
	// English question's "so far" has no rendering (the lexicon keeps no
	// phrase of function words), and the cues are English as well as Urdu.
	var total, daily bool
	for _, s := range searches {
		t, d := askedTally(text.Tokens(s.Text))
		total, daily = total || t, daily || d
	}
	if total == daily {
		return nil // neither, or both ("اب تک یومیہ"): nothing to tell apart
	}
	return func(p *Passage) bool {
		t, d := tallyOf(reportTokens(p), true)
		if total {
			return t || !d
		}
		return d || !t
	}
}

// perWords introduce the unit a price or rate is given for: "فی تولہ",
// "فی لیٹر", "per ounce".
var perWords = map[string]bool{"فی": true, "per": true}

// sameUnit is, for a question that names the unit of its figure ("سونے کی
// فی اونس قیمت"), whether a passage (title and text) does not give its
// figure for another unit alone: the newest gold report per tola is not the
// newest price per ounce. A passage that names no unit, or names the asked
// one anywhere, passes. Nil for a question without one.
func sameUnit(searches []Query) func(*Passage) bool {
	var units []string
	for _, q := range ownTexts(searches) {
		toks := text.Tokens(q)
		for i := 0; i+1 < len(toks); i++ {
			if perWords[toks[i]] && !text.IsStopword(toks[i+1]) {
				units = append(units, toks[i+1])
			}
		}
	}
	if len(units) == 0 {
		return nil
	}
	return func(p *Passage) bool {
		toks := reportTokens(p)
		other := false
		for i, t := range toks {
			if slices.Contains(units, t) {
				return true
			}
			if perWords[t] && i+1 < len(toks) && !text.IsStopword(toks[i+1]) {
				other = true
			}
		}
		return !other
	}
}

// A price or rate in the news is reported as a level ("1 لاکھ 2 ہزار 750
// روپے ہوگئی", "33500 پوائنٹس کی سطح پر بند") or as a change ("قیمت میں 150
// روپے اضافہ"), and a day often has both. "قیمت اب کتنی ہے؟" asks the level.
var (
	// (priceWords, and the words of a rate or an index's level.)
	levelAsked  = map[string]bool{"ریٹ": true, "نرخ": true, "بھاؤ": true, "سطح": true, "انڈیکس": true, "rate": true, "level": true, "index": true}
	changeWords = map[string]bool{"کمی": true, "اضافہ": true, "اضافے": true, "سستا": true, "سستی": true, "مہنگا": true, "مہنگی": true, "گراوٹ": true,
		"تبدیلی": true, "ردوبدل": true,
		"fall": true, "fell": true, "rise": true, "rose": true, "increase": true, "decrease": true, "change": true, "changed": true,
		"gain": true, "gained": true, "lose": true, "lost": true}
	levelCues = [][]string{{"ہوگئی"}, {"ہوگیا"}, {"ہوگئے"}, {"ہو", "گئی"}, {"ہو", "گیا"}, {"ہو", "گئے"}, {"رہی"}, {"رہا"}, {"رہے"},
		{"سطح", "پر"}, {"پر", "بند"}, {"میں", "فروخت"}, {"پر", "آ", "گئی"}, {"پر", "آگئی"}, {"تک", "پہنچ"},
		// From one level to another ("103.62 روپے فی لیٹر سے کم کر کے 94.19
		// روپے"), and a level fixed ("91.41 روپے مقرر کی گئی ہے").
		{"سے", "کم", "کر"}, {"سے", "بڑھا", "کر"}, {"سے", "گھٹا", "کر"}, {"سے", "کم", "ہو", "کر"}, {"سے", "بڑھ", "کر"}, {"مقرر"}}
)

// sameLevel is, for a question that asks how much a price or rate is and
// not how it changed, whether a passage (title and text) states a level and
// not only a change: the week's "قیمت میں 5 ہزار روپے کی کمی" does not say
// what the price is. A passage with neither passes. Nil for other questions.
func sameLevel(searches []Query) func(*Passage) bool {
	own := ownTexts(searches)
	if !asksFigure(own) {
		return nil
	}
	price := false
	for _, q := range own {
		for _, t := range text.Tokens(q) {
			if changeWords[t] {
				return nil
			}
			price = price || priceWords[t] || levelAsked[t]
		}
	}
	if !price {
		return nil
	}
	return func(p *Passage) bool {
		toks := reportTokens(p)
		if !slices.ContainsFunc(toks, func(t string) bool { return changeWords[t] }) {
			return true
		}
		return slices.ContainsFunc(levelCues, func(c []string) bool { return hasSeq(toks, c) })
	}
}

// statesPrice is, for a question that asks what something costs (a price
// word: "قیمت", "cost"; or "کتنے کا/کی/کے/میں", for how much, and "کتنے
// روپے"), whether a passage (title and text) states an amount of money: a
// day's "20 تولے سونا برآمد" (gold found at an airport) states a figure,
// but no price of gold. Nil for other questions.
func statesPrice(searches []Query) func(*Passage) bool {
	if !slices.ContainsFunc(ownTexts(searches), asksPriceIn) {
		return nil
	}
	return func(p *Passage) bool {
		toks := reportTokens(p)
		// (A change may be given without its currency, "فی تولہ کی قدر
		// 1000 سستا ہو گئی", and a sum by its scale alone, "11.1ارب کے
		// سودے".)
		return statesAmount(toks, nil) || statesAmount(toks, changeWords) || statesSum(toks)
	}
}

// statesSum reports a number followed by a large scale ("11.1 ارب", "50
// کروڑ"): a sum of money where a price or amount is asked.
func statesSum(toks []string) bool {
	for i := 0; i+1 < len(toks); i++ {
		if isNumberToken(toks[i]) && sumScale(toks[i+1]) {
			return true
		}
	}
	return false
}

// sumScale reports a scale a sum of money is stated in: a lakh or more
// (text.Scale: لاکھ, کروڑ, ملین, ارب…), not سو or ہزار, which count
// anything.
func sumScale(t string) bool {
	v, ok := text.Scale(t)
	return ok && v >= 1e5
}

// asksPriceIn reports whether question q asks what something costs: a
// price word with a word that asks how much or what near it ("قیمت اب کتنی
// ہے؟", "What does petrol cost?"; not "قیمت کے معاملے میں تازہ صورتحال کیا
// ہے؟", which asks how the matter stands), or a "how much" (کتنے, کتنی,
// کتنا) followed by a postposition with no noun between ("سونا کتنے کا مل
// رہا ہے؟", "کتنے میں نیلام ہوا؟") or by a currency ("کتنے روپے میں بک رہا
// ہے؟").
func asksPriceIn(q string) bool {
	toks := text.Tokens(q)
	if askedNear(toks, func(t string) bool { return priceWords[t] }, func(u string) bool { return priceAsking[u] }) {
		return true
	}
	for i, t := range toks {
		if i+1 < len(toks) && howMuch[t] && (pricePostpositions[toks[i+1]] || currencies[toks[i+1]]) {
			return true
		}
	}
	return false
}

// priceReach is how many content words from a price word the word that
// asks it stands at most: "قیمت اب کتنی", "what is the price".
const priceReach = 3

// askedNear reports whether toks hold a word noun marks with a word ask
// marks within priceReach of it, counting the content words and the asking
// ones ("how much does a litre of petrol cost"): the noun is what is asked.
func askedNear(toks []string, noun, ask func(string) bool) bool {
	near := slices.DeleteFunc(slices.Clone(toks), func(t string) bool { return text.IsStopword(t) && !ask(t) })
	for i, t := range near {
		if noun(t) && slices.ContainsFunc(near[max(i-priceReach, 0):min(i+priceReach+1, len(near))], ask) {
			return true
		}
	}
	return false
}

// priceAsking are the words that ask a price's value: how much (howMuch,
// "much"), what.
var priceAsking = func() map[string]bool {
	m := map[string]bool{"کیا": true, "what": true, "much": true}
	maps.Copy(m, howMuch)
	return m
}()

// pricePostpositions follow a "how much" that asks a price ("کتنے کا").
var pricePostpositions = map[string]bool{"کا": true, "کی": true, "کے": true, "میں": true}

// A rate ("مثبت کیسز کی شرح", "positivity rate", "کتنے فیصد") is a measure of
// its own: the newer count of the same cases ("کیسز کی تعداد 51 ہزار سے
// تجاوز") is not a newer value of it, and a newer story's "70 فیصد
// مسافر" is a share of something else when a rate (شرح) is asked.
var (
	// (Not the English "rate", which is the dollar's as often.)
	rateAsked    = map[string]bool{"شرح": true, "positivity": true}
	percentAsked = map[string]bool{"فیصد": true, "percent": true, "percentage": true}
)

// statesRate is, for a question that asks a rate or a percentage, whether
// a passage (title and text) states one: "شرح" or a percentage for a rate
// (the positivity rate is "مثبت کیسز 12 فیصد" as often as "مثبت کیسز کی
// شرح"), of what the question rates when it names it ("مہنگائی کی شرح": a
// newer report of the rate of positive cases is not the inflation rate);
// "فیصد" or a per cent sign for a percentage. Nil for other questions.
func statesRate(searches []Query) func(*Passage) bool {
	var rate, percent bool
	var rated []string
	for _, q := range searches {
		if q.Terms != nil {
			// A translation renders "rate" as شرح, and the dollar's
			// rate is no rate of that kind: the English words decide.
			continue
		}
		toks := text.Tokens(q.Text)
		for i, t := range toks {
			rate = rate || rateAsked[t]
			percent = percent || percentAsked[t]
			if w := ratedWord(toks, i); w != "" {
				rated = append(rated, w)
			}
		}
	}
	statesPercent := func(p *Passage, toks []string) bool {
		return strings.ContainsAny(p.Title+" "+p.Text, "%٪") || slices.ContainsFunc(toks, func(t string) bool { return percentWords[t] })
	}
	switch {
	case rate:
		about := NewRankQuery(strings.Join(rated, " "), nil, nil)
		return func(p *Passage) bool {
			toks := reportTokens(p)
			return (slices.Contains(toks, "شرح") || statesPercent(p, toks)) && (len(about.terms) == 0 || slices.ContainsFunc(toks, about.holds))
		}
	case percent:
		return func(p *Passage) bool { return statesPercent(p, reportTokens(p)) }
	}
	return nil
}

// ratedWord is the word toks[i] names the rate of, when toks[i] is "شرح":
// the content word before it, or before its "کی" ("مہنگائی کی شرح",
// "سود کی شرح"); "" otherwise.
func ratedWord(toks []string, i int) string {
	if toks[i] != "شرح" {
		return ""
	}
	j := i - 1
	if j >= 0 && toks[j] == "کی" {
		j--
	}
	if j < 0 || text.IsStopword(toks[j]) || isNumberToken(toks[j]) || asking[toks[j]] {
		return ""
	}
	return toks[j]
}
