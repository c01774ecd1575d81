package store

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/jawab/jawab/index/embed"
	"github.com/jawab/jawab/internal/must"
	"github.com/jawab/jawab/rag"
)

// BenchmarkOpen opens the data dir $JAWAB_BENCH_DATA read-only (for instance
// one that TestScale in cmd/jawab kept with JAWAB_SCALE_DIR), to profile
// start-up, then measures searches over it: a vector search with questions
// embedded by the local embedder (sparse), and a keyword search.
//
//	JAWAB_BENCH_DATA=/tmp/scale/data-now go test ./index/store -run '^$' -bench Open -benchtime 1x -cpuprofile cpu.out
func BenchmarkOpen(b *testing.B) {
	dir := os.Getenv("JAWAB_BENCH_DATA")
	if dir == "" {
		b.Skip("set JAWAB_BENCH_DATA to a data dir")
	}
	ctx := context.Background()
	var st *Store
	b.Run("open", func(b *testing.B) {
		for b.Loop() {
			if st != nil {
				st.Close()
			}
			var err error
			if st, err = Open(ctx, dir, Options{ReadOnly: true}); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(must.Value(st.Stats(context.Background())).Chunks), "chunks")
	})
	defer st.Close()
	questions := []string{
		"When did Beyonce become popular?", "Who founded the Mughal empire?",
		"What is the capital of Pakistan?", "How long is the river Indus?",
		"Where was Frederic Chopin born?", "Which company makes the iPod?",
	}
	vecs, err := embed.NewLocal().Embed(ctx, questions, rag.ForQuery)
	if err != nil {
		b.Fatal(err)
	}
	t0 := time.Now()
	if _, err := st.VectorSearch(ctx, vecs[0], 40, rag.Filter{}); err != nil {
		b.Fatal(err)
	}
	b.Logf("first vector search: %v", time.Since(t0))
	b.Run("vector-local-embedder", func(b *testing.B) {
		i := 0
		for b.Loop() {
			if _, err := st.VectorSearch(ctx, vecs[i%len(vecs)], 40, rag.Filter{}); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
	b.Run("keyword", func(b *testing.B) {
		for b.Loop() {
			st.KeywordSearch(ctx, "پاکستان کا دارالحکومت کیا ہے", 40, rag.Filter{})
		}
	})
}
