package store_test

import (
	"context"
	"testing"

	"github.com/jawab/jawab/index"
	"github.com/jawab/jawab/index/store"
	"github.com/jawab/jawab/index/storetest"
)

// TestConformance runs the suite every index.Store passes (index/storetest).
func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) index.Store {
		s, err := store.Open(context.Background(), t.TempDir(), store.Options{})
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
		return s
	})
}
