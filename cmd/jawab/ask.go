package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	bundle "github.com/jawab/jawab"
	"github.com/jawab/jawab/index"
	"github.com/jawab/jawab/index/embed"
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
	stream := fs.Bool("stream", false, "print the answer as it is written, then the sources")
	var filter rag.Filter
	fs.Func("doc", "search only this document id (repeatable)", func(v string) error {
		filter.DocIDs = append(filter.DocIDs, v)
		return nil
	})
	fs.Func("source", "search only this source (repeatable)", func(v string) error {
		filter.Sources = append(filter.Sources, v)
		return nil
	})
	fs.Func("from", "search only articles published on or after this date (YYYY-MM-DD)", dateFlag(&filter.From))
	fs.Func("to", "search only articles published on or before this date (YYYY-MM-DD)", dateFlag(&filter.To))
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
	if *k <= 0 || *k > 50 {
		return rag.Errorf(rag.Invalid, "--k must be between 1 and 50")
	}
	st, emb, err := e.openForAsk(ctx, &cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	answerer, err := newAnswerer(&cfg, st, emb)
	if err != nil {
		return err
	}
	q := rag.Question{Text: strings.Join(pos, " "), Lang: *lang, K: *k, Filter: filter}
	streamed := false
	if *stream && !*asJSON {
		q.OnDelta = func(d string) {
			if !streamed {
				fmt.Fprintln(e.stdout)
				streamed = true
			}
			fmt.Fprint(e.stdout, d)
		}
	}
	ans, err := answerer.Ask(ctx, q)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(e.stdout, ans)
	}
	printAnswer(e.stdout, ans, streamed)
	return nil
}

// dateFlag parses a YYYY-MM-DD flag into t.
func dateFlag(t *time.Time) func(string) error {
	return func(v string) error {
		d, err := time.Parse("2006-01-02", v)
		if err != nil {
			return fmt.Errorf("%q is not a date like 2023-01-30", v)
		}
		*t = d
		return nil
	}
}

// newAnswerer wires the answering core: retrieval over the store, the LLM when
// one is configured (which also translates and condenses questions), the
// reranker when one is configured, and the collection's main language for
// cross-language search.
func newAnswerer(cfg *config, st index.Store, emb rag.Embedder) (*rag.Answerer, error) {
	m, err := cfg.rankModel()
	if err != nil {
		return nil, err
	}
	lang, err := mainLang(st)
	if err != nil {
		return nil, err
	}
	_, hashed := emb.(*embed.Local)
	a := &rag.Answerer{Retriever: &rag.Retriever{Index: st, Embedder: emb, Ranker: m}, CorpusLang: lang,
		Model: m, MinAnswerability: cfg.MinAnswerability, MinCrossCoverage: cfg.MinCrossCoverage, MinRomanCoverage: cfg.MinRomanCoverage, VectorsAcrossLanguagesOnly: hashed}
	off, err := cfg.offlineTranslator(st)
	if err != nil {
		return nil, err
	}
	if off != nil {
		a.Offline = off
	}
	chat, err := cfg.chat()
	if err != nil {
		return nil, err
	}
	if chat != nil {
		a.Generator, a.Translator, a.Condenser = chat, chat, chat
	}
	rr, err := cfg.reranker()
	if err != nil {
		return nil, err
	}
	if rr != nil {
		a.Retriever.Reranker, a.Retriever.RerankDepth = rr, cfg.RerankDepth
	}
	return a, nil
}

// mainLang is the language most of the collection is written in; a store
// that cannot list its documents stops jawab with the reason rather than
// answering with cross-language search guessed off.
func mainLang(st index.Store) (string, error) {
	docs, err := st.List(context.Background())
	if err != nil {
		return "", fmt.Errorf("list the documents in %s: %w", st.Dir(), err)
	}
	count := map[string]int{}
	best := ""
	for _, d := range docs {
		count[d.Lang]++
		if best == "" || count[d.Lang] > count[best] {
			best = d.Lang
		}
	}
	return best, nil
}

// openForAsk opens the index for answering, checking that it was built with
// the configured embedder and for the configured ranking model. On a fresh
// machine the data dir is empty: the bundled collection is ingested first, so
// that the first question just works.
func (e *environment) openForAsk(ctx context.Context, cfg *config) (index.Store, rag.Embedder, error) {
	m, err := cfg.rankModel()
	if err != nil {
		return nil, nil, err
	}
	emb, err := cfg.embedder()
	if err != nil {
		return nil, nil, err
	}
	st, err := openStore(ctx, cfg, store.Options{ReadOnly: true})
	if err != nil {
		return nil, nil, err
	}
	fresh, err := unused(ctx, st)
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	if !fresh {
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
	st.Close()
	fmt.Fprintf(e.stderr, "The index in %s is empty: ingesting the bundled Pakistan–Russia collection first.\n", cfg.DataDir)
	st, emb, err = e.openForWrite(ctx, cfg)
	if err != nil {
		return nil, nil, err
	}
	sum, err := ingestBundled(ctx, st, emb, m.Version)
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	fmt.Fprintf(e.stderr, "Ingested %d documents (%d chunks) in %.1f s.\n\n", sum.Added, sum.Chunks, sum.Elapsed.Seconds())
	return st, emb, nil
}

// ingestBundled ingests the collection bundled into the binary: what a fresh
// data dir starts from, for the ranking model version ranker.
func ingestBundled(ctx context.Context, st index.Store, emb rag.Embedder, ranker string) (ingest.Summary, error) {
	fsys, root, name := bundle.BundledCorpus()
	in := &ingest.Ingester{Store: st, Embedder: emb, Ranker: ranker}
	return in.Run(ctx, []ingest.Source{{FS: fsys, Root: root, Options: load.Options{Source: name}}}, false)
}

func printAnswer(w io.Writer, a *rag.Answer, streamed bool) {
	if streamed {
		fmt.Fprintln(w)
	} else {
		fmt.Fprintf(w, "\n%s\n", a.Answer)
	}
	for _, msg := range a.Warnings {
		fmt.Fprintf(w, "\nnote: %s", msg)
	}
	if len(a.Warnings) > 0 {
		fmt.Fprintln(w)
	}
	if len(a.Citations) == 0 {
		return
	}
	fmt.Fprintln(w, "\nSources:")
	cites := slices.Clone(a.Citations)
	slices.SortStableFunc(cites, func(x, y rag.Citation) int { return cmp.Compare(x.N, y.N) })
	last := 0
	for _, c := range cites {
		if c.N != last {
			fmt.Fprintf(w, "[%d] %s (%s)\n", c.N, c.Title, c.DocID)
			last = c.N
		}
		mark := ""
		if !c.Supported {
			mark = " (not supported by this passage)"
		}
		if c.Quote != "" {
			fmt.Fprintf(w, "    “%s”%s\n", c.Quote, mark)
		}
	}
}
