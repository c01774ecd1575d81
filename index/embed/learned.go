package embed

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"

	"github.com/jawab/jawab/rag"
	"github.com/jawab/jawab/text"
)

// Learned is an embedder learned from question–passage pairs (a dual
// encoder, trained by cmd/jawab-train on UQA's train part). It reads text as
// the local embedder does (folded words and character 3/4-grams of words,
// hashed into buckets) and its vector has two parts:
//
//   - lexical: each feature's 1 + ln(count), times a learned weight of its bucket,
//     in one of LexDim signed slots, as the local embedder places it — what
//     the local embedder does, with learned instead of equal weights;
//   - dense: the sum of the features' learned rows of Dim numbers.
//
// Questions and passages have separate weights and rows, because a question
// asks in other words than its answer is written in ("کب پیدا ہوا" against
// "پیدائش 1810"). Each part is normalised and scaled by the square root of
// its share (LexShare), so the cosine of two vectors is the shares' mix of
// the parts' cosines.
//
// It is deterministic, needs no network, and is safe for concurrent use.
type Learned struct {
	cfg  LearnedConfig
	info string
	name string
	tabs [2]learnedTable // [0] questions, [1] passages
	// slot and sign place each bucket in the lexical part.
	slot []int32
	sign []float32
}

var _ rag.Embedder = (*Learned)(nil)

// learnedTable is one side's parameters: a weight per bucket for the lexical
// part, and dense rows quantised to int8 with a scale per row.
type learnedTable struct {
	lex   []float32 // per bucket
	scale []float32 // per bucket
	rows  []int8    // Buckets × Dim
}

// LearnedConfig is the shape of a learned model and how it reads text.
type LearnedConfig struct {
	Buckets int // hashed feature buckets: the rows of each table
	// Dim is the length of the dense part of the vectors (0: none).
	Dim int
	// LexDim is the length of the lexical part (0: none): the features
	// hashed into LexDim signed slots as the local embedder does, each
	// weighted by a learned weight of its bucket.
	LexDim int
	// LexShare is the lexical part's share of the cosine, in [0, 1]: the
	// vector is the lexical unit vector scaled by √LexShare followed by the
	// dense one scaled by √(1−LexShare). It is 1 without a dense part and 0
	// without a lexical part.
	LexShare float32
	// Words adds each word as a feature.
	Words bool
	// NgramMin and NgramMax bound the character n-grams of each word, read as
	// "<word>" with boundary markers counted as runes; NgramMax 0 disables them.
	NgramMin, NgramMax int
	// KeepStopwords keeps stopwords (text.IsStopword) as features.
	KeepStopwords bool
}

// Limits that keep a corrupt header from asking for absurd allocations.
const (
	maxLearnedBuckets = 1 << 24
	maxLearnedDim     = 4096
	maxLearnedNgram   = 16
	maxLearnedInfo    = 1 << 16
)

func (c LearnedConfig) validate() error {
	switch {
	case c.Buckets < 1 || c.Buckets > maxLearnedBuckets:
		return fmt.Errorf("buckets %d out of range [1, %d]", c.Buckets, maxLearnedBuckets)
	case c.Dim < 0 || c.Dim > maxLearnedDim || c.LexDim < 0 || c.LexDim > maxLearnedDim:
		return fmt.Errorf("dimensions %d+%d out of range [0, %d]", c.LexDim, c.Dim, maxLearnedDim)
	case c.Dim+c.LexDim == 0:
		return errors.New("no dimensions")
	case !(c.LexShare >= 0 && c.LexShare <= 1) || c.Dim == 0 && c.LexShare != 1 || c.LexDim == 0 && c.LexShare != 0:
		return fmt.Errorf("lexical share %v does not fit dimensions %d+%d", c.LexShare, c.LexDim, c.Dim)
	case c.NgramMax < 0 || c.NgramMax > maxLearnedNgram || c.NgramMax > 0 && (c.NgramMin < 1 || c.NgramMin > c.NgramMax):
		return fmt.Errorf("n-gram range [%d, %d] invalid", c.NgramMin, c.NgramMax)
	case !c.Words && c.NgramMax == 0:
		return errors.New("no features: neither words nor n-grams")
	}
	return nil
}

// LearnedFeature is one distinct feature of a text: its bucket and weight.
type LearnedFeature struct {
	Bucket uint32
	Weight float32 // 1 + ln(count)
}

// AppendFeatures appends the distinct features of s to dst, in bucket order,
// each weighted by 1 + ln(how often it occurs). Training and embedding both
// read text through it, so that they agree.
func (c LearnedConfig) AppendFeatures(dst []LearnedFeature, s string) []LearnedFeature {
	hs := c.hashes(nil, s)
	slices.Sort(hs)
	for i := 0; i < len(hs); {
		j := i + 1
		for j < len(hs) && hs[j] == hs[i] {
			j++
		}
		dst = append(dst, LearnedFeature{Bucket: hs[i], Weight: sublinearTF(uint32(j - i))})
		i = j
	}
	return dst
}

// hashes appends the bucket of every feature occurrence of s.
func (c LearnedConfig) hashes(dst []uint32, s string) []uint32 {
	toks := text.Tokens(s)
	content := toks[:0:0]
	for _, t := range toks {
		if c.KeepStopwords || !text.IsStopword(t) {
			content = append(content, t)
		}
	}
	if len(content) == 0 {
		content = toks // "کیا ہے؟" still deserves a vector of its own
	}
	b := uint64(c.Buckets)
	bucket := func(h uint64) uint32 { return uint32((fmix64(h) >> 32) * b >> 32) }
	var offs []int
	for _, t := range content {
		if c.Words {
			dst = append(dst, bucket(fnvString(fnvByte(fnvOffset, 'w'), t)))
		}
		if c.NgramMax == 0 {
			continue
		}
		// offs[k] is the byte offset of rune k of "<t>"; -1 and -2 mark the
		// virtual boundary runes.
		offs = append(offs[:0], -1)
		for i := range t {
			offs = append(offs, i)
		}
		offs = append(offs, len(t), -2)
		runes := len(offs) - 1
		for n := c.NgramMin; n <= c.NgramMax; n++ {
			for start := 0; start+n <= runes; start++ {
				h := fnvByte(fnvOffset, 'n') ^ uint64(n)
				from, to := start, start+n
				if from == 0 {
					h = fnvByte(h, '<')
					from = 1
				}
				end := to == runes
				if end {
					to--
				}
				if from < to {
					h = fnvString(h, t[offs[from]:offs[to]])
				}
				if end {
					h = fnvByte(h, '>')
				}
				dst = append(dst, bucket(h))
			}
		}
	}
	return dst
}

// learnedProbe is read through the features at save and at load: if the
// tokeniser, the stopword list or the hashing changed since the model was
// trained, the fingerprints differ and the model is refused rather than
// silently reading text differently from how it learned to.
const learnedProbe = "پاکستان کے وزیرِ اعظم نے ۲۰۲۴ء میں کہا کہ يه كتاب 50,000 طلبہ کیلئے ہے؟ Lahore's students, کب اور کیوں؟ جنر ل کےمطابق"

func (c LearnedConfig) fingerprint() uint64 {
	h := fnvOffset
	var b [8]byte
	for _, f := range c.AppendFeatures(nil, learnedProbe) {
		binary.LittleEndian.PutUint32(b[:4], f.Bucket)
		binary.LittleEndian.PutUint32(b[4:], math.Float32bits(f.Weight))
		for _, x := range b {
			h = fnvByte(h, x)
		}
	}
	return h
}

// LexSlot is where bucket b goes in the lexical part, and with which sign:
// a fixed hash of the bucket, so that collisions cancel on average.
func (c LearnedConfig) LexSlot(b uint32) (slot int, sign float32) {
	h := fmix64(uint64(b) ^ 0x6c65786963616c)
	sign = 1
	if h&1 != 0 {
		sign = -1
	}
	return int((h >> 32) * uint64(c.LexDim) >> 32), sign
}

// LearnedTables are a model's parameters as training leaves them; index 0 is
// the question side, 1 the passage side.
type LearnedTables struct {
	Lex   [2][]float32 // a weight per bucket (when LexDim > 0)
	Dense [2][]float32 // Buckets × Dim rows, row-major (when Dim > 0)
}

// NewLearned makes a model from its parameters, quantising the dense rows to
// int8. info is free text saved with the model (its provenance).
func NewLearned(cfg LearnedConfig, tabs LearnedTables, info string) (*Learned, error) {
	if err := cfg.validate(); err != nil {
		return nil, fmt.Errorf("learned model: %w", err)
	}
	if len(info) > maxLearnedInfo {
		return nil, fmt.Errorf("learned model: info of %d bytes, at most %d", len(info), maxLearnedInfo)
	}
	l := &Learned{cfg: cfg, info: info}
	for side := range 2 {
		if cfg.LexDim > 0 {
			if len(tabs.Lex[side]) != cfg.Buckets {
				return nil, fmt.Errorf("learned model: %d lexical weights, want %d", len(tabs.Lex[side]), cfg.Buckets)
			}
			l.tabs[side].lex = slices.Clone(tabs.Lex[side])
		}
		if cfg.Dim > 0 {
			if len(tabs.Dense[side]) != cfg.Buckets*cfg.Dim {
				return nil, fmt.Errorf("learned model: %d dense values, want %d", len(tabs.Dense[side]), cfg.Buckets*cfg.Dim)
			}
			l.tabs[side].scale, l.tabs[side].rows = quantize(tabs.Dense[side], cfg.Buckets, cfg.Dim)
		}
	}
	// The name comes from the saved bytes, so that two different models of
	// the same shape never share a vector space by name.
	var buf bytes.Buffer
	if _, err := l.WriteTo(&buf); err != nil {
		return nil, err
	}
	return ParseLearned(buf.Bytes())
}

func quantize(src []float32, buckets, dim int) ([]float32, []int8) {
	scale, rows := make([]float32, buckets), make([]int8, buckets*dim)
	for b := range buckets {
		row := src[b*dim : (b+1)*dim]
		var m float32
		for _, x := range row {
			m = max(m, float32(math.Abs(float64(x))))
		}
		if m == 0 {
			continue
		}
		s := m / 127
		scale[b] = s
		for k, x := range row {
			rows[b*dim+k] = int8(math.Round(float64(x / s)))
		}
	}
	return scale, rows
}

// The model file: a fixed header, then the body; the header ends with a
// SHA-256 of both. All numbers little-endian.
//
//	 0  [8]byte  magic "JAWABLRN"
//	 8  uint32   format version (1)
//	12  uint32   buckets
//	16  uint32   dense dimension
//	20  uint32   lexical dimension
//	24  float32  lexical share
//	28  uint8    n-gram min
//	29  uint8    n-gram max
//	30  uint8    flags: 1 words, 2 keep stopwords
//	31  uint8    0
//	32  uint64   feature fingerprint (see learnedProbe)
//	40  uint64   body length
//	48  [32]byte SHA-256 of the header's first 48 bytes and the body
//	80  body:    uint32 info length, info (UTF-8), then for the question side
//	             and then the passage side: buckets float32 lexical weights
//	             (when the lexical dimension is not 0), buckets float32 row
//	             scales and buckets×dimension int8 rows (when the dense
//	             dimension is not 0)
const (
	learnedMagic      = "JAWABLRN"
	learnedFormat     = 1
	learnedHeaderSize = 80
	learnedVersion    = "v1" // in Name; change with the features or the arithmetic of Embed
)

const (
	flagWords = 1 << iota
	flagKeepStopwords
)

// learnedSum is the checksum of a model file: of the header up to the
// checksum, and of the body.
func learnedSum(header, body []byte) [32]byte {
	h := sha256.New()
	h.Write(header[:48])
	h.Write(body)
	var sum [32]byte
	h.Sum(sum[:0])
	return sum
}

// ErrLearnedModel is wrapped by every error about a malformed, truncated,
// corrupt or incompatible model file.
var ErrLearnedModel = errors.New("invalid learned model")

func modelErr(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrLearnedModel, fmt.Sprintf(format, args...))
}

// tablesLen is the length of the body after the info.
func (c LearnedConfig) tablesLen() uint64 {
	per := uint64(0)
	if c.LexDim > 0 {
		per += 4
	}
	if c.Dim > 0 {
		per += 4 + uint64(c.Dim)
	}
	return 2 * uint64(c.Buckets) * per
}

// WriteTo writes the model in its file format.
func (l *Learned) WriteTo(w io.Writer) (int64, error) {
	body := make([]byte, 0, 4+uint64(len(l.info))+l.cfg.tablesLen())
	body = binary.LittleEndian.AppendUint32(body, uint32(len(l.info)))
	body = append(body, l.info...)
	for _, t := range l.tabs {
		for _, x := range t.lex {
			body = binary.LittleEndian.AppendUint32(body, math.Float32bits(x))
		}
		for _, s := range t.scale {
			body = binary.LittleEndian.AppendUint32(body, math.Float32bits(s))
		}
		for _, x := range t.rows {
			body = append(body, byte(x))
		}
	}
	c := l.cfg
	h := make([]byte, 0, learnedHeaderSize)
	h = append(h, learnedMagic...)
	h = binary.LittleEndian.AppendUint32(h, learnedFormat)
	h = binary.LittleEndian.AppendUint32(h, uint32(c.Buckets))
	h = binary.LittleEndian.AppendUint32(h, uint32(c.Dim))
	h = binary.LittleEndian.AppendUint32(h, uint32(c.LexDim))
	h = binary.LittleEndian.AppendUint32(h, math.Float32bits(c.LexShare))
	var flags byte
	if c.Words {
		flags |= flagWords
	}
	if c.KeepStopwords {
		flags |= flagKeepStopwords
	}
	h = append(h, byte(c.NgramMin), byte(c.NgramMax), flags, 0)
	h = binary.LittleEndian.AppendUint64(h, c.fingerprint())
	h = binary.LittleEndian.AppendUint64(h, uint64(len(body)))
	sum := learnedSum(h, body)
	h = append(h, sum[:]...)
	n, err := w.Write(h)
	if err != nil {
		return int64(n), err
	}
	m, err := w.Write(body)
	return int64(n + m), err
}

// ReadLearned reads a model file to its end (see [ParseLearned]).
func ReadLearned(r io.Reader) (*Learned, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read learned model: %w", err)
	}
	return ParseLearned(b)
}

// LoadLearned reads a model file from path.
func LoadLearned(path string) (*Learned, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read learned model: %w", err)
	}
	l, err := ParseLearned(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return l, nil
}

// ParseLearned decodes a model file. It refuses (with an error wrapping
// ErrLearnedModel) a file that is truncated, has trailing bytes, fails its
// checksum, or was trained with features this build reads differently.
func ParseLearned(b []byte) (*Learned, error) {
	if len(b) < learnedHeaderSize {
		return nil, modelErr("truncated: %d bytes, the header alone is %d", len(b), learnedHeaderSize)
	}
	if string(b[:8]) != learnedMagic {
		return nil, modelErr("not a learned model (bad magic)")
	}
	le := binary.LittleEndian
	if v := le.Uint32(b[8:]); v != learnedFormat {
		return nil, modelErr("format version %d, this build reads %d", v, learnedFormat)
	}
	flags := b[30]
	cfg := LearnedConfig{
		Buckets:       int(le.Uint32(b[12:])),
		Dim:           int(le.Uint32(b[16:])),
		LexDim:        int(le.Uint32(b[20:])),
		LexShare:      math.Float32frombits(le.Uint32(b[24:])),
		NgramMin:      int(b[28]),
		NgramMax:      int(b[29]),
		Words:         flags&flagWords != 0,
		KeepStopwords: flags&flagKeepStopwords != 0,
	}
	if err := cfg.validate(); err != nil {
		return nil, modelErr("%v", err)
	}
	bodyLen := le.Uint64(b[40:])
	if got := uint64(len(b) - learnedHeaderSize); got != bodyLen {
		if got < bodyLen {
			return nil, modelErr("truncated: body of %d bytes, header says %d", got, bodyLen)
		}
		return nil, modelErr("%d bytes after the body", got-bodyLen)
	}
	body := b[learnedHeaderSize:]
	if len(body) < 4 {
		return nil, modelErr("body of %d bytes is too short", len(body))
	}
	infoLen := uint64(le.Uint32(body))
	if infoLen > maxLearnedInfo || 4+infoLen+cfg.tablesLen() != bodyLen {
		return nil, modelErr("body of %d bytes does not fit %d buckets × %d+%d dimensions", bodyLen, cfg.Buckets, cfg.LexDim, cfg.Dim)
	}
	sum := learnedSum(b[:48], body)
	if !bytes.Equal(sum[:], b[48:80]) {
		return nil, modelErr("checksum mismatch: the file is corrupt")
	}
	if fp := le.Uint64(b[32:]); fp != cfg.fingerprint() {
		return nil, modelErr("trained with other features (the tokeniser, stopwords or hashing changed since); retrain it")
	}
	l := &Learned{cfg: cfg, info: string(body[4 : 4+infoLen])}
	p := body[4+infoLen:]
	floats := func(what string, side int) ([]float32, error) {
		out := make([]float32, cfg.Buckets)
		for k := range out {
			x := math.Float32frombits(le.Uint32(p[4*k:]))
			if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
				return nil, modelErr("%s %d of side %d is %v", what, k, side, x)
			}
			out[k] = x
		}
		p = p[4*cfg.Buckets:]
		return out, nil
	}
	var err error
	for side := range l.tabs {
		t := &l.tabs[side]
		if cfg.LexDim > 0 {
			if t.lex, err = floats("lexical weight", side); err != nil {
				return nil, err
			}
		}
		if cfg.Dim > 0 {
			if t.scale, err = floats("row scale", side); err != nil {
				return nil, err
			}
			n := cfg.Buckets * cfg.Dim
			t.rows = make([]int8, n)
			for k, x := range p[:n] {
				t.rows[k] = int8(x)
			}
			p = p[n:]
		}
	}
	if cfg.LexDim > 0 {
		l.slot = make([]int32, cfg.Buckets)
		l.sign = make([]float32, cfg.Buckets)
		for b := range cfg.Buckets {
			s, sg := cfg.LexSlot(uint32(b))
			l.slot[b], l.sign[b] = int32(s), sg
		}
	}
	l.name = "learned-" + learnedVersion + "-" + strconv.Itoa(cfg.LexDim+cfg.Dim) + "-" + hex.EncodeToString(sum[:4])
	return l, nil
}

// Name is "learned-v1-<dimension>-<first 8 hex digits of the file's
// checksum>": every model is its own vector space.
func (l *Learned) Name() string { return l.name }

// Dimension is the vector length: the lexical part's and the dense part's.
func (l *Learned) Dimension() int { return l.cfg.LexDim + l.cfg.Dim }

// Multilingual is false: it was trained on Urdu questions and passages only.
func (l *Learned) Multilingual() bool { return false }

// Config is the model's shape and feature settings.
func (l *Learned) Config() LearnedConfig { return l.cfg }

// Info is the free text saved with the model: how it was trained.
func (l *Learned) Info() string { return l.info }

// Embed embeds each text with the question side (ForQuery) or the passage
// side (ForPassage). Large batches are split over GOMAXPROCS goroutines. It
// fails only when ctx is done.
func (l *Learned) Embed(ctx context.Context, texts []string, purpose rag.Purpose) ([][]float32, error) {
	t := &l.tabs[1]
	if purpose == rag.ForQuery {
		t = &l.tabs[0]
	}
	return embedParallel(ctx, texts, func(texts []string, out [][]float32) error {
		var feats []LearnedFeature
		for i, s := range texts {
			if i%32 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			feats = l.cfg.AppendFeatures(feats[:0], s)
			out[i] = l.vector(t, feats)
		}
		return nil
	})
}

// vector is the lexical part (the features' signed weights in their slots)
// and the dense part (the weighted sum of the features' rows), each
// normalised and scaled by the square root of its share.
func (l *Learned) vector(t *learnedTable, feats []LearnedFeature) []float32 {
	c := l.cfg
	v := make([]float32, c.LexDim+c.Dim)
	lex, dense := v[:c.LexDim], v[c.LexDim:]
	for _, f := range feats {
		if c.LexDim > 0 {
			lex[l.slot[f.Bucket]] += l.sign[f.Bucket] * f.Weight * t.lex[f.Bucket]
		}
		if c.Dim > 0 {
			s := f.Weight * t.scale[f.Bucket]
			if s == 0 {
				continue
			}
			row := t.rows[int(f.Bucket)*c.Dim : int(f.Bucket+1)*c.Dim]
			for k, x := range row {
				dense[k] += s * float32(x)
			}
		}
	}
	// A part with nothing in it (no features, or only features that learned
	// nothing) gets a fixed unit vector, since a zero vector becomes NaN in
	// stores that normalise.
	scaleUnit(lex, float32(math.Sqrt(float64(c.LexShare))))
	scaleUnit(dense, float32(math.Sqrt(float64(1-c.LexShare))))
	return v
}

// scaleUnit scales v to length s (v[0] = s when v is zero).
func scaleUnit(v []float32, s float32) {
	if len(v) == 0 {
		return
	}
	var sum float64
	for _, x := range v {
		sum += float64(x) * float64(x)
	}
	if sum == 0 {
		v[0] = s
		return
	}
	k := s / float32(math.Sqrt(sum))
	for i := range v {
		v[i] *= k
	}
}
