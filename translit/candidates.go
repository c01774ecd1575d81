package translit

import (
	"cmp"
	"slices"
)

// maxCandidates is how many spellings Candidates returns at most.
const maxCandidates = 8

// Candidates returns rule-based Urdu spellings of a Latin word, most likely
// first (at most eight): the cheapest ways to write it with the rule
// table, for a store without a vocabulary to match against. Spellings that
// differ only in what the rules consider equally likely come in a fixed
// order (by cost, then by spelling).
func Candidates(latin string) []string {
	lat := latinLetters(latin)
	const roman = false
	n := len(lat)
	if n == 0 || n > maxAlign {
		return nil
	}
	type state struct {
		urd  string
		cost float64
	}
	const beam = 48
	at := make([][]state, n+1)
	at[0] = []state{{}}
	add := func(i int, st state) {
		for k := range at[i] {
			if at[i][k].urd == st.urd {
				at[i][k].cost = min(at[i][k].cost, st.cost)
				return
			}
		}
		at[i] = append(at[i], st)
	}
	byCost := func(a, b state) int {
		if c := cmp.Compare(a.cost, b.cost); c != 0 {
			return c
		}
		return cmp.Compare(a.urd, b.urd)
	}
	for i := 0; i < n; i++ {
		cur := at[i]
		if len(cur) > beam {
			slices.SortFunc(cur, byCost)
			cur = cur[:beam]
		}
		c := lat[i]
		for k := range rules.byFirst[c-'a'] {
			r := &rules.byFirst[c-'a'][k]
			if !r.applies(lat, i) {
				continue
			}
			for _, st := range cur {
				add(i+len(r.lat), state{st.urd + r.urd, st.cost + r.costAt(lat, i, roman)})
			}
		}
		if g := geminate(lat, i); g > 0 {
			for _, st := range cur {
				add(i+g, state{st.urd, st.cost + gemCost})
			}
		}
	}
	out := at[n]
	slices.SortFunc(out, byCost)
	var res []string
	for _, st := range out {
		if st.urd == "" {
			continue
		}
		res = append(res, st.urd)
		if len(res) == maxCandidates {
			break
		}
	}
	return res
}
