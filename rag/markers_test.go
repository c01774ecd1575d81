package rag

import (
	"math"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

func TestParseMarkers(t *testing.T) {
	maxInt := strconv.Itoa(math.MaxInt)
	type m = Marker
	tests := []struct {
		name string
		in   string
		want []Marker
	}{
		{"single", "روس [1]۔", []m{{7, 10, []int{1}}}},
		{"glued to a word", "دیں[1]۔", []m{{6, 9, []int{1}}}},
		{"comma and space", "a [1, 3].", []m{{2, 8, []int{1, 3}}}},
		{"comma without space", "a [1,3]", []m{{2, 7, []int{1, 3}}}},
		{"semicolon", "[1; 2]", []m{{0, 6, []int{1, 2}}}},
		{"adjacent markers are two", "[1][2]", []m{{0, 3, []int{1}}, {3, 6, []int{2}}}},
		{"urdu comma and digits", "[۱، ۲]", []m{{0, len("[۱، ۲]"), []int{1, 2}}}},
		{"urdu comma without space", "[۱،۲]", []m{{0, len("[۱،۲]"), []int{1, 2}}}},
		{"arabic-indic digits", "[١٢]", []m{{0, len("[١٢]"), []int{12}}}},
		{"mixed digits", "[1, ٢, ۳]", []m{{0, len("[1, ٢, ۳]"), []int{1, 2, 3}}}},
		{"spaces inside", "[ 2 ]", []m{{0, 5, []int{2}}}},
		{"bidi marks inside", "[\u200F۲\u200F]", []m{{0, len("[\u200F۲\u200F]"), []int{2}}}},
		{"range", "[2-4]", []m{{0, 5, []int{2, 3, 4}}}},
		{"range with en dash and spaces", "[2 – 4]", []m{{0, len("[2 – 4]"), []int{2, 3, 4}}}},
		{"range in a list", "[1, 3-4]", []m{{0, 8, []int{1, 3, 4}}}},
		{"repeats dropped", "[2, 2, 1-2]", []m{{0, 11, []int{2, 1}}}},
		{"zero is a marker", "[0]", []m{{0, 3, []int{0}}}},
		{"out of range numbers are markers", "[7]", []m{{0, 3, []int{7}}}},
		{"leading zeros", "[01]", []m{{0, 4, []int{1}}}},
		{"largest int", "[" + maxInt + "]", []m{{0, len(maxInt) + 2, []int{math.MaxInt}}}},
		{"doubled brackets are one marker", "x [[1]] y", []m{{2, 7, []int{1}}}},
		{"tripled brackets", "[[[1]]]", []m{{0, 7, []int{1}}}},
		{"marker inside other brackets", "[see [1]]", []m{{5, 8, []int{1}}}},
		{"unclosed before a marker", "[a [1]", []m{{3, 6, []int{1}}}},
		{"marker before a parenthesis with space", "[1] (AP)", []m{{0, 3, []int{1}}}},
		{"several", "A [1]. B [2, 3].\nC [۴]", []m{{2, 5, []int{1}}, {9, 15, []int{2, 3}}, {19, 19 + len("[۴]"), []int{4}}}},
		{"unclosed link destination", "[1](see", []m{{0, 3, []int{1}}}},
		{"unclosed code span", "`x [1]", []m{{3, 6, []int{1}}}},
		{"marker after a link", "[a](u)[1]", []m{{6, 9, []int{1}}}},
		{"marker after brackets with space", "[a] [1]", []m{{4, 7, []int{1}}}},
		{"markers after a marker", "[1][2][3]", []m{{0, 3, []int{1}}, {3, 6, []int{2}}, {6, 9, []int{3}}}},

		{"word", "[a]", nil},
		{"note", "see [note]", nil},
		{"number and words", "the [2023 report] says", nil},
		{"empty", "[]", nil},
		{"spaces only", "[ ]", nil},
		{"trailing separator", "[1,]", nil},
		{"leading separator", "[,1]", nil},
		{"space separated", "[1 2]", nil},
		{"negative", "[-1]", nil},
		{"backwards range", "[4-2]", nil},
		{"range too wide", "[1-30]", nil},
		{"too many numbers", "[" + strings.Repeat("1,", 20) + "1]", nil},
		{"range of huge numbers", "[" + maxInt + "-" + maxInt + "]", []m{{0, 2*len(maxInt) + 3, []int{math.MaxInt}}}},
		{"number too big", "[99999999999999999999]", nil},
		{"number too big in a list", "[1, 99999999999999999999]", nil},
		{"unclosed", "[1", nil},
		{"unclosed then text", "[1 and more", nil},
		{"only closed", "1]", nil},
		{"decimal", "[1.5]", nil},
		{"footnote", "[^1]", nil},
		{"escaped", `\[1]`, nil},
		{"link", "[1](https://example.com)", nil},
		{"image", "![1](a.png)", nil},
		{"marker in link text", "[see [1]](https://example.com/[2])", nil},
		{"link with parentheses in destination", "[1](https://x/a_(b)) [2]", []m{{21, 24, []int{2}}}},
		{"reference link", "[report][1]", nil},
		{"reference label in doubled brackets", "[a][[1]]", []m{{4, 7, []int{1}}}},
		{"dropped marker joins brackets", "[[7]1]", []m{{1, 4, []int{7}}}},
		{"code span", "use `x[1]` here", nil},
		{"double backtick code span", "``a ` [1]``", nil},
		{"fenced code", "```\nx[1]\n```", nil},
		{"brackets across lines", "[1\n]", nil},
		{"full-width brackets", "【1】", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ParseMarkers(tt.in)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ParseMarkers(%q) = %v, want %v", tt.in, got, tt.want)
			}
			checkMarkers(t, tt.in, got)
		})
	}
}

// checkMarkers asserts what every ParseMarkers result must satisfy.
func checkMarkers(t *testing.T, s string, ms []Marker) {
	t.Helper()
	prevEnd := 0
	for i, m := range ms {
		if m.Start < prevEnd || m.End <= m.Start || m.End > len(s) {
			t.Fatalf("ParseMarkers(%q): marker %d %v out of bounds or overlapping (previous ends at %d)", s, i, m, prevEnd)
		}
		if s[m.Start] != '[' || s[m.End-1] != ']' {
			t.Fatalf("ParseMarkers(%q): marker %d %q is not in brackets", s, i, s[m.Start:m.End])
		}
		if len(m.Ns) == 0 || len(m.Ns) > maxMarkerNumbers {
			t.Fatalf("ParseMarkers(%q): marker %d has %d numbers", s, i, len(m.Ns))
		}
		seen := map[int]bool{}
		for _, n := range m.Ns {
			if n < 0 || seen[n] {
				t.Fatalf("ParseMarkers(%q): marker %d numbers %v negative or repeated", s, i, m.Ns)
			}
			seen[n] = true
		}
		prevEnd = m.End
	}
}
