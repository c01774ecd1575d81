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

// LetterNames are the Latin letters as Urdu news spells them out in an
// acronym: "کے ایس ای" for KSE, "آئی ایس پی آر" for ISPR, "ایس او پیز" for
// SOPs.
var LetterNames = map[rune]string{
	'A': "اے", 'B': "بی", 'C': "سی", 'D': "ڈی", 'E': "ای", 'F': "ایف", 'G': "جی",
	'H': "ایچ", 'I': "آئی", 'J': "جے", 'K': "کے", 'L': "ایل", 'M': "ایم", 'N': "این",
	'O': "او", 'P': "پی", 'Q': "کیو", 'R': "آر", 'S': "ایس", 'T': "ٹی", 'U': "یو",
	'V': "وی", 'W': "ڈبلیو", 'X': "ایکس", 'Y': "وائی", 'Z': "زیڈ",
}

// letterOfName is LetterNames the other way, by the names' tokens (Tokens
// folds them): the capital Latin letter each spells.
var letterOfName = func() map[string]rune {
	m := make(map[string]rune, len(LetterNames))
	for r, name := range LetterNames {
		m[Fold(name)] = r
	}
	return m
}()

// longestLetterName is the length in bytes of the longest of letterOfName's
// keys: a longer token is no letter's name, which spares most tokens the
// map lookup (the index reads every token of every article through
// LetterOf).
var longestLetterName = func() int {
	n := 0
	for name := range letterOfName {
		n = max(n, len(name))
	}
	return n
}()

// LetterOf returns the capital Latin letter that tok, a token as Tokens
// gives it, names in Urdu ("پی" → 'P'); ok is false for any other token.
func LetterOf(tok string) (letter rune, ok bool) {
	if len(tok) > longestLetterName {
		return 0, false
	}
	letter, ok = letterOfName[tok]
	return letter, ok
}

// isLetterName reports whether tok names a Latin letter (LetterOf).
func isLetterName(tok string) bool {
	_, ok := LetterOf(tok)
	return ok
}

// genitive is کے as Tokens gives it: the letter K's name and the commonest
// postposition of Urdu alike.
var genitive = Fold("کے")

// spelledAcronym is an acronym spelled in Urdu letter names, as one word
// lower-cased as Fold leaves Latin ("pti"), and the index of the last token
// of its run of names.
type spelledAcronym struct {
	last int
	word string
}

// spelledAcronyms appends to found the acronym that each run of Urdu letter
// names in toks spells ("پی ٹی آئی" → "pti"), in the order of the runs.
// Urdu news spells acronyms out letter by letter, and each letter name
// alone is a common word (آئی "came", پی "drank", کے "of") that says
// nothing of the party or the index; the run as one word does, and it is
// the word an English question or an article that writes "PTI" in Latin
// holds.
//
// کے is both K and "of", so a run's last کے after two or more letters is
// "of" ("پی ڈی ایم کے اجلاس": PDM's meeting) and is left out, a run that
// starts with کے gives its acronym with and without it ("کے ایس ای" is KSE,
// "پولیس کے آئی جی" is the police's IG), and two names of which one is کے
// ("اس کے سی") spell nothing. A run of six letters or more is also read as
// two acronyms (below).
func spelledAcronyms(toks []string, found []spelledAcronym) []spelledAcronym {
	for i := 0; i < len(toks); {
		if !isLetterName(toks[i]) {
			i++
			continue
		}
		j := i + 1
		for j < len(toks) && isLetterName(toks[j]) {
			j++
		}
		end := j
		if end-i > 2 && toks[end-1] == genitive {
			end--
		}
		if end-i >= 2 && !(end-i == 2 && (toks[i] == genitive || toks[i+1] == genitive)) {
			found = append(found, spelledAcronym{end - 1, latinLetters(toks[i:end])})
			if toks[i] == genitive && end-i > 2 {
				found = append(found, spelledAcronym{end - 1, latinLetters(toks[i+1 : end])})
			}
			// Six letters or more may be two acronyms side by side, a
			// sponsor's and its league's ("ایچ بی ایل پی ایس ایل", HBL PSL):
			// each way of parting them in two of three letters or more.
			for cut := i + 3; cut <= end-3; cut++ {
				found = append(found, spelledAcronym{end - 1, latinLetters(toks[i:cut])},
					spelledAcronym{end - 1, latinLetters(toks[cut:end])})
			}
		}
		i = j
	}
	return found
}

// latinLetters is the lower-case Latin letters that names spell.
func latinLetters(names []string) string {
	b := make([]byte, len(names))
	for k, n := range names {
		b[k] = byte(unicode.ToLower(letterOfName[n]))
	}
	return string(b)
}

// AcronymWords is the words that ContentTokens adds to toks (tokens as
// Tokens gives them): each acronym a run of Urdu letter names spells, as one
// word, stopwords aside, in the order of the runs ("آئی جی سی" → "igc").
func AcronymWords(toks []string) []string {
	var words []string
	for _, a := range spelledAcronyms(toks, nil) {
		if !IsStopword(a.word) {
			words = append(words, a.word)
		}
	}
	return words
}

// SpelledAcronyms is, for each run of Urdu letter names in s that spells an
// acronym, its readings as ContentTokens adds them: the run as one word
// first, then the run without a first کے, or its halves ("کے ایس ای" gives
// "kse" and "se"; "ایچ بی ایل پی ایس ایل" gives "hblpsl", "hbl" and "psl").
func SpelledAcronyms(s string) [][]string {
	var runs [][]string
	last := -1
	for _, a := range spelledAcronyms(Tokens(s), nil) {
		if a.last != last {
			runs = append(runs, nil)
			last = a.last
		}
		runs[len(runs)-1] = append(runs[len(runs)-1], a.word)
	}
	return runs
}
