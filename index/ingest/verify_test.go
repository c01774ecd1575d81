package ingest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
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

// probedStore records the query vector of each whole-index vector search
// and, as an index whose vector for one chunk differs from the stored one
// would, reports that chunk a little further from every query than it is.
type probedStore struct {
	index.Store
	drifted string
	mu      sync.Mutex
	queries [][]float32
}

func (s *probedStore) VectorSearch(ctx context.Context, vec []float32, k int, f rag.Filter) ([]rag.Hit, error) {
	hits, err := s.Store.VectorSearch(ctx, vec, k, f)
	if f.IsZero() {
		s.mu.Lock()
		s.queries = append(s.queries, vec)
		s.mu.Unlock()
	}
	for i := range hits {
		if hits[i].Chunk.ID == s.drifted {
			hits[i].Score -= 0.01
		}
	}
	return hits, err
}

// searched says whether vec was a query.
func (s *probedStore) searched(vec []float32) bool {
	return slices.ContainsFunc(s.queries, func(q []float32) bool { return slices.Equal(q, vec) })
}

// TestVerifyVouchesAtTheStoredVectorsDistance checks that a chunk another
// chunk's search returned skips its own search only when the index scored
// it as its stored vector scores: a sound index needs fewer searches than
// chunks and has no holes, and a chunk whose indexed vector is off gets a
// search of its own.
func TestVerifyVouchesAtTheStoredVectorsDistance(t *testing.T) {
	in := newIngester(t, embed.NewLocal())
	fsys := fstest.MapFS{}
	for i := range 6 {
		fsys[fmt.Sprintf("%d.txt", i)] = &fstest.MapFile{Data: []byte(sentences(fmt.Sprintf("خبر%d", i), 30))}
	}
	if _, err := in.Run(context.Background(), []Source{{FS: fsys, Root: "."}}, false); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	sound := &probedStore{Store: in.Store}
	rep, err := (&Verifier{Store: sound, Workers: 1}).Verify(ctx)
	if err != nil || len(rep.Holes) != 0 {
		t.Fatalf("a sound index: %+v, %v", rep, err)
	}
	if len(sound.queries) >= rep.Chunks {
		t.Errorf("%d searches for %d chunks; want fewer (chunks returned by other chunks' searches need none)", len(sound.queries), rep.Chunks)
	}
	each := &probedStore{Store: in.Store}
	if rep, err := (&Verifier{Store: each, Workers: 1, SearchEach: true}).Verify(ctx); err != nil || len(rep.Holes) != 0 || len(each.queries) != rep.Chunks {
		t.Errorf("SearchEach: %d searches for %+v, %v; want one a chunk, no holes", len(each.queries), rep, err)
	}
	// A chunk that needed no search of its own, then the same chunk
	// scored off by the index.
	docs, _ := in.Store.List(ctx)
	var vouched rag.Chunk
	var vec []float32
	for _, d := range docs {
		_, chunks, _ := in.Store.Get(ctx, d.ID)
		for _, c := range chunks {
			vs, err := in.Store.Vectors(ctx, []string{ChunkKey(c.Text)})
			if err != nil {
				t.Fatal(err)
			}
			if v := vs[ChunkKey(c.Text)]; !sound.searched(v) {
				vouched, vec = c, v
			}
		}
	}
	if vec == nil {
		t.Fatal("every chunk was searched for")
	}
	drifted := &probedStore{Store: in.Store, drifted: vouched.ID}
	if _, err := (&Verifier{Store: drifted, Workers: 1}).Verify(ctx); err != nil {
		t.Fatal(err)
	}
	if !drifted.searched(vec) {
		t.Errorf("chunk %s, returned by other searches at another similarity than its stored vector's, got no search of its own", vouched.ID)
	}
}
