package store

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"
	"unsafe"

	chromem "github.com/philippgille/chromem-go"

	"github.com/jawab/jawab/rag"
	"github.com/jawab/jawab/text"
)

// A snapshot is what start-up needs, in one file per generation
// (gen-N/snapshot) that loads without decoding or analysing anything: every
// document's metadata, text and chunks, each chunk's analysis as the keyword
// index holds it (term ids, sentence ends, distinct terms), the keyword
// vocabulary, and the vectors, row by row, as chromem-go holds them. The
// file is mapped into memory: the vectors, texts and analyses are used where
// they lie, so the process holds each vector once, outside the Go heap.
//
// The records stay the source of truth. The snapshot names, for each
// document, the version of its record it was made from (recordVersion: for
// a segment entry, the segment and offset where it was first written and
// its CRC, which compaction keeps; for a record file of the layout before
// segments, its inode, size, modification and change times); on open a
// document whose newest record is another version, or is not in the
// snapshot, is read from its record (a deleted one is left out), and
// a snapshot that is corrupt (checksum), of another layout, or made by a
// text analysis that differs from this build's is not used at all. A
// writable store writes a new snapshot on Close when anything changed.
//
// Layout: a 64-byte header (magic, version, section offsets, the CRC-32C of
// everything after it), the metadata section, then the vectors (float32,
// little endian, 64-byte aligned).
//
// Version 2, written before segments, names each document's record by its
// record file's fileID only; version 3 has no followers (the stopword after
// each word, 7 December). Both are still read, a chunk's followers then
// made from its text (a data dir written by that jawab then starts faster
// the first time too), and the next Close writes version 4.
const (
	snapMagic   = "JWBS"
	snapVersion = 4
	snapV3      = 3
	snapV2      = 2
	snapName    = "snapshot"
	snapHeader  = 64
)

var errSnapshot = errors.New("snapshot unusable")

// analysisFingerprint identifies this build's text analysis: the tokens,
// sentence ends and stems it makes of a fixed text. A snapshot made by an
// analysis that differs is not used.
var analysisFingerprint = sync.OnceValue(func() string { return fingerprint(snapVersion) })

// fingerprint is the analysis fingerprint a snapshot of the given version
// made by this build's text analysis holds (the version is part of it).
func fingerprint(version int) string {
	const probe = "پاکستان اور سوویت یونین کے درمیان سفارتی تعلقات یکم مئی 1948ء کو قائم ہوئے۔ " +
		"وزیرِ اعظم لیاقت علی خان نے ماسکو کا دورہ نہیں کیا، بلکہ امریکا گئے! کیا یہ درست ہے؟ " +
		"روس کی گیس پائپ لائن ۲۰۲۳ میں مکمل ہوئی تھی۔ The Pakistan Stream Gas Pipeline (PSGP) costs $2.5 bn. " +
		"پی ٹی آئی کے ارکان اور کے ایس ای 100 انڈیکس۔ ﻛﺮاﭼﯽ سے لاہور تک، اسلام آباد میں تجارت اور توانائی کے معاہدے پر دستخط کیے گئے؛ «مزید» تفصیلات۔"
	h := sha256.New()
	fmt.Fprintf(h, "%d/%d\n", formatVersion, version)
	// The stemmer's lists change words the probe need not hold (سونا).
	fmt.Fprintf(h, "%s\n", text.StemLists())
	if version >= snapVersion {
		// The followers are numbers of the stopword list.
		fmt.Fprintf(h, "%s\n", text.StopwordLists())
	}
	for _, s := range text.SentenceTokens(probe) {
		for _, t := range s {
			fmt.Fprintf(h, "%s/%s ", t, text.Stem(t))
		}
		h.Write([]byte{'\n'})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// snapEncoder builds the metadata section.
type snapEncoder struct{ b []byte }

func (e *snapEncoder) u32(x uint32) { e.b = binary.LittleEndian.AppendUint32(e.b, x) }
func (e *snapEncoder) u64(x uint64) { e.b = binary.LittleEndian.AppendUint64(e.b, x) }
func (e *snapEncoder) str(s string) { e.u32(uint32(len(s))); e.b = append(e.b, s...) }
func (e *snapEncoder) time(t time.Time) {
	b, _ := t.MarshalBinary()
	e.str(string(b))
}
func (e *snapEncoder) bytes(b []uint8) { e.u32(uint32(len(b))); e.b = append(e.b, b...) }
func (e *snapEncoder) ints(xs []int32) {
	e.u32(uint32(len(xs)))
	for len(e.b)%4 != 0 {
		e.b = append(e.b, 0)
	}
	for _, x := range xs {
		e.b = binary.LittleEndian.AppendUint32(e.b, uint32(x))
	}
}

// writeSnapshot writes the current state as the generation's snapshot,
// atomically. The caller holds writeMu.
func (s *Store) writeSnapshot() error { return s.writeSnapshotVersion(snapVersion) }

// writeSnapshotVersion writes a snapshot of the given layout version (tests
// write version 2, as jawab did before segments, to check it is read).
func (s *Store) writeSnapshotVersion(version int) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	ids := make([]string, 0, len(s.docs))
	for id := range s.docs {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	vocab, stems, df := s.kw.Vocab()
	e := &snapEncoder{b: make([]byte, 0, 64<<20)}
	if version == snapVersion {
		e.str(analysisFingerprint())
	} else {
		e.str(fingerprint(version))
	}
	e.str(s.meta.Embedder)
	e.u32(uint32(len(vocab)))
	for i, t := range vocab {
		e.str(t)
		e.str(stems[i])
	}
	e.ints(df)
	e.u32(uint32(len(ids)))
	var vecs [][]float32
	dim := 0
	for _, id := range ids {
		d := s.docs[id]
		i := d.info
		e.str(i.ID)
		e.str(i.Title)
		e.str(i.Source)
		e.str(i.URL)
		e.str(i.Lang)
		e.str(i.Hash)
		e.time(i.Published)
		e.time(i.Ingested)
		e.time(i.Modified)
		e.str(i.DateSource)
		e.str(i.Author)
		e.u32(uint32(i.Runes))
		e.u64(d.ver.file.ino)
		e.u64(uint64(d.ver.file.size))
		e.u64(uint64(d.ver.file.mtime))
		e.u64(uint64(d.ver.file.ctime))
		if version != snapV2 {
			e.u64(uint64(d.ver.seq))
			e.u64(uint64(d.ver.off))
			e.u32(d.ver.crc)
		}
		e.str(d.text)
		e.u32(uint32(len(d.chunks)))
		for _, c := range d.chunks {
			cid := chunkID(id, c.Ordinal)
			slot, ok := s.rows.slots[cid]
			seq, ends, terms, next, ok2 := s.kw.Entry(cid)
			if !ok || !ok2 {
				return fmt.Errorf("write snapshot: chunk %s is missing from an index", cid)
			}
			v := s.rows.vecs[slot]
			if dim == 0 {
				dim = len(v)
			} else if len(v) != dim {
				return fmt.Errorf("write snapshot: vectors of %d and %d dimensions", dim, len(v))
			}
			vecs = append(vecs, v)
			e.u32(uint32(c.Ordinal))
			e.u32(uint32(c.Start))
			e.u32(uint32(c.End))
			e.u32(uint32(c.startByte))
			e.u32(uint32(c.endByte))
			e.str(c.Key)
			e.str(cid)
			e.ints(seq)
			e.ints(ends)
			e.ints(terms)
			if version == snapVersion {
				if next == nil {
					// (Every entry the store adds has them; made from the
					// text all the same rather than written as none.)
					next = followers(d.text[c.startByte:c.endByte])
				}
				e.bytes(next)
			}
		}
	}

	metaOff := uint64(snapHeader)
	vecOff := (metaOff + uint64(len(e.b)) + 63) &^ 63
	crc := crc32.Update(0, crcTable, e.b)
	pad := make([]byte, vecOff-metaOff-uint64(len(e.b)))
	crc = crc32.Update(crc, crcTable, pad)
	for _, v := range vecs {
		crc = crc32.Update(crc, crcTable, floatBytes(v))
	}
	head := make([]byte, snapHeader)
	copy(head, snapMagic)
	binary.LittleEndian.PutUint32(head[4:], uint32(version))
	binary.LittleEndian.PutUint64(head[8:], metaOff)
	binary.LittleEndian.PutUint64(head[16:], uint64(len(e.b)))
	binary.LittleEndian.PutUint64(head[24:], vecOff)
	binary.LittleEndian.PutUint64(head[32:], uint64(len(vecs)))
	binary.LittleEndian.PutUint32(head[40:], uint32(dim))
	binary.LittleEndian.PutUint32(head[44:], crc)

	dir := s.genDir(s.gen)
	f, err := os.CreateTemp(dir, snapName+".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	w := bufio.NewWriterSize(f, 1<<20)
	w.Write(head)
	w.Write(e.b)
	w.Write(pad)
	for _, v := range vecs {
		w.Write(floatBytes(v))
	}
	err = w.Flush()
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, filepath.Join(dir, snapName))
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

func floatBytes(v []float32) []byte {
	if len(v) == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(&v[0])), len(v)*4)
}

// snapshot is an opened snapshot file.
type snapshot struct {
	version               int
	fingerprint, embedder string
	vocab, stems          []string
	df                    []int32
	docs                  []snapDoc
	chunks                int
	mapped                []byte // the whole file
}

type snapDoc struct {
	info   rag.DocumentInfo
	ver    recordVersion
	text   string
	chunks []snapChunk
}

type snapChunk struct {
	chunkState
	id                   string
	seq, sentEnds, terms []int32
	next                 []uint8 // nil in a snapshot before version 4
	vec                  []float32
}

// snapDecoder reads the metadata section; any read past its end or any
// inconsistency sets err.
type snapDecoder struct {
	b    []byte
	off  int
	err  error
	kind error // what err wraps; errSnapshot when nil
}

func (d *snapDecoder) fail(what string) {
	if d.err == nil {
		kind := d.kind
		if kind == nil {
			kind = errSnapshot
		}
		d.err = fmt.Errorf("%w: %s at byte %d", kind, what, d.off)
	}
}

func (d *snapDecoder) u32() uint32 {
	if d.err != nil || d.off+4 > len(d.b) {
		d.fail("truncated")
		return 0
	}
	x := binary.LittleEndian.Uint32(d.b[d.off:])
	d.off += 4
	return x
}

func (d *snapDecoder) u64() uint64 {
	if d.err != nil || d.off+8 > len(d.b) {
		d.fail("truncated")
		return 0
	}
	x := binary.LittleEndian.Uint64(d.b[d.off:])
	d.off += 8
	return x
}

// str returns a string that points into the mapped file.
func (d *snapDecoder) str() string {
	n := int(d.u32())
	if d.err != nil || n > len(d.b)-d.off {
		d.fail("truncated string")
		return ""
	}
	s := unsafe.String(unsafe.SliceData(d.b[d.off:]), n)
	d.off += n
	return s
}

func (d *snapDecoder) bytes() []uint8 {
	n := int(d.u32())
	if d.err != nil || n > len(d.b)-d.off {
		d.fail("truncated bytes")
		return nil
	}
	b := d.b[d.off : d.off+n : d.off+n]
	d.off += n
	return b
}

func (d *snapDecoder) time() time.Time {
	var t time.Time
	if err := t.UnmarshalBinary([]byte(d.str())); err != nil {
		d.fail("bad time")
	}
	return t
}

// ints returns a slice that points into the mapped file.
func (d *snapDecoder) ints() []int32 {
	n := int(d.u32())
	for d.off%4 != 0 {
		d.off++
	}
	if d.err != nil || n > (len(d.b)-d.off)/4 {
		d.fail("truncated list")
		return nil
	}
	if n == 0 {
		return nil
	}
	xs := unsafe.Slice((*int32)(unsafe.Pointer(&d.b[d.off])), n)
	d.off += 4 * n
	return xs[:n:n]
}

// readSnapshot maps and checks the generation's snapshot; nil and no error
// when there is none.
func readSnapshot(dir string) (*snapshot, error) {
	f, err := os.Open(filepath.Join(dir, snapName))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if fi.Size() < snapHeader || fi.Size() > 1<<40 {
		return nil, fmt.Errorf("%w: %d bytes", errSnapshot, fi.Size())
	}
	m, err := mapFile(f, int(fi.Size()))
	if err != nil {
		return nil, err
	}
	version := binary.LittleEndian.Uint32(m[4:])
	if string(m[:4]) != snapMagic || version != snapVersion && version != snapV3 && version != snapV2 {
		return nil, fmt.Errorf("%w: not a version %d, %d or %d snapshot", errSnapshot, snapVersion, snapV3, snapV2)
	}
	metaOff, metaLen := binary.LittleEndian.Uint64(m[8:]), binary.LittleEndian.Uint64(m[16:])
	vecOff, nVec := binary.LittleEndian.Uint64(m[24:]), binary.LittleEndian.Uint64(m[32:])
	dim := uint64(binary.LittleEndian.Uint32(m[40:]))
	size := uint64(len(m))
	if metaOff != snapHeader || metaLen > size || metaOff+metaLen > vecOff || vecOff%64 != 0 || vecOff > size ||
		dim > 1<<16 || nVec > (size-vecOff)/4/max(dim, 1) || vecOff+nVec*dim*4 != size {
		return nil, fmt.Errorf("%w: bad section offsets", errSnapshot)
	}
	if crc32.Checksum(m[snapHeader:], crcTable) != binary.LittleEndian.Uint32(m[44:]) {
		return nil, fmt.Errorf("%w: checksum mismatch", errSnapshot)
	}
	var vectors []float32
	if nVec > 0 && dim > 0 {
		vectors = unsafe.Slice((*float32)(unsafe.Pointer(&m[vecOff])), nVec*dim)
	}
	d := &snapDecoder{b: m[:metaOff+metaLen], off: int(metaOff)}
	sn := &snapshot{version: int(version), fingerprint: d.str(), embedder: d.str(), mapped: m}
	want := analysisFingerprint()
	if version != snapVersion {
		want = fingerprint(int(version))
	}
	if sn.fingerprint != want {
		return nil, fmt.Errorf("%w: made by another text analysis", errSnapshot)
	}
	nv := int(d.u32())
	if nv > len(m)/8 {
		d.fail("vocabulary size")
	}
	if d.err == nil {
		sn.vocab, sn.stems = make([]string, nv), make([]string, nv)
		for i := range nv {
			sn.vocab[i], sn.stems[i] = d.str(), d.str()
		}
		sn.df = d.ints()
	}
	nd := int(d.u32())
	if nd > len(m)/8 {
		d.fail("document count")
	}
	if d.err == nil {
		sn.docs = make([]snapDoc, nd)
	}
	v := uint64(0)
	for i := 0; i < nd && d.err == nil; i++ {
		doc := &sn.docs[i]
		info := &doc.info
		info.ID, info.Title, info.Source, info.URL, info.Lang, info.Hash = d.str(), d.str(), d.str(), d.str(), d.str(), d.str()
		info.Published, info.Ingested = d.time(), d.time()
		info.Modified, info.DateSource, info.Author = d.time(), d.str(), d.str()
		info.Runes = int(d.u32())
		doc.ver.file = fileID{ino: d.u64(), size: int64(d.u64()), mtime: int64(d.u64()), ctime: int64(d.u64())}
		if version != snapV2 {
			doc.ver.seq, doc.ver.off, doc.ver.crc = int64(d.u64()), int64(d.u64()), d.u32()
		}
		doc.text = d.str()
		nc := int(d.u32())
		if nc > len(m)/8 {
			d.fail("chunk count")
			break
		}
		info.Chunks = nc
		doc.chunks = make([]snapChunk, nc)
		for j := range doc.chunks {
			c := &doc.chunks[j]
			c.Ordinal, c.Start, c.End = int(d.u32()), int(d.u32()), int(d.u32())
			c.startByte, c.endByte = int(d.u32()), int(d.u32())
			c.Key, c.id = d.str(), d.str()
			c.seq, c.sentEnds, c.terms = d.ints(), d.ints(), d.ints()
			if version == snapVersion {
				if c.next = d.bytes(); len(c.next) != len(c.seq) {
					d.fail("followers")
				}
			}
			if c.startByte > c.endByte || c.endByte > len(doc.text) || c.id != chunkID(info.ID, c.Ordinal) {
				d.fail("chunk offsets")
			}
			if v >= nVec {
				d.fail("more chunks than vectors")
				break
			}
			c.vec = vectors[v*dim : (v+1)*dim : (v+1)*dim]
			v++
		}
		sn.chunks += nc
	}
	if d.err == nil && (d.off != len(d.b) || v != nVec) {
		d.fail("section sizes")
	}
	if d.err != nil {
		return nil, d.err
	}
	return sn, nil
}

// verifyAnalyses recomputes the analysis of a sample of the snapshot's
// chunks from their text and compares: a snapshot whose analyses this build
// would not make is not used.
func (sn *snapshot) verifyAnalyses(sample int) error {
	if sn.chunks == 0 {
		return nil
	}
	every := max(1, sn.chunks/sample)
	n := 0
	for _, doc := range sn.docs {
		for _, c := range doc.chunks {
			if n++; n%every != 0 {
				continue
			}
			sents, next := text.SentenceTokensFollowed(doc.text[c.startByte:c.endByte])
			i := 0
			for si, s := range sents {
				for wi, t := range s {
					if i >= len(c.seq) || int(c.seq[i]) >= len(sn.vocab) || sn.vocab[c.seq[i]] != t ||
						c.next != nil && c.next[i] != next[si][wi] {
						return fmt.Errorf("%w: chunk %s is analysed differently", errSnapshot, c.id)
					}
					i++
				}
				if si >= len(c.sentEnds) || int(c.sentEnds[si]) != i {
					return fmt.Errorf("%w: chunk %s has other sentences", errSnapshot, c.id)
				}
			}
			if i != len(c.seq) || len(sents) != len(c.sentEnds) {
				return fmt.Errorf("%w: chunk %s is analysed differently", errSnapshot, c.id)
			}
		}
	}
	return nil
}

// addSnap puts a document of a snapshot into the in-memory indexes (which
// hold no version of it yet).
func (st *genState) addSnap(ctx context.Context, doc *snapDoc, src *source) error {
	ds := &docState{info: doc.info, text: doc.text, ver: doc.ver, src: src.df, off: src.e.off, n: src.e.n, chunks: make([]chunkState, len(doc.chunks))}
	for i := range doc.chunks {
		c := &doc.chunks[i]
		ds.chunks[i] = c.chunkState
		if err := st.col.AddDocument(ctx, chromem.Document{ID: c.id, Embedding: c.vec}); err != nil {
			return rag.Wrap(rag.Internal, err, "add %s to the vector index", c.id)
		}
		st.rows.add(c.id, c.vec)
		if cv := st.vectors[c.Key]; cv != nil {
			cv.refs++
		} else {
			st.vectors[c.Key] = &cachedVector{vec: c.vec, refs: 1}
		}
		next := c.next
		if next == nil {
			// A snapshot before followers: they are made from the text.
			next = followers(doc.text[c.startByte:c.endByte])
			if len(next) != len(c.seq) {
				return fmt.Errorf("%w: chunk %s is analysed differently", errSnapshot, c.id)
			}
		}
		if err := st.kw.Put(c.id, c.seq, c.sentEnds, c.terms, next); err != nil {
			return fmt.Errorf("%w: %v", errSnapshot, err)
		}
	}
	st.docs[doc.info.ID] = ds
	st.newest.note(doc.info.Published)
	return nil
}

// followers are a chunk's followers (text.SentenceTokensFollowed) in one
// list, as the keyword index keeps them.
func followers(chunk string) []uint8 {
	_, next := text.SentenceTokensFollowed(chunk)
	return slices.Concat(next...)
}
