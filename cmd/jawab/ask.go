package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	bundle "github.com/jawab/jawab"
	"github.com/jawab/jawab/index/ingest"
	"github.com/jawab/jawab/index/load"
	"github.com/jawab/jawab/index/store"
	"github.com/jawab/jawab/rag"
)

func (e *environment) ask(ctx context.Context, args []string) error {
	var cfg config
	fs := newFlagSet("ask", e.stderr)
	cfg.addDataDir(fs)
	asJSON := fs.Bool("json", false, "print the Answer object as JSON")
	k := fs.Int("k", 5, "passages to retrieve")
	lang := fs.String("lang", "", "answer language: ur or en (default: the question's)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		fmt.Fprintln(e.stderr, `usage: jawab ask [--data-dir DIR] [--json] [--k N] [--lang ur|en] "question"`)
		return errUsage
	}
	if err := cfg.load(e.getenv); err != nil {
		return err
	}
	st, emb, err := e.openForAsk(ctx, &cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	ans, err := (&rag.Answerer{Retriever: &rag.Retriever{Index: st, Embedder: emb}}).Ask(ctx, rag.Question{
		Text: strings.Join(pos, " "), Lang: *lang, K: *k,
	})
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(e.stdout, ans)
	}
	printAnswer(e.stdout, ans)
	return nil
}

// openForAsk opens the index for answering. On a fresh machine the data dir is
// empty: the bundled collection is ingested first, so that the first question
// just works.
func (e *environment) openForAsk(ctx context.Context, cfg *config) (*store.Store, rag.Embedder, error) {
	emb, err := cfg.embedder()
	if err != nil {
		return nil, nil, err
	}
	st, err := store.Open(ctx, cfg.DataDir, store.Options{ReadOnly: true})
	if err != nil {
		return nil, nil, err
	}
	if st.Stats().Documents > 0 || st.Meta().Embedder != "" {
		if err := st.Bind(emb.Name(), emb.Dimension()); err != nil {
			st.Close()
			return nil, nil, err
		}
		return st, emb, nil
	}
	st.Close()
	fmt.Fprintf(e.stderr, "The index in %s is empty: ingesting the bundled Pakistan–Russia collection first.\n", cfg.DataDir)
	st, emb, err = e.openForWrite(ctx, cfg)
	if err != nil {
		return nil, nil, err
	}
	fsys, root, name := bundle.BundledCorpus()
	in := &ingest.Ingester{Store: st, Embedder: emb}
	sum, err := in.Run(ctx, []ingest.Source{{FS: fsys, Root: root, Options: load.Options{Source: name}}}, false)
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	fmt.Fprintf(e.stderr, "Ingested %d documents (%d chunks) in %.1f s.\n\n", sum.Added, sum.Chunks, sum.Elapsed.Seconds())
	return st, emb, nil
}

func printAnswer(w io.Writer, a *rag.Answer) {
	for _, msg := range a.Warnings {
		fmt.Fprintf(w, "note: %s\n", msg)
	}
	fmt.Fprintf(w, "\n%s\n", a.Answer)
	if len(a.Citations) == 0 {
		return
	}
	fmt.Fprintln(w, "\nSources:")
	last := 0
	for _, c := range a.Citations {
		if c.N != last {
			fmt.Fprintf(w, "[%d] %s (%s)\n", c.N, c.Title, c.DocID)
			last = c.N
		}
		fmt.Fprintf(w, "    “%s”\n", c.Quote)
	}
}
