package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/jawab/jawab/rag"
)

// The README's main command: on a fresh data dir, ask ingests the bundled corpus
// and answers with citations that quote the stored text exactly.
func TestAskOnFreshDataDir(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"JAWAB_DATA": dir}
	r := mustJawab(t, env, "ask", "--json", "روس نے پاکستان کو کورونا ویکسین کی کتنی ڈوز دیں؟")
	if !strings.Contains(r.stderr, "ingesting the bundled") {
		t.Errorf("no notice of the first-use ingest:\n%s", r.stderr)
	}
	var ans rag.Answer
	if err := json.Unmarshal([]byte(r.stdout), &ans); err != nil {
		t.Fatalf("answer JSON: %v\n%s", err, r.stdout)
	}
	if ans.Refused || ans.Lang != "ur" || ans.Generator != "extractive" || len(ans.Citations) == 0 {
		t.Fatalf("answer: %+v", ans)
	}
	if !strings.Contains(ans.Answer, "پچاس ہزار ڈوز") || !strings.Contains(ans.Answer, "[1]") {
		t.Errorf("answer does not state the 50,000 doses with a citation: %s", ans.Answer)
	}
	if len(ans.Warnings) == 0 || !strings.Contains(ans.Warnings[0], "no LLM configured") {
		t.Errorf("answer not labelled as extractive without an LLM: %v", ans.Warnings)
	}
	for _, c := range ans.Citations {
		var shown struct{ Document rag.Document }
		out := mustJawab(t, env, "docs", "show", c.DocID, "--json")
		json.Unmarshal([]byte(out.stdout), &shown)
		if got := string([]rune(shown.Document.Text)[c.Start:c.End]); got != c.Quote {
			t.Errorf("citation [%d] offsets quote %q, want %q", c.N, got, c.Quote)
		}
	}

	r = mustJawab(t, env, "ask", "فرانس کا دارالحکومت کیا ہے؟")
	if strings.Contains(r.stderr, "ingesting") {
		t.Error("second ask ingested again")
	}
	if !strings.Contains(r.stdout, rag.Refusal("ur")) {
		t.Errorf("unanswerable question not refused:\n%s", r.stdout)
	}
	if r := jawab(t, env, "ask", "   "); rag.ErrorCode(r.err) != rag.Invalid {
		t.Errorf("empty question: err = %v, want invalid", r.err)
	}
	if r := jawab(t, env, "ask", "\xff\xfe"); rag.ErrorCode(r.err) != rag.Invalid {
		t.Errorf("invalid UTF-8 question: err = %v, want invalid", r.err)
	}
}
