package ingest

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/jawab/jawab/index"
	"github.com/jawab/jawab/rag"
	"github.com/jawab/jawab/text"
)

// Verifier checks that every chunk a store records is found by both of its
// search indexes: by its own stored vector (VectorSearch, no filter: the
// whole vector index, HNSW in Weaviate) and by its own words (one
// KeywordSearch per document, within the document, for a few words of each
// chunk; a chunk of stopwords only is not in the keyword index by design). It works through index.Store alone, so it checks
// the embedded store's in-memory indexes against its records as it checks
// one Weaviate node (opened on that node alone, at consistency ONE).
type Verifier struct {
	Store index.Store
	// Embedder re-embeds, for Repair, the chunks whose stored vector is
	// gone; without it their documents cannot be repaired.
	Embedder rag.Embedder
	// Sample, when positive, checks this many documents spread evenly over
	// the index instead of all.
	Sample int
	// Workers is how many documents are checked at once (default 12).
	Workers int
	// Progress, when set, is called after each document.
	Progress func(done, total int)
	// Nearest, when set, finds the k chunks nearest to a vector without
	// breaking ties or reading the hits' text (weaviate.Store.Nearest):
	// cheaper than Store.VectorSearch, used by default.
	Nearest func(ctx context.Context, vec []float32, k int) ([]rag.Hit, error)
	// Chunks, when set, reads a document's chunks with their stored
	// vectors (nil where none is stored) in one call
	// (weaviate.Store.ChunksOf); by default Store.Get and Store.Vectors.
	Chunks func(ctx context.Context, id string) ([]rag.Chunk, [][]float32, error)
}

// chunksOf reads a document's chunks and their stored vectors.
func (v *Verifier) chunksOf(ctx context.Context, id string) ([]rag.Chunk, [][]float32, error) {
	if v.Chunks != nil {
		return v.Chunks(ctx, id)
	}
	_, chunks, err := v.Store.Get(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	keys := make([]string, len(chunks))
	for i, c := range chunks {
		keys[i] = ChunkKey(c.Text)
	}
	found, err := v.Store.Vectors(ctx, keys)
	if err != nil {
		return nil, nil, err
	}
	vecs := make([][]float32, len(chunks))
	for i, k := range keys {
		vecs[i] = found[k]
	}
	return chunks, vecs, nil
}

// Hole is a chunk that one search index does not find.
type Hole struct {
	Chunk string `json:"chunk"`
	Doc   string `json:"doc"`
	// Index is "vector" (not found by its own vector), "no-vector" (no
	// vector stored for it) or "keyword" (not found by its own text).
	Index string `json:"index"`
}

// Report is what a verification found.
type Report struct {
	Documents int           `json:"documents"`
	Chunks    int           `json:"chunks"`
	Holes     []Hole        `json:"holes"`
	Elapsed   time.Duration `json:"elapsed_ns"`
}

// Count is the number of holes in the index named ("vector" counts
// "no-vector" too).
func (r Report) Count(idx string) int {
	n := 0
	for _, h := range r.Holes {
		if h.Index == idx || idx == "vector" && h.Index == "no-vector" {
			n++
		}
	}
	return n
}

// Docs lists the documents that have holes, in order.
func (r Report) Docs() []string {
	var out []string
	for _, h := range r.Holes {
		out = append(out, h.Doc)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// vectorDepth is how many nearest neighbours a chunk's own vector must be
// among.
const vectorDepth = 3

// keywordTerms is how many of a chunk's words look for it.
const keywordTerms = 2

// Verify checks every document (or the sample).
func (v *Verifier) Verify(ctx context.Context) (Report, error) {
	docs, err := v.Store.List(ctx)
	if err != nil {
		return Report{}, fmt.Errorf("verify: %w", err)
	}
	ids := make([]string, len(docs))
	for i, d := range docs {
		ids[i] = d.ID
	}
	if v.Sample > 0 && v.Sample < len(ids) {
		sample := make([]string, v.Sample)
		for i := range sample {
			sample[i] = ids[i*len(ids)/v.Sample]
		}
		ids = sample
	}
	return v.VerifyDocs(ctx, ids)
}

// VerifyDocs checks the documents named.
func (v *Verifier) VerifyDocs(ctx context.Context, ids []string) (Report, error) {
	start := time.Now()
	workers := v.Workers
	if workers <= 0 {
		workers = 12
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var (
		mu   sync.Mutex
		rep  = Report{Documents: len(ids)}
		done int
		wg   sync.WaitGroup
	)
	next := make(chan string)
	for range min(workers, max(len(ids), 1)) {
		wg.Go(func() {
			for id := range next {
				chunks, holes, err := v.verifyDoc(ctx, id)
				mu.Lock()
				if err != nil {
					cancel(fmt.Errorf("verify %s: %w", id, err))
				}
				rep.Chunks += chunks
				rep.Holes = append(rep.Holes, holes...)
				done++
				if v.Progress != nil {
					v.Progress(done, len(ids))
				}
				mu.Unlock()
			}
		})
	}
feed:
	for _, id := range ids {
		select {
		case next <- id:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err := context.Cause(ctx); err != nil {
		return rep, err
	}
	slices.SortFunc(rep.Holes, func(a, b Hole) int {
		return cmp.Or(strings.Compare(a.Chunk, b.Chunk), strings.Compare(a.Index, b.Index))
	})
	rep.Elapsed = time.Since(start)
	return rep, nil
}

func (v *Verifier) verifyDoc(ctx context.Context, id string) (int, []Hole, error) {
	chunks, vecs, err := v.chunksOf(ctx, id)
	if err != nil {
		return 0, nil, err
	}
	var holes []Hole
	inDoc := rag.Filter{DocIDs: []string{id}}
	var words []string // a few words of each chunk, for one keyword search
	keyworded := map[string]bool{}
	for i, c := range chunks {
		vec := vecs[i]
		switch {
		case vec == nil:
			holes = append(holes, Hole{Chunk: c.ID, Doc: id, Index: "no-vector"})
		default:
			found, err := v.foundByVector(ctx, c.ID, vec, len(chunks), inDoc)
			if err != nil {
				return 0, nil, err
			}
			if !found {
				holes = append(holes, Hole{Chunk: c.ID, Doc: id, Index: "vector"})
			}
		}
		if own := longest(text.ContentTokens(c.Text), keywordTerms); len(own) > 0 {
			words = append(words, own...)
			keyworded[c.ID] = true
		} // else the keyword index keeps no word of it
	}
	if len(words) == 0 {
		return len(chunks), holes, nil
	}
	// One search of the document's chunks for a few words of each: every
	// chunk holds some of them, so the document's k best hits are all its
	// chunks that the keyword index holds.
	hits, err := v.Store.KeywordSearch(ctx, strings.Join(words, " "), len(chunks), inDoc)
	if err != nil {
		return 0, nil, err
	}
	for _, h := range hits {
		delete(keyworded, h.Chunk.ID)
	}
	for _, c := range chunks {
		if keyworded[c.ID] {
			holes = append(holes, Hole{Chunk: c.ID, Doc: id, Index: "keyword"})
		}
	}
	return len(chunks), holes, nil
}

// longest returns the n longest distinct tokens (the longer, the rarer,
// usually: a cheaper search).
func longest(tokens []string, n int) []string {
	tokens = slices.Clone(tokens)
	slices.SortFunc(tokens, func(a, b string) int { return cmp.Or(len(b)-len(a), strings.Compare(a, b)) })
	tokens = slices.Compact(tokens)
	return tokens[:min(n, len(tokens))]
}

// foundByVector searches the whole vector index for the chunk's own vector.
// Chunks with the same text have the same vector: when the nearest are all
// such twins, the chunk is looked for among its document's chunks instead.
func (v *Verifier) foundByVector(ctx context.Context, chunkID string, vec []float32, docChunks int, inDoc rag.Filter) (bool, error) {
	nearest := v.Nearest
	if nearest == nil {
		nearest = func(ctx context.Context, vec []float32, k int) ([]rag.Hit, error) {
			return v.Store.VectorSearch(ctx, vec, k, rag.Filter{})
		}
	}
	hits, err := nearest(ctx, vec, vectorDepth)
	if err != nil {
		return false, err
	}
	if slices.ContainsFunc(hits, func(h rag.Hit) bool { return h.Chunk.ID == chunkID }) {
		return true, nil
	}
	if len(hits) < vectorDepth || hits[len(hits)-1].Score < 0.9999 {
		return false, nil
	}
	hits, err = v.Store.VectorSearch(ctx, vec, docChunks, inDoc)
	if err != nil {
		return false, err
	}
	return slices.ContainsFunc(hits, func(h rag.Hit) bool { return h.Chunk.ID == chunkID && h.Score >= 0.9999 }), nil
}

// Repair writes the documents named again, each with its chunks and their
// stored vectors (re-embedded where none is stored): it deletes the
// document first, as an engine may skip re-indexing an object written again
// unchanged, so the document is briefly absent from searches. It returns how
// many documents it wrote.
func (v *Verifier) Repair(ctx context.Context, ids []string) (int, error) {
	for i, id := range ids {
		doc, chunks, err := v.Store.Get(ctx, id)
		if err != nil {
			return i, fmt.Errorf("repair %s: %w", id, err)
		}
		keys := make([]string, len(chunks))
		for j, c := range chunks {
			keys[j] = ChunkKey(c.Text)
		}
		found, err := v.Store.Vectors(ctx, keys)
		if err != nil {
			return i, fmt.Errorf("repair %s: %w", id, err)
		}
		vecs := make([][]float32, len(chunks))
		var missing []int
		for j, k := range keys {
			if vecs[j] = found[k]; vecs[j] == nil {
				missing = append(missing, j)
			}
		}
		if len(missing) > 0 {
			if v.Embedder == nil {
				return i, rag.Errorf(rag.Internal, "repair %s: %d chunks have no stored vector and no embedder was given", id, len(missing))
			}
			texts := make([]string, len(missing))
			for j, m := range missing {
				texts[j] = chunks[m].Text
			}
			out, err := v.Embedder.Embed(ctx, texts, rag.ForPassage)
			if err != nil {
				return i, fmt.Errorf("repair %s: embed: %w", id, err)
			}
			for j, m := range missing {
				vecs[m] = out[j]
			}
		}
		if err := v.Store.Delete(ctx, id); err != nil {
			return i, fmt.Errorf("repair %s: %w", id, err)
		}
		if _, err := v.Store.UpsertBatch(ctx, []index.Item{{Doc: doc, Chunks: chunks, Keys: keys, Vectors: vecs}}); err != nil {
			return i, fmt.Errorf("repair %s: %w (the document was deleted; ingest it again)", id, err)
		}
	}
	return len(ids), nil
}
