package rag

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jawab/jawab/prompts"
	"github.com/jawab/jawab/text"
	"github.com/jawab/jawab/when"
)

// Citation ties an [n] marker in an answer to the exact span of a source it quotes.
type Citation struct {
	N       int    `json:"n"`
	DocID   string `json:"doc_id"`
	Title   string `json:"title"`
	URL     string `json:"url,omitempty"`
	ChunkID string `json:"chunk_id"`
	// Quote is the original (never normalised) text of the cited span, and Start
	// and End its rune offsets into the document's text.
	Quote     string `json:"quote"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Supported bool   `json:"supported"`
	// Published is the cited article's publication date, when it has one.
	Published time.Time `json:"published,omitzero"`
	// Lang is the quote's language ("ur", "en"): an English answer quotes
	// Urdu sources, and the reader's page sets each quote's direction by it.
	Lang string `json:"lang,omitempty"`
}

// Answer is what a question gets, from the CLI, the API and the eval harness alike.
type Answer struct {
	ID        string     `json:"id"`
	Question  string     `json:"question"`
	Answer    string     `json:"answer"`
	Lang      string     `json:"lang"`
	Refused   bool       `json:"refused"`
	Citations []Citation `json:"citations"`
	Passages  []Passage  `json:"passages"`
	Generator string     `json:"generator"`
	// Answerability is the probability, by the gate's calibrated model, that
	// the passages answer the question; the gate refuses below its threshold.
	// For an English or Roman-Urdu question it is the share below on the
	// same scale (crossAnswerability).
	Answerability float64 `json:"answerability"`
	// CrossCoverage is, for an English or Roman-Urdu question rendered
	// offline, the share of its weight the best sentence holds: what the gate
	// decides on (nil for other questions).
	CrossCoverage *float64           `json:"cross_coverage,omitempty"`
	Timings       map[string]float64 `json:"timings"` // milliseconds per stage (queue: waiting for Admission)
	Warnings      []string           `json:"warnings,omitempty"`
	// Time is how the question was read in time, when it names a period or
	// asks for the latest; nil otherwise.
	Time *AnswerTime `json:"time,omitempty"`
}

// Question is a request for an answer.
type Question struct {
	Text   string
	Lang   string // "ur" or "en"; empty means the question's own language
	K      int    // passages to retrieve (default 5)
	Filter Filter
	// AsOf is the day the question is asked: no article published after it
	// is visible (VisibleAsOf). Zero: today, and everything is visible.
	AsOf    time.Time
	History []Turn // earlier turns of the conversation, oldest first
	// OnDelta, when set, receives the answer text as it is written (streamed from
	// an LLM; in one piece from the extractive generator).
	OnDelta func(string)
	// OnPassages, when set, receives the retrieved passages as soon as retrieval
	// ends, before the answer is written (the API streams them to the reader).
	OnPassages func([]Passage)
}

// MaxQuestionRunes bounds questions: longer ones are not questions.
const MaxQuestionRunes = 2000

// Answerer answers questions from retrieved passages.
type Answerer struct {
	Retriever *Retriever
	// TimeOff switches parts of the time-aware answering off (TimeParts), to
	// measure each one (jawab eval --time); nil keeps them all.
	TimeOff map[string]bool
	// Generator writes answers; nil means the extractive generator (no LLM).
	Generator Generator
	// Translator, when set, lets a question in another language than the
	// collection's also search with its translation.
	Translator Translator
	// Offline, when set, renders a question in another language than the
	// collection's without a model: the fallback when Translator fails, and
	// its weighted terms are added to Translator's.
	Offline QueryTranslator
	// MinCrossCoverage and MinRomanCoverage are the share of an English or
	// Roman-Urdu question's weight that the quoted sentence must hold
	// (default DefaultMinCrossCoverage, DefaultMinRomanCoverage).
	MinCrossCoverage, MinRomanCoverage float64
	// TranslateTimeout bounds the Translator's work on one question when
	// Offline can stand in for it (default DefaultTranslateTimeout).
	TranslateTimeout time.Duration
	// Condenser, when set, rewrites follow-ups as standalone questions; without
	// one a heuristic does (see condenseHeuristic).
	Condenser Condenser
	// CorpusLang is the main language of the collection ("ur" for the bundled one).
	CorpusLang string
	// MinCoverage is the answerability gate without a Model: the share of the
	// question's content words that the best sentence of the passages must
	// contain, or jawab refuses (default DefaultMinCoverage).
	MinCoverage float64
	// Model, when set, is the learned answerability gate (Model.Gate): jawab
	// refuses when its probability is below MinAnswerability, else below the
	// model's own threshold.
	Model            *Model
	MinAnswerability float64
	// SentenceOff orders the extract's sentences by coverage even when the
	// model has a sentence scorer (Model.Sentence): the ablation's switch.
	SentenceOff bool
	// AlternativesOff has the gate read a question that offers a choice
	// only as asked, never with one alternative taken out
	// (alternativeQuestions): the ablation's switch.
	AlternativesOff bool
	// FocusOff leaves out of the extract the sentence of a report that holds
	// what the question asks beyond the report's headline (focusQuoted),
	// for the ablation.
	FocusOff bool
	// VectorsAcrossLanguagesOnly runs the vector search only for a question in
	// another language than the collection's: set for the local hashed
	// embedder, which adds nothing to the learned ranker on Urdu questions
	// (README, "Ranking and answerability") but finds names across scripts.
	VectorsAcrossLanguagesOnly bool
	// Admission, when set, bounds how many questions Ask takes through the
	// stretch from retrieval to the extract at once (Admission). Set it
	// only when that stretch waits on no remote service (a remote embedder,
	// reranker, store or translator): a question holding a slot while it
	// waits would hold up the others. The LLM's answer is written after the
	// slot is given back.
	Admission *Admission
}

// DefaultMinCoverage is the answerability gate's threshold; see README for how it
// was chosen on the public evaluation set.
const DefaultMinCoverage = 0.3

// CrossLanguageMinCoverage is the gate for a question in another language than
// the collection's when no translator is configured (see Ask).
const CrossLanguageMinCoverage = 0.6

// NoLLMWarning labels answers written without a language model.
const NoLLMWarning = "no LLM configured: the answer quotes the most relevant sentences of the sources (set OPENAI_BASE_URL and JAWAB_CHAT_MODEL for generated answers)"

// Ask answers q.
func (a *Answerer) Ask(ctx context.Context, q Question) (*Answer, error) {
	start := time.Now()
	question := strings.TrimSpace(q.Text)
	switch {
	case !utf8.ValidString(question):
		return nil, Errorf(Invalid, "the question is not valid UTF-8")
	case question == "":
		return nil, Errorf(Invalid, "the question is empty")
	case utf8.RuneCountInString(question) > MaxQuestionRunes:
		return nil, Errorf(Invalid, "the question is %d characters long; at most %d allowed", utf8.RuneCountInString(question), MaxQuestionRunes)
	}
	input := a.inputOf(question)
	if input == InputEnglish && q.Lang == "ur" {
		// Latin letters from an asker who says the question is Urdu: Roman
		// Urdu, whatever its words look like.
		input = InputRomanUrdu
	}
	lang := q.Lang
	switch lang {
	case "":
		switch input {
		case InputUrdu, InputRomanUrdu:
			lang = "ur"
		case InputMixed:
			if lang = text.DetectLang(question); lang == "" {
				lang = "en"
			}
		default:
			lang = "en"
		}
	case "ur", "en":
	default:
		return nil, Errorf(Invalid, "lang %q is not supported; use ur or en", lang)
	}
	k := q.K
	if k <= 0 {
		k = 5
	}
	ans := &Answer{ID: newID(), Question: question, Lang: lang, Generator: "extractive", Timings: map[string]float64{},
		Citations: []Citation{}, Passages: []Passage{}}
	if input == InputMixed || input == InputOther {
		// Either search would quote whatever shares a word with half of it.
		ans.Refused, ans.Answer = true, inputRefusal(lang, input)
		if q.OnDelta != nil {
			q.OnDelta(ans.Answer)
		}
		ans.Timings["total"] = ms(time.Since(start))
		return ans, nil
	}

	standalone := a.condense(ctx, ans, q.History, question)
	// The words that ask how the reports compare ("Do the reports agree?")
	// are no report's words: the search, the time words and the gate read
	// the question without them; the story's other report is looked for,
	// and the extract lists the reports it quotes (datedAnswer).
	searched := standalone
	comparing := when.CompareAsked(standalone)
	compare := comparing != nil
	if compare {
		searched = when.Without(standalone, comparing...)
	}
	if input == InputUrdu {
		spelled, err := a.spelledInUrdu(ctx, searched)
		if err != nil {
			return nil, err
		}
		searched = spelled
	}
	searches, queries, cross := a.searches(ctx, ans, searched, input)
	qStart := time.Now()
	leave, err := a.Admission.Enter(ctx)
	if err != nil {
		return nil, err
	}
	defer leave()
	ans.Timings["queue"] = ms(time.Since(qStart))
	rStart := time.Now()
	tq, ref := a.readTime(searched, q.AsOf, rStart)
	if input == InputRomanUrdu && tq.Kind() == "" {
		// Roman Urdu's time words ("taza tareen", "pichlay haftay") are
		// read in the question's Urdu-script rendering.
		for _, s := range searches {
			if !s.OtherLanguage && text.DetectLang(s.Text) == "ur" {
				if t, r := a.readTime(s.Text, q.AsOf, rStart); t.Kind() != "" {
					tq, ref = t, r
					break
				}
			}
		}
	}
	if tq.Invalid != "" {
		ans.Warnings = append(ans.Warnings, "the question names a date that does not exist ("+tq.Invalid+"); no date limit was applied")
	}
	asOf := q.AsOf
	if !tq.AsOf.IsZero() && tq.AsOf.Before(ref) {
		// The question's own "as of" day ("As of 23 July 2014, …") is the
		// day asked, as a request's as_of is: the newest report up to it
		// answers, and later ones are not visible.
		ref, asOf = tq.AsOf, tq.AsOf
	}
	visible := q.Filter.VisibleAsOf(asOf, rStart)
	res, outside, err := a.timedSearch(ctx, ans, tq, ref, searches, k, visible)
	if err != nil {
		return nil, err
	}
	if !outside && !a.TimeOff["reports"] {
		if err := a.siblingReports(ctx, &res, searches, visible, tq.Latest, compare); err != nil {
			return nil, err
		}
	}
	ans.Timings["retrieve"] = ms(time.Since(rStart))
	if res.Passages != nil {
		ans.Passages = res.Passages
	}
	ans.Warnings = append(ans.Warnings, res.Warnings...)
	if q.OnPassages != nil {
		q.OnPassages(ans.Passages)
	}

	gStart := time.Now()
	w := res.termWeights(ctx, a.Retriever.Index)
	w.fetchQueries(queries...)
	timed := !tq.Period.IsZero() || tq.Latest && !tq.Tense
	cands, p, cov, answerable := a.judge(w, ans.Passages, queries, cross, input, timed)
	ans.Answerability, ans.CrossCoverage = p, cov
	rejudged := false // cands were chosen by the question without its time words
	if !answerable && !outside {
		if tl := timeAnswered(searched, tq, ans.Passages); tl != "" {
			// The passages' dates answer the question's time words ("ستمبر
			// 2014 میں", "تازہ ترین"): the rest of it must be in them, not the
			// time words too, which a dated report seldom repeats.
			// Its casualty words are read by meaning (foldCounts) on both
			// sides: each day's report words its count of the dead
			// differently ("چل بسے", "انتقال کر گئے"), and a dated series is
			// what a time-bound question compares.
			scratch := &Answer{Lang: ans.Lang, Timings: map[string]float64{}}
			_, tqueries, tcross := a.searches(ctx, scratch, tl, input)
			if input == InputRomanUrdu {
				// The Roman words of "تازہ ترین" ("taza tareen") or "پچھلے
				// مہینے" ("pichlay mahine") are read in the rendering only,
				// where the dates answer them too.
				tcross = tcross.Without(tq.LatestPhrase).Without(tq.Period.Phrase)
			}
			for i, q := range tqueries {
				if text.DetectLang(q) == "ur" {
					tqueries[i] = rateAnswered(foldedText(when.Without(q, tq.LatestPhrase, tq.Period.Phrase)), ans.Passages)
				}
			}
			w.fetchQueries(tqueries...)
			// (The ranker's features the passages carry are the whole
			// question's, which the gate would reuse: foldedPassage drops them.)
			ps := make([]Passage, len(ans.Passages))
			for i, p := range ans.Passages {
				ps[i] = foldedPassage(a.Retriever.Index, p)
			}
			if tc, tp, tcov, ok := a.judge(w, ps, tqueries, tcross, input, timed); ok {
				// Quoted by the same words the gate passed them on.
				cands, ans.Answerability, ans.CrossCoverage, answerable = tc, tp, tcov, true
				rejudged = true
			}
		}
	}
	if !answerable && !outside && !a.AlternativesOff {
		// A choice ("…نرم ہیں یا سخت؟") is answered by a report of one
		// alternative: the gate reads the question with one taken out, each
		// way, over the same passages (alternativeQuestions).
		for _, v := range alternativeQuestions(searched) {
			scratch := &Answer{Lang: ans.Lang, Timings: map[string]float64{}}
			_, vqueries, vcross := a.searches(ctx, scratch, v.question, input)
			w.fetchQueries(vqueries...)
			if vc, vp, vcov, ok := a.judge(w, ans.Passages, vqueries, vcross, input, timed); ok && quotesAlternative(vc, v.kept, vcross, input) {
				// Quoted, and read by the rules after, as the question the
				// gate passed.
				cands, ans.Answerability, ans.CrossCoverage, answerable = vc, vp, vcov, true
				queries, cross = vqueries, vcross
				break
			}
		}
	}
	if answerable && input == InputUrdu && len(queries) > 0 {
		// "ایفل ٹاور کی اونچائی کتنے میٹر ہے؟" over news that never names
		// the tower: a rocket's height in metres does not answer it.
		word, err := a.unseenName(ctx, w, queries[0])
		if err != nil {
			return nil, err
		}
		answerable = word == ""
	}
	if answerable && res.unseenCode != "" {
		// "این اے 133" asked of reports of other constituencies.
		answerable = false
	}
	if answerable && res.newestRead && res.newestShare < MinNewestShare {
		// The newest report that answers holds too little of the question:
		// a story the archive does not tell (MinNewestShare).
		answerable = false
		ans.Warnings = append(ans.Warnings, fmt.Sprintf("the newest report found holds %.0f%% of the question (its words by weight); at least %.0f%% is needed", 100*res.newestShare, 100*MinNewestShare))
	}
	unheard := "" // the word no article mentions, when that refused the question
	// The rule reads latest questions, and any question over dated reports
	// (news): "زیکا وائرس کے کتنے کیس سامنے آئے ہیں؟" over news that never
	// names Zika is otherwise answered by the COVID counts. (Not UQA-like
	// undated paragraphs, whose machine-translated questions spell one name
	// in twenty otherwise.) A news archive may hold undated items beside its
	// dated reports, and its first passage be one of them (datedArchive).
	overDated := !outside && len(ans.Passages) > 0 && !ans.Passages[0].Published.IsZero()
	periodOverDated := !tq.Period.IsZero() && overDated
	if answerable && (res.newestRead || !outside) && input == InputUrdu && len(queries) > 0 {
		news := res.newestRead || overDated || res.datedCandidate()
		// Whether dated articles hold the question's words (datedArchive)
		// is asked before the words are read when the store answers it at
		// once (KeywordMatcher): over undated paragraphs, UQA's, the reading
		// is then spared. A store that must rank to answer it is asked only
		// when a word was found.
		_, matcher := a.Retriever.Index.(KeywordMatcher)
		var err error
		if !news && matcher {
			if news, err = a.datedArchive(ctx, queries[0], visible); err != nil {
				return nil, err
			}
		}
		if news || !matcher {
			word, err := a.unheardSubject(ctx, w, queries[0])
			if err != nil {
				return nil, err
			}
			if word != "" && !news {
				if news, err = a.datedArchive(ctx, queries[0], visible); err != nil {
					return nil, err
				}
			}
			if word != "" && news {
				unheard = word
				// The newest report of a story the archive never names is
				// some other story's (unheardSubject).
				answerable = false
				ans.Warnings = append(ans.Warnings, fmt.Sprintf("no article mentions %q, and it is no common Urdu word: the archive does not report what the question asks about", word))
			}
		}
	}
	// The archive tells of what is asked, but not then: "پچھلے ہفتے ایبولا
	// وائرس کے کتنے نئے کیسز" of March 2021 over an archive that tells of
	// Ebola in 2014 is otherwise answered by that week's Covid counts
	// (pairElsewhere; an acronym, PSL asked of 2014: acronymElsewhere).
	absentPair := ""
	if answerable && periodOverDated && len(queries) > 0 {
		pair, err := a.elsewhere(ctx, w, queries, standalone, input, cross, tq, visible)
		if err != nil {
			return nil, err
		}
		if pair != "" {
			answerable, absentPair = false, pair
			ans.Warnings = append(ans.Warnings, fmt.Sprintf("no article of the period asked writes %q: the archive does not report it then", pair))
		}
	}
	if err := w.Err(); err != nil {
		// Without the index's word weights the gate's judgement, and the
		// rules' after it (unseenName, unheardSubject, pairElsewhere, which
		// read a failed weight as 0: a word no report holds), are not the
		// index's: report the failure rather than answer or refuse on a
		// guess.
		return nil, err
	}
	timeBound := tq.Kind() != ""
	switch {
	case outside || absentPair != "":
		a.refuse(ans, queries)
		ans.Answer = outOfPeriod(tq.Period, ans.Lang)
		switch {
		case absentPair != "":
			ans.Answer = placeOutOfPeriod(tq.Period, absentPair, ans.Lang)
		case res.placeAbsent:
			ans.Answer = placeOutOfPeriod(tq.Period, res.absentPlace, ans.Lang)
		}
	case !answerable || len(cands) == 0:
		a.refuse(ans, queries)
		if unheard != "" {
			ans.Answer = notMentioned(unheard, ans.Lang)
		}
	case a.Generator != nil:
		leave()
		a.generate(ctx, ans, standalone, q, ref, queries, cands, cross.Names, input == InputRomanUrdu)
		if tq.Latest {
			if w := staleWarning(ans); w != "" {
				ans.Warnings = append(ans.Warnings, w)
			}
		}
	default:
		only := 0
		if tq.Latest && !a.TimeOff["latest"] {
			by, byQueries := cands, queries
			if lq := withoutLatest(queries, tq); !rejudged && input == InputUrdu && lq != nil {
				// The words that ask for the newest ("تازہ ترین") say how to
				// order the reports, not which one holds the question: a
				// report's "کم ترین سطح" met the question's ترین, and an
				// older forecast was quoted before the newest rate.
				w.fetchQueries(lq...)
				by, byQueries = a.candidates(w, ans.Passages, lq, true), lq
			}
			share := looseShare(w, byQueries)
			if input != InputUrdu {
				if rs := renderedShare(w, cross, tq.LatestPhrases); rs != nil {
					// (A report in the question's own language is read by the
					// question's words, which looseShare has.)
					loose := share
					share = func(c candidate) float64 { return max(loose(c), rs(c)) }
				}
			}
			cands, only = newestQuotedFirst(cands, by, share), 1
		}
		asked := countedIn(queries)
		// A sentence about another code of the question's kind ("کے ایس ای
		// 100" for KSE-30) is quoted after those that may answer it.
		cands = otherCodesLast(cands, searches)
		cands = countQuotedFirst(cands, asked, only)
		cands = occasionQuotedFirst(a.Retriever.Index, cands, standalone)
		datedAnswer(ans, a.extract(ans, cands, cross.Names, asked, asksNumber(queries), compare), timeBound, compare)
		ans.Warnings = append(ans.Warnings, NoLLMWarning)
	}
	if err := w.Err(); err != nil {
		// The extract's order (newest first, the counts asked) read weights
		// too: one that failed there is reported, not quoted around.
		return nil, err
	}
	if tq.Invalid != "" {
		ans.Answer = invalidDate(tq.Invalid, ans.Lang) + "\n" + ans.Answer
	}
	for i := range ans.Citations {
		for _, p := range ans.Passages {
			if p.N == ans.Citations[i].N {
				ans.Citations[i].Published = p.Published
			}
		}
	}
	if timeBound {
		ans.Time = &AnswerTime{Kind: tq.Kind(), Reference: ref, From: tq.Period.From, To: tq.Period.To, Phrase: tq.Period.Phrase, AsOf: citedAsOf(ans)}
		if tq.Period.IsZero() {
			ans.Time.Phrase = tq.LatestPhrase
		}
	}
	leave() // (the answer is written; sending it is no CPU-bound work)
	if q.OnDelta != nil && (a.Generator == nil || ans.Refused || ans.Generator == "extractive") {
		q.OnDelta(ans.Answer)
	}
	ans.Timings["generate"] = ms(time.Since(gStart))
	ans.Timings["total"] = ms(time.Since(start))
	return ans, nil
}

// judge is the answerability gate on passages for queries (the question and
// its translation, cross its offline rendering): the candidate sentences,
// the gate's probability, and whether they answer.
func (a *Answerer) judge(w TermWeigher, passages []Passage, queries []string, cross CrossQuery, input string, timed bool) (cands []candidate, p float64, crossCov *float64, answerable bool) {
	cands = a.candidates(w, passages, queries, input == InputUrdu)
	best := maxCoverage(cands)
	if rendered(cross, input) {
		// The gate's model learned from Urdu questions; a rendered one is a
		// bag of the lexicon's guesses, whose probability it does not
		// calibrate (answerable English questions whose words one sentence
		// holds get .07–.19 where its threshold is .24). What decides is
		// whether the question's words are in one sentence: the share that
		// was chosen on the English and Roman tuning sets, reported on the
		// gate's scale.
		var cov float64
		var at int
		var least float64
		p, cov, at, least = a.renderedAnswerability(w, cross, cands, input, timed)
		answerable, crossCov = cov >= least, &cov
		if answerable && at > 0 && input == InputEnglish {
			// The sentence that holds most of the English question is quoted
			// first: the gate passed the question on it, and the Urdu
			// rendering's coverage, which ordered the candidates, is a bag of
			// the lexicon's guesses.
			cands = toFront(cands, at)
		}
	} else {
		p, answerable = a.answerability(w, passages, queries, input == InputUrdu, func() []candidate { return cands })
	}
	if answerable && input == InputUrdu && len(queries) > 0 && unseenAcronym(w, queries[0]) != "" {
		// "اس وقت سی این جی کی فی کلو قیمت کتنی ہے؟" over news that never
		// names CNG: sugar's price per kilo does not answer it.
		answerable = false
	}
	// "پٹرول کی قیمت میں کتنی کمی کی؟" is not answered by gold's price cut,
	// however much else the sentence shares, nor "What was the price of
	// silver per tola?" by gold's price per tola: a quote must name what is
	// priced, in itself or its headline. An Urdu question names it before
	// its "کی قیمت" (pricedThing), a rendered one by its words' Priced.
	var thing []string
	switch {
	case rendered(cross, input):
		thing = cross.pricedRenderings()
	case input == InputUrdu && len(queries) > 0:
		thing = pricedThing(queries[0])
	}
	if len(thing) > 0 {
		cands = slices.DeleteFunc(cands, func(c candidate) bool { return !namesAny(c.sentence+"\n"+c.p.Title, thing) })
		answerable = answerable && len(cands) > 0
	}
	if len(queries) == 1 && a.otherLanguage(queries[0]) && best < CrossLanguageMinCoverage {
		// A question in another language than the collection's, with nothing to
		// translate it: the few passages written in its language (an English
		// paragraph inside Urdu news) share its common words, and a lenient gate
		// quotes them as if they answered. Only a close match may.
		answerable = false
	}
	return cands, p, crossCov, answerable
}

// quotesAlternative reports whether the sentence quoted first, or its
// headline, holds the alternative a question was judged by (kept: its
// content words, as the question writes them; an English or Roman-Urdu
// question's by their renderings): a question's other words passing the
// gate on a report of neither alternative is no answer to the choice
// ("Did Pakistan buy its Chinese vaccines or were they a gift?" by a report
// of children's infections). A question that kept no alternative ("…یا
// نہیں" taken out) needs none.
func quotesAlternative(cands []candidate, kept []string, cross CrossQuery, input string) bool {
	if len(kept) == 0 {
		return true
	}
	if len(cands) == 0 {
		return false
	}
	words := kept
	if rendered(cross, input) {
		words = nil
		for _, cw := range cross.Words {
			if slices.ContainsFunc(text.Tokens(cw.Source), func(t string) bool { return slices.Contains(kept, t) }) {
				for _, r := range cw.Renderings {
					words = append(words, text.Tokens(r.Term)...)
				}
			}
		}
	}
	return namesAny(cands[0].sentence+"\n"+cands[0].p.Title, words)
}

// rendered reports whether the gate judges a question by its offline
// rendering's words (an English or Roman-Urdu one, rendered) rather than by
// the model.
func rendered(cross CrossQuery, input string) bool {
	return len(cross.Words) > 0 && (input == InputEnglish || input == InputRomanUrdu)
}

// renderedAnswerability is a rendered question's answerability on the
// gate's scale (crossAnswerability), the share of its weight that its best
// sentence among cands holds, and that sentence's index: an English
// question's words count by half in the sentence's headline (HeadlineShare),
// a Roman-Urdu question's only in the sentence.
//
// A time-bound English question (timed: it names a period, or asks for the
// newest in words) needs TimedCoverageRelief less of its weight: its
// passages are the reports of its time, and what a rendering misses ("said
// goodbye to cricket" for a report's ریٹائرمنٹ) the date has narrowed
// down. The share it was held to is returned as least.
func (a *Answerer) renderedAnswerability(w TermWeigher, cross CrossQuery, cands []candidate, input string, timed bool) (p, cov float64, at int, least float64) {
	share := 0.0
	if input == InputEnglish {
		share = HeadlineShare
	}
	cov, at = a.crossCoverageWith(w, cross, cands, share)
	relieved := timed && input == InputEnglish
	return a.crossAnswerability(cov, input, relieved), cov, at, a.minCrossCoverage(input, relieved)
}

// minCrossCoverage is the share of a rendered question's weight its best
// sentence must hold; relieved, a time-bound English question's
// (renderedAnswerability).
func (a *Answerer) minCrossCoverage(input string, relieved bool) float64 {
	if input == InputRomanUrdu {
		if a.MinRomanCoverage <= 0 {
			return DefaultMinRomanCoverage
		}
		return a.MinRomanCoverage
	}
	share := a.MinCrossCoverage
	if share <= 0 {
		share = DefaultMinCrossCoverage
	}
	if relieved {
		share -= TimedCoverageRelief
	}
	return share
}

// DefaultMinCrossCoverage and DefaultMinRomanCoverage are the share of an
// English or Roman-Urdu question's weight one sentence must hold
// (crossCoverage). Each is the smallest threshold at which the tuning sets
// of its kind (testdata/eval/pk-ru-en-tune*.jsonl, pk-ru-roman-tune.jsonl,
// over the five seed articles and with the 500 distractors, pooled) refuse
// at least 80 % of their unanswerable questions (README, "English and Roman
// Urdu questions"). A Roman-Urdu question is rendered word for word by
// spelling, an English one through the lexicon: their coverages differ.
const (
	DefaultMinCrossCoverage = 0.55
	DefaultMinRomanCoverage = 0.45
)

// TimedCoverageRelief is how much less of its weight a time-bound English
// question's best sentence must hold (renderedAnswerability): the least
// relief at which at most 10 % of the answerable English questions of the
// dated development sets are refused (README, "English and Roman Urdu
// questions"), the share the issue asks of answerability; the pk-ru tuning
// sets, which chose DefaultMinCrossCoverage, hold no such question.
const TimedCoverageRelief = 0.10

func (a *Answerer) minCoverage() float64 {
	if a.MinCoverage <= 0 {
		return DefaultMinCoverage
	}
	return a.MinCoverage
}

// refuse writes the refusal in the asker's language. Offline, a question in
// another language than the collection's cannot match its words, so the refusal
// says why and how to enable cross-language search.
func (a *Answerer) refuse(ans *Answer, queries []string) {
	ans.Refused = true
	ans.Answer = Refusal(ans.Lang)
	if a.Translator == nil && len(queries) == 1 && a.otherLanguage(queries[0]) {
		ans.Answer += " " + crossLanguageHint(ans.Lang, a.CorpusLang)
	}
	if a.Generator == nil {
		ans.Warnings = append(ans.Warnings, NoLLMWarning)
	}
}

func crossLanguageHint(lang, corpus string) string {
	names := map[string]string{"ur": "Urdu", "en": "English"}
	if lang == "ur" {
		return "یہ مجموعہ " + map[string]string{"ur": "اردو", "en": "انگریزی"}[corpus] + " میں ہے اور کوئی LLM ترتیب نہیں دیا گیا، اس لیے دوسری زبان کے سوال اس کے الفاظ سے نہیں مل سکتے۔ سوال " + map[string]string{"ur": "اردو", "en": "انگریزی"}[corpus] + " میں پوچھیں، یا OPENAI_BASE_URL اور JAWAB_CHAT_MODEL (یا bge-m3 جیسا کثیر لسانی embedder) ترتیب دیں۔"
	}
	return "The collection is in " + names[corpus] + " and no LLM is configured, so a question in " + names[lang] +
		" cannot match its words. Ask in " + names[corpus] + ", or set OPENAI_BASE_URL and JAWAB_CHAT_MODEL for cross-language search (or JAWAB_EMBED_MODEL to a multilingual embedder such as bge-m3)."
}

// generate asks the LLM, checks its citations, and falls back to the extractive
// answer when the LLM fails: a user gets an answer with a warning rather than an
// error.
func (a *Answerer) generate(ctx context.Context, ans *Answer, standalone string, q Question, ref time.Time, queries []string, cands []candidate, names []Name, roman bool) {
	out, err := a.Generator.Generate(ctx, GenerateRequest{Question: standalone, Lang: ans.Lang, Passages: ans.Passages, History: q.History, RomanUrdu: roman, Reference: ref}, q.OnDelta)
	if err != nil {
		if ctx.Err() == nil {
			a.fallBack(ans, cands, names, queries, "the LLM failed ("+err.Error()+")")
		}
		return
	}
	ans.Generator = a.Generator.Name()
	out = strings.TrimSpace(out)
	if isRefusal(out) {
		ans.Refused = true
		ans.Answer = Refusal(ans.Lang)
		return
	}
	clean, cites, warns := CheckCitations(out, ans.Passages)
	if got := text.DetectLang(clean); got != "" && got != ans.Lang {
		// The reader asked in one language and cannot be assumed to read the
		// other: the quoted extracts, labelled, serve them better.
		a.fallBack(ans, cands, names, queries, "the LLM answered in "+got+" instead of "+ans.Lang)
		return
	}
	ans.Answer, ans.Citations = clean, cites
	ans.Warnings = append(ans.Warnings, warns...)
}

// searches are the variants q is searched with: q itself, and for a question
// in another language or script than the collection's its translation (by
// translate). queries are their texts, for the gate and the extract; the
// CrossQuery is the offline rendering, if any. Warnings and timings go to
// ans.
func (a *Answerer) searches(ctx context.Context, ans *Answer, q, input string) ([]Query, []string, CrossQuery) {
	queries := []string{q}
	searches := []Query{a.query(q)}
	var cross CrossQuery
	if a.CorpusLang != "" && input != "" && scriptLang(input) != a.CorpusLang {
		var extra Query
		extra, cross = a.translate(ctx, ans, q, input)
		if extra.Text != "" {
			queries = append(queries, extra.Text)
			searches = append(searches, extra)
			searches[0].KeywordOnly = !a.Retriever.Embedder.Multilingual()
			searches[0].OtherLanguage = true
		}
	}
	return searches, queries, cross
}

// DefaultTranslateTimeout is how long a question's LLM translation may take
// before the offline one is used instead: the search waits for it.
const DefaultTranslateTimeout = 10 * time.Second

// translate renders a question in another language than the collection's
// for the search: by the LLM translator when there is one, by the offline
// one when there is none or the LLM fails or is too slow; the offline terms
// join the LLM's, which may have missed a name. The CrossQuery is the
// offline rendering, if any (its names serve the English answer).
func (a *Answerer) translate(ctx context.Context, ans *Answer, q, input string) (Query, CrossQuery) {
	var cross CrossQuery
	if a.Offline != nil {
		cross = a.Offline.TranslateQuery(q, input, a.CorpusLang)
	}
	if a.Translator != nil {
		tctx, cancel := ctx, context.CancelFunc(func() {})
		if a.Offline != nil {
			timeout := a.TranslateTimeout
			if timeout <= 0 {
				timeout = DefaultTranslateTimeout
			}
			tctx, cancel = context.WithTimeout(ctx, timeout)
		}
		tStart := time.Now()
		tr, err := a.Translator.Translate(tctx, q, a.CorpusLang)
		cancel()
		ans.Timings["translate"] = ms(time.Since(tStart))
		tr = strings.TrimSpace(tr)
		switch {
		case err != nil:
			msg := "could not translate the question for cross-language search: " + err.Error()
			if cross.Text != "" {
				msg += "; searched with the offline word-by-word translation instead"
			}
			ans.Warnings = append(ans.Warnings, msg)
		case tr != "":
			var terms []WeightedTerm
			if len(cross.Terms) > 0 {
				for _, t := range text.ContentTokens(tr) {
					terms = append(terms, WeightedTerm{Term: t, Weight: 1})
				}
				terms = append(terms, cross.Terms...)
			}
			return Query{Text: tr, Terms: terms, KeywordOnly: a.keywordOnly(tr), Subject: cross.Subject(), SubjectSpellings: cross.SubjectSpellings()}, cross
		}
	}
	if strings.TrimSpace(cross.Text) == "" {
		return Query{}, cross
	}
	return Query{Text: cross.Text, Terms: cross.Terms, KeywordOnly: a.keywordOnly(cross.Text), Subject: cross.Subject(), SubjectSpellings: cross.SubjectSpellings(), Words: cross.Words}, cross
}

// asksNumber is the tokens of the first of queries that asks when or how
// many (questionKind), or nil (answerFollows).
func asksNumber(queries []string) []string {
	for _, q := range queries {
		toks := text.Tokens(q)
		if k := questionKind(toks); k == kindTime || k == kindNumber {
			return toks
		}
	}
	return nil
}

// fallBack gives the extractive answer in place of the LLM's, with a warning
// that says why.
func (a *Answerer) fallBack(ans *Answer, cands []candidate, names []Name, queries []string, why string) {
	ans.Generator = "extractive"
	ans.Warnings = append(ans.Warnings, why+"; showing the extractive answer instead")
	a.extract(ans, cands, names, countedIn(queries), asksNumber(queries), false)
}

// isRefusal recognises the refusal sentences the prompts ask the LLM to use.
func isRefusal(s string) bool {
	f := text.Fold(s)
	return strings.Contains(f, text.Fold(Refusal("ur"))) || strings.Contains(f, text.Fold(Refusal("en")))
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func newID() string {
	b := make([]byte, 12)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// Refusal returns the sentence jawab says when the sources do not answer.
// The prompts tell the LLM to use these exact words, so they live there.
func Refusal(lang string) string { return prompts.Refusal(lang) }

// query is the search for a question as Ask makes it, before any translation.
func (a *Answerer) query(q string) Query {
	return Query{Text: q, KeywordOnly: a.keywordOnly(q), OtherLanguage: a.otherLanguage(q)}
}

// keywordOnly reports whether q skips the vector search (see
// VectorsAcrossLanguagesOnly).
func (a *Answerer) keywordOnly(q string) bool {
	return a.VectorsAcrossLanguagesOnly && a.CorpusLang != "" && text.DetectLang(q) == a.CorpusLang
}

// otherLanguage reports a question in another language than the
// collection's.
func (a *Answerer) otherLanguage(q string) bool {
	return a.CorpusLang != "" && text.DetectLang(q) != "" && text.DetectLang(q) != a.CorpusLang
}

// SearchResult is a search without an answer: the passages and how likely they
// are to answer the query (the same gate as Ask's).
type SearchResult struct {
	Passages      []Passage `json:"passages"`
	Answerability float64   `json:"answerability"`
	Warnings      []string  `json:"warnings,omitempty"`
}

// Search retrieves up to k passages for query and scores their answerability.
// A query in another language than the collection's is searched with its
// translation, as Ask does.
func (a *Answerer) Search(ctx context.Context, query string, k int, f Filter) (*SearchResult, error) {
	query = strings.TrimSpace(query)
	var ans Answer
	ans.Timings = map[string]float64{}
	input := a.inputOf(query)
	searches, queries, cross := a.searches(ctx, &ans, query, input)
	// (No Admission: a search's vector half fans out over the processors,
	// which then stand idle while its slowest part ends; with only as many
	// searches at a time as processors, /v1/search served a sixth fewer
	// requests a second in the load benchmark.)
	res, err := a.Retriever.Search(ctx, searches, k, f)
	if err != nil {
		return nil, err
	}
	out := &SearchResult{Passages: res.Passages, Warnings: append(ans.Warnings, res.Warnings...)}
	if out.Passages == nil {
		out.Passages = []Passage{}
	}
	w := res.termWeights(ctx, a.Retriever.Index)
	w.fetchQueries(queries...)
	if rendered(cross, input) {
		// As Ask judges it (judge), but for a time-bound question's relief:
		// a search reads no time words.
		out.Answerability, _, _, _ = a.renderedAnswerability(w, cross, a.candidates(w, out.Passages, queries, false), input, false)
	} else {
		out.Answerability, _ = a.answerability(w, out.Passages, queries, input == InputUrdu, func() []candidate { return a.candidates(w, out.Passages, queries, false) })
	}
	if err := w.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// Retrieve returns the passages Search finds without judging them, for
// callers that need only them (the eval harness's deeper look for mrr).
func (a *Answerer) Retrieve(ctx context.Context, query string, k int, f Filter) ([]Passage, error) {
	query = strings.TrimSpace(query)
	ans := Answer{Timings: map[string]float64{}}
	searches, _, _ := a.searches(ctx, &ans, query, a.inputOf(query))
	res, err := a.Retriever.Search(ctx, searches, k, f)
	return res.Passages, err
}

// pricedThing is what an Urdu question asks the price of: the words before
// its "کی قیمت" or "کے نرخ", back to a function word and at most three
// ("پٹرول" of "حکومت نے پٹرول کی قیمت میں", "روسی ویکسین اسپوٹنک" of "روسی
// ویکسین اسپوٹنک فائیو کی قیمت"), numbers aside, also with a unit between
// ("سونے کی فی تولہ قیمت"); nil when it asks none.
func pricedThing(q string) []string {
	toks := text.Tokens(q)
	of := func(t string) bool { return t == "کی" || t == "کے" }
	for i := 2; i < len(toks); i++ {
		if !priceNouns[toks[i]] {
			continue
		}
		k := i - 1 // the کی before the price
		if !of(toks[k]) {
			if i < 4 || toks[i-2] != "فی" || !of(toks[i-3]) {
				continue
			}
			k = i - 3
		}
		var thing []string
		for j := k - 1; j >= 0 && j >= k-3 && !text.IsStopword(toks[j]); j-- {
			if !text.IsDigits(toks[j]) {
				thing = append(thing, toks[j])
			}
		}
		return thing
	}
	return nil
}

// priceNouns are the Urdu words for a price that pricedThing reads.
var priceNouns = map[string]bool{"قیمت": true, "قیمتوں": true, "قیمتیں": true, "نرخ": true, "نرخوں": true}

// namesAny reports whether s holds one of words, as it stands, by stem or
// one letter apart (کرونا, کورونا).
func namesAny(s string, words []string) bool {
	toks := text.Tokens(s)
	stems := text.StemTokens(slices.Clone(toks)) // once, not once per word
	for _, w := range words {
		st := text.Stem(w)
		for k, t := range toks {
			if t == w || stems[k] == st || oneEdit(t, w) {
				return true
			}
		}
	}
	return false
}
