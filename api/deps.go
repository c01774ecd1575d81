package api

import (
	"context"
	"time"

	"github.com/jawab/jawab/rag"
)

// The server's dependencies, defined here where they are used; package app
// builds the implementations (rag.Answerer, app.Library over index/ingest,
// app.FeedbackLog over index/feedback) and cmd/jawab hands them to NewServer.

// Asker answers questions (rag.Answerer).
type Asker interface {
	Ask(ctx context.Context, q rag.Question) (*rag.Answer, error)
}

// Searcher retrieves passages without generating, and scores how likely they
// are to answer the query (rag.Answerer).
type Searcher interface {
	Search(ctx context.Context, query string, k int, f rag.Filter) (*rag.SearchResult, error)
}

// IngestResult is what happened to one uploaded document.
type IngestResult struct {
	ID     string `json:"id,omitempty"`
	Path   string `json:"path,omitempty"`
	Status string `json:"status"` // added, updated, unchanged, failed
	Chunks int    `json:"chunks,omitempty"`
	Error  string `json:"error,omitempty"`
}

// UploadFile is one file of an upload.
type UploadFile struct {
	Name string
	Data []byte
}

// Library is the document collection, for the admin endpoints. Add and Upload
// have the CLI ingest's idempotency and crash safety.
type Library interface {
	// List is every document's metadata; a store that cannot read it
	// returns an error (503), never a short list.
	List(ctx context.Context) ([]rag.DocumentInfo, error)
	Get(ctx context.Context, id string) (rag.Document, []rag.Chunk, error)
	Delete(ctx context.Context, id string) error
	// Add ingests one article given as JSON (the .jsonl fields).
	Add(ctx context.Context, doc rag.Document) (IngestResult, error)
	// Upload ingests the files of one upload, each of a supported format
	// (.txt .md .html .jsonl; a .jsonl file may hold several articles), with
	// a result per document. It is a rag.Invalid error when nothing could be
	// ingested, and when two documents of the upload have the same id (which
	// one was meant is unclear): then nothing is stored.
	Upload(ctx context.Context, files []UploadFile) ([]IngestResult, error)
	// Stats reports the index size (documents, chunks) for /metrics and
	// /readyz; an error when the store cannot be read (then /readyz is 503).
	Stats(ctx context.Context) (documents, chunks int, err error)
}

// StoreHealth is what a store knows of its own health beyond answering a
// read (a Weaviate cluster's nodes and membership): /readyz shows the
// details as "store" and is 503 on an error; /metrics counts the calls each
// node served.
type StoreHealth interface {
	Ready(ctx context.Context) (details any, err error)
	// Served counts the calls each node answered, by node.
	Served() map[string]int64
}

// Feedback is one reader's rating of an answer.
type Feedback struct {
	AnswerID string    `json:"answer_id"`
	Rating   string    `json:"rating"` // "up" or "down"
	Comment  string    `json:"comment,omitempty"`
	Time     time.Time `json:"time"`
}

// FeedbackLog stores answers (so that feedback can later be tied to the question
// and answer it rates) and feedback, durably in the data dir.
type FeedbackLog interface {
	RecordAnswer(ctx context.Context, a *rag.Answer) error
	// RecordFeedback stores f; an answer id the log has never seen is a
	// rag.NotFound error.
	RecordFeedback(ctx context.Context, f Feedback) error
}
