package rag

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jawab/jawab/text"
	"github.com/jawab/jawab/when"
)

// Each of the ways one day's Covid report words its dead is read as the
// dead, in a question's tokens and in a passage's content words alike; the
// first word of an idiom alone is another word.
func TestCountAt(t *testing.T) {
	for _, c := range []struct {
		s    string
		want string // what the first casualty word counts; "" for none
		all  bool   // read in every token only (its idiom ends in stopwords)
	}{
		{"مزید 23 افراد چل بسے", "dead", false},
		{"مزید تین مریضوں نے دم توڑ دیا", "dead", false},
		{"مزید 36 افراد زندگی کی بازی ہار گئے", "dead", false},
		{"کرونا وائرس مزید 30 زندگیاں نگل گیا", "dead", false},
		{"مزید 29 مریض انتقال کرگئے", "dead", false},
		{"ایک مریض لقمہ اجل بن گیا", "dead", false},
		{"کتنے لوگ جان سے گئے؟", "dead", true},
		{"جان سے جانے والوں کی مجموعی تعداد کتنی ہے؟", "dead", true},
		{"کتنی جانیں گئیں؟", "dead", false},
		{"کتنے لوگ مر رہے ہیں؟", "dead", false},
		{"مرنے والوں کی تعداد", "dead", false},
		{"یومیہ ہلاکتوں کی تعداد", "dead", false},
		{"فلسطینی علاقوں میں کرونا کی23مریض وفات پاگئے", "dead", false},
		{"What is the death toll?", "dead", false},
		{"کتنے افراد زخمی ہوئے؟", "injured", false},
		{"زخمیوں کی تعداد 40 ہو گئی", "injured", false},
		{"سندھ میں 255نئے کیسز رپورٹ", "cases", false},
		{"اس نے دم لیا", "", false},
		{"کرکٹ کی بازی جیت لی", "", false},
		{"جان کیری نے کہا", "", false},
		{"زندگی معمول پر آ گئی", "", false},
	} {
		streams := [][]string{text.Tokens(c.s), text.ContentTokens(c.s)}
		if c.all {
			streams = streams[:1]
		}
		for _, toks := range streams {
			got := ""
			for i := range toks {
				if what, n := countAt(toks, i); n > 0 {
					got = what
					break
				}
			}
			if got != c.want {
				t.Errorf("countAt over %q = %q, want %q", toks, got, c.want)
			}
		}
	}
}

// Folding puts one word for the dead in the idiom's first place and keeps
// the rest, so that positions hold, and leaves its input alone.
func TestFoldCounts(t *testing.T) {
	toks := text.Tokens("مزید 36 افراد زندگی کی بازی ہار گئے اور 3 زخمی")
	orig := slices.Clone(toks)
	got, stems := foldCounts(toks, text.StemTokens(slices.Clone(toks)))
	if len(got) != len(toks) || len(stems) != len(toks) {
		t.Fatalf("folded %q: length %d/%d, want %d", got, len(got), len(stems), len(toks))
	}
	if !slices.Equal(toks, orig) {
		t.Errorf("foldCounts changed its input: %q", toks)
	}
	if i := slices.Index(toks, "زندگی"); got[i] != "اموات" || stems[i] != text.Stem("اموات") {
		t.Errorf("folded %q: want اموات in place of زندگی", got)
	}
	if !slices.Contains(got, "زخمی") {
		t.Errorf("folded %q: the injured are another meaning and stay", got)
	}
	if q := foldedText("کتنے لوگ چل بسے؟"); !strings.Contains(q, "اموات") {
		t.Errorf("foldedText = %q, want اموات", q)
	}
}

// A question about the dead gets a keyword search for every way of wording
// them, weighted below its own words; other questions get none.
func TestCountVariants(t *testing.T) {
	qs := []Query{{Text: "لاہور میں کورونا سے کتنی جانیں گئیں؟"}, {Text: "What is the latest?", OtherLanguage: true}}
	vs := countVariants(qs)
	if len(vs) != 1 || !vs[0].KeywordOnly {
		t.Fatalf("countVariants = %+v, want one keyword-only search", vs)
	}
	weight := map[string]float64{}
	for _, wt := range vs[0].Terms {
		weight[wt.Term] = wt.Weight
	}
	if weight["لاہور"] != 1 || weight["کورونا"] != 1 {
		t.Errorf("terms %v: want the question's own words at 1", vs[0].Terms)
	}
	for _, w := range []string{"جانیں", "بسے", "انتقال", "بحق"} {
		if weight[w] != countSearchWeight {
			t.Errorf("terms %v: want %s at %v", vs[0].Terms, w, countSearchWeight)
		}
	}
	if vs := countVariants([]Query{{Text: "لاہور میں کورونا کے کتنے نئے کیسز ہیں؟"}}); len(vs) != 0 {
		t.Errorf("countVariants of a question about cases = %+v, want none", vs)
	}
}

// The newest report of a city's deaths words them as no earlier one did
// ("زندگیاں نگل گیا"), and a newer Covid story of the city states a number
// (an age) but counts no dead: the death report comes first.
func TestLatestDeathsInOtherWords(t *testing.T) {
	older := datedHit("older#0", "2021-03-17", "لاہور میں کورونا سے مزید 21 افراد جاں بحق ہو گئے۔")
	newest := datedHit("newest#0", "2021-04-01", "لاہور: کرونا وائرس مزید 30 زندگیاں نگل گیا۔")
	vaccine := datedHit("vaccine#0", "2021-04-02", "لاہور میں 60 سال سے زائد عمر کے افراد کی کورونا ویکسینیشن جاری ہے۔")
	got := latestOrder(t, "لاہور میں کورونا سے ایک دن میں تازہ ترین کتنی جانیں گئیں؟", time.Date(2021, 4, 3, 0, 0, 0, 0, time.UTC), older, vaccine, newest)
	if len(got) < 2 || got[0] != "newest" || got[1] != "older" {
		t.Errorf("passages %v: want the report of 1 April first, then the older one", got)
	}
}

// A place's subject is its likeliest rendering, not the first found: the
// collection's near spelling of a name comes before the lexicon's surer one.
func TestSubjectIsTheLikeliestRendering(t *testing.T) {
	cq := CrossQuery{Words: []CrossWord{{Source: "islamabad", Place: true, Renderings: []WeightedTerm{{Term: "اسلم آباد", Weight: 0.83}, {Term: "اسلام آباد", Weight: 1}}}}}
	if got := cq.Subject(); !slices.Equal(got, []string{"اسلام", "آباد"}) {
		t.Errorf("Subject() = %q, want اسلام آباد", got)
	}
}

// Once the passages' dates answer "latest", what the question says of the
// report itself ("daily count") is no word the report must hold; the
// question's own spelling stays.
func TestTimeAnsweredWithoutReportFrame(t *testing.T) {
	ps := []Passage{{Published: march5}}
	tq := when.Parse("What is the latest daily count of new cases in Sindh?", march5)
	got := timeAnswered("What is the latest daily count of new cases in Sindh?", tq, ps)
	if want := "What is the of new cases in Sindh?"; got != want {
		t.Errorf("timeAnswered = %q, want %q", got, want)
	}
	ur := "سندھ میں کورونا کے نئے کیسز کی تازہ ترین یومیہ تعداد کیا ہے؟"
	if got := timeAnswered(ur, when.Parse(ur, march5), ps); strings.Contains(got, "یومیہ") || !strings.Contains(got, "سندھ") {
		t.Errorf("timeAnswered = %q: want یومیہ out, سندھ in", got)
	}
	// Every latest phrase goes, and "news" is the report too.
	march := "Is the PDM's long march still going ahead on 26 March, according to the latest news?"
	if got := timeAnswered(march, when.Parse(march, march5), ps); strings.Contains(got, "latest") || strings.Contains(got, "still") || strings.Contains(got, "news") || !strings.Contains(got, "PDM's long march") {
		t.Errorf("timeAnswered = %q: want still, latest and news out, the march in", got)
	}
}

// A latest question searches the last few days alone too, where a daily
// series' newest report is.
func TestLatestSearchesTheLastDays(t *testing.T) {
	a, ix := timeAnswerer(dollarHits...)
	if _, err := a.Ask(context.Background(), Question{Text: "انٹر بینک میں ڈالر کا تازہ ترین ریٹ کیا ہے؟", AsOf: march5}); err != nil {
		t.Fatal(err)
	}
	from := march5.AddDate(0, 0, -LastDays)
	if !slices.ContainsFunc(ix.filters, func(f Filter) bool { return f.From.Equal(from) }) {
		t.Errorf("filters %+v: none from %v", ix.filters, from)
	}
}

// The extract reads casualty words by meaning: the sentence that counts the
// dead in other words is quoted before the one that only names the event.
func TestExtractReadsCasualtiesByMeaning(t *testing.T) {
	a := &Answerer{Retriever: &Retriever{Index: &fakeIndex{}}}
	ps := []Passage{{N: 1, ChunkID: "blast#0", Text: "پشاور کے بازار میں زور دار دھماکہ ہوا۔ دھماکے سے 12 افراد ہلاک ہو گئے۔"}}
	cands := a.candidates(nil, ps, []string{"پشاور کے دھماکے میں کتنے لوگ جاں بحق ہوئے؟"}, false)
	if len(cands) == 0 || !strings.Contains(cands[0].sentence, "ہلاک") {
		t.Errorf("candidates %+v: want the sentence of the 12 dead first", cands)
	}
}

// A must rules out the passages that fail it only when one that meets it is
// in the running (near the best relevance): a subject rendered as a common
// word ("مخالف" for "Anti-") is held by unrelated stories.
func TestNewestFirstMustInTheRunning(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2021, 3, d, 0, 0, 0, 0, time.UTC) }
	ps := []Passage{
		{DocID: "seizure", Published: day(18), Text: "اے این ایف کی ملک گیر کارروائیاں، 47 ملین ڈالر کی منشیات برآمد"},
		{DocID: "politics", Published: day(16), Text: "حکومت مخالف لانگ مارچ ملتوی"},
	}
	rel := map[string]float64{"seizure": 0.6, "politics": 0.1}
	holds := func(p *Passage) bool { return strings.Contains(p.Text, "مخالف") }
	got := docIDs(newestFirst(ps, 2, func(p *Passage) float64 { return rel[p.DocID] }, nil, holds))
	if len(got) == 0 || got[0] != "seizure" {
		t.Errorf("newestFirst = %v: want the seizure report first", got)
	}
	// A subject held by a passage in the running still rules the rest out.
	rel["politics"] = 0.5
	if got := docIDs(newestFirst(ps, 2, func(p *Passage) float64 { return rel[p.DocID] }, nil, holds)); got[0] != "politics" {
		t.Errorf("newestFirst = %v: want the passage that holds the subject first", got)
	}
}

// A one-word place's other spellings nearly as likely stand for it, and a
// report in either spelling holds the subject; a place of more words has
// none (its other renderings are as often another name).
func TestSubjectSpellings(t *testing.T) {
	chiniot := CrossQuery{Words: []CrossWord{{Source: "chiniot", Place: true, Renderings: []WeightedTerm{
		{Term: "چنیوت", Weight: 0.86}, {Term: "چینیوٹ", Weight: 0.84}, {Term: "چنیوٹ", Weight: 0.82}, {Term: "چنار", Weight: 0.5}}}}}
	if got := chiniot.SubjectSpellings(); !slices.Equal(got, []string{"چینیوٹ", "چنیوٹ"}) {
		t.Errorf("SubjectSpellings() = %q, want چینیوٹ چنیوٹ", got)
	}
	islamabad := CrossQuery{Words: []CrossWord{{Source: "islamabad", Place: true, Renderings: []WeightedTerm{{Term: "اسلم آباد", Weight: 0.95}, {Term: "اسلام آباد", Weight: 1}}}}}
	if got := islamabad.SubjectSpellings(); got != nil {
		t.Errorf("SubjectSpellings() = %q for a place of two words, want none", got)
	}
	newest := datedHit("newest#0", "2021-03-28", "چنیوٹ میں کورونا کے مزید 12 کیسز کی تصدیق ہو گئی۔")
	other := datedHit("other#0", "2021-03-29", "کوئٹہ میں کورونا کے مزید 28 کیسز کی تصدیق ہو گئی۔")
	a, _ := timeAnswerer(newest, other)
	holds := a.holdsSubject(context.Background(), Retrieval{}, []Query{{Text: "کتنے چنیوت کورونا", Subject: chiniot.Subject(), SubjectSpellings: chiniot.SubjectSpellings()}}, nil)
	if holds == nil || !holds(&Passage{DocID: "newest", ChunkID: newest.Chunk.ID, Text: newest.Chunk.Text}) {
		t.Errorf("a report that spells the town چنیوٹ does not hold the question's چنیوت")
	}
	if holds(&Passage{DocID: "other", ChunkID: other.Chunk.ID, Text: other.Chunk.Text}) {
		t.Errorf("a report of Quetta holds Chiniot")
	}
}

// A report of the dead must be about what the question asks: not about its
// latest words ("اب تک" holds اب) nor the people it counts (every report of
// the dead counts افراد): the newest shooting does not answer how many the
// floods have killed so far. A count of cases is worded many ways, but a
// report of the dead alone is none.
func TestCountsAsked(t *testing.T) {
	flood := "سیلاب سے اب تک کتنے افراد جاں بحق ہوئے؟"
	cases := "لاہور میں کورونا کے کتنے نئے کیسز ہیں؟"
	for _, c := range []struct {
		question string
		p        Passage
		want     bool
	}{
		// The dead of what the question is about.
		{flood, Passage{Text: "سیلاب سے جاں بحق افراد کی تعداد 367 ہو گئی۔"}, true},
		{flood, Passage{Text: "کوئٹہ میں فائرنگ سے 4 افراد جاں بحق، اب تک کوئی گرفتاری نہیں ہوئی۔"}, false},
		// Cases, however a day's count words them, but not a report of
		// the dead alone.
		{cases, Passage{Text: "لاہور میں 220 افراد میں وائرس کی تصدیق ہو گئی۔"}, true},
		{cases, Passage{Title: "لاہور میں کورونا سے ایک اورمریض جاں بحق ،تعداد201ہوگئی"}, false},
		{cases, Passage{Text: "لاہور میں کورونا کے 50 نئے کیسز، 3 مریض جاں بحق۔"}, true},
	} {
		must := countsAsked([]Query{{Text: c.question}}, when.Parse(c.question, time.Date(2021, 3, 30, 0, 0, 0, 0, time.UTC)).LatestPhrases...)
		if must == nil {
			t.Fatalf("countsAsked(%s) is nil", c.question)
		}
		if got := must(&c.p); got != c.want {
			t.Errorf("countsAsked(%s) of %q = %v, want %v", c.question, c.p.Title+c.p.Text, got, c.want)
		}
	}
}

// Headlines drop the space after a non-joining letter, between a number and
// what it counts ("61 ہزارہلاکتیں", "267 دیگرمتاثر"): the report's figures
// read the count split off, and folding reads the glued word as the count.
func TestGluedCountWords(t *testing.T) {
	toks := ungluedCounts(text.Tokens("دنیابھر میں کورونا سے 25لاکھ 61 ہزارہلاکتیں،11کروڑ سے زائد متاثر"))
	if i := slices.Index(toks, "ہلاکتیں"); i < 1 || toks[i-1] != "ہزار" {
		t.Fatalf("unglued %q: want ہزار, ہلاکتیں", toks)
	}
	if _, by := figuresIn(toks); !slices.Contains(by["dead"], 2561000) {
		t.Errorf("figures of %q: dead %v, want 2561000", toks, by["dead"])
	}
	if got := ungluedCounts(text.Tokens("267 دیگرمتاثر")); !slices.Equal(got, []string{"267", "دیگر", "متاثر"}) {
		t.Errorf("ungluedCounts(267 دیگرمتاثر) = %q", got)
	}
	// A count glued to its auxiliary after it: the report counts the
	// affected as well as the dead, so a question about new cases reads it.
	glued := ungluedCounts(text.Tokens("مزید تین مریض جاں بحق اور 205 دیگر افراد متاثرہوئے ہیں"))
	if i := slices.Index(glued, "متاثر"); i < 0 || i+1 >= len(glued) || glued[i+1] != "ہوئے" {
		t.Errorf("unglued %q: want متاثر, ہوئے", glued)
	}
	if counts := countsIn(glued); !counts["affected"] || !counts["dead"] {
		t.Errorf("countsIn(%q) = %v, want the affected and the dead", glued, counts)
	}
	// Not glued: the word itself, a word that merely ends alike after a
	// joining letter, too short a rest, the adjective متاثرہ, a rest that is
	// no auxiliary.
	for _, s := range []string{"ہلاکتیں", "ملکیس", "اموات", "بےموت", "متاثرہ", "متاثرین", "شہیدوں"} {
		if got := ungluedCounts([]string{s}); len(got) != 1 {
			t.Errorf("ungluedCounts(%s) = %q, want it whole", s, got)
		}
	}
	folded, _ := foldCounts([]string{"61", "ہزارہلاکتیں"}, nil)
	if want, _ := foldCounts([]string{"اموات"}, nil); folded[1] != want[0] {
		t.Errorf("foldCounts(ہزارہلاکتیں) = %q, want %q as the dead's word", folded, want[0])
	}
}

// A one-word subject is held by itself and one letter more (the Senate's
// "سینیٹر", senator), which the stemmer leaves apart; the head of a longer
// name is not ("فیصلے", decisions, is no report of Faisalabad).
func TestSubjectOneLetterMore(t *testing.T) {
	senator := datedHit("senator#0", "2021-03-08", "قائد حزب اختلاف سینیٹر راجہ ظفر الحق نے حملے کی مذمت کی۔")
	decisions := datedHit("decisions#0", "2021-03-08", "کابینہ کے اہم فیصلے کر لیے گئے اور کورونا کے مزید کیسز رپورٹ ہوئے۔")
	a, _ := timeAnswerer(senator, decisions)
	passage := func(h Hit) *Passage { return &Passage{DocID: h.Doc.ID, ChunkID: h.Chunk.ID, Text: h.Chunk.Text} }
	holds := a.holdsSubject(context.Background(), Retrieval{}, []Query{{Text: "سینیٹ میں اس وقت قائد حزب اختلاف کون ہیں؟"}}, nil)
	if holds == nil || !holds(passage(senator)) {
		t.Errorf("a senator's report does not hold the Senate")
	}
	holds = a.holdsSubject(context.Background(), Retrieval{}, []Query{{Text: "فیصل آباد میں کورونا کے کتنے کیسز ہیں؟"}}, nil)
	if holds == nil || holds(passage(decisions)) {
		t.Errorf("a report of decisions (فیصلے) holds Faisalabad")
	}
}
