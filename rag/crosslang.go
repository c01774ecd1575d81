package rag

import (
	"context"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jawab/jawab/text"
	"github.com/jawab/jawab/when"
)

// Cross-language questions without a model: an English or Roman-Urdu
// question over Urdu news (or an Urdu question over English articles) is
// rendered in the collection's language word by word by a QueryTranslator
// (package xlang: a learned lexicon, names matched by transliteration against
// the collection's own vocabulary, numbers and months), searched and ranked
// as a question in that language, and answered in the asker's language with
// the sources quoted.

// What a question is written in, as QueryTranslator.Input and Ask tell.
const (
	InputUrdu      = "ur"
	InputEnglish   = "en"
	InputRomanUrdu = "roman-ur" // Urdu typed in Latin letters
	InputMixed     = "mixed"    // Urdu and Latin script words mixed
	InputOther     = "other"    // Latin script, neither English nor Roman Urdu
)

// Name is a name as the question spells it (As, in its own script) and the
// word of the collection that spells it in the collection's script.
type Name struct {
	As   string `json:"as"`
	Word string `json:"word"`
}

// CrossQuery is a question rendered in the collection's language without a
// model.
type CrossQuery struct {
	// Text is what the ranker and the extract read: each word's likeliest
	// rendering, in the question's order.
	Text string
	// Terms are every rendering the keyword search tries, weighted by how
	// likely each is.
	Terms []WeightedTerm
	// Names are the question's names found in the collection.
	Names []Name
	// Words are the question's content words with their renderings (a
	// rendering of several words is one Term, space-joined): the gate asks
	// how many of them the quoted sentence meets.
	Words []CrossWord
	// Known is the share of the question's content words that were rendered.
	Known float64
	// Asks is what kind of fact the question asks for (Asks*), "" for
	// other kinds.
	Asks string
}

// Subject is the rendering of the place the question asks about (its
// likeliest, as tokens), nil when it names none or only the country: a
// national report seldom names it (see country).
func (cq CrossQuery) Subject() []string {
	_, toks := cq.subjectWord()
	return toks
}

// subjectWord is the question's first place word that is not the country,
// and its likeliest rendering's tokens; nil tokens when there is none.
func (cq CrossQuery) subjectWord() (CrossWord, []string) {
	for _, w := range cq.Words {
		if !w.Place || len(w.Renderings) == 0 {
			continue
		}
		toks := text.Tokens(w.Likeliest().Term)
		if len(toks) > 0 && !namesCountry(toks) {
			return w, toks
		}
	}
	return CrossWord{}, nil
}

// SubjectSpellings are the other one-word spellings of a one-word Subject
// that are nearly as likely (within subjectSpelling of it): one collection
// types a town two or three ways ("چنیوت", "چنیوٹ", "چینیوٹ"), and its newest
// report may use any. Nil for a place of more words, whose other renderings
// are as often another name sharing a common part ("اسلم آباد").
func (cq CrossQuery) SubjectSpellings() []string {
	w, toks := cq.subjectWord()
	if len(toks) != 1 {
		return nil
	}
	best := w.Likeliest()
	var out []string
	for _, r := range w.Renderings {
		if rt := text.Tokens(r.Term); len(rt) == 1 && rt[0] != toks[0] && r.Weight >= subjectSpelling*best.Weight && !slices.Contains(out, rt[0]) {
			out = append(out, rt[0])
		}
	}
	return out
}

// subjectSpelling is how close to the likeliest rendering of a place another
// spelling must be to stand for it.
const subjectSpelling = 0.9

// What a question asks for, as CrossQuery.Asks says: the gate requires it of
// the quoted sentence.
const (
	AsksTime   = "time"   // when: a year, a month or a date
	AsksYear   = "year"   // in which year
	AsksMonth  = "month"  // in which month
	AsksDate   = "date"   // on what date: a day of a month
	AsksNumber = "number" // how many, how much
)

// CrossWord is a content word of a question and its renderings in the
// collection's language, weighted; none when nothing rendered it.
type CrossWord struct {
	Source     string
	Renderings []WeightedTerm
	// Verb: the word is a verb, which Urdu renders by a phrase the answer
	// need not repeat, or says where a figure comes from ("according",
	// "reported"); the gate does not require it.
	Verb bool
	// Required: the answer must hold it (what "how many" counts, the
	// "price" asked for): a sentence without it does not answer.
	Required bool
	// Counted: the word is what "how many" counts ("kitne muahidon"): the
	// answer's number must stand beside it (countWindow).
	Counted bool
	// Name: the question writes the word as a name (a capital other than
	// the first word's): when the collection has no word for it in any
	// script, the question is about something the articles never mention.
	Name bool
	// Agent: the word names who did what a Roman-Urdu question asks ("X
	// ne …"); it is Required, and any spelling the matcher keeps may meet
	// it, as a name's spellings are all the collection's own.
	Agent bool
	// Place: the question asks about the place the word names ("in
	// Lahore", "in the United States"): a "latest" question's newest report
	// must be that place's.
	Place bool
	// Ordinary: the name is an ordinary English word too ("Tower",
	// "Mount", "Pope"): it does not say which of the collection's stories
	// the question is about.
	Ordinary bool
	// Priced: the question asks the word's price ("the price of silver",
	// "How much does petrol cost?"): a quote must name it, in its sentence
	// or its headline, as an Urdu question's priced thing (pricedThing).
	Priced bool
}

// Without is cq without the words whose likeliest rendering is a word of
// phrase (in the collection's language): the words a Roman Urdu question's
// "taza tareen" became, once the passages' dates answer "تازہ ترین"; and
// those the phrase holds as the question wrote them (an English question's
// "at present", whose "present" is rendered موجود, existing).
func (cq CrossQuery) Without(phrase string) CrossQuery {
	drop := text.Tokens(phrase)
	if len(drop) == 0 {
		return cq
	}
	within := func(toks []string) bool {
		return len(toks) > 0 && !slices.ContainsFunc(toks, func(t string) bool { return !slices.Contains(drop, t) })
	}
	out := cq
	out.Words = slices.DeleteFunc(slices.Clone(cq.Words), func(w CrossWord) bool {
		return within(text.Tokens(w.Likeliest().Term)) || within(text.Tokens(w.Source))
	})
	return out
}

// Likeliest is w's rendering of the highest weight, the first of equals
// (Renderings keep the order they were found in: a name the collection
// spells, "اسلم آباد", before the lexicon's surer "اسلام آباد"); the zero
// WeightedTerm when it has none.
func (w CrossWord) Likeliest() WeightedTerm {
	var best WeightedTerm
	for _, r := range w.Renderings {
		if r.Weight > best.Weight {
			best = r
		}
	}
	return best
}

// QueryTranslator renders questions in the collection's language without a
// model (package xlang).
type QueryTranslator interface {
	// Input says what a Latin-script question is written in: InputEnglish,
	// InputRomanUrdu or InputOther.
	Input(q string) string
	// TranslateQuery renders q, written in input (InputEnglish,
	// InputRomanUrdu, InputUrdu), in lang ("ur" or "en").
	TranslateQuery(q, input, lang string) CrossQuery
}

// NameReader is a QueryTranslator that also tells a name in an Urdu
// question: the transliteration of an English word that the collection
// never writes in any spelling (ایفل for "Eiffel" over Urdu news that never
// names the tower). It is the Urdu question's counterpart of the English
// gate's unseen name (crossCoverageWith), which a capital marks.
type NameReader interface {
	UnseenName(word string) bool
}

// LatinSpeller is a QueryTranslator that also spells a Latin word of an
// Urdu question as the collection writes it in Urdu script.
type LatinSpeller interface {
	UrduSpellings(word string) []string
}

// spelledInUrdu is an Urdu question with each Latin word that the
// collection never holds replaced by the collection's likeliest Urdu
// spelling of it (LatinSpeller), where it has one: a hurried or
// machine-translated question keeps a name in Latin letters ("Niccolò
// Paganini کو وائلن پر …") that the articles write in Urdu (نیکولو
// پاگانینی), and the keyword search, the ranker and the gate meet only the
// words the articles hold. Unchanged when the translator spells no names.
func (a *Answerer) spelledInUrdu(ctx context.Context, question string) (string, error) {
	ls, ok := a.Offline.(LatinSpeller)
	if !ok || !strings.ContainsFunc(question, func(r rune) bool { return unicode.Is(unicode.Latin, r) }) {
		return question, nil // (most Urdu questions: nothing to split)
	}
	fields := strings.Fields(question)
	var at []int        // the fields that are one Latin word of three letters or more
	var tokens []string // … that word, as the index holds words
	for i, f := range fields {
		if arabic, latin := scriptWords(f); latin == 1 && arabic == 0 {
			if toks := text.Tokens(f); len(toks) == 1 && utf8.RuneCountInString(toks[0]) >= 3 {
				at, tokens = append(at, i), append(tokens, toks[0])
			}
		}
	}
	if len(at) == 0 {
		return question, nil
	}
	idf, err := a.Retriever.Index.IDFs(ctx, tokens)
	if err != nil {
		return "", err
	}
	for k, i := range at {
		if idf[k] > 0 {
			continue // the collection holds it as typed
		}
		if sp := ls.UrduSpellings(tokens[k]); len(sp) > 0 {
			fields[i] = sp[0]
		}
	}
	return strings.Join(fields, " "), nil
}

// unseenName returns the first word of an Urdu question that names what
// the collection never mentions: a word the collection does not hold
// (IDF 0), of three letters or more, nor as two adjacent words (writtenApart:
// the two halves side by side in some chunk, not each somewhere — "پینس"
// and "لین" do not write "پینسلین"), that the translator reads as an unseen
// name (NameReader). "" when none, or the translator reads no names.
func (a *Answerer) unseenName(ctx context.Context, w TermWeigher, question string) (string, error) {
	nr, ok := a.Offline.(NameReader)
	if !ok || w == nil {
		return "", nil
	}
	for _, t := range text.Tokens(question) {
		if utf8.RuneCountInString(t) < 3 || text.IsStopword(t) || text.IsDigits(t) || w.IDF(t) > 0 {
			continue
		}
		if !nr.UnseenName(t) {
			continue
		}
		apart, err := a.heldApart(ctx, w, t)
		if err != nil {
			return "", err
		}
		if !apart {
			return t, nil
		}
	}
	return "", nil
}

// unseenAcronym returns the first acronym an Urdu question spells in Urdu
// letter names ("سی این جی") that the collection holds in no reading and in
// neither script (text.SpelledAcronyms; IDF 0 for each: "cng" is also the
// Latin "CNG"), or "" for none. An acronym is a name: "اس وقت سی این جی کی
// فی کلو قیمت کتنی ہے؟" over news that never mentions CNG is about what the
// articles lack, whatever sugar's price per kilo they report. Three to five
// letters only: two letters are often words ("پی کے", "اے سی"), and six or
// more are often two acronyms or a misreading. An acronym the question
// writes in Latin capitals is not read: the UQA tuning part's "EMALS" and
// "XXII" are in Latin in machine-translated questions whose paragraphs
// spell them otherwise.
func unseenAcronym(w TermWeigher, question string) string {
	if w == nil {
		return ""
	}
	// An acronym that is an English stopword ("who" of "ڈبلیو ایچ او") is in
	// no index (text.ContentTokens drops it): it cannot be looked up.
	seen := func(a string) bool { return len(a) < 3 || text.IsStopword(a) || w.IDF(a) > 0 }
	for _, run := range text.SpelledAcronyms(question) {
		if len(run[0]) >= 3 && len(run[0]) <= 5 && !slices.ContainsFunc(run, seen) {
			return run[0]
		}
	}
	return ""
}

// inputOf says what q is written in: its script, and for Latin script what
// the offline translator makes of it (English without one).
func (a *Answerer) inputOf(q string) string {
	arabic, latin := scriptWords(q)
	switch {
	case arabic == 0 && latin == 0:
		return ""
	case mixedScripts(arabic, latin):
		return InputMixed
	case arabic >= latin:
		return InputUrdu
	case a.Offline != nil:
		return a.Offline.Input(q)
	}
	return InputEnglish
}

// scriptWords counts q's words written in Arabic and in Latin letters, by
// their letters' majority.
func scriptWords(q string) (arabic, latin int) {
	for _, w := range strings.Fields(q) {
		if text.IsAcronym(w) {
			continue // LNG, SCO: Latin in Urdu text too
		}
		var ar, la int
		for _, r := range w {
			switch {
			case !unicode.IsLetter(r):
			case r >= 0x0600 && r <= 0x06FF || r >= 0x0750 && r <= 0x077F || r >= 0xFB50 && r <= 0xFEFF:
				ar++
			case r < 0x250:
				la++
			}
		}
		if ar == 0 && la == 1 {
			continue // "Sputnik V", "a": a letter is not a word of a language
		}
		switch {
		case ar > la:
			arabic++
		case la > ar:
			latin++
		}
	}
	return arabic, latin
}

// mixedScripts reports a question written in two scripts at once ("Imran
// Khan کا دورہ روس kab hua"), which neither the Urdu nor the Latin path can
// read. Urdu news keeps Latin names and acronyms ("Kanye West", LNG), so a
// question mostly in Urdu script is Urdu, whatever Latin words it holds.
func mixedScripts(arabic, latin int) bool {
	// An English or Roman-Urdu question is read word by word in Latin
	// letters: an Urdu word in it is one the translation cannot place.
	return latin > arabic && arabic > 0
}

// scriptLang is the language a question's script stands for: Urdu for Urdu
// script, English for Latin (English, and Roman Urdu, which is searched by
// its rendering in Urdu script).
func scriptLang(input string) string {
	if input == InputUrdu {
		return "ur"
	}
	return "en"
}

// inputRefusal is what a question gets that jawab cannot read: it says why,
// in the asker's language.
func inputRefusal(lang, input string) string {
	if lang == "ur" {
		why := "یہ سوال اردو اور لاطینی رسم الخط کو ملا کر لکھا گیا ہے"
		if input == InputOther {
			why = "یہ سوال نہ اردو میں ہے، نہ انگریزی میں اور نہ رومن اردو میں"
		}
		return why + "، اس لیے اسے خبروں سے ملایا نہیں جا سکتا۔ jawab اردو، انگریزی اور رومن اردو (لاطینی حروف میں اردو) کے سوال پڑھتا ہے: سوال ان میں سے کسی ایک میں پوچھیں۔"
	}
	why := "This question mixes Urdu and Latin script"
	if input == InputOther {
		why = "This question is in neither English, Urdu nor Roman Urdu"
	}
	return why + ", so it cannot be matched against the articles. jawab reads questions in Urdu, English and Roman Urdu (Urdu typed in Latin letters): please ask in one of them."
}

// crossCoverage is the share of a translated question's weight that the
// best of the candidate sentences holds: each word of the question counts
// when one of its renderings is there (all its tokens, or their stems), and
// weighs its likeliest rendering's IDF. A word nothing rendered, or whose
// renderings the collection never uses, weighs unseenWeight and is never
// met: it is either the lexicon's gap or the very thing the articles lack.
//
// A question that asks when or how many (its rendering's kind cue: کب,
// کتنے) is answered only by a sentence with a number or a month of its own,
// not one the question already names.
func (a *Answerer) crossCoverage(w TermWeigher, cq CrossQuery, cands []candidate) float64 {
	best, _ := a.crossCoverageWith(w, cq, cands, 0)
	return best
}

// HeadlineShare is how much of its weight a word of an English question
// counts when the sentence lacks it and the sentence's headline holds it
// (crossCoverageWith): "How many runs did Mitchell Starc make … when South
// Africa beat them in the tri-series?" is answered by "مچل سٹارک 29 رنز بنا
// کر ناٹ آؤٹ رہے", under "جنوبی افریقہ نے آسٹریلیا کو شکست دے کر سہ ملکی ون
// ڈے سیریز جیت لی". Chosen on the English tuning sets (pk-ru-en-tune*,
// alone and with the distractors): at .5 two fewer of their 94 answerable
// questions are refused and no more of their 48 unanswerable ones are
// answered; at .7 one more unanswerable one is (README, "English and Roman
// Urdu questions"). Roman-Urdu questions get none: on their tuning set it
// let an unanswerable one through.
const HeadlineShare = 0.5

// crossCoverageWith is crossCoverage with a word the sentence lacks counting
// titleShare of its weight when the sentence's headline holds it; a word the
// answer must hold (Required) counts only in the sentence. It also returns
// which candidate holds the best share (-1 for none).
func (a *Answerer) crossCoverageWith(w TermWeigher, cq CrossQuery, cands []candidate, titleShare float64) (float64, int) {
	return crossScorer(w, cq, titleShare)(cands)
}

// crossScorer prepares cq for crossCoverageWith once (its renderings'
// stems and weights, the rate and count it asks) and returns the scoring
// of candidates by it, for a caller that scores many passages' sentences
// apart (holdsRequiredRendered).
func crossScorer(w TermWeigher, cq CrossQuery, titleShare float64) func(cands []candidate) (float64, int) {
	none := func(share float64) func([]candidate) (float64, int) {
		return func([]candidate) (float64, int) { return share, -1 }
	}
	words := splitRenderings(w, cq.Words)
	if len(words) == 0 {
		return none(0)
	}
	var own []string
	for _, t := range cq.Terms {
		own = append(own, t.Term)
	}
	weights := make([]float64, len(words))
	total := 0.0
	rends := make([][][]string, len(words)) // by word, by rendering: its content tokens' stems
	seqs := make([][][]string, len(words))  // … all its tokens' stems, as they stand in a sentence
	glued := make([][]string, len(words))   // … a rendering of two words or more typed as one, stemmed ("" for one word)
	for i, cw := range words {
		if cw.Verb {
			continue
		}
		weights[i] = unseenWeight
		for j, r := range cw.Renderings {
			toks := strings.Fields(r.Term)
			// The sentence's stopwords are not looked at: a rendering is met by
			// its other words ("کے ایس ای", KSE, by ایس and ای).
			content := slices.DeleteFunc(slices.Clone(toks), text.IsStopword)
			if len(content) == 0 {
				content = toks
			}
			rends[i] = append(rends[i], text.StemTokens(content))
			seqs[i] = append(seqs[i], text.StemTokens(slices.Clone(toks)))
			g := ""
			if len(toks) > 1 {
				g = text.Stem(strings.Join(toks, ""))
			}
			glued[i] = append(glued[i], g)
			if j == 0 && w != nil {
				rare := 0.0
				for _, t := range toks {
					rare = max(rare, w.IDF(t))
				}
				if rare > 0 {
					weights[i] = rare
				}
			} else if j == 0 {
				weights[i] = 1
			}
		}
		total += weights[i]
	}
	if total == 0 {
		return none(1) // only verbs: nothing to require
	}
	// A question that names two or more things the collection writes
	// ("North Korea", "Seoul") is about its news, and a name of it that the
	// collection never writes is more likely spelt otherwise there ("Pope
	// Francis") than the question's subject; with one (Pakistan, in
	// Pakistan's news) it is the subject ("Netflix subscribers in Pakistan").
	known := 0
	for i, cw := range words {
		if cw.Name && !cw.Ordinary && weights[i] != unseenWeight {
			known++
		}
	}
	if w != nil && known < 2 {
		for i, cw := range words {
			if cw.Name && weights[i] == unseenWeight && w.IDF(text.Fold(cw.Source)) == 0 {
				return none(0) // "How tall is the Eiffel Tower?" over articles that never name it
			}
		}
	}
	counting := slices.ContainsFunc(words, func(w CrossWord) bool { return w.Counted }) // it names what it counts
	// The foreign currencies whose rate the question may ask (none when it
	// asks no rate): once per question, not per sentence.
	var rateOf []string
	priceRate := false // a rate of what the question names no currency for: its price
	if slices.ContainsFunc(words, func(w CrossWord) bool { return rateWords[text.Fold(w.Source)] }) {
		for _, w := range words {
			if r := w.Likeliest().Term; currencies[r] && !rupees[r] {
				rateOf = append(rateOf, r)
			}
		}
		priceRate = len(rateOf) == 0 && !slices.ContainsFunc(words, func(w CrossWord) bool { return currencies[w.Likeliest().Term] })
	}
	rendered := map[string]bool{} // every rendering's stems: what a glued word may hold
	for _, rs := range rends {
		for _, r := range rs {
			for _, st := range r {
				rendered[st] = true
			}
		}
	}
	// The headline's stems, by passage: its words stand for the report's
	// context, which a sentence that answers seldom repeats.
	titles := map[*Passage]map[string]bool{}
	titleOf := func(p *Passage) map[string]bool {
		if p == nil || p.Title == "" {
			return nil
		}
		if st, ok := titles[p]; ok {
			return st
		}
		st := map[string]bool{}
		for _, t := range text.Tokens(p.Title) {
			if !text.IsStopword(t) {
				st[text.Stem(t)] = true
			}
		}
		titles[p] = st
		return st
	}
	// share is a sentence's share of the question's weight, from its tokens
	// (raw); false when it cannot answer (it lacks what the question asks).
	share := func(c candidate, raw []string) (float64, bool) {
		all := joinStrays(raw, w) // once: the asked-for check reads stopwords too ("یکم")
		if !holdsAsked(cq.Asks, all, own) && !(cq.Asks == AsksNumber && counting) {
			// (What a how-many question counts may be counted in words,
			// "تین معاہدوں": countsNear checks that number.)
			return 0, false
		}
		stems := map[string]bool{}
		var words5 []string // its words long enough for oneEdit
		unglued := make([]string, 0, len(all))
		for k, t := range all {
			halves := gluedWords(t, w, rendered)
			if len(halves) == 0 {
				unglued = append(unglued, t)
			}
			unglued = append(unglued, halves...)
			if !text.IsStopword(t) && !withheldName(all, k) {
				stems[text.Stem(t)] = true
				if len(t) >= 10 { // ten bytes: five Urdu letters, which oneEdit needs (it checks the letters)
					words5 = append(words5, t)
				}
				for _, half := range halves {
					stems[text.Stem(half)] = true
				}
			}
		}
		if len(all) < len(raw) {
			// The words a join took in stand as well: "ورلڈ کپ" joins to the
			// collection's "ورلڈکپ", and is still "world" and "cup". (Only
			// a join shortens all; otherwise its words are raw's, stemmed.)
			for k, t := range raw {
				if !text.IsStopword(t) && !withheldName(raw, k) {
					stems[text.Stem(t)] = true
				}
			}
		}
		for j := 0; j+1 < len(all); j++ {
			// A word split by a stray space: "اسٹاک ایکس چینج" holds the
			// rendering's ایکسچینج.
			if joined := text.Stem(all[j] + all[j+1]); rendered[joined] && !text.IsDigits(all[j]) && !text.IsDigits(all[j+1]) {
				stems[joined] = true
			}
		}
		meanings := countsIn(unglued) // "183افرادہلاک" counts the dead
		// (A rate is of the foreign currency the question names, and the
		// sentence names it too.)
		foreignCurrency := slices.ContainsFunc(rateOf, func(r string) bool { return slices.Contains(all, r) })
		cov := 0.0
		for i := range words {
			met := false
			for j, r := range rends[i] {
				// A required word must be met by a likely rendering, not by a
				// spelling the matcher only half believes (لڑاکا, not ترقی).
				if words[i].Required && !words[i].Agent && words[i].Renderings[j].Weight < requiredWeight {
					continue
				}
				if allIn(r, stems) || glued[i][j] != "" && stems[glued[i][j]] || len(r) == 1 && slices.ContainsFunc(words5, func(t string) bool { return oneEdit(words[i].Renderings[j].Term, t) }) {
					// (One letter apart, as the ranker matches words: کورونا
					// and کرونا, the two spellings of one name.)
					met = true
					break
				}
			}
			if m := countMeaning(words[i]); !met && m != "" && meanings[m] {
				// "died" is met by "جاں بحق" as by "ہلاک": one event's reports
				// count the same dead in either word.
				met = true
			}
			if !met && statesAmountAsked(words[i], all) {
				// A price is stated as an amount of money, seldom with the
				// word: "چینی 110 روپے کلو".
				met = true
			}
			if !met && rateWords[text.Fold(words[i].Source)] && foreignCurrency && statesAmount(all, rupees) {
				// So is a currency's rate, in rupees: "ڈالر 156 روپے سے نیچے
				// آ گیا" (and not "200 ارب ڈالر کا نقصان").
				met = true
			}
			if !met && rateWords[text.Fold(words[i].Source)] && priceRate && statesAmount(all, nil) {
				// And the rate of gold or petrol is its price: "فی تولہ
				// قیمت … 1لاکھ 4ہزار450روپے".
				met = true
			}
			if !met && rateWords[text.Fold(words[i].Source)] && len(rateOf) == 0 && statesAmount(all, percentWords) {
				// Any other rate is a percentage, often without the word:
				// "اسلام آباد میں کورونا مثبت کیسز 12 فیصد تک" for the
				// positivity rate (not a currency's: "ڈالر کی قدر میں 2
				// فیصد کمی" is no rate of the dollar).
				met = true
			}
			switch {
			case met:
				cov += weights[i]
			case !words[i].Required && titleShare > 0 && slices.ContainsFunc(rends[i], func(r []string) bool { return len(r) > 0 && allIn(r, titleOf(c.p)) }):
				cov += titleShare * weights[i]
			case words[i].Required && len(words[i].Renderings) > 0:
				// (One with no rendering at all cannot be looked for: it
				// counts as unseen in the total, and vetoes nothing.)
				cov = math.Inf(-1)
			case isYear(words[i].Source) && !reportOfYear(c.p, words[i].Source):
				// A year the question names ("How much was the trade worth
				// in 2023?") is the sentence's, or its report's: a report
				// of that year or the next (a year's figures are published
				// after it). A figure in an undated or other year's report
				// answers another year.
				cov = math.Inf(-1)
			}
		}
		if cov > 0 && cq.Asks == AsksNumber && counting && !countsNear(words, seqs, glued, all, own) {
			return 0, false
		}
		return max(cov, 0) / total, true
	}
	return func(cands []candidate) (float64, int) {
		best, quoted, at := 0.0, 0.0, -1
		for ci, c := range cands {
			raw := text.Tokens(c.sentence)
			s, ok := share(c, raw)
			if !ok {
				continue
			}
			best = max(best, s)
			if dl := datelineTokens(c.sentence); dl != nil {
				// A dateline's date says the report is of the day asked, which
				// the gate weighs; the sentence quoted first is chosen by what
				// it says: "24 ستمبر (اے پی پی) صرافہ مارکیٹ میں مندی کا رجحان رہا"
				// is no answer to "the price of gold on 24 September".
				raw, _ = withoutDateline(raw, nil, dl)
				if s, ok = share(c, raw); !ok {
					s = 0
				}
			}
			// Of equal shares, the sentence of the first passage: the passages
			// are in the search's order, or newest first for a latest question,
			// whose newest report must not yield to an older one that words the
			// question alike.
			if s > quoted || s > 0 && at >= 0 && s == quoted && c.p != nil && cands[at].p != nil && c.p.N < cands[at].p.N {
				quoted, at = s, ci
			}
		}
		return best, at
	}
}

// splitRenderings returns words with, before a first rendering of one word
// that the collection never uses, the two words it splits into when the
// collection uses both (of three letters or more): Urdu writes many names
// either way ("ایکواڈور", "ایکوا ڈور"). The words are copied when changed.
func splitRenderings(w TermWeigher, words []CrossWord) []CrossWord {
	if w == nil {
		return words
	}
	out, copied := words, false
	for i, cw := range words {
		if len(cw.Renderings) == 0 || strings.Contains(cw.Renderings[0].Term, " ") || w.IDF(cw.Renderings[0].Term) > 0 {
			continue
		}
		if left, right, ok := writtenApart(w, cw.Renderings[0].Term); ok {
			if !copied {
				out, copied = slices.Clone(words), true
			}
			split := WeightedTerm{Term: left + " " + right, Weight: cw.Renderings[0].Weight}
			out[i].Renderings = append([]WeightedTerm{split}, cw.Renderings...)
		}
	}
	return out
}

// writtenApart splits word into two words of three letters or more that the
// collection uses both, the first such split: how it may write a name that
// it never writes as one word ("ایکوا ڈور" for ایکواڈور).
func writtenApart(w TermWeigher, word string) (string, string, bool) {
	for _, h := range twoWords(word) {
		if w.IDF(h[0]) > 0 && w.IDF(h[1]) > 0 {
			return h[0], h[1], true
		}
	}
	return "", "", false
}

// twoWords are the splits of word into two words of three letters or more,
// the shorter first word first: how a word typed as one may be two.
func twoWords(word string) [][2]string {
	rs := []rune(word)
	var out [][2]string
	for k := 3; k+3 <= len(rs); k++ {
		out = append(out, [2]string{string(rs[:k]), string(rs[k:])})
	}
	return out
}

// sumWords ask a sum of money ("how much money", "how much cash"), which a
// report states as an amount ("8لاکھ ڈالر امداد") without the word.
var sumWords = map[string]bool{"money": true, "cash": true, "funds": true, "amount": true, "worth": true, "value": true}

// PriceWord reports a word that asks a price or a currency's rate ("price",
// "cost", "rate", "قیمت", "ریٹ"): what the thing before or after it names is
// what a quote must name (xlang reads an English question's so).
func PriceWord(w string) bool { return priceWords[w] || rateWords[w] }

// priceWords are the words that ask a price, by source or rendering.
// (Not "rate": "the dollar rate" is not any sum in dollars, "200 ارب ڈالر
// کا نقصان".)
var priceWords = map[string]bool{
	"price": true, "prices": true, "cost": true, "costs": true,
	"qeemat": true, "keemat": true, "qimat": true, "qeemten": true,
	"قیمت": true, "قیمتیں": true, "لاگت": true,
}

// currencies are the words an amount of money ends with; rupees are
// Pakistan's, in which a foreign currency's rate is given.
var (
	currencies = map[string]bool{"روپے": true, "روپیہ": true, "روپئے": true, "ڈالر": true, "ڈالرز": true, "پیسے": true, "ریال": true, "یورو": true, "پاؤنڈ": true}
	rupees     = map[string]bool{"روپے": true, "روپیہ": true, "روپئے": true, "پیسے": true}
	// rateWords ask a currency's rate ("the dollar rate", "dollar ka rate").
	rateWords = map[string]bool{"rate": true, "rates": true, "ریٹ": true, "نرخ": true}
)

// statesAmountAsked reports whether toks state the amount w asks, if it
// asks one, as a report states it, seldom with the word itself (the
// coverage and the how-many count both read it so): a price in a currency;
// a sum of money in a currency or as a gift of money ("11لاکھ کا چیک
// دیدیا", a cheque of 11 lakh, answers "how much money did he give").
func statesAmountAsked(w CrossWord, toks []string) bool {
	switch {
	case asksPrice(w):
		return statesAmount(toks, nil)
	case sumWords[text.Fold(w.Source)]:
		return statesAmount(toks, nil) || statesAmount(toks, moneyNouns)
	}
	return false
}

// percentWords are the words of a percentage ("12 فیصد"), which states a
// rate (the rendered gate's required rate, statesRate's rate or percentage).
var percentWords = map[string]bool{"فیصد": true}

// moneyNouns are the words a sum of money is given as when no currency is
// named: a cheque, a fund, a grant, a donation.
var moneyNouns = map[string]bool{"چیک": true, "فنڈ": true, "فنڈز": true, "گرانٹ": true, "عطیہ": true, "عطیات": true}

// asksPrice reports a question word that asks a price.
func asksPrice(w CrossWord) bool {
	return priceWords[text.Fold(w.Source)] || priceWords[w.Likeliest().Term]
}

// statesAmount reports an amount of money in toks: a number, then within
// two words a currency ("156 روپے", "1732 ڈالر", "42 کروڑ امریکی ڈالر"),
// one of in when in is not nil. The number may be written with scales and
// in words, as news writes sums: "ایک ارب چار کروڑ روپے", "دو سو ارب ڈالر",
// "36کروڑ 31لاکھ 30ہزار ڈالر" (text.ReadNumber's whole figure).
func statesAmount(toks []string, in map[string]bool) bool {
	if in == nil {
		in = currencies
	}
	for i := range toks {
		span := 0
		if _, n, ok := text.ReadNumber(toks, i); ok {
			span = n
		} else if isCount(toks[i]) {
			span = 1
		}
		if span == 0 {
			continue
		}
		for j := i + span; j < len(toks) && j <= i+span+1; j++ {
			if in[toks[j]] {
				return true
			}
		}
	}
	return false
}

// nonJoining are the Urdu letters that do not join the next one, after
// which two words typed with no space look like one ("کوروناویکسین");
// wordFinalOnly's are among them.
var nonJoining = map[rune]bool{'ا': true, 'آ': true, 'د': true, 'ڈ': true, 'ذ': true, 'ر': true, 'ڑ': true, 'ز': true, 'ژ': true, 'و': true, 'ے': true, 'ں': true}

// gluedWords are the words t is when missing spaces glued them: split after
// non-joining letters, leftmost first, into words of three letters or more,
// each a word of the collection (w), one of them among rendered (by its stem)
// or a casualty word ("افرادہلاک": ہلاک, which a question's "deaths" meets
// by meaning; "ہزارویڈیوزہٹا": ویڈیوز); nil when no split gives such words
// (or w is nil). Only a split that can meet the question is tried, and only
// it asks w for weights: a remote index answers each unseen word in a round
// trip.
func gluedWords(t string, w TermWeigher, rendered map[string]bool) []string {
	if w == nil {
		return nil
	}
	meets := func(p string) bool { return rendered[text.Stem(p)] || countWords[p] != "" }
	var split func(rs []rune, met bool) []string
	split = func(rs []rune, met bool) []string {
		for i := 3; i+3 <= len(rs); i++ {
			if !nonJoining[rs[i-1]] {
				continue
			}
			a, b := string(rs[:i]), string(rs[i:])
			if w.IDF(a) == 0 {
				continue
			}
			aMeets := meets(a)
			if (met || aMeets || meets(b)) && w.IDF(b) > 0 {
				return []string{a, b}
			}
			if rest := split(rs[i:], met || aMeets); rest != nil {
				return append([]string{a}, rest...)
			}
		}
		return nil
	}
	rs := []rune(t)
	if !slices.ContainsFunc(substringsAtJoins(rs), meets) {
		return nil // cheap first: no part could meet the question
	}
	return split(rs, false)
}

// substringsAtJoins are the pieces of rs between its non-joining letters'
// ends (and its ends): the words a glued token may hold.
func substringsAtJoins(rs []rune) []string {
	cuts := []int{0}
	for i := 1; i < len(rs); i++ {
		if nonJoining[rs[i-1]] {
			cuts = append(cuts, i)
		}
	}
	cuts = append(cuts, len(rs))
	var out []string
	for x := 0; x < len(cuts); x++ {
		for y := x + 1; y < len(cuts); y++ {
			if cuts[y]-cuts[x] >= 3 {
				out = append(out, string(rs[cuts[x]:cuts[y]]))
			}
		}
	}
	return out
}

// joinStrays joins to the word before it a fragment that a stray space cut
// off ("دو کشمیری نوجوا ن شہید", "سند ھ", "راولپنڈ ی"): a token of one or
// two letters, no stopword or number (in digits or a word: "میں دو کروڑ" is
// no "میںدو", which the collection's typos hold), whose join with the word before is a
// word of the collection (w; none is joined without it). toks is not changed.
func joinStrays(toks []string, w TermWeigher) []string {
	if w == nil {
		return toks
	}
	var out []string
	for i, t := range toks {
		if i > 0 && len(out) > 0 && utf8.RuneCountInString(t) <= 2 && !text.IsStopword(t) && !isCount(t) && text.DetectLang(t) == "ur" {
			if joined := out[len(out)-1] + t; w.IDF(joined) > 0 {
				out[len(out)-1] = joined
				continue
			}
		}
		out = append(out, t)
	}
	return out
}

// countMeaning is what a question word counts when it names casualties
// ("died", "killed", "injured", "arrested", or its likeliest rendering, such
// as اموات), by countWords; "" otherwise.
func countMeaning(w CrossWord) string {
	if m, ok := countWords[text.Fold(w.Source)]; ok {
		return m
	}
	return countWords[w.Likeliest().Term] // the likeliest only: a stray sense is no casualty
}

// countWindow is how many words from what a how-many question counts its
// number may stand: Urdu puts the number before the noun ("تین معاہدوں",
// "8 بلین ڈالر کی سرمایہ کاری", "80 رکنی وفد") or just after it ("معاہدوں کی
// تعداد تین"). Four, not three, for the public Roman set's "8 بلین ڈالر کی
// سرمایہ کاری": chosen on that set, which is not held out for it.
const countWindow = 4

// countsNear reports whether a sentence (its tokens) holds a number of its
// own within countWindow words of what the question counts. "kitne muahidon par dastakhat hue" is not
// answered by "…ایک 80 رکنی وفد پاکستان پہنچا اور … اہم معاہدوں پر دستخط
// کئے گئے": the 80 counts the delegation's members.
func countsNear(words []CrossWord, rends [][][]string, glued [][]string, toks, own []string) bool {
	stems := text.StemTokens(slices.Clone(toks))
	countAround := func(from, to int) bool {
		lo, hi := max(0, from-countWindow), min(len(toks)-1, to+countWindow)
		for k := lo; k <= hi; k++ {
			if isCount(toks[k]) && !slices.Contains(own, toks[k]) {
				return true
			}
		}
		// A number in words with its scale, which isCount does not read
		// word by word (its ایک is as often the article): "ایک ہزار سے زائد
		// دہشتگردوں", "ایک ارب ڈالر سے زائد منافع"; it may begin before the
		// window and end in it.
		for k := max(0, lo-2); k <= hi; k++ {
			if _, n, ok := text.ReadNumber(toks, k); ok && n > 1 && k+n > lo && !slices.Contains(own, toks[k]) {
				return true
			}
		}
		return false
	}
	for i, cw := range words {
		if !cw.Counted {
			continue
		}
		if statesAmountAsked(cw, toks) {
			// "how much money" counts money, and a sum is counted in a
			// currency, not beside the word: "7 لاکھ یورو کی مالی امداد",
			// "25 ہزار روپے فی خاندان" (the coverage meets the word so too).
			return true
		}
		if m := countMeaning(cw); m != "" {
			// "how many died" is counted by "3 مریض جاں بحق" as by
			// "3 افراد ہلاک": the casualty words of one meaning, as the
			// coverage meets them.
			for k := range toks {
				if what, n := countAt(toks, k); n > 0 && what == m && countAround(k, k+n-1) {
					return true
				}
			}
		}
		for j, r := range rends[i] {
			if cw.Renderings[j].Weight < requiredWeight {
				continue
			}
			for _, at := range positions(r, stems) {
				if countAround(at, at+len(r)-1) {
					return true
				}
			}
			if g := glued[i][j]; g != "" {
				// Typed as one word, as the coverage meets it too: "تین
				// ونڈے" counts the ODIs.
				for _, at := range positions([]string{g}, stems) {
					if countAround(at, at) {
						return true
					}
				}
			}
		}
	}
	return false
}

// isCount reports a number in digits or in words ("تین", "پچاس", and a
// scale word alone: "ہزار سے زیادہ خوراکیں", a thousand doses and more),
// but not ایک, which is Urdu's indefinite article as often as the number
// one.
func isCount(t string) bool {
	if isNumberToken(t) {
		return true
	}
	if _, ok := text.Scale(t); ok {
		return true
	}
	n, ok := text.UrduNumberWord(t)
	if !ok {
		// A number word glued to the postposition before it, as typed:
		// "کولگام میںدو کشمیری نوجوان".
		for _, p := range gluedPostpositions {
			if rest, cut := strings.CutPrefix(t, p); cut && rest != "" {
				n, ok = text.UrduNumberWord(rest)
				break
			}
		}
	}
	return ok && n != 1
}

// gluedPostpositions are the postpositions news text glues to the next
// word most often.
var gluedPostpositions = []string{"میں", "سے", "کے", "کی", "کو", "نے"}

// positions are where the token sequence seq starts in toks.
func positions(seq, toks []string) []int {
	var out []int
	for i := range toks {
		if seqAt(toks, i, seq) {
			out = append(out, i)
		}
	}
	return out
}

// hasSeq reports whether the token sequence seq occurs in toks.
func hasSeq(toks, seq []string) bool {
	for i := range toks {
		if seqAt(toks, i, seq) {
			return true
		}
	}
	return false
}

// seqAt reports whether the token sequence seq starts at toks[i].
func seqAt(toks []string, i int, seq []string) bool {
	return i+len(seq) <= len(toks) && slices.Equal(toks[i:i+len(seq)], seq)
}

func allIn(toks []string, set map[string]bool) bool {
	for _, t := range toks {
		if !set[t] {
			return false
		}
	}
	return len(toks) > 0
}

// requiredWeight is the least relative weight of a rendering that meets a
// required word.
const requiredWeight = 0.9

// holdsAsked reports whether a sentence's tokens hold the kind of fact a
// question asks for, other than what the question itself names: a year of
// its own for "in which year", a month for "which month", a day and month
// or a day as news names it (namesDay: "جمعرات کو", "گزشتہ روز") for "on
// what date" and "which day", any of them for "when", a number for "how
// many".
func holdsAsked(asks string, toks, own []string) bool {
	year, month, date, day := false, false, false, false
	for i, t := range toks {
		if slices.Contains(own, t) {
			continue
		}
		switch {
		case namesDay(toks, i):
			day = true
		case len(t) == 4 && text.IsDigits(t) && t >= "1800" && t <= "2100":
			year = true
		case text.IsUrduMonth(t):
			month = true
			if i > 0 && (text.IsDigits(toks[i-1]) && len(toks[i-1]) <= 2 || toks[i-1] == "یکم") {
				date = true
			}
		}
	}
	switch asks {
	case AsksYear:
		return year
	case AsksMonth:
		return month
	case AsksDate:
		return date || day
	case AsksTime:
		return year || month || day
	case AsksNumber:
		return hasNumber(toks, own) || numberInWords(toks, own)
	}
	return true
}

// namesDay reports a day named at toks[i] as news names the day of an
// event: a weekday as the time parser reads one (when.WeekdayAt: "جمعرات
// کو", "Thursday"), or "گزشتہ روز" (yesterday).
func namesDay(toks []string, i int) bool {
	if _, n := when.WeekdayAt(toks, i); n > 0 {
		return true
	}
	return (toks[i] == "گزشتہ" || toks[i] == "گذشتہ") && seqAt(toks, i+1, []string{"روز"})
}

// numberInWords reports a number written in words in toks that can be
// nothing else ("برطانیہ میں دو کروڑ لوگوں کو ویکسین لگا دی گئی": text.ReadNumber;
// not a lone دو or ایک, which are common words too), other than the
// question's own words: how Urdu headlines often state a count.
func numberInWords(toks, own []string) bool {
	for i, t := range toks {
		if isNumberToken(t) || slices.Contains(own, t) {
			continue
		}
		if _, _, ok := text.ReadNumber(toks, i); ok {
			return true
		}
	}
	return false
}

// withheldName reports a نام at toks[i] that names nobody: news quotes its
// sources "نام ظاہر نہ کرنے کی شرط پر" (on condition of anonymity), and a
// sentence that says so does not give the name a question asks for.
func withheldName(toks []string, i int) bool {
	if toks[i] != "نام" {
		return false
	}
	after := toks[i+1 : min(len(toks), i+5)]
	told := slices.ContainsFunc(after, func(t string) bool { return disclosing[t] })
	return told && slices.ContainsFunc(after, func(t string) bool { return negations[t] })
}

// disclosing are the verbs of telling a name ("ظاہر کرنا", "بتانا").
var disclosing = map[string]bool{"ظاہر": true, "بتائے": true, "بتانے": true, "بتایا": true, "بتاتے": true}

// reportOfYear reports whether p was published in the year y (four digits)
// or the next.
func reportOfYear(p *Passage, y string) bool {
	if p == nil || p.Published.IsZero() {
		return false
	}
	n, _ := strconv.Atoi(y)
	return p.Published.Year() == n || p.Published.Year() == n+1
}

// pricedRenderings are the words whose price the question asks
// (CrossWord.Priced) as written and as rendered, stopwords aside (a mixed
// collection's English report writes "dollar"); nil when it asks none.
func (cq CrossQuery) pricedRenderings() []string {
	var out []string
	for _, w := range cq.Words {
		if !w.Priced {
			continue
		}
		for _, r := range append([]WeightedTerm{{Term: w.Source}}, w.Renderings...) {
			for _, t := range text.Tokens(r.Term) {
				if !text.IsStopword(t) && !slices.Contains(out, t) {
					out = append(out, t)
				}
			}
		}
	}
	return out
}
