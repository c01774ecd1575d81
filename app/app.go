// Package app turns jawab's configuration into its working parts: the index
// with its embedder and ranking model, the answerer, the document library and
// feedback log behind the API, the ingester, and the pieces of an evaluation
// run. The command line and the server both build them here, so that cmd/jawab
// keeps only flags, output and exit codes.
//
// The package prints nothing: what a person should hear while it works
// (warnings, the bundled collection being ingested) reaches the caller through
// Notices, and ingest progress through ingest.Event callbacks.
package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"

	bundle "github.com/jawab/jawab"
	"github.com/jawab/jawab/index"
	"github.com/jawab/jawab/index/ingest"
	"github.com/jawab/jawab/index/load"
	"github.com/jawab/jawab/index/store"
	"github.com/jawab/jawab/rag"
)

// Index is an open index with the embedder and the ranking model it is bound
// to: what every command that reads or writes documents works on.
type Index struct {
	Store    index.Store
	Embedder rag.Embedder
	Model    *rag.Model
}

// Close closes the store.
func (ix *Index) Close() error { return ix.Store.Close() }

// Ingester is the ingest pipeline into the index, for its ranking model;
// onEvent (may be nil) hears about each document as it is done.
func (ix *Index) Ingester(onEvent func(ingest.Event)) *ingest.Ingester {
	return &ingest.Ingester{Store: ix.Store, Embedder: ix.Embedder, Ranker: ix.Model.Version, OnEvent: onEvent}
}

// Notices receives what opening an index has to tell a person; the caller
// prints it. A nil func is not called.
type Notices struct {
	// Warning is a problem the store found while opening (a corrupt record
	// set aside).
	Warning func(msg string)
	// Bundling is called before the bundled Pakistan–Russia collection is
	// ingested into the empty index of dataDir, Bundled after it.
	Bundling func(dataDir string)
	Bundled  func(sum ingest.Summary)
	// ReadOnly is called when the data dir is on a read-only file system and
	// is served as it is.
	ReadOnly func(dataDir string)
}

func notify[T any](f func(T), v T) {
	if f != nil {
		f(v)
	}
}

// open reads the ranking model, builds the embedder and opens the store with
// opt, binding nothing.
func (c *Config) open(ctx context.Context, opt store.Options) (*Index, error) {
	m, err := c.RankModel()
	if err != nil {
		return nil, err
	}
	emb, err := c.Embedder()
	if err != nil {
		return nil, err
	}
	st, err := c.OpenStore(ctx, opt)
	if err != nil {
		return nil, err
	}
	return &Index{Store: st, Embedder: emb, Model: m}, nil
}

// OpenForWrite opens the index for writing with the configured embedder and
// the ranking model's version bound (the model is read first).
func (c *Config) OpenForWrite(ctx context.Context, n Notices) (*Index, error) {
	ix, err := c.open(ctx, store.Options{Failpoint: failpoint(c.Failpoint)})
	if err != nil {
		return nil, err
	}
	for _, msg := range ix.Store.Warnings() {
		notify(n.Warning, msg)
	}
	if err := c.bind(ctx, ix); err != nil {
		ix.Close()
		return nil, err
	}
	return ix, nil
}

// OpenForAsk opens the index for answering, checking that it was built with
// the configured embedder and for the configured ranking model. On a fresh
// machine the data dir is empty: the bundled collection is ingested first, so
// that the first question just works.
func (c *Config) OpenForAsk(ctx context.Context, n Notices) (*Index, error) {
	ix, err := c.open(ctx, store.Options{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	fresh, err := unused(ctx, ix.Store)
	if err != nil {
		ix.Close()
		return nil, err
	}
	if !fresh {
		if err := c.bind(ctx, ix); err != nil {
			ix.Close()
			return nil, err
		}
		return ix, nil
	}
	ix.Close()
	notify(n.Bundling, c.DataDir)
	ix, err = c.OpenForWrite(ctx, n)
	if err != nil {
		return nil, err
	}
	if err := ingestBundled(ctx, ix, n); err != nil {
		ix.Close()
		return nil, err
	}
	return ix, nil
}

// OpenForServe opens the index for writing (one server per data dir: a second
// one fails on the lock). A fresh index gets the bundled collection first, as
// OpenForAsk does, so that a new server answers at once. A data dir on a
// read-only file system (a replica of a snapshot, a disk remounted after
// errors) is served as it is, read-only: answers and search work, document
// changes and feedback are refused.
func (c *Config) OpenForServe(ctx context.Context, n Notices) (ix *Index, readOnly bool, err error) {
	fresh, err := c.fresh(ctx)
	if err != nil {
		return nil, false, err
	}
	ix, err = c.OpenForWrite(ctx, n)
	if errors.Is(err, syscall.EROFS) && !fresh {
		notify(n.ReadOnly, c.DataDir)
		ix, err = c.OpenForAsk(ctx, n)
		return ix, true, err
	}
	if err != nil {
		return nil, false, err
	}
	if !fresh {
		return ix, false, nil
	}
	notify(n.Bundling, c.DataDir)
	if err := ingestBundled(ctx, ix, n); err != nil {
		ix.Close()
		return nil, false, err
	}
	return ix, false, nil
}

// ingestBundled ingests the collection bundled into the binary, what a fresh
// index starts from, and tells n.Bundled.
func ingestBundled(ctx context.Context, ix *Index, n Notices) error {
	fsys, root, name := bundle.BundledCorpus()
	sum, err := ix.Ingester(nil).Run(ctx, []ingest.Source{{FS: fsys, Root: root, Options: load.Options{Source: name}}}, false)
	if err != nil {
		return err
	}
	notify(n.Bundled, sum)
	return nil
}

// bind binds the store of ix to its embedder and to its ranking model's
// version (an empty index records them, another refuses and says to
// re-index), saying in a ranker refusal where the model came from.
func (c *Config) bind(ctx context.Context, ix *Index) error {
	if err := ix.Store.Bind(ctx, ix.Embedder.Name(), ix.Embedder.Dimension()); err != nil {
		return err
	}
	if err := ix.Store.BindRanker(ctx, ix.Model.Version); err != nil {
		return fmt.Errorf("%w (this configuration's ranking model is %s)", err, modelSource(c.RankModelFile))
	}
	return nil
}

// fresh reports whether the configured index has never held anything.
func (c *Config) fresh(ctx context.Context) (bool, error) {
	if c.Store.Kind != "weaviate" {
		return store.Unused(c.DataDir)
	}
	st, err := c.OpenStore(ctx, store.Options{ReadOnly: true})
	if err != nil {
		return false, err
	}
	defer st.Close()
	fresh, err := unused(ctx, st)
	if c.Store.Weaviate.Lazy && rag.ErrorCode(err) == rag.StoreUnavailable {
		// A cluster that cannot serve yet may hold an index: nothing is
		// bundled into it, and the server waits for it.
		return false, nil
	}
	return fresh, err
}

// unused reports whether st has never held anything: no document and no
// embedder bound.
func unused(ctx context.Context, st index.Store) (bool, error) {
	s, err := st.Stats(ctx)
	if err != nil {
		return false, err
	}
	m, err := st.Meta(ctx)
	if err != nil {
		return false, err
	}
	return s.Documents == 0 && m.Embedder == "", nil
}

// failpoint turns JAWAB_FAILPOINT=STEP:N (for tests only) into a store hook that
// kills this process with SIGKILL at the Nth commit step STEP ("staged" or
// "committed"): the crash tests need exact points inside a group commit, which
// no timing can hit reliably.
func failpoint(spec string) func(step, docID string) {
	step, n, ok := strings.Cut(spec, ":")
	count, err := strconv.Atoi(n)
	if !ok || err != nil || count <= 0 {
		return nil
	}
	seen := 0
	return func(s, _ string) {
		if s == step {
			if seen++; seen == count {
				syscall.Kill(os.Getpid(), syscall.SIGKILL)
			}
		}
	}
}
