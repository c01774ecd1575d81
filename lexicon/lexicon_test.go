package lexicon

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/jawab/jawab/text"
)

func urduSide(l *Lexicon) map[string][]Translation {
	ur, _ := l.urdu()
	return ur
}

func mustDefault(t testing.TB) *Lexicon {
	t.Helper()
	l, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// translations returns the texts of a term's translations, best first.
func translations(term Term) []string {
	var out []string
	for _, tr := range term.Translations {
		out = append(out, tr.Text)
	}
	return out
}

// TestDefaultKnownPairs checks words and phrases of news questions against
// the embedded lexicon: each input must give exactly one term covering it,
// with want among its best `within` translations.
func TestDefaultKnownPairs(t *testing.T) {
	l := mustDefault(t)
	tests := []struct {
		in     string
		toUrdu bool
		want   string
		within int
	}{
		{"Russia", true, "روس", 1},
		{"Pakistan", true, "پاکستان", 1},
		{"visit", true, "دورہ", 1},
		{"visited", true, "دورہ", 1},
		{"visits", true, "دورہ", 3}, // after its plural forms دوروں, دورے
		{"embassy", true, "سفارت خانہ", 2},
		{"inflation", true, "افراط زر", 2},
		{"foreign minister", true, "وزیر خارجہ", 1},
		{"foreign ministers", true, "وزیر خارجہ", 1},
		{"prime minister", true, "وزیر اعظم", 2},
		{"sanctions", true, "پابندیاں", 1},
		{"trade", true, "تجارت", 1},
		{"pipeline", true, "پائپ لائن", 1},
		{"talks", true, "مذاکرات", 2},
		{"militants", true, "دہشت گرد", 3}, // as Pakistani news calls them
		{"air strikes", true, "فضائی حملوں", 2},
		{"وزیر خارجہ", false, "foreign minister", 1},
		{"تجارت", false, "trade", 1},
		{"معاہدہ", false, "agreement", 2},
		{"روس", false, "russia", 1},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			toks := text.Tokens(tt.in)
			var terms []Term
			if tt.toUrdu {
				terms = l.EnglishToUrdu(toks)
			} else {
				terms = l.UrduToEnglish(toks)
			}
			if len(terms) != 1 {
				t.Fatalf("got %d terms %+v, want one covering %q", len(terms), terms, tt.in)
			}
			term := terms[0]
			if term.Start != 0 || term.End != len(toks) || term.Source != strings.Join(toks, " ") {
				t.Errorf("term covers [%d,%d) %q, want [0,%d) %q", term.Start, term.End, term.Source, len(toks), strings.Join(toks, " "))
			}
			got := translations(term)
			if i := slices.Index(got, tt.want); i < 0 || i >= tt.within {
				t.Errorf("translations %v: want %q among the first %d", got, tt.want, tt.within)
			}
		})
	}
}

// TestDefaultProbabilities checks every entry of the embedded lexicon, both
// directions: translations present, P in (0,1], best first, no repeats.
// TestDefaultBaseForms checks inflected words the lexicon has no entry for:
// they find their base form's.
func TestDefaultBaseForms(t *testing.T) {
	l := mustDefault(t)
	for in, want := range map[string]string{
		"sanctioning": "پابندی",
		"embargoes":   "پابندی",
		"inflations":  "افراط زر",
	} {
		if _, ok := l.en[in]; ok {
			t.Errorf("%q is an entry itself: pick a form the lexicon lacks", in)
			continue
		}
		terms := l.EnglishToUrdu([]string{in})
		if len(terms) != 1 || !slices.Contains(translations(terms[0])[:min(3, len(terms[0].Translations))], want) {
			t.Errorf("%q: got %+v, want one term with %q among its best three", in, terms, want)
		}
	}
}

func TestDefaultProbabilities(t *testing.T) {
	l := mustDefault(t)
	if l.Len() < 10000 {
		t.Errorf("Len() = %d, want a real lexicon (≥ 10000 pairs)", l.Len())
	}
	for dir, m := range map[string]map[string][]Translation{"en→ur": l.en, "ur→en": urduSide(l)} {
		if len(m) == 0 {
			t.Fatalf("%s: no entries", dir)
		}
		for src, ts := range m {
			if len(ts) == 0 {
				t.Fatalf("%s %q: no translations", dir, src)
			}
			seen := map[string]bool{}
			for i, tr := range ts {
				if !(tr.P > 0 && tr.P <= 1) {
					t.Fatalf("%s %q → %q: P = %v, want in (0,1]", dir, src, tr.Text, tr.P)
				}
				if i > 0 && tr.P > ts[i-1].P {
					t.Fatalf("%s %q: %v not sorted best first", dir, src, ts)
				}
				if seen[tr.Text] {
					t.Fatalf("%s %q: %q twice", dir, src, tr.Text)
				}
				seen[tr.Text] = true
			}
		}
	}
}

// TestDefaultTokensForm checks that every entry is in text.Tokens form, so
// translations meet the keyword index's tokens, and has at most MaxPhrase
// tokens, so that a lookup can reach it.
func TestDefaultTokensForm(t *testing.T) {
	l := mustDefault(t)
	for dir, m := range map[string]map[string][]Translation{"en→ur": l.en, "ur→en": urduSide(l)} {
		for src := range m {
			toks := text.Tokens(src)
			if strings.Join(toks, " ") != src || len(toks) > MaxPhrase {
				t.Fatalf("%s entry %q: not %d or fewer tokens in text.Tokens form (%q)", dir, src, MaxPhrase, toks)
			}
		}
	}
}

// TestGlossaryInDefault checks that the build honoured the hand-checked
// glossary: each of its renderings is among the entry's translations.
func TestGlossaryInDefault(t *testing.T) {
	l := mustDefault(t)
	f, err := os.Open("glossary.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for line := 1; sc.Scan(); line++ {
		if sc.Text() == "" || strings.HasPrefix(sc.Text(), "#") {
			continue
		}
		fields := strings.Split(sc.Text(), "\t")
		if len(fields) != 2 {
			t.Fatalf("glossary.tsv:%d: %d fields, want english<TAB>urdu", line, len(fields))
		}
		en := strings.Join(text.Tokens(fields[0]), " ")
		ur := strings.Join(text.Tokens(fields[1]), " ")
		if text.DetectLang(en) != "en" || text.DetectLang(ur) != "ur" {
			t.Errorf("glossary.tsv:%d: %q, %q: want English then Urdu", line, fields[0], fields[1])
		}
		if got := translations(Term{Translations: l.en[en]}); !slices.Contains(got, ur) {
			t.Errorf("glossary.tsv:%d: %q → %v, want %q among them", line, en, got, ur)
		}
		n++
	}
	if n < 100 {
		t.Errorf("glossary has %d entries, want ≥ 100", n)
	}
}

func TestStopwordsAndUnknownWords(t *testing.T) {
	l := mustDefault(t)
	if got := l.EnglishToUrdu(text.Tokens("the of and is was")); len(got) != 0 {
		t.Errorf("stopwords: got %+v, want no terms", got)
	}
	if got := l.UrduToEnglish(text.Tokens("کے کی اور ہے")); len(got) != 0 {
		t.Errorf("Urdu stopwords: got %+v, want no terms", got)
	}
	if got := l.EnglishToUrdu(text.Tokens("zqxjvwk 2019")); len(got) != 0 {
		t.Errorf("unknown word and number: got %+v, want no terms", got)
	}
	got := l.EnglishToUrdu(text.Tokens("When did the foreign minister visit the zqxjvwk embassy?"))
	var spans []string
	for _, term := range got {
		spans = append(spans, term.Source)
	}
	// "when" and "did" may translate; what matters is that the phrase is one
	// term, the stopwords and the unknown word none.
	for _, want := range []string{"foreign minister", "visit", "embassy"} {
		if !slices.Contains(spans, want) {
			t.Errorf("terms %q: want %q among them", spans, want)
		}
	}
	for _, not := range []string{"the", "zqxjvwk", "foreign", "minister"} {
		if slices.Contains(spans, not) {
			t.Errorf("terms %q: want no %q", spans, not)
		}
	}
}

// tiny is a hand-made lexicon file: plain text, one phrase, one pair kept
// only in the Urdu→English direction.
const tiny = `# jawab-lexicon v1 pairs=6
# a comment
agreement	معاہدہ	0.7	0.9
agreement	معاہدے	0.3	0.8
foreign minister	وزیر خارجہ	1	0.95
foreign	غیر ملکی	0.6	0.5
minister	وزیر	0.9	0.8
deal	معاہدہ	0	0.1
`

func TestReadTiny(t *testing.T) {
	l, err := Read(strings.NewReader(tiny))
	if err != nil {
		t.Fatal(err)
	}
	if l.Len() != 6 {
		t.Errorf("Len() = %d, want 6", l.Len())
	}
	got := l.EnglishToUrdu([]string{"the", "foreign", "minister", "signed", "agreements", "with", "foreign", "deal"})
	want := []Term{
		{1, 3, "foreign minister", []Translation{{Text: "وزیر خارجہ", P: 1}}},
		{4, 5, "agreements", []Translation{{Text: "معاہدہ", P: 0.7}, {Text: "معاہدے", P: 0.3}}},
		{6, 7, "foreign", []Translation{{Text: "غیر ملکی", P: 0.6}}},
		// "deal" has p(urdu|english) = 0: no English→Urdu translation.
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("EnglishToUrdu:\ngot  %+v\nwant %+v", got, want)
	}
	got = l.UrduToEnglish(text.Tokens("وزیر خارجہ نے معاہدوں پر دستخط کیے"))
	want = []Term{
		{0, 2, "وزیر خارجہ", []Translation{{Text: "foreign minister", P: 0.95}}},
		// معاہدوں is no entry; its stem meets معاہدہ and معاہدے, and each
		// translation keeps the better probability of the two.
		{3, 4, "معاہدوں", []Translation{{Text: "agreement", P: 0.9}, {Text: "deal", P: 0.1}}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("UrduToEnglish:\ngot  %+v\nwant %+v", got, want)
	}
}

// TestReadAnyOrder checks that a file need not be sorted: the same lines
// in reverse give the same translations.
func TestReadAnyOrder(t *testing.T) {
	lines := strings.Split(strings.TrimSuffix(tiny, "\n"), "\n")
	slices.Reverse(lines[2:]) // after the header and the comment
	reversed := strings.Join(lines, "\n") + "\n"
	if reversed == tiny {
		t.Fatal("the reversed file is the file")
	}
	a, err := Read(strings.NewReader(tiny))
	if err != nil {
		t.Fatal(err)
	}
	b, err := Read(strings.NewReader(reversed))
	if err != nil {
		t.Fatal(err)
	}
	en := []string{"agreement", "foreign", "minister", "deal"}
	ur := text.Tokens("معاہدہ معاہدے وزیر خارجہ غیر ملکی")
	if got, want := b.EnglishToUrdu(en), a.EnglishToUrdu(en); !reflect.DeepEqual(got, want) {
		t.Errorf("English, reversed file: got %+v, want %+v", got, want)
	}
	if got, want := b.UrduToEnglish(ur), a.UrduToEnglish(ur); !reflect.DeepEqual(got, want) {
		t.Errorf("Urdu, reversed file: got %+v, want %+v", got, want)
	}
}

// TestTermsAreCopies checks that a caller changing a term cannot change the
// lexicon.
func TestTermsAreCopies(t *testing.T) {
	l, err := Read(strings.NewReader(tiny))
	if err != nil {
		t.Fatal(err)
	}
	l.EnglishToUrdu([]string{"minister"})[0].Translations[0].Text = "changed"
	if got := l.EnglishToUrdu([]string{"minister"})[0].Translations[0].Text; got != "وزیر" {
		t.Errorf("after a caller's change: %q, want وزیر", got)
	}
}

func TestWriteRead(t *testing.T) {
	pairs := []Pair{
		{"embassy", "سفارت خانہ", 0.5, 1},
		{"embassy", "سفارتخانہ", 0.4, 0.97},
		{"trade", "تجارت", 0.6, 0.0001234567},
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if err := Write(zw, []string{"test"}, pairs); err != nil {
		t.Fatal(err)
	}
	zw.Close()
	l, err := Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	want := []Term{{0, 1, "embassy", []Translation{{Text: "سفارت خانہ", P: 0.5}, {Text: "سفارتخانہ", P: 0.4}}}}
	if got := l.EnglishToUrdu([]string{"embassy"}); !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
	// Four significant digits are kept.
	if got := l.UrduToEnglish([]string{"تجارت"})[0].Translations[0].P; got != 0.0001235 {
		t.Errorf("p = %v, want 0.0001235", got)
	}
	if err := Write(&buf, nil, []Pair{{"a\tb", "ج", 1, 1}}); err == nil {
		t.Error("Write of an entry with a tab: no error")
	}
}

func TestVersion(t *testing.T) {
	a, _ := Read(strings.NewReader(tiny))
	b, _ := Read(strings.NewReader(tiny))
	c, _ := Read(strings.NewReader(strings.Replace(tiny, "0.9\t0.8", "0.8\t0.8", 1)))
	if a.Version() != b.Version() || !strings.HasPrefix(a.Version(), "lexicon-v1-") {
		t.Errorf("same file: versions %q, %q; want equal, starting lexicon-v1-", a.Version(), b.Version())
	}
	if a.Version() == c.Version() {
		t.Errorf("different files: both version %q", a.Version())
	}
	// The same content compressed or not is the same lexicon.
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte(tiny))
	zw.Close()
	if z, err := Read(&buf); err != nil || z.Version() != a.Version() {
		t.Errorf("gzip-compressed: version %q (err %v), want %q", z.Version(), err, a.Version())
	}
}

func TestReadErrors(t *testing.T) {
	lines := strings.SplitAfter(tiny, "\n")
	tests := map[string]string{
		"empty":               "",
		"negative count":      strings.Replace(tiny, "pairs=6", "pairs=-1", 1),
		"huge count":          strings.Replace(tiny, "pairs=6", "pairs=999999999999", 1),
		"no header":           strings.Join(lines[1:], ""),
		"truncated":           strings.Join(lines[:len(lines)-2], ""),
		"three fields":        strings.Replace(tiny, "\t0.7\t0.9", "\t0.7", 1),
		"probability above 1": strings.Replace(tiny, "0.7\t0.9", "1.7\t0.9", 1),
		"not a number":        strings.Replace(tiny, "0.7\t0.9", "high\t0.9", 1),
		"both zero":           strings.Replace(tiny, "0\t0.1", "0\t0", 1),
		"empty entry":         strings.Replace(tiny, "minister\tوزیر\t", "minister\t\t", 1),
	}
	for name, file := range tests {
		t.Run(name, func(t *testing.T) {
			if _, err := Read(strings.NewReader(file)); err == nil {
				t.Error("no error")
			}
		})
	}
}

// TestLoadCorruptNamesTheFix checks the message a corrupt embedded file
// gives: it names the file and the command that rebuilds it.
func TestLoadCorruptNamesTheFix(t *testing.T) {
	for name, data := range map[string][]byte{
		"truncated gzip": file[:len(file)/2],
		"garbage":        []byte("not a lexicon"),
	} {
		t.Run(name, func(t *testing.T) {
			_, err := load(data)
			if err == nil {
				t.Fatal("no error")
			}
			for _, want := range []string{Path, Rebuild} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not name %q", err, want)
				}
			}
		})
	}
}

func TestBaseForms(t *testing.T) {
	tests := map[string][]string{
		"visits":    {"visit"},
		"visited":   {"visite", "visit"},
		"visiting":  {"visit", "visite"},
		"countries": {"country", "countrie"},
		"prices":    {"price", "pric"},
		"taxes":     {"taxe", "tax"},
		"agreed":    {"agree", "agre"},
		"stopped":   {"stoppe", "stopp", "stop"},
		"running":   {"runn", "runne", "run"},
		"carried":   {"carry"},
		"crisis":    nil,
		"business":  nil,
		"status":    nil,
		"war":       nil, // too short to inflect
		"iran":      nil,
		"russia's":  nil, // not a token: Tokens splits 's off
	}
	for w, want := range tests {
		if got := BaseForms(w); !slices.Equal(got, want) {
			t.Errorf("BaseForms(%q) = %q, want %q", w, got, want)
		}
	}
}

// BenchmarkDefault measures what the embedded lexicon adds to start-up:
// decompressing and parsing the file (Default does it once).
func BenchmarkDefault(b *testing.B) {
	b.ReportMetric(float64(len(file)), "file-bytes")
	for b.Loop() {
		if _, err := load(file); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDefaultWithUrdu adds what the first UrduToEnglish call costs:
// building the Urdu side and its stem index.
func BenchmarkDefaultWithUrdu(b *testing.B) {
	for b.Loop() {
		l, err := load(file)
		if err != nil {
			b.Fatal(err)
		}
		l.urdu()
	}
}

func BenchmarkEnglishToUrdu(b *testing.B) {
	l := mustDefault(b)
	toks := text.Tokens("How much crude oil did Pakistan import from Russia after the foreign minister visited Moscow in 2023?")
	for b.Loop() {
		l.EnglishToUrdu(toks)
	}
}

// FuzzRead checks that no file makes Read panic, and that what it accepts
// keeps the promises Term makes: translations present, P in (0,1], best
// first.
func FuzzRead(f *testing.F) {
	f.Add([]byte(tiny))
	f.Add([]byte("# jawab-lexicon v1 pairs=1\na\tب\t1\t0\n"))
	f.Add([]byte("# jawab-lexicon v1 pairs=2\na\tب\t0.5\t0\na\tج\t0.7\t0.1\n"))
	f.Add(file[:64])
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := Read(bytes.NewReader(data))
		if err != nil {
			return
		}
		ur, _ := l.urdu()
		for _, m := range []map[string][]Translation{l.en, ur} {
			for src, ts := range m {
				if len(ts) == 0 {
					t.Fatalf("%q: no translations", src)
				}
				for i, tr := range ts {
					if !(tr.P > 0 && tr.P <= 1) || i > 0 && tr.P > ts[i-1].P {
						t.Fatalf("%q: %v", src, ts)
					}
				}
			}
		}
	})
}

// The built-in lexicon marks the glossary's renderings, and only those.
func TestDefaultMarksGlossaryRenderings(t *testing.T) {
	l := mustDefault(t)
	checked := map[string]bool{}
	for _, tr := range l.EnglishToUrdu([]string{"cases"})[0].Translations {
		checked[tr.Text] = tr.Checked
	}
	if !checked["مقدمات"] || !checked["کیسز"] {
		t.Errorf("cases: glossary renderings not marked: %v", checked)
	}
	if _, ok := checked["معاملات"]; !ok || checked["معاملات"] {
		t.Errorf("cases → معاملات should be a lexicon rendering the glossary does not list: %v", checked)
	}
}

// An entry typed with ئو is the entry text.Normalize makes of it (ؤ), so
// that it meets the index's tokens; a rendering given in both spellings is
// kept once, with the better probability.
func TestReadFoldsWawHamza(t *testing.T) {
	const file = `# jawab-lexicon v1 pairs=3
county	کائونٹی	0.2	0.3
county	کاؤنٹی	0.5	0.1
account	اکائونٹ	0.9	0.8
`
	l, err := Read(strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	got := l.EnglishToUrdu([]string{"county", "account"})
	want := []Term{
		{0, 1, "county", []Translation{{Text: "کاؤنٹی", P: 0.5}}},
		{1, 2, "account", []Translation{{Text: "اکاؤنٹ", P: 0.9}}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("EnglishToUrdu:\ngot  %+v\nwant %+v", got, want)
	}
	for _, typed := range []string{"کائونٹی", "کاؤنٹی"} {
		got := l.UrduToEnglish(text.Tokens(typed))
		if len(got) != 1 || !reflect.DeepEqual(got[0].Translations, []Translation{{Text: "county", P: 0.3}}) {
			t.Errorf("UrduToEnglish(%s) = %+v, want county once, at 0.3", typed, got)
		}
	}
}
