package app

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jawab/jawab/index/ingest"
	"github.com/jawab/jawab/rag"
)

// recorder keeps the notices an opening gave.
type recorder struct{ bundling, bundled, warnings []string }

func (r *recorder) notices() Notices {
	return Notices{
		Warning:  func(msg string) { r.warnings = append(r.warnings, msg) },
		Bundling: func(dir string) { r.bundling = append(r.bundling, dir) },
		Bundled: func(sum ingest.Summary) {
			r.bundled = append(r.bundled, strings.Repeat("+", sum.Added))
		},
	}
}

// testConfig is the offline configuration over a new data dir.
func testConfig(t *testing.T) Config {
	t.Helper()
	c, err := LoadConfig(env(nil), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// On a fresh data dir, OpenForAsk ingests the bundled collection, says so
// through the notices, and the answerer answers from it; the next opening
// finds the index and ingests nothing.
func TestOpenForAskIngestsTheBundledCollectionOnce(t *testing.T) {
	ctx := context.Background()
	cfg := testConfig(t)
	var rec recorder
	ix, err := cfg.OpenForAsk(ctx, rec.notices())
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.bundling) != 1 || rec.bundling[0] != cfg.DataDir || len(rec.bundled) != 1 || rec.bundled[0] != "+++++" {
		t.Errorf("notices: bundling %q, bundled %q; want one each, for %s and 5 documents", rec.bundling, rec.bundled, cfg.DataDir)
	}
	a, err := cfg.Answerer(ix)
	if err != nil {
		t.Fatal(err)
	}
	if GeneratorName(a) != "extractive" || a.CorpusLang != "ur" {
		t.Errorf("generator %q, corpus language %q; want extractive over ur", GeneratorName(a), a.CorpusLang)
	}
	ans, err := a.Ask(ctx, rag.Question{Text: "پاکستان اور سوویت یونین کے درمیان سفارتی تعلقات کب قائم ہوئے؟"})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Refused || !strings.Contains(ans.Answer, "یکم مئی 1948") || len(ans.Citations) == 0 || ans.Citations[0].DocID != "000_c226a50e9c4de795" {
		t.Errorf("answer %q citing %+v; want 1 May 1948 from 000_c226a50e9c4de795", ans.Answer, ans.Citations)
	}
	ix.Close()

	rec = recorder{}
	ix, err = cfg.OpenForAsk(ctx, rec.notices())
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if len(rec.bundling)+len(rec.bundled) != 0 {
		t.Errorf("the second opening ingested again: %q %q", rec.bundling, rec.bundled)
	}
}

// An index built for one ranking model refuses another, naming where the
// configured one came from; Reindex rebuilds it for the configured one.
func TestOpenForWriteRefusesAnotherRankModelUntilReindexed(t *testing.T) {
	ctx := context.Background()
	cfg := testConfig(t)
	var rec recorder
	ix, readOnly, err := cfg.OpenForServe(ctx, rec.notices())
	if err != nil || readOnly {
		t.Fatalf("OpenForServe: read-only %v, %v", readOnly, err)
	}
	if len(rec.bundled) != 1 {
		t.Errorf("a fresh server did not ingest the bundled collection: %q", rec.bundled)
	}
	builtin := ix.Model.Version
	ix.Close()

	// The configuration of another model file, read already.
	m := *ix.Model
	m.Version = "rank-other"
	other := cfg
	other.model, other.RankModelFile = &m, filepath.Join(t.TempDir(), "rank-other.json.gz")
	_, err = other.OpenForWrite(ctx, Notices{})
	if rag.ErrorCode(err) != rag.Conflict || !strings.Contains(err.Error(), "JAWAB_RANK_MODEL="+other.RankModelFile) {
		t.Fatalf("err = %v, want a conflict naming JAWAB_RANK_MODEL=%s", err, other.RankModelFile)
	}
	var steps int
	r, err := other.Reindex(ctx, func(done, total int) { steps = done })
	if err != nil {
		t.Fatal(err)
	}
	if r.From.Ranker != builtin || r.To.Ranker != "rank-other" || r.Stats.Documents != 5 || steps != 5 {
		t.Errorf("reindexed %+v after %d steps; want 5 documents from %q to rank-other", r, steps, builtin)
	}
	ix, err = other.OpenForWrite(ctx, Notices{})
	if err != nil {
		t.Fatalf("after reindex: %v", err)
	}
	ix.Close()
}
