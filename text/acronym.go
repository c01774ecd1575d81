package text

import (
	"strings"
	"unicode"
)

// IsAcronym reports a word written as an acronym: two to six capital Latin
// letters or digits, two of them letters at least, with a plural s after
// them and any punctuation around ("LNG", "KSE-100"'s "KSE", "SOPs", "(SCO)").
// One notion serves every reader of acronyms: the script count of a question
// (Urdu text quotes them in Latin), names (an acronym is none) and their
// spelling in Urdu (translit.Acronym).
func IsAcronym(written string) bool {
	w := strings.TrimFunc(written, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(w) > 2 && strings.HasSuffix(w, "s") {
		w = w[:len(w)-1]
	}
	if len(w) < 2 || len(w) > 6 {
		return false
	}
	caps := 0
	for _, r := range w {
		switch {
		case r >= 'A' && r <= 'Z':
			caps++
		case r >= '0' && r <= '9':
		default:
			return false
		}
	}
	return caps >= 2
}
