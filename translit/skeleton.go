package translit

import (
	"cmp"
	"slices"
)

// Consonant classes: both scripts are reduced to one alphabet of 16
// consonant classes to index and look up a vocabulary. A class holds the
// letters that one Latin spelling may stand for (ت ٹ ط are all "t"), so
// that the skeletons of a word and of its transliteration are usually equal.
// Vowels, the vowel-carrying letters (ا و ی ے ع ئ ء), h and its Urdu letters
// (ہ ح ھ) have no class: whether and how they are written is exactly what
// varies between spellings. Latin w, y and v between vowels are written
// with و and ی, so they drop out too (v also has a spelling as ف, which the
// rule table gives).
const (
	clsNone byte = iota
	clsB
	clsP
	clsT
	clsD
	clsJ
	clsC // چ
	clsK // ک ق خ
	clsG // گ غ
	clsF
	clsS // س ص ث
	clsX // ش
	clsZ // ز ذ ض ظ ژ
	clsR
	clsL
	clsM
	clsN
	numClasses = clsN
)

// urduClass is the consonant class of an Urdu letter, clsNone for vowel
// letters, h letters, and anything that is not an Urdu letter.
func urduClass(r rune) byte {
	switch r {
	case 'ب':
		return clsB
	case 'پ':
		return clsP
	case 'ت', 'ٹ', 'ط':
		return clsT
	case 'د', 'ڈ':
		return clsD
	case 'ج':
		return clsJ
	case 'چ':
		return clsC
	case 'ک', 'ق', 'خ':
		return clsK
	case 'گ', 'غ':
		return clsG
	case 'ف':
		return clsF
	case 'س', 'ص', 'ث':
		return clsS
	case 'ش':
		return clsX
	case 'ز', 'ذ', 'ض', 'ظ', 'ژ':
		return clsZ
	case 'ر', 'ڑ':
		return clsR
	case 'ل':
		return clsL
	case 'م':
		return clsM
	case 'ن', 'ں':
		return clsN
	}
	return clsNone
}

// maxSkel bounds a skeleton's length; longer words keep their first
// maxSkel consonants (a 20-consonant word is matched on its first 16).
const maxSkel = 16

// skel is a consonant skeleton: class bytes, at most maxSkel.
type skel struct {
	n int
	c [maxSkel]byte
}

func (s *skel) add(c byte) {
	if c != clsNone && s.n < maxSkel {
		s.c[s.n] = c
		s.n++
	}
}

func (s *skel) bytes() []byte { return s.c[:s.n] }

// key hashes a skeleton (FNV-1a). Two skeletons with one key only put a
// word among the candidates the aligner then scores, so collisions cost
// time, never a wrong answer.
func key(c []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, b := range c {
		h ^= uint64(b)
		h *= 1099511628211
	}
	h ^= uint64(len(c))
	h *= 1099511628211
	return h
}

// urduSkel is the skeleton of an Urdu word (spaces and other non-letters
// have no class).
func urduSkel(w string) skel {
	var s skel
	for _, r := range w {
		s.add(urduClass(r))
	}
	return s
}

// latinSkels returns the distinct skeletons of the likeliest Urdu spellings
// of a Latin word by the rule table, at most limit, cheapest first, each
// with the cost of the cheapest spelling that gives it. The Latin side is
// ambiguous (c is ک or س, v is و or ف, th is تھ or ث …), so one Latin word
// has several skeletons, where an Urdu word has one.
func latinSkels(lat string, limit int, roman bool) []skelCost {
	type state = skelCost
	n := len(lat)
	if n == 0 {
		return nil
	}
	// at[i] holds the cheapest skeletons of lat[:i].
	at := make([][]state, n+1)
	at[0] = []state{{}}
	const beam = 24
	for i := 0; i < n; i++ {
		if len(at[i]) == 0 {
			continue
		}
		cur := at[i]
		if len(cur) > beam {
			slices.SortFunc(cur, func(a, b state) int { return cmp.Compare(a.cost, b.cost) })
			cur = cur[:beam]
		}
		c := lat[i]
		if c < 'a' || c > 'z' {
			for _, st := range cur {
				at[i+1] = addState(at[i+1], st)
			}
			continue
		}
		for k := range rules.byFirst[c-'a'] {
			r := &rules.byFirst[c-'a'][k]
			if !r.applies(lat, i) {
				continue
			}
			for _, st := range cur {
				nx := st
				for _, b := range r.skel {
					nx.s.add(b)
				}
				nx.cost += r.costAt(lat, i, roman)
				at[i+len(r.lat)] = addState(at[i+len(r.lat)], nx)
			}
		}
		if g := geminate(lat, i); g > 0 {
			for _, st := range cur {
				st.cost += gemCost
				at[i+g] = addState(at[i+g], st)
			}
		}
	}
	out := at[n]
	slices.SortFunc(out, func(a, b state) int { return cmp.Compare(a.cost, b.cost) })
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}

type skelCost struct {
	s    skel
	cost float64
}

// addState adds st to states, keeping the cheaper of two equal skeletons.
func addState(states []skelCost, st skelCost) []skelCost {
	for i := range states {
		if states[i].s == st.s {
			if st.cost < states[i].cost {
				states[i].cost = st.cost
			}
			return states
		}
	}
	return append(states, st)
}

// geminate is how many letters at lat[i] double the consonant before it:
// 1 for "ss", "tt", 2 for a digraph's "shsh", "khkh" (Mushshak, مشاق);
// 0 when they do not. Urdu writes a doubled consonant once (with a shadda
// that the normaliser removes).
func geminate(lat string, i int) int {
	switch {
	case i > 0 && lat[i] == lat[i-1] && !isVowel(lat[i]):
		return 1
	case i > 1 && i+1 < len(lat) && lat[i+1] == 'h' && lat[i:i+2] == lat[i-2:i] && !isVowel(lat[i]):
		return 2
	}
	return 0
}

// gemCost is the cost of dropping the second letter of a doubled consonant.
const gemCost = 0.05

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	}
	return false
}
