package load

import (
	"strings"
	"unicode/utf8"

	"github.com/jawab/jawab/rag"
	"github.com/jawab/jawab/text"
)

const (
	// maxHeadingRunes is the longest first line taken as a title; longer
	// lines are lead paragraphs.
	maxHeadingRunes = 150
	// maxTitleRunes bounds a title made from the first sentence.
	maxTitleRunes = 100
)

// parseTxt loads a plain-text article. Text keeps the title line: citations
// quote the article as written, and a headline is part of what was published.
// A date line near the top becomes the publication date and leaves the text.
func parseTxt(id, s string, opt Options) (rag.Document, error) {
	return build(meta{id: id}, s, opt)
}

// titleOf finds a title in cleaned text: the first line if it reads as a
// heading (short, with more text after it), else the first sentence, cut at a
// word boundary. A photo caption on top ("تصویر کے کاپی رائٹ AFP Image
// caption …") describes a picture, not the article, and is passed over.
func titleOf(s string) string {
	first, rest, _ := strings.Cut(s, "\n")
	for strings.TrimSpace(rest) != "" && isCaption(first) {
		first, rest, _ = strings.Cut(strings.TrimLeft(rest, "\n"), "\n")
	}
	first = strings.TrimSpace(first)
	if utf8.RuneCountInString(first) <= maxHeadingRunes && strings.TrimSpace(rest) != "" {
		return first
	}
	title := first
	if spans := text.Sentences(first); len(spans) > 0 {
		title = strings.TrimSpace(text.Substring(first, spans[0].Start, spans[0].End))
	}
	if len(strings.Fields(title)) < minTitleWords {
		title = first // a fragment cut at an initial ("P. L. Travers"): the line says more
	}
	return text.Shorten(title, maxTitleRunes)
}

// minTitleWords is the fewest words a first sentence needs to serve as title.
const minTitleWords = 4

// isCaption reports a line that starts as a photo credit or caption.
func isCaption(line string) bool {
	k := key(line)
	for _, p := range creditPrefixes {
		if strings.HasPrefix(k, p+" ") {
			return true
		}
	}
	return strings.HasPrefix(k, "image caption ")
}
