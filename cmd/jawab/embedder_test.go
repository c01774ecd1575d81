package main

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

// fakeEmbeddings is an OpenAI-compatible /v1/embeddings server returning
// deterministic 8-dimensional vectors; it counts the texts it embedded. While
// up (when not nil) says false it answers 503, as a server that is down
// behind its proxy does.
func fakeEmbeddings(t *testing.T, embedded *atomic.Int64, up func() bool) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if up != nil && !up() {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusServiceUnavailable)
			fmt.Fprint(w, `{"error":{"message":"the embedding service is down","type":"server_error"}}`)
			return
		}
		if r.Method != http.MethodPost || r.URL.Path != "/v1/embeddings" || r.Header.Get("Authorization") != "Bearer test-key" {
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, `{"error":{"message":"unknown route","type":"invalid_request_error"}}`)
			return
		}
		var req struct {
			Model string   `json:"model"`
			Input []string `json:"input"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprintf(w, `{"error":{"message":%q,"type":"invalid_request_error"}}`, err.Error())
			return
		}
		type item struct {
			Object    string    `json:"object"`
			Index     int       `json:"index"`
			Embedding []float32 `json:"embedding"`
		}
		resp := struct {
			Object string `json:"object"`
			Data   []item `json:"data"`
			Model  string `json:"model"`
		}{Object: "list", Model: req.Model}
		for i, text := range req.Input {
			v := make([]float32, 8)
			for j := range v {
				h := fnv.New32a()
				fmt.Fprintf(h, "%d%s", j, text)
				v[j] = float32(h.Sum32()%100) + 1
			}
			resp.Data = append(resp.Data, item{"embedding", i, v})
		}
		embedded.Add(int64(len(req.Input)))
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(resp)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestRemoteEmbedderMismatchAndReindex(t *testing.T) {
	var embedded atomic.Int64
	srv := fakeEmbeddings(t, &embedded, nil)
	dir := t.TempDir()
	local := map[string]string{"JAWAB_DATA": dir}
	remote := map[string]string{"JAWAB_DATA": dir, "OPENAI_BASE_URL": srv.URL + "/v1", "OPENAI_API_KEY": "test-key", "JAWAB_EMBED_MODEL": "fake-embed"}

	mustJawab(t, local, "ingest")
	r := jawab(t, remote, "ingest")
	if r.err == nil || !strings.Contains(r.err.Error(), "jawab reindex --data-dir "+dir) || !strings.Contains(r.err.Error(), "fake-embed") {
		t.Fatalf("ingest with another embedder: err = %v, want a mismatch naming the reindex command", r.err)
	}
	if embedded.Load() != 0 {
		t.Errorf("the mismatched embedder was called %d times", embedded.Load())
	}

	r = mustJawab(t, remote, "reindex")
	if !strings.Contains(r.stdout, "reindexed 5 documents") || !strings.Contains(r.stdout, "openai:fake-embed") {
		t.Errorf("reindex:\n%s", r.stdout)
	}
	if embedded.Load() == 0 {
		t.Error("reindex did not call the remote embedder")
	}
	r = mustJawab(t, remote, "ingest")
	if !strings.Contains(r.stdout, "5 unchanged") {
		t.Errorf("ingest after reindex:\n%s", r.stdout)
	}
	if r := jawab(t, local, "ingest"); r.err == nil || !strings.Contains(r.err.Error(), "reindex") {
		t.Errorf("the local embedder on the reindexed index: err = %v, want a mismatch", r.err)
	}
}
