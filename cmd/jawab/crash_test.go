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

	"github.com/jawab/jawab/index/ingest"
	"github.com/jawab/jawab/index/load"
	"github.com/jawab/jawab/index/store"
)

// copyCorpus writes the urdu-news articles into dir, with suffix appended to every
// article so that a second copy is a new version of each.
func copyCorpus(t *testing.T, dir, suffix string, limit int) {
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
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), append(b, suffix...), 0o644); err != nil {
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

// TestIngestSurvivesKill9 kills a real jawab process with SIGKILL at several
// points of an ingest that replaces every document with a new version, then
// checks that the index is consistent (every document wholly at its old or its
// new version, in the records, the vector index and the keyword index alike) and
// that running the ingest again completes the job.
func TestIngestSurvivesKill9(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: runs several real ingests")
	}
	const n = 120
	for _, killAfter := range []int{0, 7, 60, 115} {
		t.Run(fmt.Sprintf("after-%d-documents", killAfter), func(t *testing.T) {
			data, v1, v2 := t.TempDir(), t.TempDir(), t.TempDir()
			copyCorpus(t, v1, "", n)
			copyCorpus(t, v2, "\n\nیہ اس مضمون کا نیا نسخہ ہے۔\n", n)
			old, updated := cleanedTexts(t, v1), cleanedTexts(t, v2)
			env := map[string]string{"JAWAB_DATA": data}
			mustJawab(t, env, "ingest", v1)
			// The new version goes in place of the old files, as an editor would.
			copyCorpus(t, v1, "\n\nیہ اس مضمون کا نیا نسخہ ہے۔\n", n)

			cmd := exec.Command(jawabBin, "ingest", "--data-dir", data, v1)
			stderr, err := cmd.StderrPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			lines := bufio.NewScanner(stderr)
			for i := 0; i < killAfter && lines.Scan(); i++ {
			}
			cmd.Process.Signal(syscall.SIGKILL)
			cmd.Wait()

			s, err := store.Open(context.Background(), data, store.Options{ReadOnly: true})
			if err != nil {
				t.Fatalf("open after kill: %v", err)
			}
			st := s.Stats()
			if st.Documents != n || st.VectorChunks != st.Chunks || st.KeywordChunks != st.Chunks {
				t.Errorf("after kill: %+v, want %d documents and equal chunk counts in both indexes", st, n)
			}
			newCount := 0
			in := &ingest.Ingester{}
			for _, info := range s.List() {
				doc, chunks, err := s.Get(info.ID)
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
			if newCount < killAfter {
				t.Errorf("%d documents at the new version, but the process had reported %d", newCount, killAfter)
			}
			s.Close()

			r := mustJawab(t, env, "ingest", v1)
			if !strings.Contains(r.stdout, fmt.Sprintf("0 added, %d updated, %d unchanged, 0 failed", n-newCount, newCount)) {
				t.Errorf("re-run after kill (with %d already new):\n%s", newCount, r.stdout)
			}
			s, err = store.Open(context.Background(), data, store.Options{ReadOnly: true})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			for _, info := range s.List() {
				doc, _, _ := s.Get(info.ID)
				if doc.Text != updated[doc.ID] {
					t.Errorf("%s not at its new version after the re-run", doc.ID)
				}
			}
		})
	}
}
