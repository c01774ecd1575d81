package translit

import (
	"strings"
	"unicode"

	"github.com/jawab/jawab/text"
)

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
		if !unicode.IsUpper(r) || text.LetterNames[r] == "" {
			return "", false
		}
		names = append(names, text.LetterNames[r])
	}
	if plural {
		names[n-1] += "ز"
	}
	return strings.Join(names, " "), true
}

// SpelledIdentifier reads at toks[i] an acronym spelled out in Urdu letter
// names and the number after it, as Urdu news writes constituencies and
// indices ("این اے 249", "پی پی 84", "کے ایس ای 100"), and returns it as
// English writes it ("NA-249", "PP-84", "KSE-100") and how many tokens it
// spans; n is 0 for none. Two to six letter names are needed, and the
// number: letter names alone are often words ("اے", "سی", "کے"). A year is
// no part of it ("(اے پی پی) 2014" is the agency's dateline), nor is a
// last "کے" after two or more letters: "پی ٹی آئی کے 3 ارکان" is PTI's three
// members, while "پی کے 84" is the constituency PK-84.
func SpelledIdentifier(toks []string, i int) (id string, n int) {
	if i < 0 || i >= len(toks) {
		return "", 0
	}
	if _, letter := text.LetterOf(toks[i]); i > 0 && letter {
		if _, before := text.LetterOf(toks[i-1]); before {
			return "", 0 // within a run of letters, which starts before i
		}
	}
	var b strings.Builder
	j := i
	for j < len(toks) && j-i < 6 {
		r, ok := text.LetterOf(toks[j])
		if !ok {
			break
		}
		b.WriteRune(r)
		j++
	}
	if j-i < 2 || j >= len(toks) || !text.IsDigits(toks[j]) || len(toks[j]) == 4 && toks[j] >= "1900" && toks[j] <= "2100" {
		return "", 0
	}
	if j-i > 2 && toks[j-1] == text.Fold("کے") {
		return "", 0
	}
	letters := b.String()
	if strings.HasSuffix(letters, "T") && toks[j] == "20" {
		// "آئی سی سی ٹی 20": cricket's T20 after the body that runs it.
		return letters[:len(letters)-1] + " T20", j + 1 - i
	}
	return letters + "-" + toks[j], j + 1 - i
}
