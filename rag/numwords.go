package rag

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// number is a number found in text: key compares values however they were
// written; text is how it was written (folded), for warnings.
type number struct{ key, text string }

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

// urduCardinals are the Urdu words for 0–99, each a single word. Spellings
// vary; a missing variant only means the word is compared as a word.
var urduCardinals = [100]string{
	"صفر", "ایک", "دو", "تین", "چار", "پانچ", "چھ", "سات", "آٹھ", "نو",
	"دس", "گیارہ", "بارہ", "تیرہ", "چودہ", "پندرہ", "سولہ", "سترہ", "اٹھارہ", "انیس",
	"بیس", "اکیس", "بائیس", "تئیس", "چوبیس", "پچیس", "چھبیس", "ستائیس", "اٹھائیس", "انتیس",
	"تیس", "اکتیس", "بتیس", "تینتیس", "چونتیس", "پینتیس", "چھتیس", "سینتیس", "اڑتیس", "انتالیس",
	"چالیس", "اکتالیس", "بیالیس", "تینتالیس", "چوالیس", "پینتالیس", "چھیالیس", "سینتالیس", "اڑتالیس", "انچاس",
	"پچاس", "اکیاون", "باون", "ترپن", "چون", "پچپن", "چھپن", "ستاون", "اٹھاون", "انسٹھ",
	"ساٹھ", "اکسٹھ", "باسٹھ", "ترسٹھ", "چونسٹھ", "پینسٹھ", "چھیاسٹھ", "سڑسٹھ", "اڑسٹھ", "انہتر",
	"ستر", "اکہتر", "بہتر", "تہتر", "چوہتر", "پچھتر", "چھہتر", "ستتر", "اٹھہتر", "اناسی",
	"اسی", "اکیاسی", "بیاسی", "تراسی", "چوراسی", "پچاسی", "چھیاسی", "ستاسی", "اٹھاسی", "نواسی",
	"نوے", "اکانوے", "بانوے", "ترانوے", "چورانوے", "پچانوے", "چھیانوے", "ستانوے", "اٹھانوے", "ننانوے",
}

var englishCardinals = [20]string{
	"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
	"ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
}

var englishTens = [10]string{2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy", 8: "eighty", 9: "ninety"}

// numberWords maps folded number words (as text.Tokens returns them) to their
// meaning.
var numberWords = func() map[string]numWord {
	m := map[string]numWord{}
	for v, w := range urduCardinals {
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
	m["چھے"] = numWord{v: 6, kind: numUnit}
	m["ڈیڑھ"] = numWord{v: 1.5, kind: numUnit}
	m["ڈھائی"] = numWord{v: 2.5, kind: numUnit}
	for _, w := range []string{"ایک", "دو", "نو", "انیس", "بیس", "چون", "ستر", "بہتر", "اسی", "one"} {
		nw := m[w]
		nw.ambiguous = true
		m[w] = nw
	}
	for w, v := range map[string]float64{
		"سو": 100, "ہزار": 1e3, "لاکھ": 1e5, "ملین": 1e6, "کروڑ": 1e7, "ارب": 1e9, "بلین": 1e9,
		"کھرب": 1e11, "ٹریلین": 1e12,
		"hundred": 100, "thousand": 1e3, "lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "million": 1e6,
		"crore": 1e7, "crores": 1e7, "billion": 1e9, "trillion": 1e12,
	} {
		m[w] = numWord{v: v, kind: numScale, ambiguous: w == "سو"} // سو is also "so"
	}
	m["سوا"] = numWord{v: 0.25, kind: numModifier}   // سوا لاکھ = 125,000
	m["ساڑھے"] = numWord{v: 0.5, kind: numModifier}  // ساڑھے تین = 3.5
	m["پونے"] = numWord{v: -0.25, kind: numModifier} // پونے دو = 1.75
	return m
}()

// numbersIn takes the numbers out of a token list (text.Tokens output),
// returning them and the other tokens. With components, the digit tokens
// inside a phrase are also returned as numbers of their own, so that a
// passage saying "790 ملین" matches a sentence saying "790".
func numbersIn(toks []string, components bool) (nums []number, rest []string) {
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
func digitNumber(t string) number {
	if v, err := strconv.ParseFloat(t, 64); err == nil && strings.Count(t, ".") <= 1 {
		return number{key: numKey(v), text: t}
	}
	return number{key: t, text: t}
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
func numberAt(toks []string, i int) (number, int) {
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
		return number{}, 0
	}
	if math.IsInf(bestVal, 0) || math.IsNaN(bestVal) {
		joined := strings.Join(toks[i:bestEnd], " ")
		return number{key: joined, text: joined}, bestEnd - i
	}
	return number{key: numKey(bestVal), text: strings.Join(toks[i:bestEnd], " ")}, bestEnd - i
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
