package text

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// sentenceTexts returns the text of each sentence of s.
func sentenceTexts(s string) []string {
	rs := []rune(s)
	var out []string
	for _, sp := range Sentences(s) {
		out = append(out, string(rs[sp.Start:sp.End]))
	}
	return out
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{
			"urdu full stops",
			"روس اور پاکستان کے درمیان تعلقات قائم ہوئے۔ اس کے بعد سفارت خانوں نے کام شروع کیا۔",
			[]string{"روس اور پاکستان کے درمیان تعلقات قائم ہوئے۔", "اس کے بعد سفارت خانوں نے کام شروع کیا۔"},
		},
		{
			"glued after full stop",
			"سفارت خانوں نے کام شروع کردیا۔سرد جنگ کے دور کی بین الاقوامی سیاست",
			[]string{"سفارت خانوں نے کام شروع کردیا۔", "سرد جنگ کے دور کی بین الاقوامی سیاست"},
		},
		{
			"doubled full stop",
			"دستخط بھی ہوئے۔۔سابق وزیر اعظم پاکستان عمران خان نے ملاقات کی۔",
			[]string{"دستخط بھی ہوئے۔۔", "سابق وزیر اعظم پاکستان عمران خان نے ملاقات کی۔"},
		},
		{
			"space before full stop",
			"عزم کا اظہار کیا ۔تاہم انہوں نے ذکر نہیں کیا",
			[]string{"عزم کا اظہار کیا ۔", "تاہم انہوں نے ذکر نہیں کیا"},
		},
		{
			"urdu question mark",
			"کیا روس تیل دے گا؟ ہاں، معاہدہ ہو گیا۔",
			[]string{"کیا روس تیل دے گا؟", "ہاں، معاہدہ ہو گیا۔"},
		},
		{
			"english abbreviations, decimals and dates",
			"The U.S. sent 2.2 million doses on 12.05.2023. Then prices rose 3.5% in the U.K. and Dr. Khan spoke.",
			[]string{"The U.S. sent 2.2 million doses on 12.05.2023.", "Then prices rose 3.5% in the U.K. and Dr. Khan spoke."},
		},
		{
			"e.g., initials and No. before a number",
			"Cities, e.g. Lahore, grew. J. Smith won No. 5 today. He said no. Then left.",
			[]string{"Cities, e.g. Lahore, grew.", "J. Smith won No. 5 today.", "He said no.", "Then left."},
		},
		{
			"domain names",
			"Read it on dawn.com today. More at www.jang.com.pk/news now!",
			[]string{"Read it on dawn.com today.", "More at www.jang.com.pk/news now!"},
		},
		{
			"terminator runs",
			"Wait... what?! Yes.",
			[]string{"Wait...", "what?!", "Yes."},
		},
		{
			"emoji question mark",
			"کیا آپ جانتے ہیں?️ پاکستان اور روس کے تعلقات",
			[]string{"کیا آپ جانتے ہیں?️ پاکستان اور روس کے تعلقات"},
		},
		{
			"emoji question mark on its own line",
			"خبریں\n?️\nمزید خبریں",
			[]string{"خبریں", "?️", "مزید خبریں"},
		},
		{
			"closing quote belongs to the sentence",
			"انہوں نے کہا \"ہم تیار ہیں۔\" اس کے بعد اجلاس ختم ہوا۔",
			[]string{"انہوں نے کہا \"ہم تیار ہیں۔\"", "اس کے بعد اجلاس ختم ہوا۔"},
		},
		{
			"closing guillemet and bracket",
			"«کیا یہ درست ہے؟» (جی ہاں۔) ٹھیک ہے",
			[]string{"«کیا یہ درست ہے؟»", "(جی ہاں۔)", "ٹھیک ہے"},
		},
		{
			"straight quote glued to the next sentence opens it",
			"اجلاس ختم ہوا۔\"ہم تیار ہیں\" انہوں نے کہا",
			[]string{"اجلاس ختم ہوا۔", "\"ہم تیار ہیں\" انہوں نے کہا"},
		},
		{
			"rupees abbreviation",
			"The price is Rs. 500 per litre. Rs.200 more next month.",
			[]string{"The price is Rs. 500 per litre.", "Rs.200 more next month."},
		},
		{
			"curly quotes in english",
			"He said, “We are ready.” Talks began.",
			[]string{"He said, “We are ready.”", "Talks began."},
		},
		{
			"line breaks end sentences",
			"اسلام آباد\n\nروس کا دورہ مکمل ہوا۔ وزیر واپس آ گئے\nاگلی خبر",
			[]string{"اسلام آباد", "روس کا دورہ مکمل ہوا۔", "وزیر واپس آ گئے", "اگلی خبر"},
		},
		{
			"CRLF",
			"پہلی سطر\r\nدوسری سطر۔\r\n\r\n",
			[]string{"پہلی سطر", "دوسری سطر۔"},
		},
		{
			"word-less fragment joins the sentence before",
			"پہلا جملہ۔ ۔ دوسرا جملہ",
			[]string{"پہلا جملہ۔ ۔", "دوسرا جملہ"},
		},
		{
			"word-less fragment at the start joins the next",
			"۔ پہلا جملہ",
			[]string{"۔ پہلا جملہ"},
		},
		{
			"separator line stands alone",
			"پہلا\n* * *\nدوسرا",
			[]string{"پہلا", "* * *", "دوسرا"},
		},
		{"only punctuation", " ۔۔ ", []string{"۔۔"}},
		{"BOM and spaces trimmed", "\uFEFF  خبر۔  ", []string{"خبر۔"}},
		{"no terminator", "صرف ایک جملہ", []string{"صرف ایک جملہ"}},
		{"whitespace only", " \r\n\t ", nil},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := sentenceTexts(tt.in)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Sentences(%q):\n got %q\nwant %q", tt.in, got, tt.want)
			}
			checkSentences(t, tt.in)
		})
	}
}

// TestSentencesOffsets pins the offsets themselves: runes, not bytes, and
// counted in the string as given (with its \r).
func TestSentencesOffsets(t *testing.T) {
	in := "پہلی سطر\r\nدوسری۔ Third."
	want := []Span{{0, 8}, {10, 16}, {17, 23}}
	if got := Sentences(in); !slices.Equal(got, want) {
		t.Errorf("Sentences(%q) = %v, want %v", in, got, want)
	}
}

func TestSentencesCorpus(t *testing.T) {
	for _, f := range corpusFiles(t) {
		checkSentences(t, readFile(t, f))
	}
}

// checkSentences asserts the invariants of Sentences on s: spans in range,
// non-empty, trimmed, in order, non-overlapping, and covering every
// non-whitespace rune.
func checkSentences(t *testing.T, s string) {
	t.Helper()
	rs := []rune(s)
	spans := Sentences(s)
	prevEnd := 0
	for i, sp := range spans {
		if sp.Start < prevEnd || sp.Start >= sp.End || sp.End > len(rs) {
			t.Fatalf("Sentences(%q): span %d %v invalid after end %d (len %d)", s, i, sp, prevEnd, len(rs))
		}
		if isSpace(rs[sp.Start]) || isSpace(rs[sp.End-1]) {
			t.Fatalf("Sentences(%q): span %d %q not trimmed", s, i, string(rs[sp.Start:sp.End]))
		}
		for k := prevEnd; k < sp.Start; k++ {
			if !isSpace(rs[k]) {
				t.Fatalf("Sentences(%q): rune %d %q is in no sentence", s, k, rs[k])
			}
		}
		// Substring walks s from the start; checking a few spans keeps the
		// helper linear on long articles.
		if utf8.ValidString(s) && (i < 3 || i == len(spans)-1) {
			if got, want := Substring(s, sp.Start, sp.End), string(rs[sp.Start:sp.End]); got != want {
				t.Fatalf("Substring(%q, %d, %d) = %q, want %q", s, sp.Start, sp.End, got, want)
			}
		}
		prevEnd = sp.End
	}
	for k := prevEnd; k < len(rs); k++ {
		if !isSpace(rs[k]) {
			t.Fatalf("Sentences(%q): rune %d %q is in no sentence", s, k, rs[k])
		}
	}
}

func TestSubstring(t *testing.T) {
	s := "روس Russia"
	tests := []struct {
		start, end int
		want       string
	}{
		{0, 3, "روس"},
		{4, 10, "Russia"},
		{2, 6, "س Ru"},
		{-5, 2, "رو"},
		{8, 100, "ia"},
		{11, 20, ""},
		{5, 5, ""},
		{6, 3, ""},
		{0, 10, s},
	}
	for _, tt := range tests {
		if got := Substring(s, tt.start, tt.end); got != tt.want {
			t.Errorf("Substring(%q, %d, %d) = %q, want %q", s, tt.start, tt.end, got, tt.want)
		}
	}
}

func TestShorten(t *testing.T) {
	tests := []struct {
		name string
		in   string
		max  int
		want string
	}{
		{"fits", "روس اور پاکستان", 15, "روس اور پاکستان"},
		{"cut at word boundary", "روس اور پاکستان کے درمیان", 12, "روس اور…"},
		{"cut exactly before a space", "روس اور پاکستان", 8, "روس اور…"},
		{"english", "The quick brown fox", 12, "The quick…"},
		{"single long word cut hard", "abcdefghijklmnop", 6, "abcde…"},
		{"boundary too early, cut hard", "a bcdefghijklmnop", 8, "a bcdef…"},
		{"max 1", "abc", 1, "…"},
		{"max 0", "abc", 0, ""},
		{"empty", "", 5, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Shorten(tt.in, tt.max)
			if got != tt.want {
				t.Errorf("Shorten(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
			}
			if n := utf8.RuneCountInString(got); n > max(tt.max, 0) {
				t.Errorf("Shorten(%q, %d) has %d runes, want at most %d", tt.in, tt.max, n, tt.max)
			}
			if got != tt.in && !strings.HasSuffix(got, "…") && tt.max > 0 {
				t.Errorf("Shorten(%q, %d) = %q cut without …", tt.in, tt.max, got)
			}
		})
	}
}

func TestByteOffsets(t *testing.T) {
	s := "aروس b"
	off := ByteOffsets(s)
	if len(off) != 7 || off[1] != 1 || off[2] != 3 || off[6] != len(s) || s[off[1]:off[4]] != "روس" {
		t.Errorf("ByteOffsets(%q) = %v", s, off)
	}
}

func TestByteCursor(t *testing.T) {
	s := "روس، Pakistan اور 2021۔"
	want := ByteOffsets(s)
	at := ByteCursor(s)
	// forward, repeated, backward, and to the end
	for _, r := range []int{0, 3, 3, 5, 12, 4, 0, len(want) - 1, 7} {
		if got := at(r); got != want[r] {
			t.Errorf("byte offset of rune %d = %d, want %d", r, got, want[r])
		}
	}
}
