package weaviate_test

import (
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/jawab/jawab/index"
	"github.com/jawab/jawab/index/storetest"
	"github.com/jawab/jawab/index/weaviate"
	"github.com/jawab/jawab/index/weaviate/weaviatetest"
)

var classes atomic.Int64

// open returns a store over node in collections of its own (a fresh index).
func open(t *testing.T, node *weaviatetest.Node, cfg weaviate.Config) *weaviate.Store {
	t.Helper()
	cfg.URL, cfg.GRPC = node.URL(), node.GRPCAddr()
	if cfg.Class == "" {
		cfg.Class = fmt.Sprintf("T%d", classes.Add(1))
	}
	s, err := weaviate.Open(weaviatetest.Context(t), cfg)
	if err != nil {
		t.Fatalf("Open: %v\nlog:\n%s", err, node.LogTail(20))
	}
	return s
}

// TestConformance runs the suite every index.Store passes, on one real node.
func TestConformance(t *testing.T) {
	node := weaviatetest.StartNode(t)
	storetest.Run(t, func(t *testing.T) index.Store { return open(t, node, weaviate.Config{}) })
}
