package rag

import (
	"context"
	"sync"
)

// TermWeigher says how telling a word is (its IDF): a question's rare words
// ("بھارت" in a question about Russia and Pakistan) then count for more than
// its common ones when ranking and when judging whether a sentence answers.
// The ranker, the extract and the gate read it from memory, word by word.
type TermWeigher interface {
	IDF(token string) float64
}

// weights is one request's TermWeigher over an Index: the question's words
// are fetched in one call when the request starts (one round trip to a
// remote engine), any other word on first use, each once. A failure is kept
// for the request to report (Err): a weight of 0 stands in meanwhile, and
// the request's result is discarded.
type weights struct {
	ctx context.Context
	ix  Index

	mu  sync.Mutex
	idf map[string]float64
	err error
}

func newWeights(ctx context.Context, ix Index) *weights {
	return &weights{ctx: ctx, ix: ix, idf: map[string]float64{}}
}

// fetchQueries fetches the words of queries that NewRankQuery weighs.
func (w *weights) fetchQueries(queries ...string) {
	var toks []string
	for _, q := range queries {
		toks = append(toks, NewRankQuery(q, nil, nil).terms...)
	}
	w.fetch(toks)
}

// fetch asks the index for the weights of the tokens not yet known.
func (w *weights) fetch(tokens []string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	var missing []string
	seen := map[string]bool{}
	for _, t := range tokens {
		if _, ok := w.idf[t]; !ok && !seen[t] {
			seen[t] = true
			missing = append(missing, t)
		}
	}
	if len(missing) == 0 || w.err != nil {
		return
	}
	idf, err := w.ix.IDFs(w.ctx, missing)
	if err == nil && len(idf) != len(missing) {
		err = Errorf(Internal, "the index returned %d term weights for %d words", len(idf), len(missing))
	}
	if err != nil {
		w.err = err
		return
	}
	for i, t := range missing {
		w.idf[t] = idf[i]
	}
}

// prefetch looks up tokens' weights in one call to the index when w is a
// request's weights: one round trip to a remote engine, where IDF would make
// one per token on its first use.
func prefetch(w TermWeigher, tokens []string) {
	if f, ok := w.(interface{ fetch([]string) }); ok {
		f.fetch(tokens)
	}
}

// IDF is the weight of token.
func (w *weights) IDF(token string) float64 {
	w.mu.Lock()
	v, ok := w.idf[token]
	w.mu.Unlock()
	if ok {
		return v
	}
	w.fetch([]string{token})
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.idf[token]
}

// Err is the first failure to fetch a weight.
func (w *weights) Err() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}
