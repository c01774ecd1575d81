package rag

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/jawab/jawab/prompts"
	"github.com/jawab/jawab/text"
)

// The extractive generator is the offline default: it answers with the sentences
// of the retrieved passages that share the most content words with the question,
// each quoted verbatim and cited, and refuses when no sentence covers enough of
// the question.

const (
	maxExtractSentences = 3
	// maxOtherReports is how many other reports of a story's figure are
	// quoted beside the extract (otherReport).
	maxOtherReports = 2
	maxPerPassage   = 2
)

type candidate struct {
	p        *Passage
	span     text.Span // rune offsets into p.Text
	sentence string
	coverage float64
	score    float64    // coverage, with the passage's rank and the sentence's length breaking near-ties
	fit      float64    // the sentence model's score (0 without one)
	query    *RankQuery // the query the sentence covers best (its focus is by its words: focusQuoted)
	x        []float64  // the sentence model's features (nil without one)
	// words and stems are the quoted sentence's (the sentence before it
	// too when it leans on it), casualty words folded: how the latest rules
	// read it again (looseShare) without analysing it anew. The first
	// leaning of them are the sentence before's.
	words, stems []string
	leaning      int
}

// own are the words and stems of c's sentence alone, without the one before
// it that it leans on.
func (c candidate) own() ([]string, []string) {
	return c.words[c.leaning:], c.stems[c.leaning:]
}

// candidates scores every sentence of the passages that shares a word with one
// of the queries, best first. It serves both the answerability gate (the best
// coverage) and the extract (the sentences to quote), which must agree.
// Casualty words are read by meaning on both sides (foldCounts): "کتنے لوگ جاں
// بحق ہوئے" is answered by "12 افراد ہلاک ہو گئے".
//
// With learned set, the sentence model (if any) picks the sentence quoted
// first: set for a question asked in Urdu, the language it learned from (a
// rendered English or Roman-Urdu question is a bag of the lexicon's guesses,
// unlike its training questions).
func (a *Answerer) candidates(w TermWeigher, passages []Passage, queries []string, learned bool) []candidate {
	var sm *SentenceModel
	if learned {
		sm = a.sentenceModel()
	}
	// The word associations and the best passage's score are the sentence
	// model's inputs only.
	var assoc Associations
	top := 0.0
	if sm != nil {
		assoc = a.Model
		for _, p := range passages {
			top = max(top, p.Score)
		}
	}
	var qs []*RankQuery
	rates := make([]currencyRate, len(queries)) // the currency rate each asks, if any (relevance reads it so too)
	for i, q := range queries {
		qs = append(qs, NewRankQuery(foldedText(q), w, assoc))
		if text.DetectLang(q) == "ur" {
			rates[i] = currencyRateAsked(relevanceTokens(q), nil)
		}
	}
	var cands []candidate
	for i := range passages {
		p := &passages[i]
		bytesAt := text.ByteCursor(p.Text)
		sentences := text.Sentences(p.Text)
		// The index's analysis has the sentences' words and stems already; it
		// splits the passage as text.Sentences does, which the count confirms.
		an := analysis(a.Retriever.Index, p)
		if len(an.SentEnds) != len(sentences) {
			an = Analyze(p.Text)
		}
		// Each sentence's words (casualty words folded), its coverage and the
		// query that gives it, first: the sentence model reads its neighbours'.
		words, stems := make([][]string, len(sentences)), make([][]string, len(sentences))
		covs, best := make([]float64, len(sentences)), make([]int, len(sentences))
		start := int32(0)
		for j := range sentences {
			end := an.SentEnds[j]
			words[j], stems[j] = foldCounts(an.Words[start:end], an.Stems[start:end])
			start = end
			// A dateline's date is when the story was filed, not what it
			// says: it does not meet the question's date.
			cw, cs := withoutDateline(words[j], stems[j], datelineTokens(p.Text[bytesAt(sentences[j].Start):bytesAt(sentences[j].End)]))
			for qi, q := range qs {
				ws, ss := cw, cs
				if rates[qi].words != nil {
					// "ڈالر … 153روپے" states the dollar's "ریٹ"; "کرپشن کا
					// ریٹ" does not.
					ws, ss = rates[qi].meet(ws, ss, ws)
				}
				if c := q.coverage(ws, ss); c > covs[j] {
					covs[j], best[j] = c, qi
				}
			}
		}
		restated := restatedSentences(stems)
		for j, sp := range sentences {
			cov := covs[j]
			if cov == 0 || restated[j] {
				continue
			}
			s := p.Text[bytesAt(sp.Start):bytesAt(sp.End)]
			leans := j > 0 && leansOnPrevious(s)
			// Better ranked passages win near-ties (0.15 rather than 0.05 raised
			// fact recall .673 → .678 and citation precision .350 → .355 on the
			// UQA tuning part); very long sentences are slightly penalised
			// because they bury the answer.
			score := cov + 0.15/float64(p.N) - 0.0001*float64(sp.End-sp.Start)
			var x []float64
			fit := 0.0
			if sm != nil {
				sc := sentenceContext{rank: p.N, first: j == 0, leans: leans}
				if top > 0 {
					sc.passageScore = p.Score / top
				}
				if j > 0 {
					sc.neighbour = covs[j-1]
				}
				if j+1 < len(covs) {
					sc.neighbour = max(sc.neighbour, covs[j+1])
				}
				x = qs[best[j]].sentenceFeatures(words[j], stems[j], cov, sc)
				fit = sm.Score(x)
			}
			ws, ss, leaning := words[j], stems[j], 0
			if leans {
				// "اسی سال روس نے…" names its year in the sentence before: quote both.
				sp.Start = sentences[j-1].Start
				s = p.Text[bytesAt(sp.Start):bytesAt(sp.End)]
				ws = append(slices.Clip(words[j-1]), ws...)
				ss = append(slices.Clip(stems[j-1]), ss...)
				leaning = len(words[j-1])
			}
			cands = append(cands, candidate{p: p, span: sp, sentence: s, coverage: cov, score: score, fit: fit, x: x, query: qs[best[j]], words: ws, stems: ss, leaning: leaning})
		}
	}
	slices.SortStableFunc(cands, func(x, y candidate) int { return cmp.Compare(y.score, x.score) })
	if sm != nil && len(cands) > 1 {
		// The model picks the sentence quoted first, the one most likely to
		// hold the answer; the others follow by coverage, which spreads them
		// over the passages (a dated list of reports needs each report's).
		best := 0
		for i, c := range cands {
			if c.fit > cands[best].fit {
				best = i
			}
		}
		toFront(cands, best)
	}
	return cands
}

// toFront moves cands[i] to the front, the others keeping their order, in
// place, and returns cands: the extract quotes the first candidate first.
func toFront(cands []candidate, i int) []candidate {
	if i > 0 {
		c := cands[i]
		copy(cands[1:i+1], cands[:i])
		cands[0] = c
	}
	return cands
}

// restatedSentences marks the sentences (given by their stems) whose every
// word another sentence of the passage holds with more: a headline that the
// lead repeats in full ("سوات اور چترال میں سیلاب، 42 افراد جاں بحق" before
// "… سیلاب سے اب تک 42 افراد جاں بحق اور 90 زخمی ہو گئے ہیں"). Quoted, it
// takes the place of a report that says something more.
func restatedSentences(stems [][]string) []bool {
	sets := make([]map[string]bool, len(stems))
	for j, st := range stems {
		sets[j] = make(map[string]bool, len(st))
		for _, s := range st {
			sets[j][s] = true
		}
	}
	out := make([]bool, len(stems))
	for j, sj := range sets {
		for k, sk := range sets {
			if k != j && len(sk) > len(sj) && len(sj) > 0 && allIn(stems[j], sk) {
				out[j] = true
				break
			}
		}
	}
	return out
}

// sentenceModel is the model's sentence scorer, nil when there is none (the
// extract then orders sentences by coverage).
func (a *Answerer) sentenceModel() *SentenceModel {
	if a.Model == nil || a.Model.Sentence == nil || a.SentenceOff {
		return nil
	}
	return a.Model.Sentence
}

// SentenceRows gives the candidate sentences the extract chooses from for
// question q, each with its SentenceFeatureNames row: the sentence model's
// training examples (cmd/jawab-train).
func (a *Answerer) SentenceRows(w TermWeigher, passages []Passage, q string) ([]string, [][]float64) {
	// A model whose sentence scorer weighs nothing: every row is computed,
	// and the order is left as it was.
	m := Model{}
	if a.Model != nil {
		m = *a.Model
	}
	m.Sentence = &SentenceModel{Features: SentenceFeatureNames, Weights: make([]float64, len(SentenceFeatureNames))}
	b := *a
	b.Model, b.SentenceOff = &m, false
	var sentences []string
	var x [][]float64
	for _, c := range b.candidates(w, passages, []string{q}, true) {
		sentences, x = append(sentences, c.sentence), append(x, c.x)
	}
	return sentences, x
}

// maxCoverage is the best share of a query's content words found in one
// sentence: the answerability signal.
func maxCoverage(cands []candidate) float64 {
	best := 0.0
	for _, c := range cands {
		best = max(best, c.coverage)
	}
	return best
}

// extract writes the answer from candidates of ans.Passages, and returns
// the ones it quoted; asked is what the question counts, if anything
// (countedIn: then another report's figure is looked for, otherReport), and
// number the tokens of a question that asks when or how many (asksNumber;
// nil for another: answerFollows); compare says the question asks how the
// reports compare (differencesQuoted).
func (a *Answerer) extract(ans *Answer, cands []candidate, names []Name, asked counted, number []string, compare bool) []candidate {
	if len(cands) == 0 {
		ans.Refused = true
		ans.Answer = Refusal(ans.Lang)
		return nil
	}
	minCov := 0.0
	if a.Model == nil {
		minCov = a.minCoverage()
	}
	var picked []candidate
	perPassage := map[int]int{}
	for _, c := range cands {
		if len(picked) == maxExtractSentences {
			break
		}
		// Further sentences must nearly match the best one: an extract padded with
		// loosely related sentences reads as an answer it is not. The first is
		// quoted whatever its share: the gate passed these candidates, and a
		// sentence put first by what it states (countQuotedFirst) may leave
		// the question's other words to its headline.
		if len(picked) > 0 && c.coverage < max(minCov, 0.7*cands[0].coverage) || perPassage[c.p.N] == maxPerPassage || duplicateOf(c, picked) {
			continue
		}
		if slices.ContainsFunc(picked, func(p candidate) bool { return p.p.DocID == c.p.DocID && restatesFigures(c.sentence, p.sentence) }) {
			// A headline and its lead state one count twice; the slot is
			// another report's.
			continue
		}
		perPassage[c.p.N]++
		picked = append(picked, firstHolder(c, cands))
	}
	picked = answerFollows(cands, picked, number)
	// An agency's figure, one paper's and another's may all differ (100
	// injured, then 150 and 120): each value is shown, up to
	// maxOtherReports reports beside the first.
	for others := 0; others < maxOtherReports && !a.TimeOff["reports"]; others++ {
		other, ok := otherReport(cands, picked, asked)
		if !ok {
			break
		}
		picked = append(picked, other)
	}
	if !a.TimeOff["reports"] && a.Retriever != nil {
		picked = differencesQuoted(a.Retriever.Index, ans.Passages, cands, picked, compare)
	}
	if !a.FocusOff && a.Retriever != nil {
		picked = focusQuoted(a.Retriever.Index, ans.Passages, cands, picked)
	}
	// The label says why the answer is quoted: no LLM, or an LLM that failed
	// (a fallback).
	why := map[string]string{"en": "No LLM is configured", "ur": "کوئی LLM ترتیب نہیں دیا گیا"}
	if a.Generator != nil {
		why = map[string]string{"en": "The LLM gave no usable answer", "ur": "LLM سے قابلِ استعمال جواب نہیں ملا"}
	}
	var b strings.Builder
	quoting := ans.Lang == "en" && text.DetectLang(picked[0].sentence) == "ur"
	switch {
	case quoting:
		writeEnglishFrame(&b, picked, names, why["en"])
	case ans.Lang == "ur":
		b.WriteString("(" + why["ur"] + "، اس لیے ذرائع کے متعلقہ ترین جملے من و عن پیش ہیں:)\n")
	default:
		b.WriteString(why["en"] + ", so here are the most relevant sentences from the sources:\n")
	}
	for i, c := range picked {
		if !quoting {
			if i > 0 {
				b.WriteString(" ")
			}
			fmt.Fprintf(&b, "%s [%d]", prompts.Unmarked(c.sentence), c.p.N)
		}
		ans.Citations = append(ans.Citations, Citation{
			N: c.p.N, DocID: c.p.DocID, Title: c.p.Title, URL: c.p.URL, ChunkID: c.p.ChunkID,
			Quote: c.sentence, Start: c.p.Start + c.span.Start, End: c.p.Start + c.span.End,
			// An extract is its own evidence: the quote is the passage's text.
			Supported: true, Lang: text.DetectLang(c.sentence),
		})
	}
	ans.Answer = b.String()
	return picked
}

// answerFollows adds, for a question that asks when or how many (number:
// its tokens, asksNumber; nil for another question), the sentence right
// after the first quoted one in its passage when the first states no
// number the question does not and the next one does: a
// report names a fact, then gives its date or figure in the sentence after,
// which points back to it and so shares fewer of the question's words
// ("… یہ منصوبہ سنگ میل ثابت ہوگا۔ واضح رہے کہ 13 مئی کو … اس منصوبے کے
// قیام کے معاہدے پر دستخط ہو چکے ہیں۔"). It takes the second place,
// within maxExtractSentences.
func answerFollows(cands, picked []candidate, number []string) []candidate {
	if number == nil || len(picked) == 0 {
		return picked
	}
	first := picked[0]
	if hasNumber(text.Tokens(first.sentence), number) {
		return picked
	}
	var next *candidate
	for i, c := range cands {
		if c.p == first.p && c.span.Start >= first.span.End && (next == nil || c.span.Start < next.span.Start) {
			next = &cands[i]
		}
	}
	if next == nil || strings.TrimSpace(text.Substring(first.p.Text, first.span.End, next.span.Start)) != "" ||
		!hasNumber(text.Tokens(next.sentence), number) || duplicateOf(*next, picked) {
		return picked // not the very next sentence (cands hold only those that share a word), or no number in it
	}
	out := append([]candidate{first, *next}, picked[1:]...)
	if len(out) > maxExtractSentences {
		out = out[:maxExtractSentences]
	}
	return out
}

// firstHolder is c as quoted from the first passage that holds its sentence
// (two overlapping chunks of one article, or two copies of one report): the
// citation does not turn on which copy scored a hair higher, which the
// passages' near-equal scores decide.
func firstHolder(c candidate, cands []candidate) candidate {
	for _, d := range cands {
		if d.p.N < c.p.N && duplicateOf(c, []candidate{d}) {
			c = d
		}
	}
	return c
}

// duplicateOf reports a sentence already picked from an overlapping chunk.
func duplicateOf(c candidate, picked []candidate) bool {
	for _, p := range picked {
		if p.p.DocID == c.p.DocID && p.p.Start+p.span.Start == c.p.Start+c.span.Start {
			return true
		}
		if p.sentence == c.sentence {
			return true
		}
	}
	return false
}

// restatesFigures reports a sentence that counts the dead, the injured or
// the arrested (figures) with counts, and states figures, all of which
// another sentence of its report states too: a headline and its lead
// ("آذربائیجان کے مزید 4فوجی ہلاک", "… آذربائیجان کے مزید 4فوجی ہلاک ہو
// گئے۔") tell one count twice, and a second quote of it takes the place of
// another report's figure (the 12 dead a later chunk gives). Only counts:
// "I-94" named in two sentences is no figure told twice.
func restatesFigures(s, of string) bool {
	vs, counted := figures(s)
	if len(counted) == 0 {
		return false
	}
	others, othersCounted := figures(of)
	for what, n := range counted {
		if !slices.ContainsFunc(n, func(v float64) bool { return slices.Contains(othersCounted[what], v) }) {
			return false
		}
	}
	return !slices.ContainsFunc(vs, func(v float64) bool { return !slices.Contains(others, v) })
}

// unseenWeight is the weight of a question word that no passage of the
// collection contains. It cannot be matched, and it is either a paraphrase
// ("خوراکیں" for "ڈوز") or the very thing the articles do not cover
// ("کلومیٹر"), which no word count can tell apart; chosen on the public eval set
// (see README).
const unseenWeight = 2.0

// anaphora open sentences whose subject or time is in the sentence before.
var anaphora = map[string]bool{
	"اسی": true, "اس": true, "ان": true, "انہوں": true, "یہ": true, "وہ": true, "جس": true, "جن": true,
	"this": true, "that": true, "these": true, "those": true, "it": true, "he": true, "she": true, "they": true,
}

// leansOnPrevious reports a sentence that starts by pointing back ("اسی سال",
// "This year", "He said"): quoted alone it would not say what it refers to.
func leansOnPrevious(sentence string) bool {
	// Only the first word counts: tokenising a prefix that ends at a space
	// gives the same first word (a token never spans a space) at a fraction of
	// the cost, which every candidate sentence of every answer pays.
	head := sentence
	if len(head) > 32 {
		if i := strings.IndexByte(head[32:], ' '); i >= 0 {
			head = head[:32+i]
		}
	}
	toks := text.Tokens(head)
	if len(toks) == 0 && len(head) < len(sentence) {
		toks = text.Tokens(sentence)
	}
	return len(toks) > 0 && anaphora[toks[0]]
}
