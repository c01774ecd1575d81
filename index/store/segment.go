package store

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/jawab/jawab/internal/syncdir"
)

// A segment holds the records of one committed batch in one file
// (gen-N/docs/seg-SEQ.seg): written under a temporary name, synced, renamed
// into place, then the directory is synced. The rename is the batch's commit
// point, so a crash leaves every document of a batch at its old version or
// every one at its new version, in both indexes (they are rebuilt from the
// segments on open). One file per batch instead of one per document: an
// ingest costs an inode and three syncs per 256 documents, not per document.
//
// Segments are ordered by SEQ, which is never reused within a generation;
// for a document the entry of the newest segment wins, and an entry can be
// a tombstone (Delete). Record files of one document each
// (docs/XX/<sha256>.rec), which jawab wrote before segments, are still read,
// as older than every segment.
//
// Layout: the header (segMagic, then covers: int64), the records one after
// the other (each as encodeRecord makes it, with its own CRC), the footer
// (count, then per entry: kind, id, offset, length, the record's CRC, and
// the segment and offset where the record was first written), and a 16-byte
// trailer: the footer's offset, the CRC-32C of header and footer, segEnd.
// Opening reads only headers and footers; a record is read when the
// snapshot does not hold its version.
//
// covers is -1, or, in a segment written by compaction (which copies every
// live record into one new segment), the highest SEQ it replaces: every
// segment up to it and every record file are then obsolete, and removed.
const (
	segMagic   = "JWBG\x01"
	segEnd     = "JWBE"
	segHeader  = len(segMagic) + 8
	segTrailer = 16
	segPrefix  = "seg-"
	segSuffix  = ".seg"

	entryRecord    = 1
	entryTombstone = 2
)

// segName is the file name of segment seq.
func segName(seq int64) string { return fmt.Sprintf("%s%012d%s", segPrefix, seq, segSuffix) }

// segSeq parses a segment's file name; false for any other name.
func segSeq(name string) (int64, bool) {
	if !strings.HasPrefix(name, segPrefix) || !strings.HasSuffix(name, segSuffix) {
		return 0, false
	}
	n, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimPrefix(name, segPrefix), segSuffix), 10, 64)
	return n, err == nil && n > 0
}

// dataFile is a file that holds records: a segment, or a record file of the
// layout before segments (seq 0).
type dataFile struct {
	path string
	seq  int64
	size int64
}

// recordVersion identifies one version of a document's record, for the
// snapshot to tell whether it still holds the version the records hold. A
// record file is identified by its fileID; a segment entry by where it was
// first written (segment and offset, which compaction carries over when it
// copies the entry) and its CRC.
type recordVersion struct {
	file     fileID
	seq, off int64
	crc      uint32
}

// segEntry is one entry of a segment's footer.
type segEntry struct {
	kind                 byte
	id                   string
	off, n               int64
	crc                  uint32
	originSeq, originOff int64
}

// segWriter writes a segment under a temporary name.
type segWriter struct {
	dir  string
	f    *os.File
	w    *bufio.Writer
	off  int64
	head []byte
	foot []segEntry
	seq  int64
}

// createSegment starts segment seq in dir. Temporary names contain ".tmp-",
// which Open ignores and removes.
func createSegment(dir string, seq, covers int64) (*segWriter, error) {
	f, err := os.CreateTemp(dir, segName(seq)+".tmp-*")
	if err != nil {
		return nil, err
	}
	w := &segWriter{dir: dir, f: f, w: bufio.NewWriterSize(f, 1<<20), seq: seq}
	w.head = binary.LittleEndian.AppendUint64([]byte(segMagic), uint64(covers))
	w.write(w.head)
	return w, nil
}

func (w *segWriter) write(b []byte) {
	w.w.Write(b) // a failure sticks in the bufio.Writer and is returned by Flush
	w.off += int64(len(b))
}

// add appends a record (encodeRecord's bytes, or a copy of an entry with
// the place it was first written) and returns its offset.
func (w *segWriter) add(id string, data []byte, originSeq, originOff int64) int64 {
	off := w.off
	if originSeq == 0 {
		originSeq, originOff = w.seq, off
	}
	w.foot = append(w.foot, segEntry{kind: entryRecord, id: id, off: off, n: int64(len(data)),
		crc: binary.LittleEndian.Uint32(data[len(data)-4:]), originSeq: originSeq, originOff: originOff})
	w.write(data)
	return off
}

// tombstone records that id is deleted.
func (w *segWriter) tombstone(id string) {
	w.foot = append(w.foot, segEntry{kind: entryTombstone, id: id})
}

func (w *segWriter) abort() {
	w.f.Close()
	os.Remove(w.f.Name())
}

// finish writes the footer, syncs the file, renames it into place and syncs
// the directory; staged is called between the sync and the rename. The
// returned file is non-nil once the rename is done (the batch is committed,
// though with an error from the directory sync it may not yet be durable).
func (w *segWriter) finish(staged func(name string)) (*dataFile, error) {
	e := &snapEncoder{}
	e.u32(uint32(len(w.foot)))
	for _, x := range w.foot {
		e.b = append(e.b, x.kind)
		e.str(x.id)
		e.u64(uint64(x.off))
		e.u64(uint64(x.n))
		e.u32(x.crc)
		e.u64(uint64(x.originSeq))
		e.u64(uint64(x.originOff))
	}
	footOff := w.off
	crc := crc32.Update(crc32.Checksum(w.head, crcTable), crcTable, e.b)
	w.write(e.b)
	t := binary.LittleEndian.AppendUint64(nil, uint64(footOff))
	t = binary.LittleEndian.AppendUint32(t, crc)
	w.write(append(t, segEnd...))
	err := w.w.Flush()
	if err == nil {
		err = w.f.Sync()
	}
	if cerr := w.f.Close(); err == nil {
		err = cerr
	}
	tmp := w.f.Name()
	if err != nil {
		os.Remove(tmp)
		return nil, err
	}
	name := segName(w.seq)
	staged(name)
	final := filepath.Join(w.dir, name)
	if err := os.Rename(tmp, final); err != nil {
		os.Remove(tmp)
		return nil, err
	}
	df := &dataFile{path: final, seq: w.seq, size: w.off}
	return df, syncdir.Sync(w.dir)
}

// readSegment reads a segment's header and footer.
func readSegment(path string) (covers int64, entries []segEntry, size int64, err error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, nil, 0, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return 0, nil, 0, err
	}
	size = fi.Size()
	if size < int64(segHeader+segTrailer) {
		return 0, nil, 0, fmt.Errorf("%w: segment %s is cut short (%d bytes)", errCorrupt, path, size)
	}
	head := make([]byte, segHeader)
	trail := make([]byte, segTrailer)
	if _, err := f.ReadAt(head, 0); err != nil {
		return 0, nil, 0, err
	}
	if _, err := f.ReadAt(trail, size-segTrailer); err != nil {
		return 0, nil, 0, err
	}
	footOff := int64(binary.LittleEndian.Uint64(trail))
	if !bytes.Equal(head[:len(segMagic)], []byte(segMagic)) || string(trail[12:]) != segEnd ||
		footOff < int64(segHeader) || footOff > size-segTrailer {
		return 0, nil, 0, fmt.Errorf("%w: segment %s has a bad header or trailer", errCorrupt, path)
	}
	foot := make([]byte, size-segTrailer-footOff)
	if _, err := f.ReadAt(foot, footOff); err != nil {
		return 0, nil, 0, err
	}
	if crc32.Update(crc32.Checksum(head, crcTable), crcTable, foot) != binary.LittleEndian.Uint32(trail[8:]) {
		return 0, nil, 0, fmt.Errorf("%w: segment %s: checksum mismatch", errCorrupt, path)
	}
	d := &snapDecoder{b: foot, kind: errCorrupt}
	count := int(d.u32())
	if count > len(foot) {
		return 0, nil, 0, fmt.Errorf("%w: segment %s: entry count", errCorrupt, path)
	}
	entries = make([]segEntry, count)
	for i := range entries {
		x := &entries[i]
		if d.off >= len(foot) {
			d.fail("truncated")
			break
		}
		x.kind = foot[d.off]
		d.off++
		x.id = strings.Clone(d.str())
		x.off, x.n = int64(d.u64()), int64(d.u64())
		x.crc = d.u32()
		x.originSeq, x.originOff = int64(d.u64()), int64(d.u64())
		if (x.kind != entryRecord && x.kind != entryTombstone) || x.off < int64(segHeader) && x.kind == entryRecord ||
			x.n < 0 || x.off+x.n > footOff {
			d.fail("entry")
		}
	}
	if d.err == nil && d.off != len(foot) {
		d.fail("trailing bytes")
	}
	if d.err != nil {
		return 0, nil, 0, fmt.Errorf("segment %s: %w", path, d.err)
	}
	return int64(binary.LittleEndian.Uint64(head[len(segMagic):])), entries, size, nil
}
