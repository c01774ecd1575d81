package llmtest

import (
	"cmp"
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
)

// RerankServer is a fake rerank server speaking both wire formats jawab's
// reranker knows, each on its own path:
//
//   - Cohere and Jina, POST /v1/rerank (and /v2/rerank): {model, query,
//     documents, top_n?, return_documents?} → {id, results: [{index,
//     relevance_score, document?}], meta, usage}; errors {"message"}.
//   - Hugging Face TEI, POST /rerank: {query, texts, raw_scores?,
//     return_text?, truncate?} → [{index, score, text?}]; errors {"error",
//     "error_type"}.
//
// Results come best first, as from the real servers, so a client that reads
// them in order rather than by index gets them wrong. Scores follow a
// deterministic rule (RerankOptions.Score, word overlap by default), and
// scripted replies inject faults: error statuses, Retry-After, slow replies,
// malformed bodies, wrong indexes.
type RerankServer struct {
	// BaseURL is the root of the Cohere/Jina format, with /v1: a client
	// posts to BaseURL + "/rerank".
	BaseURL string
	// TEIURL is the root of the TEI format: a client posts to TEIURL +
	// "/rerank".
	TEIURL string
	// APIKey is the bearer token the server expects.
	APIKey string

	// fake gives the server its Client, Close and Requests methods.
	fake[RerankRequest]
	opts RerankOptions
}

// RerankOptions configures a RerankServer.
type RerankOptions struct {
	// Replies answer the requests in order, one each; the zero RerankReply
	// is a normal, scored answer.
	Replies []RerankReply
	// Respond answers request n (from 0) once Replies are used up; nil
	// means a scored answer to every further request. It may be called from
	// several goroutines at once.
	Respond func(n int, req RerankRequest) RerankReply
	// Score scores the documents against the query, one score per document
	// in their order; default WordOverlap.
	Score func(query string, documents []string) []float64
	// APIKey is the bearer token requests must carry (else 401); default
	// DefaultAPIKey.
	APIKey string
	// NoAuth takes requests without a key, as a TEI server does by default
	// (a request that sends one anyway is still served).
	NoAuth bool
}

// RerankReply is one scripted answer. The zero value scores the documents.
type RerankReply struct {
	// Status, when 400 or more, makes the reply an error in the format's
	// error shape holding Message, or Body when it is set.
	Status  int
	Message string
	// Body, with a Status below 400, replaces the scored answer with these
	// bytes (malformed JSON, a score of 1e999, …), sent with status 200.
	Body string
	// Header is added to the response, e.g. Retry-After.
	Header http.Header
	// Delay holds back the whole reply; it ends early if the client goes
	// away.
	Delay time.Duration
	// Edit rewrites the results, best first, before they are sent: drop one,
	// repeat an index, point past the documents.
	Edit func([]RerankResult) []RerankResult
}

// RerankResult is one scored document as the server sends it.
type RerankResult struct {
	Index int
	Score float64
}

// RerankError is an error reply with message in the format's error body.
func RerankError(status int, message string) RerankReply {
	return RerankReply{Status: status, Message: message}
}

// RerankBody is a 200 reply with exactly body.
func RerankBody(body string) RerankReply { return RerankReply{Body: body} }

// RerankRequest is a request as the server decoded it.
type RerankRequest struct {
	// API is "cohere" (the /v1 and /v2 paths) or "tei" (/rerank).
	API   string
	Path  string
	Model string
	Query string
	// Documents are Cohere's documents or TEI's texts.
	Documents []string
	// Cohere and Jina options.
	TopN            *int
	ReturnDocuments *bool
	// TEI options.
	RawScores  *bool
	ReturnText *bool
	Truncate   *bool
	Header     http.Header
}

// NewRerankServer starts a fake rerank server that t closes when it ends.
func NewRerankServer(t testing.TB, opts RerankOptions) *RerankServer {
	t.Helper()
	if opts.APIKey == "" {
		opts.APIKey = DefaultAPIKey
	}
	if opts.Score == nil {
		opts.Score = WordOverlap
	}
	s := &RerankServer{opts: opts, APIKey: opts.APIKey}
	s.start(t, s.serve)
	s.BaseURL = s.srv.URL + "/v1"
	s.TEIURL = s.srv.URL
	return s
}

// WordOverlap scores each document by the share of the query's distinct
// words (letters, marks and digits, lower-cased) that it contains: 0 to 1.
func WordOverlap(query string, documents []string) []float64 {
	q := words(query)
	scores := make([]float64, len(documents))
	if len(q) == 0 {
		return scores
	}
	for i, d := range documents {
		dw := words(d)
		n := 0
		for w := range q {
			if dw[w] {
				n++
			}
		}
		scores[i] = float64(n) / float64(len(q))
	}
	return scores
}

func words(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r) && !unicode.Is(unicode.Mn, r)
	}) {
		out[w] = true
	}
	return out
}

func (s *RerankServer) serve(w http.ResponseWriter, r *http.Request) {
	t := s.t
	var api string
	switch r.URL.Path {
	case "/v1/rerank", "/v2/rerank":
		api = "cohere"
	case "/rerank":
		api = "tei"
	default:
		http.NotFound(w, r)
		return
	}
	if r.Method != http.MethodPost {
		t.Errorf("llmtest rerank: method = %s, want POST", r.Method)
	}
	if got := r.Header.Get("Content-Type"); got != "application/json" {
		t.Errorf("llmtest rerank: Content-Type = %q, want application/json", got)
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		if aborted(r, err) {
			t.Logf("llmtest rerank: the client went away before its request was whole: %v", err)
			return
		}
		t.Errorf("llmtest rerank: read body: %v", err)
		return
	}
	req := RerankRequest{API: api, Path: r.URL.Path, Header: r.Header.Clone()}
	var raw struct {
		Model           string   `json:"model"`
		Query           *string  `json:"query"`
		Documents       []string `json:"documents"`
		Texts           []string `json:"texts"`
		TopN            *int     `json:"top_n"`
		ReturnDocuments *bool    `json:"return_documents"`
		RawScores       *bool    `json:"raw_scores"`
		ReturnText      *bool    `json:"return_text"`
		Truncate        *bool    `json:"truncate"`
	}
	decodeErr := json.Unmarshal(body, &raw)
	req.Model, req.TopN, req.ReturnDocuments = raw.Model, raw.TopN, raw.ReturnDocuments
	req.RawScores, req.ReturnText, req.Truncate = raw.RawScores, raw.ReturnText, raw.Truncate
	if raw.Query != nil {
		req.Query = *raw.Query
	}
	req.Documents = raw.Documents
	if api == "tei" {
		req.Documents = raw.Texts
	}

	n := s.record(req, true)

	// What the real servers refuse, the fake refuses the same way.
	switch {
	case !s.opts.NoAuth && r.Header.Get("Authorization") != "Bearer "+s.opts.APIKey:
		writeRerankError(w, api, RerankError(http.StatusUnauthorized, "invalid api token"))
		return
	case decodeErr != nil:
		writeRerankError(w, api, RerankError(http.StatusBadRequest, "invalid request body: "+decodeErr.Error()))
		return
	case raw.Query == nil:
		writeRerankError(w, api, RerankError(http.StatusUnprocessableEntity, "missing field `query`"))
		return
	case api == "tei" && raw.Texts == nil:
		writeRerankError(w, api, RerankError(http.StatusUnprocessableEntity, "Failed to deserialize the JSON body into the target type: missing field `texts`"))
		return
	case api == "cohere" && raw.Documents == nil:
		writeRerankError(w, api, RerankError(http.StatusBadRequest, "invalid request: list of documents must not be empty"))
		return
	case api == "cohere" && raw.Model == "":
		writeRerankError(w, api, RerankError(http.StatusBadRequest, "invalid request: model must be specified"))
		return
	}

	var reply RerankReply
	switch {
	case n < len(s.opts.Replies):
		reply = s.opts.Replies[n]
	case s.opts.Respond != nil:
		reply = s.opts.Respond(n, req)
	}
	if !s.wait(r, reply.Delay) {
		return
	}
	for k, vs := range reply.Header {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
	if reply.Status >= 400 {
		writeRerankError(w, api, reply)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	if reply.Body != "" {
		io.WriteString(w, reply.Body)
		return
	}

	scores := s.opts.Score(req.Query, req.Documents)
	if len(scores) != len(req.Documents) {
		t.Errorf("llmtest rerank: Score returned %d scores for %d documents", len(scores), len(req.Documents))
	}
	results := make([]RerankResult, len(scores))
	for i, sc := range scores {
		results[i] = RerankResult{Index: i, Score: sc}
	}
	slices.SortStableFunc(results, func(a, b RerankResult) int { return cmp.Compare(b.Score, a.Score) })
	if api == "cohere" && req.TopN != nil && *req.TopN > 0 && *req.TopN < len(results) {
		results = results[:*req.TopN]
	}
	if reply.Edit != nil {
		results = reply.Edit(results)
	}
	text := func(i int) string {
		if i >= 0 && i < len(req.Documents) {
			return req.Documents[i]
		}
		return ""
	}
	if api == "tei" {
		out := make([]map[string]any, len(results))
		for i, res := range results {
			out[i] = map[string]any{"index": res.Index, "score": res.Score}
			if req.ReturnText != nil && *req.ReturnText {
				out[i]["text"] = text(res.Index)
			}
		}
		_ = json.NewEncoder(w).Encode(out)
		return
	}
	out := make([]map[string]any, len(results))
	for i, res := range results {
		out[i] = map[string]any{"index": res.Index, "relevance_score": res.Score}
		// Jina returns the documents unless told otherwise; Cohere only
		// when asked.
		if req.ReturnDocuments == nil || *req.ReturnDocuments {
			out[i]["document"] = map[string]any{"text": text(res.Index)}
		}
	}
	_ = json.NewEncoder(w).Encode(map[string]any{
		"id":      "rerank-llmtest",
		"model":   req.Model,
		"results": out,
		"meta":    map[string]any{"api_version": map[string]any{"version": "2"}, "billed_units": map[string]any{"search_units": 1}},
		"usage":   map[string]any{"total_tokens": len(req.Documents)},
	})
}

// writeRerankError writes reply as an error in the format's shape: Cohere's
// {"message"}, TEI's {"error", "error_type"}.
func writeRerankError(w http.ResponseWriter, api string, reply RerankReply) {
	body := reply.Body
	if body == "" {
		var v any = map[string]any{"message": reply.Message}
		if api == "tei" {
			typ := "Backend"
			switch {
			case reply.Status == http.StatusTooManyRequests:
				typ = "Overloaded"
			case reply.Status == http.StatusUnprocessableEntity || reply.Status == http.StatusBadRequest:
				typ = "Validation"
			case reply.Status == http.StatusUnauthorized:
				typ = "Unauthorized"
			}
			v = map[string]any{"error": reply.Message, "error_type": typ}
		}
		b, _ := json.Marshal(v)
		body = string(b)
	}
	if w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", "application/json")
	}
	w.WriteHeader(reply.Status)
	io.WriteString(w, body)
}
