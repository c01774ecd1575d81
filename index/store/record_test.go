package store

import (
	"bytes"
	"encoding/binary"
	"encoding/gob"
	"errors"
	"hash/crc32"
	"math"
	"reflect"
	"testing"
	"time"

	"github.com/jawab/jawab/rag"
)

func sampleRecord() *record {
	sparse := make([]float32, 1024)
	for i := 0; i < len(sparse); i += 7 {
		sparse[i] = float32(i)/1000 - 0.5
	}
	sparse[1023] = float32(math.Copysign(0, -1)) // a negative zero is a zero
	dense := vec("گھنا")
	return &record{
		Doc: rag.Document{ID: "2024/خبر", Title: "عنوان", Source: "src", URL: "https://example.com/a",
			Published: time.Date(2024, 3, 1, 10, 0, 0, 0, time.FixedZone("PKT", 5*3600)), Lang: "ur", Hash: "h",
			Text: "پہلا جملہ۔ دوسرا جملہ۔"},
		Chunks:   []recordChunk{{Ordinal: 0, Start: 0, End: 10, Key: "k0"}, {Ordinal: 1, Start: 11, End: 22, Key: "k1"}},
		Vectors:  [][]float32{sparse, dense},
		Ingested: time.Date(2026, 1, 2, 3, 4, 5, 6, time.UTC),
	}
}

// A record reads back as it was written, mostly-zero vectors (stored sparse)
// and dense ones alike, to the bit.
func TestRecordRoundTrip(t *testing.T) {
	want := sampleRecord()
	data, err := encodeRecord(want)
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodeRecord(data)
	if err != nil {
		t.Fatal(err)
	}
	want.Vectors[0][1023] = 0 // -0 is stored as an absent component
	// Times keep their instant and offset (not a zone's name), as gob's did.
	for _, p := range [][2]*time.Time{{&got.Doc.Published, &want.Doc.Published}, {&got.Ingested, &want.Ingested}} {
		_, gotOff := p[0].Zone()
		_, wantOff := p[1].Zone()
		if !p[0].Equal(*p[1]) || gotOff != wantOff {
			t.Errorf("time %v, want %v", *p[0], *p[1])
		}
		*p[0], *p[1] = time.Time{}, time.Time{}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
	if dense := 4 * 1024 * 2; len(data) > dense {
		t.Errorf("record of %d bytes; the sparse vector was not stored sparse", len(data))
	}
}

// Records written before issue #14 (a gob after version byte 1) are read.
func TestRecordVersion1IsRead(t *testing.T) {
	want := sampleRecord()
	var buf bytes.Buffer
	buf.Write(recordMagicV1)
	if err := gob.NewEncoder(&buf).Encode(want); err != nil {
		t.Fatal(err)
	}
	buf.Write(binary.LittleEndian.AppendUint32(nil, crc32.Checksum(buf.Bytes(), crcTable)))
	got, err := decodeRecord(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Vectors, want.Vectors) || got.Doc.Text != want.Doc.Text || len(got.Chunks) != 2 {
		t.Errorf("got %+v", got)
	}
}

// A record cut short or damaged, even with a checksum that matches, is
// corrupt, never a panic or a wrong document.
func TestRecordDamage(t *testing.T) {
	good, err := encodeRecord(sampleRecord())
	if err != nil {
		t.Fatal(err)
	}
	body := good[:len(good)-4]
	reseal := func(b []byte) []byte {
		return binary.LittleEndian.AppendUint32(bytes.Clone(b), crc32.Checksum(b, crcTable))
	}
	for n := len(recordMagic); n < len(body); n += 1 + n/50 {
		if _, err := decodeRecord(reseal(body[:n])); !errors.Is(err, errCorrupt) {
			t.Fatalf("cut at %d of %d: %v, want a corrupt record", n, len(body), err)
		}
	}
	for i := len(recordMagic); i < len(body); i += 1 + i/40 {
		b := bytes.Clone(body)
		b[i] ^= 0xff
		if r, err := decodeRecord(reseal(b)); err == nil && r == nil {
			t.Fatalf("byte %d: no record and no error", i)
		}
		if _, err := decodeRecord(append(bytes.Clone(b), good[len(good)-4:]...)); !errors.Is(err, errCorrupt) {
			t.Fatalf("byte %d flipped under the old checksum: %v", i, err)
		}
	}
}

// A short document whose vector has few non-zero components makes a record
// smaller than the vector's dimension: it reads back (it was once taken
// for a truncated vector, and the document lost on the next start).
func TestShortSparseRecordRoundTrip(t *testing.T) {
	v := make([]float32, 1024)
	v[3], v[700] = 0.6, 0.8
	want := &record{
		Doc:      rag.Document{ID: "x", Lang: "ur", Hash: "h", Text: "خبر۔"},
		Chunks:   []recordChunk{{Ordinal: 0, Start: 0, End: 4, Key: "k"}},
		Vectors:  [][]float32{v},
		Ingested: time.Date(2026, 1, 2, 3, 4, 5, 6, time.UTC),
	}
	data, err := encodeRecord(want)
	if err != nil {
		t.Fatal(err)
	}
	if len(data) >= len(v) {
		t.Fatalf("record of %d bytes; the test needs one shorter than the dimension (%d)", len(data), len(v))
	}
	got, err := decodeRecord(data)
	if err != nil {
		t.Fatalf("decode a %d-byte record: %v", len(data), err)
	}
	if !reflect.DeepEqual(got.Vectors, want.Vectors) {
		t.Error("vector differs")
	}
}
