// Package prompts holds the prompts jawab sends to a language model, as
// text/template files in Urdu and English, and typed functions that render them.
//
// A prompt is written in the language the model is to answer in: models follow
// an instruction to answer in Urdu far more reliably when the instruction itself
// is in Urdu. Everything that comes from outside (news passages, questions,
// earlier answers) goes into the user message inside XML-like delimiters and is
// neutralised first (see Data), so that an article cannot close its block and
// speak with the voice of the prompt.
package prompts

import (
	"embed"
	"fmt"
	"regexp"
	"strings"
	"text/template"
	"time"
	"unicode/utf8"
)

//go:embed *.tmpl
var files embed.FS

var templates = template.Must(template.New("").Option("missingkey=error").ParseFS(files, "*.tmpl"))

// Passage is a numbered source passage as the model sees it.
type Passage struct {
	N     int
	Title string
	Text  string
	// Published is the article's publication date; zero when unknown.
	Published time.Time
}

// Turn is one earlier exchange of the conversation, oldest first.
type Turn struct {
	Question string
	Answer   string
}

// AnswerInput is what the answer prompt is rendered from.
type AnswerInput struct {
	Lang     string // "ur" or "en": the language of the prompt and of the answer
	Question string
	Passages []Passage
	History  []Turn
	// RomanUrdu: the question is Urdu typed in Latin letters; the model is
	// told so, and still answers in Urdu script.
	RomanUrdu bool
	// Reference is the day the question is asked: the model is told it, so
	// that "latest" and "last month" mean that day's; zero leaves it out.
	Reference time.Time
}

// History limits. The model needs the earlier turns to know what "and in
// 2015?" refers to, not their detail; long histories only cost tokens and pull
// the model towards repeating old answers.
const (
	MaxHistoryTurns       = 4
	MaxHistoryAnswerRunes = 600
)

// Refusal returns the exact sentence the answer prompt tells the model to
// write when the passages do not answer the question. Callers recognise a
// refusal by it, so it must not drift from the prompts: the templates use this
// function.
func Refusal(lang string) string {
	if lang == "ur" {
		return "ان مضامین میں اس سوال کا جواب نہیں ملا۔"
	}
	return "The articles do not contain an answer to this question."
}

// Answer renders the prompt that asks for an answer to in.Question from
// in.Passages, citing them as [n], in in.Lang.
func Answer(in AnswerInput) (system, user string, err error) {
	if err := checkLang(in.Lang); err != nil {
		return "", "", fmt.Errorf("answer prompt: %w", err)
	}
	if strings.TrimSpace(in.Question) == "" {
		return "", "", fmt.Errorf("answer prompt: the question is empty")
	}
	type passage struct {
		N                 int
		Title, Text, Date string
	}
	ps := make([]passage, len(in.Passages))
	for i, p := range in.Passages {
		if p.N <= 0 {
			return "", "", fmt.Errorf("answer prompt: passage %d has number %d; numbers start at 1", i, p.N)
		}
		ps[i] = passage{N: p.N, Title: Attr(p.Title), Text: Data(p.Text)}
		if !p.Published.IsZero() {
			ps[i].Date = p.Published.Format(time.DateOnly)
		}
	}
	reference := ""
	if !in.Reference.IsZero() {
		reference = in.Reference.Format(time.DateOnly)
	}
	data := map[string]any{
		"Refusal":  Refusal(in.Lang),
		"Question": Data(in.Question),
		"Passages": ps,
		"History":  history(in.History),
		"Roman":    in.RomanUrdu,
		"Today":    reference,
	}
	return render("answer", in.Lang, data)
}

// Translate renders the prompt that translates a question into toLang ("ur" or
// "en") for searching news written in that language.
func Translate(text, toLang string) (system, user string, err error) {
	if err := checkLang(toLang); err != nil {
		return "", "", fmt.Errorf("translate prompt: %w", err)
	}
	if strings.TrimSpace(text) == "" {
		return "", "", fmt.Errorf("translate prompt: the text is empty")
	}
	return render("translate", toLang, map[string]any{"Text": Data(text)})
}

// Condense renders the prompt that rewrites a follow-up question as a
// standalone one. lang is the language of the follow-up, which is also the
// language of the prompt and of the rewritten question.
func Condense(hist []Turn, question, lang string) (system, user string, err error) {
	if err := checkLang(lang); err != nil {
		return "", "", fmt.Errorf("condense prompt: %w", err)
	}
	if strings.TrimSpace(question) == "" {
		return "", "", fmt.Errorf("condense prompt: the question is empty")
	}
	return render("condense", lang, map[string]any{"Question": Data(question), "History": history(hist)})
}

func checkLang(lang string) error {
	if lang != "ur" && lang != "en" {
		return fmt.Errorf("language %q is not supported; use ur or en", lang)
	}
	return nil
}

// render executes name_system.<lang>.tmpl and name_user.<lang>.tmpl.
func render(name, lang string, data any) (system, user string, err error) {
	exec := func(part string) (string, error) {
		var b strings.Builder
		if err := templates.ExecuteTemplate(&b, name+"_"+part+"."+lang+".tmpl", data); err != nil {
			return "", fmt.Errorf("%s prompt: %w", name, err)
		}
		return strings.TrimSpace(b.String()) + "\n", nil
	}
	if system, err = exec("system"); err != nil {
		return "", "", err
	}
	if user, err = exec("user"); err != nil {
		return "", "", err
	}
	return system, user, nil
}

// history keeps the last MaxHistoryTurns turns, shortens their answers, and
// removes the answers' [n] markers: those numbers pointed at the passages of an
// earlier question, and a model shown them would cite them again.
func history(turns []Turn) []Turn {
	if len(turns) > MaxHistoryTurns {
		turns = turns[len(turns)-MaxHistoryTurns:]
	}
	out := make([]Turn, 0, len(turns))
	for _, t := range turns {
		a := historyMarker.ReplaceAllString(t.Answer, "")
		a = strings.Join(strings.Fields(a), " ")
		if utf8.RuneCountInString(a) > MaxHistoryAnswerRunes {
			a = string([]rune(a)[:MaxHistoryAnswerRunes]) + "…"
		}
		out = append(out, Turn{Question: Data(t.Question), Answer: Data(a)})
	}
	return out
}

// lessThan replaces every "<" (and the full-width and small forms that Unicode
// normalisation folds into "<") with "&lt;". With no "<" left, outside text
// cannot open or close any of the prompt's blocks (<passage>, <question>, …),
// nor write a chat template's special tokens (<|im_start|>, <|eot_id|>). Only
// "<" is escaped: it is rare in news, and the model reads "&lt;" as "<".
var lessThan = strings.NewReplacer("<", "&lt;", "\uFF1C", "&lt;", "\uFE64", "&lt;")

// citeMarker matches what looks like one of the prompt's citation markers:
// a number in square brackets, in ASCII, Arabic-Indic or Urdu digits.
var citeMarker = regexp.MustCompile(`\[\s*([0-9\x{0660}-\x{0669}\x{06F0}-\x{06F9}]{1,4})\s*\]`)

// historyMarker is a citation marker with the space before it.
var historyMarker = regexp.MustCompile(`\s*` + citeMarker.String())

// Data neutralises outside text for a prompt's data blocks: it escapes "<" (see
// lessThan) and rewrites citation-like markers "[7]" as "(7)", so that a
// reference number in a scraped article, or one planted in it, is not taken
// for the prompt's own [n] and copied into the answer as a citation.
func Data(s string) string {
	s = strings.TrimSpace(s)
	return Unmarked(lessThan.Replace(s))
}

// Unmarked rewrites citation-like markers "[7]" as "(7)": a quoted sentence
// keeps its article's reference numbers, or those planted in it, without
// their reading as the answer's own citations.
func Unmarked(s string) string {
	return citeMarker.ReplaceAllString(s, "($1)")
}

// Attr neutralises outside text for a double-quoted attribute (a passage's
// title): Data, on one line, with `"` escaped so the attribute cannot end early.
func Attr(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.ReplaceAll(Data(s), `"`, "&quot;")
}
