package rag

import (
	"testing"
	"time"

	"github.com/jawab/jawab/text"
)

// A question about a running total is answered by the newest total, not by a
// newer report of one day's count; a question about one day's count, the
// other way round.
func TestLatestKeepsTheKindOfCount(t *testing.T) {
	hits := []Hit{
		datedHit("total#0", "2021-03-12", "سعودی عرب میں کورونا ویکسین لگوانے والوں کی مجموعی تعداد 17 لاکھ سے تجاوز کر گئی۔"),
		datedHit("day#0", "2021-03-13", "سعودی عرب میں ایک دن میں ایک لاکھ 30 ہزار افراد کو کورونا ویکسین لگانے کا ریکارڈ۔"),
		datedHit("old#0", "2021-03-01", "سعودی عرب میں ایک دن میں 90 ہزار افراد کو کورونا ویکسین لگائی گئی۔"),
	}
	asOf := time.Date(2021, 3, 14, 0, 0, 0, 0, time.UTC)
	if got := latestOrder(t, "سعودی عرب میں اب تک کتنے لوگ کورونا ویکسین لگوا چکے ہیں؟", asOf, hits...); len(got) == 0 || got[0] != "total" {
		t.Errorf("a running total asked: passages %v, want the total report first", got)
	}
	if got := latestOrder(t, "سعودی عرب میں ایک دن میں کتنے لوگوں کو کورونا ویکسین لگائی گئی؟ تازہ ترین", asOf, hits...); len(got) == 0 || got[0] != "day" {
		t.Errorf("one day's count asked: passages %v, want the newest day's report first", got)
	}
}

func TestTallyOf(t *testing.T) {
	for _, c := range []struct {
		s            string
		total, daily bool
	}{
		{"بلوچستان سے کورونا کے مزید 09 کیس رپورٹ ، متاثرہ افراد کی تعداد 19106 ہوگئی", true, true},
		{"کورونا سے دنیا بھر میں اموات کی تعداد 28 لاکھ سے تجاوز کر گئی", true, false},
		{"کورونا کی تیسری لہر شدت اختیار کرگئی ، مزید 96 افراد چل بسے", false, true},
		{"How many people have died so far?", true, false},
		{"How many new cases in a single day?", false, true},
		{"پاکستان اور روس کے تعلقات", false, false},
	} {
		total, daily := tallyOf(text.Tokens(c.s), false)
		if total != c.total || daily != c.daily {
			t.Errorf("%q: total %v daily %v, want %v %v", c.s, total, daily, c.total, c.daily)
		}
	}
}

// A day's-count word counts something in a report of one: "مزید 15 کیس",
// not "مزید نقصان نہ ہونے دیا" (no further wicket fell) in a match report
// that gives a running total.
func TestSameTallyNeedsACount(t *testing.T) {
	total := sameTally([]Query{{Text: "یونس خان اب تک کتنی ٹیسٹ سنچریاں بنا چکے ہیں؟"}})
	if total == nil {
		t.Fatal("a how-many question with اب تک marks no running total")
	}
	match := &Passage{Title: "پاکستان کے 4 وکٹوں پر 261 رنز", Text: "پہلے روز کھیل ختم ہونے تک مزید نقصان نہ ہونے دیا، اسی دوران یونس خان نے 24 ویں سنچری بنائی۔"}
	if !total(match) {
		t.Error("a match report whose مزید counts nothing was ruled out")
	}
	day := &Passage{Title: "کورونا کے مزید 15 کیس رپورٹ", Text: "کورونا کے مزید 15 کیس رپورٹ"}
	if total(day) {
		t.Error("a report of one day's count alone was kept for a running total")
	}
}
