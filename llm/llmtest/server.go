// Package llmtest is a fake OpenAI-compatible chat server for tests: it speaks
// the real wire protocol of POST /v1/chat/completions (JSON answers, and
// server-sent events when the request asks for a stream), answers from a
// script, and records the requests it received so tests can assert the prompts.
//
// It exists so that every package that talks to a model (llm, and the tests of
// cmd/jawab and api) tests against the bytes a real server sends, including its
// failures: error statuses with OpenAI error bodies, Retry-After, a slow first
// token, a stream cut half-way.
package llmtest

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// DefaultAPIKey is the bearer token the server expects unless Options.APIKey
// says otherwise.
const DefaultAPIKey = "test-key"

// Ending says how a streamed reply ends after its chunks.
type Ending int

const (
	// Done sends a last chunk with the finish reason, then "data: [DONE]": a
	// complete answer.
	Done Ending = iota
	// Cut drops the connection after the chunks, as a crashed server or a proxy
	// timeout does: the client reads an unexpected EOF.
	Cut
	// Close ends the body cleanly after the chunks, with neither a finish reason
	// nor [DONE]: an answer that stopped without saying so.
	Close
	// Malformed sends a data line that is not JSON, then ends the body.
	Malformed
	// ErrorEvent sends an OpenAI error object as an event (data: {"error":…})
	// with Reply.Message, as OpenAI does when it fails mid-stream, then ends.
	ErrorEvent
	// Hang sends nothing more and keeps the connection open until the client
	// goes away (or the server closes).
	Hang
)

// Reply is one scripted answer.
type Reply struct {
	// Status, when 400 or more, makes the reply an HTTP error with Body, or
	// when Body is empty an OpenAI error object holding Message.
	Status  int
	Body    string
	Message string
	// Header is added to the response, e.g. Retry-After.
	Header http.Header

	// Chunks are the content deltas of the answer. A streamed request gets one
	// event per chunk, flushed one by one; a non-streamed one gets them joined
	// as the message content.
	Chunks []string
	// FinishReason is sent with the end of the answer; default "stop".
	FinishReason string
	// Delay holds back the answer: for a stream, after the response headers and
	// before the first chunk (a model slow to produce its first token); for a
	// non-streamed request, before anything. The wait ends early if the client
	// goes away.
	Delay time.Duration
	// End is how a stream ends after its chunks (Done by default). For a
	// non-streamed request, Cut and Hang apply before the body; others are
	// ignored.
	End Ending
	// Silent takes the request and never answers, not even with a status
	// line, until the client goes away: a server that hangs before its first
	// byte.
	Silent bool
}

// Text is a successful reply with s as the answer, streamed a word at a time so
// that a client sees it arrive in pieces.
func Text(s string) Reply {
	var chunks []string
	for len(s) > 0 {
		i := strings.IndexByte(s, ' ')
		if i < 0 {
			chunks = append(chunks, s)
			break
		}
		chunks = append(chunks, s[:i+1])
		s = s[i+1:]
	}
	return Reply{Chunks: chunks}
}

// Stream is a successful reply streamed as exactly these chunks.
func Stream(chunks ...string) Reply { return Reply{Chunks: chunks} }

// Error is an HTTP error reply with an OpenAI error body holding message.
func Error(status int, message string) Reply { return Reply{Status: status, Message: message} }

// Options configures a Server.
type Options struct {
	// Replies answer the requests in order, one each.
	Replies []Reply
	// Respond answers request n (from 0) once Replies are used up; it may be
	// called from several goroutines at once. When it is nil, an extra request
	// fails the test and gets a 500.
	Respond func(n int, req Request) Reply
	// APIKey is the bearer token requests must carry; default DefaultAPIKey.
	APIKey string
	// Forget keeps no log of the requests (Requests returns none): a long
	// run would otherwise hold every prompt in memory.
	Forget bool
}

// Request is a chat request as the server decoded it.
type Request struct {
	Model       string    `json:"model"`
	Messages    []Message `json:"messages"`
	Stream      bool      `json:"stream"`
	Temperature *float64  `json:"temperature"`
	// Body is the whole JSON body, for fields not decoded above.
	Body   map[string]any `json:"-"`
	Header http.Header    `json:"-"`
}

// Message is one chat message.
type Message struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

// System is the content of the first system message, or "".
func (r Request) System() string {
	for _, m := range r.Messages {
		if m.Role == "system" {
			return m.Content
		}
	}
	return ""
}

// User is the content of the last user message, or "".
func (r Request) User() string {
	for i := len(r.Messages) - 1; i >= 0; i-- {
		if r.Messages[i].Role == "user" {
			return r.Messages[i].Content
		}
	}
	return ""
}

// Server is a fake OpenAI-compatible chat server.
type Server struct {
	// BaseURL is the API root including /v1, as clients are configured with.
	BaseURL string
	// APIKey is the bearer token the server expects.
	APIKey string

	// fake gives the server its Client, Close and Requests methods.
	fake[Request]
	opts Options
}

// NewServer starts a fake server that t closes when it ends.
func NewServer(t testing.TB, opts Options) *Server {
	t.Helper()
	if opts.APIKey == "" {
		opts.APIKey = DefaultAPIKey
	}
	s := &Server{opts: opts, APIKey: opts.APIKey}
	s.start(t, s.serve)
	s.BaseURL = s.srv.URL + "/v1"
	return s
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	t := s.t
	if r.Method != http.MethodPost {
		t.Errorf("llmtest: method = %s, want POST", r.Method)
	}
	if r.URL.Path != "/v1/chat/completions" {
		t.Errorf("llmtest: path = %s, want /v1/chat/completions", r.URL.Path)
	}
	if got, want := r.Header.Get("Authorization"), "Bearer "+s.opts.APIKey; got != want {
		t.Errorf("llmtest: Authorization = %q, want %q", got, want)
	}
	if got := r.Header.Get("Content-Type"); got != "application/json" {
		t.Errorf("llmtest: Content-Type = %q, want application/json", got)
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		if aborted(r, err) {
			t.Logf("llmtest: the client went away before its request was whole: %v", err)
			return
		}
		t.Errorf("llmtest: read body: %v", err)
		return
	}
	var req Request
	if err := json.Unmarshal(body, &req); err != nil {
		t.Errorf("llmtest: body is not a chat request: %v: %s", err, body)
	}
	_ = json.Unmarshal(body, &req.Body)
	req.Header = r.Header.Clone()
	if req.Model == "" {
		t.Errorf("llmtest: request without a model: %s", body)
	}
	if len(req.Messages) == 0 {
		t.Errorf("llmtest: request without messages: %s", body)
	}
	if req.Stream && !strings.Contains(r.Header.Get("Accept"), "text/event-stream") {
		t.Errorf("llmtest: streamed request with Accept %q, want text/event-stream", r.Header.Get("Accept"))
	}

	n := s.record(req, !s.opts.Forget)

	var reply Reply
	switch {
	case n < len(s.opts.Replies):
		reply = s.opts.Replies[n]
	case s.opts.Respond != nil:
		reply = s.opts.Respond(n, req)
	default:
		t.Errorf("llmtest: request %d has no scripted reply (%d scripted)", n, len(s.opts.Replies))
		reply = Error(http.StatusInternalServerError, "llmtest: no scripted reply")
	}
	if reply.Silent {
		s.hang(r)
		return
	}
	for k, vs := range reply.Header {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
	if reply.Status >= 400 {
		writeError(w, reply)
		return
	}
	if req.Stream {
		s.stream(w, r, req, reply)
	} else {
		s.complete(w, r, req, reply)
	}
}

func writeError(w http.ResponseWriter, reply Reply) {
	body := reply.Body
	if body == "" {
		typ, code := "invalid_request_error", any(nil)
		switch {
		case reply.Status == http.StatusUnauthorized:
			code = "invalid_api_key"
		case reply.Status == http.StatusTooManyRequests:
			typ, code = "requests", "rate_limit_exceeded"
		case reply.Status >= 500:
			typ = "server_error"
		}
		b, _ := json.Marshal(map[string]any{"error": map[string]any{
			"message": reply.Message, "type": typ, "param": nil, "code": code,
		}})
		body = string(b)
	}
	if w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", "application/json")
	}
	w.WriteHeader(reply.Status)
	io.WriteString(w, body)
}

const created = 1735689600 // fixed, so recorded answers do not change

func (s *Server) complete(w http.ResponseWriter, r *http.Request, req Request, reply Reply) {
	if !s.wait(r, reply.Delay) {
		return
	}
	switch reply.End {
	case Cut:
		panic(http.ErrAbortHandler)
	case Hang:
		s.hang(r)
		return
	}
	content := strings.Join(reply.Chunks, "")
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{
		"id": "chatcmpl-llmtest", "object": "chat.completion", "created": created, "model": req.Model,
		"system_fingerprint": "fp_llmtest",
		"choices": []any{map[string]any{
			"index":         0,
			"message":       map[string]any{"role": "assistant", "content": content},
			"logprobs":      nil,
			"finish_reason": finishReason(reply),
		}},
		"usage": map[string]int{"prompt_tokens": 10, "completion_tokens": len(reply.Chunks), "total_tokens": 10 + len(reply.Chunks)},
	})
}

func finishReason(reply Reply) string {
	if reply.FinishReason == "" {
		return "stop"
	}
	return reply.FinishReason
}

func (s *Server) stream(w http.ResponseWriter, r *http.Request, req Request, reply Reply) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		s.t.Errorf("llmtest: response writer cannot flush")
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)
	flusher.Flush()
	if !s.wait(r, reply.Delay) {
		return
	}
	event := func(data string) {
		fmt.Fprintf(w, "data: %s\n\n", data)
		flusher.Flush()
	}
	chunk := func(delta map[string]any, finish any) string {
		b, _ := json.Marshal(map[string]any{
			"id": "chatcmpl-llmtest", "object": "chat.completion.chunk", "created": created, "model": req.Model,
			"system_fingerprint": "fp_llmtest",
			"choices": []any{map[string]any{
				"index": 0, "delta": delta, "logprobs": nil, "finish_reason": finish,
			}},
		})
		return string(b)
	}
	// OpenAI opens with the role and empty content before the first token.
	event(chunk(map[string]any{"role": "assistant", "content": ""}, nil))
	for _, c := range reply.Chunks {
		event(chunk(map[string]any{"content": c}, nil))
	}
	switch reply.End {
	case Done:
		event(chunk(map[string]any{}, finishReason(reply)))
		event("[DONE]")
	case Cut:
		panic(http.ErrAbortHandler) // net/http drops the connection without a final chunk
	case Close:
	case Malformed:
		event(`{"id":"chatcmpl-llmtest","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"bro`)
	case ErrorEvent:
		b, _ := json.Marshal(map[string]any{"error": map[string]any{"message": reply.Message, "type": "server_error", "param": nil, "code": nil}})
		event(string(b))
	case Hang:
		s.hang(r)
	}
}

// aborted reports a request body cut short because its client went away
// (a cancelled request, or a proxy that stopped forwarding it): what a
// server sees of an aborted call, not a protocol error of the client's.
func aborted(r *http.Request, err error) bool {
	return r.Context().Err() != nil || errors.Is(err, io.ErrUnexpectedEOF)
}
