package rag

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/jawab/jawab/index/keyword"
	"github.com/jawab/jawab/text"
)

func hit(id, text string) Hit {
	doc, _, _ := strings.Cut(id, "#")
	return Hit{Chunk: Chunk{ID: id, DocID: doc, Text: text}, Doc: DocumentInfo{ID: doc, Title: "title of " + doc}}
}

func TestFusePrefersAgreement(t *testing.T) {
	vec := []Hit{hit("a#0", "x"), hit("b#0", "y"), hit("c#0", "z")}
	kw := []Hit{hit("c#0", "z"), hit("d#0", "w")}
	got := fuse(vec, kw)
	if got[0].ChunkID != "c#0" || got[0].VectorRank != 3 || got[0].KeywordRank != 1 {
		t.Errorf("top = %+v, want c#0 (found by both searches)", got[0])
	}
	if len(got) != 4 {
		t.Errorf("got %d passages, want 4 distinct chunks", len(got))
	}
	if got[1].ChunkID != "a#0" {
		t.Errorf("second = %s, want a#0 (vector rank 1)", got[1].ChunkID)
	}
}

func TestMMRDemotesNearDuplicates(t *testing.T) {
	ps := []Passage{
		{ChunkID: "a#0", Text: "روس نے پاکستان کو ویکسین کی پچاس ہزار ڈوز دیں", Score: 1.0},
		{ChunkID: "a#1", Text: "روس نے پاکستان کو ویکسین کی پچاس ہزار ڈوز دیں اور", Score: 0.99},
		{ChunkID: "b#0", Text: "گیس پائپ لائن کراچی سے لاہور تک بنے گی", Score: 0.9},
	}
	got := mmr(ps, 2, 0.75, nil)
	if len(got) != 2 || got[0].ChunkID != "a#0" || got[1].ChunkID != "b#0" {
		t.Errorf("mmr picked %v, want a#0 then b#0", []string{got[0].ChunkID, got[1].ChunkID})
	}
	if got[0].N != 1 || got[1].N != 2 {
		t.Errorf("passages not numbered from 1: %d, %d", got[0].N, got[1].N)
	}
}

// mmrExhaustive is MMR as defined: every remaining passage compared with every
// pick, for each pick. mmr must choose exactly as it does.
func mmrExhaustive(ps []Passage, k int, lambda float64) []string {
	var out []string
	var picked []int
	used := make([]bool, len(ps))
	for len(out) < k && len(out) < len(ps) {
		best, bestScore := -1, 0.0
		for i := range ps {
			if used[i] {
				continue
			}
			sim := 0.0
			for _, j := range picked {
				if ps[i].DocID != ps[j].DocID && hasFigureBeyond(ps[i].Text, ps[j].Text) {
					continue // another report, with another figure
				}
				sim = max(sim, setJaccard(ps[i].Text, ps[j].Text))
			}
			if sim < NearCopyOverlap {
				sim = 0 // no near-copy
			}
			if s := lambda*ps[i].Score/ps[0].Score - (1-lambda)*sim; best < 0 || s > bestScore {
				best, bestScore = i, s
			}
		}
		used[best] = true
		picked = append(picked, best)
		out = append(out, ps[best].ChunkID)
	}
	return out
}

// hasFigureBeyond reports whether a holds a run of digits that b does not.
func hasFigureBeyond(a, b string) bool {
	in := map[string]bool{}
	for _, t := range text.Tokens(b) {
		in[t] = true
	}
	for _, t := range text.Tokens(a) {
		if text.IsDigits(t) && !in[t] {
			return true
		}
	}
	return false
}

// keywordTerms gives term sets as the store does, from its keyword index.
type keywordTerms struct{ kw *keyword.Index }

func (k keywordTerms) ChunkTerms(id string) []int32 { return k.kw.Terms(id) }

// setJaccard is the word overlap of two texts, from first principles.
func setJaccard(a, b string) float64 {
	sa, sb := map[string]bool{}, map[string]bool{}
	for _, t := range text.ContentTokens(a) {
		sa[t] = true
	}
	for _, t := range text.ContentTokens(b) {
		sb[t] = true
	}
	if len(sa) == 0 || len(sb) == 0 {
		return 0
	}
	inter := 0
	for t := range sa {
		if sb[t] {
			inter++
		}
	}
	return float64(inter) / float64(len(sa)+len(sb)-inter)
}

// MMR with term ids from the keyword index (as the store gives them), from its
// own tokenising, and from first principles all pick the same passages.
func TestMMRPicksAsExhaustiveMMR(t *testing.T) {
	words := strings.Fields("روس پاکستان ویکسین گیس پائپ لائن کراچی لاہور وزیر خارجہ ملاقات تعاون توانائی معاہدہ دورہ ماسکو 10 12 ۱۲")
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := range 300 {
		ps := make([]Passage, 2+rng.IntN(40))
		for i := range ps {
			var sb strings.Builder
			for range 2 + rng.IntN(6) {
				sb.WriteString(words[rng.IntN(len(words))] + " ")
			}
			// RRF-like scores, with ties.
			ps[i] = Passage{ChunkID: fmt.Sprintf("c%02d", i), DocID: fmt.Sprint("d", rng.IntN(3)), Text: sb.String(), Score: 1 / float64(61+rng.IntN(30))}
		}
		slices.SortStableFunc(ps, func(a, b Passage) int {
			if a.Score != b.Score {
				if a.Score > b.Score {
					return -1
				}
				return 1
			}
			return strings.Compare(a.ChunkID, b.ChunkID)
		})
		k := 1 + rng.IntN(8)
		lambda := []float64{0.5, 0.75, 0.9}[trial%3]
		kw := keyword.New()
		for _, p := range ps[:len(ps)/2] { // the index knows some chunks only
			kw.Add(p.ChunkID, text.ContentTokens(p.Text))
		}
		want := mmrExhaustive(ps, k, lambda)
		for _, ts := range []TermSets{nil, keywordTerms{kw}} {
			var got []string
			for _, p := range mmr(ps, k, lambda, ts) {
				got = append(got, p.ChunkID)
			}
			if !slices.Equal(got, want) {
				t.Fatalf("trial %d (term sets %T): mmr picked %v, exhaustive MMR %v", trial, ts, got, want)
			}
		}
	}
}

// fakeIndex answers both searches from a fixed list of hits.
type fakeIndex struct {
	hits   []Hit
	vecErr error
	idfErr error // IDFs fails with it
}

func (f *fakeIndex) VectorSearch(_ context.Context, _ []float32, k int, _ Filter) ([]Hit, error) {
	if f.vecErr != nil {
		return nil, f.vecErr
	}
	return f.hits[:min(k, len(f.hits))], nil
}

func (f *fakeIndex) KeywordSearch(_ context.Context, _ string, k int, _ Filter) ([]Hit, error) {
	return f.hits[:min(k, len(f.hits))], nil
}

func (f *fakeIndex) WeightedKeywordSearch(_ context.Context, _ []WeightedTerm, k int, _ Filter) ([]Hit, error) {
	return f.hits[:min(k, len(f.hits))], nil
}

// IDFs weighs every word its hits hold alike, and others 0, as an index
// without statistics would.
func (f *fakeIndex) IDFs(_ context.Context, tokens []string) ([]float64, error) {
	if f.idfErr != nil {
		return nil, f.idfErr
	}
	held := map[string]bool{}
	for _, h := range f.hits {
		for _, t := range text.Tokens(h.Doc.Title + " " + h.Chunk.Text) {
			held[t] = true
		}
	}
	out := make([]float64, len(tokens))
	for i, t := range tokens {
		if held[t] {
			out[i] = 1
		}
	}
	return out, nil
}

func (f *fakeIndex) ChunkTerms(string) []int32             { return nil }
func (f *fakeIndex) ChunkAnalysis(string) (Analysis, bool) { return Analysis{}, false }
func (f *fakeIndex) Vocabulary(func(word string, df int))  {}
func (f *fakeIndex) VocabularySize() int                   { return 0 }

type constEmbedder struct{}

func (constEmbedder) Name() string       { return "const" }
func (constEmbedder) Dimension() int     { return 1 }
func (constEmbedder) Multilingual() bool { return false }
func (constEmbedder) Embed(_ context.Context, texts []string, _ Purpose) ([][]float32, error) {
	out := make([][]float32, len(texts))
	for i := range out {
		out[i] = []float32{1}
	}
	return out, nil
}

func TestExtractiveAnswerCitesExactSpans(t *testing.T) {
	text := "پاکستان اور روس کے تعلقات پرانے ہیں۔ روس نے کورونا ویکسین کی پچاس ہزار ڈوز پاکستان کو فراہم کیں۔ باقی باتیں۔"
	h := hit("003#2", text)
	h.Chunk.Start, h.Chunk.End = 100, 100+len([]rune(text))
	a := &Answerer{Retriever: &Retriever{Index: &fakeIndex{hits: []Hit{h}}, Embedder: constEmbedder{}}}
	ans, err := a.Ask(context.Background(), Question{Text: "روس نے کورونا ویکسین کی کتنی ڈوز دیں؟"})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Refused || ans.Lang != "ur" || len(ans.Citations) != 1 {
		t.Fatalf("answer = %+v", ans)
	}
	c := ans.Citations[0]
	want := "روس نے کورونا ویکسین کی پچاس ہزار ڈوز پاکستان کو فراہم کیں۔"
	if c.Quote != want || !strings.Contains(ans.Answer, want+" [1]") {
		t.Errorf("quote %q / answer %q, want the vaccine sentence cited as [1]", c.Quote, ans.Answer)
	}
	if got := string([]rune(text)[c.Start-100 : c.End-100]); got != want {
		t.Errorf("offsets [%d,%d) quote %q", c.Start, c.End, got)
	}
	if c.DocID != "003" || c.Title != "title of 003" || !c.Supported {
		t.Errorf("citation metadata: %+v", c)
	}
}

func TestRefusesWhenNothingCoversTheQuestion(t *testing.T) {
	a := &Answerer{Retriever: &Retriever{Index: &fakeIndex{hits: []Hit{hit("a#0", "گیس پائپ لائن کراچی سے لاہور تک۔")}}, Embedder: constEmbedder{}}}
	for _, q := range []struct{ text, lang string }{
		{"فرانس کا دارالحکومت کیا ہے؟", "ur"},
		{"What is the capital of France?", "en"},
	} {
		ans, err := a.Ask(context.Background(), Question{Text: q.text})
		if err != nil {
			t.Fatal(err)
		}
		if !ans.Refused || ans.Answer != Refusal(q.lang) || len(ans.Citations) != 0 || ans.Lang != q.lang {
			t.Errorf("%s: %+v, want a refusal in %s", q.text, ans, q.lang)
		}
	}
}

func TestKeywordSearchCarriesOnWhenEmbedderFails(t *testing.T) {
	idx := &fakeIndex{hits: []Hit{hit("a#0", "روس نے ویکسین دی۔")}, vecErr: errors.New("embedder down")}
	r := &Retriever{Index: idx, Embedder: constEmbedder{}}
	ps, err := r.Retrieve(context.Background(), "ویکسین", 3, Filter{})
	if err != nil || len(ps) != 1 || ps[0].KeywordRank != 1 || ps[0].VectorRank != 0 {
		t.Errorf("Retrieve with vector search failing = %+v, %v; want the keyword hit", ps, err)
	}
}

func TestQuestionValidation(t *testing.T) {
	a := &Answerer{Retriever: &Retriever{Index: &fakeIndex{}, Embedder: constEmbedder{}}}
	for name, q := range map[string]Question{
		"empty":    {Text: " \n "},
		"invalid":  {Text: "\xff"},
		"too long": {Text: strings.Repeat("س", MaxQuestionRunes+1)},
		"bad lang": {Text: "روس", Lang: "fr"},
	} {
		if _, err := a.Ask(context.Background(), q); ErrorCode(err) != Invalid {
			t.Errorf("%s: err = %v, want invalid", name, err)
		}
	}
}

// Two articles that report one thing with different figures share most of
// their words; both must reach the reader, while a chunk that repeats its
// own article's figure is still a near-copy. (dated-ur's headlines of 12 and
// 17 March 2021; the second was lost to MMR before.)
func TestMMRKeepsReportsWithOtherFigures(t *testing.T) {
	first := Passage{ChunkID: "0559#0", DocID: "0559", Score: 1,
		Text: "متحدہ عرب امارات نے اسرائیل میں 10 ارب ڈالر کی سرمایہ کاری کا اعلان کر دیا"}
	later := Passage{ChunkID: "0576#0", DocID: "0576", Score: 0.8,
		Text: "امارات کے ولی عہد کا اسرائیل میں 12 ارب ڈالر کی سرمایہ کاری کا اعلان"}
	sameFigure := Passage{ChunkID: "0502#0", DocID: "0502", Score: 0.8,
		Text: "امارات کے ولی عہد کا اسرائیل میں ۱۰ ارب ڈالر کی سرمایہ کاری کا اعلان"} // Urdu digits: the same figure
	other := Passage{ChunkID: "0474#0", DocID: "0474", Score: 0.7,
		Text: "پی سی بی کا پی ایس ایل کے بقیہ میچز امارات میں کروانے پر غور"}
	if o := setJaccard(first.Text, later.Text); o < NearCopyOverlap {
		t.Fatalf("the fixture's reports overlap by %.2f, below NearCopyOverlap: nothing to test", o)
	}
	pick := func(ps ...Passage) []string {
		var got []string
		for _, p := range mmr(ps, 2, 0.75, nil) {
			got = append(got, p.ChunkID)
		}
		return got
	}
	if got := pick(first, later, other); !slices.Equal(got, []string{"0559#0", "0576#0"}) {
		t.Errorf("mmr picked %v, want both reports (10 and 12 billion)", got)
	}
	if got := pick(first, sameFigure, other); !slices.Equal(got, []string{"0559#0", "0474#0"}) {
		t.Errorf("mmr picked %v, want the report with no new figure demoted as a near-copy", got)
	}
	sameDoc := later
	sameDoc.DocID, sameDoc.ChunkID = "0559", "0559#1"
	if got := pick(first, sameDoc, other); !slices.Equal(got, []string{"0559#0", "0474#0"}) {
		t.Errorf("mmr picked %v, want a chunk of the same article demoted as a near-copy", got)
	}
}

// Two paragraphs of one article share their topic's words, which does not
// make the second a copy of the first: MMR keeps out near-copies only.
func TestMMRKeepsParagraphsOfOneTopic(t *testing.T) {
	ps := []Passage{
		{ChunkID: "first", Text: "روس پاکستان ویکسین گیس", Score: 1},
		{ChunkID: "copy", Text: "روس پاکستان ویکسین کراچی", Score: 0.95},                // overlap .6 with first
		{ChunkID: "paragraph", Text: "روس پاکستان لاہور ماسکو دورہ معاہدہ", Score: 0.9}, // overlap .25
		{ChunkID: "other", Text: "توانائی تعاون ملاقات", Score: 0.85},
	}
	if o := setJaccard(ps[0].Text, ps[2].Text); o >= NearCopyOverlap {
		t.Fatalf("the fixture's paragraph overlaps the first by %.2f, not below NearCopyOverlap", o)
	}
	var got []string
	for _, p := range mmr(ps, 2, 0.75, nil) {
		got = append(got, p.ChunkID)
	}
	// Every overlap counted, "other" (.75·.85 = .64) would beat the paragraph
	// (.75·.9 − .25·.25 = .61).
	if !slices.Equal(got, []string{"first", "paragraph"}) {
		t.Errorf("mmr picked %v, want the first and the paragraph of its topic (not its near-copy, nor a less relevant passage)", got)
	}
}

// A report that types two of the question's words as one ("وزیرداخلہ" for
// "وزیر داخلہ": the missing space after ر does not show) is found by the
// keyword search, as the ranker meets it; before, it shared no word with
// the question.
func TestKeywordSearchFindsWordsTypedAsOne(t *testing.T) {
	u := newParagraphIndex([]paragraph{
		{ID: "glued", Text: "وزیرداخلہ شیخ رشید نے بھی کورونا ویکسین لگوا لی۔"},
		{ID: "apart", Text: "وزیر اطلاعات نے پریس کانفرنس سے خطاب کیا۔"},
		{ID: "other", Text: "لاہور میں کل رات تیز بارش ہوئی۔"},
	})
	r := &Retriever{Index: u, Searches: KeywordOnly}
	ps, err := r.Retrieve(context.Background(), "وفاقی وزیر داخلہ کون ہیں؟", 3, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(ps, func(p Passage) bool { return p.DocID == "glued" }) {
		t.Errorf("passages %+v, want the report typing وزیرداخلہ among them", ps)
	}
	// Searched as typed, only a word of the pair meets a report.
	hits, err := u.KeywordSearch(context.Background(), "وفاقی وزیر داخلہ کون ہیں؟", 3, Filter{})
	if err != nil || slices.ContainsFunc(hits, func(h Hit) bool { return h.Chunk.DocID == "glued" }) {
		t.Fatalf("the plain search found the glued report (%v, %v): nothing to test", hits, err)
	}
	// A join the collection never types adds nothing, and an English
	// question is not joined.
	for _, q := range []Query{{Text: "وزیر خزانہ کون ہیں؟"}, {Text: "who is the interior minister", OtherLanguage: true}} {
		if terms, err := r.joinedTerms(context.Background(), q); err != nil || terms != nil {
			t.Errorf("joinedTerms(%q) = %v, %v; want none", q.Text, terms, err)
		}
	}
}

// A name the question types as one word and the reports type apart more
// often ("طاہراشرفی": one report glued, two apart) is searched by its halves
// too; a word that splits into two held words but is held more often than
// they are is not split ("وزیراعظم": three reports glued, "وزیر" and
// "اعظم" one each).
func TestKeywordSearchFindsWordTypedApart(t *testing.T) {
	u := newParagraphIndex([]paragraph{
		{ID: "glued", Text: "پاکستان علماء کونسل کے چیئرمین طاہراشرفی نے اجلاس طلب کر لیا۔"},
		{ID: "apart", Text: "روزے کی حالت میں کورونا ویکسین لگوائی جا سکتی ہے، علامہ طاہر اشرفی"},
		{ID: "apart2", Text: "مولانا طاہر اشرفی نے پاکستان میں بین المذاہب ہم آہنگی پر زور دیا۔"},
		{ID: "pm1", Text: "وزیراعظم نے اجلاس کی صدارت کی۔"},
		{ID: "pm2", Text: "وزیراعظم نے سیلاب زدہ علاقوں کا دورہ کیا۔"},
		{ID: "pm3", Text: "وزیراعظم کا قوم سے خطاب۔"},
		{ID: "minister", Text: "وزیر خارجہ نے چین کا دورہ کیا۔"},
		{ID: "azam", Text: "بابر اعظم نے سنچری بنائی۔"},
		{ID: "other", Text: "لاہور میں کل رات تیز بارش ہوئی۔"},
	})
	r := &Retriever{Index: u, Searches: KeywordOnly}
	terms, err := r.spellingTerms(context.Background(), Query{Text: "طاہراشرفی کا تازہ ترین بیان کس بارے میں ہے؟"})
	if err != nil {
		t.Fatal(err)
	}
	if len(terms) != 2 || terms[0].Term != "طاہر" || terms[1].Term != "اشرفی" {
		t.Errorf("spellingTerms = %v, want طاہر and اشرفی", terms)
	}
	ps, err := r.Retrieve(context.Background(), "طاہراشرفی کا بیان", 3, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(ps, func(p Passage) bool { return p.DocID == "apart" }) {
		t.Errorf("passages %v, want a report typing طاہر اشرفی among them", docIDs(ps))
	}
	for _, q := range []Query{{Text: "وزیراعظم کی تازہ ترین خبر کیا ہے؟"}, {Text: "Tahir Ashrafi's latest statement", OtherLanguage: true}} {
		if terms, err := r.spellingTerms(context.Background(), q); err != nil || terms != nil {
			t.Errorf("spellingTerms(%q) = %v, %v; want none", q.Text, terms, err)
		}
	}
	remote := &Retriever{Index: noVocabulary{u}, Searches: KeywordOnly}
	if terms, err := remote.spellingTerms(context.Background(), Query{Text: "طاہراشرفی کا تازہ ترین بیان کس بارے میں ہے؟"}); err != nil || terms != nil {
		t.Errorf("spellingTerms over a remote index = %v, %v; want none", terms, err)
	}
}

// A name the collection never holds as typed is searched in the spellings
// one letter apart that it holds ("میانمر" typed, "میانمار" reported), which
// the ranker meets as the question's word; a word the collection holds is
// searched as typed only.
func TestKeywordSearchFindsWordSpelledOneLetterApart(t *testing.T) {
	u := newParagraphIndex([]paragraph{
		{ID: "myanmar", Text: "میانمار میں فوجی کریک ڈاؤن، چین خاموش تماشائی"},
		{ID: "other", Text: "لاہور میں کل رات تیز بارش ہوئی۔"},
		{ID: "third", Text: "کراچی میں بجلی کی فراہمی معطل رہی۔"},
		{ID: "team", Text: "پاکستانی ٹیم نے پاکستان کے لیے میچ جیت لیا۔"},
	})
	r := &Retriever{Index: u, Searches: KeywordOnly}
	terms, err := r.spellingTerms(context.Background(), Query{Text: "میانمر میں اس وقت کیا صورتحال ہے؟"})
	if err != nil {
		t.Fatal(err)
	}
	if len(terms) != 1 || terms[0].Term != "میانمار" {
		t.Errorf("spellingTerms = %v, want the collection's میانمار", terms)
	}
	ps, err := r.Retrieve(context.Background(), "میانمر کی خبر", 1, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) == 0 || ps[0].DocID != "myanmar" {
		t.Errorf("passages %v, want the report of میانمار first", docIDs(ps))
	}
	// (پاکستانی is held, and پاکستان one letter apart is not searched for it.)
	for _, q := range []Query{{Text: "پاکستانی ٹیم کی تازہ ترین خبر کیا ہے؟"}, {Text: "the latest from Myanmar", OtherLanguage: true}} {
		if terms, err := r.spellingTerms(context.Background(), q); err != nil || terms != nil {
			t.Errorf("spellingTerms(%q) = %v, %v; want none", q.Text, terms, err)
		}
	}
	// An index that holds no vocabulary (Weaviate, which counts each word
	// it is asked for by a query) is not asked for hundreds of spellings.
	remote := &Retriever{Index: noVocabulary{u}, Searches: KeywordOnly}
	if terms, err := remote.spellingTerms(context.Background(), Query{Text: "میانمر میں اس وقت کیا صورتحال ہے؟"}); err != nil || terms != nil {
		t.Errorf("spellingTerms over a remote index = %v, %v; want none", terms, err)
	}
}

// noVocabulary is an index that holds no vocabulary, as Weaviate does.
type noVocabulary struct{ *uqaIndex }

func (noVocabulary) VocabularySize() int { return 0 }

// A join typed with a postposition glued to it ("ایکسپوسینٹرکی") is searched
// too when the collection holds it.
func TestKeywordSearchFindsJoinWithPostposition(t *testing.T) {
	u := newParagraphIndex([]paragraph{
		{ID: "glued", Text: "کراچی ایکسپوسینٹرکی سرگرمیاں بحال ہوگئیں، فرنیچر نمائش کا آغاز۔"},
		{ID: "other", Text: "کراچی میں کل رات تیز بارش ہوئی اور کئی علاقوں میں بجلی بند رہی۔"},
		{ID: "third", Text: "کراچی کے ساحل پر شہریوں کی بڑی تعداد پہنچ گئی۔"},
	})
	r := &Retriever{Index: u, Searches: KeywordOnly}
	terms, err := r.joinedTerms(context.Background(), Query{Text: "کراچی ایکسپو سینٹر میں کیا ہوا؟"})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(terms, func(w WeightedTerm) bool { return w.Term == "ایکسپوسینٹرکی" }) {
		t.Errorf("joinedTerms = %v, want the join with its postposition, ایکسپوسینٹرکی", terms)
	}
	ps, err := r.Retrieve(context.Background(), "کراچی ایکسپو سینٹر میں کیا ہوا؟", 1, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) == 0 || ps[0].DocID != "glued" {
		t.Errorf("passages %+v, want the report typing ایکسپوسینٹرکی first", ps)
	}
}

// The index's failure to weigh the joins is the search's failure, not a
// search without them.
func TestJoinedTermsReportIndexFailure(t *testing.T) {
	idx := &fakeIndex{hits: []Hit{hit("a#0", "وزیرداخلہ نے کہا۔")}, idfErr: errors.New("index down")}
	r := &Retriever{Index: idx, Searches: KeywordOnly}
	if _, err := r.Retrieve(context.Background(), "وزیر داخلہ کون ہیں؟", 3, Filter{}); err == nil {
		t.Error("Retrieve succeeded while the index could not weigh the question's joined words")
	}
}

// MMR reads a near copy's figures from the index's analysis of its chunk:
// they are the figures its text holds as text.Tokens reads them (Urdu
// digits as ASCII, "50,000" whole, a decimal whole), whatever the sentences.
func TestFiguresFromAnalysis(t *testing.T) {
	for _, s := range []string{
		"روس نے پاکستان کو کورونا ویکسین کی پچاس ہزار ڈوز دیں۔ مزید ۵۰,۰۰۰ خوراکیں جلد پہنچیں گی۔",
		"پٹرول کی قیمت 103.62 روپے فی لیٹر سے کم کر کے 94.19 روپے کر دی گئی، ڈیزل 101.21 روپے۔",
		"کورونا سے مزید 63افراد انتقال کرگئے ، 4300 سے زائد نئے کیسز رپورٹ",
		"کوئی عدد نہیں۔",
	} {
		want, got := figuresOf(s), digitsIn(Analyze(s).Words)
		slices.Sort(want)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%s: figures from the analysis %v, from the text %v", s, got, want)
		}
	}
}
