package translit

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzMatcher: no input panics, scores stay in [MinScore, 1], at most
// three matches come back, and Candidates and ToLatin return valid UTF-8.
func FuzzMatcher(f *testing.F) {
	for _, s := range []string{"lavrov", "ماسکو", "wazir-e-azam", "Imran Khan ne Moscow ka daura kab kiya?", "aaaa", "ssssshhhh", "x", "é", "کے", "\xff", "اسلام آباد"} {
		f.Add(s)
	}
	m := NewMatcher([]Word{
		{"ماسکو", 10}, {"لاوروف", 3}, {"اسلام", 5}, {"آباد", 5}, {"کے", 100},
		{"moscow", 2}, {"lavrov", 1}, {"سال", 40}, {"اسلام آباد", 4},
	})
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 256 {
			// Questions are short, and TestLongInput covers long ones: long
			// inputs only make each run, and the engine's minimising of a
			// new input, slow enough to outlast CI's fuzz time.
			return
		}
		for _, ms := range [][]Match{m.Names(s), m.Transliterate(s)} {
			if len(ms) > maxMatches {
				t.Errorf("%q: %d matches, want at most %d", s, len(ms), maxMatches)
			}
			for _, x := range ms {
				if x.Score < MinScore-1e-9 || x.Score > 1 {
					t.Errorf("%q: score %v outside [MinScore, 1]", s, x.Score)
				}
			}
		}
		for _, term := range m.RomanUrdu(s) {
			for _, x := range term.Urdu {
				if x.Score <= 0 || x.Score > 1 {
					t.Errorf("%q: RomanUrdu score %v outside (0, 1]", s, x.Score)
				}
			}
		}
		if sc := RomanUrduScore(s); sc < 0 || sc > 1 {
			t.Errorf("RomanUrduScore(%q) = %v, outside [0, 1]", s, sc)
		}
		for _, c := range Candidates(s) {
			if !utf8.ValidString(c) {
				t.Errorf("Candidates(%q) has invalid %q", s, c)
			}
		}
		if l := ToLatin(s); utf8.ValidString(s) && !utf8.ValidString(l) {
			t.Errorf("ToLatin(%q) = %q, invalid UTF-8", s, l)
		}
	})
}

// TestLongInput: a very long "word" is not a name, and is dismissed fast
// (the split search would otherwise be quadratic in its length).
func TestLongInput(t *testing.T) {
	m := realMatcher(t)
	long := strings.Repeat("lavrov", 2000)
	if got := m.Names(long); got != nil {
		t.Errorf("Names(12000 letters) = %v, want nil", got)
	}
	if got := m.Names(strings.Repeat("ماسکو", 2000)); got != nil {
		t.Errorf("Names(10000 Urdu letters) = %v, want nil", got)
	}
	terms := m.RomanUrdu(long + " " + long)
	if len(terms) != 2 || terms[0].Urdu != nil {
		t.Errorf("RomanUrdu(two long words) = %d terms, want 2 with no Urdu", len(terms))
	}
	if got := Candidates(long); got != nil {
		t.Errorf("Candidates(long) = %d spellings, want nil", len(got))
	}
}
