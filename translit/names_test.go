package translit

import (
	"slices"
	"strings"
	"testing"
)

// nameCase is a Latin name and the Urdu words the articles spell it with
// (any of them is right).
type nameCase struct {
	latin string
	urdu  []string
}

// requiredNames are the names the brief lists, each spelled as the pk-ru
// and urdu-news articles spell it.
var requiredNames = []nameCase{
	{"lavrov", []string{"لاوروف"}},
	{"sputnik", []string{"سپتنک"}},
	{"putin", []string{"پوتن", "پیوٹن", "پوٹن"}},
	{"karachi", []string{"کراچی"}},
	{"moscow", []string{"ماسکو"}},
	{"medvedev", []string{"میدویدیف"}},
	{"bilawal", []string{"بلاول"}},
	{"qureshi", []string{"قریشی"}},
	{"overchuk", []string{"اوورچک"}},
	{"gazprom", []string{"گازپروم"}}, // urdu-news spells it with ا; the brief's گیزپروم is tested on a made-up vocabulary
	{"uzbekistan", []string{"ازبکستان"}},
	{"shanghai", []string{"شنگھائی"}},
	{"imran", []string{"عمران"}},
	{"khan", []string{"خان"}},
}

func TestNamesRequired(t *testing.T) {
	m := realMatcher(t)
	for _, c := range requiredNames {
		t.Run(c.latin, func(t *testing.T) {
			got := m.Names(c.latin)
			if len(got) == 0 {
				t.Fatalf("Names(%q) = nothing, want one of %v", c.latin, c.urdu)
			}
			if !slices.Contains(c.urdu, got[0].Word) || got[0].Score < NameThreshold {
				t.Errorf("Names(%q) = %v, want first one of %v scoring at least %v", c.latin, got, c.urdu, NameThreshold)
			}
			for _, x := range got {
				if x.Score < MinScore || x.Score > 1 {
					t.Errorf("Names(%q): score %v outside [MinScore, 1]", c.latin, x.Score)
				}
			}
		})
	}
}

// TestNamesPutinSpellings: the articles spell Putin three ways, and Names
// returns all three.
func TestNamesPutinSpellings(t *testing.T) {
	got := realMatcher(t).Names("putin")
	var words []string
	for _, x := range got {
		if x.Score >= NameThreshold {
			words = append(words, x.Word)
		}
	}
	for _, want := range []string{"پوتن", "پوٹن"} {
		if !slices.Contains(words, want) {
			t.Errorf("Names(putin) confident matches = %v, want %s among them", words, want)
		}
	}
}

// devNames are more names from the pk-ru articles (people, places,
// organisations), used with requiredNames to set the rules' costs and the
// thresholds. Alternatives are other spellings the articles use, or Urdu
// words that are the same name (Dar دار, Amir امیر).
var devNames = []nameCase{
	{"bajwa", []string{"باجوہ"}},
	{"sergei", []string{"سرگئی", "سرگی", "سیرگئی"}},
	{"afghanistan", []string{"افغانستان"}},
	{"kashmir", []string{"کشمیر"}},
	{"pakistan", []string{"پاکستان"}},
	{"mahmood", []string{"محمود"}},
	{"shah", []string{"شاہ"}},
	{"qamar", []string{"قمر"}},
	{"javed", []string{"جاوید"}},
	{"asif", []string{"آصف"}},
	{"vladimir", []string{"ولادیمیر"}},
	{"dmitry", []string{"دیمتری", "دمتری"}},
	{"alexei", []string{"الیکسی"}},
	{"sorokin", []string{"سوروکن"}},
	{"petrov", []string{"پیتروف"}},
	{"bhutto", []string{"بھٹو"}},
	{"zardari", []string{"زرداری"}},
	{"musharraf", []string{"مشرف"}},
	{"sharif", []string{"شریف"}},
	{"nawaz", []string{"نواز"}},
	{"ishaq", []string{"اسحاق"}},
	{"dar", []string{"ڈار", "دار"}},
	{"lahore", []string{"لاہور"}},
	{"peshawar", []string{"پشاور"}},
	{"rawalpindi", []string{"راولپنڈی"}},
	{"ukraine", []string{"یوکرین", "اوکرین", "یوکرائن"}},
	{"israel", []string{"اسرائیل"}},
	{"gaza", []string{"غزہ"}},
	{"asean", []string{"آسیان"}},
	{"balochistan", []string{"بلوچستان"}},
	{"punjab", []string{"پنجاب"}},
	{"tariq", []string{"طارق"}},
	{"nasir", []string{"ناصر"}},
	{"ali", []string{"علی"}},
	{"akhtar", []string{"اختر"}},
	{"haroon", []string{"ہارون"}},
	{"janjua", []string{"جنجوعہ"}},
	{"pervez", []string{"پرویز"}},
}

// heldOutNames are names from the urdu-news articles that were not used to
// set costs or thresholds: they measure what the rules do on names they
// were not written for (a few needed rules were added after seeing them
// fail once: -le as in Google, ai as ئی in Dubai, si as شی in Malaysia).
var heldOutNames = []nameCase{
	{"google", []string{"گوگل"}},
	{"microsoft", []string{"مائیکروسافٹ"}},
	{"london", []string{"لندن"}},
	{"android", []string{"اینڈرائیڈ", "اینڈروئیڈ", "اینڈروئڈ"}},
	{"nasa", []string{"ناسا"}},
	{"sarfraz", []string{"سرفراز"}},
	{"afridi", []string{"آفریدی"}},
	{"babar", []string{"بابر"}},
	{"amir", []string{"عامر", "امیر"}},
	{"quetta", []string{"کوئٹہ"}},
	{"multan", []string{"ملتان"}},
	{"dubai", []string{"دبئی"}},
	{"australia", []string{"آسٹریلیا", "اسٹریلیا"}},
	{"england", []string{"انگلینڈ"}},
	{"salman", []string{"سلمان"}},
	{"katrina", []string{"کترینہ", "کترینا"}},
	{"priyanka", []string{"پرینکا", "پریانکا"}},
	{"instagram", []string{"انسٹاگرام"}},
	{"nokia", []string{"نوکیا"}},
	{"japan", []string{"جاپان"}},
	{"tokyo", []string{"ٹوکیو"}},
	{"paris", []string{"پیرس"}},
	{"france", []string{"فرانس"}},
	{"germany", []string{"جرمنی"}},
	{"italy", []string{"اٹلی"}},
	{"spain", []string{"اسپین", "سپین"}},
	{"iran", []string{"ایران"}},
	{"indonesia", []string{"انڈونیشیا", "اندونشیا"}},
	{"malaysia", []string{"ملائیشیا"}},
	{"youtube", []string{"یوٹیوب"}},
	{"america", []string{"امریکہ", "امریکا"}},
	{"india", []string{"انڈیا"}},
	{"saudi", []string{"سعودی"}},
	{"hollywood", []string{"ہالی ووڈ", "ہالی وڈ"}},
	{"bollywood", []string{"بالی وڈ", "بالی ووڈ", "بولی ووڈ"}},
	{"china", []string{"چین"}},
}

// nameAccuracy is the share of cases whose first match is right and
// confident.
func nameAccuracy(t *testing.T, m *Matcher, cases []nameCase) float64 {
	t.Helper()
	ok := 0
	for _, c := range cases {
		got := m.Transliterate(c.latin)
		if len(got) > 0 && slices.Contains(c.urdu, got[0].Word) && got[0].Score >= NameThreshold {
			ok++
		} else {
			t.Logf("%s: got %v, want one of %v", c.latin, got, c.urdu)
		}
	}
	return float64(ok) / float64(len(cases))
}

// TestNamesAccuracy measures first-match accuracy on the development and
// held-out names. The floors are a little under what the rules reach
// (dev 0.96, held-out 0.92 when written) so that a change that breaks
// names fails, not one that moves a near-tie.
func TestNamesAccuracy(t *testing.T) {
	m := realMatcher(t)
	for _, c := range []struct {
		name  string
		cases []nameCase
		floor float64
	}{
		{"dev", append(slices.Clone(requiredNames), devNames...), 0.9},
		{"held-out", heldOutNames, 0.8},
	} {
		acc := nameAccuracy(t, m, c.cases)
		t.Logf("%s names: %.3f of %d first and confident", c.name, acc, len(c.cases))
		if acc < c.floor {
			t.Errorf("%s names: accuracy %.3f, want at least %.2f", c.name, acc, c.floor)
		}
	}
}

// TestNamesSynthetic covers what the articles lack: the brief's spelling
// of Gazprom, a vocabulary that holds a two-word name as a pair, and
// doubled consonants.
func TestNamesSynthetic(t *testing.T) {
	vocab := []Word{
		{"گیزپروم", 3}, {"گیس", 40}, {"پروگرام", 12},
		{"اسلام آباد", 30}, {"اسلام", 50}, {"آباد", 45},
		{"ماسکو", 10},
		{"مشاق", 4}, {"ملک", 300}, {"بھٹی", 5},
	}
	m := NewMatcher(vocab)
	for _, c := range []struct{ latin, want string }{
		{"gazprom", "گیزپروم"},
		{"islamabad", "اسلام آباد"},
		{"moscow", "ماسکو"},
		// A doubled consonant is written once, a digraph's too (the army's
		// Mushshak trainer, مشاق).
		{"bhatti", "بھٹی"},
		{"mushshak", "مشاق"},
	} {
		got := m.Names(c.latin)
		if len(got) == 0 || got[0].Word != c.want || got[0].Score < NameThreshold {
			t.Errorf("Names(%q) = %v, want %s first and confident", c.latin, got, c.want)
		}
	}
}

// TestEnglishSpellings: English spells sounds Urdu news writes as it hears
// them. qu is kw (Quinton کوئنٹن, not a ق), the t of -stle is silent
// (Nestle نیسلے), and a place named after a person and -abad is written
// apart, the person's name matched as a name (Jacobabad جیکب آباد). None of
// these matched confidently before.
func TestEnglishSpellings(t *testing.T) {
	vocab := []Word{
		{"کوئنٹن", 10}, {"کونٹن", 1}, {"کنٹینر", 12},
		{"نیسلے", 14}, {"نسل", 30}, {"نسلی", 8},
		{"جیکب", 10}, {"آباد", 400}, {"جیکب آبادڈسٹرکٹ", 2},
		{"قطر", 60},
	}
	m := NewMatcher(vocab)
	for _, c := range []struct{ latin, want string }{
		{"quinton", "کوئنٹن"},
		{"nestle", "نیسلے"},
		{"jacobabad", "جیکب آباد"},
		// A q before another letter than u is still ق.
		{"qatar", "قطر"},
	} {
		got := m.Transliterate(c.latin)
		if len(got) == 0 || got[0].Word != c.want || got[0].Score < NameThreshold {
			t.Errorf("Transliterate(%q) = %v, want %s first and confident", c.latin, got, c.want)
		}
	}
	// Another word before آباد is split off only when it matches as a name.
	if got := m.Transliterate("nasrabad"); len(got) > 0 && got[0].Score >= NameThreshold {
		t.Errorf("Transliterate(nasrabad) = %v, want nothing confident", got)
	}
}

// TestNamesSplit: without the pair in the vocabulary, a name the articles
// write as two words matches the two words.
func TestNamesSplit(t *testing.T) {
	m := realMatcher(t)
	got := m.Names("islamabad")
	if len(got) == 0 || got[0].Word != "اسلام آباد" || got[0].Score < NameThreshold {
		t.Errorf("Names(islamabad) = %v, want اسلام آباد first and confident", got)
	}
	// A single word that matches confidently is not split.
	if got := m.Names("karachi"); len(got) > 0 && strings.Contains(got[0].Word, " ") {
		t.Errorf("Names(karachi) = %v, want a single word", got)
	}
}

// ordinaryEnglish are common English words of news questions. None is a
// name, and some have transliterations in the articles (منسٹر, ایگریمنٹ,
// پالیسی, ویسٹ) that Names must still not match confidently.
var ordinaryEnglish = []string{
	"when", "did", "the", "agreement", "minister", "visit", "which",
	"countries", "what", "who", "where", "how", "many", "much", "between",
	"signed", "meeting", "foreign", "prime", "president", "trade", "energy",
	"gas", "pipeline", "policy", "relations", "talks", "during", "year",
	"month", "about", "with", "from", "said", "announced", "economic",
	"cooperation", "west", "army", "chief", "deal", "oil", "price", "bank",
	"security", "war", "peace", "first", "last", "two", "three",
}

func TestNamesOrdinaryEnglish(t *testing.T) {
	m := realMatcher(t)
	for _, w := range ordinaryEnglish {
		for _, x := range m.Names(w) {
			if x.Score >= NameThreshold {
				t.Errorf("Names(%q) = %v: %s scores %.2f, at or above NameThreshold %v", w, m.Names(w), x.Word, x.Score, NameThreshold)
			}
		}
	}
}

// TestEnglishFactor: Transliterate, without the English-word factor,
// finds the articles' loanwords, and Names scales them down.
func TestEnglishFactor(t *testing.T) {
	m := realMatcher(t)
	got := m.Transliterate("minister")
	if len(got) == 0 || got[0].Word != "منسٹر" || got[0].Score < NameThreshold {
		t.Fatalf("Transliterate(minister) = %v, want منسٹر first and confident", got)
	}
	names := m.Names("minister")
	if len(names) > 0 && names[0].Word == "منسٹر" && names[0].Score != got[0].Score*EnglishFactor {
		t.Errorf("Names(minister) = %v, want منسٹر at %v × EnglishFactor", names, got[0].Score)
	}
}

func TestIsEnglishWord(t *testing.T) {
	for _, w := range []string{"when", "agreement", "minister", "countries", "visit"} {
		if !IsEnglishWord(w) {
			t.Errorf("IsEnglishWord(%q) = false, want true", w)
		}
	}
	for _, w := range []string{"lavrov", "karachi", "moscow", "imran", "shanghai", "sputnik", "china", "turkey", ""} {
		if IsEnglishWord(w) {
			t.Errorf("IsEnglishWord(%q) = true, want false", w)
		}
	}
}

// TestNamesUrduToLatin: an Urdu-script name against an English
// collection's vocabulary.
func TestNamesUrduToLatin(t *testing.T) {
	vocab := []Word{
		{"moscow", 12}, {"london", 30}, {"lavrov", 4}, {"russia", 40},
		{"karachi", 9}, {"minister", 50}, {"visit", 20}, {"islamabad", 11},
		{"putin", 25}, {"the", 900}, {"medvedev", 2},
	}
	m := NewMatcher(vocab)
	for _, c := range []struct{ urdu, want string }{
		{"ماسکو", "moscow"},
		{"لاوروف", "lavrov"},
		{"لندن", "london"},
		{"کراچی", "karachi"},
		{"پوتن", "putin"},
		{"پیوٹن", "putin"},
		{"میدویدیف", "medvedev"},
	} {
		got := m.Names(c.urdu)
		if len(got) == 0 || got[0].Word != c.want || got[0].Score < NameThreshold {
			t.Errorf("Names(%s) = %v, want %s first and confident", c.urdu, got, c.want)
		}
	}
	// Urdu function words and words with no Latin counterpart match nothing.
	for _, u := range []string{"کے", "تھی", "ملاقات"} {
		for _, x := range m.Names(u) {
			if x.Score >= NameThreshold {
				t.Errorf("Names(%s) = %v, want no confident match", u, m.Names(u))
			}
		}
	}
}

// TestShortWords: a word of three letters or fewer matches only words with
// exactly its skeleton.
func TestShortWords(t *testing.T) {
	m := NewMatcher([]Word{{"درم", 5}, {"ادرک", 5}})
	if got := m.Names("dar"); len(got) != 0 {
		t.Errorf("Names(dar) over درم, ادرک = %v, want nothing (one consonant off)", got)
	}
	m = NewMatcher([]Word{{"ڈار", 5}, {"درم", 5}})
	if got := m.Names("dar"); len(got) == 0 || got[0].Word != "ڈار" {
		t.Errorf("Names(dar) over ڈار, درم = %v, want ڈار", got)
	}
	// A longer word may be one consonant off.
	m = NewMatcher([]Word{{"میدویدیو", 5}})
	if got := m.Names("medvedev"); len(got) == 0 {
		t.Errorf("Names(medvedev) over میدویدیو = nothing, want a (weaker) match")
	}
}

// TestScoreFallsOff: the more of a name a word misses, the lower it
// scores, and a word a consonant off is not confident.
func TestScoreFallsOff(t *testing.T) {
	words := []string{"میدویدیف", "میدویدف", "میدودیف", "میدوید", "مدوید"}
	var prev float64 = 2
	for _, w := range words {
		s := score(alignCost("medvedev", w, false), len("medvedev"))
		t.Logf("medvedev ~ %s: %.3f", w, s)
		if s > prev+1e-6 {
			t.Errorf("medvedev ~ %s scores %.3f, more than the closer spelling before it (%.3f)", w, s, prev)
		}
		prev = s
	}
	if s := score(alignCost("medvedev", "میدویدیف", false), 8); s < NameThreshold {
		t.Errorf("medvedev ~ میدویدیف scores %.3f, want at least NameThreshold", s)
	}
	for _, w := range []string{"میدوید", "مدوید", "میکویدیف"} {
		if s := score(alignCost("medvedev", w, false), 8); s >= NameThreshold {
			t.Errorf("medvedev ~ %s scores %.3f, want below NameThreshold", w, s)
		}
	}
}

func TestMatcherLen(t *testing.T) {
	m := NewMatcher([]Word{{"ماسکو", 1}, {"moscow", 1}, {"2018", 3}, {"", 0}})
	if m.Len() != 4 {
		t.Errorf("Len() = %d, want 4", m.Len())
	}
	if got := NewMatcher(nil).Names("moscow"); got != nil {
		t.Errorf("empty Matcher: Names(moscow) = %v, want nil", got)
	}
}

// Latin "ia" inside a word is Urdu's یا (Riaz ریاض, Niaz نیاز, Mian میاں):
// the name is among the spellings Names returns beside the shorter words
// its letters also spell (ریز, رز).
func TestNamesInnerIA(t *testing.T) {
	m := NewMatcher([]Word{{Text: "ریاض", DF: 500}, {Text: "ریز", DF: 50}, {Text: "رز", DF: 20}, {Text: "راز", DF: 100}})
	got := m.Names("riaz")
	if !slices.ContainsFunc(got, func(x Match) bool { return x.Word == "ریاض" && x.Score >= NameThreshold }) {
		t.Errorf("Names(riaz) = %v, want ریاض among them, confident", got)
	}
}

// An initial doubled a is the long vowel Urdu writes آ or عا, not a bare ا
// (Aamir عامر, Aasim عاصم), and a doubled vowel's second letter is never an
// unwritten short vowel: "Aamir" once matched امیر, امر and آمر, and not
// the actor عامر خان of the news.
func TestNamesDoubledVowel(t *testing.T) {
	m := NewMatcher([]Word{{"عامر", 40}, {"امیر", 300}, {"امر", 80}, {"آمر", 5}, {"عاصم", 20}, {"اسم", 10}})
	for _, c := range []struct{ latin, want string }{{"aamir", "عامر"}, {"aasim", "عاصم"}} {
		got := m.Names(c.latin)
		if !slices.ContainsFunc(got, func(x Match) bool { return x.Word == c.want && x.Score >= NameThreshold }) {
			t.Errorf("Names(%q) = %v, want %s among them, confident", c.latin, got, c.want)
		}
	}
	// A doubled a spells the long vowel more surely than امیر's bare ا.
	score := func(ms []Match, w string) float64 {
		for _, x := range ms {
			if x.Word == w {
				return x.Score
			}
		}
		return 0
	}
	if got := m.Names("aamir"); score(got, "عامر") <= score(got, "امیر") {
		t.Errorf("Names(aamir) = %v, want عامر above امیر", got)
	}
	// A single a is still the ا of امیر.
	if got := m.Names("amir"); len(got) == 0 || got[0].Word != "امیر" {
		t.Errorf("Names(amir) = %v, want امیر first", got)
	}
}
