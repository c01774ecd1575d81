// Package index names what the rest of jawab needs from an index: the Store
// interface that the embedded store (index/store, chromem-go on one machine) and
// the distributed one (index/weaviate) both implement, so that ingestion,
// retrieval and the commands work on either, chosen by configuration.
//
// The value types are the embedded store's, shared by aliases: *store.Store
// satisfies Store as it is.
package index

import (
	"context"

	"github.com/jawab/jawab/index/store"
	"github.com/jawab/jawab/rag"
)

type (
	// Item is one document to write, with its chunks, chunk keys and vectors.
	Item = store.Item
	// Meta is what an index records about how it was built.
	Meta = store.Meta
	// Stats summarise an index.
	Stats = store.Stats
	// RebuildFunc turns a stored document into its new chunks, keys and vectors.
	RebuildFunc = store.RebuildFunc
)

// Store is a durable index of documents, their chunks and the chunks' vectors,
// searchable by vector and by keyword. Every implementation passes the same
// conformance suite (index/storetest): equal inputs give equal rankings, ties
// broken by chunk id, the same filters, deletes and idempotent re-ingest.
//
// The methods without a context are the embedded store's, which answers them
// from memory; a remote store bounds them with its own request timeout.
type Store interface {
	rag.Searcher
	// IDF is how telling a folded token is in the collection (rag.TermWeigher).
	IDF(token string) float64

	// Bind declares the embedder that writes and searches the index; an index
	// built by another embedder or dimension refuses with a Conflict error.
	Bind(name string, dim int) error
	// BindRanker declares the version of the learned ranking model
	// (rag.Model.Version) the index serves: an index without documents
	// records it; one built for another version, or holding documents but no
	// recorded version (built before versions were recorded), refuses with a
	// Conflict error that says to re-index.
	BindRanker(version string) error
	Meta() Meta
	Stats() Stats

	// Hash is the stored content hash of a document.
	Hash(id string) (string, bool)
	// Vector is the stored vector of a chunk whose embedded text had this key,
	// so that unchanged text is never embedded twice.
	Vector(key string) ([]float32, bool)
	// List returns every document's metadata, ordered by id. A store that
	// cannot read it all returns an error, never a shorter list: a bulk
	// operation (reindex, migrate, --prune) acts on what it lists.
	List(ctx context.Context) ([]rag.DocumentInfo, error)
	// Get returns a document and its chunks in order; NotFound if absent.
	Get(id string) (rag.Document, []rag.Chunk, error)

	// UpsertBatch stores documents, each replacing its earlier version, and
	// returns how many, in order, were committed.
	UpsertBatch(ctx context.Context, items []Item) (int, error)
	// Delete removes a document and its chunks; NotFound if absent.
	Delete(ctx context.Context, id string) error
	// Rebuild re-derives every document with another embedder, for the ranking
	// model version ranker, and switches to the result only when it is
	// complete.
	Rebuild(ctx context.Context, embedder, ranker string, fn RebuildFunc, progress func(done, total int)) error

	// Dir says where the index lives, for messages: a directory, or the
	// engine's address and collection.
	Dir() string
	Close() error
}

// VectorLookup is implemented by stores for which one lookup of many chunk keys
// is much cheaper than many lookups of one (a remote engine): ingestion then
// asks once per batch instead of once per chunk.
type VectorLookup interface {
	Vectors(ctx context.Context, keys []string) (map[string][]float32, error)
}

// Warner is implemented by stores that found problems while opening (corrupt
// records set aside).
type Warner interface {
	Warnings() []string
}

var _ Store = (*store.Store)(nil)
