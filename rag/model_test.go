package rag

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/jawab/jawab/index/keyword"
	"github.com/jawab/jawab/rag/model"
	"github.com/jawab/jawab/text"
)

func builtIn(t testing.TB) *Model {
	t.Helper()
	m, err := ReadModel(bytes.NewReader(model.File), model.Path)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestBuiltInModel(t *testing.T) {
	m := builtIn(t)
	if m.Version == "" || !strings.Contains(m.Provenance, "UQA") || len(m.Assoc) == 0 {
		t.Errorf("version %q, provenance %q, %d associations", m.Version, m.Provenance, len(m.Assoc))
	}
	if len(model.File) > 20<<20 {
		t.Errorf("the model file is %d bytes; the limit is 20 MB", len(model.File))
	}
	if m.Gate.Threshold <= 0 || m.Gate.Threshold >= 1 {
		t.Errorf("gate threshold %v", m.Gate.Threshold)
	}
}

// rewrite applies edit to the built-in model's JSON and gzips it again.
func rewrite(t *testing.T, edit func(map[string]any)) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(model.File))
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]any
	if err := json.NewDecoder(zr).Decode(&raw); err != nil {
		t.Fatal(err)
	}
	edit(raw)
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	json.NewEncoder(zw).Encode(raw)
	zw.Close()
	return buf.Bytes()
}

func TestReadModelRefusesABadFile(t *testing.T) {
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "not a jawab model file"},
		{"not gzip", []byte("version https://git-lfs.github.com/spec/v1\n"), "not a jawab model file"},
		{"truncated", model.File[:len(model.File)/2], "corrupt"},
		{"damaged tail", append(bytes.Clone(model.File[:len(model.File)-8]), 1, 2, 3, 4, 5, 6, 7, 8), "corrupt"},
		{"other format", rewrite(t, func(m map[string]any) { m["format"] = "jawab-rank-model/0" }), "format"},
		{"other features", rewrite(t, func(m map[string]any) { m["features"] = []string{"bm25"} }), "features"},
		{"missing weights", rewrite(t, func(m map[string]any) { m["weights"] = []float64{1} }), "weights"},
		{"no version", rewrite(t, func(m map[string]any) { m["version"] = "" }), "version"},
		{"threshold", rewrite(t, func(m map[string]any) { m["gate"].(map[string]any)["threshold"] = 1.5 }), "threshold"},
		{"other sentence features", rewrite(t, func(m map[string]any) { m["sentence"].(map[string]any)["features"] = []string{"cover"} }), "sentence model trained on features"},
		{"missing sentence weights", rewrite(t, func(m map[string]any) { m["sentence"].(map[string]any)["weights"] = []float64{1} }), "sentence weights"},
		{"unknown field", rewrite(t, func(m map[string]any) { m["surprise"] = 1 }), "corrupt"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := ReadModel(bytes.NewReader(c.data), "some/model.json.gz")
			if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "some/model.json.gz") {
				t.Errorf("got %v, want an error naming the file and saying %q", err, c.want)
			}
		})
	}
}

func TestWriteModelIsDeterministic(t *testing.T) {
	m := builtIn(t)
	var a, b bytes.Buffer
	if err := WriteModel(&a, m); err != nil {
		t.Fatal(err)
	}
	if err := WriteModel(&b, builtIn(t)); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two writes of one model differ")
	}
	back, err := ReadModel(&a, "round trip")
	if err != nil || back.Version != m.Version || len(back.Assoc) != len(m.Assoc) || back.Gate.Threshold != m.Gate.Threshold {
		t.Errorf("round trip: %v", err)
	}
	m.Weights = m.Weights[:2]
	if err := WriteModel(&bytes.Buffer{}, m); err == nil {
		t.Error("a model with two weights was written")
	}
}

func BenchmarkReadModel(b *testing.B) {
	for b.Loop() {
		if _, err := ReadModel(bytes.NewReader(model.File), model.Path); err != nil {
			b.Fatal(err)
		}
	}
}

// uqaIndex is the keyword index over testdata/uqa's paragraphs, chunked as
// ingest chunks, as a Searcher with the store's optional capabilities.
type uqaIndex struct {
	kw     *keyword.Index
	chunks map[string]Hit
}

func (u *uqaIndex) KeywordSearch(_ context.Context, q string, k int, _ Filter) ([]Hit, error) {
	return u.hits(u.kw.Search(text.ContentTokens(q), k, nil)), nil
}

func (u *uqaIndex) hits(res []keyword.Result) []Hit {
	var out []Hit
	for _, r := range res {
		h := u.chunks[r.ID]
		h.Score = r.Score
		out = append(out, h)
	}
	return out
}

func (u *uqaIndex) VectorSearch(context.Context, []float32, int, Filter) ([]Hit, error) {
	return nil, Errorf(Unavailable, "no vectors")
}

func (u *uqaIndex) WeightedKeywordSearch(_ context.Context, terms []WeightedTerm, k int, _ Filter) ([]Hit, error) {
	kt := make([]keyword.WeightedTerm, len(terms))
	for i, t := range terms {
		kt[i] = keyword.WeightedTerm{Term: t.Term, Weight: t.Weight}
	}
	return u.hits(u.kw.SearchWeighted(kt, k, nil)), nil
}

func (u *uqaIndex) IDFs(_ context.Context, tokens []string) ([]float64, error) {
	out := make([]float64, len(tokens))
	for i, t := range tokens {
		out[i] = u.kw.IDF(t)
	}
	return out, nil
}

func (u *uqaIndex) ChunkTerms(id string) []int32            { return u.kw.Terms(id) }
func (u *uqaIndex) Vocabulary(fn func(word string, df int)) { u.kw.Vocabulary(fn) }
func (u *uqaIndex) VocabularySize() int                     { return u.kw.VocabularySize() }

func (u *uqaIndex) ChunkAnalysis(id string) (Analysis, bool) {
	w, s, e, n, ok := u.kw.Analysis(id)
	return Analysis{Words: w, Stems: s, SentEnds: e, Next: n}, ok
}

type uqaQuestion struct {
	Question   string   `json:"question"`
	Answerable bool     `json:"answerable"`
	Evidence   []string `json:"evidence"`
}

func readJSONL[T any](t testing.TB, path string) []T {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []T
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<22)
	for sc.Scan() {
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	return out
}

type paragraph struct{ ID, Title, Text string }

func newUQAIndex(t testing.TB) *uqaIndex {
	t.Helper()
	return newParagraphIndex(readJSONL[paragraph](t, "../testdata/uqa/paragraphs.jsonl"))
}

// newParagraphIndex is the keyword index over paragraphs, chunked as ingest
// chunks them.
func newParagraphIndex(paras []paragraph) *uqaIndex {
	u := &uqaIndex{kw: keyword.New(), chunks: map[string]Hit{}}
	for _, p := range paras {
		offsets := text.ByteOffsets(p.Text)
		for i, sp := range text.Chunks(p.Text, text.DefaultChunkOptions) {
			c := Chunk{ID: p.ID + "#" + string(rune('a'+i)), DocID: p.ID, Text: p.Text[offsets[sp.Start]:offsets[sp.End]]}
			u.chunks[c.ID] = Hit{Chunk: c, Doc: DocumentInfo{ID: p.ID, Title: p.Title}}
			sents, next := text.SentenceTokensFollowed(c.Text)
			u.kw.AddSentences(c.ID, sents, next)
		}
	}
	return u
}

// A passage that answers in other words than the question's is found by the
// model's associations of its words: "پیدا" (born) finds "پیدائش" (birth),
// which plain keyword search cannot.
func TestExpansionFindsAnAnswerInOtherWords(t *testing.T) {
	u := newParagraphIndex([]paragraph{
		{ID: "birth", Text: "ان کی پیدائش سیالکوٹ کے ایک کشمیری گھرانے میں ہوئی۔"},
		{ID: "city", Text: "سیالکوٹ کھیلوں کا سامان بنانے کے لیے مشہور ہے۔"},
		{ID: "rain", Text: "لاہور میں کل رات تیز بارش ہوئی۔"},
	})
	m := builtIn(t)
	q := "وہ کہاں پیدا ہوئے؟"
	plain, err := (&Retriever{Index: u, Searches: KeywordOnly, Ranker: m}).Retrieve(context.Background(), q, 3, Filter{})
	if err != nil || len(plain) != 0 {
		t.Fatalf("without the model: %v, %v; want nothing (no passage holds پیدا)", plain, err)
	}
	ps, err := (&Retriever{Index: u, Searches: KeywordOnly, Ranker: m, Expansion: m}).Retrieve(context.Background(), q, 3, Filter{})
	if err != nil || len(ps) != 1 || ps[0].DocID != "birth" {
		t.Errorf("with the model's associations: %+v, %v; want the birth passage alone", ps, err)
	}
	// An English question is not expanded: the associations are Urdu's.
	r := &Retriever{Index: u, Searches: KeywordOnly, Expansion: m}
	if terms := r.expand(Query{Text: "where was he born"}); terms != nil {
		t.Errorf("expand(English) = %v, want nil", terms)
	}
	terms := r.expand(Query{Text: q})
	own, associates := 0, 0
	for _, term := range terms {
		switch {
		case !term.Associated && term.Weight == 1:
			own++
		case term.Associated && term.Weight > 0 && term.Weight <= ExpansionWeight:
			associates++
		default:
			t.Errorf("expand(%s): %+v: own words weigh 1, associates more than 0 and at most ExpansionWeight", q, term)
		}
	}
	if words := len(text.ContentTokens(q)); own != words || associates == 0 || associates > words*ExpansionTerms {
		t.Errorf("expand(%s) = %v, want its %d content words and at most %d associates of each", q, terms, words, ExpansionTerms)
	}
}

// An English question's year is searched by its rendering, not again by the
// English text: counted twice, a year that two dozen reports hold pushed the
// one report that answers (in "this year", not "2021") below the passages
// the ranker reads.
func TestOtherLanguageQuestionsNumbersAreTheRenderings(t *testing.T) {
	paras := []paragraph{{ID: "grain", Text: "رواں سال کے پہلے دو ماہ ترکی نے 145 ممالک کو اناج برآمد کیا۔"}}
	for i := range 30 {
		paras = append(paras, paragraph{ID: fmt.Sprintf("fy%02d", i), Text: fmt.Sprintf("مالی سال 2021 کے پہلے %d ماہ میں درآمدات میں اضافہ ہوا۔", i+2)})
	}
	r := renderingFirst(t, paras, "پہلی دو ماہ 2021 اناج ترکی برآمد ممالک",
		"In the first two months of 2021, how much grain did Turkey export?", "grain")
	// A question in another language that is only a number searches nothing
	// by its own text.
	if hits, err := r.keywordSearch(context.Background(), Query{Text: "2021?", OtherLanguage: true}, 5, Filter{}); err != nil || len(hits) != 0 {
		t.Errorf("keyword search of a bare year typed in another language: %d hits, %v; want none", len(hits), err)
	}
}

// So is its acronym: "NA" is the word the index holds for every
// constituency spelled "این اے", and searched again by the English text it
// pushed the one report on NA-45, which names it "قومی اسمبلی کے حلقہ 45",
// below two dozen on NA-249.
func TestOtherLanguageQuestionsAcronymsAreTheRenderings(t *testing.T) {
	paras := []paragraph{{ID: "na45", Text: "قومی اسمبلی کے حلقہ 45 کرم کے ضمنی انتخاب میں دھاندلی کے خلاف درخواست پر سماعت 10 مارچ تک ملتوی"}}
	for i := range 30 {
		paras = append(paras, paragraph{ID: fmt.Sprintf("na249-%02d", i), Text: fmt.Sprintf("این اے 249 کے ضمنی انتخاب کے لیے %d امیدواروں نے کاغذات جمع کرائے۔", i+2)})
	}
	r := renderingFirst(t, paras, "این اے 45 کرم ضمنی انتخاب دھاندلی درخواست سماعت ملتوی",
		"Until when was the hearing on rigging in the NA-45 Kurram by-election adjourned?", "na45")
	if hits, err := r.keywordSearch(context.Background(), Query{Text: "NA-45?", OtherLanguage: true}, 5, Filter{}); err != nil || len(hits) != 0 {
		t.Errorf("keyword search of an acronym typed in another language: %d hits, %v; want none", len(hits), err)
	}
}

// renderingFirst searches paras, keyword only, for an English question and
// its rendering (its content words, each weighing 1), as an English
// question is searched, and fails unless the passage of document want comes
// first. It returns the retriever.
func renderingFirst(t *testing.T, paras []paragraph, rendering, english, want string) *Retriever {
	t.Helper()
	m := builtIn(t)
	r := &Retriever{Index: newParagraphIndex(paras), Searches: KeywordOnly, Ranker: m, Expansion: m}
	q := Query{Text: rendering}
	for _, w := range text.ContentTokens(rendering) {
		q.Terms = append(q.Terms, WeightedTerm{Term: w, Weight: 1})
	}
	res, err := r.Search(context.Background(), []Query{{Text: english, OtherLanguage: true, KeywordOnly: true}, q}, 5, Filter{})
	if err != nil || len(res.Passages) == 0 || res.Passages[0].DocID != want {
		t.Fatalf("%q with its rendering: %v, %v; want %s first", english, passageDocs(res.Passages), err, want)
	}
	return r
}

func passageDocs(ps []Passage) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.DocID
	}
	return out
}

// assocTable is Associations from a literal table.
type assocTable map[string]map[string]float64

func (a assocTable) Answers(q string) map[string]float64 { return a[q] }

// expand takes each word's ExpansionTerms strongest associates, equal
// strengths by word, whatever order the map gives them in.
func TestExpansionTakesTheStrongest(t *testing.T) {
	table := assocTable{"جنگ": {"لڑائی": 0.5, "عظیم": 0.4, "فوج": 0.4, "امن": 0.4, "معرکہ": 0.1, "ہتھیار": 0.3}}
	associate := func(w string) WeightedTerm {
		return WeightedTerm{Term: w, Weight: ExpansionWeight * table["جنگ"][w], Associated: true}
	}
	want := []WeightedTerm{{Term: "جنگ", Weight: 1}, associate("لڑائی"), associate("امن"), associate("عظیم")}
	for range 50 {
		got := (&Retriever{Expansion: table}).expand(Query{Text: "جنگ"})
		if !slices.Equal(got, want) {
			t.Fatalf("expand(جنگ) = %v, want %v", got, want)
		}
	}
}

// The learned ranker ranks the UQA sample (held out from its training) better
// than BM25 alone: the reciprocal rank of the first passage holding the answer.
func TestRankerBeatsBM25(t *testing.T) {
	u := newUQAIndex(t)
	m := builtIn(t)
	mrr := func(r *Retriever) float64 {
		sum, n := 0.0, 0
		for _, q := range readJSONL[uqaQuestion](t, "../testdata/uqa/questions.jsonl") {
			if !q.Answerable {
				continue
			}
			n++
			ps, err := r.Retrieve(context.Background(), q.Question, 10, Filter{})
			if err != nil {
				t.Fatal(err)
			}
			for i, p := range ps {
				if containsEvidence(p.Text, q.Evidence) {
					sum += 1 / float64(i+1)
					break
				}
			}
		}
		return sum / float64(n)
	}
	// MMR would reorder both alike; λ = 1 keeps each ranking as it is.
	bm25 := mrr(&Retriever{Index: u, Searches: KeywordOnly, Lambda: 1})
	learned := mrr(&Retriever{Index: u, Searches: KeywordOnly, Lambda: 1, Ranker: m})
	t.Logf("mrr: BM25 %.3f, learned ranker %.3f", bm25, learned)
	if learned <= bm25+0.02 {
		t.Errorf("the learned ranker's mrr %.3f is not above BM25's %.3f", learned, bm25)
	}
}

func containsEvidence(p string, ev []string) bool {
	f := strings.Join(strings.Fields(text.Fold(p)), " ")
	for _, e := range ev {
		if e = strings.Join(strings.Fields(text.Fold(e)), " "); e != "" && strings.Contains(f, e) {
			return true
		}
	}
	return false
}

// The gate tells the sample's answerable questions from questions about news
// the collection does not hold (the Pakistan–Russia questions).
func TestGateRefusesWhatTheCollectionDoesNotCover(t *testing.T) {
	u := newUQAIndex(t)
	m := builtIn(t)
	a := &Answerer{Retriever: &Retriever{Index: u, Searches: KeywordOnly, Ranker: m}, Model: m, CorpusLang: "ur"}
	ask := func(q string) *Answer {
		ans, err := a.Ask(context.Background(), Question{Text: q})
		if err != nil {
			t.Fatal(err)
		}
		// Below the threshold is a refusal (a question in another script than
		// the collection's may be refused above it: see Ask).
		if ans.Answerability < 0 || ans.Answerability > 1 || ans.Answerability < m.Gate.Threshold && !ans.Refused {
			t.Fatalf("%s: answerability %v, refused %v, threshold %v", q, ans.Answerability, ans.Refused, m.Gate.Threshold)
		}
		return ans
	}
	answered := 0
	qs := readJSONL[uqaQuestion](t, "../testdata/uqa/questions.jsonl")
	n := 0
	for _, q := range qs {
		if q.Answerable {
			n++
			if !ask(q.Question).Refused {
				answered++
			}
		}
	}
	if float64(answered) < 0.8*float64(n) {
		t.Errorf("answered %d of %d answerable questions", answered, n)
	}
	type pkru struct {
		Question string `json:"question"`
		Lang     string `json:"lang"`
	}
	refused, m2 := 0, 0
	for _, q := range readJSONL[pkru](t, "../testdata/eval/pk-ru.jsonl") {
		if q.Lang != "ur" {
			continue
		}
		m2++
		if ask(q.Question).Refused {
			refused++
		}
	}
	if float64(refused) < 0.8*float64(m2) {
		t.Errorf("refused %d of %d questions about news this collection does not hold", refused, m2)
	}
}

// A question in another language than the collection's is ranked by its
// rendering, but an article in the question's own language (an English
// report in an Urdu archive) is ranked by the question itself, whose words
// it holds; a chunk of an Urdu article is not, though it quotes English.
func TestRankOwnLanguageArticle(t *testing.T) {
	r := &Retriever{Ranker: builtIn(t)}
	queries := []Query{
		{Text: "How many people have died in the Swat floods so far?", OtherLanguage: true},
		{Text: "کتنے لوگ سوات سیلاب مر"},
	}
	english := "The death toll from the floods in Swat has risen to 64 people so far, officials said."
	passage := func(id, lang, txt string) Passage {
		an := Analyze(txt)
		return Passage{ChunkID: id, DocID: id, Text: txt, Score: 1, lang: lang, analysis: &an}
	}
	ps := []Passage{
		passage("urdu", "ur", "سوات میں سیلاب سے مزید لوگ جاں بحق ہو گئے۔"),
		passage("english", "en", english),
		passage("tweet", "ur", english),
	}
	ranked := r.rank(queries, ps, nil)
	cover := map[string]float64{}
	for _, p := range ranked {
		cover[p.ChunkID] = p.features[fCoverPassage]
	}
	if cover["english"] < 0.5 {
		t.Errorf("the English article met %.2f of the English question's words", cover["english"])
	}
	if cover["tweet"] != 0 {
		t.Errorf("an Urdu article's English chunk was ranked by the English question (cover %.2f)", cover["tweet"])
	}
	if ranked[0].ChunkID != "english" {
		t.Errorf("first %s, want the English report", ranked[0].ChunkID)
	}
}
