package api

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/jawab/jawab/rag"
)

type askRequest struct {
	Question string         `json:"question"`
	Lang     string         `json:"lang,omitempty"`
	K        int            `json:"k,omitempty"`
	Filters  *filterRequest `json:"filters,omitempty"`
	History  []rag.Turn     `json:"history,omitempty"`
	Stream   bool           `json:"stream,omitempty"`
	// AsOf is the day the question is asked, YYYY-MM-DD: the reference day
	// of "latest" and "last month", and no article published after it is
	// visible. A day after today counts as today.
	AsOf string `json:"as_of,omitempty"`
}

// ask answers a question: the rag.Answer as JSON, or with "stream": true or
// Accept: text/event-stream, the events passages, delta…, citations, done (or
// error).
func (s *server) ask(c *gin.Context) error {
	var req askRequest
	if err := s.readJSON(c, &req, true); err != nil {
		return err
	}
	if err := checkQuestion("question", req.Question); err != nil {
		return err
	}
	if err := checkLang(req.Lang); err != nil {
		return err
	}
	if err := checkK(req.K); err != nil {
		return err
	}
	f, err := req.Filters.filter()
	if err != nil {
		return err
	}
	asOf, err := parseAsOf(req.AsOf)
	if err != nil {
		return err
	}
	q := rag.Question{Text: req.Question, Lang: req.Lang, K: req.K, Filter: f, History: trimHistory(req.History), AsOf: asOf}
	if err := checkHistory(q.History); err != nil {
		return err
	}
	if req.Stream || wantsEventStream(c) {
		return s.streamAnswer(c, q, jawabEvents{})
	}
	ctx, cancel := context.WithTimeout(c.Request.Context(), s.cfg.AskTimeout)
	defer cancel()
	ans, err := s.answer(ctx, q, c.GetTime(keyStarted))
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, ans)
	s.record(c, ans)
	return nil
}

func wantsEventStream(c *gin.Context) bool {
	return strings.Contains(c.GetHeader("Accept"), "text/event-stream")
}

// jawabEvents frames /v1/ask streams. Data is JSON except for delta, whose
// data is the text itself (several data lines when it holds line breaks).
// The deltas are the answer as the model writes it; done carries the checked
// answer, whose text replaces them (invented citations are removed).
type jawabEvents struct{}

func (jawabEvents) start(*sseWriter) {}

func (jawabEvents) passages(w *sseWriter, data []byte) { w.event("passages", string(data)) }

func (jawabEvents) delta(w *sseWriter, text string) { w.event("delta", text) }

func (jawabEvents) done(w *sseWriter, a *rag.Answer) {
	w.event("citations", mustJSON(a.Citations))
	w.event("done", mustJSON(a))
}

func (jawabEvents) fail(w *sseWriter, d errorDetail) { w.event("error", mustJSON(d)) }

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // our own types always marshal
	}
	return string(b)
}

type searchRequest struct {
	Query   string         `json:"query"`
	K       int            `json:"k,omitempty"`
	Filters *filterRequest `json:"filters,omitempty"`
	// AsOf hides the articles published after that day, as in /v1/ask.
	AsOf string `json:"as_of,omitempty"`
}

// searchResponse is what /v1/search returns: the passages, the probability
// that they answer the query (by the answerability gate, as in an Answer), and
// warnings (a reranker that failed, say). Passages and warnings are always
// arrays.
type searchResponse struct {
	Passages      []rag.Passage `json:"passages"`
	Answerability float64       `json:"answerability"`
	Warnings      []string      `json:"warnings"`
}

// search returns the passages for a query, with their scores and their
// answerability, without an answer.
func (s *server) search(c *gin.Context) error {
	var req searchRequest
	if err := s.readJSON(c, &req, true); err != nil {
		return err
	}
	if err := checkQuestion("query", req.Query); err != nil {
		return err
	}
	if err := checkK(req.K); err != nil {
		return err
	}
	f, err := req.Filters.filter()
	if err != nil {
		return err
	}
	asOf, err := parseAsOf(req.AsOf)
	if err != nil {
		return err
	}
	f = f.VisibleAsOf(asOf, time.Now())
	k := req.K
	if k == 0 {
		k = 5
	}
	ctx, cancel := context.WithTimeout(c.Request.Context(), s.cfg.Timeout)
	defer cancel()
	res, err := s.searcher.Search(ctx, strings.TrimSpace(req.Query), k, f)
	if err == nil && ctx.Err() != nil {
		err = ctx.Err()
	}
	if err != nil {
		return err
	}
	out := searchResponse{Passages: []rag.Passage{}, Warnings: []string{}}
	if res != nil {
		out.Answerability = res.Answerability
		if res.Passages != nil {
			out.Passages = res.Passages
		}
		if res.Warnings != nil {
			out.Warnings = res.Warnings
		}
	}
	c.JSON(http.StatusOK, out)
	return nil
}
