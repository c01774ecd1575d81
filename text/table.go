package text

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Most of what we process is ASCII, Arabic-script Urdu and general
// punctuation. Looking those runes up in a small precomputed table instead of
// the unicode and norm tries makes the normaliser and tokeniser several times
// faster on news text; everything else falls back to the full lookups.

const (
	tableLimit = 0x0800 // Latin, Greek, Cyrillic, Hebrew, Arabic, Syriac …
	punctLo    = 0x2000 // General Punctuation block
	punctHi    = 0x2070
)

// runeInfo packs a rune's token class (low 3 bits) and three flags.
type runeInfo uint8

const (
	nfkcInert runeInfo = 1 << 3 // see inert
	rewrite   runeInfo = 1 << 4 // see needsRewrite
	cased     runeInfo = 1 << 5 // unicode.ToLower changes it
)

var (
	lowTable   [tableLimit]runeInfo
	punctTable [punctHi - punctLo]runeInfo
)

func init() {
	for r := rune(0); r < tableLimit; r++ {
		lowTable[r] = computeInfo(r)
	}
	for r := rune(punctLo); r < punctHi; r++ {
		punctTable[r-punctLo] = computeInfo(r)
	}
}

func computeInfo(r rune) runeInfo {
	info := runeInfo(classOfSlow(r))
	if needsRewriteSlow(r) {
		info |= rewrite
	}
	if unicode.ToLower(r) != r {
		info |= cased
	}
	// A rune that NFKC maps to itself and that cannot combine with what
	// precedes it is its own normalisation segment; a string made only of
	// such runes is therefore already in NFKC. That covers precomposed
	// letters such as ئ and آ, which decompose and recompose to themselves.
	var buf [utf8.UTFMax]byte
	b := buf[:utf8.EncodeRune(buf[:], r)]
	p := norm.NFKC.Properties(b)
	if utf8.ValidRune(r) && p.BoundaryBefore() && p.CCC() == 0 && norm.NFKC.String(string(b)) == string(b) {
		info |= nfkcInert
	}
	return info
}

func lookupInfo(r rune) (runeInfo, bool) {
	switch {
	case r < tableLimit:
		return lowTable[r], true
	case punctLo <= r && r < punctHi:
		return punctTable[r-punctLo], true
	}
	return 0, false
}

// toLower is strings.ToLower without the per-rune cost on uncased text: Urdu
// has no case, and most runs of it are copied as they are.
func toLower(s string) string {
	var buf []byte
	done := 0
	for i, r := range s {
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				if buf == nil {
					buf = make([]byte, 0, len(s))
				}
				buf = append(append(buf, s[done:i]...), byte(r+'a'-'A'))
				done = i + 1
			}
			continue
		}
		info, known := lookupInfo(r)
		if known && info&cased == 0 || !known && unicode.ToLower(r) == r {
			continue // includes the RuneError of an invalid byte
		}
		if buf == nil {
			buf = make([]byte, 0, len(s)+8)
		}
		buf = utf8.AppendRune(append(buf, s[done:i]...), unicode.ToLower(r))
		done = i + utf8.RuneLen(r)
	}
	if buf == nil {
		return s
	}
	return string(append(buf, s[done:]...))
}

// classOf returns r's token class (see the cls constants).
func classOf(r rune) int {
	if r < tableLimit {
		return int(lowTable[r] & 7)
	}
	return classOfSlow(r)
}

// inert reports whether NFKC leaves r alone and nothing before r can combine
// with it, so that a normalisation segment always starts at r. Runes outside
// the tables are assumed not to be.
func inert(r rune) bool {
	info, ok := lookupInfo(r)
	return ok && info&nfkcInert != 0
}

// nfkcPieces calls fn for each piece of s that NFKC might change, in order:
// a run of non-inert runes together with the inert rune before it (which a
// following mark may compose with). Everything outside the pieces is inert
// runes that NFKC leaves alone, and since a normalisation segment starts at
// every inert rune, normalising the pieces one by one is the same as
// normalising s.
//
// This is what keeps Normalize fast: Urdu news is mostly inert runes with the
// odd diacritic or presentation form, and running norm over a whole article
// for one zer costs more than everything else Normalize does.
func nfkcPieces(s string, fn func(start, end int)) {
	start := -1 // start of the current piece, if in one
	prev := 0   // index of the previous rune
	for i, r := range s {
		if r < utf8.RuneSelf || inert(r) {
			if start >= 0 {
				fn(start, i)
				start = -1
			}
		} else if start < 0 {
			// The previous rune, if any, is inert: the piece starts there.
			start = prev
		}
		prev = i
	}
	if start >= 0 {
		fn(start, len(s))
	}
}

// nfkc is norm.NFKC.String applied piecewise (see nfkcPieces).
func nfkc(s string) string {
	var buf []byte
	done := 0
	nfkcPieces(s, func(start, end int) {
		if buf == nil {
			buf = make([]byte, 0, len(s)+8)
		}
		buf = append(buf, s[done:start]...)
		buf = norm.NFKC.AppendString(buf, s[start:end])
		done = end
	})
	if buf == nil {
		return s
	}
	return string(append(buf, s[done:]...))
}

// isNFKC is norm.NFKC.IsNormalString applied piecewise (see nfkcPieces).
func isNFKC(s string) bool {
	ok := true
	nfkcPieces(s, func(start, end int) {
		ok = ok && norm.NFKC.IsNormalString(s[start:end])
	})
	return ok
}

func classOfSlow(r rune) int {
	switch {
	case r < utf8.RuneSelf:
		switch {
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z':
			return clsOther
		case '0' <= r && r <= '9':
			return clsDigit
		}
		return clsSep
	case unicode.IsLetter(r):
		if unicode.Is(unicode.Arabic, r) {
			return clsArabic
		}
		return clsOther
	case unicode.IsDigit(r):
		return clsDigit
	case unicode.IsMark(r):
		return clsMark
	}
	return clsSep
}
