package text

import (
	"maps"
	"slices"
	"strings"
	"unicode/utf8"
)

// A light stemmer for retrieval: it strips inflectional endings so that the
// forms of one word meet ("کتاب", "کتابیں", "کتابوں" → "کتاب"; "معاہدہ",
// "معاہدے", "معاہدوں" → "معاہد"), not to find a linguistic root. The stems
// are often not words themselves. It is deliberately conservative: a false
// match costs precision on every query that contains the word, a missed one
// only on the queries that inflect it differently from the article.
//
// What it does, on Arabic-script tokens (in this order, longest ending first,
// and repeated until nothing more comes off):
//
//   - plural and oblique endings: ؤں (دعاؤں → دعا), ئیں (بنائیں → بنا),
//     وں (ملکوں), یں (کتابیں), اں after ی (لڑکیاں → لڑکی), and the Arabic
//     plural ات (انتخابات → انتخاب, ملاقات → ملاق);
//   - the future ending گا/گی/گے where it is glued to a verb (کریگا, ہوگی);
//   - the perfective یا after a vowel (بنایا → بنا), and ئی/ئے/ۓ (بنائی → بنا);
//   - one final vowel letter: ے, ی (adjectives and feminines: پاکستانی →
//     پاکستان), ا (masculine: لڑکا → لڑک), ہ/ۂ (the silent h that alternates
//     with ے: معاہدہ → معاہد).
//
// And what it does not:
//
//   - A stem is never shorter than three letters, so short words, which are
//     the most ambiguous, keep their endings (بچہ, بچے and بچوں would not
//     meet; urduStemTable lists them and a few others by hand).
//   - Nor is it two letters and ن: those are mostly a verb's infinitive
//     (جانے, دینے, لینے), which would meet a noun (جان life, دین religion),
//     or خانے, which would meet خان.
//   - A final ا after ی, ہ, ا, آ or ئ is a consonant's vowel, not an ending
//     (دنیا, انڈیا, انتہا); a ہ after ا is a consonant (گواہ, سربراہ); a final
//     ی after ا or و is the consonant y (رویہ → روی, سرمایہ → سرمای).
//   - No verb stems: the infinitive and participles (نا/نے, تا/تی/تے) come off
//     only as far as their vowel (بنانا, بنانے → بنان; کرتا, کرتی → کرت), because
//     stripping نی or تی would cut nouns (کہانی, حکومتی). Urdu news puts its
//     content in nouns; verbs are mostly light verbs, which are stopwords.
//   - No و (اردو, ہندو) and no conjunctive کر (لشکر, نوکر, اسپیکر).
//   - Words in urduStemKeep are left alone (names, numbers, question words,
//     adverbs whose tanween alif Fold removed, words that would meet an
//     unrelated one), and those in urduStemTable get the stem it gives.
//     Both lists come from reading the largest and the most frequent stem
//     classes of the news corpus (stem_measure_test.go).
//
// Latin tokens made of a–z get Harman's S-stemmer (ies → y, es → e, s → ""),
// which is enough for the English names and terms quoted in Urdu news. Digits
// and every other token are returned as they are.

// urduMinStem is the fewest letters a stem may keep.
const urduMinStem = 3

// Stem returns the stem of tok, a folded token as returned by [Tokens]. It is
// idempotent (Stem(Stem(t)) == Stem(t)) and never returns "" for a non-empty
// token.
func Stem(tok string) string {
	switch stemScript(tok) {
	case clsArabic:
		return stemUrdu(tok)
	case clsOther:
		return stemEnglish(tok)
	}
	return tok
}

// StemTokens replaces each token with its [Stem], in place, and returns toks.
func StemTokens(toks []string) []string {
	for i, t := range toks {
		toks[i] = Stem(t)
	}
	return toks
}

// stemScript returns clsArabic for a token of Arabic-script letters only,
// clsOther for one of ASCII a–z only, and clsSep for anything else (digits,
// marks, other scripts, upper case, invalid UTF-8), which Stem leaves alone.
func stemScript(tok string) int {
	if tok == "" {
		return clsSep
	}
	if b := tok[0]; b < utf8.RuneSelf {
		for i := 0; i < len(tok); i++ {
			if b := tok[i]; b < 'a' || b > 'z' {
				return clsSep
			}
		}
		return clsOther
	}
	for i := 0; i < len(tok); {
		r, size := decodeRune(tok, i)
		if r == utf8.RuneError || classOf(r) != clsArabic {
			return clsSep
		}
		i += size
	}
	return clsArabic
}

// stemUrdu strips endings until none applies. Stopping only at a fixed point
// (or at a listed word) is what makes Stem idempotent.
func stemUrdu(w string) string {
	for {
		if s, ok := urduStemTable[w]; ok {
			return s
		}
		if _, ok := urduStemKeep[w]; ok {
			return w
		}
		next, ok := stripUrdu(w)
		if !ok {
			return w
		}
		w = next
	}
}

// urduSuffix is an ending stripUrdu removes: what must or must not come
// before it (as a set of letters; empty means anything).
type urduSuffix struct {
	suffix   string
	after    string
	notAfter string
}

// urduSuffixes in the order they are tried; the first that fits is removed.
// An ending whose removal would leave fewer than urduMinStem letters is
// skipped, and a shorter one may then apply (ہوئی → ہوئ, like ہوئے).
var urduSuffixes = []urduSuffix{
	{suffix: "ؤں"},
	{suffix: "ئیں"},
	{suffix: "وں"},
	{suffix: "یں"},
	{suffix: "اں", after: "ی"},
	{suffix: "ات"},
	{suffix: "گا", after: "ےیوں"},
	{suffix: "گی", after: "ےیوں"},
	{suffix: "گے", after: "ےیوں"},
	{suffix: "یا", after: "او"},
	{suffix: "ئی"},
	{suffix: "ئے"},
	{suffix: "ۓ"},
	{suffix: "ے"},
	{suffix: "ی", notAfter: "او"},
	{suffix: "ا", notAfter: "یہاآئ"},
	{suffix: "ہ", notAfter: "ا"},
	{suffix: "ۂ", notAfter: "ا"},
}

// Forms returns the words Stem gives tok's stem for that are one ending
// longer than it (the stem with each Urdu ending Stem strips: ہنگام →
// ہنگامے, ہنگامہ, ہنگاموں …), tok itself aside: the forms a collection may
// write a word in when it never writes the question's. None for a token
// Stem does not read as Urdu.
func Forms(tok string) []string {
	if stemScript(tok) != clsArabic {
		return nil
	}
	stem := Stem(tok)
	var out []string
	for _, s := range urduSuffixes {
		if f := stem + s.suffix; f != tok && Stem(f) == stem && !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}

// stripUrdu removes one ending from w, reporting whether it did.
func stripUrdu(w string) (string, bool) {
	if strings.HasSuffix(w, "اللہ") { // عبداللہ, ثنااللہ: a name, not an ending
		return w, false
	}
	for _, s := range urduSuffixes {
		if !strings.HasSuffix(w, s.suffix) {
			continue
		}
		stem := w[:len(w)-len(s.suffix)]
		n := utf8.RuneCountInString(stem)
		if n < urduMinStem {
			continue
		}
		last, _ := utf8.DecodeLastRuneInString(stem)
		if n == urduMinStem && last == 'ن' {
			// Two letters and ن are mostly a verb's infinitive (جانے,
			// دینے, لینے), which would meet a noun (جان, دین, لین).
			continue
		}
		if s.after != "" && !strings.ContainsRune(s.after, last) {
			continue
		}
		if strings.ContainsRune(s.notAfter, last) {
			continue
		}
		return stem, true
	}
	return w, false
}

// urduStemKeep lists words Stem leaves as they are, in folded form: each
// would otherwise meet an unrelated word (the one it would meet is given).
var urduStemKeep = setOf(
	// Adverbs written with tanween (ً), which Fold removes, leaving an alif
	// that is not an ending: تقریباً "about" must not meet تقریب "ceremony".
	"تقریبا", "فورا", "مثلا", "عموما", "خصوصا", "یقینا", "اصولا", "عملا",
	"قطعا", "نسبتا", "اتفاقا", "غالبا", "حقیقتا", "واقعتا",
	// Question words carry the intent of a query (see stopwords.go) and
	// are kept whole; کیسے would also meet کیس "case".
	"کیسے", "کیسا", "کیسی", "کتنا", "کتنی", "کتنے", "کونسا", "کونسی", "کونسے",
	// Numbers and dates: بارہ 12 (بار), سترہ 17 (ستر 70), سولہ 16 (سول),
	// تیرہ 13 (تیر), جمعہ Friday (جمع), جمعرات Thursday, جولائی July (جولی).
	"گیارہ", "بارہ", "تیرہ", "چودہ", "پندرہ", "سولہ", "سترہ", "اٹھارہ",
	"جمعہ", "جمعرات", "جنوری", "فروری", "جولائی",
	// Feminine or -ہ words that are not forms of the shorter word:
	// والدہ mother (والد father), ملکہ queen (ملک), مردہ dead (مرد man),
	// عمرہ umrah (عمر), چارہ fodder (چار four), چندہ donation (چند),
	// اہلیہ wife (اہل), حاملہ pregnant (حامل), حسینہ, سارہ (names).
	"والدہ", "ملکہ", "مردہ", "عمرہ", "چارہ", "چندہ", "اہلیہ", "حاملہ",
	"حسینہ", "سارہ",
	// آبادی population (آباد, as in اسلام آباد), بالی and ہالی (the first
	// half of Bollywood and Hollywood: بال hair, ہال hall), کیلئے (glued کے
	// لئے: کیل nail), برسات monsoon (برس year), واردات (وارد), نظری
	// (نظریہ, نظریات: نظر sight).
	"آبادی", "بالی", "ہالی", "کیلئے", "کیلیے", "برسات", "واردات", "نظری",
	// Possessives that would meet a name or a noun: میر, تیر "arrow".
	"میرا", "میری", "میرے", "تیرا", "تیری", "تیرے",
	// مبینہ "alleged" (the name مبین).
	"مبینہ",
	// Names: surnames in ی that would meet another name or a word
	// (بخاری: بخار fever; عباسی: عباس; یوسفزئی: یوسفز), and places in ات
	// (گجرات: گجر) and ویرات (Kohli: ویر).
	"عباسی", "بخاری", "قریشی", "صدیقی", "قادری", "فاروقی", "ہاشمی", "گیلانی",
	"جیلانی", "زرداری", "عثمانی", "حقانی", "انصاری", "یوسفزئی", "گجرات", "ویرات",
)

// urduStemTable maps the forms of a few words to one stem where stripping
// would make them meet an unrelated word, or where the three-letter floor
// would leave them apart. Each group's first form is its stem.
var urduStemTable = stemGroups(
	[]string{"حملہ", "حملے", "حملوں"},                    // attack, not حمل pregnancy
	[]string{"فیصلہ", "فیصلے", "فیصلوں"},                 // decision, not the name فیصل
	[]string{"دورہ", "دورے", "دوروں"},                    // visit, not دور era
	[]string{"روپیہ", "روپے", "روپئے", "روپیے", "روپوں"}, // rupee, not روپ form
	[]string{"روزہ", "روزے", "روزوں"},                    // fast, not روز day
	[]string{"عہدہ", "عہدے", "عہدوں"},                    // post, not عہد era
	[]string{"درجہ", "درجے", "درجوں", "درجۂ", "درجات"},   // degree, not درج entered
	[]string{"گردہ", "گردے"},                             // kidney, not گرد dust, دہشت گردی (گردوں is دہشت گردوں's: terrorists)
	[]string{"خانہ", "خانے", "خانوں"},                    // house, not خان
	[]string{"کمرہ", "کمرے", "کمروں"},                    // room, not کمر waist
	[]string{"سودا", "سودے", "سودوں"},                    // deal, not سود interest
	[]string{"کالا", "کالی", "کالے"},                     // black, not کال call
	[]string{"نامہ", "نامے"},                             // letter, chronicle (مشرق نامہ), not نام name
	[]string{"سونا", "سونے"},                             // gold ("فی اونس سونا", "سونے کی قیمت"), which the ن rule leaves apart
	// Spellings of one word that the rules leave apart.
	[]string{"بینک", "بنک"}, // bank: dated-ur writes بینک 175 times and بنک 14
	// Short nouns the three-letter floor would leave apart.
	[]string{"بچہ", "بچے", "بچوں"},
	[]string{"حصہ", "حصے", "حصوں"},
	[]string{"جگہ", "جگہوں", "جگہیں"},
)

// StemLists is the stemmer's hand-written lists as text (each kept word,
// and each listed form with its stem), sorted: an index that stores stems
// records it, so that a change to the lists, which a probe text may not
// touch, makes the stored stems stale.
func StemLists() string {
	var b strings.Builder
	for _, w := range slices.Sorted(maps.Keys(urduStemKeep)) {
		b.WriteString(w + " ")
	}
	for _, f := range slices.Sorted(maps.Keys(urduStemTable)) {
		b.WriteString(f + ">" + urduStemTable[f] + " ")
	}
	return b.String()
}

func stemGroups(groups ...[]string) map[string]string {
	m := make(map[string]string)
	for _, g := range groups {
		for _, f := range g {
			m[f] = g[0]
		}
	}
	return m
}

// stemEnglish is Harman's S-stemmer, for words of four letters or more.
func stemEnglish(w string) string {
	if len(w) < 4 {
		return w
	}
	if _, ok := englishStemKeep[w]; ok {
		return w
	}
	switch {
	case strings.HasSuffix(w, "ies"):
		if !strings.HasSuffix(w, "eies") && !strings.HasSuffix(w, "aies") && len(w) > 4 {
			return w[:len(w)-3] + "y"
		}
	case strings.HasSuffix(w, "es"):
		if !strings.HasSuffix(w, "aes") && !strings.HasSuffix(w, "ees") && !strings.HasSuffix(w, "oes") {
			return w[:len(w)-1]
		}
	case strings.HasSuffix(w, "s"):
		if !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "is") {
			return w[:len(w)-1]
		}
	}
	return w
}

// englishStemKeep lists words ending in s that are not plurals.
var englishStemKeep = setOf(
	"news", "series", "species", "always", "perhaps", "whereas", "does",
	"bias", "texas", "christmas", "lens", "atlas", "canvas", "alias",
	"yes", "gas", "bus", "was", "has", "its", "his", "this", "thus",
	"physics", "politics", "economics", "mathematics", "statistics",
)
