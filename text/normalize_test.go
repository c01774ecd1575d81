package text

import (
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		// NFKC folds Arabic presentation forms to base letters.
		{"presentation forms پاکستان", "\uFB58\uFE8E\uFB90\uFEB4\uFE98\uFE8E\uFEE5", "پاکستان"},
		{"presentation lam-alef ﻻ", "\uFEFB", "لا"},
		{"presentation farsi yeh ﯾ and heh goal ﮧ", "\uFBFE\uFBA7", "یہ"},
		{"presentation keheh ﮐ", "\uFB90\uFEE0\uFEEA", "کلہ"},
		// Hamza: ی+U+0654 as typed on Urdu keyboards, ي+U+0654 via NFKC.
		{"urdu yeh + hamza above", "گی\u0654ے", "گئے"},
		{"urdu yeh + hamza above in مسائل", "مسای\u0654ل", "مسائل"},
		{"arabic yeh + hamza above", "گي\u0654ے", "گئے"},
		{"alef maksura + hamza above", "گى\u0654ے", "گئے"},
		{"hamza with a diacritic in between", "گی\u0650\u0654ے", "گئے"},
		{"heh goal + hamza composes", "مسئلہ\u0654", "مسئلۂ"},
		{"arabic heh + hamza matches heh goal", "مسئله\u0654", "مسئلۂ"},
		{"precomposed ئ unchanged", "قائم", "قائم"},
		{"ئو is ؤ", "اکائونٹس", "اکاؤنٹس"},
		{"ئو is ؤ, ؤ unchanged", "لاک ڈائون اور لاک ڈاؤن", "لاک ڈاؤن اور لاک ڈاؤن"},
		{"ئو brought together by a removed diacritic", "ڈائَون", "ڈاؤن"},
		{"ئ before another letter unchanged", "گئی", "گئی"},
		{"stray hamza above dropped", "ا\u0654\u0654", "أ"},
		// Arabic letters typed for Urdu ones.
		{"arabic kaf", "پاكستان", "پاکستان"},
		{"arabic yeh", "روسي", "روسی"},
		{"arabic heh", "وه كه يه", "وہ کہ یہ"},
		{"arabic heh in ملاقاته", "ملاقاته", "ملاقاتہ"},
		{"alef maksura", "عيسى", "عیسی"},
		{"teh marbuta", "صلوة", "صلوۃ"},
		// Diacritics.
		{"zer and sukun", "پاکِسْتان", "پاکستان"},
		{"zabar", "مَدَد", "مدد"},
		{"pesh", "اُردو", "اردو"},
		{"shadda", "محمّد", "محمد"},
		{"tanween", "فوراً", "فورا"},
		{"superscript alef", "موسیٰ", "موسی"},
		{"shadda and superscript alef", "اللّٰہ", "اللہ"},
		{"zakat with superscript alef and teh marbuta", "زکوٰة", "زکوۃ"},
		{"honorific sign U+0610", "محمد\u0610", "محمد"},
		{"quranic small high ligature U+06D6", "قال\u06D6", "قال"},
		{"madda composes, not removed", "ا\u0653ج", "آج"},
		// Digits.
		{"urdu digits", "۲۰۱۸", "2018"},
		{"arabic-indic digits", "٢٠١٨", "2018"},
		{"urdu digits glued", "۵نومبر۲۰۱۸کو", "5نومبر2018کو"},
		// Invisible marks.
		{"ZWNJ becomes space", "نیو\u200Cیارک", "نیو یارک"},
		{"ZWJ removed", "ٹی\u200Dوی", "ٹیوی"},
		{"ZWSP removed", "پاک\u200Bستان", "پاکستان"},
		{"RLM and LRM removed", "\u200Fروس\u200E", "روس"},
		{"ALM removed", "\u061C2018", "2018"},
		{"BOM removed", "\uFEFFخبر", "خبر"},
		{"tatweel removed", "پاکـــستان", "پاکستان"},
		// Letters that must stay distinct.
		{"bari yeh kept", "ہے", "ہے"},
		{"do-chashmi heh kept", "بھارت", "بھارت"},
		{"heh goal kept", "کہ", "کہ"},
		{"already clean urdu", "روس اور پاکستان کے درمیان", "روس اور پاکستان کے درمیان"},
		// Latin text and whitespace.
		{"latin unchanged, case kept", "The U.S. sent 2.2 million doses", "The U.S. sent 2.2 million doses"},
		{"accented latin unchanged", "café Zürich", "café Zürich"},
		{"whitespace kept", "a  \tb\r\nc", "a  \tb\r\nc"},
		{"latin ligature folded by NFKC", "\uFB01le", "file"},
		{"empty", "", ""},
		// Removing a tatweel exposes an NFKC composition: still one pass' worth.
		{"removal exposes composition", "e\u0640\u0301", "\u00E9"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Normalize(tt.in)
			if got != tt.want {
				t.Errorf("Normalize(%+q) = %+q, want %+q", tt.in, got, tt.want)
			}
			if again := Normalize(got); again != got {
				t.Errorf("Normalize not idempotent: Normalize(%+q) = %+q", got, again)
			}
		})
	}
}

func TestNormalizeNoCopyWhenClean(t *testing.T) {
	in := "روس اور پاکستان کے درمیان سفارتی تعلقات"
	if n := testing.AllocsPerRun(100, func() { Normalize(in) }); n != 0 {
		t.Errorf("Normalize of clean text: got %v allocations, want 0", n)
	}
}

func TestFold(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"latin lowered", "Pakistan PAKISTAN", "pakistan pakistan"},
		{"urdu normalised and latin lowered", "پاكستان Russia", "پاکستان russia"},
		{"digits", "۲۰۲۳ ٢٠٢٣", "2023 2023"},
		{"greek lowered too", "ΣΟΦΙΑ", "σοφια"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Fold(tt.in); got != tt.want {
				t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestNormalizeCorpus checks on every real article that normalisation is
// idempotent, keeps valid UTF-8 and that the Arabic letters it should replace
// are gone.
func TestNormalizeCorpus(t *testing.T) {
	for _, f := range corpusFiles(t) {
		s := readFile(t, f)
		n := Normalize(s)
		if !utf8.ValidString(n) {
			t.Errorf("%s: Normalize produced invalid UTF-8", f)
		}
		if again := Normalize(n); again != n {
			t.Errorf("%s: Normalize not idempotent", f)
		}
		if fo := Fold(s); Fold(fo) != fo {
			t.Errorf("%s: Fold not idempotent", f)
		}
		for _, r := range n {
			if needsRewrite(r) || r == 0x200C {
				t.Errorf("%s: Normalize left %U", f, r)
				break
			}
		}
	}
}

// corpusFiles lists the real Urdu sample articles.
func corpusFiles(t testing.TB) []string {
	t.Helper()
	var files []string
	for _, dir := range []string{"../testdata/pk-ru", "../testdata/urdu-news"} {
		m, err := filepath.Glob(filepath.Join(dir, "*.txt"))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Fatal("no corpus files in ../testdata")
	}
	return files
}

func readFile(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestRuneTables checks the precomputed tables against the functions they
// cache, for every rune they cover.
func TestRuneTables(t *testing.T) {
	check := func(r rune) {
		t.Helper()
		if got, want := classOf(r), classOfSlow(r); got != want {
			t.Errorf("classOf(%U) = %d, want %d", r, got, want)
		}
		if got, want := needsRewrite(r), needsRewriteSlow(r); got != want {
			t.Errorf("needsRewrite(%U) = %v, want %v", r, got, want)
		}
		if inert(r) && norm.NFKC.String(string(r)) != string(r) {
			t.Errorf("inert(%U) but NFKC changes it", r)
		}
	}
	for r := rune(0); r < tableLimit; r++ {
		check(r)
	}
	for r := rune(punctLo); r < punctHi; r++ {
		check(r)
	}
	// Spot checks of the flags that matter most.
	for _, r := range "ابپتکگیےہھئآؤۂ aZ0۔،؟" {
		if !inert(r) {
			t.Errorf("inert(%q) = false, want true", r)
		}
	}
	for _, r := range "\u0654\u0653\u064E\u0670\u00A0" {
		if inert(r) {
			t.Errorf("inert(%U) = true, want false", r)
		}
	}
}

func TestNFKCPiecewise(t *testing.T) {
	for _, f := range corpusFiles(t) {
		s := readFile(t, f)
		if got, want := nfkc(s), norm.NFKC.String(s); got != want {
			t.Errorf("%s: nfkc differs from norm.NFKC.String", f)
		}
		if got, want := isNFKC(s), norm.NFKC.IsNormalString(s); got != want {
			t.Errorf("%s: isNFKC = %v, want %v", f, got, want)
		}
	}
}

func TestNormalizeInvalidUTF8(t *testing.T) {
	tests := []struct{ in, want string }{
		// Without the replacement, dropping the tatweel would splice the
		// two stray bytes into U+0654.
		{"00\xd9\u0640\x94", "00\uFFFD\uFFFD"},
		{"روس\xff", "روس\uFFFD"},
		{"\uFFFD", "\uFFFD"},
	}
	for _, tt := range tests {
		got := Normalize(tt.in)
		if got != tt.want {
			t.Errorf("Normalize(%+q) = %+q, want %+q", tt.in, got, tt.want)
		}
		if !utf8.ValidString(got) {
			t.Errorf("Normalize(%+q) = %+q, invalid UTF-8", tt.in, got)
		}
	}
}

func TestDigitValue(t *testing.T) {
	tests := []struct {
		r    rune
		want int
		ok   bool
	}{
		{'0', 0, true}, {'7', 7, true},
		{'٠', 0, true}, {'٣', 3, true}, {'٩', 9, true}, // Arabic-Indic U+0660–0669
		{'۰', 0, true}, {'۴', 4, true}, {'۹', 9, true}, // Urdu U+06F0–06F9
		{'a', 0, false}, {'ی', 0, false}, {'ي', 0, false}, {'٫', 0, false}, {'²', 0, false},
	}
	for _, tt := range tests {
		got, ok := DigitValue(tt.r)
		if got != tt.want || ok != tt.ok {
			t.Errorf("DigitValue(%q) = %d, %v, want %d, %v", tt.r, got, ok, tt.want, tt.ok)
		}
	}
}

// TestFoldLetterAgreesWithNormalize checks that the letter table is what
// Normalize applies: every rune it folds normalises to its folded form, and
// the Urdu letters it must leave apart (ے, ھ) are not folded.
func TestFoldLetterAgreesWithNormalize(t *testing.T) {
	for r := rune(0x0600); r <= 0x06FF; r++ {
		f, ok := foldLetter(r)
		if !ok {
			continue
		}
		if got := Normalize(string(r)); got != string(f) {
			t.Errorf("Normalize(%q) = %q, want %q", r, got, f)
		}
	}
	for _, tt := range []struct{ in, want string }{
		{"كيا", "کیا"}, {"هے", "ہے"}, {"ھے", "ھے"}, {"پاكستاني", "پاکستانی"},
		{"ى", "ی"}, {"ة", "ۃ"}, {"۲۰۲۴", "2024"}, {"٢٠٢٤", "2024"},
	} {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
