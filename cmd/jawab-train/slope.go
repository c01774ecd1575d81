package main

import (
	"fmt"
	"math"
	"os"

	"github.com/jawab/jawab/eval"
)

// coverageSlope fits the slope k of rag's crossAnswerability,
//
//	p = σ(logit(gate) + k·(coverage − threshold)),
//
// to the rendered (English or Roman-Urdu) questions of jawab eval JSON
// reports (those with a cross_coverage, and whether they are answerable), by
// maximum likelihood. The intercept is held so that p is the gate's
// threshold at the coverage threshold: answerability and refusal then agree.
func coverageSlope(files []string, threshold, gate float64) (k float64, n int, err error) {
	var cov []float64
	var y []bool
	for _, f := range files {
		file, err := os.Open(f)
		if err != nil {
			return 0, 0, err
		}
		r, err := eval.ReadReport(file)
		file.Close()
		if err != nil {
			return 0, 0, fmt.Errorf("%s: %w", f, err)
		}
		for _, q := range r.Questions {
			if q.CrossCoverage == nil {
				continue // not rendered: an Urdu question, or one refused before the gate
			}
			cov = append(cov, *q.CrossCoverage)
			y = append(y, q.Answerable)
		}
	}
	if len(cov) == 0 {
		return 0, 0, fmt.Errorf("no questions in %v", files)
	}
	b := math.Log(gate / (1 - gate))
	// The log-likelihood is concave in k: Newton's method from 0, its step
	// bounded so that separable data (every answerable question above the
	// threshold) stops at a steep slope rather than running off.
	for range 100 {
		var g, h float64
		for i, c := range cov {
			x := c - threshold
			p := 1 / (1 + math.Exp(-(b + k*x)))
			t := 0.0
			if y[i] {
				t = 1
			}
			g += (t - p) * x
			h -= p * (1 - p) * x * x
		}
		if h == 0 {
			break
		}
		step := max(-5, min(5, -g/h))
		k += step
		if math.Abs(step) < 1e-9 {
			break
		}
	}
	return k, len(cov), nil
}
