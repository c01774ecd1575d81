package rag

import "context"

// Purpose tells an embedder what a text is for. Some models (e5-style) embed
// queries and passages differently, with "query: " and "passage: " prefixes.
type Purpose int

const (
	// ForPassage marks texts that are stored and searched.
	ForPassage Purpose = iota
	// ForQuery marks texts that search.
	ForQuery
)

// Embedder turns texts into vectors.
type Embedder interface {
	// Name identifies the embedder and its model ("local-v1", "openai:text-embedding-3-small").
	// An index built by one embedder cannot be searched with another.
	Name() string
	// Dimension is the length of the vectors, or 0 while it is not yet known
	// (a remote model tells it with its first answer).
	Dimension() int
	// Embed returns one vector per text, in order.
	Embed(ctx context.Context, texts []string, purpose Purpose) ([][]float32, error)
	// Multilingual reports whether the embedder places texts of different
	// languages in one space (bge-m3, OpenAI's models): a question in
	// English then finds Urdu passages by vector directly.
	Multilingual() bool
}
