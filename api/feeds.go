package api

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/jawab/jawab/rag"
)

// URLIngester fetches a page, feed or sitemap and ingests its articles
// (app.Web): POST /v1/documents {"url": …}.
type URLIngester interface {
	// IngestURL gives a result per URL fetched (the feed, then each
	// article); it is a rag.Invalid error when nothing could be ingested.
	IngestURL(ctx context.Context, url string) ([]IngestResult, error)
}

// FeedStatus is what the watcher of one feed has done since the server
// started.
type FeedStatus struct {
	URL         string
	LastSuccess time.Time // the last poll that read the feed (or got 304)
	Added       int64     // articles added
	Updated     int64     // articles updated
	Failed      int64     // articles that could not be ingested
	Errors      int64     // polls that failed (the feed itself)
}

// FeedWatcher reports on the watched feeds (app.Watcher), for /metrics.
type FeedWatcher interface {
	FeedStatus() []FeedStatus
}

// addURL ingests what a URL names.
func (s *server) addURL(c *gin.Context, u string) error {
	if s.urls == nil {
		return rag.Errorf(rag.Invalid, "this server does not fetch URLs; send the article's text")
	}
	ctx, cancel := context.WithTimeout(c.Request.Context(), s.cfg.IngestTimeout)
	defer cancel()
	results, err := s.urls.IngestURL(ctx, u)
	if err != nil {
		return err
	}
	status := http.StatusOK
	for _, r := range results {
		if r.Status == "added" {
			status = http.StatusCreated
		}
	}
	c.JSON(status, gin.H{"results": results})
	return nil
}

// feedCollector turns the watcher's status into series at each scrape.
type feedCollector struct {
	w                                       FeedWatcher
	success, added, updated, failed, errors *prometheus.Desc
}

func newFeedCollector(w FeedWatcher) *feedCollector {
	l := []string{"feed"}
	return &feedCollector{w: w,
		success: prometheus.NewDesc("jawab_feed_last_success_timestamp_seconds", "When the feed was last read (0: never).", l, nil),
		added:   prometheus.NewDesc("jawab_feed_items_added_total", "Articles of the feed added to the index.", l, nil),
		updated: prometheus.NewDesc("jawab_feed_items_updated_total", "Articles of the feed updated in the index.", l, nil),
		failed:  prometheus.NewDesc("jawab_feed_items_failed_total", "Articles of the feed that could not be ingested.", l, nil),
		errors:  prometheus.NewDesc("jawab_feed_errors_total", "Polls of the feed that failed.", l, nil),
	}
}

func (f *feedCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{f.success, f.added, f.updated, f.failed, f.errors} {
		ch <- d
	}
}

func (f *feedCollector) Collect(ch chan<- prometheus.Metric) {
	for _, st := range f.w.FeedStatus() {
		var last float64
		if !st.LastSuccess.IsZero() {
			last = float64(st.LastSuccess.UnixNano()) / 1e9
		}
		ch <- prometheus.MustNewConstMetric(f.success, prometheus.GaugeValue, last, st.URL)
		ch <- prometheus.MustNewConstMetric(f.added, prometheus.CounterValue, float64(st.Added), st.URL)
		ch <- prometheus.MustNewConstMetric(f.updated, prometheus.CounterValue, float64(st.Updated), st.URL)
		ch <- prometheus.MustNewConstMetric(f.failed, prometheus.CounterValue, float64(st.Failed), st.URL)
		ch <- prometheus.MustNewConstMetric(f.errors, prometheus.CounterValue, float64(st.Errors), st.URL)
	}
}
