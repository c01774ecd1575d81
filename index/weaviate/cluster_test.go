package weaviate

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/jawab/jawab/index"
	"github.com/jawab/jawab/index/embed"
	"github.com/jawab/jawab/index/ingest"
	"github.com/jawab/jawab/index/load"
	"github.com/jawab/jawab/index/weaviate/weaviatetest"
	"github.com/jawab/jawab/internal/must"
	"github.com/jawab/jawab/rag"
)

// TestClusterSurvivesANode runs three nodes on 127.0.0.1–3 with replication
// factor 3: with one node stopped, ask and search return the same passages
// and QUORUM writes succeed; restarted, the node catches up and serves the
// write it missed on its own, at consistency ONE.
func TestClusterSurvivesANode(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a three-node cluster")
	}
	nodes := weaviatetest.StartCluster(t, 3)
	ctx := weaviatetest.Context(t)
	openOn := func(n *weaviatetest.Node, consistency string) *Store {
		t.Helper()
		s, err := Open(ctx, Config{URL: n.URL(), GRPC: n.GRPCAddr(), Class: "Cluster", Replicas: 3, Consistency: consistency, Timeout: 30 * time.Second})
		if err != nil {
			t.Fatalf("Open on %s: %v\n%s", n.Name, err, n.LogTail(20))
		}
		return s
	}
	s := openOn(nodes[0], "QUORUM")
	class, err := s.nodes[0].client.Schema().ClassGetter().WithClassName(s.gen(1).chunk).Do(ctx)
	if err != nil || class.ReplicationConfig == nil || class.ReplicationConfig.Factor != 3 {
		t.Fatalf("collection %s: replication %+v, %v; want factor 3", s.gen(1).chunk, class.ReplicationConfig, err)
	}
	emb := embed.NewLocal()
	fsys, root, err := load.Open(filepath.Join("..", "..", "testdata", "pk-ru"))
	if err != nil {
		t.Fatal(err)
	}
	in := &ingest.Ingester{Store: s, Embedder: emb}
	if sum, err := in.Run(ctx, []ingest.Source{{FS: fsys, Root: root, Options: load.Options{Source: "pk-ru"}}}, false); err != nil || sum.Added != 5 {
		t.Fatalf("ingest: %+v, %v", sum, err)
	}
	questions := []string{
		"پاکستان اور روس کے درمیان سفارتی تعلقات کس تاریخ کو قائم ہوئے تھے؟",
		"پاکستان میں کس روسی ویکسین کی رجسٹریشن ہوئی؟",
		"پاکستان کی اسٹیل مل کی بنیاد کس نے رکھی تھی؟",
		"کراچی سے لاہور گیس پائپ لائن پر کتنا خرچ آنے کا اندازہ ہے؟",
	}
	answerer := &rag.Answerer{Retriever: &rag.Retriever{Index: s, Embedder: emb}, CorpusLang: "ur"}
	type result struct{ passages, cited []string }
	ask := func() []result {
		t.Helper()
		var out []result
		for _, q := range questions {
			a, err := answerer.Ask(ctx, rag.Question{Text: q, K: 5})
			if err != nil {
				t.Fatalf("ask %q: %v", q, err)
			}
			var r result
			for _, p := range a.Passages {
				r.passages = append(r.passages, p.ChunkID)
			}
			for _, c := range a.Citations {
				r.cited = append(r.cited, c.ChunkID)
			}
			out = append(out, r)
		}
		return out
	}
	before := ask()

	nodes[2].Stop()

	after := ask()
	for i := range questions {
		if !slices.Equal(before[i].passages, after[i].passages) || !slices.Equal(before[i].cited, after[i].cited) {
			t.Errorf("%q with a node down: passages %v cited %v; before %v cited %v", questions[i], after[i].passages, after[i].cited, before[i].passages, before[i].cited)
		}
	}
	late := index.Item{
		Doc:    rag.Document{ID: "late", Title: "late", Lang: "ur", Hash: "h-late", Text: "یہ خبر اس وقت لکھی گئی جب ایک نوڈ بند تھا۔"},
		Chunks: []rag.Chunk{{Start: 0, End: 10}}, Keys: []string{"k-late"},
	}
	v, err := emb.Embed(ctx, []string{"یہ خبر"}, rag.ForPassage)
	if err != nil {
		t.Fatal(err)
	}
	late.Vectors = v
	if _, err := s.UpsertBatch(ctx, []index.Item{late}); err != nil {
		t.Fatalf("QUORUM write with a node down: %v", err)
	}
	if h, ok := must.Values(s.Hash(context.Background(), "late")); !ok || h != "h-late" {
		t.Errorf("QUORUM read of the write: %q, %v", h, ok)
	}

	nodes[2].Start()

	// The restarted node must hold the write itself: read from that node only.
	deadline := time.Now().Add(2 * time.Minute)
	for {
		objs, err := s.nodes[0].client.Data().ObjectsGetter().WithClassName(s.gen(1).doc).WithID(objectID("doc", "late")).
			WithNodeName(nodes[2].Name).Do(ctx)
		if err == nil && len(objs) == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("node3 did not catch up within 2 minutes: %v\n%s", err, nodes[2].LogTail(20))
		}
		time.Sleep(time.Second)
	}
	// Reads at ONE coordinated by the restarted node, once it serves them.
	one := openOn(nodes[2], "ONE")
	for {
		h, ok := must.Values(one.Hash(context.Background(), "late"))
		if ok && h == "h-late" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("read at ONE from the restarted node: %q, %v\n%s", h, ok, nodes[2].LogTail(20))
		}
		time.Sleep(time.Second)
	}
	hits, err := one.KeywordSearch(ctx, "خبر نوڈ", 3, rag.Filter{})
	if err != nil || len(hits) == 0 || hits[0].Chunk.DocID != "late" {
		t.Errorf("keyword search at ONE on the restarted node: %v, %v", hits, err)
	}
	// The new document changed the collection's statistics: compare with
	// what the first node answers now.
	// A restarted node's BM25 statistics can lag the others' for a while, and
	// passages whose scores nearly tie then swap places: wait for the order
	// to agree, and whatever happens the same passages must be found. (Up to
	// 90 s: on a machine busy with other work, CI saw a first passage still
	// differ after 30 s once; the wait ends as soon as the order agrees.)
	now := ask()
	answerer.Retriever.Index = one
	var again []result
	for settle := time.Now().Add(90 * time.Second); ; time.Sleep(2 * time.Second) {
		again = ask()
		if slices.EqualFunc(now, again, func(a, b result) bool { return slices.Equal(a.passages, b.passages) }) || time.Now().After(settle) {
			break
		}
	}
	// The same passages: the same first one, and all but at most one of the
	// others (a near tie at the last place can fall either way while the
	// statistics lag; CI saw the fifth passage differ after 30 s once).
	sameSet := func(a, b result) bool {
		if len(a.passages) != len(b.passages) || len(a.passages) > 0 && a.passages[0] != b.passages[0] {
			return false
		}
		missing := 0
		for _, p := range a.passages {
			if !slices.Contains(b.passages, p) {
				missing++
			}
		}
		return missing <= 1
	}
	if !slices.EqualFunc(now, again, sameSet) {
		t.Errorf("passages from the restarted node at ONE: %v, from node1 at QUORUM %v", again, now)
	} else if !slices.EqualFunc(now, again, func(a, b result) bool { return slices.Equal(a.passages, b.passages) }) {
		t.Logf("the restarted node at ONE still orders near-tied passages differently after 90 s: %v against %v", again, now)
	}
}
