// Package xlang renders a question in the collection's language without a
// model, so that an English or Roman-Urdu question finds Urdu news (and an
// Urdu question English articles) offline. It implements rag.QueryTranslator.
//
// A question is rendered word by word, each rendering weighted by how sure it
// is:
//   - ordinary words by the learned bilingual lexicon (package lexicon),
//     weighted by translation probability;
//   - names by transliteration, matched against the collection's own
//     vocabulary (package translit), so that "Lavrov" finds whichever of
//     لاوروف or لاروف the articles use, in any collection;
//   - numbers as digits and, for an Urdu collection, as the words Urdu news
//     spells them with ("50,000" → پچاس ہزار); English month names as Urdu
//     ones (May → مئی) when they are written as months;
//   - a Roman-Urdu question by its words' Urdu spellings that the collection
//     knows.
package xlang

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/jawab/jawab/lexicon"
	"github.com/jawab/jawab/rag"
	"github.com/jawab/jawab/text"
	"github.com/jawab/jawab/translit"
	"github.com/jawab/jawab/when"
)

// Offline is the model-free query translator. It is safe for concurrent use.
type Offline struct {
	lex   *lexicon.Lexicon
	vocab rag.Vocabulary // nil: names are transliterated by rule alone

	// off holds the parts switched off for an ablation (Without).
	off map[string]bool

	mu       sync.Mutex
	matcher  *translit.Matcher
	size     int  // the vocabulary size matcher was built at
	building bool // a rebuild is running
	// cache holds names' results for the matcher cacheFor.
	cache    map[string][]translit.Match
	cacheFor *translit.Matcher
}

// New returns a translator over lex that matches names against the
// collection's vocabulary (an index that lists no words matches no names;
// nil for none).
func New(lex *lexicon.Lexicon, vocab rag.Vocabulary) *Offline {
	return &Offline{lex: lex, vocab: vocab}
}

var _ rag.QueryTranslator = (*Offline)(nil)

// Parts are the components Without can switch off, to measure each one's
// contribution (jawab eval --xlang).
var Parts = []string{"lexicon", "names", "numbers"}

// Without returns a copy of o with the named parts switched off.
func (o *Offline) Without(parts ...string) (*Offline, error) {
	c := &Offline{lex: o.lex, vocab: o.vocab, off: map[string]bool{}}
	for k := range o.off {
		c.off[k] = true
	}
	for _, p := range parts {
		if !slices.Contains(Parts, p) {
			return nil, fmt.Errorf("%q is not a part of the offline translation; the parts are %s", p, strings.Join(Parts, ", "))
		}
		c.off[p] = true
	}
	return c, nil
}

// englishTerms is the lexicon's reading of English tokens (none with the
// lexicon off).
func (o *Offline) englishTerms(toks []string) []lexicon.Term {
	if o.off["lexicon"] {
		return nil
	}
	return o.lex.EnglishToUrdu(toks)
}

// EnglishShare is the share of a Latin-script question's words (its names
// aside) that must be English words for it to be read as English.
const EnglishShare = 0.5

// Input says what a Latin-script question is written in: Roman Urdu by its
// function words, English when most of its words other than names are
// English ones, and anything else (French, random letters) InputOther.
func (o *Offline) Input(q string) string {
	if translit.IsRomanUrdu(q) {
		return rag.InputRomanUrdu
	}
	toks := text.Tokens(q)
	m := o.currentMatcher()
	capitals := capitalised(q)
	words, english := 0, 0
	for _, t := range toks {
		switch {
		case text.IsDigits(t), capitals[t]:
			continue // a name the collection may lack ("Islamabad" is two words in Urdu)
		case isFunctionWord(t) || isEnglish(t):
			english++
		case m != nil && o.bestName(m, t) != nil:
			// A name of the collection's ("Imran", "Moscú") says nothing of
			// the language: a Spanish question names them too.
			continue
		}
		words++
	}
	if words == 0 || float64(english) >= EnglishShare*float64(words) {
		return rag.InputEnglish
	}
	return rag.InputOther
}

// capitalised returns the folded words of q written with a capital other
// than its first word: names, in English and in most Latin-script languages.
func capitalised(q string) map[string]bool {
	out := map[string]bool{}
	for i, f := range strings.FieldsFunc(q, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if _, day := when.Weekdays[text.Fold(f)]; i > 0 && unicode.IsUpper([]rune(f)[0]) && !day {
			// (A day of the week is capitalised and no name: "Friday" is
			// جمعہ, not the name فرید.)
			out[text.Fold(f)] = true
		}
	}
	return out
}

// isName reports a word the question writes as a name: capitalised (not
// as its first word) and of three letters or more ("Sputnik V": the V is
// not one), and not an acronym (text.IsAcronym: "SOPs", "NCOC"), which
// Urdu news spells letter by letter ("ایس او پیز") where no transliteration
// finds it. written maps the question's folded words to their spelling.
func isName(tok string, capitals map[string]bool, written map[string]string) bool {
	return capitals[tok] && utf8.RuneCountInString(tok) >= 3 && !text.IsAcronym(written[tok])
}

// capitalisedPhrase reports a phrase of the lexicon that the question
// writes capitalised, every word of it but the function words ("North Korea",
// "Bank of England"): a name, as a capitalised word is.
func capitalisedPhrase(toks []string, capitals map[string]bool) bool {
	content := 0
	for _, t := range toks {
		if isFunctionWord(t) {
			continue
		}
		if !capitals[t] {
			return false
		}
		content++
	}
	return content > 0
}

// isEnglish reports an English word, inflected or not, by an English
// dictionary (the lexicon also holds transliterated junk such as "la" → لا).
func isEnglish(w string) bool {
	if translit.IsEnglishWord(w) {
		return true
	}
	for _, b := range lexicon.BaseForms(w) {
		if translit.IsEnglishWord(b) {
			return true
		}
	}
	return false
}

// questionWords are the English words that ask rather than name ("when",
// "how many", "per"): text.IsStopword keeps them, because they carry an Urdu
// question's intent for the ranker, but a translation has nothing to search
// for them.
var questionWords = map[string]bool{"when": true, "where": true, "why": true, "how": true, "many": true, "much": true, "per": true, "long": true}

// isFunctionWord reports a word that says how a question is put, not what it
// is about: a stopword (text.IsStopword) or a question word.
func isFunctionWord(t string) bool { return text.IsStopword(t) || questionWords[t] }

// allFunctionWords reports words that are all English function or question
// words ("how much", "when"): they say what kind of answer is wanted (the
// ranker reads that from the original question), not what it is about, and
// their renderings (کب, کتنا) are not in the sentence that answers.
func allFunctionWords(toks []string) bool {
	for _, t := range toks {
		if !isFunctionWord(t) {
			return false
		}
	}
	return true
}

// TranslateQuery renders q in lang: Urdu for an English or Roman-Urdu
// question, English for an Urdu one.
func (o *Offline) TranslateQuery(q, input, lang string) rag.CrossQuery {
	switch {
	case lang == "ur" && input == rag.InputRomanUrdu:
		return o.fromRomanUrdu(q)
	case lang == "ur":
		return o.englishToUrdu(q)
	case lang == "en":
		return o.urduToEnglish(q)
	}
	return rag.CrossQuery{}
}

// rendering collects the renderings of a question's words.
type rendering struct {
	text  []string // the best rendering of each word, in order
	terms []rag.WeightedTerm
	names []rag.Name
	words []rag.CrossWord
	known int // words of which some rendering was found
	// cue is the Urdu question word for what kind of answer is asked
	// (کب for "when"): the ranker reads the kind from it.
	cue string
	// asks is what the question asks for (rag.Asks*).
	asks string
}

// word starts the renderings of the question's next content word.
func (r *rendering) word(source string) {
	r.words = append(r.words, rag.CrossWord{Source: source, Verb: isEnglishVerb(source) || attribution[source] || frameAdverbs[source]})
}

// attribution are the words that say where a figure comes from ("according
// to the latest report", "as reported"), not what it is: the quoted
// sentence need not hold them, as it need not repeat the question's verb.
var attribution = map[string]bool{"according": true, "report": true, "reports": true, "reported": true, "reporting": true}

// frameAdverbs are the adverbs that say how a question is put ("simply
// walk in", "has it actually been played", "the highest ever", "gambling
// around PSL 6"), not what it is about: the answer need not hold them, and
// the lexicon's renderings of them (صرف, اصل, کبھی, ارد گرد) are other
// words' in a report. Read as verbs are: left out of the gate's count.
var frameAdverbs = map[string]bool{"simply": true, "actually": true, "really": true, "ever": true, "already": true,
	"around": true, "roughly": true, "approximately": true, "nearly": true, "almost": true, "exactly": true, "finally": true, "even": true}

// englishVerbs are the verbs news questions ask with. A question's verb is
// rendered in Urdu by a light-verb phrase the answer rarely repeats ("met"
// is "ملاقات کی", "said" "کہا"), so the gate does not require it; its nouns,
// names and numbers carry what the answer must hold.
var englishVerbs = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`say said says tell told tells meet met meets meeting come came comes go went goes gone
	make made makes take took taken give gave given get got see saw seen start started begin began begun hold held
	lead led leads agree agreed sign signed visit visited visits call called think thought want wanted ask asked
	become became put set keep kept let help helped show showed shown offer offered stress stressed discuss discussed
	decide decided happen happened reach reached send sent bring brought pay paid buy bought sell sold build built
	deliver delivered manufacture manufactured produce produced supply supplied study studying studied grow grew grown
	establish established open opened worry worried regard regarded see improve improving improved talk talked
	tested compete competed record recorded arrive arrived arriving raise raised discover discovered invent invented
	named naming appointed declared receive received receives expect expected expects announce announced announces
	release released releases find found finds fix fixed catch caught leave left involve involved respond responded
	clear cleared
	hit struck fell rose fought sank stole threw wrote spoke flew drew swept broke`) {
		m[w] = true
	}
	return m
}()

// isEnglishVerb reports a question word that is a verb (englishVerbs, or a
// past form in -ed that the lexicon lemmatises to one).
func isEnglishVerb(w string) bool {
	if englishVerbs[w] {
		return true
	}
	for _, b := range lexicon.BaseForms(w) {
		if englishVerbs[b] {
			return true
		}
	}
	return false
}

// add adds a rendering of the current word, weighted.
func (r *rendering) add(words string, w float64) {
	toks := text.Tokens(words)
	if len(toks) == 0 {
		return
	}
	for _, t := range toks {
		r.terms = append(r.terms, rag.WeightedTerm{Term: t, Weight: w})
	}
	for _, t := range text.AcronymWords(toks) {
		if !slices.Contains(toks, t) {
			// An acronym spelled in Urdu letter names, as one word ("آئی جی سی"
			// → "igc"): the word the index holds for it in either script.
			r.terms = append(r.terms, rag.WeightedTerm{Term: t, Weight: w})
		}
	}
	r.meetTokens(toks, w)
}

// meet gives the current word a rendering the gate meets in a sentence but
// the search does not look for.
func (r *rendering) meet(words string, w float64) {
	if toks := text.Tokens(words); len(toks) > 0 {
		r.meetTokens(toks, w)
	}
}

func (r *rendering) meetTokens(toks []string, w float64) {
	if n := len(r.words); n > 0 {
		cw := &r.words[n-1]
		if len(cw.Renderings) == 0 {
			r.known++
		}
		cw.Renderings = append(cw.Renderings, rag.WeightedTerm{Term: strings.Join(toks, " "), Weight: w})
	}
}

func (r *rendering) query() rag.CrossQuery {
	text := strings.Join(r.text, " ")
	if r.cue != "" {
		text = r.cue + " " + text
	}
	cq := rag.CrossQuery{Text: text, Terms: r.terms, Names: r.names, Words: r.words, Asks: r.asks}
	if len(r.words) > 0 {
		cq.Known = float64(r.known) / float64(len(r.words))
	}
	return cq
}

// legalSenses are the renderings of an English word that only a question
// about the police or a court asks for (legalCues): "cases" are مقدمات (cases
// the police register, a court hears) then, and otherwise a disease's cases
// (کیسز), which news of the pandemic counts every day. Searched without its
// context, the legal sense answered "How many active coronavirus cases does
// Pakistan have?" with "… ایس او پیز کی خلاف ورزی پر 420مقدمات درج" (cases
// registered for breaking the rules).
var legalSenses = map[string]string{"cases": "مقدمات"}

// legalCues are the English words of a question about the police, a court
// or a charge: general legal vocabulary, and "SOPs", whose breaking is what
// pandemic news registers cases for (from the development questions
// t30-018 and t31-008, which ask so).
var legalCues = []string{
	"police", "court", "courts", "fir", "firs", "filed", "lodged", "booked", "accused", "arrest", "arrested",
	"trial", "hearing", "judge", "judges", "lawsuit", "lawsuits", "petition", "petitions", "pending", "charges",
	"sops", "violating", "violation", "violations", "nab", "sedition", "against", "legal", "criminal",
}

// inContext is ts without source's legal sense (legalSenses) when the
// question's tokens toks hold none of legalCues; ts itself when that would
// leave none.
func inContext(source string, ts []lexicon.Translation, toks []string) []lexicon.Translation {
	legal, ok := legalSenses[source]
	if !ok || slices.ContainsFunc(legalCues, func(c string) bool { return slices.Contains(toks, c) }) {
		return ts
	}
	kept := slices.DeleteFunc(slices.Clone(ts), func(t lexicon.Translation) bool { return t.Text == legal })
	if len(kept) == 0 {
		return ts
	}
	return kept
}

// addTranslations adds a lexicon term's renderings, each weighted by its
// probability relative to the likeliest's: the likeliest counts fully, as
// the word would in a question asked in the collection's language.
func (r *rendering) addTranslations(ts []lexicon.Translation) {
	r.addSenses(ts)
	// The text the ranker reads holds one rendering of the word: the
	// glossary's news sense where the parallel text's favourite is another
	// ("cases" is کیسز, not معاملات; "coronavirus" کورونا, as headlines
	// write it).
	r.text = append(r.text, newsSense(ts))
}

// newsSense is the rendering of a word the text the ranker reads holds:
// the glossary's hand-checked news sense where there is one, else the
// parallel text's favourite (ts is by likelihood, never empty).
func newsSense(ts []lexicon.Translation) string {
	if i := slices.IndexFunc(ts, func(t lexicon.Translation) bool { return t.Checked }); i > 0 {
		return ts[i].Text
	}
	return ts[0].Text
}

// addSenses adds a lexicon term's renderings, each weighted as
// addTranslations says, to the word's renderings and the search's terms
// only.
func (r *rendering) addSenses(ts []lexicon.Translation) {
	top := ts[0].P
	for _, t := range ts {
		w := t.P / top
		if t.Checked {
			// A hand-checked news sense is as likely as the parallel
			// text's favourite: "cases" are کیسز and مقدمات in news.
			w = 1
		}
		if w >= minRelativeP {
			r.add(t.Text, w)
		}
	}
}

// minRelativeP drops renderings much less likely than the best one: the
// lexicon's tail is mostly alignment noise.
const minRelativeP = 0.1

// attributes are nouns that name what a question asks of a thing ("the
// price of", "the name of"): an answer states them, so an article that never
// says "قیمت" does not give the price, however much else it shares.
var attributes = map[string]bool{
	"price": true, "cost": true, "name": true, "length": true, "distance": true, "value": true, "worth": true,
	"population": true, "salary": true, "budget": true, "height": true, "weight": true, "speed": true,
	"capacity": true, "ambassador": true, "kilometres": true, "kilometers": true, "km": true, "miles": true,
	"tons": true, "tonnes": true, "percent": true, "rate": true, "toll": true,
}

// verbName reports a "name" at toks[i] that is the verb ("whom did the ICC
// name as ambassador"), not the noun an answer must state ("the name of",
// "his name"): no determiner or possessive before it, no "of" after it.
func verbName(toks []string, i int) bool {
	if i+1 < len(toks) && toks[i+1] == "of" {
		return false
	}
	return i == 0 || !nameOwners[toks[i-1]]
}

// toOnesName reports the idiom "to his name" at toks[i] ("the newest record
// Babar Azam has to his name"): what is credited to someone, whose answer
// states the record, not a name.
func toOnesName(toks []string, i int) bool {
	return i >= 2 && toks[i-2] == "to" && (toks[i-1] == "his" || toks[i-1] == "her" || toks[i-1] == "their" || toks[i-1] == "its")
}

// nameOwners are the words before "name" the noun.
var nameOwners = map[string]bool{"the": true, "a": true, "his": true, "her": true, "its": true, "their": true, "whose": true, "s": true, "full": true, "first": true, "last": true, "new": true, "official": true}

// countedWords is how many words after kitne are what it counts ("kitne
// larakay helicopter"): a noun and one word that qualifies it.
const countedWords = 2

// urduQuestionWords ask what kind of answer is wanted; urduAttributes are
// the Urdu attributes (see attributes).
var (
	urduQuestionWords = map[string]bool{"کب": true, "کتنا": true, "کتنی": true, "کتنے": true, "کون": true, "کونسا": true,
		"کونسی": true, "کونسے": true, "کیا": true, "کہاں": true, "کیسے": true, "کس": true, "کیوں": true, "کیسا": true}
	urduAttributes = map[string]bool{"نام": true, "قیمت": true, "لاگت": true, "سفیر": true, "فاصلہ": true, "لمبائی": true,
		"کلومیٹر": true, "آبادی": true, "تنخواہ": true, "بجٹ": true, "شرح": true, "فیصد": true}
)

// kindCue is the Urdu question word for the kind of answer an English
// question asks for, "" for none.
func kindCue(toks []string) string {
	for i, t := range toks {
		switch {
		case t == "when" && asksWhen(toks, i):
			return "کب"
		case t == "how" && i+1 < len(toks) && howMuch[toks[i+1]]:
			return "کتنے"
		case t == "who" || t == "whom":
			return "کون"
		case t == "where":
			return "کہاں"
		case (t == "year" || t == "date") && i > 0 && (toks[i-1] == "what" || toks[i-1] == "which"):
			return "کب"
		}
	}
	return ""
}

// askingPart is the tokens of an English question that say what it asks:
// all of toks (q's tokens), but after the comma of a question that opens
// with a "when" clause and asks with a question word after it ("When the
// Jet Airways pilot fell asleep…, how far did the plane drop?"): that "when"
// sets the scene, and reading it as the question's would make the answer
// hold a time.
func askingPart(q string, toks []string) []string {
	if len(toks) < 2 || toks[0] != "when" || auxiliaries[toks[1]] {
		// ("When were the Japanese citizens abducted, whose case…" asks
		// its "when": a verb right after it makes it the question.)
		return toks
	}
	comma := strings.IndexAny(q, ",،")
	if comma < 0 {
		return toks
	}
	rest := text.Tokens(q[comma+1:])
	if len(rest) == 0 || !when.QuestionWords[rest[0]] {
		return toks
	}
	return rest
}

// asksWhen reports whether the "when" at toks[i] asks: it opens the
// question, or an auxiliary follows it ("…, or when is the first ODI now
// scheduled?"), or it ends the question ("Until when?"), or a conjunction
// or preposition comes before it ("and when PSL will start", "by when").
// Otherwise it joins a clause that sets the scene ("Who was man of the
// match when India beat England…?", "Had she tested positive when action
// was taken against her?"), and the answer need not hold a time.
func asksWhen(toks []string, i int) bool {
	return i == 0 || i+1 == len(toks) || auxiliaries[toks[i+1]] || whenOpeners[toks[i-1]]
}

// whenOpeners are the words before a "when" that asks ("and when",
// "until when").
var whenOpeners = map[string]bool{"and": true, "or": true, "but": true, "until": true, "till": true, "by": true, "since": true, "from": true}

// howMuch are the words after "how" that ask for a number: a count, an
// amount, a distance or a duration.
var howMuch = map[string]bool{"many": true, "much": true, "far": true, "long": true}

// auxiliaries are the verbs that follow a question word in a direct question.
var auxiliaries = map[string]bool{"is": true, "are": true, "was": true, "were": true, "do": true, "does": true, "did": true,
	"will": true, "would": true, "can": true, "could": true, "has": true, "have": true, "had": true, "should": true, "shall": true, "may": true, "might": true}

// englishAsks is what an English question asks for: a year ("in which
// year"), a month, a date ("on what date", "which day"), a time of any
// grain ("when"), or a number ("how many", "how much", and a distance or a
// duration: "how far", "how long").
func englishAsks(toks []string) string {
	for i, t := range toks {
		which := i > 0 && (toks[i-1] == "which" || toks[i-1] == "what")
		switch {
		case which && t == "year":
			return rag.AsksYear
		case which && t == "month":
			return rag.AsksMonth
		case which && (t == "date" || t == "day"):
			return rag.AsksDate
		case t == "when" && asksWhen(toks, i):
			return rag.AsksTime
		case t == "how" && i+1 < len(toks) && howMuch[toks[i+1]]:
			return rag.AsksNumber
		}
	}
	return ""
}

// urduAsks is what an Urdu (or rendered Roman-Urdu) question asks for, by
// its question word and the word before: کس سال, کس مہینے, کس تاریخ, کب,
// کتنے.
func urduAsks(prev, w string) string {
	switch {
	case (prev == "کس" || prev == "کون") && w == "سال":
		return rag.AsksYear
	case (prev == "کس" || prev == "کون") && (w == "مہینے" || w == "ماہ"):
		return rag.AsksMonth
	case (prev == "کس" || prev == "کون") && (w == "تاریخ" || w == "دن"):
		return rag.AsksDate
	case w == "کب":
		return rag.AsksTime
	case w == "کتنے" || w == "کتنی" || w == "کتنا":
		return rag.AsksNumber
	}
	return ""
}

// required marks the words of an English question that its answer must hold:
// the attributes it asks for, and the head noun of what "how many" or "how
// much" counts (the last word before the next verb or function word:
// "helicopters" of "how many attack helicopters"). counted marks every word
// of what is counted, near any of which the answer's number may stand ("49
// ترک یرغمالی"), unless it counts persons in general (rag.PersonsWord: "how
// many elderly people", whom a report counts in its own words). A modifier
// is not required, since a report may leave it out or write it otherwise
// ("how many Sindh Police personnel" is answered by "سندھ پولیس میں 89 نئے
// کیسز"); it still weighs in the coverage.
func required(toks []string) (req, counted []bool) {
	req, counted = make([]bool, len(toks)), make([]bool, len(toks))
	adjective := countedAdjectives(toks)
	for i, t := range toks {
		if attributes[t] && !(t == "name" && (verbName(toks, i) || toOnesName(toks, i))) {
			req[i] = true
		}
		if t == "how" && i+1 < len(toks) && (toks[i+1] == "many" || toks[i+1] == "much") {
			j := i + 2
			for j < len(toks) && adjective[j] {
				j++ // "how many more troops", "how many new cases" count troops, cases
			}
			head := -1
			for first := j; j < len(toks) && !isFunctionWord(toks[j]) && !isEnglishVerb(toks[j]); j++ {
				if j > first && j+1 < len(toks) && toks[j+1] == "by" {
					break // a participle: "how much money stolen by …" counts money
				}
				if j > first && len(toks[j]) > 4 && strings.HasSuffix(toks[j], "ed") && (j+1 == len(toks) || isFunctionWord(toks[j+1])) {
					// A past tense after what is counted, before a function
					// word, is its verb, which the verb list may lack: "how
					// many countries criticised the report" counts countries
					// (and "how many high speed trains" counts trains).
					break
				}
				counted[j] = !rag.PersonsWord(toks[j])
				head = j
			}
			if head >= 0 && rag.PersonsWord(toks[head]) {
				// Persons are counted in the report's own words, and so are
				// the words that say which ("how many elderly people" is
				// answered by "60 سال سے زائد 1 ہزار افراد"): only a number
				// is asked of the answer.
				for k := i + 2; k < head; k++ {
					counted[k] = false
				}
			}
			if head >= 0 {
				req[head] = counted[head]
			}
		}
	}
	return req, counted
}

// pricedWords marks the words of an English question whose price it asks:
// what follows "price of" ("the price of silver per tola") or "how much does
// … cost" ("How much does a litre of petrol cost?"), up to a function word,
// at most three words; and the word before "price" or "rate" ("the gold
// price").
func pricedWords(toks []string) []bool {
	priced := make([]bool, len(toks))
	// mark marks the priced thing that begins at toks[j], after an article
	// and a measure ("a litre of petrol" asks petrol's price).
	mark := func(j int) {
		for j < len(toks) && articles[toks[j]] {
			j++
		}
		if j+1 < len(toks) && measures[toks[j]] && toks[j+1] == "of" {
			j += 2
		}
		for from := j; j < len(toks) && j < from+3; j++ {
			t := toks[j]
			if isFunctionWord(t) || rag.PriceWord(t) || isEnglishVerb(t) || text.IsDigits(t) || t == "per" {
				return
			}
			priced[j] = true
		}
	}
	for i, t := range toks {
		switch {
		case rag.PriceWord(t) && i+1 < len(toks) && toks[i+1] == "of":
			mark(i + 2)
		case rag.PriceWord(t) && i > 0 && (t == "price" || t == "prices" || t == "rate" || t == "rates"):
			// The word before alone: "the interbank dollar rate" asks the
			// dollar's, and "interbank" only says which.
			if u := toks[i-1]; !isFunctionWord(u) && !isEnglishVerb(u) && !text.IsDigits(u) && !rag.PriceWord(u) {
				priced[i-1] = true
			}
		case t == "cost" && i > 0:
			// "how much does / will … cost": what stands between.
			k := slices.IndexFunc(toks[:i], func(u string) bool { return u == "does" || u == "do" || u == "did" || u == "will" })
			if k >= 1 && toks[k-1] == "much" {
				mark(k + 1)
			}
		}
	}
	return priced
}

// articles and measures are what pricedWords passes over before a priced
// thing.
var (
	articles = map[string]bool{"a": true, "an": true, "the": true, "one": true}
	measures = map[string]bool{"litre": true, "liter": true, "kilo": true, "kg": true, "tola": true}
)

// wordByWord renders a phrase of two or more words (toks) word by word,
// each word by its news sense (newsSense), function words left out: what a
// report writes when it does not use the phrase's own rendering ("police
// officers" is پولیس اہلکار to the lexicon, and "33 پولیس افسران" to the
// report). "" for one word, or when a word has no rendering.
func (o *Offline) wordByWord(toks []string) string {
	if len(toks) < 2 {
		return ""
	}
	var out []string
	for _, t := range toks {
		if isFunctionWord(t) {
			continue
		}
		terms := o.englishTerms([]string{t})
		if len(terms) == 0 || len(terms[0].Translations) == 0 {
			return ""
		}
		out = append(out, newsSense(terms[0].Translations))
	}
	if len(out) < 2 {
		return ""
	}
	return strings.Join(out, " ")
}

// countedTerms are the lexicon's terms for toks, but a phrase that begins
// with a counted adjective ("how many new coronavirus cases": the lexicon's
// "new coronavirus", نیا کورونا وائرس) is read as the adjective and the rest:
// the adjective says which are counted, and the reports write the rest
// without it ("کرونا سے 38 افراد جاں بحق اور 1714 نئے کیسز").
func (o *Offline) countedTerms(toks []string) []lexicon.Term {
	adjective := countedAdjectives(toks)
	var out []lexicon.Term
	for _, t := range o.englishTerms(toks) {
		if t.End-t.Start < 2 || !adjective[t.Start] {
			out = append(out, t)
			continue
		}
		for _, part := range [][2]int{{t.Start, t.Start + 1}, {t.Start + 1, t.End}} {
			for _, p := range o.englishTerms(toks[part[0]:part[1]]) {
				p.Start, p.End = p.Start+part[0], p.End+part[0]
				out = append(out, p)
			}
		}
	}
	return out
}

// countedAdjectives marks the counted adjectives of toks: those right after
// "how many" or "how much", or after another such adjective.
func countedAdjectives(toks []string) []bool {
	adjective := make([]bool, len(toks))
	for i := 2; i < len(toks); i++ {
		if countedAdjective[toks[i]] && (toks[i-2] == "how" && (toks[i-1] == "many" || toks[i-1] == "much") || adjective[i-1]) {
			adjective[i] = true
		}
	}
	return adjective
}

// idioms are English phrases that mean other than their words, rendered as
// Urdu news writes them. The lexicon renders word by word ("signed up" as
// دستخط, a signature; "single day" as سنگل دن), and cannot learn these from
// the glossary when their Urdu is mostly function words ("ایک دن"), which its
// training drops. An empty rendering is a phrase that says how the question
// is put: "so far" is the reference day's, which the dates answer.
var idioms = map[string]string{
	"signed up": "رجسٹرڈ", "sign up": "رجسٹر", "signing up": "رجسٹریشن",
	"in force": "نافذ", "single day": "ایک دن", "world number one": "عالمی نمبر ون",
	"so far": "", "as of now": "",
	// "How far", "how long": a distance or a length of time is asked, which
	// a report states in its units ("22 کلو میٹر کے سفر", "تین ہفتے"), never
	// as دور or لمبا: no word to meet (englishAsks reads them as a number).
	"how far": "", "how long": "",
	// Phrases of function words the lexicon keeps none of.
	"sit in": "دھرنا", "sit ins": "دھرنے", "in a row": "مسلسل",
	"took part": "شرکت", "take part": "شرکت", "taking part": "شرکت",
	"around the world": "دنیا بھر", "across the world": "دنیا بھر", "all over the world": "دنیا بھر",
	"across the country": "ملک بھر", "all over the country": "ملک بھر",
	// Cricket's awards, which Urdu news writes in their English words.
	"man of the match": "مین آف دی میچ", "player of the match": "پلیئر آف دی میچ",
	"man of the series": "مین آف دی سیریز", "player of the series": "پلیئر آف دی سیریز",
}

// idiomAt matches an idiom at toks[i]: how many tokens, and its rendering.
func idiomAt(toks []string, i int) (int, string, bool) {
	for n := 4; n >= 2; n-- {
		if i+n > len(toks) {
			continue
		}
		if urdu, ok := idioms[strings.Join(toks[i:i+n], " ")]; ok {
			return n, urdu, true
		}
	}
	return 0, "", false
}

// borrowedScales are the English scale words Urdu news writes in Urdu
// letters as they are ("629 ملین ڈالرز") rather than in its own scales.
var borrowedScales = map[string]string{"million": "ملین", "billion": "بلین", "trillion": "ٹریلین"}

// urduAmounts are the ways Urdu news writes a figure with a scale word at
// toks[i] ("500 million", "1.5 billion": text.UrduFigures, then with the
// borrowed word), and how many tokens it spans; 0 when there is none, or
// no way to write it ("0.5 thousand", "1.2345 thousand").
func urduAmounts(toks []string, i int) ([]string, int) {
	v, n, ok := englishAmount(toks, i)
	if !ok {
		return nil, 0
	}
	figures := text.UrduFigures(v)
	if b := borrowedScales[toks[i+1]]; b != "" {
		figures = append(figures, toks[i]+" "+b)
	}
	if len(figures) == 0 {
		return nil, 0
	}
	return figures, n
}

// englishAmount reads a figure with a scale word at toks[i] ("500 million",
// "1.5 billion"; the scales are text.Scale's): its value and its tokens
// (two).
func englishAmount(toks []string, i int) (float64, int, bool) {
	if i+1 >= len(toks) {
		return 0, 0, false
	}
	scale, ok := text.Scale(toks[i+1])
	if !ok {
		return 0, 0, false
	}
	if toks[i][0] < '0' || toks[i][0] > '9' || strings.Trim(toks[i], "0123456789.") != "" {
		return 0, 0, false
	}
	d, err := strconv.ParseFloat(toks[i], 64)
	if err != nil || d <= 0 {
		return 0, 0, false
	}
	return d * scale, 2, true
}

// countedAdjective are the words between "how many" and what it counts that
// say which of them, not what: a report of "220 کیسز" answers "how many new
// cases" without saying نئے ("مزید 220 کیسز").
var countedAdjective = map[string]bool{"more": true, "new": true, "fresh": true, "additional": true, "further": true}

func (o *Offline) englishToUrdu(q string) rag.CrossQuery {
	words := latinWords(q)
	capitals := capitalised(q)
	places := namedPlaces(q)
	toks := text.Tokens(q)
	req, counted := required(toks)
	priced := pricedWords(toks)
	hyphened := map[string]bool{}
	for _, m := range nameNumber.FindAllStringSubmatch(q, -1) {
		hyphened[m[1]] = true
	}
	var r rendering
	asking := askingPart(q, toks)
	r.cue, r.asks = kindCue(asking), englishAsks(asking)
	byStart := map[int]lexicon.Term{}
	covered := make([]bool, len(toks))
	for _, t := range o.countedTerms(toks) {
		byStart[t.Start] = t
		for i := t.Start; i < t.End; i++ {
			covered[i] = true
		}
	}
	m := o.currentMatcher()
	for i := 0; i < len(toks); i++ {
		tok := toks[i]
		if n, urdu, ok := idiomAt(toks, i); ok {
			if urdu != "" {
				source := strings.Join(toks[i:i+n], " ")
				r.word(source)
				cw := &r.words[len(r.words)-1]
				cw.Verb = cw.Verb || isEnglishVerb(toks[i])
				// "around the world" names the world as "world" alone does.
				cw.Place = slices.ContainsFunc(toks[i:i+n], func(t string) bool { return places[t] })
				r.add(urdu, 1)
				r.text = append(r.text, urdu)
			}
			i += n - 1
			continue
		}
		if words[tok] == "US" {
			// The country, written in capitals; "us" is a pronoun, which
			// the function words drop.
			r.word(tok)
			r.add("امریکہ", 1)
			r.add("امریکا", 1)
			r.text = append(r.text, "امریکہ")
			continue
		}
		if month, ok := asMonth(tok, words, toks, i); ok && !o.off["numbers"] {
			r.word(tok)
			r.add(month, 1)
			r.text = append(r.text, month)
			continue
		}
		if figures, n := urduAmounts(toks, i); n > 0 && !o.off["numbers"] {
			// "$500 million": one figure, which Urdu news writes in its own
			// scales ("50 کروڑ") or with the borrowed word ("500 ملین").
			r.word(strings.Join(toks[i:i+n], " "))
			cw := &r.words[len(r.words)-1]
			cw.Required, cw.Counted = slices.Contains(req[i:i+n], true), slices.Contains(counted[i:i+n], true)
			for _, f := range figures {
				r.add(f, 1)
			}
			r.text = append(r.text, figures[0])
			i += n - 1
			continue
		}
		if text.IsDigits(tok) && hyphened[tok] {
			// Part of a name (COVID-19, KSE-100): searched, but no word the
			// answer must hold, since Urdu news often leaves it out ("کرونا").
			// (Nor in the text the gate reads: its "a number the question
			// names is missing" would count against every report that
			// writes the disease without it.)
			r.terms = append(r.terms, rag.WeightedTerm{Term: tok, Weight: 1})
			continue
		}
		if text.IsDigits(tok) {
			r.word(tok)
			r.add(tok, 1)
			r.text = append(r.text, tok)
			if o.off["numbers"] {
				continue
			}
			if n, err := strconv.ParseInt(tok, 10, 64); err == nil && (n < 1000 || n > 2100) {
				// Not a year: Urdu news may spell it ("پچاس ہزار").
				if spelled := text.SpellUrdu(n); spelled != "" && n >= 11 {
					r.add(spelled, 0.5)
				}
				if n >= 1e4 {
					// "100,000" is "1 لاکھ" in Urdu news, "12,000" "12 ہزار".
					for _, f := range text.UrduFigures(float64(n)) {
						r.add(f, 1)
					}
				}
			}
			continue
		}
		if t, ok := byStart[i]; ok && !allFunctionWords(toks[t.Start:t.End]) {
			r.word(t.Source)
			cw := &r.words[len(r.words)-1]
			cw.Required = slices.Contains(req[t.Start:t.End], true)
			cw.Counted = slices.Contains(counted[t.Start:t.End], true)
			cw.Priced = slices.Contains(priced[t.Start:t.End], true)
			cw.Name = t.End-t.Start == 1 && isName(tok, capitals, words) || t.End-t.Start > 1 && capitalisedPhrase(toks[t.Start:t.End], capitals)
			cw.Ordinary = cw.Name && t.End-t.Start == 1 && isEnglish(tok)
			cw.Place = capitals[tok] && afterIn(toks, i) || places[tok]
			// A name the collection spells is surer than a dictionary sense
			// ("khan" is also a word): keep both.
			if t.End-t.Start == 1 && m != nil && (capitals[tok] || !isEnglish(tok)) {
				if nms := o.names(m, tok, capitals[tok]); len(nms) > 0 {
					r.add(nms[0].Word, nms[0].Score)
				}
			}
			r.addTranslations(inContext(t.Source, t.Translations, toks))
			if composed := o.wordByWord(toks[t.Start:t.End]); composed != "" {
				r.meet(composed, 1)
			}
			if v, ok := text.EnglishNumberWord(tok); ok && v >= 2 && t.End-t.Start == 1 && !o.off["numbers"] {
				// Urdu news writes most numbers in digits: "the first eight
				// months" is "پہلے 8 ماہ". (Not "one", an English pronoun.)
				// Met, not searched: a lone digit is in every report, and
				// "which two Pakistanis" asks for no figure.
				r.meet(strconv.Itoa(v), 1)
			}
			if t.End-t.Start == 1 && m != nil && !capitals[tok] && len(tok) >= 4 && !o.off["names"] {
				// Urdu news borrows many English words, in Urdu letters and
				// often with the English plural ("سکولز", "ریسٹورنٹس"),
				// where the lexicon gives the Urdu word (اسکولوں): the
				// borrowed spelling the collection holds is met as well.
				if nms := o.names(m, tok, true); len(nms) > 0 && o.isLoan(nms[0].Word, tok) {
					r.add(nms[0].Word, 1)
				}
			}
			if spelled, ok := translit.Acronym(words[tok]); ok && t.End-t.Start == 1 && !o.off["names"] {
				// Written in capitals, a word the lexicon knows is an
				// acronym all the same, which Urdu news spells out: "PP-84"
				// is "پی پی 84", not a page.
				r.add(spelled, 1)
			}
			i = t.End - 1
			continue
		}
		if covered[i] || isFunctionWord(tok) {
			continue
		}
		r.word(tok)
		cw := &r.words[len(r.words)-1]
		cw.Required, cw.Counted, cw.Name = req[i], counted[i], isName(tok, capitals, words)
		cw.Ordinary = cw.Name && isEnglish(tok)
		cw.Priced = priced[i]
		cw.Place = capitals[tok] && afterIn(toks, i) || places[tok]
		if spelled, ok := translit.Acronym(words[tok]); ok && !o.off["names"] {
			// An acronym the lexicon lacks is spelled out in Urdu news (KSE:
			// "کے ایس ای"): that first, then any name it resembles.
			r.add(spelled, 1)
			r.text = append(r.text, spelled)
			if m != nil {
				for _, nm := range o.names(m, tok, capitals[tok]) {
					r.add(nm.Word, nm.Score)
				}
			}
			continue
		}
		if m != nil {
			// Every confident spelling: one name is often spelled two ways
			// in one collection (پوتن, پیوٹن).
			nms := o.names(m, tok, capitals[tok])
			for j, nm := range nms {
				if j == 0 {
					r.text = append(r.text, nm.Word)
				}
				r.add(nm.Word, nm.Score)
				r.names = append(r.names, rag.Name{As: asWritten(tok, words), Word: nm.Word})
			}
		} else if o.off["names"] {
			continue
		} else if cands := translit.Candidates(tok); len(cands) > 0 {
			r.add(cands[0], 0.5)
			r.text = append(r.text, cands[0])
		}
	}
	if m != nil && !o.off["names"] {
		r.gluedNames(o, m, toks, capitals, words)
	}
	for i := range r.words {
		// What "how many" counts is a noun, even an attribution word's
		// ("how many new positive coronavirus reports"): the answer holds it.
		r.words[i].Verb = r.words[i].Verb && !r.words[i].Counted
	}
	return r.query()
}

// gluedNames adds the one-word spelling of a name of two capitalised
// words that the collection types glued: Urdu news writes "بابراعظم" as
// often as "بابر اعظم", and the lexicon may read a name's second word as a
// word ("Azam" as سکندر, of Alexander the Great). The glued spelling is
// searched, and met as the second word's rendering, beside the words' own.
// It must begin with a spelling of the first word and hold two letters more
// at least.
func (r *rendering) gluedNames(o *Offline, m *translit.Matcher, toks []string, capitals map[string]bool, words map[string]string) {
	for i := 0; i+1 < len(toks); i++ {
		a, b := toks[i], toks[i+1]
		if !isName(a, capitals, words) || !isName(b, capitals, words) || isFunctionWord(a) || isFunctionWord(b) {
			continue
		}
		nms := o.names(m, a+b, true)
		if len(nms) == 0 || strings.Contains(nms[0].Word, " ") {
			continue
		}
		glued := nms[0].Word
		if !slices.ContainsFunc(o.names(m, a, true), func(first translit.Match) bool {
			rest, ok := strings.CutPrefix(glued, first.Word)
			return ok && utf8.RuneCountInString(rest) >= 2
		}) {
			continue // not the first word's spelling and a second word: "Pakistan Navy" is no پاکستانی
		}
		for j := range r.words {
			if r.words[j].Source == b {
				r.words[j].Renderings = append(r.words[j].Renderings, rag.WeightedTerm{Term: glued, Weight: nms[0].Score})
			}
		}
		r.terms = append(r.terms, rag.WeightedTerm{Term: glued, Weight: nms[0].Score})
		r.text = append(r.text, glued)
	}
}

// placeHeading is a question's heading: one or two capitalised words
// before a colon that opens it ("Israel: how many…", "Saudi Arabia: …");
// placeOwner is a capitalised word before a possessive, the word before it
// (if any) being the one captured first ("Islamabad's positivity rate").
var (
	placeHeading = regexp.MustCompile(`^\s*(\p{Lu}\p{L}*(?:\s+\p{Lu}\p{L}*)?)\s*:`)
	placeOwner   = regexp.MustCompile(`(?:^|(\S*)\s)(\p{Lu}\p{L}*)['’]s\b`)
	// theWorld is the whole world as a question's place: "worldwide", "in
	// (or around, across) the world" (not "world number one").
	theWorld = regexp.MustCompile(`(?i)\b(worldwide)\b|\b(?:in|around|across)\s+the\s+(?:whole\s+)?(world)\b`)
	// placeKind is a capitalised word that a district, division or province
	// follows ("from Mansehra district", "Sargodha division's"), or that a
	// report comes from ("the latest report from Kharian"): a place,
	// whatever preposition stands before it.
	placeKind = regexp.MustCompile(`\b(\p{Lu}\p{L}*)\s+(?:district|division|tehsil|province)\b|\b(?:report|reports|update|updates|news|figures?)\s+from\s+(\p{Lu}\p{L}*)`)
	// placeReporting is a capitalised word that reports a count ("did Israel
	// report", "has Faisalabad recorded", "is Faisalabad reporting"): the
	// place whose count is asked, as "in Israel" would say.
	placeReporting = regexp.MustCompile(`\b(?:did|does|do|has|have|had|is|are|was|were)\s+(\p{Lu}\p{L}*)\s+(?:report|reported|reporting|record|recorded|recording|register|registered|registering|confirm|confirmed|confirming)\b`)
)

// namedPlaces are the folded words a question names as what it is about
// otherwise than "in X" (afterIn): its heading or the owner of what it asks
// ("Israel: …", "Islamabad's …"), a district or province by that word
// ("Mansehra district"), the one that reports the count asked ("did Israel
// report", "has Faisalabad recorded"), or the world ("worldwide"). An acronym is none ("KSE's"), nor the last
// word of a longer name ("the Anti-Narcotics Force's", "Saudi Arabia's"):
// an organisation is seldom written out in full in a report's headline.
func namedPlaces(q string) map[string]bool {
	out := map[string]bool{}
	add := func(w string) {
		if !text.IsAcronym(w) {
			out[text.Fold(w)] = true
		}
	}
	if m := placeHeading.FindStringSubmatch(q); m != nil {
		for _, w := range strings.Fields(m[1]) {
			add(w)
		}
	}
	for _, m := range theWorld.FindAllStringSubmatch(q, -1) {
		add(m[1] + m[2])
	}
	for _, m := range placeKind.FindAllStringSubmatch(q, -1) {
		add(m[1] + m[2])
	}
	for _, m := range placeReporting.FindAllStringSubmatch(q, -1) {
		add(m[1])
	}
	for _, m := range placeOwner.FindAllStringSubmatch(q, -1) {
		if before := []rune(m[1]); len(before) > 0 && (unicode.IsUpper(before[0]) || strings.HasSuffix(m[1], "-")) {
			continue
		}
		add(m[2])
	}
	return out
}

// nameNumber finds a number joined to a word by a hyphen: COVID-19, KSE-100.
var nameNumber = regexp.MustCompile(`\pL-(\d+)\b`)

// afterIn reports a word that follows "in" (or "in the"): "in Lahore", "in
// the United States" name the place a question asks about.
func afterIn(toks []string, i int) bool {
	if i > 0 && toks[i-1] == "the" {
		i--
	}
	return i > 0 && toks[i-1] == "in"
}

func (o *Offline) urduToEnglish(q string) rag.CrossQuery {
	toks := text.Tokens(q)
	var r rendering
	byStart := map[int]lexicon.Term{}
	var urdu []lexicon.Term
	if !o.off["lexicon"] {
		urdu = o.lex.UrduToEnglish(toks)
	}
	for _, t := range urdu {
		byStart[t.Start] = t
	}
	m := o.currentMatcher()
	for i := 0; i < len(toks); i++ {
		tok := toks[i]
		if v, n, ok := text.ReadNumber(toks, i); ok {
			r.word(strings.Join(toks[i:i+n], " "))
			s := strconv.FormatFloat(v, 'f', -1, 64)
			r.add(s, 1)
			r.text = append(r.text, s)
			i += n - 1
			continue
		}
		if mo, ok := text.Month(tok); ok && text.IsUrduMonth(tok) {
			r.word(tok)
			name := strings.ToLower(mo.String())
			r.add(name, 1)
			r.text = append(r.text, name)
			continue
		}
		if t, ok := byStart[i]; ok {
			r.word(t.Source)
			r.addTranslations(t.Translations)
			i = t.End - 1
			continue
		}
		if text.IsStopword(tok) {
			continue
		}
		r.word(tok)
		if m != nil {
			if nm := o.bestName(m, tok); nm != nil {
				r.add(nm.Word, nm.Score)
				r.text = append(r.text, nm.Word)
				r.names = append(r.names, rag.Name{As: tok, Word: nm.Word})
			}
		}
	}
	return r.query()
}

// fromRomanUrdu renders Urdu typed in Latin letters in Urdu script: each
// word by the spellings the collection knows, and an English word a
// Roman-Urdu question borrows ("gas pipeline") by the lexicon.
func (o *Offline) fromRomanUrdu(q string) rag.CrossQuery {
	var r rendering
	m := o.currentMatcher()
	if m == nil {
		return o.englishToUrdu(q)
	}
	counting := 0 // how many of the next words kitne counts
	prev := ""    // the Urdu word before
	agent := -1   // the index in r.words of the word just before, if it was one
	written := latinWords(q)
	for _, rt := range m.RomanUrdu(q) {
		tok := rt.Latin
		before := agent
		agent = -1
		if text.IsDigits(tok) {
			r.word(tok)
			r.add(tok, 1)
			r.text = append(r.text, tok)
			continue
		}
		if spelled, ok := translit.Acronym(written[tok]); ok && !o.off["names"] {
			// "LNG ka muahida": an acronym is spelled out in Urdu news
			// (ایل این جی), not a Roman word to match by its letters (لن).
			// The lexicon's sense first where it has one ("EU": یورپی
			// یونین), as for an English question.
			r.word(tok)
			if ts := o.englishTerms([]string{tok}); len(ts) > 0 {
				r.addTranslations(ts[0].Translations)
			} else {
				r.text = append(r.text, spelled)
			}
			r.add(spelled, 1)
			prev = ""
			continue
		}
		if o.unseenLatinName(m, tok, written[tok]) {
			// "Eiffel tower ki unchai": an English name the collection never
			// writes, not a Roman word (فیل) that some report holds. Taken
			// as a name with no rendering, as in an English question, the
			// gate refuses it as it refuses "How tall is the Eiffel Tower?".
			r.word(tok)
			r.words[len(r.words)-1].Name = true
			prev = ""
			continue
		}
		if len(rt.Urdu) == 0 {
			if ts := o.englishTerms([]string{tok}); len(ts) > 0 {
				r.word(tok)
				r.addTranslations(ts[0].Translations)
			} else if !isFunctionWord(tok) {
				r.word(tok)
			} else {
				continue
			}
			cw := &r.words[len(r.words)-1]
			cw.Counted = counting > 0 && !rag.PersonsWord(tok)
			cw.Required = cw.Counted
			counting--
			continue
		}
		best := rt.Urdu[0]
		r.text = append(r.text, best.Word)
		if asks := urduAsks(prev, best.Word); asks != "" {
			r.asks = asks
		}
		prev = best.Word
		if urduQuestionWords[best.Word] {
			if best.Word == "کتنے" || best.Word == "کتنی" || best.Word == "کتنا" {
				counting = countedWords
			}
			continue // kab, kitne: what kind of answer, not what it is about
		}
		if best.Word == "نے" && before >= 0 {
			// The agent ("putin ne … dora kiya"): the report of what it did
			// names it, and one about another's visit does not answer.
			r.words[before].Required, r.words[before].Agent = true, true
		}
		if text.IsStopword(best.Word) {
			counting = 0 // "kitne log ne": what is counted ends at a function word
			continue     // ne, ka, mein: the ranker reads them, the search need not
		}
		r.word(tok)
		cw := &r.words[len(r.words)-1]
		cw.Counted = counting > 0 && !rag.PersonsWord(tok)
		cw.Required = cw.Counted || urduAttributes[best.Word]
		agent = len(r.words) - 1
		counting--
		for _, u := range rt.Urdu {
			r.add(u.Word, u.Score/best.Score)
		}
		if len(tok) >= 4 && isEnglish(tok) {
			// An English word a Roman-Urdu question borrows ("doses",
			// "counter terrorism") may spell some Urdu word of the
			// collection too (دوست): its meaning is looked for as well.
			if ts := o.englishTerms([]string{tok}); len(ts) > 0 {
				r.addSenses(ts[0].Translations)
			}
		}
	}
	return r.query()
}

// names are the collection's words a Latin (or Urdu) word confidently
// spells, best first; a capitalised word is taken for a name even when it is
// also an English word ("Trump"). Matching is the costliest step of a
// translation, and questions repeat their names: results are cached for the
// matcher they came from.
func (o *Offline) names(m *translit.Matcher, tok string, capital bool) []translit.Match {
	if len([]rune(tok)) < 3 {
		return nil
	}
	key := tok
	if capital {
		key = "^" + tok
	}
	o.mu.Lock()
	if o.cacheFor != m {
		o.cache, o.cacheFor = map[string][]translit.Match{}, m
	}
	got, ok := o.cache[key]
	o.mu.Unlock()
	if ok {
		return got
	}
	var ms []translit.Match
	if capital {
		ms = m.Transliterate(tok)
	} else {
		ms = m.Names(tok)
	}
	var out []translit.Match
	for _, nm := range ms {
		if nm.Score >= translit.NameThreshold {
			out = append(out, nm)
		}
	}
	o.mu.Lock()
	if o.cacheFor == m {
		if len(o.cache) >= maxCachedNames {
			clear(o.cache) // questions' names come and go: a crude bound is enough
		}
		o.cache[key] = out
	}
	o.mu.Unlock()
	return out
}

// maxCachedNames bounds the name cache.
const maxCachedNames = 20000

// bestName is the collection word a Latin (or Urdu) word most likely
// spells, if the match is confident.
func (o *Offline) bestName(m *translit.Matcher, tok string) *translit.Match {
	ms := o.names(m, tok, false)
	if len(ms) == 0 {
		return nil
	}
	return &ms[0]
}

// UrduSpellings are the collection's Urdu-script spellings of a Latin word
// an Urdu question writes ("Paganini" → پاگانینی), best first, confident
// matches only (translit.NameThreshold). The word is read as a name, as a
// capitalised one is in an English question: a word typed in Latin letters
// amid Urdu is one the asker, or the machine that translated the question,
// had no Urdu for. Nil when names are off or none matches.
func (o *Offline) UrduSpellings(word string) []string {
	m := o.currentMatcher()
	if m == nil {
		return nil
	}
	var out []string
	for _, nm := range o.names(m, word, true) {
		out = append(out, nm.Word)
	}
	return out
}

// UnseenName reports whether an Urdu word is the transliteration of an
// English name (nameOf: ایفل for "eiffel", موزارٹ for "mozart"; not تاریخ
// for "history", nor the loanword کسٹمر) that the collection never writes
// in any spelling the matcher finds. A word the lexicon cannot read is
// none: nothing tells whether it is a name.
func (o *Offline) UnseenName(word string) bool {
	m := o.currentMatcher()
	if m == nil || o.off["lexicon"] {
		return false
	}
	if _, ok := text.Month(word); ok {
		return false // جنوری is a month, not a name
	}
	name, ok := o.nameOf(word)
	if !ok {
		return false
	}
	// (names: the collection's confident spellings of the name, cached.) An
	// ordinary English word Urdu writes only by its sound (پینسلین) is no
	// two-word name, as the matcher has it for Names: "پینی کلین", two words
	// of the collection that spell "penicillin" side by side, is no
	// spelling of it.
	spellings := o.names(m, name, true)
	if translit.IsEnglishWord(name) {
		spellings = slices.DeleteFunc(slices.Clone(spellings), func(s translit.Match) bool { return strings.Contains(s.Word, " ") })
	}
	return len(spellings) == 0
}

// unseenLatinName reports whether a Latin word of a Roman-Urdu question
// (written as the question wrote it) is an English name that the
// collection never writes: the lexicon renders it by its sound (one Urdu
// word it transliterates, translit.NameThreshold or better: "eiffel" as
// ایفل), it is no ordinary English word nor a month, and the matcher finds
// no spelling of it in the collection.
func (o *Offline) unseenLatinName(m *translit.Matcher, tok, written string) bool {
	if len(tok) < 4 || translit.IsEnglishWord(tok) || written == "" || !unicode.IsUpper([]rune(written)[0]) {
		return false
	}
	if _, ok := text.Month(tok); ok {
		return false
	}
	for _, t := range o.englishTerms([]string{tok}) {
		if slices.ContainsFunc(t.Translations, func(tr lexicon.Translation) bool { return spellsName(tok, tr.Text) }) {
			return len(o.names(m, tok, true)) == 0
		}
	}
	return false
}

// spellsName reports whether the Urdu word urdu is the English name en
// written by its sound: one word each, en no ordinary English word, and
// urdu a transliteration of it (translit.Score at least
// translit.NameThreshold): ایفل for "eiffel", not تاریخ for "history".
func spellsName(en, urdu string) bool {
	return !strings.Contains(en, " ") && !strings.Contains(urdu, " ") && !translit.IsEnglishWord(en) && translit.Score(en, urdu) >= translit.NameThreshold
}

// nameOf returns the English name an Urdu word transliterates, by the
// lexicon: a one-word rendering the word spells (translit.Score at least
// translit.NameThreshold) that is no ordinary English word (an ordinary
// word written in Urdu, کسٹمر or ایکسپورٹ, is a loanword a report may
// word otherwise).
func (o *Offline) nameOf(word string) (string, bool) {
	for _, t := range o.lex.UrduToEnglish([]string{word}) {
		for _, tr := range t.Translations {
			if spellsName(tr.Text, word) || o.onlyTransliterated(tr.Text, word) {
				return tr.Text, true
			}
		}
	}
	return "", false
}

// onlyTransliterated reports an ordinary English word that Urdu writes only
// by its sound: urdu transliterates it (translit.Score at least
// translit.NameThreshold), and every rendering the lexicon gives it with a
// probability of minNativeP or more does too (پینسلین for "penicillin"),
// so that a report has no other word for it, as it has گاہک for کسٹمر.
func (o *Offline) onlyTransliterated(en, urdu string) bool {
	if strings.Contains(en, " ") || strings.Contains(urdu, " ") || !translit.IsEnglishWord(en) || translit.Score(en, urdu) < translit.NameThreshold {
		return false
	}
	found := false
	for _, t := range o.lex.EnglishToUrdu([]string{en}) {
		for _, tr := range t.Translations {
			if tr.P < minNativeP {
				continue
			}
			if translit.Score(en, tr.Text) < translit.NameThreshold {
				return false
			}
			found = true
		}
	}
	return found
}

// minNativeP is the probability below which a lexicon rendering of an
// English word is alignment noise rather than a word Urdu has for it
// (penicillin's اینٹی at .05).
const minNativeP = 0.1

// currentMatcher returns the matcher over the collection's vocabulary,
// building it the first time. When the vocabulary has grown since (articles
// ingested while serving), it is rebuilt in the background and the old one
// serves meanwhile: a name of a new article is matched a moment later.
func (o *Offline) currentMatcher() *translit.Matcher {
	if o.vocab == nil || o.off["names"] {
		return nil
	}
	size := o.vocab.VocabularySize()
	o.mu.Lock()
	defer o.mu.Unlock()
	switch {
	case o.matcher == nil:
		o.matcher, o.size = o.build(), size
	case size != o.size && !o.building:
		o.building = true
		go func() {
			m := o.build()
			o.mu.Lock()
			o.matcher, o.size, o.building = m, size, false
			o.mu.Unlock()
		}()
	}
	return o.matcher
}

func (o *Offline) build() *translit.Matcher {
	var words []translit.Word
	o.vocab.Vocabulary(func(w string, df int) { words = append(words, translit.Word{Text: w, DF: df}) })
	slices.SortFunc(words, func(a, b translit.Word) int { return strings.Compare(a.Text, b.Text) })
	return translit.NewMatcher(words)
}

// Warm builds the vocabulary matcher now rather than on the first question
// (a server calls it at start-up, in the background).
func (o *Offline) Warm() { o.currentMatcher() }

// asMonth reads an English month name as a month only when it is written as
// one: capitalised ("May", not the verb "may") or next to a day or a year.
func asMonth(tok string, words map[string]string, toks []string, i int) (string, bool) {
	mo, ok := text.Month(tok)
	if !ok || text.IsUrduMonth(tok) || len(tok) < 3 {
		return "", false
	}
	written := words[tok]
	capital := written != "" && unicode.IsUpper([]rune(written)[0])
	nearNumber := i > 0 && text.IsDigits(toks[i-1]) || i+1 < len(toks) && text.IsDigits(toks[i+1])
	if !capital && !nearNumber {
		return "", false
	}
	return text.UrduMonth(mo), true
}

// latinWords maps each folded word of q to the way q writes it, so that a
// name is restated as the asker spelled it ("Lavrov").
func latinWords(q string) map[string]string {
	out := map[string]string{}
	for _, f := range strings.FieldsFunc(q, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		k := text.Fold(f)
		if _, seen := out[k]; !seen {
			out[k] = f
		}
	}
	return out
}

// asWritten is tok as the question wrote it, capitalised as a name.
func asWritten(tok string, words map[string]string) string {
	w := words[tok]
	if w == "" {
		w = tok
	}
	r := []rune(w)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// isLoan reports whether the Urdu word urdu, which spells the English word
// en in Urdu letters, is en borrowed ("سکولز", schools) rather than a word
// of its own that happens to sound alike ("مرغی", chicken, for marriage;
// "دلی", Delhi, for daily): the lexicon reads a word of its own as another
// English word.
func (o *Offline) isLoan(urdu, en string) bool {
	toks := text.Tokens(urdu)
	if len(toks) != 1 {
		return false // a name split in two ("اسلام آباد"); a loan is one word
	}
	for _, t := range o.lex.UrduToEnglish(toks) {
		if t.Start != 0 || t.End != len(toks) {
			continue
		}
		for _, tr := range t.Translations {
			if strings.HasPrefix(en, tr.Text) || strings.HasPrefix(tr.Text, en) {
				return true
			}
		}
		return false
	}
	return true
}
