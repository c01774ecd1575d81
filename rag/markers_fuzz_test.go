package rag

import (
	"reflect"
	"testing"
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
