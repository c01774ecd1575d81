package rag

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jawab/jawab/text"
)

// Citation ties an [n] marker in an answer to the exact span of a source it quotes.
type Citation struct {
	N       int    `json:"n"`
	DocID   string `json:"doc_id"`
	Title   string `json:"title"`
	URL     string `json:"url,omitempty"`
	ChunkID string `json:"chunk_id"`
	// Quote is the original (never normalised) text of the cited span, and Start
	// and End its rune offsets into the document's text.
	Quote     string `json:"quote"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Supported bool   `json:"supported"`
}

// Answer is what a question gets, from the CLI, the API and the eval harness alike.
type Answer struct {
	ID        string             `json:"id"`
	Question  string             `json:"question"`
	Answer    string             `json:"answer"`
	Lang      string             `json:"lang"`
	Refused   bool               `json:"refused"`
	Citations []Citation         `json:"citations"`
	Passages  []Passage          `json:"passages"`
	Generator string             `json:"generator"`
	Timings   map[string]float64 `json:"timings"` // milliseconds per stage
	Warnings  []string           `json:"warnings,omitempty"`
}

// Question is a request for an answer.
type Question struct {
	Text   string
	Lang   string // "ur" or "en"; empty means the question's own language
	K      int    // passages to retrieve (default 5)
	Filter Filter
}

// MaxQuestionRunes bounds questions: longer ones are not questions.
const MaxQuestionRunes = 2000

// Answerer answers questions from retrieved passages.
type Answerer struct {
	Retriever *Retriever
	// MinCoverage is the share of the question's content words that the best
	// sentence must contain for the extractive generator to answer rather than
	// refuse (default 0.34).
	MinCoverage float64
}

// NoLLMWarning labels answers written without a language model.
const NoLLMWarning = "no LLM configured: the answer quotes the most relevant sentences of the sources (set OPENAI_BASE_URL and JAWAB_CHAT_MODEL for generated answers)"

// Ask answers q.
func (a *Answerer) Ask(ctx context.Context, q Question) (*Answer, error) {
	start := time.Now()
	question := strings.TrimSpace(q.Text)
	switch {
	case !utf8.ValidString(question):
		return nil, Errorf(Invalid, "the question is not valid UTF-8")
	case question == "":
		return nil, Errorf(Invalid, "the question is empty")
	case utf8.RuneCountInString(question) > MaxQuestionRunes:
		return nil, Errorf(Invalid, "the question is %d characters long; at most %d allowed", utf8.RuneCountInString(question), MaxQuestionRunes)
	}
	lang := q.Lang
	switch lang {
	case "":
		if lang = text.DetectLang(question); lang == "" {
			lang = "en"
		}
	case "ur", "en":
	default:
		return nil, Errorf(Invalid, "lang %q is not supported; use ur or en", lang)
	}
	k := q.K
	if k <= 0 {
		k = 5
	}
	ans := &Answer{ID: newID(), Question: question, Lang: lang, Generator: "extractive", Timings: map[string]float64{},
		Citations: []Citation{}, Passages: []Passage{}}
	passages, err := a.Retriever.Retrieve(ctx, question, k, q.Filter)
	if err != nil {
		return nil, err
	}
	ans.Timings["retrieve"] = ms(time.Since(start))
	if passages != nil {
		ans.Passages = passages
	}
	genStart := time.Now()
	a.extract(ans, question)
	ans.Warnings = append(ans.Warnings, NoLLMWarning)
	ans.Timings["generate"] = ms(time.Since(genStart))
	ans.Timings["total"] = ms(time.Since(start))
	return ans, nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func newID() string {
	b := make([]byte, 12)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// Refusal returns the sentence jawab says when the sources do not answer.
func Refusal(lang string) string {
	if lang == "ur" {
		return "ان مضامین میں اس سوال کا جواب نہیں ملا۔"
	}
	return "The articles do not contain an answer to this question."
}
