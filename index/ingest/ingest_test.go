package ingest

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/jawab/jawab/index/embed"
	"github.com/jawab/jawab/index/load"
	"github.com/jawab/jawab/index/store"
	"github.com/jawab/jawab/internal/must"
	"github.com/jawab/jawab/rag"
)

// countingEmbedder is a deterministic fake that records every text it embeds and
// can be told to fail, as a remote model would when it goes down.
type countingEmbedder struct {
	mu       sync.Mutex
	texts    []string
	failFrom int // fail once this many texts have been embedded; 0 = never
}

func (e *countingEmbedder) Name() string       { return "counting" }
func (e *countingEmbedder) Dimension() int     { return 4 }
func (e *countingEmbedder) Multilingual() bool { return false }
func (e *countingEmbedder) Embed(_ context.Context, texts []string, _ rag.Purpose) ([][]float32, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.failFrom > 0 && len(e.texts)+len(texts) > e.failFrom {
		return nil, rag.Errorf(rag.Unavailable, "embedding server is down")
	}
	e.texts = append(e.texts, texts...)
	out := make([][]float32, len(texts))
	for i, t := range texts {
		h := fnv.New32a()
		h.Write([]byte(t))
		s := h.Sum32()
		out[i] = []float32{float32(s%7) + 1, float32(s%11) + 1, float32(s%13) + 1, 1}
	}
	return out, nil
}

func (e *countingEmbedder) count() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return len(e.texts)
}

func newIngester(t *testing.T, emb rag.Embedder) *Ingester {
	t.Helper()
	st, err := store.Open(context.Background(), t.TempDir(), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return &Ingester{Store: st, Embedder: emb, BatchChunks: 4}
}

func sentences(prefix string, n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "یہ %s کا جملہ نمبر %d ہے جس میں کچھ الفاظ ہیں اور یہ کافی لمبا ہے تاکہ ٹکڑے بنیں۔ ", prefix, i)
	}
	return b.String()
}

func TestChangedDocumentReusesVectorsOfUnchangedChunks(t *testing.T) {
	emb := &countingEmbedder{}
	in := newIngester(t, emb)
	fsys := fstest.MapFS{"a.txt": {Data: []byte(sentences("الف", 40))}}
	src := []Source{{FS: fsys, Root: "."}}
	sum, err := in.Run(context.Background(), src, false)
	if err != nil || sum.Added != 1 || sum.Chunks < 3 {
		t.Fatalf("first run: %+v, %v", sum, err)
	}
	first := emb.count()
	// Change only the end of the article: only the chunks that changed are embedded.
	fsys["a.txt"] = &fstest.MapFile{Data: []byte(sentences("الف", 40) + "ایک نیا آخری جملہ۔")}
	sum, err = in.Run(context.Background(), src, false)
	if err != nil || sum.Updated != 1 {
		t.Fatalf("second run: %+v, %v", sum, err)
	}
	if fresh := emb.count() - first; fresh == 0 || fresh >= sum.Chunks || fresh != sum.Embedded {
		t.Errorf("changed document: embedded %d of %d chunks (summary says %d), want only the changed ones", fresh, sum.Chunks, sum.Embedded)
	}
}

func TestEmbedderFailureStopsCleanlyAndResumes(t *testing.T) {
	emb := &countingEmbedder{failFrom: 10}
	in := newIngester(t, emb)
	fsys := fstest.MapFS{}
	for i := range 8 {
		fsys[fmt.Sprintf("d%d.txt", i)] = &fstest.MapFile{Data: []byte(sentences(fmt.Sprint(i), 20))}
	}
	src := []Source{{FS: fsys, Root: "."}}
	sum, err := in.Run(context.Background(), src, false)
	if rag.ErrorCode(err) != rag.Unavailable {
		t.Fatalf("run with a failing embedder: err = %v, want unavailable", err)
	}
	if sum.Added == 0 || sum.Added == 8 {
		t.Fatalf("want some but not all documents committed before the failure, got %+v", sum)
	}
	committed := must.Value(in.Store.Stats(context.Background())).Documents
	if committed != sum.Added {
		t.Errorf("store has %d documents, summary says %d added", committed, sum.Added)
	}
	embeddedBefore := emb.count()

	emb.failFrom = 0
	sum, err = in.Run(context.Background(), src, false)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Unchanged != committed || sum.Added != 8-committed {
		t.Errorf("resume: %+v, want %d unchanged and %d added", sum, committed, 8-committed)
	}
	for _, txt := range emb.texts[embeddedBefore:] {
		for _, old := range emb.texts[:embeddedBefore] {
			if txt == old {
				t.Fatalf("resume re-embedded a chunk that was already stored: %q", txt)
			}
		}
	}
}

func TestDuplicateIDsAndPruneSafety(t *testing.T) {
	in := newIngester(t, &countingEmbedder{})
	fsys := fstest.MapFS{
		"a.txt": {Data: []byte("پہلا مضمون۔")},
		"a.md":  {Data: []byte("# دوسرا\n\nاسی نام کا دوسرا مضمون۔")},
		"b.txt": {Data: []byte("تیسرا مضمون۔")},
	}
	sum, _ := in.Run(context.Background(), []Source{{FS: fsys, Root: "."}}, false)
	if sum.Added != 2 || sum.Failed != 1 || !strings.Contains(sum.Failures[0].Error, `"a"`) {
		t.Errorf("duplicate id: %+v", sum)
	}
	// b.jsonl fails as a whole (invalid UTF-8), so the ids it holds are unknown:
	// pruning then must not delete anything.
	fsys2 := fstest.MapFS{"a.txt": fsys["a.txt"], "b.jsonl": {Data: []byte("{\"id\":\"b\",\"text\":\"\xff\"}\n")}}
	sum, _ = in.Run(context.Background(), []Source{{FS: fsys2, Root: "."}}, true)
	if must.Value(in.Store.Stats(context.Background())).Documents != 2 {
		t.Errorf("prune with a failed input deleted documents: %+v", sum)
	}
	sum, err := in.Run(context.Background(), []Source{{FS: fstest.MapFS{"a.txt": fsys["a.txt"]}, Root: "."}}, true)
	if err != nil || sum.Pruned != 1 || must.Value(in.Store.Stats(context.Background())).Documents != 1 {
		t.Errorf("prune: %+v, %v, %d documents left", sum, err, must.Value(in.Store.Stats(context.Background())).Documents)
	}
}

func TestIngestItemsReportsEachItemInOrder(t *testing.T) {
	emb := &countingEmbedder{}
	in := newIngester(t, emb)
	ctx := context.Background()
	items := load.Parse("up.jsonl", "up", []byte(`{"id":"a","text":"پہلا مضمون۔"}
not json
{"id":"b","text":"دوسرا مضمون۔"}
{"id":"a","text":"پھر پہلا، مگر بدلا ہوا۔"}
`), load.Options{})
	items = append(items, load.Parse("c.txt", "c", []byte("تیسرا مضمون۔"), load.Options{})...)
	items = append(items, load.Item{Path: "d.txt", ID: "d", Doc: rag.Document{ID: "d", Title: "d", Lang: "ur", Text: "چوتھا مضمون۔"}})
	items = append(items, load.Item{Path: "c2.txt", ID: "c", Doc: rag.Document{ID: "c", Title: "c", Lang: "ur", Text: "اسی نام کا دوسرا۔"}})
	events, sum, err := in.Items(ctx, items)
	if err != nil {
		t.Fatal(err)
	}
	want := []Status{Added, Failed, Added, Failed, Added, Added, Failed}
	if len(events) != len(want) {
		t.Fatalf("got %d events for %d items", len(events), len(want))
	}
	for i, ev := range events {
		if ev.Status != want[i] {
			t.Errorf("item %d (%s): got %s (%v), want %s", i, ev.Path, ev.Status, ev.Err, want[i])
		}
		if ev.Status == Failed && ev.Err == nil {
			t.Errorf("item %d failed without an error", i)
		}
	}
	if sum.Added != 4 || sum.Failed != 3 || must.Value(in.Store.Stats(context.Background())).Documents != 4 {
		t.Errorf("summary %+v, %d documents stored; want 4 added, 3 failed", sum, must.Value(in.Store.Stats(context.Background())).Documents)
	}

	// The same items again: nothing to embed, nothing rewritten.
	before := emb.count()
	events, sum, err = in.Items(ctx, items[:3])
	if err != nil || sum.Unchanged != 2 || events[0].Status != Unchanged || events[2].Status != Unchanged {
		t.Errorf("again: %+v, %v", sum, err)
	}
	if emb.count() != before {
		t.Errorf("unchanged documents were embedded again")
	}
}

func TestIngestItemsStopsOnEmbedderFailure(t *testing.T) {
	emb := &countingEmbedder{failFrom: 1}
	in := newIngester(t, emb)
	items := load.Parse("a.txt", "a", []byte(sentences("الف", 10)), load.Options{})
	events, _, err := in.Items(context.Background(), items)
	if rag.ErrorCode(err) != rag.Unavailable {
		t.Fatalf("err = %v, want unavailable", err)
	}
	if events[0].Status != Failed || must.Value(in.Store.Stats(context.Background())).Documents != 0 {
		t.Errorf("event %+v, %d documents stored; want failed and none", events[0], must.Value(in.Store.Stats(context.Background())).Documents)
	}
}

func TestCancelledRunKeepsWhatWasCommitted(t *testing.T) {
	in := newIngester(t, &countingEmbedder{})
	fsys := fstest.MapFS{}
	for i := range 5 {
		fsys[fmt.Sprintf("d%d.txt", i)] = &fstest.MapFile{Data: []byte(sentences(fmt.Sprint(i), 3))}
	}
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	in.OnEvent = func(Event) {
		if n++; n == 2 {
			cancel()
		}
	}
	_, err := in.Run(ctx, []Source{{FS: fsys, Root: "."}}, false)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	if got := must.Value(in.Store.Stats(context.Background())).Documents; got < 2 || got == 5 {
		t.Errorf("%d documents kept after cancelling, want the committed ones (≥2, <5)", got)
	}
}

// BenchmarkIngestUrduNews ingests the 500-article corpus with the local embedder
// into a fresh, persisted index per iteration: the end-to-end rate users see.
func BenchmarkIngestUrduNews(b *testing.B) {
	dir := "../../testdata/urdu-news"
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	var size int64
	for _, f := range files {
		if info, err := os.Stat(f); err == nil {
			size += info.Size()
		}
	}
	b.SetBytes(size)
	fsys, root, err := load.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	var chunks int
	for b.Loop() {
		st, err := store.Open(context.Background(), b.TempDir(), store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		in := &Ingester{Store: st, Embedder: embed.NewLocal()}
		sum, err := in.Run(context.Background(), []Source{{FS: fsys, Root: root}}, false)
		if err != nil || sum.Added != len(files) {
			b.Fatalf("%+v %v", sum, err)
		}
		chunks += sum.Chunks
		st.Close()
	}
	b.ReportMetric(float64(chunks)/b.Elapsed().Seconds(), "chunks/s")
	b.ReportMetric(float64(len(files)), "articles")
}
