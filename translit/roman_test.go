package translit

import (
	"slices"
	"testing"
)

func TestRomanUrduScore(t *testing.T) {
	roman := []string{
		"Imran Khan ne Moscow ka daura kab kiya?",
		"Pakistan aur Russia ke darmiyan kitni tijarat hai?",
		"Lavrov ne Islamabad mein kis se mulaqat ki?",
		"Gas pipeline ka muahida kab hua tha",
		"Putin ka daura kab hoga?",
		"wazir-e-azam kahan gaye the",
		"Pakistan ki economy kaisi hai",
		"Roos ke sath kaun se muahide hue hain?",
		"Shah Mehmood Qureshi kis mahine Moscow gaye?",
		"kya Russia Pakistan ko gas de raha hai",
		"Bilawal Bhutto ne kya kaha",
		"saal 2021 mein kitne dauray hue",
		// typed on a phone: vowels dropped, a final e written y
		"Imran Khan ny Moscow ka dora kb kia?",
		"Pakistan sy Russia ko kitny tank diye gy",
		"Lavrov ki mulaqat ks sy hui",
		"Russia ne Pak ko kitny jahaz diye?",
		// English nouns borrowed: read as English or as neither before
		"Roos ne Pakistan ko kitni vaccine doses di?",
		"pakistan stream gas pipeline kitne kilometer lambi hai",
		// a Roman verb says so as much as a function word
		"Shakespeare ne kitne drame likhe?",
		// the day's news: read as no language and as English before
		"aaj corona ke kitne naye cases aaye?",
		"corona se kitne log mare?",
	}
	other := []string{
		"When did Imran Khan visit Moscow?",
		"Which countries signed the agreement with Pakistan?",
		"Is Imran Khan in Moscow?",
		"What is the price of gas in Karachi?",
		"Who met Lavrov in Islamabad?",
		"Quand Imran Khan a-t-il visité Moscou ?",
		"Qui a rencontré Lavrov à Islamabad ?",
		"Wann hat Imran Khan Moskau besucht?",
		"Welche Länder haben das Abkommen unterzeichnet?",
		"¿Cuándo visitó Imran Khan Moscú?",
		"¿Quién se reunió con Lavrov en Islamabad?",
		"Quando Imran Khan visitou Moscou?",
		"Quando ha visitato Mosca Imran Khan?",
		"Kapan Imran Khan mengunjungi Moskow?",
		"Siapa yang bertemu dengan Lavrov di Islamabad?",
		"Imran Khan pergi ke Moskow pada tahun 2022",
		"Wanneer bezocht Imran Khan Moskou?",
		"Imran Khan Moscow",
		"",
		"عمران خان نے ماسکو کا دورہ کب کیا؟",
	}
	for _, q := range roman {
		s := RomanUrduScore(q)
		if s < RomanThreshold || !IsRomanUrdu(q) {
			t.Errorf("RomanUrduScore(%q) = %.2f, want at least %v", q, s, RomanThreshold)
		}
	}
	for _, q := range other {
		s := RomanUrduScore(q)
		if s >= 0.2 || IsRomanUrdu(q) {
			t.Errorf("RomanUrduScore(%q) = %.2f, want below 0.2", q, s)
		}
	}
	// More markers, surer.
	if a, b := RomanUrduScore("Putin kab aaye"), RomanUrduScore("Imran Khan ne Moscow ka daura kab kiya?"); a >= b {
		t.Errorf("one marker scores %.2f, four score %.2f: want more markers to score higher", a, b)
	}
	// English clearly ~0.
	if s := RomanUrduScore("When did Imran Khan visit Moscow?"); s != 0 {
		t.Errorf("RomanUrduScore(English question) = %v, want 0", s)
	}
}

// romanCase is a Roman Urdu word as people type it and the Urdu word of
// the articles it is.
type romanCase struct{ latin, urdu string }

// romanWords are Roman Urdu words of news questions in the spellings people
// use (several for some words), each with the Urdu word the pk-ru and
// urdu-news articles write. Function words (kya, hain) come from the table;
// the others are matched against the vocabulary.
var romanWords = []romanCase{
	{"mulaqat", "ملاقات"}, {"mulaqaat", "ملاقات"}, {"mulakat", "ملاقات"},
	{"kya", "کیا"}, {"kia", "کیا"}, {"hain", "ہیں"}, {"hein", "ہیں"},
	{"daura", "دورہ"}, {"dora", "دورہ"},
	{"wazir", "وزیر"}, {"azam", "اعظم"},
	{"maeeshat", "معیشت"}, {"maishat", "معیشت"},
	{"tijarat", "تجارت"}, {"mahine", "مہینے"}, {"maheene", "مہینے"},
	{"saal", "سال"}, {"rooz", "روز"}, {"roz", "روز"}, {"tareekh", "تاریخ"},
	{"hukumat", "حکومت"}, {"mulk", "ملک"}, {"mumalik", "ممالک"},
	{"muahida", "معاہدہ"}, {"taluqat", "تعلقات"}, {"tawun", "تعاون"},
	{"sadar", "صدر"}, {"kharja", "خارجہ"}, {"fauj", "فوج"},
	{"tawanai", "توانائی"}, {"bijli", "بجلی"}, {"aman", "امن"},
	{"jang", "جنگ"}, {"siyasi", "سیاسی"}, {"iqtisadi", "اقتصادی"},
	{"sarmaya", "سرمایہ"}, {"bharat", "بھارت"}, {"roos", "روس"},
	{"roosi", "روسی"}, {"cheen", "چین"}, {"amreeka", "امریکہ"},
	{"qaumi", "قومی"}, {"wafd", "وفد"}, {"ijlas", "اجلاس"},
	{"muzakrat", "مذاکرات"}, {"khabar", "خبر"}, {"qeemat", "قیمت"},
	{"din", "دن"}, {"waqt", "وقت"}, {"shehar", "شہر"}, {"difa", "دفاع"},
	{"mansooba", "منصوبہ"}, {"taraqqi", "ترقی"}, {"muashi", "معاشی"},
}

// TestRomanUrduWords measures the share of romanWords whose first Urdu
// word is the article's word.
func TestRomanUrduWords(t *testing.T) {
	m := realMatcher(t)
	ok, matched, matchedOK := 0, 0, 0
	for _, c := range romanWords {
		terms := m.RomanUrdu(c.latin)
		right := len(terms) == 1 && len(terms[0].Urdu) > 0 && terms[0].Urdu[0].Word == c.urdu
		if right {
			ok++
		} else {
			t.Logf("%s: got %v, want %s", c.latin, terms, c.urdu)
		}
		if _, table := romanFunction[c.latin]; !table {
			matched++
			if right {
				matchedOK++
			}
		}
	}
	acc := float64(ok) / float64(len(romanWords))
	accMatched := float64(matchedOK) / float64(matched)
	t.Logf("Roman Urdu words: %.3f of %d first; %.3f of the %d not in the table", acc, len(romanWords), accMatched, matched)
	if acc < 0.85 || accMatched < 0.85 {
		t.Errorf("Roman Urdu words: %.3f first right (%.3f of those matched against the vocabulary), want at least 0.85 of both", acc, accMatched)
	}
}

// TestRomanUrduImportant: words a Roman Urdu question about the seed
// articles cannot do without.
func TestRomanUrduImportant(t *testing.T) {
	m := realMatcher(t)
	for _, c := range []romanCase{
		{"mulaqat", "ملاقات"}, {"mulaqaat", "ملاقات"}, {"mulakat", "ملاقات"},
		{"kya", "کیا"}, {"kia", "کیا"}, {"hain", "ہیں"}, {"hein", "ہیں"},
		{"daura", "دورہ"}, {"dora", "دورہ"}, {"maeeshat", "معیشت"},
		{"maishat", "معیشت"}, {"tijarat", "تجارت"}, {"mahine", "مہینے"},
		{"maheene", "مہینے"}, {"saal", "سال"}, {"rooz", "روز"}, {"roz", "روز"},
		{"wazir", "وزیر"}, {"azam", "اعظم"}, {"imran", "عمران"},
		{"moscow", "ماسکو"}, {"kab", "کب"}, {"ne", "نے"}, {"ka", "کا"},
	} {
		terms := m.RomanUrdu(c.latin)
		if len(terms) != 1 || len(terms[0].Urdu) == 0 || terms[0].Urdu[0].Word != c.urdu {
			t.Errorf("RomanUrdu(%q) = %v, want %s first", c.latin, terms, c.urdu)
		}
	}
}

func TestRomanUrduQuestion(t *testing.T) {
	m := realMatcher(t)
	terms := m.RomanUrdu("Imran Khan ne Moscow ka daura kab kiya?")
	want := []struct{ latin, urdu string }{
		{"imran", "عمران"}, {"khan", "خان"}, {"ne", "نے"}, {"moscow", "ماسکو"},
		{"ka", "کا"}, {"daura", "دورہ"}, {"kab", "کب"}, {"kiya", "کیا"},
	}
	if len(terms) != len(want) {
		t.Fatalf("RomanUrdu = %v, want %d terms", terms, len(want))
	}
	for i, w := range want {
		if terms[i].Latin != w.latin || len(terms[i].Urdu) == 0 || terms[i].Urdu[0].Word != w.urdu {
			t.Errorf("term %d = %v, want %s → %s", i, terms[i], w.latin, w.urdu)
		}
	}
}

func TestRomanUrduCompound(t *testing.T) {
	m := realMatcher(t)
	for _, q := range []string{"wazir-e-azam", "wazir azam"} {
		terms := m.RomanUrdu(q)
		var got []string
		for _, t := range terms {
			if len(t.Urdu) > 0 {
				got = append(got, t.Latin+"="+t.Urdu[0].Word)
			}
		}
		for _, want := range []string{"wazir=وزیر", "azam=اعظم", "wazir azam=وزیراعظم"} {
			if !slices.Contains(got, want) {
				t.Errorf("RomanUrdu(%q) = %v, want %s among them", q, got, want)
			}
		}
	}
}

func TestRomanUrduNumbersAndUnknown(t *testing.T) {
	m := realMatcher(t)
	terms := m.RomanUrdu("2021 mein xqzv")
	if len(terms) != 3 {
		t.Fatalf("RomanUrdu = %v, want 3 terms", terms)
	}
	if terms[0].Latin != "2021" || len(terms[0].Urdu) != 1 || terms[0].Urdu[0].Word != "2021" {
		t.Errorf("term 0 = %v, want 2021 kept", terms[0])
	}
	if terms[1].Urdu[0].Word != "میں" {
		t.Errorf("term 1 = %v, want میں", terms[1])
	}
	if len(terms[2].Urdu) != 0 {
		t.Errorf("term 2 = %v, want no Urdu for a word the vocabulary cannot spell", terms[2])
	}
}
