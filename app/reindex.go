package app

import (
	"context"
	"fmt"

	"github.com/jawab/jawab/index"
	"github.com/jawab/jawab/index/ingest"
	"github.com/jawab/jawab/index/store"
)

// Reindexed is what Reindex did: how the index was built before and after,
// and its size.
type Reindexed struct {
	From, To index.Meta
	Stats    index.Stats
}

// Reindex rebuilds the index with the configured embedder for the configured
// ranking model, telling progress how far it is. The new index
// replaces the old one only when it is complete: on any error the old one is
// left as it was.
func (c *Config) Reindex(ctx context.Context, progress func(done, total int)) (Reindexed, error) {
	var r Reindexed
	ix, err := c.open(ctx, store.Options{})
	if err != nil {
		return r, err
	}
	defer ix.Close()
	st := ix.Store
	if r.From, err = st.Meta(ctx); err != nil {
		return r, err
	}
	in := &ingest.Ingester{Store: st, Embedder: ix.Embedder}
	if err := st.Rebuild(ctx, ix.Embedder.Name(), ix.Model.Version, in.Prepare, progress); err != nil {
		return r, fmt.Errorf("reindex (the old index is untouched): %w", err)
	}
	if r.Stats, err = st.Stats(ctx); err != nil {
		return r, fmt.Errorf("reindexed, but reading the new index failed: %w", err)
	}
	if r.To, err = st.Meta(ctx); err != nil {
		return r, fmt.Errorf("reindexed, but reading the new index failed: %w", err)
	}
	return r, nil
}
