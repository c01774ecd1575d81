// Package fetch is jawab's HTTP client for the open web: news pages, feeds
// and sitemaps that an administrator names. It refuses to reach the machine's
// own network (loopback, private, link-local and cloud metadata addresses,
// checked after DNS resolution, on every redirect and on the very socket that
// connects), bounds what a response may cost (size after decompression,
// redirects, time), accepts only HTML, XML and JSON, decodes legacy charsets
// (windows-1256 Urdu pages) to UTF-8, makes conditional requests, honours
// robots.txt and limits how many requests go to one host at once.
package fetch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/net/html/charset"
)

// Defaults of Config.
const (
	DefaultMaxBytes     = 16 << 20
	DefaultMaxRedirects = 5
	DefaultTimeout      = 30 * time.Second
	DefaultPerHost      = 4
)

// Config sets up a Client. Zero values mean the defaults.
type Config struct {
	// UserAgent identifies jawab to the sites it reads ("jawab/0.1 (+URL)").
	UserAgent string
	// Policy says which non-public addresses may be reached.
	Policy Policy
	// MaxBytes bounds a response body after decompression.
	MaxBytes int64
	// MaxRedirects bounds the redirects followed per request.
	MaxRedirects int
	// Timeout bounds one request, redirects and body included (the caller's
	// context may end it sooner).
	Timeout time.Duration
	// PerHost bounds the requests in flight to one host.
	PerHost int
	// IgnoreRobots turns the robots.txt check off.
	IgnoreRobots bool
	// Resolver looks names up (default net.DefaultResolver); tests stub it.
	Resolver Resolver
	// Transport, when set, adjusts the transport (tests trust their own
	// certificate authority with it).
	Transport func(*http.Transport)
}

// Client fetches with the limits of its Config. It is safe for concurrent use.
type Client struct {
	cfg    Config
	dialer *dialer
	http   *http.Client

	mu          sync.Mutex
	hosts       map[string]chan struct{}
	robots      map[string]*robotsEntry
	robotsLocks map[string]*sync.Mutex
}

// New returns a client for cfg.
func New(cfg Config) *Client {
	if cfg.MaxBytes <= 0 {
		cfg.MaxBytes = DefaultMaxBytes
	}
	if cfg.MaxRedirects <= 0 {
		cfg.MaxRedirects = DefaultMaxRedirects
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.PerHost <= 0 {
		cfg.PerHost = DefaultPerHost
	}
	if cfg.UserAgent == "" {
		cfg.UserAgent = "jawab (+https://github.com/jawab/jawab)"
	}
	var res Resolver = net.DefaultResolver
	if cfg.Resolver != nil {
		res = cfg.Resolver
	}
	if cfg.Policy.hosts == nil {
		cfg.Policy.hosts = map[string]bool{}
	}
	c := &Client{cfg: cfg, hosts: map[string]chan struct{}{}, robots: map[string]*robotsEntry{}, robotsLocks: map[string]*sync.Mutex{}}
	c.dialer = &dialer{policy: cfg.Policy, resolver: res, dialIP: netDialIP}
	tr := &http.Transport{
		Proxy:                  nil, // a proxy would connect for us, past the address checks
		DialContext:            c.dialer.DialContext,
		ForceAttemptHTTP2:      true,
		MaxIdleConnsPerHost:    cfg.PerHost,
		IdleConnTimeout:        90 * time.Second,
		TLSHandshakeTimeout:    10 * time.Second,
		ResponseHeaderTimeout:  cfg.Timeout,
		MaxResponseHeaderBytes: 1 << 20,
	}
	if cfg.Transport != nil {
		cfg.Transport(tr)
	}
	c.http = &http.Client{Transport: tr, CheckRedirect: c.checkRedirect}
	return c
}

// Policy is the client's address policy.
func (c *Client) Policy() Policy { return c.cfg.Policy }

func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > c.cfg.MaxRedirects {
		return &Error{URL: req.URL.String(), Kind: KindRedirects, Err: fmt.Errorf("more than %d redirects", c.cfg.MaxRedirects)}
	}
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return &Error{URL: req.URL.String(), Kind: KindInvalid, Err: fmt.Errorf("redirect to a %s: URL", req.URL.Scheme)}
	}
	// The dialer checks the address of every connection; checking the host
	// here too gives the clearer error before any connection is reused.
	if _, err := c.dialer.resolve(req.Context(), req.URL.Hostname()); err != nil {
		return err
	}
	return nil
}

// Validators are what a server said about a response, for a conditional
// request next time.
type Validators struct {
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
}

// Response is a fetched document.
type Response struct {
	// URL is where the document came from, after redirects.
	URL string
	// NotModified is set when the server answered 304 to a conditional
	// request; Body is then empty.
	NotModified bool
	// MediaType is the Content-Type without parameters ("text/html"),
	// sniffed when the server sent none.
	MediaType string
	// Body is the document, in UTF-8 for HTML and XML (converted from the
	// declared or detected charset).
	Body       []byte
	Validators Validators
}

// Kind classifies a failed fetch.
type Kind string

const (
	KindInvalid     Kind = "invalid_url"
	KindBlocked     Kind = "blocked_address"
	KindRobots      Kind = "robots_disallowed"
	KindStatus      Kind = "http_status"
	KindTooLarge    Kind = "too_large"
	KindContentType Kind = "content_type"
	KindRedirects   Kind = "too_many_redirects"
	KindNetwork     Kind = "network"
	KindCharset     Kind = "charset"
)

// Error is a failed fetch.
type Error struct {
	URL  string
	Kind Kind
	// Status is the HTTP status for KindStatus.
	Status int
	// RetryAfter is the server's Retry-After, when it sent one (429, 503).
	RetryAfter time.Duration
	Err        error
}

func (e *Error) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("fetch %s: %s", e.URL, e.Kind)
	}
	return fmt.Sprintf("fetch %s: %v", e.URL, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// Gone reports whether err says the document no longer exists (404, 410).
func Gone(err error) bool {
	var fe *Error
	return errors.As(err, &fe) && fe.Kind == KindStatus && (fe.Status == http.StatusNotFound || fe.Status == http.StatusGone)
}

// RetryAfter is the server's requested wait in err, or 0.
func RetryAfter(err error) time.Duration {
	var fe *Error
	if errors.As(err, &fe) {
		return fe.RetryAfter
	}
	return 0
}

// BlockedError is a connection refused by the address policy.
type BlockedError struct {
	Host, Addr string
}

func (e *BlockedError) Error() string {
	if e.Host == e.Addr || e.Host == "" {
		return fmt.Sprintf("refused to connect to %s: not a public address (allow it with JAWAB_FETCH_ALLOW)", e.Addr)
	}
	return fmt.Sprintf("refused to connect to %s (%s): not a public address (allow it with JAWAB_FETCH_ALLOW)", e.Host, e.Addr)
}

// Blocked reports whether err is a refusal by the address policy.
func Blocked(err error) bool {
	var be *BlockedError
	return errors.As(err, &be)
}

// CheckURL parses an absolute http(s) URL without credentials.
func CheckURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, &Error{URL: raw, Kind: KindInvalid, Err: fmt.Errorf("%q is not an absolute http or https URL", raw)}
	}
	if u.User != nil {
		return nil, &Error{URL: raw, Kind: KindInvalid, Err: errors.New("the URL carries credentials")}
	}
	u.Fragment, u.RawFragment = "", ""
	return u, nil
}

// Get fetches rawURL: a conditional request when v has validators (a 304
// gives a Response with NotModified), the robots.txt of its host consulted
// first. Any other outcome than 200 or 304 is an *Error.
func (c *Client) Get(ctx context.Context, rawURL string, v Validators) (*Response, error) {
	u, err := CheckURL(rawURL)
	if err != nil {
		return nil, err
	}
	if err := c.allowedByRobots(ctx, u); err != nil {
		return nil, err
	}
	return c.get(ctx, u, v, c.cfg.MaxBytes, false)
}

// get fetches u; plain accepts text/plain too (robots.txt).
func (c *Client) get(ctx context.Context, u *url.URL, v Validators, maxBytes int64, plain bool) (*Response, error) {
	fail := func(k Kind, err error) (*Response, error) {
		var fe *Error
		if errors.As(err, &fe) {
			return nil, fe
		}
		if Blocked(err) {
			k = KindBlocked
		}
		return nil, &Error{URL: u.String(), Kind: k, Err: err}
	}
	// The address is checked before the request too: a refused URL fails
	// at once with the plain reason, whatever the connection pool holds.
	if _, err := c.dialer.resolve(ctx, u.Hostname()); err != nil {
		return fail(KindNetwork, err)
	}
	release, err := c.acquire(ctx, u.Host)
	if err != nil {
		return fail(KindNetwork, err)
	}
	defer release()
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return fail(KindInvalid, err)
	}
	req.Header.Set("User-Agent", c.cfg.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/feed+json,application/xml;q=0.9,application/json;q=0.8,*/*;q=0.1")
	if v.ETag != "" {
		req.Header.Set("If-None-Match", v.ETag)
	}
	if v.LastModified != "" {
		req.Header.Set("If-Modified-Since", v.LastModified)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return fail(KindNetwork, err)
	}
	defer resp.Body.Close()
	final := resp.Request.URL.String()
	out := &Response{URL: final, Validators: Validators{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}}
	switch {
	case resp.StatusCode == http.StatusNotModified:
		out.NotModified = true
		if out.Validators == (Validators{}) {
			out.Validators = v
		}
		return out, nil
	case resp.StatusCode != http.StatusOK:
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return nil, &Error{URL: final, Kind: KindStatus, Status: resp.StatusCode, RetryAfter: retryAfter(resp.Header.Get("Retry-After")),
			Err: fmt.Errorf("HTTP %s", resp.Status)}
	}
	if resp.ContentLength > maxBytes {
		return nil, &Error{URL: final, Kind: KindTooLarge, Err: fmt.Errorf("the response is %d bytes; at most %d are read", resp.ContentLength, maxBytes)}
	}
	// The transport has already undone a gzip encoding it asked for, so the
	// limit is on the decompressed bytes.
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBytes+1))
	if err != nil {
		return fail(KindNetwork, err)
	}
	if int64(len(body)) > maxBytes {
		return nil, &Error{URL: final, Kind: KindTooLarge, Err: fmt.Errorf("the response is over %d bytes (after decompression); refused", maxBytes)}
	}
	ct := resp.Header.Get("Content-Type")
	mt, params, _ := mime.ParseMediaType(ct)
	if mt == "" {
		mt, params, _ = mime.ParseMediaType(http.DetectContentType(body))
	}
	mt = strings.ToLower(mt)
	out.MediaType = mt
	switch {
	case isHTML(mt):
		out.Body, err = toUTF8HTML(body, ct)
	case isXML(mt):
		out.Body, err = toUTF8XML(body, params["charset"])
	case isJSON(mt):
		out.Body = body
	case mt == "text/plain" && plain:
		out.Body = body
	case mt == "text/plain" && looksLikeMarkup(body):
		// Servers that label feeds text/plain.
		out.Body, err = toUTF8XML(body, params["charset"])
		out.MediaType = "text/xml"
	default:
		return nil, &Error{URL: final, Kind: KindContentType, Err: fmt.Errorf("content type %q is not HTML, XML or JSON; refused", mt)}
	}
	if err != nil {
		return nil, &Error{URL: final, Kind: KindCharset, Err: err}
	}
	return out, nil
}

func isHTML(mt string) bool { return mt == "text/html" || mt == "application/xhtml+xml" }
func isXML(mt string) bool {
	return mt == "text/xml" || mt == "application/xml" || strings.HasSuffix(mt, "+xml")
}
func isJSON(mt string) bool { return mt == "application/json" || strings.HasSuffix(mt, "+json") }

func looksLikeMarkup(b []byte) bool {
	b = bytes.TrimSpace(bytes.TrimPrefix(b, []byte("\uFEFF")))
	return bytes.HasPrefix(b, []byte("<?xml")) || bytes.HasPrefix(b, []byte("<rss")) || bytes.HasPrefix(b, []byte("<feed"))
}

// retryAfter reads Retry-After: seconds or an HTTP date.
func retryAfter(v string) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if n, err := strconv.Atoi(v); err == nil && n >= 0 {
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := time.Until(t); d > 0 {
			return d
		}
	}
	return 0
}

// toUTF8HTML decodes a page by its byte-order mark, the Content-Type charset,
// its <meta charset>, else as UTF-8 when it is valid UTF-8.
func toUTF8HTML(body []byte, contentType string) ([]byte, error) {
	enc, name, _ := charset.DetermineEncoding(body, contentType)
	if name == "utf-8" {
		return bytes.TrimPrefix(body, []byte("\uFEFF")), nil
	}
	if name == "windows-1252" && !declaresCharset(body, contentType) && validUTF8(body) {
		return body, nil // the default guess for an undeclared page
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return nil, fmt.Errorf("decode %s: %w", name, err)
	}
	return out, nil
}

var metaCharset = regexp.MustCompile(`(?i)<meta[^>]+charset`)

func declaresCharset(body []byte, contentType string) bool {
	_, params, _ := mime.ParseMediaType(contentType)
	head := body
	if len(head) > 2048 {
		head = head[:2048]
	}
	return params["charset"] != "" || metaCharset.Match(head)
}

func validUTF8(b []byte) bool { return bytes.Equal(bytes.ToValidUTF8(b, nil), b) }

var xmlDecl = regexp.MustCompile(`^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["'][^>]*\?>`)

// toUTF8XML decodes an XML document by the Content-Type charset or its
// declaration and rewrites the declaration to say UTF-8, so that a parser
// does not decode it twice.
func toUTF8XML(body []byte, headerCharset string) ([]byte, error) {
	body = bytes.TrimPrefix(body, []byte("\uFEFF"))
	name := headerCharset
	loc := xmlDecl.FindSubmatchIndex(body)
	if name == "" && loc != nil {
		name = string(body[loc[2]:loc[3]])
	}
	if name == "" || strings.EqualFold(name, "utf-8") || strings.EqualFold(name, "utf8") {
		return body, nil
	}
	enc, canonical := charset.Lookup(name)
	if enc == nil {
		return nil, fmt.Errorf("unknown charset %q", name)
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return nil, fmt.Errorf("decode %s: %w", canonical, err)
	}
	if loc := xmlDecl.FindSubmatchIndex(out); loc != nil {
		out = append(append(append([]byte{}, out[:loc[2]]...), "UTF-8"...), out[loc[3]:]...)
	}
	return out, nil
}

// acquire takes one of host's request slots.
func (c *Client) acquire(ctx context.Context, host string) (func(), error) {
	c.mu.Lock()
	sem, ok := c.hosts[host]
	if !ok {
		sem = make(chan struct{}, c.cfg.PerHost)
		c.hosts[host] = sem
	}
	c.mu.Unlock()
	select {
	case sem <- struct{}{}:
		return func() { <-sem }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}
