package embed

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"sync/atomic"

	openai "github.com/sashabaranov/go-openai"

	"github.com/jawab/jawab/internal/httpretry"
	"github.com/jawab/jawab/internal/openaierr"
	"github.com/jawab/jawab/rag"
)

// OpenAIConfig configures an embedder that speaks the OpenAI /v1/embeddings wire
// format: OpenAI itself, and the many servers that copy it (Ollama, TEI, vLLM,
// llama.cpp).
type OpenAIConfig struct {
	// BaseURL is the API root including the version, e.g. "http://localhost:11434/v1".
	// Empty means OpenAI's.
	BaseURL string
	APIKey  string
	// Model is required: there is no safe default across servers.
	Model string
	// Dimensions, when set, is sent as "dimensions" (text-embedding-3 can shorten
	// its vectors) and is the embedder's Dimension from the start.
	Dimensions int
	// BatchSize is the number of texts per request; default 64.
	BatchSize int
	// Prefixes adds e5-style "query: " / "passage: " prefixes by purpose, which
	// e5 and bge-style models were trained with and lose quality without.
	Prefixes bool
	// MaxRetries is the number of retries after a 429, 5xx or connection error;
	// default 4. Set a negative value for none.
	MaxRetries int
	// HTTPClient is used for the requests; its transport is wrapped with retries.
	// Set no Timeout on it: deadlines come from the context.
	HTTPClient *http.Client
	// Retry tunes the retries; the zero value gives the defaults. Tests set
	// Sleep, Now and Jitter to record waits instead of sleeping them. Its
	// MaxRetries is ignored: MaxRetries above decides.
	Retry httpretry.Options
	// Monolingual marks a model that embeds one language only (all-minilm, say):
	// a question in another language then searches by keyword and translation,
	// not by its own vector.
	Monolingual bool
}

// OpenAI embeds texts with an OpenAI-compatible embeddings endpoint.
type OpenAI struct {
	client    *openai.Client
	model     string
	dims      int // requested, 0 when the server decides
	batchSize int
	prefixes  bool
	name      string
	learned   atomic.Int64 // the dimension seen in responses
	apiKey    string       // only to keep it out of error messages
	// monolingual: see OpenAIConfig.Monolingual.
	monolingual bool
}

var _ rag.Embedder = (*OpenAI)(nil)

// Multilingual reports whether the model places texts of different languages in
// one space. It is assumed of remote models (bge-m3, OpenAI's, multilingual-e5)
// unless OpenAIConfig.Monolingual says otherwise.
func (e *OpenAI) Multilingual() bool { return !e.monolingual }

// NewOpenAI returns an embedder for cfg. It makes no request: a server that is
// down at start-up should not stop jawab from starting.
func NewOpenAI(cfg OpenAIConfig) (*OpenAI, error) {
	if cfg.Model == "" {
		return nil, rag.Errorf(rag.Invalid, "openai embedder: model is empty; set the embedding model name (e.g. text-embedding-3-small, bge-m3)")
	}
	if cfg.Dimensions < 0 {
		return nil, rag.Errorf(rag.Invalid, "openai embedder: dimensions is %d; must be 0 (model default) or positive", cfg.Dimensions)
	}
	if cfg.BatchSize <= 0 {
		cfg.BatchSize = 64
	}

	// Copy the caller's client rather than modifying it: it may be shared.
	hc := &http.Client{}
	if cfg.HTTPClient != nil {
		*hc = *cfg.HTTPClient
	}
	retry := cfg.Retry
	retry.MaxRetries = cfg.MaxRetries // same meaning: 0 is the default, negative none
	hc.Transport = httpretry.NewTransport(hc.Transport, retry)

	oc := openai.DefaultConfig(cfg.APIKey)
	if cfg.BaseURL != "" {
		oc.BaseURL = cfg.BaseURL
	}
	oc.HTTPClient = hc

	name := "openai:" + cfg.Model
	if cfg.Dimensions > 0 {
		name += ":" + strconv.Itoa(cfg.Dimensions)
	}
	if cfg.Prefixes {
		// Prefixed and unprefixed texts embed differently: a different space.
		name += ":e5"
	}
	e := &OpenAI{
		client:      openai.NewClientWithConfig(oc),
		model:       cfg.Model,
		dims:        cfg.Dimensions,
		batchSize:   cfg.BatchSize,
		prefixes:    cfg.Prefixes,
		name:        name,
		monolingual: cfg.Monolingual,
		apiKey:      cfg.APIKey,
	}
	if cfg.Dimensions > 0 {
		e.learned.Store(int64(cfg.Dimensions))
	}
	return e, nil
}

// Name is "openai:<model>" or "openai:<model>:<dimensions>": the same model
// shortened to another size is another vector space.
func (e *OpenAI) Name() string { return e.name }

// Dimension is the configured dimension, or the one the server answered with, or
// 0 before the first answer.
func (e *OpenAI) Dimension() int { return int(e.learned.Load()) }

// Embed embeds texts in batches of BatchSize, one request at a time, and returns
// the vectors in the order of texts.
func (e *OpenAI) Embed(ctx context.Context, texts []string, purpose rag.Purpose) (_ [][]float32, err error) {
	defer func() { err = openaierr.Redact(err, e.apiKey) }()
	if len(texts) == 0 {
		return nil, nil
	}
	out := make([][]float32, 0, len(texts))
	for start := 0; start < len(texts); start += e.batchSize {
		end := min(start+e.batchSize, len(texts))
		vecs, err := e.embedBatch(ctx, texts[start:end], purpose)
		if err != nil {
			if len(texts) > e.batchSize {
				return nil, addContext(err, fmt.Sprintf("texts %d–%d of %d", start, end-1, len(texts)))
			}
			return nil, err
		}
		out = append(out, vecs...)
	}
	return out, nil
}

func (e *OpenAI) embedBatch(ctx context.Context, texts []string, purpose rag.Purpose) ([][]float32, error) {
	input := texts
	if e.prefixes {
		prefix := "passage: "
		if purpose == rag.ForQuery {
			prefix = "query: "
		}
		input = make([]string, len(texts))
		for i, t := range texts {
			input[i] = prefix + t
		}
	}
	resp, err := e.client.CreateEmbeddings(ctx, openai.EmbeddingRequestStrings{
		Input:      input,
		Model:      openai.EmbeddingModel(e.model),
		Dimensions: e.dims,
	})
	if err != nil {
		return nil, e.mapError(ctx, err)
	}
	if len(resp.Data) != len(texts) {
		return nil, rag.Errorf(rag.Unavailable, "embedding server (model %s) returned %d embeddings for %d texts", e.model, len(resp.Data), len(texts))
	}
	// Servers may answer out of order; the index field says which input each is.
	vecs := make([][]float32, len(texts))
	for _, d := range resp.Data {
		if d.Index < 0 || d.Index >= len(texts) || vecs[d.Index] != nil {
			return nil, rag.Errorf(rag.Unavailable, "embedding server (model %s) returned a missing, duplicate or out-of-range index %d for %d texts", e.model, d.Index, len(texts))
		}
		if len(d.Embedding) == 0 {
			return nil, rag.Errorf(rag.Unavailable, "embedding server (model %s) returned an empty embedding for text %d", e.model, d.Index)
		}
		vecs[d.Index] = d.Embedding
	}
	if err := e.checkDimension(len(vecs[0])); err != nil {
		return nil, err
	}
	for i, v := range vecs {
		if len(v) != len(vecs[0]) {
			return nil, rag.Errorf(rag.Unavailable, "embedding server (model %s) returned vectors of different lengths (%d and %d, text %d)", e.model, len(vecs[0]), len(v), i)
		}
	}
	return vecs, nil
}

// checkDimension learns the dimension from the first answer and refuses answers
// that contradict it: vectors of mixed lengths would corrupt the index silently.
func (e *OpenAI) checkDimension(n int) error {
	if e.learned.CompareAndSwap(0, int64(n)) {
		return nil
	}
	if want := int(e.learned.Load()); want != n {
		return rag.Errorf(rag.Unavailable, "embedding server (model %s) returned %d-dimensional vectors; expected %d", e.model, n, want)
	}
	return nil
}

// mapError turns go-openai's errors into rag errors: the caller's mistakes
// (bad key, unknown model, malformed input) are Invalid and carry the server's
// message; everything that may pass (overload, outage, network) is Unavailable.
// Server answers are not wrapped: go-openai's error text would only repeat the
// status and message already in ours.
func (e *OpenAI) mapError(ctx context.Context, err error) error {
	if ctxErr := ctx.Err(); ctxErr != nil && (errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled)) {
		return rag.Wrap(rag.Unavailable, err, "embed with %s: gave up waiting", e.model)
	}
	return openaierr.Convert(err, "embedding server", e.model)
}

// addContext prefixes the message of a rag error, keeping its code.
func addContext(err error, what string) error {
	var re *rag.Error
	if errors.As(err, &re) {
		return &rag.Error{Code: re.Code, Message: what + ": " + re.Message, Err: re.Err}
	}
	return fmt.Errorf("%s: %w", what, err)
}
