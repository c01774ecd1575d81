package weaviate

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jawab/jawab/index"
	"github.com/jawab/jawab/index/storetest"
	"github.com/jawab/jawab/index/weaviate/weaviatetest"
	"github.com/jawab/jawab/internal/must"
	"github.com/jawab/jawab/rag"
)

// A reindex whose listing fails keeps the old index: it once built an empty
// generation from a listing that had failed silently, switched to it and
// dropped the old one ("reindexed 0 documents"). The fault is a listing
// deadline that passes before the first page.
func TestRebuildKeepsTheIndexWhenListingFails(t *testing.T) {
	node := weaviatetest.StartNode(t)
	ctx := weaviatetest.Context(t)
	cfg := Config{URL: node.URL(), GRPC: node.GRPCAddr(), Class: "ListFault", Replicas: 1}
	s, err := Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	docs := []storetest.Doc{
		{ID: "a", Sentences: []string{"پاکستان اور روس کے تعلقات۔", "سفارتی تعلقات 1948 میں قائم ہوئے۔"}},
		{ID: "b", Sentences: []string{"گیس پائپ لائن کراچی سے لاہور تک۔"}},
	}
	var items []index.Item
	for _, d := range docs {
		items = append(items, d.Item())
	}
	if err := s.Bind(context.Background(), "storetest", len(items[0].Vectors[0])); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UpsertBatch(ctx, items); err != nil {
		t.Fatal(err)
	}
	ids := func(s *Store) []string {
		t.Helper()
		all, err := s.List(ctx)
		if err != nil {
			t.Fatalf("list: %v", err)
		}
		var out []string
		for _, d := range all {
			out = append(out, d.ID)
		}
		return out
	}
	before, gen := ids(s), s.meta.Generation

	s.cfg.Timeout = time.Nanosecond
	rebuilt := 0
	err = s.Rebuild(ctx, "other-embedder", "", func(ctx context.Context, d rag.Document) ([]rag.Chunk, []string, [][]float32, error) {
		rebuilt++
		return nil, nil, nil, nil
	}, nil)
	s.cfg.Timeout = 30 * time.Second
	if err == nil || !strings.Contains(err.Error(), "unchanged") {
		t.Fatalf("Rebuild with a failing listing: %v, want an error saying the index is unchanged", err)
	}
	if rebuilt != 0 {
		t.Errorf("%d documents were rebuilt from a failed listing", rebuilt)
	}
	if after := ids(s); !slices.Equal(after, before) || s.meta.Generation != gen || must.Value(s.Meta(context.Background())).Embedder != "storetest" {
		t.Errorf("after the failed reindex: %v, generation %d, embedder %s; want %v, %d, storetest", after, s.meta.Generation, must.Value(s.Meta(context.Background())).Embedder, before, gen)
	}
	again, err := Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if got := ids(again); !slices.Equal(got, before) {
		t.Errorf("reopened: %v, want %v", got, before)
	}
	if hits, err := again.KeywordSearch(ctx, "پائپ لائن", 5, rag.Filter{}); err != nil || len(hits) == 0 || hits[0].Chunk.DocID != "b" {
		t.Errorf("search after the failed reindex: %v, %v", hits, err)
	}
}
