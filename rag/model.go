package rag

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
)

// ModelFormat is the version of the model file's format; a file of another
// format is refused rather than misread.
const ModelFormat = "jawab-rank-model/1"

// Model is what jawab learned from data (cmd/jawab-train): the ranker's
// weights over FeatureNames, the word associations some features use, and the
// answerability gate. One file holds all three because they are trained
// together: the gate reads the ranker's features and score.
type Model struct {
	Format string `json:"format"`
	// Version names this training run; the index records it, and an index
	// built under another version is refused until it is rebuilt.
	Version string `json:"version"`
	// Provenance says what it was trained on, by which command.
	Provenance string `json:"provenance"`
	// Features are the names of the ranker's inputs, in order; they must be
	// FeatureNames.
	Features []string  `json:"features"`
	Weights  []float64 `json:"weights"`
	// Assoc maps a question word to the passage words associated with it
	// (Associations), by strength in (0, 1].
	Assoc map[string]map[string]float64 `json:"assoc"`
	Gate  Gate                          `json:"gate"`
	// Sentence scores the extract's candidate sentences; a model without
	// one (older files) leaves them ordered by coverage.
	Sentence *SentenceModel `json:"sentence,omitempty"`
	// Cues is the gate's lexical part; a model without it (older files)
	// gives the gate's "cues" feature 0.
	Cues *Cues `json:"cues,omitempty"`
}

// Gate is the answerability model: a logistic regression over GateFeatures,
// and the probability below which jawab refuses.
type Gate struct {
	Features  []string  `json:"features"`
	Weights   []float64 `json:"weights"`
	Bias      float64   `json:"bias"`
	Threshold float64   `json:"threshold"`
}

// Answers implements Associations.
func (m *Model) Answers(q string) map[string]float64 { return m.Assoc[q] }

// Score is the ranker's score of a passage's features.
func (m *Model) Score(x []float64) float64 {
	s := 0.0
	for i, w := range m.Weights {
		s += w * x[i]
	}
	return s
}

// Probability is the gate's probability that passages with these gate
// features answer the question.
func (g *Gate) Probability(x []float64) float64 {
	z := g.Bias
	for i, w := range g.Weights {
		z += w * x[i]
	}
	return 1 / (1 + math.Exp(-z))
}

// ReadModel reads a gzipped model file and checks that it is whole and was
// made for this version of jawab. name is the file's name, for messages.
func ReadModel(r io.Reader, name string) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("model %s is not a jawab model file (gzip: %w)", name, err)
	}
	var m Model
	dec := json.NewDecoder(zr)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("model %s is corrupt: %w", name, err)
	}
	// Reading to the end makes gzip check its CRC and length: a truncated or
	// damaged file fails here even if its JSON happened to parse.
	if _, err := io.Copy(io.Discard, zr); err != nil {
		return nil, fmt.Errorf("model %s is corrupt: %w", name, err)
	}
	if err := m.check(); err != nil {
		return nil, fmt.Errorf("model %s: %w", name, err)
	}
	return &m, nil
}

func (m *Model) check() error {
	switch {
	case m.Format != ModelFormat:
		return fmt.Errorf("format %q, want %q", m.Format, ModelFormat)
	case m.Version == "":
		return fmt.Errorf("no version")
	case !slices.Equal(m.Features, FeatureNames):
		return fmt.Errorf("trained on features %v, this jawab computes %v", m.Features, FeatureNames)
	case len(m.Weights) != len(FeatureNames):
		return fmt.Errorf("%d ranker weights for %d features", len(m.Weights), len(FeatureNames))
	case !slices.Equal(m.Gate.Features, GateFeatureNames):
		return fmt.Errorf("gate trained on features %v, this jawab computes %v", m.Gate.Features, GateFeatureNames)
	case len(m.Gate.Weights) != len(GateFeatureNames):
		return fmt.Errorf("%d gate weights for %d features", len(m.Gate.Weights), len(GateFeatureNames))
	case !(m.Gate.Threshold >= 0 && m.Gate.Threshold <= 1):
		return fmt.Errorf("gate threshold %v is not a probability", m.Gate.Threshold)
	}
	var sentence []float64
	if m.Sentence != nil {
		if !slices.Equal(m.Sentence.Features, SentenceFeatureNames) {
			return fmt.Errorf("sentence model trained on features %v, this jawab computes %v", m.Sentence.Features, SentenceFeatureNames)
		}
		if len(m.Sentence.Weights) != len(SentenceFeatureNames) {
			return fmt.Errorf("%d sentence weights for %d features", len(m.Sentence.Weights), len(SentenceFeatureNames))
		}
		sentence = m.Sentence.Weights
	}
	var cues []float64
	if m.Cues != nil {
		cues = append(cues, m.Cues.Bias)
		for _, ws := range []map[string]float64{m.Cues.Asked, m.Cues.Missing, m.Cues.SentMissing} {
			for _, w := range ws {
				cues = append(cues, w)
			}
		}
	}
	for _, w := range slices.Concat(m.Weights, m.Gate.Weights, []float64{m.Gate.Bias}, sentence, cues) {
		if math.IsNaN(w) || math.IsInf(w, 0) {
			return fmt.Errorf("a weight is %v", w)
		}
	}
	return nil
}

// WriteModel writes m as a gzipped model file, deterministically (map keys
// sorted by encoding/json, no timestamp in the gzip header).
func WriteModel(w io.Writer, m *Model) error {
	m.Format = ModelFormat
	if err := m.check(); err != nil {
		return err
	}
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(zw)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(m); err != nil {
		return err
	}
	return zw.Close()
}
