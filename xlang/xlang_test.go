package xlang

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jawab/jawab/index/keyword"
	"github.com/jawab/jawab/lexicon"
	"github.com/jawab/jawab/rag"
	"github.com/jawab/jawab/text"
)

// seedIndex is a keyword index of the five seed articles: the vocabulary
// names are matched against.
func seedIndex(t testing.TB) *keyword.Index {
	t.Helper()
	files, err := filepath.Glob("../testdata/pk-ru/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("seed articles: %v", err)
	}
	ix := keyword.New()
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		ix.AddSentences(f, text.SentenceTokens(string(b)), nil)
	}
	return ix
}

func newOffline(t testing.TB, ix *keyword.Index) *Offline {
	t.Helper()
	lex, err := lexicon.Default()
	if err != nil {
		t.Fatal(err)
	}
	return New(lex, ix)
}

// offlineOver is a translator over a collection of one Urdu text.
func offlineOver(t *testing.T, urdu string) *Offline {
	t.Helper()
	ix := keyword.New()
	ix.AddSentences("a", text.SentenceTokens(urdu), nil)
	return newOffline(t, ix)
}

// renderings maps each word of cq, by its source, to its renderings.
func renderings(cq rag.CrossQuery) map[string][]string {
	out := map[string][]string{}
	for _, w := range cq.Words {
		for _, r := range w.Renderings {
			out[w.Source] = append(out[w.Source], r.Term)
		}
	}
	return out
}

// romanQuery renders q, which must read as Roman Urdu.
func romanQuery(t *testing.T, o *Offline, q string) rag.CrossQuery {
	t.Helper()
	if got := o.Input(q); got != rag.InputRomanUrdu {
		t.Fatalf("Input(%q) = %q, want Roman Urdu", q, got)
	}
	return o.TranslateQuery(q, rag.InputRomanUrdu, "ur")
}

func terms(cq rag.CrossQuery) []string {
	var out []string
	for _, t := range cq.Terms {
		out = append(out, t.Term)
	}
	return out
}

func TestInput(t *testing.T) {
	o := newOffline(t, seedIndex(t))
	tests := map[string]string{
		"When did Lavrov visit Pakistan?":                                           rag.InputEnglish,
		"Which Russian prime minister did Imran Khan meet?":                         rag.InputEnglish,
		"Lavrov Islamabad 2021":                                                     rag.InputEnglish, // names and a year: searched as typed
		"Imran Khan ne Moscow ka daura kab kiya?":                                   rag.InputRomanUrdu,
		"pak roos tijarat kitni hai":                                                rag.InputRomanUrdu,
		"Quand la Russie et le Pakistan ont-ils établi des relations diplomatiques": rag.InputOther,
		"Wann hat der russische Außenminister Pakistan besucht?":                    rag.InputOther,
		"¿Cuándo visitó Imran Khan Moscú?":                                          rag.InputOther, // names are no evidence of English
		"asdf qwer zxcv":                                                            rag.InputOther,
	}
	for q, want := range tests {
		if got := o.Input(q); got != want {
			t.Errorf("Input(%q) = %q, want %q", q, got, want)
		}
	}
}

// An English question becomes Urdu terms: words by the lexicon, names by the
// collection's own spelling, numbers as they are; the names are kept for the
// English answer.
func TestEnglishToUrdu(t *testing.T) {
	o := newOffline(t, seedIndex(t))
	cq := o.TranslateQuery("When did Lavrov visit Islamabad and meet the army chief?", o.Input("When did Lavrov visit Islamabad and meet the army chief?"), "ur")
	got := terms(cq)
	for _, want := range []string{"لاوروف", "دورہ", "اسلام"} {
		if !slices.Contains(got, want) {
			t.Errorf("terms %v lack %s", got, want)
		}
	}
	if !slices.Contains(cq.Names, rag.Name{As: "Lavrov", Word: "لاوروف"}) {
		t.Errorf("names %v lack Lavrov → لاوروف", cq.Names)
	}
	for _, w := range cq.Terms {
		if w.Weight <= 0 || w.Weight > 1 {
			t.Errorf("term %s has weight %v, want (0, 1]", w.Term, w.Weight)
		}
	}
	if cq.Known < 0.75 {
		t.Errorf("Known = %v: most words of the question should render", cq.Known)
	}
	if slices.Contains(terms(cq), "کب") || !strings.HasPrefix(cq.Text, "کب ") {
		t.Errorf("'when' is no search term (%v) but the ranker's cue of a time question (%q)", terms(cq), cq.Text)
	}
}

// "May" is a month when written as one; "may" is a verb.
func TestMonthsAndNumbers(t *testing.T) {
	o := newOffline(t, seedIndex(t))
	month := terms(o.TranslateQuery("What happened on 1 May 1948?", o.Input("What happened on 1 May 1948?"), "ur"))
	if !slices.Contains(month, "مئی") || !slices.Contains(month, "1948") {
		t.Errorf("terms %v: want مئی and 1948", month)
	}
	verb := terms(o.TranslateQuery("Which country may buy Russian oil?", o.Input("Which country may buy Russian oil?"), "ur"))
	if slices.Contains(verb, "مئی") {
		t.Errorf("terms %v: the verb 'may' is not the month", verb)
	}
	// A number hyphened to a name is searched for, but is no number the
	// question names in the text the gate reads: a report writes the
	// disease without it.
	covid := o.TranslateQuery("How many COVID-19 deaths were reported?", rag.InputEnglish, "ur")
	if !slices.Contains(terms(covid), "19") || slices.Contains(text.Tokens(covid.Text), "19") {
		t.Errorf("COVID-19: terms %v, text %q: want 19 searched, not in the text", terms(covid), covid.Text)
	}
	doses := terms(o.TranslateQuery("Did Russia give 50,000 doses?", rag.InputEnglish, "ur"))
	for _, want := range []string{"50000", "پچاس", "ہزار"} {
		if !slices.Contains(doses, want) {
			t.Errorf("terms %v lack %s (50,000 spelled as Urdu news writes it)", doses, want)
		}
	}
}

// An English number word is met by the digits Urdu news writes it in ("the
// first eight months": "پہلے 8 ماہ"); "one" is a pronoun as often, and stays
// a word.
func TestNumberWordsAsDigits(t *testing.T) {
	o := newOffline(t, seedIndex(t))
	got := renderings(o.TranslateQuery("How much did Pakistan import in the first eight months of the year?", rag.InputEnglish, "ur"))
	if !slices.Contains(got["eight"], "8") {
		t.Errorf("eight renders as %q: want 8 among them", got["eight"])
	}
	one := renderings(o.TranslateQuery("Which one of the ministers visited Moscow?", rag.InputEnglish, "ur"))
	if slices.Contains(one["one"], "1") {
		t.Errorf("one renders as %q: the pronoun is no figure", one["one"])
	}
}

// A figure with a scale is one word, rendered as Urdu news writes it
// ("50 کروڑ"), and an acronym the lexicon knows as a word ("pp", a page) is
// spelled out as well.
func TestFiguresAndAcronyms(t *testing.T) {
	o := newOffline(t, seedIndex(t))
	cq := o.TranslateQuery("Has the IMF released the $500 million tranche?", rag.InputEnglish, "ur")
	if figure := renderings(cq)["500 million"]; !slices.Contains(figure, "50 کروڑ") || !slices.Contains(figure, "500 ملین") {
		t.Errorf("500 million renders as %q: want 50 کروڑ and 500 ملین", figure)
	}
	if !strings.Contains(cq.Text, "50 کروڑ") {
		t.Errorf("text %q: want 50 کروڑ", cq.Text)
	}
	// A figure Urdu news has no way to write in its scales is read as the
	// words it is ("0.5 thousand" is 500), not taken for one.
	for _, q := range []string{"Did Russia give 0.5 thousand doses?", "Did Russia give 1.2345 thousand doses?"} {
		if got := renderings(o.TranslateQuery(q, rag.InputEnglish, "ur")); got["thousand"] == nil {
			t.Errorf("%q renders as %q: want thousand a word of its own", q, got)
		}
	}
	pp := o.TranslateQuery("When is the PP-84 by-election?", rag.InputEnglish, "ur")
	if got := renderings(pp)["pp"]; !slices.Contains(got, "پی پی") {
		t.Errorf("PP renders as %q: want پی پی", got)
	}
	// The search looks for an acronym as the index holds it spelled out in
	// Urdu letter names: one word ("igc"), besides each letter's name.
	igc := o.TranslateQuery("Which session of the IGC is held in Islamabad?", rag.InputEnglish, "ur")
	if got := terms(igc); !slices.Contains(got, "igc") || !slices.Contains(got, "جی") {
		t.Errorf("IGC is searched as %q: want igc and its letters' names", got)
	}
}

// Phrases of function words, which the lexicon keeps none of, are read as
// one word: a "sit-in" is دھرنا, "in a row" مسلسل.
func TestFunctionWordIdioms(t *testing.T) {
	o := newOffline(t, seedIndex(t))
	for q, want := range map[string]string{
		"What did the court say about the sit-in protesters?": "دھرنا",
		"For how many months in a row have exports grown?":    "مسلسل",
		"How many people took part in the climate marches?":   "شرکت",
	} {
		if !slices.Contains(terms(o.TranslateQuery(q, rag.InputEnglish, "ur")), want) {
			t.Errorf("%q: terms %v lack %s", q, terms(o.TranslateQuery(q, rag.InputEnglish, "ur")), want)
		}
	}
}

// An English word the collection writes borrowed, in Urdu letters and with
// the English plural, is met that way too; a word of the collection that
// only sounds alike and means something else is not taken for it.
func TestLoanwords(t *testing.T) {
	o := offlineOver(t, "ضلعی انتظامیہ نے 37 شاپنگ مالز، میرج ہالز، ریسٹورنٹس اور نجی سکولز سیل کر دیے۔ مرغی کی قیمت بڑھ گئی۔")
	rendered := renderings(o.TranslateQuery("How many restaurants and schools were sealed after the marriage season?", rag.InputEnglish, "ur"))
	for en, ur := range map[string]string{"restaurants": "ریسٹورنٹس", "schools": "سکولز"} {
		if !slices.Contains(rendered[en], ur) {
			t.Errorf("%s renders as %q: want the borrowed %s too", en, rendered[en], ur)
		}
	}
	if slices.Contains(rendered["marriage"], "مرغی") {
		t.Errorf("marriage renders as %q: مرغی is a chicken", rendered["marriage"])
	}
}

// A phrase the lexicon renders whole is met word by word too: a report
// of "33 پولیس افسران" answers "how many police officers", which the
// lexicon renders پولیس اہلکار.
func TestPhraseWordByWord(t *testing.T) {
	o := offlineOver(t, "ترکی میں 33 پولیس افسران بغاوت کی سازش کے الزام میں گرفتار۔")
	rendered := renderings(o.TranslateQuery("How many police officers were arrested in Turkey?", rag.InputEnglish, "ur"))
	if !slices.Contains(rendered["police officers"], "پولیس اہلکار") || !slices.Contains(rendered["police officers"], "پولیس افسران") {
		t.Errorf("police officers renders as %q: want the phrase's پولیس اہلکار and, word by word, پولیس افسران", rendered["police officers"])
	}
}

// An English word in a Roman-Urdu question is looked for by its meaning
// too, not only as the Urdu word it happens to spell ("doses", دوست).
func TestRomanBorrowedEnglish(t *testing.T) {
	o := offlineOver(t, "روس ہمارا دوست ملک ہے۔ روس نے ویکسین کی مزید خوراکیں دیں۔ پاکستان کو ویکسین کی خوراک ملی۔")
	doses := renderings(romanQuery(t, o, "Roos corona vaccine ki mazeed kitni doses de raha hai"))["doses"]
	if !slices.ContainsFunc(doses, func(r string) bool { return strings.HasPrefix(r, "خوراک") }) {
		t.Errorf("doses renders as %q: want its meaning, خوراک, among them", doses)
	}
}

// An acronym in a Roman-Urdu question is spelled as Urdu news writes it,
// after the lexicon's sense if it has one, not matched as a Roman word by
// its letters ("LNG" is ایل این جی, not لن).
func TestRomanAcronyms(t *testing.T) {
	o := offlineOver(t, "ایل این جی کا معاہدہ 2017 میں ہوا۔ فلم میں لن مرینڈا بھی ہیں۔")
	lng, ok := renderings(romanQuery(t, o, "LNG ka muahida kab hua tha"))["lng"]
	if !ok || !slices.Contains(lng, "ایل این جی") || slices.Contains(lng, "لن") {
		t.Errorf("LNG renders as %q: want ایل این جی, not لن", lng)
	}
}

// What "how many" counts and the attributes a question asks for are marked
// required: a sentence without them does not answer.
func TestRequiredWords(t *testing.T) {
	o := newOffline(t, seedIndex(t))
	cq := o.TranslateQuery("How many attack helicopters did Russia deliver to Pakistan?", o.Input("How many attack helicopters did Russia deliver to Pakistan?"), "ur")
	req := requiredWords(cq)
	if req["attack"] || !req["helicopters"] || req["russia"] || req["pakistan"] {
		t.Errorf("required = %v: want helicopters only (the head noun of what is counted)", req)
	}
	for _, w := range cq.Words {
		if (w.Source == "attack" || w.Source == "helicopters") != w.Counted {
			t.Errorf("%s: Counted = %v; want attack and helicopters counted", w.Source, w.Counted)
		}
	}
	for _, w := range cq.Words {
		if w.Source == "deliver" && !w.Verb {
			t.Error("deliver is a verb")
		}
	}
	// An irregular past after what is counted is its verb: "hit" ends the
	// blasts, and Yemen is no part of what is counted.
	cq = o.TranslateQuery("How many bomb blasts hit Yemen's capital?", rag.InputEnglish, "ur")
	if req := requiredWords(cq); !req["blasts"] || req["yemen"] || req["hit"] {
		t.Errorf("required = %v: want blasts only", req)
	}
	cq = o.TranslateQuery("What is the price of Russian crude oil?", o.Input("What is the price of Russian crude oil?"), "ur")
	for _, w := range cq.Words {
		if w.Source == "price" && !w.Required {
			t.Error("price is asked for: required")
		}
	}
	// So is a toll, as a price is: the report of another count (a
	// province's cases) does not answer "What is the death toll?".
	if req := requiredWords(o.TranslateQuery("What is Pakistan's total death toll now?", rag.InputEnglish, "ur")); !req["death toll"] || req["pakistan"] {
		t.Errorf("required = %v: want the death toll only", req)
	}
	// "name" the noun is asked for; "name" the verb is not ("whom did the
	// ICC name as ambassador": the answer says "سفیر مقرر", not "نام").
	for q, want := range map[string]bool{
		"What is the name of the Russian ambassador?":           true,
		"What is his name?":                                     true,
		"Whom did the ICC name as ambassador of the World Cup?": false,
		"Name the minister who visited Moscow.":                 false,
		"What's the newest record Babar Azam has to his name?":  false, // credited to him
	} {
		found := false
		for _, w := range o.TranslateQuery(q, rag.InputEnglish, "ur").Words {
			if w.Source == "name" {
				found = true
				if w.Required != want {
					t.Errorf("%s: name required = %v, want %v", q, w.Required, want)
				}
			}
		}
		if !found {
			t.Errorf("%s: no word \"name\"", q)
		}
	}
	// A participle after what is counted is no part of it: "passengers
	// arriving from abroad" count passengers.
	cq = o.TranslateQuery("How many passengers arriving from abroad were found infected?", rag.InputEnglish, "ur")
	req = requiredWords(cq)
	if req["arriving"] || !req["passengers"] {
		t.Errorf("how many passengers arriving: required = %v, want passengers only", req)
	}
	// Nor is a passive participle, which "by" follows: "money stolen by a
	// politician" counts money, which an amount states ("58 لاکھ ڈالر").
	cq = o.TranslateQuery("How much money stolen by a former politician did Britain return?", rag.InputEnglish, "ur")
	req = requiredWords(cq)
	if req["stolen"] || !req["money"] {
		t.Errorf("how much money stolen by: required = %v, want money only", req)
	}
	// Persons are counted in a report's own words, and so are the words
	// that say which: "how many elderly people" asks only a number ("60
	// سال سے زائد 1 ہزار افراد"); "how many new cases" still counts cases.
	cq = o.TranslateQuery("How many elderly people have had the COVID vaccine in Karachi so far?", rag.InputEnglish, "ur")
	for _, w := range cq.Words {
		if w.Counted || w.Required {
			t.Errorf("how many elderly people: %s counted %v, required %v; want neither", w.Source, w.Counted, w.Required)
		}
	}
	cq = o.TranslateQuery("How many new cases were reported in Karachi?", rag.InputEnglish, "ur")
	if req = requiredWords(cq); !req["cases"] {
		t.Errorf("how many new cases: required = %v, want cases", req)
	}
	// Nor a past tense the verb list lacks: "countries criticised the
	// report" counts countries.
	cq = o.TranslateQuery("How many countries criticised the WHO report as inadequate?", rag.InputEnglish, "ur")
	req = requiredWords(cq)
	if req["criticised"] || !req["countries"] {
		t.Errorf("how many countries criticised: required = %v, want countries only", req)
	}
	cq = o.TranslateQuery("How many high speed trains will Pakistan buy?", rag.InputEnglish, "ur")
	if req = requiredWords(cq); !req["trains"] {
		t.Errorf("how many high speed trains: required = %v, want trains", req)
	}
	// "discovered" is the verb news renders "دریافت کیا": the thing
	// discovered is what the answer must name.
	cq = o.TranslateQuery("Who discovered penicillin?", rag.InputEnglish, "ur")
	for _, w := range cq.Words {
		if w.Source == "discovered" && !w.Verb {
			t.Errorf("who discovered penicillin: discovered is not read as a verb")
		}
	}
	// "new" says which cases, not what is counted: "مزید 220 کیسز" answers.
	cq = o.TranslateQuery("How many new cases were reported?", rag.InputEnglish, "ur")
	req = requiredWords(cq)
	if req["new"] || !req["cases"] {
		t.Errorf("how many new cases: required = %v, want cases only", req)
	}
	// "tested" is the verb: what is counted ends before it, at "people",
	// whom news counts in its own words (افراد, لوگ).
	cq = o.TranslateQuery("How many people tested positive for COVID-19 in Lahore?", rag.InputEnglish, "ur")
	for _, w := range cq.Words {
		if w.Required {
			t.Errorf("how many people tested positive: %q is required", w.Source)
		}
	}
	// Nor when the lexicon holds a phrase that begins with it ("new
	// coronavirus", نیا کورونا وائرس): the counted words stand alone.
	cq = o.TranslateQuery("How many new coronavirus cases were reported?", rag.InputEnglish, "ur")
	var sources []string
	for _, w := range cq.Words {
		sources = append(sources, w.Source)
		if strings.HasPrefix(w.Source, "new") && w.Required {
			t.Errorf("%q is required", w.Source)
		}
		for _, r := range w.Renderings {
			if strings.Contains(r.Term, "نیا") && w.Source != "new" {
				t.Errorf("%q is rendered %q: the adjective is part of it", w.Source, r.Term)
			}
		}
	}
	if !slices.Contains(sources, "coronavirus") || !slices.Contains(sources, "cases") {
		t.Errorf("words %v: want coronavirus and cases among them", sources)
	}
}

// "v" and "vs" between two teams say who played whom, as "against" does: no
// word the answer must hold (Urdu news writes "پاکستان اور سری لنکا").
func TestVersusIsNoWord(t *testing.T) {
	o := newOffline(t, seedIndex(t))
	for _, q := range []string{"Pakistan v Russia: who won?", "Pakistan vs Russia: who won?", "Pakistan versus Russia: who won?"} {
		for _, w := range o.TranslateQuery(q, rag.InputEnglish, "ur").Words {
			if w.Source == "v" || w.Source == "vs" || w.Source == "versus" {
				t.Errorf("%q: %q is a word of the question (renderings %v)", q, w.Source, w.Renderings)
			}
		}
	}
}

// Roman Urdu is rendered by the Urdu spellings the collection knows.
func TestRomanUrdu(t *testing.T) {
	o := newOffline(t, seedIndex(t))
	cq := o.TranslateQuery("Imran Khan ne Moscow ka daura kab kiya?", o.Input("Imran Khan ne Moscow ka daura kab kiya?"), "ur")
	for _, want := range []string{"عمران", "ماسکو", "دورہ"} {
		if !strings.Contains(cq.Text, want) {
			t.Errorf("rendering %q lacks %s", cq.Text, want)
		}
	}
	for _, w := range cq.Words {
		if w.Source == "kab" {
			t.Error("kab (کب) asks for a time; it is not a word the answer holds")
		}
	}
}

// The agent of a Roman-Urdu question ("putin ne …") is required of its
// answer: a report of another's visit does not say when Putin visited. A
// pronoun agent ("unhon ne") is no word to require.
func TestRomanAgentIsRequired(t *testing.T) {
	o := newOffline(t, seedIndex(t))
	agents := map[string]bool{}
	required := func(q string) map[string]bool {
		m := map[string]bool{}
		clear(agents)
		for _, w := range o.TranslateQuery(q, rag.InputRomanUrdu, "ur").Words {
			m[w.Source] = w.Required
			agents[w.Source] = w.Agent
		}
		return m
	}
	for q, want := range map[string]map[string]bool{
		"putin ne pakistan ka dora kab kiya tha":   {"putin": true, "pakistan": false, "dora": false},
		"Imran Khan ne Moscow ka daura kab kiya?":  {"khan": true, "imran": false, "moscow": false},
		"unhon ne Moscow ka daura kab kiya?":       {"moscow": false, "daura": false},
		"ishaq dar ne lavrov se kahan mulaqat ki?": {"dar": true, "lavrov": false},
	} {
		got := required(q)
		for w, is := range want {
			if got[w] != is {
				t.Errorf("%q: %s required = %v, want %v (%v)", q, w, got[w], is, got)
			}
			if agents[w] != is {
				t.Errorf("%q: %s an agent = %v, want %v", q, w, agents[w], is)
			}
		}
	}
}

// What a question requires of its answer: what "kitne" counts, but not
// "people", which news counts in its own words.
func TestRomanRequired(t *testing.T) {
	o := newOffline(t, seedIndex(t))
	words := func(q string) map[string]rag.CrossWord {
		if got := o.Input(q); got != rag.InputRomanUrdu {
			t.Fatalf("Input(%q) = %q, want Roman Urdu", q, got)
		}
		m := map[string]rag.CrossWord{}
		for _, w := range o.TranslateQuery(q, rag.InputRomanUrdu, "ur").Words {
			m[w.Source] = w
		}
		return m
	}
	w := words("Imran Khan k Mascow dore mein kitne muahidon par dastakhat hue")
	if !w["muahidon"].Counted || !w["muahidon"].Required || w["dastakhat"].Counted || w["imran"].Required {
		t.Errorf("kitne muahidon: want muahidon counted and required only, got %+v", w)
	}
	w = words("Russia ne Pak ko kitny log diye?")
	if w["log"].Required || w["log"].Counted {
		t.Errorf("kitny log: want people not required, got %+v", w)
	}
	cq := o.TranslateQuery("How many people were in the Russian delegation?", rag.InputEnglish, "ur")
	for _, x := range cq.Words {
		if x.Source == "people" && (x.Required || x.Counted) {
			t.Errorf("how many people: people required: %+v", x)
		}
	}
	for q, want := range map[string]map[string]bool{
		"How tall is the Eiffel Tower?":                {"eiffel": true, "tall": false},
		"Is Pakistan making the Sputnik V vaccine?":    {"sputnik": true, "v": false, "vaccine": false},
		"When did Lavrov visit Pakistan?":              {"lavrov": true, "pakistan": true},
		"Pakistan signed how many agreements in 2023?": {"pakistan": false},
		// An acronym is spelled letter by letter in Urdu ("ایس او پیز"): no name.
		"How many shops were sealed in Islamabad for violating COVID-19 SOPs?": {"sops": false, "covid": false, "islamabad": true},
	} {
		names := map[string]bool{}
		for _, x := range o.TranslateQuery(q, rag.InputEnglish, "ur").Words {
			names[text.Fold(x.Source)] = x.Name
		}
		for w, is := range want {
			if names[w] != is {
				t.Errorf("%q: %s written as a name = %v, want %v", q, w, names[w], is)
			}
		}
	}
	// The place a question asks about follows "in" and is written as a name.
	for q, want := range map[string]string{
		"What is the latest COVID-19 death toll in Brazil?":              "brazil",
		"How many cases were reported in the latest day?":                "",
		"How many people died in the attack in Peshawar in 2014?":        "peshawar",
		"How many cases were reported in the last week?":                 "",
		"How many people have been vaccinated in the United States now?": "united states",
		// Or heads it, or owns what it asks.
		"Israel: how many COVID-19 deaths were reported in the latest update?": "israel",
		"What is Islamabad's COVID-19 positivity rate now?":                    "islamabad",
		"What is the KSE's latest close?":                                      "",
		"What did the Anti-Narcotics Force's latest raids seize?":              "",
		// Or is a district or province by that word, whatever precedes it.
		"What is the latest coronavirus update from Mansehra district?": "mansehra",
		"How many cases has Attock district recorded so far?":           "attock",
		// Or sends the report.
		"According to the latest report from Kharian, how many cases are there now?": "kharian",
		"How many doses came from China?":                                            "",
		// Or reports the count asked.
		"How many new cases did Lahore report in the latest day?":           "lahore",
		"How many new coronavirus cases has Faisalabad recorded so far?":    "faisalabad",
		"How many new cases is Faisalabad reporting per day at the moment?": "faisalabad",
		"How many deaths was Karachi recording every day?":                  "karachi",
		"How many cases did the NCOC report?":                               "",
		"How many runs did Babar score?":                                    "",
		// Or is the world.
		"How many coronavirus infections have been recorded worldwide so far?": "worldwide",
		"How many people have died of COVID-19 around the world?":              "around the world", // an idiom, دنیا بھر
		"Who beat world number one Novak Djokovic?":                            "",
	} {
		got := ""
		for _, x := range o.TranslateQuery(q, rag.InputEnglish, "ur").Words {
			if x.Place {
				got = text.Fold(x.Source)
			}
		}
		if got != want {
			t.Errorf("%q: place %q, want %q", q, got, want)
		}
	}
	// "US" in capitals is the country, not the pronoun.
	us := terms(o.TranslateQuery("What did the US give Pakistan?", rag.InputEnglish, "ur"))
	if !slices.Contains(us, "امریکہ") {
		t.Errorf("terms %v: want امریکہ for US", us)
	}
	if lower := terms(o.TranslateQuery("What did they give us?", rag.InputEnglish, "ur")); slices.Contains(lower, "امریکہ") {
		t.Errorf("terms %v: the pronoun us is no country", lower)
	}
	// An acronym the lexicon lacks is spelled out letter by letter.
	spelled := false
	for _, x := range o.TranslateQuery("Where did the KSE-100 index close?", rag.InputEnglish, "ur").Words {
		if x.Source == "kse" && len(x.Renderings) > 0 && x.Renderings[0].Term == "کے ایس ای" {
			spelled = true
		}
	}
	if !spelled {
		t.Error("KSE is not rendered کے ایس ای")
	}
	cq = o.TranslateQuery("How many agreements were signed?", rag.InputEnglish, "ur")
	for _, x := range cq.Words {
		if x.Source == "agreements" && !x.Counted {
			t.Errorf("how many agreements: agreements not counted: %+v", x)
		}
	}
}

// The other direction: an Urdu question over English articles.
func TestUrduToEnglish(t *testing.T) {
	ix := keyword.New()
	ix.Add("a", text.ContentTokens("Lavrov visited Islamabad in April and discussed trade with Pakistan"))
	o := newOffline(t, ix)
	got := terms(o.TranslateQuery("لاوروف نے اپریل میں تجارت پر کیا کہا؟", rag.InputUrdu, "en"))
	for _, want := range []string{"lavrov", "april", "trade"} {
		if !slices.Contains(got, want) {
			t.Errorf("terms %v lack %s", got, want)
		}
	}
}

// Each part can be switched off for the ablation, and only that part.
func TestWithout(t *testing.T) {
	o := newOffline(t, seedIndex(t))
	q := "When did Lavrov visit Pakistan in May 2018?"
	noNames, err := o.Without("names")
	if err != nil {
		t.Fatal(err)
	}
	if cq := noNames.TranslateQuery(q, o.Input(q), "ur"); len(cq.Names) != 0 || !slices.Contains(terms(cq), "دورہ") {
		t.Errorf("without names: names %v, terms %v", cq.Names, terms(cq))
	}
	noLex, _ := o.Without("lexicon")
	if cq := noLex.TranslateQuery(q, o.Input(q), "ur"); slices.Contains(terms(cq), "دورہ") || len(cq.Names) == 0 {
		t.Errorf("without the lexicon: terms %v, names %v", terms(cq), cq.Names)
	}
	noNum, _ := o.Without("numbers")
	if cq := noNum.TranslateQuery(q, o.Input(q), "ur"); slices.Contains(terms(cq), "مئی") {
		t.Errorf("without numbers: terms %v still hold the month", terms(cq))
	}
	if _, err := o.Without("grammar"); err == nil || !strings.Contains(err.Error(), "lexicon, names, numbers") {
		t.Errorf("Without(grammar) = %v, want an error listing the parts", err)
	}
}

// Articles ingested while serving bring new names: the matcher is rebuilt
// in the background and finds them.
func TestVocabularyGrowth(t *testing.T) {
	ix := seedIndex(t)
	o := newOffline(t, ix)
	if cq := o.TranslateQuery("What did Zakharova say?", o.Input("What did Zakharova say?"), "ur"); len(cq.Names) != 0 {
		t.Fatalf("names %v before the article exists", cq.Names)
	}
	ix.Add("new", text.ContentTokens("روسی وزارت خارجہ کی ترجمان زاخارووا نے کہا کہ ماسکو تیار ہے"))
	deadline := time.Now().Add(30 * time.Second)
	for {
		cq := o.TranslateQuery("What did Zakharova say?", o.Input("What did Zakharova say?"), "ur")
		if slices.Contains(cq.Names, rag.Name{As: "Zakharova", Word: "زاخارووا"}) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("names %v: the new article's name was never matched", cq.Names)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// BenchmarkTranslateQuery: an English question's translation over the seed
// vocabulary, with the name cache cold (a new translator each time; the
// matcher is built outside the timing) and warm.
func BenchmarkTranslateQuery(b *testing.B) {
	ix := seedIndex(b)
	lex, err := lexicon.Default()
	if err != nil {
		b.Fatal(err)
	}
	const q = "Which Russian official did Bilawal Bhutto Zardari meet in Moscow in January 2023?"
	b.Run("cold", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			o := New(lex, ix)
			o.Warm()
			b.StartTimer()
			o.TranslateQuery(q, rag.InputEnglish, "ur")
		}
	})
	b.Run("warm", func(b *testing.B) {
		o := New(lex, ix)
		o.TranslateQuery(q, rag.InputEnglish, "ur")
		for b.Loop() {
			o.TranslateQuery(q, rag.InputEnglish, "ur")
		}
	})
}

// What a question asks for, in English and in Roman Urdu.
func TestAsks(t *testing.T) {
	o := newOffline(t, seedIndex(t))
	tests := map[string]string{
		"In which year was the LNG agreement signed?":           rag.AsksYear,
		"In which month of 1999 did Nawaz Sharif visit Russia?": rag.AsksMonth,
		"On what date did Lavrov visit Islamabad?":              rag.AsksDate,
		"When did Bilawal visit Moscow?":                        rag.AsksTime,
		"How many doses did Russia send?":                       rag.AsksNumber,
		"Who led the Russian delegation?":                       "",
		// A "when" clause that sets the scene does not ask a time; the
		// question after its comma does.
		"When Lavrov visited Islamabad in 2021, how many agreements were signed?": rag.AsksNumber,
		"When the Russian delegation arrived, what did Pakistan offer?":           "",
		"When Bilawal visited Moscow, when did Lavrov meet him?":                  rag.AsksTime,
		"When did Bilawal visit Moscow, which he had planned for months?":         rag.AsksTime,
		"When was the agreement signed, whose terms Russia set?":                  rag.AsksTime,
		// Nor does a "when" inside the question that joins a clause; one
		// after "and", "or" or "until", before an auxiliary or at the end
		// asks.
		"Who signed for Pakistan when Lavrov visited Islamabad?":           "",
		"Had Lavrov met Imran Khan when the agreement was signed?":         "",
		"Is the pipeline delayed, or when is it now expected?":             rag.AsksTime,
		"Lavrov will visit Islamabad, and when Bilawal will go to Moscow?": rag.AsksTime,
		"Has the visit been postponed, and until when?":                    rag.AsksTime,
		"Khawaja Asif ne Moscow ka daura kis saal kiya tha?":               rag.AsksYear,
		"General Bajwa ne Roos ka dora kis mahine mein kiya tha?":          rag.AsksMonth,
		"Imran Khan ne Moscow ka daura kab kiya?":                          rag.AsksTime,
		"Russia ne Pakistan ko kitni vaccine di?":                          rag.AsksNumber,
	}
	for q, want := range tests {
		if got := o.TranslateQuery(q, o.Input(q), "ur").Asks; got != want {
			t.Errorf("%s: asks %q, want %q", q, got, want)
		}
	}
}

// requiredWords is whether each word of cq is required, by its source word.
func requiredWords(cq rag.CrossQuery) map[string]bool {
	req := map[string]bool{}
	for _, w := range cq.Words {
		req[w.Source] = w.Required
	}
	return req
}

// The glossary's news senses count as much as the parallel text's favourite
// sense: a required "cases" is met by کیسز and مقدمات, which the
// encyclopaedic parallel text renders far less often than معاملات.
func TestGlossarySensesAreLikely(t *testing.T) {
	o := newOffline(t, seedIndex(t))
	q := "How many cases have the police registered?"
	cq := o.TranslateQuery(q, o.Input(q), "ur")
	weight := map[string]float64{}
	for _, w := range cq.Words {
		if w.Source != "cases" {
			continue
		}
		if !w.Required {
			t.Errorf("cases is not required of the answer")
		}
		for _, r := range w.Renderings {
			weight[r.Term] = r.Weight
		}
	}
	for _, want := range []string{"کیسز", "مقدمات"} {
		if weight[want] < 0.9 {
			t.Errorf("cases → %s weighs %v (renderings %v), want a likely rendering", want, weight[want], weight)
		}
	}
}

// The words that say how a question is put, not what it asks about, are
// left out of the gate's count and never required: attribution ("according
// to the latest report", "as reported"), the adverbs that frame it ("simply",
// "actually", "ever") and a news question's verbs ("expected", "received",
// "found"), which Urdu says by a light-verb phrase the answer seldom repeats.
// The nouns beside them are content.
func TestFrameWordsAreNotCounted(t *testing.T) {
	o := newOffline(t, seedIndex(t))
	for _, c := range []struct {
		q              string
		frame, content []string
	}{
		{"According to the latest report, how many people were vaccinated, as reported by the ministry?",
			[]string{"according", "reported"}, []string{"people", "ministry"}},
		{"Can elderly people now simply walk in for a vaccine, or was it actually the highest ever demand?",
			[]string{"simply", "actually", "ever"}, []string{"vaccine", "demand"}},
		{"When is the vaccine consignment expected, how many doses were received, and how much gold was found?",
			[]string{"expected", "received", "found"}, []string{"vaccine", "consignment", "gold"}},
	} {
		cq := o.TranslateQuery(c.q, o.Input(c.q), "ur")
		seen := 0
		for _, w := range cq.Words {
			switch {
			case slices.Contains(c.frame, w.Source):
				seen++
				if !w.Verb || w.Required {
					t.Errorf("%q: %s verb %v required %v; want it left out of the gate's count", c.q, w.Source, w.Verb, w.Required)
				}
			case slices.Contains(c.content, w.Source) && w.Verb:
				t.Errorf("%q: %s is content, not a frame", c.q, w.Source)
			}
		}
		if seen != len(c.frame) {
			t.Errorf("%q: %d of %v among %v", c.q, seen, c.frame, cq.Words)
		}
	}
}

// renderedWord is the word of q's offline rendering over the seed articles
// whose source is source.
func renderedWord(t *testing.T, q, source string) rag.CrossWord {
	t.Helper()
	o := newOffline(t, seedIndex(t))
	cq := o.TranslateQuery(q, o.Input(q), "ur")
	i := slices.IndexFunc(cq.Words, func(w rag.CrossWord) bool { return w.Source == source })
	if i < 0 {
		t.Fatalf("no word %s among %v", source, cq.Words)
	}
	return cq.Words[i]
}

// What "how many" counts is a noun the answer must hold, even an attribution
// word: "reports" here is what is counted, not where a figure comes from.
func TestCountedReportsAreContent(t *testing.T) {
	w := renderedWord(t, "How many new positive coronavirus reports did the district health authority announce?", "reports")
	if w.Verb || !w.Required || !w.Counted {
		t.Errorf("reports: verb %v required %v counted %v; want a counted, required noun", w.Verb, w.Required, w.Counted)
	}
}

// A day of the week is written with a capital but is no name: "Friday" is
// جمعہ, not the name فرید that the collection also holds.
func TestWeekdayIsNoName(t *testing.T) {
	w := renderedWord(t, "What did Lavrov say in Islamabad on Friday?", "friday")
	if w.Name || w.Likeliest().Term != "جمعہ" {
		t.Errorf("friday: name %v, likeliest %q; want the day جمعہ", w.Name, w.Likeliest().Term)
	}
}

// An idiom is rendered as news writes it, not word by word; "so far" says
// how the question is put and is neither searched nor required.
func TestIdioms(t *testing.T) {
	o := newOffline(t, seedIndex(t))
	q := "So far, how many people in Islamabad have signed up for the vaccine?"
	cq := o.TranslateQuery(q, o.Input(q), "ur")
	got := terms(cq)
	if !slices.Contains(got, "رجسٹرڈ") || slices.Contains(got, "دستخط") || slices.Contains(got, "دور") {
		t.Errorf("terms %v: want رجسٹرڈ for signed up, and neither دستخط nor دور", got)
	}
	for _, w := range cq.Words {
		if w.Source == "far" || w.Source == "so far" {
			t.Errorf("word %q: so far is no word of the question", w.Source)
		}
		if w.Source == "signed up" && (w.Required || !w.Verb) {
			t.Errorf("signed up: required %v, verb %v; want the verb, not required", w.Required, w.Verb)
		}
	}
	// "Around the world" is دنیا بھر, not "around" (ارد گرد) and "world".
	q = "How many people took part in the climate marches around the world?"
	world := renderings(o.TranslateQuery(q, o.Input(q), "ur"))
	if !slices.Contains(world["around the world"], "دنیا بھر") || world["around"] != nil {
		t.Errorf("renderings %v: want دنیا بھر for around the world, and no word around", world)
	}
	q = "What restrictions are in force in Quetta now?"
	if got := terms(o.TranslateQuery(q, o.Input(q), "ur")); !slices.Contains(got, "نافذ") {
		t.Errorf("terms %v: want نافذ for in force", got)
	}
	// A phrase of four words, and "named", the verb, which the answer
	// ("… مین آف دی میچ قرار پائے") need not hold.
	q = "Who was named man of the match in the final?"
	cq = o.TranslateQuery(q, o.Input(q), "ur")
	if got := terms(cq); !slices.Contains(got, "مین") || slices.Contains(got, "انسان") {
		t.Errorf("terms %v: want مین آف دی میچ for man of the match, not انسان", got)
	}
	for _, w := range cq.Words {
		if w.Source == "named" && !w.Verb {
			t.Errorf("named: not read as the verb")
		}
	}
}

// "cases" are a disease's unless the question is about the police or a
// court: the legal sense (مقدمات) is searched only then.
func TestCasesByContext(t *testing.T) {
	o := newOffline(t, seedIndex(t))
	for q, legal := range map[string]bool{
		"How many active coronavirus cases does Pakistan have?":                    false,
		"How many new cases were reported yesterday?":                              false,
		"How many cases did Lahore police register for breaking coronavirus SOPs?": true,
		"How many cases are pending in the Supreme Court?":                         true,
	} {
		cq := o.TranslateQuery(q, rag.InputEnglish, "ur")
		var rs []string
		for _, w := range cq.Words {
			if w.Source == "cases" {
				for _, r := range w.Renderings {
					rs = append(rs, r.Term)
				}
			}
		}
		if len(rs) == 0 {
			t.Errorf("%q: cases not rendered", q)
			continue
		}
		if got := slices.Contains(rs, "مقدمات"); got != legal {
			t.Errorf("%q: renderings of cases %v, legal sense %v, want %v", q, rs, got, legal)
		}
		if !slices.Contains(rs, "کیسز") {
			t.Errorf("%q: renderings of cases %v, want the disease's کیسز too", q, rs)
		}
	}
}

// The text the ranker reads renders a word by the glossary's news sense
// where the parallel text favours another: "cases" as کیسز or مقدمات, not
// معاملات; "coronavirus" as headlines write it, کورونا.
func TestTextTakesTheGlossarySense(t *testing.T) {
	o := newOffline(t, seedIndex(t))
	q := "How many new coronavirus cases were reported?"
	cq := o.TranslateQuery(q, o.Input(q), "ur")
	toks := text.Tokens(cq.Text)
	if slices.Contains(toks, "معاملات") || !slices.Contains(toks, "کیسز") && !slices.Contains(toks, "مقدمات") {
		t.Errorf("text %q: want a glossary rendering of cases", cq.Text)
	}
	if !slices.Contains(toks, "کورونا") {
		t.Errorf("text %q: want coronavirus as کورونا", cq.Text)
	}
}

// An Urdu word is an unseen name when the lexicon reads it as the
// transliteration of a name (not an ordinary English word, not a month) and
// the collection writes that name in no spelling.
func TestUnseenName(t *testing.T) {
	o := newOffline(t, seedIndex(t))
	for w, want := range map[string]bool{
		"ایفل":    true,  // Eiffel: the seed articles never name it
		"موزارٹ":  true,  // Mozart
		"لاوروف":  false, // Lavrov: the articles' own name
		"تاریخ":   false, // history: a translation, not a transliteration
		"جنوری":   false, // a month
		"کسٹمر":   false, // customer: an ordinary English word, a loanword (Urdu also says گاہک)
		"ڈرائیور": true,  // driver: ordinary, but Urdu has no other word for it, and the articles never say it
		"زیکا":    false, // the lexicon cannot read it: nothing tells it is a name
	} {
		if got := o.UnseenName(w); got != want {
			t.Errorf("UnseenName(%q) = %v, want %v", w, got, want)
		}
	}
}

// A Latin word of an Urdu question is spelled as the collection writes it
// in Urdu script, when the collection writes it at all.
func TestUrduSpellings(t *testing.T) {
	o := newOffline(t, seedIndex(t))
	if got := o.UrduSpellings("Lavrov"); len(got) == 0 || got[0] != "لاوروف" {
		t.Errorf("UrduSpellings(Lavrov) = %v, want لاوروف first", got)
	}
	if got := o.UrduSpellings("Eiffel"); len(got) != 0 {
		t.Errorf("UrduSpellings(Eiffel) = %v over articles that never name it, want none", got)
	}
	o.off = map[string]bool{"names": true}
	if got := o.UrduSpellings("Lavrov"); len(got) != 0 {
		t.Errorf("UrduSpellings(Lavrov) = %v with names off, want none", got)
	}
}

// An ordinary English word Urdu writes only by its sound (پینسلین,
// penicillin) is unseen in a collection that holds two words spelling it
// side by side ("پینی", "کلین"): the matcher's guess of a two-word name is no
// spelling of an ordinary word, as Names has it.
func TestUnseenNameNotTwoWordsOfAnOrdinaryWord(t *testing.T) {
	// Five reports, so that the matcher is sure enough of each word to
	// offer the pair (its frequency prior).
	ix := keyword.New()
	for i := range 5 {
		ix.AddSentences(fmt.Sprint("r", i), text.SentenceTokens("پینی نے کمرہ کلین کیا۔ اسپتال میں ادویات کی کمی ہے۔"), nil)
	}
	o := newOffline(t, ix)
	if got := o.currentMatcher().Transliterate("penicillin"); len(got) == 0 || got[0].Word != "پینی کلین" {
		t.Fatalf("the fixture no longer holds: the matcher offers %v for penicillin", got)
	}
	if !o.UnseenName("پینسلین") {
		t.Error("UnseenName(پینسلین) = false over a collection that holds only پینی and کلین")
	}
	o = offlineOver(t, "اسپتال میں پینسلن کی کمی ہے۔")
	if o.UnseenName("پینسلین") {
		t.Error("UnseenName(پینسلین) = true over a collection that writes پینسلن")
	}
}

// A capitalised ordinary English word is a name that says nothing of the
// story: "Tower" is ordinary, "Eiffel" is not.
func TestOrdinaryNames(t *testing.T) {
	o := newOffline(t, seedIndex(t))
	q := "How tall is the Eiffel Tower in Paris?"
	cq := o.TranslateQuery(q, o.Input(q), "ur")
	got := map[string]bool{}
	for _, w := range cq.Words {
		if w.Name {
			got[strings.ToLower(w.Source)] = w.Ordinary
		}
	}
	if ord, ok := got["tower"]; !ok || !ord {
		t.Errorf("Tower: name %v, ordinary %v; want an ordinary name (names %v)", ok, ord, got)
	}
	if ord, ok := got["eiffel"]; !ok || ord {
		t.Errorf("Eiffel: name %v, ordinary %v; want a proper name (names %v)", ok, ord, got)
	}
}

// A Roman-Urdu question may name something in English: "Eiffel" is the
// tower the seed articles never name, not the Roman word فیل (elephant) that
// some article holds. It is a name with no rendering, as in an English
// question, while the articles' own names keep theirs.
func TestRomanUrduUnseenName(t *testing.T) {
	o := newOffline(t, seedIndex(t))
	q := "Eiffel tower ki unchai kitne meter hai?"
	if in := o.Input(q); in != rag.InputRomanUrdu {
		t.Fatalf("Input(%q) = %q, want Roman Urdu", q, in)
	}
	byWord := map[string]rag.CrossWord{}
	for _, w := range o.TranslateQuery(q, rag.InputRomanUrdu, "ur").Words {
		byWord[strings.ToLower(w.Source)] = w
	}
	if w, ok := byWord["eiffel"]; !ok || !w.Name || len(w.Renderings) != 0 {
		t.Errorf("Eiffel = %+v (found %v), want a name with no rendering", w, ok)
	}
	if w, ok := byWord["unchai"]; !ok || w.Name {
		t.Errorf("unchai = %+v (found %v), want a Roman word, not a name", w, ok)
	}
	// Lowercase, it may be a Roman word after all: read as one.
	for _, w := range o.TranslateQuery("eiffel tower ki unchai kitne meter hai?", rag.InputRomanUrdu, "ur").Words {
		if strings.ToLower(w.Source) == "eiffel" && w.Name {
			t.Errorf("lowercase eiffel taken for a name: %+v", w)
		}
	}
	// A name the articles write is rendered as they spell it.
	for _, w := range o.TranslateQuery("Lavrov ne Islamabad mein kya kaha?", rag.InputRomanUrdu, "ur").Words {
		if strings.ToLower(w.Source) == "lavrov" && len(w.Renderings) == 0 {
			t.Errorf("Lavrov, which the articles name, has no rendering: %+v", w)
		}
	}
}

// A name of two capitalised words that the collection types glued is
// searched and met in that spelling too; a spelling that is the first word
// with a letter added ("Pakistan Navy" as پاکستانی) is no such name.
func TestGluedNames(t *testing.T) {
	ix := keyword.New()
	for i, s := range []string{
		"ون ڈے رینکنگ، بابراعظم نے روہت شرما کو پیچھے چھوڑ دیا۔",
		"کپتان بابراعظم تیسرے نمبر پر ہیں۔ بابر نامی ایک شخص آیا۔",
		"بابراعظم نے سنچری بنائی۔ وزیراعظم نے اعظم کو بلایا۔",
		"پاکستانی بحریہ کے سربراہ نے پاکستان کا دورہ کیا۔ پاکستانی ٹیم جیت گئی۔",
	} {
		ix.AddSentences(string(rune('a'+i)), text.SentenceTokens(s), nil)
	}
	for i := range 6 { // a name news reports often: the matcher's prior
		ix.AddSentences(string(rune('k'+i)), text.SentenceTokens("بابراعظم نے نصف سنچری بنائی۔"), nil)
	}
	o := newOffline(t, ix)
	q := "Where does Babar Azam stand in the ODI rankings now?"
	cq := o.TranslateQuery(q, o.Input(q), "ur")
	if !slices.Contains(terms(cq), "بابراعظم") {
		t.Errorf("terms %v lack the glued name بابراعظم", terms(cq))
	}
	if !slices.Contains(renderings(cq)["azam"], "بابراعظم") {
		t.Errorf("renderings of Azam %v lack بابراعظم", renderings(cq)["azam"])
	}
	if !strings.Contains(cq.Text, "بابراعظم") {
		t.Errorf("text %q lacks بابراعظم, which the ranker reads", cq.Text)
	}
	q = "Who is the chief of the Pakistan Navy?"
	cq = o.TranslateQuery(q, o.Input(q), "ur")
	if r := renderings(cq)["navy"]; slices.Contains(r, "پاکستانی") {
		t.Errorf("Navy rendered as پاکستانی, the first word with a letter added: %v", r)
	}
}

// The words whose price an English question asks, which a quote must name
// (rag.CrossWord.Priced): silver's price per tola is not gold's.
func TestPricedWords(t *testing.T) {
	for q, want := range map[string]string{
		"What was the price of silver per tola on 17 March 2021?":                "silver",
		"How much does a litre of petrol cost in Pakistan now?":                  "petrol",
		"What is the latest interbank dollar rate?":                              "dollar",
		"What is the gold price today?":                                          "gold",
		"What is the cost of the new steel mill?":                                "new steel mill",
		"How much will the Karachi–Lahore pipeline cost?":                        "karachi lahore pipeline",
		"How many people died in the floods?":                                    "",
		"Why did the price go up?":                                               "",
		"What did the minister say about the rates of the petrol and the sugar?": "petrol",
	} {
		toks := text.Tokens(q)
		var got []string
		for i, p := range pricedWords(toks) {
			if p {
				got = append(got, toks[i])
			}
		}
		if strings.Join(got, " ") != want {
			t.Errorf("pricedWords(%q) = %q, want %q", q, got, want)
		}
	}
	o := newOffline(t, seedIndex(t))
	q := "What is the price of Russian crude oil?"
	for _, w := range o.TranslateQuery(q, o.Input(q), "ur").Words {
		if w.Priced != (w.Source == "russian" || w.Source == "crude oil" || w.Source == "crude" || w.Source == "oil") {
			t.Errorf("%q: %s Priced = %v", q, w.Source, w.Priced)
		}
	}
}

// News tells a death in its own words (جاں بحق, ہلاک, شہید, چل بسے), which
// the parallel text renders "killed", "kill" and "deaths" by rarely or not
// at all (مار, اموات): the glossary gives them, so that an English question
// about the dead searches for the words a report uses (the collection here
// holds them all: a rendering is kept when it holds it). "Young men", what a
// question counts, is one word, نوجوان, not مرد.
func TestCasualtyWords(t *testing.T) {
	o := offlineOver(t, "پشاور میں دھماکے سے 12 افراد جاں بحق اور 9 ہلاک ہو گئے۔ لاہور میں کورونا سے مزید 5 مریض انتقال کر گئے۔ کولگام میں بھارتی فوجیوں نے دو نوجوان شہید کر دیے۔")
	for _, c := range []struct {
		q, word string
		want    []string
	}{
		{"How many people were killed in the Peshawar blast?", "killed", []string{"ہلاک", "شہید"}},
		{"How many deaths has Punjab reported so far?", "deaths", []string{"اموات", "جاں بحق"}},
		{"How many young men did the troops kill in Kulgam?", "young men", []string{"نوجوان"}},
		{"How many young men did the troops kill in Kulgam?", "kill", []string{"ہلاک"}},
	} {
		cq := o.TranslateQuery(c.q, o.Input(c.q), "ur")
		got := renderings(cq)[c.word]
		for _, w := range c.want {
			if !slices.Contains(got, w) {
				t.Errorf("%q: %s → %v, want %s among them", c.q, c.word, got, w)
			}
		}
	}
	q := "How many young men did the troops kill in Kulgam?"
	if req := requiredWords(o.TranslateQuery(q, o.Input(q), "ur")); !req["young men"] || req["men"] {
		t.Errorf("%q: required %v, want young men (one word) and not men", q, req)
	}
}

// A lender is named as news names it ("World Bank" as عالمی بینک, not word
// by word as دنیا بنک), and what it lends is a loan (قرض) as well as
// "financing": a question about a loan's approval finds the report of it.
func TestLenders(t *testing.T) {
	o := offlineOver(t, "عالمی بینک نے پاکستان کیلیے 60 کروڑ ڈالر قرض کی منظوری دیدی۔ ایشیائی ترقیاتی بینک کی گرانٹ۔")
	q := "How much financing did the World Bank approve for Pakistan?"
	got := renderings(o.TranslateQuery(q, o.Input(q), "ur"))
	if !slices.Contains(got["world bank"], "عالمی بینک") {
		t.Errorf("world bank → %v, want عالمی بینک", got["world bank"])
	}
	if !slices.Contains(got["financing"], "قرض") {
		t.Errorf("financing → %v, want قرض among them", got["financing"])
	}
}

// Sports and politics news write a win and a loss as ہرا دیا and ہار, an
// oath as حلف and a dismissal as برطرف: the parallel text renders "beat"
// only as شکست and "lost" as losing a thing (کھو, نقصان), so the glossary
// gives them, and a question about who beat whom meets the report's verb.
func TestWinLoseAndOfficeWords(t *testing.T) {
	o := offlineOver(t, "کینیڈا نے سپین کو 31-4 سے ہرا دیا۔ بھارت میچ ہار گیا۔ نئے وزیر نے حلف اٹھا لیا۔ افسر کو برطرف کر دیا گیا۔")
	for _, c := range []struct {
		q, word string
		want    string
	}{
		{"What was the score when Canada beat Spain?", "beat", "ہرا"},
		{"Which team was defeated in the final?", "defeated", "ہرا"},
		{"Which team lost the match?", "lost", "ہار"},
		{"When was the new minister sworn in?", "sworn", "حلف"},
		{"Why was the officer sacked?", "sacked", "برطرف"},
	} {
		got := renderings(o.TranslateQuery(c.q, o.Input(c.q), "ur"))[c.word]
		if !slices.Contains(got, c.want) {
			t.Errorf("%q: %s → %v, want %s among them", c.q, c.word, got, c.want)
		}
	}
}

// "How far" and "how long" ask for a distance or a duration, a number a
// report states in its units ("22 کلو میٹر", "3 روزہ"): a number is asked,
// and "far" and "long" are no words the answer must meet (دور, لمبا).
func TestHowFarAsksANumber(t *testing.T) {
	o := offlineOver(t, "شمالی کوریا نے 3 راکٹ فائر کیے جنہوں نے 22 کلو میٹر کے سفر کے بعد پانی میں گرے۔")
	for _, q := range []string{"How far did the rockets travel?", "How long was the visit to Russia?"} {
		cq := o.TranslateQuery(q, o.Input(q), "ur")
		if cq.Asks != rag.AsksNumber {
			t.Errorf("%q asks %q, want a number", q, cq.Asks)
		}
		for _, w := range cq.Words {
			if w.Source == "far" || w.Source == "long" {
				t.Errorf("%q: %q is a word to meet (%v)", q, w.Source, w.Renderings)
			}
		}
	}
}

// A phrase of the lexicon written capitalised is a name, as a capitalised
// word is ("North Korea", "South Korea"): a question that names two things
// the collection writes is about its news, and a third name it spells
// otherwise ("Francis", which the reports write فرانزک) does not make it
// topic-absent (rag crossCoverageWith).
func TestCapitalisedPhraseIsAName(t *testing.T) {
	o := offlineOver(t, "پوپ فرانزک جنوبی کوریا پہنچ گئے، شمالی کوریا نے 3 راکٹ فائر کر دیئے۔")
	q := "How far could the rockets North Korea fired when Pope Francis arrived in South Korea travel?"
	names := map[string]bool{}
	for _, w := range o.TranslateQuery(q, o.Input(q), "ur").Words {
		names[w.Source] = w.Name && !w.Ordinary
	}
	if !names["north korea"] || !names["south korea"] || names["rockets"] {
		t.Errorf("names %v: want North Korea and South Korea, not rockets", names)
	}
}
