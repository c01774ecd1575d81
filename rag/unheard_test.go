package rag

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jawab/jawab/text"
)

// heldIndex is a datedIndex that weighs only the words its reports hold
// (fakeIndex.IDFs), so that a word the collection lacks has no weight.
type heldIndex struct{ *datedIndex }

func (h heldIndex) IDFs(ctx context.Context, tokens []string) ([]float64, error) {
	return h.fakeIndex.IDFs(ctx, tokens)
}

// remoteIndex is an index that holds no vocabulary, as Weaviate does.
type remoteIndex struct{ heldIndex }

func (remoteIndex) VocabularySize() int { return 0 }

// VocabularySize is the number of words its reports hold: it holds its
// vocabulary, as the local store does (probesSpellings).
func (h heldIndex) VocabularySize() int {
	held := map[string]bool{}
	for _, hit := range h.hits {
		for _, t := range text.Tokens(hit.Doc.Title + " " + hit.Chunk.Text) {
			held[t] = true
		}
	}
	return len(held)
}

// The built-in list of general Urdu holds the ordinary words news asks
// with, in any inflection, and not the names of what a news archive may
// lack.
func TestCommonWord(t *testing.T) {
	for w, want := range map[string]bool{
		"کتنی":     true,  // how many: no report asks it
		"درختوں":   true,  // trees, oblique plural
		"رکاوٹوں":  true,  // obstacles
		"سیلاب":    true,  // flood
		"کالاباغ":  false, // the dam
		"سدپارہ":   false, // the climber
		"ستیارتھی": false, // the Nobel laureate
		"ٹائٹینک":  false, // the ship: written by one training article, a name
	} {
		if got := CommonWord(w); got != want {
			t.Errorf("CommonWord(%q) = %v, want %v", w, got, want)
		}
	}
}

// A latest question about what the archive never names is refused, with a
// warning that says which word: the newest report holding its other words
// ("ڈیم کی تعمیر", "پیش رفت") is another dam's. The name written apart in
// a report is met (کالا باغ), its two halves in two unrelated reports are
// not, and an ordinary word the archive lacks (رکاوٹوں) refuses nothing,
// nor a name spelled one letter apart.
// The gate is all but off, so that the rule alone decides.
func TestLatestAboutAnUnheardSubject(t *testing.T) {
	t.Run("ranking store", func(t *testing.T) { testUnheardSubject(t, false) })
	// A store that answers whether a dated article holds the question's
	// words without ranking is asked that first (KeywordMatcher): the same
	// answers.
	t.Run("matching store", func(t *testing.T) { testUnheardSubject(t, true) })
}

// matchingIndex answers AnyKeywordMatch as its contract has it, and counts
// the calls.
type matchingIndex struct {
	heldIndex
	calls *int
}

func (m matchingIndex) AnyKeywordMatch(ctx context.Context, query string, f Filter) (bool, error) {
	*m.calls++
	hits, err := m.KeywordSearch(ctx, query, 1, f)
	return len(hits) > 0, err
}

func testUnheardSubject(t *testing.T, matcher bool) {
	matched := 0
	dasu := datedHit("dasu#0", "2021-03-28", "داسو ڈیم کی تعمیر میں پیش رفت، پہلا مرحلہ 2025 میں مکمل ہوگا۔")
	garden := datedHit("garden#0", "2021-03-10", "شالامار باغ میں بہار کا میلہ شروع ہو گیا۔")
	money := datedHit("money#0", "2021-03-12", "کالا دھن سفید کرنے والے گروہ کے خلاف کارروائی۔")
	kalabagh := datedHit("kalabagh#0", "2021-03-20", "کالا باغ ڈیم کی تعمیر پر صوبوں میں اتفاق نہ ہو سکا۔")
	asOf := time.Date(2021, 4, 1, 0, 0, 0, 0, time.UTC)
	ask := func(q string, hits ...Hit) *Answer {
		t.Helper()
		_, ix := timeAnswerer(hits...)
		var index Index = heldIndex{ix}
		if matcher {
			index = matchingIndex{heldIndex{ix}, &matched}
		}
		a := &Answerer{Retriever: &Retriever{Index: index, Embedder: constEmbedder{}}}
		a.Model, a.MinAnswerability = builtIn(t), 1e-9
		ans, err := a.Ask(context.Background(), Question{Text: q, AsOf: asOf})
		if err != nil {
			t.Fatal(err)
		}
		return ans
	}
	unheard := func(ans *Answer) bool {
		return slices.ContainsFunc(ans.Warnings, func(w string) bool { return strings.Contains(w, "no article mentions") })
	}
	q := "کالاباغ ڈیم کی تعمیر کے بارے میں تازہ ترین پیش رفت کیا ہے؟"
	if ans := ask(q, dasu, garden, money); !ans.Refused || !slices.ContainsFunc(ans.Warnings, func(w string) bool { return strings.Contains(w, "کالاباغ") }) ||
		ans.Answer != "مضامین میں «کالاباغ» کا کہیں ذکر نہیں، اس لیے اس سوال کا جواب ان سے نہیں دیا جا سکتا۔" {
		t.Errorf("answer %q (refused %v, warnings %q): want a refusal that names کالاباغ, in the answer and a warning", ans.Answer, ans.Refused, ans.Warnings)
	}
	// Asked for an English answer, the refusal says it in English.
	_, ix := timeAnswerer(dasu, garden, money)
	en := &Answerer{Retriever: &Retriever{Index: heldIndex{ix}, Embedder: constEmbedder{}}}
	en.Model, en.MinAnswerability = builtIn(t), 1e-9
	if ans, err := en.Ask(context.Background(), Question{Text: q, AsOf: asOf, Lang: "en"}); err != nil || ans.Answer != "No article mentions «کالاباغ», so the articles cannot answer this question." {
		t.Errorf("answer in English %q (%v): want the refusal that names کالاباغ", ans.Answer, err)
	}
	if ans := ask(q, dasu, garden, money, kalabagh); unheard(ans) {
		t.Errorf("warnings %q: the archive writes the name apart (کالا باغ), it mentions it", ans.Warnings)
	}
	if ans := ask("داسو ڈیم کی تعمیر میں رکاوٹوں پر تازہ ترین پیش رفت کیا ہے؟", dasu, garden, money); unheard(ans) {
		t.Errorf("warnings %q: رکاوٹوں is an ordinary word, not a subject the archive lacks", ans.Warnings)
	}
	// Over an index that holds no vocabulary (Weaviate), a spelling one
	// letter apart cannot be ruled out: the rule is not read.
	remote := &Answerer{Retriever: &Retriever{Index: remoteIndex{heldIndex{ix}}, Embedder: constEmbedder{}}}
	remote.Model, remote.MinAnswerability = builtIn(t), 1e-9
	if ans, err := remote.Ask(context.Background(), Question{Text: q, AsOf: asOf}); err != nil || unheard(ans) {
		t.Errorf("over a remote index: warnings %q (%v), want the rule not read", ans.Warnings, err)
	}
	// A name the reader spells one letter apart from the archive, as the
	// ranker meets it: سانگلا for سانگلہ (g6-006).
	sangla := datedHit("sangla#0", "2021-03-25", "سانگلہ ہل میں آٹے کا بحران شدت اختیار کر گیا۔")
	if ans := ask("سانگلا ہل سے تازہ ترین خبر کیا ہے؟", sangla, garden, money); unheard(ans) {
		t.Errorf("warnings %q: the archive spells the name سانگلہ, one letter apart", ans.Warnings)
	}
	// An English number word in Urdu letters is a figure the reports write
	// in digits: "ہنڈرڈ انڈیکس" is "100 انڈیکس" (g8-004).
	index := datedHit("index#0", "2021-03-30", "اسٹاک مارکیٹ میں تیزی، 100 انڈیکس 450 پوائنٹس کے اضافے سے 33729 پوائنٹس پر بند ہوا۔")
	if ans := ask("اسٹاک مارکیٹ کا ہنڈرڈ انڈیکس اب کتنے پوائنٹس پر ہے؟", index, garden, money); unheard(ans) {
		t.Errorf("warnings %q: ہنڈرڈ spells the English hundred, a figure the report writes 100", ans.Warnings)
	}
	// A consonant the reader doubles that the archive writes once, as
	// transliterations of English double letters differ: فارماسسٹس for
	// فارماسٹس (g12-011).
	pharma := datedHit("pharma#0", "2021-03-27", "فارماسٹس ایسوسی ایشن کے الیکشن میں ریفارمرز گروپ اور پروگریسیوز گروپ کا مشترکہ طور پر حصہ لینے کا فیصلہ")
	if ans := ask("فارماسسٹس ایسوسی ایشن کے الیکشن میں ریفارمرز گروپ اب کس کے ساتھ ہے؟", pharma, garden, money); unheard(ans) {
		t.Errorf("warnings %q: the archive spells the word فارماسٹس, with one س", ans.Warnings)
	}
	// A word typed apart from the next (انڈو نیشیا), glued to a function
	// word (پرفائرنگ, کتنےلوگ) or written with a prothetic alef (اسکولاری
	// for سکولاری) is the archive's (d7-038, g8-024, g11-026, g9-038).
	boats := datedHit("boats#0", "2021-03-25", "انڈونیشیا میں عید پر کشتیاں ڈوبنے سے 12 افراد ہلاک ہو گئے، ان میں 5 لوگ ایک خاندان کے تھے۔ پولیس ٹیم پر فائرنگ کی گئی۔ سکولاری نے استعفیٰ دے دیا۔")
	for _, q := range []string{
		"انڈو نیشیا میں کشتیاں ڈوبنے سے تازہ ترین کتنے افراد ہلاک ہوئے؟",
		"پولیس ٹیم پرفائرنگ کی تازہ ترین خبر کیا ہے؟",
		"کشتیاں ڈوبنے سے اب تک کتنےلوگ ہلاک ہوئے؟",
		"اسکولاری کے استعفیٰ کی تازہ ترین خبر کیا ہے؟",
		// A word offered beside the archive's ("یا", or) as the other
		// way of saying it (g11-036: مداح یا لائکس).
		"کشتیاں ڈوبنے سے اب تک کتنے افراد یا مسافرین ہلاک ہوئے؟",
		"کشتیاں ڈوبنے سے اب تک کتنے مسافرین یا افراد ہلاک ہوئے؟",
	} {
		if ans := ask(q, boats, garden, money); unheard(ans) || ans.Refused {
			t.Errorf("%s: answer %q, warnings %q: the archive holds the word", q, ans.Answer, ans.Warnings)
		}
	}
	// A question of a period over dated reports is read too: the month's
	// COVID counts do not answer for Zika (g21-045).
	covid := datedHit("covid#0", "2021-03-20", "ملک میں کورونا وائرس کے مزید 3 ہزار کیس رپورٹ ہوئے۔")
	if ans := ask("مارچ 2021 میں پاکستان میں زیکا وائرس کے کتنے کیس رپورٹ ہوئے؟", covid, garden, money); !ans.Refused || !unheard(ans) {
		t.Errorf("answer %q (warnings %q): the archive never names زیکا", ans.Answer, ans.Warnings)
	}
	// And a question with no time words over dated reports, as news is
	// (g45-047, gen48-046).
	if ans := ask("زیکا وائرس کے کتنے کیس سامنے آئے ہیں؟", covid, garden, money); !ans.Refused || !unheard(ans) {
		t.Errorf("answer %q (warnings %q): the archive never names زیکا", ans.Answer, ans.Warnings)
	}
	// An ordinary word the archive writes in another form of its stem is
	// the archive's: "ہنگاموں" asked, "ہنگامے" reported (g37-031).
	riots := datedHit("riots#0", "2015-04-28", "بالٹی مور میں ہنگامے، 15 پولیس اہلکار زخمی ہو گئے")
	if ans := ask("بالٹی مور کے ہنگاموں میں کتنے پولیس اہلکار زخمی ہوئے؟", riots, garden, money); unheard(ans) || ans.Refused {
		t.Errorf("answer %q (warnings %q): the archive writes ہنگامے", ans.Answer, ans.Warnings)
	}
	if !CommonWord("ہنگاموں") {
		t.Error("ہنگاموں is not in the list of general Urdu: the case above does not test the count rule's forms")
	}
	// Undated paragraphs (UQA's) are not read so: their machine-translated
	// questions spell names otherwise.
	undated := hit("undated#0", covid.Chunk.Text)
	if ans := ask("زیکا وائرس کے کتنے کیس سامنے آئے ہیں؟", undated, hit("g#0", garden.Chunk.Text)); unheard(ans) {
		t.Errorf("warnings %q: the rule read a question over undated paragraphs", ans.Warnings)
	}
	// An archive of news may hold undated items beside its dated reports,
	// and its first passage be one of them: the rule is read still
	// (datedArchive; pk-ru's ur-a05, ٹائٹینک, over pk-ru's dated reports and
	// the undated urdu-news articles).
	if ans := ask("زیکا وائرس کے کتنے کیس سامنے آئے ہیں؟", undated, garden, money); !ans.Refused || !unheard(ans) ||
		len(ans.Passages) == 0 || !ans.Passages[0].Published.IsZero() {
		t.Errorf("answer %q (warnings %q, passages %v): want the undated report first and the question refused, the archive's other reports being dated", ans.Answer, ans.Warnings, docIDs(ans.Passages))
	}
	// Nor is a word that asks ("کونسا", which the list of general Urdu
	// lacks: Wikipedia seldom asks).
	if ans := ask("داسو ڈیم کا کونسا مرحلہ 2025 میں مکمل ہوگا؟", dasu, garden, money); unheard(ans) {
		t.Errorf("warnings %q: کونسا asks, it names no subject the archive lacks", ans.Warnings)
	}
	if CommonWord("کونسا") {
		t.Error("کونسا is in the list of general Urdu: the case above does not test the asking words")
	}
	// A place in an order is no subject: "سوویں" (the hundredth), which the
	// list of general Urdu lacks, and the report writes the figure (gen51-024).
	duck := datedHit("duck#0", "2021-03-31", "جنوبی افریقہ کے بلے باز 100 ویں انٹرنیشنل میچ میں صفر پر آؤٹ")
	if ans := ask("جنوبی افریقہ کا کون سا بلے باز اپنے سوویں انٹرنیشنل میچ میں صفر پر آؤٹ ہوا؟", duck, garden, money); unheard(ans) {
		t.Errorf("warnings %q: سوویں is an ordinal, not a subject the archive lacks", ans.Warnings)
	}
	if CommonWord("سوویں") {
		t.Error("سوویں is in the list of general Urdu: the case above does not test the ordinal")
	}
	// Nor for Zika or dengue when the archive holds neither.
	if ans := ask("مارچ 2021 میں پاکستان میں زیکا یا ڈینگی وائرس کے کتنے کیس رپورٹ ہوئے؟", covid, garden, money); !ans.Refused || !unheard(ans) {
		t.Errorf("answer %q (warnings %q): the archive names neither زیکا nor ڈینگی", ans.Answer, ans.Warnings)
	}
	// An ordinary word the archive never writes is the subject of a count
	// asked of it: the archive's counts of another virus do not answer for
	// measles (خسرہ, g12-044), in a latest question or one of a period.
	// Asked no count, the ordinary word refuses nothing (رکاوٹوں, above).
	// Its spelling one letter apart that is an ordinary word too (خسارہ, a
	// loss) is another word.
	congo := datedHit("congo#0", "2021-03-28", "پاکستان میں کانگو وائرس کے کیسز کی تعداد 12 ہو گئی، کراچی میں مزید 2 کیس رپورٹ ہوئے")
	loss := datedHit("loss#0", "2021-03-20", "اسٹیل ملز کو 5 ارب روپے کا خسارہ")
	for _, q := range []string{
		"پاکستان میں خسرہ کے کیسز کی تازہ ترین تعداد کیا ہے؟",
		"مارچ 2021 میں کراچی میں خسرہ کے کتنے کیس رپورٹ ہوئے؟",
	} {
		if ans := ask(q, congo, loss, garden, money); !ans.Refused || !unheard(ans) {
			t.Errorf("%s: answer %q (warnings %q): the archive never names خسرہ", q, ans.Answer, ans.Warnings)
		}
	}
	// So is the agent of what the question asks about ("ہواوے نے", Huawei,
	// in the general list): a telecom report of other companies is no
	// announcement of Huawei's (g33-046).
	telecom := datedHit("pta#0", "2021-03-25", "پی ٹی اے نے موبائل کمپنیوں کو فائیو جی سروس کے لیے لائسنس جاری کرنے کا اعلان کر دیا")
	if ans := ask("ہواوے نے پاکستان میں فائیو جی سروس کے بارے میں تازہ ترین کیا اعلان کیا ہے؟", telecom, garden, money); !ans.Refused || !unheard(ans) {
		t.Errorf("answer %q (warnings %q): the archive never names ہواوے", ans.Answer, ans.Warnings)
	}
	if !CommonWord("ہواوے") {
		t.Error("ہواوے is not in the list of general Urdu: the case above does not test the agent rule")
	}
	// The asking words before a genitive ask a price, not a count of them.
	gold := datedHit("gold#0", "2021-03-17", "صرافہ مارکیٹ میں سونا فی تولہ 1 لاکھ 5 ہزار روپے کا ہو گیا")
	if ans := ask("17 مارچ 2021 کو سونا فی تولہ کتنے کا تھا؟", gold, garden, money); unheard(ans) {
		t.Errorf("warnings %q: کتنے asks the price", ans.Warnings)
	}
	// And the place a count is asked in (g25-047 asked of سکردو; ملتان is
	// in the general list).
	gilgit := datedHit("gilgit#0", "2021-03-29", "گلگت میں کورونا کے کیسز 120 ہو گئے، مزید 12 کیسز رپورٹ")
	if ans := ask("ملتان میں کورونا کے تازہ ترین کیسز کتنے ہیں؟", gilgit, garden, money); !ans.Refused || !unheard(ans) {
		t.Errorf("answer %q (warnings %q): the archive never names ملتان", ans.Answer, ans.Warnings)
	}
	if !CommonWord("خسرہ") || !CommonWord("ملتان") {
		t.Error("خسرہ or ملتان is not in the list of general Urdu: the cases above do not test the count rule")
	}
	// A letter swapped for one of another sound is another word: نیپاہ (the
	// Nipah virus) is not نیپال (Nepal).
	nepal := datedHit("nepal#0", "2021-03-25", "نیپال میں وائرس سے متاثرہ افراد کی تعداد بڑھ گئی، اموات میں اضافہ")
	if ans := ask("نیپاہ وائرس سے اب تک کتنی اموات ہو چکی ہیں؟", nepal, garden, money); !unheard(ans) {
		t.Errorf("answer %q (warnings %q): نیپال does not spell نیپاہ", ans.Answer, ans.Warnings)
	}
	if matcher && matched == 0 {
		t.Error("AnyKeywordMatch was never asked: the undated paragraphs above did not reach the store")
	}
}

// The newest report's share of a latest question counts a word the archive
// never holds as the question's rarest (weighUnseenAsRarest): "ٹڈی" (locust)
// is ordinary Urdu, so the unheard-subject rule leaves it, but a report of
// attacks on the border that holds "حملوں" alone does not tell of locust
// swarms. At the unseen weight of the rest of the ranker it held 35% of
// the question, above MinNewestShare; at the rarest word's, 28%.
func TestLatestNewestShareWeighsTheUnseenAsRarest(t *testing.T) {
	border := datedHit("border#0", "2021-03-28", "سرحد پر حملوں میں اضافہ")
	refusedForShare(t, "ٹڈی دل کے حملوں کی تازہ ترین صورتحال کیا ہے؟", time.Date(2021, 4, 1, 0, 0, 0, 0, time.UTC),
		map[string]float64{"ٹڈی": 0, "دل": 5, "حملوں": 4, "صورتحال": 0.5}, border)
	rq := NewRankQuery("ٹڈی دل حملوں", idfs{"دل": 5, "حملوں": 4}, nil)
	rq.weighUnseenAsRarest(idfs{"دل": 5, "حملوں": 4}, true)
	if got := rq.idf; !slices.Equal(got, []float64{5, 5, 4}) {
		t.Errorf("weights %v, want the unseen ٹڈی weighed as دل, the rarest: [5 5 4]", got)
	}
	// A word the collection spells one letter apart weighs as that spelling.
	rq = NewRankQuery("میانمر صورتحال", idfs{"صورتحال": 3, "میانمار": 8}, nil)
	rq.weighUnseenAsRarest(idfs{"صورتحال": 3, "میانمار": 8}, true)
	if got := rq.idf; !slices.Equal(got, []float64{8, 3}) {
		t.Errorf("weights %v, want میانمر weighed as the collection's میانمار: [8 3]", got)
	}
}

// The newest report's share leaves out the words that frame a latest
// question as asking for news ("خبر", "کے بارے میں"): a North Korean warning
// ("خبر دار کیا") held them and half the question about measles; without
// them it holds none of it.
func TestLatestNewestShareWithoutFramingWords(t *testing.T) {
	warning := datedHit("warning#0", "2014-11-24", "شمالی کوریا نے خبر دار کیا ہے کہ قرارداد کے بارے میں نتائج تباہ کن ہوں گے۔")
	refusedForShare(t, "خسرہ کی وبا کے بارے میں تازہ ترین خبر کیا ہے؟", time.Date(2014, 11, 26, 0, 0, 0, 0, time.UTC),
		map[string]float64{"خسرہ": 0, "وبا": 3, "بارے": 3, "خبر": 5}, warning)
}

// refusedForShare asks q as of asOf over hits, each word weighing as idf
// says (others 1), with the gate all but off, and fails unless the answer is
// refused because the newest report holds too little of the question.
func refusedForShare(t *testing.T, q string, asOf time.Time, idf map[string]float64, hits ...Hit) {
	t.Helper()
	ix := &datedIndex{weightedIndex: weightedIndex{fakeIndex: fakeIndex{hits: hits}, idf: idf}}
	a := &Answerer{Retriever: &Retriever{Index: ix, Embedder: constEmbedder{}}}
	a.Model, a.MinAnswerability = builtIn(t), 1e-9
	ans, err := a.Ask(context.Background(), Question{Text: q, AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	if !ans.Refused || !slices.ContainsFunc(ans.Warnings, func(w string) bool { return strings.Contains(w, "newest report found holds") }) {
		t.Errorf("answer %q (refused %v, warnings %q): want a refusal that says the newest report holds too little of the question", ans.Answer, ans.Refused, ans.Warnings)
	}
}

// failingWeight is a heldIndex whose word weights fail when word is asked
// for: with a word only a late rule weighs (unheardSubject's spelling with a
// prothetic alef, protheticHeld), the index fails after the search and the
// gate have read theirs.
type failingWeight struct {
	heldIndex
	word string
}

var errWeights = errors.New("term statistics unavailable")

func (f failingWeight) IDFs(ctx context.Context, tokens []string) ([]float64, error) {
	if slices.Contains(tokens, f.word) {
		return nil, errWeights
	}
	return f.heldIndex.IDFs(ctx, tokens)
}

// A failure of the index while a late rule weighs words is the request's
// failure: read as a weight of 0 it would say no report holds the word,
// and refuse on a guess (the same question over a sound index is refused
// by the rule, TestLatestAboutAnUnheardSubject).
func TestLateRuleWeightsFailureIsReported(t *testing.T) {
	dasu := datedHit("dasu#0", "2021-03-28", "داسو ڈیم کی تعمیر میں پیش رفت، پہلا مرحلہ 2025 میں مکمل ہوگا۔")
	garden := datedHit("garden#0", "2021-03-10", "شالامار باغ میں بہار کا میلہ شروع ہو گیا۔")
	_, ix := timeAnswerer(dasu, garden)
	a := &Answerer{Retriever: &Retriever{Index: failingWeight{heldIndex{ix}, "اکالاباغ"}, Embedder: constEmbedder{}}}
	a.Model, a.MinAnswerability = builtIn(t), 1e-9
	ans, err := a.Ask(context.Background(), Question{Text: "کالاباغ ڈیم کی تعمیر کے بارے میں تازہ ترین پیش رفت کیا ہے؟", AsOf: time.Date(2021, 4, 1, 0, 0, 0, 0, time.UTC)})
	if !errors.Is(err, errWeights) {
		t.Fatalf("Ask = %+v, %v; want the index's failure", ans, err)
	}
}
