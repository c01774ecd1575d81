package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/jawab/jawab/rag"
)

// benchStore fills an in-memory store (no disk: this measures search, not
// commits) with n one-chunk documents of random 1024-d vectors and Urdu-like text.
func benchStore(b *testing.B, n int) *Store {
	b.Helper()
	st := newGenState()
	st.meta = Meta{Format: formatVersion, Embedder: "bench", Dimension: 1024}
	rng := rand.New(rand.NewPCG(1, 2))
	words := strings.Fields("روس پاکستان ویکسین گیس پائپ لائن کراچی لاہور وزیر خارجہ ملاقات تعاون توانائی معاہدہ دورہ ماسکو اسلام آباد تجارت سٹیل مل")
	for i := range n {
		v := make([]float32, 1024)
		for j := range v {
			v[j] = float32(rng.NormFloat64())
		}
		var sb strings.Builder
		for range 60 {
			sb.WriteString(words[rng.IntN(len(words))] + " ")
		}
		sb.WriteString(fmt.Sprintf("لفظ%d۔", i))
		text := sb.String()
		r := &record{Doc: rag.Document{ID: fmt.Sprintf("d%d", i), Text: text}, Chunks: []recordChunk{{Start: 0, End: len([]rune(text)), Key: fmt.Sprint(i)}}, Vectors: [][]float32{v}}
		if err := st.add(context.Background(), r); err != nil {
			b.Fatal(err)
		}
	}
	return &Store{meta: st.meta, docs: st.docs, vectors: st.vectors, col: st.col, rows: st.rows, kw: st.kw, fail: func(string, string) {}}
}

func BenchmarkSearch(b *testing.B) {
	for _, n := range []int{1_000, 10_000} {
		s := benchStore(b, n)
		vec := make([]float32, 1024)
		for i := range vec {
			vec[i] = float32(i%7) - 3
		}
		b.Run(fmt.Sprintf("vector/chunks=%d", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := s.VectorSearch(context.Background(), vec, 40, rag.Filter{}); err != nil {
					b.Fatal(err)
				}
			}
		})
		// A question embedded by the local embedder: about 80 of 1,024 components.
		sparse := make([]float32, 1024)
		for i := 0; i < len(sparse); i += 13 {
			sparse[i] = float32(i%7) - 3
		}
		b.Run(fmt.Sprintf("vector-sparse/chunks=%d", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := s.VectorSearch(context.Background(), sparse, 40, rag.Filter{}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("keyword/chunks=%d", n), func(b *testing.B) {
			for b.Loop() {
				s.KeywordSearch(context.Background(), "روس نے پاکستان کو ویکسین کب دی", 40, rag.Filter{})
			}
		})
	}
}
