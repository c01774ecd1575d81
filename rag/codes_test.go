package rag

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestCodesIn(t *testing.T) {
	for s, want := range map[string][]code{
		"خوشاب کے حلقہ پی پی 84 کے ضمنی الیکشن کے لیے کاغذات":             {{"PP", "84"}},
		"این اے ۲۴۹ کے ضمنی الیکشن کے لیے اب کل کتنے امیدوار ہیں؟":        {{"NA", "249"}},
		"پی ایس ایل 6 کے رہ جانے والے میچ":                                {{"PSL", "6"}},
		"پی کے 63 نوشہرہ ضمنی انتخاب":                                     {{"PK", "63"}},
		"حلقہ این اے 249سے الیکشن میں حصہ":                                {{"NA", "249"}}, // glued to the next word
		"Are Mustafa Kamal's papers for the NA-249 by-election accepted?": {{"NA", "249"}},
		"Where did the KSE-100 index close?":                              {{"KSE", "100"}},
		"How many have died of COVID-19 so far?":                          {{"COVID", "19"}}, // Urdu spells it کووڈ, never in letter names
		"آئی سی سی ٹی 20 ورلڈ کپ":                                         nil,               // a format
		"پی ٹی آئی کے 3 ارکان":                                            nil,               // PTI's three members
		// Not codes: a postposition or a verb before a number, a format, a
		// year, an ordinary English word.
		"پاکستان کے 20 کھلاڑی":                             nil,
		"قیمت میں کمی آئی، 20 روپے":                        nil,
		"چیمپئنز لیگ ٹی 20 کا سیمی فائنل":                  nil,
		"Will India give visas for the T20 World Cup?":     nil,
		"Has Pakistan started vaccinating people over 60?": nil,

		"NA 2021 elections": nil,
	} {
		if got := codesIn(s); !slices.Equal(got, want) {
			t.Errorf("codesIn(%q) = %v, want %v", s, got, want)
		}
	}
}

// A question about one constituency's by-election wants that
// constituency's newest report, not a newer one of another constituency's;
// a report that names the series without its number may be of it.
func TestLatestNamesTheCode(t *testing.T) {
	pp84 := datedHit("pp84#0", "2021-03-24", "پی پی 84ضمنی الیکشن ،پیپلز پارٹی اور مسلم لیگ کے امیدواروں نے کاغذات نامزدگی جمع کروا دئیے")
	na249 := datedHit("na249#0", "2021-03-25", "ضمنی الیکشن حلقہ این اے 249 کیلئے امیدوار کے کاغذات نامزدگی منظور کرلیئے گئے")
	asOf := time.Date(2021, 3, 28, 0, 0, 0, 0, time.UTC)
	if got := latestOrder(t, "خوشاب کے حلقہ پی پی 84 کے ضمنی الیکشن کے لیے اب تک کن کن کے کاغذات نامزدگی جمع ہو چکے ہیں؟", asOf, na249, pp84); len(got) == 0 || got[0] != "pp84" {
		t.Errorf("passages %v: want PP-84's report first, not NA-249's newer one", got)
	}
	if got := latestOrder(t, "این اے 249 کے ضمنی الیکشن کے لیے اب تک کن کن کے کاغذات نامزدگی منظور ہو چکے ہیں؟", asOf, pp84, na249); len(got) == 0 || got[0] != "na249" {
		t.Errorf("passages %v: want NA-249's report first", got)
	}
	series := datedHit("series#0", "2021-03-05", "پی ایس ایل، کھلاڑیوں اور عہدیداروں کا کورونا ویکسین لگوانے سے انکار")
	older := datedHit("older#0", "2021-03-04", "پی ایس ایل 6: کھلاڑیوں اور آفیشلز کو کورونا ویکسین لگانے کا عمل شروع")
	if got := latestOrder(t, "کیا پی ایس ایل 6 کے کھلاڑیوں کو اب کورونا ویکسین لگ چکی ہے؟", asOf, older, series); len(got) == 0 || got[0] != "series" {
		t.Errorf("passages %v: want the newest PSL report, which names no season, first", got)
	}
}

// A question that names a constituency and its city ("این اے 249 کراچی")
// is answered by the newest report of the constituency, which names the
// code and not the city: the code holds the place asked about.
func TestLatestCodeHoldsThePlace(t *testing.T) {
	named := datedHit("named#0", "2021-03-19", "این اے 249 ضمنی انتخابات، امجد آفریدی پی ٹی آئی کے امیدوار نامزد")
	city := datedHit("city#0", "2021-03-17", "این اے 249 کراچی غربی II پر ضمنی انتخاب کے لئے پولنگ 29 اپریل کو ہوگی")
	other := datedHit("other#0", "2021-03-20", "کراچی میں ضمنی انتخاب کے لیے پی ٹی آئی کا امیدوار کون ہوگا، مشاورت جاری")
	for _, h := range []*Hit{&named, &city, &other} {
		h.Doc.Title = h.Chunk.Text // headlines: the city is read from one that opens with it
	}
	asOf := time.Date(2021, 3, 20, 0, 0, 0, 0, time.UTC)
	if got := latestOrder(t, "این اے 249 کراچی کے ضمنی انتخاب کے لیے پی ٹی آئی کا امیدوار اب کون ہے؟", asOf, city, named, other); len(got) < 2 || got[0] != "named" && got[1] != "named" || got[0] == "city" {
		t.Errorf("passages %v: want the constituency's newest report before the city's older one", got)
	}
}

// A latest question about a constituency no report names, asked of reports
// of others, is refused and says why; asked about one of them, it is
// answered.
func TestLatestUnseenCode(t *testing.T) {
	na249 := datedHit("na249#0", "2021-03-25", "ضمنی الیکشن حلقہ این اے 249 کیلئے 31 امیدواروں کے کاغذات نامزدگی منظور کرلیئے گئے")
	na75 := datedHit("na75#0", "2021-03-24", "این اے 75 ڈسکہ میں 10 اپریل کو دوبارہ پولنگ ہوگی، الیکشن کمیشن")
	daska := datedHit("daska#0", "2021-03-26", "ڈسکہ ضمنی انتخاب کے لیے پولنگ کی تیاریاں مکمل")
	a, _ := timeAnswerer(na249, na75, daska)
	asOf := time.Date(2021, 3, 28, 0, 0, 0, 0, time.UTC)
	ans, err := a.Ask(context.Background(), Question{Text: "این اے 133 کے ضمنی انتخاب میں اب تک کتنے امیدواروں کے کاغذات نامزدگی منظور ہوئے؟", AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	if !ans.Refused || !slices.ContainsFunc(ans.Warnings, func(w string) bool { return strings.Contains(w, "NA-133") }) {
		t.Errorf("NA-133, which no report names: refused %v, warnings %q; answer %q", ans.Refused, ans.Warnings, ans.Answer)
	}
	ans, err = a.Ask(context.Background(), Question{Text: "این اے 249 کے ضمنی انتخاب میں اب تک کتنے امیدواروں کے کاغذات نامزدگی منظور ہوئے؟", AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Refused || len(ans.Citations) == 0 || ans.Citations[0].DocID != "na249" {
		t.Errorf("NA-249: refused %v, citations %+v; answer %q", ans.Refused, ans.Citations, ans.Answer)
	}
}

func TestUnseenCode(t *testing.T) {
	found := []Passage{
		{Text: "این اے 249 کے ضمنی انتخاب کے لیے کاغذات نامزدگی جمع"},
		{Text: "ڈسکہ میں دوبارہ پولنگ"},
	}
	for q, want := range map[string]string{
		"این اے 133 میں اب تک کیا ہوا؟":  "NA-133",
		"What is the latest on NA-133?":  "NA-133",
		"این اے 249 میں اب تک کیا ہوا؟":  "",
		"پی پی 84 میں اب تک کیا ہوا؟":    "", // no report names a PP constituency
		"ڈسکہ میں دوبارہ پولنگ کب ہوگی؟": "",
	} {
		if got := unseenCode(questionCodes([]Query{{Text: q}}), found); got != want {
			t.Errorf("unseenCode(%q) = %q, want %q", q, got, want)
		}
	}
}

// Of a market report's sentences, the one that names the index asked about
// is quoted first, not the one about another index of its kind that holds
// more of the question's other words.
func TestOtherCodesLast(t *testing.T) {
	report := datedHit("market#0", "2014-09-24", "کراچی اسٹاک ایکسچینج میں گزشتہ روز کاروبار کے اختتام پر کے ایس ای 100 انڈیکس 110 پوائنٹس اضافے سے 30070 پوائنٹس کی سطح پر بند ہوا۔ کے ایس ای 30 انڈیکس 20566 پوائنٹس پر بند ہوا۔")
	a, _ := timeAnswerer(report)
	ans, err := a.Ask(context.Background(), Question{Text: "کے ایس ای 30 انڈیکس گزشتہ روز کاروبار کے اختتام پر کس سطح پر بند ہوا؟", AsOf: time.Date(2014, 9, 25, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Refused || len(ans.Citations) == 0 || !strings.Contains(ans.Citations[0].Quote, "20566") {
		t.Errorf("refused %v, citations %+v: want the KSE-30 sentence quoted first", ans.Refused, ans.Citations)
	}
}
