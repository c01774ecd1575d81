package keyword

import (
	"fmt"
	"strings"
	"testing"
)

func ids(rs []Result) string {
	var out []string
	for _, r := range rs {
		out = append(out, r.ID)
	}
	return strings.Join(out, ",")
}

func TestBM25Ranking(t *testing.T) {
	ix := New()
	ix.Add("vaccine", strings.Fields("روس سپتنک ویکسین پاکستان ویکسین"))
	ix.Add("pipeline", strings.Fields("گیس پائپ لائن کراچی لاہور روس"))
	ix.Add("long", strings.Fields("روس ویکسین "+strings.Repeat("لفظ ", 50)))
	tests := []struct {
		query []string
		want  string
	}{
		{[]string{"ویکسین"}, "vaccine,long"},       // higher tf and shorter document first
		{[]string{"پائپ", "لائن"}, "pipeline"},     // only the document with the terms
		{[]string{"روس"}, "vaccine,pipeline,long"}, // common term: the long document last
		{[]string{"نامعلوم"}, ""},                  // unknown term
		{[]string{"سپتنک", "سپتنک"}, "vaccine"},    // repeated query terms count once
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.query, " "), func(t *testing.T) {
			if got := ids(ix.Search(tt.query, 10, nil)); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestBM25ReplaceRemoveAndTies(t *testing.T) {
	ix := New()
	ix.Add("b", []string{"x"})
	ix.Add("a", []string{"x"})
	if got := ids(ix.Search([]string{"x"}, 10, nil)); got != "a,b" {
		t.Errorf("ties: got %q, want a,b (by id)", got)
	}
	ix.Add("a", []string{"y"}) // replaces
	if got := ids(ix.Search([]string{"x"}, 10, nil)); got != "b" {
		t.Errorf("after replacing a: got %q, want b", got)
	}
	ix.Remove("b")
	ix.Remove("missing")
	if got := ids(ix.Search([]string{"x"}, 10, nil)); got != "" {
		t.Errorf("after removing b: got %q, want nothing", got)
	}
	if ix.Len() != 1 {
		t.Errorf("Len = %d, want 1", ix.Len())
	}
	if got := ids(ix.Search([]string{"y"}, 10, func(id string) bool { return id != "a" })); got != "" {
		t.Errorf("accept filter ignored: %q", got)
	}
}

func TestBM25CompactionKeepsResults(t *testing.T) {
	ix := New()
	for i := range 3000 {
		ix.Add(fmt.Sprint(i), []string{"common", fmt.Sprintf("t%d", i%7)})
	}
	for i := range 2900 {
		ix.Remove(fmt.Sprint(i)) // triggers compaction along the way
	}
	got := ix.Search([]string{"t3"}, 100, nil)
	want := 0
	for i := 2900; i < 3000; i++ {
		if i%7 == 3 {
			want++
		}
	}
	if len(got) != want {
		t.Errorf("after compaction: %d hits, want %d", len(got), want)
	}
	if ix.dead >= ix.nPost {
		t.Errorf("compaction did not run: dead=%d postings=%d", ix.dead, ix.nPost)
	}
}

func TestIDF(t *testing.T) {
	ix := New()
	ix.Add("a", []string{"روس", "ویکسین"})
	ix.Add("b", []string{"روس", "گیس"})
	ix.Add("c", []string{"روس"})
	if got := ix.IDF("نامعلوم"); got != 0 {
		t.Errorf("IDF of an unseen term = %v, want 0", got)
	}
	if rare, common := ix.IDF("ویکسین"), ix.IDF("روس"); rare <= common || common <= 0 {
		t.Errorf("IDF rare %v, common %v: want rare > common > 0", rare, common)
	}
}
