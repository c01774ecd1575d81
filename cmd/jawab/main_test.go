package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jawab/jawab/rag"
)

// jawabBin is the real binary, built once for the tests that need a separate
// process (killing it mid-ingest, say).
var jawabBin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "jawab-bin")
	if err != nil {
		panic(err)
	}
	jawabBin = filepath.Join(dir, "jawab")
	if out, err := exec.Command("go", "build", "-o", jawabBin, ".").CombinedOutput(); err != nil {
		os.Stderr.Write(out)
		panic(err)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// result is what one in-process run of the command printed.
type result struct {
	stdout, stderr string
	err            error
}

// jawab runs the command in-process with the given environment.
func jawab(t *testing.T, env map[string]string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	getenv := func(k string) string { return env[k] }
	err := run(context.Background(), args, getenv, strings.NewReader(""), &out, &errb)
	return result{out.String(), errb.String(), err}
}

func mustJawab(t *testing.T, env map[string]string, args ...string) result {
	t.Helper()
	r := jawab(t, env, args...)
	if r.err != nil {
		t.Fatalf("jawab %s: %v\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), r.err, r.stdout, r.stderr)
	}
	return r
}

func TestIngestBundledCorpusThenDocs(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"JAWAB_DATA": dir}
	r := mustJawab(t, env, "ingest")
	if !strings.Contains(r.stdout, "5 added, 0 updated, 0 unchanged, 0 failed") {
		t.Errorf("first ingest summary:\n%s", r.stdout)
	}
	if !strings.Contains(r.stderr, "added 000_c226a50e9c4de795") {
		t.Errorf("no plain progress line on a non-terminal:\n%s", r.stderr)
	}

	r = mustJawab(t, env, "ingest")
	if !strings.Contains(r.stdout, "0 added, 0 updated, 5 unchanged, 0 failed; 0 chunks (0 embedded)") {
		t.Errorf("re-ingest is not a no-op:\n%s", r.stdout)
	}

	var docs []rag.DocumentInfo
	r = mustJawab(t, env, "docs", "list", "--json")
	if err := json.Unmarshal([]byte(r.stdout), &docs); err != nil {
		t.Fatalf("docs list --json: %v\n%s", err, r.stdout)
	}
	if len(docs) != 5 || docs[0].ID != "000_c226a50e9c4de795" || docs[4].ID != "004_bf15e488148e23f0" {
		t.Fatalf("docs list: %+v", docs)
	}
	for _, d := range docs {
		if d.Title == "" || d.Lang != "ur" || d.Source != "pk-ru" || d.Chunks == 0 || len(d.Hash) != 64 {
			t.Errorf("document metadata incomplete: %+v", d)
		}
	}

	var shown struct {
		Document rag.Document `json:"document"`
		Chunks   []rag.Chunk  `json:"chunks"`
	}
	r = mustJawab(t, env, "docs", "show", "004_bf15e488148e23f0", "--json")
	if err := json.Unmarshal([]byte(r.stdout), &shown); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(shown.Document.Text, "ای میل ایڈریس") || strings.Contains(shown.Document.Text, "مشہور خبریں") {
		t.Errorf("boilerplate stored with 004:\n%s", shown.Document.Text)
	}
	runes := []rune(shown.Document.Text)
	for _, c := range shown.Chunks {
		if string(runes[c.Start:c.End]) != c.Text {
			t.Errorf("chunk %s: offsets [%d,%d) do not quote its text", c.ID, c.Start, c.End)
		}
	}

	if r := jawab(t, env, "docs", "show", "no-such-doc"); rag.ErrorCode(r.err) != rag.NotFound {
		t.Errorf("show unknown id: err = %v, want not_found", r.err)
	}
	mustJawab(t, env, "docs", "delete", "002_0088c6eb70713ec2")
	r = mustJawab(t, env, "docs", "list")
	if strings.Contains(r.stdout, "002_0088c6eb70713ec2") || !strings.Contains(r.stdout, "001_5f6c5daed5b2b442") {
		t.Errorf("after delete, docs list:\n%s", r.stdout)
	}
	r = mustJawab(t, env, "ingest")
	if !strings.Contains(r.stdout, "1 added, 0 updated, 4 unchanged") {
		t.Errorf("re-ingest after delete:\n%s", r.stdout)
	}
}

// docs list and show give each article's date, and show says where it came
// from; an undated one says so.
func TestDocsShowDates(t *testing.T) {
	src := t.TempDir()
	os.WriteFile(filepath.Join(src, "kiev.md"), []byte("---\ntitle: کیف\nurl: https://news.example/2014/07/01/kiev\n---\nکیف۔ یکم جولائی (اے پی پی) یوکرین کی فوج نے مشرقی علاقوں میں کارروائی شروع کر دی۔\n"), 0o644)
	os.WriteFile(filepath.Join(src, "dollar.jsonl"), []byte(`{"id":"dollar","title":"ڈالر","text":"انٹر بینک میں ڈالر 160 روپے کا ہو گیا۔","published":"2021-03-05","modified":"2021-03-06","author":"اسٹاف رپورٹر"}`+"\n"), 0o644)
	os.WriteFile(filepath.Join(src, "plain.txt"), []byte("روس کا وفد\nروس کا ایک وفد اسلام آباد پہنچ گیا۔\n"), 0o644)
	env := map[string]string{"JAWAB_DATA": t.TempDir()}
	mustJawab(t, env, "ingest", src)
	for id, want := range map[string][]string{
		"kiev":   {"published: 2014-07-01 (from the dateline)"},
		"dollar": {"published: 2021-03-05 (from the metadata)", "modified:  2021-03-06", "author:    اسٹاف رپورٹر"},
		"plain":  {"published: unknown"},
	} {
		r := mustJawab(t, env, "docs", "show", id)
		for _, w := range want {
			if !strings.Contains(r.stdout, w) {
				t.Errorf("docs show %s lacks %q:\n%s", id, w, r.stdout)
			}
		}
	}
	if r := mustJawab(t, env, "docs", "list"); !strings.Contains(r.stdout, "2014-07-01") || !strings.Contains(r.stdout, "PUBLISHED") {
		t.Errorf("docs list without dates:\n%s", r.stdout)
	}
}

func TestIngestReportsBadFilesAndGoesOn(t *testing.T) {
	src := t.TempDir()
	os.WriteFile(filepath.Join(src, "a.txt"), []byte("پاکستان اور روس\n\nدونوں ممالک کے درمیان تعلقات بہتر ہو رہے ہیں۔"), 0o644)
	os.WriteFile(filepath.Join(src, "b.txt"), []byte("روس \xff\xfe کا دورہ"), 0o644)
	os.WriteFile(filepath.Join(src, "c.txt"), []byte("\ufeffThe minister visited Moscow.\r\nTalks covered energy.\r\n"), 0o644)
	env := map[string]string{"JAWAB_DATA": t.TempDir()}
	r := jawab(t, env, "ingest", src)
	if !errors.Is(r.err, errFailed) {
		t.Errorf("err = %v, want errFailed (exit 1)", r.err)
	}
	if !strings.Contains(r.stdout, "2 added, 0 updated, 0 unchanged, 1 failed") || !strings.Contains(r.stdout, "b.txt") || !strings.Contains(r.stdout, "UTF-8") {
		t.Errorf("summary does not report the bad file clearly:\n%s", r.stdout)
	}
	r = mustJawab(t, env, "docs", "show", "c", "--json")
	if strings.Contains(r.stdout, `\r`) || strings.Contains(r.stdout, "\ufeff") {
		t.Errorf("CR or BOM kept in c:\n%s", r.stdout)
	}
}

func TestReingestUpdatesAndPrunes(t *testing.T) {
	src := t.TempDir()
	write := func(name, body string) { os.WriteFile(filepath.Join(src, name), []byte(body), 0o644) }
	write("a.txt", "پہلا مضمون۔ اس میں دو جملے ہیں۔")
	write("b.txt", "دوسرا مضمون۔ روس اور پاکستان۔")
	env := map[string]string{"JAWAB_DATA": t.TempDir()}
	mustJawab(t, env, "ingest", src)
	write("a.txt", "پہلا مضمون۔ اس میں اب تین جملے ہیں۔ نیا جملہ۔")
	os.Remove(filepath.Join(src, "b.txt"))
	r := mustJawab(t, env, "ingest", src)
	if !strings.Contains(r.stdout, "0 added, 1 updated, 0 unchanged, 0 failed") {
		t.Errorf("changed file not updated:\n%s", r.stdout)
	}
	if r := mustJawab(t, env, "docs", "list"); !strings.Contains(r.stdout, "b ") {
		t.Errorf("without --prune b must stay:\n%s", r.stdout)
	}
	r = mustJawab(t, env, "ingest", "--prune", src)
	if !strings.Contains(r.stdout, "1 pruned") {
		t.Errorf("--prune did not remove b:\n%s", r.stdout)
	}
	r = mustJawab(t, env, "docs", "show", "a")
	if !strings.Contains(r.stdout, "نیا جملہ") {
		t.Errorf("a is not at its new version:\n%s", r.stdout)
	}
}

func TestDataDirFromEnvironment(t *testing.T) {
	home := t.TempDir()
	r := mustJawab(t, map[string]string{"HOME": home}, "ingest")
	if want := filepath.Join(home, ".local", "share", "jawab"); !strings.Contains(r.stdout, want) {
		t.Errorf("default data dir not %s:\n%s", want, r.stdout)
	}
	xdg := t.TempDir()
	r = mustJawab(t, map[string]string{"HOME": home, "XDG_DATA_HOME": xdg}, "docs", "list")
	if !strings.Contains(r.stdout, "no documents in "+filepath.Join(xdg, "jawab")) {
		t.Errorf("XDG_DATA_HOME not honoured:\n%s", r.stdout)
	}
	flagDir := t.TempDir()
	r = mustJawab(t, map[string]string{"JAWAB_DATA": xdg}, "ingest", "--data-dir", flagDir)
	if !strings.Contains(r.stdout, flagDir) {
		t.Errorf("--data-dir does not override $JAWAB_DATA:\n%s", r.stdout)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{{}, {"frobnicate"}, {"docs"}, {"docs", "show"}, {"ingest", "--no-such-flag"}} {
		if r := jawab(t, nil, args...); !errors.Is(r.err, errUsage) {
			t.Errorf("jawab %q: err = %v, want a usage error", args, r.err)
		}
	}
	if r := jawab(t, map[string]string{"JAWAB_DATA": t.TempDir()}, "ingest", "/no/such/path"); r.err == nil || !strings.Contains(r.err.Error(), "/no/such/path") {
		t.Errorf("missing path: err = %v, want one naming the path", r.err)
	}
}

// "jawab --version" is "jawab version", as other command-line tools have it.
func TestVersionFlag(t *testing.T) {
	a := mustJawab(t, nil, "version")
	b := mustJawab(t, nil, "--version")
	if a.stdout != b.stdout || !strings.HasPrefix(a.stdout, "jawab ") {
		t.Errorf("version %q, --version %q", a.stdout, b.stdout)
	}
}

// listed is what a store or library lists, failing the test on an error.
func listed(t testing.TB, s interface {
	List(context.Context) ([]rag.DocumentInfo, error)
}) []rag.DocumentInfo {
	t.Helper()
	docs, err := s.List(context.Background())
	if err != nil {
		t.Fatalf("list: %v", err)
	}
	return docs
}
