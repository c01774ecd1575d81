// Package feeds reads what a news site publishes about its articles: RSS 2.0,
// Atom and JSON Feed documents (through gofeed) and news sitemaps (sitemap.xml
// with news:publication_date, and sitemap indexes), and tells them apart from
// article pages by content type and content.
package feeds

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
)

// Kind is what a fetched document is.
type Kind int

const (
	Unknown Kind = iota
	Page
	Feed
	Sitemap
	SitemapIndex
)

func (k Kind) String() string {
	return [...]string{"unknown", "page", "feed", "sitemap", "sitemap index"}[k]
}

// Detect tells a feed, a sitemap and a page apart by the media type and the
// document's first element.
func Detect(mediaType string, body []byte) Kind {
	head := body
	if len(head) > 4096 {
		head = head[:4096]
	}
	trimmed := bytes.TrimSpace(bytes.TrimPrefix(head, []byte("\uFEFF")))
	switch {
	case mediaType == "application/feed+json" || strings.HasSuffix(mediaType, "json") || bytes.HasPrefix(trimmed, []byte("{")):
		// gofeed takes any JSON object for a feed; JSON Feed names its version.
		var v struct {
			Version string `json:"version"`
		}
		if json.Unmarshal(body, &v) == nil && strings.Contains(v.Version, "jsonfeed.org/version/") {
			return Feed
		}
		return Unknown
	case mediaType == "text/html" || mediaType == "application/xhtml+xml":
		return Page
	}
	switch root := rootElement(trimmed); root {
	case "rss", "feed", "rdf":
		return Feed
	case "urlset":
		return Sitemap
	case "sitemapindex":
		return SitemapIndex
	case "html":
		return Page
	}
	return Unknown
}

// rootElement is the local name of an XML document's first element.
func rootElement(b []byte) string {
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = false
	for range 64 {
		tok, err := d.Token()
		if err != nil {
			return ""
		}
		if se, ok := tok.(xml.StartElement); ok {
			return strings.ToLower(se.Name.Local)
		}
	}
	return ""
}

// Item is one article a feed or sitemap lists.
type Item struct {
	URL       string
	Title     string
	Published time.Time
	Modified  time.Time
	Author    string
}

// Parsed is a feed or a sitemap.
type Parsed struct {
	Title string
	Items []Item
	// Sitemaps are the child sitemaps of a sitemap index.
	Sitemaps []string
}

// ErrMalformed marks a document that is not a well-formed feed or sitemap.
var ErrMalformed = errors.New("malformed feed")

// ParseFeed reads an RSS, Atom or JSON feed; relative item links are resolved
// against base.
func ParseFeed(body []byte, base string) (*Parsed, error) {
	f, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	p := &Parsed{Title: strings.TrimSpace(f.Title)}
	for _, it := range f.Items {
		link := it.Link
		if link == "" && len(it.Links) > 0 {
			link = it.Links[0]
		}
		if link == "" && strings.HasPrefix(it.GUID, "http") {
			link = it.GUID
		}
		link = resolve(base, link)
		if link == "" {
			continue
		}
		item := Item{URL: link, Title: strings.TrimSpace(it.Title)}
		if it.PublishedParsed != nil {
			item.Published = it.PublishedParsed.UTC()
		}
		if it.UpdatedParsed != nil {
			item.Modified = it.UpdatedParsed.UTC()
		}
		if item.Published.IsZero() {
			// Atom requires only <updated>.
			item.Published = item.Modified
		}
		if len(it.Authors) > 0 && it.Authors[0] != nil {
			item.Author = strings.TrimSpace(it.Authors[0].Name)
		}
		p.Items = append(p.Items, item)
	}
	return p, nil
}

// sitemap is a urlset or sitemapindex with the Google News extension
// (xmlns:news="http://www.google.com/schemas/sitemap-news/0.9").
type sitemap struct {
	URLs []struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod"`
		News    struct {
			PublicationDate string `xml:"publication_date"`
			Title           string `xml:"title"`
		} `xml:"news"`
	} `xml:"url"`
	Sitemaps []struct {
		Loc string `xml:"loc"`
	} `xml:"sitemap"`
}

// ParseSitemap reads a sitemap or sitemap index.
func ParseSitemap(body []byte, base string) (*Parsed, error) {
	var sm sitemap
	if err := xml.Unmarshal(body, &sm); err != nil {
		return nil, fmt.Errorf("%w: sitemap: %v", ErrMalformed, err)
	}
	p := &Parsed{}
	for _, u := range sm.URLs {
		link := resolve(base, strings.TrimSpace(u.Loc))
		if link == "" {
			continue
		}
		it := Item{URL: link, Title: strings.TrimSpace(u.News.Title)}
		it.Published, _ = parseW3CDate(u.News.PublicationDate)
		it.Modified, _ = parseW3CDate(u.LastMod)
		p.Items = append(p.Items, it)
	}
	for _, s := range sm.Sitemaps {
		if link := resolve(base, strings.TrimSpace(s.Loc)); link != "" {
			p.Sitemaps = append(p.Sitemaps, link)
		}
	}
	return p, nil
}

// parseW3CDate reads the W3C datetime forms sitemaps use: 2024-01-17,
// 2024-01-17T09:30+05:00, 2024-01-17T09:30:00Z and with fractions.
func parseW3CDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04Z07:00", "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// resolve makes link absolute against base; "" for anything but http(s).
func resolve(base, link string) string {
	link = strings.TrimSpace(link)
	if link == "" {
		return ""
	}
	u, err := url.Parse(link)
	if err != nil {
		return ""
	}
	if b, err := url.Parse(base); err == nil && base != "" {
		u = b.ResolveReference(u)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return ""
	}
	return u.String()
}
