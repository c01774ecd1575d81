package api

import (
	"context"
	"encoding/json"
	"math"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/jawab/jawab/rag"
)

// answerabilityOf returns the "answerability" field of a JSON object, failing
// t when it is missing, not a number, or outside [0,1].
func answerabilityOf(t *testing.T, what string, data []byte) float64 {
	t.Helper()
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(data, &obj); err != nil {
		t.Fatalf("%s: %v: %s", what, err, data)
	}
	raw, ok := obj["answerability"]
	if !ok {
		t.Fatalf("%s has no answerability: %s", what, data)
	}
	var p float64
	if err := json.Unmarshal(raw, &p); err != nil {
		t.Fatalf("%s: answerability %s is not a number", what, raw)
	}
	if p < 0 || p > 1 {
		t.Errorf("%s: answerability %v, want it in [0,1]", what, p)
	}
	return p
}

func TestSearch(t *testing.T) {
	ts := newTestServer(t, Config{})
	resp, body := ts.do(t, "POST", "/v1/search", map[string]any{"query": " 1948 ", "k": 1, "filters": map[string]any{"lang": "ur"}})
	if resp.StatusCode != 200 {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	if got := answerabilityOf(t, "search", body); got != searchAnswerability {
		t.Errorf("answerability = %v, want the Searcher's %v", got, searchAnswerability)
	}
	var out struct {
		Passages []rag.Passage
		Warnings []string
	}
	if err := json.Unmarshal(body, &out); err != nil {
		t.Fatal(err)
	}
	if len(out.Passages) != 1 || out.Passages[0].ChunkID != "a#0" {
		t.Errorf("passages %+v, want a#0 only", out.Passages)
	}
	if want := []string{"keyword search failed: boom"}; !slices.Equal(out.Warnings, want) {
		t.Errorf("warnings %q, want %q", out.Warnings, want)
	}

	ts.do(t, "POST", "/v1/search", map[string]any{"query": "x"})
	ts.searcher.mu.Lock()
	calls := slices.Clone(ts.searcher.calls)
	ts.searcher.mu.Unlock()
	if len(calls) != 2 {
		t.Fatalf("%d searches, want 2", len(calls))
	}
	if c := calls[0]; c.query != "1948" || c.k != 1 || c.f.Lang != "ur" {
		t.Errorf("search request %+v, want query 1948, k 1, lang ur", c)
	}
	if c := calls[1]; c.k != 5 {
		t.Errorf("k = %d without one in the request, want 5", c.k)
	}

	// Nothing found: arrays, not nulls, and the answerability all the same.
	ts.searcher.search = func(context.Context, string, int, rag.Filter) (*rag.SearchResult, error) {
		return &rag.SearchResult{}, nil
	}
	resp, body = ts.do(t, "POST", "/v1/search", map[string]any{"query": "x"})
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"passages":[]`) || !strings.Contains(string(body), `"warnings":[]`) {
		t.Errorf("empty search: %d %s", resp.StatusCode, body)
	}
	if got := answerabilityOf(t, "empty search", body); got != 0 {
		t.Errorf("answerability = %v, want 0", got)
	}

	ts.searcher.search = func(context.Context, string, int, rag.Filter) (*rag.SearchResult, error) {
		return nil, rag.Errorf(rag.Unavailable, "the embedder is down")
	}
	resp, body = ts.do(t, "POST", "/v1/search", map[string]any{"query": "x"})
	if resp.StatusCode != 503 || errorCode(t, body) != "unavailable" {
		t.Errorf("failed search: %d %s", resp.StatusCode, body)
	}
}

// Wherever an answer goes out, its answerability goes with it: /v1/ask as
// JSON and streamed (the done event), and the OpenAI-compatible completion,
// whole and streamed (the last chunk, with the citations).
func TestAnswerabilityInEveryAnswer(t *testing.T) {
	ts := newTestServer(t, Config{})
	chat := `{"model":"jawab","messages":[{"role":"user","content":"When?"}]}`
	streamedChat := `{"model":"jawab","stream":true,"messages":[{"role":"user","content":"When?"}]}`
	for _, want := range []float64{askAnswerability, 0} {
		inner := &fakeAsker{}
		ts.s.asker = askerFunc(func(ctx context.Context, q rag.Question) (*rag.Answer, error) {
			a, err := inner.Ask(ctx, q)
			a.Answerability = want
			return a, err
		})

		_, body := ts.do(t, "POST", "/v1/ask", map[string]any{"question": "When?"})
		if got := answerabilityOf(t, "ask", body); got != want {
			t.Errorf("ask: answerability %v, want %v", got, want)
		}

		events := collectEvents(t, askStream(t, ts, context.Background(), `{"question":"When?","stream":true}`).Body)
		if len(events) == 0 || events[len(events)-1].Type != "done" {
			t.Fatalf("stream: %+v", events)
		}
		if got := answerabilityOf(t, "done event", []byte(events[len(events)-1].Data)); got != want {
			t.Errorf("done event: answerability %v, want %v", got, want)
		}

		_, body = ts.do(t, "POST", "/v1/chat/completions", chat)
		if got := answerabilityOf(t, "chat completion", body); got != want {
			t.Errorf("chat completion: answerability %v, want %v", got, want)
		}

		_, body = ts.do(t, "POST", "/v1/chat/completions", streamedChat)
		chunks := collectEvents(t, strings.NewReader(string(body)))
		if len(chunks) < 2 || chunks[len(chunks)-1].Data != "[DONE]" {
			t.Fatalf("chat stream: %+v", chunks)
		}
		last := chunks[len(chunks)-2]
		if got := answerabilityOf(t, "last chat chunk", []byte(last.Data)); got != want {
			t.Errorf("last chat chunk: answerability %v, want %v", got, want)
		}
		for _, ch := range chunks[:len(chunks)-2] {
			if strings.Contains(ch.Data, `"answerability"`) {
				t.Errorf("a chunk before the last has an answerability: %s", ch.Data)
			}
		}
	}
}

// memIndex is a tiny index for the real rag.Answerer: its keyword search
// returns the chunks that share a word with the query, its vector search every
// chunk (a vector search returns the nearest, however far).
type memIndex struct{ hits []rag.Hit }

func newMemIndex(texts ...string) *memIndex {
	m := &memIndex{}
	for i, s := range texts {
		id := string(rune('a' + i))
		n := len([]rune(s))
		m.hits = append(m.hits, rag.Hit{
			Chunk: rag.Chunk{ID: id + "#0", DocID: id, End: n, Text: s},
			Doc:   rag.DocumentInfo{ID: id, Title: "Article " + id, Lang: "ur", Runes: n, Chunks: 1},
		})
	}
	return m
}

func (m *memIndex) VectorSearch(_ context.Context, _ []float32, k int, _ rag.Filter) ([]rag.Hit, error) {
	return slices.Clone(m.hits[:min(k, len(m.hits))]), nil
}

func (m *memIndex) KeywordSearch(_ context.Context, query string, k int, _ rag.Filter) ([]rag.Hit, error) {
	words := func(s string) []string {
		return strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(" ؟۔?.,،", r) })
	}
	q := words(query)
	var out []rag.Hit
	for _, h := range m.hits {
		if slices.ContainsFunc(words(h.Chunk.Text), func(w string) bool { return slices.Contains(q, w) }) {
			out = append(out, h)
		}
	}
	return out[:min(k, len(out))], nil
}

func (m *memIndex) WeightedKeywordSearch(ctx context.Context, terms []rag.WeightedTerm, k int, f rag.Filter) ([]rag.Hit, error) {
	var words []string
	for _, t := range terms {
		words = append(words, t.Term)
	}
	return m.KeywordSearch(ctx, strings.Join(words, " "), k, f)
}

// IDFs weighs every word alike.
func (m *memIndex) IDFs(_ context.Context, tokens []string) ([]float64, error) {
	out := make([]float64, len(tokens))
	for i := range out {
		out[i] = 1
	}
	return out, nil
}

func (m *memIndex) ChunkTerms(string) []int32                 { return nil }
func (m *memIndex) ChunkAnalysis(string) (rag.Analysis, bool) { return rag.Analysis{}, false }
func (m *memIndex) Vocabulary(func(word string, df int))      {}
func (m *memIndex) VocabularySize() int                       { return 0 }

type constEmbedder struct{}

func (constEmbedder) Name() string       { return "const" }
func (constEmbedder) Dimension() int     { return 2 }
func (constEmbedder) Multilingual() bool { return false }
func (constEmbedder) Embed(_ context.Context, texts []string, _ rag.Purpose) ([][]float32, error) {
	out := make([][]float32, len(texts))
	for i := range out {
		out[i] = []float32{1, 0}
	}
	return out, nil
}

// Through the real rag.Answerer, a question the passages answer gets a higher
// answerability than one they have nothing on, from /v1/search and /v1/ask
// alike, and the two agree on each question (one gate).
func TestAnswerabilityWithTheRealAnswerer(t *testing.T) {
	idx := newMemIndex(
		"پاکستان اور سوویت یونین کے درمیان سفارتی تعلقات یکم مئی 1948 کو قائم ہوئے۔",
		"روس نے کورونا ویکسین کی پچاس ہزار ڈوز پاکستان کو فراہم کیں۔",
		"کراچی سے ماسکو کے لیے براہ راست پروازیں دوبارہ شروع ہو گئیں۔",
	)
	a := &rag.Answerer{Retriever: &rag.Retriever{Index: idx, Embedder: constEmbedder{}}}
	s := newServer(Deps{Asker: a, Searcher: a, Config: Config{Rate: -1}})
	ts := &testServer{Server: httptest.NewServer(s.engine), s: s}
	t.Cleanup(ts.Close)

	score := func(question string) float64 {
		t.Helper()
		resp, body := ts.do(t, "POST", "/v1/search", map[string]any{"query": question, "k": 3})
		if resp.StatusCode != 200 {
			t.Fatalf("search %q: %d %s", question, resp.StatusCode, body)
		}
		var out struct{ Passages []rag.Passage }
		if err := json.Unmarshal(body, &out); err != nil || len(out.Passages) == 0 {
			t.Fatalf("search %q: no passages: %v %s", question, err, body)
		}
		searched := answerabilityOf(t, "search", body)
		resp, body = ts.do(t, "POST", "/v1/ask", map[string]any{"question": question, "k": 3})
		if resp.StatusCode != 200 {
			t.Fatalf("ask %q: %d %s", question, resp.StatusCode, body)
		}
		asked := answerabilityOf(t, "ask", body)
		if math.Abs(searched-asked) > 1e-9 {
			t.Errorf("%q: answerability %v by /v1/search, %v by /v1/ask", question, searched, asked)
		}
		return asked
	}
	answered := score("پاکستان اور سوویت یونین کے درمیان سفارتی تعلقات کب قائم ہوئے؟")
	unrelated := score("برازیل میں فٹ بال کا عالمی کپ کس ٹیم نے جیتا؟")
	t.Logf("answerability %v for the question the passages answer, %v for an unrelated one", answered, unrelated)
	if answered <= unrelated {
		t.Errorf("answerability %v for the question the passages answer, %v for an unrelated one; want the first higher", answered, unrelated)
	}
}
