package llmtest

import (
	"runtime"
	"testing"
	"time"
)

// NoLeaks fails t if, when t ends, more goroutines run than when NoLeaks was
// called: a streaming client that forgets to close a body or stop a timer
// leaves one behind per request, which only shows in a long-running server.
//
// Call it first in a test, before NewServer: cleanups run last-registered
// first, so the check then runs after the server has closed its connections.
// Goroutines take a moment to finish after their work ends, so the check polls
// for a few seconds before it reports; it asserts no timing. Tests using it
// must not run in parallel with others, which would skew the count.
func NoLeaks(t testing.TB) {
	t.Helper()
	before := runtime.NumGoroutine()
	t.Cleanup(func() {
		deadline := time.Now().Add(5 * time.Second)
		for {
			n := runtime.NumGoroutine()
			if n <= before {
				return
			}
			if time.Now().After(deadline) {
				buf := make([]byte, 1<<20)
				buf = buf[:runtime.Stack(buf, true)]
				t.Errorf("%d goroutines left behind (%d before, %d after):\n%s", n-before, before, n, buf)
				return
			}
			time.Sleep(10 * time.Millisecond)
		}
	})
}
