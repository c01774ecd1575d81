package api

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/jawab/jawab/api/widget"
)

// widget.js stays small: at most 30 KB gzipped.
func TestWidgetScriptSize(t *testing.T) {
	const limit = 30 << 10
	if n := len(widgetJS.gz); n > limit {
		t.Errorf("widget.js is %d bytes gzipped, over %d", n, limit)
	}
	t.Logf("widget.js: %d bytes, %d gzipped", len(widget.Script), len(widgetJS.gz))
}

// The widget never turns strings into HTML or code: untrusted titles,
// passages and answers can only ever become text nodes. (The browser tests in
// cmd/jawab prove it with payloads; this keeps the sinks out of the source.)
func TestWidgetScriptHasNoHTMLOrEvalSinks(t *testing.T) {
	src := string(widget.Script)
	for _, sink := range []string{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function",
		"createContextualFragment", "DOMParser", "srcdoc", "setTimeout('", `setTimeout("`, "setAttribute('style'", "javascript:"} {
		if strings.Contains(src, sink) {
			t.Errorf("widget.js uses %s", sink)
		}
	}
	// The one href it sets has gone through safeURL (http and https only).
	if len(regexp.MustCompile(`href:|\.href =|'href'`).FindAllString(src, -1)) != 1 || !strings.Contains(src, "href: url") || !strings.Contains(src, "const url = p.url ? safeURL(p.url) : null;") {
		t.Error("widget.js sets an href that has not been through safeURL")
	}
}

func TestWidgetRoutes(t *testing.T) {
	ts := newTestServer(t, Config{})
	t.Run("widget.js", func(t *testing.T) {
		resp, body := ts.do(t, "GET", "/widget.js", nil)
		if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/javascript") ||
			!bytes.Equal(body, widget.Script) || resp.Header.Get("Cross-Origin-Resource-Policy") != "cross-origin" {
			t.Fatalf("GET /widget.js: %d %v", resp.StatusCode, resp.Header)
		}
		etag := resp.Header.Get("ETag")
		resp, _ = ts.do(t, "GET", "/widget.js", nil, "If-None-Match", etag)
		if resp.StatusCode != http.StatusNotModified {
			t.Errorf("If-None-Match %s: %d, want 304", etag, resp.StatusCode)
		}
		// Go's client would unzip it silently; ask for gzip ourselves.
		req, _ := http.NewRequest("GET", ts.URL+"/widget.js", nil)
		req.Header.Set("Accept-Encoding", "br, gzip;q=0.8")
		raw, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		defer raw.Body.Close()
		zr, err := gzip.NewReader(raw.Body)
		if err != nil || raw.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(raw.Header.Get("Vary"), "Accept-Encoding") {
			t.Fatalf("gzip: %v %v", err, raw.Header)
		}
		if got, _ := io.ReadAll(zr); !bytes.Equal(got, widget.Script) {
			t.Error("the gzipped widget.js differs")
		}
	})
	t.Run("demo page", func(t *testing.T) {
		resp, body := ts.do(t, "GET", "/?mode=inline&lang=ur", nil)
		csp := resp.Header.Get("Content-Security-Policy")
		if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") ||
			!strings.Contains(csp, "default-src 'self'") || !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe") {
			t.Fatalf("GET /: %d, CSP %q", resp.StatusCode, csp)
		}
		page := string(body)
		for _, want := range []string{`<script src="/widget.js" data-lang="ur" data-mode="inline" data-target="#chat" async>`, `<div id="chat"`, `<link rel="stylesheet" href="/demo.css">`, "How to embed"} {
			if !strings.Contains(page, want) {
				t.Errorf("the demo page lacks %s", want)
			}
		}
		// No inline script or style: the CSP would block them.
		if regexp.MustCompile(`<script>|<script [^>]*>[^<]|<style|style=| on[a-z]+=`).MatchString(page) {
			t.Errorf("the demo page has inline script or style:\n%s", page)
		}
		resp, _ = ts.do(t, "GET", "/demo.css", nil)
		if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/css") {
			t.Errorf("GET /demo.css: %d", resp.StatusCode)
		}
	})
}

// With widget keys, the demo page uses the one made for its own origin, so
// that it works on a server that requires keys; never another site's.
func TestWidgetDemoPageKey(t *testing.T) {
	var s *server
	hs := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { s.engine.ServeHTTP(w, r) }))
	origin := "http://" + hs.Listener.Addr().String()
	s = newServer(Deps{Asker: &fakeAsker{}, Config: Config{
		APIKeys:    []string{"api-key"},
		WidgetKeys: []WidgetKey{{Key: "other-key", Origins: []string{"https://news.example"}}, {Key: "demo-key", Origins: []string{"https://blog.example", origin + "/"}}},
	}})
	hs.Start()
	t.Cleanup(hs.Close)

	get := func(host string) string {
		req, _ := http.NewRequest("GET", hs.URL+"/", nil)
		req.Host = host
		resp, err := hs.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	if page := get(hs.Listener.Addr().String()); !strings.Contains(page, `<script src="/widget.js" data-key="demo-key" data-lang="auto" async>`) {
		t.Errorf("the demo page does not use its origin's widget key:\n%s", page)
	}
	if page := get("elsewhere.example"); strings.Contains(page, "-key\"") {
		t.Errorf("the demo page on another host shows a key:\n%s", page)
	}

	// And the key works from the page's origin, where no key would not.
	for key, want := range map[string]int{"demo-key": 200, "": 401} {
		req, _ := http.NewRequest("POST", hs.URL+"/v1/ask", strings.NewReader(`{"question":"When?"}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Origin", origin)
		if key != "" {
			req.Header.Set("X-API-Key", key)
		}
		resp, err := hs.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("ask with key %q from the demo page: %d, want %d", key, resp.StatusCode, want)
		}
	}
}

func TestAcceptsGzip(t *testing.T) {
	for h, want := range map[string]bool{"": false, "gzip": true, "gzip, deflate, br": true, "br;q=1, GZIP;q=0.5": true, "gzip;q=0": false, "identity": false, "x-gzip": false} {
		if got := acceptsGzip(h); got != want {
			t.Errorf("acceptsGzip(%q) = %v, want %v", h, got, want)
		}
	}
}
