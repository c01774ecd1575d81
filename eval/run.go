package eval

import (
	"context"
	"fmt"
	"math"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/jawab/jawab/rag"
	"github.com/jawab/jawab/text"
)

// Asker answers questions; *rag.Answerer is one. The harness asks through the
// same Answerer the ask command uses, so it scores the whole pipeline.
type Asker interface {
	Ask(ctx context.Context, q rag.Question) (*rag.Answer, error)
}

// Retriever ranks passages for a query; *rag.Retriever is one. The harness uses
// it only to find the rank of the first hit beyond the passages an answer used
// (mrr looks at the top RankDepth).
type Retriever interface {
	Retrieve(ctx context.Context, query string, k int, f rag.Filter) ([]rag.Passage, error)
}

// RankDepth is how deep mrr looks for the first hit: a question whose evidence
// is not in the top 10 passages scores 0.
const RankDepth = 10

// Options configure Run.
type Options struct {
	// K is how many passages each answer is given (default 5).
	K int
	// Concurrency is how many questions are asked at a time (default 2). The
	// report does not depend on it: results keep the order of the questions.
	Concurrency int
	// Generator names the configured generator ("extractive" or the chat
	// model). When empty, it is taken from the answers.
	Generator string
	// Corpus and QA describe the run in the report: the article paths and the
	// question file.
	Corpus []string
	QA     string
	// Notes are added to the report's notes (ingest warnings, say).
	Notes []string
	// Progress, when set, is called after each question, one call at a time,
	// with the number of questions done so far.
	Progress func(done, total int, r *Result)
}

// Run asks every question through asker and scores the answers as
// shared/eval/FORMAT.md defines. retriever may be nil; then the rank of a first
// hit is only looked for among the passages the answer used.
//
// A question whose Ask fails is kept in the report with its error and counts
// as failed on every metric; Run itself fails only when ctx ends.
func Run(ctx context.Context, qs []Question, asker Asker, retriever Retriever, opts Options) (*Report, error) {
	k := opts.K
	if k <= 0 {
		k = 5
	}
	conc := max(1, min(opts.Concurrency, len(qs)))
	if opts.Concurrency <= 0 {
		conc = max(1, min(2, len(qs)))
	}
	results := make([]Result, len(qs))
	forEach(ctx, len(qs), conc, func(i int) *Result {
		results[i] = score(ctx, qs[i], asker, retriever, k)
		return &results[i]
	}, opts.Progress)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return newReport(results, k, opts), nil
}

// forEach calls work(i) for i in [0, n) on conc goroutines until ctx ends,
// reporting each finished item to progress (if set) one at a time.
func forEach(ctx context.Context, n, conc int, work func(i int) *Result, progress func(done, total int, res *Result)) {
	jobs := make(chan int)
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		done int
	)
	for range conc {
		wg.Go(func() {
			for i := range jobs {
				res := work(i)
				if progress != nil {
					mu.Lock()
					done++
					progress(done, n, res)
					mu.Unlock()
				}
			}
		})
	}
feed:
	for i := range n {
		select {
		case jobs <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
}

// newReport aggregates scored questions.
func newReport(results []Result, k int, opts Options) *Report {
	r := &Report{
		Metrics:   summarize(results),
		Latency:   latency(results),
		ByLang:    map[string]Metrics{},
		Generator: opts.Generator,
		K:         k,
		Corpus:    opts.Corpus,
		QA:        opts.QA,
		Notes:     slices.Clone(opts.Notes),
		Questions: results,
	}
	if r.Corpus == nil {
		r.Corpus = []string{}
	}
	if ans, unans := answerabilities(results); len(ans) > 0 && len(unans) > 0 {
		r.AnswerabilityCurve = answerabilityCurve(ans, unans)
		r.AnswerabilityAUC = new(answerabilityAUC(ans, unans))
	}
	for _, lang := range []string{"ur", "en"} {
		var sub []Result
		for _, q := range results {
			if q.Lang == lang {
				sub = append(sub, q)
			}
		}
		r.ByLang[lang] = summarize(sub)
	}
	if slices.ContainsFunc(results, func(q Result) bool { return q.AsOf != "" || q.TimeKind != "" || len(q.StaleDocIDs) > 0 }) {
		r.ByTimeKind = map[string]Metrics{}
		kinds := map[string][]Result{}
		for _, q := range results {
			kind := q.TimeKind
			if kind == "" {
				kind = "none"
			}
			kinds[kind] = append(kinds[kind], q)
		}
		for kind, sub := range kinds {
			r.ByTimeKind[kind] = summarize(sub)
		}
		stale, n := 0, 0
		for _, q := range results {
			if q.Stale != nil {
				n++
				if *q.Stale {
					stale++
				}
			}
		}
		if n > 0 {
			r.StaleRate = new(share(float64(stale), n))
		}
	}
	if r.Generator == "" {
		r.Generator = "extractive"
		for _, q := range results {
			if q.Generator != "" && q.Generator != "extractive" {
				r.Generator = q.Generator
				break
			}
		}
	}
	if r.Answerable == 0 {
		r.Notes = append(r.Notes, "no answerable questions: hit@1, hit@5, mrr and fact_recall are reported as 0")
	} else if !slices.ContainsFunc(results, func(q Result) bool { return q.Facts != nil }) {
		r.Notes = append(r.Notes, "no answerable question lists must_include facts: fact_recall is reported as 0")
	}
	if r.Citations == 0 {
		r.Notes = append(r.Notes, "no answer cited a passage: citation_precision is reported as 0")
	}
	if r.Errors > 0 {
		r.Notes = append(r.Notes, fmt.Sprintf("%d question(s) failed with an error and count as failed on every metric", r.Errors))
	}
	return r
}

// score asks one question and scores its answer.
func score(ctx context.Context, q Question, asker Asker, retriever Retriever, k int) Result {
	r := Result{
		ID: q.ID, Question: q.Question, Lang: q.Lang, Answerable: q.Answerable,
		DocIDs: nonNil(q.DocIDs), Evidence: nonNil(q.Evidence), Reference: q.Answer, MustInclude: q.MustInclude,
		Citations: []string{}, Cited: []CitationResult{}, Passages: []PassageResult{},
		AsOf: q.AsOf, TimeKind: q.TimeKind, StaleDocIDs: q.StaleDocIDs,
	}
	if r.MustInclude == nil {
		r.MustInclude = [][]string{}
	}
	fail := func(err error) Result {
		r.Error = err.Error()
		r.Pass = Pass{Refusal: false, Lang: false, Citations: false}
		if q.Answerable {
			r.Pass.Hit1, r.Pass.Hit5 = new(false), new(false)
			if len(q.MustInclude) > 0 {
				r.Facts, r.Pass.Facts = new(0.0), new(false)
			}
		}
		r.Failures = []string{"error: " + r.Error}
		return r
	}
	ans, err := asker.Ask(ctx, rag.Question{Text: q.Question, Lang: q.Lang, K: k, AsOf: q.Day()})
	if err != nil {
		return fail(err)
	}
	if err := seenAfter(ans.Passages, q); err != nil {
		// An answer as of a day cannot have read what was published later
		// (rag.Filter.VisibleAsOf): that is the system's fault, not the
		// answer's, and fails the question on every metric so that a gate
		// catches it.
		return fail(err)
	}
	r.Answer, r.Refused, r.Generator = ans.Answer, ans.Refused, ans.Generator
	if a := ans.Answerability; !math.IsNaN(a) && !math.IsInf(a, 0) {
		r.Answerability = &a // JSON has no NaN: a gate that gives none leaves it null
	}
	r.CrossCoverage = ans.CrossCoverage
	r.Timings = ans.Timings
	r.Warnings = ans.Warnings

	// Retrieval: the passages the answer used, then, for the rank only, a
	// separate top-RankDepth retrieval when the answer saw fewer passages.
	evidence := make([]string, 0, len(q.Evidence))
	for _, e := range q.Evidence {
		if n := norm(e); n != "" {
			evidence = append(evidence, n)
		}
	}
	for i, p := range ans.Passages {
		pr := passageResult(p, i+1, true, evidence, q.Evidence)
		if pr.Hit && r.HitRank == 0 && pr.Rank <= RankDepth {
			r.HitRank = pr.Rank
		}
		r.Passages = append(r.Passages, pr)
	}
	used := len(ans.Passages)
	if q.Answerable && r.HitRank == 0 && used < RankDepth && retriever != nil && len(evidence) > 0 {
		more, err := retriever.Retrieve(ctx, strings.TrimSpace(q.Question), RankDepth, rag.Filter{}.VisibleAsOf(q.Day(), time.Now()))
		if err != nil {
			return fail(fmt.Errorf("retrieve the top %d for the rank: %w", RankDepth, err))
		}
		// The first `used` passages of this ranking are the answer's own (the
		// same search, and MMR picks greedily); only later ranks are looked at,
		// so that hit_rank never contradicts hit@1 and hit@5.
		for i := used; i < len(more) && i < RankDepth; i++ {
			if pr := passageResult(more[i], i+1, false, evidence, q.Evidence); pr.Hit {
				r.HitRank = pr.Rank
				r.Passages = append(r.Passages, pr)
				break
			}
		}
	}

	// Citations.
	gold := 0
	for _, c := range ans.Citations {
		ok := isGold(c.DocID, q.DocIDs)
		if ok {
			gold++
		}
		r.Citations = append(r.Citations, c.DocID)
		r.Cited = append(r.Cited, CitationResult{N: c.N, DocID: c.DocID, Title: c.Title, Quote: c.Quote, Gold: ok, Supported: c.Supported})
	}
	r.Pass.Citations = gold == len(ans.Citations) && (len(ans.Citations) > 0 || ans.Refused || !q.Answerable)
	if q.Answerable && len(q.StaleDocIDs) > 0 {
		cited := func(ids []string) bool {
			return slices.ContainsFunc(ans.Citations, func(c rag.Citation) bool { return isGold(c.DocID, ids) })
		}
		r.Stale = new(cited(q.StaleDocIDs) && !cited(q.DocIDs))
	}

	// Facts.
	if q.Answerable {
		hit1 := r.HitRank == 1
		hit5 := r.HitRank >= 1 && r.HitRank <= min(5, used)
		r.Pass.Hit1, r.Pass.Hit5 = &hit1, &hit5
		if len(q.MustInclude) > 0 {
			stated := 0
			answer := norm(StripMarkers(ans.Answer))
			for _, item := range q.MustInclude {
				if !ans.Refused && containsAny(answer, item) {
					stated++
				} else {
					r.Missing = append(r.Missing, item)
				}
			}
			f := float64(stated) / float64(len(q.MustInclude))
			r.Facts = &f
			r.Pass.Facts = new(stated == len(q.MustInclude))
		}
	}

	// Refusal and language.
	r.Pass.Refusal = ans.Refused == !q.Answerable
	r.AnswerLang = AnswerLang(ans.Answer)
	r.Pass.Lang = r.AnswerLang == q.Lang
	r.Failures = failures(&r, used)
	return r
}

// failures explains in a few words what a question failed.
func failures(r *Result, used int) []string {
	var out []string
	if r.Pass.Hit5 != nil && !*r.Pass.Hit5 {
		where := fmt.Sprintf("none in the top %d", RankDepth)
		if r.HitRank > 0 {
			where = fmt.Sprintf("first hit at rank %d", r.HitRank)
		}
		out = append(out, fmt.Sprintf("retrieval: no evidence in the %d passage(s) used (%s)", min(5, used), where))
	}
	if r.Pass.Facts != nil && !*r.Pass.Facts {
		var miss []string
		for _, item := range r.Missing {
			miss = append(miss, strings.Join(item, " | "))
		}
		out = append(out, fmt.Sprintf("facts: %d of %d stated; missing %s", len(r.MustInclude)-len(r.Missing), len(r.MustInclude), strings.Join(miss, "; ")))
	}
	if !r.Pass.Refusal {
		if r.Refused {
			out = append(out, "refusal: refused an answerable question")
		} else {
			out = append(out, "refusal: answered an unanswerable question")
		}
	}
	if r.Stale != nil && *r.Stale {
		out = append(out, "time: the answer cites a superseded article ("+strings.Join(r.StaleDocIDs, ", ")+") and no current one")
	}
	if !r.Pass.Lang {
		if r.AnswerLang == "" {
			out = append(out, "lang: the answer has no letters, want "+r.Lang)
		} else {
			out = append(out, "lang: answer in "+r.AnswerLang+", want "+r.Lang)
		}
	}
	if !r.Pass.Citations {
		var bad []string
		for _, c := range r.Cited {
			if !c.Gold {
				bad = append(bad, fmt.Sprintf("[%d] %s", c.N, c.DocID))
			}
		}
		if len(r.Cited) == 0 {
			out = append(out, "citations: the answer cites nothing")
		} else {
			out = append(out, fmt.Sprintf("citations: %d of %d not from a gold article: %s", len(bad), len(r.Cited), strings.Join(bad, ", ")))
		}
	}
	return out
}

// isGold reports whether a cited document is one of the question's gold
// articles. Gold ids are file names without extension; a document ingested
// from a subdirectory has the relative path as its id ("news/000_…"), so its
// base name counts too.
func isGold(docID string, gold []string) bool {
	return slices.Contains(gold, docID) || slices.Contains(gold, path.Base(docID))
}

// seenAfter reports a passage published after the question's as_of day, as
// rag.Filter.VisibleAsOf draws that day's end, if any (nil for a question
// without one).
func seenAfter(ps []rag.Passage, q Question) error {
	day := q.Day()
	if day.IsZero() {
		return nil
	}
	end := rag.Filter{}.VisibleAsOf(day, time.Now()).To
	for _, p := range ps {
		if !p.Published.IsZero() && p.Published.After(end) {
			return fmt.Errorf("the answer as of %s read passage %s, published %s", q.AsOf, p.ChunkID, p.Published.Format(time.DateOnly))
		}
	}
	return nil
}

// passageResult scores one retrieved passage against the evidence (already
// normalised; raw is the evidence as written, for the highlight).
func passageResult(p rag.Passage, rank int, used bool, evidence, raw []string) PassageResult {
	pr := PassageResult{Rank: rank, Used: used, DocID: p.DocID, ChunkID: p.ChunkID, Title: p.Title, Text: p.Text}
	if len(evidence) == 0 {
		return pr
	}
	if !containsAny(norm(p.Text), evidence) {
		return pr
	}
	pr.Hit = true
	if start, end, ok := locate(p.Text, raw); ok {
		pr.Mark = []int{start, end}
	}
	return pr
}

// AnswerLang is the language an answer is written in, by script: "ur" when
// Arabic-script letters are at least half of its letters, "en" when Latin
// letters are the majority (text.DetectLang), "" when it has no letters.
// Citation markers are ignored, and so are quotations marked as such in «»
// (the offline English answer states a source's facts in English and quotes
// its Urdu sentence: the quote is the source's words, not the answer's). An
// answer made only of quotes is in the quotes' language, and an unmarked
// Urdu extract under a short English preamble is still Urdu.
func AnswerLang(answer string) string {
	plain := StripMarkers(answer)
	if own := text.DetectLang(quoted.ReplaceAllString(plain, " ")); own != "" {
		return own
	}
	return text.DetectLang(plain)
}

// quoted matches a «quotation».
var quoted = regexp.MustCompile(`«[^»]*»`)

// StripMarkers removes the [n] citation markers from an answer, so that their
// digits are not mistaken for facts, with the space before a marker that ends
// a phrase ("in 1948 [1]." → "in 1948.").
func StripMarkers(answer string) string {
	ms := rag.ParseMarkers(answer)
	if len(ms) == 0 {
		return answer
	}
	var b strings.Builder
	last := 0
	for _, m := range ms {
		chunk := answer[last:m.Start]
		next, _ := utf8.DecodeRuneInString(answer[m.End:])
		if m.End == len(answer) || unicode.IsPunct(next) || unicode.IsSpace(next) {
			chunk = strings.TrimRight(chunk, " \t")
		} else if chunk != "" && !strings.HasSuffix(chunk, " ") {
			chunk += " "
		}
		b.WriteString(chunk)
		last = m.End
	}
	b.WriteString(answer[last:])
	return b.String()
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
