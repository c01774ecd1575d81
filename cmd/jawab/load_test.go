package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jawab/jawab/llm/llmtest"
)

// The load benchmark: "jawab serve" on loopback over about 10k chunks (the 500
// urdu-news articles five times over, each copy a little different), asking the
// Urdu questions of the eval set in turn:
//
//	go test ./cmd/jawab -run '^$' -bench ServeLoad -benchtime 3000x
//
// It reports requests per second and p50/p99 latency at 32 connections for
// /v1/search and the extractive /v1/ask. For a streamed /v1/ask with a fake LLM
// that answers at once, it reports the time until the first delta reaches the
// client, and beside it the same fake LLM's first token asked directly: the
// difference is what jawab adds before a real model's first token. Both are
// measured at 32 connections and at 1 with a fake LLM that answers at once, and
// at 32 with one that takes 200 ms to its first token.
func BenchmarkServeLoad(b *testing.B) {
	if testing.Short() {
		b.Skip("slow: ingests 2,500 articles")
	}
	var ttft atomic.Int64 // the fake LLM's time to first token
	llmSrv := llmtest.NewServer(b, llmtest.Options{Respond: func(_ int, req llmtest.Request) llmtest.Reply {
		if !req.Stream {
			return llmtest.Text("سوال")
		}
		r := llmtest.Stream("جواب ", "یہ ہے ", "[1]۔")
		r.Delay = time.Duration(ttft.Load())
		return r
	}})
	data := loadCorpus(b)
	env := map[string]string{"JAWAB_DATA": data, "JAWAB_RATE": "1000000", "JAWAB_BURST": "1000000"}
	offline := startServe(b, env)

	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	questions := loadQuestions(b)
	type request struct {
		url, path string
		body      func(i int) map[string]any
		header    map[string]string
		// firstDelta: time the first streamed piece of answer text (jawab's
		// "event: delta", the LLM's first content chunk) instead of the whole body.
		firstDelta bool
	}
	send := func(r request, i int) (time.Duration, error) {
		j, _ := json.Marshal(r.body(i))
		req, _ := http.NewRequest(http.MethodPost, r.url+r.path, bytes.NewReader(j))
		req.Header.Set("Content-Type", "application/json")
		for k, v := range r.header {
			req.Header.Set(k, v)
		}
		t0 := time.Now()
		resp, err := client.Do(req)
		if err != nil {
			return 0, err
		}
		defer resp.Body.Close()
		var d time.Duration
		if r.firstDelta {
			sc := bufio.NewScanner(resp.Body)
			for sc.Scan() {
				if line := sc.Text(); line == "event: delta" || strings.HasPrefix(line, "data: {") && strings.Contains(line, `"content":"`) && !strings.Contains(line, `"content":""`) {
					d = time.Since(t0)
					break
				}
			}
			for sc.Scan() {
			}
			if d == 0 {
				return 0, fmt.Errorf("%s: no answer text in the stream", r.path)
			}
		} else {
			io.Copy(io.Discard, resp.Body)
			d = time.Since(t0)
		}
		if resp.StatusCode != http.StatusOK {
			return 0, fmt.Errorf("%s: status %d", r.path, resp.StatusCode)
		}
		return d, nil
	}
	// measure sends b.N requests over conns connections and reports throughput
	// and latency percentiles.
	measure := func(b *testing.B, conns int, r request) {
		var mu sync.Mutex
		lat := make([]time.Duration, 0, b.N)
		next := 0
		var wg sync.WaitGroup
		b.ResetTimer()
		start := time.Now()
		for range conns {
			wg.Go(func() {
				for {
					mu.Lock()
					i := next
					next++
					mu.Unlock()
					if i >= b.N {
						return
					}
					d, err := send(r, i)
					if err != nil {
						b.Error(err)
						return
					}
					mu.Lock()
					lat = append(lat, d)
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		elapsed := time.Since(start)
		b.StopTimer()
		if len(lat) == 0 {
			return
		}
		slices.Sort(lat)
		pct := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
		b.ReportMetric(float64(len(lat))/elapsed.Seconds(), "req/s")
		b.ReportMetric(pct(0.50), "p50-ms")
		b.ReportMetric(pct(0.99), "p99-ms")
	}
	b.Run("search", func(b *testing.B) {
		measure(b, 32, request{url: offline.url, path: "/v1/search", body: func(i int) map[string]any {
			return map[string]any{"query": questions[i%len(questions)], "k": 5}
		}})
	})
	b.Run("ask-extractive", func(b *testing.B) {
		measure(b, 32, request{url: offline.url, path: "/v1/ask", body: func(i int) map[string]any {
			return map[string]any{"question": questions[i%len(questions)]}
		}})
	})
	// One writer per data dir: stop this server before the next one starts (and
	// hand its result back to the cleanup that waits for it).
	offline.stop()
	err := <-offline.done
	offline.done <- err

	env["OPENAI_BASE_URL"], env["OPENAI_API_KEY"], env["JAWAB_CHAT_MODEL"] = llmSrv.BaseURL, llmSrv.APIKey, "fake"
	withLLM := startServe(b, env)
	viaJawab := request{url: withLLM.url, path: "/v1/ask", firstDelta: true, body: func(i int) map[string]any {
		return map[string]any{"question": questions[i%len(questions)], "stream": true}
	}}
	direct := request{url: strings.TrimSuffix(llmSrv.BaseURL, "/"), path: "/chat/completions", firstDelta: true,
		header: map[string]string{"Authorization": "Bearer " + llmSrv.APIKey, "Accept": "text/event-stream"},
		body: func(i int) map[string]any {
			return map[string]any{"model": "fake", "stream": true, "messages": []map[string]string{{"role": "user", "content": questions[i%len(questions)]}}}
		}}
	// An LLM that answers at once makes the 2 cores the bottleneck at 32
	// connections, so the difference there is mostly waiting for a core; with a
	// model that takes 200 ms to its first token (fast, for a hosted model) the
	// model is the bottleneck, as in production, and the difference is jawab's.
	for _, delay := range []time.Duration{0, 200 * time.Millisecond} {
		ttft.Store(int64(delay))
		for _, conns := range []int{32, 1} {
			if delay > 0 && conns == 1 {
				continue // as at once, only 200 ms slower: b.N requests one at a time would take long
			}
			name := fmt.Sprintf("ttft=%s/conns=%d", delay, conns)
			b.Run("ask-llm-first-delta/"+name, func(b *testing.B) { measure(b, conns, viaJawab) })
			b.Run("llm-direct-first-token/"+name, func(b *testing.B) { measure(b, conns, direct) })
		}
	}
}
