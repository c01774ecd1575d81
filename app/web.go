package app

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/jawab/jawab/api"
	"github.com/jawab/jawab/feeds"
	"github.com/jawab/jawab/fetch"
	"github.com/jawab/jawab/index/ingest"
	"github.com/jawab/jawab/index/load"
	"github.com/jawab/jawab/rag"
)

// Web ingests articles from the web: article pages, the items of RSS, Atom
// and JSON feeds, and the URLs of news sitemaps, each page through the HTML
// loader (readability, Urdu boilerplate cleaning, page dates and datelines),
// with the feed's or sitemap's dates where the page gives none of its own.
// A document's id is its canonical URL (feeds.DocID), so one article reached
// by two addresses is one document. Unchanged pages cost a conditional
// request; the validators are kept in the data dir.
type Web struct {
	client *fetch.Client
	lib    *Library
	state  *fetchState
	// Workers is how many pages are fetched and parsed at once (the client
	// still bounds the requests per host).
	Workers int
}

// NewWeb returns the web ingester into lib's index, with the fetch state of
// dataDir.
func NewWeb(lib *Library, client *fetch.Client, dataDir string) (*Web, error) {
	st, err := openFetchState(dataDir)
	if err != nil {
		return nil, err
	}
	return &Web{client: client, lib: lib, state: st, Workers: 8}, nil
}

// URLResult is what happened to one fetched URL: a feed or sitemap (Items
// says how many articles it listed), or an article.
type URLResult struct {
	URL    string        `json:"url"`
	ID     string        `json:"id,omitempty"`
	Kind   string        `json:"kind,omitempty"`
	Status ingest.Status `json:"status,omitempty"`
	Chunks int           `json:"chunks,omitempty"`
	Items  int           `json:"items,omitempty"`
	// NotModified: the server answered a conditional request with 304.
	NotModified bool  `json:"not_modified,omitempty"`
	Err         error `json:"-"`
}

// WebSummary totals a run: the ingest summary of its articles (failures name
// the URL) and a result per URL, the feeds first.
type WebSummary struct {
	ingest.Summary
	Results []URLResult `json:"results"`
}

// article is a page to fetch, with what its feed said of it.
type article struct {
	url  string
	feed string
	meta feeds.Item
	// resp or err, when set, is the page already fetched (a URL given
	// directly, fetched to learn what it is).
	resp *fetch.Response
	err  error
}

// Ingest fetches urls (pages, feeds, sitemaps) and ingests their articles.
// Every URL's failure is reported in the summary and the others go on; the
// error is the index's (an embedder or store failure) or the context's. With
// prune, an article that answers 404 or 410 is deleted, the articles a feed
// listed before included.
func (w *Web) Ingest(ctx context.Context, urls []string, prune bool) (sum WebSummary, err error) {
	start := time.Now()
	defer func() { sum.Elapsed = time.Since(start) }()
	var (
		arts []article
		seen = map[string]bool{}
		// pending holds the validators of the feeds read, saved once their
		// articles are in.
		pending = map[string]urlRecord{}
	)
	addArticle := func(a article) {
		if !seen[a.url] {
			seen[a.url] = true
			arts = append(arts, a)
		}
	}
	var visit func(u string, depth int) error
	visit = func(u string, depth int) error {
		rec, known := w.state.get(u)
		resp, err := w.client.Get(ctx, u, rec.Validators)
		res := URLResult{URL: u}
		switch {
		case err != nil && ctx.Err() != nil:
			return ctx.Err()
		case err != nil:
			if known && rec.Kind == "page" || !known {
				// An article named directly: it may be gone.
				addArticle(article{url: u, err: err})
				return nil
			}
			res.Kind, res.Status, res.Err = rec.Kind, ingest.Failed, err
			sum.fail(u, "", err)
			sum.Results = append(sum.Results, res)
			return nil
		case resp.NotModified && known && rec.Kind != "page":
			res.Kind, res.NotModified = rec.Kind, true
			sum.Results = append(sum.Results, res)
			if prune {
				for _, a := range w.state.listedBy(u) {
					addArticle(article{url: a, feed: u})
				}
			}
			return nil
		case resp.NotModified:
			addArticle(article{url: u, resp: resp})
			return nil
		}
		kind := feeds.Detect(resp.MediaType, resp.Body)
		res.Kind = kind.String()
		var parsed *feeds.Parsed
		switch kind {
		case feeds.Page:
			addArticle(article{url: u, resp: resp})
			return nil
		case feeds.Feed:
			parsed, err = feeds.ParseFeed(resp.Body, resp.URL)
		case feeds.Sitemap, feeds.SitemapIndex:
			parsed, err = feeds.ParseSitemap(resp.Body, resp.URL)
		default:
			err = rag.Errorf(rag.Invalid, "%s is not an article page, a feed or a sitemap (content type %s)", u, resp.MediaType)
		}
		if err != nil {
			res.Status, res.Err = ingest.Failed, err
			sum.fail(u, "", err)
			sum.Results = append(sum.Results, res)
			return nil
		}
		res.Items = len(parsed.Items)
		sum.Results = append(sum.Results, res)
		for _, it := range parsed.Items {
			addArticle(article{url: it.URL, feed: u, meta: it})
		}
		if prune {
			for _, a := range w.state.listedBy(u) {
				addArticle(article{url: a, feed: u})
			}
		}
		for _, child := range parsed.Sitemaps {
			if depth < 2 {
				if err := visit(child, depth+1); err != nil {
					return err
				}
			}
		}
		pending[u] = urlRecord{Validators: resp.Validators, Kind: kind.String(), Checked: time.Now().UTC()}
		return nil
	}
	for _, u := range urls {
		c, err := fetch.CheckURL(u)
		if err != nil {
			sum.fail(u, "", err)
			sum.Results = append(sum.Results, URLResult{URL: u, Status: ingest.Failed, Err: err})
			continue
		}
		if err := visit(c.String(), 0); err != nil {
			return sum, err
		}
	}
	err = w.articles(ctx, arts, prune, &sum)
	// A feed's validators are kept only when none of its articles failed for
	// a reason that may pass (a network error, the embedder down): else a 304
	// next time would hide them.
	transient := map[string]bool{}
	for _, r := range sum.Results {
		if r.Status == ingest.Failed && r.Kind == "page" && !permanent(r.Err) {
			transient[w.feedOf(r.URL, arts)] = true
		}
	}
	for feed, rec := range pending {
		if !transient[feed] && err == nil {
			w.state.put(feed, rec)
		}
	}
	if serr := w.state.save(); serr != nil && err == nil {
		err = serr
	}
	return sum, err
}

func (w *Web) feedOf(u string, arts []article) string {
	for _, a := range arts {
		if a.url == u {
			return a.feed
		}
	}
	return ""
}

// commit ingests loaded items under the library's write lock, so that the
// API's additions and the web's never race for one id.
func (l *Library) commit(ctx context.Context, items []load.Item) ([]ingest.Event, ingest.Summary, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.ix.Ingester(nil).Items(ctx, items)
}

// permanent reports a failure that fetching again will not cure.
func permanent(err error) bool {
	var fe *fetch.Error
	if errors.As(err, &fe) {
		switch fe.Kind {
		case fetch.KindStatus:
			return fe.Status >= 400 && fe.Status < 500 && fe.Status != 429
		case fetch.KindNetwork:
			return false
		}
		return true
	}
	return rag.ErrorCode(err) == rag.Invalid
}

func (s *WebSummary) fail(u, id string, err error) {
	s.Failed++
	s.Failures = append(s.Failures, ingest.Failure{Path: u, ID: id, Error: err.Error()})
}

// fetched is one article page after fetching and loading.
type fetched struct {
	art  article
	item load.Item
	// unchanged: 304 for a document the index holds.
	unchanged bool
	gone      bool
	rec       urlRecord
	err       error
}

// articles fetches and loads the pages in parallel, then ingests them in
// one run.
func (w *Web) articles(ctx context.Context, arts []article, prune bool, sum *WebSummary) error {
	out := make([]fetched, len(arts))
	jobs := make(chan int)
	var wg sync.WaitGroup
	workers := max(w.Workers, 1)
	for range min(workers, max(len(arts), 1)) {
		wg.Go(func() {
			for i := range jobs {
				out[i] = w.page(ctx, arts[i])
			}
		})
	}
	for i := range arts {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}

	var items []load.Item
	var slots []int
	ids := map[string]bool{}
	for i, f := range out {
		res := URLResult{URL: f.art.url, Kind: "page", ID: f.rec.ID}
		switch {
		case f.gone && prune:
			id := f.rec.ID
			if id == "" {
				id, _ = feeds.DocID(f.art.url)
			}
			err := w.lib.Delete(ctx, id)
			if err != nil && rag.ErrorCode(err) != rag.NotFound {
				return err
			}
			w.state.remove(f.art.url)
			if err != nil {
				// Gone, and nothing of it was indexed.
				res.Status, res.Err = ingest.Failed, f.err
				sum.fail(f.art.url, "", f.err)
				break
			}
			res.Status, res.ID = ingest.Pruned, id
			sum.Pruned++
		case f.err != nil:
			res.Status, res.Err = ingest.Failed, f.err
			sum.fail(f.art.url, f.rec.ID, f.err)
		case f.unchanged:
			res.Status, res.NotModified = ingest.Unchanged, true
			sum.Unchanged++
			w.state.put(f.art.url, f.rec)
		case ids[f.item.ID]:
			// The same article by another address: one document.
			res.Status, res.ID = ingest.Unchanged, f.item.ID
			sum.Unchanged++
		default:
			ids[f.item.ID] = true
			items = append(items, f.item)
			slots = append(slots, i)
			res.ID = f.item.ID
		}
		sum.Results = append(sum.Results, res)
	}
	base := len(sum.Results) - len(out)
	if len(items) == 0 {
		return nil
	}
	events, isum, err := w.lib.commit(ctx, items)
	sum.Added += isum.Added
	sum.Updated += isum.Updated
	sum.Unchanged += isum.Unchanged
	sum.Chunks += isum.Chunks
	sum.Embedded += isum.Embedded
	sum.Bytes += isum.Bytes
	sum.Failed += isum.Failed
	sum.Failures = append(sum.Failures, isum.Failures...)
	for k, ev := range events {
		i := slots[k]
		r := &sum.Results[base+i]
		r.Status, r.Chunks, r.Err = ev.Status, ev.Chunks, ev.Err
		if ev.Status == "" {
			r.Status = ingest.Failed
		}
		switch ev.Status {
		case ingest.Added, ingest.Updated, ingest.Unchanged:
			rec := out[i].rec
			rec.ID = items[k].ID
			w.state.put(out[i].art.url, rec)
		}
	}
	return err
}

// page fetches and loads one article.
func (w *Web) page(ctx context.Context, a article) fetched {
	f := fetched{art: a}
	prev, known := w.state.get(a.url)
	f.rec = urlRecord{ID: prev.ID, Feed: a.feed, Kind: "page"}
	if f.rec.Feed == "" {
		f.rec.Feed = prev.Feed
	}
	// A 304 only helps while the index holds the document.
	held := false
	if known && prev.ID != "" {
		_, exists, err := w.lib.ix.Store.Hash(ctx, prev.ID)
		held = err == nil && exists
	}
	resp, err := a.resp, a.err
	if (resp == nil && err == nil) || (resp != nil && resp.NotModified && !held) {
		v := prev.Validators
		if !held {
			v = fetch.Validators{}
		}
		resp, err = w.client.Get(ctx, a.url, v)
	}
	if err != nil {
		f.err, f.gone = err, fetch.Gone(err)
		return f
	}
	f.rec.Validators, f.rec.Checked = resp.Validators, time.Now().UTC()
	if resp.NotModified {
		f.unchanged = true
		return f
	}
	if k := feeds.Detect(resp.MediaType, resp.Body); k != feeds.Page {
		f.err = rag.Errorf(rag.Invalid, "%s is a %s, not an article page (content type %s)", a.url, k, resp.MediaType)
		return f
	}
	host := hostOf(resp.URL)
	items := load.Parse("page.html", "page", resp.Body, load.Options{Source: host})
	it := items[0]
	it.Path = a.url
	canonical := resp.URL
	if it.Err == nil && it.Doc.URL != "" {
		canonical = it.Doc.URL
	}
	id, err := feeds.DocID(canonical)
	if err != nil {
		f.err = err
		return f
	}
	it.ID = id
	if it.Err != nil {
		it.Err = fmt.Errorf("%s: %w", a.url, unwrapPage(it.Err))
		f.item = it
		return f
	}
	doc := &it.Doc
	doc.ID = id
	if doc.URL == "" {
		doc.URL = canonical
	}
	// The page's own metadata (article:published_time, JSON-LD) is the most
	// exact; the feed's or sitemap's date beats a date read from the text.
	if !a.meta.Published.IsZero() && doc.DateSource != rag.DateHTML {
		doc.Published, doc.DateSource = a.meta.Published, rag.DateMetadata
	}
	if doc.Modified.IsZero() && !a.meta.Modified.IsZero() && a.meta.Modified.After(doc.Published) {
		doc.Modified = a.meta.Modified
	}
	if doc.Author == "" {
		doc.Author = a.meta.Author
	}
	f.item = it
	return f
}

// unwrapPage drops the loader's "page.html: " prefix, a name the user never gave.
func unwrapPage(err error) error {
	var re *rag.Error
	if errors.As(err, &re) {
		return re
	}
	return errors.New(strings.TrimPrefix(err.Error(), "page.html: "))
}

func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// IngestURL ingests the page, feed or sitemap at u for the API: a result
// per URL fetched.
func (w *Web) IngestURL(ctx context.Context, u string) ([]api.IngestResult, error) {
	sum, err := w.Ingest(ctx, []string{u}, false)
	results := make([]api.IngestResult, 0, len(sum.Results))
	for _, r := range sum.Results {
		ir := api.IngestResult{ID: r.ID, Path: r.URL, Status: string(r.Status), Chunks: r.Chunks}
		if r.Status == "" {
			ir.Status = string(ingest.Unchanged)
			if r.Kind != "page" {
				ir.Status = "listed"
			}
		}
		if r.Err != nil {
			ir.Error = fetchMessage(r.Err)
		}
		results = append(results, ir)
	}
	if err != nil {
		return results, err
	}
	if sum.Added+sum.Updated+sum.Unchanged == 0 && sum.Failed > 0 {
		return results, rag.Errorf(rag.Invalid, "%s", results[len(results)-1].Error)
	}
	return results, nil
}

// fetchMessage is what an API client is told of a failed URL: fetch
// failures are about the URL the client gave, so they are said in full.
func fetchMessage(err error) string {
	var fe *fetch.Error
	if errors.As(err, &fe) || fetch.Blocked(err) {
		return err.Error()
	}
	return resultMessage(err)
}
