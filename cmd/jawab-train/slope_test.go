package main

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/jawab/jawab/eval"
)

// coverageSlope recovers the slope of questions drawn from its own model,
// and its intercept stays at the gate's threshold.
func TestCoverageSlope(t *testing.T) {
	const threshold, gate, slope = 0.55, 0.25, 8.0
	b := math.Log(gate / (1 - gate))
	var qs []eval.Result
	for c := 0.0; c <= 1.0001; c += 0.05 {
		p := 1 / (1 + math.Exp(-(b + slope*(c-threshold))))
		yes := int(math.Round(1000 * p))
		for i := range 1000 {
			qs = append(qs, eval.Result{Answerable: i < yes, CrossCoverage: &c})
		}
	}
	qs = append(qs, eval.Result{Answerable: true}) // an Urdu question: not counted
	var buf bytes.Buffer
	if err := (&eval.Report{Questions: qs}).WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	f := filepath.Join(t.TempDir(), "eval.json")
	if err := os.WriteFile(f, buf.Bytes(), 0o644); err != nil {
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
