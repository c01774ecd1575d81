//go:build linux

package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/standard"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// TestScale measures jawab at about 110k chunks (issue #14): the UQA train
// paragraphs repeated with variation to 60,000 articles (about 73 MB), then
//
//   - "jawab ingest" of them into a fresh data dir (MB/s), beside Bleve's
//     on-disk (scorch) indexing of the same texts;
//   - "jawab serve" as a real process: time until /readyz is 200, the first
//     /v1/search, warm /v1/search p50 over 200 Urdu questions and over 30
//     English ones (translated offline and searched by BM25, as Urdu ones
//     are), and the server's resident memory;
//   - a cold "jawab ask" (load and answer), its time and peak RSS.
//
// It runs only with JAWAB_SCALE=1 (it takes minutes and a few GB of disk):
//
//	JAWAB_SCALE=1 [JAWAB_SCALE_BASELINE=/path/to/old/jawab[,/path/to/another]] go test ./cmd/jawab -run TestScale -count=1 -timeout 1h -v
//
// JAWAB_SCALE_BASELINE names jawab binaries built from other commits (comma
// separated; each is named by its file name without "jawab-"): all are then
// measured in the same run, one after the other, on the same corpus, and the
// table gives the ratio of this build to each. JAWAB_SCALE_DIR keeps the corpus and the
// data dirs there (for profiling) instead of removing them. The data is ../shared/data/uqa-train, or
// $JAWAB_SCALE_DATA; without it the test skips.
func TestScale(t *testing.T) {
	if os.Getenv("JAWAB_SCALE") == "" {
		t.Skip("set JAWAB_SCALE=1 to measure at 110k chunks (minutes, several GB of disk)")
	}
	dataDir := os.Getenv("JAWAB_SCALE_DATA")
	if dataDir == "" {
		dataDir = "../../../shared/data/uqa-train"
	}
	paragraphs := filepath.Join(dataDir, "paragraphs.jsonl")
	if _, err := os.Stat(paragraphs); err != nil {
		t.Skipf("no UQA paragraphs at %s (set JAWAB_SCALE_DATA): %v", paragraphs, err)
	}
	articles := 63500 // about 110k chunks
	if v := os.Getenv("JAWAB_SCALE_ARTICLES"); v != "" {
		articles, _ = strconv.Atoi(v)
	}
	root := os.Getenv("JAWAB_SCALE_DIR") // kept, for profiling; else removed
	if root == "" {
		root = t.TempDir()
	} else {
		os.RemoveAll(root)
	}
	src := filepath.Join(root, "src")
	size := scaleCorpus(t, paragraphs, src, articles)
	urdu, english := scaleQuestions(t, filepath.Join(dataDir, "questions.jsonl"), filepath.Join(dataDir, "parallel.jsonl"))
	t.Logf("corpus: %d articles, %.1f MB; %d Urdu and %d English questions", articles, float64(size)/1e6, len(urdu), len(english))

	bins := []scaleBin{{name: "now", path: jawabBin}}
	if list := os.Getenv("JAWAB_SCALE_BASELINE"); list != "" {
		var old []scaleBin
		for p := range strings.SplitSeq(list, ",") {
			name := strings.TrimPrefix(filepath.Base(p), "jawab-")
			if name == "now" || name == "" {
				name = "baseline"
			}
			old = append(old, scaleBin{name: name, path: p})
		}
		bins = append(old, bins...)
	}
	var rows []scaleResult
	for _, b := range bins {
		r := measureScale(t, b, src, filepath.Join(root, "data-"+b.name), size, urdu, english)
		rows = append(rows, r)
		t.Logf("%s: %+v", b.name, r)
	}
	t0 := time.Now()
	bleveScale(t, src, filepath.Join(root, "bleve"))
	bleveSecs := time.Since(t0).Seconds()

	// Raw vectors and text: what the index cannot hold less of.
	now := rows[len(rows)-1]
	raw := (float64(now.chunks)*float64(now.dim)*4 + float64(size)) / 1e6

	var out strings.Builder
	fmt.Fprintf(&out, "\n| | %s |", strings.Join(names(bins), " | "))
	for _, b := range bins[:len(bins)-1] {
		fmt.Fprintf(&out, " now / %s |", b.name)
	}
	out.WriteString(" target |\n|---|")
	for range 2*len(rows) - 1 {
		out.WriteString("---:|")
	}
	out.WriteString("---|\n")
	line := func(label, unit, target string, get func(scaleResult) float64) {
		fmt.Fprintf(&out, "| %s |", label)
		for _, r := range rows {
			fmt.Fprintf(&out, " %s %s |", fmtNum(get(r)), unit)
		}
		for _, r := range rows[:len(rows)-1] {
			fmt.Fprintf(&out, " %.2f |", get(now)/get(r))
		}
		fmt.Fprintf(&out, " %s |\n", target)
	}
	line("chunks", "", "", func(r scaleResult) float64 { return float64(r.chunks) })
	line("ingest, fully persisted", "MB/s", "≥ 2.5 MB/s", func(r scaleResult) float64 { return r.ingestMBps })
	line("serve: start until /readyz is 200", "s", "≤ 3 s", func(r scaleResult) float64 { return r.ready.Seconds() })
	line("first /v1/search after ready (Urdu)", "ms", "≤ 50 ms", func(r scaleResult) float64 { return msOf(r.first) })
	line("warm /v1/search p50, Urdu (BM25)", "ms", "≤ 10 ms", func(r scaleResult) float64 { return msOf(r.warmUrdu) })
	line("first English /v1/search (translated offline, BM25)", "ms", "", func(r scaleResult) float64 { return msOf(r.firstEnglish) })
	line("warm /v1/search p50, English", "ms", "", func(r scaleResult) float64 { return msOf(r.warmEnglish) })
	line("server VmRSS after the searches", "MB", fmt.Sprintf("≤ %.0f MB (1.5 × %.0f MB raw vectors + text)", 1.5*raw, raw), func(r scaleResult) float64 { return r.rssMB })
	line("… of it anonymous (heap)", "MB", "", func(r scaleResult) float64 { return r.anonMB })
	line("… of it file pages (snapshot map)", "MB", "", func(r scaleResult) float64 { return r.fileMB })
	line("cold `jawab ask`", "s", "≤ 4 s", func(r scaleResult) float64 { return r.ask.Seconds() })
	line("cold `jawab ask` peak RSS", "MB", "", func(r scaleResult) float64 { return r.askRSSMB })
	fmt.Fprintf(&out, "\nBleve (scorch, on disk, standard analyser) indexing the same %d articles (%.1f MB): %.2f MB/s (%.1f s)\n",
		articles, float64(size)/1e6, float64(size)/1e6/bleveSecs, bleveSecs)
	t.Log(out.String())
}

type scaleBin struct{ name, path string }

func names(bins []scaleBin) []string {
	var out []string
	for _, b := range bins {
		out = append(out, b.name)
	}
	return out
}

type scaleResult struct {
	chunks, dim           int
	ingestMBps            float64
	ready, first, ask     time.Duration
	warmUrdu, warmEnglish time.Duration
	firstEnglish          time.Duration
	rssMB, anonMB, fileMB float64
	askRSSMB              float64
}

func msOf(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func fmtNum(x float64) string {
	switch {
	case x >= 100:
		return strconv.FormatFloat(x, 'f', 0, 64)
	case x >= 10:
		return strconv.FormatFloat(x, 'f', 1, 64)
	}
	return strconv.FormatFloat(x, 'f', 2, 64)
}

// scaleCorpus writes n articles into dir as .jsonl files of 1,000 lines: the
// UQA paragraphs in turn, each copy after the first varied (its sentences
// rotated, one word in five swapped for a word of the next paragraph), so
// that no two articles are equal. It returns the total size of the texts.
func scaleCorpus(t *testing.T, paragraphs, dir string, n int) int64 {
	t.Helper()
	f, err := os.Open(paragraphs)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	type para struct{ ID, Title, Text string }
	var ps []para
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var p para
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			t.Fatal(err)
		}
		ps = append(ps, p)
	}
	if err := sc.Err(); err != nil || len(ps) == 0 {
		t.Fatalf("read %s: %d paragraphs, %v", paragraphs, len(ps), err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var size int64
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	flush := func(file int) {
		if buf.Len() == 0 {
			return
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("part-%03d.jsonl", file)), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		buf.Reset()
	}
	for i := range n {
		copyN, p := i/len(ps), ps[i%len(ps)]
		text := p.Text
		if copyN > 0 {
			text = vary(text, ps[(i+1)%len(ps)].Text, copyN)
		}
		size += int64(len(text))
		enc.Encode(map[string]string{"id": fmt.Sprintf("c%d-%s", copyN, p.ID), "title": p.Title, "text": text, "lang": "ur"})
		if (i+1)%1000 == 0 {
			flush(i / 1000)
		}
	}
	flush(n / 1000)
	return size
}

var sentenceEnd = regexp.MustCompile(`[۔.؟?!]\s+`)

// vary rotates text's sentences by copyN and swaps every fifth word for one of
// other's.
func vary(text, other string, copyN int) string {
	idx := sentenceEnd.FindAllStringIndex(text, -1)
	var sents []string
	start := 0
	for _, m := range idx {
		sents = append(sents, text[start:m[1]])
		start = m[1]
	}
	if start < len(text) {
		sents = append(sents, text[start:])
	}
	if len(sents) > 1 {
		r := copyN % len(sents)
		sents = append(sents[r:], sents[:r]...)
	}
	words := strings.Fields(strings.Join(sents, " "))
	others := strings.Fields(other)
	for i := copyN % 5; i < len(words) && len(others) > 0; i += 5 {
		words[i] = others[(i*7+copyN)%len(others)]
	}
	return strings.Join(words, " ")
}

// scaleQuestions returns 200 Urdu questions of UQA and 50 English ones.
func scaleQuestions(t *testing.T, questions, parallel string) (urdu, english []string) {
	t.Helper()
	read := func(path, field string, n, every int) []string {
		f, err := os.Open(path)
		if err != nil {
			return nil
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 16<<20)
		var out []string
		for i := 0; sc.Scan() && len(out) < n; i++ {
			if i%every != 0 {
				continue
			}
			var m map[string]any
			if json.Unmarshal(sc.Bytes(), &m) != nil {
				continue
			}
			if s, ok := m[field].(string); ok && s != "" {
				out = append(out, s)
			}
		}
		return out
	}
	urdu = read(questions, "question", 200, 97)
	if len(urdu) == 0 {
		t.Fatalf("no questions in %s", questions)
	}
	// English questions are the first words of English paragraphs: the
	// local embedder searches them by vector.
	for _, p := range read(parallel, "en", 50, 101) {
		w := strings.Fields(p)
		english = append(english, strings.Join(w[:min(len(w), 10)], " "))
	}
	if len(english) == 0 {
		english = []string{"When did Beyonce start becoming popular?", "Who founded the city of Lahore?"}
	}
	return urdu, english
}

func measureScale(t *testing.T, b scaleBin, src, data string, size int64, urdu, english []string) scaleResult {
	t.Helper()
	var r scaleResult
	env := append(os.Environ(), "JAWAB_DATA="+data, "JAWAB_RATE=off")
	t0 := time.Now()
	cmd := exec.Command(b.path, "ingest", "--json", src)
	cmd.Env = env
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s ingest: %v\n%s", b.name, err, out)
	}
	r.ingestMBps = float64(size) / 1e6 / time.Since(t0).Seconds()
	var sum struct{ Chunks int }
	json.Unmarshal(out, &sum)
	r.chunks = sum.Chunks
	if metas, _ := filepath.Glob(filepath.Join(data, "gen-*", "index.json")); len(metas) > 0 {
		b, _ := os.ReadFile(metas[0])
		var m struct{ Dimension int }
		json.Unmarshal(b, &m)
		r.dim = m.Dimension
	}

	// The server: start until ready, first search, warm searches, memory.
	srv := exec.Command(b.path, "serve", "--addr", "127.0.0.1:0")
	srv.Env = env
	log := &serveLog{}
	srv.Stdout, srv.Stderr = io.Discard, log
	t0 = time.Now()
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		srv.Process.Signal(syscall.SIGTERM)
		srv.Wait()
	}()
	url := ""
	client := &http.Client{Timeout: 2 * time.Minute}
	for {
		if url == "" {
			if m := listeningRE.FindStringSubmatch(log.String()); m != nil {
				url = m[1]
			}
		}
		if url != "" {
			if resp, err := client.Get(url + "/readyz"); err == nil {
				resp.Body.Close()
				if resp.StatusCode == 200 {
					break
				}
			}
		}
		if time.Since(t0) > 5*time.Minute {
			t.Fatalf("%s serve: not ready:\n%s", b.name, log)
		}
		time.Sleep(5 * time.Millisecond)
	}
	r.ready = time.Since(t0)
	search := func(q string) time.Duration {
		body, _ := json.Marshal(map[string]any{"query": q, "k": 5})
		t0 := time.Now()
		resp, err := client.Post(url+"/v1/search", "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("%s search: status %d", b.name, resp.StatusCode)
		}
		return time.Since(t0)
	}
	r.first = search(urdu[0])
	p50 := func(qs []string) time.Duration {
		var lat []time.Duration
		for _, q := range qs {
			lat = append(lat, search(q))
		}
		slices.Sort(lat)
		return lat[len(lat)/2]
	}
	r.warmUrdu = p50(urdu[1:])
	r.firstEnglish = search(english[0])
	r.warmEnglish = p50(english[1:])
	r.rssMB, r.anonMB, r.fileMB = memStatus(t, srv.Process.Pid, "VmRSS:"), memStatus(t, srv.Process.Pid, "RssAnon:"), memStatus(t, srv.Process.Pid, "RssFile:")
	srv.Process.Signal(syscall.SIGTERM)
	srv.Wait()

	ask := exec.Command(b.path, "ask", "--json", urdu[0])
	ask.Env = env
	t0 = time.Now()
	if out, err := ask.CombinedOutput(); err != nil {
		t.Fatalf("%s ask: %v\n%s", b.name, err, out)
	}
	r.ask = time.Since(t0)
	r.askRSSMB = float64(ask.ProcessState.SysUsage().(*syscall.Rusage).Maxrss) / 1024
	return r
}

// memStatus is one memory figure of a process in MB, from /proc/PID/status.
func memStatus(t *testing.T, pid int, field string) float64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatal(err)
	}
	for l := range strings.SplitSeq(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, field); ok {
			kb, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			return float64(kb) / 1024
		}
	}
	t.Fatalf("no %s in /proc/%d/status", field, pid)
	return 0
}

// bleveScale indexes the texts of every .jsonl file in src into a scorch
// index on disk (BM25, the standard analyser), batches of 1,000, and closes it.
func bleveScale(t *testing.T, src, dir string) {
	t.Helper()
	im := bleve.NewIndexMapping()
	im.ScoringModel = bleveindex.BM25Scoring
	im.DefaultAnalyzer = standard.Name
	idx, err := bleve.New(dir, im)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(src, "*.jsonl"))
	batch := idx.NewBatch()
	for _, path := range files {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 16<<20)
		for sc.Scan() {
			var a struct{ ID, Title, Text string }
			if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
				t.Fatal(err)
			}
			if err := batch.Index(a.ID, map[string]any{"title": a.Title, "text": a.Text}); err != nil {
				t.Fatal(err)
			}
			if batch.Size() >= 1000 {
				if err := idx.Batch(batch); err != nil {
					t.Fatal(err)
				}
				batch.Reset()
			}
		}
		f.Close()
	}
	if err := idx.Batch(batch); err != nil {
		t.Fatal(err)
	}
	if err := idx.Close(); err != nil {
		t.Fatal(err)
	}
}
