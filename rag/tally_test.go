package rag

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jawab/jawab/text"
)

// A question about a running total is answered by the newest total, not by a
// newer report of one day's count; a question about one day's count, the
// other way round.
func TestLatestKeepsTheKindOfCount(t *testing.T) {
	hits := []Hit{
		datedHit("total#0", "2021-03-12", "سعودی عرب میں کورونا ویکسین لگوانے والوں کی مجموعی تعداد 17 لاکھ سے تجاوز کر گئی۔"),
		datedHit("day#0", "2021-03-13", "سعودی عرب میں ایک دن میں ایک لاکھ 30 ہزار افراد کو کورونا ویکسین لگانے کا ریکارڈ۔"),
		datedHit("old#0", "2021-03-01", "سعودی عرب میں ایک دن میں 90 ہزار افراد کو کورونا ویکسین لگائی گئی۔"),
	}
	asOf := time.Date(2021, 3, 14, 0, 0, 0, 0, time.UTC)
	if got := latestOrder(t, "سعودی عرب میں اب تک کتنے لوگ کورونا ویکسین لگوا چکے ہیں؟", asOf, hits...); len(got) == 0 || got[0] != "total" {
		t.Errorf("a running total asked: passages %v, want the total report first", got)
	}
	if got := latestOrder(t, "سعودی عرب میں ایک دن میں کتنے لوگوں کو کورونا ویکسین لگائی گئی؟ تازہ ترین", asOf, hits...); len(got) == 0 || got[0] != "day" {
		t.Errorf("one day's count asked: passages %v, want the newest day's report first", got)
	}
}

// tallyOf reads the kinds of count a text marks; askedTally (asked set)
// reads a question's, where "تعداد" names any count: beside a day's cue it
// asks the day's, alone or beside a running total's cue, the total.
func TestTallyOf(t *testing.T) {
	for _, c := range []struct {
		s            string
		total, daily bool
		asked        bool
	}{
		{"دنیا بھر میں ایک دن میں کورونا سے ہونے والی اموات کی حالیہ تعداد کیا ہے؟", false, true, true},
		{"کورونا سے اموات کی تعداد کتنی ہو گئی ہے؟", true, false, true},
		{"اب تک ایک دن میں سب سے زیادہ اموات کی تعداد کیا رہی؟", true, true, true},
		{"بلوچستان سے کورونا کے مزید 09 کیس رپورٹ ، متاثرہ افراد کی تعداد 19106 ہوگئی", true, true, false},
		{"کورونا سے دنیا بھر میں اموات کی تعداد 28 لاکھ سے تجاوز کر گئی", true, false, false},
		{"کورونا کی تیسری لہر شدت اختیار کرگئی ، مزید 96 افراد چل بسے", false, true, false},
		// Each gender and number of "پہنچ گیا": the dead (اموات) reach it in the feminine plural.
		{"کورونا سے مزید 40 افراد کا انتقال، اموات 12 ہزار تک پہنچ گئیں", true, true, false},
		{"ڈینگی کے مریضوں کا مجموعہ 900 تک پہنچ گیا", true, false, false},
		// The active cases are a standing total, whatever else the day adds.
		{"کورونا سے مزید 44 اموات ہو گئیں، 31 ہزار سے زائد فعال کیسز", true, true, false},
		{"ملک میں زیر علاج مریض 20 ہزار رہ گئے", true, false, false},
		{"اسلام آباد میں اب کتنے ایکٹو کورونا کیسز ہیں؟", true, false, false},
		{"How many active cases are there now?", true, false, false},
		{"How many people have died so far?", true, false, false},
		{"How many new cases in a single day?", false, true, false},
		{"پاکستان اور روس کے تعلقات", false, false, false},
	} {
		total, daily := tallyOf(text.Tokens(c.s), false)
		if c.asked {
			total, daily = askedTally(text.Tokens(c.s))
		}
		if total != c.total || daily != c.daily {
			t.Errorf("%q: total %v daily %v, want %v %v", c.s, total, daily, c.total, c.daily)
		}
	}
}

// A day's-count word counts something in a report of one: "مزید 15 کیس",
// not "مزید نقصان نہ ہونے دیا" (no further wicket fell) in a match report
// that gives a running total.
func TestSameTallyNeedsACount(t *testing.T) {
	total := sameTally([]Query{{Text: "یونس خان اب تک کتنی ٹیسٹ سنچریاں بنا چکے ہیں؟"}})
	if total == nil {
		t.Fatal("a how-many question with اب تک marks no running total")
	}
	match := &Passage{Title: "پاکستان کے 4 وکٹوں پر 261 رنز", Text: "پہلے روز کھیل ختم ہونے تک مزید نقصان نہ ہونے دیا، اسی دوران یونس خان نے 24 ویں سنچری بنائی۔"}
	if !total(match) {
		t.Error("a match report whose مزید counts nothing was ruled out")
	}
	day := &Passage{Title: "کورونا کے مزید 15 کیس رپورٹ", Text: "کورونا کے مزید 15 کیس رپورٹ"}
	if total(day) {
		t.Error("a report of one day's count alone was kept for a running total")
	}
}

// An English question says which count it asks in its own words: its "so
// far" has no rendering, and still rules out a report of one day's count.
func TestSameTallyReadsTheEnglishQuestion(t *testing.T) {
	total := sameTally([]Query{
		{Text: "How many people have died of COVID-19 in Pakistan so far?", OtherLanguage: true},
		{Text: "کتنے لوگوں ہلاک کورونا پاکستان"},
	})
	if total == nil {
		t.Fatal("an English question's \"so far\" marks no running total")
	}
	day := &Passage{Title: "کورونا سے پاکستان میں مزید 63 افراد کا انتقال", Text: "کورونا سے پاکستان میں مزید 63 افراد کا انتقال"}
	if total(day) {
		t.Error("a report of one day's count alone was kept for a running total")
	}
	if !total(&Passage{Title: "کورونا سے اموات کی مجموعی تعداد 14 ہزار سے تجاوز کر گئی"}) {
		t.Error("a report of the running total was ruled out")
	}
}

// Of the chunks of the newest report, which share its headline, the one
// that answers comes first: the one whose own text holds the question, and
// for a how-many question the one whose own text states the count (the
// headline states it for every chunk).
func TestLatestOrdersAReportsChunks(t *testing.T) {
	for _, c := range []struct {
		why, title, question string
		asOf                 time.Time
		hits                 []Hit  // the report's chunks first, then other reports
		chunks               int    // how many of hits are the report's
		want                 string // the chunk that answers
	}{
		{
			why:      "the chunk that names Younis Khan",
			title:    "آئی سی سی ٹیسٹ رینکنگ میں یونس خان پانچویں نمبر پر",
			question: "آئی سی سی ٹیسٹ رینکنگ میں یونس خان اس وقت کس نمبر پر ہیں؟",
			asOf:     time.Date(2014, 11, 20, 0, 0, 0, 0, time.UTC),
			hits: []Hit{
				datedHit("rank#0", "2014-11-14", "نئی درجہ بندی کا اعلان دبئی سے جاری کیا گیا اور پاکستانی ٹیم تیسرے نمبر پر برقرار رہی۔"),
				datedHit("rank#1", "2014-11-14", "یونس خان ترقی پا کر ٹیسٹ رینکنگ میں پانچویں نمبر پر آ گئے۔"),
				datedHit("old#0", "2014-10-28", "ٹیسٹ رینکنگ میں یونس خان ساتویں نمبر پر آ گئے۔"),
			},
			chunks: 2,
			want:   "rank#1",
		},
		{
			why:      "the lead that states the count, not the paragraph on the rescue",
			title:    "داروغہ والا: مسجد کی چھت گرنے سے 25 نمازی شہید",
			question: "داروغہ والا میں مسجد کی چھت گرنے سے اب تک کتنے لوگ جاں بحق ہو چکے ہیں؟",
			asOf:     time.Date(2014, 9, 10, 0, 0, 0, 0, time.UTC),
			hits: []Hit{
				datedHit("report#3", "2014-09-10", "نمازیوں کے اہل خانہ دیوانہ وار دوڑتے ہوئے مسجد پہنچے۔ داروغہ والا میں لوگ اب تک ملبہ ہٹا رہے ہیں اور مسجد کی چھت گرنے کے بعد امدادی کام جاری ہے۔"),
				datedHit("report#0", "2014-09-10", "داروغہ والا لاہور میں مسجد کی چھت گر گئی، 25 نمازی شہید، کئی زخمی۔"),
				datedHit("first#0", "2014-09-09", "داروغہ والا میں مسجد کی چھت گرنے سے 2 افراد جاں بحق۔"),
			},
			chunks: 2,
			want:   "report#0",
		},
	} {
		for i := range c.hits[:c.chunks] {
			c.hits[i].Doc.Title = c.title
		}
		a, _ := timeAnswerer(c.hits...)
		ans, err := a.Ask(context.Background(), Question{Text: c.question, AsOf: c.asOf})
		if err != nil {
			t.Fatal(err)
		}
		if len(ans.Passages) == 0 || ans.Passages[0].ChunkID != c.want {
			t.Errorf("%s: passages %v, want %s first", c.why, chunkIDs(ans.Passages), c.want)
		}
	}
}

// Each rule that picks among a series' reports the one that answers:
// the first passage for a question over three dated reports.
func TestLatestFirstReport(t *testing.T) {
	gold := []Hit{
		datedHit("ounce#0", "2021-03-24", "عالمی مارکیٹ میں فی اونس سونا 3 ڈالر سستا ہو کر 1732 ڈالر ہو گیا۔"),
		datedHit("tola#0", "2021-03-25", "عالمی منڈی کے اثر سے مقامی مارکیٹ میں سونے کی فی تولہ قیمت میں 350 روپے کی کمی۔"),
		datedHit("old#0", "2021-03-17", "عالمی مارکیٹ میں فی اونس سونے کی قیمت 1728 ڈالر پر آ گئی۔"),
	}
	deaths := []Hit{
		datedHit("covid#0", "2021-03-04", "کورونا سے پاکستان میں مزید 63 افراد کا انتقال، اموات 13 ہزار 76 تک پہنچ گئیں۔"),
		datedHit("road#0", "2021-03-05", "پاکستان کی موٹر وے پر ٹریفک حادثہ، ایک خاتون جاں بحق۔"),
		datedHit("older#0", "2021-03-03", "پاکستان میں کورونا سے اموات 13 ہزار سے تجاوز کر گئیں۔"),
	}
	tola := []Hit{
		datedHit("level#0", "2021-03-05", "سونے کی فی تولہ قیمت 1450 روپے کی کمی سے 1 لاکھ 2 ہزار 750 روپے ہوگئی۔"),
		datedHit("week#0", "2021-03-06", "ایک ہفتے کے دوران سونے کی فی تولہ قیمت میں 5 ہزار روپے کی بڑی کمی۔"),
		datedHit("older#0", "2021-03-04", "سونے کی فی تولہ قیمت 1900 روپے کی کمی سے 1 لاکھ 4 ہزار 200 روپے ہوگئی۔"),
	}
	series := []Hit{
		datedHit("lead#0", "2014-10-21", "جنوبی افریقہ نے نیوزی لینڈ کو پہلے ون ڈے میں 6 وکٹوں سے ہرا کر تین میچوں کی سیریز میں 1-0 کی برتری حاصل کر لی۔"),
		datedHit("injury#0", "2014-10-23", "کین ولیمسن کلائی کی انجری کے باعث جنوبی افریقہ کے خلاف ون ڈے سیریز سے باہر ہو گئے۔"),
		datedHit("older#0", "2014-10-15", "جنوبی افریقہ اور نیوزی لینڈ کے درمیان ون ڈے سیریز کا پہلا میچ 21 اکتوبر کو ہو گا۔"),
	}
	ranking := []Hit{
		datedHit("place#0", "2014-10-21", "آئی سی سی ٹیسٹ رینکنگ میں پاکستانی ٹیم چھٹے نمبر پر موجود ہے اور آسٹریلیا کو ہرا کر تیسری پوزیشن حاصل کر سکتی ہے۔"),
		datedHit("century#0", "2014-10-24", "ڈیوڈ وارنر نے پاکستان کے خلاف ٹیسٹ میں سنچری بنائی، جس سے آسٹریلوی ٹیم کی رینکنگ میں بہتری کی امید ہے۔"),
	}
	rate := []Hit{
		datedHit("rate#0", "2021-03-20", "اسلام آباد: کورونا کے مثبت کیسز کی شرح 12.5 فیصد پر پہنچ گئی۔"),
		datedHit("count#0", "2021-03-22", "اسلام آباد میں کورونا پھر بڑھنے لگا، کیسز کی تعداد 51 ہزار 400 سے تجاوز کر گئی۔"),
		datedHit("older#0", "2021-03-19", "اسلام آباد میں کورونا کے مثبت کیسز کی شرح 8.5 تک پہنچ گئی۔"),
	}
	// A newer report states the rate as a percentage, without شرح.
	percent := []Hit{
		datedHit("older#0", "2021-03-20", "اسلام آباد: کورونا کے مثبت کیسز کی شرح 12.5 فیصد پر پہنچ گئی۔"),
		datedHit("percent#0", "2021-03-28", "اسلام آباد میں کورونا مثبت کیسز 12 فیصد تک، 6 ہزار سے زائد ایکٹیو کیسز ہوگئے۔"),
		datedHit("count#0", "2021-03-28", "اسلام آباد میں کورونا کے مزید 620 کیسز رپورٹ، ہسپتالوں پر دباؤ بڑھ گیا۔"),
	}
	inflation := []Hit{
		datedHit("covid#0", "2021-03-28", "کورونا وائرس کے مثبت کیسز کی شرح 10.4فیصد ہوگئی، مزید 57 افراد جاں بحق۔"),
		datedHit("inflation#0", "2021-03-27", "مہنگائی کی شرح 15.35 فیصد پر پہنچ گئی۔"),
		datedHit("older#0", "2021-03-13", "ادارہ شماریات کے مطابق مہنگائی کی شرح 13.48 فیصد ریکارڈ کی گئی۔"),
	}
	world := []Hit{
		datedHit("before#0", "2021-03-02", "دنیا بھر میں کورونا وائرس کی وبا سے25 لاکھ51 ہزار اموات، متاثرین کی تعداد 11 کروڑ50لاکھ سے تجاوز کرگئی"),
		datedHit("older#0", "2021-02-28", "کورونا سے دنیا بھر میں 25لاکھ 36ہزار سے زائد اموات،11کروڑ 43لاکھ متاثر"),
		datedHit("glued#0", "2021-03-03", "دنیابھر میں کورونا سے 25لاکھ 61 ہزارہلاکتیں،11کروڑ سے زائد متاثر"),
	}
	province := []Hit{
		datedHit("older#0", "2021-03-04", "بلوچستان سے کورونا وائرس کے مزید13کیس رپورٹ ،متاثرہ افراد کی تعداد19097ہوگئی"),
		datedHit("dead#0", "2021-03-06", "بلوچستان میں کورونا سے ایک اورمریض جاں بحق ،تعداد201ہوگئی"),
		datedHit("cases#0", "2021-03-05", "بلوچستان سے کورونا کے مزید09کیس رپورٹ ،متاثرہ افراد کی تعداد19106ہوگئی"),
	}
	dollar := []Hit{
		datedHit("level#0", "2021-03-17", "ڈالر کی قیمت میں واضح کمی، امریکی کرنسی کی قیمت 156 روپے کی سطح سے بھی نیچے آ گئی۔"),
		datedHit("steady#0", "2021-03-18", "کراچی، انٹربینک میں روپے کے مقابلے ڈالر کی قدر مستحکم رہی۔"),
		datedHit("older#0", "2021-03-02", "انٹربینک میں روپے کے مقابلے ڈالر 158 روپے کی سطح پر آ گیا۔"),
	}
	district := []Hit{
		datedHit("city#0", "2021-04-02", "فیصل آباد، اب تک 60 سال سے زائد عمر کے 8477 افراد کو کورونا ویکسین لگائی جا چکی ہے۔"),
		datedHit("older#0", "2021-04-01", "ضلع فیصل آباد کے پانچ ویکسینیشن سنٹرز پر 60 سال سے زائد عمر کے 6890 افراد کو کورونا ویکسین لگائی جا چکی ہے۔"),
		datedHit("oldest#0", "2021-03-31", "فیصل آباد میں 60 سال سے زائد عمر کے 5000 افراد کو کورونا ویکسین لگائی جا چکی ہے۔"),
	}
	unnamed := []Hit{
		datedHit("district#0", "2021-03-25", "ضلع میں اب تک 4178 بزرگوں کو کورونا ویکسین لگائی جا چکی ہے، ڈی ایچ او۔"),
		datedHit("shops#0", "2021-03-26", "فیصل آباد، ایس او پیز کی خلاف ورزی پر 4 دکانیں سیل کر دی گئیں۔"),
		datedHit("older#0", "2021-03-21", "ضلع فیصل آباد کے ویکسینیشن سنٹرز پر 2263 بزرگ افراد کو کورونا ویکسین لگائی گئی۔"),
	}
	for _, c := range []struct {
		why  string
		hits []Hit
		asOf string
		q    string
		want string
	}{
		// sameUnit: a price per ounce is not answered by a newer price per tola.
		{"per ounce", gold, "2021-03-26", "عالمی منڈی میں سونے کی فی اونس قیمت اب کتنی ہے؟", "ounce"},
		{"per tola", gold, "2021-03-26", "سونے کی فی تولہ قیمت اب کتنی ہے؟", "tola"},
		// countsAsked: a road accident's death is not the newest Covid count.
		{"deaths of what is asked", deaths, "2021-03-05", "پاکستان میں کورونا سے اب تک کتنی اموات ہو چکی ہیں؟", "covid"},
		// sameLevel: "how much is it" asks the level, not the week's change.
		{"the level asked", tola, "2021-03-07", "سونے کی فی تولہ قیمت اب کتنی ہے؟", "level"},
		{"the change asked", tola, "2021-03-07", "سونے کی فی تولہ قیمت میں اب تک کتنی کمی ہوئی؟", "week"},
		// holdsSubject: a district's report names the city or the district,
		// either ("فیصل آباد، …", "ضلع میں …"), not always both.
		{"a district named by its city", district, "2021-04-03", "ضلع فیصل آباد میں کورونا ویکسین لگوانے والے بزرگ شہریوں کی تازہ ترین تعداد کیا ہے؟", "city"},
		{"a district named as such", unnamed, "2021-03-26", "ضلع فیصل آباد میں اب تک کتنے بزرگ کورونا ویکسین لگوا چکے ہیں؟", "district"},
		// statesFigure: "what level" asks a figure as "how much" does.
		{"a level asked", dollar, "2021-03-18", "امریکی ڈالر اب پاکستانی روپے کے مقابلے میں کس سطح پر آ گیا ہے؟", "level"},
		// holdsSubject and countsAsked read a headline that drops the
		// space after a non-joining letter ("دنیابھر", "ہزارہلاکتیں").
		{"a glued headline", world, "2021-03-06", "دنیا بھر میں کورونا سے اب تک کتنی اموات ہو چکی ہیں؟", "glued"},
		// countsAsked: a province's newest report of one death is not its
		// newest count of cases.
		{"cases, not the death toll", province, "2021-03-06", "بلوچستان میں کورونا کے کیسز کی تازہ ترین تعداد کتنی ہے؟", "cases"},
		// statesRate: a rate asked is not answered by a newer count.
		{"a rate", rate, "2021-03-22", "اسلام آباد میں کورونا کے مثبت کیسز کی شرح اب کتنی ہو گئی ہے؟", "rate"},
		{"a rate as a percentage", percent, "2021-03-29", "اسلام آباد میں کورونا کے مثبت کیسز کی شرح اب کتنی ہو گئی ہے؟", "percent"},
		{"the count, not a rate", rate, "2021-03-22", "اسلام آباد میں کورونا کے کیسز کی تعداد اب کتنی ہو گئی ہے؟", "count"},
		{"the rate of what is asked", inflation, "2021-03-28", "ملک میں مہنگائی کی شرح اس وقت کتنی ہے؟", "inflation"},
		{"the rate of cases asked", inflation, "2021-03-28", "مثبت کیسز کی شرح اب کتنی ہے؟", "covid"},
		// statesStanding: a series' standing is a score, not the newest injury
		// news; a ranking's place an ordinal, not the newest match report.
		{"a series' standing", series, "2014-10-24", "جنوبی افریقہ اور نیوزی لینڈ کی ون ڈے سیریز میں اس وقت کسے برتری حاصل ہے؟", "lead"},
		{"a place in a ranking", ranking, "2014-10-25", "ٹیسٹ کرکٹ کی ٹیموں کی درجہ بندی میں پاکستانی ٹیم کی موجودہ پوزیشن کیا ہے؟", "place"},
	} {
		asOf, _ := time.Parse(time.DateOnly, c.asOf)
		if got := latestOrder(t, c.q, asOf, c.hits...); len(got) == 0 || got[0] != c.want {
			t.Errorf("%s: passages %v, want %s first", c.why, got, c.want)
		}
	}
}

// statesStanding reads a score in any digits and its words, an ordinal place
// in words or digits, and has nothing to say for other questions: a range
// of days is no score, a number before "نمبر" no place, and who leads a
// ranking is answered by a name.
func TestStatesStanding(t *testing.T) {
	standing := statesStanding([]Query{{Text: "پاکستان اور سری لنکا کی ون ڈے سیریز میں اس وقت سکور کیا ہے؟"}})
	if standing == nil {
		t.Fatal("a series' score asked has no standing rule")
	}
	for s, want := range map[string]bool{
		"سری لنکا نے دوسرا ون ڈے جیت کر سیریز 1-1سے برابر کر دی۔":   true,
		"سیریز میں ۲-۰ کی برتری":                                    true,
		"بنگلہ دیش کا زمبابوے کے خلاف ون ڈے سیریز میں وائٹ واش":     true,
		"تیسرا ون ڈے میچ پرسوں کھیلا جائے گا۔":                      false,
		"ٹیم 2014-15 کے سیزن میں 310 رنز بنا چکی ہے، ہدف 2.5-3 رنز": false,
	} {
		if got := standing(&Passage{Text: s}); got != want {
			t.Errorf("standing(%q) = %v, want %v", s, got, want)
		}
	}
	// An English question is read in its own words: its translation need
	// not say سیریز or برتری. (Its passages' order needs the offline
	// translation: see xlang.)
	if statesStanding([]Query{{Text: "Which side currently leads the ODI series?", OtherLanguage: true}}) == nil {
		t.Error("an English question about a series' lead has no standing rule")
	}
	place := statesStanding([]Query{{Text: "What is Younis Khan's current position in the ICC Test ranking?"}})
	if place == nil {
		t.Fatal("a place in a ranking asked has no rule")
	}
	for s, want := range map[string]bool{
		"یونس خان ٹیسٹ رینکنگ میں 11 ویں نمبر پر چلے گئے۔": true,
		"مصباح الحق گیارہویں درجے پر آ گئے۔":               true,
		"پاکستان کی ٹیم تیسری پوزیشن پر ہے۔":               true,
		"یونس خان نے 26 ویں سنچری بنائی، ان کا نمبر 4 ہے۔": false,
	} {
		if got := place(&Passage{Text: s}); got != want {
			t.Errorf("place(%q) = %v, want %v", s, got, want)
		}
	}
	for _, q := range []string{"ون ڈے رینکنگ میں سرفہرست کون ہے؟", "سیریز کا تیسرا میچ کب ہو گا؟", "کراچی کا درجہ حرارت کتنے درجے ہے؟"} {
		if statesStanding([]Query{{Text: q}}) != nil {
			t.Errorf("%q has a standing rule", q)
		}
	}
}

// sameUnit keeps a report that names no unit, rules out another unit's, and
// has nothing to say for a question that names none; sameLevel has nothing
// to say for a count that is no price.
func TestSameUnitAndLevel(t *testing.T) {
	unit := sameUnit([]Query{{Text: "پٹرول کی فی لیٹر قیمت اب کتنی ہے؟"}})
	if unit == nil {
		t.Fatal("فی لیٹر names no unit")
	}
	if !unit(&Passage{Title: "پٹرول کی قیمت میں کمی", Text: "پٹرول 5 روپے سستا ہو گیا۔"}) {
		t.Error("a report naming no unit was ruled out")
	}
	if unit(&Passage{Title: "ایل پی جی مہنگی", Text: "ایل پی جی فی کلو 10 روپے مہنگی ہو گئی۔"}) {
		t.Error("a price per kilo was kept for a price per litre")
	}
	if sameUnit([]Query{{Text: "سونے کی قیمت اب کتنی ہے؟"}}) != nil {
		t.Error("a question naming no unit has a unit rule")
	}
	if sameLevel([]Query{{Text: "کتنے لوگ جاں بحق ہوئے؟"}}) != nil {
		t.Error("a count that is no price has a level rule")
	}
}

// The wordings of a day are one word to a latest question's relevance.
func TestFoldDay(t *testing.T) {
	for s, want := range map[string]string{
		"سندھ میں گزشتہ 24 گھنٹوں میں 151 نئے کیسز": "سندھ میں گزشتہ یومیہ گھنٹوں میں 151 نئے کیسز",
		"ایک دن میں 100 اموات":                      "یومیہ دن میں 100 اموات",
		"the most recent 24-hour update":            "the most recent یومیہ hour update",
		"سندھ میں مزید 151 نئے کیسز":                "سندھ میں مزید 151 نئے کیسز",
	} {
		toks, stems := foldDay(text.Tokens(s), text.StemTokens(text.Tokens(s)))
		if got := strings.Join(toks, " "); got != want {
			t.Errorf("foldDay(%q) = %q, want %q", s, got, want)
		}
		if i := slices.Index(toks, "یومیہ"); i >= 0 && stems[i] != text.Stem("یومیہ") {
			t.Errorf("foldDay(%q): stem %q where the word is folded", s, stems[i])
		}
	}
}

// Of one day's reports, the one that answers comes first: for "روزانہ", the
// day's count however it words the day, not a ten-day count of the
// province's police; for the day's cases, the report that states how many,
// not one that says they were the most in eight months (which holds more of
// the question's words).
func TestLatestSameDayFirst(t *testing.T) {
	for _, c := range []struct {
		question string
		asOf     time.Time
		hits     []Hit
	}{
		{"سندھ میں اس وقت روزانہ کورونا کے کتنے نئے کیسز آ رہے ہیں؟", time.Date(2021, 3, 25, 0, 0, 0, 0, time.UTC), []Hit{
			datedHit("police#0", "2021-03-24", "سندھ پولیس میں 10 روز میں کورونا وائرس کے 89 نئے کیسز رپورٹ"),
			datedHit("older#0", "2021-03-23", "سندھ میں کورونا کے مزید 200 نئے کیسز رپورٹ"),
			datedHit("want#0", "2021-03-24", "سندھ میں گزشتہ 24 گھنٹوں میں کورونا کے 151 نئے کیسز رپورٹ ہوئے"),
		}},
		{"ملک میں ایک دن میں سامنے آنے والے کورونا کے مثبت کیسز کی تازہ ترین تعداد کیا ہے؟", time.Date(2021, 3, 21, 0, 0, 0, 0, time.UTC), []Hit{
			datedHit("most#0", "2021-03-20", "کورونا کی تیسری لہر میں شدت، 8 ماہ کے بعد ایک دن میں سب سے زیادہ مثبت کیسز رپورٹ"),
			datedHit("before#0", "2021-03-19", "کورونا کے مزید 3 ہزار 495 مثبت کیسز رپورٹ"),
			datedHit("want#0", "2021-03-20", "کورونا کی تیسری لہر میں مزید 42 افراد جاں بحق ، 3 ہزار 876 مثبت کیسز رپورٹ"),
		}},
	} {
		if got := latestOrder(t, c.question, c.asOf, c.hits...); len(got) == 0 || got[0] != "want" {
			t.Errorf("%s: passages %v, want the day's report that answers first", c.question, got)
		}
	}
}

// A price asked without a price word ("کتنے کا مل رہا ہے؟", for how much)
// is answered by the day's report that states an amount of money, not by
// the same day's report of gold found at an airport, which states a
// figure of gold and holds more of the question's words (g26-001).
func TestLatestPriceStatesMoney(t *testing.T) {
	asOf := time.Date(2021, 3, 31, 0, 0, 0, 0, time.UTC)
	hits := []Hit{
		datedHit("airport#0", "2021-03-31", "پشاور ایئر پورٹ کے بیت الخلا سے 20 تولے سونا مل گیا"),
		datedHit("older#0", "2021-03-18", "صرافہ مارکیٹوں میں سونے کی فی تولہ قیمت 1 لاکھ 5 ہزار 700 روپے ہو گئی"),
		datedHit("want#0", "2021-03-31", "صرافہ مارکیٹوں میں سونے کی فی تولہ قیمت 2800 روپے کمی سے 1 لاکھ 2 ہزار 900 روپے ہو گئی"),
	}
	if got := latestOrder(t, "ایک تولہ سونا آج کل کتنے کا مل رہا ہے؟", asOf, hits...); len(got) == 0 || got[0] != "want" {
		t.Errorf("passages %v, want the day's price of gold first", got)
	}
	for q, want := range map[string]bool{
		"ایک تولہ سونا آج کل کتنے کا مل رہا ہے؟":                        true,
		"ڈالر اس وقت کتنے روپے میں بک رہا ہے؟":                          true,
		"رونالڈو کا آرم بینڈ کتنے میں نیلام ہوا؟":                       true,
		"What does petrol cost now?":                                    true,
		"ضمنی الیکشن کیلئے کتنے کاغذات نامزدگی لیے جا چکے ہیں؟":         false,
		"کتنے ممالک میں ویکسین لگ رہی ہے؟":                              false,
		"روسی کورونا ویکسین کی قیمت کے معاملے میں تازہ صورتحال کیا ہے؟": false, // how the matter stands
		"سونے کی فی تولہ قیمت اب کتنی ہے؟":                              true,
		"What is the price of Russian crude oil?":                       true,
		"How much does a litre of petrol cost in Pakistan now?":         true,
	} {
		if got := statesPrice([]Query{{Text: q}}) != nil; got != want {
			t.Errorf("%s: asks a price %v, want %v", q, got, want)
		}
	}
	// A change of price states its amount in a currency's plural, or
	// without the currency.
	price := statesPrice([]Query{{Text: "عالمی منڈی میں سونے کی قیمت میں تازہ ترین کیا تبدیلی آئی ہے؟"}})
	for s, want := range map[string]bool{
		"کراچی،عالمی مارکیٹ میں سونے کی فی اونس قیمت میں4ڈالرز کا اضافہ":     true,
		"سونے کی قیمت تیزی سے نیچے آنے لگی، فی تولہ کی قدر 1000 سستا ہو گئی": true,
		"پشاور ایئر پورٹ کے بیت الخلا سے 20 تولے سونا مل گیا":                false,
		"مرکنٹائل ایکسچینج میں انڈیکس کی11.1ارب کے سودے":                     true,
		"وفاقی بجٹ کا حجم 8 ٹریلین کے قریب":                                  true,  // a sum by any scale of a lakh or more
		"عالمی منڈی کی خبر سننے 5 ہزار افراد جمع ہوئے":                       false, // ہزار counts anything
	} {
		if got := price(&Passage{Text: s}); got != want {
			t.Errorf("%s: states a price %v, want %v", s, got, want)
		}
	}
}

// A question that asks how a price changed ("تبدیلی", "ردوبدل") has no level
// rule: the day's "قیمت میں800روپے اضافہ" is its answer.
func TestSameLevelAskedChange(t *testing.T) {
	for _, q := range []string{"آج کل سونے کی فی تولہ قیمت میں تازہ ترین تبدیلی کتنی ہوئی ہے؟", "سونے کی فی تولہ قیمت میں تازہ ترین ردوبدل کتنا ہوا ہے؟"} {
		if sameLevel([]Query{{Text: q}}) != nil {
			t.Errorf("%q asks the change, and has a level rule", q)
		}
	}
	if sameLevel([]Query{{Text: "سونے کی فی تولہ قیمت اب کتنی ہے؟"}}) == nil {
		t.Error("a question that asks the price has no level rule")
	}
}

// A change from one level to another states the new level ("103.62 روپے
// فی لیٹر سے کم کر کے 94.19 روپے"), and so does a price fixed ("مقرر");
// a change alone does not.
func TestSameLevelFromTo(t *testing.T) {
	level := sameLevel([]Query{{Text: "اب پٹرول کی فی لیٹر قیمت کیا ہے؟ حکومت نے تازہ ترین کتنی قیمت مقرر کی ہے؟"}})
	for s, want := range map[string]bool{
		"قیمتوں میں نمایاں کمی، پٹرول کی قیمت 103.62 روپے فی لیٹر سے کم کر کے 94.19 روپے فی لیٹر کر دی گئی": true,
		"لائٹ ڈیزل کی قیمت 0.67 روپے کمی کے بعد 91.41 روپے مقرر کی گئی ہے":                                  true,
		"پٹرول کی قیمت میں 9.43 روپے فی لیٹر کی کمی کر دی گئی":                                              false,
	} {
		if got := level(&Passage{Text: s}); got != want {
			t.Errorf("%s: states a level %v, want %v", s, got, want)
		}
	}
}

// An offline-rendered question's relevance reads every rendering of a word:
// "cases", whose likeliest rendering is معاملات, is met by the report's
// کیسز, and "coronavirus" (کوروناوائرس) by its کورونا.
func TestRelevanceReadsEveryRendering(t *testing.T) {
	a, _ := timeAnswerer()
	words := []CrossWord{
		{Source: "new", Renderings: []WeightedTerm{{Term: "نئے", Weight: 1}}},
		{Source: "coronavirus", Renderings: []WeightedTerm{{Term: "کوروناوائرس", Weight: 1}, {Term: "کورونا", Weight: 1}}},
		{Source: "cases", Renderings: []WeightedTerm{{Term: "معاملات", Weight: 1}, {Term: "کیسز", Weight: 1}}},
	}
	q := Query{Text: "نئے کوروناوائرس معاملات", Words: words}
	report := &Passage{Title: "کورونا سے مزید 63 افراد انتقال کرگئے ، 4300 سے زائد نئے کیسز رپورٹ", Text: "کورونا سے مزید 63 افراد انتقال کرگئے ، 4300 سے زائد نئے کیسز رپورٹ"}
	other := &Passage{Title: "بارش سے نئے مسائل", Text: "بارش سے نئے مسائل پیدا ہو گئے"}
	rel := a.relevance(context.Background(), Retrieval{}, []Query{q})
	if got := rel(report); got < 0.99 {
		t.Errorf("the report meets every word by some rendering: relevance %.3f, want 1", got)
	}
	if rel(other) >= rel(report)*RecencyShare {
		t.Errorf("a passage with one of three words is as relevant (%.3f) as the report (%.3f)", rel(other), rel(report))
	}
	likeliest := a.relevance(context.Background(), Retrieval{}, []Query{{Text: q.Text}})
	if likeliest(report) >= rel(report) {
		t.Errorf("the likeliest renderings alone meet as much of the report (%.3f) as all of them (%.3f)", likeliest(report), rel(report))
	}
}

// A word weighs as its commonest form the collection holds, since the
// relevance meets it by any form: the plural "قیمتیں" that the question
// happens to use is rare, but the reports write "قیمتوں" and "قیمت", and
// weighed as itself it outweighed the good asked about, so that the newest
// price of sugar came before the newest of wheat.
func TestRelevanceWeighsWordAsItsFamily(t *testing.T) {
	a, ix := timeAnswerer()
	ix.idf = map[string]float64{"قیمتیں": 6.1, "قیمتوں": 4.3, "قیمت": 3.9, "گندم": 4.5, "چینی": 4.5, "نرخوں": 6.6, "نرخ": 6.9}
	wheat := &Passage{Text: "سویا بین اور مکئی کے نرخوں میں اضافہ،گندم میں کمی"}
	sugar := &Passage{Text: "شوگر ملز کی ملی بھگت سے چینی کی قیمتوں میں اضافہ"}
	for _, q := range []Query{
		{Text: "گندم قیمتیں"},
		{Text: "گندم قیمتیں", OtherLanguage: true, Words: []CrossWord{
			{Source: "wheat", Renderings: []WeightedTerm{{Term: "گندم", Weight: 1}}},
			{Source: "prices", Renderings: []WeightedTerm{{Term: "قیمتیں", Weight: 1}, {Term: "قیمتوں", Weight: 0.9}}},
		}},
	} {
		rel := a.relevance(context.Background(), Retrieval{}, []Query{q})
		if rel(wheat) <= rel(sugar) {
			t.Errorf("rendered %v: the report of wheat (%.3f) is no more relevant than the price of sugar (%.3f)", q.OtherLanguage, rel(wheat), rel(sugar))
		}
	}
}

// An ordinal before what the question counts states how many so far ("the
// fourth consignment"); one before something else does not ("the third
// wave").
func TestStatesFigureOrdinal(t *testing.T) {
	figure := statesFigure([]Query{{Text: "چین سے کورونا ویکسین کی اب تک کتنی کھیپیں پاکستان پہنچ چکی ہیں؟"}})
	if figure == nil {
		t.Fatal("a how-many question has no figure rule")
	}
	for s, want := range map[string]bool{
		"کورونا ویکسین کی چوتھی کھیپ چین سے اسلام آباد پہنچ گئی":   true,
		"چین سے کورونا ویکسین کی 5 لاکھ خوراکیں پہنچ گئیں":         true,
		"ملک بھر میں کورونا کی تیسری لہر بڑی شدت سے حملہ آور ہوئی": false,
		"چین سے کورونا ویکسین کی کھیپ صوبوں کو فراہم کر دی گئی":    false,
	} {
		if got := figure(&Passage{Text: s}); got != want {
			t.Errorf("figure(%q) = %v, want %v", s, got, want)
		}
	}
}

// A rendered question's share of a sentence, which picks the newest report's
// sentence to quote first for a latest question, reads every rendering of
// each word, as the relevance that ordered the reports does: "Vawda",
// rendered likeliest as وودا, is met by the report's واوڈا.
func TestRenderedShareReadsEveryRendering(t *testing.T) {
	// (As in dated-ur: وودا is another name the archive holds, rarely. The
	// words' stems are no words of it: each weighs as itself.)
	idf := map[string]float64{"فیصل": 3.9, "وودا": 7.9, "واوڈا": 6.9, "نااہلی": 5.9, "تازہ": 1, "ترین": 1}
	w := newWeights(context.Background(), &weightedIndex{idf: stemsNoWords(idf)})
	cross := CrossQuery{Words: []CrossWord{
		{Source: "latest", Renderings: []WeightedTerm{{Term: "تازہ ترین", Weight: 1}}},
		{Source: "faisal", Renderings: []WeightedTerm{{Term: "فیصل", Weight: 1}}},
		{Source: "vawda", Renderings: []WeightedTerm{{Term: "وودا", Weight: 1}, {Term: "واوڈا", Weight: 0.76}}},
		{Source: "disqualification", Renderings: []WeightedTerm{{Term: "نااہلی", Weight: 1}}},
	}}
	sentence := func(s string) candidate {
		toks := text.Tokens(s)
		stems := make([]string, len(toks))
		for i, t := range toks {
			stems[i] = text.Stem(t)
		}
		return candidate{sentence: s, words: toks, stems: stems}
	}
	newest := sentence("الیکشن کمیشن نے فیصل واوڈا کی درخواست پر جواب جمع کرادیا")
	older := sentence("فیصل واوڈا کی نااہلی کا خطرہ، درخواست مسترد")
	share := renderedShare(w, cross, []string{"latest"})
	if share == nil {
		t.Fatal("no share for a rendered question")
	}
	if got := share(newest); got < RecencyShare*share(older) {
		t.Errorf("the newest report's sentence holds %.2f of the question against the older one's %.2f: want at least %.1f of it", got, share(older), RecencyShare)
	}
	if got := share(sentence("الیکشن کمیشن نے درخواست پر جواب جمع کرادیا")); got >= share(newest) {
		t.Errorf("a sentence without the name holds as much (%.2f) as one with it", got)
	}
	if renderedShare(w, CrossQuery{}, nil) != nil {
		t.Error("a share for a question with no rendered words")
	}
}

// A rendering that is a letter's name or a function word alone is the
// lexicon's noise for a whole word, which any report holds: "regulatory"
// rendered اے (beside ریگولیٹری) met the "این اے 249" of a by-election
// notice, which then held half of "Who is now the chief regulatory officer
// of the Pakistan Stock Exchange?" and, newer, came first.
func TestRelevanceIgnoresStrayRenderings(t *testing.T) {
	a, ix := timeAnswerer()
	ix.idf = stemsNoWords(map[string]float64{"چیف": 3.9, "ریگولیٹری": 6.1, "اے": 2.5, "آف": 3, "افسر": 5.5, "پاکستان": 1.7, "اسٹاک": 4.5, "ایکسچینج": 5.5})
	words := []CrossWord{
		{Source: "chief", Renderings: []WeightedTerm{{Term: "چیف", Weight: 1}, {Term: "آف", Weight: 0.11}}},
		{Source: "regulatory", Renderings: []WeightedTerm{{Term: "ریگولیٹری", Weight: 1}, {Term: "اے", Weight: 0.27}}},
		{Source: "officer", Renderings: []WeightedTerm{{Term: "افسر", Weight: 1}}},
		{Source: "pakistan", Renderings: []WeightedTerm{{Term: "پاکستان", Weight: 1}}},
		{Source: "stock exchange", Renderings: []WeightedTerm{{Term: "اسٹاک ایکسچینج", Weight: 1}}},
	}
	q := Query{Text: "چیف ریگولیٹری افسر پاکستان اسٹاک ایکسچینج", Words: words}
	rel := a.relevance(context.Background(), Retrieval{}, []Query{q})
	officer := &Passage{Text: "پاکستان اسٹاک ایکسچینج حکام نے اجیت کمار کو چیف ریگولیٹری افسر مقرر کردیا"}
	notice := &Passage{Text: "ریٹرننگ افسر نے این اے 249 میں ضمنی انتخاب کے لیے پبلک نوٹس جاری کردیا"}
	if rel(notice) >= RecencyShare*rel(officer) {
		t.Errorf("the by-election notice holds %.2f of the question against the appointment's %.2f: its «اے» met «regulatory»", rel(notice), rel(officer))
	}
	if !strayRendering(WeightedTerm{Term: "اے"}) || strayRendering(WeightedTerm{Term: "ایل پی جی"}) || strayRendering(WeightedTerm{Term: "افسر"}) {
		t.Error("strayRendering: want a letter's name alone stray, a spelled acronym and a word not")
	}
}

// stemsNoWords is idf with each word's stem, where it differs, a word the
// collection never holds (the fake index weighs any other word 1): each word
// weighs as itself, not as its family (weighAsFamily).
func stemsNoWords(idf map[string]float64) map[string]float64 {
	for word := range maps.Clone(idf) {
		if s := text.Stem(word); s != word {
			idf[s] = 0
		}
	}
	return idf
}

// countingIndex counts the index's calls for word weights.
type countingIndex struct {
	weightedIndex
	calls int
}

func (c *countingIndex) IDFs(ctx context.Context, tokens []string) ([]float64, error) {
	c.calls++
	return c.weightedIndex.IDFs(ctx, tokens)
}

// A rendered question's words, every rendering and its stem, are weighed
// in one call to the index (a remote engine's round trip), not one per word
// on its first use.
func TestRenderedWordsWeighedInOneLookup(t *testing.T) {
	ix := &countingIndex{}
	words := []CrossWord{
		{Source: "prices", Renderings: []WeightedTerm{{Term: "قیمتیں", Weight: 1}, {Term: "قیمتوں", Weight: 0.9}, {Term: "نرخوں", Weight: 0.5}}},
		{Source: "wheat", Renderings: []WeightedTerm{{Term: "گندم", Weight: 1}}},
		{Source: "market", Renderings: []WeightedTerm{{Term: "مارکیٹ", Weight: 1}, {Term: "منڈی", Weight: 1}}},
	}
	if newRenderedWords(words, newWeights(context.Background(), ix)) == nil {
		t.Fatal("no rendered words")
	}
	if ix.calls != 1 {
		t.Errorf("%d calls to the index for the words' weights, want 1", ix.calls)
	}
}

// askVawdaLatest asks an English latest question about Faisal Vawda's
// disqualification as of 1 April 2021, over an older Urdu report that holds
// نااہلی and newest, the offline rendering giving "Vawda" as vawda; the
// weights are idf's, the stems no words.
func askVawdaLatest(t *testing.T, question string, newest Hit, idf map[string]float64, vawda []WeightedTerm) *Answer {
	t.Helper()
	older := datedHit("older#0", "2021-03-09", "فیصل واوڈا کی نااہلی کا خطرہ، درخواست مسترد۔")
	a, ix := timeAnswerer(older, newest)
	ix.idf = stemsNoWords(idf)
	a.CorpusLang = "ur"
	a.Offline = fakeOffline{CrossQuery{Text: "فیصل " + vawda[0].Term + " نااہلی", Words: []CrossWord{
		{Source: "latest", Renderings: []WeightedTerm{{Term: "تازہ ترین", Weight: 1}}},
		{Source: "faisal", Renderings: []WeightedTerm{{Term: "فیصل", Weight: 1}}},
		{Source: "vawda", Renderings: vawda},
		{Source: "disqualification", Renderings: []WeightedTerm{{Term: "نااہلی", Weight: 1}}},
	}}}
	ans, err := a.Ask(context.Background(), Question{Text: question, AsOf: time.Date(2021, 4, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	return ans
}

// Through Ask: an English latest question quotes the newest report first
// when that report spells the name as a rendering other than the likeliest
// ("Vawda" is وودا first, واوڈا second), though an older report holds the
// likeliest rendering of another word of it (نااہلی). The report's share of
// the question is of every rendering (renderedShare), not of the
// rendering's text alone.
func TestLatestRenderedQuotesTheNewestSpeltAsASecondRendering(t *testing.T) {
	newest := datedHit("newest#0", "2021-03-30", "الیکشن کمیشن نے فیصل واوڈا کی درخواست پر جواب جمع کرادیا۔")
	ans := askVawdaLatest(t, "What is the latest development in Faisal Vawda's disqualification matter?", newest,
		map[string]float64{"فیصل": 3.9, "وودا": 7.9, "واوڈا": 6.9, "نااہلی": 5.9, "الیکشن": 2.5, "کمیشن": 2.5, "درخواست": 3, "مسترد": 4, "خطرہ": 4, "جواب": 3, "جمع": 3, "کرادیا": 4},
		[]WeightedTerm{{Term: "وودا", Weight: 1}, {Term: "واوڈا", Weight: 0.76}})
	if ans.Refused || len(ans.Citations) == 0 || ans.Citations[0].DocID != "newest" {
		t.Errorf("answer %q cites %+v first; want the newest report", ans.Answer, ans.Citations)
	}
}

// … and a newest report in the question's own language (an English report
// in an Urdu archive) holds the question's words as asked, which no
// rendering is: it is read by them too (looseShare), and quoted first.
func TestLatestRenderedQuotesTheNewestInTheQuestionsLanguage(t *testing.T) {
	newest := datedHit("newest#0", "2021-03-30", "Faisal Vawda filed his reply in the disqualification case before the Election Commission.")
	ans := askVawdaLatest(t, "What is the latest development in Faisal Vawda's disqualification case?", newest,
		map[string]float64{"فیصل": 3.9, "واوڈا": 6.9, "نااہلی": 5.9, "faisal": 5, "vawda": 7, "disqualification": 6, "case": 3, "reply": 4, "election": 3, "commission": 3},
		[]WeightedTerm{{Term: "واوڈا", Weight: 1}})
	if ans.Refused || len(ans.Citations) == 0 || ans.Citations[0].DocID != "newest" {
		t.Errorf("answer %q cites %+v first; want the newest report, in English", ans.Answer, ans.Citations)
	}
}

// A question asks a value with "what" or "which" when it stands by the value
// noun ("کس سطح پر", "نئی قیمت کیا ہے؟", "what is the price"); a price
// named far from the question's "کیا" is the matter asked about, not the
// figure asked ("… قیمت بڑھانے کے معاملے میں تازہ ترین پیش رفت کیا ہے؟": the
// approval of a rise, which states no figure, is its newest answer).
func TestAsksValue(t *testing.T) {
	for q, want := range map[string]bool{
		"ڈالر اب کس سطح پر آ گیا ہے؟":       true,
		"پٹرول کی نئی قیمت کیا ہے؟":         true,
		"What is the latest price of gold?": true,
		"سونے کی فی تولہ قیمت اب کتنی ہے؟":  true,
		"آئی ایم ایف کی شرائط کے تحت بجلی کی قیمت بڑھانے کے معاملے میں تازہ ترین پیش رفت کیا ہے؟": false,
		"داسو ڈیم کی تعمیر میں تازہ ترین پیش رفت کیا ہے؟":                                         false,
	} {
		if got := asksValue([]string{q}); got != want {
			t.Errorf("asksValue(%q) = %v, want %v", q, got, want)
		}
	}
}

// A report that states a day's count by "مزید" beside its figure, in digits
// or a small number word, also reads as the day's count ("یومیہ") to a latest
// question's relevance; other words, and reports that say no count, stay as
// they are.
func TestFoldDailyCount(t *testing.T) {
	for s, want := range map[string]bool{
		"کورونا صورتحال ؛ مہلک وباء سے مزید 63 افراد جاں بحق":                true,
		"سندھ میں کورونا وائرس سے مزید ایک مریض لقمہ اجل اور 298 دیگر متاثر": true,
		"4300 نئے کیسز رپورٹ":                            true,
		"بلے بازوں نے مزید نقصان نہ ہونے دیا":            false,
		"حکومت نئی پالیسی کا اعلان کرے گی":               false,
		"کورونا سے اموات کی مجموعی تعداد 14 ہزار ہو گئی": false,
	} {
		toks := text.Tokens(s)
		words := text.ContentTokens(s)
		stems := text.StemTokens(slices.Clone(words))
		gw, gs := foldDailyCount(words, stems, toks)
		if got := slices.Contains(gw, "یومیہ"); got != want {
			t.Errorf("foldDailyCount(%q) adds یومیہ: %v, want %v", s, got, want)
		}
		if len(gw) != len(gs) || !slices.Equal(gw[:len(words)], words) {
			t.Errorf("foldDailyCount(%q) = %q, %q: the words changed", s, gw, gs)
		}
		if want && gs[len(gs)-1] != text.Stem("یومیہ") {
			t.Errorf("foldDailyCount(%q): stem %q", s, gs[len(gs)-1])
		}
	}
	folded := []string{"یومیہ", "دن", "اموات"}
	if gw, _ := foldDailyCount(folded, nil, text.Tokens("ایک دن میں مزید 100 اموات")); len(gw) != len(folded) {
		t.Errorf("a report read as the day's count already gained a second یومیہ: %q", gw)
	}
}

// To a latest question that asks a day's count ("ایک دن میں"), the newest
// day's report that words it "مزید 61 افراد جاں بحق" is in the running
// (RecencyShare) beside the day before's report of a record day and the
// running total, which holds the question's own words; and a newest
// sentence so worded is quoted first by the share that orders the quotes
// (looseShare).
func TestDayCountWordedAsMoreIsInTheRunning(t *testing.T) {
	a, ix := timeAnswerer()
	// As an archive of daily reports weighs them: کورونا in most.
	ix.idf = map[string]float64{}
	for word, idf := range map[string]float64{"کورونا": 1, "اموات": 3, "یومیہ": 3, "دن": 2, "تعداد": 2.5} {
		ix.idf[word], ix.idf[text.Stem(word)] = idf, idf
	}
	q := "کورونا سے ایک دن میں ہونے والی اموات کی تعداد"
	total := &Passage{Text: "کورونا : 9 ماہ بعد ایک دن میں ریکارڈ کیسز رپورٹ ، اموات کی مجموعی تعداد 14 ہزار سے تجاوز کرگئی۔"}
	newest := &Passage{Text: "کورونا صورتحال ؛ مہلک وباء سے مزید 61 افراد جاں بحق۔"}
	rel := a.relevance(context.Background(), Retrieval{}, []Query{{Text: q}})
	if rel(newest) < RecencyShare*rel(total) {
		t.Errorf("relevance: the day's count worded by مزید %.3f, the record day and total %.3f", rel(newest), rel(total))
	}
	share := looseShare(Retrieval{}.termWeights(context.Background(), ix), []string{q})
	sentence := func(p *Passage) candidate {
		words, _ := foldCounts(text.ContentTokens(p.Text), nil)
		stems := text.StemTokens(slices.Clone(words))
		return candidate{p: p, sentence: p.Text, words: words, stems: stems}
	}
	if share(sentence(newest)) < RecencyShare*share(sentence(total)) {
		t.Errorf("share: the day's count worded by مزید %.3f, the record day and total %.3f", share(sentence(newest)), share(sentence(total)))
	}
}
