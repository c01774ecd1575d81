package load

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jawab/jawab/rag"
)

// parseOne parses data as one file and fails unless it yields one item.
func parseOne(t *testing.T, name, id string, data []byte) Item {
	t.Helper()
	items := Parse(name, id, data, Options{Source: "test"})
	if len(items) != 1 {
		t.Fatalf("Parse(%q) gave %d items, want 1", name, len(items))
	}
	return items[0]
}

// mustLoad parses a file and fails on an error.
func mustLoad(t *testing.T, name, id string, data []byte) rag.Document {
	t.Helper()
	it := parseOne(t, name, id, data)
	if it.Err != nil {
		t.Fatalf("Parse(%q): %v", name, it.Err)
	}
	return it.Doc
}

// readFixture reads a file under testdata.
func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// wantInvalid fails unless err wraps a *rag.Error with code Invalid.
func wantInvalid(t *testing.T, err error) {
	t.Helper()
	var e *rag.Error
	if !errors.As(err, &e) || e.Code != rag.Invalid {
		t.Errorf("error %v: want a *rag.Error with code %q", err, rag.Invalid)
	}
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
