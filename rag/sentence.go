package rag

import (
	"math"

	"github.com/jawab/jawab/text"
)

// The extract quotes the sentences that answer the question. Counting the
// question's words a sentence holds finds the passage's topic sentence as
// often as its answer: "شوپن کب پیدا ہوا" is met as well by "شوپن وارسا
// میں پلا بڑھا" as by the sentence that gives 1810. The sentence model
// (Model.Sentence, trained by cmd/jawab-train on UQA's training part, each
// answerable question's candidate sentences against the one holding its
// answer) weighs more: the words the sentence adds to the question's (an
// answer is something the question does not say), the year or number a
// "کب/کتنے" question asks for, how closely the words sit, the sentences
// around it, and the passage's rank.

// Indexes of SentenceFeatureNames.
const (
	sCover = iota
	sCoverMeets
	sSoft
	sKindMatch
	sKindMiss
	sNewWords
	sLength
	sRank
	sPassageScore
	sPairs
	sSpan
	sNeighbour
	sLeans
	sFirst
	sMissing
)

// SentenceFeatureNames are the sentence model's inputs, in order; a model
// file lists them so that one trained on other features is refused.
var SentenceFeatureNames = []string{
	"cover",         // share of the question's weight the sentence holds (equal words or one stem): the extract's old score
	"cover_meets",   // … met as the ranker meets words (one letter apart too)
	"soft",          // … by association strength for the words it lacks
	"kind_match",    // a "کب/کتنے" question, and the sentence holds a number the question does not
	"kind_miss",     // a "کب/کتنے" question, and the sentence holds none
	"new_words",     // ln(1 + the sentence's content words that meet no question word)
	"length",        // ln(1 + the sentence's words)
	"rank",          // 1 / the passage's rank among the answer's passages
	"passage_score", // the passage's retrieval score over the best passage's
	"pairs",         // share of the question's adjacent word pairs found within three words
	"span",          // compactness of the matches: matched words / the span they cover
	"neighbour",     // the better coverage of the sentences before and after
	"leans",         // the sentence opens by pointing back ("اسی سال", "He said"), so its predecessor is quoted too
	"first",         // the passage's first sentence
	"missing",       // the weight of the rarest question word the sentence lacks, over the total
}

// SentenceModel is a linear scorer of candidate sentences over
// SentenceFeatureNames.
type SentenceModel struct {
	Features []string  `json:"features"`
	Weights  []float64 `json:"weights"`
}

// Score is the model's score of a sentence's features.
func (s *SentenceModel) Score(x []float64) float64 {
	z := 0.0
	for i, w := range s.Weights {
		z += w * x[i]
	}
	return z
}

// sentenceContext is where a sentence stands: what sentenceFeatures reads
// besides its words.
type sentenceContext struct {
	rank         int     // the passage's N
	passageScore float64 // its score over the best passage's
	neighbour    float64 // the better coverage of the sentences around it
	first, leans bool
}

// sentenceFeatures describes a sentence (its words and their stems) as an
// answer to rq; cov is its coverage (rq.coverage), which the caller has.
func (rq *RankQuery) sentenceFeatures(words, stems []string, cov float64, sc sentenceContext) []float64 {
	f := make([]float64, len(SentenceFeatureNames))
	if rq.total == 0 {
		return f
	}
	f[sCover] = cov
	f[sLength] = math.Log1p(float64(len(words)))
	f[sRank] = 1 / float64(max(sc.rank, 1))
	f[sPassageScore] = sc.passageScore
	f[sNeighbour] = sc.neighbour
	if sc.leans {
		f[sLeans] = 1
	}
	if sc.first {
		f[sFirst] = 1
	}
	met := make([]bool, len(rq.terms))
	at := make([][]int32, len(rq.terms))
	var matches []int
	newWords := 0
	for pos, t := range words {
		hit := false
		rq.eachMet(t, stems[pos], func(i int) {
			hit = true
			at[i] = append(at[i], int32(pos))
			if !met[i] {
				met[i] = true
				matches = append(matches, pos)
			}
		})
		if !hit && !text.IsStopword(t) {
			newWords++
		}
	}
	f[sNewWords] = math.Log1p(float64(newWords))
	missing := 0.0
	best := make([]float64, len(rq.terms))
	rq.assocBest(words, best)
	for i, ok := range met {
		if ok {
			f[sCoverMeets] += rq.idf[i]
			f[sSoft] += rq.idf[i]
			continue
		}
		missing = max(missing, rq.idf[i])
		f[sSoft] += rq.idf[i] * best[i]
	}
	f[sCoverMeets] /= rq.total
	f[sSoft] /= rq.total
	f[sMissing] = missing / rq.total
	f[sKindMatch], f[sKindMiss] = rq.kindFound(words)
	f[sPairs], _ = rq.pairsFound(at)
	f[sSpan] = matchSpan(matches)
	return f
}
