// Package uqa reads the UQA train split (shared/data/uqa-train: Urdu SQuAD 2.0
// paragraphs and questions) and splits it by article into the parts jawab
// trains, tunes and tests on. Splitting by article, never by question, keeps
// every paragraph and every question of one Wikipedia article in one part, so
// that a model is never tuned or tested on the article it was trained on.
package uqa

import (
	"bufio"
	"cmp"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/jawab/jawab/eval"
)

// Part names one of the three disjoint parts of the split.
type Part string

const (
	Train Part = "train" // learned models are fitted on it
	Tune  Part = "tune"  // methods, weights and thresholds are chosen on it
	Test  Part = "test"  // numbers are reported on it, and nothing is chosen on it
)

// PartOf assigns an article (the DDD of uqa_DDD_PPP or gDDD-…) to a part by a
// hash of its number: about 10 % each for tuning and testing, the rest for
// training. The hash, not the number, so that the parts do not follow
// SQuAD's article order (which groups topics).
func PartOf(article string) Part {
	h := fnv.New32a()
	h.Write([]byte("uqa-split-v1:" + article))
	switch h.Sum32() % 10 {
	case 0:
		return Tune
	case 1:
		return Test
	}
	return Train
}

// Paragraph is one line of paragraphs.jsonl.
type Paragraph struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Text  string `json:"text"`
}

// Article is the article number of a paragraph id (uqa_DDD_PPP).
func (p Paragraph) Article() string {
	parts := strings.Split(p.ID, "_")
	if len(parts) != 3 {
		return ""
	}
	return parts[1]
}

// QuestionArticle is the article number of a question id (gDDD-pPPP-…).
func QuestionArticle(id string) string {
	if len(id) < 4 || id[0] != 'g' {
		return ""
	}
	art, _, _ := strings.Cut(id[1:], "-")
	return art
}

// Data is the whole train split.
type Data struct {
	Paragraphs []Paragraph
	Questions  []eval.Question
}

// Read reads paragraphs.jsonl and questions.jsonl from dir.
func Read(dir string) (*Data, error) {
	var d Data
	var err error
	if d.Paragraphs, err = ReadParagraphs(dir); err != nil {
		return nil, err
	}
	qf, err := os.Open(filepath.Join(dir, "questions.jsonl"))
	if err != nil {
		return nil, err
	}
	defer qf.Close()
	if d.Questions, err = eval.ReadQuestions(qf, qf.Name()); err != nil {
		return nil, err
	}
	for _, q := range d.Questions {
		if QuestionArticle(q.ID) == "" {
			return nil, fmt.Errorf("%s: question id %q is not gDDD-pPPP-…", qf.Name(), q.ID)
		}
	}
	return &d, nil
}

// ReadParagraphs reads paragraphs.jsonl from dir.
func ReadParagraphs(dir string) ([]Paragraph, error) {
	f, err := os.Open(filepath.Join(dir, "paragraphs.jsonl"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []Paragraph
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for line := 1; sc.Scan(); line++ {
		var p Paragraph
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", f.Name(), line, err)
		}
		if p.Article() == "" {
			return nil, fmt.Errorf("%s:%d: paragraph id %q is not uqa_DDD_PPP", f.Name(), line, p.ID)
		}
		out = append(out, p)
	}
	return out, sc.Err()
}

// Part returns the paragraphs and questions of one part.
func (d *Data) Part(p Part) *Data {
	var out Data
	for _, para := range d.Paragraphs {
		if PartOf(para.Article()) == p {
			out.Paragraphs = append(out.Paragraphs, para)
		}
	}
	for _, q := range d.Questions {
		if PartOf(QuestionArticle(q.ID)) == p {
			out.Questions = append(out.Questions, q)
		}
	}
	return &out
}

// Articles keeps the paragraphs and questions of the first n articles, in the
// order of their numbers (all when n <= 0).
func (d *Data) Articles(n int) *Data {
	if n <= 0 {
		return d
	}
	var arts []string
	seen := map[string]bool{}
	for _, p := range d.Paragraphs {
		if a := p.Article(); !seen[a] {
			seen[a] = true
			arts = append(arts, a)
		}
	}
	slices.Sort(arts)
	keep := map[string]bool{}
	for _, a := range arts[:min(n, len(arts))] {
		keep[a] = true
	}
	var out Data
	for _, p := range d.Paragraphs {
		if keep[p.Article()] {
			out.Paragraphs = append(out.Paragraphs, p)
		}
	}
	for _, q := range d.Questions {
		if keep[QuestionArticle(q.ID)] {
			out.Questions = append(out.Questions, q)
		}
	}
	return &out
}

// ParagraphOf is the paragraph id a question was written against (uqa_DDD_PPP).
func ParagraphOf(questionID string) string {
	parts := strings.SplitN(questionID, "-", 3)
	if len(parts) < 2 || len(parts[0]) < 2 || len(parts[1]) < 2 {
		return ""
	}
	return "uqa_" + parts[0][1:] + "_" + parts[1][1:]
}

// Sample picks up to n questions deterministically (by a hash of the id, so
// that the choice does not depend on file order) among those that keep returns
// true for.
func Sample(qs []eval.Question, n int, salt string, keep func(eval.Question) bool) []eval.Question {
	type scored struct {
		h uint64
		q eval.Question
	}
	var all []scored
	for _, q := range qs {
		if keep != nil && !keep(q) {
			continue
		}
		h := fnv.New64a()
		h.Write([]byte(salt + q.ID))
		all = append(all, scored{h.Sum64(), q})
	}
	slices.SortFunc(all, func(a, b scored) int { return cmp.Compare(a.h, b.h) })
	var out []eval.Question
	for _, s := range all[:min(n, len(all))] {
		out = append(out, s.q)
	}
	return out
}

// WriteParagraphs writes paragraphs as jawab's jsonl article format.
func WriteParagraphs(w io.Writer, ps []Paragraph) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, p := range ps {
		if err := enc.Encode(p); err != nil {
			return err
		}
	}
	return nil
}
