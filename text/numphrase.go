package text

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Number phrases, for comparing what two texts say a number is: the
// citation check asks whether an answer's "50,000" is in the passage that
// says "پچاس ہزار". Unlike [ReadNumber], which reads only what cannot be
// anything else, this reader also takes English number words ("fifty
// thousand"), fractions (ڈیڑھ, ڈھائی), the modifiers سوا, ساڑھے and پونے, and
// lone unit words that are not also common words (تین دن is 3, ایک بیان is
// not a number); the word tables are the ones ReadNumber and SpellUrdu use.

// Number is a number found in text: Key compares values however they were
// written ("50,000", "پچاس ہزار" and "50 ہزار" have one Key); Text is how
// it was written (folded), for messages.
type Number struct{ Key, Text string }

type numKind uint8

const (
	numUnit     numKind = iota + 1 // a value of its own: پچاس, fifty, ڈیڑھ
	numScale                       // multiplies what precedes it: سو, ہزار, lakh
	numModifier                    // adjusts what follows it: سوا, ساڑھے, پونے
)

type numWord struct {
	v    float64
	kind numKind
	// ambiguous words are also common non-numbers (ایک "a", دو in دو طرفہ
	// "bilateral", نو "new", بہتر "better", one): alone they are not numbers,
	// only inside a phrase with a scale ("ایک لاکھ", "دو ہزار").
	ambiguous bool
}

var englishCardinals = [20]string{
	"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
	"ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
}

var englishTens = [10]string{2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy", 8: "eighty", 9: "ninety"}

// EnglishNumberWord returns the value of an English number word below a
// hundred ("eight" → 8, "twenty" → 20): an English question spells what an
// Urdu report writes in digits ("پہلے 8 ماہ" for "the first eight months").
func EnglishNumberWord(tok string) (int, bool) {
	if i := slices.Index(englishCardinals[:], tok); i >= 0 {
		return i, true
	}
	if i := slices.Index(englishTens[:], tok); i >= 2 {
		return 10 * i, true
	}
	return 0, false
}

// EnglishNumberWords are the English words of numbers: the cardinals below
// twenty, the tens and the scales ("hundred", "million", "crore"), sorted.
// The slice is shared: a caller must not change it.
func EnglishNumberWords() []string { return englishNumberWords() }

// englishNumberWords builds EnglishNumberWords' list once: a question's
// every unheard word is compared with each of them.
var englishNumberWords = sync.OnceValue(func() []string {
	words := slices.Clone(englishCardinals[:])
	for _, w := range englishTens {
		if w != "" {
			words = append(words, w)
		}
	}
	for w := range urduScales {
		if w[0] < utf8.RuneSelf {
			words = append(words, w)
		}
	}
	slices.Sort(words)
	return words
})

// numberWords maps folded number words (as [Tokens] returns them) to their
// meaning: the Urdu units and their variant spellings, the English ones, the
// fractions, the scales and the modifiers.
var numberWords = func() map[string]numWord {
	m := map[string]numWord{}
	for v, w := range urduUnits {
		m[w] = numWord{v: float64(v), kind: numUnit}
	}
	for w, v := range urduUnitVariants {
		m[w] = numWord{v: float64(v), kind: numUnit}
	}
	for v, w := range englishCardinals {
		m[w] = numWord{v: float64(v), kind: numUnit}
	}
	for v, w := range englishTens {
		if w != "" {
			m[w] = numWord{v: float64(10 * v), kind: numUnit}
		}
	}
	for w, v := range fractions {
		m[w] = numWord{v: v, kind: numUnit}
	}
	for w := range ambiguousUnits {
		nw := m[w]
		nw.ambiguous = true
		m[w] = nw
	}
	for w, v := range urduScales {
		m[w] = numWord{v: v, kind: numScale, ambiguous: w == "سو"} // سو is also "so"
	}
	for w, v := range modifiers { // سوا لاکھ = 125,000, ساڑھے تین = 3.5, پونے دو = 1.75
		m[w] = numWord{v: v, kind: numModifier}
	}
	return m
}()

// Numbers takes the numbers out of a token list ([Tokens] output),
// returning them and the other tokens. With components, the digit tokens
// inside a phrase are also returned as numbers of their own, so that a
// passage saying "790 ملین" matches a sentence saying "790".
func Numbers(toks []string, components bool) (nums []Number, rest []string) {
	for i := 0; i < len(toks); {
		num, n := numberAt(toks, i)
		if n == 0 {
			rest = append(rest, toks[i])
			i++
			continue
		}
		nums = append(nums, num)
		if components && n > 1 {
			for _, t := range toks[i : i+n] {
				if isDigitToken(t) {
					nums = append(nums, digitNumber(t))
				}
			}
		}
		i += n
	}
	return nums, rest
}

func isDigitToken(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsDigit(r)
}

// digitNumber is the number a digit token stands for. Tokens has already
// made the digits ASCII and dropped thousands separators; what does not parse
// as one decimal (a date "12.05.2023", digits of another script, a number too
// big for a float) compares as written.
func digitNumber(t string) Number {
	if v, err := strconv.ParseFloat(t, 64); err == nil && strings.Count(t, ".") <= 1 {
		return Number{Key: numKey(v), Text: t}
	}
	return Number{Key: t, Text: t}
}

// numKey is the comparison key of a value: twelve significant digits, so that
// 0.79 × 10⁹ and 790 × 10⁶ meet despite binary rounding.
func numKey(v float64) string {
	return strconv.FormatFloat(v, 'g', 12, 64)
}

// numberAt parses the number phrase starting at toks[i]: digits or number
// words, optionally scaled ("50 ہزار", "ایک لاکھ پچاس ہزار", "1.5 million",
// "two hundred and fifty", "سوا لاکھ"). It returns the number and how many
// tokens it spans, 0 when toks[i] does not start one.
func numberAt(toks []string, i int) (Number, int) {
	if isDigitToken(toks[i]) {
		if num := digitNumber(toks[i]); !isPlainDecimal(toks[i]) {
			return num, 1 // a date or other digit string: no arithmetic
		}
	}
	var (
		total, cur float64
		haveCur    bool
		lastScale  float64
		mod        float64 // pending سوا/ساڑھے/پونے
		haveMod    bool
		addable    float64 // cur may still absorb a unit below this: "twenty five"
		digitsOpen bool    // digits after a scale wait for a smaller scale
		sure       bool    // more than a lone ambiguous word
		bestEnd    = i     // the longest complete phrase is toks[i:bestEnd]
		bestVal    float64
		bestSure   bool
	)
scan:
	for j := i; j < len(toks); j++ {
		t := toks[j]
		w, isWord := numberWords[t]
		switch {
		case isDigitToken(t):
			if haveCur || !isPlainDecimal(t) {
				break scan
			}
			v, _ := strconv.ParseFloat(t, 64)
			cur, haveCur, addable, sure = v+mod, true, 0, true
			digitsOpen = total > 0
			mod, haveMod = 0, false
		case isWord && w.kind == numUnit:
			switch {
			case haveCur && w.v < addable && !haveMod:
				cur += w.v
				addable = 0
			case haveCur:
				break scan
			default:
				cur, haveCur = w.v+mod, true
				mod, haveMod = 0, false
				addable = 0
				if w.v >= 20 && w.v < 100 && w.v == math.Trunc(w.v/10)*10 {
					addable = 10 // twenty → twenty five
				}
			}
			sure = sure || !w.ambiguous
		case isWord && w.kind == numScale:
			if !haveCur {
				// A bare scale means one of it ("ہزار افراد", "a million"),
				// only at the start of a phrase or after a modifier.
				if j > i && !haveMod || w.ambiguous && !haveMod {
					break scan
				}
				cur, haveCur = 1+mod, true
				mod, haveMod = 0, false
			}
			sure = true
			if w.v == 100 {
				cur *= 100
				addable, digitsOpen = 100, false // ایک سو پچاس, two hundred (and) fifty
				break
			}
			if total > 0 && w.v > lastScale {
				total = (total + cur) * w.v
			} else {
				total += cur * w.v
			}
			lastScale, cur, haveCur, addable, digitsOpen = w.v, 0, false, 0, false
		case isWord && w.kind == numModifier:
			if haveCur || haveMod {
				break scan
			}
			mod, haveMod = w.v, true
			continue // incomplete until a number follows
		case t == "and" && haveCur && addable == 100 && j+1 < len(toks):
			if nw, ok := numberWords[toks[j+1]]; !ok || nw.kind != numUnit {
				break scan
			}
			continue
		default:
			break scan
		}
		// toks[i:j+1] is a complete phrase unless it ended in digits after
		// a scale, which only a smaller scale can join to it: "ایک لاکھ 50
		// ہزار" is one number, "ایک لاکھ 2015" two.
		if digitsOpen {
			continue
		}
		bestEnd, bestVal, bestSure = j+1, total+cur, sure
	}
	if bestEnd == i || !bestSure {
		return Number{}, 0
	}
	if math.IsInf(bestVal, 0) || math.IsNaN(bestVal) {
		joined := strings.Join(toks[i:bestEnd], " ")
		return Number{Key: joined, Text: joined}, bestEnd - i
	}
	return Number{Key: numKey(bestVal), Text: strings.Join(toks[i:bestEnd], " ")}, bestEnd - i
}

// isPlainDecimal reports an ASCII decimal with at most one point.
func isPlainDecimal(t string) bool {
	dots := 0
	for i := 0; i < len(t); i++ {
		switch c := t[i]; {
		case c == '.':
			dots++
		case c < '0' || c > '9':
			return false
		}
	}
	return dots <= 1 && t != "" && t[0] != '.' && t[len(t)-1] != '.'
}
