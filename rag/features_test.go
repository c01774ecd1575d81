package rag

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/jawab/jawab/text"
)

// oneEditRunes is oneEdit written plainly over runes, the reference the fast
// version is checked against.
func oneEditRunes(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) < 5 || len(rb) < 5 || len(ra)-len(rb) > 1 || len(rb)-len(ra) > 1 || ra[0] != rb[0] {
		return false
	}
	i := 0
	for i < len(ra) && i < len(rb) && ra[i] == rb[i] {
		i++
	}
	switch {
	case len(ra) == len(rb):
		return i == len(ra) || string(ra[i+1:]) == string(rb[i+1:])
	case len(ra) > len(rb):
		return string(ra[i+1:]) == string(rb[i:])
	default:
		return string(ra[i:]) == string(rb[i+1:])
	}
}

func TestOneEdit(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"شوپن", "شوبن", false}, // four letters: too short to trust
		{"لاوروف", "لاورف", true},
		{"گیزپروم", "گیزپرم", true},
		{"پاکستان", "پاکستانی", true},
		{"پاکستان", "ہاکستان", false}, // the first letter differs
		{"پاکستان", "پاکستان", true},
		{"ملاقات", "ملاقاتیں", false}, // two letters apart
		{"islamabad", "islamabaad", true},
		{"karachi", "karachy", true},
		{"karachi", "lahore", false},
	} {
		if got := oneEdit(c.a, c.b); got != c.want {
			t.Errorf("oneEdit(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
		if got := oneEditRunes(c.a, c.b); got != c.want {
			t.Errorf("reference(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

func FuzzOneEdit(f *testing.F) {
	f.Add("لاوروف", "لاورف")
	f.Add("پاکستان", "پاکستانی")
	f.Add("abcde", "abcdf")
	f.Fuzz(func(t *testing.T, a, b string) {
		if !utf8.ValidString(a) || !utf8.ValidString(b) {
			return
		}
		if got, want := oneEdit(a, b), oneEditRunes(a, b); got != want {
			t.Errorf("oneEdit(%q, %q) = %v, the reference says %v", a, b, got, want)
		}
	})
}

// A report types two words with no space between them after a letter that
// does not join the next: the question's words meet the glued word, and a
// word meets itself glued to a postposition. After a joining letter the glue
// would show, so it is no match.
func TestMeetsGlued(t *testing.T) {
	rq := NewRankQuery("سائنو فارم ویکسین کی کھیپ پاکستان کب پہنچی؟", nil, nil)
	term := func(w string) int {
		i := slices.Index(rq.terms, w)
		if i < 0 {
			t.Fatalf("%q is not a term of %v", w, rq.terms)
		}
		return i
	}
	for _, c := range []struct {
		term, word string
		want       bool
	}{
		{"سائنو", "سائنوفارم", true},
		{"فارم", "سائنوفارم", true},
		{"سائنو", "سائینوفارم", true},   // glued and spelled a letter apart
		{"فارم", "فارمویکسین", false},   // م joins: "فارمویکسین" is no glue
		{"ویکسین", "ویکسینکی", false},   // ن joins: "ویکسینکی" is no glue
		{"سائنو", "سائنوکے", true},      // a postposition glued
		{"سائنو", "سائنوفیکٹری", false}, // "فیکٹری" is no postposition, nor the next word
		{"پاکستان", "پاکستانمیں", false},
		{"سائنو", "سائنوفارمکی", false}, // م joins: the pair and a postposition would show
	} {
		i := term(c.term)
		if got := rq.meets(i, c.word, text.Stem(c.word)); got != c.want {
			t.Errorf("meets(%q, %q) = %v, want %v", c.term, c.word, got, c.want)
		}
	}
}

// A pair of the question's words typed as one with a postposition glued
// after it ("ایکسپوسینٹرکی": after ر none of the joins shows) meets both
// words.
func TestMeetsGluedPairAndPostposition(t *testing.T) {
	rq := NewRankQuery("کراچی ایکسپو سینٹر میں نمائشیں شروع ہو گئیں؟", nil, nil)
	for _, w := range []string{"ایکسپو", "سینٹر"} {
		i := slices.Index(rq.terms, w)
		if i < 0 {
			t.Fatalf("%q is not a term of %v", w, rq.terms)
		}
		for word, want := range map[string]bool{"ایکسپوسینٹرکی": true, "ایکسپوسینٹرمیں": true, "ایکسپوسینٹرفرنیچر": false} {
			if got := rq.meets(i, word, text.Stem(word)); got != want {
				t.Errorf("meets(%q, %q) = %v, want %v", w, word, got, want)
			}
		}
	}
}

// eachMet answers from a bit set for up to 64 question words and term by
// term beyond; both name the same terms, in order, and the memo gives the
// same answer twice.
func TestEachMet(t *testing.T) {
	for _, n := range []int{10, 64, 70} {
		// Distinct made-up Urdu words (a Latin "word07" would be two tokens).
		letters := []rune("بپتٹجچدڈفق")
		word := func(i int) string { return "ز" + string(letters[i/10]) + string(letters[i%10]) + "م" }
		var words []string
		for i := range n {
			words = append(words, word(i))
		}
		words = append(words, "ملاقات")
		rq := NewRankQuery(strings.Join(words, " "), nil, nil)
		for range 2 {
			var got []int
			rq.eachMet("ملاقاتیں", text.Stem("ملاقاتیں"), func(i int) { got = append(got, i) })
			if len(got) != 1 || rq.terms[got[0]] != "ملاقات" {
				t.Errorf("%d terms: ملاقاتیں met %v, want only ملاقات (term %d)", n+1, got, n)
			}
			got = got[:0]
			last := word(n - 1)
			rq.eachMet(last, text.Stem(last), func(i int) { got = append(got, i) })
			if len(got) != 1 || got[0] != n-1 {
				t.Errorf("%d terms: %s met %v, want [%d]", n+1, last, got, n-1)
			}
		}
	}
}

// The phrase feature counts the question's words followed as the question
// follows them: "ایپل میں" (returned to Apple) is not "ایپل سے" (resigned
// from Apple), though both passages hold every word the question does but
// کون. A pair of content words counts only adjacent in one sentence, and
// a passage analysed without followers meets none.
func TestPhraseFound(t *testing.T) {
	rq := NewRankQuery("1997 میں ایپل میں کون واپس آیا؟", nil, nil)
	want := []phrase{
		{term: 0, next: -1, stop: text.StopwordID("میں")}, // 1997 میں
		{term: 1, next: -1, stop: text.StopwordID("میں")}, // ایپل میں
		{term: 2, next: 3}, // کون واپس
		{term: 3, next: 4}, // واپس آیا
	}
	if !slices.Equal(rq.phrases, want) {
		t.Fatalf("phrases %+v, want %+v", rq.phrases, want)
	}
	phraseOf := func(passage string, followers bool) float64 {
		a := Analyze(passage)
		if !followers {
			a.Next = nil
		}
		return rq.Features("", a, 1, 1)[fPhrase]
	}
	returned := "جب اسٹیو جابس 1997 میں ایپل میں واپس آیا تو اس نے حکم دیا۔"
	resigned := "جابس نے 1985 میں ایپل سے استعفیٰ دیا اور 1997 تک واپس نہیں آیا۔"
	split := "وہ 1997 میں ایپل میں تھے۔ پھر واپس۔ آیا۔"
	for _, tt := range []struct {
		passage   string
		followers bool
		want      float64
	}{
		{returned, true, 3.0 / 4}, // 1997 میں, ایپل میں, واپس آیا
		{resigned, true, 0},       // 1997 تک, ایپل سے, واپس نہیں
		{split, true, 2.0 / 4},    // واپس and آیا in two sentences
		{returned, false, 0},
	} {
		if got := phraseOf(tt.passage, tt.followers); got != tt.want {
			t.Errorf("%s (followers %v): phrase %.3f, want %.3f", tt.passage, tt.followers, got, tt.want)
		}
	}
}
