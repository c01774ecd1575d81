package rag

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/jawab/jawab/text"
)

type fakeGenerator struct {
	out  string
	err  error
	reqs []GenerateRequest
}

func (g *fakeGenerator) Name() string { return "fake-model" }
func (g *fakeGenerator) Generate(_ context.Context, req GenerateRequest, onDelta func(string)) (string, error) {
	g.reqs = append(g.reqs, req)
	if g.err != nil {
		return "", g.err
	}
	if onDelta != nil {
		onDelta(g.out)
	}
	return g.out, nil
}

type recordingCondenser struct {
	out  string
	err  error
	seen []Turn
}

func (c *recordingCondenser) Condense(_ context.Context, h []Turn, q string) (string, error) {
	c.seen = h
	return c.out, c.err
}

// recordingIndex remembers the keyword queries it was asked (searches run
// concurrently, hence the lock).
type recordingIndex struct {
	fakeIndex
	mu      sync.Mutex
	queries []string
}

func (r *recordingIndex) KeywordSearch(ctx context.Context, q string, k int, f Filter) ([]Hit, error) {
	r.mu.Lock()
	r.queries = append(r.queries, q)
	r.mu.Unlock()
	return r.fakeIndex.KeywordSearch(ctx, q, k, f)
}

var vaccine = hit("003#2", "روس نے کورونا ویکسین کی پچاس ہزار ڈوز پاکستان کو فراہم کیں۔")

func TestGeneratorAnswerIsCheckedAndStreamed(t *testing.T) {
	gen := &fakeGenerator{out: "روس نے پچاس ہزار ڈوز دیں [1][4]۔"}
	a := &Answerer{Retriever: &Retriever{Index: &fakeIndex{hits: []Hit{vaccine}}, Embedder: constEmbedder{}}, Generator: gen}
	var streamed strings.Builder
	ans, err := a.Ask(context.Background(), Question{Text: "روس نے کورونا ویکسین کی کتنی ڈوز دیں؟", OnDelta: func(s string) { streamed.WriteString(s) }})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Generator != "fake-model" || strings.Contains(ans.Answer, "[4]") || len(ans.Citations) != 1 {
		t.Errorf("answer %+v: want the model's answer with the invented [4] dropped", ans)
	}
	if streamed.String() != gen.out {
		t.Errorf("streamed %q, want the model's deltas", streamed.String())
	}
	if len(gen.reqs) != 1 || gen.reqs[0].Lang != "ur" || len(gen.reqs[0].Passages) != 1 {
		t.Errorf("generate request: %+v", gen.reqs)
	}
}

func TestGeneratorFailureFallsBack(t *testing.T) {
	gen := &fakeGenerator{err: Errorf(Unavailable, "model down")}
	a := &Answerer{Retriever: &Retriever{Index: &fakeIndex{hits: []Hit{vaccine}}, Embedder: constEmbedder{}}, Generator: gen}
	ans, err := a.Ask(context.Background(), Question{Text: "روس نے کورونا ویکسین کی کتنی ڈوز دیں؟"})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Generator != "extractive" || ans.Refused || len(ans.Citations) != 1 || !strings.Contains(strings.Join(ans.Warnings, " "), "model down") {
		t.Errorf("fallback: %+v", ans)
	}
}

func TestModelRefusalIsARefusal(t *testing.T) {
	gen := &fakeGenerator{out: "The articles do not contain an answer to this question."}
	a := &Answerer{Retriever: &Retriever{Index: &fakeIndex{hits: []Hit{vaccine}}, Embedder: constEmbedder{}}, Generator: gen}
	ans, _ := a.Ask(context.Background(), Question{Text: "روس نے کورونا ویکسین کی کتنی ڈوز دیں؟"})
	if !ans.Refused || ans.Answer != Refusal("ur") {
		t.Errorf("model refusal: %+v, want refused in Urdu", ans)
	}
}

func TestGateRefusesBeforeCallingTheModel(t *testing.T) {
	gen := &fakeGenerator{out: "کچھ بھی [1]"}
	a := &Answerer{Retriever: &Retriever{Index: &fakeIndex{hits: []Hit{vaccine}}, Embedder: constEmbedder{}}, Generator: gen}
	ans, _ := a.Ask(context.Background(), Question{Text: "فرانس کا دارالحکومت کیا ہے؟"})
	if !ans.Refused || len(gen.reqs) != 0 {
		t.Errorf("unsupported question: refused=%v, model called %d times", ans.Refused, len(gen.reqs))
	}
}

func TestFollowUpsAreCondensed(t *testing.T) {
	history := []Turn{{Question: "روس نے کورونا ویکسین کی کتنی ڈوز دیں؟", Answer: "پچاس ہزار [1]"}}
	t.Run("heuristic", func(t *testing.T) {
		idx := &recordingIndex{fakeIndex: fakeIndex{hits: []Hit{vaccine}}}
		a := &Answerer{Retriever: &Retriever{Index: idx, Embedder: constEmbedder{}}}
		ans, _ := a.Ask(context.Background(), Question{Text: "اور مزید کتنی؟", History: history})
		if len(idx.queries) != 1 || !strings.Contains(idx.queries[0], "ویکسین") {
			t.Errorf("searched %q, want the follow-up joined to the previous question", idx.queries)
		}
		if ans.Refused {
			t.Errorf("condensed follow-up refused: %+v", ans)
		}
	})
	t.Run("standalone question left alone", func(t *testing.T) {
		q := "پاکستان اور روس کے درمیان گیس پائپ لائن کہاں سے کہاں تک بنے گی؟"
		if got := condenseHeuristic(history, q); got != q {
			t.Errorf("condenseHeuristic = %q, want the question unchanged", got)
		}
	})
	t.Run("condenser", func(t *testing.T) {
		idx := &recordingIndex{fakeIndex: fakeIndex{hits: []Hit{vaccine}}}
		c := &recordingCondenser{out: "روس نے پاکستان کو مزید کتنی ویکسین دی؟"}
		a := &Answerer{Retriever: &Retriever{Index: idx, Embedder: constEmbedder{}}, Condenser: c}
		a.Ask(context.Background(), Question{Text: "اور مزید؟", History: history})
		if len(c.seen) != 1 || len(idx.queries) != 1 || idx.queries[0] != c.out {
			t.Errorf("condenser saw %v, search used %q", c.seen, idx.queries)
		}
	})
	t.Run("condenser failure falls back", func(t *testing.T) {
		idx := &recordingIndex{fakeIndex: fakeIndex{hits: []Hit{vaccine}}}
		a := &Answerer{Retriever: &Retriever{Index: idx, Embedder: constEmbedder{}}, Condenser: &recordingCondenser{err: errors.New("down")}}
		ans, _ := a.Ask(context.Background(), Question{Text: "اور مزید؟", History: history})
		if !strings.Contains(idx.queries[0], "ویکسین") || !strings.Contains(strings.Join(ans.Warnings, " "), "heuristic") {
			t.Errorf("search %q, warnings %v", idx.queries, ans.Warnings)
		}
	})
}

type fakeTranslator struct{ out string }

func (f fakeTranslator) Translate(context.Context, string, string) (string, error) { return f.out, nil }

func TestCrossLanguageSearchUsesTranslation(t *testing.T) {
	idx := &recordingIndex{fakeIndex: fakeIndex{hits: []Hit{vaccine}}}
	a := &Answerer{Retriever: &Retriever{Index: idx, Embedder: constEmbedder{}}, CorpusLang: "ur",
		Translator: fakeTranslator{"روس نے کورونا ویکسین کی کتنی ڈوز دیں؟"}, Generator: &fakeGenerator{out: "Russia gave 50,000 doses [1]."}}
	ans, err := a.Ask(context.Background(), Question{Text: "How many vaccine doses did Russia give?"})
	if err != nil {
		t.Fatal(err)
	}
	if len(idx.queries) != 2 || ans.Refused || ans.Lang != "en" {
		t.Errorf("queries %q, answer %+v: want both the question and its translation searched, an English answer", idx.queries, ans)
	}
}

// weightedIndex is a fakeIndex that also weighs terms, as the real store does.
type weightedIndex struct {
	fakeIndex
	idf map[string]float64
}

func (w *weightedIndex) IDFs(_ context.Context, tokens []string) ([]float64, error) {
	out := make([]float64, len(tokens))
	for i, t := range tokens {
		out[i] = 1
		if v, ok := w.idf[t]; ok {
			out[i] = v
		}
	}
	return out, nil
}

func TestGateWeighsRareWords(t *testing.T) {
	idx := &weightedIndex{fakeIndex: fakeIndex{hits: []Hit{vaccine}}, idf: map[string]float64{"بھارت": 6, "روس": 0.2, "پاکستان": 0.2}}
	a := &Answerer{Retriever: &Retriever{Index: idx, Embedder: constEmbedder{}}}
	ans, _ := a.Ask(context.Background(), Question{Text: "روس نے کورونا ویکسین کی کتنی ڈوز دیں؟"})
	if ans.Refused {
		t.Fatalf("answerable question refused: %+v", ans)
	}
	// The same question about India: most words match, but not the one that matters.
	ans, _ = a.Ask(context.Background(), Question{Text: "روس نے بھارت کو کورونا ویکسین کی کتنی ڈوز دیں؟"})
	if !ans.Refused {
		t.Errorf("near-miss about India answered: %s", ans.Answer)
	}
}

func TestExtractQuotesTheSentenceAnAnaphorLeansOn(t *testing.T) {
	h := hit("002#3", "ماسکو اور اسلام آباد کے تعلقات میں 2014ء کے بعد سے نمایاں بہتری آئی ہے۔ اسی سال روس نے پاکستان کو ہتھیاروں کی فراہمی پر عائد پابندی اٹھا لی تھی۔")
	a := &Answerer{Retriever: &Retriever{Index: &fakeIndex{hits: []Hit{h}}, Embedder: constEmbedder{}}}
	ans, _ := a.Ask(context.Background(), Question{Text: "روس نے ہتھیاروں کی فراہمی پر پابندی کب اٹھائی؟"})
	if ans.Refused || !strings.Contains(ans.Answer, "2014") {
		t.Errorf("answer %q: want the year from the sentence before", ans.Answer)
	}
}

// vectorCounting counts vector searches.
type vectorCounting struct {
	fakeIndex
	n atomic.Int32
}

func (v *vectorCounting) VectorSearch(ctx context.Context, vec []float32, k int, f Filter) ([]Hit, error) {
	v.n.Add(1)
	return v.fakeIndex.VectorSearch(ctx, vec, k, f)
}

// With VectorsAcrossLanguagesOnly, an Urdu question over the Urdu collection
// is searched by keyword alone, and an English one by vector too.
func TestVectorsAcrossLanguagesOnly(t *testing.T) {
	ix := &vectorCounting{fakeIndex: fakeIndex{hits: []Hit{vaccine}}}
	a := &Answerer{Retriever: &Retriever{Index: ix, Embedder: constEmbedder{}}, CorpusLang: "ur", VectorsAcrossLanguagesOnly: true}
	for _, c := range []struct {
		q    string
		want int32
	}{{"روس نے کتنی ڈوز دیں؟", 0}, {"How many doses did Russia give?", 1}} {
		ix.n.Store(0)
		if _, err := a.Ask(context.Background(), Question{Text: c.q}); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Search(context.Background(), c.q, 5, Filter{}); err != nil {
			t.Fatal(err)
		}
		if got := ix.n.Load(); got != 2*c.want {
			t.Errorf("%s: %d vector searches for an ask and a search, want %d", c.q, got, 2*c.want)
		}
	}
	a.VectorsAcrossLanguagesOnly = false
	ix.n.Store(0)
	a.Ask(context.Background(), Question{Text: "روس نے کتنی ڈوز دیں؟"})
	if ix.n.Load() != 1 {
		t.Errorf("without the setting, an Urdu question ran %d vector searches, want 1", ix.n.Load())
	}
}

// A headline that the lead repeats in full is not quoted beside it: the lead
// says the same and more, and the quote's place goes to another report.
func TestExtractSkipsARestatedHeadline(t *testing.T) {
	h := hit("swat#0", "سوات اور چترال میں سیلاب، 42 افراد جاں بحق\n\nپشاور (ن ن ا) سوات اور چترال میں مسلسل بارشوں کے بعد آنے والے سیلاب سے اب تک 42 افراد جاں بحق اور 90 زخمی ہو گئے ہیں۔")
	a := &Answerer{Retriever: &Retriever{Index: &fakeIndex{hits: []Hit{h}}, Embedder: constEmbedder{}}}
	ans, _ := a.Ask(context.Background(), Question{Text: "سوات اور چترال کے سیلاب میں کتنے افراد جاں بحق ہوئے؟"})
	if ans.Refused || len(ans.Citations) != 1 || !strings.Contains(ans.Citations[0].Quote, "90 زخمی") {
		t.Errorf("answer %q, citations %+v: want the lead alone", ans.Answer, ans.Citations)
	}
}

// A report's headline and its lead that tell one count ("4فوجی ہلاک") are
// quoted once: the second slot goes to the sentence of the next chunk that
// gives another (12 dead so far). A name with a number ("I-94") in two
// sentences is no count told twice.
func TestExtractQuotesACountOnce(t *testing.T) {
	h := hit("baku#0", "آرمینیا کیساتھ جھڑپیں، آذربائیجان کے مزید 4فوجی ہلاک\n\nباکو (اے پی پی) آرمینیا کے ساتھ تازہ جھڑپوں میں آذربائیجان کے مزید 4فوجی ہلاک ہو گئے۔")
	later := hit("baku#1", "آرمینیا کے ساتھ جھڑپوں میں اب تک آذر بائیجان کے 12 فوجی ہلاک ہو چکے ہیں۔")
	later.Chunk.DocID, later.Chunk.Start = "baku", 200
	a := &Answerer{Retriever: &Retriever{Index: &fakeIndex{hits: []Hit{h, later}}, Embedder: constEmbedder{}}}
	ans, _ := a.Ask(context.Background(), Question{Text: "آرمینیا کے ساتھ جھڑپوں میں آذربائیجان کے کتنے فوجی ہلاک ہوئے؟"})
	fours := 0
	for _, c := range ans.Citations {
		if strings.Contains(c.Quote, "4فوجی") {
			fours++
		}
	}
	if fours != 1 || !strings.Contains(ans.Answer, "12 فوجی") {
		t.Errorf("answer %q: want the count of 4 quoted once and the 12 beside it", ans.Answer)
	}
	if restatesFigures("I-94 ڈیٹرائٹ کے ذریعے مشرق سے مغرب تک چلتا ہے۔", "موجودہ I-94 فری وے کا حصہ شاہراہوں میں سے ایک تھا۔") {
		t.Error("a road's number in two sentences counted as one count told twice")
	}
	if restatesFigures("مزید 5 فوجی ہلاک ہو گئے۔", "مزید 4 فوجی ہلاک ہو گئے۔") {
		t.Error("two counts taken for one")
	}
}

func TestRestatedSentences(t *testing.T) {
	got := restatedSentences([][]string{{"سیلاب", "42", "جاں"}, {"سیلاب", "42", "جاں", "90", "زخمی"}, {"سیلاب", "42", "جاں"}, {"بارش"}, nil})
	// The first and third say nothing the second does not; the fourth adds a
	// word; an empty sentence restates nothing.
	if want := []bool{true, false, true, false, false}; !slices.Equal(got, want) {
		t.Errorf("restatedSentences = %v, want %v", got, want)
	}
}

// A reference number in a quoted sentence ("[3]", planted or the article's
// own) is no citation of the answer: it is quoted as "(3)".
func TestExtractUnmarksQuotedReferences(t *testing.T) {
	h := hit("gas#0", "روس اور پاکستان کے درمیان گیس پائپ لائن کا معاہدہ 2015 میں ہوا [3]۔")
	a := &Answerer{Retriever: &Retriever{Index: &fakeIndex{hits: []Hit{h}}, Embedder: constEmbedder{}}}
	ans, _ := a.Ask(context.Background(), Question{Text: "گیس پائپ لائن کا معاہدہ کب ہوا؟"})
	if ans.Refused || strings.Contains(ans.Answer, "[3]") || !strings.Contains(ans.Answer, "2015 میں ہوا (3)۔ [1]") {
		t.Errorf("answer %q: want the quote's [3] as (3), cited [1]", ans.Answer)
	}
}

// A sentence two overlapping chunks share is quoted from the first passage
// that holds it, whichever copy scored higher.
func TestFirstHolder(t *testing.T) {
	const s = "2015 میں دونوں فریقوں نے کراچی سے لاہور تک پائپ لائن بنانے پر اتفاق کیا۔"
	first := &Passage{N: 1, DocID: "pipeline", Start: 0}
	second := &Passage{N: 2, DocID: "pipeline", Start: 400}
	other := &Passage{N: 3, DocID: "other"}
	cands := []candidate{
		{p: second, sentence: s, span: text.Span{Start: 10, End: 80}},
		{p: first, sentence: s, span: text.Span{Start: 410, End: 480}},
		{p: other, sentence: "پائپ لائن پر کام جاری ہے۔"},
	}
	if got := firstHolder(cands[0], cands); got.p != first || got.span.Start != 410 {
		t.Errorf("quoted from passage %d at %d, want passage 1 at 410", got.p.N, got.span.Start)
	}
	if got := firstHolder(cands[2], cands); got.p != other {
		t.Errorf("a sentence no other passage holds moved to passage %d", got.p.N)
	}
	// And the extract cites it so (its candidates come best first).
	for i := range cands {
		cands[i].coverage = 1
	}
	ans := &Answer{Lang: "ur"}
	(&Answerer{}).extract(ans, cands, nil, counted{}, nil, false)
	if len(ans.Citations) == 0 || ans.Citations[0].N != 1 {
		t.Errorf("citations %+v: want the shared sentence cited from passage 1", ans.Citations)
	}
}

// A price question is answered only by a quote that names what is priced:
// gold's price cut does not answer how much petrol's price was cut.
func TestPriceOfWhatIsAsked(t *testing.T) {
	gold := datedHit("gold#0", "2021-03-08", "مقامی صرافہ مارکیٹوں میں سونے کی فی تولہ قیمت میں 1050 روپے کی کمی ہو گئی۔")
	petrol := datedHit("petrol#0", "2021-03-31", "حکومت نے پیٹرول کی قیمت میں 2 روپے 45 پیسے فی لیٹر کمی کر دی۔")
	q := Question{Text: "حکومت نے پٹرول کی قیمت میں کتنی کمی کی؟", AsOf: time.Date(2021, 4, 5, 0, 0, 0, 0, time.UTC)}
	a, _ := timeAnswerer(gold)
	a.MinCoverage = 0.3
	ans, err := a.Ask(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	if !ans.Refused {
		t.Errorf("petrol's price answered from gold's: %q", ans.Answer)
	}
	// A gold price cut worded as the question is ("حکومت نے … کی قیمت میں …
	// کمی"), which a quote of petrol's would be quoted beside but for what
	// it prices.
	cut := datedHit("cut#0", "2021-03-30", "حکومت نے سونے کی قیمت میں 1050 روپے کی کمی کر دی۔")
	a, _ = timeAnswerer(cut, petrol)
	a.MinCoverage = 0.3
	if ans, err = a.Ask(context.Background(), q); err != nil {
		t.Fatal(err)
	}
	if ans.Refused || !strings.Contains(ans.Answer, "2 روپے 45 پیسے") || strings.Contains(ans.Answer, "1050") {
		t.Errorf("petrol's price: refused %v, %q; want petrol's cut quoted and not gold's", ans.Refused, ans.Answer)
	}
	if got := pricedThing("روسی ویکسین اسپوٹنک فائیو کی قیمت کیا ہے؟"); !slices.Equal(got, []string{"فائیو", "اسپوٹنک", "ویکسین"}) {
		t.Errorf("pricedThing = %q, want the three words before کی قیمت", got)
	}
	// A unit between: gold's price per tola is gold's, not electricity's
	// per unit.
	if got := pricedThing("پچھلے مہینے ملک میں سونے کی فی تولہ قیمت کیا رہی؟"); !slices.Equal(got, []string{"سونے"}) {
		t.Errorf("pricedThing = %q, want سونے, before کی فی تولہ قیمت", got)
	}
	if got := pricedThing("فی تولہ قیمت کیا ہے؟"); got != nil {
		t.Errorf("pricedThing = %q, want nothing priced", got)
	}
}

// A question that asks when is answered by the sentence after the one that
// names the fact, when that one gives no date and the next does
// (answerFollows; the public set's ur-016).
func TestAnswerFollows(t *testing.T) {
	first := "ہارون اختر نے کراچی میں نئی اسٹیل مل کے قیام کو سنگ میل قرار دیا۔"
	next := "واضح رہے کہ 13 مئی کو اس منصوبے کے معاہدے پر دستخط ہو چکے ہیں۔"
	later := "وفد نے 2025 میں دوبارہ آنے کا اعلان کیا۔"
	p := &Passage{N: 1, Text: first + " " + next + " " + later}
	at := func(s string) text.Span {
		i := strings.Index(p.Text, s)
		start := utf8.RuneCountInString(p.Text[:i])
		return text.Span{Start: start, End: start + utf8.RuneCountInString(s)}
	}
	c1 := candidate{p: p, span: at(first), sentence: first}
	c2 := candidate{p: p, span: at(next), sentence: next}
	c3 := candidate{p: p, span: at(later), sentence: later}
	cands := []candidate{c1, c3, c2}
	when := asksNumber([]string{"کراچی میں نئی اسٹیل مل کے معاہدے پر کس دن دستخط ہوئے؟"})
	got := answerFollows(cands, []candidate{c1, c3}, when)
	if len(got) != 3 || got[1].sentence != next {
		t.Errorf("picked %q: want the dated next sentence second", sentences(got))
	}
	// Not for a question that asks neither when nor how many, nor when the
	// first sentence states a number itself, nor for a sentence further on.
	if got := answerFollows(cands, []candidate{c1}, asksNumber([]string{"اسٹیل مل کس نے بنائی؟"})); len(got) != 1 {
		t.Errorf("picked %q for a who question: want the first alone", sentences(got))
	}
	if got := answerFollows(cands, []candidate{c2}, when); len(got) != 1 {
		t.Errorf("picked %q: the first states a date, want it alone", sentences(got))
	}
	if got := answerFollows([]candidate{c1, c3}, []candidate{c1}, when); len(got) != 1 {
		t.Errorf("picked %q: the dated sentence is not the next one, want the first alone", sentences(got))
	}
	undated := "اس منصوبے کے معاہدے پر دستخط ہو چکے ہیں۔"
	q := &Passage{N: 2, Text: first + " " + undated}
	d1 := candidate{p: q, span: text.Span{End: utf8.RuneCountInString(first)}, sentence: first}
	d2 := candidate{p: q, span: text.Span{Start: utf8.RuneCountInString(first) + 1, End: utf8.RuneCountInString(q.Text)}, sentence: undated}
	if got := answerFollows([]candidate{d1, d2}, []candidate{d1}, when); len(got) != 1 {
		t.Errorf("picked %q: the next sentence gives no date either, want the first alone", sentences(got))
	}
}

// The extract quotes the dated sentence after the one that names the fact.
func TestExtractQuotesTheAnswerThatFollows(t *testing.T) {
	a, _ := timeAnswerer(hit("mill#0", "ہارون اختر نے کراچی میں نئی اسٹیل مل کے قیام کو دونوں ملکوں کے تعلقات کی علامت قرار دیا۔ "+
		"واضح رہے کہ 13 مئی کو اس منصوبے کے قیام کے معاہدے پر دستخط ہو چکے ہیں۔"))
	ans, err := a.Ask(context.Background(), Question{Text: "کراچی میں نئی اسٹیل مل کے معاہدے پر کس دن دستخط ہوئے؟"})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Refused || !strings.Contains(ans.Answer, "13 مئی") {
		t.Errorf("answer %q: want the sentence with the date quoted", ans.Answer)
	}
}

func sentences(cs []candidate) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.sentence)
	}
	return out
}
