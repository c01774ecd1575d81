package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/jawab/jawab/api"
	"github.com/jawab/jawab/app"
	"github.com/jawab/jawab/index"
	"github.com/jawab/jawab/index/feedback"
	"github.com/jawab/jawab/index/ingest"
	"github.com/jawab/jawab/index/weaviate"
	"github.com/jawab/jawab/rag"
	"github.com/jawab/jawab/xlang"
)

// Server timeouts. Handlers have their own deadlines (api.Config); these
// bound what happens around them.
const (
	// readHeaderTimeout bounds a request's headers (slowloris).
	readHeaderTimeout = 10 * time.Second
	// readTimeout bounds reading a whole request, upload included. It must
	// exceed every handler's deadline: net/http cancels a request whose
	// connection passes it.
	readTimeout = api.DefaultIngestTimeout + time.Minute
	// idleTimeout closes idle keep-alive connections.
	idleTimeout = 2 * time.Minute
	// shutdownGrace is how long requests in flight may finish after
	// SIGTERM (streams end at once, with a shutting_down event); the rest
	// are then cancelled.
	shutdownGrace = 30 * time.Second
)

func (e *environment) serve(ctx context.Context, args []string) error {
	fs := newFlagSet("serve", e.stderr)
	dataDir := dataDirFlag(fs)
	addr := fs.String("addr", "", "listen on HOST:PORT (default $JAWAB_ADDR, else "+app.DefaultAddr+"; port 0 picks a free one)")
	var watch stringList
	fs.Var(&watch, "watch", "poll this feed or sitemap and ingest its new articles while serving (repeatable; adds to $JAWAB_FEEDS)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		fmt.Fprintln(e.stderr, "usage: jawab serve [--addr HOST:PORT] [--data-dir DIR] [--watch FEED]...")
		return errUsage
	}
	cfg, err := app.LoadConfig(e.getenv, *dataDir)
	if err != nil {
		return err
	}
	s, err := app.LoadServeConfig(e.getenv, *addr)
	if err != nil {
		return err
	}
	fc, err := app.LoadFetchConfig(e.getenv)
	if err != nil {
		return err
	}
	for _, u := range watch {
		for _, f := range strings.Split(u, ",") {
			if f = strings.TrimSpace(f); f != "" {
				fc.Feeds = append(fc.Feeds, f)
			}
		}
	}
	log := slog.New(slog.NewJSONHandler(e.stderr, &slog.HandlerOptions{Level: s.LogLevel}))

	// A Weaviate cluster that cannot serve the index yet (nodes down, no
	// quorum, no leader) does not stop the server: it starts, not ready,
	// answers 503 with the cause, and serves once the cluster can.
	cfg.Store.Weaviate.Lazy = true
	ix, readOnly, err := cfg.OpenForServe(ctx, app.Notices{
		Warning: e.notices().Warning,
		ReadOnly: func(dataDir string) {
			log.Warn("the data dir is on a read-only file system: serving the index as it is; documents cannot be changed", "data_dir", dataDir)
		},
		Bundling: func(dataDir string) {
			log.Info("the index is empty: ingesting the bundled Pakistan–Russia collection first", "data_dir", dataDir)
		},
		Bundled: func(sum ingest.Summary) {
			log.Info("ingested the bundled collection", "documents", sum.Added, "chunks", sum.Chunks, "seconds", sum.Elapsed.Seconds())
		},
	})
	if err != nil {
		return err
	}
	defer ix.Close()
	var feedbackLog api.FeedbackLog
	if readOnly {
		log.Warn("feedback is not recorded: the data dir is read-only")
	} else {
		fl, err := feedback.Open(cfg.DataDir)
		if err != nil {
			return err
		}
		defer fl.Close()
		for _, w := range fl.Warnings() {
			log.Warn("feedback log", "warning", w)
		}
		feedbackLog = app.FeedbackLog{Log: fl}
	}

	ln, err := net.Listen("tcp", s.Addr)
	if err != nil {
		return rag.Wrap(rag.Invalid, err, "listen on %s", s.Addr)
	}
	if s.AdminKey == "" {
		log.Warn("no admin key (JAWAB_ADMIN_KEY): document changes are allowed only from programs on this machine")
	} else if len(s.AdminKey) < 16 {
		log.Warn("the admin key is short; use at least 16 random characters")
	}
	var health api.StoreHealth
	if w, ok := ix.Store.(*weaviate.Store); ok {
		// The cluster's nodes and membership, in /readyz and the log (now
		// and on each change).
		health = w
		go w.Watch(ctx, log, 2*time.Second)
	}
	stopping := make(chan struct{})
	library := app.NewLibrary(ix)
	apiConfig := api.Config{
		AdminKey: s.AdminKey, APIKeys: s.APIKeys, WidgetKeys: s.WidgetKeys,
		CORSOrigins: s.CORSOrigins, TrustedProxies: s.TrustedProxies,
		Rate: s.Rate, Burst: s.Burst,
	}
	// Requests get a context of their own, cancelled only when the grace
	// period after a shutdown is over, not the moment the signal comes.
	baseCtx, cancelRequests := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelRequests()
	var handler swapHandler
	srv := &http.Server{
		Handler:           &handler,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    64 << 10,
		BaseContext:       func(net.Listener) context.Context { return baseCtx },
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	base := "http://" + ln.Addr().String()
	served := make(chan error, 1)
	// finish waits for the end (a signal, or the server failing) and shuts
	// the server down.
	finish := func() error {
		select {
		case err := <-served:
			return fmt.Errorf("serve: %w", err)
		case <-ctx.Done():
		}
		log.Info("shutting down", "grace", shutdownGrace.String())
		close(stopping)
		sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
		defer cancel()
		if err := srv.Shutdown(sctx); err != nil {
			log.Warn("requests still running after the grace period; cancelling them", "err", err)
			cancelRequests()
			srv.Close()
		}
		if err := <-served; !errors.Is(err, http.ErrServerClosed) {
			return fmt.Errorf("serve: %w", err)
		}
		log.Info("stopped")
		return nil
	}
	listening := false
	if _, err := ix.Store.Stats(ctx); health != nil && rag.ErrorCode(err) == rag.StoreUnavailable {
		// Until the cluster can serve: /readyz 503 with the cluster's
		// state, and every route that reads or writes the index 503 with
		// the cause.
		log.Warn("the Weaviate cluster cannot serve the index yet: not ready until it can", "err", err)
		handler.set(api.NewServer(api.Deps{
			StoreHealth: health, Asker: unready{ix.Store}, Searcher: unready{ix.Store}, Library: library,
			Logger: log, Config: apiConfig, Stopping: stopping,
		}))
		fmt.Fprintf(e.stderr, "listening on %s\n", base)
		go func() { served <- srv.Serve(ln) }()
		listening = true
		if !waitForStore(ctx, ix.Store, served) {
			return finish()
		}
		log.Info("the Weaviate cluster can serve the index")
	}
	answerer, err := cfg.Answerer(ix)
	if err != nil {
		return err
	}
	if off, ok := answerer.Offline.(*xlang.Offline); ok {
		// The first English question would otherwise wait for the names
		// index over the collection's vocabulary.
		go off.Warm()
	}
	var (
		urls    api.URLIngester
		watched api.FeedWatcher
		watcher *app.Watcher
	)
	if !readOnly {
		web, err := app.NewWeb(library, fc.Client(version), cfg.DataDir)
		if err != nil {
			return err
		}
		urls = web
		if len(fc.Feeds) > 0 {
			watcher = app.NewWatcher(web, fc.Feeds, fc.Interval, log)
			watched = watcher
		}
	} else if len(fc.Feeds) > 0 {
		log.Warn("not watching feeds: the data dir is read-only", "feeds", len(fc.Feeds))
	}
	handler.set(api.NewServer(api.Deps{
		StoreHealth: health,
		Asker:       answerer,
		Searcher:    answerer,
		Library:     library,
		URLs:        urls,
		Feeds:       watched,
		Feedback:    feedbackLog,
		Logger:      log,
		Config:      apiConfig,
		Stopping:    stopping,
	}))
	if !listening {
		fmt.Fprintf(e.stderr, "listening on %s\n", base)
	}
	size, err := ix.Store.Stats(ctx)
	if err != nil {
		return fmt.Errorf("read the index in %s: %w", ix.Store.Dir(), err)
	}
	log.Info("listening", "url", base, "data_dir", cfg.DataDir, "documents", size.Documents,
		"embedder", ix.Embedder.Name(), "generator", app.GeneratorName(answerer))

	if !listening {
		go func() { served <- srv.Serve(ln) }()
	}
	watchCtx, stopWatching := context.WithCancel(ctx)
	watching := make(chan struct{})
	if watcher != nil {
		log.Info("watching feeds", "feeds", len(fc.Feeds), "interval", fc.Interval.String())
		go func() { defer close(watching); watcher.Run(watchCtx) }()
	} else {
		close(watching)
	}
	// The watcher stops before the index closes.
	defer func() { stopWatching(); <-watching }()
	return finish()
}

// swapHandler serves with the handler last set: the server answers, not
// ready, while the index cannot be served yet, then with every route.
type swapHandler struct{ h atomic.Pointer[http.Handler] }

func (s *swapHandler) set(h http.Handler) { s.h.Store(&h) }

func (s *swapHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	(*s.h.Load()).ServeHTTP(w, r)
}

// unready answers questions and searches while the store cannot serve:
// with the store's own error, which says why.
type unready struct{ st index.Store }

func (u unready) err(ctx context.Context) error {
	if _, err := u.st.Stats(ctx); err != nil {
		return err
	}
	return rag.Errorf(rag.StoreUnavailable, "%s: the index is being opened", u.st.Dir())
}

func (u unready) Ask(ctx context.Context, _ rag.Question) (*rag.Answer, error) {
	return nil, u.err(ctx)
}

func (u unready) Search(ctx context.Context, _ string, _ int, _ rag.Filter) (*rag.SearchResult, error) {
	return nil, u.err(ctx)
}

// storeRetry is how often a server waiting for its store tries it again.
const storeRetry = time.Second

// waitForStore tries the store until it answers (true), or the server ends
// or fails (false).
func waitForStore(ctx context.Context, st index.Store, served chan error) bool {
	for {
		select {
		case <-ctx.Done():
			return false
		case err := <-served:
			served <- err // for finish to report
			return false
		case <-time.After(storeRetry):
		}
		if _, err := st.Stats(ctx); err == nil {
			return true
		}
	}
}
