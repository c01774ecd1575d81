package app

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/jawab/jawab/fetch"
	"github.com/jawab/jawab/internal/newssite"
)

func TestBackoff(t *testing.T) {
	for _, tc := range []struct {
		interval time.Duration
		failures int
		retry    time.Duration
		lo, hi   time.Duration
	}{
		{time.Minute, 1, 0, 108 * time.Second, 132 * time.Second},
		{time.Minute, 3, 0, 432 * time.Second, 528 * time.Second},
		{time.Minute, 40, 0, 5*time.Hour + 24*time.Minute, 6*time.Hour + 36*time.Minute},
		{time.Minute, 1, time.Hour, time.Hour, time.Hour},
		{time.Minute, 1, 48 * time.Hour, maxBackoff, maxBackoff},
		{24 * time.Hour, 2, 0, 1296 * time.Minute, 1584 * time.Minute},
	} {
		if got := backoff(tc.interval, tc.failures, tc.retry); got < tc.lo || got > tc.hi {
			t.Errorf("backoff(%v, %d, %v) = %v; want %v–%v", tc.interval, tc.failures, tc.retry, got, tc.lo, tc.hi)
		}
	}
}

// One poll: new articles are counted for the feed; a feed that fails (429
// with Retry-After, malformed) counts an error and gives the wait, and the
// other feeds go on.
func TestWatcherPoll(t *testing.T) {
	site, arts := testSite(t, 3, 0)
	site.Handle("/busy.xml", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Retry-After", "600")
		http.Error(w, "slow down", http.StatusTooManyRequests)
	})
	site.Handle("/broken.xml", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, "<rss><channel><item>")
	})
	e := newWebEnv(t, fetch.Config{})
	good, busy, broken := site.URL+"/rss.xml", site.URL+"/busy.xml", site.URL+"/broken.xml"
	w := NewWatcher(e.web, []string{good, busy, broken}, time.Minute, nil)
	ctx := context.Background()
	if retry, err := w.poll(ctx, good); err != nil || retry != 0 {
		t.Fatalf("good feed: %v %v", retry, err)
	}
	if retry, err := w.poll(ctx, busy); err == nil || retry != 10*time.Minute {
		t.Errorf("busy feed: retry %v, err %v; want 10m from Retry-After", retry, err)
	}
	if _, err := w.poll(ctx, broken); err == nil {
		t.Error("broken feed: no error")
	}
	site.Add(newssite.Urdu(50, day0.Add(50*time.Hour)))
	if _, err := w.poll(ctx, good); err != nil {
		t.Fatal(err)
	}
	st := w.FeedStatus()
	if st[0].Added != int64(len(arts))+1 || st[0].Errors != 0 || st[0].LastSuccess.IsZero() || st[0].Failed != 0 {
		t.Errorf("good feed status %+v; want %d added", st[0], len(arts)+1)
	}
	for _, s := range st[1:] {
		if s.Errors != 1 || !s.LastSuccess.IsZero() || s.Failed != 0 {
			t.Errorf("failing feed status %+v; want 1 error", s)
		}
	}
}
