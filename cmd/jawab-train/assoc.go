package main

import (
	"math"
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
