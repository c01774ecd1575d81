package text

import "strings"

// SpellingsOneApart are the spellings of word one letter apart that Urdu
// writes one word in (five letters or more, the first letter kept, as rag's
// ranker meets words one letter apart): a letter of one sound swapped for
// another of it (a weak letter for another, سانگلا/سانگلہ,
// پاراماؤنٹ/پیراماؤنٹ; confusable consonants, ت/ط, س/ص, ب/پ as
// transliterations write شوپن/شوبن), a weak letter (a vowel letter, ہ, ھ,
// ء, ں) more or fewer (میانمر/میانمار, لاوروف/لاروف), or a consonant doubled
// or written once (فارماسسٹس/فارماسٹس); for a shorter word, one vowel letter
// more (ا, و, ی). Not every letter for every letter, as the ranker meets
// words: that is ten times the spellings, and نیپاہ (Nipah) is not نیپال
// (Nepal).
func SpellingsOneApart(word string) []string {
	rs := []rune(word)
	var spellings []string
	for i := 1; i <= len(rs); i++ {
		if len(rs) < 5 {
			for _, l := range "اوی" {
				spellings = append(spellings, string(rs[:i])+string(l)+string(rs[i:]))
			}
			continue
		}
		for _, l := range weakLetters {
			spellings = append(spellings, string(rs[:i])+string(l)+string(rs[i:]))
		}
		if i == len(rs) {
			continue
		}
		if len(rs) > 5 && strings.ContainsRune(weakLetters, rs[i]) {
			spellings = append(spellings, string(rs[:i])+string(rs[i+1:]))
		}
		// A consonant written twice or once, as transliterations of English
		// double letters do: فارماسسٹس/فارماسٹس, اسسٹنٹ/اسٹنٹ.
		if !strings.ContainsRune(weakLetters, rs[i]) {
			if i+1 < len(rs) && rs[i+1] == rs[i] {
				spellings = append(spellings, string(rs[:i])+string(rs[i+1:]))
			} else if rs[i-1] != rs[i] {
				spellings = append(spellings, string(rs[:i+1])+string(rs[i:]))
			}
		}
		swaps := confusable[rs[i]]
		if strings.ContainsRune(weakLetters, rs[i]) {
			swaps = weakLetters // a vowel for another: پاراماؤنٹ/پیراماؤنٹ
		}
		for _, l := range swaps {
			if l != rs[i] {
				spellings = append(spellings, string(rs[:i])+string(l)+string(rs[i+1:]))
			}
		}
	}
	return spellings
}

// weakLetters are the letters Urdu spellings of one word differ by most:
// the vowel letters, ہ and ھ, ء and ئ, ں.
const weakLetters = "اآوؤیےہھءئں"

// confusable are, for a letter, the letters of its sound that spellings of
// one word swap it for (Fold has made ي ی, ك ک, ۃ ہ).
var confusable = func() map[rune]string {
	groups := []string{"عا", "حہ", "تطٹ", "سصث", "زذضظژ", "دڈ", "رڑ", "کقگ", "غگ", "نں", "بپ", "جچ", "فپ"}
	m := map[rune]string{}
	for _, g := range groups {
		for _, r := range g {
			for _, o := range g {
				if o != r && !strings.ContainsRune(m[r], o) {
					m[r] += string(o)
				}
			}
		}
	}
	return m
}()
