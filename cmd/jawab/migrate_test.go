package main

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/jawab/jawab/index/ingest"
	"github.com/jawab/jawab/index/store"
	"github.com/jawab/jawab/index/storetest"
	"github.com/jawab/jawab/index/weaviate"
	"github.com/jawab/jawab/index/weaviate/weaviatetest"
	"github.com/jawab/jawab/internal/must"
	"github.com/jawab/jawab/rag"
)

// TestMigrateLocalToWeaviate copies an ingested data dir into Weaviate and
// checks that every document, chunk and vector arrived unchanged, that a
// second run copies nothing, that the recorded embedder and ranking model
// version came along, and that "jawab ask" on Weaviate gives the local answer.
func TestMigrateLocalToWeaviate(t *testing.T) {
	node := weaviatetest.StartNode(t)
	dir := t.TempDir()
	local := map[string]string{"JAWAB_DATA": dir}
	remote := map[string]string{"JAWAB_DATA": dir, "JAWAB_STORE": "weaviate", "JAWAB_WEAVIATE_URL": node.URL(),
		"JAWAB_WEAVIATE_GRPC": node.GRPCAddr(), "JAWAB_WEAVIATE_CLASS": "Migrated"}
	mustJawab(t, local, "ingest")

	// Without JAWAB_STORE the destination is still read from JAWAB_WEAVIATE_*.
	env := map[string]string{"JAWAB_DATA": dir, "JAWAB_WEAVIATE_URL": node.URL(), "JAWAB_WEAVIATE_GRPC": node.GRPCAddr(), "JAWAB_WEAVIATE_CLASS": "Migrated"}
	r := mustJawab(t, env, "migrate", "--from", "local", "--to", "weaviate")
	if !strings.Contains(r.stdout, "5 documents copied") {
		t.Errorf("migrate printed %q, want 5 documents copied", r.stdout)
	}
	r = mustJawab(t, env, "migrate", "--from", "local", "--to", "weaviate")
	if !strings.Contains(r.stdout, "0 documents copied") || !strings.Contains(r.stdout, "5 already there") {
		t.Errorf("second migrate printed %q, want nothing copied", r.stdout)
	}

	ctx := context.Background()
	src, err := store.Open(ctx, dir, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst, err := weaviate.Open(ctx, weaviate.Config{URL: node.URL(), GRPC: node.GRPCAddr(), Class: "Migrated"})
	if err != nil {
		t.Fatal(err)
	}
	if s, d := must.Value(src.Meta(context.Background())), must.Value(dst.Meta(context.Background())); s.Embedder != d.Embedder || s.Dimension != d.Dimension {
		t.Errorf("embedder %s/%d copied as %s/%d", s.Embedder, s.Dimension, d.Embedder, d.Dimension)
	}
	if s, d := must.Value(src.Meta(context.Background())), must.Value(dst.Meta(context.Background())); s.Ranker == "" || d.Ranker != s.Ranker {
		t.Errorf("ranking model version %q copied as %q", s.Ranker, d.Ranker)
	}
	for _, info := range listed(t, src) {
		sd, sc, err := src.Get(context.Background(), info.ID)
		if err != nil {
			t.Fatal(err)
		}
		dd, dc, err := dst.Get(context.Background(), info.ID)
		if err != nil {
			t.Fatalf("%s was not copied: %v", info.ID, err)
		}
		if sd.Text != dd.Text || sd.Hash != dd.Hash || sd.Title != dd.Title || !slices.Equal(sc, dc) {
			t.Errorf("%s differs after the copy", info.ID)
		}
		for _, c := range sc {
			sv, _ := storetest.Vector(src, ingest.ChunkKey(c.Text))
			dv, ok := storetest.Vector(dst, ingest.ChunkKey(c.Text))
			if !ok || !slices.Equal(sv, dv) {
				t.Errorf("the vector of %s differs after the copy", c.ID)
			}
		}
	}

	q := "پاکستان میں کس روسی ویکسین کی رجسٹریشن ہوئی؟"
	var la, ra rag.Answer
	if err := json.Unmarshal([]byte(mustJawab(t, local, "ask", "--json", q).stdout), &la); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(mustJawab(t, remote, "ask", "--json", q).stdout), &ra); err != nil {
		t.Fatal(err)
	}
	if la.Answer != ra.Answer || len(la.Passages) != len(ra.Passages) || la.Passages[0].ChunkID != ra.Passages[0].ChunkID {
		t.Errorf("ask on weaviate answered %q (first passage %v), locally %q (%v)", ra.Answer, ra.Passages, la.Answer, la.Passages)
	}
	r = mustJawab(t, remote, "docs", "list", "--json")
	if !strings.Contains(r.stdout, "000_c226a50e9c4de795") {
		t.Errorf("docs list on weaviate: %s", r.stdout)
	}
}
