package translit

import (
	"math"
	"unicode/utf8"
)

// Costs of the edits the rule table does not explain. An alignment made
// only of rules costs what its spellings' surprisals add up to; every
// edit below is a letter one side has and the other does not.
const (
	// costDropConsonant is a Latin consonant with no Urdu letter.
	costDropConsonant = 1.0
	// costDropVowel is a Latin vowel no rule places (rules already let a
	// short vowel go unwritten, so this is a vowel in an odd place).
	costDropVowel = 0.5
	// costSubstitute is a Latin letter written with an Urdu letter no rule
	// gives it; costSubstituteClass when the two share a consonant class.
	costSubstitute      = 1.0
	costSubstituteClass = 0.6
	// costExtraConsonant is an Urdu consonant with no Latin letter.
	costExtraConsonant = 1.0
	// costExtraVowel is an Urdu vowel letter (ا و ی ے ہ) with no Latin
	// letter; costExtraWeak is ع, ئ, ء or ھ, which Latin spellings of
	// Urdu words routinely leave out (Imran عمران, Ali علی, Shahid شاہد).
	costExtraVowel = 0.5
	costExtraWeak  = 0.3
)

// extraCost is the cost of an Urdu letter with no Latin counterpart.
func extraCost(r rune) float64 {
	switch r {
	case ' ':
		return 0 // a name written as two words
	case 'ع', 'ئ', 'ء', 'ھ':
		return costExtraWeak
	case 'ا', 'آ', 'و', 'ؤ', 'ی', 'ے', 'ہ', 'ۂ', 'ۃ', 'ۓ':
		return costExtraVowel
	}
	return costExtraConsonant
}

// latinClass is the consonant class a Latin letter is most often written
// with, for costSubstituteClass.
var latinClass = [26]byte{
	'b' - 'a': clsB, 'c' - 'a': clsK, 'd' - 'a': clsD, 'f' - 'a': clsF,
	'g' - 'a': clsG, 'j' - 'a': clsJ, 'k' - 'a': clsK, 'l' - 'a': clsL,
	'm' - 'a': clsM, 'n' - 'a': clsN, 'p' - 'a': clsP, 'q' - 'a': clsK,
	'r' - 'a': clsR, 's' - 'a': clsS, 't' - 'a': clsT, 'v' - 'a': clsF,
	'x' - 'a': clsK, 'z' - 'a': clsZ,
}

// maxAlign bounds the words the aligner compares (in bytes of Latin and
// runes of Urdu); longer words are compared on their first maxAlign.
const maxAlign = 40

// alignCost is the weighted edit distance between a Latin word (lower-case
// a–z) and an Urdu word, for Roman Urdu or not (see romanEnglishCost): the cheapest way to write lat as urd with the rule
// table's spellings, plus the edits above for what no rule explains.
func alignCost(lat, urd string, roman bool) float64 {
	var ubuf [maxAlign]rune
	m := 0
	for _, r := range urd {
		if m == maxAlign {
			break
		}
		ubuf[m] = r
		m++
	}
	u := ubuf[:m]
	if len(lat) > maxAlign {
		lat = lat[:maxAlign]
	}
	n := len(lat)
	w := m + 1
	var dbuf [(maxAlign + 1) * (maxAlign + 1)]float64
	d := dbuf[:(n+1)*w]
	for i := range d {
		d[i] = math.Inf(1)
	}
	d[0] = 0
	relax := func(i, j int, c float64) {
		if c < d[i*w+j] {
			d[i*w+j] = c
		}
	}
	for i := 0; i <= n; i++ {
		for j := 0; j <= m; j++ {
			c := d[i*w+j]
			if math.IsInf(c, 1) {
				continue
			}
			if j < m {
				relax(i, j+1, c+extraCost(u[j]))
			}
			if i == n {
				continue
			}
			l := lat[i]
			if l < 'a' || l > 'z' {
				relax(i+1, j, c)
				continue
			}
			if isVowel(l) {
				relax(i+1, j, c+costDropVowel)
			} else {
				relax(i+1, j, c+costDropConsonant)
			}
			if geminate(lat, i) {
				relax(i+1, j, c+gemCost)
			}
			if j < m {
				sub := costSubstitute
				if lc := latinClass[l-'a']; lc != clsNone && lc == urduClass(u[j]) {
					sub = costSubstituteClass
				}
				relax(i+1, j+1, c+sub)
			}
			rs := rules.byFirst[l-'a']
			for k := range rs {
				r := &rs[k]
				if !r.applies(lat, i) || !hasRunes(u[j:], r.runes) {
					continue
				}
				relax(i+len(r.lat), j+len(r.runes), c+r.costAt(lat, i, roman))
			}
		}
	}
	return d[n*w+m]
}

func hasRunes(u, prefix []rune) bool {
	if len(prefix) > len(u) {
		return false
	}
	for i, r := range prefix {
		if u[i] != r {
			return false
		}
	}
	return true
}

// score turns an alignment cost into a score in (0, 1]: 1 for a spelling
// made of the rule table's usual choices, falling off with the cost. The
// allowance grows with the word, because a long name collects more small
// spelling choices than a short one; a single unexplained consonant (cost
// 1) halves the score of a six-letter word.
func score(cost float64, latinLen int) float64 {
	return math.Exp(-cost / scale(latinLen))
}

func scale(n int) float64 { return 0.5 + 0.15*float64(n) }

// runeLen is utf8.RuneCountInString, named for the call sites.
func runeLen(s string) int { return utf8.RuneCountInString(s) }
