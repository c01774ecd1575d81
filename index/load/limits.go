package load

import (
	"strings"

	"golang.org/x/net/html"

	"github.com/jawab/jawab/rag"
)

// The HTML and Markdown parsers build a tree of the whole input, hundreds of
// bytes per node; the Markdown one also takes time that grows with the square
// of a line's nesting. Input that is nearly all markup (31 MiB of "<p>" took
// 50 s and 5 GB; 64 KiB of "- - - …" took 6 s) is refused before parsing, by
// counting in one pass, so that an upload cannot exhaust the server. A news
// article, however long, has a few thousand of each.
const (
	// maxHTMLNodes bounds the elements, text runs and comments of a page.
	maxHTMLNodes = 100_000
	// maxMarkdownMarks bounds the lines and inline markup characters of a
	// Markdown file.
	maxMarkdownMarks = 100_000
	// maxMarkdownNesting bounds the quotes and list items one line opens.
	maxMarkdownNesting = 32
)

// checkHTMLSize refuses a page with more than maxHTMLNodes nodes. The
// tokenizer reads a script or style as one text run, so a page of megabytes
// of script passes (and readability drops the script).
func checkHTMLSize(s string) error {
	z := html.NewTokenizer(strings.NewReader(s))
	n := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return nil
		case html.EndTagToken:
			continue
		}
		if n++; n > maxHTMLNodes {
			return rag.Errorf(rag.Invalid, "the page has more than %d elements, text runs and comments; a news article has far fewer", maxHTMLNodes)
		}
	}
}

// checkMarkdownSize refuses Markdown with more than maxMarkdownMarks lines
// and inline markup characters, or a line that opens more than
// maxMarkdownNesting quotes and list items.
func checkMarkdownSize(s string) error {
	marks := 0
	for lineNo, line := range strings.Split(s, "\n") {
		if d := nesting(line); d > maxMarkdownNesting {
			return rag.Errorf(rag.Invalid, "line %d opens %d nested quotes or lists; at most %d are allowed", lineNo+1, d, maxMarkdownNesting)
		}
		marks++
		for i := 0; i < len(line); i++ {
			switch line[i] {
			case '[', ']', '*', '_', '`', '<', '!', '&', '\\', '|', '~':
				marks++
			}
		}
		if marks > maxMarkdownMarks {
			return rag.Errorf(rag.Invalid, "the Markdown has more than %d lines and markup characters; a news article has far fewer", maxMarkdownMarks)
		}
	}
	return nil
}

// nesting counts the block quote markers (">") and list markers ("-", "*",
// "+", "1." or "1)" followed by a space) at the start of a line.
func nesting(line string) int {
	d := 0
	for i := 0; i < len(line); {
		switch c := line[i]; {
		case c == ' ' || c == '\t':
			i++
		case c == '>':
			d++
			i++
		case (c == '-' || c == '*' || c == '+') && i+1 < len(line) && (line[i+1] == ' ' || line[i+1] == '\t'):
			d++
			i += 2
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j+1 >= len(line) || (line[j] != '.' && line[j] != ')') || (line[j+1] != ' ' && line[j+1] != '\t') {
				return d
			}
			d++
			i = j + 2
		default:
			return d
		}
	}
	return d
}
