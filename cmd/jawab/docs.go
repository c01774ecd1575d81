package main

import (
	"context"
	"encoding/json"
	"fmt"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"github.com/jawab/jawab/app"
	"github.com/jawab/jawab/index/store"
	"github.com/jawab/jawab/rag"
)

func (e *environment) docs(ctx context.Context, args []string) error {
	fs := newFlagSet("docs", e.stderr)
	dataDir := dataDirFlag(fs)
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	cfg, err := app.LoadConfig(e.getenv, *dataDir)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		fmt.Fprintln(e.stderr, "usage: jawab docs list|show ID|delete ID [--json] [--data-dir DIR]")
		return errUsage
	}
	sub, rest := pos[0], pos[1:]
	wantArgs := map[string]int{"list": 0, "show": 1, "delete": 1}
	n, ok := wantArgs[sub]
	if !ok || len(rest) != n {
		fmt.Fprintln(e.stderr, "usage: jawab docs list|show ID|delete ID [--json] [--data-dir DIR]")
		return errUsage
	}
	st, err := cfg.OpenStore(ctx, store.Options{ReadOnly: sub != "delete"})
	if err != nil {
		return err
	}
	defer st.Close()
	switch sub {
	case "list":
		docs, err := st.List(ctx)
		if err != nil {
			return fmt.Errorf("list the documents in %s: %w", st.Dir(), err)
		}
		if *asJSON {
			return writeJSON(e.stdout, docs)
		}
		if len(docs) == 0 {
			fmt.Fprintf(e.stdout, "no documents in %s; add some with: jawab ingest PATH\n", st.Dir())
			return nil
		}
		tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tLANG\tCHUNKS\tPUBLISHED\tSOURCE\tTITLE")
		for _, d := range docs {
			published := "-"
			if !d.Published.IsZero() {
				published = d.Published.Format(time.DateOnly)
			}
			fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%s\n", d.ID, d.Lang, d.Chunks, published, d.Source, clip(d.Title, 60))
		}
		return tw.Flush()
	case "show":
		doc, chunks, err := st.Get(ctx, rest[0])
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(e.stdout, struct {
				Document rag.Document `json:"document"`
				Chunks   []rag.Chunk  `json:"chunks"`
			}{doc, chunks})
		}
		fmt.Fprintf(e.stdout, "id:        %s\ntitle:     %s\nsource:    %s\nurl:       %s\n", doc.ID, doc.Title, doc.Source, doc.URL)
		if !doc.Published.IsZero() {
			fmt.Fprintf(e.stdout, "published: %s (from the %s)\n", doc.Published.Format(time.DateOnly), doc.DateSource)
		} else {
			fmt.Fprintf(e.stdout, "published: unknown (no date in the file, the page or the text)\n")
		}
		if !doc.Modified.IsZero() {
			fmt.Fprintf(e.stdout, "modified:  %s\n", doc.Modified.Format(time.DateOnly))
		}
		if doc.Author != "" {
			fmt.Fprintf(e.stdout, "author:    %s\n", doc.Author)
		}
		fmt.Fprintf(e.stdout, "lang:      %s\nhash:      %s\nchunks:    %d\n\n%s\n", doc.Lang, doc.Hash, len(chunks), doc.Text)
		return nil
	default: // delete
		if err := st.Delete(ctx, rest[0]); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "deleted %s\n", rest[0])
		return nil
	}
}

func (e *environment) reindex(ctx context.Context, args []string) error {
	fs := newFlagSet("reindex", e.stderr)
	dataDir := dataDirFlag(fs)
	if pos, err := parseFlags(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		fmt.Fprintln(e.stderr, "usage: jawab reindex [--data-dir DIR]")
		return errUsage
	}
	cfg, err := app.LoadConfig(e.getenv, *dataDir)
	if err != nil {
		return err
	}
	r, err := cfg.Reindex(ctx, func(done, total int) {
		fmt.Fprintf(e.stderr, "reindexed %d/%d\n", done, total)
	})
	if err != nil {
		return err
	}
	was := "none recorded"
	if r.From.Ranker != "" {
		was = fmt.Sprintf("%q", r.From.Ranker)
	}
	fmt.Fprintf(e.stdout, "reindexed %d documents (%d chunks) from %q to %q; ranking model %q (was %s)\n",
		r.Stats.Documents, r.Stats.Chunks, r.From.Embedder, r.Stats.Embedder, r.To.Ranker, was)
	return nil
}

func writeJSON(w interface{ Write([]byte) (int, error) }, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}
