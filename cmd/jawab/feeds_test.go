package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jawab/jawab/feeds"
	"github.com/jawab/jawab/internal/newssite"
)

var feedDay = time.Date(2024, 5, 6, 5, 0, 0, 0, time.UTC)

func newsSite(t *testing.T, n int) *newssite.Site {
	t.Helper()
	var arts []*newssite.Article
	for i := range n {
		arts = append(arts, newssite.Urdu(i, feedDay.Add(time.Duration(i)*time.Hour)))
	}
	site := newssite.New(arts...)
	site.Handle("/broken.xml", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, "<rss version=\"2.0\"><channel><item><title>ادھوری")
	})
	t.Cleanup(site.Close)
	return site
}

// jawab ingest URL…: a feed's articles are ingested, a bad feed is reported
// by URL with exit status 1, a re-run is conditional, private addresses are
// refused unless allowed, and files and URLs do not mix.
func TestIngestURLs(t *testing.T) {
	site := newsSite(t, 4)
	env := map[string]string{"JAWAB_DATA": t.TempDir(), "JAWAB_FETCH_ALLOW": "127.0.0.1/32"}
	r := jawab(t, env, "ingest", site.URL+"/rss.xml", site.URL+"/broken.xml")
	if !errors.Is(r.err, errFailed) || exitCode(r.err, &strings.Builder{}) != 1 {
		t.Fatalf("err %v; want exit status 1 for the broken feed\n%s%s", r.err, r.stdout, r.stderr)
	}
	for _, want := range []string{"failed: " + site.URL + "/broken.xml: ", "malformed", "4 added, 0 updated, 0 unchanged, 1 failed", site.URL + "/rss.xml: feed, 4 articles listed"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, r.stdout)
		}
	}
	r = mustJawab(t, env, "ingest", "--json", site.URL+"/rss.xml")
	var sum struct {
		Added   int `json:"added"`
		Results []struct {
			URL         string `json:"url"`
			NotModified bool   `json:"not_modified"`
		} `json:"results"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &sum); err != nil || sum.Added != 0 || len(sum.Results) != 1 || !sum.Results[0].NotModified {
		t.Errorf("re-run: %v\n%s; want the feed not modified and nothing added", err, r.stdout)
	}
	id, _ := feeds.DocID(site.ArticleURL("2024/ur-002"))
	r = mustJawab(t, env, "docs", "show", id)
	if !strings.Contains(r.stdout, "2024-05-06") {
		t.Errorf("docs show %s:\n%s", id, r.stdout)
	}

	r = jawab(t, map[string]string{"JAWAB_DATA": t.TempDir()}, "ingest", site.URL+"/rss.xml")
	if !errors.Is(r.err, errFailed) || !strings.Contains(r.stdout, "not a public address") {
		t.Errorf("without JAWAB_FETCH_ALLOW: %v\n%s", r.err, r.stdout)
	}
	r = jawab(t, env, "ingest", site.URL+"/rss.xml", "testdata")
	if !errors.Is(r.err, errUsage) {
		t.Errorf("files and URLs: %v; want a usage error", r.err)
	}
}

// jawab serve --watch: a new item of a watched feed is answered within a poll
// or two, a broken feed is an error in /metrics while the server stays
// ready, and polls with nothing new fetch only the feed (conditionally).
func TestServeWatchesFeeds(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end server test")
	}
	site := newsSite(t, 3)
	good, broken := site.URL+"/rss.xml", site.URL+"/broken.xml"
	srv := startServe(t, map[string]string{"JAWAB_FETCH_ALLOW": "127.0.0.1", "JAWAB_RATE": "off",
		"JAWAB_FEED_INTERVAL": "1s", "JAWAB_FEEDS": good + "," + broken})
	metric := func(name, feed string) string {
		_, body := srv.do(t, "GET", "/metrics", nil)
		for line := range strings.Lines(string(body)) {
			if strings.HasPrefix(line, fmt.Sprintf("%s{feed=%q} ", name, feed)) {
				return strings.TrimSpace(line[strings.LastIndex(line, " ")+1:])
			}
		}
		return ""
	}
	waitFor(t, func() bool { return metric("jawab_feed_items_added_total", good) == "3" })
	waitFor(t, func() bool { return metric("jawab_feed_errors_total", broken) != "0" })
	if resp, body := srv.do(t, "GET", "/readyz", nil); resp.StatusCode != 200 {
		t.Errorf("/readyz with a failing feed: %d %s", resp.StatusCode, body)
	}

	site.Add(&newssite.Article{Slug: "2024/gwadar-port", Title: "گوادر میں نئی بندرگاہ کا افتتاح", Lang: "ur",
		Published: feedDay.Add(30 * time.Hour), Paras: []string{
			"گوادر (اسٹاف رپورٹر) گوادر میں نئی بندرگاہ کا افتتاح کر دیا گیا جس کی تعمیر پر 75 ارب روپے لاگت آئی۔",
			"حکام کے مطابق بندرگاہ سے سالانہ 40 لاکھ ٹن سامان گزر سکے گا۔",
		}})
	id, _ := feeds.DocID(site.ArticleURL("2024/gwadar-port"))
	waitFor(t, func() bool {
		_, body := srv.do(t, "POST", "/v1/ask", map[string]string{"question": "گوادر کی نئی بندرگاہ کی تعمیر پر کتنی لاگت آئی؟"})
		return strings.Contains(string(body), id) && strings.Contains(string(body), "75 ارب")
	})

	// An admin's POST {"url"}: a refused address is a 400 naming the reason;
	// the feed itself gives a result per URL.
	resp, body := srv.do(t, "POST", "/v1/documents", map[string]string{"url": "http://169.254.169.254/latest/meta-data/"})
	if resp.StatusCode != 400 || !strings.Contains(string(body), "not a public address") {
		t.Errorf("POST a metadata URL: %d %s", resp.StatusCode, body)
	}
	resp, body = srv.do(t, "POST", "/v1/documents", map[string]string{"url": site.ArticleURL("2024/ur-001")})
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"status":"unchanged"`) {
		t.Errorf("POST an indexed article's URL: %d %s", resp.StatusCode, body)
	}

	_, body = srv.do(t, "GET", "/readyz", nil)
	var before struct{ Documents int }
	json.Unmarshal(body, &before)
	site.ResetHits()
	waitFor(t, func() bool { return site.Hits("/rss.xml") >= 2 })
	for _, slug := range []string{"2024/ur-000", "2024/ur-001", "2024/ur-002", "2024/gwadar-port"} {
		if n := site.Hits("/news/" + slug); n != 0 {
			t.Errorf("%s fetched %d times after it was in", slug, n)
		}
	}
	_, body = srv.do(t, "GET", "/readyz", nil)
	var after struct{ Documents int }
	json.Unmarshal(body, &after)
	if after.Documents != before.Documents || metric("jawab_feed_items_added_total", good) != "4" || metric("jawab_feed_items_updated_total", good) != "0" {
		t.Errorf("documents %d → %d, added %s; want nothing new", before.Documents, after.Documents, metric("jawab_feed_items_added_total", good))
	}
}
