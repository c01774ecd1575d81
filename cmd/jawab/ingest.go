package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
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

func (e *environment) ingest(ctx context.Context, args []string) error {
	var cfg config
	fs := newFlagSet("ingest", e.stderr)
	cfg.addDataDir(fs)
	prune := fs.Bool("prune", false, "delete indexed documents whose files are no longer in PATH...")
	source := fs.String("source", "", "source name for the documents (default: the base name of each PATH)")
	asJSON := fs.Bool("json", false, "print the summary as JSON")
	paths, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := cfg.load(e.getenv); err != nil {
		return err
	}
	var sources []ingest.Source
	if len(paths) == 0 {
		fsys, root, name := bundle.BundledCorpus()
		sources = append(sources, ingest.Source{FS: fsys, Root: root, Options: load.Options{Source: name}})
	}
	for _, p := range paths {
		fsys, root, err := load.Open(p)
		if err != nil {
			return err
		}
		name := *source
		if name == "" {
			name = sourceName(p)
		}
		sources = append(sources, ingest.Source{FS: fsys, Root: root, Options: load.Options{Source: name}})
	}
	st, emb, err := e.openForWrite(ctx, &cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	sum, err := e.runIngest(ctx, st, emb, cfg.model.Version, sources, *prune, *asJSON)
	if err != nil {
		return err
	}
	if sum.Failed > 0 {
		return errFailed
	}
	return nil
}

// sourceName names a collection after the directory it came from.
func sourceName(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		abs = p
	}
	if info, err := os.Stat(abs); err == nil && !info.IsDir() {
		abs = filepath.Dir(abs)
	}
	return filepath.Base(abs)
}

// openForWrite opens the data dir for writing with the configured embedder and
// the ranking model's version bound (cfg.rankModel is read first).
func (e *environment) openForWrite(ctx context.Context, cfg *config) (index.Store, rag.Embedder, error) {
	m, err := cfg.rankModel()
	if err != nil {
		return nil, nil, err
	}
	emb, err := cfg.embedder()
	if err != nil {
		return nil, nil, err
	}
	st, err := openStore(ctx, cfg, store.Options{Failpoint: failpoint(e.getenv("JAWAB_FAILPOINT"))})
	if err != nil {
		return nil, nil, err
	}
	for _, msg := range st.Warnings() {
		fmt.Fprintln(e.stderr, "warning:", msg)
	}
	if err := st.Bind(ctx, emb.Name(), emb.Dimension()); err != nil {
		st.Close()
		return nil, nil, err
	}
	if err := bindRanker(ctx, st, cfg, m); err != nil {
		st.Close()
		return nil, nil, err
	}
	return st, emb, nil
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

// bindRanker binds st to the version of the configured ranking model m (an
// empty index records it, another refuses and says to re-index), saying in
// the refusal where m came from.
func bindRanker(ctx context.Context, st index.Store, cfg *config, m *rag.Model) error {
	if err := st.BindRanker(ctx, m.Version); err != nil {
		return fmt.Errorf("%w (this configuration's ranking model is %s)", err, modelSource(cfg.RankModel))
	}
	return nil
}

// runIngest runs an ingest, for the ranking model version ranker, with
// progress on stderr and the summary on stdout.
func (e *environment) runIngest(ctx context.Context, st index.Store, emb rag.Embedder, ranker string, sources []ingest.Source, prune, asJSON bool) (ingest.Summary, error) {
	prog := newProgress(e.stderr, totalBytes(sources))
	in := &ingest.Ingester{Store: st, Embedder: emb, Ranker: ranker, OnEvent: prog.event}
	sum, err := in.Run(ctx, sources, prune)
	prog.done()
	if asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.Encode(struct {
			ingest.Summary
			Seconds float64 `json:"seconds"`
			MBps    float64 `json:"mb_per_s"`
			DataDir string  `json:"data_dir"`
		}{sum, sum.Elapsed.Seconds(), sum.MBps(), st.Dir()})
	} else {
		printSummary(e.stdout, sum, st.Dir())
	}
	return sum, err
}

func printSummary(w io.Writer, s ingest.Summary, dir string) {
	// A failure that stops a run (a full disk, an embedder that is down) fails
	// the whole batch in flight with one error: said once, with a count.
	same := 0
	for i, f := range s.Failures {
		if i > 0 && f.Error == s.Failures[i-1].Error {
			same++
			continue
		}
		if same > 0 {
			fmt.Fprintf(w, "failed: %d more with the same error\n", same)
			same = 0
		}
		fmt.Fprintf(w, "failed: %s: %s\n", f.Path, f.Error)
	}
	if same > 0 {
		fmt.Fprintf(w, "failed: %d more with the same error\n", same)
	}
	for _, msg := range s.Warnings {
		fmt.Fprintf(w, "warning: %s\n", msg)
	}
	fmt.Fprintf(w, "%d added, %d updated, %d unchanged, %d failed", s.Added, s.Updated, s.Unchanged, s.Failed)
	if s.Pruned > 0 {
		fmt.Fprintf(w, ", %d pruned", s.Pruned)
	}
	fmt.Fprintf(w, "; %d chunks (%d embedded); %.2f s, %.2f MB/s; index in %s\n",
		s.Chunks, s.Embedded, s.Elapsed.Seconds(), s.MBps(), dir)
}

// totalBytes sizes the inputs for the progress bar (0 when unknown).
func totalBytes(sources []ingest.Source) int64 {
	var n int64
	for _, src := range sources {
		fs.WalkDir(src.FS, src.Root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if d.IsDir() {
				if p != src.Root && strings.HasPrefix(d.Name(), ".") {
					return fs.SkipDir
				}
				return nil
			}
			switch strings.ToLower(path.Ext(p)) {
			case ".txt", ".md", ".markdown", ".html", ".htm", ".jsonl":
				if info, err := d.Info(); err == nil {
					n += info.Size()
				}
			}
			return nil
		})
	}
	return n
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
