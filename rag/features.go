package rag

import (
	"math"
	"math/bits"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/jawab/jawab/text"
)

// The learned ranker and the answerability gate judge a passage by the same
// features of how it meets the question: how much of the question's weight
// (IDF) it holds, in one sentence and in all, whether the question's word
// pairs recur, whether the answer's expected kind (a year for "کب", a number
// for "کتنے") is there, and BM25's own score.

// answerKind is what a question asks for, by its question words.
type answerKind int

const (
	kindOther  answerKind = iota
	kindTime              // کب, کس سال, when, what year
	kindNumber            // کتنا, کتنے, how many, how much
	kindPerson            // کون, who
	kindPlace             // کہاں, where
)

// kindCues maps question words (folded) to the kind of answer they ask for.
var kindCues = map[string]answerKind{
	"کب": kindTime, "سال": kindTime, "تاریخ": kindTime, "صدی": kindTime, "دہائی": kindTime, "دن": kindTime, "مہینے": kindTime, "when": kindTime, "year": kindTime, "date": kindTime, "day": kindTime, "month": kindTime,
	"کتنا": kindNumber, "کتنی": kindNumber, "کتنے": kindNumber, "تعداد": kindNumber, "فیصد": kindNumber, "many": kindNumber, "much": kindNumber,
	"کون": kindPerson, "who": kindPerson, "whom": kindPerson,
	"کہاں": kindPlace, "where": kindPlace,
}

// questionKind is the kind of answer the first of toks that is a kind cue
// asks for, kindOther when none is.
func questionKind(toks []string) answerKind {
	for _, t := range toks {
		if k, ok := kindCues[t]; ok {
			return k
		}
	}
	return kindOther
}

// Associations is a learned word association: for a question word, the
// passage words that answer it, each with a strength in (0, 1].
type Associations interface {
	Answers(q string) map[string]float64
}

// negations are the words that negate a question.
var negations = map[string]bool{"نہیں": true, "نہ": true, "مت": true, "بغیر": true, "not": true, "never": true, "no": true, "without": true, "didn": true, "doesn": true, "isn": true, "wasn": true}

// RankQuery is a question prepared for scoring many passages. It memoises
// what it has matched, so one RankQuery serves one goroutine.
type RankQuery struct {
	assoc  []map[string]float64 // by term: associated passage words
	terms  []string             // distinct content tokens
	words  []string             // distinct tokens, stopwords too (for Cues)
	idf    []float64            // their weights
	total  float64              // the sum of idf
	unseen float64              // the weight of the terms no passage of the collection contains
	pairs  [][2]int             // indexes into terms of adjacent content words
	// phrases are the question's words with the token right after them
	// when that is a stopword or a content word: what phraseFound looks for.
	phrases []phrase
	kind    answerKind
	// negated: the question holds a negation (نہیں, نہ, never, not)
	negated bool
	stems   []string          // the terms' stems (text.Stem)
	titles  map[string][]bool // inTitle's answers so far
	// heads are the terms' first letters, for those long enough for oneEdit
	// ("" for the others): most words fail that cheap test.
	heads []string
	// glued are, by term, the joins of it with the question word next to it
	// ("سائنو فارم" → سائنوفارم), after a letter that does not join: one
	// word as a report may type it, with no space between.
	glued [][]string
	// takesPostposition marks the terms a report may type glued to a
	// postposition unseen ("کوروناکے"): three letters or more, ending in a
	// letter that does not join. Computed once: meets runs for every word of
	// every candidate passage.
	takesPostposition []bool
	// met memoises, by passage word, which terms it meets (a bit per term,
	// questions of up to 64 terms): the twenty passages ranked for a
	// question share most of their words, and meets took a fifth of
	// Answerer.Ask's time in the load benchmark's CPU profile.
	met map[string]metWords
	// byAnswer memoises assoc by passage word: the terms it answers and how
	// strongly, so a sentence's association cover costs one lookup per word
	// rather than one per word and term.
	byAnswer map[string][]termStrength
}

// phrase is a question's content word (an index into terms) and the token
// right after it: a stopword (stop, its text.StopwordID) or another
// content word (next, an index into terms; -1 for a stopword).
type phrase struct {
	term, next int
	stop       uint8
}

type metWords struct {
	stem  string // the stem meets was asked with
	terms uint64 // bit i: the word meets term i
}

type termStrength struct {
	term     int
	strength float64
}

// metTerms returns the terms that passage word t (with its stem) meets, as
// a bit set; ok is false for a question of more than 64 terms, which the
// caller checks term by term.
func (rq *RankQuery) metTerms(t, stem string) (terms uint64, ok bool) {
	if len(rq.terms) > 64 {
		return 0, false
	}
	if m, ok := rq.met[t]; ok && m.stem == stem {
		return m.terms, true
	}
	for i := range rq.terms {
		if rq.meets(i, t, stem) {
			terms |= 1 << i
		}
	}
	if rq.met == nil {
		rq.met = map[string]metWords{}
	}
	rq.met[t] = metWords{stem: stem, terms: terms}
	return terms, true
}

// eachMet calls fn, in order, with each term that passage word t (with its
// stem) meets.
func (rq *RankQuery) eachMet(t, stem string, fn func(i int)) {
	if terms, ok := rq.metTerms(t, stem); ok {
		for ; terms != 0; terms &= terms - 1 {
			fn(bits.TrailingZeros64(terms))
		}
		return
	}
	for i := range rq.terms {
		if rq.meets(i, t, stem) {
			fn(i)
		}
	}
}

// assocBest sets best[i] to the strongest association of term i among words
// (0 for none).
func (rq *RankQuery) assocBest(words []string, best []float64) {
	if rq.byAnswer == nil {
		rq.byAnswer = map[string][]termStrength{}
	}
	clear(best)
	for _, t := range words {
		answered, ok := rq.byAnswer[t]
		if !ok {
			for i, as := range rq.assoc {
				if s, ok := as[t]; ok {
					answered = append(answered, termStrength{i, s})
				}
			}
			rq.byAnswer[t] = answered
		}
		for _, ts := range answered {
			best[ts.term] = max(best[ts.term], ts.strength)
		}
	}
}

// NewRankQuery prepares q for ranking, weighing its words by w (1 each when
// w is nil).
func NewRankQuery(q string, w TermWeigher, a Associations) *RankQuery {
	rq := &RankQuery{}
	toks := text.Tokens(q)
	at := map[string]int{}
	prev := -1
	rq.kind = questionKind(toks)
	for _, t := range toks {
		if negations[t] {
			rq.negated = true
		}
		if !slices.Contains(rq.words, t) {
			rq.words = append(rq.words, t)
		}
		if text.IsStopword(t) {
			continue
		}
		i, ok := at[t]
		if !ok {
			i = len(rq.terms)
			at[t] = i
			rq.terms = append(rq.terms, t)
			rq.stems = append(rq.stems, text.Stem(t))
			head := ""
			if utf8.RuneCountInString(t) >= 5 {
				_, n := utf8.DecodeRuneInString(t)
				head = t[:n]
			}
			rq.heads = append(rq.heads, head)
			wt := 1.0
			if w != nil {
				if wt = w.IDF(t); wt == 0 {
					wt = unseenWeight
					rq.unseen += wt
				}
			}
			rq.idf = append(rq.idf, wt)
			rq.total += wt
			var as map[string]float64
			if a != nil {
				as = a.Answers(t)
			}
			rq.assoc = append(rq.assoc, as)
		}
		if prev >= 0 && prev != i {
			rq.pairs = append(rq.pairs, [2]int{prev, i})
		}
		prev = i
	}
	for k, t := range toks[:max(len(toks)-1, 0)] {
		i, ok := at[t]
		if !ok {
			continue
		}
		ph := phrase{term: i, next: -1}
		if j, ok := at[toks[k+1]]; ok {
			ph.next = j
		} else if ph.stop = text.StopwordID(toks[k+1]); ph.stop == 0 {
			continue
		}
		if !slices.Contains(rq.phrases, ph) {
			rq.phrases = append(rq.phrases, ph)
		}
	}
	rq.glued = make([][]string, len(rq.terms))
	rq.takesPostposition = make([]bool, len(rq.terms))
	for i, t := range rq.terms {
		rq.takesPostposition[i] = endsNonJoining(t) && utf8.RuneCountInString(t) >= 3
	}
	for _, p := range rq.pairs {
		if a, b := rq.terms[p[0]], rq.terms[p[1]]; endsNonJoining(a) && !isNumberToken(a) && !isNumberToken(b) {
			rq.glued[p[0]] = append(rq.glued[p[0]], a+b)
			rq.glued[p[1]] = append(rq.glued[p[1]], a+b)
		}
	}
	return rq
}

// joins are the question's glued forms (glued), each once, in the order of
// its words.
func (rq *RankQuery) joins() []string {
	var out []string
	for _, g := range rq.glued {
		for _, j := range g {
			if !slices.Contains(out, j) {
				out = append(out, j)
			}
		}
	}
	return out
}

// endsNonJoining reports a word whose last letter does not join the next
// (nonJoining): a missing space after it does not show.
func endsNonJoining(w string) bool {
	r, _ := utf8.DecodeLastRuneInString(w)
	return nonJoining[r]
}

// Indexes of FeatureNames.
const (
	fBM25 = iota
	fCoverPassage
	fCoverBest
	fCoverSecond
	fCoverWindow
	fPairs
	fTitle
	fSpan
	fKindMatch
	fKindMiss
	fFused
	fSoftPassage
	fSoftBest
	fTopTerm
	fMissingMax
	fPairsIDF
	fSentMissing
	fSentMissingIDF
	fMissingN
	fNumbersMiss
	fPhrase
)

// Feature names, in the order features returns them; a model file lists them
// so that a model trained on other features is refused.
var FeatureNames = []string{
	"bm25",             // BM25 score over the question's total weight
	"cover_passage",    // share of the question's weight found in the passage
	"cover_best",       // … in its best sentence
	"cover_second",     // … in its second best sentence
	"cover_window",     // … in its best two adjacent sentences
	"pairs",            // share of the question's adjacent word pairs found adjacent (within 3 words)
	"title",            // share of the question's weight found in the title
	"span",             // compactness of the best sentence's matches: matched words / the span they cover
	"kind_match",       // the best sentence holds what the question asks for (a year, a number)
	"kind_miss",        // the question asks for a year or number and the best sentence has none
	"fused",            // the fused rank score from the searches, relative to the best passage's
	"soft_passage",     // share of the question's weight met by the passage's words, by association strength
	"soft_best",        // … by its best sentence
	"top_term",         // the question's rarest word is in the passage or its title
	"missing_max",      // the weight of the rarest question word found neither in the passage nor its title, over the total
	"pairs_idf",        // like pairs, weighing each pair by its rarer word
	"sent_missing",     // the weight of the rarest question word missing from the best sentence, over the total
	"sent_missing_idf", // the same weight, as it is (a rare word missing says more than a common one)
	"missing_n",        // ln(1 + the number of question words the passage lacks)
	"numbers_miss",     // the question names a number the passage lacks
	"phrase",           // share of the question's word-and-follower pairs (phrases) met in one sentence
}

// Features scores one passage (its Analysis, and its document's title)
// against rq.
func (rq *RankQuery) Features(title string, a Analysis, bm25, fused float64) []float64 {
	f := make([]float64, len(FeatureNames))
	if rq.total == 0 {
		return f
	}
	f[fBM25] = bm25 / rq.total
	f[fFused] = fused
	inPassage := make([]bool, len(rq.terms))
	softPassage := make([]float64, len(rq.terms))
	var sentCover []float64
	bestSent, bestCov := -1, -1.0
	var bestToks []string
	var bestMatches []int
	bestMissing := 0.0 // the weight of the rarest question word the best sentence lacks
	// at holds, by question word, where in the passage it is met (for the
	// pairs features).
	at := make([][]int32, len(rq.terms))
	start := int32(0)
	seen := make([]bool, len(rq.terms))
	assocBest := make([]float64, len(rq.terms))
	for _, end := range a.SentEnds {
		toks, stems := a.Words[start:end], a.Stems[start:end]
		cov, matches := 0.0, []int(nil)
		clear(seen)
		for pos, t := range toks {
			rq.eachMet(t, stems[pos], func(i int) {
				at[i] = append(at[i], start+int32(pos))
				if !seen[i] {
					seen[i] = true
					inPassage[i] = true
					cov += rq.idf[i]
					matches = append(matches, pos)
				}
			})
		}
		start = end
		cov /= rq.total
		rq.assocBest(toks, assocBest)
		soft := 0.0
		for i := range rq.terms {
			if seen[i] {
				soft += rq.idf[i]
				continue
			}
			best := assocBest[i]
			soft += rq.idf[i] * best
			softPassage[i] = max(softPassage[i], best)
		}
		f[fSoftBest] = max(f[fSoftBest], soft/rq.total)
		sentCover = append(sentCover, cov)
		if cov > bestCov {
			bestSent, bestCov, bestToks, bestMatches = len(sentCover)-1, cov, toks, matches
			bestMissing = 0
			for i, ok := range seen {
				if !ok {
					bestMissing = max(bestMissing, rq.idf[i])
				}
			}
		}
	}
	for i, ok := range inPassage {
		if ok {
			f[fCoverPassage] += rq.idf[i]
			f[fSoftPassage] += rq.idf[i]
		} else {
			f[fSoftPassage] += rq.idf[i] * softPassage[i]
		}
	}
	f[fCoverPassage] /= rq.total
	f[fSoftPassage] /= rq.total
	if bestSent >= 0 {
		f[fCoverBest] = bestCov
		second := 0.0
		for i, c := range sentCover {
			if i != bestSent {
				second = max(second, c)
			}
			if i > 0 {
				f[fCoverWindow] = max(f[fCoverWindow], min(1, sentCover[i-1]+c))
			}
		}
		f[fCoverSecond] = second
		f[fCoverWindow] = max(f[fCoverWindow], bestCov)
		f[fSpan] = matchSpan(bestMatches)
		f[fKindMatch], f[fKindMiss] = rq.kindFound(bestToks)
	}
	f[fPairs], f[fPairsIDF] = rq.pairsFound(at)
	f[fPhrase] = rq.phraseFound(at, a)
	inTitle := rq.inTitle(title)
	for i, ok := range inTitle {
		if ok {
			f[fTitle] += rq.idf[i]
		}
	}
	f[fTitle] /= rq.total
	top, missing := -1, 0.0
	for i := range rq.terms {
		if top < 0 || rq.idf[i] > rq.idf[top] {
			top = i
		}
		if !inPassage[i] && !inTitle[i] {
			missing = max(missing, rq.idf[i])
		}
	}
	if top >= 0 && (inPassage[top] || inTitle[top]) {
		f[fTopTerm] = 1
	}
	f[fMissingMax] = missing / rq.total
	n := 0
	for i, ok := range inPassage {
		if !ok {
			n++
			if isNumberToken(rq.terms[i]) {
				f[fNumbersMiss] = 1
			}
		}
	}
	f[fMissingN] = math.Log1p(float64(n))
	if bestSent >= 0 {
		f[fSentMissing] = bestMissing / rq.total
		f[fSentMissingIDF] = bestMissing
	} else {
		f[fSentMissing], f[fSentMissingIDF] = 1, rq.total
	}
	return f
}

// matchSpan is how compact the positions of a sentence's matched words are:
// how many there are over the span they cover (0 for fewer than two).
func matchSpan(matches []int) float64 {
	if len(matches) < 2 {
		return 0
	}
	lo, hi := slices.Min(matches), slices.Max(matches)
	return float64(len(matches)) / float64(hi-lo+1)
}

// kindFound is, for a question asking a year or a number ("کب", "کتنے"),
// (1, 0) when words hold a number the question does not, else (0, 1);
// (0, 0) for other questions.
func (rq *RankQuery) kindFound(words []string) (match, miss float64) {
	if rq.kind != kindTime && rq.kind != kindNumber {
		return 0, 0
	}
	if hasNumber(words, rq.terms) {
		return 1, 0
	}
	return 0, 1
}

// pairsFound is the share of the question's adjacent word pairs met within
// three words of each other (at: where each question word is met), by
// count and weighing each pair by its rarer word.
func (rq *RankQuery) pairsFound(at [][]int32) (share, idfShare float64) {
	if len(rq.pairs) == 0 {
		return 0, 0
	}
	found := 0
	var w, wAll float64
	for _, p := range rq.pairs {
		pw := min(rq.idf[p[0]], rq.idf[p[1]])
		wAll += pw
		if adjacent(at[p[0]], at[p[1]]) {
			found++
			w += pw
		}
	}
	share = float64(found) / float64(len(rq.pairs))
	if wAll > 0 {
		idfShare = w / wAll
	}
	return share, idfShare
}

// phraseFound is the share of the question's phrases the passage holds
// as the question does: its word followed by the same stopword ("ایپل
// میں", not "ایپل سے"), or by the same next word in one sentence, with no
// stopword between. Where the postposition after a shared word differs, so
// does what the sentence says of it: on 3,000 questions of the UQA tuning
// part it lifts the ranker's MRR from .776 to .783 (cmd/jawab-train
// TestRankPhraseExperiment). at holds where each term is met (Features); a
// passage without followers (a.Next nil) meets none.
func (rq *RankQuery) phraseFound(at [][]int32, a Analysis) float64 {
	if len(rq.phrases) == 0 || len(a.Next) != len(a.Words) {
		return 0
	}
	found := 0
	for _, ph := range rq.phrases {
		if slices.ContainsFunc(at[ph.term], func(pos int32) bool {
			follower := a.Next[pos]
			if ph.next < 0 {
				return follower == ph.stop
			}
			return follower == 0 && !endsSentence(a.SentEnds, pos) && slices.Contains(at[ph.next], pos+1)
		}) {
			found++
		}
	}
	return float64(found) / float64(len(rq.phrases))
}

// endsSentence reports whether word pos is the last of its sentence.
func endsSentence(sentEnds []int32, pos int32) bool {
	_, last := slices.BinarySearch(sentEnds, pos+1)
	return last
}

// inTitle reports which question words a title holds. A document's chunks
// share its title, so each title is read once per question.
func (rq *RankQuery) inTitle(title string) []bool {
	if in, ok := rq.titles[title]; ok {
		return in
	}
	in := make([]bool, len(rq.terms))
	tt := text.ContentTokens(title)
	ts := text.StemTokens(slices.Clone(tt))
	for i := range rq.terms {
		for j, t := range tt {
			if rq.meets(i, t, ts[j]) {
				in[i] = true
				break
			}
		}
	}
	if rq.titles == nil {
		rq.titles = map[string][]bool{}
	}
	rq.titles[title] = in
	return in
}

// coverage is the share of the question's weight whose words a sentence holds
// (its words, with their stems), equal or of one stem (Urdu inflects by
// suffix: ملاقات, ملاقاتیں), or two adjacent question words typed as one
// after a letter that does not join (glued, exactly: "وزیراعظم" holds "وزیر
// اعظم", which dated Urdu news types glued four times as often), or a
// question word that a stray space split in two ("آذر بائیجان" holds
// "آذربائیجان"): how the extractive answer picks its sentences.
func (rq *RankQuery) coverage(words, stems []string) float64 {
	if joined := rq.splitTerms(words); len(joined) > 0 {
		all, allStems := slices.Clone(words), slices.Clone(stems)
		for _, i := range joined {
			all, allStems = append(all, rq.terms[i]), append(allStems, rq.stems[i])
		}
		return rq.coverageBy(all, allStems, rq.meetsStrictly)
	}
	return rq.coverageBy(words, stems, rq.meetsStrictly)
}

// splitTerms are the indexes of the question's terms that two adjacent
// words of a sentence spell when joined ("آذر بائیجان"): none for most
// sentences, which are read without a copy (coverage runs for every
// sentence of every passage).
func (rq *RankQuery) splitTerms(words []string) []int {
	var out []int
	for j := 0; j+1 < len(words); j++ {
		n := len(words[j]) + len(words[j+1])
		for i, t := range rq.terms {
			if len(t) == n && strings.HasPrefix(t, words[j]) && strings.HasSuffix(t, words[j+1]) && !slices.Contains(out, i) {
				out = append(out, i)
			}
		}
	}
	return out
}

// meetsStrictly is coverage's word match: question word i and a sentence's
// word t (of stem stem) are equal, of one stem, or t is the question's two
// adjacent words glued.
func (rq *RankQuery) meetsStrictly(i int, t, stem string) bool {
	return rq.terms[i] == t || rq.stems[i] == stem || slices.Contains(rq.glued[i], t)
}

// looseCoverage is coverage with words met as the ranker meets them (meets:
// one letter apart too, کرونا for کورونا): how a "latest" question tells
// the reports of its quantity, which spell a name either way from one day to
// the next. (The extract keeps the strict match: quoting a sentence by a
// near spelling cost fact recall on the public set.)
func (rq *RankQuery) looseCoverage(words, stems []string) float64 {
	all, allStems := looseForms(words, stems)
	return rq.coverageBy(all, allStems, rq.meets)
}

// looseMet reports, for each of the query's words, whether a passage's
// words meet it as looseCoverage meets them.
func (rq *RankQuery) looseMet(words, stems []string) []bool {
	all, allStems := looseForms(words, stems)
	met := make([]bool, len(rq.terms))
	for i := range rq.terms {
		for j, t := range all {
			if rq.meets(i, t, allStems[j]) {
				met[i] = true
				break
			}
		}
	}
	return met
}

// looseForms are a passage's words (and stems) as looseCoverage reads them:
// with each two adjacent words joined, and each word that a missing space
// glued split apart.
func looseForms(words, stems []string) ([]string, []string) {
	// Two words that a stray space split ("بلو چستان", "راولپنڈ ی") meet as
	// one: headlines type place names so.
	all, allStems := slices.Clone(words), slices.Clone(stems)
	for j := 0; j+1 < len(words); j++ {
		w := words[j] + words[j+1]
		all, allStems = append(all, w), append(allStems, text.Stem(w))
	}
	// And two words typed with no space between them meet apart, where the
	// first ends in a letter that is written only at a word's end
	// ("میںسونے", "کےبعد").
	for _, w := range words {
		for _, part := range wordEndSplit(w) {
			all, allStems = append(all, part), append(allStems, text.Stem(part))
		}
	}
	return all, allStems
}

// wordFinalOnly are the letters Urdu writes only at a word's end: inside a
// token, a missing space (they are non-joining letters too: see nonJoining).
var wordFinalOnly = map[rune]bool{'ں': true, 'ے': true}

// wordEndSplit is w cut after each letter inside it that Urdu writes only at
// a word's end: the words a missing space glued. None when it has no such
// letter inside; a part of fewer than two letters is left out.
func wordEndSplit(w string) []string {
	rs := []rune(w)
	var out []string
	start := 0
	for i := 1; i < len(rs)-1; i++ {
		if wordFinalOnly[rs[i]] {
			if i+1-start >= 2 {
				out = append(out, string(rs[start:i+1]))
			}
			start = i + 1
		}
	}
	if start > 0 && len(rs)-start >= 2 {
		out = append(out, string(rs[start:]))
	}
	return out
}

func (rq *RankQuery) coverageBy(words, stems []string, meets func(i int, t, stem string) bool) float64 {
	if rq.total == 0 {
		return 0
	}
	found := 0.0
	for i := range rq.terms {
		for j, t := range words {
			if meets(i, t, stems[j]) {
				found += rq.idf[i]
				break
			}
		}
	}
	return found / rq.total
}

// adjacent reports two words met within three words of each other.
func adjacent(as, bs []int32) bool {
	for _, i := range as {
		for _, j := range bs {
			if d := j - i; d >= -3 && d <= 3 && d != 0 {
				return true
			}
		}
	}
	return false
}

// hasNumber reports a digit token in toks that the question does not itself
// contain (a question naming 1948 is not answered by 1948).
func hasNumber(toks, qterms []string) bool {
	for _, t := range toks {
		if isNumberToken(t) && !slices.Contains(qterms, t) {
			return true
		}
	}
	return false
}

// meets is the word match of the gate and the ranker: question word i and a
// passage word t (with its stem) are equal, share a stem (Urdu inflects by
// suffix: ملاقات, ملاقاتیں) or are one letter apart (oneEdit).
func (rq *RankQuery) meets(i int, t, stem string) bool {
	if rq.terms[i] == t || rq.stems[i] == stem ||
		rq.heads[i] != "" && strings.HasPrefix(t, rq.heads[i]) && oneEdit(rq.terms[i], t) {
		return true
	}
	// Glued: the word and the question's next word typed as one
	// ("سائینوفارم" for "سائنو فارم", a letter apart), or the word and a
	// postposition ("کوروناکے").
	for _, g := range rq.glued[i] {
		if g == t || len(t) >= 10 && oneEdit(g, t) {
			return true
		}
		// … and a postposition as well, where the pair ends in a letter
		// that does not join: "ایکسپوسینٹرکی" holds "ایکسپو سینٹر".
		if withPostposition(t, g) && endsNonJoining(g) {
			return true
		}
	}
	return rq.takesPostposition[i] && withPostposition(t, rq.terms[i])
}

// withPostposition reports t as w with a postposition glued after it
// ("کوروناکے").
func withPostposition(t, w string) bool {
	rest, ok := strings.CutPrefix(t, w)
	return ok && slices.Contains(gluedPostpositions, rest)
}

// holds reports whether t meets one of the question's words (meets), or
// begins with one of four letters or more (a word glued to the next,
// "کوروناوبا").
func (rq *RankQuery) holds(t string) bool {
	stem := text.Stem(t)
	for i, qt := range rq.terms {
		if rq.meets(i, t, stem) || utf8.RuneCountInString(qt) >= 4 && strings.HasPrefix(t, qt) {
			return true
		}
	}
	return false
}

// oneEdit reports two words of at least five letters that differ by one
// letter substituted, inserted or deleted: the spellings of one transliterated
// name (شوپن, شوبن) or of one word typed twice differently.
func oneEdit(a, b string) bool {
	if d := len(a) - len(b); d > 4 || d < -4 || len(a) < 5 || len(b) < 5 {
		return false // cheap tests first: this runs for every pair of words
	}
	ra, na := utf8.DecodeRuneInString(a)
	rb, nb := utf8.DecodeRuneInString(b)
	if ra != rb || na != nb {
		return false // names keep their first letter
	}
	la, lb := utf8.RuneCountInString(a), utf8.RuneCountInString(b)
	if la < 5 || lb < 5 || la-lb > 1 || lb-la > 1 {
		return false
	}
	// Skip the common prefix, then the rests must agree after one edit.
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	for i > 0 && i < len(a) && !utf8.RuneStart(a[i]) {
		i-- // back to the start of the rune that differs
	}
	_, sa := utf8.DecodeRuneInString(a[i:])
	_, sb := utf8.DecodeRuneInString(b[i:])
	switch {
	case la == lb:
		return a[i+sa:] == b[i+sb:]
	case la > lb:
		return a[i+sa:] == b[i:]
	default:
		return a[i:] == b[i+sb:]
	}
}

// weighAsFamily weighs each word as rare as the commonest of its family
// that the collection holds: the word itself or its stem as a word
// (text.Stem). looseCoverage meets a word by its stem, so any form of it
// holds it, and the form the question happens to use is no rarer than the
// family a passage meets it by: "قیمتیں" (IDF 6.1 in dated-ur) is met by the
// common "قیمتوں" (4.3) and "قیمت" (3.9), and weighed as itself it counted
// more than "گندم" (4.5), so that the newest price report of any good came
// before the newest of wheat.
func (rq *RankQuery) weighAsFamily(w TermWeigher) {
	prefetch(w, rq.stems)
	for i, v := range rq.idf {
		if v == unseenWeight {
			continue
		}
		if f := asFamily(w, rq.terms[i], v); f < v {
			rq.idf[i] = f
			rq.total += f - v
		}
	}
}

// asFamily is the weight v of word t, or its stem's (text.Stem) when the
// collection holds the stem as a word and it is commoner.
func asFamily(w TermWeigher, t string, v float64) float64 {
	if s := w.IDF(text.Stem(t)); s > 0 && s < v {
		return s
	}
	return v
}

// familyIDF is a word's weight as weighAsFamily gives it; 0 for a word the
// collection never holds.
func familyIDF(w TermWeigher, t string) float64 {
	v := w.IDF(t)
	if v == 0 {
		return 0
	}
	return asFamily(w, t, v)
}

// weighUnseenAsRarest weighs each word the collection never holds as its
// spelling one letter apart that the collection holds, when it holds one
// (text.SpellingsOneApart: the ranker meets it as the word; the rarest such),
// else as the rarest word of the question that it does hold (unseenWeight,
// which the ranker and the gate were trained with, is left when that is
// rarer). The spellings are looked up only when probe is set
// (probesSpellings).
func (rq *RankQuery) weighUnseenAsRarest(w TermWeigher, probe bool) {
	rarest := 0.0
	for _, v := range rq.idf {
		if v != unseenWeight {
			rarest = max(rarest, v)
		}
	}
	for i, v := range rq.idf {
		if v != unseenWeight {
			continue
		}
		weight := rarest
		if probe && utf8.RuneCountInString(rq.terms[i]) >= 5 {
			if held := heldSpelling(w, rq.terms[i]); held > 0 {
				weight = held
			}
		}
		if weight > unseenWeight {
			rq.idf[i] = weight
			rq.total += weight - unseenWeight
		}
	}
}
