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

// aligner is a Latin word prepared for alignment with many Urdu words: the
// rules that apply at each position, with their costs there, worked out
// once.
type aligner struct {
	lat   string
	steps [][]step  // steps[i]: the rules that apply at lat[i]
	drop  []float32 // drop[i]: cost of lat[i] with no Urdu letter
	gem   []int     // gem[i]: how many letters at lat[i] double the consonant before it (geminate)
	class []byte    // class[i]: lat[i]'s consonant class, for substitutions
}

type step struct {
	adv   int // Latin letters consumed
	runes []rune
	cost  float32
}

func newAligner(lat string, roman bool) *aligner {
	if len(lat) > maxAlign {
		lat = lat[:maxAlign]
	}
	n := len(lat)
	a := &aligner{
		lat:   lat,
		steps: make([][]step, n),
		drop:  make([]float32, n),
		gem:   make([]int, n),
		class: make([]byte, n),
	}
	for i := 0; i < n; i++ {
		l := lat[i]
		if l < 'a' || l > 'z' {
			continue // a free skip, see alignCost
		}
		if isVowel(l) {
			a.drop[i] = costDropVowel
		} else {
			a.drop[i] = costDropConsonant
		}
		a.gem[i] = geminate(lat, i)
		a.class[i] = latinClass[l-'a']
		rs := rules.byFirst[l-'a']
		for k := range rs {
			r := &rs[k]
			// A doubled vowel letter spells one long vowel (Aamir عامر,
			// Saleem سلیم): its second letter is no unwritten short vowel,
			// which would let "Aa" pass for a bare ا.
			if len(r.runes) == 0 && i > 0 && lat[i-1] == l && isVowel(l) {
				continue
			}
			if r.applies(lat, i) {
				a.steps[i] = append(a.steps[i], step{len(r.lat), r.runes, float32(r.costAt(lat, i, roman))})
			}
		}
	}
	return a
}

// alignCost is the weighted edit distance between a Latin word (lower-case
// a–z) and an Urdu word, for Roman Urdu or not (see romanEnglishCost): the
// cheapest way to write lat as urd with the rule table's spellings, plus
// the edits above for what no rule explains.
func alignCost(lat, urd string, roman bool) float64 {
	return newAligner(lat, roman).cost(urd, math.Inf(1))
}

// cost aligns a's Latin word with urd. It gives up, returning +Inf, as
// soon as every alignment must cost more than bound.
func (a *aligner) cost(urd string, bound float64) float64 {
	var ubuf [maxAlign]rune
	var xbuf [maxAlign]float32
	var cbuf [maxAlign]byte
	m := 0
	for _, r := range urd {
		if m == maxAlign {
			break
		}
		ubuf[m], xbuf[m], cbuf[m] = r, float32(extraCost(r)), urduClass(r)
		m++
	}
	u, extra, ucls := ubuf[:m], xbuf[:m], cbuf[:m]
	n := len(a.lat)
	w := m + 1
	var dbuf [(maxAlign + 1) * (maxAlign + 1)]float32
	d := dbuf[:(n+1)*w]
	inf := float32(math.Inf(1))
	for i := range d {
		d[i] = inf
	}
	d[0] = 0
	b := float32(bound)
	for i := 0; i <= n; i++ {
		row := d[i*w : i*w+w]
		for j := 0; j <= m; j++ {
			c := row[j]
			if c == inf {
				continue
			}
			if j < m && c+extra[j] < row[j+1] {
				row[j+1] = c + extra[j]
			}
			if i == n {
				continue
			}
			next := d[(i+1)*w:]
			if a.drop[i] == 0 { // not a letter: skipped for free
				next[j] = min(next[j], c)
				continue
			}
			next[j] = min(next[j], c+a.drop[i])
			if g := a.gem[i]; g > 0 {
				k := (i+g)*w + j
				d[k] = min(d[k], c+gemCost)
			}
			if j < m {
				sub := float32(costSubstitute)
				if a.class[i] != clsNone && a.class[i] == ucls[j] {
					sub = costSubstituteClass
				}
				next[j+1] = min(next[j+1], c+sub)
			}
			for _, st := range a.steps[i] {
				if !hasRunes(u[j:], st.runes) {
					continue
				}
				k := (i+st.adv)*w + j + len(st.runes)
				d[k] = min(d[k], c+st.cost)
			}
		}
		// Every alignment passes through one of the next rules.maxLat rows
		// (no rule reads more letters), whose values so far only grow:
		// past the bound there, give up.
		if i < n {
			lo := inf
			for k := (i + 1) * w; k < min(i+1+rules.maxLat, n+1)*w; k++ {
				lo = min(lo, d[k])
			}
			if lo > b {
				return math.Inf(1)
			}
		}
	}
	return float64(d[n*w+m])
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

// maxCost is the cost at which a word of n Latin letters scores MinScore.
func maxCost(n int) float64 { return -math.Log(MinScore) * scale(n) }

func scale(n int) float64 { return 0.5 + 0.15*float64(n) }

// runeLen is utf8.RuneCountInString, named for the call sites.
func runeLen(s string) int { return utf8.RuneCountInString(s) }
