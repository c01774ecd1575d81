package load

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// walkAll runs a walk to the end and returns its items.
func walkAll(t *testing.T, ctx context.Context, fsys fs.FS, root string, opt Options) []Item {
	t.Helper()
	var items []Item
	for it := range Walk(ctx, fsys, root, opt) {
		items = append(items, it)
	}
	return items
}

// summary is "path id" for a good item and "path id ERROR" for a failure.
func summary(items []Item) []string {
	var out []string
	for _, it := range items {
		s := it.Path + " " + it.ID
		if it.Err != nil {
			s += " ERROR"
		}
		out = append(out, s)
	}
	return out
}

func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestWalkTree(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"b.txt":                  "Second article text.",
		"a.md":                   "# A\n\nFirst article text.",
		"bad.txt":                "broken \xff text",
		"c.HTML":                 "<html><body><p>Third article text.</p></body></html>",
		"notes.pdf":              "%PDF-1.4",
		"README":                 "no extension",
		".hidden.txt":            "hidden file",
		".git/config.txt":        "hidden dir",
		"sub/dir/article.txt":    "Nested article text.",
		"sub/feed.jsonl":         `{"id":"feed-1","text":"From a feed."}` + "\n" + `{"id":"feed-2"}`,
		"sub/z.markdown":         "Last one.",
		"dup/a.txt":              "Other id.",
		"bad id/x#y.txt":         "Id with a hash.",
		"sub/dir/nested/deep.md": "Deep text.",
	})
	items := walkAll(t, context.Background(), os.DirFS(dir), ".", Options{Source: "news"})
	got := summary(items)
	want := []string{
		"a.md a",
		"b.txt b",
		"bad id/x#y.txt bad id/x#y ERROR",
		"bad.txt bad ERROR",
		"c.HTML c",
		"dup/a.txt dup/a",
		"sub/dir/article.txt sub/dir/article",
		"sub/dir/nested/deep.md sub/dir/nested/deep",
		"sub/feed.jsonl:1 feed-1",
		"sub/feed.jsonl:2 feed-2 ERROR",
		"sub/z.markdown sub/z",
	}
	if !slices.Equal(got, want) {
		t.Errorf("walk items:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, it := range items {
		if it.Err != nil {
			wantInvalid(t, it.Err)
			continue
		}
		if it.Doc.ID != it.ID || it.Doc.Source != "news" || it.Bytes == 0 {
			t.Errorf("%s: Doc.ID %q, Source %q, Bytes %d", it.Path, it.Doc.ID, it.Doc.Source, it.Bytes)
		}
	}
	if err := items[3].Err; !strings.Contains(err.Error(), "bad.txt: invalid UTF-8 at byte offset 7") {
		t.Errorf("bad.txt error = %v", err)
	}
}

func TestWalkRootSubdir(t *testing.T) {
	dir := writeTree(t, map[string]string{"news/2024/a.txt": "Text A.", "news/b.txt": "Text B.", "other.txt": "Not walked."})
	got := summary(walkAll(t, context.Background(), os.DirFS(dir), "news", Options{}))
	want := []string{"news/2024/a.txt 2024/a", "news/b.txt b"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestWalkSingleFile(t *testing.T) {
	fsys := fstest.MapFS{"dir/article.txt": {Data: []byte("Only this.")}, "dir/x.pdf": {Data: []byte("x")}}
	got := summary(walkAll(t, context.Background(), fsys, "dir/article.txt", Options{}))
	if want := []string{"dir/article.txt article"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	items := walkAll(t, context.Background(), fsys, "dir/x.pdf", Options{})
	if len(items) != 1 || items[0].Err == nil || !strings.Contains(items[0].Err.Error(), "unsupported file type") {
		t.Errorf("an unsupported file named as root: %v, want one unsupported-type error", summary(items))
	}
}

func TestWalkRootErrors(t *testing.T) {
	for _, root := range []string{"missing", "../x", "/abs"} {
		items := walkAll(t, context.Background(), fstest.MapFS{}, root, Options{})
		if len(items) != 1 || items[0].Err == nil {
			t.Errorf("Walk(%q) = %v, want one error", root, summary(items))
			continue
		}
		wantInvalid(t, items[0].Err)
	}
}

func TestWalkDuplicateIDs(t *testing.T) {
	fsys := fstest.MapFS{
		"a.md":        {Data: []byte("Markdown A.")},
		"a.txt":       {Data: []byte("Text A.")},
		"feed.jsonl":  {Data: []byte(`{"id":"a","text":"Feed A."}` + "\n" + `{"id":"b","text":"Feed B."}`)},
		"sub/b.jsonl": {Data: []byte(`{"id":"b","text":"Feed B again."}`)},
	}
	items := walkAll(t, context.Background(), fsys, ".", Options{})
	got := summary(items)
	want := []string{"a.md a", "a.txt a ERROR", "feed.jsonl:1 a ERROR", "feed.jsonl:2 b", "sub/b.jsonl:1 b ERROR"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if err := items[1].Err; err == nil || !strings.Contains(err.Error(), `already loaded from a.md`) {
		t.Errorf("a.txt error = %v", err)
	}
}

func TestWalkMaxBytes(t *testing.T) {
	fsys := fstest.MapFS{"big.txt": {Data: []byte(strings.Repeat("word ", 100))}, "small.txt": {Data: []byte("Small.")}}
	got := summary(walkAll(t, context.Background(), fsys, ".", Options{MaxBytes: 100}))
	if want := []string{"big.txt big ERROR", "small.txt small"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestWalkCancel(t *testing.T) {
	fsys := fstest.MapFS{"a.txt": {Data: []byte("A.")}, "b.txt": {Data: []byte("B.")}, "c.txt": {Data: []byte("C.")}}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var items []Item
	for it := range Walk(ctx, fsys, ".", Options{}) {
		items = append(items, it)
		cancel()
	}
	if len(items) != 2 || items[0].Err != nil || !errors.Is(items[1].Err, context.Canceled) {
		t.Errorf("got %q (last error %v), want one document then context.Canceled", summary(items), items[len(items)-1].Err)
	}
}

func TestWalkBreak(t *testing.T) {
	fsys := fstest.MapFS{"a.txt": {Data: []byte("A.")}, "b.jsonl": {Data: []byte(`{"id":"b1","text":"B."}` + "\n" + `{"id":"b2","text":"B."}`)}}
	for _, stopAfter := range []int{1, 2} {
		n := 0
		for range Walk(context.Background(), fsys, ".", Options{}) {
			n++
			if n == stopAfter {
				break
			}
		}
		if n != stopAfter {
			t.Errorf("break after %d: got %d items", stopAfter, n)
		}
	}
}

func TestWalkCorpus(t *testing.T) {
	fsys, root, err := Open("../../testdata/pk-ru")
	if err != nil {
		t.Fatal(err)
	}
	items := walkAll(t, context.Background(), fsys, root, Options{Source: "pk-ru"})
	var ids []string
	for _, it := range items {
		if it.Err != nil {
			t.Errorf("%s: %v", it.Path, it.Err)
			continue
		}
		if it.Doc.Lang != "ur" || it.Doc.Title == "" || it.Doc.Source != "pk-ru" {
			t.Errorf("%s: Lang %q, Title %q, Source %q", it.Path, it.Doc.Lang, it.Doc.Title, it.Doc.Source)
		}
		if !strings.HasPrefix(it.Path, "pk-ru/") { // a path outside the working directory shows from its base name
			t.Errorf("Path = %q, want it under pk-ru/", it.Path)
		}
		ids = append(ids, it.ID)
	}
	want := []string{"000_c226a50e9c4de795", "001_5f6c5daed5b2b442", "002_0088c6eb70713ec2", "003_8428cc202e15d8d9", "004_bf15e488148e23f0"}
	if !slices.Equal(ids, want) {
		t.Errorf("ids = %q, want %q", ids, want)
	}
}

func TestOpen(t *testing.T) {
	dir := writeTree(t, map[string]string{"news/a.txt": "Text A."})
	abs := filepath.Join(dir, "news")
	for _, tt := range []struct {
		path, root string
	}{
		{abs, "news"},
		{filepath.Join(abs, "a.txt"), "a.txt"},
		{"testdata", "testdata"},
		{"./testdata/../testdata/urdu-page.html", "testdata/urdu-page.html"},
		{".", "."},
	} {
		fsys, root, err := Open(tt.path)
		if err != nil {
			t.Errorf("Open(%q): %v", tt.path, err)
			continue
		}
		if root != tt.root {
			t.Errorf("Open(%q) root = %q, want %q", tt.path, root, tt.root)
		}
		if _, err := fs.Stat(fsys, root); err != nil {
			t.Errorf("Open(%q): the root is not in the fs: %v", tt.path, err)
		}
	}
	_, _, err := Open(filepath.Join(dir, "missing"))
	if err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("Open(missing) error = %v, want does not exist", err)
	}
	wantInvalid(t, err)
}
