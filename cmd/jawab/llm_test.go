package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/jawab/jawab/llm/llmtest"
	"github.com/jawab/jawab/rag"
)

// chatEnv configures jawab to use the fake LLM server, with a fresh data dir.
func chatEnv(t *testing.T, srv *llmtest.Server) map[string]string {
	return map[string]string{"JAWAB_DATA": t.TempDir(), "OPENAI_BASE_URL": srv.BaseURL, "OPENAI_API_KEY": srv.APIKey, "JAWAB_CHAT_MODEL": "fake-chat"}
}

func askJSON(t *testing.T, env map[string]string, args ...string) rag.Answer {
	t.Helper()
	r := mustJawab(t, env, append([]string{"ask", "--json"}, args...)...)
	var ans rag.Answer
	if err := json.Unmarshal([]byte(r.stdout), &ans); err != nil {
		t.Fatalf("answer JSON: %v\n%s", err, r.stdout)
	}
	return ans
}

// The acceptance check: with an LLM configured, the English question is
// translated, finds the 1948 passage of 000_c226a50e9c4de795, and is answered in
// English with its citation.
func TestEnglishQuestionIsTranslatedAndAnsweredWithLLM(t *testing.T) {
	srv := llmtest.NewServer(t, llmtest.Options{Respond: func(n int, req llmtest.Request) llmtest.Reply {
		if !req.Stream { // the translation
			return llmtest.Text("پاکستان اور سوویت یونین کے درمیان سفارتی تعلقات کب قائم ہوئے؟")
		}
		return llmtest.Stream("Diplomatic relations were established ", "on 1 May 1948 in New York [1].")
	}})
	ans := askJSON(t, chatEnv(t, srv), "When were diplomatic relations between Pakistan and the Soviet Union established?")
	if ans.Generator != "fake-chat" || ans.Lang != "en" || ans.Refused {
		t.Fatalf("answer: %+v", ans)
	}
	if !strings.Contains(ans.Answer, "1 May 1948") || len(ans.Citations) == 0 || ans.Citations[0].DocID != "000_c226a50e9c4de795" {
		t.Errorf("answer %q cites %+v, want 1948 cited from 000_c226a50e9c4de795", ans.Answer, ans.Citations)
	}
	if !strings.Contains(ans.Passages[0].Text, "یکم مئی 1948") {
		t.Errorf("top passage is not the 1948 one: %s", ans.Passages[0].Text)
	}
	reqs := srv.Requests()
	if len(reqs) != 2 || reqs[0].Stream || !reqs[1].Stream {
		t.Fatalf("requests: %d (want a translation then a streamed answer)", len(reqs))
	}
	if !strings.Contains(reqs[1].User(), "یکم مئی 1948") || !strings.Contains(reqs[1].System(), "English") {
		t.Errorf("answer prompt lacks the passage or the language:\nsystem: %s\nuser: %s", reqs[1].System(), reqs[1].User())
	}
}

func TestLLMFailureFallsBackToExtractive(t *testing.T) {
	srv := llmtest.NewServer(t, llmtest.Options{Respond: func(int, llmtest.Request) llmtest.Reply {
		return llmtest.Error(500, "the model crashed")
	}})
	env := chatEnv(t, srv)
	ans := askJSON(t, env, "پاکستان اور سوویت یونین کے درمیان سفارتی تعلقات کب قائم ہوئے؟")
	if ans.Refused || ans.Generator != "extractive" || !strings.Contains(ans.Answer, "1948") {
		t.Fatalf("fallback answer: %+v", ans)
	}
	found := false
	for _, w := range ans.Warnings {
		found = found || strings.Contains(w, "the LLM failed")
	}
	if !found {
		t.Errorf("no warning about the failed LLM: %v", ans.Warnings)
	}
	if len(srv.Requests()) < 2 {
		t.Errorf("the LLM was not retried (%d requests)", len(srv.Requests()))
	}
}

func TestInventedCitationsAreDropped(t *testing.T) {
	srv := llmtest.NewServer(t, llmtest.Options{Respond: func(int, llmtest.Request) llmtest.Reply {
		return llmtest.Stream("سفارتی تعلقات یکم مئی 1948 کو قائم ہوئے [1][9]۔")
	}})
	ans := askJSON(t, chatEnv(t, srv), "پاکستان اور سوویت یونین کے درمیان سفارتی تعلقات کب قائم ہوئے؟")
	if strings.Contains(ans.Answer, "[9]") || !strings.Contains(ans.Answer, "[1]") {
		t.Errorf("answer %q: want [9] dropped and [1] kept", ans.Answer)
	}
	for _, c := range ans.Citations {
		if c.N < 1 || c.N > len(ans.Passages) {
			t.Errorf("citation to passage %d of %d", c.N, len(ans.Passages))
		}
	}
	if len(ans.Citations) == 0 || !ans.Citations[0].Supported {
		t.Errorf("the supported 1948 sentence is not marked supported: %+v", ans.Citations)
	}
}

// Offline, an English question over the Urdu collection must not get a confident
// answer from the wrong passage: it is refused, in English, saying why.
func TestOfflineEnglishQuestionGetsHonestReply(t *testing.T) {
	env := map[string]string{"JAWAB_DATA": t.TempDir()}
	ans := askJSON(t, env, "When were diplomatic relations between Pakistan and the Soviet Union established?")
	if !ans.Refused || ans.Lang != "en" || !strings.Contains(ans.Answer, "collection is in Urdu") || !strings.Contains(ans.Answer, "JAWAB_CHAT_MODEL") {
		t.Errorf("offline English answer: %q (refused %v)", ans.Answer, ans.Refused)
	}
}

func TestArabicCodePointsFindTheSamePassages(t *testing.T) {
	env := map[string]string{"JAWAB_DATA": t.TempDir()}
	urdu := askJSON(t, env, "روس نے پاکستان کو کورونا ویکسین کی کتنی ڈوز دیں؟")
	arabic := askJSON(t, env, "روس نے پاكستان كو كورونا ويكسين كي كتني ڈوز ديں؟")
	if len(urdu.Passages) == 0 || len(urdu.Passages) != len(arabic.Passages) {
		t.Fatalf("passages: %d vs %d", len(urdu.Passages), len(arabic.Passages))
	}
	for i := range urdu.Passages {
		if urdu.Passages[i].ChunkID != arabic.Passages[i].ChunkID {
			t.Errorf("passage %d: %s (Urdu) vs %s (Arabic code points)", i+1, urdu.Passages[i].ChunkID, arabic.Passages[i].ChunkID)
		}
	}
	if urdu.Answer != arabic.Answer {
		t.Errorf("answers differ:\n%s\n%s", urdu.Answer, arabic.Answer)
	}
}

func TestAskRejectsBadK(t *testing.T) {
	for _, k := range []string{"0", "51", "-3"} {
		r := jawab(t, map[string]string{"JAWAB_DATA": t.TempDir()}, "ask", "--k", k, "سوال")
		if rag.ErrorCode(r.err) != rag.Invalid {
			t.Errorf("--k %s: err = %v, want invalid", k, r.err)
		}
	}
}
