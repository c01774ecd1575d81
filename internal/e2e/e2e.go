// Package e2e gates the tests that need more than Go: headless Chromium for
// the widget, a weaviate-server binary for the Weaviate store. A plain
// "go test ./..." on a fresh machine skips them with a one-line reason; with
// JAWAB_E2E=1 (as .ci/run sets) they run, and a missing tool fails them
// rather than skipping, so CI cannot pass without them.
package e2e

import (
	"os"
	"testing"
)

// Enabled reports whether JAWAB_E2E=1 asks for the end-to-end tests.
func Enabled() bool { return os.Getenv("JAWAB_E2E") == "1" }

// Require skips tb unless JAWAB_E2E=1, naming what it needs; with it set,
// missing (a non-empty reason the tool is not there) fails tb.
func Require(tb testing.TB, what, missing string) {
	tb.Helper()
	if !Enabled() {
		tb.Skipf("end-to-end test (needs %s): set JAWAB_E2E=1 to run it", what)
	}
	if missing != "" {
		tb.Fatalf("JAWAB_E2E=1 but %s is missing: %s", what, missing)
	}
}
