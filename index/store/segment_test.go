package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/gob"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jawab/jawab/internal/must"
	"github.com/jawab/jawab/rag"
)

// segmentOf returns the path of the newest segment of the current
// generation that holds an entry of id.
func segmentOf(t *testing.T, dir, id string) string {
	t.Helper()
	paths, _ := filepath.Glob(filepath.Join(dir, "gen-*", "docs", segPrefix+"*"+segSuffix))
	slices.Sort(paths)
	for i := len(paths) - 1; i >= 0; i-- {
		_, entries, _, err := readSegment(paths[i])
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if e.id == id {
				return paths[i]
			}
		}
	}
	t.Fatalf("no segment holds %s", id)
	return ""
}

// segments lists the current generation's segment files.
func segments(t *testing.T, dir string) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(dir, "gen-*", "docs", segPrefix+"*"+segSuffix))
	if err != nil {
		t.Fatal(err)
	}
	return paths
}

// dirBytes is the size of every file under dir.
func dirBytes(t *testing.T, dir string) int64 {
	t.Helper()
	n := int64(0)
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			fi, _ := d.Info()
			n += fi.Size()
		}
		return nil
	})
	return n
}

func recordFile(dir, id string) string {
	sub, file := recordName(id)
	return filepath.Join(dir, "gen-000001", "docs", sub, file)
}

// writeRecordFile writes a document as jawab wrote records before segments:
// one file per document, version 1 (gob) or 2 (binary).
func writeRecordFile(t *testing.T, dir, id string, version int, sentences ...string) {
	t.Helper()
	d, chunks, keys, vecs := doc(id, sentences...)
	r := &record{Doc: d, Vectors: vecs, Ingested: time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)}
	for i, c := range chunks {
		r.Chunks = append(r.Chunks, recordChunk{Ordinal: i, Start: c.Start, End: c.End, Key: keys[i]})
	}
	var data []byte
	switch version {
	case 1:
		var buf bytes.Buffer
		buf.Write(recordMagicV1)
		if err := gob.NewEncoder(&buf).Encode(r); err != nil {
			t.Fatal(err)
		}
		data = binary.LittleEndian.AppendUint32(buf.Bytes(), crc32.Checksum(buf.Bytes(), crcTable))
	case 2:
		data = must.Value(encodeRecord(r))
	}
	path := recordFile(dir, id)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := writeFileAtomic(path, data); err != nil {
		t.Fatal(err)
	}
}

var errCrashed = errors.New("crashed at a failpoint")

// crashAt opens dir with a failpoint that panics at step; run then does
// writes until it panics, and the store is dropped as a killed process
// leaves it (see crash).
func crashAt(t *testing.T, dir, step string, run func(s *Store)) {
	t.Helper()
	s, err := Open(context.Background(), dir, Options{Failpoint: func(st, _ string) {
		if st == step {
			panic(errCrashed)
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	defer crash(s)
	defer func() {
		if r := recover(); r != errCrashed {
			t.Fatalf("recovered %v, want a crash at %s", r, step)
		}
	}()
	run(s)
	t.Fatalf("no crash at %s", step)
}

func batch(docs ...[]string) []Item {
	var items []Item
	for _, d := range docs {
		doc, c, k, v := doc(d[0], d[1:]...)
		items = append(items, Item{Doc: doc, Chunks: c, Keys: k, Vectors: v})
	}
	return items
}

// A batch is the commit unit: a crash before its segment is renamed leaves
// every document of it at its old version, one after leaves every one at
// its new version, in both indexes.
func TestBatchIsTheCommitUnit(t *testing.T) {
	for _, c := range []struct {
		step string
		new  bool
	}{{"staged", false}, {"committed", true}} {
		t.Run(c.step, func(t *testing.T) {
			dir := t.TempDir()
			s := open(t, dir)
			fill(t, s)
			s.Close()
			crashAt(t, dir, c.step, func(s *Store) {
				s.UpsertBatch(context.Background(), batch(
					[]string{"a", "نیا نسخہ روس۔"},
					[]string{"b", "نیا نسخہ ماسکو۔", "دوسرا جملہ۔"},
					[]string{"e", "نئی دستاویز۔"}))
			})
			s, _ = openLogged(t, dir, Options{ReadOnly: true})
			st := must.Value(s.Stats(context.Background()))
			wantDocs := map[bool]int{false: 4, true: 5}[c.new]
			if st.Documents != wantDocs || st.VectorChunks != st.Chunks || st.KeywordChunks != st.Chunks {
				t.Errorf("stats %+v, want %d documents and every chunk in both indexes", st, wantDocs)
			}
			for _, id := range []string{"a", "b"} {
				d, _, _ := s.Get(context.Background(), id)
				if got := strings.Contains(d.Text, "نیا نسخہ"); got != c.new {
					t.Errorf("%s at the new version: %v, want %v", id, got, c.new)
				}
			}
			hits := must.Value(s.KeywordSearch(context.Background(), "نسخہ", 10, rag.Filter{}))
			if want := map[bool]int{false: 0, true: 2}[c.new]; len(hits) != want {
				t.Errorf("%d keyword hits for the new versions' word, want %d", len(hits), want)
			}
		})
	}
}

// A delete is a tombstone that hides every older record of the document,
// across restarts with and without the snapshot, until a new version.
func TestDeleteIsDurable(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	fill(t, s)
	if err := s.Delete(context.Background(), "b"); err != nil {
		t.Fatal(err)
	}
	want := view(t, s)
	crash(s)
	for _, how := range []string{"from the segments", "from the snapshot"} {
		s, _ := openLogged(t, dir, Options{})
		if got := view(t, s); got != want {
			t.Errorf("%s:\n%s\nwant:\n%s", how, got, want)
		}
		if _, _, err := s.Get(context.Background(), "b"); rag.ErrorCode(err) != rag.NotFound {
			t.Errorf("%s: deleted b: %v", how, err)
		}
		s.Close()
	}
	s = open(t, dir)
	upsert(t, s, "b", "واپس آ گیا۔")
	crash(s)
	s, _ = openLogged(t, dir, Options{ReadOnly: true})
	if d, _, err := s.Get(context.Background(), "b"); err != nil || d.Text != "واپس آ گیا۔" {
		t.Errorf("b upserted after its delete: %q, %v", d.Text, err)
	}
}

// A collection updated again and again (an hourly feed: some articles
// revised, some removed, some added) does not grow without bound:
// compaction keeps the data dir within about twice its live records, and
// the store answers as before after every restart.
func TestCompactionBoundsSpace(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	for i := range 20 {
		upsert(t, s, fmt.Sprintf("d%02d", i), fmt.Sprintf("روس اور پاکستان %d۔", i), "گیس پائپ لائن۔")
	}
	live := func() int64 {
		n := int64(0)
		for _, d := range s.docs {
			n += d.n
		}
		return n
	}
	largest, compactions, segs := int64(0), 0, len(segments(t, dir))
	for hour := range 60 {
		var items []Item
		for j := range 5 {
			id := fmt.Sprintf("d%02d", (hour*5+j)%20)
			items = append(items, batch([]string{id, fmt.Sprintf("نسخہ %d روس۔", hour), "ماسکو کا دورہ۔"})...)
		}
		items = append(items, batch([]string{fmt.Sprintf("new%02d", hour), "نئی خبر۔"})...)
		if _, err := s.UpsertBatch(context.Background(), items); err != nil {
			t.Fatal(err)
		}
		if err := s.Delete(context.Background(), fmt.Sprintf("new%02d", hour)); err != nil {
			t.Fatal(err)
		}
		n := len(segments(t, dir))
		if n < segs {
			compactions++
		}
		segs = n
		// Within twice the live records, plus what one hour adds and the
		// files' own overhead.
		size := dirBytes(t, filepath.Join(dir, "gen-000001", "docs"))
		largest = max(largest, size)
		if limit := 2*live() + 8<<10; size > limit {
			t.Fatalf("hour %d: docs take %d bytes, over %d (live %d)", hour, size, limit, live())
		}
	}
	if compactions == 0 {
		t.Error("never compacted")
	}
	want := view(t, s)
	crash(s)
	got, _ := openLogged(t, dir, Options{ReadOnly: true})
	if v := view(t, got); v != want {
		t.Errorf("after restart:\n%s\nwant:\n%s", v, want)
	}
	t.Logf("%d compactions; at most %d bytes for %d live", compactions, largest, live())
}

// A crash at any step of a compaction leaves the store answering exactly as
// before it, and the next writable open removes what the crash left.
func TestCompactionSurvivesACrash(t *testing.T) {
	for _, step := range []string{"compact-staged", "compact-committed"} {
		t.Run(step, func(t *testing.T) {
			dir := t.TempDir()
			s := open(t, dir)
			fill(t, s)
			upsert(t, s, "a", "روس اور پاکستان، دوسرا نسخہ۔")
			if err := s.Delete(context.Background(), "c"); err != nil {
				t.Fatal(err)
			}
			want := view(t, s)
			s.Close()
			crashAt(t, dir, step, func(s *Store) {
				if err := s.Bind(context.Background(), "test-embedder", dim); err != nil {
					t.Fatal(err)
				}
				s.compact(context.Background())
			})
			s, _ = openLogged(t, dir, Options{})
			if got := view(t, s); got != want {
				t.Errorf("after the crash:\n%s\nwant:\n%s", got, want)
			}
			wantSegs := map[string]int{"compact-staged": 6, "compact-committed": 1}[step]
			if n := len(segments(t, dir)); n != wantSegs {
				t.Errorf("%d segments after reopening, want %d", n, wantSegs)
			}
			if err := s.compact(context.Background()); err != nil {
				t.Fatal(err)
			}
			if got := view(t, s); got != want {
				t.Errorf("after compacting:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

// A snapshot names segment entries by where they were first written, so a
// compaction does not make the next start read every record again.
func TestSnapshotSurvivesCompaction(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	fill(t, s)
	upsert(t, s, "a", "روس اور پاکستان، دوسرا نسخہ۔")
	s.Close()
	s = open(t, dir)
	if err := s.compact(context.Background()); err != nil {
		t.Fatal(err)
	}
	want := view(t, s)
	crash(s) // the snapshot is the one written before the compaction
	s, log := openLogged(t, dir, Options{ReadOnly: true})
	if got := view(t, s); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if l := log.String(); strings.Contains(l, "behind the records") || strings.Contains(l, "not used") {
		t.Errorf("the snapshot was not used as it is:\n%s", l)
	}
}

// A data dir of record files, one per document in version 1 (gob) or 2
// (binary), as jawab wrote before segments: it opens and answers the same
// from the records, from its snapshot, and after a compaction has moved
// every record into a segment; new versions and deletes of its documents
// go to segments and win, and the record files they supersede go away.
func TestRecordFilesStillOpen(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	s.Close()
	writeRecordFile(t, dir, "a", 1, "روس اور پاکستان۔", "گیس پائپ لائن۔")
	writeRecordFile(t, dir, "b", 2, "ماسکو کا دورہ۔", "وزیر اعظم نہیں گئے۔", "روس روس روس۔")
	writeRecordFile(t, dir, "c", 2, "کراچی سے لاہور تک۔")
	writeRecordFile(t, dir, "d", 1, "ماسکو دورہ پاکستان گیس۔")

	s, _ = openLogged(t, dir, Options{ReadOnly: true})
	want := view(t, s)
	if d, chunks, err := s.Get(context.Background(), "b"); err != nil || d.Text != "ماسکو کا دورہ۔ وزیر اعظم نہیں گئے۔ روس روس روس۔" || len(chunks) != 3 {
		t.Fatalf("b from its record file: %q, %d chunks, %v", d.Text, len(chunks), err)
	}
	s.Close()
	s = open(t, dir)
	s.Close() // writes the snapshot
	s, log := openLogged(t, dir, Options{ReadOnly: true})
	if got := view(t, s); got != want {
		t.Errorf("from the snapshot:\n%s\nwant:\n%s", got, want)
	}
	if strings.Contains(log.String(), "behind") {
		t.Errorf("snapshot not used:\n%s", log)
	}
	s.Close()

	s = open(t, dir)
	upsert(t, s, "a", "نیا نسخہ۔")
	if err := s.Delete(context.Background(), "c"); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"a", "c"} {
		if _, err := os.Stat(recordFile(dir, id)); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("record file of %s, superseded, still there: %v", id, err)
		}
	}
	want = view(t, s)
	crash(s)
	s, _ = openLogged(t, dir, Options{})
	if got := view(t, s); got != want {
		t.Errorf("after a new version and a delete:\n%s\nwant:\n%s", got, want)
	}
	if err := s.compact(context.Background()); err != nil {
		t.Fatal(err)
	}
	crash(s)
	recs, _ := filepath.Glob(filepath.Join(dir, "gen-000001", "docs", "*", "*.rec"))
	if len(recs) != 0 {
		t.Errorf("record files left after compaction: %q", recs)
	}
	s, _ = openLogged(t, dir, Options{ReadOnly: true})
	if got := view(t, s); got != want {
		t.Errorf("after compaction:\n%s\nwant:\n%s", got, want)
	}
}

// Rebuild writes the new generation in segments, and a reopened store
// reads it.
func TestRebuildWritesSegments(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	fill(t, s)
	err := s.Rebuild(context.Background(), "other", "r2", func(ctx context.Context, d rag.Document) ([]rag.Chunk, []string, [][]float32, error) {
		n := len([]rune(d.Text))
		return []rag.Chunk{{Start: 0, End: n}}, []string{"whole-" + d.ID}, [][]float32{vec(d.Text)}, nil
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := view(t, s)
	crash(s)
	if segs := segments(t, dir); len(segs) != 1 || !strings.Contains(segs[0], "gen-000002") {
		t.Errorf("segments after rebuild: %q", segs)
	}
	s, _ = openLogged(t, dir, Options{ReadOnly: true})
	if got := view(t, s); got != want {
		t.Errorf("reopened:\n%s\nwant:\n%s", got, want)
	}
}

// A collection that only grows, a commit at a time, is compacted once it
// has more than maxSmallSegments small segments, so its files stay bounded.
func TestCompactionBoundsFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("writes several hundred segments")
	}
	dir := t.TempDir()
	s := open(t, dir)
	most := 0
	for i := range maxSmallSegments + 20 {
		upsert(t, s, fmt.Sprintf("d%04d", i), fmt.Sprintf("خبر نمبر %d۔", i))
		most = max(most, len(segments(t, dir)))
	}
	if most > maxSmallSegments+1 {
		t.Errorf("%d segments at most, want at most %d", most, maxSmallSegments+1)
	}
	if n := len(segments(t, dir)); n >= maxSmallSegments {
		t.Errorf("%d segments at the end: never compacted", n)
	}
	want := view(t, s)
	crash(s)
	got, _ := openLogged(t, dir, Options{ReadOnly: true})
	if v := view(t, got); v != want {
		t.Errorf("after restart:\n%s\nwant:\n%s", v, want)
	}
}

// A reader that opens the data dir while a writer compacts it (another
// process: `jawab ask` during an ingest) sees every document: files that go
// away under it make it read the listing again.
func TestReaderDuringCompaction(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	for i := range 30 {
		upsert(t, s, fmt.Sprintf("d%02d", i), fmt.Sprintf("روس اور پاکستان %d۔", i), "گیس پائپ لائن۔")
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for range 40 {
			if err := s.compact(context.Background()); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	reads := 0
	for running := true; running; reads++ {
		select {
		case <-done:
			running = false
		default:
		}
		r, err := Open(context.Background(), dir, Options{ReadOnly: true})
		if err != nil {
			t.Error(err)
			break
		}
		st := must.Value(r.Stats(context.Background()))
		r.Close()
		if st.Documents != 30 || len(r.Warnings()) > 0 {
			t.Errorf("read %d: %d documents, warnings %q; want 30 and none", reads, st.Documents, r.Warnings())
			break
		}
	}
	<-done
	t.Logf("%d reads during 40 compactions", reads)
}

// A data dir of record files with a version 2 snapshot (both as jawab
// wrote them before segments), or a version 3 one (before followers),
// starts from the snapshot and answers as it does from the records: the
// followers it lacks are made from the chunks' texts (view compares them),
// and the next Close writes the current version.
func TestOlderSnapshotIsUsed(t *testing.T) {
	for _, version := range []int{snapV2, snapV3} {
		t.Run(fmt.Sprint("version ", version), func(t *testing.T) {
			dir := t.TempDir()
			s := open(t, dir)
			s.Close()
			writeRecordFile(t, dir, "a", 1, "روس اور پاکستان۔", "گیس پائپ لائن۔")
			writeRecordFile(t, dir, "b", 2, "ماسکو کا دورہ۔", "وزیر اعظم نہیں گئے۔", "روس روس روس۔")
			s, _ = openLogged(t, dir, Options{ReadOnly: true})
			want := view(t, s)
			s.Close()
			s = open(t, dir)
			if err := s.writeSnapshotVersion(version); err != nil {
				t.Fatal(err)
			}
			crash(s)
			s, log := openLogged(t, dir, Options{})
			if got := view(t, s); got != want {
				t.Errorf("from the version %d snapshot:\n%s\nwant:\n%s", version, got, want)
			}
			if l := log.String(); strings.Contains(l, "behind") || strings.Contains(l, "not used") || strings.Contains(l, "no index snapshot") {
				t.Errorf("the version %d snapshot was not used:\n%s", version, l)
			}
			s.Close()
			sn, err := readSnapshot(s.genDir(s.gen))
			if err != nil || sn == nil || sn.version != snapVersion {
				t.Fatalf("after Close: snapshot %+v, %v; want version %d", sn, err, snapVersion)
			}
		})
	}
}
