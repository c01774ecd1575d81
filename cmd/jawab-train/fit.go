package main

import "math"

// list is one question's candidates: their feature vectors and which are
// relevant.
type list struct {
	x   [][]float64
	rel []bool
}

// fitListwise fits linear ranking weights by gradient descent (Adam) on the
// listwise softmax loss: for each question, minus the log of the probability
// mass the softmax of the scores puts on its relevant candidates. Lists with
// no relevant candidate teach nothing and are skipped by the caller.
func fitListwise(lists []list, dim int, epochs int, l2 float64) []float64 {
	w := make([]float64, dim)
	opt := newAdam(dim, 0.05)
	grad := make([]float64, dim)
	for ep := 0; ep < epochs; ep++ {
		for start := 0; start < len(lists); start += 64 {
			end := min(start+64, len(lists))
			clear(grad)
			for _, l := range lists[start:end] {
				s := make([]float64, len(l.x))
				for i, x := range l.x {
					s[i] = dot(w, x)
				}
				z, zr := softmaxMass(s, l.rel)
				for i, x := range l.x {
					// d(-log zr/z)/ds_i = p_i - p_i|rel
					g := s[i] / z
					if l.rel[i] {
						g -= s[i] / zr
					}
					for j := range grad {
						grad[j] += g * x[j]
					}
				}
			}
			opt.step(w, func(j int) float64 { return grad[j]/float64(end-start) + l2*w[j] })
		}
	}
	return w
}

// adam is the Adam optimiser's state for one weight vector.
type adam struct {
	lr   float64
	m, v []float64
	t    int
}

func newAdam(dim int, lr float64) *adam {
	return &adam{lr: lr, m: make([]float64, dim), v: make([]float64, dim)}
}

// step moves w against the gradient, whose component j is grad(j).
func (a *adam) step(w []float64, grad func(j int) float64) {
	const b1, b2, eps = 0.9, 0.999, 1e-8
	a.t++
	for j := range w {
		g := grad(j)
		a.m[j] = b1*a.m[j] + (1-b1)*g
		a.v[j] = b2*a.v[j] + (1-b2)*g*g
		mh := a.m[j] / (1 - math.Pow(b1, float64(a.t)))
		vh := a.v[j] / (1 - math.Pow(b2, float64(a.t)))
		w[j] -= a.lr * mh / (math.Sqrt(vh) + eps)
	}
}

func dot(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// fitLogistic fits a logistic regression by gradient descent (Adam) on the
// log loss, each class weighted by the inverse of its size so that the
// probability is calibrated for a balanced prior. signs constrains each
// weight: +1 never below 0, -1 never above, 0 free (projected gradient), so
// that a feature that must count against answerability (a missing word) can
// never be learned to count for it from a quirk of the training data. It
// returns the weights and the bias.
func fitLogistic(raw [][]float64, y []bool, signs []int, epochs int, l2 float64) ([]float64, float64) {
	dim := len(raw[0])
	// Standardise the features so that one learning rate suits all of them;
	// the weights are mapped back at the end.
	mean, sd := make([]float64, dim), make([]float64, dim)
	for _, r := range raw {
		for j, v := range r {
			mean[j] += v / float64(len(raw))
		}
	}
	for _, r := range raw {
		for j, v := range r {
			sd[j] += (v - mean[j]) * (v - mean[j]) / float64(len(raw))
		}
	}
	for j := range sd {
		sd[j] = math.Sqrt(sd[j])
		if sd[j] == 0 {
			sd[j] = 1
		}
	}
	x := make([][]float64, len(raw))
	for i, r := range raw {
		x[i] = make([]float64, dim)
		for j, v := range r {
			x[i][j] = (v - mean[j]) / sd[j]
		}
	}
	w := make([]float64, dim+1) // the last is the bias
	opt := newAdam(dim+1, 0.01)
	wPos, wNeg := classWeights(y)
	grad := make([]float64, dim+1)
	for ep := 0; ep < epochs; ep++ {
		for start := 0; start < len(x); start += 256 {
			end := min(start+256, len(x))
			clear(grad)
			for i := start; i < end; i++ {
				z := w[dim]
				for j, xv := range x[i] {
					z += w[j] * xv
				}
				p := 1 / (1 + math.Exp(-z))
				g, cw := p, wNeg
				if y[i] {
					g, cw = p-1, wPos
				}
				g *= cw
				for j, xv := range x[i] {
					grad[j] += g * xv
				}
				grad[dim] += g
			}
			opt.step(w, func(j int) float64 {
				g := grad[j] / float64(end-start)
				if j < dim {
					g += l2 * w[j]
				}
				return g
			})
			for j, sign := range signs {
				if float64(sign)*w[j] < 0 {
					w[j] = 0
				}
			}
		}
	}
	bias := w[dim]
	out := make([]float64, dim)
	for j := range out {
		out[j] = w[j] / sd[j]
		bias -= w[j] * mean[j] / sd[j]
	}
	return out, bias
}

// softmaxMass turns a list's scores s into their exponentials relative to
// the largest (in place) and returns their sum and the sum over the
// relevant candidates: the listwise softmax loss is -log(zr/z), and
// s[i]/z and s[i]/zr are candidate i's probability overall and among the
// relevant ones.
func softmaxMass(s []float64, rel []bool) (z, zr float64) {
	mx := math.Inf(-1)
	for _, v := range s {
		mx = max(mx, v)
	}
	for i := range s {
		s[i] = math.Exp(s[i] - mx)
		z += s[i]
		if rel[i] {
			zr += s[i]
		}
	}
	return z, zr
}

// classWeights are the weights of the positive and the negative examples
// that make each class weigh as much as the other in the log loss: the
// probability is then calibrated for a balanced prior.
func classWeights(y []bool) (wPos, wNeg float64) {
	var pos float64
	for _, b := range y {
		if b {
			pos++
		}
	}
	return float64(len(y)) / (2 * pos), float64(len(y)) / (2 * (float64(len(y)) - pos))
}
