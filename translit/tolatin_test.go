package translit

import (
	"testing"
)

func TestToLatin(t *testing.T) {
	for _, c := range []struct{ urdu, want string }{
		{"کراچی", "karachi"},
		{"لاہور", "lahor"},
		{"ماسکو", "masko"},
		{"شنگھائی", "shanghai"},
		{"ایران", "iran"},
		{"بلاول", "balawal"},
		{"دورہ", "dora"},
		{"خان", "khan"},
		{"اسلام آباد", "aslam abad"},
		{"2018", "2018"},
		{"", ""},
	} {
		if got := ToLatin(c.urdu); got != c.want {
			t.Errorf("ToLatin(%s) = %q, want %q", c.urdu, got, c.want)
		}
	}
}

// TestToLatinRoundTrip: the rough rendering of an article's name finds the
// name again, so an English reader's copy of it can be searched.
func TestToLatinRoundTrip(t *testing.T) {
	m := realMatcher(t)
	var names []string
	for _, c := range append(append([]nameCase{}, requiredNames...), devNames...) {
		names = append(names, c.urdu[0])
	}
	ok := 0
	for _, u := range names {
		lat := ToLatin(u)
		got := m.Transliterate(lat)
		found := false
		for _, x := range got {
			if x.Word == u {
				found = true
			}
		}
		if found {
			ok++
		} else {
			t.Logf("%s → %s → %v", u, lat, got)
		}
	}
	share := float64(ok) / float64(len(names))
	t.Logf("round trip: %.3f of %d", share, len(names))
	if share < 0.85 {
		t.Errorf("ToLatin round trip finds %.3f of the names, want at least 0.85", share)
	}
}
