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
