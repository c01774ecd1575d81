// Package store is jawab's durable index on one machine: records on disk (the
// source of truth, one atomically written segment file per committed batch,
// see segment.go), a chromem-go collection for vector search and a BM25
// keyword index, both rebuilt from the records (or a snapshot of them) when the
// store opens.
//
// chromem-go is used in memory only. Its own persistence names each document's
// file by 32 bits of SHA-256 (ids collide and one is silently lost at scale), never
// fsyncs, and writes one file per chunk, so it cannot give atomic commits
// across a crash; the segments here do.
package store

import (
	"cmp"
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
	// Failpoint, when set, is called at the steps of a commit, with the
	// segment's file name: "staged" just before a batch's segment is renamed
	// into place (its temporary file is written and synced), "committed"
	// just after (and after its directory is synced); "compact-staged" and
	// "compact-committed" likewise for the segment a compaction writes.
	// Tests use it to kill the process at exact points; it has no other use.
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

	writeMu sync.Mutex // serialises writers (Upsert, Delete, Bind, BindRanker, Rebuild, compaction)

	mu       sync.RWMutex // guards everything below
	gen      string
	meta     Meta
	docs     map[string]*docState
	vectors  map[string]*cachedVector // by chunk key
	col      *chromem.Collection
	rows     *rows // the collection's vectors by slot, for sparse queries
	kw       *keyword.Index
	newest   *newest
	warnings []string
	disk     *diskState // guarded by writeMu once loaded
	// dirty says that the generation's snapshot does not hold the current
	// state; Close then writes it. Guarded by writeMu.
	dirty bool
}

type docState struct {
	info rag.DocumentInfo
	text string
	ver  recordVersion // the version of its record this state was read from or written as
	// Where that record lies now (compaction moves it): a file, the
	// offset and length of the record in it.
	src    *dataFile
	off, n int64
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
	s.adopt(state)
	s.dirty = state.stale && !s.readOnly
	return nil
}

// diskState is what the writers know of a generation's files.
type diskState struct {
	files   map[string]*dataFile // every file that holds live or superseded records, by path
	nextSeq int64                // the sequence number of the next segment
}

type genState struct {
	disk     *diskState
	meta     Meta
	docs     map[string]*docState
	vectors  map[string]*cachedVector
	col      *chromem.Collection
	rows     *rows
	kw       *keyword.Index
	newest   *newest
	warnings []string
	// stale: the snapshot was missing or did not hold every record as it is.
	stale bool
}

func newGenState() *genState {
	col, err := chromem.NewDB().CreateCollection("chunks", nil, refuseToEmbed)
	if err != nil {
		panic(err) // only fails on an empty name
	}
	return &genState{disk: &diskState{files: map[string]*dataFile{}, nextSeq: 1}, docs: map[string]*docState{}, vectors: map[string]*cachedVector{}, col: col, rows: newRows(), kw: keyword.New(), newest: &newest{}}
}

// adopt makes state the store's indexes. The caller holds mu.
func (s *Store) adopt(state *genState) {
	s.meta, s.docs, s.vectors, s.col, s.rows, s.kw, s.newest, s.warnings, s.disk = state.meta, state.docs, state.vectors, state.col, state.rows, state.kw, state.newest, state.warnings, state.disk
}

// newest bounds the publication dates of a generation's documents: no
// document was published after it. It only moves forward (a removed
// document leaves it where it was), which keeps it a bound.
type newest struct{ published time.Time }

func (n *newest) note(published time.Time) {
	if published.After(n.published) {
		n.published = published
	}
}

// refuseToEmbed is the collection's embedding function: jawab always passes its own
// vectors, so chromem-go must never embed (it would call OpenAI by default).
func refuseToEmbed(context.Context, string) ([]float32, error) {
	return nil, errors.New("store: chromem-go asked to embed; jawab supplies vectors")
}

// errVanished says that a file went away while a generation was read.
var errVanished = errors.New("a file of the index went away while it was read")

// loadGen reads generation gen. A file that goes away meanwhile (a writer in
// another process compacted the segments, or removed a record file that a
// segment superseded) makes it start over: the writer keeps the files
// consistent at every step, so a second listing sees a whole state.
func (s *Store) loadGen(ctx context.Context, gen string) (*genState, error) {
	for attempt := 1; ; attempt++ {
		st, err := s.loadGenOnce(ctx, gen)
		if errors.Is(err, errVanished) && attempt < 10 {
			s.log.Debug("index files changed while being read; reading them again", "err", err)
			continue
		}
		if errors.Is(err, errVanished) {
			return nil, rag.Wrap(rag.Internal, err, "read the index")
		}
		return st, err
	}
}

func (s *Store) loadGenOnce(ctx context.Context, gen string) (*genState, error) {
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
	docsDir := filepath.Join(dir, "docs")
	var recPaths []string
	var segs []segRead
	maxSeq := int64(0)
	err = filepath.WalkDir(docsDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		switch {
		case d.IsDir():
		case strings.Contains(name, ".tmp-"):
			if !s.readOnly {
				// A write that a crash interrupted before its rename: never visible.
				os.Remove(p)
			}
		case strings.HasSuffix(p, ".rec"):
			recPaths = append(recPaths, p)
		case filepath.Dir(p) == docsDir:
			if seq, ok := segSeq(name); ok {
				segs = append(segs, segRead{seq: seq, path: p})
				maxSeq = max(maxSeq, seq)
			}
		}
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, rag.Wrap(rag.Internal, err, "list records")
	}
	st.disk.nextSeq = maxSeq + 1
	slices.SortFunc(segs, func(a, b segRead) int { return cmp.Compare(a.seq, b.seq) })
	parallel(ctx, len(segs), func(i int) {
		r := &segs[i]
		r.covers, r.entries, r.size, r.err = readSegment(r.path)
	})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	covers := int64(-1)
	for _, r := range segs {
		if errors.Is(r.err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%w: %v", errVanished, r.err)
		}
		if r.err == nil {
			covers = max(covers, r.covers)
		}
	}
	// Each document's newest entry wins; record files are older than every
	// segment, and a segment written by compaction makes every older file
	// obsolete.
	win := map[string]*source{}
	legacy := map[string]*source{} // by record file name
	if covers < 0 {
		for _, p := range recPaths {
			legacy[filepath.Base(p)] = &source{df: &dataFile{path: p}}
		}
	} else if !s.readOnly {
		removeRecordFiles(recPaths)
	}
	for _, r := range segs {
		switch {
		case r.seq <= covers:
			// Replaced by a compaction that a crash interrupted before it
			// removed this file.
			if !s.readOnly {
				os.Remove(r.path)
			}
			continue
		case r.err != nil:
			msg := fmt.Sprintf("segment %s is unreadable (%v); its documents are left out (or at an older version) until they are ingested again", r.path, r.err)
			if errors.Is(r.err, errCorrupt) && !s.readOnly {
				os.Rename(r.path, r.path+".corrupt")
				msg += "; the file was renamed to .corrupt"
			}
			st.warnings = append(st.warnings, msg)
			s.log.Warn("unreadable segment", "path", r.path, "err", r.err)
			continue
		}
		df := &dataFile{path: r.path, seq: r.seq, size: r.size}
		st.disk.files[df.path] = df
		for _, e := range r.entries {
			win[e.id] = &source{df: df, e: e}
			if len(legacy) > 0 {
				_, name := recordName(e.id)
				if l := legacy[name]; l != nil {
					// Superseded by this durable entry.
					delete(legacy, name)
					if !s.readOnly {
						os.Remove(l.df.path)
					}
				}
			}
		}
	}
	// Every record file's version, to hold the snapshot's against.
	legacyList := make([]*source, 0, len(legacy))
	for _, l := range legacy {
		legacyList = append(legacyList, l)
	}
	parallel(ctx, len(legacyList), func(i int) {
		l := legacyList[i]
		id, _ := statID(l.df.path)
		l.ver, l.df.size, l.e.n = recordVersion{file: id}, id.size, id.size
	})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	records := len(legacyList)
	for _, l := range legacyList {
		st.disk.files[l.df.path] = l.df
	}
	for _, w := range win {
		if w.e.kind == entryRecord {
			w.ver = recordVersion{seq: w.e.originSeq, off: w.e.originOff, crc: w.e.crc}
			records++
		}
	}
	if !s.readOnly {
		// A snapshot write that a crash interrupted.
		if tmps, _ := filepath.Glob(filepath.Join(dir, snapName+".tmp-*")); len(tmps) > 0 {
			for _, t := range tmps {
				os.Remove(t)
			}
		}
	}
	// The source the snapshot's version of a document must match.
	current := func(id string) *source {
		if w := win[id]; w != nil {
			if w.e.kind == entryRecord {
				return w
			}
			return nil // deleted
		}
		_, name := recordName(id)
		return legacy[name]
	}
	st.stale = records > 0
	if sn := s.openSnapshot(dir, records); sn != nil {
		used, err := st.addSnapshot(ctx, sn, current)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			s.log.Warn("index snapshot not used; rebuilding the index from the records", "dir", dir, "err", err)
			meta, disk := st.meta, st.disk
			st = newGenState()
			st.meta, st.disk, st.stale = meta, disk, true
			for _, w := range win {
				w.used = false
			}
			for _, l := range legacyList {
				l.used = false
			}
		} else {
			// A snapshot of an older version is written again as this one.
			st.stale = used < records || len(sn.docs) != used || sn.version != snapVersion
			// Checking and loading it touched every page; what searches
			// need (vectors, passages' texts and analyses) comes back when
			// they touch it.
			release(sn.mapped)
			if used < records {
				s.log.Info("index snapshot is behind the records; reading the changed ones", "dir", dir, "records", records-used)
			}
		}
	}
	recs, err := s.readRecords(ctx, win, legacyList, &st.warnings)
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		if err := st.add(ctx, r); err != nil {
			return nil, err
		}
	}
	return st, nil
}

// segRead is a segment found on open.
type segRead struct {
	seq, covers int64
	path        string
	entries     []segEntry
	size        int64
	err         error
}

// source is where a document's newest record lies: an entry of a segment,
// or a record file (e.n is then the file's size).
type source struct {
	df   *dataFile
	e    segEntry
	ver  recordVersion
	used bool // taken from the snapshot
}

// readRecords decodes every record of win and legacy that the snapshot did
// not provide, each segment read at once, and returns them ordered by
// document id. An unreadable record is left out with a warning.
func (s *Store) readRecords(ctx context.Context, win map[string]*source, legacy []*source, warnings *[]string) ([]*record, error) {
	bySeg := map[*dataFile][]*source{}
	var files []*dataFile
	for _, w := range win {
		if w.e.kind == entryRecord && !w.used {
			if bySeg[w.df] == nil {
				files = append(files, w.df)
			}
			bySeg[w.df] = append(bySeg[w.df], w)
		}
	}
	for _, l := range legacy {
		if !l.used {
			bySeg[l.df] = []*source{l}
			files = append(files, l.df)
		}
	}
	type result struct {
		src *source
		r   *record
		err error
	}
	results := make([][]result, len(files))
	parallel(ctx, len(files), func(i int) {
		data, err := os.ReadFile(files[i].path)
		for _, src := range bySeg[files[i]] {
			res := result{src: src, err: err}
			if err == nil {
				res.r, res.err = decodeEntry(data, src)
			}
			results[i] = append(results[i], res)
		}
	})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var recs []*record
	for _, rs := range results {
		for _, res := range rs {
			if errors.Is(res.err, fs.ErrNotExist) {
				return nil, fmt.Errorf("%w: %v", errVanished, res.err)
			}
			if res.err == nil {
				recs = append(recs, res.r)
				continue
			}
			path := res.src.df.path
			var msg string
			if res.src.df.seq == 0 {
				msg = fmt.Sprintf("record %s is unreadable (%v); its document is left out until it is ingested again", path, res.err)
				if errors.Is(res.err, errCorrupt) && !s.readOnly {
					os.Rename(path, path+".corrupt")
					msg += "; the file was renamed to .corrupt"
				}
			} else {
				msg = fmt.Sprintf("the record of %s in segment %s is unreadable (%v); the document is left out until it is ingested again", res.src.e.id, path, res.err)
			}
			*warnings = append(*warnings, msg)
			s.log.Warn("unreadable record", "path", path, "err", res.err)
		}
	}
	slices.SortFunc(recs, func(a, b *record) int { return cmp.Compare(a.Doc.ID, b.Doc.ID) })
	return recs, nil
}

// decodeEntry decodes the record src names in data, its file's content.
func decodeEntry(data []byte, src *source) (*record, error) {
	if src.df.seq == 0 {
		r, err := decodeRecord(data)
		if err != nil {
			return nil, err
		}
		r.ver, r.src, r.n = src.ver, src.df, int64(len(data))
		return r, nil
	}
	e := src.e
	if e.off+e.n > int64(len(data)) {
		return nil, fmt.Errorf("%w: entry beyond the end of the segment", errCorrupt)
	}
	r, err := decodeRecord(data[e.off : e.off+e.n])
	if err != nil {
		return nil, err
	}
	if r.Doc.ID != e.id {
		return nil, fmt.Errorf("%w: the entry of %s holds %s", errCorrupt, e.id, r.Doc.ID)
	}
	r.ver, r.src, r.off, r.n = src.ver, src.df, e.off, e.n
	return r, nil
}

// removeRecordFiles removes record files that a compacted segment replaced,
// and their fan-out directories once empty.
func removeRecordFiles(paths []string) {
	dirs := map[string]bool{}
	for _, p := range paths {
		os.Remove(p)
		dirs[filepath.Dir(p)] = true
	}
	for d := range dirs {
		os.Remove(d) // fails, harmlessly, while it holds anything
	}
}

// addSnapshot puts every document of sn whose record is still the version
// it was made from (current gives the record's source) into st, which must
// be empty, marks those sources used, and returns how many it used.
func (st *genState) addSnapshot(ctx context.Context, sn *snapshot, current func(id string) *source) (int, error) {
	var err error
	st.kw, err = keyword.Restore(sn.vocab, sn.stems, sn.df, sn.chunks)
	if err != nil {
		return 0, err
	}
	used := 0
	for i := range sn.docs {
		doc := &sn.docs[i]
		src := current(doc.info.ID)
		if src == nil || src.used || src.ver != doc.ver || doc.ver == (recordVersion{}) {
			continue // deleted or changed since
		}
		src.used = true
		used++
		if err := st.addSnap(ctx, doc, src); err != nil {
			return 0, err
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
func (st *genState) add(ctx context.Context, r *record) error {
	st.remove(r.Doc.ID)
	ds := &docState{text: r.Doc.Text, ver: r.ver, src: r.src, off: r.off, n: r.n, chunks: make([]chunkState, len(r.Chunks))}
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
		var next [][]uint8
		if r.analyses != nil {
			sents, next = r.analyses[i], r.followers[i]
		} else {
			sents, next = text.SentenceTokensFollowed(ds.text[c.startByte:c.endByte])
		}
		st.kw.AddSentences(docs[i].ID, sents, next)
	}
	st.docs[r.Doc.ID] = ds
	st.newest.note(ds.info.Published)
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
