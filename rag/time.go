package rag

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/jawab/jawab/prompts"
	"github.com/jawab/jawab/text"
	"github.com/jawab/jawab/translit"
	"github.com/jawab/jawab/when"
)

// News facts change: a count revised, a rate moved. A question's own time
// words (package when) decide how its articles are found and how its answer
// is dated:
//
//   - a period counted from the day asked ("last week", "پچھلے ماہ") filters
//     the articles by publication (an old article's "last week" is not the
//     reader's); a named one ("مارچ 2021 میں", "1948") takes the passages
//     published in it or that name it; with none, the question is refused,
//     saying so;
//   - "latest" ("تازہ ترین", "now") orders the relevant passages newest
//     first, and only then: recency weighed into every question breaks
//     "when did it happen" questions;
//   - the answer says as of when it is, and quotes that give one quantity
//     different values on different dates are listed by date, newest first.

// TimeParts are the parts of time-aware answering that Answerer.TimeOff can
// switch off: a period's filter, the latest ordering, and the second report
// of a figure.
var TimeParts = []string{"periods", "latest", "reports"}

// AnswerTime is how a question was read in time.
type AnswerTime struct {
	// Kind is "absolute", "relative" or "latest" (when.Time.Kind).
	Kind string `json:"kind"`
	// Reference is the day the question is asked (its as_of, else today).
	Reference time.Time `json:"reference_date"`
	// From and To bound the period the question names (whole days), and
	// Phrase is its words.
	From   time.Time `json:"from,omitzero"`
	To     time.Time `json:"to,omitzero"`
	Phrase string    `json:"phrase,omitempty"`
	// AsOf is the publication date of the newest source the answer cites:
	// the day the answer is current to.
	AsOf time.Time `json:"as_of,omitzero"`
}

// RecentDays is how far back the extra search of a "latest" question looks.
const RecentDays = 30

// LastDays is how far back the second extra search of a "latest" question
// looks: the last days, where a daily series' newest report is.
const LastDays = 3

// RecencyShare is how close to the best passage's relevance a passage must be
// to be ordered by date for a "latest" question: the newest of the passages
// that answer, not the newest that mentions a word.
const RecencyShare = 0.5

// readTime reads q's time words against its reference day (q.AsOf, a day
// after now counting as now).
func (a *Answerer) readTime(question string, asOf, now time.Time) (when.Time, time.Time) {
	ref := now
	if !asOf.IsZero() && asOf.Before(now) {
		ref = asOf
	}
	t := when.Parse(question, ref)
	if a.TimeOff["periods"] {
		t.Period, t.Invalid = when.Period{}, ""
	}
	if a.TimeOff["latest"] {
		t.Latest, t.LatestPhrase, t.LatestPhrases = false, "", nil
	}
	return t, ref
}

// timedSearch retrieves as the question's time asks. It returns the
// retrieval and whether the question names a period in which nothing was
// published and nothing mentions (then the answer is a refusal that says
// so).
func (a *Answerer) timedSearch(ctx context.Context, ans *Answer, tq when.Time, ref time.Time, searches []Query, k int, f Filter) (Retrieval, bool, error) {
	want := k
	search := a.Retriever.Search
	if tq.Latest {
		want = max(3*k, 15)
		search = func(ctx context.Context, searches []Query, _ int, f Filter) (Retrieval, error) {
			return a.latestSearch(ctx, tq, searches, k, f, ref)
		}
	}
	p := tq.Period
	if p.IsZero() {
		res, err := search(ctx, searches, want, f)
		return res, false, err
	}
	in := f
	// Undated articles are not known to be outside the period (a collection
	// without dates still answers "this year"), unless the asker set a range.
	in.Undated = f.Undated || f.From.IsZero() && f.To.IsZero()
	// A day's news is printed the next morning ("منگل کے روز", "گزشتہ
	// روز"), a month's figures the next month ("فروری میں ترسیلات زر"): for
	// a named day or month, the reports of the day or month after that say
	// they are about it are searched as well.
	after := reportedAfter(p, ref)
	end := after
	if end.IsZero() {
		end = p.End()
	}
	in = in.Within(p.From, end)
	n := want
	if !after.IsZero() {
		n = 2 * want
	}
	// A count of the period for the whole country ("یکم اپریل کو ملک میں
	// ایک دن میں کتنے افراد جاں بحق ہوئے؟") is the national report's, which
	// may say it in other words ("جان کی بازی ہار گئے") than a city's
	// report of the same day that ranks above it: the national reports
	// come first among more candidates.
	national := nationalReport(searches, nil)
	if own := ownTexts(searches); national != nil && (!asksFigure(own) || !countryIsPlace(own)) {
		national = nil
	}
	if national != nil {
		n *= 3
	}
	// A count of the dead is worded as each report words it ("مزید 17
	// زندگیاں نگل گیا" for "کتنی اموات"): the casualty wordings are searched
	// beside the question (countVariants), as a latest question's are.
	dated := append(slices.Clip(searches), countVariants(searches)...)
	res, err := search(ctx, dated, n, in)
	if err != nil {
		return res, false, err
	}
	if national != nil {
		var first, rest []Passage
		for i := range res.Passages {
			if national(&res.Passages[i]) {
				first = append(first, res.Passages[i])
			} else {
				rest = append(rest, res.Passages[i])
			}
		}
		res.Passages = append(first, rest...)
		if after.IsZero() && len(res.Passages) > want {
			res.Passages = res.Passages[:want]
		}
		renumber(res.Passages)
	}
	if !after.IsZero() {
		about, err := a.reportsOf(ctx, res.Passages, p, ref)
		if err != nil {
			return res, false, err
		}
		res.Passages = slices.DeleteFunc(res.Passages, func(q Passage) bool {
			return q.Published.After(p.End()) && !about[q.DocID]
		})
		if len(res.Passages) < want {
			// The next days' reports that are not about the period may
			// have filled the search, its own ranking below them: last
			// month's PSL matches below this month's postponement. The
			// period alone is searched for them.
			own := in.Within(time.Time{}, p.End())
			more, err := search(ctx, searches, want, own)
			if err != nil {
				return res, false, err
			}
			for _, q := range more.Passages {
				if len(res.Passages) < want && !slices.ContainsFunc(res.Passages, func(x Passage) bool { return x.ChunkID == q.ChunkID }) {
					res.Passages = append(res.Passages, q)
				}
			}
		}
		if len(res.Passages) > want {
			res.Passages = res.Passages[:want]
		}
		renumber(res.Passages)
	}
	what := periodText(p, ans.Lang)
	if place, elsewhere, all, err := a.placeElsewhere(ctx, res, withoutPeriod(searches, p), want, in, f, search); err != nil {
		return res, false, err
	} else if elsewhere {
		named := "the place asked about"
		if place != "" {
			named = place
		}
		all.Warnings = append(all.Warnings, fmt.Sprintf("no article of %s (%s) names %s; the passages are from other dates", what, p.Phrase, named))
		all.placeAbsent, all.absentPlace = true, place
		return all, true, nil
	}
	if p.Relative {
		// Counted from the day asked: only what was published then.
		if len(res.Passages) > 0 {
			return res, false, nil
		}
		all, err := search(ctx, searches, want, f)
		if err != nil {
			return all, false, err
		}
		all.Warnings = append(all.Warnings, fmt.Sprintf("no article was published in %s (%s); the passages are from other dates", what, p.Phrase))
		return all, true, nil
	}
	// A named period is also written about later ("in December 2018" in a
	// 2019 report, 1948 in any history): after the passages published in it
	// come those of the whole search that name it, when there is room.
	if len(res.Passages) >= want {
		return res, false, nil
	}
	all, err := search(ctx, searches, max(4*k, 20), f)
	if err != nil {
		return all, false, err
	}
	ps := slices.Clone(res.Passages)
	// A period that begins after the day asked can only be spoken of as to
	// come by any article the asker sees, however the question is put
	// ("…کن شہروں میں کھیلی جانی تھی؟", "to be released on 20 November"
	// asked on the 16th).
	future := p.From.After(ref) || slices.ContainsFunc(searches, func(q Query) bool { return when.AsksFuture(q.Text) })
	for _, q := range all.Passages {
		if !future && !q.Published.IsZero() && q.Published.Before(p.From) {
			// A report of 2014 that names 2018 ("2018ء میں انتخابات … دے
			// گی") speaks of it as to come: it does not tell what happened.
			continue
		}
		if (mentions(q.Text, q.Published, p, ref) || future && mentionsAhead(q.Text, q.Published, p)) && !slices.ContainsFunc(ps, func(x Passage) bool { return x.ChunkID == q.ChunkID }) {
			ps = append(ps, q)
		}
	}
	if len(ps) == 0 {
		if len(all.Passages) > want {
			all.Passages = all.Passages[:want]
		}
		all.Warnings = append(all.Warnings, fmt.Sprintf("no article was published in %s (%s), and none mentions it; the passages are from other dates", what, p.Phrase))
		return all, true, nil
	}
	if len(ps) > want {
		ps = ps[:want]
	}
	renumber(ps)
	res.Passages = ps
	if len(res.Passages) > 0 && !slices.ContainsFunc(res.Passages, func(q Passage) bool { return p.Contains(q.Published) }) {
		res.Warnings = append(res.Warnings, fmt.Sprintf("no article was published in %s (%s); the passages are from articles that mention it", what, p.Phrase))
	}
	return res, false, nil
}

// placeElsewhere reports (elsewhere true) when no passage the period's
// search finds holds the place a question about a period asks about
// (holdsSubject), not even among its first PlaceDepth, and some passage of
// other dates does, with those passages and the place's words ("" when the
// place was read from the candidates' headlines): "15 مارچ 2021 کو روس میں
// کورونا کے کتنے نئے کیس رپورٹ ہوئے؟" over that day's reports of Pakistan's
// and Sindh's counts is not answered by them, and the archive reports
// Russia's on other days. Not elsewhere when the question names no place,
// the period holds it, or no passage of any date does (other rules judge
// that).
func (a *Answerer) placeElsewhere(ctx context.Context, res Retrieval, searches []Query, want int, in, f Filter, search func(context.Context, []Query, int, Filter) (Retrieval, error)) (string, bool, Retrieval, error) {
	if len(res.Passages) == 0 {
		return "", false, Retrieval{}, nil
	}
	holds := a.holdsSubject(ctx, res, searches, res.Passages)
	if holds == nil || slices.ContainsFunc(res.Passages, func(q Passage) bool { return holds(&q) }) {
		return "", false, Retrieval{}, nil
	}
	deeper, err := search(ctx, searches, PlaceDepth, in)
	if err != nil {
		return "", false, Retrieval{}, err
	}
	if inPeriod := a.holdsSubject(ctx, deeper, searches, deeper.Passages); inPeriod == nil || slices.ContainsFunc(deeper.Passages, func(q Passage) bool { return inPeriod(&q) }) {
		return "", false, Retrieval{}, nil
	}
	if name := renderedPlace(searches); name != "" && slices.ContainsFunc(deeper.Passages, func(q Passage) bool { return spellsPlaceIn(name, &q) }) {
		// A place asked in English is searched as the collection spells it
		// most often, and a report may spell it otherwise ("Caribbean":
		// کیریبین searched, کیربیئن reported): a word of the period's
		// reports that spells it nearly as well holds it.
		return "", false, Retrieval{}, nil
	}
	all, err := search(ctx, searches, PlaceDepth, f)
	if err != nil {
		return "", false, Retrieval{}, err
	}
	elsewhere := a.holdsSubject(ctx, all, searches, all.Passages)
	if elsewhere == nil {
		return "", false, Retrieval{}, nil
	}
	var holders []Passage
	for _, q := range all.Passages {
		if elsewhere(&q) {
			holders = append(holders, q)
		}
	}
	if len(holders) == 0 {
		return "", false, Retrieval{}, nil
	}
	if len(holders) > want {
		holders = holders[:want]
	}
	renumber(holders)
	all.Passages = holders
	// "" when the place was read from the candidates' headlines
	// (headlinedPlace), not from the question's words: placeOutOfPeriod
	// names it generically, in the asker's language.
	place := ""
	for _, q := range searches {
		if words := askedPlace(q); !q.OtherLanguage && len(words) > 0 {
			place = strings.Join(words, " ")
			break
		}
	}
	return place, true, all, nil
}

// renderedPlace is the Latin word of the place a rendered question asks
// about (its subject word's source, "caribbean"), or "" when none does or
// the place is of more words than one.
func renderedPlace(searches []Query) string {
	for _, q := range searches {
		if w, toks := (CrossQuery{Words: q.Words}).subjectWord(); len(toks) > 0 && !strings.Contains(w.Source, " ") && text.DetectLang(w.Source) == "en" {
			return text.Fold(w.Source)
		}
	}
	return ""
}

// spellsPlaceIn reports whether a word of p (title or text, reportTokens)
// spells the Latin name at LooseNameScore or better (a word of about its
// length: the alignment is read only for those).
func spellsPlaceIn(name string, p *Passage) bool {
	n := len(name)
	return slices.ContainsFunc(reportTokens(p), func(t string) bool {
		r := utf8.RuneCountInString(t)
		return r >= n/2 && r <= n+3 && translit.Score(name, t) >= LooseNameScore
	})
}

// LooseNameScore is how well a report's word must spell a place asked in
// English for the place-elsewhere refusal to hold back: below the name
// matcher's threshold (translit.NameThreshold), since a refusal needs the
// place surely absent ("caribbean" and کیربیئن score .55).
const LooseNameScore = 0.5

// PlaceDepth is how many passages placeElsewhere looks through, in the
// period and in the whole archive, for one that holds the place asked
// about.
const PlaceDepth = 20

// withoutPeriod is searches with the words that name p taken out of each
// in the collection's language, with the postposition after them ("15
// مارچ 2021 کو روس میں …" and "مارچ 2021 میں روس میں …" are about روس, as
// "روس میں …" opens), for reading the place it asks about.
func withoutPeriod(searches []Query, p when.Period) []Query {
	out := slices.Clone(searches)
	for i, q := range out {
		if !q.OtherLanguage && p.Phrase != "" {
			rest := strings.TrimSpace(when.Without(q.Text, p.Phrase))
			for _, post := range []string{"کو ", "میں "} {
				rest = strings.TrimPrefix(rest, post)
			}
			out[i].Text = strings.TrimSpace(rest)
		}
	}
	return out
}

// reportedAfter is the end of the time after a named period in which it is
// still reported: the next day for a day, the next month for a month, and
// for a relative one ("پچھلے مہینے", "yesterday", counted from ref, the day
// asked) no later than ref: asked on 3 April about last month, the reports
// of 1–3 April on March count ("مارچ میں 95 مریضوں کا گھر پر انتقال"). Zero
// for a year, a week, and a relative period that reaches the day asked.
func reportedAfter(p when.Period, ref time.Time) time.Time {
	var after time.Time
	switch p.Grain {
	case when.Day:
		after = p.End().AddDate(0, 0, 1)
	case when.Month:
		after = p.End().AddDate(0, 1, 0)
	}
	if p.Relative && !after.IsZero() {
		if ref.IsZero() || !ref.After(p.End()) {
			return time.Time{}
		}
		if after.After(ref) {
			after = ref
		}
	}
	return after
}

// reportsOf returns which of the passages published after the named period
// p say they report it: a paper's "منگل کے روز" or "گزشتہ روز" for the day
// before, "فروری میں" or "گزشتہ ماہ" for the month before, read against its
// own date. A report says so once, mostly in its opening lines, which need
// not be the chunk the question found: its chunks that hold such words are
// looked up with one keyword search.
func (a *Answerer) reportsOf(ctx context.Context, ps []Passage, p when.Period, ref time.Time) (map[string]bool, error) {
	about := map[string]bool{}
	var docs []string
	for _, q := range ps {
		if q.Published.After(p.End()) && !slices.Contains(docs, q.DocID) {
			docs = append(docs, q.DocID)
		}
	}
	if len(docs) == 0 {
		return about, nil
	}
	var words []string
	switch p.Grain {
	case when.Day:
		day := p.From.Weekday()
		words = []string{"گزشتہ روز", "گذشتہ روز", "yesterday"}
		for w, d := range when.Weekdays { // (its Urdu and English names)
			if d == day {
				words = append(words, w)
			}
		}
	case when.Month:
		words = []string{text.UrduMonth(p.From.Month()), strings.ToLower(p.From.Month().String()), "گزشتہ ماہ", "گذشتہ ماہ", "پچھلے ماہ", "last month"}
	}
	hits, err := a.Retriever.Index.KeywordSearch(ctx, strings.Join(words, " "), 4*len(docs), Filter{DocIDs: docs})
	if err != nil {
		return nil, err
	}
	for _, h := range hits {
		if mentions(h.Doc.Title+"\n"+h.Chunk.Text, h.Doc.Published, p, ref) {
			about[h.Doc.ID] = true
		}
	}
	return about, nil
}

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

// relevance is how much of the question a passage holds: the share of its
// words' weight the passage has (as the gate's coverage counts it, whole
// passage and title), the best over the question's variants. A headline and
// a long article that both report the gold price per tola hold the same
// share, where a ranker's score would favour the long one. Casualty words and
// the wordings of a day ("24 گھنٹوں میں", "ایک دن میں", "روزانہ") are read by
// meaning on both sides (foldCounts, foldDay), a report that states a day's
// count as "مزید 63 افراد" as one that says the day (foldDailyCount), and a
// report's "in the country" as the country's name (foldCountry).
func (a *Answerer) relevance(ctx context.Context, res Retrieval, searches []Query) func(*Passage) float64 {
	w := res.termWeights(ctx, a.Retriever.Index)
	// A query in another language than the collection's (the English
	// question) weighs the passages written in its language: a mixed
	// collection's newest report may be its English one.
	type query struct {
		rq    *RankQuery
		words *renderedWords // an offline-rendered question's words (Query.Words), read in place of rq
		lang  string         // "" for the collection's language
		price string         // the word it asks a price by ("قیمت"), if any
		rate  currencyRate   // the foreign currency whose rate it asks, if any
	}
	var qs []query
	asksPrice := false
	for _, q := range searches {
		lang := ""
		if q.OtherLanguage {
			lang = text.DetectLang(q.Text)
		}
		ft := relevanceTokens(q.Text)
		price := ""
		for _, t := range ft {
			if priceWords[t] {
				price = t
			}
		}
		asksPrice = asksPrice || price != ""
		rq := NewRankQuery(strings.Join(ft, " "), w, nil)
		if lang == "" {
			// A word the archive never holds is the subject of a story it
			// does not tell ("ٹڈی دل", locusts), which the newest report
			// must hold for MinNewestShare: at the ranker's unseen weight it
			// counted less than any word the archive has. No passage holds
			// it, so the order by relevance changes little; the share does.
			// One the archive spells one letter apart ("میانمر" asked,
			// "میانمار" reported) weighs as that spelling: the passages
			// that hold it are the story's.
			rq.weighUnseenAsRarest(w, probesSpellings(a.Retriever.Index))
		}
		rq.weighAsFamily(w)
		qs = append(qs, query{rq, newRenderedWords(q.Words, w), lang, price, currencyRateAsked(ft, q.Words)})
	}
	return func(p *Passage) float64 {
		an := analysis(a.Retriever.Index, p)
		words, stems := foldCounts(titled(an, p.Title))
		amount := asksPrice && statesAmount(words, nil)
		// The chunk's own words, without the title its document's other
		// chunks share: of two chunks of one report, the one that holds
		// the question comes first (a thousandth: it only breaks ties).
		own, ownStems := foldCounts(an.Words, an.Stems)
		words, stems = relevanceWords(words, stems, reportTokens(p))
		own, ownStems = foldDay(own, ownStems)
		plang := ""
		best := 0.0
		for _, q := range qs {
			if q.lang != "" {
				if plang == "" {
					plang = text.DetectLang(p.Title + " " + p.Text)
				}
				if plang != q.lang {
					continue
				}
			}
			ws, ss := words, stems
			if q.price != "" && amount {
				// A price is stated as an amount of money, seldom with the
				// word ("فی اونس سونا … 1733ڈالر ہو گیا"), as the gate reads it.
				ws, ss = append(slices.Clone(words), q.price), append(slices.Clone(stems), text.Stem(q.price))
			}
			if q.rate.words != nil {
				ws, ss = q.rate.meet(ws, ss, words)
			}
			if q.words != nil {
				best = max(best, q.words.coverage(ws, ss)+chunkTieBreak*q.words.coverage(own, ownStems))
				continue
			}
			best = max(best, q.rq.looseCoverage(ws, ss)+chunkTieBreak*q.rq.looseCoverage(own, ownStems))
		}
		return best
	}
}

// asksCost reports an Urdu question that asks what something costs without
// a word for its price: "کتنے کا" (for how much), or "کتنے روپے کا", before
// the verb that ends it or at its end ("سونا آج کل کتنے کا ہے؟", "ایک تولہ
// سونا کتنے روپے کا ہے؟", "پٹرول کتنے میں مل رہا ہے"), not "کتنے کا اضافہ"
// (an increase of how much), nor "کب کی ہے" (from when).
func asksCost(toks []string) bool {
	for i := 0; i+1 < len(toks); i++ {
		if !howMuch[toks[i]] {
			continue
		}
		j := i + 1
		if currencies[toks[j]] {
			j++
		}
		if j < len(toks) && costPostpositions[toks[j]] && (j+1 == len(toks) || costVerbs[toks[j+1]]) {
			return true
		}
	}
	return false
}

var (
	costPostpositions = map[string]bool{"کا": true, "کی": true, "کے": true, "میں": true}
	costVerbs         = map[string]bool{"ہے": true, "ہیں": true, "ہو": true, "ملتا": true, "ملتی": true, "مل": true, "بک": true, "بکتا": true, "بکتی": true, "فروخت": true}
)

// currencyRate is what a question asks of a foreign currency's rate ("ڈالر
// کا تازہ ترین ریٹ", "the latest dollar rate"): the currencies it names, and
// the words that ask the rate (for a rendered question, every word of every
// rendering of "rate": شرح, ریٹ …), which a report that states the rate
// meets however it words it. News gives the dollar's rate as its value
// ("امریکی ڈالر کی قدر میں کمی") or an amount in rupees ("ڈالر … 153روپے
// کی سطح پر آگیا") and seldom as a "ریٹ"; read literally, "the latest
// dollar rate" was nearer Lahore's Covid positivity rate (شرح) or
// "کرپشن کا ریٹ" than the dollar's own reports.
type currencyRate struct {
	currencies map[string]bool
	words      []string
	stems      []string
}

// currencyRateAsked reads the currency rate a question's tokens ft (or, rendered,
// its words) ask; zero when it asks none.
func currencyRateAsked(ft []string, words []CrossWord) currencyRate {
	var cr currencyRate
	add := func(t string) {
		if !slices.Contains(cr.words, t) {
			cr.words, cr.stems = append(cr.words, t), append(cr.stems, text.Stem(t))
		}
	}
	found := map[string]bool{}
	if words != nil {
		for _, cw := range words {
			switch r := cw.Likeliest().Term; {
			case rateWords[text.Fold(cw.Source)]:
				for _, rd := range cw.Renderings {
					for _, t := range relevanceTokens(rd.Term) {
						add(t)
					}
				}
			case currencies[r] && !rupees[r]:
				found[r] = true
			}
		}
	} else {
		for _, t := range ft {
			switch {
			case rateWords[t]:
				add(t)
			case currencies[t] && !rupees[t]:
				found[t] = true
			}
		}
	}
	if len(found) == 0 || cr.words == nil {
		return currencyRate{}
	}
	cr.currencies = found
	return cr
}

// statedIn reports whether a report's tokens state the rate: a currency
// asked, then within two words a word for its value ("ڈالر کی قدر", "ڈالر کا
// ریٹ") or within eight an amount in rupees ("ڈالر مزید گرتے ہوئے 153روپے"):
// not a sum in dollars ("200 ارب ڈالر کا نقصان"), nor gold's dollar price
// beside its price in rupees further on.
func (cr currencyRate) statedIn(toks []string) bool {
	for i, t := range toks {
		if !cr.currencies[t] {
			continue
		}
		for j := i + 1; j < len(toks) && j <= i+3; j++ {
			if valueWords[toks[j]] {
				return true
			}
		}
		if statesAmount(toks[i+1:min(len(toks), i+9)], rupees) {
			return true
		}
	}
	return false
}

// meet is a report's words and stems (ws, ss; toks as statedIn reads them)
// as relevance reads them for the rate: with the rate's words when the
// report states the currency's rate, without them when it does not (the
// "شرح" of inflation is no rate of the dollar).
func (cr currencyRate) meet(ws, ss, toks []string) ([]string, []string) {
	if cr.statedIn(toks) {
		return slices.Concat(ws, cr.words), slices.Concat(ss, cr.stems)
	}
	var w2, s2 []string
	for i, w := range ws {
		if !slices.Contains(cr.words, w) && !slices.Contains(cr.stems, ss[i]) {
			w2, s2 = append(w2, w), append(s2, ss[i])
		}
	}
	return w2, s2
}

// rateAnswered is q (an Urdu question, as the gate re-judges it) without
// the words that ask a currency's rate when the first of the passages
// states that rate (currencyRate): "ڈالر کا ریٹ کیا چل رہا ہے؟" is answered
// by "انٹربینک مارکیٹ میں امریکی ڈالر 155 روپے سے نیچے آگیا", which has no
// "ریٹ", as a dated report answers the question's "آج کل".
func rateAnswered(q string, ps []Passage) string {
	toks := text.Tokens(q)
	cr := currencyRateAsked(toks, nil)
	if cr.words == nil || len(ps) == 0 || !cr.statedIn(reportTokens(&ps[0])) {
		return q
	}
	return strings.Join(slices.DeleteFunc(toks, func(t string) bool { return slices.Contains(cr.words, t) }), " ")
}

// valueWords say a currency's value: its rate, price or worth.
var valueWords = map[string]bool{"قدر": true, "ریٹ": true, "نرخ": true, "قیمت": true, "شرح": true}

// foldCountry adds پاکستان to a report's words (and stems) when it says "in
// the country" (countryPhrases: "ملک بھر میں", "ملک میں"), as the archive's
// national reports write it: "ملک بھر میں کورونا وائرس سے مزید 54مریض چل بسے"
// is Pakistan's count, which a question asks by the country's name. (The
// archive's country is Pakistan's, as namesCountry reads it.)
func foldCountry(words, stems []string) ([]string, []string) {
	if !slices.ContainsFunc(countryPhrases, func(p []string) bool { return p[0] == "ملک" && hasSeq(words, p) }) || slices.Contains(words, "پاکستان") {
		return words, stems
	}
	return append(slices.Clone(words), "پاکستان"), append(slices.Clone(stems), text.Stem("پاکستان"))
}

// relevanceWords are a report's words and stems, casualty words already
// folded (foldCounts), as relevance reads them: a day's wordings as one
// (foldDay), a day's count stated by "مزید 63 افراد" as one that says the
// day (foldDailyCount, which reads the report's tokens, toks), and "in the
// country" as its name (foldCountry).
func relevanceWords(words, stems, toks []string) ([]string, []string) {
	words, stems = foldDay(words, stems)
	return foldCountry(foldDailyCount(words, stems, toks))
}

// relevanceTokens are a question's (or a rendering's) tokens as relevance
// reads them: casualty words by meaning (foldedText) and a day's count in
// any wording (foldDay), as the passages' words are read.
func relevanceTokens(s string) []string {
	ft, _ := foldDay(text.Tokens(foldedText(s)), nil)
	return ft
}

// renderedWords is an offline-rendered question's words as relevance reads
// them: one query over every rendering's words, met once per passage, and
// each word's renderings as the indices of their words in it.
type renderedWords struct {
	rq    *RankQuery
	words []renderedWord
}

// renderedWord is one word of the question: each rendering as its words'
// indices in renderedWords.rq, and the word's weight.
type renderedWord struct {
	renderings [][]int
	weight     float64
}

// strayRendering reports a rendering of one word that is a letter's name
// or a function word alone: the lexicon's alignment noise for a whole
// English word ("regulatory" as اے, "chief" as آف, "lpg" as ایل), which
// any report holds ("این اے 249"). A spelled acronym, several letters'
// names, is no stray ("ایل پی جی").
func strayRendering(r WeightedTerm) bool {
	toks := text.Tokens(r.Term)
	if len(toks) != 1 {
		return false
	}
	_, letter := text.LetterOf(toks[0])
	return letter || text.IsStopword(toks[0])
}

// newRenderedWords reads words' renderings, folded as the passages are
// (relevanceTokens), but for the stray ones (strayRendering); each word
// weighs its likeliest rendering's rarest word's IDF. Verbs, which the
// answer need not repeat, and words the collection never uses (no weight to
// tell passages apart) are left out. Nil for none.
func newRenderedWords(words []CrossWord, w TermWeigher) *renderedWords {
	// Every rendering's words and their stems, which the weights below and
	// the RankQuery read, looked up at once.
	var lookup []string
	for _, cw := range words {
		for _, r := range cw.Renderings {
			for _, t := range relevanceTokens(r.Term) {
				lookup = append(lookup, t, text.Stem(t))
			}
			for _, t := range text.Tokens(r.Term) {
				lookup = append(lookup, t, text.Stem(t))
			}
		}
	}
	prefetch(w, lookup)
	var kept []renderedWord
	var rendered [][][]string // by kept word and rendering: its folded tokens
	var all []string
	for _, cw := range words {
		cw.Renderings = slices.DeleteFunc(slices.Clone(cw.Renderings), strayRendering)
		if cw.Verb || len(cw.Renderings) == 0 {
			continue
		}
		weight := 0.0
		for _, t := range text.Tokens(cw.Likeliest().Term) {
			weight = max(weight, familyIDF(w, t))
		}
		if weight == 0 {
			continue
		}
		kept = append(kept, renderedWord{weight: weight})
		var toks [][]string
		for _, r := range cw.Renderings {
			ft := relevanceTokens(r.Term)
			toks = append(toks, ft)
			all = append(all, ft...)
		}
		rendered = append(rendered, toks)
	}
	if len(kept) == 0 {
		return nil
	}
	rw := &renderedWords{rq: NewRankQuery(strings.Join(all, " "), w, nil)}
	rw.rq.weighAsFamily(w)
	for k, renderings := range rendered {
		for _, ft := range renderings {
			var at []int
			for _, tok := range ft {
				if i := slices.Index(rw.rq.terms, tok); i >= 0 && !slices.Contains(at, i) {
					at = append(at, i)
				}
			}
			if len(at) > 0 {
				kept[k].renderings = append(kept[k].renderings, at)
			}
		}
	}
	rw.words = kept
	return rw
}

// coverage is the share of the rendered words' weight that a passage's
// words (and their stems) meet, each word by the rendering that meets most
// of it (by its words' IDF): "cases" is met by کیسز as by معاملات.
func (rw *renderedWords) coverage(toks, stems []string) float64 {
	met := rw.rq.looseMet(toks, stems)
	found, total := 0.0, 0.0
	for _, w := range rw.words {
		best := 0.0
		for _, at := range w.renderings {
			have, all := 0.0, 0.0
			for _, i := range at {
				all += rw.rq.idf[i]
				if met[i] {
					have += rw.rq.idf[i]
				}
			}
			if all > 0 {
				best = max(best, have/all)
			}
		}
		found += best * w.weight
		total += w.weight
	}
	if total == 0 {
		return 0
	}
	return found / total
}

// chunkTieBreak weighs a chunk's own coverage of the question in its
// relevance: enough to order two chunks of one report, too little to move
// anything else.
const chunkTieBreak = 1e-3

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

// NameRenderingShare is how near the likeliest of a name's renderings
// another must be to stand for it in holdsNameAsked: "Leone" is لیون (.94)
// to the collection, and لینے (.83, "to take") only by sound.
const NameRenderingShare = 0.9

// MinNameIDF is the least weight of a name holdsNameAsked requires: held by
// at most about one report in twenty. A name most reports hold ("Pakistan"
// in Pakistani news) does not say which story is asked about.
const MinNameIDF = 3.0

// holdsNameAsked is, for a question asked in another language, whether a
// passage holds the collection's spelling of a name the question writes (a
// capitalised word that is no ordinary English word, rendered by sound:
// "Leone" of "Which film has Sunny Leone most recently started shooting?"
// as لیون), as a word or glued to the next or the one before ("بابراعظم"
// for Babar); nil when it writes none that few reports hold. The newest
// report of a latest question is the named one's: rendered, the rest of
// such a question is common words ("film", "started", "shooting" as
// گولی), which a newer report of a shooting in Peshawar holds as well. The
// place a question asks about is holdsSubject's.
func holdsNameAsked(w TermWeigher, searches []Query) func(*Passage) bool {
	var spellings [][]string // each a rendering's tokens
	for _, q := range searches {
		for _, name := range nameSpellings(q.Words) {
			for _, sp := range name {
				if slices.ContainsFunc(sp, func(t string) bool { return w.IDF(t) >= MinNameIDF }) {
					spellings = append(spellings, sp)
				}
			}
		}
	}
	if len(spellings) == 0 {
		return nil
	}
	return func(p *Passage) bool {
		toks := reportTokens(p)
		return slices.ContainsFunc(spellings, func(sp []string) bool { return holdsSpelling(toks, sp) })
	}
}

// holdsRequiredRendered is, for a question rendered offline whose answer
// must state an attribute of its subject (a Required word that is no verb and
// not what "how many" counts: the death toll, the rate asked), whether a
// passage has a sentence that holds each such word as the gate reads one
// (crossCoverageWith: a likely rendering, or another word for the same dead);
// nil when the question has no such word. A newer report that lacks it tells
// of something else: "What is Pakistan's total COVID-19 death toll now?" is
// not answered by the next day's count of Balochistan's cases. What is
// counted is not read here: a report counts it in its own words ("298 دیگر
// متاثر" for new cases), which countsAsked reads. A report in another
// language than the collection's, which the question is rendered into,
// counts as holding it: the rendering cannot read it.
func (a *Answerer) holdsRequiredRendered(w TermWeigher, searches []Query) func(*Passage) bool {
	attribute := func(cw CrossWord) bool { return cw.Required && !cw.Verb && !cw.Counted }
	var cq CrossQuery
	for _, q := range searches {
		if slices.ContainsFunc(q.Words, attribute) {
			cq = CrossQuery{Words: slices.Clone(q.Words), Terms: q.Terms}
			for i := range cq.Words {
				cq.Words[i].Required = attribute(cq.Words[i])
			}
			break
		}
	}
	if len(cq.Words) == 0 {
		return nil
	}
	holds := map[string]bool{}
	var score func([]candidate) (float64, int) // prepared once, on the first passage: some 40–80 are read
	return func(p *Passage) bool {
		if v, ok := holds[p.ChunkID]; ok {
			return v
		}
		if p.language() != a.CorpusLang {
			// A report in the question's own language (a mixed
			// collection's English one) is not read by the rendering.
			return true
		}
		var cands []candidate
		bytesAt := text.ByteCursor(p.Text)
		for _, sp := range text.Sentences(p.Text) {
			cands = append(cands, candidate{p: p, span: sp, sentence: p.Text[bytesAt(sp.Start):bytesAt(sp.End)]})
		}
		if score == nil {
			score = crossScorer(w, cq, 0)
		}
		cov, _ := score(cands)
		holds[p.ChunkID] = cov > 0
		return cov > 0
	}
}

// nameSpellings are, for each name a rendered question writes (a
// capitalised word that is no ordinary English word and no place), its
// likeliest renderings (NameRenderingShare) as tokens.
func nameSpellings(words []CrossWord) [][][]string {
	var out [][][]string
	for _, cw := range words {
		if !cw.Name || cw.Ordinary || cw.Place || len(cw.Renderings) == 0 {
			continue
		}
		best := 0.0
		for _, r := range cw.Renderings {
			best = max(best, r.Weight)
		}
		var name [][]string
		for _, r := range cw.Renderings {
			if toks := text.Tokens(r.Term); r.Weight >= NameRenderingShare*best && len(toks) > 0 {
				name = append(name, toks)
			}
		}
		if len(name) > 0 {
			out = append(out, name)
		}
	}
	return out
}

// holdsSpelling reports whether toks hold every token of a spelling, each
// as a word, glued to the next or the one before (gluedHolds), or as the
// country a demonym names (sameNisba: "Pakistani" rendered پاکستانی, held as
// the report's "پاکستان روپے").
func holdsSpelling(toks, spelling []string) bool {
	return !slices.ContainsFunc(spelling, func(s string) bool {
		return !slices.ContainsFunc(toks, func(t string) bool { return t == s || gluedHolds(t, s) || sameNisba(t, s) })
	})
}

// sameNisba reports a demonym and the place it is of: Urdu makes one by a
// final ی on the place's name (پاکستان, پاکستانی), which replaces a final ہ
// or ا (امریکہ, امریکا, امریکی).
func sameNisba(t, s string) bool {
	base, ok := strings.CutSuffix(s, "ی")
	if !ok || utf8.RuneCountInString(base) < 3 {
		return false
	}
	return t == base || t == base+"ہ" || t == base+"ا"
}

// withoutLatest is queries without the words of tq's latest phrases
// ("تازہ ترین", "اب تک"), each Urdu one folded as the gate's re-judgement
// reads it (foldedText); nil when no query holds them.
func withoutLatest(queries []string, tq when.Time) []string {
	out := slices.Clone(queries)
	changed := false
	for i, q := range queries {
		if text.DetectLang(q) != "ur" {
			continue
		}
		if s := when.Without(q, tq.LatestPhrases...); s != q {
			out[i], changed = foldedText(s), true
		}
	}
	if !changed {
		return nil
	}
	return out
}

// newestQuotedFirst puts first, for a latest question, the best sentence of
// the first passage (the newest relevant report, as newestFirst ordered
// them; its first sentence in by) when it holds at least RecencyShare of the
// best sentence's share of the question: an older report that words the
// question more closely ("…
// یومیہ کیسوں کی تعداد میں کمی", of 1 March) must not be quoted before the
// newest figure. The shares are read in by, the candidates as the question
// without its latest words chose them (withoutLatest; cands itself when
// the same), by share (looseShare: as newestFirst compared the reports,
// "کرونا" and "دنیابھر" meeting "کورونا" and "دنیا بھر"): the sentence is
// then moved in cands, whose order the rest of the extract keeps.
func newestQuotedFirst(cands, by []candidate, share func(candidate) float64) []candidate {
	best := slices.IndexFunc(by, func(c candidate) bool { return c.p.N == 1 })
	if best < 0 {
		return cands
	}
	top := 0.0
	for _, c := range by {
		top = max(top, share(c))
	}
	if share(by[best]) < RecencyShare*top {
		return cands
	}
	j := slices.IndexFunc(cands, func(c candidate) bool { return c.p == by[best].p && c.span == by[best].span })
	if j < 0 {
		return cands
	}
	return toFront(cands, j)
}

// renderedShare is, for a question rendered offline (cross: an English or
// Roman-Urdu one), a candidate sentence's share of the rendering's words by
// every rendering of each (renderedWords.coverage, as the relevance that
// ordered the reports reads it), without the words that ask for the newest
// (phrases); nil when the question has no rendered words. The rendering's
// text holds only each word's likeliest rendering: "Vawda" as وودا, which no
// report writes, while they write واوڈا, so that the newest report's
// sentence held less of the question than an older one and was not quoted
// first.
func renderedShare(w TermWeigher, cross CrossQuery, phrases []string) func(candidate) float64 {
	for _, ph := range phrases {
		cross = cross.Without(ph)
	}
	rw := newRenderedWords(cross.Words, w)
	if rw == nil {
		return nil
	}
	shares := map[string]float64{}
	return func(c candidate) float64 {
		if v, ok := shares[c.sentence]; ok {
			return v
		}
		v := rw.coverage(c.words, c.stems)
		shares[c.sentence] = v
		return v
	}
}

// looseShare is a candidate sentence's share of the best of queries as
// looseCoverage reads it (words one letter apart, or typed glued to the
// next), with both sides' words read as relevance reads them (casualty words
// and a day's wordings by meaning, a day's count by "مزید", "in the country"
// as its name): the quote that goes first is the newest report's when
// relevance put that report in the running. Remembered by sentence.
func looseShare(w TermWeigher, queries []string) func(candidate) float64 {
	var rqs []*RankQuery
	for _, q := range queries {
		rqs = append(rqs, NewRankQuery(strings.Join(relevanceTokens(q), " "), w, nil))
	}
	shares := map[string]float64{}
	return func(c candidate) float64 {
		if v, ok := shares[c.sentence]; ok {
			return v
		}
		ws, ss := relevanceWords(c.words, c.stems, text.Tokens(c.sentence))
		v := 0.0
		for _, rq := range rqs {
			v = max(v, rq.looseCoverage(ws, ss))
		}
		shares[c.sentence] = v
		return v
	}
}

// statesFigure is, for a question that asks how many or how much, or what
// level, price or rate (asksValue: "ڈالر اب کس سطح پر آ گیا ہے؟"), whether a
// passage (its title or text) states a figure: a number in digits other than
// a year or one the question names ("110.80 روپے", "2196نئے کیسوں"), or one
// in words that counts something ("دو کشمیری نوجوان شہید"); nil for other
// questions.
func statesFigure(searches []Query) func(*Passage) bool {
	own := ownTexts(searches)
	if !asksValue(own) {
		return nil
	}
	named, stems := map[string]bool{}, map[string]bool{}
	for _, q := range own {
		for _, t := range text.Tokens(q) {
			named[t] = true
			if !text.IsStopword(t) {
				stems[text.Stem(t)] = true
			}
		}
	}
	return func(p *Passage) bool {
		toks := reportTokens(p)
		for i, t := range toks {
			if isNumberToken(t) && !named[t] && !isYear(t) {
				return true
			}
			if ordinalWords[t] && !otherSenses[t] && i+1 < len(toks) && stems[text.Stem(toks[i+1])] {
				// An ordinal states how many so far of what it stands
				// before: "چوتھی کھیپ" for "کتنی کھیپیں", not "تیسری لہر".
				return true
			}
		}
		nums, _ := figuresIn(toks)
		return len(nums) > 0
	}
}

// countsAsked is, for a question that asks how many of a casualty meaning
// (askedFigure: the dead, the injured…), whether a passage (title or text)
// words that meaning in any of its ways: the newest report of the day's
// Covid deaths, not the newest Covid story with a number (a vaccination
// centre's "60 سال", "3 بچوں میں کورونا کی تصدیق"), and that holds one of
// the question's other words, not its latest ones (latest: "اب تک" holds
// اب, which half the day's reports do). For a question about cases, whether
// the passage is other than a report of the dead alone. Nil for other
// questions.
func countsAsked(searches []Query, latest ...string) func(*Passage) bool {
	asked := askedFigure(ownTexts(searches))
	if asked == "cases" {
		// A day's cases are as often "220 افراد میں وائرس کی تصدیق", with no
		// word for a case; but a report that counts the dead and no one
		// else ("ایک اورمریض جاں بحق ،تعداد201ہوگئی") is the death toll,
		// however new.
		return func(p *Passage) bool {
			counts := countsIn(reportTokens(p))
			return !counts["dead"] || counts["cases"] || counts["affected"]
		}
	}
	if asked == "" || asked == "figure" || asked == "affected" {
		// ("متاثر", affected, is also what a report of the dead calls
		// them, "متاثرہ مریض انتقال کر گئے", and is glued to its number
		// as often: "267 دیگرمتاثر"; and a day's cases are as often "220
		// افراد میں وائرس کی تصدیق", with no word for a case.)
		return nil
	}
	// The question's other words (not the count's, the country's or the
	// asking ones): a report of the dead must also be about what the
	// question is about. A road accident's "ایک خاتون جاں بحق" is the
	// newest death, not the newest Covid death count.
	var words []string
	for _, q := range ownTexts(searches) {
		toks, _ := foldCounts(text.ContentTokens(when.Without(q, latest...)), nil)
		for _, t := range toks {
			// (Nor "افراد", "لوگ": every report of the dead counts people.)
			if !isCountWord(t) && !PersonsWord(t) && !country[t] && !asking[t] && !isNumberToken(t) {
				words = append(words, t)
			}
		}
	}
	// One query of them all: holds stems each report word once.
	about := NewRankQuery(strings.Join(words, " "), nil, nil)
	return func(p *Passage) bool {
		toks := reportTokens(p)
		if !countsIn(toks)[asked] {
			return false
		}
		return len(about.terms) == 0 || slices.ContainsFunc(toks, about.holds)
	}
}

// statesAskedCount is, for a question that asks how many of a casualty
// meaning or cases (askedFigure), whether a passage's own text states a
// number of that meaning ("3 ہزار 876 مثبت کیسز"): of one day's reports,
// those come first, before one that says the day's cases were the most in
// eight months but not how many; and of one article's chunks, the one that
// states it, not another under the headline that does ("25 نمازی شہید" is
// in the lead, not in the paragraph on the rescue). A headline-only item's
// text is its headline. Nil for other questions.
func statesAskedCount(searches []Query) func(*Passage) bool {
	asked := askedFigure(ownTexts(searches))
	if asked == "" || asked == "figure" {
		return nil
	}
	return func(p *Passage) bool {
		_, by := figuresIn(textTokens(p))
		return len(by[asked]) > 0
	}
}

// ownTexts are the texts of the searches in the collection's language (the
// question, or its translation).
func ownTexts(searches []Query) []string {
	var own []string
	for _, q := range searches {
		if !q.OtherLanguage {
			own = append(own, q.Text)
		}
	}
	return own
}

// isYear reports a token of four digits that is a year (yearLike).
func isYear(t string) bool {
	n, err := strconv.Atoi(t)
	return err == nil && len(t) == 4 && yearLike(float64(n))
}

// yearLike is a number news uses as a year rather than a figure.
func yearLike(v float64) bool { return v >= 1900 && v <= 2100 }

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

func renumber(ps []Passage) {
	for i := range ps {
		ps[i].N = i + 1
	}
}

// mentions reports whether a passage names the absolute period p (read
// against ref): a day or month named without its year by the same day or
// month of any year; any other by a date within it, or a year period by its
// year. Its relative words ("گزشتہ روز", "منگل کے روز") are read against
// the day it was published, when that is known, and so are the days and
// months it names without a year when it was published just after p.
func mentions(passage string, published time.Time, p when.Period, ref time.Time) bool {
	// A year that only bounds another time ("2018 کے بعد") is taken out
	// first: when.All would read "2018 کے" as the year itself.
	toks := text.Tokens(passage)
	kept := make([]string, 0, len(toks))
	for i, t := range toks {
		if !(isYear(t) && boundsOnly(toks, i)) {
			kept = append(kept, t)
		}
	}
	for _, q := range when.All(strings.Join(kept, " "), ref) {
		if q.Relative {
			continue // read against the day of publication below
		}
		switch {
		case p.Implicit:
			if q.Grain != when.Year && q.From.Month() == p.From.Month() && (p.Grain != when.Day || q.From.Day() == p.From.Day()) {
				return true
			}
		case !q.Implicit && !q.From.Before(p.From) && !q.To.After(p.To):
			return true // a date within the period
		}
	}
	if !published.IsZero() {
		// A month or day named without its year, "فروری میں", is the latest
		// one up to the day of publication only in a report of the time
		// just after it: a report of 30 April that says "مئی میں" means
		// the May to come.
		after := reportedAfter(p, ref)
		justAfter := !after.IsZero() && published.After(p.End()) && !published.After(after)
		for _, q := range when.All(strings.Join(kept, " "), published.In(p.From.Location())) {
			if (q.Relative || q.Implicit && justAfter) && !q.From.Before(p.From) && !q.To.After(p.To) {
				return true
			}
		}
	}
	if p.Grain == when.Year {
		year := strconv.Itoa(p.From.Year())
		if slices.Contains(kept, year) {
			return true
		}
	}
	return false
}

// mentionsAhead reports a passage published in the year before p that names
// p's month or a day of it without a year: the one to come. "سیریز نومبر میں
// کھیلی جائے گی" in a report of 1 October 2014 is November 2014, where
// mentions reads a month without its year as the latest up to the report.
// Only a question about what is to come asks it (when.AsksFuture).
func mentionsAhead(passage string, published time.Time, p when.Period) bool {
	if published.IsZero() || !published.Before(p.From) || published.AddDate(1, 0, 0).Before(p.From) {
		return false
	}
	published = published.In(p.From.Location())
	y, m, _ := published.Date()
	month := time.Date(y, m, 1, 0, 0, 0, 0, published.Location())
	for _, q := range when.All(passage, published) {
		if !q.Implicit || q.Relative || q.Grain == when.Year {
			continue
		}
		from, to := q.From, q.To
		for from.Before(month) {
			from, to = from.AddDate(1, 0, 0), to.AddDate(1, 0, 0)
		}
		if !from.Before(p.From) && !to.After(p.To) {
			return true
		}
	}
	return false
}

// boundsOnly reports a year at toks[i] that only bounds another time: "2018
// کے بعد" (after it), "2018 سے" (since), "2018 تک" (until), "before 2018".
// A passage about Iran's losses since 2018 says nothing of 2018 itself.
func boundsOnly(toks []string, i int) bool {
	next := func(k int) string {
		if i+k < len(toks) {
			return toks[i+k]
		}
		return ""
	}
	switch {
	case next(1) == "سے" || next(1) == "تک" || next(1) == "کے" && (next(2) == "بعد" || next(2) == "پہلے"):
		return true
	case i > 0 && (toks[i-1] == "after" || toks[i-1] == "since" || toks[i-1] == "before" || toks[i-1] == "until"):
		return true
	}
	return false
}

// periodText names a period for a reader.
func periodText(p when.Period, lang string) string {
	switch {
	case p.Grain == when.Year && !p.Relative:
		return strconv.Itoa(p.From.Year())
	case p.Grain == when.Month && p.Part != "":
		// "early March 2021" as the question said it, its days in brackets.
		days := " (" + dayText(p.From, lang) + " – " + dayText(p.To, lang) + ")"
		if lang == "ur" {
			return text.UrduMonth(p.From.Month()) + " " + strconv.Itoa(p.From.Year()) + " " + urduParts[p.Part] + days
		}
		return englishParts[p.Part] + p.From.Format("January 2006") + days
	case p.Grain == when.Month && p.From.Day() == 1 && p.To.Equal(p.From.AddDate(0, 1, -1)):
		if lang == "ur" {
			return text.UrduMonth(p.From.Month()) + " " + strconv.Itoa(p.From.Year())
		}
		return p.From.Format("January 2006")
	case p.From.Equal(p.To):
		return dayText(p.From, lang)
	}
	return dayText(p.From, lang) + " – " + dayText(p.To, lang)
}

// englishParts and urduParts name a part of a month (when.Period.Part).
var (
	englishParts = map[string]string{when.PartEarly: "early ", when.PartMid: "mid-", when.PartLate: "late ", when.PartFirstWeek: "the first week of ", when.PartLastWeek: "the last week of "}
	urduParts    = map[string]string{when.PartEarly: "کے اوائل", when.PartMid: "کے وسط", when.PartLate: "کے آخر", when.PartFirstWeek: "کا پہلا ہفتہ", when.PartLastWeek: "کا آخری ہفتہ"}
)

// dayText writes a date for a reader: "5 مارچ 2021", "5 March 2021".
func dayText(t time.Time, lang string) string {
	if lang == "ur" {
		return fmt.Sprintf("%d %s %d", t.Day(), text.UrduMonth(t.Month()), t.Year())
	}
	return t.Format("2 January 2006")
}

// outOfPeriod is the refusal of a question about a period the articles do
// not reach.
func outOfPeriod(p when.Period, lang string) string {
	if lang == "ur" {
		return fmt.Sprintf("مضامین میں %s کی کوئی خبر نہیں، اس لیے اس سوال کا جواب ان سے نہیں دیا جا سکتا۔", periodText(p, lang))
	}
	return fmt.Sprintf("The articles have nothing from %s, so they cannot answer this question.", periodText(p, lang))
}

// placeOutOfPeriod is the refusal of a question about a period whose
// reports do not name the place it asks about (placeElsewhere), or the pair
// of its words that reports of other dates write (pairElsewhere).
func placeOutOfPeriod(p when.Period, place, lang string) string {
	if lang == "ur" {
		named := "پوچھی گئی جگہ"
		if place != "" {
			named = "«" + place + "»"
		}
		return fmt.Sprintf("مضامین میں %s کی کسی خبر میں %s کا ذکر نہیں، اس لیے اس سوال کا جواب ان سے نہیں دیا جا سکتا۔", periodText(p, lang), named)
	}
	named := "the place asked about"
	if place != "" {
		named = "«" + place + "»"
	}
	return fmt.Sprintf("No article from %s mentions %s, so the articles cannot answer this question.", periodText(p, lang), named)
}

// invalidDate is the note on a question that names a date that does not
// exist.
func invalidDate(phrase, lang string) string {
	if lang == "ur" {
		return fmt.Sprintf("(سوال میں دی گئی تاریخ «%s» کیلنڈر میں نہیں، اس لیے تاریخ کی کوئی قید نہیں لگائی گئی۔)", phrase)
	}
	return fmt.Sprintf("(The date “%s” in the question does not exist, so no date limit was applied.)", phrase)
}

// timeAnswered is the question without the time words its first passage's
// date answers: the period's, when that passage was published in it; the
// latest's, when it is dated (the newest relevant report was put first). ""
// when its date answers none, or the question has none.
func timeAnswered(question string, tq when.Time, ps []Passage) string {
	if len(ps) == 0 || ps[0].Published.IsZero() {
		return ""
	}
	var phrases []string
	if tq.Period.Phrase != "" && tq.Period.Contains(ps[0].Published) {
		phrases = append(phrases, tq.Period.Phrase)
	}
	if tq.Latest {
		// Every one: the passage's date answers "still" and "the latest
		// news" alike.
		phrases = append(phrases, tq.LatestPhrases...)
	}
	if len(phrases) == 0 {
		return ""
	}
	q := when.Without(question, phrases...)
	if tq.Latest {
		for _, t := range text.Tokens(q) {
			if reportFrame[t] {
				q = when.Without(q, t)
			}
		}
	}
	return q
}

// reportFrame are the words a question about the newest figure has for the
// report itself ("the latest daily count", "its most recent update",
// "تازہ ترین یومیہ اعداد و شمار"): the report states its figure, not that
// it is a daily count, so its newest one need not hold them.
var reportFrame = map[string]bool{
	"daily": true, "figures": true, "figure": true, "count": true, "tally": true, "update": true,
	"numbers": true, "number": true, "news": true, "یومیہ": true, "روزانہ": true, "اعداد": true, "شمار": true, "تعداد": true,
}

// citedAsOf is the publication date of the newest cited passage.
func citedAsOf(ans *Answer) time.Time {
	var newest time.Time
	for _, c := range ans.Citations {
		for _, p := range ans.Passages {
			if p.N == c.N && p.Published.After(newest) {
				newest = p.Published
			}
		}
	}
	return newest
}

// datedAnswer adds time to an extractive answer: an "as of" line when the
// question is time-bound or its quotes' dates differ, and, when quotes
// dated differently give one quantity different numbers, the quotes as a
// dated list, newest first. When the question asks how the reports compare
// (compare) and they give no such numbers, each quoted report's date and
// source are listed (reportsQuoted): the reader compares the quotes, and
// must know whose each is.
func datedAnswer(ans *Answer, picked []candidate, timeBound, compare bool) {
	if len(picked) == 0 || ans.Refused {
		return
	}
	dates, docs := map[time.Time]bool{}, map[string]bool{}
	for _, c := range picked {
		if !c.p.Published.IsZero() {
			dates[c.p.Published] = true
			docs[c.p.DocID] = true
		}
	}
	asOf := citedAsOf(ans)
	if asOf.IsZero() || !timeBound && len(dates) < 2 && len(docs) < 2 {
		return
	}
	// Two reports of one day that disagree (an agency's figure and a
	// paper's) are dated too, though their dates do not differ.
	list := conflictList(picked, ans.Lang)
	if list == "" && compare {
		list = reportsQuoted(picked, ans.Lang)
	}
	if !timeBound && len(dates) < 2 && list == "" {
		return
	}
	if list != "" {
		ans.Answer = strings.TrimRight(ans.Answer, "\n") + "\n" + list
	}
	// After the first line, which says why the answer is quoted (the widget
	// shows that line as a badge).
	why, rest, _ := strings.Cut(ans.Answer, "\n")
	ans.Answer = why + "\n" + asOfLine(asOf, ans.Lang) + "\n" + rest
}

// asOfLine opens a time-bound answer.
func asOfLine(t time.Time, lang string) string {
	if lang == "ur" {
		return dayText(t, lang) + " تک کی خبروں کے مطابق:"
	}
	return "As of " + dayText(t, lang) + ":"
}

// conflictList lists the quotes that give one quantity different values
// (quantities) in different articles, newest first, whether on different
// dates or the same date from different sources; "" when the quotes agree
// or none of their figures are of one thing.
func conflictList(picked []candidate, lang string) string {
	type dated struct {
		c          candidate
		quantities map[string][]float64
	}
	var all []dated
	for _, c := range picked {
		if qs := quantities(c.sentence, c.p.Published); len(qs) > 0 && !c.p.Published.IsZero() {
			all = append(all, dated{c, qs})
		}
	}
	// Listed are the quotes that give one quantity another value than a
	// quote of another article does ("12 افراد جاں بحق" and "14 افراد جاں
	// بحق"); the others' figures are of other things (the hours of a daily
	// count, another match's target) and stay in the answer only.
	var ds []dated
	for i := range all {
		if slices.ContainsFunc(all, func(o dated) bool {
			return o.c.p.DocID != all[i].c.p.DocID && differ(all[i].quantities, o.quantities)
		}) {
			ds = append(ds, all[i])
		}
	}
	if len(ds) == 0 {
		return ""
	}
	slices.SortStableFunc(ds, func(x, y dated) int { return y.c.p.Published.Compare(x.c.p.Published) })
	// A report differs from another of its day when another article of
	// that day gives one of its quantities another value (two quotes of
	// one article are no two reports, and two papers that agree do not
	// differ).
	sameDayDiffers := func(d dated) bool {
		return slices.ContainsFunc(ds, func(o dated) bool {
			return o.c.p.Published.Equal(d.c.p.Published) && o.c.p.DocID != d.c.p.DocID && differ(d.quantities, o.quantities)
		})
	}
	var b strings.Builder
	if lang == "ur" {
		b.WriteString("مختلف خبروں میں مختلف اعداد ہیں، تازہ ترین پہلے:")
	} else {
		b.WriteString("The sources give different figures, newest first:")
	}
	for _, d := range ds {
		label := dayText(d.c.p.Published, lang)
		if sameDayDiffers(d) {
			src := sourceName(d.c.p)
			if lang == "ur" {
				label += "، " + src + " (اسی دن کی ایک اور خبر سے مختلف)"
			} else {
				label += ", " + src + " (differs from another report of the same day)"
			}
		}
		quote := prompts.Unmarked(strings.TrimSpace(d.c.sentence))
		if lang == "en" && text.DetectLang(quote) == "ur" {
			// An English reader gets the figures in English and the Urdu as a
			// marked quote, as the answer's own lines give them.
			quote = urduQuote(d.c.sentence)
			if facts := englishFacts(d.c.sentence, nil); len(facts) > 0 {
				quote = strings.Join(facts, "; ") + " " + quote
			}
		}
		fmt.Fprintf(&b, "\n- %s: %s [%d]", label, quote, d.c.p.N)
	}
	return b.String()
}

// reportsQuoted lists the articles the quotes come from, by citation
// number, with each one's date and source ("[1] 1 December 2014,
// COUNTER/APP"); "" when they come from fewer than two.
func reportsQuoted(picked []candidate, lang string) string {
	type report struct {
		p  *Passage
		ns []int
	}
	var reports []report
	for _, c := range picked {
		i := slices.IndexFunc(reports, func(r report) bool { return r.p.DocID == c.p.DocID })
		if i < 0 {
			reports = append(reports, report{p: c.p})
			i = len(reports) - 1
		}
		if !slices.Contains(reports[i].ns, c.p.N) {
			reports[i].ns = append(reports[i].ns, c.p.N)
		}
	}
	if len(reports) < 2 {
		return ""
	}
	sep, head := ", ", "The quotes come from these reports:"
	if lang == "ur" {
		sep, head = "، ", "اقتباسات ان خبروں سے ہیں:"
	}
	var b strings.Builder
	b.WriteString(head)
	for _, r := range reports {
		b.WriteString("\n-")
		for _, n := range r.ns {
			fmt.Fprintf(&b, " [%d]", n)
		}
		var parts []string
		if !r.p.Published.IsZero() {
			parts = append(parts, dayText(r.p.Published, lang))
		}
		if src := sourceName(r.p); src != "" {
			parts = append(parts, src)
		}
		b.WriteString(" " + strings.Join(parts, sep))
	}
	return b.String()
}

// sourceName names who published a passage: its source, else its headline.
func sourceName(p *Passage) string {
	if p.Source != "" {
		return p.Source
	}
	return p.Title
}

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

// staleWarning flags an answer to a "latest" question that cites only
// passages older than the newest relevant one it was given.
func staleWarning(ans *Answer) string {
	if len(ans.Citations) == 0 || len(ans.Passages) == 0 {
		return ""
	}
	newestGiven := slices.MaxFunc(ans.Passages, func(x, y Passage) int { return x.Published.Compare(y.Published) }).Published
	cited := citedAsOf(ans)
	if newestGiven.IsZero() || cited.IsZero() || !cited.Before(newestGiven) {
		return ""
	}
	return fmt.Sprintf("the question asks for the latest, but the answer cites sources of %s or older while a source of %s was given",
		cited.Format(time.DateOnly), newestGiven.Format(time.DateOnly))
}
