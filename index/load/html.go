package load

import (
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"golang.org/x/net/html"

	"github.com/jawab/jawab/rag"
)

// parseHTML loads a web page: readability finds the main content (dropping
// navigation, footers, scripts and ads), its text keeps paragraph breaks, and
// Clean removes what readability leaves of related lists and comment forms.
// Title, site name and publication date come from the page's metadata;
// the URL from its canonical link or og:url.
func parseHTML(id, s string, opt Options) (doc rag.Document, err error) {
	defer func() {
		// readability is a line-by-line port of a JavaScript library; a page
		// that trips it must fail alone, not end the walk.
		if p := recover(); p != nil {
			doc, err = rag.Document{ID: id}, rag.Errorf(rag.Internal, "extract html content: %v", p)
		}
	}()
	if err := checkHTMLSize(s); err != nil {
		return rag.Document{ID: id}, err
	}
	root, err := html.Parse(strings.NewReader(s))
	if err != nil {
		return rag.Document{ID: id}, rag.Wrap(rag.Invalid, err, "parse html")
	}
	page := readPageMeta(root)
	removeChrome(root)

	m := meta{id: id}
	m.url, _ = checkURL(first(page.canonical, page.ogURL)) // a bad link on a page is not the user's error

	parser := readability.NewParser()
	art, err := parser.ParseAndMutate(root, nil)
	var body string
	if err == nil {
		m.title = strings.TrimSpace(art.Title())
		m.source = strings.TrimSpace(art.SiteName())
		m.author = strings.TrimSpace(art.Byline())
		if t, err := art.PublishedTime(); err == nil {
			m.published, m.dateSource = t, rag.DateHTML
		}
		if t, err := art.ModifiedTime(); err == nil {
			m.modified = t
		}
		if art.Node != nil {
			body = render.InnerText(art.Node)
		}
	}
	if strings.TrimSpace(body) == "" {
		// Readability found no article: fall back to the body text.
		if root, err = html.Parse(strings.NewReader(s)); err != nil {
			return rag.Document{ID: id}, rag.Wrap(rag.Invalid, err, "parse html")
		}
		removeChrome(root)
		body = render.InnerText(root)
	}
	if m.title == "" {
		m.title = page.title
	}
	doc, err = build(m, body, opt)
	if err != nil {
		return doc, err
	}
	if doc.Lang == "" {
		doc.Lang, _ = checkLang(strings.SplitN(page.lang, "-", 2)[0])
	}
	return doc, nil
}

// pageMeta is what readability does not report: the canonical URL, the
// <title> as written and the declared language.
type pageMeta struct {
	title, canonical, ogURL, lang string
}

func readPageMeta(root *html.Node) pageMeta {
	var p pageMeta
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "html":
				p.lang = attr(n, "lang")
			case "title":
				if p.title == "" && n.FirstChild != nil {
					p.title = strings.TrimSpace(n.FirstChild.Data)
				}
			case "link":
				if p.canonical == "" && strings.EqualFold(attr(n, "rel"), "canonical") {
					p.canonical = attr(n, "href")
				}
			case "meta":
				if p.ogURL == "" && attr(n, "property") == "og:url" {
					p.ogURL = attr(n, "content")
				}
			case "body":
				return // metadata lives in <head>
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return p
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return strings.TrimSpace(a.Val)
		}
	}
	return ""
}

// chrome are the elements that hold page furniture, never an article. They
// are removed before readability runs: on a short page readability keeps
// everything, navigation included. Scripts stay until readability has read
// their JSON-LD metadata; it drops them itself.
var chrome = set("nav", "footer", "aside", "form", "button", "select", "iframe", "noscript", "template", "svg")

// removeChrome removes the chrome elements, and a <header> unless it sits in
// an <article> or <main> (where it holds the headline).
func removeChrome(root *html.Node) {
	var drop []*html.Node
	var walk func(n *html.Node, inArticle bool)
	walk = func(n *html.Node, inArticle bool) {
		if n.Type == html.ElementNode {
			if chrome[n.Data] || (n.Data == "header" && !inArticle) {
				drop = append(drop, n)
				return
			}
			inArticle = inArticle || n.Data == "article" || n.Data == "main"
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inArticle)
		}
	}
	walk(root, false)
	for _, n := range drop {
		n.Parent.RemoveChild(n)
	}
}
