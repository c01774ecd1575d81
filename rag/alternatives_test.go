package rag

import (
	"context"
	"slices"
	"testing"
)

func TestAlternativeQuestions(t *testing.T) {
	cases := []struct {
		q    string
		want []string
	}{
		// A choice of two states, each kept alone.
		{"سندھ میں کرونا کی پابندیاں اب نرم ہیں یا سخت، اور کب تک رہیں گی؟", []string{
			"سندھ میں کرونا کی پابندیاں اب نرم ہیں اور کب تک رہیں گی",
			"سندھ میں کرونا کی پابندیاں اب سخت اور کب تک رہیں گی",
		}},
		// "یا نہیں" holds no content word: the question without it alone.
		{"28 فروری 2021 کو پٹرول کی قیمتیں بڑھ گئیں یا نہیں؟", []string{"28 فروری 2021 کو پٹرول کی قیمتیں بڑھ گئیں"}},
		// A longer rest goes on with what both share: a choice of one word.
		{"فاف ڈوپلیسی کتنی اننگز یا میچوں کے بعد پہلی بار صفر پر آؤٹ ہوئے؟", []string{
			"فاف ڈوپلیسی کتنی اننگز کے بعد پہلی بار صفر پر آؤٹ ہوئے",
			"فاف ڈوپلیسی کتنی میچوں کے بعد پہلی بار صفر پر آؤٹ ہوئے",
		}},
		// English, in a clause after a dash; the question's spelling kept.
		{"The 293 new infections reported on 26 March 2021 - were they in Karachi or across Sindh?", []string{
			"The 293 new infections reported on 26 March 2021 - were they in Karachi ?",
			"The 293 new infections reported on 26 March 2021 - across Sindh?",
		}},
		// A clause that opens with "or" is the choice of the one before it.
		{"Is PSL 6 still going on, or has it been called off?", []string{
			"Is PSL 6 still going on, ?",
			"Is PSL 6 still has it been called off?",
		}},
		{"Has business activity picked up or fallen in early March 2021?", []string{
			"Has business activity picked up in early March 2021?",
			"Has business activity fallen in early March 2021?",
		}},
		// No choice: nothing.
		{"پٹرول کی قیمت کتنی ہے؟", nil},
		// "یا" opening the question offers no first alternative.
		{"یا اللہ خیر", nil},
		{"Who won, and when?", nil},
	}
	for _, c := range cases {
		var got []string
		for _, v := range alternativeQuestions(c.q) {
			got = append(got, v.question)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s:\n got  %q\n want %q", c.q, got, c.want)
		}
	}
}

// A question that offers a choice is judged by each alternative alone too:
// its "یا نہیں" (or not) weighs against it in the gate, which learned that
// "نہیں" marks a question its paragraph does not answer. The threshold is
// raised to one the question as asked falls below and its first
// alternative passes, over the UQA sample and the built-in model.
func TestAChoiceIsJudgedByEitherAlternative(t *testing.T) {
	u := newUQAIndex(t)
	m := builtIn(t)
	const asked = "کیا شوپن وارسا کی ڈچی میں پیدا ہوا تھا یا نہیں؟"
	ask := func(q string, off bool) *Answer {
		t.Helper()
		a := &Answerer{Retriever: &Retriever{Index: u, Searches: KeywordOnly, Ranker: m}, Model: m, CorpusLang: "ur", MinAnswerability: 0.75, AlternativesOff: off}
		ans, err := a.Ask(context.Background(), Question{Text: q})
		if err != nil {
			t.Fatal(err)
		}
		return ans
	}
	whole, alone := ask(asked, true), ask("کیا شوپن وارسا کی ڈچی میں پیدا ہوا تھا؟", true)
	if !whole.Refused || alone.Refused {
		t.Fatalf("the fixture no longer holds: asked as a choice refused %v (answerability %.2f), without the choice %v (%.2f)",
			whole.Refused, whole.Answerability, alone.Refused, alone.Answerability)
	}
	ans := ask(asked, false)
	if ans.Refused || ans.Answerability != alone.Answerability {
		t.Errorf("refused %v, answerability %.2f: want the first alternative's %.2f", ans.Refused, ans.Answerability, alone.Answerability)
	}
	if len(ans.Citations) == 0 || ans.Citations[0].DocID != "uqa_001_000" {
		t.Errorf("citations %+v: want the paragraph on his birth", ans.Citations)
	}
}

func TestAlternativeQuestionsKeep(t *testing.T) {
	got := alternativeQuestions("سندھ میں کرونا کی پابندیاں اب نرم ہیں یا سخت؟")
	if len(got) != 2 || !slices.Equal(got[0].kept, []string{"نرم"}) || !slices.Equal(got[1].kept, []string{"سخت"}) {
		t.Errorf("kept %+v: want نرم, then سخت", got)
	}
	got = alternativeQuestions("کیا پٹرول کی قیمتیں بڑھ گئیں یا نہیں؟")
	if len(got) != 1 || got[0].kept != nil {
		t.Errorf("kept %+v: want one question keeping nothing to look for", got)
	}
}

// The sentence quoted first must hold the alternative the question was
// judged by, in Urdu as asked or an English question's by its renderings.
func TestQuotesAlternative(t *testing.T) {
	p := &Passage{N: 1, Title: "سندھ میں نئی پابندیاں"}
	strict := []candidate{{p: p, sentence: "صوبے میں کاروبار پر سخت پابندیاں عائد کر دی گئیں۔"}}
	other := []candidate{{p: p, sentence: "صوبے میں ویکسین لگانے کا عمل جاری ہے۔"}}
	if !quotesAlternative(strict, []string{"سخت"}, CrossQuery{}, InputUrdu) || quotesAlternative(other, []string{"سخت"}, CrossQuery{}, InputUrdu) {
		t.Error("an Urdu alternative: want held by the sentence that holds it only")
	}
	if !quotesAlternative(other, nil, CrossQuery{}, InputUrdu) {
		t.Error("nothing kept: want any quote")
	}
	gift := []candidate{{p: p, sentence: "چین نے ویکسین کی 5 لاکھ خوراکیں تحفے میں دیں۔"}}
	cq := CrossQuery{Words: crossWords("gift", "تحفے", "vaccines", "ویکسین")}
	if !quotesAlternative(gift, []string{"gift"}, cq, InputEnglish) || quotesAlternative(other, []string{"gift"}, cq, InputEnglish) {
		t.Error("an English alternative: want held by its rendering only")
	}
}
