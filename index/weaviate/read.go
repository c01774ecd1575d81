package weaviate

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"time"

	wv "github.com/weaviate/weaviate-go-client/v5/weaviate"
	"github.com/weaviate/weaviate-go-client/v5/weaviate/filters"
	"github.com/weaviate/weaviate-go-client/v5/weaviate/graphql"
	"github.com/weaviate/weaviate/entities/models"

	"github.com/jawab/jawab/index"
	"github.com/jawab/jawab/rag"
	"github.com/jawab/jawab/text"
)

// infoProps are the properties a DocumentInfo is read from.
var infoProps = []string{"doc_id", "title", "source", "url", "published", "modified", "date_source", "author", "lang", "hash", "runes", "chunks", "ingested"}

// hitProps are the properties a search hit is read from.
var hitProps = append(slices.Clone(infoProps), "ordinal", "start", "end", "text")

func (p props) info() rag.DocumentInfo {
	return rag.DocumentInfo{
		ID: p.str("doc_id"), Title: p.str("title"), Source: p.str("source"), URL: p.str("url"),
		Published: p.time("published"), Modified: p.time("modified"), DateSource: p.str("date_source"), Author: p.str("author"), Lang: p.str("lang"), Hash: p.str("hash"),
		Runes: p.int("runes"), Chunks: p.int("chunks"), Ingested: p.time("ingested"),
	}
}

func (p props) chunk() rag.Chunk {
	id, ord := p.str("doc_id"), p.int("ordinal")
	return rag.Chunk{ID: chunkID(id, ord), DocID: id, Ordinal: ord, Start: p.int("start"), End: p.int("end"), Text: p.str("text")}
}

// search runs one gRPC search.
func (s *Store) search(ctx context.Context, class string, limit int, where *filters.WhereBuilder, fields []string, md *graphql.Metadata,
	with func(*graphql.Search) *graphql.Search) ([]graphql.SearchResult, error) {
	var res []graphql.SearchResult
	err := s.do(ctx, op{what: "search " + class}, func(ctx context.Context, c *wv.Client) error {
		q := c.Experimental().Search().WithCollection(class).WithLimit(limit).
			WithProperties(fields...).WithConsistencyLevel(s.consistency)
		if md != nil {
			q = q.WithMetadata(md)
		}
		if where != nil {
			q = q.WithWhere(where)
		}
		if with != nil {
			q = with(q)
		}
		var err error
		res, err = q.Do(ctx)
		return err
	})
	if err != nil {
		return nil, s.unavailable(err, "search %s", class)
	}
	return res, nil
}

// gql builds GraphQL arguments (no call is made).
func (s *Store) gql() *graphql.API { return s.nodes[0].client.GraphQL() }

// where turns a filter into Weaviate's, nil for the zero filter. Documents
// without a published date have no "published" value, so a date range never
// matches them, as in the embedded store. A range that keeps them
// (f.Undated) is checked on the hits instead (keep; nil when the engine's
// filter is the whole of it).
func where(f rag.Filter) (*filters.WhereBuilder, func(rag.Hit) bool) {
	var keep func(rag.Hit) bool
	if f.Undated && (!f.From.IsZero() || !f.To.IsZero()) {
		whole := f
		keep = func(h rag.Hit) bool { return whole.Match(h.Doc) }
		f.From, f.To = time.Time{}, time.Time{}
	}
	var ops []*filters.WhereBuilder
	if len(f.DocIDs) > 0 {
		ops = append(ops, filters.Where().WithPath([]string{"doc_id"}).WithOperator(filters.ContainsAny).WithValueText(f.DocIDs...))
	}
	if len(f.Sources) > 0 {
		ops = append(ops, filters.Where().WithPath([]string{"source"}).WithOperator(filters.ContainsAny).WithValueText(f.Sources...))
	}
	if f.Lang != "" {
		ops = append(ops, filters.Where().WithPath([]string{"lang"}).WithOperator(filters.Equal).WithValueText(f.Lang))
	}
	if !f.From.IsZero() {
		ops = append(ops, filters.Where().WithPath([]string{"published"}).WithOperator(filters.GreaterThanEqual).WithValueDate(f.From))
	}
	if !f.To.IsZero() {
		ops = append(ops, filters.Where().WithPath([]string{"published"}).WithOperator(filters.LessThanEqual).WithValueDate(f.To))
	}
	switch len(ops) {
	case 0:
		return nil, keep
	case 1:
		return ops[0], keep
	}
	return filters.Where().WithOperator(filters.And).WithOperands(ops), keep
}

// ranked runs a search through index.TopK, which orders the hits as the
// embedded store does (score, then chunk id) and fetches more while the k-th
// ties the last one fetched or keep (a filter the engine could not apply)
// leaves fewer than k. run returns the engine's hits for n, in its order.
func (s *Store) ranked(k int, keep func(rag.Hit) bool, run func(n int) ([]rag.Hit, error)) ([]rag.Hit, error) {
	return index.TopK(k, k+8, keep, func(n int) ([]rag.Hit, float64, bool, error) {
		hits, err := run(n)
		if err != nil || len(hits) == 0 {
			return hits, 0, true, err
		}
		lowest := hits[0].Score
		for _, h := range hits {
			lowest = min(lowest, h.Score)
		}
		return hits, lowest, len(hits) < n || n >= 10000, nil
	})
}

func toHits(res []graphql.SearchResult, score func(graphql.MetadataResult) float64) []rag.Hit {
	hits := make([]rag.Hit, 0, len(res))
	for _, r := range res {
		p := props(r.Properties)
		hits = append(hits, rag.Hit{Chunk: p.chunk(), Doc: p.info(), Score: score(r.Metadata)})
	}
	return hits
}

// KeywordSearch ranks chunks by Weaviate's BM25 over the same tokens the
// embedded keyword index uses.
func (s *Store) KeywordSearch(ctx context.Context, query string, k int, f rag.Filter) ([]rag.Hit, error) {
	if err := s.opened(ctx); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	uniq := index.QueryTerms(query)
	if len(uniq) == 0 {
		return nil, nil
	}
	g, _ := s.current()
	w, keep := where(f)
	q := strings.Join(uniq, " ")
	return s.ranked(k, keep, func(n int) ([]rag.Hit, error) {
		res, err := s.search(ctx, g.chunk, n, w, hitProps, &graphql.Metadata{Score: true}, func(sq *graphql.Search) *graphql.Search {
			return sq.WithBM25(s.gql().Bm25ArgBuilder().WithQuery(q).WithProperties("norm"))
		})
		if err != nil {
			return nil, err
		}
		return toHits(res, func(m graphql.MetadataResult) float64 { return float64(m.Score) }), nil
	})
}

// VectorSearch ranks chunks by cosine similarity to vec (HNSW: approximate
// over large collections, exact over small filtered sets).
func (s *Store) VectorSearch(ctx context.Context, vec []float32, k int, f rag.Filter) ([]rag.Hit, error) {
	if err := s.opened(ctx); err != nil {
		return nil, err
	}
	if k <= 0 {
		return nil, nil
	}
	g, m := s.current()
	if m.Dimension != 0 && len(vec) != m.Dimension {
		return nil, rag.Errorf(rag.Invalid, "query vector has %d dimensions, the index has %d", len(vec), m.Dimension)
	}
	w, keep := where(f)
	return s.ranked(k, keep, func(n int) ([]rag.Hit, error) {
		res, err := s.search(ctx, g.chunk, n, w, hitProps, &graphql.Metadata{Distance: true}, func(sq *graphql.Search) *graphql.Search {
			return sq.WithNearVector(s.gql().NearVectorArgBuilder().WithVector(vec))
		})
		if err != nil {
			return nil, err
		}
		// Cosine distance is 1 − similarity.
		return toHits(res, func(m graphql.MetadataResult) float64 { return float64(1 - m.Distance) }), nil
	})
}

// Nearest returns the k chunks nearest to vec as the vector index finds
// them, with no tie broken and no property read but the chunk's id: what
// verification asks of each chunk (VectorSearch would fetch every hit's text,
// and fetch more while the k-th ties, which identical texts do).
func (s *Store) Nearest(ctx context.Context, vec []float32, k int) ([]rag.Hit, error) {
	if err := s.opened(ctx); err != nil {
		return nil, err
	}
	g, _ := s.current()
	res, err := s.search(ctx, g.chunk, k, nil, []string{"doc_id", "ordinal"}, &graphql.Metadata{Distance: true}, func(sq *graphql.Search) *graphql.Search {
		return sq.WithNearVector(s.gql().NearVectorArgBuilder().WithVector(vec))
	})
	if err != nil {
		return nil, err
	}
	return toHits(res, func(m graphql.MetadataResult) float64 { return float64(1 - m.Distance) }), nil
}

// ChunksOf returns documents' chunks with their stored vectors (nil where
// none is stored) in one search, as the coordinating node holds them: what
// verification reads of each group of documents (Get and Vectors take three
// calls a document). A group with more chunks than one search returns is an
// error, never a shorter list.
func (s *Store) ChunksOf(ctx context.Context, ids []string) ([]rag.Chunk, [][]float32, error) {
	if err := s.opened(ctx); err != nil {
		return nil, nil, err
	}
	if len(ids) == 0 {
		return nil, nil, nil
	}
	g, _ := s.current()
	res, err := s.search(ctx, g.chunk, maxChunksRead, filters.Where().WithPath([]string{"doc_id"}).WithOperator(filters.ContainsAny).WithValueText(ids...),
		[]string{"doc_id", "ordinal", "start", "end", "text"}, &graphql.Metadata{Vector: true}, nil)
	if err != nil {
		return nil, nil, err
	}
	if len(res) >= maxChunksRead {
		return nil, nil, rag.Errorf(rag.Internal, "the %d documents from %s have %d chunks or more: read fewer at once", len(ids), ids[0], maxChunksRead)
	}
	chunks := make([]rag.Chunk, len(res))
	vecs := make([][]float32, len(res))
	for i, r := range res {
		chunks[i] = props(r.Properties).chunk()
		if len(r.Vector) > 0 {
			vecs[i] = r.Vector
		}
	}
	return chunks, vecs, nil
}

// maxChunksRead bounds the chunks one ChunksOf call reads (a search returns
// at most QUERY_MAXIMUM_RESULTS, 10,000 by default).
const maxChunksRead = 10000

// docObject reads a document's object by its id at the configured
// consistency: a QUORUM read asks the replicas and repairs the stale one, so
// a node that missed writes while it was down still answers them (a search
// would read only its own replica until asynchronous replication catches
// up).
func (s *Store) docObject(ctx context.Context, g generation, id string, withText bool) (props, bool, error) {
	p, ok, err := s.object(ctx, g.doc, objectID("doc", id))
	if err != nil || !ok {
		return nil, ok, err
	}
	if !withText {
		delete(p, "text")
	}
	return p, true, nil
}

// object reads one object by id at the configured consistency.
func (s *Store) object(ctx context.Context, class, id string) (props, bool, error) {
	var objs []*models.Object
	err := s.do(ctx, op{what: "read " + class}, func(ctx context.Context, c *wv.Client) error {
		var err error
		objs, err = c.Data().ObjectsGetter().WithClassName(class).WithID(id).WithConsistencyLevel(s.consistency).Do(ctx)
		return err
	})
	if isNotFound(err) || (err == nil && len(objs) == 0) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, s.unavailable(err, "read %s", class)
	}
	return propsOf(objs[0].Properties), true, nil
}

// Hash returns the stored content hash of a document.
func (s *Store) Hash(ctx context.Context, id string) (string, bool, error) {
	if err := s.opened(ctx); err != nil {
		return "", false, err
	}
	ctx, cancel := s.callCtx(ctx)
	defer cancel()
	g, _ := s.current()
	p, ok, err := s.docObject(ctx, g, id, false)
	if err != nil || !ok {
		return "", false, err
	}
	return p.str("hash"), true, nil
}

// Vectors looks up the stored vectors of many chunk keys in one search:
// ingestion asks once per batch, not once per chunk.
func (s *Store) Vectors(ctx context.Context, keys []string) (map[string][]float32, error) {
	if err := s.opened(ctx); err != nil {
		return nil, err
	}
	out := map[string][]float32{}
	g, _ := s.current()
	for len(keys) > 0 {
		n := min(len(keys), 1000)
		w := filters.Where().WithPath([]string{"key"}).WithOperator(filters.ContainsAny).WithValueText(keys[:n]...)
		// Several chunks may share a text; ask for a few per key.
		res, err := s.search(ctx, g.chunk, min(4*n, 10000), w, []string{"key"}, &graphql.Metadata{Vector: true}, nil)
		if err != nil {
			return nil, err
		}
		for _, r := range res {
			if k := props(r.Properties).str("key"); k != "" && len(r.Vector) > 0 {
				out[k] = r.Vector
			}
		}
		keys = keys[n:]
	}
	return out, nil
}

// List returns every document's metadata, ordered by id, paging through the
// document collection with a cursor. A page that fails fails the listing:
// a truncated list would have reindex and --prune act on part of the
// collection.
func (s *Store) List(ctx context.Context) ([]rag.DocumentInfo, error) {
	if err := s.opened(ctx); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, 10*s.cfg.Timeout)
	defer cancel()
	g, _ := s.current()
	var out []rag.DocumentInfo
	after := ""
	for {
		res, err := s.search(ctx, g.doc, 1000, nil, infoProps, &graphql.Metadata{ID: true}, func(q *graphql.Search) *graphql.Search {
			if after != "" {
				q = q.WithAfter(after)
			}
			return q
		})
		if err != nil {
			return nil, fmt.Errorf("list documents: %w", err)
		}
		for _, r := range res {
			out = append(out, props(r.Properties).info())
		}
		if len(res) < 1000 {
			break
		}
		after = res[len(res)-1].ID
	}
	slices.SortFunc(out, func(a, b rag.DocumentInfo) int { return cmp.Compare(a.ID, b.ID) })
	return out, nil
}

// Get returns a document and its chunks; each chunk's text is cut from the
// document's text by its offsets, as in the embedded store.
func (s *Store) Get(ctx context.Context, id string) (rag.Document, []rag.Chunk, error) {
	if err := s.opened(ctx); err != nil {
		return rag.Document{}, nil, err
	}
	ctx, cancel := s.callCtx(ctx)
	defer cancel()
	g, _ := s.current()
	p, ok, err := s.docObject(ctx, g, id, true)
	if err != nil {
		return rag.Document{}, nil, err
	}
	if !ok {
		return rag.Document{}, nil, rag.Errorf(rag.NotFound, "no document with id %q", id)
	}
	i := p.info()
	doc := i.Document(p.str("text"))
	res, err := s.search(ctx, g.chunk, max(i.Chunks, 1), filters.Where().WithOperator(filters.And).WithOperands([]*filters.WhereBuilder{
		filters.Where().WithPath([]string{"doc_id"}).WithOperator(filters.Equal).WithValueText(id),
		filters.Where().WithPath([]string{"ordinal"}).WithOperator(filters.LessThan).WithValueInt(int64(i.Chunks)),
	}), []string{"doc_id", "ordinal", "start", "end"}, nil, nil)
	if err != nil {
		return rag.Document{}, nil, err
	}
	found := make([]props, 0, i.Chunks)
	have := map[int]bool{}
	for _, r := range res {
		found = append(found, props(r.Properties))
		have[props(r.Properties).int("ordinal")] = true
	}
	// The search read one replica; a chunk it lacks (a node catching up
	// after a restart) is read by id at the configured consistency.
	for o := range i.Chunks {
		if have[o] {
			continue
		}
		p, ok, err := s.object(ctx, g.chunk, objectID("chunk", chunkID(id, o)))
		if err != nil {
			return rag.Document{}, nil, err
		}
		if ok {
			found = append(found, p)
		}
	}
	offsets := text.ByteOffsets(doc.Text)
	runes := len(offsets) - 1
	chunks := make([]rag.Chunk, 0, len(found))
	for _, p := range found {
		c := p.chunk()
		if c.Start < 0 || c.End > runes || c.Start >= c.End {
			continue
		}
		c.Text = doc.Text[offsets[c.Start]:offsets[c.End]]
		chunks = append(chunks, c)
	}
	slices.SortFunc(chunks, func(a, b rag.Chunk) int { return cmp.Compare(a.Ordinal, b.Ordinal) })
	return doc, chunks, nil
}

// count is the number of objects of class matching where (all when nil).
func (s *Store) count(ctx context.Context, class string, w *filters.WhereBuilder) (int, error) {
	var resp *models.GraphQLResponse
	err := s.do(ctx, op{what: "count " + class}, func(ctx context.Context, c *wv.Client) error {
		q := c.GraphQL().Aggregate().WithClassName(class).WithFields(graphql.Field{Name: "meta", Fields: []graphql.Field{{Name: "count"}}})
		if w != nil {
			q = q.WithWhere(w)
		}
		var err error
		resp, err = q.Do(ctx)
		return err
	})
	if err != nil {
		return 0, s.unavailable(err, "count %s", class)
	}
	if len(resp.Errors) > 0 {
		return 0, rag.Errorf(rag.StoreUnavailable, "weaviate: count %s: %s", class, graphqlErrors(resp.Errors))
	}
	agg, _ := resp.Data["Aggregate"].(map[string]any)
	rows, _ := agg[class].([]any)
	if len(rows) == 0 {
		return 0, nil
	}
	m := propsOf(propsOf(rows[0])["meta"])
	return m.int("count"), nil
}

func graphqlErrors(errs []*models.GraphQLError) string {
	msgs := make([]string, len(errs))
	for i, e := range errs {
		msgs[i] = e.Message
	}
	return strings.Join(msgs, "; ")
}

// Stats reports the size of the index.
func (s *Store) Stats(ctx context.Context) (index.Stats, error) {
	if err := s.opened(ctx); err != nil {
		return index.Stats{}, err
	}
	ctx, cancel := s.callCtx(ctx)
	defer cancel()
	g, m := s.current()
	st := index.Stats{Embedder: m.Embedder, Dimension: m.Dimension}
	docs, err := s.count(ctx, g.doc, nil)
	if err != nil {
		return index.Stats{}, err
	}
	chunks, err := s.count(ctx, g.chunk, nil)
	if err != nil {
		return index.Stats{}, err
	}
	st.Documents, st.Chunks, st.VectorChunks, st.KeywordChunks = docs, chunks, chunks, chunks
	return st, nil
}

// IDFs are the inverse document frequencies of folded tokens over chunks,
// with the embedded keyword index's formula: counted by the engine (the chunks
// whose "norm" holds the token, out of all chunks), so every replica agrees
// and no side table has to be kept in step. Counts are cached briefly: a
// question's words recur in the next questions.
func (s *Store) IDFs(ctx context.Context, tokens []string) ([]float64, error) {
	if err := s.opened(ctx); err != nil {
		return nil, err
	}
	ctx, cancel := s.callCtx(ctx)
	defer cancel()
	g, _ := s.current()
	n, ok := s.idf.get("")
	if !ok {
		c, err := s.count(ctx, g.chunk, nil)
		if err != nil {
			return nil, err
		}
		n = c
		s.idf.put("", n)
	}
	out := make([]float64, len(tokens))
	for i, token := range tokens {
		df, ok := s.idf.get(token)
		if !ok {
			c, err := s.count(ctx, g.chunk, filters.Where().WithPath([]string{"norm"}).WithOperator(filters.Equal).WithValueText(token))
			if err != nil {
				return nil, err
			}
			df = c
			s.idf.put(token, df)
		}
		if df > 0 && n > 0 {
			out[i] = math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
		}
	}
	return out, nil
}

// WeightedKeywordSearch searches the terms as one BM25 query: Weaviate's BM25
// cannot weigh terms, so each counts once, whatever its weight. Terms of
// weight 0 are left out, and so are the model's associates of the question's
// words (rag.WeightedTerm.Associated): at full weight they would count as
// much as the words the question holds.
func (s *Store) WeightedKeywordSearch(ctx context.Context, terms []rag.WeightedTerm, k int, f rag.Filter) ([]rag.Hit, error) {
	if err := s.opened(ctx); err != nil {
		return nil, err
	}
	words := make([]string, 0, len(terms))
	for _, t := range terms {
		if t.Weight > 0 && !t.Associated && !slices.Contains(words, t.Term) {
			words = append(words, t.Term)
		}
	}
	return s.KeywordSearch(ctx, strings.Join(words, " "), k, f)
}

// What the engine does not hold in memory here: retrieval then works from
// the passages' text (rag.Index).

// ChunkTerms is nil: chunks' words are not held here.
func (s *Store) ChunkTerms(string) []int32 { return nil }

// ChunkAnalysis is not held here.
func (s *Store) ChunkAnalysis(string) (rag.Analysis, bool) { return rag.Analysis{}, false }

// Vocabulary lists no words: the engine cannot list its terms cheaply, so a
// question in another script finds no names by transliteration.
func (s *Store) Vocabulary(func(word string, df int)) {}

// VocabularySize is 0 (see Vocabulary).
func (s *Store) VocabularySize() int { return 0 }

// Warnings is empty: the store keeps no local state to find problems in.
func (s *Store) Warnings() []string { return nil }

// idfCache holds document frequencies ("" holds the chunk count) for a few
// seconds; this process's writes clear it at once.
type idfCache struct {
	mu      sync.Mutex
	entries map[string]idfEntry
}

type idfEntry struct {
	n       int
	expires time.Time
}

const (
	idfTTL     = 10 * time.Second
	idfEntries = 50_000
)

func (c *idfCache) init() { c.entries = map[string]idfEntry{} }

func (c *idfCache) get(k string) (int, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[k]
	if !ok || time.Now().After(e.expires) {
		return 0, false
	}
	return e.n, true
}

func (c *idfCache) put(k string, n int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) >= idfEntries {
		clear(c.entries)
	}
	c.entries[k] = idfEntry{n: n, expires: time.Now().Add(idfTTL)}
}

func (c *idfCache) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	clear(c.entries)
}

var _ index.Store = (*Store)(nil)

// String describes the store for logs.
func (s *Store) String() string { return fmt.Sprintf("weaviate store %s", s.cfg.URL) }
