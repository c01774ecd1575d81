package llm

import (
	"cmp"
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jawab/jawab/internal/httpretry"
	"github.com/jawab/jawab/llm/llmtest"
	"github.com/jawab/jawab/rag"
)

const rerankQuery = "When was the Mangla dam raised?"

// rerankDocs score 1/6, 5/6, 0 and 4/6 by word overlap with rerankQuery
// ("when", "was", "the", "mangla", "dam", "raised"), so the fake answers best
// first in an order unlike the documents'.
var rerankDocs = []string{
	"Tarbela dam completed in 1976.",
	"The Mangla dam was raised by 30 feet in 2009.",
	"Cricket in Lahore.",
	"The Mangla dam was built in the 1960s.",
}

// newRerankTest starts a fake rerank server and a client of it in the given
// format, whose retry waits go to the returned recorder.
func newRerankTest(t *testing.T, opts llmtest.RerankOptions, cfg RerankConfig) (*llmtest.RerankServer, *Reranker, *sleepRecorder) {
	t.Helper()
	llmtest.NoLeaks(t) // first, so that it runs after the server has closed
	srv := llmtest.NewRerankServer(t, opts)
	rec := &sleepRecorder{}
	switch cfg.API {
	case RerankTEI:
		cfg.BaseURL = srv.TEIURL
	default:
		cfg.BaseURL = srv.BaseURL
	}
	if cfg.APIKey == "" {
		cfg.APIKey = srv.APIKey
	}
	if cfg.Model == "" {
		cfg.Model = "test-reranker"
	}
	cfg.HTTPClient = srv.Client()
	cfg.Retry = httpretry.Options{Sleep: rec.sleep, Jitter: func() float64 { return 0.5 }}
	r, err := NewReranker(cfg)
	if err != nil {
		t.Fatalf("NewReranker: %v", err)
	}
	return srv, r, rec
}

func TestRerankBothFormats(t *testing.T) {
	want := llmtest.WordOverlap(rerankQuery, rerankDocs)
	if slices.IsSortedFunc(want, func(a, b float64) int { return cmp.Compare(b, a) }) {
		t.Fatalf("test data: the scores %v are already best first; the test would not see a client that ignores the indexes", want)
	}
	for _, api := range []RerankAPI{RerankCohere, RerankTEI} {
		t.Run(string(api), func(t *testing.T) {
			srv, r, _ := newRerankTest(t, llmtest.RerankOptions{}, RerankConfig{API: api, Model: "bge-reranker-v2-m3"})
			got, err := r.Rerank(context.Background(), rerankQuery, rerankDocs)
			if err != nil {
				t.Fatalf("Rerank: %v", err)
			}
			if !slices.Equal(got, want) {
				t.Errorf("scores = %v, want %v (in the documents' order)", got, want)
			}
			reqs := srv.Requests()
			if len(reqs) != 1 {
				t.Fatalf("%d requests, want 1", len(reqs))
			}
			req := reqs[0]
			if req.API != string(api) || req.Query != rerankQuery || !slices.Equal(req.Documents, rerankDocs) {
				t.Errorf("request = %+v, want the %s format with the query and documents", req, api)
			}
			if got := req.Header.Get("Authorization"); got != "Bearer "+srv.APIKey {
				t.Errorf("Authorization = %q", got)
			}
			switch api {
			case RerankCohere:
				if req.Path != "/v1/rerank" || req.Model != "bge-reranker-v2-m3" {
					t.Errorf("path %s, model %q; want /v1/rerank and the model", req.Path, req.Model)
				}
				if req.TopN == nil || *req.TopN != len(rerankDocs) || req.ReturnDocuments == nil || *req.ReturnDocuments {
					t.Errorf("top_n %v, return_documents %v; want every document scored and none sent back", req.TopN, req.ReturnDocuments)
				}
			case RerankTEI:
				if req.Path != "/rerank" || req.Model != "" {
					t.Errorf("path %s, model %q; want /rerank and no model", req.Path, req.Model)
				}
				if req.Truncate == nil || !*req.Truncate || req.ReturnText == nil || *req.ReturnText {
					t.Errorf("truncate %v, return_text %v; want long texts truncated and none sent back", req.Truncate, req.ReturnText)
				}
			}
			if r.Name() != "bge-reranker-v2-m3" {
				t.Errorf("Name = %q, want the model", r.Name())
			}
		})
	}
}

// The documented replies of the real services, best first, with the fields a
// client must skip.
func TestRerankReadsDocumentedReplies(t *testing.T) {
	docs := []string{"a", "b", "c"}
	for _, tc := range []struct {
		name string
		api  RerankAPI
		body string
	}{
		{"cohere v2", RerankCohere, `{"id":"07734bd2-2473-4f07-94e1-0d9f0e6843cf","results":[{"index":2,"relevance_score":0.999071},{"index":0,"relevance_score":0.32713068},{"index":1,"relevance_score":0.0005}],"meta":{"api_version":{"version":"2"},"billed_units":{"search_units":1}}}`},
		{"jina", RerankCohere, `{"model":"jina-reranker-v2-base-multilingual","usage":{"total_tokens":15,"prompt_tokens":15},"results":[{"index":2,"document":{"text":"c"},"relevance_score":0.999071},{"index":0,"document":{"text":"a"},"relevance_score":0.32713068},{"index":1,"document":{"text":"b"},"relevance_score":0.0005}]}`},
		{"tei", RerankTEI, `[{"index":2,"score":0.999071},{"index":0,"score":0.32713068},{"index":1,"score":0.0005}]`},
		// A server that answers in the other format is still understood.
		{"tei reply to a cohere request", RerankCohere, `[{"index":2,"score":0.999071},{"index":0,"score":0.32713068},{"index":1,"score":0.0005}]`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, r, _ := newRerankTest(t, llmtest.RerankOptions{Replies: []llmtest.RerankReply{llmtest.RerankBody(tc.body)}}, RerankConfig{API: tc.api})
			got, err := r.Rerank(context.Background(), "q", docs)
			if err != nil {
				t.Fatalf("Rerank: %v", err)
			}
			if want := []float64{0.32713068, 0.0005, 0.999071}; !slices.Equal(got, want) {
				t.Errorf("scores = %v, want %v", got, want)
			}
		})
	}
}

func TestRerankRetries(t *testing.T) {
	srv, r, rec := newRerankTest(t, llmtest.RerankOptions{Replies: []llmtest.RerankReply{
		{Status: http.StatusTooManyRequests, Message: "rate limited", Header: http.Header{"Retry-After": {"2"}}},
		llmtest.RerankError(http.StatusServiceUnavailable, "loading model"),
	}}, RerankConfig{})
	got, err := r.Rerank(context.Background(), rerankQuery, rerankDocs)
	if err != nil {
		t.Fatalf("Rerank: %v", err)
	}
	if want := llmtest.WordOverlap(rerankQuery, rerankDocs); !slices.Equal(got, want) {
		t.Errorf("scores = %v, want %v", got, want)
	}
	if n := len(srv.Requests()); n != 3 {
		t.Errorf("%d requests, want 3 (429, 503, then the answer)", n)
	}
	for i, req := range srv.Requests() {
		if !slices.Equal(req.Documents, rerankDocs) {
			t.Errorf("attempt %d sent %q, want the documents again", i, req.Documents)
		}
	}
	// Retry-After for the 429, then the second backoff step.
	if want := []time.Duration{2 * time.Second, time.Second}; !slices.Equal(rec.recorded(), want) {
		t.Errorf("waits = %v, want %v", rec.recorded(), want)
	}
}

func TestRerankPersistentFailure(t *testing.T) {
	srv, r, rec := newRerankTest(t, llmtest.RerankOptions{Respond: func(int, llmtest.RerankRequest) llmtest.RerankReply {
		return llmtest.RerankError(http.StatusServiceUnavailable, "overloaded")
	}}, RerankConfig{MaxRetries: 2})
	_, err := r.Rerank(context.Background(), rerankQuery, rerankDocs)
	wantCode(t, err, rag.Unavailable)
	if !strings.Contains(err.Error(), "answered 503: overloaded") || !strings.Contains(err.Error(), "test-reranker") {
		t.Errorf("err = %v, want the status, the server's message and the model", err)
	}
	if n := len(srv.Requests()); n != 3 {
		t.Errorf("%d requests, want 3 (MaxRetries 2)", n)
	}
	if n := len(rec.recorded()); n != 2 {
		t.Errorf("%d waits, want 2", n)
	}
}

func TestRerankClientErrorsNotRetried(t *testing.T) {
	for _, api := range []RerankAPI{RerankCohere, RerankTEI} {
		t.Run(string(api), func(t *testing.T) {
			srv, r, _ := newRerankTest(t, llmtest.RerankOptions{}, RerankConfig{API: api, APIKey: "wrong-key"})
			_, err := r.Rerank(context.Background(), rerankQuery, rerankDocs)
			wantCode(t, err, rag.Invalid)
			if !strings.Contains(err.Error(), "answered 401: invalid api token") {
				t.Errorf("err = %v, want the server's 401 message from its %s error body", err, api)
			}
			if n := len(srv.Requests()); n != 1 {
				t.Errorf("%d requests, want 1", n)
			}
		})
	}
}

func TestRerankNoRetries(t *testing.T) {
	srv, r, _ := newRerankTest(t, llmtest.RerankOptions{Respond: func(int, llmtest.RerankRequest) llmtest.RerankReply {
		return llmtest.RerankError(http.StatusInternalServerError, "boom")
	}}, RerankConfig{MaxRetries: -1})
	_, err := r.Rerank(context.Background(), rerankQuery, rerankDocs)
	wantCode(t, err, rag.Unavailable)
	if n := len(srv.Requests()); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

func TestRerankTimeout(t *testing.T) {
	_, r, _ := newRerankTest(t, llmtest.RerankOptions{Respond: func(int, llmtest.RerankRequest) llmtest.RerankReply {
		return llmtest.RerankReply{Delay: time.Minute}
	}}, RerankConfig{Timeout: 200 * time.Millisecond})
	start := time.Now()
	_, err := r.Rerank(context.Background(), rerankQuery, rerankDocs)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want context.DeadlineExceeded", err)
	}
	wantCode(t, err, rag.Unavailable)
	if !strings.Contains(err.Error(), "did not answer within 200ms") {
		t.Errorf("err = %v, want it to name the reranker's timeout", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("gave up after %v, want about the 200ms timeout", d)
	}
}

// A 503 asking for more time than the timeout leaves is reported at once,
// not slept on.
func TestRerankNoWaitPastTimeout(t *testing.T) {
	srv, r, rec := newRerankTest(t, llmtest.RerankOptions{Respond: func(int, llmtest.RerankRequest) llmtest.RerankReply {
		return llmtest.RerankReply{Status: http.StatusServiceUnavailable, Message: "warming up", Header: http.Header{"Retry-After": {"30"}}}
	}}, RerankConfig{Timeout: time.Second})
	_, err := r.Rerank(context.Background(), rerankQuery, rerankDocs)
	wantCode(t, err, rag.Unavailable)
	if !strings.Contains(err.Error(), "answered 503: warming up") {
		t.Errorf("err = %v, want the server's 503 rather than a bare timeout", err)
	}
	if n := len(srv.Requests()); n != 1 || len(rec.recorded()) != 0 {
		t.Errorf("%d requests, waits %v; want 1 and none", n, rec.recorded())
	}
}

func TestRerankCallerCancels(t *testing.T) {
	_, r, _ := newRerankTest(t, llmtest.RerankOptions{Respond: func(int, llmtest.RerankRequest) llmtest.RerankReply {
		return llmtest.RerankReply{Delay: time.Minute}
	}}, RerankConfig{})
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	_, err := r.Rerank(ctx, rerankQuery, rerankDocs)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

func TestRerankWrongReplies(t *testing.T) {
	dropLast := func(rs []llmtest.RerankResult) []llmtest.RerankResult { return rs[:len(rs)-1] }
	setIndex := func(i, to int) func([]llmtest.RerankResult) []llmtest.RerankResult {
		return func(rs []llmtest.RerankResult) []llmtest.RerankResult {
			rs[i].Index = to
			return rs
		}
	}
	for _, tc := range []struct {
		name  string
		reply llmtest.RerankReply
		want  string
	}{
		{"truncated JSON", llmtest.RerankBody(`{"results":[{"index":0,"relevance_score":0.5}`), "unreadable reply"},
		{"not JSON", llmtest.RerankBody("<html>Bad Gateway</html>"), "not JSON: <html>Bad Gateway</html>"},
		{"blank", llmtest.RerankBody("  \n"), "empty body"},
		{"no results", llmtest.RerankBody(`{"data":[{"index":0,"score":1}]}`), "no results"},
		{"two values", llmtest.RerankBody(`[] []`), "more than one JSON value"},
		{"NaN", llmtest.RerankBody(`[{"index":0,"score":NaN},{"index":1,"score":1},{"index":2,"score":1},{"index":3,"score":1}]`), "unreadable reply"},
		{"infinite score", llmtest.RerankBody(`{"results":[{"index":0,"relevance_score":1e999},{"index":1,"relevance_score":1},{"index":2,"relevance_score":1},{"index":3,"relevance_score":1}]}`), "score 1e999 for document 0 is not a finite number"},
		{"no score", llmtest.RerankBody(`[{"index":0},{"index":1,"score":1},{"index":2,"score":1},{"index":3,"score":1}]`), "no score for document 0"},
		{"no index", llmtest.RerankBody(`[{"score":1},{"index":1,"score":1},{"index":2,"score":1},{"index":3,"score":1}]`), "result 0 has no index"},
		{"fractional index", llmtest.RerankBody(`[{"index":0.5,"score":1}]`), "unreadable reply"},
		{"a result missing", llmtest.RerankReply{Edit: dropLast}, "3 results for 4 documents"},
		{"an extra result", llmtest.RerankReply{Edit: func(rs []llmtest.RerankResult) []llmtest.RerankResult {
			return append(rs, llmtest.RerankResult{Index: 0, Score: 0})
		}}, "5 results for 4 documents"},
		{"duplicate index", llmtest.RerankReply{Edit: setIndex(3, 1)}, "index 1 twice"},
		{"index past the documents", llmtest.RerankReply{Edit: setIndex(0, 4)}, "index 4 for 4 documents"},
		{"negative index", llmtest.RerankReply{Edit: setIndex(2, -1)}, "index -1 for 4 documents"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, r, _ := newRerankTest(t, llmtest.RerankOptions{Replies: []llmtest.RerankReply{tc.reply}}, RerankConfig{})
			scores, err := r.Rerank(context.Background(), rerankQuery, rerankDocs)
			if err == nil {
				t.Fatalf("got scores %v, want an error", scores)
			}
			wantCode(t, err, rag.Unavailable)
			if !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "test-reranker") {
				t.Errorf("err = %v, want it to say %q and name the model", err, tc.want)
			}
			if n := len(srv.Requests()); n != 1 {
				t.Errorf("%d requests, want 1: a wrong answer is not retried", n)
			}
		})
	}
}

// A server or proxy may quote the key it was sent; jawab's errors end up in
// logs and in answers' warnings, and must not carry it.
func TestRerankKeyNotInErrors(t *testing.T) {
	const key = "sk-rerank-secret-0123456789"
	echo := func(req llmtest.RerankRequest) string { return "token " + req.Header.Get("Authorization") + " refused" }
	for _, tc := range []struct {
		name  string
		reply func(req llmtest.RerankRequest) llmtest.RerankReply
	}{
		{"in an error body", func(req llmtest.RerankRequest) llmtest.RerankReply {
			return llmtest.RerankError(http.StatusForbidden, echo(req))
		}},
		{"in a non-JSON error", func(req llmtest.RerankRequest) llmtest.RerankReply {
			return llmtest.RerankReply{Status: http.StatusBadGateway, Body: "<p>" + echo(req) + "</p>"}
		}},
		{"in a malformed reply", func(req llmtest.RerankRequest) llmtest.RerankReply {
			return llmtest.RerankBody(echo(req))
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, r, _ := newRerankTest(t, llmtest.RerankOptions{APIKey: key, Respond: func(_ int, req llmtest.RerankRequest) llmtest.RerankReply {
				return tc.reply(req)
			}}, RerankConfig{APIKey: key, MaxRetries: -1})
			_, err := r.Rerank(context.Background(), rerankQuery, rerankDocs)
			if err == nil {
				t.Fatal("got no error")
			}
			if got := srv.Requests()[0].Header.Get("Authorization"); got != "Bearer "+key {
				t.Fatalf("the key was not sent (Authorization %q): the test would prove nothing", got)
			}
			if strings.Contains(err.Error(), key) {
				t.Errorf("the error carries the key: %v", err)
			}
			if !strings.Contains(err.Error(), "[redacted]") {
				t.Errorf("err = %v, want the quoted key replaced by [redacted]", err)
			}
		})
	}
}

// Without a key (a TEI server on the local network, say) no Authorization
// header is sent at all, rather than an empty bearer token.
func TestRerankWithoutKey(t *testing.T) {
	srv := llmtest.NewRerankServer(t, llmtest.RerankOptions{NoAuth: true})
	r, err := NewReranker(RerankConfig{BaseURL: srv.TEIURL, API: RerankTEI, Model: "bge-reranker-v2-m3", HTTPClient: srv.Client()})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Rerank(context.Background(), rerankQuery, rerankDocs); err != nil {
		t.Fatalf("Rerank: %v", err)
	}
	if h := srv.Requests()[0].Header; h.Values("Authorization") != nil {
		t.Errorf("Authorization %q sent without a key", h.Values("Authorization"))
	}
}

func TestRerankNoDocumentsNoRequest(t *testing.T) {
	srv, r, _ := newRerankTest(t, llmtest.RerankOptions{}, RerankConfig{})
	got, err := r.Rerank(context.Background(), rerankQuery, nil)
	if err != nil || len(got) != 0 {
		t.Errorf("Rerank(no documents) = %v, %v; want no scores and no error", got, err)
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests, want none", n)
	}
}

func TestRerankConnectionRefused(t *testing.T) {
	srv, r, rec := newRerankTest(t, llmtest.RerankOptions{}, RerankConfig{MaxRetries: 1})
	srv.Close()
	_, err := r.Rerank(context.Background(), rerankQuery, rerankDocs)
	wantCode(t, err, rag.Unavailable)
	if !strings.Contains(err.Error(), "unreachable") {
		t.Errorf("err = %v, want unreachable", err)
	}
	if n := len(rec.recorded()); n != 1 {
		t.Errorf("%d waits, want 1 (MaxRetries)", n)
	}
}

func TestNewRerankerValidates(t *testing.T) {
	for _, tc := range []struct {
		name string
		cfg  RerankConfig
		want string
	}{
		{"no model", RerankConfig{BaseURL: "http://localhost:8080"}, "model is empty"},
		{"no server", RerankConfig{Model: "m"}, "no server URL"},
		{"not http", RerankConfig{Model: "m", BaseURL: "localhost:8080"}, "not an http(s) URL"},
		{"no host", RerankConfig{Model: "m", BaseURL: "http:///v1"}, "not an http(s) URL"},
		{"unknown API", RerankConfig{Model: "m", BaseURL: "http://localhost", API: "voyage"}, `API "voyage"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := NewReranker(tc.cfg)
			wantCode(t, err, rag.Invalid)
			if err != nil && !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want %q", err, tc.want)
			}
		})
	}
	r, err := NewReranker(RerankConfig{Model: "m", BaseURL: "https://api.cohere.com/v2/"})
	if err != nil {
		t.Fatal(err)
	}
	if r.url != "https://api.cohere.com/v2/rerank" || r.api != RerankCohere || r.timeout != DefaultRerankTimeout {
		t.Errorf("defaults: url %s, api %s, timeout %v", r.url, r.api, r.timeout)
	}
}

func TestParseRerankAPI(t *testing.T) {
	for in, want := range map[string]RerankAPI{"": RerankCohere, "cohere": RerankCohere, "Jina": RerankCohere, "tei": RerankTEI, " TEI ": RerankTEI} {
		if got, err := ParseRerankAPI(in); got != want || err != nil {
			t.Errorf("ParseRerankAPI(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseRerankAPI("voyage"); rag.ErrorCode(err) != rag.Invalid {
		t.Errorf("ParseRerankAPI(voyage) = %v, want invalid", err)
	}
}

// fixedIndex is an in-memory rag.Searcher whose keyword search returns its
// chunks in the order given: the fused order, since no vector search runs.
type fixedIndex []string

func (f fixedIndex) hits() []rag.Hit {
	hs := make([]rag.Hit, len(f))
	for i, text := range f {
		id := string(rune('a'+i)) + "#0"
		hs[i] = rag.Hit{Chunk: rag.Chunk{ID: id, DocID: id[:1], Text: text}, Doc: rag.DocumentInfo{ID: id[:1], Title: id[:1]}}
	}
	return hs
}

func (f fixedIndex) KeywordSearch(_ context.Context, _ string, k int, _ rag.Filter) ([]rag.Hit, error) {
	return f.hits()[:min(k, len(f))], nil
}

func (f fixedIndex) VectorSearch(context.Context, []float32, int, rag.Filter) ([]rag.Hit, error) {
	return nil, errors.New("fixedIndex: no vector search")
}

func (f fixedIndex) WeightedKeywordSearch(ctx context.Context, _ []rag.WeightedTerm, k int, fl rag.Filter) ([]rag.Hit, error) {
	return f.KeywordSearch(ctx, "", k, fl)
}

// IDFs weighs every word alike.
func (f fixedIndex) IDFs(_ context.Context, tokens []string) ([]float64, error) {
	out := make([]float64, len(tokens))
	for i := range out {
		out[i] = 1
	}
	return out, nil
}

func (f fixedIndex) ChunkTerms(string) []int32                 { return nil }
func (f fixedIndex) ChunkAnalysis(string) (rag.Analysis, bool) { return rag.Analysis{}, false }
func (f fixedIndex) Vocabulary(func(word string, df int))      {}
func (f fixedIndex) VocabularySize() int                       { return 0 }

func passageTexts(ps []rag.Passage) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Text)
	}
	return out
}

// The Retriever with this client puts the passages in the reranker's order,
// and keeps the fused order, saying why, when the reranker fails.
func TestRetrieverWithReranker(t *testing.T) {
	// Fused order a, b, c, d; by word overlap d (1), c (3/4), b (1/4), a (0).
	const question = "mangla dam raised 2009"
	idx := fixedIndex{
		"Tarbela was completed in 1976.",
		"Work on the Mangla site began.",
		"The Mangla dam was raised.",
		"In 2009 the Mangla dam was raised.",
	}
	retriever := func(r rag.Reranker, depth int) *rag.Retriever {
		// Lambda 1: relevance alone orders the passages, so that what is
		// tested is the reranking, not MMR's diversity.
		return &rag.Retriever{Index: idx, Searches: rag.KeywordOnly, Lambda: 1, Reranker: r, RerankDepth: depth}
	}
	search := func(t *testing.T, rt *rag.Retriever) rag.Retrieval {
		t.Helper()
		res, err := rt.Search(context.Background(), []rag.Query{{Text: question}}, 4, rag.Filter{})
		if err != nil {
			t.Fatalf("Search: %v", err)
		}
		return res
	}

	fused := search(t, retriever(nil, 0))
	if want := []string(idx); !slices.Equal(passageTexts(fused.Passages), want) {
		t.Fatalf("without a reranker: %q, want the fused order %q", passageTexts(fused.Passages), want)
	}

	t.Run("reorders", func(t *testing.T) {
		srv, r, _ := newRerankTest(t, llmtest.RerankOptions{}, RerankConfig{})
		res := search(t, retriever(r, 0))
		want := []string{idx[3], idx[2], idx[1], idx[0]}
		if got := passageTexts(res.Passages); !slices.Equal(got, want) {
			t.Errorf("passages = %q, want the reranker's order %q", got, want)
		}
		if len(res.Warnings) != 0 {
			t.Errorf("warnings: %v", res.Warnings)
		}
		for i, p := range res.Passages {
			if p.N != i+1 {
				t.Errorf("passage %d numbered %d", i, p.N)
			}
		}
		if reqs := srv.Requests(); len(reqs) != 1 || reqs[0].Query != question || !slices.Equal(reqs[0].Documents, idx) {
			t.Errorf("requests: %+v, want one with the question and the fused passages", reqs)
		}
	})

	t.Run("depth", func(t *testing.T) {
		srv, r, _ := newRerankTest(t, llmtest.RerankOptions{}, RerankConfig{API: RerankTEI})
		res := search(t, retriever(r, 2))
		// Only a and b are reranked (b first); c and d keep their places.
		want := []string{idx[1], idx[0], idx[2], idx[3]}
		if got := passageTexts(res.Passages); !slices.Equal(got, want) {
			t.Errorf("passages = %q, want %q", got, want)
		}
		if reqs := srv.Requests(); len(reqs) != 1 || !slices.Equal(reqs[0].Documents, idx[:2]) {
			t.Errorf("the reranker saw %+v, want the first 2 fused passages", reqs)
		}
	})

	t.Run("fails", func(t *testing.T) {
		srv, r, _ := newRerankTest(t, llmtest.RerankOptions{Respond: func(int, llmtest.RerankRequest) llmtest.RerankReply {
			return llmtest.RerankError(http.StatusInternalServerError, "CUDA out of memory")
		}}, RerankConfig{Model: "bge-reranker-v2-m3"})
		res := search(t, retriever(r, 0))
		if got := passageTexts(res.Passages); !slices.Equal(got, passageTexts(fused.Passages)) {
			t.Errorf("passages = %q, want the fused order %q", got, passageTexts(fused.Passages))
		}
		if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "reranker bge-reranker-v2-m3 failed") ||
			!strings.Contains(res.Warnings[0], "CUDA out of memory") {
			t.Errorf("warnings = %q, want one naming the reranker and the server's message", res.Warnings)
		}
		if n := len(srv.Requests()); n != 1+DefaultRerankMaxRetries {
			t.Errorf("%d requests, want %d (retried)", n, 1+DefaultRerankMaxRetries)
		}
	})
}
