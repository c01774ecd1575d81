package eval

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jawab/jawab/text"
)

const (
	publicSet  = "../testdata/eval/pk-ru.jsonl"
	articleDir = "../testdata/pk-ru"
	refusalUR  = "ان مضامین میں اس سوال کا جواب نہیں ملا۔"
	refusalEN  = "The articles do not contain an answer to this question."
)

// seedSets are every committed question set over the seed articles: the
// evidence and reference-answer checks below hold for all of them. The Roman
// Urdu set, the English tuning sets, the bad-input set and the topic-absent
// set (the last two all unanswerable) are described in testdata/CORPUS.md.
var seedSets = []string{
	publicSet,
	"../testdata/eval/pk-ru-roman.jsonl",
	"../testdata/eval/pk-ru-en-tune.jsonl",
	"../testdata/eval/pk-ru-roman-tune.jsonl",
	"../testdata/eval/pk-ru-en-tune2.jsonl",
	"../testdata/eval/bad-input.jsonl",
	"../testdata/eval/pk-ru-absent.jsonl",
}

func readPublicSet(t *testing.T) []Question {
	t.Helper()
	return readSet(t, publicSet)
}

func readSet(t *testing.T, path string) []Question {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	qs, err := ReadQuestions(f, path)
	if err != nil {
		t.Fatalf("ReadQuestions: %v", err)
	}
	return qs
}

// readSeedSets reads every set in seedSets, prefixing each id with its file
// name so that messages say which set a question is in.
func readSeedSets(t *testing.T) []Question {
	t.Helper()
	var all []Question
	for _, path := range seedSets {
		for _, q := range readSet(t, path) {
			q.ID = filepath.Base(path) + ":" + q.ID
			all = append(all, q)
		}
	}
	return all
}

// articleBody returns the normalised text of one seed article, without the
// related-headlines list and comment form that follow "مشہور خبریں" in the
// scraped page (the index drops them, so evidence must not come from there).
func articleBody(t *testing.T, id string) (string, bool) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(articleDir, id+".txt"))
	if errors.Is(err, os.ErrNotExist) {
		return "", false
	}
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	if i := strings.Index(s, "\nمشہور خبریں"); i >= 0 {
		s = s[:i]
	}
	return text.Normalize(s), true
}

func hasArabicLetters(s string) bool {
	return strings.ContainsAny(s, "\u064A\u0643\u0647") // ي ك ه
}

func TestPublicSetShape(t *testing.T) {
	qs := readPublicSet(t)
	if len(qs) < 80 {
		t.Errorf("got %d questions, want at least 80", len(qs))
	}
	var ur, en, unanswerable, multi, arabic int
	ids := make(map[string]bool)
	for _, q := range qs {
		if ids[q.ID] {
			t.Errorf("duplicate id %q", q.ID)
		}
		ids[q.ID] = true
		switch q.Lang {
		case "ur":
			ur++
		case "en":
			en++
		}
		if !q.Answerable {
			unanswerable++
		}
		if len(q.DocIDs) >= 2 {
			multi++
		}
		if hasArabicLetters(q.Question) {
			arabic++
			if q.Lang != "ur" {
				t.Errorf("%s: Arabic-keyboard spelling in a %q question", q.ID, q.Lang)
			}
		}
	}
	for lang, n := range map[string]int{"ur": ur, "en": en} {
		if share := float64(n) / float64(len(qs)); share < 0.4 || share > 0.6 {
			t.Errorf("%s questions: got %d of %d (%.0f%%), want 40–60%%", lang, n, len(qs), 100*share)
		}
	}
	if unanswerable < 15 {
		t.Errorf("unanswerable questions: got %d, want at least 15", unanswerable)
	}
	if multi < 6 {
		t.Errorf("multi-document questions: got %d, want at least 6", multi)
	}
	if arabic < 6 {
		t.Errorf("questions typed with ي ك ه: got %d, want at least 6", arabic)
	}
	t.Logf("%d questions: ur %d, en %d, unanswerable %d, multi-document %d, Arabic-typed %d",
		len(qs), ur, en, unanswerable, multi, arabic)
}

func TestPublicSetEvidence(t *testing.T) {
	qs := readSeedSets(t)
	articles := make(map[string]string)
	for _, q := range qs {
		for _, id := range q.DocIDs {
			if _, ok := articles[id]; ok {
				continue
			}
			body, ok := articleBody(t, id)
			if !ok {
				t.Errorf("%s: doc_id %q names no article in %s", q.ID, id, articleDir)
			}
			articles[id] = body
		}
	}
	for _, q := range qs {
		if !q.Answerable {
			continue
		}
		for _, ev := range q.Evidence {
			found := false
			for _, id := range q.DocIDs {
				if strings.Contains(articles[id], text.Normalize(ev)) {
					found = true
					break
				}
			}
			if !found {
				t.Errorf("%s: evidence %q is in none of %v", q.ID, ev, q.DocIDs)
			}
		}
		// Every cited article must be backed by some evidence span, or
		// citation precision would reward citing it without reason.
		for _, id := range q.DocIDs {
			backed := false
			for _, ev := range q.Evidence {
				if strings.Contains(articles[id], text.Normalize(ev)) {
					backed = true
					break
				}
			}
			if !backed {
				t.Errorf("%s: no evidence span comes from doc_id %q", q.ID, id)
			}
		}
	}
}

func TestPublicSetAnswers(t *testing.T) {
	for _, q := range readSeedSets(t) {
		if !q.Answerable {
			want := refusalEN
			if q.Lang == "ur" {
				want = refusalUR
			}
			if q.Answer != want {
				t.Errorf("%s: unanswerable, got answer %q, want the refusal %q", q.ID, q.Answer, want)
			}
			if len(q.DocIDs)+len(q.Evidence)+len(q.MustInclude) != 0 {
				t.Errorf("%s: unanswerable but has doc_ids, evidence or must_include", q.ID)
			}
			continue
		}
		if len(q.MustInclude) == 0 {
			t.Errorf("%s: answerable with no must_include facts", q.ID)
		}
		// The reference answer must itself state every required fact, and
		// a refusal must state none: otherwise fact_recall would credit a
		// system for refusing an answerable question.
		answer := text.Fold(q.Answer)
		refusal := text.Fold(refusalEN + " " + refusalUR)
		for i, item := range q.MustInclude {
			if len(item) == 0 {
				t.Errorf("%s: must_include[%d] is empty", q.ID, i)
				continue
			}
			ok := false
			for _, v := range item {
				if strings.Contains(answer, text.Fold(v)) {
					ok = true
				}
				if strings.Contains(refusal, text.Fold(v)) {
					t.Errorf("%s: must_include variant %q is stated by the refusal", q.ID, v)
				}
			}
			if !ok {
				t.Errorf("%s: reference answer %q states none of %q", q.ID, q.Answer, item)
			}
		}
		if got := text.DetectLang(q.Answer); got != q.Lang {
			t.Errorf("%s: reference answer detected as %q, want %q", q.ID, got, q.Lang)
		}
	}
}

func TestReadQuestionsValid(t *testing.T) {
	in := "\uFEFF" +
		`{"id":"a","question":"When?","lang":"en","answerable":true,"doc_ids":["d1"],"evidence":["span"],"answer":"Then.","must_include":[["then"]]}` + "\r\n" +
		"\n   \r\n" +
		`{"id":"b","question":"كب؟","lang":"ur","answerable":false,"doc_ids":[],"evidence":null,"answer":"","must_include":[]}` + "\n" +
		`{"id":"c","question":"Why?","lang":"en","answerable":false}`
	qs, err := ReadQuestions(strings.NewReader(in), "ok.jsonl")
	if err != nil {
		t.Fatalf("ReadQuestions: %v", err)
	}
	if len(qs) != 3 {
		t.Fatalf("got %d questions, want 3", len(qs))
	}
	a := qs[0]
	if a.ID != "a" || !a.Answerable || a.Lang != "en" || len(a.DocIDs) != 1 || a.Evidence[0] != "span" || a.MustInclude[0][0] != "then" {
		t.Errorf("got %+v, want the first line's fields", a)
	}
	if qs[1].ID != "b" || qs[1].Answerable || qs[1].Question != "كب؟" {
		t.Errorf("got %+v, want question b, unanswerable", qs[1])
	}
}

func TestReadQuestionsErrors(t *testing.T) {
	const good = `{"id":"q1","question":"When?","lang":"en","answerable":true,"doc_ids":["d"],"evidence":["e"],"answer":"x","must_include":[["x"]]}`
	tests := []struct {
		name     string
		in       string
		wantLine int
		wantMsg  string
	}{
		{"invalid JSON", good + "\n{\"id\":\"q2\",", 2, "invalid JSON"},
		{"not an object", "[1,2]", 1, "invalid JSON"},
		{"two objects on a line", good + " " + good, 1, "after the object"},
		{"unknown field", "\n\n" + strings.Replace(good, `"answer":`, `"answr":`, 1), 3, "answr"},
		{"duplicate id", good + "\n\n" + good, 3, "duplicate id"},
		{"empty id", strings.Replace(good, `"id":"q1"`, `"id":" "`, 1), 1, "id"},
		{"missing id", strings.Replace(good, `"id":"q1",`, ``, 1), 1, "id"},
		{"empty question", strings.Replace(good, `"When?"`, `""`, 1), 1, "question"},
		{"bad lang", strings.Replace(good, `"lang":"en"`, `"lang":"fr"`, 1), 1, "lang"},
		{"missing lang", strings.Replace(good, `"lang":"en",`, ``, 1), 1, "lang"},
		{"missing answerable", strings.Replace(good, `"answerable":true,`, ``, 1), 1, "answerable"},
		{"answerable without evidence", strings.Replace(good, `"evidence":["e"]`, `"evidence":[]`, 1), 1, "evidence"},
		{"answerable without doc_ids", strings.Replace(good, `"doc_ids":["d"]`, `"doc_ids":null`, 1), 1, "doc_ids"},
		{"empty evidence span", strings.Replace(good, `"evidence":["e"]`, `"evidence":["e",""]`, 1), 1, "evidence"},
		{"empty doc id", strings.Replace(good, `"doc_ids":["d"]`, `"doc_ids":[""]`, 1), 1, "doc_ids"},
		{"empty must_include item", strings.Replace(good, `[["x"]]`, `[["x"],[]]`, 1), 1, "must_include"},
		{"empty must_include variant", strings.Replace(good, `[["x"]]`, `[[""]]`, 1), 1, "must_include"},
		{"answerable is a string", strings.Replace(good, `"answerable":true`, `"answerable":"yes"`, 1), 1, "answerable"},
		{"id is a number", strings.Replace(good, `"id":"q1"`, `"id":7`, 1), 1, "id"},
		{"doc_ids is a string", strings.Replace(good, `"doc_ids":["d"]`, `"doc_ids":"d"`, 1), 1, "doc_ids"},
		{"must_include is flat", strings.Replace(good, `[["x"]]`, `["x"]`, 1), 1, "must_include"},
		{"invalid UTF-8", good + "\n" + strings.Replace(good, "When?", "When\xff?", 1), 2, "UTF-8"},
		{"as_of not a day", strings.Replace(good, `"answer":`, `"as_of":"5 March 2021","answer":`, 1), 1, "YYYY-MM-DD"},
		{"as_of an impossible day", strings.Replace(good, `"answer":`, `"as_of":"2021-02-31","answer":`, 1), 1, "as_of"},
		{"as_of a number", strings.Replace(good, `"answer":`, `"as_of":20210305,"answer":`, 1), 1, "as_of"},
		{"empty stale doc id", strings.Replace(good, `"answer":`, `"stale_doc_ids":[""],"answer":`, 1), 1, "stale_doc_ids"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadQuestions(strings.NewReader(tt.in), "set.jsonl")
			if err == nil {
				t.Fatal("got nil error, want one")
			}
			var le *LineError
			if !errors.As(err, &le) {
				t.Fatalf("got %T %v, want a *LineError", err, err)
			}
			if le.Line != tt.wantLine || le.File != "set.jsonl" {
				t.Errorf("got %s:%d, want set.jsonl:%d", le.File, le.Line, tt.wantLine)
			}
			msg := err.Error()
			if prefix := "set.jsonl:" + strconv.Itoa(tt.wantLine) + ": "; !strings.HasPrefix(msg, prefix) {
				t.Errorf("got %q, want prefix %q", msg, prefix)
			}
			if !strings.Contains(msg, tt.wantMsg) {
				t.Errorf("got %q, want it to mention %q", msg, tt.wantMsg)
			}
			if testing.Verbose() {
				t.Log(msg)
			}
		})
	}
}

// The time fields of FORMAT.md are read, null or absent alike.
func TestReadQuestionsTimeFields(t *testing.T) {
	in := `{"id":"t1","question":"ڈالر کا تازہ ترین ریٹ کیا ہے؟","lang":"ur","answerable":true,"doc_ids":["d2"],"evidence":["e"],"answer":"","must_include":[],"as_of":"2021-03-05","time_kind":"latest","stale_doc_ids":["d1"]}` + "\n" +
		`{"id":"t2","question":"What happened last week?","lang":"en","answerable":false,"as_of":null,"time_kind":null,"stale_doc_ids":null}` + "\n"
	qs, err := ReadQuestions(strings.NewReader(in), "time.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if q := qs[0]; q.AsOf != "2021-03-05" || q.TimeKind != "latest" || len(q.StaleDocIDs) != 1 || q.StaleDocIDs[0] != "d1" ||
		!q.Day().Equal(time.Date(2021, 3, 5, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("time fields read as %+v", q)
	}
	if q := qs[1]; q.AsOf != "" || q.TimeKind != "" || q.StaleDocIDs != nil || !q.Day().IsZero() {
		t.Errorf("null time fields read as %+v", q)
	}
}

func TestReadQuestionsEmpty(t *testing.T) {
	for _, in := range []string{"", "\n\n  \n"} {
		if _, err := ReadQuestions(strings.NewReader(in), "empty.jsonl"); err == nil || !strings.Contains(err.Error(), "empty.jsonl") {
			t.Errorf("ReadQuestions(%q) = %v, want an error naming the file", in, err)
		}
	}
}

func TestWriteQuestionsRoundTrip(t *testing.T) {
	qs := readPublicSet(t)
	var b strings.Builder
	if err := WriteQuestions(&b, qs); err != nil {
		t.Fatal(err)
	}
	again, err := ReadQuestions(strings.NewReader(b.String()), "written")
	if err != nil {
		t.Fatalf("ReadQuestions of WriteQuestions' output: %v", err)
	}
	if len(again) != len(qs) {
		t.Fatalf("got %d questions back, want %d", len(again), len(qs))
	}

	b.Reset()
	if err := WriteQuestions(&b, []Question{{ID: "d", Question: "<q> & a?", Lang: "en", Answerable: true}}); err != nil {
		t.Fatal(err)
	}
	want := `{"id":"d","question":"<q> & a?","lang":"en","answerable":true,"doc_ids":[],"evidence":[],"answer":"","must_include":[]}` + "\n"
	if b.String() != want {
		t.Errorf("got  %s want %s", b.String(), want)
	}
}
