package text

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// fuzzSeeds are real corpus lines plus the awkward cases the table tests pin.
func fuzzSeeds(f *testing.F) []string {
	f.Helper()
	seeds := []string{
		"",
		"کردیا۔سرد جنگ",
		"ہوئے۔۔سابق وزیر",
		"5نومبر2018کو",
		"The U.S. sent 2.2 million doses on 12.05.2023. Then...",
		"کیا آپ جانتے ہیں?️ پاکستان",
		"پہلی سطر\r\nدوسری سطر۔\r\n",
		"گی\u0654ے پاكستان ﻻ ۲۰۱۸ ٢٠١٨ نیو\u200Cیارک\u200D\uFEFFـ",
		"e\u0640\u0301 ه\u0654",
		"50,000 ۵۰٬۰۰۰ 2٫5 1,000.50",
		"«کیا یہ درست ہے؟» (جی ہاں۔)",
		"\xff\xfe invalid ۔ bytes.",
	}
	// A few lines of each real article.
	for _, file := range corpusFiles(f)[:8] {
		s := readFile(f, file)
		for i, line := range strings.Split(s, "\n") {
			if i >= 3 {
				break
			}
			seeds = append(seeds, line)
		}
	}
	return seeds
}

func FuzzNormalize(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalize(s)
		if !utf8.ValidString(n) {
			t.Fatalf("Normalize(%+q) = %+q, invalid UTF-8", s, n)
		}
		if again := Normalize(n); again != n {
			t.Fatalf("Normalize not idempotent: Normalize(%+q) = %+q, Normalize of that = %+q", s, n, again)
		}
		fo := Fold(s)
		if again := Fold(fo); again != fo {
			t.Fatalf("Fold not idempotent: Fold(%+q) = %+q, Fold of that = %+q", s, fo, again)
		}
		if utf8.ValidString(s) {
			// The piecewise NFKC shortcut must agree with norm itself.
			if got, want := nfkc(s), norm.NFKC.String(s); got != want {
				t.Fatalf("nfkc(%+q) = %+q, want %+q", s, got, want)
			}
			if got, want := isNFKC(s), norm.NFKC.IsNormalString(s); got != want {
				t.Fatalf("isNFKC(%+q) = %v, want %v", s, got, want)
			}
			for _, r := range n {
				if needsRewrite(r) || r == 0x200C || r == 0x0654 {
					t.Fatalf("Normalize(%+q) = %+q still contains %U", s, n, r)
				}
			}
		}
	})
}

func FuzzTokens(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkTokens(t, s)
		for _, tok := range Tokens(s) {
			if !utf8.ValidString(tok) {
				t.Fatalf("Tokens(%+q): token %+q invalid UTF-8", s, tok)
			}
		}
		for _, tok := range ContentTokens(s) {
			if IsStopword(tok) {
				t.Fatalf("ContentTokens(%+q) kept stopword %q", s, tok)
			}
		}
		// The followers are ContentTokens' words', one each, and each a
		// stopword's number or none.
		words, next := ContentTokensFollowed(s)
		if !slices.Equal(words, ContentTokens(s)) || len(next) != len(words) {
			t.Fatalf("ContentTokensFollowed(%+q) = %q, %v; ContentTokens %q", s, words, next, ContentTokens(s))
		}
		for _, id := range next {
			if int(id) > len(stopwordIDs) {
				t.Fatalf("ContentTokensFollowed(%+q): follower %d is no stopword", s, id)
			}
		}
	})
}

func FuzzSentences(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkSentences(t, s)
	})
}

func FuzzChunks(f *testing.F) {
	for i, s := range fuzzSeeds(f) {
		f.Add(s, uint16(10+i*7), uint8(i%3))
	}
	f.Add(strings.Repeat("ب", 25), uint16(10), uint8(1))
	f.Fuzz(func(t *testing.T, s string, maxRunes uint16, overlap uint8) {
		// Keep sizes small so that short fuzz inputs span several chunks.
		opt := ChunkOptions{MaxRunes: int(maxRunes % 200), OverlapSentences: int(overlap % 4)}
		checkChunks(t, s, opt)
		if utf8.ValidString(s) {
			if got := Shorten(s, opt.MaxRunes); utf8.RuneCountInString(got) > max(opt.MaxRunes, 0) || !utf8.ValidString(got) {
				t.Fatalf("Shorten(%+q, %d) = %+q", s, opt.MaxRunes, got)
			}
		}
	})
}
