package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jawab/jawab/api"
	"github.com/jawab/jawab/index/embed"
	"github.com/jawab/jawab/index/store"
	"github.com/jawab/jawab/internal/must"
	"github.com/jawab/jawab/rag"
)

// countingEmbedder wraps an embedder and counts the texts it embeds; with
// fail set it fails as a remote model does when it is down.
type countingEmbedder struct {
	rag.Embedder
	texts atomic.Int64
	fail  atomic.Bool
}

func (c *countingEmbedder) Embed(ctx context.Context, texts []string, p rag.Purpose) ([][]float32, error) {
	if c.fail.Load() {
		return nil, rag.Errorf(rag.Unavailable, "embedding server at http://10.0.0.1 is down")
	}
	c.texts.Add(int64(len(texts)))
	return c.Embedder.Embed(ctx, texts, p)
}

// newTestLibrary is a library over a new store on disk, with the local
// embedder counted.
func newTestLibrary(t *testing.T) (api.Library, *store.Store, *countingEmbedder) {
	t.Helper()
	st, err := store.Open(context.Background(), t.TempDir(), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	emb := &countingEmbedder{Embedder: embed.NewLocal()}
	return NewLibrary(&Index{Store: st, Embedder: emb, Model: &rag.Model{Version: "rank-test"}}), st, emb
}

const (
	urduArticle = "پاکستان اور روس کے درمیان سفارتی تعلقات یکم مئی 1948 کو قائم ہوئے۔ دونوں ملکوں نے بعد میں کئی معاہدے کیے۔"
	urduUpdated = "پاکستان اور روس کے درمیان سفارتی تعلقات یکم مئی 1948 کو قائم ہوئے۔ 2021 میں گیس پائپ لائن کا معاہدہ ہوا۔"
)

func TestLibraryAddIsIdempotent(t *testing.T) {
	ctx := context.Background()
	lib, _, emb := newTestLibrary(t)
	doc := rag.Document{ID: "news/001", Title: "تعلقات", Text: urduArticle, URL: "https://example.com/1",
		Published: time.Date(2024, 1, 17, 9, 30, 0, 0, time.UTC)}

	r, err := lib.Add(ctx, doc)
	if err != nil || r.Status != "added" || r.ID != "news/001" || r.Chunks == 0 || r.Path != "" {
		t.Fatalf("first add: %+v, %v; want added with chunks", r, err)
	}
	embedded := emb.texts.Load()
	if embedded == 0 {
		t.Fatal("nothing was embedded")
	}
	got, chunks, err := lib.Get(context.Background(), "news/001")
	if err != nil {
		t.Fatal(err)
	}
	if got.Lang != "ur" || got.Source != uploadSource || got.Title != "تعلقات" || !got.Published.Equal(doc.Published) || got.URL != doc.URL {
		t.Errorf("stored %+v; want lang detected as ur, source %q and the given metadata", got, uploadSource)
	}

	r, err = lib.Add(ctx, doc)
	if err != nil || r.Status != "unchanged" {
		t.Fatalf("same again: %+v, %v; want unchanged", r, err)
	}
	if n := emb.texts.Load(); n != embedded {
		t.Errorf("an unchanged document was embedded again (%d texts, had %d)", n, embedded)
	}

	doc.Text = urduUpdated
	r, err = lib.Add(ctx, doc)
	if err != nil || r.Status != "updated" {
		t.Fatalf("changed text: %+v, %v; want updated", r, err)
	}
	got, newChunks, err := lib.Get(context.Background(), "news/001")
	if err != nil || got.Text != urduUpdated {
		t.Fatalf("after update: %q, %v", got.Text, err)
	}
	for _, c := range newChunks {
		if strings.Contains(c.Text, "معاہدے کیے") {
			t.Errorf("an old chunk survived the update: %q", c.Text)
		}
	}
	if len(chunks) == 0 || len(newChunks) == 0 {
		t.Errorf("chunks: %d before, %d after", len(chunks), len(newChunks))
	}
	listed, err := lib.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if docs, _, _ := lib.Stats(context.Background()); docs != 1 || len(listed) != 1 {
		t.Errorf("Stats: %d documents, List: %d; want 1", docs, len(listed))
	}
}

func TestLibraryAddRejectsBadInput(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name string
		doc  rag.Document
	}{
		{"path id", rag.Document{ID: "../../etc/passwd", Text: urduArticle}},
		{"empty id", rag.Document{Text: urduArticle}},
		{"empty text", rag.Document{ID: "a", Text: "  \n "}},
		{"invalid UTF-8", rag.Document{ID: "a", Text: "متن \xff"}},
		{"invalid UTF-8 title", rag.Document{ID: "a", Title: "\xfe", Text: urduArticle}},
		{"lang", rag.Document{ID: "a", Text: urduArticle, Lang: "fr"}},
		{"url", rag.Document{ID: "a", Text: urduArticle, URL: "javascript:alert(1)"}},
		{"only furniture", rag.Document{ID: "a", Text: "Share\n•\n17 جنوری 2024"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lib, st, _ := newTestLibrary(t)
			r, err := lib.Add(ctx, tt.doc)
			if rag.ErrorCode(err) != rag.Invalid {
				t.Errorf("got %v, want an invalid error", err)
			}
			if r.Status != "failed" || r.Error == "" || strings.Contains(r.Error, "article.jsonl") {
				t.Errorf("result %+v; want failed with the reason", r)
			}
			if n := must.Value(st.Stats(context.Background())).Documents; n != 0 {
				t.Errorf("%d documents stored", n)
			}
		})
	}
	t.Run("no file outside the data dir", func(t *testing.T) {
		lib, st, _ := newTestLibrary(t)
		lib.Add(ctx, rag.Document{ID: "../../etc/passwd", Text: urduArticle})
		uploadOne(ctx, lib, "x.jsonl", []byte(`{"id":"../escape","text":"`+urduArticle+`"}`))
		outside := filepath.Join(filepath.Dir(st.Dir()), "escape")
		if _, err := os.Stat(outside); err == nil {
			t.Errorf("%s was created", outside)
		}
	})
}

func TestLibraryUpload(t *testing.T) {
	ctx := context.Background()
	lib, st, _ := newTestLibrary(t)

	rs, err := uploadOne(ctx, lib, "report.txt", []byte("روس کا دورہ\n\n"+urduArticle))
	if err != nil || len(rs) != 1 || rs[0].Status != "added" || rs[0].ID != "report" {
		t.Fatalf(".txt: %+v, %v", rs, err)
	}
	if d, _, _ := lib.Get(context.Background(), "report"); d.Title != "روس کا دورہ" {
		t.Errorf(".txt title %q, want the first line", d.Title)
	}

	md := "---\ntitle: Visit\nlang: en\n---\n\n# Visit\n\nThe foreign minister visited Moscow in December 2018 and met his Russian counterpart.\n"
	rs, err = uploadOne(ctx, lib, `C:\Users\me\visit.md`, []byte(md))
	if err != nil || len(rs) != 1 || rs[0].Status != "added" || rs[0].ID != "visit" {
		t.Fatalf(".md with a Windows path: %+v, %v", rs, err)
	}

	jsonl := `{"id":"j1","title":"ایک","text":"` + urduArticle + `"}
{"id":"j2","text":
{"id":"j3","text":"` + urduUpdated + `","lang":"ur"}
`
	rs, err = uploadOne(ctx, lib, "batch.jsonl", []byte(jsonl))
	if err != nil {
		t.Fatalf(".jsonl with one bad line: %v (want no error: the others were ingested)", err)
	}
	want := []struct{ status, path string }{{"added", "batch.jsonl:1"}, {"failed", "batch.jsonl:2"}, {"added", "batch.jsonl:3"}}
	if len(rs) != len(want) {
		t.Fatalf("got %d results, want %d: %+v", len(rs), len(want), rs)
	}
	for i, w := range want {
		if rs[i].Status != w.status || rs[i].Path != w.path {
			t.Errorf("result %d: %+v, want %s at %s", i, rs[i], w.status, w.path)
		}
	}
	if rs[1].Error == "" {
		t.Errorf("the failed line has no error message")
	}
	if n := must.Value(st.Stats(context.Background())).Documents; n != 4 {
		t.Errorf("%d documents stored, want 4", n)
	}

	// Again: all unchanged; the bad line still fails, and that is no error.
	rs, err = uploadOne(ctx, lib, "batch.jsonl", []byte(jsonl))
	if err != nil || rs[0].Status != "unchanged" || rs[2].Status != "unchanged" {
		t.Errorf("re-upload: %+v, %v", rs, err)
	}
}

func TestLibraryUploadFailures(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name, file string
		data       string
	}{
		{"invalid UTF-8", "bad.txt", "خبر \xff\xfe متن"},
		{"unsupported type", "notes.pdf", "%PDF-1.4"},
		{"all lines bad", "bad.jsonl", "{}\n{\"id\":\"x\"}\nnot json\n"},
		{"empty jsonl", "empty.jsonl", "\n\n"},
		{"no name", "", urduArticle},
		{"bad id line", "ids.jsonl", `{"id":"../../etc/passwd","text":"` + urduArticle + `"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lib, st, _ := newTestLibrary(t)
			rs, err := uploadOne(ctx, lib, tt.file, []byte(tt.data))
			if rag.ErrorCode(err) != rag.Invalid {
				t.Errorf("got %v, want an invalid error", err)
			}
			if len(rs) == 0 {
				t.Fatal("no results")
			}
			for _, r := range rs {
				if r.Status != "failed" || r.Error == "" {
					t.Errorf("result %+v, want failed with a reason", r)
				}
			}
			if n := must.Value(st.Stats(context.Background())).Documents; n != 0 {
				t.Errorf("%d documents stored", n)
			}
		})
	}
}

// Two documents of one upload with the same id, in one file or two: which one
// is meant is unclear, so the whole upload is refused and nothing is stored.
func TestLibraryUploadDuplicateIDs(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name  string
		files []api.UploadFile
	}{
		{"one file", []api.UploadFile{{Name: "dup.jsonl", Data: []byte(`{"id":"same","text":"` + urduArticle + `"}
{"id":"other","text":"` + urduArticle + `"}
{"id":"same","text":"` + urduUpdated + `"}
`)}}},
		{"two files", []api.UploadFile{
			{Name: "same.txt", Data: []byte(urduArticle)},
			{Name: "b.jsonl", Data: []byte(`{"id":"same","text":"` + urduUpdated + `"}`)},
		}},
		{"the same name twice", []api.UploadFile{
			{Name: "same.txt", Data: []byte(urduArticle)},
			{Name: "dir/same.txt", Data: []byte(urduUpdated)},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lib, st, _ := newTestLibrary(t)
			rs, err := lib.Upload(ctx, tt.files)
			if rag.ErrorCode(err) != rag.Invalid || !strings.Contains(err.Error(), `"same"`) {
				t.Errorf("got %v, want an invalid error naming the id", err)
			}
			for _, r := range rs {
				if r.Status != "failed" || !strings.Contains(r.Error, "twice") {
					t.Errorf("result %+v, want failed as a duplicate", r)
				}
			}
			if n := must.Value(st.Stats(context.Background())).Documents; n != 0 {
				t.Errorf("%d documents stored, want none", n)
			}
		})
	}
}

func TestLibraryDelete(t *testing.T) {
	ctx := context.Background()
	lib, _, _ := newTestLibrary(t)
	if err := lib.Delete(ctx, "missing"); rag.ErrorCode(err) != rag.NotFound {
		t.Errorf("delete unknown: %v, want not_found", err)
	}
	if err := lib.Delete(ctx, "../../etc/passwd"); rag.ErrorCode(err) != rag.NotFound {
		t.Errorf("delete a path: %v, want not_found", err)
	}
	if _, err := lib.Add(ctx, rag.Document{ID: "a", Text: urduArticle}); err != nil {
		t.Fatal(err)
	}
	if err := lib.Delete(ctx, "a"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := lib.Get(context.Background(), "a"); rag.ErrorCode(err) != rag.NotFound {
		t.Errorf("get after delete: %v, want not_found", err)
	}
	if docs, chunks, err := lib.Stats(context.Background()); err != nil || docs != 0 || chunks != 0 {
		t.Errorf("Stats after delete: %d, %d", docs, chunks)
	}
}

func TestLibraryEmbedderDown(t *testing.T) {
	ctx := context.Background()
	lib, st, emb := newTestLibrary(t)
	emb.fail.Store(true)
	r, err := lib.Add(ctx, rag.Document{ID: "a", Text: urduArticle})
	if rag.ErrorCode(err) != rag.Unavailable {
		t.Errorf("got %v, want unavailable", err)
	}
	if r.Status != "failed" || strings.Contains(r.Error, "10.0.0.1") {
		t.Errorf("result %+v; want failed, without the server's address", r)
	}
	if must.Value(st.Stats(context.Background())).Documents != 0 {
		t.Error("a document was stored")
	}
	emb.fail.Store(false)
	if r, err := lib.Add(ctx, rag.Document{ID: "a", Text: urduArticle}); err != nil || r.Status != "added" {
		t.Errorf("after recovery: %+v, %v", r, err)
	}
}

func TestLibraryConcurrentAdds(t *testing.T) {
	ctx := context.Background()
	lib, st, _ := newTestLibrary(t)
	var wg sync.WaitGroup
	var mu sync.Mutex
	count := map[string]int{}
	for i := range 8 {
		wg.Go(func() {
			// Half add the same article, half each their own.
			id := "same"
			if i%2 == 1 {
				id = fmt.Sprintf("own-%d", i)
			}
			r, err := lib.Add(ctx, rag.Document{ID: id, Text: urduArticle})
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			count[id+":"+r.Status]++
			mu.Unlock()
			lib.List(context.Background())
			lib.Stats(context.Background())
		})
	}
	wg.Wait()
	if count["same:added"] != 1 || count["same:unchanged"] != 3 {
		t.Errorf("outcomes %v; want one added and three unchanged for the shared id", count)
	}
	if n := must.Value(st.Stats(context.Background())).Documents; n != 5 {
		t.Errorf("%d documents, want 5", n)
	}
}

// uploadOne uploads one file.
func uploadOne(ctx context.Context, lib api.Library, name string, data []byte) ([]api.IngestResult, error) {
	return lib.Upload(ctx, []api.UploadFile{{Name: name, Data: data}})
}
