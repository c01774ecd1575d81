package text

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
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
//     are removed; ZWNJ U+200C becomes a space because Urdu writers use it
//     where a space would otherwise join letters.
//  6. Arabic-Indic (U+0660–0669) and Urdu (U+06F0–06F9) digits become ASCII,
//     so "۲۰۱۸", "٢٠١٨" and "2018" match.
//
// ے (U+06D2) stays distinct from ی and ھ (U+06BE) from ہ: they are different
// letters in Urdu. Normalize does not change case or otherwise touch
// whitespace; use [Fold] for comparison keys.
//
// Normalize is idempotent: removing marks can bring together characters that
// NFKC would compose (a Latin letter and a combining accent separated by a
// tatweel, say), so the steps are repeated until the result is stable.
func Normalize(s string) string {
	out := normalizeOnce(s)
	// Each extra pass only happens when a removal exposed a new NFKC
	// composition, which shortens the string; a handful of passes is plenty.
	for i := 0; i < 8 && !norm.NFKC.IsNormalString(out); i++ {
		out = normalizeOnce(out)
	}
	return out
}

// Fold is [Normalize] plus Unicode lower-casing: the form used for search keys
// and comparisons, so "Pakistan" and "pakistan" (and their Arabic-keyboard
// spellings) meet in the index.
func Fold(s string) string {
	out := strings.ToLower(Normalize(s))
	// Lower-casing can, rarely, produce a sequence NFKC would rewrite;
	// keep Fold idempotent like Normalize.
	for i := 0; i < 8 && !norm.NFKC.IsNormalString(out); i++ {
		out = strings.ToLower(Normalize(out))
	}
	return out
}

// needsRewrite reports whether step 2–6 of Normalize changes or removes r.
// It is the fast path: most already-clean Urdu and English text contains no
// such rune and is returned without copying.
func needsRewrite(r rune) bool {
	if r < 0x0600 {
		return false
	}
	switch {
	case r <= 0x06FF:
		switch {
		case r == 0x064A, r == 0x0649, r == 0x0643, r == 0x0647, r == 0x0629:
			return true
		case r >= 0x064B && r <= 0x065F, r == 0x0670,
			r >= 0x0610 && r <= 0x061A, r >= 0x06D6 && r <= 0x06ED:
			return true
		case r == 0x061C, r == 0x0640:
			return true
		case r >= 0x0660 && r <= 0x0669, r >= 0x06F0 && r <= 0x06F9:
			return true
		}
		return false
	case r >= 0x200B && r <= 0x200F, r == 0xFEFF:
		return true
	}
	return false
}

// normalizeOnce is one pass of NFKC followed by the Urdu rewrites.
func normalizeOnce(s string) string {
	s = norm.NFKC.String(s)
	first := -1
	for i, r := range s {
		if needsRewrite(r) {
			first = i
			break
		}
	}
	if first < 0 {
		return s
	}
	buf := make([]byte, 0, len(s))
	buf = append(buf, s[:first]...)
	// last is the last rune written to buf and lastAt its byte offset, so a
	// following U+0654 can be composed into it in place.
	last, lastAt := rune(-1), -1
	if first > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:first])
		last, lastAt = r, first-size
	}
	put := func(r rune) {
		last, lastAt = r, len(buf)
		buf = utf8.AppendRune(buf, r)
	}
	for _, r := range s[first:] {
		switch {
		case r == 0x064A || r == 0x0649: // ي ى
			put('ی')
		case r == 0x0643: // ك
			put('ک')
		case r == 0x0647: // ه
			put('ہ')
		case r == 0x0629: // ة
			put('ۃ')
		case r == 0x0654: // hamza above
			switch last {
			case 'ی':
				buf = buf[:lastAt]
				put('ئ')
			case 'ہ':
				buf = buf[:lastAt]
				put('ۂ')
			}
		case r >= 0x064B && r <= 0x065F, r == 0x0670,
			r >= 0x0610 && r <= 0x061A, r >= 0x06D6 && r <= 0x06ED:
			// diacritic: drop
		case r == 0x200B, r >= 0x200D && r <= 0x200F, r == 0x061C, r == 0xFEFF, r == 0x0640:
			// invisible mark or tatweel: drop
		case r == 0x200C: // ZWNJ
			put(' ')
		case r >= 0x0660 && r <= 0x0669:
			put('0' + r - 0x0660)
		case r >= 0x06F0 && r <= 0x06F9:
			put('0' + r - 0x06F0)
		default:
			put(r)
		}
	}
	return string(buf)
}
