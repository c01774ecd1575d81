package rag

import (
	"context"
	"strings"
	"testing"
)

// Two reports of one story, their leads alike: the agency's names a
// reality show in its second sentence, the paper's an interview, in a
// sentence that points back to its lead.
func showReports(paperDay string) []Hit {
	return []Hit{
		datedHit("show#0", "2014-09-03", "ممبئی۔ 3 ستمبر (اے پی پی) اداکارہ بپاشا باسو نے گلوکار ہنی سنگھ کے ساتھ کام کرنے کی خواہش ظاہر کی ہے۔ بھارتی ذرائع ابلاغ کے مطابق ایک رئیلٹی شو میں بپاشا باسو نے کہا کہ وہ ہنی سنگھ کے ساتھ ضرور کام کریں گی۔"),
		datedHit("cricket#0", "2014-09-03", "لاہور میں کرکٹ میچ کے دوران 3 کھلاڑی زخمی ہو گئے۔"),
		datedHit("showp#0", paperDay, "ممبئی (نیوز ڈیسک) اداکارہ بپاشا باسو نے گلوکار ہنی سنگھ کے ساتھ کام کرنے کی خواہش ظاہر کی ہے۔ انہوں نے مڈڈے اور نیوز سروس سے انٹرویو میں کہا کہ وہ ہنی سنگھ کے ساتھ ضرور کام کریں گی۔"),
	}
}

// The answer quotes what each report says that the other does not: the
// paper's interview (with the lead its sentence points back to, quoted
// once) beside the agency's reality show. Both leads say the same, and
// were all the extract quoted.
func TestDifferencesQuoted(t *testing.T) {
	const question = "بپاشا باسو نے ہنی سنگھ کے ساتھ کام کرنے کی خواہش کہاں ظاہر کی؟"
	ask := func(q, paperDay string) string {
		t.Helper()
		a, _ := timeAnswerer(showReports(paperDay)...)
		a.Retriever.Lambda = 0.01
		ans, err := a.Ask(context.Background(), Question{Text: q, K: 2})
		if err != nil {
			t.Fatal(err)
		}
		return ans.Answer
	}
	both := func(name, answer string, want bool) {
		t.Helper()
		if got := strings.Contains(answer, "رئیلٹی شو") && strings.Contains(answer, "انٹرویو"); got != want {
			t.Errorf("%s: both differences quoted %v, want %v:\n%s", name, got, want, answer)
		}
		if n := strings.Count(answer, "ممبئی (نیوز ڈیسک)"); n != 1 {
			t.Errorf("%s: the paper's lead quoted %d times:\n%s", name, n, answer)
		}
	}
	// The paper's story of the next day retells the agency's: compared
	// whether or not the reader asks.
	both("a retelling", ask(question, "2014-09-04"), true)
	both("a retelling, compared", ask(question+" دونوں خبروں میں کیا فرق ہے؟", "2014-09-04"), true)
}

// Without the request to compare, only a retelling of the first quoted
// report is compared with it: the paper's story of the next day, not a
// report ten days later, which may be of another occasion. (The agency's
// difference is the one checked: the paper's holds too little of the
// question here, with every word weighing alike.)
func TestDifferencesOnlyOfOneStoryUnlessAsked(t *testing.T) {
	const question = "بپاشا باسو نے ہنی سنگھ کے ساتھ کام کرنے کی خواہش کہاں ظاہر کی؟"
	for _, c := range []struct {
		paperDay string
		compare  bool
		only     bool // the agency's lead is the only quote
		want     bool
	}{
		{"2014-09-04", false, false, true},
		{"2014-09-13", false, false, false},
		{"2014-09-13", true, false, true},
		// The paper's retelling is among the passages, not the quotes.
		{"2014-09-04", false, true, true},
		{"2014-09-13", false, true, false},
	} {
		hits := showReports(c.paperDay)
		a, ix := timeAnswerer(hits...)
		passages := []Passage{fuse([]Hit{hits[0]})[0], fuse([]Hit{hits[2]})[0]}
		passages[0].N, passages[1].N = 1, 2
		cands := a.candidates(newWeights(context.Background(), ix), passages, []string{question}, false)
		// The quotes are each report's lead.
		var picked []candidate
		for _, cd := range cands {
			if strings.Contains(cd.sentence, "خواہش ظاہر کی ہے") && !strings.Contains(cd.sentence, "ضرور") && (len(picked) == 0 || picked[0].p.DocID != cd.p.DocID) {
				picked = append(picked, cd)
			}
		}
		if len(picked) != 2 {
			t.Fatalf("the fixture's leads: %d quotes", len(picked))
		}
		if c.only {
			picked = picked[:1]
		}
		got := differencesQuoted(ix, passages, cands, picked, c.compare)
		var quoted []string
		for _, g := range got {
			quoted = append(quoted, g.sentence)
		}
		all := strings.Join(quoted, "\n")
		if added := strings.Contains(all, "رئیلٹی شو"); added != c.want {
			t.Errorf("paper of %s, compare %v, the agency's lead alone %v: the agency's difference quoted %v, want %v:\n%s", c.paperDay, c.compare, c.only, added, c.want, all)
		}
	}
}
