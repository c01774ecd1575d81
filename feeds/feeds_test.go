package feeds

import (
	"strings"
	"testing"
	"time"

	"github.com/jawab/jawab/rag"
)

const rss = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>خبریں</title><link>https://news.example/</link>
<item><title>کراچی میں بارش</title><link>/news/1</link><pubDate>Wed, 17 Jan 2024 09:30:00 +0500</pubDate><author>staff@news.example (اسٹاف رپورٹر)</author></item>
<item><title>no link</title></item>
</channel></rss>`

const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>News</title><id>urn:x</id><updated>2024-01-18T00:00:00Z</updated>
<entry><title>Only updated</title><link href="https://news.example/a"/><id>urn:a</id><updated>2024-01-18T10:00:00Z</updated><author><name>Staff</name></author></entry>
</feed>`

const jsonFeed = `{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[{"id":"1","url":"https://news.example/j","title":"J1","date_published":"2024-01-19T08:00:00+05:00","date_modified":"2024-01-20T08:00:00Z"}]}`

const sitemapXML = `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://news.example/s1</loc><lastmod>2024-01-21</lastmod><news:news><news:publication><news:name>N</news:name><news:language>ur</news:language></news:publication><news:publication_date>2024-01-20T09:30+05:00</news:publication_date><news:title>لاہور</news:title></news:news></url>
</urlset>`

const sitemapIndex = `<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://news.example/news-sitemap.xml</loc></sitemap></sitemapindex>`

func TestDetect(t *testing.T) {
	for _, tc := range []struct {
		mt, body string
		want     Kind
	}{
		{"application/rss+xml", rss, Feed},
		{"text/xml", rss, Feed},
		{"application/xml", atom, Feed},
		{"application/atom+xml", atom, Feed},
		{"application/feed+json", jsonFeed, Feed},
		{"application/json", jsonFeed, Feed},
		{"application/json", `{"a":1}`, Unknown},
		{"application/xml", sitemapXML, Sitemap},
		{"text/xml", sitemapIndex, SitemapIndex},
		{"text/html", "<html><body>x</body></html>", Page},
		{"application/xml", "<html><body>x</body></html>", Page},
		{"application/xml", "<catalog/>", Unknown},
	} {
		if got := Detect(tc.mt, []byte(tc.body)); got != tc.want {
			t.Errorf("Detect(%s, %.30q) = %v; want %v", tc.mt, tc.body, got, tc.want)
		}
	}
}

func TestParseFeeds(t *testing.T) {
	p, err := ParseFeed([]byte(rss), "https://news.example/rss.xml")
	if err != nil {
		t.Fatal(err)
	}
	want := time.Date(2024, 1, 17, 4, 30, 0, 0, time.UTC)
	if len(p.Items) != 1 || p.Items[0].URL != "https://news.example/news/1" || !p.Items[0].Published.Equal(want) || p.Items[0].Title != "کراچی میں بارش" {
		t.Errorf("rss: %+v; want one item /news/1 published %v", p.Items, want)
	}
	p, err = ParseFeed([]byte(atom), "")
	if err != nil || len(p.Items) != 1 || !p.Items[0].Published.Equal(time.Date(2024, 1, 18, 10, 0, 0, 0, time.UTC)) || p.Items[0].Author != "Staff" {
		t.Errorf("atom: %+v %v", p, err)
	}
	p, err = ParseFeed([]byte(jsonFeed), "")
	if err != nil || len(p.Items) != 1 || !p.Items[0].Published.Equal(time.Date(2024, 1, 19, 3, 0, 0, 0, time.UTC)) || !p.Items[0].Modified.Equal(time.Date(2024, 1, 20, 8, 0, 0, 0, time.UTC)) {
		t.Errorf("json: %+v %v", p, err)
	}
	for _, bad := range []string{"<rss><channel><item><title>x", "not a feed", `{"version":`} {
		if _, err := ParseFeed([]byte(bad), ""); err == nil {
			t.Errorf("%q parsed", bad)
		}
	}
}

func TestParseSitemap(t *testing.T) {
	p, err := ParseSitemap([]byte(sitemapXML), "")
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Items) != 1 || !p.Items[0].Published.Equal(time.Date(2024, 1, 20, 4, 30, 0, 0, time.UTC)) ||
		!p.Items[0].Modified.Equal(time.Date(2024, 1, 21, 0, 0, 0, 0, time.UTC)) || p.Items[0].Title != "لاہور" {
		t.Errorf("sitemap: %+v", p.Items)
	}
	p, err = ParseSitemap([]byte(sitemapIndex), "")
	if err != nil || len(p.Sitemaps) != 1 || p.Sitemaps[0] != "https://news.example/news-sitemap.xml" {
		t.Errorf("index: %+v %v", p, err)
	}
	if _, err := ParseSitemap([]byte("<urlset><url><loc>x"), ""); err == nil {
		t.Error("a broken sitemap parsed")
	}
}

func TestDocID(t *testing.T) {
	same := []string{
		"https://www.News.example/news/1234/karachi-rain?utm_source=twitter#comments",
		"http://news.example/news/1234/karachi-rain/",
		"https://news.example:443/news//1234/./karachi-rain",
	}
	for _, u := range same {
		id, err := DocID(u)
		if err != nil || id != "news.example/news/1234/karachi-rain" {
			t.Errorf("DocID(%s) = %q, %v; want news.example/news/1234/karachi-rain", u, id, err)
		}
	}
	for _, tc := range []struct{ in, want string }{
		{"https://urdu.news.example/latest/123-%DA%A9%D8%B1%D8%A7%DA%86%DB%8C", "urdu.news.example/latest/123-کراچی"},
		{"https://news.example/?p=12&b=2", "news.example?b=2&p=12"},
		{"https://news.example/a%23b/c", "news.example/a%23b/c"},
		{"https://news.example/", "news.example"},
		{"http://127.0.0.1:8080/news/1", "127.0.0.1:8080/news/1"},
	} {
		if id, err := DocID(tc.in); err != nil || id != tc.want {
			t.Errorf("DocID(%s) = %q, %v; want %q", tc.in, id, err, tc.want)
		}
	}
	long := "https://news.example/" + strings.Repeat("%DA%A9", 300)
	id, err := DocID(long)
	if err != nil || rag.ValidateDocID(id) != nil || len(id) > rag.MaxDocIDBytes {
		t.Errorf("long URL: id %q (%d bytes), %v", id, len(id), err)
	}
	if _, err := DocID("ftp://x/y"); err == nil {
		t.Error("ftp URL accepted")
	}
}

func FuzzDocID(f *testing.F) {
	for _, s := range []string{"https://news.example/a/b", "http://x/%2e%2e/%00", "https://x/a\\b#c", "https://x/" + strings.Repeat("a/", 200)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, err := DocID(s)
		if err == nil {
			if verr := rag.ValidateDocID(id); verr != nil {
				t.Fatalf("DocID(%q) = %q: %v", s, id, verr)
			}
		}
	})
}
