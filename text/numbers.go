package text

import (
	"math"
	"strconv"
	"strings"
)

// Urdu news writes numbers in digits ("50,000", "12 لاکھ") and in words
// ("پچاس ہزار"), and counts large numbers in lakhs and crores. An English
// question's "50,000" must meet "پچاس ہزار", and an English reader of an
// Urdu quote must be told 1.2 million for "12 لاکھ".

// urduUnits are the number words below a hundred: Urdu has a word for each
// rather than tens and units.
var urduUnits = strings.Fields(`صفر ایک دو تین چار پانچ چھ سات آٹھ نو دس گیارہ بارہ تیرہ چودہ پندرہ سولہ سترہ اٹھارہ انیس
بیس اکیس بائیس تئیس چوبیس پچیس چھبیس ستائیس اٹھائیس انتیس تیس اکتیس بتیس تینتیس چونتیس پینتیس چھتیس سینتیس اڑتیس انتالیس
چالیس اکتالیس بیالیس تینتالیس چوالیس پینتالیس چھیالیس سینتالیس اڑتالیس انچاس پچاس اکیاون باون ترپن چون پچپن چھپن ستاون اٹھاون انسٹھ
ساٹھ اکسٹھ باسٹھ تریسٹھ چونسٹھ پینسٹھ چھیاسٹھ سڑسٹھ اڑسٹھ انہتر ستر اکہتر بہتر تہتر چوہتر پچھتر چھہتر ستتر اٹھہتر اناسی
اسی اکیاسی بیاسی تراسی چوراسی پچاسی چھیاسی ستاسی اٹھاسی نواسی نوے اکانوے بانوے ترانوے چورانوے پچانوے چھیانوے ستانوے اٹھانوے ننانوے`)

// urduUnitVariants are other spellings of unit words that news uses beside
// those of urduUnits (which SpellUrdu writes).
var urduUnitVariants = map[string]int{"ترسٹھ": 63, "چھے": 6}

// urduScales are the multipliers, Urdu and the English ones Urdu news borrows
// (and English writes).
var urduScales = map[string]float64{
	"سو": 100, "ہزار": 1e3, "لاکھ": 1e5, "کروڑ": 1e7, "ارب": 1e9, "کھرب": 1e11,
	"ملین": 1e6, "بلین": 1e9, "ٹریلین": 1e12,
	"hundred": 100, "thousand": 1e3, "lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "million": 1e6,
	"crore": 1e7, "crores": 1e7, "billion": 1e9, "trillion": 1e12,
}

// fractions and modifiers are the number words of halves and quarters,
// folded as Tokens gives them (the citation check's reader, numberAt, knows
// them too).
var (
	fractions = map[string]float64{"ڈیڑھ": 1.5, "ڈھائی": 2.5}
	modifiers = map[string]float64{"سوا": 0.25, "ساڑھے": 0.5, "پونے": -0.25}
)

// ambiguousUnits are the number words that are also common words: "ایک"
// (one, a), "دو" (two, give; "دو طرفہ", bilateral), "نو" (nine, new),
// "انیس" (nineteen, a name), "بیس" (twenty, base), "چون", "ستر" (seventy,
// a veil), "بہتر" (seventy-two, better), "اسی" (eighty, that same), and
// English "one". Alone they are no numbers; before a scale they are ("ایک
// لاکھ", "اسی ہزار").
var ambiguousUnits = map[string]bool{
	"ایک": true, "دو": true, "نو": true, "انیس": true, "بیس": true, "چون": true, "ستر": true, "بہتر": true, "اسی": true, "one": true,
}

var urduUnitValue = func() map[string]int {
	m := make(map[string]int, len(urduUnits)+len(urduUnitVariants)+1)
	for i, w := range urduUnits {
		m[w] = i
	}
	for w, v := range urduUnitVariants {
		m[w] = v
	}
	m["یکم"] = 1 // the first of a month: "یکم مئی"
	return m
}()

// UrduNumberWord returns the value of an Urdu number word below a hundred
// ("پچاس" → 50), folded as Tokens gives it.
func UrduNumberWord(tok string) (int, bool) {
	v, ok := urduUnitValue[tok]
	return v, ok
}

// ReadNumber reads a number that starts at toks[i] (tokens as Tokens gives
// them: digits ASCII, a decimal whole, "9.4") and returns its value and how
// many tokens it spans. It reads digits ("40"), decimals ("9.4 فیصد"), either
// with a scale ("12 لاکھ", "1.5 ارب"), number words with a scale ("پچاس
// ہزار"), the fractions "ڈیڑھ" (1.5) and "ڈھائی" (2.5), and the modifiers
// "سوا" (+¼), "ساڑھے" (+½) and "پونے" (−¼) before a number or a scale
// ("ساڑھے تین لاکھ" = 350,000, "ساڑھے نو فیصد" = 9.5, "سوا لاکھ" = 125,000);
// a date written with dots ("12.05.2023") is no number.
// A lone number word is read only when it cannot be anything else: one of
// 11 or more that is no common word too ("اکیاون"; not "اسی", eighty or
// "that same", as in "اسی سال": ambiguousUnits). The small ones count only
// before a scale: "دو" (two, give) and "نو" (nine, new) are common words,
// and the others begin names ("چار سدہ") and fractions ("ساڑھے چار", 4.5).
func ReadNumber(toks []string, i int) (value float64, n int, ok bool) {
	if i >= len(toks) {
		return 0, 0, false
	}
	t := toks[i]
	if d, ok := digitsValue(t, true); ok {
		value, n = d, 1
	} else if f, isFraction := fractions[t]; isFraction {
		value, n = f, 1
	} else if mod, isMod := modifiers[t]; isMod {
		// The modifier changes what follows: a number, or a scale ("سوا
		// لاکھ", one and a quarter lakh), which the loop below multiplies.
		if i+1 >= len(toks) {
			return 0, 0, false
		}
		next := toks[i+1]
		if d, ok := digitsValue(next, true); ok {
			value, n = d+mod, 2
		} else if u, isUnit := urduUnitValue[next]; isUnit {
			value, n = float64(u)+mod, 2
		} else if isScale(next) {
			value, n = 1+mod, 1
		} else {
			return 0, 0, false
		}
	} else if u, isUnit := urduUnitValue[t]; isUnit {
		value, n = float64(u), 1
		if i+1 >= len(toks) || !isScale(toks[i+1]) {
			if u < 11 || ambiguousUnits[t] || t == "یکم" {
				return 0, 0, false
			}
			return value, 1, true
		}
	} else {
		return 0, 0, false
	}
	// Scales multiply what came before, largest first; smaller parts may
	// follow ("دو لاکھ پچاس ہزار" = 250,000, "نو سو اڑتالیس" = 948).
	total, group, last := 0.0, value, math.Inf(1)
	for i+n < len(toks) {
		if s, isS := urduScales[toks[i+n]]; isS && s < last {
			group *= s
			n++
			if s >= 1e3 {
				total, group = total+group, 0
			}
			last = s
			continue
		}
		if d, ok := digitsValue(toks[i+n], false); ok && !math.IsInf(last, 1) && last >= 1e3 && group == 0 {
			// Digits after a scale are its smaller part, as Urdu news writes
			// figures: "25 لاکھ 51 ہزار" = 2,551,000, "4 ہزار 468" = 4,468.
			if i+n+1 < len(toks) {
				if s, isS := urduScales[toks[i+n+1]]; isS {
					if s < last && d*s < last {
						group = d
						n++
						continue
					}
					break // "5 ہزار 30 ہزار": another number
				}
			}
			if d < last {
				group = d
				n++
			}
			break
		}
		if mod, isMod := modifiers[toks[i+n]]; isMod && !math.IsInf(last, 1) && last >= 1e3 && group == 0 && i+n+2 < len(toks) {
			// A smaller part with a half or a quarter: "ایک لاکھ ساڑھے تین
			// ہزار" = 103,500.
			part, isPart := urduUnitValue[toks[i+n+1]]
			if d, ok := digitsValue(toks[i+n+1], false); ok {
				part, isPart = int(d), true
			}
			if s, isS := urduScales[toks[i+n+2]]; isPart && isS && s < last {
				group = float64(part) + mod
				n += 2
				continue
			}
			break
		}
		u, isUnit := urduUnitValue[toks[i+n]]
		if !isUnit || math.IsInf(last, 1) || group != 0 && last >= 1e3 {
			break
		}
		n++
		if i+n < len(toks) && isScale(toks[i+n]) {
			total, group = total+group, float64(u)
			continue
		}
		group += float64(u)
		break
	}
	return total + group, n, true
}

func isScale(t string) bool { _, ok := Scale(t); return ok }

// digitsValue is the value of a token of ASCII digits, or of a decimal
// when decimal is set; a word is rejected before strconv is asked, whose
// failed parse of it costs an error and two allocations.
func digitsValue(t string, decimal bool) (float64, bool) {
	if !IsDigits(t) && !(decimal && isDecimal(t)) {
		return 0, false
	}
	d, err := strconv.ParseFloat(t, 64)
	return d, err == nil
}

// isDecimal reports a token of ASCII digits with one decimal point between
// them ("9.4", "1119.220").
func isDecimal(t string) bool {
	whole, frac, ok := strings.Cut(t, ".")
	return ok && IsDigits(whole) && IsDigits(frac)
}

// Scale is the value of a scale word as ReadNumber reads it: Urdu's
// ("لاکھ"), the English ones Urdu news borrows ("ملین") and English's
// ("million", "crore").
func Scale(t string) (float64, bool) {
	v, ok := urduScales[t]
	return v, ok
}

// IsDigits reports a token of ASCII digits only (Tokens has made Urdu and
// Arabic-Indic digits ASCII): a number as a question or an article writes it.
func IsDigits(t string) bool {
	if t == "" {
		return false
	}
	for i := 0; i < len(t); i++ {
		if t[i] < '0' || t[i] > '9' {
			return false
		}
	}
	return true
}

// SpellUrdu writes n in Urdu words as news does, in crores, lakhs, thousands
// and hundreds ("50000" → "پچاس ہزار", "1200000" → "بارہ لاکھ"); "" for
// numbers it does not spell (negative, or a hundred crore and more).
func SpellUrdu(n int64) string {
	if n < 0 || n >= 1e9 {
		return ""
	}
	if n == 0 {
		return urduUnits[0]
	}
	var parts []string
	for _, sc := range []struct {
		v    int64
		word string
	}{{1e7, "کروڑ"}, {1e5, "لاکھ"}, {1e3, "ہزار"}, {100, "سو"}} {
		if q := n / sc.v; q > 0 {
			parts = append(parts, urduUnits[q], sc.word)
			n %= sc.v
		}
	}
	if n > 0 {
		parts = append(parts, urduUnits[n])
	}
	return strings.Join(parts, " ")
}

// FormatNumber writes v for an English reader: digits grouped by thousands
// ("1,200,000"), a fraction only when there is one.
func FormatNumber(v float64) string {
	if math.Abs(v) >= 1e15 {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	s, frac, _ := strings.Cut(strconv.FormatFloat(math.Abs(v), 'f', -1, 64), ".")
	var b strings.Builder
	if v < 0 {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteString("." + frac)
	}
	return b.String()
}

// UrduFigures are the ways Urdu news writes v in digits with its own scales:
// 500 million as "50 کروڑ", 671 million as "67 کروڑ 10 لاکھ" and "67.1
// کروڑ", 1.5 billion as "1.5 ارب" and "1 ارب 50 کروڑ", 100,000 as "1 لاکھ".
// An English question's "$500 million" is met there, not by "500 ملین",
// which few reports write. None for v below a thousand, or v not a whole
// number of units.
func UrduFigures(v float64) []string {
	scales := []struct {
		v    float64
		word string
	}{{1e9, "ارب"}, {1e7, "کروڑ"}, {1e5, "لاکھ"}, {1e3, "ہزار"}, {1, ""}}
	for k, sc := range scales[:len(scales)-1] {
		if v < sc.v {
			continue
		}
		q := v / sc.v
		whole := math.Floor(q)
		if q == whole {
			return []string{formatDigits(whole) + " " + sc.word}
		}
		var out []string
		// The rest in the next scale, or in plain digits after a thousand
		// ("58 ہزار 500").
		next := scales[k+1]
		if rest := (v - whole*sc.v) / next.v; rest == math.Round(rest) {
			out = append(out, strings.TrimSpace(formatDigits(whole)+" "+sc.word+" "+formatDigits(rest)+" "+next.word))
		}
		if tenths := q * 10; math.Abs(tenths-math.Round(tenths)) < 1e-9 {
			out = append(out, strconv.FormatFloat(math.Round(tenths)/10, 'f', -1, 64)+" "+sc.word)
		}
		return out
	}
	return nil
}

// formatDigits writes a whole number in plain digits ("50", not "5e+01").
func formatDigits(v float64) string { return strconv.FormatFloat(v, 'f', 0, 64) }
