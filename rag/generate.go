package rag

import (
	"context"
	"time"
)

// Turn is one earlier exchange of a conversation, oldest first.
type Turn struct {
	Question string `json:"question"`
	Answer   string `json:"answer"`
}

// GenerateRequest is what a generator answers from: the question, the language
// the answer must be in, and the numbered passages it may cite.
type GenerateRequest struct {
	Question string
	Lang     string // "ur" or "en"
	Passages []Passage
	History  []Turn
	// RomanUrdu: the question is Urdu typed in Latin letters (the answer is
	// in Urdu script).
	RomanUrdu bool
	// Reference is the day the question is asked (its as_of, else today):
	// the model is told it, with each passage's date.
	Reference time.Time
}

// Generator writes an answer from passages, citing them as [n].
type Generator interface {
	// Name is what Answer.Generator reports (the model name).
	Name() string
	// Generate returns the whole answer text; when onDelta is not nil it is also
	// called with each piece of text as it streams in.
	Generate(ctx context.Context, req GenerateRequest, onDelta func(string)) (string, error)
}

// Translator renders a question in another language, for searching a collection
// written in that language.
type Translator interface {
	Translate(ctx context.Context, text, toLang string) (string, error)
}

// Condenser rewrites a follow-up question ("and in 2015?") as a standalone one,
// using the conversation so far.
type Condenser interface {
	Condense(ctx context.Context, history []Turn, question string) (string, error)
}
