package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jawab/jawab/lexicon"
	"github.com/jawab/jawab/text"
)

// colours is a corpus where every word's translation follows from
// co-occurrence alone: each English word meets its Urdu one in every
// sentence and any other in at most two.
var colours = [][2]string{
	{"red house", "لال گھر"},
	{"red car", "لال گاڑی"},
	{"blue car", "نیلا گاڑی"},
	{"blue house", "نیلا گھر"},
	{"big house", "بڑا گھر"},
	{"big car", "بڑا گاڑی"},
}

var colourWords = map[string]string{"red": "لال", "blue": "نیلا", "big": "بڑا", "house": "گھر", "car": "گاڑی"}

func trainedColours(t *testing.T, prior []dictRow) *model1 {
	t.Helper()
	m := newModel1()
	for _, p := range colours {
		m.add(text.Tokens(p[0]), text.Tokens(p[1]), 1)
	}
	m.addPrior(prior, 1)
	m.train(10, nil)
	return m
}

// t returns t(u|e) and t(e|u) for a pair, 0 when the model never saw it.
func (m *model1) t(en, ur string) (urGivenEn, enGivenUr float64) {
	e, okE := m.en.ids[en]
	u, okU := m.ur.ids[ur]
	if !okE || !okU {
		return 0, 0
	}
	p, ok := m.index[uint64(e)<<32|uint64(uint32(u))]
	if !ok {
		return 0, 0
	}
	return m.tUr[p], m.tEn[p]
}

func TestModel1LearnsAlignment(t *testing.T) {
	m := trainedColours(t, nil)
	for en, want := range colourWords {
		for ur := range m.ur.ids {
			if ur == "" {
				continue
			}
			pu, pe := m.t(en, ur)
			if ur == want {
				if pu < 0.6 || pe < 0.6 {
					t.Errorf("t(%s|%s) = %.3f, t(%s|%s) = %.3f; want both ≥ 0.6", ur, en, pu, en, ur, pe)
				}
				continue
			}
			if wu, _ := m.t(en, want); pu >= wu {
				t.Errorf("t(%s|%s) = %.3f ≥ t(%s|%s) = %.3f", ur, en, pu, want, en, wu)
			}
		}
	}
}

func TestModel1Prior(t *testing.T) {
	// "green" never occurs in the text: all it has is the dictionary.
	// "red" does, and a dictionary pair that disagrees with the text moves
	// it only by the prior's weight.
	m := trainedColours(t, []dictRow{{"green", "ہرا"}, {"red", "سرخ"}})
	if pu, pe := m.t("green", "ہرا"); pu != 1 || pe != 1 {
		t.Errorf("dictionary-only pair: t = %v, %v; want 1, 1", pu, pe)
	}
	text, _ := m.t("red", "لال")
	dict, _ := m.t("red", "سرخ")
	if !(dict > 0 && dict < text) {
		t.Errorf("t(سرخ|red) = %.3f, t(لال|red) = %.3f: want the dictionary's in (0, the text's)", dict, text)
	}
}

func TestAlignSentences(t *testing.T) {
	en := []string{"He came.", "The long second sentence that the translator split in two halves.", "Bye."}
	ur := []string{"وہ آیا۔", "لمبا دوسرا جملہ جو مترجم نے", "دو حصوں میں تقسیم کیا۔", "خدا حافظ۔"}
	got := alignSentences(en, ur)
	want := [][2]string{
		{en[0], ur[0]},
		{en[1], ur[1] + " " + ur[2]},
		{en[2], ur[3]},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestHoldBackKeepsFormsTogether(t *testing.T) {
	for _, forms := range [][]string{
		{"visit", "visits", "visited", "visiting"},
		{"price", "prices", "priced"},
		{"country", "countries"},
		{"stop", "stopped", "stops"},
	} {
		for _, f := range forms[1:] {
			if crudeStem(f) != crudeStem(forms[0]) {
				t.Errorf("crudeStem(%q) = %q, crudeStem(%q) = %q: want the same", f, crudeStem(f), forms[0], crudeStem(forms[0]))
			}
		}
	}
	held := 0
	for i := range 10000 {
		if lexHeldHeadword(fmt.Sprintf("word%d", i)) {
			held++
		}
	}
	if held < 900 || held > 1100 {
		t.Errorf("%d of 10000 headwords held back, want about 1000", held)
	}
}

// writeTinyData writes a data directory of the real layout, small enough to
// train on in a test.
func writeTinyData(t *testing.T) (dir, glossary string) {
	t.Helper()
	dir = t.TempDir()
	write := func(name, content string) {
		t.Helper()
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var sents strings.Builder
	for range 3 {
		for _, p := range colours {
			fmt.Fprintf(&sents, "%s\t%s\n", p[0], p[1])
		}
	}
	sents.WriteString("The foreign minister met the press.\tوزیر خارجہ نے پریس سے ملاقات کی۔\n")
	for _, name := range sentenceFiles {
		write("parallel/"+name+".en-ur.tsv", sents.String())
	}
	write("parallel/mturk_dict.en-ur.tsv", "green\tہرا\nhouse\tمکان\n")
	write("parallel/tico19_terms.en-ur.tsv", "vaccine\tویکسین\n")
	write("lexicon/ur-en.wiktionary.tsv", "سفید\twhite\n")
	write("uqa-train/parallel.jsonl",
		`{"id": "uqa_000_000", "en": "A red car. A big house.", "ur": "ایک لال گاڑی۔ ایک بڑا گھر۔"}`+"\n")
	write("uqa-train/paragraphs.jsonl", `{"id": "uqa_000_000", "title": "لال", "text": "ایک لال گاڑی۔"}`+"\n")
	glossary = filepath.Join(dir, "glossary.tsv")
	write("glossary.tsv", "# test\nforeign minister\tوزیر خارجہ\nembassy\tسفارت خانہ\n")
	return dir, glossary
}

func TestTrainLexiconTiny(t *testing.T) {
	data, glossary := writeTinyData(t)
	o := defaultLexOptions
	o.data, o.glossary = data, glossary
	var files [2][]byte
	for i := range files {
		o.out = filepath.Join(t.TempDir(), "en-ur.tsv.gz")
		var log bytes.Buffer
		if err := trainLexicon(o, false, false, &log); err != nil {
			t.Fatalf("%v\n%s", err, log.String())
		}
		var err error
		if files[i], err = os.ReadFile(o.out); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(files[0], files[1]) {
		t.Error("two builds from the same data differ")
	}
	lx, err := lexicon.Read(bytes.NewReader(files[0]))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ in, want string }{
		{"car", "گاڑی"},
		{"red", "لال"},
		{"cars", "گاڑی"},                   // a base form
		{"green", "ہرا"},                   // the dictionary alone
		{"white", "سفید"},                  // Wiktionary, read right to left
		{"vaccine", "ویکسین"},              // TICO-19's terms
		{"embassy", "سفارت خانہ"},          // the glossary alone, a phrase
		{"foreign minister", "وزیر خارجہ"}, // the glossary and the text
	}
	for _, tt := range tests {
		terms := lx.EnglishToUrdu(text.Tokens(tt.in))
		if len(terms) != 1 || terms[0].Translations[0].Text != tt.want {
			t.Errorf("%q: got %+v, want one term, best %q", tt.in, terms, tt.want)
		}
	}
	// The text says house is گھر; the dictionary's مکان is a weaker second.
	terms := lx.EnglishToUrdu([]string{"house"})
	if len(terms) != 1 || len(terms[0].Translations) < 2 || terms[0].Translations[0].Text != "گھر" || terms[0].Translations[1].Text != "مکان" {
		t.Errorf("house: got %+v, want گھر then مکان", terms)
	}
}

func TestTrainLexiconCheck(t *testing.T) {
	data, glossary := writeTinyData(t)
	o := defaultLexOptions
	o.data, o.glossary = data, glossary
	var out bytes.Buffer
	if err := trainLexicon(o, true, false, &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "| this build |") {
		t.Errorf("check printed no result row:\n%s", out.String())
	}
}

// The crowd dictionary types some names right to left as left to right; the
// Urdu text's word order decides which rendering stays.
func TestDropReversed(t *testing.T) {
	toks := func(s string) []string { return text.Tokens(s) }
	s := &lexSources{
		sents: []tokPair{
			{ur: toks("فیصل آباد میں بارش ہوئی اور اسلام آباد میں دھوپ رہی")},
			{ur: toks("اسلام آباد پاکستان کا دارالحکومت ہے")},
		},
		dicts: map[string][]dictRow{
			"mturk": {
				{"faisalabad", "فیصل آباد"}, {"faisalabad", "آبادفیصل"},
				{"islamabad", "آباد اسلام"}, {"islamabad", "اسلام آباد"},
				{"lion", "ببر شیر"}, {"lion", "شیر ببر"}, // neither in the text: both stay
				{"rain", "بارش"},
			},
			"glossary":   {{"united nations", "اقوام متحدہ"}},
			"wiktionary": {{"united nations", "متحدہ اقوام"}}, // the glossary's order wins
		},
	}
	if n := dropReversed(s, nil); n != 3 {
		t.Errorf("dropped %d rows, want 3", n)
	}
	var got []string
	for _, name := range dictNames {
		for _, r := range s.dicts[name] {
			got = append(got, r.en+"="+r.ur)
		}
	}
	want := []string{"faisalabad=فیصل آباد", "islamabad=اسلام آباد", "lion=ببر شیر", "lion=شیر ببر", "rain=بارش", "united nations=اقوام متحدہ"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("kept %q\nwant %q", got, want)
	}
}
