package weaviate

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/jawab/jawab/rag"
)

// What each node says of the cluster: its membership (GET /v1/nodes) and
// the Raft leader it follows (GET /v1/cluster/statistics). Calls check the
// view of the node they go to, fetched at most once a second: a node that
// sees fewer healthy nodes than the consistency level needs, or no leader for
// a schema change, gets no call (Weaviate would wait 20–30 s before refusing,
// or, in a node that formed a membership of its own, acknowledge a QUORUM
// write on one copy).

const (
	// viewTTL is how long a node's view of the cluster is reused.
	viewTTL = time.Second
	// viewTimeout bounds fetching one node's view.
	viewTimeout = 2 * time.Second
)

// view is one node's view of the cluster.
type view struct {
	at      time.Time
	err     error             // the node did not answer
	members map[string]string // node name → status (HEALTHY, UNHEALTHY, …)
	voters  []string          // the Raft configuration's node names
	leader  string            // the Raft leader it knows, "" for none
}

func (v view) healthy() []string {
	var out []string
	for _, name := range sortedKeys(v.members) {
		if v.members[name] == "HEALTHY" {
			out = append(out, name)
		}
	}
	return out
}

// viewOf returns n's view of the cluster, fetched again when older than
// viewTTL.
func (s *Store) viewOf(ctx context.Context, n *node) view {
	n.viewMu.Lock()
	defer n.viewMu.Unlock()
	if time.Since(n.view.at) < viewTTL {
		return n.view
	}
	ctx, cancel := context.WithTimeout(ctx, viewTimeout)
	defer cancel()
	v := view{at: time.Now()}
	var nodes struct {
		Nodes []struct {
			Name   string `json:"name"`
			Status string `json:"status"`
		} `json:"nodes"`
	}
	var stats struct {
		Statistics []struct {
			Name     string `json:"name"`
			LeaderID any    `json:"leaderId"`
			Raft     struct {
				LatestConfiguration []struct {
					ID string `json:"id"`
				} `json:"latestConfiguration"`
			} `json:"raft"`
		} `json:"statistics"`
	}
	if v.err = s.getJSON(ctx, n.url+"/v1/nodes", &nodes); v.err == nil {
		v.members = map[string]string{}
		for _, m := range nodes.Nodes {
			v.members[m.Name] = m.Status
		}
		if err := s.getJSON(ctx, n.url+"/v1/cluster/statistics", &stats); err == nil {
			for _, st := range stats.Statistics {
				if id, _ := st.LeaderID.(string); id != "" && v.leader == "" {
					v.leader = id
				}
				for _, c := range st.Raft.LatestConfiguration {
					if !slices.Contains(v.voters, c.ID) {
						v.voters = append(v.voters, c.ID)
					}
				}
			}
			slices.Sort(v.voters)
		} else {
			s.log.Debug("weaviate cluster statistics", "node", n.url, "err", err)
		}
	}
	if ctx.Err() != nil && v.err != nil {
		v.at = time.Time{} // the caller's deadline, not the node's answer
	}
	n.view = v
	return v
}

func (s *Store) getJSON(ctx context.Context, url string, into any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	if s.cfg.APIKey != "" {
		req.Header.Set("Authorization", "Bearer "+s.cfg.APIKey)
	}
	resp, err := s.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", req.URL.Path, resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(into); err != nil {
		return fmt.Errorf("GET %s: %w", req.URL.Path, err)
	}
	return nil
}

// quorumError says why a node's view of the cluster cannot carry a call.
type quorumError struct{ msg string }

func (e *quorumError) Error() string { return e.msg }

// quorum checks that n's view holds enough healthy nodes for the configured
// consistency and, for a schema change, a leader.
func (s *Store) quorum(ctx context.Context, n *node, schema bool) error {
	v := s.viewOf(ctx, n)
	if v.err != nil {
		if ctx.Err() == nil {
			if d := n.failed(time.Now()); d > 0 {
				s.log.Warn("weaviate node ejected", "node", n.url, "for", d.String(), "err", v.err)
			}
		}
		return v.err
	}
	if err := s.enough(v); err != nil {
		return err
	}
	if schema && v.leader == "" {
		return &quorumError{msg: "has no Raft leader (" + membership(v) + "): the schema cannot change"}
	}
	return nil
}

// enough checks that a view has the healthy nodes the consistency level
// needs.
func (s *Store) enough(v view) error {
	f := int(s.factor.Load())
	need := needed(s.consistency, f)
	if h := len(v.healthy()); h < need {
		return &quorumError{msg: fmt.Sprintf("has no quorum: %d healthy node(s) of the %d replicas, %s needs %d (%s)", h, f, s.consistency, need, membership(v))}
	}
	return nil
}

// membership describes a view: "node1 HEALTHY, node2 missing".
func membership(v view) string {
	var parts []string
	for _, name := range sortedKeys(v.members) {
		parts = append(parts, name+" "+v.members[name])
	}
	for _, name := range v.voters {
		if _, ok := v.members[name]; !ok {
			parts = append(parts, name+" missing")
		}
	}
	leader := "no leader"
	if v.leader != "" {
		leader = "leader " + v.leader
	}
	return strings.Join(append(parts, leader), ", ")
}

// Health is the cluster as jawab sees it: each configured node's view, and
// whether they add up to a cluster that can serve the index.
type Health struct {
	Ready bool `json:"ready"`
	// Reason says why not.
	Reason            string       `json:"reason,omitempty"`
	Consistency       string       `json:"consistency"`
	ReplicationFactor int          `json:"replication_factor"`
	Leader            string       `json:"leader,omitempty"`
	Nodes             []NodeHealth `json:"nodes"`
}

// NodeHealth is one configured node.
type NodeHealth struct {
	URL   string `json:"url"`
	Error string `json:"error,omitempty"`
	// Members is the membership as this node sees it: name → status.
	Members map[string]string `json:"members,omitempty"`
	Leader  string            `json:"leader,omitempty"`
	// Served counts the calls this node answered for this process.
	Served  int64 `json:"served"`
	Ejected bool  `json:"ejected,omitempty"`
}

// Summary is the health in one line, for logs.
func (h Health) Summary() string {
	parts := make([]string, 0, len(h.Nodes))
	for _, n := range h.Nodes {
		if n.Error != "" {
			parts = append(parts, n.URL+" unreachable")
			continue
		}
		var ms []string
		for _, name := range sortedKeys(n.Members) {
			ms = append(ms, name+"="+n.Members[name])
		}
		parts = append(parts, n.URL+" sees "+strings.Join(ms, " "))
	}
	s := "ready"
	if !h.Ready {
		s = "not ready: " + h.Reason
	}
	return s + "; leader " + cmpOr(h.Leader, "none") + "; " + strings.Join(parts, "; ")
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// Cluster asks every configured node for its view (within 2 s) and decides
// whether the cluster can serve: it cannot when no node answers, when the
// nodes' memberships are split (two nodes that see no healthy member in
// common), when no view holds the healthy nodes the consistency level and
// replication factor need, or when there is no Raft leader. The error, a
// store_unavailable one, says which.
func (s *Store) Cluster(ctx context.Context) (Health, error) {
	views := make([]view, len(s.nodes))
	var wg sync.WaitGroup
	for i, n := range s.nodes {
		wg.Go(func() {
			n.viewMu.Lock()
			n.view.at = time.Time{} // fresh
			n.viewMu.Unlock()
			views[i] = s.viewOf(ctx, n)
		})
	}
	wg.Wait()
	f := int(s.factor.Load())
	h := Health{Consistency: s.consistency, ReplicationFactor: f}
	now := time.Now()
	var reachable []view
	for i, n := range s.nodes {
		v := views[i]
		nh := NodeHealth{URL: n.url, Members: v.members, Leader: v.leader, Served: n.served.Load()}
		_, nh.Ejected = n.ejected(now)
		if v.err != nil {
			nh.Error = reason(v.err)
		} else {
			reachable = append(reachable, v)
			h.Leader = cmpOr(h.Leader, v.leader)
		}
		h.Nodes = append(h.Nodes, nh)
	}
	h.Reason = s.verdict(reachable)
	h.Ready = h.Reason == ""
	if !h.Ready {
		return h, rag.Errorf(rag.StoreUnavailable, "weaviate cluster at %s is not ready: %s", strings.Join(s.URLs(), ", "), h.Reason)
	}
	return h, nil
}

// verdict is why the reachable nodes' views do not make a cluster that can
// serve, "" when they do.
func (s *Store) verdict(views []view) string {
	if len(views) == 0 {
		return "no node answers"
	}
	for i, a := range views {
		for _, b := range views[i+1:] {
			ha, hb := a.healthy(), b.healthy()
			if len(ha) > 0 && len(hb) > 0 && !slices.ContainsFunc(ha, func(x string) bool { return slices.Contains(hb, x) }) {
				return fmt.Sprintf("the cluster is split: one node sees %s, another %s (restart the smaller side with CLUSTER_JOIN naming the others)", strings.Join(ha, " "), strings.Join(hb, " "))
			}
		}
	}
	var errs []string
	for _, v := range views {
		err := s.enough(v)
		if err == nil {
			errs = nil
			break
		}
		errs = append(errs, err.Error())
	}
	if len(errs) > 0 {
		return "missing nodes: the cluster " + errs[0]
	}
	if !slices.ContainsFunc(views, func(v view) bool { return v.leader != "" }) {
		return "there is no Raft leader (" + membership(views[0]) + ")"
	}
	return ""
}

// Watch logs the cluster's health now and each time it changes, checking
// every interval until ctx ends.
func (s *Store) Watch(ctx context.Context, log *slog.Logger, interval time.Duration) {
	last := ""
	for {
		h, err := s.Cluster(ctx)
		if ctx.Err() != nil {
			return
		}
		if sum := h.Summary(); sum != last {
			level := slog.LevelInfo
			if err != nil {
				level = slog.LevelWarn
			}
			log.Log(ctx, level, "weaviate cluster", "ready", h.Ready, "reason", h.Reason, "leader", h.Leader, "nodes", h.Nodes, "summary", sum)
			last = sum
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(interval):
		}
	}
}

// Ready reports the cluster's health for /readyz: the details, and an error
// when the cluster cannot serve.
func (s *Store) Ready(ctx context.Context) (any, error) {
	h, err := s.Cluster(ctx)
	return h, err
}
