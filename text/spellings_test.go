package text

import (
	"slices"
	"testing"
)

// The spellings one letter apart: a weak letter swapped, more or fewer, a
// confusable consonant swapped, a consonant doubled or written once; not a
// letter of another sound.
func TestSpellingsOneApart(t *testing.T) {
	if got := SpellingsOneApart("فارماسسٹس"); !slices.Contains(got, "فارماسٹس") {
		t.Errorf("spellings of فارماسسٹس lack فارماسٹس")
	}
	if got := SpellingsOneApart("فارماسٹس"); !slices.Contains(got, "فارماسسٹس") {
		t.Errorf("spellings of فارماسٹس lack فارماسسٹس")
	}
	for word, want := range map[string]string{"میانمر": "میانمار", "لاوروف": "لاروف", "سانگلا": "سانگلہ", "مصطفیٰ": "مسطفیٰ", "ماریشس": "موریشس"} {
		if !slices.Contains(SpellingsOneApart(word), want) {
			t.Errorf("spellings of %s lack %s", word, want)
		}
	}
	if slices.Contains(SpellingsOneApart("نیپاہ"), "نیپال") {
		t.Error("نیپاہ is spelled نیپال: ہ and ل are no one sound")
	}
}

// Every spelling one letter apart is another word of one letter more,
// fewer or swapped, whatever the input.
func FuzzSpellingsOneApart(f *testing.F) {
	for _, s := range []string{"فارماسسٹس", "میانمر", "نیپاہ", "ab", "", "ااااا", "ٹٹٹٹٹٹ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, word string) {
		n := len([]rune(word))
		for _, s := range SpellingsOneApart(word) {
			m := len([]rune(s))
			if s == word || m < n-1 || m > n+1 {
				t.Fatalf("SpellingsOneApart(%q) holds %q", word, s)
			}
		}
	})
}
