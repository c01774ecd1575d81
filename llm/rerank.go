package llm

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/jawab/jawab/internal/httpretry"
	"github.com/jawab/jawab/internal/openaierr"
	"github.com/jawab/jawab/rag"
)

// Defaults for RerankConfig. Reranking sits between retrieval and the answer,
// so its budget is seconds, not the minutes an answer may take: a reranker that
// is slow costs a warning and the fused order, not the reader's patience.
const (
	DefaultRerankTimeout    = 5 * time.Second
	DefaultRerankMaxRetries = 2
)

// maxRerankReply bounds the reply read from a rerank server: a score per
// document is a few dozen bytes, and a misbehaving server must not fill memory.
const maxRerankReply = 8 << 20

// RerankAPI is the wire format a rerank server speaks.
type RerankAPI string

const (
	// RerankCohere is Cohere's POST /v1/rerank (and /v2/rerank), which Jina,
	// vLLM, llama.cpp's server, Infinity and LiteLLM copy: {model, query,
	// documents, top_n, return_documents} → {results: [{index,
	// relevance_score}]}, best first. The default.
	RerankCohere RerankAPI = "cohere"
	// RerankTEI is Hugging Face text-embeddings-inference's POST /rerank:
	// {query, texts, raw_scores, return_text, truncate} → [{index, score}],
	// best first. The server serves one model and is not told its name.
	RerankTEI RerankAPI = "tei"
)

// ParseRerankAPI reads "cohere" (or "jina", the same format) and "tei"; empty
// means RerankCohere.
func ParseRerankAPI(s string) (RerankAPI, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "cohere", "jina":
		return RerankCohere, nil
	case "tei":
		return RerankTEI, nil
	}
	return "", rag.Errorf(rag.Invalid, "rerank API %q: want cohere (also Jina, vLLM, llama.cpp) or tei", s)
}

// RerankConfig configures a Reranker.
type RerankConfig struct {
	// BaseURL is the root the endpoint hangs off: requests go to
	// BaseURL + "/rerank", e.g. https://api.cohere.com/v2,
	// https://api.jina.ai/v1, http://localhost:8000/v1 (vLLM), or
	// http://localhost:8080 (TEI). Required: OpenAI has no rerank endpoint.
	BaseURL string
	// APIKey, when set, is sent as Authorization: Bearer.
	APIKey string
	// Model is required: it is sent to Cohere-style servers and names the
	// reranker in warnings and reports.
	Model string
	// API is the wire format; default RerankCohere. Replies are read in
	// either shape whatever it is.
	API RerankAPI
	// Timeout bounds a whole call, retries included; default
	// DefaultRerankTimeout. The caller's context may end it sooner.
	Timeout time.Duration
	// MaxRetries is the number of retries after a 429, 5xx or connection
	// error: 0 means DefaultRerankMaxRetries, a negative value none.
	MaxRetries int
	// HTTPClient is used for the requests; a copy of it gets a retrying
	// transport. Set no Timeout on it: deadlines come from the context.
	HTTPClient *http.Client
	// Retry tunes the retries; the zero value gives httpretry's defaults.
	// Tests set Sleep, Now and Jitter to record waits instead of sleeping
	// them. Its MaxRetries is ignored: MaxRetries above decides.
	Retry httpretry.Options
}

// Reranker scores passages against a question with a cross-encoder behind a
// Cohere-, Jina- or TEI-style /rerank endpoint. It implements rag.Reranker.
type Reranker struct {
	hc      *http.Client
	url     string
	api     RerankAPI
	model   string
	apiKey  string
	timeout time.Duration
}

var _ rag.Reranker = (*Reranker)(nil)

// NewReranker returns a reranker for cfg. It makes no request: a server that
// is down at start-up should not stop jawab from starting.
func NewReranker(cfg RerankConfig) (*Reranker, error) {
	if strings.TrimSpace(cfg.Model) == "" {
		return nil, rag.Errorf(rag.Invalid, "reranker: model is empty; set the rerank model name (e.g. rerank-v3.5, jina-reranker-v2-base-multilingual, BAAI/bge-reranker-v2-m3)")
	}
	base := strings.TrimRight(strings.TrimSpace(cfg.BaseURL), "/")
	if base == "" {
		return nil, rag.Errorf(rag.Invalid, "reranker %s: no server URL; OpenAI has no rerank endpoint, so set one (e.g. https://api.cohere.com/v2, http://localhost:8080 for TEI)", cfg.Model)
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, rag.Errorf(rag.Invalid, "reranker %s: server URL %q is not an http(s) URL", cfg.Model, base)
	}
	api := cfg.API
	if api == "" {
		api = RerankCohere
	}
	if api != RerankCohere && api != RerankTEI {
		return nil, rag.Errorf(rag.Invalid, "reranker %s: API %q: want %s or %s", cfg.Model, api, RerankCohere, RerankTEI)
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultRerankTimeout
	}
	retry := cfg.Retry
	switch {
	case cfg.MaxRetries == 0:
		retry.MaxRetries = DefaultRerankMaxRetries
	case cfg.MaxRetries < 0:
		retry.MaxRetries = -1 // httpretry's "none"
	default:
		retry.MaxRetries = cfg.MaxRetries
	}
	// Copy the caller's client rather than modifying it: it may be shared.
	hc := &http.Client{}
	if cfg.HTTPClient != nil {
		*hc = *cfg.HTTPClient
	}
	hc.Transport = httpretry.NewTransport(hc.Transport, retry)
	return &Reranker{hc: hc, url: base + "/rerank", api: api, model: cfg.Model, apiKey: cfg.APIKey, timeout: cfg.Timeout}, nil
}

// Name is the model name, which warnings and eval reports show.
func (r *Reranker) Name() string { return r.model }

// cohereRequest is the body of a Cohere- or Jina-style request. top_n is the
// number of documents (Jina and some servers return fewer by default) and
// return_documents false (Jina's default is true: the texts would only come
// back).
type cohereRequest struct {
	Model           string   `json:"model"`
	Query           string   `json:"query"`
	Documents       []string `json:"documents"`
	TopN            int      `json:"top_n"`
	ReturnDocuments bool     `json:"return_documents"`
}

// teiRequest is the body of a TEI request. Truncation keeps a passage longer
// than the model's window from failing the whole call (413) over its tail.
type teiRequest struct {
	Query      string   `json:"query"`
	Texts      []string `json:"texts"`
	RawScores  bool     `json:"raw_scores"`
	ReturnText bool     `json:"return_text"`
	Truncate   bool     `json:"truncate"`
}

// rerankResult is one entry of either reply shape: Cohere's relevance_score
// or TEI's score. Every field is a pointer or a json.Number so that a missing
// field is told from a zero, and a score too large for a float64 from a
// malformed reply.
type rerankResult struct {
	Index          *int         `json:"index"`
	RelevanceScore *json.Number `json:"relevance_score"`
	Score          *json.Number `json:"score"`
}

// Rerank returns one score per document, in the documents' order, higher more
// relevant. The server answers best first; its results are mapped back by
// their index, and a reply that does not score every document exactly once
// with a finite number is an error.
func (r *Reranker) Rerank(ctx context.Context, query string, documents []string) (_ []float64, err error) {
	defer func() { err = openaierr.Redact(err, r.apiKey) }()
	if len(documents) == 0 {
		return []float64{}, nil
	}
	var body any = cohereRequest{Model: r.model, Query: query, Documents: documents, TopN: len(documents)}
	if r.api == RerankTEI {
		body = teiRequest{Query: query, Texts: documents, Truncate: true}
	}
	b, err := json.Marshal(body)
	if err != nil {
		return nil, rag.Wrap(rag.Invalid, err, "rerank with %s", r.model)
	}
	cctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()
	// bytes.Reader sets GetBody, so that the transport can send it again.
	req, err := http.NewRequestWithContext(cctx, http.MethodPost, r.url, bytes.NewReader(b))
	if err != nil {
		return nil, rag.Wrap(rag.Invalid, err, "rerank with %s", r.model)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	if r.apiKey != "" {
		req.Header.Set("Authorization", "Bearer "+r.apiKey)
	}
	resp, err := r.hc.Do(req)
	if err != nil {
		return nil, r.transportError(ctx, cctx, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		eb, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
		return nil, rag.Errorf(openaierr.Code(resp.StatusCode), "rerank server (model %s) answered %d: %s", r.model, resp.StatusCode, errorMessage(eb))
	}
	rb, err := io.ReadAll(io.LimitReader(resp.Body, maxRerankReply+1))
	if err != nil {
		return nil, r.transportError(ctx, cctx, err)
	}
	if len(rb) > maxRerankReply {
		return nil, rag.Errorf(rag.Unavailable, "rerank server (model %s) sent a reply larger than %d MiB", r.model, maxRerankReply>>20)
	}
	results, err := decodeRerank(rb)
	if err != nil {
		return nil, rag.Wrap(rag.Unavailable, err, "rerank server (model %s) sent an unreadable reply", r.model)
	}
	scores, err := byIndex(results, len(documents))
	if err != nil {
		return nil, rag.Wrap(rag.Unavailable, err, "rerank server (model %s) sent a wrong reply", r.model)
	}
	return scores, nil
}

// transportError classifies a failed request or body read: the caller's
// context, the reranker's own timeout, or the network.
func (r *Reranker) transportError(ctx, cctx context.Context, err error) error {
	switch {
	case ctx.Err() != nil:
		if errors.Is(ctx.Err(), context.Canceled) {
			return rag.Wrap(rag.Unavailable, ctx.Err(), "rerank request (model %s) cancelled", r.model)
		}
		return rag.Wrap(rag.Unavailable, ctx.Err(), "rerank server (model %s): gave up waiting", r.model)
	case cctx.Err() != nil:
		return rag.Wrap(rag.Unavailable, cctx.Err(), "rerank server (model %s) did not answer within %v", r.model, r.timeout)
	}
	return rag.Wrap(rag.Unavailable, err, "rerank server (model %s) unreachable", r.model)
}

// decodeRerank reads either reply shape: TEI's bare array, or an object with
// Cohere's "results".
func decodeRerank(b []byte) ([]rerankResult, error) {
	b = bytes.TrimSpace(b)
	dec := func(v any) error {
		d := json.NewDecoder(bytes.NewReader(b))
		d.UseNumber()
		if err := d.Decode(v); err != nil {
			return err
		}
		if d.More() {
			return errors.New("more than one JSON value")
		}
		return nil
	}
	switch {
	case len(b) == 0:
		return nil, errors.New("empty body")
	case b[0] == '[':
		var rs []rerankResult
		if err := dec(&rs); err != nil {
			return nil, err
		}
		return rs, nil
	case b[0] == '{':
		var obj struct {
			Results *[]rerankResult `json:"results"`
		}
		if err := dec(&obj); err != nil {
			return nil, err
		}
		if obj.Results == nil {
			return nil, fmt.Errorf("no results in %s", openaierr.Snippet(b))
		}
		return *obj.Results, nil
	}
	return nil, fmt.Errorf("not JSON: %s", openaierr.Snippet(b))
}

// byIndex puts the scores of results, which come best first, back in the
// order of the n documents.
func byIndex(results []rerankResult, n int) ([]float64, error) {
	if len(results) != n {
		return nil, fmt.Errorf("%d results for %d documents", len(results), n)
	}
	scores := make([]float64, n)
	seen := make([]bool, n)
	for i, res := range results {
		if res.Index == nil {
			return nil, fmt.Errorf("result %d has no index", i)
		}
		idx := *res.Index
		if idx < 0 || idx >= n {
			return nil, fmt.Errorf("index %d for %d documents", idx, n)
		}
		if seen[idx] {
			return nil, fmt.Errorf("index %d twice", idx)
		}
		seen[idx] = true
		num := res.RelevanceScore
		if num == nil {
			num = res.Score
		}
		if num == nil {
			return nil, fmt.Errorf("no score for document %d", idx)
		}
		s, err := strconv.ParseFloat(num.String(), 64)
		if err != nil || math.IsInf(s, 0) || math.IsNaN(s) {
			return nil, fmt.Errorf("score %s for document %d is not a finite number", num, idx)
		}
		scores[idx] = s
	}
	return scores, nil
}

// errorMessage finds the message in an error body: Cohere's {"message"},
// TEI's {"error": "…"}, OpenAI's {"error": {"message"}}, FastAPI's
// {"detail"}; else the body itself, shortened.
func errorMessage(b []byte) string {
	var v struct {
		Message string          `json:"message"`
		Error   json.RawMessage `json:"error"`
		Detail  json.RawMessage `json:"detail"`
	}
	if json.Unmarshal(b, &v) == nil {
		if v.Message != "" {
			return openaierr.Snippet([]byte(v.Message))
		}
		var s string
		if json.Unmarshal(v.Error, &s) == nil && s != "" {
			return openaierr.Snippet([]byte(s))
		}
		var o struct {
			Message string `json:"message"`
		}
		if json.Unmarshal(v.Error, &o) == nil && o.Message != "" {
			return openaierr.Snippet([]byte(o.Message))
		}
		if json.Unmarshal(v.Detail, &s) == nil && s != "" {
			return openaierr.Snippet([]byte(s))
		}
		if len(v.Detail) > 0 {
			return openaierr.Snippet(v.Detail)
		}
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return "(no message)"
	}
	return openaierr.Snippet(b)
}
