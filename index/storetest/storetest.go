// Package storetest is the conformance suite every index.Store runs (the
// embedded chromem-go store and Weaviate alike), so that they behave the same:
// the same chunk first for the same query, ties broken by chunk id, the same
// filters, deletes that remove exactly one document, idempotent re-ingest, the
// same IDF. It asserts behaviour, not absolute scores, which differ between
// engines.
package storetest

import (
	"cmp"
	"context"
	"fmt"
	"hash/fnv"
	"math"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jawab/jawab/index"
	"github.com/jawab/jawab/index/ingest"
	"github.com/jawab/jawab/index/load"
	"github.com/jawab/jawab/internal/must"
	"github.com/jawab/jawab/rag"
	"github.com/jawab/jawab/text"
)

// Dim is the dimension of the suite's vectors.
const Dim = 16

// Vec is a deterministic unit vector for a string: equal texts get equal
// vectors, so vector ties are exact.
func Vec(s string) []float32 {
	v := make([]float32, Dim)
	for i := range v {
		h := fnv.New32a()
		fmt.Fprintf(h, "%d:%s", i, s)
		v[i] = float32(h.Sum32()%1000)/500 - 1
	}
	var n float64
	for _, x := range v {
		n += float64(x * x)
	}
	for i := range v {
		v[i] /= float32(math.Sqrt(n))
	}
	return v
}

// Doc describes a test document: one chunk per sentence.
type Doc struct {
	ID, Source, Lang string
	Published        time.Time
	Sentences        []string
}

// Item builds the document, its chunks, keys and vectors.
func (d Doc) Item() index.Item {
	lang := cmp.Or(d.Lang, "ur")
	doc := rag.Document{ID: d.ID, Title: "title " + d.ID, Source: cmp.Or(d.Source, "news"), URL: "https://example.org/" + d.ID,
		Published: d.Published, Lang: lang, Hash: "h-" + strings.Join(d.Sentences, "|"), Text: strings.Join(d.Sentences, " ")}
	if !d.Published.IsZero() {
		doc.Modified, doc.DateSource, doc.Author = d.Published.AddDate(0, 0, 1), rag.DateDateline, "نامہ نگار "+d.ID
	}
	it := index.Item{Doc: doc}
	pos := 0
	for i, s := range d.Sentences {
		n := len([]rune(s))
		it.Chunks = append(it.Chunks, rag.Chunk{ID: fmt.Sprintf("%s#%d", d.ID, i), DocID: d.ID, Ordinal: i, Start: pos, End: pos + n})
		it.Keys = append(it.Keys, "k-"+s)
		it.Vectors = append(it.Vectors, Vec(s))
		pos += n + 1
	}
	return it
}

// The suite's corpus.
var (
	day    = func(s string) time.Time { t, _ := time.Parse("2006-01-02", s); return t }
	docA   = Doc{ID: "a", Published: day("2023-01-10"), Sentences: []string{"روس اور پاکستان نے گیس پائپ لائن کا معاہدہ کیا۔", "کراچی میں شدید بارش ہوئی۔"}}
	docB   = Doc{ID: "b", Published: day("2024-05-01"), Sentences: []string{"ماسکو میں وزیر خارجہ کی ملاقات ہوئی۔", "لاہور میں کرکٹ میچ کھیلا گیا۔", "گیس کی قیمت بڑھ گئی۔"}}
	docC   = Doc{ID: "c", Source: "wire", Lang: "en", Sentences: []string{"Pakistan and Russia signed a steel mill agreement.", "The monsoon reached Karachi early."}}
	docT1  = Doc{ID: "t1", Source: "wire", Published: day("2024-06-01"), Sentences: []string{"ویکسین کی خوراکیں اسلام آباد پہنچ گئیں۔"}}
	docT2  = Doc{ID: "t2", Source: "wire", Published: day("2024-06-02"), Sentences: []string{"ویکسین کی خوراکیں اسلام آباد پہنچ گئیں۔"}}
	corpus = []Doc{docA, docB, docC, docT1, docT2}
)

// Run runs the suite. newStore returns a new, empty store, open for writing;
// the suite binds it and closes it. skip names subtests a store is known to
// fail, with the reason (printed, so that it is not forgotten).
func Run(t *testing.T, newStore func(t *testing.T) index.Store, skip ...Skip) {
	ctx := context.Background()
	skips := map[string]string{}
	for _, s := range skip {
		skips[s.Test] = s.Reason
	}
	open := func(t *testing.T, docs ...Doc) index.Store {
		t.Helper()
		s := newStore(t)
		t.Cleanup(func() { s.Close() })
		if err := s.Bind(context.Background(), "storetest", Dim); err != nil {
			t.Fatalf("Bind: %v", err)
		}
		put(t, s, docs...)
		return s
	}

	t.Run("Empty", func(t *testing.T) {
		s := open(t)
		if st := must.Value(s.Stats(context.Background())); st.Documents != 0 || st.Chunks != 0 {
			t.Errorf("Stats of an empty store = %+v", st)
		}
		if got, err := s.List(ctx); err != nil || len(got) != 0 {
			t.Errorf("List = %v, want nothing", got)
		}
		if _, ok := must.Values(s.Hash(context.Background(), "a")); ok {
			t.Error("Hash(a) found a document in an empty store")
		}
		if _, _, err := s.Get(context.Background(), "a"); rag.ErrorCode(err) != rag.NotFound {
			t.Errorf("Get(a) err = %v, want not_found", err)
		}
		if err := s.Delete(ctx, "a"); rag.ErrorCode(err) != rag.NotFound {
			t.Errorf("Delete(a) err = %v, want not_found", err)
		}
		hits, err := s.VectorSearch(ctx, Vec("x"), 5, rag.Filter{})
		if err != nil || len(hits) != 0 {
			t.Errorf("VectorSearch = %v, %v; want nothing", hits, err)
		}
		hits, err = s.KeywordSearch(ctx, "روس", 5, rag.Filter{})
		if err != nil || len(hits) != 0 {
			t.Errorf("KeywordSearch = %v, %v; want nothing", hits, err)
		}
		if got := IDF(s, "روس"); got != 0 {
			t.Errorf("IDF of an unseen token = %v, want 0", got)
		}
	})

	t.Run("Bind", func(t *testing.T) {
		s := open(t)
		if m := must.Value(s.Meta(context.Background())); m.Embedder != "storetest" || m.Dimension != Dim {
			t.Errorf("Meta = %+v, want embedder storetest, %d dimensions", m, Dim)
		}
		if err := s.Bind(context.Background(), "storetest", Dim); err != nil {
			t.Errorf("Bind with the same embedder: %v", err)
		}
		if err := s.Bind(context.Background(), "other", Dim); rag.ErrorCode(err) != rag.Conflict || !strings.Contains(err.Error(), "reindex") {
			t.Errorf("Bind with another embedder: err = %v, want a conflict naming reindex", err)
		}
		if err := s.Bind(context.Background(), "storetest", Dim*2); rag.ErrorCode(err) != rag.Conflict {
			t.Errorf("Bind with another dimension: err = %v, want a conflict", err)
		}
	})

	t.Run("BindRanker", func(t *testing.T) {
		s := open(t)
		if m := must.Value(s.Meta(context.Background())); m.Ranker != "" {
			t.Errorf("Meta of a new index = %+v, want no ranker", m)
		}
		if err := s.BindRanker(context.Background(), "rank-v1"); err != nil {
			t.Fatalf("BindRanker on an empty index: %v", err)
		}
		if m := must.Value(s.Meta(context.Background())); m.Ranker != "rank-v1" || m.Embedder != "storetest" || m.Dimension != Dim {
			t.Errorf("Meta after BindRanker = %+v, want ranker rank-v1 beside embedder storetest, %d dimensions", m, Dim)
		}
		put(t, s, corpus...)
		if err := s.BindRanker(context.Background(), "rank-v1"); err != nil {
			t.Errorf("BindRanker with the same version: %v", err)
		}
		if err := s.BindRanker(context.Background(), "rank-v2"); !isRankerConflict(err, "rank-v1", "rank-v2") {
			t.Errorf("BindRanker with another version: err = %v, want a conflict naming rank-v1, rank-v2 and jawab reindex", err)
		}
		if m := must.Value(s.Meta(context.Background())); m.Ranker != "rank-v1" {
			t.Errorf("Meta after a refused BindRanker = %+v, want ranker rank-v1 still", m)
		}
		if err := s.Bind(context.Background(), "storetest", Dim); err != nil {
			t.Errorf("Bind of the embedder beside the ranker: %v", err)
		}

		// Rebuilding for the new version records it; then it binds, and the
		// old one is refused.
		if err := s.Rebuild(ctx, "storetest", "rank-v2", sameChunks, nil); err != nil {
			t.Fatalf("Rebuild: %v", err)
		}
		if m := must.Value(s.Meta(context.Background())); m.Ranker != "rank-v2" || m.Embedder != "storetest" {
			t.Errorf("Meta after Rebuild = %+v, want ranker rank-v2, embedder storetest", m)
		}
		if err := s.BindRanker(context.Background(), "rank-v2"); err != nil {
			t.Errorf("BindRanker with the rebuilt version: %v", err)
		}
		if err := s.BindRanker(context.Background(), "rank-v1"); !isRankerConflict(err, "rank-v2", "rank-v1") {
			t.Errorf("BindRanker with the version from before Rebuild: err = %v, want a conflict naming both and jawab reindex", err)
		}
		if st := must.Value(s.Stats(context.Background())); st.Documents != len(corpus) || st.Chunks != 9 {
			t.Errorf("Stats after Rebuild = %+v, want %d documents and 9 chunks", st, len(corpus))
		}
	})

	// An index built before the ranker was recorded: documents, no version.
	t.Run("BindRankerNoneRecorded", func(t *testing.T) {
		s := open(t, corpus...)
		err := s.BindRanker(context.Background(), "rank-v1")
		if rag.ErrorCode(err) != rag.Conflict || !strings.Contains(err.Error(), `"rank-v1"`) || !strings.Contains(err.Error(), "jawab reindex") {
			t.Errorf("BindRanker on documents with no version recorded: err = %v, want a conflict naming rank-v1 and jawab reindex", err)
		}
		if m := must.Value(s.Meta(context.Background())); m.Ranker != "" {
			t.Errorf("Meta after a refused BindRanker = %+v, want no ranker", m)
		}
		if err := s.Rebuild(ctx, "storetest", "rank-v1", sameChunks, nil); err != nil {
			t.Fatalf("Rebuild: %v", err)
		}
		if err := s.BindRanker(context.Background(), "rank-v1"); err != nil {
			t.Errorf("BindRanker after Rebuild: %v", err)
		}
		if m := must.Value(s.Meta(context.Background())); m.Ranker != "rank-v1" {
			t.Errorf("Meta after Rebuild = %+v, want ranker rank-v1", m)
		}
	})

	// An empty index adopts the version, even one whose embedder was bound
	// (and whose documents were deleted) before versions were recorded.
	t.Run("BindRankerEmptied", func(t *testing.T) {
		s := open(t, docA)
		if err := s.Delete(ctx, docA.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.BindRanker(context.Background(), "rank-v1"); err != nil {
			t.Errorf("BindRanker on an emptied index: %v", err)
		}
		if m := must.Value(s.Meta(context.Background())); m.Ranker != "rank-v1" {
			t.Errorf("Meta = %+v, want ranker rank-v1", m)
		}
	})

	t.Run("GetAndList", func(t *testing.T) {
		s := open(t, corpus...)
		ids := []string{}
		all, err := s.List(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range all {
			ids = append(ids, d.ID)
		}
		if want := []string{"a", "b", "c", "t1", "t2"}; !slices.Equal(ids, want) {
			t.Errorf("List ids = %v, want %v", ids, want)
		}
		want := docB.Item()
		doc, chunks, err := s.Get(context.Background(), "b")
		if err != nil {
			t.Fatalf("Get(b): %v", err)
		}
		if doc.ID != "b" || doc.Text != want.Doc.Text || doc.Title != want.Doc.Title || doc.Source != want.Doc.Source ||
			doc.URL != want.Doc.URL || doc.Lang != want.Doc.Lang || doc.Hash != want.Doc.Hash || !doc.Published.Equal(want.Doc.Published) ||
			!doc.Modified.Equal(want.Doc.Modified) || doc.DateSource != want.Doc.DateSource || doc.Author != want.Doc.Author {
			t.Errorf("Get(b) document = %+v, want %+v", doc, want.Doc)
		}
		if len(chunks) != 3 {
			t.Fatalf("Get(b) has %d chunks, want 3", len(chunks))
		}
		for i, c := range chunks {
			if c.ID != fmt.Sprintf("b#%d", i) || c.Ordinal != i || c.Text != docB.Sentences[i] || c.DocID != "b" {
				t.Errorf("chunk %d = %+v, want b#%d with text %q", i, c, i, docB.Sentences[i])
			}
		}
		all, err = s.List(ctx)
		if err != nil || len(all) < 2 {
			t.Fatalf("List: %v, %v", all, err)
		}
		info := all[1]
		if info.Chunks != 3 || info.Runes != len([]rune(want.Doc.Text)) || info.Hash != want.Doc.Hash || info.Ingested.IsZero() {
			t.Errorf("List()[1] = %+v: want 3 chunks, %d runes, the hash and an ingest time", info, len([]rune(want.Doc.Text)))
		}
		if h, ok := must.Values(s.Hash(context.Background(), "b")); !ok || h != want.Doc.Hash {
			t.Errorf("Hash(b) = %q, %v; want %q", h, ok, want.Doc.Hash)
		}
		if v, ok := Vector(s, "k-"+docB.Sentences[1]); !ok || !slices.Equal(v, Vec(docB.Sentences[1])) {
			t.Errorf("Vector of a stored chunk key = %v, %v; want its vector", v, ok)
		}
		if _, ok := Vector(s, "k-nothing"); ok {
			t.Error("Vector of an unknown key was found")
		}
		if st := must.Value(s.Stats(context.Background())); st.Documents != 5 || st.Chunks != 9 || st.VectorChunks != 9 || st.KeywordChunks != 9 {
			t.Errorf("Stats = %+v, want 5 documents and 9 chunks in both indexes", st)
		}
	})

	t.Run("VectorSearch", func(t *testing.T) {
		s := open(t, corpus...)
		hits := search(t)(s.VectorSearch(ctx, Vec(docB.Sentences[2]), 3, rag.Filter{}))
		if len(hits) != 3 || hits[0].Chunk.ID != "b#2" {
			t.Fatalf("vector search for b#2's text: %v, want b#2 first of 3", ids(hits))
		}
		if math.Abs(hits[0].Score-1) > 1e-4 {
			t.Errorf("score of an identical vector = %v, want 1", hits[0].Score)
		}
		h := hits[0]
		if h.Chunk.Text != docB.Sentences[2] || h.Chunk.Start != want(docB, 2).Start || h.Doc.Title != "title b" || h.Doc.URL != "https://example.org/b" || !h.Doc.Published.Equal(docB.Published) {
			t.Errorf("hit = %+v: want the chunk's text and offsets and its document's metadata", h)
		}
		for i := 1; i < len(hits); i++ {
			if hits[i].Score > hits[i-1].Score {
				t.Errorf("hits not ordered by score: %v", scores(hits))
			}
		}
		all := search(t)(s.VectorSearch(ctx, Vec("x"), 100, rag.Filter{}))
		if len(all) != 9 {
			t.Errorf("k beyond the index size: %d hits, want all 9", len(all))
		}
		if _, err := s.VectorSearch(ctx, make([]float32, Dim+1), 3, rag.Filter{}); rag.ErrorCode(err) != rag.Invalid {
			t.Errorf("query of the wrong dimension: err = %v, want invalid", err)
		}
		if got := search(t)(s.VectorSearch(ctx, Vec("x"), 0, rag.Filter{})); len(got) != 0 {
			t.Errorf("k = 0: %v, want nothing", ids(got))
		}
	})

	t.Run("TiesByChunkID", func(t *testing.T) {
		s := open(t, corpus...)
		q := docT1.Sentences[0]
		hits := search(t)(s.VectorSearch(ctx, Vec(q), 2, rag.Filter{}))
		if got := ids(hits); !slices.Equal(got, []string{"t1#0", "t2#0"}) || hits[0].Score != hits[1].Score {
			t.Errorf("vector tie: %v %v, want t1#0 and t2#0 with equal scores", got, scores(hits))
		}
		hits = search(t)(s.KeywordSearch(ctx, "ویکسین خوراکیں", 2, rag.Filter{}))
		if got := ids(hits); !slices.Equal(got, []string{"t1#0", "t2#0"}) || hits[0].Score != hits[1].Score {
			t.Errorf("keyword tie: %v %v, want t1#0 and t2#0 with equal scores", got, scores(hits))
		}
		hits = search(t)(s.KeywordSearch(ctx, "ویکسین خوراکیں", 1, rag.Filter{}))
		if got := ids(hits); !slices.Equal(got, []string{"t1#0"}) {
			t.Errorf("keyword tie cut at k = 1: %v, want t1#0", got)
		}
	})

	t.Run("VectorTieAtTheCut", func(t *testing.T) {
		if reason, ok := skips["VectorTieAtTheCut"]; ok {
			t.Skip(reason)
		}
		s := open(t, corpus...)
		// Repeated: an engine that fetches exactly k may keep either tied chunk.
		for range 20 {
			hits := search(t)(s.VectorSearch(ctx, Vec(docT1.Sentences[0]), 1, rag.Filter{}))
			if got := ids(hits); !slices.Equal(got, []string{"t1#0"}) {
				t.Fatalf("vector tie cut at k = 1: %v, want t1#0 (the smaller id)", got)
			}
		}
	})

	t.Run("KeywordSearch", func(t *testing.T) {
		s := open(t, corpus...)
		cases := []struct{ query, first string }{
			{"پائپ لائن کا معاہدہ", "a#0"},
			{"کرکٹ", "b#1"},
			{"گیس کی قیمت", "b#2"},
			{"steel mill", "c#0"},
			{"KARACHI monsoon", "c#1"},
			// Arabic letters (ي, ك) and a diacritic: the normaliser folds them on
			// both sides, so the Urdu spelling is found.
			{"كركٹ ميچ", "b#1"},
			{"بارشَ", "a#1"},
		}
		for _, c := range cases {
			hits := search(t)(s.KeywordSearch(ctx, c.query, 5, rag.Filter{}))
			if len(hits) == 0 || hits[0].Chunk.ID != c.first {
				t.Errorf("keyword search %q: %v, want %s first", c.query, ids(hits), c.first)
			}
		}
		hits := search(t)(s.KeywordSearch(ctx, "گیس", 5, rag.Filter{}))
		if got := ids(hits); len(got) != 2 || !slices.Contains(got, "a#0") || !slices.Contains(got, "b#2") {
			t.Errorf("keyword search for a word in two chunks: %v, want a#0 and b#2", got)
		}
		// The shorter chunk ranks first (BM25 length normalisation).
		if len(hits) == 2 && hits[0].Chunk.ID != "b#2" {
			t.Errorf("keyword search گیس: %v, want the shorter chunk b#2 first", ids(hits))
		}
		if got := search(t)(s.KeywordSearch(ctx, "نیویارک", 5, rag.Filter{})); len(got) != 0 {
			t.Errorf("a word no chunk holds: %v, want nothing", ids(got))
		}
	})

	// The model's associates of a question's words (rag.Retriever's expansion)
	// never outrank the words it holds: an engine that weighs terms ranks them
	// lower, one that cannot leaves them out. The associate's chunk (b#2) is
	// the shorter, so an engine that counted it in full would put it first.
	t.Run("AssociatedTerms", func(t *testing.T) {
		s := open(t, corpus...)
		terms := []rag.WeightedTerm{{Term: "پائپ", Weight: 1}, {Term: "قیمت", Weight: 0.3, Associated: true}}
		hits := search(t)(s.WeightedKeywordSearch(ctx, terms, 5, rag.Filter{}))
		if got := ids(hits); len(got) == 0 || got[0] != "a#0" || len(got) > 2 || len(got) == 2 && got[1] != "b#2" {
			t.Errorf("weighted search for پائپ with the associate قیمت: %v, want a#0 first, then b#2 or nothing", got)
		}
		// The control: at full weight, the shorter chunk comes first.
		terms[1].Weight, terms[1].Associated = 1, false
		if got := ids(search(t)(s.WeightedKeywordSearch(ctx, terms, 5, rag.Filter{}))); len(got) != 2 || got[0] != "b#2" {
			t.Errorf("weighted search for پائپ and قیمت alike: %v, want b#2 (the shorter chunk) first", got)
		}
	})

	t.Run("Filters", func(t *testing.T) {
		s := open(t, corpus...)
		cases := []struct {
			name string
			f    rag.Filter
			want []string // documents that may be returned
		}{
			{"doc ids", rag.Filter{DocIDs: []string{"b", "c"}}, []string{"b", "c"}},
			{"source", rag.Filter{Sources: []string{"wire"}}, []string{"c", "t1", "t2"}},
			{"lang", rag.Filter{Lang: "en"}, []string{"c"}},
			{"from", rag.Filter{From: day("2024-01-01")}, []string{"b", "t1", "t2"}},
			{"to", rag.Filter{To: day("2024-06-01")}, []string{"a", "b", "t1"}},
			{"range", rag.Filter{From: day("2024-05-01"), To: day("2024-06-01")}, []string{"b", "t1"}},
			{"range keeping the undated", rag.Filter{From: day("2024-05-01"), To: day("2024-06-01"), Undated: true}, []string{"b", "c", "t1"}},
			{"source and lang", rag.Filter{Sources: []string{"wire"}, Lang: "ur"}, []string{"t1", "t2"}},
			{"nothing", rag.Filter{DocIDs: []string{"zzz"}}, nil},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				var wantChunks []string
				for _, d := range corpus {
					if slices.Contains(c.want, d.ID) {
						for i := range d.Sentences {
							wantChunks = append(wantChunks, fmt.Sprintf("%s#%d", d.ID, i))
						}
					}
				}
				got := ids(search(t)(s.VectorSearch(ctx, Vec("x"), 100, c.f)))
				slices.Sort(got)
				if !slices.Equal(got, wantChunks) {
					t.Errorf("vector search: %v, want %v", got, wantChunks)
				}
				// Every word of the corpus, so that every chunk matches something.
				var all []string
				for _, d := range corpus {
					all = append(all, d.Sentences...)
				}
				got = ids(search(t)(s.KeywordSearch(ctx, strings.Join(all, " "), 100, c.f)))
				slices.Sort(got)
				if !slices.Equal(got, wantChunks) {
					t.Errorf("keyword search: %v, want %v", got, wantChunks)
				}
			})
		}
		// A filter keeps the best of the matching chunks, not the best overall
		// then filtered down to nothing.
		hits := search(t)(s.VectorSearch(ctx, Vec(docA.Sentences[0]), 1, rag.Filter{DocIDs: []string{"b"}}))
		if len(hits) != 1 || hits[0].Chunk.DocID != "b" {
			t.Errorf("filtered vector search k = 1: %v, want one chunk of b", ids(hits))
		}
	})

	t.Run("Delete", func(t *testing.T) {
		s := open(t, corpus...)
		if err := s.Delete(ctx, "b"); err != nil {
			t.Fatalf("Delete(b): %v", err)
		}
		if _, ok := must.Values(s.Hash(context.Background(), "b")); ok {
			t.Error("Hash(b) after delete: still there")
		}
		if _, _, err := s.Get(context.Background(), "b"); rag.ErrorCode(err) != rag.NotFound {
			t.Errorf("Get(b) after delete: err = %v, want not_found", err)
		}
		for _, h := range search(t)(s.VectorSearch(ctx, Vec("x"), 100, rag.Filter{})) {
			if h.Chunk.DocID == "b" {
				t.Errorf("vector search after delete returned %s", h.Chunk.ID)
			}
		}
		if got := search(t)(s.KeywordSearch(ctx, "کرکٹ", 5, rag.Filter{})); len(got) != 0 {
			t.Errorf("keyword search after delete: %v, want nothing", ids(got))
		}
		if _, ok := Vector(s, "k-"+docB.Sentences[1]); ok {
			t.Error("the vector of a deleted document's chunk is still served")
		}
		if st := must.Value(s.Stats(context.Background())); st.Documents != 4 || st.Chunks != 6 {
			t.Errorf("Stats after delete = %+v, want 4 documents, 6 chunks", st)
		}
		if hits := search(t)(s.KeywordSearch(ctx, "پائپ", 5, rag.Filter{})); len(hits) != 1 || hits[0].Chunk.ID != "a#0" {
			t.Errorf("the other documents must stay: %v", ids(hits))
		}
		if err := s.Delete(ctx, "b"); rag.ErrorCode(err) != rag.NotFound {
			t.Errorf("second Delete(b): err = %v, want not_found", err)
		}
	})

	t.Run("Replace", func(t *testing.T) {
		s := open(t, corpus...)
		put(t, s, corpus...) // the same again: nothing changes
		if st := must.Value(s.Stats(context.Background())); st.Documents != 5 || st.Chunks != 9 {
			t.Errorf("Stats after writing the same documents again = %+v, want 5 and 9", st)
		}
		shorter := Doc{ID: "b", Published: docB.Published, Sentences: []string{"ماسکو میں وزیر خارجہ کی ملاقات ہوئی۔", "فٹبال کا میچ ہوا۔"}}
		put(t, s, shorter)
		_, chunks, err := s.Get(context.Background(), "b")
		if err != nil || len(chunks) != 2 || chunks[1].Text != shorter.Sentences[1] {
			t.Fatalf("Get(b) after replacing it: %v, %v; want its 2 new chunks", chunks, err)
		}
		if got := search(t)(s.KeywordSearch(ctx, "کرکٹ", 5, rag.Filter{})); len(got) != 0 {
			t.Errorf("old text still found: %v", ids(got))
		}
		if got := search(t)(s.KeywordSearch(ctx, "گیس", 5, rag.Filter{})); len(got) != 1 || got[0].Chunk.ID != "a#0" {
			t.Errorf("the replaced version's dropped third chunk: %v, want only a#0", ids(got))
		}
		if got := search(t)(s.KeywordSearch(ctx, "فٹبال", 5, rag.Filter{})); len(got) != 1 || got[0].Chunk.ID != "b#1" {
			t.Errorf("new text: %v, want b#1", ids(got))
		}
		for _, h := range search(t)(s.VectorSearch(ctx, Vec("x"), 100, rag.Filter{})) {
			if h.Chunk.ID == "b#2" {
				t.Error("vector search still returns the dropped chunk b#2")
			}
		}
		if st := must.Value(s.Stats(context.Background())); st.Documents != 5 || st.Chunks != 8 {
			t.Errorf("Stats after replacing b = %+v, want 5 documents, 8 chunks", st)
		}
		if _, ok := Vector(s, "k-"+shorter.Sentences[0]); !ok {
			t.Error("the vector of a kept chunk text is gone")
		}
	})

	t.Run("IDF", func(t *testing.T) {
		s := open(t, corpus...)
		n := 9.0
		bm25IDF := func(df float64) float64 { return math.Log(1 + (n-df+0.5)/(df+0.5)) }
		for _, c := range []struct {
			token string
			df    float64
		}{{"گیس", 2}, {"کرکٹ", 1}, {"ویکسین", 2}, {"pakistan", 1}, {"نیویارک", 0}} {
			want := 0.0
			if c.df > 0 {
				want = bm25IDF(c.df)
			}
			tok := text.Tokens(c.token)[0]
			if got := IDF(s, tok); math.Abs(got-want) > 1e-9 {
				t.Errorf("IDF(%s) = %v, want %v (in %v of %v chunks)", c.token, got, want, c.df, n)
			}
		}
	})

	t.Run("Rebuild", func(t *testing.T) {
		s := open(t, corpus...)
		// The new "embedder" makes one chunk of each whole document.
		fn := func(_ context.Context, doc rag.Document) ([]rag.Chunk, []string, [][]float32, error) {
			c := rag.Chunk{ID: doc.ID + "#0", DocID: doc.ID, Start: 0, End: len([]rune(doc.Text))}
			return []rag.Chunk{c}, []string{"whole-" + doc.ID}, [][]float32{Vec("whole " + doc.Text)}, nil
		}
		calls := 0
		if err := s.Rebuild(ctx, "rebuilt", "rank-rebuilt", fn, func(done, total int) { calls++ }); err != nil {
			t.Fatalf("Rebuild: %v", err)
		}
		if m := must.Value(s.Meta(context.Background())); m.Embedder != "rebuilt" || m.Dimension != Dim || m.Ranker != "rank-rebuilt" || calls != len(corpus) {
			t.Errorf("after Rebuild: meta %+v, %d progress calls; want embedder rebuilt, %d dimensions, ranker rank-rebuilt, %d calls", m, calls, Dim, len(corpus))
		}
		if st := must.Value(s.Stats(context.Background())); st.Documents != 5 || st.Chunks != 5 {
			t.Errorf("Stats after Rebuild = %+v, want 5 documents of one chunk", st)
		}
		_, chunks, err := s.Get(context.Background(), "b")
		if err != nil || len(chunks) != 1 || chunks[0].Text != docB.Item().Doc.Text {
			t.Errorf("Get(b) after Rebuild: %v, %v; want one chunk of the whole text", chunks, err)
		}
		if h, ok := must.Values(s.Hash(context.Background(), "b")); !ok || h != docB.Item().Doc.Hash {
			t.Errorf("Hash(b) after Rebuild = %q, %v; want the document's hash kept", h, ok)
		}
		hits := search(t)(s.VectorSearch(ctx, Vec("whole "+docB.Item().Doc.Text), 1, rag.Filter{}))
		if len(hits) != 1 || hits[0].Chunk.ID != "b#0" {
			t.Errorf("vector search after Rebuild: %v, want b#0", ids(hits))
		}
		if hits := search(t)(s.KeywordSearch(ctx, "کرکٹ", 5, rag.Filter{})); len(hits) != 1 || hits[0].Chunk.ID != "b#0" {
			t.Errorf("keyword search after Rebuild: %v, want b#0", ids(hits))
		}
		if err := s.Bind(context.Background(), "storetest", Dim); rag.ErrorCode(err) != rag.Conflict {
			t.Errorf("Bind with the old embedder after Rebuild: %v, want a conflict", err)
		}
	})

	t.Run("ConcurrentSearchesAndWrites", func(t *testing.T) {
		s := open(t, corpus...)
		var wg sync.WaitGroup
		errs := make(chan error, 64)
		for i := range 4 {
			wg.Go(func() {
				for j := range 5 {
					if _, err := s.KeywordSearch(ctx, "ماسکو گیس", 5, rag.Filter{}); err != nil {
						errs <- err
					}
					if _, err := s.VectorSearch(ctx, Vec(fmt.Sprint(i, j)), 5, rag.Filter{}); err != nil {
						errs <- err
					}
				}
			})
		}
		wg.Go(func() {
			for j := range 5 {
				d := Doc{ID: fmt.Sprintf("w%d", j), Sentences: []string{fmt.Sprintf("نئی خبر نمبر %d آئی۔", j)}}
				if _, err := s.UpsertBatch(ctx, []index.Item{d.Item()}); err != nil {
					errs <- err
				}
			}
		})
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Errorf("concurrent use: %v", err)
		}
		if st := must.Value(s.Stats(context.Background())); st.Documents != 10 {
			t.Errorf("Stats = %+v, want 10 documents", st)
		}
	})

	t.Run("IngestIsIdempotent", func(t *testing.T) {
		s := newStore(t)
		t.Cleanup(func() { s.Close() })
		emb := &CountingEmbedder{}
		in := &ingest.Ingester{Store: s, Embedder: emb}
		items := func(texts ...string) []load.Item {
			var out []load.Item
			for i, tx := range texts {
				out = append(out, load.Item{Path: fmt.Sprintf("d%d.txt", i), Doc: rag.Document{ID: fmt.Sprintf("d%d", i), Title: "t", Lang: "ur", Text: tx}})
			}
			return out
		}
		first := []string{"پہلی خبر۔ اس میں دو جملے ہیں۔", "دوسری خبر کراچی سے ہے۔"}
		_, sum, err := in.Items(ctx, items(first...))
		if err != nil || sum.Added != 2 || sum.Embedded == 0 {
			t.Fatalf("first ingest: %+v, %v", sum, err)
		}
		embedded := emb.Count()
		_, sum, err = in.Items(ctx, items(first...))
		if err != nil || sum.Unchanged != 2 || sum.Added+sum.Updated != 0 || emb.Count() != embedded {
			t.Errorf("ingesting the same again: %+v, %v, %d texts embedded; want 2 unchanged and nothing embedded", sum, err, emb.Count()-embedded)
		}
		changed := []string{first[0], first[1] + " ایک نیا جملہ بھی۔"}
		_, sum, err = in.Items(ctx, items(changed...))
		if err != nil || sum.Updated != 1 || sum.Unchanged != 1 {
			t.Errorf("changing one document: %+v, %v; want 1 updated, 1 unchanged", sum, err)
		}
		if st := must.Value(s.Stats(context.Background())); st.Documents != 2 {
			t.Errorf("Stats = %+v, want 2 documents", st)
		}
		// A third document whose text equals the first's reuses its vectors.
		before := emb.Count()
		third := items(changed[0], changed[1], first[0])
		third[2].Doc.ID, third[2].Path = "copy", "copy.txt"
		_, sum, err = in.Items(ctx, third)
		if err != nil || sum.Added != 1 || emb.Count() != before {
			t.Errorf("a copy of a stored text: %+v, %v, %d embedded; want 1 added and nothing embedded", sum, err, emb.Count()-before)
		}
	})
}

// sameChunks is a RebuildFunc that re-derives a suite document as Doc.Item
// made it: one chunk per sentence, the same keys and vectors.
func sameChunks(_ context.Context, doc rag.Document) ([]rag.Chunk, []string, [][]float32, error) {
	for _, d := range corpus {
		if d.ID == doc.ID {
			it := d.Item()
			return it.Chunks, it.Keys, it.Vectors, nil
		}
	}
	return nil, nil, nil, fmt.Errorf("document %s is not the suite's", doc.ID)
}

// isRankerConflict reports whether err is the Conflict of binding version to
// an index built for recorded: it names both and the command that fixes it.
func isRankerConflict(err error, recorded, version string) bool {
	return rag.ErrorCode(err) == rag.Conflict && strings.Contains(err.Error(), `"`+recorded+`"`) &&
		strings.Contains(err.Error(), `"`+version+`"`) && strings.Contains(err.Error(), "jawab reindex")
}

// Skip is a subtest a store is known to fail, and why.
type Skip struct{ Test, Reason string }

// CountingEmbedder is a deterministic embedder that counts the texts it embeds.
type CountingEmbedder struct {
	mu sync.Mutex
	n  int
}

func (e *CountingEmbedder) Name() string   { return "counting" }
func (e *CountingEmbedder) Dimension() int { return Dim }

// Multilingual is false.
func (e *CountingEmbedder) Multilingual() bool { return false }

func (e *CountingEmbedder) Embed(_ context.Context, texts []string, _ rag.Purpose) ([][]float32, error) {
	e.mu.Lock()
	e.n += len(texts)
	e.mu.Unlock()
	out := make([][]float32, len(texts))
	for i, t := range texts {
		out[i] = Vec(t)
	}
	return out, nil
}

// Count is how many texts were embedded.
func (e *CountingEmbedder) Count() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.n
}

func put(t *testing.T, s index.Store, docs ...Doc) {
	t.Helper()
	if len(docs) == 0 {
		return
	}
	items := make([]index.Item, len(docs))
	for i, d := range docs {
		items[i] = d.Item()
	}
	n, err := s.UpsertBatch(context.Background(), items)
	if err != nil || n != len(items) {
		t.Fatalf("UpsertBatch: %d of %d, %v", n, len(items), err)
	}
}

func want(d Doc, i int) rag.Chunk { return d.Item().Chunks[i] }

// search fails the test on a search error: search(t)(s.KeywordSearch(…)).
func search(t *testing.T) func([]rag.Hit, error) []rag.Hit {
	return func(hits []rag.Hit, err error) []rag.Hit {
		t.Helper()
		if err != nil {
			t.Fatalf("search: %v", err)
		}
		return hits
	}
}

func ids(hits []rag.Hit) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.Chunk.ID
	}
	return out
}

func scores(hits []rag.Hit) []float64 {
	out := make([]float64, len(hits))
	for i, h := range hits {
		out[i] = h.Score
	}
	return out
}

// Agreement measures how alike two stores holding the same documents rank
// the queries: the mean recall@k of want's keyword and vector top k in got's,
// and the share of queries whose keyword top hit is the same. Engines compute
// scores in different precision (Weaviate in float32), so neighbours with
// nearly equal scores may swap; an approximate vector index may miss a few.
type Agreement struct {
	KeywordRecall, KeywordTop1, VectorRecall float64
}

// Compare measures the Agreement of got with want over queries.
func Compare(t *testing.T, want, got index.Store, queries []string, emb rag.Embedder, k int) Agreement {
	t.Helper()
	ctx := context.Background()
	var a Agreement
	for _, q := range queries {
		w := search(t)(want.KeywordSearch(ctx, q, k, rag.Filter{}))
		g := search(t)(got.KeywordSearch(ctx, q, k, rag.Filter{}))
		a.KeywordRecall += Recall(ids(w), ids(g))
		if len(w) == 0 && len(g) == 0 || len(w) > 0 && len(g) > 0 && w[0].Chunk.ID == g[0].Chunk.ID {
			a.KeywordTop1++
		} else {
			t.Logf("keyword top hit differs for %q:\n got %v\nwant %v", q, ids(g), ids(w))
		}
		v, err := emb.Embed(ctx, []string{q}, rag.ForQuery)
		if err != nil {
			t.Fatal(err)
		}
		w = search(t)(want.VectorSearch(ctx, v[0], k, rag.Filter{}))
		g = search(t)(got.VectorSearch(ctx, v[0], k, rag.Filter{}))
		a.VectorRecall += Recall(ids(w), ids(g))
	}
	n := float64(max(len(queries), 1))
	a.KeywordRecall, a.KeywordTop1, a.VectorRecall = a.KeywordRecall/n, a.KeywordTop1/n, a.VectorRecall/n
	return a
}

// Recall is the share of want found in got.
func Recall(want, got []string) float64 {
	if len(want) == 0 {
		return 1
	}
	n := 0
	for _, id := range want {
		if slices.Contains(got, id) {
			n++
		}
	}
	return float64(n) / float64(len(want))
}

// Vector is the stored vector of the chunk key in s, read through the
// contract's batch lookup; it panics if the store fails.
func Vector(s index.Reader, key string) ([]float32, bool) {
	got := must.Value(s.Vectors(context.Background(), []string{key}))
	v, ok := got[key]
	return v, ok
}

// IDF is the weight s gives token; it panics if the store fails.
func IDF(s rag.Index, token string) float64 {
	return must.Value(s.IDFs(context.Background(), []string{token}))[0]
}
