package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jawab/jawab/index/weaviate"
	"github.com/jawab/jawab/index/weaviate/weaviatetest"
	"github.com/jawab/jawab/rag"
)

// sender makes admin requests to a running server and records each as an
// outcome: its status, and the error shape's code and message.
type sender struct {
	url, admin string
	client     *http.Client
}

func (s sender) send(method, route string, body any) (outcome, []byte) {
	var r io.Reader
	if body != nil {
		j, _ := json.Marshal(body)
		r = bytes.NewReader(j)
	}
	req, _ := http.NewRequest(method, s.url+route, r)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+s.admin)
	start := time.Now()
	resp, err := s.client.Do(req)
	o := outcome{route: method + " " + route, took: time.Since(start)}
	if err != nil {
		o.code, o.message = "transport", err.Error()
		return o, nil
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	o.took, o.status = time.Since(start), resp.StatusCode
	if resp.StatusCode >= 300 {
		var e struct {
			Error struct{ Code, Message string }
		}
		if json.Unmarshal(b, &e) != nil || e.Error.Code == "" {
			o.code, o.message = "no error shape", string(b)
		} else {
			o.code, o.message = e.Error.Code, e.Error.Message
		}
	}
	return o, b
}

// traffic runs request loops until it is ended, recording every outcome.
type traffic struct {
	pause    time.Duration // between one loop's requests
	stop     chan struct{}
	wg       sync.WaitGroup
	mu       sync.Mutex
	outcomes []outcome
}

func newTraffic(pause time.Duration) *traffic {
	return &traffic{pause: pause, stop: make(chan struct{})}
}

// loop sends next(0), next(1), … until the traffic ends.
func (tr *traffic) loop(next func(i int) outcome) {
	tr.wg.Go(func() {
		for i := 0; ; i++ {
			select {
			case <-tr.stop:
				return
			default:
			}
			o := next(i)
			tr.mu.Lock()
			tr.outcomes = append(tr.outcomes, o)
			tr.mu.Unlock()
			time.Sleep(tr.pause)
		}
	})
}

// recent returns the last n outcomes so far.
func (tr *traffic) recent(n int) []outcome {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	return slices.Clone(tr.outcomes[len(tr.outcomes)-min(len(tr.outcomes), n):])
}

// end stops the loops, waits for them and returns every outcome.
func (tr *traffic) end() []outcome {
	close(tr.stop)
	tr.wg.Wait()
	return tr.outcomes
}

// readiness is /readyz of a server on a Weaviate cluster.
type readiness struct {
	Ready bool
	Store weaviate.Health
	Error struct{ Code, Message string }
}

func (s sender) ready(t *testing.T) (outcome, readiness) {
	t.Helper()
	o, b := s.send(http.MethodGet, "/readyz", nil)
	var r readiness
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatalf("/readyz: %v: %s", err, b)
	}
	return o, r
}

// clusterEnv is the environment of a "jawab serve" on every node of a
// cluster with replication factor 3.
func clusterEnv(nodes []*weaviatetest.Node, class, admin string) map[string]string {
	var urls, grpcs []string
	for _, n := range nodes {
		urls, grpcs = append(urls, n.URL()), append(grpcs, n.GRPCAddr())
	}
	return map[string]string{
		"JAWAB_STORE": "weaviate", "JAWAB_WEAVIATE_URL": strings.Join(urls, ","), "JAWAB_WEAVIATE_GRPC": strings.Join(grpcs, ","),
		"JAWAB_WEAVIATE_CLASS": class, "JAWAB_WEAVIATE_REPLICAS": "3", "JAWAB_WEAVIATE_TIMEOUT": "3s",
		"JAWAB_ADMIN_KEY": admin, "JAWAB_RATE": "off",
	}
}

var failoverQuestions = []string{
	"پاکستان اور روس کے سفارتی تعلقات کب قائم ہوئے؟",
	"روس نے پاکستان کو کون سی ویکسین دی؟",
	"کراچی سے لاہور گیس پائپ لائن پر کتنا خرچ آنے کا اندازہ ہے؟",
}

// answers asks each question and returns its passages and citations.
func answers(t *testing.T, s sender) []string {
	t.Helper()
	var out []string
	for _, q := range failoverQuestions {
		o, b := s.send(http.MethodPost, "/v1/ask", map[string]any{"question": q})
		if o.status != 200 {
			t.Fatalf("ask %q: %+v", q, o)
		}
		var a struct {
			Answer   string
			Passages []struct {
				ChunkID string `json:"chunk_id"`
			}
			Citations []struct {
				ChunkID string `json:"chunk_id"`
			}
		}
		if err := json.Unmarshal(b, &a); err != nil {
			t.Fatal(err)
		}
		// The traffic's own documents differ by their round's number only:
		// which of them fills a near-tied last place is no answer's content.
		out = append(out, trafficDoc.ReplaceAllString(fmt.Sprintf("%s %v %v", a.Answer, a.Passages, a.Citations), "failover/NNN"))
	}
	return out
}

// trafficDoc is a document the failover traffic wrote ("failover/007").
var trafficDoc = regexp.MustCompile(`failover/\d{3}`)

// TestWeaviateEntryNodeKilled serves from a three-node cluster (replication
// factor 3) given as a list of nodes, kills the first node (SIGKILL) under
// asks, searches, listings and writes, then starts it again: requests fail
// over to the other nodes (at least 99 % succeed; any that fail are 503
// store_unavailable in the error shape), answers stay identical, every write
// answered as stored is readable, /readyz reports the dead node and the
// restarted one, /metrics counts calls by node, and the restarted node
// rejoins and serves, at QUORUM, the writes made while it was down.
func TestWeaviateEntryNodeKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a three-node cluster")
	}
	nodes := weaviatetest.StartCluster(t, 3)
	const admin = "admin-key-for-the-failover"
	srv := startServe(t, clusterEnv(nodes, "Failover", admin))
	s := sender{url: srv.url, admin: admin, client: &http.Client{Timeout: 30 * time.Second}}
	if o, r := s.ready(t); o.status != 200 || len(r.Store.Nodes) != 3 {
		t.Fatalf("/readyz before the kill: %+v %+v", o, r)
	}
	answers(t, s)

	tr := newTraffic(10 * time.Millisecond)
	loop := tr.loop
	req := func(method, route string, body any) outcome { o, _ := s.send(method, route, body); return o }
	loop(func(int) outcome {
		return req(http.MethodPost, "/v1/ask", map[string]any{"question": failoverQuestions[1]})
	})
	loop(func(int) outcome {
		return req(http.MethodPost, "/v1/search", map[string]any{"query": "گیس پائپ لائن", "k": 3})
	})
	loop(func(int) outcome { return req(http.MethodGet, "/v1/documents", nil) })
	loop(func(i int) outcome {
		id, text := fmt.Sprintf("failover/%03d", i), fmt.Sprintf("روس اور پاکستان کے درمیان تجارتی مذاکرات کا دور نمبر %d کراچی میں ہوا۔", i)
		o := req(http.MethodPost, "/v1/documents", map[string]any{"id": id, "title": "مذاکرات", "text": text})
		o.docID, o.text = id, text
		return o
	})

	time.Sleep(2 * time.Second)
	nodes[0].Kill()
	killed := time.Now()
	// While it is down: ready (two of three replicas make a quorum), with
	// node1 reported unreachable.
	var down readiness
	waitUntil(t, 30*time.Second, func() bool {
		o, r := s.ready(t)
		down = r
		return o.status == 200 && len(r.Store.Nodes) == 3 && r.Store.Nodes[0].Error != ""
	}, func() string { return fmt.Sprintf("/readyz with node1 killed: %+v", down) })
	t.Logf("/readyz ready again %v after the kill", time.Since(killed).Round(100*time.Millisecond))
	// The server logged the change.
	waitUntil(t, 10*time.Second, func() bool {
		return strings.Contains(grepLines(srv.log.String(), `"msg":"weaviate cluster"`), nodes[0].URL()+" unreachable")
	}, func() string { return "no log of node1 unreachable:\n" + grepLines(srv.log.String(), "weaviate") })
	time.Sleep(5 * time.Second) // traffic meets the dead node
	all := tr.end()

	failed, writes := 0, 0
	for _, o := range all {
		if o.took > 2*time.Second {
			t.Logf("slow: %s took %v: %d %s %s", o.route, o.took, o.status, o.code, o.message)
		}
		switch {
		case o.code == "" && o.status < 300:
			if o.docID != "" {
				writes++
			}
		case o.status == http.StatusServiceUnavailable && o.code == "store_unavailable" && o.message != "":
			failed++
			t.Logf("refused: %s: %s", o.route, o.message)
		default:
			t.Errorf("%s with node1 killed: status %d, code %q: %s", o.route, o.status, o.code, o.message)
		}
	}
	if len(all) < 100 {
		t.Fatalf("only %d requests", len(all))
	}
	if failed*100 > len(all) {
		t.Errorf("%d of %d requests failed with node1 killed; want at most 1 %%", failed, len(all))
	}
	t.Logf("%d requests, %d refused, %d writes stored; %v of traffic after the kill", len(all), failed, writes, time.Since(killed).Round(time.Second))
	// The other nodes served: /metrics counts calls by node.
	_, metrics := s.send(http.MethodGet, "/metrics", nil)
	for _, n := range nodes[1:2] {
		re := regexp.MustCompile(`jawab_store_node_calls_total\{node="` + regexp.QuoteMeta(n.URL()) + `"\} (\d+)`)
		if m := re.FindSubmatch(metrics); m == nil || string(m[1]) == "0" {
			t.Errorf("/metrics: no calls served by %s:\n%s", n.URL(), grepLines(string(metrics), "jawab_store_node"))
		}
	}

	// Nothing lost: each write answered as stored is readable at QUORUM
	// through each remaining node.
	check := func(on []*weaviatetest.Node) {
		t.Helper()
		for _, n := range on {
			// Opening reads the schema, which waits for the cluster to elect a
			// new leader when the killed node led it: on a loaded machine that
			// can outlast one call's timeout, so it is retried for a minute.
			var st *weaviate.Store
			var err error
			for deadline := time.Now().Add(time.Minute); ; time.Sleep(time.Second) {
				st, err = weaviate.Open(context.Background(), weaviate.Config{URL: n.URL(), GRPC: n.GRPCAddr(), Class: "Failover", Consistency: "QUORUM", Timeout: 10 * time.Second})
				if err == nil || time.Now().After(deadline) {
					break
				}
				t.Logf("open on %s: %v; again", n.Name, err)
			}
			if err != nil {
				t.Fatalf("open on %s: %v", n.Name, err)
			}
			for _, o := range all {
				if o.docID == "" || o.status >= 300 {
					continue
				}
				doc, _, err := st.Get(context.Background(), o.docID)
				if err != nil || doc.Text != o.text {
					t.Errorf("%s at QUORUM: the write of %s was answered %d but reads %q (%v)", n.Name, o.docID, o.status, doc.Text, err)
				}
			}
		}
	}
	check(nodes[1:])

	// A write while node1 is down, then node1 back: it rejoins (every node
	// sees three healthy members) and serves the write at QUORUM.
	if o := req(http.MethodPost, "/v1/documents", map[string]any{"id": "failover/absent", "title": "غیر حاضری", "text": "یہ خبر اس وقت لکھی گئی جب پہلا نوڈ بند تھا۔"}); o.status >= 300 {
		t.Fatalf("write with node1 down: %+v", o)
	}
	all = append(all, outcome{docID: "failover/absent", status: 200, text: "یہ خبر اس وقت لکھی گئی جب پہلا نوڈ بند تھا۔"})
	// The answers with node1 dead, to compare with all three nodes up on
	// the same documents.
	without := answers(t, s)
	nodes[0].Start()
	var up readiness
	waitUntil(t, 60*time.Second, func() bool {
		o, r := s.ready(t)
		up = r
		if o.status != 200 || len(r.Store.Nodes) != 3 {
			return false
		}
		for _, n := range r.Store.Nodes {
			if n.Error != "" || len(n.Members) != 3 || slices.ContainsFunc(sortedValues(n.Members), func(s string) bool { return s != "HEALTHY" }) {
				return false
			}
		}
		return true
	}, func() string { return fmt.Sprintf("node1 did not rejoin: /readyz %+v", up) })
	check(nodes)
	// The rejoined node's BM25 statistics can lag the others' for a moment,
	// and near-tied passages then change places: the answers must come back
	// to the same, given that moment.
	var with []string
	for settle := time.Now().Add(30 * time.Second); ; time.Sleep(2 * time.Second) {
		if with = answers(t, s); slices.Equal(with, without) || time.Now().After(settle) {
			break
		}
	}
	if !slices.Equal(with, without) {
		t.Errorf("answers with node1 killed:\n%v\nwith it back:\n%v", without, with)
	}
}

func sortedValues(m map[string]string) []string {
	var out []string
	for _, v := range m {
		out = append(out, v)
	}
	slices.Sort(out)
	return out
}

func grepLines(s, sub string) string {
	var out []string
	for line := range strings.Lines(s) {
		if strings.Contains(line, sub) {
			out = append(out, strings.TrimSpace(line))
		}
	}
	return strings.Join(out, "\n")
}

// waitUntil polls cond until it holds or the time is up, then fails with
// what says.
func waitUntil(t *testing.T, within time.Duration, cond func() bool, what func() string) {
	t.Helper()
	for deadline := time.Now().Add(within); !cond(); time.Sleep(200 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal(what())
		}
	}
}

// TestWeaviateWithoutQuorum kills two nodes of three (replication factor 3)
// under a running server: /readyz turns 503 with the reason, and reads,
// writes and the commands are refused with a message that names it, each
// at once instead of after Weaviate's own 20–90 s waits.
func TestWeaviateWithoutQuorum(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a three-node cluster")
	}
	nodes := weaviatetest.StartCluster(t, 3)
	const admin = "admin-key-without-quorum"
	env := clusterEnv(nodes, "NoQuorum", admin)
	srv := startServe(t, env)
	s := sender{url: srv.url, admin: admin, client: &http.Client{Timeout: 60 * time.Second}}
	if o, _ := s.ready(t); o.status != 200 {
		t.Fatalf("/readyz with every node up: %+v", o)
	}
	nodes[1].Kill()
	nodes[2].Kill()
	// A generous bound: the behaviour is "at once" (milliseconds here);
	// the machine is shared.
	const bound = 10 * time.Second
	start := time.Now()
	var r readiness
	var o outcome
	waitUntil(t, bound, func() bool {
		o, r = s.ready(t)
		return o.status == http.StatusServiceUnavailable
	}, func() string { return fmt.Sprintf("/readyz with two nodes of three killed: %+v", o) })
	t.Logf("/readyz 503 after %v: %s", time.Since(start).Round(time.Millisecond), o.message)
	if o.code != "store_unavailable" || !strings.Contains(o.message, "quorum") || r.Store.Ready || !strings.Contains(r.Store.Reason, "quorum") {
		t.Errorf("/readyz without quorum: %+v %+v; want store_unavailable naming the missing quorum", o, r.Store)
	}
	for _, c := range []struct {
		method, route string
		body          any
	}{
		{http.MethodPost, "/v1/documents", map[string]any{"id": "noquorum/1", "title": "t", "text": "یہ خبر اس وقت لکھی گئی جب دو نوڈ بند تھے۔"}},
		{http.MethodGet, "/v1/documents", nil},
		{http.MethodPost, "/v1/search", map[string]any{"query": "گیس پائپ لائن", "k": 3}},
		{http.MethodPost, "/v1/ask", map[string]any{"question": failoverQuestions[0]}},
	} {
		o, _ := s.send(c.method, c.route, c.body)
		t.Logf("%s: %d in %v: %s", o.route, o.status, o.took.Round(time.Millisecond), o.message)
		if o.status != http.StatusServiceUnavailable || o.code != "store_unavailable" || !strings.Contains(o.message, "quorum") {
			t.Errorf("%s without quorum: %d %s %q; want 503 store_unavailable naming the quorum", o.route, o.status, o.code, o.message)
		}
		if o.took > bound {
			t.Errorf("%s without quorum took %v", o.route, o.took)
		}
	}
	// The commands too.
	env["JAWAB_DATA"] = t.TempDir()
	start = time.Now()
	err := jawab(t, env, "docs", "list").err
	took := time.Since(start)
	t.Logf("jawab docs list: %v in %v", err, took.Round(time.Millisecond))
	if err == nil || !strings.Contains(err.Error(), "quorum") || took > bound {
		t.Errorf("jawab docs list without quorum: %v after %v; want an error naming the quorum", err, took)
	}
}

// TestWeaviateOneNodeOfThree starts "jawab serve" on a three-node cluster
// (replication factor 3) of which only the first node was ever started:
// the server starts anyway, /readyz is 503 with the reason at once, every
// write is refused in the error shape with a message naming the missing
// quorum. When the other two nodes
// start, the server becomes ready without a restart and stores a write.
func TestWeaviateOneNodeOfThree(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a three-node cluster")
	}
	nodes := weaviatetest.NewCluster(t, 3)
	nodes[0].Launch() // alone: no quorum, no Raft leader
	const admin = "admin-key-one-node-of-three"
	start := time.Now()
	srv := startServe(t, clusterEnv(nodes, "OneOfThree", admin))
	s := sender{url: srv.url, admin: admin, client: &http.Client{Timeout: 60 * time.Second}}
	o, r := s.ready(t)
	took := time.Since(start)
	t.Logf("/readyz %d %v after the server was started: %s; store: %s", o.status, took.Round(time.Millisecond), o.message, r.Store.Reason)
	// A generous bound (the is 5 s; here it takes well under one):
	// the machine is shared.
	const bound = 10 * time.Second
	if o.status != http.StatusServiceUnavailable || o.code != "store_unavailable" || !strings.Contains(o.message, "quorum") ||
		r.Store.Ready || !strings.Contains(r.Store.Reason, "missing nodes") || took > bound {
		t.Errorf("/readyz with one node of three: %+v %+v after %v; want 503 store_unavailable naming the missing quorum", o, r.Store, took)
	}
	for _, c := range []struct {
		method, route string
		body          any
	}{
		{http.MethodPost, "/v1/documents", map[string]any{"id": "oneofthree/1", "title": "t", "text": "یہ خبر اس وقت لکھی گئی جب تین میں سے ایک نوڈ چل رہا تھا۔"}},
		{http.MethodDelete, "/v1/documents/oneofthree/1", nil},
		{http.MethodGet, "/v1/documents", nil},
		{http.MethodPost, "/v1/search", map[string]any{"query": "گیس پائپ لائن", "k": 3}},
		{http.MethodPost, "/v1/ask", map[string]any{"question": failoverQuestions[0]}},
	} {
		o, _ := s.send(c.method, c.route, c.body)
		t.Logf("%s: %d in %v: %s", o.route, o.status, o.took.Round(time.Millisecond), o.message)
		if o.status != http.StatusServiceUnavailable || o.code != "store_unavailable" || !strings.Contains(o.message, "quorum") || o.took > bound {
			t.Errorf("%s with one node of three: %d %s %q in %v; want 503 store_unavailable naming the quorum", o.route, o.status, o.code, o.message, o.took)
		}
	}
	// The other nodes start: the server sets the index up and serves.
	weaviatetest.StartTogether(t, nodes[1:]...)
	var last outcome
	waitUntil(t, 2*time.Minute, func() bool { last, _ = s.ready(t); return last.status == 200 },
		func() string { return fmt.Sprintf("/readyz with all three nodes up: %+v", last) })
	if o, _ := s.send(http.MethodPost, "/v1/documents", map[string]any{"id": "oneofthree/2", "title": "t", "text": "یہ خبر تینوں نوڈ چلنے کے بعد لکھی گئی۔"}); o.status >= 300 {
		t.Errorf("write with all three nodes up: %+v", o)
	}
	for _, n := range nodes {
		st, err := weaviate.Open(context.Background(), weaviate.Config{URL: n.URL(), GRPC: n.GRPCAddr(), Class: "OneOfThree", Consistency: "QUORUM", Timeout: 10 * time.Second})
		if err != nil {
			t.Fatalf("open on %s: %v", n.Name, err)
		}
		if _, _, err := st.Get(context.Background(), "oneofthree/2"); err != nil {
			t.Errorf("the write read at QUORUM through %s: %v", n.Name, err)
		}
	}
}

// TestWeaviateSplitMembership reproduces the incident with real
// nodes: node1 of a three-node cluster (replication factor 3) is restarted
// without CLUSTER_JOIN and forms a gossip membership of its own ([node1]
// against [node2 node3]). A server given every node reports the split in
// /readyz (503); a server given node1 alone, as in the incident, refuses
// every write naming the missing quorum, and none reaches node1. No write
// is reported stored unless two nodes hold it: the server given every node
// writes through the majority side, and each write it reports stored is on
// node2 and on node3. Restarted with CLUSTER_JOIN, node1 rejoins: both
// servers are ready again, and the writes read back at QUORUM through
// every node.
func TestWeaviateSplitMembership(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a three-node cluster")
	}
	nodes := weaviatetest.StartCluster(t, 3)
	const admin = "admin-key-for-the-split-test"
	all := sender{url: startServe(t, clusterEnv(nodes, "Split", admin)).url, admin: admin, client: &http.Client{Timeout: 60 * time.Second}}
	first := sender{url: startServe(t, clusterEnv(nodes[:1], "Split", admin)).url, admin: admin, client: &http.Client{Timeout: 60 * time.Second}}
	for _, s := range []sender{all, first} {
		if o, r := s.ready(t); o.status != 200 {
			t.Fatalf("/readyz before the split: %+v %+v", o, r.Store)
		}
	}
	doc := func(id string) map[string]any {
		return map[string]any{"id": id, "title": "تقسیم", "text": "یہ خبر " + id + " کے نام سے اس وقت لکھی گئی جب کلسٹر بٹا ہوا تھا۔"}
	}

	// node1 leaves (SIGTERM: the others drop it from their membership)
	// and comes back without CLUSTER_JOIN.
	nodes[0].Stop()
	nodes[0].LaunchWithoutJoin()
	var o outcome
	var r readiness
	waitUntil(t, time.Minute, func() bool {
		o, r = all.ready(t)
		return strings.Contains(r.Store.Reason, "split")
	}, func() string {
		return fmt.Sprintf("/readyz of the server given every node, node1 split off: %+v %+v", o, r.Store)
	})
	t.Logf("/readyz, every node: %d: %s", o.status, o.message)
	if o.status != http.StatusServiceUnavailable || o.code != "store_unavailable" || !strings.Contains(o.message, "split") {
		t.Errorf("/readyz with a split membership: %+v; want 503 store_unavailable naming the split", o)
	}
	for _, n := range r.Store.Nodes {
		t.Logf("  %s sees %v", n.URL, n.Members)
	}
	// The server given node1 alone saw it down a moment ago; once it sees
	// it again, it sees a cluster of one.
	waitUntil(t, 30*time.Second, func() bool {
		o, _ = first.ready(t)
		return o.status == http.StatusServiceUnavailable && strings.Contains(o.message, "quorum")
	}, func() string {
		return fmt.Sprintf("/readyz of the server given node1 alone, node1 split off: %+v; want 503 naming the missing quorum", o)
	})
	t.Logf("/readyz, node1 alone: %d: %s", o.status, o.message)

	var stored []string
	for i := range 5 {
		id := fmt.Sprintf("split/first-%d", i)
		o, _ := first.send(http.MethodPost, "/v1/documents", doc(id))
		if o.status != http.StatusServiceUnavailable || o.code != "store_unavailable" || !strings.Contains(o.message, "quorum") {
			t.Errorf("write through node1 alone, split off: %d %s %q; want 503 store_unavailable naming the quorum", o.status, o.code, o.message)
		}
		id = fmt.Sprintf("split/all-%d", i)
		o, _ = all.send(http.MethodPost, "/v1/documents", doc(id))
		switch {
		case o.status < 300:
			stored = append(stored, id)
		case o.status != http.StatusServiceUnavailable || o.code != "store_unavailable":
			t.Errorf("write through every node, node1 split off: %d %s %q; want stored or 503 store_unavailable", o.status, o.code, o.message)
		}
	}
	t.Logf("writes through every node with node1 split off: %d of 5 stored", len(stored))
	// Each write reported stored is on two nodes of three (each read alone,
	// at ONE): a quorum holds it. node1 holds none of the writes.
	one := func(n *weaviatetest.Node) *weaviate.Store {
		t.Helper()
		st, err := weaviate.Open(context.Background(), weaviate.Config{URL: n.URL(), GRPC: n.GRPCAddr(), Class: "Split", Consistency: "ONE", Timeout: 10 * time.Second})
		if err != nil {
			t.Fatalf("open on %s: %v", n.Name, err)
		}
		return st
	}
	for _, n := range nodes[1:] {
		st := one(n)
		for _, id := range stored {
			if _, _, err := st.Get(context.Background(), id); err != nil {
				t.Errorf("%s, reported stored with node1 split off, is not on %s: %v", id, n.Name, err)
			}
		}
	}
	var objects struct {
		Objects []struct{ Properties map[string]any }
	}
	getJSON(t, nodes[0].URL()+"/v1/objects?class=SplitDoc1&limit=100", &objects)
	for _, obj := range objects.Objects {
		if id, _ := obj.Properties["doc_id"].(string); strings.HasPrefix(id, "split/") {
			t.Errorf("%s reached node1 while it was split off", id)
		}
	}

	// node1 restarted with CLUSTER_JOIN rejoins.
	nodes[0].Stop()
	nodes[0].Start()
	for _, s := range []sender{all, first} {
		waitUntil(t, time.Minute, func() bool { o, _ = s.ready(t); return o.status == 200 },
			func() string { return fmt.Sprintf("/readyz after node1 rejoined: %+v", o) })
	}
	if o, _ := first.send(http.MethodPost, "/v1/documents", doc("split/after")); o.status >= 300 {
		t.Errorf("write through node1 after it rejoined: %+v", o)
	}
	stored = append(stored, "split/after")
	for _, n := range nodes {
		st, err := weaviate.Open(context.Background(), weaviate.Config{URL: n.URL(), GRPC: n.GRPCAddr(), Class: "Split", Consistency: "QUORUM", Timeout: 10 * time.Second})
		if err != nil {
			t.Fatalf("open on %s: %v", n.Name, err)
		}
		for _, id := range stored {
			if _, _, err := st.Get(context.Background(), id); err != nil {
				t.Errorf("%s at QUORUM through %s after node1 rejoined: %v", id, n.Name, err)
			}
		}
	}
}

// TestVerifyFindsAndRepairsHoles plants holes in a Weaviate index through
// Weaviate's own API (two chunks' vectors deleted by writing the objects
// again without one, one chunk's keyword text emptied): "jawab verify"
// reports each with exit status 1, "--repair" writes the documents again
// and finds them whole, and a last "verify" passes.
func TestVerifyFindsAndRepairsHoles(t *testing.T) {
	node := weaviatetest.StartNode(t)
	env := map[string]string{
		"JAWAB_STORE": "weaviate", "JAWAB_WEAVIATE_URL": node.URL(), "JAWAB_WEAVIATE_GRPC": node.GRPCAddr(),
		"JAWAB_WEAVIATE_CLASS": "Verify", "JAWAB_DATA": t.TempDir(),
	}
	jawab := func(args ...string) (string, error) {
		r := jawab(t, env, args...)
		return r.stdout + r.stderr, r.err
	}
	if out, err := jawab("ingest"); err != nil {
		t.Fatalf("ingest: %v\n%s", err, out)
	}
	if out, err := jawab("verify"); err != nil || !strings.Contains(out, "no holes") {
		t.Fatalf("verify of a sound index: %v\n%s", err, out)
	}
	// Three chunks' objects, written again through the REST API.
	var list struct {
		Objects []struct {
			Class      string         `json:"class"`
			ID         string         `json:"id"`
			Properties map[string]any `json:"properties"`
			Vector     []float32      `json:"vector"`
		} `json:"objects"`
	}
	getJSON(t, node.URL()+"/v1/objects?class=VerifyChunk1&limit=3&include=vector", &list)
	if len(list.Objects) != 3 {
		t.Fatalf("%d chunk objects", len(list.Objects))
	}
	var planted []string
	for i, o := range list.Objects {
		body := map[string]any{"class": o.Class, "id": o.ID, "properties": o.Properties}
		if i == 2 {
			o.Properties["norm"] = "" // the keyword index loses it
			body["vector"] = o.Vector
		}
		putJSON(t, node.URL()+"/v1/objects/"+o.Class+"/"+o.ID, body)
		planted = append(planted, fmt.Sprintf("%s#%v", o.Properties["doc_id"], o.Properties["ordinal"]))
	}
	out, err := jawab("verify")
	if !errors.Is(err, errFailed) || !strings.Contains(out, "3 holes (vector 2, keyword 1)") {
		t.Errorf("verify with holes planted: %v; want exit status 1 and 3 holes\n%s", err, out)
	}
	for _, id := range planted {
		if !strings.Contains(out, id) {
			t.Errorf("verify does not name the hole %s:\n%s", id, out)
		}
	}
	out, err = jawab("verify", "--repair", "--node", "1")
	if err != nil || !strings.Contains(out, "after repair: ") || !strings.HasSuffix(strings.TrimSpace(out), "no holes") {
		t.Errorf("verify --repair: %v\n%s", err, out)
	}
	if out, err := jawab("verify"); err != nil || !strings.Contains(out, "no holes") {
		t.Errorf("verify after the repair: %v\n%s", err, out)
	}
	if out, err := jawab("verify", "--node", "http://elsewhere:8080"); rag.ErrorCode(err) != rag.Invalid {
		t.Errorf("verify --node of no configured node: %v\n%s", err, out)
	}
}

func getJSON(t *testing.T, url string, into any) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(into); err != nil || resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d %v", url, resp.StatusCode, err)
	}
}

func putJSON(t *testing.T, url string, body any) {
	t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPut, url, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		msg, _ := io.ReadAll(resp.Body)
		t.Fatalf("PUT %s: %d %s", url, resp.StatusCode, msg)
	}
}
