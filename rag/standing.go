package rag

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/jawab/jawab/text"
)

// Half of what a reader asks of the newest news is not a count but a state:
// a series' standing ("ون ڈے سیریز میں اس وقت سکور کیا ہے؟", "Which side
// leads the Test series?") or a place in a ranking ("ٹیسٹ رینکنگ میں یونس خان
// اس وقت کس نمبر پر ہیں؟"). A series' newest story is as often the preview of
// its next match or a player's injury, and a ranking's the next fixture: they
// hold the question's words and say nothing of the state. The state is
// answered by a score ("2-0 کی برتری", "1-1 سے برابر", "وائٹ واش") or an
// ordinal place ("11ویں نمبر", "چھٹی پوزیشن").

var (
	seriesWords   = map[string]bool{"سیریز": true, "series": true}
	standingWords = map[string]bool{
		"سکور": true, "اسکور": true, "برتری": true, "نتیجہ": true, "صورتحال": true, "صورت": true, "آگے": true, "مرحلے": true, "سبقت": true,
		"score": true, "scoreline": true, "lead": true, "leads": true, "leading": true, "ahead": true, "standing": true, "stands": true,
		"state": true, "status": true, "result": true,
	}
	rankingWords = map[string]bool{"رینکنگ": true, "ranking": true, "rankings": true, "ranked": true}
	placeAsked   = map[string]bool{"پوزیشن": true, "نمبر": true, "درجے": true, "مقام": true, "position": true, "place": true, "rank": true, "ranked": true, "number": true, "where": true}
	topAsked     = map[string]bool{"سرفہرست": true, "top": true, "first": true, "پہلے": true, "پہلی": true}
	placeNouns   = map[string]bool{"نمبر": true, "پوزیشن": true, "درجے": true, "درجہ": true, "مقام": true}
	// ordinalWords are the Urdu ordinals (from the fifth on, statesPlace also
	// reads them by their ending, ویں or واں); otherSenses those of them that
	// are also other words: پہلے "before", دوسرے "other", چھٹی "holiday".
	ordinalWords = map[string]bool{"پہلے": true, "پہلی": true, "پہلا": true, "دوسرے": true, "دوسری": true, "دوسرا": true, "تیسرے": true, "تیسری": true, "تیسرا": true, "چوتھے": true, "چوتھی": true, "چوتھا": true, "چھٹے": true, "چھٹی": true, "چھٹا": true,
		"پانچواں": true, "پانچویں": true, "ساتواں": true, "ساتویں": true, "آٹھواں": true, "آٹھویں": true, "نواں": true, "نویں": true,
		"دسواں": true, "دسویں": true, "گیارہواں": true, "گیارہویں": true, "بارہواں": true, "بارہویں": true}
	otherSenses   = map[string]bool{"پہلے": true, "پہلی": true, "پہلا": true, "دوسرے": true, "دوسری": true, "دوسرا": true, "چھٹی": true}
	standingTerms = [][]string{{"وائٹ", "واش"}, {"کلین", "سویپ"}, {"کلین", "سوئپ"}, {"whitewash"}}

	// score is a series' or a match's score: one digit, a dash, one digit
	// ("2-0", "1–1", "۳-۱"), not a range of days ("2-3 روز" is rare
	// beside a series word, and a question about a series reads only its
	// stories) and not a date or a decimal ("2014-15", "1.5-2").
	score = regexp.MustCompile(`(?:^|[^0-9۰-۹٠-٩.,/])[0-9۰-۹٠-٩]\s*[-–—]\s*[0-9۰-۹٠-٩](?:$|[^0-9۰-۹٠-٩.,/])`)
)

// statesStanding is, for a question that asks a series' standing or a place
// in a ranking, whether a passage (title and text) states one: a score or
// its words for a series, an ordinal place for a ranking. Nil for other
// questions. A question is read in both its languages: an English
// question's "series" and "score" are not rendered as the reports say them.
func statesStanding(searches []Query) func(*Passage) bool {
	var series, standing, ranking, place, top bool
	for _, q := range searches {
		toks := text.Tokens(q.Text)
		ranking = ranking || hasSeq(toks, []string{"درجہ", "بندی"})
		for _, t := range toks {
			series = series || seriesWords[t]
			standing = standing || standingWords[t]
			ranking = ranking || rankingWords[t]
			place = place || placeAsked[t]
			top = top || topAsked[t]
		}
	}
	switch {
	case series && standing:
		return func(p *Passage) bool {
			s := p.Title + "۔ " + p.Text
			if score.MatchString(s) {
				return true
			}
			toks := reportTokens(p)
			return slices.ContainsFunc(standingTerms, func(c []string) bool { return hasSeq(toks, c) })
		}
	case ranking && place && !top:
		// (Who is first is answered by a name, not a place.)
		return func(p *Passage) bool { return statesPlace(reportTokens(p)) }
	}
	return nil
}

// ordinalWord reports an Urdu ordinal: one of ordinalWords, or a word of
// four letters or more ending in ویں or واں ("سوویں", "پچاسواں").
func ordinalWord(t string) bool {
	return ordinalWords[t] || utf8.RuneCountInString(t) > 3 && (strings.HasSuffix(t, "ویں") || strings.HasSuffix(t, "واں"))
}

// statesPlace reports whether toks name an ordinal place: an ordinal before
// a place noun ("چھٹے نمبر", "تیسری پوزیشن", "11 ویں نمبر", "ساتویں درجے").
func statesPlace(toks []string) bool {
	for i := 0; i+1 < len(toks); i++ {
		if !placeNouns[toks[i+1]] {
			continue
		}
		t := toks[i]
		if ordinalWord(t) {
			return true
		}
		if (t == "ویں" || t == "واں") && i > 0 && isNumberToken(toks[i-1]) {
			return true
		}
	}
	return false
}
