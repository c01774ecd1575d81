// Package when reads what a question says about time, in Urdu or English:
// a period it names ("مارچ 2021 میں", "on 5 July", "2014 کے سیلاب"), one
// counted back from the day it is asked ("پچھلے ہفتے", "گزشتہ ماہ", "last
// year", "yesterday"), or that it wants the newest state of something
// ("تازہ ترین", "اب", "latest", "so far"). News answers depend on it: a
// period narrows the articles, "latest" orders them by date.
//
// It is a small deterministic reader over text.Tokens (so Urdu and Arabic
// letters, Urdu digits and English case are all one), with glued pairs
// ("گزشتہماہ") split. It never guesses: a date that does not exist ("31
// فروری") is reported as such, and a number is a year only with a cue.
package when

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/jawab/jawab/text"
)

// Grain is the size of a period.
type Grain string

const (
	Day   Grain = "day"
	Week  Grain = "week"
	Month Grain = "month"
	Year  Grain = "year"
)

// Period is a span of whole days, From and To inclusive, at midnight in the
// reference day's location.
type Period struct {
	From, To time.Time
	Grain    Grain
	// Relative marks a period counted from the reference day ("last week");
	// an absolute one names its dates ("March 2021").
	Relative bool
	// Implicit marks a day or month named without its year ("5 جولائی",
	// "in March"): the latest one up to the reference day was taken, which
	// the question may not have meant.
	Implicit bool
	// Phrase is the words that named it (folded tokens).
	Phrase string
	// Part is the part of a month the question names with it ("early
	// March", "مارچ کے آخر میں"): one of the Part constants, "" for the
	// whole month. The period is that part's days.
	Part string
}

// The parts of a month a Period may be (Period.Part).
const (
	PartEarly     = "early"      // days 1–10
	PartMid       = "mid"        // 11–20
	PartLate      = "late"       // 21 to the last
	PartFirstWeek = "first week" // 1–7
	PartLastWeek  = "last week"  // the last seven
)

// IsZero reports whether there is no period.
func (p Period) IsZero() bool { return p.From.IsZero() }

// Contains reports whether t falls on a day of the period (in the
// period's location).
func (p Period) Contains(t time.Time) bool {
	if p.IsZero() || t.IsZero() {
		return false
	}
	y, m, d := t.In(p.From.Location()).Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, p.From.Location())
	return !day.Before(p.From) && !day.After(p.To)
}

// End is the last instant of the period.
func (p Period) End() time.Time { return p.To.AddDate(0, 0, 1).Add(-time.Nanosecond) }

// Time is what a question says about time.
type Time struct {
	// Period is the period the question names; zero when it names none.
	Period Period
	// Latest is set when the question asks for the newest state ("تازہ
	// ترین", "latest", "now", "so far").
	Latest bool
	// LatestPhrase is the words that asked for it, the first when several
	// did; LatestPhrases are them all ("still going ahead … according to the
	// latest news").
	LatestPhrase  string
	LatestPhrases []string
	// Invalid is a date the question names that does not exist ("31
	// فروری"); no period is taken from it.
	Invalid string
	// Tense says that Latest was read from how the question is put (a
	// present perfect count, a present or future tense: "How many have
	// died?", "Will Hasan Ali play?"), not from a word that asks for the
	// newest.
	Tense bool
	// AsOf is the last day of a date the question asks "as of" ("As of 23
	// July 2014, which way were oil prices moving?"): the day the question
	// is asked about, up to which the newest report answers (Latest is
	// set); zero when it names none, or one after the day asked.
	AsOf time.Time
}

// Kind names what the question asks in FORMAT.md's terms: "absolute",
// "relative", "latest", or "" for none.
func (t Time) Kind() string {
	switch {
	case !t.Period.IsZero() && t.Period.Relative:
		return "relative"
	case !t.Period.IsZero():
		return "absolute"
	case t.Latest:
		return "latest"
	}
	return ""
}

// Parse reads question against the reference day ref (the day it is asked;
// its location is the periods'). The first period named wins; a question can
// both name a period and ask for the latest in it.
func Parse(question string, ref time.Time) Time {
	ref = midnight(ref)
	toks := splitGlued(text.Tokens(question))
	var t Time
	asAt, asN, asOf := asOfAt(toks, ref)
	if !asOf.IsZero() {
		// "As of 10 March, what happened last week?": the week before the
		// day asked about, wherever in the question the day is named.
		ref = asOf
	}
	at, end := -1, -1 // where the period is named, and the token after it
	for i := 0; i < len(toks); {
		if n, phrase := latestAt(toks, i); n > 0 {
			if !t.Latest {
				t.Latest, t.LatestPhrase = true, phrase
			}
			if !slices.Contains(t.LatestPhrases, phrase) {
				t.LatestPhrases = append(t.LatestPhrases, phrase)
			}
			i += n
			continue
		}
		if i == asAt {
			// "as of 23 July 2014": the state on that day, not news of it.
			t.AsOf = asOf
			phrase := strings.Join(toks[i:i+asN], " ")
			t.Latest = true
			if t.LatestPhrase == "" {
				t.LatestPhrase = phrase
			}
			t.LatestPhrases = append(t.LatestPhrases, phrase)
			i += asN
			continue
		}
		if t.Period.IsZero() && t.Invalid == "" {
			if k := partBefore(toks, i); k > 0 && i+k < len(toks) {
				// "the last week of February": the month's, not the week
				// before the day asked (partOfMonth reads the words).
				if p, n, invalid := absoluteAt(toks, i+k, ref); n > 0 && invalid == "" && p.Grain == Month {
					i += k
					continue
				}
			}
			if p, n, invalid := periodAt(toks, i, ref); n > 0 {
				if i+n < len(toks) && namesEvent[toks[i+n]] {
					// "26 مارچ والا لانگ مارچ" is the march called by its
					// day, not news of that day: no period.
					i += n + 1
					continue
				}
				if invalid != "" {
					t.Invalid = invalid
				} else {
					t.Period, at, end = p, i, i+n
				}
				i += n
				continue
			}
		}
		i++
	}
	if p := t.Period; p.Implicit && !p.Relative && p.To.Before(ref) && asksFuture(toks) {
		// "10 مارچ سے … شروع ہوگی؟" asked on 9 March is the 10th to come,
		// not last year's: a day or month without its year in a question
		// about what is to come is the next one.
		t.Period = nextYear(p)
	}
	if p := t.Period; at >= 0 && p.Grain == Month && !p.Relative {
		t.Period = partOfMonth(toks, at, p)
	}
	if p := t.Period; p.Relative && p.From.Before(ref) && weekdayAlone(toks, at) && asksToCome(toks) {
		// So is a weekday: "کیا ہفتے کو ووٹنگ ہو رہی ہے؟", "Is the vote
		// on Saturday?" ask about the Saturday to come.
		t.Period.From, t.Period.To = p.From.AddDate(0, 0, 7), p.To.AddDate(0, 0, 7)
	}
	if p := t.Period; at >= 0 && !p.Relative && p.To.Before(ref) && since(toks, at, end) {
		// "since 2018", "2018 سے اب تک": from the period to the day asked.
		t.Period.To = ref
	}
	if !t.Latest && t.Period.IsZero() && t.Invalid == "" {
		phrase := perfectCount(toks)
		if phrase == "" {
			phrase = stateNow(toks)
		}
		if phrase != "" {
			t.Latest, t.LatestPhrase, t.LatestPhrases, t.Tense = true, phrase, []string{phrase}, true
		}
	}
	return t
}

// asOfAt finds the first "as of" (or "as at") a date in toks, read against
// ref: where it begins, its length in tokens, and the date's last day —
// zero when that is after ref (a day to come is no day to answer as of).
// -1 when the question names none.
func asOfAt(toks []string, ref time.Time) (int, int, time.Time) {
	for i := 0; i+2 < len(toks); i++ {
		if toks[i] != "as" || toks[i+1] != "of" && toks[i+1] != "at" {
			continue
		}
		if p, n, invalid := periodAt(toks, i+2, ref); n > 0 && invalid == "" {
			if p.To.After(ref) {
				return i, 2 + n, time.Time{}
			}
			return i, 2 + n, p.To
		}
	}
	return -1, 0, time.Time{}
}

// since reports whether the period named at toks[at:end] is where a span
// up to the day asked begins: "since 2018", "2018 سے اب تک", "مارچ سے آج
// تک", "2018 کے بعد سے". (Not "10 مارچ سے", from the 10th, which may be to
// come, nor "2014 کے بعد", after it.)
func since(toks []string, at, end int) bool {
	if at > 0 && toks[at-1] == "since" {
		return true
	}
	return hasAt(toks, end, "سے", "اب", "تک") || hasAt(toks, end, "سے", "آج", "تک") || hasAt(toks, end, "کے", "بعد", "سے")
}

// nextYear is p a year later, a month to its last day; a period that the
// next year lacks (29 February) is not moved.
func nextYear(p Period) Period {
	from, to := p.From.AddDate(1, 0, 0), p.To.AddDate(1, 0, 0)
	if p.Grain == Month {
		to = time.Date(p.To.Year()+1, p.To.Month()+1, 0, 0, 0, 0, 0, p.To.Location()) // day 0: the month's last
	}
	if from.Day() != p.From.Day() || to.Month() != p.To.Month() {
		return p
	}
	p.From, p.To = from, to
	return p
}

// stateNow reads a question about how things stand, asked without a
// recency word: news answers it with its newest report. English: the
// question's first auxiliary is a present or future one, and it opens the
// question or follows its question word ("Is Kane Williamson fit to play?",
// "Will Hasan Ali play the first ODI?", "How is Tauseef Ahmed doing?",
// "When does Punjab start buying wheat?"; not "When did …", "Was …").
// Urdu: the present continuous ("اسکول بند ہو رہے ہیں؟"), the future ("بات
// کرے گی؟", "کھیلیں گے؟"), whether something has happened yet ("شروع
// ہوئی یا نہیں", "کیا … ختم ہو گیا ہے؟"), or what became of it ("چار روزہ میچ
// کا کیا بنا؟", "سیریز کا آخر کیا بنا؟"), or what was done in the end
// ("حکومت نے آخر کیا فیصلہ کیا؟"). It returns the words of the tense, or "".
func stateNow(toks []string) string {
	n := len(toks)
	if n == 0 {
		return ""
	}
	if QuestionWords[toks[0]] || englishPresent[toks[0]] || englishPast[toks[0]] {
		for i, t := range toks {
			switch {
			case englishPresent[t]:
				if i == 0 || QuestionWords[toks[0]] {
					return t
				}
				return ""
			case englishPast[t]:
				if toks[0] == "how" && t == "did" {
					// What became of it, as "کا کیا بنا؟" asks: "How did the
					// series end up?", "How did the case finish?".
					return outcomeAsked(toks)
				}
				return ""
			}
		}
		return ""
	}
	if slices.Contains(toks, "کہ") {
		return "" // a future reported ("کب اعلان کیا کہ … دستبردار ہوگی"): the question's own verb comes before
	}
	if n >= 2 && toks[n-2] == "یا" && toks[n-1] == "نہیں" {
		return "یا نہیں"
	}
	if n >= 3 && toks[n-2] == "کیا" && (toks[n-1] == "بنا" || toks[n-1] == "ہوا") {
		// What became of it: its outcome so far ("میچ کا کیا بنا؟"), also
		// with "in the end" between ("سیریز کا آخر کیا بنا؟").
		before := n - 3
		if finally[toks[before]] && before > 0 {
			before--
		}
		if toks[before] == "کا" {
			return "کیا " + toks[n-1]
		}
	}
	for i := 0; i+1 < n; i++ {
		if finally[toks[i]] && toks[i+1] == "کیا" && (i == 0 || toks[i-1] != "کے") {
			// What was done in the end: "حکومت نے آخر کیا فیصلہ کیا؟"
			// (not "مارچ کے آخر", the month's end).
			return toks[i] + " کیا"
		}
	}
	if urduFuture[toks[n-1]] {
		return toks[n-1]
	}
	if n >= 3 && slices.Contains(toks[:n-2], "کیا") && perfectParticiples[toks[n-2]] && presentAuxiliaries[toks[n-1]] {
		// Whether a thing has come to pass, as English asks "Has …?":
		// "کیا لاہور میں آٹے کا بحران ختم ہو گیا ہے؟", also after what
		// the question opens with ("کورونا کی وجہ سے کیا … بند کر دیے گئے
		// ہیں؟").
		return toks[n-2] + " " + toks[n-1]
	}
	for i := 0; i+1 < n; i++ {
		if urduContinuous[toks[i]] && presentAuxiliaries[toks[i+1]] {
			return toks[i] + " " + toks[i+1]
		}
	}
	return ""
}

// outcomeAsked returns the words that close a "how did" question asking
// what something came to, or "": "end up", "finish", "end", "turn out",
// last in the question ("How did the series end up?"; not "How did the
// bomber end up dying?", which asks a manner).
func outcomeAsked(toks []string) string {
	n := len(toks)
	for _, end := range [][]string{{"end", "up"}, {"turn", "out"}, {"finish"}, {"end"}} {
		if n > len(end)+1 && slices.Equal(toks[n-len(end):], end) {
			return strings.Join(end, " ")
		}
	}
	return ""
}

var (
	// QuestionWords are the English words that open a question ("whose"
	// opens a relative clause more often).
	QuestionWords = map[string]bool{"how": true, "what": true, "who": true, "where": true, "when": true, "which": true, "why": true, "whom": true}
	// englishPresent are the auxiliaries of how a thing stands now or will:
	// "have" and "has" make the present perfect, "will" and "can" ask
	// what comes next. englishPast are those of a thing done.
	englishPresent = map[string]bool{"is": true, "are": true, "am": true, "has": true, "have": true, "does": true, "do": true, "will": true, "can": true}
	englishPast    = map[string]bool{"was": true, "were": true, "did": true, "had": true}
	urduFuture     = map[string]bool{"گا": true, "گی": true, "گے": true, "گیں": true, "ہوگا": true, "ہوگی": true, "ہونگے": true, "ہونگی": true,
		"کریگا": true, "کریگی": true, "کرینگے": true, "کرینگی": true, "جائیگا": true, "جائیگی": true, "جائینگے": true}
	urduContinuous = map[string]bool{"رہا": true, "رہی": true, "رہے": true, "رہیں": true}
	// finally are the Urdu words of "in the end": inside "کا … کیا بنا",
	// and before "کیا" in "آخر کیا فیصلہ کیا" (stateNow).
	finally = map[string]bool{"آخر": true, "آخرکار": true, "بالآخر": true, "بالاخر": true}
)

// namesEvent are the words after a date that make it the name of an event
// ("26 مارچ والا لانگ مارچ", "9 مئی والے واقعات") rather than the time the
// question asks about.
var namesEvent = map[string]bool{"والا": true, "والی": true, "والے": true, "والوں": true}

// howMany are the words that ask for a count or an amount.
var howMany = map[string]bool{"کتنا": true, "کتنی": true, "کتنے": true, "kitna": true, "kitni": true, "kitne": true, "kitnay": true}

// perfectParticiples and presentAuxiliaries make Urdu's present perfect:
// "ہو گئی ہے", "ہو چکے ہیں".
var (
	perfectParticiples = map[string]bool{"گیا": true, "گئی": true, "گئے": true, "گئیں": true, "چکا": true, "چکی": true, "چکے": true, "چکیں": true,
		"ہوگیا": true, "ہوگئی": true, "ہوگئے": true, "ہوگئیں": true}
	presentAuxiliaries = map[string]bool{"ہے": true, "ہیں": true}
)

// perfectCount reads a count asked in the present perfect, "کیسز کی تعداد
// کتنی ہو گئی ہے؟" (how many has it become), "How many people have died?":
// the count as it stands now, which a series of reports revises. It returns
// the words of the tense ("گئی ہے", "have"), or "" for another question.
func perfectCount(toks []string) string {
	counts, english := false, false
	for i, t := range toks {
		if howMany[t] {
			counts = true
		}
		if (t == "how") && i+1 < len(toks) && (toks[i+1] == "many" || toks[i+1] == "much") {
			counts, english = true, true
		}
	}
	if !counts {
		return ""
	}
	if english {
		for _, t := range toks {
			if t == "have" || t == "has" {
				return t
			}
		}
		return ""
	}
	n := len(toks)
	if n >= 2 && perfectParticiples[toks[n-2]] && presentAuxiliaries[toks[n-1]] {
		return toks[n-2] + " " + toks[n-1]
	}
	return ""
}

// Without is question with the words of the phrases (a Period.Phrase, a
// LatestPhrase) taken out: what the question asks once its time words have
// been answered by the articles' dates. A question in Latin letters keeps
// its spelling where it writes every phrase as it stands (in any case): its
// capitals and hyphens say which words are names ("COVID-19", "Lahore").
// Otherwise (an Urdu question, a glued "گزشتہماہ") it is the folded tokens
// joined by spaces. Empty phrases and phrases the question does not
// hold change nothing.
func Without(question string, phrases ...string) string {
	if !strings.ContainsFunc(question, func(r rune) bool { return unicode.Is(unicode.Arabic, r) }) {
		if out, ok := withoutAsWritten(question, phrases); ok {
			return out
		}
	}
	toks := splitGlued(text.Tokens(question))
	for _, ph := range phrases {
		words := strings.Fields(ph)
		if len(words) == 0 {
			continue
		}
		for i := 0; i+len(words) <= len(toks); i++ {
			if slices.Equal(toks[i:i+len(words)], words) {
				toks = slices.Delete(slices.Clone(toks), i, i+len(words))
				break
			}
		}
	}
	return strings.Join(toks, " ")
}

// withoutAsWritten takes each phrase out of q where q writes it, its words
// separated by anything but letters and digits; ok is false when one is not
// found so.
func withoutAsWritten(q string, phrases []string) (string, bool) {
	changed := false
	for _, ph := range phrases {
		words := strings.Fields(ph)
		if len(words) == 0 {
			continue
		}
		for i, w := range words {
			words[i] = regexp.QuoteMeta(w)
		}
		re, err := regexp.Compile(`(?i)(^|[^\pL\pN\pM])` + strings.Join(words, `[^\pL\pN\pM]+`) + `($|[^\pL\pN\pM])`)
		if err != nil {
			return "", false
		}
		loc := re.FindStringSubmatchIndex(q)
		if loc == nil {
			return "", false
		}
		q = q[:loc[3]] + " " + q[loc[4]:]
		changed = true
	}
	if !changed {
		return "", false
	}
	return strings.Join(strings.Fields(q), " "), true
}

// All returns every period a text names, in order (a passage's "یکم مئی
// 1948", "اس سال"), read as Parse reads a question's first.
func All(s string, ref time.Time) []Period {
	ref = midnight(ref)
	toks := splitGlued(text.Tokens(s))
	var out []Period
	for i := 0; i < len(toks); {
		if n, _ := latestAt(toks, i); n > 0 {
			i += n
			continue
		}
		if p, n, _ := periodAt(toks, i, ref); n > 0 {
			if !p.IsZero() {
				out = append(out, p)
			}
			i += n
			continue
		}
		i++
	}
	return out
}

func midnight(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
}

// Words.

// latestPhrases ask for the newest state, longest first where one begins
// another.
var latestPhrases = [][]string{
	{"تازہ", "ترین"}, {"تازہترین"}, {"آج", "کل"}, {"حال", "ہی", "میں"}, {"اب", "تک"}, {"ابھی", "تک"}, {"اب"}, {"ابھی"},
	{"فی", "الحال"}, {"فیالحال"}, {"موجودہ"},
	// The Urdu of "recent", "newest" and "now" as the English below has
	// them: حالیہ رپورٹ, تازہ تعداد, سب سے نئی, اس وقت (not in a question
	// about the past, where it is "at that time": see latestAt).
	{"سب", "سے", "حالیہ"}, {"حالیہ"}, {"تازہ"}, {"سب", "سے", "نئی"}, {"سب", "سے", "نئے"}, {"سب", "سے", "نیا"}, {"اس", "وقت"},
	{"ان", "دنوں"}, // "these days", as آج کل (and, like اس وقت, "those days" of the past)
	// "is going at", of a rate or a price ("ڈالر کا ریٹ کیا چل رہا ہے؟"), or
	// a story under way (not "چل رہا تھا", was)
	{"چل", "رہا"}, {"چل", "رہی"}, {"چل", "رہے"},
	{"latest"}, {"most", "recent"}, {"most", "recently"}, {"newest"}, {"currently"}, {"current"}, {"right", "now"}, {"now"}, {"so", "far"}, {"to", "date"},
	{"these", "days"}, {"nowadays"}, {"recently"}, {"recent"}, {"up", "to", "date"}, {"still"}, {"yet"}, {"at", "present"}, {"presently"}, {"at", "the", "moment"},
	// Roman Urdu, as phones type it (not a lone "ab" or "abhi", which are
	// as often "now then" as "now").
	{"taza", "tareen"}, {"taaza", "tareen"}, {"tazah", "tareen"}, {"taza", "tarin"}, {"aaj", "kal"}, {"aj", "kal"},
	{"haal", "hi", "mein"}, {"hal", "hi", "mein"}, {"haal", "hi", "main"}, {"hal", "hi", "main"},
	{"ab", "tak"}, {"abhi", "tak"}, {"filhal"}, {"fil", "haal"},
	{"haliya"}, {"halia"}, {"haaliya"}, {"is", "waqt"}, {"iss", "waqt"},
}

// thenPostpositions after "اس وقت" or "ان دنوں" make it "that time's",
// "since then", "until then", "in those days".
var thenPostpositions = map[string]bool{"میں": true, "کے": true, "کی": true, "کا": true, "سے": true, "تک": true, "ke": true, "ki": true, "ka": true, "se": true, "tak": true}

// pastAuxiliaries mark a question about the past, in which "اس وقت" is
// "at that time", not "now".
var pastAuxiliaries = map[string]bool{"تھا": true, "تھی": true, "تھے": true, "تھیں": true, "tha": true, "thi": true, "thay": true, "thein": true}

// latestAt matches a latest phrase at toks[i]: how many tokens, and the words.
func latestAt(toks []string, i int) (int, string) {
	for _, p := range latestPhrases {
		if hasAt(toks, i, p...) {
			if p[0] == "موجودہ" && i+1 < len(toks) && unitOf(toks[i+1]) != "" {
				continue // "موجودہ سال" is this year, a period
			}
			if p[0] == "current" && i+1 < len(toks) && unitOf(toks[i+1]) != "" {
				continue
			}
			if p[0] == "چل" && i+2 < len(toks) && (pastAuxiliaries[toks[i+2]] || i+3 < len(toks) && pastAuxiliaries[toks[i+3]]) {
				continue // "مقدمہ چل رہا تھا": was under way
			}
			if len(p) == 2 && (p[1] == "وقت" || p[1] == "waqt" || p[1] == "دنوں") && (slices.ContainsFunc(toks, func(t string) bool { return pastAuxiliaries[t] }) ||
				i+2 < len(toks) && thenPostpositions[toks[i+2]]) {
				continue // "اس وقت کے وزیر اعظم کون تھے", "اس وقت کے دوران": then, not now
			}
			return len(p), strings.Join(p, " ")
		}
	}
	return 0, ""
}

func hasAt(toks []string, i int, words ...string) bool {
	if i+len(words) > len(toks) {
		return false
	}
	for j, w := range words {
		if toks[i+j] != w {
			return false
		}
	}
	return true
}

// units: the words for a day, a week, a month and a year.
var units = map[string]Grain{
	"دن": Day, "دنوں": Day, "روز": Day, "یوم": Day, "day": Day, "days": Day,
	"ہفتے": Week, "ہفتہ": Week, "ہفتوں": Week, "week": Week, "weeks": Week,
	"ماہ": Month, "مہینے": Month, "مہینہ": Month, "مہینوں": Month, "month": Month, "months": Month,
	"سال": Year, "برس": Year, "سالوں": Year, "برسوں": Year, "year": Year, "years": Year,
	// Roman Urdu
	"din": Day, "dinon": Day, "dino": Day, "roz": Day, "hafta": Week, "haftay": Week, "hafte": Week, "haftey": Week,
	"mahina": Month, "mahine": Month, "mahinay": Month, "maah": Month, "mah": Month, "saal": Year, "baras": Year,
}

func unitOf(tok string) Grain { return units[tok] }

// hours are the words for hours, which a period counts back in days.
var hours = map[string]bool{"گھنٹے": true, "گھنٹوں": true, "گھنٹہ": true, "hours": true, "hour": true, "ghante": true, "ghanton": true, "ghantay": true}

// englishUnits are the English words of units: Roman "is" ("this") reads
// only before a Roman one ("is saal"); "…is year…" is English.
var englishUnits = map[string]bool{"day": true, "days": true, "week": true, "weeks": true, "month": true, "months": true, "year": true, "years": true}

var (
	lastWords = map[string]bool{"پچھلے": true, "پچھلا": true, "پچھلی": true, "گزشتہ": true, "گذشتہ": true, "گزشتہ،": true,
		"سابقہ": true, "last": true, "past": true, "previous": true,
		"pichlay": true, "pichle": true, "pichhle": true, "pichli": true, "pichla": true, "guzishta": true, "guzashta": true}
	// ("is" reads as "this" only before a unit, and the Roman units are no
	// English words: "is saal", "is mahine".)
	thisWords = map[string]bool{"اس": true, "رواں": true, "موجودہ": true, "this": true, "current": true, "is": true, "rawan": true}
	agoWords  = map[string]bool{"پہلے": true, "قبل": true, "ago": true, "pehle": true, "pehlay": true, "qabl": true}
	// yearCues make a number a year when they follow it ("2014 میں", "2014ء",
	// "2014 کے سیلاب") or precede it ("in 2014", "سن 2014").
	yearAfter  = map[string]bool{"ء": true, "میں": true, "کے": true, "کی": true, "کا": true, "تک": true, "سے": true}
	yearBefore = map[string]bool{"in": true, "since": true, "of": true, "the": true, "during": true, "سن": true, "سال": true,
		"year": true, "until": true, "by": true, "before": true, "after": true, "early": true, "late": true, "mid": true}
	ordinalSuffix = map[string]bool{"st": true, "nd": true, "rd": true, "th": true}
)

// periodAt matches a period at toks[i]: the period, how many tokens, and
// the phrase when it names a date that does not exist.
func periodAt(toks []string, i int, ref time.Time) (Period, int, string) {
	if p, n := relativeAt(toks, i, ref); n > 0 {
		return p, n, ""
	}
	if p, n, invalid := rangeAt(toks, i, ref); n > 0 {
		return p, n, invalid
	}
	return absoluteAt(toks, i, ref)
}

// rangeJoins join the two ends of a range: "21 سے 25 مارچ", "21 تا 25
// مارچ", "from 1 to 5 July", "between 21 and 25 March". A hyphen is no
// token, so "21-22 مارچ" stands as two days side by side.
var rangeJoins = map[string]bool{"سے": true, "تا": true, "to": true, "till": true, "until": true, "through": true, "and": true, "se": true}

// rangeAt reads a span between two dates: "21-22 مارچ 2021", "21 سے 25
// مارچ", "March 21 to 25, 2021", "21 مارچ سے 2 اپریل تک", "from March to
// April 2021". Read as one date, "21-22 مارچ" would be the 22nd alone and
// a search for it would miss the 21st's reports. An end without its year
// takes the other's; without either, the latest span that has begun by the
// reference day.
func rangeAt(toks []string, i int, ref time.Time) (Period, int, string) {
	span := func(p Period, n int) (Period, int, string) {
		if n == 0 {
			return Period{}, 0, ""
		}
		if i+n < len(toks) && toks[i+n] == "تک" {
			n++
		}
		p.Phrase = strings.Join(toks[i:i+n], " ")
		return p, n, ""
	}
	loc := ref.Location()
	// Days of one month: "21 [سے] 25 مارچ [2021]", "march 21 [to] 25[,] [2021]".
	d1, n1, ok := dayNumber(toks, i)
	monthFirst := false
	var m time.Month
	if !ok {
		if m, ok = monthOf(toks[i]); !ok || i+1 >= len(toks) || isProcession(toks, i) {
			return Period{}, 0, ""
		}
		if d1, n1, ok = dayNumber(toks, i+1); !ok {
			return span(rangeOfPeriods(toks, i, ref))
		}
		n1++
		monthFirst = true
	}
	j := i + n1
	j += joinAt(toks, j)
	if j >= len(toks) {
		return Period{}, 0, ""
	}
	d2, n2, ok := dayNumber(toks, j)
	if !ok || d2 <= d1 {
		if monthFirst {
			return Period{}, 0, "" // "March 5": absoluteAt's
		}
		return span(rangeOfPeriods(toks, i, ref))
	}
	j += n2
	if !monthFirst {
		if j >= len(toks) {
			return Period{}, 0, ""
		}
		if m, ok = monthOf(toks[j]); !ok {
			return Period{}, 0, ""
		}
		j++
	}
	end := j
	if end < len(toks) && (toks[end] == "،" || toks[end] == ",") {
		end++
	}
	y, withYear := yearAt(toks, end)
	if withYear {
		j = end + 1 + yearTail(toks, end+1)
	} else {
		y = latestYear(m, d1, ref)
	}
	if d2 > daysIn(y, m) {
		return Period{}, j - i, strings.Join(toks[i:j], " ") // "30-31 فروری"
	}
	from, to := time.Date(y, m, d1, 0, 0, 0, 0, loc), time.Date(y, m, d2, 0, 0, 0, 0, loc)
	return span(Period{From: from, To: to, Grain: Day, Implicit: !withYear}, j-i)
}

// rangeOfPeriods reads two dates or months joined at toks[i] ("21 مارچ سے
// 2 اپریل", "from March to April 2021", "مارچ سے اپریل 2021"): the span and
// how many tokens, 0 for none; rangeAt names its phrase.
func rangeOfPeriods(toks []string, i int, ref time.Time) (Period, int) {
	p1, n1, bad := absoluteAt(toks, i, ref)
	if n1 == 0 || bad != "" || p1.Grain == Year || joinAt(toks, i+n1) == 0 {
		return Period{}, 0
	}
	j := i + n1 + 1
	if j >= len(toks) {
		return Period{}, 0
	}
	p2, n2, bad := absoluteAt(toks, j, ref)
	if n2 == 0 || bad != "" || p2.Grain == Year {
		return Period{}, 0
	}
	shift := func(p Period, years int) Period {
		p.From, p.To = p.From.AddDate(years, 0, 0), p.To.AddDate(years, 0, 0)
		return p
	}
	switch {
	case p2.Implicit:
		// The end follows the start: "21 مارچ 2021 سے 2 اپریل", and
		// "دسمبر سے جنوری" from the latest December up to the day asked.
		p2 = shift(p2, p1.From.Year()-p2.From.Year())
		if p2.To.Before(p1.From) {
			p2 = shift(p2, 1)
		}
	case p1.Implicit:
		p1 = shift(p1, p2.From.Year()-p1.From.Year())
		if p1.From.After(p2.From) {
			p1 = shift(p1, -1) // "دسمبر سے جنوری 2015"
		}
	}
	if p2.To.Before(p1.From) {
		return Period{}, 0
	}
	g := p2.Grain
	if p1.Grain == Day {
		g = Day
	}
	return Period{From: p1.From, To: p2.To, Grain: g, Implicit: p1.Implicit && p2.Implicit}, j + n2 - i
}

// joinAt is how many tokens a word joining the two ends of a range takes at
// toks[j] (rangeJoins): 1 or 0.
func joinAt(toks []string, j int) int {
	if j < len(toks) && rangeJoins[toks[j]] {
		return 1
	}
	return 0
}

// relativeAt reads "last week", "پچھلے تین دن", "3 دن پہلے", "yesterday",
// "آج", "this month", "رواں سال".
func relativeAt(toks []string, i int, ref time.Time) (Period, int) {
	rel := func(from, to time.Time, g Grain, n int) (Period, int) {
		return Period{From: from, To: to, Grain: g, Relative: true, Phrase: strings.Join(toks[i:i+n], " ")}, n
	}
	t := toks[i]
	switch t {
	case "yesterday":
		d := ref.AddDate(0, 0, -1)
		return rel(d, d, Day, 1)
	case "today", "آج", "aaj":
		return rel(ref, ref, Day, 1)
	case "پرسوں":
		d := ref.AddDate(0, 0, -2)
		return rel(d, d, Day, 1)
	}
	// A lone "کل" is yesterday, tomorrow and "total" ("کل کیسز"); read
	// only where it opens a question about the past: "کل چیئرمین سینیٹ کا
	// انتخاب کس نے جیتا؟".
	if t == "کل" && i == 0 && kalIsYesterday(toks) {
		d := ref.AddDate(0, 0, -1)
		return rel(d, d, Day, 1)
	}
	if (t == "گزشتہ" || t == "گذشتہ") && i+1 < len(toks) && toks[i+1] == "روز" {
		d := ref.AddDate(0, 0, -1)
		return rel(d, d, Day, 2)
	}
	if d, n := weekdayAt(toks, i, ref); n > 0 {
		return rel(d, d, Day, n)
	}
	// last/this [N] unit
	if lastWords[t] || thisWords[t] {
		j := i + 1
		count := 1
		if j < len(toks) {
			if v, n, ok := number(toks, j); ok && v >= 1 && v <= 100 {
				count, j = v, j+n
			}
		}
		if j < len(toks) && lastWords[t] && hours[toks[j]] {
			// "گزشتہ 24 گھنٹوں میں", "in the past 48 hours": the days
			// they reach back into, a daily report's own words.
			return rel(ref.AddDate(0, 0, -(count+23)/24), ref, Day, j+1-i)
		}
		if j < len(toks) {
			if g := unitOf(toks[j]); g != "" && !(t == "اس" && g == Day) && !(t == "is" && (g == Day || englishUnits[toks[j]])) {
				// ("اس دن" is "that day", some day the question has in mind.)
				n := j + 1 - i
				if thisWords[t] {
					return rel(startOf(ref, g), ref, g, n)
				}
				if count == 1 && j == i+1 {
					// The previous calendar month or year; the seven days
					// before for a week, the day before for a day.
					switch g {
					case Month:
						from := time.Date(ref.Year(), ref.Month()-1, 1, 0, 0, 0, 0, ref.Location())
						return rel(from, from.AddDate(0, 1, -1), g, n)
					case Year:
						from := time.Date(ref.Year()-1, 1, 1, 0, 0, 0, 0, ref.Location())
						return rel(from, from.AddDate(1, 0, -1), g, n)
					}
				}
				return rel(back(ref, g, count), ref, g, n)
			}
		}
	}
	// N unit ago: "3 دن پہلے", "two weeks ago", "ایک ماہ قبل"
	if v, n, ok := number(toks, i); ok && v >= 1 && v <= 100 && i+n+1 < len(toks) {
		if g := unitOf(toks[i+n]); g != "" && agoWords[toks[i+n+1]] {
			d := back(ref, g, v)
			from, to := d, d
			if g != Day {
				// "two weeks ago" is about then, give or take its grain.
				from, to = back(d, g, 1), d.AddDate(0, 0, 0)
				if g == Week {
					to = d.AddDate(0, 0, 6)
				}
			}
			if to.After(ref) {
				to = ref
			}
			return rel(from, to, g, n+2)
		}
	}
	// "a week ago", "ایک ہفتہ پہلے" with the article or number word
	if (t == "a" || t == "one") && i+2 < len(toks) {
		if g := unitOf(toks[i+1]); g != "" && agoWords[toks[i+2]] {
			d := back(ref, g, 1)
			return rel(back(d, g, 1), d, g, 3)
		}
	}
	return Period{}, 0
}

// Weekdays name the days of the week. Urdu's are read only before "کو" or
// "کے روز" (on): ہفتہ is also a week, جمعہ the Friday prayer, پیر a saint.
var Weekdays = map[string]time.Weekday{
	"اتوار": time.Sunday, "پیر": time.Monday, "سوموار": time.Monday, "منگل": time.Tuesday, "بدھ": time.Wednesday,
	"جمعرات": time.Thursday, "جمعہ": time.Friday, "جمعے": time.Friday, "ہفتہ": time.Saturday, "ہفتے": time.Saturday,
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
}

// weekdayAt reads "منگل کو", "منگل کے روز", "on Tuesday" as the latest such
// day up to ref: a report published on Wednesday that says "منگل کے روز"
// is about the day before, as a question asked on Wednesday means.
func weekdayAt(toks []string, i int, ref time.Time) (time.Time, int) {
	wd, n := WeekdayAt(toks, i)
	if n == 0 {
		return time.Time{}, 0
	}
	back := (int(ref.Weekday()) - int(wd) + 7) % 7
	return ref.AddDate(0, 0, -back), n
}

// WeekdayAt reads a weekday named at toks[i] (tokens as text.Tokens gives
// them) as news names the day of an event: an English weekday alone, an
// Urdu one before "کو", "کے روز" or "کے دن" ("جمعرات کو", on Thursday;
// alone, ہفتہ is also a week, جمعہ the Friday prayer, پیر a saint). n is
// the tokens it takes, 0 when it names none.
func WeekdayAt(toks []string, i int) (wd time.Weekday, n int) {
	wd, ok := Weekdays[toks[i]]
	switch {
	case !ok:
		return 0, 0
	case toks[i][0] < 0x80: // English: the name alone
		return wd, 1
	case hasAt(toks, i+1, "کو"):
		return wd, 2
	case hasAt(toks, i+1, "کے", "روز"), hasAt(toks, i+1, "کے", "دن"):
		return wd, 3
	}
	return 0, 0
}

// weekdayAlone reports a period named at toks[at] by a weekday alone ("ہفتے
// کو", "saturday"), not one counted back ("پچھلے پیر", "last Monday").
func weekdayAlone(toks []string, at int) bool {
	if at < 0 {
		return false
	}
	_, ok := Weekdays[toks[at]]
	return ok && !(at > 0 && lastWords[toks[at-1]])
}

// asksToCome reports a question about what is to come or how things stand
// (asksFuture, stateNow), whose weekday is the next one.
func asksToCome(toks []string) bool { return asksFuture(toks) || stateNow(toks) != "" }

// kalIsYesterday reports whether a question opening with "کل" means
// yesterday: the word after it asks no count ("کل کتنے کیس", "کل تعداد":
// total), and no verb of the question is future ("کل میچ ہو گا": tomorrow)
// while one is past ("جیتا", "ہوا", "کیا", "تھا"…, by the endings a past
// form has).
func kalIsYesterday(toks []string) bool {
	if len(toks) < 3 || howMany[toks[1]] || toTotal[toks[1]] {
		return false
	}
	past := false
	for _, t := range toks[1:] {
		if isFuture(t) {
			return false
		}
		past = past || pastForms[t] || pastAuxiliaries[t]
	}
	return past || pastEnding(toks[len(toks)-1])
}

// pastEnding reports a question's last word (its verb, Urdu putting it
// last) with the ending of a causative's past, which pastForms cannot list:
// "لگوائی", "ہرایا", "کروائے".
func pastEnding(t string) bool {
	return utf8.RuneCountInString(t) >= 4 && hasAnySuffix(t, "ایا", "ائی", "ائے")
}

// AsksFuture reports whether a question asks about what is to come: a verb
// of it is future ("ہو گا", "کرے گی", "will", "Roman "hoga""). A report
// published before a period begins can only speak of it as to come, and
// answers only such a question about it.
func AsksFuture(question string) bool { return asksFuture(text.Tokens(question)) }

// asksFuture is AsksFuture on a question's tokens.
func asksFuture(toks []string) bool {
	return slices.ContainsFunc(toks, func(t string) bool { return isFuture(t) || englishFuture[t] }) || goingTo(toks)
}

// goingTo reports the future of intent: an Urdu infinitive before "جا رہا"
// ("بڑھنے جا رہی ہے", is going to rise), English "going to" before a verb.
func goingTo(toks []string) bool {
	for k := 0; k+2 < len(toks); k++ {
		switch {
		case strings.HasSuffix(toks[k], "نے") && len(toks[k]) > len("نے") && toks[k+1] == "جا" && (toks[k+2] == "رہا" || toks[k+2] == "رہی" || toks[k+2] == "رہے"):
			return true
		case toks[k] == "going" && toks[k+1] == "to" && !text.IsStopword(toks[k+2]):
			return true
		}
	}
	return false
}

// isFuture reports an Urdu future form: an auxiliary apart or glued
// (futureForms) or a verb with its future ending ("کریگا", "جائیں گے").
func isFuture(t string) bool {
	return futureForms[t] || hasAnySuffix(t, "یگا", "ےگا", "یگی", "ےگی", "ینگے", "یںگے")
}

// englishFuture are the English and Roman-Urdu words of the future.
var englishFuture = map[string]bool{"will": true, "shall": true, "upcoming": true, "ga": true, "gi": true, "gay": true, "hoga": true, "hogi": true, "honge": true, "hongay": true}

func hasAnySuffix(t string, suffixes ...string) bool {
	return slices.ContainsFunc(suffixes, func(s string) bool { return strings.HasSuffix(t, s) })
}

// futureForms are the future auxiliaries, apart ("ہو گا") or glued ("ہوگا").
var futureForms = map[string]bool{"گا": true, "گی": true, "گے": true, "ہوگا": true, "ہوگی": true, "ہونگے": true}

// toTotal are the words that make "کل" an adjective, "total".
var toTotal = map[string]bool{"تعداد": true, "رقم": true, "آبادی": true, "ملا": true, "ملاکر": true, "مالیت": true}

// pastForms are the past forms of a news question's verb, beside the past
// auxiliaries (pastAuxiliaries).
var pastForms = map[string]bool{
	"ہوا": true, "ہوئی": true, "ہوئے": true, "ہوئیں": true,
	"گیا": true, "گئی": true, "گئے": true, "گئیں": true, "کیا": true, "کی": true, "کیے": true, "کئے": true,
	"جیتا": true, "جیتی": true, "جیتے": true, "ہارا": true, "ہاری": true, "ہارے": true, "دیا": true, "دی": true, "دیے": true, "دئیے": true,
	"لیا": true, "لی": true, "لیے": true, "کہا": true, "بنا": true, "بنی": true, "بنے": true, "ملا": true, "ملی": true, "ملے": true,
}

// startOf is the first day of ref's week (the seven days to ref), month or
// year.
func startOf(ref time.Time, g Grain) time.Time {
	switch g {
	case Week:
		return ref.AddDate(0, 0, -6)
	case Month:
		return time.Date(ref.Year(), ref.Month(), 1, 0, 0, 0, 0, ref.Location())
	case Year:
		return time.Date(ref.Year(), 1, 1, 0, 0, 0, 0, ref.Location())
	}
	return ref
}

// back is ref moved back n units.
func back(ref time.Time, g Grain, n int) time.Time {
	switch g {
	case Week:
		return ref.AddDate(0, 0, -7*n)
	case Month:
		return ref.AddDate(0, -n, 0)
	case Year:
		return ref.AddDate(-n, 0, 0)
	}
	return ref.AddDate(0, 0, -n)
}

// number reads a count at toks[i]: digits or an Urdu or English number word.
func number(toks []string, i int) (int, int, bool) {
	t := toks[i]
	if text.IsDigits(t) {
		v, err := strconv.Atoi(t)
		return v, 1, err == nil
	}
	if v, ok := text.UrduNumberWord(t); ok {
		return v, 1, true
	}
	if v, ok := englishNumbers[t]; ok {
		return v, 1, true
	}
	return 0, 0, false
}

var englishNumbers = map[string]int{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30}

// absoluteAt reads "5 جولائی 2021", "یکم جولائی", "July 5, 2021", "5th of
// July", "مارچ 2021", "March", "2014", "2021-03-05".
func absoluteAt(toks []string, i int, ref time.Time) (Period, int, string) {
	abs := func(from, to time.Time, g Grain, n int) (Period, int, string) {
		return Period{From: from, To: to, Grain: g, Phrase: strings.Join(toks[i:i+n], " ")}, n, ""
	}
	loc := ref.Location()
	// A day written in digits, or the phrase of one that does not exist
	// ("2021-02-30", "31/04/2021").
	numericDay := func(y, m, d, n int, phrase string) (Period, int, string) {
		if d < 1 || d > daysIn(y, time.Month(m)) {
			return Period{}, n, phrase
		}
		day := time.Date(y, time.Month(m), d, 0, 0, 0, 0, loc)
		return abs(day, day, Day, n)
	}
	// ISO: 2021 03 05 (the separators are gone).
	if i+2 < len(toks) && len(toks[i]) == 4 && text.IsDigits(toks[i]) && text.IsDigits(toks[i+1]) && text.IsDigits(toks[i+2]) &&
		len(toks[i+1]) <= 2 && len(toks[i+2]) <= 2 {
		y, _ := strconv.Atoi(toks[i])
		m, _ := strconv.Atoi(toks[i+1])
		d, _ := strconv.Atoi(toks[i+2])
		if plausibleYear(y) && m >= 1 && m <= 12 {
			return numericDay(y, m, d, 3, strings.Join(toks[i:i+3], "-"))
		}
	}
	// Day, month and year in digits: "15/03/2021", "15.03.2021" (the
	// separators are gone too), the day first as Pakistan writes it, and
	// the month first when the first number cannot be a month ("3/15/2021").
	// (A dotted one stays one token, as a decimal would. Without the
	// separators, a score before a year, "3-1 2014", reads so too.)
	dmy, n := toks[i:min(i+3, len(toks))], 3
	if strings.Count(toks[i], ".") == 2 {
		dmy, n = strings.Split(toks[i], "."), 1
	}
	if len(dmy) == 3 && len(dmy[0]) <= 2 && len(dmy[1]) <= 2 && text.IsDigits(dmy[0]) && text.IsDigits(dmy[1]) {
		if y, ok := yearAt(dmy, 2); ok {
			d, _ := strconv.Atoi(dmy[0])
			m, _ := strconv.Atoi(dmy[1])
			if m > 12 && d <= 12 {
				d, m = m, d
			}
			if d >= 1 && m >= 1 && m <= 12 {
				return numericDay(y, m, d, n, strings.Join(dmy, "/"))
			}
		}
	}
	// Day then month: "5 جولائی [2021]", "یکم جولائی", "5 th of july".
	if d, n, ok := dayNumber(toks, i); ok {
		j := i + n
		if j < len(toks) && toks[j] == "of" {
			j++
		}
		if j < len(toks) {
			if m, ok := monthOf(toks[j]); ok {
				return dayMonth(toks, i, j+1, d, m, ref, abs)
			}
		}
	}
	// Month first: "July 5, 2021", "مارچ 2021", "March", "جولائی".
	if m, ok := monthOf(toks[i]); ok && !isProcession(toks, i) {
		j := i + 1
		if j < len(toks) {
			if d, n, ok := dayNumber(toks, j); ok {
				return dayMonth(toks, i, j+n, d, m, ref, abs)
			}
			if y, ok := yearAt(toks, j); ok {
				from := time.Date(y, m, 1, 0, 0, 0, 0, loc)
				return abs(from, from.AddDate(0, 1, -1), Month, j+1-i+yearTail(toks, j+1))
			}
		}
		if !isEnglishMonthWord(toks, i) {
			// The latest such month up to the reference day.
			y := ref.Year()
			if m > ref.Month() {
				y--
			}
			from := time.Date(y, m, 1, 0, 0, 0, 0, loc)
			p, n, bad := abs(from, from.AddDate(0, 1, -1), Month, 1)
			p.Implicit = true
			return p, n, bad
		}
	}
	// A year with a cue.
	if y, ok := yearAt(toks, i); ok {
		cued := i+1 >= len(toks) || yearAfter[toks[i+1]] || (i > 0 && yearBefore[toks[i-1]])
		if cued && y >= 1500 {
			from := time.Date(y, 1, 1, 0, 0, 0, 0, loc)
			return abs(from, from.AddDate(1, 0, -1), Year, 1+yearTail(toks, i+1))
		}
	}
	return Period{}, 0, ""
}

// dayMonth finishes a day-and-month date whose month ends at toks[j-1]: an
// optional year follows; without one, the latest such day up to ref.
func dayMonth(toks []string, i, j, d int, m time.Month, ref time.Time,
	abs func(from, to time.Time, g Grain, n int) (Period, int, string)) (Period, int, string) {
	y, withYear := 0, false
	if j < len(toks) && (toks[j] == "،" || toks[j] == ",") {
		j++
	}
	if j < len(toks) {
		y, withYear = yearAt(toks, j)
	}
	n := j - i
	if withYear {
		n += 1 + yearTail(toks, j+1)
	} else {
		y = latestYear(m, d, ref)
	}
	if !withYear {
		for k := 0; k < 4 && d > daysIn(y, m); k++ {
			y-- // 29 February: the last leap year's
		}
	}
	if d > daysIn(y, m) {
		// 31 فروری, 31 April: no such day.
		return Period{}, n, strings.Join(toks[i:i+n], " ")
	}
	day := time.Date(y, m, d, 0, 0, 0, 0, ref.Location())
	p, n, bad := abs(day, day, Day, n)
	p.Implicit = !withYear
	return p, n, bad
}

// latestYear is the year of the latest day d of month m up to ref: the day a
// question means when it names the day without its year.
func latestYear(m time.Month, d int, ref time.Time) int {
	if m > ref.Month() || (m == ref.Month() && d > ref.Day()) {
		return ref.Year() - 1
	}
	return ref.Year()
}

// dayNumber reads a day of the month: 1–31 in digits (with an English
// ordinal suffix) or "یکم" (the first).
func dayNumber(toks []string, i int) (int, int, bool) {
	t := toks[i]
	if t == "یکم" {
		return 1, 1, true
	}
	if !text.IsDigits(t) || len(t) > 2 {
		return 0, 0, false
	}
	d, _ := strconv.Atoi(t)
	if d < 1 || d > 31 {
		return 0, 0, false
	}
	n := 1
	if i+1 < len(toks) && ordinalSuffix[toks[i+1]] {
		n++
	}
	return d, n, true
}

// yearAt reads a four-digit year at toks[i] (from 1000: "اپریل 1848"; a
// bare year needs 1500 or later and a cue).
func yearAt(toks []string, i int) (int, bool) {
	if i >= len(toks) || len(toks[i]) != 4 || !text.IsDigits(toks[i]) {
		return 0, false
	}
	y, _ := strconv.Atoi(toks[i])
	return y, plausibleYear(y)
}

func plausibleYear(y int) bool { return y >= 1000 && y <= 2100 }

// yearTail counts the era letter after a year ("2021ء").
func yearTail(toks []string, i int) int {
	if i < len(toks) && toks[i] == "ء" {
		return 1
	}
	return 0
}

// monthOf is the month a token names.
func monthOf(tok string) (time.Month, bool) {
	m, ok := text.Month(tok)
	return m, ok && m > 0
}

// marchNames name a procession before "مارچ", the English word rather than
// the month: "لانگ مارچ" (the long march: 76 times in dated-ur), "آزادی
// مارچ", "عورت مارچ".
var marchNames = map[string]bool{"لانگ": true, "شارٹ": true, "آزادی": true, "انقلاب": true, "عورت": true, "ٹریکٹر": true,
	"کسان": true, "ملین": true, "امن": true, "احتجاجی": true, "یکجہتی": true, "پیدل": true, "مہنگائی": true}

// marchVerbs follow "مارچ" as a verb, "to march": "مارچ کریں گے".
var marchVerbs = map[string]bool{"کر": true, "کرنے": true, "کرنا": true, "کریں": true, "کرے": true, "کرینگے": true, "کریگی": true, "کریگا": true, "کرتے": true, "کرکے": true}

// isProcession reports an Urdu "مارچ" at toks[i] that is a march, not March
// (marchNames, marchVerbs). A day before it ("26 مارچ") makes it the month
// whatever follows; dayMonth reads that first.
func isProcession(toks []string, i int) bool {
	if toks[i] != "مارچ" {
		return false
	}
	return i > 0 && marchNames[toks[i-1]] || i+1 < len(toks) && marchVerbs[toks[i+1]]
}

// isEnglishMonthWord reports an English month name that is more likely a
// common word when it stands alone: "may", "march" (to march), "jan".
func isEnglishMonthWord(toks []string, i int) bool {
	switch toks[i] {
	case "may", "march", "jan", "sat", "sun", "mar", "dec", "sept", "aug", "jun", "jul", "oct", "nov", "feb", "apr":
		return !(i > 0 && (toks[i-1] == "in" || toks[i-1] == "during" || toks[i-1] == "since" || toks[i-1] == "of" || toks[i-1] == "from" || toks[i-1] == "between"))
	}
	return false
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// Glued words.

// timeWords are the words splitGlued may find glued in pairs.
var timeWords = func() map[string]bool {
	w := map[string]bool{"تازہ": true, "ترین": true, "حال": true, "ہی": true, "اس": true, "وقت": true, "فی": true, "الحال": true, "آج": true, "کل": true}
	for k := range lastWords {
		w[k] = true
	}
	for k := range thisWords {
		w[k] = true
	}
	for k := range units {
		w[k] = true
	}
	for k := range agoWords {
		w[k] = true
	}
	return w
}()

// splitGlued splits a token that is two time words written without a space
// ("گزشتہماہ", "پچھلےہفتے"): Urdu's joining letters make the missing space
// invisible, and people type it so.
func splitGlued(toks []string) []string {
	var out []string
	for _, t := range toks {
		if timeWords[t] || utf8.RuneCountInString(t) < 4 || text.DetectLang(t) != "ur" {
			out = append(out, t)
			continue
		}
		split := false
		for k := range t {
			if k == 0 {
				continue
			}
			if timeWords[t[:k]] && timeWords[t[k:]] {
				out = append(out, t[:k], t[k:])
				split = true
				break
			}
		}
		if !split {
			out = append(out, t)
		}
	}
	return out
}

// monthParts are the words that name a part of a month, before it ("early
// March", "at the end of March", "وسط مارچ") or, in Urdu, after it ("مارچ
// 2021 کے آخر میں", "اکتوبر کے وسط"), longest first where one begins another.
var monthParts = []struct {
	words []string
	after bool // the words follow the month
	part  string
}{
	{words: []string{"the", "first", "week", "of"}, part: PartFirstWeek}, {words: []string{"first", "week", "of"}, part: PartFirstWeek},
	{words: []string{"the", "last", "week", "of"}, part: PartLastWeek}, {words: []string{"last", "week", "of"}, part: PartLastWeek},
	{words: []string{"the", "beginning", "of"}, part: PartEarly}, {words: []string{"beginning", "of"}, part: PartEarly},
	{words: []string{"the", "start", "of"}, part: PartEarly}, {words: []string{"start", "of"}, part: PartEarly},
	{words: []string{"the", "middle", "of"}, part: PartMid}, {words: []string{"middle", "of"}, part: PartMid},
	{words: []string{"the", "end", "of"}, part: PartLate}, {words: []string{"end", "of"}, part: PartLate},
	{words: []string{"early"}, part: PartEarly}, {words: []string{"mid"}, part: PartMid}, {words: []string{"late"}, part: PartLate},
	{words: []string{"اوائل"}, part: PartEarly}, {words: []string{"وسط"}, part: PartMid}, {words: []string{"اواخر"}, part: PartLate},
	{words: []string{"کے", "پہلے", "ہفتے"}, after: true, part: PartFirstWeek}, {words: []string{"کے", "آخری", "ہفتے"}, after: true, part: PartLastWeek},
	{words: []string{"کے", "اوائل"}, after: true, part: PartEarly}, {words: []string{"کے", "شروع"}, after: true, part: PartEarly},
	{words: []string{"کے", "آغاز"}, after: true, part: PartEarly}, {words: []string{"کی", "ابتدا"}, after: true, part: PartEarly},
	{words: []string{"کے", "وسط"}, after: true, part: PartMid},
	{words: []string{"کے", "آخر"}, after: true, part: PartLate}, {words: []string{"کے", "اواخر"}, after: true, part: PartLate},
	{words: []string{"کے", "آخری", "دنوں"}, after: true, part: PartLate},
}

// partOfMonth is p, a month named at toks[at], narrowed to the part of it
// that the words around it name, with those words in its phrase: "early
// March 2021" is 1–10 March, "mid-March" 11–20, "the end of March" 21–31,
// "the first week of" 1–7 and "the last week of" the last seven days. A
// month without such words is returned as it is.
func partOfMonth(toks []string, at int, p Period) Period {
	n := len(strings.Fields(p.Phrase))
	for _, mp := range monthParts {
		from, to := at-len(mp.words), at
		if mp.after {
			from, to = at+n, at+n+len(mp.words)
		}
		if from < 0 || to > len(toks) || !slices.Equal(toks[from:to], mp.words) {
			continue
		}
		last := p.To.Day()
		switch mp.part {
		case PartEarly:
			p.To = p.From.AddDate(0, 0, 9)
		case PartMid:
			p.From, p.To = p.From.AddDate(0, 0, 10), p.From.AddDate(0, 0, 19)
		case PartLate:
			p.From = p.From.AddDate(0, 0, 20)
		case PartFirstWeek:
			p.To = p.From.AddDate(0, 0, 6)
		case PartLastWeek:
			p.From = p.From.AddDate(0, 0, last-7)
		}
		p.Part = mp.part
		lo, hi := min(from, at), max(to, at+n)
		p.Phrase = strings.Join(toks[lo:hi], " ")
		return p
	}
	return p
}

// partBefore is how many tokens at toks[i] name a part of the month that
// follows them ("the last week of"), or 0.
func partBefore(toks []string, i int) int {
	for _, mp := range monthParts {
		if !mp.after && hasAt(toks, i, mp.words...) {
			return len(mp.words)
		}
	}
	return 0
}
