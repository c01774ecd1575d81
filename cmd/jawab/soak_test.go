package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jawab/jawab/llm/llmtest"
)

// TestSoak runs mixed traffic against the real server over the urdu-news
// corpus: questions answered as JSON and streamed (by a fake LLM), searches,
// and documents updated, deleted and re-added all the while, each client at its
// own pace with its own key, plus one client that floods and must be held back
// with 429s. Nothing else may fail: every request answers 2xx, every stream
// ends with its final event. The heap after the run stays within a stated
// bound of the heap before it, and no goroutine is left behind. p50/p99 per
// kind of request are logged.
//
// It runs for 8 s by default (4 s with -short, as CI runs it under -race);
// JAWAB_SOAK=3m runs it longer:
//
//	JAWAB_SOAK=3m go test ./cmd/jawab -run TestSoak -v
func TestSoak(t *testing.T) {
	llmtest.NoLeaks(t)
	duration, articles := 8*time.Second, 500
	if testing.Short() {
		duration, articles = 4*time.Second, 100
	}
	if v := os.Getenv("JAWAB_SOAK"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			t.Fatalf("JAWAB_SOAK=%q: %v", v, err)
		}
		duration = d
	}
	// The heap may grow by this much: the answers log remembers up to
	// feedback.MaxRemembered ids (a few thousand here, about 20 MB at most),
	// the keyword index keeps removed postings until it compacts, the vector
	// column copy grows by whole steps, and the heap is measured with the
	// clients' connections open.
	const heapBound = 24 << 20

	src := t.TempDir()
	copyCorpus(t, src, "", articles)
	data := t.TempDir()
	mustJawab(t, map[string]string{"JAWAB_DATA": data}, "ingest", src)

	fake := llmtest.NewServer(t, llmtest.Options{Forget: true, Respond: func(_ int, req llmtest.Request) llmtest.Reply {
		r := llmtest.Text("روس اور پاکستان کے تعلقات پر یہ جواب ہے [1]۔")
		r.Delay = 5 * time.Millisecond
		return r
	}})
	const readers = 4 // ask, ask-stream, search, chat; documents change with the admin key
	keys := make([]string, readers+1)
	for i := range keys {
		keys[i] = fmt.Sprintf("soak-key-%d", i)
	}
	flooder := keys[readers]
	env := map[string]string{
		"JAWAB_DATA": data, "JAWAB_ADMIN_KEY": adminKey, "JAWAB_API_KEYS": strings.Join(keys, ","),
		"JAWAB_RATE": "20", "JAWAB_BURST": "20", "JAWAB_LOG_LEVEL": "warn", // one log line per request would be the test's own growth
		"OPENAI_BASE_URL": fake.BaseURL, "OPENAI_API_KEY": fake.APIKey, "JAWAB_CHAT_MODEL": "fake-chat",
	}
	srv := startServe(t, env)
	client := &http.Client{Timeout: 30 * time.Second}
	questions := []string{
		question1948,
		"روس نے پاکستان کو کورونا ویکسین کی کتنی ڈوز دیں؟",
		"سٹاک مارکیٹ میں کتنے پوائنٹس کا اضافہ ہوا؟",
		"کرکٹ ٹیم نے میچ کب جیتا؟",
		"What did Russia and Pakistan agree on gas?",
	}

	var mu sync.Mutex
	lat := map[string][]time.Duration{}
	var failures []string
	flooded, floodLimited := 0, 0
	fail := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		if len(failures) < 20 {
			failures = append(failures, fmt.Sprintf(format, args...))
		}
	}
	// send makes one request and checks its outcome; it returns the status.
	send := func(kind, key, method, path string, body any, stream bool) int {
		var r io.Reader
		if body != nil {
			j, _ := json.Marshal(body)
			r = bytes.NewReader(j)
		}
		req, _ := http.NewRequest(method, srv.url+path, r)
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+key)
		if stream {
			req.Header.Set("Accept", "text/event-stream")
		}
		t0 := time.Now()
		resp, err := client.Do(req)
		if err != nil {
			fail("%s: %v", kind, err)
			return 0
		}
		defer resp.Body.Close()
		if stream && resp.StatusCode == http.StatusOK {
			// jawab's stream ends with "event: done", OpenAI's with "data: [DONE]".
			last := ""
			sc := bufio.NewScanner(resp.Body)
			sc.Buffer(make([]byte, 1<<20), 1<<20)
			for sc.Scan() {
				if line := sc.Text(); strings.HasPrefix(line, "event: ") || line == "data: [DONE]" {
					last = line
				}
			}
			if last != "event: done" && last != "data: [DONE]" {
				fail("%s: the stream ended with %q, not its final event", kind, last)
			}
		} else {
			b, _ := io.ReadAll(resp.Body)
			if resp.StatusCode/100 != 2 && key != flooder {
				fail("%s %s: %d %.200s", method, path, resp.StatusCode, b)
			}
		}
		if key != flooder { // a million latencies would be the test's own growth
			mu.Lock()
			lat[kind] = append(lat[kind], time.Since(t0))
			mu.Unlock()
		}
		return resp.StatusCode
	}

	// Warm up first, so that what is built once (the vector column copy, pools,
	// connections) is not counted as growth.
	for _, q := range questions {
		send("warm-up", keys[0], "POST", "/v1/ask", map[string]any{"question": q}, false)
		send("warm-up", keys[1], "POST", "/v1/search", map[string]any{"query": q}, false)
	}
	heapBefore := heapAfterGC()
	deadline := time.Now().Add(duration)
	var wg sync.WaitGroup
	// pace keeps a client under its key's rate limit (20/s).
	pace := func(do func(n int)) {
		tick := time.NewTicker(60 * time.Millisecond)
		defer tick.Stop()
		for n := 0; time.Now().Before(deadline); n++ {
			do(n)
			<-tick.C
		}
	}
	wg.Go(func() {
		pace(func(n int) {
			send("ask", keys[0], "POST", "/v1/ask", map[string]any{"question": questions[n%len(questions)]}, false)
		})
	})
	wg.Go(func() {
		pace(func(n int) {
			send("ask-stream", keys[1], "POST", "/v1/ask", map[string]any{"question": questions[n%len(questions)]}, true)
		})
	})
	wg.Go(func() {
		pace(func(n int) {
			send("search", keys[2], "POST", "/v1/search", map[string]any{"query": questions[n%len(questions)], "k": 5}, false)
		})
	})
	wg.Go(func() {
		pace(func(n int) {
			send("chat", keys[3], "POST", "/v1/chat/completions", map[string]any{"model": "jawab", "stream": n%2 == 0,
				"messages": []map[string]string{{"role": "user", "content": questions[n%len(questions)]}}}, n%2 == 0)
		})
	})
	// Documents change under the readers: new versions, deletes, re-adds.
	wg.Go(func() {
		pace(func(n int) {
			id := fmt.Sprintf("soak-%d", n%20)
			switch {
			case n%5 == 4 && n >= 20: // every id was added in the first round
				send("delete", adminKey, "DELETE", "/v1/documents/"+id, nil, false)
				send("add", adminKey, "POST", "/v1/documents", map[string]any{"id": id, "title": id,
					"text": fmt.Sprintf("روس اور پاکستان کے درمیان نیا معاہدہ نمبر %d طے پایا۔ اس کے تحت گیس کی فراہمی بڑھے گی۔", n)}, false)
			default:
				send("add", adminKey, "POST", "/v1/documents", map[string]any{"id": id, "title": id,
					"text": fmt.Sprintf("روس اور پاکستان کے درمیان معاہدہ نمبر %d طے پایا۔ دونوں ملکوں نے تعاون بڑھانے پر اتفاق کیا۔", n)}, false)
			}
		})
	})
	// The flooder: four connections as fast as they can, so the rate limit must
	// hold it back. Every other request is a cheap one (the model list), so that
	// it outruns the limit however slowly a loaded machine answers its searches
	// (a CI run whose searches took 200 ms sent 69 in all, under the limit).
	for range 4 {
		wg.Go(func() {
			for i := 0; time.Now().Before(deadline); i++ {
				var status int
				if i%2 == 0 {
					status = send("flood", flooder, "POST", "/v1/search", map[string]any{"query": questions[0], "k": 3}, false)
				} else {
					status = send("flood", flooder, "GET", "/v1/models", nil, false)
				}
				mu.Lock()
				flooded++
				if status == http.StatusTooManyRequests {
					floodLimited++
				}
				mu.Unlock()
				if status == http.StatusTooManyRequests {
					time.Sleep(5 * time.Millisecond) // still far above the limit, without starving the readers of CPU
				}
			}
		})
	}
	wg.Wait()
	heapAfter := heapAfterGC()

	for _, f := range failures {
		t.Error(f)
	}
	if floodLimited == 0 || floodLimited == flooded {
		t.Errorf("the flooder got %d 429s of %d requests; the rate limit should refuse some and let some through", floodLimited, flooded)
	}
	for _, kind := range []string{"ask", "ask-stream", "search", "chat", "add"} {
		if len(lat[kind]) == 0 {
			t.Errorf("no %s request completed", kind)
		}
	}
	kinds := make([]string, 0, len(lat))
	for k := range lat {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	for _, k := range kinds {
		l := lat[k]
		slices.Sort(l)
		t.Logf("%-10s %6d requests  p50 %7.1f ms  p99 %7.1f ms", k, len(l), ms(l[len(l)/2]), ms(l[(len(l)-1)*99/100]))
	}
	t.Logf("flooder: %d of %d requests refused with 429", floodLimited, flooded)
	t.Logf("heap: %.1f MB before, %.1f MB after (bound: +%d MB)", float64(heapBefore)/(1<<20), float64(heapAfter)/(1<<20), heapBound>>20)
	if heapAfter > heapBefore+heapBound {
		t.Errorf("the heap grew from %d to %d bytes, more than the %d bound", heapBefore, heapAfter, heapBound)
	}
}

// heapAfterGC is the live heap after a full collection.
func heapAfterGC() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
