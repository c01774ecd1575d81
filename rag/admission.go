package rag

import (
	"context"
	"sync"
)

// Admission lets at most n questions at a time do the CPU-bound stretch of
// an answer (retrieval, ranking, the gate, the extract), the others waiting
// in the order they came. Without it every question in flight shares the
// processors, and the slowest to compute (2.4 times the mean's work of the
// benchmark's questions) is also the slowest to finish by that factor: in
// the load benchmark, 32 connections on 2 processors, the 99th percentile
// stood at three times the median. In arrival order a question waits for
// those before it, then runs alone on its processor. A nil *Admission
// admits at once.
type Admission struct {
	slots chan struct{}
}

// NewAdmission admits n questions at a time (n < 1 is taken as 1).
func NewAdmission(n int) *Admission {
	return &Admission{slots: make(chan struct{}, max(n, 1))}
}

// Enter waits for a slot, in arrival order (a channel's waiting senders are
// served first come, first served), and returns the function that gives it
// back, which may be called more than once. It returns ctx's error, holding
// nothing, when ctx ends first: an asker who left stops waiting.
func (ad *Admission) Enter(ctx context.Context) (leave func(), err error) {
	if ad == nil {
		return func() {}, nil
	}
	select {
	case ad.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	var once sync.Once
	return func() { once.Do(func() { <-ad.slots }) }, nil
}
