package text

import (
	"unicode"
	"unicode/utf8"
)

// Span is a half-open range [Start, End) of rune offsets into a string (not
// bytes): the unit the chunk store and the widget's highlighter count in.
type Span struct{ Start, End int }

// Substring returns the runes [start, end) of s. Out-of-range offsets are
// clamped rather than panicking, because spans travel through storage and
// an offset from a stale index must not take a request down.
//
// It walks s from the beginning, so callers that need many substrings of one
// long text should decode it to []rune once instead.
func Substring(s string, start, end int) string {
	if start < 0 {
		start = 0
	}
	if end <= start {
		return ""
	}
	from, n := -1, 0
	for i := range s {
		if n == start {
			from = i
		}
		if n == end {
			return s[from:i]
		}
		n++
	}
	if from < 0 {
		return ""
	}
	return s[from:]
}

// isSpace is whitespace for trimming sentences and chunks. Zero-width space,
// word joiner and BOM count too: they are invisible, and a "sentence" made of
// a stray BOM would be noise in the index.
func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || '\t' <= r && r <= '\r'
	}
	return unicode.IsSpace(r) || r == 0x200B || r == 0x2060 || r == 0xFEFF
}

func isLineBreak(r rune) bool {
	switch r {
	case '\n', '\r', '\v', '\f', 0x85, 0x2028, 0x2029:
		return true
	}
	return false
}

// isTermRune reports whether r can be part of a run of sentence terminators.
func isTermRune(r rune) bool {
	switch r {
	case '۔', '؟', '.', '?', '!':
		return true
	}
	return false
}

// isCloser reports whether rs[j] closes a quotation or bracket, so that it
// belongs to the sentence its preceding terminator ends: (…۔) or "…?".
// Straight quotes are ambiguous; one glued to a following letter or digit
// opens the next sentence instead ("…کیا۔"اگلا").
func isCloser(rs []rune, j int) bool {
	switch r := rs[j]; r {
	case ')', ']', '}':
		return true
	case '"', '\'':
		return j+1 == len(rs) || !unicode.IsLetter(rs[j+1]) && !unicode.IsDigit(rs[j+1])
	default:
		return r >= utf8.RuneSelf && (unicode.Is(unicode.Pe, r) || unicode.Is(unicode.Pf, r))
	}
}

func isLatinLower(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z'
	}
	return unicode.IsLower(r) && unicode.Is(unicode.Latin, r)
}

func isLatinLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	return unicode.Is(unicode.Latin, r) && unicode.IsLetter(r)
}

// abbreviations end with a '.' that does not end the sentence. Kept short:
// a missed abbreviation costs one extra split, a wrong one glues two
// sentences. "etc." is left out because it usually does end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true,
	"sr": true, "jr": true, "vs": true, "gen": true, "col": true, "lt": true,
	"capt": true, "sgt": true, "gov": true, "sen": true, "rep": true, "rev": true,
	"hon": true, "mt": true, "inc": true, "ltd": true, "corp": true, "co": true,
	"dept": true, "fig": true, "approx": true, "jan": true, "feb": true,
	"apr": true, "jun": true, "jul": true, "aug": true, "sep": true, "sept": true,
	"oct": true, "nov": true, "dec": true, "no": true,
	"rs": true, "govt": true, "pvt": true, // Pakistani English: "Rs. 500", "Pvt. Ltd."
}

// dotEnds reports whether the '.' at rs[i] ends a sentence.
func dotEnds(rs []rune, i int) bool {
	var prev, next rune = -1, -1
	if i > 0 {
		prev = rs[i-1]
	}
	if i+1 < len(rs) {
		next = rs[i+1]
	}
	switch {
	case next == '.':
		return true // an ellipsis "..." is a terminator run
	case unicode.IsDigit(prev) && unicode.IsDigit(next):
		return false // 2.2, 12.05.2023, 3.5%
	case isLatinLower(next):
		return false // example.com, e.g.
	case next == ',' || next == '،' || next == ';' || next == ':':
		return false // "U.S., Russia" or "etc.," continues
	}
	// The word before the dot: Latin letters and inner dots ("U.S", "e.g").
	// Abbreviations are short, so the scan stops after maxAbbrev runes;
	// that also keeps "a.a.a.a…" from making the splitter quadratic.
	const maxAbbrev = 8
	j := i
	for j > 0 && i-j <= maxAbbrev && (isLatinLetter(rs[j-1]) || rs[j-1] == '.' && j-1 > 0 && isLatinLetter(rs[j-2])) {
		j--
	}
	if j == i || i-j > maxAbbrev || j > 0 && (unicode.IsLetter(rs[j-1]) || unicode.IsDigit(rs[j-1])) {
		return true // no Latin word, a long one, part of "1st." or of a non-Latin word
	}
	word := rs[j:i]
	if acronym(word) {
		return false // U.S. U.K. e.g. i.e. a.m.
	}
	if len(word) == 1 && unicode.IsUpper(word[0]) {
		return false // an initial: "J. Smith"
	}
	if len(word) > 6 {
		return true
	}
	var low [6]rune
	for k, r := range word {
		low[k] = unicode.ToLower(r)
	}
	w := string(low[:len(word)])
	if !abbreviations[w] {
		return true
	}
	if w == "no" {
		// "No. 5" but "He said no."
		k := i + 1
		for k < len(rs) && rs[k] == ' ' {
			k++
		}
		return !(k < len(rs) && unicode.IsDigit(rs[k]))
	}
	return false
}

// acronym reports whether w is single letters separated by dots: "U.S", "e.g".
func acronym(w []rune) bool {
	if len(w) < 3 {
		return false
	}
	for k, r := range w {
		if (k%2 == 0) != (r != '.') {
			return false
		}
	}
	return len(w)%2 == 1
}

// isTerminator reports whether rs[i] ends a sentence.
func isTerminator(rs []rune, i int) bool {
	switch rs[i] {
	case '۔', '؟':
		return true
	case '?', '!':
		// "?️" and "!️" with the emoji variation selector are emoji, as in
		// social-media posts quoted by news sites.
		return !(i+1 < len(rs) && rs[i+1] == 0xFE0F)
	case '.':
		return dotEnds(rs, i)
	}
	return false
}

func hasWordRune(rs []rune) bool {
	for _, r := range rs {
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			return true
		}
	}
	return false
}

func hasLineBreak(rs []rune) bool {
	for _, r := range rs {
		if isLineBreak(r) {
			return true
		}
	}
	return false
}

// Sentences splits s into sentence spans: rune offsets into s, trimmed of
// surrounding whitespace, non-empty, in order and non-overlapping. Between
// two sentences there is only whitespace, so the spans cover every other
// rune of s.
//
// Sentences end at the Urdu full stop ۔, the Arabic question mark ؟, '!',
// '?', '.', and at line breaks (news text has headlines, datelines and list
// items without a stop). A run of terminators ("۔۔", "?!", "...") ends one
// sentence, and closing quotes and brackets right after it belong to it.
// Urdu text often glues the next sentence to the stop ("کردیا۔سرد"); that
// still splits.
//
// A '.' does not split inside numbers ("2.2", "12.05.2023"), after
// abbreviations and initials ("U.S.", "e.g.", "Dr.", "No. 5", "J."), before a
// comma, or when a Latin lower-case letter follows directly ("example.com").
// A '?' or '!' followed by U+FE0F is an emoji, not a terminator.
//
// A fragment with no letter or digit (a lone "۔", "* * *", an emoji) is not
// worth quoting alone: it joins the sentence before it on the same line, or
// else the one after it on the same line, and stands alone only when neither
// exists.
func Sentences(s string) []Span {
	return sentenceSpans([]rune(s))
}

func sentenceSpans(rs []rune) []Span {
	var out []Span
	pending := Span{-1, -1} // a word-less fragment waiting for the next sentence
	n := len(rs)
	i := 0
	for {
		for i < n && isSpace(rs[i]) {
			i++
		}
		if i >= n {
			break
		}
		start, end := i, n
	scan:
		for ; i < n; i++ {
			switch r := rs[i]; {
			case isLineBreak(r):
				end = i
				break scan
			case isTermRune(r) && isTerminator(rs, i):
				j := i + 1
				for j < n && isTermRune(rs[j]) {
					j++
				}
				for j < n && isCloser(rs, j) {
					j++
				}
				end, i = j, j
				break scan
			}
		}
		for end > start && isSpace(rs[end-1]) {
			end--
		}
		sp := Span{start, end}
		if !hasWordRune(rs[start:end]) {
			switch {
			case len(out) > 0 && pending.Start < 0 && !hasLineBreak(rs[out[len(out)-1].End:start]):
				out[len(out)-1].End = end
			case pending.Start >= 0 && !hasLineBreak(rs[pending.End:start]):
				pending.End = end
			default:
				if pending.Start >= 0 {
					out = append(out, pending)
				}
				pending = sp
			}
			continue
		}
		if pending.Start >= 0 {
			if hasLineBreak(rs[pending.End:start]) {
				out = append(out, pending)
			} else {
				sp.Start = pending.Start
			}
			pending = Span{-1, -1}
		}
		out = append(out, sp)
	}
	if pending.Start >= 0 {
		out = append(out, pending)
	}
	return out
}

// ByteCursor returns a function from a rune offset of s to its byte offset,
// for spans asked for in order (sentences): it walks s forward from the last
// offset asked, and back from the start for an earlier one. A ByteOffsets
// table costs eight bytes per rune, which a caller cutting a few spans from
// each of many texts should not pay.
func ByteCursor(s string) func(runeOffset int) int {
	r, b := 0, 0
	return func(target int) int {
		if target < r {
			r, b = 0, 0
		}
		for r < target && b < len(s) {
			_, size := utf8.DecodeRuneInString(s[b:])
			b += size
			r++
		}
		return b
	}
}

// ByteOffsets maps rune offsets to byte offsets: out[i] is the byte offset of
// rune i, and out[RuneCount(s)] == len(s). Callers that cut many spans from one
// text (chunks, citations) compute it once.
func ByteOffsets(s string) []int {
	out := make([]int, 0, len(s)+1)
	for i := range s {
		out = append(out, i)
	}
	return append(out, len(s))
}
