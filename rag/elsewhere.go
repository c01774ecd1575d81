package rag

import (
	"context"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jawab/jawab/text"
	"github.com/jawab/jawab/when"
)

// MinPairIDF is the least weight of each word of a pair pairElsewhere
// reads: both words rarer than "روپے" or "خلاف" (a pair of common words,
// "روپے سستا", is written a hundred ways), as rare as "وائرس" or
// "مارکیٹ". Chosen on the dated development sets (docs/history/time.md,
// the forty-eighth round): every out-of-period question's pair it reads is
// above it, and the answerable questions' common pairs below.
const MinPairIDF = 3.3

// PairReportDays is how long after a period its reports may still be
// published: "last month's current account deficit" is reported in the
// first days of this month, so a pair the days just after the period write
// is the period's.
const PairReportDays = 30

// pairSearchDepth is how many keyword hits pairElsewhere reads for each
// pair, in the period and out of it: the pair's own search puts the reports
// that write both words first.
const pairSearchDepth = 200

// pairElsewhere returns the first pair of adjacent words of an Urdu
// question about a period that no report of the period (or of the
// PairReportDays after it) writes, while reports of other dates do ("ایبولا
// وائرس" asked "last week" in March 2021, of an archive that tells of Ebola
// in 2014; "ایشین گیمز" asked of March 2021): the archive does not report
// what is asked in that period, however many of its reports share the
// question's other words (a week's Covid counts: "وائرس", "کیسز"). Both
// words are pairWords: of general Urdu's shape and at least MinPairIDF, or
// of three letters and at least MinShortPairIDF ("برڈ فلو"); the words that
// name the period or ask for the newest are left out. A report writes the
// pair as the question does, by stem (دورے, دورہ), typed as one word
// ("سائنوفارم" for "سائنو فارم"), or with the first word glued to what goes
// before it ("سائنوفارم ویکسین" for "فارم ویکسین"). "" when every pair is
// written in the period, or nowhere (unheardSubject judges words no report
// holds).
func (a *Answerer) pairElsewhere(ctx context.Context, w TermWeigher, question string, tq when.Time, f Filter) (string, error) {
	phrases := append([]string{tq.Period.Phrase}, tq.LatestPhrases...)
	toks := text.Tokens(when.Without(question, phrases...))
	in := f.Within(tq.Period.From, tq.Period.To.AddDate(0, 0, PairReportDays))
	for i := 0; i+1 < len(toks); i++ {
		first, second := toks[i], toks[i+1]
		if !pairWord(first, w) || !pairWord(second, w) {
			continue
		}
		then, other, err := thenOrElsewhere(in, f, func(f Filter) (bool, error) { return a.writesPair(ctx, first, second, f) })
		if err != nil {
			return "", err
		}
		if !then && other {
			return first + " " + second, nil
		}
	}
	return "", nil
}

// MinShortPairIDF is the least weight of a pair's word of three letters
// (pairElsewhere): as rare as a name (برڈ, فلو and ساف of "برڈ فلو" and
// "ساف ویمن" weigh 7.6–7.9 over dated-ur), where an Urdu word of three
// letters is often a common one (ملی of "اجازت ملی" 5.0, رقم of "رقم واپس"
// 4.6), which the reports of a month need not write as the question does.
// Chosen on the dated development sets (docs/history/time.md, the
// fifty-first round): a round number between 5.0 and 7.6.
const MinShortPairIDF = 6.0

// pairWord is a word pairElsewhere reads: of general Urdu's shape
// (CommonWordCandidate) and at least MinPairIDF, or a content word of three
// letters and at least MinShortPairIDF.
func pairWord(t string, w TermWeigher) bool {
	if CommonWordCandidate(t) {
		return w.IDF(t) >= MinPairIDF
	}
	return contentWord(t) && utf8.RuneCountInString(t) == MinCommonWordRunes-1 && w.IDF(t) >= MinShortPairIDF
}

// writesPair reports whether a report the filter admits writes first and
// second side by side (pairElsewhere's reading), among the keyword search's
// first pairSearchDepth hits for the two.
func (a *Answerer) writesPair(ctx context.Context, first, second string, f Filter) (bool, error) {
	// (The two typed as one word are searched too: the index holds
	// "بابراعظم" as one word, which a search for بابر and اعظم misses.)
	hits, err := a.Retriever.Index.KeywordSearch(ctx, first+" "+second+" "+first+second, pairSearchDepth, f)
	if err != nil {
		return false, err
	}
	s1, s2, glued := text.Stem(first), text.Stem(second), first+second
	for _, h := range hits {
		toks := text.Tokens(h.Doc.Title + "\n" + h.Chunk.Text)
		for j, t := range toks {
			if strings.HasPrefix(t, glued) {
				return true, nil // typed as one word: "سائنوفارم"
			}
			if j+1 < len(toks) && (text.Stem(t) == s1 || strings.HasSuffix(t, first)) && text.Stem(toks[j+1]) == s2 {
				return true, nil
			}
		}
	}
	return false, nil
}

// thenOrElsewhere asks writes whether the period's reports (in) write what
// it looks for, and only if they do not, whether the reports f admits do:
// the two searches of pairElsewhere and acronymElsewhere.
func thenOrElsewhere(in, f Filter, writes func(Filter) (bool, error)) (then, other bool, err error) {
	if then, err = writes(in); err != nil || then {
		return then, false, err
	}
	other, err = writes(f)
	return false, other, err
}

// elsewhere is what a question about a period names that no report of the
// period writes while reports of other dates do: a pair of words of an Urdu
// question (pairElsewhere), else an acronym of a question in any language
// (acronymElsewhere); "" when there is none. queries[0] is the question as
// searched, asked the question as asked, cross its rendering when it is in
// another language than the collection's.
func (a *Answerer) elsewhere(ctx context.Context, w TermWeigher, queries []string, asked, input string, cross CrossQuery, tq when.Time, f Filter) (string, error) {
	if input == InputUrdu {
		if pair, err := a.pairElsewhere(ctx, w, queries[0], tq, f); err != nil || pair != "" {
			return pair, err
		}
	}
	if acr, err := a.acronymElsewhere(ctx, w, asked, cross, tq, f); err != nil || acr != "" {
		return acr, err
	}
	if input == InputEnglish {
		return a.nameElsewhere(ctx, asked, cross, tq, f)
	}
	return "", nil
}

// nameElsewhere returns the first name of two words an English question
// about a period writes ("Maryam Nawaz", "Lal Masjid": two adjacent words
// in capitals, each a name the rendering spells by its sound and neither an
// ordinary English word) that no report of the period, or of the
// PairReportDays after it, writes as the two words side by side (writesPair,
// any of their one-word renderings), while reports of other dates do:
// "What did Maryam Nawaz say in September 2014?" is otherwise answered from
// that month's reports of Nawaz Sharif. Only such names: an English
// question's other adjacent words follow English order ("Chairman of the
// Senate"), and an ordinary word in capitals ("World Cup", "High Court") is
// rendered by what the lexicon gives ("ورلد", "اعلی"), not as the reports
// write it ("ورلڈ کپ", "ہائی کورٹ"). "" when there is none.
func (a *Answerer) nameElsewhere(ctx context.Context, question string, cross CrossQuery, tq when.Time, f Filter) (string, error) {
	fields := strings.Fields(question)
	renderings := make([][]string, len(fields))
	for i, field := range fields {
		renderings[i] = nameRenderings(field, cross)
	}
	in := f.Within(tq.Period.From, tq.Period.To.AddDate(0, 0, PairReportDays))
	for i := 0; i+1 < len(fields); i++ {
		first, second := renderings[i], renderings[i+1]
		if _, ends := nameWord(fields[i]); len(first) == 0 || len(second) == 0 || ends {
			// (A name ends at punctuation or a possessive: "Islamabad's
			// Lal Masjid" names no "Islamabad Lal".)
			continue
		}
		writes := func(f Filter) (bool, error) {
			for _, x := range first {
				for _, y := range second {
					if ok, err := a.writesPair(ctx, x, y, f); err != nil || ok {
						return ok, err
					}
				}
			}
			return false, nil
		}
		then, other, err := thenOrElsewhere(in, f, writes)
		if err != nil {
			return "", err
		}
		if !then && other {
			w1, _ := nameWord(fields[i])
			w2, _ := nameWord(fields[i+1])
			return w1 + " " + w2, nil
		}
	}
	return "", nil
}

// nameWord is a field of an English question without the quotes and
// brackets around it, the punctuation after it and a possessive
// ("“Nawaz's”?" → Nawaz); ends reports that the field ended with any of
// the latter three, where a name of two words cannot go on.
func nameWord(field string) (word string, ends bool) {
	opened := strings.TrimLeft(field, "\"'“‘(")
	word = strings.TrimRight(opened, ",;:.?!\"'”’)")
	for _, possessive := range []string{"'s", "’s"} {
		if w, ok := strings.CutSuffix(word, possessive); ok {
			return w, true
		}
	}
	return word, word != opened
}

// nameRenderings are the one-word renderings of a word of an English
// question (as written, "Nawaz's") when it is a name that is no ordinary
// English word (CrossWord.Name, not Ordinary), in capitals; none otherwise.
func nameRenderings(field string, cross CrossQuery) []string {
	word, _ := nameWord(field)
	if r, _ := utf8.DecodeRuneInString(word); !unicode.IsUpper(r) || text.IsAcronym(word) {
		return nil
	}
	var out []string
	for _, cw := range cross.Words {
		if !strings.EqualFold(cw.Source, word) || !cw.Name || cw.Ordinary {
			continue
		}
		for _, r := range cw.Renderings {
			if !strings.Contains(r.Term, " ") && !slices.Contains(out, r.Term) {
				out = append(out, r.Term)
			}
		}
	}
	return out
}

// acronymElsewhere returns an acronym that a question about a period names
// ("PSL", "پی ایس ایل"), of at least MinPairIDF, that no report of the
// period (or of the PairReportDays after it) writes while reports of other
// dates do: "ستمبر 2014 میں پی ایس ایل کا فائنل کس ٹیم نے جیتا؟", of an
// archive that tells of the league in 2021 only, is otherwise answered by
// that month's other cricket. An acronym spelled in Urdu letter names is
// returned too when no report the filter admits writes it (the same
// question asked as of 2014, when the 2021 reports are not yet published):
// an Urdu question spells it as Urdu news does, where one in capitals may
// be written as a word (NATO as نیٹو). An acronym is a name,
// written in capitals or in letter names (the index reads both as one word:
// text.AcronymWords), so it is read in a question in any language, where
// pairElsewhere reads Urdu words; one in capitals needs three letters or
// more ("US" is written امریکہ). One in capitals is looked for in the
// words Urdu news writes it as by its sound too (acronymSpellings: PEMRA as
// پیمرا, SAARC as سارک), which it is no acronym of letter names in. A day or
// month named without its year is not read. Returned in capitals; "" when
// the period writes every acronym.
func (a *Answerer) acronymElsewhere(ctx context.Context, w TermWeigher, question string, cross CrossQuery, tq when.Time, f Filter) (string, error) {
	if tq.Period.Implicit {
		// "on 26 March" asked on 17 March is taken as last year's 26 March,
		// which the question may not mean (a march still to come).
		return "", nil
	}
	in := f.Within(tq.Period.From, tq.Period.To.AddDate(0, 0, PairReportDays))
	for _, acr := range questionAcronyms(question) {
		spellings := acronymSpellings(w, acr, cross)
		if len(spellings) == 0 {
			continue
		}
		then, other, err := thenOrElsewhere(in, f, func(f Filter) (bool, error) {
			for _, s := range spellings {
				if ok, err := a.writesSpelling(ctx, s, f); err != nil || ok {
					return ok, err
				}
			}
			return false, nil
		})
		if err != nil {
			return "", err
		}
		if !then && (other || acr.spelled) {
			return strings.ToUpper(acr.word), nil
		}
	}
	return "", nil
}

// acronymSpellings are the words acronymElsewhere looks for an acronym as:
// the index's word for its letters ("psl" for PSL and for پی ایس ایل), when
// at least MinPairIDF, and for one a question writes in capitals, each word
// the question's rendering spells it as, in one word or two (cross's
// renderings of it; PEMRA as پیمرا, SAARC as سارک, which Urdu news writes
// as words; ODI as "ون ڈے"), that is not written in letters' names and,
// one word, has three letters or more. All of them: a rendering that is a
// common word (COVID as کورونا, OGRA's sound-alike گرا, "fell") is written
// in every period, and the acronym is then not read, where leaving it out
// would have the period's reports of Covid write none of COVID's spellings.
func acronymSpellings(w TermWeigher, acr questionAcronym, cross CrossQuery) []string {
	var out []string
	if w.IDF(acr.word) >= MinPairIDF {
		out = append(out, acr.word)
	}
	if acr.spelled {
		return out
	}
	for _, cw := range cross.Words {
		if !strings.EqualFold(cw.Source, acr.word) {
			continue
		}
		for _, r := range cw.Renderings {
			words := strings.Fields(r.Term)
			if len(words) > 2 || slices.Contains(out, r.Term) || !slices.ContainsFunc(words, func(t string) bool { _, letter := text.LetterOf(t); return !letter }) {
				// (Letters' names are the index's word for the letters,
				// above.)
				continue
			}
			if len(words) == 1 && utf8.RuneCountInString(r.Term) < MinCommonWordRunes-1 {
				// FIA sounds like فی ("per") and فا: a word of two letters
				// sounds like any acronym, and a period's reports write it.
				continue
			}
			out = append(out, r.Term)
		}
	}
	return out
}

// writesSpelling reports whether a report the filter admits writes a
// spelling of one word (writesWord) or of two side by side (writesPair).
func (a *Answerer) writesSpelling(ctx context.Context, spelling string, f Filter) (bool, error) {
	if first, second, two := strings.Cut(spelling, " "); two {
		return a.writesPair(ctx, first, second, f)
	}
	return a.writesWord(ctx, spelling, f)
}

// questionAcronym is an acronym a question names, as the index's word
// (psl), and whether the question spelled it in Urdu letter names.
type questionAcronym struct {
	word    string
	spelled bool
}

// questionAcronyms is the acronyms a question names: those written in Latin
// capitals, of three letters or more ("PSL" as psl), and those spelled in
// Urdu letter names ("پی ایس ایل" as psl).
func questionAcronyms(question string) []questionAcronym {
	var out []questionAcronym
	for _, f := range strings.FieldsFunc(question, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if text.IsAcronym(f) && len(f) >= 3 {
			for _, t := range text.Tokens(f) {
				out = append(out, questionAcronym{word: t})
			}
		}
	}
	for _, t := range text.AcronymWords(text.Tokens(question)) {
		out = append(out, questionAcronym{word: t, spelled: true})
	}
	return out
}

// writesWord reports whether a report the filter admits holds word among
// its words and its headline's as the index analysed them (withTitle: an
// acronym spelled in letter names as one word), among the keyword search's
// first acronymSearchDepth hits for it.
func (a *Answerer) writesWord(ctx context.Context, word string, f Filter) (bool, error) {
	hits, err := a.Retriever.Index.KeywordSearch(ctx, word, acronymSearchDepth, f)
	if err != nil {
		return false, err
	}
	for _, h := range hits {
		words, _ := withTitle(a.Retriever.Index, &Passage{ChunkID: h.Chunk.ID, Title: h.Doc.Title, Text: h.Chunk.Text})
		if slices.Contains(words, word) {
			return true, nil
		}
	}
	return false, nil
}

// acronymSearchDepth is how many keyword hits writesWord reads: the search
// for one rare word puts the reports that hold it first.
const acronymSearchDepth = 20
