package rag

import (
	"fmt"
	"strings"
	"testing"

	"github.com/jawab/jawab/text"
)

// threePassages are short passages in the style of the pk-ru articles, cut
// from one document.
func threePassages() (doc string, ps []Passage) {
	parts := []string{
		"روس نے کورونا ویکسین کی پچاس ہزار ڈوز پاکستان کو فراہم کیں۔",
		"پاکستان اور روس نے کراچی سے لاہور تک گیس پائپ لائن بنانے پر اتفاق کیا۔",
		"روسی وزیر خارجہ سرگئی لاوروف نو برس بعد اسلام آباد آئے۔",
	}
	doc = "تمہید کا جملہ۔ " + strings.Join(parts, " ")
	for i, p := range parts {
		byteStart := strings.Index(doc, p)
		start := len([]rune(doc[:byteStart]))
		ps = append(ps, Passage{N: i + 1, ChunkID: fmt.Sprintf("d#%d", i), DocID: "d", Title: "t", URL: "https://example.com/d",
			Start: start, End: start + len([]rune(p)), Text: p})
	}
	return doc, ps
}

func TestCheckCitationsRewrite(t *testing.T) {
	doc, ps := threePassages()
	vaccine := "روس نے پاکستان کو پچاس ہزار ڈوز ویکسین فراہم کی"
	pipeline := "کراچی سے لاہور تک گیس پائپ لائن بنے گی"
	tests := []struct {
		name     string
		in       string
		want     string
		cited    [][2]int // (sentence index, n) per citation, in order
		warnings []string // substrings, in order
	}{
		{
			name: "invented number dropped", in: vaccine + " [7]۔", want: vaccine + "۔",
			warnings: []string{"citation [7] points to no passage (3 given)", "uncited sentence"},
		},
		{
			name: "zero dropped", in: vaccine + " [0]۔", want: vaccine + "۔",
			warnings: []string{"citation [0] points to no passage", "uncited sentence"},
		},
		{
			name: "invented number dropped from a list", in: vaccine + " [1, 7]۔", want: vaccine + " [1]۔",
			cited: [][2]int{{0, 1}}, warnings: []string{"citation [7] points to no passage"},
		},
		{
			name: "dropped between words keeps one space", in: "روس [9] نے پاکستان کو پچاس ہزار ڈوز ویکسین فراہم کی [1]۔",
			want:  "روس نے پاکستان کو پچاس ہزار ڈوز ویکسین فراہم کی [1]۔",
			cited: [][2]int{{0, 1}}, warnings: []string{"citation [9]"},
		},
		{
			name: "dropped at the start of the answer", in: "[5] " + vaccine + " [1]۔", want: vaccine + " [1]۔",
			cited: [][2]int{{0, 1}}, warnings: []string{"citation [5]"},
		},
		{
			name: "dropped next to a kept one", in: vaccine + " [1] [4]۔", want: vaccine + " [1]۔",
			cited: [][2]int{{0, 1}}, warnings: []string{"citation [4]"},
		},
		{
			name: "two markers, two citations", in: vaccine + " اور " + pipeline + " [1][2]۔", want: vaccine + " اور " + pipeline + " [1][2]۔",
			cited: [][2]int{{0, 1}, {0, 2}},
		},
		{
			name: "list normalised", in: vaccine + " [1, 3]۔", want: vaccine + " [1][3]۔",
			cited: [][2]int{{0, 1}, {0, 3}},
		},
		{
			name: "urdu digits and comma normalised", in: vaccine + " [۱،۲]۔", want: vaccine + " [1][2]۔",
			cited: [][2]int{{0, 1}, {0, 2}},
		},
		{
			name: "range expanded", in: vaccine + " [1-3]۔", want: vaccine + " [1][2][3]۔",
			cited: [][2]int{{0, 1}, {0, 2}, {0, 3}},
		},
		{
			name: "doubled brackets", in: vaccine + " [[1]]۔", want: vaccine + " [1]۔",
			cited: [][2]int{{0, 1}},
		},
		{
			name: "repeated number cited once per sentence", in: "روس [1] نے پاکستان کو پچاس ہزار ڈوز ویکسین فراہم کی [1]۔",
			want:  "روس [1] نے پاکستان کو پچاس ہزار ڈوز ویکسین فراہم کی [1]۔",
			cited: [][2]int{{0, 1}},
		},
		{
			name: "marker at the end of each sentence", in: vaccine + " [1]۔ " + pipeline + " [2]۔",
			want:  vaccine + " [1]۔ " + pipeline + " [2]۔",
			cited: [][2]int{{0, 1}, {1, 2}},
		},
		{
			name: "marker after the full stop belongs to the sentence before", in: vaccine + "۔ [1] " + pipeline + "۔ [2]",
			want:  vaccine + "۔ [1] " + pipeline + "۔ [2]",
			cited: [][2]int{{0, 1}, {1, 2}},
		},
		{
			name: "marker at the start of the answer belongs to the first sentence", in: "[1] " + vaccine + "۔ " + pipeline + " [2]۔",
			want:  "[1] " + vaccine + "۔ " + pipeline + " [2]۔",
			cited: [][2]int{{0, 1}, {1, 2}},
		},
		{
			name: "marker at the start of a line belongs to its sentence", in: vaccine + " [1]۔\n[2] " + pipeline + "۔",
			want:  vaccine + " [1]۔\n[2] " + pipeline + "۔",
			cited: [][2]int{{0, 1}, {1, 2}},
		},
		{
			name: "markers on a line of their own", in: vaccine + "۔\n[1][3]\n" + pipeline + " [2]۔",
			want:  vaccine + "۔\n[1][3]\n" + pipeline + " [2]۔",
			cited: [][2]int{{0, 1}, {0, 3}, {2, 2}}, // the marker line is sentence 1
		},
		{
			name: "uncited sentence kept", in: "یہ ایک تمہید ہے۔ " + vaccine + " [1]۔",
			want:  "یہ ایک تمہید ہے۔ " + vaccine + " [1]۔",
			cited: [][2]int{{1, 1}}, warnings: []string{`uncited sentence: "یہ ایک تمہید ہے۔"`},
		},
		{
			name: "link is not a citation", in: vaccine + " [1](https://example.com)۔",
			want:     vaccine + " [1](https://example.com)۔",
			warnings: []string{"uncited sentence"},
		},
		{
			name: "invalid UTF-8 replaced", in: vaccine + " \xff [1]۔", want: vaccine + " \uFFFD [1]۔",
			cited: [][2]int{{0, 1}},
		},
		{
			name: "a dropped marker that joins brackets into a new one", in: vaccine + " [[7]1]۔", want: vaccine + " [1]۔",
			cited: [][2]int{{0, 1}}, warnings: []string{"citation [7]"},
		},
		{name: "empty answer", in: "", want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, cs, ws := CheckCitations(tt.in, ps)
			checkQuotes(t, map[string]string{"d": doc}, cs)
			if got != tt.want {
				t.Errorf("text:\n got %q\nwant %q", got, tt.want)
			}
			// Which sentence each citation is for: citeUnits is what
			// CheckCitations used, and yields citations in unit order.
			var cited [][2]int
			for i, u := range citeUnits(got, text.Sentences(got), ParseMarkers(got)) {
				for _, n := range u.ns {
					cited = append(cited, [2]int{i, n})
				}
			}
			if fmt.Sprint(cited) != fmt.Sprint(tt.cited) {
				t.Errorf("cited (sentence, n) = %v, want %v", cited, tt.cited)
			}
			if len(cs) != len(cited) {
				t.Errorf("got %d citations, want %d", len(cs), len(cited))
			} else {
				for i, c := range cs {
					if c.N != cited[i][1] {
						t.Errorf("citation %d is [%d], want [%d]", i, c.N, cited[i][1])
					}
				}
			}
			if len(ws) != len(tt.warnings) {
				t.Errorf("warnings = %q, want %d matching %q", ws, len(tt.warnings), tt.warnings)
			} else {
				for i, w := range tt.warnings {
					if !strings.Contains(ws[i], w) {
						t.Errorf("warning %d = %q, want it to contain %q", i, ws[i], w)
					}
				}
			}
			// The rewrite is a fixed point.
			again, _, ws2 := CheckCitations(got, ps)
			if again != got {
				t.Errorf("CheckCitations not idempotent: %q → %q", got, again)
			}
			for _, w := range ws2 {
				if strings.Contains(w, "points to no passage") {
					t.Errorf("second pass warns %q", w)
				}
			}
		})
	}
}
