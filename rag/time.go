package rag

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

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
