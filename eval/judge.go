package eval

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"text/template"
	"unicode"

	"github.com/jawab/jawab/rag"
	"github.com/jawab/jawab/text"
)

// Completer is a chat model the judge asks: a system and a user message in,
// the reply's text out.
type Completer interface {
	Complete(ctx context.Context, system, user string) (string, error)
	Name() string
}

// JudgeSummary is the LLM judge's verdict over a run. It is a model's opinion,
// kept apart from the deterministic metrics and never gated.
type JudgeSummary struct {
	Model string `json:"model"`
	// Judged counts the answers judged: every answer that is not a refusal
	// and did not fail.
	Judged int `json:"judged"`
	// Faithfulness is the mean over judged answers of the share of their
	// sentences that the passages they cite support.
	Faithfulness float64 `json:"faithfulness"`
	// Correctness is the mean over judged answers to answerable questions of
	// the grade against the reference answer (correct 1, partial 0.5,
	// incorrect 0).
	Correctness float64 `json:"correctness"`
	// Errors counts the answers the judge could not grade (a failed request
	// or an unreadable reply); they are left out of the means.
	Errors int `json:"errors"`
}

// JudgeResult is the LLM judge's verdict on one answer.
type JudgeResult struct {
	Faithfulness float64          `json:"faithfulness"`
	Sentences    []JudgedSentence `json:"sentences"`
	// Correctness is null for an unanswerable question.
	Correctness *float64 `json:"correctness"`
	Grade       string   `json:"grade,omitempty"`
	Notes       string   `json:"notes,omitempty"`
	Error       string   `json:"error,omitempty"`
}

// JudgedSentence is one sentence of an answer with the passages it was judged
// against.
type JudgedSentence struct {
	Text      string `json:"text"`
	Cites     []int  `json:"cites"`
	Supported bool   `json:"supported"`
}

//go:embed judge/*.tmpl
var judgeFS embed.FS

var judgeTmpl = template.Must(template.New("judge").ParseFS(judgeFS, "judge/*.tmpl"))

// judgePassage is a passage as the faithfulness prompt shows it.
type judgePassage struct {
	N           int
	Title, Text string
}

// judgeSentence is a sentence as the faithfulness prompt shows it.
type judgeSentence struct {
	N     int
	Cites string // "1, 3" or "" for none
	Text  string
}

// RunJudge has the model grade every answered question of r: faithfulness
// (each sentence against the passages it cites) and correctness against the
// reference answer, with prompts in the question's language (judge/*.tmpl).
// It sets r.Judge and each Result's Judge. A question the judge cannot grade
// gets an error in its JudgeResult; RunJudge fails only when ctx ends.
func RunJudge(ctx context.Context, r *Report, model Completer, concurrency int, progress func(done, total int, res *Result)) error {
	conc := max(1, min(concurrency, len(r.Questions)))
	forEach(ctx, len(r.Questions), conc, func(i int) *Result {
		q := &r.Questions[i]
		if q.Error == "" && !q.Refused {
			q.Judge = judge(ctx, q, model)
		}
		return q
	}, progress)
	if err := ctx.Err(); err != nil {
		return err
	}
	s := &JudgeSummary{Model: model.Name()}
	var faith, correct float64
	var graded int
	for _, q := range r.Questions {
		switch {
		case q.Judge == nil:
		case q.Judge.Error != "":
			s.Errors++
		default:
			s.Judged++
			faith += q.Judge.Faithfulness
			if q.Judge.Correctness != nil {
				graded++
				correct += *q.Judge.Correctness
			}
		}
	}
	s.Faithfulness = share(faith, s.Judged)
	s.Correctness = share(correct, graded)
	r.Judge = s
	return nil
}

// judge grades one answer.
func judge(ctx context.Context, q *Result, model Completer) *JudgeResult {
	lang := q.Lang
	res := &JudgeResult{Sentences: []JudgedSentence{}}
	fail := func(err error) *JudgeResult {
		res.Error = err.Error()
		return res
	}

	// Faithfulness.
	res.Sentences = citedSentences(q.Answer)
	var passages []judgePassage
	for _, p := range q.Passages {
		if p.Used {
			passages = append(passages, judgePassage{N: p.Rank, Title: p.Title, Text: p.Text})
		}
	}
	if len(res.Sentences) > 0 {
		var sents []judgeSentence
		for i, s := range res.Sentences {
			var cites []string
			for _, n := range s.Cites {
				cites = append(cites, strconv.Itoa(n))
			}
			sents = append(sents, judgeSentence{N: i + 1, Cites: strings.Join(cites, ", "), Text: s.Text})
		}
		system, user, err := renderJudge("faithfulness", lang, map[string]any{"Passages": passages, "Sentences": sents})
		if err != nil {
			return fail(err)
		}
		reply, err := model.Complete(ctx, system, user)
		if err != nil {
			return fail(fmt.Errorf("faithfulness: %w", err))
		}
		verdicts := parseSupport(reply)
		supported := 0
		for i := range res.Sentences {
			v, ok := verdicts[i+1]
			if !ok {
				return fail(fmt.Errorf("faithfulness: the judge gave no verdict for sentence %d: %q", i+1, text.Shorten(reply, 200)))
			}
			// A sentence that cites nothing is unsupported whatever the judge says.
			res.Sentences[i].Supported = v && len(res.Sentences[i].Cites) > 0
			if res.Sentences[i].Supported {
				supported++
			}
		}
		res.Faithfulness = float64(supported) / float64(len(res.Sentences))
	}

	// Correctness.
	if q.Answerable {
		system, user, err := renderJudge("correctness", lang, map[string]any{
			"Question": q.Question, "Reference": q.Reference, "Answer": strings.TrimSpace(StripMarkers(q.Answer)),
		})
		if err != nil {
			return fail(err)
		}
		reply, err := model.Complete(ctx, system, user)
		if err != nil {
			return fail(fmt.Errorf("correctness: %w", err))
		}
		grade, score, ok := parseGrade(reply)
		if !ok {
			return fail(fmt.Errorf("correctness: no grade in the judge's reply %q", text.Shorten(reply, 200)))
		}
		res.Grade, res.Correctness = grade, &score
		if _, after, found := strings.Cut(strings.TrimSpace(reply), "\n"); found {
			res.Notes = strings.TrimSpace(after)
		}
	}
	return res
}

// renderJudge renders a judge prompt, in the question's language.
func renderJudge(name, lang string, data map[string]any) (system, user string, err error) {
	if lang != "ur" {
		lang = "en"
	}
	var s, u bytes.Buffer
	if err := judgeTmpl.ExecuteTemplate(&s, name+"_system."+lang+".tmpl", data); err != nil {
		return "", "", fmt.Errorf("render the judge prompt: %w", err)
	}
	if err := judgeTmpl.ExecuteTemplate(&u, name+"_user."+lang+".tmpl", data); err != nil {
		return "", "", fmt.Errorf("render the judge prompt: %w", err)
	}
	return strings.TrimSpace(s.String()), strings.TrimSpace(u.String()), nil
}

// citedSentences splits an answer into sentences with the passages each
// cites. A marker standing alone after a sentence end ("…تھا۔ [1]") belongs to
// the sentence before it. A sentence without a marker takes those of the next
// cited sentence of its paragraph (answers often cite once at a paragraph's
// end); with none, it cites nothing.
func citedSentences(answer string) []JudgedSentence {
	var out []JudgedSentence
	var para []int // indexes in out of the current paragraph's sentences
	runes := []rune(answer)
	prevEnd := 0
	for _, sp := range text.Sentences(answer) {
		if strings.Contains(string(runes[prevEnd:sp.Start]), "\n\n") {
			para = nil
		}
		prevEnd = sp.End
		s := string(runes[sp.Start:sp.End])
		var cites []int
		for _, m := range rag.ParseMarkers(s) {
			cites = append(cites, m.Ns...)
		}
		plain := strings.TrimSpace(StripMarkers(s))
		if !strings.ContainsFunc(plain, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
			if len(out) > 0 && len(cites) > 0 {
				last := &out[len(out)-1]
				last.Cites = appendNew(last.Cites, cites...)
				for _, i := range para {
					if len(out[i].Cites) == 0 {
						out[i].Cites = appendNew(out[i].Cites, cites...)
					}
				}
				para = nil
			}
			continue
		}
		out = append(out, JudgedSentence{Text: strings.Join(strings.Fields(plain), " "), Cites: cites})
		if len(cites) == 0 {
			para = append(para, len(out)-1)
			continue
		}
		for _, i := range para {
			out[i].Cites = appendNew(out[i].Cites, cites...)
		}
		para = nil
	}
	for i := range out {
		if out[i].Cites == nil {
			out[i].Cites = []int{}
		}
	}
	return out
}

func appendNew(xs []int, ys ...int) []int {
	for _, y := range ys {
		found := false
		for _, x := range xs {
			found = found || x == y
		}
		if !found {
			xs = append(xs, y)
		}
	}
	return xs
}

// supportLine reads "S3: SUPPORTED" (and "S3 - unsupported", "**S3**: …").
var supportLine = regexp.MustCompile(`(?im)^[\s*#>-]*S\s*(\p{Nd}+)\**\s*[:：.)\-–—]?\s*\**\s*(UNSUPPORTED|SUPPORTED)\b`)

// parseSupport returns the verdicts of a faithfulness reply by sentence number.
func parseSupport(reply string) map[int]bool {
	out := map[int]bool{}
	for _, m := range supportLine.FindAllStringSubmatch(reply, -1) {
		n, err := strconv.Atoi(text.Normalize(m[1]))
		if err != nil {
			continue
		}
		if _, seen := out[n]; !seen {
			out[n] = strings.EqualFold(m[2], "SUPPORTED")
		}
	}
	return out
}

var gradeWord = regexp.MustCompile(`(?i)\b(INCORRECT|PARTIAL|CORRECT)\b`)

// parseGrade reads the first grade word of a correctness reply.
func parseGrade(reply string) (grade string, score float64, ok bool) {
	m := gradeWord.FindString(reply)
	switch strings.ToUpper(m) {
	case "CORRECT":
		return "correct", 1, true
	case "PARTIAL":
		return "partial", 0.5, true
	case "INCORRECT":
		return "incorrect", 0, true
	}
	return "", 0, false
}

func (j *JudgeSummary) writeTable(w io.Writer) {
	fmt.Fprintf(w, "LLM judge (%s; an opinion, not gated): %d answers judged, faithfulness %.3f, correctness %.3f", j.Model, j.Judged, j.Faithfulness, j.Correctness)
	if j.Errors > 0 {
		fmt.Fprintf(w, ", %d not graded (errors)", j.Errors)
	}
	fmt.Fprintln(w)
}
