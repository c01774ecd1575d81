package text

import (
	"strings"
	"unicode/utf8"
)

// Normalize applies the search-key normalisation from DESIGN.md ("Urdu text"),
// in this order:
//
//  1. NFKC, which folds Arabic presentation forms (ﻻ, ﮐ, ﯾ …) to base letters
//     and composes hamza sequences such as ي+U+0654 into ئ.
//  2. Arabic letters typed for Urdu ones: ي and ى → ی, ك → ک, ه → ہ, ة → ۃ.
//     Urdu text is often typed on Arabic keyboards, and the two spellings must
//     produce the same key.
//  3. ی+U+0654 → ئ (and ہ+U+0654 → ۂ, which NFKC composes when ہ is typed
//     directly but not when it came from ه). This runs before the diacritics
//     are removed because U+0654 is itself in the diacritic range.
//  4. Diacritics (U+064B–065F, U+0670, U+0610–061A, U+06D6–06ED) are removed:
//     news text marks them inconsistently, queries almost never.
//  5. Invisible marks (U+200B, U+200D–200F, U+061C, U+FEFF) and tatweel U+0640
//     are removed. ZWNJ U+200C becomes a space: Urdu writers use ZWNJ and a
//     space interchangeably to keep the parts of a word from joining
//     ("نیو‌یارک", "نیو یارک"), so both must give the same key.
//  6. Arabic-Indic (U+0660–0669) and Urdu (U+06F0–06F9) digits become ASCII,
//     so "۲۰۱۸", "٢٠١٨" and "2018" match.
//  7. ئو → ؤ: Urdu news types the waw with hamza either way ("اکائونٹس" and
//     "اکاؤنٹس", "لاک ڈائون" and "لاک ڈاؤن"; one in seven of dated-ur's
//     such words is typed ئو), and they are one spelling.
//
// ے (U+06D2) stays distinct from ی and ھ (U+06BE) from ہ: they are different
// letters in Urdu. Normalize does not change case or otherwise touch
// whitespace (beyond what NFKC does, e.g. NBSP → space); use [Fold] for
// comparison keys.
//
// Normalize is idempotent, which the index relies on when it normalises
// text that may already have been normalised. Removing marks can bring
// together characters that NFKC would compose (a Latin letter and a
// combining accent separated by a tatweel, say), so the steps are repeated
// until the result is stable. Each invalid UTF-8 byte becomes U+FFFD in the
// same pass, so that a removal cannot splice stray bytes into a rune.
func Normalize(s string) string {
	out, unstable := normalizeOnce(s)
	// NFKC's own output is stable; only a removal followed by a rune that
	// can combine leaves something for a further pass. Each extra pass
	// happens only when NFKC then composes, which shortens the string, so a
	// few passes suffice.
	for i := 0; unstable && i < 8 && !isNFKC(out); i++ {
		out, unstable = normalizeOnce(out)
	}
	// Step 7 last, on the final letters: a diacritic removed between ئ and و
	// brings them together. ؤ is NFKC's own composed form, and no ئو is left.
	if strings.Contains(out, hamzaYehWaw) {
		out = strings.ReplaceAll(out, hamzaYehWaw, "ؤ")
	}
	return out
}

// hamzaYehWaw is ئو, the other way of typing ؤ (Normalize's step 7).
const hamzaYehWaw = "ئو"

// Fold is [Normalize] plus Unicode lower-casing: the form used for search keys
// and comparisons, so "Pakistan" and "pakistan" (and their Arabic-keyboard
// spellings) meet in the index.
func Fold(s string) string {
	n := Normalize(s)
	out := toLower(n)
	// Lower-casing can, rarely, produce a sequence NFKC would rewrite;
	// keep Fold idempotent like Normalize.
	for i := 0; out != n && i < 8 && !isNFKC(out); i++ {
		n = Normalize(out)
		out = toLower(n)
	}
	return out
}

// foldLetter is the one table of letters and digits jawab folds (steps 2
// and 6 of Normalize): the Urdu letter that an Arabic one typed for it stands
// for, and the ASCII digit for an Arabic-Indic or Urdu one. ok is false for
// every other rune. ے and ھ are Urdu letters of their own and are not folded.
func foldLetter(r rune) (folded rune, ok bool) {
	switch {
	case r == 'ي' || r == 'ى':
		return 'ی', true
	case r == 'ك':
		return 'ک', true
	case r == 'ه':
		return 'ہ', true
	case r == 'ة':
		return 'ۃ', true
	case r >= '٠' && r <= '٩':
		return '0' + r - '٠', true
	case r >= '۰' && r <= '۹':
		return '0' + r - '۰', true
	}
	return r, false
}

// DigitValue returns the value of a decimal digit in any of the three sets
// Urdu text writes: ASCII, Arabic-Indic (٠–٩) and Urdu (۰–۹), as [Normalize]
// reads them. It is for text that must be read in place, unnormalised, such
// as the citation markers of an answer.
func DigitValue(r rune) (int, bool) {
	if f, ok := foldLetter(r); ok {
		r = f
	}
	if '0' <= r && r <= '9' {
		return int(r - '0'), true
	}
	return 0, false
}

// needsRewrite reports whether steps 2–6 of Normalize change or remove r.
func needsRewrite(r rune) bool {
	if info, ok := lookupInfo(r); ok {
		return info&rewrite != 0
	}
	return r == 0xFEFF
}

func needsRewriteSlow(r rune) bool {
	if r < 0x0600 {
		return false
	}
	switch {
	case r <= 0x06FF:
		if _, ok := foldLetter(r); ok {
			return true
		}
		switch {
		case r >= 0x064B && r <= 0x065F, r == 0x0670,
			r >= 0x0610 && r <= 0x061A, r >= 0x06D6 && r <= 0x06ED:
			return true
		case r == 0x061C, r == 0x0640:
			return true
		}
		return false
	case r >= 0x200B && r <= 0x200F, r == 0xFEFF:
		return true
	}
	return false
}

// normalizeOnce is one pass of NFKC followed by the Urdu rewrites. It reports
// unstable when a removal may have left the result outside NFKC, in which
// case Normalize checks and, if need be, runs another pass.
func normalizeOnce(s string) (out string, unstable bool) {
	s = nfkc(s)
	var buf []byte
	done := 0        // s[:done] is in buf; runes after it are copied in bulk
	dropped := false // a rune was removed, so new neighbours met
	for i := 0; i < len(s); {
		r, size := decodeRune(s, i)
		info, known := lookupInfo(r)
		if known && info&rewrite == 0 || !known && r != 0xFEFF && size > 1 {
			// Kept as is. A rune NFKC might combine with what is now
			// before it makes the result worth re-checking.
			if dropped && (!known || info&nfkcInert == 0) {
				unstable = true
			}
			i += size
			continue
		}
		if buf == nil {
			buf = make([]byte, 0, len(s))
		}
		buf = append(buf, s[done:i]...)
		done = i + size
		i += size
		if f, ok := foldLetter(r); ok {
			buf = utf8.AppendRune(buf, f)
			continue
		}
		switch {
		case r == 0x0654: // hamza above: compose with the last rune kept
			switch last, n := utf8.DecodeLastRune(buf); last {
			case 'ی':
				buf = utf8.AppendRune(buf[:len(buf)-n], 'ئ')
			case 'ہ':
				buf = utf8.AppendRune(buf[:len(buf)-n], 'ۂ')
			default:
				dropped = true
			}
		case r == 0x200C: // ZWNJ
			buf = append(buf, ' ')
		case r == utf8.RuneError: // an invalid byte (a real U+FFFD is kept above)
			buf = utf8.AppendRune(buf, utf8.RuneError)
			// NFKC leaves marks after an invalid byte alone ("\xf3\u0344"), but
			// not after the U+FFFD that replaces it: check again.
			unstable = true
		default:
			// diacritic, invisible mark or tatweel
			dropped = true
		}
	}
	if buf == nil {
		return s, false
	}
	return string(append(buf, s[done:]...)), unstable
}

// decodeRune is utf8.DecodeRuneInString(s[i:]), cheaper for the two-byte
// runes that make up Arabic-script text (the standard decoder inlines only
// ASCII).
func decodeRune(s string, i int) (rune, int) {
	if b := s[i]; b < utf8.RuneSelf {
		return rune(b), 1
	}
	return decodeRuneMulti(s, i)
}

func decodeRuneMulti(s string, i int) (rune, int) {
	if b := s[i]; b >= 0xC2 && b < 0xE0 && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
		return rune(b&0x1F)<<6 | rune(s[i+1]&0x3F), 2
	}
	return utf8.DecodeRuneInString(s[i:])
}
