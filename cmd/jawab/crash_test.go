package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jawab/jawab/index/ingest"
	"github.com/jawab/jawab/index/load"
	"github.com/jawab/jawab/index/store"
	"github.com/jawab/jawab/internal/must"
)

// copyCorpus writes the urdu-news articles into dir, with prefix put before every
// article so that a second copy is a new version of each.
func copyCorpus(t testing.TB, dir, prefix string, limit int) {
	t.Helper()
	files, err := filepath.Glob("../../testdata/urdu-news/*.txt")
	if err != nil || len(files) < limit {
		t.Fatalf("corpus: %d files, %v", len(files), err)
	}
	for _, f := range files[:limit] {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), append([]byte(prefix), b...), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// cleanedTexts loads every article of dir as ingest would, by id.
func cleanedTexts(t *testing.T, dir string) map[string]string {
	t.Helper()
	fsys, root, err := load.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for item := range load.Walk(context.Background(), fsys, root, load.Options{}) {
		if item.Err != nil {
			t.Fatalf("%s: %v", item.Path, item.Err)
		}
		out[item.Doc.ID] = item.Doc.Text
	}
	return out
}

// walkOrder lists the ids of dir's articles in the order ingest reads them.
func walkOrder(t *testing.T, dir string) []string {
	t.Helper()
	fsys, root, err := load.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for item := range load.Walk(context.Background(), fsys, root, load.Options{}) {
		if item.Err != nil {
			t.Fatalf("%s: %v", item.Path, item.Err)
		}
		ids = append(ids, item.Doc.ID)
	}
	return ids
}

// TestIngestSurvivesKill9 kills a real jawab process with SIGKILL at several
// points of an ingest that replaces every document with a new version, then
// checks that the index is consistent (every document wholly at its old or its
// new version, in the records, the vector index and the keyword index alike) and
// that running the ingest again completes the job.
func TestIngestSurvivesKill9(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: runs several real ingests")
	}
	const n = 500
	const newVersion = "یہ اس مضمون کا نیا نسخہ ہے جس میں ایک نیا پیراگراف شامل کیا گیا ہے۔\n\n"
	// Kill after the process has reported some documents, or after some time:
	// the first points are exact, the timed ones land wherever the ingest is
	// (embedding, staging records, renaming them), which varies from run to run;
	// every landing point must leave the same guarantees.
	// Failpoints (JAWAB_FAILPOINT) kill at exact steps of a group commit:
	// with the first batch's segment written and synced but not renamed,
	// and just after the first or second batch's segment is renamed and
	// its directory synced (before the process reports those documents).
	points := []struct {
		name      string
		lines     int
		delay     time.Duration
		failpoint string
	}{
		{name: "at-start"},
		{name: "after-first-report", lines: 1},
		{name: "after-130-reports", lines: 130},
		{name: "after-150ms", delay: 150 * time.Millisecond},
		{name: "after-300ms", delay: 300 * time.Millisecond},
		{name: "staged-not-renamed", failpoint: "staged:1"},
		{name: "first-batch-committed", failpoint: "committed:1"},
		{name: "second-batch-committed", failpoint: "committed:2"},
	}
	// How many documents were new after a kill at each failpoint.
	atFailpoint := map[string]int{}
	for _, pt := range points {
		t.Run(pt.name, func(t *testing.T) {
			data, v1, v2 := t.TempDir(), t.TempDir(), t.TempDir()
			copyCorpus(t, v1, "", n)
			copyCorpus(t, v2, newVersion, n)
			old, updated := cleanedTexts(t, v1), cleanedTexts(t, v2)
			order := walkOrder(t, v1)
			env := map[string]string{"JAWAB_DATA": data}
			mustJawab(t, env, "ingest", v1)
			// The new version goes in place of the old files, as an editor would.
			copyCorpus(t, v1, newVersion, n)

			cmd := exec.Command(jawabBin, "ingest", "--data-dir", data, v1)
			cmd.Env = append(os.Environ(), "JAWAB_FAILPOINT="+pt.failpoint)
			stderr, err := cmd.StderrPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			reported := 0
			lines := bufio.NewScanner(stderr)
			for reported < pt.lines && lines.Scan() {
				reported++
			}
			time.Sleep(pt.delay)
			if pt.failpoint == "" {
				cmd.Process.Signal(syscall.SIGKILL)
			}
			if err := cmd.Wait(); err == nil {
				if pt.failpoint != "" || pt.lines > 0 {
					t.Fatal("the ingest finished before it was killed")
				}
				// A timed kill can come after a fast ingest: the
				// guarantees below still hold, with everything new.
				t.Logf("the ingest finished before the timed kill")
			}

			s, err := store.Open(context.Background(), data, store.Options{ReadOnly: true})
			if err != nil {
				t.Fatalf("open after kill: %v", err)
			}
			st := must.Value(s.Stats(context.Background()))
			if st.Documents != n || st.VectorChunks != st.Chunks || st.KeywordChunks != st.Chunks {
				t.Errorf("after kill: %+v, want %d documents and equal chunk counts in both indexes", st, n)
			}
			newCount := 0
			in := &ingest.Ingester{}
			for _, info := range listed(t, s) {
				doc, chunks, err := s.Get(context.Background(), info.ID)
				if err != nil {
					t.Fatal(err)
				}
				switch doc.Text {
				case old[doc.ID]:
				case updated[doc.ID]:
					newCount++
				default:
					t.Errorf("%s is neither its old nor its new version", doc.ID)
				}
				if in.Hash(doc) != doc.Hash {
					t.Errorf("%s: stored hash does not match its stored content", doc.ID)
				}
				want, _ := in.Chunk(doc)
				if len(want) != len(chunks) {
					t.Errorf("%s: %d chunks stored, its text has %d", doc.ID, len(chunks), len(want))
				}
			}
			if newCount < reported {
				t.Errorf("%d documents at the new version, but the process had reported %d", newCount, reported)
			}
			t.Logf("killed with %d of %d documents at the new version", newCount, n)
			if pt.failpoint != "" {
				// A batch is the commit unit and batches commit in input
				// order: the new versions are exactly the first documents.
				for i, id := range order {
					doc, _, _ := s.Get(context.Background(), id)
					if isNew := doc.Text == updated[id]; isNew != (i < newCount) {
						t.Errorf("killed at %s: document %d of %d (%s) new: %v; the new ones are not the first %d", pt.failpoint, i, n, id, isNew, newCount)
						break
					}
				}
				atFailpoint[pt.failpoint] = newCount
				switch pt.failpoint {
				case "staged:1":
					if newCount != 0 {
						t.Errorf("killed before the first batch's rename: %d documents new, want 0", newCount)
					}
				case "committed:1":
					if newCount == 0 || newCount == n {
						t.Errorf("killed after the first batch: %d documents new, want a first batch", newCount)
					}
				case "committed:2":
					if first := atFailpoint["committed:1"]; newCount <= first || newCount == n {
						t.Errorf("killed after the second batch: %d documents new, after the first %d", newCount, first)
					}
				}
			}
			s.Close()

			r := mustJawab(t, env, "ingest", v1)
			if !strings.Contains(r.stdout, fmt.Sprintf("0 added, %d updated, %d unchanged, 0 failed", n-newCount, newCount)) {
				t.Errorf("re-run after kill (with %d already new):\n%s", newCount, r.stdout)
			}
			filepath.WalkDir(data, func(p string, d os.DirEntry, err error) error {
				if err == nil && strings.Contains(d.Name(), ".tmp-") {
					t.Errorf("half-written file left behind after the re-run: %s", p)
				}
				return nil
			})
			s, err = store.Open(context.Background(), data, store.Options{ReadOnly: true})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			for _, info := range listed(t, s) {
				doc, _, _ := s.Get(context.Background(), info.ID)
				if doc.Text != updated[doc.ID] {
					t.Errorf("%s not at its new version after the re-run", doc.ID)
				}
			}
		})
	}
}
