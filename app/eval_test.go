package app

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/jawab/jawab/index/ingest"
	"github.com/jawab/jawab/index/load"
	"github.com/jawab/jawab/rag"
	"github.com/jawab/jawab/xlang"
)

// The corpus of an evaluation is ingested beside what the index holds, and
// the notes for the report say what failed and what else takes part.
func TestIngestForEval(t *testing.T) {
	ctx := context.Background()
	cfg := testConfig(t)
	ix, err := cfg.OpenForAsk(ctx, Notices{}) // the 5 bundled articles
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	corpus := t.TempDir()
	for name, text := range map[string]string{
		"gas.txt":  "گیس پائپ لائن\n\nپاکستان اور روس نے 2021 میں گیس پائپ لائن کے معاہدے پر دستخط کیے۔",
		"visa.txt": "ویزا\n\nروس نے پاکستانی شہریوں کے لیے آن لائن ویزا کی سہولت شروع کی۔",
		"bad.txt":  "خبر \xff\xfe متن",
	} {
		if err := os.WriteFile(filepath.Join(corpus, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fsys, root, err := load.Open(corpus)
	if err != nil {
		t.Fatal(err)
	}
	var events int
	sum, notes, err := ix.IngestForEval(ctx, []ingest.Source{{FS: fsys, Root: root}}, func(ingest.Event) { events++ })
	if err != nil {
		t.Fatal(err)
	}
	if sum.Added != 2 || sum.Failed != 1 || events != 3 {
		t.Errorf("summary %+v after %d events; want 2 added, 1 failed, 3 events", sum, events)
	}
	if len(notes) != 2 || !strings.Contains(notes[0], "1 document(s) of the corpus failed") || !strings.Contains(notes[1], "holds 5 document(s) not in --corpus") {
		t.Errorf("notes %q; want the failure and the 5 bundled documents", notes)
	}
}

func TestEvalAnswerer(t *testing.T) {
	ctx := context.Background()
	cfg := testConfig(t)
	ix, err := cfg.OpenForAsk(ctx, Notices{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	def, err := cfg.Answerer(ix)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := def.Offline.(*xlang.Offline); !ok || !def.VectorsAcrossLanguagesOnly {
		t.Fatalf("default answerer: offline %T, vectors across languages only %v", def.Offline, def.VectorsAcrossLanguagesOnly)
	}
	// Offline, every step of an answer runs on the processors, and questions
	// take turns at them; with an LLM (which also translates the questions
	// in the stretch a turn covers) or a reranker, none waits for a turn.
	if def.Admission == nil {
		t.Error("the offline answerer has no admission")
	}
	for name, set := range map[string]func(*Config){
		"chat":   func(c *Config) { c.ChatModel, c.ChatBaseURL = "m", "http://127.0.0.1:1/v1" },
		"rerank": func(c *Config) { c.RerankModel, c.RerankBaseURL = "m", "http://127.0.0.1:1/v1" },
	} {
		remote := cfg
		set(&remote)
		a, err := remote.Answerer(ix)
		if err != nil {
			t.Fatal(err)
		}
		if a.Admission != nil {
			t.Errorf("with a %s model the answerer bounds admission", name)
		}
	}

	keyword := rag.KeywordOnly
	a, err := cfg.EvalAnswerer(ix, EvalOptions{Searches: &keyword, Xlang: "on"})
	if err != nil {
		t.Fatal(err)
	}
	if a.Retriever.Searches != rag.KeywordOnly || a.VectorsAcrossLanguagesOnly || a.Offline == nil {
		t.Errorf("--retriever keyword: searches %v, vectors across languages only %v, offline %T", a.Retriever.Searches, a.VectorsAcrossLanguagesOnly, a.Offline)
	}
	if a, err := cfg.EvalAnswerer(ix, EvalOptions{Xlang: "off"}); err != nil || a.Offline != nil {
		t.Errorf("--xlang off: offline %T, %v; want none", a.Offline, err)
	}
	before := a.Offline
	if err := setXlang(a, "no-names"); err != nil {
		t.Fatal(err)
	}
	if off, ok := a.Offline.(*xlang.Offline); !ok || off == before {
		t.Errorf("--xlang no-names: offline %T; want a copy of the translator without names", a.Offline)
	}
	for _, v := range []string{"", "sideways", "no-verbs"} {
		if _, err := cfg.EvalAnswerer(ix, EvalOptions{Xlang: v}); rag.ErrorCode(err) != rag.Invalid {
			t.Errorf("--xlang %q: %v, want invalid", v, err)
		}
	}
	for v, want := range map[string][]string{"on": nil, "off": rag.TimeParts, "no-latest": {"latest"}, "no-reports": {"reports"}} {
		a, err := cfg.EvalAnswerer(ix, EvalOptions{Xlang: "on", Time: v})
		if err != nil {
			t.Fatalf("--time %s: %v", v, err)
		}
		var got []string
		for p, off := range a.TimeOff {
			if off {
				got = append(got, p)
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, slices.Sorted(slices.Values(want))) {
			t.Errorf("--time %s switched off %v, want %v", v, got, want)
		}
	}
	if _, err := cfg.EvalAnswerer(ix, EvalOptions{Xlang: "on", Time: "no-dates"}); rag.ErrorCode(err) != rag.Invalid {
		t.Errorf("--time no-dates: %v, want invalid", err)
	}
	noLex := cfg
	noLex.Lexicon = "off"
	if _, err := noLex.EvalAnswerer(ix, EvalOptions{Xlang: "no-names"}); rag.ErrorCode(err) != rag.Invalid || !strings.Contains(err.Error(), "JAWAB_LEXICON=off") {
		t.Errorf("--xlang no-names with JAWAB_LEXICON=off: %v, want invalid naming it", err)
	}
}

func TestJudge(t *testing.T) {
	offline := testConfig(t)
	if _, err := offline.Judge(); rag.ErrorCode(err) != rag.Invalid {
		t.Errorf("no chat model: %v, want invalid", err)
	}
	c, err := LoadConfig(env(map[string]string{"JAWAB_CHAT_MODEL": "answerer", "JAWAB_JUDGE_MODEL": "grader", "OPENAI_BASE_URL": "http://127.0.0.1:1/v1"}), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	j, err := c.Judge()
	if err != nil || j.Name() != "grader" {
		t.Errorf("judge %v, %v; want the JAWAB_JUDGE_MODEL", j, err)
	}
}
