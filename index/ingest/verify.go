package ingest

import (
	"cmp"
	"context"
	"fmt"
	"math"
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
// KeywordSearch per group of documents, within them, for a few words of each
// chunk; a chunk of stopwords only is not in the keyword index by design).
// It works through index.Store alone, so it checks the embedded store's
// in-memory indexes against its records as it checks one Weaviate node
// (opened on that node alone, at consistency ONE).
//
// A search of the whole vector index that returns a chunk proves that chunk
// is in the index and reachable, so a chunk already returned by the search
// for another chunk's vector, at the distance its own stored vector has from
// that vector, needs no search of its own: each search asks for the 10
// nearest and so vouches for its neighbours too. A chunk missing from the
// index, or unreachable in its graph, is never returned, so it always gets
// its own search, and is found.
type Verifier struct {
	Store index.Store
	// Embedder re-embeds, for Repair, the chunks whose stored vector is
	// gone; without it their documents cannot be repaired.
	Embedder rag.Embedder
	// Sample, when positive, checks this many documents spread evenly over
	// the index instead of all.
	Sample int
	// Workers is how many groups of documents are checked at once
	// (default 12).
	Workers int
	// Group is how many documents one call reads and one keyword search
	// checks (default 16; 1 checks each document alone).
	Group int
	// SearchEach searches every chunk's own vector (its 3 nearest), even
	// when another chunk's search has already returned it: the first
	// version's way, kept as the benchmark's reference.
	SearchEach bool
	// Progress, when set, is called after each group of documents.
	Progress func(done, total int)
	// Nearest, when set, finds the k chunks nearest to a vector without
	// breaking ties or reading the hits' text (weaviate.Store.Nearest):
	// cheaper than Store.VectorSearch, used by default.
	Nearest func(ctx context.Context, vec []float32, k int) ([]rag.Hit, error)
	// Chunks, when set, reads several documents' chunks with their stored
	// vectors (nil where none is stored) in one call, in any order
	// (weaviate.Store.ChunksOf); by default Store.Get and Store.Vectors for
	// each document.
	Chunks func(ctx context.Context, ids []string) ([]rag.Chunk, [][]float32, error)
}

// chunksOf reads documents' chunks and their stored vectors, grouped by
// document in the order of ids, each document's in order.
func (v *Verifier) chunksOf(ctx context.Context, ids []string) ([][]rag.Chunk, [][][]float32, error) {
	byDoc := make(map[string]int, len(ids))
	for i, id := range ids {
		byDoc[id] = i
	}
	chunks, vecs := make([][]rag.Chunk, len(ids)), make([][][]float32, len(ids))
	if v.Chunks != nil {
		all, allVecs, err := v.Chunks(ctx, ids)
		if err != nil {
			return nil, nil, err
		}
		order := make([]int, len(all))
		for j := range order {
			order[j] = j
		}
		slices.SortFunc(order, func(a, b int) int { return cmp.Compare(all[a].Ordinal, all[b].Ordinal) })
		for _, j := range order {
			i, ok := byDoc[all[j].DocID]
			if !ok {
				return nil, nil, rag.Errorf(rag.Internal, "read the chunks of %d documents: got chunk %s of another", len(ids), all[j].ID)
			}
			chunks[i], vecs[i] = append(chunks[i], all[j]), append(vecs[i], allVecs[j])
		}
		return chunks, vecs, nil
	}
	for i, id := range ids {
		_, cs, err := v.Store.Get(ctx, id)
		if err != nil {
			return nil, nil, err
		}
		keys := make([]string, len(cs))
		for j, c := range cs {
			keys[j] = ChunkKey(c.Text)
		}
		found, err := v.Store.Vectors(ctx, keys)
		if err != nil {
			return nil, nil, err
		}
		chunks[i], vecs[i] = cs, make([][]float32, len(cs))
		for j, k := range keys {
			vecs[i][j] = found[k]
		}
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

// A chunk's own search asks for its coverDepth nearest (vectorDepth with
// SearchEach), and the chunk must be among them; the others it returns are
// vouched for. Weaviate's HNSW search does the same work for any k up to
// 12: its beam is 8k wide, 100 at least.
const (
	vectorDepth = 3
	coverDepth  = 10
)

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
	workers := cmp.Or(max(v.Workers, 0), 12)
	group := cmp.Or(max(v.Group, 0), 16)
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var (
		mu   sync.Mutex
		rep  = Report{Documents: len(ids)}
		done int
		wg   sync.WaitGroup
		seen = &sightings{by: map[string][]sighting{}}
	)
	next := make(chan []string)
	for range min(workers, max(len(ids), 1)) {
		wg.Go(func() {
			for g := range next {
				chunks, holes, err := v.verifyGroup(ctx, g, seen)
				mu.Lock()
				if err != nil {
					cancel(fmt.Errorf("verify %s: %w", strings.Join(g, ", "), err))
				}
				rep.Chunks += chunks
				rep.Holes = append(rep.Holes, holes...)
				done += len(g)
				if v.Progress != nil {
					v.Progress(done, len(ids))
				}
				mu.Unlock()
			}
		})
	}
feed:
	for g := range slices.Chunk(ids, group) {
		select {
		case next <- g:
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

// verifyGroup checks a few documents: their chunks read in one call, each
// chunk's vector, and all their chunks' words in one keyword search within
// them.
func (v *Verifier) verifyGroup(ctx context.Context, ids []string, seen *sightings) (int, []Hole, error) {
	chunks, vecs, err := v.chunksOf(ctx, ids)
	if err != nil {
		return 0, nil, err
	}
	var holes []Hole
	var words []string // a few words of each chunk, for one keyword search
	keyworded := map[string]bool{}
	total := 0
	for d, id := range ids {
		total += len(chunks[d])
		for i, c := range chunks[d] {
			vec := vecs[d][i]
			switch {
			case vec == nil:
				holes = append(holes, Hole{Chunk: c.ID, Doc: id, Index: "no-vector"})
			case !v.SearchEach && seen.vouch(c.ID, vec):
				// another chunk's search returned it, at its own vector's distance
			default:
				found, err := v.foundByVector(ctx, c.ID, vec, len(chunks[d]), rag.Filter{DocIDs: []string{id}}, seen)
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
	}
	if len(words) == 0 {
		return total, holes, nil
	}
	// One search of the documents' chunks for a few words of each: every
	// chunk holds some of them, so the documents' k best hits, k their
	// chunks in all, are all their chunks that the keyword index holds.
	slices.Sort(words)
	hits, err := v.Store.KeywordSearch(ctx, strings.Join(slices.Compact(words), " "), total, rag.Filter{DocIDs: ids})
	if err != nil {
		return 0, nil, err
	}
	for _, h := range hits {
		delete(keyworded, h.Chunk.ID)
	}
	for d, id := range ids {
		for _, c := range chunks[d] {
			if keyworded[c.ID] {
				holes = append(holes, Hole{Chunk: c.ID, Doc: id, Index: "keyword"})
			}
		}
	}
	return total, holes, nil
}

// longest returns the n longest distinct tokens (the longer, the rarer,
// usually: a cheaper search).
func longest(tokens []string, n int) []string {
	tokens = slices.Clone(tokens)
	slices.SortFunc(tokens, func(a, b string) int { return cmp.Or(len(b)-len(a), strings.Compare(a, b)) })
	tokens = slices.Compact(tokens)
	return tokens[:min(n, len(tokens))]
}

// foundByVector searches the whole vector index for the chunk's own vector
// and records what else the search returned (seen). Chunks with the same
// text have the same vector: when the nearest are all such twins, the chunk
// is looked for among its document's chunks instead.
func (v *Verifier) foundByVector(ctx context.Context, chunkID string, vec []float32, docChunks int, inDoc rag.Filter, seen *sightings) (bool, error) {
	nearest := v.Nearest
	if nearest == nil {
		nearest = func(ctx context.Context, vec []float32, k int) ([]rag.Hit, error) {
			return v.Store.VectorSearch(ctx, vec, k, rag.Filter{})
		}
	}
	depth := coverDepth
	if v.SearchEach {
		depth = vectorDepth
	}
	hits, err := nearest(ctx, vec, depth)
	if err != nil {
		return false, err
	}
	if !v.SearchEach {
		seen.record(vec, hits)
	}
	if slices.ContainsFunc(hits, func(h rag.Hit) bool { return h.Chunk.ID == chunkID }) {
		return true, nil
	}
	if len(hits) < depth || hits[len(hits)-1].Score < 0.9999 {
		return false, nil
	}
	hits, err = v.Store.VectorSearch(ctx, vec, docChunks, inDoc)
	if err != nil {
		return false, err
	}
	return slices.ContainsFunc(hits, func(h rag.Hit) bool { return h.Chunk.ID == chunkID && h.Score >= 0.9999 }), nil
}

// sightings are the chunks whole-index vector searches returned: for each,
// the query vectors and the similarity the index gave it.
type sightings struct {
	mu sync.Mutex
	by map[string][]sighting
}

type sighting struct {
	query []float32
	score float64
}

func (s *sightings) record(query []float32, hits []rag.Hit) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, h := range hits {
		s.by[h.Chunk.ID] = append(s.by[h.Chunk.ID], sighting{query, h.Score})
	}
}

// vouchTolerance is how far the similarity an index reports may be from
// the one computed here and still be the same vector's (Weaviate computes
// in float32; a vector that differs from the stored one is much further off).
const vouchTolerance = 1e-4

// vouch says whether a search has returned the chunk with the similarity
// its stored vector has to that search's query: the index holds it, with
// that vector, reachable from its entry point.
func (s *sightings) vouch(chunkID string, vec []float32) bool {
	s.mu.Lock()
	seen := slices.Clone(s.by[chunkID])
	s.mu.Unlock()
	return slices.ContainsFunc(seen, func(x sighting) bool { return math.Abs(cosine(x.query, vec)-x.score) <= vouchTolerance })
}

// cosine is the cosine similarity of two vectors, as the stores score it.
func cosine(a, b []float32) float64 {
	if len(a) != len(b) {
		return math.NaN()
	}
	var dot, na, nb float64
	for i := range a {
		dot += float64(a[i]) * float64(b[i])
		na += float64(a[i]) * float64(a[i])
		nb += float64(b[i]) * float64(b[i])
	}
	return dot / math.Sqrt(na*nb)
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
