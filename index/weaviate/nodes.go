package weaviate

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	wv "github.com/weaviate/weaviate-go-client/v5/weaviate"
	"github.com/weaviate/weaviate-go-client/v5/weaviate/auth"
	"github.com/weaviate/weaviate-go-client/v5/weaviate/fault"
	"github.com/weaviate/weaviate-go-client/v5/weaviate/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/jawab/jawab/rag"
)

// A store talks to every node it is given (JAWAB_WEAVIATE_URL, comma
// separated). Each call goes to the first node that is not ejected, in the
// configured order, and fails over to the next on a connection error or a
// 5xx, within the call's deadline; every object write is an idempotent upsert
// (name-based ids) and every delete names what it deletes, so a call retried
// on another node does the same thing. A node that keeps failing is ejected
// for a while, longer each time (ejectBase doubling up to ejectMax), and tried
// again first when its time is up.

const (
	// ejectAfter consecutive failures eject a node.
	ejectAfter = 2
	ejectBase  = time.Second
	ejectMax   = 30 * time.Second
)

// node is one configured Weaviate node.
type node struct {
	url    string
	grpc   string
	client *wv.Client
	served atomic.Int64 // calls this node answered

	mu    sync.Mutex
	fails int       // consecutive failures
	until time.Time // ejected until

	lastMembers atomic.Int64 // how many members the node last listed
}

func (n *node) ejected(now time.Time) (time.Time, bool) {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.until, now.Before(n.until)
}

func (n *node) succeeded() {
	n.mu.Lock()
	n.fails, n.until = 0, time.Time{}
	n.mu.Unlock()
}

// failed counts a failure and returns how long the node is now ejected for
// (0: not ejected).
func (n *node) failed(now time.Time) time.Duration {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.fails++
	if n.fails < ejectAfter {
		return 0
	}
	d := min(ejectBase<<min(n.fails-ejectAfter, 10), ejectMax)
	n.until = now.Add(d)
	return d
}

// nodeAddrs splits the configured URL and gRPC lists into one pair per node.
func nodeAddrs(urls, grpcs string) ([]string, []string, error) {
	us := splitList(urls)
	if len(us) == 0 {
		return nil, nil, rag.Errorf(rag.Invalid, "weaviate URL %q is not like http://127.0.0.1:8080", urls)
	}
	gs := splitList(grpcs)
	if len(gs) != 0 && len(gs) != len(us) {
		return nil, nil, rag.Errorf(rag.Invalid, "weaviate: %d gRPC endpoints for %d URLs: give one per node, in the same order, or none", len(gs), len(us))
	}
	for i, s := range us {
		u, err := url.Parse(s)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, nil, rag.Errorf(rag.Invalid, "weaviate URL %q is not like http://127.0.0.1:8080", s)
		}
		if len(gs) == 0 {
			gs = append(gs, make([]string, len(us))...)
		}
		if gs[i] == "" {
			gs[i] = u.Hostname() + ":50051"
		}
	}
	return us, gs, nil
}

func splitList(s string) []string {
	var out []string
	for f := range strings.SplitSeq(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func newNode(cfg Config, rawURL, grpcAddr string) (*node, error) {
	u, _ := url.Parse(rawURL)
	wcfg := wv.Config{
		Host:       u.Host,
		Scheme:     u.Scheme,
		GrpcConfig: &grpc.Config{Host: grpcAddr, Secured: u.Scheme == "https"},
		// Deadlines come from the callers' contexts; this only backstops a
		// call whose context has none (the client's own version lookup).
		Timeout: 10 * cfg.Timeout,
	}
	if cfg.APIKey != "" {
		wcfg.AuthConfig = auth.ApiKey{Value: cfg.APIKey}
	}
	client, err := wv.NewClient(wcfg)
	if err != nil {
		return nil, rag.Wrap(rag.Unavailable, err, "connect to weaviate at %s", rawURL)
	}
	return &node{url: rawURL, grpc: grpcAddr, client: client}, nil
}

// order lists the nodes to try: those not ejected in the configured order,
// then the ejected ones, the soonest back first.
func (s *Store) order() []*node {
	now := time.Now()
	var ok []*node
	type out struct {
		n     *node
		until time.Time
	}
	var ejected []out
	for _, n := range s.nodes {
		if until, e := n.ejected(now); e {
			ejected = append(ejected, out{n, until})
		} else {
			ok = append(ok, n)
		}
	}
	slices.SortStableFunc(ejected, func(a, b out) int { return a.until.Compare(b.until) })
	for _, e := range ejected {
		ok = append(ok, e.n)
	}
	return ok
}

// op is what a call does on one node.
type op struct {
	// what is being done, for messages
	what string
	// schema marks a read or change of the schema (it needs a Raft leader).
	schema bool
}

// do runs fn on a healthy node, failing over to the next one on a
// connection error, a 5xx or no answer within the configured timeout, until
// one answers or the context ends. Before
// a node gets the call, its view of the cluster must hold enough healthy
// nodes for the configured consistency (and a Raft leader for a schema
// change): a call that Weaviate could only carry out at a weaker level, or
// would wait for long before refusing, is refused at once with the cause.
func (s *Store) do(ctx context.Context, o op, fn func(ctx context.Context, c *wv.Client) error) error {
	var tried []*nodeError
	for _, n := range s.order() {
		if ctx.Err() != nil {
			break
		}
		if err := s.quorum(ctx, slices.Index(s.nodes, n), o.schema); err != nil {
			tried = append(tried, &nodeError{url: n.url, err: err})
			continue
		}
		// Each node gets at most the configured timeout, so that a node
		// that hangs leaves time for the next within the caller's deadline.
		actx, cancel := context.WithTimeout(ctx, s.cfg.Timeout)
		err := fn(actx, n.client)
		cancel()
		if err == nil || !failover(ctx, err) {
			n.succeeded()
			if err == nil {
				n.served.Add(1)
				s.log.Debug("weaviate call", "node", n.url, "op", o.what, "failed_over", len(tried))
				return nil
			}
			return &callError{tried: append(tried, &nodeError{url: n.url, err: err})}
		}
		if d := n.failed(time.Now()); d > 0 {
			s.log.Warn("weaviate node ejected", "node", n.url, "for", d.String(), "err", err)
		}
		tried = append(tried, &nodeError{url: n.url, err: err})
	}
	if len(tried) == 0 {
		return ctx.Err()
	}
	if err := ctx.Err(); err != nil {
		tried = append(tried, &nodeError{url: tried[len(tried)-1].url, err: err})
	}
	return &callError{tried: tried}
}

// failover says whether err is a node's failure that another node may not
// have: a connection error, a gRPC Unavailable or a 5xx. The caller's own
// cancellation or deadline is not.
func failover(ctx context.Context, err error) bool {
	if ctx.Err() != nil {
		return false
	}
	var ce *fault.WeaviateClientError
	if errors.As(err, &ce) {
		return ce.StatusCode >= 500 || ce.StatusCode <= 0 || ce.DerivedFromError != nil
	}
	var qe *quorumError
	if errors.As(err, &qe) {
		return true
	}
	if st, ok := status.FromError(err); ok {
		switch st.Code() {
		case codes.Unavailable, codes.Internal, codes.Unknown, codes.Aborted, codes.DeadlineExceeded, codes.ResourceExhausted:
			return true
		}
		return false
	}
	return true // a transport error
}

// nodeError is what one node answered.
type nodeError struct {
	url string
	err error
}

func (e *nodeError) Error() string { return e.url + ": " + e.err.Error() }
func (e *nodeError) Unwrap() error { return e.err }

// callError is a call that no node carried out: what each node tried said.
type callError struct{ tried []*nodeError }

func (e *callError) Error() string {
	msgs := make([]string, len(e.tried))
	for i, t := range e.tried {
		msgs[i] = t.Error()
	}
	return strings.Join(msgs, "; ")
}

func (e *callError) Unwrap() []error {
	out := make([]error, len(e.tried))
	for i, t := range e.tried {
		out[i] = t
	}
	return out
}

// where says which nodes a failed call reached and why each failed, in a
// few words: "http://a is unreachable: connection refused" or, for several,
// each in turn. A quorum error speaks for itself.
func describe(err error, fallback string) (where, why string) {
	var ce *callError
	if !errors.As(err, &ce) || len(ce.tried) == 0 {
		return fallback, reason(err)
	}
	// The cluster's own state says most: a quorum error comes first.
	last := ce.tried[len(ce.tried)-1]
	if i := slices.IndexFunc(ce.tried, func(t *nodeError) bool { var q *quorumError; return errors.As(t.err, &q) }); i >= 0 {
		last = ce.tried[i]
	}
	same := true
	for _, t := range ce.tried {
		same = same && reason(t.err) == reason(last.err)
	}
	if same {
		urls := make([]string, len(ce.tried))
		for i, t := range ce.tried {
			urls[i] = t.url
		}
		return strings.Join(slices.Compact(urls), ", "), reason(last.err)
	}
	parts := make([]string, 0, len(ce.tried)-1)
	for _, t := range ce.tried {
		if t != last {
			parts = append(parts, fmt.Sprintf("%s %s", t.url, reason(t.err)))
		}
	}
	return last.url, reason(last.err) + "; and " + strings.Join(parts, ", ")
}

// Served counts the calls each node answered, by URL: which node served.
func (s *Store) Served() map[string]int64 {
	out := make(map[string]int64, len(s.nodes))
	for _, n := range s.nodes {
		out[n.url] = n.served.Load()
	}
	return out
}

// URLs lists the configured nodes.
func (s *Store) URLs() []string {
	out := make([]string, len(s.nodes))
	for i, n := range s.nodes {
		out[i] = n.url
	}
	return out
}

// needed is how many replicas must answer at consistency level c with
// replication factor f.
func needed(c string, f int) int {
	switch c {
	case "ONE":
		return 1
	case "ALL":
		return f
	}
	return f/2 + 1
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, cmp.Compare)
	return keys
}

// PerNode returns one configuration per node of c, each reaching that node
// alone at consistency ONE: what "jawab verify" checks node by node (a
// search at ONE reads the coordinating node's own replicas).
func (c Config) PerNode() ([]Config, error) {
	urls, grpcs, err := nodeAddrs(c.URL, c.GRPC)
	if err != nil {
		return nil, err
	}
	out := make([]Config, len(urls))
	for i := range urls {
		n := c
		n.URL, n.GRPC, n.Consistency = urls[i], grpcs[i], "ONE"
		out[i] = n
	}
	return out, nil
}
