package rag

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jawab/jawab/prompts"
	"github.com/jawab/jawab/text"
	"github.com/jawab/jawab/when"
)

// Answers that carry time: the period a question names and its reference
// day in the asker's language, the "as of" line, and the dated list of
// reports that give one quantity different values.

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
