package load

import (
	"strings"
	"testing"
	"time"
)

func TestParseMarkdownFrontMatter(t *testing.T) {
	doc := mustLoad(t, "gwadar.md", "gwadar", readFixture(t, "urdu-article.md"))
	checks := []struct{ field, got, want string }{
		{"Title", doc.Title, "گوادر بندرگاہ پر نئی برتھ کا افتتاح"},
		{"Source", doc.Source, "جواب نیوز"},
		{"URL", doc.URL, "https://example.pk/news/gwadar-berth"},
		{"Lang", doc.Lang, "ur"},
		{"ID", doc.ID, "gwadar"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
		}
	}
	if want := date(2024, time.March, 12); !doc.Published.Equal(want) {
		t.Errorf("Published = %v, want %v", doc.Published, want)
	}
	want := `گوادر میں نئی برتھ

گوادر (نمائندہ خصوصی) وفاقی وزیر برائے بحری امور نے منگل کو گوادر بندرگاہ پر نئی برتھ کا افتتاح کیا، جس سے بڑے بحری جہاز بھی یہاں لنگر انداز ہو سکیں گے۔

انہوں نے کہا کہ یہ منصوبہ چین پاکستان اقتصادی راہداری کا حصہ ہے اور اس سے علاقے میں روزگار کے نئے مواقع پیدا ہوں گے۔

اہم نکات

نئی برتھ کی لمبائی تین سو میٹر ہے۔
منصوبے پر پانچ ارب روپے لاگت آئی۔
پہلا جہاز اگلے ماہ آئے گا۔

بندرگاہ کے چیئرمین نے کہا: "ہم دنیا کے لیے تیار ہیں۔"`
	if doc.Text != want {
		t.Errorf("Text:\n%s\nwant:\n%s", doc.Text, want)
	}
}

func TestParseMarkdownHeadingTitle(t *testing.T) {
	doc := mustLoad(t, "port.md", "port", readFixture(t, "english-heading.md"))
	if doc.Title != "Karachi port handles record cargo" {
		t.Errorf("Title = %q", doc.Title)
	}
	if want := date(2024, time.January, 17); !doc.Published.Equal(want) {
		t.Errorf("Published = %v, want %v (the date line)", doc.Published, want)
	}
	if doc.Lang != "en" || doc.Source != "test" {
		t.Errorf("Lang, Source = %q, %q; want en, test", doc.Lang, doc.Source)
	}
	for _, want := range []string{
		"See for the figures.",             // autolink URL dropped
		"1. Coal imports rose 20 percent.", // ordered list keeps its numbers
		"tonnes: 55,000,000",               // code as text
	} {
		if !strings.Contains(doc.Text, want) {
			t.Errorf("Text lacks %q:\n%s", want, doc.Text)
		}
	}
	for _, bad := range []string{"17 January 2024", "https://", "Read more", "Port Qasim", "```", "#"} {
		if strings.Contains(doc.Text, bad) {
			t.Errorf("Text contains %q:\n%s", bad, doc.Text)
		}
	}
}

func TestRenderMarkdown(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"emphasis and links", "Some *em* and **strong** and [a link](http://x.y) and `code`.", "Some em and strong and a link and code."},
		{"escapes and entities", `A \*star\* &amp; an &eacute; and &#1575;`, "A *star* & an é and ا"},
		{"soft break joins, hard break splits", "one\ntwo  \nthree", "one two\nthree"},
		{"image alt and html dropped", "Before ![alt text](i.png) <b>bold</b> after", "Before bold after"},
		{"blockquote and nested list", "> quoted\n\n- a\n  - b\n- c", "quoted\n\na\nb\nc"},
		{"table", "| h1 | h2 |\n|----|----|\n| a | b |", "h1 | h2\na | b"},
		{"html block dropped", "<div>\nraw\n</div>\n\nText.", "Text."},
		{"setext heading", "Title\n=====\n\nBody.", "Title\n\nBody."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := renderMarkdown([]byte(tt.in))
			if got != tt.want {
				t.Errorf("renderMarkdown(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestFrontMatter(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		fields map[string]string
		body   string
	}{
		{"none", "# T\n", nil, "# T\n"},
		{"quoted values", "---\nTitle: \"Say \\\"hi\\\"\"\nsource: 'Dawn''s desk'\n# comment\nid: a/b\n---\nbody", map[string]string{"title": `Say "hi"`, "source": "Dawn's desk", "id": "a/b"}, "body"},
		{"unclosed is not front matter", "---\ntitle: x\n\ntext", nil, "---\ntitle: x\n\ntext"},
		{"dots close", "---\ndate: 2024-01-02\n...\nbody", map[string]string{"date": "2024-01-02"}, "body"},
		{"first key wins", "---\ntitle: a\ntitle: b\n---\n", map[string]string{"title": "a"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fields, body := frontMatter(tt.in)
			if len(fields) != len(tt.fields) {
				t.Errorf("fields = %q, want %q", fields, tt.fields)
			}
			for k, v := range tt.fields {
				if fields[k] != v {
					t.Errorf("fields[%q] = %q, want %q", k, fields[k], v)
				}
			}
			if body != tt.body {
				t.Errorf("body = %q, want %q", body, tt.body)
			}
		})
	}
}

func TestParseMarkdownErrors(t *testing.T) {
	tests := []struct{ name, in, want, id string }{
		{"bad date", "---\ndate: soon\n---\nText.", "front matter: published date \"soon\"", "a"},
		{"bad url", "---\nurl: ftp://x\n---\nText.", "front matter: url", "a"},
		{"bad lang", "---\nlang: Urdu language\n---\nText.", "front matter: lang", "a"},
		{"bad id", "---\nid: ../x\n---\nText.", "document id", "../x"},
		{"front matter id is reported", "---\nid: own/id\ndate: never\n---\nText.", "published date", "own/id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			it := parseOne(t, "a.md", "a", []byte(tt.in))
			if it.Err == nil || !strings.Contains(it.Err.Error(), tt.want) {
				t.Fatalf("Err = %v, want one containing %q", it.Err, tt.want)
			}
			wantInvalid(t, it.Err)
			if it.ID != tt.id {
				t.Errorf("ID = %q, want %q", it.ID, tt.id)
			}
		})
	}
}

func TestParseMarkdownOwnID(t *testing.T) {
	doc := mustLoad(t, "a.md", "a", []byte("---\nid: 2024/own\nlanguage: EN\n---\nSome text here."))
	if doc.ID != "2024/own" || doc.Lang != "en" {
		t.Errorf("ID, Lang = %q, %q; want 2024/own, en", doc.ID, doc.Lang)
	}
}
