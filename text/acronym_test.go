package text

import (
	"slices"
	"strings"
	"testing"
)

func TestIsAcronym(t *testing.T) {
	for w, want := range map[string]bool{
		"LNG": true, "KSE": true, "SOPs": true, "(SCO)": true, "G20": false, "PTI,": true, "UNESCO": true,
		"NADRA": true, "B2B": true, "Lavrov": false, "McDonald": false, "YouTube": false, "PAKISTAN": false,
		"A": false, "Is": false, "s": false, "COVID19": false, "ایس": false,
	} {
		if got := IsAcronym(w); got != want {
			t.Errorf("IsAcronym(%q) = %v, want %v", w, got, want)
		}
	}
}

// TestSpelledAcronymsInContentTokens: an acronym spelled out in Urdu letter
// names is also one word, the one English and Latin-lettered Urdu write, so
// that a question about PTI finds "پی ٹی آئی" and not every "آئی" ("came").
func TestSpelledAcronymsInContentTokens(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"پی ٹی آئی نے احتجاج کیا", "پی ٹی آئی pti احتجاج"},
		// The last کے after two letters or more is "of": PDM's meeting.
		{"پی ڈی ایم کے اجلاس میں", "پی ڈی ایم pdm اجلاس"},
		// A first کے may be K or "of": both readings.
		{"کے ایس ای 100 انڈیکس", "ایس ای kse se 100 انڈیکس"},
		{"پولیس کے آئی جی نے کہا", "پولیس آئی جی kig ig کہا"},
		// Two names of which one is کے spell nothing: "of C".
		{"اس کے سی ای او", "سی ای او kceo ceo"},
		{"ان کے سی", "سی"},
		// An acronym that is an English stopword is not added: "us", "so".
		{"یو ایس اوپن", "یو ایس اوپن"},
		{"پشاور بی آر ٹی", "پشاور بی آر ٹی brt"},
		// Arabic letter forms fold to the same names.
		{"سى این جى", "سی این جی cng"},
		// A lone name is a word.
		{"وہ گھر آئی", "گھر آئی"},
		{"برطانیہ بی بی سی کے مطابق", "برطانیہ بی بی سی bbc"},
		// Six letters may be two acronyms: the sponsor's and the league's.
		{"ایچ بی ایل پی ایس ایل 6", "ایچ بی ایل پی ایس ایل hblpsl hbl psl 6"},
	} {
		got := strings.Join(ContentTokens(c.in), " ")
		if want := strings.Join(Tokens(c.want), " "); got != want {
			t.Errorf("ContentTokens(%q) = %q, want %q", c.in, got, want)
		}
		// AcronymWords is what ContentTokens adds to the tokens.
		var added []string
		for _, w := range ContentTokens(c.in) {
			if !slices.Contains(Tokens(c.in), w) {
				added = append(added, w)
			}
		}
		if got := AcronymWords(Tokens(c.in)); !slices.Equal(got, added) {
			t.Errorf("AcronymWords(%q) = %q, want %q", c.in, got, added)
		}
	}
}

func TestLetterOf(t *testing.T) {
	for name, want := range map[string]rune{"پی": 'P', "ڈبلیو": 'W', "آئی": 'I', "کے": 'K'} {
		if got, ok := LetterOf(Fold(name)); !ok || got != want {
			t.Errorf("LetterOf(%q) = %q, %v; want %q", name, got, ok, want)
		}
	}
	for _, w := range []string{"پاکستان", "pti", ""} {
		if _, ok := LetterOf(w); ok {
			t.Errorf("LetterOf(%q) is a letter", w)
		}
	}
}

func TestSpelledAcronyms(t *testing.T) {
	got := SpelledAcronyms("کے ایس ای 100 انڈیکس، پی ٹی آئی کے ارکان اور ایچ بی ایل پی ایس ایل")
	want := [][]string{{"kse", "se"}, {"pti"}, {"hblpsl", "hbl", "psl"}}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("SpelledAcronyms = %q, want %q", got, want)
	}
	if got := SpelledAcronyms("وہ گھر آئی اور پانی پی لیا"); len(got) != 0 {
		t.Errorf("SpelledAcronyms of no acronym = %q, want none", got)
	}
}
