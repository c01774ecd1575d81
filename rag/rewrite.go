package rag

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jawab/jawab/text"
)

// rewriteMarkers drops the out-of-range numbers of markers and writes the rest
// as "[n]". It reports whether anything changed.
func rewriteMarkers(s string, markers []Marker, k int) (string, bool, []string) {
	var warnings []string
	var out []byte
	prev := 0
	changed := false
	for _, m := range markers {
		var keep []int
		for _, n := range m.Ns {
			if n < 1 || n > k {
				warnings = append(warnings, fmt.Sprintf("citation [%d] points to no passage (%d given); removed", n, k))
				continue
			}
			keep = append(keep, n)
		}
		repl := formatMarker(keep)
		if s[m.Start:m.End] == repl {
			continue
		}
		if !changed {
			out = make([]byte, 0, len(s))
			changed = true
		}
		out = append(out, s[prev:m.Start]...)
		prev = m.End
		if repl != "" {
			out = append(out, repl...)
			continue
		}
		// The marker disappears: tidy the spaces around it.
		t := len(out)
		for t > 0 && (out[t-1] == ' ' || out[t-1] == '\t') {
			t--
		}
		a := prev
		for a < len(s) && (s[a] == ' ' || s[a] == '\t') {
			a++
		}
		next, _ := utf8.DecodeRuneInString(s[a:])
		switch {
		case t == 0 || out[t-1] == '\n' || out[t-1] == '\r':
			prev = a // "[7] Text" → "Text"
		case a == len(s) || next == '\n' || next == '\r' || closesPhrase(next):
			out = out[:t] // "text [7]." → "text."
		case t < len(out) && a > prev:
			prev = a // "one [7] two" → "one two"
		}
	}
	if !changed {
		return s, false, warnings
	}
	return string(append(out, s[prev:]...)), true, warnings
}

func formatMarker(ns []int) string {
	var b strings.Builder
	for _, n := range ns {
		b.WriteByte('[')
		b.WriteString(strconv.Itoa(n))
		b.WriteByte(']')
	}
	return b.String()
}

// closesPhrase reports punctuation that follows a word without a space.
func closesPhrase(r rune) bool {
	switch r {
	case '.', ',', ';', ':', '!', '?', ')', ']', '}', '…',
		'۔', '،', '؛', '؟', '»', '”', '’':
		return true
	}
	return false
}

// citeUnit is an answer sentence with the markers that cite it.
type citeUnit struct {
	sentence   string // the sentence as written, for warnings
	claim      string // the sentence without its markers
	ns         []int  // cited passage numbers, in order, without repeats
	markerOnly bool   // the sentence was only markers (given to a neighbour)
}

// citeUnits assigns the markers of s (all in "[n]" form) to the sentences of s.
func citeUnits(s string, sents []text.Span, markers []Marker) []citeUnit {
	rs := []rune(s)
	// Rune offsets of the markers (s is valid UTF-8).
	type span struct {
		start, end int
		ns         []int
	}
	ms := make([]span, len(markers))
	bytePos, runePos := 0, 0
	toRune := func(b int) int {
		runePos += utf8.RuneCountInString(s[bytePos:b])
		bytePos = b
		return runePos
	}
	for i, m := range markers {
		ms[i].start = toRune(m.Start)
		ms[i].end = toRune(m.End)
		ms[i].ns = m.Ns
	}

	units := make([]citeUnit, len(sents))
	give := func(u int, ns []int) {
		for _, n := range ns {
			if !containsInt(units[u].ns, n) {
				units[u].ns = append(units[u].ns, n)
			}
		}
	}
	// Pending gifts to the next sentence, from a first sentence of markers only.
	var carry []int
	mi := 0
	for si, sp := range sents {
		var own []span
		for mi < len(ms) && ms[mi].start < sp.End {
			if ms[mi].start >= sp.Start {
				own = append(own, ms[mi])
			}
			mi++
		}
		// The claim: the sentence with each marker replaced by a space, so
		// that "word[1]word" does not glue two words.
		var b strings.Builder
		pos := sp.Start
		leading := 0 // markers before the first other non-space rune
		seenText := false
		for _, m := range own {
			seg := rs[pos:m.start]
			if !seenText && strings.TrimFunc(string(seg), unicode.IsSpace) != "" {
				seenText = true
			}
			if !seenText {
				leading++
			}
			b.WriteString(string(seg))
			b.WriteByte(' ')
			pos = m.end
		}
		if end := min(sp.End, len(rs)); pos < end {
			b.WriteString(string(rs[pos:end]))
		}
		claim := strings.TrimSpace(b.String())
		units[si].claim = claim
		units[si].sentence = string(rs[sp.Start:min(sp.End, len(rs))])
		if len(carry) > 0 {
			give(si, carry)
			carry = nil
		}
		var all []int
		for _, m := range own {
			all = append(all, m.ns...)
		}
		switch {
		case len(own) > 0 && !hasLetterOrDigit(claim):
			units[si].markerOnly = true
			if si > 0 {
				give(si-1, all)
			} else {
				carry = all
			}
		case leading > 0 && si > 0 && !hasLineBreak(rs[sents[si-1].End:sp.Start]):
			for _, m := range own[:leading] {
				give(si-1, m.ns)
			}
			for _, m := range own[leading:] {
				give(si, m.ns)
			}
		default:
			give(si, all)
		}
	}
	if len(carry) > 0 && len(units) > 0 {
		give(0, carry) // markers and nothing else: cite the lone "sentence"
	}
	return units
}

func hasLetterOrDigit(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			return true
		}
	}
	return false
}

func hasLineBreak(rs []rune) bool {
	for _, r := range rs {
		switch r {
		case '\n', '\r', '\v', '\f', 0x85, 0x2028, 0x2029:
			return true
		}
	}
	return false
}
