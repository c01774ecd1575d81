package index

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/jawab/jawab/rag"
)

// engine is a search engine over fixed scores that returns its n best in an
// order of its own among equal scores (reverse id), as a real engine may.
type engine struct {
	hits  []rag.Hit
	calls []int
}

func (e *engine) fetch(n int) ([]rag.Hit, float64, bool, error) {
	e.calls = append(e.calls, n)
	all := slices.Clone(e.hits)
	slices.SortFunc(all, func(a, b rag.Hit) int {
		if a.Score != b.Score {
			if a.Score > b.Score {
				return -1
			}
			return 1
		}
		return strings.Compare(b.Chunk.ID, a.Chunk.ID)
	})
	if n < len(all) {
		all = all[:n]
	}
	if len(all) == 0 {
		return nil, 0, true, nil
	}
	return all, all[len(all)-1].Score, n >= len(e.hits), nil
}

func hit(id string, score float64, lang string) rag.Hit {
	return rag.Hit{Chunk: rag.Chunk{ID: id}, Doc: rag.DocumentInfo{Lang: lang}, Score: score}
}

func ids(hs []rag.Hit) string {
	var out []string
	for _, h := range hs {
		out = append(out, h.Chunk.ID)
	}
	return strings.Join(out, " ")
}

func TestTopKBreaksTiesAtTheCutByID(t *testing.T) {
	// Ten chunks tie at 0.5 behind one at 0.9: the engine returns the tied
	// ones highest id first, but the cut at k=3 must take the lowest ids.
	e := &engine{hits: []rag.Hit{hit("top", 0.9, "ur")}}
	for i := range 10 {
		e.hits = append(e.hits, hit(fmt.Sprintf("c%02d", i), 0.5, "ur"))
	}
	got, err := TopK(3, 3, nil, e.fetch)
	if err != nil {
		t.Fatal(err)
	}
	if ids(got) != "top c00 c01" {
		t.Errorf("TopK = %q, want %q (ties cut by id)", ids(got), "top c00 c01")
	}
	if len(e.calls) < 2 {
		t.Errorf("fetched once (%v): a tie at the cut must widen the fetch", e.calls)
	}
}

func TestTopKStopsWhenTheCutIsClear(t *testing.T) {
	e := &engine{}
	for i := range 100 {
		e.hits = append(e.hits, hit(fmt.Sprintf("c%03d", i), float64(100-i), "ur"))
	}
	got, err := TopK(5, 5, nil, e.fetch)
	if err != nil {
		t.Fatal(err)
	}
	if ids(got) != "c000 c001 c002 c003 c004" || len(e.calls) != 1 || e.calls[0] != 6 {
		t.Errorf("TopK = %q after fetches %v, want the five best after one fetch of 6", ids(got), e.calls)
	}
}

func TestTopKWidensForAFilterTheEngineCannotApply(t *testing.T) {
	// Only every tenth chunk is English: k of them need more than k fetched.
	e := &engine{}
	for i := range 200 {
		lang := "ur"
		if i%10 == 9 {
			lang = "en"
		}
		e.hits = append(e.hits, hit(fmt.Sprintf("c%03d", i), float64(200-i), lang))
	}
	got, err := TopK(4, 4, func(h rag.Hit) bool { return h.Doc.Lang == "en" }, e.fetch)
	if err != nil {
		t.Fatal(err)
	}
	if ids(got) != "c009 c019 c029 c039" {
		t.Errorf("TopK = %q, want the four best English chunks", ids(got))
	}
	// Fewer than k pass the filter at all: every one of them, no error.
	got, err = TopK(50, 50, func(h rag.Hit) bool { return h.Doc.Lang == "en" }, e.fetch)
	if err != nil || len(got) != 20 {
		t.Errorf("TopK(50) over 20 English chunks = %d hits, %v", len(got), err)
	}
}

func TestTopKReportsTheEngineFailure(t *testing.T) {
	boom := fmt.Errorf("node down")
	_, err := TopK(3, 3, nil, func(int) ([]rag.Hit, float64, bool, error) { return nil, 0, false, boom })
	if err != boom {
		t.Errorf("TopK error = %v, want the engine's", err)
	}
}
