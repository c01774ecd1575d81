package api

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/gin-gonic/gin"
)

// fuzzRoutes are the routes that read a body from outside, with the content
// type they are sent with.
var fuzzRoutes = []struct{ method, path, contentType string }{
	{"POST", "/v1/ask", "application/json"},
	{"POST", "/v1/search", "application/json"},
	{"POST", "/v1/feedback", "application/json"},
	{"POST", "/v1/chat/completions", "application/json"},
	{"POST", "/v1/documents", "application/json"},
	{"POST", "/v1/documents", "multipart/form-data; boundary=b"},
}

// Any body on any route is answered with a 2xx or a 4xx, never a 5xx or a
// panic, and a 4xx has the one error shape.
func FuzzRequestBodies(f *testing.F) {
	seeds := []string{
		`{"question":"When?","k":3,"filters":{"doc_ids":["a"],"from":"1940-01-01","to":"1950-12-31"}}`,
		`{"question":"x","history":[{"question":"y","answer":"z [1]"}],"stream":false,"lang":"ur"}`,
		`{"query":"1948","k":50,"filters":{"lang":"en","sources":["dawn"]}}`,
		`{"answer_id":"chatcmpl-ans1","rating":"down","comment":"تاریخ؟"}`,
		`{"model":"jawab","messages":[{"role":"system","content":"x"},{"role":"user","content":[{"type":"text","text":"Who?"}]}]}`,
		`{"id":"dir/new","title":"T","text":"Some text.","published":"2020-05-01","lang":"ur"}`,
		"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nText.\r\n--b--\r\n",
		`{"question":"a\u0000b"}`,
		"{\"question\":\"\xff\"}",
		`[[[[[[[[[[]]]]]]]]]]`,
		`{"k":-1,"question":" "}`,
		`{"filters":{"from":"2020-13-45"},"question":"q"}`,
		`null`,
		``,
	}
	for i, s := range seeds {
		f.Add(uint8(i%len(fuzzRoutes)), []byte(s))
	}
	lib := newFakeLibrary()
	fb := &fakeFeedback{answers: map[string]bool{"ans1": true}}
	s := newServer(Deps{
		Asker: &fakeAsker{}, Searcher: &fakeSearcher{}, Library: lib, Feedback: fb,
		Config: Config{Rate: -1, MaxUpload: 1 << 16},
	})
	f.Fuzz(func(t *testing.T, route uint8, body []byte) {
		r := fuzzRoutes[int(route)%len(fuzzRoutes)]
		req := httptest.NewRequest(r.method, r.path, bytes.NewReader(body))
		req.Header.Set("Content-Type", r.contentType)
		req.RemoteAddr = "127.0.0.1:1234" // a local program: documents allowed without a key
		w := httptest.NewRecorder()
		s.engine.ServeHTTP(w, req)
		switch {
		case w.Code >= 500:
			t.Fatalf("%s %s: %d %s", r.method, r.path, w.Code, w.Body)
		case w.Code >= 400:
			var e errorBody
			if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil || e.Error.Code == "" || e.Error.Message == "" {
				t.Fatalf("%s %s: %d without the error shape: %s", r.method, r.path, w.Code, w.Body)
			}
		case w.Code < 200:
			t.Fatalf("%s %s: status %d", r.method, r.path, w.Code)
		}
		if w.Code < 300 && !strings.HasPrefix(w.Header().Get("Content-Type"), "text/event-stream") && !json.Valid(w.Body.Bytes()) {
			t.Fatalf("%s %s: %d with a body that is not JSON: %s", r.method, r.path, w.Code, w.Body)
		}
	})
}

// Whatever an event's name and data hold (line breaks of every kind, NUL,
// invalid UTF-8, colons, leading spaces), the stream the writer produces
// reads back, with an HTML-standard parser (readEvents), as the same event;
// a browser would only turn each CR or CRLF into LF, so the writer does too.
func FuzzSSEEvent(f *testing.F) {
	f.Add("delta", "First line [1].\nSecond\r\n\r\nthird\rfourth")
	f.Add("", "data: not a field\n\nevent: fake\n")
	f.Add("done", ": a comment\n:\n id: 7\nretry: 1")
	f.Add("x", " leading space\n  two\n")
	f.Add("message", "nul \x00 and \xff\xfe invalid")
	f.Add("passages", "")
	f.Add("error", "\n")
	f.Add("delta", "\r\n")
	f.Fuzz(func(t *testing.T, name, data string) {
		// Names are jawab's own constants, never outside text: a line
		// break, or a leading space the parser drops, cannot be in one.
		if strings.ContainsAny(name, "\r\n") || strings.HasPrefix(name, " ") {
			t.Skip()
		}
		w := httptest.NewRecorder()
		c, _ := gin.CreateTestContext(w)
		c.Request = httptest.NewRequest("GET", "/", nil)
		sse := startSSE(c)
		sse.event(name, data)
		sse.comment("ping")
		sse.event("", "after")

		ch := make(chan event, 4)
		comments := 0
		if err := readEvents(strings.NewReader(w.Body.String()), ch, &comments); err != nil {
			t.Fatal(err)
		}
		var got []event
		for ev := range ch {
			got = append(got, ev)
		}
		wantType := name
		if wantType == "" {
			wantType = "message"
		}
		wantData := strings.ReplaceAll(strings.ReplaceAll(data, "\r\n", "\n"), "\r", "\n")
		if len(got) != 2 || got[0] != (event{wantType, wantData}) || got[1] != (event{"message", "after"}) || comments != 1 {
			t.Fatalf("event(%q, %q) read back as %q (%d comments) from %q", name, data, got, comments, w.Body.String())
		}
		if utf8.ValidString(name) && utf8.ValidString(data) && !utf8.Valid(w.Body.Bytes()) {
			t.Fatalf("a valid UTF-8 event gave an invalid stream: %q", w.Body.String())
		}
		if w.Code != http.StatusOK {
			t.Fatalf("status %d", w.Code)
		}
	})
}
