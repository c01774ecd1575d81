package rag

import (
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/jawab/jawab/text"
)

// markerSeeds are the awkward marker shapes of the table tests.
var markerSeeds = []string{
	"",
	"روس نے پاکستان کو کورونا ویکسین کی پچاس ہزار ڈوز دیں [1]۔",
	"دیں[1]۔ [1, 3] [1,3] [1][2] [۱، ۲] [١٢] [2-4] [2 – 4] [[1]] [see [1]]",
	"[a] [note] [2023 report] [] [1,] [1 2] [-1] [4-2] [1-30] [99999999999999999999] [1",
	"[1](https://example.com) ![1](a.png) [see [1]](u/[2]) [report][1] `x[1]` ``a ` [1]`` \\[1]",
	"```\nx[1]\n```\n[1\n] [\u200F۲\u200F] [[[1]]] [a](u)[1] [1](see",
	"Russia gave Pakistan 50,000 doses [1]. [7] and [0].\n[1][3]\nNext [2]۔",
	"[[7]1] [ [7] 1] x[[7]]y [a][[1]] [[1,2]] [1][[7]](x) [a][7][1] [a] [7][1] [[7][8]2]",
}

func FuzzParseMarkers(f *testing.F) {
	for _, s := range markerSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ms := ParseMarkers(s)
		checkMarkers(t, s, ms)
		// A marker means the same on its own: context only ever makes
		// brackets not a marker (a link, a reference label, code).
		for _, m := range ms {
			alone := ParseMarkers(s[m.Start:m.End])
			if len(alone) != 1 || alone[0].Start != 0 || alone[0].End != m.End-m.Start || !reflect.DeepEqual(alone[0].Ns, m.Ns) {
				t.Fatalf("ParseMarkers(%q) found %v, but ParseMarkers(%q) = %v", s, m, s[m.Start:m.End], alone)
			}
		}
	})
}

func FuzzCheckCitations(f *testing.F) {
	b, err := os.ReadFile("../testdata/pk-ru/003_8428cc202e15d8d9.txt")
	if err != nil {
		f.Fatal(err)
	}
	article := string(b)
	rs := []rune(article)
	excerpt := string(rs[len(rs)-1200:]) // the vaccine and pipeline sentences
	docs := []string{
		excerpt,
		"روس نے کورونا ویکسین کی پچاس ہزار ڈوز پاکستان کو فراہم کیں۔ پاکستان اور روس نے گیس پائپ لائن پر اتفاق کیا۔",
		"The U.S. sent 2.2 million doses on 12.05.2023. Then...\n\nRussia sent 50,000.",
		"\xff\xfe invalid ۔ bytes. [1] in a passage ١٢٣.",
		"",
	}
	for _, a := range markerSeeds {
		for _, d := range docs {
			f.Add(a, d, uint16(300), uint16(200), uint16(900))
		}
	}
	f.Fuzz(func(t *testing.T, answer, doc string, x, y, z uint16) {
		n := utf8.RuneCountInString(doc)
		cut := func(v uint16) int { return int(v) % (n + 1) }
		a, b, c := cut(x), cut(y), cut(z)
		if b > c {
			b, c = c, b
		}
		// Passage 1 starts the document, 2 is from its middle (possibly
		// empty or overlapping 1), 3 is all of it.
		var ps []Passage
		for i, sp := range []text.Span{{Start: 0, End: a}, {Start: b, End: c}, {Start: 0, End: n}} {
			ps = append(ps, Passage{N: i + 1, ChunkID: "c" + strconv.Itoa(i), DocID: "d", Start: sp.Start, End: sp.End,
				Text: text.Substring(doc, sp.Start, sp.End)})
		}
		k := int(x % 4) // vary how many passages there are, none included
		ps = ps[:min(k, len(ps))]

		out, cs, _ := CheckCitations(answer, ps)
		if !utf8.ValidString(out) {
			t.Fatalf("CheckCitations(%q) text %q is not valid UTF-8", answer, out)
		}
		for _, m := range ParseMarkers(out) {
			if len(m.Ns) != 1 || m.Ns[0] < 1 || m.Ns[0] > len(ps) || out[m.Start:m.End] != "["+strconv.Itoa(m.Ns[0])+"]" {
				t.Fatalf("CheckCitations(%q) = %q has marker %q, want [n] with 1 ≤ n ≤ %d", answer, out, out[m.Start:m.End], len(ps))
			}
		}
		for _, cit := range cs {
			if cit.N < 1 || cit.N > len(ps) {
				t.Fatalf("citation [%d] with %d passages", cit.N, len(ps))
			}
			p := ps[cit.N-1]
			if cit.ChunkID != p.ChunkID {
				t.Fatalf("citation [%d] chunk %q, want %q", cit.N, cit.ChunkID, p.ChunkID)
			}
			pn := utf8.RuneCountInString(p.Text)
			if cit.Start > cit.End || cit.Start < p.Start || cit.End > p.Start+pn {
				t.Fatalf("citation [%d] span [%d, %d) outside passage [%d, %d)", cit.N, cit.Start, cit.End, p.Start, p.Start+pn)
			}
			if got := text.Substring(p.Text, cit.Start-p.Start, cit.End-p.Start); got != cit.Quote {
				t.Fatalf("citation [%d] quote %q, passage span %q", cit.N, cit.Quote, got)
			}
			if got := text.Substring(doc, cit.Start, cit.End); got != cit.Quote {
				t.Fatalf("citation [%d] quote %q, document span %q", cit.N, cit.Quote, got)
			}
		}
		again, _, ws := CheckCitations(out, ps)
		if again != out {
			t.Fatalf("CheckCitations not idempotent: %q → %q → %q", answer, out, again)
		}
		for _, w := range ws {
			if strings.Contains(w, "points to no passage") {
				t.Fatalf("CheckCitations(%q) = %q, which still has a dropped number: %s", answer, out, w)
			}
		}
	})
}
