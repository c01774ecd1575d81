package rag

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jawab/jawab/text"
)

const (
	// maxMarkerNumbers bounds the numbers in one marker, ranges expanded: no
	// answer cites more passages than retrieval returns (5 by default, rarely
	// more than 20), so "[1-500]" is not a citation. It also keeps a range
	// from turning into a huge slice.
	maxMarkerNumbers = 20

	// maxLinkDest bounds how far ParseMarkers looks for the ")" that closes a
	// markdown link destination, so that many unclosed "](" stay linear.
	maxLinkDest = 2048
)

// Marker is one citation marker found in an answer.
type Marker struct {
	// Start and End are the byte offsets of the whole marker in the answer,
	// brackets included.
	Start, End int
	// Ns are the passage numbers cited, in the order written, without
	// repeats; a range [2-4] gives 2, 3, 4. Numbers may be out of range
	// (0, or more than there are passages): ParseMarkers does not know the
	// passages, CheckCitations drops them.
	Ns []int
}

// ParseMarkers finds the citation markers in an answer: square brackets around
// one or more passage numbers, "[1]", "[1, 3]", "[1,3]", "[1; 3]", "[۱، ۳]"
// (Urdu comma), and ranges "[2-4]" (also with – or —). "[1][2]" is two markers.
// Digits may be ASCII, Arabic-Indic (٠-٩) or Urdu (۰-۹), and spaces (also
// no-break spaces and the invisible bidi marks that RTL text puts around
// numbers) may surround numbers and separators. A marker doubled in brackets,
// "[[1]]", is one marker.
//
// Ranges are accepted because models do write "[1-3]" for "[1][2][3]"; a
// range that runs backwards or expands to more than 20 numbers is not a
// marker (see maxMarkerNumbers), and neither is one whose numbers do not fit
// in an int.
//
// Not markers: brackets around anything else ("[a]", "[2023 report]",
// "[1 2]", "[]", "[1,]"), unclosed "[1", escaped "\[1]", markdown links and
// images ("[1](url)", anything inside "[see [1]](url)"), reference labels
// ("[text][1]"), and text in code spans (`x[1]`). Brackets do not pair
// across lines.
func ParseMarkers(answer string) []Marker {
	var (
		out       []Marker
		open      []opening // the unclosed '[' on this line
		lastClose = -1      // offset just after the last ']' that closed a group
		lastMark  bool      // whether that group was a marker
		ticks     = backtickRuns(answer)
		tick      = 0 // index of the next backtick run in ticks
	)
	for i := 0; i < len(answer); i++ {
		switch answer[i] {
		case '\\':
			if i+1 < len(answer) && isASCIIPunct(answer[i+1]) {
				i++ // escaped: neither bracket nor backtick
			}
		case '`':
			for tick < len(ticks) && ticks[tick].pos < i {
				tick++
			}
			if tick == len(ticks) || ticks[tick].pos != i {
				continue // cannot happen: ticks is scanned the same way
			}
			k := tick
			if c := ticks[k].close; c >= 0 {
				k = c // a code span: skip to the end of its closing run
			}
			i = ticks[k].pos + ticks[k].n - 1
			tick = k + 1
		case '\n':
			open = open[:0]
		case '[':
			// Right after "[text]", brackets are a reference label.
			open = append(open, opening{pos: i, refLabel: i == lastClose && !lastMark})
		case ']':
			if len(open) == 0 {
				continue
			}
			o, refLabel := open[len(open)-1].pos, open[len(open)-1].refLabel
			open = open[:len(open)-1]
			end := i + 1
			if dest := linkDestEnd(answer, end); dest > 0 {
				// A markdown link or image: its text is not a citation.
				for len(out) > 0 && out[len(out)-1].Start >= o {
					out = out[:len(out)-1]
				}
				lastClose, lastMark = -1, false
				i = dest - 1
				continue
			}
			isMarker := false
			if ns, ok := parseMarkerBody(answer[o+1 : i]); ok {
				if !refLabel {
					out = append(out, Marker{Start: o, End: end, Ns: ns})
					isMarker = true
				}
			} else if n := len(out); n > 0 && out[n-1].Start == o+1 && out[n-1].End == i && !refLabel {
				out[n-1].Start, out[n-1].End = o, end // [[1]]
				isMarker = true
			}
			lastClose, lastMark = end, isMarker
		}
	}
	if len(out) == 0 {
		return nil // not an empty slice left by discarded link text
	}
	return out
}

// opening is an unclosed '[': where it is, and whether it follows "[text]"
// directly, which makes the group it opens a reference label ("[text][1]").
type opening struct {
	pos      int
	refLabel bool
}

// parseMarkerBody parses what is between a marker's brackets: numbers or
// ranges separated by commas or semicolons, with optional spaces.
func parseMarkerBody(s string) ([]int, bool) {
	var ns []int
	count := 0
	i := skipMarkerSpace(s, 0)
	for {
		a, j, ok := parseMarkerNum(s, i)
		if !ok {
			return nil, false
		}
		i = skipMarkerSpace(s, j)
		b := a
		if r, size := utf8.DecodeRuneInString(s[i:]); isRangeDash(r) {
			if b, j, ok = parseMarkerNum(s, skipMarkerSpace(s, i+size)); !ok || b < a || b-a >= maxMarkerNumbers {
				return nil, false
			}
			i = skipMarkerSpace(s, j)
		}
		if count += b - a + 1; count > maxMarkerNumbers {
			return nil, false
		}
		for k := 0; k <= b-a; k++ { // not n <= b: b may be math.MaxInt
			if n := a + k; !containsInt(ns, n) {
				ns = append(ns, n)
			}
		}
		if i == len(s) {
			return ns, true
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isMarkerSep(r) {
			return nil, false
		}
		i = skipMarkerSpace(s, i+size)
	}
}

// parseMarkerNum parses the decimal number at s[i:] in any of the three digit
// sets, returning it and the offset after it.
func parseMarkerNum(s string, i int) (n, end int, ok bool) {
	start := i
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		d, isDigit := text.DigitValue(r)
		if !isDigit {
			break
		}
		if n > (math.MaxInt-d)/10 {
			return 0, 0, false
		}
		n = n*10 + d
		i += size
	}
	return n, i, i > start
}

// skipMarkerSpace skips spaces and the invisible marks that bidi text
// carries around numbers (LRM, RLM, ALM, isolates, ZWNJ and friends).
func skipMarkerSpace(s string, i int) int {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == ' ', r == '\t', r == 0xA0, r == 0x2009, r == 0x200A, r == 0x202F,
			r >= 0x200B && r <= 0x200F, r == 0x061C, r >= 0x2066 && r <= 0x2069, r == 0xFEFF:
			i += size
		default:
			return i
		}
	}
	return i
}

func isMarkerSep(r rune) bool {
	return r == ',' || r == '،' || r == ';' || r == '؛'
}

func isRangeDash(r rune) bool {
	switch r {
	case '-', '‐', '‑', '–', '—', '−':
		return true
	}
	return false
}

func isASCIIPunct(c byte) bool {
	return c < utf8.RuneSelf && unicode.IsPunct(rune(c)) || strings.IndexByte("$+<=>^`|~", c) >= 0
}

func containsInt(ns []int, n int) bool {
	for _, x := range ns {
		if x == n {
			return true
		}
	}
	return false
}

// tickRun is a run of backticks; close is the index of the next run of the
// same length (which ends the code span this run opens), or -1.
type tickRun struct{ pos, n, close int }

// backtickRuns lists the backtick runs of s, skipping escaped characters the
// way ParseMarkers does, and pairs each with the next run of equal length.
func backtickRuns(s string) []tickRun {
	if strings.IndexByte(s, '`') < 0 {
		return nil
	}
	var runs []tickRun
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			if i+1 < len(s) && isASCIIPunct(s[i+1]) {
				i++
			}
		case '`':
			j := i
			for j < len(s) && s[j] == '`' {
				j++
			}
			runs = append(runs, tickRun{pos: i, n: j - i, close: -1})
			i = j - 1
		}
	}
	next := map[int]int{} // run length → index of the nearest later run
	for k := len(runs) - 1; k >= 0; k-- {
		if c, ok := next[runs[k].n]; ok {
			runs[k].close = c
		}
		next[runs[k].n] = k
	}
	return runs
}

// linkDestEnd returns the offset after a markdown link destination "(…)"
// starting at s[i], or -1 when there is none on this line.
func linkDestEnd(s string, i int) int {
	if i >= len(s) || s[i] != '(' {
		return -1
	}
	depth := 0
	for k := i + 1; k < len(s) && k-i < maxLinkDest; k++ {
		switch s[k] {
		case '\\':
			k++
		case '\n':
			return -1
		case '(':
			depth++
		case ')':
			if depth == 0 {
				return k + 1
			}
			depth--
		}
	}
	return -1
}
