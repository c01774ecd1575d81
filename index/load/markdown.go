package load

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/jawab/jawab/rag"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	gmtext "github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// markdown parses CommonMark with GitHub tables, so that a table's cells come
// out as text rather than as a paragraph of pipes.
var markdown = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough))

// parseMarkdown loads a Markdown article: optional front matter, then the
// document rendered to plain text. The title is the front matter's, else the
// first heading, else found as for plain text.
func parseMarkdown(id, s string, opt Options) (rag.Document, error) {
	fields, body := frontMatter(s)
	m := meta{id: id}
	if v := fields["id"]; v != "" {
		m.id = v
	}
	m.title = fields["title"]
	m.source = fields["source"]
	m.author = first(fields["author"], fields["byline"])
	var err error
	if m.url, err = checkURL(first(fields["url"], fields["link"], fields["canonical"])); err != nil {
		return rag.Document{ID: m.id}, fmt.Errorf("front matter: %w", err)
	}
	if m.published, err = parsePublished(first(fields["published"], fields["date"])); err != nil {
		return rag.Document{ID: m.id}, fmt.Errorf("front matter: %w", err)
	}
	if m.modified, err = parsePublished(first(fields["modified"], fields["updated"], fields["lastmod"])); err != nil {
		return rag.Document{ID: m.id}, fmt.Errorf("front matter: modified: %w", err)
	}
	if m.lang, err = checkLang(first(fields["lang"], fields["language"])); err != nil {
		return rag.Document{ID: m.id}, fmt.Errorf("front matter: %w", err)
	}
	if err := checkMarkdownSize(body); err != nil {
		return rag.Document{ID: m.id}, err
	}
	text, heading := renderMarkdown([]byte(body))
	if m.title == "" {
		m.title = heading
	}
	return build(m, text, opt)
}

// first returns the first non-empty string.
func first(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// frontMatter splits off a leading "---" block of "key: value" lines. Keys are
// lower-cased; values lose surrounding quotes. It is read by hand because
// article front matter is flat, and a YAML library would be a dependency for
// one loop. Lines that are not "key: value" (lists, nesting) are ignored.
// Without a closing "---" (or "...") there is no front matter.
func frontMatter(s string) (map[string]string, string) {
	rest, ok := strings.CutPrefix(s, "---\n")
	if !ok {
		return nil, s
	}
	fields := make(map[string]string)
	for {
		line, after, found := strings.Cut(rest, "\n")
		if t := strings.TrimSpace(line); t == "---" || t == "..." {
			return fields, after
		}
		if !found {
			return nil, s
		}
		rest = after
		if strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t") || strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue // nested value or comment
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		k = strings.ToLower(strings.TrimSpace(k))
		if _, dup := fields[k]; !dup {
			fields[k] = unquote(strings.TrimSpace(v))
		}
	}
}

// unquote removes YAML-style quotes around a value.
func unquote(v string) string {
	if len(v) >= 2 {
		switch {
		case v[0] == '"' && v[len(v)-1] == '"':
			if u, err := strconv.Unquote(v); err == nil {
				return u
			}
			return v[1 : len(v)-1]
		case v[0] == '\'' && v[len(v)-1] == '\'':
			return strings.ReplaceAll(v[1:len(v)-1], "''", "'")
		}
	}
	return v
}

// renderMarkdown renders Markdown to plain text: a blank line between blocks,
// one line per list item and table row, link text without its URL, no
// emphasis markers, code as written. It also returns the first heading.
func renderMarkdown(src []byte) (text, heading string) {
	doc := markdown.Parser().Parse(gmtext.NewReader(src))
	r := mdRenderer{src: src}
	blocks := r.blocks(doc)
	return strings.Join(blocks, "\n\n"), r.heading
}

type mdRenderer struct {
	src     []byte
	heading string
}

// blocks renders the block children of n, one string per paragraph.
func (r *mdRenderer) blocks(n ast.Node) []string {
	var out []string
	add := func(s string) {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Heading:
			s := strings.TrimSpace(r.inline(c))
			if r.heading == "" {
				r.heading = s
			}
			add(s)
		case *ast.Paragraph, *ast.TextBlock:
			add(r.inline(c))
		case *ast.List:
			var items []string
			num := c.Start
			for it := c.FirstChild(); it != nil; it = it.NextSibling() {
				s := strings.Join(r.blocks(it), "\n")
				if s == "" {
					continue
				}
				if c.IsOrdered() {
					s = fmt.Sprintf("%d. %s", num, s)
					num++
				}
				items = append(items, s)
			}
			add(strings.Join(items, "\n"))
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			var b strings.Builder
			lines := c.Lines()
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				b.Write(seg.Value(r.src))
			}
			add(b.String())
		case *ast.HTMLBlock, *ast.ThematicBreak:
			// Raw HTML is markup, not text; a rule only separates.
		case *extast.Table:
			var rows []string
			for row := c.FirstChild(); row != nil; row = row.NextSibling() {
				var cells []string
				for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
					cells = append(cells, strings.TrimSpace(r.inline(cell)))
				}
				rows = append(rows, strings.Join(cells, " | "))
			}
			add(strings.Join(rows, "\n"))
		default: // blockquotes, list items, anything new: their blocks
			out = append(out, r.blocks(c)...)
		}
	}
	return out
}

// inline renders the inline content of a block.
func (r *mdRenderer) inline(n ast.Node) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			v := c.Value(r.src)
			if !c.IsRaw() {
				v = util.UnescapePunctuations(util.ResolveNumericReferences(util.ResolveEntityNames(v)))
			}
			b.Write(v)
			switch {
			case c.HardLineBreak():
				b.WriteByte('\n')
			case c.SoftLineBreak():
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.AutoLink, *ast.Image, *ast.RawHTML:
			// A bare URL, an image's alt text and inline HTML are not prose.
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	// Collapse the spaces that source line breaks and dropped URLs leave,
	// as an HTML rendering would.
	lines := strings.Split(b.String(), "\n")
	for i, l := range lines {
		lines[i] = strings.Join(strings.Fields(l), " ")
	}
	return strings.Join(lines, "\n")
}
