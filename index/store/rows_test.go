package store

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/jawab/jawab/internal/must"
	"github.com/jawab/jawab/rag"
)

// sparseVec is a unit vector with nz random non-zero components, like a short
// question embedded by the local (feature-hashing) embedder.
func sparseVec(rng *rand.Rand, nz int) []float32 {
	v := make([]float32, dim)
	for range nz {
		v[rng.IntN(dim)] = float32(rng.NormFloat64())
	}
	return unit(v)
}

// chromemRanking is chromem-go's exhaustive ranking of every chunk, the reference
// the row search must reproduce.
func chromemRanking(t *testing.T, s *Store, q []float32, k int, f rag.Filter) []rag.Hit {
	t.Helper()
	s.mu.RLock()
	col := s.col
	s.mu.RUnlock()
	if col.Count() == 0 {
		return nil
	}
	res, err := col.QueryEmbedding(context.Background(), q, col.Count(), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	var hits []rag.Hit
	for _, r := range res {
		s.mu.RLock()
		c, info, ok := s.resolve(r.ID)
		s.mu.RUnlock()
		if ok && f.Match(info) {
			hits = append(hits, rag.Hit{Chunk: c, Doc: info, Score: float64(r.Similarity)})
		}
	}
	return hits[:min(k, len(hits))]
}

// sameRanking compares two rankings: the same scores, to the bit, and the
// same chunks in the same order, except that chunks of equal scores may swap
// (chromem-go orders them arbitrarily).
func sameRanking(t *testing.T, what string, got, want []rag.Hit) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d hits, chromem-go %d", what, len(got), len(want))
	}
	for i := range got {
		if got[i].Score != want[i].Score {
			t.Fatalf("%s: hit %d scores %.6f (%s), chromem-go %.6f (%s)", what, i, got[i].Score, got[i].Chunk.ID, want[i].Score, want[i].Chunk.ID)
		}
		if got[i].Chunk.ID != want[i].Chunk.ID && want[i].Score != scoreOf(want, got[i].Chunk.ID) {
			t.Fatalf("%s: hit %d is %s, chromem-go has %s", what, i, got[i].Chunk.ID, want[i].Chunk.ID)
		}
	}
}

func scoreOf(hits []rag.Hit, id string) float64 {
	for _, h := range hits {
		if h.Chunk.ID == id {
			return h.Score
		}
	}
	return math.Inf(-1)
}

// The row search is chromem-go's search: through inserts, replacements and
// deletes, it gives chromem-go's scores and ranking.
func TestRowSearchRanksLikeChromem(t *testing.T) {
	s := open(t, t.TempDir())
	rng := rand.New(rand.NewPCG(7, 8))
	ctx := context.Background()
	check := func(round int) {
		for q := range 5 {
			v := sparseVec(rng, 1+rng.IntN(dim/4))
			if !sparseEnough(v) {
				t.Fatal("test query is not sparse")
			}
			for _, f := range []rag.Filter{{}, {DocIDs: []string{"d1", "d3", "d5"}}} {
				got, err := s.VectorSearch(ctx, v, 7, f)
				if err != nil {
					t.Fatal(err)
				}
				sameRanking(t, fmt.Sprintf("round %d query %d filter %v", round, q, f.DocIDs), got, chromemRanking(t, s, v, 7, f))
			}
		}
	}
	check(0) // empty, before any vector
	for round := 1; round <= 30; round++ {
		id := fmt.Sprintf("d%d", rng.IntN(8))
		switch rng.IntN(4) {
		case 0:
			if err := s.Delete(ctx, id); err != nil && rag.ErrorCode(err) != rag.NotFound {
				t.Fatal(err)
			}
		default:
			var sentences []string
			for range 1 + rng.IntN(4) {
				sentences = append(sentences, fmt.Sprintf("جملہ %d", rng.IntN(1000)))
			}
			upsert(t, s, id, sentences...)
		}
		check(round)
	}
	if s.rows.len() != s.col.Count() {
		t.Fatalf("rows list %d vectors, chromem-go holds %d", s.rows.len(), s.col.Count())
	}
	// A reopened store agrees too.
	s.Close()
	s = open(t, s.Dir())
	check(31)
}

// Writes that race with sparse queries are not lost from rows.
func TestRowsDuringWrites(t *testing.T) {
	s := open(t, t.TempDir())
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(1, 1))
	q := sparseVec(rng, 3)
	var wg sync.WaitGroup
	wg.Go(func() {
		for i := range 60 {
			upsert(t, s, fmt.Sprintf("d%d", i%25), fmt.Sprintf("جملہ %d", i), "روس")
		}
	})
	wg.Go(func() {
		for range 200 {
			if _, err := s.VectorSearch(ctx, q, 5, rag.Filter{}); err != nil {
				t.Error(err)
				return
			}
		}
	})
	wg.Wait()
	sameRanking(t, "after the writes", must.Value(s.VectorSearch(ctx, q, 50, rag.Filter{})), chromemRanking(t, s, q, 50, rag.Filter{}))
}
