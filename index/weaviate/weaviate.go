// Package weaviate is jawab's index on a Weaviate cluster: for collections too
// large for one machine's exhaustive scan and for several API replicas sharing
// one index. It implements index.Store and passes the same conformance suite as
// the embedded store (index/storetest).
//
// Layout, per index generation g (a reindex writes generation g+1 beside g and
// switches to it when complete):
//
//   - <Class>Chunk<g>: one object per chunk, with jawab's own vector (no
//     Weaviate vectoriser; HNSW, cosine), the chunk's offsets and text, its
//     document's metadata (for filters and hits without a second lookup), and
//     "norm": the chunk's content tokens as jawab's keyword index makes them
//     (text.ContentTokens: normalised, folded, stopwords dropped) joined by
//     spaces, with whitespace tokenisation and no stopwords, so that Weaviate's
//     BM25 (k1 1.2, b 0.75, as ours) sees exactly our tokens.
//   - <Class>Doc<g>: one object per document (text and metadata), written
//     after its chunks: the document's commit marker. Hash reads it, so a write
//     interrupted halfway leaves the old hash and a re-ingest redoes it.
//   - <Class>Meta: one object, the embedder, dimension, ranking model version
//     and current generation.
//
// Object ids are name-based UUIDs of the chunk and document ids, so a re-ingest
// overwrites in place. Weaviate has no multi-object transactions: while a
// document is being replaced, a search may see some of its new chunks beside
// old ones; each hit is still one chunk as it was written.
package weaviate

import (
	"context"
	"crypto/sha1"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-openapi/strfmt"
	wv "github.com/weaviate/weaviate-go-client/v5/weaviate"
	"github.com/weaviate/weaviate-go-client/v5/weaviate/fault"
	"github.com/weaviate/weaviate/entities/models"

	"github.com/jawab/jawab/index"
	"github.com/jawab/jawab/rag"
)

// Config is how to reach the cluster and how to use it.
type Config struct {
	// URL is the REST endpoint, e.g. http://127.0.0.1:8080, or several
	// nodes' endpoints separated by commas: calls go to the first healthy
	// one and fail over to the next (nodes.go).
	URL string
	// GRPC is the gRPC endpoint host:port (searches and batch writes go over
	// gRPC), or one per URL separated by commas, in the same order; default
	// each URL's host with port 50051.
	GRPC string
	// APIKey is sent as a bearer token when set.
	APIKey string
	// Consistency is the replica consistency of reads and writes: ONE, QUORUM
	// (default) or ALL.
	Consistency string
	// Class prefixes the collections' names (default "Jawab"): several indexes
	// can share a cluster.
	Class string
	// Replicas is the replication factor of collections this store creates
	// (default 1); existing ones keep theirs.
	Replicas int
	// Timeout bounds each call to the engine (a listing, ten times it),
	// within the caller's own deadline; default 30 s.
	Timeout time.Duration
	// Logger receives what the store notices along the way.
	Logger *slog.Logger
	// Lazy makes Open return the store even when the cluster cannot set
	// it up yet (no quorum, no leader, no node answering): each call then
	// tries the set-up again first and, until it succeeds, fails with its
	// cause, and Bind and BindRanker are carried out by the set-up. jawab
	// serve opens the store so, to start not ready while the cluster cannot
	// serve, and serve when it can.
	Lazy bool
}

// Validate checks the configuration without connecting.
func (c Config) Validate() error {
	if _, _, err := nodeAddrs(c.URL, c.GRPC); err != nil {
		return err
	}
	switch c.Consistency {
	case "", "ONE", "QUORUM", "ALL":
	default:
		return rag.Errorf(rag.Invalid, "weaviate consistency %q: want ONE, QUORUM or ALL", c.Consistency)
	}
	if c.Class != "" && !validClass(c.Class) {
		return rag.Errorf(rag.Invalid, "weaviate class %q: want a name like Jawab (a capital letter, then letters, digits or _)", c.Class)
	}
	return nil
}

func validClass(s string) bool {
	for i, r := range s {
		switch {
		case r >= 'A' && r <= 'Z':
		case i > 0 && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_'):
		default:
			return false
		}
	}
	return s != ""
}

// formatVersion is the layout of the collections; bump it when it changes
// incompatibly.
const formatVersion = 1

// Store is an index in Weaviate. It is safe for concurrent use, by several
// processes too: the engine holds all state except a short-lived IDF cache.
type Store struct {
	nodes  []*node
	http   *http.Client // the cluster API (views of the cluster)
	factor atomic.Int64 // the collections' replication factor

	viewMu   sync.Mutex
	views    views // the nodes' views of the cluster, as last fetched
	renewing int   // calls fetching them now

	cfg         Config
	consistency string
	log         *slog.Logger

	writeMu sync.Mutex // serialises this process's Bind, BindRanker, UpsertBatch, Delete, Rebuild

	mu   sync.RWMutex
	meta meta

	setupMu  sync.Mutex                        // held while setting the store up
	isSetUp  atomic.Bool                       // the collections exist and meta is read
	setupErr atomic.Pointer[error]             // why the last set-up failed
	binds    []func(ctx context.Context) error // Bind and BindRanker calls that wait for the set-up

	idf idfCache
}

// meta is the index's metadata object.
type meta struct {
	index.Meta
	Generation int
	stored     bool // the object exists in Weaviate
}

// generation names the two collections of one index generation.
type generation struct{ chunk, doc string }

func (s *Store) gen(g int) generation {
	return generation{chunk: s.cfg.Class + "Chunk" + strconv.Itoa(g), doc: s.cfg.Class + "Doc" + strconv.Itoa(g)}
}

func (s *Store) current() (generation, index.Meta) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.gen(s.meta.Generation), s.meta.Meta
}

func (s *Store) metaClass() string { return s.cfg.Class + "Meta" }

// Open connects to the cluster and creates the collections that are missing
// (only on a definite "not found" from a node that sees a healthy cluster
// with a leader: a read that fails never leads to a create).
func Open(ctx context.Context, cfg Config) (*Store, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	urls, grpcs, _ := nodeAddrs(cfg.URL, cfg.GRPC)
	cfg.URL, cfg.GRPC = strings.Join(urls, ","), strings.Join(grpcs, ",")
	if cfg.Consistency == "" {
		cfg.Consistency = "QUORUM"
	}
	if cfg.Class == "" {
		cfg.Class = "Jawab"
	}
	if cfg.Replicas <= 0 {
		cfg.Replicas = 1
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 30 * time.Second
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	s := &Store{cfg: cfg, consistency: cfg.Consistency, log: cfg.Logger, http: &http.Client{}}
	for i := range urls {
		n, err := newNode(cfg, urls[i], grpcs[i])
		if err != nil {
			return nil, err
		}
		s.nodes = append(s.nodes, n)
	}
	s.factor.Store(int64(cfg.Replicas))
	s.idf.init()
	s.setupMu.Lock()
	err := s.setUp(ctx)
	s.setupMu.Unlock()
	if err != nil && !(cfg.Lazy && rag.ErrorCode(err) == rag.StoreUnavailable) {
		return nil, err
	}
	return s, nil
}

// setUp creates the collections that are missing, reads the metadata and
// carries out the bindings that waited for it; the caller holds setupMu.
func (s *Store) setUp(ctx context.Context) error {
	ctx, cancel := s.callCtx(ctx)
	defer cancel()
	err := s.ensureMetaClass(ctx)
	var m meta
	if err == nil {
		m, err = s.readMeta(ctx)
	}
	if err == nil {
		s.mu.Lock()
		s.meta = m
		s.mu.Unlock()
		err = s.ensureGeneration(ctx, s.gen(m.Generation))
	}
	for len(s.binds) > 0 && err == nil {
		if err = s.binds[0](ctx); err == nil {
			s.binds = s.binds[1:]
		}
	}
	if err != nil {
		s.setupErr.Store(&err)
		return err
	}
	s.isSetUp.Store(true)
	return nil
}

// opened sets up a lazy store that is not set up yet, and says why it
// cannot serve when that fails. While one call sets it up, the others fail
// at once with the last cause instead of waiting.
func (s *Store) opened(ctx context.Context) error {
	if s.isSetUp.Load() {
		return nil
	}
	if !s.setupMu.TryLock() {
		if err := s.setupErr.Load(); err != nil {
			return *err
		}
		return rag.Errorf(rag.StoreUnavailable, "weaviate at %s: the index is being set up", strings.Join(s.URLs(), ", "))
	}
	defer s.setupMu.Unlock()
	if s.isSetUp.Load() {
		return nil
	}
	return s.setUp(ctx)
}

// bindLater runs bind now on a store that is set up (or can be), else
// leaves it to the set-up of a lazy store, which fails every call with
// bind's error if bind fails then.
func (s *Store) bindLater(ctx context.Context, bind func(ctx context.Context) error) error {
	err := s.opened(ctx)
	if err == nil {
		return bind(ctx)
	}
	if !s.cfg.Lazy || rag.ErrorCode(err) != rag.StoreUnavailable {
		return err
	}
	s.setupMu.Lock()
	defer s.setupMu.Unlock()
	if s.isSetUp.Load() {
		return bind(ctx)
	}
	s.binds = append(s.binds, bind)
	return nil
}

// Close releases nothing: the client holds no state that needs it.
func (s *Store) Close() error { return nil }

// Dir names the index for messages.
func (s *Store) Dir() string {
	if !s.isSetUp.Load() { // the generation is not known yet
		return fmt.Sprintf("weaviate %s (collections %s…)", strings.Join(s.URLs(), ","), s.cfg.Class)
	}
	g, _ := s.current()
	return fmt.Sprintf("weaviate %s (collection %s)", strings.Join(s.URLs(), ","), g.chunk)
}

// Meta returns how the index was built, as this process last read it (at
// Open, and at each Bind, BindRanker and Rebuild).
func (s *Store) Meta(ctx context.Context) (index.Meta, error) {
	if err := ctx.Err(); err != nil {
		return index.Meta{}, err
	}
	if err := s.opened(ctx); err != nil {
		return index.Meta{}, err
	}
	_, m := s.current()
	return m, nil
}

// Bind declares the embedder that writes and searches the index, as the
// embedded store's Bind does: a fresh index records it, an index built by
// another embedder refuses.
func (s *Store) Bind(ctx context.Context, name string, dim int) error {
	return s.bindLater(ctx, func(ctx context.Context) error { return s.bind(ctx, name, dim) })
}

func (s *Store) bind(ctx context.Context, name string, dim int) error {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	ctx, cancel := s.callCtx(ctx)
	defer cancel()
	m, err := s.readMeta(ctx) // another replica may have bound it meanwhile
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.meta = m
	s.mu.Unlock()
	if err := index.EmbedderConflict(s.Dir(), "jawab reindex", m.Meta, name, dim); err != nil || m.Embedder != "" {
		return err
	}
	m.Embedder, m.Dimension = name, dim
	return s.writeMeta(ctx, m)
}

// BindRanker declares the version of the learned ranking model that ranks the
// index, as the embedded store's BindRanker does: an index without documents
// records it; one built for another version, or holding documents but no
// recorded version, refuses.
func (s *Store) BindRanker(ctx context.Context, version string) error {
	if version == "" {
		return rag.Errorf(rag.Internal, "bind ranker: no model version")
	}
	return s.bindLater(ctx, func(ctx context.Context) error { return s.bindRanker(ctx, version) })
}

func (s *Store) bindRanker(ctx context.Context, version string) error {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	ctx, cancel := s.callCtx(ctx)
	defer cancel()
	m, err := s.readMeta(ctx) // another replica may have bound or rebuilt it meanwhile
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.meta = m
	s.mu.Unlock()
	if m.Ranker == version {
		return nil
	}
	docs := 0
	if m.Ranker == "" {
		if docs, err = s.count(ctx, s.gen(m.Generation).doc, nil); err != nil {
			return err
		}
	}
	if err := index.RankerConflict(s.Dir(), "jawab reindex", m.Ranker, version, docs > 0); err != nil {
		return err
	}
	m.Ranker = version
	return s.writeMeta(ctx, m)
}

// callCtx bounds a call by the configured timeout as well as ctx's own
// deadline.
func (s *Store) callCtx(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, s.cfg.Timeout)
}

// objectID is a name-based (version 5 style) UUID: the same chunk or document
// id always gets the same object, so writes overwrite in place.
func objectID(kind, id string) string {
	h := sha1.Sum([]byte("jawab\x00" + kind + "\x00" + id))
	h[6] = h[6]&0x0f | 0x50
	h[8] = h[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}

func chunkID(docID string, ordinal int) string { return docID + "#" + strconv.Itoa(ordinal) }

// Schema.

func ptr[T any](v T) *T { return &v }

func prop(name, dataType string, filterable, searchable bool, tokenization string) *models.Property {
	p := &models.Property{Name: name, DataType: []string{dataType}, IndexFilterable: ptr(filterable), IndexSearchable: ptr(searchable), Tokenization: tokenization}
	if dataType != "text" {
		p.IndexSearchable, p.Tokenization = nil, ""
	}
	return p
}

// docProps are the document's metadata, on both the document and its chunks.
func docProps() []*models.Property {
	return []*models.Property{
		prop("doc_id", "text", true, false, "field"),
		prop("title", "text", false, false, "word"),
		prop("source", "text", true, false, "field"),
		prop("url", "text", false, false, "field"),
		prop("published", "date", true, false, ""),
		prop("modified", "date", false, false, ""),
		prop("date_source", "text", false, false, "field"),
		prop("author", "text", false, false, "field"),
		prop("lang", "text", true, false, "field"),
		prop("hash", "text", false, false, "field"),
		prop("runes", "int", false, false, ""),
		prop("chunks", "int", false, false, ""),
		prop("ingested", "date", false, false, ""),
	}
}

func (s *Store) chunkClassDef(name string) *models.Class {
	props := append(docProps(),
		prop("ordinal", "int", true, false, ""),
		prop("start", "int", false, false, ""),
		prop("end", "int", false, false, ""),
		prop("text", "text", false, false, "word"),
		// Filterable too: IDF counts the chunks holding a token with a filter.
		prop("norm", "text", true, true, "whitespace"),
		prop("key", "text", true, false, "field"),
	)
	return &models.Class{
		Class:           name,
		Description:     "jawab chunks: text, metadata and vectors",
		Vectorizer:      "none",
		VectorIndexType: "hnsw",
		VectorIndexConfig: map[string]any{
			"distance": "cosine",
		},
		InvertedIndexConfig: &models.InvertedIndexConfig{
			Bm25:      &models.BM25Config{K1: 1.2, B: 0.75},
			Stopwords: &models.StopwordConfig{Preset: "none"},
		},
		ReplicationConfig: s.replication(),
		Properties:        props,
	}
}

func (s *Store) docClassDef(name string) *models.Class {
	return &models.Class{
		Class:             name,
		Description:       "jawab documents: text and metadata",
		Vectorizer:        "none",
		VectorIndexConfig: map[string]any{"skip": true},
		ReplicationConfig: s.replication(),
		Properties:        append(docProps(), prop("text", "text", false, false, "word")),
	}
}

func (s *Store) metaClassDef() *models.Class {
	return &models.Class{
		Class:             s.metaClass(),
		Description:       "jawab index metadata",
		Vectorizer:        "none",
		VectorIndexConfig: map[string]any{"skip": true},
		ReplicationConfig: s.replication(),
		Properties: []*models.Property{
			prop("format", "int", false, false, ""),
			prop("embedder", "text", false, false, "field"),
			prop("dimension", "int", false, false, ""),
			rankerProp(),
			prop("generation", "int", false, false, ""),
			prop("created", "date", false, false, ""),
		},
	}
}

// rankerProp is the meta object's ranking model version.
func rankerProp() *models.Property { return prop("ranker", "text", false, false, "field") }

func (s *Store) replication() *models.ReplicationConfig {
	// A node that was down while a document was deleted must not bring it
	// back: the newer of a write and a delete wins.
	return &models.ReplicationConfig{Factor: int64(s.cfg.Replicas), AsyncEnabled: s.cfg.Replicas > 1, DeletionStrategy: "TimeBasedResolution"}
}

func (s *Store) ensureGeneration(ctx context.Context, g generation) error {
	if err := s.ensureClass(ctx, s.chunkClassDef(g.chunk)); err != nil {
		return err
	}
	return s.ensureClass(ctx, s.docClassDef(g.doc))
}

// ensureClass creates a collection unless it exists; two replicas starting at
// once may race, and the loser finds it created. Only a definite 404 from a
// node that sees a healthy cluster with a leader counts as missing (do checks
// the node's view first): a read that failed is an error, never a reason to
// create. The collection's replication factor is what calls check the
// cluster against.
func (s *Store) ensureClass(ctx context.Context, c *models.Class) error {
	_, err := s.getClass(ctx, c.Class)
	if err == nil || !isNotFound(err) {
		return err
	}
	err = s.do(ctx, op{what: "create " + c.Class, schema: true}, func(ctx context.Context, cl *wv.Client) error {
		return cl.Schema().ClassCreator().WithClass(c).Do(ctx)
	})
	if err != nil {
		if _, err2 := s.getClass(ctx, c.Class); err2 == nil {
			return nil
		}
		return s.unavailable(err, "create collection %s", c.Class)
	}
	return nil
}

// getClass reads a collection's definition and notes its replication
// factor; a missing one is a 404 (isNotFound), any other failure a
// store_unavailable error.
func (s *Store) getClass(ctx context.Context, name string) (*models.Class, error) {
	var c *models.Class
	err := s.do(ctx, op{what: "read " + name, schema: true}, func(ctx context.Context, cl *wv.Client) error {
		var err error
		c, err = cl.Schema().ClassGetter().WithClassName(name).Do(ctx)
		return err
	})
	if err != nil {
		if isNotFound(err) {
			return nil, err
		}
		return nil, s.unavailable(err, "read collection %s", name)
	}
	if c.ReplicationConfig != nil && c.ReplicationConfig.Factor > 0 {
		s.factor.Store(max(s.factor.Load(), c.ReplicationConfig.Factor))
	}
	return c, nil
}

// ensureMetaClass creates the meta collection unless it exists, and adds the
// ranker property to one made by a jawab before the ranker was recorded (the
// cluster may refuse unknown properties). One read of the collection answers
// both, so that opening an existing index costs no extra call; two replicas
// starting at once may race, and the loser finds it done.
func (s *Store) ensureMetaClass(ctx context.Context) error {
	def, p := s.metaClassDef(), rankerProp()
	hasRanker := func() (bool, error) {
		c, err := s.getClass(ctx, def.Class)
		if err != nil {
			return false, err
		}
		return slices.ContainsFunc(c.Properties, func(q *models.Property) bool { return q.Name == p.Name }), nil
	}
	ok, err := hasRanker()
	if isNotFound(err) {
		return s.ensureClass(ctx, def)
	}
	if err != nil || ok {
		return err
	}
	err = s.do(ctx, op{what: "add property to " + def.Class, schema: true}, func(ctx context.Context, cl *wv.Client) error {
		return cl.Schema().PropertyCreator().WithClassName(def.Class).WithProperty(p).Do(ctx)
	})
	if err != nil {
		if ok, err2 := hasRanker(); err2 == nil && ok {
			return nil
		}
		return s.unavailable(err, "add property %s to collection %s", p.Name, def.Class)
	}
	return nil
}

var metaID = objectID("meta", "index")

func (s *Store) readMeta(ctx context.Context) (meta, error) {
	var objs []*models.Object
	err := s.do(ctx, op{what: "read the index metadata"}, func(ctx context.Context, c *wv.Client) error {
		var err error
		objs, err = c.Data().ObjectsGetter().WithClassName(s.metaClass()).WithID(metaID).
			WithConsistencyLevel(s.consistency).Do(ctx)
		return err
	})
	if isNotFound(err) || (err == nil && len(objs) == 0) {
		s.mu.RLock()
		known := s.meta.stored
		s.mu.RUnlock()
		if known {
			// This process has read the object before. A node restarting
			// answers "not found" while it loads its shards; taking that for
			// a fresh index would overwrite the metadata (and lose the
			// recorded ranking model) for good.
			return meta{}, rag.Errorf(rag.StoreUnavailable, "weaviate at %s does not hold the index metadata (collection %s) it held before: still loading after a restart?", s.cfg.URL, s.metaClass())
		}
		return meta{Meta: index.Meta{Format: formatVersion, Created: time.Now().UTC()}, Generation: 1}, nil
	}
	if err != nil {
		return meta{}, s.unavailable(err, "read the index metadata")
	}
	p := propsOf(objs[0].Properties)
	m := meta{Meta: index.Meta{Format: p.int("format"), Embedder: p.str("embedder"), Dimension: p.int("dimension"),
		Ranker: p.str("ranker"), Created: p.time("created")},
		Generation: p.int("generation"), stored: true}
	if m.Format != formatVersion {
		return meta{}, rag.Errorf(rag.Conflict, "the index in weaviate collection %s has format %d; this jawab reads format %d", s.metaClass(), m.Format, formatVersion)
	}
	if m.Generation <= 0 {
		m.Generation = 1
	}
	return m, nil
}

func (s *Store) writeMeta(ctx context.Context, m meta) error {
	obj := &models.Object{Class: s.metaClass(), ID: strfmt.UUID(metaID), Properties: map[string]any{
		"format": m.Format, "embedder": m.Embedder, "dimension": m.Dimension, "ranker": m.Ranker,
		"generation": m.Generation, "created": m.Created.UTC().Format(time.RFC3339Nano),
	}}
	if err := s.batch(ctx, []*models.Object{obj}); err != nil {
		return fmt.Errorf("write the index metadata: %w", err)
	}
	m.stored = true
	s.mu.Lock()
	s.meta = m
	s.mu.Unlock()
	return nil
}

// Errors.

// unavailable is the error of an operation the engine did not carry out: a
// store_unavailable error whose message says where the engine is, what went
// wrong in a few words, and what was being done. The caller's own deadline or
// cancellation stays what it is.
func (s *Store) unavailable(err error, format string, args ...any) error {
	op := fmt.Sprintf(format, args...)
	where, why := describe(err, s.cfg.URL)
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("weaviate at %s: %s: %s: %w", where, op, why, errContext(err))
	}
	return rag.Wrap(rag.StoreUnavailable, err, "weaviate at %s %s (%s)", where, why, op)
}

// errContext is the context error err wraps.
func errContext(err error) error {
	if errors.Is(err, context.Canceled) {
		return context.Canceled
	}
	return context.DeadlineExceeded
}

// reason says in a few words why a call to the engine failed.
func reason(err error) string {
	var qe *quorumError
	if errors.As(err, &qe) {
		return qe.msg
	}
	msg := err.Error()
	for _, r := range []struct{ in, say string }{
		{"leader not found", "has no Raft leader (a majority of the nodes is down or cut off)"},
		{"cannot achieve consistency level", "cannot reach enough replicas for consistency " + consistencyIn(msg)},
		{"connection refused", "is unreachable: connection refused"},
		{"no such host", "is unreachable: no such host"},
		{"network is unreachable", "is unreachable: network is unreachable"},
		{"no route to host", "is unreachable: no route to host"},
		{"i/o timeout", "did not answer in time"},
		{"DeadlineExceeded", "did not answer in time"},
		{"deadline exceeded", "did not answer in time"},
		{"context canceled", "call cancelled"},
		{"connection reset", "dropped the connection"},
		{"EOF", "dropped the connection"},
		{"code = Unavailable", "is unavailable"},
	} {
		if strings.Contains(msg, r.in) {
			return r.say
		}
	}
	if len(msg) > 200 {
		msg = msg[:200] + "…"
	}
	return "failed: " + msg
}

// consistencyIn finds the level a "cannot achieve consistency level" error
// names.
func consistencyIn(msg string) string {
	for _, l := range []string{"QUORUM", "ALL", "ONE"} {
		if strings.Contains(msg, l) {
			return l
		}
	}
	return "level"
}

func isNotFound(err error) bool {
	var ce *fault.WeaviateClientError
	return errors.As(err, &ce) && ce.StatusCode == 404
}

// props reads a property map as Weaviate returns it (REST: JSON numbers as
// float64 or json.Number; gRPC: int64 and float64).
type props map[string]any

func (p props) str(k string) string {
	v, _ := p[k].(string)
	return v
}

func (p props) int(k string) int {
	switch v := p[k].(type) {
	case int64:
		return int(v)
	case float64:
		return int(v)
	case int:
		return v
	case interface{ Int64() (int64, error) }:
		n, _ := v.Int64()
		return int(n)
	case string:
		n, _ := strconv.Atoi(v)
		return n
	}
	return 0
}

func (p props) time(k string) time.Time {
	s, _ := p[k].(string)
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}
	}
	return t.UTC()
}

func propsOf(v any) props {
	m, _ := v.(map[string]any)
	return m
}
