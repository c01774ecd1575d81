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

// sseWriter writes server-sent events.
type sseWriter struct {
	w gin.ResponseWriter
}

// startSSE sends the headers of an event stream.
func startSSE(c *gin.Context) *sseWriter {
	h := c.Writer.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no") // nginx: pass events on as they come
	c.Status(http.StatusOK)
	c.Writer.WriteHeaderNow()
	c.Writer.Flush()
	return &sseWriter{w: c.Writer}
}

// event writes one event. Data with line breaks becomes several data lines,
// which a browser's EventSource joins back with "\n".
func (s *sseWriter) event(name, data string) {
	var b strings.Builder
	if name != "" {
		b.WriteString("event: " + name + "\n")
	}
	data = strings.ReplaceAll(data, "\r\n", "\n")
	data = strings.ReplaceAll(data, "\r", "\n")
	for line := range strings.SplitSeq(data, "\n") {
		b.WriteString("data: " + line + "\n")
	}
	b.WriteString("\n")
	s.write(b.String())
}

// comment writes a comment line, which clients ignore: it keeps proxies from
// closing a stream that is waiting for the model.
func (s *sseWriter) comment(text string) { s.write(": " + text + "\n\n") }

func (s *sseWriter) write(p string) {
	// An error means the client went away; the request's context ends with it.
	_, _ = s.w.WriteString(p)
	s.w.Flush()
}

// framer writes the events of one kind of answer stream: jawab's own, or
// OpenAI's chat completion chunks.
type framer interface {
	start(w *sseWriter)
	passages(w *sseWriter, data []byte)
	delta(w *sseWriter, text string)
	done(w *sseWriter, a *rag.Answer)
	fail(w *sseWriter, d errorDetail)
}

type streamItem struct {
	passages []byte
	delta    string
	end      bool
	ans      *rag.Answer
	err      error
}

// streamAnswer answers q as an event stream framed by f: passages as soon as
// they are found, the answer as it is written, then the whole answer. A client
// that goes away cancels the answer (and the model's request); a shutdown ends
// the stream with an error event (shutting_down); an idle stream gets a
// keep-alive comment every Config.KeepAlive.
func (s *server) streamAnswer(c *gin.Context, q rag.Question, f framer) error {
	start := c.GetTime(keyStarted)
	ctx, cancel := context.WithTimeout(c.Request.Context(), s.cfg.AskTimeout)
	defer cancel()

	items := make(chan streamItem, 16)
	q.OnPassages = func(ps []rag.Passage) {
		// Marshalled here, in the answerer's goroutine, which owns them.
		if b, err := json.Marshal(ps); err == nil {
			items <- streamItem{passages: b}
		}
	}
	q.OnDelta = func(d string) { items <- streamItem{delta: d} }
	go func() {
		defer close(items)
		ans, err := s.answer(ctx, q, start)
		items <- streamItem{end: true, ans: ans, err: err}
	}()
	// However the stream ends, the answer is cancelled and waited for, so
	// that no work outlives the request.
	defer func() {
		cancel()
		for range items {
		}
	}()

	w := startSSE(c)
	f.start(w)
	ping := time.NewTicker(s.cfg.KeepAlive)
	defer ping.Stop()
	stopping := s.stopping
	for {
		select {
		case it := <-items:
			switch {
			case it.passages != nil:
				f.passages(w, it.passages)
			case !it.end:
				if it.delta != "" {
					f.delta(w, it.delta)
				}
			case it.err != nil:
				status, d := s.problem(c, it.err)
				c.Set(keyStatus, status)
				if status != StatusClientClosed {
					f.fail(w, d)
				}
				return nil
			default:
				f.done(w, it.ans)
				s.record(c, it.ans)
				return nil
			}
		case <-ping.C:
			w.comment("ping")
		case <-stopping:
			// The answer ends with context.Canceled, which problem
			// reports as shutting_down while the server stops.
			stopping = nil
			cancel()
		}
	}
}

// answer asks q, measuring the time to the first piece of the answer from
// start, and recording the answer's stages in the metrics.
func (s *server) answer(ctx context.Context, q rag.Question, start time.Time) (*rag.Answer, error) {
	first := true
	onDelta := q.OnDelta
	q.OnDelta = func(d string) {
		if first && d != "" {
			first = false
			s.metrics.firstToken(time.Since(start))
		}
		if onDelta != nil {
			onDelta(d)
		}
	}
	ans, err := s.asker.Ask(ctx, q)
	if err == nil && ctx.Err() != nil {
		// The answerer stops quietly when its context ends; what it
		// returns then is not an answer.
		err = ctx.Err()
	}
	if err != nil {
		return nil, err
	}
	s.metrics.answer(ans)
	return ans, nil
}

// record stores the answer in the feedback log, so that feedback can refer to
// it; a failure is logged, never shown to the reader.
func (s *server) record(c *gin.Context, a *rag.Answer) {
	if s.feedback == nil || a == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(c.Request.Context()), 10*time.Second)
	defer cancel()
	if err := s.feedback.RecordAnswer(ctx, a); err != nil {
		s.reqLog(c).Warn("could not record the answer", "answer_id", a.ID, "err", err)
	}
}
