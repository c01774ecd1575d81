package eval

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jawab/jawab/rag"
)

// fakeAsker answers each question with a canned answer, by question text.
type fakeAsker struct {
	answers map[string]*rag.Answer
	errs    map[string]error
	jitter  bool // sleep a random moment, to shuffle completion order
	mu      sync.Mutex
	asked   []rag.Question
}

func (f *fakeAsker) Ask(ctx context.Context, q rag.Question) (*rag.Answer, error) {
	f.mu.Lock()
	f.asked = append(f.asked, q)
	f.mu.Unlock()
	if f.jitter {
		time.Sleep(time.Duration(rand.IntN(3000)) * time.Microsecond)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := f.errs[q.Text]; err != nil {
		return nil, err
	}
	a, ok := f.answers[q.Text]
	if !ok {
		return nil, fmt.Errorf("no canned answer for %q", q.Text)
	}
	c := *a
	return &c, nil
}

// fakeRetriever returns a fixed ranking per query.
type fakeRetriever struct {
	rankings map[string][]rag.Passage
	calls    atomic.Int32
}

func (f *fakeRetriever) Retrieve(_ context.Context, query string, k int, _ rag.Filter) ([]rag.Passage, error) {
	f.calls.Add(1)
	ps := f.rankings[query]
	return ps[:min(k, len(ps))], nil
}

// passages numbers texts as retrieved passages of doc "d<i>".
func passages(texts ...string) []rag.Passage {
	var ps []rag.Passage
	for i, t := range texts {
		ps = append(ps, rag.Passage{N: i + 1, ChunkID: fmt.Sprintf("d%d#0", i+1), DocID: fmt.Sprintf("d%d", i+1), Text: t})
	}
	return ps
}

func answered(text string, ps []rag.Passage, cites ...string) *rag.Answer {
	a := &rag.Answer{Answer: text, Passages: ps, Generator: "extractive", Citations: []rag.Citation{},
		Timings: map[string]float64{"retrieve": 2, "generate": 1, "total": 3}}
	for i, d := range cites {
		a.Citations = append(a.Citations, rag.Citation{N: i + 1, DocID: d})
	}
	return a
}

func refused(lang string, ps []rag.Passage) *rag.Answer {
	a := answered(rag.Refusal(lang), ps)
	a.Refused = true
	return a
}

func runOne(t *testing.T, q Question, a *rag.Answer, more []rag.Passage) Result {
	t.Helper()
	asker := &fakeAsker{answers: map[string]*rag.Answer{q.Question: a}}
	ret := &fakeRetriever{rankings: map[string][]rag.Passage{q.Question: more}}
	r, err := Run(context.Background(), []Question{q}, asker, ret, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return r.Questions[0]
}

func filler(n int) []string {
	var out []string
	for i := range n {
		out = append(out, fmt.Sprintf("کچھ اور خبر نمبر %d۔", i))
	}
	return out
}

func TestHitRank(t *testing.T) {
	const evidence = "یکم مئی 1948 کو نیو یارک میں"
	hitText := "سفارتی تعلقات یکم مئی 1948 کو نیو یارک میں قائم ہوئے۔"
	tests := []struct {
		name     string
		evidence []string
		used     []string // the answer's passages
		more     []string // the separate top-10 ranking
		wantRank int
		hit1     bool
		hit5     bool
	}{
		{"first", []string{evidence}, append([]string{hitText}, filler(4)...), nil, 1, true, true},
		{"third", []string{evidence}, append(append(filler(2), hitText), filler(2)...), nil, 3, false, true},
		{"beyond the answer's passages", []string{evidence}, filler(5), append(filler(6), hitText), 7, false, false},
		{"none in the top 10", []string{evidence}, filler(5), append(filler(10), hitText), 0, false, false},
		{"second evidence span", []string{"کسی اور جگہ", "نیو یارک"}, append(filler(1), hitText), nil, 2, false, true},
		// Typed on an Arabic keyboard (ي ك ه), with Urdu digits, against
		// the article's Urdu letters and ASCII digits.
		{"Arabic code points and Urdu digits", []string{"يكم مئي ۱۹۴۸ كو نيو يارك ميں"}, []string{hitText}, nil, 1, true, true},
		{"diacritics, case and line breaks", []string{"یکمِ مئی 1948\nکو  نیو یارک"}, []string{"Intro.\n" + hitText}, nil, 1, true, true},
		{"Latin case", []string{"new york"}, []string{"They met in New York in 1948."}, nil, 1, true, true},
		{"ZWNJ for a space", []string{"نیو\u200cیارک"}, []string{hitText}, nil, 1, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := Question{ID: "q", Question: "کب؟", Lang: "ur", Answerable: true, DocIDs: []string{"d1"}, Evidence: tt.evidence}
			r := runOne(t, q, answered("جواب", passages(tt.used...)), passages(tt.more...))
			if r.HitRank != tt.wantRank {
				t.Errorf("hit_rank = %d, want %d", r.HitRank, tt.wantRank)
			}
			if *r.Pass.Hit1 != tt.hit1 || *r.Pass.Hit5 != tt.hit5 {
				t.Errorf("hit@1, hit@5 = %v, %v, want %v, %v", *r.Pass.Hit1, *r.Pass.Hit5, tt.hit1, tt.hit5)
			}
			for _, p := range r.Passages {
				if p.Hit && len(p.Mark) != 2 {
					t.Errorf("passage %d is a hit but has no highlight", p.Rank)
				}
				if p.Hit {
					rs := []rune(p.Text)
					if got := string(rs[p.Mark[0]:p.Mark[1]]); !strings.Contains(norm(got), "نیو یارک") && !strings.Contains(norm(got), "new york") {
						t.Errorf("highlight %q does not cover the evidence", got)
					}
				}
			}
		})
	}
}

// The separate top-10 retrieval only runs when it can change the rank.
func TestHitRankRetrievesOnlyWhenNeeded(t *testing.T) {
	q := Question{ID: "q", Question: "کب؟", Lang: "ur", Answerable: true, DocIDs: []string{"d1"}, Evidence: []string{"نیو یارک"}}
	for _, tt := range []struct {
		name      string
		q         Question
		used      []string
		wantCalls int
	}{
		{"hit among the used passages", q, []string{"نیو یارک میں"}, 0},
		{"no hit", q, filler(5), 1},
		{"unanswerable", Question{ID: "q", Question: "کب؟", Lang: "ur"}, filler(5), 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			asker := &fakeAsker{answers: map[string]*rag.Answer{"کب؟": answered("جواب", passages(tt.used...))}}
			ret := &fakeRetriever{}
			if _, err := Run(context.Background(), []Question{tt.q}, asker, ret, Options{}); err != nil {
				t.Fatal(err)
			}
			if got := int(ret.calls.Load()); got != tt.wantCalls {
				t.Errorf("Retrieve called %d times, want %d", got, tt.wantCalls)
			}
		})
	}
}

func TestFacts(t *testing.T) {
	ps := passages("متن")
	tests := []struct {
		name    string
		must    [][]string
		answer  *rag.Answer
		want    float64
		missing int
	}{
		{"all stated", [][]string{{"1948", "۱۹۴۸"}, {"مئی", "May"}}, answered("یکم مئی 1948 کو [1]", ps, "d1"), 1, 0},
		{"second variant, Urdu digits", [][]string{{"nineteen", "1948"}}, answered("۱۹۴۸ میں [1]", ps, "d1"), 1, 0},
		{"case-insensitive", [][]string{{"New York"}}, answered("in NEW YORK [1]", ps, "d1"), 1, 0},
		{"Arabic keyboard variant", [][]string{{"نيو يارك"}}, answered("نیو یارک میں [1]", ps, "d1"), 1, 0},
		{"half", [][]string{{"Moscow", "ماسکو"}, {"26"}}, answered("ماسکو میں [1]", ps, "d1"), 0.5, 1},
		{"a citation marker is not a fact", [][]string{{"1"}}, answered("کچھ نہیں [1]", ps, "d1"), 0, 1},
		{"refusal states nothing", [][]string{{"مضامین"}}, refused("ur", ps), 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := Question{ID: "q", Question: "سوال؟", Lang: "ur", Answerable: true, DocIDs: []string{"d1"}, Evidence: []string{"متن"}, MustInclude: tt.must}
			r := runOne(t, q, tt.answer, nil)
			if r.Facts == nil || *r.Facts != tt.want {
				t.Fatalf("facts = %v, want %v", r.Facts, tt.want)
			}
			if len(r.Missing) != tt.missing {
				t.Errorf("missing = %v, want %d items", r.Missing, tt.missing)
			}
			if *r.Pass.Facts != (tt.want == 1) {
				t.Errorf("pass.facts = %v", *r.Pass.Facts)
			}
		})
	}
	t.Run("not applicable", func(t *testing.T) {
		q := Question{ID: "q", Question: "سوال؟", Lang: "ur", Answerable: true, DocIDs: []string{"d1"}, Evidence: []string{"متن"}}
		if r := runOne(t, q, answered("x", ps), nil); r.Facts != nil || r.Pass.Facts != nil {
			t.Errorf("no must_include: facts = %v, want null", r.Facts)
		}
		q = Question{ID: "q", Question: "سوال؟", Lang: "ur", MustInclude: [][]string{{"x"}}}
		if r := runOne(t, q, refused("ur", ps), nil); r.Facts != nil {
			t.Errorf("unanswerable: facts = %v, want null", *r.Facts)
		}
	})
}

// scored runs a set of questions with canned answers and returns the report.
func scored(t *testing.T, qs []Question, answers []*rag.Answer) *Report {
	t.Helper()
	asker := &fakeAsker{answers: map[string]*rag.Answer{}}
	for i, q := range qs {
		asker.answers[q.Question] = answers[i]
	}
	r, err := Run(context.Background(), qs, asker, &fakeRetriever{}, Options{Generator: "extractive"})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func q(id, lang string, answerable bool, docs ...string) Question {
	ev := []string{}
	if answerable {
		ev = []string{"متن"}
	}
	return Question{ID: id, Question: "سوال " + id, Lang: lang, Answerable: answerable, DocIDs: docs, Evidence: ev}
}

func TestCitationPrecision(t *testing.T) {
	ps := passages("متن", "متن", "متن")
	r := scored(t, []Question{q("a", "ur", true, "d1"), q("b", "ur", true, "d2", "d3"), q("c", "ur", false), q("d", "ur", true, "news/d9")},
		[]*rag.Answer{
			answered("جواب [1][2]", ps, "d1", "d2"),      // 1 of 2 gold
			answered("جواب [1][2]", ps, "d2", "news/d3"), // a subdirectory id matches by base name
			answered("جواب [1]", ps, "d1"),               // unanswerable: never gold
			answered("جواب", ps),                         // no citations: not counted
		})
	if r.Citations != 5 {
		t.Errorf("citations = %d, want 5", r.Citations)
	}
	if want := 0.6; r.CitationPrecision != want {
		t.Errorf("citation_precision = %v, want %v", r.CitationPrecision, want)
	}
	if r.Questions[3].Pass.Citations {
		t.Errorf("an uncited answer to an answerable question passes the citation check")
	}
	if got := r.Questions[1].Citations; !reflect.DeepEqual(got, []string{"d2", "news/d3"}) {
		t.Errorf("citations of b = %v", got)
	}

	none := scored(t, []Question{q("a", "ur", true, "d1")}, []*rag.Answer{refused("ur", ps)})
	if none.CitationPrecision != 0 || !strings.Contains(strings.Join(none.Notes, "\n"), "no answer cited") {
		t.Errorf("no citations: precision %v, notes %q; want 0 and a note", none.CitationPrecision, none.Notes)
	}
}

func TestRefusalAccuracy(t *testing.T) {
	ps := passages("متن")
	r := scored(t, []Question{q("a", "ur", true, "d1"), q("b", "ur", true, "d1"), q("c", "en", false), q("d", "en", false)},
		[]*rag.Answer{
			answered("جواب [1]", ps, "d1"), // right
			refused("ur", ps),              // wrong: refused an answerable question
			refused("en", ps),              // right
			answered("An answer [1]", ps),  // wrong: answered an unanswerable one
		})
	if r.RefusalAccuracy != 0.5 {
		t.Errorf("refusal_accuracy = %v, want 0.5", r.RefusalAccuracy)
	}
	if got := r.ByLang["en"].RefusalAccuracy; got != 0.5 {
		t.Errorf("en refusal_accuracy = %v, want 0.5", got)
	}
	if !strings.Contains(strings.Join(r.Questions[1].Failures, "\n"), "refused an answerable") ||
		!strings.Contains(strings.Join(r.Questions[3].Failures, "\n"), "answered an unanswerable") {
		t.Errorf("failures do not explain the refusals: %q, %q", r.Questions[1].Failures, r.Questions[3].Failures)
	}
}

func TestAnswerLang(t *testing.T) {
	tests := []struct {
		answer, want string
	}{
		{"سفارتی تعلقات یکم مئی 1948 کو قائم ہوئے [1]۔", "ur"},
		{"Relations were set up on 1 May 1948 [1].", "en"},
		{rag.Refusal("ur"), "ur"},
		{rag.Refusal("en"), "en"},
		// Urdu naming an English acronym is Urdu.
		{"SCO اجلاس میں وزیر اعظم نے شرکت کی [2]۔", "ur"},
		// The extractive answer to an English question quotes Urdu under a
		// short English preamble: it is not an English answer.
		{"No LLM is configured, so here are the most relevant sentences from the sources, quoted in their original Urdu:\nروس اور پاکستان کے درمیان سفارتی تعلقات یکم مئی 1948 کو نیو یارک میں سوویت یونین کے اس وقت کے روسی اور پاکستانی وزرائے خارجہ کے درمیان قائم ہوئے۔ [1]", "ur"},
		// The offline English answer states the facts in English and quotes
		// the Urdu sentence in «»: the quote is the source's, the rest is
		// the answer's own.
		{"The articles answer this in Urdu. Source [1] states: 1 May 1948; New York. (Urdu: «روس اور پاکستان کے درمیان سفارتی تعلقات یکم مئی 1948 کو نیو یارک میں قائم ہوئے۔») [1]", "en"},
		// Nothing but a quote: the quote's language.
		{"«روس اور پاکستان کے درمیان سفارتی تعلقات» [1]", "ur"},
		{"1948 [1]", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := AnswerLang(tt.answer); got != tt.want {
			t.Errorf("AnswerLang(%q) = %q, want %q", tt.answer, got, tt.want)
		}
	}

	ps := passages("متن")
	r := scored(t, []Question{q("a", "ur", true, "d1"), q("b", "en", true, "d1"), q("c", "en", false), q("d", "ur", true, "d1")},
		[]*rag.Answer{
			answered("یکم مئی 1948 [1]", ps, "d1"),
			answered("یکم مئی 1948 [1]", ps, "d1"), // Urdu for an English question
			refused("en", ps),
			answered("1948 [1]", ps, "d1"), // no letters: in no language
		})
	if r.LangAccuracy != 0.5 {
		t.Errorf("lang_accuracy = %v, want 0.5", r.LangAccuracy)
	}
	if got := r.Questions[1].Failures; !slicesContain(got, "lang: answer in ur, want en") {
		t.Errorf("failures = %q", got)
	}
}

func slicesContain(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

func TestStripMarkers(t *testing.T) {
	for in, want := range map[string]string{
		"In 1948 [1].":              "In 1948.",
		"Two [1][2]. Then [3] more": "Two. Then more",
		"قائم ہوئے [1]۔":            "قائم ہوئے۔",
		"word[1]word":               "word word",
		"no markers [a]":            "no markers [a]",
		"end [2]":                   "end",
	} {
		if got := StripMarkers(in); got != want {
			t.Errorf("StripMarkers(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPercentile(t *testing.T) {
	twenty := make([]float64, 20)
	for i := range twenty {
		twenty[i] = float64(20 - i) // 20 … 1, unsorted
	}
	tests := []struct {
		xs   []float64
		p    float64
		want float64
	}{
		{nil, 50, 0},
		{[]float64{7}, 50, 7},
		{[]float64{7}, 95, 7},
		{[]float64{4, 1, 3, 2}, 50, 2},
		{[]float64{4, 1, 3, 2}, 95, 4},
		{twenty, 50, 10},
		{twenty, 95, 19},
		{twenty, 100, 20},
		{[]float64{1.234567}, 50, 1.23},
	}
	for _, tt := range tests {
		if got := Percentile(tt.xs, tt.p); got != tt.want {
			t.Errorf("Percentile(%v, %v) = %v, want %v", tt.xs, tt.p, got, tt.want)
		}
	}
	if twenty[0] != 20 {
		t.Errorf("Percentile sorted its argument")
	}
}

func TestLatency(t *testing.T) {
	ps := passages("متن")
	var qs []Question
	var as []*rag.Answer
	for i := range 20 {
		qs = append(qs, q(fmt.Sprint(i), "ur", true, "d1"))
		a := answered("جواب [1]", ps, "d1")
		a.Timings = map[string]float64{"retrieve": float64(i + 1), "generate": float64(100 * (i + 1)), "total": 1}
		as = append(as, a)
	}
	r := scored(t, qs, as)
	want := Latency{RetrieveP50: 10, RetrieveP95: 19, GenerateP50: 1000, GenerateP95: 1900, TotalP50: 1, TotalP95: 1}
	if r.Latency != want {
		t.Errorf("latency = %+v, want %+v", r.Latency, want)
	}
}

func TestHeadlineAndByLang(t *testing.T) {
	hit := passages("متن")
	miss := passages("کچھ نہیں")
	qs := []Question{q("u1", "ur", true, "d1"), q("u2", "ur", true, "d1"), q("e1", "en", true, "d1"), q("e2", "en", false)}
	for i := range qs {
		qs[i].MustInclude = [][]string{{"جواب", "answer"}}
	}
	r := scored(t, qs, []*rag.Answer{
		answered("جواب [1]", hit, "d1"),
		answered("کچھ [1]", miss, "d1"),
		answered("The answer [1]", hit, "d1"),
		refused("en", miss),
	})
	check := func(name string, got, want float64) {
		t.Helper()
		if got != want {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
	check("n", float64(r.N), 4)
	check("answerable", float64(r.Answerable), 3)
	check("hit@1", r.Hit1, 0.6667)
	check("hit@5", r.Hit5, 0.6667)
	check("mrr", r.MRR, 0.6667)
	check("fact_recall", r.FactRecall, 0.6667)
	check("citation_precision", r.CitationPrecision, 1)
	check("refusal_accuracy", r.RefusalAccuracy, 1)
	check("lang_accuracy", r.LangAccuracy, 1)
	check("ur n", float64(r.ByLang["ur"].N), 2)
	check("ur hit@5", r.ByLang["ur"].Hit5, 0.5)
	check("ur mrr", r.ByLang["ur"].MRR, 0.5)
	check("en n", float64(r.ByLang["en"].N), 2)
	check("en answerable", float64(r.ByLang["en"].Answerable), 1)
	check("en fact_recall", r.ByLang["en"].FactRecall, 1)
	if r.Generator != "extractive" || r.K != 5 {
		t.Errorf("generator %q, k %d", r.Generator, r.K)
	}
}

func TestRunIsDeterministicAcrossConcurrency(t *testing.T) {
	var qs []Question
	asker := &fakeAsker{answers: map[string]*rag.Answer{}, jitter: true}
	for i := range 40 {
		qq := q(fmt.Sprintf("q%02d", i), []string{"ur", "en"}[i%2], i%5 != 0, "d1")
		qs = append(qs, qq)
		switch {
		case i%5 == 0:
			asker.answers[qq.Question] = refused(qq.Lang, passages(filler(5)...))
		case i%3 == 0:
			asker.answers[qq.Question] = answered("جواب [1]", passages(append(filler(i%5), "متن")...), "d1")
		default:
			asker.answers[qq.Question] = answered("answer [1]", passages(filler(5)...), "d2")
		}
	}
	var reports []*Report
	for _, conc := range []int{1, 3, 16} {
		var order []string
		r, err := Run(context.Background(), qs, asker, &fakeRetriever{}, Options{Concurrency: conc, Progress: func(done, total int, r *Result) {
			order = append(order, r.ID)
			if total != len(qs) || done != len(order) {
				t.Errorf("progress(%d, %d) after %d calls", done, total, len(order))
			}
		}})
		if err != nil {
			t.Fatal(err)
		}
		if len(order) != len(qs) {
			t.Errorf("concurrency %d: %d progress calls, want %d", conc, len(order), len(qs))
		}
		reports = append(reports, r)
	}
	for i, r := range reports[1:] {
		if !reflect.DeepEqual(reports[0], r) {
			t.Errorf("report %d differs from the report with concurrency 1", i+1)
		}
	}
	for i, res := range reports[2].Questions {
		if res.ID != qs[i].ID {
			t.Fatalf("question %d is %s, want %s", i, res.ID, qs[i].ID)
		}
	}
}

// A question's as_of reaches the Ask and the rank retrieval; the report
// breaks the metrics down by time kind and gives the stale rate: an answer
// citing only the superseded article is stale, one citing the current one
// too is not.
func TestTimeFields(t *testing.T) {
	ps := passages("ڈالر 160 روپے کا ہو گیا۔", "ڈالر 155 روپے کا تھا۔")
	latest := q("latest", "ur", true, "d1")
	latest.AsOf, latest.TimeKind, latest.StaleDocIDs = "2021-03-05", "latest", []string{"d2"}
	both := q("both", "ur", true, "d1")
	both.TimeKind, both.StaleDocIDs = "latest", []string{"d2"}
	plain := q("plain", "ur", true, "d1")
	qs := []Question{latest, both, plain}
	asker := &fakeAsker{answers: map[string]*rag.Answer{
		latest.Question: answered("ڈالر 155 روپے کا تھا [1]", ps, "d2"),
		both.Question:   answered("ڈالر 160 روپے کا ہو گیا [1]، پہلے 155 [2]", ps, "d1", "d2"),
		plain.Question:  answered("جواب [1]", ps, "d1"),
	}}
	ret := &recordingRetriever{}
	r, err := Run(context.Background(), qs, asker, ret, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range asker.asked {
		want := time.Time{}
		if a.Text == latest.Question {
			want = time.Date(2021, 3, 5, 0, 0, 0, 0, time.UTC)
		}
		if !a.AsOf.Equal(want) {
			t.Errorf("%q asked as of %v, want %v", a.Text, a.AsOf, want)
		}
	}
	// No used passage holds the evidence, so each question's rank was
	// looked for deeper: as of its day.
	end := time.Date(2021, 3, 6, 0, 0, 0, 0, time.UTC).Add(-time.Nanosecond)
	dated := 0
	for _, f := range ret.filters {
		if !f.To.IsZero() {
			dated++
			if !f.To.Equal(end) {
				t.Errorf("the rank retrieval as of 2021-03-05 filtered to %v", f.To)
			}
		}
	}
	if len(ret.filters) != 3 || dated != 1 {
		t.Errorf("rank retrievals %v: want 3, one as of 2021-03-05", ret.filters)
	}
	if r.StaleRate == nil || *r.StaleRate != 0.5 {
		t.Errorf("stale_rate = %v, want 0.5 (one of the two questions with stale_doc_ids)", r.StaleRate)
	}
	if got := r.TimeKinds(); !slices.Equal(got, []string{"latest", "none"}) {
		t.Errorf("time kinds %v", got)
	}
	if m := r.ByTimeKind["latest"]; m.N != 2 || m.Answerable != 2 {
		t.Errorf("by_time_kind latest = %+v", m)
	}
	if s := r.Questions[0].Stale; s == nil || !*s || !slices.ContainsFunc(r.Questions[0].Failures, func(f string) bool { return strings.HasPrefix(f, "time:") }) {
		t.Errorf("the stale answer: stale %v, failures %v", s, r.Questions[0].Failures)
	}
	var table, html strings.Builder
	if err := r.WriteTable(&table); err != nil {
		t.Fatal(err)
	}
	if err := r.WriteHTML(&html); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{table.String(), html.String()} {
		if !strings.Contains(out, "stale_rate 0.500") || !strings.Contains(out, "latest") {
			t.Errorf("the report lacks the time breakdown:\n%s", out)
		}
	}
	var js strings.Builder
	r.WriteJSON(&js)
	if !strings.Contains(js.String(), `"by_time_kind"`) || !strings.Contains(js.String(), `"stale_rate": 0.5`) {
		t.Error("the JSON report lacks by_time_kind or stale_rate")
	}

	// A set without time fields has neither.
	r = scored(t, []Question{plain}, []*rag.Answer{answered("جواب [1]", ps, "d1")})
	if r.ByTimeKind != nil || r.StaleRate != nil {
		t.Errorf("a set without time fields got by_time_kind %v, stale_rate %v", r.ByTimeKind, r.StaleRate)
	}
}

// An answer as of a day that read a passage published after it is the
// system's failure: the question fails with an error saying so, and counts
// as failed on every metric.
func TestPassageAfterAsOfFails(t *testing.T) {
	ps := passages("ڈالر 160 روپے کا ہو گیا۔", "ڈالر 162 روپے کا ہو گیا۔")
	ps[0].Published = time.Date(2021, 3, 5, 0, 0, 0, 0, time.UTC)
	ps[1].Published = time.Date(2021, 3, 20, 0, 0, 0, 0, time.UTC)
	later := q("later", "ur", true, "d1")
	later.AsOf = "2021-03-05"
	later.MustInclude = [][]string{{"160"}}
	sameDay := q("same day", "ur", true, "d1")
	sameDay.AsOf = "2021-03-05"
	r := scored(t, []Question{later, sameDay}, []*rag.Answer{answered("ڈالر 160 روپے [1]", ps, "d1"), answered("ڈالر 160 روپے [1]", ps[:1], "d1")})
	if r.Errors != 1 || !strings.Contains(r.Questions[0].Error, "d2#0, published 2021-03-20") {
		t.Errorf("errors %d, first question's error %q; want the passage of 20 March named", r.Errors, r.Questions[0].Error)
	}
	if r.Questions[0].Facts == nil || *r.Questions[0].Facts != 0 {
		t.Errorf("the failed question's facts %v, want 0", r.Questions[0].Facts)
	}
	if r.Questions[1].Error != "" {
		t.Errorf("a passage of the as_of day itself failed the question: %q", r.Questions[1].Error)
	}
}

// recordingRetriever records the filters of the rank retrievals.
type recordingRetriever struct {
	mu      sync.Mutex
	filters []rag.Filter
}

func (f *recordingRetriever) Retrieve(_ context.Context, _ string, _ int, fl rag.Filter) ([]rag.Passage, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.filters = append(f.filters, fl)
	return nil, nil
}

func TestRunPassesKAndLang(t *testing.T) {
	asker := &fakeAsker{answers: map[string]*rag.Answer{"سوال a": refused("en", nil)}}
	if _, err := Run(context.Background(), []Question{q("a", "en", false)}, asker, nil, Options{K: 3}); err != nil {
		t.Fatal(err)
	}
	if got := asker.asked[0]; got.K != 3 || got.Lang != "en" {
		t.Errorf("asked with k %d, lang %q; want 3, en", got.K, got.Lang)
	}
}

func TestRunAskError(t *testing.T) {
	qs := []Question{q("a", "ur", true, "d1"), q("b", "ur", false)}
	qs[0].MustInclude = [][]string{{"x"}}
	asker := &fakeAsker{
		answers: map[string]*rag.Answer{"سوال b": refused("ur", nil)},
		errs:    map[string]error{"سوال a": errors.New("store on fire")},
	}
	r, err := Run(context.Background(), qs, asker, &fakeRetriever{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Errors != 1 || r.Questions[0].Error != "store on fire" {
		t.Errorf("errors = %d, question error %q", r.Errors, r.Questions[0].Error)
	}
	// The failed question counts as failed everywhere.
	if r.RefusalAccuracy != 0.5 || r.LangAccuracy != 0.5 || r.FactRecall != 0 || r.Hit5 != 0 {
		t.Errorf("metrics with one failed question: %+v", r.Metrics)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Run(ctx, qs, asker, nil, Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled run: err = %v, want context.Canceled", err)
	}
}
