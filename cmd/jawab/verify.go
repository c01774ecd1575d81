package main

import (
	"context"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"

	"github.com/jawab/jawab/app"
	"github.com/jawab/jawab/index"
	"github.com/jawab/jawab/index/ingest"
	"github.com/jawab/jawab/index/store"
	"github.com/jawab/jawab/index/weaviate"
	"github.com/jawab/jawab/rag"
)

// verifyTarget is one copy of the index to check: the data dir, or one
// Weaviate node.
type verifyTarget struct {
	name  string
	store index.Store
}

// nodeReport is what verify found on one target.
type nodeReport struct {
	Node     string         `json:"node"`
	Report   ingest.Report  `json:"report"`
	Repaired *ingest.Report `json:"after_repair,omitempty"`
}

// verify checks that every chunk (or a sample) is found by its own vector and
// by its own text, on each Weaviate node (--node, default all) or in the data
// dir's in-memory indexes; --repair writes the documents with holes again
// and checks them again. Exit status 1 when holes remain.
func (e *environment) verify(ctx context.Context, args []string) error {
	fs := newFlagSet("verify", e.stderr)
	dataDir := dataDirFlag(fs)
	sample := fs.Int("sample", 0, "check `N` documents spread over the index (default all)")
	nodeFlag := fs.String("node", "", "Weaviate: check only this node, by its URL or its place (1, 2, …) in JAWAB_WEAVIATE_URL (default every node)")
	repair := fs.Bool("repair", false, "write the documents with holes again (re-embedding chunks whose vector is gone), then check them again")
	workers := fs.Int("workers", 12, "groups of documents checked at once")
	asJSON := fs.Bool("json", false, "print JSON")
	usage := "usage: jawab verify [--sample N] [--node URL|N] [--repair] [--json] [--data-dir DIR]"
	if pos, err := parseFlags(fs, args); err != nil {
		return err
	} else if len(pos) > 0 || *sample < 0 {
		fmt.Fprintln(e.stderr, usage)
		return errUsage
	}
	cfg, err := app.LoadConfig(e.getenv, *dataDir)
	if err != nil {
		return err
	}
	st, err := cfg.OpenStore(ctx, store.Options{ReadOnly: !*repair})
	if err != nil {
		return err
	}
	defer st.Close()
	targets, err := verifyTargets(ctx, &cfg, st, *nodeFlag)
	if err != nil {
		return err
	}
	for _, t := range targets[1:] {
		defer t.store.Close()
	}
	if cfg.Store.Kind == "weaviate" {
		targets = targets[1:] // the nodes, not the cluster as a whole
	}
	var reports []nodeReport
	holes := map[string]bool{}
	for _, t := range targets {
		v := &ingest.Verifier{Store: t.store, Sample: *sample, Workers: *workers, Nearest: nearest(t.store), Chunks: chunksOf(t.store)}
		rep, err := v.Verify(ctx)
		if err != nil {
			return fmt.Errorf("verify %s: %w", t.name, err)
		}
		reports = append(reports, nodeReport{Node: t.name, Report: rep})
		for _, d := range rep.Docs() {
			holes[d] = true
		}
		if !*asJSON {
			printReport(e.stdout, t.name, rep)
		}
	}
	if *repair && len(holes) > 0 {
		emb, err := cfg.Embedder()
		if err != nil {
			return err
		}
		docs := sortedSet(holes)
		n, err := (&ingest.Verifier{Store: st, Embedder: emb}).Repair(ctx, docs)
		if !*asJSON {
			fmt.Fprintf(e.stdout, "repaired %d of %d documents with holes\n", n, len(docs))
		}
		if err != nil {
			return err
		}
		clear(holes)
		for i, t := range targets {
			rep, err := (&ingest.Verifier{Store: t.store, Workers: *workers, Nearest: nearest(t.store), Chunks: chunksOf(t.store)}).VerifyDocs(ctx, docs)
			if err != nil {
				return fmt.Errorf("verify %s again: %w", t.name, err)
			}
			reports[i].Repaired = &rep
			for _, d := range rep.Docs() {
				holes[d] = true
			}
			if !*asJSON {
				printReport(e.stdout, t.name+" after repair", rep)
			}
		}
	}
	if *asJSON {
		if err := writeJSON(e.stdout, reports); err != nil {
			return err
		}
	}
	if len(holes) > 0 {
		fmt.Fprintf(e.stderr, "jawab: %d documents have chunks the search indexes do not find", len(holes))
		if !*repair {
			fmt.Fprint(e.stderr, "; jawab verify --repair writes them again")
		}
		fmt.Fprintln(e.stderr)
		return errFailed
	}
	return nil
}

// verifyTargets is the opened store first, then, for Weaviate, each node
// chosen (opened alone, at consistency ONE).
func verifyTargets(ctx context.Context, cfg *app.Config, st index.Store, node string) ([]verifyTarget, error) {
	targets := []verifyTarget{{name: st.Dir(), store: st}}
	if cfg.Store.Kind != "weaviate" {
		if node != "" {
			return nil, rag.Errorf(rag.Invalid, "--node is for a Weaviate index (JAWAB_STORE=weaviate)")
		}
		return targets, nil
	}
	per, err := cfg.Store.Weaviate.PerNode()
	if err != nil {
		return nil, err
	}
	for i, c := range per {
		if node != "" && node != c.URL && node != strconv.Itoa(i+1) {
			continue
		}
		c.Logger = nil
		s, err := weaviate.Open(ctx, c)
		if err != nil {
			for _, t := range targets[1:] {
				t.store.Close()
			}
			return nil, fmt.Errorf("open node %s: %w", c.URL, err)
		}
		targets = append(targets, verifyTarget{name: "node " + c.URL, store: s})
	}
	if len(targets) == 1 {
		return nil, rag.Errorf(rag.Invalid, "--node %q is none of the nodes in JAWAB_WEAVIATE_URL", node)
	}
	return targets, nil
}

// nearest is a Weaviate node's cheaper nearest-neighbour lookup, nil for
// the embedded store (its exact VectorSearch is used).
func nearest(st index.Store) func(context.Context, []float32, int) ([]rag.Hit, error) {
	if w, ok := st.(*weaviate.Store); ok {
		return w.Nearest
	}
	return nil
}

// chunksOf is a Weaviate node's one-call read of several documents' chunks and
// vectors, nil for the embedded store.
func chunksOf(st index.Store) func(context.Context, []string) ([]rag.Chunk, [][]float32, error) {
	if w, ok := st.(*weaviate.Store); ok {
		return w.ChunksOf
	}
	return nil
}

// exampleHoles is how many holes a report lists.
const exampleHoles = 10

func printReport(w io.Writer, name string, rep ingest.Report) {
	fmt.Fprintf(w, "%s: %d documents, %d chunks checked in %.1f s: ", name, rep.Documents, rep.Chunks, rep.Elapsed.Seconds())
	if len(rep.Holes) == 0 {
		fmt.Fprintln(w, "no holes")
		return
	}
	fmt.Fprintf(w, "%d holes (vector %d, keyword %d) in %d documents\n", len(rep.Holes), rep.Count("vector"), rep.Count("keyword"), len(rep.Docs()))
	for _, h := range rep.Holes[:min(len(rep.Holes), exampleHoles)] {
		fmt.Fprintf(w, "  %-9s %s\n", h.Index, h.Chunk)
	}
	if len(rep.Holes) > exampleHoles {
		fmt.Fprintf(w, "  … and %d more\n", len(rep.Holes)-exampleHoles)
	}
}

func sortedSet(m map[string]bool) []string { return slices.Sorted(maps.Keys(m)) }
