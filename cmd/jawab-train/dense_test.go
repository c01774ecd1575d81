package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jawab/jawab/eval"
	"github.com/jawab/jawab/index/embed"
	"github.com/jawab/jawab/internal/uqa"
	"github.com/jawab/jawab/text"
)

var (
	denseRun     = flag.Bool("dense", false, "train the dense model on the UQA train part and measure it on the tune part")
	denseData    = flag.String("dense.data", "../../../shared/data/uqa-train", "the UQA train split")
	denseTuneDir = flag.String("dense.tune", "../../../tune/uqa-tune", "the tune set")
	denseOut     = flag.String("dense.out", "", "where to write the model")
	denseDim     = flag.Int("dense.dim", defaultDenseOptions.Config.Dim, "dense dimension")
	denseLexDim  = flag.Int("dense.lexdim", defaultDenseOptions.Config.LexDim, "lexical dimension")
	denseShare   = flag.Float64("dense.share", float64(defaultDenseOptions.Config.LexShare), "lexical share")
	denseBuckets = flag.Int("dense.buckets", defaultDenseOptions.Config.Buckets, "buckets")
	denseNgrams  = flag.String("dense.ngrams", fmt.Sprintf("%d-%d", defaultDenseOptions.Config.NgramMin, defaultDenseOptions.Config.NgramMax), "character n-gram range, or 0 for none")
	denseNoWords = flag.Bool("dense.nowords", !defaultDenseOptions.Config.Words, "no word features")
	denseStop    = flag.Bool("dense.stopwords", defaultDenseOptions.Config.KeepStopwords, "keep stopwords")
	denseTemp    = flag.Float64("dense.temp", defaultDenseOptions.Temp, "temperature")
	denseLR      = flag.Float64("dense.lr", defaultDenseOptions.LR, "learning rate of the dense rows")
	denseLexLR   = flag.Float64("dense.lexlr", defaultDenseOptions.LexLR, "learning rate of the lexical weights")
	denseEpochs  = flag.Int("dense.epochs", defaultDenseOptions.Epochs, "epochs")
	denseNegs    = flag.Int("dense.negs", defaultDenseOptions.HardNegs, "hard negatives per question")
	denseBatch   = flag.Int("dense.batch", defaultDenseOptions.Batch, "questions per step")
	denseTied    = flag.Bool("dense.tied", defaultDenseOptions.Tied, "one set of parameters for both sides")
	denseIDF     = flag.Bool("dense.idf", defaultDenseOptions.IDFInit, "start the lexical weights at idf")
	denseTuneAll = flag.Bool("dense.tuneall", false, "measure on every answerable question of the tune part")
	denseMax     = flag.Int("dense.max", 0, "train on at most this many questions")
	denseEvery   = flag.Int("dense.every", 1, "measure every this many epochs")
	denseSeed    = flag.Uint64("dense.seed", defaultDenseOptions.Seed, "seed")
)

var denseCompare = flag.String("dense.compare", "", "comma-separated model files to measure (TestDenseCompare)")

// TestDenseCompare measures trained models on the tune set, run by hand:
//
//	go test ./cmd/jawab-train -run TestDenseCompare -dense.compare a.bin,b.bin -dense.tuneall -v
func TestDenseCompare(t *testing.T) {
	if *denseCompare == "" {
		t.Skip("run with -dense.compare model files")
	}
	if err := measureModels(os.Stdout, *denseData, *denseTuneDir, *denseTuneAll, strings.Split(*denseCompare, ",")); err != nil {
		t.Fatal(err)
	}
}

// TestDenseNews measures trained models on jawab's own Urdu news
// questions (testdata/eval/pk-ru.jsonl, the Urdu answerable ones) over
// testdata/pk-ru with testdata/urdu-news as distractors:
//
//	go test ./cmd/jawab-train -run TestDenseNews -dense.compare a.bin,b.bin -v
func TestDenseNews(t *testing.T) {
	if *denseCompare == "" {
		t.Skip("run with -dense.compare model files")
	}
	var paras []uqa.Paragraph
	for _, dir := range []string{"pk-ru", "urdu-news"} {
		files, err := filepath.Glob(filepath.Join("../../testdata", dir, "*.txt"))
		if err != nil || len(files) == 0 {
			t.Fatalf("no articles in testdata/%s: %v", dir, err)
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			id := strings.TrimSuffix(filepath.Base(f), ".txt")
			paras = append(paras, uqa.Paragraph{ID: id, Title: id, Text: strings.ReplaceAll(string(b), "\r\n", "\n")})
		}
	}
	f, err := os.Open("../../testdata/eval/pk-ru.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	all, err := eval.ReadQuestions(f, f.Name())
	if err != nil {
		t.Fatal(err)
	}
	var qs []eval.Question
	for _, q := range all {
		if q.Lang == "ur" {
			qs = append(qs, q)
		}
	}
	if err := compareModels(os.Stdout, newDenseTune(paras, qs), strings.Split(*denseCompare, ",")); err != nil {
		t.Fatal(err)
	}
}

// TestDenseExperiment is the experiment itself, run by hand:
//
//	go test ./cmd/jawab-train -run TestDenseExperiment -dense -v -timeout 1h
func TestDenseExperiment(t *testing.T) {
	if !*denseRun {
		t.Skip("run with -dense")
	}
	o := defaultDenseOptions
	c := &o.Config
	c.Dim, c.LexDim, c.LexShare, c.Buckets = *denseDim, *denseLexDim, float32(*denseShare), *denseBuckets
	c.Words, c.KeepStopwords = !*denseNoWords, *denseStop
	if *denseNgrams == "0" {
		c.NgramMin, c.NgramMax = 0, 0
	} else if _, err := fmt.Sscanf(*denseNgrams, "%d-%d", &c.NgramMin, &c.NgramMax); err != nil {
		t.Fatalf("-dense.ngrams %q: %v", *denseNgrams, err)
	}
	o.Temp, o.LR, o.LexLR, o.Epochs, o.HardNegs, o.Batch, o.Tied = *denseTemp, *denseLR, *denseLexLR, *denseEpochs, *denseNegs, *denseBatch, *denseTied
	o.MaxQuestions, o.EvalEvery, o.Seed, o.IDFInit, o.TuneAll = *denseMax, *denseEvery, *denseSeed, *denseIDF, *denseTuneAll
	o.Log = os.Stdout
	if err := trainDense(*denseData, *denseTuneDir, *denseOut, o); err != nil {
		t.Fatal(err)
	}
}

// writeTinyUQA writes a small data set in the UQA train split's format, made
// of the articles in testdata/pk-ru: each line a paragraph, each paragraph
// asked about with a few of its own words, answered by another of its words.
func writeTinyUQA(t *testing.T) string {
	t.Helper()
	files, err := filepath.Glob("../../testdata/pk-ru/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no articles in testdata/pk-ru: %v", err)
	}
	var paras []uqa.Paragraph
	var qs []eval.Question
	art := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for uqa.PartOf(fmt.Sprintf("%03d", art)) != uqa.Train {
			art++
		}
		p := 0
		for _, line := range strings.Split(string(b), "\n") {
			words := text.ContentTokens(line)
			if len(words) < 12 {
				continue
			}
			id := fmt.Sprintf("uqa_%03d_%03d", art, p)
			paras = append(paras, uqa.Paragraph{ID: id, Title: "t", Text: line})
			for k := 0; k+7 <= len(words) && k < 21; k += 7 {
				answer := words[k+3]
				qs = append(qs, eval.Question{
					ID:         fmt.Sprintf("g%03d-p%03d-%d", art, p, k),
					Question:   strings.Join(words[k:k+3], " ") + " " + strings.Join(words[k+4:k+7], " ") + " کیا ہے؟",
					Lang:       "ur",
					Answerable: true,
					DocIDs:     []string{id},
					Evidence:   []string{answer},
					Answer:     answer,
				})
			}
			p++
		}
		art++
	}
	dir := t.TempDir()
	for name, write := range map[string]func(*os.File) error{
		"paragraphs.jsonl": func(f *os.File) error { return uqa.WriteParagraphs(f, paras) },
		"questions.jsonl":  func(f *os.File) error { return eval.WriteQuestions(f, qs) },
	} {
		if err := writeFile(filepath.Join(dir, name), write); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

var tinyDenseOptions = denseOptions{
	Config:   embed.LearnedConfig{Buckets: 1 << 12, Dim: 8, LexDim: 64, LexShare: 0.5, Words: true, NgramMin: 3, NgramMax: 4},
	Temp:     0.1,
	LR:       0.05,
	LexLR:    0.05,
	Epochs:   3,
	Batch:    8,
	HardNegs: 2,
	Seed:     7,
	Log:      io.Discard,
}

func TestTrainDenseDeterministic(t *testing.T) {
	data := writeTinyUQA(t)
	train := func(o denseOptions) []byte {
		t.Helper()
		out := filepath.Join(t.TempDir(), "model.bin")
		if err := trainDense(data, "", out, o); err != nil {
			t.Fatalf("trainDense: %v", err)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := embed.ParseLearned(b); err != nil {
			t.Fatalf("the trained model does not load: %v", err)
		}
		return b
	}
	for _, tied := range []bool{false, true} {
		o := tinyDenseOptions
		o.Tied = tied
		var models [][]byte
		for _, workers := range []int{1, 2, 1} {
			o.Workers = workers
			models = append(models, train(o))
		}
		if !bytes.Equal(models[0], models[1]) || !bytes.Equal(models[0], models[2]) {
			t.Errorf("tied %v: the same seed gave different models (with 1 and 2 workers, or twice)", tied)
		}
		o.Seed++
		if bytes.Equal(train(o), models[0]) {
			t.Errorf("tied %v: another seed gave the same model", tied)
		}
	}
}

func TestTrainDenseLearns(t *testing.T) {
	d, err := uqa.Read(writeTinyUQA(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, cfg := range []embed.LearnedConfig{
		tinyDenseOptions.Config,
		{Buckets: 1 << 12, LexDim: 64, LexShare: 1, Words: true, NgramMin: 3, NgramMax: 4},
		{Buckets: 1 << 12, Dim: 8, Words: true, NgramMin: 3, NgramMax: 4},
	} {
		o := tinyDenseOptions
		o.Config, o.Workers = cfg, 2
		tr := newDenseTrainer(d.Part(uqa.Train), o)
		if len(tr.exs) < 20 {
			t.Fatalf("only %d training questions; the tiny set is broken", len(tr.exs))
		}
		first := tr.epoch()
		var last float64
		for range 5 {
			last = tr.epoch()
		}
		if !(last < first) {
			t.Errorf("%+v: loss went from %.3f to %.3f, want it to fall", cfg, first, last)
		}
	}
}
