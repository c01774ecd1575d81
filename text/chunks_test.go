package text

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// checkChunks asserts the guarantees documented on Chunks.
func checkChunks(t *testing.T, s string, opt ChunkOptions) []Span {
	t.Helper()
	rs := []rune(s)
	chunks := Chunks(s, opt)
	limit := opt.MaxRunes
	if limit < 1 {
		limit = DefaultChunkOptions.MaxRunes
	}
	ov := max(opt.OverlapSentences, 0)
	sents := Sentences(s)
	covered := 0 // runes [0, covered) are in some chunk or are whitespace
	for i, c := range chunks {
		if c.Start < 0 || c.Start >= c.End || c.End > len(rs) {
			t.Fatalf("chunk %d %v out of range [0, %d]", i, c, len(rs))
		}
		if n := c.End - c.Start; n > limit {
			t.Fatalf("chunk %d %v has %d runes, want at most %d", i, c, n, limit)
		}
		if i > 0 {
			p := chunks[i-1]
			if c.Start <= p.Start || c.End <= p.End {
				t.Fatalf("chunk %d %v not after chunk %d %v", i, c, i-1, p)
			}
			if c.Start < p.End {
				// Count the sentences the shared region touches.
				shared := 0
				for _, sp := range sents {
					if sp.Start < p.End && sp.End > c.Start {
						shared++
					}
				}
				if shared > ov {
					t.Fatalf("chunks %d and %d share %d sentences, want at most %d", i-1, i, shared, ov)
				}
			}
		}
		for k := covered; k < c.Start; k++ {
			if !isSpace(rs[k]) {
				t.Fatalf("rune %d %q is in no chunk", k, rs[k])
			}
		}
		covered = max(covered, c.End)
	}
	for k := covered; k < len(rs); k++ {
		if !isSpace(rs[k]) {
			t.Fatalf("rune %d %q is in no chunk", k, rs[k])
		}
	}
	return chunks
}

func TestChunksCorpus(t *testing.T) {
	files, err := filepath.Glob("../testdata/pk-ru/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no pk-ru files: %v", err)
	}
	opts := []ChunkOptions{
		DefaultChunkOptions,
		{MaxRunes: 100, OverlapSentences: 0},
		{MaxRunes: 250, OverlapSentences: 1},
		{MaxRunes: 400, OverlapSentences: 2},
		{MaxRunes: 1000, OverlapSentences: 1},
		{MaxRunes: 30, OverlapSentences: 1}, // smaller than most sentences
	}
	for _, f := range files {
		s := readFile(t, f)
		for _, opt := range opts {
			t.Run(fmt.Sprintf("%s/%d-%d", filepath.Base(f), opt.MaxRunes, opt.OverlapSentences), func(t *testing.T) {
				chunks := checkChunks(t, s, opt)
				if len(chunks) < 2 {
					t.Fatalf("got %d chunks of a %d-rune article, want several", len(chunks), len([]rune(s)))
				}
				overlapping := 0
				for i := 1; i < len(chunks); i++ {
					if chunks[i].Start < chunks[i-1].End {
						overlapping++
					}
				}
				if opt.OverlapSentences == 0 && overlapping > 0 {
					t.Errorf("got %d overlapping chunk pairs with OverlapSentences 0, want none", overlapping)
				}
				if opt.OverlapSentences > 0 && opt.MaxRunes >= 250 && overlapping == 0 {
					t.Errorf("got no overlapping chunks with OverlapSentences %d, want some", opt.OverlapSentences)
				}
			})
		}
	}
}

// TestChunksSentenceAligned checks that, when every sentence fits, chunks
// start and end on sentence boundaries.
func TestChunksSentenceAligned(t *testing.T) {
	s := readFile(t, "../testdata/pk-ru/000_c226a50e9c4de795.txt")
	starts, ends := map[int]bool{}, map[int]bool{}
	for _, sp := range Sentences(s) {
		starts[sp.Start], ends[sp.End] = true, true
	}
	for _, c := range checkChunks(t, s, DefaultChunkOptions) {
		if !starts[c.Start] || !ends[c.End] {
			t.Errorf("chunk %v is not sentence-aligned", c)
		}
	}
}

func TestChunks(t *testing.T) {
	sentence := "روس اور پاکستان کے درمیان تعلقات قائم ہوئے۔" // 43 runes
	tests := []struct {
		name string
		in   string
		opt  ChunkOptions
		want []string
	}{
		{
			"short text is one trimmed chunk",
			"  " + sentence + " دوسرا۔\n",
			DefaultChunkOptions,
			[]string{sentence + " دوسرا۔"},
		},
		{
			"overlap repeats the last sentence",
			"ایک دو تین۔ چار پانچ چھ۔ سات آٹھ نو۔",
			ChunkOptions{MaxRunes: 25, OverlapSentences: 1},
			[]string{"ایک دو تین۔ چار پانچ چھ۔", "چار پانچ چھ۔ سات آٹھ نو۔"},
		},
		{
			"no overlap",
			"ایک دو تین۔ چار پانچ چھ۔ سات آٹھ نو۔",
			ChunkOptions{MaxRunes: 25, OverlapSentences: 0},
			[]string{"ایک دو تین۔ چار پانچ چھ۔", "سات آٹھ نو۔"},
		},
		{
			"overlap skipped when it would not fit",
			"ایک دو تین۔ چار پانچ چھ سات آٹھ۔",
			ChunkOptions{MaxRunes: 22, OverlapSentences: 1},
			[]string{"ایک دو تین۔", "چار پانچ چھ سات آٹھ۔"},
		},
		{
			"long sentence split at whitespace",
			"aaaa bbbb cccc dddd eeee",
			ChunkOptions{MaxRunes: 10, OverlapSentences: 0},
			[]string{"aaaa bbbb", "cccc dddd", "eeee"},
		},
		{
			"long sentence without whitespace split hard",
			strings.Repeat("ب", 25),
			ChunkOptions{MaxRunes: 10, OverlapSentences: 1},
			// A chunk that is a single piece has nothing to repeat.
			[]string{strings.Repeat("ب", 10), strings.Repeat("ب", 10), strings.Repeat("ب", 5)},
		},
		{
			"hard split keeps combining marks with their letter",
			"abcdefghi\u0301jk",
			ChunkOptions{MaxRunes: 9, OverlapSentences: 0},
			[]string{"abcdefgh", "i\u0301jk"},
		},
		{
			"zero options mean the default size",
			sentence,
			ChunkOptions{},
			[]string{sentence},
		},
		{"whitespace only", " \r\n ", DefaultChunkOptions, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkChunks(t, tt.in, tt.opt)
			rs := []rune(tt.in)
			var got []string
			for _, c := range Chunks(tt.in, tt.opt) {
				got = append(got, string(rs[c.Start:c.End]))
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") || len(got) != len(tt.want) {
				t.Errorf("Chunks:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// TestChunksNoTinyTail: greedy packing of nine 10-rune sentences into 50-rune
// chunks would give 4, 4 and one lonely sentence; the last boundary is moved
// so the final two chunks are balanced instead.
func TestChunksNoTinyTail(t *testing.T) {
	s := strings.TrimSpace(strings.Repeat("ابج دہو ز۔ ", 9))
	opt := ChunkOptions{MaxRunes: 50, OverlapSentences: 0}
	chunks := checkChunks(t, s, opt)
	last, prev := chunks[len(chunks)-1], chunks[len(chunks)-2]
	if n := last.End - last.Start; n < opt.MaxRunes/4 {
		t.Errorf("last chunk has %d runes (previous %d), want at least %d", n, prev.End-prev.Start, opt.MaxRunes/4)
	}
	if len(chunks) != 3 {
		t.Errorf("got %d chunks, want 3", len(chunks))
	}
}

func TestChunksPreferDoubleSpace(t *testing.T) {
	// A stop-stripped source: the two spaces mark a lost full stop.
	s := "ایران سے تیل کی خریداری ختم ہوگئی  تفصیلات کے مطابق ترکی شامل ہے"
	chunks := checkChunks(t, s, ChunkOptions{MaxRunes: 50})
	rs := []rune(s)
	if got, want := string(rs[chunks[0].Start:chunks[0].End]), "ایران سے تیل کی خریداری ختم ہوگئی"; got != want {
		t.Errorf("first chunk = %q, want %q", got, want)
	}
}
