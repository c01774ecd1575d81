package rag

import (
	"os"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/jawab/jawab/text"
)

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
