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
		// English spelling conventions that sports and business news
		// borrows by: "Mc" is میک, the magic e stays silent before a plural s
		// (games گیمز), a vowel before one consonant and -le is long (title
		// ٹائٹل), igh is ائ, and a final plural s is often ز. Each of these
		// pairs scored below NameThreshold before those rules (McIlroy .37,
		// titles .33, games .51); apple, with a doubled consonant, as before.
		{"mcilroy", "میکلرائے", true},
		{"mccullum", "میکولم", true},
		{"titles", "ٹائٹلز", true},
		{"title", "ٹائٹل", true},
		{"games", "گیمز", true},
		{"times", "ٹائمز", true},
		{"airways", "ایئرویز", true},
		{"roy", "رائے", true},
		{"bible", "بائبل", true},
		{"fighters", "فائٹرز", true}, // igh is ائ (night نائٹ, flight فلائٹ), and ائی at the end (high ہائی)
		{"flight", "فلائٹ", true},
		{"high", "ہائی", true},
		{"apple", "ایپل", true}, // as before: a doubled consonant is no magic -le
		{"titles", "عنوانات", false},
	} {
		if got := Score(c.latin, c.urdu); (got >= NameThreshold) != c.name {
			t.Errorf("Score(%q, %q) = %.2f: want a name %v", c.latin, c.urdu, got, c.name)
		}
	}
	if Score("eiffel", "eiffel") != 0 || Score("", "ایفل") != 0 {
		t.Error("a pair that is not Latin and Urdu scores")
	}
}
