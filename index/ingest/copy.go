package ingest

import (
	"context"
	"fmt"
	"time"

	"github.com/jawab/jawab/index"
)

// CopySummary totals a Copy.
type CopySummary struct {
	Copied    int           `json:"copied"`
	Unchanged int           `json:"unchanged"` // already in the destination with the same hash
	Chunks    int           `json:"chunks"`    // chunks copied, each with its stored vector
	Elapsed   time.Duration `json:"elapsed_ns"`
}

// copyBatch is how many documents go into one UpsertBatch of a copy.
const copyBatch = 64

// Copy copies every document of src, with its chunks and their stored vectors
// (nothing is embedded again), into dst, which is bound to src's embedder and
// ranking model version first (a dst built by another refuses; a src that
// recorded no version leaves dst's as it is). Documents dst already holds
// with the same content hash are skipped, so an interrupted copy resumes.
// progress, when set, is called after each batch.
func Copy(ctx context.Context, dst, src index.Store, progress func(done, total int)) (sum CopySummary, err error) {
	start := time.Now()
	defer func() { sum.Elapsed = time.Since(start) }()
	m, err := src.Meta(ctx)
	if err != nil {
		return sum, fmt.Errorf("read the index metadata of %s: %w; nothing was copied", src.Dir(), err)
	}
	if m.Embedder == "" {
		return sum, fmt.Errorf("copy from %s: the index has no embedder bound (nothing was ever ingested)", src.Dir())
	}
	if err := dst.Bind(ctx, m.Embedder, m.Dimension); err != nil {
		return sum, err
	}
	if m.Ranker != "" {
		if err := dst.BindRanker(ctx, m.Ranker); err != nil {
			return sum, err
		}
	}
	docs, err := src.List(ctx)
	if err != nil {
		return sum, fmt.Errorf("list the documents in %s: %w; nothing was copied", src.Dir(), err)
	}
	var batch []index.Item
	flush := func(done int) error {
		if len(batch) == 0 {
			return nil
		}
		n, err := dst.UpsertBatch(ctx, batch)
		for _, it := range batch[:n] {
			sum.Copied++
			sum.Chunks += len(it.Chunks)
		}
		batch = batch[:0]
		if err != nil {
			return fmt.Errorf("copy to %s: %w", dst.Dir(), err)
		}
		if progress != nil {
			progress(done, len(docs))
		}
		return nil
	}
	for i, info := range docs {
		if err := ctx.Err(); err != nil {
			return sum, err
		}
		h, ok, err := dst.Hash(ctx, info.ID)
		if err != nil {
			return sum, fmt.Errorf("copy %s: read its version in %s: %w", info.ID, dst.Dir(), err)
		}
		if ok && h == info.Hash {
			sum.Unchanged++
			continue
		}
		doc, chunks, err := src.Get(ctx, info.ID)
		if err != nil {
			return sum, fmt.Errorf("copy %s: %w", info.ID, err)
		}
		keys := make([]string, len(chunks))
		for j, c := range chunks {
			keys[j] = ChunkKey(c.Text)
		}
		vecs, err := storedVectors(ctx, src, keys)
		if err != nil {
			return sum, fmt.Errorf("copy %s: %w", info.ID, err)
		}
		batch = append(batch, index.Item{Doc: doc, Chunks: chunks, Keys: keys, Vectors: vecs})
		if len(batch) == copyBatch {
			if err := flush(i + 1); err != nil {
				return sum, err
			}
		}
	}
	return sum, flush(len(docs))
}

// storedVectors returns the stored vector of every key, in order.
func storedVectors(ctx context.Context, src index.Store, keys []string) ([][]float32, error) {
	found, err := src.Vectors(ctx, keys)
	if err != nil {
		return nil, err
	}
	vecs := make([][]float32, len(keys))
	for i, k := range keys {
		v, ok := found[k]
		if !ok {
			return nil, fmt.Errorf("chunk %d has no stored vector (key %s)", i, k)
		}
		vecs[i] = v
	}
	return vecs, nil
}
