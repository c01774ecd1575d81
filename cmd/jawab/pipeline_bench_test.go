package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/jawab/jawab/app"
	"github.com/jawab/jawab/eval"
	"github.com/jawab/jawab/index/store"
	"github.com/jawab/jawab/internal/must"
	"github.com/jawab/jawab/rag"
)

// loadCorpus writes the 500 urdu-news articles five times over (each copy a
// little different, about 10k chunks in all) and ingests them into a fresh data
// dir, once per test binary, under the directory TestMain removes at the end.
// It returns the data dir.
func loadCorpus(b *testing.B) string {
	b.Helper()
	loadOnce.Do(func() {
		root, err := os.MkdirTemp(filepath.Dir(jawabBin), "load-")
		if err != nil {
			loadErr = err
			return
		}
		src := filepath.Join(root, "src")
		for copyN := range 5 {
			dir := filepath.Join(src, fmt.Sprintf("copy%d", copyN))
			if loadErr = os.MkdirAll(dir, 0o755); loadErr != nil {
				return
			}
			copyCorpus(b, dir, fmt.Sprintf("نسخہ %d\n\n", copyN), 500)
		}
		data := filepath.Join(root, "data")
		env := map[string]string{"JAWAB_DATA": data}
		var out, errb bytes.Buffer
		if err := run(context.Background(), []string{"ingest", src}, func(k string) string { return env[k] }, strings.NewReader(""), &out, &errb); err != nil {
			loadErr = fmt.Errorf("ingest: %v\n%s", err, errb.String())
			return
		}
		loadDir = data
	})
	if loadErr != nil || loadDir == "" {
		b.Fatalf("the load corpus could not be built: %v", loadErr)
	}
	return loadDir
}

var (
	loadOnce sync.Once
	loadDir  string
	loadErr  error
)

// loadQuestions are the Urdu questions of the public eval set: varied, so that
// nothing a request leaves behind can make the next one cheaper.
func loadQuestions(b *testing.B) []string {
	b.Helper()
	f, err := os.Open("../../testdata/eval/pk-ru.jsonl")
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	qs, err := eval.ReadQuestions(f, f.Name())
	if err != nil {
		b.Fatal(err)
	}
	// JAWAB_BENCH_LANG=en measures the English questions (translated offline)
	// instead of the Urdu ones.
	lang := os.Getenv("JAWAB_BENCH_LANG")
	if lang == "" {
		lang = "ur"
	}
	var out []string
	for _, q := range qs {
		if q.Lang == lang {
			out = append(out, q.Question)
		}
	}
	return out
}

// BenchmarkPipeline measures retrieval and the extractive answer in process, over
// the same 10k chunks as BenchmarkServeLoad: the work behind /v1/search and
// /v1/ask without HTTP.
//
//	go test ./cmd/jawab -run '^$' -bench Pipeline -cpuprofile cpu.out
func BenchmarkPipeline(b *testing.B) {
	if testing.Short() {
		b.Skip("slow: ingests 2,500 articles")
	}
	data := loadCorpus(b)
	qs := loadQuestions(b)
	ctx := context.Background()
	st, err := store.Open(ctx, data, store.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	cfg := &app.Config{DataDir: data}
	emb, err := cfg.Embedder()
	if err != nil {
		b.Fatal(err)
	}
	m, err := cfg.RankModel()
	if err != nil {
		b.Fatal(err)
	}
	a, err := cfg.Answerer(&app.Index{Store: st, Embedder: emb, Model: m})
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("index: %+v", must.Value(st.Stats(context.Background())))
	b.Run("retrieve", func(b *testing.B) {
		i := 0
		for b.Loop() {
			if _, err := a.Retriever.Retrieve(ctx, qs[i%len(qs)], 5, rag.Filter{}); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
	b.Run("ask", func(b *testing.B) {
		i := 0
		for b.Loop() {
			if _, err := a.Ask(ctx, rag.Question{Text: qs[i%len(qs)]}); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
	// The same questions asked for the newest report, which runs the
	// latest search's several searches instead of one. (Only 24 of the 500
	// articles have a date, read from their datelines: the rules that order
	// dated reports run for the questions whose passages include one.)
	b.Run("ask-latest", func(b *testing.B) {
		i := 0
		for b.Loop() {
			if _, err := a.Ask(ctx, rag.Question{Text: "تازہ ترین خبروں کے مطابق " + qs[i%len(qs)]}); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
}
