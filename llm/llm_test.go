package llm

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jawab/jawab/llm/llmtest"
	"github.com/jawab/jawab/prompts"
	"github.com/jawab/jawab/rag"
)

// sleepRecorder replaces the client's sleep: it records each requested wait
// and returns at once, so retry tests neither sleep nor time anything.
type sleepRecorder struct {
	mu    sync.Mutex
	waits []time.Duration
}

func (s *sleepRecorder) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.waits = append(s.waits, d)
	s.mu.Unlock()
	return ctx.Err()
}

func (s *sleepRecorder) recorded() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.waits)
}

// newTest starts a fake server with opts and a client for it whose waits go to
// the returned recorder. It also fails the test if goroutines are left behind.
func newTest(t *testing.T, opts llmtest.Options, cfg Config) (*llmtest.Server, *Client, *sleepRecorder) {
	t.Helper()
	llmtest.NoLeaks(t) // first, so that it runs after the server has closed
	srv := llmtest.NewServer(t, opts)
	rec := &sleepRecorder{}
	cfg.BaseURL = srv.BaseURL
	cfg.APIKey = srv.APIKey
	if cfg.Model == "" {
		cfg.Model = "test-model"
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = srv.Client()
	}
	cfg.Sleep = rec.sleep
	c, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return srv, c, rec
}

var (
	passages = []rag.Passage{
		{N: 1, Title: "تربیلا ڈیم", Text: "تربیلا ڈیم 1976 میں مکمل ہوا۔"},
		{N: 2, Title: "Mangla dam", Text: "The Mangla dam was raised by 30 feet in 2009."},
	}
	enRequest = rag.GenerateRequest{Question: "When was the Mangla dam raised?", Lang: "en", Passages: passages}
	urRequest = rag.GenerateRequest{Question: "منگلا ڈیم کب بلند کیا گیا؟", Lang: "ur", Passages: passages,
		History: []rag.Turn{{Question: "تربیلا ڈیم کب مکمل ہوا؟", Answer: "تربیلا ڈیم 1976 میں مکمل ہوا [1]۔"}}}
)

// deltas collects what Generate streams.
type deltas struct {
	mu     sync.Mutex
	pieces []string
}

func (d *deltas) add(s string) {
	d.mu.Lock()
	d.pieces = append(d.pieces, s)
	d.mu.Unlock()
}

func (d *deltas) text() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return strings.Join(d.pieces, "")
}

func wantCode(t *testing.T, err error, code rag.Code) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want %s", code)
	}
	if got := rag.ErrorCode(err); got != code {
		t.Errorf("code = %s, want %s (err: %v)", got, code, err)
	}
}

func TestGenerateStreams(t *testing.T) {
	for _, tc := range []struct {
		name   string
		req    rag.GenerateRequest
		answer string
	}{
		{"english", enRequest, "The Mangla dam was raised by 30 feet in 2009 [2]."},
		{"urdu with history", urRequest, "منگلا ڈیم 2009 میں 30 فٹ بلند کیا گیا [2]۔"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, c, rec := newTest(t, llmtest.Options{Replies: []llmtest.Reply{llmtest.Text(tc.answer)}}, Config{})
			var d deltas
			got, err := c.Generate(context.Background(), tc.req, d.add)
			if err != nil {
				t.Fatalf("Generate: %v", err)
			}
			if got != tc.answer {
				t.Errorf("answer = %q, want %q", got, tc.answer)
			}
			if len(d.pieces) < 2 {
				t.Errorf("onDelta got %d pieces, want the answer in several", len(d.pieces))
			}
			if d.text() != tc.answer {
				t.Errorf("deltas join to %q, want %q", d.text(), tc.answer)
			}
			if w := rec.recorded(); len(w) != 0 {
				t.Errorf("waited %v, want no waits", w)
			}

			reqs := srv.Requests()
			if len(reqs) != 1 {
				t.Fatalf("%d requests, want 1", len(reqs))
			}
			r := reqs[0]
			if !r.Stream {
				t.Error("request has stream false, want true")
			}
			if r.Model != "test-model" {
				t.Errorf("model = %q, want test-model", r.Model)
			}
			if r.Temperature == nil || *r.Temperature > 0.2 {
				t.Errorf("temperature = %v, want a low one sent explicitly", r.Temperature)
			}
			in := prompts.AnswerInput{Lang: tc.req.Lang, Question: tc.req.Question}
			for _, p := range tc.req.Passages {
				in.Passages = append(in.Passages, prompts.Passage{N: p.N, Title: p.Title, Text: p.Text})
			}
			for _, h := range tc.req.History {
				in.History = append(in.History, prompts.Turn{Question: h.Question, Answer: h.Answer})
			}
			system, user, err := prompts.Answer(in)
			if err != nil {
				t.Fatal(err)
			}
			if len(r.Messages) != 2 || r.Messages[0].Role != "system" || r.Messages[1].Role != "user" {
				t.Fatalf("messages = %+v, want system then user", r.Messages)
			}
			if r.System() != system {
				t.Errorf("system message differs from prompts.Answer:\n%s", r.System())
			}
			if r.User() != user {
				t.Errorf("user message differs from prompts.Answer:\n%s", r.User())
			}
		})
	}
}

// The passages' dates and the day the question is asked reach the model.
func TestGenerateSendsDates(t *testing.T) {
	srv, c, _ := newTest(t, llmtest.Options{Replies: []llmtest.Reply{llmtest.Text("As of 2021-03-04, 160 rupees [1].")}}, Config{})
	req := enRequest
	req.Reference = time.Date(2021, 3, 5, 0, 0, 0, 0, time.UTC)
	req.Passages = slices.Clone(req.Passages)
	req.Passages[0].Published = time.Date(2021, 3, 4, 0, 0, 0, 0, time.UTC)
	if _, err := c.Generate(context.Background(), req, nil); err != nil {
		t.Fatal(err)
	}
	user := srv.Requests()[0].User()
	if !strings.Contains(user, `date="2021-03-04"`) || !strings.Contains(user, "asked on 2021-03-05") {
		t.Errorf("the prompt lacks the passage date or the reference day:\n%s", user)
	}
	if n := strings.Count(user, "date="); n != 1 {
		t.Errorf("%d dated passages in the prompt, want 1 (the others are undated)", n)
	}
}

func TestGenerateNilOnDelta(t *testing.T) {
	_, c, _ := newTest(t, llmtest.Options{Replies: []llmtest.Reply{llmtest.Text("Raised in 2009 [2].")}}, Config{})
	got, err := c.Generate(context.Background(), enRequest, nil)
	if err != nil || got != "Raised in 2009 [2]." {
		t.Errorf("Generate = %q, %v; want the answer", got, err)
	}
}

func TestGenerateRetriesBeforeFirstToken(t *testing.T) {
	for _, tc := range []struct {
		name      string
		first     llmtest.Reply
		wantWaits func(t *testing.T, w []time.Duration)
	}{
		{
			name: "429 with Retry-After",
			first: llmtest.Reply{Status: http.StatusTooManyRequests, Message: "Rate limit reached for requests",
				Header: http.Header{"Retry-After": {"2"}}},
			wantWaits: func(t *testing.T, w []time.Duration) {
				if !slices.Equal(w, []time.Duration{2 * time.Second}) {
					t.Errorf("waits = %v, want [2s] as the server asked", w)
				}
			},
		},
		{
			name:  "500 with an OpenAI error body",
			first: llmtest.Reply{Status: 500, Body: `{"error":{"message":"The server had an error while processing your request. Sorry about that!","type":"server_error","param":null,"code":null}}`},
			wantWaits: func(t *testing.T, w []time.Duration) {
				if len(w) != 1 || w[0] <= 0 {
					t.Errorf("waits = %v, want one backoff", w)
				}
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			answer := "Raised by 30 feet in 2009 [2]."
			srv, c, rec := newTest(t, llmtest.Options{Replies: []llmtest.Reply{tc.first, llmtest.Text(answer)}}, Config{})
			var d deltas
			got, err := c.Generate(context.Background(), enRequest, d.add)
			if err != nil {
				t.Fatalf("Generate: %v", err)
			}
			if got != answer || d.text() != answer {
				t.Errorf("answer = %q, deltas %q; want %q", got, d.text(), answer)
			}
			reqs := srv.Requests()
			if len(reqs) != 2 {
				t.Fatalf("%d requests, want 2", len(reqs))
			}
			if reqs[0].User() != reqs[1].User() || reqs[0].System() != reqs[1].System() {
				t.Error("the retry sent other prompts than the first attempt")
			}
			tc.wantWaits(t, rec.recorded())
		})
	}
}

func TestGeneratePersistent503(t *testing.T) {
	for _, tc := range []struct {
		maxRetries, wantRequests int
	}{
		{0, DefaultMaxRetries + 1},
		{1, 2},
		{-1, 1},
	} {
		srv, c, rec := newTest(t, llmtest.Options{Respond: func(int, llmtest.Request) llmtest.Reply {
			return llmtest.Error(http.StatusServiceUnavailable, "The engine is currently overloaded, please try again later")
		}}, Config{MaxRetries: tc.maxRetries})
		var d deltas
		_, err := c.Generate(context.Background(), enRequest, d.add)
		wantCode(t, err, rag.Unavailable)
		if !strings.Contains(err.Error(), "The engine is currently overloaded") {
			t.Errorf("err = %v, want the server's message", err)
		}
		if n := len(srv.Requests()); n != tc.wantRequests {
			t.Errorf("MaxRetries %d: %d requests, want %d", tc.maxRetries, n, tc.wantRequests)
		}
		if n := len(rec.recorded()); n != tc.wantRequests-1 {
			t.Errorf("MaxRetries %d: %d waits, want %d", tc.maxRetries, n, tc.wantRequests-1)
		}
		if d.text() != "" {
			t.Errorf("onDelta got %q from failed attempts", d.text())
		}
	}
}

func TestGenerate401NotRetried(t *testing.T) {
	srv, c, rec := newTest(t, llmtest.Options{Replies: []llmtest.Reply{{
		Status: http.StatusUnauthorized,
		Body:   `{"error":{"message":"Incorrect API key provided","type":"invalid_request_error","code":"invalid_api_key"}}`,
	}}}, Config{})
	_, err := c.Generate(context.Background(), enRequest, nil)
	wantCode(t, err, rag.Invalid)
	if !strings.Contains(err.Error(), "Incorrect API key provided") {
		t.Errorf("err = %v, want the server's message", err)
	}
	if n := len(srv.Requests()); n != 1 {
		t.Errorf("%d requests, want 1 (no retry on 401)", n)
	}
	if w := rec.recorded(); len(w) != 0 {
		t.Errorf("waits = %v, want none", w)
	}
}

func TestGenerateNonJSONErrorBody(t *testing.T) {
	_, c, _ := newTest(t, llmtest.Options{Replies: []llmtest.Reply{{Status: 404, Body: "<html>404 page not found</html>"}}}, Config{})
	_, err := c.Generate(context.Background(), enRequest, nil)
	wantCode(t, err, rag.Invalid)
	if !strings.Contains(err.Error(), "404 page not found") {
		t.Errorf("err = %v, want the body", err)
	}
}

// slowFirstToken is a reply whose first token would come long after any
// FirstTokenTimeout in these tests; the server gives up when the client leaves.
var slowFirstToken = llmtest.Reply{Chunks: []string{"too ", "late"}, Delay: time.Hour}

func TestGenerateSlowFirstTokenRetried(t *testing.T) {
	answer := "Raised in 2009 [2]."
	srv, c, rec := newTest(t, llmtest.Options{Replies: []llmtest.Reply{slowFirstToken, llmtest.Text(answer)}},
		Config{FirstTokenTimeout: 200 * time.Millisecond})
	var d deltas
	got, err := c.Generate(context.Background(), enRequest, d.add)
	if err != nil {
		t.Fatalf("Generate: %v", err)
	}
	if got != answer || d.text() != answer {
		t.Errorf("answer = %q, deltas %q; want %q from the second attempt alone", got, d.text(), answer)
	}
	if n := len(srv.Requests()); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
	if n := len(rec.recorded()); n != 1 {
		t.Errorf("%d waits, want 1 backoff before the retry", n)
	}
}

func TestGenerateSlowFirstTokenPersists(t *testing.T) {
	srv, c, _ := newTest(t, llmtest.Options{Respond: func(int, llmtest.Request) llmtest.Reply { return slowFirstToken }},
		Config{FirstTokenTimeout: 200 * time.Millisecond, MaxRetries: 2})
	var d deltas
	_, err := c.Generate(context.Background(), enRequest, d.add)
	wantCode(t, err, rag.Unavailable)
	if !strings.Contains(err.Error(), "first token") {
		t.Errorf("err = %v, want it to say the first token was late", err)
	}
	if n := len(srv.Requests()); n != 3 {
		t.Errorf("%d requests, want 3 (MaxRetries+1)", n)
	}
	if d.text() != "" {
		t.Errorf("onDelta got %q", d.text())
	}
}

func TestGenerateMidStreamFailureNotRetried(t *testing.T) {
	for _, tc := range []struct {
		name string
		end  llmtest.Ending
		want string // in the error
	}{
		{"connection cut", llmtest.Cut, "broke off"},
		{"malformed line", llmtest.Malformed, "broke off"},
		{"error event", llmtest.ErrorEvent, "model overloaded mid-answer"},
		{"body ends without finishing", llmtest.Close, "without finishing"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			reply := llmtest.Stream("The Mangla dam ", "was raised ")
			reply.End = tc.end
			reply.Message = "model overloaded mid-answer"
			srv, c, rec := newTest(t, llmtest.Options{Replies: []llmtest.Reply{reply, llmtest.Text("never sent")}}, Config{})
			var d deltas
			got, err := c.Generate(context.Background(), enRequest, d.add)
			wantCode(t, err, rag.Unavailable)
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want it to contain %q", err, tc.want)
			}
			if got != "" {
				t.Errorf("answer = %q, want none with the error", got)
			}
			if want := "The Mangla dam was raised "; d.text() != want {
				t.Errorf("onDelta got %q, want the partial %q", d.text(), want)
			}
			if n := len(srv.Requests()); n != 1 {
				t.Errorf("%d requests, want 1 (no retry after the first token)", n)
			}
			if w := rec.recorded(); len(w) != 0 {
				t.Errorf("waits = %v, want none", w)
			}
		})
	}
}

func TestGenerateEmptyAnswer(t *testing.T) {
	for _, tc := range []struct {
		name  string
		reply llmtest.Reply
		want  string
	}{
		{"no chunks", llmtest.Stream(), "empty answer"},
		{"whitespace", llmtest.Stream(" ", "\n"), "empty answer"},
		{"content filter", llmtest.Reply{Chunks: []string{"The "}, FinishReason: "content_filter"}, "content filter"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, c, _ := newTest(t, llmtest.Options{Replies: []llmtest.Reply{tc.reply}}, Config{})
			_, err := c.Generate(context.Background(), enRequest, nil)
			wantCode(t, err, rag.Unavailable)
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want it to contain %q", err, tc.want)
			}
			if n := len(srv.Requests()); n != 1 {
				t.Errorf("%d requests, want 1", n)
			}
		})
	}
}

func TestGenerateCallerCancels(t *testing.T) {
	t.Run("mid-stream", func(t *testing.T) {
		reply := llmtest.Stream("partial ")
		reply.End = llmtest.Hang
		_, c, _ := newTest(t, llmtest.Options{Replies: []llmtest.Reply{reply}}, Config{})
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		_, err := c.Generate(ctx, enRequest, func(string) { cancel() })
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
	})
	t.Run("before the first token", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		srv, c, _ := newTest(t, llmtest.Options{Respond: func(int, llmtest.Request) llmtest.Reply {
			cancel() // the caller leaves while the server thinks
			return slowFirstToken
		}}, Config{})
		_, err := c.Generate(ctx, enRequest, nil)
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
		if n := len(srv.Requests()); n != 1 {
			t.Errorf("%d requests, want 1 (a cancelled request is not retried)", n)
		}
	})
	t.Run("already cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		srv, c, _ := newTest(t, llmtest.Options{}, Config{})
		_, err := c.Generate(ctx, enRequest, nil)
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
		if n := len(srv.Requests()); n != 0 {
			t.Errorf("%d requests, want 0", n)
		}
	})
}

func TestGenerateWholeAnswerTimeout(t *testing.T) {
	reply := llmtest.Stream("partial ")
	reply.End = llmtest.Hang
	_, c, _ := newTest(t, llmtest.Options{Replies: []llmtest.Reply{reply}}, Config{Timeout: 200 * time.Millisecond})
	_, err := c.Generate(context.Background(), enRequest, nil)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want context.DeadlineExceeded", err)
	}
	wantCode(t, err, rag.Unavailable)
}

func TestGenerateConnectionRefused(t *testing.T) {
	srv, c, rec := newTest(t, llmtest.Options{}, Config{MaxRetries: 2})
	srv.Close() // nothing listens any more
	_, err := c.Generate(context.Background(), enRequest, nil)
	wantCode(t, err, rag.Unavailable)
	if w := rec.recorded(); len(w) != 2 {
		t.Errorf("waits = %v, want 2 (MaxRetries)", w)
	}
}

func TestGenerateInvalidRequest(t *testing.T) {
	srv, c, _ := newTest(t, llmtest.Options{}, Config{})
	_, err := c.Generate(context.Background(), rag.GenerateRequest{Question: "q", Lang: "fr", Passages: passages}, nil)
	wantCode(t, err, rag.Invalid)
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests, want 0", n)
	}
}

func TestReasoningModelGetsNoTemperature(t *testing.T) {
	srv, c, _ := newTest(t, llmtest.Options{Replies: []llmtest.Reply{llmtest.Text("ok [1].")}}, Config{Model: "o3-mini"})
	if _, err := c.Generate(context.Background(), enRequest, nil); err != nil {
		t.Fatal(err)
	}
	if r := srv.Requests()[0]; r.Temperature != nil {
		t.Errorf("temperature = %v sent to a reasoning model, want none", *r.Temperature)
	}
}

// completion is a non-streamed reply with content.
func completion(content string) llmtest.Reply { return llmtest.Reply{Chunks: []string{content}} }

func TestTranslate(t *testing.T) {
	for _, tc := range []struct {
		name, in, to, reply, want string
	}{
		{"to urdu", "What did Imran Khan say about the Supreme Court verdict?", "ur",
			"  عمران خان نے سپریم کورٹ کے فیصلے پر کیا کہا؟\n", "عمران خان نے سپریم کورٹ کے فیصلے پر کیا کہا؟"},
		{"to english", "تربیلا ڈیم کب مکمل ہوا؟", "en", `"When was the Tarbela dam completed?"`, "When was the Tarbela dam completed?"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, c, _ := newTest(t, llmtest.Options{Replies: []llmtest.Reply{completion(tc.reply)}}, Config{})
			got, err := c.Translate(context.Background(), tc.in, tc.to)
			if err != nil {
				t.Fatalf("Translate: %v", err)
			}
			if got != tc.want {
				t.Errorf("Translate = %q, want %q", got, tc.want)
			}
			reqs := srv.Requests()
			if len(reqs) != 1 {
				t.Fatalf("%d requests, want 1", len(reqs))
			}
			if reqs[0].Stream {
				t.Error("translation was streamed, want a plain completion")
			}
			system, user, _ := prompts.Translate(tc.in, tc.to)
			if reqs[0].System() != system || reqs[0].User() != user {
				t.Errorf("prompts differ from prompts.Translate:\n%s\n%s", reqs[0].System(), reqs[0].User())
			}
		})
	}
}

func TestCondense(t *testing.T) {
	history := []rag.Turn{{Question: "تربیلا ڈیم سے کتنی بجلی پیدا ہوئی؟", Answer: "2014 میں 14 ارب یونٹ [1]۔"}}
	for _, tc := range []struct {
		name, question, lang, reply, want string
	}{
		{"urdu", "اور 2015 میں؟", "ur", "تربیلا ڈیم سے 2015 میں کتنی بجلی پیدا ہوئی؟\n", "تربیلا ڈیم سے 2015 میں کتنی بجلی پیدا ہوئی؟"},
		{"english follow-up", "who else was there?", "en", "<follow_up>Who else attended the opening of the Tarbela dam?</follow_up>\nThis rewrites the question.",
			"Who else attended the opening of the Tarbela dam?"},
		{"no letters: language of the conversation", "2015?", "ur", "تربیلا ڈیم سے 2015 میں کتنی بجلی پیدا ہوئی؟", "تربیلا ڈیم سے 2015 میں کتنی بجلی پیدا ہوئی؟"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, c, _ := newTest(t, llmtest.Options{Replies: []llmtest.Reply{completion(tc.reply)}}, Config{})
			got, err := c.Condense(context.Background(), history, tc.question)
			if err != nil {
				t.Fatalf("Condense: %v", err)
			}
			if got != tc.want {
				t.Errorf("Condense = %q, want %q", got, tc.want)
			}
			reqs := srv.Requests()
			if len(reqs) != 1 {
				t.Fatalf("%d requests, want 1", len(reqs))
			}
			system, user, _ := prompts.Condense([]prompts.Turn{{Question: history[0].Question, Answer: history[0].Answer}}, tc.question, tc.lang)
			if reqs[0].System() != system || reqs[0].User() != user {
				t.Errorf("prompts differ from prompts.Condense(%s):\n%s\n%s", tc.lang, reqs[0].System(), reqs[0].User())
			}
		})
	}
}

func TestCondenseWithoutHistoryMakesNoRequest(t *testing.T) {
	srv, c, _ := newTest(t, llmtest.Options{}, Config{})
	got, err := c.Condense(context.Background(), nil, "who else was there?")
	if err != nil || got != "who else was there?" {
		t.Errorf("Condense = %q, %v; want the question unchanged", got, err)
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests, want 0", n)
	}
}

func TestCompletionErrors(t *testing.T) {
	call := map[string]func(*Client) (string, error){
		"translate": func(c *Client) (string, error) { return c.Translate(context.Background(), "سوال؟", "en") },
		"condense": func(c *Client) (string, error) {
			return c.Condense(context.Background(), []rag.Turn{{Question: "q1?", Answer: "a1."}}, "and then?")
		},
	}
	for name, do := range call {
		t.Run(name, func(t *testing.T) {
			t.Run("500 then success", func(t *testing.T) {
				srv, c, rec := newTest(t, llmtest.Options{Replies: []llmtest.Reply{llmtest.Error(500, "boom"), completion("fine")}}, Config{})
				got, err := do(c)
				if err != nil || got != "fine" {
					t.Errorf("got %q, %v; want fine", got, err)
				}
				if len(srv.Requests()) != 2 || len(rec.recorded()) != 1 {
					t.Errorf("%d requests, %d waits; want 2, 1", len(srv.Requests()), len(rec.recorded()))
				}
			})
			t.Run("400 invalid with message", func(t *testing.T) {
				srv, c, _ := newTest(t, llmtest.Options{Replies: []llmtest.Reply{llmtest.Error(400, "The model `nope` does not exist")}}, Config{})
				_, err := do(c)
				wantCode(t, err, rag.Invalid)
				if !strings.Contains(err.Error(), "The model `nope` does not exist") {
					t.Errorf("err = %v, want the server's message", err)
				}
				if n := len(srv.Requests()); n != 1 {
					t.Errorf("%d requests, want 1", n)
				}
			})
			t.Run("429 persists", func(t *testing.T) {
				srv, c, _ := newTest(t, llmtest.Options{Respond: func(int, llmtest.Request) llmtest.Reply {
					return llmtest.Error(429, "Rate limit reached")
				}}, Config{MaxRetries: 1})
				_, err := do(c)
				wantCode(t, err, rag.Unavailable)
				if !strings.Contains(err.Error(), "Rate limit reached") {
					t.Errorf("err = %v, want the server's message", err)
				}
				if n := len(srv.Requests()); n != 2 {
					t.Errorf("%d requests, want 2", n)
				}
			})
			t.Run("empty output", func(t *testing.T) {
				_, c, _ := newTest(t, llmtest.Options{Replies: []llmtest.Reply{completion(" \n")}}, Config{})
				_, err := do(c)
				wantCode(t, err, rag.Unavailable)
			})
			t.Run("too slow", func(t *testing.T) {
				_, c, _ := newTest(t, llmtest.Options{Replies: []llmtest.Reply{{Chunks: []string{"late"}, Delay: time.Hour}}},
					Config{FirstTokenTimeout: 200 * time.Millisecond})
				_, err := do(c)
				wantCode(t, err, rag.Unavailable)
				if !errors.Is(err, context.DeadlineExceeded) {
					t.Errorf("err = %v, want context.DeadlineExceeded", err)
				}
			})
		})
	}
}

func TestNewRequiresModel(t *testing.T) {
	_, err := New(Config{APIKey: "k"})
	wantCode(t, err, rag.Invalid)
}

func TestNewDefaults(t *testing.T) {
	c, err := New(Config{Model: "m"})
	if err != nil {
		t.Fatal(err)
	}
	if c.Name() != "m" || c.firstToken != DefaultFirstTokenTimeout || c.timeout != DefaultTimeout || c.maxRetries != DefaultMaxRetries {
		t.Errorf("got name %q, first token %v, timeout %v, retries %d; want the defaults", c.Name(), c.firstToken, c.timeout, c.maxRetries)
	}
	if c.transport.MaxRetries() != DefaultMaxRetries {
		t.Errorf("transport retries %d, want %d", c.transport.MaxRetries(), DefaultMaxRetries)
	}
}

func TestNewDoesNotModifyCallersClient(t *testing.T) {
	hc := &http.Client{}
	if _, err := New(Config{Model: "m", HTTPClient: hc}); err != nil {
		t.Fatal(err)
	}
	if hc.Transport != nil {
		t.Error("New replaced the transport of the caller's client")
	}
}

// The refusal sentence is written by the prompts and recognised by rag; the
// two must agree or refusals would be shown as answers.
func TestRefusalAgreesWithRag(t *testing.T) {
	for _, lang := range []string{"ur", "en"} {
		if prompts.Refusal(lang) != rag.Refusal(lang) {
			t.Errorf("prompts.Refusal(%s) = %q, rag.Refusal = %q", lang, prompts.Refusal(lang), rag.Refusal(lang))
		}
	}
}

func TestClean(t *testing.T) {
	for _, tc := range []struct {
		in      string
		oneLine bool
		want    string
	}{
		{"  plain  ", false, "plain"},
		{`"quoted"`, false, "quoted"},
		{"“curly”", false, "curly"},
		{"«گیومے»", false, "گیومے"},
		{`"Imran" said "yes"`, false, `"Imran" said "yes"`},
		{"<text>inside</text>", false, "inside"},
		{"<think>hmm\nlet me see</think>\nanswer", false, "answer"},
		{"first line\nsecond line", true, "first line"},
		{"first line\nsecond line", false, "first line\nsecond line"},
	} {
		if got := clean(tc.in, "text", tc.oneLine); got != tc.want {
			t.Errorf("clean(%q, %v) = %q, want %q", tc.in, tc.oneLine, got, tc.want)
		}
	}
}
