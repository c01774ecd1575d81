package load

import (
	"strings"
	"testing"

	"github.com/jawab/jawab/rag"
)

// Input that is nearly all markup is refused before the parsers build a tree
// of it (gigabytes, or minutes for nested Markdown); ordinary pages pass.
func TestMarkupBombsAreRefused(t *testing.T) {
	const size = 4 << 20
	rep := func(s string) string { return strings.Repeat(s, size/len(s)) }
	tests := []struct {
		name, file, data string
	}{
		{"unclosed paragraphs", "a.html", "<html><body>" + rep("<p>")},
		{"elements", "a.html", rep("<i></i>")},
		{"comments", "a.html", rep("x<!---->")},
		{"nested quotes", "a.md", rep("> ") + "text"},
		{"nested lists", "a.md", rep("- ") + "text"},
		{"nested ordered lists", "a.md", strings.Repeat("1. ", 40) + "text"},
		{"brackets", "a.md", rep("[") + "text"},
		{"list items", "a.md", rep("- x\n")},
		{"table rows", "a.md", "|a|b|\n|-|-|\n" + rep("|x|y|\n")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items := Parse(tt.file, "a", []byte(tt.data), Options{})
			if len(items) != 1 || rag.ErrorCode(items[0].Err) != rag.Invalid {
				t.Fatalf("got %+v, want one invalid item", items[0].Err)
			}
		})
	}

	ok := []struct{ name, file, data string }{
		{"script", "a.html", "<html><body><article><p>The article text, long enough to count as prose here.</p></article><script>" +
			rep("var x = '<p>';\n") + "</script></body></html>"},
		{"nested list", "a.md", "# T\n\n- one\n  - two\n    - three\n\n> quoted > text\n\n1. a\n2. b\n"},
	}
	for _, tt := range ok {
		t.Run(tt.name, func(t *testing.T) {
			items := Parse(tt.file, "a", []byte(tt.data), Options{})
			if len(items) != 1 || items[0].Err != nil {
				t.Fatalf("got %v, want the article", items[0].Err)
			}
			if strings.Contains(items[0].Doc.Text, "var x") {
				t.Errorf("the script is in the text: %.200q", items[0].Doc.Text)
			}
		})
	}
}

func TestNesting(t *testing.T) {
	for line, want := range map[string]int{
		"":              0,
		"text":          0,
		"> a":           1,
		"> > - 1. a":    4,
		"   >>- a":      3,
		"-a":            0,
		"1.5 million":   0,
		"12) a":         1,
		"- - - ":        3,
		"1234567890. a": 0,
		"\t* + x":       2,
	} {
		if got := nesting(line); got != want {
			t.Errorf("nesting(%q) = %d, want %d", line, got, want)
		}
	}
}
