package main

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/jawab/jawab/llm/llmtest"
	"github.com/jawab/jawab/text"
)

// Offline, an English question over the Urdu collection is translated by the
// lexicon and the names in it, finds the 1948 passage, and is answered in
// English: the date restated, the Urdu sentence quoted and cited.
func TestOfflineEnglishQuestionIsAnswered(t *testing.T) {
	env := map[string]string{"JAWAB_DATA": t.TempDir()}
	ans := askJSON(t, env, "When were diplomatic relations between Pakistan and the Soviet Union established?")
	if ans.Refused || ans.Lang != "en" || ans.Generator != "extractive" {
		t.Fatalf("answer: %q (refused %v, lang %s)", ans.Answer, ans.Refused, ans.Lang)
	}
	if !strings.Contains(ans.Answer, "1 May 1948") || !strings.Contains(ans.Answer, "«") {
		t.Errorf("answer %q: want the date restated in English and the Urdu sentence quoted", ans.Answer)
	}
	if len(ans.Citations) == 0 || ans.Citations[0].DocID != "000_c226a50e9c4de795" || ans.Citations[0].Lang != "ur" {
		t.Fatalf("citations %+v: want the 1948 sentence of 000_c226a50e9c4de795, marked lang ur", ans.Citations)
	}
	if !strings.Contains(ans.Answer, ans.Citations[0].Quote) {
		t.Errorf("the quoted sentence is not the cited one: %q", ans.Citations[0].Quote)
	}
	if got := text.DetectLang(strings.Split(ans.Answer, "«")[0]); got != "en" {
		t.Errorf("the answer's own words are in %q, want English", got)
	}
}

// A name in an English question is found by transliteration against the
// collection's own words, and restated as the asker spelled it.
func TestOfflineEnglishNamesAreMatched(t *testing.T) {
	env := map[string]string{"JAWAB_DATA": t.TempDir()}
	ans := askJSON(t, env, "Where did Shah Mahmood Qureshi meet Lavrov in December 2018?")
	if ans.Refused {
		t.Fatalf("refused: %q", ans.Answer)
	}
	// Lavrov is restated as asked; Moscow, which the question did not name,
	// stays in the Urdu quote (ماسکو): nothing is restated by guess.
	if !strings.Contains(ans.Answer, "26 December 2018") || !strings.Contains(ans.Answer, "Lavrov") || !strings.Contains(ans.Answer, "ماسکو") {
		t.Errorf("answer %q: want 26 December 2018 and Lavrov restated and ماسکو quoted", ans.Answer)
	}
}

// A name typed in Latin letters inside an Urdu question is searched, ranked
// and judged as the articles spell it in Urdu: "Lavrov" as لاوروف.
func TestLatinNameInUrduQuestion(t *testing.T) {
	env := map[string]string{"JAWAB_DATA": t.TempDir()}
	ans := askJSON(t, env, "Qureshi نے Lavrov سے ماسکو میں کب ملاقات کی؟")
	if ans.Refused || ans.Lang != "ur" {
		t.Fatalf("answer %q (refused %v, lang %s)", ans.Answer, ans.Refused, ans.Lang)
	}
	if !strings.Contains(ans.Answer, "26 دسمبر 2018") {
		t.Errorf("answer %q: want the meeting of 26 December 2018 quoted", ans.Answer)
	}
}

// What the articles never say is refused, in English, with no quote.
func TestOfflineEnglishUnanswerableIsRefused(t *testing.T) {
	env := map[string]string{"JAWAB_DATA": t.TempDir()}
	for _, q := range []string{
		"How many kilometres long is the gas pipeline from Karachi to Lahore?",
		"What is the name of Russia's ambassador to Pakistan?",
	} {
		ans := askJSON(t, env, q)
		if !ans.Refused || ans.Lang != "en" || len(ans.Citations) != 0 || text.DetectLang(ans.Answer) != "en" {
			t.Errorf("%s: %q (refused %v), want an English refusal", q, ans.Answer, ans.Refused)
		}
	}
}

// Roman Urdu is read as Urdu and answered in Urdu script.
func TestRomanUrduQuestionIsAnsweredInUrdu(t *testing.T) {
	env := map[string]string{"JAWAB_DATA": t.TempDir()}
	ans := askJSON(t, env, "Pakistan aur Russia ke darmiyan sifarati taluqat kab qaim hue?")
	if ans.Refused || ans.Lang != "ur" || text.DetectLang(ans.Answer) != "ur" {
		t.Fatalf("answer %q (refused %v, lang %s): want an Urdu answer", ans.Answer, ans.Refused, ans.Lang)
	}
	if !strings.Contains(ans.Answer, "1948") {
		t.Errorf("answer %q: want the 1948 sentence", ans.Answer)
	}
}

// Input jawab cannot read is refused with the reason, never answered with an
// unrelated quote.
func TestUnreadableQuestionsAreRefusedWithTheReason(t *testing.T) {
	env := map[string]string{"JAWAB_DATA": t.TempDir()}
	for q, want := range map[string]string{
		"Quand la Russie et le Pakistan ont-ils établi des relations diplomatiques ?": "neither English, Urdu nor Roman Urdu",
		"asdf qwer zxcv": "neither English, Urdu nor Roman Urdu",
		"When did the foreign minister لاوروف last visit Pakistan?": "mixes Urdu and Latin script",
	} {
		ans := askJSON(t, env, q)
		if !ans.Refused || len(ans.Citations) != 0 || !strings.Contains(ans.Answer, want) {
			t.Errorf("%s: %q (refused %v), want a refusal saying %q", q, ans.Answer, ans.Refused, want)
		}
	}
}

// JAWAB_LEXICON=off turns offline translation off: an English question is
// then refused with the hint that says how to search across languages.
func TestLexiconOff(t *testing.T) {
	env := map[string]string{"JAWAB_DATA": t.TempDir(), "JAWAB_LEXICON": "off"}
	ans := askJSON(t, env, "When were diplomatic relations between Pakistan and the Soviet Union established?")
	if !ans.Refused || !strings.Contains(ans.Answer, "collection is in Urdu") {
		t.Errorf("with the lexicon off: %q (refused %v)", ans.Answer, ans.Refused)
	}
}

// A lexicon file that cannot be read stops jawab with an error naming it and
// the command that builds one.
func TestBadLexiconFile(t *testing.T) {
	dir := t.TempDir()
	bad := dir + "/lexicon.tsv.gz"
	if err := os.WriteFile(bad, []byte("not gzip"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{bad, dir + "/missing.tsv.gz"} {
		r := jawab(t, map[string]string{"JAWAB_DATA": t.TempDir(), "JAWAB_LEXICON": path}, "ask", "When did Lavrov visit Pakistan?")
		if r.err == nil || !strings.Contains(r.err.Error(), path) || !strings.Contains(r.err.Error(), "jawab-train lexicon") {
			t.Errorf("JAWAB_LEXICON=%s: err %v", path, r.err)
		}
	}
}

// With an LLM whose translation fails, the lexicon's translation is searched
// instead and the answer says so; the LLM still writes the answer.
func TestFailedLLMTranslationFallsBackToTheLexicon(t *testing.T) {
	srv := llmtest.NewServer(t, llmtest.Options{Respond: func(n int, req llmtest.Request) llmtest.Reply {
		if !req.Stream {
			return llmtest.Error(400, "translation refused")
		}
		return llmtest.Stream("Relations were established on 1 May 1948 [1].")
	}})
	ans := askJSON(t, chatEnv(t, srv), "When were diplomatic relations between Pakistan and the Soviet Union established?")
	if ans.Refused || !strings.Contains(ans.Passages[0].Text, "یکم مئی 1948") {
		t.Fatalf("answer %q, first passage %q: want the 1948 passage found by the lexicon", ans.Answer, ans.Passages[0].Text)
	}
	if !slices.ContainsFunc(ans.Warnings, func(w string) bool { return strings.Contains(w, "offline word-by-word translation") }) {
		t.Errorf("warnings %v: want one saying the offline translation was used", ans.Warnings)
	}
}

// A Roman-Urdu question goes to the LLM as typed, which is told what it is.
func TestRomanUrduQuestionReachesTheLLMAsTyped(t *testing.T) {
	const q = "Pakistan aur Russia ke darmiyan sifarati taluqat kab qaim hue?"
	srv := llmtest.NewServer(t, llmtest.Options{Respond: func(n int, req llmtest.Request) llmtest.Reply {
		if !req.Stream {
			return llmtest.Text("پاکستان اور روس کے درمیان سفارتی تعلقات کب قائم ہوئے؟")
		}
		return llmtest.Stream("سفارتی تعلقات یکم مئی 1948 کو قائم ہوئے [1]۔")
	}})
	ans := askJSON(t, chatEnv(t, srv), q)
	if ans.Lang != "ur" || ans.Refused {
		t.Fatalf("answer %+v", ans)
	}
	reqs := srv.Requests()
	last := reqs[len(reqs)-1]
	if !strings.Contains(last.User(), q) || !strings.Contains(last.User(), "رومن اردو") {
		t.Errorf("answer prompt: want the question as typed and the Roman-Urdu note:\n%s", last.User())
	}
}

// The other direction: an Urdu question over an English collection is
// rendered in English by the same lexicon and finds the English article.
func TestUrduQuestionOverEnglishArticles(t *testing.T) {
	dir := t.TempDir()
	articles := map[string]string{
		"trade.txt":   "Pakistan and Russia trade\n\nTrade between Pakistan and Russia grew by forty percent last year, the foreign minister said in Islamabad.",
		"cricket.txt": "Cricket series\n\nThe national cricket team won the series against England after a close final match in Lahore.",
		"floods.txt":  "Monsoon floods\n\nHeavy monsoon rains flooded villages in Sindh and thousands of families moved to relief camps.",
	}
	for name, body := range articles {
		if err := os.WriteFile(dir+"/"+name, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	env := map[string]string{"JAWAB_DATA": t.TempDir()}
	mustJawab(t, env, "ingest", dir)
	ans := askJSON(t, env, "پاکستان اور روس کے درمیان تجارت کتنی بڑھی؟")
	if len(ans.Passages) == 0 || ans.Passages[0].DocID != "trade" {
		t.Fatalf("passages %+v: want the trade article first", ans.Passages)
	}
	if ans.Lang != "ur" {
		t.Errorf("lang %s, want ur", ans.Lang)
	}
	// Without the lexicon the Urdu words meet nothing in English text.
	env["JAWAB_LEXICON"] = "off"
	if off := askJSON(t, env, "پاکستان اور روس کے درمیان تجارت کتنی بڑھی؟"); len(off.Passages) > 0 && off.Passages[0].DocID == "trade" && off.Passages[0].KeywordRank > 0 {
		t.Errorf("without the lexicon the trade article was still found by keyword: %+v", off.Passages[0])
	}
}

// A Roman Urdu "latest" question is read as one ("taza tareen" in its Urdu
// rendering): the newest report of the count asked comes first, and the
// answer says as of when.
func TestRomanUrduLatest(t *testing.T) {
	env := map[string]string{"JAWAB_DATA": t.TempDir()}
	mustJawab(t, env, "ingest", "../../testdata/dated/articles.jsonl")
	ans := askJSON(t, env, "--as-of", "2022-07-27", "Sailab se taza tareen kitne log jan bahaq hue?")
	if ans.Time == nil || ans.Time.Kind != "latest" {
		t.Fatalf("time %+v: want a latest question", ans.Time)
	}
	if ans.Refused || len(ans.Citations) == 0 || !strings.HasPrefix(ans.Citations[0].DocID, "flood-2022-07-25") {
		t.Errorf("answer %q cites %+v: want a report of 25 July first (the 26 July one is in English)", ans.Answer, ans.Citations)
	}
	if !strings.Contains(ans.Answer, "25 جولائی 2022 تک") {
		t.Errorf("answer %q: want it to say as of 25 July 2022", ans.Answer)
	}
}

// A Roman Urdu period ("pichlay mahine") is read as one too: the passages are
// the month's, and the answer is not refused for the Roman words of the
// phrase that the dates answer.
func TestRomanUrduPeriod(t *testing.T) {
	env := map[string]string{"JAWAB_DATA": t.TempDir()}
	mustJawab(t, env, "ingest", "../../testdata/dated/articles.jsonl")
	ans := askJSON(t, env, "--as-of", "2022-08-10", "pichlay mahine sailab se kitne log jan bahaq hue?")
	if ans.Time == nil || ans.Time.Kind != "relative" || ans.Time.From.Month() != 7 {
		t.Fatalf("time %+v: want last month, July", ans.Time)
	}
	if ans.Refused || len(ans.Citations) == 0 || !strings.HasPrefix(ans.Citations[0].DocID, "flood-2022-07") {
		t.Errorf("answer %q cites %+v: want July's flood reports", ans.Answer, ans.Citations)
	}
}

// In a mixed collection, an English latest question's newest report may be
// the English one: it is weighed by the English question.
func TestEnglishLatestInAMixedCollection(t *testing.T) {
	env := map[string]string{"JAWAB_DATA": t.TempDir()}
	mustJawab(t, env, "ingest", "../../testdata/dated/articles.jsonl")
	ans := askJSON(t, env, "--as-of", "2021-04-03", "What is the latest interbank dollar rate?")
	if ans.Refused || len(ans.Citations) == 0 || ans.Citations[0].DocID != "dollar-2021-04-02-en" {
		t.Errorf("answer %q cites %+v: want the English report of 2 April first", ans.Answer, ans.Citations)
	}
}
