package weaviate

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jawab/jawab/rag"
)

// fakeNode answers the REST calls Open makes as one healthy node following
// leader ("" for none) would, except that reading a collection's definition
// answers schemaStatus; it records the collections created.
func fakeNode(t *testing.T, leader string, schemaStatus int) (*httptest.Server, func() []string) {
	t.Helper()
	var mu sync.Mutex
	var created []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.URL.Path == "/v1/meta":
			w.Write([]byte(`{"version":"1.35.2"}`))
		case r.URL.Path == "/v1/nodes":
			w.Write([]byte(`{"nodes":[{"name":"node1","status":"HEALTHY"}]}`))
		case r.URL.Path == "/v1/cluster/statistics":
			w.Write([]byte(`{"statistics":[{"name":"node1","leaderId":"` + leader + `","raft":{"latestConfiguration":[{"id":"node1"}]}}],"synchronized":true}`))
		case r.Method == http.MethodGet && strings.HasPrefix(r.URL.Path, "/v1/schema/"):
			w.WriteHeader(schemaStatus)
			w.Write([]byte(`{"error":[{"message":"failed to execute query: leader not found"}]}`))
		case r.Method == http.MethodPost && r.URL.Path == "/v1/schema":
			mu.Lock()
			created = append(created, r.URL.Path)
			mu.Unlock()
			w.Write([]byte(`{}`))
		case r.Method == http.MethodGet && strings.HasPrefix(r.URL.Path, "/v1/objects/"):
			w.WriteHeader(http.StatusNotFound)
		default:
			t.Errorf("unexpected %s %s", r.Method, r.URL)
			w.WriteHeader(http.StatusTeapot)
		}
	}))
	t.Cleanup(srv.Close)
	return srv, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), created...)
	}
}

// TestNoCreateOnAFailedRead: a collection is created only after a definite
// 404; a read that fails (here the 500 "leader not found" a node without
// quorum answers) is an error that names the cause, and nothing is created.
func TestNoCreateOnAFailedRead(t *testing.T) {
	for _, c := range []struct {
		name, leader string
		status       int
	}{
		{"a 500 from a node with a leader", "node1", http.StatusInternalServerError},
		{"a 404 from a cluster without a leader", "", http.StatusNotFound},
	} {
		t.Run(c.name, func(t *testing.T) {
			srv, created := fakeNode(t, c.leader, c.status)
			start := time.Now()
			_, err := Open(context.Background(), Config{URL: srv.URL, GRPC: "127.0.0.1:1", Timeout: 2 * time.Second})
			if rag.ErrorCode(err) != rag.StoreUnavailable || !strings.Contains(err.Error(), "no Raft leader") || !strings.Contains(err.Error(), "JawabMeta") {
				t.Errorf("Open: %v; want store_unavailable naming the missing leader", err)
			}
			if c := created(); len(c) != 0 {
				t.Errorf("collections created: %v", c)
			}
			if took := time.Since(start); took > 15*time.Second {
				t.Errorf("Open took %v", took)
			}
		})
	}

	srv, created := fakeNode(t, "node1", http.StatusNotFound)
	if _, err := Open(context.Background(), Config{URL: srv.URL, GRPC: "127.0.0.1:1", Timeout: 2 * time.Second}); err != nil {
		t.Fatalf("Open on an empty cluster: %v", err)
	}
	if c := created(); len(c) != 3 {
		t.Errorf("created %v; want the meta, chunk and document collections", c)
	}
}

// TestLazyOpen: a lazy store opens on a cluster that cannot set it up (no
// leader here), every call fails with the cause, Bind waits for the set-up,
// and nothing is created meanwhile.
func TestLazyOpen(t *testing.T) {
	srv, created := fakeNode(t, "", http.StatusNotFound)
	s, err := Open(context.Background(), Config{URL: srv.URL, GRPC: "127.0.0.1:1", Timeout: 2 * time.Second, Lazy: true})
	if err != nil {
		t.Fatalf("Open, lazy, on a cluster without a leader: %v", err)
	}
	if err := s.Bind(context.Background(), "local", 384); err != nil {
		t.Errorf("Bind before the set-up: %v; want it left to the set-up", err)
	}
	_, statsErr := s.Stats(context.Background())
	_, metaErr := s.Meta(context.Background())
	_, upsertErr := s.UpsertBatch(context.Background(), nil)
	for name, err := range map[string]error{"Stats": statsErr, "Meta": metaErr, "UpsertBatch": upsertErr} {
		if rag.ErrorCode(err) != rag.StoreUnavailable || !strings.Contains(err.Error(), "no Raft leader") {
			t.Errorf("%s before the set-up: %v; want store_unavailable naming the missing leader", name, err)
		}
	}
	if c := created(); len(c) != 0 {
		t.Errorf("collections created: %v", c)
	}
	if _, err := Open(context.Background(), Config{URL: srv.URL, GRPC: "127.0.0.1:1", Timeout: 2 * time.Second}); rag.ErrorCode(err) != rag.StoreUnavailable {
		t.Errorf("Open, not lazy: %v; want store_unavailable", err)
	}
}
