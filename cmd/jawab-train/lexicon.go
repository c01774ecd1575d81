package main

// jawab-train lexicon: the English↔Urdu lexicon (package lexicon) learned
// from parallel text by IBM Model 1, with dictionaries and the hand-checked
// glossary as a Dirichlet prior. lexicon/data/SOURCE.md describes the inputs
// and the result; the README's lexicon section the measurements.

import (
	"bufio"
	"bytes"
	"cmp"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/jawab/jawab/internal/uqa"
	"github.com/jawab/jawab/lexicon"
	"github.com/jawab/jawab/text"
)

// lexOptions are a lexicon build's settings. The defaults (defaultLexOptions)
// are the ones the held-back check chose; lexVariants lists what was
// compared.
type lexOptions struct {
	data     string // the shared data directory (parallel/, lexicon/, uqa-train/)
	glossary string // the hand-checked glossary
	out      string // the lexicon file to write

	iters      int     // EM iterations of each direction
	alphaDict  float64 // prior strength of a dictionary's entries for a word, in pseudo-counts
	alphaGloss float64 // prior strength of the glossary's entries for a word (chosen by reading: the check cannot tell 10 from 50)
	dictSents  bool    // dictionary pairs as extra one-pair sentences instead of a prior
	paragraphs string  // UQA paragraph pairs: "none", "whole" or "aligned" (split into sentence pairs)
	sym        string  // "none": each direction's own Model 1; "geo": their geometric mean, renormalised
	lemmas     bool    // train on English base forms (lexicon.BaseForms) of words no dictionary lists
	phrases    bool    // dictionary and glossary phrases and closed Urdu compounds as single units
	topK       int     // Urdu translations kept per English entry
	topKUr     int     // English translations kept per Urdu entry
	minP       float64 // and only those with at least this probability
	minCount   int     // an entry no dictionary lists needs this many occurrences in the text
	minAligned float64 // and a pair no dictionary lists this many expected alignments (either direction)
}

var defaultLexOptions = lexOptions{
	iters:      5,
	alphaDict:  1,
	alphaGloss: 20,
	paragraphs: "aligned",
	sym:        "none",
	lemmas:     false,
	phrases:    true,
	topK:       5,
	topKUr:     3,
	minP:       0.02,
	minCount:   2,
	minAligned: 0.5,
}

// The held-back part: one NTREX news sentence pair in ten and one English
// dictionary headword in ten (with all its translations, in every
// dictionary), chosen by an FNV-1a hash of the line and of the headword's
// crude stem, so that "visit" and "visits" fall on the same side. No
// lexicon build trains on them, the shipped one included.
const lexHoldBuckets = 10

func lexHeldSentence(line string) bool { return fnv64("ntrex:"+line)%lexHoldBuckets == 0 }

func lexHeldHeadword(en string) bool {
	words := strings.Fields(en)
	for i, w := range words {
		words[i] = crudeStem(w)
	}
	return fnv64("dict:"+strings.Join(words, " "))%lexHoldBuckets == 0
}

func fnv64(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}

// crudeStem strips one English ending and a final e or doubled consonant,
// so that the forms of a word share a key ("prices", "price" → "pric";
// "stopped", "stop" → "stop"). It is only a hash key for the hold-back.
func crudeStem(w string) string {
	for _, suf := range []string{"ies", "ing", "es", "ed", "s"} {
		if len(w) > len(suf)+2 && strings.HasSuffix(w, suf) && !strings.HasSuffix(w, "ss") {
			w = w[:len(w)-len(suf)]
			if suf == "ies" {
				w += "y"
			}
			break
		}
	}
	if n := len(w); n > 3 && w[n-1] == w[n-2] {
		w = w[:n-1]
	}
	return strings.TrimSuffix(w, "e")
}

// lexSources are the inputs, tokenised: sentence pairs (weight 1), UQA
// paragraph pairs and dictionary pairs by dictionary.
type lexSources struct {
	sents      []tokPair            // parallel/*.tsv sentence files, minus the held-back NTREX lines
	paragraphs []tokPair            // UQA parallel.jsonl, whole
	aligned    []tokPair            // the same split into sentence pairs (alignSentences)
	dicts      map[string][]dictRow // "mturk", "wiktionary", "tico", "glossary"
	held       lexHeld
}

type tokPair struct{ en, ur []string }

// dictRow is a dictionary pair in text.Tokens form, tokens joined by a space.
type dictRow struct{ en, ur string }

// lexHeld is what the check measures on.
type lexHeld struct {
	refs map[string][]string // held-back single-word headword → its dictionaries' Urdu translations
	news []tokPair           // held-back NTREX pairs
}

var dictNames = []string{"mturk", "wiktionary", "tico", "glossary"}

// sentenceFiles are parallel/*.tsv's sentence files; ntrex128 loses its
// held-back lines.
var sentenceFiles = []string{"mturk_sent", "ntrex128", "flores200", "tico19", "tatoeba"}

func readLexSources(dataDir, glossary string, step func(string, ...any)) (*lexSources, error) {
	s := &lexSources{dicts: map[string][]dictRow{}, held: lexHeld{refs: map[string][]string{}}}
	for _, name := range sentenceFiles {
		path := filepath.Join(dataDir, "parallel", name+".en-ur.tsv")
		err := readTSV(path, func(en, ur, line string) {
			p := tokPair{text.Tokens(en), text.Tokens(ur)}
			if name == "ntrex128" && lexHeldSentence(line) {
				s.held.news = append(s.held.news, p)
				return
			}
			s.sents = append(s.sents, p)
		})
		if err != nil {
			return nil, err
		}
	}
	step("sentences: %d pairs for training, %d held-back news pairs", len(s.sents), len(s.held.news))

	if err := readParagraphs(filepath.Join(dataDir, "uqa-train", "parallel.jsonl"), s); err != nil {
		return nil, err
	}
	step("paragraphs: %d pairs, %d aligned sentence pairs", len(s.paragraphs), len(s.aligned))

	dictFiles := []struct {
		name, path string
		swap       bool // urdu<TAB>english
	}{
		{"mturk", filepath.Join(dataDir, "parallel", "mturk_dict.en-ur.tsv"), false},
		{"tico", filepath.Join(dataDir, "parallel", "tico19_terms.en-ur.tsv"), false},
		{"wiktionary", filepath.Join(dataDir, "lexicon", "ur-en.wiktionary.tsv"), true},
		{"glossary", glossary, false},
	}
	for _, d := range dictFiles {
		seen := map[dictRow]bool{}
		err := readTSV(d.path, func(en, ur, _ string) {
			if d.swap {
				en, ur = ur, en
			}
			r := dictRow{strings.Join(text.Tokens(en), " "), strings.Join(text.Tokens(ur), " ")}
			if r.en == "" || r.ur == "" || seen[r] {
				return
			}
			seen[r] = true
			if d.name != "glossary" && lexHeldHeadword(r.en) {
				if !strings.Contains(r.en, " ") {
					s.held.refs[r.en] = append(s.held.refs[r.en], r.ur)
				}
				return
			}
			s.dicts[d.name] = append(s.dicts[d.name], r)
		})
		if err != nil {
			return nil, err
		}
	}
	// The UQA train split's Urdu paragraphs are the largest Urdu text at hand:
	// which way round a name is written is read from them too.
	paragraphs, err := uqa.ReadParagraphs(filepath.Join(dataDir, "uqa-train"))
	if err != nil {
		return nil, err
	}
	urdu := make([]string, len(paragraphs))
	for i, p := range paragraphs {
		urdu[i] = p.Text
	}
	if n := dropReversed(s, urdu); n > 0 {
		step("dictionaries: dropped %d renderings typed in reversed word order", n)
	}
	// The glossary is written by hand for news words; a held-back headword
	// it lists would measure the glossary, not the learning.
	for _, r := range s.dicts["glossary"] {
		delete(s.held.refs, r.en)
	}
	for en, refs := range s.held.refs {
		if text.IsStopword(en) || !isLatinWord(en) {
			delete(s.held.refs, en)
			continue
		}
		s.held.refs[en] = uniqStrings(refs)
	}
	step("dictionaries: mturk %d, wiktionary %d, tico %d, glossary %d pairs; %d held-back headwords",
		len(s.dicts["mturk"]), len(s.dicts["wiktionary"]), len(s.dicts["tico"]), len(s.dicts["glossary"]), len(s.held.refs))
	return s, nil
}

// dropReversed removes the dictionary renderings whose words were typed in
// reverse order (right-to-left text entered left to right): the crowd
// dictionary gives "faisalabad" both فیصل آباد and آبادفیصل, "islamabad" both
// اسلام آباد and آباد اسلام. Of a headword's two renderings that are each
// other's words reversed (spaced or glued), the one the Urdu training text
// and urdu (the UQA paragraphs, tokenised only when some pair needs them)
// use less is dropped; the glossary's, checked by hand, always stays. It
// returns how many rows were dropped.
func dropReversed(s *lexSources, urdu []string) int {
	byEn := map[string][]string{}
	for _, name := range dictNames {
		for _, r := range s.dicts[name] {
			if !slices.Contains(byEn[r.en], r.ur) {
				byEn[r.en] = append(byEn[r.en], r.ur)
			}
		}
	}
	glossary := map[dictRow]bool{}
	for _, r := range s.dicts["glossary"] {
		glossary[r] = true
	}
	// pairs: a rendering of several words and its reversal among the same
	// headword's renderings.
	type pair struct{ en, ur, rev string }
	var pairs []pair
	phrases := map[string]int{}
	for en, urs := range byEn {
		for _, ur := range urs {
			words := strings.Fields(ur)
			if len(words) < 2 {
				continue
			}
			slices.Reverse(words)
			for _, rev := range []string{strings.Join(words, " "), strings.Join(words, "")} {
				if rev != ur && slices.Contains(urs, rev) {
					pairs = append(pairs, pair{en, ur, rev})
					phrases[ur], phrases[rev] = 0, 0
				}
			}
		}
	}
	if len(pairs) == 0 {
		return 0
	}
	count := func(toks []string) {
		for i := range toks {
			for n := 1; n <= 4 && i+n <= len(toks); n++ {
				if c, ok := phrases[strings.Join(toks[i:i+n], " ")]; ok {
					phrases[strings.Join(toks[i:i+n], " ")] = c + 1
				}
			}
		}
	}
	for _, set := range [][]tokPair{s.sents, s.aligned} {
		for _, p := range set {
			count(p.ur)
		}
	}
	for _, t := range urdu {
		count(text.Tokens(t))
	}
	drop := map[dictRow]bool{}
	for _, p := range pairs {
		loser := dictRow{p.en, p.rev}
		if phrases[p.rev] > phrases[p.ur] || glossary[loser] {
			continue // the reversal is the one to keep (or both are decided by the other pair)
		}
		if phrases[p.rev] == phrases[p.ur] && !glossary[dictRow{p.en, p.ur}] {
			continue // the text cannot tell them apart
		}
		drop[loser] = true
	}
	n := 0
	for _, name := range dictNames {
		rows := s.dicts[name]
		kept := rows[:0]
		for _, r := range rows {
			if drop[r] {
				n++
				continue
			}
			kept = append(kept, r)
		}
		s.dicts[name] = kept
	}
	return n
}

// readTSV calls fn with the first two fields of each line that is not empty
// or a # comment.
func readTSV(path string, fn func(a, b, line string)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		a, b, ok := strings.Cut(line, "\t")
		if !ok {
			return fmt.Errorf("%s:%d: no tab", path, n)
		}
		b, _, _ = strings.Cut(b, "\t")
		fn(a, b, line)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

func readParagraphs(path string, s *lexSources) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	dec := json.NewDecoder(f)
	for {
		var p struct{ EN, UR string }
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		s.paragraphs = append(s.paragraphs, tokPair{text.Tokens(p.EN), text.Tokens(p.UR)})
		for _, sp := range alignSentences(sentenceTexts(p.EN), sentenceTexts(p.UR)) {
			s.aligned = append(s.aligned, tokPair{text.Tokens(sp[0]), text.Tokens(sp[1])})
		}
	}
	return nil
}

func sentenceTexts(s string) []string {
	rs := []rune(s)
	var out []string
	for _, sp := range text.Sentences(s) {
		out = append(out, string(rs[sp.Start:sp.End]))
	}
	return out
}

// alignSentences pairs the sentences of a paragraph and its translation by
// length (Gale and Church's idea, with a cost that is simply how far the
// Urdu length is from the English one times the paragraph's length ratio):
// UQA's paragraphs were translated whole, and the translation merges or
// splits a sentence now and then (58 % of paragraphs have as many Urdu
// sentences as English ones). Sentence pairs give Model 1 a few dozen
// candidates per word instead of a paragraph's hundreds.
func alignSentences(en, ur []string) [][2]string {
	if len(en) == 0 || len(ur) == 0 {
		return nil
	}
	lenEn := make([]float64, len(en))
	lenUr := make([]float64, len(ur))
	var totEn, totUr float64
	for i, s := range en {
		lenEn[i] = float64(len([]rune(s)))
		totEn += lenEn[i]
	}
	for j, s := range ur {
		lenUr[j] = float64(len([]rune(s)))
		totUr += lenUr[j]
	}
	ratio := (totUr + 1) / (totEn + 1)
	// Beads: (English sentences, Urdu sentences, penalty). Leaving a
	// sentence out costs most, merging two a little.
	beads := []struct {
		a, b    int
		penalty float64
	}{{1, 1, 0}, {1, 2, 0.4}, {2, 1, 0.4}, {1, 0, 2}, {0, 1, 2}}
	inf := math.Inf(1)
	n, m := len(en), len(ur)
	cost := make([][]float64, n+1)
	back := make([][]int, n+1)
	for i := range cost {
		cost[i] = make([]float64, m+1)
		back[i] = make([]int, m+1)
		for j := range cost[i] {
			cost[i][j] = inf
		}
	}
	cost[0][0] = 0
	for i := 0; i <= n; i++ {
		for j := 0; j <= m; j++ {
			if cost[i][j] == inf {
				continue
			}
			for k, bd := range beads {
				i2, j2 := i+bd.a, j+bd.b
				if i2 > n || j2 > m {
					continue
				}
				var le, lu float64
				for x := i; x < i2; x++ {
					le += lenEn[x]
				}
				for y := j; y < j2; y++ {
					lu += lenUr[y]
				}
				c := cost[i][j] + bd.penalty + math.Abs(math.Log((lu+10)/(ratio*le+10)))
				if c < cost[i2][j2] {
					cost[i2][j2], back[i2][j2] = c, k
				}
			}
		}
	}
	var out [][2]string
	for i, j := n, m; i > 0 || j > 0; {
		bd := beads[back[i][j]]
		if bd.a > 0 && bd.b > 0 {
			out = append(out, [2]string{strings.Join(en[i-bd.a:i], " "), strings.Join(ur[j-bd.b:j], " ")})
		}
		i, j = i-bd.a, j-bd.b
	}
	slices.Reverse(out)
	return out
}

// unitizer turns the inputs into Model 1's training sentences: phrases merged
// into single units, stopwords dropped (and with o.lemmas, English words to
// their base forms).
type unitizer struct {
	o        lexOptions
	known    map[string]bool // English single words some dictionary lists
	enPhrase map[string]bool
	urPhrase map[string]bool
}

func newUnitizer(o lexOptions, s *lexSources, step func(string, ...any)) *unitizer {
	u := &unitizer{o: o, known: map[string]bool{}, enPhrase: map[string]bool{}, urPhrase: map[string]bool{}}
	for _, name := range dictNames {
		for _, r := range s.dicts[name] {
			if !strings.Contains(r.en, " ") {
				u.known[r.en] = true
			}
		}
	}
	if !o.phrases {
		return u
	}
	// Candidates: every dictionary phrase of two or three words that does
	// not start or end with a stopword. A phrase becomes a unit when the
	// glossary lists it or it occurs at least three times in the text.
	enCount, urCount := map[string]int{}, map[string]int{}
	for _, name := range dictNames {
		for _, r := range s.dicts[name] {
			if isPhraseCandidate(r.en, isLatinWord) {
				enCount[r.en] += 0
			}
			if isPhraseCandidate(r.ur, isUrduWord) {
				urCount[r.ur] += 0
			}
		}
	}
	texts := s.sents
	if o.paragraphs != "none" {
		texts = append(slices.Clip(texts), s.paragraphs...)
	}
	urBigram, urToken := map[string]int{}, map[string]int{}
	for _, p := range texts {
		countPhrases(p.en, enCount)
		countPhrases(p.ur, urCount)
		for i, t := range p.ur {
			urToken[t]++
			if i > 0 && isContentUrdu(p.ur[i-1]) && isContentUrdu(t) {
				urBigram[p.ur[i-1]+" "+t]++
			}
		}
	}
	const minPhrase = 3
	for ph, n := range enCount {
		if n >= minPhrase {
			u.enPhrase[ph] = true
		}
	}
	for ph, n := range urCount {
		if n >= minPhrase {
			u.urPhrase[ph] = true
		}
	}
	// Urdu writes many compounds both open and closed ("سفارت خانہ",
	// "سفارتخانہ"); a frequent open bigram whose closed form is also a
	// word is one.
	closed := 0
	for bg, n := range urBigram {
		if n >= minPhrase && urToken[strings.ReplaceAll(bg, " ", "")] >= 2 && !u.urPhrase[bg] {
			u.urPhrase[bg] = true
			closed++
		}
	}
	for _, r := range s.dicts["glossary"] {
		if strings.Contains(r.en, " ") {
			u.enPhrase[r.en] = true
		}
		if strings.Contains(r.ur, " ") {
			u.urPhrase[r.ur] = true
		}
	}
	// An Urdu compound's inflections are compounds too ("سفارت خانوں")
	// where the text has them twice. (An English phrase's inflections are
	// merged into the phrase itself: see english.)
	urStems := map[string]bool{}
	for ph := range u.urPhrase {
		urStems[stemPhrase(ph)] = true
	}
	inflected := 0
	for bg, n := range urBigram {
		if n >= 2 && !u.urPhrase[bg] && urStems[stemPhrase(bg)] {
			u.urPhrase[bg] = true
			inflected++
		}
	}
	step("phrases: %d English, %d Urdu (%d closed compounds, %d inflections)", len(u.enPhrase), len(u.urPhrase), closed, inflected)
	return u
}

func stemPhrase(ph string) string {
	ws := strings.Split(ph, " ")
	for i, w := range ws {
		ws[i] = text.Stem(w)
	}
	return strings.Join(ws, " ")
}

func isPhraseCandidate(ph string, word func(string) bool) bool {
	ws := strings.Split(ph, " ")
	if len(ws) < 2 || len(ws) > lexicon.MaxPhrase || text.IsStopword(ws[0]) || text.IsStopword(ws[len(ws)-1]) {
		return false
	}
	for _, w := range ws {
		if !word(w) {
			return false
		}
	}
	return true
}

// countPhrases adds one to counts[p] for each occurrence in toks of a phrase
// p already in counts.
func countPhrases(toks []string, counts map[string]int) {
	for i := range toks {
		key := toks[i]
		for n := 2; n <= lexicon.MaxPhrase && i+n <= len(toks); n++ {
			key += " " + toks[i+n-1]
			if _, ok := counts[key]; ok {
				counts[key]++
			}
		}
	}
}

// merge joins the longest known phrase at each position into one unit. With
// baseForms, a phrase whose last word is inflected becomes the phrase
// itself ("foreign ministers" → "foreign minister"), as the lexicon's
// lookup will find it.
func merge(toks []string, phrases map[string]bool, baseForms func(string) []string) []string {
	if len(phrases) == 0 {
		return toks
	}
	out := make([]string, 0, len(toks))
	for i := 0; i < len(toks); {
		n, unit := min(lexicon.MaxPhrase, len(toks)-i), ""
	lengths:
		for ; n >= 2; n-- {
			if ph := strings.Join(toks[i:i+n], " "); phrases[ph] {
				unit = ph
				break
			}
			if baseForms == nil {
				continue
			}
			for _, b := range baseForms(toks[i+n-1]) {
				if ph := strings.Join(toks[i:i+n-1], " ") + " " + b; phrases[ph] {
					unit = ph
					break lengths
				}
			}
		}
		if n < 2 {
			n, unit = 1, toks[i]
		}
		out = append(out, unit)
		i += n
	}
	return out
}

func (u *unitizer) english(toks []string) []string {
	var out []string
	for _, t := range merge(toks, u.enPhrase, lexicon.BaseForms) {
		if text.IsStopword(t) {
			continue
		}
		out = append(out, u.base(t))
	}
	return out
}

// base is the form an English word is trained under: itself when a
// dictionary lists it, otherwise its first base form a dictionary lists.
func (u *unitizer) base(w string) string {
	if !u.o.lemmas || u.known[w] {
		return w
	}
	for _, b := range lexicon.BaseForms(w) {
		if u.known[b] {
			return b
		}
	}
	return w
}

func (u *unitizer) urdu(toks []string) []string {
	var out []string
	for _, t := range merge(toks, u.urPhrase, nil) {
		if !text.IsStopword(t) {
			out = append(out, t)
		}
	}
	return out
}

// vocab numbers the units of one language; 0 is NULL, the empty word Model 1
// lets any word align to.
type vocab struct {
	ids   map[string]int32
	words []string
}

func newVocab() *vocab { return &vocab{ids: map[string]int32{"": 0}, words: []string{""}} }

func (v *vocab) id(w string) int32 {
	if id, ok := v.ids[w]; ok {
		return id
	}
	id := int32(len(v.words))
	v.ids[w] = id
	v.words = append(v.words, w)
	return id
}

// model1 holds both directions of IBM Model 1 over one set of (English,
// Urdu) pairs, each pair numbered in the order it was first seen so that
// every sum runs in the same order on every build.
type model1 struct {
	en, ur *vocab
	index  map[uint64]int32 // English id << 32 | Urdu id → pair number
	pairEn []int32
	pairUr []int32

	sents []m1Sentence
	cells []int32 // per sentence, len(en)·len(ur) pair numbers, row by English word

	// The prior: per pair, the pseudo-counts Σ α·d(u|e) (priorUr) and
	// Σ α·d(e|u) (priorEn); per word, the total pseudo-count it gets.
	priorUr, priorEn []float64
	alphaEn, alphaUr []float64 // by English id, by Urdu id

	tUr []float64 // t(u|e): Urdu given English
	tEn []float64 // t(e|u): English given Urdu

	// The last E step's expected alignment counts of each pair, Urdu given
	// English and English given Urdu: how much text evidence a pair has.
	countUr, countEn []float64
}

type m1Sentence struct {
	en, ur []int32
	w      float64
	cells  int // offset into model1.cells
}

func newModel1() *model1 {
	return &model1{en: newVocab(), ur: newVocab(), index: map[uint64]int32{}}
}

func (m *model1) pair(e, u int32) int32 {
	k := uint64(e)<<32 | uint64(uint32(u))
	if p, ok := m.index[k]; ok {
		return p
	}
	p := int32(len(m.pairEn))
	m.index[k] = p
	m.pairEn = append(m.pairEn, e)
	m.pairUr = append(m.pairUr, u)
	return p
}

// add adds a training pair of unit sequences with a weight.
func (m *model1) add(en, ur []string, w float64) {
	if len(en) == 0 || len(ur) == 0 {
		return
	}
	s := m1Sentence{w: w, cells: len(m.cells)}
	for _, x := range en {
		s.en = append(s.en, m.en.id(x))
	}
	for _, x := range ur {
		s.ur = append(s.ur, m.ur.id(x))
	}
	for _, e := range s.en {
		for _, u := range s.ur {
			m.cells = append(m.cells, m.pair(e, u))
		}
	}
	for _, e := range s.en {
		m.pair(e, 0)
	}
	for _, u := range s.ur {
		m.pair(0, u)
	}
	m.sents = append(m.sents, s)
}

// addPrior adds a dictionary's pairs as a Dirichlet prior of strength alpha:
// each word the dictionary lists gets alpha pseudo-counts, spread evenly
// over the translations it lists.
func (m *model1) addPrior(rows []dictRow, alpha float64) {
	if alpha == 0 || len(rows) == 0 {
		return
	}
	byEn, byUr := map[int32][]int32{}, map[int32][]int32{}
	var ens, urs []int32 // first-seen order
	for _, r := range rows {
		e, u := m.en.id(r.en), m.ur.id(r.ur)
		p := m.pair(e, u)
		if byEn[e] == nil {
			ens = append(ens, e)
		}
		if byUr[u] == nil {
			urs = append(urs, u)
		}
		byEn[e] = append(byEn[e], p)
		byUr[u] = append(byUr[u], p)
	}
	m.growPrior()
	for _, e := range ens {
		m.alphaEn[e] += alpha
		for _, p := range byEn[e] {
			m.priorUr[p] += alpha / float64(len(byEn[e]))
		}
	}
	for _, u := range urs {
		m.alphaUr[u] += alpha
		for _, p := range byUr[u] {
			m.priorEn[p] += alpha / float64(len(byUr[u]))
		}
	}
}

func (m *model1) growPrior() {
	grow := func(s []float64, n int) []float64 { return append(s, make([]float64, n-len(s))...) }
	m.priorUr = grow(m.priorUr, len(m.pairEn))
	m.priorEn = grow(m.priorEn, len(m.pairEn))
	m.alphaEn = grow(m.alphaEn, len(m.en.words))
	m.alphaUr = grow(m.alphaUr, len(m.ur.words))
}

// train runs EM for both directions. t starts uniform; each iteration
// collects expected alignment counts (E) and sets t to the counts plus the
// prior's pseudo-counts, normalised (M: the MAP estimate under the
// Dirichlet prior). A pair the text never shows gets only its prior share.
func (m *model1) train(iters int, step func(string, ...any)) {
	m.growPrior()
	n := len(m.pairEn)
	m.tUr, m.tEn = make([]float64, n), make([]float64, n)
	for p := range n {
		m.tUr[p], m.tEn[p] = 1, 1
	}
	// NULL's pair with each word, so that the loops below need no map.
	nullOfUr := make([]int32, len(m.ur.words))
	nullOfEn := make([]int32, len(m.en.words))
	for p := range int32(n) {
		switch e, u := m.pairEn[p], m.pairUr[p]; {
		case e == 0:
			nullOfUr[u] = p
		case u == 0:
			nullOfEn[e] = p
		}
	}
	m.countUr, m.countEn = make([]float64, n), make([]float64, n)
	countUr, countEn := m.countUr, m.countEn
	totEn, totUr := make([]float64, len(m.en.words)), make([]float64, len(m.ur.words))
	for it := range iters {
		clear(countUr)
		clear(countEn)
		clear(totEn)
		clear(totUr)
		var llUr, llEn float64
		for _, s := range m.sents {
			ne, nu := len(s.en), len(s.ur)
			cells := m.cells[s.cells : s.cells+ne*nu]
			// Urdu given English: each Urdu unit chooses an English one or NULL.
			for j, u := range s.ur {
				null := nullOfUr[u]
				denom := m.tUr[null]
				for i := range ne {
					denom += m.tUr[cells[i*nu+j]]
				}
				llUr += s.w * math.Log(denom/float64(ne+1))
				c := s.w / denom
				x := c * m.tUr[null]
				countUr[null] += x
				totEn[0] += x
				for i, e := range s.en {
					p := cells[i*nu+j]
					x := c * m.tUr[p]
					countUr[p] += x
					totEn[e] += x
				}
			}
			// English given Urdu.
			for i, e := range s.en {
				null := nullOfEn[e]
				denom := m.tEn[null]
				row := cells[i*nu : (i+1)*nu]
				for _, p := range row {
					denom += m.tEn[p]
				}
				llEn += s.w * math.Log(denom/float64(nu+1))
				c := s.w / denom
				x := c * m.tEn[null]
				countEn[null] += x
				totUr[0] += x
				for j, p := range row {
					x := c * m.tEn[p]
					countEn[p] += x
					totUr[s.ur[j]] += x
				}
			}
		}
		for p := range n {
			e, u := m.pairEn[p], m.pairUr[p]
			m.tUr[p] = safeDiv(countUr[p]+m.priorUr[p], totEn[e]+m.alphaEn[e])
			m.tEn[p] = safeDiv(countEn[p]+m.priorEn[p], totUr[u]+m.alphaUr[u])
		}
		if step != nil {
			step("EM iteration %d/%d: log-likelihood per sentence under the previous t %.2f (Urdu|English), %.2f (English|Urdu)",
				it+1, iters, llUr/float64(len(m.sents)), llEn/float64(len(m.sents)))
		}
	}
}

func safeDiv(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

// lexBuild is a trained lexicon before it is written: its pairs and the
// options that made it.
type lexBuild struct {
	pairs []lexicon.Pair
	stats string
}

// buildLexicon trains Model 1 on the sources as o says and returns the
// pruned pairs, sorted.
func buildLexicon(s *lexSources, o lexOptions, step func(string, ...any)) lexBuild {
	u := newUnitizer(o, s, step)
	m := newModel1()
	enFreq, urFreq := map[string]int{}, map[string]int{}
	addText := func(ps []tokPair) {
		for _, p := range ps {
			en, ur := u.english(p.en), u.urdu(p.ur)
			for _, w := range en {
				enFreq[w]++
			}
			for _, w := range ur {
				urFreq[w]++
			}
			m.add(en, ur, 1)
		}
	}
	addText(s.sents)
	switch o.paragraphs {
	case "whole":
		addText(s.paragraphs)
	case "aligned":
		addText(s.aligned)
	}
	listedEn, listedUr := map[string]bool{}, map[string]bool{}
	for _, name := range dictNames {
		rows := s.dicts[name]
		alpha := o.alphaDict
		if name == "glossary" {
			alpha = o.alphaGloss
		}
		for _, r := range rows {
			listedEn[r.en], listedUr[r.ur] = true, true
		}
		if o.dictSents && name != "glossary" {
			for _, r := range rows {
				m.add([]string{r.en}, []string{r.ur}, alpha)
			}
			continue
		}
		m.addPrior(rows, alpha)
	}
	step("model 1: %d English units, %d Urdu units, %d pairs, %d training pairs, %d cells",
		len(m.en.words)-1, len(m.ur.words)-1, len(m.pairEn), len(m.sents), len(m.cells))
	m.train(o.iters, step)
	pairs := m.prune(o,
		func(en string) bool { return listedEn[en] || enFreq[en] >= o.minCount },
		func(ur string) bool { return listedUr[ur] || urFreq[ur] >= o.minCount })
	return lexBuild{pairs: pairs, stats: fmt.Sprintf("%d English units, %d Urdu units, %d training pairs", len(m.en.words)-1, len(m.ur.words)-1, len(m.sents))}
}

// prune scores every pair in each direction (o.sym), keeps the best o.topK
// Urdu translations of each English entry and o.topKUr English ones of each
// Urdu entry, of at least o.minP, and drops
// entries a lookup cannot use: stopwords, numbers, Latin on the Urdu side,
// words too rare to trust.
func (m *model1) prune(o lexOptions, useEn, useUr func(string) bool) []lexicon.Pair {
	n := len(m.pairEn)
	scoreUr, scoreEn := m.tUr, m.tEn // p(u|e), p(e|u)
	if o.sym == "geo" {
		g := make([]float64, n)
		sumEn := make([]float64, len(m.en.words))
		sumUr := make([]float64, len(m.ur.words))
		for p := range n {
			e, u := m.pairEn[p], m.pairUr[p]
			if e == 0 || u == 0 {
				continue
			}
			g[p] = math.Sqrt(m.tUr[p] * m.tEn[p])
			sumEn[e] += g[p]
			sumUr[u] += g[p]
		}
		scoreUr, scoreEn = make([]float64, n), make([]float64, n)
		for p := range n {
			e, u := m.pairEn[p], m.pairUr[p]
			scoreUr[p] = safeDiv(g[p], sumEn[e])
			scoreEn[p] = safeDiv(g[p], sumUr[u])
		}
	}
	okEn := make([]bool, len(m.en.words))
	for e, w := range m.en.words {
		okEn[e] = e > 0 && isEnglishEntry(w) && useEn(w)
	}
	okUr := make([]bool, len(m.ur.words))
	for u, w := range m.ur.words {
		okUr[u] = u > 0 && isUrduEntry(w) && useUr(w)
	}
	byEn := make([][]int32, len(m.en.words))
	byUr := make([][]int32, len(m.ur.words))
	for p := range int32(n) {
		e, u := m.pairEn[p], m.pairUr[p]
		if !okEn[e] || !okUr[u] {
			continue
		}
		// A rare word's Model 1 translations spread over every word of
		// the few sentences it is in; a pair needs some alignments (or a
		// dictionary) to be more than that noise.
		listed := m.priorUr[p] > 0 || m.priorEn[p] > 0
		if !listed && m.countUr[p] < o.minAligned && m.countEn[p] < o.minAligned {
			continue
		}
		if scoreUr[p] >= o.minP {
			byEn[e] = append(byEn[e], p)
		}
		if scoreEn[p] >= o.minP {
			byUr[u] = append(byUr[u], p)
		}
	}
	keepUr := make([]bool, n) // pair kept as an Urdu translation of its English
	keepEn := make([]bool, n)
	best := func(ps []int32, score []float64, words []string, other func(int32) int32, keep []bool, k int) {
		slices.SortFunc(ps, func(a, b int32) int {
			if c := cmp.Compare(score[b], score[a]); c != 0 {
				return c
			}
			return strings.Compare(words[other(a)], words[other(b)])
		})
		for _, p := range ps[:min(len(ps), k)] {
			keep[p] = true
		}
	}
	for _, ps := range byEn {
		best(ps, scoreUr, m.ur.words, func(p int32) int32 { return m.pairUr[p] }, keepUr, o.topK)
	}
	for _, ps := range byUr {
		best(ps, scoreEn, m.en.words, func(p int32) int32 { return m.pairEn[p] }, keepEn, o.topKUr)
	}
	var out []lexicon.Pair
	for p := range n {
		if !keepUr[p] && !keepEn[p] {
			continue
		}
		lp := lexicon.Pair{English: m.en.words[m.pairEn[p]], Urdu: m.ur.words[m.pairUr[p]]}
		if keepUr[p] {
			lp.PUrdu = scoreUr[p]
		}
		if keepEn[p] {
			lp.PEnglish = scoreEn[p]
		}
		out = append(out, lp)
	}
	slices.SortFunc(out, func(a, b lexicon.Pair) int {
		return cmp.Or(strings.Compare(a.English, b.English), strings.Compare(a.Urdu, b.Urdu))
	})
	return out
}

func isLatinWord(w string) bool {
	for _, r := range w {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return w != ""
}

func isUrduWord(w string) bool {
	for _, r := range w {
		if !unicode.Is(unicode.Arabic, r) || unicode.IsDigit(r) {
			return false
		}
	}
	return w != ""
}

func isContentUrdu(w string) bool { return isUrduWord(w) && !text.IsStopword(w) }

// isEnglishEntry reports whether a lookup can use w: letters only, at most
// lexicon.MaxPhrase words, not starting or ending with a stopword (which
// covers a lone stopword), and not a lone letter.
func isEnglishEntry(w string) bool { return len(w) > 1 && isEntry(w, isLatinWord) }

// isUrduEntry is isEnglishEntry for Urdu: Arabic-script letters only.
func isUrduEntry(w string) bool { return len([]rune(w)) > 1 && isEntry(w, isUrduWord) }

func isEntry(w string, word func(string) bool) bool {
	ws := strings.Split(w, " ")
	if len(ws) > lexicon.MaxPhrase || text.IsStopword(ws[0]) || text.IsStopword(ws[len(ws)-1]) {
		return false
	}
	for _, x := range ws {
		if !word(x) {
			return false
		}
	}
	return true
}

// writeLexicon writes the pairs gzip-compressed; gzip's header carries no
// name or time, so the bytes depend on the pairs alone.
func writeLexicon(path string, b lexBuild, o lexOptions) error {
	comments := []string{
		"English↔Urdu lexicon for jawab; CC BY-SA 4.0, see lexicon/data/SOURCE.md for sources and attribution.",
		"Rebuild: " + lexicon.Rebuild,
		fmt.Sprintf("Model 1 (%s): %d EM iterations, dictionary prior %g, glossary prior %g, paragraphs %s, symmetrisation %s, top %d per entry, p ≥ %g.",
			b.stats, o.iters, o.alphaDict, o.alphaGloss, o.paragraphs, o.sym, o.topK, o.minP),
		"english\turdu\tp(urdu|english)\tp(english|urdu)",
	}
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return err
	}
	if err := lexicon.Write(zw, comments, b.pairs); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// lexMetrics are the held-back check's numbers.
type lexMetrics struct {
	headwords    int     // held-back single-word headwords measured
	found        float64 // share of them the lexicon translates at all
	p1           float64 // share whose best translation a dictionary lists for it
	r5           float64 // share of held-back (headword, Urdu) pairs among the headword's best five
	newsTokens   int     // Urdu content tokens of the held-back news references
	cover1       float64 // share of them that some English word's best translation gives
	cover3       float64 // ... that one of some word's best three gives
	cover3Stem   float64 // ... same, matching by text.Stem
	prec1        float64 // share of best translations found in their sentence's reference
	cover3SE     float64 // cover3's standard error, by bootstrap over the sentences
	urCover3     float64 // the other way: share of the references' English content words (by crude stem) that one of some Urdu word's best three gives
	pairs, bytes int
}

// checkLexicon measures a lexicon on the held-back part.
func checkLexicon(lx *lexicon.Lexicon, h lexHeld) lexMetrics {
	var m lexMetrics
	heads := make([]string, 0, len(h.refs))
	for w := range h.refs {
		heads = append(heads, w)
	}
	slices.Sort(heads)
	var found, hit1, refPairs, hit5 int
	for _, w := range heads {
		refs := h.refs[w]
		refPairs += len(refs)
		terms := lx.EnglishToUrdu([]string{w})
		if len(terms) == 0 {
			continue
		}
		found++
		ts := terms[0].Translations
		if slices.Contains(refs, ts[0].Text) {
			hit1++
		}
		for _, t := range ts[:min(5, len(ts))] {
			if slices.Contains(refs, t.Text) {
				hit5++
			}
		}
	}
	m.headwords = len(heads)
	m.found = ratio(found, len(heads))
	m.p1 = ratio(hit1, len(heads))
	m.r5 = ratio(hit5, refPairs)

	var refTotal, c1, c3, c3s, best, bestHit int
	var perSentence [][2]int // (covered, tokens) for cover3, for the bootstrap
	for _, p := range h.news {
		var ref []string
		for _, t := range p.ur {
			if isContentUrdu(t) {
				ref = append(ref, t)
			}
		}
		refSet := map[string]bool{}
		for _, t := range ref {
			refSet[t] = true
		}
		t1, t3, t3s := map[string]bool{}, map[string]bool{}, map[string]bool{}
		for _, term := range lx.EnglishToUrdu(p.en) {
			for k, tr := range term.Translations[:min(3, len(term.Translations))] {
				toks := strings.Split(tr.Text, " ")
				all := true
				for _, t := range toks {
					if k == 0 {
						t1[t] = true
					}
					t3[t] = true
					t3s[text.Stem(t)] = true
					all = all && refSet[t]
				}
				if k == 0 {
					best++
					if all {
						bestHit++
					}
				}
			}
		}
		covered := 0
		for _, t := range ref {
			refTotal++
			if t1[t] {
				c1++
			}
			if t3[t] {
				c3++
				covered++
			}
			if t3s[text.Stem(t)] {
				c3s++
			}
		}
		perSentence = append(perSentence, [2]int{covered, len(ref)})
	}
	m.newsTokens = refTotal
	m.cover3SE = bootstrapSE(perSentence)
	m.cover1, m.cover3, m.cover3Stem = ratio(c1, refTotal), ratio(c3, refTotal), ratio(c3s, refTotal)
	m.prec1 = ratio(bestHit, best)

	var enTotal, enHit int
	for _, p := range h.news {
		got := map[string]bool{}
		for _, term := range lx.UrduToEnglish(p.ur) {
			for _, tr := range term.Translations[:min(3, len(term.Translations))] {
				for _, w := range strings.Split(tr.Text, " ") {
					got[crudeStem(w)] = true
				}
			}
		}
		for _, w := range p.en {
			if isLatinWord(w) && !text.IsStopword(w) {
				enTotal++
				if got[crudeStem(w)] {
					enHit++
				}
			}
		}
	}
	m.urCover3 = ratio(enHit, enTotal)
	m.pairs = lx.Len()
	return m
}

// bootstrapSE is the standard deviation of the ratio Σcovered/Σtokens over
// resamples of the sentences (with a fixed seed): how much a measured
// difference between two builds could be chance in which sentences were
// held back.
func bootstrapSE(s [][2]int) float64 {
	if len(s) == 0 {
		return 0
	}
	r := rand.New(rand.NewPCG(1, 2))
	const resamples = 1000
	var sum, sumSq float64
	for range resamples {
		var a, b int
		for range s {
			x := s[r.IntN(len(s))]
			a += x[0]
			b += x[1]
		}
		v := ratio(a, b)
		sum += v
		sumSq += v * v
	}
	mean := sum / resamples
	return math.Sqrt(max(0, sumSq/resamples-mean*mean))
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

const lexTableHeader = "| variant | dict P@1 | dict R@5 | found | news cover@1 | cover@3 | cover@3 (stems) | prec@1 | ur→en cover@3 | pairs | gz KB |\n|---|---|---|---|---|---|---|---|---|---|---|\n"

func (m lexMetrics) row(name string) string {
	return fmt.Sprintf("| %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %d | %d |\n",
		name, m.p1, m.r5, m.found, m.cover1, m.cover3, m.cover3Stem, m.prec1, m.urCover3, m.pairs, m.bytes/1024)
}

// lexVariants are the design choices the check compares, each a change
// from the defaults.
var lexVariants = []struct {
	name   string
	change func(*lexOptions)
}{
	{"default", func(*lexOptions) {}},
	{"no paragraphs", func(o *lexOptions) { o.paragraphs = "none" }},
	{"whole paragraphs", func(o *lexOptions) { o.paragraphs = "whole" }},
	{"symmetrised (geometric mean of both directions)", func(o *lexOptions) { o.sym = "geo" }},
	{"dictionary prior 0 (text only)", func(o *lexOptions) { o.alphaDict = 0 }},
	{"dictionary prior 0.5", func(o *lexOptions) { o.alphaDict = 0.5 }},
	{"dictionary prior 2", func(o *lexOptions) { o.alphaDict = 2 }},
	{"dictionary prior 8", func(o *lexOptions) { o.alphaDict = 8 }},
	{"dictionary as one-pair sentences", func(o *lexOptions) { o.dictSents = true }},
	{"English base forms in training", func(o *lexOptions) { o.lemmas = true }},
	{"no phrases", func(o *lexOptions) { o.phrases = false }},
	{"3 EM iterations", func(o *lexOptions) { o.iters = 3 }},
	{"8 EM iterations", func(o *lexOptions) { o.iters = 8 }},
	{"no glossary prior", func(o *lexOptions) { o.alphaGloss = 0 }},
	{"glossary prior 10", func(o *lexOptions) { o.alphaGloss = 10 }},
	{"glossary prior 50", func(o *lexOptions) { o.alphaGloss = 50 }},
	{"no alignment filter (min-aligned 0)", func(o *lexOptions) { o.minAligned = 0 }},
	{"min-aligned 1", func(o *lexOptions) { o.minAligned = 1 }},
	{"entries seen 3+ times", func(o *lexOptions) { o.minCount = 3 }},
	{"top 8 / top 5", func(o *lexOptions) { o.topK, o.topKUr = 8, 5 }},
}

// buildAndCheck builds a lexicon, reads it back as the package will and
// measures it.
func buildAndCheck(s *lexSources, o lexOptions, step func(string, ...any)) (lexMetrics, error) {
	b := buildLexicon(s, o, step)
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err := lexicon.Write(zw, nil, b.pairs); err != nil {
		return lexMetrics{}, err
	}
	if err := zw.Close(); err != nil {
		return lexMetrics{}, err
	}
	lx, err := lexicon.Read(bytes.NewReader(buf.Bytes()))
	if err != nil {
		return lexMetrics{}, err
	}
	m := checkLexicon(lx, s.held)
	m.bytes = buf.Len()
	return m, nil
}

// runLexicon parses the lexicon subcommand's flags. The defaults are
// defaultLexOptions; the tuning flags are for trying a variant with -check.
func runLexicon(args []string) error {
	fs := flag.NewFlagSet("lexicon", flag.ContinueOnError)
	o := defaultLexOptions
	fs.StringVar(&o.data, "data", "../shared/data", "the shared data directory (parallel/, lexicon/, uqa-train/)")
	fs.StringVar(&o.glossary, "glossary", "lexicon/glossary.tsv", "the hand-checked news glossary")
	fs.StringVar(&o.out, "out", "lexicon/data/en-ur.tsv.gz", "the lexicon file to write")
	check := fs.Bool("check", false, "measure on the held-back part instead of writing")
	compare := fs.Bool("compare", false, "measure every design variant (lexVariants) on the held-back part; a few minutes")
	fs.IntVar(&o.iters, "iters", o.iters, "EM iterations")
	fs.Float64Var(&o.alphaDict, "prior", o.alphaDict, "the dictionaries' prior strength (pseudo-counts per word)")
	fs.IntVar(&o.topK, "top", o.topK, "Urdu translations kept per English entry")
	fs.IntVar(&o.topKUr, "top-ur", o.topKUr, "English translations kept per Urdu entry")
	fs.Float64Var(&o.minP, "min-p", o.minP, "the least probability a kept translation has")
	fs.IntVar(&o.minCount, "min-count", o.minCount, "occurrences an entry no dictionary lists needs")
	fs.Float64Var(&o.minAligned, "min-aligned", o.minAligned, "expected alignments a pair no dictionary lists needs")
	if err := fs.Parse(args); err != nil {
		return err
	}
	return trainLexicon(o, *check, *compare, os.Stdout)
}

// trainLexicon is the lexicon subcommand: build and write the lexicon, or
// (check) measure it on the held-back part, or (compare) measure every
// variant.
func trainLexicon(o lexOptions, check, compare bool, w io.Writer) error {
	t0 := time.Now()
	step := func(format string, args ...any) {
		fmt.Fprintf(w, "[%5.1fs] %s\n", time.Since(t0).Seconds(), fmt.Sprintf(format, args...))
	}
	s, err := readLexSources(o.data, o.glossary, step)
	if err != nil {
		return err
	}
	if compare {
		var table strings.Builder
		table.WriteString(lexTableHeader)
		se := 0.0
		for _, v := range lexVariants {
			vo := o
			v.change(&vo)
			step("variant %q", v.name)
			m, err := buildAndCheck(s, vo, func(string, ...any) {})
			if err != nil {
				return err
			}
			table.WriteString(m.row(v.name))
			step("%s", strings.TrimSpace(m.row(v.name)))
			se = max(se, m.cover3SE)
		}
		fmt.Fprintf(w, "\nheld back: %d headwords, %d news sentence pairs (%d Urdu content tokens; cover@3's standard error up to %.3f)\n\n%s",
			len(s.held.refs), len(s.held.news), countNewsTokens(s.held), se, table.String())
		return nil
	}
	if check {
		m, err := buildAndCheck(s, o, step)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "\nheld back: %d headwords, %d news sentence pairs (%d Urdu content tokens; cover@3's standard error %.3f)\n\n%s%s",
			m.headwords, len(s.held.news), m.newsTokens, m.cover3SE, lexTableHeader, m.row("this build"))
		return nil
	}
	b := buildLexicon(s, o, step)
	if err := writeLexicon(o.out, b, o); err != nil {
		return err
	}
	fi, err := os.Stat(o.out)
	if err != nil {
		return err
	}
	step("wrote %s: %d pairs, %d bytes", o.out, len(b.pairs), fi.Size())
	return nil
}

func countNewsTokens(h lexHeld) int {
	n := 0
	for _, p := range h.news {
		for _, t := range p.ur {
			if isContentUrdu(t) {
				n++
			}
		}
	}
	return n
}
