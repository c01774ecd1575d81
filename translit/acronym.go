package translit

import (
	"strings"
	"unicode"

	"github.com/jawab/jawab/text"
)

// letterNames are the Latin letters as Urdu news spells them out in an
// acronym: "کے ایس ای" for KSE, "آئی ایس پی آر" for ISPR, "ایس او پیز" for
// SOPs.
var letterNames = map[rune]string{
	'A': "اے", 'B': "بی", 'C': "سی", 'D': "ڈی", 'E': "ای", 'F': "ایف", 'G': "جی",
	'H': "ایچ", 'I': "آئی", 'J': "جے", 'K': "کے", 'L': "ایل", 'M': "ایم", 'N': "این",
	'O': "او", 'P': "پی", 'Q': "کیو", 'R': "آر", 'S': "ایس", 'T': "ٹی", 'U': "یو",
	'V': "وی", 'W': "ڈبلیو", 'X': "ایکس", 'Y': "وائی", 'Z': "زیڈ",
}

// Acronym spells an acronym as written (two to six capitals, and a plural s
// after them: "KSE", "ISPR", "SOPs") letter by letter, the way Urdu news
// writes it: "کے ایس ای", "ایس او پیز" (the plural's ز joins the last
// letter). ok is false for a word that is not written as an acronym.
func Acronym(written string) (string, bool) {
	if !text.IsAcronym(written) {
		return "", false
	}
	plural := strings.HasSuffix(written, "s")
	letters := strings.TrimSuffix(written, "s")
	n := len(letters)
	names := make([]string, 0, n)
	for _, r := range letters {
		if !unicode.IsUpper(r) || letterNames[r] == "" {
			return "", false
		}
		names = append(names, letterNames[r])
	}
	if plural {
		names[n-1] += "ز"
	}
	return strings.Join(names, " "), true
}
