package keyword

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/jawab/jawab/text"
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

// A translated question weighs each term by how likely its translation is:
// the likelier word must decide which entry comes first.
func TestSearchWeighted(t *testing.T) {
	ix := New()
	ix.Add("talks", strings.Fields("پاکستان روس مذاکرات اسلام آباد"))
	ix.Add("chat", strings.Fields("پاکستان روس بات چیت ماسکو"))
	q := func(a, b float64) string {
		return ids(ix.SearchWeighted([]WeightedTerm{{"مذاکرات", a}, {"چیت", b}}, 10, nil))
	}
	if got := q(0.8, 0.2); got != "talks,chat" {
		t.Errorf("مذاکرات .8, چیت .2: got %q, want talks,chat", got)
	}
	if got := q(0.2, 0.8); got != "chat,talks" {
		t.Errorf("مذاکرات .2, چیت .8: got %q, want chat,talks", got)
	}
	if got := q(1, 0); got != "talks" {
		t.Errorf("a zero weight must not match: got %q, want talks", got)
	}
	// Equal weights score as the unweighted search does.
	w := ix.SearchWeighted([]WeightedTerm{{"روس", 1}, {"مذاکرات", 1}}, 10, nil)
	u := ix.Search([]string{"روس", "مذاکرات"}, 10, nil)
	if fmt.Sprint(w) != fmt.Sprint(u) {
		t.Errorf("weights of 1: %v, unweighted %v", w, u)
	}
}

func TestVocabulary(t *testing.T) {
	ix := New()
	ix.Add("a", strings.Fields("لاوروف ماسکو ماسکو"))
	ix.Add("b", strings.Fields("ماسکو کراچی"))
	ix.Remove("b")
	got := map[string]int{}
	ix.Vocabulary(func(w string, df int) { got[w] = df })
	if want := "map[لاوروف:1 ماسکو:1]"; fmt.Sprint(got) != want {
		t.Errorf("Vocabulary = %v, want %s (removed entries' words leave)", got, want)
	}
	if n := ix.VocabularySize(); n != 3 {
		t.Errorf("VocabularySize = %d, want 3 (it never shrinks)", n)
	}
}

// The filter is asked lazily (only of a chunk that would enter the top k); a
// rejected high scorer must still leave its place to the next accepted ones,
// and the filter must not be asked of every chunk a common word touches.
func TestAcceptFilterWithSmallK(t *testing.T) {
	ix := New()
	for i := range 200 {
		words := []string{"روس"}
		for range 200 - i { // chunk 0 scores highest, 199 lowest
			words = append(words, "ویکسین")
		}
		ix.Add(fmt.Sprintf("%03d", i), words)
	}
	asked := 0
	odd := func(id string) bool {
		asked++
		return (id[2]-'0')%2 == 1
	}
	got := ids(ix.Search([]string{"ویکسین"}, 3, odd))
	if got != "001,003,005" {
		t.Errorf("top 3 odd chunks: got %q, want 001,003,005", got)
	}
	if asked > 20 {
		t.Errorf("the filter was asked of %d chunks; want only those that would enter the top 3", asked)
	}
}

// The followers AddSentences gets come back from Analysis and Entry, and go
// back in through Put, which refuses a list of another length than the
// words'.
func TestFollowersKept(t *testing.T) {
	ix := New()
	sents, next := text.SentenceTokensFollowed("جابس 1997 میں ایپل میں واپس آئے۔ پھر حکم دیا۔")
	ix.AddSentences("a", sents, next)
	ix.Add("b", []string{"روس", "پاکستان"})
	words, _, ends, got, ok := ix.Analysis("a")
	want := []uint8{0, text.StopwordID("میں"), text.StopwordID("میں"), 0, 0, text.StopwordID("دیا")}
	if !ok || !slices.Equal(words, []string{"جابس", "1997", "ایپل", "واپس", "آئے", "حکم"}) || !slices.Equal(got, want) || !slices.Equal(ends, []int32{5, 6}) {
		t.Fatalf("Analysis = %q %v %v %v", words, ends, got, ok)
	}
	if _, _, _, got, _ := ix.Analysis("b"); got != nil {
		t.Errorf("followers %v of an entry added without them", got)
	}
	vocab, stems, df := ix.Vocab()
	seq, ends, terms, got, _ := ix.Entry("a")
	r, err := Restore(vocab, stems, df, 1)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Put("a", seq, ends, terms, got[:3]); err == nil {
		t.Error("Put took 3 followers for 6 words")
	}
	if err := r.Put("a", seq, ends, terms, got); err != nil {
		t.Fatal(err)
	}
	if _, _, _, back, _ := r.Analysis("a"); !slices.Equal(back, want) {
		t.Errorf("restored followers %v, want %v", back, want)
	}
}

// Any says whether Search would return anything, and asks the filter of each
// entry once and only until one passes.
func TestAny(t *testing.T) {
	ix := New()
	for i := range 100 {
		ix.Add(fmt.Sprintf("%03d", i), []string{"روس", "ویکسین"})
	}
	ix.Add("gas", []string{"گیس"})
	ix.Add("oil", []string{"تیل"})
	ix.Remove("050")
	ix.Remove("oil")
	asked := map[string]int{}
	only := func(want string) func(string) bool {
		return func(id string) bool {
			asked[id]++
			return id == want || want == "*"
		}
	}
	for _, c := range []struct {
		query  []string
		accept string // the one id accepted; "*" all
		want   bool
	}{
		{[]string{"روس", "ویکسین"}, "099", true},
		{[]string{"روس", "ویکسین"}, "050", false}, // removed
		{[]string{"روس"}, "gas", false},           // passes, but holds no token
		{[]string{"گیس"}, "gas", true},
		{[]string{"تیل"}, "*", false},   // its one entry was removed
		{[]string{"کوئلہ"}, "*", false}, // no entry holds it
	} {
		clear(asked)
		got := ix.Any(c.query, only(c.accept))
		if got != c.want {
			t.Errorf("Any(%v, only %s) = %v, want %v", c.query, c.accept, got, c.want)
		}
		if search := len(ix.Search(c.query, 1, only(c.accept))) > 0; search != got {
			t.Errorf("Any(%v, only %s) = %v, but Search finds %v", c.query, c.accept, got, search)
		}
		clear(asked)
		ix.Any(c.query, only(c.accept))
		for id, n := range asked {
			if n > 1 {
				t.Errorf("Any(%v) asked the filter of %s %d times", c.query, id, n)
			}
		}
	}
	clear(asked)
	if !ix.Any([]string{"روس"}, only("000")) || len(asked) != 1 {
		t.Errorf("Any asked the filter of %d entries; the first passed", len(asked))
	}
	if !ix.Any([]string{"گیس"}, nil) || ix.Any(nil, nil) {
		t.Error("Any without a filter: want true for a held token, false for no tokens")
	}
}
