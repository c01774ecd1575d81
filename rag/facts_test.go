package rag

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jawab/jawab/text"
)

// The facts an English reader is given come from the quoted Urdu sentence
// only: its dates, numbers, Latin names and the question's names it holds.
func TestEnglishFacts(t *testing.T) {
	names := []Name{{As: "Lavrov", Word: "لاوروف"}, {As: "Moscow", Word: "ماسکو"}}
	tests := []struct {
		sentence string
		want     string
	}{
		{"روس اور پاکستان کے درمیان سفارتی تعلقات یکم مئی 1948 کو نیو یارک میں قائم ہوئے۔", "1 May 1948"},
		{"شاہ محمود قریشی نے ماسکو میں 26 دسمبر 2018 کو روسی وزیر خارجہ سرگئی لاوروف سے ملاقات کی۔", "Moscow; 26 December 2018; Lavrov"},
		{"5نومبر2018کو چائنا انٹرنیشنل امپورٹ ایکسپو کے موقع پر ملاقات ہوئی۔", "5 November 2018"},
		{"یورپی ممالک روس سے یومیہ 12 لاکھ بیرل دیگر پٹرولیم مصنوعات خریدتے تھے۔", "1.2 million (12 lakh)"},
		{"روس نے پاکستان کو پچاس ہزار ڈوز دیں۔", "50,000"},
		{"دونوں ممالک نے 2017 میں LNG کے معاہدے پر دستخط کیے۔", "2017; LNG"},
		{"تجارت میں 40 فیصد اضافہ ہوا۔", "40"},
		{"کورونا کے مثبت کیسز کی شرح 10.4فیصد ہوگئی", "10.4"},
		{"60 کلومیٹر طویل موٹر وے پر 31 ارب روپے لاگت آئے گی", "60; 31 billion (31 arab)"},
		// A day as news names it.
		{"مشیر خارجہ سرتاج عزیز نے جمعرات کو افغان سفیر سے ملاقات کی۔", "Thursday"},
		{"مشیر خارجہ نے گزشتہ روز افغان سفیر سے ملاقات کی۔", "yesterday"},
		// Billions and trillions in English words, as the source's scale.
		{"صدر بائیڈن کا امریکی معیشت کی ترقی کے لیے 23 کھرب ڈالرمنصوبے کا اعلان", "2.3 trillion (23 kharab)"},
		{"صدربائیڈن کا انفراسٹرکچر کی بحالی کیلئے 2 ٹریلین ڈالر سے زائد منصوبے کا اعلان", "2 trillion"},
		{"سرمایہ کاروں کو ایک کھرب9ارب7کروڑ روپے کا نقصان", "109.07 billion"},
		{"فیس بک پر 150 ملین لائکس", "150 million"},
		{"ملک میں 2500000 افراد متاثر ہوئے", "2,500,000"},
		// A small number in words is a figure before what it counts.
		{"فائرنگ سے دو افراد جاں بحق اور تین زخمی ہو گئے", "2; 3"},
		// Halves and quarters, of a figure and of the clock.
		{"دنیا، کورونا وائرس سے اموات ساڑھے 28 لاکھ سے متجاوز", "2.85 million"},
		{"میچ پاکستانی وقت کے مطابق سہہ پہر ساڑھے تین بجے شروع ہوگا", "3:30"},
		// A constituency or an index spelled in letter names is its name.
		{"این اے 249 میں پولنگ کی تاریخ آگے بڑھانے کا مطالبہ", "NA-249"},
		{"کے ایس ای 100 انڈیکس 517.44 پوائنٹس اضافے سے 33023.80 پوائنٹس پر بند ہوا", "KSE-100; 517.44; 33,023.8"},
		// "اسی" is "that same" before a noun, not eighty.
		{"اسی سال روس نے پاکستان کو ہتھیاروں کی فراہمی پر عائد پابندی اٹھا لی۔", ""},
		// A series' score is one fact, in any digits.
		{"انگلینڈ نے 54 رنز سے جیت کر سیریز میں ۲-۱ کی برتری حاصل کر لی۔", "54; 2-1"},
		// Nothing to restate: no facts, rather than a guess.
		{"روس پاکستان کو ایک قابل بھروسا شراکت دار سمجھتا ہے۔", ""},
		// "دو" (two, give) alone is not a number.
		{"انہیں دو ملکوں کے تعلقات پر بات کرنے دو۔", ""},
	}
	for _, tt := range tests {
		if got := strings.Join(englishFacts(tt.sentence, names), "; "); got != tt.want {
			t.Errorf("englishFacts(%q) = %q, want %q", tt.sentence, got, tt.want)
		}
	}
}

func TestInputOf(t *testing.T) {
	a := &Answerer{}
	tests := map[string]string{
		"پاکستان اور روس کے درمیان سفارتی تعلقات کب قائم ہوئے؟":     InputUrdu,
		"پاکستان اور روس کے درمیان LNG معاہدہ کب ہوا؟":              InputUrdu, // an acronym is Urdu news's own
		"Sputnik V ویکسین پاکستان کب پہنچی؟":                        InputUrdu,
		"When did Lavrov visit Pakistan?":                           InputEnglish, // no offline translator: Latin is English
		"When did the foreign minister لاوروف last visit Pakistan?": InputMixed,
		"Imran Khan کا دورہ روس kab hua tha?":                       InputMixed,
		"کیا Imran Khan ne Moscow ka daura kiya tha اور کب؟":        InputMixed,
		"2018؟": "",
	}
	for q, want := range tests {
		if got := a.inputOf(q); got != want {
			t.Errorf("inputOf(%q) = %q, want %q", q, got, want)
		}
	}
}

// The cross-language gate: a sentence answers a rendered question when it
// holds enough of its words, what it requires, and for "when" or "how
// many" a number of its own.
func TestCrossCoverage(t *testing.T) {
	a := &Answerer{Retriever: &Retriever{}}
	word := func(src, ur string, required bool) CrossWord {
		return CrossWord{Source: src, Renderings: []WeightedTerm{{Term: ur, Weight: 1}}, Required: required}
	}
	visit := CrossQuery{Text: "کب پوتن دورہ پاکستان", Asks: AsksTime, Terms: []WeightedTerm{{Term: "پوتن", Weight: 1}, {Term: "دورہ", Weight: 1}, {Term: "پاکستان", Weight: 1}},
		Words: []CrossWord{word("putin", "پوتن", false), word("visit", "دورہ", false), word("pakistan", "پاکستان", false)}}
	if got := a.crossCoverage(nil, visit, cand("صدر پوتن نے 2019 میں پاکستان کا دورہ کیا۔")); got != 1 {
		t.Errorf("a dated sentence with every word: %v, want 1", got)
	}
	if got := a.crossCoverage(nil, visit, cand("وزیراعظم نے روسی صدر پوتن کو دورہ پاکستان کی دعوت دی۔")); got != 0 {
		t.Errorf("'when' answered by a sentence with no date: %v, want 0", got)
	}
	if got := a.crossCoverage(nil, visit, cand("صدر پوتن نے مئی میں پاکستان کا دورہ کیا۔")); got != 1 {
		t.Errorf("a month is a date: %v, want 1", got)
	}
	length := CrossQuery{Text: "گیس پائپ لائن کلومیٹر", Words: []CrossWord{word("gas", "گیس", false), word("pipeline", "پائپ لائن", false), word("kilometres", "کلومیٹر", true)}}
	if got := a.crossCoverage(nil, length, cand("کراچی سے لاہور تک گیس پائپ لائن بنے گی۔")); got != 0 {
		t.Errorf("the kilometres asked for are missing: %v, want 0", got)
	}
	if got := a.crossCoverage(nil, length, cand("گیس پائپ لائن گیارہ سو کلومیٹر لمبی ہو گی۔")); got != 1 {
		t.Errorf("every word, the required one too: %v, want 1", got)
	}
	// A required word is met by a likely rendering only.
	fighter := CrossQuery{Words: []CrossWord{word("helicopter", "ہیلی کاپٹر", false),
		{Source: "larakay", Required: true, Renderings: []WeightedTerm{{Term: "لڑاکا", Weight: 1}, {Term: "ترقی", Weight: 0.7}}}}}
	if got := a.crossCoverage(nil, fighter, cand("ہیلی کاپٹر سے ترقی ہو گی۔")); got != 0 {
		t.Errorf("a half-believed rendering met a required word: %v, want 0", got)
	}
	if got := a.crossCoverage(nil, fighter, cand("روس لڑاکا ہیلی کاپٹر دے گا۔")); got != 1 {
		t.Errorf("the likely rendering: %v, want 1", got)
	}
	// How many: the number must count what the question counts.
	agreements := CrossQuery{Asks: AsksNumber, Words: []CrossWord{word("muahidon", "معاہدوں", true), word("dastakhat", "دستخط", false)}}
	agreements.Words[0].Counted = true
	if got := a.crossCoverage(nil, agreements, cand("ایک 80 رکنی اعلی سطحی وفد پاکستان پہنچا اور پٹرولیم مصنوعات سمیت دیگر اہم معاہدوں پر دستخط کئے گئے۔")); got != 0 {
		t.Errorf("the 80 counts the delegation, not the agreements: %v, want 0", got)
	}
	if got := a.crossCoverage(nil, agreements, cand("دورے میں تین معاہدوں پر دستخط ہوئے۔")); got != 1 {
		t.Errorf("a number in words before what is counted: %v, want 1", got)
	}
	if got := a.crossCoverage(nil, agreements, cand("دستخط شدہ معاہدوں کی تعداد 12 ہے۔")); got != 1 {
		t.Errorf("a number just after what is counted: %v, want 1", got)
	}
	// A rendering's stopwords are not required: "کے ایس ای" (KSE) is met by
	// its letters, whose کے the sentence's words leave out as a stopword.
	kse := CrossQuery{Words: []CrossWord{word("kse", "کے ایس ای", true), word("index", "انڈیکس", false)}}
	if got := a.crossCoverage(nil, kse, cand("کے ایس ای 100 انڈیکس 33729 پوائنٹس پر بند ہوا۔")); got != 1 {
		t.Errorf("KSE spelled out: %v, want 1", got)
	}
	// A word one letter apart meets a rendering, as in the ranker: کرونا is
	// the other spelling of کورونا.
	covid := CrossQuery{Words: []CrossWord{word("covid", "کورونا", true), word("israel", "اسرائیل", false)}}
	if got := a.crossCoverage(nil, covid, cand("اسرائیل میں کرونا کے 20 ہزار نئے مریضوں کی تصدیق")); got != 1 {
		t.Errorf("کرونا for کورونا: %v, want 1", got)
	}
	// The rate of what the question names no currency for is its price,
	// stated as an amount ("gold rate"); a currency's rate is not any sum in
	// that currency.
	goldRate := CrossQuery{Words: []CrossWord{word("rate", "شرح", true), word("gold", "سونے", false), word("tola", "تولہ", false)}}
	if got := a.crossCoverage(nil, goldRate, cand("سونے کی فی تولہ قیمت 2250 روپے کی کمی سے 1 لاکھ 4 ہزار 450 روپے ہو گئی۔")); got != 1 {
		t.Errorf("gold's rate as its price in rupees: %v, want 1", got)
	}
	dollarRate := CrossQuery{Words: []CrossWord{word("rate", "شرح", true), word("dollar", "ڈالر", false)}}
	if got := a.crossCoverage(nil, dollarRate, cand("ملک کو 200 ارب ڈالر کا نقصان ہوا۔")); got != 0 {
		t.Errorf("a sum in dollars met the dollar's rate: %v, want 0", got)
	}
	// Any other rate is a percentage, often without شرح; a percentage is no
	// currency's rate.
	positivity := CrossQuery{Words: []CrossWord{word("positivity", "مثبت", false), word("rate", "شرح", true), word("islamabad", "اسلام آباد", false)}}
	if got := a.crossCoverage(nil, positivity, cand("اسلام آباد میں کورونا مثبت کیسز 12 فیصد تک پہنچ گئے۔")); got != 1 {
		t.Errorf("the positivity rate as a percentage: %v, want 1", got)
	}
	if got := a.crossCoverage(nil, dollarRate, cand("ڈالر کی قدر میں 2 فیصد کمی ہوئی۔")); got != 0 {
		t.Errorf("a percentage met the dollar's rate: %v, want 0", got)
	}
	// Two words a missing space glued ("کوروناویکسین") meet apart when both
	// are the collection's words; an unknown half splits nothing.
	vaccine := CrossQuery{Words: []CrossWord{word("covid", "کورونا", true), word("vaccine", "ویکسین", true), word("saudi", "سعودی", false)}}
	known := idfs{"کورونا": 3, "ویکسین": 4, "سعودی": 5}
	if got := a.crossCoverage(known, vaccine, cand("سعودی عرب میں 10 لاکھ شہریوں کو کوروناویکسین لگائی جا چکی۔")); got != 1 {
		t.Errorf("کوروناویکسین as کورونا ویکسین: %v, want 1", got)
	}
	if got := a.crossCoverage(idfs{"سعودی": 5}, vaccine, cand("سعودی عرب میں 10 لاکھ شہریوں کو کوروناویکسین لگائی جا چکی۔")); got != 0 {
		t.Errorf("a glued word split into words the collection lacks: %v, want 0", got)
	}
	// Three glued words split too ("ہزارویڈیوزہٹا": ہزار ویڈیوز ہٹا), and a
	// glued casualty word counts its dead ("183افرادہلاک" for "deaths").
	videos := CrossQuery{Words: []CrossWord{word("videos", "ویڈیوز", true), word("youtube", "یوٹیوب", false)}}
	if got := a.crossCoverage(idfs{"ہزار": 2, "ویڈیوز": 5, "ہٹا": 3, "یوٹیوب": 6}, videos, cand("یوٹیوب نے 30ہزارویڈیوزہٹا دیں")); got != 1 {
		t.Errorf("ہزارویڈیوزہٹا as ہزار ویڈیوز ہٹا: %v, want 1", got)
	}
	deaths := CrossQuery{Words: []CrossWord{word("deaths", "اموات", true), word("germany", "جرمنی", false)}}
	if got := a.crossCoverage(idfs{"افراد": 2, "ہلاک": 3, "جرمنی": 6, "اموات": 3}, deaths, cand("جرمنی میں نئے کیسز رپورٹ،183افرادہلاک")); got != 1 {
		t.Errorf("افرادہلاک met deaths: %v, want 1", got)
	}
	// A word a stray space split ("ایکس چینج") meets its rendering whole.
	exchange := CrossQuery{Words: []CrossWord{word("stock exchange", "اسٹاک ایکسچینج", true), word("market", "مارکیٹ", false)}}
	if got := a.crossCoverage(nil, exchange, cand("پاکستان اسٹاک ایکس چینج میں تیزی ،مارکیٹ کی سرمایہ کاری بڑھ گئی")); got != 1 {
		t.Errorf("ایکس چینج as ایکسچینج: %v, want 1", got)
	}
	if got := a.crossCoverage(nil, exchange, cand("پاکستان اسٹاک میں تیزی ،مارکیٹ کی سرمایہ کاری بڑھ گئی")); got != 0 {
		t.Errorf("no exchange at all: %v, want 0", got)
	}
	// A required word the renderer has no rendering for cannot be checked:
	// it weighs as unseen but vetoes nothing ("EU countries Rus se …").
	oil := CrossQuery{Words: []CrossWord{{Source: "countries", Required: true}, word("tel", "تیل", false), word("rus", "روس", false)}}
	if got := a.crossCoverage(nil, oil, cand("یورپی یونین کے رکن ممالک روس سے 22لاکھ بیرل یومیہ تیل درآمد کرتے تھے۔")); got <= 0 || got >= 1 {
		t.Errorf("an unrenderable required word: %v, want between 0 and 1", got)
	}
	// A required casualty word is met by another word for the same dead.
	died := CrossQuery{Asks: AsksNumber, Words: []CrossWord{word("people", "لوگ", false), word("died", "ہلاک", true), word("peshawar", "پشاور", false)}}
	if got := a.crossCoverage(nil, died, cand("پشاور میں دھماکے سے 12 افراد جاں بحق ہو گئے۔")); got == 0 {
		t.Errorf("died met by جاں بحق: %v, want more than 0", got)
	}
	// … and when it is what "how many" counts, the number beside such a
	// word counts it: "How many people died" by "مزید 3 مریض جاں بحق".
	died.Words[1].Counted = true
	if got := a.crossCoverage(nil, died, cand("پشاور میں گزشتہ 24 گھنٹے کے دوران مزید 3 مریض جاں بحق")); got == 0 {
		t.Errorf("a count of the dead in other words: %v, want more than 0", got)
	}
	if got := a.crossCoverage(nil, died, cand("پشاور میں 3 مریض ہسپتال داخل، کئی جاں بحق")); got != 0 {
		t.Errorf("a number that counts no dead: %v, want 0", got)
	}
	if got := a.crossCoverage(nil, died, cand("پشاور میں دھماکے سے 12 افراد زخمی ہو گئے۔")); got != 0 {
		t.Errorf("died met by the injured: %v, want 0", got)
	}
	investment := CrossQuery{Asks: AsksNumber, Words: []CrossWord{{Source: "sarmaya", Required: true, Counted: true, Renderings: []WeightedTerm{{Term: "سرمایہ", Weight: 1}}}}}
	if got := a.crossCoverage(nil, investment, cand("روس پاکستان میں 8 بلین ڈالر کی سرمایہ کاری کرنے کو تیار ہے۔")); got != 1 {
		t.Errorf("an amount with its scale and unit before the noun: %v, want 1", got)
	}
}

// idfs is a TermWeigher over a fixed table: a word not in it is unseen.
type idfs map[string]float64

func (m idfs) IDF(t string) float64 { return m[t] }

// A name the question writes and the collection has in no script: the
// articles never mention what the question is about.
func TestCrossCoverageUnseenName(t *testing.T) {
	a := &Answerer{Retriever: &Retriever{}}
	cand := []candidate{{sentence: "راکٹ کی اونچائی 70 میٹر ہے۔"}}
	tower := CrossQuery{Asks: AsksNumber, Words: []CrossWord{
		{Source: "Eiffel", Name: true, Renderings: []WeightedTerm{{Term: "ایفل", Weight: 1}}},
		{Source: "tall", Renderings: []WeightedTerm{{Term: "اونچائی", Weight: 1}}},
		{Source: "metres", Renderings: []WeightedTerm{{Term: "میٹر", Weight: 1}}},
	}}
	seen := idfs{"اونچائی": 3, "میٹر": 3, "راکٹ": 4}
	if got := a.crossCoverage(seen, tower, cand); got != 0 {
		t.Errorf("a name the collection never writes: %v, want 0", got)
	}
	// A name the collection writes split in two ("ایکوا ڈور") is there.
	ecuador := CrossQuery{Words: []CrossWord{
		{Source: "Ecuador", Name: true, Renderings: []WeightedTerm{{Term: "ایکواڈور", Weight: 1}}},
		{Source: "Brazil", Name: true, Renderings: []WeightedTerm{{Term: "برازیل", Weight: 1}}},
	}}
	split := idfs{"ایکوا": 5, "ڈور": 4, "برازیل": 3}
	if got := a.crossCoverage(split, ecuador, []candidate{{sentence: "برازیل نے ایکوا ڈور کو شکست دی۔"}}); got != 1 {
		t.Errorf("a name written split: %v, want 1", got)
	}
	if got := a.crossCoverage(idfs{"برازیل": 3}, ecuador, []candidate{{sentence: "برازیل نے کولمبیا کو شکست دی۔"}}); got != 0 {
		t.Errorf("a name the collection has in neither form: %v, want 0", got)
	}
	// The same word as an ordinary one is only a missing word.
	tower.Words[0].Name = false
	if got := a.crossCoverage(seen, tower, cand); got == 0 {
		t.Error("an unseen ordinary word refused the question outright")
	}
	// A name the collection keeps in Latin letters is there.
	tower.Words[0].Name = true
	seen[text.Fold("Eiffel")] = 5
	if got := a.crossCoverage(seen, tower, cand); got == 0 {
		t.Error("a name the collection writes in Latin letters counted as unseen")
	}
}

// What a question asks for must be in the sentence, at its grain: "which
// month" is not answered by a year, "on what date" not by a month alone.
func TestHoldsAsked(t *testing.T) {
	tests := []struct {
		asks, sentence string
		own            []string
		want           bool
	}{
		{AsksYear, "خواجہ آصف نے فروری میں ماسکو کا دورہ کیا۔", nil, false},
		{AsksYear, "ایل این جی کا معاہدہ 2017 میں ہوا۔", nil, true},
		{AsksYear, "نواز شریف نے 1999 میں روس کا دورہ کیا۔", []string{"1999"}, false}, // the question's own year
		{AsksMonth, "دونوں ملکوں کے درمیان 2016ء اور 2017ء میں مشقیں ہوئیں۔", nil, false},
		{AsksMonth, "فروری کے مہینے میں وزیر خارجہ ماسکو گئے۔", nil, true},
		{AsksDate, "گزشتہ برس فروری میں عمران خان نے روس کا دورہ کیا۔", nil, false},
		{AsksDate, "سفارتی تعلقات یکم مئی 1948 کو قائم ہوئے۔", nil, true},
		{AsksDate, "5نومبر2018کو ملاقات ہوئی۔", nil, true},
		{AsksTime, "وزیراعظم نے روسی صدر کو دورہ پاکستان کی دعوت دی۔", nil, false},
		{AsksTime, "بلاول بھٹو نے 30 جنوری کو ماسکو کا دورہ کیا۔", nil, true},
		// A day as news names it: a weekday before کو, or yesterday.
		{AsksDate, "مشیر خارجہ سرتاج عزیز نے جمعرات کو افغان سفیر سے ملاقات کی۔", nil, true},
		{AsksDate, "مشیر خارجہ نے گزشتہ روز افغان سفیر سے ملاقات کی۔", nil, true},
		{AsksTime, "گورننگ بورڈ کا اجلاس (آج)جمعہ کو لاہور میں ہوگا۔", nil, true},
		{AsksTime, "جمعہ کی نماز کے بعد احتجاج ہوا۔", nil, false}, // the Friday prayer, no day
		{AsksTime, "ایک ہفتہ پہلے اجلاس ہوا۔", nil, false},        // a week
		{AsksNumber, "تجارت میں 40 فیصد اضافہ ہوا۔", nil, true},
		{AsksNumber, "روس نے ہیلی کاپٹر دینے کا معاہدہ کیا۔", nil, false},
		{AsksNumber, "برطانیہ میں دو کروڑ لوگوں کو ویکسین لگا دی گئی", nil, true}, // a number in words
		{AsksNumber, "وزیر اعظم نے کہا کہ ویکسین دو", nil, false},                 // دو alone: "give"
		{"", "کوئی بھی جملہ۔", nil, true},
	}
	for _, tt := range tests {
		if got := holdsAsked(tt.asks, text.Tokens(tt.sentence), tt.own); got != tt.want {
			t.Errorf("holdsAsked(%s, %q) = %v, want %v", tt.asks, tt.sentence, got, tt.want)
		}
	}
}

// vocab is a TermWeigher of a fixed vocabulary, every word of weight 1.
type vocab map[string]bool

func (v vocab) IDF(t string) float64 {
	if v[t] {
		return 1
	}
	return 0
}

// A fragment a stray space cut off is joined back when the join is a word
// of the collection; a number word glued to the postposition before it
// still counts.
func TestStraysAndGluedCounts(t *testing.T) {
	toks := text.Tokens("ضلع کولگام میںدو کشمیری نوجوا ن شہید کر دیے")
	got := joinStrays(toks, vocab{"نوجوان": true})
	if !slices.Contains(got, "نوجوان") || slices.Contains(got, "ن") {
		t.Errorf("joinStrays = %q, want نوجوان joined", got)
	}
	if kept := joinStrays(toks, vocab{}); !slices.Equal(kept, toks) {
		t.Errorf("joinStrays = %q: a join the collection does not know is no word", kept)
	}
	// A number word is no fragment, though the collection's typos hold the join.
	count := text.Tokens("برطانیہ میں دو کروڑ لوگوں کو ویکسین لگا دی گئی")
	if got := joinStrays(count, vocab{"میںدو": true}); !slices.Equal(got, count) {
		t.Errorf("joinStrays = %q: want دو left a number", got)
	}
	if !isCount("میںدو") || !isCount("دو") || isCount("میںکہا") || isCount("میں") {
		t.Error("isCount: want دو glued to میں a count, and no other word")
	}
	// Together: "how many Kashmiri youths" is counted by "میںدو کشمیری نوجوا ن".
	a := &Answerer{Retriever: &Retriever{}}
	youths := CrossQuery{Asks: AsksNumber, Words: []CrossWord{
		{Source: "kashmiri", Renderings: []WeightedTerm{{Term: "کشمیری", Weight: 1}}, Required: true, Counted: true},
		{Source: "youths", Renderings: []WeightedTerm{{Term: "نوجوانوں", Weight: 1}}, Required: true, Counted: true},
	}}
	cands := []candidate{{sentence: "ضلع کولگام میںدو کشمیری نوجوا ن شہید کر دیے۔"}}
	if got := a.crossCoverage(vocab{"نوجوان": true, "کشمیری": true, "نوجوانوں": true}, youths, cands); got == 0 {
		t.Errorf("crossCoverage = %v, want the sentence to count the youths", got)
	}
}

// A scale word alone is a count: "how many vaccine doses were spoiled in
// Japan" is answered by "جاپان میں کرونا ویکسین کی ہزار سے زیادہ خوراکیں
// خراب" (a thousand and more), and a sentence with no number is not.
func TestScaleWordAloneCounts(t *testing.T) {
	if !isCount("ہزار") || !isCount("لاکھ") || isCount("ہزارہ") {
		t.Error("isCount: want a scale word alone a count, and ہزارہ (a people) none")
	}
	a := &Answerer{Retriever: &Retriever{}}
	doses := CrossQuery{Asks: AsksNumber, Words: []CrossWord{
		{Source: "japan", Renderings: []WeightedTerm{{Term: "جاپان", Weight: 1}}, Required: true, Name: true},
		{Source: "doses", Renderings: []WeightedTerm{{Term: "خوراکیں", Weight: 1}}, Required: true, Counted: true},
	}}
	w := vocab{"جاپان": true, "خوراکیں": true}
	if got := a.crossCoverage(w, doses, []candidate{{sentence: "جاپان میں کرونا ویکسین کی ہزار سے زیادہ خوراکیں خراب"}}); got == 0 {
		t.Errorf("crossCoverage = %v, want ہزار to count the doses", got)
	}
	if got := a.crossCoverage(w, doses, []candidate{{sentence: "جاپان میں کرونا ویکسین کی خوراکیں خراب"}}); got != 0 {
		t.Errorf("crossCoverage = %v, want 0: the sentence counts nothing", got)
	}
}

// A two-letter word is joined to the one before it when the collection
// writes the pair glued ("ورلڈکپ"), and both words still meet the question:
// "World Cup" is met by "ورلڈ کپ".
func TestJoinedWordsStillMeet(t *testing.T) {
	a := &Answerer{Retriever: &Retriever{}}
	cup := CrossQuery{Words: []CrossWord{
		{Source: "world", Renderings: []WeightedTerm{{Term: "ورلڈ", Weight: 1}}},
		{Source: "cup", Renderings: []WeightedTerm{{Term: "کپ", Weight: 1}}},
		{Source: "rugby", Renderings: []WeightedTerm{{Term: "رگبی", Weight: 1}}},
	}}
	w := vocab{"ورلڈ": true, "کپ": true, "رگبی": true, "ورلڈکپ": true}
	cands := []candidate{{sentence: "2014 ویمنز رگبی ورلڈ کپ میں نیوزی لینڈ اور کینیڈا نے میچ جیت لئے۔"}}
	if !slices.Contains(joinStrays(text.Tokens(cands[0].sentence), w), "ورلڈکپ") {
		t.Fatal("joinStrays did not join ورلڈ کپ: the case below tests nothing")
	}
	if got := a.crossCoverage(w, cup, cands); got != 1 {
		t.Errorf("crossCoverage = %v, want 1: world, cup and rugby are all in the sentence", got)
	}
}

// "How much money" is answered by an amount, which a report states without
// the word: "8 لاکھ ڈالر امداد".
func TestSumAskedIsMetByAnAmount(t *testing.T) {
	a := &Answerer{Retriever: &Retriever{}}
	money := CrossQuery{Words: []CrossWord{
		{Source: "money", Renderings: []WeightedTerm{{Term: "رقم", Weight: 1}}, Required: true},
		{Source: "driver", Renderings: []WeightedTerm{{Term: "ڈرائیور", Weight: 1}}},
	}}
	if got := a.crossCoverage(nil, money, []candidate{{sentence: "مقتول ڈرائیور کے اہل خانہ کیلئے 8لاکھ ڈالر امداد جمع"}}); got != 1 {
		t.Errorf("crossCoverage = %v, want 1: the amount answers how much money", got)
	}
	if got := a.crossCoverage(nil, money, []candidate{{sentence: "مقتول ڈرائیور کے اہل خانہ کے لیے امداد جمع کی گئی"}}); got > 0 {
		t.Errorf("crossCoverage = %v, want 0: no amount, and money is required", got)
	}
}

// What "how much money" counts is a sum, and a sum is counted in a currency,
// not beside the word "money"; news writes it with scales and in words.
func TestCountedSumIsAnAmount(t *testing.T) {
	a := &Answerer{Retriever: &Retriever{}}
	money := CrossQuery{Asks: AsksNumber, Words: []CrossWord{
		{Source: "money", Renderings: []WeightedTerm{{Term: "رقم", Weight: 1}}, Required: true, Counted: true},
		{Source: "stadium", Renderings: []WeightedTerm{{Term: "سٹیڈیم", Weight: 1}}},
	}}
	for _, sentence := range []string{
		"جرمنی نے خوست میں نئے کرکٹ سٹیڈیم کی تعمیر کیلئے 7 لاکھ یورو کی مالی امداد کی منظوری دے دی۔",
		"حکومت نے سٹیڈیم کے لیے ایک ارب چار کروڑ روپے جاری کر دیئے۔",
		"سٹیڈیم کے لیے دو سو ارب ڈالر لانے کی بات ہوئی۔",
	} {
		if got := a.crossCoverage(nil, money, []candidate{{sentence: sentence}}); got != 1 {
			t.Errorf("crossCoverage(%q) = %v, want 1: the sum answers how much money", sentence, got)
		}
	}
	for _, sentence := range []string{
		"سٹیڈیم کی تعمیر کے لیے 7 لاکھ اینٹیں منگوائی گئیں۔",  // a number, but of no currency
		"سٹیڈیم کی تعمیر کے لیے مالی امداد کی منظوری دی گئی۔", // no number
	} {
		if got := a.crossCoverage(nil, money, []candidate{{sentence: sentence}}); got > 0 {
			t.Errorf("crossCoverage(%q) = %v, want 0: no sum of money", sentence, got)
		}
	}
}

// A count written in words with its scale stands beside what is counted
// as digits do: "ایک ہزار سے زائد دہشتگردوں" counts the militants, though
// its ایک alone would be the article; and a number that counts something
// else, however written, does not.
func TestCountedInWordsWithItsScale(t *testing.T) {
	a := &Answerer{Retriever: &Retriever{}}
	militants := CrossQuery{Asks: AsksNumber, Words: []CrossWord{
		{Source: "militants", Renderings: []WeightedTerm{{Term: "دہشتگرد", Weight: 1}}, Required: true, Counted: true},
		{Source: "operation", Renderings: []WeightedTerm{{Term: "آپریشن", Weight: 1}}},
	}}
	for _, c := range []struct {
		sentence string
		want     float64
	}{
		{"آپریشن کے بارے میں بتایا گیا کہ اب تک ایک ہزار سے زائد دہشتگردوں کو ہلاک کیا جا چکا ہے۔", 1},
		{"آپریشن میں دو لاکھ دہشتگردوں کے خلاف کارروائی کی بات کی گئی۔", 1},
		// The number counts the displaced, too far from the militants.
		{"آپریشن کے باعث ایک لاکھ سے زائد افراد نقل مکانی کر کے بنوں پہنچے جبکہ علاقے میں دہشتگردوں کے ٹھکانے تباہ کر دیے گئے۔", 0},
		// ایک is the article here: "a" militant.
		{"آپریشن کے دوران ایک دہشتگرد کو گرفتار کر لیا گیا۔", 0},
	} {
		if got := a.crossCoverage(nil, militants, []candidate{{sentence: c.sentence}}); got != c.want {
			t.Errorf("crossCoverage(%q) = %v, want %v", c.sentence, got, c.want)
		}
	}
}

// What "how many" counts may be typed as one word in the collection ("ونڈے"
// for "ون ڈے"): the sentence's words are joined as the collection writes
// them, and its number still stands beside what is counted.
func TestCountedWordTypedGlued(t *testing.T) {
	a := &Answerer{Retriever: &Retriever{}}
	odis := CrossQuery{Asks: AsksNumber, Words: []CrossWord{
		{Source: "odis", Renderings: []WeightedTerm{{Term: "ون ڈے", Weight: 1}}, Required: true, Counted: true},
		{Source: "bangladesh", Renderings: []WeightedTerm{{Term: "بنگلہ دیش", Weight: 1}}},
	}}
	w := vocab{"ون": true, "ڈے": true, "ونڈے": true, "بنگلہ": true, "دیش": true}
	sentence := "بنگلہ دیش کی کرکٹ ٹیم ویسٹ انڈیز میں تین ون ڈے اور دو ٹیسٹ میچز کھیلے گی۔"
	if !slices.Contains(joinStrays(text.Tokens(sentence), w), "ونڈے") {
		t.Fatal("joinStrays did not join ون ڈے: the case below tests nothing")
	}
	if got := a.crossCoverage(w, odis, []candidate{{sentence: sentence}}); got != 1 {
		t.Errorf("crossCoverage = %v, want 1: three ODIs are counted", got)
	}
}

// A year an English question names must be the sentence's or its report's:
// "How much was the trade worth in 2023?" is not answered by a figure in an
// undated article, nor in a report of 2021, but is by a report of 2023 or
// of 2024 (a year's figures are published after it).
func TestYearAskedIsTheReports(t *testing.T) {
	a := &Answerer{Retriever: &Retriever{}}
	trade := CrossQuery{Asks: AsksNumber, Words: []CrossWord{
		{Source: "trade", Renderings: []WeightedTerm{{Term: "تجارت", Weight: 1}}},
		{Source: "worth", Renderings: []WeightedTerm{{Term: "مالیت", Weight: 1}}, Required: true, Counted: true},
		{Source: "2023", Renderings: []WeightedTerm{{Term: "2023", Weight: 1}}},
	}}
	sentence := "ہماری باہمی تجارت 790 ملین ڈالر تک پہنچ گئی ہے۔"
	day := func(y int) time.Time { return time.Date(y, 3, 1, 0, 0, 0, 0, time.UTC) }
	for _, c := range []struct {
		p    *Passage
		want bool
	}{
		{&Passage{}, false},
		{&Passage{Published: day(2021)}, false},
		{&Passage{Published: day(2023)}, true},
		{&Passage{Published: day(2024)}, true},
	} {
		got := a.crossCoverage(nil, trade, []candidate{{sentence: sentence, p: c.p}})
		if (got > 0) != c.want {
			t.Errorf("published %v: crossCoverage = %v, want answered %v", c.p.Published, got, c.want)
		}
	}
	if got := a.crossCoverage(nil, trade, []candidate{{sentence: "2023 میں باہمی تجارت 790 ملین ڈالر تک پہنچ گئی۔", p: &Passage{}}}); got != 1 {
		t.Errorf("crossCoverage = %v, want 1: the sentence names the year", got)
	}
}

// Without drops the words whose likeliest rendering lies within a phrase, and
// keeps the rest.
func TestCrossQueryWithout(t *testing.T) {
	cq := CrossQuery{Words: []CrossWord{
		{Source: "taza", Renderings: []WeightedTerm{{Term: "تازہ", Weight: 1}}},
		{Source: "tareen", Renderings: []WeightedTerm{{Term: "ترین", Weight: 1}}},
		{Source: "sailab", Renderings: []WeightedTerm{{Term: "سیلاب", Weight: 1}}},
	}}
	got := cq.Without("تازہ ترین")
	if len(got.Words) != 1 || got.Words[0].Source != "sailab" || len(cq.Words) != 3 {
		t.Errorf("Without = %+v (from %d words): want sailab alone, the query unchanged", got.Words, len(cq.Words))
	}
}

// A price asked is met by an amount of money, which news states without the
// word "قیمت"; a number that is no amount does not meet it.
func TestPriceMetByAmount(t *testing.T) {
	a := &Answerer{Retriever: &Retriever{}}
	price := CrossQuery{Asks: AsksNumber, Words: []CrossWord{
		{Source: "cost", Renderings: []WeightedTerm{{Term: "لاگت", Weight: 1}}, Required: true},
		{Source: "gold", Renderings: []WeightedTerm{{Term: "سونا", Weight: 1}}},
	}}
	if got := a.crossCoverage(nil, price, cand("ملک بھر میں سونا 100 روپے سستا ہو کر 1 لاکھ 3 ہزار روپے تولہ ہو گیا")); got == 0 {
		t.Errorf("a price in rupees: %v, want more than 0", got)
	}
	if got := a.crossCoverage(nil, price, cand("سونا 3 دن میں نکالا گیا")); got != 0 {
		t.Errorf("a number that is no amount: %v, want 0", got)
	}
}

// A currency's rate is met by an amount in rupees beside that currency, not
// by any sum in it.
func TestRateMetByRupees(t *testing.T) {
	a := &Answerer{Retriever: &Retriever{}}
	rate := CrossQuery{Asks: AsksNumber, Words: []CrossWord{
		{Source: "dollar", Renderings: []WeightedTerm{{Term: "ڈالر", Weight: 1}}},
		{Source: "rate", Renderings: []WeightedTerm{{Term: "شرح", Weight: 1}}, Required: true},
	}}
	if got := a.crossCoverage(nil, rate, cand("انٹربینک میں ڈالر 153.60 روپے کا ہو گیا")); got == 0 {
		t.Errorf("the dollar in rupees: %v, want more than 0", got)
	}
	if got := a.crossCoverage(nil, rate, cand("ایران کو پابندیوں سے 200 ارب ڈالر کا نقصان")); got != 0 {
		t.Errorf("a sum in dollars is no rate: %v, want 0", got)
	}
	if got := a.crossCoverage(nil, rate, cand("چینی 110 روپے کلو ہو گئی")); got != 0 {
		t.Errorf("rupees without the dollar: %v, want 0", got)
	}
}

// cand is one candidate sentence, for the gate's coverage.
func cand(s string) []candidate { return []candidate{{sentence: s}} }

// A name the collection never writes vetoes an English question about one
// of its other names only when the question names fewer than two proper
// names that the collection writes: "Pope Francis … North Korea … Seoul" is
// the collection's news spelt otherwise, "Netflix … in Pakistan" is not.
func TestCrossCoverageUnseenNameAmongKnownOnes(t *testing.T) {
	a := &Answerer{Retriever: &Retriever{}}
	word := func(src, ur string, name, ordinary bool) CrossWord {
		return CrossWord{Source: src, Name: name, Ordinary: ordinary, Renderings: []WeightedTerm{{Term: ur, Weight: 1}}}
	}
	seen := idfs{"پوپ": 4, "کوریا": 4, "سیول": 5, "راکٹ": 4, "پاکستان": 1, "صارفین": 3}
	rockets := CrossQuery{Words: []CrossWord{word("Pope", "پوپ", true, true), word("Francis", "فرانسس", true, false),
		word("Korea", "کوریا", true, false), word("Seoul", "سیول", true, false), word("rockets", "راکٹ", false, false)}}
	if got := a.crossCoverage(seen, rockets, []candidate{{sentence: "پوپ کے سیول پہنچنے کے بعد شمالی کوریا نے راکٹ داغے۔"}}); got == 0 {
		t.Error("an unseen name among two the collection writes refused the question outright")
	}
	netflix := CrossQuery{Words: []CrossWord{word("Netflix", "نیٹ فلکس", true, false), word("subscribers", "صارفین", false, false),
		word("Pakistan", "پاکستان", true, false)}}
	if got := a.crossCoverage(seen, netflix, []candidate{{sentence: "پاکستان میں موبائل صارفین کی تعداد بڑھ گئی۔"}}); got != 0 {
		t.Errorf("an unseen name beside one known name: %v, want 0", got)
	}
	// An ordinary English word capitalised ("Pope", "Tower") is no known name.
	rockets.Words[3].Ordinary = true
	if got := a.crossCoverage(seen, rockets, []candidate{{sentence: "پوپ کے سیول پہنچنے کے بعد شمالی کوریا نے راکٹ داغے۔"}}); got != 0 {
		t.Errorf("one proper name known and an ordinary one: %v, want 0", got)
	}
}

// "How much money did Aamir Khan give the Mumbai Film Festival?" is
// answered by a cheque of 11 lakh, which names no currency; a price is
// still stated only in a currency, and a cheque with no figure is no sum.
func TestSumOfMoneyAsAGift(t *testing.T) {
	money := CrossWord{Source: "money", Renderings: []WeightedTerm{{Term: "رقم", Weight: 1}}, Required: true, Counted: true}
	price := CrossWord{Source: "price", Renderings: []WeightedTerm{{Term: "قیمت", Weight: 1}}, Required: true}
	cheque := text.Tokens("عامر خان نے 16ویں ممبئی فلم فیسٹیول کیلئے 11لاکھ کا چیک دیدیا")
	if !statesAmountAsked(money, cheque) {
		t.Error("a cheque of 11 lakh does not state the money asked")
	}
	if statesAmountAsked(price, cheque) {
		t.Error("a cheque states a price")
	}
	if statesAmountAsked(money, text.Tokens("عامر خان نے فیسٹیول کیلئے چیک دیدیا")) {
		t.Error("a cheque with no figure states a sum")
	}
	if !statesAmountAsked(price, text.Tokens("چینی 110 روپے کلو")) {
		t.Error("a price in rupees is not stated")
	}
	a := &Answerer{Retriever: &Retriever{}}
	q := CrossQuery{Asks: AsksNumber, Words: []CrossWord{money,
		{Source: "aamir", Renderings: []WeightedTerm{{Term: "عامر", Weight: 1}}, Name: true},
		{Source: "festival", Renderings: []WeightedTerm{{Term: "فیسٹیول", Weight: 1}}},
	}}
	cands := []candidate{{sentence: "عامر خان نے 16ویں ممبئی فلم فیسٹیول کیلئے 11لاکھ کا چیک دیدیا"}}
	if got := a.crossCoverage(vocab{"عامر": true, "فیسٹیول": true, "رقم": true}, q, cands); got == 0 {
		t.Errorf("crossCoverage = %v, want the cheque to meet the money asked", got)
	}
}
