package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
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

// UpsertBatch stores several documents with one round of disk syncs: every record
// is written and synced under a temporary name (in parallel), then each is renamed
// into place (the commit point of that document), then the directories are synced
// once. Each document is atomic on its own: a crash leaves each one wholly at its
// old or its new version. It returns how many items, in order, were committed.
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
	m, gen := s.meta, s.gen
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
	// The keyword analyses are made while the records are written and
	// synced: the disk, not the cores, is what staging waits for.
	analysed := make(chan struct{})
	go func() {
		defer close(analysed)
		parallel(context.WithoutCancel(ctx), len(recs), func(i int) { recs[i].analyse() })
	}()
	docsDir := filepath.Join(s.genDir(gen), "docs")
	staged, err := stageRecords(docsDir, recs, &s.madeDirs)
	<-analysed
	if err != nil {
		return 0, err
	}
	committed := 0
	dirs := map[string]bool{}
	for i, st := range staged {
		s.fail("staged", recs[i].Doc.ID)
		if err := os.Rename(st.tmp, st.final); err != nil {
			for _, rest := range staged[i:] {
				os.Remove(rest.tmp)
			}
			err = writeErr(err, "store %s", recs[i].Doc.ID)
			return committed, errors.Join(err, s.publish(ctx, recs[:committed]))
		}
		dirs[filepath.Dir(st.final)] = true
		recs[i].file, _ = statID(st.final)
		committed++
		s.fail("committed", recs[i].Doc.ID)
	}
	if err := syncDirs(dirs); err != nil {
		return committed, errors.Join(writeErr(err, "sync index directories"), s.publish(ctx, recs))
	}
	return committed, s.publish(ctx, recs)
}

// publish makes committed records visible to searches.
func (s *Store) publish(ctx context.Context, recs []*record) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.dirty = true
	st := s.sharedState()
	for _, r := range recs {
		if err := st.add(ctx, r, r.file); err != nil {
			return err
		}
	}
	return nil
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

type stagedRecord struct{ tmp, final string }

// maxStaging bounds how many records are written and synced at once.
const maxStaging = 256

// stageRecords writes and syncs every record under a temporary name, all at
// once (up to maxStaging): waiting for the disk dominates ingest, and the
// file system commits syncs that wait together in one journal transaction.
func stageRecords(docsDir string, recs []*record, madeDirs *sync.Map) ([]stagedRecord, error) {
	staged := make([]stagedRecord, len(recs))
	errs := make([]error, len(recs))
	sem := make(chan struct{}, maxStaging)
	var wg sync.WaitGroup
	for i, r := range recs {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			data, err := encodeRecord(r)
			if err != nil {
				errs[i] = err
				return
			}
			sub, file := recordName(r.Doc.ID)
			dir := filepath.Join(docsDir, sub)
			if _, made := madeDirs.Load(dir); !made {
				if err := os.MkdirAll(dir, 0o755); err != nil {
					errs[i] = err
					return
				}
				madeDirs.Store(dir, true)
			}
			tmp, err := writeTemp(dir, file, data)
			staged[i], errs[i] = stagedRecord{tmp: tmp, final: filepath.Join(dir, file)}, err
		})
	}
	wg.Wait()
	failed, first := 0, error(nil)
	for _, err := range errs {
		if err != nil {
			if failed++; first == nil {
				first = err
			}
		}
	}
	if failed > 0 {
		for _, st := range staged {
			if st.tmp != "" {
				os.Remove(st.tmp)
			}
		}
		// One cause, usually shared by all (a full disk): said once.
		return nil, writeErr(first, "write %d of %d records", failed, len(recs))
	}
	return staged, nil
}

func syncDirs(dirs map[string]bool) error {
	var wg sync.WaitGroup
	var mu sync.Mutex
	var errs []error
	for d := range dirs {
		wg.Go(func() {
			if err := syncdir.Sync(d); err != nil {
				mu.Lock()
				errs = append(errs, err)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

// sharedState views the store's in-memory indexes as a genState, so that loading
// and upserting share one code path. Callers hold writeMu and mu.
func (s *Store) sharedState() *genState {
	return &genState{meta: s.meta, docs: s.docs, vectors: s.vectors, col: s.col, rows: s.rows, kw: s.kw}
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
		return writeErr(err, "delete %s", id)
	}
	if err := syncdir.Sync(dir); err != nil {
		return writeErr(err, "delete %s", id)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.dirty = true
	s.sharedState().remove(id)
	return nil
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
		sub, file := recordName(id)
		if err := os.MkdirAll(filepath.Join(newDir, "docs", sub), 0o755); err != nil {
			return writeErr(err, "rebuild")
		}
		if err := writeFileAtomic(filepath.Join(newDir, "docs", sub, file), data); err != nil {
			return writeErr(err, "rebuild %s", id)
		}
		if progress != nil {
			progress(i+1, len(ids))
		}
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
	s.meta, s.docs, s.vectors, s.col, s.rows, s.kw, s.warnings = state.meta, state.docs, state.vectors, state.col, state.rows, state.kw, state.warnings
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
