package rag

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeOffline is a QueryTranslator with a fixed rendering.
type fakeOffline struct{ cq CrossQuery }

func (f fakeOffline) Input(string) string                              { return InputEnglish }
func (f fakeOffline) TranslateQuery(string, string, string) CrossQuery { return f.cq }

// slowTranslator answers after a delay, or when the context ends.
type slowTranslator struct {
	delay time.Duration
	out   string
}

func (s slowTranslator) Translate(ctx context.Context, _, _ string) (string, error) {
	select {
	case <-time.After(s.delay):
		return s.out, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// recordingWeighted records the weighted keyword searches it was asked.
type recordingWeighted struct {
	fakeIndex
	mu    sync.Mutex
	terms [][]WeightedTerm
}

func (w *recordingWeighted) WeightedKeywordSearch(_ context.Context, terms []WeightedTerm, k int, _ Filter) ([]Hit, error) {
	w.mu.Lock()
	w.terms = append(w.terms, terms)
	w.mu.Unlock()
	return w.hits[:min(k, len(w.hits))], nil
}

var offlineVaccine = CrossQuery{Text: "روس ویکسین پاکستان",
	Terms: []WeightedTerm{{Term: "روس", Weight: 1}, {Term: "ویکسین", Weight: 1}, {Term: "پاکستان", Weight: 1}}}

// An LLM translation that takes too long is given up for the offline one,
// and the answer says so.
func TestSlowLLMTranslationFallsBackToOffline(t *testing.T) {
	ix := &recordingWeighted{fakeIndex: fakeIndex{hits: []Hit{vaccine}}}
	a := &Answerer{Retriever: &Retriever{Index: ix, Embedder: constEmbedder{}}, CorpusLang: "ur",
		Translator: slowTranslator{delay: time.Minute, out: "روس"}, Offline: fakeOffline{offlineVaccine},
		TranslateTimeout: 50 * time.Millisecond}
	// Were the timeout ignored, the translation would arrive after a
	// minute and succeed: no warning.
	ans, err := a.Ask(context.Background(), Question{Text: "How many vaccine doses did Russia give Pakistan?"})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(ans.Warnings, func(w string) bool { return strings.Contains(w, "offline word-by-word translation") }) {
		t.Errorf("warnings %v: want the fallback named", ans.Warnings)
	}
	if len(ix.terms) == 0 || !slices.Equal(ix.terms[0], offlineVaccine.Terms) {
		t.Errorf("weighted searches %v: want the offline terms", ix.terms)
	}
}

// A working LLM translation is searched, with the offline terms added to
// its words.
func TestLLMTranslationGetsTheOfflineTerms(t *testing.T) {
	ix := &recordingWeighted{fakeIndex: fakeIndex{hits: []Hit{vaccine}}}
	a := &Answerer{Retriever: &Retriever{Index: ix, Embedder: constEmbedder{}}, CorpusLang: "ur",
		Translator: slowTranslator{out: "روس نے پاکستان کو کتنی ڈوز دیں؟"}, Offline: fakeOffline{offlineVaccine}}
	if _, err := a.Ask(context.Background(), Question{Text: "How many vaccine doses did Russia give Pakistan?"}); err != nil {
		t.Fatal(err)
	}
	if len(ix.terms) != 1 {
		t.Fatalf("weighted searches: %v", ix.terms)
	}
	var got []string
	for _, w := range ix.terms[0] {
		got = append(got, w.Term)
	}
	for _, want := range []string{"ڈوز", "ویکسین"} { // the LLM's word, and the lexicon's
		if !slices.Contains(got, want) {
			t.Errorf("terms %v lack %s", got, want)
		}
	}
}

// A rendered English question is judged by whether one sentence holds its
// words, not by the Urdu-trained model's probability, which a bag of the
// lexicon's guesses does not calibrate: a model that would refuse every
// question refuses neither this one nor, judged by its words, lets one
// through whose required word no sentence holds. Its answerability is that
// share on the gate's scale: at or above the threshold when answered, below
// it when refused.
func TestEnglishGateIsTheSentencesWords(t *testing.T) {
	ix := &recordingWeighted{fakeIndex: fakeIndex{hits: []Hit{vaccine}}}
	word := func(src, ur string, required bool) CrossWord {
		return CrossWord{Source: src, Renderings: []WeightedTerm{{Term: ur, Weight: 1}}, Required: required}
	}
	ask := func(cq CrossQuery) *Answer {
		t.Helper()
		a := &Answerer{Retriever: &Retriever{Index: ix, Embedder: constEmbedder{}}, CorpusLang: "ur",
			Offline: fakeOffline{cq}, Model: builtIn(t), MinAnswerability: 0.999}
		ans, err := a.Ask(context.Background(), Question{Text: "How many vaccine doses did Russia give Pakistan?"})
		if err != nil {
			t.Fatal(err)
		}
		return ans
	}
	held := offlineVaccine
	held.Words = []CrossWord{word("russia", "روس", false), word("vaccine", "ویکسین", false), word("doses", "ڈوز", true), word("pakistan", "پاکستان", false)}
	if ans := ask(held); ans.Refused || ans.Answerability < 0.999 || ans.CrossCoverage == nil || *ans.CrossCoverage != 1 {
		t.Errorf("refused %v at answerability %v, coverage %v: the sentence holds every word", ans.Refused, ans.Answerability, ans.CrossCoverage)
	} else {
		// /v1/search judges a query as /v1/ask does.
		a := &Answerer{Retriever: &Retriever{Index: ix, Embedder: constEmbedder{}}, CorpusLang: "ur",
			Offline: fakeOffline{held}, Model: builtIn(t), MinAnswerability: 0.999}
		res, err := a.Search(context.Background(), "How many vaccine doses did Russia give Pakistan?", 5, Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if res.Answerability != ans.Answerability {
			t.Errorf("search answerability %v, ask's %v", res.Answerability, ans.Answerability)
		}
	}
	missing := offlineVaccine
	missing.Words = []CrossWord{word("russia", "روس", false), word("vaccine", "ویکسین", false), word("tanks", "ٹینک", true), word("pakistan", "پاکستان", false)}
	if ans := ask(missing); !ans.Refused || ans.Answerability >= 0.999 {
		t.Errorf("answered %q at answerability %v: no sentence holds the required tanks", ans.Answer, ans.Answerability)
	}
	// An Urdu question is the model's to judge.
	a := &Answerer{Retriever: &Retriever{Index: ix, Embedder: constEmbedder{}}, CorpusLang: "ur", Model: builtIn(t), MinAnswerability: 0.999}
	ans, err := a.Ask(context.Background(), Question{Text: "روس نے پاکستان کو ویکسین کی کتنی ڈوز دیں؟"})
	if err != nil {
		t.Fatal(err)
	}
	if !ans.Refused || ans.CrossCoverage != nil {
		t.Errorf("Urdu question: refused %v, coverage %v; want the model's refusal and no rendering's coverage", ans.Refused, ans.CrossCoverage)
	}
}

// A source quoted on condition of anonymity gives no name: "What is the name
// of the ambassador?" is not answered by "a diplomat said, asking that his
// name not be given", and is answered by a sentence that gives it.
func TestWithheldNameIsNoName(t *testing.T) {
	ask := func(sentence string) *Answer {
		t.Helper()
		ix := &recordingWeighted{fakeIndex: fakeIndex{hits: []Hit{hit("004#1", sentence)}}}
		cq := CrossQuery{Text: "نام سفیر پاکستان ماسکو",
			Terms: []WeightedTerm{{Term: "نام", Weight: 1}, {Term: "سفیر", Weight: 1}, {Term: "پاکستان", Weight: 1}, {Term: "ماسکو", Weight: 1}},
			Words: []CrossWord{
				{Source: "name", Renderings: []WeightedTerm{{Term: "نام", Weight: 1}}, Required: true},
				{Source: "ambassador", Renderings: []WeightedTerm{{Term: "سفیر", Weight: 1}}},
				{Source: "pakistan", Renderings: []WeightedTerm{{Term: "پاکستان", Weight: 1}}},
				{Source: "moscow", Renderings: []WeightedTerm{{Term: "ماسکو", Weight: 1}}},
			}}
		a := &Answerer{Retriever: &Retriever{Index: ix, Embedder: constEmbedder{}}, CorpusLang: "ur",
			Offline: fakeOffline{cq}, Model: builtIn(t)}
		ans, err := a.Ask(context.Background(), Question{Text: "What is the name of Pakistan's ambassador in Moscow?"})
		if err != nil {
			t.Fatal(err)
		}
		return ans
	}
	for _, s := range []string{
		"ماسکو میں پاکستان کے ایک سفارتکار نے نام ظاہر نہ کرنے کی شرط پر بتایا کہ سفیر جلد واپس آئیں گے۔",
		"ماسکو میں پاکستانی سفیر کے ایک ساتھی نے اپنا نام نہ بتانے کی شرط پر کہا کہ ملاقات ملتوی ہو گئی۔",
		"ماسکو میں پاکستان کے سفیر کے دفتر نے نام بتائے بغیر کہا کہ وفد کل پہنچے گا۔",
	} {
		if ans := ask(s); !ans.Refused {
			t.Errorf("answered %q from a sentence that withholds the name", ans.Answer)
		}
	}
	if ans := ask("ماسکو میں پاکستان کے سفیر کا نام شفقت علی خان ہے اور انہوں نے کہا کہ وفد کل پہنچے گا۔"); ans.Refused {
		t.Errorf("refused at %v: the sentence gives the ambassador's name", ans.Answerability)
	}
}

// An agent ("ishaq dar ne …") is met by any spelling the matcher keeps of
// it (ڈار at .85 beside the likelier دار): a name's spellings are the
// collection's own. Another required word needs a likely rendering.
func TestAgentMetByAnySpelling(t *testing.T) {
	ask := func(agent bool) *Answer {
		t.Helper()
		ix := &recordingWeighted{fakeIndex: fakeIndex{hits: []Hit{hit("001#1", "اسحاق ڈار نے کوالالمپور میں لاوروف سے ملاقات کی۔")}}}
		cq := CrossQuery{Text: "اسحاق دار لاوروف ملاقات",
			Terms: []WeightedTerm{{Term: "اسحاق", Weight: 1}, {Term: "دار", Weight: 1}, {Term: "ڈار", Weight: 0.85}, {Term: "لاوروف", Weight: 1}, {Term: "ملاقات", Weight: 1}},
			Words: []CrossWord{
				{Source: "ishaq", Renderings: []WeightedTerm{{Term: "اسحاق", Weight: 1}}},
				{Source: "dar", Renderings: []WeightedTerm{{Term: "دار", Weight: 1}, {Term: "ڈار", Weight: 0.85}}, Required: true, Agent: agent},
				{Source: "lavrov", Renderings: []WeightedTerm{{Term: "لاوروف", Weight: 1}}},
				{Source: "mulaqat", Renderings: []WeightedTerm{{Term: "ملاقات", Weight: 1}}},
			}}
		a := &Answerer{Retriever: &Retriever{Index: ix, Embedder: constEmbedder{}}, CorpusLang: "ur", Offline: fakeOffline{cq}, Model: builtIn(t)}
		ans, err := a.Ask(context.Background(), Question{Text: "What did Ishaq Dar discuss with Lavrov?"})
		if err != nil {
			t.Fatal(err)
		}
		return ans
	}
	if ans := ask(true); ans.Refused {
		t.Errorf("refused at %v: the sentence names the agent as the collection spells him", ans.Answerability)
	}
	if ans := ask(false); !ans.Refused {
		t.Errorf("answered %q: a required word that is no agent needs a likely rendering", ans.Answer)
	}
}

// An English question's context words may be in the report's headline
// rather than in the sentence that answers: they count for half there
// (HeadlineShare), and the sentence the gate passed the question on is the
// one quoted first.
func TestEnglishGateReadsTheHeadline(t *testing.T) {
	h := hit("sa#0", "جنوبی افریقہ نے آسٹریلیا کو شکست دے کر سیریز جیت لی۔ مچل سٹارک 29 رنز بنا کر ناٹ آؤٹ رہے۔")
	h.Doc.Title = "جنوبی افریقہ نے آسٹریلیا کو شکست دے دی"
	word := func(src, ur string) CrossWord {
		return CrossWord{Source: src, Renderings: []WeightedTerm{{Term: ur, Weight: 1}}}
	}
	cq := CrossQuery{Text: "رنز مچل سٹارک آسٹریلیا جنوبی افریقہ شکست فائنل",
		Words: []CrossWord{word("runs", "رنز"), word("mitchell", "مچل"), word("starc", "سٹارک"), word("australia", "آسٹریلیا"),
			word("south africa", "جنوبی افریقہ"), word("beat", "شکست"), word("final", "فائنل")}}
	for _, w := range cq.Words {
		cq.Terms = append(cq.Terms, w.Renderings[0])
	}
	ix := &recordingWeighted{fakeIndex: fakeIndex{hits: []Hit{h}}}
	a := &Answerer{Retriever: &Retriever{Index: ix, Embedder: constEmbedder{}}, CorpusLang: "ur", Offline: fakeOffline{cq}, Model: builtIn(t)}
	cands := []candidate{
		{p: &Passage{Title: h.Doc.Title}, sentence: "جنوبی افریقہ نے آسٹریلیا کو شکست دے کر سیریز جیت لی۔"},
		{p: &Passage{Title: h.Doc.Title}, sentence: "مچل سٹارک 29 رنز بنا کر ناٹ آؤٹ رہے۔"},
	}
	without, _ := a.crossCoverageWith(nil, cq, cands, 0)
	with, at := a.crossCoverageWith(nil, cq, cands, HeadlineShare)
	if without >= a.minCrossCoverage(InputEnglish, false) || with < a.minCrossCoverage(InputEnglish, false) || at != 1 {
		t.Fatalf("coverage %.2f without the headline, %.2f (sentence %d) with it: want it to pass on the second sentence only with", without, with, at)
	}
	ans, err := a.Ask(context.Background(), Question{Text: "How many runs did Mitchell Starc make when South Africa beat Australia in the final?"})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Refused || len(ans.Citations) == 0 || !strings.Contains(ans.Citations[0].Quote, "سٹارک") {
		t.Errorf("refused %v, citations %+v: want Starc's runs quoted first", ans.Refused, ans.Citations)
	}
}

// Of two sentences that hold an English question equally, the gate's pick
// is the first passage's: for a latest question, the newest report.
func TestEnglishGateTiesGoToTheFirstPassage(t *testing.T) {
	word := func(src, ur string) CrossWord {
		return CrossWord{Source: src, Renderings: []WeightedTerm{{Term: ur, Weight: 1}}}
	}
	cq := CrossQuery{Text: "حکومت پٹرول قیمت", Words: []CrossWord{word("government", "حکومت"), word("petrol", "پٹرول"), word("price", "قیمت")}}
	a := &Answerer{}
	cands := []candidate{
		{p: &Passage{N: 4}, sentence: "حکومت کا پٹرول کی قیمت میں اضافہ نہ کرنے کا فیصلہ"},
		{p: &Passage{N: 1}, sentence: "وفاقی حکومت نے پٹرول کی قیمت تین روپے کم کر دی"},
	}
	cov, at := a.crossCoverageWith(nil, cq, cands, 0)
	if cov != 1 || at != 1 {
		t.Errorf("coverage %.2f at sentence %d: want both whole, the first passage's (1) picked", cov, at)
	}
}

// A rendering of two words meets them typed as one, as Urdu writes many
// compounds either way: "terrorist" (دہشت گرد) in "دہشتگردی کی منصوبہ بندی".
func TestCrossCoverageGluedRendering(t *testing.T) {
	word := func(src, ur string) CrossWord {
		return CrossWord{Source: src, Renderings: []WeightedTerm{{Term: ur, Weight: 1}}}
	}
	cq := CrossQuery{Text: "دہشت گرد منصوبہ", Words: []CrossWord{word("terrorist", "دہشت گرد"), word("plot", "منصوبہ")}}
	a := &Answerer{}
	cands := []candidate{{p: &Passage{N: 1}, sentence: "سعودی عرب: دہشتگردی کی منصوبہ بندی ، 88 افراد گرفتار"}}
	if cov, _ := a.crossCoverageWith(nil, cq, cands, 0); cov != 1 {
		t.Errorf("coverage %.2f: want 1, دہشت گرد met by دہشتگردی", cov)
	}
}

// An English question whose rendering has two words that the collection types
// as one ("prime minister" as وزیر اعظم, news as وزیراعظم) finds its
// sentences: the extract's candidates hold the join as the question's words.
func TestEnglishQuestionMeetsAGluedCompound(t *testing.T) {
	h := hit("pm#0", "وزیراعظم عمران خان کا پی ڈی ایم کو پیغام")
	word := func(src, ur string) CrossWord {
		return CrossWord{Source: src, Renderings: []WeightedTerm{{Term: ur, Weight: 1}}}
	}
	cq := CrossQuery{Text: "کون وزیر اعظم", Words: []CrossWord{word("prime minister", "وزیر اعظم")}}
	cq.Terms = []WeightedTerm{{Term: "وزیر", Weight: 1}, {Term: "اعظم", Weight: 1}}
	ix := &recordingWeighted{fakeIndex: fakeIndex{hits: []Hit{h}}}
	a := &Answerer{Retriever: &Retriever{Index: ix, Embedder: constEmbedder{}}, CorpusLang: "ur", Offline: fakeOffline{cq}, Model: builtIn(t)}
	ans, err := a.Ask(context.Background(), Question{Text: "Who is the prime minister?"})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Refused || len(ans.Citations) == 0 || !strings.Contains(ans.Citations[0].Quote, "عمران خان") {
		t.Errorf("refused %v, citations %+v: want the headline that types وزیراعظم quoted", ans.Refused, ans.Citations)
	}
}

// namesOffline reads the words of names as unseen names.
type namesOffline struct {
	fakeOffline
	names map[string]bool
}

func (n namesOffline) UnseenName(w string) bool { return n.names[w] }

// An Urdu question that names what the collection never writes (ایفل, the
// translator's unseen name, IDF 0) is refused, however much of the rest a
// passage holds; a name the collection holds is not looked up.
func TestUrduQuestionNamingTheUnseen(t *testing.T) {
	rocket := hit("r#0", "راکٹ ٹاور کی اونچائی 70 میٹر ہے۔")
	ask := func(names map[string]bool, idf map[string]float64) *Answer {
		t.Helper()
		ix := &weightedIndex{fakeIndex: fakeIndex{hits: []Hit{rocket}}, idf: idf}
		a := &Answerer{Retriever: &Retriever{Index: ix, Embedder: constEmbedder{}}, Offline: namesOffline{names: names}}
		ans, err := a.Ask(context.Background(), Question{Text: "ایفل ٹاور کی اونچائی کتنے میٹر ہے؟"})
		if err != nil {
			t.Fatal(err)
		}
		return ans
	}
	if ans := ask(nil, map[string]float64{"ایفل": 0}); ans.Refused {
		t.Fatalf("refused without a name reader's word: %q", ans.Answer)
	}
	if ans := ask(map[string]bool{"ایفل": true}, map[string]float64{"ایفل": 0}); !ans.Refused {
		t.Errorf("answered a question about the Eiffel Tower from a rocket tower: %q", ans.Answer)
	}
	if ans := ask(map[string]bool{"ایفل": true}, map[string]float64{"ایفل": 2}); ans.Refused {
		t.Errorf("refused though the collection holds the name: %q", ans.Answer)
	}
}

// An unseen name is not held by its halves each somewhere in the
// collection: "پینس" in one report and "لین" in another do not write
// "پینسلین", as the two side by side would (writtenApart, then adjacent).
func TestUnseenNameHalvesMustStandTogether(t *testing.T) {
	ask := func(hits ...Hit) *Answer {
		t.Helper()
		// (The fake weighs every other word 1: the first split, پین and سلین,
		// is held by neither report.)
		ix := &weightedIndex{fakeIndex: fakeIndex{hits: hits}, idf: map[string]float64{"پینسلین": 0, "پین": 0, "سلین": 0}}
		a := &Answerer{Retriever: &Retriever{Index: ix, Embedder: constEmbedder{}}, Offline: namesOffline{names: map[string]bool{"پینسلین": true}}}
		ans, err := a.Ask(context.Background(), Question{Text: "پینسلین کس سائنسدان نے دریافت کی تھی؟"})
		if err != nil {
			t.Fatal(err)
		}
		return ans
	}
	brain := hit("brain#0", "سائنسدانوں نے دماغ کا ایک نیا حصہ دریافت کر لیا۔ لین دین کی تفصیل پینس کے بعد آئی۔")
	if ans := ask(brain); !ans.Refused {
		t.Errorf("answered a question about penicillin from halves apart: %q", ans.Answer)
	}
	together := hit("p#0", "سائنسدانوں نے پینس لین دریافت کی۔")
	if ans := ask(together); ans.Refused {
		t.Errorf("refused though a report writes the name as two words side by side: %q", ans.Answer)
	}
}

// An acronym the question spells in Urdu letter names and the collection
// never holds, in either script, names what the articles lack: the price
// of CNG is not the price of sugar per kilo, however well the rest of the
// question matches it. One the collection holds (LPG) is answered.
func TestUnseenAcronymIsRefused(t *testing.T) {
	m := builtIn(t)
	paras := []paragraph{
		{ID: "sugar", Text: "کراچی میں چینی کی فی کلو قیمت 105 روپے تک جا پہنچی۔"},
		{ID: "flour", Text: "آٹے کی فی کلو قیمت میں 5 روپے کا اضافہ کر دیا گیا۔"},
		{ID: "lpg", Text: "اوگرا نے ایل پی جی کی فی کلو قیمت 150 روپے مقرر کر دی۔"},
	}
	// News spells other acronyms in the same letter names, which makes each
	// name a common word; without the rule the gate passes the CNG question
	// on the sugar report (answerability .61 when this was written).
	for i := range 12 {
		paras = append(paras,
			paragraph{ID: fmt.Sprintf("na%d", i), Text: fmt.Sprintf("این اے %d کے ضمنی انتخاب میں پولنگ %d اپریل کو ہوگی۔", 200+i, i+1)},
			paragraph{ID: fmt.Sprintf("icc%d", i), Text: fmt.Sprintf("آئی سی سی نے ٹیم کی رینکنگ جاری کر دی، پاکستان %d ویں نمبر پر ہے۔", i+1)})
	}
	a := &Answerer{Retriever: &Retriever{Index: newParagraphIndex(paras), Searches: KeywordOnly, Ranker: m, Expansion: m}, Model: m}
	for q, refuse := range map[string]bool{
		"اس وقت سی این جی کی فی کلو قیمت کتنی ہے؟": true,
		"اس وقت ایل پی جی کی فی کلو قیمت کتنی ہے؟": false,
	} {
		ans, err := a.Ask(context.Background(), Question{Text: q})
		if err != nil {
			t.Fatal(err)
		}
		if ans.Refused != refuse {
			t.Errorf("%s: refused %v (answerability %.3f), want %v: %s", q, ans.Refused, ans.Answerability, refuse, ans.Answer)
		}
	}
	w := idfs{"cng": 0, "lpg": 2.1, "se": 1.5}
	for q, want := range map[string]string{
		"سی این جی کی قیمت":   "cng",
		"ایل پی جی کی قیمت":   "",
		"کے ایس ای کا انڈیکس": "", // KSE unseen, but its other reading "se" is held
		"پی کے کا حلقہ":       "", // two letters: often words
		"CNG کی قیمت کیا ہے؟": "", // Latin capitals are not read
		// WHO is the English stopword "who", which no index holds: found by a
		// held-out question (a1-016) that the first version refused.
		"ڈبلیو ایچ او نے کیا کہا؟": "",
	} {
		if got := unseenAcronym(w, q); got != want {
			t.Errorf("unseenAcronym(%q) = %q, want %q", q, got, want)
		}
	}
}

// An English question that asks a thing's price is not answered by another
// thing's price: "What is the price of silver per tola?" over a report of
// gold's price per tola, whose sentence holds "قیمت" and "تولہ", is refused
// (CrossWord.Priced), as an Urdu question's priced thing is (pricedThing).
func TestEnglishPriceOfAnotherThing(t *testing.T) {
	h := hit("gold#0", "صرافہ بازار میں فی تولہ سونے کی قیمت 1 لاکھ 10 ہزار روپے رہی۔")
	h.Doc.Title = "صرافہ بازار میں تیزی"
	ask := func(thing, urdu string, priced bool) *Answer {
		t.Helper()
		cq := CrossQuery{Text: "صرافہ بازار قیمت " + urdu + " تولہ روپے", Words: []CrossWord{
			{Source: "bullion", Renderings: []WeightedTerm{{Term: "صرافہ", Weight: 1}}},
			{Source: "market", Renderings: []WeightedTerm{{Term: "بازار", Weight: 1}}},
			{Source: "price", Required: true, Renderings: []WeightedTerm{{Term: "قیمت", Weight: 1}}},
			{Source: thing, Priced: priced, Renderings: []WeightedTerm{{Term: urdu, Weight: 1}}},
			{Source: "tola", Renderings: []WeightedTerm{{Term: "تولہ", Weight: 1}}},
			{Source: "rupees", Renderings: []WeightedTerm{{Term: "روپے", Weight: 1}}},
		}}
		for _, w := range cq.Words {
			cq.Terms = append(cq.Terms, w.Renderings[0])
		}
		ix := &recordingWeighted{fakeIndex: fakeIndex{hits: []Hit{h}}}
		a := &Answerer{Retriever: &Retriever{Index: ix, Embedder: constEmbedder{}}, CorpusLang: "ur", Offline: fakeOffline{cq}, Model: builtIn(t)}
		ans, err := a.Ask(context.Background(), Question{Text: "What is the price of " + thing + " per tola in rupees in the bullion market?"})
		if err != nil {
			t.Fatal(err)
		}
		return ans
	}
	if ans := ask("silver", "چاندی", true); !ans.Refused {
		t.Errorf("silver's price answered from gold's: %q", ans.Answer)
	}
	// The rule is what refuses it: the sentence holds enough of the rest.
	if ans := ask("silver", "چاندی", false); ans.Refused {
		t.Fatalf("refused at %v without the rule: the test does not isolate it", ans.Answerability)
	}
	// Gold's price is named by its stem (سونا, سونے).
	if ans := ask("gold", "سونا", true); ans.Refused {
		t.Errorf("gold's price refused at %v", ans.Answerability)
	}
}

// A time-bound English question needs TimedCoverageRelief less of its words
// in one sentence, with its answerability on the gate's scale agreeing; a
// Roman-Urdu one is held to its own share either way.
func TestTimedEnglishQuestionNeedsLessOfItsWords(t *testing.T) {
	a := &Answerer{Model: builtIn(t)}
	word := func(src, ur string) CrossWord {
		return CrossWord{Source: src, Renderings: []WeightedTerm{{Term: ur, Weight: 1}}}
	}
	cq := CrossQuery{Words: []CrossWord{word("cricketer", "کرکٹر"), word("retired", "ریٹائر")}}
	cands := []candidate{{p: &Passage{}, sentence: "سابق کرکٹر نے کرکٹ کو خیرباد کہہ دیا۔"}}
	th := a.gateThreshold()
	p, cov, _, least := a.renderedAnswerability(nil, cq, cands, InputEnglish, true)
	if math.Abs(least-(DefaultMinCrossCoverage-TimedCoverageRelief)) > 1e-9 || cov < least || cov >= DefaultMinCrossCoverage || p < th {
		t.Errorf("timed: coverage %.2f against %.2f, answerability %.3f (threshold %.3f): want it held to %.2f and passed", cov, least, p, th, DefaultMinCrossCoverage-TimedCoverageRelief)
	}
	if p, cov, _, least := a.renderedAnswerability(nil, cq, cands, InputEnglish, false); least != DefaultMinCrossCoverage || cov >= least || p >= th {
		t.Errorf("not timed: coverage %.2f against %.2f, answerability %.3f: want it held to %.2f and refused", cov, least, p, DefaultMinCrossCoverage)
	}
	if _, _, _, least := a.renderedAnswerability(nil, cq, cands, InputRomanUrdu, true); least != DefaultMinRomanCoverage {
		t.Errorf("Roman Urdu held to %.2f, want %.2f", least, DefaultMinRomanCoverage)
	}
}

// spellingOffline spells Latin words in Urdu script from a table.
type spellingOffline struct {
	fakeOffline
	spell map[string][]string
}

func (s spellingOffline) UrduSpellings(w string) []string { return s.spell[w] }

// A Latin word of an Urdu question that the collection never holds is
// replaced by the collection's Urdu spelling of it; one it holds in Latin
// letters, or one with no Urdu spelling, stays as typed.
func TestLatinWordsSpelledInUrdu(t *testing.T) {
	ix := &weightedIndex{idf: map[string]float64{"paganini": 0, "frédéric": 0, "pleyel": 2}}
	spell := map[string][]string{"paganini": {"پاگانینی", "پگانینی"}, "pleyel": {"پلیئل"}}
	a := &Answerer{Retriever: &Retriever{Index: ix}, Offline: spellingOffline{spell: spell}}
	got, err := a.spelledInUrdu(context.Background(), "Niccolò Paganini کو وائلن بجاتے سن کر Frédéric نے Pleyel کے لیے کیا لکھا؟")
	if err != nil {
		t.Fatal(err)
	}
	if want := "Niccolò پاگانینی کو وائلن بجاتے سن کر Frédéric نے Pleyel کے لیے کیا لکھا؟"; got != want {
		t.Errorf("spelled %q, want %q", got, want)
	}
	a.Offline = fakeOffline{}
	if got, _ := a.spelledInUrdu(context.Background(), "Paganini کون تھا؟"); got != "Paganini کون تھا؟" {
		t.Errorf("a translator that spells no names changed the question: %q", got)
	}
}
