package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jawab/jawab/index"
	"github.com/jawab/jawab/internal/syncdir"
	"github.com/jawab/jawab/rag"
)

// ErrReadOnly is returned by writes on a store opened with Options.ReadOnly.
// ErrReadOnly is the error of a write to a store opened read-only (a server on
// a read-only data dir): Unavailable, like the disk errors, since the writes
// could succeed elsewhere or later.
var ErrReadOnly = rag.Errorf(rag.Unavailable, "the index is open read-only (the data dir is on a read-only file system, or another jawab process writes it): documents cannot be changed here")

// Bind declares the embedder that will write and search this index. A fresh index
// records it; an index built by another embedder (or another dimension) refuses,
// because vectors from different models cannot be compared.
func (s *Store) Bind(ctx context.Context, name string, dim int) error {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	s.mu.RLock()
	m := s.meta
	s.mu.RUnlock()
	if err := index.EmbedderConflict(s.dir, s.reindexCommand(), m, name, dim); err != nil || m.Embedder != "" {
		return err
	}
	if s.readOnly {
		return nil // nothing stored yet; nothing to compare
	}
	m.Embedder, m.Dimension = name, dim
	return s.writeMeta(m)
}

// reindexCommand is the command that rebuilds this index.
func (s *Store) reindexCommand() string { return "jawab reindex --data-dir " + s.dir }

// BindRanker declares the version of the learned ranking model
// (rag.Model.Version) that ranks this index's passages, as Bind does the
// embedder: an index without documents records it; an index built for another
// version refuses, and so does one that holds documents but recorded no
// version (it was built before jawab recorded one), until it is rebuilt.
func (s *Store) BindRanker(ctx context.Context, version string) error {
	if version == "" {
		return rag.Errorf(rag.Internal, "bind ranker: no model version")
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	s.mu.RLock()
	m, docs := s.meta, len(s.docs)
	s.mu.RUnlock()
	if err := index.RankerConflict(s.dir, s.reindexCommand(), m.Ranker, version, docs > 0); err != nil {
		return err
	}
	if m.Ranker == version || s.readOnly {
		return nil // bound already, or nothing stored yet to compare
	}
	m.Ranker = version
	return s.writeMeta(m)
}

func (s *Store) writeMeta(m Meta) error {
	s.mu.RLock()
	gen := s.gen
	s.mu.RUnlock()
	if err := writeJSONAtomic(filepath.Join(s.genDir(gen), "index.json"), m); err != nil {
		return writeErr(err, "write index metadata")
	}
	s.mu.Lock()
	s.meta = m
	s.mu.Unlock()
	return nil
}

// Upsert stores one document, replacing any earlier version of it. When Upsert
// returns nil the new version is durable; if the process dies during Upsert, the
// old version is what the next Open sees.
func (s *Store) Upsert(ctx context.Context, doc rag.Document, chunks []rag.Chunk, keys []string, vectors [][]float32) error {
	_, err := s.UpsertBatch(ctx, []Item{{Doc: doc, Chunks: chunks, Keys: keys, Vectors: vectors}})
	return err
}

// UpsertBatch stores several documents as one commit: their records are
// written into one segment file (see segment.go), synced, and renamed into
// place. The batch is the commit unit: after a crash either every document
// of it is at its new version or every one is at its old version, in both
// indexes. It returns len(items) when the batch was committed, 0 when it
// was not.
func (s *Store) UpsertBatch(ctx context.Context, items []Item) (int, error) {
	if s.readOnly {
		return 0, ErrReadOnly
	}
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()

	s.mu.RLock()
	m := s.meta
	s.mu.RUnlock()
	if m.Embedder == "" {
		return 0, rag.Errorf(rag.Internal, "upsert: no embedder bound to the index")
	}
	recs := make([]*record, len(items))
	for i, it := range items {
		r, err := newRecord(it, m.Dimension)
		if err != nil {
			return 0, err
		}
		if m.Dimension == 0 && len(r.Vectors) > 0 {
			// A remote model tells its dimension with its first answer.
			m.Dimension = len(r.Vectors[0])
			if err := s.writeMeta(m); err != nil {
				return 0, err
			}
		}
		recs[i] = r
	}
	if len(recs) == 0 {
		return 0, nil
	}
	// The keyword analyses are made while the segment is written and
	// synced: the disk, not the cores, is what staging waits for.
	analysed := make(chan struct{})
	go func() {
		defer close(analysed)
		parallel(context.WithoutCancel(ctx), len(recs), func(i int) { recs[i].analyse() })
	}()
	datas := make([][]byte, len(recs))
	parallel(context.WithoutCancel(ctx), len(recs), func(i int) { datas[i], _ = encodeRecord(recs[i]) })
	df, err := s.writeSegment(func(w *segWriter) {
		for i, r := range recs {
			r.off = w.add(r.Doc.ID, datas[i], 0, 0)
			r.n = int64(len(datas[i]))
			r.ver = recordVersion{seq: w.seq, off: r.off, crc: w.foot[len(w.foot)-1].crc}
		}
	})
	<-analysed
	if df == nil {
		return 0, writeErr(err, "store %d documents", len(recs))
	}
	for _, r := range recs {
		r.src = df
	}
	perr := s.publish(ctx, recs, nil)
	if err != nil {
		// Renamed into place, so committed, but perhaps not yet durable.
		return len(recs), errors.Join(writeErr(err, "sync the index directory"), perr)
	}
	if perr != nil {
		return len(recs), perr
	}
	return len(recs), s.maybeCompact(ctx)
}

// writeSegment writes a new segment of the current generation with what fill
// adds, commits it (see segWriter.finish) and records it among the
// generation's files. The caller holds writeMu. The returned file is nil when
// nothing was committed.
func (s *Store) writeSegment(fill func(w *segWriter)) (*dataFile, error) {
	s.mu.RLock()
	dir := filepath.Join(s.genDir(s.gen), "docs")
	s.mu.RUnlock()
	w, err := createSegment(dir, s.disk.nextSeq, -1)
	if err != nil {
		return nil, err
	}
	s.disk.nextSeq++
	fill(w)
	df, err := w.finish(func(name string) { s.fail("staged", name) })
	if df != nil {
		s.disk.files[df.path] = df
		s.fail("committed", filepath.Base(df.path))
	}
	return df, err
}

// publish makes committed records visible to searches and removes the
// deleted documents; the record files of the layout before segments that
// they supersede are then removed (a crash before that leaves them
// superseded, and the next Open removes them).
func (s *Store) publish(ctx context.Context, recs []*record, deleted []string) error {
	s.mu.Lock()
	s.dirty = true
	st := s.sharedState()
	var old []*dataFile
	note := func(id string) {
		if d := st.docs[id]; d != nil && d.src != nil && d.src.seq == 0 {
			old = append(old, d.src)
		}
	}
	var err error
	for _, id := range deleted {
		note(id)
		st.remove(id)
	}
	for _, r := range recs {
		note(r.Doc.ID)
		if err = st.add(ctx, r); err != nil {
			break
		}
	}
	s.mu.Unlock()
	for _, df := range old {
		delete(s.disk.files, df.path)
		os.Remove(df.path)
	}
	return err
}

// newRecord validates an item and turns it into a record.
func newRecord(it Item, dim int) (*record, error) {
	doc := it.Doc
	if err := rag.ValidateDocID(doc.ID); err != nil {
		return nil, err
	}
	if len(it.Chunks) != len(it.Vectors) || len(it.Chunks) != len(it.Keys) {
		return nil, rag.Errorf(rag.Internal, "upsert %s: %d chunks, %d keys, %d vectors", doc.ID, len(it.Chunks), len(it.Keys), len(it.Vectors))
	}
	runes := utf8.RuneCountInString(doc.Text)
	r := &record{Doc: doc, Chunks: make([]recordChunk, len(it.Chunks)), Vectors: it.Vectors, Ingested: time.Now().UTC()}
	for i, c := range it.Chunks {
		if c.Start < 0 || c.End > runes || c.Start >= c.End {
			return nil, rag.Errorf(rag.Internal, "upsert %s: chunk %d has offsets [%d,%d) outside the text (%d runes)", doc.ID, i, c.Start, c.End, runes)
		}
		if len(it.Vectors[i]) == 0 || (dim != 0 && len(it.Vectors[i]) != dim) {
			return nil, rag.Errorf(rag.Internal, "upsert %s: vector %d has %d dimensions, the index has %d", doc.ID, i, len(it.Vectors[i]), dim)
		}
		if dim == 0 && len(it.Vectors[i]) != len(it.Vectors[0]) {
			return nil, rag.Errorf(rag.Internal, "upsert %s: vectors of different lengths", doc.ID)
		}
		r.Chunks[i] = recordChunk{Ordinal: i, Start: c.Start, End: c.End, Key: it.Keys[i]}
	}
	return r, nil
}

// sharedState views the store's in-memory indexes as a genState, so that loading
// and upserting share one code path. Callers hold writeMu and mu.
func (s *Store) sharedState() *genState {
	return &genState{disk: s.disk, meta: s.meta, docs: s.docs, vectors: s.vectors, col: s.col, rows: s.rows, kw: s.kw, newest: s.newest}
}

// Delete removes a document; a missing one is a NotFound error.
func (s *Store) Delete(ctx context.Context, id string) error {
	if s.readOnly {
		return ErrReadOnly
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	s.mu.RLock()
	_, ok := s.docs[id]
	s.mu.RUnlock()
	if !ok {
		return rag.Errorf(rag.NotFound, "no document with id %q", id)
	}
	// A tombstone, in a segment of its own: it hides every older record
	// of the document, in segments or record files, until compaction
	// drops them together.
	df, err := s.writeSegment(func(w *segWriter) { w.tombstone(id) })
	if df == nil {
		return writeErr(err, "delete %s", id)
	}
	perr := s.publish(ctx, nil, []string{id})
	if err != nil {
		return errors.Join(writeErr(err, "delete %s", id), perr)
	}
	if perr != nil {
		return perr
	}
	return s.maybeCompact(ctx)
}

// Rebuild re-derives every document into a new index generation bound to another
// embedder and ranking model version, then switches to it in one atomic step
// (the CURRENT pointer). Until the switch the old index is untouched, so a
// failure or crash midway loses nothing; progress is called after each
// document.
func (s *Store) Rebuild(ctx context.Context, embedder, ranker string, fn RebuildFunc, progress func(done, total int)) error {
	if s.readOnly {
		return ErrReadOnly
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	s.mu.RLock()
	old := s.gen
	ids := make([]string, 0, len(s.docs))
	for id := range s.docs {
		ids = append(ids, id)
	}
	s.mu.RUnlock()

	gen, err := s.nextGen(old)
	if err != nil {
		return err
	}
	newDir := s.genDir(gen)
	os.RemoveAll(newDir) // leftovers of an interrupted rebuild
	if err := os.MkdirAll(filepath.Join(newDir, "docs"), 0o755); err != nil {
		return writeErr(err, "rebuild")
	}
	meta := Meta{Format: formatVersion, Embedder: embedder, Ranker: ranker, Created: time.Now().UTC()}
	// The new generation's records, in segments of up to maxSegmentDocs
	// documents: nothing of it is visible before the switch below, so
	// only its completeness matters, not each segment's commit.
	docsDir := filepath.Join(newDir, "docs")
	var w *segWriter
	seq := int64(0)
	flush := func() error {
		if w == nil {
			return nil
		}
		_, err := w.finish(func(string) {})
		w = nil
		return err
	}
	defer func() {
		if w != nil {
			w.abort()
		}
	}()
	for i, id := range ids {
		doc, _, err := s.Get(ctx, id)
		if err != nil {
			return err
		}
		chunks, keys, vecs, err := fn(ctx, doc)
		if err != nil {
			return fmt.Errorf("rebuild %s: %w", id, err)
		}
		r := &record{Doc: doc, Chunks: make([]recordChunk, len(chunks)), Vectors: vecs, Ingested: time.Now().UTC()}
		for j, c := range chunks {
			r.Chunks[j] = recordChunk{Ordinal: j, Start: c.Start, End: c.End, Key: keys[j]}
		}
		if len(vecs) > 0 {
			meta.Dimension = len(vecs[0])
		}
		data, err := encodeRecord(r)
		if err != nil {
			return err
		}
		if w == nil {
			seq++
			if w, err = createSegment(docsDir, seq, -1); err != nil {
				return writeErr(err, "rebuild")
			}
		}
		w.add(id, data, 0, 0)
		if len(w.foot) >= maxSegmentDocs {
			if err := flush(); err != nil {
				return writeErr(err, "rebuild")
			}
		}
		if progress != nil {
			progress(i+1, len(ids))
		}
	}
	if err := flush(); err != nil {
		return writeErr(err, "rebuild")
	}
	if err := writeJSONAtomic(filepath.Join(newDir, "index.json"), meta); err != nil {
		return writeErr(err, "rebuild")
	}
	if err := syncdir.Sync(newDir); err != nil {
		return writeErr(err, "rebuild")
	}
	state, err := s.loadGen(ctx, gen)
	if err != nil {
		return err
	}
	if err := writeFileAtomic(filepath.Join(s.dir, "CURRENT"), []byte(gen+"\n")); err != nil {
		return writeErr(err, "switch to the rebuilt index")
	}
	s.mu.Lock()
	s.gen = gen
	s.adopt(state)
	s.dirty = true
	s.mu.Unlock()
	if old != "" {
		os.RemoveAll(s.genDir(old))
	}
	return nil
}

func (s *Store) nextGen(cur string) (string, error) {
	n := 0
	if cur != "" {
		if _, err := fmt.Sscanf(strings.TrimPrefix(cur, "gen-"), "%d", &n); err != nil {
			return "", rag.Errorf(rag.Internal, "bad generation name %q", cur)
		}
	}
	return fmt.Sprintf("gen-%06d", n+1), nil
}
