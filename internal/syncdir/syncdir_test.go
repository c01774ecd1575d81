package syncdir

import (
	"path/filepath"
	"testing"
)

func TestSync(t *testing.T) {
	if err := Sync(t.TempDir()); err != nil {
		t.Errorf("Sync of a directory: %v", err)
	}
	if err := Sync(filepath.Join(t.TempDir(), "absent")); err == nil {
		t.Error("Sync of a missing directory succeeded")
	}
}
