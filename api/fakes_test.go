package api

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jawab/jawab/rag"
)

// fakeAsker answers every question with two passages, the deltas, and an
// answer citing [1]; ask, when set, replaces it.
type fakeAsker struct {
	deltas []string
	ask    func(ctx context.Context, q rag.Question) (*rag.Answer, error)
}

var testPassages = []rag.Passage{
	{N: 1, ChunkID: "a#0", DocID: "a", Title: "Article A", Text: "Relations began in 1948.", Score: 0.9},
	{N: 2, ChunkID: "dir/b#0", DocID: "dir/b", Title: "Article B", Text: "Other news.", Score: 0.5},
}

func (f *fakeAsker) Ask(ctx context.Context, q rag.Question) (*rag.Answer, error) {
	if f.ask != nil {
		return f.ask(ctx, q)
	}
	if q.OnPassages != nil {
		q.OnPassages(testPassages)
	}
	text := "Relations began in 1948 [1]."
	deltas := f.deltas
	if deltas == nil {
		deltas = []string{"Relations began ", "in 1948 [1]."}
	}
	if q.OnDelta != nil {
		for _, d := range deltas {
			q.OnDelta(d)
		}
	}
	if f.deltas != nil {
		text = strings.Join(f.deltas, "")
	}
	return &rag.Answer{ID: "ans1", Question: q.Text, Answer: text, Lang: "en", Generator: "fake",
		Citations:     []rag.Citation{{N: 1, DocID: "a", Title: "Article A", ChunkID: "a#0", Quote: "Relations began in 1948.", Supported: true}},
		Passages:      testPassages,
		Answerability: askAnswerability,
		Timings:       map[string]float64{"retrieve": 1, "generate": 2, "total": 3}}, nil
}

// The answerabilities the fakes compute: two values that JSON carries
// exactly and that a mix-up of the two would show.
const (
	askAnswerability    = 0.625
	searchAnswerability = 0.375
)

// searchCall is a request as the Searcher received it.
type searchCall struct {
	query string
	k     int
	f     rag.Filter
}

// fakeSearcher returns the first k test passages with searchAnswerability and
// a warning, and remembers the requests; search, when set, replaces it.
type fakeSearcher struct {
	mu     sync.Mutex
	calls  []searchCall
	search func(ctx context.Context, query string, k int, f rag.Filter) (*rag.SearchResult, error)
}

func (s *fakeSearcher) Search(ctx context.Context, query string, k int, f rag.Filter) (*rag.SearchResult, error) {
	s.mu.Lock()
	s.calls = append(s.calls, searchCall{query, k, f})
	s.mu.Unlock()
	if s.search != nil {
		return s.search(ctx, query, k, f)
	}
	return &rag.SearchResult{Passages: testPassages[:min(k, len(testPassages))], Answerability: searchAnswerability,
		Warnings: []string{"keyword search failed: boom"}}, nil
}

type fakeLibrary struct {
	mu      sync.Mutex
	docs    map[string]rag.Document
	listErr error // List fails with it when set
	down    error // every read fails with it when set: the store is unreachable
}

func newFakeLibrary() *fakeLibrary {
	return &fakeLibrary{docs: map[string]rag.Document{"a": {ID: "a", Title: "Article A", Text: "Relations began in 1948."}, "dir/b": {ID: "dir/b", Title: "B", Text: "Other."}}}
}

func (l *fakeLibrary) List(context.Context) ([]rag.DocumentInfo, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.listErr != nil {
		return nil, l.listErr
	}
	if l.down != nil {
		return nil, l.down
	}
	var out []rag.DocumentInfo
	for _, d := range l.docs {
		out = append(out, rag.DocumentInfo{ID: d.ID, Title: d.Title})
	}
	return out, nil
}

func (l *fakeLibrary) Get(_ context.Context, id string) (rag.Document, []rag.Chunk, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.down != nil {
		return rag.Document{}, nil, l.down
	}
	d, ok := l.docs[id]
	if !ok {
		return d, nil, rag.Errorf(rag.NotFound, "no document with id %q", id)
	}
	return d, []rag.Chunk{{ID: id + "#0", DocID: id, Text: d.Text}}, nil
}

func (l *fakeLibrary) Delete(ctx context.Context, id string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, ok := l.docs[id]; !ok {
		return rag.Errorf(rag.NotFound, "no document with id %q", id)
	}
	delete(l.docs, id)
	return nil
}

func (l *fakeLibrary) Add(ctx context.Context, d rag.Document) (IngestResult, error) {
	if d.ID == "" || strings.TrimSpace(d.Text) == "" {
		return IngestResult{Status: "failed"}, rag.Errorf(rag.Invalid, "the id or text is empty")
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	status := "added"
	if _, ok := l.docs[d.ID]; ok {
		status = "updated"
	}
	l.docs[d.ID] = d
	return IngestResult{ID: d.ID, Status: status, Chunks: 1}, nil
}

func (l *fakeLibrary) Upload(ctx context.Context, files []UploadFile) ([]IngestResult, error) {
	var (
		results  []IngestResult
		problems []string
		ok       bool
	)
	for _, f := range files {
		if !strings.HasSuffix(f.Name, ".txt") {
			results = append(results, IngestResult{Path: f.Name, Status: "failed", Error: "unsupported format"})
			problems = append(problems, f.Name+": unsupported format")
			continue
		}
		id := strings.TrimSuffix(f.Name, ".txt")
		r, err := l.Add(ctx, rag.Document{ID: id, Title: id, Text: string(f.Data)})
		r.Path = f.Name
		if err != nil {
			problems = append(problems, err.Error())
		}
		ok = ok || err == nil
		results = append(results, r)
	}
	if !ok {
		return results, rag.Errorf(rag.Invalid, "%s", strings.Join(problems, "; "))
	}
	return results, nil
}

func (l *fakeLibrary) Stats(context.Context) (int, int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.down != nil {
		return 0, 0, l.down
	}
	return len(l.docs), len(l.docs), nil
}

type fakeFeedback struct {
	mu      sync.Mutex
	answers map[string]bool
	votes   []Feedback
}

func (f *fakeFeedback) RecordAnswer(ctx context.Context, a *rag.Answer) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.answers == nil {
		f.answers = map[string]bool{}
	}
	f.answers[a.ID] = true
	return nil
}

func (f *fakeFeedback) RecordFeedback(ctx context.Context, v Feedback) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.answers[v.AnswerID] {
		return rag.Errorf(rag.NotFound, "no answer with id %q", v.AnswerID)
	}
	f.votes = append(f.votes, v)
	return nil
}

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// testServer is a server over the fakes, listening on loopback.
type testServer struct {
	*httptest.Server
	s        *server
	log      *syncBuffer
	asker    *fakeAsker
	searcher *fakeSearcher
	lib      *fakeLibrary
	feedback *fakeFeedback
	stop     chan struct{}
}

func newTestServer(t *testing.T, cfg Config) *testServer {
	t.Helper()
	ts := &testServer{log: &syncBuffer{}, asker: &fakeAsker{}, searcher: &fakeSearcher{}, lib: newFakeLibrary(), feedback: &fakeFeedback{}, stop: make(chan struct{})}
	if cfg.Rate == 0 {
		cfg.Rate = -1 // most tests make many requests quickly
	}
	ts.s = newServer(Deps{
		Asker: ts.asker, Searcher: ts.searcher, Library: ts.lib, Feedback: ts.feedback,
		Logger: testLogger(ts.log),
		Config: cfg, Stopping: ts.stop,
	})
	ts.Server = httptest.NewServer(ts.s.engine)
	t.Cleanup(ts.Close)
	return ts
}

// do sends a request; body is sent as is when it is a string or []byte, and
// as JSON otherwise. headers are name, value pairs.
func (ts *testServer) do(t *testing.T, method, path string, body any, headers ...string) (*http.Response, []byte) {
	t.Helper()
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		r = strings.NewReader(b)
	case []byte:
		r = bytes.NewReader(b)
	default:
		j, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		r = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, ts.URL+path, r)
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, data
}

// errorCode returns the code of an error body, failing t if the body is not
// the one error shape.
func errorCode(t *testing.T, body []byte) string {
	t.Helper()
	var e struct {
		Error *struct {
			Code    string `json:"code"`
			Message string `json:"message"`
		} `json:"error"`
	}
	if err := json.Unmarshal(body, &e); err != nil || e.Error == nil || e.Error.Code == "" || e.Error.Message == "" {
		t.Errorf("not the error shape: %s", body)
		return ""
	}
	return e.Error.Code
}

// event is one server-sent event as a browser's EventSource delivers it.
type event struct {
	Type string
	Data string
}

// readEvents parses an event stream as the HTML standard tells browsers to:
// lines end in CRLF, LF or CR; a blank line dispatches the event; a line
// starting with a colon is a comment; "field: value" loses one space after
// the colon; data lines join with "\n"; an event without data is not
// dispatched, nor one cut off by the end of the stream. Each event is sent
// on the channel as it completes; comments are counted.
func readEvents(r io.Reader, events chan<- event, comments *int) error {
	defer close(events)
	br := bufio.NewReader(r)
	var typ string
	var data []string
	hasData := false
	for {
		line, err := readSSELine(br)
		if err != nil {
			if err == io.EOF {
				return nil
			}
			return err
		}
		switch {
		case line == "":
			if hasData {
				if typ == "" {
					typ = "message"
				}
				events <- event{Type: typ, Data: strings.Join(data, "\n")}
			}
			typ, data, hasData = "", nil, false
		case strings.HasPrefix(line, ":"):
			if comments != nil {
				*comments++
			}
		default:
			field, value, _ := strings.Cut(line, ":")
			value = strings.TrimPrefix(value, " ")
			switch field {
			case "event":
				typ = value
			case "data":
				data, hasData = append(data, value), true
			}
		}
	}
}

func readSSELine(br *bufio.Reader) (string, error) {
	var b strings.Builder
	for {
		c, err := br.ReadByte()
		if err != nil {
			return "", err
		}
		switch c {
		case '\n':
			return b.String(), nil
		case '\r':
			if next, err := br.Peek(1); err == nil && next[0] == '\n' {
				br.ReadByte()
			}
			return b.String(), nil
		}
		b.WriteByte(c)
	}
}

// collectEvents reads all events of a stream.
func collectEvents(t *testing.T, r io.Reader) []event {
	t.Helper()
	ch := make(chan event, 100)
	errc := make(chan error, 1)
	go func() { errc <- readEvents(r, ch, nil) }()
	var out []event
	timeout := time.After(10 * time.Second)
	for {
		select {
		case ev, ok := <-ch:
			if !ok {
				if err := <-errc; err != nil {
					t.Fatalf("read events: %v", err)
				}
				return out
			}
			out = append(out, ev)
		case <-timeout:
			t.Fatalf("stream did not end; events so far: %+v", out)
		}
	}
}

func testLogger(w io.Writer) *slog.Logger {
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug}))
}
