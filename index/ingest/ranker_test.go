package ingest

import (
	"context"
	"strings"
	"testing"

	"github.com/jawab/jawab/index"
	"github.com/jawab/jawab/index/load"
	"github.com/jawab/jawab/internal/must"
	"github.com/jawab/jawab/rag"
)

// The ingester binds the ranker version with the embedder, before writing:
// an empty index records it, and an index built for another refuses with
// nothing written or embedded.
func TestIngesterBindsTheRanker(t *testing.T) {
	ctx := context.Background()
	emb := &countingEmbedder{}
	in := newIngester(t, emb)
	in.Ranker = "rank-v1"
	items := []load.Item{{Path: "a.txt", Doc: rag.Document{ID: "a", Title: "t", Lang: "ur", Text: sentences("a", 3)}}}
	if _, sum, err := in.Items(ctx, items); err != nil || sum.Added != 1 {
		t.Fatalf("first ingest: %+v, %v", sum, err)
	}
	if m := must.Value(in.Store.Meta(context.Background())); m.Ranker != "rank-v1" {
		t.Errorf("Meta after ingest = %+v, want ranker rank-v1", m)
	}
	embedded := emb.count()
	in.Ranker = "rank-v2"
	items[0].Doc.Text = sentences("b", 3)
	_, sum, err := in.Items(ctx, items)
	if rag.ErrorCode(err) != rag.Conflict || !strings.Contains(err.Error(), "rank-v1") || !strings.Contains(err.Error(), "rank-v2") {
		t.Errorf("ingest for another ranker: err = %v, want a conflict naming both versions", err)
	}
	if sum.Updated != 0 || emb.count() != embedded {
		t.Errorf("ingest for another ranker: %+v, %d texts embedded; want nothing done", sum, emb.count()-embedded)
	}
	if _, err := in.Run(ctx, nil, false); rag.ErrorCode(err) != rag.Conflict {
		t.Errorf("Run for another ranker: err = %v, want a conflict", err)
	}
}

// Copy (jawab migrate) gives the destination the source's recorded ranker.
func TestCopyCarriesTheRanker(t *testing.T) {
	ctx := context.Background()
	in := newIngester(t, &countingEmbedder{})
	in.Ranker = "rank-v1"
	items := []load.Item{{Path: "a.txt", Doc: rag.Document{ID: "a", Title: "t", Lang: "ur", Text: sentences("a", 3)}}}
	if _, _, err := in.Items(ctx, items); err != nil {
		t.Fatal(err)
	}
	open := func() index.Store { return newIngester(t, nil).Store }
	dst := open()
	if sum, err := Copy(ctx, dst, in.Store, nil); err != nil || sum.Copied != 1 {
		t.Fatalf("Copy: %+v, %v", sum, err)
	}
	if m := must.Value(dst.Meta(context.Background())); m.Ranker != "rank-v1" || m.Embedder != "counting" {
		t.Errorf("destination Meta = %+v, want ranker rank-v1 and embedder counting", m)
	}

	// A destination built for another version refuses, and gets nothing.
	other := open()
	if err := other.Bind(context.Background(), "counting", 4); err != nil {
		t.Fatal(err)
	}
	if err := other.BindRanker(context.Background(), "rank-v0"); err != nil {
		t.Fatal(err)
	}
	if _, err := Copy(ctx, other, in.Store, nil); rag.ErrorCode(err) != rag.Conflict {
		t.Errorf("Copy into an index for another ranker: err = %v, want a conflict", err)
	}
	if st := must.Value(other.Stats(context.Background())); st.Documents != 0 {
		t.Errorf("the refused destination holds %d documents", st.Documents)
	}
}
