package text

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// stemMeet lists groups of forms that must all have the same stem.
var stemMeet = [][]string{
	// plural and oblique nouns
	{"ملاقات", "ملاقاتیں", "ملاقاتوں"},
	{"کتاب", "کتابیں", "کتابوں"},
	{"لڑکا", "لڑکے", "لڑکوں", "لڑکی", "لڑکیاں", "لڑکیوں"},
	{"معاہدہ", "معاہدے", "معاہدوں"},
	{"حکومت", "حکومتوں", "حکومتیں", "حکومتی"},
	{"ادارہ", "ادارے", "اداروں", "ادارۂ"},
	{"مسئلہ", "مسئلے", "مسئلوں"},
	{"منصوبہ", "منصوبے", "منصوبوں"},
	{"علاقہ", "علاقے", "علاقوں", "علاقائی"},
	{"صوبہ", "صوبے", "صوبوں", "صوبائی"},
	{"ہفتہ", "ہفتے", "ہفتوں"},
	{"کمپنی", "کمپنیاں", "کمپنیوں"},
	{"گاڑی", "گاڑیاں", "گاڑیوں"},
	{"پالیسی", "پالیسیاں", "پالیسیوں"},
	{"تبدیلی", "تبدیلیاں", "تبدیلیوں"},
	{"کھلاڑی", "کھلاڑیوں"},
	{"شہر", "شہروں"},
	{"ملک", "ملکوں", "ملکی"},
	{"دعا", "دعاؤں"},
	{"رہنما", "رہنماؤں", "رہنمائی"},
	{"کارروائی", "کارروائیاں", "کارروائیوں"},
	{"بھائی", "بھائیوں"},
	{"رویہ", "رویے", "رویوں"},
	{"نظریہ", "نظریے", "نظریات", "نظریاتی"},
	// Arabic plurals in ات
	{"انتخاب", "انتخابات", "انتخابی"},
	{"تعلق", "تعلقات"},
	{"اطلاع", "اطلاعات"},
	{"اقدام", "اقدامات"},
	{"تقریب", "تقریبات"},
	{"مذاکرہ", "مذاکرات"},
	// adjectives and nisba
	{"پاکستان", "پاکستانی", "پاکستانیوں"},
	{"روس", "روسی", "روسیوں"},
	{"امریکہ", "امریکا", "امریکی", "امریکیوں"},
	{"ایشیا", "ایشیائی"},
	{"ترکی", "ترکیہ"},
	{"عدالت", "عدالتی", "عدالتوں"},
	{"مہنگا", "مہنگی", "مہنگے", "مہنگائی"},
	// verbs
	{"بنائی", "بنائے", "بنایا", "بنائیں", "بنا"},
	{"دیکھا", "دیکھی", "دیکھے", "دیکھیں"},
	{"بنانا", "بنانے", "بنانی"},
	{"جائیگا", "جائیں", "جائے"},
	// the table: words the rules would send elsewhere or leave apart
	{"بچہ", "بچے", "بچوں"},
	{"حملہ", "حملے", "حملوں"},
	{"نامہ", "نامے"},
	{"سونا", "سونے"},
	{"فیصلہ", "فیصلے", "فیصلوں"},
	{"روپیہ", "روپے"},
	{"دورہ", "دورے"},
	{"آبادی", "آبادیاں", "آبادیوں"},
	// دہشت گرد, terrorist, written apart: its oblique plural is not the
	// kidney's (گردہ, گردے)
	{"گرد", "گردوں"},
	{"بینک", "بنک", "بینکوں"},
	// English
	{"talks", "talk"},
	{"cities", "city"},
	{"prices", "price"},
	{"elections", "election"},
}

// stemApart lists pairs that must keep different stems: each would meet an
// unrelated word if the stemmer were less careful.
var stemApart = [][2]string{
	{"پاکستان", "پاک"},
	{"روس", "رس"},
	{"امریکہ", "امیر"},
	{"تقریبا", "تقریب"}, // about, ceremony
	{"آبادی", "آباد"},   // population, اسلام آباد
	{"جانے", "جان"},     // to go, life
	{"دینے", "دین"},     // to give, religion
	{"لینے", "لین"},     // to take, lane
	{"پانی", "پان"},     // water, betel
	{"خانے", "خان"},     // house, Khan
	{"حملہ", "حمل"},     // attack, pregnancy
	{"نامہ", "نام"},     // letter or chronicle (مشرق نامہ), name
	{"فیصلہ", "فیصل"},   // decision, Faisal
	{"دورہ", "دور"},     // visit, era
	{"روپے", "روپ"},     // rupees, form
	{"روزہ", "روز"},     // fast, day
	{"بارہ", "بار"},     // twelve, time
	{"سترہ", "ستر"},     // seventeen, seventy
	{"سولہ", "سول"},     // sixteen, civil
	{"والدہ", "والد"},   // mother, father
	{"ملکہ", "ملک"},     // queen, country
	{"مردہ", "مرد"},     // dead, man
	{"عمرہ", "عمر"},     // umrah, age
	{"کیسے", "کیس"},     // how, case
	{"برسات", "برس"},    // monsoon, year
	{"انڈیا", "انڈے"},   // India, eggs
	{"سرمایہ", "سرما"},  // capital, winter
	{"کمرے", "کمر"},     // rooms, waist
	{"گردے", "گرد"},     // kidneys, (terror)ist
	{"سودا", "سود"},     // deal, interest
	{"بخاری", "بخار"},   // Bukhari, fever
	{"جمعہ", "جمع"},     // Friday, sum
	{"بالی", "بال"},     // Bolly(wood), hair
	{"کیلئے", "کیل"},    // for, nail
	{"مبینہ", "مبین"},   // alleged, Mubeen
	{"لشکر", "لش"},      // army: no conjunctive کر
	{"گواہ", "گوا"},     // witness, Goa
	{"کہانی", "کہا"},    // story, said
	{"news", "new"},
}

func TestStemMeet(t *testing.T) {
	pairs := 0
	for _, g := range stemMeet {
		want := Stem(g[0])
		for _, w := range g[1:] {
			pairs++
			if got := Stem(w); got != want {
				t.Errorf("Stem(%q) = %q, want %q, the stem of %q", w, got, want, g[0])
			}
		}
	}
	if pairs < 60 {
		t.Errorf("only %d pairs that must meet, want at least 60", pairs)
	}
}

func TestStemApart(t *testing.T) {
	if len(stemApart) < 30 {
		t.Errorf("only %d pairs that must stay apart, want at least 30", len(stemApart))
	}
	for _, p := range stemApart {
		if a, b := Stem(p[0]), Stem(p[1]); a == b {
			t.Errorf("Stem(%q) = Stem(%q) = %q, want them apart", p[0], p[1], a)
		}
	}
	// No two groups of stemMeet may meet each other either.
	seen := map[string]string{}
	for _, g := range stemMeet {
		s := Stem(g[0])
		if other, ok := seen[s]; ok {
			t.Errorf("%q and %q both stem to %q", g[0], other, s)
		}
		seen[s] = g[0]
	}
}

func TestStem(t *testing.T) {
	tests := []struct{ in, want string }{
		{"پاکستان", "پاکستان"},
		{"روس", "روس"},
		{"امریکہ", "امریک"},
		{"کتابوں", "کتاب"},
		{"معاہدے", "معاہد"},
		{"لڑکیاں", "لڑک"},
		{"ملاقاتیں", "ملاق"},
		{"دنیا", "دنیا"},       // ا after ی is not an ending
		{"انتہائی", "انتہا"},   // nor after ہ
		{"سربراہوں", "سربراہ"}, // ہ after ا is a consonant
		{"اردو", "اردو"},       // no و
		{"ہندوؤں", "ہندو"},
		{"عبداللہ", "عبداللہ"},
		{"کب", "کب"}, // short words keep their endings
		{"بچی", "بچی"},
		{"کتنے", "کتنے"}, // question words are kept whole
		{"2018", "2018"},
		{"12.05", "12.05"},
		{"moscow", "moscow"},
		{"companies", "company"},
		{"its", "its"},
		{"crisis", "crisis"},
		{"bus", "bus"},
		{"Talks", "Talks"}, // not folded: left alone
		{"café", "café"},   // not a–z
		{"", ""},
	}
	for _, tt := range tests {
		if got := Stem(tt.in); got != tt.want {
			t.Errorf("Stem(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestStemTokens(t *testing.T) {
	toks := Tokens("پاکستانی کمپنیوں نے 2018 میں talks کیں")
	want := []string{"پاکستان", "کمپن", "نے", "2018", "میں", "talk", "کیں"}
	if got := StemTokens(toks); !slices.Equal(got, want) {
		t.Errorf("StemTokens = %q, want %q", got, want)
	}
	if !slices.Equal(toks, want) {
		t.Errorf("StemTokens did not work in place: toks = %q", toks)
	}
}

// TestStemLists checks the exceptions: entries in folded form, and stems the
// table gives that Stem leaves as they are (else Stem would not be
// idempotent).
func TestStemLists(t *testing.T) {
	for w := range urduStemKeep {
		if toks := Tokens(w); len(toks) != 1 || toks[0] != w {
			t.Errorf("urduStemKeep entry %q tokenises to %q, want itself", w, toks)
		}
		if got := Stem(w); got != w {
			t.Errorf("Stem(%q) = %q, want it kept", w, got)
		}
	}
	for form, stem := range urduStemTable {
		if toks := Tokens(form); len(toks) != 1 || toks[0] != form {
			t.Errorf("urduStemTable entry %q tokenises to %q, want itself", form, toks)
		}
		if got := Stem(stem); got != stem {
			t.Errorf("Stem(%q) = %q, want the table's stem kept", stem, got)
		}
	}
	for w := range englishStemKeep {
		if got := Stem(w); got != w {
			t.Errorf("Stem(%q) = %q, want it kept", w, got)
		}
	}
}

// TestStemCorpus checks Stem's promises on every token of the corpus.
func TestStemCorpus(t *testing.T) {
	seen := map[string]bool{}
	for _, file := range corpusFiles(t) {
		for _, tok := range Tokens(readFile(t, file)) {
			if seen[tok] {
				continue
			}
			seen[tok] = true
			checkStem(t, tok)
		}
	}
	for _, g := range stemMeet {
		for _, w := range g {
			checkStem(t, w)
		}
	}
}

func checkStem(t *testing.T, tok string) {
	t.Helper()
	s := Stem(tok)
	if again := Stem(s); again != s {
		t.Fatalf("Stem not idempotent: Stem(%+q) = %+q, Stem of that = %+q", tok, s, again)
	}
	if tok != "" && s == "" {
		t.Fatalf("Stem(%+q) is empty", tok)
	}
	if utf8.ValidString(tok) && !utf8.ValidString(s) {
		t.Fatalf("Stem(%+q) = %+q, invalid UTF-8", tok, s)
	}
	if stemScript(tok) == clsArabic && !strings.HasPrefix(tok, s) && !tableStemOfPrefix(tok, s) {
		t.Fatalf("Stem(%+q) = %+q, want a prefix of the token, or the table's stem of one", tok, s)
	}
}

// tableStemOfPrefix reports whether urduStemTable gives s for tok or for a
// prefix of it: stripping an ending can reach a listed word (بچےے → بچے →
// بچہ).
func tableStemOfPrefix(tok, s string) bool {
	for i := len(tok); i > 0; i-- {
		if i < len(tok) && !utf8.RuneStart(tok[i]) {
			continue
		}
		if urduStemTable[tok[:i]] == s {
			return true
		}
	}
	return false
}

func FuzzStem(f *testing.F) {
	for _, g := range stemMeet {
		f.Add(strings.Join(g, " "))
	}
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkStem(t, s)
		for _, tok := range Tokens(s) {
			checkStem(t, tok)
		}
	})
}

func BenchmarkStem(b *testing.B) {
	var toks []string
	for _, file := range corpusFiles(b)[:50] {
		toks = append(toks, Tokens(readFile(b, file))...)
	}
	for b.Loop() {
		for _, tok := range toks {
			Stem(tok)
		}
	}
	b.ReportMetric(float64(len(toks)), "tokens/op")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(toks)), "ns/token")
}

// The hand-written lists are part of what an index's stored stems depend on.
func TestStemListsNameTheTable(t *testing.T) {
	lists := StemLists()
	for _, want := range []string{"سونے>سونا", "نامے>نامہ", "کتنے "} {
		if !strings.Contains(lists, want) {
			t.Errorf("StemLists lacks %q", want)
		}
	}
}

// The forms of a word's stem are the stem with each ending the stemmer
// strips, each stemming back to it, the word itself aside; a Latin word
// has none.
func TestForms(t *testing.T) {
	forms := Forms("ہنگاموں")
	for _, want := range []string{"ہنگامے", "ہنگامہ"} {
		if !slices.Contains(forms, want) {
			t.Errorf("Forms(ہنگاموں) = %q, want %s among them", forms, want)
		}
	}
	for _, f := range forms {
		if f == "ہنگاموں" || Stem(f) != Stem("ہنگاموں") {
			t.Errorf("Forms(ہنگاموں) holds %q (stem %q)", f, Stem(f))
		}
	}
	if forms := Forms("riots"); forms != nil {
		t.Errorf("Forms(riots) = %q, want none", forms)
	}
}
