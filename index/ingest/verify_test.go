package ingest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/jawab/jawab/index"
	"github.com/jawab/jawab/index/embed"
	"github.com/jawab/jawab/rag"
)

// holeyStore hides one chunk from each search index, as an engine whose
// index lost an entry would.
type holeyStore struct {
	index.Store
	noVector, noKeyword string
}

func without(hits []rag.Hit, id string) []rag.Hit {
	return slices.DeleteFunc(hits, func(h rag.Hit) bool { return h.Chunk.ID == id })
}

func (s holeyStore) VectorSearch(ctx context.Context, vec []float32, k int, f rag.Filter) ([]rag.Hit, error) {
	hits, err := s.Store.VectorSearch(ctx, vec, k, f)
	return without(hits, s.noVector), err
}

func (s holeyStore) KeywordSearch(ctx context.Context, q string, k int, f rag.Filter) ([]rag.Hit, error) {
	hits, err := s.Store.KeywordSearch(ctx, q, k, f)
	return without(hits, s.noKeyword), err
}

func TestVerifyFindsHoles(t *testing.T) {
	in := newIngester(t, embed.NewLocal())
	fsys := fstest.MapFS{}
	for i := range 6 {
		fsys[fmt.Sprintf("%d.txt", i)] = &fstest.MapFile{Data: []byte(sentences(fmt.Sprintf("خبر%d", i), 30))}
	}
	sum, err := in.Run(context.Background(), []Source{{FS: fsys, Root: "."}}, false)
	if err != nil || sum.Added != 6 {
		t.Fatalf("ingest: %+v, %v", sum, err)
	}
	ctx := context.Background()
	rep, err := (&Verifier{Store: in.Store}).Verify(ctx)
	if err != nil || len(rep.Holes) != 0 || rep.Documents != 6 || rep.Chunks != sum.Chunks {
		t.Fatalf("a sound index: %+v, %v; want 6 documents, %d chunks, no holes", rep, err, sum.Chunks)
	}
	docs, _ := in.Store.List(ctx)
	_, chunks, _ := in.Store.Get(ctx, docs[2].ID)
	_, others, _ := in.Store.Get(ctx, docs[4].ID)
	holey := holeyStore{Store: in.Store, noVector: chunks[1].ID, noKeyword: others[0].ID}
	rep, err = (&Verifier{Store: holey, Workers: 3}).Verify(ctx)
	want := []Hole{{Chunk: chunks[1].ID, Doc: docs[2].ID, Index: "vector"}, {Chunk: others[0].ID, Doc: docs[4].ID, Index: "keyword"}}
	slices.SortFunc(want, func(a, b Hole) int { return strings.Compare(a.Chunk, b.Chunk) })
	if err != nil || !slices.Equal(rep.Holes, want) {
		t.Errorf("holes: %+v, %v; want %+v", rep.Holes, err, want)
	}
	if got := rep.Docs(); !slices.Equal(got, []string{docs[2].ID, docs[4].ID}) {
		t.Errorf("documents with holes: %v", got)
	}
	if rep.Count("vector") != 1 || rep.Count("keyword") != 1 {
		t.Errorf("counts: vector %d keyword %d; want 1 and 1", rep.Count("vector"), rep.Count("keyword"))
	}
	rep, err = (&Verifier{Store: holey, Sample: 2}).Verify(ctx)
	if err != nil || rep.Documents != 2 {
		t.Errorf("a sample of 2: %+v, %v", rep, err)
	}
	// Repair writes the documents again, unchanged.
	before, beforeChunks, _ := in.Store.Get(ctx, docs[2].ID)
	if n, err := (&Verifier{Store: in.Store}).Repair(ctx, []string{docs[2].ID}); n != 1 || err != nil {
		t.Fatalf("repair: %d, %v", n, err)
	}
	after, afterChunks, err := in.Store.Get(ctx, docs[2].ID)
	if err != nil || after.Text != before.Text || after.Hash != before.Hash || !slices.Equal(afterChunks, beforeChunks) {
		t.Errorf("after repair: %+v %v; want the document as it was", after, err)
	}
	if rep, err := (&Verifier{Store: in.Store}).Verify(ctx); err != nil || len(rep.Holes) != 0 || rep.Documents != 6 {
		t.Errorf("after repair: %+v, %v", rep, err)
	}
}
