package embed

import (
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/jawab/jawab/rag"
	"github.com/jawab/jawab/text"
)

// corpusChunk is one chunk of a test article.
type corpusChunk struct {
	doc  string
	text string
}

// loadChunks chunks every article in the given testdata directories the way
// ingestion does (text.Chunks with the default options).
func loadChunks(tb testing.TB, dirs ...string) []corpusChunk {
	tb.Helper()
	var out []corpusChunk
	for _, dir := range dirs {
		files, err := filepath.Glob(filepath.Join("..", "..", "testdata", dir, "*.txt"))
		if err != nil {
			tb.Fatal(err)
		}
		if len(files) == 0 {
			tb.Fatalf("no articles in testdata/%s", dir)
		}
		slices.Sort(files)
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				tb.Fatal(err)
			}
			doc := strings.ReplaceAll(string(b), "\r\n", "\n")
			for _, sp := range text.Chunks(doc, text.DefaultChunkOptions) {
				out = append(out, corpusChunk{doc: filepath.Base(f), text: text.Substring(doc, sp.Start, sp.End)})
			}
		}
	}
	return out
}

func dot(a, b []float32) float64 {
	var s float64
	for i := range a {
		s += float64(a[i]) * float64(b[i])
	}
	return s
}

func norm(v []float32) float64 { return math.Sqrt(dot(v, v)) }

func embedOne(t *testing.T, e *Local, s string) []float32 {
	t.Helper()
	v, err := e.Embed(context.Background(), []string{s}, rag.ForQuery)
	if err != nil {
		t.Fatalf("Embed: %v", err)
	}
	return v[0]
}

const sampleUrdu = "روس اور پاکستان کے درمیان سفارتی تعلقات یکم مئی 1948 کو نیو یارک میں قائم ہوئے۔"

func TestLocalNameAndDimension(t *testing.T) {
	for _, tc := range []struct {
		opts     []LocalOption
		wantDim  int
		wantName string
	}{
		{nil, DefaultLocalDimension, "local-v1-1024"},
		{[]LocalOption{WithDimension(384)}, 384, "local-v1-384"},
		{[]LocalOption{WithDimension(1)}, 16, "local-v1-16"},
	} {
		e := NewLocal(tc.opts...)
		if got := e.Dimension(); got != tc.wantDim {
			t.Errorf("Dimension = %d, want %d", got, tc.wantDim)
		}
		if got := e.Name(); got != tc.wantName {
			t.Errorf("Name = %q, want %q", got, tc.wantName)
		}
		if got := len(embedOne(t, e, sampleUrdu)); got != tc.wantDim {
			t.Errorf("len(vector) = %d, want %d", got, tc.wantDim)
		}
	}
}

func TestLocalDeterministicUnitLength(t *testing.T) {
	e := NewLocal()
	in := []string{sampleUrdu, "Pakistan and Russia signed a gas pipeline deal.", "کےمطابق", "x"}
	a, err := e.Embed(context.Background(), in, rag.ForPassage)
	if err != nil {
		t.Fatal(err)
	}
	b, err := NewLocal().Embed(context.Background(), slices.Clone(in), rag.ForQuery)
	if err != nil {
		t.Fatal(err)
	}
	for i := range in {
		if !slices.Equal(a[i], b[i]) {
			t.Errorf("text %d: two embedders gave different vectors", i)
		}
		if n := norm(a[i]); math.Abs(n-1) > 1e-5 {
			t.Errorf("text %d: |v| = %v, want 1", i, n)
		}
	}
}

// TestLocalGolden pins the vector of one sentence. If it fails, the features or
// the hashing changed: bump localVersion, so that indexes built with the old
// vectors are rebuilt rather than silently searched with new ones, and update
// the numbers here.
func TestLocalGolden(t *testing.T) {
	v := embedOne(t, NewLocal(), sampleUrdu)
	var nz, idxSum int
	var abs float64
	for i, x := range v {
		if x != 0 {
			nz++
			idxSum += i
			abs += math.Abs(float64(x))
		}
	}
	const wantNZ, wantIdxSum, wantAbs = 89, 46549, 9.40929
	if nz != wantNZ || idxSum != wantIdxSum || math.Abs(abs-wantAbs) > 1e-4 {
		t.Errorf("got %d non-zero coordinates, index sum %d, L1 norm %.5f; want %d, %d, %.5f",
			nz, idxSum, abs, wantNZ, wantIdxSum, wantAbs)
	}
}

func TestLocalEmptyText(t *testing.T) {
	e := NewLocal()
	for _, s := range []string{"", "   ", "۔۔ ؟!", "\n"} {
		v := embedOne(t, e, s)
		for _, x := range v {
			if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
				t.Fatalf("Embed(%q) has %v", s, x)
			}
		}
		if n := norm(v); math.Abs(n-1) > 1e-5 {
			t.Errorf("Embed(%q): |v| = %v, want 1 (a zero vector would turn into NaN in stores that normalise)", s, n)
		}
	}
	if !slices.Equal(embedOne(t, e, ""), embedOne(t, e, "۔")) {
		t.Error("empty and punctuation-only texts should share the one empty vector")
	}
}

func TestLocalStopwordOnlyQuery(t *testing.T) {
	e := NewLocal()
	a, b := embedOne(t, e, "کیا ہے"), embedOne(t, e, "کے لیے")
	if slices.Equal(a, b) {
		t.Error("two different stopword-only texts got the same vector")
	}
}

// TestLocalArabicCodePoints: Urdu typed on an Arabic keyboard (ي ك ه), with
// diacritics or with Arabic-Indic digits, must land where the Urdu form does.
func TestLocalArabicCodePoints(t *testing.T) {
	e := NewLocal()
	urdu := embedOne(t, e, sampleUrdu)
	arabic := strings.NewReplacer("ی", "ي", "ک", "ك", "ہ", "ه").Replace(sampleUrdu)
	if arabic == sampleUrdu {
		t.Fatal("replacement changed nothing")
	}
	for name, variant := range map[string]string{
		"arabic letters": arabic,
		"diacritics":     strings.Replace(sampleUrdu, "سفارتی", "سِفارتی", 1),
		"urdu digits":    strings.Replace(sampleUrdu, "1948", "۱۹۴۸", 1),
	} {
		if c := dot(urdu, embedOne(t, e, variant)); c < 0.99 {
			t.Errorf("%s: cosine with the Urdu form = %.4f, want > 0.99", name, c)
		}
	}
}

// TestLocalGluedAndSplitWords: character n-grams keep a glued or split spelling
// close to the proper one, closer than an unrelated sentence.
func TestLocalGluedAndSplitWords(t *testing.T) {
	e := NewLocal()
	for _, tc := range []struct{ proper, variant, other string }{
		{"رپورٹ کے مطابق جنرل پرویز مشرف نے دورہ کیا", "رپورٹ کےمطابق جنر ل پرویز مشرف نے دورہ کیا", "کرکٹ ٹیم نے میچ جیت لیا"},
		{"سوویت یونین کے سفارت خانوں نے کام شروع کردیا", "سوویت یونین کے سفارتخانوں نے کام شروع کر دیا", "بجلی کی قیمتوں میں اضافہ ہو گیا"},
	} {
		p := embedOne(t, e, tc.proper)
		v := embedOne(t, e, tc.variant)
		o := embedOne(t, e, tc.other)
		if pv, po := dot(p, v), dot(p, o); pv < 0.7 || pv <= po {
			t.Errorf("%q vs %q: cosine %.3f (unrelated %.3f), want > 0.7 and above unrelated", tc.proper, tc.variant, pv, po)
		}
	}
}

// TestLocalRealQuestions asks questions a reader might type, in words that differ
// from the article's, and wants the chunk that answers them ranked first among
// all chunks of the Pakistan–Russia articles.
func TestLocalRealQuestions(t *testing.T) {
	chunks := loadChunks(t, "pk-ru")
	e := NewLocal()
	passages := make([]string, len(chunks))
	for i, c := range chunks {
		passages[i] = c.text
	}
	vecs, err := e.Embed(context.Background(), passages, rag.ForPassage)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		question string
		answer   string // a phrase of the chunk that answers
	}{
		{"کیا پاکستان میں سپتنک ویکسین رجسٹر ہو گئی ہے؟", "سپتنک 5 ویکسین کو پاکستان میں رجسٹرڈ"},
		{"شمال جنوب گیس پائپ لائن پر کتنی لاگت آئے گی؟", "2 ارب ڈالر لاگت"},
		{"یکم مئی 1948 کو کیا ہوا تھا؟", "یکم مئی 1948"},
		{"روس اور پاکستان کے سفارتی تعلقات کب قائم ہوئے", "یکم مئی 1948"},
		{"كراچي ميں نئي اسٹيل مل", "نئی اسٹیل مل"}, // typed with Arabic letters
		{"داعش کا بڑھتا خطرہ انسداد دہشت گردی گروپ", "داعش کے بڑھتے ہوئے خطرے"},
		{"عمران خان کا دورہ ماسکو اور پوتن سے ملاقات", "عمران خان کا دورہ ماسکو"},
	} {
		t.Run(tc.question, func(t *testing.T) {
			q := embedOne(t, e, tc.question)
			best, bestScore := -1, math.Inf(-1)
			for i, v := range vecs {
				if s := dot(q, v); s > bestScore {
					best, bestScore = i, s
				}
			}
			if !strings.Contains(chunks[best].text, tc.answer) {
				t.Errorf("top chunk (%s, cosine %.3f) does not contain %q:\n%s", chunks[best].doc, bestScore, tc.answer, chunks[best].text)
			}
		})
	}
}

func TestLocalCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, n := range []int{1, 1000} {
		if _, err := NewLocal().Embed(ctx, make([]string, n), rag.ForPassage); !errors.Is(err, context.Canceled) {
			t.Errorf("Embed of %d texts with a cancelled context: err = %v, want context.Canceled", n, err)
		}
	}
}

// TestLocalParallelMatchesSerial: splitting a large batch over goroutines must
// not change any vector.
func TestLocalParallelMatchesSerial(t *testing.T) {
	chunks := loadChunks(t, "pk-ru")
	var in []string
	for len(in) < 300 {
		for _, c := range chunks {
			in = append(in, c.text+" "+strconv.Itoa(len(in)))
		}
	}
	e := NewLocal()
	batch, err := e.Embed(context.Background(), in, rag.ForPassage)
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range in {
		if !slices.Equal(batch[i], embedOne(t, e, s)) {
			t.Fatalf("text %d: batch vector differs from the single-text vector", i)
		}
	}
}

// BenchmarkLocalEmbed embeds every chunk of testdata (pk-ru and urdu-news,
// about 2,100 chunks of up to 600 runes, 1.8 MB) in one call, which uses all
// GOMAXPROCS cores; run with -cpu 1 for the speed of one core.
func BenchmarkLocalEmbed(b *testing.B) {
	chunks := loadChunks(b, "pk-ru", "urdu-news")
	in := make([]string, len(chunks))
	var bytes int64
	for i, c := range chunks {
		in[i] = c.text
		bytes += int64(len(c.text))
	}
	for _, d := range []int{512, 768, 1024} {
		e := NewLocal(WithDimension(d))
		b.Run(e.Name(), func(b *testing.B) {
			b.SetBytes(bytes)
			b.ReportAllocs()
			b.ReportMetric(float64(len(in)), "chunks/op")
			for b.Loop() {
				if _, err := e.Embed(context.Background(), in, rag.ForPassage); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
