package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/jawab/jawab/rag"
)

// ErrReadOnly is returned by writes on a store opened with Options.ReadOnly.
var ErrReadOnly = rag.Errorf(rag.Conflict, "the index was opened read-only")

// Bind declares the embedder that will write and search this index. A fresh index
// records it; an index built by another embedder (or another dimension) refuses,
// because vectors from different models cannot be compared.
func (s *Store) Bind(name string, dim int) error {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	s.mu.RLock()
	m := s.meta
	s.mu.RUnlock()
	if m.Embedder != "" {
		if m.Embedder != name || (dim != 0 && m.Dimension != 0 && m.Dimension != dim) {
			return rag.Errorf(rag.Conflict,
				"the index in %s was built with embedder %q (%d dimensions), but this configuration uses %q (%s); "+
					"vectors from different embedders cannot be mixed. Re-index with: jawab reindex --data-dir %s",
				s.dir, m.Embedder, m.Dimension, name, dimText(dim), s.dir)
		}
		return nil
	}
	if s.readOnly {
		return nil // nothing stored yet; nothing to compare
	}
	m.Embedder, m.Dimension = name, dim
	return s.writeMeta(m)
}

func dimText(dim int) string {
	if dim == 0 {
		return "dimension not yet known"
	}
	return fmt.Sprintf("%d dimensions", dim)
}

func (s *Store) writeMeta(m Meta) error {
	s.mu.RLock()
	gen := s.gen
	s.mu.RUnlock()
	if err := writeJSONAtomic(filepath.Join(s.genDir(gen), "index.json"), m); err != nil {
		return rag.Wrap(rag.Internal, err, "write index metadata")
	}
	s.mu.Lock()
	s.meta = m
	s.mu.Unlock()
	return nil
}

// Upsert stores doc with its chunks (whose Text is ignored: it is always cut from
// doc.Text by the offsets), the key of each chunk's embedded text, and their
// vectors, replacing any earlier version of the document. When Upsert returns nil
// the new version is durable; if the process dies during Upsert, the old version
// is what the next Open sees.
func (s *Store) Upsert(ctx context.Context, doc rag.Document, chunks []rag.Chunk, keys []string, vectors [][]float32) error {
	if s.readOnly {
		return ErrReadOnly
	}
	if err := rag.ValidateDocID(doc.ID); err != nil {
		return err
	}
	if len(chunks) != len(vectors) || len(chunks) != len(keys) {
		return rag.Errorf(rag.Internal, "upsert %s: %d chunks, %d keys, %d vectors", doc.ID, len(chunks), len(keys), len(vectors))
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()

	s.mu.RLock()
	m, gen := s.meta, s.gen
	s.mu.RUnlock()
	if m.Embedder == "" {
		return rag.Errorf(rag.Internal, "upsert %s: no embedder bound to the index", doc.ID)
	}
	runes := len([]rune(doc.Text))
	r := &record{Doc: doc, Chunks: make([]recordChunk, len(chunks)), Vectors: vectors, Ingested: time.Now().UTC()}
	for i, c := range chunks {
		if c.Start < 0 || c.End > runes || c.Start >= c.End {
			return rag.Errorf(rag.Internal, "upsert %s: chunk %d has offsets [%d,%d) outside the text (%d runes)", doc.ID, i, c.Start, c.End, runes)
		}
		if len(vectors[i]) == 0 || (m.Dimension != 0 && len(vectors[i]) != m.Dimension) {
			return rag.Errorf(rag.Internal, "upsert %s: vector %d has %d dimensions, the index has %d", doc.ID, i, len(vectors[i]), m.Dimension)
		}
		r.Chunks[i] = recordChunk{Ordinal: i, Start: c.Start, End: c.End, Key: keys[i]}
	}
	if m.Dimension == 0 && len(vectors) > 0 {
		// A remote model tells its dimension with its first answer.
		m.Dimension = len(vectors[0])
		if err := s.writeMeta(m); err != nil {
			return err
		}
	}
	data, err := encodeRecord(r)
	if err != nil {
		return rag.Wrap(rag.Internal, err, "upsert %s", doc.ID)
	}
	sub, file := recordName(doc.ID)
	dir := filepath.Join(s.genDir(gen), "docs", sub)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return rag.Wrap(rag.Internal, err, "store %s", doc.ID)
	}
	if err := writeFileAtomic(filepath.Join(dir, file), data); err != nil {
		return rag.Wrap(rag.Internal, err, "store %s", doc.ID)
	}
	// Durable from here on; now make it visible.
	st := s.sharedState()
	s.mu.Lock()
	defer s.mu.Unlock()
	return st.add(ctx, r)
}

// sharedState views the store's in-memory indexes as a genState, so that loading
// and upserting share one code path. Callers hold writeMu.
func (s *Store) sharedState() *genState {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return &genState{meta: s.meta, docs: s.docs, vectors: s.vectors, col: s.col, kw: s.kw}
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
	gen := s.gen
	s.mu.RUnlock()
	if !ok {
		return rag.Errorf(rag.NotFound, "no document with id %q", id)
	}
	sub, file := recordName(id)
	dir := filepath.Join(s.genDir(gen), "docs", sub)
	if err := os.Remove(filepath.Join(dir, file)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return rag.Wrap(rag.Internal, err, "delete %s", id)
	}
	if err := syncDir(dir); err != nil {
		return rag.Wrap(rag.Internal, err, "delete %s", id)
	}
	st := s.sharedState()
	s.mu.Lock()
	defer s.mu.Unlock()
	st.remove(id)
	return nil
}

// RebuildFunc turns a stored document into its new chunks, chunk keys and vectors.
type RebuildFunc func(ctx context.Context, doc rag.Document) (chunks []rag.Chunk, keys []string, vectors [][]float32, err error)

// Rebuild re-derives every document into a new index generation bound to another
// embedder, then switches to it in one atomic step (the CURRENT pointer). Until
// the switch the old index is untouched, so a failure or crash midway loses
// nothing; progress is called after each document.
func (s *Store) Rebuild(ctx context.Context, embedder string, fn RebuildFunc, progress func(done, total int)) error {
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
		return rag.Wrap(rag.Internal, err, "rebuild")
	}
	meta := Meta{Format: formatVersion, Embedder: embedder, Created: time.Now().UTC()}
	for i, id := range ids {
		doc, _, err := s.Get(id)
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
		sub, file := recordName(id)
		if err := os.MkdirAll(filepath.Join(newDir, "docs", sub), 0o755); err != nil {
			return rag.Wrap(rag.Internal, err, "rebuild")
		}
		if err := writeFileAtomic(filepath.Join(newDir, "docs", sub, file), data); err != nil {
			return rag.Wrap(rag.Internal, err, "rebuild %s", id)
		}
		if progress != nil {
			progress(i+1, len(ids))
		}
	}
	if err := writeJSONAtomic(filepath.Join(newDir, "index.json"), meta); err != nil {
		return rag.Wrap(rag.Internal, err, "rebuild")
	}
	if err := syncDir(newDir); err != nil {
		return rag.Wrap(rag.Internal, err, "rebuild")
	}
	state, err := s.loadGen(ctx, gen)
	if err != nil {
		return err
	}
	if err := writeFileAtomic(filepath.Join(s.dir, "CURRENT"), []byte(gen+"\n")); err != nil {
		return rag.Wrap(rag.Internal, err, "switch to the rebuilt index")
	}
	s.mu.Lock()
	s.gen = gen
	s.meta, s.docs, s.vectors, s.col, s.kw, s.warnings = state.meta, state.docs, state.vectors, state.col, state.kw, state.warnings
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
