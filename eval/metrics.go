package eval

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jawab/jawab/text"
)

// norm is the normalisation every comparison uses: text.Fold (Urdu
// normalisation — Arabic ي ك ه read as Urdu ی ک ہ, diacritics and invisible
// marks dropped, Urdu and Arabic-Indic digits read as ASCII — and lower case),
// then every run of white space (a ZWNJ included, which Fold turns into a
// space) becomes one space, and the ends are trimmed. So an evidence span
// copied across a line break still matches, and "۱۹۴۸" matches "1948".
func norm(s string) string {
	return strings.Join(strings.Fields(text.Fold(s)), " ")
}

// containsAny reports whether s (normalised) contains any of the variants after
// normalisation. A variant that normalises to nothing never matches.
func containsAny(s string, variants []string) bool {
	for _, v := range variants {
		if v = norm(v); v != "" && strings.Contains(s, v) {
			return true
		}
	}
	return false
}

// HasEvidence reports whether a passage holds any of the evidence spans after
// normalisation: the rule by which Run counts a retrieved passage as a hit
// (hit@1, hit@5, mrr). A span that normalises to nothing never matches. It
// lets another engine's ranking be scored exactly as jawab's is.
func HasEvidence(passage string, evidence []string) bool {
	return containsAny(norm(passage), evidence)
}

// locate finds the first of spans in s as containsAny would, and returns its
// rune offsets in s, for highlighting. It folds s rune by rune, which agrees
// with folding the whole string except where NFKC composes across runes (a
// letter and a separate hamza): then it may find nothing.
func locate(s string, spans []string) (start, end int, ok bool) {
	fs, at := foldMap(s)
	bestByte, bestEnd := -1, -1
	for _, sp := range spans {
		f, _ := foldMap(sp)
		if f == "" {
			continue
		}
		if i := strings.Index(fs, f); i >= 0 && (bestByte < 0 || i < bestByte) {
			j := i + len(f) - 1 // last byte of the match
			bestByte = at[i]
			_, size := utf8.DecodeRuneInString(s[at[j]:])
			bestEnd = at[j] + size
		}
	}
	if bestByte < 0 {
		return 0, 0, false
	}
	return utf8.RuneCountInString(s[:bestByte]), utf8.RuneCountInString(s[:bestEnd]), true
}

// foldMap folds s one rune at a time, collapsing white space like norm, and
// returns for each byte of the result the byte offset in s of the rune it came
// from.
func foldMap(s string) (string, []int) {
	var b strings.Builder
	var at []int
	space := true // at the start, or just after a space: drop further space
	for i, r := range s {
		f := text.Fold(string(r))
		if strings.TrimSpace(f) == "" {
			if f != "" && !space {
				b.WriteByte(' ')
				at = append(at, i)
				space = true
			}
			continue
		}
		b.WriteString(f)
		for range len(f) {
			at = append(at, i)
		}
		space = unicode.IsSpace(rune(f[len(f)-1]))
	}
	out := b.String()
	if strings.HasSuffix(out, " ") {
		out, at = out[:len(out)-1], at[:len(at)-1]
	}
	return out, at
}

// summarize computes the metrics over a set of scored questions; see Metrics.
func summarize(results []Result) Metrics {
	var m Metrics
	var hit1, hit5, refusal, lang, gold int
	var rr, facts float64
	var withFacts int
	for _, r := range results {
		m.N++
		if r.Error != "" {
			m.Errors++
		}
		if r.Pass.Refusal {
			refusal++
		}
		if r.Pass.Lang {
			lang++
		}
		for _, c := range r.Cited {
			m.Citations++
			if c.Gold {
				gold++
			}
		}
		if !r.Answerable {
			continue
		}
		m.Answerable++
		if r.Pass.Hit1 != nil && *r.Pass.Hit1 {
			hit1++
		}
		if r.Pass.Hit5 != nil && *r.Pass.Hit5 {
			hit5++
		}
		if r.HitRank >= 1 && r.HitRank <= RankDepth {
			rr += 1 / float64(r.HitRank)
		}
		if r.Facts != nil {
			withFacts++
			facts += *r.Facts
		}
	}
	m.Hit1 = share(float64(hit1), m.Answerable)
	m.Hit5 = share(float64(hit5), m.Answerable)
	m.MRR = share(rr, m.Answerable)
	m.FactRecall = share(facts, withFacts)
	m.CitationPrecision = share(float64(gold), m.Citations)
	m.RefusalAccuracy = share(float64(refusal), m.N)
	m.LangAccuracy = share(float64(lang), m.N)
	return m
}

// share is x/n rounded to 4 decimals, and 0 when n is 0.
func share(x float64, n int) float64 {
	if n == 0 {
		return 0
	}
	return round(x/float64(n), 4)
}

func round(x float64, decimals int) float64 {
	p := math.Pow(10, float64(decimals))
	return math.Round(x*p) / p
}

// latency computes the per-stage percentiles over the questions that were
// answered (not those that failed with an error).
func latency(results []Result) Latency {
	var ret, gen, tot []float64
	for _, r := range results {
		if r.Error != "" {
			continue
		}
		ret = append(ret, r.Timings["retrieve"])
		gen = append(gen, r.Timings["generate"])
		tot = append(tot, r.Timings["total"])
	}
	return Latency{
		RetrieveP50: Percentile(ret, 50), RetrieveP95: Percentile(ret, 95),
		GenerateP50: Percentile(gen, 50), GenerateP95: Percentile(gen, 95),
		TotalP50: Percentile(tot, 50), TotalP95: Percentile(tot, 95),
	}
}

// Percentile is the p-th percentile of xs by the nearest-rank method: the
// smallest value that at least p% of the values are less than or equal to
// (so the p50 of 1, 2, 3, 4 is 2, and the p95 of 20 values is the 19th).
// It is 0 for no values, and is rounded to 0.01.
func Percentile(xs []float64, p float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	i := int(math.Ceil(p/100*float64(len(s)))) - 1
	i = max(0, min(i, len(s)-1))
	return round(s[i], 2)
}
