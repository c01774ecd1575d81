package text

import (
	"reflect"
	"slices"
	"testing"
)

func TestNumbersIn(t *testing.T) {
	tests := []struct {
		in   string
		want []string // keys
	}{
		{"پچاس ہزار", []string{"50000"}},
		{"50,000", []string{"50000"}},
		{"۵۰٬۰۰۰", []string{"50000"}},
		{"50 ہزار", []string{"50000"}},
		{"fifty thousand", []string{"50000"}},
		{"ایک لاکھ", []string{"100000"}},
		{"ڈیڑھ لاکھ", []string{"150000"}},
		{"ایک لاکھ پچاس ہزار", []string{"150000"}},
		{"1 لاکھ 50 ہزار", []string{"150000"}},
		{"ایک لاکھ 2015 میں", []string{"100000", "2015"}},
		{"سوا لاکھ", []string{"125000"}},
		{"ساڑھے تین سو", []string{"350"}},
		{"پونے دو ارب", []string{"1750000000"}},
		{"ایک سو پچاس", []string{"150"}},
		{"two hundred and fifty", []string{"250"}},
		{"twenty five", []string{"25"}},
		{"1.5 million", []string{"1500000"}},
		{"15 لاکھ", []string{"1500000"}},
		{"790 ملین ڈالر", []string{"790000000"}},
		{"79 کروڑ", []string{"790000000"}},
		{"0.79 billion", []string{"790000000"}},
		{"دو ہزار اکیس", []string{"2021"}},
		{"a million", []string{"1000000"}},
		{"ہزار افراد", []string{"1000"}},
		{"تین دن", []string{"3"}},
		{"40 فیصد", []string{"40"}},
		{"3.5%", []string{"3.5"}},
		{"12.05.2023", []string{"12.05.2023"}},
		{"2018,2019", []string{"2018", "2019"}},
		{"2015 50", []string{"2015", "50"}},
		// Ambiguous words alone are words.
		{"ایک بیان", nil},
		{"دو طرفہ تعلقات", nil},
		{"نو منتخب", nil},
		{"بہتر تعلقات", nil},
		{"سو افراد", nil},
		{"one of them", nil},
		{"سوا", nil},
		{"covid 19", []string{"19"}},
		// Arabic letters and digits typed for Urdu ones: Tokens folds them.
		{"پچاس هزار", []string{"50000"}},
		{"٥٠ ہزار", []string{"50000"}},
		{"ايک لاكھ", []string{"100000"}},
		{"تریسٹھ افراد", []string{"63"}},
		{"ترسٹھ افراد", []string{"63"}},
		{"چھے ماہ", []string{"6"}},
		{"تین ٹریلین", []string{"3e+12"}},
		{"5 lakhs", []string{"500000"}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			nums, _ := Numbers(Tokens(tt.in), false)
			var got []string
			for _, n := range nums {
				got = append(got, n.Key)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("numbers in %q = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestNumberWordsFolded guards the number words against spellings that
// Tokens would change (an Arabic ي, a capital letter): they could never
// match.
func TestNumberWordsFolded(t *testing.T) {
	for w := range numberWords {
		if toks := Tokens(w); len(toks) != 1 || toks[0] != w {
			t.Errorf("number word %q tokenises to %q, want itself", w, toks)
		}
	}
	seen := map[string]bool{}
	if len(urduUnits) != 100 {
		t.Errorf("%d urduUnits, want 100", len(urduUnits))
	}
	for v, w := range urduUnits {
		if w == "" || seen[w] {
			t.Errorf("urduUnits[%d] = %q is empty or repeated", v, w)
		}
		seen[w] = true
	}
	for w, v := range urduUnitVariants {
		if seen[w] || urduUnits[v] == w {
			t.Errorf("variant %q of %d is also in urduUnits", w, v)
		}
	}
}

func TestEnglishNumberWord(t *testing.T) {
	for word, want := range map[string]int{"zero": 0, "eight": 8, "nineteen": 19, "twenty": 20, "ninety": 90} {
		if got, ok := EnglishNumberWord(word); !ok || got != want {
			t.Errorf("EnglishNumberWord(%q) = %d, %v; want %d", word, got, ok, want)
		}
	}
	for _, word := range []string{"", "hundred", "eighth", "آٹھ", "ten-fold"} {
		if got, ok := EnglishNumberWord(word); ok {
			t.Errorf("EnglishNumberWord(%q) = %d, want no number", word, got)
		}
	}
}

func TestEnglishNumberWords(t *testing.T) {
	words := EnglishNumberWords()
	for _, w := range []string{"one", "nineteen", "twenty", "ninety", "hundred", "thousand", "million", "crore"} {
		if !slices.Contains(words, w) {
			t.Errorf("EnglishNumberWords() lacks %q", w)
		}
	}
	for _, w := range words {
		if _, ok := EnglishNumberWord(w); !ok {
			if _, ok := Scale(w); !ok {
				t.Errorf("%q is neither a number word nor a scale", w)
			}
		}
	}
}
