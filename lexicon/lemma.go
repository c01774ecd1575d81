package lexicon

import "strings"

// BaseForms returns the forms an inflected English word may come from, most
// likely first: "visits" → "visit"; "visited" → "visite", "visit";
// "prices" → "price", "pric"; "countries" → "country"; "stopped" → "stoppe",
// "stopp", "stop". w is a folded token as text.Tokens gives it.
//
// The candidates are guesses, not lemmas: a caller keeps the first one its
// vocabulary knows, and looks the word itself up before that, so that words
// which only look inflected ("news", "series", "need") stay themselves. That
// is the whole lemmatiser: English questions over news inflect a handful of
// ways (plural, past, -ing; 's is split off by text.Tokens), and a rule set
// this small cannot disagree between the lexicon's build and its lookups.
// Words shorter than four letters and words in -ss are left alone.
func BaseForms(w string) []string {
	if len(w) < 4 || !isLowerASCII(w) {
		return nil
	}
	var out []string
	add := func(stem, suffix string) {
		if len(stem) >= 2 {
			out = append(out, stem+suffix)
		}
	}
	switch {
	case strings.HasSuffix(w, "ies"):
		add(w[:len(w)-3], "y") // countries → country
		add(w[:len(w)-1], "")  // ties → tie
	case strings.HasSuffix(w, "ss"), strings.HasSuffix(w, "us"), strings.HasSuffix(w, "is"):
		// class, status, crisis: not plurals
	case strings.HasSuffix(w, "es"):
		add(w[:len(w)-1], "") // prices → price
		add(w[:len(w)-2], "") // taxes → tax
	case strings.HasSuffix(w, "s"):
		add(w[:len(w)-1], "") // visits → visit
	case strings.HasSuffix(w, "ied"):
		add(w[:len(w)-3], "y") // carried → carry
	case strings.HasSuffix(w, "ed"):
		add(w[:len(w)-1], "") // agreed → agree, used → use
		stem := w[:len(w)-2]
		add(stem, "") // visited → visit
		if undoubled, ok := undouble(stem); ok {
			add(undoubled, "") // stopped → stop
		}
	case strings.HasSuffix(w, "ing"):
		stem := w[:len(w)-3]
		add(stem, "")  // visiting → visit
		add(stem, "e") // making → make
		if undoubled, ok := undouble(stem); ok {
			add(undoubled, "") // running → run
		}
	}
	return out
}

// undouble drops a doubled final consonant ("stopp" → "stop").
func undouble(s string) (string, bool) {
	n := len(s)
	if n < 3 || s[n-1] != s[n-2] || strings.IndexByte("aeiouylsz", s[n-1]) >= 0 {
		return "", false
	}
	return s[:n-1], true
}

func isLowerASCII(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}
