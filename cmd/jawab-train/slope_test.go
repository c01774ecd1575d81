package main

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// coverageSlope recovers the slope of questions drawn from its own model,
// and its intercept stays at the gate's threshold.
func TestCoverageSlope(t *testing.T) {
	const threshold, gate, slope = 0.55, 0.25, 8.0
	b := math.Log(gate / (1 - gate))
	type q struct {
		Answerable    bool     `json:"answerable"`
		CrossCoverage *float64 `json:"cross_coverage"`
	}
	var qs []q
	for c := 0.0; c <= 1.0001; c += 0.05 {
		p := 1 / (1 + math.Exp(-(b + slope*(c-threshold))))
		yes := int(math.Round(1000 * p))
		for i := range 1000 {
			qs = append(qs, q{Answerable: i < yes, CrossCoverage: &c})
		}
	}
	qs = append(qs, q{Answerable: true}) // an Urdu question: not counted
	data, err := json.Marshal(map[string]any{"questions": qs})
	if err != nil {
		t.Fatal(err)
	}
	f := filepath.Join(t.TempDir(), "eval.json")
	if err := os.WriteFile(f, data, 0o644); err != nil {
		t.Fatal(err)
	}
	k, n, err := coverageSlope([]string{f}, threshold, gate)
	if err != nil {
		t.Fatal(err)
	}
	if n != len(qs)-1 || math.Abs(k-slope) > 0.2 {
		t.Errorf("slope %.3f over %d questions, want %.1f over %d", k, n, slope, len(qs)-1)
	}
	if _, _, err := coverageSlope([]string{filepath.Join(t.TempDir(), "missing.json")}, threshold, gate); err == nil {
		t.Error("a missing report gave no error")
	}
}
