package text

import (
	"slices"
	"strings"
	"testing"
)

func TestTokens(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"glued words stay one token", "کےمطابق", []string{"کےمطابق"}},
		{"digits glued to urdu split", "5نومبر2018کو", []string{"5", "نومبر", "2018", "کو"}},
		{"urdu digits glued", "۵نومبر۲۰۱۸کو", []string{"5", "نومبر", "2018", "کو"}},
		{"number glued before word", "22لاکھ بیرل", []string{"22", "لاکھ", "بیرل"}},
		{"glued after full stop", "کردیا۔سرد جنگ", []string{"کردیا", "سرد", "جنگ"}},
		{"doubled full stop", "ہوئے۔۔سابق", []string{"ہوئے", "سابق"}},
		{"urdu comma without space", "اسلام آباد،راولپنڈی", []string{"اسلام", "آباد", "راولپنڈی"}},
		{"urdu question mark and semicolon", "کیوں؟کب؛کہاں", []string{"کیوں", "کب", "کہاں"}},
		{"quotes and brackets", "«پاکستان» (روس) “Russia” ‘China’", []string{"پاکستان", "روس", "russia", "china"}},
		{"english lowered", "The U.S. sent doses.", []string{"the", "u", "s", "sent", "doses"}},
		{"apostrophe splits", "Pakistan's", []string{"pakistan", "s"}},
		{"latin glued to urdu", "GDPمیں", []string{"gdp", "میں"}},
		{"arabic keyboard folded", "پاكستان كے", []string{"پاکستان", "کے"}},
		{"diacritics inside a word", "پاکِسْتان", []string{"پاکستان"}},
		{"ZWNJ separates", "نیو\u200Cیارک", []string{"نیو", "یارک"}},
		{"hyphen separates", "covid-19", []string{"covid", "19"}},
		{"decimal kept", "2.2 ملین", []string{"2.2", "ملین"}},
		{"arabic decimal separator", "2٫5", []string{"2.5"}},
		{"date kept", "12.05.2023", []string{"12.05.2023"}},
		{"percent", "3.5%", []string{"3.5"}},
		{"number then full stop", "سال 2018.", []string{"سال", "2018"}},
		{"thousands comma dropped", "50,000 روپے", []string{"50000", "روپے"}},
		{"several thousands groups", "1,234,567", []string{"1234567"}},
		{"thousands then decimal", "1,000.50", []string{"1000.50"}},
		{"arabic thousands separator", "۵۰٬۰۰۰", []string{"50000"}},
		{"list of years is not a number", "2018,2019", []string{"2018", "2019"}},
		{"decimal comma is not thousands", "1,5", []string{"1", "5"}},
		{"four-digit group is not thousands", "1,2345", []string{"1", "2345"}},
		{"comma then space", "50, 000", []string{"50", "000"}},
		{"leading combining mark kept", "\u0301a", []string{"\u0301a"}},
		{"punctuation only", "۔۔ ، !? «»", nil},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Tokens(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("Tokens(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestTokensMatchAcrossSpellings is the point of the normaliser: a query typed
// one way must produce the same tokens as the article typed another.
func TestTokensMatchAcrossSpellings(t *testing.T) {
	pairs := [][2]string{
		{"پاکستان 2018", "پاكستان ۲۰۱۸"},
		{"50000 روپے", "۵۰,۰۰۰ روپے"},
		{"روسی صدر", "روسي صدر"},
		{"یہ کہ", "ﯾﮧ كه"},
		{"گئے", "گی\u0654ے"},
	}
	for _, p := range pairs {
		a, b := Tokens(p[0]), Tokens(p[1])
		if !slices.Equal(a, b) {
			t.Errorf("Tokens(%q) = %q, Tokens(%q) = %q; want equal", p[0], a, p[1], b)
		}
	}
}

func TestTokensCorpus(t *testing.T) {
	for _, f := range corpusFiles(t) {
		checkTokens(t, readFile(t, f))
	}
}

// checkTokens asserts the properties every token list must have.
func checkTokens(t *testing.T, s string) {
	t.Helper()
	toks := Tokens(s)
	for _, tok := range toks {
		if tok == "" {
			t.Fatalf("Tokens(%q) contains an empty token", s)
		}
		if strings.ContainsFunc(tok, isSpace) {
			t.Fatalf("Tokens(%q): token %q contains whitespace", s, tok)
		}
	}
	if again := Tokens(Fold(s)); !slices.Equal(again, toks) {
		t.Fatalf("Tokens(Fold(%q)) = %q, want %q", s, again, toks)
	}
}

func TestIsStopword(t *testing.T) {
	tests := []struct {
		tok  string
		want bool
	}{
		{"کے", true}, {"کی", true}, {"میں", true}, {"ہے", true}, {"ہیں", true},
		{"تھا", true}, {"کہ", true}, {"یہ", true}, {"اور", true}, {"ایک", true},
		{"the", true}, {"of", true}, {"was", true}, {"s", true},
		{"پاکستان", false}, {"روس", false}, {"کب", false}, {"کیوں", false},
		{"کہاں", false}, {"2018", false}, {"russia", false}, {"when", false},
		{"The", false}, // stopwords are matched on folded tokens only
	}
	for _, tt := range tests {
		if got := IsStopword(tt.tok); got != tt.want {
			t.Errorf("IsStopword(%q) = %v, want %v", tt.tok, got, tt.want)
		}
	}
}

// TestStopwordsFolded guards the lists against entries that Fold would change
// (an Arabic ي typed by mistake, a capital letter): those could never match.
func TestStopwordsFolded(t *testing.T) {
	for _, m := range []map[string]struct{}{urduStopwords, englishStopwords} {
		for w := range m {
			if toks := Tokens(w); len(toks) != 1 || toks[0] != w {
				t.Errorf("stopword %q tokenises to %q, want itself", w, toks)
			}
		}
	}
	if n := len(urduStopwords); n < 80 || n > 140 {
		t.Errorf("got %d Urdu stopwords, want a modest list of about 100", n)
	}
	if n := len(englishStopwords); n < 90 || n > 150 {
		t.Errorf("got %d English stopwords, want a modest list of about 120", n)
	}
}

func TestContentTokens(t *testing.T) {
	in := "روس اور پاکستان کے درمیان سفارتی تعلقات 1948 میں قائم ہوئے۔ The talks were held in Moscow."
	want := []string{"روس", "پاکستان", "درمیان", "سفارتی", "تعلقات", "1948", "قائم", "talks", "held", "moscow"}
	if got := ContentTokens(in); !slices.Equal(got, want) {
		t.Errorf("ContentTokens = %q, want %q", got, want)
	}
}

func TestDetectLang(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"urdu", "روس اور پاکستان کے درمیان", "ur"},
		{"english", "Russia and Pakistan", "en"},
		{"urdu with english names", "وزیر خارجہ Sergey Lavrov نے کہا", "ur"},
		{"english with an urdu word", "The word for peace is امن", "en"},
		{"exactly half is urdu", "ab سل", "ur"},
		{"presentation forms are arabic script", "\uFB58\uFE8E\uFB90", "ur"},
		{"digits and punctuation only", "2018۔ 50,000!", ""},
		{"empty", "", ""},
		{"neither script", "Привет мир", ""},
		{"no majority, urdu largest", "روسیا Путь abc", "ur"},
		{"no majority, latin largest", "Putin Путь ر", "en"},
		{"no majority, other largest", "Путин Россия ab ر", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DetectLang(tt.in); got != tt.want {
				t.Errorf("DetectLang(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestDetectLangCorpus(t *testing.T) {
	for _, f := range corpusFiles(t) {
		if got := DetectLang(readFile(t, f)); got != "ur" {
			t.Errorf("DetectLang(%s) = %q, want %q", f, got, "ur")
		}
	}
}

// A word list is looked up as tokens: folded, Arabic letters as Urdu, a
// phrase as its words.
func TestTokenSet(t *testing.T) {
	set := TokenSet("خبریں", "كيا", "بات چیت", "Reports")
	for _, w := range []string{"خبریں", "کیا", "بات", "چیت", "reports"} {
		if !set[w] {
			t.Errorf("TokenSet lacks %q: %v", w, set)
		}
	}
	if len(set) != 5 {
		t.Errorf("TokenSet = %v, want 5 tokens", set)
	}
}

// Each content word carries the stopword right after it, so that the ranker
// tells "ایپل میں" (in Apple) from "ایپل سے" (from Apple); the words are
// ContentTokens' own, an acronym's word among them.
func TestContentTokensFollowed(t *testing.T) {
	in := "جب اسٹیو جابس 1997 میں ایپل میں واپس آئے تو انہوں نے پی ٹی آئی کے ارکان سے حکم دیا"
	words, next := ContentTokensFollowed(in)
	if want := ContentTokens(in); !slices.Equal(words, want) {
		t.Fatalf("words %q, want ContentTokens' %q", words, want)
	}
	want := map[string]string{"اسٹیو": "", "جابس": "", "1997": "میں", "ایپل": "میں", "واپس": "", "آئے": "تو",
		"پی": "", "ٹی": "", "آئی": "کے", "pti": "کے", "ارکان": "سے", "حکم": "دیا"}
	if len(next) != len(words) {
		t.Fatalf("%d followers for %d words", len(next), len(words))
	}
	for i, w := range words {
		f, ok := want[w]
		if !ok {
			t.Errorf("unexpected word %q", w)
			continue
		}
		if next[i] != StopwordID(f) {
			t.Errorf("%q is followed by stopword %d, want %d (%q)", w, next[i], StopwordID(f), f)
		}
	}
	// A sentence's last word has no follower: SentenceTokensFollowed reads
	// each sentence alone.
	sents, sentNext := SentenceTokensFollowed("ایپل میں۔ واپس آئے۔")
	if !slices.Equal(sents[0], []string{"ایپل"}) || !slices.Equal(sentNext[0], []uint8{StopwordID("میں")}) || !slices.Equal(sentNext[1], []uint8{0, 0}) {
		t.Errorf("SentenceTokensFollowed = %q %v", sents, sentNext)
	}
}

// StopwordID numbers every stopword of both languages apart, from 1, and
// no other word.
func TestStopwordID(t *testing.T) {
	seen := map[uint8]string{}
	for _, w := range strings.Fields(StopwordLists()) {
		id := StopwordID(w)
		if id == 0 || !IsStopword(w) {
			t.Errorf("%q: id %d, stopword %v", w, id, IsStopword(w))
		}
		if prev, dup := seen[id]; dup {
			t.Errorf("%q and %q share id %d", prev, w, id)
		}
		seen[id] = w
	}
	for _, w := range []string{"میں", "سے", "the", "of"} {
		if seen[StopwordID(w)] != w {
			t.Errorf("%q is not numbered", w)
		}
	}
	if StopwordID("ایپل") != 0 || StopwordID("") != 0 {
		t.Error("a content word has a stopword id")
	}
}
