package main

import (
	"math"

	"github.com/jawab/jawab/eval"
	"github.com/jawab/jawab/internal/uqa"
	"github.com/jawab/jawab/text"
)

// assocTable answers rag.Associations: question word → passage word →
// strength.
type assocTable map[string]map[string]float64

func (a assocTable) Answers(q string) map[string]float64 { return a[q] }

// cooc learns associations by normalised pointwise mutual information between
// a word of a question and a word of the sentence that answers it, counting
// only pairs seen in at least minArticles different articles: a pair seen in
// one article is that article's topic, not a way of saying something.
func cooc(pairs [][2][]string, articles []string, minArticles int, minNPMI float64) assocTable {
	type key struct{ q, w string }
	nq := map[string]int{}
	nw := map[string]int{}
	nqw := map[key]int{}
	arts := map[key]map[string]bool{}
	for i, p := range pairs {
		qs, ws := uniqStrings(p[0]), uniqStrings(p[1])
		for _, q := range qs {
			nq[q]++
		}
		for _, w := range ws {
			nw[w]++
		}
		for _, q := range qs {
			for _, w := range ws {
				if q == w {
					continue
				}
				k := key{q, w}
				nqw[k]++
				if nqw[k] <= 2*minArticles {
					if arts[k] == nil {
						arts[k] = map[string]bool{}
					}
					arts[k][articles[i]] = true
				}
			}
		}
	}
	n := float64(len(pairs))
	a := assocTable{}
	for k, c := range nqw {
		if len(arts[k]) < minArticles {
			continue
		}
		pqw := float64(c) / n
		pmi := math.Log(pqw / (float64(nq[k.q]) / n * float64(nw[k.w]) / n))
		npmi := pmi / -math.Log(pqw)
		if npmi < minNPMI {
			continue
		}
		if a[k.q] == nil {
			a[k.q] = map[string]float64{}
		}
		a[k.q][k.w] = npmi
	}
	return a
}

func uniqStrings(s []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range s {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// withNeeds is a word association table that also knows how far each
// question word is needed of its answer (rag.Needs), as the model does.
type withNeeds struct {
	assocTable
	needs map[string]float64
}

func (w withNeeds) Need(t string) (float64, bool) {
	v, ok := w.needs[t]
	return v, ok
}

// minNeedArticles is in how many training articles' questions a word must
// be asked for its need to be learned: a word asked about one article
// ("نیویارک" of the New York article, whose paragraphs say "شہر") is that
// article's topic, not a way of asking. needPrior is how many questions'
// worth of the overall rate its estimate starts from.
const (
	minNeedArticles = 30
	needPrior       = 10
)

// learnNeeds estimates, for each question word asked about minNeedArticles
// or more training articles, how often the paragraph that answers
// holds it (as a word or by stem), over how often it does for question
// words in general; only words needed less than that are kept (at most 1:
// a word no answer lacks is weighed by its IDF alone).
func learnNeeds(paragraphs map[string]string, qs []eval.Question) map[string]float64 {
	asked, held := map[string]int{}, map[string]int{}
	articles := map[string]map[string]bool{}
	allAsked, allHeld := 0, 0
	for _, q := range qs {
		if !q.Answerable {
			continue
		}
		pt, ok := paragraphs[uqa.ParagraphOf(q.ID)]
		if !ok {
			continue
		}
		words, stems := map[string]bool{}, map[string]bool{}
		for _, t := range text.Tokens(pt) {
			words[t] = true
			stems[text.Stem(t)] = true
		}
		for _, t := range uniqStrings(text.ContentTokens(q.Question)) {
			if articles[t] == nil {
				articles[t] = map[string]bool{}
			}
			articles[t][uqa.QuestionArticle(q.ID)] = true
			asked[t]++
			allAsked++
			if words[t] || stems[text.Stem(t)] {
				held[t]++
				allHeld++
			}
		}
	}
	needs := map[string]float64{}
	if allAsked == 0 {
		return needs
	}
	rate := float64(allHeld) / float64(allAsked)
	for t, n := range asked {
		if len(articles[t]) < minNeedArticles {
			continue
		}
		v := (float64(held[t]) + needPrior*rate) / (float64(n) + needPrior) / rate
		if v < 0.95 {
			needs[t] = math.Round(v*1000) / 1000
		}
	}
	return needs
}
