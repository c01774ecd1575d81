package load

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/jawab/jawab/text"
)

// Clean removes what a scraped page adds around an article: share and icon
// lines, date-only lines, repeated title lines, photo credits, and the trailing
// block of related headlines, teasers, tags and comment forms. It never rewrites
// the words it keeps (citations quote them), only drops whole lines, trims
// spaces at line ends and collapses runs of blank lines, so its output is never
// longer than its input. Line endings become "\n" and invalid UTF-8 is dropped.
//
// The rules, all line-based and language-aware for Urdu and English:
//
//  1. Anywhere: a line without letters or digits ("?️", "•", "۔"), a line made
//     only of share/print/follow words ("Share", "شیئر کریں:", "Tweet Email"),
//     a photo credit ("تصویر کے کاپی رائٹ AFP", "شٹر اسٹاک فوٹو"), a line that is
//     only a date ("17 جنوری 2024", "?️ Published: January 17, 2024"), and a line
//     equal to the previous kept line (a title printed twice) are dropped.
//  2. A comment form heading ("Leave a Reply", "جواب دیں", "3 Comments") or
//     notice ("Your email address will not be published", "ای میل ایڈریس شائع
//     نہیں کیا جائے گا") in the second half of the text ends the article.
//  3. Scanning back from the end, lines that are not prose (short, or without
//     a sentence end) form a trailing block. If it holds an anchor — a
//     related-content heading ("مشہور خبریں", "Related articles", "یہ بھی
//     پڑھیں"), a comment line, a tags/category line ("مزید : کھیل", "Tags: …")
//     or at least two teasers (a line starting with an icon or a date, as in
//     "?️ 17 جنوری 2024سچ خبریں: …") — it is cut from its first anchor (and
//     the headline just above a first teaser). Related headings and teasers
//     only count after some prose, so an article written in short lines is
//     never cut by them.
//
// Related lists inside the article (a "یہ بھی پڑھیے" box between paragraphs)
// are kept: their headlines cannot be told from subheadings line by line.
func Clean(s string) string { return clean(s, false).text }

// cleaned is Clean's result with the metadata found on the way.
type cleaned struct {
	text      string
	published time.Time // from a date line near the top; zero if none
}

// keptLine is one line that survived the per-line rules.
type keptLine struct {
	text     string
	gap      bool // blank lines preceded it in the input: a paragraph break
	runeFrom int  // rune offset of the line among the kept lines
}

// headLines is how many kept lines from the top may hold the publication date.
const headLines = 4

// maxFurnitureBytes bounds the lines that can be page furniture: share lines,
// credits, headings, notices and teasers are short. Longer lines skip the
// phrase rules, which keeps Clean fast on long paragraphs.
const maxFurnitureBytes = 600

// clean implements Clean. With meta, it also takes a publication line near the
// top ("cnnurdu نے Monday، 23 July 2018 کو شائع کیا۔") as the date and drops
// it; Clean leaves such lines alone because they are sentences.
func clean(s string, meta bool) cleaned {
	s = strings.ToValidUTF8(s, "")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")

	var out cleaned
	var kept []keptLine
	gap, prevKey, runes := false, "", 0
	for raw := range strings.SplitSeq(s, "\n") {
		line := strings.TrimFunc(raw, unicode.IsSpace)
		if line == "" {
			gap = true
			continue
		}
		if d, ok := dateOnly(line); ok {
			if out.published.IsZero() && len(kept) < headLines {
				out.published = d
			}
			continue
		}
		if meta && len(kept) < headLines && out.published.IsZero() {
			if d, ok := publicationLine(line); ok {
				out.published = d
				continue
			}
		}
		if dropAnywhere(line) {
			continue
		}
		k := key(line)
		if k == prevKey {
			continue
		}
		prevKey = k
		kept = append(kept, keptLine{text: line, gap: gap && len(kept) > 0, runeFrom: runes})
		runes += utf8.RuneCountInString(line)
		gap = false
	}
	kept = cutComments(kept, runes)
	kept = cutTrailingBlock(kept)

	var b strings.Builder
	b.Grow(len(s))
	for i, l := range kept {
		if i > 0 {
			if l.gap {
				b.WriteString("\n\n")
			} else {
				b.WriteString("\n")
			}
		}
		b.WriteString(l.text)
	}
	out.text = b.String()
	return out
}

// dropAnywhere reports the lines rule 1 drops wherever they stand (date-only
// and repeated lines are handled by the caller).
func dropAnywhere(line string) bool {
	if strings.IndexFunc(line, isLetterOrDigit) < 0 {
		return true // no letters or digits: icons, bullets, separators
	}
	if len(line) > maxFurnitureBytes {
		return false
	}
	w := words(line)
	switch {
	case len(w) == 0:
		return true // only marks and tatweels: nothing to read
	case len(w) <= 6 && allIn(w, uiWords) && !allIn(w, uiFiller):
		return true
	case isCredit(line, w):
		return true
	}
	return false
}

// cutComments applies rule 2: a comment-form heading or notice in the second
// half of the text ends the article. The half rule keeps an article that
// merely quotes such a phrase near its top.
func cutComments(kept []keptLine, total int) []keptLine {
	for i, l := range kept {
		if 2*l.runeFrom >= total && isStrongComment(l.text) {
			return kept[:i]
		}
	}
	return kept
}

// tailKind classifies a line for the trailing-block scan.
type tailKind int

const (
	prose      tailKind = iota // ends the scan: real article text
	headline                   // short, could be a headline or a subheading
	teaser                     // starts with an icon or a date: a related-item teaser
	marker                     // a related-content heading
	comment                    // part of a comment form
	breadcrumb                 // tags or category line
)

// cutTrailingBlock applies rule 3.
func cutTrailingBlock(kept []keptLine) []keptLine {
	start := len(kept)
	cut := -1 // first anchor in the block
	cutIsTeaser := false
	teasers, firstTeaser := 0, -1
	for i := len(kept) - 1; i >= 0; i-- {
		k := classifyTail(kept[i].text)
		if k == prose {
			break
		}
		start = i
		switch k {
		case marker, comment, breadcrumb:
			cut, cutIsTeaser = i, false
		case teaser:
			teasers++
			firstTeaser = i
		}
	}
	afterProse := start > 0
	if afterProse && teasers >= 2 && (cut < 0 || firstTeaser < cut) {
		cut, cutIsTeaser = firstTeaser, true
	}
	if cut < 0 {
		return kept
	}
	if !afterProse && classifyTail(kept[cut].text) == marker {
		// A related heading in an article of short lines: find a later anchor
		// that does not depend on prose (a comment or tags line), if any.
		cut = -1
		for i := start; i < len(kept); i++ {
			if k := classifyTail(kept[i].text); k == comment || k == breadcrumb {
				cut = i
				break
			}
		}
		if cut < 0 {
			return kept
		}
	}
	if cutIsTeaser && cut-1 >= start && classifyTail(kept[cut-1].text) == headline {
		cut-- // the teaser's headline, printed on the line above it
	}
	return kept[:cut]
}

// classifyTail decides what a line is when it is met at the end of a page.
func classifyTail(line string) tailKind {
	if len(line) > maxFurnitureBytes {
		return prose
	}
	w := words(line)
	k := strings.Join(w, " ")
	switch {
	case isComment(k, w) || isStrongComment(line):
		return comment
	case len(w) <= 7 && relatedMarkers[k]:
		return marker
	case isBreadcrumb(line):
		return breadcrumb
	case isProse(line):
		return prose
	case isTeaser(line):
		return teaser
	}
	return headline
}

// isProse reports a line that reads as article text: long, or a sentence with
// an end mark, or more than one sentence. Teasers are cut short and headlines
// carry no full stop, so neither passes.
func isProse(line string) bool {
	n := utf8.RuneCountInString(line)
	if n > 160 {
		return true
	}
	t := strings.TrimRightFunc(line, isCloser)
	ends := endsSentence(t)
	if ends && n > 80 {
		return true
	}
	// Two sentences: an end mark followed by more words.
	for i, r := range t {
		if isTerminator(r) && strings.IndexFunc(t[i+utf8.RuneLen(r):], unicode.IsLetter) >= 0 &&
			strings.IndexFunc(t[:i], unicode.IsLetter) >= 0 && r != '.' {
			return ends
		}
	}
	return false
}

// endsSentence reports a sentence end mark at the end of t. A trailing "…" or
// "..." is the mark of a cut teaser, not of a sentence.
func endsSentence(t string) bool {
	if strings.HasSuffix(t, "...") || strings.HasSuffix(t, "…") {
		return false
	}
	return isTerminator(lastRune(t))
}

func isTerminator(r rune) bool {
	switch r {
	case '۔', '.', '!', '?', '؟', '।':
		return true
	}
	return false
}

// isCloser reports quotes and brackets that may follow a sentence's end mark.
func isCloser(r rune) bool {
	return strings.ContainsRune("\"'”’»›)]‘“*", r) || unicode.IsSpace(r)
}

// isTeaser reports a line that starts with an icon (an emoji or symbol, or the
// "?️" a scraper leaves of one) or with a date followed by more text.
func isTeaser(line string) bool {
	rest, _ := stripIcon(line)
	prefix := line[:len(line)-len(rest)]
	for _, r := range prefix {
		if unicode.Is(unicode.So, r) || r == '\uFE0F' || r == '\uFE0E' {
			return true
		}
	}
	return datePrefix(line)
}

// isComment reports a comment-form line: a known heading, prompt or field
// label, alone or followed only by share words ("اپنی رائے سے آگاہ کریں فیس بک").
func isComment(k string, w []string) bool {
	if commentLines[k] || strongCommentLines[k] {
		return true
	}
	if len(w) == 2 && isNumber(w[0]) && (w[1] == "comments" || w[1] == "تبصرے" || w[1] == "comment") {
		return true
	}
	for p := range commentLines {
		if rest, ok := strings.CutPrefix(k, p+" "); ok && allIn(strings.Fields(rest), uiWords) {
			return true
		}
	}
	return false
}

// isStrongComment reports the comment-form lines that only a comment form has,
// which may end an article even when prose (comments) follows them.
func isStrongComment(line string) bool {
	if len(line) > maxFurnitureBytes {
		return false
	}
	w := words(line)
	k := strings.Join(w, " ")
	if strongCommentLines[k] {
		return true
	}
	if len(w) == 2 && isNumber(w[0]) && (w[1] == "comments" || w[1] == "تبصرے") {
		return true
	}
	for _, p := range commentNotices {
		if strings.Contains(k, p) {
			return true
		}
	}
	return false
}

// isBreadcrumb reports a short "label: values" line whose label names tags or
// a category: "مزید : کھیل", "Tags: Pakistan, Russia".
func isBreadcrumb(line string) bool {
	label, _, ok := strings.Cut(line, ":")
	if !ok {
		return false
	}
	return len(words(line)) <= 10 && breadcrumbLabels[key(label)]
}

// isCredit reports a photo credit line: "تصویر کے کاپی رائٹ AFP", "Image
// copyright Getty Images", "شٹر اسٹاک فوٹو", "Photo: Reuters".
func isCredit(line string, w []string) bool {
	if len(w) > 7 {
		return false
	}
	k := strings.Join(w, " ")
	for _, p := range creditPrefixes {
		if k == p || strings.HasPrefix(k, p+" ") {
			return true
		}
	}
	if label, _, ok := strings.Cut(line, ":"); ok && creditLabels[key(label)] {
		return true
	}
	return len(w) <= 5 && creditSuffixes[w[len(w)-1]]
}

func isNumber(s string) bool {
	return s != "" && strings.IndexFunc(s, func(r rune) bool { return !unicode.IsDigit(r) }) < 0
}

func allIn(w []string, set map[string]bool) bool {
	for _, x := range w {
		if !set[x] {
			return false
		}
	}
	return true
}

// words splits a line into words of letters and digits in their search-key
// form (text.Fold: lower case, Arabic letter forms folded to Urdu, diacritics
// removed, digits ASCII), so that phrase lists match however a page spells
// them. The line itself is kept as written: only the comparison is folded.
func words(s string) []string {
	return strings.FieldsFunc(text.Fold(s), func(r rune) bool { return !isLetterOrDigit(r) })
}

func isLetterOrDigit(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// key is a line's words joined by single spaces: the form phrase lists use and
// repeated lines are compared in.
func key(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range text.Fold(s) {
		if !isLetterOrDigit(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}
