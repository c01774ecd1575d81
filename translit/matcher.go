package translit

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode"
)

// Word is one word of a collection's vocabulary, in text.Tokens form, with
// the number of chunks holding it.
//
// Text may also be two words joined by one space ("اسلام آباد"): a caller
// that knows the collection's frequent word pairs can pass them, and a
// Latin name written as two Urdu words then matches the pair whole.
type Word struct {
	Text string
	DF   int
}

// Match is a vocabulary word that a word in the other script may spell,
// with a score in (0,1] (1 = certain).
//
// Word is a vocabulary word, or two vocabulary words joined by a space when
// the name is written as two words in the other script ("islamabad" →
// "اسلام آباد"); see [Matcher.Names].
type Match struct {
	Word  string
	Score float64
}

// Thresholds, chosen on the names and English words in the tests (see
// doc.go, "Thresholds").
const (
	// NameThreshold is the score from which a match is a confident name
	// match: a caller should take a word from [Matcher.Names] or
	// [Matcher.RomanUrdu] only at or above it.
	NameThreshold = 0.6
	// MinScore is the least score Names returns at all: matches below it
	// are noise and are dropped.
	MinScore = 0.35
	// EnglishFactor multiplies the score of a Latin word that is an
	// ordinary English word (in the embedded SCOWL list, see english.go),
	// so that "minister" does not confidently match منسٹر: ordinary words
	// are the lexicon's job, and a perfect score times EnglishFactor is
	// below NameThreshold.
	EnglishFactor = 0.5
	// splitFactor multiplies the score of a name matched as two words, and
	// splitPart is the least score each of the two must have on its own.
	splitFactor = 0.95
	splitPart   = 0.8
)

// maxMatches is how many matches Names returns at most.
const maxMatches = 3

// Matcher finds, for a Latin word, the Urdu-script words of a vocabulary it
// may spell (and, for an English collection, the Latin words an
// Urdu-script word may spell). It is safe for concurrent use.
type Matcher struct {
	words []string
	df    []int32
	ur    index     // Urdu-script words by skeleton
	la    index     // Latin words by their likeliest skeletons
	seen  sync.Pool // of *seenSet, to drop repeated candidates
}

// seenSet marks the words a lookup has collected: marks[w] == stamp.
// A fresh stamp clears it, so one allocation serves many lookups.
type seenSet struct {
	stamp uint32
	marks []uint32
}

// candidates collects the words that lookup(f) passes, each once, in the
// order they come (the likeliest skeletons' first).
func (m *Matcher) candidates(lookup func(f func(int32))) []int32 {
	s, _ := m.seen.Get().(*seenSet)
	if s == nil || len(s.marks) != len(m.words) {
		s = &seenSet{marks: make([]uint32, len(m.words))}
	}
	s.stamp++
	if s.stamp == 0 { // wrapped: old marks could match
		clear(s.marks)
		s.stamp = 1
	}
	var out []int32
	lookup(func(w int32) {
		if s.marks[w] != s.stamp {
			s.marks[w] = s.stamp
			out = append(out, w)
		}
	})
	m.seen.Put(s)
	return out
}

// index maps a skeleton key to the vocabulary words with that skeleton, as
// chains through entries (no allocation per key).
type index struct {
	head    map[uint64]int32 // key → first entry + 1
	entries []entry
}

type entry struct {
	word int32
	next int32 // next entry + 1, 0 at the end
}

func (ix *index) add(k uint64, word int32) {
	if ix.head == nil {
		ix.head = make(map[uint64]int32)
	}
	ix.entries = append(ix.entries, entry{word: word, next: ix.head[k]})
	ix.head[k] = int32(len(ix.entries))
}

// each calls f with every word indexed under key k.
func (ix *index) each(k uint64, f func(word int32)) {
	for e := ix.head[k]; e != 0; e = ix.entries[e-1].next {
		f(ix.entries[e-1].word)
	}
}

// latinIndexSkels is how many skeletons a Latin vocabulary word is indexed
// under (its spellings' likeliest; the query's neighbours cover the rest).
const latinIndexSkels = 2

// NewMatcher indexes a vocabulary. Words in Arabic script are indexed for
// Latin queries, words in Latin letters for Urdu-script queries; words of
// other scripts, digits and empty words are skipped (they count in Len).
func NewMatcher(words []Word) *Matcher {
	m := &Matcher{
		words: make([]string, len(words)),
		df:    make([]int32, len(words)),
	}
	m.ur.head = make(map[uint64]int32, len(words))
	m.ur.entries = make([]entry, 0, len(words))
	for i, w := range words {
		m.words[i] = w.Text
		m.df[i] = int32(min(w.DF, math.MaxInt32))
		if isFunctionWord(w.Text) {
			continue // never a name: left out of the index rather than aligned and dropped per question
		}
		switch scriptOf(w.Text) {
		case scriptUrdu:
			s := urduSkel(w.Text)
			if s.n > 0 {
				m.ur.add(key(s.bytes()), int32(i))
			}
		case scriptLatin:
			lat := latinLetters(w.Text)
			for _, sc := range latinSkels(lat, latinIndexSkels, false) {
				if sc.s.n > 0 {
					m.la.add(key(sc.s.bytes()), int32(i))
				}
			}
		}
	}
	return m
}

// Len is the number of words the vocabulary was built from.
func (m *Matcher) Len() int { return len(m.words) }

type script uint8

const (
	scriptNone script = iota
	scriptUrdu
	scriptLatin
)

// scriptOf says whether w is an Arabic-script word or a Latin one (by its
// first letter; vocabulary words are in one script, text.Tokens splits at
// a change of script).
func scriptOf(w string) script {
	for _, r := range w {
		switch {
		case r >= 0x0600 && r <= 0x06FF || r >= 0x0750 && r <= 0x077F:
			if unicode.IsLetter(r) {
				return scriptUrdu
			}
		case 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z':
			return scriptLatin
		case unicode.IsLetter(r) && unicode.Is(unicode.Latin, r):
			return scriptLatin
		case unicode.IsLetter(r):
			return scriptNone
		}
	}
	return scriptNone
}

// latinLetters lower-cases w and keeps its letters a–z, with accents
// dropped (é → e); everything else goes.
func latinLetters(w string) string {
	ok := true
	for i := 0; i < len(w); i++ {
		if c := w[i]; c < 'a' || c > 'z' {
			ok = false
			break
		}
	}
	if ok {
		return w
	}
	var b strings.Builder
	for _, r := range w {
		r = unicode.ToLower(r)
		if r >= 'a' && r <= 'z' {
			b.WriteRune(r)
		} else if f, ok := foldAccent(r); ok {
			b.WriteByte(f)
		}
	}
	return b.String()
}

// foldAccent maps common accented Latin letters to their base letter.
func foldAccent(r rune) (byte, bool) {
	switch r {
	case 'à', 'á', 'â', 'ã', 'ä', 'å', 'ā':
		return 'a', true
	case 'è', 'é', 'ê', 'ë', 'ē':
		return 'e', true
	case 'ì', 'í', 'î', 'ï', 'ī':
		return 'i', true
	case 'ò', 'ó', 'ô', 'õ', 'ö', 'ō':
		return 'o', true
	case 'ù', 'ú', 'û', 'ü', 'ū':
		return 'u', true
	case 'ç':
		return 'c', true
	case 'ñ':
		return 'n', true
	case 'ş', 'š':
		return 's', true
	}
	return 0, false
}

// Names returns the vocabulary words that word, a Latin word, may spell in
// Urdu script, or, for an Urdu-script word, the Latin vocabulary words that
// may spell it: at most three, best first, each scoring at least MinScore.
// A score at or above NameThreshold is a confident match.
//
// An ordinary English word ("when", "minister") has its scores multiplied by
// EnglishFactor, so it never matches confidently even when the collection
// has its transliteration (منسٹر): use [Matcher.Transliterate] for a word
// known to be a name. A word of three letters or fewer matches only words
// with exactly its consonant skeleton. When no single word matches
// confidently, a Latin word is tried as two vocabulary words written
// apart ("islamabad" → "اسلام آباد").
func (m *Matcher) Names(word string) []Match {
	if scriptOf(word) == scriptLatin {
		if lat := latinLetters(word); IsEnglishWord(lat) {
			return m.latinToUrdu(lat, EnglishFactor, false)
		}
	}
	return m.Transliterate(word)
}

// Transliterate is [Matcher.Names] without the English-word factor: for a
// word the caller knows is a name ("Trump", capitalised mid-sentence).
func (m *Matcher) Transliterate(word string) []Match {
	switch scriptOf(word) {
	case scriptLatin:
		return m.latinToUrdu(latinLetters(word), 1, false)
	case scriptUrdu:
		return m.urduToLatin(word)
	}
	return nil
}

func (m *Matcher) latinToUrdu(lat string, factor float64, roman bool) []Match {
	if len(lat) > maxAlign {
		return nil // no name is that long; this is not a word
	}
	out := m.matches(m.rankLatin(lat, maxMatches, roman))
	// An ordinary English word is not a two-word name.
	if factor == 1 && (len(out) == 0 || out[0].Score < NameThreshold) {
		if sp, ok := m.split(lat, roman); ok && (len(out) == 0 || sp.Score > out[0].Score) {
			out = append([]Match{sp}, out...)
			if len(out) > maxMatches {
				out = out[:maxMatches]
			}
		}
	}
	return scaled(out, factor)
}

// scaled multiplies the scores by f and drops those that fall below MinScore.
func scaled(ms []Match, f float64) []Match {
	if f == 1 {
		return ms
	}
	out := ms[:0]
	for _, x := range ms {
		x.Score *= f
		if x.Score >= MinScore {
			out = append(out, x)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// minSplitPart is the shortest Latin part of a name matched as two words.
const minSplitPart = 4

// split matches lat as two adjacent vocabulary words: the split whose parts
// both match confidently and whose costs add up to the least, scored as
// one word of that cost times splitFactor. It cannot know that the two
// words stand together in the collection (the vocabulary has no
// positions); a caller searching the pair as a phrase finds out.
//
// A place name ending in "abad" (آباد, "settled by") is written apart by
// Urdu news ("جیکب آباد", "فیصل آباد", "ایبٹ آباد"), and what comes before
// it is a person's name, which need only match as a name does: the suffix
// vouches for the split.
func (m *Matcher) split(lat string, roman bool) (Match, bool) {
	var best Match
	for k := minSplitPart; k+minSplitPart <= len(lat); k++ {
		least := splitPart
		if lat[k:] == "abad" {
			least = NameThreshold
		}
		l := m.rankLatin(lat[:k], 1, roman)
		if len(l) == 0 || l[0].score < least {
			continue
		}
		r := m.rankLatin(lat[k:], 1, roman)
		if len(r) == 0 || r[0].score < splitPart {
			continue
		}
		s := score(l[0].cost+r[0].cost, len(lat)) * splitFactor
		if s > best.Score {
			best = Match{Word: m.words[l[0].w] + " " + m.words[r[0].w], Score: s}
		}
	}
	return best, best.Score >= NameThreshold
}

// maxQuerySkels is how many skeletons of a Latin query are looked up, and
// maxNearSkels how many of them (the cheapest) have their neighbours looked
// up too.
const (
	maxQuerySkels = 12
	maxNearSkels  = 4
)

// scored is a candidate vocabulary word with its alignment cost (less the
// frequency prior) and score.
type scored struct {
	w     int32
	cost  float64
	score float64
}

// rankLatin scores the Urdu vocabulary words whose skeletons are at most
// one edit from one of lat's likeliest skeletons (exactly one of them when
// lat is short) and returns the best limit scoring at least MinScore.
func (m *Matcher) rankLatin(lat string, limit int, roman bool) []scored {
	if len(lat) == 0 || len(m.ur.head) == 0 {
		return nil
	}
	short := len(lat) <= 3
	skels := latinSkels(lat, maxQuerySkels, roman)
	cands := m.candidates(func(f func(int32)) {
		// every skeleton's own words first, then their neighbours: the
		// likely words come first and tighten the bound for the rest
		for _, sc := range skels {
			lookup(&m.ur, sc.s, false, f)
		}
		if !short {
			for _, sc := range skels[:min(len(skels), maxNearSkels)] {
				lookup(&m.ur, sc.s, true, f)
			}
		}
	})
	a := newAligner(lat, roman)
	return m.best(cands, limit, len(lat), a.cost)
}

// urduToLatin scores the Latin vocabulary words near an Urdu word.
func (m *Matcher) urduToLatin(urd string) []Match {
	if len(m.la.head) == 0 || isFunctionWord(urd) || runeLen(urd) > maxAlign {
		return nil
	}
	s := urduSkel(urd)
	cands := m.candidates(func(f func(int32)) {
		lookup(&m.la, s, false, f)
		if runeLen(urd) > 3 {
			lookup(&m.la, s, true, f)
		}
	})
	// The Latin word's length sets the allowance, as for a Latin query;
	// the Urdu word's length stands in for it (a name's Latin spelling is
	// a little longer: 1.3 letters an Urdu letter on the names in the
	// tests).
	n := (runeLen(urd)*13 + 5) / 10
	return m.matches(m.best(cands, maxMatches, n, func(w string, bound float64) float64 {
		return newAligner(latinLetters(w), false).cost(urd, bound)
	}))
}

func (m *Matcher) matches(ss []scored) []Match {
	if len(ss) == 0 {
		return nil
	}
	out := make([]Match, len(ss))
	for i, s := range ss {
		out[i] = Match{Word: m.words[s.w], Score: s.score}
	}
	return out
}

// lookup calls f with the words indexed under s and, when near is set and
// s has at least three consonants, under every skeleton one insertion,
// deletion or substitution away.
func lookup(ix *index, s skel, near bool, f func(int32)) {
	if s.n == 0 {
		return
	}
	ix.each(key(s.bytes()), f)
	if !near || s.n < 3 {
		return
	}
	var buf [maxSkel + 1]byte
	c := s.bytes()
	// deletions
	for i := range c {
		n := copy(buf[:], c[:i])
		n += copy(buf[n:], c[i+1:])
		ix.each(key(buf[:n]), f)
	}
	// substitutions
	for i := range c {
		copy(buf[:], c)
		for k := byte(1); k <= numClasses; k++ {
			if k != c[i] {
				buf[i] = k
				ix.each(key(buf[:len(c)]), f)
			}
		}
	}
	// insertions
	if len(c) < maxSkel {
		for i := 0; i <= len(c); i++ {
			copy(buf[:], c[:i])
			copy(buf[i+1:], c[i:])
			for k := byte(1); k <= numClasses; k++ {
				buf[i] = k
				ix.each(key(buf[:len(c)+1]), f)
			}
		}
	}
}

// dfPrior is how much cost a word's frequency takes off: a spelling the
// collection uses often is the standard one (اسلام, 51 articles, over the
// name اسلم, 3, for "islam"). It grows with the logarithm of the document
// frequency and stops at dfPriorMax, so frequency breaks near-ties but
// never makes a poor spelling a good one.
func dfPrior(df int32) float64 {
	return min(dfPriorMax, dfPriorPerLog*math.Log1p(float64(df)))
}

const (
	dfPriorPerLog = 0.03
	dfPriorMax    = 0.15
)

// best scores the candidate words on n Latin letters
// and returns the limit best scoring at least MinScore, best first (Urdu
// function words are not in the index: never names). costOf may give up
// (+Inf) on a word that must cost more than its bound: the cost at which
// it would score MinScore, or, once limit words are in hand, lose to all
// of them (either plus the most the frequency prior can take off).
func (m *Matcher) best(cands []int32, limit, n int, costOf func(w string, bound float64) float64) []scored {
	worst := maxCost(n) // a word must cost less than this after the prior
	var top []scored    // the best so far, sorted, at most limit
	for _, c := range cands {
		cost := costOf(m.words[c], worst+dfPriorMax)
		if cost > worst+dfPriorMax {
			continue
		}
		cost = max(0, cost-dfPrior(m.df[c]))
		if cost > worst {
			continue
		}
		x := scored{c, cost, score(cost, n)}
		i, _ := slices.BinarySearchFunc(top, x, m.order)
		if i >= limit {
			continue
		}
		top = slices.Insert(top, i, x)
		if len(top) > limit {
			top = top[:limit]
		}
		if len(top) == limit {
			worst = top[limit-1].cost
		}
	}
	return top
}

// order sorts scored words best first: lower cost, then higher document
// frequency, then by spelling.
func (m *Matcher) order(a, b scored) int {
	if c := cmp.Compare(a.cost, b.cost); c != 0 {
		return c
	}
	if c := cmp.Compare(m.df[b.w], m.df[a.w]); c != 0 {
		return c
	}
	return cmp.Compare(m.words[a.w], m.words[b.w])
}

// Score is how closely urdu spells the Latin word latin by the rule table,
// in [0, 1] (0 when they cannot be aligned): high for a transliteration
// (ایفل for "eiffel"), low for a translation (تاریخ for "history"). It is
// the score [Matcher.Names] ranks by, for one pair.
func Score(latin, urdu string) float64 {
	lat := latinLetters(latin)
	if lat == "" || len(lat) > maxAlign || scriptOf(urdu) != scriptUrdu {
		return 0
	}
	c := alignCost(lat, urdu, false)
	if math.IsInf(c, 1) {
		return 0
	}
	return score(c, len(lat))
}
