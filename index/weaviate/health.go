package weaviate

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/jawab/jawab/rag"
)

// What each node says of the cluster: its membership (GET /v1/nodes) and
// the Raft leader it follows (GET /v1/cluster/statistics). Calls check these
// views, fetched from every configured node at once and at most once a
// second: a call goes to no node that sees fewer healthy nodes than the
// consistency level needs, nor, for a schema change, to a cluster without a
// leader (Weaviate would wait 20–30 s before refusing, or, in a node that
// formed a membership of its own, acknowledge a QUORUM write on one copy).
//
// While a member is down without having left (killed, cut off), Weaviate
// answers both endpoints with a 500 that names one unreachable member, on
// every node, until it is back. The membership is then unknown, and the
// healthy nodes are counted as the configured nodes that answer (when jawab
// is given at least as many nodes as the replication factor), else as the
// last membership seen (at least the replication factor) less the members
// named unreachable: give jawab every node.

const (
	// viewTTL is how long the views of the cluster are reused.
	viewTTL = time.Second
	// viewTimeout bounds fetching them.
	viewTimeout = 2 * time.Second
	// viewStale is how old views may be and still serve a call while
	// another call renews them.
	viewStale = 5 * time.Second
)

// view is one node's view of the cluster.
type view struct {
	err error // the node did not answer
	// members is the membership as the node sees it, name → status
	// (HEALTHY, …); nil when the node could not tell (a member down).
	members map[string]string
	// unreachable are members the node said it cannot reach.
	unreachable []string
	voters      []string // the Raft configuration's node names
	leader      string   // the Raft leader it knows
	// leaderKnown is false when the node could not tell.
	leaderKnown bool
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

// views is every configured node's view, taken together.
type views struct {
	at    time.Time
	nodes []view
}

// reachable counts the nodes that answered.
func (vs views) reachable() int {
	n := 0
	for _, v := range vs.nodes {
		if v.err == nil {
			n++
		}
	}
	return n
}

// leader is the leader some node knows; known is false when no node could
// tell.
func (vs views) leader() (leader string, known bool) {
	for _, v := range vs.nodes {
		if v.err == nil && v.leaderKnown {
			known = true
			if v.leader != "" {
				return v.leader, true
			}
		}
	}
	return "", known
}

// clusterViews returns the nodes' views, fetched again when older than
// viewTTL (fresh forces it). The caller that finds them old fetches them
// while it waits; calls that come meanwhile use the old views (up to
// viewStale old) instead of waiting too, so that a node slow to answer
// delays one call, not all.
func (s *Store) clusterViews(ctx context.Context, fresh bool) views {
	s.viewMu.Lock()
	vs, age := s.views, time.Since(s.views.at)
	if !fresh && (age < viewTTL || s.renewing > 0 && age < viewStale) {
		s.viewMu.Unlock()
		return vs
	}
	s.renewing++
	s.viewMu.Unlock()
	vs = s.fetchViews(ctx)
	s.viewMu.Lock()
	s.renewing--
	if vs.at.After(s.views.at) {
		s.views = vs
	}
	s.viewMu.Unlock()
	return vs
}

// fetchViews asks every node for its view, all at once, within viewTimeout.
func (s *Store) fetchViews(ctx context.Context) views {
	ctx, cancel := context.WithTimeout(ctx, viewTimeout)
	defer cancel()
	vs := views{at: time.Now(), nodes: make([]view, len(s.nodes))}
	var wg sync.WaitGroup
	for i, n := range s.nodes {
		wg.Go(func() { vs.nodes[i] = s.fetchView(ctx, n) })
	}
	wg.Wait()
	for i, v := range vs.nodes {
		if v.members != nil {
			s.nodes[i].lastMembers.Store(int64(len(v.members)))
		}
	}
	if ctx.Err() != nil && vs.reachable() == 0 {
		vs.at = time.Time{} // the caller's deadline, not the nodes' answer
	}
	return vs
}

// unreachableRE finds the member a node cannot reach in its 500 answer.
var unreachableRE = regexp.MustCompile(`node: ([^:\s]+): `)

func (s *Store) fetchView(ctx context.Context, n *node) view {
	var v view
	var nodes struct {
		Nodes []struct {
			Name   string `json:"name"`
			Status string `json:"status"`
		} `json:"nodes"`
	}
	var stats struct {
		Statistics []struct {
			LeaderID any `json:"leaderId"`
			Raft     struct {
				LatestConfiguration []struct {
					ID string `json:"id"`
				} `json:"latestConfiguration"`
			} `json:"raft"`
		} `json:"statistics"`
	}
	answered, err := s.getJSON(ctx, n.url+"/v1/nodes", &nodes)
	if !answered {
		v.err = err
		return v
	}
	if err == nil {
		v.members = map[string]string{}
		for _, m := range nodes.Nodes {
			v.members[m.Name] = m.Status
		}
	} else {
		v.unreachable = unreachableIn(err)
	}
	if answered, err := s.getJSON(ctx, n.url+"/v1/cluster/statistics", &stats); answered && err == nil {
		v.leaderKnown = true
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
	} else if answered {
		v.unreachable = append(v.unreachable, unreachableIn(err)...)
	}
	slices.Sort(v.unreachable)
	v.unreachable = slices.Compact(v.unreachable)
	return v
}

func unreachableIn(err error) []string {
	var out []string
	for _, m := range unreachableRE.FindAllStringSubmatch(err.Error(), -1) {
		out = append(out, m[1])
	}
	return out
}

// getJSON reads a cluster endpoint; answered is false when the node did not
// answer at all (an error with answered true is the node's own refusal).
func (s *Store) getJSON(ctx context.Context, url string, into any) (answered bool, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return false, err
	}
	if s.cfg.APIKey != "" {
		req.Header.Set("Authorization", "Bearer "+s.cfg.APIKey)
	}
	resp, err := s.http.Do(req)
	if err != nil {
		return false, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return false, err
	}
	if resp.StatusCode != http.StatusOK {
		return true, fmt.Errorf("GET %s: %s: %s", req.URL.Path, resp.Status, b)
	}
	if err := json.Unmarshal(b, into); err != nil {
		return true, fmt.Errorf("GET %s: %w", req.URL.Path, err)
	}
	return true, nil
}

// quorumError says why a node's view of the cluster cannot carry a call.
type quorumError struct{ msg string }

func (e *quorumError) Error() string { return e.msg }

// healthyIn counts the healthy nodes of view i (see the comment at the top).
func (s *Store) healthyIn(vs views, i int) int {
	v := vs.nodes[i]
	if v.members != nil {
		return len(v.healthy())
	}
	f := int(s.factor.Load())
	if len(s.nodes) >= f {
		return vs.reachable()
	}
	return max(max(int(s.nodes[i].lastMembers.Load()), f)-len(v.unreachable), 1)
}

// quorum checks that the i-th node's view holds enough healthy nodes for
// the configured consistency and, for a schema change, that the cluster has
// a leader.
func (s *Store) quorum(ctx context.Context, i int, schema bool) error {
	vs := s.clusterViews(ctx, false)
	v := vs.nodes[i]
	if v.err != nil {
		return v.err
	}
	if err := s.enough(vs, i); err != nil {
		return err
	}
	if leader, known := vs.leader(); schema && known && leader == "" {
		return &quorumError{msg: "has no Raft leader (" + membership(v) + "): the schema cannot be read or changed"}
	}
	return nil
}

// enough checks that the i-th view has the healthy nodes the consistency
// level needs.
func (s *Store) enough(vs views, i int) error {
	f := int(s.factor.Load())
	need := needed(s.consistency, f)
	if h := s.healthyIn(vs, i); h < need {
		return &quorumError{msg: fmt.Sprintf("has no quorum: %d healthy node(s) of the %d replicas, %s needs %d (%s)", h, f, s.consistency, need, membership(vs.nodes[i]))}
	}
	return nil
}

// membership describes a view: "node1 HEALTHY, node2 unreachable, leader
// node1".
func membership(v view) string {
	var parts []string
	for _, name := range sortedKeys(v.members) {
		parts = append(parts, name+" "+v.members[name])
	}
	for _, name := range v.unreachable {
		parts = append(parts, name+" unreachable")
	}
	for _, name := range v.voters {
		if _, ok := v.members[name]; !ok && v.members != nil {
			parts = append(parts, name+" missing")
		}
	}
	switch {
	case v.leader != "":
		parts = append(parts, "leader "+v.leader)
	case v.leaderKnown:
		parts = append(parts, "no leader")
	}
	return strings.Join(parts, ", ")
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
	// Members is the membership as this node sees it: name → status;
	// none while a member is down without having left (Weaviate cannot
	// list it then).
	Members map[string]string `json:"members,omitempty"`
	// Unreachable are the members this node says it cannot reach.
	Unreachable []string `json:"unreachable,omitempty"`
	Leader      string   `json:"leader,omitempty"`
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
		for _, name := range n.Unreachable {
			ms = append(ms, name+"=unreachable")
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
	vs := s.clusterViews(ctx, true)
	f := int(s.factor.Load())
	h := Health{Consistency: s.consistency, ReplicationFactor: f}
	h.Leader, _ = vs.leader()
	now := time.Now()
	for i, n := range s.nodes {
		v := vs.nodes[i]
		nh := NodeHealth{URL: n.url, Members: v.members, Unreachable: v.unreachable, Leader: v.leader, Served: n.served.Load()}
		_, nh.Ejected = n.ejected(now)
		if v.err != nil {
			nh.Error = reason(v.err)
		}
		h.Nodes = append(h.Nodes, nh)
	}
	h.Reason = s.verdict(vs)
	h.Ready = h.Reason == ""
	if !h.Ready {
		return h, rag.Errorf(rag.StoreUnavailable, "weaviate cluster at %s is not ready: %s", strings.Join(s.URLs(), ", "), h.Reason)
	}
	return h, nil
}

// verdict is why the views do not make a cluster that can serve, "" when
// they do.
func (s *Store) verdict(vs views) string {
	if vs.reachable() == 0 {
		return "no node answers"
	}
	for i, a := range vs.nodes {
		for _, b := range vs.nodes[i+1:] {
			ha, hb := a.healthy(), b.healthy()
			if len(ha) > 0 && len(hb) > 0 && !slices.ContainsFunc(ha, func(x string) bool { return slices.Contains(hb, x) }) {
				return fmt.Sprintf("the cluster is split: one node sees %s, another %s (restart the smaller side with CLUSTER_JOIN naming the others)", strings.Join(ha, " "), strings.Join(hb, " "))
			}
		}
	}
	var first error
	for i, v := range vs.nodes {
		if v.err != nil {
			continue
		}
		err := s.enough(vs, i)
		if err == nil {
			first = nil
			break
		}
		if first == nil {
			first = err
		}
	}
	if first != nil {
		return "missing nodes: the cluster " + first.Error()
	}
	if leader, known := vs.leader(); known && leader == "" {
		for _, v := range vs.nodes {
			if v.err == nil {
				return "there is no Raft leader (" + membership(v) + ")"
			}
		}
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
