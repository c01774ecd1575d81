// Package httpretry retries HTTP requests that failed for reasons that may pass:
// 429, 5xx and connection errors. It is an http.RoundTripper so that it sees
// what client libraries such as go-openai hide from their callers: the response
// headers, and Retry-After in particular.
//
// The transport only ever retries before it hands a response to its caller.
// Once RoundTrip has returned a response, reading its body is the caller's
// business: a streamed answer cut off half-way is not repeated here, because the
// caller may already have shown the first half to someone.
package httpretry

import (
	"context"
	"crypto/x509"
	"errors"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Defaults for Options. Model and embedding servers shed load with 429 and
// restart behind proxies that answer 502/503 for a few seconds; a handful of
// spaced retries rides both out without turning a real outage into a long hang.
const (
	DefaultMaxRetries = 4
	DefaultBaseWait   = 500 * time.Millisecond
	DefaultMaxWait    = 30 * time.Second
)

// Options configures a Transport. The zero value gives the defaults.
type Options struct {
	// MaxRetries is the number of retries after the first attempt: 0 means
	// DefaultMaxRetries, a negative value means none.
	MaxRetries int
	// BaseWait is the wait before the first retry when the server does not say
	// how long to wait; each further retry doubles it (with ±50% jitter).
	// Default DefaultBaseWait.
	BaseWait time.Duration
	// MaxWait caps every wait, Retry-After included: a server asking for an hour
	// is better reported as unavailable than waited for. Default DefaultMaxWait.
	MaxWait time.Duration

	// Sleep waits for d or until ctx is done; default Sleep. Tests replace it to
	// record the waits instead of sleeping them.
	Sleep func(ctx context.Context, d time.Duration) error
	// Now is the clock for Retry-After dates and deadlines; default time.Now.
	Now func() time.Time
	// Jitter returns a number in [0, 1); default math/rand/v2.Float64. Tests
	// return 0.5 to make waits exactly BaseWait·2^n.
	Jitter func() float64
}

// Transport is an http.RoundTripper that retries failed attempts with backoff.
//
// Waits grow exponentially with jitter, follow Retry-After (seconds or an HTTP
// date) when the server sends one, never exceed MaxWait, and never run past the
// request context's deadline or its WithWaitLimit: if the next wait would end
// after either, the last response (or error) is returned at once instead, so the
// caller sees the server's answer rather than a bare timeout.
type Transport struct {
	base http.RoundTripper
	opts Options
}

// NewTransport wraps base (nil means http.DefaultTransport) with retries.
func NewTransport(base http.RoundTripper, opts Options) *Transport {
	if base == nil {
		base = http.DefaultTransport
	}
	switch {
	case opts.MaxRetries == 0:
		opts.MaxRetries = DefaultMaxRetries
	case opts.MaxRetries < 0:
		opts.MaxRetries = 0
	}
	if opts.BaseWait <= 0 {
		opts.BaseWait = DefaultBaseWait
	}
	if opts.MaxWait <= 0 {
		opts.MaxWait = DefaultMaxWait
	}
	if opts.Sleep == nil {
		opts.Sleep = Sleep
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Jitter == nil {
		opts.Jitter = rand.Float64
	}
	return &Transport{base: base, opts: opts}
}

// Sleep waits for d or until ctx is done, whichever comes first, and returns
// ctx.Err() in the second case.
func Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

type waitLimitKey struct{}

// WithWaitLimit returns a context under which the transport does not start a
// wait that would end after t, although the request itself may run longer.
// A caller that gives the first token of a streamed answer 30 seconds to arrive
// uses it so that a 429 asking for 40 seconds is reported at once, rather than
// slept on until the caller's own timer cancels the attempt.
func WithWaitLimit(ctx context.Context, t time.Time) context.Context {
	if prev, ok := ctx.Value(waitLimitKey{}).(time.Time); ok && prev.Before(t) {
		return ctx // the tighter limit already holds
	}
	return context.WithValue(ctx, waitLimitKey{}, t)
}

// waitLimit is the earliest of ctx's deadline and its WithWaitLimit.
func waitLimit(ctx context.Context) (time.Time, bool) {
	limit, ok := ctx.Deadline()
	if t, has := ctx.Value(waitLimitKey{}).(time.Time); has && (!ok || t.Before(limit)) {
		return t, true
	}
	return limit, ok
}

// RoundTrip sends req, retrying as described on Transport.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
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
		if attempt >= t.opts.MaxRetries || !replayable || !retryable(ctx, resp, err) {
			return resp, err
		}
		wait := t.backoff(attempt, resp)
		if limit, ok := waitLimit(ctx); ok && t.opts.Now().Add(wait).After(limit) {
			// Waiting would outlive the caller: hand back what we have.
			return resp, err
		}
		if resp != nil {
			// Drain a little so the connection can be reused, then let it go.
			_, _ = io.CopyN(io.Discard, resp.Body, 64<<10)
			resp.Body.Close()
		}
		if err := t.opts.Sleep(ctx, wait); err != nil {
			return nil, err
		}
	}
}

// CloseIdleConnections closes the idle connections of the wrapped transport, so
// that http.Client.CloseIdleConnections still reaches it.
func (t *Transport) CloseIdleConnections() {
	if c, ok := t.base.(interface{ CloseIdleConnections() }); ok {
		c.CloseIdleConnections()
	}
}

// MaxRetries is the number of retries after the first attempt.
func (t *Transport) MaxRetries() int { return t.opts.MaxRetries }

// Backoff is the wait before retry number attempt+1 when the server did not
// say: BaseWait·2^attempt with ±50% jitter, capped at MaxWait. It is exported
// for callers that retry above the transport (a streamed answer whose first
// token is late) and should space their attempts the same way.
func (t *Transport) Backoff(attempt int) time.Duration {
	d := t.opts.BaseWait
	for i := 0; i < attempt && d < t.opts.MaxWait; i++ {
		d *= 2 // stops doubling at MaxWait, so it cannot overflow
	}
	d = d/2 + time.Duration(t.opts.Jitter()*float64(d))
	return min(d, t.opts.MaxWait)
}

// backoff is the server's Retry-After when it sent one, else Backoff.
func (t *Transport) backoff(attempt int, resp *http.Response) time.Duration {
	if resp != nil {
		if d, ok := ParseRetryAfter(resp.Header.Get("Retry-After"), t.opts.Now()); ok {
			return min(d, t.opts.MaxWait)
		}
	}
	return t.Backoff(attempt)
}

// retryable reports whether a failed attempt is worth repeating.
func retryable(ctx context.Context, resp *http.Response, err error) bool {
	if err != nil {
		if ctx.Err() != nil {
			return false // the caller gave up; the error says why
		}
		var certErr *x509.UnknownAuthorityError
		var hostErr x509.HostnameError
		var invalidErr x509.CertificateInvalidError
		if errors.As(err, &certErr) || errors.As(err, &hostErr) || errors.As(err, &invalidErr) {
			return false // misconfiguration, not a passing fault
		}
		return true
	}
	switch {
	case resp.StatusCode == http.StatusTooManyRequests:
		return true
	case resp.StatusCode == http.StatusNotImplemented:
		return false // will not be implemented by the next attempt either
	case resp.StatusCode >= 500:
		return true
	}
	return false
}

// ParseRetryAfter reads a Retry-After value: delay seconds or an HTTP date,
// which counts from now. A date in the past means no wait.
func ParseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		// A year is as good as forever (MaxWait caps it) and cannot overflow.
		return time.Duration(min(secs, 365*24*3600)) * time.Second, true
	}
	if when, err := http.ParseTime(v); err == nil {
		return max(when.Sub(now), 0), true
	}
	return 0, false
}
