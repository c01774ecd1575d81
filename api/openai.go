package api

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/jawab/jawab/rag"
)

// chatRequest is the part of an OpenAI chat completion request jawab reads;
// the other fields (temperature, tools, …) are accepted and ignored.
type chatRequest struct {
	Model    string        `json:"model"`
	Messages []chatMessage `json:"messages"`
	Stream   bool          `json:"stream"`
}

type chatMessage struct {
	Role string `json:"role"`
	// Content is a string, or an array of parts of which the text ones count.
	Content json.RawMessage `json:"content"`
}

func (m chatMessage) text() (string, error) {
	if len(m.Content) == 0 || string(m.Content) == "null" {
		return "", nil
	}
	var s string
	if err := json.Unmarshal(m.Content, &s); err == nil {
		return s, nil
	}
	var parts []struct {
		Type string `json:"type"`
		Text string `json:"text"`
	}
	if err := json.Unmarshal(m.Content, &parts); err != nil {
		return "", rag.Errorf(rag.Invalid, "message content must be a string or an array of content parts")
	}
	var b strings.Builder
	for _, p := range parts {
		if p.Type == "text" {
			b.WriteString(p.Text)
		}
	}
	return b.String(), nil
}

// sourcesMarker starts the list of sources appended to chat answers; it is
// cut from assistant messages that come back as history.
const sourcesMarker = "\n\nSources:\n"

// question turns the conversation into a question: the last message (from
// the user) asks, earlier user/assistant pairs are its history. System
// messages are ignored: jawab's own prompt decides how it answers.
func (r *chatRequest) question() (rag.Question, error) {
	type msg struct{ role, text string }
	var msgs []msg
	for _, m := range r.Messages {
		t, err := m.text()
		if err != nil {
			return rag.Question{}, err
		}
		msgs = append(msgs, msg{m.Role, t})
	}
	if len(msgs) == 0 || msgs[len(msgs)-1].role != "user" {
		return rag.Question{}, rag.Errorf(rag.Invalid, "the last message must be the user's question")
	}
	q := rag.Question{Text: msgs[len(msgs)-1].text}
	var pending *rag.Turn
	for _, m := range msgs[:len(msgs)-1] {
		switch m.role {
		case "user":
			if pending != nil {
				q.History = append(q.History, *pending)
			}
			pending = &rag.Turn{Question: m.text}
		case "assistant":
			if pending != nil {
				answer, _, _ := strings.Cut(m.text, sourcesMarker)
				pending.Answer = strings.TrimSpace(answer)
				q.History = append(q.History, *pending)
				pending = nil
			}
		}
	}
	if pending != nil {
		q.History = append(q.History, *pending)
	}
	q.History = trimHistory(q.History)
	return q, nil
}

// chatCompletions answers as an OpenAI chat model named "jawab": the answer
// text with its [n] markers and a list of the sources, and the citations and
// the answerability in top-level "citations" and "answerability" fields.
func (s *server) chatCompletions(c *gin.Context) error {
	var req chatRequest
	if err := s.readJSON(c, &req, false); err != nil {
		return err
	}
	if req.Model != "" && req.Model != Model {
		return errorf(http.StatusNotFound, "model_not_found", "the model `%s` does not exist; this server has the model `%s`", req.Model, Model)
	}
	q, err := req.question()
	if err != nil {
		return err
	}
	if err := checkQuestion("the question", q.Text); err != nil {
		return err
	}
	if err := checkHistory(q.History); err != nil {
		return err
	}
	if req.Stream {
		return s.streamAnswer(c, q, &chatChunks{created: time.Now().Unix()})
	}
	ctx, cancel := context.WithTimeout(c.Request.Context(), s.cfg.AskTimeout)
	defer cancel()
	ans, err := s.answer(ctx, q, c.GetTime(keyStarted))
	if err != nil {
		return err
	}
	stop := "stop"
	c.JSON(http.StatusOK, chatCompletion{
		ID: chatIDPrefix + ans.ID, Object: "chat.completion", Created: time.Now().Unix(), Model: Model,
		Choices: []chatChoice{{Index: 0, Message: &chatOut{Role: "assistant", Content: chatText(ans)}, FinishReason: &stop}},
		Usage:   &chatUsage{}, Citations: ans.Citations, AnswerID: ans.ID, Answerability: &ans.Answerability,
	})
	s.record(c, ans)
	return nil
}

// chatIDPrefix starts completion ids. A non-streamed completion's id is the
// answer id with this prefix, which /v1/feedback accepts; every completion
// also carries the answer id in "answer_id" (a stream, in its last chunk).
const chatIDPrefix = "chatcmpl-"

// chatText is the answer with the list of the sources it cites.
func chatText(a *rag.Answer) string { return a.Answer + sourcesList(a.Citations) }

// sourcesList lists the cited sources, one line per [n]: "[1] title (doc id)".
func sourcesList(cites []rag.Citation) string {
	if len(cites) == 0 {
		return ""
	}
	cs := slices.Clone(cites)
	slices.SortStableFunc(cs, func(x, y rag.Citation) int { return cmp.Compare(x.N, y.N) })
	var lines []string
	last := 0
	for _, c := range cs {
		if c.N != last {
			lines = append(lines, fmt.Sprintf("[%d] %s (%s)", c.N, c.Title, c.DocID))
			last = c.N
		}
	}
	return sourcesMarker + strings.Join(lines, "\n")
}

type chatCompletion struct {
	ID        string         `json:"id"`
	Object    string         `json:"object"`
	Created   int64          `json:"created"`
	Model     string         `json:"model"`
	Choices   []chatChoice   `json:"choices"`
	Usage     *chatUsage     `json:"usage,omitempty"`
	Citations []rag.Citation `json:"citations,omitzero"`
	AnswerID  string         `json:"answer_id,omitempty"`
	// Answerability is the Answer's: in a completion, and in the last chunk
	// of a stream (the one with the citations).
	Answerability *float64 `json:"answerability,omitempty"`
}

type chatChoice struct {
	Index        int      `json:"index"`
	Message      *chatOut `json:"message,omitempty"`
	Delta        *chatOut `json:"delta,omitempty"`
	FinishReason *string  `json:"finish_reason"`
}

type chatOut struct {
	Role    string `json:"role,omitempty"`
	Content string `json:"content"`
}

type chatUsage struct {
	PromptTokens     int `json:"prompt_tokens"`
	CompletionTokens int `json:"completion_tokens"`
	TotalTokens      int `json:"total_tokens"`
}

// chatChunks frames chat completion chunks: data lines of JSON, then
// "data: [DONE]". An error mid-stream is an OpenAI error object, as OpenAI
// sends it.
type chatChunks struct {
	created int64
	id      string
}

func (f *chatChunks) chunk(w *sseWriter, delta chatOut, finish *string, a *rag.Answer) {
	ch := chatCompletion{
		ID: f.id, Object: "chat.completion.chunk", Created: f.created, Model: Model,
		Choices: []chatChoice{{Index: 0, Delta: &delta, FinishReason: finish}},
	}
	if a != nil {
		ch.Citations, ch.AnswerID, ch.Answerability = a.Citations, a.ID, &a.Answerability
		if ch.Citations == nil {
			ch.Citations = []rag.Citation{}
		}
	}
	w.event("", mustJSON(ch))
}

func (f *chatChunks) start(w *sseWriter) {
	// The answer id is not known yet; the chunks share a fresh one.
	f.id = chatIDPrefix + newRequestID()
	f.chunk(w, chatOut{Role: "assistant", Content: ""}, nil, nil)
}

func (f *chatChunks) passages(*sseWriter, []byte) {}

func (f *chatChunks) delta(w *sseWriter, text string) { f.chunk(w, chatOut{Content: text}, nil, nil) }

func (f *chatChunks) done(w *sseWriter, a *rag.Answer) {
	if src := sourcesList(a.Citations); src != "" {
		f.chunk(w, chatOut{Content: src}, nil, nil)
	}
	stop := "stop"
	f.chunk(w, chatOut{}, &stop, a)
	w.event("", "[DONE]")
}

func (f *chatChunks) fail(w *sseWriter, d errorDetail) {
	if d.Type == "" {
		d.Type = "server_error"
	}
	w.event("", mustJSON(errorBody{Error: d}))
}

// listModels lists the one model.
func (s *server) listModels(c *gin.Context) error {
	c.JSON(http.StatusOK, gin.H{"object": "list", "data": []gin.H{
		{"id": Model, "object": "model", "created": 1735689600, "owned_by": "jawab"},
	}})
	return nil
}
