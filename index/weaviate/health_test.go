package weaviate

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	wv "github.com/weaviate/weaviate-go-client/v5/weaviate"
	"github.com/weaviate/weaviate-go-client/v5/weaviate/fault"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// storeOf is a store over n configured nodes (no connection is made) with
// replication factor f at consistency c.
func storeOf(t *testing.T, n, f int, c string) *Store {
	t.Helper()
	s := &Store{consistency: c, cfg: Config{Timeout: time.Second}, log: slog.New(slog.DiscardHandler)}
	for i := range n {
		s.nodes = append(s.nodes, &node{url: fmt.Sprintf("http://10.0.0.%d:8080", i+1), client: &wv.Client{}})
	}
	s.factor.Store(int64(f))
	return s
}

func healthy(names ...string) map[string]string {
	m := map[string]string{}
	for _, n := range names {
		m[n] = "HEALTHY"
	}
	return m
}

func TestVerdict(t *testing.T) {
	down := errors.New("connection refused")
	for _, c := range []struct {
		name        string
		nodes, f    int
		consistency string
		views       []view
		want        string // a word of the reason; "" for ready
	}{
		{"all up", 3, 3, "QUORUM", []view{
			{members: healthy("a", "b", "c"), leader: "a", leaderKnown: true},
			{members: healthy("a", "b", "c"), leader: "a", leaderKnown: true},
			{members: healthy("a", "b", "c"), leader: "a", leaderKnown: true},
		}, ""},
		{"one killed: the others cannot list it", 3, 3, "QUORUM", []view{
			{err: down},
			{unreachable: []string{"a"}},
			{unreachable: []string{"a"}},
		}, ""},
		{"two killed", 3, 3, "QUORUM", []view{
			{unreachable: []string{"b"}},
			{err: down},
			{err: down},
		}, "quorum"},
		{"two killed, at ONE", 3, 3, "ONE", []view{
			{unreachable: []string{"b"}},
			{err: down},
			{err: down},
		}, ""},
		{"one of three left, as it sees it", 3, 3, "QUORUM", []view{
			{members: healthy("a"), leaderKnown: true},
			{err: down},
			{err: down},
		}, "quorum"},
		{"split: a restarted without CLUSTER_JOIN", 3, 3, "QUORUM", []view{
			{members: healthy("a"), leader: "a", leaderKnown: true},
			{members: healthy("b", "c"), leader: "b", leaderKnown: true},
			{members: healthy("b", "c"), leader: "b", leaderKnown: true},
		}, "split"},
		{"no leader", 3, 3, "QUORUM", []view{
			{members: healthy("a", "b", "c"), leaderKnown: true},
			{members: healthy("a", "b", "c"), leaderKnown: true},
			{members: healthy("a", "b", "c"), leaderKnown: true},
		}, "leader"},
		{"no node answers", 2, 1, "QUORUM", []view{{err: down}, {err: down}}, "no node"},
		{"one URL of three, a member killed", 1, 3, "QUORUM", []view{
			{unreachable: []string{"c"}},
		}, ""},
		{"ALL with a member down", 3, 3, "ALL", []view{
			{members: map[string]string{"a": "HEALTHY", "b": "HEALTHY", "c": "UNHEALTHY"}, leader: "a", leaderKnown: true},
			{members: map[string]string{"a": "HEALTHY", "b": "HEALTHY", "c": "UNHEALTHY"}, leader: "a", leaderKnown: true},
			{err: down},
		}, "quorum"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := storeOf(t, c.nodes, c.f, c.consistency)
			got := s.verdict(views{nodes: c.views})
			if c.want == "" && got != "" || c.want != "" && !strings.Contains(got, c.want) {
				t.Errorf("verdict %q; want %q", got, c.want)
			}
		})
	}
}

// TestQuorumRefusesAtOnce: a call goes to no node whose view lacks the
// healthy nodes the consistency level needs, and a schema change to none
// without a leader; the error names the cause.
func TestQuorumRefusesAtOnce(t *testing.T) {
	s := storeOf(t, 3, 3, "QUORUM")
	s.views = views{at: time.Now(), nodes: []view{
		{members: healthy("a"), leaderKnown: true},
		{err: errors.New("dial tcp: connection refused")},
		{err: errors.New("dial tcp: connection refused")},
	}}
	called := 0
	err := s.do(context.Background(), op{what: "test"}, func(context.Context, *wv.Client) error { called++; return nil })
	if called != 0 || err == nil {
		t.Fatalf("called %d times, err %v; want no call and an error", called, err)
	}
	where, why := describe(err, "")
	if !strings.Contains(why, "has no quorum: 1 healthy node(s) of the 3 replicas, QUORUM needs 2") || where != "http://10.0.0.1:8080" {
		t.Errorf("describe: %q %q", where, why)
	}
	s.views.nodes[0] = view{members: healthy("a", "b", "c"), leaderKnown: true}
	err = s.do(context.Background(), op{what: "create", schema: true}, func(context.Context, *wv.Client) error { called++; return nil })
	if called != 0 || err == nil || !strings.Contains(err.Error(), "no Raft leader") {
		t.Errorf("schema change without a leader: called %d, %v", called, err)
	}
	err = s.do(context.Background(), op{what: "read"}, func(context.Context, *wv.Client) error { called++; return nil })
	if called != 1 || err != nil {
		t.Errorf("a read with a quorum: called %d, %v", called, err)
	}
}

// TestFailoverAndEjection: a connection error or a 5xx moves the call to
// the next node; a 4xx is the answer; a node failing twice is ejected and
// tried last until its time is up.
func TestFailoverAndEjection(t *testing.T) {
	s := storeOf(t, 3, 1, "QUORUM")
	ok := view{members: healthy("a", "b", "c"), leader: "a", leaderKnown: true}
	s.views = views{at: time.Now().Add(time.Hour), nodes: []view{ok, ok, ok}}
	refused := &fault.WeaviateClientError{StatusCode: -1, DerivedFromError: errors.New("connection refused")}
	var calls []string
	call := func(fail map[int]error) error {
		calls = nil
		return s.do(context.Background(), op{what: "test"}, func(_ context.Context, c *wv.Client) error {
			i := clientIndex(s, c)
			calls = append(calls, s.nodes[i].url)
			return fail[i]
		})
	}
	if err := call(map[int]error{0: refused}); err != nil || len(calls) != 2 {
		t.Fatalf("node1 refused: %v after %v; want the call served by node2", err, calls)
	}
	if err := call(map[int]error{0: status.Error(codes.Unavailable, "down"), 1: &fault.WeaviateClientError{StatusCode: 500}}); err != nil || len(calls) != 3 {
		t.Fatalf("node1 unavailable, node2 500: %v after %v; want node3", err, calls)
	}
	// node1 failed twice: ejected, tried last.
	if err := call(nil); err != nil || calls[0] != s.nodes[1].url {
		t.Errorf("after two failures of node1 the call went to %v (%v); want node2 first", calls, err)
	}
	if s.Served()[s.nodes[1].url] != 2 || s.Served()[s.nodes[2].url] != 1 || s.Served()[s.nodes[0].url] != 0 {
		t.Errorf("served %v", s.Served())
	}
	notFound := &fault.WeaviateClientError{StatusCode: 404}
	if err := call(map[int]error{1: notFound}); !isNotFound(err) || len(calls) != 1 {
		t.Errorf("a 404: %v after %v; want the 404 from the first node, no failover", err, calls)
	}
	// Its time up, node1 is first again.
	s.nodes[0].mu.Lock()
	s.nodes[0].until = time.Now().Add(-time.Second)
	s.nodes[0].mu.Unlock()
	if err := call(nil); err != nil || calls[0] != s.nodes[0].url {
		t.Errorf("after the ejection the call went to %v (%v); want node1", calls, err)
	}
	// Every node down: one error naming each.
	err := call(map[int]error{0: refused, 1: refused, 2: refused})
	where, why := describe(err, "")
	if err == nil || why != "is unreachable: connection refused" || strings.Count(where, "http://") != 3 {
		t.Errorf("all down: %q %q (%v)", where, why, err)
	}
}

func clientIndex(s *Store, c *wv.Client) int {
	return slices.IndexFunc(s.nodes, func(n *node) bool { return n.client == c })
}
