// Command jawab-train builds what jawab learns from data, from the UQA train
// split in shared/data/uqa-train (see internal/uqa):
//
//	jawab-train sets    [--data DIR] [--out DIR]   evaluation sets of the tuning and test parts
//	jawab-train model   [--data DIR] [--out FILE]  the ranker, word associations and gate (rag.Model)
//	jawab-train measure [--model FILE] SETDIR      BM25 against the model's ranker on a set
//	jawab-train dense   [--data DIR] [--tune DIR] [--out FILE]  the learned-embedder experiment
//	jawab-train lexicon [--data DIR] [--out FILE] [--check|--compare]  the English↔Urdu lexicon (package lexicon)
//	jawab-train coverage-slope [--threshold T] EVAL.json...  the slope of a rendered question's answerability (rag.EnglishCoverageSlope)
//	jawab-train words   [--data DIR] [--news DIR] [--out FILE]  the word list of general Urdu (rag.CommonWord)
//
// Every output is a pure function of the input files: re-running it gives the
// same bytes.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/jawab/jawab/eval"
	"github.com/jawab/jawab/internal/uqa"
	"github.com/jawab/jawab/rag"
	"github.com/jawab/jawab/rag/model"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "jawab-train:", err)
		os.Exit(1)
	}
}

const usage = `usage: jawab-train sets|model|measure|dense|lexicon|coverage-slope|words (see go doc ./cmd/jawab-train)`

func run(args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("%s", usage)
	}
	switch args[0] {
	case "sets":
		fs := flag.NewFlagSet("sets", flag.ContinueOnError)
		data := fs.String("data", "../shared/data/uqa-train", "the UQA train split")
		out := fs.String("out", "../tune", "where to write uqa-tune/ and uqa-test/")
		answerable := fs.Int("answerable", 600, "answerable questions per set")
		unanswerable := fs.Int("unanswerable", 300, "unanswerable questions per set")
		articles := fs.Int("articles", 0, "keep only this many articles of each part (0: all); for the small sample in testdata/uqa")
		parts := fs.String("parts", "tune,test", "which parts to write")
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		d, err := uqa.Read(*data)
		if err != nil {
			return err
		}
		for _, p := range strings.Split(*parts, ",") {
			part := uqa.Part(p)
			if part != uqa.Tune && part != uqa.Test {
				return fmt.Errorf("--parts: %q is not tune or test (the training part is not an evaluation set)", p)
			}
			if err := writeSet(filepath.Join(*out, "uqa-"+p), d.Part(part).Articles(*articles), *answerable, *unanswerable); err != nil {
				return err
			}
		}
		return nil
	case "dense":
		// The learned embedder experiment (README, "Ranking and
		// answerability"): trained on the training part, measured on a tuning
		// set. Not part of the default model.
		fs := flag.NewFlagSet("dense", flag.ContinueOnError)
		data := fs.String("data", "../shared/data/uqa-train", "the UQA train split")
		tune := fs.String("tune", "../tune/uqa-tune", "the tuning set to measure on")
		out := fs.String("out", "../tune/models/learned.bin", "where to write the model")
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		return trainDense(*data, *tune, *out, defaultDenseOptions)
	case "measure":
		fs := flag.NewFlagSet("measure", flag.ContinueOnError)
		modelPath := fs.String("model", "rag/model/jawab-rank.json.gz", "the model file")
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		if fs.NArg() != 1 {
			return fmt.Errorf("usage: jawab-train measure [--model FILE] SETDIR")
		}
		return measure(fs.Arg(0), *modelPath)
	case "lexicon":
		return runLexicon(args[1:])
	case "words":
		fs := flag.NewFlagSet("words", flag.ContinueOnError)
		data := fs.String("data", "../shared/data/uqa-train", "the UQA train split")
		news := fs.String("news", "testdata/urdu-news", "news articles (.txt) whose words are general Urdu too")
		out := fs.String("out", "rag/model/urdu-words.txt.gz", "the word list to write")
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		return writeWords(*data, *news, *out)
	case "coverage-slope":
		fs := flag.NewFlagSet("coverage-slope", flag.ContinueOnError)
		threshold := fs.Float64("threshold", 0.55, "the coverage threshold of the questions' kind (rag.DefaultMinCrossCoverage, rag.DefaultMinRomanCoverage)")
		gate := fs.Float64("gate", 0, "the gate's threshold (default: the built-in model's)")
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		if fs.NArg() == 0 {
			return fmt.Errorf("usage: jawab-train coverage-slope [--threshold T] [--gate P] EVAL.json [EVAL.json ...]")
		}
		if *gate == 0 {
			m, err := rag.ReadModel(bytes.NewReader(model.File), model.Path)
			if err != nil {
				return err
			}
			*gate = m.Gate.Threshold
		}
		k, n, err := coverageSlope(fs.Args(), *threshold, *gate)
		if err != nil {
			return err
		}
		fmt.Printf("slope %.2f over %d questions (threshold %.2f, gate %.4f)\n", k, n, *threshold, *gate)
		return nil
	case "model":
		fs := flag.NewFlagSet("model", flag.ContinueOnError)
		var o modelOptions
		fs.StringVar(&o.data, "data", "../shared/data/uqa-train", "the UQA train split")
		fs.StringVar(&o.out, "out", "rag/model/jawab-rank.json.gz", "the model file to write")
		// rank-v2: text.Normalize folds ئو into ؤ (5 December), so an index
		// built before holds keys its questions no longer ask for. rank-v3:
		// text.ContentTokens reads an acronym spelled in Urdu letter names
		// as one word too ("پی ٹی آئی" → "pti", 5 December, late night),
		// which an index built before does not hold.
		fs.StringVar(&o.version, "version", "rank-v3", "the model's version, recorded in every index it ranks; raise it when an index built for the last one no longer serves (a changed fold or tokeniser)")
		fs.BoolVar(&o.expand, "expand", false, "train behind the expanded first stage (the question's words and their associates), as jawab searches")
		fs.IntVar(&o.rankQuestions, "rank-questions", 10000, "training questions for the ranker")
		fs.IntVar(&o.gateQuestions, "gate-questions", 3000, "training questions of each kind for the gate")
		fs.IntVar(&o.sentenceQuestions, "sentence-questions", 10000, "training questions for the sentence model")
		fs.IntVar(&o.cueQuestions, "cue-questions", 15000, "training questions of each kind (answerable, unanswerable) per half for the gate's lexical cues")
		fs.Float64Var(&o.maxRefusedGood, "max-refused", 0.08, "the share of the tuning part's answerable questions the gate may refuse")
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		return trainModel(o)
	}
	return fmt.Errorf("unknown command %q\n%s", args[0], usage)
}

// writeSet writes a part as a corpus (every paragraph of its articles, as the
// held-out sets are) and a question file of a deterministic sample.
func writeSet(dir string, part *uqa.Data, answerable, unanswerable int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	qs := uqa.Sample(part.Questions, answerable, "a:", func(q eval.Question) bool { return q.Answerable })
	qs = append(qs, uqa.Sample(part.Questions, unanswerable, "u:", func(q eval.Question) bool { return !q.Answerable })...)
	slices.SortStableFunc(qs, func(a, b eval.Question) int {
		switch {
		case a.ID < b.ID:
			return -1
		case a.ID > b.ID:
			return 1
		}
		return 0
	})
	if err := writeFile(filepath.Join(dir, "paragraphs.jsonl"), func(f *os.File) error { return uqa.WriteParagraphs(f, part.Paragraphs) }); err != nil {
		return err
	}
	if err := writeFile(filepath.Join(dir, "questions.jsonl"), func(f *os.File) error { return eval.WriteQuestions(f, qs) }); err != nil {
		return err
	}
	fmt.Printf("%s: %d paragraphs, %d questions\n", dir, len(part.Paragraphs), len(qs))
	return nil
}

func writeFile(path string, write func(*os.File) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
