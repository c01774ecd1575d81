// Package lexicon is jawab's offline English↔Urdu word and phrase lexicon:
// for a question in one language, the words of the other that a passage
// answering it is likely to use, each with a translation probability.
//
// The lexicon is learned from parallel text (IBM Model 1 in both directions,
// with dictionaries and a hand-checked news glossary as priors) by
// cmd/jawab-train and embedded in the binary; data/SOURCE.md says what it was
// built from, under which licence, and how to rebuild it.
//
// Both sides are in text.Tokens form, so that translations meet the keyword
// index's tokens; a phrase is its tokens joined by one space ("وزیر خارجہ",
// "foreign minister").
package lexicon

import (
	"bufio"
	"bytes"
	"cmp"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/jawab/jawab/text"
)

// Translation is one rendering of a word or phrase in the other language, in
// text.Tokens form (multiword: tokens joined by one space), with its
// probability.
type Translation struct {
	Text string
	P    float64
	// Checked marks a rendering of the hand-checked news glossary
	// (glossary.tsv): a sense the parallel text seldom uses ("cases" as
	// کیسز or مقدمات, not معاملات) but news does.
	Checked bool
}

// Term is a stretch of the input tokens that the lexicon translates.
type Term struct {
	Start, End   int           // token indexes into the input, End exclusive
	Source       string        // the covered input tokens, space-joined
	Translations []Translation // best first, P in (0,1]; never empty
}

// MaxPhrase is the most tokens a lexicon entry has on either side, and so the
// longest stretch a Term covers.
const MaxPhrase = 3

// Lexicon translates English words and phrases to Urdu and back. It is
// read-only after Read and safe for concurrent use.
type Lexicon struct {
	en    map[string][]Translation // English entry → Urdu, best first
	pairs int
	// version hashes the file, on first use: only a caller that records
	// which lexicon it used pays for hashing 4.5 MB, not every start-up.
	version func() string

	// The Urdu→English side is built on first use from the lines parse
	// kept: most callers translate only English, and start-up time counts.
	urOnce sync.Once
	urRecs []urRec
	ur     map[string][]Translation // Urdu entry → English, best first
	urStem map[string][]Translation // the same by text.Stem form, for inflections the lexicon has not seen
}

type urRec struct {
	ur string
	Translation
}

// Format of the file (gzip-compressed or plain UTF-8):
//
//	# jawab-lexicon v1 pairs=N
//	# any further comment lines
//	english<TAB>urdu<TAB>p(urdu|english)<TAB>p(english|urdu)
//	...
//
// A probability of 0 means the pair is not a translation in that direction
// (it was kept for the other one). The pair count in the header lets Read
// tell a truncated plain file from a short one (gzip checks its own length).
const header = "# jawab-lexicon v1"

// Read parses a lexicon file, gzip-compressed or not.
func Read(r io.Reader) (*Lexicon, error) {
	br := bufio.NewReader(r)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("lexicon: %w", err)
		}
		r = zr
	} else {
		r = br
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("lexicon: %w", err)
	}
	return parse(data)
}

func parse(data []byte) (*Lexicon, error) {
	// One string for the whole file: every entry's text is a substring of
	// it, which saves an allocation per field when the binary starts.
	s := string(data)
	first, rest, _ := strings.Cut(s, "\n")
	want, ok := strings.CutPrefix(first, header+" pairs=")
	if !ok {
		return nil, fmt.Errorf("lexicon: line 1: not a jawab lexicon (want %q)", header+" pairs=N")
	}
	wantPairs, err := strconv.Atoi(want)
	if err != nil || wantPairs < 0 {
		return nil, fmt.Errorf("lexicon: line 1: pair count %q is not a count", want)
	}
	// A line takes at least eight bytes: a header cannot make us allocate
	// more than the file could hold.
	capacity := min(wantPairs, len(s)/8)
	l := &Lexicon{
		en:     make(map[string][]Translation, capacity/4),
		urRecs: make([]urRec, 0, capacity),
		version: sync.OnceValue(func() string {
			sum := sha256.Sum256([]byte(s))
			return "lexicon-v1-" + hex.EncodeToString(sum[:4])
		}),
	}
	// The writer sorts by English, so one English entry's lines come
	// together: they share one backing array and one map assignment.
	// (Read accepts any order; a key seen again is appended to.)
	enAll := make([]Translation, 0, capacity)
	runKey, runStart := "", 0
	flush := func() {
		if run := slices.Clip(enAll[runStart:]); len(run) > 0 {
			if old, ok := l.en[runKey]; ok {
				l.en[runKey] = append(old, run...) // copies: old is clipped too
			} else {
				l.en[runKey] = run
			}
		}
		runStart = len(enAll)
	}
	for lineNo := 2; rest != ""; lineNo++ {
		var line string
		line, rest, _ = strings.Cut(rest, "\n")
		if line == "" || line[0] == '#' {
			continue
		}
		en, ur, pUr, pEn, err := parseLine(line)
		if err != nil {
			return nil, fmt.Errorf("lexicon: line %d: %w", lineNo, err)
		}
		if en != runKey {
			flush()
			runKey = en
		}
		if pUr > 0 {
			enAll = append(enAll, Translation{Text: ur, P: pUr})
		}
		if pEn > 0 {
			l.urRecs = append(l.urRecs, urRec{ur, Translation{Text: en, P: pEn}})
		}
		l.pairs++
	}
	flush()
	if l.pairs != wantPairs {
		return nil, fmt.Errorf("lexicon: %d pairs, the header says %d (truncated?)", l.pairs, wantPairs)
	}
	for en, ts := range l.en {
		l.en[en] = sortTranslations(ts)
	}
	return l, nil
}

// urdu returns the Urdu→English side and its stem index, building them on
// first use.
func (l *Lexicon) urdu() (byEntry, byStem map[string][]Translation) {
	l.urOnce.Do(func() {
		l.ur = map[string][]Translation{}
		for _, r := range l.urRecs {
			l.ur[r.ur] = append(l.ur[r.ur], r.Translation)
		}
		l.urRecs = nil
		for ur, ts := range l.ur {
			l.ur[ur] = sortTranslations(ts)
		}
		l.urStem = stemIndex(l.ur)
	})
	return l.ur, l.urStem
}

func parseLine(line string) (en, ur string, pUr, pEn float64, err error) {
	if n := strings.Count(line, "\t") + 1; n != 4 {
		return "", "", 0, 0, fmt.Errorf("%d fields, want 4 (english, urdu, p(urdu|english), p(english|urdu))", n)
	}
	var f [4]string
	rest := line
	for i := range 3 {
		f[i], rest, _ = strings.Cut(rest, "\t")
	}
	f[3] = rest
	en, ur = f[0], f[1]
	if strings.Contains(ur, "ئ") {
		// A file written before text.Normalize folded ئو into ؤ (a
		// JAWAB_LEXICON of an older build) holds the old spelling: its
		// entries meet the tokens as the index holds them now.
		ur = text.Normalize(ur)
	}
	if en == "" || ur == "" {
		return "", "", 0, 0, fmt.Errorf("empty entry")
	}
	ps := [2]float64{}
	for i, v := range f[2:] {
		p, err := strconv.ParseFloat(v, 64)
		if err != nil || !(p >= 0 && p <= 1) {
			return "", "", 0, 0, fmt.Errorf("probability %q is not in [0,1]", v)
		}
		ps[i] = p
	}
	if ps[0] == 0 && ps[1] == 0 {
		return "", "", 0, 0, fmt.Errorf("%s → %s: both probabilities are 0", en, ur)
	}
	return en, ur, ps[0], ps[1], nil
}

// sortTranslations orders best first, ties by text so that the order does not
// depend on the file's, and keeps the best of a rendering given twice (two
// spellings the file holds apart and Normalize folds into one). It sorts in
// place and returns the kept prefix.
func sortTranslations(ts []Translation) []Translation {
	slices.SortFunc(ts, func(a, b Translation) int {
		if c := cmp.Compare(b.P, a.P); c != 0 {
			return c
		}
		return strings.Compare(a.Text, b.Text)
	})
	kept := ts[:0]
	for _, t := range ts {
		if !slices.ContainsFunc(kept, func(k Translation) bool { return k.Text == t.Text }) {
			kept = append(kept, t)
		}
	}
	return kept
}

// Len is the number of English–Urdu pairs in the lexicon.
func (l *Lexicon) Len() int { return l.pairs }

// Version names the lexicon's content ("lexicon-v1-" and a short hash of
// the file), for logs and for recording which lexicon built an index.
func (l *Lexicon) Version() string { return l.version() }

// EnglishToUrdu finds the words and phrases of tokens (as text.Tokens gives
// them) that the lexicon translates to Urdu. It matches greedily from the
// left, the longest phrase first (up to [MaxPhrase] tokens), skips
// stopwords ([text.IsStopword]) that start no phrase, and tries a word's
// [BaseForms] when the word itself is not an entry ("visited" → "visit");
// in a phrase, only its last word is inflected ("foreign ministers").
// Words it does not know give no Term.
func (l *Lexicon) EnglishToUrdu(tokens []string) []Term {
	return terms(tokens, func(words []string) []Translation {
		if ts, ok := l.en[strings.Join(words, " ")]; ok {
			return ts
		}
		last := words[len(words)-1]
		for _, base := range BaseForms(last) {
			key := strings.Join(append(words[:len(words)-1:len(words)-1], base), " ")
			if ts, ok := l.en[key]; ok {
				return ts
			}
		}
		return nil
	})
}

// UrduToEnglish is [Lexicon.EnglishToUrdu] the other way: Urdu tokens (as
// text.Tokens gives them) to English. A word or phrase that is not an entry
// itself is looked up by its [text.Stem] form, which meets the entries that
// inflect the same stem ("معاہدوں" → "معاہدہ", "معاہدے").
func (l *Lexicon) UrduToEnglish(tokens []string) []Term {
	byEntry, byStem := l.urdu()
	return terms(tokens, func(words []string) []Translation {
		if ts, ok := byEntry[strings.Join(words, " ")]; ok {
			return ts
		}
		return byStem[stemKey(words)]
	})
}

// stemIndex groups Urdu entries by stem. Where several entries share one
// (معاہدہ, معاہدے), a translation gets the highest probability any of them
// gives it: the forms are the same word, and summing would rank a word with
// many recorded inflections above one with few.
func stemIndex(ur map[string][]Translation) map[string][]Translation {
	best := map[string]map[string]float64{}
	for entry, ts := range ur {
		k := stemKey(strings.Split(entry, " "))
		if best[k] == nil {
			best[k] = map[string]float64{}
		}
		for _, t := range ts {
			best[k][t.Text] = max(best[k][t.Text], t.P)
		}
	}
	out := make(map[string][]Translation, len(best))
	for k, m := range best {
		ts := make([]Translation, 0, len(m))
		for en, p := range m {
			ts = append(ts, Translation{Text: en, P: p})
		}
		out[k] = sortTranslations(ts)
	}
	return out
}

func stemKey(words []string) string {
	stems := make([]string, len(words))
	for i, w := range words {
		stems[i] = text.Stem(w)
	}
	return strings.Join(stems, " ")
}

// terms is the matching both directions share: greedy, longest first.
func terms(tokens []string, lookup func(words []string) []Translation) []Term {
	var out []Term
	for i := 0; i < len(tokens); {
		n := min(MaxPhrase, len(tokens)-i)
		for ; n >= 1; n-- {
			if n == 1 && text.IsStopword(tokens[i]) {
				n = 0
				break
			}
			if ts := lookup(tokens[i : i+n]); len(ts) > 0 {
				out = append(out, Term{
					Start:        i,
					End:          i + n,
					Source:       strings.Join(tokens[i:i+n], " "),
					Translations: slices.Clone(ts),
				})
				break
			}
		}
		i += max(n, 1)
	}
	return out
}

// Write writes pairs in the lexicon file format (gzip is the caller's
// choice). Each pair gives both directions' probabilities; pairs must be in
// the order the file should have (cmd/jawab-train sorts them, so that a
// rebuild gives the same bytes).
func Write(w io.Writer, comments []string, pairs []Pair) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s pairs=%d\n", header, len(pairs))
	for _, c := range comments {
		fmt.Fprintf(&b, "# %s\n", c)
	}
	for _, p := range pairs {
		if strings.ContainsAny(p.English+p.Urdu, "\t\n") {
			return fmt.Errorf("lexicon: %q → %q: tab or newline in an entry", p.English, p.Urdu)
		}
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\n", p.English, p.Urdu, formatP(p.PUrdu), formatP(p.PEnglish))
	}
	_, err := w.Write(b.Bytes())
	return err
}

// Pair is one line of the file: an English and an Urdu entry with the
// probability of each given the other.
type Pair struct {
	English, Urdu   string
	PUrdu, PEnglish float64 // p(Urdu | English), p(English | Urdu)
}

// formatP keeps four significant digits: more would only make the file
// bigger, and the probabilities are not that precise.
func formatP(p float64) string {
	if p == 0 {
		return "0"
	}
	return strconv.FormatFloat(p, 'g', 4, 64)
}
