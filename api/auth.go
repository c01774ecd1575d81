package api

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"net"
	"net/http"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"
)

// role is what a caller's key allows.
type role int

const (
	roleAnonymous role = iota
	roleWidget
	roleAPI
	roleAdmin
)

// principal is the caller of a request.
type principal struct {
	role role
	// id names the key in logs and rate limits without revealing it.
	id     string
	widget *WidgetKey
}

// access is what a route requires.
type access int

const (
	accessAsk     access = iota // ask, feedback: API keys if configured; widget keys from their origins
	accessQuery                 // search, chat, models: API keys if configured; no widget keys
	accessAdmin                 // documents: the admin key, or loopback when none is configured
	accessMetrics               // /metrics: like accessAdmin, without rate limits
)

// keyring holds the configured keys as SHA-256 digests, compared in constant
// time.
type keyring struct {
	admin   []byte
	api     [][]byte
	widgets []widgetDigest
}

type widgetDigest struct {
	sum []byte
	key *WidgetKey
}

func digest(k string) []byte {
	s := sha256.Sum256([]byte(k))
	return s[:]
}

func newKeyring(cfg Config) *keyring {
	r := &keyring{}
	if cfg.AdminKey != "" {
		r.admin = digest(cfg.AdminKey)
	}
	for _, k := range cfg.APIKeys {
		if k != "" {
			r.api = append(r.api, digest(k))
		}
	}
	for i := range cfg.WidgetKeys {
		if w := &cfg.WidgetKeys[i]; w.Key != "" {
			r.widgets = append(r.widgets, widgetDigest{digest(w.Key), w})
		}
	}
	return r
}

// lookup finds the role of key. Every configured key is compared, in constant
// time, so that the time taken says nothing about which one (if any) matched.
func (r *keyring) lookup(key string) (principal, bool) {
	d := digest(key)
	p, found := principal{id: hex.EncodeToString(d[:6])}, false
	match := func(sum []byte) bool { return len(sum) > 0 && subtle.ConstantTimeCompare(sum, d) == 1 }
	for _, w := range r.widgets {
		if match(w.sum) {
			p.role, p.widget, found = roleWidget, w.key, true
		}
	}
	for _, a := range r.api {
		if match(a) {
			p.role, p.widget, found = roleAPI, nil, true
		}
	}
	if match(r.admin) {
		p.role, p.widget, found = roleAdmin, nil, true
	}
	return p, found
}

// requestKey is the key a request carries: Authorization: Bearer, or X-API-Key.
func requestKey(c *gin.Context) string {
	if auth := c.GetHeader("Authorization"); auth != "" {
		scheme, token, ok := strings.Cut(auth, " ")
		if ok && strings.EqualFold(scheme, "Bearer") {
			return strings.TrimSpace(token)
		}
	}
	return strings.TrimSpace(c.GetHeader("X-API-Key"))
}

// require checks the caller's key against what the route needs, and charges
// the caller's rate limit (per key for API and admin keys, per IP otherwise).
func (s *server) require(need access) gin.HandlerFunc {
	return func(c *gin.Context) {
		if err := s.authorize(c, need); err != nil {
			s.writeError(c, err)
			c.Abort()
			return
		}
		c.Next()
	}
}

func (s *server) authorize(c *gin.Context, need access) error {
	p := principal{role: roleAnonymous}
	key := requestKey(c)
	known := true
	if key != "" {
		p, known = s.keys.lookup(key)
		if !known && len(s.keys.api) == 0 && need != accessAdmin && need != accessMetrics {
			// No API keys are configured, so asking needs none: a key the
			// server does not know is ignored, as Ollama and vLLM do, so that
			// OpenAI SDKs, which must send one, work as they are. It grants
			// nothing an anonymous caller does not have.
			p, known = principal{role: roleAnonymous}, true
		}
	}
	if need != accessMetrics {
		bucket := "ip:" + c.ClientIP()
		if p.role == roleAPI || p.role == roleAdmin {
			bucket = "key:" + p.id
		}
		if err := s.limits.allow(bucket); err != nil {
			s.metrics.rateLimited.Inc()
			return err
		}
	}
	if !known {
		return unauthorized("the API key is not valid")
	}
	c.Set(keyPrinc, p)

	switch need {
	case accessAdmin, accessMetrics:
		switch {
		case p.role == roleAdmin:
			return nil
		case len(s.keys.admin) == 0 && trustedLocal(c.Request):
			return nil
		case len(s.keys.admin) == 0:
			return errorf(http.StatusForbidden, "admin_disabled",
				"no admin key is configured (JAWAB_ADMIN_KEY), so document changes and listings are allowed only from this machine, by a program, not a web page")
		case p.role == roleAnonymous:
			return unauthorized("this needs the admin key (Authorization: Bearer KEY or X-API-Key)")
		}
		return errorf(http.StatusForbidden, "forbidden", "this needs the admin key; the key given is not it")
	}

	if p.role == roleWidget {
		if need != accessAsk {
			return errorf(http.StatusForbidden, "forbidden", "a widget key may only ask questions and send feedback")
		}
		origin := c.GetHeader("Origin")
		if origin == "" || !slices.ContainsFunc(p.widget.Origins, func(o string) bool { return normOrigin(o) == normOrigin(origin) }) {
			return errorf(http.StatusForbidden, "origin_not_allowed", "this widget key works only from its own sites, not from origin %q", origin)
		}
		return nil
	}
	if p.role == roleAnonymous && len(s.keys.api) > 0 {
		return unauthorized("this needs an API key (Authorization: Bearer KEY or X-API-Key)")
	}
	return nil
}

func unauthorized(msg string) error {
	return &httpError{status: http.StatusUnauthorized, code: "unauthorized", msg: msg,
		header: map[string]string{"WWW-Authenticate": `Bearer realm="jawab"`}}
}

// trustedLocal reports whether r comes from a program on this machine: a
// loopback peer, no proxy in between (a reverse proxy on the same host would
// make every visitor look local), a local Host (DNS rebinding makes a remote
// page's requests reach loopback under its own name) and no Origin (browsers
// send one with every POST and DELETE, and a page on any site could otherwise
// change the documents of someone running jawab on their laptop).
func trustedLocal(r *http.Request) bool {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return false
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return false
	}
	for _, h := range []string{"X-Forwarded-For", "X-Real-IP", "Forwarded", "Origin"} {
		if r.Header.Get(h) != "" {
			return false
		}
	}
	if sf := r.Header.Get("Sec-Fetch-Site"); sf != "" && sf != "none" {
		return false
	}
	name := r.Host
	if h, _, err := net.SplitHostPort(name); err == nil {
		name = h
	}
	name = strings.Trim(name, "[]")
	if strings.EqualFold(name, "localhost") {
		return true
	}
	ip := net.ParseIP(name)
	return ip != nil && ip.IsLoopback()
}
