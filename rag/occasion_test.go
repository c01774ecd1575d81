package rag

import (
	"testing"
	"time"
)

func TestAsksOccasion(t *testing.T) {
	for q, want := range map[string]bool{
		"سوناکشی سنہا نے یہ باتیں کس موقع پر کہیں؟":                      true,
		"بپاشا باسو نے ہنی سنگھ کے ساتھ کام کرنے کی خواہش کہاں ظاہر کی؟": true,
		"Where did Matthew Hayden make his remarks about Pietersen?":     true,
		"On what occasion did the president say this?":                   true,
		"Sonakshi ne ye baatein kis mauqe par kahin?":                    true,
		"Bipasha ne ye khwahish kahan zahir ki?":                         true,
		"Wazir e Azam kahan gaye?":                                       false,
		"وزیراعظم کہاں گئے؟":                                             false, // where, not where said
		"Where is the new steel mill being built?":                       false,
		"اس موقع پر کتنے افراد موجود تھے؟":                               false, // "on that occasion"
		"What did the minister say about the talks?":                     false,
	} {
		if got := asksOccasion(q); got != want {
			t.Errorf("asksOccasion(%q) = %v, want %v", q, got, want)
		}
	}
}

// Asked where a thing was said, the sentence of the report that names the
// occasion is quoted first, not the lead that repeats the question's words;
// another story's sentence that shares the question's frame ("یہ باتیں …
// کے موقع پر کہیں") is not.
func TestOccasionQuotedFirst(t *testing.T) {
	day := time.Date(2014, 12, 1, 0, 0, 0, 0, time.UTC)
	report := &Passage{N: 1, DocID: "app", Published: day, Text: "x"}
	other := &Passage{N: 2, DocID: "film", Published: day.AddDate(0, -5, 0), Text: "y"}
	lead := candidate{p: report, sentence: "اداکارہ سوناکشی سنہا نے کہا ہے کہ وہ ملٹی سٹار فلموں سے نہیں گھبراتیں۔", coverage: 1}
	frame := candidate{p: other, sentence: "سارہ نے یہ باتیں فلم کے خصوصی شو کے موقع پر کہیں۔", coverage: 0.8}
	occasion := candidate{p: report, sentence: "اداکارہ نے اپنے ایک جاری کردہ بیان میں کہا کہ یہ ان کی پہلی ملٹی سٹار فلم ہے۔", coverage: 0.6}
	faint := candidate{p: report, sentence: "انہوں نے ایک انٹرویو بھی دیا تھا۔", coverage: 0.2}
	cands := []candidate{lead, frame, occasion, faint}
	const q = "سوناکشی سنہا نے ملٹی سٹار فلموں کے بارے میں یہ باتیں کس موقع پر کہیں؟"
	got := occasionQuotedFirst(nil, cands, q)
	if got[0].sentence != occasion.sentence {
		t.Errorf("first %q, want the statement's occasion", got[0].sentence)
	}
	if len(got) != len(cands) || got[1].sentence != lead.sentence || got[2].sentence != frame.sentence || got[3].sentence != faint.sentence {
		t.Errorf("the rest not in their order: %v", got)
	}
	if got := occasionQuotedFirst(nil, cands, "سوناکشی سنہا نے ملٹی سٹار فلموں کے بارے میں کیا کہا؟"); got[0].sentence != lead.sentence {
		t.Errorf("a question that does not ask the occasion: first %q", got[0].sentence)
	}
}
