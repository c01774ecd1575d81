//go:build linux

package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jawab/jawab/index/store"
	"github.com/jawab/jawab/internal/must"
	"github.com/jawab/jawab/llm/llmtest"
)

// servedProcess is a real "jawab serve" process (the binary TestMain builds).
type servedProcess struct {
	cmd  *exec.Cmd
	url  string
	log  *serveLog
	done chan error
}

// startServeProcess starts "jawab serve" on data with env added to this
// process's environment, and waits until it listens.
func startServeProcess(t *testing.T, data string, env ...string) *servedProcess {
	t.Helper()
	p := &servedProcess{log: &serveLog{}, done: make(chan error, 1)}
	p.cmd = exec.Command(jawabBin, "serve", "--addr", "127.0.0.1:0", "--data-dir", data)
	p.cmd.Env = append(os.Environ(), env...)
	p.cmd.Stdout, p.cmd.Stderr = io.Discard, p.log
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.done <- p.cmd.Wait() }()
	t.Cleanup(func() {
		p.cmd.Process.Kill()
		<-p.done
		p.done <- nil
	})
	deadline := time.After(60 * time.Second)
	for {
		if m := listeningRE.FindStringSubmatch(p.log.String()); m != nil {
			p.url = m[1]
			return p
		}
		select {
		case err := <-p.done:
			p.done <- err
			t.Fatalf("serve ended before listening: %v\n%s", err, p.log)
		case <-deadline:
			t.Fatalf("serve printed no address:\n%s", p.log)
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// wait returns the process's exit error once it has ended.
func (p *servedProcess) wait(t *testing.T) error {
	t.Helper()
	select {
	case err := <-p.done:
		p.done <- err
		return err
	case <-time.After(60 * time.Second):
		t.Fatal("serve did not end")
		return nil
	}
}

// articlesJSONL renders the first n urdu-news articles as one .jsonl upload,
// each text after prefix.
func articlesJSONL(t *testing.T, n int, prefix string) []byte {
	t.Helper()
	files, err := filepath.Glob("../../testdata/urdu-news/*.txt")
	if err != nil || len(files) < n {
		t.Fatalf("corpus: %d files, %v", len(files), err)
	}
	var b bytes.Buffer
	for _, f := range files[:n] {
		text, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		id := strings.TrimSuffix(filepath.Base(f), ".txt")
		line, _ := json.Marshal(map[string]string{"id": id, "title": id, "text": prefix + string(text)})
		b.Write(append(line, '\n'))
	}
	return b.Bytes()
}

// upload posts data as the multipart file name to /v1/documents.
func upload(t *testing.T, url, key, name string, data []byte) (*http.Response, []byte, error) {
	body, ct := multipartBody(t, name, string(data))
	req, _ := http.NewRequest(http.MethodPost, url+"/v1/documents", bytes.NewReader(body))
	req.Header.Set("Content-Type", ct)
	req.Header.Set("Authorization", "Bearer "+key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp, b, err
}

// versions counts the stored documents at each text version and fails t if
// the index is inconsistent: a document at neither version, chunk counts that
// disagree between the records and the two indexes, or a half-written file.
func versions(t *testing.T, data string, old, updated map[string]string) (oldN, newN int) {
	t.Helper()
	s, err := store.Open(context.Background(), data, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("open after the fault: %v", err)
	}
	defer s.Close()
	st := must.Value(s.Stats(context.Background()))
	if st.VectorChunks != st.Chunks || st.KeywordChunks != st.Chunks {
		t.Errorf("inconsistent index: %+v", st)
	}
	for _, info := range listed(t, s) {
		doc, _, err := s.Get(context.Background(), info.ID)
		if err != nil {
			t.Fatal(err)
		}
		switch doc.Text {
		case old[doc.ID]:
			oldN++
		case updated[doc.ID]:
			newN++
		default:
			t.Errorf("%s is at neither version", doc.ID)
		}
	}
	return oldN, newN
}

// storedTexts is what ingesting a .jsonl file stores, by id.
func storedTexts(t *testing.T, jsonl []byte) map[string]string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.jsonl"), jsonl, 0o644); err != nil {
		t.Fatal(err)
	}
	return cleanedTexts(t, dir)
}

// TestUploadSurvivesKill9 kills a real server with SIGKILL in the middle of a
// POST /v1/documents that replaces 300 articles with new versions: at exact
// points of a group commit, and at a time. After a restart the index is
// consistent, and the same upload completes the job.
func TestUploadSurvivesKill9(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: several real servers and uploads")
	}
	const n = 300
	v1, v2 := articlesJSONL(t, n, ""), articlesJSONL(t, n, "یہ اس مضمون کا نیا نسخہ ہے۔\n\n")
	old, updated := storedTexts(t, v1), storedTexts(t, v2)
	// A batch is the commit unit (one segment each): a kill just after the
	// Nth commit leaves more documents new than one after the (N-1)th, and
	// fewer than all.
	const batch = -2
	previous := 0
	for _, pt := range []struct {
		name, failpoint string
		delay           time.Duration
		want            int // documents at the new version after the kill; -1: any; batch: a whole batch more than the previous case
	}{
		{name: "staged-not-renamed", failpoint: "staged:1", want: 0},
		{name: "first-batch-committed", failpoint: "committed:1", want: batch},
		{name: "second-batch-committed", failpoint: "committed:2", want: batch},
		{name: "after-100ms", delay: 100 * time.Millisecond, want: -1},
		{name: "after-250ms", delay: 250 * time.Millisecond, want: -1},
	} {
		t.Run(pt.name, func(t *testing.T) {
			data, src := t.TempDir(), t.TempDir()
			if err := os.WriteFile(filepath.Join(src, "articles.jsonl"), v1, 0o644); err != nil {
				t.Fatal(err)
			}
			mustJawab(t, map[string]string{"JAWAB_DATA": data}, "ingest", src)

			p := startServeProcess(t, data, "JAWAB_ADMIN_KEY="+adminKey, "JAWAB_RATE=off", "JAWAB_FAILPOINT="+pt.failpoint)
			if pt.delay > 0 {
				time.AfterFunc(pt.delay, func() { p.cmd.Process.Signal(syscall.SIGKILL) })
			}
			resp, body, err := upload(t, p.url, adminKey, "articles.jsonl", v2)
			if err == nil {
				if pt.failpoint != "" {
					t.Fatalf("the upload finished (%d %.200s) before the failpoint killed the server", resp.StatusCode, body)
				}
				// A timed kill can come after a fast upload: then the
				// guarantees below still hold, with everything new.
				t.Logf("the upload finished (%d) before the timed kill", resp.StatusCode)
				p.cmd.Process.Signal(syscall.SIGKILL)
			}
			if err := p.wait(t); err == nil {
				t.Fatal("the server exited cleanly; it should have been killed")
			}
			oldN, newN := versions(t, data, old, updated)
			if oldN+newN != n {
				t.Errorf("after the kill: %d old + %d new documents, want %d", oldN, newN, n)
			}
			if pt.want >= 0 && newN != pt.want {
				t.Errorf("killed at %s: %d documents at the new version, want %d", pt.failpoint, newN, pt.want)
			}
			if pt.want == batch && (newN <= previous || newN == n) {
				t.Errorf("killed at %s: %d documents at the new version, want more than %d (the commits before) and fewer than %d", pt.failpoint, newN, previous, n)
			}
			previous = newN
			t.Logf("killed with %d of %d documents at the new version", newN, n)

			p = startServeProcess(t, data, "JAWAB_ADMIN_KEY="+adminKey, "JAWAB_RATE=off")
			resp, body, err = upload(t, p.url, adminKey, "articles.jsonl", v2)
			if err != nil || resp.StatusCode != http.StatusOK {
				t.Fatalf("upload after restart: %v %s", err, body)
			}
			var out struct {
				Results []struct{ ID, Status string }
			}
			if err := json.Unmarshal(body, &out); err != nil {
				t.Fatal(err)
			}
			count := map[string]int{}
			for _, r := range out.Results {
				count[r.Status]++
			}
			if count["updated"] != n-newN || count["unchanged"] != newN {
				t.Errorf("re-upload: %v, want %d updated and %d unchanged", count, n-newN, newN)
			}
			p.cmd.Process.Signal(syscall.SIGTERM)
			p.wait(t)
			if oldN, newN := versions(t, data, old, updated); oldN != 0 || newN != n {
				t.Errorf("after the re-upload: %d old, %d new", oldN, newN)
			}
			filepath.WalkDir(data, func(path string, d os.DirEntry, err error) error {
				if err == nil && strings.Contains(d.Name(), ".tmp-") {
					t.Errorf("half-written file left behind: %s", path)
				}
				return nil
			})
		})
	}
}

// TestSIGTERMDuringIngest stops a real "jawab ingest" with SIGTERM while it
// replaces 500 articles: it stops promptly, saying so, with every document
// wholly at its old or its new version, and the re-run completes the job.
func TestSIGTERMDuringIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: real ingests")
	}
	const n = 500
	const newVersion = "یہ اس مضمون کا نیا نسخہ ہے۔\n\n"
	data, src := t.TempDir(), t.TempDir()
	copyCorpus(t, src, "", n)
	old := cleanedTexts(t, src)
	env := map[string]string{"JAWAB_DATA": data}
	mustJawab(t, env, "ingest", src)
	copyCorpus(t, src, newVersion, n)
	updated := cleanedTexts(t, src)

	// The signal comes after the 100th document is reported (one line each on
	// stderr when it is not a terminal).
	cmd := exec.Command(jawabBin, "ingest", "--data-dir", data, src)
	pipe, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	lines := bufio.NewScanner(pipe)
	for i := 0; i < 100 && lines.Scan(); i++ {
		stderr.WriteString(lines.Text() + "\n")
	}
	cmd.Process.Signal(syscall.SIGTERM)
	for lines.Scan() {
		stderr.WriteString(lines.Text() + "\n")
	}
	err = cmd.Wait()
	if err == nil {
		t.Fatalf("the ingest finished despite the signal:\n%s", stderr.String())
	}
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() <= 0 {
		t.Fatalf("ingest ended with %v, want a non-zero exit status (not death by signal)", err)
	}
	if !strings.Contains(stderr.String(), "jawab: interrupted") {
		t.Errorf("stderr does not say the ingest was interrupted:\n%s", stderr.String())
	}
	oldN, newN := versions(t, data, old, updated)
	if oldN+newN != n {
		t.Errorf("after SIGTERM: %d old + %d new documents, want %d", oldN, newN, n)
	}
	if newN < 100 {
		t.Errorf("%d documents at the new version, but 100 had been reported", newN)
	}
	t.Logf("stopped with %d of %d documents at the new version", newN, n)
	r := mustJawab(t, env, "ingest", src)
	if !strings.Contains(r.stdout, fmt.Sprintf("0 added, %d updated, %d unchanged, 0 failed", n-newN, newN)) {
		t.Errorf("re-run after SIGTERM (with %d already new):\n%s", newN, r.stdout)
	}
}

// smallDisk mounts a tmpfs of size bytes at a new directory, unmounted when t
// ends: a disk that can really fill up, or be made read-only. It needs root
// (CI runs as root); elsewhere the test is skipped, saying why.
func smallDisk(t *testing.T, size int) string {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root to mount a small tmpfs (CI runs as root)")
	}
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, fmt.Sprintf("size=%d", size)); err != nil {
		t.Fatalf("mount a tmpfs as root: %v", err)
	}
	t.Cleanup(func() {
		if err := syscall.Unmount(dir, syscall.MNT_DETACH); err != nil {
			t.Errorf("unmount %s: %v", dir, err)
		}
	})
	return dir
}

// fill leaves about free bytes free on the file system of dir.
func fill(t *testing.T, dir string, free int64) {
	t.Helper()
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		t.Fatal(err)
	}
	n := int64(st.Bavail)*st.Bsize - free
	if n <= 0 {
		return
	}
	if err := os.WriteFile(filepath.Join(dir, "filler"), make([]byte, n), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestFullOrReadOnlyDataDir fills the data dir's disk, then makes it read-only,
// under a CLI ingest and a running server. Every write fails with a clear error
// (503 from the API; from the CLI a non-zero exit and the cause said once),
// nothing half-written is left, and the existing index goes on answering.
func TestFullOrReadOnlyDataDir(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: real processes")
	}
	disk := smallDisk(t, 6<<20)
	data := filepath.Join(disk, "data")
	env := map[string]string{"JAWAB_DATA": data}
	mustJawab(t, env, "ingest", "../../testdata/pk-ru")
	before := mustJawab(t, env, "docs", "list").stdout
	news := articlesJSONL(t, 200, "")
	unchanged := func(fault string) {
		t.Helper()
		if got := mustJawab(t, env, "docs", "list").stdout; got != before {
			t.Errorf("%s: the documents changed:\n%s\nwant\n%s", fault, got, before)
		}
		filepath.WalkDir(data, func(path string, d os.DirEntry, err error) error {
			if err == nil && strings.Contains(d.Name(), ".tmp-") {
				t.Errorf("%s: half-written file left behind: %s", fault, path)
			}
			return nil
		})
	}
	for _, fault := range []string{"full", "read-only"} {
		switch fault {
		case "full":
			fill(t, disk, 64<<10)
		case "read-only":
			os.Remove(filepath.Join(disk, "filler"))
			if err := syscall.Mount("tmpfs", disk, "tmpfs", syscall.MS_REMOUNT|syscall.MS_RDONLY, ""); err != nil {
				t.Fatalf("remount read-only: %v", err)
			}
		}
		want := map[string]string{"full": "disk is full", "read-only": "read-only"}[fault]

		out, err := exec.Command(jawabBin, "ingest", "--data-dir", data, "../../testdata/urdu-news").CombinedOutput()
		if err == nil || !strings.Contains(string(out), want) {
			t.Errorf("%s: CLI ingest: %v, want a failure saying %q:\n%s", fault, err, want, out)
		}
		// Once in the progress lines, once in the summary, once as the reason
		// for the exit status: not once per document of the failed batch.
		if n := strings.Count(string(out), want); n > 3 {
			t.Errorf("%s: the CLI says %q %d times:\n%s", fault, want, n, out)
		}
		unchanged(fault + ", CLI")

		p := startServeProcess(t, data, "JAWAB_ADMIN_KEY="+adminKey, "JAWAB_RATE=off")
		resp, body, err := upload(t, p.url, adminKey, "news.jsonl", news)
		if err != nil {
			t.Fatalf("%s: upload: %v", fault, err)
		}
		if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(string(body), want) {
			t.Errorf("%s: upload answered %d %.300s, want 503 saying %q", fault, resp.StatusCode, body, want)
		}
		resp, body, err = postJSON(p.url+"/v1/ask", map[string]any{"question": question1948})
		if err != nil || resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "000_c226a50e9c4de795") {
			t.Errorf("%s: the index no longer answers: %v %.300s", fault, err, body)
		}
		p.cmd.Process.Signal(syscall.SIGTERM)
		if err := p.wait(t); err != nil {
			t.Errorf("%s: serve did not stop cleanly: %v\n%s", fault, err, p.log)
		}
		unchanged(fault + ", API")
	}
	// Writable again, the same upload goes through.
	if err := syscall.Mount("tmpfs", disk, "tmpfs", syscall.MS_REMOUNT, ""); err != nil {
		t.Fatal(err)
	}
	p := startServeProcess(t, data, "JAWAB_ADMIN_KEY="+adminKey, "JAWAB_RATE=off")
	resp, body, err := upload(t, p.url, adminKey, "news.jsonl", news)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("upload with the disk writable again: %v %.300s", err, body)
	}
}

// postJSON posts v as JSON.
func postJSON(url string, v any) (*http.Response, []byte, error) {
	j, _ := json.Marshal(v)
	resp, err := http.Post(url, "application/json", bytes.NewReader(j))
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp, b, err
}

// TestEmbeddingServerDownDuringIngest runs a real "jawab ingest" with a remote
// embedding model whose server goes down after twelve requests: the run stops
// with a clear error and a consistent index holding what was committed; the
// re-run, with the server back, embeds only what was not committed.
func TestEmbeddingServerDownDuringIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: waits out the retries of a real ingest")
	}
	var embedded, requests atomic.Int64
	var down atomic.Bool
	srv := fakeEmbeddings(t, &embedded, func() bool {
		if requests.Add(1) > 12 {
			down.Store(true)
		}
		return !down.Load()
	})
	data, src := t.TempDir(), t.TempDir()
	copyCorpus(t, src, "", 200)
	cmd := exec.Command(jawabBin, "ingest", "--data-dir", data, src)
	cmd.Env = append(os.Environ(), "JAWAB_EMBED_MODEL=fake-embed", "OPENAI_BASE_URL="+srv.URL+"/v1", "OPENAI_API_KEY=test-key")
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("the ingest succeeded with the embedding server down:\n%s", out)
	}
	if !strings.Contains(string(out), "503") || !strings.Contains(string(out), "the embedding service is down") {
		t.Errorf("the error does not say the embedding server answered 503 and why:\n%s", out)
	}
	s, err := store.Open(context.Background(), data, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	st := must.Value(s.Stats(context.Background()))
	s.Close()
	if st.Documents == 0 || st.Documents == 200 || st.VectorChunks != st.Chunks || st.KeywordChunks != st.Chunks {
		t.Fatalf("after the failure: %+v, want some of the 200 documents, consistent", st)
	}

	down.Store(false)
	requests.Store(-1 << 40) // up for good
	before := embedded.Load()
	cmd = exec.Command(jawabBin, "ingest", "--data-dir", data, src)
	cmd.Env = append(os.Environ(), "JAWAB_EMBED_MODEL=fake-embed", "OPENAI_BASE_URL="+srv.URL+"/v1", "OPENAI_API_KEY=test-key")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("re-run: %v\n%s", err, out)
	}
	s, err = store.Open(context.Background(), data, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	after := must.Value(s.Stats(context.Background()))
	s.Close()
	again := embedded.Load() - before
	if after.Documents != 200 || again == 0 || again > int64(after.Chunks-st.Chunks) {
		t.Errorf("re-run: %d documents, %d texts embedded again; want 200 documents and at most the %d chunks not committed before",
			after.Documents, again, after.Chunks-st.Chunks)
	}
	t.Logf("committed before the failure: %d documents, %d chunks; embedded on the re-run: %d texts", st.Documents, st.Chunks, again)
}

// TestSIGTERMDuringStreamedAnswer sends SIGTERM to a real server while it
// streams an answer whose model has gone quiet mid-sentence: the stream ends at
// once with a final error event (shutting_down) that a browser reads, and the
// process exits cleanly.
func TestSIGTERMDuringStreamedAnswer(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: a real server")
	}
	fake := llmtest.NewServer(t, llmtest.Options{Respond: func(int, llmtest.Request) llmtest.Reply {
		return llmtest.Reply{Chunks: []string{"سفارتی تعلقات "}, End: llmtest.Hang}
	}})
	data := t.TempDir()
	mustJawab(t, map[string]string{"JAWAB_DATA": data}, "ingest", "../../testdata/pk-ru")
	p := startServeProcess(t, data, "OPENAI_BASE_URL="+fake.BaseURL, "OPENAI_API_KEY="+fake.APIKey, "JAWAB_CHAT_MODEL=fake-chat")
	req, _ := http.NewRequest("POST", p.url+"/v1/ask", strings.NewReader(fmt.Sprintf(`{"question":%q}`, question1948)))
	req.Header.Set("Accept", "text/event-stream")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	events := make(chan sseEvent, 100)
	go readSSE(resp.Body, events)
	for ev := range events {
		if ev.typ == "delta" {
			break // the answer has begun, and the model now says nothing
		}
	}
	p.cmd.Process.Signal(syscall.SIGTERM)
	var last sseEvent
	for ev := range events {
		last = ev
	}
	if last.typ != "error" || !strings.Contains(last.data, "shutting_down") {
		t.Errorf("the stream ended with %q %s, want an error event saying shutting_down", last.typ, last.data)
	}
	if err := p.wait(t); err != nil {
		t.Errorf("serve exited with %v after SIGTERM, want a clean exit\n%s", err, p.log)
	}
}
