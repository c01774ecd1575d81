package rag

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// Questions waiting for a slot are admitted in the order they came, never
// more than the slots at once.
func TestAdmissionServesInArrivalOrder(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ad := NewAdmission(2)
		ctx := context.Background()
		var holders []func()
		for range 2 {
			leave, err := ad.Enter(ctx)
			if err != nil {
				t.Fatal(err)
			}
			holders = append(holders, leave)
		}
		var mu sync.Mutex
		var order []int
		release := make([]chan struct{}, 5)
		for i := range release {
			release[i] = make(chan struct{})
			go func() {
				leave, err := ad.Enter(ctx)
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				order = append(order, i)
				mu.Unlock()
				<-release[i]
				leave()
			}()
			synctest.Wait() // question i waits before question i+1 comes
		}
		admitted := func(want ...int) {
			t.Helper()
			synctest.Wait()
			mu.Lock()
			defer mu.Unlock()
			if !slices.Equal(order, want) {
				t.Fatalf("admitted %v, want %v", order, want)
			}
		}
		admitted()
		holders[0]()
		holders[0]() // giving a slot back twice gives back one
		admitted(0)
		holders[1]()
		admitted(0, 1)
		close(release[1])
		admitted(0, 1, 2)
		close(release[0])
		admitted(0, 1, 2, 3)
		for _, r := range release[2:] {
			close(r)
		}
		admitted(0, 1, 2, 3, 4)
	})
}

// An asker who leaves stops waiting, holding nothing; a nil Admission
// admits at once.
func TestAdmissionWaitEndsWithTheContext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ad := NewAdmission(0) // taken as 1
		hold, err := ad.Enter(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() {
			_, err := ad.Enter(ctx)
			done <- err
		}()
		synctest.Wait()
		cancel()
		if err := <-done; !errors.Is(err, context.Canceled) {
			t.Fatalf("a cancelled wait returned %v", err)
		}
		hold()
		leave, err := ad.Enter(context.Background())
		if err != nil {
			t.Fatalf("the slot was not free after the cancelled wait: %v", err)
		}
		leave()
	})
	var none *Admission
	leave, err := none.Enter(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	leave()
}

// Ask waits for a slot before it retrieves: with the only slot held, an
// asker whose request ends gets its context's error and no answer; once the
// slot is free the question is answered, and the wait is in its timings.
func TestAskWaitsForAdmission(t *testing.T) {
	a, _ := timeAnswerer(dollarHits...)
	a.Admission = NewAdmission(1)
	hold, err := a.Admission.Enter(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	q := Question{Text: "انٹر بینک میں ڈالر کا تازہ ترین ریٹ کیا ہے؟", AsOf: march5}
	if ans, err := a.Ask(ctx, q); !errors.Is(err, context.Canceled) || ans != nil {
		t.Fatalf("Ask with the slot held and the request ended: %v, %v", ans, err)
	}
	hold()
	// A question that comes while the slot is held waits until it is given
	// back, and says how long it waited (synctest's clock moves only while
	// every goroutine of the bubble waits, so the wait is exact).
	synctest.Test(t, func(t *testing.T) {
		type result struct {
			ans *Answer
			err error
		}
		a.Admission = NewAdmission(1) // made in the bubble, so that waiting on it is durable
		hold, err := a.Admission.Enter(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		done := make(chan result, 1)
		// Without an as-of day: the bubble's clock starts in 2000, before
		// the reports, and a later as-of day is taken as today.
		q := Question{Text: "انٹر بینک میں ڈالر کا ریٹ کیا ہے؟"}
		go func() {
			ans, err := a.Ask(context.Background(), q)
			done <- result{ans, err}
		}()
		synctest.Wait()
		time.Sleep(40 * time.Millisecond)
		hold()
		r := <-done
		if r.err != nil {
			t.Fatal(r.err)
		}
		if r.ans.Refused || r.ans.Timings["queue"] != 40 {
			t.Errorf("answer refused %v, waited %v ms for the slot held 40 ms (timings %v)", r.ans.Refused, r.ans.Timings["queue"], r.ans.Timings)
		}
		// The slot was given back: another question enters at once.
		leave, err := a.Admission.Enter(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		leave()
	})
}
