package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/jawab/jawab/rag"
)

// readJSON decodes the body (at most Config.MaxBody bytes of valid UTF-8
// JSON) into v. Strict decoding refuses unknown fields, so that a misspelt
// "filters" is an error rather than a search of everything.
func (s *server) readJSON(c *gin.Context, v any, strict bool) error {
	if err := limitBody(c, s.cfg.MaxBody); err != nil {
		return err
	}
	body, err := io.ReadAll(c.Request.Body)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return err
		}
		if c.Request.Context().Err() != nil {
			return c.Request.Context().Err()
		}
		return errorf(http.StatusBadRequest, "invalid_body", "could not read the request body")
	}
	return decodeJSON(body, v, strict)
}

func decodeJSON(body []byte, v any, strict bool) error {
	if len(bytes.TrimSpace(body)) == 0 {
		return errorf(http.StatusBadRequest, "invalid_json", "the request body is empty; send a JSON object")
	}
	if !utf8.Valid(body) {
		// encoding/json would quietly turn the bad bytes into U+FFFD.
		return errorf(http.StatusBadRequest, "invalid_utf8", "the request body is not valid UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	if strict {
		dec.DisallowUnknownFields()
	}
	if err := dec.Decode(v); err != nil {
		return errorf(http.StatusBadRequest, "invalid_json", "the request body is not valid JSON for this route: %s", jsonProblem(err))
	}
	if _, err := dec.Token(); err != io.EOF {
		return errorf(http.StatusBadRequest, "invalid_json", "the request body has more than one JSON value")
	}
	return nil
}

// jsonProblem describes a decoding error without Go's type names.
func jsonProblem(err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Sprintf("%s (at byte %d)", syn.Error(), syn.Offset)
	case errors.As(err, &typ):
		if typ.Field != "" {
			return fmt.Sprintf("field %q must be %s, not %s", typ.Field, jsonKind(typ.Type.Kind().String()), typ.Value)
		}
		return fmt.Sprintf("want %s, not %s", jsonKind(typ.Type.Kind().String()), typ.Value)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "it ends too early"
	}
	return strings.TrimPrefix(err.Error(), "json: ")
}

func jsonKind(k string) string {
	switch k {
	case "struct", "map":
		return "an object"
	case "slice", "array":
		return "an array"
	case "string":
		return "a string"
	case "bool":
		return "true or false"
	}
	return "a number"
}

// filterRequest is rag.Filter as JSON callers write it: dates as YYYY-MM-DD
// or RFC 3339.
type filterRequest struct {
	DocIDs  []string `json:"doc_ids,omitempty"`
	Sources []string `json:"sources,omitempty"`
	Lang    string   `json:"lang,omitempty"`
	From    string   `json:"from,omitempty"`
	To      string   `json:"to,omitempty"`
}

func (f *filterRequest) filter() (rag.Filter, error) {
	if f == nil {
		return rag.Filter{}, nil
	}
	out := rag.Filter{DocIDs: f.DocIDs, Sources: f.Sources, Lang: f.Lang}
	switch f.Lang {
	case "", "ur", "en":
	default:
		return out, rag.Errorf(rag.Invalid, "filters.lang %q is not supported; use ur or en", f.Lang)
	}
	var err error
	if out.From, err = parseDate(f.From, false); err != nil {
		return out, rag.Errorf(rag.Invalid, "filters.from: %v", err)
	}
	if out.To, err = parseDate(f.To, true); err != nil {
		return out, rag.Errorf(rag.Invalid, "filters.to: %v", err)
	}
	if !out.From.IsZero() && !out.To.IsZero() && out.To.Before(out.From) {
		return out, rag.Errorf(rag.Invalid, "filters.to is before filters.from")
	}
	return out, nil
}

// parseDate reads YYYY-MM-DD (the whole day: its start, or with endOfDay its
// last instant) or an RFC 3339 time.
func parseDate(s string, endOfDay bool) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if d, err := time.Parse(time.DateOnly, s); err == nil {
		if endOfDay {
			d = d.Add(24*time.Hour - time.Nanosecond)
		}
		return d, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a date like 2023-01-30 or 2023-01-30T12:00:00Z", s)
	}
	return t, nil
}

// parseAsOf reads a request's as_of: a day, YYYY-MM-DD.
func parseAsOf(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, rag.Errorf(rag.Invalid, "as_of: %q is not a day; use YYYY-MM-DD, like 2021-03-05", s)
	}
	return d, nil
}

// maxK bounds the passages a request may ask for.
const maxK = 50

// maxHistory is how many earlier turns are kept (the most recent).
const maxHistory = 10

// checkQuestion validates a question or query before any work is done.
// Over-long ones are 400 (question_too_long), not 413: the body was within
// its limit, the question is just not a question.
func checkQuestion(field, q string) error {
	q = strings.TrimSpace(q)
	if q == "" {
		return rag.Errorf(rag.Invalid, "%s is empty", field)
	}
	if n := utf8.RuneCountInString(q); n > rag.MaxQuestionRunes {
		return errorf(http.StatusBadRequest, "question_too_long", "%s is %d characters long; at most %d are allowed", field, n, rag.MaxQuestionRunes)
	}
	if strings.ContainsRune(q, 0) {
		return rag.Errorf(rag.Invalid, "%s contains a NUL character", field)
	}
	return nil
}

// checkHistory holds the earlier questions of a conversation to the rules
// of a question (they are condensed with the new one, and searched); the
// earlier answers are shortened where they are used.
func checkHistory(h []rag.Turn) error {
	for i, t := range h {
		if n := utf8.RuneCountInString(t.Question); n > rag.MaxQuestionRunes {
			return errorf(http.StatusBadRequest, "question_too_long", "earlier question %d is %d characters long; at most %d are allowed", i+1, n, rag.MaxQuestionRunes)
		}
		if strings.ContainsRune(t.Question, 0) || strings.ContainsRune(t.Answer, 0) {
			return rag.Errorf(rag.Invalid, "earlier turn %d contains a NUL character", i+1)
		}
	}
	return nil
}

func checkK(k int) error {
	if k < 0 || k > maxK {
		return rag.Errorf(rag.Invalid, "k must be between 1 and %d", maxK)
	}
	return nil
}

func checkLang(lang string) error {
	switch lang {
	case "", "ur", "en":
		return nil
	}
	return rag.Errorf(rag.Invalid, "lang %q is not supported; use ur or en", lang)
}

func trimHistory(h []rag.Turn) []rag.Turn {
	if len(h) > maxHistory {
		h = h[len(h)-maxHistory:]
	}
	return h
}
