package api

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/jawab/jawab/rag"
)

type fakeURLs struct{ got []string }

func (f *fakeURLs) IngestURL(_ context.Context, u string) ([]IngestResult, error) {
	f.got = append(f.got, u)
	if strings.Contains(u, "10.0.0.1") {
		return []IngestResult{{Path: u, Status: "failed", Error: "refused to connect to 10.0.0.1: not a public address"}},
			rag.Errorf(rag.Invalid, "refused to connect to 10.0.0.1: not a public address")
	}
	return []IngestResult{{Path: u, Status: "listed"}, {ID: "news.example/a", Path: "https://news.example/a", Status: "added", Chunks: 2}}, nil
}

type fakeFeeds struct{}

func (fakeFeeds) FeedStatus() []FeedStatus {
	return []FeedStatus{
		{URL: "https://news.example/rss.xml", LastSuccess: time.Unix(1700000000, 0), Added: 7, Updated: 2, Failed: 1},
		{URL: "https://broken.example/feed", Errors: 3},
	}
}

func newFeedsServer(t *testing.T, urls URLIngester) *testServer {
	t.Helper()
	ts := &testServer{log: &syncBuffer{}, lib: newFakeLibrary()}
	ts.s = newServer(Deps{Library: ts.lib, URLs: urls, Feeds: fakeFeeds{}, Logger: testLogger(ts.log), Config: Config{Rate: -1}})
	ts.Server = httptest.NewServer(ts.s.engine)
	t.Cleanup(ts.Close)
	return ts
}

// {"url": …} alone is fetched; with text it stays an article; a refused URL
// is a 400 naming the reason; a server without a fetcher says so.
func TestAddDocumentByURL(t *testing.T) {
	urls := &fakeURLs{}
	ts := newFeedsServer(t, urls)
	resp, body := ts.do(t, "POST", "/v1/documents", map[string]string{"url": "https://news.example/rss.xml"})
	var got struct{ Results []IngestResult }
	if err := json.Unmarshal(body, &got); err != nil || resp.StatusCode != 201 || len(got.Results) != 2 || got.Results[1].ID != "news.example/a" {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	resp, body = ts.do(t, "POST", "/v1/documents", map[string]string{"url": "http://10.0.0.1/feed"})
	if resp.StatusCode != 400 || !strings.Contains(string(body), "not a public address") {
		t.Errorf("refused URL: %d %s", resp.StatusCode, body)
	}
	resp, _ = ts.do(t, "POST", "/v1/documents", map[string]string{"id": "fresh-article", "text": "خبر", "url": "https://news.example/a"})
	if resp.StatusCode != 201 || len(urls.got) != 2 {
		t.Errorf("an article with a url: %d, fetched %v; want it added as given", resp.StatusCode, urls.got)
	}
	none := newFeedsServer(t, nil)
	resp, body = none.do(t, "POST", "/v1/documents", map[string]string{"url": "https://news.example/rss.xml"})
	if resp.StatusCode != 400 || !strings.Contains(string(body), "does not fetch URLs") {
		t.Errorf("no fetcher: %d %s", resp.StatusCode, body)
	}
}

func TestFeedMetrics(t *testing.T) {
	ts := newFeedsServer(t, nil)
	_, body := ts.do(t, "GET", "/metrics", nil)
	for _, want := range []string{
		`jawab_feed_last_success_timestamp_seconds{feed="https://news.example/rss.xml"} 1.7e+09`,
		`jawab_feed_items_added_total{feed="https://news.example/rss.xml"} 7`,
		`jawab_feed_items_updated_total{feed="https://news.example/rss.xml"} 2`,
		`jawab_feed_items_failed_total{feed="https://news.example/rss.xml"} 1`,
		`jawab_feed_errors_total{feed="https://broken.example/feed"} 3`,
		`jawab_feed_last_success_timestamp_seconds{feed="https://broken.example/feed"} 0`,
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}
