// Package ingest is the path from loaded articles to the durable index: content
// hashing (unchanged documents are skipped), sentence-aware chunking, embedding in
// batches with a cache of vectors by chunk text, and one atomic store write per
// batch (every document of it wholly at its old or its new version after a
// crash).
package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"iter"
	"strconv"
	"time"

	"github.com/jawab/jawab/index"
	"github.com/jawab/jawab/index/load"
	"github.com/jawab/jawab/rag"
	"github.com/jawab/jawab/text"
)

// Source is one root to ingest: a directory or a single file inside FS.
type Source struct {
	FS      fs.FS
	Root    string
	Options load.Options
}

// Status is what happened to one document.
type Status string

const (
	Added     Status = "added"
	Updated   Status = "updated"
	Unchanged Status = "unchanged"
	Failed    Status = "failed"
	Pruned    Status = "pruned"
)

// Event reports one document's outcome, as soon as it is known.
type Event struct {
	Path   string `json:"path,omitempty"`
	ID     string `json:"id,omitempty"`
	Status Status `json:"status"`
	Chunks int    `json:"chunks,omitempty"`
	Bytes  int    `json:"bytes,omitempty"`
	Err    error  `json:"-"`
}

// Summary totals a run.
type Summary struct {
	Added     int           `json:"added"`
	Updated   int           `json:"updated"`
	Unchanged int           `json:"unchanged"`
	Failed    int           `json:"failed"`
	Pruned    int           `json:"pruned"`
	Chunks    int           `json:"chunks"`   // chunks written for added and updated documents
	Embedded  int           `json:"embedded"` // of which freshly embedded (the rest reused cached vectors)
	Bytes     int64         `json:"bytes"`
	Elapsed   time.Duration `json:"elapsed_ns"`
	Failures  []Failure     `json:"failures,omitempty"`
	Warnings  []string      `json:"warnings,omitempty"`
}

// Failure is one document or file that could not be ingested.
type Failure struct {
	Path  string `json:"path"`
	ID    string `json:"id,omitempty"`
	Error string `json:"error"`
}

// MBps is the input throughput of the run in megabytes (10^6 bytes) per second.
func (s Summary) MBps() float64 {
	if s.Elapsed <= 0 {
		return 0
	}
	return float64(s.Bytes) / 1e6 / s.Elapsed.Seconds()
}

// Ingester writes documents into a store.
type Ingester struct {
	Store    index.Store
	Embedder rag.Embedder
	// Ranker, when set, is the version of the learned ranking model
	// (rag.Model.Version) that the store is bound to with the embedder
	// (index.Store.BindRanker) before anything is written.
	Ranker   string
	Chunking text.ChunkOptions
	// BatchChunks is how many chunks are embedded per call, across documents
	// (default 256): remote embedders are much faster with full batches.
	BatchChunks int
	// OnEvent, when set, is called once per document in input order.
	OnEvent func(Event)
}

func (in *Ingester) chunking() text.ChunkOptions {
	if in.Chunking.MaxRunes <= 0 {
		return text.DefaultChunkOptions
	}
	return in.Chunking
}

func (in *Ingester) emit(e Event) {
	if in.OnEvent != nil {
		in.OnEvent(e)
	}
}

// Hash is the content hash of a document as ingested: text, metadata, and the
// chunking that splits it, so a change of any of them re-ingests the document.
func (in *Ingester) Hash(doc rag.Document) string {
	h := sha256.New()
	opt := in.chunking()
	for _, f := range []string{"jawab-doc-v1", doc.ID, doc.Title, doc.Source, doc.URL, doc.Published.UTC().Format(time.RFC3339), doc.Lang, strconv.Itoa(opt.MaxRunes), strconv.Itoa(opt.OverlapSentences), doc.Text} {
		h.Write([]byte(f))
		h.Write([]byte{0})
	}
	if doc.Author != "" {
		h.Write([]byte("author\x00" + doc.Author))
	}
	if !doc.Modified.IsZero() {
		// Only when set: the hashes of documents stored before jawab read
		// modification dates stay as they were.
		h.Write([]byte("modified\x00" + doc.Modified.UTC().Format(time.RFC3339)))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// ChunkKey identifies the text of a chunk for the vector cache.
func ChunkKey(chunkText string) string {
	sum := sha256.Sum256([]byte(chunkText))
	return hex.EncodeToString(sum[:16])
}

// Chunk splits a document into chunks with their cache keys.
func (in *Ingester) Chunk(doc rag.Document) ([]rag.Chunk, []string) {
	spans := text.Chunks(doc.Text, in.chunking())
	offsets := text.ByteOffsets(doc.Text)
	chunks := make([]rag.Chunk, len(spans))
	keys := make([]string, len(spans))
	for i, sp := range spans {
		t := doc.Text[offsets[sp.Start]:offsets[sp.End]]
		chunks[i] = rag.Chunk{ID: doc.ID + "#" + strconv.Itoa(i), DocID: doc.ID, Ordinal: i, Start: sp.Start, End: sp.End, Text: t}
		keys[i] = ChunkKey(t)
	}
	return chunks, keys
}

// pending is a document waiting for its missing vectors.
type pending struct {
	idx     int // position of the item in its run's input
	ev      Event
	doc     rag.Document
	chunks  []rag.Chunk
	keys    []string
	vectors [][]float32
	missing []int // indexes of chunks still without a vector
	status  Status
}

// run is the state of one ingest, shared by Run (items walked from sources)
// and Items (items loaded by the caller): one document at a time goes in, and
// batches of documents are embedded and committed together.
type run struct {
	in              *Ingester
	sum             Summary
	seen            map[string]string // id → path that produced it
	unknownFailures bool              // some input failed before its id was known
	batch           []*pending
	batchMissing    int
	// onEvent, when set, is called with each item's position and outcome.
	onEvent func(idx int, ev Event)
	// committing is the batch being committed while the next one is read
	// and embedded; nil when none is.
	committing *commit
}

// commit is a batch handed to the store in the background.
type commit struct {
	batch     []*pending
	vectors   map[string][]float32 // by chunk key: what the batch brings
	done      chan struct{}
	committed int
	err       error
}

func (in *Ingester) newRun() *run {
	return &run{in: in, seen: map[string]string{}}
}

func (r *run) emit(idx int, ev Event) {
	if r.onEvent != nil {
		r.onEvent(idx, ev)
	}
	r.in.emit(ev)
}

func (r *run) fail(idx int, ev Event, err error) {
	ev.Status, ev.Err = Failed, err
	r.sum.Failed++
	r.sum.Failures = append(r.sum.Failures, Failure{Path: ev.Path, ID: ev.ID, Error: err.Error()})
	r.emit(idx, ev)
}

// add takes one loaded item: a failure is reported, an unchanged document is
// skipped, and anything else joins the batch, which is committed once it holds
// enough work. Only an embedder or store failure (which stops the run) is
// returned.
func (r *run) add(ctx context.Context, idx int, item load.Item) error {
	in := r.in
	r.sum.Bytes += int64(item.Bytes)
	ev := Event{Path: item.Path, ID: item.ID, Bytes: item.Bytes}
	if item.Err != nil {
		if item.ID != "" {
			r.seen[item.ID] = item.Path
		} else {
			r.unknownFailures = true
		}
		r.fail(idx, ev, item.Err)
		return nil
	}
	doc := item.Doc
	ev.ID = doc.ID
	if prev, dup := r.seen[doc.ID]; dup {
		r.fail(idx, ev, rag.Errorf(rag.Invalid, "document id %q is also produced by %s; ids must be unique", doc.ID, prev))
		return nil
	}
	r.seen[doc.ID] = item.Path
	doc.Hash = in.Hash(doc)
	old, exists, err := in.Store.Hash(ctx, doc.ID)
	if err != nil {
		return fmt.Errorf("read the stored version of %s: %w", doc.ID, err)
	}
	if exists && old == doc.Hash {
		r.sum.Unchanged++
		ev.Status = Unchanged
		r.emit(idx, ev)
		return nil
	}
	p := &pending{idx: idx, ev: ev, doc: doc, status: Added}
	if exists {
		p.status = Updated
	}
	p.chunks, p.keys = in.Chunk(doc)
	if len(p.chunks) == 0 {
		r.fail(idx, ev, rag.Errorf(rag.Invalid, "%s: no article text", item.Path))
		return nil
	}
	p.vectors = make([][]float32, len(p.chunks))
	// Vectors of the batch being committed are reused at once; the rest are
	// looked up for the whole batch, in flush.
	for i, k := range p.keys {
		if v, ok := r.committed(k); ok {
			p.vectors[i] = v
		} else {
			p.missing = append(p.missing, i)
		}
	}
	r.batch = append(r.batch, p)
	r.batchMissing += len(p.missing)
	// Flush on enough work for the embedder, or enough documents for one
	// round of disk syncs.
	if r.batchMissing >= in.batchChunks() || len(r.batch) >= maxBatchDocs {
		return r.flush(ctx)
	}
	return nil
}

// flush embeds the batch and hands it to the store, in the background: the
// next batch is read and embedded while this one is written and synced. A
// failure of the commit before it is returned here, or by finish.
func (r *run) flush(ctx context.Context) error {
	batch := r.batch
	r.batch, r.batchMissing = nil, 0
	if len(batch) == 0 {
		return nil
	}
	if c := r.committing; c != nil {
		// Texts the batch being committed brings need no embedding.
		for _, p := range batch {
			missing := p.missing[:0]
			for _, i := range p.missing {
				if v, ok := c.vectors[p.keys[i]]; ok {
					p.vectors[i] = v
				} else {
					missing = append(missing, i)
				}
			}
			p.missing = missing
		}
	}
	err := r.in.lookupVectors(ctx, batch)
	if err == nil {
		err = r.in.embedMissing(ctx, batch)
	}
	if werr := r.wait(); err == nil {
		err = werr
	}
	if err != nil {
		for _, p := range batch {
			r.fail(p.idx, p.ev, err)
		}
		return err
	}
	c := &commit{batch: batch, vectors: map[string][]float32{}, done: make(chan struct{})}
	items := make([]index.Item, len(batch))
	for i, p := range batch {
		items[i] = index.Item{Doc: p.doc, Chunks: p.chunks, Keys: p.keys, Vectors: p.vectors}
		for j, k := range p.keys {
			c.vectors[k] = p.vectors[j]
		}
	}
	r.committing = c
	go func() {
		defer close(c.done)
		c.committed, c.err = r.in.Store.UpsertBatch(ctx, items)
	}()
	return nil
}

// finish flushes the batch and waits until everything is committed.
func (r *run) finish(ctx context.Context) error {
	err := r.flush(ctx)
	if werr := r.wait(); err == nil {
		err = werr
	}
	return err
}

// wait waits for the batch being committed, if any, and reports on it.
func (r *run) wait() error {
	c := r.committing
	if c == nil {
		return nil
	}
	<-c.done
	r.committing = nil
	for i, p := range c.batch {
		if i >= c.committed {
			r.fail(p.idx, p.ev, c.err)
			continue
		}
		r.sum.Embedded += len(p.missing)
		r.sum.Chunks += len(p.chunks)
		if p.status == Added {
			r.sum.Added++
		} else {
			r.sum.Updated++
		}
		p.ev.Status, p.ev.Chunks = p.status, len(p.chunks)
		r.emit(p.idx, p.ev)
	}
	return c.err
}

// vector is the vector of a chunk text the store has, or that the batch
// being committed brings.
func (r *run) committed(key string) ([]float32, bool) {
	if c := r.committing; c != nil {
		if v, ok := c.vectors[key]; ok {
			return v, true
		}
	}
	return nil, false
}

// bind binds the store to the embedder and, when set, the ranker version.
func (in *Ingester) bind(ctx context.Context) error {
	if err := in.Store.Bind(ctx, in.Embedder.Name(), in.Embedder.Dimension()); err != nil {
		return err
	}
	if in.Ranker == "" {
		return nil
	}
	return in.Store.BindRanker(ctx, in.Ranker)
}

// Run ingests every source. Per-document problems (unreadable files, invalid
// text) are counted and reported and the run goes on; an embedder or store failure
// stops the run, after which everything committed so far is kept and a re-run
// resumes where it stopped. With prune, stored documents that no source produced
// are deleted.
func (in *Ingester) Run(ctx context.Context, sources []Source, prune bool) (sum Summary, err error) {
	start := time.Now()
	r := in.newRun()
	defer func() { sum = r.sum; sum.Elapsed = time.Since(start) }()
	defer func() {
		// A run that stops early still reports the batch being committed.
		if werr := r.wait(); err == nil {
			err = werr
		}
	}()
	if err := in.bind(ctx); err != nil {
		return sum, err
	}
	idx := 0
	for item := range readAhead(ctx, sources) {
		if err := ctx.Err(); err != nil {
			return sum, err
		}
		if err := r.add(ctx, idx, item); err != nil {
			return sum, err
		}
		idx++
	}
	if err := r.finish(ctx); err != nil {
		return sum, err
	}
	if prune {
		if r.unknownFailures {
			r.sum.Warnings = append(r.sum.Warnings, "not pruning: some inputs failed before their document ids were known, and their documents must not be deleted")
		} else {
			infos, err := in.Store.List(ctx)
			if err != nil {
				return sum, fmt.Errorf("prune: %w; nothing was pruned", err)
			}
			for _, info := range infos {
				if _, ok := r.seen[info.ID]; ok {
					continue
				}
				if err := in.Store.Delete(ctx, info.ID); err != nil {
					return sum, err
				}
				r.sum.Pruned++
				in.emit(Event{ID: info.ID, Status: Pruned})
			}
		}
	}
	return sum, nil
}

// readAhead yields the items of every source in order, read and parsed by
// another goroutine up to readAheadItems ahead: files are parsed and cleaned
// while a batch is embedded and committed.
func readAhead(ctx context.Context, sources []Source) iter.Seq[load.Item] {
	return func(yield func(load.Item) bool) {
		ctx, cancel := context.WithCancel(ctx)
		items := make(chan load.Item, readAheadItems)
		done := make(chan struct{})
		go func() {
			defer close(done)
			defer close(items)
			for _, src := range sources {
				for item := range load.Walk(ctx, src.FS, src.Root, src.Options) {
					select {
					case items <- item:
					case <-ctx.Done():
						return
					}
				}
			}
		}()
		defer func() {
			cancel()
			for range items {
			}
			<-done
		}()
		for item := range items {
			if !yield(item) {
				return
			}
		}
	}
}

// readAheadItems is how many parsed documents may wait for the ingester.
const readAheadItems = 256

// Items ingests documents the caller has loaded already (with load.Parse, say)
// exactly as Run ingests the documents of its sources: failed items are
// reported, unchanged documents skipped, a later item with the id of an
// earlier one fails, and an embedder or store failure stops the run with
// everything committed so far kept. The events are in input order, one per
// item; an item the run did not reach before it stopped has an empty Status.
// OnEvent is called too, as by Run.
func (in *Ingester) Items(ctx context.Context, items []load.Item) (events []Event, sum Summary, err error) {
	start := time.Now()
	r := in.newRun()
	events = make([]Event, len(items))
	r.onEvent = func(idx int, ev Event) { events[idx] = ev }
	defer func() { sum = r.sum; sum.Elapsed = time.Since(start) }()
	defer func() {
		if werr := r.wait(); err == nil {
			err = werr
		}
	}()
	if err := in.bind(ctx); err != nil {
		return events, sum, err
	}
	for i, item := range items {
		if err := ctx.Err(); err != nil {
			return events, sum, err
		}
		if err := r.add(ctx, i, item); err != nil {
			return events, sum, err
		}
	}
	return events, sum, r.finish(ctx)
}

// maxBatchDocs bounds how many documents wait for one group commit.
const maxBatchDocs = 256

func (in *Ingester) batchChunks() int {
	if in.BatchChunks <= 0 {
		return 256
	}
	return in.BatchChunks
}

// lookupVectors asks the store for every chunk of the batch at once (one
// round trip to a remote engine), and leaves missing only what it does not
// have.
func (in *Ingester) lookupVectors(ctx context.Context, batch []*pending) error {
	var keys []string
	for _, p := range batch {
		for _, i := range p.missing {
			keys = append(keys, p.keys[i])
		}
	}
	if len(keys) == 0 {
		return nil
	}
	found, err := in.Store.Vectors(ctx, keys)
	if err != nil {
		return fmt.Errorf("look up stored vectors: %w", err)
	}
	for _, p := range batch {
		missing := p.missing[:0]
		for _, i := range p.missing {
			if v, ok := found[p.keys[i]]; ok {
				p.vectors[i] = v
			} else {
				missing = append(missing, i)
			}
		}
		p.missing = missing
	}
	return nil
}

// embedMissing fills the vectors the cache did not have, for a whole batch of
// documents at once; a text that occurs twice in the batch is embedded once.
func (in *Ingester) embedMissing(ctx context.Context, batch []*pending) error {
	var texts []string
	index := map[string]int{}
	for _, p := range batch {
		for _, i := range p.missing {
			if _, ok := index[p.keys[i]]; !ok {
				index[p.keys[i]] = len(texts)
				texts = append(texts, p.chunks[i].Text)
			}
		}
	}
	if len(texts) == 0 {
		return nil
	}
	vecs, err := in.Embedder.Embed(ctx, texts, rag.ForPassage)
	if err != nil {
		return fmt.Errorf("embed %d chunks: %w", len(texts), err)
	}
	if len(vecs) != len(texts) {
		return rag.Errorf(rag.Internal, "embedder returned %d vectors for %d texts", len(vecs), len(texts))
	}
	for _, p := range batch {
		for _, i := range p.missing {
			p.vectors[i] = vecs[index[p.keys[i]]]
		}
	}
	return nil
}

// Prepare chunks and embeds one document in full (no cache), for rebuilding an
// index with another embedder.
func (in *Ingester) Prepare(ctx context.Context, doc rag.Document) ([]rag.Chunk, []string, [][]float32, error) {
	chunks, keys := in.Chunk(doc)
	texts := make([]string, len(chunks))
	for i, c := range chunks {
		texts[i] = c.Text
	}
	vecs, err := in.Embedder.Embed(ctx, texts, rag.ForPassage)
	if err != nil {
		return nil, nil, nil, err
	}
	if len(vecs) != len(texts) {
		return nil, nil, nil, errors.New("embedder returned the wrong number of vectors")
	}
	return chunks, keys, vecs, nil
}
