package rag

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jawab/jawab/text"
	"github.com/jawab/jawab/when"
)

// datedIndex is a weightedIndex whose searches apply the filter, as a
// store's do.
type datedIndex struct {
	weightedIndex
	mu       sync.Mutex
	filters  []Filter
	weighted []weightedSearch // each weighted keyword search
}

// weightedSearch is one weighted keyword search a datedIndex was asked.
type weightedSearch struct {
	terms  []WeightedTerm
	filter Filter
}

func (d *datedIndex) search(k int, f Filter) []Hit {
	d.mu.Lock()
	d.filters = append(d.filters, f)
	d.mu.Unlock()
	var out []Hit
	for _, h := range d.hits {
		if f.Match(h.Doc) {
			out = append(out, h)
		}
	}
	return out[:min(k, len(out))]
}

func (d *datedIndex) KeywordSearch(_ context.Context, _ string, k int, f Filter) ([]Hit, error) {
	return d.search(k, f), nil
}

func (d *datedIndex) WeightedKeywordSearch(_ context.Context, terms []WeightedTerm, k int, f Filter) ([]Hit, error) {
	d.mu.Lock()
	d.weighted = append(d.weighted, weightedSearch{terms, f})
	d.mu.Unlock()
	return d.search(k, f), nil
}

func (d *datedIndex) VectorSearch(_ context.Context, _ []float32, k int, f Filter) ([]Hit, error) {
	return d.search(k, f), nil
}

// datedHit is a hit of an article published on day.
func datedHit(id, day, text string) Hit {
	h := hit(id, text)
	h.Doc.Published, _ = time.Parse(time.DateOnly, day)
	h.Doc.Source = "source of " + h.Doc.ID
	return h
}

// crossWords is an offline rendering's words: each source word (the
// even arguments) rendered by the term after it alone, weighing 1.
func crossWords(pairs ...string) []CrossWord {
	var out []CrossWord
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, CrossWord{Source: pairs[i], Renderings: []WeightedTerm{{Term: pairs[i+1], Weight: 1}}})
	}
	return out
}

// The dollar's rate, reported on four days.
var dollarHits = []Hit{
	datedHit("a#0", "2021-03-01", "انٹر بینک مارکیٹ میں ڈالر کا ریٹ 158 روپے رہا۔"),
	datedHit("b#0", "2021-03-04", "انٹر بینک مارکیٹ میں ڈالر کا ریٹ 160 روپے رہا۔"),
	datedHit("c#0", "2014-07-02", "انٹر بینک مارکیٹ میں ڈالر کا ریٹ 98 روپے رہا۔"),
	datedHit("d#0", "2021-02-10", "انٹر بینک مارکیٹ میں ڈالر کا ریٹ 155 روپے رہا۔"),
}

func timeAnswerer(hits ...Hit) (*Answerer, *datedIndex) {
	// آباد ends many places' names (اسلام آباد, فیصل آباد): a collection
	// holds it more often than either.
	ix := &datedIndex{weightedIndex: weightedIndex{fakeIndex: fakeIndex{hits: hits}, idf: map[string]float64{"آباد": 0.5}}}
	return &Answerer{Retriever: &Retriever{Index: ix, Embedder: constEmbedder{}}}, ix
}

var march5 = time.Date(2021, 3, 5, 0, 0, 0, 0, time.UTC)

// latestOrder asks q as of asOf over hits and returns the documents of the
// passages it was given, in order.
func latestOrder(t *testing.T, q string, asOf time.Time, hits ...Hit) []string {
	t.Helper()
	a, _ := timeAnswerer(hits...)
	ans, err := a.Ask(context.Background(), Question{Text: q, AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	return docIDs(ans.Passages)
}

// docIDs are the passages' documents, in order.
func docIDs(ps []Passage) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.DocID)
	}
	return out
}

// "Latest" cites the newest report up to the day asked, says as of when, and
// lists the differing figures newest first.
func TestLatestIsNewest(t *testing.T) {
	a, _ := timeAnswerer(dollarHits...)
	ans, err := a.Ask(context.Background(), Question{Text: "انٹر بینک میں ڈالر کا تازہ ترین ریٹ کیا ہے؟", AsOf: march5})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Refused || len(ans.Citations) == 0 || ans.Citations[0].DocID != "b" {
		t.Fatalf("answer %q cites %+v; want the 4 March report first", ans.Answer, ans.Citations)
	}
	if !ans.Citations[0].Published.Equal(time.Date(2021, 3, 4, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("the citation carries the date %v", ans.Citations[0].Published)
	}
	if _, rest, _ := strings.Cut(ans.Answer, "\n"); !strings.HasPrefix(rest, "4 مارچ 2021 تک کی خبروں کے مطابق:") {
		t.Errorf("the answer does not say as of when:\n%s", ans.Answer)
	}
	if ans.Time == nil || ans.Time.Kind != "latest" || !ans.Time.AsOf.Equal(ans.Citations[0].Published) || !ans.Time.Reference.Equal(march5) {
		t.Errorf("answer time %+v", ans.Time)
	}
	if i, j := strings.Index(ans.Answer, "160"), strings.Index(ans.Answer, "158"); i < 0 || (j >= 0 && j < i) {
		t.Errorf("the newest figure does not come first:\n%s", ans.Answer)
	}

	// Switched off (jawab eval --time no-latest), the search's order stands.
	a.TimeOff = map[string]bool{"latest": true}
	off, err := a.Ask(context.Background(), Question{Text: "انٹر بینک میں ڈالر کا تازہ ترین ریٹ کیا ہے؟", AsOf: march5})
	if err != nil {
		t.Fatal(err)
	}
	if off.Time != nil || off.Passages[0].DocID != "a" {
		t.Errorf("latest off: time %+v, first passage %s", off.Time, off.Passages[0].DocID)
	}
	a.TimeOff = nil

	// As of 2 March, the 4 March report does not exist yet.
	ans, err = a.Ask(context.Background(), Question{Text: "انٹر بینک میں ڈالر کا تازہ ترین ریٹ کیا ہے؟", AsOf: time.Date(2021, 3, 2, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ans.Passages {
		if p.DocID == "b" {
			t.Errorf("as of 2 March the 4 March report is visible")
		}
	}
	if len(ans.Citations) == 0 || ans.Citations[0].DocID != "a" {
		t.Errorf("as of 2 March: cites %+v, want the 1 March report", ans.Citations)
	}
}

// A question without time words keeps the ranking: recency is weighed only
// when asked for.
func TestNoTimeKeepsRanking(t *testing.T) {
	a, _ := timeAnswerer(dollarHits...)
	ans, err := a.Ask(context.Background(), Question{Text: "انٹر بینک میں ڈالر کا ریٹ کیا رہا؟"})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Time != nil || len(ans.Passages) == 0 || ans.Passages[0].DocID != "a" {
		t.Errorf("time %+v, first passage %v: want the search's own order", ans.Time, ans.Passages)
	}
}

// Over a collection without dates, "latest" has nothing to order: the
// passages are the usual search's, not those the rules for dated reports
// would leave (the figure rule would put the report without a number last).
func TestLatestOverUndatedKeepsRanking(t *testing.T) {
	undated := []Hit{
		hit("a#0", "انٹر بینک مارکیٹ میں ڈالر کا ریٹ بڑھ گیا۔"),
		hit("b#0", "انٹر بینک مارکیٹ میں ڈالر کا ریٹ 160 روپے رہا۔"),
		hit("c#0", "اوپن مارکیٹ میں ڈالر کا ریٹ 161 روپے رہا۔"),
	}
	latest := latestOrder(t, "انٹر بینک میں ڈالر کا ریٹ اس وقت کتنے روپے ہے؟", march5, undated...)
	usual := latestOrder(t, "انٹر بینک میں ڈالر کا ریٹ کتنے روپے ہے؟", march5, undated...)
	if len(latest) == 0 || !slices.Equal(latest, usual) {
		t.Errorf("latest over undated passages: %v; the usual search: %v", latest, usual)
	}
}

// A named period filters by publication; with nothing published then, the
// passages that mention it stand in; with none of those, the answer is a
// refusal that names the period.
func TestPeriod(t *testing.T) {
	a, ix := timeAnswerer(dollarHits...)
	ans, err := a.Ask(context.Background(), Question{Text: "جولائی 2014 میں انٹر بینک میں ڈالر کا ریٹ کیا تھا؟", AsOf: march5})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Refused || len(ans.Passages) != 1 || ans.Passages[0].DocID != "c" || ans.Time == nil || ans.Time.Kind != "absolute" {
		t.Fatalf("July 2014: %+v", ans)
	}
	// July, and August for the reports of July.
	if !slices.ContainsFunc(ix.filters, func(f Filter) bool {
		return f.From.Format(time.DateOnly) == "2014-07-01" && f.To.Format(time.DateOnly) == "2014-08-31"
	}) {
		t.Errorf("never searched July 2014: %v", ix.filters)
	}

	// 1948: nothing published, one passage names it.
	history := datedHit("e#0", "2020-05-01", "پاکستان اور سوویت یونین کے تعلقات یکم مئی 1948 کو قائم ہوئے۔")
	a, _ = timeAnswerer(append([]Hit{history}, dollarHits...)...)
	ans, err = a.Ask(context.Background(), Question{Text: "1948 میں پاکستان اور سوویت یونین کے تعلقات کب قائم ہوئے؟", AsOf: march5})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Refused || len(ans.Passages) == 0 || ans.Passages[0].DocID != "e" || !hasWarning(ans, "mention it") {
		t.Errorf("1948: refused %v, passages %v, warnings %v", ans.Refused, ans.Passages, ans.Warnings)
	}

	// Last week (26 February – 5 March) has reports; March 2019 has none,
	// and no passage names it.
	a, _ = timeAnswerer(dollarHits...)
	ans, err = a.Ask(context.Background(), Question{Text: "پچھلے ہفتے انٹر بینک میں ڈالر کا ریٹ کیا رہا؟", AsOf: march5})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ans.Passages {
		if p.DocID != "a" && p.DocID != "b" {
			t.Errorf("last week: passage of %s (%v)", p.DocID, p.Published)
		}
	}
	ans, err = a.Ask(context.Background(), Question{Text: "What was the dollar rate in March 2019?", Lang: "en", AsOf: march5})
	if err != nil {
		t.Fatal(err)
	}
	if !ans.Refused || !strings.Contains(ans.Answer, "March 2019") || !hasWarning(ans, "no article was published in March 2019") {
		t.Errorf("March 2019: refused %v, answer %q, warnings %v", ans.Refused, ans.Answer, ans.Warnings)
	}
}

// A part of a month ("مارچ 2021 کے شروع میں", early March) is searched as
// its days: a report of the 25th is no answer to the start of the month,
// however alike its words.
func TestPartOfMonthIsItsDays(t *testing.T) {
	late := datedHit("f#0", "2021-03-25", "انٹر بینک مارکیٹ میں ڈالر کا ریٹ 154 روپے رہا۔")
	a, _ := timeAnswerer(append([]Hit{late}, dollarHits...)...)
	ans, err := a.Ask(context.Background(), Question{Text: "مارچ 2021 کے شروع میں انٹر بینک میں ڈالر کا ریٹ کیا تھا؟", AsOf: time.Date(2021, 4, 5, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Refused || ans.Time == nil || ans.Time.From.Format(time.DateOnly) != "2021-03-01" || ans.Time.To.Format(time.DateOnly) != "2021-03-10" {
		t.Fatalf("early March: refused %v, time %+v", ans.Refused, ans.Time)
	}
	if got := docIDs(ans.Passages); !slices.Equal(got, []string{"b", "a"}) && !slices.Equal(got, []string{"a", "b"}) {
		t.Errorf("early March: passages of %v, want a and b (1 and 4 March)", got)
	}
}

// A named period that runs past as_of is searched only up to it: what was
// published after as_of stays invisible, however few passages the period
// had before it (the search of the period alone once ran to its end).
func TestPeriodEndsAtAsOf(t *testing.T) {
	later := datedHit("e#0", "2021-03-20", "انٹر بینک مارکیٹ میں ڈالر کا ریٹ 162 روپے رہا۔")
	a, ix := timeAnswerer(append([]Hit{later}, dollarHits...)...)
	for _, q := range []string{"مارچ 2021 میں انٹر بینک میں ڈالر کا ریٹ کیا تھا؟", "What was the interbank dollar rate in April 2021?"} {
		ans, err := a.Ask(context.Background(), Question{Text: q, AsOf: march5})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range ans.Passages {
			if p.Published.After(march5) {
				t.Errorf("%s: passage of %s published %v, after as_of", q, p.DocID, p.Published.Format(time.DateOnly))
			}
		}
		for _, f := range ix.filters {
			if f.To.IsZero() || f.To.After(march5.AddDate(0, 0, 1)) {
				t.Errorf("%s: searched up to %v, past as_of", q, f.To)
			}
		}
	}
}

// A date that does not exist sets no filter, and the answer says so.
func TestImpossibleDate(t *testing.T) {
	a, ix := timeAnswerer(dollarHits...)
	ans, err := a.Ask(context.Background(), Question{Text: "31 فروری کو انٹر بینک میں ڈالر کا ریٹ کیا تھا؟", AsOf: march5})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(ans.Answer, "«31 فروری» کیلنڈر میں نہیں") || !hasWarning(ans, "does not exist") {
		t.Errorf("answer %q, warnings %v", ans.Answer, ans.Warnings)
	}
	for _, f := range ix.filters {
		if !f.From.IsZero() {
			t.Errorf("searched from %v", f.From)
		}
	}
}

// Reports of one day from two sources that disagree are labelled as such.
func TestSameDayConflict(t *testing.T) {
	agency := datedHit("x#0", "2014-07-02", "کراچی میں بارش سے 12 افراد جاں بحق ہو گئے۔")
	paper := datedHit("y#0", "2014-07-02", "کراچی میں بارش سے 14 افراد جاں بحق ہو گئے۔")
	list := conflictList([]candidate{{p: &Passage{N: 1, DocID: "x", Source: agency.Doc.Source, Published: agency.Doc.Published}, sentence: agency.Chunk.Text},
		{p: &Passage{N: 2, DocID: "y", Source: paper.Doc.Source, Published: paper.Doc.Published}, sentence: paper.Chunk.Text}}, "en")
	if !strings.Contains(list, "differs from another report of the same day") || !strings.Contains(list, "source of x") {
		t.Errorf("same-day conflict:\n%s", list)
	}
	// For an English reader each Urdu report is a marked quote, its figure
	// given in English; an Urdu reader gets the sentence as it stands.
	for _, want := range []string{"12 (Urdu: «کراچی میں بارش سے 12 افراد جاں بحق ہو گئے۔») [1]", "14 (Urdu: «کراچی میں بارش سے 14 افراد"} {
		if !strings.Contains(list, want) {
			t.Errorf("English list lacks %q:\n%s", want, list)
		}
	}
	if ur := conflictList([]candidate{{p: &Passage{N: 1, DocID: "x", Published: agency.Doc.Published}, sentence: agency.Chunk.Text},
		{p: &Passage{N: 2, DocID: "y", Published: paper.Doc.Published.AddDate(0, 0, 1)}, sentence: paper.Chunk.Text}}, "ur"); strings.Contains(ur, "«") || !strings.Contains(ur, ": کراچی میں بارش سے 14 افراد") {
		t.Errorf("Urdu list:\n%s", ur)
	}
	same := conflictList([]candidate{{p: &Passage{N: 1, DocID: "x", Published: agency.Doc.Published}, sentence: agency.Chunk.Text},
		{p: &Passage{N: 2, DocID: "y", Published: paper.Doc.Published.AddDate(0, 0, 1)}, sentence: agency.Chunk.Text}}, "en")
	if same != "" {
		t.Errorf("agreeing reports listed as a conflict:\n%s", same)
	}
	// Two quotes of one article are no two reports of its day.
	older := datedHit("z#0", "2014-07-01", "کراچی میں بارش سے 9 افراد جاں بحق ہو گئے۔")
	one := conflictList([]candidate{{p: &Passage{N: 1, DocID: "x", Source: agency.Doc.Source, Published: agency.Doc.Published}, sentence: agency.Chunk.Text},
		{p: &Passage{N: 1, DocID: "x", Source: agency.Doc.Source, Published: agency.Doc.Published}, sentence: "ان میں 5 بچے شامل ہیں۔"},
		{p: &Passage{N: 2, DocID: "z", Source: older.Doc.Source, Published: older.Doc.Published}, sentence: older.Chunk.Text}}, "en")
	if one == "" || strings.Contains(one, "differs from another report of the same day") {
		t.Errorf("one article's two quotes labelled as two reports of its day:\n%s", one)
	}
}

// The dated list is of one quantity's values: figures of other things
// (another event's count, the hours of a daily count, a dateline) are no
// conflict, two papers that agree do not differ, and dates given in the
// text are values too. (dated-ur's answers listed "52 ہلاک" beside "52
// افراد ہلاک" as different figures for their datelines.)
func TestConflictListOneQuantity(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	quote := func(n int, doc, published, sentence string) candidate {
		return candidate{p: &Passage{N: n, DocID: doc, Source: "source of " + doc, Published: day(published)}, sentence: sentence}
	}
	agree := conflictList([]candidate{
		quote(1, "a", "2015-04-29", "افغانستان: مٹی کے تودے گرنے سے بچوں او رخواتین سمیت52 ہلاک"),
		quote(2, "b", "2015-04-28", "28 اپریل (اے پی پی) افغانستان کے شمالی صوبہ بدخشاں میں مٹی کا تودہ گرنے کے نتیجہ میں 52 افراد ہلاک ہو گئے۔"),
	}, "ur")
	if agree != "" {
		t.Errorf("two reports of 52 dead, one with a dateline, listed as differing:\n%s", agree)
	}
	list := conflictList([]candidate{
		quote(1, "a", "2021-03-31", "اسلام آباد میں گزشتہ 24 گھنٹوں میں مزید 108 بچے کورونا کا شکار ہوگئے"),
		quote(2, "b", "2021-03-31", "اسلام آباد ، کورونا کے باعث پانچ افراد چل بسے ،108بچے کورونا کا شکار ہوئے"),
		quote(3, "c", "2021-03-29", "اسلام آباد: 7 دن کے بچے کو ماں سے کورونا وائرس لگ گیا"),
		quote(4, "d", "2021-03-28", "اسلام آباد ،گزشتہ 24 گھنٹوں کے دوران 71 بچے کورونا وباء کا شکار ہوئے"),
	}, "ur")
	for _, want := range []string{"108 بچے", "71 بچے"} {
		if !strings.Contains(list, want) {
			t.Errorf("list lacks %q:\n%s", want, list)
		}
	}
	if strings.Contains(list, "7 دن کے بچے") {
		t.Errorf("a figure of another thing (a week-old baby) listed:\n%s", list)
	}
	if strings.Contains(list, "اسی دن کی ایک اور خبر سے مختلف") {
		t.Errorf("two reports of one day that agree (108) labelled as differing:\n%s", list)
	}
	dates := conflictList([]candidate{
		quote(1, "a", "2014-10-25", "شاہ محمود قریشی نے 3 ستمبر کو پارلیمنٹ کے مشترکہ اجلاس سے خطاب بھی کیا۔"),
		quote(2, "b", "2014-10-24", "24 اکتوبر (اے پی پی) پارلیمنٹ کے مشترکہ اجلاس میں 3 اکتوبر کو پی ٹی آئی کے ارکان نے شرکت کی۔"),
	}, "en")
	if !strings.Contains(dates, "3 September") || !strings.Contains(dates, "3 October") {
		t.Errorf("two reports giving the session different dates not listed:\n%s", dates)
	}
}

// quantities reads what each figure is of: a casualty meaning before or
// after it, else the word after it; a dateline is no figure, a date in the
// text is one.
func TestQuantities(t *testing.T) {
	aug21 := time.Date(2014, 8, 21, 0, 0, 0, 0, time.UTC)
	oct25 := time.Date(2014, 10, 25, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		s         string
		published time.Time
		want      map[string][]float64
	}{
		{"سیلاب سے جاں بحق افراد کی تعداد 57 ہو گئی ہے جبکہ 130 افراد زخمی ہیں۔", aug21, map[string][]float64{"dead": {57}, "injured": {130}}},
		{"The death toll from the floods in Swat rose to 64 on Monday.", aug21, map[string][]float64{"dead": {64}}},
		{"21 اگست (اے پی پی) عدالت نے سابق وزیر کو 15 سال قید کی سزا سنا دی۔", aug21, map[string][]float64{"سال": {15}}},
		{"شاہ محمود قریشی نے 3 ستمبر کو پارلیمنٹ سے خطاب کیا۔", oct25, map[string][]float64{"date": {903}}},
		{"پاکستان کو 339رنز کا ہدف ملا", aug21, map[string][]float64{text.Stem("رنز"): {339}}},
		// An age is not a term of years, and a measure beside a casualty
		// word is not a count.
		{"31 سالہ ایڈورڈ سنوڈن کو 3 سال کی رہائشی پرمٹ جاری", aug21, map[string][]float64{"سالہ": {31}, "سال": {3}}},
		{"کورونا کیس سامنے آنے پر کیمپ 7 روز بعد ہی ختم", aug21, map[string][]float64{"روز": {7}}},
		// A constituency's number is its name, not a figure.
		{"این اے 249 سے 12 امیدوار میدان میں", aug21, map[string][]float64{text.Stem("امیدوار"): {12}}},
		// A currency typed glued to the next word is still the currency:
		// dollars, as "2 ٹریلین ڈالر سے زائد" states them.
		{"صدر بائیڈن کا 23 کھرب ڈالرمنصوبے کا اعلان", aug21, map[string][]float64{text.Stem("ڈالر"): {2.3e12}}},
		{"صدر بائیڈن کا 2 ٹریلین ڈالر سے زائد منصوبے کا اعلان", aug21, map[string][]float64{text.Stem("ڈالر"): {2e12}}},
		// A lone date beside a casualty word is still a date.
		{"کورونا کیسز میں اضافہ،سندھ میں 15 اپریل تک نئی پابندیوں کا اعلان", time.Date(2021, 3, 15, 0, 0, 0, 0, time.UTC), map[string][]float64{"date": {415}}},
	} {
		got := quantities(c.s, c.published)
		if len(got) != len(c.want) {
			t.Errorf("quantities(%q) = %v, want %v", c.s, got, c.want)
			continue
		}
		for key, vs := range c.want {
			if !slices.Equal(got[key], vs) {
				t.Errorf("quantities(%q)[%s] = %v, want %v (all: %v)", c.s, key, got[key], vs, got)
			}
		}
	}
}

// An agency's figure and two papers' of the next day that differ from it
// and from each other are all quoted, listed by date, and the two papers of
// one day are labelled as such, though the question has no time words.
func TestThreeReportsOfOneStory(t *testing.T) {
	agency := datedHit("k#0", "2014-08-02", "بیجنگ: صنعتی حادثے میں 65 افراد ہلاک اور 100 سے زائد زخمی ہو گئے۔")
	paper := datedHit("kp#0", "2014-08-03", "چین کے شہر کنشان کی دھات کی فیکٹری میں دھماکے سے 65 افراد ہلاک اور 150 زخمی ہو گئے۔")
	other := datedHit("kq#0", "2014-08-03", "جیانگسو: حادثے میں 68 افراد ہلاک اور 120 زخمی ہو گئے۔")
	a, _ := timeAnswerer(paper, other, agency)
	a.Retriever.Lambda = 1
	ans, err := a.Ask(context.Background(), Question{Text: "چین کے شہر کنشان کی دھات کی فیکٹری میں دھماکے میں کتنے لوگ زخمی ہوئے؟"})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"100 سے زائد زخمی", "150 زخمی", "120 زخمی", "اسی دن کی ایک اور خبر سے مختلف"} {
		if !strings.Contains(ans.Answer, want) {
			t.Errorf("answer lacks %q:\n%s", want, ans.Answer)
		}
	}
	if i, j := strings.Index(ans.Answer, "- 3 اگست 2014"), strings.Index(ans.Answer, "- 2 اگست 2014"); i < 0 || j < 0 || i > j {
		t.Errorf("the reports are not listed by date, newest first:\n%s", ans.Answer)
	}
}

// Two reports of one day that disagree are listed and labelled though the
// question has no time words and their dates do not differ.
func TestSameDayConflictUntimed(t *testing.T) {
	a, _ := timeAnswerer(datedHit("x#0", "2014-07-02", "کراچی میں بارش سے 12 افراد جاں بحق ہو گئے۔"),
		datedHit("y#0", "2014-07-02", "کراچی میں بارش سے 14 افراد جاں بحق ہو گئے۔"))
	ans, err := a.Ask(context.Background(), Question{Text: "کراچی میں بارش سے کتنے افراد جاں بحق ہوئے؟"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(ans.Answer, "اسی دن کی ایک اور خبر سے مختلف") || !strings.Contains(ans.Answer, "2 جولائی 2014 تک") {
		t.Errorf("same-day reports not listed as differing:\n%s", ans.Answer)
	}
}

// With an LLM, the day asked and the passages' dates reach the model, and an
// answer to a latest question that cites only an older report is flagged.
func TestLatestWithLLMFlagsStale(t *testing.T) {
	a, _ := timeAnswerer(dollarHits...)
	gen := &fakeGenerator{out: "ڈالر 158 روپے کا تھا [2]۔"}
	a.Generator = gen
	ans, err := a.Ask(context.Background(), Question{Text: "انٹر بینک میں ڈالر کا تازہ ترین ریٹ کیا ہے؟", AsOf: march5})
	if err != nil {
		t.Fatal(err)
	}
	if req := gen.reqs[0]; !req.Reference.Equal(march5) || req.Passages[0].Published.IsZero() {
		t.Errorf("the model got reference %v and passage dates %v", req.Reference, req.Passages[0].Published)
	}
	if !hasWarning(ans, "asks for the latest") {
		t.Errorf("no stale warning: %v (answer %q)", ans.Warnings, ans.Answer)
	}
	gen.out = "ڈالر 160 روپے کا ہے [1]۔"
	ans, err = a.Ask(context.Background(), Question{Text: "انٹر بینک میں ڈالر کا تازہ ترین ریٹ کیا ہے؟", AsOf: march5})
	if err != nil {
		t.Fatal(err)
	}
	if hasWarning(ans, "asks for the latest") {
		t.Errorf("a current answer flagged stale: %v", ans.Warnings)
	}
}

func hasWarning(ans *Answer, part string) bool {
	for _, w := range ans.Warnings {
		if strings.Contains(w, part) {
			return true
		}
	}
	return false
}

// An agency's story and the paper's of the next day give different figures
// in other words: both are quoted, listed by date, newest first.
func TestSiblingReports(t *testing.T) {
	agency := datedHit("roof#0", "2014-09-09", "لاہور۔ 9 ستمبر (اے پی پی) داروغہ والا میں مسجد کی چھت گرنے سے 2 افراد جاں بحق ہو گئے۔")
	paper := datedHit("roofp#0", "2014-09-10", "لاہور (نامہ نگار) داروغہ والا میں مسجد کی چھت گرنے سے 25 نمازی شہید ہو گئے۔")
	other := datedHit("cricket#0", "2014-09-09", "لاہور میں کرکٹ میچ کے دوران 3 کھلاڑی زخمی ہو گئے۔")
	// MMR would keep the near-copy out; the fake returns the paper only to
	// the search of the days around the agency's story.
	a, _ := timeAnswerer(agency, other, paper)
	a.Retriever.Lambda = 0.01
	ans, err := a.Ask(context.Background(), Question{Text: "داروغہ والا میں مسجد کی چھت گرنے سے کتنے افراد جاں بحق ہوئے؟", K: 2})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(ans.Answer, "25") || !strings.Contains(ans.Answer, " 2 افراد") {
		t.Fatalf("not both figures:\n%s", ans.Answer)
	}
	if i, j := strings.Index(ans.Answer, "- 10 ستمبر 2014"), strings.Index(ans.Answer, "- 9 ستمبر 2014"); i < 0 || j < 0 || i > j {
		t.Errorf("the figures are not listed by date, newest first:\n%s", ans.Answer)
	}
	// A question that does not ask how many gets no second report.
	ans, err = a.Ask(context.Background(), Question{Text: "داروغہ والا میں مسجد کی چھت کیوں گری؟", K: 2})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(ans.Answer, "مختلف اعداد") {
		t.Errorf("a dated list for a question that asks no figure:\n%s", ans.Answer)
	}
}

// The second report is of the place the first is about (Islamabad's rate is
// no second report of the country's), and by its chunk that states what the
// question counts. (The day asked keeps the other days' reports out of the
// first search: only the search of the days around finds them.)
func TestSiblingReportOfThePlaceAndCount(t *testing.T) {
	national := datedHit("nat#0", "2021-03-20", "ملک میں کورونا کے مثبت کیسز کی شرح 9.4 فیصد ہو گئی۔")
	other := datedHit("cycling#0", "2021-03-20", "سائیکلنگ کنفیڈریشن کا اجلاس 22 مارچ کو ہو گا۔")
	city := datedHit("isb#0", "2021-03-19", "اسلام آباد: کورونا کے مثبت کیسز کی شرح 12.5 فیصد پر پہنچ گئی۔")
	paper := datedHit("natp#0", "2021-03-21", "ملک میں کورونا کے مثبت کیسز کی شرح 9.5 فیصد بتائی گئی۔")
	for _, h := range []*Hit{&national, &other, &city, &paper} {
		h.Doc.Title = h.Chunk.Text // the place is the headline's
	}
	a, _ := timeAnswerer(national, other, city, paper)
	a.Retriever.Lambda = 0.01
	ans, err := a.Ask(context.Background(), Question{Text: "20 مارچ 2021 کو ملک میں کورونا کے مثبت کیسز کی شرح کتنی تھی؟", K: 2})
	if err != nil {
		t.Fatal(err)
	}
	if got := docIDs(ans.Passages); !slices.Contains(got, "natp") || slices.Contains(got, "isb") {
		t.Errorf("passages %v: want the country's second report (natp), not Islamabad's", got)
	}

	agency := datedHit("roof#0", "2014-09-09", "لاہور۔ 9 ستمبر (اے پی پی) داروغہ والا میں مسجد کی چھت گرنے سے 2 افراد جاں بحق ہو گئے۔")
	opening := datedHit("roofp#0", "2014-09-10", "لاہور (نامہ نگار) داروغہ والا میں مسجد کی چھت گرنے کا واقعہ، امدادی کارروائیاں جاری رہیں۔")
	count := datedHit("roofp#1", "2014-09-10", "ملبے سے 25 نمازیوں کی لاشیں نکالی گئیں، 25 نمازی شہید ہو گئے۔")
	count.Doc.Title = opening.Doc.Title
	a, _ = timeAnswerer(agency, opening, count)
	a.Retriever.Lambda = 0.01
	ans, err = a.Ask(context.Background(), Question{Text: "9 ستمبر 2014 کو داروغہ والا میں مسجد کی چھت گرنے سے کتنے افراد جاں بحق ہوئے؟", K: 2})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(ans.Answer, "25 نمازی") || !strings.Contains(ans.Answer, " 2 افراد") {
		t.Errorf("not both figures (want the paper's chunk that counts the dead):\n%s", ans.Answer)
	}
}

// A second report already among the passages by the chunk that states the
// count is not put in again in another chunk's place: no passage is quoted
// twice under two numbers.
func TestSiblingReportNotTwice(t *testing.T) {
	agency := datedHit("roof#0", "2014-09-09", "لاہور۔ 9 ستمبر (اے پی پی) داروغہ والا میں مسجد کی چھت گرنے سے 2 افراد جاں بحق ہو گئے۔")
	opening := datedHit("roofp#0", "2014-09-10", "لاہور (نامہ نگار) داروغہ والا میں مسجد کی چھت گرنے سے جاں بحق افراد کی نماز جنازہ ادا کر دی گئی۔")
	count := datedHit("roofp#1", "2014-09-10", "ملبے سے 25 نمازیوں کی لاشیں نکالی گئیں، 25 نمازی شہید ہو گئے۔")
	count.Doc.Title = opening.Doc.Title
	a, _ := timeAnswerer(agency, opening, count)
	a.Retriever.Lambda = 1 // the search's order: the opening chunk before the count
	ans, err := a.Ask(context.Background(), Question{Text: "داروغہ والا میں مسجد کی چھت گرنے سے کتنے افراد جاں بحق ہوئے؟", K: 3})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, p := range ans.Passages {
		if seen[p.ChunkID] {
			t.Errorf("passage %s twice among %v", p.ChunkID, chunkIDs(ans.Passages))
		}
		seen[p.ChunkID] = true
	}
}

func chunkIDs(ps []Passage) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.ChunkID)
	}
	return out
}

// Of the other reports of the same days, the second report is one that
// states what the question counts: the paper's count of the shipment's
// doses, not a report of the vaccine's price that the search put first.
func TestSiblingReportStatesTheCount(t *testing.T) {
	agency := datedHit("agency#0", "2021-03-31", "چین سے ویکسین کی کھیپ میں 5 لاکھ خوراکیں پاکستان پہنچ گئیں۔")
	other := datedHit("cycling#0", "2021-03-31", "سائیکلنگ کنفیڈریشن کا اجلاس 22 مارچ کو ہو گا۔")
	price := datedHit("price#0", "2021-04-01", "چین سے آنے والی ویکسین کی کھیپ کی قیمت 4 ہزار روپے مقرر کر دی گئی۔")
	paper := datedHit("paper#0", "2021-04-01", "گزشتہ روز چین سے آنے والی ویکسین کی کھیپ میں 5 لاکھ 60 ہزار خوراکیں تھیں۔")
	a, _ := timeAnswerer(agency, other, price, paper)
	a.Retriever.Lambda = 0.01
	ans, err := a.Ask(context.Background(), Question{Text: "31 مارچ 2021 کو چین سے آنے والی ویکسین کی کھیپ میں کتنی خوراکیں تھیں؟", K: 2})
	if err != nil {
		t.Fatal(err)
	}
	if got := docIDs(ans.Passages); !slices.Contains(got, "paper") || slices.Contains(got, "price") {
		t.Errorf("passages %v: want the paper's report of the doses as the second report, not the price's", got)
	}
}

// Among the reports of the newest day, the one that holds more of the
// question comes first: the world's count beside the country's is not the
// country's latest.
func TestLatestSameDayByRelevance(t *testing.T) {
	// (A day's count too: a running total is no answer to a day's count,
	// sameTally.)
	world := datedHit("world#0", "2021-03-30", "دنیا بھر میں ایک دن میں وبا سے 9 ہزار اموات ہوئیں۔")
	country := datedHit("country#0", "2021-03-30", "ملک میں ایک دن میں وبا سے 90 اموات ہوئیں۔")
	before := datedHit("before#0", "2021-03-28", "ملک میں ایک دن میں وبا سے 60 اموات ہوئیں۔")
	got := latestOrder(t, "ملک میں ایک دن میں وبا سے اموات کی تازہ ترین تعداد کیا ہے؟", time.Date(2021, 3, 31, 0, 0, 0, 0, time.UTC), world, before, country)
	if len(got) < 3 || got[0] != "country" || got[1] != "world" {
		t.Errorf("passages %v: want the country's report of 30 March first, then the world's of that day", got)
	}
}

// A dated report seldom repeats the question's time words: when its date
// answers them (published in the period asked, or put first as the newest),
// the gate asks only for the rest of the question.
func TestTimeWordsAnsweredByDate(t *testing.T) {
	flood := datedHit("flood#0", "2014-09-12", "دریائے چناب کے سیلاب سے 12 لاکھ افراد متاثر ہوئے۔")
	a, _ := timeAnswerer(flood)
	a.MinCoverage = 0.6
	q := Question{Text: "ستمبر 2014 کے سیلاب سے کتنے افراد متاثر ہوئے؟", AsOf: time.Date(2014, 12, 31, 0, 0, 0, 0, time.UTC)}
	ans, err := a.Ask(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	if ans.Refused || !strings.Contains(ans.Answer, "12 لاکھ") {
		t.Errorf("a report of September 2014 refused for not naming September 2014: %q (answerability %.2f)", ans.Answer, ans.Answerability)
	}
	// With periods off the time words are only words, and the report lacks them.
	a.TimeOff = map[string]bool{"periods": true}
	if ans, err = a.Ask(context.Background(), q); err != nil {
		t.Fatal(err)
	}
	if !ans.Refused {
		t.Errorf("periods off: answered %q; the control no longer shows what the time words cost", ans.Answer)
	}
}

// figures reads what a casualty figure counts, in the words reports use for
// it, and a lone small number word only when it counts something.
func TestFigures(t *testing.T) {
	for _, c := range []struct {
		s       string
		all     []float64
		counted map[string][]float64
	}{
		{"ایک اہلکار سمیت 5 افراد جاں بحق اور 29 زخمی ہو گئے۔", []float64{5, 29}, map[string][]float64{"dead": {5}, "injured": {29}}},
		{"بھارتی فوج نے دو کشمیری نوجوان شہید کر دیے۔", []float64{2}, map[string][]float64{"dead": {2}}},
		{"حملے میں چار نوجوان شہید ہو گئے۔", []float64{4}, map[string][]float64{"dead": {4}}},
		{"ستمبر 2014 میں 12 افراد ہلاک ہوئے۔", []float64{12}, map[string][]float64{"dead": {12}}},
		{"انہوں نے دو ٹوک الفاظ میں کہا کہ 120 سے زائد دہشت گرد گرفتار کیے گئے۔", []float64{120}, map[string][]float64{}},
		{"سیلاب سے 19 لاکھ افراد متاثر ہوئے۔", []float64{1900000}, map[string][]float64{"affected": {1900000}}},
		// An age, a time or a share before the count word counts nobody.
		{"کورونا، خیبرپختونخوا میں 10 سالہ بچہ جاں بحق", []float64{10}, map[string][]float64{}},
		{"فائرنگ سے 3 روز قبل زخمی ہونے والا شہری دم توڑ گیا", []float64{3}, map[string][]float64{}},
		{"25سالہ نوجوان سمیت 4 افراد جاں بحق", []float64{25, 4}, map[string][]float64{"dead": {4}}},
	} {
		all, counted := figures(c.s)
		if !slices.Equal(all, c.all) || len(counted) != len(c.counted) {
			t.Errorf("figures(%q) = %v, %v; want %v, %v", c.s, all, counted, c.all, c.counted)
			continue
		}
		for what, vs := range c.counted {
			if !slices.Equal(counted[what], vs) {
				t.Errorf("figures(%q)[%s] = %v, want %v", c.s, what, counted[what], vs)
			}
		}
	}
}

// The paper's story of the next day gives the dead in other words and shares
// little of the question: it is quoted beside the agency's figure all the
// same, even when an unrelated older report is quoted too.
// A sentence that counts the same thing in other words is a second report
// only of the same story: a factory blast abroad, which counts the dead too,
// is not a second report of a border clash.
func TestOtherReportOfTheSameStory(t *testing.T) {
	day := time.Date(2014, 8, 2, 0, 0, 0, 0, time.UTC)
	agency := candidate{p: &Passage{N: 1, DocID: "az", Title: "آرمینیا کے ساتھ جھڑپوں میں آذربائیجان کے 8 فوجی ہلاک", Published: day},
		sentence: "آرمینیا کے ساتھ جھڑپوں میں آذربائیجان کے 8 فوجی ہلاک ہو گئے۔", coverage: 1}
	blast := candidate{p: &Passage{N: 2, DocID: "cn", Title: "چین میں فیکٹری میں دھماکہ، 65 افراد ہلاک", Published: day.AddDate(0, 0, 1)},
		sentence: "فیکٹری میں دھماکے سے 65 افراد ہلاک اور 150 زخمی ہو گئے۔", coverage: 0.2}
	paper := candidate{p: &Passage{N: 3, DocID: "azp", Title: "آذربائیجان اور آرمینیا کی سرحدی جھڑپیں جاری", Published: day.AddDate(0, 0, 1)},
		sentence: "تین روز کی جھڑپوں میں 12 فوجی مارے گئے۔", coverage: 0.2}
	got, ok := otherReport([]candidate{agency, blast, paper}, []candidate{agency}, counted{asked: "dead"})
	if !ok || got.p.DocID != "azp" {
		t.Errorf("second report %v (found %v), want the paper's report of the clash", got.p, ok)
	}
}

// A second report quoted only by a sentence without a figure (the
// NDMA chairman on the army's relief work) has given no value yet: its
// sentence with the affected people's count is still quoted beside the
// first report's (t47-043: 19 lakh, then 11 lakh).
func TestOtherReportQuotedWithoutItsFigure(t *testing.T) {
	day := time.Date(2014, 9, 12, 0, 0, 0, 0, time.UTC)
	first := candidate{p: &Passage{N: 1, DocID: "app", Title: "سیلاب سے 19 لاکھ افراد متاثر، کابینہ کو بریفنگ", Published: day},
		sentence: "سیلاب سے 10 اضلاع کے 19 لاکھ افراد اور 3 ہزار دیہات متاثر ہوئے۔", coverage: 1}
	relief := candidate{p: &Passage{N: 2, DocID: "paper", Title: "کابینہ کو سیلاب کی صورتحال پر بریفنگ", Published: day.AddDate(0, 0, 1)},
		sentence: "چیئرمین این ڈی ایم اے نے بتایا کہ پاک فوج سیلاب سے متاثر علاقوں میں امدادی سرگرمیوں میں حصہ لے رہی ہے۔", coverage: 0.8}
	count := candidate{p: relief.p, sentence: "سیلاب سے 3 ہزار دیہات اور 11 لاکھ افراد متاثر ہوئے۔", coverage: 0.7}
	got, ok := otherReport([]candidate{first, relief, count}, []candidate{first, relief}, counted{asked: "figure"})
	if !ok || got.sentence != count.sentence {
		t.Errorf("second report %q (found %v), want the paper's count of the affected", got.sentence, ok)
	}
	// Once its figure is quoted, the paper has given its value.
	if got, ok := otherReport([]candidate{first, relief, count}, []candidate{first, relief, count}, counted{asked: "figure"}); ok {
		t.Errorf("a third report %q: the paper's count is quoted already", got.sentence)
	}
}

func TestOtherReportInOtherWords(t *testing.T) {
	agency := datedHit("fc#0", "2014-09-23", "پشاور میں ایف سی کی گاڑی پر حملے میں 3 افراد جاں بحق اور 13 زخمی ہو گئے۔")
	paper := datedHit("fcp#0", "2014-09-24", "ایف سی کے قافلے سے بارود بھری کار ٹکرانے سے 5 شہری ہلاک ہو گئے۔")
	older := datedHit("old#0", "2014-03-02", "پشاور میں ایف سی کی گاڑی پر حملے کی تحقیقات جاری ہیں۔")
	a, _ := timeAnswerer(agency, older, paper)
	ans, err := a.Ask(context.Background(), Question{Text: "پشاور میں ایف سی کی گاڑی پر حملے میں کتنے افراد جاں بحق ہوئے؟"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(ans.Answer, "3 افراد جاں بحق") || !strings.Contains(ans.Answer, "5 شہری ہلاک") {
		t.Fatalf("not both reports' dead:\n%s", ans.Answer)
	}
	if i, j := strings.Index(ans.Answer, "- 24 ستمبر 2014"), strings.Index(ans.Answer, "- 23 ستمبر 2014"); i < 0 || j < 0 || i > j {
		t.Errorf("the figures are not listed by date, newest first:\n%s", ans.Answer)
	}
	// Another story of those days that states a number but counts no dead
	// does not stand in for the paper's.
	protest := datedHit("protest#0", "2014-09-24", "ایف سی کی گاڑی پر حملے کے خلاف 20 شہروں میں احتجاج ہوا۔")
	three, _ := timeAnswerer(agency, protest, paper)
	three.Retriever.Lambda = 1
	ans3, err := three.Ask(context.Background(), Question{Text: "پشاور میں ایف سی کی گاڑی پر حملے میں کتنے افراد جاں بحق ہوئے؟", K: 3})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(ans3.Answer, "5 شہری ہلاک") {
		t.Errorf("the paper's dead are not quoted beside another story's number:\n%s", ans3.Answer)
	}
	// A question that asks no figure is not given another report's.
	two, _ := timeAnswerer(agency, paper)
	if ans, err = two.Ask(context.Background(), Question{Text: "پشاور میں ایف سی کی گاڑی پر حملہ کب ہوا؟"}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(ans.Answer, "5 شہری ہلاک") {
		t.Errorf("a question that asks no figure quotes the other report's:\n%s", ans.Answer)
	}
	// Switched off (jawab eval --time no-reports), one report speaks.
	a.TimeOff = map[string]bool{"reports": true}
	if ans, err = a.Ask(context.Background(), Question{Text: "پشاور میں ایف سی کی گاڑی پر حملے میں کتنے افراد جاں بحق ہوئے؟"}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(ans.Answer, "5 شہری ہلاک") {
		t.Errorf("reports off, yet the paper's figure is quoted:\n%s", ans.Answer)
	}
}

// askedFigure names what a how-many question counts.
func TestAskedFigure(t *testing.T) {
	for q, want := range map[string]string{
		"پشاور دھماکے میں کتنے افراد زخمی ہوئے؟":     "injured",
		"حملے میں کتنے افراد جاں بحق ہوئے؟":          "dead",
		"How many people were killed in the attack?": "dead",
		"ویکسین کی کتنی خوراکیں پہنچیں؟":             "figure",
		"داروغہ والا میں مسجد کی چھت کیوں گری؟":      "",
	} {
		if got := askedFigure([]string{q}); got != want {
			t.Errorf("askedFigure(%q) = %q, want %q", q, got, want)
		}
	}
}

// A latest question that opens with a place asks for that place's figure: a
// newer report of the country, sharing the rest of its words, is not it.
func TestLatestHoldsThePlace(t *testing.T) {
	sindh := datedHit("sindh#0", "2021-03-27", "سندھ میں وبا کے 250 نئے کیسز رپورٹ ہوئے۔")
	country := datedHit("country#0", "2021-03-28", "ملک بھر میں وبا کے 4700 نئے کیسز رپورٹ ہوئے۔")
	older := datedHit("older#0", "2021-03-20", "سندھ میں وبا کے 180 نئے کیسز رپورٹ ہوئے۔")
	q, asOf := "سندھ میں وبا کے نئے کیسز کی تازہ ترین تعداد کیا ہے؟", time.Date(2021, 3, 29, 0, 0, 0, 0, time.UTC)
	got := latestOrder(t, q, asOf, older, country, sindh)
	if len(got) < 3 || got[0] != "sindh" || got[1] != "older" {
		t.Errorf("passages %v: want Sindh's report of 27 March first, then Sindh's older one", got)
	}
	// A headline that splits the name with a stray space still names it.
	split := datedHit("split#0", "2021-03-28", "سند ھ میں وبا کے 270 نئے کیسز رپورٹ ہوئے۔")
	if got := latestOrder(t, q, asOf, older, country, sindh, split); len(got) == 0 || got[0] != "split" {
		t.Errorf("passages %v: want the report of 28 March, written سند ھ, first", got)
	}
}

// A latest how-many question's newest report states a figure: the city's
// announcement of the next day, holding its words but no number, is not it.
func TestLatestStatesAFigure(t *testing.T) {
	count := datedHit("count#0", "2021-03-15", "فیصل آباد میں کورونا کے مزید 4 مریض جاں بحق ہو گئے۔")
	notice := datedHit("notice#0", "2021-03-16", "فیصل آباد میں کورونا کے مریضوں کے لیے نئے ہسپتال کا اعلان۔")
	older := datedHit("older#0", "2021-03-10", "فیصل آباد میں کورونا کے مزید 7 مریض جاں بحق ہو گئے۔")
	got := latestOrder(t, "فیصل آباد میں کورونا کے کتنے مریض تازہ ترین جاں بحق ہوئے؟", time.Date(2021, 3, 17, 0, 0, 0, 0, time.UTC), older, notice, count)
	if len(got) < 2 || got[0] != "count" || got[1] != "older" {
		t.Errorf("passages %v: want the report of 15 March first, then the older one", got)
	}
}

// A latest question's answer quotes the newest report first, though an older
// one words the question more closely.
func TestLatestQuotesTheNewest(t *testing.T) {
	newest := candidate{p: &Passage{N: 1}, sentence: "امارات میں 2196 نئے کیس", coverage: 0.5}
	closer := candidate{p: &Passage{N: 3}, sentence: "امارات میں یومیہ نئے کیسوں کی تعداد میں کمی", coverage: 0.8}
	byCoverage := func(c candidate) float64 { return c.coverage }
	if got := newestQuotedFirst([]candidate{closer, newest}, []candidate{closer, newest}, byCoverage); got[0].p.N != 1 || len(got) != 2 {
		t.Errorf("quoted first: passage %d, want the newest (1)", got[0].p.N)
	}
	weak := candidate{p: &Passage{N: 1}, sentence: "امارات", coverage: 0.2}
	if got := newestQuotedFirst([]candidate{closer, weak}, []candidate{closer, weak}, byCoverage); got[0].p.N != 3 {
		t.Errorf("a newest passage holding under half the best share went first")
	}
}

// An English question names its place after "in": its rendering is the
// subject a latest question's newest report must hold, as an Urdu
// question's opening place is; the country is none.
func TestLatestHoldsTheTranslatedPlace(t *testing.T) {
	sindh := datedHit("sindh#0", "2021-03-27", "سندھ میں وبا کے 250 نئے کیسز رپورٹ ہوئے۔")
	country := datedHit("country#0", "2021-03-28", "ملک بھر میں وبا کے 4700 نئے کیسز رپورٹ ہوئے۔")
	older := datedHit("older#0", "2021-03-20", "سندھ میں وبا کے 180 نئے کیسز رپورٹ ہوئے۔")
	rendering := func(word, urdu string, place bool) CrossQuery {
		return CrossQuery{Text: "تازہ ترین وبا نئے کیسز " + urdu, Words: []CrossWord{
			{Source: "cases", Renderings: []WeightedTerm{{Term: "کیسز", Weight: 1}}},
			{Source: word, Renderings: []WeightedTerm{{Term: urdu, Weight: 1}}, Place: place},
		}}
	}
	if got := rendering("Sindh", "سندھ", true).Subject(); !slices.Equal(got, []string{"سندھ"}) {
		t.Errorf("Subject() = %q, want سندھ", got)
	}
	if got := rendering("Pakistan", "پاکستان", true).Subject(); got != nil {
		t.Errorf("Subject() = %q for the country, want none", got)
	}
	for _, c := range []struct {
		place bool
		first string
	}{
		{true, "sindh"},
		{false, "country"}, // not read as the place asked about: the newest first
	} {
		a, _ := timeAnswerer(older, country, sindh)
		a.CorpusLang, a.Offline = "ur", fakeOffline{rendering("Sindh", "سندھ", c.place)}
		ans, err := a.Ask(context.Background(), Question{Text: "What is the latest count of new cases in Sindh?", AsOf: time.Date(2021, 3, 29, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		if len(ans.Passages) == 0 || ans.Passages[0].DocID != c.first {
			got := docIDs(ans.Passages)
			t.Errorf("place %v: passages %v, want %s first (time %+v, refused %v, warnings %v)", c.place, got, c.first, ans.Time, ans.Refused, ans.Warnings)
		}
	}
}

// The words that ask for the newest ("اب تک") or ask at all ("کتنے") say
// nothing of what is asked about: a newer story that holds only them is not
// the newest report.
func TestLatestRelevanceWithoutAskingWords(t *testing.T) {
	report := datedHit("report#0", "2021-03-15", "ضلع کے مراکز پر 900 بزرگوں کو ویکسین لگائی جا چکی ہے۔")
	other := datedHit("other#0", "2021-03-16", "امیدوار کو کتنے ووٹ ملے، اب تک معلوم نہیں۔")
	a, _ := timeAnswerer(report, other)
	ans, err := a.Ask(context.Background(), Question{Text: "اب تک کتنے بزرگوں کو ویکسین لگائی جا چکی ہے؟", AsOf: time.Date(2021, 3, 17, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if len(ans.Passages) == 0 || ans.Passages[0].DocID != "report" {
		got := docIDs(ans.Passages)
		t.Errorf("passages %v: want the vaccination report first", got)
	}
}

// subject reads the place an Urdu question opens with, and nothing from
// questions that open otherwise.
func TestSubject(t *testing.T) {
	for _, c := range []struct {
		q    string
		want []string
	}{
		{"سندھ میں کورونا کے یومیہ نئے کیسز کی تازہ ترین تعداد کیا ہے؟", []string{"سندھ"}},
		{"فیصل آباد میں اب تک کتنے بزرگوں کو ویکسین لگائی گئی؟", []string{"فیصل", "آباد"}},
		{"دنیا بھر میں اب تک کتنے افراد ہلاک ہو چکے ہیں؟", []string{"دنیا", "بھر"}},
		{"کورونا سے ایک دن میں ہونے والی اموات کی تازہ ترین تعداد کیا ہے؟", nil},
		{"پاکستان میں کورونا سے اب تک مجموعی اموات کتنی ہو چکی ہیں؟", nil},
		{"ڈالر اب کس سطح پر ہے؟", nil},
		{"What is the latest COVID-19 positivity rate in Lahore?", nil},
		// A place added at the end, as readers do.
		{"تازہ ترین اطلاع کے مطابق کرونا ایک دن میں کتنی جانیں لے گیا، لاہور میں؟", []string{"لاہور"}},
		{"ساٹھ برس سے بڑے کتنے بزرگوں کو اب تک ٹیکہ لگ چکا ہے، ضلع اوکاڑہ میں؟", []string{"ضلع", "اوکاڑہ"}},
		{"کورونا سے کتنے لوگ جاں بحق ہوئے ایک دن میں؟", nil},
		{"کورونا کے کتنے نئے کیسز آئے پاکستان میں؟", nil},
		// "In the report" is no place; the place follows it.
		{"رپورٹ میں ملتان میں کورونا کے کتنے نئے مریض سامنے آئے؟", []string{"ملتان"}},
		{"رپورٹ میں کتنے نئے مریض سامنے آئے؟", nil},
		// A market is no place.
		{"بین الاقوامی مارکیٹ میں ایک اونس سونے کا تازہ ترین ریٹ کتنے ڈالر ہے؟", nil},
		{"انٹر بینک میں ڈالر کا ریٹ اب کیا ہے؟", nil},
		// After a yes-no question's کیا.
		{"کیا سندھ میں پرائیویٹ ہسپتالوں میں بھی کورونا ویکسین لگانے کے مراکز بن رہے ہیں؟", []string{"سندھ"}},
		{"کیا کورونا سے ایک دن میں ہونے والی اموات کم ہوئی ہیں؟", nil},
		// The world, named anywhere.
		{"کورونا وبا سے پوری دنیا میں ہونے والی اموات کی تعداد اس وقت کیا ہے؟", []string{"دنیا"}},
		{"کورونا کے کیسز عالمی سطح پر اب کتنے ہیں؟", []string{"دنیا"}},
	} {
		if got := subject(c.q); !slices.Equal(got, c.want) {
			t.Errorf("subject(%q) = %q, want %q", c.q, got, c.want)
		}
	}
}

// A passage mentions a year it talks about, not one that only bounds
// another time.
func TestMentionsAYear(t *testing.T) {
	y2018 := when.Period{From: time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2018, 12, 31, 0, 0, 0, 0, time.UTC), Grain: when.Year}
	for _, c := range []struct {
		passage string
		want    bool
	}{
		{"2018 میں ڈالر کا ریٹ 139 روپے تک پہنچا۔", true},
		{"2018 کے انتخابات میں تحریک انصاف جیتی۔", true},
		{"ایران کو2018 کے بعد امریکا کی پابندیوں سے 200ارب ڈالر کا نقصان", false},
		{"2018 سے جاری منصوبہ مکمل ہو گیا۔", false},
		{"یہ قانون 2018 تک نافذ رہا۔", false},
		{"Iran has lost 200 billion dollars since 2018.", false},
		{"In 2018 the rupee fell.", true},
	} {
		if got := mentions(c.passage, time.Time{}, y2018, march5); got != c.want {
			t.Errorf("%q mentions 2018: %v, want %v", c.passage, got, c.want)
		}
	}
}

// A translation words "latest" its own way ("تازہ ترین"): that is how to
// order, not what is asked, and a newer tennis ranking's "تازہ ترین عالمی
// رینکنگ" is no newer death count.
func TestLatestRelevanceWithoutTheTranslationsLatest(t *testing.T) {
	count := datedHit("count#0", "2021-03-31", "عالمی وبا کورونا سے دنیا بھر میں اموات 28 لاکھ ہو گئیں۔")
	tennis := datedHit("tennis#0", "2021-04-01", "ٹینس کی تازہ ترین عالمی رینکنگ جاری کر دی گئی۔")
	older := datedHit("older#0", "2021-03-20", "عالمی وبا کورونا سے دنیا بھر میں اموات 27 لاکھ ہو گئیں۔")
	a, _ := timeAnswerer(older, tennis, count)
	a.CorpusLang, a.Offline = "ur", fakeOffline{CrossQuery{Text: "تازہ ترین عالمی کورونا اموات", Words: []CrossWord{
		{Source: "latest", Renderings: []WeightedTerm{{Term: "تازہ", Weight: 1}, {Term: "ترین", Weight: 1}}},
		{Source: "global", Renderings: []WeightedTerm{{Term: "عالمی", Weight: 1}}},
		{Source: "covid", Renderings: []WeightedTerm{{Term: "کورونا", Weight: 1}}},
		{Source: "deaths", Renderings: []WeightedTerm{{Term: "اموات", Weight: 1}}},
	}}}
	ans, err := a.Ask(context.Background(), Question{Text: "What is the latest global COVID death count?", AsOf: time.Date(2021, 4, 2, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if len(ans.Passages) == 0 || ans.Passages[0].DocID != "count" {
		t.Errorf("passages %v: want the newest death count first", docIDs(ans.Passages))
	}
}

// A question may ask for the newest twice ("still … the latest?", rendered
// "اب … تازہ ترین"): every such phrase is how to order, not what is asked.
// Only the first of each text was left out, and the rendering's second,
// "تازہ ترین", put a newer tennis ranking before the report of bird flu in
// Germany.
func TestLatestRelevanceWithoutEveryLatestPhrase(t *testing.T) {
	flu := datedHit("flu#0", "2014-11-23", "جرمنی میں برڈ فلو کا ایک نیا کیس سامنے آگیا۔")
	tennis := datedHit("tennis#0", "2014-12-23", "خواتین کی تازہ ترین رینکنگ میں سرینا ولیمز پہلی پوزیشن پر برقرار۔")
	a, _ := timeAnswerer(flu, tennis)
	a.CorpusLang, a.Offline = "ur", fakeOffline{CrossQuery{Text: "برڈ فلو اب پھیلاؤ جرمنی تازہ ترین", Words: crossWords(
		"bird flu", "برڈ فلو", "still", "اب", "spreading", "پھیلاؤ", "germany", "جرمنی", "latest", "تازہ ترین")}}
	q := "Is bird flu still spreading in Germany? What is the latest?"
	if got := when.Parse(q, time.Now()).LatestPhrases; len(got) != 2 {
		t.Fatalf("%q asks for the newest by %q, want two phrases", q, got)
	}
	ans, err := a.Ask(context.Background(), Question{Text: q, AsOf: time.Date(2021, 3, 11, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if got := docIDs(ans.Passages); len(got) == 0 || got[0] != "flu" {
		t.Errorf("passages %v: want the bird flu report first, not the newer ranking's \"latest\"", got)
	}
}

// A story last told years before the day asked: the agency's report of 25
// August and the paper's of the 26th, written from it, are near-copies, and
// the usual search's MMR keeps the better ranked, the agency's. No search of
// the last days finds the paper's, so it is looked for as a newer copy of
// the first passages, and a latest question quotes it.
func TestLatestFindsTheNewerCopy(t *testing.T) {
	agency := datedHit("agency#0", "2014-08-25", "سپریم کورٹ بار کے صدر نے افضل خان کے الزامات مسترد کر دیے، وکلا نے قانونی کارروائی کا اعلان کیا۔")
	paper := datedHit("paper#0", "2014-08-26", "اسلام آباد (اے پی پی) سپریم کورٹ بار کے صدر نے افضل خان کے الزامات مسترد کر دیے، وکلا نے قانونی کارروائی کا اعلان کیا۔")
	hits := []Hit{agency, paper}
	for i, s := range []string{
		"کراچی میں بارش سے سڑکیں زیر آب", "لاہور میں پتنگ بازی پر پابندی", "کوئٹہ میں برفباری کا سلسلہ جاری",
		"پشاور میں بجلی کی لوڈشیڈنگ", "ملتان میں آم کی فصل تیار", "فیصل آباد میں کپڑے کی صنعت",
		"سیالکوٹ میں فٹبال کی برآمد", "گوادر بندرگاہ پر جہاز لنگر انداز", "مری میں سیاحوں کا رش",
		"حیدرآباد میں چوڑیوں کا کاروبار", "سکھر بیراج کی مرمت", "ایبٹ آباد میں اسکول کھل گئے",
		"بہاولپور میں صحرائی ریلی", "گلگت میں گلیشیئر پگھلنے لگے", "سوات میں ہوٹل بھر گئے", "چترال میں شندور میلہ",
	} {
		hits = append(hits, datedHit(fmt.Sprintf("other%d#0", i), "2014-07-10", s))
	}
	a, _ := timeAnswerer(hits...)
	q := "افضل خان کے الزامات پر وکلا کا تازہ ترین ردعمل کیا ہے؟"
	ans, err := a.Ask(context.Background(), Question{Text: q, AsOf: time.Date(2021, 3, 18, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if got := docIDs(ans.Passages); len(got) == 0 || got[0] != "paper" {
		t.Errorf("passages %v: want the paper's newer copy first", got)
	}
	passage := func(h Hit) Passage { return fuse([]Hit{h})[0] }
	if got := newerCopies(nil, []Passage{passage(agency)}, nil, []Passage{passage(paper), passage(hits[2])}); len(got) != 1 || got[0].DocID != "paper" {
		t.Errorf("newerCopies = %v, want the paper's copy alone", docIDs(got))
	}
	if got := newerCopies(nil, []Passage{passage(paper)}, nil, []Passage{passage(agency)}); len(got) != 0 {
		t.Errorf("newerCopies of the newer report = %v, want none: the agency's is older", docIDs(got))
	}
}

// A latest question about a story the archive does not tell is not answered
// from the newest report that shares one of its words: Shaukat Tarin's
// appointment holds ترین of "جہانگیر ترین" and nothing else of a question
// about the FIA's inquiry into Jahangir Tareen. The gate is all but
// off (the built-in model at a threshold that passes anything), so that the
// share of the question alone decides.
func TestLatestNeedsTheNewestToHoldTheQuestion(t *testing.T) {
	tarin := datedHit("tarin#0", "2021-04-01", "شوکت ترین نے وزیر خزانہ کا عہدہ سنبھال لیا۔")
	inquiry := datedHit("inquiry#0", "2021-03-30", "ایف آئی اے نے جہانگیر ترین کے خلاف شوگر اسکینڈل کی تحقیقات میں ان کے بیٹے کو طلب کر لیا۔")
	q := Question{Text: "جہانگیر ترین کے خلاف ایف آئی اے کی تحقیقات میں اب تک کیا پیش رفت ہوئی ہے؟", AsOf: time.Date(2021, 4, 2, 0, 0, 0, 0, time.UTC)}
	ask := func(hits ...Hit) *Answer {
		t.Helper()
		a, _ := timeAnswerer(hits...)
		a.Model, a.MinAnswerability = builtIn(t), 1e-9
		ans, err := a.Ask(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		return ans
	}
	if ans := ask(tarin); !ans.Refused || !slices.ContainsFunc(ans.Warnings, func(w string) bool { return strings.Contains(w, "newest report found holds") }) {
		t.Errorf("answer %q (refused %v, warnings %q): want a refusal that says the newest report holds too little of the question", ans.Answer, ans.Refused, ans.Warnings)
	}
	if ans := ask(tarin, inquiry); ans.Refused || len(ans.Citations) == 0 || ans.Citations[0].DocID != "inquiry" {
		t.Errorf("answer %q cites %+v: want the report of the inquiry", ans.Answer, ans.Citations)
	}
}

// A next-day report names its day by a weekday or "yesterday", read against
// the day it was published: the paper of 17 September 2014 (a Wednesday)
// that says "منگل کے روز" reports the 16th.
func TestMentionsReadsRelativeWordsByPublication(t *testing.T) {
	day := when.Period{From: time.Date(2014, 9, 16, 0, 0, 0, 0, time.UTC), To: time.Date(2014, 9, 16, 0, 0, 0, 0, time.UTC), Grain: when.Day}
	next := time.Date(2014, 9, 17, 0, 0, 0, 0, time.UTC)
	ref := time.Date(2014, 9, 30, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		passage   string
		published time.Time
		want      bool
	}{
		{"کراچی اسٹاک مارکیٹ میں منگل کے روز تیزی کا رحجان رہا", next, true},
		{"گزشتہ روز چین سے خریدی گئی خوراکیں پاکستان پہنچیں", next, true},
		{"The index rose on Tuesday.", next, true},
		// The next day's own report, and one of an unknown day.
		{"کراچی اسٹاک مارکیٹ میں بدھ کے روز مندی رہی", next, false},
		{"آج انڈیکس 200 پوائنٹ گر گیا", next, false},
		{"گزشتہ روز چین سے خریدی گئی خوراکیں پاکستان پہنچیں", time.Time{}, false},
		// Read against the question's day it would be the 29th.
		{"گزشتہ روز انڈیکس بڑھا", ref, false},
	} {
		if got := mentions(c.passage, c.published, day, ref); got != c.want {
			t.Errorf("%q published %s mentions 16 September: %v, want %v", c.passage, c.published.Format(time.DateOnly), got, c.want)
		}
	}
}

// A question about one day also reads the next day's paper when it says it
// reports that day ("منگل کے روز", in its opening chunk, not the one the
// question found), and not the next day's report of its own day.
func TestNamedDayReadsTheNextDaysReport(t *testing.T) {
	agency := datedHit("agency#0", "2014-09-16", "کے ایس ای 100 انڈیکس 30180 پوائنٹس پر بند ہوا۔")
	opening := datedHit("paper#0", "2014-09-17", "کراچی اسٹاک مارکیٹ میں منگل کے روز تیزی کا رحجان رہا۔")
	figure := datedHit("paper#1", "2014-09-17", "کاروبار کے اختتام پر کے ایس ای 100 انڈیکس 30108 پوائنٹس پر بند ہوا۔")
	own := datedHit("own#0", "2014-09-17", "بدھ کے روز کے ایس ای 100 انڈیکس 30136 پوائنٹس پر بند ہوا۔")
	q := "16 ستمبر 2014 کو کے ایس ای 100 انڈیکس کس سطح پر بند ہوا؟"
	asOf := time.Date(2014, 9, 30, 0, 0, 0, 0, time.UTC)
	// The day's other news fills the passages, so that only the day's own
	// search can bring the paper in.
	var day []Hit
	for i := range 6 {
		day = append(day, datedHit(fmt.Sprintf("other%d#0", i), "2014-09-16", "کراچی میں بارش کا امکان ہے۔"))
	}
	got := latestOrder(t, q, asOf, append([]Hit{agency, figure, own, opening}, day...)...)
	if !slices.Contains(got, "agency") || !slices.Contains(got, "paper") {
		t.Errorf("passages of %v, want the day's report and the next day's paper", got)
	}
	if slices.Contains(got, "own") {
		t.Errorf("passages of %v hold the next day's report of its own day", got)
	}
	// Without its opening chunk the paper does not say which day it reports.
	if got := latestOrder(t, q, asOf, append([]Hit{agency, figure, own}, day...)...); slices.Contains(got, "paper") {
		t.Errorf("passages of %v hold a next-day report that names no day", got)
	}
}

// A month's figures are published the next month ("فروری میں"): a question
// about February reads March's reports that say so, not March's own.
func TestNamedMonthReadsTheNextMonthsReport(t *testing.T) {
	var feb []Hit
	for i := range 6 {
		feb = append(feb, datedHit(fmt.Sprintf("feb%d#0", i), "2021-02-1"+fmt.Sprint(i), "لاہور میں بارش کا امکان ہے۔"))
	}
	report := datedHit("report#0", "2021-03-22", "فروری میں ملک کا کرنٹ اکاؤنٹ خسارہ 3 کروڑ ڈالر رہا۔")
	march := datedHit("march#0", "2021-03-31", "مارچ میں ملک کا کرنٹ اکاؤنٹ خسارہ 9 کروڑ ڈالر رہا۔")
	q := "فروری 2021 میں پاکستان کا کرنٹ اکاؤنٹ خسارہ کتنا رہا؟"
	asOf := time.Date(2021, 4, 30, 0, 0, 0, 0, time.UTC)
	got := latestOrder(t, q, asOf, append([]Hit{march, report}, feb...)...)
	if !slices.Contains(got, "report") {
		t.Errorf("passages of %v, want March's report of February", got)
	}
	if slices.Contains(got, "march") {
		t.Errorf("passages of %v hold March's report of March", got)
	}
}

// A month named without its year is read against a report's date only in
// the time just after the period asked: a report of 30 April 2021 that says
// "مئی میں" does not mention 2020, nor does one of 1 March 2021 about "فروری"
// mention February 2020.
func TestMentionsImplicitMonthOnlyJustAfter(t *testing.T) {
	y2020 := when.Period{From: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2020, 12, 31, 0, 0, 0, 0, time.UTC), Grain: when.Year}
	ref := time.Date(2021, 5, 1, 0, 0, 0, 0, time.UTC)
	if mentions("مئی میں پیٹرول کی قیمت برقرار", time.Date(2021, 4, 30, 0, 0, 0, 0, time.UTC), y2020, ref) {
		t.Errorf("a report of 30 April 2021 about May mentions 2020")
	}
	feb2021 := when.Period{From: time.Date(2021, 2, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2021, 2, 28, 0, 0, 0, 0, time.UTC), Grain: when.Month}
	if !mentions("فروری میں ترسیلات زر 2 ارب ڈالر رہیں", time.Date(2021, 3, 11, 0, 0, 0, 0, time.UTC), feb2021, ref) {
		t.Errorf("a report of 11 March 2021 about فروری does not mention February 2021")
	}
	feb2020 := when.Period{From: time.Date(2020, 2, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2020, 2, 29, 0, 0, 0, 0, time.UTC), Grain: when.Month}
	if mentions("فروری میں ترسیلات زر 2 ارب ڈالر رہیں", time.Date(2021, 3, 11, 0, 0, 0, 0, time.UTC), feb2020, ref) {
		t.Errorf("a report of 11 March 2021 about فروری mentions February 2020")
	}
}

// A report written before a period names its month without a year when it
// speaks of the month to come: "نومبر میں" of 1 October 2014 is November
// 2014, not the November before it, for a question about what is to come.
func TestMentionsAhead(t *testing.T) {
	nov2014 := when.Period{From: time.Date(2014, 11, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2014, 11, 30, 0, 0, 0, 0, time.UTC), Grain: when.Month}
	oct1 := time.Date(2014, 10, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		passage   string
		published time.Time
		want      bool
	}{
		{"تین ٹیسٹ میچوں کی سیریز نومبر میں متحدہ عرب امارات میں کھیلی جائے گی۔", oct1, true},
		{"پہلا ٹیسٹ 9 سے 13 نومبر تک ابو ظہبی میں کھیلا جائے گا۔", oct1, true},
		{"سیریز دسمبر میں کھیلی جائے گی۔", oct1, false},                                         // another month
		{"سیریز نومبر میں کھیلی جائے گی۔", time.Date(2013, 10, 1, 0, 0, 0, 0, time.UTC), false}, // the November of 2013
		{"سیریز نومبر میں کھیلی جائے گی۔", time.Time{}, false},                                  // undated: no month to come
		{"سیریز نومبر 2015 میں کھیلی جائے گی۔", oct1, false},                                    // its own year
	} {
		if got := mentionsAhead(c.passage, c.published, nov2014); got != c.want {
			t.Errorf("%s (%v): mentions November 2014 ahead %v, want %v", c.passage, c.published.Format(time.DateOnly), got, c.want)
		}
	}
}

// A period that begins after the day asked is spoken of only as to come,
// however the question is put: "…کن شہروں میں کھیلی جانی تھی؟" (was to be
// played, no future verb) asked on 3 October 2014 about November is
// answered by the report of 1 October that names the month ahead, not
// refused as a period no article was published in (g24-038).
func TestPeriodAfterTheDayAsked(t *testing.T) {
	plan := datedHit("plan#0", "2014-10-01", "ویلنگٹن۔ یکم اکتوبر (اے پی پی) پاکستان اور نیوزی لینڈ کی ٹیسٹ سیریز نومبر میں ابوظہبی، دبئی اور شارجہ میں کھیلی جائے گی۔")
	other := datedHit("hockey#0", "2014-10-02", "پاکستان ہاکی ٹیم کا تربیتی کیمپ لاہور میں شروع ہو گیا۔")
	a, _ := timeAnswerer(plan, other)
	asOf := time.Date(2014, 10, 3, 0, 0, 0, 0, time.UTC)
	for _, q := range []string{
		"نومبر 2014 میں پاکستان اور نیوزی لینڈ کی ٹیسٹ سیریز کن شہروں میں کھیلی جانی تھی؟",
		"نومبر 2014 میں پاکستان اور نیوزی لینڈ کی ٹیسٹ سیریز کن شہروں میں کھیلی جائے گی؟",
	} {
		ans, err := a.Ask(context.Background(), Question{Text: q, AsOf: asOf})
		if err != nil {
			t.Fatal(err)
		}
		if ans.Refused || !strings.Contains(ans.Answer, "شارجہ") {
			t.Errorf("%s: answer %q (refused %v, warnings %q): want the plan of 1 October quoted", q, ans.Answer, ans.Refused, ans.Warnings)
		}
	}
	// Asked on 3 December, November is past: a report of October that
	// names it ahead does not tell what happened in it.
	a, _ = timeAnswerer(plan, other)
	ans, err := a.Ask(context.Background(), Question{Text: "نومبر 2014 میں پاکستان اور نیوزی لینڈ کی ٹیسٹ سیریز کن شہروں میں کھیلی گئی؟", AsOf: time.Date(2014, 12, 3, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if !ans.Refused {
		t.Errorf("asked after the period: answer %q, want it refused", ans.Answer)
	}
}

// A question that asks no figure gets the other source's retelling of the
// first report beside it: the agency says bad light stopped the match, the
// paper's story of the next day says rain. A report of another story of
// those days is no retelling, nor is the next day's market report, worded
// like the first but with new figures.
func TestRetellingByAnotherSource(t *testing.T) {
	agency := datedHit("match#0", "2014-08-20", "کولمبو۔ 20 اگست (اے پی پی) سری لنکا بورڈ الیون اور پاکستان کا وارم اپ میچ خراب روشنی کے باعث روک دیا گیا، پاکستان نے آٹھ وکٹوں پر 290 رنز بنائے۔")
	other := datedHit("hockey#0", "2014-08-20", "پاکستان ہاکی ٹیم کا تربیتی کیمپ لاہور میں شروع ہو گیا۔")
	paper := datedHit("matchp#0", "2014-08-21", "کولمبو (نیٹ نیوز) سری لنکا بورڈ الیون کے خلاف پریکٹس میچ میں پاکستان نے آٹھ وکٹوں پر 290 رنز بنائے تھے کہ میچ بارش کی وجہ سے روکنا پڑا۔")
	a, _ := timeAnswerer(agency, other, paper)
	a.Retriever.Lambda = 0.01
	q := "سری لنکا بورڈ الیون اور پاکستان کا وارم اپ میچ کس وجہ سے روکا گیا؟"
	ans, err := a.Ask(context.Background(), Question{Text: q, K: 2})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(ans.Answer, "خراب روشنی") || !strings.Contains(ans.Answer, "بارش") {
		t.Fatalf("not both reports' reasons:\n%s", ans.Answer)
	}
	// Without the retelling, the paper's version is not among the passages.
	a.TimeOff = map[string]bool{"reports": true}
	if ans, err = a.Ask(context.Background(), Question{Text: q, K: 2}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(ans.Answer, "بارش") {
		t.Errorf("reports off: the paper's reason was quoted anyway; the control shows nothing:\n%s", ans.Answer)
	}

	// A market report of the next day is worded like the first, but none of
	// its figures is the first's: it is no retelling.
	close16 := datedHit("kse16#0", "2014-09-16", "کراچی اسٹاک ایکسچینج میں کاروبار کے اختتام پر انڈیکس 110 پوائنٹس اضافے سے 30180 پوائنٹس پر بند ہوا۔")
	close17 := datedHit("kse17#0", "2014-09-17", "کراچی اسٹاک ایکسچینج میں کاروبار کے اختتام پر انڈیکس 43 پوائنٹس کمی سے 30136 پوائنٹس پر بند ہوا۔")
	if o := retells(nil, &Passage{DocID: "kse16", Text: close16.Chunk.Text}, &Passage{DocID: "kse17", Text: close17.Chunk.Text}); o != 0 {
		t.Errorf("the next day's market report reads as a retelling (%.2f)", o)
	}
	if o := retells(nil, &Passage{DocID: "match", Text: agency.Chunk.Text}, &Passage{DocID: "matchp", Text: paper.Chunk.Text}); o < RetellingOverlap {
		t.Errorf("the paper's story reads as no retelling of the agency's (%.2f)", o)
	}
	if o := retells(nil, &Passage{DocID: "match", Text: agency.Chunk.Text}, &Passage{DocID: "hockey", Text: other.Chunk.Text}); o >= RetellingOverlap {
		t.Errorf("another story of the day reads as a retelling (%.2f)", o)
	}
}

// A passage years older than the newest in the running does not decide what
// the newest reports must hold: the capital's death toll asked in 2021 is
// not ruled out by a 2015 report that names "the federal capital" and holds
// no count of the dead.
func TestOldPassageDoesNotRuleOutTheNewest(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	ps := []Passage{
		{ChunkID: "prayer", DocID: "prayer", Published: day("2015-04-30")},
		{ChunkID: "toll", DocID: "toll", Published: day("2021-03-19")},
		{ChunkID: "lahore", DocID: "lahore", Published: day("2021-03-17")},
	}
	rel := map[string]float64{"prayer": 1, "toll": 0.8, "lahore": 0.6}
	relevance := func(p *Passage) float64 { return rel[p.ChunkID] }
	namesCapital := func(p *Passage) bool { return p.ChunkID == "prayer" }
	got := docIDs(newestFirst(ps, 3, relevance, nil, namesCapital))
	if len(got) == 0 || got[0] != "toll" {
		t.Errorf("order %v: want the 2021 report first, not the 2015 one that only names the place", got)
	}
	// Of the same years, the place is required as before.
	ps[0].Published = day("2021-03-10")
	if got := docIDs(newestFirst(ps, 3, relevance, nil, namesCapital)); len(got) == 0 || got[0] != "prayer" {
		t.Errorf("order %v: a report of the same weeks that holds the place must still come first", got)
	}
}

// A price is reported as an amount of money, seldom with the word: the
// newest report of the gold price per ounce, "فی اونس سونا … 1733 ڈالر ہو
// گیا", is the latest price though it never says قیمت.
func TestLatestPriceWithoutTheWord(t *testing.T) {
	older := datedHit("old#0", "2021-03-17", "بین الاقوامی مارکیٹ میں فی اونس سونے کی قیمت 1728 ڈالر پر آ گئی۔")
	newer := datedHit("new#0", "2021-03-27", "فی اونس سونا 9 ڈالر کے اضافے سے 1733 ڈالر ہو گیا۔")
	got := latestOrder(t, "بین الاقوامی مارکیٹ میں فی اونس سونے کی تازہ ترین قیمت کیا ہے؟", time.Date(2021, 3, 30, 0, 0, 0, 0, time.UTC), older, newer)
	if len(got) == 0 || got[0] != "new" {
		t.Errorf("passages %v, want the newest report first", got)
	}
}

// Asked on 3 April about last month, the report of 1 April that gives
// March's figure ("مارچ میں …") is among the passages; one of 2 April that
// is not about March is not.
func TestLastMonthReportedNextMonth(t *testing.T) {
	march := datedHit("mar#0", "2021-03-08", "سندھ میں کورونا کے 10 مریض انتقال کر گئے۔")
	monthly := datedHit("apr1#0", "2021-04-01", "مارچ میں کورونا کے 95 مریضوں کا گھر پر انتقال ہوا، وفاقی وزارت صحت")
	other := datedHit("apr2#0", "2021-04-02", "کورونا کے 12 مریض گھر پر انتقال کر گئے۔")
	got := latestOrder(t, "پچھلے مہینے کورونا کے کتنے مریض گھر پر ہی انتقال کر گئے؟", time.Date(2021, 4, 3, 0, 0, 0, 0, time.UTC), march, monthly, other)
	if !slices.Contains(got, "apr1") {
		t.Errorf("passages %v lack the report of March's figure", got)
	}
	if slices.Contains(got, "apr2") {
		t.Errorf("passages %v hold a report of April's own", got)
	}
}

// A count for the whole country on a named day is the national report's,
// which may say it in other words than a city's report of that day that
// ranks above it; a question about the city keeps the city's first, and one
// that names the country otherwise than as its place is not moved either.
func TestNationalReportOfADay(t *testing.T) {
	city := datedHit("city#0", "2021-04-01", "اسلام آباد میں گزشتہ 24 گھنٹوں میں کورونا سے 4 افراد جاں بحق ہو گئے۔")
	city.Doc.Title = "اسلام آباد میں کورونا سے 4 افراد جاں بحق"
	national := datedHit("nat#0", "2021-04-01", "کورونا کی تباہ کاریاں جاری، ایک دن میں مزید 98 افراد جان کی بازی ہار گئے۔")
	national.Doc.Title = "کورونا کی تباہ کاریاں جاری، ایک دن میں مزید 98 افراد جان کی بازی ہار گئے"
	asOf := time.Date(2021, 4, 2, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct{ q, first string }{
		{"یکم اپریل 2021 کو ملک میں ایک دن میں کورونا سے کتنے افراد جاں بحق ہوئے؟", "nat"},
		{"یکم اپریل 2021 کو اسلام آباد میں کورونا سے کتنے افراد جاں بحق ہوئے؟", "city"},
		{"یکم اپریل 2021 کو کورونا سے پاکستان کے کتنے افراد جاں بحق ہوئے؟", "city"},
	} {
		if got := latestOrder(t, tt.q, asOf, city, national); len(got) == 0 || got[0] != tt.first {
			t.Errorf("%s: passages %v, want %s first", tt.q, got, tt.first)
		}
	}
}

// countFit counts the question's counted words that follow one number.
func TestCountFit(t *testing.T) {
	c := countedIn([]string{"پاکستان اے کو جیت کے لیے کتنے رنز کا ہدف ملا تھا؟"})
	for s, want := range map[string]int{
		"مہمان ٹیم کو کامیابی کیلیے 213رنز کا ہدف ملا۔":          2,
		"پاکستان اے ٹیم 212 رنز کے ہدف کے تعاقب میں آؤٹ ہو گئی۔": 2,
		"متحدہ عرب امارات نے پاکستان اے کو 20رنز سے شکست دیدی۔":  1,
		"ہدف کے تعاقب میں ٹیم 2014 میں ناکام رہی۔":               0, // a year counts nothing
	} {
		if got := countFit(s, c); got != want {
			t.Errorf("countFit(%q) = %d, want %d", s, got, want)
		}
	}
}

// A report's headline holds most of the question's words, but the sentence
// that states its target answers it: that one is quoted first, and the
// other paper's target beside it, though the paper's headline is quoted
// already.
func TestTargetQuotedBeforeHeadline(t *testing.T) {
	agency := datedHit("uae#0", "2014-10-30", "متحدہ عرب امارات نے پاکستان اے کو آخری ون ڈے میں 20 رنز سے ہرا دیا۔ دبئی میں کھیلے گئے آخری ون ڈے میں متحدہ عرب امارات نے پاکستان اے کو 20 رنز سے شکست دی۔ پاکستان اے ٹیم 212 رنز کے ہدف کے تعاقب میں 192 رنز بنا کر آؤٹ ہو گئی۔")
	paper := datedHit("uaep#0", "2014-10-31", "متحدہ عرب امارات نے آخری ون ڈے میں پاکستان اے کو 20 رنز سے شکست دیدی۔ مہمان ٹیم کو کامیابی کیلیے 213 رنز کا ہدف ملا مگر پوری ٹیم 192 پر آؤٹ ہو گئی۔")
	a, _ := timeAnswerer(agency, paper)
	ans, err := a.Ask(context.Background(), Question{Text: "متحدہ عرب امارات کے خلاف آخری ون ڈے میں پاکستان اے کو جیت کے لیے کتنے رنز کا ہدف ملا تھا؟"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ans.Citations) == 0 || countFit(ans.Citations[0].Quote, countedIn([]string{ans.Question})) != 2 {
		t.Fatalf("the first quote does not state the target:\n%s", ans.Answer)
	}
	if !strings.Contains(ans.Answer, "212 رنز کے ہدف") || !strings.Contains(ans.Answer, "213 رنز کا ہدف") {
		t.Errorf("not both reports' targets:\n%s", ans.Answer)
	}
}

// A report published before a named period begins speaks of it as to come:
// it answers a question about what will happen then, not one about what
// happened.
func TestEarlierReportDoesNotTellThePeriod(t *testing.T) {
	plan := datedHit("plan#0", "2014-11-22", "حکومت 2018ء میں انتخابات کے وقت ایک بہتر اور خوشحال پاکستان دے گی، ایشین گیمز میں پاکستان نے کانسی کا تمغہ جیت لیا۔")
	asOf := time.Date(2018, 9, 10, 0, 0, 0, 0, time.UTC)
	a, _ := timeAnswerer(plan)
	ans, err := a.Ask(context.Background(), Question{Text: "2018 کے ایشین گیمز میں پاکستان نے کتنے تمغے جیتے؟", AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	if !ans.Refused {
		t.Errorf("a report of 2014 answered what happened in 2018: %q", ans.Answer)
	}
	a, _ = timeAnswerer(plan)
	ans, err = a.Ask(context.Background(), Question{Text: "2018ء میں انتخابات کے وقت حکومت کیا دے گی؟", AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Refused || len(ans.Passages) == 0 || ans.Passages[0].DocID != "plan" {
		t.Errorf("the plan for 2018 was not given for a question about the future: refused %v, passages %v", ans.Refused, docIDs(ans.Passages))
	}
}

// The words that ask ("کون", who) are not what a latest question is about:
// the newest headline that asks "… کون؟" itself does not name the prime
// minister, and must not come before the reports that do.
func TestLatestIsNotAboutTheAskingWord(t *testing.T) {
	got := latestOrder(t, "پاکستان کے وزیراعظم اس وقت کون ہیں؟", march5,
		datedHit("quiz#0", "2021-03-04", "کورونا وبا کے دوران سب سے زیادہ کرکٹ کھیلنے والا کھلاڑی کون؟"),
		datedHit("pm#0", "2021-03-03", "وزیراعظم عمران خان نے پاکستان میں کورونا کی صورتحال کا جائزہ لیا۔"),
		datedHit("old#0", "2021-02-20", "وزیراعظم عمران خان نے پاکستان کے دورے پر آئے وفد سے ملاقات کی۔"),
	)
	if len(got) == 0 || got[0] != "pm" {
		t.Errorf("passages %v, want the newest report naming the prime minister first", got)
	}
}

// "The latest dollar rate" is the dollar's value in rupees, however a report
// words it ("ڈالر کی قدر", "ڈالر … 153روپے"): not a newer report's other
// "rate" (corruption's ریٹ, Covid's positivity شرح), nor a sum in dollars.
func TestLatestCurrencyRate(t *testing.T) {
	hits := []Hit{
		datedHit("corruption#0", "2021-03-05", "مہنگائی کی شرح میں اضافے اور کرپشن کا ریٹ بڑھانے کا کریڈٹ حکومت کو جاتا ہے۔"),
		datedHit("exports#0", "2021-03-05", "فروری میں پاکستانی برآمدات دو ارب ڈالر سے زائد رہیں۔"),
		datedHit("dollar#0", "2021-03-04", "مقامی کرنسی مارکیٹوں میں امریکی ڈالر مزید گرتے ہوئے 153روپے کی سطح پر آگیا۔"),
		datedHit("value#0", "2021-03-02", "انٹر بینک مارکیٹ میں ڈالر کی قدر 155.20 روپے رہی۔"),
	}
	// (A collection names the dollar far more often than a "ریٹ".)
	a, ix := timeAnswerer(hits...)
	ix.idf["ڈالر"], ix.idf["ریٹ"], ix.idf["شرح"] = 1, 3, 3
	ans, err := a.Ask(context.Background(), Question{Text: "ڈالر کا تازہ ترین ریٹ کیا ہے؟", AsOf: march5})
	if err != nil {
		t.Fatal(err)
	}
	if got := docIDs(ans.Passages); len(got) < 2 || got[0] != "dollar" || got[1] != "value" {
		t.Errorf("passages %v, want the dollar's newest rate, then its older value", got)
	}
	if len(ans.Citations) == 0 || ans.Citations[0].DocID != "dollar" {
		t.Errorf("answer %q cites %+v, want the dollar's newest rate first", ans.Answer, ans.Citations)
	}
	a.CorpusLang, a.Offline = "ur", fakeOffline{CrossQuery{Text: "تازہ ترین ڈالر شرح", Words: []CrossWord{
		{Source: "latest", Renderings: []WeightedTerm{{Term: "تازہ ترین", Weight: 1}}},
		{Source: "dollar", Renderings: []WeightedTerm{{Term: "ڈالر", Weight: 1}}},
		{Source: "rate", Renderings: []WeightedTerm{{Term: "شرح", Weight: 1}, {Term: "ریٹ", Weight: 0.5}}},
	}}}
	ans, err = a.Ask(context.Background(), Question{Text: "What is the latest dollar rate?", AsOf: march5})
	if err != nil {
		t.Fatal(err)
	}
	if got := docIDs(ans.Passages); len(got) == 0 || got[0] != "dollar" {
		t.Errorf("English: passages %v, want the dollar's newest rate first", got)
	}
	// A rate of no currency, or a currency without a word for its rate,
	// asks nothing of the kind.
	for _, q := range []string{"مہنگائی کی شرح کیا ہے؟", "ڈالر کے بارے میں تازہ ترین خبر کیا ہے؟"} {
		if cr := currencyRateAsked(relevanceTokens(q), nil); cr.words != nil {
			t.Errorf("%s: reads a currency rate %+v", q, cr)
		}
	}
	cr := currencyRateAsked(relevanceTokens("ڈالر کا ریٹ کیا ہے؟"), nil)
	for s, want := range map[string]bool{
		"امریکی ڈالر کی قدر میں کمی":                                                              true,
		"ڈالر مزید گرتے ہوئے 153روپے کی سطح پر آگیا":                                              true,
		"برآمدات دو ارب ڈالر سے زائد رہیں":                                                        false,
		"سونا 1733 ڈالر فی اونس رہا جبکہ مقامی مارکیٹ میں بھی اس کی فی تولہ قیمت 104000 روپے رہی": false,
	} {
		if got := cr.statedIn(relevanceTokens(s)); got != want {
			t.Errorf("statedIn(%s) = %v, want %v", s, got, want)
		}
	}
}

// The words that ask for the newest say how to order the reports, not what
// to quote: an older report's "کم ترین سطح" holds the question's ترین, and
// must not be quoted before the newest report's price.
func TestLatestWordsAreNotQuoted(t *testing.T) {
	a, ix := timeAnswerer(
		datedHit("new#0", "2021-03-04", "مقامی صرافہ مارکیٹ میں سونے کی فی تولہ قیمت 104000 روپے ہو گئی۔"),
		datedHit("older#0", "2021-03-03", "سونے کی قیمت کم ترین سطح پر آ گئی اور فی تولہ 98000 روپے رہی۔"),
	)
	// (ترین is rarer in a collection than gold or its price.)
	ix.idf["سونے"], ix.idf["قیمت"], ix.idf["تازہ"], ix.idf["ترین"] = 1, 1, 1, 3
	ans, err := a.Ask(context.Background(), Question{Text: "سونے کی تازہ ترین قیمت کیا ہے؟", AsOf: march5})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Refused || len(ans.Citations) == 0 || ans.Citations[0].DocID != "new" {
		t.Errorf("answer %q cites %+v; want the newest report's price quoted first", ans.Answer, ans.Citations)
	}
}

// "سونا کتنے کا ہے؟" asks gold's price without the word: the day's report of
// an amount of money answers it, not the same day's seizure of 20 tolas.
func TestLatestCostWithoutThePriceWord(t *testing.T) {
	a, ix := timeAnswerer(
		datedHit("seized#0", "2021-03-04", "ایئرپورٹ پر بیت الخلا سے 20 تولے سونا برآمد۔"),
		datedHit("price#0", "2021-03-04", "مقامی صرافہ مارکیٹوں میں ایک تولہ سونا 2800 روپے سستا ہو کر 102900 روپے کا ہو گیا۔"),
	)
	// (dated-ur holds "سونا" in 50 items, "قیمت" in 183.)
	ix.idf["سونا"], ix.idf["قیمت"] = 2, 1
	ans, err := a.Ask(context.Background(), Question{Text: "سونا آج کل کتنے کا ہے؟", AsOf: march5})
	if err != nil {
		t.Fatal(err)
	}
	if got := docIDs(ans.Passages); len(got) == 0 || got[0] != "price" {
		t.Errorf("passages %v, want the price report first", got)
	}
	for q, want := range map[string]bool{
		"سونا آج کل کتنے کا ہے؟":             true,
		"ایک تولہ سونا کتنے روپے کا ہے؟":     true,
		"پٹرول کتنے میں مل رہا ہے؟":          true,
		"قیمت میں کتنے کا اضافہ ہوا؟":        false,
		"کتنے افراد جاں بحق ہوئے؟":           false,
		"سونے کی قیمت میں کتنی کمی ہوئی ہے؟": false,
		"یہ خبر کب کی ہے؟":                   false,
	} {
		if got := asksCost(text.Tokens(q)); got != want {
			t.Errorf("asksCost(%s) = %v, want %v", q, got, want)
		}
	}
}

// "Last month" searches the next month too (a month's figures are printed
// the month after), and keeps of it only the reports about last month: when
// the next month's other reports fill the search, last month's own reports
// are still found, not "nothing from February".
func TestLastMonthBelowTheNextMonthsReports(t *testing.T) {
	var hits []Hit
	// (More of them than the candidates a search takes.)
	for i := range 45 {
		hits = append(hits, datedHit(fmt.Sprintf("march%02d#0", i), fmt.Sprintf("2021-03-%02d", i%20+4), fmt.Sprintf("پی ایس ایل کے %d میچ ملتوی کر دیے گئے۔", i+1)))
	}
	hits = append(hits, datedHit("feb#0", "2021-02-27", "پی ایس ایل میں کراچی کنگز نے ملتان سلطانز کو سات وکٹوں سے ہرا دیا۔"))
	a, _ := timeAnswerer(hits...)
	ans, err := a.Ask(context.Background(), Question{Text: "پچھلے مہینے پی ایس ایل میں کراچی کنگز نے ملتان سلطانز کو کتنی وکٹوں سے ہرایا؟", AsOf: time.Date(2021, 3, 20, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if got := docIDs(ans.Passages); !slices.Contains(got, "feb") || ans.Refused {
		t.Errorf("passages %v, refused %v (%q): want February's own report", got, ans.Refused, ans.Answer)
	}
}

// An English question's latest words are answered by the newest report's
// date, not by a word: "at present" rendered "present" as موجود (existing),
// which an older report that holds every word of the question held too.
func TestLatestWithoutTheEnglishLatestWords(t *testing.T) {
	pm := datedHit("pm#0", "2021-03-31", "وزیراعظم عمران خان کی اپوزیشن کو مشاورت کی دعوت۔")
	older := datedHit("older#0", "2021-03-25", "پاکستان میں موجود کمپنیوں کے شیئرز میں اضافہ، وزیراعظم کا خیرمقدم۔")
	a, _ := timeAnswerer(older, pm)
	a.CorpusLang, a.Offline = "ur", fakeOffline{CrossQuery{Text: "پاکستان وزیراعظم موجود", Words: crossWords(
		"pakistan", "پاکستان", "prime minister", "وزیراعظم", "present", "موجود")}}
	ans, err := a.Ask(context.Background(), Question{Text: "Who is Pakistan's prime minister at present?", AsOf: time.Date(2021, 4, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if got := docIDs(ans.Passages); len(got) == 0 || got[0] != "pm" {
		t.Errorf("passages %v: want the newest report of the prime minister first", got)
	}
	cq := CrossQuery{Words: crossWords("present", "موجود", "latest", "تازہ ترین", "minister", "وزیر")}
	if got := cq.Without("at present").Without("تازہ ترین").Words; len(got) != 1 || got[0].Source != "minister" {
		t.Errorf("Without: %+v, want the minister alone", got)
	}
}

// The gate re-judges a latest question without its latest words, which the
// newest report's date answers; a currency's "ریٹ" is answered so by the
// rupee amount that report states: "ڈالر کا ریٹ کیا چل رہا ہے؟" (what is
// the dollar going at?) was refused over the report of the dollar at 155
// rupees, which says no "ریٹ".
func TestLatestRateAnsweredByTheAmount(t *testing.T) {
	a, ix := timeAnswerer(
		datedHit("dollar#0", "2021-03-25", "انٹربینک مارکیٹ میں امریکی ڈالر 155 روپے سے نیچے آگیا۔"),
		datedHit("lng#0", "2021-03-24", "مقررہ نرخ پر ایل این جی کارگو کی بولیاں طلب۔"),
	)
	ix.idf["ڈالر"], ix.idf["ریٹ"] = 1, 3
	// The built-in gate, which learned that a missing rare word refuses.
	a.Model = builtIn(t)
	a.Retriever.Ranker = a.Model
	ans, err := a.Ask(context.Background(), Question{Text: "ڈالر کا ریٹ کیا چل رہا ہے؟", AsOf: time.Date(2021, 3, 26, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Refused || len(ans.Citations) == 0 || ans.Citations[0].DocID != "dollar" {
		t.Errorf("answer %q cites %+v (answerability %.2f); want the dollar's rate", ans.Answer, ans.Citations, ans.Answerability)
	}
	if got := rateAnswered("ڈالر کا ریٹ کیا ہے", []Passage{{Text: "کرپشن کا ریٹ بڑھ گیا"}}); got != "ڈالر کا ریٹ کیا ہے" {
		t.Errorf("rateAnswered over a report of no dollar = %q, want the question unchanged", got)
	}
}

// What a how-many question counts is no date: a rendered English question
// keeps the English order ("In March 2021, how much money …" is "کتنا مارچ
// 2021 رقم …"), and a sentence with "31مارچ" was quoted first as counting
// what was asked.
func TestCountedStemsAreNoDate(t *testing.T) {
	c := countedIn([]string{"کتنا مارچ 2021 رقم چوری نائجیریا"})
	if !slices.Equal(c.stems, []string{text.Stem("رقم"), text.Stem("چوری")}) {
		t.Errorf("counted stems %v, want رقم and چوری", c.stems)
	}
	if countFit("گندم خریداری کے انتظامات 31 مارچ 2021 تک مکمل کریں", c) != 0 {
		t.Error("a deadline of 31 March counts what the question counts")
	}
	urdu := countedIn([]string{"پاکستان نے کتنے جنگی طیارے خریدے؟"})
	if !slices.Equal(urdu.stems, []string{text.Stem("جنگی"), text.Stem("طیارے")}) {
		t.Errorf("Urdu counted stems %v, want جنگی and طیارے", urdu.stems)
	}
}

// The newest report spells the subject otherwise ("کرونا") and glues its
// words ("دنیابھر"), so it holds less of the question word for word than an
// older one; read as the reports were ordered (looseShare), it holds as
// much, and its figure is quoted first.
func TestLatestQuotesTheNewestSpeltOtherwise(t *testing.T) {
	older := datedHit("older#0", "2021-03-02", "دنیا بھر میں کورونا وائرس سے 25 لاکھ 51 ہزار اموات ہو چکی ہیں۔")
	newest := datedHit("newest#0", "2021-03-03", "دنیابھر میں کرونا سے 25لاکھ 61 ہزارہلاکتیں ہو چکی ہیں۔")
	a, _ := timeAnswerer(older, newest)
	ans, err := a.Ask(context.Background(), Question{Text: "دنیا بھر میں کورونا سے اب تک کتنی اموات ہو چکی ہیں؟", AsOf: time.Date(2021, 3, 6, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if len(ans.Citations) == 0 || ans.Citations[0].DocID != "newest" {
		t.Fatalf("answer %q: want the report of 3 March quoted first", ans.Answer)
	}
}

// A count of the dead asked of a named day is searched in every wording of
// the dead too, within the day: "مزید 17 زندگیاں نگل گیا" answers "کتنی
// اموات".
func TestPeriodSearchesTheCasualtyWordings(t *testing.T) {
	lahore := datedHit("lahore#0", "2021-03-25", "لاہور: کرونا وائرس مزید 17 زندگیاں نگل گیا")
	a, ix := timeAnswerer(lahore)
	if _, err := a.Ask(context.Background(), Question{Text: "۲۵ مارچ ۲۰۲۱ کو لاہور میں کورونا سے کتنی اموات رپورٹ ہوئیں؟", AsOf: time.Date(2021, 3, 31, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, s := range ix.weighted {
		if slices.ContainsFunc(s.terms, func(w WeightedTerm) bool { return w.Term == "زندگیاں" }) {
			found = true
			if f := s.filter; f.From.IsZero() || f.From.Day() != 25 {
				t.Errorf("the casualty wordings were searched with filter %+v, want the day asked", f)
			}
		}
	}
	if !found {
		t.Errorf("no search for the casualty wordings among %d weighted searches", len(ix.weighted))
	}
}

// Of one day's passages, a report's lead comes first unless another passage
// holds clearly more of the question (LeadShare): the lead says what is
// newest, a later chunk retells the background in the question's words.
func TestLatestLeadFirst(t *testing.T) {
	day, _ := time.Parse(time.DateOnly, "2014-07-15")
	leadChunk := Passage{ChunkID: "coach#0", DocID: "coach", Start: 0, Published: day}
	later := Passage{ChunkID: "coach#1", DocID: "coach", Start: 480, Published: day}
	for _, tt := range []struct {
		laterRel float64
		want     string
	}{
		{0.85, "coach#0"}, // near: the lead first
		{0.95, "coach#1"}, // clearly more of the question
	} {
		rel := map[string]float64{"coach#0": 0.8, "coach#1": tt.laterRel}
		got := newestFirst([]Passage{later, leadChunk}, 2, func(p *Passage) float64 { return rel[p.ChunkID] }, nil)
		if got[0].ChunkID != tt.want {
			t.Errorf("lead at .8, later chunk at %.2f: %s first, want %s", tt.laterRel, got[0].ChunkID, tt.want)
		}
	}
}

// A part of a month is named as the question named it, with its days.
func TestPeriodTextOfAPart(t *testing.T) {
	ref := time.Date(2021, 5, 10, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct{ q, lang, want string }{
		{"What happened in early March 2019?", "en", "The articles have nothing from early March 2019 (1 March 2019 – 10 March 2019)"},
		{"What happened in mid-March 2019?", "en", "mid-March 2019 (11 March 2019 – 20 March 2019)"},
		{"مارچ 2019 کے آخر میں کیا ہوا؟", "ur", "مضامین میں مارچ 2019 کے آخر (21 مارچ 2019 – 31 مارچ 2019) کی کوئی خبر نہیں"},
		{"فروری 2019 کے آخری ہفتے میں کیا ہوا؟", "ur", "فروری 2019 کا آخری ہفتہ (22 فروری 2019 – 28 فروری 2019)"},
	} {
		if got := outOfPeriod(when.Parse(c.q, ref).Period, c.lang); !strings.Contains(got, c.want) {
			t.Errorf("%q: %q, want it to hold %q", c.q, got, c.want)
		}
	}
}

// The refusal of a period without the place asked names the place in the
// question's words, or, when the place was read from the candidates'
// headlines, says "the place asked about" in the asker's language, not in
// English inside an Urdu answer.
func TestPlaceOutOfPeriodWording(t *testing.T) {
	p := when.Parse("15 مارچ 2021 کو کیا ہوا؟", time.Date(2021, 3, 16, 0, 0, 0, 0, time.UTC)).Period
	for _, c := range []struct{ place, lang, want, not string }{
		{"روس", "ur", "«روس» کا ذکر نہیں", "place"},
		{"", "ur", "پوچھی گئی جگہ کا ذکر نہیں", "place"},
		{"روس", "en", "mentions «روس»", "place asked"},
		{"", "en", "mentions the place asked about", "«"},
	} {
		got := placeOutOfPeriod(p, c.place, c.lang)
		if !strings.Contains(got, c.want) || strings.Contains(got, c.not) {
			t.Errorf("place %q, %s: %q, want it to hold %q and not %q", c.place, c.lang, got, c.want, c.not)
		}
	}
}

// A question about a period whose reports all lack the place it asks about,
// which the archive reports on other days, is refused as out of period, and
// the refusal names the place (placeElsewhere).
func TestPeriodWithoutThePlaceAsked(t *testing.T) {
	sindh := datedHit("sindh#0", "2021-03-15", "سندھ میں 24 گھنٹوں کے دوران کورونا کے مزید 171 نئے کیس سامنے آ گئے۔")
	country := datedHit("country#0", "2021-03-15", "پاکستان میں کورونا وائرس کے 1307 نئے کیس رپورٹ، مزید 29 مریض انتقال کر گئے۔")
	russia := datedHit("russia#0", "2021-02-27", "روس میں کورونا کے 11 ہزار نئے کیس رپورٹ ہوئے۔")
	asOf := time.Date(2021, 3, 16, 0, 0, 0, 0, time.UTC)
	q := "15 مارچ 2021 کو روس میں کورونا کے کتنے نئے کیس رپورٹ ہوئے؟"
	askThe := func(q string, hits ...Hit) *Answer {
		t.Helper()
		a, _ := timeAnswerer(hits...)
		ans, err := a.Ask(context.Background(), Question{Text: q, AsOf: asOf})
		if err != nil {
			t.Fatal(err)
		}
		return ans
	}
	ask := func(hits ...Hit) *Answer {
		t.Helper()
		return askThe(q, hits...)
	}
	want := "مضامین میں 15 مارچ 2021 کی کسی خبر میں «روس» کا ذکر نہیں، اس لیے اس سوال کا جواب ان سے نہیں دیا جا سکتا۔"
	if ans := ask(sindh, country, russia); !ans.Refused || ans.Answer != want {
		t.Errorf("answer %q (refused %v): want %q", ans.Answer, ans.Refused, want)
	}
	// The period followed by "میں" rather than "کو" opens on the place too.
	if ans := askThe("15 مارچ 2021 میں روس میں کورونا کے کتنے نئے کیس رپورٹ ہوئے؟", sindh, country, russia); !ans.Refused || ans.Answer != want {
		t.Errorf("period with میں: answer %q (refused %v): want %q", ans.Answer, ans.Refused, want)
	}
	// A report of the day that names the place answers it.
	thatDay := datedHit("russia#1", "2021-03-15", "روس میں کورونا کے 9 ہزار نئے کیس رپورٹ ہوئے۔")
	if ans := ask(sindh, country, russia, thatDay); ans.Refused || !strings.Contains(ans.Answer, "9 ہزار") {
		t.Errorf("answer %q (refused %v): want the day's report on Russia", ans.Answer, ans.Refused)
	}
	// A place the archive never names is not this rule's to refuse.
	if ans := ask(sindh, country); ans.Answer == want {
		t.Errorf("answer %q: the archive names Russia on no day, which is no reason of the period's", ans.Answer)
	}
}

// A place asked in English is searched as the collection spells it most
// often (کیریبین, "Caribbean"); a report of the period that spells it
// otherwise (کیربیئن) still holds it, so the question is not refused as
// about a place the period's reports lack (g15-027). A report of the period
// that names no spelling of it leaves the refusal.
func TestPeriodPlaceInAnotherSpelling(t *testing.T) {
	cq := CrossQuery{Text: "کیریبین پریمیئر لیگ یکم اگست 2014 کتنی وکٹوں بارباڈوس شکست",
		Terms: []WeightedTerm{{Term: "کیریبین", Weight: 1}, {Term: "پریمیئر", Weight: 1}, {Term: "لیگ", Weight: 1}, {Term: "بارباڈوس", Weight: 1}, {Term: "وکٹوں", Weight: 1}},
		Words: []CrossWord{
			{Source: "caribbean", Renderings: []WeightedTerm{{Term: "کیریبین", Weight: 1}}, Name: true, Place: true},
			{Source: "premier", Renderings: []WeightedTerm{{Term: "پریمیئر", Weight: 1}}, Name: true},
			{Source: "league", Renderings: []WeightedTerm{{Term: "لیگ", Weight: 1}}, Name: true},
			{Source: "barbados", Renderings: []WeightedTerm{{Term: "بارباڈوس", Weight: 1}}, Name: true},
			{Source: "wickets", Renderings: []WeightedTerm{{Term: "وکٹوں", Weight: 1}}, Counted: true},
		}}
	earlier := datedHit("cpl#0", "2014-07-10", "کیریبین پریمیئر لیگ کا آغاز ہو گیا، پہلے میچ میں جمیکا نے اینٹیگا کو ہرا دیا۔")
	ask := func(day Hit) *Answer {
		t.Helper()
		_, ix := timeAnswerer(earlier, day)
		a := &Answerer{Retriever: &Retriever{Index: ix, Embedder: constEmbedder{}}, CorpusLang: "ur", Offline: fakeOffline{cq}}
		ans, err := a.Ask(context.Background(), Question{Text: "In the Caribbean Premier League match on 1 August 2014, by how many wickets did Barbados beat St Lucia?", AsOf: time.Date(2014, 8, 5, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		return ans
	}
	elsewhere := func(ans *Answer) bool {
		return slices.ContainsFunc(ans.Warnings, func(w string) bool { return strings.Contains(w, "names کیریبین") })
	}
	match := datedHit("cpl#1", "2014-08-01", "کیربیئن پریمیئر لیگ میں بارباڈوس ٹرائیڈنٹس نے سینٹ لوشیا ذوکس کو 3 وکٹوں سے شکست دے دی۔")
	if ans := ask(match); elsewhere(ans) {
		t.Errorf("warnings %q: the day's report spells Caribbean کیربیئن, it holds the place", ans.Warnings)
	}
	other := datedHit("kabul#1", "2014-08-01", "کابل میں بم دھماکے سے 3 افراد ہلاک ہو گئے۔")
	if ans := ask(other); !elsewhere(ans) {
		t.Errorf("warnings %q: no report of the day names the Caribbean in any spelling", ans.Warnings)
	}
}

// A question that asks "as of" a day is answered by the newest report up to
// that day, as a request's as_of is: a later report is not visible, and
// the answer's reference date is that day.
func TestAsOfInTheQuestion(t *testing.T) {
	cq := CrossQuery{Text: "ڈالر ریٹ", Terms: []WeightedTerm{{Term: "ڈالر", Weight: 1}, {Term: "ریٹ", Weight: 1}},
		Words: crossWords("dollar", "ڈالر", "rate", "ریٹ")}
	hits := []Hit{
		datedHit("d1#0", "2021-03-01", "انٹربینک میں ڈالر کا ریٹ 160 روپے رہا۔"),
		datedHit("d10#0", "2021-03-10", "انٹربینک میں ڈالر کا ریٹ 158 روپے رہا۔"),
		datedHit("d20#0", "2021-03-20", "انٹربینک میں ڈالر کا ریٹ 155 روپے رہا۔"),
	}
	_, ix := timeAnswerer(hits...)
	a := &Answerer{Retriever: &Retriever{Index: ix, Embedder: constEmbedder{}}, CorpusLang: "ur", Offline: fakeOffline{cq}}
	ans, err := a.Ask(context.Background(), Question{Text: "As of 12 March 2021, what was the dollar rate?", AsOf: time.Date(2021, 4, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if len(ans.Passages) == 0 || ans.Passages[0].DocID != "d10" {
		t.Fatalf("passages %v: want the report of 10 March first", docIDs(ans.Passages))
	}
	if slices.ContainsFunc(ans.Passages, func(p Passage) bool { return p.DocID == "d20" }) {
		t.Errorf("passages %v: the report of 20 March is after the day asked", docIDs(ans.Passages))
	}
	if ans.Time == nil || ans.Time.Kind != "latest" || !ans.Time.Reference.Equal(time.Date(2021, 3, 12, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("time %+v: want a latest question of 12 March 2021", ans.Time)
	}
}

// The newest report of a latest question asked in English is the one that
// holds the name it asks about, in the collection's spelling: of "Which film
// has Sunny Leone most recently started shooting?", rendered, the rest is
// common words ("shooting" as گولی), which a newer report of a shooting
// holds too.
func TestLatestHoldsTheNameAsked(t *testing.T) {
	// (لینے as rare as a name here, so that only its share rules it out.)
	w := idfs{"لیون": 6, "لینے": 3.2, "سنی": 4, "پاکستان": 1.1, "بابر": 5, "شوٹنگ": 4}
	leone := Query{Text: "فلم سنی لیون شروع شوٹنگ", Words: []CrossWord{
		{Source: "film", Renderings: []WeightedTerm{{Term: "فلم", Weight: 1}}},
		// "Sunny" is an ordinary English word too: it names nothing.
		{Source: "sunny", Name: true, Ordinary: true, Renderings: []WeightedTerm{{Term: "سنی", Weight: 1}}},
		// Only the likeliest spellings: لینے ("to take") sounds like it.
		{Source: "leone", Name: true, Renderings: []WeightedTerm{{Term: "لیون", Weight: 0.94}, {Term: "لینے", Weight: 0.83}}},
		// Most reports name the country: it says nothing of the story.
		{Source: "pakistan", Name: true, Renderings: []WeightedTerm{{Term: "پاکستان", Weight: 1}}},
		{Source: "shooting", Renderings: []WeightedTerm{{Term: "شوٹنگ", Weight: 1}, {Term: "گولی", Weight: 0.46}}},
	}}
	holds := holdsNameAsked(w, []Query{leone})
	if holds == nil {
		t.Fatal("no rule for a question that names Sunny Leone")
	}
	for _, c := range []struct {
		title string
		want  bool
	}{
		{"سنی لیون نے فلم مستی زادے کی شوٹنگ شروع کر دی", true},
		{"پشاور: فائرنگ میں حصہ لینے والے دو ملزم گرفتار، پاکستان بھر میں سنی گئی", false},
		{"پاکستان میں فلم کی شوٹنگ شروع", false},
	} {
		p := Passage{Title: c.title, Text: c.title}
		if got := holds(&p); got != c.want {
			t.Errorf("%q: holds the name %v, want %v", c.title, got, c.want)
		}
	}
	// A name typed glued to the next, as headlines type "بابراعظم".
	babar := Query{Words: []CrossWord{{Source: "babar", Name: true, Renderings: []WeightedTerm{{Term: "بابر", Weight: 1}}}}}
	if p := (Passage{Title: "ون ڈے رینکنگ، بابراعظم دوسرے نمبر پر"}); !holdsNameAsked(w, []Query{babar})(&p) {
		t.Errorf("%q does not hold بابر glued", p.Title)
	}
	// A demonym is held as its place: "Pakistani" (پاکستانی) by the
	// report's "پاکستان روپے", "American" (امریکی) by "امریکہ" (g24-012).
	for _, c := range []struct{ name, title string }{
		{"پاکستانی", "مقامی کرنسی مارکیٹوں میں پاکستان روپے کے مقابلے میں ڈالر 153روپے کی سطح پر آگیا"},
		{"امریکی", "امریکہ میں کورونا کے کیسز میں اضافہ"},
	} {
		q := Query{Words: []CrossWord{{Source: "x", Name: true, Renderings: []WeightedTerm{{Term: c.name, Weight: 1}}}}}
		if p := (Passage{Title: c.title}); !holdsNameAsked(idfs{c.name: 5}, []Query{q})(&p) {
			t.Errorf("%q does not hold %s as its place", c.title, c.name)
		}
	}
	// Only common names, or none: no rule.
	country := Query{Words: []CrossWord{leone.Words[3], leone.Words[0]}}
	if holdsNameAsked(w, []Query{country}) != nil {
		t.Error("a rule for a name most reports hold")
	}
	// In the order: the older report that names her before the newer one
	// that shares the question's common words.
	ps := []Passage{
		{DocID: "shooting", Title: "پشاور: فائرنگ سے دو اہلکار شہید، شوٹنگ", Published: time.Date(2014, 9, 24, 0, 0, 0, 0, time.UTC)},
		{DocID: "film", Title: "سنی لیون نے فلم کی عکس بندی شروع کر دی", Published: time.Date(2014, 9, 8, 0, 0, 0, 0, time.UTC)},
	}
	rel := map[string]float64{"shooting": 0.5, "film": 0.47}
	got := docIDs(newestFirst(ps, 2, func(p *Passage) float64 { return rel[p.DocID] }, nil, holds))
	if len(got) == 0 || got[0] != "film" {
		t.Errorf("order %v, want the report that names her first", got)
	}
}

// The newest report of a latest question asked in English holds what its
// answer must hold (a Required word, as the gate reads it): "What is
// Pakistan's total COVID-19 death toll now?" is answered by the report of
// the country's deaths (اموات, or another word for the dead: انتقال), not by
// the next day's count of Balochistan's cases, which shares the rest.
func TestLatestHoldsTheRequiredWord(t *testing.T) {
	a := &Answerer{CorpusLang: "ur"}
	w := idfs{"پاکستان": 1.1, "کورونا": 1.5, "اموات": 3, "بلوچستان": 4, "کیس": 2, "تعداد": 2}
	toll := Query{Text: "پاکستان کل کورونا اموات", Words: []CrossWord{
		{Source: "pakistan", Name: true, Renderings: []WeightedTerm{{Term: "پاکستان", Weight: 1}}},
		{Source: "covid", Renderings: []WeightedTerm{{Term: "کورونا", Weight: 1}}},
		// (تعداد, "number", is an unlikely rendering: it meets nothing required.)
		{Source: "death toll", Required: true, Renderings: []WeightedTerm{{Term: "اموات", Weight: 1}, {Term: "تعداد", Weight: 0.19}}},
	}}
	holds := a.holdsRequiredRendered(w, []Query{toll})
	if holds == nil {
		t.Fatal("no rule for a question whose answer must hold the death toll")
	}
	for _, c := range []struct {
		text string
		want bool
	}{
		{"کورونا سے پاکستان میں مزید 63افراد کا انتقال،اموات 13ہزار 76تک پہنچ گئیں", true},
		{"پاکستان ، مزید 75افراد چل بسے، کورونا وائرس سے 13ہزار جاں بحق", true}, // the dead in other words
		{"بلوچستان سے کورونا کے مزید09کیس رپورٹ ،متاثرہ افراد کی تعداد19106ہوگئی", false},
		{"Pakistan's COVID-19 death toll rose to 13,076.", true}, // not in the collection's language: not read
	} {
		p := Passage{ChunkID: c.text, Text: c.text}
		if got := holds(&p); got != c.want {
			t.Errorf("%q: holds the death toll %v, want %v", c.text, got, c.want)
		}
	}
	// A question whose answer must hold nothing in particular has no rule,
	// nor one that requires only what it counts: a report counts new cases
	// in its own words ("298 دیگر متاثر"), which countsAsked reads.
	if a.holdsRequiredRendered(w, []Query{{Words: toll.Words[:2]}}) != nil {
		t.Error("a rule for a question with no required word")
	}
	counted := CrossWord{Source: "cases", Required: true, Counted: true, Renderings: []WeightedTerm{{Term: "کیسز", Weight: 1}}}
	if a.holdsRequiredRendered(w, []Query{{Words: []CrossWord{toll.Words[0], counted}}}) != nil {
		t.Error("a rule for a question that requires only what it counts")
	}
	// In the order: the older report of the deaths before the newer count of
	// a province's cases.
	ps := []Passage{
		{ChunkID: "cases", DocID: "cases", Text: "بلوچستان سے کورونا کے مزید09کیس رپورٹ ،متاثرہ افراد کی تعداد19106ہوگئی", Published: time.Date(2021, 3, 5, 0, 0, 0, 0, time.UTC)},
		{ChunkID: "deaths", DocID: "deaths", Text: "کورونا سے پاکستان میں مزید 63افراد کا انتقال،اموات 13ہزار 76تک پہنچ گئیں", Published: time.Date(2021, 3, 4, 0, 0, 0, 0, time.UTC)},
	}
	got := docIDs(newestFirst(ps, 2, func(p *Passage) float64 { return 0.5 }, nil, holds))
	if len(got) == 0 || got[0] != "deaths" {
		t.Errorf("order %v, want the report of the deaths first", got)
	}
	// Through Ask, rendered as the offline translator renders it.
	deaths := datedHit("deaths#0", "2021-03-04", "کورونا سے پاکستان میں مزید 63افراد کا انتقال،اموات 13ہزار 76تک پہنچ گئیں")
	cases := datedHit("cases#0", "2021-03-05", "بلوچستان سے کورونا کے مزید09کیس رپورٹ ،متاثرہ افراد کی تعداد19106ہوگئی")
	ans, ix := timeAnswerer(deaths, cases)
	ix.idf = stemsNoWords(w)
	ans.CorpusLang = "ur"
	ans.Offline = fakeOffline{CrossQuery{Text: toll.Text, Words: toll.Words}}
	res, err := ans.Ask(context.Background(), Question{Text: "What is Pakistan's total COVID-19 death toll now?", AsOf: time.Date(2021, 3, 6, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if res.Refused || len(res.Citations) == 0 || res.Citations[0].DocID != "deaths" {
		t.Errorf("answer %q cites %+v first; want the report of the deaths", res.Answer, res.Citations)
	}
}

// A question that asks whether the reports agree is answered from each
// report, and the answer lists each one's date and source: an agency's
// story and the paper's of the next day tell one event at another venue.
// Without the request the reports are quoted as usual, with no list.
func TestCompareReports(t *testing.T) {
	agency := datedHit("venue#0", "2014-12-01", "ممبئی۔ یکم دسمبر (اے پی پی) اداکارہ سوناکشی سنہا نے ایک بیان میں کہا کہ وہ ملٹی سٹار فلموں سے نہیں گھبراتیں۔")
	paper := datedHit("venuep#0", "2014-12-02", "ممبئی (نیوز ڈیسک) اداکارہ سوناکشی سنہا نے ٹی وی کو انٹرویو میں کہا کہ وہ ملٹی سٹار فلموں سے ہرگز نہیں گھبراتیں۔")
	other := datedHit("cricket#0", "2014-12-01", "لاہور میں کرکٹ میچ کے دوران 3 کھلاڑی زخمی ہو گئے۔")
	a, _ := timeAnswerer(agency, other, paper)
	a.Retriever.Lambda = 0.01
	const question = "سوناکشی سنہا نے ملٹی سٹار فلموں کے بارے میں یہ بات کہاں کہی؟"
	ans, err := a.Ask(context.Background(), Question{Text: question + " کیا دونوں خبریں متفق ہیں؟", K: 2})
	if err != nil {
		t.Fatal(err)
	}
	list := "اقتباسات ان خبروں سے ہیں:"
	for _, want := range []string{list, "بیان", "انٹرویو", "1 دسمبر 2014، source of venue", "2 دسمبر 2014، source of venuep"} {
		if !strings.Contains(ans.Answer, want) {
			t.Errorf("the answer lacks %q:\n%s", want, ans.Answer)
		}
	}
	ans, err = a.Ask(context.Background(), Question{Text: question, K: 2})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(ans.Answer, list) {
		t.Errorf("reports listed for a question that does not compare them:\n%s", ans.Answer)
	}
}

// Asked whether the reports agree, the other report of the same days is
// looked for even for a question that asks a value (a target), which
// otherwise gets the first report's: MMR keeps the paper's near-copy out of
// the first search.
func TestCompareReportsFindsTheOtherReport(t *testing.T) {
	agency := datedHit("odi#0", "2014-08-26", "ہمبنٹوٹا۔ 26 اگست (اے پی پی) دوسرے ون ڈے میں سری لنکا نے پاکستان کو جیت کے لیے 310 رنز کا ہدف دیا۔")
	other := datedHit("hockey#0", "2014-08-26", "لاہور میں ہاکی کے قومی کیمپ کا آغاز ہو گیا۔")
	paper := datedHit("odip#0", "2014-08-27", "ہمبنٹوٹا (سپورٹس ڈیسک) دوسرے ون ڈے میں سری لنکا نے پاکستان کو جیت کے لیے 311 رنز کا ہدف دیا۔")
	a, _ := timeAnswerer(agency, other, paper)
	a.Retriever.Lambda = 0.01
	const question = "دوسرے ون ڈے میں سری لنکا نے پاکستان کو کیا ہدف دیا؟"
	ans, err := a.Ask(context.Background(), Question{Text: question + " کیا دونوں خبریں متفق ہیں؟", K: 2})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(ans.Answer, "310") || !strings.Contains(ans.Answer, "311") {
		t.Errorf("not both reports' targets:\n%s", ans.Answer)
	}
	ans, err = a.Ask(context.Background(), Question{Text: question, K: 2})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(ans.Answer, "311") {
		t.Errorf("the paper's target without a request to compare (the fixture no longer needs the request):\n%s", ans.Answer)
	}
}

// A national report that says "in the country" (ملک بھر میں, ملک میں) is the
// country's, which a question names: the latest ordering's relevance reads
// پاکستان in it (foldCountry), so that the newest national count is not left
// out of the running for lacking the name. A province's report, or the
// country named otherwise ("ملک کے"), is not.
func TestFoldCountry(t *testing.T) {
	for s, want := range map[string]bool{
		"ملک بھر میں کورونا وائرس سے مزید 54مریض چل بسے":   true,
		"ملک میں چینی کی قیمت 105 روپے کلو ہو گئی":         true,
		"سندھ میں کورونا سے مزید 19 مریض جاں بحق":          false,
		"ملک کے مختلف شہروں میں بارش":                      false,
		"پاکستان میں کورونا سے 63 اموات، ملک بھر میں الرٹ": true, // already named: once
	} {
		toks := text.Tokens(s)
		words, stems := foldCountry(toks, text.StemTokens(slices.Clone(toks)))
		n := 0
		for _, w := range words {
			if w == "پاکستان" {
				n++
			}
		}
		if got := n == 1; got != want || len(words) != len(stems) {
			t.Errorf("%q: پاکستان %d times (%d words, %d stems), want the country %v", s, n, len(words), len(stems), want)
		}
	}
}

// A question about a period that names an acronym the period's reports
// never write, while other dates' do, is refused as out of period, in Urdu
// letter names or in Latin capitals; so is one spelled in letter names that
// no report yet published writes (acronymElsewhere). The same question about
// a period whose reports write it is answered, and a day named without its
// year is not read so.
func TestAcronymElsewhere(t *testing.T) {
	league := datedHit("psl#0", "2021-03-04", "پی ایس ایل کا فائنل 20 مارچ کو کراچی میں کھیلا جائے گا۔")
	women := datedHit("women#0", "2014-09-18", "ویمن کرکٹ لیگ کا فائنل ویسٹ انڈیز کی ٹیم نے جیت لیا، نیوزی لینڈ کی ٹیم ہار گئی۔")
	march10 := time.Date(2021, 3, 10, 0, 0, 0, 0, time.UTC)
	ask := func(q string) *Answer {
		t.Helper()
		a, ix := timeAnswerer(league, women)
		ix.idf = map[string]float64{"psl": 4.1, "فائنل": 3.7, "ٹیم": 2.3, "کرکٹ": 2.5}
		ans, err := a.Ask(context.Background(), Question{Text: q, AsOf: march10})
		if err != nil {
			t.Fatal(err)
		}
		return ans
	}
	if ans := ask("ستمبر 2014 میں پی ایس ایل کا فائنل کس ٹیم نے جیتا؟"); !ans.Refused || !strings.Contains(ans.Answer, "PSL") {
		t.Errorf("PSL's final of September 2014: refused %v, answer %q; want it refused, naming PSL", ans.Refused, ans.Answer)
	}
	if ans := ask("پچھلے ہفتے پی ایس ایل کے فائنل کے بارے میں کیا اعلان ہوا؟"); ans.Refused {
		t.Errorf("PSL's final last week of March 2021 refused: %q (warnings %q)", ans.Answer, ans.Warnings)
	}
	a, _ := timeAnswerer(league, women)
	w := idfs{"psl": 4.1}
	sept20 := time.Date(2014, 9, 20, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		q    string
		asOf time.Time
		want string
	}{
		{"Which team won the PSL final in September 2014?", march10, "PSL"},
		{"Which team won the PSL final in September 2020?", march10, "PSL"},
		{"Which team won the PSL final in March 2021?", march10, ""},
		{"Which team won the PSL final on 20 September?", march10, ""}, // a day without its year
		// Spelled in letter names, and written by no report published by then.
		{"پچھلے ہفتے پی ایس ایل کے میچ میں کون سی ٹیم جیتی؟", sept20, "PSL"},
		// In capitals, it may be written otherwise (the US as امریکہ).
		{"Which team won the PSL match last week?", sept20, ""},
	} {
		got, err := a.acronymElsewhere(context.Background(), w, c.q, CrossQuery{}, when.Parse(c.q, c.asOf), Filter{To: c.asOf})
		if err != nil || got != c.want {
			t.Errorf("acronymElsewhere(%q) as of %s = %q, %v; want %q", c.q, c.asOf.Format(time.DateOnly), got, err, c.want)
		}
	}
}

// An acronym in capitals that Urdu news writes as a word by its sound
// (PEMRA as پیمرا) is looked for as that word too (acronymSpellings): "last
// month" of October 2014, when only July's reports write it, is out of
// period.
func TestAcronymElsewhereBySound(t *testing.T) {
	july := datedHit("licence#0", "2014-07-20", "پیمرا نے دو ٹی وی چینلز کے لائسنس معطل کر دیے۔")
	october := datedHit("cable#0", "2014-10-15", "کیبل آپریٹرز نے ٹی وی چینلز کی نشریات بند کر دیں۔")
	a, _ := timeAnswerer(july, october)
	w := idfs{"پیمرا": 6.2, "کسے": 5.0, "kse": 4.0}
	pemra := CrossQuery{Words: []CrossWord{{Source: "pemra", Name: true, Renderings: []WeightedTerm{{Term: "پیمرا", Weight: 0.89}}}}}
	q := "What action did PEMRA take against TV channels last month?"
	for _, c := range []struct {
		asOf  string
		cross CrossQuery
		want  string
	}{
		{"2014-11-03", pemra, "PEMRA"},
		{"2014-08-01", pemra, ""},        // July's report writes it
		{"2014-11-03", CrossQuery{}, ""}, // its letters alone: no report writes "pemra"
		{"2014-06-01", pemra, ""},        // nor is July's report published yet
	} {
		asOf, _ := time.Parse(time.DateOnly, c.asOf)
		got, err := a.acronymElsewhere(context.Background(), w, q, c.cross, when.Parse(q, asOf), Filter{To: asOf})
		if err != nil || got != c.want {
			t.Errorf("acronymElsewhere(%q) as of %s = %q, %v; want %q", q, c.asOf, got, err, c.want)
		}
	}
	// A rendering that is a common word is looked for too, and the period
	// writes it: COVID as کورونا beside the rare کوویڈ. (Left out, the
	// period's reports of Covid would write none of COVID's spellings.)
	covid := datedHit("rate#0", "2021-03-21", "کورونا سے مزید 40 افراد جاں بحق، مثبت کیسز کی شرح 9 فیصد رہی۔")
	older := datedHit("vaccine#0", "2021-02-27", "کوویڈ ویکسین کی دوسری کھیپ پہنچ گئی۔")
	a, _ = timeAnswerer(covid, older)
	w = idfs{"کوویڈ": 6.5, "کورونا": 2.2}
	rendered := CrossQuery{Words: []CrossWord{{Source: "covid", Renderings: []WeightedTerm{{Term: "کوویڈ", Weight: 0.80}, {Term: "کورونا", Weight: 1}, {Term: "سی او وی آئی ڈی", Weight: 1}}}}}
	q = "What was Pakistan's COVID-19 positivity rate on 21 March 2021?"
	asOf := time.Date(2021, 4, 3, 0, 0, 0, 0, time.UTC)
	if got, err := a.acronymElsewhere(context.Background(), w, q, rendered, when.Parse(q, asOf), Filter{To: asOf}); err != nil || got != "" {
		t.Errorf("acronymElsewhere(%q) = %q, %v; want none: the period writes کورونا", q, got, err)
	}
	if got := acronymSpellings(w, questionAcronym{word: "covid"}, rendered); !slices.Equal(got, []string{"کوویڈ", "کورونا"}) {
		t.Errorf("COVID's spellings = %q, want کوویڈ and کورونا (no phrase of letter names)", got)
	}
	// A rendering of two words is looked for as the two side by side: the
	// period's reports write ODI as "ون ڈے", an older one as ODI.
	oneDay := datedHit("oneday#0", "2021-04-03", "پاکستان نے پہلے ون ڈے میں جنوبی افریقہ کو 3 وکٹوں سے شکست دے دی۔")
	letters := datedHit("rankings#0", "2014-10-10", "آئی سی سی کی ODI رینکنگ میں پاکستان کی ساتویں پوزیشن۔")
	a, _ = timeAnswerer(oneDay, letters)
	w = idfs{"odi": 5.1, "ون": 3.5, "ڈے": 3.6}
	odi := CrossQuery{Words: []CrossWord{{Source: "odi", Renderings: []WeightedTerm{{Term: "ون ڈے", Weight: 1}, {Term: "او ڈی آئی", Weight: 1}}}}}
	q = "Who won the first ODI against South Africa on 2 April 2021?"
	if got, err := a.acronymElsewhere(context.Background(), w, q, odi, when.Parse(q, asOf), Filter{To: asOf}); err != nil || got != "" {
		t.Errorf("acronymElsewhere(%q) = %q, %v; want none: the period writes ون ڈے", q, got, err)
	}
	if got := acronymSpellings(w, questionAcronym{word: "odi"}, odi); !slices.Equal(got, []string{"odi", "ون ڈے"}) {
		t.Errorf("ODI's spellings = %q, want its letters and ون ڈے", got)
	}
	// A word of two letters sounds like any acronym (FIA as فی, "per"): no
	// spelling of it, or a period's reports would always write FIA.
	fia := CrossQuery{Words: []CrossWord{{Source: "fia", Renderings: []WeightedTerm{{Term: "ایف آئی اے", Weight: 1}, {Term: "فی", Weight: 0.72}}}}}
	if got := acronymSpellings(idfs{"fia": 4.0, "فی": 1.1}, questionAcronym{word: "fia"}, fia); !slices.Equal(got, []string{"fia"}) {
		t.Errorf("FIA's spellings = %q, want its letters only", got)
	}
}

// A name of two words an English question writes in capitals that no report
// of the period writes, while reports of other dates do, is out of period
// (nameElsewhere): "Maryam Nawaz" in September 2014, when the month's reports
// tell of Nawaz Sharif. Written in the period — as two words, or typed as one
// ("بابراعظم") — it is not; nor is a pair with an ordinary English word
// ("High Court"), or one across a possessive ("Islamabad's Lal").
func TestNameElsewhere(t *testing.T) {
	hits := []Hit{
		datedHit("nawaz#0", "2014-09-10", "نواز شریف نے کہا کہ دھرنے ختم کیے جائیں۔"),
		datedHit("maryam#0", "2021-03-10", "مریم نواز نے کہا کہ لانگ مارچ ہوگا۔"),
		datedHit("babar#0", "2021-04-02", "بابراعظم تیز ترین 13 سنچریاں بنانے والے بلے باز بن گئے۔"),
		datedHit("babar#1", "2014-11-05", "بابر اعظم نے انڈر 19 میں سنچری بنائی۔"),
		datedHit("court#0", "2014-11-06", "اعلی عدالت نے فیصلہ محفوظ کر لیا۔"),
		datedHit("masjid#0", "2014-10-20", "اسلامآباد لال مسجد کے خطیب کی گرفتاری کا حکم۔"),
		datedHit("masjid#1", "2021-03-30", "لال مسجد کے باہر مظاہرہ۔"),
	}
	a, _ := timeAnswerer(hits...)
	name := func(source string, ordinary bool, renderings ...string) CrossWord {
		cw := CrossWord{Source: source, Name: true, Ordinary: ordinary}
		for _, r := range renderings {
			cw.Renderings = append(cw.Renderings, WeightedTerm{Term: r, Weight: 0.9})
		}
		return cw
	}
	maryam := CrossQuery{Words: []CrossWord{name("maryam", false, "مریم"), name("nawaz", false, "نواز", "نیوز"), {Source: "say", Verb: true}}}
	babar := CrossQuery{Words: []CrossWord{name("babar", false, "بابر"), name("azam", false, "اعظم")}}
	court := CrossQuery{Words: []CrossWord{name("high", true, "اعلی"), name("court", true, "عدالت")}}
	masjid := CrossQuery{Words: []CrossWord{name("islamabad", false, "اسلامآباد"), name("lal", false, "لال"), name("masjid", false, "مسجد")}}
	asOf := time.Date(2021, 4, 3, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		q     string
		cross CrossQuery
		want  string
	}{
		{"What did Maryam Nawaz say in September 2014?", maryam, "Maryam Nawaz"},
		{"What did Maryam Nawaz's party say in September 2014?", maryam, "Maryam Nawaz"},
		{"What did “Maryam Nawaz” say in September 2014?", maryam, "Maryam Nawaz"},
		{"What did Maryam, Nawaz and others say in September 2014?", maryam, ""}, // no name of two words
		{"What did Maryam Nawaz say in March 2021?", maryam, ""},
		{"What record did Babar Azam set on 2 April 2021?", babar, ""},
		{"What did the High Court decide in March 2021?", court, ""},
		{"What happened at Islamabad's Lal Masjid last week?", masjid, ""},
	} {
		got, err := a.nameElsewhere(context.Background(), c.q, c.cross, when.Parse(c.q, asOf), Filter{To: asOf})
		if err != nil || got != c.want {
			t.Errorf("nameElsewhere(%q) = %q, %v; want %q", c.q, got, err, c.want)
		}
	}
}

// writesPair finds two words typed as one, which the index holds as one word
// that a search for the two misses ("بابراعظم" for "بابر اعظم").
func TestWritesPairTypedAsOne(t *testing.T) {
	u := newParagraphIndex([]paragraph{
		{ID: "babar", Text: "بابراعظم تیز ترین 13 ون ڈے سنچریاں بنانے والے بلے باز بن گئے۔"},
		{ID: "other", Text: "بابر نے کہا کہ اعظم خان نہیں آئے۔"},
	})
	a := &Answerer{Retriever: &Retriever{Index: u}}
	if ok, err := a.writesPair(context.Background(), "بابر", "اعظم", Filter{}); err != nil || !ok {
		t.Errorf("writesPair(بابر, اعظم) = %v, %v; want true: a report types them as one word", ok, err)
	}
	if ok, err := a.writesPair(context.Background(), "اعظم", "بابر", Filter{}); err != nil || ok {
		t.Errorf("writesPair(اعظم, بابر) = %v, %v; want false: no report writes them so", ok, err)
	}
}

// A question about a period that the archive tells of, but not then, is
// refused as out of period: "last week's Ebola cases" in March 2021, over an
// archive that tells of Ebola in 2014 and of that week's Covid cases, is no
// question about Covid (pairElsewhere). A pair the period writes, as asked
// or with its first word glued to the one before ("سائنوفارم ویکسین" for
// "سائنو فارم ویکسین") or inflected, is answered.
func TestPairElsewhere(t *testing.T) {
	ebola := datedHit("ebola#0", "2014-10-20", "فیصل آباد میں ایبولا وائرس کا ایک مشتبہ مریض ہسپتال میں داخل۔")
	covid := datedHit("covid#0", "2021-03-08", "کورونا وائرس کے مزید 1592 نئے کیسز رپورٹ، 22 افراد چل بسے۔")
	vaccine := datedHit("vaccine#0", "2021-03-07", "سائنوفارم ویکسین کی مزید 5 لاکھ خوراکیں پاکستان پہنچ گئیں۔")
	earlier := datedHit("earlier#0", "2021-02-01", "چین سے سائنو فارم ویکسین کی پہلی کھیپ آج پہنچے گی۔")
	birdFlu := datedHit("birdflu#0", "2014-11-23", "جرمنی میں برڈ فلو کا ایک نیا کیس سامنے آگیا۔")
	germany := datedHit("germany#0", "2021-03-07", "جرمنی میں کورونا کے مزید 8 ہزار نئے کیس سامنے آگئے۔")
	ask := func(q string) *Answer {
		t.Helper()
		a, ix := timeAnswerer(ebola, covid, vaccine, earlier, birdFlu, germany)
		ix.idf = map[string]float64{"ایبولا": 6.4, "وائرس": 3.4, "کورونا": 3.5, "فارم": 5.2, "ویکسین": 3.4, "سائنو": 6, "جرمنی": 4.8, "برڈ": 7.5, "فلو": 7.5, "کیس": 3.6}
		ans, err := a.Ask(context.Background(), Question{Text: q, AsOf: time.Date(2021, 3, 10, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		return ans
	}
	for q, pair := range map[string]string{
		"پچھلے ہفتے ایبولا وائرس کے کتنے نئے کیسز رپورٹ ہوئے؟":    "ایبولا وائرس",
		"پچھلے ہفتے جرمنی میں برڈ فلو کے کتنے نئے کیس سامنے آئے؟": "برڈ فلو", // words of three letters, as rare as names
	} {
		if ans := ask(q); !ans.Refused || !strings.Contains(ans.Answer, pair) {
			t.Errorf("%q: refused %v, answer %q; want it refused, naming %q", q, ans.Refused, ans.Answer, pair)
		}
	}
	for _, q := range []string{"پچھلے ہفتے کورونا وائرس کے کتنے نئے کیسز رپورٹ ہوئے؟", "پچھلے ہفتے سائنو فارم ویکسین کی کتنی خوراکیں پہنچیں؟"} {
		if ans := ask(q); ans.Refused {
			t.Errorf("%q refused (%q, warnings %q); the period writes what it asks", q, ans.Answer, ans.Warnings)
		}
	}
	// A word of three letters is read only when it is as rare as a name:
	// "رقم" and "ملی" are common Urdu words.
	w := idfs{"برڈ": 7.5, "رقم": 4.6, "ملی": 5.0, "وائرس": 3.4, "روپے": 2.1}
	for word, want := range map[string]bool{"برڈ": true, "رقم": false, "ملی": false, "وائرس": true, "روپے": false, "کے": false, "میں": false} {
		if got := pairWord(word, w); got != want {
			t.Errorf("pairWord(%q) = %v, want %v", word, got, want)
		}
	}
}
