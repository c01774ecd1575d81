package embed

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jawab/jawab/rag"
	"github.com/jawab/jawab/text"
)

var (
	measure     = flag.Bool("measure", false, "run the local embedder's retrieval experiment (slow; see MEASUREMENTS.md)")
	measureSeed = flag.Uint64("measure.seed", 1, "with -measure: seed of the synthetic queries")
	measureDims = flag.Bool("measure.dims", false, "with -measure: only the dimension sweep")
)

// query is a synthetic user question made from one sentence of a chunk; every
// chunk containing that sentence counts as a right answer (chunks overlap by a
// sentence, and the news corpus has a few duplicated paragraphs).
type query struct {
	text     string
	relevant []int
}

// makeQueries builds n queries from random chunks. hard=false follows the brief:
// 50–70% of a sentence's content words, shuffled. hard=true keeps only 30–50%
// and also bends word endings (روسی→روس, معاہدے→معاہدہ), as users inflect words
// differently from the article.
//
// Noise in both: with p=0.3 the query is typed with Arabic letters (ي ك ه); with
// p=0.3 two words are glued or one word is split; with p=0.4 a question tail of
// stopwords is appended.
func makeQueries(chunks []corpusChunk, n int, hard, ordered bool, seed uint64) []query {
	rng := rand.New(rand.NewPCG(seed, 7))
	arabic := strings.NewReplacer("ی", "ي", "ک", "ك", "ہ", "ه")
	tails := []string{"کیا ہے؟", "کب ہوا؟", "کے بارے میں", "کیا ہوا تھا", "کون ہے"}
	endings := []string{"ی", "ے", "ا", "وں", "یں", "ہ", ""}
	order := rng.Perm(len(chunks))
	var out []query
	for _, ci := range order {
		if len(out) == n {
			break
		}
		type candidate struct {
			sentence string
			words    []string // content words, as written
		}
		var cands []candidate
		for _, sp := range text.Sentences(chunks[ci].text) {
			sentence := text.Substring(chunks[ci].text, sp.Start, sp.End)
			var words []string
			for _, w := range strings.Fields(sentence) {
				if len(text.ContentTokens(w)) > 0 {
					words = append(words, w)
				}
			}
			if len(words) >= 6 {
				cands = append(cands, candidate{sentence, words})
			}
		}
		if len(cands) == 0 {
			continue
		}
		c := cands[rng.IntN(len(cands))]
		sentence, words := c.sentence, c.words
		lo, hi, most := 0.5, 0.7, 12
		if hard {
			lo, hi, most = 0.3, 0.5, 8
		}
		// News sentences here run to 40+ content words; nobody types that, and
		// such queries are trivially easy. Cap the length at what users type.
		k := max(3, int(float64(len(words))*(lo+rng.Float64()*(hi-lo))+0.5))
		k = min(k, 3+rng.IntN(most-2))
		if ordered {
			// Keep k words in sentence order: a contiguous-ish phrase query.
			keep := rng.Perm(len(words))[:k]
			slices.Sort(keep)
			for i, j := range keep {
				words[i] = words[j]
			}
		} else {
			rng.Shuffle(len(words), func(i, j int) { words[i], words[j] = words[j], words[i] })
		}
		words = words[:k]
		if hard {
			for i, w := range words {
				r := []rune(w)
				if len(r) >= 4 && rng.Float64() < 0.4 {
					words[i] = string(r[:len(r)-1]) + endings[rng.IntN(len(endings))]
				}
			}
		}
		if rng.Float64() < 0.3 {
			if rng.IntN(2) == 0 && len(words) >= 2 {
				i := rng.IntN(len(words) - 1)
				words = slices.Replace(words, i, i+2, words[i]+words[i+1])
			} else {
				i := rng.IntN(len(words))
				if r := []rune(words[i]); len(r) >= 4 {
					cut := 1 + rng.IntN(len(r)-2)
					words[i] = string(r[:cut]) + " " + string(r[cut:])
				}
			}
		}
		q := strings.Join(words, " ")
		if rng.Float64() < 0.4 {
			q += " " + tails[rng.IntN(len(tails))]
		}
		if rng.Float64() < 0.3 {
			q = arabic.Replace(q)
		}
		var rel []int
		for j, ch := range chunks {
			if strings.Contains(ch.text, sentence) {
				rel = append(rel, j)
			}
		}
		out = append(out, query{text: q, relevant: rel})
	}
	return out
}

type result struct {
	r1, r5, mrr float64
	mbps        float64
}

// evaluate embeds the chunks and queries with e and scores each query against
// every chunk by exact cosine (vectors are unit length, so a dot product).
func evaluate(tb testing.TB, e *Local, chunks []corpusChunk, queries []query) result {
	tb.Helper()
	passages := make([]string, len(chunks))
	var bytes int
	for i, c := range chunks {
		passages[i] = c.text
		bytes += len(c.text)
	}
	// Time one goroutine (Embed would use all cores), so the column compares
	// feature sets rather than scheduling.
	start := time.Now()
	vecs := make([][]float32, len(passages))
	if err := e.embedRange(context.Background(), passages, vecs); err != nil {
		tb.Fatal(err)
	}
	mbps := float64(bytes) / 1e6 / time.Since(start).Seconds()

	qtexts := make([]string, len(queries))
	for i, q := range queries {
		qtexts[i] = q.text
	}
	qvecs, err := e.Embed(context.Background(), qtexts, rag.ForQuery)
	if err != nil {
		tb.Fatal(err)
	}
	ranks := make([]int, len(queries))
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			scores := make([]float32, len(vecs))
			for qi := w; qi < len(queries); qi += workers {
				q := qvecs[qi]
				for j, v := range vecs {
					var s float32
					for k := range v {
						s += q[k] * v[k]
					}
					scores[j] = s
				}
				best := float32(-2)
				for _, j := range queries[qi].relevant {
					best = max(best, scores[j])
				}
				rank := 1
				for j, s := range scores {
					if s > best && !slices.Contains(queries[qi].relevant, j) {
						rank++
					}
				}
				ranks[qi] = rank
			}
		})
	}
	wg.Wait()
	var res result
	for _, r := range ranks {
		if r == 1 {
			res.r1++
		}
		if r <= 5 {
			res.r5++
		}
		res.mrr += 1 / float64(r)
	}
	n := float64(len(ranks))
	res.r1, res.r5, res.mrr = res.r1/n, res.r5/n, res.mrr/n
	res.mbps = mbps
	return res
}

// TestMeasureLocal is the experiment behind the local embedder's defaults:
//
//	go test ./index/embed -run TestMeasureLocal -measure -v -timeout 1h
func TestMeasureLocal(t *testing.T) {
	if !*measure {
		t.Skip("run with -measure")
	}
	chunks := loadChunks(t, "pk-ru", "urdu-news")
	var bytes int
	for _, c := range chunks {
		bytes += len(c.text)
	}
	const nq = 1500
	sets := []struct {
		name    string
		queries []query
	}{
		{"brief", makeQueries(chunks, nq, false, false, *measureSeed)},
		{"hard", makeQueries(chunks, nq, true, false, *measureSeed+1000)},
		{"ordered", makeQueries(chunks, nq, true, true, *measureSeed+2000)},
	}
	t.Logf("%d chunks (%.1f MB) from %d-rune chunks; %d queries per set", len(chunks), float64(bytes)/1e6, text.DefaultChunkOptions.MaxRunes, nq)
	for _, s := range sets {
		var rel, words int
		for _, q := range s.queries {
			rel += len(q.relevant)
			words += len(strings.Fields(q.text))
		}
		t.Logf("%s: %d queries, %.1f words and %.2f relevant chunks per query on average",
			s.name, len(s.queries), float64(words)/float64(len(s.queries)), float64(rel)/float64(len(s.queries)))
		for _, q := range s.queries[:5] {
			t.Logf("  %s query: %s  (relevant chunks: %d)", s.name, q.text, len(q.relevant))
		}
	}

	type config struct {
		name string
		dim  int
		f    features
	}
	def := defaultFeatures
	with := func(mod func(*features)) features {
		f := def
		mod(&f)
		return f
	}
	var configs []config
	for _, d := range []int{128, 256, 384, 512, 768, 1024, 2048, 4096} {
		configs = append(configs, config{"default", d, def})
	}
	ablations := []struct {
		name string
		f    features
	}{
		{"words only", with(func(f *features) { f.ngramWeight = 0 })},
		{"words + bigrams", with(func(f *features) { f.ngramWeight, f.bigramWeight = 0, 0.5 })},
		{"3-grams only", with(func(f *features) { f.wordWeight, f.ngramMax = 0, 3 })},
		{"3+4-grams only", with(func(f *features) { f.wordWeight = 0 })},
		{"4-grams only", with(func(f *features) { f.wordWeight, f.ngramMin = 0, 4 })},
		{"words + 3-grams", with(func(f *features) { f.ngramMax = 3 })},
		{"words + 3+4-grams (default)", def},
		{"words + 2–4-grams", with(func(f *features) { f.ngramMin = 2 })},
		{"words + 3–5-grams", with(func(f *features) { f.ngramMax = 5 })},
		{"+ bigrams ×0.25", with(func(f *features) { f.bigramWeight = 0.25 })},
		{"+ bigrams ×0.5", with(func(f *features) { f.bigramWeight = 0.5 })},
		{"n-grams ×0.5", with(func(f *features) { f.ngramWeight = 0.5 })},
		{"n-grams ×2", with(func(f *features) { f.ngramWeight = 2 })},
		{"no boundary markers", with(func(f *features) { f.boundary = false })},
		{"raw tf", with(func(f *features) { f.sublinear = false })},
		{"stopwords kept", with(func(f *features) { f.keepStopwords = true })},
	}
	for _, d := range []int{768, 1024} {
		if *measureDims {
			break
		}
		for _, a := range ablations {
			configs = append(configs, config{a.name, d, a.f})
		}
	}

	var b strings.Builder
	fmt.Fprintf(&b, "\n| features | D |")
	for _, s := range sets {
		fmt.Fprintf(&b, " %s R@1 | %[1]s R@5 | %[1]s MRR |", s.name)
	}
	fmt.Fprintf(&b, " mean MRR | embed MB/s |\n|---|---:|%s---:|---:|\n", strings.Repeat("---:|", 3*len(sets)))
	for _, c := range configs {
		e := NewLocal(WithDimension(c.dim))
		e.feat = c.f
		line := fmt.Sprintf("| %s | %d |", c.name, c.dim)
		var mrr, mbps float64
		for _, s := range sets {
			r := evaluate(t, e, chunks, s.queries)
			line += fmt.Sprintf(" %.3f | %.3f | %.3f |", r.r1, r.r5, r.mrr)
			mrr += r.mrr / float64(len(sets))
			mbps = max(mbps, r.mbps)
		}
		line += fmt.Sprintf(" %.3f | %.1f |", mrr, mbps)
		t.Log(line)
		b.WriteString(line + "\n")
	}
	t.Log(b.String())
}
