// Package llm answers, translates and condenses questions with any
// OpenAI-compatible chat model (OpenAI, Ollama, vLLM, llama.cpp, TGI, …) through
// go-openai. It implements rag.Generator, rag.Translator and rag.Condenser;
// its Reranker (rerank.go) implements rag.Reranker over a Cohere-, Jina- or
// TEI-style /rerank endpoint.
//
// Answers are streamed. Until the first token arrives a failed attempt is
// retried with backoff (429 honouring Retry-After, 5xx and connection errors in
// the transport; a first token that takes too long here). After it, nothing is
// retried: the caller has already shown part of the answer, and a second answer
// would not continue the first. A broken stream is then an error, and
// rag.Answerer falls back to its extractive answer with a warning.
package llm

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/jawab/jawab/internal/httpretry"
	"github.com/jawab/jawab/internal/openaierr"
	"github.com/jawab/jawab/prompts"
	"github.com/jawab/jawab/rag"
	"github.com/jawab/jawab/text"
)

// Defaults for Config.
const (
	DefaultFirstTokenTimeout = 30 * time.Second
	DefaultTimeout           = 120 * time.Second
	DefaultMaxRetries        = 3
)

// temperature is low rather than 0 because go-openai omits a zero temperature
// from the request (omitempty), and the server's default (1 on OpenAI) would
// apply. Answers from passages should be as repeatable as the model allows.
const temperature = 0.1

// Config configures a Client.
type Config struct {
	// BaseURL is the API root including the version, e.g.
	// "http://localhost:11434/v1". Empty means OpenAI's.
	BaseURL string
	APIKey  string
	// Model is required: there is no safe default across servers.
	Model string
	// FirstTokenTimeout bounds the wait for the first token of an answer (an
	// attempt that exceeds it is cancelled and retried), and is the whole
	// budget of a translation or a condensed question, which are a line long.
	// Default DefaultFirstTokenTimeout.
	FirstTokenTimeout time.Duration
	// Timeout bounds a whole answer, retries included; default DefaultTimeout.
	// The caller's context may end it sooner.
	Timeout time.Duration
	// MaxRetries is the number of retries after a failed attempt: 0 means
	// DefaultMaxRetries, a negative value none.
	MaxRetries int
	// HTTPClient is used for the requests; a copy of it gets a retrying
	// transport. Set no Timeout on it: it would cut long streamed answers, and
	// deadlines come from the context.
	HTTPClient *http.Client
	// Sleep waits between attempts; default httpretry.Sleep. Tests replace it
	// to record the waits instead of sleeping them.
	Sleep func(ctx context.Context, d time.Duration) error
}

// Client talks to one chat model.
type Client struct {
	client     *openai.Client
	model      string
	firstToken time.Duration
	timeout    time.Duration
	maxRetries int
	sleep      func(ctx context.Context, d time.Duration) error
	transport  *httpretry.Transport
	apiKey     string // only to keep it out of error messages
}

var (
	_ rag.Generator  = (*Client)(nil)
	_ rag.Translator = (*Client)(nil)
	_ rag.Condenser  = (*Client)(nil)
)

// New returns a client for cfg. It makes no request: a model server that is
// down at start-up should not stop jawab from starting.
func New(cfg Config) (*Client, error) {
	if strings.TrimSpace(cfg.Model) == "" {
		return nil, rag.Errorf(rag.Invalid, "llm: model is empty; set the chat model name (e.g. gpt-4o-mini, qwen2.5:7b)")
	}
	if cfg.FirstTokenTimeout <= 0 {
		cfg.FirstTokenTimeout = DefaultFirstTokenTimeout
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	switch {
	case cfg.MaxRetries == 0:
		cfg.MaxRetries = DefaultMaxRetries
	case cfg.MaxRetries < 0:
		cfg.MaxRetries = 0
	}
	if cfg.Sleep == nil {
		cfg.Sleep = httpretry.Sleep
	}

	// Copy the caller's client rather than modifying it: it may be shared.
	hc := &http.Client{}
	if cfg.HTTPClient != nil {
		*hc = *cfg.HTTPClient
	}
	retries := cfg.MaxRetries
	if retries == 0 {
		retries = -1 // httpretry's "none"
	}
	rt := httpretry.NewTransport(hc.Transport, httpretry.Options{MaxRetries: retries, Sleep: cfg.Sleep})
	hc.Transport = rt

	oc := openai.DefaultConfig(cfg.APIKey)
	if cfg.BaseURL != "" {
		oc.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	}
	oc.HTTPClient = hc
	return &Client{
		client:     openai.NewClientWithConfig(oc),
		model:      cfg.Model,
		firstToken: cfg.FirstTokenTimeout,
		timeout:    cfg.Timeout,
		maxRetries: cfg.MaxRetries,
		sleep:      cfg.Sleep,
		transport:  rt,
		apiKey:     cfg.APIKey,
	}, nil
}

// Name is the model name, which Answer.Generator reports.
func (c *Client) Name() string { return c.model }

// request builds a chat request. Reasoning models (o1, o3, gpt-5, …) refuse a
// sampling temperature; go-openai's validator knows which they are, so the
// temperature is dropped whenever it objects.
func (c *Client) request(system, user string) openai.ChatCompletionRequest {
	r := openai.ChatCompletionRequest{
		Model: c.model,
		Messages: []openai.ChatCompletionMessage{
			{Role: openai.ChatMessageRoleSystem, Content: system},
			{Role: openai.ChatMessageRoleUser, Content: user},
		},
		Temperature: temperature,
	}
	if openai.NewReasoningValidator().Validate(r) != nil {
		r.Temperature = 0
	}
	return r
}

// errSlowFirstToken is the cause with which an attempt is cancelled when its
// first token is late; it never leaves the package.
var errSlowFirstToken = errors.New("no first token in time")

// Generate writes an answer to req from its passages, streaming it to onDelta.
func (c *Client) Generate(ctx context.Context, req rag.GenerateRequest, onDelta func(string)) (_ string, err error) {
	defer func() { err = openaierr.Redact(err, c.apiKey) }()
	in := prompts.AnswerInput{Lang: req.Lang, Question: req.Question, Reference: req.Reference}
	for _, p := range req.Passages {
		in.Passages = append(in.Passages, prompts.Passage{N: p.N, Title: p.Title, Text: p.Text, Published: p.Published})
	}
	in.History = promptTurns(req.History)
	in.RomanUrdu = req.RomanUrdu
	system, user, err := prompts.Answer(in)
	if err != nil {
		return "", rag.Wrap(rag.Invalid, err, "llm %s", c.model)
	}
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	creq := c.request(system, user)
	for attempt := 0; ; attempt++ {
		answer, err := c.streamOnce(ctx, creq, onDelta)
		if !errors.Is(err, errSlowFirstToken) {
			return answer, err
		}
		slow := rag.Errorf(rag.Unavailable, "chat server (model %s) sent no first token within %v, %d times", c.model, c.firstToken, attempt+1)
		if attempt >= c.maxRetries {
			return "", slow
		}
		wait := c.transport.Backoff(attempt)
		if deadline, ok := ctx.Deadline(); ok && time.Now().Add(wait).After(deadline) {
			return "", slow
		}
		if err := c.sleep(ctx, wait); err != nil {
			return "", c.contextError(ctx)
		}
	}
}

// streamOnce makes one streamed attempt. It returns errSlowFirstToken (and
// nothing was passed to onDelta) when the first token was late; every other
// error is a *rag.Error.
func (c *Client) streamOnce(ctx context.Context, creq openai.ChatCompletionRequest, onDelta func(string)) (string, error) {
	actx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	// The transport must not sleep on a Retry-After past the first-token
	// deadline: the timer would cancel the attempt in the middle of the wait.
	actx = httpretry.WithWaitLimit(actx, time.Now().Add(c.firstToken))
	timer := time.AfterFunc(c.firstToken, func() { cancel(errSlowFirstToken) })
	defer timer.Stop()

	stream, err := c.client.CreateChatCompletionStream(actx, creq)
	if err != nil {
		return "", c.attemptError(ctx, actx, err)
	}
	defer stream.Close()

	var (
		b       strings.Builder
		started bool   // a token arrived: no more retries
		finish  string // the finish reason, once the server sends one
	)
	for {
		resp, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if !started {
				return "", c.attemptError(ctx, actx, err)
			}
			if ctx.Err() != nil {
				return "", c.contextError(ctx)
			}
			return "", c.brokenStream(err, b.Len())
		}
		var delta string
		alive := false
		for _, ch := range resp.Choices {
			if ch.Index != 0 {
				continue
			}
			delta = ch.Delta.Content
			// A reasoning model thinks aloud before it answers; its thoughts
			// prove it is working, but are not part of the answer.
			alive = delta != "" || ch.Delta.ReasoningContent != ""
			if ch.FinishReason != "" {
				finish = string(ch.FinishReason)
			}
		}
		if alive && !started {
			if !timer.Stop() {
				// The timer fired as the token arrived: the attempt is
				// cancelled, and nothing has been passed on yet.
				return "", errSlowFirstToken
			}
			started = true
		}
		if delta != "" {
			b.WriteString(delta)
			if onDelta != nil {
				onDelta(delta)
			}
		}
	}
	answer := b.String()
	switch {
	case finish == "":
		// go-openai reports a body that simply ends like [DONE]; only the
		// missing finish reason shows that the answer was cut off.
		return "", rag.Errorf(rag.Unavailable, "chat server (model %s) ended the answer stream after %d bytes without finishing it", c.model, len(answer))
	case finish == string(openai.FinishReasonContentFilter):
		return "", rag.Errorf(rag.Unavailable, "chat server (model %s) withheld the answer (content filter)", c.model)
	case strings.TrimSpace(answer) == "":
		return "", rag.Errorf(rag.Unavailable, "chat server (model %s) returned an empty answer (finish reason %q)", c.model, finish)
	}
	return answer, nil
}

// attemptError classifies an error that ended an attempt before its first
// token: the caller's context, the first-token timer, or the server.
func (c *Client) attemptError(ctx, actx context.Context, err error) error {
	if ctx.Err() != nil {
		return c.contextError(ctx)
	}
	if errors.Is(context.Cause(actx), errSlowFirstToken) {
		return errSlowFirstToken
	}
	return c.serverError(err)
}

// contextError reports that ctx ended (the caller cancelled, or a deadline
// passed), keeping ctx.Err() in the chain for errors.Is.
func (c *Client) contextError(ctx context.Context) error {
	if errors.Is(ctx.Err(), context.Canceled) {
		return rag.Wrap(rag.Unavailable, ctx.Err(), "chat request (model %s) cancelled", c.model)
	}
	return rag.Wrap(rag.Unavailable, ctx.Err(), "chat server (model %s): gave up waiting", c.model)
}

// brokenStream reports a stream that failed after the answer began.
func (c *Client) brokenStream(err error, n int) error {
	var apiErr *openai.APIError
	if errors.As(err, &apiErr) {
		return rag.Errorf(rag.Unavailable, "chat server (model %s) failed after %d bytes of the answer: %s", c.model, n, apiErr.Message)
	}
	return rag.Wrap(rag.Unavailable, err, "chat server (model %s): the answer stream broke off after %d bytes", c.model, n)
}

// serverError turns go-openai's errors into rag errors: the caller's mistakes
// (bad key, unknown model, a prompt too long) are Invalid and carry the
// server's message; everything that may pass (overload, outage, network) is
// Unavailable. Server answers are not wrapped: go-openai's error text would
// only repeat the status and message already in ours.
func (c *Client) serverError(err error) error {
	return openaierr.Convert(err, "chat server", c.model)
}

// Translate renders text in toLang ("ur" or "en") for searching news written
// in it.
func (c *Client) Translate(ctx context.Context, s, toLang string) (_ string, err error) {
	defer func() { err = openaierr.Redact(err, c.apiKey) }()
	system, user, err := prompts.Translate(s, toLang)
	if err != nil {
		return "", rag.Wrap(rag.Invalid, err, "translate")
	}
	out, err := c.complete(ctx, system, user)
	if err != nil {
		return "", fmt.Errorf("translate: %w", err)
	}
	out = clean(out, "text", false)
	if out == "" {
		return "", rag.Errorf(rag.Unavailable, "translate: chat server (model %s) returned an empty translation", c.model)
	}
	return out, nil
}

// Condense rewrites a follow-up as a standalone question in the follow-up's
// language. Without history there is nothing to condense, and no request.
func (c *Client) Condense(ctx context.Context, history []rag.Turn, question string) (_ string, err error) {
	defer func() { err = openaierr.Redact(err, c.apiKey) }()
	if len(history) == 0 {
		return question, nil
	}
	lang := text.DetectLang(question)
	if lang == "" { // "2015?": the language of the conversation
		lang = text.DetectLang(history[len(history)-1].Question)
	}
	if lang == "" {
		lang = "en"
	}
	system, user, err := prompts.Condense(promptTurns(history), question, lang)
	if err != nil {
		return "", rag.Wrap(rag.Invalid, err, "condense")
	}
	out, err := c.complete(ctx, system, user)
	if err != nil {
		return "", fmt.Errorf("condense: %w", err)
	}
	out = clean(out, "follow_up", true)
	if out == "" {
		return "", rag.Errorf(rag.Unavailable, "condense: chat server (model %s) returned an empty question", c.model)
	}
	return out, nil
}

// Complete sends one system and user prompt and returns the model's reply,
// without streaming, minus any <think> block: for short structured replies such
// as the eval judge's grades.
func (c *Client) Complete(ctx context.Context, system, user string) (_ string, err error) {
	defer func() { err = openaierr.Redact(err, c.apiKey) }()
	out, err := c.complete(ctx, system, user)
	if err != nil {
		return "", err
	}
	return clean(out, "", false), nil
}

// complete makes a non-streamed request bounded by the first-token timeout:
// its answer is a line, and a question waits for it before retrieval starts.
func (c *Client) complete(ctx context.Context, system, user string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, c.firstToken)
	defer cancel()
	resp, err := c.client.CreateChatCompletion(ctx, c.request(system, user))
	if err != nil {
		if ctx.Err() != nil {
			return "", c.contextError(ctx)
		}
		return "", c.serverError(err)
	}
	if len(resp.Choices) == 0 {
		return "", rag.Errorf(rag.Unavailable, "chat server (model %s) returned no choices", c.model)
	}
	return resp.Choices[0].Message.Content, nil
}

// clean trims what models add around a one-line answer despite being told not
// to: a <think> block, the prompt's own delimiters echoed back, quotation
// marks, and (for oneLine) any lines after the first.
func clean(s, tag string, oneLine bool) string {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "<think>") {
		if i := strings.Index(s, "</think>"); i >= 0 {
			s = strings.TrimSpace(s[i+len("</think>"):])
		}
	}
	if oneLine {
		if i := strings.IndexByte(s, '\n'); i >= 0 {
			s = strings.TrimSpace(s[:i])
		}
	}
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(s, "<"+tag+">"), "</"+tag+">"))
	for _, q := range [][2]string{{`"`, `"`}, {"“", "”"}, {"«", "»"}} {
		if len(s) < len(q[0])+len(q[1]) || !strings.HasPrefix(s, q[0]) || !strings.HasSuffix(s, q[1]) {
			continue
		}
		// Only quotes around the whole: `"X" said "Y"` keeps its own.
		if inner := s[len(q[0]) : len(s)-len(q[1])]; !strings.Contains(inner, q[0]) && !strings.Contains(inner, q[1]) {
			s = strings.TrimSpace(inner)
		}
		break
	}
	return s
}

func promptTurns(turns []rag.Turn) []prompts.Turn {
	out := make([]prompts.Turn, len(turns))
	for i, t := range turns {
		out[i] = prompts.Turn{Question: t.Question, Answer: t.Answer}
	}
	return out
}
