package rag

import (
	"context"
	"slices"
	"strings"

	"github.com/jawab/jawab/text"
)

// How much of what a question asks a passage holds, as the latest ordering
// reads it (Answerer.relevance): the question's words without those that ask
// for the newest, met loosely, a price read from an amount of money and a
// currency's rate from its figure, and a question in another language read
// by its renderings.

// relevance is how much of the question a passage holds: the share of its
// words' weight the passage has (as the gate's coverage counts it, whole
// passage and title), the best over the question's variants. A headline and
// a long article that both report the gold price per tola hold the same
// share, where a ranker's score would favour the long one. Casualty words and
// the wordings of a day ("24 گھنٹوں میں", "ایک دن میں", "روزانہ") are read by
// meaning on both sides (foldCounts, foldDay), a report that states a day's
// count as "مزید 63 افراد" as one that says the day (foldDailyCount), and a
// report's "in the country" as the country's name (foldCountry).
func (a *Answerer) relevance(ctx context.Context, res Retrieval, searches []Query) func(*Passage) float64 {
	w := res.termWeights(ctx, a.Retriever.Index)
	// A query in another language than the collection's (the English
	// question) weighs the passages written in its language: a mixed
	// collection's newest report may be its English one.
	type query struct {
		rq    *RankQuery
		words *renderedWords // an offline-rendered question's words (Query.Words), read in place of rq
		lang  string         // "" for the collection's language
		price string         // the word it asks a price by ("قیمت"), if any
		rate  currencyRate   // the foreign currency whose rate it asks, if any
	}
	var qs []query
	asksPrice := false
	for _, q := range searches {
		lang := ""
		if q.OtherLanguage {
			lang = text.DetectLang(q.Text)
		}
		ft := relevanceTokens(q.Text)
		price := ""
		for _, t := range ft {
			if priceWords[t] {
				price = t
			}
		}
		asksPrice = asksPrice || price != ""
		rq := NewRankQuery(strings.Join(ft, " "), w, nil)
		if lang == "" {
			// A word the archive never holds is the subject of a story it
			// does not tell ("ٹڈی دل", locusts), which the newest report
			// must hold for MinNewestShare: at the ranker's unseen weight it
			// counted less than any word the archive has. No passage holds
			// it, so the order by relevance changes little; the share does.
			// One the archive spells one letter apart ("میانمر" asked,
			// "میانمار" reported) weighs as that spelling: the passages
			// that hold it are the story's.
			rq.weighUnseenAsRarest(w, probesSpellings(a.Retriever.Index))
		}
		rq.weighAsFamily(w)
		qs = append(qs, query{rq, newRenderedWords(q.Words, w), lang, price, currencyRateAsked(ft, q.Words)})
	}
	return func(p *Passage) float64 {
		an := analysis(a.Retriever.Index, p)
		words, stems := foldCounts(titled(an, p.Title))
		amount := asksPrice && statesAmount(words, nil)
		// The chunk's own words, without the title its document's other
		// chunks share: of two chunks of one report, the one that holds
		// the question comes first (a thousandth: it only breaks ties).
		own, ownStems := foldCounts(an.Words, an.Stems)
		words, stems = relevanceWords(words, stems, reportTokens(p))
		own, ownStems = foldDay(own, ownStems)
		plang := ""
		best := 0.0
		for _, q := range qs {
			if q.lang != "" {
				if plang == "" {
					plang = text.DetectLang(p.Title + " " + p.Text)
				}
				if plang != q.lang {
					continue
				}
			}
			ws, ss := words, stems
			if q.price != "" && amount {
				// A price is stated as an amount of money, seldom with the
				// word ("فی اونس سونا … 1733ڈالر ہو گیا"), as the gate reads it.
				ws, ss = append(slices.Clone(words), q.price), append(slices.Clone(stems), text.Stem(q.price))
			}
			if q.rate.words != nil {
				ws, ss = q.rate.meet(ws, ss, words)
			}
			if q.words != nil {
				best = max(best, q.words.coverage(ws, ss)+chunkTieBreak*q.words.coverage(own, ownStems))
				continue
			}
			best = max(best, q.rq.looseCoverage(ws, ss)+chunkTieBreak*q.rq.looseCoverage(own, ownStems))
		}
		return best
	}
}

// asksCost reports an Urdu question that asks what something costs without
// a word for its price: "کتنے کا" (for how much), or "کتنے روپے کا", before
// the verb that ends it or at its end ("سونا آج کل کتنے کا ہے؟", "ایک تولہ
// سونا کتنے روپے کا ہے؟", "پٹرول کتنے میں مل رہا ہے"), not "کتنے کا اضافہ"
// (an increase of how much), nor "کب کی ہے" (from when).
func asksCost(toks []string) bool {
	for i := 0; i+1 < len(toks); i++ {
		if !howMuch[toks[i]] {
			continue
		}
		j := i + 1
		if currencies[toks[j]] {
			j++
		}
		if j < len(toks) && costPostpositions[toks[j]] && (j+1 == len(toks) || costVerbs[toks[j+1]]) {
			return true
		}
	}
	return false
}

var (
	costPostpositions = map[string]bool{"کا": true, "کی": true, "کے": true, "میں": true}
	costVerbs         = map[string]bool{"ہے": true, "ہیں": true, "ہو": true, "ملتا": true, "ملتی": true, "مل": true, "بک": true, "بکتا": true, "بکتی": true, "فروخت": true}
)

// currencyRate is what a question asks of a foreign currency's rate ("ڈالر
// کا تازہ ترین ریٹ", "the latest dollar rate"): the currencies it names, and
// the words that ask the rate (for a rendered question, every word of every
// rendering of "rate": شرح, ریٹ …), which a report that states the rate
// meets however it words it. News gives the dollar's rate as its value
// ("امریکی ڈالر کی قدر میں کمی") or an amount in rupees ("ڈالر … 153روپے
// کی سطح پر آگیا") and seldom as a "ریٹ"; read literally, "the latest
// dollar rate" was nearer Lahore's Covid positivity rate (شرح) or
// "کرپشن کا ریٹ" than the dollar's own reports.
type currencyRate struct {
	currencies map[string]bool
	words      []string
	stems      []string
}

// currencyRateAsked reads the currency rate a question's tokens ft (or, rendered,
// its words) ask; zero when it asks none.
func currencyRateAsked(ft []string, words []CrossWord) currencyRate {
	var cr currencyRate
	add := func(t string) {
		if !slices.Contains(cr.words, t) {
			cr.words, cr.stems = append(cr.words, t), append(cr.stems, text.Stem(t))
		}
	}
	found := map[string]bool{}
	if words != nil {
		for _, cw := range words {
			switch r := cw.Likeliest().Term; {
			case rateWords[text.Fold(cw.Source)]:
				for _, rd := range cw.Renderings {
					for _, t := range relevanceTokens(rd.Term) {
						add(t)
					}
				}
			case currencies[r] && !rupees[r]:
				found[r] = true
			}
		}
	} else {
		for _, t := range ft {
			switch {
			case rateWords[t]:
				add(t)
			case currencies[t] && !rupees[t]:
				found[t] = true
			}
		}
	}
	if len(found) == 0 || cr.words == nil {
		return currencyRate{}
	}
	cr.currencies = found
	return cr
}

// statedIn reports whether a report's tokens state the rate: a currency
// asked, then within two words a word for its value ("ڈالر کی قدر", "ڈالر کا
// ریٹ") or within eight an amount in rupees ("ڈالر مزید گرتے ہوئے 153روپے"):
// not a sum in dollars ("200 ارب ڈالر کا نقصان"), nor gold's dollar price
// beside its price in rupees further on.
func (cr currencyRate) statedIn(toks []string) bool {
	for i, t := range toks {
		if !cr.currencies[t] {
			continue
		}
		for j := i + 1; j < len(toks) && j <= i+3; j++ {
			if valueWords[toks[j]] {
				return true
			}
		}
		if statesAmount(toks[i+1:min(len(toks), i+9)], rupees) {
			return true
		}
	}
	return false
}

// meet is a report's words and stems (ws, ss; toks as statedIn reads them)
// as relevance reads them for the rate: with the rate's words when the
// report states the currency's rate, without them when it does not (the
// "شرح" of inflation is no rate of the dollar).
func (cr currencyRate) meet(ws, ss, toks []string) ([]string, []string) {
	if cr.statedIn(toks) {
		return slices.Concat(ws, cr.words), slices.Concat(ss, cr.stems)
	}
	var w2, s2 []string
	for i, w := range ws {
		if !slices.Contains(cr.words, w) && !slices.Contains(cr.stems, ss[i]) {
			w2, s2 = append(w2, w), append(s2, ss[i])
		}
	}
	return w2, s2
}

// rateAnswered is q (an Urdu question, as the gate re-judges it) without
// the words that ask a currency's rate when the first of the passages
// states that rate (currencyRate): "ڈالر کا ریٹ کیا چل رہا ہے؟" is answered
// by "انٹربینک مارکیٹ میں امریکی ڈالر 155 روپے سے نیچے آگیا", which has no
// "ریٹ", as a dated report answers the question's "آج کل".
func rateAnswered(q string, ps []Passage) string {
	toks := text.Tokens(q)
	cr := currencyRateAsked(toks, nil)
	if cr.words == nil || len(ps) == 0 || !cr.statedIn(reportTokens(&ps[0])) {
		return q
	}
	return strings.Join(slices.DeleteFunc(toks, func(t string) bool { return slices.Contains(cr.words, t) }), " ")
}

// valueWords say a currency's value: its rate, price or worth.
var valueWords = map[string]bool{"قدر": true, "ریٹ": true, "نرخ": true, "قیمت": true, "شرح": true}

// foldCountry adds پاکستان to a report's words (and stems) when it says "in
// the country" (countryPhrases: "ملک بھر میں", "ملک میں"), as the archive's
// national reports write it: "ملک بھر میں کورونا وائرس سے مزید 54مریض چل بسے"
// is Pakistan's count, which a question asks by the country's name. (The
// archive's country is Pakistan's, as namesCountry reads it.)
func foldCountry(words, stems []string) ([]string, []string) {
	if !slices.ContainsFunc(countryPhrases, func(p []string) bool { return p[0] == "ملک" && hasSeq(words, p) }) || slices.Contains(words, "پاکستان") {
		return words, stems
	}
	return append(slices.Clone(words), "پاکستان"), append(slices.Clone(stems), text.Stem("پاکستان"))
}

// relevanceWords are a report's words and stems, casualty words already
// folded (foldCounts), as relevance reads them: a day's wordings as one
// (foldDay), a day's count stated by "مزید 63 افراد" as one that says the
// day (foldDailyCount, which reads the report's tokens, toks), and "in the
// country" as its name (foldCountry).
func relevanceWords(words, stems, toks []string) ([]string, []string) {
	words, stems = foldDay(words, stems)
	return foldCountry(foldDailyCount(words, stems, toks))
}

// relevanceTokens are a question's (or a rendering's) tokens as relevance
// reads them: casualty words by meaning (foldedText) and a day's count in
// any wording (foldDay), as the passages' words are read.
func relevanceTokens(s string) []string {
	ft, _ := foldDay(text.Tokens(foldedText(s)), nil)
	return ft
}

// renderedWords is an offline-rendered question's words as relevance reads
// them: one query over every rendering's words, met once per passage, and
// each word's renderings as the indices of their words in it.
type renderedWords struct {
	rq    *RankQuery
	words []renderedWord
}

// renderedWord is one word of the question: each rendering as its words'
// indices in renderedWords.rq, and the word's weight.
type renderedWord struct {
	renderings [][]int
	weight     float64
}

// strayRendering reports a rendering of one word that is a letter's name
// or a function word alone: the lexicon's alignment noise for a whole
// English word ("regulatory" as اے, "chief" as آف, "lpg" as ایل), which
// any report holds ("این اے 249"). A spelled acronym, several letters'
// names, is no stray ("ایل پی جی").
func strayRendering(r WeightedTerm) bool {
	toks := text.Tokens(r.Term)
	if len(toks) != 1 {
		return false
	}
	_, letter := text.LetterOf(toks[0])
	return letter || text.IsStopword(toks[0])
}

// newRenderedWords reads words' renderings, folded as the passages are
// (relevanceTokens), but for the stray ones (strayRendering); each word
// weighs its likeliest rendering's rarest word's IDF. Verbs, which the
// answer need not repeat, and words the collection never uses (no weight to
// tell passages apart) are left out. Nil for none.
func newRenderedWords(words []CrossWord, w TermWeigher) *renderedWords {
	// Every rendering's words and their stems, which the weights below and
	// the RankQuery read, looked up at once.
	var lookup []string
	for _, cw := range words {
		for _, r := range cw.Renderings {
			for _, t := range relevanceTokens(r.Term) {
				lookup = append(lookup, t, text.Stem(t))
			}
			for _, t := range text.Tokens(r.Term) {
				lookup = append(lookup, t, text.Stem(t))
			}
		}
	}
	prefetch(w, lookup)
	var kept []renderedWord
	var rendered [][][]string // by kept word and rendering: its folded tokens
	var all []string
	for _, cw := range words {
		cw.Renderings = slices.DeleteFunc(slices.Clone(cw.Renderings), strayRendering)
		if cw.Verb || len(cw.Renderings) == 0 {
			continue
		}
		weight := 0.0
		for _, t := range text.Tokens(cw.Likeliest().Term) {
			weight = max(weight, familyIDF(w, t))
		}
		if weight == 0 {
			continue
		}
		kept = append(kept, renderedWord{weight: weight})
		var toks [][]string
		for _, r := range cw.Renderings {
			ft := relevanceTokens(r.Term)
			toks = append(toks, ft)
			all = append(all, ft...)
		}
		rendered = append(rendered, toks)
	}
	if len(kept) == 0 {
		return nil
	}
	rw := &renderedWords{rq: NewRankQuery(strings.Join(all, " "), w, nil)}
	rw.rq.weighAsFamily(w)
	for k, renderings := range rendered {
		for _, ft := range renderings {
			var at []int
			for _, tok := range ft {
				if i := slices.Index(rw.rq.terms, tok); i >= 0 && !slices.Contains(at, i) {
					at = append(at, i)
				}
			}
			if len(at) > 0 {
				kept[k].renderings = append(kept[k].renderings, at)
			}
		}
	}
	rw.words = kept
	return rw
}

// coverage is the share of the rendered words' weight that a passage's
// words (and their stems) meet, each word by the rendering that meets most
// of it (by its words' IDF): "cases" is met by کیسز as by معاملات.
func (rw *renderedWords) coverage(toks, stems []string) float64 {
	met := rw.rq.looseMet(toks, stems)
	found, total := 0.0, 0.0
	for _, w := range rw.words {
		best := 0.0
		for _, at := range w.renderings {
			have, all := 0.0, 0.0
			for _, i := range at {
				all += rw.rq.idf[i]
				if met[i] {
					have += rw.rq.idf[i]
				}
			}
			if all > 0 {
				best = max(best, have/all)
			}
		}
		found += best * w.weight
		total += w.weight
	}
	if total == 0 {
		return 0
	}
	return found / total
}

// chunkTieBreak weighs a chunk's own coverage of the question in its
// relevance: enough to order two chunks of one report, too little to move
// anything else.
const chunkTieBreak = 1e-3
