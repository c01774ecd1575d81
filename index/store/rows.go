package store

import (
	"cmp"
	"container/heap"
	"math"
	"runtime"
	"sync"
)

// rows lists every chunk vector the chromem-go collection holds, by slot: the
// same slices as its documents' embeddings (never a copy), so that a sparse
// query can be scored over chromem-go's own data without its per-query
// overhead.
//
// The local embedder's questions are sparse: a question of ten words touches
// about 80 of the 1,024 hashed features. Its dot product with a chunk needs
// only those components, summed in the order chromem-go sums them (a zero
// term adds nothing), so the scores are chromem-go's to the bit and the
// ranking is exactly its. A dense query (a remote model's) goes to
// chromem-go itself.
//
// The table costs a slice header and an id per chunk; the vectors are held
// once, by chromem-go (and, for an index loaded from a snapshot, they live in
// the snapshot's memory map).
type rows struct {
	ids   []string    // chunk id by slot
	vecs  [][]float32 // chromem-go's embedding by slot
	slots map[string]int32
}

func newRows() *rows { return &rows{slots: map[string]int32{}} }

// sparseEnough reports whether v is sparse enough to be worth scoring by its
// non-zero components: half of them or fewer. (The local embedder's
// questions touch 60 to 200 of 1,024; a remote model's vectors are dense.)
func sparseEnough(v []float32) bool {
	nz := 0
	for _, x := range v {
		if x != 0 {
			nz++
		}
	}
	return nz*2 <= len(v)
}

func (r *rows) len() int { return len(r.ids) }

// add lists vec under id, replacing what id held.
func (r *rows) add(id string, vec []float32) {
	if s, ok := r.slots[id]; ok {
		r.vecs[s] = vec
		return
	}
	r.slots[id] = int32(len(r.ids))
	r.ids = append(r.ids, id)
	r.vecs = append(r.vecs, vec)
}

// remove drops id, moving the last slot into its place.
func (r *rows) remove(id string) {
	s, ok := r.slots[id]
	if !ok {
		return
	}
	last := int32(len(r.ids) - 1)
	moved := r.ids[last]
	r.ids[s], r.vecs[s] = moved, r.vecs[last]
	r.slots[moved] = s
	r.ids[last], r.vecs[last] = "", nil
	r.ids, r.vecs = r.ids[:last], r.vecs[:last]
	delete(r.slots, id)
}

// scored is one search result.
type scored struct {
	id    string
	score float32
}

// search returns the k ids whose vectors have the highest dot product with
// the unit vector q, among those accept (nil: all) lets through, best first,
// ties broken by id. The slots are split between the cores; accept may be
// called from several goroutines at once.
func (r *rows) search(q []float32, k int, accept func(id string) bool) []scored {
	n := len(r.ids)
	if k <= 0 || n == 0 {
		return nil
	}
	var dims []int32
	var ws []float32
	for d, w := range q {
		if w != 0 {
			dims, ws = append(dims, int32(d)), append(ws, w)
		}
	}
	parts := min(runtime.GOMAXPROCS(0), max(1, n/4096))
	tops := make([]minHeap, parts)
	var wg sync.WaitGroup
	for p := range parts {
		lo, hi := n*p/parts, n*(p+1)/parts
		wg.Go(func() { tops[p] = r.scan(lo, hi, len(q), dims, ws, k, accept) })
	}
	wg.Wait()
	top := tops[0]
	for _, t := range tops[1:] {
		for _, x := range t {
			push(&top, x, k)
		}
	}
	out := make([]scored, len(top))
	for i := len(out) - 1; i >= 0; i-- {
		out[i] = heap.Pop(&top).(scored)
	}
	return out
}

// scan scores slots [lo, hi) and keeps the best k.
func (r *rows) scan(lo, hi, dim int, dims []int32, ws []float32, k int, accept func(string) bool) minHeap {
	top := make(minHeap, 0, k)
	for s := lo; s < hi; s++ {
		v := r.vecs[s]
		if len(v) != dim {
			continue // another dimension: cannot happen in a bound index
		}
		var dot float32
		for j, d := range dims {
			dot += ws[j] * v[d]
		}
		if len(top) == k && !better(dot, r.ids[s], top[0]) {
			continue
		}
		if accept != nil && !accept(r.ids[s]) {
			continue
		}
		push(&top, scored{r.ids[s], dot}, k)
	}
	return top
}

func push(top *minHeap, x scored, k int) {
	if len(*top) < k {
		heap.Push(top, x)
	} else if better(x.score, x.id, (*top)[0]) {
		(*top)[0] = x
		heap.Fix(top, 0)
	}
}

// better orders results: higher score first, then smaller id.
func better(score float32, id string, than scored) bool {
	if score != than.score {
		return score > than.score
	}
	return cmp.Less(id, than.id)
}

// minHeap keeps the worst of the best k at its root.
type minHeap []scored

func (h minHeap) Len() int           { return len(h) }
func (h minHeap) Less(i, j int) bool { return better(h[j].score, h[j].id, h[i]) }
func (h minHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *minHeap) Push(x any)        { *h = append(*h, x.(scored)) }
func (h *minHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// unitVector is what chromem-go stores or queries with: q itself when it is
// of unit length (within chromem-go's tolerance), else q normalised, with
// chromem-go's arithmetic, so that scores equal its to the bit.
func unitVector(q []float32) []float32 {
	var sq float64
	for _, x := range q {
		sq += float64(x) * float64(x)
	}
	if math.Abs(math.Sqrt(sq)-1) < 1e-6 { // chromem-go's isNormalizedPrecisionTolerance
		return q
	}
	var norm float32
	for _, x := range q {
		norm += x * x
	}
	norm = float32(math.Sqrt(float64(norm)))
	out := make([]float32, len(q))
	for i, x := range q {
		out[i] = x / norm
	}
	return out
}
