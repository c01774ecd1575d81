// Package api is jawab's HTTP server: the REST API under /v1/ (ask, search,
// documents, feedback), an OpenAI-compatible chat endpoint, server-sent event
// streams, health, metrics and the OpenAPI description. It is the only package
// that imports Gin; its dependencies are the small interfaces of deps.go.
package api

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
)

// Deps is everything the server needs; package app builds it and cmd/jawab
// hands it over.
type Deps struct {
	Asker    Asker
	Searcher Searcher
	Library  Library
	Feedback FeedbackLog
	// URLs, when set, lets POST /v1/documents take {"url": …}.
	URLs URLIngester
	// Feeds, when set, reports the watched feeds in /metrics.
	Feeds FeedWatcher
	// StoreHealth, when set, adds the store's own health to /readyz and
	// /metrics.
	StoreHealth StoreHealth
	// Logger receives one line per request and one per error; nil discards.
	Logger *slog.Logger
	Config Config
	// Stopping, when closed, tells open streams that the server is shutting
	// down: each ends with a final error event (code shutting_down), and
	// /readyz reports not ready. Close it before http.Server.Shutdown, which
	// would otherwise wait for the streams to end.
	Stopping <-chan struct{}
}

// Config is the server's policy: keys, origins, limits and deadlines. The zero
// value is safe: no keys (document changes only from this machine), no CORS,
// the default rate limits and deadlines.
type Config struct {
	// AdminKey allows document changes and listings (and /metrics). Empty
	// means those are allowed only from loopback, without forwarding headers
	// or an Origin (a browser page cannot reach them).
	AdminKey string
	// APIKeys, when not empty, are required for ask, search and chat.
	APIKeys []string
	// WidgetKeys may call only /v1/ask and /v1/feedback, and only from their
	// origins. They are public (they sit in web pages): the origin check and
	// the per-IP rate limit are what protect them.
	WidgetKeys []WidgetKey
	// CORSOrigins may call the API from a browser ("*" for any); the origins
	// of the widget keys are added.
	CORSOrigins []string
	// TrustedProxies are the addresses or CIDRs of reverse proxies whose
	// X-Forwarded-For is believed; none by default.
	TrustedProxies []string

	// Rate is the requests per second each client may make (per key for
	// API and admin keys, per IP otherwise), Burst the bucket size. Zero
	// means the defaults (DefaultRate, DefaultBurst); a negative Rate turns
	// rate limiting off.
	Rate  float64
	Burst int

	// Body limits in bytes; zero means the defaults.
	MaxBody   int64 // JSON bodies (DefaultMaxBody)
	MaxUpload int64 // multipart uploads (DefaultMaxUpload)

	// Deadlines; zero means the defaults.
	AskTimeout    time.Duration // ask and chat (DefaultAskTimeout)
	IngestTimeout time.Duration // document uploads (DefaultIngestTimeout)
	Timeout       time.Duration // everything else (DefaultTimeout)
	// KeepAlive is the interval of the comments that keep an idle stream
	// open through proxies (DefaultKeepAlive).
	KeepAlive time.Duration
}

// WidgetKey is a public key for the chat widget, valid only from Origins.
type WidgetKey struct {
	Key     string
	Origins []string
}

// Defaults for Config.
const (
	DefaultRate          = 5
	DefaultBurst         = 20
	DefaultMaxBody       = 1 << 20
	DefaultMaxUpload     = 32 << 20
	DefaultAskTimeout    = 2 * time.Minute
	DefaultIngestTimeout = 5 * time.Minute
	DefaultTimeout       = 30 * time.Second
	DefaultKeepAlive     = 15 * time.Second
)

// Model is the model name of the OpenAI-compatible endpoint.
const Model = "jawab"

// server holds what the handlers share.
type server struct {
	asker    Asker
	searcher Searcher
	library  Library
	feedback FeedbackLog
	urls     URLIngester
	health   StoreHealth
	log      *slog.Logger
	cfg      Config
	stopping <-chan struct{}

	keys    *keyring
	cors    map[string]bool
	corsAny bool
	limits  *limiter
	metrics *metrics
	engine  *gin.Engine
}

func init() {
	// Gin's mode is process-wide; release mode keeps it from printing every
	// route and warnings to stdout.
	gin.SetMode(gin.ReleaseMode)
}

// NewServer returns the HTTP handler of the whole API.
func NewServer(d Deps) http.Handler {
	return newServer(d).engine
}

func newServer(d Deps) *server {
	cfg := withDefaults(d.Config)
	s := &server{
		asker: d.Asker, searcher: d.Searcher, library: d.Library, feedback: d.Feedback, urls: d.URLs, health: d.StoreHealth,
		log: d.Logger, cfg: cfg, stopping: d.Stopping,
		keys: newKeyring(cfg),
		cors: map[string]bool{},
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.stopping == nil {
		s.stopping = make(chan struct{}) // never closed
	}
	for _, o := range cfg.CORSOrigins {
		if o == "*" {
			s.corsAny = true
		}
		s.cors[normOrigin(o)] = true
	}
	for _, w := range cfg.WidgetKeys {
		for _, o := range w.Origins {
			s.cors[normOrigin(o)] = true
		}
	}
	if cfg.Rate > 0 {
		s.limits = newLimiter(cfg.Rate, cfg.Burst)
	}
	s.metrics = newMetrics(s.library, s.health)
	if d.Feeds != nil {
		s.metrics.reg.MustRegister(newFeedCollector(d.Feeds))
	}

	e := gin.New()
	e.RedirectTrailingSlash = false
	e.RedirectFixedPath = false
	e.HandleMethodNotAllowed = true
	if err := e.SetTrustedProxies(cfg.TrustedProxies); err != nil {
		s.log.Error("invalid trusted proxies; trusting none", "err", err)
		_ = e.SetTrustedProxies(nil)
	}
	s.engine = e
	s.routes()
	return s
}

func withDefaults(c Config) Config {
	if c.Rate == 0 {
		c.Rate = DefaultRate
	}
	if c.Burst <= 0 {
		c.Burst = max(DefaultBurst, int(c.Rate))
	}
	if c.MaxBody <= 0 {
		c.MaxBody = DefaultMaxBody
	}
	if c.MaxUpload <= 0 {
		c.MaxUpload = DefaultMaxUpload
	}
	if c.AskTimeout <= 0 {
		c.AskTimeout = DefaultAskTimeout
	}
	if c.IngestTimeout <= 0 {
		c.IngestTimeout = DefaultIngestTimeout
	}
	if c.Timeout <= 0 {
		c.Timeout = DefaultTimeout
	}
	if c.KeepAlive <= 0 {
		c.KeepAlive = DefaultKeepAlive
	}
	return c
}

// isStopping reports whether the server is shutting down.
func (s *server) isStopping() bool {
	select {
	case <-s.stopping:
		return true
	default:
		return false
	}
}
