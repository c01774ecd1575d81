// Package newssite is a fake news site for tests: real HTTP on loopback
// (httptest), Urdu and English article pages with datelines, RSS 2.0, Atom,
// JSON Feed and a news sitemap over them, ETag and Last-Modified answered
// with 304, robots.txt, a windows-1256 page, and articles that can be edited
// or deleted while a test runs. It counts the requests it gets by path.
package newssite

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"time"

	"golang.org/x/text/encoding/charmap"
)

// Article is one story of the site.
type Article struct {
	Slug      string
	Title     string
	Lang      string // "ur" or "en"
	Paras     []string
	Published time.Time
	Modified  time.Time
	// MetaDate puts article:published_time in the page; without it the date
	// comes only from the feed (or the dateline).
	MetaDate bool
	// Windows1256 serves the page in that charset (declared in the header).
	Windows1256 bool
	// Gone answers 410, NotFound 404.
	Gone, NotFound bool
}

// Site is the running fake site.
type Site struct {
	*httptest.Server
	mu       sync.Mutex
	articles []*Article
	hits     map[string]int
	// Extra routes a test adds (faults).
	extra map[string]http.HandlerFunc
}

// New starts a site with the given articles.
func New(arts ...*Article) *Site {
	s := &Site{hits: map[string]int{}, extra: map[string]http.HandlerFunc{}}
	s.articles = arts
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// Handle adds a route (exact path).
func (s *Site) Handle(path string, h http.HandlerFunc) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.extra[path] = h
}

// Add publishes an article.
func (s *Site) Add(a *Article) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.articles = append(s.articles, a)
}

// Edit changes an article under the lock.
func (s *Site) Edit(slug string, f func(*Article)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, a := range s.articles {
		if a.Slug == slug {
			f(a)
		}
	}
}

// Hits is how many requests path got.
func (s *Site) Hits(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// ResetHits forgets the counts.
func (s *Site) ResetHits() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hits = map[string]int{}
}

// URL is the address of an article.
func (s *Site) ArticleURL(slug string) string { return s.Server.URL + "/news/" + slug }

func (s *Site) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.hits[r.URL.Path]++
	h := s.extra[r.URL.Path]
	var live []*Article
	var page *Article
	for _, a := range s.articles {
		c := *a
		if !a.Gone && !a.NotFound {
			live = append(live, &c)
		}
		if r.URL.Path == "/news/"+a.Slug {
			page = &c
		}
	}
	s.mu.Unlock()
	if h != nil {
		h(w, r)
		return
	}
	sort.Slice(live, func(i, j int) bool { return live[i].Published.After(live[j].Published) })
	switch r.URL.Path {
	case "/robots.txt":
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
	case "/rss.xml":
		s.conditional(w, r, "application/rss+xml; charset=utf-8", s.rss(live))
	case "/atom.xml":
		s.conditional(w, r, "application/atom+xml", s.atom(live))
	case "/feed.json":
		s.conditional(w, r, "application/feed+json", s.jsonFeed(live))
	case "/sitemap.xml":
		s.conditional(w, r, "application/xml", s.sitemap(live))
	default:
		switch {
		case page == nil:
			http.NotFound(w, r)
		case page.Gone:
			http.Error(w, "gone", http.StatusGone)
		case page.NotFound:
			http.NotFound(w, r)
		case page.Windows1256:
			// Legacy Urdu pages write the Arabic yeh and a full stop:
			// windows-1256 has no U+06CC, U+06D4 or U+0670.
			b, err := charmap.Windows1256.NewEncoder().Bytes([]byte(legacy.Replace(s.Page(page))))
			if err != nil {
				http.Error(w, err.Error(), 500)
				return
			}
			s.conditional(w, r, "text/html; charset=windows-1256", b)
		default:
			s.conditional(w, r, "text/html; charset=utf-8", []byte(s.Page(page)))
		}
	}
}

// conditional serves body with an ETag and Last-Modified, or 304.
func (s *Site) conditional(w http.ResponseWriter, r *http.Request, ct string, body []byte) {
	sum := sha256.Sum256(body)
	etag := `"` + hex.EncodeToString(sum[:8]) + `"`
	w.Header().Set("ETag", etag)
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Type", ct)
	w.Write(body)
}

// Page is the HTML of an article: navigation, the story with its dateline,
// a related list and a footer.
func (s *Site) Page(a *Article) string {
	var b strings.Builder
	cs := "utf-8"
	if a.Windows1256 {
		cs = "windows-1256"
	}
	dir := "rtl"
	if a.Lang == "en" {
		dir = "ltr"
	}
	fmt.Fprintf(&b, "<!doctype html><html lang=%q dir=%q><head><meta charset=%q><title>%s</title>\n", a.Lang, dir, cs, html.EscapeString(a.Title))
	fmt.Fprintf(&b, "<link rel=\"canonical\" href=\"%s\">\n", s.ArticleURL(a.Slug))
	fmt.Fprintf(&b, "<meta property=\"og:site_name\" content=\"Jawab Test News\">\n")
	if a.MetaDate {
		fmt.Fprintf(&b, "<meta property=\"article:published_time\" content=%q>\n", a.Published.Format(time.RFC3339))
		if !a.Modified.IsZero() {
			fmt.Fprintf(&b, "<meta property=\"article:modified_time\" content=%q>\n", a.Modified.Format(time.RFC3339))
		}
	}
	b.WriteString("</head><body><nav><a href=\"/\">صفحہ اول</a> <a href=\"/pakistan\">پاکستان</a> <a href=\"/world\">دنیا</a></nav>\n<main><article>")
	fmt.Fprintf(&b, "<h1>%s</h1>\n", html.EscapeString(a.Title))
	for _, p := range a.Paras {
		fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(p))
	}
	b.WriteString("</article></main><aside><h3>مزید خبریں</h3><ul><li><a href=\"/news/x\">کراچی میں بارش</a></li></ul></aside>\n<footer>© Jawab Test News</footer></body></html>")
	return b.String()
}

func (s *Site) rss(arts []*Article) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Jawab Test News</title><link>` + s.URL + `/</link><description>خبریں</description>` + "\n")
	for _, a := range arts {
		fmt.Fprintf(&b, "<item><title>%s</title><link>%s</link><guid>%s</guid><pubDate>%s</pubDate><dc:creator>اسٹاف رپورٹر</dc:creator><description>%s</description></item>\n",
			xmlEscape(a.Title), s.ArticleURL(a.Slug), s.ArticleURL(a.Slug), a.Published.Format(time.RFC1123Z), xmlEscape(a.Paras[0]))
	}
	b.WriteString("</channel></rss>\n")
	return []byte(b.String())
}

func (s *Site) atom(arts []*Article) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?>` + "\n" + `<feed xmlns="http://www.w3.org/2005/Atom"><title>Jawab Test News</title><id>` + s.URL + `/</id><updated>2024-03-01T00:00:00Z</updated>` + "\n")
	for _, a := range arts {
		upd := a.Modified
		if upd.IsZero() {
			upd = a.Published
		}
		fmt.Fprintf(&b, "<entry><title>%s</title><link href=\"%s\"/><id>%s</id><published>%s</published><updated>%s</updated><author><name>Staff</name></author></entry>\n",
			xmlEscape(a.Title), s.ArticleURL(a.Slug), s.ArticleURL(a.Slug), a.Published.Format(time.RFC3339), upd.Format(time.RFC3339))
	}
	b.WriteString("</feed>\n")
	return []byte(b.String())
}

func (s *Site) jsonFeed(arts []*Article) []byte {
	type item struct {
		ID            string `json:"id"`
		URL           string `json:"url"`
		Title         string `json:"title"`
		DatePublished string `json:"date_published"`
	}
	f := struct {
		Version string `json:"version"`
		Title   string `json:"title"`
		Items   []item `json:"items"`
	}{Version: "https://jsonfeed.org/version/1.1", Title: "Jawab Test News"}
	for _, a := range arts {
		f.Items = append(f.Items, item{ID: a.Slug, URL: s.ArticleURL(a.Slug), Title: a.Title, DatePublished: a.Published.Format(time.RFC3339)})
	}
	b, _ := json.Marshal(f)
	return b
}

func (s *Site) sitemap(arts []*Article) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">` + "\n")
	for _, a := range arts {
		fmt.Fprintf(&b, "<url><loc>%s</loc><news:news><news:publication><news:name>Jawab Test News</news:name><news:language>%s</news:language></news:publication><news:publication_date>%s</news:publication_date><news:title>%s</news:title></news:news></url>\n",
			s.ArticleURL(a.Slug), a.Lang, a.Published.Format(time.RFC3339), xmlEscape(a.Title))
	}
	b.WriteString("</urlset>\n")
	return []byte(b.String())
}

var legacy = strings.NewReplacer("ی", "ي", "۔", ".", "\u0670", "")

func xmlEscape(s string) string { return html.EscapeString(s) }

// cities and their Urdu names, for varied datelines.
var cities = []string{"کراچی", "لاہور", "اسلام آباد", "پشاور", "کوئٹہ", "ملتان", "فیصل آباد", "حیدرآباد"}

// Urdu returns the i-th Urdu story: a dateline "کراچی (اسٹاف رپورٹر)" and a
// few short news paragraphs whose numbers make it unique.
func Urdu(i int, published time.Time) *Article {
	city := cities[i%len(cities)]
	return &Article{
		Slug:      fmt.Sprintf("2024/ur-%03d", i),
		Title:     fmt.Sprintf("%s میں ترقیاتی منصوبہ نمبر %d کا افتتاح", city, i),
		Lang:      "ur",
		Published: published,
		Paras: []string{
			fmt.Sprintf("%s (اسٹاف رپورٹر) وزیر اعلیٰ نے شہر میں ترقیاتی منصوبہ نمبر %d کا افتتاح کر دیا جس پر %d کروڑ روپے لاگت آئے گی۔", city, i, 10+i),
			fmt.Sprintf("حکام کے مطابق منصوبے سے %d ہزار شہریوں کو پینے کا صاف پانی ملے گا اور یہ %d ماہ میں مکمل ہوگا۔", 5+i, 6+i%12),
			"تقریب میں شہریوں اور تاجروں کی بڑی تعداد نے شرکت کی اور منصوبے کو خوش آئند قرار دیا۔",
		},
	}
}

// English returns the i-th English story with a dateline.
func English(i int, published time.Time) *Article {
	return &Article{
		Slug:      fmt.Sprintf("2024/en-%03d", i),
		Title:     fmt.Sprintf("Karachi opens water project %d", i),
		Lang:      "en",
		Published: published,
		Paras: []string{
			fmt.Sprintf("KARACHI (Staff Reporter) - The provincial government opened water project %d on Monday at a cost of %d million rupees.", i, 100+i),
			fmt.Sprintf("Officials said the project would bring clean drinking water to %d thousand residents within %d months.", 5+i, 6+i%12),
			"Traders and residents who attended the ceremony welcomed the project.",
		},
	}
}
