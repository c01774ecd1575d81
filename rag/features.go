package rag

import (
	"math"
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
	"کب": kindTime, "سال": kindTime, "تاریخ": kindTime, "صدی": kindTime, "دہائی": kindTime, "when": kindTime, "year": kindTime,
	"کتنا": kindNumber, "کتنی": kindNumber, "کتنے": kindNumber, "تعداد": kindNumber, "فیصد": kindNumber, "many": kindNumber, "much": kindNumber,
	"کون": kindPerson, "who": kindPerson, "whom": kindPerson,
	"کہاں": kindPlace, "where": kindPlace,
}

// Associations is a learned word association: for a question word, the
// passage words that answer it, each with a strength in (0, 1].
type Associations interface {
	Answers(q string) map[string]float64
}

// negations are the words that negate a question.
var negations = map[string]bool{"نہیں": true, "نہ": true, "مت": true, "بغیر": true, "not": true, "never": true, "no": true, "without": true, "didn": true, "doesn": true, "isn": true, "wasn": true}

// RankQuery is a question prepared for scoring many passages.
type RankQuery struct {
	assoc  []map[string]float64 // by term: associated passage words
	terms  []string             // distinct content tokens
	idf    []float64            // their weights
	total  float64              // the sum of idf
	unseen float64              // the weight of the terms no passage of the collection contains
	pairs  [][2]int             // indexes into terms of adjacent content words
	kind   answerKind
	// negated: the question holds a negation (نہیں, نہ, never, not)
	negated bool
	stems   []string // the terms' stems (text.Stem)
}

// NewRankQuery prepares q for ranking, weighing its words by w (1 each when
// w is nil).
func NewRankQuery(q string, w TermWeigher, a Associations) *RankQuery {
	rq := &RankQuery{}
	toks := text.Tokens(q)
	at := map[string]int{}
	prev := -1
	for _, t := range toks {
		if k, ok := kindCues[t]; ok && rq.kind == kindOther {
			rq.kind = k
		}
		if negations[t] {
			rq.negated = true
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
	return rq
}

// Indexes of FeatureNames, for the gate.
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
}

// Features scores one passage (its Analysis, and its document's title)
// against rq.
func (rq *RankQuery) Features(title string, a Analysis, bm25, fused float64) []float64 {
	f := make([]float64, len(FeatureNames))
	if rq.total == 0 {
		return f
	}
	f[0] = bm25 / rq.total
	f[10] = fused
	inPassage := make([]bool, len(rq.terms))
	softPassage := make([]float64, len(rq.terms))
	var sentCover []float64
	bestSent, bestCov := -1, -1.0
	var bestToks []string
	var bestMatches []int
	bestMissing := 0.0 // the weight of the rarest question word the best sentence lacks
	allToks := a.Words
	start := int32(0)
	for _, end := range a.SentEnds {
		toks, stems := a.Words[start:end], a.Stems[start:end]
		start = end
		cov, matches := 0.0, []int(nil)
		seen := make([]bool, len(rq.terms))
		for pos, t := range toks {
			for i := range rq.terms {
				if !seen[i] && rq.meets(i, t, stems[pos]) {
					seen[i] = true
					inPassage[i] = true
					cov += rq.idf[i]
					matches = append(matches, pos)
				}
			}
		}
		cov /= rq.total
		soft := 0.0
		for i := range rq.terms {
			if seen[i] {
				soft += rq.idf[i]
				continue
			}
			best := 0.0
			for _, t := range toks {
				best = max(best, rq.assoc[i][t])
			}
			soft += rq.idf[i] * best
			softPassage[i] = max(softPassage[i], best)
		}
		f[12] = max(f[12], soft/rq.total)
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
			f[1] += rq.idf[i]
			f[11] += rq.idf[i]
		} else {
			f[11] += rq.idf[i] * softPassage[i]
		}
	}
	f[1] /= rq.total
	f[11] /= rq.total
	if bestSent >= 0 {
		f[2] = bestCov
		second := 0.0
		for i, c := range sentCover {
			if i != bestSent {
				second = max(second, c)
			}
			if i > 0 {
				f[4] = max(f[4], pairCover(rq, sentCover[i-1], c))
			}
		}
		f[3] = second
		f[4] = max(f[4], bestCov)
		if len(bestMatches) > 1 {
			lo, hi := bestMatches[0], bestMatches[0]
			for _, m := range bestMatches {
				lo, hi = min(lo, m), max(hi, m)
			}
			f[7] = float64(len(bestMatches)) / float64(hi-lo+1)
		}
		if rq.kind == kindTime || rq.kind == kindNumber {
			if hasNumber(bestToks, rq.terms) {
				f[8] = 1
			} else {
				f[9] = 1
			}
		}
	}
	if len(rq.pairs) > 0 {
		pos := map[string][]int{}
		for i, t := range allToks {
			pos[t] = append(pos[t], i)
		}
		found := 0
		var w, wAll float64
		for _, p := range rq.pairs {
			pw := min(rq.idf[p[0]], rq.idf[p[1]])
			wAll += pw
			if adjacent(pos, rq.terms[p[0]], rq.terms[p[1]]) {
				found++
				w += pw
			}
		}
		f[5] = float64(found) / float64(len(rq.pairs))
		if wAll > 0 {
			f[15] = w / wAll
		}
	}
	inTitle := make([]bool, len(rq.terms))
	if title != "" {
		tt := text.ContentTokens(title)
		ts := text.StemTokens(slices.Clone(tt))
		for i := range rq.terms {
			for j, t := range tt {
				if rq.meets(i, t, ts[j]) {
					f[6] += rq.idf[i]
					inTitle[i] = true
					break
				}
			}
		}
		f[6] /= rq.total
	}
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
		f[13] = 1
	}
	f[14] = missing / rq.total
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
		f[16] = bestMissing / rq.total
		f[17] = bestMissing
	} else {
		f[16], f[17] = 1, rq.total
	}
	return f
}

// pairCover bounds two adjacent sentences' joint coverage by the sum of their
// own (an over-estimate when they share words, which is rare enough not to
// matter for ranking), capped at 1.
func pairCover(_ *RankQuery, a, b float64) float64 { return math.Min(1, a+b) }

func adjacent(pos map[string][]int, a, b string) bool {
	for _, i := range pos[a] {
		for _, j := range pos[b] {
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
		if r, _ := utf8.DecodeRuneInString(t); r >= '0' && r <= '9' {
			own := false
			for _, q := range qterms {
				if q == t {
					own = true
					break
				}
			}
			if !own {
				return true
			}
		}
	}
	return false
}

// meets is the word match of the gate and the ranker: question word i and a
// passage word t (with its stem) are equal, share a stem (Urdu inflects by
// suffix: ملاقات, ملاقاتیں) or are one letter apart (oneEdit).
func (rq *RankQuery) meets(i int, t, stem string) bool {
	return rq.terms[i] == t || rq.stems[i] == stem || oneEdit(rq.terms[i], t)
}

// oneEdit reports two words of at least five letters that differ by one
// letter substituted, inserted or deleted: the spellings of one transliterated
// name (شوپن, شوبن) or of one word typed twice differently.
func oneEdit(a, b string) bool {
	if d := len(a) - len(b); d > 4 || d < -4 || len(a) < 5 || len(b) < 5 || a[0] != b[0] {
		return false // cheap tests first: this runs for every pair of words
	}
	la, lb := utf8.RuneCountInString(a), utf8.RuneCountInString(b)
	if la < 5 || lb < 5 || la-lb > 1 || lb-la > 1 {
		return false
	}
	ra, rb := []rune(a), []rune(b)
	i := 0
	for i < len(ra) && i < len(rb) && ra[i] == rb[i] {
		i++
	}
	if i == 0 {
		return false // names keep their first letter
	}
	switch {
	case la == lb:
		return string(ra[i+1:]) == string(rb[i+1:])
	case la > lb:
		return string(ra[i+1:]) == string(rb[i:])
	default:
		return string(ra[i:]) == string(rb[i+1:])
	}
}

var _ = strings.HasPrefix
