// Package store is jawab's durable index on one machine: records on disk (the
// source of truth, one atomically written file per document), a chromem-go
// collection for vector search and a BM25 keyword index, both rebuilt from the
// records when the store opens.
//
// chromem-go is used in memory only. Its own persistence names each document's
// file by 32 bits of SHA-256 (ids collide and one is silently lost at scale), never
// fsyncs, and writes one file per chunk, so it cannot give per-document atomicity
// across a crash; the records here do.
package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	chromem "github.com/philippgille/chromem-go"

	"github.com/jawab/jawab/index"
	"github.com/jawab/jawab/index/keyword"
	"github.com/jawab/jawab/rag"
	"github.com/jawab/jawab/text"
)

// formatVersion is the layout of a generation directory; bump it when records
// change incompatibly.
const formatVersion = 1

// The value types are the contract's (package index).
type (
	// Meta is what a generation records about how it was built.
	Meta = index.Meta
	// Stats summarise the index.
	Stats = index.Stats
	// Item is one document to write.
	Item = index.Item
	// RebuildFunc turns a stored document into its new chunks, keys and vectors.
	RebuildFunc = index.RebuildFunc
)

var _ index.Store = (*Store)(nil)

// Options configure Open.
type Options struct {
	// ReadOnly opens without taking the writer lock: for commands that only read
	// (listing, asking against an existing index) while another process ingests.
	ReadOnly bool
	// Logger receives warnings about corrupt records; nil discards them.
	Logger *slog.Logger
	// Failpoint, when set, is called at the steps of a commit: "staged" just
	// before a document's record is renamed into place (its temporary file is
	// written and synced), "committed" just after. Tests use it to kill the
	// process at exact points; it has no other use.
	Failpoint func(step, docID string)
}

// Store is the durable index. Its methods are safe for concurrent use; writes are
// serialised, searches run alongside them.
type Store struct {
	dir      string
	readOnly bool
	log      *slog.Logger
	fail     func(step, docID string)
	lock     *os.File

	writeMu sync.Mutex // serialises writers (Upsert, Delete, Bind, BindRanker, Rebuild)
	// madeDirs holds the record directories known to exist.
	madeDirs sync.Map

	mu       sync.RWMutex // guards everything below
	gen      string
	meta     Meta
	docs     map[string]*docState
	vectors  map[string]*cachedVector // by chunk key
	col      *chromem.Collection
	rows     *rows // the collection's vectors by slot, for sparse queries
	kw       *keyword.Index
	warnings []string
	// dirty says that the generation's snapshot does not hold the current
	// state; Close then writes it. Guarded by writeMu.
	dirty bool
}

type docState struct {
	info   rag.DocumentInfo
	text   string
	file   fileID // the version of the record file this state was read from or written to
	chunks []chunkState
}

type chunkState struct {
	recordChunk
	startByte, endByte int
}

type cachedVector struct {
	vec  []float32
	refs int
}

// Open opens (creating if needed) the data directory dir.
func Open(ctx context.Context, dir string, opt Options) (*Store, error) {
	s := &Store{dir: dir, readOnly: opt.ReadOnly, log: opt.Logger, fail: opt.Failpoint}
	if s.fail == nil {
		s.fail = func(string, string) {}
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if !opt.ReadOnly {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, writeErr(err, "create data dir %s", dir)
		}
		lock, err := lockDir(dir)
		if err != nil {
			return nil, err
		}
		s.lock = lock
	}
	if err := s.load(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// Close writes the snapshot if anything changed since it was written (a
// failure to is logged: the records hold everything) and releases the writer
// lock. The store must not be used afterwards.
func (s *Store) Close() error {
	if s.lock != nil {
		s.writeMu.Lock()
		if s.dirty {
			t0 := time.Now()
			if err := s.writeSnapshot(); err != nil {
				s.log.Warn("could not write the index snapshot; the next start reads every record", "dir", s.dir, "err", err)
			} else {
				s.dirty = false
				s.log.Debug("wrote the index snapshot", "seconds", time.Since(t0).Seconds())
			}
		}
		s.writeMu.Unlock()
		err := unlockDir(s.lock)
		s.lock = nil
		return err
	}
	return nil
}

// Dir is the data directory.
func (s *Store) Dir() string { return s.dir }

// Meta returns how the current index was built.
func (s *Store) Meta(ctx context.Context) (Meta, error) {
	if err := ctx.Err(); err != nil {
		return Meta{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.meta, nil
}

// Warnings lists problems found while loading (corrupt records set aside).
func (s *Store) Warnings() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return slices.Clone(s.warnings)
}

func (s *Store) genDir(gen string) string { return filepath.Join(s.dir, gen) }

// currentGen reads the CURRENT pointer; "" when the data dir holds no index yet.
func (s *Store) currentGen() (string, error) {
	b, err := os.ReadFile(filepath.Join(s.dir, "CURRENT"))
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", rag.Wrap(rag.Internal, err, "read index pointer")
	}
	gen := strings.TrimSpace(string(b))
	if !strings.HasPrefix(gen, "gen-") || strings.ContainsAny(gen, `/\`) {
		return "", rag.Errorf(rag.Internal, "data dir %s: CURRENT names %q, which is not an index generation", s.dir, gen)
	}
	return gen, nil
}

// Unused reports, without loading the index, whether dir has never held
// one: no generation, or one with no embedder bound and no document record.
// (Opening reads every record; a server asking whether to ingest the bundled
// collection first need not pay for that twice.)
func Unused(dir string) (bool, error) {
	gen, err := (&Store{dir: dir}).currentGen()
	if err != nil || gen == "" {
		return gen == "", err
	}
	b, err := os.ReadFile(filepath.Join(dir, gen, "index.json"))
	if err != nil {
		return false, rag.Wrap(rag.Internal, err, "read index metadata")
	}
	var m Meta
	if err := json.Unmarshal(b, &m); err != nil {
		return false, rag.Wrap(rag.Internal, err, "read index metadata %s", filepath.Join(dir, gen, "index.json"))
	}
	if m.Embedder != "" {
		return false, nil
	}
	entries, err := os.ReadDir(filepath.Join(dir, gen, "docs"))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return false, rag.Wrap(rag.Internal, err, "list records")
	}
	return len(entries) == 0, nil
}

// load reads the current generation into memory.
func (s *Store) load(ctx context.Context) error {
	gen, err := s.currentGen()
	if err != nil {
		return err
	}
	if gen == "" && !s.readOnly {
		gen = "gen-000001"
		if err := os.MkdirAll(filepath.Join(s.genDir(gen), "docs"), 0o755); err != nil {
			return writeErr(err, "create index")
		}
		if err := writeJSONAtomic(filepath.Join(s.genDir(gen), "index.json"), Meta{Format: formatVersion, Created: time.Now().UTC()}); err != nil {
			return writeErr(err, "create index")
		}
		if err := writeFileAtomic(filepath.Join(s.dir, "CURRENT"), []byte(gen+"\n")); err != nil {
			return writeErr(err, "create index")
		}
	}
	state, err := s.loadGen(ctx, gen)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.gen = gen
	s.meta, s.docs, s.vectors, s.col, s.rows, s.kw, s.warnings = state.meta, state.docs, state.vectors, state.col, state.rows, state.kw, state.warnings
	s.dirty = state.stale && !s.readOnly
	return nil
}

type genState struct {
	meta     Meta
	docs     map[string]*docState
	vectors  map[string]*cachedVector
	col      *chromem.Collection
	rows     *rows
	kw       *keyword.Index
	warnings []string
	// stale: the snapshot was missing or did not hold every record as it is.
	stale bool
}

func newGenState() *genState {
	col, err := chromem.NewDB().CreateCollection("chunks", nil, refuseToEmbed)
	if err != nil {
		panic(err) // only fails on an empty name
	}
	return &genState{docs: map[string]*docState{}, vectors: map[string]*cachedVector{}, col: col, rows: newRows(), kw: keyword.New()}
}

// refuseToEmbed is the collection's embedding function: jawab always passes its own
// vectors, so chromem-go must never embed (it would call OpenAI by default).
func refuseToEmbed(context.Context, string) ([]float32, error) {
	return nil, errors.New("store: chromem-go asked to embed; jawab supplies vectors")
}

func (s *Store) loadGen(ctx context.Context, gen string) (*genState, error) {
	st := newGenState()
	if gen == "" {
		return st, nil
	}
	dir := s.genDir(gen)
	b, err := os.ReadFile(filepath.Join(dir, "index.json"))
	if err != nil {
		return nil, rag.Wrap(rag.Internal, err, "read index metadata")
	}
	if err := json.Unmarshal(b, &st.meta); err != nil {
		return nil, rag.Wrap(rag.Internal, err, "read index metadata %s", filepath.Join(dir, "index.json"))
	}
	if st.meta.Format != formatVersion {
		return nil, rag.Errorf(rag.Conflict, "the index in %s has format %d; this jawab reads format %d", s.dir, st.meta.Format, formatVersion)
	}
	var paths []string
	err = filepath.WalkDir(filepath.Join(dir, "docs"), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		switch {
		case d.IsDir():
		case strings.HasSuffix(p, ".rec"):
			paths = append(paths, p)
		case strings.Contains(d.Name(), ".tmp-") && !s.readOnly:
			// A write that a crash interrupted before its rename: never visible.
			os.Remove(p)
		}
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, rag.Wrap(rag.Internal, err, "list records")
	}
	// Every record's version, to hold the snapshot's against.
	ids := make([]fileID, len(paths))
	parallel(ctx, len(paths), func(i int) { ids[i], _ = statID(paths[i]) })
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if !s.readOnly {
		// A snapshot write that a crash interrupted.
		if tmps, _ := filepath.Glob(filepath.Join(dir, snapName+".tmp-*")); len(tmps) > 0 {
			for _, t := range tmps {
				os.Remove(t)
			}
		}
	}
	fromRecords := paths
	st.stale = len(paths) > 0
	if sn := s.openSnapshot(dir, len(paths)); sn != nil {
		used, err := st.addSnapshot(ctx, sn, dir, paths, ids)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			s.log.Warn("index snapshot not used; rebuilding the index from the records", "dir", dir, "err", err)
			meta := st.meta
			st = newGenState()
			st.meta, st.stale = meta, true
		} else {
			fromRecords = nil
			for i, p := range paths {
				if !used[i] {
					fromRecords = append(fromRecords, p)
				}
			}
			st.stale = len(fromRecords) > 0 || len(sn.docs) != len(paths)
			// Checking and loading it touched every page; what searches
			// need (vectors, passages' texts and analyses) comes back when
			// they touch it.
			release(sn.mapped)
			if len(fromRecords) > 0 {
				s.log.Info("index snapshot is behind the records; reading the changed ones", "dir", dir, "records", len(fromRecords))
			}
		}
	}
	fileIDs := make(map[string]fileID, len(fromRecords))
	for i, p := range paths {
		fileIDs[p] = ids[i]
	}
	recs := make([]*record, len(fromRecords))
	errs := make([]error, len(fromRecords))
	parallel(ctx, len(fromRecords), func(i int) {
		data, err := os.ReadFile(fromRecords[i])
		if err == nil {
			recs[i], err = decodeRecord(data)
		}
		errs[i] = err
	})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for i, r := range recs {
		if errs[i] != nil {
			msg := fmt.Sprintf("record %s is unreadable (%v); its document is left out until it is ingested again", fromRecords[i], errs[i])
			if errors.Is(errs[i], errCorrupt) && !s.readOnly {
				os.Rename(fromRecords[i], fromRecords[i]+".corrupt")
				msg += "; the file was renamed to .corrupt"
			}
			st.warnings = append(st.warnings, msg)
			s.log.Warn("unreadable record", "path", fromRecords[i], "err", errs[i])
			continue
		}
		if err := st.add(ctx, r, fileIDs[fromRecords[i]]); err != nil {
			return nil, err
		}
	}
	return st, nil
}

// addSnapshot puts every document of sn whose record is still the version
// it was made from into st, which must be empty, and reports which of paths
// it used.
func (st *genState) addSnapshot(ctx context.Context, sn *snapshot, dir string, paths []string, ids []fileID) ([]bool, error) {
	byPath := make(map[string]int, len(paths))
	for i, p := range paths {
		byPath[p] = i
	}
	used := make([]bool, len(paths))
	var err error
	st.kw, err = keyword.Restore(sn.vocab, sn.stems, sn.df, sn.chunks)
	if err != nil {
		return nil, err
	}
	for i := range sn.docs {
		doc := &sn.docs[i]
		sub, file := recordName(doc.info.ID)
		j, ok := byPath[filepath.Join(dir, "docs", sub, file)]
		if !ok || ids[j] != doc.file || doc.file == (fileID{}) || used[j] {
			continue // deleted or changed since
		}
		used[j] = true
		if err := st.addSnap(ctx, doc); err != nil {
			return nil, err
		}
	}
	return used, nil
}

// openSnapshot returns the generation's snapshot if it can be used, else nil,
// saying why in the log.
func (s *Store) openSnapshot(dir string, records int) *snapshot {
	sn, err := readSnapshot(dir)
	if err == nil && sn != nil {
		err = sn.verifyAnalyses(256)
	}
	switch {
	case err != nil:
		s.log.Warn("index snapshot not used; rebuilding the index from the records", "dir", dir, "err", err)
		return nil
	case sn == nil:
		if records > 0 {
			s.log.Info("no index snapshot; rebuilding the index from the records", "dir", dir, "records", records)
		}
		return nil
	}
	return sn
}

// parallel calls fn(i) for i in [0, n) on every core, until ctx ends.
func parallel(ctx context.Context, n int, fn func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				fn(i)
			}
		})
	}
	for i := range n {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
}

// add puts a record into the in-memory indexes, replacing the document's previous
// version. The caller holds the write lock of whatever shares st.
func (st *genState) add(ctx context.Context, r *record, file fileID) error {
	st.remove(r.Doc.ID)
	ds := &docState{text: r.Doc.Text, file: file, chunks: make([]chunkState, len(r.Chunks))}
	ds.info = r.Doc.Info()
	ds.info.Runes, ds.info.Chunks, ds.info.Ingested = len([]rune(r.Doc.Text)), len(r.Chunks), r.Ingested
	offsets := text.ByteOffsets(r.Doc.Text)
	docs := make([]chromem.Document, len(r.Chunks))
	for i, c := range r.Chunks {
		ds.chunks[i] = chunkState{recordChunk: c, startByte: offsets[c.Start], endByte: offsets[c.End]}
		id := chunkID(r.Doc.ID, c.Ordinal)
		// chromem-go keeps the embedding it is given when it is of unit
		// length, else a normalised copy: normalised here (as chromem-go
		// would), the one copy is shared by the collection, rows and the
		// vector cache.
		vec := unitVector(r.Vectors[i])
		docs[i] = chromem.Document{ID: id, Embedding: vec}
		if cv := st.vectors[c.Key]; cv != nil {
			cv.refs++
		} else {
			st.vectors[c.Key] = &cachedVector{vec: vec, refs: 1}
		}
	}
	for _, d := range docs {
		if err := st.col.AddDocument(ctx, d); err != nil {
			return rag.Wrap(rag.Internal, err, "add %s to the vector index", d.ID)
		}
		st.rows.add(d.ID, d.Embedding)
	}
	for i, c := range ds.chunks {
		var sents [][]string
		if r.analyses != nil {
			sents = r.analyses[i]
		} else {
			sents = text.SentenceTokens(ds.text[c.startByte:c.endByte])
		}
		st.kw.AddSentences(docs[i].ID, sents)
	}
	st.docs[r.Doc.ID] = ds
	return nil
}

// remove drops a document from the in-memory indexes.
func (st *genState) remove(id string) {
	ds := st.docs[id]
	if ds == nil {
		return
	}
	ids := make([]string, len(ds.chunks))
	for i, c := range ds.chunks {
		ids[i] = chunkID(id, c.Ordinal)
		st.kw.Remove(ids[i])
		st.rows.remove(ids[i])
		if cv := st.vectors[c.Key]; cv != nil {
			if cv.refs--; cv.refs == 0 {
				delete(st.vectors, c.Key)
			}
		}
	}
	// chromem-go's Delete removes EVERY document when given a non-nil but empty
	// where map, so only ids are ever passed, and never an empty list.
	if len(ids) > 0 {
		st.col.Delete(context.Background(), nil, nil, ids...)
	}
	delete(st.docs, id)
}

func chunkID(docID string, ordinal int) string { return docID + "#" + strconv.Itoa(ordinal) }

// parseChunkID splits a chunk id; document ids never contain '#'.
func parseChunkID(id string) (docID string, ordinal int, ok bool) {
	i := strings.LastIndexByte(id, '#')
	if i < 0 {
		return "", 0, false
	}
	n, err := strconv.Atoi(id[i+1:])
	return id[:i], n, err == nil
}

func writeJSONAtomic(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return writeFileAtomic(path, append(b, '\n'))
}
