package api

import (
	"math"
	"net/http"
	"strconv"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// limiter keeps a token bucket per client (a key or an IP address). Buckets
// idle long enough to have refilled are forgotten, so that the map does not
// grow with every address that ever called.
type limiter struct {
	rate  rate.Limit
	burst int

	mu        sync.Mutex
	buckets   map[string]*bucket
	lastSweep time.Time
}

type bucket struct {
	lim  *rate.Limiter
	seen time.Time
}

func newLimiter(perSecond float64, burst int) *limiter {
	return &limiter{rate: rate.Limit(perSecond), burst: burst, buckets: map[string]*bucket{}, lastSweep: time.Now()}
}

// idle is how long a bucket must go unused before it is dropped: long enough
// to be full again, and so no different from a new one.
func (l *limiter) idle() time.Duration {
	return max(time.Minute, time.Duration(float64(l.burst)/float64(l.rate)*float64(time.Second)))
}

// allow takes a token from the client's bucket, or returns a 429 error with
// the seconds to wait in Retry-After. A nil limiter allows everything.
func (l *limiter) allow(client string) error {
	if l == nil {
		return nil
	}
	now := time.Now()
	l.mu.Lock()
	if now.Sub(l.lastSweep) > time.Minute {
		for k, b := range l.buckets {
			if now.Sub(b.seen) > l.idle() {
				delete(l.buckets, k)
			}
		}
		l.lastSweep = now
	}
	b := l.buckets[client]
	if b == nil {
		b = &bucket{lim: rate.NewLimiter(l.rate, l.burst)}
		l.buckets[client] = b
	}
	b.seen = now
	l.mu.Unlock()

	r := b.lim.ReserveN(now, 1)
	if !r.OK() {
		return errRateLimited(time.Second)
	}
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return errRateLimited(d)
	}
	return nil
}

func errRateLimited(wait time.Duration) error {
	secs := int(math.Ceil(wait.Seconds()))
	e := errorf(http.StatusTooManyRequests, "rate_limited", "too many requests; try again in %d s", secs)
	e.header = map[string]string{"Retry-After": strconv.Itoa(secs)}
	return e
}
