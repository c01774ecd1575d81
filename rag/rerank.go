package rag

import (
	"context"
	"fmt"
)

// Searches selects which of the two searches a Retriever runs and fuses; the
// single ones exist to measure each search's contribution (jawab eval
// --retriever).
type Searches int

const (
	// Hybrid runs keyword and vector search and fuses them (the default).
	Hybrid Searches = iota
	// KeywordOnly runs BM25 alone.
	KeywordOnly
	// VectorOnly runs the vector search alone.
	VectorOnly
)

// String is the name ParseSearches accepts.
func (s Searches) String() string {
	switch s {
	case KeywordOnly:
		return "keyword"
	case VectorOnly:
		return "vector"
	}
	return "hybrid"
}

// ParseSearches reads "keyword", "vector" or "hybrid".
func ParseSearches(s string) (Searches, error) {
	switch s {
	case "hybrid", "":
		return Hybrid, nil
	case "keyword":
		return KeywordOnly, nil
	case "vector":
		return VectorOnly, nil
	}
	return Hybrid, Errorf(Invalid, "retriever %q: want keyword, vector or hybrid", s)
}

// Reranker scores passages against a question with a model of its own, such as
// a cross-encoder behind a Jina-, Cohere- or TEI-style /rerank endpoint.
type Reranker interface {
	// Name identifies the reranker and its model, for warnings and reports.
	Name() string
	// Rerank returns one relevance score per document, in the documents' order;
	// higher is more relevant.
	Rerank(ctx context.Context, query string, documents []string) ([]float64, error)
}

// Retrieval is what a search returns: the passages, best first, and what went
// wrong on the way without stopping it (a reranker that failed, say).
type Retrieval struct {
	Passages []Passage
	Warnings []string
	// weights are the term weights fetched for ranking, which the extract and
	// the gate go on with.
	weights *weights
	// unseenCode is a code the question names that no report found names,
	// though some name another of its kind (unseenCode).
	unseenCode string
	// absentPlace is the place a question about a period asks about, when
	// no report of the period names it and reports of other dates do
	// (placeElsewhere; placeAbsent, with absentPlace "" when the place was
	// read from the candidates' headlines, not the question's words).
	absentPlace string
	placeAbsent bool
	// newestShare is, for a latest question asked in the collection's
	// language (newestRead), how much of the question the passage put
	// first holds (relevance).
	newestShare float64
	newestRead  bool
	// ranked is every candidate in the order the search ranked them, before
	// MMR picked Passages for their variety: what a search without
	// diversity would pick from, and in the same order (lambda 1 takes them
	// as they come).
	ranked []Passage
}

// termWeights is the TermWeigher the retrieval ranked with, to go on with for
// the same request (ctx) over the same index: what was fetched is not fetched
// again.
func (res Retrieval) termWeights(ctx context.Context, ix Index) *weights {
	if res.weights == nil {
		return newWeights(ctx, ix)
	}
	return res.weights
}

func rerankWarning(r Reranker, err error) string {
	return fmt.Sprintf("the reranker %s failed (%v); passages are in the fused order", r.Name(), err)
}

// DisableReranking leaves the fused order of the searches as it is: no
// reranking stage runs (jawab eval --rerank off measures what they add).
func (r *Retriever) DisableReranking() {
	r.Ranker, r.Reranker = nil, nil
}
