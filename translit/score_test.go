package translit

import "testing"

// Score tells a transliteration from a translation: ایفل spells "eiffel",
// تاریخ translates "history".
func TestScore(t *testing.T) {
	for _, c := range []struct {
		latin, urdu string
		name        bool
	}{
		{"eiffel", "ایفل", true},
		{"mozart", "موزارٹ", true},
		{"everest", "ایورسٹ", true},
		{"euro", "یورو", true},
		{"taekwondo", "تائیکوانڈو", true},
		{"history", "تاریخ", false},
		{"long", "طویل", false},
		{"doses", "خوراکیں", false},
	} {
		if got := Score(c.latin, c.urdu); (got >= NameThreshold) != c.name {
			t.Errorf("Score(%q, %q) = %.2f: want a name %v", c.latin, c.urdu, got, c.name)
		}
	}
	if Score("eiffel", "eiffel") != 0 || Score("", "ایفل") != 0 {
		t.Error("a pair that is not Latin and Urdu scores")
	}
}
