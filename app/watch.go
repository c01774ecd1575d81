package app

import (
	"context"
	"log/slog"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/jawab/jawab/api"
	"github.com/jawab/jawab/fetch"
	"github.com/jawab/jawab/index/ingest"
)

// DefaultFeedInterval is how often a watched feed is polled
// (JAWAB_FEED_INTERVAL).
const DefaultFeedInterval = 15 * time.Minute

// maxBackoff bounds the wait after failures and a server's Retry-After.
const maxBackoff = 6 * time.Hour

// Watcher polls feeds while the server runs and ingests their new and
// changed articles through Web. Each feed has its own loop: polls are spread
// by jitter, a failing feed backs off (doubling its wait, up to maxBackoff,
// or longer when the server's Retry-After says so) while the others go on,
// and queries never wait for it (only the commit of a batch holds the
// library's write lock, and reads do not take it).
type Watcher struct {
	web      *Web
	feeds    []string
	interval time.Duration
	log      *slog.Logger

	mu     sync.Mutex
	status map[string]*api.FeedStatus
	// polls counts finished polls, for tests.
	polls int
}

// NewWatcher returns a watcher of feeds; a zero interval means
// DefaultFeedInterval.
func NewWatcher(web *Web, feeds []string, interval time.Duration, log *slog.Logger) *Watcher {
	if interval <= 0 {
		interval = DefaultFeedInterval
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	w := &Watcher{web: web, feeds: feeds, interval: interval, log: log, status: map[string]*api.FeedStatus{}}
	for _, f := range feeds {
		w.status[f] = &api.FeedStatus{URL: f}
	}
	return w
}

// Run polls every feed until ctx ends.
func (w *Watcher) Run(ctx context.Context) {
	var wg sync.WaitGroup
	for _, f := range w.feeds {
		wg.Go(func() { w.watch(ctx, f) })
	}
	wg.Wait()
}

// FeedStatus reports each feed's polls (api.FeedWatcher).
func (w *Watcher) FeedStatus() []api.FeedStatus {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := make([]api.FeedStatus, 0, len(w.feeds))
	for _, f := range w.feeds {
		out = append(out, *w.status[f])
	}
	return out
}

// Polls is how many polls have finished, over all feeds.
func (w *Watcher) Polls() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.polls
}

// jitter spreads d by up to ±10%, so that feeds of one host and servers
// started together do not poll in step.
func jitter(d time.Duration) time.Duration {
	return d + time.Duration((rand.Float64()*0.2-0.1)*float64(d))
}

func (w *Watcher) watch(ctx context.Context, feed string) {
	// The first poll comes soon, spread over a tenth of the interval.
	wait := time.Duration(rand.Float64() * 0.1 * float64(w.interval))
	failures := 0
	for {
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
		retry, feedErr := w.poll(ctx, feed)
		if ctx.Err() != nil {
			return
		}
		if feedErr == nil {
			failures = 0
			wait = jitter(w.interval)
			continue
		}
		failures++
		wait = backoff(w.interval, failures, retry)
		w.log.Warn("feed poll failed", "feed", feed, "err", feedErr, "failures", failures, "next_in", wait.Round(time.Second).String())
	}
}

// backoff is the wait after the nth failure in a row: the interval doubled
// per failure (with jitter), at most maxBackoff (or the interval, when
// longer), and at least what the server's Retry-After asked.
func backoff(interval time.Duration, failures int, retryAfter time.Duration) time.Duration {
	wait := jitter(min(interval<<min(failures, 16), max(maxBackoff, interval)))
	if retryAfter > wait {
		wait = min(retryAfter, max(maxBackoff, interval))
	}
	return wait
}

// poll reads one feed once; the error is the feed's own (the articles'
// failures are counted, not returned), with the server's Retry-After.
func (w *Watcher) poll(ctx context.Context, feed string) (time.Duration, error) {
	sum, feedErr := w.web.Ingest(ctx, []string{feed}, false)
	feedFailed := false
	for _, r := range sum.Results {
		if r.URL == feed && r.Status == ingest.Failed {
			feedErr, feedFailed = r.Err, true
		}
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.polls++
	st := w.status[feed]
	st.Added += int64(sum.Added)
	st.Updated += int64(sum.Updated)
	st.Failed += int64(sum.Failed)
	if feedFailed {
		st.Failed-- // the feed is not an article
	}
	if feedErr != nil {
		st.Errors++
		return fetch.RetryAfter(feedErr), feedErr
	}
	st.LastSuccess = time.Now()
	if sum.Added+sum.Updated+sum.Failed > 0 {
		w.log.Info("feed polled", "feed", feed, "added", sum.Added, "updated", sum.Updated, "failed", sum.Failed)
	}
	return 0, nil
}
