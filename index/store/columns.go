package store

import (
	"cmp"
	"container/heap"
	"sync"
)

// columns is a column-major copy of the chunk vectors: columns[d][slot] is
// component d of the vector in slot.
//
// It exists for the local embedder, whose query vectors are sparse: a question of
// ten words touches about 80 of the 1,024 hashed features, so its dot product
// with a chunk needs only those components. chromem-go scans every component of
// every vector; here a query reads only the columns of its non-zero components,
// each a contiguous run of floats, so the exact same cosine ranking (the vectors
// are unit length) costs about a tenth of the work and memory traffic. Even a
// dense vector costs a third of chromem-go's scan here, so once the copy
// exists it serves every query. It costs another 4·dimension bytes per chunk,
// so it is made on the first sparse query only: an index embedded by a remote
// model (dense vectors) never gets it, and searches in chromem-go.
type columns struct {
	dim   int
	data  [][]float32 // by component, then slot
	ids   []string    // chunk id by slot
	slots map[string]int32
}

func newColumns(dim int) *columns {
	return &columns{dim: dim, data: make([][]float32, dim), slots: map[string]int32{}}
}

// sparseEnough reports whether v is sparse enough to be worth building the
// column copy for: half its components or fewer are non-zero. (The local
// embedder's questions touch 60 to 200 of 1,024; a remote model's vectors are
// dense, and do not get the copy.)
func sparseEnough(v []float32) bool {
	nz := 0
	for _, x := range v {
		if x != 0 {
			nz++
		}
	}
	return nz*2 <= len(v)
}

func (c *columns) len() int { return len(c.ids) }

// add stores vec under id, replacing what id held.
func (c *columns) add(id string, vec []float32) {
	if len(c.ids) == 0 && len(vec) != c.dim {
		// Built while the index was empty and unbound: the first vector decides.
		*c = *newColumns(len(vec))
	}
	if s, ok := c.slots[id]; ok {
		for d, x := range vec {
			c.data[d][s] = x
		}
		return
	}
	c.slots[id] = int32(len(c.ids))
	c.ids = append(c.ids, id)
	for d, x := range vec {
		c.data[d] = append(c.data[d], x)
	}
}

// remove drops id, moving the last slot into its place.
func (c *columns) remove(id string) {
	s, ok := c.slots[id]
	if !ok {
		return
	}
	last := int32(len(c.ids) - 1)
	for d := range c.data {
		c.data[d][s] = c.data[d][last]
		c.data[d] = c.data[d][:last]
	}
	moved := c.ids[last]
	c.ids[s] = moved
	c.slots[moved] = s
	c.ids = c.ids[:last]
	delete(c.slots, id)
}

// scored is one search result.
type scored struct {
	id    string
	score float32
}

// scores are reused between searches: at 10k chunks a fresh slice per query
// would be 40 KB of garbage each time.
var scorePool = sync.Pool{New: func() any { return new([]float32) }}

// search returns the k ids with the highest dot product with q that accept
// (nil: all) lets through, best first, ties broken by id.
func (c *columns) search(q []float32, k int, accept func(id string) bool) []scored {
	n := len(c.ids)
	if k <= 0 || n == 0 || len(q) != c.dim {
		return nil
	}
	buf := scorePool.Get().(*[]float32)
	defer scorePool.Put(buf)
	if cap(*buf) < n {
		*buf = make([]float32, n)
	}
	acc := (*buf)[:n]
	clear(acc)
	pending := -1 // a non-zero component waiting for a partner
	for d, w := range q {
		switch {
		case w == 0:
		case pending < 0:
			pending = d
		default:
			axpy2(acc, q[pending], c.data[pending], w, c.data[d])
			pending = -1
		}
	}
	if pending >= 0 {
		// An odd one out: paired with itself at weight 0.
		axpy2(acc, q[pending], c.data[pending], 0, c.data[pending])
	}
	top := make(minHeap, 0, k)
	for s, x := range acc {
		if len(top) == k && !better(x, c.ids[s], top[0]) {
			continue
		}
		if accept != nil && !accept(c.ids[s]) {
			continue
		}
		if len(top) < k {
			heap.Push(&top, scored{c.ids[s], x})
		} else {
			top[0] = scored{c.ids[s], x}
			heap.Fix(&top, 0)
		}
	}
	out := make([]scored, len(top))
	for i := len(out) - 1; i >= 0; i-- {
		out[i] = heap.Pop(&top).(scored)
	}
	return out
}

// axpy2 adds w1·x1 + w2·x2 to acc, four at a time (the compiler does not
// unroll, and this loop is the whole cost of a search): two columns per pass
// over the accumulator is a third faster than one.
func axpy2(acc []float32, w1 float32, x1 []float32, w2 float32, x2 []float32) {
	x1, x2 = x1[:len(acc)], x2[:len(acc)]
	i := 0
	for ; i+4 <= len(acc); i += 4 {
		a, b, c := acc[i:i+4:i+4], x1[i:i+4:i+4], x2[i:i+4:i+4]
		a[0] += w1*b[0] + w2*c[0]
		a[1] += w1*b[1] + w2*c[1]
		a[2] += w1*b[2] + w2*c[2]
		a[3] += w1*b[3] + w2*c[3]
	}
	for ; i < len(acc); i++ {
		acc[i] += w1*x1[i] + w2*x2[i]
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
