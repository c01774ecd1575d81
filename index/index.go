// Package index names what the rest of jawab needs from an index: the value
// types and the Store contract that the embedded store (index/store, chromem-go
// on one machine) and the distributed one (index/weaviate) both implement, so
// that ingestion, retrieval and the commands work on either, chosen by
// configuration. It imports no engine.
//
// Every method that may reach a disk or a network takes a context and returns
// an error: a store that cannot answer says so, and the caller reports it
// (503 store_unavailable, exit status 1); nothing is turned into an empty or
// short result.
package index

import (
	"context"
	"time"

	"github.com/jawab/jawab/rag"
)

// Meta is what an index records about how it was built.
type Meta struct {
	Format    int    `json:"format"`
	Embedder  string `json:"embedder,omitempty"`
	Dimension int    `json:"dimension,omitempty"`
	// Ranker is the version of the learned ranking model (rag.Model.Version)
	// the index was built for; empty in an index built before jawab recorded
	// it, or one that no ranker was ever bound to.
	Ranker  string    `json:"ranker,omitempty"`
	Created time.Time `json:"created"`
}

// Stats summarise an index.
type Stats struct {
	Documents int    `json:"documents"`
	Chunks    int    `json:"chunks"`
	Embedder  string `json:"embedder"`
	Dimension int    `json:"dimension"`
	// VectorChunks and KeywordChunks count what the two search indexes hold; both
	// equal Chunks unless something is badly wrong.
	VectorChunks  int `json:"vector_chunks"`
	KeywordChunks int `json:"keyword_chunks"`
}

// Item is one document to write, with its chunks, chunk keys and vectors.
type Item struct {
	Doc     rag.Document
	Chunks  []rag.Chunk
	Keys    []string
	Vectors [][]float32
}

// RebuildFunc turns a stored document into its new chunks, keys and vectors.
type RebuildFunc func(ctx context.Context, doc rag.Document) (chunks []rag.Chunk, keys []string, vectors [][]float32, err error)

// Store is a durable index of documents, their chunks and the chunks' vectors,
// searchable by vector and by keyword. Every implementation passes the same
// conformance suite (index/storetest): equal inputs give equal rankings, ties
// broken by chunk id, the same filters, deletes and idempotent re-ingest.
type Store interface {
	rag.Index
	Reader
	Writer

	// Dir says where the index lives, for messages: a directory, or the
	// engine's address and collection.
	Dir() string
	// Warnings lists problems found while opening (corrupt records set
	// aside); none for a store that keeps no local state.
	Warnings() []string
	Close() error
}

// Reader reads what the index holds.
type Reader interface {
	// Meta is how the index was built.
	Meta(ctx context.Context) (Meta, error)
	// Stats is the index's size.
	Stats(ctx context.Context) (Stats, error)
	// Hash is the stored content hash of a document; ok is false when the
	// document is absent.
	Hash(ctx context.Context, id string) (hash string, ok bool, err error)
	// Vectors returns the stored vectors of the chunks whose embedded text had
	// these keys (the keys absent from the map are not stored), so that
	// unchanged text is never embedded twice. One call per batch: a remote
	// engine answers it in one round trip.
	Vectors(ctx context.Context, keys []string) (map[string][]float32, error)
	// List returns every document's metadata, ordered by id. A store that
	// cannot read it all returns an error, never a shorter list: a bulk
	// operation (reindex, migrate, --prune) acts on what it lists.
	List(ctx context.Context) ([]rag.DocumentInfo, error)
	// Get returns a document and its chunks in order; NotFound if absent.
	Get(ctx context.Context, id string) (rag.Document, []rag.Chunk, error)
}

// Writer changes the index.
type Writer interface {
	// Bind declares the embedder that writes and searches the index; an index
	// built by another embedder or dimension refuses with a Conflict error.
	Bind(ctx context.Context, name string, dim int) error
	// BindRanker declares the version of the learned ranking model
	// (rag.Model.Version) the index serves: an index without documents
	// records it; one built for another version, or holding documents but no
	// recorded version (built before versions were recorded), refuses with a
	// Conflict error that says to re-index.
	BindRanker(ctx context.Context, version string) error
	// UpsertBatch stores documents, each replacing its earlier version, and
	// returns how many, in order, were committed (the embedded store commits
	// a batch as one unit: all or none).
	UpsertBatch(ctx context.Context, items []Item) (int, error)
	// Delete removes a document and its chunks; NotFound if absent.
	Delete(ctx context.Context, id string) error
	// Rebuild re-derives every document with another embedder, for the ranking
	// model version ranker, and switches to the result only when it is
	// complete; on any error the old index stays as it was.
	Rebuild(ctx context.Context, embedder, ranker string, fn RebuildFunc, progress func(done, total int)) error
}
