package rag

import (
	"strings"
	"testing"
)

// The facts an English reader is given come from the quoted Urdu sentence
// only: its dates, numbers, Latin names and the question's names it holds.
func TestEnglishFacts(t *testing.T) {
	names := []Name{{As: "Lavrov", Word: "لاوروف"}, {As: "Moscow", Word: "ماسکو"}}
	tests := []struct {
		sentence string
		want     string
	}{
		{"روس اور پاکستان کے درمیان سفارتی تعلقات یکم مئی 1948 کو نیو یارک میں قائم ہوئے۔", "1 May 1948"},
		{"شاہ محمود قریشی نے ماسکو میں 26 دسمبر 2018 کو روسی وزیر خارجہ سرگئی لاوروف سے ملاقات کی۔", "Moscow; 26 December 2018; Lavrov"},
		{"5نومبر2018کو چائنا انٹرنیشنل امپورٹ ایکسپو کے موقع پر ملاقات ہوئی۔", "5 November 2018"},
		{"یورپی ممالک روس سے یومیہ 12 لاکھ بیرل دیگر پٹرولیم مصنوعات خریدتے تھے۔", "1,200,000 (12 lakh)"},
		{"روس نے پاکستان کو پچاس ہزار ڈوز دیں۔", "50,000"},
		{"دونوں ممالک نے 2017 میں LNG کے معاہدے پر دستخط کیے۔", "2017; LNG"},
		{"تجارت میں 40 فیصد اضافہ ہوا۔", "40"},
		// Nothing to restate: no facts, rather than a guess.
		{"روس پاکستان کو ایک قابل بھروسا شراکت دار سمجھتا ہے۔", ""},
		// "دو" (two, give) alone is not a number.
		{"انہیں دو ملکوں کے تعلقات پر بات کرنے دو۔", ""},
	}
	for _, tt := range tests {
		if got := strings.Join(englishFacts(tt.sentence, names), "; "); got != tt.want {
			t.Errorf("englishFacts(%q) = %q, want %q", tt.sentence, got, tt.want)
		}
	}
}

func TestInputOf(t *testing.T) {
	a := &Answerer{}
	tests := map[string]string{
		"پاکستان اور روس کے درمیان سفارتی تعلقات کب قائم ہوئے؟":     InputUrdu,
		"پاکستان اور روس کے درمیان LNG معاہدہ کب ہوا؟":              InputUrdu, // an acronym is Urdu news's own
		"Sputnik V ویکسین پاکستان کب پہنچی؟":                        InputUrdu,
		"When did Lavrov visit Pakistan?":                           InputEnglish, // no offline translator: Latin is English
		"When did the foreign minister لاوروف last visit Pakistan?": InputMixed,
		"Imran Khan کا دورہ روس kab hua tha?":                       InputMixed,
		"کیا Imran Khan ne Moscow ka daura kiya tha اور کب؟":        InputMixed,
		"2018؟": "",
	}
	for q, want := range tests {
		if got := a.inputOf(q); got != want {
			t.Errorf("inputOf(%q) = %q, want %q", q, got, want)
		}
	}
}
