package main

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/jawab/jawab/llm/llmtest"
	"github.com/jawab/jawab/rag"
)

const question1948 = "پاکستان اور سوویت یونین کے درمیان سفارتی تعلقات کب قائم ہوئے؟"

// TestLLMFaultsEndInDefinedOutcomes runs the real server against a fake LLM
// that fails in each way a real one does, asking once as JSON and once as a
// stream. Each fault ends in its defined outcome: a retry that succeeds, the
// extractive answer with a warning, or the model's answer with bad citations
// dropped; never a hung request, an error the reader cannot use, or (checked
// when the test ends) a goroutine left behind.
func TestLLMFaultsEndInDefinedOutcomes(t *testing.T) {
	llmtest.NoLeaks(t)
	const fallbackLabel = "LLM سے قابلِ استعمال جواب نہیں ملا"
	ok := llmtest.Stream("سفارتی تعلقات ", "یکم مئی 1948 کو ", "قائم ہوئے [1]۔")
	cases := []struct {
		name string
		// reply answers the nth request for the answer (from 0).
		reply func(n int) llmtest.Reply
		// refused points jawab at a port nothing listens on.
		refused bool
		// env overrides the server's settings.
		env map[string]string
		// generator is what Answer.Generator must say; warning a fragment of a
		// warning it must carry ("" for none); requests how many chat requests
		// one question may make at most, and atLeast at least (0: requests).
		generator         string
		warning           string
		requests, atLeast int
	}{
		{name: "connection refused", refused: true, generator: "extractive", warning: "the LLM failed"},
		{name: "silent before the first byte", reply: func(int) llmtest.Reply { return llmtest.Reply{Silent: true} },
			generator: "extractive", warning: "the LLM failed", requests: 2},
		{name: "no first token", reply: func(int) llmtest.Reply { return llmtest.Reply{End: llmtest.Hang} },
			generator: "extractive", warning: "the LLM failed", requests: 2},
		{name: "dies mid-stream", reply: func(int) llmtest.Reply {
			return llmtest.Reply{Chunks: []string{"سفارتی تعلقات "}, End: llmtest.Cut}
		}, generator: "extractive", warning: "the LLM failed", requests: 1},
		{name: "429 with Retry-After, then an answer", reply: func(n int) llmtest.Reply {
			if n == 0 {
				r := llmtest.Error(http.StatusTooManyRequests, "slow down")
				r.Header = http.Header{"Retry-After": {"1"}}
				return r
			}
			return ok
			// The client never waits on a Retry-After past the first-token
			// deadline, so this one must allow for a second's wait.
		}, env: map[string]string{"JAWAB_LLM_FIRST_TOKEN_TIMEOUT": "3s"}, generator: "fake-chat", requests: 2},
		// Retried after a random backoff if that fits before the first-token
		// deadline: one or two requests.
		{name: "500 every time", reply: func(int) llmtest.Reply { return llmtest.Error(http.StatusInternalServerError, "boom") },
			generator: "extractive", warning: "the LLM failed", requests: 2, atLeast: 1},
		{name: "malformed stream line", reply: func(int) llmtest.Reply {
			return llmtest.Reply{Chunks: []string{"سفارتی "}, End: llmtest.Malformed}
		}, generator: "extractive", warning: "the LLM failed", requests: 1},
		{name: "empty answer", reply: func(int) llmtest.Reply { return llmtest.Stream() },
			generator: "extractive", warning: "the LLM failed"},
		{name: "wrong language", reply: func(int) llmtest.Reply {
			return llmtest.Stream("Diplomatic relations were established ", "on 1 May 1948 [1].")
		}, generator: "extractive", warning: "answered in en instead of ur", requests: 1},
		{name: "invented citation numbers", reply: func(int) llmtest.Reply {
			return llmtest.Stream("سفارتی تعلقات یکم مئی 1948 کو قائم ہوئے [1][9]۔")
		}, generator: "fake-chat", warning: "[9]", requests: 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var fake *llmtest.Server
			if !tc.refused {
				fake = llmtest.NewServer(t, llmtest.Options{Respond: func(n int, _ llmtest.Request) llmtest.Reply { return tc.reply(n % 2) }})
			}
			env := map[string]string{"JAWAB_CHAT_MODEL": "fake-chat", "OPENAI_API_KEY": llmtest.DefaultAPIKey,
				"JAWAB_LLM_FIRST_TOKEN_TIMEOUT": "300ms", "JAWAB_LLM_TIMEOUT": "5s", "JAWAB_LLM_RETRIES": "1"}
			for k, v := range tc.env {
				env[k] = v
			}
			if tc.refused {
				env["OPENAI_BASE_URL"] = "http://" + closedPort(t) + "/v1"
			} else {
				env["OPENAI_BASE_URL"] = fake.BaseURL
			}
			srv := startServe(t, env)
			check := func(how string, a rag.Answer) {
				t.Helper()
				if a.Generator != tc.generator {
					t.Errorf("%s: generator %q, want %q (answer %q, warnings %q)", how, a.Generator, tc.generator, a.Answer, a.Warnings)
				}
				if tc.warning != "" && !strings.Contains(strings.Join(a.Warnings, "\n"), tc.warning) {
					t.Errorf("%s: warnings %q lack %q", how, a.Warnings, tc.warning)
				}
				if tc.warning == "" && len(a.Warnings) > 0 {
					t.Errorf("%s: unexpected warnings %q", how, a.Warnings)
				}
				if len(a.Citations) == 0 || a.Citations[0].DocID != "000_c226a50e9c4de795" {
					t.Errorf("%s: citations %+v, want the 1948 article", how, a.Citations)
				}
				for _, c := range a.Citations {
					if c.N < 1 || c.N > len(a.Passages) {
						t.Errorf("%s: citation [%d] of %d passages", how, c.N, len(a.Passages))
					}
				}
				if tc.generator == "extractive" && !strings.Contains(a.Answer, fallbackLabel) {
					t.Errorf("%s: a fallback answer must say the LLM gave no usable answer: %q", how, a.Answer)
				}
				if strings.Contains(a.Answer, "Diplomatic") {
					t.Errorf("%s: the answer in the wrong language reached the reader: %q", how, a.Answer)
				}
			}

			resp, body := srv.do(t, "POST", "/v1/ask", map[string]any{"question": question1948})
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("JSON: status %d: %s", resp.StatusCode, body)
			}
			var a rag.Answer
			if err := json.Unmarshal(body, &a); err != nil {
				t.Fatal(err)
			}
			check("JSON", a)

			events, _ := srv.openStream(t, context.Background(), "/v1/ask", fmt.Sprintf(`{"question":%q}`, question1948))
			var last sseEvent
			for {
				ev, more := nextEvent(t, events)
				if !more {
					break
				}
				last = ev
			}
			if last.typ != "done" {
				t.Fatalf("stream: last event %q (%s), want done", last.typ, last.data)
			}
			if err := json.Unmarshal([]byte(last.data), &a); err != nil {
				t.Fatal(err)
			}
			check("stream", a)
			if fake != nil && tc.requests > 0 {
				least := cmp.Or(tc.atLeast, tc.requests)
				if got := len(fake.Requests()); got < 2*least || got > 2*tc.requests {
					t.Errorf("%d chat requests for two questions, want %d to %d", got, 2*least, 2*tc.requests)
				}
			}
		})
	}
}

// closedPort returns a loopback address nothing listens on.
func closedPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}
