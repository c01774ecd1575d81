package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/jawab/jawab/llm/llmtest"
	"github.com/jawab/jawab/rag"
)

// q1948 is answered by the 1948 passage of the bundled collection.
const q1948 = "پاکستان اور سوویت یونین کے درمیان سفارتی تعلقات کب قائم ہوئے؟"

// serveLog is the server's stderr, safe to read while it writes.
type serveLog struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *serveLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *serveLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// served is a "jawab serve" running in this process.
type served struct {
	url    string
	log    *serveLog
	stop   context.CancelFunc
	done   chan error
	client *http.Client
}

var listeningRE = regexp.MustCompile(`listening on (http://127\.0\.0\.1:\d+)`)

// startServe runs "jawab serve --addr 127.0.0.1:0" with env, finds its address
// in its output, and waits until /healthz answers. The server stops when the
// test ends.
func startServe(t testing.TB, env map[string]string) *served {
	t.Helper()
	if env["JAWAB_DATA"] == "" {
		env["JAWAB_DATA"] = t.TempDir()
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &served{log: &serveLog{}, stop: cancel, done: make(chan error, 1), client: &http.Client{}}
	go func() {
		s.done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0"}, func(k string) string { return env[k] },
			strings.NewReader(""), io.Discard, s.log)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-s.done:
		case <-time.After(15 * time.Second):
			t.Errorf("the server did not stop")
		}
	})
	deadline := time.Now().Add(30 * time.Second)
	for s.url == "" {
		if m := listeningRE.FindStringSubmatch(s.log.String()); m != nil {
			s.url = m[1]
			break
		}
		select {
		case err := <-s.done:
			t.Fatalf("serve ended: %v\n%s", err, s.log)
		case <-time.After(10 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve printed no address:\n%s", s.log)
		}
	}
	for {
		resp, err := s.client.Get(s.url + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return s
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("/healthz: %v", err)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// do sends a request; a string, []byte or io.Reader body is sent as is (a
// reader other than those the http package sizes goes chunked, with no
// declared length), anything else as JSON. headers are name, value pairs.
func (s *served) do(t *testing.T, method, path string, body any, headers ...string) (*http.Response, []byte) {
	t.Helper()
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		r = strings.NewReader(b)
	case []byte:
		r = bytes.NewReader(b)
	case io.Reader:
		r = b
	default:
		j, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		r = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, s.url+path, r)
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := s.client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, data
}

// sseEvent is one server-sent event as a browser's EventSource delivers it.
type sseEvent struct{ typ, data string }

// readSSE parses an event stream as the HTML standard tells browsers to (lines
// end in CRLF, LF or CR; a blank line dispatches; ":" starts a comment; one
// space after the field's colon is dropped; data lines join with "\n"; an
// event without data, or cut off by the end of the stream, is not
// dispatched), sending each event as it completes.
func readSSE(r io.Reader, events chan<- sseEvent) error {
	defer close(events)
	br := bufio.NewReader(r)
	var typ string
	var data []string
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			if err == io.EOF {
				return nil
			}
			return err
		}
		line = strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
		// A lone CR also ends a line.
		parts := strings.Split(line, "\r")
		for _, line := range parts {
			switch {
			case line == "":
				if data != nil {
					if typ == "" {
						typ = "message"
					}
					events <- sseEvent{typ, strings.Join(data, "\n")}
				}
				typ, data = "", nil
			case strings.HasPrefix(line, ":"):
			default:
				field, value, _ := strings.Cut(line, ":")
				value = strings.TrimPrefix(value, " ")
				switch field {
				case "event":
					typ = value
				case "data":
					data = append(data, value)
				}
			}
		}
	}
}

// openStream posts a streamed question and returns the events as they come.
func (s *served) openStream(t *testing.T, ctx context.Context, path, body string, headers ...string) (<-chan sseEvent, *http.Response) {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, "POST", s.url+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept", "text/event-stream")
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := s.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	if resp.StatusCode != 200 {
		b, _ := io.ReadAll(resp.Body)
		t.Fatalf("stream: %d %s", resp.StatusCode, b)
	}
	ch := make(chan sseEvent, 100)
	go readSSE(resp.Body, ch)
	return ch, resp
}

func nextEvent(t *testing.T, ch <-chan sseEvent) (sseEvent, bool) {
	t.Helper()
	select {
	case ev, ok := <-ch:
		return ev, ok
	case <-time.After(15 * time.Second):
		t.Fatal("no event in 15 s")
	}
	return sseEvent{}, false
}

// fakeLLM is the llmtest server behind a proxy that reports, for each chat
// request, whether jawab went away before the answer was over. Mode picks the
// reply: answer (the 1948 sentence, streamed in pieces, one with a line
// break) or hang (a stream that never sends a token).
type fakeLLM struct {
	*llmtest.Server
	url       string
	hang      atomic.Bool
	cancelled chan struct{} // one send per request cut off by jawab
}

const llmAnswer = "سفارتی تعلقات یکم مئی 1948 کو\nنیو یارک میں قائم ہوئے [1]۔"

func newFakeLLM(t *testing.T) *fakeLLM {
	f := &fakeLLM{cancelled: make(chan struct{}, 10)}
	f.Server = llmtest.NewServer(t, llmtest.Options{Respond: func(int, llmtest.Request) llmtest.Reply {
		if f.hang.Load() {
			return llmtest.Reply{End: llmtest.Hang}
		}
		return llmtest.Stream("سفارتی تعلقات ", "یکم مئی 1948 کو\nنیو یارک ", "میں قائم ہوئے [1]۔")
	}})
	target, _ := url.Parse(f.Server.BaseURL)
	rp := httputil.NewSingleHostReverseProxy(&url.URL{Scheme: target.Scheme, Host: target.Host})
	rp.FlushInterval = -1
	rp.ErrorLog = nil
	rp.ErrorHandler = func(w http.ResponseWriter, r *http.Request, err error) {}
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// The server cancels the context only after the handler returns,
		// unless the client went away first. (The proxy panics with
		// http.ErrAbortHandler when it cannot finish a response.)
		defer func() {
			if r.Context().Err() != nil {
				f.cancelled <- struct{}{}
			}
		}()
		rp.ServeHTTP(w, r)
	}))
	t.Cleanup(proxy.Close)
	f.url = proxy.URL + "/v1"
	return f
}

const (
	adminKey  = "admin-key-0123456789"
	apiKey    = "key-a"
	widgetKey = "widget-1"
)

// TestServe runs one server with an LLM, keys and a widget through the whole
// API, ending with a graceful shutdown.
func TestServe(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end server test")
	}
	llm := newFakeLLM(t)
	srv := startServe(t, map[string]string{
		"OPENAI_BASE_URL": llm.url, "OPENAI_API_KEY": llm.APIKey, "JAWAB_CHAT_MODEL": "fake-chat",
		"JAWAB_ADMIN_KEY": adminKey, "JAWAB_API_KEYS": apiKey + ",key-b",
		"JAWAB_WIDGET_KEYS": widgetKey + "@https://news.example|https://blog.example",
		"JAWAB_RATE":        "1000", "JAWAB_BURST": "1000",
	})
	auth := []string{"Authorization", "Bearer " + apiKey}
	admin := []string{"X-API-Key", adminKey}

	var answerID string
	t.Run("ask", func(t *testing.T) {
		resp, body := srv.do(t, "POST", "/v1/ask", map[string]any{"question": q1948, "k": 3}, auth...)
		if resp.StatusCode != 200 {
			t.Fatalf("ask: %d %s", resp.StatusCode, body)
		}
		var ans rag.Answer
		if err := json.Unmarshal(body, &ans); err != nil {
			t.Fatal(err)
		}
		if ans.Generator != "fake-chat" || !strings.Contains(ans.Answer, "1948") || len(ans.Citations) == 0 ||
			ans.Citations[0].DocID != "000_c226a50e9c4de795" || len(ans.Passages) != 3 {
			t.Errorf("answer: %s", body)
		}
		if resp.Header.Get("X-Request-ID") == "" {
			t.Error("no X-Request-ID")
		}
		answerID = ans.ID
	})

	t.Run("ask stream", func(t *testing.T) {
		events, resp := srv.openStream(t, context.Background(), "/v1/ask", `{"question":"`+q1948+`"}`, auth...)
		if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
			t.Errorf("Content-Type = %q", ct)
		}
		var types []string
		var text strings.Builder
		var done rag.Answer
		for {
			ev, ok := nextEvent(t, events)
			if !ok {
				break
			}
			types = append(types, ev.typ)
			switch ev.typ {
			case "passages":
				var ps []rag.Passage
				if err := json.Unmarshal([]byte(ev.data), &ps); err != nil || len(ps) == 0 {
					t.Errorf("passages: %v %s", err, ev.data)
				}
			case "delta":
				text.WriteString(ev.data)
			case "done":
				if err := json.Unmarshal([]byte(ev.data), &done); err != nil {
					t.Errorf("done: %v", err)
				}
			}
		}
		if len(types) < 5 || types[0] != "passages" || types[1] != "delta" || types[len(types)-2] != "citations" || types[len(types)-1] != "done" {
			t.Errorf("events: %v", types)
		}
		if text.String() != llmAnswer {
			t.Errorf("deltas = %q, want %q (a line break inside one)", text.String(), llmAnswer)
		}
		if done.Answer == "" || len(done.Citations) == 0 {
			t.Errorf("done: %+v", done)
		}
	})

	t.Run("widget", func(t *testing.T) {
		resp, body := srv.do(t, "POST", "/v1/ask", map[string]any{"question": q1948}, "X-API-Key", widgetKey, "Origin", "https://blog.example")
		if resp.StatusCode != 200 || resp.Header.Get("Access-Control-Allow-Origin") != "https://blog.example" {
			t.Errorf("widget ask: %d %v %s", resp.StatusCode, resp.Header, body)
		}
		resp, _ = srv.do(t, "OPTIONS", "/v1/ask", nil, "Origin", "https://news.example", "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "x-api-key,content-type")
		if resp.StatusCode != 204 || resp.Header.Get("Access-Control-Allow-Origin") != "https://news.example" {
			t.Errorf("preflight: %d %v", resp.StatusCode, resp.Header)
		}
	})

	t.Run("search", func(t *testing.T) {
		resp, body := srv.do(t, "POST", "/v1/search", map[string]any{"query": q1948, "k": 2, "filters": map[string]any{"lang": "ur"}}, auth...)
		var out struct{ Passages []rag.Passage }
		if err := json.Unmarshal(body, &out); err != nil || resp.StatusCode != 200 || len(out.Passages) != 2 || out.Passages[0].Score <= 0 {
			t.Errorf("search: %d %s", resp.StatusCode, body)
		}
	})

	t.Run("feedback", func(t *testing.T) {
		resp, body := srv.do(t, "POST", "/v1/feedback", map[string]any{"answer_id": answerID, "rating": "down", "comment": "تاریخ؟"}, "X-API-Key", widgetKey, "Origin", "https://news.example")
		if resp.StatusCode != 201 {
			t.Errorf("feedback: %d %s", resp.StatusCode, body)
		}
	})

	t.Run("chat completions", func(t *testing.T) {
		cfg := openai.DefaultConfig(apiKey)
		cfg.BaseURL = srv.url + "/v1"
		client := openai.NewClientWithConfig(cfg)
		ctx := context.Background()
		wantSources := "\n\nSources:\n[1] "

		req := openai.ChatCompletionRequest{Model: "jawab", Messages: []openai.ChatCompletionMessage{
			{Role: openai.ChatMessageRoleSystem, Content: "You are a pirate."},
			{Role: openai.ChatMessageRoleUser, Content: q1948},
		}}
		resp, err := client.CreateChatCompletion(ctx, req)
		if err != nil {
			t.Fatalf("chat: %v", err)
		}
		content := resp.Choices[0].Message.Content
		if resp.Model != "jawab" || !strings.Contains(content, "1948") || !strings.Contains(content, "[1]") ||
			!strings.Contains(content, wantSources) || !strings.Contains(content, "(000_c226a50e9c4de795)") {
			t.Errorf("chat answer: %q", content)
		}

		req.Stream = true
		stream, err := client.CreateChatCompletionStream(ctx, req)
		if err != nil {
			t.Fatalf("chat stream: %v", err)
		}
		var b strings.Builder
		chunks := 0
		finish := openai.FinishReason("")
		for {
			ch, err := stream.Recv()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("recv: %v", err)
			}
			chunks++
			b.WriteString(ch.Choices[0].Delta.Content)
			if ch.Choices[0].FinishReason != "" {
				finish = ch.Choices[0].FinishReason
			}
		}
		stream.Close()
		if chunks < 4 || finish != openai.FinishReasonStop || !strings.HasPrefix(b.String(), llmAnswer) || !strings.Contains(b.String(), wantSources) {
			t.Errorf("streamed %d chunks, finish %q: %q", chunks, finish, b.String())
		}

		// The citations ride along in a field of their own.
		r, body := srv.do(t, "POST", "/v1/chat/completions", map[string]any{"model": "jawab", "messages": []any{map[string]string{"role": "user", "content": q1948}}}, auth...)
		var raw struct {
			Citations []rag.Citation `json:"citations"`
		}
		if err := json.Unmarshal(body, &raw); err != nil || r.StatusCode != 200 || len(raw.Citations) == 0 || raw.Citations[0].Quote == "" {
			t.Errorf("citations: %d %s", r.StatusCode, body)
		}

		models, err := client.ListModels(ctx)
		if err != nil || len(models.Models) != 1 || models.Models[0].ID != "jawab" {
			t.Errorf("models: %+v %v", models, err)
		}

		req.Model, req.Stream = "gpt-4o", false
		_, err = client.CreateChatCompletion(ctx, req)
		var apiErr *openai.APIError
		if !errors.As(err, &apiErr) || apiErr.HTTPStatusCode != 404 || apiErr.Code != "model_not_found" {
			t.Errorf("unknown model: %v", err)
		}
	})

	t.Run("documents", func(t *testing.T) {
		article := map[string]any{"id": "api/trade-2020", "title": "Trade", "source": "test", "published": "2020-03-01",
			"text": "پاکستان اور روس کے درمیان تجارت 2020 میں بڑھی۔ دونوں ممالک نے نئے معاہدے کیے۔"}
		resp, body := srv.do(t, "POST", "/v1/documents", article, admin...)
		if resp.StatusCode != 201 || !strings.Contains(string(body), `"status":"added"`) {
			t.Fatalf("add: %d %s", resp.StatusCode, body)
		}
		resp, body = srv.do(t, "POST", "/v1/documents", article, admin...)
		if resp.StatusCode != 200 || !strings.Contains(string(body), `"status":"unchanged"`) {
			t.Errorf("add again: %d %s", resp.StatusCode, body)
		}
		resp, body = srv.do(t, "GET", "/v1/documents/api/trade-2020", nil, admin...)
		var got struct {
			Document rag.Document
			Chunks   []rag.Chunk
		}
		if err := json.Unmarshal(body, &got); err != nil || resp.StatusCode != 200 || got.Document.ID != "api/trade-2020" || len(got.Chunks) == 0 {
			t.Errorf("get: %d %s", resp.StatusCode, body)
		}

		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		fw, _ := mw.CreateFormFile("file", "note.txt")
		io.WriteString(fw, "روس کا وفد\n\nروس کا ایک وفد اسلام آباد پہنچا۔")
		fw, _ = mw.CreateFormFile("file", "more.jsonl")
		io.WriteString(fw, `{"id":"j1","title":"J1","text":"پہلا مضمون۔"}`+"\n"+`{"id":"j2","title":"J2","text":"دوسرا مضمون۔"}`+"\n")
		mw.Close()
		resp, body = srv.do(t, "POST", "/v1/documents", buf.Bytes(), append([]string{"Content-Type", mw.FormDataContentType()}, admin...)...)
		var up struct{ Results []struct{ ID, Status string } }
		if err := json.Unmarshal(body, &up); err != nil || resp.StatusCode != 200 || len(up.Results) != 3 {
			t.Errorf("upload: %d %s", resp.StatusCode, body)
		}

		resp, body = srv.do(t, "GET", "/v1/documents", nil, admin...)
		var list struct{ Documents []rag.DocumentInfo }
		if err := json.Unmarshal(body, &list); err != nil || resp.StatusCode != 200 || len(list.Documents) != 9 {
			t.Errorf("list: %d, %d documents", resp.StatusCode, len(list.Documents))
		}
		resp, body = srv.do(t, "DELETE", "/v1/documents/api/trade-2020", nil, admin...)
		if resp.StatusCode != 200 {
			t.Errorf("delete: %d %s", resp.StatusCode, body)
		}
		resp, _ = srv.do(t, "GET", "/readyz", nil)
		if resp.StatusCode != 200 {
			t.Errorf("readyz: %d", resp.StatusCode)
		}
	})

	t.Run("statuses", func(t *testing.T) {
		cases := []struct {
			name, method, path string
			body               any
			headers            []string
			status             int
			code               string
		}{
			{"invalid JSON", "POST", "/v1/ask", `{"question":`, auth, 400, "invalid_json"},
			{"invalid UTF-8", "POST", "/v1/ask", []byte("{\"question\":\"\xc3\x28\"}"), auth, 400, "invalid_utf8"},
			{"question too long", "POST", "/v1/ask", map[string]any{"question": strings.Repeat("ا", rag.MaxQuestionRunes+1)}, auth, 400, "question_too_long"},
			{"body too large", "POST", "/v1/ask", map[string]any{"question": strings.Repeat("a ", 600_000)}, auth, 413, "too_large"},
			{"no key", "POST", "/v1/ask", map[string]any{"question": q1948}, nil, 401, "unauthorized"},
			{"wrong key", "POST", "/v1/search", map[string]any{"query": q1948}, []string{"X-API-Key", "nope"}, 401, "unauthorized"},
			{"API key on documents", "DELETE", "/v1/documents/000_c226a50e9c4de795", nil, auth, 403, "forbidden"},
			{"widget key on search", "POST", "/v1/search", map[string]any{"query": q1948}, []string{"X-API-Key", widgetKey, "Origin", "https://news.example"}, 403, "forbidden"},
			{"widget key from elsewhere", "POST", "/v1/ask", map[string]any{"question": q1948}, []string{"X-API-Key", widgetKey, "Origin", "https://evil.example"}, 403, "origin_not_allowed"},
			{"unknown document", "GET", "/v1/documents/no/such", nil, admin, 404, "not_found"},
			{"unknown answer", "POST", "/v1/feedback", map[string]any{"answer_id": "0123abcd", "rating": "up"}, auth, 404, "not_found"},
			{"unknown model", "POST", "/v1/chat/completions", map[string]any{"model": "gpt-5", "messages": []any{map[string]string{"role": "user", "content": "x"}}}, auth, 404, "model_not_found"},
			{"unknown route", "GET", "/v2/ask", nil, nil, 404, "not_found"},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				resp, body := srv.do(t, tc.method, tc.path, tc.body, tc.headers...)
				var e struct {
					Error struct{ Code, Message string }
				}
				if err := json.Unmarshal(body, &e); err != nil || resp.StatusCode != tc.status || e.Error.Code != tc.code || e.Error.Message == "" {
					t.Errorf("%d %s, want %d %s", resp.StatusCode, body, tc.status, tc.code)
				}
			})
		}
	})

	t.Run("concurrent ingest and ask", func(t *testing.T) {
		var wg sync.WaitGroup
		errs := make(chan string, 40)
		for i := range 8 {
			wg.Go(func() {
				article := map[string]any{"id": fmt.Sprintf("conc/%d", i), "title": "خبر " + strconv.Itoa(i),
					"text": fmt.Sprintf("روس اور پاکستان نے %d میں ایک نیا معاہدہ کیا۔ یہ خبر نمبر %d ہے۔", 2000+i, i)}
				if resp, body := srv.do(t, "POST", "/v1/documents", article, admin...); resp.StatusCode != 201 {
					errs <- fmt.Sprintf("add %d: %d %s", i, resp.StatusCode, body)
				}
			})
			wg.Go(func() {
				if resp, body := srv.do(t, "POST", "/v1/ask", map[string]any{"question": q1948}, auth...); resp.StatusCode != 200 {
					errs <- fmt.Sprintf("ask %d: %d %s", i, resp.StatusCode, body)
				}
			})
		}
		wg.Wait()
		close(errs)
		for e := range errs {
			t.Error(e)
		}
		resp, body := srv.do(t, "POST", "/v1/search", map[string]any{"query": "روس اور پاکستان نے 2005 میں ایک نیا معاہدہ کیا", "k": 1}, auth...)
		if resp.StatusCode != 200 || !strings.Contains(string(body), `"doc_id":"conc/5"`) {
			t.Errorf("search after the adds: %d %s", resp.StatusCode, body)
		}
	})

	t.Run("client disconnect cancels the LLM request", func(t *testing.T) {
		llm.hang.Store(true)
		defer llm.hang.Store(false)
		before := len(llm.Requests())
		ctx, cancel := context.WithCancel(context.Background())
		events, _ := srv.openStream(t, ctx, "/v1/ask", `{"question":"`+q1948+`"}`, auth...)
		if ev, _ := nextEvent(t, events); ev.typ != "passages" {
			t.Fatalf("first event %q", ev.typ)
		}
		waitFor(t, func() bool { return len(llm.Requests()) > before }) // the answer request reached the LLM
		cancel()
		select {
		case <-llm.cancelled:
		case <-time.After(10 * time.Second):
			t.Fatal("the LLM's request was not cancelled when the client went away")
		}
		// The handler logs "client went away" before the request ends; the
		// request line (and the metric, counted just before it) comes after.
		waitLog(t, srv.log, `"path":"/v1/ask","status":499`)
		for line := range strings.SplitSeq(srv.log.String(), "\n") {
			if strings.Contains(line, `"level":"ERROR"`) {
				t.Errorf("logged as an error: %s", line)
			}
		}
	})

	t.Run("metrics", func(t *testing.T) {
		resp, body := srv.do(t, "GET", "/metrics", nil, admin...)
		if resp.StatusCode != 200 {
			t.Fatalf("metrics: %d %s", resp.StatusCode, body)
		}
		for _, want := range []string{
			`jawab_http_requests_total{method="POST",route="/v1/ask",status="200"}`,
			`jawab_http_requests_total{method="POST",route="/v1/ask",status="400"}`,
			`jawab_http_requests_total{method="POST",route="/v1/ask",status="499"} 1`,
			`jawab_http_request_duration_seconds_bucket{method="POST",route="/v1/search",le="+Inf"}`,
			`jawab_answer_stage_duration_seconds_count{stage="retrieve"}`,
			`jawab_answer_stage_duration_seconds_count{stage="generate"}`,
			`jawab_answer_stage_duration_seconds_count{stage="first_token"}`,
			`jawab_llm_errors_total 0`,
			`jawab_index_documents 16`,
			`jawab_index_chunks `,
		} {
			if !strings.Contains(string(body), want) {
				t.Errorf("metrics lack %s", want)
			}
		}
	})

	// Last: shutting down ends an open stream with a final event.
	t.Run("graceful shutdown", func(t *testing.T) {
		llm.hang.Store(true)
		events, _ := srv.openStream(t, context.Background(), "/v1/ask", `{"question":"`+q1948+`"}`, auth...)
		if ev, _ := nextEvent(t, events); ev.typ != "passages" {
			t.Fatalf("first event %q", ev.typ)
		}
		srv.stop()
		var last sseEvent
		for {
			ev, ok := nextEvent(t, events)
			if !ok {
				break
			}
			last = ev
		}
		if last.typ != "error" || !strings.Contains(last.data, `"code":"shutting_down"`) {
			t.Errorf("last event %+v, want error shutting_down", last)
		}
		select {
		case err := <-srv.done:
			if err != nil {
				t.Errorf("serve returned %v", err)
			}
			srv.done <- err // for the cleanup
		case <-time.After(10 * time.Second):
			t.Fatal("serve did not return after the shutdown")
		}
	})
}

func waitLog(t *testing.T, log *serveLog, s string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(log.String(), s) {
		if time.Now().After(deadline) {
			t.Fatalf("the log never had %s:\n%s", s, log)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met in 10 s")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// Without any key configured, the defaults: asking is open, document changes
// only from local programs, and rate limits per IP.
func TestServeDefaults(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end server test")
	}
	// One token every 10 s: the fourth request from this IP is refused.
	srv := startServe(t, map[string]string{"JAWAB_RATE": "0.1", "JAWAB_BURST": "3"})
	article := map[string]any{"id": "local", "title": "Local", "text": "روس کا وفد آیا۔"}
	resp, body := srv.do(t, "POST", "/v1/documents", article)
	if resp.StatusCode != 201 {
		t.Errorf("local add without an admin key: %d %s", resp.StatusCode, body)
	}
	resp, body = srv.do(t, "POST", "/v1/documents", article, "Origin", "https://evil.example")
	if resp.StatusCode != 403 || !strings.Contains(string(body), "JAWAB_ADMIN_KEY") {
		t.Errorf("add from a web page: %d %s", resp.StatusCode, body)
	}
	resp, body = srv.do(t, "POST", "/v1/ask", map[string]any{"question": q1948})
	if resp.StatusCode != 200 {
		t.Errorf("ask: %d %s", resp.StatusCode, body)
	}
	resp, body = srv.do(t, "POST", "/v1/ask", map[string]any{"question": q1948})
	if resp.StatusCode != 429 || !strings.Contains(string(body), `"code":"rate_limited"`) {
		t.Fatalf("past the burst: %d %s", resp.StatusCode, body)
	}
	if ra, err := strconv.Atoi(resp.Header.Get("Retry-After")); err != nil || ra < 1 {
		t.Errorf("Retry-After = %q", resp.Header.Get("Retry-After"))
	}
	resp, _ = srv.do(t, "GET", "/healthz", nil)
	if resp.StatusCode != 200 {
		t.Errorf("healthz is rate limited: %d", resp.StatusCode)
	}
}

func TestServeConfigErrors(t *testing.T) {
	for _, env := range []map[string]string{
		{"JAWAB_WIDGET_KEYS": "key-without-origin"},
		{"JAWAB_WIDGET_KEYS": "k@ftp://x.example"},
		{"JAWAB_CORS_ORIGINS": "https://x.example/path"},
		{"JAWAB_RATE": "fast"},
		{"JAWAB_BURST": "-1"},
		{"JAWAB_LOG_LEVEL": "loud"},
	} {
		env["JAWAB_DATA"] = t.TempDir()
		r := jawab(t, env, "serve", "--addr", "127.0.0.1:0")
		if rag.ErrorCode(r.err) != rag.Invalid {
			t.Errorf("%v: err = %v, want invalid", env, r.err)
		}
	}
	r := jawab(t, map[string]string{"JAWAB_DATA": t.TempDir()}, "serve", "extra")
	if !errors.Is(r.err, errUsage) {
		t.Errorf("serve extra: %v", r.err)
	}
}
