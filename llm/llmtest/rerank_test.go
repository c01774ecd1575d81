package llmtest

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

func postRerank(t *testing.T, s *RerankServer, url, key, body string) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	resp, err := s.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, string(b)
}

// The bytes on the wire: best first, each format's own field names and
// options, as the real servers send them.
func TestRerankServerWire(t *testing.T) {
	s := NewRerankServer(t, RerankOptions{})
	docs := `["cricket in Lahore", "the Mangla dam was raised in 2009", "Mangla dam"]`
	for _, tc := range []struct {
		name, url, body, want string
	}{
		{"cohere, Jina's default return_documents", s.BaseURL + "/rerank",
			`{"model":"m","query":"Mangla dam raised","documents":` + docs + `}`,
			`"results":[{"document":{"text":"the Mangla dam was raised in 2009"},"index":1,"relevance_score":1},{"document":{"text":"Mangla dam"},"index":2,"relevance_score":0.6666666666666666},{"document":{"text":"cricket in Lahore"},"index":0,"relevance_score":0}]`},
		{"cohere v2, top_n, no documents", strings.TrimSuffix(s.BaseURL, "/v1") + "/v2/rerank",
			`{"model":"m","query":"Mangla dam raised","documents":` + docs + `,"top_n":2,"return_documents":false}`,
			`"results":[{"index":1,"relevance_score":1},{"index":2,"relevance_score":0.6666666666666666}]`},
		{"tei", s.TEIURL + "/rerank",
			`{"query":"Mangla dam raised","texts":` + docs + `,"return_text":true}`,
			`[{"index":1,"score":1,"text":"the Mangla dam was raised in 2009"},{"index":2,"score":0.6666666666666666,"text":"Mangla dam"},{"index":0,"score":0,"text":"cricket in Lahore"}]`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, _, body := postRerank(t, s, tc.url, s.APIKey, tc.body)
			if status != http.StatusOK || !strings.Contains(body, tc.want) {
				t.Errorf("got %d %s\nwant 200 with %s", status, body, tc.want)
			}
		})
	}
}

func TestRerankServerRefuses(t *testing.T) {
	s := NewRerankServer(t, RerankOptions{})
	for _, tc := range []struct {
		name, url, key, body string
		status               int
		want                 string
	}{
		{"wrong key", s.BaseURL + "/rerank", "nope", `{"model":"m","query":"q","documents":["a"]}`, 401, `{"message":"invalid api token"}`},
		{"tei body on the cohere path", s.BaseURL + "/rerank", s.APIKey, `{"model":"m","query":"q","texts":["a"]}`, 400, `"message":"invalid request: list of documents`},
		{"cohere body on the tei path", s.TEIURL + "/rerank", s.APIKey, `{"query":"q","documents":["a"]}`, 422, `"error":"Failed to deserialize the JSON body into the target type: missing field`},
		{"no model", s.BaseURL + "/rerank", s.APIKey, `{"query":"q","documents":["a"]}`, 400, "model must be specified"},
		{"no such path", s.BaseURL + "/embeddings", s.APIKey, `{}`, 404, "not found"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, _, body := postRerank(t, s, tc.url, tc.key, tc.body)
			if status != tc.status || !strings.Contains(body, tc.want) {
				t.Errorf("got %d %s, want %d with %s", status, body, tc.status, tc.want)
			}
		})
	}
}

func TestRerankServerFaults(t *testing.T) {
	s := NewRerankServer(t, RerankOptions{
		Replies: []RerankReply{
			{Status: 429, Message: "slow down", Header: http.Header{"Retry-After": {"3"}}},
			RerankBody(`{"results":[`),
			{Edit: func(rs []RerankResult) []RerankResult { rs[0].Index = 7; return rs }},
			{Delay: 50 * time.Millisecond},
		},
		Score: func(_ string, docs []string) []float64 { return []float64{0.1, 0.9} },
	})
	body := `{"query":"q","texts":["a","b"]}`
	status, h, got := postRerank(t, s, s.TEIURL+"/rerank", s.APIKey, body)
	if status != 429 || h.Get("Retry-After") != "3" || got != `{"error":"slow down","error_type":"Overloaded"}` {
		t.Errorf("fault 1: %d %v %s", status, h, got)
	}
	if _, _, got := postRerank(t, s, s.TEIURL+"/rerank", s.APIKey, body); got != `{"results":[` {
		t.Errorf("fault 2: %s", got)
	}
	_, _, got = postRerank(t, s, s.TEIURL+"/rerank", s.APIKey, body)
	var rs []RerankResult
	if err := json.Unmarshal([]byte(got), &rs); err != nil || len(rs) != 2 || rs[0].Index != 7 || rs[0].Score != 0.9 || rs[1].Index != 0 {
		t.Errorf("fault 3 (wrong index): %s", got)
	}
	start := time.Now()
	postRerank(t, s, s.TEIURL+"/rerank", s.APIKey, body)
	if d := time.Since(start); d < 50*time.Millisecond {
		t.Errorf("fault 4 answered after %v, want the 50ms delay", d)
	}
	if n := len(s.Requests()); n != 4 {
		t.Errorf("%d requests recorded, want 4", n)
	}
}
