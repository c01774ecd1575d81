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
	"math"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
	"unicode/utf8"

	"github.com/jawab/jawab/internal/syncdir"
	"github.com/jawab/jawab/rag"
	"github.com/jawab/jawab/text"
)

// A record is the durable form of one document: its text and metadata, its chunks
// and their vectors. Records are written in segments, one per committed batch
// (see segment.go); the vector and keyword indexes are rebuilt from them on open.
type record struct {
	Doc      rag.Document
	Chunks   []recordChunk
	Vectors  [][]float32
	Ingested time.Time

	// Not encoded (unexported): its version and where it lies once
	// committed (see docState), and its chunks' analyses
	// (text.SentenceTokensFollowed: words and followers) when they were
	// made beforehand.
	ver       recordVersion
	src       *dataFile
	off, n    int64
	analyses  [][][]string
	followers [][][]uint8
}

// analyse fills r.analyses and r.followers.
func (r *record) analyse() {
	offsets := text.ByteOffsets(r.Doc.Text)
	r.analyses = make([][][]string, len(r.Chunks))
	r.followers = make([][][]uint8, len(r.Chunks))
	for i, c := range r.Chunks {
		r.analyses[i], r.followers[i] = text.SentenceTokensFollowed(r.Doc.Text[offsets[c.Start]:offsets[c.End]])
	}
}

type recordChunk struct {
	Ordinal    int
	Start, End int // rune offsets into Doc.Text
	// Key identifies the embedded text (see VectorKey), so an unchanged chunk of a
	// changed document reuses its vector.
	Key string
}

// recordMagic starts every record file; the version byte after it tells the
// layout: 1, a gob of the record (jawab before issue #14 wrote these, and
// they are still read); 2, the binary layout of encodeRecord, in which a
// vector that is mostly zeros (the local embedder's: about 70 % of a
// chunk's 1,024 components) is stored as its non-zero components.
var (
	recordMagicV1 = []byte("JWBR\x01")
	recordMagic   = []byte("JWBR\x02")
)

var crcTable = crc32.MakeTable(crc32.Castagnoli)

// errCorrupt marks a record file that is not what jawab wrote (torn by a disk
// fault or edited by hand).
var errCorrupt = errors.New("corrupt record")

// recordName gives the file name of a document's record file (the layout
// before segments, still read). The full SHA-256 of the
// id (not chromem-go's 32 bits, which collide at scale) makes names unique, and
// the first byte fans files out over 256 directories.
func recordName(id string) (dir, file string) {
	sum := sha256.Sum256([]byte(id))
	h := hex.EncodeToString(sum[:])
	return h[:2], h + ".rec"
}

// Vector layouts in a version 2 record.
const (
	vecDense  = 0 // dimension float32s
	vecSparse = 1 // count, then count uint16 indexes (ascending), then count float32s
)

func encodeRecord(r *record) ([]byte, error) {
	size := len(recordMagic) + len(r.Doc.Text) + 256
	for _, v := range r.Vectors {
		size += 9 + 4*len(v)
	}
	e := &snapEncoder{b: make([]byte, 0, size)}
	e.b = append(e.b, recordMagic...)
	d := &r.Doc
	e.str(d.ID)
	e.str(d.Title)
	e.str(d.Source)
	e.str(d.URL)
	e.time(d.Published)
	e.str(d.Lang)
	e.str(d.Hash)
	e.str(d.Text)
	e.time(d.Modified)
	e.str(d.DateSource)
	e.str(d.Author)
	e.time(r.Ingested)
	e.u32(uint32(len(r.Chunks)))
	for _, c := range r.Chunks {
		e.u32(uint32(c.Ordinal))
		e.u32(uint32(c.Start))
		e.u32(uint32(c.End))
		e.str(c.Key)
	}
	e.u32(uint32(len(r.Vectors)))
	for _, v := range r.Vectors {
		nz := 0
		for _, x := range v {
			if x != 0 {
				nz++
			}
		}
		e.u32(uint32(len(v)))
		if len(v) <= 1<<16 && nz*6 < len(v)*4 {
			e.b = append(e.b, vecSparse)
			e.u32(uint32(nz))
			for i, x := range v {
				if x != 0 {
					e.b = binary.LittleEndian.AppendUint16(e.b, uint16(i))
				}
			}
			for _, x := range v {
				if x != 0 {
					e.b = binary.LittleEndian.AppendUint32(e.b, math.Float32bits(x))
				}
			}
			continue
		}
		e.b = append(e.b, vecDense)
		for _, x := range v {
			e.b = binary.LittleEndian.AppendUint32(e.b, math.Float32bits(x))
		}
	}
	e.b = binary.LittleEndian.AppendUint32(e.b, crc32.Checksum(e.b, crcTable))
	return e.b, nil
}

func decodeRecord(data []byte) (*record, error) {
	if len(data) < len(recordMagic)+4 {
		return nil, fmt.Errorf("%w: bad header", errCorrupt)
	}
	body, sum := data[:len(data)-4], binary.LittleEndian.Uint32(data[len(data)-4:])
	if crc32.Checksum(body, crcTable) != sum {
		return nil, fmt.Errorf("%w: checksum mismatch", errCorrupt)
	}
	var r *record
	var err error
	switch {
	case bytes.Equal(data[:len(recordMagic)], recordMagic):
		r, err = decodeRecordV2(body[len(recordMagic):])
	case bytes.Equal(data[:len(recordMagicV1)], recordMagicV1):
		r = &record{}
		err = gob.NewDecoder(bytes.NewReader(body[len(recordMagicV1):])).Decode(r)
	default:
		return nil, fmt.Errorf("%w: bad header", errCorrupt)
	}
	if err != nil && !errors.Is(err, errCorrupt) {
		err = fmt.Errorf("%w: %v", errCorrupt, err)
	}
	if err != nil {
		return nil, err
	}
	if len(r.Vectors) != len(r.Chunks) {
		return nil, fmt.Errorf("%w: %d chunks but %d vectors", errCorrupt, len(r.Chunks), len(r.Vectors))
	}
	n := utf8.RuneCountInString(r.Doc.Text)
	for _, c := range r.Chunks {
		if c.Start < 0 || c.End > n || c.Start >= c.End {
			return nil, fmt.Errorf("%w: chunk %d has offsets [%d,%d) outside the text (%d runes)", errCorrupt, c.Ordinal, c.Start, c.End, n)
		}
	}
	return r, nil
}

// decodeRecordV2 reads encodeRecord's layout (after the magic). The strings
// are copied out of b.
func decodeRecordV2(b []byte) (*record, error) {
	d := &snapDecoder{b: b, kind: errCorrupt}
	str := func() string { return strings.Clone(d.str()) }
	r := &record{}
	doc := &r.Doc
	doc.ID, doc.Title, doc.Source, doc.URL = str(), str(), str(), str()
	doc.Published = d.time()
	doc.Lang, doc.Hash, doc.Text = str(), str(), str()
	doc.Modified, doc.DateSource, doc.Author = d.time(), str(), str()
	r.Ingested = d.time()
	nc := int(d.u32())
	if nc > len(b) {
		return nil, errors.New("chunk count")
	}
	r.Chunks = make([]recordChunk, nc)
	for i := range r.Chunks {
		c := &r.Chunks[i]
		c.Ordinal, c.Start, c.End = int(d.u32()), int(d.u32()), int(d.u32())
		c.Key = str()
	}
	nv := int(d.u32())
	if nv > len(b) {
		return nil, errors.New("vector count")
	}
	r.Vectors = make([][]float32, nv)
	for i := range r.Vectors {
		dim := int(d.u32())
		if d.err != nil || d.off >= len(b) {
			return nil, errors.New("truncated vector")
		}
		layout := b[d.off]
		d.off++
		// The dimension is bounded by the bytes left only for a dense
		// vector: a sparse one of a short chunk can have more dimensions
		// than its record has bytes.
		if layout == vecDense && dim > (len(b)-d.off)/4 || layout == vecSparse && dim > 1<<16 {
			return nil, errors.New("truncated vector")
		}
		var v []float32
		switch layout {
		case vecDense:
			v = make([]float32, dim)
			for j := range v {
				v[j] = math.Float32frombits(binary.LittleEndian.Uint32(b[d.off:]))
				d.off += 4
			}
		case vecSparse:
			v = make([]float32, dim)
			nz := int(d.u32())
			if d.err != nil || nz > dim || nz > (len(b)-d.off)/6 {
				return nil, errors.New("truncated vector")
			}
			idx, vals := b[d.off:d.off+2*nz], b[d.off+2*nz:d.off+6*nz]
			d.off += 6 * nz
			prev := -1
			for j := range nz {
				at := int(binary.LittleEndian.Uint16(idx[2*j:]))
				if at <= prev || at >= dim {
					return nil, errors.New("vector indexes out of order")
				}
				v[at] = math.Float32frombits(binary.LittleEndian.Uint32(vals[4*j:]))
				prev = at
			}
		default:
			return nil, fmt.Errorf("vector layout %d", layout)
		}
		r.Vectors[i] = v
	}
	if d.err != nil {
		return nil, d.err
	}
	if d.off != len(b) {
		return nil, errors.New("trailing bytes")
	}
	return r, nil
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
