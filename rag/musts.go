package rag

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/jawab/jawab/text"
	"github.com/jawab/jawab/when"
)

// What the newest report of a "latest" question must hold, each a rule that
// newestFirst applies in turn when some passage in the running meets it:
// the name a question in another language writes, the figure, price, rate or
// standing it asks for, the kind of count.

// NameRenderingShare is how near the likeliest of a name's renderings
// another must be to stand for it in holdsNameAsked: "Leone" is لیون (.94)
// to the collection, and لینے (.83, "to take") only by sound.
const NameRenderingShare = 0.9

// MinNameIDF is the least weight of a name holdsNameAsked requires: held by
// at most about one report in twenty. A name most reports hold ("Pakistan"
// in Pakistani news) does not say which story is asked about.
const MinNameIDF = 3.0

// holdsNameAsked is, for a question asked in another language, whether a
// passage holds the collection's spelling of a name the question writes (a
// capitalised word that is no ordinary English word, rendered by sound:
// "Leone" of "Which film has Sunny Leone most recently started shooting?"
// as لیون), as a word or glued to the next or the one before ("بابراعظم"
// for Babar); nil when it writes none that few reports hold. The newest
// report of a latest question is the named one's: rendered, the rest of
// such a question is common words ("film", "started", "shooting" as
// گولی), which a newer report of a shooting in Peshawar holds as well. The
// place a question asks about is holdsSubject's.
func holdsNameAsked(w TermWeigher, searches []Query) func(*Passage) bool {
	var spellings [][]string // each a rendering's tokens
	for _, q := range searches {
		for _, name := range nameSpellings(q.Words) {
			for _, sp := range name {
				if slices.ContainsFunc(sp, func(t string) bool { return w.IDF(t) >= MinNameIDF }) {
					spellings = append(spellings, sp)
				}
			}
		}
	}
	if len(spellings) == 0 {
		return nil
	}
	return func(p *Passage) bool {
		toks := reportTokens(p)
		return slices.ContainsFunc(spellings, func(sp []string) bool { return holdsSpelling(toks, sp) })
	}
}

// holdsRequiredRendered is, for a question rendered offline whose answer
// must state an attribute of its subject (a Required word that is no verb and
// not what "how many" counts: the death toll, the rate asked), whether a
// passage has a sentence that holds each such word as the gate reads one
// (crossCoverageWith: a likely rendering, or another word for the same dead);
// nil when the question has no such word. A newer report that lacks it tells
// of something else: "What is Pakistan's total COVID-19 death toll now?" is
// not answered by the next day's count of Balochistan's cases. What is
// counted is not read here: a report counts it in its own words ("298 دیگر
// متاثر" for new cases), which countsAsked reads. A report in another
// language than the collection's, which the question is rendered into,
// counts as holding it: the rendering cannot read it.
func (a *Answerer) holdsRequiredRendered(w TermWeigher, searches []Query) func(*Passage) bool {
	attribute := func(cw CrossWord) bool { return cw.Required && !cw.Verb && !cw.Counted }
	var cq CrossQuery
	for _, q := range searches {
		if slices.ContainsFunc(q.Words, attribute) {
			cq = CrossQuery{Words: slices.Clone(q.Words), Terms: q.Terms}
			for i := range cq.Words {
				cq.Words[i].Required = attribute(cq.Words[i])
			}
			break
		}
	}
	if len(cq.Words) == 0 {
		return nil
	}
	holds := map[string]bool{}
	var score func([]candidate) (float64, int) // prepared once, on the first passage: some 40–80 are read
	return func(p *Passage) bool {
		if v, ok := holds[p.ChunkID]; ok {
			return v
		}
		if p.language() != a.CorpusLang {
			// A report in the question's own language (a mixed
			// collection's English one) is not read by the rendering.
			return true
		}
		var cands []candidate
		bytesAt := text.ByteCursor(p.Text)
		for _, sp := range text.Sentences(p.Text) {
			cands = append(cands, candidate{p: p, span: sp, sentence: p.Text[bytesAt(sp.Start):bytesAt(sp.End)]})
		}
		if score == nil {
			score = crossScorer(w, cq, 0)
		}
		cov, _ := score(cands)
		holds[p.ChunkID] = cov > 0
		return cov > 0
	}
}

// nameSpellings are, for each name a rendered question writes (a
// capitalised word that is no ordinary English word and no place), its
// likeliest renderings (NameRenderingShare) as tokens.
func nameSpellings(words []CrossWord) [][][]string {
	var out [][][]string
	for _, cw := range words {
		if !cw.Name || cw.Ordinary || cw.Place || len(cw.Renderings) == 0 {
			continue
		}
		best := 0.0
		for _, r := range cw.Renderings {
			best = max(best, r.Weight)
		}
		var name [][]string
		for _, r := range cw.Renderings {
			if toks := text.Tokens(r.Term); r.Weight >= NameRenderingShare*best && len(toks) > 0 {
				name = append(name, toks)
			}
		}
		if len(name) > 0 {
			out = append(out, name)
		}
	}
	return out
}

// holdsSpelling reports whether toks hold every token of a spelling, each
// as a word, glued to the next or the one before (gluedHolds), or as the
// country a demonym names (sameNisba: "Pakistani" rendered پاکستانی, held as
// the report's "پاکستان روپے").
func holdsSpelling(toks, spelling []string) bool {
	return !slices.ContainsFunc(spelling, func(s string) bool {
		return !slices.ContainsFunc(toks, func(t string) bool { return t == s || gluedHolds(t, s) || sameNisba(t, s) })
	})
}

// sameNisba reports a demonym and the place it is of: Urdu makes one by a
// final ی on the place's name (پاکستان, پاکستانی), which replaces a final ہ
// or ا (امریکہ, امریکا, امریکی).
func sameNisba(t, s string) bool {
	base, ok := strings.CutSuffix(s, "ی")
	if !ok || utf8.RuneCountInString(base) < 3 {
		return false
	}
	return t == base || t == base+"ہ" || t == base+"ا"
}

// withoutLatest is queries without the words of tq's latest phrases
// ("تازہ ترین", "اب تک"), each Urdu one folded as the gate's re-judgement
// reads it (foldedText); nil when no query holds them.
func withoutLatest(queries []string, tq when.Time) []string {
	out := slices.Clone(queries)
	changed := false
	for i, q := range queries {
		if text.DetectLang(q) != "ur" {
			continue
		}
		if s := when.Without(q, tq.LatestPhrases...); s != q {
			out[i], changed = foldedText(s), true
		}
	}
	if !changed {
		return nil
	}
	return out
}

// newestQuotedFirst puts first, for a latest question, the best sentence of
// the first passage (the newest relevant report, as newestFirst ordered
// them; its first sentence in by) when it holds at least RecencyShare of the
// best sentence's share of the question: an older report that words the
// question more closely ("…
// یومیہ کیسوں کی تعداد میں کمی", of 1 March) must not be quoted before the
// newest figure. The shares are read in by, the candidates as the question
// without its latest words chose them (withoutLatest; cands itself when
// the same), by share (looseShare: as newestFirst compared the reports,
// "کرونا" and "دنیابھر" meeting "کورونا" and "دنیا بھر"): the sentence is
// then moved in cands, whose order the rest of the extract keeps.
func newestQuotedFirst(cands, by []candidate, share func(candidate) float64) []candidate {
	best := slices.IndexFunc(by, func(c candidate) bool { return c.p.N == 1 })
	if best < 0 {
		return cands
	}
	top := 0.0
	for _, c := range by {
		top = max(top, share(c))
	}
	if share(by[best]) < RecencyShare*top {
		return cands
	}
	j := slices.IndexFunc(cands, func(c candidate) bool { return c.p == by[best].p && c.span == by[best].span })
	if j < 0 {
		return cands
	}
	return toFront(cands, j)
}

// renderedShare is, for a question rendered offline (cross: an English or
// Roman-Urdu one), a candidate sentence's share of the rendering's words by
// every rendering of each (renderedWords.coverage, as the relevance that
// ordered the reports reads it), without the words that ask for the newest
// (phrases); nil when the question has no rendered words. The rendering's
// text holds only each word's likeliest rendering: "Vawda" as وودا, which no
// report writes, while they write واوڈا, so that the newest report's
// sentence held less of the question than an older one and was not quoted
// first.
func renderedShare(w TermWeigher, cross CrossQuery, phrases []string) func(candidate) float64 {
	for _, ph := range phrases {
		cross = cross.Without(ph)
	}
	rw := newRenderedWords(cross.Words, w)
	if rw == nil {
		return nil
	}
	shares := map[string]float64{}
	return func(c candidate) float64 {
		if v, ok := shares[c.sentence]; ok {
			return v
		}
		v := rw.coverage(c.words, c.stems)
		shares[c.sentence] = v
		return v
	}
}

// looseShare is a candidate sentence's share of the best of queries as
// looseCoverage reads it (words one letter apart, or typed glued to the
// next), with both sides' words read as relevance reads them (casualty words
// and a day's wordings by meaning, a day's count by "مزید", "in the country"
// as its name): the quote that goes first is the newest report's when
// relevance put that report in the running. Remembered by sentence.
func looseShare(w TermWeigher, queries []string) func(candidate) float64 {
	var rqs []*RankQuery
	for _, q := range queries {
		rqs = append(rqs, NewRankQuery(strings.Join(relevanceTokens(q), " "), w, nil))
	}
	shares := map[string]float64{}
	return func(c candidate) float64 {
		if v, ok := shares[c.sentence]; ok {
			return v
		}
		ws, ss := relevanceWords(c.words, c.stems, text.Tokens(c.sentence))
		v := 0.0
		for _, rq := range rqs {
			v = max(v, rq.looseCoverage(ws, ss))
		}
		shares[c.sentence] = v
		return v
	}
}

// statesFigure is, for a question that asks how many or how much, or what
// level, price or rate (asksValue: "ڈالر اب کس سطح پر آ گیا ہے؟"), whether a
// passage (its title or text) states a figure: a number in digits other than
// a year or one the question names ("110.80 روپے", "2196نئے کیسوں"), or one
// in words that counts something ("دو کشمیری نوجوان شہید"); nil for other
// questions.
func statesFigure(searches []Query) func(*Passage) bool {
	own := ownTexts(searches)
	if !asksValue(own) {
		return nil
	}
	named, stems := map[string]bool{}, map[string]bool{}
	for _, q := range own {
		for _, t := range text.Tokens(q) {
			named[t] = true
			if !text.IsStopword(t) {
				stems[text.Stem(t)] = true
			}
		}
	}
	return func(p *Passage) bool {
		toks := reportTokens(p)
		for i, t := range toks {
			if isNumberToken(t) && !named[t] && !isYear(t) {
				return true
			}
			if ordinalWords[t] && !otherSenses[t] && i+1 < len(toks) && stems[text.Stem(toks[i+1])] {
				// An ordinal states how many so far of what it stands
				// before: "چوتھی کھیپ" for "کتنی کھیپیں", not "تیسری لہر".
				return true
			}
		}
		nums, _ := figuresIn(toks)
		return len(nums) > 0
	}
}

// countsAsked is, for a question that asks how many of a casualty meaning
// (askedFigure: the dead, the injured…), whether a passage (title or text)
// words that meaning in any of its ways: the newest report of the day's
// Covid deaths, not the newest Covid story with a number (a vaccination
// centre's "60 سال", "3 بچوں میں کورونا کی تصدیق"), and that holds one of
// the question's other words, not its latest ones (latest: "اب تک" holds
// اب, which half the day's reports do). For a question about cases, whether
// the passage is other than a report of the dead alone. Nil for other
// questions.
func countsAsked(searches []Query, latest ...string) func(*Passage) bool {
	asked := askedFigure(ownTexts(searches))
	if asked == "cases" {
		// A day's cases are as often "220 افراد میں وائرس کی تصدیق", with no
		// word for a case; but a report that counts the dead and no one
		// else ("ایک اورمریض جاں بحق ،تعداد201ہوگئی") is the death toll,
		// however new.
		return func(p *Passage) bool {
			counts := countsIn(reportTokens(p))
			return !counts["dead"] || counts["cases"] || counts["affected"]
		}
	}
	if asked == "" || asked == "figure" || asked == "affected" {
		// ("متاثر", affected, is also what a report of the dead calls
		// them, "متاثرہ مریض انتقال کر گئے", and is glued to its number
		// as often: "267 دیگرمتاثر"; and a day's cases are as often "220
		// افراد میں وائرس کی تصدیق", with no word for a case.)
		return nil
	}
	// The question's other words (not the count's, the country's or the
	// asking ones): a report of the dead must also be about what the
	// question is about. A road accident's "ایک خاتون جاں بحق" is the
	// newest death, not the newest Covid death count.
	var words []string
	for _, q := range ownTexts(searches) {
		toks, _ := foldCounts(text.ContentTokens(when.Without(q, latest...)), nil)
		for _, t := range toks {
			// (Nor "افراد", "لوگ": every report of the dead counts people.)
			if !isCountWord(t) && !PersonsWord(t) && !country[t] && !asking[t] && !isNumberToken(t) {
				words = append(words, t)
			}
		}
	}
	// One query of them all: holds stems each report word once.
	about := NewRankQuery(strings.Join(words, " "), nil, nil)
	return func(p *Passage) bool {
		toks := reportTokens(p)
		if !countsIn(toks)[asked] {
			return false
		}
		return len(about.terms) == 0 || slices.ContainsFunc(toks, about.holds)
	}
}

// statesAskedCount is, for a question that asks how many of a casualty
// meaning or cases (askedFigure), whether a passage's own text states a
// number of that meaning ("3 ہزار 876 مثبت کیسز"): of one day's reports,
// those come first, before one that says the day's cases were the most in
// eight months but not how many; and of one article's chunks, the one that
// states it, not another under the headline that does ("25 نمازی شہید" is
// in the lead, not in the paragraph on the rescue). A headline-only item's
// text is its headline. Nil for other questions.
func statesAskedCount(searches []Query) func(*Passage) bool {
	asked := askedFigure(ownTexts(searches))
	if asked == "" || asked == "figure" {
		return nil
	}
	return func(p *Passage) bool {
		_, by := figuresIn(textTokens(p))
		return len(by[asked]) > 0
	}
}

// ownTexts are the texts of the searches in the collection's language (the
// question, or its translation).
func ownTexts(searches []Query) []string {
	var own []string
	for _, q := range searches {
		if !q.OtherLanguage {
			own = append(own, q.Text)
		}
	}
	return own
}

// isYear reports a token of four digits that is a year (yearLike).
func isYear(t string) bool {
	n, err := strconv.Atoi(t)
	return err == nil && len(t) == 4 && yearLike(float64(n))
}

// yearLike is a number news uses as a year rather than a figure.
func yearLike(v float64) bool { return v >= 1900 && v <= 2100 }
