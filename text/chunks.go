package text

import (
	"unicode"
	"unicode/utf8"
)

// ChunkOptions sizes chunks in runes.
type ChunkOptions struct {
	// MaxRunes bounds a chunk's length in runes. A sentence longer than
	// MaxRunes is itself split at whitespace (at a hard offset when it has
	// none), so the bound always holds. Values < 1 mean the default.
	MaxRunes int
	// OverlapSentences is how many trailing sentences of a chunk are repeated
	// at the start of the next, so that an answer straddling a boundary is
	// still retrievable in one piece. The overlap shrinks (down to none) when
	// it would push the next chunk past MaxRunes. Negative means 0.
	OverlapSentences int
}

// DefaultChunkOptions is tuned on the Urdu news sample in testdata: its
// sentences run a median 108 runes (mean 162, 90th percentile 251), so 600
// runes hold three to five sentences: enough context for an answer, and
// short enough to fit a 512-token embedding window with room to spare (an
// estimate for multilingual subword tokenizers; no tokenizer is in the repo
// to measure it). One sentence of overlap
// keeps an answer that straddles a boundary retrievable from one chunk, at
// 13% more chunks than no overlap (2152 against 1907 on the sample).
var DefaultChunkOptions = ChunkOptions{MaxRunes: 600, OverlapSentences: 1}

// Chunks groups the sentences of s (see [Sentences]) into sentence-aligned
// chunks of at most opt.MaxRunes runes, returned as rune spans of s.
//
// Guarantees, all checked by the fuzz test: spans are within
// [0, runeCount(s)], Start < End, in order; every non-whitespace rune of s is
// inside some chunk; no chunk exceeds MaxRunes; consecutive chunks share at
// most opt.OverlapSentences sentences (or pieces of an over-long sentence).
//
// Chunks are packed greedily, which would leave a tiny last chunk whenever the
// text's final sentences just miss the previous chunk. Merging that tail back
// can never fit (that is why greedy packing stopped), so instead the boundary
// between the last two chunks is moved earlier until they are balanced:
// a 20-rune tail chunk embeds poorly and wins retrieval for the wrong reasons.
func Chunks(s string, opt ChunkOptions) []Span {
	if opt.MaxRunes < 1 {
		opt.MaxRunes = DefaultChunkOptions.MaxRunes
	}
	if opt.OverlapSentences < 0 {
		opt.OverlapSentences = 0
	}
	rs := []rune(s)
	units := splitLong(rs, sentenceSpans(rs), opt.MaxRunes)
	return pack(units, opt)
}

// splitLong splits every span longer than limit runes into pieces at
// whitespace, so that each unit fits in a chunk on its own.
func splitLong(rs []rune, spans []Span, limit int) []Span {
	long := false
	for _, sp := range spans {
		if sp.End-sp.Start > limit {
			long = true
			break
		}
	}
	if !long {
		return spans
	}
	out := make([]Span, 0, len(spans)+8)
	for _, sp := range spans {
		p := sp.Start
		for sp.End-p > limit {
			lim := p + limit
			cut := lastBreak(rs, p, lim)
			if cut < 0 {
				// No whitespace: cut hard, but not between a letter and its
				// combining marks (unless the window is nearly all marks,
				// when backing off would make no progress).
				cut = lim
				lower := p + max(1, limit/2)
				for cut > lower && unicode.IsMark(rs[cut]) {
					cut--
				}
				if unicode.IsMark(rs[cut]) {
					cut = lim
				}
			}
			end := cut
			for end > p && isSpace(rs[end-1]) {
				end--
			}
			out = append(out, Span{p, end})
			p = cut
			for p < sp.End && isSpace(rs[p]) {
				p++
			}
		}
		if p < sp.End {
			out = append(out, Span{p, sp.End})
		}
	}
	return out
}

// lastBreak returns where to end a piece of an over-long sentence that starts
// at p and may reach lim (rs[lim] exists): at the last whitespace, or -1 if
// there is none. A double space in the second half of the window is
// preferred: some Urdu sources strip the full stops and leave two spaces
// where they were, so that is the likeliest hidden sentence boundary.
func lastBreak(rs []rune, p, lim int) int {
	mid := p + (lim-p)/2
	cut := -1
	for k := lim; k > p; k-- {
		if !isSpace(rs[k]) {
			continue
		}
		if k > mid && isSpace(rs[k-1]) {
			for k > p+1 && isSpace(rs[k-1]) {
				k-- // to the start of the run of spaces
			}
			return k
		}
		if cut < 0 {
			cut = k
		}
		if k <= mid {
			break
		}
	}
	return cut
}

// pack groups units (each at most opt.MaxRunes long) into chunks.
func pack(units []Span, opt ChunkOptions) []Span {
	n := len(units)
	if n == 0 {
		return nil
	}
	limit := opt.MaxRunes
	// overlap returns how many units before b the chunk starting after
	// [a, b) may repeat while still reaching units[last] within limit.
	overlap := func(a, b, last int) int {
		ov := min(opt.OverlapSentences, b-a-1)
		for ov > 0 && units[last].End-units[b-ov].Start > limit {
			ov--
		}
		return ov
	}
	type group struct{ a, b int } // units [a, b)
	var groups []group
	for a := 0; ; {
		b := a + 1
		for b < n && units[b].End-units[a].Start <= limit {
			b++
		}
		groups = append(groups, group{a, b})
		if b == n {
			break
		}
		a = b - overlap(a, b, b)
	}

	// Rebalance a tiny tail: move the boundary between the last two groups
	// earlier while the last group still fits, keeping the split that
	// maximises the shorter of the two.
	if g := len(groups); g >= 2 {
		prev := groups[g-2]
		tail := units[n-1].End - units[prev.b].Start
		if tail < limit/4 {
			bestK, best := prev.b, -1
			for k := prev.b; k > prev.a+1; k-- {
				if units[n-1].End-units[k].Start > limit {
					break
				}
				ov := overlap(prev.a, k, n-1)
				left := units[k-1].End - units[prev.a].Start
				right := units[n-1].End - units[k-ov].Start
				if m := min(left, right); m > best {
					bestK, best = k, m
				}
			}
			k := bestK
			groups[g-2].b = k
			groups[g-1].a = k - overlap(prev.a, k, n-1)
		}
	}

	out := make([]Span, len(groups))
	for i, gr := range groups {
		out[i] = Span{units[gr.a].Start, units[gr.b-1].End}
	}
	return out
}

// Shorten returns s cut to at most max runes at a word boundary, with "…"
// appended when it was cut (the "…" counts toward max). It is for previews
// and log lines, so it prefers a whole word but will not throw away more than
// half of the room to find one: a single very long token is cut mid-word.
// It reads at most max+1 runes of s.
func Shorten(s string, max int) string {
	if max <= 0 {
		return ""
	}
	// keep is the byte offset of rune max-1: the text before it leaves room
	// for the "…". Reaching rune max means s is too long.
	keep, n := 0, 0
	for i := range s {
		if n == max-1 {
			keep = i
		}
		if n == max {
			return shortenAt(s, keep, max)
		}
		n++
	}
	return s
}

func shortenAt(s string, keep, max int) string {
	head := s[:keep]
	end := len(head)
	// When the cut falls inside a word, back up to the last whitespace if
	// that keeps at least half of the room.
	if r, _ := utf8.DecodeRuneInString(s[keep:]); !isSpace(r) {
		for i := len(head); i > 0; {
			r, size := utf8.DecodeLastRuneInString(head[:i])
			i -= size
			if isSpace(r) {
				if utf8.RuneCountInString(head[:i]) >= (max-1)/2 {
					end = i
				}
				break
			}
		}
	}
	for end > 0 {
		r, size := utf8.DecodeLastRuneInString(head[:end])
		if !isSpace(r) {
			break
		}
		end -= size
	}
	return head[:end] + "…"
}
