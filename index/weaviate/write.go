package weaviate

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/go-openapi/strfmt"
	wv "github.com/weaviate/weaviate-go-client/v5/weaviate"
	"github.com/weaviate/weaviate-go-client/v5/weaviate/filters"
	"github.com/weaviate/weaviate/entities/models"

	"github.com/jawab/jawab/index"
	"github.com/jawab/jawab/rag"
	"github.com/jawab/jawab/text"
)

// batchObjects bounds one gRPC batch request.
const batchObjects = 512

// batch writes objects (an upsert each) at the configured consistency and
// fails on the first object the engine refused.
func (s *Store) batch(ctx context.Context, objs []*models.Object) error {
	for len(objs) > 0 {
		n := min(len(objs), batchObjects)
		var res []models.ObjectsGetResponse
		err := s.do(ctx, op{what: "batch write"}, func(ctx context.Context, c *wv.Client) error {
			var err error
			res, err = c.Batch().ObjectsBatcher().WithObjects(objs[:n]...).WithConsistencyLevel(s.consistency).Do(ctx)
			return err
		})
		if err != nil {
			return s.unavailable(err, "batch write of %d objects", n)
		}
		for _, r := range res {
			if r.Result != nil && r.Result.Errors != nil && len(r.Result.Errors.Error) > 0 {
				var msgs []string
				for _, e := range r.Result.Errors.Error {
					msgs = append(msgs, e.Message)
				}
				return rag.Errorf(rag.StoreUnavailable, "weaviate refused object %s: %s", r.ID, strings.Join(msgs, "; "))
			}
		}
		objs = objs[n:]
	}
	return nil
}

// deleteWhere deletes every object of class that matches where, in rounds
// (the engine caps how many one request deletes).
func (s *Store) deleteWhere(ctx context.Context, class string, where *filters.WhereBuilder) error {
	for {
		var res *models.BatchDeleteResponse
		err := s.do(ctx, op{what: "delete from " + class}, func(ctx context.Context, c *wv.Client) error {
			var err error
			res, err = c.Batch().ObjectsBatchDeleter().WithClassName(class).WithWhere(where).
				WithConsistencyLevel(s.consistency).WithOutput("minimal").Do(ctx)
			return err
		})
		if err != nil {
			return s.unavailable(err, "delete from %s", class)
		}
		if res == nil || res.Results == nil {
			return nil
		}
		if res.Results.Failed > 0 {
			return rag.Errorf(rag.StoreUnavailable, "weaviate: %d of %d deletes from %s failed", res.Results.Failed, res.Results.Matches, class)
		}
		if res.Results.Matches < res.Results.Limit || res.Results.Matches == 0 {
			return nil
		}
	}
}

// validate checks an item as the embedded store does.
func validate(it index.Item, dim int) error {
	doc := it.Doc
	if err := rag.ValidateDocID(doc.ID); err != nil {
		return err
	}
	if len(it.Chunks) != len(it.Vectors) || len(it.Chunks) != len(it.Keys) {
		return rag.Errorf(rag.Internal, "upsert %s: %d chunks, %d keys, %d vectors", doc.ID, len(it.Chunks), len(it.Keys), len(it.Vectors))
	}
	runes := utf8.RuneCountInString(doc.Text)
	for i, c := range it.Chunks {
		if c.Start < 0 || c.End > runes || c.Start >= c.End {
			return rag.Errorf(rag.Internal, "upsert %s: chunk %d has offsets [%d,%d) outside the text (%d runes)", doc.ID, i, c.Start, c.End, runes)
		}
		if len(it.Vectors[i]) == 0 || (dim != 0 && len(it.Vectors[i]) != dim) {
			return rag.Errorf(rag.Internal, "upsert %s: vector %d has %d dimensions, the index has %d", doc.ID, i, len(it.Vectors[i]), dim)
		}
		if dim == 0 && len(it.Vectors[i]) != len(it.Vectors[0]) {
			return rag.Errorf(rag.Internal, "upsert %s: vectors of different lengths", doc.ID)
		}
	}
	return nil
}

func formatTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format(time.RFC3339Nano)
}

// docProperties are a document's metadata as stored on it and on its chunks.
func docProperties(doc rag.Document, chunks int, ingested time.Time) map[string]any {
	p := map[string]any{
		"doc_id": doc.ID, "title": doc.Title, "source": doc.Source, "url": doc.URL,
		"lang": doc.Lang, "hash": doc.Hash, "runes": utf8.RuneCountInString(doc.Text),
		"chunks": chunks, "ingested": formatTime(ingested),
	}
	if !doc.Published.IsZero() {
		p["published"] = formatTime(doc.Published)
	}
	if !doc.Modified.IsZero() {
		p["modified"] = formatTime(doc.Modified)
	}
	if doc.DateSource != "" {
		p["date_source"] = doc.DateSource
	}
	if doc.Author != "" {
		p["author"] = doc.Author
	}
	return p
}

// objects turns an item into its chunk objects and its document object.
func (s *Store) objects(g generation, it index.Item, ingested time.Time) ([]*models.Object, *models.Object) {
	doc := it.Doc
	offsets := text.ByteOffsets(doc.Text)
	chunks := make([]*models.Object, len(it.Chunks))
	for i, c := range it.Chunks {
		p := docProperties(doc, len(it.Chunks), ingested)
		t := doc.Text[offsets[c.Start]:offsets[c.End]]
		p["ordinal"], p["start"], p["end"], p["text"], p["key"] = i, c.Start, c.End, t, it.Keys[i]
		p["norm"] = strings.Join(text.ContentTokens(t), " ")
		chunks[i] = &models.Object{Class: g.chunk, ID: strfmt.UUID(objectID("chunk", chunkID(doc.ID, i))), Properties: p, Vector: it.Vectors[i]}
	}
	p := docProperties(doc, len(it.Chunks), ingested)
	p["text"] = doc.Text
	return chunks, &models.Object{Class: g.doc, ID: strfmt.UUID(objectID("doc", doc.ID)), Properties: p}
}

// UpsertBatch stores documents, each replacing its earlier version: first the
// chunks of every document (overwriting the same chunk ids), then the chunks
// a shorter new version no longer has are deleted, then the document objects
// (the commit markers: until one is written, Hash reports the old version, and
// a re-ingest redoes the document). It returns how many items were committed.
func (s *Store) UpsertBatch(ctx context.Context, items []index.Item) (int, error) {
	if err := s.opened(ctx); err != nil {
		return 0, err
	}
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	g, m := s.current()
	if m.Embedder == "" {
		return 0, rag.Errorf(rag.Internal, "upsert: no embedder bound to the index")
	}
	for _, it := range items {
		if err := validate(it, m.Dimension); err != nil {
			return 0, err
		}
		if m.Dimension == 0 && len(it.Vectors) > 0 {
			// A remote model tells its dimension with its first answer.
			s.mu.RLock()
			mm := s.meta
			s.mu.RUnlock()
			mm.Dimension = len(it.Vectors[0])
			if err := s.writeMeta(ctx, mm); err != nil {
				return 0, err
			}
			m.Dimension = mm.Dimension
		}
	}
	return s.upsert(ctx, g, items)
}

func (s *Store) upsert(ctx context.Context, g generation, items []index.Item) (int, error) {
	now := time.Now().UTC()
	var chunks []*models.Object
	docs := make([]*models.Object, len(items))
	for i, it := range items {
		c, d := s.objects(g, it, now)
		chunks = append(chunks, c...)
		docs[i] = d
	}
	if err := s.batch(ctx, chunks); err != nil {
		return 0, err
	}
	// Chunks past the end of each new version, for the documents whose
	// stored version had more chunks: one lookup for the batch.
	stale, err := s.staleChunks(ctx, g, items)
	if err != nil {
		return 0, err
	}
	for len(stale) > 0 {
		n := min(len(stale), 64)
		where := stale[0]
		if n > 1 {
			where = filters.Where().WithOperator(filters.Or).WithOperands(stale[:n])
		}
		if err := s.deleteWhere(ctx, g.chunk, where); err != nil {
			return 0, err
		}
		stale = stale[n:]
	}
	if err := s.batch(ctx, docs); err != nil {
		return 0, err
	}
	s.idf.clear()
	return len(items), nil
}

// staleChunks returns, for each item whose stored version has more chunks
// than the new one, a filter matching the chunks past the new end (stored
// counts are read from the document objects, in one search). The filter is
// open-ended, so chunks of an interrupted longer write go too; the one case
// it misses is an interrupted first write of a document (no document object
// yet) followed by a shorter version: its extra chunks stay searchable until
// the document is deleted.
func (s *Store) staleChunks(ctx context.Context, g generation, items []index.Item) ([]*filters.WhereBuilder, error) {
	ids := make([]string, len(items))
	for i, it := range items {
		ids[i] = it.Doc.ID
	}
	res, err := s.search(ctx, g.doc, len(ids), filters.Where().WithPath([]string{"doc_id"}).WithOperator(filters.ContainsAny).WithValueText(ids...),
		[]string{"doc_id", "chunks"}, nil, nil)
	if err != nil {
		return nil, err
	}
	old := map[string]int{}
	for _, r := range res {
		p := props(r.Properties)
		old[p.str("doc_id")] = p.int("chunks")
	}
	var out []*filters.WhereBuilder
	for _, it := range items {
		if old[it.Doc.ID] > len(it.Chunks) {
			out = append(out, filters.Where().WithOperator(filters.And).WithOperands([]*filters.WhereBuilder{
				filters.Where().WithPath([]string{"doc_id"}).WithOperator(filters.Equal).WithValueText(it.Doc.ID),
				filters.Where().WithPath([]string{"ordinal"}).WithOperator(filters.GreaterThanEqual).WithValueInt(int64(len(it.Chunks))),
			}))
		}
	}
	return out, nil
}

// Delete removes a document: its document object first (so that a re-ingest
// after an interruption adds it again), then its chunks. A document whose
// object is gone but whose chunks remain (a delete interrupted halfway) is
// still deleted, so running the delete again finishes it.
func (s *Store) Delete(ctx context.Context, id string) error {
	if err := s.opened(ctx); err != nil {
		return err
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	g, _ := s.current()
	_, docFound, err := s.docObject(ctx, g, id, false)
	if err != nil {
		return err
	}
	byDoc := filters.Where().WithPath([]string{"doc_id"}).WithOperator(filters.Equal).WithValueText(id)
	if !docFound {
		n, err := s.count(ctx, g.chunk, byDoc)
		if err != nil {
			return err
		}
		if n == 0 {
			return rag.Errorf(rag.NotFound, "no document with id %q", id)
		}
	} else {
		err := s.do(ctx, op{what: "delete " + id}, func(ctx context.Context, c *wv.Client) error {
			return c.Data().Deleter().WithClassName(g.doc).WithID(objectID("doc", id)).WithConsistencyLevel(s.consistency).Do(ctx)
		})
		if err != nil && !isNotFound(err) {
			return s.unavailable(err, "delete %s", id)
		}
	}
	if err := s.deleteWhere(ctx, g.chunk, byDoc); err != nil {
		return err
	}
	s.idf.clear()
	return nil
}

// Rebuild re-derives every document into the next generation's collections,
// bound to embedder and to the ranking model version ranker, then switches
// the metadata object to it (one write: the switch), then drops the old
// collections. Until the switch the old index serves unchanged; a
// failure leaves the half-built generation, which the next Rebuild replaces.
// Other running replicas keep the generation they opened with until they
// restart, as they must anyway to use the new embedder.
func (s *Store) Rebuild(ctx context.Context, embedder, ranker string, fn index.RebuildFunc, progress func(done, total int)) error {
	if err := s.opened(ctx); err != nil {
		return err
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	s.mu.RLock()
	old := s.meta
	s.mu.RUnlock()
	// A listing that fails keeps the old generation: nothing is built,
	// switched to or dropped.
	ids, err := s.List(ctx)
	if err != nil {
		return fmt.Errorf("reindex: %w; the index is unchanged", err)
	}
	next := old
	next.Generation++
	next.Embedder, next.Ranker, next.Dimension, next.Created = embedder, ranker, 0, time.Now().UTC()
	ng := s.gen(next.Generation)
	for _, c := range []string{ng.chunk, ng.doc} {
		if err := s.dropClass(ctx, c); err != nil && !isNotFound(err) {
			s.log.Debug("drop leftover collection", "class", c, "err", err)
		}
	}
	if err := s.ensureGeneration(ctx, ng); err != nil {
		return err
	}
	for i, info := range ids {
		doc, _, err := s.Get(ctx, info.ID)
		if err != nil {
			return err
		}
		chunks, keys, vecs, err := fn(ctx, doc)
		if err != nil {
			return fmt.Errorf("rebuild %s: %w", info.ID, err)
		}
		it := index.Item{Doc: doc, Chunks: chunks, Keys: keys, Vectors: vecs}
		if err := validate(it, next.Dimension); err != nil {
			return err
		}
		if len(vecs) > 0 {
			next.Dimension = len(vecs[0])
		}
		if _, err := s.upsert(ctx, ng, []index.Item{it}); err != nil {
			return fmt.Errorf("rebuild %s: %w", info.ID, err)
		}
		if progress != nil {
			progress(i+1, len(ids))
		}
	}
	if err := s.writeMeta(ctx, next); err != nil {
		return fmt.Errorf("switch to the rebuilt index: %w", err)
	}
	og := s.gen(old.Generation)
	var errs []error
	for _, c := range []string{og.chunk, og.doc} {
		if err := s.dropClass(ctx, c); err != nil && !isNotFound(err) {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		s.log.Warn("drop the old generation", "err", err)
	}
	s.idf.clear()
	return nil
}

// dropClass deletes a collection (a schema change: it needs a leader).
func (s *Store) dropClass(ctx context.Context, class string) error {
	return s.do(ctx, op{what: "drop " + class, schema: true}, func(ctx context.Context, c *wv.Client) error {
		return c.Schema().ClassDeleter().WithClassName(class).Do(ctx)
	})
}
