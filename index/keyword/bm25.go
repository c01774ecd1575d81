// Package keyword is jawab's keyword index: Okapi BM25 over the tokens the text
// package produces, held in memory. The durable copy of every chunk lives in the
// store's records, from which this index is rebuilt on open, so the keyword index
// and the vector index can never disagree about which version of a document they
// hold.
package keyword

import (
	"cmp"
	"container/heap"
	"math"
	"slices"
	"sync"

	"github.com/jawab/jawab/text"
)

// BM25 parameters: the usual defaults, which suit news paragraphs of a few
// hundred words.
const (
	k1 = 1.2
	b  = 0.75
)

// Result is one scored entry.
type Result struct {
	ID    string
	Score float64
}

type posting struct {
	doc int32
	tf  uint16
}

type entry struct {
	id     string
	length int32
	terms  []int32 // distinct term ids, sorted: to undo document frequencies on removal, and for Terms
	// seq is the entry's term ids in text order and sentEnds where its
	// sentences end in seq, for Analysis.
	seq      []int32
	sentEnds []int32
	// next is, by word of seq, the stopword that follows it in the text
	// (text.StopwordID; 0 for none), nil when the caller gave none.
	next []uint8
}

// Index is an in-memory BM25 index. It is safe for concurrent use: searches run in
// parallel with each other and wait only for the short critical section of an add
// or remove.
type Index struct {
	mu       sync.RWMutex
	termIDs  map[string]int32
	vocab    []string    // by term id
	stems    []string    // by term id: text.Stem of the term
	postings [][]posting // by term id; may hold postings of removed entries
	df       []int32     // live document frequency by term id
	entries  []entry
	// lengths is by entry its length, or -1 once removed: the scoring loop
	// reads it for every posting, and a dense slice stays in cache where
	// the entries do not.
	lengths  []int32
	byID     map[string]int32
	live     int
	totalLen int64
	dead     int // postings that belong to removed entries
	nPost    int
	count    []int32 // Put's scratch: frequency by term id, all zero between calls
}

// New returns an empty index.
func New() *Index {
	return &Index{termIDs: map[string]int32{}, byID: map[string]int32{}}
}

// Len reports the number of entries.
func (ix *Index) Len() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.live
}

// Add indexes tokens under id, replacing what id held before, as one
// sentence.
func (ix *Index) Add(id string, tokens []string) {
	ix.AddSentences(id, [][]string{tokens}, nil)
}

// AddSentences indexes the tokens of each sentence (text.SentenceTokens)
// under id, replacing what id held before. BM25 sees them as one text;
// Analysis gives them back sentence by sentence, with next: by sentence
// and word, the stopword that follows each word
// (text.SentenceTokensFollowed), or nil.
func (ix *Index) AddSentences(id string, sentences [][]string, next [][]uint8) {
	n := 0
	for _, s := range sentences {
		n += len(s)
	}
	tf := make(map[string]int, n)
	for _, s := range sentences {
		for _, t := range s {
			tf[t]++
		}
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.removeLocked(id)
	e := entry{id: id, length: int32(n), terms: make([]int32, 0, len(tf)),
		seq: make([]int32, 0, n), sentEnds: make([]int32, 0, len(sentences))}
	if next != nil {
		e.next = make([]uint8, 0, n)
	}
	for i, s := range sentences {
		for _, t := range s {
			e.seq = append(e.seq, ix.termLocked(t))
		}
		if next != nil {
			// A sentence's followers are its words' or none.
			f := next[i]
			if len(f) != len(s) {
				f = make([]uint8, len(s))
			}
			e.next = append(e.next, f...)
		}
		e.sentEnds = append(e.sentEnds, int32(len(e.seq)))
	}
	entryN := int32(len(ix.entries))
	for term, c := range tf {
		tid := ix.termIDs[term]
		ix.postings[tid] = append(ix.postings[tid], posting{doc: entryN, tf: uint16(min(c, math.MaxUint16))})
		ix.df[tid]++
		e.terms = append(e.terms, tid)
	}
	slices.Sort(e.terms)
	ix.nPost += len(e.terms)
	ix.entries = append(ix.entries, e)
	ix.lengths = append(ix.lengths, e.length)
	ix.byID[id] = entryN
	ix.live++
	ix.totalLen += int64(e.length)
}

// termLocked returns term's id, adding it to the vocabulary if it is new.
func (ix *Index) termLocked(term string) int32 {
	tid, ok := ix.termIDs[term]
	if !ok {
		tid = int32(len(ix.postings))
		ix.termIDs[term] = tid
		ix.vocab = append(ix.vocab, term)
		ix.stems = append(ix.stems, text.Stem(term))
		ix.postings = append(ix.postings, nil)
		ix.df = append(ix.df, 0)
	}
	return tid
}

// Analysis returns id's words in text order, their stems (text.Stem),
// where its sentences end (indexes into words) and the stopword that
// follows each word (nil if none were given), as AddSentences got them; ok
// is false for an absent id. The strings are the index's own; sentEnds and
// next are shared (callers must not change them).
func (ix *Index) Analysis(id string) (words, stems []string, sentEnds []int32, next []uint8, ok bool) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	n, ok := ix.byID[id]
	if !ok {
		return nil, nil, nil, nil, false
	}
	e := &ix.entries[n]
	words, stems = make([]string, len(e.seq)), make([]string, len(e.seq))
	for i, tid := range e.seq {
		words[i], stems[i] = ix.vocab[tid], ix.stems[tid]
	}
	return words, stems, e.sentEnds, e.next, true
}

// IDF is the inverse document frequency of a term, as BM25 weighs it: high for
// rare terms, low for common ones, and 0 for terms no entry contains (nothing can
// match them, so they say nothing about which entry answers).
func (ix *Index) IDF(term string) float64 {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	tid, ok := ix.termIDs[term]
	if !ok || ix.df[tid] == 0 {
		return 0
	}
	df, n := float64(ix.df[tid]), float64(ix.live)
	return math.Log(1 + (n-df+0.5)/(df+0.5))
}

// Vocabulary calls fn with each word that live entries hold and the number
// of entries holding it, in no particular order: names in a question in
// another script are matched against it.
func (ix *Index) Vocabulary(fn func(word string, df int)) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	for tid, w := range ix.vocab {
		if ix.df[tid] > 0 {
			fn(w, int(ix.df[tid]))
		}
	}
}

// VocabularySize is the number of distinct words the index has seen (live
// or not): it only grows, so a cache built from Vocabulary is stale when it
// has changed.
func (ix *Index) VocabularySize() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return len(ix.vocab)
}

// Terms returns the distinct terms of id as sorted ids of the index's vocabulary
// (nil for an absent id): comparing two entries' words is then a merge of two
// short lists. The slice is shared: callers must not change it.
func (ix *Index) Terms(id string) []int32 {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	n, ok := ix.byID[id]
	if !ok {
		return nil
	}
	return ix.entries[n].terms
}

// Remove deletes id; removing an absent id does nothing.
func (ix *Index) Remove(id string) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.removeLocked(id)
}

func (ix *Index) removeLocked(id string) {
	n, ok := ix.byID[id]
	if !ok {
		return
	}
	e := &ix.entries[n]
	for _, tid := range e.terms {
		ix.df[tid]--
	}
	ix.dead += len(e.terms)
	ix.live--
	ix.totalLen -= int64(e.length)
	e.terms, e.id, e.seq, e.sentEnds = nil, "", nil, nil
	ix.lengths[n] = -1
	delete(ix.byID, id)
	// Removed entries leave postings behind; rebuild once they are the majority so
	// that a long-running server that keeps re-ingesting does not grow without bound.
	if ix.dead > 1024 && ix.dead*2 > ix.nPost {
		ix.compactLocked()
	}
}

// compactLocked drops removed entries and renumbers the live ones.
func (ix *Index) compactLocked() {
	renum := make([]int32, len(ix.entries))
	live := make([]entry, 0, ix.live)
	for i, e := range ix.entries {
		if ix.lengths[i] < 0 {
			renum[i] = -1
			continue
		}
		renum[i] = int32(len(live))
		live = append(live, e)
	}
	for tid, ps := range ix.postings {
		kept := ps[:0]
		for _, p := range ps {
			if r := renum[p.doc]; r >= 0 {
				kept = append(kept, posting{doc: r, tf: p.tf})
			}
		}
		ix.postings[tid] = slices.Clip(kept)
	}
	ix.lengths = ix.lengths[:0]
	for i := range live {
		ix.byID[live[i].id] = int32(i)
		ix.lengths = append(ix.lengths, live[i].length)
	}
	ix.entries = live
	ix.nPost -= ix.dead
	ix.dead = 0
}

// Search scores the entries that contain any of the query tokens and returns the k
// best, highest score first; equal scores are ordered by id so that results are
// reproducible. accept, when not nil, filters entries by id before they compete
// for the k places.
func (ix *Index) Search(query []string, k int, accept func(id string) bool) []Result {
	terms := make([]WeightedTerm, len(query))
	for i, q := range query {
		terms[i] = WeightedTerm{Term: q, Weight: 1}
	}
	return ix.SearchWeighted(terms, k, accept)
}

// Any reports whether some entry holding one of the query tokens passes
// accept (nil accepts all): whether Search would return anything, without
// scoring. A search for the best entry that passes asks accept of every
// touched entry that would beat the best one passed so far, and one in twenty
// passing (the dated reports of an archive of undated items) makes that most
// of them; Any stops at the first that passes.
func (ix *Index) Any(query []string, accept func(id string) bool) bool {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	if len(sc.score) < len(ix.entries) {
		sc.score = make([]float64, len(ix.entries))
	}
	// seen marks, in the scratch scores, the entries asked: an entry holding
	// two of the tokens is asked once.
	seen, asked := sc.score, sc.touched[:0]
	defer func() {
		for _, doc := range asked {
			seen[doc] = 0
		}
		sc.touched = asked
	}()
	// The commonest token first: the entries that pass are met soonest
	// among the most entries (one dated report in twenty is found within
	// the first twenty of a common word's).
	tids := make([]int32, 0, len(query))
	for _, q := range query {
		if tid, ok := ix.termIDs[q]; ok {
			tids = append(tids, tid)
		}
	}
	slices.SortStableFunc(tids, func(a, b int32) int { return cmp.Compare(ix.df[b], ix.df[a]) })
	for _, tid := range tids {
		for _, p := range ix.postings[tid] {
			if ix.lengths[p.doc] < 0 || seen[p.doc] != 0 {
				continue
			}
			if accept == nil || accept(ix.entries[p.doc].id) {
				return true
			}
			seen[p.doc] = 1
			asked = append(asked, p.doc)
		}
	}
	return false
}

// WeightedTerm is a query term with the weight its BM25 contribution is
// multiplied by: a translated question's terms count by how likely each
// translation is.
type WeightedTerm struct {
	Term   string
	Weight float64
}

// SearchWeighted is Search with each term's contribution multiplied by its
// weight; a term listed twice counts once, with its larger weight.
func (ix *Index) SearchWeighted(query []WeightedTerm, k int, accept func(id string) bool) []Result {
	if k <= 0 || len(query) == 0 {
		return nil
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.live == 0 {
		return nil
	}
	n := float64(ix.live)
	avg := float64(ix.totalLen) / n
	if avg == 0 {
		avg = 1
	}
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	if len(sc.score) < len(ix.entries) {
		sc.score = make([]float64, len(ix.entries))
	}
	scores, touched := sc.score, sc.touched[:0]
	weight := make(map[int32]float64, len(query))
	var order []int32
	for _, q := range query {
		tid, ok := ix.termIDs[q.Term]
		if !ok || q.Weight <= 0 {
			continue
		}
		if _, seen := weight[tid]; !seen {
			order = append(order, tid)
		}
		weight[tid] = max(weight[tid], q.Weight)
	}
	for _, tid := range order {
		df := float64(ix.df[tid])
		if df == 0 {
			continue
		}
		idf := weight[tid] * math.Log(1+(n-df+0.5)/(df+0.5))
		for _, p := range ix.postings[tid] {
			length := ix.lengths[p.doc]
			if length < 0 {
				continue
			}
			tf := float64(p.tf)
			if scores[p.doc] == 0 {
				touched = append(touched, p.doc)
			}
			scores[p.doc] += idf * tf * (k1 + 1) / (tf + k1*(1-b+b*float64(length)/avg))
		}
	}
	h := &resultHeap{}
	defer func() {
		for _, doc := range touched {
			scores[doc] = 0
		}
		sc.touched = touched
	}()
	for _, doc := range touched {
		s := scores[doc]
		full := h.Len() >= k
		if full && s < (*h)[0].Score {
			// Most touched entries score below the k-th, and this test
			// needs no entry: reading each one's id missed the cache and
			// was a third of a search's time.
			continue
		}
		r := Result{ID: ix.entries[doc].id, Score: s}
		if full && !better(r, (*h)[0]) {
			continue
		}
		// The filter is asked only of a chunk that would enter the top k: it
		// costs a document lookup, and a common word touches thousands of chunks.
		if accept != nil && !accept(r.ID) {
			continue
		}
		if !full {
			heap.Push(h, r)
		} else {
			(*h)[0] = r
			heap.Fix(h, 0)
		}
	}
	out := []Result(*h)
	slices.SortFunc(out, func(a, b Result) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return out
}

// scratch is a search's score accumulator, by entry, reused between searches: a
// map was most of the cost of a search whose words are common. Scores are
// positive, so 0 marks an entry not yet touched; touched lists the ones to reset.
type scratch struct {
	score   []float64
	touched []int32
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// better orders results: higher score first, then smaller id.
func better(a, b Result) bool {
	if a.Score != b.Score {
		return a.Score > b.Score
	}
	return a.ID < b.ID
}

// resultHeap is a min-heap by "better": its root is the worst of the kept results.
type resultHeap []Result

func (h resultHeap) Len() int           { return len(h) }
func (h resultHeap) Less(i, j int) bool { return better(h[j], h[i]) }
func (h resultHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *resultHeap) Push(x any)        { *h = append(*h, x.(Result)) }
func (h *resultHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
