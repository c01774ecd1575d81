package api

import (
	"context"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/jawab/jawab/rag"
)

// metrics are the server's Prometheus series, in a registry of its own (so
// that several servers in one process, as in tests, do not collide).
type metrics struct {
	reg         *prometheus.Registry
	requests    *prometheus.CounterVec
	latency     *prometheus.HistogramVec
	stages      *prometheus.HistogramVec
	answers     *prometheus.CounterVec
	llmErrors   prometheus.Counter
	rateLimited prometheus.Counter
}

func newMetrics(lib Library, health StoreHealth) *metrics {
	m := &metrics{reg: prometheus.NewRegistry()}
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "jawab_http_requests_total", Help: "HTTP requests by route, method and status.",
	}, []string{"route", "method", "status"})
	m.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "jawab_http_request_duration_seconds", Help: "HTTP request latency by route (streams: until the end of the stream).",
		Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60, 120},
	}, []string{"route", "method"})
	m.stages = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "jawab_answer_stage_duration_seconds", Help: "Time spent per stage of answering: retrieve, generate, translate, total (from Answer.timings) and first_token (the first piece of the answer).",
		Buckets: []float64{.001, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60},
	}, []string{"stage"})
	m.answers = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "jawab_answers_total", Help: "Answers by generator and whether they refused.",
	}, []string{"generator", "refused"})
	m.llmErrors = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "jawab_llm_errors_total", Help: "Answers for which the LLM failed (and the extractive answer was given instead).",
	})
	m.rateLimited = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "jawab_rate_limited_total", Help: "Requests refused by the rate limits.",
	})
	m.reg.MustRegister(m.requests, m.latency, m.stages, m.answers, m.llmErrors, m.rateLimited,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if health != nil {
		m.reg.MustRegister(servedCollector{health})
	}
	if lib != nil {
		m.reg.MustRegister(newIndexCollector(lib))
	}
	// Series that exist before the first event, so that dashboards and
	// alerts see zeros rather than nothing.
	for _, st := range []string{"queue", "retrieve", "generate", "first_token", "total"} {
		m.stages.WithLabelValues(st)
	}
	return m
}

func (m *metrics) request(route, method string, status int, d time.Duration) {
	m.requests.WithLabelValues(route, method, strconv.Itoa(status)).Inc()
	m.latency.WithLabelValues(route, method).Observe(d.Seconds())
}

// answer records the stages of an answer and whether the LLM failed.
func (m *metrics) answer(a *rag.Answer) {
	for stage, ms := range a.Timings {
		m.stages.WithLabelValues(stage).Observe(ms / 1000)
	}
	m.answers.WithLabelValues(a.Generator, strconv.FormatBool(a.Refused)).Inc()
	for _, w := range a.Warnings {
		if strings.HasPrefix(w, "the LLM failed") {
			m.llmErrors.Inc()
			break
		}
	}
}

func (m *metrics) firstToken(d time.Duration) {
	m.stages.WithLabelValues("first_token").Observe(d.Seconds())
}

func (s *server) metricsHandler() gin.HandlerFunc {
	return gin.WrapH(promhttp.HandlerFor(s.metrics.reg, promhttp.HandlerOpts{}))
}

// indexCollector reports the index's size and whether the store answered,
// from one Stats call per scrape (against Weaviate each is two counts).
// While the store cannot be read the sizes are NaN, so that a dashboard shows
// a gap, not an empty index, and jawab_store_up is 0.
type indexCollector struct {
	lib              Library
	docs, chunks, up *prometheus.Desc
}

func newIndexCollector(lib Library) *indexCollector {
	return &indexCollector{lib: lib,
		docs:   prometheus.NewDesc("jawab_index_documents", "Documents in the index (NaN while the store cannot be read).", nil, nil),
		chunks: prometheus.NewDesc("jawab_index_chunks", "Chunks in the index (NaN while the store cannot be read).", nil, nil),
		up:     prometheus.NewDesc("jawab_store_up", "1 when the index store answered the last scrape, 0 when it did not.", nil, nil),
	}
}

func (c *indexCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- c.docs
	ch <- c.chunks
	ch <- c.up
}

func (c *indexCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), readyTimeout)
	defer cancel()
	d, n, err := c.lib.Stats(ctx)
	docs, chunks, up := float64(d), float64(n), 1.0
	if err != nil {
		docs, chunks, up = math.NaN(), math.NaN(), 0
	}
	ch <- prometheus.MustNewConstMetric(c.docs, prometheus.GaugeValue, docs)
	ch <- prometheus.MustNewConstMetric(c.chunks, prometheus.GaugeValue, chunks)
	ch <- prometheus.MustNewConstMetric(c.up, prometheus.GaugeValue, up)
}

// servedCollector exports the calls each store node answered.
type servedCollector struct{ h StoreHealth }

var servedDesc = prometheus.NewDesc("jawab_store_node_calls_total", "Calls to the index store answered, by store node.", []string{"node"}, nil)

func (c servedCollector) Describe(ch chan<- *prometheus.Desc) { ch <- servedDesc }

func (c servedCollector) Collect(ch chan<- prometheus.Metric) {
	for node, n := range c.h.Served() {
		ch <- prometheus.MustNewConstMetric(servedDesc, prometheus.CounterValue, float64(n), node)
	}
}
