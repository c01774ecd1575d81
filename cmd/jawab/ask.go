package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/jawab/jawab/app"
	"github.com/jawab/jawab/rag"
)

func (e *environment) ask(ctx context.Context, args []string) error {
	fs := newFlagSet("ask", e.stderr)
	dataDir := dataDirFlag(fs)
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
	var asOf time.Time
	fs.Func("as-of", "ask as of this day (YYYY-MM-DD): the reference day of \"latest\" and \"last month\"; later articles are not visible", dateFlag(&asOf))
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		fmt.Fprintln(e.stderr, `usage: jawab ask [--data-dir DIR] [--json] [--k N] [--lang ur|en] "question"`)
		return errUsage
	}
	cfg, err := app.LoadConfig(e.getenv, *dataDir)
	if err != nil {
		return err
	}
	if *k <= 0 || *k > 50 {
		return rag.Errorf(rag.Invalid, "--k must be between 1 and 50")
	}
	ix, err := cfg.OpenForAsk(ctx, e.notices())
	if err != nil {
		return err
	}
	defer ix.Close()
	answerer, err := cfg.Answerer(ix)
	if err != nil {
		return err
	}
	q := rag.Question{Text: strings.Join(pos, " "), Lang: *lang, K: *k, Filter: filter, AsOf: asOf}
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
			date := ""
			if !c.Published.IsZero() {
				date = ", " + c.Published.Format(time.DateOnly)
			}
			fmt.Fprintf(w, "[%d] %s (%s%s)\n", c.N, c.Title, c.DocID, date)
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
