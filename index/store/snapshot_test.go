package store

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jawab/jawab/index/storetest"
	"github.com/jawab/jawab/internal/must"
	"github.com/jawab/jawab/rag"
	"github.com/jawab/jawab/text"
)

// logBuffer collects a store's log lines.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func openLogged(t *testing.T, dir string, opt Options) (*Store, *logBuffer) {
	t.Helper()
	l := &logBuffer{}
	opt.Logger = slog.New(slog.NewTextHandler(l, &slog.HandlerOptions{Level: slog.LevelDebug}))
	s, err := Open(context.Background(), dir, opt)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s, l
}

// crash drops a store the way a killed process does: the lock goes, nothing
// is written.
func crash(s *Store) {
	unlockDir(s.lock)
	s.lock = nil
}

// view is everything a store answers, for comparing two loads of one index.
func view(t *testing.T, s *Store) string {
	t.Helper()
	ctx := context.Background()
	var b strings.Builder
	list, err := s.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	st := must.Value(s.Stats(context.Background()))
	fmt.Fprintf(&b, "stats %+v\n", st)
	for _, info := range list {
		info.Ingested = info.Ingested.UTC()
		d, chunks, err := s.Get(context.Background(), info.ID)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%+v\n%+v\n", info, d)
		for _, c := range chunks {
			a, ok := s.ChunkAnalysis(c.ID)
			var terms []string
			vocab, _, _ := s.kw.Vocab()
			for _, id := range s.ChunkTerms(c.ID) {
				terms = append(terms, vocab[id])
			}
			slices.Sort(terms) // term ids depend on the order of loading
			fmt.Fprintf(&b, "  %+v %v %v %v\n", c, a, ok, terms)
		}
	}
	for _, q := range []string{"روس", "پاکستان گیس", "ماسکو دورہ", "نہیں"} {
		hits, err := s.KeywordSearch(ctx, q, 10, rag.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "keyword %s:", q)
		for _, h := range hits {
			fmt.Fprintf(&b, " %s %.9f", h.Chunk.ID, h.Score)
		}
		fmt.Fprintf(&b, "\nidf %s %.9f\n", q, storetest.IDF(s, q))
		for _, v := range [][]float32{vec(q), sparseQuery(q)} {
			hits, err = s.VectorSearch(ctx, v, 10, rag.Filter{})
			if err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&b, "vector %s:", q)
			for _, h := range hits {
				fmt.Fprintf(&b, " %s %.9f", h.Chunk.ID, h.Score)
			}
			b.WriteString("\n")
		}
	}
	return b.String()
}

// sparseQuery is vec(q) with most components zeroed, as the local
// embedder's questions are.
func sparseQuery(q string) []float32 {
	v := vec(q)
	for i := range v {
		if i%3 != 0 {
			v[i] = 0
		}
	}
	return unit(v)
}

func fill(t *testing.T, s *Store) {
	t.Helper()
	upsert(t, s, "a", "روس اور پاکستان۔", "گیس پائپ لائن۔")
	upsert(t, s, "b", "ماسکو کا دورہ۔", "وزیر اعظم نہیں گئے۔", "روس روس روس۔")
	upsert(t, s, "c", "کراچی سے لاہور تک۔")
	upsert(t, s, "d", "ماسکو دورہ پاکستان گیس۔")
}

// A store opened from its snapshot answers exactly as one that read every
// record.
func TestSnapshotLoadsTheSameIndex(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	fill(t, s)
	if err := s.Delete(context.Background(), "c"); err != nil {
		t.Fatal(err)
	}
	want := view(t, s)
	s.Close()
	snap := filepath.Join(dir, "gen-000001", snapName)
	if _, err := os.Stat(snap); err != nil {
		t.Fatalf("Close wrote no snapshot: %v", err)
	}

	s, log := openLogged(t, dir, Options{ReadOnly: true})
	if got := view(t, s); got != want {
		t.Errorf("from the snapshot:\n%s\nas written:\n%s", got, want)
	}
	if strings.Contains(log.String(), "record") {
		t.Errorf("the snapshot was not used whole:\n%s", log)
	}
	if s.docs["a"].text != "روس اور پاکستان۔ گیس پائپ لائن۔" {
		t.Errorf("text %q", s.docs["a"].text)
	}
	s.Close()

	os.Remove(snap)
	s, _ = openLogged(t, dir, Options{ReadOnly: true})
	if got := view(t, s); got != want {
		t.Errorf("from the records:\n%s\nas written:\n%s", got, want)
	}
	s.Close()
	if _, err := os.Stat(snap); err == nil {
		t.Error("a read-only store wrote a snapshot")
	}

	// A writable store that had to read records writes the snapshot again
	// on Close, and a store that changed nothing leaves it as it is.
	s, _ = openLogged(t, dir, Options{})
	s.Close()
	fi, err := os.Stat(snap)
	if err != nil {
		t.Fatal("no snapshot after reading the records")
	}
	s, _ = openLogged(t, dir, Options{})
	s.Close()
	if fi2, _ := os.Stat(snap); !os.SameFile(fi, fi2) {
		t.Error("an unchanged store wrote its snapshot again")
	}
}

// Writes after the snapshot, by a process that then dies without closing,
// are read from their records: the snapshot never shows an old version of
// a document, nor a deleted one.
func TestSnapshotBehindTheRecords(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	fill(t, s)
	s.Close()

	s = open(t, dir)
	upsert(t, s, "a", "روس اور پاکستان، نیا نسخہ۔")
	if err := s.Delete(context.Background(), "b"); err != nil {
		t.Fatal(err)
	}
	upsert(t, s, "e", "نئی دستاویز ماسکو۔")
	want := view(t, s)
	crash(s)

	s, log := openLogged(t, dir, Options{})
	if got := view(t, s); got != want {
		t.Errorf("after the crash:\n%s\nwant:\n%s", got, want)
	}
	if !strings.Contains(log.String(), "index snapshot is behind the records") {
		t.Errorf("log:\n%s", log)
	}
	if d, _, _ := s.Get(context.Background(), "a"); !strings.Contains(d.Text, "نیا نسخہ") {
		t.Errorf("a is the old version: %q", d.Text)
	}
}

// A snapshot that is damaged, cut short, of another layout or made by
// another text analysis is not used: the store reads the records, says so,
// and answers as before.
func TestUnusableSnapshotFallsBack(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	fill(t, s)
	want := view(t, s)
	s.Close()
	snap := filepath.Join(dir, "gen-000001", snapName)
	good, err := os.ReadFile(snap)
	if err != nil {
		t.Fatal(err)
	}
	flip := func(at int) []byte {
		b := bytes.Clone(good)
		b[at] ^= 0x40
		return b
	}
	cases := []struct {
		name string
		data func() []byte
		why  string
	}{
		{"a flipped bit in the text", func() []byte { return flip(bytes.Index(good, []byte("گیس"))) }, "checksum"},
		{"a flipped bit in a vector", func() []byte { return flip(len(good) - 3) }, "checksum"},
		{"a flipped bit in the header", func() []byte { return flip(20) }, "offsets"},
		{"cut short", func() []byte { return good[:len(good)/2] }, "offsets"},
		{"empty", func() []byte { return nil }, "bytes"},
		{"another version", func() []byte { b := bytes.Clone(good); b[4] = 9; return b }, "version"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if err := os.WriteFile(snap, c.data(), 0o644); err != nil {
				t.Fatal(err)
			}
			s, log := openLogged(t, dir, Options{ReadOnly: true})
			if got := view(t, s); got != want {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
			if l := log.String(); !strings.Contains(l, "index snapshot not used") || !strings.Contains(l, c.why) {
				t.Errorf("log does not say why (%s):\n%s", c.why, l)
			}
		})
	}

	t.Run("another text analysis", func(t *testing.T) {
		os.Remove(snap)
		s, _ := openLogged(t, dir, Options{})
		real := analysisFingerprint
		analysisFingerprint = func() string { return "another analysis" }
		s.Close() // writes a snapshot made by "another analysis"
		analysisFingerprint = real
		s, log := openLogged(t, dir, Options{ReadOnly: true})
		if got := view(t, s); got != want {
			t.Errorf("got:\n%s\nwant:\n%s", got, want)
		}
		if !strings.Contains(log.String(), "another text analysis") {
			t.Errorf("log:\n%s", log)
		}
	})
}

// A segment restored by hand (from a backup, say) that holds an older
// version of a document than the snapshot is read from its file.
func TestSnapshotNoticesARestoredSegment(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	upsert(t, s, "a", "پرانا متن۔")
	old, err := os.ReadFile(segmentOf(t, dir, "a"))
	if err != nil {
		t.Fatal(err)
	}
	upsert(t, s, "a", "نیا متن۔")
	s.Close() // the snapshot holds the new version
	restored := filepath.Join(dir, "gen-000001", "docs", segName(99))
	if err := os.WriteFile(restored, old, 0o644); err != nil {
		t.Fatal(err)
	}
	s, _ = openLogged(t, dir, Options{ReadOnly: true})
	if d, _, _ := s.Get(context.Background(), "a"); d.Text != "پرانا متن۔" {
		t.Errorf("text %q, want the restored segment's", d.Text)
	}
}

// A record file (the layout before segments) replaced by hand is read from
// its file, though the snapshot holds another version of the document.
func TestSnapshotNoticesAReplacedRecordFile(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	s.Close()
	writeRecordFile(t, dir, "a", 2, "پرانا متن۔")
	path := recordFile(dir, "a")
	old, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(10 * time.Millisecond)
	writeRecordFile(t, dir, "a", 2, "نیا متن۔")
	s = open(t, dir)
	s.Close() // the snapshot holds the new version, from the record file
	time.Sleep(10 * time.Millisecond)
	if err := os.WriteFile(path+".restore", old, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(path+".restore", path); err != nil {
		t.Fatal(err)
	}
	s, _ = openLogged(t, dir, Options{ReadOnly: true})
	if d, _, _ := s.Get(context.Background(), "a"); d.Text != "پرانا متن۔" {
		t.Errorf("text %q, want the restored record's", d.Text)
	}
}

// A chunk's analysis holds the stopword after each word, as rag.Analyze
// makes it of the chunk's text, whether the store read the records or its
// snapshot.
func TestChunkAnalysisHasFollowers(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	fill(t, s)
	check := func(from string) {
		t.Helper()
		_, chunks, err := s.Get(context.Background(), "b")
		if err != nil {
			t.Fatal(err)
		}
		c := chunks[0] // "ماسکو کا دورہ۔"
		a, ok := s.ChunkAnalysis(c.ID)
		want := rag.Analyze(c.Text)
		if !ok || !slices.Equal(a.Next, want.Next) || !slices.Contains(a.Next, text.StopwordID("کا")) {
			t.Errorf("from %s: followers %v of %q, want %v", from, a.Next, c.Text, want.Next)
		}
	}
	check("the records")
	s.Close()
	s, log := openLogged(t, dir, Options{ReadOnly: true})
	if strings.Contains(log.String(), "record") {
		t.Fatalf("the snapshot was not used whole:\n%s", log)
	}
	check("the snapshot")
	s.Close()
}
