package rag

import (
	"context"
	"strings"
	"testing"
)

// Asked how two reports of one story differ, the answer quotes what each
// says that the other does not: the paper's interview, in a sentence that
// points back to its lead (and is quoted with it), beside the agency's
// reality show. Both leads say the same, and were all the extract quoted.
func TestDifferencesQuoted(t *testing.T) {
	agency := datedHit("show#0", "2014-09-03", "ممبئی۔ 3 ستمبر (اے پی پی) اداکارہ بپاشا باسو نے گلوکار ہنی سنگھ کے ساتھ کام کرنے کی خواہش ظاہر کی ہے۔ بھارتی ذرائع ابلاغ کے مطابق ایک رئیلٹی شو میں بپاشا باسو نے کہا کہ وہ ہنی سنگھ کے ساتھ ضرور کام کریں گی۔")
	paper := datedHit("showp#0", "2014-09-04", "ممبئی (نیوز ڈیسک) اداکارہ بپاشا باسو نے گلوکار ہنی سنگھ کے ساتھ کام کرنے کی خواہش ظاہر کی ہے۔ انہوں نے مڈڈے اور نیوز سروس سے انٹرویو میں کہا کہ وہ ہنی سنگھ کے ساتھ ضرور کام کریں گی۔")
	other := datedHit("cricket#0", "2014-09-03", "لاہور میں کرکٹ میچ کے دوران 3 کھلاڑی زخمی ہو گئے۔")
	a, _ := timeAnswerer(agency, other, paper)
	a.Retriever.Lambda = 0.01
	const question = "بپاشا باسو نے ہنی سنگھ کے ساتھ کام کرنے کی خواہش کہاں ظاہر کی؟"
	ans, err := a.Ask(context.Background(), Question{Text: question + " دونوں خبروں میں کیا فرق ہے؟", K: 2})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"رئیلٹی شو", "انٹرویو"} {
		if !strings.Contains(ans.Answer, want) {
			t.Errorf("the answer lacks %q:\n%s", want, ans.Answer)
		}
	}
	// The lead is quoted once, with the sentence that leans on it.
	if n := strings.Count(ans.Answer, "ممبئی (نیوز ڈیسک)"); n != 1 {
		t.Errorf("the paper's lead quoted %d times:\n%s", n, ans.Answer)
	}
	// A question that does not compare gets the extract as it was.
	ans, err = a.Ask(context.Background(), Question{Text: question, K: 2})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(ans.Answer, "انٹرویو") {
		t.Errorf("the paper's difference quoted for a question that does not compare the reports (the fixture no longer needs the request):\n%s", ans.Answer)
	}
}
