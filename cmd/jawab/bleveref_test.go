package main

// A reference for jawab's retrieval: Bleve's BM25 over the very passages jawab
// indexes, scored on the same questions by the eval package's hit rule, beside
// what `jawab eval` reports for each retriever. Run it as
//
//	go test ./cmd/jawab -run TestBM25Reference -v
//
// with JAWAB_REF_CORPUS (paths as for --corpus, separated by the OS list
// separator) and JAWAB_REF_QA (a question file) to measure another set. The
// default is testdata/pk-ru with testdata/eval/pk-ru.jsonl. JAWAB_* and
// OPENAI_* variables reach jawab eval as they would from a shell (a remote
// embedder, say).

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/standard"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"github.com/jawab/jawab/eval"
	"github.com/jawab/jawab/index/ingest"
	"github.com/jawab/jawab/index/load"
	"github.com/jawab/jawab/rag"
)

// refChunks loads the corpus as jawab eval does (load.Open, load.Walk, the
// first of two documents with one id kept) and splits each document with the
// ingester's own chunker, so that both engines index the same passages under
// the same chunk ids. It also returns how many inputs failed to load.
func refChunks(ctx context.Context, paths []string) (chunks []rag.Chunk, failed int, err error) {
	var in ingest.Ingester // Chunk needs no store: default chunking, as ingest
	seen := map[string]bool{}
	for _, p := range paths {
		fsys, root, err := load.Open(p)
		if err != nil {
			return nil, 0, err
		}
		for item := range load.Walk(ctx, fsys, root, load.Options{Source: sourceName(p)}) {
			if item.Err != nil || seen[item.Doc.ID] {
				failed++
				continue
			}
			seen[item.Doc.ID] = true
			cs, _ := in.Chunk(item.Doc)
			chunks = append(chunks, cs...)
		}
	}
	return chunks, failed, ctx.Err()
}

// bleveRef is an in-memory Bleve index of chunks: the standard analyser
// (Unicode word segmentation, lower case, English stop words) and BM25.
type bleveRef struct {
	idx  bleve.Index
	text map[string]string // chunk id → text
	// meanLen is the mean number of tokens of a passage; avgdl what Bleve's
	// BM25 divides a passage's length by: the field's vocabulary per passage
	// (index_impl's FieldCardinality over the document count, rounded up), not
	// the mean length, so its length normalisation is not textbook BM25's.
	meanLen, avgdl float64
}

func newBleveRef(chunks []rag.Chunk) (*bleveRef, error) {
	im := bleve.NewIndexMapping()
	im.ScoringModel = bleveindex.BM25Scoring
	im.DefaultAnalyzer = standard.Name
	field := bleve.NewTextFieldMapping()
	field.Analyzer = standard.Name
	field.Store, field.IncludeInAll, field.IncludeTermVectors = false, false, false
	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt("text", field)
	im.DefaultMapping = dm
	// Scorch, not NewMemOnly's upsidedown: only scorch knows the field
	// statistics BM25 needs; upsidedown falls back to TF-IDF without a word.
	idx, err := bleve.NewUsing("", im, scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, err
	}
	ref := &bleveRef{idx: idx, text: make(map[string]string, len(chunks))}
	b := idx.NewBatch()
	tokens := 0
	for _, c := range chunks {
		ref.text[c.ID] = c.Text
		ts, err := im.AnalyzeText(standard.Name, []byte(c.Text))
		if err != nil {
			idx.Close()
			return nil, err
		}
		tokens += len(ts)
		if err := b.Index(c.ID, map[string]any{"text": c.Text}); err != nil {
			idx.Close()
			return nil, err
		}
		if b.Size() >= 1000 {
			if err := idx.Batch(b); err != nil {
				idx.Close()
				return nil, err
			}
			b.Reset()
		}
	}
	if err := idx.Batch(b); err != nil {
		idx.Close()
		return nil, err
	}
	if len(chunks) > 0 {
		dict, err := idx.FieldDict("text")
		if err != nil {
			idx.Close()
			return nil, err
		}
		vocab := dict.Cardinality()
		dict.Close()
		ref.meanLen = float64(tokens) / float64(len(chunks))
		ref.avgdl = math.Ceil(float64(vocab) / float64(len(chunks)))
	}
	return ref, nil
}

// search returns the ids of the k best chunks for a question (a match query:
// any of its words), ties broken by chunk id.
func (r *bleveRef) search(ctx context.Context, question string, k int, explain bool) (*bleve.SearchResult, error) {
	q := bleve.NewMatchQuery(question)
	q.SetField("text")
	req := bleve.NewSearchRequestOptions(q, k, 0, explain)
	req.SortBy([]string{"-_score", "_id"})
	return r.idx.SearchInContext(ctx, req)
}

// refResult is one answerable question's outcome, as the eval package counts
// it: the 1-based rank of the first passage holding evidence (0 when none is
// in the top eval.RankDepth) and how many passages the answer was given.
type refResult struct {
	lang    string
	hitRank int
	used    int
}

// refMetrics is a row of the table.
type refMetrics struct {
	N                int
	Hit1, Hit5, MRR  float64
	hitAny, noAnswer int // first hit in the top RankDepth; no passage at all
}

// summarizeRef computes hit@1, hit@5 and mrr as eval does (over answerable
// questions, hit@5 within the passages the answer was given, rounded to 4
// decimals), for the questions of lang, or all when lang is "".
func summarizeRef(rs []refResult, lang string) refMetrics {
	var m refMetrics
	var hit1, hit5 int
	var rr float64
	for _, r := range rs {
		if lang != "" && r.lang != lang {
			continue
		}
		m.N++
		if r.hitRank == 1 {
			hit1++
		}
		if r.hitRank >= 1 && r.hitRank <= min(5, r.used) {
			hit5++
		}
		if r.hitRank >= 1 && r.hitRank <= eval.RankDepth {
			rr += 1 / float64(r.hitRank)
			m.hitAny++
		}
		if r.used == 0 {
			m.noAnswer++
		}
	}
	if m.N > 0 {
		m.Hit1, m.Hit5, m.MRR = round4(float64(hit1)/float64(m.N)), round4(float64(hit5)/float64(m.N)), round4(rr/float64(m.N))
	}
	return m
}

func round4(x float64) float64 {
	return float64(int64(x*10000+0.5)) / 10000
}

// bleveResults asks Bleve every answerable question and ranks its top
// RankDepth by the eval package's hit rule (eval.HasEvidence).
func (r *bleveRef) results(ctx context.Context, qs []eval.Question) ([]refResult, error) {
	var out []refResult
	for _, q := range qs {
		if !q.Answerable {
			continue
		}
		res, err := r.search(ctx, strings.TrimSpace(q.Question), eval.RankDepth, false)
		if err != nil {
			return nil, fmt.Errorf("bleve: %s: %w", q.ID, err)
		}
		rr := refResult{lang: q.Lang, used: min(5, len(res.Hits))}
		for i, h := range res.Hits {
			if eval.HasEvidence(r.text[h.ID], q.Evidence) {
				rr.hitRank = i + 1
				break
			}
		}
		out = append(out, rr)
	}
	return out, nil
}

// jawabResults recomputes a jawab eval report's retrieval scores from the
// passages it lists, by the same rule and code as Bleve's, and checks every
// step against what the report says: each passage's text is the chunk of that
// id, each passage's hit flag is eval.HasEvidence, each question's hit rank
// is the rank of its first hit.
func jawabResults(t *testing.T, rep *eval.Report, qs []eval.Question, text map[string]string) []refResult {
	t.Helper()
	byID := map[string]eval.Question{}
	for _, q := range qs {
		byID[q.ID] = q
	}
	var out []refResult
	for _, r := range rep.Questions {
		q := byID[r.ID]
		rank, used := 0, 0
		for _, p := range r.Passages {
			if want, ok := text[p.ChunkID]; !ok || want != p.Text {
				t.Errorf("%s %s: passage %s is not the chunk of that id jawab's chunker makes", rep.Retriever, r.ID, p.ChunkID)
			}
			hit := eval.HasEvidence(p.Text, q.Evidence)
			if hit != p.Hit {
				t.Errorf("%s %s: passage %d hit %v in the report, %v by eval.HasEvidence", rep.Retriever, r.ID, p.Rank, p.Hit, hit)
			}
			if p.Used {
				used++
			}
			if hit && rank == 0 && p.Rank <= eval.RankDepth {
				rank = p.Rank
			}
		}
		if !r.Answerable {
			continue
		}
		if rank != r.HitRank {
			t.Errorf("%s %s: hit rank %d in the report, %d from its passages", rep.Retriever, r.ID, r.HitRank, rank)
		}
		out = append(out, refResult{lang: r.Lang, hitRank: rank, used: used})
	}
	return out
}

// refEnv is the environment jawab eval sees: the JAWAB_* and OPENAI_*
// variables of this process, but for the data dir (eval makes its own).
func refEnv() map[string]string {
	env := map[string]string{}
	for _, kv := range os.Environ() {
		k, v, _ := strings.Cut(kv, "=")
		if (strings.HasPrefix(k, "JAWAB_") || strings.HasPrefix(k, "OPENAI_")) && !strings.HasPrefix(k, "JAWAB_REF_") && k != "JAWAB_DATA" {
			env[k] = v
		}
	}
	return env
}

// refRun is one `jawab eval` configuration of the table.
type refRun struct {
	label, retriever, rerank, expand string
}

var refRuns = []refRun{
	{"jawab keyword, rerank off, expand off (its BM25 alone)", "keyword", "off", "off"},
	{"jawab keyword, rerank off, expand on", "keyword", "off", "on"},
	{"jawab keyword, rerank on, expand off", "keyword", "on", "off"},
	{"jawab keyword, rerank on, expand on", "keyword", "on", "on"},
	{"jawab vector, rerank off", "vector", "off", "on"},
	{"jawab vector, rerank on", "vector", "on", "on"},
	{"jawab hybrid, rerank off", "hybrid", "off", "on"},
	{"jawab hybrid, rerank on", "hybrid", "on", "on"},
	{"jawab default (keyword; vectors across languages), rerank on, expand off", "default", "on", "off"},
	{"jawab default (keyword; vectors across languages), rerank on, expand on", "default", "on", "on"},
}

// TestBM25Reference measures Bleve's BM25 and jawab's retrievers on one corpus
// and question file and prints them side by side as a markdown table.
func TestBM25Reference(t *testing.T) {
	ctx := t.Context()
	corpus := []string{evalCorpus}
	qaPath := evalQA
	custom := os.Getenv("JAWAB_REF_CORPUS") != "" || os.Getenv("JAWAB_REF_QA") != ""
	if custom {
		corpus = filepath.SplitList(os.Getenv("JAWAB_REF_CORPUS"))
		qaPath = os.Getenv("JAWAB_REF_QA")
		if len(corpus) == 0 || qaPath == "" {
			t.Fatal("set both JAWAB_REF_CORPUS and JAWAB_REF_QA, or neither")
		}
	}
	qs, err := readQuestions(qaPath)
	if err != nil {
		t.Fatal(err)
	}
	chunks, failed, err := refChunks(ctx, corpus)
	if err != nil {
		t.Fatal(err)
	}
	ref, err := newBleveRef(chunks)
	if err != nil {
		t.Fatal(err)
	}
	defer ref.idx.Close()
	bleveRes, err := ref.results(ctx, qs)
	if err != nil {
		t.Fatal(err)
	}
	// Questions whose evidence is in no passage at all: no engine can hit them.
	unfindable := 0
	for _, q := range qs {
		if q.Answerable && !slices.ContainsFunc(chunks, func(c rag.Chunk) bool { return eval.HasEvidence(c.Text, q.Evidence) }) {
			unfindable++
		}
	}

	type row struct {
		label string
		res   []refResult
	}
	rows := []row{{"bleve-bm25", bleveRes}}
	env := refEnv()
	for _, run := range refRuns {
		out := filepath.Join(t.TempDir(), "report.json")
		args := []string{"eval", "--format", "json", "--out", out, "--concurrency", "4", "--qa", qaPath, "--rerank", run.rerank, "--expand", run.expand}
		if run.retriever != "default" {
			args = append(args, "--retriever", run.retriever)
		}
		for _, p := range corpus {
			args = append(args, "--corpus", p)
		}
		r := jawab(t, env, args...)
		if r.err != nil && !errors.Is(r.err, errFailed) {
			t.Fatalf("jawab %s: %v\n%s", strings.Join(args, " "), r.err, r.stderr)
		}
		rep := readRefReport(t, out)
		if rep.Retriever != run.retriever || rep.Rerank != run.rerank || rep.Expand != run.expand {
			t.Errorf("%s: the report says retriever %q, rerank %q, expand %q", run.label, rep.Retriever, rep.Rerank, rep.Expand)
		}
		label := run.label
		if rep.Errors > 0 {
			label += fmt.Sprintf(" (%d errors)", rep.Errors)
		}
		res := jawabResults(t, rep, qs, ref.text)
		// The row is what jawab eval reports, recomputed by the code that
		// scores Bleve: the two rows are comparable.
		for _, lang := range append([]string{""}, langsOf(qs)...) {
			got, want := summarizeRef(res, lang), rep.Metrics
			if lang != "" {
				want = rep.ByLang[lang]
			}
			if got.N != want.Answerable || got.Hit1 != want.Hit1 || got.Hit5 != want.Hit5 || got.MRR != want.MRR {
				t.Errorf("%s %s: recomputed n %d, hit@1 %v, hit@5 %v, mrr %v; jawab eval reports %d, %v, %v, %v",
					run.label, lang, got.N, got.Hit1, got.Hit5, got.MRR, want.Answerable, want.Hit1, want.Hit5, want.MRR)
			}
		}
		rows = append(rows, row{label, res})
	}

	var b strings.Builder
	fmt.Fprintf(&b, "\nBM25 reference: %d passages (%d-rune chunks) from %s (%d inputs failed to load), questions %s; hit rule eval.HasEvidence, mrr to depth %d.\n",
		len(chunks), 600, strings.Join(corpus, ", "), failed, qaPath, eval.RankDepth)
	fmt.Fprintf(&b, "Bleve %s: standard analyser, BM25 (k1 1.2, b 0.75; its avgdl is the vocabulary per passage, %.0f, where the mean passage has %.1f tokens).\n",
		bleveVersion(t), ref.avgdl, ref.meanLen)
	fmt.Fprintf(&b, "hit@5 is Bleve's top 5, jawab's the 5 passages an answer is given. %d answerable question(s) have their evidence in no passage.\n", unfindable)
	for _, lang := range append([]string{""}, langsOf(qs)...) {
		name := "all answerable questions"
		if lang != "" {
			name = "lang " + lang
		}
		fmt.Fprintf(&b, "\n%s\n\n| engine | n | hit@1 | hit@5 | MRR | MRR / Bleve | hit in top %d | no passage |\n|---|---:|---:|---:|---:|---:|---:|---:|\n", name, eval.RankDepth)
		base := summarizeRef(bleveRes, lang).MRR
		for _, r := range rows {
			m := summarizeRef(r.res, lang)
			ratio := "–"
			if base > 0 {
				ratio = fmt.Sprintf("%.2f", m.MRR/base)
			}
			fmt.Fprintf(&b, "| %s | %d | %.4f | %.4f | %.4f | %s | %d | %d |\n", r.label, m.N, m.Hit1, m.Hit5, m.MRR, ratio, m.hitAny, m.noAnswer)
		}
		if len(langsOf(qs)) == 1 {
			break // the language's table would repeat the first
		}
	}
	fmt.Fprint(os.Stdout, b.String())

	// The default set checks the plumbing: Bleve finds evidence in its top 10
	// for most answerable Urdu questions.
	if !custom {
		ur := summarizeRef(bleveRes, "ur")
		if ur.N == 0 || float64(ur.hitAny) < 0.6*float64(ur.N) {
			t.Errorf("bleve found evidence in its top %d for %d of %d answerable Urdu questions, want at least 60%%", eval.RankDepth, ur.hitAny, ur.N)
		}
	}
}

func readRefReport(t *testing.T, path string) *eval.Report {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rep, err := eval.ReadReport(f)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// bleveVersion is the version of Bleve go.mod asks for.
func bleveVersion(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	for line := range strings.Lines(string(b)) {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "github.com/blevesearch/bleve/v2" {
			return f[1]
		}
	}
	return "v2"
}

// langsOf lists the languages of the answerable questions, sorted.
func langsOf(qs []eval.Question) []string {
	var langs []string
	for _, q := range qs {
		if q.Answerable && !slices.Contains(langs, q.Lang) {
			langs = append(langs, q.Lang)
		}
	}
	slices.Sort(langs)
	return langs
}

// The harness itself: corpus loading (a directory and a .jsonl file), the
// chunks jawab ingests, BM25 really in effect, and the metrics.
func TestBleveRefHarness(t *testing.T) {
	ctx := t.Context()
	dir := t.TempDir()
	news := filepath.Join(dir, "news")
	os.Mkdir(news, 0o755)
	long := strings.Repeat("اسلام آباد میں بارش ہوئی اور سڑکیں بند رہیں۔ ", 40) // several chunks
	os.WriteFile(filepath.Join(news, "rain.txt"), []byte("بارش کی خبر\n\n"+long), 0o644)
	os.WriteFile(filepath.Join(news, "cricket.txt"), []byte("کرکٹ کی خبر\n\nلاہور میں کرکٹ میچ کرکٹ کے شائقین نے دیکھا۔"), 0o644)
	jsonl := filepath.Join(dir, "more.jsonl")
	os.WriteFile(jsonl, []byte(`{"id":"trade","title":"Trade","text":"Pakistan and Russia signed a trade agreement on wheat exports."}
{"id":"wheat","title":"Wheat","text":"Wheat prices rose in Karachi."}
`), 0o644)

	chunks, failed, err := refChunks(ctx, []string{news, jsonl})
	if err != nil || failed != 0 {
		t.Fatalf("refChunks: %v, %d failed", err, failed)
	}
	// The same chunks, ids and texts as jawab ingest writes.
	data := t.TempDir()
	mustJawab(t, nil, "ingest", "--data-dir", data, news, jsonl)
	var want []string
	for _, id := range []string{"cricket", "rain", "trade", "wheat"} {
		var shown struct {
			Chunks []rag.Chunk `json:"chunks"`
		}
		r := mustJawab(t, nil, "docs", "show", "--json", "--data-dir", data, id)
		if err := json.Unmarshal([]byte(r.stdout), &shown); err != nil {
			t.Fatal(err)
		}
		for _, c := range shown.Chunks {
			want = append(want, c.ID+"\x00"+c.Text)
		}
	}
	var got []string
	for _, c := range chunks {
		got = append(got, c.ID+"\x00"+c.Text)
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) || len(got) < 5 {
		t.Errorf("chunks: got %d, jawab ingest made %d (or they differ)", len(got), len(want))
	}

	ref, err := newBleveRef(chunks)
	if err != nil {
		t.Fatal(err)
	}
	defer ref.idx.Close()
	// BM25, not the TF-IDF Bleve falls back to when the index cannot say
	// how long its fields are.
	res, err := ref.search(ctx, "wheat", 10, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 2 || res.Hits[0].Expl == nil || !strings.Contains(explanation(res.Hits[0].Expl), "bm25") {
		t.Fatalf("wheat: %d hits, explanation %v; want 2 scored by bm25", len(res.Hits), res.Hits[0].Expl)
	}
	// The shorter passage wins on the same term frequency (length
	// normalisation), and the lengths are as the table's header says.
	if res.Hits[0].ID != "wheat#0" {
		t.Errorf("wheat: first hit %s, want wheat#0", res.Hits[0].ID)
	}
	if want := fmt.Sprintf("avgFieldLength=%f)", ref.avgdl); !strings.Contains(explanation(res.Hits[0].Expl), want) {
		t.Errorf("wheat: explanation %q; want %q", explanation(res.Hits[0].Expl), want)
	}
	if ref.meanLen <= ref.avgdl || ref.meanLen > 100 {
		t.Errorf("mean passage length %.1f, avgdl %.0f", ref.meanLen, ref.avgdl)
	}
	if res, _ := ref.search(ctx, "کرکٹ لاہور", 10, false); len(res.Hits) != 1 || res.Hits[0].ID != "cricket#0" {
		t.Errorf("کرکٹ لاہور: hits %v, want cricket#0 alone", res.Hits)
	}

	qs := []eval.Question{
		{ID: "1", Lang: "en", Answerable: true, Question: "wheat exports to Russia", Evidence: []string{"trade agreement"}},
		{ID: "2", Lang: "ur", Answerable: true, Question: "کرکٹ میچ کہاں ہوا؟", Evidence: []string{"لاہور میں کرکٹ"}},
		{ID: "3", Lang: "en", Answerable: true, Question: "Karachi prices", Evidence: []string{"no such span"}},
		{ID: "4", Lang: "en", Answerable: false, Question: "wheat"},
	}
	rs, err := ref.results(ctx, qs)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 3 || rs[0].hitRank != 1 || rs[1].hitRank != 1 || rs[2].hitRank != 0 {
		t.Errorf("results %+v; want hit ranks 1, 1, 0 for the answerable questions", rs)
	}

	// The metrics count as eval does: hit@5 within the passages used.
	m := summarizeRef([]refResult{{"ur", 1, 5}, {"ur", 3, 5}, {"en", 4, 3}, {"en", 11, 5}, {"en", 0, 0}}, "")
	want5 := refMetrics{N: 5, Hit1: 0.2, Hit5: 0.4, MRR: round4((1 + 1.0/3 + 1.0/4) / 5), hitAny: 3, noAnswer: 1}
	if m != want5 {
		t.Errorf("metrics %+v, want %+v", m, want5)
	}
	if ur := summarizeRef([]refResult{{"ur", 1, 5}, {"en", 0, 5}}, "ur"); ur.N != 1 || ur.MRR != 1 {
		t.Errorf("ur metrics %+v", ur)
	}
}

// explanation flattens a score's explanation into its messages.
func explanation(e *search.Explanation) string {
	s := e.Message
	for _, c := range e.Children {
		s += " " + explanation(c)
	}
	return s
}
