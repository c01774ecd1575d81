package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"github.com/jawab/jawab/internal/syncdir"
	"github.com/jawab/jawab/rag"
	"github.com/jawab/jawab/text"
)

// A record is the durable form of one document: its text and metadata, its chunks
// and their vectors, in one file. Writing a record is the commit point of an
// ingest: the file appears whole (written to a temporary name, synced, renamed) or
// not at all, and the vector and keyword indexes are rebuilt from records on open.
// So after a crash every document is at its old version or its new one, in both
// indexes at once.
type record struct {
	Doc      rag.Document
	Chunks   []recordChunk
	Vectors  [][]float32
	Ingested time.Time

	// Not encoded (unexported): where it was committed, and its chunks'
	// analyses (text.SentenceTokens) when they were made beforehand.
	file     fileID
	analyses [][][]string
}

// analyse fills r.analyses.
func (r *record) analyse() {
	offsets := text.ByteOffsets(r.Doc.Text)
	r.analyses = make([][][]string, len(r.Chunks))
	for i, c := range r.Chunks {
		r.analyses[i] = text.SentenceTokens(r.Doc.Text[offsets[c.Start]:offsets[c.End]])
	}
}

type recordChunk struct {
	Ordinal    int
	Start, End int // rune offsets into Doc.Text
	// Key identifies the embedded text (see VectorKey), so an unchanged chunk of a
	// changed document reuses its vector.
	Key string
}

// recordMagic starts every record file; the version byte after it lets a later
// jawab read or refuse an older layout.
var recordMagic = []byte("JWBR\x01")

var crcTable = crc32.MakeTable(crc32.Castagnoli)

// errCorrupt marks a record file that is not what jawab wrote (torn by a disk
// fault or edited by hand).
var errCorrupt = errors.New("corrupt record")

// recordName gives the file name of a document's record. The full SHA-256 of the
// id (not chromem-go's 32 bits, which collide at scale) makes names unique, and
// the first byte fans files out over 256 directories.
func recordName(id string) (dir, file string) {
	sum := sha256.Sum256([]byte(id))
	h := hex.EncodeToString(sum[:])
	return h[:2], h + ".rec"
}

func encodeRecord(r *record) ([]byte, error) {
	var buf bytes.Buffer
	buf.Write(recordMagic)
	if err := gob.NewEncoder(&buf).Encode(r); err != nil {
		return nil, fmt.Errorf("encode record %q: %w", r.Doc.ID, err)
	}
	buf.Write(binary.LittleEndian.AppendUint32(nil, crc32.Checksum(buf.Bytes(), crcTable)))
	return buf.Bytes(), nil
}

func decodeRecord(data []byte) (*record, error) {
	if len(data) < len(recordMagic)+4 || !bytes.Equal(data[:len(recordMagic)], recordMagic) {
		return nil, fmt.Errorf("%w: bad header", errCorrupt)
	}
	body, sum := data[:len(data)-4], binary.LittleEndian.Uint32(data[len(data)-4:])
	if crc32.Checksum(body, crcTable) != sum {
		return nil, fmt.Errorf("%w: checksum mismatch", errCorrupt)
	}
	var r record
	if err := gob.NewDecoder(bytes.NewReader(body[len(recordMagic):])).Decode(&r); err != nil {
		return nil, fmt.Errorf("%w: %v", errCorrupt, err)
	}
	if len(r.Vectors) != len(r.Chunks) {
		return nil, fmt.Errorf("%w: %d chunks but %d vectors", errCorrupt, len(r.Chunks), len(r.Vectors))
	}
	n := len([]rune(r.Doc.Text))
	for _, c := range r.Chunks {
		if c.Start < 0 || c.End > n || c.Start >= c.End {
			return nil, fmt.Errorf("%w: chunk %d has offsets [%d,%d) outside the text (%d runes)", errCorrupt, c.Ordinal, c.Start, c.End, n)
		}
	}
	return &r, nil
}

// writeFileAtomic writes data to path so that path holds either its old content or
// all of data, even across a crash or power loss: temporary file, fsync, rename,
// fsync of the directory.
func writeFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	tmp, err := writeTemp(dir, filepath.Base(path), data)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return syncdir.Sync(dir)
}

// writeTemp writes data to a new temporary file next to where name will go and
// syncs it; the caller renames it into place. Temporary names contain ".tmp-",
// which Open ignores and removes.
func writeTemp(dir, name string, data []byte) (string, error) {
	f, err := os.CreateTemp(dir, name+".tmp-*")
	if err != nil {
		return "", err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		// To the nanosecond (the file system's own clock may be coarser),
		// so that each version of a record has a modification time of its
		// own for the snapshot to tell it by (see fileID).
		err = os.Chtimes(tmp, time.Time{}, time.Now())
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return "", err
	}
	return tmp, nil
}

// writeErr wraps the failure of a write to the data dir. A full disk, an
// exhausted quota or a read-only file system is the operator's to fix, not a
// bug: it becomes an Unavailable error that says what to do (the API answers
// 503, the CLI stops the run). Anything else is Internal.
func writeErr(err error, format string, args ...any) *rag.Error {
	msg := fmt.Sprintf(format, args...)
	switch {
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		return rag.Wrap(rag.Unavailable, err, "%s: the data dir's disk is full; nothing half-written was kept, and the index still serves: free some space and try again", msg)
	case errors.Is(err, syscall.EROFS):
		return rag.Wrap(rag.Unavailable, err, "%s: the data dir is on a read-only file system; the index can still be read and searched", msg)
	}
	return rag.Wrap(rag.Internal, err, "%s", msg)
}
