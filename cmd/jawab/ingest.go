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
	"strings"

	bundle "github.com/jawab/jawab"
	"github.com/jawab/jawab/app"
	"github.com/jawab/jawab/index/ingest"
	"github.com/jawab/jawab/index/load"
)

func (e *environment) ingest(ctx context.Context, args []string) error {
	fs := newFlagSet("ingest", e.stderr)
	dataDir := dataDirFlag(fs)
	prune := fs.Bool("prune", false, "delete indexed documents whose files are no longer in PATH... (for URLs: articles that now answer 404 or 410)")
	source := fs.String("source", "", "source name for the documents (default: the base name of each PATH)")
	asJSON := fs.Bool("json", false, "print the summary as JSON")
	paths, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	cfg, err := app.LoadConfig(e.getenv, *dataDir)
	if err != nil {
		return err
	}
	paths, urls := splitURLs(paths)
	if len(urls) > 0 {
		if len(paths) > 0 {
			fmt.Fprintln(e.stderr, "jawab ingest: give files or URLs, not both (pruning means different things for each)")
			return errUsage
		}
		return e.ingestURLs(ctx, cfg, urls, *prune, *asJSON)
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
	ix, err := cfg.OpenForWrite(ctx, e.notices())
	if err != nil {
		return err
	}
	defer ix.Close()
	sum, err := e.runIngest(ctx, ix, sources, *prune, *asJSON)
	if err != nil {
		return err
	}
	if sum.Failed > 0 {
		return errFailed
	}
	return nil
}

// splitURLs separates http(s) URLs from file paths.
func splitURLs(args []string) (paths, urls []string) {
	for _, a := range args {
		if strings.HasPrefix(a, "http://") || strings.HasPrefix(a, "https://") {
			urls = append(urls, a)
		} else {
			paths = append(paths, a)
		}
	}
	return paths, urls
}

// ingestURLs ingests article pages, feeds and sitemaps from the web.
func (e *environment) ingestURLs(ctx context.Context, cfg app.Config, urls []string, prune, asJSON bool) error {
	fc, err := app.LoadFetchConfig(e.getenv)
	if err != nil {
		return err
	}
	ix, err := cfg.OpenForWrite(ctx, e.notices())
	if err != nil {
		return err
	}
	defer ix.Close()
	web, err := app.NewWeb(app.NewLibrary(ix), fc.Client(version), cfg.DataDir)
	if err != nil {
		return err
	}
	sum, err := web.Ingest(ctx, urls, prune)
	if asJSON {
		writeJSON(e.stdout, struct {
			app.WebSummary
			Seconds float64 `json:"seconds"`
			DataDir string  `json:"data_dir"`
		}{sum, sum.Elapsed.Seconds(), ix.Store.Dir()})
	} else {
		for _, r := range sum.Results {
			if r.Kind != "page" && r.Status != ingest.Failed {
				state := fmt.Sprintf("%d articles listed", r.Items)
				if r.NotModified {
					state = "not modified"
				}
				fmt.Fprintf(e.stdout, "%s: %s, %s\n", r.URL, r.Kind, state)
			}
		}
		printSummary(e.stdout, sum.Summary, ix.Store.Dir())
	}
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

// runIngest runs an ingest into ix, with progress on stderr and the summary
// on stdout.
func (e *environment) runIngest(ctx context.Context, ix *app.Index, sources []ingest.Source, prune, asJSON bool) (ingest.Summary, error) {
	prog := newProgress(e.stderr, totalBytes(sources))
	sum, err := ix.Ingester(prog.event).Run(ctx, sources, prune)
	prog.done()
	if asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.Encode(struct {
			ingest.Summary
			Seconds float64 `json:"seconds"`
			MBps    float64 `json:"mb_per_s"`
			DataDir string  `json:"data_dir"`
		}{sum, sum.Elapsed.Seconds(), sum.MBps(), ix.Store.Dir()})
	} else {
		printSummary(e.stdout, sum, ix.Store.Dir())
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
