package keyword

import (
	"fmt"
	"math"
	"slices"
)

// Vocab returns the vocabulary by term id, with each term's stem and live
// document frequency, for a snapshot (see Restore). The slices are the
// index's own or copies made under its lock; callers must not change them.
func (ix *Index) Vocab() (vocab, stems []string, df []int32) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.vocab[:len(ix.vocab):len(ix.vocab)], ix.stems[:len(ix.stems):len(ix.stems)], slices.Clone(ix.df)
}

// Entry returns what the index holds for id: its term ids in text order,
// where its sentences end in them, its distinct term ids, sorted, and the
// stopword following each word (nil if AddSentences got none; all shared:
// callers must not change them).
func (ix *Index) Entry(id string) (seq, sentEnds, terms []int32, next []uint8, ok bool) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	n, ok := ix.byID[id]
	if !ok {
		return nil, nil, nil, nil, false
	}
	e := &ix.entries[n]
	return e.seq, e.sentEnds, e.terms, e.next, true
}

// Restore returns an empty index over a vocabulary that Vocab gave (term
// ids are kept); df, by term, sizes the posting lists for the entries Put
// will add.
func Restore(vocab, stems []string, df []int32, entries int) (*Index, error) {
	if len(stems) != len(vocab) || len(df) != len(vocab) {
		return nil, fmt.Errorf("restore keyword index: %d terms, %d stems, %d frequencies", len(vocab), len(stems), len(df))
	}
	ix := &Index{termIDs: make(map[string]int32, len(vocab)), vocab: vocab, stems: stems,
		postings: make([][]posting, len(vocab)), df: make([]int32, len(vocab)),
		entries: make([]entry, 0, entries), lengths: make([]int32, 0, entries), byID: make(map[string]int32, entries)}
	total := 0
	for _, n := range df {
		if n < 0 {
			return nil, fmt.Errorf("restore keyword index: negative frequency")
		}
		total += int(n)
	}
	arena := make([]posting, total)
	for tid, t := range vocab {
		ix.termIDs[t] = int32(tid)
		n := int(df[tid])
		ix.postings[tid], arena = arena[:0:n], arena[n:]
	}
	return ix, nil
}

// Put adds an entry that Entry gave (its terms and their frequencies in
// seq) to an index made by Restore. The slices are kept, not copied.
func (ix *Index) Put(id string, seq, sentEnds, terms []int32, next []uint8) error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if _, dup := ix.byID[id]; dup {
		return fmt.Errorf("restore keyword index: %s twice", id)
	}
	nv := int32(len(ix.vocab))
	for _, t := range seq {
		if t < 0 || t >= nv {
			return fmt.Errorf("restore keyword index: %s: term %d outside the vocabulary", id, t)
		}
	}
	if next != nil && len(next) != len(seq) {
		return fmt.Errorf("restore keyword index: %s: %d followers for %d words", id, len(next), len(seq))
	}
	for i, t := range terms {
		if t < 0 || t >= nv || i > 0 && terms[i-1] >= t {
			return fmt.Errorf("restore keyword index: %s: bad term list", id)
		}
	}
	// Frequencies, counted in a scratch array over the vocabulary.
	if len(ix.count) < len(ix.vocab) {
		ix.count = make([]int32, len(ix.vocab))
	}
	for _, t := range seq {
		ix.count[t]++
	}
	entryN := int32(len(ix.entries))
	bad := false
	for _, t := range terms {
		c := ix.count[t]
		if c == 0 {
			bad = true
		}
		ix.postings[t] = append(ix.postings[t], posting{doc: entryN, tf: uint16(min(c, math.MaxUint16))})
		ix.df[t]++
		ix.count[t] = 0
	}
	for _, t := range seq {
		if ix.count[t] != 0 {
			bad = true // a word of the text missing from its term list
			ix.count[t] = 0
		}
	}
	if bad {
		return fmt.Errorf("restore keyword index: %s: its term list does not match its text", id)
	}
	ix.nPost += len(terms)
	ix.entries = append(ix.entries, entry{id: id, length: int32(len(seq)), terms: terms, seq: seq, sentEnds: sentEnds, next: next})
	ix.lengths = append(ix.lengths, int32(len(seq)))
	ix.byID[id] = entryN
	ix.live++
	ix.totalLen += int64(len(seq))
	return nil
}
