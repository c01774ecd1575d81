package store

import (
	"cmp"
	"context"
	"slices"

	"github.com/jawab/jawab/index"
	"github.com/jawab/jawab/index/keyword"
	"github.com/jawab/jawab/rag"
)

// Stats reports the size of the index.
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	if err := ctx.Err(); err != nil {
		return Stats{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	n := 0
	for _, d := range s.docs {
		n += len(d.chunks)
	}
	return Stats{Documents: len(s.docs), Chunks: n, Embedder: s.meta.Embedder, Dimension: s.meta.Dimension,
		VectorChunks: s.col.Count(), KeywordChunks: s.kw.Len()}, nil
}

// Hash returns the stored content hash of a document.
func (s *Store) Hash(ctx context.Context, id string) (string, bool, error) {
	if err := ctx.Err(); err != nil {
		return "", false, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	d, ok := s.docs[id]
	if !ok {
		return "", false, nil
	}
	return d.info.Hash, true, nil
}

// Vectors returns the stored vectors of the chunks whose embedded text had
// these keys, so that unchanged text is never embedded twice.
func (s *Store) Vectors(ctx context.Context, keys []string) (map[string][]float32, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make(map[string][]float32, len(keys))
	for _, k := range keys {
		if cv, ok := s.vectors[k]; ok {
			out[k] = cv.vec
		}
	}
	return out, nil
}

// List returns every document's metadata, ordered by id. It reads memory
// and cannot fail but for a cancelled context.
func (s *Store) List(ctx context.Context) ([]rag.DocumentInfo, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	out := make([]rag.DocumentInfo, 0, len(s.docs))
	for _, d := range s.docs {
		out = append(out, d.info)
	}
	s.mu.RUnlock()
	slices.SortFunc(out, func(a, b rag.DocumentInfo) int { return cmp.Compare(a.ID, b.ID) })
	return out, nil
}

// Get returns a document and its chunks.
func (s *Store) Get(ctx context.Context, id string) (rag.Document, []rag.Chunk, error) {
	if err := ctx.Err(); err != nil {
		return rag.Document{}, nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	d, ok := s.docs[id]
	if !ok {
		return rag.Document{}, nil, rag.Errorf(rag.NotFound, "no document with id %q", id)
	}
	i := d.info
	doc := i.Document(d.text)
	chunks := make([]rag.Chunk, len(d.chunks))
	for j := range d.chunks {
		chunks[j] = d.chunk(i.ID, j)
	}
	return doc, chunks, nil
}

func (d *docState) chunk(docID string, i int) rag.Chunk {
	c := d.chunks[i]
	return rag.Chunk{ID: chunkID(docID, c.Ordinal), DocID: docID, Ordinal: c.Ordinal, Start: c.Start, End: c.End, Text: d.text[c.startByte:c.endByte]}
}

// resolve turns a chunk id from an index into a Chunk; false when the document
// changed or went away between the search and now.
func (s *Store) resolve(id string) (rag.Chunk, rag.DocumentInfo, bool) {
	d, docID, ord := s.lookup(id)
	if d == nil {
		return rag.Chunk{}, rag.DocumentInfo{}, false
	}
	return d.chunk(docID, ord), d.info, true
}

// accepts is f as a filter of chunk ids: nil when f lets every chunk pass,
// and none when no chunk can (then there is nothing to search). The store's
// bound on its newest publication date decides both for the date filters a
// question's time makes: an ask's as-of day that no document is newer than
// passes all, and the last weeks of a "latest" question over an older
// archive pass none, where the filter would be asked of every chunk a
// search touches and refuse them all. The caller holds mu.
func (s *Store) accepts(f rag.Filter) (accept func(id string) bool, none bool) {
	if f.IsZero() {
		return nil, false
	}
	if s.newest != nil {
		newest := s.newest.published
		if !f.From.IsZero() && !f.Undated && newest.Before(f.From) {
			return nil, true
		}
		if len(f.DocIDs) == 0 && len(f.Sources) == 0 && f.Lang == "" && f.From.IsZero() && f.Undated &&
			!f.To.IsZero() && !newest.After(f.To) {
			return nil, false
		}
	}
	return func(id string) bool {
		d, _, _ := s.lookup(id)
		return d != nil && f.Match(d.info)
	}, false
}

// lookup finds a chunk id's document; nil when it is not (or no longer) there.
func (s *Store) lookup(id string) (d *docState, docID string, ord int) {
	docID, ord, ok := parseChunkID(id)
	if !ok {
		return nil, "", 0
	}
	d = s.docs[docID]
	if d == nil || ord < 0 || ord >= len(d.chunks) {
		return nil, "", 0
	}
	return d, docID, ord
}

// KeywordSearch ranks chunks by BM25 over the query's terms (index.QueryTerms).
func (s *Store) KeywordSearch(ctx context.Context, query string, k int, f rag.Filter) ([]rag.Hit, error) {
	tokens := index.QueryTerms(query)
	terms := make([]keyword.WeightedTerm, len(tokens))
	for i, t := range tokens {
		terms[i] = keyword.WeightedTerm{Term: t, Weight: 1}
	}
	return s.keywordSearch(ctx, terms, k, f)
}

// AnyKeywordMatch reports whether KeywordSearch would find a chunk for the
// query under f, without ranking (see rag.KeywordMatcher).
func (s *Store) AnyKeywordMatch(ctx context.Context, query string, f rag.Filter) (bool, error) {
	if err := ctx.Err(); err != nil {
		return false, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	accept, none := s.accepts(f)
	if none {
		return false, nil
	}
	if accept == nil {
		// (A search returns only the chunks whose document it finds.)
		accept = func(id string) bool {
			d, _, _ := s.lookup(id)
			return d != nil
		}
	}
	return s.kw.Any(index.QueryTerms(query), accept), nil
}

// WeightedKeywordSearch ranks chunks by BM25 with each term's contribution
// weighted (see rag.WeightedSearcher).
func (s *Store) WeightedKeywordSearch(ctx context.Context, query []rag.WeightedTerm, k int, f rag.Filter) ([]rag.Hit, error) {
	terms := make([]keyword.WeightedTerm, len(query))
	for i, t := range query {
		terms[i] = keyword.WeightedTerm{Term: t.Term, Weight: t.Weight}
	}
	return s.keywordSearch(ctx, terms, k, f)
}

func (s *Store) keywordSearch(ctx context.Context, terms []keyword.WeightedTerm, k int, f rag.Filter) ([]rag.Hit, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// The read lock is held through the search, so that the filter, asked of
	// a few hundred chunks, does not take it each time.
	s.mu.RLock()
	defer s.mu.RUnlock()
	accept, none := s.accepts(f)
	if none {
		return []rag.Hit{}, nil
	}
	res := s.kw.SearchWeighted(terms, k, accept)
	hits := make([]rag.Hit, 0, len(res))
	for _, r := range res {
		if c, info, ok := s.resolve(r.ID); ok {
			hits = append(hits, rag.Hit{Chunk: c, Doc: info, Score: r.Score})
		}
	}
	return hits, nil
}

// Vocabulary calls fn with each word of the collection and the number of
// chunks holding it (see rag.Vocabulary).
func (s *Store) Vocabulary(fn func(word string, df int)) {
	s.mu.RLock()
	kw := s.kw
	s.mu.RUnlock()
	kw.Vocabulary(fn)
}

// VocabularySize changes when the vocabulary has grown (see rag.Vocabulary).
func (s *Store) VocabularySize() int {
	s.mu.RLock()
	kw := s.kw
	s.mu.RUnlock()
	return kw.VocabularySize()
}

// VectorSearch ranks chunks by cosine similarity to vec, exhaustively, over
// chromem-go's vectors. k larger than the index is clamped rather than an error.
func (s *Store) VectorSearch(ctx context.Context, vec []float32, k int, f rag.Filter) ([]rag.Hit, error) {
	if k <= 0 {
		return nil, nil
	}
	s.mu.RLock()
	col, dim := s.col, s.meta.Dimension
	s.mu.RUnlock()
	if dim != 0 && len(vec) != dim {
		return nil, rag.Errorf(rag.Invalid, "query vector has %d dimensions, the index has %d", len(vec), dim)
	}
	// A sparse query (the local embedder's) is scored over chromem-go's
	// vectors by its non-zero components only (see rows).
	if sparseEnough(vec) {
		return s.rowSearch(unitVector(vec), k, f), nil
	}
	// chromem-go filters only by exact metadata values, so filters are applied
	// to an over-fetched candidate list (index.TopK widens it, to everything
	// if needed, and also while a tie straddles the k-th place, since
	// chromem-go orders equal scores arbitrarily).
	n := k
	var keep func(rag.Hit) bool
	if !f.IsZero() {
		n = max(k*8, 200)
		keep = func(h rag.Hit) bool { return f.Match(h.Doc) }
	}
	return index.TopK(k, n, keep, func(n int) ([]rag.Hit, float64, bool, error) {
		for {
			count := col.Count()
			if count == 0 {
				return nil, 0, true, nil
			}
			n = min(n, count)
			res, err := col.QueryEmbedding(ctx, vec, n, nil, nil)
			if err != nil {
				// The count can shrink between Count and the query (a
				// concurrent delete): ask again for what there is.
				if col.Count() < n && ctx.Err() == nil {
					continue
				}
				return nil, 0, false, rag.Wrap(rag.Internal, err, "vector search")
			}
			if len(res) == 0 {
				return nil, 0, true, nil
			}
			s.mu.RLock()
			hits := make([]rag.Hit, 0, len(res))
			for _, r := range res {
				if c, info, ok := s.resolve(r.ID); ok {
					hits = append(hits, rag.Hit{Chunk: c, Doc: info, Score: float64(r.Similarity)})
				}
			}
			s.mu.RUnlock()
			return hits, float64(res[len(res)-1].Similarity), n >= count, nil
		}
	})
}

// rowSearch ranks chunks by their dot product with the unit vector vec,
// scanning rows.
func (s *Store) rowSearch(vec []float32, k int, f rag.Filter) []rag.Hit {
	s.mu.RLock()
	defer s.mu.RUnlock()
	accept, none := s.accepts(f)
	if none {
		return []rag.Hit{}
	}
	res := s.rows.search(vec, k, accept)
	hits := make([]rag.Hit, 0, len(res))
	for _, r := range res {
		if c, info, ok := s.resolve(r.id); ok {
			hits = append(hits, rag.Hit{Chunk: c, Doc: info, Score: float64(r.score)})
		}
	}
	return hits
}

// ChunkTerms returns a chunk's distinct content words as sorted ids (see
// rag.TermSets), or nil for an unknown chunk.
func (s *Store) ChunkTerms(chunkID string) []int32 {
	s.mu.RLock()
	kw := s.kw
	s.mu.RUnlock()
	return kw.Terms(chunkID)
}

// ChunkAnalysis returns a chunk's words sentence by sentence as the keyword
// index holds them (see rag.Analyses), so that ranking does not tokenise the
// passage again.
func (s *Store) ChunkAnalysis(chunkID string) (rag.Analysis, bool) {
	s.mu.RLock()
	kw := s.kw
	s.mu.RUnlock()
	words, stems, ends, next, ok := kw.Analysis(chunkID)
	return rag.Analysis{Words: words, Stems: stems, SentEnds: ends, Next: next}, ok
}

// IDFs are the keyword index's inverse document frequencies of folded tokens:
// how telling each word of a question is (the ranker and the answerability
// gate weigh words by them).
func (s *Store) IDFs(ctx context.Context, tokens []string) ([]float64, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	kw := s.kw
	s.mu.RUnlock()
	out := make([]float64, len(tokens))
	for i, t := range tokens {
		out[i] = kw.IDF(t)
	}
	return out, nil
}
