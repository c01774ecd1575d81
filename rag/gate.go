package rag

import (
	"math"
	"unicode/utf8"
)

// GateFeatureNames are the answerability gate's inputs. Most describe the
// passage the ranker put first, as a whole, because an answer must come from
// one place: two passages that each hold half of the question ("Russia gave
// doses" here, "India" there) do not answer it together.
var GateFeatureNames = []string{
	"rank_score",       // the ranker's score of the first passage
	"margin",           // how far it is ahead of the second
	"cover_passage",    // the first passage's share of the question's weight
	"cover_best",       // … in its best sentence
	"soft_best",        // … counting associated words by strength
	"sent_missing",     // the weight of the rarest word its best sentence lacks, over the total
	"sent_missing_idf", // the same weight, as it is
	"missing_max",      // the weight of the rarest word it and its title lack, over the total
	"top_term",         // it holds the question's rarest word
	"kind_miss",        // the question asks for a year or number and its best sentence has none
	"pairs",            // its share of the question's word pairs found together
	"missing_n",        // ln(1 + the number of question words it lacks)
	"numbers_miss",     // the question names a number that it lacks
	"unseen",           // the share of the question's weight in words the collection does not contain
	"terms",            // ln(1 + the number of the question's content words)
	"negation",         // the question is negated (نہیں, never): SQuAD 2.0's favourite unanswerable
	"cues",             // the lexical cues' log-odds (Cues) for the first passage; 0 without them
}

// gateFeatures computes GateFeatureNames from the passages' ranker features
// (FeatureNames) and scores; cues gives the Cues logit of the first-ranked
// passage (by index).
func gateFeatures(rq *RankQuery, feats [][]float64, scores []float64, cues func(first int) float64) []float64 {
	g := make([]float64, len(GateFeatureNames))
	if rq.total > 0 {
		g[13] = rq.unseen / rq.total
	}
	g[14] = math.Log1p(float64(len(rq.terms)))
	if rq.negated {
		g[15] = 1
	}
	first, second := bestTwo(scores)
	if first < 0 {
		// Nothing retrieved: nothing of the question is met.
		g[5], g[6], g[7], g[11], g[12] = 1, rq.total, 1, math.Log1p(float64(len(rq.terms))), 1
		return g
	}
	f := feats[first]
	g[16] = cues(first)
	g[0] = scores[first]
	if second >= 0 {
		g[1] = scores[first] - scores[second]
	}
	g[2], g[3], g[4] = f[fCoverPassage], f[fCoverBest], f[fSoftBest]
	g[5], g[6], g[7] = f[fSentMissing], f[fSentMissingIDF], f[fMissingMax]
	g[8], g[9], g[10] = f[fTopTerm], f[fKindMiss], f[fPairsIDF]
	g[11], g[12] = f[fMissingN], f[fNumbersMiss]
	return g
}

// bestTwo returns the indexes of the highest and the second-highest of
// scores (-1 for none): the gate judges the ranker's first passage, and how
// far ahead of the second it is.
func bestTwo(scores []float64) (first, second int) {
	first, second = -1, -1
	for i := range scores {
		switch {
		case first < 0 || scores[i] > scores[first]:
			first, second = i, first
		case second < 0 || scores[i] > scores[second]:
			second = i
		}
	}
	return first, second
}

// answerability is the probability that passages answer the question (one of
// queries: the question and its translation), and whether it passes the gate.
// urdu says the question was asked in Urdu: only then are the lexical cues
// read (see GateFeatures).
// Without a model it is the coverage gate's: the best sentence's share of the
// question's weight (of the candidates cands gives, scored only then) against
// MinCoverage.
func (a *Answerer) answerability(w TermWeigher, passages []Passage, queries []string, urdu bool, cands func() []candidate) (float64, bool) {
	if a.Model == nil {
		best := maxCoverage(cands())
		return best, best >= a.minCoverage()
	}
	p := a.Probability(w, passages, queries, urdu)
	return p, p >= a.gateThreshold()
}

// gateThreshold is the answerability below which the gate refuses:
// MinAnswerability when set, else the model's threshold (the coverage
// threshold without a model).
func (a *Answerer) gateThreshold() float64 {
	switch {
	case a.MinAnswerability > 0:
		return a.MinAnswerability
	case a.Model != nil:
		return a.Model.Gate.Threshold
	}
	return a.minCoverage()
}

// crossAnswerability is the answerability of a rendered (English or
// Roman-Urdu) question whose best sentence holds the share cov of its
// weight. What decides for such a question is that share against its
// threshold (minCrossCoverage), not the gate's model, which learned from
// Urdu questions; the probability reported is that share on the gate's
// scale: the gate's threshold at the share's threshold, rising with the
// share by a slope fitted on the tuning sets (EnglishCoverageSlope,
// RomanCoverageSlope), so that
// answerability and refusal agree for every question.
func (a *Answerer) crossAnswerability(cov float64, input string, relieved bool) float64 {
	slope := EnglishCoverageSlope
	if input == InputRomanUrdu {
		slope = RomanCoverageSlope
	}
	th := min(max(a.gateThreshold(), 1e-6), 1-1e-6)
	return 1 / (1 + math.Exp(-(math.Log(th/(1-th)) + slope*(cov-a.minCrossCoverage(input, relieved)))))
}

// EnglishCoverageSlope and RomanCoverageSlope are crossAnswerability's
// slopes: the logistic regression of answerable on the share, its value at
// the share's threshold held at the gate's threshold, fitted on the English
// and Roman tuning sets, alone and with the 500 distractors (README,
// "English and Roman Urdu questions": `go run ./cmd/jawab-train
// coverage-slope`).
const (
	EnglishCoverageSlope = 10.0
	RomanCoverageSlope   = 7.6
)

// Probability is the gate's probability that passages answer one of queries
// (the question, or its translation): the best over them.
func (a *Answerer) Probability(w TermWeigher, passages []Passage, queries []string, urdu bool) float64 {
	x := a.GateFeatures(w, passages, queries, urdu)
	best := 0.0
	for _, g := range x {
		best = max(best, a.Model.Gate.Probability(g))
	}
	return best
}

// GateFeatures computes GateFeatureNames for passages, one row per query. The
// ranker's features are reused when it ran with the same query; they are
// computed here otherwise. The lexical cues are read for a question asked in
// Urdu (urdu), the language they were learned from: a rendered English or
// Roman-Urdu question is a bag of the lexicon's guesses, whose words say
// nothing of how it was asked; the feature is 0 then, as in a model without
// cues. Exported for training (cmd/jawab-train).
func (a *Answerer) GateFeatures(w TermWeigher, passages []Passage, queries []string, urdu bool) [][]float64 {
	top := 0.0
	for _, p := range passages {
		top = max(top, p.Score)
	}
	var out [][]float64
	for qi, q := range queries {
		rq := NewRankQuery(q, w, a.Model)
		feats := make([][]float64, len(passages))
		scores := make([]float64, len(passages))
		for i, p := range passages {
			if p.features != nil && len(queries) == 1 && qi == 0 {
				feats[i], scores[i] = p.features, p.rankScore
				continue
			}
			fused := 0.0
			if top > 0 {
				fused = p.Score / top
			}
			feats[i] = rq.Features(p.Title, analysis(a.Retriever.Index, &p), p.bm25, fused)
			scores[i] = a.Model.Score(feats[i])
		}
		cues := func(first int) float64 {
			if a.Model.Cues == nil || !urdu {
				return 0
			}
			p := &passages[first]
			return a.Model.Cues.Logit(rq.CueWords(p.Title, analysis(a.Retriever.Index, p)))
		}
		out = append(out, gateFeatures(rq, feats, scores, cues))
	}
	return out
}

// isNumberToken reports a token of ASCII digits (text.Tokens has made Urdu
// and Arabic-Indic digits ASCII).
func isNumberToken(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return r >= '0' && r <= '9'
}

// CueWords gives Cues' words for the passage the gate judges (the ranker's
// first) and query; false when there are no passages. Exported for training
// (cmd/jawab-train).
func (a *Answerer) CueWords(w TermWeigher, passages []Passage, query string) (CueWords, bool) {
	scores := make([]float64, len(passages))
	for i := range passages {
		scores[i] = passages[i].rankScore
	}
	first, _ := bestTwo(scores)
	if first < 0 {
		return CueWords{}, false
	}
	p := &passages[first]
	return NewRankQuery(query, w, a.Model).CueWords(p.Title, analysis(a.Retriever.Index, p)), true
}
