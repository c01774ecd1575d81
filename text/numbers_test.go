package text

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestReadNumber(t *testing.T) {
	tests := []struct {
		in    string
		want  float64
		n     int
		found bool
	}{
		{"پچاس ہزار ڈوز", 50000, 2, true},
		{"12 لاکھ بیرل", 1200000, 2, true},
		{"۱۲ لاکھ بیرل", 1200000, 2, true},
		{"دو لاکھ پچاس ہزار", 250000, 4, true},
		{"40 فیصد", 40, 1, true},
		{"1948 کو", 1948, 1, true},
		{"اکیاون ممالک", 51, 1, true},
		{"پانچ سو", 500, 2, true},
		{"3 million barrels", 3e6, 2, true},
		{"١٢ لاكھ بیرل", 1200000, 2, true}, // Arabic-Indic digits, Arabic kaf
		{"تریسٹھ افراد", 63, 1, true},
		{"ترسٹھ افراد", 63, 1, true}, // the other spelling
		{"5 lakhs", 5e5, 2, true},
		{"2 ٹریلین روپے", 2e12, 2, true},
		// A scale's smaller part in digits, as news writes figures.
		{"25 لاکھ 51 ہزار اموات", 2551000, 4, true},
		{"25لاکھ 49ہزار", 2549000, 4, true},
		{"4 ہزار 468 افراد", 4468, 3, true},
		{"13ہزار 76تک", 13076, 3, true},
		{"ایک کروڑ52 لاکھ افراد", 15200000, 4, true},
		{"2 ہزار 2021 میں", 2000, 2, true}, // a year is no part of 2,000
		{"5 ہزار 30 ہزار", 5000, 2, true},  // a larger part is another number
		// Decimals, alone and with a scale; a date written with dots is none.
		{"شرح 9.4 فیصد", 0, 0, false},
		{"9.4 فیصد", 9.4, 1, true},
		{"۹٫۴ فیصد", 9.4, 1, true}, // Urdu digits, the Arabic decimal separator
		{"159.2 ملین ڈالر", 159.2e6, 2, true},
		{"1.5 ارب ڈالر", 1.5e9, 2, true},
		{"12.05.2023 کو", 0, 0, false},
		// Fractions and the modifiers of halves and quarters.
		{"ساڑھے تین لاکھ افراد", 350000, 3, true},
		{"ساڑھے نو فیصد", 9.5, 2, true},
		{"سوا لاکھ روپے", 125000, 2, true},
		{"پونے دو ارب", 1.75e9, 3, true},
		{"ڈیڑھ لاکھ", 150000, 2, true},
		{"ساڑھے 4 ہزار", 4500, 3, true},
		{"ساڑھے میں", 0, 0, false},
		{"ایک لاکھ ساڑھے تین ہزار روپے", 103500, 5, true},
		{"2 لاکھ سوا 3 ہزار", 203250, 5, true},
		// Short unit words are common words too: not numbers alone.
		{"اسی سال روس نے پابندی اٹھا لی", 0, 0, false}, // that same year, not 80
		{"بہتر تعلقات", 0, 0, false},                   // better, not 72
		{"اسی ہزار افراد", 80000, 2, true},             // before a scale it is one
		{"چار سدہ میں حملہ", 0, 0, false},              // a place (Charsadda), not 4
		{"دو ملکوں", 0, 0, false},
		{"نو منتخب", 0, 0, false},
		{"یکم مئی", 0, 0, false},
		{"روس", 0, 0, false},
	}
	for _, tt := range tests {
		v, n, ok := ReadNumber(Tokens(tt.in), 0)
		if ok != tt.found || v != tt.want || n != tt.n {
			t.Errorf("ReadNumber(%q) = %v, %d, %v; want %v, %d, %v", tt.in, v, n, ok, tt.want, tt.n, tt.found)
		}
	}
}

// A figure with an English scale, as Urdu news writes it in digits.
func TestUrduFigures(t *testing.T) {
	tests := map[float64][]string{
		500e6:   {"50 کروڑ"},
		671e6:   {"67 کروڑ 10 لاکھ", "67.1 کروڑ"},
		1.5e9:   {"1 ارب 50 کروڑ", "1.5 ارب"},
		23e9:    {"23 ارب"},
		100000:  {"1 لاکھ"},
		2.5e6:   {"25 لاکھ"},
		58000:   {"58 ہزار"},
		58500:   {"58 ہزار 500", "58.5 ہزار"},
		1.3e12:  {"1300 ارب"},
		999:     nil,
		1234567: nil, // not a whole number of any scale's smaller part
	}
	for v, want := range tests {
		if got := UrduFigures(v); !slices.Equal(got, want) {
			t.Errorf("UrduFigures(%v) = %q, want %q", v, got, want)
		}
		// What it writes, ReadNumber reads back (the decimal form aside,
		// which Urdu news seldom writes and Tokens keeps as one token).
		for _, f := range UrduFigures(v) {
			if strings.Contains(f, ".") {
				continue
			}
			if got, n, ok := ReadNumber(Tokens(f), 0); !ok || got != v || n != len(Tokens(f)) {
				t.Errorf("ReadNumber(%q) = %v, %d, %v; want %v", f, got, n, ok, v)
			}
		}
	}
}

func TestSpellUrdu(t *testing.T) {
	tests := map[int64]string{
		50000: "پچاس ہزار", 1200000: "بارہ لاکھ", 250000: "دو لاکھ پچاس ہزار",
		80: "اسی", 1948: "ایک ہزار نو سو اڑتالیس", 30000000: "تین کروڑ", -1: "",
	}
	for n, want := range tests {
		if got := SpellUrdu(n); got != want {
			t.Errorf("SpellUrdu(%d) = %q, want %q", n, got, want)
		}
		// What SpellUrdu writes, ReadNumber reads back, but for a lone word
		// that is a common word too ("اسی", eighty or "that same").
		if want != "" && n >= 11 && !ambiguousUnits[want] {
			if v, _, ok := ReadNumber(Tokens(want), 0); !ok || v != float64(n) {
				t.Errorf("ReadNumber(SpellUrdu(%d)) = %v, %v", n, v, ok)
			}
		}
	}
}

func TestFormatNumber(t *testing.T) {
	for v, want := range map[float64]string{1200000: "1,200,000", 40: "40", 1948: "1,948", 2.5: "2.5", -50000: "-50,000", 33023.8: "33,023.8", -1119.22: "-1,119.22"} {
		if got := FormatNumber(v); got != want {
			t.Errorf("FormatNumber(%v) = %q, want %q", v, got, want)
		}
	}
}

func TestMonth(t *testing.T) {
	for name, want := range map[string]time.Month{"مئی": 5, "May": 5, "JULY": 7, "جولائی": 7, "ڈسمبر": 12, "sept": 9} {
		if m, ok := Month(name); !ok || m != want {
			t.Errorf("Month(%q) = %v, %v; want %v", name, m, ok, want)
		}
	}
	if _, ok := Month("روس"); ok {
		t.Error("Month(روس) is not a month")
	}
	if UrduMonth(5) != "مئی" || UrduMonth(13) != "" {
		t.Errorf("UrduMonth(5) = %q, UrduMonth(13) = %q", UrduMonth(5), UrduMonth(13))
	}
	if !IsUrduMonth("مئی") || IsUrduMonth("may") {
		t.Error("IsUrduMonth: مئی is, may is not")
	}
}
