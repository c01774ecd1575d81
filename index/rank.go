package index

import (
	"cmp"
	"slices"

	"github.com/jawab/jawab/rag"
)

// SortHits puts hits in the order every store returns them: by score, best
// first, ties broken by chunk id, so that equal inputs give equal rankings
// whichever engine searched.
func SortHits(hits []rag.Hit) {
	slices.SortStableFunc(hits, func(a, b rag.Hit) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		return cmp.Compare(a.Chunk.ID, b.Chunk.ID)
	})
}

// A Fetch asks a search engine for its n best hits. It returns them (those it
// could resolve), the score of the lowest one the engine returned, and whether
// that was all the engine had (fewer than n, or n at its limit).
type Fetch func(n int) (hits []rag.Hit, lowest float64, all bool, err error)

// TopK returns the k best hits an engine holds, in SortHits's order, keeping
// only those keep accepts (nil keeps all). An engine orders equal scores its
// own way, and keep may drop what a filter the engine cannot apply refuses,
// so fetch is asked for n (at least k+1), then four times as many, until k
// kept hits score strictly above the lowest fetched (nothing unfetched can
// tie or beat them, so the cut at k is made by SortHits, the same on every
// engine and every run) or everything was fetched.
func TopK(k, n int, keep func(rag.Hit) bool, fetch Fetch) ([]rag.Hit, error) {
	if k <= 0 {
		return nil, nil
	}
	n = max(n, k+1)
	for {
		hits, lowest, all, err := fetch(n)
		if err != nil {
			return nil, err
		}
		if keep != nil {
			hits = slices.DeleteFunc(hits, func(h rag.Hit) bool { return !keep(h) })
		}
		SortHits(hits)
		if all || len(hits) >= k && hits[k-1].Score > lowest {
			return hits[:min(k, len(hits))], nil
		}
		n *= 4
	}
}
