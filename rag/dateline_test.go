package rag

import (
	"slices"
	"strings"
	"testing"
)

func TestDatelineTokens(t *testing.T) {
	for _, c := range []struct {
		sentence string
		want     []string
	}{
		{"24 ستمبر (اے پی پی) صرافہ مارکیٹ میں سونے کی قیمتوں میں مندی کا رجحان رہا۔", []string{"24", "ستمبر"}},
		{"کابل ۔ 29ستمبر (اے پی پی) صدر مملکت ممنون حسین نے تقریب میں شرکت کی۔", []string{"29", "ستمبر"}},
		{"گال۔09 اگست (اے پی پی) سری لنکا کے کپتان سنچری سے محروم رہے۔", []string{"09", "اگست"}},
		{"کیف۔ یکم جولائی 2014ء (اے پی پی) یوکرین نے جنگ بندی ختم کر دی۔", []string{"یکم", "جولائی", "2014"}},
		{"۲۴ ستمبر (اے پی پی) سونا سستا ہو گیا۔", []string{"24", "ستمبر"}}, // Urdu digits
		// Not a dateline: a date inside what the sentence reports, or no agency.
		{"پاکستان اور روس نے 5 مارچ کو معاہدے پر دستخط کیے۔", nil},
		{"سیلاب سے 10 اضلاع کے 19 لاکھ افراد متاثر ہوئے۔", nil},
		{"شہباز شریف نے 12 کارکنوں (جن میں خواتین بھی تھیں) سے ملاقات کی۔", nil},
		{"ہفتہ کو گال انٹرنیشنل سٹیڈیم میں ٹیسٹ کا چوتھا روز تھا۔", nil},
	} {
		if got := datelineTokens(c.sentence); !slices.Equal(got, c.want) {
			t.Errorf("datelineTokens(%q) = %q, want %q", c.sentence, got, c.want)
		}
	}
}

func TestWithoutDatelineDropsOnlyTheDateline(t *testing.T) {
	words := []string{"24", "ستمبر", "اے", "پی", "پی", "سونا", "24", "قیراط"}
	stems := slices.Clone(words)
	ws, ss := withoutDateline(words, stems, []string{"24", "ستمبر"})
	want := []string{"اے", "پی", "پی", "سونا", "24", "قیراط"}
	if !slices.Equal(ws, want) || !slices.Equal(ss, want) {
		t.Errorf("got %q, %q; want %q (the report's own 24 stays)", ws, ss, want)
	}
	if words[0] != "24" || len(words) != 8 {
		t.Errorf("the input was modified: %q", words)
	}
}

// An English question naming the day is answered by that day's figure: its
// date, met by the agency story's dateline, counts for the gate (the report is
// of the day asked) but does not choose the sentence quoted first.
func TestEnglishQuoteNotChosenByTheDateline(t *testing.T) {
	word := func(src, ur string) CrossWord {
		return CrossWord{Source: src, Renderings: []WeightedTerm{{Term: ur, Weight: 1}}}
	}
	cq := CrossQuery{Text: "سونے قیمت تولہ 24 ستمبر", Words: []CrossWord{
		word("gold", "سونے"), word("price", "قیمت"), word("tola", "تولہ"), word("24", "24"), word("september", "ستمبر")}}
	a := &Answerer{}
	cands := []candidate{
		{p: &Passage{N: 1}, sentence: "24 ستمبر (اے پی پی) صرافہ مارکیٹ میں سونے کی قیمتوں میں مندی کا رجحان رہا۔"},
		{p: &Passage{N: 1}, sentence: "فی تولہ سونے کی قیمت 47 ہزار 500 روپے رہی۔"},
	}
	cov, at := a.crossCoverageWith(nil, cq, cands, 0)
	if at != 1 || cov != 0.8 {
		t.Errorf("coverage %.2f, sentence %d: want the dateline's date counted (0.8) and the tola price quoted first (1)", cov, at)
	}
}

// The Urdu extract's coverage does not count the dateline's date either.
func TestExtractQuoteNotChosenByTheDateline(t *testing.T) {
	a := &Answerer{Retriever: &Retriever{Index: &fakeIndex{}}}
	ps := []Passage{{N: 1, ChunkID: "gold#0", Text: "24 ستمبر (اے پی پی) صرافہ مارکیٹ میں سونے کی قیمتوں میں مندی کا رجحان رہا۔ فی تولہ سونے کی قیمت 47 ہزار 500 روپے رہی۔"}}
	cands := a.candidates(nil, ps, []string{"24 ستمبر کو سونے کی قیمت کیا تھی؟"}, false)
	if len(cands) == 0 || !strings.Contains(cands[0].sentence, "47 ہزار") {
		t.Errorf("candidates %+v: want the price's sentence first", cands)
	}
}
