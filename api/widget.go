package api

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"html/template"
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/jawab/jawab/api/widget"
)

// pageCSP is the Content-Security-Policy of the demo page: scripts, styles,
// fonts and API calls from this origin only; no inline script or style, no
// eval. The widget works under it (its styles are a constructed style sheet
// in its Shadow DOM), which is what a news site with a strict policy needs.
const pageCSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
	"connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// asset is a static file served from the binary, gzipped once.
type asset struct {
	ctype    string
	body, gz []byte
	etag     string
}

func newAsset(ctype string, body []byte) *asset {
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression) // the level is valid
	zw.Write(body)
	zw.Close()
	sum := sha256.Sum256(body)
	return &asset{ctype: ctype, body: body, gz: b.Bytes(), etag: `"` + hex.EncodeToString(sum[:8]) + `"`}
}

var (
	widgetJS = newAsset("text/javascript; charset=utf-8", widget.Script)
	demoCSS  = newAsset("text/css; charset=utf-8", widget.DemoCSS)
	demoPage = template.Must(template.New("demo").Parse(widget.DemoPage))
)

// serveAsset serves a, gzipped when the client takes it, revalidated by ETag.
// widget.js is loaded by other sites' pages, hence Cross-Origin-Resource-Policy.
func (s *server) serveAsset(a *asset) func(*gin.Context) error {
	return func(c *gin.Context) error {
		h := c.Writer.Header()
		h.Set("Cache-Control", "public, max-age=300")
		h.Set("ETag", a.etag)
		h.Add("Vary", "Accept-Encoding")
		h.Set("Cross-Origin-Resource-Policy", "cross-origin")
		if etagMatch(c.GetHeader("If-None-Match"), a.etag) {
			c.Status(http.StatusNotModified)
			return nil
		}
		body := a.body
		if acceptsGzip(c.GetHeader("Accept-Encoding")) {
			h.Set("Content-Encoding", "gzip")
			body = a.gz
		}
		c.Data(http.StatusOK, a.ctype, body)
		return nil
	}
}

func etagMatch(header, etag string) bool {
	for t := range strings.SplitSeq(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == etag || t == "*" {
			return true
		}
	}
	return false
}

func acceptsGzip(header string) bool {
	for t := range strings.SplitSeq(header, ",") {
		name, params, _ := strings.Cut(t, ";")
		if strings.EqualFold(strings.TrimSpace(name), "gzip") {
			q := strings.ReplaceAll(params, " ", "")
			return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
		}
	}
	return false
}

type demoData struct {
	Key       string // a widget key valid for this page's origin, if any
	Lang      string // the widget's data-lang
	Inline    bool
	Origin    string // for the embedding snippet
	Documents int
}

// demoPage shows the widget over this server's collection, and how to embed
// it. "?mode=inline" renders it inside the page, "?lang=ur|en" picks its
// language. When a widget key lists this page's host among its origins, the
// page uses it, so that the demo works on a server that requires keys.
func (s *server) demoPage(c *gin.Context) error {
	d := demoData{Lang: "auto", Inline: c.Query("mode") == "inline", Key: s.demoKey(c.Request.Host)}
	if l := c.Query("lang"); l == "ur" || l == "en" {
		d.Lang = l
	}
	scheme := "http"
	if c.Request.TLS != nil {
		scheme = "https"
	}
	d.Origin = scheme + "://" + c.Request.Host
	if s.library != nil {
		// The page shows no count while the store cannot be read; asking
		// then gets the store's error.
		d.Documents, _, _ = s.library.Stats(c.Request.Context())
	}
	var b bytes.Buffer
	if err := demoPage.Execute(&b, d); err != nil {
		return err
	}
	h := c.Writer.Header()
	h.Set("Content-Security-Policy", pageCSP)
	h.Set("Cache-Control", "no-cache")
	c.Data(http.StatusOK, "text/html; charset=utf-8", b.Bytes())
	return nil
}

// demoKey is the first widget key that one of whose origins has host.
func (s *server) demoKey(host string) string {
	for _, w := range s.cfg.WidgetKeys {
		for _, o := range w.Origins {
			if u, err := url.Parse(strings.TrimSpace(o)); err == nil && u.Host != "" && strings.EqualFold(u.Host, host) {
				return w.Key
			}
		}
	}
	return ""
}
