package weaviate_test

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jawab/jawab/index"
	"github.com/jawab/jawab/index/embed"
	"github.com/jawab/jawab/index/ingest"
	"github.com/jawab/jawab/index/load"
	"github.com/jawab/jawab/index/store"
	"github.com/jawab/jawab/index/storetest"
	"github.com/jawab/jawab/index/weaviate"
	"github.com/jawab/jawab/index/weaviate/weaviatetest"
	"github.com/jawab/jawab/rag"
)

// BenchmarkScale loads the same chunks into the embedded store (chromem-go)
// and into one Weaviate node and reports, side by side: ingest rate (store
// writes of embedded chunks: UpsertBatch, 64 documents a call), search latency
// (p50/p99, one query at a time, k = 10; vector queries both sparse, from the
// local embedder, and dense), recall@10 of Weaviate's HNSW against the
// embedded store's exact ranking, and memory (the Go heap's growth for the
// embedded store, the node's resident memory growth for Weaviate). The chunks are the real
// corpora (testdata/pk-ru and testdata/urdu-news, 2.1k chunks) repeated with
// variation (a fifth of the words of each copy swapped for other corpus
// words, sentences rotated), embedded by the local embedder.
//
// Size: JAWAB_BENCH_CHUNKS (default 2000, what CI's "-bench=. -benchtime=1x"
// runs); the README's figures are at 200,000:
//
//	JAWAB_BENCH_CHUNKS=200000 go test ./index/weaviate -run '^$' -bench Scale -benchtime 1x -timeout 2h -v
//
// JAWAB_BENCH_DIM sets the dimension (default 384).
func BenchmarkScale(b *testing.B) {
	n := envInt(b, "JAWAB_BENCH_CHUNKS", 2000)
	dim := envInt(b, "JAWAB_BENCH_DIM", 384)
	emb := embed.NewLocal(embed.WithDimension(dim))
	items, queries := benchCorpus(b, emb, n)
	chunks := 0
	for _, it := range items {
		chunks += len(it.Chunks)
	}
	node := weaviatetest.StartNode(b)
	ctx := context.Background()
	for b.Loop() {
		heap0 := heapInUse()
		local, err := store.Open(ctx, b.TempDir(), store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		remote, err := weaviate.Open(ctx, weaviate.Config{URL: node.URL(), GRPC: node.GRPCAddr(), Class: fmt.Sprintf("Bench%d", time.Now().UnixNano())})
		if err != nil {
			b.Fatal(err)
		}
		rss0 := node.RSS()
		lr := loadAndSearch(b, local, emb, items, queries)
		lr.memory = heapInUse() - heap0
		rr := loadAndSearch(b, remote, emb, items, queries)
		rr.memory = node.RSS() - rss0
		var recall, denseRecall float64
		for i := range queries {
			recall += storetest.Recall(lr.top[i], rr.top[i])
			denseRecall += storetest.Recall(lr.denseTop[i], rr.denseTop[i])
		}
		recall /= float64(len(queries))
		denseRecall /= float64(len(queries))

		b.Logf("%d chunks (%d documents), %d-d vectors, %d queries, GOMAXPROCS %d", chunks, len(items), dim, len(queries), runtime.GOMAXPROCS(0))
		b.Logf("%-26s %18s %18s", "", "embedded store", "weaviate")
		b.Logf("%-26s %18.0f %18.0f", "ingest chunks/s", lr.ingestRate, rr.ingestRate)
		b.Logf("%-26s %18s %18s", "vector, sparse p50 / p99", lr.sparse, rr.sparse)
		b.Logf("%-26s %18s %18s", "vector, dense p50 / p99", lr.dense, rr.dense)
		b.Logf("%-26s %18s %18s", "keyword p50 / p99", lr.keyword, rr.keyword)
		b.Logf("%-26s %18s %18.3f", "recall@10, sparse", "1 (exact)", recall)
		b.Logf("%-26s %18s %18.3f", "recall@10, dense", "1 (exact)", denseRecall)
		b.Logf("%-26s %15.0f MB %15.0f MB", "memory", float64(lr.memory)/1e6, float64(rr.memory)/1e6)
		b.ReportMetric(float64(chunks), "chunks")
		b.ReportMetric(lr.ingestRate, "chromem-chunks/s")
		b.ReportMetric(rr.ingestRate, "weaviate-chunks/s")
		b.ReportMetric(lr.dense.p50.Seconds()*1e3, "chromem-dense-p50-ms")
		b.ReportMetric(lr.sparse.p50.Seconds()*1e3, "local-sparse-p50-ms")
		b.ReportMetric(rr.dense.p50.Seconds()*1e3, "weaviate-dense-p50-ms")
		b.ReportMetric(denseRecall, "weaviate-recall@10")
		local.Close()
	}
}

type latency struct{ p50, p99 time.Duration }

func (l latency) String() string {
	return fmt.Sprintf("%s / %s", l.p50.Round(10*time.Microsecond), l.p99.Round(10*time.Microsecond))
}

type benchResult struct {
	ingestRate             float64
	sparse, dense, keyword latency
	top, denseTop          [][]string // vector top 10 per query
	memory                 int64
}

func loadAndSearch(b *testing.B, s index.Store, emb rag.Embedder, items []index.Item, queries []benchQuery) benchResult {
	ctx := context.Background()
	if err := s.Bind(context.Background(), emb.Name(), emb.Dimension()); err != nil {
		b.Fatal(err)
	}
	var r benchResult
	start := time.Now()
	chunks := 0
	for batch := range slices.Chunk(items, 64) {
		if _, err := s.UpsertBatch(ctx, batch); err != nil {
			b.Fatal(err)
		}
		for _, it := range batch {
			chunks += len(it.Chunks)
		}
	}
	r.ingestRate = float64(chunks) / time.Since(start).Seconds()
	var st, dt, kt []time.Duration
	vector := func(vec []float32, times *[]time.Duration, tops *[][]string) {
		t0 := time.Now()
		hits, err := s.VectorSearch(ctx, vec, 10, rag.Filter{})
		if err != nil {
			b.Fatal(err)
		}
		*times = append(*times, time.Since(t0))
		ids := make([]string, len(hits))
		for i, h := range hits {
			ids[i] = h.Chunk.ID
		}
		*tops = append(*tops, ids)
	}
	for _, q := range queries {
		vector(q.vec, &st, &r.top)
		vector(q.dense, &dt, &r.denseTop)
		t0 := time.Now()
		if _, err := s.KeywordSearch(ctx, q.text, 10, rag.Filter{}); err != nil {
			b.Fatal(err)
		}
		kt = append(kt, time.Since(t0))
	}
	r.sparse, r.dense, r.keyword = percentiles(st), percentiles(dt), percentiles(kt)
	return r
}

func percentiles(ds []time.Duration) latency {
	slices.Sort(ds)
	at := func(p float64) time.Duration { return ds[min(len(ds)-1, int(p*float64(len(ds))))] }
	return latency{at(0.50), at(0.99)}
}

// benchQuery is a question, its vector from the local embedder (sparse:
// about 80 non-zero components, which the embedded store scans by column),
// and a dense variant (every component non-zero, as from a remote embedding
// model, which the embedded store scans in full).
type benchQuery struct {
	text       string
	vec, dense []float32
}

// benchCorpus builds documents holding about n chunks, and 200 queries (the
// eval questions, then sentences of the corpus).
func benchCorpus(b *testing.B, emb rag.Embedder, n int) ([]index.Item, []benchQuery) {
	b.Helper()
	var docs []rag.Document
	for _, dir := range []string{"pk-ru", "urdu-news"} {
		fsys, root, err := load.Open(filepath.Join("..", "..", "testdata", dir))
		if err != nil {
			b.Fatal(err)
		}
		for it := range load.Walk(context.Background(), fsys, root, load.Options{Source: dir}) {
			if it.Err == nil {
				docs = append(docs, it.Doc)
			}
		}
	}
	slices.SortFunc(docs, func(x, y rag.Document) int { return cmp.Compare(x.ID, y.ID) })
	var vocab []string
	for _, d := range docs {
		vocab = append(vocab, strings.Fields(d.Text)...)
	}
	in := &ingest.Ingester{Embedder: emb}
	rng := rand.New(rand.NewPCG(7, 11))
	var items []index.Item
	total := 0
	for copyN := 0; total < n; copyN++ {
		for _, d := range docs {
			if total >= n {
				break
			}
			doc := d
			if copyN > 0 {
				doc.ID = d.ID + "~" + strconv.Itoa(copyN)
				doc.Text = vary(rng, d.Text, vocab)
			}
			chunks, keys := in.Chunk(doc)
			if len(chunks) == 0 {
				continue
			}
			doc.Hash = in.Hash(doc)
			items = append(items, index.Item{Doc: doc, Chunks: chunks, Keys: keys})
			total += len(chunks)
		}
	}
	var texts []string
	for _, it := range items {
		for _, c := range it.Chunks {
			texts = append(texts, c.Text)
		}
	}
	vecs, err := emb.Embed(context.Background(), texts, rag.ForPassage)
	if err != nil {
		b.Fatal(err)
	}
	for i := range items {
		items[i].Vectors, vecs = vecs[:len(items[i].Chunks)], vecs[len(items[i].Chunks):]
	}
	qs := evalQuestionsTB(b, 200)
	for _, d := range docs {
		if len(qs) >= 200 {
			break
		}
		if s := strings.TrimSpace(strings.SplitN(d.Text, "۔", 2)[0]); s != "" {
			qs = append(qs, s)
		}
	}
	qv, err := emb.Embed(context.Background(), qs, rag.ForQuery)
	if err != nil {
		b.Fatal(err)
	}
	queries := make([]benchQuery, len(qs))
	for i := range qs {
		dense := make([]float32, len(qv[i]))
		var norm float64
		for j, x := range qv[i] {
			dense[j] = x + float32(rng.NormFloat64()*0.02)
			norm += float64(dense[j]) * float64(dense[j])
		}
		for j := range dense {
			dense[j] /= float32(math.Sqrt(norm))
		}
		queries[i] = benchQuery{qs[i], qv[i], dense}
	}
	return items, queries
}

// vary rewrites a text: its sentences (split at ۔) rotated, and a fifth of its
// words replaced by random words of the corpus.
func vary(rng *rand.Rand, text string, vocab []string) string {
	sents := strings.SplitAfter(text, "۔")
	if k := len(sents); k > 1 {
		r := rng.IntN(k)
		sents = append(sents[r:], sents[:r]...)
	}
	words := strings.Fields(strings.Join(sents, " "))
	for i := range words {
		if rng.IntN(5) == 0 {
			words[i] = vocab[rng.IntN(len(vocab))]
		}
	}
	return strings.Join(words, " ")
}

func heapInUse() int64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapInuse)
}

func envInt(tb testing.TB, name string, def int) int {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		tb.Fatalf("%s=%q is not a positive number", name, v)
	}
	return n
}

// BenchmarkVerify loads JAWAB_BENCH_CHUNKS chunks (default 2000) of the
// benchmark corpus into JAWAB_BENCH_NODES Weaviate nodes (default 1; more:
// a cluster with that replication factor), plants holes through Weaviate's
// API (one chunk object in 500, at most 40: half written again without
// their vector, half with their keyword text emptied), and times a full
// verification of each node, the first version's way (the reference) and
// jawab verify's; each must find exactly the holes planted.
//
//	JAWAB_BENCH_CHUNKS=10000 go test ./index/weaviate -run '^$' -bench Verify -benchtime 1x -v
func BenchmarkVerify(b *testing.B) {
	n := envInt(b, "JAWAB_BENCH_CHUNKS", 2000)
	count := envInt(b, "JAWAB_BENCH_NODES", 1)
	emb := embed.NewLocal()
	items, _ := benchCorpus(b, emb, n)
	nodes := []*weaviatetest.Node{}
	if count == 1 {
		nodes = append(nodes, weaviatetest.StartNode(b))
	} else {
		nodes = weaviatetest.StartCluster(b, count)
	}
	var urls, grpcs []string
	for _, nd := range nodes {
		urls, grpcs = append(urls, nd.URL()), append(grpcs, nd.GRPCAddr())
	}
	ctx := context.Background()
	cfg := weaviate.Config{URL: strings.Join(urls, ","), GRPC: strings.Join(grpcs, ","), Class: "VerifyBench", Replicas: count}
	s, err := weaviate.Open(ctx, cfg)
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
	planted := plantHoles(b, nodes[0].URL(), "VerifyBenchChunk1", min(chunks/500+1, 40))
	per, err := cfg.PerNode()
	if err != nil {
		b.Fatal(err)
	}
	// Each node is verified twice: the first version's way (one document
	// a call, a search of each chunk's own vector) as the reference, then
	// as jawab verify does (documents in groups, chunks vouched for by
	// other chunks' searches skip their own), in alternating order (the
	// new way first on the first node), so that neither always runs on the
	// caches the other warmed.
	ways := []struct {
		name string
		set  func(*ingest.Verifier)
	}{
		{"reference", func(v *ingest.Verifier) { v.Group, v.SearchEach = 1, true }},
		{"verify", func(*ingest.Verifier) {}},
	}
	for b.Loop() {
		worst := map[string]time.Duration{}
		for i, c := range per {
			node, err := weaviate.Open(ctx, c)
			if err != nil {
				b.Fatal(err)
			}
			for j := range ways {
				w := ways[(i+j+1)%len(ways)]
				var searches atomic.Int64
				nearest := func(ctx context.Context, vec []float32, k int) ([]rag.Hit, error) {
					searches.Add(1)
					return node.Nearest(ctx, vec, k)
				}
				v := &ingest.Verifier{Store: node, Nearest: nearest, Chunks: node.ChunksOf}
				w.set(v)
				start := time.Now()
				rep, err := v.Verify(ctx)
				if err != nil {
					b.Fatal(err)
				}
				took := time.Since(start)
				worst[w.name] = max(worst[w.name], took)
				var found []string
				for _, h := range rep.Holes {
					found = append(found, h.Chunk+" "+kind(h.Index))
				}
				slices.Sort(found)
				if !slices.Equal(found, planted) {
					b.Errorf("%s on node %s: holes found %v; planted %v", w.name, c.URL, found, planted)
				}
				b.Logf("%s: verified %d chunks (%d documents) on node %s of %d in %.1f s with %d vector searches: %d holes found of %d planted", w.name, rep.Chunks, rep.Documents, c.URL, len(per), took.Seconds(), searches.Load(), len(rep.Holes), len(planted))
			}
		}
		b.ReportMetric(float64(chunks), "chunks")
		b.ReportMetric(worst["verify"].Seconds(), "verify-s/node")
		b.ReportMetric(worst["reference"].Seconds(), "reference-s/node")
		b.ReportMetric(worst["reference"].Seconds()/worst["verify"].Seconds(), "speedup")
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
