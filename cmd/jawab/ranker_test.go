package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jawab/jawab/app"
	"github.com/jawab/jawab/index/store"
	"github.com/jawab/jawab/internal/must"
	"github.com/jawab/jawab/rag"
)

// builtinModel is the model built into the binary.
func builtinModel(t *testing.T) *rag.Model {
	t.Helper()
	m, err := new(app.Config).RankModel()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// writeModelVersion writes a copy of the built-in model under another version
// to a file and returns its path.
func writeModelVersion(t *testing.T, version string) string {
	t.Helper()
	m := *builtinModel(t)
	m.Version = version
	var b bytes.Buffer
	if err := rag.WriteModel(&b, &m); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), version+".json.gz")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// recordedRanker is the ranking model version the index in dir records.
func recordedRanker(t *testing.T, dir string) string {
	t.Helper()
	st, err := store.Open(context.Background(), dir, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	return must.Value(st.Meta(context.Background())).Ranker
}

// serveStartup runs "jawab serve" and returns what it printed and its error
// when it stops by itself; a server that starts listening instead fails the
// test.
func serveStartup(t *testing.T, env map[string]string) result {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	log := &serveLog{}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0"}, func(k string) string { return env[k] },
			strings.NewReader(""), io.Discard, log)
	}()
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); {
		select {
		case err := <-done:
			return result{"", log.String(), err}
		case <-time.After(20 * time.Millisecond):
		}
		if strings.Contains(log.String(), "listening on") {
			cancel()
			<-done
			t.Fatalf("jawab serve started instead of failing:\n%s", log)
		}
	}
	cancel()
	<-done
	t.Fatalf("jawab serve neither failed nor listened within a minute:\n%s", log)
	return result{}
}

// An index records the version of the ranking model it was built for. Asking
// (or ingesting, serving, evaluating) with a model of another version fails
// at start-up, naming both versions and the command that fixes it; after
// "jawab reindex" with that model, it works, and the old version is refused.
func TestRankModelMismatchAndReindex(t *testing.T) {
	dir := t.TempDir()
	builtin := builtinModel(t).Version
	other := builtin + "-other"
	path := writeModelVersion(t, other)
	oldEnv := map[string]string{"JAWAB_DATA": dir}
	newEnv := map[string]string{"JAWAB_DATA": dir, "JAWAB_RANK_MODEL": path}

	mustJawab(t, oldEnv, "ingest")
	if got := recordedRanker(t, dir); got != builtin {
		t.Fatalf("the ingested index records ranker %q, want the built-in model's %q", got, builtin)
	}

	mismatch := func(t *testing.T, r result, recorded, configured string) {
		t.Helper()
		if r.err == nil {
			t.Fatalf("no error; stdout:\n%s", r.stdout)
		}
		msg := r.err.Error()
		for _, want := range []string{`"` + recorded + `"`, `"` + configured + `"`, "jawab reindex --data-dir " + dir} {
			if !strings.Contains(msg, want) {
				t.Errorf("err = %v\nwant it to name %s", r.err, want)
			}
		}
		if rag.ErrorCode(r.err) != rag.Conflict {
			t.Errorf("err = %v, want a conflict", r.err)
		}
		var stderr bytes.Buffer
		if code := exitCode(r.err, &stderr); code != 1 || !strings.Contains(stderr.String(), "jawab reindex") {
			t.Errorf("exit status %d, printed %q; want 1 and the error", code, stderr.String())
		}
	}

	t.Run("ask", func(t *testing.T) {
		r := jawab(t, newEnv, "ask", q1948)
		mismatch(t, r, builtin, other)
		if !strings.Contains(r.err.Error(), path) {
			t.Errorf("err = %v, want it to name the model file %s", r.err, path)
		}
		if r.stdout != "" {
			t.Errorf("printed an answer:\n%s", r.stdout)
		}
	})
	t.Run("ingest", func(t *testing.T) {
		mismatch(t, jawab(t, newEnv, "ingest"), builtin, other)
	})
	t.Run("serve", func(t *testing.T) {
		mismatch(t, serveStartup(t, newEnv), builtin, other)
	})
	t.Run("eval", func(t *testing.T) {
		r := jawab(t, newEnv, "eval", "--data-dir", dir, "--qa", filepath.Join("..", "..", "testdata", "eval", "pk-ru.jsonl"), "--format", "json")
		mismatch(t, r, builtin, other)
	})
	if got := recordedRanker(t, dir); got != builtin {
		t.Fatalf("after the refusals the index records ranker %q, want %q unchanged", got, builtin)
	}

	r := mustJawab(t, newEnv, "reindex")
	if want := `ranking model "` + other + `" (was "` + builtin + `")`; !strings.Contains(r.stdout, "reindexed 5 documents") || !strings.Contains(r.stdout, want) {
		t.Errorf("reindex printed:\n%s\nwant reindexed 5 documents and %s", r.stdout, want)
	}
	if got := recordedRanker(t, dir); got != other {
		t.Errorf("after reindex the index records ranker %q, want %q", got, other)
	}
	r = mustJawab(t, newEnv, "ask", "--json", q1948)
	var ans rag.Answer
	if err := json.Unmarshal([]byte(r.stdout), &ans); err != nil || len(ans.Citations) == 0 {
		t.Errorf("ask after reindex: %v, %+v; want an answer with citations", err, ans)
	}
	mustJawab(t, newEnv, "ingest")
	mismatch(t, jawab(t, oldEnv, "ask", q1948), other, builtin)
}

// An index built before jawab recorded the ranking model (its documents,
// no version) is refused until it is re-indexed, and then works.
func TestIndexWithoutRankerAsksForReindex(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"JAWAB_DATA": dir}
	mustJawab(t, env, "ingest")
	// Take the version out of index.json, as an older jawab wrote it.
	metaPath := filepath.Join(dir, "gen-000001", "index.json")
	b, err := os.ReadFile(metaPath)
	if err != nil {
		t.Fatal(err)
	}
	var meta map[string]any
	if err := json.Unmarshal(b, &meta); err != nil || meta["ranker"] == nil {
		t.Fatalf("index.json = %s, %v; want a ranker", b, err)
	}
	delete(meta, "ranker")
	b, _ = json.Marshal(meta)
	if err := os.WriteFile(metaPath, b, 0o644); err != nil {
		t.Fatal(err)
	}

	version := builtinModel(t).Version
	for _, args := range [][]string{{"ask", q1948}, {"ingest"}} {
		r := jawab(t, env, args...)
		if rag.ErrorCode(r.err) != rag.Conflict || !strings.Contains(r.err.Error(), `"`+version+`"`) ||
			!strings.Contains(r.err.Error(), "records no ranking model") || !strings.Contains(r.err.Error(), "jawab reindex --data-dir "+dir) {
			t.Errorf("jawab %s on an index without a ranker: err = %v, want a conflict naming %s and jawab reindex", args[0], r.err, version)
		}
	}
	r := mustJawab(t, env, "reindex")
	if !strings.Contains(r.stdout, `(was none recorded)`) {
		t.Errorf("reindex printed:\n%s", r.stdout)
	}
	mustJawab(t, env, "ask", q1948)
	if got := recordedRanker(t, dir); got != version {
		t.Errorf("after reindex the index records ranker %q, want %q", got, version)
	}
}

// A model file that is missing or corrupt stops "jawab ask" and "jawab serve"
// before they touch the index, with an error that names the file and the
// command that makes it.
func TestBadRankModelFailsAtStartup(t *testing.T) {
	m := *builtinModel(t)
	var good bytes.Buffer
	if err := rag.WriteModel(&good, &m); err != nil {
		t.Fatal(err)
	}
	m.Format = "jawab-rank-model/0"
	var wrongFormat bytes.Buffer
	zw := gzip.NewWriter(&wrongFormat)
	if err := json.NewEncoder(zw).Encode(m); err != nil {
		t.Fatal(err)
	}
	zw.Close()

	cases := []struct {
		name string
		data []byte // nil: no file
		want string
	}{
		{"missing", nil, "cannot read the model file"},
		{"truncated", good.Bytes()[:good.Len()/2], "corrupt"},
		{"wrong format", wrongFormat.Bytes(), `format "jawab-rank-model/0"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "rank.json.gz")
			if c.data != nil {
				if err := os.WriteFile(path, c.data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			for _, cmd := range []string{"ask", "serve"} {
				dir := t.TempDir()
				env := map[string]string{"JAWAB_DATA": dir, "JAWAB_RANK_MODEL": path}
				var r result
				if cmd == "ask" {
					r = jawab(t, env, "ask", q1948)
				} else {
					r = serveStartup(t, env)
				}
				if r.err == nil {
					t.Fatalf("jawab %s: no error", cmd)
				}
				msg := r.err.Error()
				for _, want := range []string{c.want, path, "go run ./cmd/jawab-train model -out " + path} {
					if !strings.Contains(msg, want) {
						t.Errorf("jawab %s: err = %v\nwant it to say %s", cmd, r.err, want)
					}
				}
				if code := exitCode(r.err, io.Discard); code != 2 {
					t.Errorf("jawab %s: exit status %d, want 2", cmd, code)
				}
				if unused, err := store.Unused(dir); err != nil || !unused {
					t.Errorf("jawab %s wrote an index before failing (stderr %q)", cmd, r.stderr)
				}
			}
		})
	}
}
