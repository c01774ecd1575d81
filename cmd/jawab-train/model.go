package main

import (
	"cmp"
	"context"
	"fmt"
	"hash/fnv"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jawab/jawab/eval"
	"github.com/jawab/jawab/internal/uqa"
	"github.com/jawab/jawab/rag"
	"github.com/jawab/jawab/text"
)

// modelOptions are the training run's settings.
type modelOptions struct {
	data, out, version string
	rankQuestions      int     // training questions for the ranker
	gateQuestions      int     // training questions of each kind for the gate
	sentenceQuestions  int     // training questions for the sentence model
	cueQuestions       int     // training questions of each kind for the gate's cues, per half
	maxRefusedGood     float64 // the share of the tuning part's answerable questions the threshold may refuse
	expand             bool    // train behind the expanded first stage (rag.ExpandTerms), as jawab searches
}

// trainModel learns the ranker, the word associations and the gate from the
// training part, chooses the gate's threshold on the tuning part, and writes
// the model file.
func trainModel(o modelOptions) error {
	t0 := time.Now()
	step := func(format string, args ...any) {
		fmt.Printf("[%5.1fs] %s\n", time.Since(t0).Seconds(), fmt.Sprintf(format, args...))
	}
	d, err := uqa.Read(o.data)
	if err != nil {
		return err
	}
	train := d.Part(uqa.Train)
	step("read %s: training part %d paragraphs, %d questions", o.data, len(train.Paragraphs), len(train.Questions))

	assoc := learnAssociations(train)
	n := 0
	for _, m := range assoc {
		n += len(m)
	}
	step("associations: %d question words, %d pairs", len(assoc), n)

	c := newCorpus(train.Paragraphs)
	c.assoc, c.expand = assoc, o.expand
	qs := uqa.Sample(train.Questions, o.rankQuestions, "rank:", func(q eval.Question) bool { return q.Answerable })
	lists := c.lists(qs)
	step("ranker: %d chunks, %d training lists", len(c.chunks), len(lists))
	m := &rag.Model{
		Format:  rag.ModelFormat,
		Version: o.version,
		Provenance: fmt.Sprintf("go run ./cmd/jawab-train model: trained on the UQA train split's training part "+
			"(internal/uqa, split by article: %d paragraphs, %d questions), thresholds chosen on its tuning part; "+
			"UQA is CC BY-SA 4.0 (Arif et al., 2024)", len(train.Paragraphs), len(train.Questions)),
		Features: rag.FeatureNames,
		Weights:  fitListwise(lists, len(rag.FeatureNames), 30, 1e-4),
		Assoc:    assoc,
		Gate:     rag.Gate{Features: rag.GateFeatureNames, Weights: make([]float64, len(rag.GateFeatureNames))},
	}
	for i, name := range rag.FeatureNames {
		fmt.Printf("    %-14s %+.3f\n", name, m.Weights[i])
	}

	// The sentence model learns which of the five passages' sentences the
	// extract should quote, behind the ranker just fitted.
	sq := uqa.Sample(train.Questions, o.sentenceQuestions, "sentence:", func(q eval.Question) bool { return q.Answerable })
	slists := sentenceLists(c, m, sq)
	m.Sentence = &rag.SentenceModel{Features: rag.SentenceFeatureNames, Weights: fitListwise(slists, len(rag.SentenceFeatureNames), 30, 1e-4)}
	step("sentences: %d training lists", len(slists))
	for i, name := range rag.SentenceFeatureNames {
		fmt.Printf("    %-14s %+.3f\n", name, m.Sentence.Weights[i])
	}
	reportSentences("training part", slists, m.Sentence.Weights)

	cues, x, y := gateTraining(train, m, o, step)
	m.Cues = cues
	if len(gateSigns) != len(rag.GateFeatureNames) {
		return fmt.Errorf("gateSigns has %d signs for %d gate features", len(gateSigns), len(rag.GateFeatureNames))
	}
	m.Gate.Weights, m.Gate.Bias = fitLogistic(x, y, gateSigns, 40, 1e-4)
	step("gate: %d examples", len(x))
	for i, name := range rag.GateFeatureNames {
		fmt.Printf("    %-14s %+.3f\n", name, m.Gate.Weights[i])
	}
	fmt.Printf("    %-14s %+.3f\n", "bias", m.Gate.Bias)

	tune := d.Part(uqa.Tune)
	tuneCorpus := newCorpus(tune.Paragraphs)
	tuneCorpus.assoc, tuneCorpus.expand = assoc, o.expand
	reportSentences("tuning part", sentenceLists(tuneCorpus, m, uqa.Sample(tune.Questions, 1000, "sentence:", func(q eval.Question) bool { return q.Answerable })), m.Sentence.Weights)
	tc, tIn, tOut, _ := halves(tune)
	tc.expand = o.expand
	probs, kinds := gateProbabilities(tc, m, tIn, tOut, 1000)
	m.Gate.Threshold = chooseThreshold(probs, kinds, o.maxRefusedGood)
	step("gate threshold %.3f (tuning part: %d paragraphs)", m.Gate.Threshold, len(tune.Paragraphs))
	printCurve(probs, kinds, m.Gate.Threshold)

	f, err := os.Create(o.out)
	if err != nil {
		return err
	}
	if err := rag.WriteModel(f, m); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fi, _ := os.Stat(o.out)
	step("wrote %s (%.1f MB)", o.out, float64(fi.Size())/1e6)
	return nil
}

// gateTraining fits the gate's lexical cues and builds its training rows.
// The gate learns from half of the training articles' collection, and its
// topic-absent questions come from the other half: a question about an
// article the collection does not hold, with the collection's own word
// statistics (its words unseen, as they would be).
//
// The cues are fitted on each half's questions asked of that half's
// collection, and each half's fit gives the gate's rows of the other half's
// questions their "cues" feature: out of sample, as they are at run time.
// It returns the fit on both halves, which jawab uses, and the rows; step
// reports the cues' fit.
func gateTraining(train *uqa.Data, m *rag.Model, o modelOptions, step func(string, ...any)) (*rag.Cues, [][]float64, []bool) {
	gc, inside, outside, outPs := halves(train)
	gc.expand = o.expand
	vocab := cueVocabulary(train.Questions)
	exIn := cueExamples(gc, m, inside, o.cueQuestions, "cue:")
	outCorpus := newCorpus(outPs)
	outCorpus.expand = o.expand
	exOut := cueExamples(outCorpus, m, outside, o.cueQuestions, "cue:")
	cuesIn, cuesOut := fitCues(exIn, vocab, cueEpochs, cueL2), fitCues(exOut, vocab, cueEpochs, cueL2)
	cues := fitCues(slices.Concat(exIn, exOut), vocab, cueEpochs, cueL2)
	step("cues: %d words, %d + %d examples; AUC of each half's fit on the other half %.3f, %.3f",
		len(vocab), len(exIn), len(exOut), cueAUC(cuesIn, exOut), cueAUC(cuesOut, exIn))
	withCues := func(c *rag.Cues) *rag.Model { mc := *m; mc.Cues = c; return &mc }
	x, y := gateExamples(gc, withCues(cuesOut), withCues(cuesIn), inside, outside, o.gateQuestions)
	return cues, x, y
}

// learnAssociations pairs each answerable training question with the sentence
// of its paragraph that holds the answer and learns word associations from
// the pairs (cooc).
func learnAssociations(train *uqa.Data) assocTable {
	paraText := map[string]string{}
	for _, p := range train.Paragraphs {
		paraText[p.ID] = p.Text
	}
	var pairs [][2][]string
	var arts []string
	for _, q := range train.Questions {
		if !q.Answerable {
			continue
		}
		pt := paraText[uqa.ParagraphOf(q.ID)]
		rs := []rune(pt)
		for _, sp := range text.Sentences(pt) {
			s := string(rs[sp.Start:sp.End])
			if hit(s, q) {
				pairs = append(pairs, [2][]string{text.ContentTokens(q.Question), text.ContentTokens(s)})
				arts = append(arts, uqa.QuestionArticle(q.ID))
				break
			}
		}
	}
	return cooc(pairs, arts, 3, 0.15)
}

// gate example kinds
const (
	answerable   = iota
	unanswerable // SQuAD 2.0's adversarial questions: same topic, no answer
	topicAbsent  // an answerable question asked of the collection without its article
	swapped      // an answerable question whose telling word is swapped for another: a near miss
)

// answerer answers a question as jawab does offline: keyword search, the
// ranker, k = 5, over the corpus without the article exclude ("" for none).
func answerer(c *corpus, m *rag.Model, exclude string) *rag.Answerer {
	s := searcher{c: c, exclude: exclude}
	r := &rag.Retriever{Index: s, Searches: rag.KeywordOnly, Ranker: m}
	if c.expand {
		r.Expansion = m
	}
	return &rag.Answerer{Retriever: r, Model: m}
}

func gateRows(c *corpus, m *rag.Model, q eval.Question, exclude string) []float64 {
	a := answerer(c, m, exclude)
	res, err := a.Retriever.Search(context.Background(), []rag.Query{{Text: q.Question}}, 5, rag.Filter{})
	if err != nil {
		panic(err) // the experiment searcher does not fail
	}
	return a.GateFeatures(searcher{c: c, exclude: exclude}, res.Passages, []string{q.Question}, true)[0]
}

// gateExamples builds the gate's training rows: n answerable questions
// (positive), 2n unanswerable ones, n topic-absent ones and n near misses
// (negative). The
// questions of qs are asked under m, those of absent (about the other
// half's articles) under mAbsent: the two differ in their cues, each
// fitted on the half the questions are not from.
func gateExamples(c *corpus, m, mAbsent *rag.Model, qs, absent []eval.Question, n int) ([][]float64, []bool) {
	var x [][]float64
	var y []bool
	for _, q := range uqa.Sample(qs, n, "gate-a:", func(q eval.Question) bool { return q.Answerable }) {
		x, y = append(x, gateRows(c, m, q, "")), append(y, true)
	}
	// Twice as many unanswerable questions as of each other kind: they are
	// the hard negatives, and the cues were learned for them.
	for _, q := range uqa.Sample(qs, 2*n, "gate-u:", func(q eval.Question) bool { return !q.Answerable }) {
		x, y = append(x, gateRows(c, m, q, "")), append(y, false)
	}
	for _, q := range uqa.Sample(absent, n, "gate-t:", func(q eval.Question) bool { return q.Answerable }) {
		x, y = append(x, gateRows(c, mAbsent, q, "")), append(y, false)
	}
	sw := newSwapper(c)
	for _, q := range uqa.Sample(qs, n, "gate-s:", func(q eval.Question) bool { return q.Answerable }) {
		if s, ok := sw.swap(q); ok {
			x, y = append(x, gateRows(c, m, s, "")), append(y, false)
		}
	}
	return x, y
}

// swapper makes near misses the way many of SQuAD 2.0's unanswerable
// questions were written: the question's most telling word (the rarest one
// its answer's passage holds) replaced by another word about as rare, which
// that passage does not hold. "روس نے پاکستان کو…" becomes "روس نے بھارت کو…".
type swapper struct {
	c     *corpus
	vocab []string // the corpus's words by increasing IDF
	idf   []float64
}

func newSwapper(c *corpus) *swapper {
	seen := map[string]bool{}
	sw := &swapper{c: c}
	for _, ch := range c.chunks {
		for _, t := range text.ContentTokens(ch.text) {
			if !seen[t] && !isNumber(t) {
				seen[t] = true
				sw.vocab = append(sw.vocab, t)
			}
		}
	}
	slices.Sort(sw.vocab) // a fixed order before the stable sort by IDF
	slices.SortStableFunc(sw.vocab, func(a, b string) int { return cmp.Compare(c.kw.IDF(a), c.kw.IDF(b)) })
	for _, t := range sw.vocab {
		sw.idf = append(sw.idf, c.kw.IDF(t))
	}
	return sw
}

func (sw *swapper) swap(q eval.Question) (eval.Question, bool) {
	gold := uqa.ParagraphOf(q.ID)
	// The paragraph's chunks are gold#0, gold#1, … (ingest's ids); the
	// index already holds their words.
	var goldToks []string
	for i := 0; ; i++ {
		id := gold + "#" + strconv.Itoa(i)
		if _, ok := sw.c.byID[id]; !ok {
			break
		}
		goldToks = append(goldToks, sw.c.analysis(id).Words...)
	}
	best, bestIDF := "", 0.0
	for _, t := range text.ContentTokens(q.Question) {
		if idf := sw.c.kw.IDF(t); idf > bestIDF && slices.Contains(goldToks, t) && !isNumber(t) {
			best, bestIDF = t, idf
		}
	}
	if best == "" {
		return q, false
	}
	// The replacement: a word of about the same IDF, chosen by a hash of the
	// question so that the run is reproducible.
	i, _ := slices.BinarySearch(sw.idf, bestIDF)
	h := 0
	for _, r := range q.ID {
		h = h*31 + int(r)
	}
	for tries := 0; tries < 50; tries++ {
		j := i + (h%201 - 100) + tries
		if j < 0 || j >= len(sw.vocab) {
			continue
		}
		w := sw.vocab[j]
		if w == best || slices.Contains(goldToks, w) || utf8.RuneCountInString(w) < 3 {
			continue
		}
		f := text.Fold(q.Question)
		if !strings.Contains(f, best) {
			return q, false
		}
		q.Question = strings.Replace(f, best, w, 1)
		q.Answerable = false
		return q, true
	}
	return q, false
}

func isNumber(t string) bool { return t != "" && t[0] >= '0' && t[0] <= '9' }

// gateProbabilities asks up to n questions of each kind and returns the
// gate's probabilities.
func gateProbabilities(c *corpus, m *rag.Model, qs, absent []eval.Question, n int) ([]float64, []int) {
	rows, kinds := gateTuneRows(c, m, qs, absent, n)
	probs := make([]float64, len(rows))
	for i, r := range rows {
		probs[i] = m.Gate.Probability(r)
	}
	return probs, kinds
}

// gateTuneRows asks up to n questions of each kind (answerable,
// unanswerable, topic-absent, near misses made by swapping a word) and
// returns the gate's feature rows and each row's kind.
func gateTuneRows(c *corpus, m *rag.Model, qs, absent []eval.Question, n int) ([][]float64, []int) {
	var rows [][]float64
	var kinds []int
	add := func(kind int, salt string, from []eval.Question, keep func(eval.Question) bool) {
		for _, q := range uqa.Sample(from, n, salt, keep) {
			rows = append(rows, gateRows(c, m, q, ""))
			kinds = append(kinds, kind)
		}
	}
	isA := func(q eval.Question) bool { return q.Answerable }
	add(answerable, "tune-a:", qs, isA)
	add(unanswerable, "tune-u:", qs, func(q eval.Question) bool { return !q.Answerable })
	add(topicAbsent, "tune-t:", absent, isA)
	sw := newSwapper(c)
	for _, q := range uqa.Sample(qs, n, "tune-s:", isA) {
		if s, ok := sw.swap(q); ok {
			rows = append(rows, gateRows(c, m, s, ""))
			kinds = append(kinds, swapped)
		}
	}
	return rows, kinds
}

// chooseThreshold is the highest threshold that refuses at most maxGood of
// the answerable questions: the most refusals of the others it can buy.
func chooseThreshold(probs []float64, kinds []int, maxGood float64) float64 {
	var good []float64
	for i, p := range probs {
		if kinds[i] == answerable {
			good = append(good, p)
		}
	}
	slices.Sort(good)
	// Refusing p < t refuses the answerable questions below t: at most
	// floor(maxGood·n) of them.
	k := int(maxGood * float64(len(good)))
	if k >= len(good) {
		return 1
	}
	return good[k]
}

func printCurve(probs []float64, kinds []int, chosen float64) {
	fmt.Println("    threshold  answerable refused  unanswerable refused  topic-absent refused  swapped refused")
	for _, t := range []float64{0.1, 0.2, 0.3, 0.4, chosen, 0.5, 0.6, 0.7} {
		var n, r [4]float64
		for i, p := range probs {
			n[kinds[i]]++
			if p < t {
				r[kinds[i]]++
			}
		}
		fmt.Printf("    %9.3f  %18.3f  %20.3f  %20.3f  %15.3f\n", t, r[0]/n[0], r[1]/n[1], r[2]/n[2], r[3]/n[3])
	}
}

// halves splits a part's articles in two by a hash of their number: a
// collection of the first half's paragraphs, the first half's questions, and
// the second half's (about articles the collection does not hold).
func halves(d *uqa.Data) (*corpus, []eval.Question, []eval.Question, []uqa.Paragraph) {
	first := func(article string) bool {
		h := fnv.New32a()
		h.Write([]byte("halves:" + article))
		// FNV-1a's low bit is the parity of the bytes' low bits, which the part
		// split already fixed: take a high bit.
		return (h.Sum32()>>16)%2 == 0
	}
	var ps, outPs []uqa.Paragraph
	for _, p := range d.Paragraphs {
		if first(p.Article()) {
			ps = append(ps, p)
		} else {
			outPs = append(outPs, p)
		}
	}
	var in, out []eval.Question
	defer func() {
		fmt.Printf("halves: %d paragraphs, %d questions inside, %d outside\n", len(ps), len(in), len(out))
	}()
	for _, q := range d.Questions {
		if first(uqa.QuestionArticle(q.ID)) {
			in = append(in, q)
		} else {
			out = append(out, q)
		}
	}
	return newCorpus(ps), in, out, outPs
}

// gateSigns say which way each gate feature may push the probability (see
// fitLogistic): the evidence of an answer counts for it, missing words, unseen
// words, a missing year and a negation against it.
var gateSigns = []int{
	+1, // rank_score
	+1, // margin
	+1, // cover_passage
	+1, // cover_best
	+1, // soft_best
	-1, // sent_missing
	-1, // sent_missing_idf
	-1, // missing_max
	+1, // top_term
	-1, // kind_miss
	+1, // pairs
	-1, // missing_n
	-1, // numbers_miss
	-1, // unseen
	0,  // terms
	-1, // negation
	+1, // cues
}
