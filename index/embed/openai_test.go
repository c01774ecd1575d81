package embed

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jawab/jawab/rag"
)

// fakeOpenAI is an httptest server speaking the OpenAI embeddings wire format. It
// records every request and lets each test decide the answer to request n.
type fakeOpenAI struct {
	t   *testing.T
	srv *httptest.Server

	mu     sync.Mutex
	reqs   []wireRequest
	bodies [][]byte
	// respond answers request number n (from 0); nil means fakeEmbeddings.
	respond func(n int, req wireRequest, w http.ResponseWriter)
}

// wireRequest is the JSON body of an embeddings request, with every field that
// go-openai might send so the tests can see exactly what goes over the wire.
type wireRequest struct {
	Input          []string `json:"input"`
	Model          string   `json:"model"`
	Dimensions     *int     `json:"dimensions"`
	EncodingFormat *string  `json:"encoding_format"`
	User           *string  `json:"user"`
	raw            map[string]any
}

func newFakeOpenAI(t *testing.T) *fakeOpenAI {
	t.Helper()
	f := &fakeOpenAI{t: t}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeOpenAI) serve(w http.ResponseWriter, r *http.Request) {
	t := f.t
	if r.Method != http.MethodPost {
		t.Errorf("method = %s, want POST", r.Method)
	}
	if r.URL.Path != "/v1/embeddings" {
		t.Errorf("path = %s, want /v1/embeddings", r.URL.Path)
	}
	if got := r.Header.Get("Authorization"); got != "Bearer KEY" {
		t.Errorf("Authorization = %q, want %q", got, "Bearer KEY")
	}
	if got := r.Header.Get("Content-Type"); got != "application/json" {
		t.Errorf("Content-Type = %q, want application/json", got)
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		t.Errorf("read body: %v", err)
	}
	var req wireRequest
	if err := json.Unmarshal(body, &req); err != nil {
		t.Errorf("body is not JSON: %v: %s", err, body)
	}
	_ = json.Unmarshal(body, &req.raw)

	f.mu.Lock()
	n := len(f.reqs)
	f.reqs = append(f.reqs, req)
	f.bodies = append(f.bodies, body)
	respond := f.respond
	f.mu.Unlock()

	if respond == nil {
		respond = func(_ int, req wireRequest, w http.ResponseWriter) { fakeEmbeddings(w, req) }
	}
	respond(n, req, w)
}

func (f *fakeOpenAI) requests() []wireRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]wireRequest(nil), f.reqs...)
}

func (f *fakeOpenAI) requestBodies() [][]byte {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([][]byte(nil), f.bodies...)
}

// fakeVector is what the fake server returns for a text: a function of the text
// alone, so a test can tell which vector belongs to which input.
func fakeVector(text string) []float32 {
	h := fnv.New32a()
	h.Write([]byte(text))
	return []float32{float32(h.Sum32() % 10007), float32(len(text)), 1}
}

// fakeEmbeddings writes a successful answer with the data in REVERSE order, as a
// server that parallelises internally may do; clients must sort by index.
func fakeEmbeddings(w http.ResponseWriter, req wireRequest) {
	type item struct {
		Object    string    `json:"object"`
		Index     int       `json:"index"`
		Embedding []float32 `json:"embedding"`
	}
	data := make([]item, 0, len(req.Input))
	for i := len(req.Input) - 1; i >= 0; i-- {
		data = append(data, item{"embedding", i, fakeVector(req.Input[i])})
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"object": "list",
		"data":   data,
		"model":  req.Model,
		"usage":  map[string]int{"prompt_tokens": 3 * len(req.Input), "total_tokens": 3 * len(req.Input)},
	})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeAPIError(w http.ResponseWriter, status int, message, typ, code string) {
	writeJSON(w, status, map[string]any{"error": map[string]any{
		"message": message, "type": typ, "code": code,
	}})
}

// sleepRecorder stands in for OpenAIConfig.Retry.Sleep: it records each
// requested wait and returns at once, so retry tests neither sleep nor time
// anything.
type sleepRecorder struct {
	mu    sync.Mutex
	waits []time.Duration
}

func (s *sleepRecorder) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.waits = append(s.waits, d)
	s.mu.Unlock()
	return ctx.Err()
}

func (s *sleepRecorder) recorded() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.waits...)
}

// newTestOpenAI builds an embedder against f whose retries sleep into rec.
func newTestOpenAI(t *testing.T, f *fakeOpenAI, cfg OpenAIConfig) (*OpenAI, *sleepRecorder) {
	t.Helper()
	cfg.BaseURL = f.srv.URL + "/v1"
	cfg.APIKey = "KEY"
	if cfg.Model == "" {
		cfg.Model = "test-embed"
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = f.srv.Client()
	}
	rec := &sleepRecorder{}
	cfg.Retry.Sleep = rec.sleep
	cfg.Retry.Jitter = func() float64 { return 0.5 } // wait exactly BaseWait·2^n
	e, err := NewOpenAI(cfg)
	if err != nil {
		t.Fatalf("NewOpenAI: %v", err)
	}
	return e, rec
}

func texts(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("متن %d text", i)
	}
	return out
}

func wantVectors(prefix string, in []string) [][]float32 {
	out := make([][]float32, len(in))
	for i, s := range in {
		out[i] = fakeVector(prefix + s)
	}
	return out
}

func TestNewOpenAIRequiresModel(t *testing.T) {
	_, err := NewOpenAI(OpenAIConfig{APIKey: "KEY"})
	if err == nil {
		t.Fatal("NewOpenAI with no model: got nil error")
	}
	if got := rag.ErrorCode(err); got != rag.Invalid {
		t.Errorf("code = %s, want %s", got, rag.Invalid)
	}
	if !strings.Contains(err.Error(), "model") {
		t.Errorf("error %q does not mention the model", err)
	}
}

func TestOpenAIWireFormat(t *testing.T) {
	f := newFakeOpenAI(t)
	e, _ := newTestOpenAI(t, f, OpenAIConfig{Model: "text-embedding-3-small"})
	if got := e.Name(); got != "openai:text-embedding-3-small" {
		t.Errorf("Name = %q, want openai:text-embedding-3-small", got)
	}
	if got := e.Dimension(); got != 0 {
		t.Errorf("Dimension before any request = %d, want 0", got)
	}
	in := []string{"پاکستان اور روس", "second", "third"}
	got, err := e.Embed(context.Background(), in, rag.ForPassage)
	if err != nil {
		t.Fatalf("Embed: %v", err)
	}
	if want := wantVectors("", in); !reflect.DeepEqual(got, want) {
		t.Errorf("vectors = %v, want %v (the fake answers in reverse order)", got, want)
	}
	if got := e.Dimension(); got != 3 {
		t.Errorf("Dimension after first answer = %d, want 3", got)
	}

	reqs := f.requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests, want 1", len(reqs))
	}
	r := reqs[0]
	if r.Model != "text-embedding-3-small" {
		t.Errorf("model = %q, want text-embedding-3-small", r.Model)
	}
	if !reflect.DeepEqual(r.Input, in) {
		t.Errorf("input = %q, want %q", r.Input, in)
	}
	// go-openai v1.43 omits dimensions when zero and encoding_format when unset
	// (servers then default to float), and sends no "user".
	if r.Dimensions != nil {
		t.Errorf("dimensions = %d, want absent", *r.Dimensions)
	}
	if r.EncodingFormat != nil {
		t.Errorf("encoding_format = %q, want absent", *r.EncodingFormat)
	}
	if r.User != nil {
		t.Errorf("user = %q, want absent", *r.User)
	}
	for k := range r.raw {
		if k != "input" && k != "model" {
			t.Errorf("unexpected body field %q", k)
		}
	}
}

func TestOpenAIDimensions(t *testing.T) {
	f := newFakeOpenAI(t)
	f.respond = func(_ int, req wireRequest, w http.ResponseWriter) {
		if req.Dimensions == nil || *req.Dimensions != 3 {
			t.Errorf("dimensions = %v, want 3", req.Dimensions)
		}
		fakeEmbeddings(w, req)
	}
	e, _ := newTestOpenAI(t, f, OpenAIConfig{Model: "text-embedding-3-large", Dimensions: 3})
	if got := e.Name(); got != "openai:text-embedding-3-large:3" {
		t.Errorf("Name = %q, want openai:text-embedding-3-large:3", got)
	}
	if got := e.Dimension(); got != 3 {
		t.Errorf("Dimension = %d, want the configured 3 before any request", got)
	}
	if _, err := e.Embed(context.Background(), []string{"a"}, rag.ForQuery); err != nil {
		t.Fatalf("Embed: %v", err)
	}
}

func TestOpenAIDimensionMismatch(t *testing.T) {
	f := newFakeOpenAI(t)
	e, _ := newTestOpenAI(t, f, OpenAIConfig{Dimensions: 8}) // the fake always answers 3
	_, err := e.Embed(context.Background(), []string{"a"}, rag.ForQuery)
	if err == nil || !strings.Contains(err.Error(), "expected 8") {
		t.Errorf("Embed with a server answering 3 dims for 8 configured: err = %v, want a dimension error", err)
	}
}

func TestOpenAIBatching(t *testing.T) {
	f := newFakeOpenAI(t)
	e, _ := newTestOpenAI(t, f, OpenAIConfig{BatchSize: 64})
	in := texts(150)
	got, err := e.Embed(context.Background(), in, rag.ForPassage)
	if err != nil {
		t.Fatalf("Embed: %v", err)
	}
	if want := wantVectors("", in); !reflect.DeepEqual(got, want) {
		t.Error("vectors are not in input order across batches")
	}
	reqs := f.requests()
	var sizes []int
	var sent []string
	for _, r := range reqs {
		sizes = append(sizes, len(r.Input))
		sent = append(sent, r.Input...)
	}
	if want := []int{64, 64, 22}; !reflect.DeepEqual(sizes, want) {
		t.Errorf("batch sizes = %v, want %v", sizes, want)
	}
	if !reflect.DeepEqual(sent, in) {
		t.Error("texts sent across batches differ from the input")
	}
}

func TestOpenAIDefaultBatchSize(t *testing.T) {
	f := newFakeOpenAI(t)
	e, _ := newTestOpenAI(t, f, OpenAIConfig{})
	if _, err := e.Embed(context.Background(), texts(65), rag.ForPassage); err != nil {
		t.Fatalf("Embed: %v", err)
	}
	if got := len(f.requests()); got != 2 {
		t.Errorf("65 texts with the default batch size: %d requests, want 2", got)
	}
}

func TestOpenAIEmptyInput(t *testing.T) {
	f := newFakeOpenAI(t)
	e, _ := newTestOpenAI(t, f, OpenAIConfig{})
	got, err := e.Embed(context.Background(), nil, rag.ForPassage)
	if err != nil || len(got) != 0 {
		t.Errorf("Embed(nil) = %v, %v; want no vectors, no error", got, err)
	}
	if n := len(f.requests()); n != 0 {
		t.Errorf("%d requests for no texts, want 0", n)
	}
}

func TestOpenAIPrefixes(t *testing.T) {
	for _, tc := range []struct {
		name     string
		prefixes bool
		purpose  rag.Purpose
		prefix   string
	}{
		{"passage", true, rag.ForPassage, "passage: "},
		{"query", true, rag.ForQuery, "query: "},
		{"off/query", false, rag.ForQuery, ""},
		{"off/passage", false, rag.ForPassage, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeOpenAI(t)
			e, _ := newTestOpenAI(t, f, OpenAIConfig{Prefixes: tc.prefixes, Model: "intfloat/multilingual-e5-small"})
			in := []string{"یکم مئی 1948", "gas pipeline"}
			got, err := e.Embed(context.Background(), in, tc.purpose)
			if err != nil {
				t.Fatalf("Embed: %v", err)
			}
			want := make([]string, len(in))
			for i, s := range in {
				want[i] = tc.prefix + s
			}
			if sent := f.requests()[0].Input; !reflect.DeepEqual(sent, want) {
				t.Errorf("sent %q, want %q", sent, want)
			}
			if !reflect.DeepEqual(got, wantVectors(tc.prefix, in)) {
				t.Error("vectors do not match the prefixed texts")
			}
		})
	}
}

func TestOpenAIRetries(t *testing.T) {
	date := time.Date(2025, 5, 1, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name       string
		fail       func(w http.ResponseWriter)
		failures   int // the first failures requests fail, the rest succeed
		now        time.Time
		wantWaits  []time.Duration
		wantCalls  int
		wantCode   rag.Code // "" for success
		maxRetries int
	}{
		{
			name: "429 Retry-After seconds",
			fail: func(w http.ResponseWriter) {
				w.Header().Set("Retry-After", "1")
				writeAPIError(w, http.StatusTooManyRequests, "Rate limit reached", "requests", "rate_limit_exceeded")
			},
			failures:  1,
			wantWaits: []time.Duration{time.Second},
			wantCalls: 2,
		},
		{
			name: "429 Retry-After HTTP date",
			fail: func(w http.ResponseWriter) {
				w.Header().Set("Retry-After", date.Add(7*time.Second).Format(http.TimeFormat))
				writeAPIError(w, http.StatusTooManyRequests, "Rate limit reached", "requests", "rate_limit_exceeded")
			},
			failures:  1,
			now:       date,
			wantWaits: []time.Duration{7 * time.Second},
			wantCalls: 2,
		},
		{
			name: "Retry-After capped at 30s",
			fail: func(w http.ResponseWriter) {
				w.Header().Set("Retry-After", "3600")
				writeAPIError(w, http.StatusTooManyRequests, "slow down", "requests", "")
			},
			failures:  1,
			wantWaits: []time.Duration{30 * time.Second},
			wantCalls: 2,
		},
		{
			name:      "500 then success, exponential backoff",
			fail:      func(w http.ResponseWriter) { http.Error(w, "boom", http.StatusInternalServerError) },
			failures:  2,
			wantWaits: []time.Duration{500 * time.Millisecond, time.Second},
			wantCalls: 3,
		},
		{
			name: "persistent 503",
			fail: func(w http.ResponseWriter) {
				writeAPIError(w, http.StatusServiceUnavailable, "model is loading", "server_error", "")
			},
			failures:  100,
			wantWaits: []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second, 4 * time.Second},
			wantCalls: 5, // MaxRetries (default 4) + 1
			wantCode:  rag.Unavailable,
		},
		{
			name:       "persistent 502 with MaxRetries 1",
			fail:       func(w http.ResponseWriter) { http.Error(w, "<html>Bad Gateway</html>", http.StatusBadGateway) },
			failures:   100,
			maxRetries: 1,
			wantWaits:  []time.Duration{500 * time.Millisecond},
			wantCalls:  2,
			wantCode:   rag.Unavailable,
		},
		{
			name:       "no retries",
			fail:       func(w http.ResponseWriter) { http.Error(w, "boom", http.StatusInternalServerError) },
			failures:   100,
			maxRetries: -1,
			wantCalls:  1,
			wantCode:   rag.Unavailable,
		},
		{
			name: "401 is not retried",
			fail: func(w http.ResponseWriter) {
				writeAPIError(w, http.StatusUnauthorized, "Incorrect API key provided", "invalid_request_error", "invalid_api_key")
			},
			failures:  100,
			wantCalls: 1,
			wantCode:  rag.Invalid,
		},
		{
			name: "404 unknown model is not retried",
			fail: func(w http.ResponseWriter) {
				writeAPIError(w, http.StatusNotFound, `model "nomic" not found, try pulling it first`, "api_error", "")
			},
			failures:  100,
			wantCalls: 1,
			wantCode:  rag.Invalid,
		},
		{
			name:      "400 with a plain-text body",
			fail:      func(w http.ResponseWriter) { http.Error(w, "input must not be empty", http.StatusBadRequest) },
			failures:  100,
			wantCalls: 1,
			wantCode:  rag.Invalid,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeOpenAI(t)
			f.respond = func(n int, req wireRequest, w http.ResponseWriter) {
				if n < tc.failures {
					tc.fail(w)
					return
				}
				fakeEmbeddings(w, req)
			}
			cfg := OpenAIConfig{MaxRetries: tc.maxRetries}
			if !tc.now.IsZero() {
				cfg.Retry.Now = func() time.Time { return tc.now }
			}
			e, rec := newTestOpenAI(t, f, cfg)
			in := texts(3)
			got, err := e.Embed(context.Background(), in, rag.ForPassage)

			if calls := len(f.requests()); calls != tc.wantCalls {
				t.Errorf("%d requests, want %d", calls, tc.wantCalls)
			}
			if waits := rec.recorded(); !reflect.DeepEqual(waits, tc.wantWaits) {
				t.Errorf("waits = %v, want %v", waits, tc.wantWaits)
			}
			// Every retry must resend the same body.
			bodies := f.requestBodies()
			for i, b := range bodies {
				if string(b) != string(bodies[0]) {
					t.Errorf("body of request %d = %s, want %s", i, b, bodies[0])
				}
			}
			if tc.wantCode == "" {
				if err != nil {
					t.Fatalf("Embed: %v", err)
				}
				if !reflect.DeepEqual(got, wantVectors("", in)) {
					t.Error("wrong vectors after retry")
				}
				return
			}
			if err == nil {
				t.Fatal("Embed: got nil error")
			}
			if code := rag.ErrorCode(err); code != tc.wantCode {
				t.Errorf("code = %s, want %s (err: %v)", code, tc.wantCode, err)
			}
		})
	}
}

func TestOpenAIInvalidKeyMessage(t *testing.T) {
	f := newFakeOpenAI(t)
	f.respond = func(_ int, _ wireRequest, w http.ResponseWriter) {
		writeJSON(w, http.StatusUnauthorized, json.RawMessage(
			`{"error":{"message":"Incorrect API key provided","type":"invalid_request_error","code":"invalid_api_key"}}`))
	}
	e, rec := newTestOpenAI(t, f, OpenAIConfig{})
	_, err := e.Embed(context.Background(), []string{"x"}, rag.ForQuery)
	var re *rag.Error
	if !errors.As(err, &re) {
		t.Fatalf("err = %v (%T), want a *rag.Error", err, err)
	}
	if re.Code != rag.Invalid {
		t.Errorf("code = %s, want invalid", re.Code)
	}
	if !strings.Contains(re.Message, "Incorrect API key provided") {
		t.Errorf("message %q does not carry the server's message", re.Message)
	}
	if n := len(f.requests()); n != 1 {
		t.Errorf("%d requests, want 1 (no retry on 401)", n)
	}
	if w := rec.recorded(); len(w) != 0 {
		t.Errorf("waited %v, want no waits", w)
	}
}

func TestOpenAIPlainTextErrorBody(t *testing.T) {
	f := newFakeOpenAI(t)
	f.respond = func(_ int, _ wireRequest, w http.ResponseWriter) {
		http.Error(w, "input must not be empty", http.StatusBadRequest)
	}
	e, _ := newTestOpenAI(t, f, OpenAIConfig{})
	_, err := e.Embed(context.Background(), []string{""}, rag.ForQuery)
	if err == nil || !strings.Contains(err.Error(), "input must not be empty") {
		t.Errorf("err = %v, want the server's text", err)
	}
}

func TestOpenAIWrongCount(t *testing.T) {
	for _, tc := range []struct {
		name string
		data string
	}{
		{"too few", `[{"object":"embedding","index":0,"embedding":[1,2]}]`},
		{"too many", `[{"object":"embedding","index":0,"embedding":[1,2]},{"object":"embedding","index":1,"embedding":[1,2]},{"object":"embedding","index":2,"embedding":[1,2]}]`},
		{"duplicate index", `[{"object":"embedding","index":1,"embedding":[1,2]},{"object":"embedding","index":1,"embedding":[1,2]}]`},
		{"index out of range", `[{"object":"embedding","index":0,"embedding":[1,2]},{"object":"embedding","index":2,"embedding":[1,2]}]`},
		{"ragged", `[{"object":"embedding","index":0,"embedding":[1,2]},{"object":"embedding","index":1,"embedding":[1,2,3]}]`},
		{"empty vector", `[{"object":"embedding","index":0,"embedding":[]},{"object":"embedding","index":1,"embedding":[1,2]}]`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeOpenAI(t)
			f.respond = func(_ int, _ wireRequest, w http.ResponseWriter) {
				writeJSON(w, http.StatusOK, json.RawMessage(`{"object":"list","model":"m","data":`+tc.data+`}`))
			}
			e, _ := newTestOpenAI(t, f, OpenAIConfig{})
			got, err := e.Embed(context.Background(), []string{"a", "b"}, rag.ForPassage)
			if err == nil {
				t.Fatalf("Embed = %v, want an error", got)
			}
			if code := rag.ErrorCode(err); code != rag.Unavailable {
				t.Errorf("code = %s, want unavailable (err: %v)", code, err)
			}
		})
	}
}

func TestOpenAIContextDeadline(t *testing.T) {
	f := newFakeOpenAI(t)
	release := make(chan struct{})
	f.respond = func(_ int, _ wireRequest, w http.ResponseWriter) {
		<-release // hang until the test ends
	}
	// Unblock the handler before the server's Close (registered earlier, run later) waits for it.
	t.Cleanup(func() { close(release) })
	e, _ := newTestOpenAI(t, f, OpenAIConfig{})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := e.Embed(ctx, []string{"a"}, rag.ForQuery)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want one wrapping context.DeadlineExceeded", err)
	}
	if code := rag.ErrorCode(err); code != rag.Unavailable {
		t.Errorf("code = %s, want unavailable", code)
	}
	if n := len(f.requests()); n != 1 {
		t.Errorf("%d requests, want 1 (a deadline is not retried)", n)
	}
}

func TestOpenAIRetryStopsBeforeDeadline(t *testing.T) {
	f := newFakeOpenAI(t)
	f.respond = func(_ int, _ wireRequest, w http.ResponseWriter) {
		w.Header().Set("Retry-After", "20")
		writeAPIError(w, http.StatusTooManyRequests, "Rate limit reached for requests", "requests", "rate_limit_exceeded")
	}
	e, rec := newTestOpenAI(t, f, OpenAIConfig{})
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, err := e.Embed(ctx, []string{"a"}, rag.ForQuery)
	if code := rag.ErrorCode(err); code != rag.Unavailable {
		t.Errorf("code = %s, want unavailable (err: %v)", code, err)
	}
	if err == nil || !strings.Contains(err.Error(), "Rate limit reached") {
		t.Errorf("err = %v, want the server's 429 message rather than a bare timeout", err)
	}
	if w := rec.recorded(); len(w) != 0 {
		t.Errorf("waited %v although the wait would pass the deadline", w)
	}
	if n := len(f.requests()); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

// flakyTransport fails the first n round trips with a connection error.
type flakyTransport struct {
	base http.RoundTripper
	mu   sync.Mutex
	n    int
}

func (ft *flakyTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	ft.mu.Lock()
	fail := ft.n > 0
	ft.n--
	ft.mu.Unlock()
	if fail {
		if r.Body != nil {
			r.Body.Close()
		}
		return nil, errors.New("connection reset by peer")
	}
	return ft.base.RoundTrip(r)
}

func TestOpenAIConnectionErrorRetried(t *testing.T) {
	f := newFakeOpenAI(t)
	base := f.srv.Client()
	hc := &http.Client{Transport: &flakyTransport{base: base.Transport, n: 2}}
	e, rec := newTestOpenAI(t, f, OpenAIConfig{HTTPClient: hc})
	in := texts(2)
	got, err := e.Embed(context.Background(), in, rag.ForQuery)
	if err != nil {
		t.Fatalf("Embed: %v", err)
	}
	if !reflect.DeepEqual(got, wantVectors("", in)) {
		t.Error("wrong vectors")
	}
	if w := rec.recorded(); len(w) != 2 {
		t.Errorf("waits = %v, want 2", w)
	}
}

func TestOpenAIConnectionRefused(t *testing.T) {
	f := newFakeOpenAI(t)
	e, rec := newTestOpenAI(t, f, OpenAIConfig{MaxRetries: 2})
	f.srv.Close() // nothing listens any more
	_, err := e.Embed(context.Background(), []string{"a"}, rag.ForQuery)
	if code := rag.ErrorCode(err); code != rag.Unavailable {
		t.Errorf("code = %s, want unavailable (err: %v)", code, err)
	}
	if w := rec.recorded(); len(w) != 2 {
		t.Errorf("waits = %v, want 2 (MaxRetries)", w)
	}
}

func TestOpenAIDoesNotModifyCallersClient(t *testing.T) {
	hc := &http.Client{}
	if _, err := NewOpenAI(OpenAIConfig{Model: "m", HTTPClient: hc}); err != nil {
		t.Fatal(err)
	}
	if hc.Transport != nil {
		t.Error("NewOpenAI replaced the transport of the caller's client")
	}
}

func TestOpenAIMultilingualUnlessSaidOtherwise(t *testing.T) {
	e, err := NewOpenAI(OpenAIConfig{Model: "bge-m3"})
	if err != nil {
		t.Fatal(err)
	}
	if !e.Multilingual() {
		t.Error("a remote model is not taken as multilingual")
	}
	e, _ = NewOpenAI(OpenAIConfig{Model: "all-minilm", Monolingual: true})
	if e.Multilingual() {
		t.Error("Monolingual ignored")
	}
	if NewLocal().Multilingual() {
		t.Error("the local embedder claims to be multilingual")
	}
}
