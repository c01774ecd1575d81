// Package embed holds jawab's embedders: a built-in local one that needs no model
// and no network, and a client for OpenAI-compatible /v1/embeddings servers.
package embed

import (
	"context"
	"errors"
	"math"
	"runtime"
	"strconv"
	"sync"
	"unicode/utf8"

	"github.com/jawab/jawab/rag"
	"github.com/jawab/jawab/text"
)

// DefaultLocalDimension is the local embedder's default vector length, chosen by
// the retrieval experiment in MEASUREMENTS.md: the best of 256–1024 (768 scored
// 1.6% lower, 512 4.4%). Larger vectors still score a little higher, but the
// vector store's memory and query time grow with the dimension.
const DefaultLocalDimension = 1024

// localVersion names the local embedder's feature set. Change it whenever the
// features, weights or hashing change: the index records the embedder's Name and
// refuses to mix vectors from different versions.
const localVersion = "v1"

// features is the local embedder's feature set. Only the defaults are reachable
// from outside the package; the other settings exist for the measurement test.
type features struct {
	wordWeight   float32 // content words; 0 disables
	bigramWeight float32 // adjacent content-word pairs; 0 disables
	ngramWeight  float32 // character n-grams of content words; 0 disables
	ngramMin     int     // in runes, boundary markers included
	ngramMax     int
	boundary     bool // wrap words in boundary markers before taking n-grams
	sublinear    bool // 1+ln(tf) instead of tf
	// keepStopwords treats stopwords as content words.
	keepStopwords bool
}

var defaultFeatures = features{
	wordWeight:   1,
	bigramWeight: 0,
	ngramWeight:  1,
	ngramMin:     3,
	ngramMax:     4,
	boundary:     true,
	sublinear:    true,
}

// Local is the built-in embedder: feature hashing of Urdu-aware tokens and
// character n-grams into a fixed number of dimensions. It is deterministic (the
// same text gives the same vector in every process, because the hash is a fixed
// FNV-1a rather than the per-process-seeded maphash), needs no download, and is
// fast enough to embed a large archive on a laptop. It is safe for concurrent use.
//
// It is a lexical embedder: it finds passages that share words and word pieces
// with the query, across spelling variants the normaliser folds (Arabic ي ك ه
// for Urdu ی ک ہ, diacritics, digits) and across glued or split words
// ("کےمطابق", "جنر ل"), which character n-grams cover. It knows no synonyms and
// no translation; configure an OpenAI-compatible model for that.
type Local struct {
	dim  int
	feat features
	name string
}

var _ rag.Embedder = (*Local)(nil)

// LocalOption configures NewLocal.
type LocalOption func(*Local)

// WithDimension sets the vector length (default DefaultLocalDimension). Values
// below 16 are raised to 16.
func WithDimension(d int) LocalOption {
	return func(l *Local) { l.dim = max(d, 16) }
}

// NewLocal returns the local embedder.
func NewLocal(opts ...LocalOption) *Local {
	l := &Local{dim: DefaultLocalDimension, feat: defaultFeatures}
	for _, o := range opts {
		o(l)
	}
	l.name = "local-" + localVersion + "-" + strconv.Itoa(l.dim)
	return l
}

// Name is "local-<version>-<dimension>", so that an index built with other
// features or another size is recognised as a different vector space.
func (l *Local) Name() string { return l.name }

// Dimension is the vector length.
func (l *Local) Dimension() int { return l.dim }

// Multilingual is false: hashed character n-grams of one script never meet
// another script's.
func (l *Local) Multilingual() bool { return false }

// Embed embeds each text. Queries and passages are embedded alike. Large batches
// are split over GOMAXPROCS goroutines (ingestion embeds thousands of chunks at a
// time, and a CPU-bound embedder should use the cores it has). It fails only
// when ctx is done, which it checks every few dozen texts so that a large batch
// can be cancelled.
func (l *Local) Embed(ctx context.Context, texts []string, _ rag.Purpose) ([][]float32, error) {
	return embedParallel(ctx, texts, func(texts []string, out [][]float32) error { return l.embedRange(ctx, texts, out) })
}

// embedParallel embeds texts with do, splitting a large batch over GOMAXPROCS
// goroutines, each with its own range of texts and of the result. It fails
// only when ctx is done (do checks it as it goes).
func embedParallel(ctx context.Context, texts []string, do func(texts []string, out [][]float32) error) ([][]float32, error) {
	out := make([][]float32, len(texts))
	const minPerWorker = 64
	workers := min(runtime.GOMAXPROCS(0), len(texts)/minPerWorker)
	if workers <= 1 {
		if err := do(texts, out); err != nil {
			return nil, err
		}
		return out, nil
	}
	errs := make([]error, workers)
	var wg sync.WaitGroup
	per := (len(texts) + workers - 1) / workers
	for w := range workers {
		lo, hi := w*per, min((w+1)*per, len(texts))
		wg.Go(func() { errs[w] = do(texts[lo:hi], out[lo:hi]) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, ctx.Err()
	}
	return out, nil
}

// embedRange embeds texts into out on the calling goroutine.
func (l *Local) embedRange(ctx context.Context, texts []string, out [][]float32) error {
	var sc scratch
	for i, t := range texts {
		if i%32 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		out[i] = l.embed(t, &sc)
	}
	return nil
}

// Feature classes, kept in the top two bits of each feature's hash so that the
// weight of a feature can be recovered after counting.
const (
	classWord uint64 = iota
	classBigram
	classNgram
	classEmpty
)

const classShift = 62

// scratch is the reusable working memory of one Embed call.
type scratch struct {
	feats []uint64
	offs  []int
	count counter
}

// embed returns the vector of s.
func (l *Local) embed(s string, sc *scratch) []float32 {
	sc.feats = l.appendFeatures(sc.feats[:0], &sc.offs, s)
	if len(sc.feats) == 0 {
		// Nothing to go on (empty text, punctuation only). A zero vector would
		// become NaN in stores that normalise, so use one fixed unit vector.
		sc.feats = append(sc.feats, tagged(classEmpty, fnvOffset))
	}
	c := &sc.count
	c.reset(len(sc.feats))
	for _, h := range sc.feats {
		c.add(h)
	}
	vec := make([]float32, l.dim)
	for _, slot := range c.used {
		h, n := c.keys[slot], c.counts[slot]
		w := l.weight(h >> classShift)
		if l.feat.sublinear {
			w *= sublinearTF(n)
		} else {
			w *= float32(n)
		}
		// The bucket comes from the high half of the hash (multiply-shift works
		// for any dimension), the sign from bit 0: signed hashing makes
		// collisions cancel on average instead of piling up.
		bucket := (h >> 30 & 0xffffffff) * uint64(l.dim) >> 32
		if h&1 != 0 {
			w = -w
		}
		vec[bucket] += w
	}
	normalize(vec)
	return vec
}

// tfTable holds 1+ln(n) for small n: most features occur once or twice, and
// math.Log was an eighth of the embedding time.
var tfTable = func() (t [64]float32) {
	for n := 1; n < len(t); n++ {
		t[n] = 1 + float32(math.Log(float64(n)))
	}
	return t
}()

// sublinearTF is 1+ln(n): a word said five times is more important than one said
// once, but not five times more.
func sublinearTF(n uint32) float32 {
	if n < uint32(len(tfTable)) {
		return tfTable[n]
	}
	return 1 + float32(math.Log(float64(n)))
}

// counter counts distinct features in an open-addressing table that is reused
// from text to text: linear time and no allocation once warm, where sorting the
// few thousand features of a chunk cost a third of the embedding time.
type counter struct {
	keys   []uint64 // 0 marks a free slot
	counts []uint32
	used   []uint32 // occupied slots in first-seen order, so output is deterministic
}

// reset empties the table and makes room for n distinct keys at load ≤ 1/2.
func (c *counter) reset(n int) {
	size := 64
	for size < 2*n {
		size <<= 1
	}
	if size > len(c.keys) {
		c.keys = make([]uint64, size)
		c.counts = make([]uint32, size)
	} else {
		for _, s := range c.used {
			c.keys[s], c.counts[s] = 0, 0
		}
	}
	c.used = c.used[:0]
}

func (c *counter) add(k uint64) {
	if k == 0 {
		k = 1 // 0 marks free slots; a collision this rare is harmless
	}
	mask := uint64(len(c.keys) - 1)
	for i := k & mask; ; i = (i + 1) & mask {
		switch c.keys[i] {
		case 0:
			c.keys[i], c.counts[i] = k, 1
			c.used = append(c.used, uint32(i))
			return
		case k:
			c.counts[i]++
			return
		}
	}
}

func (l *Local) weight(class uint64) float32 {
	switch class {
	case classWord:
		return l.feat.wordWeight
	case classBigram:
		return l.feat.bigramWeight
	case classNgram:
		return l.feat.ngramWeight
	}
	return 1
}

// appendFeatures appends the hashed features of s to feats. offs is scratch.
func (l *Local) appendFeatures(feats []uint64, offs *[]int, s string) []uint64 {
	toks := text.Tokens(s)
	content := toks[:0:0]
	for _, t := range toks {
		if l.feat.keepStopwords || !text.IsStopword(t) {
			content = append(content, t)
		}
	}
	if len(content) == 0 {
		// A question made only of stopwords ("کیا ہے؟") still deserves a
		// vector that depends on it.
		content = toks
	}
	f := l.feat
	for i, t := range content {
		if f.wordWeight != 0 {
			feats = append(feats, tagged(classWord, fnvString(fnvOffset, t)))
		}
		if f.bigramWeight != 0 && i > 0 {
			h := fnvString(fnvOffset, content[i-1])
			h = fnvByte(h, ' ')
			feats = append(feats, tagged(classBigram, fnvString(h, t)))
		}
		if f.ngramWeight != 0 {
			feats, *offs = appendNgrams(feats, (*offs)[:0], t, f.ngramMin, f.ngramMax, f.boundary)
		}
	}
	return feats
}

// appendNgrams appends the character n-grams of word for n in [lo, hi]. With
// boundary markers the word is read as "<word>", so an n-gram at a word's edge
// differs from the same letters inside a word: "<مطا" marks the start of "مطابق",
// while "مطا" alone also matches it inside the glued "کےمطابق".
func appendNgrams(feats []uint64, offs []int, word string, lo, hi int, boundary bool) ([]uint64, []int) {
	// offs[k] is the byte offset of rune k; the markers are virtual runes at
	// positions 0 and len(offs)-1 when boundary is set.
	if boundary {
		offs = append(offs, -1)
	}
	for i := range word {
		offs = append(offs, i)
	}
	offs = append(offs, len(word))
	if boundary {
		offs = append(offs, -2)
	}
	runes := len(offs) - 1 // marker runes included
	if !boundary && utf8.RuneCountInString(word) < lo {
		// Short words without markers would yield no n-gram at all.
		return append(feats, tagged(classNgram, fnvString(fnvOffset, word))), offs
	}
	for n := lo; n <= hi; n++ {
		for start := 0; start+n <= runes; start++ {
			h := fnvOffset ^ uint64(n) // n-grams of different n never collide by construction
			end := start + n
			from, to := start, end
			if boundary && from == 0 {
				h = fnvByte(h, '<')
				from = 1
			}
			markEnd := boundary && to == runes
			if markEnd {
				to--
			}
			if from < to {
				h = fnvString(h, word[offs[from]:offs[to]])
			}
			if markEnd {
				h = fnvByte(h, '>')
			}
			feats = append(feats, tagged(classNgram, h))
		}
	}
	return feats, offs
}

// FNV-1a, 64 bit: fixed constants, so vectors are reproducible everywhere.
const (
	fnvOffset uint64 = 14695981039346656037
	fnvPrime  uint64 = 1099511628211
)

func fnvString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

func fnvByte(h uint64, b byte) uint64 {
	h ^= uint64(b)
	return h * fnvPrime
}

// fmix64 is MurmurHash3's finaliser: FNV's low bits are weak, and both the
// bucket and the sign are taken from the hash.
func fmix64(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}

// tagged finalises h and stores the feature class in its top bits.
func tagged(class, h uint64) uint64 {
	return class<<classShift | fmix64(h)>>2
}

// normalize scales v to unit length in place.
func normalize(v []float32) {
	var sum float64
	for _, x := range v {
		sum += float64(x) * float64(x)
	}
	if sum == 0 {
		return
	}
	inv := float32(1 / math.Sqrt(sum))
	for i := range v {
		v[i] *= inv
	}
}
