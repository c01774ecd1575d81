package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/jawab/jawab/llm/llmtest"
)

// A widget key is public (it sits in a web page): it may ask and send
// feedback from its own sites, and nothing else. End to end, with the real
// store: it cannot add, delete or list documents, and is refused from any
// other origin, or with none.
func TestWidgetKeyCannotChangeDocuments(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end server test")
	}
	dataDir := t.TempDir()
	srv := startServe(t, map[string]string{
		"JAWAB_DATA": dataDir, "JAWAB_ADMIN_KEY": adminKey, "JAWAB_RATE": "off",
		"JAWAB_WIDGET_KEYS": widgetKey + "@https://news.example",
	})
	admin := []string{"X-API-Key", adminKey}
	before := snapshot(t, srv, dataDir, admin)
	victim := before.docs[0]
	article := map[string]any{"id": "widget/new", "title": "T", "text": "روس کا ایک وفد اسلام آباد پہنچا۔"}
	upload, ct := multipartBody(t, "w.txt", "روس کا ایک وفد اسلام آباد پہنچا۔")
	for _, key := range [][]string{
		{"X-API-Key", widgetKey},
		{"Authorization", "Bearer " + widgetKey},
	} {
		for _, origin := range []string{"https://news.example", "https://evil.example", ""} {
			h := append([]string{}, key...)
			if origin != "" {
				h = append(h, "Origin", origin)
			}
			for _, tc := range []struct {
				method, path string
				body         any
				headers      []string
			}{
				{"POST", "/v1/documents", article, h},
				{"POST", "/v1/documents", upload, append([]string{"Content-Type", ct}, h...)},
				{"DELETE", "/v1/documents/" + victim, nil, h},
				{"GET", "/v1/documents", nil, h},
				{"GET", "/v1/documents/" + victim, nil, h},
				{"GET", "/metrics", nil, h},
			} {
				name := fmt.Sprintf("%s %s via %s from %q", tc.method, tc.path, key[0], origin)
				resp, body := srv.do(t, tc.method, tc.path, tc.body, tc.headers...)
				if resp.StatusCode != 401 && resp.StatusCode != 403 {
					t.Errorf("%s: %d, want 401 or 403: %.200s", name, resp.StatusCode, body)
				}
				errorShape(t, body)
			}
		}
	}
	if d := before.diff(snapshot(t, srv, dataDir, admin)); d != "" {
		t.Errorf("a widget key changed the data: %s", d)
	}

	// Asking and feedback: only from the widget's own site.
	for _, tc := range []struct {
		origin string
		status int
	}{
		{"https://news.example", 200},
		{"https://NEWS.example/", 200},
		{"https://evil.example", 403},
		{"https://news.example.evil.example", 403},
		{"http://news.example", 403},
		{"null", 403},
		{"", 403},
	} {
		h := []string{"X-API-Key", widgetKey}
		if tc.origin != "" {
			h = append(h, "Origin", tc.origin)
		}
		resp, body := srv.do(t, "POST", "/v1/ask", map[string]any{"question": q1948}, h...)
		if resp.StatusCode != tc.status {
			t.Errorf("ask from %q: %d, want %d: %.200s", tc.origin, resp.StatusCode, tc.status, body)
		}
		if tc.status == 403 {
			if errorShape(t, body) != "origin_not_allowed" {
				t.Errorf("ask from %q: %s", tc.origin, body)
			}
			resp, body = srv.do(t, "POST", "/v1/feedback", map[string]any{"answer_id": "x", "rating": "up"}, h...)
			if resp.StatusCode != 403 {
				t.Errorf("feedback from %q: %d %s", tc.origin, resp.StatusCode, body)
			}
		}
	}
}

// Rate limits hold per key and per IP: two keys do not share a bucket, nor
// two addresses (behind a trusted proxy, the forwarded one); an address that
// sends bad keys, or widget keys, spends its own bucket, and a forwarded
// address from a caller that is not a trusted proxy is ignored.
func TestRateLimitsPerKeyAndIP(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end server test")
	}
	// A token every 100 s: each bucket holds its burst of 2 and no more.
	env := map[string]string{
		"JAWAB_API_KEYS": "key-one,key-two", "JAWAB_WIDGET_KEYS": widgetKey + "@https://news.example",
		"JAWAB_RATE": "0.01", "JAWAB_BURST": "2", "JAWAB_TRUSTED_PROXIES": "127.0.0.1",
	}
	srv := startServe(t, env)
	ask := map[string]any{"question": q1948}
	status := func(headers ...string) int {
		t.Helper()
		resp, body := srv.do(t, "POST", "/v1/ask", ask, headers...)
		if resp.StatusCode == 429 && (errorShape(t, body) != "rate_limited" || resp.Header.Get("Retry-After") == "") {
			t.Errorf("429 without its code or Retry-After: %v %s", resp.Header, body)
		}
		return resp.StatusCode
	}
	want := func(what string, got, want int) {
		t.Helper()
		if got != want {
			t.Errorf("%s: %d, want %d", what, got, want)
		}
	}
	one := []string{"X-API-Key", "key-one", "X-Forwarded-For", "203.0.113.1"}
	two := []string{"X-API-Key", "key-two", "X-Forwarded-For", "203.0.113.1"}
	want("key one, 1", status(one...), 200)
	want("key one, 2", status(one...), 200)
	want("key one, 3", status(one...), 429)
	want("key two from the same address", status(two...), 200)
	want("key one from another address", status("X-API-Key", "key-one", "X-Forwarded-For", "203.0.113.9"), 429)

	// Per IP: widget keys and bad keys are charged to the address.
	w := func(ip string) []string {
		return []string{"X-API-Key", widgetKey, "Origin", "https://news.example", "X-Forwarded-For", ip}
	}
	want("widget from .2, 1", status(w("203.0.113.2")...), 200)
	want("widget from .2, 2", status(w("203.0.113.2")...), 200)
	want("widget from .2, 3", status(w("203.0.113.2")...), 429)
	want("widget from .3", status(w("203.0.113.3")...), 200)
	want("bad key from .4, 1", status("X-API-Key", "guess-1", "X-Forwarded-For", "203.0.113.4"), 401)
	want("bad key from .4, 2", status("X-API-Key", "guess-2", "X-Forwarded-For", "203.0.113.4"), 401)
	want("bad key from .4, 3", status("X-API-Key", "guess-3", "X-Forwarded-For", "203.0.113.4"), 429)
	want("API key from .4", status("X-API-Key", "key-two", "X-Forwarded-For", "203.0.113.4"), 200)

	// Without a trusted proxy, X-Forwarded-For is the caller's to forge,
	// and does not give it a new bucket.
	delete(env, "JAWAB_TRUSTED_PROXIES")
	env["JAWAB_DATA"] = ""
	direct := startServe(t, env)
	for i := range 3 {
		resp, _ := direct.do(t, "POST", "/v1/ask", ask, w(fmt.Sprintf("198.51.100.%d", i))...)
		if i < 2 && resp.StatusCode != 200 || i == 2 && resp.StatusCode != 429 {
			t.Errorf("forged address %d: %d", i, resp.StatusCode)
		}
	}
}

// Secrets never appear in the server's log or in any response: the admin,
// API and widget keys and the LLM's key, through successful requests,
// failed authentication with near-miss keys, and LLM failures (including an
// LLM error message that quotes the key it was sent).
func TestSecretsNotLogged(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end server test")
	}
	const (
		admin  = "adm-SECRET-7f3a9c1e5b2d4f60"
		api    = "api-SECRET-0e1d2c3b4a596877"
		widget = "wdg-SECRET-55aa66bb77cc88dd"
		llmKey = "sk-SECRET-llm-1234567890abcdef"
	)
	secrets := []string{admin, api, widget, llmKey, "SECRET"}
	fail := false
	llm := llmtest.NewServer(t, llmtest.Options{APIKey: llmKey, Respond: func(n int, req llmtest.Request) llmtest.Reply {
		if fail {
			// As a misconfigured or hostile upstream might.
			return llmtest.Error(401, "Incorrect API key provided: "+req.Header.Get("Authorization"))
		}
		return llmtest.Stream("سفارتی تعلقات یکم مئی 1948 کو قائم ہوئے [1]۔")
	}})
	srv := startServe(t, map[string]string{
		"OPENAI_BASE_URL": llm.BaseURL, "OPENAI_API_KEY": llmKey, "JAWAB_CHAT_MODEL": "fake-chat",
		"JAWAB_ADMIN_KEY": admin, "JAWAB_API_KEYS": api, "JAWAB_WIDGET_KEYS": widget + "@https://news.example",
		"JAWAB_RATE": "off", "JAWAB_LOG_LEVEL": "debug",
	})
	var bodies []string
	do := func(method, path string, body any, headers ...string) {
		t.Helper()
		resp, b := srv.do(t, method, path, body, headers...)
		bodies = append(bodies, fmt.Sprintf("%d %v %s", resp.StatusCode, resp.Header, b))
	}
	ask := map[string]any{"question": q1948}
	chat := map[string]any{"model": "jawab", "messages": []any{map[string]string{"role": "user", "content": q1948}}}
	for _, f := range []bool{false, true} {
		fail = f
		do("POST", "/v1/ask", ask, "Authorization", "Bearer "+api)
		do("POST", "/v1/ask", map[string]any{"question": q1948, "stream": true}, "X-API-Key", api)
		do("POST", "/v1/chat/completions", chat, "Authorization", "Bearer "+api)
		do("POST", "/v1/ask", ask, "X-API-Key", widget, "Origin", "https://news.example")
	}
	for _, k := range []string{admin, api, widget, llmKey} {
		near := k[:len(k)-1] + "x"
		do("POST", "/v1/ask", ask, "Authorization", "Bearer "+near)
		do("POST", "/v1/search", map[string]any{"query": "x"}, "X-API-Key", near)
		do("DELETE", "/v1/documents/x", nil, "X-API-Key", near)
		do("GET", "/metrics", nil, "Authorization", "Bearer "+near)
		do("POST", "/v1/ask", ask, "Authorization", "Basic "+k)
	}
	do("POST", "/v1/ask", ask, "X-API-Key", widget, "Origin", "https://evil.example")
	do("POST", "/v1/documents", map[string]any{"id": "secret/doc", "text": "روس کا وفد آیا۔"}, "X-API-Key", admin)
	do("GET", "/metrics", nil, "X-API-Key", admin)

	if len(llm.Requests()) == 0 {
		t.Fatal("the LLM was never called")
	}
	logs := srv.log.String()
	for _, s := range secrets {
		if strings.Contains(logs, s) {
			for line := range strings.SplitSeq(logs, "\n") {
				if strings.Contains(line, s) {
					t.Errorf("the log has %q: %s", s, line)
				}
			}
		}
		for _, b := range bodies {
			if strings.Contains(b, s) {
				t.Errorf("a response has %q: %.400s", s, b)
			}
		}
	}
	// The LLM's failure reached the reader as a warning, without the key.
	if !strings.Contains(strings.Join(bodies, "\n"), "[redacted]") {
		t.Error("no answer carries the LLM's (redacted) error")
	}
	// And the log still says what failed.
	var failed bool
	for line := range strings.SplitSeq(logs, "\n") {
		var rec map[string]any
		if json.Unmarshal([]byte(line), &rec) == nil && rec["status"] == float64(401) {
			failed = true
		}
	}
	if !failed {
		t.Error("no 401 in the log")
	}
}
