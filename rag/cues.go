package rag

// Cues is the answerability gate's lexical part: a weight for each word of a
// common vocabulary, by where the word stands. Word-overlap features cannot
// tell SQuAD 2.0's adversarial questions from answerable ones (they were
// written in their paragraph's words), but the words that made them
// unanswerable recur: a negation or "غیر" in the question, a word such as
// "آخری" (last) or "مسترد" (rejected) or a year that the passage lacks where
// it holds "پہلی" or another year. The gate reads the sum (Logit) as one
// feature, so that its weight is fitted with the others.
type Cues struct {
	// Asked weighs a word of the question, content word or not ("نہیں").
	Asked map[string]float64 `json:"asked"`
	// Missing weighs a question word that the first passage and its title
	// lack; SentMissing one that the passage's best sentence lacks (a word
	// the passage lacks is missing from that sentence too).
	Missing     map[string]float64 `json:"missing"`
	SentMissing map[string]float64 `json:"sent_missing"`
	Bias        float64            `json:"bias"`
}

// CueWords are the words a question and a passage give Cues.
type CueWords struct {
	Asked, Missing, SentMissing []string
}

// Logit is the cues' log-odds that the passage answers the question.
func (c *Cues) Logit(w CueWords) float64 {
	z := c.Bias
	for _, t := range w.Asked {
		z += c.Asked[t]
	}
	for _, t := range w.Missing {
		z += c.Missing[t]
	}
	for _, t := range w.SentMissing {
		z += c.SentMissing[t]
	}
	return z
}

// CueWords lists the question's words and those of its content words that
// the passage (a, with its title) and its best sentence lack, met as the
// ranker meets words. The best sentence is the one holding the most of the
// question's weight, as in Features.
func (rq *RankQuery) CueWords(title string, a Analysis) CueWords {
	w := CueWords{Asked: rq.words}
	inPassage := make([]bool, len(rq.terms))
	var bestSeen []bool
	bestCov := -1.0
	seen := make([]bool, len(rq.terms))
	start := int32(0)
	for _, end := range a.SentEnds {
		clear(seen)
		cov := 0.0
		for pos := start; pos < end; pos++ {
			for i := range rq.terms {
				if !seen[i] && rq.meets(i, a.Words[pos], a.Stems[pos]) {
					seen[i], inPassage[i] = true, true
					cov += rq.idf[i]
				}
			}
		}
		start = end
		if cov > bestCov {
			bestCov, bestSeen = cov, append(bestSeen[:0], seen...)
		}
	}
	inTitle := rq.inTitle(title)
	for i, t := range rq.terms {
		if !inPassage[i] && !inTitle[i] {
			w.Missing = append(w.Missing, t)
		}
		if bestSeen == nil || !bestSeen[i] {
			w.SentMissing = append(w.SentMissing, t)
		}
	}
	return w
}
