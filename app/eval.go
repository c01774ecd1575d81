package app

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jawab/jawab/index/ingest"
	"github.com/jawab/jawab/llm"
	"github.com/jawab/jawab/rag"
	"github.com/jawab/jawab/xlang"
)

// IngestForEval ingests an evaluation's corpus into ix (a no-op for the
// documents already indexed), telling onEvent (may be nil) about each
// document; the summary is returned with an error too. Besides the summary, it returns notes for the report: documents
// of the corpus that failed, and documents of the index that are not in the
// corpus but take part in retrieval.
func (ix *Index) IngestForEval(ctx context.Context, sources []ingest.Source, onEvent func(ingest.Event)) (ingest.Summary, []string, error) {
	ids := map[string]bool{}
	sum, err := ix.Ingester(func(ev ingest.Event) {
		if ev.ID != "" && ev.Status != ingest.Failed {
			ids[ev.ID] = true
		}
		if onEvent != nil {
			onEvent(ev)
		}
	}).Run(ctx, sources, false)
	if err != nil {
		return sum, nil, err
	}
	var notes []string
	if sum.Failed > 0 {
		notes = append(notes, fmt.Sprintf("%d document(s) of the corpus failed to ingest and are not in the index", sum.Failed))
	}
	all, err := ix.Store.List(ctx)
	if err != nil {
		return sum, nil, fmt.Errorf("list the documents in %s: %w", ix.Store.Dir(), err)
	}
	extra := 0
	for _, d := range all {
		if !ids[d.ID] {
			extra++
		}
	}
	if extra > 0 {
		notes = append(notes, fmt.Sprintf("the index in %s holds %d document(s) not in --corpus; they take part in retrieval", ix.Store.Dir(), extra))
	}
	return sum, notes, nil
}

// EvalOptions are an evaluation run's departures from how jawab ask and serve
// answer, for ablations.
type EvalOptions struct {
	// Searches, when not nil, replaces the default searches (--retriever).
	Searches *rag.Searches
	// NoRerank keeps the fused order (--rerank off).
	NoRerank bool
	// NoSentenceModel orders the extract's sentences by coverage
	// (--sentences off).
	NoSentenceModel bool
	// NoExpansion searches an Urdu question's own words alone, without the
	// model's associates of them (--expand off).
	NoExpansion bool
	// NoAlternatives judges a question that offers a choice only as asked
	// (--alternatives off).
	NoAlternatives bool
	// NoFocus leaves out of the extract a report's sentence that holds what
	// the question asks beyond its headline (--focus off).
	NoFocus bool
	// Xlang is the offline cross-language search (--xlang): "on" (as ask and
	// serve have it), "off", or on without one part: "no-lexicon",
	// "no-names", "no-numbers".
	Xlang string
	// Time is the time-aware answering (--time): "on", "off", or on without
	// one part: "no-periods", "no-latest", "no-reports".
	Time string
}

// EvalAnswerer is the Answerer of jawab ask and serve over ix, changed as o
// says. The answers and the deeper retrieval for mrr both go through its
// Retriever, so both run what o asks for.
func (c *Config) EvalAnswerer(ix *Index, o EvalOptions) (*rag.Answerer, error) {
	a, err := c.Answerer(ix)
	if err != nil {
		return nil, err
	}
	if o.Searches != nil {
		a.Retriever.Searches, a.VectorsAcrossLanguagesOnly = *o.Searches, false
	}
	if o.NoRerank {
		a.Retriever.DisableReranking()
	}
	a.SentenceOff = o.NoSentenceModel
	a.AlternativesOff = o.NoAlternatives
	a.FocusOff = o.NoFocus
	if o.NoExpansion {
		a.Retriever.Expansion = nil
	}
	if err := setXlang(a, o.Xlang); err != nil {
		return nil, err
	}
	if err := setTime(a, o.Time); err != nil {
		return nil, err
	}
	return a, nil
}

// setTime applies --time to a: on keeps every part, off switches them all
// off, no-PART one (for the ablation in the README).
func setTime(a *rag.Answerer, v string) error {
	switch {
	case v == "" || v == "on":
		return nil
	case v == "off":
		a.TimeOff = map[string]bool{}
		for _, p := range rag.TimeParts {
			a.TimeOff[p] = true
		}
		return nil
	case strings.HasPrefix(v, "no-") && slices.Contains(rag.TimeParts, strings.TrimPrefix(v, "no-")):
		a.TimeOff = map[string]bool{strings.TrimPrefix(v, "no-"): true}
		return nil
	}
	return rag.Errorf(rag.Invalid, "--time %q: want on, off, no-periods, no-latest or no-reports", v)
}

// setXlang applies --xlang to a's offline translator: on keeps it, off drops
// it, no-PART switches one part off (for the ablation in the README).
func setXlang(a *rag.Answerer, v string) error {
	switch {
	case v == "on":
		return nil
	case v == "off":
		a.Offline = nil
		return nil
	case strings.HasPrefix(v, "no-"):
		off, ok := a.Offline.(*xlang.Offline)
		if !ok {
			return rag.Errorf(rag.Invalid, "--xlang %s: offline cross-language search is off (JAWAB_LEXICON=off)", v)
		}
		without, err := off.Without(strings.TrimPrefix(v, "no-"))
		if err != nil {
			return rag.Errorf(rag.Invalid, "--xlang %s: %v", v, err)
		}
		a.Offline = without
		return nil
	}
	return rag.Errorf(rag.Invalid, "--xlang %q: want on, off, no-lexicon, no-names or no-numbers", v)
}

// Judge returns the chat model that grades answers for eval --judge:
// JAWAB_JUDGE_MODEL when set, else the answering model, on the same server.
func (c *Config) Judge() (*llm.Client, error) {
	if c.JudgeModel == "" {
		return nil, rag.Errorf(rag.Invalid, "--judge needs an LLM (set JAWAB_CHAT_MODEL)")
	}
	// A grade is a few lines but the judge reads a whole answer and its passages.
	return llm.New(llm.Config{BaseURL: c.ChatBaseURL, APIKey: c.ChatAPIKey, Model: c.JudgeModel, FirstTokenTimeout: 2 * time.Minute})
}
