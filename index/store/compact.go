package store

import (
	"cmp"
	"context"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"slices"
)

// maxSegmentDocs is how many documents Rebuild puts in one segment (an
// ingest's batches are at most as large).
const maxSegmentDocs = 256

// maxSmallSegments is how many small segments (under smallSegment bytes) a
// generation may hold before they are compacted, however little of them is
// superseded: a collection that only grows by a few articles an hour would
// otherwise add a file per commit for ever. An ingest's segments (a batch of
// 256 chunks: 1–2 MB) are not small, so a large collection is not copied
// again and again while it is ingested.
const (
	maxSmallSegments = 512
	smallSegment     = 256 << 10
)

// maybeCompact compacts the generation when more of its bytes are
// superseded or deleted records than live ones (so it holds at most about
// twice its live data, whatever the rate of updates), or when it has more
// than maxSmallSegments small segments. The caller holds writeMu. A compaction that
// fails is logged, not returned: the write that triggered it is committed,
// and the next write tries again.
func (s *Store) maybeCompact(ctx context.Context) error {
	total, small := int64(0), 0
	for _, df := range s.disk.files {
		total += df.size
		if df.seq > 0 && df.size < smallSegment {
			small++
		}
	}
	live := int64(0)
	s.mu.RLock()
	for _, d := range s.docs {
		live += d.n
	}
	s.mu.RUnlock()
	if total-live <= live && small <= maxSmallSegments {
		return nil
	}
	if err := s.compact(ctx); err != nil {
		if ctx.Err() != nil {
			return nil // the caller's context ended; its write is committed
		}
		s.log.Warn("could not compact the index's segments; superseded records keep their space until the next write tries again", "dir", s.dir, "err", err)
	}
	return nil
}

// compact copies every live record, byte for byte, into one new segment
// whose header says it replaces every older segment and record file, then
// removes those. A crash before the new segment's rename leaves the old
// files as they were; after it, the next Open ignores and removes what a
// crash left of them. Searches go on meanwhile: the records are read and
// written without the store's read lock, which is taken only to point the
// documents at their new place. The caller holds writeMu.
func (s *Store) compact(ctx context.Context) error {
	type move struct {
		id     string
		src    *dataFile
		off, n int64
		ver    recordVersion
		newOff int64
	}
	s.mu.RLock()
	moves := make([]move, 0, len(s.docs))
	for id, d := range s.docs {
		moves = append(moves, move{id: id, src: d.src, off: d.off, n: d.n, ver: d.ver})
	}
	dir := filepath.Join(s.genDir(s.gen), "docs")
	s.mu.RUnlock()
	// In file order, so that each file is read front to back.
	slices.SortFunc(moves, func(a, b move) int {
		return cmp.Or(cmp.Compare(a.src.seq, b.src.seq), cmp.Compare(a.src.path, b.src.path), cmp.Compare(a.off, b.off))
	})
	seq := s.disk.nextSeq
	w, err := createSegment(dir, seq, seq-1)
	if err != nil {
		return err
	}
	s.disk.nextSeq++
	open := map[*dataFile]*os.File{}
	defer func() {
		for _, f := range open {
			f.Close()
		}
	}()
	var buf []byte
	for i := range moves {
		m := &moves[i]
		if err := ctx.Err(); err != nil {
			w.abort()
			return err
		}
		f := open[m.src]
		if f == nil {
			if f, err = os.Open(m.src.path); err != nil {
				w.abort()
				return err
			}
			open[m.src] = f
		}
		buf = slices.Grow(buf[:0], int(m.n))[:m.n]
		if _, err := f.ReadAt(buf, m.off); err != nil {
			w.abort()
			return fmt.Errorf("read the record of %s in %s: %w", m.id, m.src.path, err)
		}
		// A damaged record is not copied into a file that claims to
		// replace it.
		if len(buf) < 4 || crc32.Checksum(buf[:len(buf)-4], crcTable) != binary.LittleEndian.Uint32(buf[len(buf)-4:]) {
			w.abort()
			return fmt.Errorf("%w: the record of %s in %s changed on disk", errCorrupt, m.id, m.src.path)
		}
		if m.src.seq == 0 {
			// From a record file: its version is now this entry.
			m.newOff = w.add(m.id, buf, 0, 0)
			m.ver = recordVersion{seq: seq, off: m.newOff, crc: binary.LittleEndian.Uint32(buf[len(buf)-4:])}
		} else {
			m.newOff = w.add(m.id, buf, m.ver.seq, m.ver.off)
		}
	}
	df, err := w.finish(func(name string) { s.fail("compact-staged", name) })
	if df == nil {
		return err
	}
	s.mu.Lock()
	for _, m := range moves {
		d := s.docs[m.id]
		d.src, d.off, d.ver = df, m.newOff, m.ver
	}
	// The snapshot names segment entries by where they were first
	// written, so it still holds every document compaction moved; but
	// those that came from record files have a new version.
	s.dirty = true
	s.mu.Unlock()
	s.fail("compact-committed", filepath.Base(df.path))
	var recFiles []string
	for p, old := range s.disk.files {
		if old.seq == 0 {
			recFiles = append(recFiles, p)
		} else if old != df {
			os.Remove(p)
		}
	}
	removeRecordFiles(recFiles)
	s.disk.files = map[string]*dataFile{df.path: df}
	return err
}
