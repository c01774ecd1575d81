package httpretry

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeBase is a RoundTripper that answers from a script without a network, and
// records what it was sent and whether every response body it gave out was
// closed.
type fakeBase struct {
	mu      sync.Mutex
	script  []func() (*http.Response, error) // answer to attempt n; the last repeats
	bodies  []string
	handed  []*trackedBody
	attempt int
}

type trackedBody struct {
	io.Reader
	closed bool
}

func (b *trackedBody) Close() error { b.closed = true; return nil }

func (f *fakeBase) RoundTrip(r *http.Request) (*http.Response, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var body []byte
	if r.Body != nil {
		body, _ = io.ReadAll(r.Body)
		r.Body.Close()
	}
	f.bodies = append(f.bodies, string(body))
	step := f.script[min(f.attempt, len(f.script)-1)]
	f.attempt++
	resp, err := step()
	if resp != nil {
		tb := &trackedBody{Reader: resp.Body}
		f.handed = append(f.handed, tb)
		resp.Body = tb
		resp.Request = r
	}
	return resp, err
}

func (f *fakeBase) sent() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.bodies)
}

func status(code int, body string, header ...string) func() (*http.Response, error) {
	return func() (*http.Response, error) {
		h := http.Header{}
		for i := 0; i+1 < len(header); i += 2 {
			h.Set(header[i], header[i+1])
		}
		return &http.Response{StatusCode: code, Status: http.StatusText(code), Header: h, Body: io.NopCloser(strings.NewReader(body))}, nil
	}
}

func fail(err error) func() (*http.Response, error) {
	return func() (*http.Response, error) { return nil, err }
}

// sleepRecorder replaces the transport's sleep: it records each requested wait
// and returns at once, so no test sleeps or measures time.
type sleepRecorder struct {
	mu    sync.Mutex
	waits []time.Duration
	// then, when set, runs after recording (to cancel a context, say).
	then func()
}

func (s *sleepRecorder) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.waits = append(s.waits, d)
	then := s.then
	s.mu.Unlock()
	if then != nil {
		then()
	}
	return ctx.Err()
}

func (s *sleepRecorder) recorded() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.waits)
}

var testNow = time.Date(2025, 5, 1, 12, 0, 0, 0, time.UTC)

func newTest(base http.RoundTripper, opts Options) (*Transport, *sleepRecorder) {
	rec := &sleepRecorder{}
	opts.Sleep = rec.sleep
	opts.Now = func() time.Time { return testNow }
	opts.Jitter = func() float64 { return 0.5 } // waits exactly BaseWait·2^n
	return NewTransport(base, opts), rec
}

func post(t *testing.T, ctx context.Context, rt http.RoundTripper, body string) (*http.Response, error) {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://llm.test/v1/chat/completions", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return rt.RoundTrip(req)
}

func readBody(t *testing.T, resp *http.Response) string {
	t.Helper()
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("read body: %v", err)
	}
	return string(b)
}

func TestRetries(t *testing.T) {
	for _, tc := range []struct {
		name       string
		opts       Options
		script     []func() (*http.Response, error)
		wantStatus int // 0: want an error
		wantBody   string
		wantWaits  []time.Duration
	}{
		{
			name:       "success at once",
			script:     []func() (*http.Response, error){status(200, "ok")},
			wantStatus: 200, wantBody: "ok",
		},
		{
			name:       "429 Retry-After seconds",
			script:     []func() (*http.Response, error){status(429, "slow down", "Retry-After", "2"), status(200, "ok")},
			wantStatus: 200, wantBody: "ok",
			wantWaits: []time.Duration{2 * time.Second},
		},
		{
			name: "429 Retry-After HTTP date",
			script: []func() (*http.Response, error){
				status(429, "", "Retry-After", testNow.Add(7*time.Second).Format(http.TimeFormat)), status(200, "ok"),
			},
			wantStatus: 200, wantBody: "ok",
			wantWaits: []time.Duration{7 * time.Second},
		},
		{
			name:       "Retry-After capped at MaxWait",
			script:     []func() (*http.Response, error){status(503, "", "Retry-After", "3600"), status(200, "ok")},
			wantStatus: 200, wantBody: "ok",
			wantWaits: []time.Duration{DefaultMaxWait},
		},
		{
			name:       "5xx backs off exponentially, then returns the last answer",
			opts:       Options{MaxRetries: 3},
			script:     []func() (*http.Response, error){status(503, `{"error":{"message":"overloaded"}}`)},
			wantStatus: 503, wantBody: `{"error":{"message":"overloaded"}}`,
			wantWaits: []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second},
		},
		{
			name:       "500 then success",
			script:     []func() (*http.Response, error){status(500, "boom"), status(502, "bad gateway"), status(200, "ok")},
			wantStatus: 200, wantBody: "ok",
			wantWaits: []time.Duration{500 * time.Millisecond, time.Second},
		},
		{
			name:       "backoff stops growing at MaxWait",
			opts:       Options{MaxRetries: 3, BaseWait: time.Second, MaxWait: 3 * time.Second},
			script:     []func() (*http.Response, error){status(500, "")},
			wantStatus: 500,
			wantWaits:  []time.Duration{time.Second, 2 * time.Second, 3 * time.Second},
		},
		{
			name:       "501 not retried",
			script:     []func() (*http.Response, error){status(501, "no"), status(200, "ok")},
			wantStatus: 501, wantBody: "no",
		},
		{
			name:       "401 not retried",
			script:     []func() (*http.Response, error){status(401, "bad key"), status(200, "ok")},
			wantStatus: 401, wantBody: "bad key",
		},
		{
			name:       "400 not retried",
			script:     []func() (*http.Response, error){status(400, "bad request"), status(200, "ok")},
			wantStatus: 400, wantBody: "bad request",
		},
		{
			name:       "connection error retried",
			script:     []func() (*http.Response, error){fail(errors.New("connection reset by peer")), status(200, "ok")},
			wantStatus: 200, wantBody: "ok",
			wantWaits: []time.Duration{500 * time.Millisecond},
		},
		{
			name:      "connection error persists",
			opts:      Options{MaxRetries: 2},
			script:    []func() (*http.Response, error){fail(errors.New("connection refused"))},
			wantWaits: []time.Duration{500 * time.Millisecond, time.Second},
		},
		{
			name:       "negative MaxRetries means none",
			opts:       Options{MaxRetries: -1},
			script:     []func() (*http.Response, error){status(503, "down"), status(200, "ok")},
			wantStatus: 503, wantBody: "down",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			base := &fakeBase{script: tc.script}
			rt, rec := newTest(base, tc.opts)
			resp, err := post(t, context.Background(), rt, "the body")
			if tc.wantStatus == 0 {
				if err == nil {
					t.Fatalf("got status %d, want an error", resp.StatusCode)
				}
			} else {
				if err != nil {
					t.Fatalf("RoundTrip: %v", err)
				}
				if resp.StatusCode != tc.wantStatus {
					t.Errorf("status = %d, want %d", resp.StatusCode, tc.wantStatus)
				}
				if got := readBody(t, resp); got != tc.wantBody {
					t.Errorf("body = %q, want %q", got, tc.wantBody)
				}
			}
			if got := rec.recorded(); !slices.Equal(got, tc.wantWaits) {
				t.Errorf("waits = %v, want %v", got, tc.wantWaits)
			}
			sent := base.sent()
			if want := len(tc.wantWaits) + 1; len(sent) != want {
				t.Errorf("%d attempts, want %d", len(sent), want)
			}
			for i, b := range sent {
				if b != "the body" {
					t.Errorf("attempt %d sent body %q, want the original body again", i, b)
				}
			}
			// Every response but the one handed back must have been closed, or
			// its connection would leak.
			for i, b := range base.handed {
				if last := i == len(base.handed)-1; !last && !b.closed {
					t.Errorf("response %d was dropped without closing its body", i)
				}
			}
		})
	}
}

func TestNoWaitPastDeadline(t *testing.T) {
	base := &fakeBase{script: []func() (*http.Response, error){status(429, "Rate limit reached", "Retry-After", "20"), status(200, "ok")}}
	rt, rec := newTest(base, Options{})
	ctx, cancel := context.WithDeadline(context.Background(), testNow.Add(5*time.Second))
	defer cancel()
	resp, err := post(t, ctx, rt, "x")
	if err != nil {
		t.Fatalf("RoundTrip: %v", err)
	}
	if resp.StatusCode != 429 || readBody(t, resp) != "Rate limit reached" {
		t.Errorf("got %d, want the server's 429 rather than a bare timeout", resp.StatusCode)
	}
	if w := rec.recorded(); len(w) != 0 {
		t.Errorf("waited %v although the wait would pass the deadline", w)
	}
}

func TestWithWaitLimit(t *testing.T) {
	for _, tc := range []struct {
		name      string
		limit     time.Duration
		wantWaits []time.Duration
	}{
		{"wait fits", 3 * time.Second, []time.Duration{2 * time.Second}},
		{"wait would pass the limit", time.Second, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			base := &fakeBase{script: []func() (*http.Response, error){status(429, "", "Retry-After", "2"), status(200, "ok")}}
			rt, rec := newTest(base, Options{})
			ctx := WithWaitLimit(context.Background(), testNow.Add(tc.limit))
			resp, err := post(t, ctx, rt, "x")
			if err != nil {
				t.Fatalf("RoundTrip: %v", err)
			}
			resp.Body.Close()
			if got := rec.recorded(); !slices.Equal(got, tc.wantWaits) {
				t.Errorf("waits = %v, want %v", got, tc.wantWaits)
			}
		})
	}
}

func TestWithWaitLimitKeepsTighter(t *testing.T) {
	ctx := WithWaitLimit(context.Background(), testNow.Add(time.Second))
	ctx = WithWaitLimit(ctx, testNow.Add(time.Hour))
	if got, _ := waitLimit(ctx); !got.Equal(testNow.Add(time.Second)) {
		t.Errorf("limit = %v, want the tighter %v", got, testNow.Add(time.Second))
	}
	dctx, cancel := context.WithDeadline(ctx, testNow.Add(time.Millisecond))
	defer cancel()
	if got, _ := waitLimit(dctx); !got.Equal(testNow.Add(time.Millisecond)) {
		t.Errorf("limit = %v, want the earlier deadline %v", got, testNow.Add(time.Millisecond))
	}
}

func TestCancelDuringWait(t *testing.T) {
	base := &fakeBase{script: []func() (*http.Response, error){status(503, "")}}
	rt, rec := newTest(base, Options{})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	rec.then = cancel // the caller gives up while the transport waits
	resp, err := post(t, ctx, rt, "x")
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, %v; want context.Canceled", resp, err)
	}
	if n := len(base.sent()); n != 1 {
		t.Errorf("%d attempts, want 1", n)
	}
}

func TestCancelledRequestNotRetried(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	base := &fakeBase{script: []func() (*http.Response, error){func() (*http.Response, error) {
		cancel()
		return nil, context.Canceled
	}}}
	rt, rec := newTest(base, Options{})
	_, err := post(t, ctx, rt, "x")
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if w := rec.recorded(); len(w) != 0 {
		t.Errorf("waits = %v, want none", w)
	}
}

func TestBodyWithoutGetBodyNotRetried(t *testing.T) {
	base := &fakeBase{script: []func() (*http.Response, error){status(503, "down"), status(200, "ok")}}
	rt, _ := newTest(base, Options{})
	req, err := http.NewRequest(http.MethodPost, "http://llm.test/", io.NopCloser(strings.NewReader("once")))
	if err != nil {
		t.Fatal(err)
	}
	if req.GetBody != nil {
		t.Fatal("test needs a request without GetBody")
	}
	resp, err := rt.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 503 {
		t.Errorf("status = %d, want 503 (a body that cannot be replayed is not retried)", resp.StatusCode)
	}
}

func TestGetRequestRetried(t *testing.T) {
	base := &fakeBase{script: []func() (*http.Response, error){status(503, ""), status(200, "ok")}}
	rt, _ := newTest(base, Options{})
	req, err := http.NewRequest(http.MethodGet, "http://llm.test/v1/models", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := rt.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	if got := readBody(t, resp); got != "ok" {
		t.Errorf("body = %q, want ok", got)
	}
}

// The real network: a server that refuses connections, and a stream that the
// server cuts after the response has been handed over.

func TestConnectionRefused(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close() // nothing listens any more
	rt, rec := newTest(nil, Options{MaxRetries: 2})
	req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader([]byte("x")))
	if _, err := rt.RoundTrip(req); err == nil {
		t.Fatal("got a response from a closed server")
	}
	if w := rec.recorded(); len(w) != 2 {
		t.Errorf("waits = %v, want 2 (MaxRetries)", w)
	}
}

func TestMidStreamFailureNotRetried(t *testing.T) {
	var mu sync.Mutex
	requests := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		requests++
		mu.Unlock()
		w.Header().Set("Content-Type", "text/event-stream")
		io.WriteString(w, "data: first\n\n")
		w.(http.Flusher).Flush()
		panic(http.ErrAbortHandler) // cut the connection mid-stream
	}))
	defer srv.Close()
	rt, rec := newTest(srv.Client().Transport, Options{})
	req, _ := http.NewRequest(http.MethodPost, srv.URL, bytes.NewReader([]byte("x")))
	resp, err := rt.RoundTrip(req)
	if err != nil {
		t.Fatalf("RoundTrip: %v", err)
	}
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err == nil {
		t.Errorf("read %q without an error from a cut stream", b)
	}
	if !strings.HasPrefix(string(b), "data: first") {
		t.Errorf("read %q, want the part sent before the cut", b)
	}
	mu.Lock()
	defer mu.Unlock()
	if requests != 1 {
		t.Errorf("%d requests, want 1: a stream that failed after the response was handed over is not retried", requests)
	}
	if w := rec.recorded(); len(w) != 0 {
		t.Errorf("waits = %v, want none", w)
	}
}

func TestRealServerRetryReplaysBody(t *testing.T) {
	var mu sync.Mutex
	var bodies []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		bodies = append(bodies, string(b))
		n := len(bodies)
		mu.Unlock()
		if n == 1 {
			w.Header().Set("Retry-After", "1")
			http.Error(w, "busy", http.StatusTooManyRequests)
			return
		}
		io.WriteString(w, "ok")
	}))
	defer srv.Close()
	rt, rec := newTest(srv.Client().Transport, Options{})
	hc := &http.Client{Transport: rt}
	resp, err := hc.Post(srv.URL, "application/json", strings.NewReader(`{"q":"سوال"}`))
	if err != nil {
		t.Fatal(err)
	}
	if got := readBody(t, resp); got != "ok" {
		t.Errorf("body = %q, want ok", got)
	}
	mu.Lock()
	defer mu.Unlock()
	if want := []string{`{"q":"سوال"}`, `{"q":"سوال"}`}; !slices.Equal(bodies, want) {
		t.Errorf("server got bodies %q, want %q", bodies, want)
	}
	if w := rec.recorded(); !slices.Equal(w, []time.Duration{time.Second}) {
		t.Errorf("waits = %v, want [1s]", w)
	}
}

func TestCloseIdleConnectionsReachesBase(t *testing.T) {
	base := &closeTracker{}
	rt := NewTransport(base, Options{})
	(&http.Client{Transport: rt}).CloseIdleConnections()
	if !base.closed {
		t.Error("CloseIdleConnections did not reach the wrapped transport")
	}
}

type closeTracker struct {
	http.RoundTripper
	closed bool
}

func (c *closeTracker) CloseIdleConnections() { c.closed = true }

func TestBackoffDefaults(t *testing.T) {
	rt := NewTransport(nil, Options{Jitter: func() float64 { return 0.5 }})
	if rt.MaxRetries() != DefaultMaxRetries {
		t.Errorf("MaxRetries = %d, want %d", rt.MaxRetries(), DefaultMaxRetries)
	}
	var got []time.Duration
	for i := range 8 {
		got = append(got, rt.Backoff(i))
	}
	want := []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 16 * time.Second, 30 * time.Second, 30 * time.Second}
	if !slices.Equal(got, want) {
		t.Errorf("backoffs = %v, want %v", got, want)
	}
	// Jitter spreads a wait over [d/2, 3d/2).
	lo := NewTransport(nil, Options{Jitter: func() float64 { return 0 }}).Backoff(1)
	hi := NewTransport(nil, Options{Jitter: func() float64 { return 0.999 }}).Backoff(1)
	if lo != 500*time.Millisecond || hi < 1400*time.Millisecond || hi >= 1500*time.Millisecond {
		t.Errorf("jittered backoff(1) spans [%v, %v], want [500ms, 1.5s)", lo, hi)
	}
}

func TestParseRetryAfter(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"", 0, false},
		{"0", 0, true},
		{"5", 5 * time.Second, true},
		{" 5 ", 5 * time.Second, true},
		{"-1", 0, false},
		{"1.5", 0, false},
		{"soon", 0, false},
		{"99999999999999999999", 0, false},
		{"9999999999999", 365 * 24 * time.Hour, true},
		{testNow.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second, true},
		{testNow.Add(-time.Minute).Format(http.TimeFormat), 0, true},
	} {
		got, ok := ParseRetryAfter(tc.in, testNow)
		if got != tc.want || ok != tc.ok {
			t.Errorf("ParseRetryAfter(%q) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestSleep(t *testing.T) {
	if err := Sleep(context.Background(), 0); err != nil {
		t.Errorf("Sleep(0) = %v, want nil", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Sleep(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Errorf("Sleep on a cancelled context = %v, want context.Canceled", err)
	}
}
