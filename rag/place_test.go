package rag

import (
	"slices"
	"testing"
	"time"

	"github.com/jawab/jawab/text"
)

// A headline's opening place, as news writes its lead or dateline; a time
// or a topic is no place.
func TestHeadlinePlace(t *testing.T) {
	for _, c := range []struct {
		title string
		want  []string
	}{
		{"بلوچستان میں کورونا سے مزید 2افراد جاں بحق", []string{"بلوچستان"}},
		{"کراچی، کورونا وائرس صورتحال، مزید ایک مریض جاں بحق", []string{"کراچی"}},
		{"لاہور: کرونا وائرس مزید 30 زندگیاں نگل گیا", []string{"لاہور"}},
		{"گزشتہ 24 گھنٹوں میں کورونا کے 151نئی کیسزرپورٹ", nil},
		{"گزشتہ 24 گھنٹوں میں سندھ میں کورونا سے 2 مریض انتقال کرگئے", []string{"سندھ"}},
		{"مارچ میں پاکستان کا تجارتی خسارہ 97.6 فیصد بڑھ گیا", nil},
		{"انٹر بینک میں ڈالر کی قدر 103کی سطح پر پہنچ گئی", nil},
		{"کرونا سے 38افراد جاں بحق اور 1714نئے کیسز رپورٹ", nil},
		{"کورونا وائرس صورتحال، سندھ میں مزید 19 مریض جاں بحق", nil},
	} {
		if got := headlinePlace(c.title); !slices.Equal(got, c.want) {
			t.Errorf("headlinePlace(%q) = %q, want %q", c.title, got, c.want)
		}
	}
}

// A question about the whole country takes the national report, not a
// province's newer one nor the world's; one that names its place is not
// asked this.
func TestNationalReport(t *testing.T) {
	national := nationalReport([]Query{{Text: "ملک میں کورونا کے نئے کیسز کی یومیہ تعداد کیا ہے؟"}}, nil)
	if national == nil {
		t.Fatal("nationalReport of a question about the country is nil")
	}
	for title, want := range map[string]bool{
		"کرونا ، مزید 53افراد چل بسے ،2258افراد میں نئے کیسز رپورٹ":           true,
		"کورونا وبا،ملک میں مزید 1163 افراد وائرس کا شکار":                    true,
		"کوروناوبا؛ پاکستان میں کووڈ ٹیسٹ کی مجموعی تعداد ایک کروڑ":           true,
		"بلوچستان میں کورونا وائر س کے 14نئے کیسز رپورٹ":                      false,
		"کراچی، کورونا وائرس صورتحال، مزید ایک مریض جاں بحق":                  false,
		"کوروناسے دنیا بھر میں 25لاکھ 49ہزار ہلاکتیں،تین لاکھ نئے کیسز رپورٹ": false, // the world's count
	} {
		if got := national(&Passage{Title: title}); got != want {
			t.Errorf("national report %q = %v, want %v", title, got, want)
		}
	}
	// A headline that opens with its topic names its place after it, a
	// place another candidate's headline opens with: the candidates are the
	// gazetteer. A word no headline opens with ("فہرست", a list) is none.
	sindh := "کورونا وائرس صورتحال، سندھ میں مزید 19 مریض جاں بحق ،267 دیگرمتاثر"
	list := "ملک میں کورونا وائرس کے کل 58 ہزار 500 مریض زیرِ علاج،فہرست میں پاکستان 31 ویں نمبر پر ہے"
	candidates := []Passage{{Title: sindh}, {Title: list}, {Title: "سندھ میں گزشتہ 24گھنٹوں کے دوران کورونا سے 10مریض انتقال کرگئے"}}
	withPlaces := nationalReport([]Query{{Text: "آج ملک میں کورونا کی تازہ صورتحال کیا ہے؟"}}, candidates)
	if withPlaces(&Passage{Title: sindh}) {
		t.Errorf("%q is a national report among headlines that open with سندھ میں", sindh)
	}
	if !withPlaces(&Passage{Title: list}) {
		t.Errorf("%q is no national report: no headline opens with فہرست میں", list)
	}
	if !national(&Passage{Title: sindh}) {
		t.Errorf("%q is no national report with no candidates to name سندھ a place", sindh)
	}
	if nationalReport([]Query{{Text: "سندھ میں کورونا کے نئے کیسز کی یومیہ تعداد کیا ہے؟"}}, nil) != nil {
		t.Error("a question about Sindh is asked for a national report")
	}
	if nationalReport([]Query{{Text: "کورونا کے نئے کیسز کی یومیہ تعداد کیا ہے؟"}}, nil) != nil {
		t.Error("a question that names no country is asked for a national report")
	}
}

// A latest question's relevance, and the extract's choice of sentences,
// meet a word that a stray space split in a headline ("بلو چستان"); the
// extract does not meet a spelling one letter apart (کرونا for کورونا), as
// the relevance does.
func TestCoverageJoinsSplitWords(t *testing.T) {
	rq := NewRankQuery("بلوچستان کیسز", nil, nil)
	an := Analyze("بلو چستان میں کورونا کے مزید15کیس رپورٹ، کیسز کی مجموعی تعداد19342ہوگئی")
	if got := rq.looseCoverage(an.Words, an.Stems); got != 1 {
		t.Errorf("looseCoverage = %v, want 1: بلو چستان is بلوچستان", got)
	}
	if got := rq.coverage(an.Words, an.Stems); got != 1 {
		t.Errorf("coverage = %v, want 1: بلو چستان is بلوچستان", got)
	}
	az := NewRankQuery("آذربائیجان فوجی ہلاک", nil, nil)
	split := Analyze("اب تک آذر بائیجان کے 12 فوجی ہلاک ہو چکے ہیں۔")
	if got := az.coverage(split.Words, split.Stems); got != 1 {
		t.Errorf("coverage = %v, want 1: آذر بائیجان is آذربائیجان", got)
	}
	corona := NewRankQuery("کورونا کیسز", nil, nil)
	spelt := Analyze("کرونا کے 15 نئے کیسز رپورٹ")
	if got, loose := corona.coverage(spelt.Words, spelt.Stems), corona.looseCoverage(spelt.Words, spelt.Stems); got == 1 || loose != 1 {
		t.Errorf("coverage %v, looseCoverage %v: want کرونا met loosely only", got, loose)
	}
}

// And two words typed with no space, the first ending in a letter written
// only at a word's end ("میںسونے"), meet apart; a word without one is not cut.
func TestLooseCoverageSplitsGluedWords(t *testing.T) {
	rq := NewRankQuery("سونے تولہ", nil, nil)
	an := Analyze("مقامی صرافہ مارکیٹوں میںسونے کی فی تولہ قیمت 2250 روپے کم ہو گئی")
	if got := rq.looseCoverage(an.Words, an.Stems); got != 1 {
		t.Errorf("looseCoverage = %v, want 1: میںسونے is میں سونے", got)
	}
	for w, want := range map[string][]string{
		"میںسونے": {"میں", "سونے"},
		"کرگئے":   nil, // ends in ے: nothing inside
		"پاکستان": nil,
	} {
		if got := wordEndSplit(w); !slices.Equal(got, want) {
			t.Errorf("wordEndSplit(%q) = %q, want %q", w, got, want)
		}
	}
}

// A place the question names where subject reads none ("پشاور کے کتنے …")
// is found among the candidates' headlines: a newer report of another
// district is not Peshawar's.
func TestLatestHoldsAHeadlinedPlace(t *testing.T) {
	titled := func(id, day, title, body string) Hit {
		h := datedHit(id, day, body)
		h.Doc.Title = title
		return h
	}
	peshawar := titled("peshawar#0", "2021-03-21", "پشاور میں 10 ہزار سے زائد بزرگ شہریوں کو ویکسین دے دی گئی", "محکمہ صحت کے مطابق 10 ہزار سے زائد بزرگ شہریوں کو کورونا ویکسین لگائی جا چکی ہے۔")
	jhang := titled("jhang#0", "2021-03-22", "ضلع جھنگ میں 478 بزرگ شہریوں کو ویکسین لگائی جا چکی", "محکمہ صحت کے مطابق 478 بزرگ شہریوں کو کورونا ویکسین لگائی جا چکی ہے۔")
	older := titled("older#0", "2021-03-12", "پشاور میں 4 ہزار بزرگ شہریوں کو ویکسین", "محکمہ صحت کے مطابق 4 ہزار بزرگ شہریوں کو کورونا ویکسین لگائی جا چکی ہے۔")
	q, asOf := "پشاور کے کتنے بزرگ شہری اب تک کورونا کی ویکسین لگوا چکے ہیں؟", time.Date(2021, 3, 25, 0, 0, 0, 0, time.UTC)
	if got := latestOrder(t, q, asOf, older, jhang, peshawar); len(got) < 2 || got[0] != "peshawar" {
		t.Errorf("passages %v: want Peshawar's report of 21 March first, not Jhang's of the 22nd", got)
	}
}

func TestHeadlinedPlace(t *testing.T) {
	a := &Answerer{Retriever: &Retriever{Index: &fakeIndex{}}}
	ps := []Passage{
		{Title: "پشاور،10 ہزار سے زائد بزرگ شہریوں کو ویکسین دے دی گئی", Text: "بزرگ شہریوں کو ویکسین لگائی گئی۔"},
		{Title: "کرونا، مزید 53 افراد چل بسے", Text: "کرونا سے مزید 53 افراد چل بسے۔"},
		{Title: "کرونا، ملک میں 4 ہزار نئے کیسز", Text: "کرونا کے 4 ہزار نئے کیسز۔"},
		{Title: "لاہور، کرونا کے 900 نئے کیسز", Text: "کرونا کے 900 نئے کیسز۔"},
		{Title: "اسلام آباد میں کرونا کے فعال کیسز 10 ہزار", Text: "اسلام آباد میں کرونا کے فعال کیسز بڑھ گئے۔"},
		{Title: "پی ڈی ایم میں لانگ مارچ پر اختلافات", Text: "پی ڈی ایم کا اجلاس ہوا۔"},
	}
	for q, want := range map[string][]string{
		"پشاور کے کتنے بزرگ شہری اب تک ویکسین لگوا چکے ہیں؟": {"پشاور"},
		// کرونا opens headlines before a comma, as a place would, but most
		// candidates hold it: the topic, not a place.
		"کرونا سے اب تک کتنی اموات ہوئیں؟": nil,
		// "X میں" names a place however many hold it; each name counts.
		"وفاقی دارالحکومت اسلام آباد کے فعال کیسز اب کتنے ہیں؟": {"اسلام", "آباد"},
		// An acronym in letter names is a party or a body, not a place: the
		// newest report of Fazl's stance need not name the PDM.
		"پی ڈی ایم کے لانگ مارچ کے بارے میں مولانا فضل الرحمان کا تازہ ترین مؤقف کیا ہے؟": nil,
	} {
		if got := a.headlinedPlace(q, ps); !slices.Equal(got, want) {
			t.Errorf("headlinedPlace(%q) = %q, want %q", q, got, want)
		}
	}
}

// A place's daily series drops the place after its first reports: the
// newest report of Jhelum's cases, whose headline names no place, is
// Jhelum's, and the country's newer report is not.
func TestLatestSeriesWithoutThePlace(t *testing.T) {
	first := datedHit("jhelum#0", "2021-03-29", "جہلم، بغیر ماسک 96 ،کورونا ایس او پیز کی خلاف ورزی پر 120 مقدمات درج")
	newest := datedHit("series#0", "2021-04-03", "بغیر ماسک 484 مقدمات جبکہ کورونا ایس او پیز کی خلاف ورزی پر 517 مقدمات درج")
	country := datedHit("country#0", "2021-04-03", "ملک بھر میں بغیر ماسک 5000 مقدمات جبکہ ایس او پیز کی خلاف ورزی پر 7000 مقدمات درج")
	for _, h := range []*Hit{&first, &newest, &country} {
		h.Doc.Title = h.Chunk.Text
	}
	got := latestOrder(t, "جہلم میں بغیر ماسک گھومنے پر اب تک کتنے مقدمات درج ہو چکے ہیں؟", time.Date(2021, 4, 3, 0, 0, 0, 0, time.UTC), first, country, newest)
	if len(got) < 2 || got[0] != "series" || got[1] != "jhelum" {
		t.Errorf("passages %v: want the series' newest report, then Jhelum's first", got)
	}
}

// A place typed glued to the next or the previous word is held, where the
// missing space does not show; a word that merely begins or ends alike is
// not. So is a place whose alef madda a report writes as a plain alef
// ("مکوانہ" for "مکوآنہ"); an initial alef madda is kept (آباد is not
// اباد), and a short word is not read so.
func TestHoldsPlaceGlued(t *testing.T) {
	for _, c := range []struct {
		word, place string
		want        bool
	}{
		{"دنیابھر", "دنیا", true},
		{"کوروناوبا", "وبا", true},
		{"لاہورمیں", "لاہور", true},
		{"دنیابھر", "بھر", true}, // after ا
		{"کراچی", "کراچی", true}, // the word itself
		{"مکوانہ", "مکوآنہ", true},
		{"مکوآنہ", "مکوانہ", true},
		{"اباد", "آباد", false},
		{"ماں", "مآں", false},
	} {
		if got := holdsPlace([]string{c.word}, []string{text.Stem(c.word)}, c.place); got != c.want {
			t.Errorf("holdsPlace(%s, %s) = %v, want %v", c.word, c.place, got, c.want)
		}
	}
	for _, c := range [][2]string{
		{"لاہوری", "لاہور"},  // one letter more: another word
		{"اسلامیہ", "اسلام"}, // م joins the next letter: no space was lost
		{"ملکبھر", "بھر"},    // after ک, which joins
		{"بےموت", "موت"},     // after two letters: a word of its own
		{"دنیا", "دنیا"},     // not glued to anything
	} {
		if gluedHolds(c[0], c[1]) {
			t.Errorf("gluedHolds(%s, %s) = true, want false", c[0], c[1])
		}
	}
}
