package text

import (
	"unicode"
	"unicode/utf8"
)

// Character classes for tokenising. A token never spans two classes, so
// "5نومبر2018کو" gives "5", "نومبر", "2018", "کو": Urdu news routinely glues
// numbers to words, and a query for "2018" must find it.
const (
	clsSep    = iota // whitespace, punctuation, symbols, controls
	clsArabic        // Arabic-script letters
	clsOther         // letters of every other script (mostly Latin)
	clsDigit         // decimal digits
	clsMark          // combining marks: continue the current token
)

// Tokens folds s (see [Fold]) and splits it into search tokens.
//
// Every punctuation mark and symbol separates tokens, not only whitespace,
// because Urdu news glues words to punctuation ("کردیا۔سرد" → "کردیا", "سرد").
// Tokens also break where the text switches between Arabic-script letters,
// other letters and digits. Words glued without punctuation ("کےمطابق") stay
// one token; DESIGN.md leaves those to character n-grams.
//
// Numbers are kept whole so they match however they were written: a decimal
// point between digits stays ("2.2", "12.05.2023"; the Arabic decimal
// separator ٫ becomes "."), and thousands separators (, or ٬ before a group of
// exactly three digits) are dropped, so "50,000" and "۵۰٬۰۰۰" both give
// "50000".
func Tokens(s string) []string {
	f := Fold(s)
	// About one token per ten bytes of Urdu news; guessing saves most of
	// the slice regrowth on long articles.
	toks := make([]string, 0, len(f)/10+1)
	start, cls := -1, clsSep
	// numBuf holds the current number when separators had to be rewritten
	// (dropped commas, ٫ → "."); otherwise tokens are substrings of f.
	var numBuf []byte
	rewritten := false
	groupLen := 0 // digits since the start of the number or the last separator

	flush := func(end int) {
		if start < 0 {
			return
		}
		if rewritten {
			toks = append(toks, string(numBuf))
		} else {
			toks = append(toks, f[start:end])
		}
		start, cls, rewritten, numBuf = -1, clsSep, false, numBuf[:0]
	}
	for i := 0; i < len(f); {
		r, size := decodeRune(f, i)
		c := classOf(r)
		if c == clsSep && cls == clsDigit {
			// Separators inside a number.
			switch r {
			case '.', '٫':
				if nr, _ := utf8.DecodeRuneInString(f[i+size:]); classOf(nr) == clsDigit {
					if r != '.' && !rewritten {
						numBuf, rewritten = append(numBuf[:0], f[start:i]...), true
					}
					if rewritten {
						numBuf = append(numBuf, '.')
					}
					groupLen = 0
					i += size
					continue
				}
			case ',', '٬':
				if groupLen >= 1 && groupLen <= 3 && threeDigitGroup(f[i+size:]) {
					if !rewritten {
						numBuf, rewritten = append(numBuf[:0], f[start:i]...), true
					}
					groupLen = 0
					i += size
					continue
				}
			}
		}
		switch {
		case c == clsSep:
			flush(i)
		case c == clsMark:
			if start < 0 {
				start, cls = i, clsOther
			} else if rewritten {
				numBuf = append(numBuf, f[i:i+size]...)
			}
		case start >= 0 && c == cls:
			if rewritten {
				numBuf = append(numBuf, f[i:i+size]...)
			}
			if c == clsDigit {
				groupLen++
			}
		default:
			flush(i)
			start, cls = i, c
			groupLen = 1
		}
		i += size
	}
	flush(len(f))
	return toks
}

// TokenSet is the tokens of words (as Tokens gives them) as a set: a word
// list written as it is spelled, looked up as a question's tokens are.
func TokenSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		for _, t := range Tokens(w) {
			m[t] = true
		}
	}
	return m
}

// threeDigitGroup reports whether s starts with exactly three digits followed
// by a non-digit (or the end): the shape of a thousands group.
func threeDigitGroup(s string) bool {
	n := 0
	for _, r := range s {
		if classOf(r) != clsDigit {
			break
		}
		n++
		if n > 3 {
			return false
		}
	}
	return n == 3
}

// ContentTokens is [Tokens] without stopwords ([IsStopword]), and with each
// acronym spelled out in Urdu letter names also as one word ("پی ٹی آئی" gives
// "پی", "ٹی", "آئی", "pti"): what the keyword index and the extractive
// answerer score on.
func ContentTokens(s string) []string {
	toks, _ := contentTokens(s, false)
	return toks
}

// ContentTokensFollowed is [ContentTokens] with, for each token, the
// [StopwordID] of the token right after it in s: 0 when a content word or
// nothing follows. The ranker reads a passage's content words by it and
// still tells "ایپل میں" from "ایپل سے". An acronym's word takes its last
// letter's follower.
func ContentTokensFollowed(s string) (toks []string, next []uint8) {
	return contentTokens(s, true)
}

// contentTokens is ContentTokens, and with followed ContentTokensFollowed's
// followers too.
func contentTokens(s string, followed bool) ([]string, []uint8) {
	toks := Tokens(s)
	acronyms := spelledAcronyms(toks, nil)
	if len(acronyms) == 0 && !followed {
		// Filtered in place: no token is added.
		out := toks[:0]
		for _, t := range toks {
			if !IsStopword(t) {
				out = append(out, t)
			}
		}
		return out, nil
	}
	out := make([]string, 0, len(toks)+len(acronyms))
	var next []uint8
	if followed {
		next = make([]uint8, 0, cap(out))
	}
	for i, t := range toks {
		var follower uint8
		if followed && i+1 < len(toks) {
			follower = StopwordID(toks[i+1])
		}
		if !IsStopword(t) {
			out = append(out, t)
			if followed {
				next = append(next, follower)
			}
		}
		for len(acronyms) > 0 && acronyms[0].last == i {
			if !IsStopword(acronyms[0].word) {
				out = append(out, acronyms[0].word)
				if followed {
					next = append(next, follower)
				}
			}
			acronyms = acronyms[1:]
		}
	}
	return out, next
}

// DetectLang returns "ur" when Arabic-script letters are at least half of the
// letters of s, "en" when Latin letters are more than half, and "" when s has
// no letters. Urdu articles quote English names and acronyms, so the decision
// is by majority, not by the presence of a script. When no script has half
// (Urdu, English and a third script mixed), the larger of Arabic and Latin
// wins if it also outnumbers the other letters; text mostly in another
// script (Cyrillic, say) gives "".
func DetectLang(s string) string {
	var arabic, latin, other int
	for i := 0; i < len(s); {
		r, size := decodeRune(s, i)
		i += size
		switch {
		case r < utf8.RuneSelf:
			if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' {
				latin++
			}
		case classOf(r) == clsArabic:
			arabic++
		case unicode.IsLetter(r):
			if unicode.Is(unicode.Latin, r) {
				latin++
			} else {
				other++
			}
		}
	}
	total := arabic + latin + other
	switch {
	case total == 0:
		return ""
	case 2*arabic >= total:
		return "ur"
	case 2*latin > total:
		return "en"
	case arabic >= latin && arabic > other:
		return "ur"
	case latin > arabic && latin > other:
		return "en"
	}
	return ""
}

// SentenceTokens is [ContentTokens] of each sentence of s ([Sentences]), in
// order: the words of a passage with where its sentences end, which the
// ranker scores sentence by sentence. Flattened, it is ContentTokens(s) (no
// token spans a sentence boundary).
func SentenceTokens(s string) [][]string {
	out, _ := sentenceTokens(s, false)
	return out
}

// SentenceTokensFollowed is [SentenceTokens] with each sentence's
// followers ([ContentTokensFollowed]); a sentence's last word has none.
func SentenceTokensFollowed(s string) ([][]string, [][]uint8) {
	return sentenceTokens(s, true)
}

func sentenceTokens(s string, followed bool) ([][]string, [][]uint8) {
	rs := []rune(s)
	spans := Sentences(s)
	out := make([][]string, len(spans))
	var next [][]uint8
	if followed {
		next = make([][]uint8, len(spans))
	}
	for i, sp := range spans {
		toks, followers := contentTokens(string(rs[sp.Start:sp.End]), followed)
		out[i] = toks
		if followed {
			next[i] = followers
		}
	}
	return out, next
}
