package weaviate_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/jawab/jawab/index"
	"github.com/jawab/jawab/index/embed"
	"github.com/jawab/jawab/index/ingest"
	"github.com/jawab/jawab/index/load"
	"github.com/jawab/jawab/index/store"
	"github.com/jawab/jawab/index/storetest"
	"github.com/jawab/jawab/index/weaviate"
	"github.com/jawab/jawab/index/weaviate/weaviatetest"
	"github.com/jawab/jawab/internal/must"
	"github.com/jawab/jawab/rag"
	"github.com/jawab/jawab/text"
)

var classes atomic.Int64

// open returns a store over node in collections of its own (a fresh index).
func open(t *testing.T, node *weaviatetest.Node, cfg weaviate.Config) *weaviate.Store {
	t.Helper()
	cfg.URL, cfg.GRPC = node.URL(), node.GRPCAddr()
	if cfg.Class == "" {
		cfg.Class = fmt.Sprintf("T%d", classes.Add(1))
	}
	s, err := weaviate.Open(weaviatetest.Context(t), cfg)
	if err != nil {
		t.Fatalf("Open: %v\nlog:\n%s", err, node.LogTail(20))
	}
	return s
}

// TestConformance runs the suite every index.Store passes, on one real node.
func TestConformance(t *testing.T) {
	node := weaviatetest.StartNode(t)
	storetest.Run(t, func(t *testing.T) index.Store { return open(t, node, weaviate.Config{}) })
}

// TestSameRankingsAsLocal ingests the two bundled corpora (2.1k chunks, local
// embedder) into the embedded store and into Weaviate through the same
// ingester, and checks that the eval set's questions get nearly the same
// keyword and vector top 10 (float32 scores; HNSW), exactly the same IDF
// and (nearly always) the same first passage.
func TestSameRankingsAsLocal(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests 2,000 chunks twice")
	}
	node := weaviatetest.StartNode(t)
	ctx := weaviatetest.Context(t)
	emb := embed.NewLocal()
	local, err := store.Open(ctx, t.TempDir(), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer local.Close()
	remote := open(t, node, weaviate.Config{})
	for _, s := range []index.Store{local, remote} {
		in := &ingest.Ingester{Store: s, Embedder: emb}
		var sources []ingest.Source
		for _, dir := range []string{"pk-ru", "urdu-news"} {
			fsys, root, err := load.Open(filepath.Join("..", "..", "testdata", dir))
			if err != nil {
				t.Fatal(err)
			}
			sources = append(sources, ingest.Source{FS: fsys, Root: root, Options: load.Options{Source: dir}})
		}
		sum, err := in.Run(ctx, sources, false)
		if err != nil || sum.Failed > 0 {
			t.Fatalf("ingest into %s: %+v, %v", s.Dir(), sum, err)
		}
	}
	if l, r := must.Value(local.Stats(context.Background())), must.Value(remote.Stats(context.Background())); l.Documents != r.Documents || l.Chunks != r.Chunks {
		t.Fatalf("local holds %d documents, %d chunks; weaviate %d, %d", l.Documents, l.Chunks, r.Documents, r.Chunks)
	}
	questions := evalQuestions(t, 60)
	a := storetest.Compare(t, local, remote, questions, emb, 10)
	t.Logf("over %d questions: keyword recall@10 %.3f, same keyword top hit %.3f, vector recall@10 %.3f", len(questions), a.KeywordRecall, a.KeywordTop1, a.VectorRecall)
	if a.KeywordRecall < 0.95 || a.KeywordTop1 < 0.95 || a.VectorRecall < 0.95 {
		t.Errorf("rankings differ from the embedded store's: %+v; want keyword recall ≥ 0.95, same top hit ≥ 0.95, vector recall ≥ 0.95", a)
	}
	samePassage := 0
	for _, q := range questions {
		for _, tok := range text.ContentTokens(q) {
			if l, r := storetest.IDF(local, tok), storetest.IDF(remote, tok); math.Abs(l-r) > 1e-9 {
				t.Errorf("IDF(%s): local %v, weaviate %v", tok, l, r)
			}
		}
		lp, err := (&rag.Retriever{Index: local, Embedder: emb}).Retrieve(ctx, q, 5, rag.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		rp, err := (&rag.Retriever{Index: remote, Embedder: emb}).Retrieve(ctx, q, 5, rag.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(lp) > 0 && len(rp) > 0 && lp[0].ChunkID == rp[0].ChunkID {
			samePassage++
		} else {
			t.Logf("%q: passages local %v, weaviate %v", q, passageIDs(lp), passageIDs(rp))
		}
	}
	if share := float64(samePassage) / float64(len(questions)); share < 0.95 {
		t.Errorf("the same first passage for %.2f of the questions, want ≥ 0.95", share)
	}
}

func passageIDs(ps []rag.Passage) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.ChunkID
	}
	return out
}

// evalQuestions returns up to n questions of the public eval set.
func evalQuestions(t *testing.T, n int) []string { return evalQuestionsTB(t, n) }

func evalQuestionsTB(t testing.TB, n int) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "eval", "pk-ru.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for line := range strings.Lines(string(b)) {
		var q struct{ Question string }
		if json.Unmarshal([]byte(line), &q) == nil && q.Question != "" {
			out = append(out, q.Question)
		}
	}
	return out[:min(n, len(out))]
}
