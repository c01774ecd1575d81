package rag

import (
	"cmp"
	"math"
	"slices"

	"github.com/jawab/jawab/text"
)

// rank reorders the first RankDepth fused passages by the learned ranker and
// keeps the rest after them in fused order. A passage's Score becomes its
// ranker score's softmax weight relative to the best passage's, in (0, 1]:
// MMR weighs relevance against the best passage, which raw scores (any sign)
// cannot be. Each query ranks, a passage taking its best score; one in
// another language than the collection's (a translation ranks for it) only
// the articles in its own language, whose words it may hold: an English
// report in an Urdu archive is ranked by the English question as asked.
func (r *Retriever) rank(queries []Query, ps []Passage, w TermWeigher) []Passage {
	depth := r.RankDepth
	if depth <= 0 {
		// On the tuning part, ranking the first 20 fused passages finds what
		// ranking 40 does (MRR .769 against .770) at half the cost.
		depth = 20
	}
	depth = min(depth, len(ps))
	if depth == 0 {
		return ps
	}
	// A query in another language than the collection's is prepared only
	// when a passage in its language is met (weighing its words may cost
	// the index a round trip): own is, by query, "" for one in the
	// collection's language, else the language of the only articles it
	// ranks.
	rqs := make([]*RankQuery, len(queries))
	own := make([]string, len(queries))
	collection := false
	for k, q := range queries {
		if !q.OtherLanguage {
			rqs[k] = NewRankQuery(q.Text, w, r.Ranker)
			collection = true
		} else if own[k] = text.DetectLang(q.Text); own[k] == "" {
			own[k] = "-" // no language: it ranks nothing
		}
	}
	if !collection {
		return ps
	}
	top := ps[0].Score
	for i := range ps[:depth] {
		p := &ps[i]
		best := math.Inf(-1)
		an := analysis(r.Index, p)
		p.analysis = &an
		for k, q := range queries {
			if own[k] != "" && own[k] != p.language() {
				continue
			}
			if rqs[k] == nil {
				rqs[k] = NewRankQuery(q.Text, w, r.Ranker)
			}
			f := rqs[k].Features(p.Title, an, p.bm25, p.Score/top)
			if s := r.Ranker.Score(f); s > best {
				best, p.features = s, f
			}
		}
		p.rankScore = best
	}
	head := ps[:depth]
	slices.SortStableFunc(head, func(a, b Passage) int {
		if c := cmp.Compare(b.rankScore, a.rankScore); c != 0 {
			return c
		}
		return cmp.Compare(a.ChunkID, b.ChunkID)
	})
	best := head[0].rankScore
	for i := range head {
		head[i].Score = math.Exp(head[i].rankScore - best)
	}
	// The unscored tail stays behind every scored passage.
	floor := head[len(head)-1].Score
	for i := depth; i < len(ps); i++ {
		ps[i].Score = floor * ps[i].Score / top / 2
	}
	return ps
}

// language is the passage's document's language, else its text's: an
// article's language is the whole article's (an Urdu report quoting an
// English tweet stays Urdu).
func (p *Passage) language() string {
	if p.lang == "" {
		p.lang = text.DetectLang(p.Text)
	}
	return p.lang
}
