package rag

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/jawab/jawab/text"
	"github.com/jawab/jawab/when"
)

// A "latest" question ("تازہ ترین", "now", "so far") is answered from the
// newest of the passages that answer it: latestSearch gathers candidates
// from the usual search and from the last days, and newestFirst orders
// those near the best one's relevance by date, a report's lead first among
// one day's.

// latestSearch finds the newest passages that answer: the usual search, and
// the last RecentDays up to the day asked (or the end of the period asked
// about) searched alone, without MMR's diversity (the near-copies of one daily
// report are what "latest" compares), so that the newest reports are among
// the candidates however many older ones match as well; then the relevant ones
// newest first.
func (a *Answerer) latestSearch(ctx context.Context, tq when.Time, searches []Query, k int, f Filter, ref time.Time) (Retrieval, error) {
	end := ref
	if !f.To.IsZero() && f.To.Before(end) {
		end = f.To
	}
	since := func(days int) Filter { return f.Within(end.AddDate(0, 0, -days), time.Time{}) }
	r := a.Retriever.withoutDiversity()
	// The searches, run at once and merged in this order:
	//   - the usual search;
	//   - the last RecentDays alone;
	//   - the last LastDays alone: a daily series (a day's Covid count)
	//     fills the last month with near-copies, and its newest report,
	//     worded unlike the question, ranks below older ones that word it
	//     closer;
	//   - the casualty wordings (countVariants), searched apart: fused with
	//     the question's own search, their ranking would push out what that
	//     one found;
	//   - last, the newer copies (newerCopies) of the usual search's first
	//     passages among its candidates as ranked, before MMR's diversity
	//     kept one copy of each: where one is not near the best, it must
	//     not push out what the other searches found.
	type search struct {
		run func() (Retrieval, error)
		res Retrieval
		err error
	}
	usual := &search{run: func() (Retrieval, error) { return a.Retriever.Search(ctx, searches, max(3*k, 15), f) }}
	merged := []*search{
		{run: func() (Retrieval, error) { return r.Search(ctx, searches, r.candidates(), since(RecentDays)) }},
		{run: func() (Retrieval, error) { return r.Search(ctx, searches, r.candidates(), since(LastDays)) }},
	}
	if variants := countVariants(searches); len(variants) > 0 {
		merged = append(merged, &search{run: func() (Retrieval, error) { return r.Search(ctx, variants, r.candidates(), since(RecentDays)) }})
	}
	runs := slices.Concat([]*search{usual}, merged)
	var wg sync.WaitGroup
	for _, s := range runs {
		wg.Go(func() { s.res, s.err = s.run() })
	}
	wg.Wait()
	for _, s := range runs {
		if s.err != nil {
			return Retrieval{}, s.err
		}
	}
	res := usual.res
	ps := slices.Clone(res.Passages)
	for _, s := range merged {
		for _, p := range s.res.Passages {
			if !slices.ContainsFunc(ps, func(q Passage) bool { return q.ChunkID == p.ChunkID }) {
				ps = append(ps, p)
			}
		}
	}
	copies := res.ranked[:min(max(3*k, 15), len(res.ranked))]
	ps = append(ps, newerCopies(a.Retriever.Index, res.Passages[:min(CopiesOfFirst, len(res.Passages))], ps, copies)...)
	if !slices.ContainsFunc(ps, func(p Passage) bool { return !p.Published.IsZero() }) {
		// Nothing dated: no newest to find, and the rules that pick among
		// dated reports would only drop relevant passages. The usual search's
		// first k are what a search for k finds (MMR picks one at a time from
		// the same candidates).
		if len(res.Passages) > k {
			res.Passages = res.Passages[:k]
		}
		return res, nil
	}
	// What the question asks, without the words that ask for the newest
	// ("تازہ ترین", "اب تک") or ask at all ("کتنے"): those say how to order
	// and what kind of answer, and a cricket ranking's "تازہ ترین" or a
	// Senate story's "کتنے" holds them as well as the report asked about.
	asked := make([]Query, 0, len(searches))
	for _, q := range searches {
		if !q.OtherLanguage {
			// A translation says "latest" in its own words ("تازہ ترین" for
			// "latest"), which a tennis ranking's headline holds as well.
			// Every phrase that asks for the newest: "still … the latest?"
			// asks twice, and the second's "تازہ ترین" is a ranking's word.
			phrases := slices.Clone(tq.LatestPhrases)
			for _, own := range when.Parse(q.Text, ref).LatestPhrases {
				if !slices.Contains(phrases, own) {
					phrases = append(phrases, own)
				}
			}
			cost := asksCost(text.Tokens(q.Text))
			q.Text = withoutFraming(withoutAsking(when.Without(q.Text, phrases...)))
			if cost {
				// "سونا کتنے کا ہے؟" asks its price without the word: read
				// as "قیمت", which an amount of money states (relevance).
				q.Text += " قیمت"
			}
			cq := CrossQuery{Words: q.Words}
			for _, ph := range phrases {
				cq = cq.Without(ph)
			}
			q.Words = cq.Words
		}
		asked = append(asked, q)
	}
	// A code the question names is read by two rules, on all the passages
	// found (not the k kept: the reports of a code may name it less often
	// than its place, "ڈسکہ" for "این اے 75"); each passage's codes are read
	// once, before newestFirst copies them.
	codes := questionCodes(searches)
	res.unseenCode = unseenCode(codes, ps)
	relevance := a.relevance(ctx, res, asked)
	w := res.termWeights(ctx, a.Retriever.Index)
	res.Passages = newestFirst(ps, k, relevance, statesAskedCount(searches), orNamesCode(a.holdsSubject(ctx, res, asked, ps), codes), holdsNameAsked(w, asked), a.holdsRequiredRendered(w, asked), namesCodes(codes), nationalReport(asked, ps), statesFigure(searches), statesPrice(searches), statesRate(searches), statesStanding(searches), countsAsked(searches, tq.LatestPhrases...), sameTally(searches), sameUnit(searches), sameLevel(searches))
	if len(res.Passages) > 0 && !searches[0].OtherLanguage {
		res.newestShare, res.newestRead = relevance(&res.Passages[0]), true
	}
	res.Warnings = append(res.Warnings, merged[0].res.Warnings...)
	if res.unseenCode != "" {
		res.Warnings = append(res.Warnings, fmt.Sprintf("no report found names %s; those found name others of its kind", res.unseenCode))
	}
	return res, nil
}

// newerCopies is the passages of more that are near-copies (NearCopyOverlap)
// of one of found in another, newer document and are not in have. MMR
// keeps one copy of a text, the better ranked, and the agency's story of 25
// August ranks beside the paper's of the 26th, written from it: for a latest
// question the newer is the one to quote, and a story last told years
// before the day asked has no report in the last days' searches to bring
// it back.
func newerCopies(ts TermSets, found, have, more []Passage) []Passage {
	// Compared by the index's term sets, as MMR compares them, when it
	// holds them all.
	set := termSets(slices.Concat(found, more), ts)
	var out []Passage
	for j, p := range more {
		if slices.ContainsFunc(have, func(q Passage) bool { return q.ChunkID == p.ChunkID }) {
			continue
		}
		for i, q := range found {
			if q.DocID != p.DocID && p.Published.After(q.Published) && jaccard(set(len(found)+j), set(i)) >= NearCopyOverlap {
				out = append(out, p)
				break
			}
		}
	}
	return out
}

// MinNewestShare is the least share of a latest question (relevance) that
// the passage it is answered from must hold, for a question asked in the
// collection's language: "جہانگیر ترین کے خلاف ایف آئی اے کی تحقیقات" is
// not answered from Shaukat Tarin's talks with the IMF, which hold ترین
// and little else. (A question in another language is judged by its
// rendering's coverage, which asks more.) Chosen on the dated development
// sets: no answerable Urdu latest question's first passage held less than
// .31, and eight of the fifteen topic-absent ones answered held less than
// .30.
const MinNewestShare = 0.3

// CopiesOfFirst is how many of the usual search's first passages a latest
// question also looks for newer copies of (newerCopies). Chosen on the
// dated development sets: the first 5 or 10 gave the same gains, and a
// newer copy of a passage barely in the running took the fifth place from
// the report a recent search had found (t55-015).
const CopiesOfFirst = 3

// withoutDiversity is r with MMR's diversity off (lambda 1): for searches
// whose near-copies (one event's reports) are the point.
func (r *Retriever) withoutDiversity() *Retriever {
	c := *r
	c.Lambda = 1
	return &c
}

// LeadShare is what a report's lead, its first chunk, counts above its
// relevance among the passages of one day for a latest question: a news
// report opens with what is newest in it ("Brazil's coach sacked"), and
// its later chunks retell the background in the question's words as well
// ("he was named coach in 2012"). Chosen on the dated development sets
// (docs/history/time.md, "Thirty-fifth round"): at 0.1 five more latest
// questions have the evidence first and two fewer; at 0.3 eleven more and
// five fewer, with a fact lost.
const LeadShare = 0.1

// lead is LeadShare for a passage that opens its document, 0 otherwise.
func lead(p *Passage) float64 {
	if p.Start == 0 {
		return LeadShare
	}
	return 0
}

// newestFirst orders the passages whose relevance is within RecencyShare of
// the best one by publication date, newest first (undated last), and those of
// one day first those prefer picks (nil for none), then by relevance, a
// report's lead counting LeadShare more (a day's news holds the national
// count and the world's beside it, and the one that holds more of the
// question comes first); keeps the rest after them in
// their order, and returns the first k, renumbered.
//
// Each of musts, in turn, when some passage still in the running meets it,
// keeps the passages that do not among the rest: one that lacks the
// question's subject (Sindh's count asked, the country's reported: a newer
// report of another place is not a newer value of the quantity asked about),
// then one that lacks the name a question in another language writes
// (holdsNameAsked), then one that lacks what its answer must hold
// (holdsRequiredRendered: a province's cases, for the country's death toll),
// then one that names another code than the question's (another
// constituency's by-election: namesCodes), then one that states no figure
// when a figure is asked (the city's vaccination drive announced after its
// last death count), then one that states no amount of money when a price
// is asked (statesPrice: gold found at an airport, for the price of gold),
// then one that states no rate when a rate is asked (statesRate), then one that states no
// standing when a series' score or a ranking's place is asked
// (statesStanding), then one that
// reports the other kind of count (a day's, for a running total asked:
// sameTally), then one that gives its figure for another unit (per tola, for
// a price per ounce asked: sameUnit), then one that gives a price's change
// alone when its level is asked (sameLevel). A nil must is none. A passage
// published more than a year before the newest in the running does not
// count as meeting a must: a 2015 report that names the federal capital
// does not rule out the 2021 reports of its death toll that call it وفاق.
func newestFirst(ps []Passage, k int, relevance func(*Passage) float64, prefer func(*Passage) bool, musts ...func(*Passage) bool) []Passage {
	if len(ps) == 0 {
		return ps
	}
	type scored struct {
		p         Passage
		rel       float64
		preferred bool
	}
	var all []scored
	for i := range ps {
		all = append(all, scored{p: ps[i], rel: relevance(&ps[i]), preferred: prefer != nil && prefer(&ps[i])})
	}
	for _, must := range musts {
		if must == nil {
			continue
		}
		top := 0.0
		for _, s := range all {
			top = max(top, s.rel)
		}
		// The newest passage in the running: a passage years older than it
		// does not decide what the newest reports must hold.
		var newest time.Time
		for _, s := range all {
			if s.rel > 0 && s.rel >= RecencyShare*top && s.p.Published.After(newest) {
				newest = s.p.Published
			}
		}
		met, someMet := make([]bool, len(all)), false
		for i := range all {
			met[i] = must(&all[i].p) // once: a must may read the whole passage
			// (In the running: near enough the best to be ordered by date.
			// A subject rendered as a common word, "مخالف" for "Anti-", is
			// held by unrelated stories, which must not rule out the rest.)
			someMet = someMet || met[i] && all[i].rel > 0 && all[i].rel >= RecencyShare*top && !all[i].p.Published.Before(newest.AddDate(-1, 0, 0))
		}
		if !someMet {
			continue
		}
		for i := range all {
			if !met[i] {
				all[i].rel = 0
			}
		}
	}
	top := 0.0
	for _, s := range all {
		top = max(top, s.rel)
	}
	var near []scored
	var far []Passage
	for _, s := range all {
		if s.rel > 0 && s.rel >= RecencyShare*top {
			near = append(near, s)
		} else {
			far = append(far, s.p)
		}
	}
	slices.SortStableFunc(near, func(x, y scored) int {
		switch {
		case x.p.Published.IsZero() != y.p.Published.IsZero():
			if x.p.Published.IsZero() {
				return 1
			}
			return -1
		case x.p.Published.IsZero() || !x.p.Published.Equal(y.p.Published):
			// Undated passages keep the search's order: no date to share.
			return y.p.Published.Compare(x.p.Published)
		case x.preferred != y.preferred:
			if x.preferred {
				return -1
			}
			return 1
		}
		return cmp.Compare(y.rel+lead(&y.p), x.rel+lead(&x.p))
	})
	out := make([]Passage, 0, len(ps))
	for _, s := range near {
		out = append(out, s.p)
	}
	out = append(out, far...)
	if len(out) > k {
		out = out[:k]
	}
	renumber(out)
	return out
}

// asking are the words that ask a question rather than name what it asks
// about: "کتنے" (how many) is in a Senate story as well as in a count, and
// "کون" (who) in a headline that asks it ("… کھلاڑی کون؟"), not in the
// report that names the prime minister. (They are not stopwords: the
// ranker reads them, and what kind of answer they ask for.)
var asking = func() map[string]bool {
	m := map[string]bool{
		"کون": true, "کونسا": true, "کونسی": true, "کونسے": true,
		"کب": true, "کہاں": true, "کیوں": true, "کیسے": true, "کیسا": true, "کیسی": true,
	}
	maps.Copy(m, howMuch)
	return m
}()

// howMuch are the asking words of a quantity (how many, how much).
var howMuch = map[string]bool{"کتنا": true, "کتنی": true, "کتنے": true}

// framing are the words that frame a latest question as asking for news
// ("کی تازہ ترین خبر کیا ہے", "کے بارے میں"): what the newest report must
// hold is what the news is about.
var framing = map[string]bool{"خبر": true, "خبریں": true, "خبروں": true, "اطلاع": true, "اطلاعات": true, "احوال": true, "بارے": true}

// withoutFraming is q's tokens without the framing words.
func withoutFraming(q string) string {
	return strings.Join(slices.DeleteFunc(text.Tokens(q), func(t string) bool { return framing[t] }), " ")
}

// withoutAsking is q's tokens without the asking words.
func withoutAsking(q string) string {
	return strings.Join(slices.DeleteFunc(text.Tokens(q), func(t string) bool { return asking[t] }), " ")
}
