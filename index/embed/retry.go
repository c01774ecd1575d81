package embed

import (
	"context"
	"crypto/x509"
	"errors"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"time"
)

// Retry defaults. Embedding servers shed load with 429 and restart behind proxies
// that answer 502/503 for a few seconds; a handful of spaced retries rides both out
// without turning a real outage into a long hang.
const (
	defaultMaxRetries = 4
	defaultBaseWait   = 500 * time.Millisecond
	defaultMaxWait    = 30 * time.Second
)

// retryTransport retries requests that failed for reasons that may pass: 429, 5xx
// (except 501) and connection errors. It lives in the transport because go-openai
// hides response headers from its callers, and Retry-After is a header.
//
// Waits grow exponentially with jitter, follow Retry-After when the server sends
// one, never exceed maxWait, and never run past the context deadline: if the next
// wait would end after the deadline, the last response (or error) is returned at
// once instead, so the caller sees the server's answer rather than a bare timeout.
type retryTransport struct {
	base       http.RoundTripper
	maxRetries int
	baseWait   time.Duration
	maxWait    time.Duration

	// Replaceable in tests, so waits can be recorded instead of slept.
	now    func() time.Time
	sleep  func(ctx context.Context, d time.Duration) error
	jitter func() float64 // in [0, 1)
}

func newRetryTransport(base http.RoundTripper, maxRetries int) *retryTransport {
	if base == nil {
		base = http.DefaultTransport
	}
	return &retryTransport{
		base:       base,
		maxRetries: maxRetries,
		baseWait:   defaultBaseWait,
		maxWait:    defaultMaxWait,
		now:        time.Now,
		sleep:      sleepContext,
		jitter:     rand.Float64,
	}
}

// sleepContext waits for d or until ctx is done, whichever comes first.
func sleepContext(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (t *retryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	// A body that cannot be produced again cannot be sent again.
	replayable := req.Body == nil || req.Body == http.NoBody || req.GetBody != nil
	for attempt := 0; ; attempt++ {
		r := req
		if attempt > 0 && req.GetBody != nil {
			body, err := req.GetBody()
			if err != nil {
				return nil, err
			}
			r = req.Clone(ctx)
			r.Body = body
		}
		resp, err := t.base.RoundTrip(r)
		if attempt >= t.maxRetries || !replayable || !t.retryable(ctx, resp, err) {
			return resp, err
		}
		wait := t.backoff(attempt, resp)
		if deadline, ok := ctx.Deadline(); ok && t.now().Add(wait).After(deadline) {
			// Waiting would outlive the caller: hand back what we have.
			return resp, err
		}
		if resp != nil {
			// Drain a little so the connection can be reused, then let it go.
			_, _ = io.CopyN(io.Discard, resp.Body, 64<<10)
			resp.Body.Close()
		}
		if err := t.sleep(ctx, wait); err != nil {
			return nil, err
		}
	}
}

// retryable reports whether a failed attempt is worth repeating.
func (t *retryTransport) retryable(ctx context.Context, resp *http.Response, err error) bool {
	if err != nil {
		if ctx.Err() != nil {
			return false // the caller gave up; the error says why
		}
		var certErr *x509.UnknownAuthorityError
		var hostErr x509.HostnameError
		if errors.As(err, &certErr) || errors.As(err, &hostErr) {
			return false // misconfiguration, not a passing fault
		}
		return true
	}
	switch {
	case resp.StatusCode == http.StatusTooManyRequests:
		return true
	case resp.StatusCode == http.StatusNotImplemented:
		return false
	case resp.StatusCode >= 500:
		return true
	}
	return false
}

// backoff is the wait before retry number attempt+1: the server's Retry-After when
// it sent one, else baseWait·2^attempt with ±50% jitter; capped at maxWait.
func (t *retryTransport) backoff(attempt int, resp *http.Response) time.Duration {
	if resp != nil {
		if d, ok := parseRetryAfter(resp.Header.Get("Retry-After"), t.now()); ok {
			return min(d, t.maxWait)
		}
	}
	d := t.baseWait << min(attempt, 16)
	d = d/2 + time.Duration(t.jitter()*float64(d))
	return min(d, t.maxWait)
}

// parseRetryAfter reads a Retry-After value: delay seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.Atoi(v); err == nil {
		if secs < 0 {
			return 0, false
		}
		return time.Duration(secs) * time.Second, true
	}
	if when, err := http.ParseTime(v); err == nil {
		return max(when.Sub(now), 0), true
	}
	return 0, false
}
