// Package eval is the evaluation harness behind "jawab eval": it reads
// question sets (ReadQuestions), asks every question through the answering
// pipeline and scores the answers (Run), writes the report as JSON, a table or
// one self-contained HTML page, compares a run with a baseline (Compare), and
// optionally has an LLM judge the answers (RunJudge). The file format and the
// metrics are specified in shared/eval/FORMAT.md: JSON Lines, one question
// per line; the edge cases the format leaves open are decided in [Metrics].
//
// It depends only on rag and text: the command wires it to the index.
package eval

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// Question is one line of a question file.
type Question struct {
	ID         string `json:"id"`
	Question   string `json:"question"`
	Lang       string `json:"lang"`
	Answerable bool   `json:"answerable"`
	// DocIDs are the articles that support the answer.
	DocIDs []string `json:"doc_ids"`
	// Evidence holds exact spans of those articles; a retrieved passage is a
	// hit when, after normalisation, it contains any of them.
	Evidence []string `json:"evidence"`
	// Answer is a reference answer in Lang.
	Answer string `json:"answer"`
	// MustInclude lists the facts an answer must state; each inner list
	// holds acceptable variants of one fact.
	MustInclude [][]string `json:"must_include"`

	// The time fields (optional). AsOf is the day the question is asked,
	// "YYYY-MM-DD": articles published after it are not visible, and it is
	// the reference date for "latest" and "last month"; empty means today.
	AsOf string `json:"as_of,omitempty"`
	// TimeKind breaks the metrics down (absolute, relative, latest,
	// conflict, or anything else).
	TimeKind string `json:"time_kind,omitempty"`
	// StaleDocIDs are articles holding an older, superseded answer.
	StaleDocIDs []string `json:"stale_doc_ids,omitempty"`
}

// Day is AsOf as a date (UTC midnight); zero when AsOf is empty.
func (q Question) Day() time.Time {
	d, _ := time.Parse(time.DateOnly, q.AsOf)
	return d
}

// LineError reports a problem with one line of a question file. Its message
// starts with "FILE:LINE: ".
type LineError struct {
	File string
	Line int
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err) }

func (e *LineError) Unwrap() error { return e.Err }

// rawQuestion is what a line decodes into: Answerable is a pointer so that a
// missing field is told apart from false (which would silently turn a
// question into an unanswerable one).
type rawQuestion struct {
	ID          string     `json:"id"`
	Question    string     `json:"question"`
	Lang        string     `json:"lang"`
	Answerable  *bool      `json:"answerable"`
	DocIDs      []string   `json:"doc_ids"`
	Evidence    []string   `json:"evidence"`
	Answer      string     `json:"answer"`
	MustInclude [][]string `json:"must_include"`
	AsOf        *string    `json:"as_of"`
	TimeKind    *string    `json:"time_kind"`
	StaleDocIDs []string   `json:"stale_doc_ids"`
}

// ReadQuestions reads a question file in FORMAT.md's format and validates
// it. Each non-blank line must be one JSON object with only the known fields
// (the time fields as_of, time_kind and stale_doc_ids among them: optional,
// null allowed, as_of a valid YYYY-MM-DD day);
// id must be non-empty and unique; question non-empty; lang "ur" or "en";
// answerable present, and an answerable question needs at least one doc_id
// and one evidence span. Lists may be empty or null otherwise, but no doc_id,
// evidence span or must_include variant may be empty, and no must_include
// item may be an empty list: an empty span would match every passage and an
// empty item could never be met. The whole line must be valid UTF-8 (the
// JSON decoder would otherwise replace bad bytes silently). A UTF-8 byte
// order mark and CRLF line endings are accepted.
//
// name is used in error messages, which have the form "NAME:LINE: problem"
// (a [*LineError]). A file without questions is an error.
func ReadQuestions(r io.Reader, name string) ([]Question, error) {
	br := bufio.NewReader(r)
	var qs []Question
	seen := make(map[string]int) // id → line
	for lineNo := 1; ; lineNo++ {
		line, readErr := br.ReadBytes('\n')
		if readErr != nil && readErr != io.EOF {
			return nil, fmt.Errorf("%s:%d: read: %w", name, lineNo, readErr)
		}
		if lineNo == 1 {
			line = bytes.TrimPrefix(line, []byte("\uFEFF"))
		}
		if len(bytes.TrimSpace(line)) > 0 {
			q, err := parseLine(line)
			if err != nil {
				return nil, &LineError{File: name, Line: lineNo, Err: err}
			}
			if first, dup := seen[q.ID]; dup {
				return nil, &LineError{File: name, Line: lineNo, Err: fmt.Errorf("duplicate id %q (first on line %d)", q.ID, first)}
			}
			seen[q.ID] = lineNo
			qs = append(qs, q)
		}
		if readErr == io.EOF {
			break
		}
	}
	if len(qs) == 0 {
		return nil, fmt.Errorf("%s: no questions", name)
	}
	return qs, nil
}

// parseLine decodes and validates one non-blank line.
func parseLine(line []byte) (Question, error) {
	if !utf8.Valid(line) {
		return Question{}, errors.New("invalid UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields()
	var raw rawQuestion
	if err := dec.Decode(&raw); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			if te.Field == "" {
				return Question{}, fmt.Errorf("invalid JSON object: got a JSON %s, want an object", te.Value)
			}
			return Question{}, fmt.Errorf("invalid JSON object: field %q is a JSON %s, want %s", te.Field, te.Value, te.Type)
		}
		return Question{}, fmt.Errorf("invalid JSON object: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return Question{}, errors.New("invalid JSON object: unexpected data after the object")
	}
	q := Question{
		ID:          raw.ID,
		Question:    raw.Question,
		Lang:        raw.Lang,
		DocIDs:      raw.DocIDs,
		Evidence:    raw.Evidence,
		Answer:      raw.Answer,
		MustInclude: raw.MustInclude,
		StaleDocIDs: raw.StaleDocIDs,
	}
	if raw.AsOf != nil {
		q.AsOf = *raw.AsOf
	}
	if raw.TimeKind != nil {
		q.TimeKind = *raw.TimeKind
	}
	if strings.TrimSpace(q.ID) == "" {
		return q, errors.New(`missing or empty "id"`)
	}
	if strings.TrimSpace(q.Question) == "" {
		return q, fmt.Errorf(`question %q: missing or empty "question"`, q.ID)
	}
	if q.Lang != "ur" && q.Lang != "en" {
		return q, fmt.Errorf(`question %q: "lang" is %q, want "ur" or "en"`, q.ID, q.Lang)
	}
	if raw.Answerable == nil {
		return q, fmt.Errorf(`question %q: missing "answerable"`, q.ID)
	}
	q.Answerable = *raw.Answerable
	if q.Answerable && len(q.DocIDs) == 0 {
		return q, fmt.Errorf(`question %q: answerable but "doc_ids" is empty`, q.ID)
	}
	if q.Answerable && len(q.Evidence) == 0 {
		return q, fmt.Errorf(`question %q: answerable but "evidence" is empty`, q.ID)
	}
	for i, id := range q.DocIDs {
		if strings.TrimSpace(id) == "" {
			return q, fmt.Errorf(`question %q: "doc_ids"[%d] is empty`, q.ID, i)
		}
	}
	for i, ev := range q.Evidence {
		if strings.TrimSpace(ev) == "" {
			return q, fmt.Errorf(`question %q: "evidence"[%d] is empty`, q.ID, i)
		}
	}
	if q.AsOf != "" {
		if _, err := time.Parse(time.DateOnly, q.AsOf); err != nil {
			return q, fmt.Errorf(`question %q: "as_of" is %q, want a day as YYYY-MM-DD (or null)`, q.ID, q.AsOf)
		}
	}
	for i, id := range q.StaleDocIDs {
		if strings.TrimSpace(id) == "" {
			return q, fmt.Errorf(`question %q: "stale_doc_ids"[%d] is empty`, q.ID, i)
		}
	}
	for i, item := range q.MustInclude {
		if len(item) == 0 {
			return q, fmt.Errorf(`question %q: "must_include"[%d] has no variants`, q.ID, i)
		}
		for j, v := range item {
			if strings.TrimSpace(v) == "" {
				return q, fmt.Errorf(`question %q: "must_include"[%d][%d] is empty`, q.ID, i, j)
			}
		}
	}
	return q, nil
}

// WriteQuestions writes questions in the question-file format, one JSON
// object per line with every field present (empty lists as [], never null),
// so that a person can fill in what is missing. It does not validate: drafts
// that ReadQuestions would refuse (an answerable question without evidence,
// say) are written as they are.
func WriteQuestions(w io.Writer, qs []Question) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, q := range qs {
		q.DocIDs = orEmpty(q.DocIDs)
		q.Evidence = orEmpty(q.Evidence)
		q.MustInclude = orEmpty(q.MustInclude)
		if err := enc.Encode(q); err != nil {
			return fmt.Errorf("write question %q: %w", q.ID, err)
		}
	}
	return nil
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
