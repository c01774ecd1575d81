package llmtest

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

func post(t *testing.T, s *Server, body string) *http.Response {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, s.BaseURL+"/chat/completions", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+s.APIKey)
	req.Header.Set("Content-Type", "application/json")
	if strings.Contains(body, `"stream":true`) {
		req.Header.Set("Accept", "text/event-stream")
	}
	resp, err := s.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

const streamed = `{"model":"m","stream":true,"temperature":0.1,"messages":[{"role":"system","content":"sys"},{"role":"user","content":"سوال"}]}`

// The stream must be byte-for-byte what OpenAI sends: data lines of
// chat.completion.chunk objects, a role chunk first, a finish reason, [DONE].
func TestStreamWireFormat(t *testing.T) {
	NoLeaks(t)
	s := NewServer(t, Options{Replies: []Reply{Stream("جواب ", "[1]۔")}})
	resp := post(t, s, streamed)
	if resp.StatusCode != 200 {
		t.Fatalf("status = %d", resp.StatusCode)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Errorf("Content-Type = %q, want text/event-stream", ct)
	}
	type chunk struct {
		Object  string `json:"object"`
		Model   string `json:"model"`
		Choices []struct {
			Index int `json:"index"`
			Delta struct {
				Role    string `json:"role"`
				Content string `json:"content"`
			} `json:"delta"`
			FinishReason *string `json:"finish_reason"`
		} `json:"choices"`
	}
	var (
		content, finish string
		events          int
		done            bool
	)
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		line := sc.Text()
		if line == "" {
			continue
		}
		data, ok := strings.CutPrefix(line, "data: ")
		if !ok {
			t.Fatalf("line %q is not a data line", line)
		}
		if done {
			t.Fatalf("data after [DONE]: %q", line)
		}
		if data == "[DONE]" {
			done = true
			continue
		}
		var c chunk
		if err := json.Unmarshal([]byte(data), &c); err != nil {
			t.Fatalf("chunk %q: %v", data, err)
		}
		if c.Object != "chat.completion.chunk" || c.Model != "m" || len(c.Choices) != 1 {
			t.Errorf("chunk = %s", data)
		}
		if events == 0 && c.Choices[0].Delta.Role != "assistant" {
			t.Errorf("first chunk %s, want the assistant role", data)
		}
		content += c.Choices[0].Delta.Content
		if f := c.Choices[0].FinishReason; f != nil {
			finish = *f
		}
		events++
	}
	if !done || content != "جواب [1]۔" || finish != "stop" {
		t.Errorf("content %q, finish %q, done %v; want the chunks, stop, [DONE]", content, finish, done)
	}
	reqs := s.Requests()
	if len(reqs) != 1 || reqs[0].System() != "sys" || reqs[0].User() != "سوال" || !reqs[0].Stream ||
		reqs[0].Temperature == nil || *reqs[0].Temperature != 0.1 {
		t.Errorf("recorded %+v", reqs)
	}
}

func TestCompletionAndErrorReplies(t *testing.T) {
	NoLeaks(t)
	s := NewServer(t, Options{
		Replies: []Reply{
			{Status: 429, Message: "Rate limit reached", Header: http.Header{"Retry-After": {"2"}}},
			Text("one two"),
		},
		Respond: func(n int, req Request) Reply { return Text("fallback " + req.User()) },
	})
	const plain = `{"model":"m","messages":[{"role":"user","content":"q"}]}`

	resp := post(t, s, plain)
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 429 || resp.Header.Get("Retry-After") != "2" {
		t.Errorf("got %d Retry-After %q, want 429 with 2", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	var e struct {
		Error struct{ Message, Type, Code string }
	}
	if err := json.Unmarshal(body, &e); err != nil || e.Error.Message != "Rate limit reached" || e.Error.Code != "rate_limit_exceeded" {
		t.Errorf("error body = %s", body)
	}

	for _, want := range []string{"one two", "fallback q"} {
		resp = post(t, s, plain)
		var c struct {
			Object  string
			Choices []struct {
				Message      struct{ Role, Content string }
				FinishReason string `json:"finish_reason"`
			}
		}
		if err := json.NewDecoder(resp.Body).Decode(&c); err != nil {
			t.Fatal(err)
		}
		if c.Object != "chat.completion" || len(c.Choices) != 1 || c.Choices[0].Message.Content != want ||
			c.Choices[0].Message.Role != "assistant" || c.Choices[0].FinishReason != "stop" {
			t.Errorf("completion = %+v, want %q", c, want)
		}
	}
	if n := len(s.Requests()); n != 3 {
		t.Errorf("%d requests recorded, want 3", n)
	}
}

func TestText(t *testing.T) {
	got := Text("a bc  d").Chunks
	want := []string{"a ", "bc ", " ", "d"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("Text chunks = %q, want %q", got, want)
	}
}
