package translit

import (
	"slices"
	"testing"
	"unicode/utf8"
)

func TestCandidates(t *testing.T) {
	// The article's spelling is among the first few rule-based spellings.
	for _, c := range []struct {
		latin string
		want  string
		top   int
	}{
		{"karachi", "کراچی", 3},
		{"lavrov", "لاوروف", 3},
		{"sputnik", "سپتنک", 3},
		{"putin", "پوتن", 5},
		{"qureshi", "قریشی", 1},
		{"medvedev", "میدویدیف", 1},
		{"gazprom", "گازپروم", 3},
		{"khan", "خان", 2},
		{"overchuk", "اوورچک", 8},
		{"bilawal", "بلاول", 8},
		{"tijarat", "تجارت", 8},
		{"saal", "سال", 1},
	} {
		got := Candidates(c.latin)
		i := slices.Index(got, c.want)
		if i < 0 || i >= c.top {
			t.Errorf("Candidates(%q) = %v, want %s among the first %d", c.latin, got, c.want, c.top)
		}
		if len(got) > maxCandidates {
			t.Errorf("Candidates(%q) returned %d, want at most %d", c.latin, len(got), maxCandidates)
		}
		seen := map[string]bool{}
		for _, u := range got {
			if seen[u] || !utf8.ValidString(u) || u == "" {
				t.Errorf("Candidates(%q) = %v: repeated, empty or invalid %q", c.latin, got, u)
			}
			seen[u] = true
		}
	}
	// A digraph is read as one letter: sh is ش, not س + ہ.
	if got := Candidates("shah"); len(got) == 0 || got[0] != "شاہ" && got[0] != "شہ" {
		t.Errorf("Candidates(shah) = %v, want شاہ or شہ first", got)
	}
	// An initial vowel has a carrier letter.
	for _, u := range Candidates("imran") {
		if r, _ := utf8.DecodeRuneInString(u); r != 'ا' && r != 'ع' && r != 'آ' {
			t.Errorf("Candidates(imran) has %s, which does not start with a vowel carrier", u)
		}
	}
	for _, w := range []string{"", "123", "—"} {
		if got := Candidates(w); got != nil {
			t.Errorf("Candidates(%q) = %v, want nil", w, got)
		}
	}
}
