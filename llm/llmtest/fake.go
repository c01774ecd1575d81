package llmtest

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"
)

// fake is what Server and RerankServer share: the HTTP server, the log of the
// requests it received (of type R), and the channel that releases waiting
// replies when it closes.
type fake[R any] struct {
	t    testing.TB
	srv  *httptest.Server
	done chan struct{}
	once sync.Once

	mu    sync.Mutex
	reqs  []R
	count int // requests served
}

// start serves h until t ends.
func (f *fake[R]) start(t testing.TB, h http.HandlerFunc) {
	f.t = t
	f.done = make(chan struct{})
	f.srv = httptest.NewServer(h)
	t.Cleanup(f.Close)
}

// Client returns an HTTP client for the server. A client need not use it: the
// server is plain HTTP on localhost.
func (f *fake[R]) Client() *http.Client { return f.srv.Client() }

// Close stops the server, first releasing replies that wait (Delay, Hang).
func (f *fake[R]) Close() {
	f.once.Do(func() {
		close(f.done)
		f.srv.CloseClientConnections()
		f.srv.Close()
	})
}

// Requests returns the requests received so far, in order of arrival.
func (f *fake[R]) Requests() []R {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.reqs)
}

// record counts req, logging it when keep is set, and returns its number
// from 0.
func (f *fake[R]) record(req R, keep bool) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := f.count
	f.count++
	if keep {
		f.reqs = append(f.reqs, req)
	}
	return n
}

// wait waits for d, the client going away, or the server closing; it reports
// whether the full wait passed.
func (f *fake[R]) wait(r *http.Request, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
	case <-f.done:
	}
	return false
}

// hang waits for the client to go away or the server to close.
func (f *fake[R]) hang(r *http.Request) {
	select {
	case <-r.Context().Done():
	case <-f.done:
	}
}
