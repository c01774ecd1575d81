package embed

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jawab/jawab/rag"
)

var testLearnedConfig = LearnedConfig{
	Buckets: 1 << 12, Dim: 16, LexDim: 256, LexShare: 0.6,
	Words: true, NgramMin: 3, NgramMax: 4,
}

// newTestLearned builds a model with seeded random dense rows, the same on
// both sides, and lexical weights of 1: an untrained model, which matches
// texts by the features they share.
func newTestLearned(t testing.TB, cfg LearnedConfig, seed uint64) *Learned {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 1))
	var tabs LearnedTables
	for side := range 2 {
		if cfg.LexDim > 0 {
			tabs.Lex[side] = make([]float32, cfg.Buckets)
			for b := range tabs.Lex[side] {
				tabs.Lex[side][b] = 1
			}
		}
	}
	if cfg.Dim > 0 {
		rows := make([]float32, cfg.Buckets*cfg.Dim)
		for i := range rows {
			rows[i] = float32(rng.NormFloat64())
		}
		tabs.Dense = [2][]float32{rows, slices.Clone(rows)}
	}
	l, err := NewLearned(cfg, tabs, "test model")
	if err != nil {
		t.Fatalf("NewLearned: %v", err)
	}
	return l
}

func learnedBytes(t testing.TB, l *Learned) []byte {
	t.Helper()
	var buf bytes.Buffer
	n, err := l.WriteTo(&buf)
	if err != nil {
		t.Fatalf("WriteTo: %v", err)
	}
	if n != int64(buf.Len()) {
		t.Fatalf("WriteTo returned %d, wrote %d bytes", n, buf.Len())
	}
	return buf.Bytes()
}

func embedLearned(t testing.TB, l *Learned, purpose rag.Purpose, texts ...string) [][]float32 {
	t.Helper()
	v, err := l.Embed(context.Background(), texts, purpose)
	if err != nil {
		t.Fatalf("Embed: %v", err)
	}
	if len(v) != len(texts) {
		t.Fatalf("got %d vectors for %d texts", len(v), len(texts))
	}
	return v
}

func TestLearnedRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		name string
		cfg  LearnedConfig
	}{
		{"lexical and dense", testLearnedConfig},
		{"lexical only", LearnedConfig{Buckets: 1 << 10, LexDim: 64, LexShare: 1, Words: true}},
		{"dense only", LearnedConfig{Buckets: 1 << 10, Dim: 8, NgramMin: 2, NgramMax: 3, KeepStopwords: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := newTestLearned(t, tc.cfg, 1)
			b := learnedBytes(t, l)
			got, err := ReadLearned(bytes.NewReader(b))
			if err != nil {
				t.Fatalf("ReadLearned: %v", err)
			}
			if got.Name() != l.Name() || got.Dimension() != l.Dimension() || got.Info() != l.Info() || got.Config() != tc.cfg {
				t.Errorf("got %s/%d/%q/%+v, want %s/%d/%q/%+v", got.Name(), got.Dimension(), got.Info(), got.Config(),
					l.Name(), l.Dimension(), l.Info(), tc.cfg)
			}
			if want := tc.cfg.LexDim + tc.cfg.Dim; l.Dimension() != want {
				t.Errorf("Dimension() = %d, want %d", l.Dimension(), want)
			}
			if again := learnedBytes(t, got); !bytes.Equal(again, b) {
				t.Error("writing a read model gives other bytes")
			}
			for _, p := range []rag.Purpose{rag.ForQuery, rag.ForPassage} {
				a := embedLearned(t, l, p, sampleUrdu, "", "کیا ہے؟")
				c := embedLearned(t, got, p, sampleUrdu, "", "کیا ہے؟")
				for i := range a {
					if !slices.Equal(a[i], c[i]) {
						t.Errorf("purpose %d text %d: vectors differ after a round trip", p, i)
					}
					if len(a[i]) != l.Dimension() {
						t.Errorf("vector of length %d, want %d", len(a[i]), l.Dimension())
					}
					if n := norm(a[i]); math.Abs(n-1) > 1e-4 {
						t.Errorf("purpose %d text %d: norm %v, want 1", p, i, n)
					}
				}
			}
		})
	}
}

func TestLearnedFile(t *testing.T) {
	l := newTestLearned(t, testLearnedConfig, 1)
	path := filepath.Join(t.TempDir(), "model.bin")
	if err := os.WriteFile(path, learnedBytes(t, l), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := LoadLearned(path)
	if err != nil {
		t.Fatalf("LoadLearned: %v", err)
	}
	if got.Name() != l.Name() {
		t.Errorf("Name() = %s, want %s", got.Name(), l.Name())
	}
	if _, err := LoadLearned(filepath.Join(t.TempDir(), "missing.bin")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: got %v, want an os.ErrNotExist", err)
	}
}

func TestLearnedName(t *testing.T) {
	a := newTestLearned(t, testLearnedConfig, 1)
	b := newTestLearned(t, testLearnedConfig, 2)
	if !strings.HasPrefix(a.Name(), "learned-v1-272-") {
		t.Errorf("Name() = %q, want learned-v1-272-…", a.Name())
	}
	if a.Name() == b.Name() {
		t.Errorf("two different models are both named %s", a.Name())
	}
	if c := newTestLearned(t, testLearnedConfig, 1); c.Name() != a.Name() {
		t.Errorf("the same model is named %s and %s", a.Name(), c.Name())
	}
}

func TestLearnedRejectsBadFiles(t *testing.T) {
	good := learnedBytes(t, newTestLearned(t, testLearnedConfig, 1))
	edit := func(f func(b []byte) []byte) []byte { return f(slices.Clone(good)) }
	// reseal rewrites the checksum, for damage that the checksum alone would
	// catch and that another check must catch too.
	reseal := func(b []byte) []byte {
		sum := learnedSum(b[:48], b[learnedHeaderSize:])
		copy(b[48:80], sum[:])
		return b
	}
	cases := []struct {
		name string
		b    []byte
		want string
	}{
		{"empty", nil, "truncated"},
		{"half a header", good[:40], "truncated"},
		{"header only", good[:learnedHeaderSize], "truncated"},
		{"cut short", good[:len(good)-1], "truncated"},
		{"cut in half", good[:len(good)/2], "truncated"},
		{"trailing byte", append(slices.Clone(good), 0), "after the body"},
		{"bad magic", edit(func(b []byte) []byte { b[0] = 'X'; return b }), "magic"},
		{"future version", edit(func(b []byte) []byte { b[8] = 2; return b }), "version"},
		{"body byte flipped", edit(func(b []byte) []byte { b[len(b)-5] ^= 1; return b }), "checksum"},
		{"info byte flipped", edit(func(b []byte) []byte { b[learnedHeaderSize+5] ^= 1; return b }), "checksum"},
		{"checksum flipped", edit(func(b []byte) []byte { b[60] ^= 1; return b }), "checksum"},
		{"zero buckets", edit(func(b []byte) []byte { binary.LittleEndian.PutUint32(b[12:], 0); return b }), "buckets"},
		{"huge buckets", edit(func(b []byte) []byte { binary.LittleEndian.PutUint32(b[12:], 1<<31); return b }), "buckets"},
		{"other buckets", edit(func(b []byte) []byte { binary.LittleEndian.PutUint32(b[12:], 1<<11); return b }), "does not fit"},
		{"other dimension", edit(func(b []byte) []byte { binary.LittleEndian.PutUint32(b[16:], 17); return b }), "does not fit"},
		{"lexical share out of range", edit(func(b []byte) []byte {
			binary.LittleEndian.PutUint32(b[24:], math.Float32bits(1.5))
			return b
		}), "share"},
		{"no features", edit(func(b []byte) []byte { b[29], b[30] = 0, 0; return b }), "no features"},
		{"header field flipped", edit(func(b []byte) []byte { b[24] ^= 1; return b }), "checksum"},
		{"other features", edit(func(b []byte) []byte { b[32] ^= 1; return reseal(b) }), "other features"},
		{"other n-grams", edit(func(b []byte) []byte { b[29] = 5; return reseal(b) }), "other features"},
		{"long info", edit(func(b []byte) []byte {
			binary.LittleEndian.PutUint32(b[learnedHeaderSize:], 1<<30)
			return reseal(b)
		}), "does not fit"},
		{"NaN weight", edit(func(b []byte) []byte {
			at := learnedHeaderSize + 4 + len("test model")
			binary.LittleEndian.PutUint32(b[at:], math.Float32bits(float32(math.NaN())))
			return reseal(b)
		}), "NaN"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			l, err := ParseLearned(tc.b)
			if err == nil {
				t.Fatalf("ParseLearned accepted it (%s)", l.Name())
			}
			if !errors.Is(err, ErrLearnedModel) {
				t.Errorf("got %v, want an ErrLearnedModel", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %q, want it to say %q", err, tc.want)
			}
			if _, err := ReadLearned(bytes.NewReader(tc.b)); !errors.Is(err, ErrLearnedModel) {
				t.Errorf("ReadLearned: got %v, want an ErrLearnedModel", err)
			}
		})
	}
}

func TestNewLearnedRejectsBadTables(t *testing.T) {
	cfg := testLearnedConfig
	ok := LearnedTables{
		Lex:   [2][]float32{make([]float32, cfg.Buckets), make([]float32, cfg.Buckets)},
		Dense: [2][]float32{make([]float32, cfg.Buckets*cfg.Dim), make([]float32, cfg.Buckets*cfg.Dim)},
	}
	if _, err := NewLearned(cfg, ok, ""); err != nil {
		t.Fatalf("NewLearned: %v", err)
	}
	short := ok
	short.Dense[1] = short.Dense[1][1:]
	noLex := ok
	noLex.Lex[0] = nil
	bad := cfg
	bad.LexShare = 0.5
	bad.Dim = 0
	for name, tc := range map[string]struct {
		cfg  LearnedConfig
		tabs LearnedTables
	}{
		"short dense table":     {cfg, short},
		"missing lexical table": {cfg, noLex},
		"share without dense":   {bad, ok},
	} {
		if _, err := NewLearned(tc.cfg, tc.tabs, ""); err == nil {
			t.Errorf("%s: NewLearned accepted it", name)
		}
	}
}

// TestLearnedQuestionNearAnswer checks the arithmetic of Embed on real text:
// with every lexical weight at 1 and the same rows on both sides, a question
// is nearer the passage that answers it than unrelated ones.
func TestLearnedQuestionNearAnswer(t *testing.T) {
	chunks := loadChunks(t, "pk-ru")
	answer := -1
	for i, c := range chunks {
		if strings.Contains(c.text, "یکم مئی 1948") {
			answer = i
			break
		}
	}
	if answer < 0 {
		t.Fatal("no chunk of testdata/pk-ru mentions یکم مئی 1948")
	}
	for _, cfg := range []LearnedConfig{
		testLearnedConfig,
		// Dense rows alone: 256 dimensions, since random rows of 64 put
		// an unrelated chunk above the answer for 13 of 20 seeds (the
		// assertion then held by the seed's luck, and a fold that respelled
		// one word of the fixture undid it); of 256, for none or one.
		{Buckets: 1 << 14, Dim: 256, LexShare: 0, Words: true, NgramMin: 3, NgramMax: 4},
	} {
		l := newTestLearned(t, cfg, 3)
		q := embedLearned(t, l, rag.ForQuery, "روس اور پاکستان کے سفارتی تعلقات کب قائم ہوئے؟")[0]
		texts := make([]string, len(chunks))
		for i, c := range chunks {
			texts[i] = c.text
		}
		ps := embedLearned(t, l, rag.ForPassage, texts...)
		want := dot(q, ps[answer])
		for i, p := range ps {
			if chunks[i].doc == chunks[answer].doc {
				continue // the same article: related, not unrelated
			}
			if got := dot(q, p); got >= want {
				t.Errorf("%+v: chunk %d of %s scores %.3f, the answer %.3f", cfg, i, chunks[i].doc, got, want)
			}
		}
	}
}

func TestLearnedDeterministic(t *testing.T) {
	l := newTestLearned(t, testLearnedConfig, 1)
	chunks := loadChunks(t, "pk-ru", "urdu-news")
	texts := make([]string, 0, 300)
	for _, c := range chunks[:min(300, len(chunks))] {
		texts = append(texts, c.text)
	}
	batch := embedLearned(t, l, rag.ForPassage, texts...) // split over goroutines
	for i, s := range texts {
		if one := embedLearned(t, l, rag.ForPassage, s)[0]; !slices.Equal(one, batch[i]) {
			t.Fatalf("text %d: alone and in a batch give different vectors", i)
		}
	}
	other := newTestLearned(t, testLearnedConfig, 1)
	if again := embedLearned(t, other, rag.ForPassage, texts[:5]...); !slices.EqualFunc(again, batch[:5], slices.Equal) {
		t.Error("a model built from the same tables embeds differently")
	}
	q := embedLearned(t, l, rag.ForQuery, texts[0])[0]
	if slices.Equal(q, batch[0]) {
		t.Log("note: query and passage vectors agree (the test model's sides are equal)")
	}
}

func TestLearnedSides(t *testing.T) {
	cfg := LearnedConfig{Buckets: 1 << 8, Dim: 4, Words: true}
	rows := func(x float32) []float32 {
		r := make([]float32, cfg.Buckets*cfg.Dim)
		for b := range cfg.Buckets {
			r[b*cfg.Dim] = x // question side points along e0, passage side along e1
			r[b*cfg.Dim+1] = 1 - x
		}
		return r
	}
	l, err := NewLearned(cfg, LearnedTables{Dense: [2][]float32{rows(1), rows(0)}}, "")
	if err != nil {
		t.Fatal(err)
	}
	q := embedLearned(t, l, rag.ForQuery, sampleUrdu)[0]
	p := embedLearned(t, l, rag.ForPassage, sampleUrdu)[0]
	if !slices.Equal(q, []float32{1, 0, 0, 0}) || !slices.Equal(p, []float32{0, 1, 0, 0}) {
		t.Errorf("query %v, passage %v: want e0 and e1 (each side its own table)", q, p)
	}
}

func TestLearnedCancelled(t *testing.T) {
	l := newTestLearned(t, testLearnedConfig, 1)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	texts := make([]string, 200)
	for i := range texts {
		texts[i] = sampleUrdu
	}
	if _, err := l.Embed(ctx, texts, rag.ForPassage); !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want context.Canceled", err)
	}
}

func TestLearnedFeatures(t *testing.T) {
	cfg := LearnedConfig{Buckets: 1 << 20, Words: true, NgramMin: 3, NgramMax: 4}
	f := cfg.AppendFeatures(nil, "پاکستان پاکستان")
	// One word of 7 letters read as "<پاکستان>": 7 3-grams and 6 4-grams
	// and the word itself, each twice.
	if len(f) != 14 {
		t.Errorf("got %d distinct features, want 14 (collisions in 2^20 buckets are unlikely)", len(f))
	}
	for _, x := range f {
		if want := sublinearTF(2); x.Weight != want {
			t.Errorf("weight %v, want %v", x.Weight, want)
		}
	}
	if !slices.IsSortedFunc(f, func(a, b LearnedFeature) int { return int(a.Bucket) - int(b.Bucket) }) {
		t.Error("features not in bucket order")
	}
	if a, b := cfg.AppendFeatures(nil, "پاکستان"), cfg.AppendFeatures(nil, "پاكستان"); !slices.Equal(a, b) {
		t.Error("Arabic and Urdu kaf give different features (text is not folded)")
	}
	if got := cfg.AppendFeatures(nil, "۔۔۔ !"); len(got) != 0 {
		t.Errorf("punctuation gives %d features, want 0", len(got))
	}
}

func BenchmarkLearnedEmbed(b *testing.B) {
	l := newTestLearned(b, LearnedConfig{Buckets: 1 << 17, Dim: 64, LexDim: 1024, LexShare: 0.5, Words: true, NgramMin: 3, NgramMax: 4}, 1)
	chunks := loadChunks(b, "pk-ru")
	texts := make([]string, len(chunks))
	size := 0
	for i, c := range chunks {
		texts[i] = c.text
		size += len(c.text)
	}
	b.SetBytes(int64(size))
	b.ReportMetric(float64(len(texts)), "chunks")
	for b.Loop() {
		if _, err := l.Embed(context.Background(), texts, rag.ForPassage); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLearnedLoad parses a model of the largest shape measured (2^17
// buckets, 1024 lexical and 64 dense dimensions: 18.9 MB).
func BenchmarkLearnedLoad(b *testing.B) {
	l := newTestLearned(b, LearnedConfig{Buckets: 1 << 17, Dim: 64, LexDim: 1024, LexShare: 0.5, Words: true, NgramMin: 3, NgramMax: 4}, 1)
	data := learnedBytes(b, l)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := ParseLearned(data); err != nil {
			b.Fatal(err)
		}
	}
}

// TestLearnedModelFile checks a trained model named by JAWAB_LEARNED_MODEL:
// it loads within half a second, and a question about testdata/pk-ru finds
// its answer's chunk among the first few by cosine.
func TestLearnedModelFile(t *testing.T) {
	path := os.Getenv("JAWAB_LEARNED_MODEL")
	if path == "" {
		t.Skip("set JAWAB_LEARNED_MODEL to a trained model file")
	}
	start := time.Now()
	l, err := LoadLearned(path)
	if err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	st, _ := os.Stat(path)
	t.Logf("%s: %s, %d bytes, loaded in %v; %s", path, l.Name(), st.Size(), took, l.Info())
	if took > 500*time.Millisecond {
		t.Errorf("loading took %v, want at most 0.5s", took)
	}
	chunks := loadChunks(t, "pk-ru", "urdu-news")
	texts := make([]string, len(chunks))
	answer := -1
	for i, c := range chunks {
		texts[i] = c.text
		if answer < 0 && strings.Contains(c.text, "یکم مئی 1948") {
			answer = i
		}
	}
	q := embedLearned(t, l, rag.ForQuery, "روس اور پاکستان کے سفارتی تعلقات کب قائم ہوئے؟")[0]
	ps := embedLearned(t, l, rag.ForPassage, texts...)
	want := dot(q, ps[answer])
	rank := 0
	for _, p := range ps {
		if dot(q, p) > want {
			rank++
		}
	}
	if rank >= 3 {
		t.Errorf("the answer's chunk ranks %d of %d, want it in the first 3", rank+1, len(ps))
	}
}

// TestMeasureLearnedNews runs the local embedder's synthetic news retrieval
// task (MEASUREMENTS.md: queries made from sentences of testdata's Urdu
// news) on the model named by JAWAB_LEARNED_MODEL beside the local embedder,
// to see whether what the model learned on Wikipedia questions carries over
// to news:
//
//	JAWAB_LEARNED_MODEL=model.bin go test ./index/embed -run TestMeasureLearnedNews -measure -v
func TestMeasureLearnedNews(t *testing.T) {
	path := os.Getenv("JAWAB_LEARNED_MODEL")
	if !*measure || path == "" {
		t.Skip("run with -measure and JAWAB_LEARNED_MODEL")
	}
	l, err := LoadLearned(path)
	if err != nil {
		t.Fatal(err)
	}
	chunks := loadChunks(t, "pk-ru", "urdu-news")
	passages := make([]string, len(chunks))
	for i, c := range chunks {
		passages[i] = c.text
	}
	const nq = 1500
	for _, set := range []struct {
		name          string
		hard, ordered bool
		seedAdd       uint64
	}{{"brief", false, false, 0}, {"hard", true, false, 1000}, {"ordered", true, true, 2000}} {
		queries := makeQueries(chunks, nq, set.hard, set.ordered, *measureSeed+set.seedAdd)
		for _, e := range []rag.Embedder{NewLocal(), l} {
			mrr, r1 := newsMRR(t, e, passages, queries)
			t.Logf("%-8s %-28s R@1 %.3f MRR %.3f", set.name, e.Name(), r1, mrr)
		}
	}
}

// newsMRR ranks every passage for every query by cosine: the MRR and R@1 of
// the best relevant passage.
func newsMRR(t *testing.T, e rag.Embedder, passages []string, queries []query) (mrr, r1 float64) {
	t.Helper()
	pv := embedLearnedAny(t, e, rag.ForPassage, passages)
	qtexts := make([]string, len(queries))
	for i, q := range queries {
		qtexts[i] = q.text
	}
	qv := embedLearnedAny(t, e, rag.ForQuery, qtexts)
	for i, q := range queries {
		best := math.Inf(-1)
		for _, j := range q.relevant {
			best = max(best, dot(qv[i], pv[j]))
		}
		rank := 1
		for j, p := range pv {
			if dot(qv[i], p) > best && !slices.Contains(q.relevant, j) {
				rank++
			}
		}
		mrr += 1 / float64(rank)
		if rank == 1 {
			r1++
		}
	}
	n := float64(len(queries))
	return mrr / n, r1 / n
}

func embedLearnedAny(t *testing.T, e rag.Embedder, purpose rag.Purpose, texts []string) [][]float32 {
	t.Helper()
	v, err := e.Embed(context.Background(), texts, purpose)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
