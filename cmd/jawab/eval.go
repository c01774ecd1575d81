package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/jawab/jawab/app"
	"github.com/jawab/jawab/llm"
	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/jawab/jawab/eval"
	"github.com/jawab/jawab/index/ingest"
	"github.com/jawab/jawab/index/load"
	"github.com/jawab/jawab/rag"
)

const evalUsage = `usage: jawab eval --corpus DIR --qa FILE.jsonl [--data-dir DIR] [--k 5] [--format table|json|html]
                  [--out FILE] [--baseline PREV.json] [--tolerance 0.02] [--concurrency N] [--judge]
                  [--retriever keyword|vector|hybrid] [--rerank on|off] [--expand on|off]
                  [--sentences on|off] [--alternatives on|off] [--focus on|off]
                  [--xlang on|off|no-lexicon|no-names|no-numbers]
                  [--time on|off|no-periods|no-latest|no-reports]
       jawab eval --from-feedback [--data-dir DIR] [--out FILE]`

// stringList is a flag that may be given more than once.
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

// eval ingests a corpus into a fresh index, asks every question of a question
// file through the same Answerer as ask, and reports the scores
// (shared/eval/FORMAT.md). With --baseline it fails with eval.ErrRegressed
// when a headline metric dropped by more than --tolerance.
func (e *environment) eval(ctx context.Context, args []string) error {
	var corpus stringList
	fs := newFlagSet("eval", e.stderr)
	fs.Var(&corpus, "corpus", "articles to ingest (a directory or file of .txt, .md, .html, .jsonl; repeatable)")
	qaPath := fs.String("qa", "", "question file (JSON Lines, shared/eval/FORMAT.md)")
	dataDir := dataDirFlag(fs)
	fs.Lookup("data-dir").Usage = "index directory (default: a temporary one, removed afterwards); an existing index is re-ingested"
	k := fs.Int("k", 5, "passages per answer")
	format := fs.String("format", "", "table, json or html (default: by --out's extension, else table on a terminal and json otherwise)")
	out := fs.String("out", "", "write the report to FILE instead of stdout")
	baselinePath := fs.String("baseline", "", "a previous --format json report to compare with")
	tolerance := fs.Float64("tolerance", 0.02, "largest drop of a headline metric accepted against --baseline")
	concurrency := fs.Int("concurrency", 2, "questions asked at a time")
	judge := fs.Bool("judge", false, "also have the configured LLM judge faithfulness and correctness (reported apart, not gated)")
	retriever := fs.String("retriever", "", "searches to run: keyword (BM25 alone), vector (alone) or hybrid (both, fused); default: as jawab ask and serve do")
	rerank := fs.String("rerank", "on", "on: rerank the fused passages with the learned ranker, then the configured remote reranker if any; off: keep the fused order")
	xlangFlag := fs.String("xlang", "on", "offline cross-language search (English and Roman Urdu questions): on, off, or on without one part: no-lexicon, no-names, no-numbers")
	expand := fs.String("expand", "on", "on: an Urdu question's keyword search also looks for the words the model associates with its words; off: for its own words alone")
	sentences := fs.String("sentences", "on", "on: the extract orders the passages' sentences by the learned sentence model; off: by how much of the question each holds")
	alternatives := fs.String("alternatives", "on", "on: a question that offers a choice (\"…یا نہیں؟\", \"…or…?\") that the gate refuses is judged again with each alternative alone; off: only as asked")
	focus := fs.String("focus", "on", "on: the extract also quotes each report's sentence that holds the most of what the question asks beyond the report's headline; off: not")
	timeFlag := fs.String("time", "on", "time-aware answering (periods, latest, second reports): on, off, or on without one part: no-periods, no-latest, no-reports")
	fromFeedback := fs.Bool("from-feedback", false, "write the thumbs-down answers recorded by the server in --data-dir as draft questions for a person to complete")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		fmt.Fprintf(e.stderr, "jawab eval: unexpected argument %q\n%s\n", pos[0], evalUsage)
		return errUsage
	}
	if *fromFeedback {
		var other []string
		fs.Visit(func(f *flag.Flag) {
			if f.Name != "from-feedback" && f.Name != "data-dir" && f.Name != "out" {
				other = append(other, "--"+f.Name)
			}
		})
		if len(other) > 0 {
			fmt.Fprintf(e.stderr, "jawab eval: --from-feedback takes only --data-dir and --out, not %s\n%s\n", strings.Join(other, ", "), evalUsage)
			return errUsage
		}
		cfg, err := app.LoadConfig(e.getenv, *dataDir)
		if err != nil {
			return err
		}
		return e.draftsFromFeedback(&cfg, *out)
	}
	if *qaPath == "" {
		fmt.Fprintf(e.stderr, "jawab eval: --qa is required\n%s\n", evalUsage)
		return errUsage
	}
	if len(corpus) == 0 && *dataDir == "" {
		fmt.Fprintf(e.stderr, "jawab eval: --corpus is required (unless --data-dir names an index to evaluate as it is)\n%s\n", evalUsage)
		return errUsage
	}
	switch {
	case *k <= 0 || *k > 50:
		return rag.Errorf(rag.Invalid, "--k must be between 1 and 50")
	case *concurrency <= 0 || *concurrency > 64:
		return rag.Errorf(rag.Invalid, "--concurrency must be between 1 and 64")
	case *tolerance < 0 || *tolerance > 1:
		return rag.Errorf(rag.Invalid, "--tolerance must be between 0 and 1")
	}
	if *format == "" {
		*format = defaultFormat(*out, e.stdout)
	}
	if *format != "table" && *format != "json" && *format != "html" {
		return rag.Errorf(rag.Invalid, "--format %q: want table, json or html", *format)
	}
	searches, err := rag.ParseSearches(*retriever)
	if err != nil || *retriever == "" && flagGiven(fs, "retriever") {
		return rag.Errorf(rag.Invalid, "--retriever %q: want keyword, vector or hybrid", *retriever)
	}
	for _, f := range []struct {
		name  string
		value string
	}{{"rerank", *rerank}, {"expand", *expand}, {"sentences", *sentences}, {"alternatives", *alternatives}, {"focus", *focus}} {
		if f.value != "on" && f.value != "off" {
			return rag.Errorf(rag.Invalid, "--%s %q: want on or off", f.name, f.value)
		}
	}
	opts := app.EvalOptions{NoRerank: *rerank == "off", NoSentenceModel: *sentences == "off", NoExpansion: *expand == "off", NoAlternatives: *alternatives == "off", NoFocus: *focus == "off", Xlang: *xlangFlag, Time: *timeFlag}
	retrieverName := "default"
	if *retriever != "" {
		opts.Searches, retrieverName = &searches, searches.String()
	}

	// Read the inputs before the slow part, so that a typo fails at once.
	qs, err := readQuestions(*qaPath)
	if err != nil {
		return err
	}
	var baseline *eval.Report
	if *baselinePath != "" {
		if baseline, err = readBaseline(*baselinePath); err != nil {
			return err
		}
	}
	var sources []ingest.Source
	for _, p := range corpus {
		fsys, root, err := load.Open(p)
		if err != nil {
			return err
		}
		sources = append(sources, ingest.Source{FS: fsys, Root: root, Options: load.Options{Source: sourceName(p)}})
	}

	if *dataDir == "" {
		tmp, err := os.MkdirTemp("", "jawab-eval-")
		if err != nil {
			return rag.Wrap(rag.Internal, err, "create a temporary data dir")
		}
		defer os.RemoveAll(tmp)
		*dataDir = tmp
	} else if err := checkEvalDataDir(*dataDir, len(corpus) > 0); err != nil {
		return err
	}
	cfg, err := app.LoadConfig(e.getenv, *dataDir)
	if err != nil {
		return err
	}
	var judgeLLM *llm.Client
	if *judge {
		if judgeLLM, err = cfg.Judge(); err != nil {
			return err
		}
	}

	ix, err := cfg.OpenForWrite(ctx, e.notices())
	if err != nil {
		return err
	}
	defer ix.Close()
	notes, err := e.ingestForEval(ctx, ix, sources)
	if err != nil {
		return err
	}
	size, err := ix.Store.Stats(ctx)
	if err != nil {
		return err
	}
	if size.Documents == 0 {
		return rag.Errorf(rag.Invalid, "the index in %s holds no documents: nothing to evaluate", cfg.DataDir)
	}
	answerer, err := cfg.EvalAnswerer(ix, opts)
	if err != nil {
		return err
	}
	generator := app.GeneratorName(answerer)
	corpusNames := slices.Clone([]string(corpus))
	if len(corpusNames) == 0 {
		corpusNames = []string{cfg.DataDir}
	}

	prog := newEvalProgress(e.stderr, len(qs), "asking")
	report, err := eval.Run(ctx, qs, answerer, answerer, eval.Options{
		K: *k, Concurrency: *concurrency, Generator: generator,
		Corpus: corpusNames, QA: *qaPath, Notes: notes, Progress: prog.step,
	})
	prog.done()
	if err != nil {
		return err
	}
	report.Retriever, report.Rerank, report.Expand, report.Sentences, report.Alternatives, report.Focus, report.Xlang, report.Time = retrieverName, *rerank, *expand, *sentences, *alternatives, *focus, *xlangFlag, *timeFlag
	if judgeLLM != nil {
		jp := newEvalProgress(e.stderr, len(report.Questions), "judging")
		err = eval.RunJudge(ctx, report, judgeLLM, *concurrency, jp.step)
		jp.done()
		if err != nil {
			return err
		}
	}

	if err := e.writeReport(report, *format, *out); err != nil {
		return err
	}
	if baseline != nil {
		deltas, regressed := eval.Compare(baseline, report, *tolerance)
		fmt.Fprintf(e.stderr, "\nCompared with %s:\n", *baselinePath)
		for _, m := range eval.Mismatches(baseline, report) {
			fmt.Fprintf(e.stderr, "warning: %s\n", m)
		}
		eval.WriteDeltas(e.stderr, deltas, *tolerance)
		if len(baseline.Questions) > 0 {
			// A full report as the baseline: which questions moved, not only
			// the averages.
			fmt.Fprintln(e.stderr)
			eval.WriteChanges(e.stderr, eval.QuestionChanges(baseline, report))
		}
		if regressed {
			var names []string
			for _, d := range deltas {
				if d.Regressed {
					names = append(names, fmt.Sprintf("%s %.3f → %.3f", d.Metric, d.Base, d.Cur))
				}
			}
			return fmt.Errorf("eval: %w %.2f against %s: %s", eval.ErrRegressed, *tolerance, *baselinePath, strings.Join(names, ", "))
		}
	}
	if report.Errors > 0 {
		fmt.Fprintf(e.stderr, "jawab eval: %d question(s) failed with an error (see the report)\n", report.Errors)
		return errFailed
	}
	return nil
}

// defaultFormat picks the format from --out's extension, else a table for a
// person at a terminal and JSON for a pipe.
func defaultFormat(out string, stdout io.Writer) string {
	switch strings.ToLower(filepath.Ext(out)) {
	case ".html", ".htm":
		return "html"
	case ".json":
		return "json"
	}
	if out != "" {
		return "table"
	}
	if f, ok := stdout.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		return "table"
	}
	return "json"
}

func readQuestions(path string) ([]eval.Question, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, rag.Wrap(rag.Invalid, err, "--qa")
	}
	defer f.Close()
	qs, err := eval.ReadQuestions(f, path)
	if err != nil {
		return nil, rag.Wrap(rag.Invalid, err, "--qa")
	}
	return qs, nil
}

func readBaseline(path string) (*eval.Report, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, rag.Wrap(rag.Invalid, err, "--baseline")
	}
	defer f.Close()
	r, err := eval.ReadReport(f)
	if err != nil {
		return nil, rag.Wrap(rag.Invalid, err, "--baseline %s", path)
	}
	return r, nil
}

// checkEvalDataDir accepts a data dir that does not exist yet, is empty, or
// holds a jawab index (a CURRENT pointer, see index/store), so that eval never
// writes an index into a directory of other files.
func checkEvalDataDir(dir string, haveCorpus bool) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if !haveCorpus {
			return rag.Errorf(rag.Invalid, "--data-dir %s does not exist and no --corpus was given: nothing to evaluate", dir)
		}
		return nil
	case err != nil:
		return rag.Wrap(rag.Invalid, err, "--data-dir")
	case len(entries) == 0 && !haveCorpus:
		return rag.Errorf(rag.Invalid, "--data-dir %s is empty and no --corpus was given: nothing to evaluate", dir)
	case len(entries) == 0:
		return nil
	}
	if _, err := os.Stat(filepath.Join(dir, "CURRENT")); err != nil {
		return rag.Errorf(rag.Invalid, "--data-dir %s is not empty and holds no jawab index; give a new or empty directory, or an index", dir)
	}
	return nil
}

// ingestForEval ingests the corpus into ix (a no-op for documents already
// indexed), with progress and the summary on stderr: stdout is the report's.
// It returns notes for the report.
func (e *environment) ingestForEval(ctx context.Context, ix *app.Index, sources []ingest.Source) ([]string, error) {
	if len(sources) == 0 {
		return nil, nil
	}
	prog := newProgress(e.stderr, totalBytes(sources))
	sum, notes, err := ix.IngestForEval(ctx, sources, prog.event)
	prog.done()
	printSummary(e.stderr, sum, ix.Store.Dir())
	if err != nil {
		return nil, err
	}
	for _, n := range notes {
		fmt.Fprintln(e.stderr, "warning:", n)
	}
	return notes, nil
}

// writeReport writes the report to --out (replacing the file whole) or stdout.
func (e *environment) writeReport(r *eval.Report, format, out string) error {
	write := func(w io.Writer) error {
		switch format {
		case "json":
			return r.WriteJSON(w)
		case "html":
			return r.WriteHTML(w)
		}
		return r.WriteTable(w)
	}
	if out == "" {
		return write(e.stdout)
	}
	if err := replaceFile(out, write); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "Wrote the %s report to %s.\n", format, out)
	return nil
}

// replaceFile writes a new file at out with write, replacing any old one whole
// (a temporary file renamed into place).
func replaceFile(out string, write func(io.Writer) error) error {
	dir, base := filepath.Split(out)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return rag.Wrap(rag.Internal, err, "write %s", out)
	}
	defer os.Remove(f.Name())
	if err := write(f); err != nil {
		f.Close()
		return rag.Wrap(rag.Internal, err, "write %s", out)
	}
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		return rag.Wrap(rag.Internal, err, "write %s", out)
	}
	if err := f.Close(); err != nil {
		return rag.Wrap(rag.Internal, err, "write %s", out)
	}
	if err := os.Rename(f.Name(), out); err != nil {
		return rag.Wrap(rag.Internal, err, "write %s", out)
	}
	return nil
}

// draftsFromFeedback writes the answers readers gave a thumbs-down as draft
// lines of the question-file format (app.Config.FeedbackDrafts), to out or
// stdout. What the person needs to decide (the reader's comment, what jawab
// answered) goes to stderr.
func (e *environment) draftsFromFeedback(cfg *app.Config, out string) error {
	drafts, dir, err := cfg.FeedbackDrafts(func(w string) { fmt.Fprintln(e.stderr, "warning:", w) })
	if err != nil {
		return err
	}
	qs := make([]eval.Question, len(drafts))
	for i, d := range drafts {
		qs[i] = d.Question
	}
	write := func(w io.Writer) error { return eval.WriteQuestions(w, qs) }
	if out == "" {
		err = write(e.stdout)
	} else {
		err = replaceFile(out, write)
	}
	if err != nil {
		return err
	}

	where := "stdout"
	if out != "" {
		where = out
	}
	if len(drafts) == 0 {
		fmt.Fprintf(e.stderr, "No answers with a thumbs-down in %s; wrote no drafts to %s.\n", dir, where)
		return nil
	}
	fmt.Fprintf(e.stderr, "Wrote %d draft question(s) to %s, from answers readers gave a thumbs-down.\n", len(drafts), where)
	fmt.Fprintln(e.stderr, `Each draft is unfinished: a person must fill in "evidence" (exact spans of the articles),`)
	fmt.Fprintln(e.stderr, `"answer" and "must_include", and check "answerable" and "doc_ids" (guessed from the citations).`)
	fmt.Fprintln(e.stderr, "jawab eval --qa refuses an answerable question without evidence, so an unfinished draft cannot be scored by mistake.")
	for _, d := range drafts {
		id, en := d.Question.ID, d.Entry
		if c := strings.TrimSpace(en.Vote.Comment); c != "" {
			fmt.Fprintf(e.stderr, "%s: reader's comment: %s\n", id, oneLineText(c))
		}
		if en.Answer.Refused {
			fmt.Fprintf(e.stderr, "%s: jawab refused to answer; if the articles really lack the answer, set \"answerable\": false\n", id)
		} else {
			fmt.Fprintf(e.stderr, "%s: jawab answered (%s): %s\n", id, en.Answer.Generator, oneLineText(en.Answer.Answer))
		}
	}
	return nil
}

// oneLineText shows a reader's text on one line of the terminal, shortened.
func oneLineText(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 300 {
		s = string(r[:300]) + "…"
	}
	return s
}

// evalProgress shows the questions as they are answered: a bar on a terminal,
// a "[12/99] id" line per question otherwise (as progress does for ingest).
type evalProgress struct {
	w   io.Writer
	bar *progressbar.ProgressBar
}

func newEvalProgress(w io.Writer, total int, what string) *evalProgress {
	p := &evalProgress{w: w}
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) && total > 0 {
		p.bar = progressbar.NewOptions(total,
			progressbar.OptionSetWriter(w),
			progressbar.OptionSetDescription(what),
			progressbar.OptionShowCount(),
			progressbar.OptionSetWidth(30),
			progressbar.OptionThrottle(100_000_000),
			progressbar.OptionClearOnFinish(),
		)
	}
	return p
}

func (p *evalProgress) step(done, total int, r *eval.Result) {
	if p.bar != nil {
		if r.Error != "" {
			p.bar.Clear()
			fmt.Fprintf(p.w, "failed: %s: %s\n", r.ID, r.Error)
		}
		p.bar.Add(1)
		return
	}
	if r.Error != "" {
		fmt.Fprintf(p.w, "[%d/%d] %s: error: %s\n", done, total, r.ID, r.Error)
		return
	}
	fmt.Fprintf(p.w, "[%d/%d] %s\n", done, total, r.ID)
}

func (p *evalProgress) done() {
	if p.bar != nil {
		p.bar.Finish()
	}
}

// flagGiven reports whether the command line set the flag.
func flagGiven(set *flag.FlagSet, name string) bool {
	given := false
	set.Visit(func(f *flag.Flag) { given = given || f.Name == name })
	return given
}
