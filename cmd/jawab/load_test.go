package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/jawab/jawab/llm/llmtest"
)

// The load benchmark: "jawab serve" on loopback over about 10k chunks (the 500
// urdu-news articles five times over, each copy a little different), with 32
// concurrent clients (2 cores × parallelism 16), asking the Urdu questions of the
// eval set in turn:
//
//	go test ./cmd/jawab -run '^$' -bench ServeLoad -benchtime 2000x
//
// It reports requests per second and p50/p99 latency for /v1/search and the
// extractive /v1/ask, and for a streamed /v1/ask with a fake LLM that answers at
// once, the time until the first delta reaches the client: what jawab adds
// before a real model's first token.
func BenchmarkServeLoad(b *testing.B) {
	if testing.Short() {
		b.Skip("slow: ingests 2,500 articles")
	}
	llmSrv := llmtest.NewServer(b, llmtest.Options{Respond: func(_ int, req llmtest.Request) llmtest.Reply {
		if !req.Stream {
			return llmtest.Text("سوال")
		}
		return llmtest.Stream("جواب ", "یہ ہے ", "[1]۔")
	}})
	data := loadCorpus(b)
	env := map[string]string{"JAWAB_DATA": data, "JAWAB_RATE": "1000000", "JAWAB_BURST": "1000000"}
	offline := startServe(b, env)

	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	questions := loadQuestions(b)
	post := func(url, path string, body map[string]any) (*http.Response, error) {
		j, _ := json.Marshal(body)
		return client.Post(url+path, "application/json", bytes.NewReader(j))
	}
	measure := func(b *testing.B, url, path string, body func(i int) map[string]any, firstDelta bool) {
		var mu sync.Mutex
		var lat []time.Duration
		n := 0
		b.SetParallelism(16)
		b.ResetTimer()
		start := time.Now()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				mu.Lock()
				i := n
				n++
				mu.Unlock()
				t0 := time.Now()
				resp, err := post(url, path, body(i))
				if err != nil {
					b.Error(err)
					return
				}
				var d time.Duration
				if firstDelta {
					sc := bufio.NewScanner(resp.Body)
					for sc.Scan() {
						if sc.Text() == "event: delta" {
							d = time.Since(t0)
							break
						}
					}
					for sc.Scan() {
					}
				} else {
					var sink bytes.Buffer
					sink.ReadFrom(resp.Body)
					d = time.Since(t0)
				}
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					b.Errorf("%s: status %d", path, resp.StatusCode)
					return
				}
				mu.Lock()
				lat = append(lat, d)
				mu.Unlock()
			}
		})
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
		measure(b, offline.url, "/v1/search", func(i int) map[string]any {
			return map[string]any{"query": questions[i%len(questions)], "k": 5}
		}, false)
	})
	b.Run("ask-extractive", func(b *testing.B) {
		measure(b, offline.url, "/v1/ask", func(i int) map[string]any {
			return map[string]any{"question": questions[i%len(questions)]}
		}, false)
	})
	// One writer per data dir: stop this server before the next one starts (and
	// hand its result back to the cleanup that waits for it).
	offline.stop()
	err := <-offline.done
	offline.done <- err

	env["OPENAI_BASE_URL"], env["OPENAI_API_KEY"], env["JAWAB_CHAT_MODEL"] = llmSrv.BaseURL, llmSrv.APIKey, "fake"
	withLLM := startServe(b, env)
	b.Run("ask-llm-first-delta", func(b *testing.B) {
		measure(b, withLLM.url, "/v1/ask", func(i int) map[string]any {
			return map[string]any{"question": questions[i%len(questions)], "stream": true}
		}, true)
	})
}
