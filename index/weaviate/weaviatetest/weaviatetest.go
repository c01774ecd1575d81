// Package weaviatetest starts real Weaviate nodes for tests and benchmarks: a
// weaviate-server binary (built from the Go module proxy by .ci/run) serving on
// loopback addresses, with its data in a temporary directory, stopped when the
// test ends.
//
// The tests run with JAWAB_E2E=1 (internal/e2e), as CI runs them, and skip
// with a one-line reason otherwise, so that "go test ./..." passes on a fresh
// machine with only Go. The binary is $JAWAB_WEAVIATE_BIN, else the build
// cache $HOME/.cache/jawab/weaviate-v1.35.2/weaviate-server; with JAWAB_E2E=1
// and neither there, the test fails, saying how to build it.
package weaviatetest

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jawab/jawab/internal/e2e"
)

// Version is the Weaviate release the tests run against.
const Version = "v1.35.2"

// BuildCommand builds the binary where Binary looks for it.
const BuildCommand = "GOBIN=$HOME/.cache/jawab/weaviate-" + Version + " go install github.com/weaviate/weaviate/cmd/weaviate-server@" + Version

// Binary returns the path of weaviate-server, or fails or skips the test as
// the package comment says.
func Binary(tb testing.TB) string {
	tb.Helper()
	p := os.Getenv("JAWAB_WEAVIATE_BIN")
	if p == "" {
		home, _ := os.UserHomeDir()
		p = filepath.Join(home, ".cache", "jawab", "weaviate-"+Version, "weaviate-server")
	}
	missing := ""
	if _, err := os.Stat(p); err != nil {
		missing = fmt.Sprintf("%v (set JAWAB_WEAVIATE_BIN, or build it, about 5 minutes: %s)", err, BuildCommand)
	}
	e2e.Require(tb, "a weaviate-server binary", missing)
	return p
}

// Node is one running (or stopped) Weaviate node.
type Node struct {
	Name string
	Host string // its loopback address
	Port int    // REST
	GRPC int

	tb     testing.TB
	bin    string
	env    []string
	gossip string // its gossip address
	log    string
	cmd    *exec.Cmd
	done   chan struct{}
}

// URL is the node's REST endpoint.
func (n *Node) URL() string { return fmt.Sprintf("http://%s:%d", n.Host, n.Port) }

// GRPCAddr is the node's gRPC endpoint.
func (n *Node) GRPCAddr() string { return fmt.Sprintf("%s:%d", n.Host, n.GRPC) }

// StartNode starts a single-node cluster on 127.0.0.1 with free ports.
func StartNode(tb testing.TB) *Node {
	tb.Helper()
	bin := Binary(tb)
	hosts := []string{"127.0.0.1"}
	n := newNode(tb, bin, "node1", "127.0.0.1", append(clusterPorts(tb, hosts), freePorts(tb, hosts, 2)...), []string{"node1"}, "")
	n.Start()
	return n
}

// StartCluster starts n nodes that form one cluster, node i on 127.0.0.i, with
// the same cluster ports on each address (Raft finds its peers by name and
// that port) and distinct gRPC and profiling ports (those bind every address).
func StartCluster(tb testing.TB, count int) []*Node {
	tb.Helper()
	nodes := NewCluster(tb, count)
	StartTogether(tb, nodes...)
	return nodes
}

// NewCluster configures the nodes of StartCluster without starting any:
// start them with StartTogether, or some of them with Launch.
func NewCluster(tb testing.TB, count int) []*Node {
	tb.Helper()
	bin := Binary(tb)
	var hosts, names []string
	for i := 1; i <= count; i++ {
		hosts = append(hosts, fmt.Sprintf("127.0.0.%d", i))
		names = append(names, fmt.Sprintf("node%d", i))
	}
	// REST, gossip, Raft and Raft RPC bind the node's own address: the same
	// ports on every address. The data API (whose port the nodes gossip),
	// gRPC and profiling bind every address: ports of their own.
	shared := clusterPorts(tb, hosts)
	own := freePorts(tb, []string{"127.0.0.1"}, 3*count)
	nodes := make([]*Node, count)
	// Every node joins every node's gossip (CLUSTER_JOIN), itself included:
	// the first to start joins itself, and a node restarting later (node1
	// too) joins the running ones. A node whose CLUSTER_JOIN names nobody
	// running forms a membership of its own and acknowledges QUORUM writes
	// on its copy alone (see README).
	var join []string
	for _, h := range hosts {
		join = append(join, net.JoinHostPort(h, strconv.Itoa(shared[1])))
	}
	for i := range count {
		ports := []int{shared[0], shared[1], own[3*i], shared[3], shared[4], own[3*i+1], own[3*i+2]}
		nodes[i] = newNode(tb, bin, names[i], hosts[i], ports, names, strings.Join(join, ","))
	}
	return nodes
}

// StartTogether starts nodes of one cluster and waits until every one is
// ready: the first, then the others once it gossips (they join its gossip
// when they start, and give up if no node of their CLUSTER_JOIN is
// listening yet).
func StartTogether(tb testing.TB, nodes ...*Node) {
	tb.Helper()
	nodes[0].startProcess(nodes[0].env)
	for deadline := time.Now().Add(time.Minute); ; {
		if c, err := net.DialTimeout("tcp", nodes[0].gossip, time.Second); err == nil {
			c.Close()
			break
		}
		if time.Now().After(deadline) {
			tb.Fatalf("%s does not gossip at %s; log:\n%s", nodes[0].Name, nodes[0].gossip, nodes[0].LogTail(40))
		}
		time.Sleep(100 * time.Millisecond)
	}
	for _, n := range nodes[1:] {
		n.startProcess(n.env)
	}
	for _, n := range nodes {
		n.waitReady()
	}
}

func newNode(tb testing.TB, bin, name, host string, ports []int, raftJoin []string, clusterJoin string) *Node {
	dir := tb.TempDir()
	n := &Node{Name: name, Host: host, Port: ports[0], GRPC: ports[5], tb: tb, bin: bin, log: filepath.Join(dir, "weaviate.log"),
		gossip: net.JoinHostPort(host, strconv.Itoa(ports[1]))}
	n.env = append(os.Environ(),
		"PERSISTENCE_DATA_PATH="+filepath.Join(dir, "data"),
		"AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED=true",
		"DEFAULT_VECTORIZER_MODULE=none",
		"ENABLE_MODULES=",
		"DISABLE_TELEMETRY=true",
		"AUTOSCHEMA_ENABLED=false",
		"LOG_LEVEL=info",
		"QUERY_DEFAULTS_LIMIT=25",
		// Exact BM25 (WAND): the default BlockMax-WAND merges per-segment top
		// lists and ranks differently from exact BM25 (see README).
		"USE_BLOCKMAX_WAND=false",
		"CLUSTER_HOSTNAME="+name,
		"CLUSTER_ADVERTISE_ADDR="+host,
		"CLUSTER_BIND_ADDR="+host,
		"CLUSTER_GOSSIP_BIND_PORT="+strconv.Itoa(ports[1]),
		"CLUSTER_DATA_BIND_PORT="+strconv.Itoa(ports[2]),
		"RAFT_PORT="+strconv.Itoa(ports[3]),
		"RAFT_INTERNAL_RPC_PORT="+strconv.Itoa(ports[4]),
		"RAFT_JOIN="+strings.Join(raftJoin, ","),
		"RAFT_BOOTSTRAP_EXPECT="+strconv.Itoa(len(raftJoin)),
		"GRPC_PORT="+strconv.Itoa(ports[5]),
		"GO_PROFILING_PORT="+strconv.Itoa(ports[6]),
		// Catch a node that was down up quickly (defaults: 30 s).
		"ASYNC_REPLICATION_FREQUENCY=2s",
		"ASYNC_REPLICATION_ALIVE_NODES_CHECKING_FREQUENCY=1s",
		"ASYNC_REPLICATION_PROPAGATION_DELAY=1s",
	)
	if clusterJoin != "" {
		n.env = append(n.env, "CLUSTER_JOIN="+clusterJoin)
	}
	tb.Cleanup(n.Stop)
	return n
}

// Start starts the node (again, after Stop, on the same data) and waits until
// it is ready.
func (n *Node) Start() {
	n.tb.Helper()
	n.startProcess(n.env)
	n.waitReady()
}

// Launch starts the node and waits only until it answers HTTP, ready or
// not: a node of a cluster whose other nodes are down is never ready.
func (n *Node) Launch() {
	n.tb.Helper()
	n.startProcess(n.env)
	n.waitLive()
}

// LaunchWithoutJoin starts the node (again) without CLUSTER_JOIN, as the
// usual recipe restarts its first node: it joins nobody's gossip and forms
// a membership of its own. It waits until the node answers HTTP.
func (n *Node) LaunchWithoutJoin() {
	n.tb.Helper()
	n.startProcess(slices.DeleteFunc(slices.Clone(n.env), func(kv string) bool { return strings.HasPrefix(kv, "CLUSTER_JOIN=") }))
	n.waitLive()
}

func (n *Node) startProcess(env []string) {
	n.tb.Helper()
	logf, err := os.OpenFile(n.log, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		n.tb.Fatal(err)
	}
	cmd := exec.Command(n.bin, "--host", n.Host, "--port", strconv.Itoa(n.Port), "--scheme", "http")
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.SysProcAttr = diesWithParent()
	if err := cmd.Start(); err != nil {
		logf.Close()
		n.tb.Fatalf("start weaviate %s: %v", n.Name, err)
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); logf.Close(); close(done) }()
	n.cmd, n.done = cmd, done
}

func (n *Node) waitReady() { n.tb.Helper(); n.waitFor("/v1/.well-known/ready", "ready") }

func (n *Node) waitLive() { n.tb.Helper(); n.waitFor("/v1/.well-known/live", "live") }

// waitFor polls a probe of the node until it answers 200, for up to 3
// minutes.
func (n *Node) waitFor(probe, what string) {
	n.tb.Helper()
	deadline := time.Now().Add(3 * time.Minute)
	client := &http.Client{Timeout: 2 * time.Second}
	for time.Now().Before(deadline) {
		select {
		case <-n.done:
			n.tb.Fatalf("weaviate %s exited while starting; log:\n%s", n.Name, n.LogTail(40))
		default:
		}
		resp, err := client.Get(n.URL() + probe)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(200 * time.Millisecond)
	}
	n.tb.Fatalf("weaviate %s not %s after 3 minutes; log:\n%s", n.Name, what, n.LogTail(40))
}

// Stop stops the node (SIGTERM, then SIGKILL after 15 s); stopping a stopped
// node does nothing.
func (n *Node) Stop() {
	if n.cmd == nil {
		return
	}
	n.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-n.done:
	case <-time.After(15 * time.Second):
		n.cmd.Process.Kill()
		<-n.done
	}
	n.cmd = nil
}

// Kill stops the node at once (SIGKILL: no flush, no goodbye to the
// cluster) and waits for the process to end; killing a stopped node does
// nothing.
func (n *Node) Kill() {
	if n.cmd == nil {
		return
	}
	n.cmd.Process.Kill()
	<-n.done
	n.cmd = nil
}

// RSS is the node process's resident memory in bytes (0 when stopped).
func (n *Node) RSS() int64 {
	if n.cmd == nil {
		return 0
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", n.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(b)) {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// LogTail returns the last lines of the node's log.
func (n *Node) LogTail(lines int) string {
	b, _ := os.ReadFile(n.log)
	all := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	return strings.Join(all[max(0, len(all)-lines):], "\n")
}

// Context returns a context for a test's calls, bounded so that a wedged
// engine fails the test instead of hanging it.
func Context(tb testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	tb.Cleanup(cancel)
	return ctx
}
