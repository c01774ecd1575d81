package main

import (
	"maps"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jawab/jawab/llm/llmtest"
	"github.com/jawab/jawab/rag"
)

const rerankQuestion = "پاکستان اور سوویت یونین کے درمیان سفارتی تعلقات کب قائم ہوئے؟"

// chunkIDs lists the passages of an answer, in order.
func chunkIDs(ps []rag.Passage) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.ChunkID)
	}
	return out
}

// withEnv returns env plus the given pairs.
func withEnv(env map[string]string, kv ...string) map[string]string {
	out := maps.Clone(env)
	for i := 0; i+1 < len(kv); i += 2 {
		out[kv[i]] = kv[i+1]
	}
	return out
}

// fusedAnswer asks without a reranker in a fresh data dir (ingesting the
// bundled collection) and returns the environment and the answer: the fused
// order to compare with.
func fusedAnswer(t *testing.T) (map[string]string, rag.Answer) {
	t.Helper()
	env := map[string]string{"JAWAB_DATA": t.TempDir()}
	ans := askJSON(t, env, rerankQuestion)
	if len(ans.Passages) < 3 {
		t.Fatalf("only %d passages without a reranker", len(ans.Passages))
	}
	for _, w := range ans.Warnings {
		if strings.Contains(w, "reranker") {
			t.Fatalf("a warning about a reranker although none is configured: %q", w)
		}
	}
	return env, ans
}

// backwards scores documents in the reverse of the order they came in, with
// negative scores as from a cross-encoder's logits: a reranker that disagrees
// with the fusion as much as one can. (Word overlap, the fake's default, picks
// the fused first passage for this question, and would not show a reordering.)
func backwards(_ string, docs []string) []float64 {
	scores := make([]float64, len(docs))
	for i := range scores {
		scores[i] = float64(i-len(docs)) + 0.5 // the last document's -0.5 is the best
	}
	return scores
}

// jawab ask --json with a reranker puts the passage the reranker scores
// highest first, whichever wire format and configuration reaches it.
func TestAskRerankedByTheServer(t *testing.T) {
	env, fused := fusedAnswer(t)
	srv := llmtest.NewRerankServer(t, llmtest.RerankOptions{Score: backwards})
	for _, tc := range []struct {
		name     string
		env      map[string]string
		path     string
		depth    int
		wantAuth string
	}{
		{"cohere", withEnv(env, "JAWAB_RERANK_MODEL", "fake-reranker", "JAWAB_RERANK_BASE_URL", srv.BaseURL, "JAWAB_RERANK_API_KEY", srv.APIKey,
			"OPENAI_API_KEY", "not-this-one", "JAWAB_RERANK_DEPTH", "8"), "/v1/rerank", 8, "Bearer " + srv.APIKey},
		{"tei", withEnv(env, "JAWAB_RERANK_MODEL", "fake-reranker", "JAWAB_RERANK_API", "tei", "JAWAB_RERANK_BASE_URL", srv.TEIURL,
			"JAWAB_RERANK_API_KEY", srv.APIKey, "JAWAB_RERANK_DEPTH", "6"), "/rerank", 6, "Bearer " + srv.APIKey},
		// The server and the key default to OPENAI_BASE_URL and
		// OPENAI_API_KEY, and the depth to 20.
		{"openai defaults", withEnv(env, "JAWAB_RERANK_MODEL", "fake-reranker", "OPENAI_BASE_URL", srv.BaseURL, "OPENAI_API_KEY", srv.APIKey),
			"/v1/rerank", 20, "Bearer " + srv.APIKey},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := len(srv.Requests())
			ans := askJSON(t, tc.env, rerankQuestion)
			reqs := srv.Requests()[before:]
			if len(reqs) != 1 {
				t.Fatalf("%d rerank requests, want 1", len(reqs))
			}
			req := reqs[0]
			if req.Path != tc.path || req.Header.Get("Authorization") != tc.wantAuth || req.Query != rerankQuestion {
				t.Errorf("request to %s with %q for %q; want %s, %q and the question", req.Path, req.Header.Get("Authorization"), req.Query, tc.path, tc.wantAuth)
			}
			if len(req.Documents) != tc.depth {
				t.Fatalf("the reranker saw %d passages, want the depth %d", len(req.Documents), tc.depth)
			}
			if req.Documents[0] != fused.Passages[0].Text {
				t.Errorf("the reranker's first document is not the fused first passage")
			}
			// MMR picks the best passage first; after it, diversity may move
			// the others.
			last := req.Documents[len(req.Documents)-1]
			if len(ans.Passages) == 0 || ans.Passages[0].Text != last || ans.Passages[0].Text == fused.Passages[0].Text {
				t.Fatalf("passages %v, want first the reranker's best, the last of the %d fused passages it saw", chunkIDs(ans.Passages), len(req.Documents))
			}
			if slices.Equal(chunkIDs(ans.Passages), chunkIDs(fused.Passages)) {
				t.Errorf("the passages are in the fused order %v", chunkIDs(fused.Passages))
			}
			for _, w := range ans.Warnings {
				if strings.Contains(w, "reranker") {
					t.Errorf("warning: %q", w)
				}
			}
		})
	}
}

// A reranker that fails costs nothing but a warning: the answer comes with
// the passages in the fused order.
func TestAskKeepsFusedOrderWhenRerankerFails(t *testing.T) {
	env, fused := fusedAnswer(t)
	for _, tc := range []struct {
		name         string
		reply        llmtest.RerankReply
		env          []string
		wantRequests int
		wantWarning  string
	}{
		// Retry-After 0 keeps the retries from sleeping.
		{"500s", llmtest.RerankReply{Status: http.StatusInternalServerError, Message: "CUDA error: out of memory", Header: http.Header{"Retry-After": {"0"}}},
			nil, 3, "answered 500: CUDA error: out of memory"},
		{"no retries", llmtest.RerankReply{Status: http.StatusServiceUnavailable, Message: "loading"},
			[]string{"JAWAB_RERANK_RETRIES", "0"}, 1, "answered 503: loading"},
		{"timeout", llmtest.RerankReply{Delay: time.Minute},
			[]string{"JAWAB_RERANK_TIMEOUT", "300ms"}, 1, "did not answer within 300ms"},
		{"wrong indexes", llmtest.RerankReply{Edit: func(rs []llmtest.RerankResult) []llmtest.RerankResult {
			rs[len(rs)-1].Index = rs[0].Index
			return rs
		}}, nil, 1, "twice"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := llmtest.NewRerankServer(t, llmtest.RerankOptions{Respond: func(int, llmtest.RerankRequest) llmtest.RerankReply { return tc.reply }})
			e := withEnv(env, append([]string{"JAWAB_RERANK_MODEL", "fake-reranker", "JAWAB_RERANK_BASE_URL", srv.BaseURL, "JAWAB_RERANK_API_KEY", srv.APIKey}, tc.env...)...)
			start := time.Now()
			ans := askJSON(t, e, rerankQuestion)
			if d := time.Since(start); d > 30*time.Second {
				t.Errorf("the answer took %v", d)
			}
			if got, want := chunkIDs(ans.Passages), chunkIDs(fused.Passages); !slices.Equal(got, want) {
				t.Errorf("passages %v, want the fused order %v", got, want)
			}
			if ans.Answer != fused.Answer || ans.Refused != fused.Refused {
				t.Errorf("answer %q (refused %v), want the one without a reranker, %q", ans.Answer, ans.Refused, fused.Answer)
			}
			var warning string
			for _, w := range ans.Warnings {
				if strings.Contains(w, "reranker") {
					warning = w
				}
			}
			if !strings.Contains(warning, "the reranker fake-reranker failed") || !strings.Contains(warning, "fused order") ||
				!strings.Contains(warning, tc.wantWarning) {
				t.Errorf("warnings %q, want one naming fake-reranker, the fused order and %q", ans.Warnings, tc.wantWarning)
			}
			if strings.Contains(strings.Join(ans.Warnings, " "), srv.APIKey) {
				t.Errorf("a warning carries the API key: %q", ans.Warnings)
			}
			if n := len(srv.Requests()); n != tc.wantRequests {
				t.Errorf("%d rerank requests, want %d", n, tc.wantRequests)
			}
		})
	}
}

func TestRerankConfigErrors(t *testing.T) {
	ok := map[string]string{"JAWAB_DATA": t.TempDir(), "JAWAB_RERANK_MODEL": "m", "JAWAB_RERANK_BASE_URL": "http://localhost:8080"}
	for _, tc := range []struct {
		name string
		env  map[string]string
		want string
	}{
		{"depth 0", withEnv(ok, "JAWAB_RERANK_DEPTH", "0"), "JAWAB_RERANK_DEPTH=\"0\" is not a number of passages from 1 to 100"},
		{"depth too large", withEnv(ok, "JAWAB_RERANK_DEPTH", "101"), "JAWAB_RERANK_DEPTH=\"101\""},
		{"depth not a number", withEnv(ok, "JAWAB_RERANK_DEPTH", "all"), "JAWAB_RERANK_DEPTH=\"all\""},
		{"unknown API", withEnv(ok, "JAWAB_RERANK_API", "voyage"), "JAWAB_RERANK_API=\"voyage\": want cohere"},
		{"timeout", withEnv(ok, "JAWAB_RERANK_TIMEOUT", "5"), "JAWAB_RERANK_TIMEOUT=\"5\" is not a duration"},
		{"negative timeout", withEnv(ok, "JAWAB_RERANK_TIMEOUT", "-1s"), "JAWAB_RERANK_TIMEOUT=\"-1s\""},
		{"retries", withEnv(ok, "JAWAB_RERANK_RETRIES", "-1"), "JAWAB_RERANK_RETRIES=\"-1\""},
		{"not a URL", withEnv(ok, "JAWAB_RERANK_BASE_URL", "localhost:8080"), "JAWAB_RERANK_BASE_URL=\"localhost:8080\" is not an http(s) URL"},
		{"no server", map[string]string{"JAWAB_DATA": t.TempDir(), "JAWAB_RERANK_MODEL": "m"}, "set JAWAB_RERANK_BASE_URL"},
		{"no model", map[string]string{"JAWAB_DATA": t.TempDir(), "JAWAB_RERANK_BASE_URL": "http://localhost:8080"}, "JAWAB_RERANK_BASE_URL is set but JAWAB_RERANK_MODEL is not"},
		{"depth without a model", map[string]string{"JAWAB_DATA": t.TempDir(), "JAWAB_RERANK_DEPTH": "10"}, "JAWAB_RERANK_DEPTH is set but JAWAB_RERANK_MODEL is not"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := jawab(t, tc.env, "ask", rerankQuestion)
			if rag.ErrorCode(r.err) != rag.Invalid || !strings.Contains(r.err.Error(), tc.want) {
				t.Errorf("err = %v (%s), want invalid saying %q", r.err, rag.ErrorCode(r.err), tc.want)
			}
		})
	}
}
