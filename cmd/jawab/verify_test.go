package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/jawab/jawab/rag"
)

// TestVerifyEmbedded checks the data dir's records against its in-memory
// indexes: a sound index passes, with every chunk counted.
func TestVerifyEmbedded(t *testing.T) {
	env := map[string]string{"JAWAB_DATA": t.TempDir()}
	jawab := func(args ...string) (string, error) {
		r := jawab(t, env, args...)
		return r.stdout + r.stderr, r.err
	}
	if out, err := jawab("ingest"); err != nil {
		t.Fatalf("ingest: %v\n%s", err, out)
	}
	out, err := jawab("verify", "--json")
	var reports []nodeReport
	if err != nil || json.Unmarshal([]byte(out), &reports) != nil || len(reports) != 1 {
		t.Fatalf("verify --json: %v\n%s", err, out)
	}
	if r := reports[0].Report; r.Documents != 5 || r.Chunks == 0 || len(r.Holes) != 0 {
		t.Errorf("verify of the bundled collection: %+v; want 5 documents, no holes", r)
	}
	if out, err := jawab("verify", "--sample", "2"); err != nil || !strings.Contains(out, "2 documents") || !strings.Contains(out, "no holes") {
		t.Errorf("verify --sample 2: %v\n%s", err, out)
	}
	if _, err := jawab("verify", "--node", "1"); rag.ErrorCode(err) != rag.Invalid {
		t.Errorf("verify --node on the embedded store: %v; want an invalid-usage error", err)
	}
}
