package weaviate_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/jawab/jawab/index"
	"github.com/jawab/jawab/index/embed"
	"github.com/jawab/jawab/index/ingest"
	"github.com/jawab/jawab/index/weaviate"
	"github.com/jawab/jawab/index/weaviate/weaviatetest"
)

// BenchmarkVerify loads JAWAB_BENCH_CHUNKS chunks (default 2000) of the
// benchmark corpus into one Weaviate node, plants holes through Weaviate's
// API (one chunk object in 500, at most 40: half written again without
// their vector, half with their keyword text emptied), and times a full
// verification of the node, which must find exactly the holes planted.
//
//	JAWAB_BENCH_CHUNKS=10000 go test ./index/weaviate -run '^$' -bench Verify -benchtime 1x -v
func BenchmarkVerify(b *testing.B) {
	n := envInt(b, "JAWAB_BENCH_CHUNKS", 2000)
	emb := embed.NewLocal()
	items, _ := benchCorpus(b, emb, n)
	node := weaviatetest.StartNode(b)
	ctx := context.Background()
	s, err := weaviate.Open(ctx, weaviate.Config{URL: node.URL(), GRPC: node.GRPCAddr(), Class: "VerifyBench", Consistency: "ONE"})
	if err != nil {
		b.Fatal(err)
	}
	if err := s.Bind(ctx, emb.Name(), len(items[0].Vectors[0])); err != nil {
		b.Fatal(err)
	}
	chunks := 0
	for batch := range slices.Chunk(items, 64) {
		if _, err := s.UpsertBatch(ctx, batch); err != nil {
			b.Fatal(err)
		}
		for _, it := range batch {
			chunks += len(it.Chunks)
		}
	}
	planted := plantHoles(b, node.URL(), "VerifyBenchChunk1", min(chunks/500+1, 40))
	for b.Loop() {
		start := time.Now()
		rep, err := (&ingest.Verifier{Store: s, Nearest: s.Nearest, Chunks: s.ChunksOf}).Verify(ctx)
		if err != nil {
			b.Fatal(err)
		}
		took := time.Since(start)
		var found []string
		for _, h := range rep.Holes {
			found = append(found, h.Chunk+" "+kind(h.Index))
		}
		slices.Sort(found)
		if !slices.Equal(found, planted) {
			b.Errorf("holes found %v; planted %v", found, planted)
		}
		b.Logf("verified %d chunks (%d documents) on one node in %.1f s: %d holes found of %d planted", rep.Chunks, rep.Documents, took.Seconds(), len(rep.Holes), len(planted))
		b.ReportMetric(float64(rep.Chunks), "chunks")
		b.ReportMetric(took.Seconds(), "verify-s")
	}
}

func kind(idx string) string {
	if idx == "no-vector" {
		return "vector"
	}
	return idx
}

// plantHoles writes count chunk objects again through the REST API, the
// even ones without a vector, the odd ones with an empty keyword text, and
// returns them as "chunk-id kind", sorted.
func plantHoles(tb testing.TB, base, class string, count int) []string {
	tb.Helper()
	var list struct {
		Objects []struct {
			ID         string         `json:"id"`
			Properties map[string]any `json:"properties"`
			Vector     []float32      `json:"vector"`
		} `json:"objects"`
	}
	resp, err := http.Get(fmt.Sprintf("%s/v1/objects?class=%s&limit=%d&include=vector", base, class, min(500*count, 10000)))
	if err != nil {
		tb.Fatal(err)
	}
	err = json.NewDecoder(resp.Body).Decode(&list)
	resp.Body.Close()
	if err != nil {
		tb.Fatal(err)
	}
	if len(list.Objects) < count {
		tb.Fatalf("%d objects listed to plant %d holes in", len(list.Objects), count)
	}
	var out []string
	for i := 0; i < len(list.Objects) && len(out) < count; i += len(list.Objects) / count {
		o := list.Objects[i]
		body := map[string]any{"class": class, "id": o.ID, "properties": o.Properties}
		k := "vector"
		if len(out)%2 == 1 {
			o.Properties["norm"], body["vector"], k = "", o.Vector, "keyword"
		}
		j, _ := json.Marshal(body)
		req, _ := http.NewRequest(http.MethodPut, base+"/v1/objects/"+class+"/"+o.ID, bytes.NewReader(j))
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			tb.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			tb.Fatalf("PUT %s: %s", o.ID, resp.Status)
		}
		out = append(out, fmt.Sprintf("%s#%v %s", o.Properties["doc_id"], o.Properties["ordinal"], k))
	}
	slices.Sort(out)
	return out
}

var _ index.Store = (*weaviate.Store)(nil)
