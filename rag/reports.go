package rag

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"time"

	"github.com/jawab/jawab/text"
	"github.com/jawab/jawab/translit"
)

// The second report of a figure: a day's news is told by the agency and
// again by the paper a day later, and the two may give different figures.
// siblingReports finds the other report of the same days and story, and the
// extract quotes its figure beside the first one's, dated.

// SiblingDays is how far apart in days two reports of one event may be
// published: an agency's story and the paper's story of the next day.
const SiblingDays = 3

// SiblingShare is how close to the first passage's share of the question a
// report of the same days must come to be taken as a second report of it,
// and OtherReportShare how close to the best sentence's coverage its
// sentence must come to be quoted beside it.
const (
	SiblingShare     = 0.5
	OtherReportShare = 0.5
)

// RetellingOverlap is the share of content words (Jaccard) a passage of
// another article must have in common with a report to be taken for its
// retelling by another source.
const RetellingOverlap = 0.15

// asksFigure reports whether one of queries asks how many or how much
// ("کتنے", "how many").
func asksFigure(queries []string) bool {
	// Any number cue, not the ranker's first cue: "ایک دن میں کتنی اموات"
	// asks how many, though its "دن" comes first.
	return slices.ContainsFunc(queries, func(q string) bool {
		return slices.ContainsFunc(text.Tokens(q), func(t string) bool { return kindCues[t] == kindNumber })
	})
}

// valueNouns name a quantity that a question asks with "what" or "which"
// rather than "how many": "کس سطح پر بند ہوا؟", "what victory target".
var (
	valueNouns = map[string]bool{"سطح": true, "ہدف": true, "قیمت": true, "ریٹ": true, "نرخ": true, "بھاؤ": true, "شرح": true, "مالیت": true,
		"level": true, "target": true, "price": true, "rate": true, "value": true, "amount": true, "toll": true, "figure": true}
	whatWords = map[string]bool{"کیا": true, "کس": true, "what": true, "which": true}
)

// asksValue reports whether one of queries asks a figure: how many or how
// much (asksFigure), or what level, target or price, the value noun within
// priceReach content words of the word that asks it ("کس سطح پر", "نئی
// قیمت کیا ہے؟", "what is the price"; not "بجلی کی قیمت بڑھانے کے معاملے میں
// تازہ ترین پیش رفت کیا ہے؟", which asks what happened in the matter).
func asksValue(queries []string) bool {
	return asksFigure(queries) || slices.ContainsFunc(queries, func(q string) bool {
		return askedNear(text.Tokens(q), func(t string) bool { return valueNouns[t] }, func(u string) bool { return whatWords[u] })
	})
}

// askedFigure is what a question that asks how many or how much counts, in
// countWords' terms ("کتنے افراد زخمی ہوئے" → "injured"), "figure" when it
// names none of them, and "" when it asks no figure.
func askedFigure(queries []string) string {
	if !asksFigure(queries) {
		return ""
	}
	for _, q := range queries {
		toks := text.Tokens(q)
		for i := range toks {
			if what, n := countAt(toks, i); n > 0 {
				return what
			}
		}
	}
	return "figure"
}

// siblingReports adds, for a question that asks how many or how much, the
// best other report of the same days as the first passage (an agency's story
// and the paper's of the next day often differ on the figure), and for any
// other question the best retelling of the first report by another source
// (which differ on the facts too: the reason a match was stopped, the
// minute of a goal): MMR keeps near-copies out of the passages, and a reader
// must see both versions, not one picked silently. A question about the
// present (latest) or that asks a value gets no retelling, unless it asks
// how the reports compare (compare: when.CompareAsked).
func (a *Answerer) siblingReports(ctx context.Context, res *Retrieval, searches []Query, f Filter, latest, compare bool) error {
	if len(res.Passages) == 0 || res.Passages[0].Published.IsZero() {
		return nil
	}
	// A value asked of reports the reader asks to compare (a target: "do
	// the reports agree?") is looked for in the other report as a figure
	// is: their values differ, so the paper's story is no retelling by its
	// numbers.
	figure := asksFigure(ownTexts(searches)) || compare && asksValue(ownTexts(searches))
	top := res.Passages[0]
	if !figure && (!compare && (latest || asksValue(ownTexts(searches))) || slices.ContainsFunc(res.Passages[1:], func(p Passage) bool {
		return p.DocID != top.DocID && retells(a.Retriever.Index, &top, &p) >= RetellingOverlap
	})) {
		// The newest report is what a question about the present asks for:
		// an earlier retelling of it would take the place of a newer one.
		// And a retelling among the passages already needs no other.
		return nil
	}
	near := f.Within(top.Published.AddDate(0, 0, -SiblingDays), top.Published.AddDate(0, 0, SiblingDays+1).Add(-time.Nanosecond))
	near.Undated = false
	sib, err := a.Retriever.withoutDiversity().Search(ctx, searches, 10, near)
	if err != nil {
		return err
	}
	rel := a.relevance(ctx, *res, searches)
	best := rel(&top)
	// Of the place the first report is about: Islamabad's rate is not a
	// second report of the country's.
	var samePlace []func(*Passage) bool
	for _, must := range []func(*Passage) bool{a.holdsSubject(ctx, *res, searches, nil), nationalReport(searches, nil)} {
		if must != nil && must(&top) {
			samePlace = append(samePlace, must)
		}
	}
	counted := countedIn(ownTexts(searches))
	// The report's chunk that states what the question counts, else the one
	// that holds most of the question: its chunks share the headline.
	better := func(q, than *Passage) bool {
		if c, d := statesCount(q.Text, counted), statesCount(than.Text, counted); c != d {
			return c
		}
		return rel(q) > rel(than)
	}
	// How much of the first report's words the best chunk of another
	// article shares.
	retelling := func(doc string) float64 {
		o := 0.0
		for _, q := range sib.Passages {
			if q.DocID == doc {
				o = max(o, retells(a.Retriever.Index, &top, &q))
			}
		}
		return o
	}
	var reports []Passage // each other report's best chunk, in the search's order
	for _, p := range sib.Passages {
		if p.DocID == top.DocID || slices.ContainsFunc(reports, func(q Passage) bool { return q.DocID == p.DocID }) {
			continue
		}
		if slices.ContainsFunc(samePlace, func(must func(*Passage) bool) bool { return !must(&p) }) {
			continue
		}
		if rel(&p) < SiblingShare*best || best == 0 {
			continue
		}
		// A question that asks no figure gets another source's retelling of
		// the first report's story, not any report of those days: of a
		// question about why a match was stopped, one report says bad light
		// and the paper's retelling rain.
		if !figure && retelling(p.DocID) < RetellingOverlap {
			continue
		}
		for _, q := range sib.Passages {
			if q.DocID == p.DocID && better(&q, &p) {
				p = q
			}
		}
		reports = append(reports, p)
	}
	// A second report of a figure is one that states it: "5 لاکھ 60 ہزار
	// خوراکیں پہنچیں" before a report of the vaccine's price that names the
	// same shipment. The search's first report otherwise.
	if i := slices.IndexFunc(reports, func(p Passage) bool { return statesCount(p.Text, counted) }); i > 0 {
		reports[0] = reports[i]
	}
	if !figure && len(reports) > 1 {
		// The closest retelling: a daily report of the days after (the
		// market's close, the day's count) is worded like the first too.
		slices.SortStableFunc(reports, func(x, y Passage) int { return cmp.Compare(retelling(y.DocID), retelling(x.DocID)) })
	}
	if len(reports) == 0 {
		return nil
	}
	p := reports[0]
	if slices.ContainsFunc(res.Passages, func(q Passage) bool { return q.ChunkID == p.ChunkID }) {
		return nil // among the passages already: not to be quoted twice
	}
	ps := slices.Clone(res.Passages)
	if i := slices.IndexFunc(ps, func(q Passage) bool { return q.DocID == p.DocID }); i >= 0 {
		// Already among the passages, by another chunk: MMR kept the one
		// least like the first report's, and so, often, not the one that
		// states its figure.
		if statesCount(ps[i].Text, counted) || !statesCount(p.Text, counted) {
			return nil
		}
		ps[i] = p
	} else if len(ps) < 2 {
		ps = append(ps, p)
	} else {
		// In the last place, so that the search's own order stands.
		ps[len(ps)-1] = p
	}
	renumber(ps)
	res.Passages = ps
	return nil
}

// counted is what a how-many question counts: the stems of the words after
// its "کتنے" ("کتنے کارکنوں کی ضمانت", "کتنے جنگی (لڑاکا) طیارے"), the first
// two that are no function words, and the casualty meaning it asks
// (askedFigure: "کتنے افراد جاں بحق" is answered by "25 نمازی شہید";
// "figure" for none, "" when it asks no figure).
type counted struct {
	stems []string
	asked string
}

func countedIn(queries []string) counted {
	return counted{asked: askedFigure(queries), stems: countedStems(queries)}
}

// countedStems are the stems counted names.
func countedStems(queries []string) []string {
	var stems []string
	for _, q := range queries {
		toks := text.Tokens(q)
		for i, t := range toks {
			if kindCues[t] != kindNumber || t == "تعداد" || t == "فیصد" {
				continue
			}
			n := 0
			for _, u := range toks[i+1:] {
				if n == 2 {
					break
				}
				// Not a date: a rendered English question keeps the English
				// order, "In March 2021, how much money …" rendered "کتنا
				// مارچ 2021 رقم …", and a sentence with "31مارچ" was quoted
				// first as counting what was asked.
				if !text.IsStopword(u) && !isYear(u) && !text.IsUrduMonth(u) {
					stems = append(stems, text.Stem(u))
					n++
				}
			}
		}
	}
	return stems
}

// statesCount reports whether s states a number of what c counts ("14 جنگی
// طیارے", "102 کارکنوں"): a number with one of its words at most countReach
// words after it, or a count of its casualty meaning.
func statesCount(s string, c counted) bool {
	if c.asked != "" && c.asked != "figure" {
		if _, by := figures(s); len(by[c.asked]) > 0 {
			return true
		}
	}
	return len(c.stems) > 0 && countFit(s, c) > 0
}

// countFit is how many of the words a how-many question counts (c's
// stems) one number of s is followed by, within countReach words: "213رنز
// کا ہدف ملا" states both of "کتنے رنز کا ہدف", "20رنز سے شکست" one.
func countFit(s string, c counted) int {
	toks := text.Tokens(s)
	best := 0
	for i, t := range toks {
		if !isNumberToken(t) || isYear(t) {
			continue
		}
		after := text.StemTokens(slices.Clone(toks[i+1 : min(len(toks), i+1+countReach)]))
		n := 0
		for _, st := range c.stems {
			if slices.Contains(after, st) {
				n++
			}
		}
		best = max(best, n)
	}
	return best
}

// countQuotedFirst puts first, for a question that asks how many of two or
// more words ("کتنے رنز کا ہدف"), the best sentence that states a number of
// more of them than the first sentence does, when it holds at least
// OtherReportShare of the best sentence's share of the question, or states
// a number of all of them in a passage that does: the headline "… 20رنز سے
// شکست دیدی" holds more of the question's words than the report's "213رنز
// کا ہدف ملا", which answers it. With only set, the sentences of passage
// only alone compete (a latest question's newest report, newestQuotedFirst).
func countQuotedFirst(cands []candidate, c counted, only int) []candidate {
	if len(c.stems) < 2 || len(cands) < 2 {
		return cands
	}
	floor := OtherReportShare * maxCoverage(cands)
	// A passage about the question: one of its sentences holds the floor.
	about := map[int]bool{}
	for _, d := range cands {
		if d.coverage >= floor {
			about[d.p.N] = true
		}
	}
	first := countFit(cands[0].sentence, c)
	best, bestFit := -1, first
	for i, d := range cands[1:] {
		if only > 0 && d.p.N != only {
			continue
		}
		f := countFit(d.sentence, c)
		// A sentence that states a number of every counted word answers
		// the question in a report about it, though it leaves the rest of
		// the question to the headline: "مہمان ٹیم کو کامیابی کیلیے 213رنز کا
		// ہدف ملا" below "متحدہ عرب امارات نے آخری ون ڈے میں پاکستان اے کو …".
		if d.coverage < floor && !(about[d.p.N] && f == len(c.stems)) {
			continue
		}
		if f > bestFit {
			best, bestFit = i+1, f
		}
	}
	if best < 0 {
		return cands
	}
	return toFront(cands, best)
}

// otherReport finds, when the quoted sentences that state a figure come
// from one article, or from reports of one story whose values it knows, the best
// sentence of another report of those days that gives the figure another
// value: one that holds at least OtherReportShare of the best coverage and
// states another number, or one that counts the same thing (the dead, the
// injured) in other words ("18 افراد ہلاک" for "10 افراد جاں بحق") with
// another value. An agency's figure and a paper's next-day figure are both
// shown (then listed by date) rather than one picked silently.
//
// ask is what the question counts (countedIn): the second report must count
// its casualty meaning (askedFigure), and one that states a number of all
// its counted words is looked for first. For a question that asks no figure
// (ask.asked ""), only the first test stands, and only when every quoted
// sentence comes from one article.
func otherReport(cands, picked []candidate, ask counted) (candidate, bool) {
	asked := ask.asked
	figure := asked != ""
	if len(picked) == 0 || picked[0].p.Published.IsZero() {
		return candidate{}, false
	}
	first := picked[0].p
	sameDays, sameStory := storyTests(first)
	var nums []float64
	var quoted []string
	counts := map[string][]float64{}
	for _, c := range picked {
		all, counted := figures(c.sentence)
		if c.p.DocID != first.DocID {
			if !figure {
				return candidate{}, false
			}
			// Another event of the same days may be quoted too (a blast
			// elsewhere): the second report of this one is still looked for.
			// A report of this one already quoted (the paper's, found by
			// an earlier call) makes its values known: a third report must
			// give yet another. A report quoted by a sentence without a
			// number (its headline, a background sentence) has given no
			// value yet: its sentence that states one may still be looked
			// for.
			if len(all) > 0 {
				quoted = append(quoted, c.p.DocID)
			}
			if !sameDays(c.p) || !sameStory(c.p) {
				continue
			}
		}
		nums = append(nums, all...)
		for what, vs := range counted {
			counts[what] = append(counts[what], vs...)
		}
	}
	if len(nums) == 0 {
		return candidate{}, false
	}
	other := func(vs []float64, known []float64) bool {
		return slices.ContainsFunc(vs, func(v float64) bool { return !slices.Contains(known, v) })
	}
	// Before anything else, a report that states a number of every word the
	// question counts, as the first quote does, with another value ("212 رنز کے ہدف" beside
	// "213رنز کا ہدف ملا"), even when another of its sentences is quoted
	// already (its headline): that one holds no value of what is asked.
	if n := len(ask.stems); n >= 2 && countFit(picked[0].sentence, ask) == n {
		statesAll := func(c candidate) bool { return countFit(c.sentence, ask) == n }
		for _, c := range cands {
			if !sameDays(c.p) || !sameStory(c.p) || !statesAll(c) ||
				slices.ContainsFunc(picked, func(q candidate) bool { return q.p.DocID == c.p.DocID && statesAll(q) }) {
				continue
			}
			if all, _ := figures(c.sentence); other(all, nums) {
				return c, true
			}
		}
	}
	// First a report that counts the same thing (the injured) with another
	// value, then one that only states another number: another event of the
	// same days states numbers too.
	for _, sameThing := range []bool{true, false} {
		for _, c := range cands {
			if !sameDays(c.p) || slices.Contains(quoted, c.p.DocID) {
				continue
			}
			all, counted := figures(c.sentence)
			if !sameThing && c.coverage >= OtherReportShare*cands[0].coverage && other(all, nums) {
				return c, true
			}
			for what, vs := range counted {
				if sameThing && figure && (asked == "figure" || asked == what) && len(counts[what]) > 0 && other(vs, counts[what]) && sameStory(c.p) {
					return c, true
				}
			}
		}
	}
	return candidate{}, false
}

// retells is how far passage p of another article reads as a retelling of
// report r: the share of words they have in common (wordOverlap), or 0 when
// both state numbers and fewer than half of the fewer are the same. A daily
// report of the days after (the market's close, the day's count) is worded
// like the first, but its figures are new (but for the index's "100"); a
// retelling keeps most of them, even when it gives one another value.
func retells(ts TermSets, r, p *Passage) float64 {
	if r.DocID == p.DocID {
		return 0
	}
	x, _ := figures(r.Text)
	y, _ := figures(p.Text)
	if len(x) > 0 && len(y) > 0 {
		x, y = slices.Compact(slices.Sorted(slices.Values(x))), slices.Compact(slices.Sorted(slices.Values(y)))
		shared := 0
		for _, v := range x {
			if _, ok := slices.BinarySearch(y, v); ok {
				shared++
			}
		}
		if 2*shared < min(len(x), len(y)) {
			return 0
		}
	}
	return wordOverlap(ts, r, p)
}

// storyTests are two tests of another passage against report first (dated):
// sameDays, another article published within SiblingDays of it; sameStory,
// of its story: the headlines share a word that is not a count, a number or
// a function word. A second report of a border clash's dead is about the
// clash ("آذربائیجان", "آرمینیا"); a factory blast abroad that counts the
// dead too is another story. Reports without a headline are given the
// benefit of the doubt.
func storyTests(first *Passage) (sameDays, sameStory func(*Passage) bool) {
	story := storyWords(first.Title)
	sameStory = func(p *Passage) bool {
		return first.Title == "" || p.Title == "" || slices.ContainsFunc(storyWords(p.Title), func(t string) bool { return slices.Contains(story, t) })
	}
	sameDays = func(p *Passage) bool {
		d := p.Published.Sub(first.Published).Hours() / 24
		return p.DocID != first.DocID && !p.Published.IsZero() && d <= SiblingDays && d >= -SiblingDays
	}
	return sameDays, sameStory
}

// storyWords are the words of a headline that say what its story is about:
// not its counts, numbers or function words.
func storyWords(title string) []string {
	toks, _ := foldCounts(text.ContentTokens(title), nil)
	return slices.DeleteFunc(toks, func(t string) bool { return isCountWord(t) || isNumberToken(t) })
}

// countReach is how many words after a figure may come before what it
// counts: "5 افراد جاں بحق", "25 نمازی شہید", "دو کشمیری نوجوان شہید".
const countReach = 3

// measures are the words after a number that make it an age, a time or a
// share rather than a count of people: "10 سالہ بچہ جاں بحق" is one death,
// "3 روز قبل زخمی" does not count the injured.
var measures = map[string]bool{
	"سالہ": true, "سال": true, "ماہ": true, "مہینے": true, "ہفتے": true, "روز": true, "روزہ": true,
	"دن": true, "دنوں": true, "گھنٹے": true, "گھنٹوں": true, "منٹ": true, "فیصد": true,
}

// figures is the numbers a sentence states, in order, years left out, and
// those that count the dead, the injured, the arrested or the affected, by
// what they count. A lone small number word ("دو", which is also "give")
// counts only before such a word.
func figures(sentence string) ([]float64, map[string][]float64) {
	return figuresIn(text.Tokens(sentence))
}

// figuresIn is figures of a text's tokens (a report's, reportTokens, which
// are read once for every rule of a "latest" question).
func figuresIn(toks []string) ([]float64, map[string][]float64) {
	var all []float64
	counted := map[string][]float64{}
	eachFigure(toks, func(v float64, what string, _ int) {
		all = append(all, v)
		if what != "" {
			counted[what] = append(counted[what], v)
		}
	})
	return all, counted
}

// eachFigure calls fn with each number toks state, years left out, the
// casualty meaning it counts ("" for none) and the index of the token after
// it.
func eachFigure(toks []string, fn func(v float64, what string, next int)) {
	for i := 0; i < len(toks); i++ {
		if _, n := translit.SpelledIdentifier(toks, i); n > 0 {
			i += n - 1 // "این اے 249", "کے ایس ای 100": a name, not a figure
			continue
		}
		v, n, ok := text.ReadNumber(toks, i)
		if !ok {
			u, word := text.UrduNumberWord(toks[i])
			if !word || toks[i] == "یکم" {
				continue
			}
			v, n = float64(u), 1
		}
		what := countAfter(toks, i+n)
		if what == "" && i >= 2 && toks[i-1] == "تعداد" {
			what = countBefore(toks, i-1)
		}
		if !ok && what == "" {
			continue // a lone "دو" that counts nothing is a verb
		}
		if !(n == 1 && yearLike(v)) {
			fn(v, what, i+n)
		}
		i += n - 1
	}
}

// countAfter is what the casualty words within countReach words from
// toks[j], the token after a figure, count ("" for none): "5 افراد جاں بحق"
// counts the dead; a measure right after the figure ("10 سالہ بچہ جاں بحق":
// one child, aged ten) or another number before the casualty word counts
// nothing.
func countAfter(toks []string, j int) string {
	for k := j; k < len(toks) && k < j+countReach; k++ {
		if k == j && measures[toks[k]] {
			return ""
		}
		if _, _, num := text.ReadNumber(toks, k); num || text.IsDigits(toks[k]) {
			return ""
		}
		if w, n := countAt(toks, k); n > 0 {
			return w
		}
	}
	return ""
}

// countBefore is what the casualty words before a count's "تعداد" (at i)
// count: "جاں بحق افراد کی تعداد 57 ہو گئی" counts the dead, as "57 افراد
// جاں بحق" does. It looks back over countReach words and the "کی" between.
func countBefore(toks []string, i int) string {
	for j := i - 1; j >= 0 && j >= i-countReach-1; j-- {
		if what, n := countAt(toks, j); n > 0 {
			return what
		}
	}
	return ""
}

// quantities is what a sentence's figures are of: each figure by the
// casualty meaning it counts ("5 افراد جاں بحق" and "5 شہید" are both the
// dead), else by the stem of the word after it ("339رنز کا ہدف" is of runs,
// "15 سال قید" of years); a day and month ("3 اکتوبر کو") are a date, unless
// they are within two days of published, the report's own date (its
// dateline, "21 اگست (اے پی پی)", which a paper prints a day or two later).
// A figure followed by nothing is left out.
func quantities(sentence string, published time.Time) map[string][]float64 {
	toks := text.Tokens(sentence)
	out := map[string][]float64{}
	measured := false // a figure is an age, a time or a share
	eachFigure(toks, func(v float64, what string, next int) {
		key := what
		if key == "" {
			if next >= len(toks) {
				return
			}
			if m, month := text.Month(toks[next]); month {
				day := int(v)
				if float64(day) != v || day < 1 || day > 31 || nearDay(published, m, day) {
					return
				}
				key, v = "date", float64(int(m)*100+day)
			} else if measures[toks[next]] {
				// As written: "31 سالہ" is an age, "تین سال" a term.
				key, measured = toks[next], true
			} else {
				key = text.Stem(unitOf(toks[next]))
			}
		}
		if !slices.Contains(out[key], v) {
			out[key] = append(out[key], v)
		}
	})
	// A sentence with one figure, neither a count, a date nor a measure, and
	// one casualty meaning that no count word stands next to ("The death toll
	// from the floods rose to 64 on Monday") states that meaning's figure.
	if len(out) == 1 {
		for key, vs := range out {
			counted := countCanon[key] != "" // key is a casualty meaning
			if counts := countsIn(toks); len(vs) == 1 && !counted && !measured && key != "date" && len(counts) == 1 {
				for what := range counts {
					out = map[string][]float64{what: vs}
				}
			}
		}
	}
	return out
}

// unitOf is the currency a token after a figure begins with when the next
// word is typed glued to it ("23 کھرب ڈالرمنصوبے": dollars, as "2 ٹریلین
// ڈالر سے زائد" has them), else the token.
func unitOf(tok string) string {
	for c := range currencies {
		if gluedHolds(tok, c) && strings.HasPrefix(tok, c) {
			return c
		}
	}
	return tok
}

// nearDay reports whether day of month m falls within two days of t (in t's
// year, or the one before or after for a dateline across the new year).
func nearDay(t time.Time, m time.Month, day int) bool {
	if t.IsZero() {
		return false
	}
	for _, y := range []int{t.Year() - 1, t.Year(), t.Year() + 1} {
		if d := time.Date(y, m, day, 0, 0, 0, 0, t.Location()).Sub(t).Hours(); d >= -48 && d <= 48 {
			return true
		}
	}
	return false
}

// differ reports whether two sentences' quantities give one quantity
// different values.
func differ(a, b map[string][]float64) bool {
	for key, vs := range a {
		ws, ok := b[key]
		if !ok {
			continue
		}
		if len(vs) != len(ws) || slices.ContainsFunc(vs, func(v float64) bool { return !slices.Contains(ws, v) }) {
			return true
		}
	}
	return false
}
