package api

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
)

// recoverPanics turns a panic in a handler into a logged 500.
func (s *server) recoverPanics(c *gin.Context) {
	defer func() {
		v := recover()
		if v == nil {
			return
		}
		if v == http.ErrAbortHandler {
			panic(v) // net/http's way to drop a connection on purpose
		}
		s.writeError(c, fmt.Errorf("panic: %v\n%s", v, debug.Stack()))
	}()
	c.Next()
}

// observe gives the request its id and logger, and logs and counts it when it
// ends.
func (s *server) observe(c *gin.Context) {
	start := time.Now()
	id := c.GetHeader("X-Request-ID")
	if !validRequestID(id) {
		id = newRequestID()
	}
	c.Header("X-Request-ID", id)
	log := s.log.With("request_id", id)
	c.Set(keyLogger, log)
	c.Set(keyStarted, start)

	c.Next()

	status := c.Writer.Status()
	if st := c.GetInt(keyStatus); st != 0 {
		status = st
	}
	route := c.FullPath()
	if route == "" {
		route = "unmatched"
	}
	elapsed := time.Since(start)
	s.metrics.request(route, c.Request.Method, status, elapsed)
	level := slog.LevelInfo
	if status == http.StatusOK && (route == "/healthz" || route == "/readyz" || route == "/metrics") {
		level = slog.LevelDebug // probes and scrapes, every few seconds
	}
	log.Log(c.Request.Context(), level, "request", "method", c.Request.Method, "route", route, "path", c.Request.URL.Path,
		"status", status, "ms", float64(elapsed.Microseconds())/1000, "bytes", c.Writer.Size(),
		"ip", c.ClientIP())
}

// validRequestID accepts a caller's request id if it is short and plain, so
// that it cannot forge log lines or headers.
func validRequestID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.') {
			return false
		}
	}
	return true
}

func newRequestID() string {
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// securityHeaders are set on every response: the API serves JSON and event
// streams, never pages, scripts or frames.
func (s *server) securityHeaders(c *gin.Context) {
	h := c.Writer.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	c.Next()
}

// noStore keeps API answers out of shared caches.
func (s *server) noStore(c *gin.Context) {
	c.Header("Cache-Control", "no-store")
	c.Next()
}

// openAIErrors marks the route's errors for OpenAI's shape.
func (s *server) openAIErrors(c *gin.Context) {
	c.Set(keyOpenAI, true)
	c.Next()
}

// normOrigin compares origins without a trailing slash or case differences
// in the scheme and host.
func normOrigin(o string) string {
	return strings.ToLower(strings.TrimRight(strings.TrimSpace(o), "/"))
}

func (s *server) originAllowed(origin string) bool {
	return origin != "" && (s.corsAny || s.cors[normOrigin(origin)])
}

// corsHeaders lets the allowed origins call the API from a browser and answers
// their preflight requests.
func (s *server) corsHeaders(c *gin.Context) {
	origin := c.GetHeader("Origin")
	if origin == "" {
		c.Next()
		return
	}
	h := c.Writer.Header()
	h.Add("Vary", "Origin")
	preflight := c.Request.Method == http.MethodOptions && c.GetHeader("Access-Control-Request-Method") != ""
	if !s.originAllowed(origin) {
		if preflight {
			s.writeError(c, errorf(http.StatusForbidden, "origin_not_allowed", "origin %s may not call this API (JAWAB_CORS_ORIGINS)", origin))
			c.Abort()
			return
		}
		c.Next() // no CORS headers: the browser keeps the answer from the page
		return
	}
	if s.corsAny && !s.cors[normOrigin(origin)] {
		h.Set("Access-Control-Allow-Origin", "*")
	} else {
		h.Set("Access-Control-Allow-Origin", origin)
	}
	h.Set("Access-Control-Expose-Headers", "X-Request-ID, Retry-After")
	if preflight {
		h.Add("Vary", "Access-Control-Request-Method")
		h.Add("Vary", "Access-Control-Request-Headers")
		h.Set("Access-Control-Allow-Methods", "GET, POST, DELETE, OPTIONS")
		h.Set("Access-Control-Allow-Headers", "Authorization, Content-Type, X-API-Key, X-Request-ID, Accept, Last-Event-ID")
		h.Set("Access-Control-Max-Age", strconv.Itoa(int((10 * time.Minute).Seconds())))
		c.AbortWithStatus(http.StatusNoContent)
		return
	}
	c.Next()
}

// errTooLarge reports a body over limit bytes.
func errTooLarge(limit int64) error {
	return &http.MaxBytesError{Limit: limit}
}

// limitBody caps the request body at limit bytes; a larger declared length is
// refused before any of it is read.
func limitBody(c *gin.Context, limit int64) error {
	if c.Request.ContentLength > limit {
		return errTooLarge(limit)
	}
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, limit)
	return nil
}
