package app

import (
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jawab/jawab/feeds"
	"github.com/jawab/jawab/fetch"
	"github.com/jawab/jawab/index/embed"
	"github.com/jawab/jawab/index/store"
	"github.com/jawab/jawab/internal/newssite"
	"github.com/jawab/jawab/rag"
	"github.com/jawab/jawab/text"
)

// webEnv is a Web over a new index, fetching from loopback.
type webEnv struct {
	web *Web
	lib *Library
	st  *store.Store
	emb *countingEmbedder
	dir string
}

func newWebEnv(t testing.TB, cfg fetch.Config) *webEnv {
	t.Helper()
	dir := t.TempDir()
	st, err := store.Open(context.Background(), dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	emb := &countingEmbedder{Embedder: embed.NewLocal()}
	lib := NewLibrary(&Index{Store: st, Embedder: emb, Model: &rag.Model{Version: "rank-test"}})
	p, err := fetch.ParsePolicy([]string{"127.0.0.1/32"})
	if err != nil {
		t.Fatal(err)
	}
	cfg.Policy = p
	w, err := NewWeb(lib, fetch.New(cfg), dir)
	if err != nil {
		t.Fatal(err)
	}
	return &webEnv{web: w, lib: lib, st: st, emb: emb, dir: dir}
}

func (e *webEnv) ingest(t testing.TB, prune bool, urls ...string) WebSummary {
	t.Helper()
	sum, err := e.web.Ingest(context.Background(), urls, prune)
	if err != nil {
		t.Fatalf("ingest %v: %v", urls, err)
	}
	return sum
}

func (e *webEnv) doc(t testing.TB, site *newssite.Site, slug string) (rag.Document, bool) {
	t.Helper()
	id, err := feeds.DocID(site.ArticleURL(slug))
	if err != nil {
		t.Fatal(err)
	}
	d, _, err := e.st.Get(context.Background(), id)
	if rag.ErrorCode(err) == rag.NotFound {
		return d, false
	}
	if err != nil {
		t.Fatal(err)
	}
	return d, true
}

var day0 = time.Date(2024, 3, 1, 4, 0, 0, 0, time.UTC)

// testSite is Urdu stories (half with the date in the page's metadata, one
// in windows-1256) and English ones.
func testSite(t testing.TB, urdu, english int) (*newssite.Site, []*newssite.Article) {
	t.Helper()
	var arts []*newssite.Article
	for i := range urdu {
		a := newssite.Urdu(i, day0.Add(time.Duration(i)*time.Hour))
		a.MetaDate = i%2 == 0
		a.Windows1256 = i == 1
		arts = append(arts, a)
	}
	for i := range english {
		arts = append(arts, newssite.English(i, day0.Add(time.Duration(i)*time.Hour+30*time.Minute)))
	}
	site := newssite.New(arts...)
	t.Cleanup(site.Close)
	return site, arts
}

// Every kind of list (RSS, Atom, JSON Feed, news sitemap) gives the same
// documents with the right metadata; after the first, nothing is new.
func TestWebIngestsFeedsAndSitemaps(t *testing.T) {
	site, arts := testSite(t, 6, 2)
	site.Handle("/sitemap-index.xml", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/xml")
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>%s/sitemap.xml</loc></sitemap></sitemapindex>`, site.URL)
	})
	e := newWebEnv(t, fetch.Config{})
	for i, path := range []string{"/rss.xml", "/atom.xml", "/feed.json", "/sitemap.xml"} {
		sum := e.ingest(t, false, site.URL+path)
		if sum.Failed != 0 {
			t.Fatalf("%s: failures %+v", path, sum.Failures)
		}
		wantAdded := 0
		if i == 0 {
			wantAdded = len(arts)
		}
		if sum.Added != wantAdded || sum.Added+sum.Unchanged != len(arts) {
			t.Errorf("%s: %d added, %d unchanged; want %d added of %d", path, sum.Added, sum.Unchanged, wantAdded, len(arts))
		}
	}
	// A sitemap index leads to its sitemaps (into a new index: this one has
	// the sitemap's validators now).
	if sum := newWebEnv(t, fetch.Config{}).ingest(t, false, site.URL+"/sitemap-index.xml"); sum.Added != len(arts) {
		t.Errorf("sitemap index: %+v; want %d added", sum.Summary, len(arts))
	}
	for _, a := range arts {
		d, ok := e.doc(t, site, a.Slug)
		if !ok {
			t.Fatalf("%s not in the index", a.Slug)
		}
		if !d.Published.Equal(a.Published) {
			t.Errorf("%s: published %v (%s); want %v", a.Slug, d.Published, d.DateSource, a.Published)
		}
		if d.URL != site.ArticleURL(a.Slug) || d.Lang != a.Lang || d.Source != "Jawab Test News" || text.Fold(d.Title) != text.Fold(a.Title) {
			t.Errorf("%s: url %q lang %q source %q title %q", a.Slug, d.URL, d.Lang, d.Source, d.Title)
		}
		if strings.Contains(d.Text, "مزید خبریں") || strings.Contains(d.Text, "صفحہ اول") || strings.Contains(d.Text, "©") {
			t.Errorf("%s: page furniture kept: %q", a.Slug, d.Text)
		}
		if want := text.Fold(strings.TrimSuffix(a.Paras[1], "۔")); !strings.Contains(text.Fold(d.Text), want) {
			t.Errorf("%s: text %q lacks %q", a.Slug, d.Text, a.Paras[1])
		}
	}
}

// A page named directly, with no feed: its date comes from its metadata,
// or from its dateline and the year in its address.
func TestWebIngestsPages(t *testing.T) {
	a := newssite.Urdu(7, time.Date(2024, 3, 9, 0, 0, 0, 0, time.UTC))
	a.Paras[0] = "کراچی۔ 9 مارچ (اسٹاف رپورٹر) " + a.Paras[0]
	b := newssite.English(3, time.Date(2024, 3, 2, 10, 0, 0, 0, time.UTC))
	b.MetaDate = true
	site := newssite.New(a, b)
	defer site.Close()
	e := newWebEnv(t, fetch.Config{})
	sum := e.ingest(t, false, site.ArticleURL(a.Slug), site.ArticleURL(b.Slug))
	if sum.Added != 2 || sum.Failed != 0 || sum.Elapsed <= 0 || sum.Bytes <= 0 {
		t.Fatalf("summary %+v; want 2 added, with the time and bytes", sum.Summary)
	}
	da, _ := e.doc(t, site, a.Slug)
	if !da.Published.Equal(a.Published) || da.DateSource != rag.DateDateline {
		t.Errorf("dateline page: published %v from %q; want %v from the dateline", da.Published, da.DateSource, a.Published)
	}
	db, _ := e.doc(t, site, b.Slug)
	if !db.Published.Equal(b.Published) || db.DateSource != rag.DateHTML {
		t.Errorf("meta page: published %v from %q; want %v from the page", db.Published, db.DateSource, b.Published)
	}
	if got := site.Hits("/news/" + a.Slug); got != 1 {
		t.Errorf("the page was requested %d times; want once", got)
	}
}

// A re-run with nothing new costs one conditional request per feed and
// embeds nothing; the validators survive a new Web (a new process).
func TestWebRerunIsConditional(t *testing.T) {
	site, arts := testSite(t, 4, 1)
	e := newWebEnv(t, fetch.Config{})
	e.ingest(t, false, site.URL+"/rss.xml")
	site.ResetHits()
	embedded := e.emb.texts.Load()

	w2, err := NewWeb(e.lib, fetch.New(fetch.Config{Policy: e.web.client.Policy()}), e.dir)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := w2.Ingest(context.Background(), []string{site.URL + "/rss.xml"}, false)
	if err != nil {
		t.Fatal(err)
	}
	if site.Hits("/rss.xml") != 1 || len(sum.Results) != 1 || !sum.Results[0].NotModified {
		t.Errorf("feed: %d requests, results %+v; want one answered 304", site.Hits("/rss.xml"), sum.Results)
	}
	for _, a := range arts {
		if n := site.Hits("/news/" + a.Slug); n != 0 {
			t.Errorf("%s requested %d times", a.Slug, n)
		}
	}
	if e.emb.texts.Load() != embedded || sum.Added+sum.Updated != 0 {
		t.Errorf("embedded %d texts, %d added/updated; want nothing", e.emb.texts.Load()-embedded, sum.Added+sum.Updated)
	}
}

// An article edited at the source is updated (only it: the others answer
// 304) and keeps its modification date; one deleted is pruned with --prune
// and only reported without it.
func TestWebUpdatesAndPrunes(t *testing.T) {
	site, arts := testSite(t, 5, 0)
	e := newWebEnv(t, fetch.Config{})
	e.ingest(t, false, site.URL+"/rss.xml")

	edited, deleted := arts[0], arts[3]
	modified := day0.Add(48 * time.Hour)
	site.Edit(edited.Slug, func(a *newssite.Article) {
		a.Paras[0] = "کراچی (اسٹاف رپورٹر) وزیر اعلیٰ نے منصوبے کی لاگت بڑھا کر 99 کروڑ روپے کر دی۔"
		a.Modified = modified
	})
	site.Edit(deleted.Slug, func(a *newssite.Article) { a.Gone = true })
	site.ResetHits()

	sum := e.ingest(t, false, site.URL+"/rss.xml")
	if sum.Updated != 1 || sum.Unchanged != 3 || sum.Pruned != 0 {
		t.Errorf("after the edit: %+v; want 1 updated, 3 unchanged", sum.Summary)
	}
	d, _ := e.doc(t, site, edited.Slug)
	if !strings.Contains(d.Text, "99 کروڑ") || !d.Modified.Equal(modified) || !d.Published.Equal(edited.Published) {
		t.Errorf("edited: text %q, modified %v, published %v", d.Text, d.Modified, d.Published)
	}
	if _, ok := e.doc(t, site, deleted.Slug); !ok {
		t.Error("the deleted article was removed without --prune")
	}

	sum = e.ingest(t, true, site.URL+"/rss.xml")
	if sum.Pruned != 1 {
		t.Errorf("with prune: %+v; want 1 pruned", sum.Summary)
	}
	if _, ok := e.doc(t, site, deleted.Slug); ok {
		t.Error("the deleted article is still in the index")
	}
	// A page named directly that now answers 404 is pruned too.
	site.Edit(arts[4].Slug, func(a *newssite.Article) { a.NotFound = true })
	sum = e.ingest(t, true, site.ArticleURL(arts[4].Slug))
	if _, ok := e.doc(t, site, arts[4].Slug); ok || sum.Pruned != 1 {
		t.Errorf("404 page: %+v; want it pruned", sum.Summary)
	}
}

// One article reached by two addresses is one document.
func TestWebOneDocumentPerCanonicalURL(t *testing.T) {
	site, arts := testSite(t, 1, 0)
	e := newWebEnv(t, fetch.Config{})
	u := site.ArticleURL(arts[0].Slug)
	alt := strings.Replace(u, "127.0.0.1", "localhost", 1) + "?utm_source=whatsapp"
	sum := e.ingest(t, false, u, alt)
	if sum.Added != 1 || sum.Failed != 0 {
		t.Errorf("%+v; want one document added", sum.Summary)
	}
	docs, err := e.st.List(context.Background())
	if err != nil || len(docs) != 1 {
		t.Fatalf("%d documents, %v; want 1", len(docs), err)
	}
}

// Every fault is reported against its URL and the rest goes on.
func TestWebFaults(t *testing.T) {
	site, arts := testSite(t, 3, 0)
	site.Handle("/bad.xml", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><item><title>ٹوٹی ہوئی`)
	})
	site.Handle("/empty", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, "<html><head><title>x</title></head><body><nav>صفحہ اول</nav><script>var a=1</script></body></html>")
	})
	site.Handle("/huge", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		chunk := []byte(strings.Repeat("<p>خبر</p>", 4096))
		for n := 0; n < 2<<30; n += len(chunk) {
			if _, err := w.Write(chunk); err != nil || r.Context().Err() != nil {
				return
			}
		}
	})
	site.Handle("/file.pdf", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		fmt.Fprint(w, "%PDF-1.4")
	})
	dead := httptest.NewServer(http.NotFoundHandler())
	deadURL := dead.URL + "/rss.xml"
	dead.Close()
	tlsSrv := httptest.NewUnstartedServer(http.NotFoundHandler())
	tlsSrv.Config.ErrorLog = log.New(io.Discard, "", 0) // the handshake the client refuses
	tlsSrv.StartTLS()
	defer tlsSrv.Close()

	e := newWebEnv(t, fetch.Config{MaxBytes: 2 << 20, Timeout: 5 * time.Second})
	bad := []string{site.URL + "/bad.xml", deadURL, tlsSrv.URL + "/feed", site.URL + "/empty", site.URL + "/huge",
		site.URL + "/file.pdf", "http://10.0.0.1/feed.xml", "ftp://news.example/x"}
	sum, err := e.web.Ingest(context.Background(), append(bad, site.URL+"/rss.xml"), false)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Added != len(arts) {
		t.Errorf("%d added; want the good feed's %d", sum.Added, len(arts))
	}
	failed := map[string]string{}
	for _, f := range sum.Failures {
		failed[f.Path] = f.Error
	}
	for _, u := range bad {
		if failed[u] == "" {
			t.Errorf("%s: no failure reported (failures %v)", u, failed)
		}
	}
	for u, want := range map[string]string{
		site.URL + "/bad.xml": "malformed", tlsSrv.URL + "/feed": "certificate", site.URL + "/empty": "no article text",
		site.URL + "/huge": "bytes", site.URL + "/file.pdf": "application/pdf", "http://10.0.0.1/feed.xml": "not a public address",
	} {
		if !strings.Contains(failed[u], want) {
			t.Errorf("%s: error %q; want it to say %q", u, failed[u], want)
		}
	}
	if sum.Failed != len(bad) {
		t.Errorf("%d failed; want %d", sum.Failed, len(bad))
	}
}

// The validators file is replaced whole: a damaged one costs only
// unconditional requests.
func TestFetchStateSurvivesDamage(t *testing.T) {
	dir := t.TempDir()
	s, err := openFetchState(dir)
	if err != nil {
		t.Fatal(err)
	}
	s.put("https://news.example/a", urlRecord{Validators: fetch.Validators{ETag: `"x"`}, ID: "news.example/a", Kind: "page"})
	if err := s.save(); err != nil {
		t.Fatal(err)
	}
	s2, err := openFetchState(dir)
	if r, ok := s2.get("https://news.example/a"); err != nil || !ok || r.ETag != `"x"` {
		t.Fatalf("reloaded: %+v %v %v", r, ok, err)
	}
	if err := os.WriteFile(filepath.Join(dir, fetchStateFile), []byte("{not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	s3, err := openFetchState(dir)
	if _, ok := s3.get("https://news.example/a"); err != nil || ok {
		t.Errorf("damaged file: %v, record kept %v; want a fresh state", err, ok)
	}
}

// BenchmarkWebIngestFeed200 ingests a 200-item feed with its pages (Urdu
// and English) into a new index, checking every item's date.
func BenchmarkWebIngestFeed200(b *testing.B) {
	site, arts := testSite(b, 160, 40)
	for b.Loop() {
		b.StopTimer()
		e := newWebEnv(b, fetch.Config{})
		b.StartTimer()
		sum := e.ingest(b, false, site.URL+"/rss.xml")
		b.StopTimer()
		if sum.Added != 200 || sum.Failed != 0 {
			b.Fatalf("%+v", sum.Summary)
		}
		for _, a := range arts {
			if d, _ := e.doc(b, site, a.Slug); !d.Published.Equal(a.Published) {
				b.Fatalf("%s: published %v; want %v", a.Slug, d.Published, a.Published)
			}
		}
		b.StartTimer()
	}
	b.ReportMetric(200, "items")
}
