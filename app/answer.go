package app

import (
	"context"
	"fmt"
	"runtime"

	"github.com/jawab/jawab/index"
	"github.com/jawab/jawab/index/embed"
	"github.com/jawab/jawab/index/store"
	"github.com/jawab/jawab/rag"
)

// Answerer wires the answering core over ix: retrieval with its embedder and
// ranking model, the LLM when one is configured (which also translates and
// condenses questions), the reranker when one is configured, offline
// cross-language search, and the collection's main language.
func (c *Config) Answerer(ix *Index) (*rag.Answerer, error) {
	lang, err := mainLang(ix.Store)
	if err != nil {
		return nil, err
	}
	m := ix.Model
	_, hashed := ix.Embedder.(*embed.Local)
	a := &rag.Answerer{Retriever: &rag.Retriever{Index: ix.Store, Embedder: ix.Embedder, Ranker: m, Expansion: m}, CorpusLang: lang,
		Model: m, MinAnswerability: c.MinAnswerability, MinCrossCoverage: c.MinCrossCoverage, MinRomanCoverage: c.MinRomanCoverage, VectorsAcrossLanguagesOnly: hashed}
	off, err := c.OfflineTranslator(ix.Store)
	if err != nil {
		return nil, err
	}
	if off != nil {
		a.Offline = off
	}
	chat, err := c.Chat()
	if err != nil {
		return nil, err
	}
	if chat != nil {
		a.Generator, a.Translator, a.Condenser = chat, chat, chat
	}
	rr, err := c.Reranker()
	if err != nil {
		return nil, err
	}
	if rr != nil {
		a.Retriever.Reranker, a.Retriever.RerankDepth = rr, c.RerankDepth
	}
	if _, local := ix.Store.(*store.Store); local && hashed && chat == nil && rr == nil {
		// Every step from retrieval to the extract runs here, on the
		// processors: as many questions at a time as there are
		// (rag.Admission). A remote service in that stretch would keep a
		// question waiting with its slot held, so then there is no bound.
		a.Admission = rag.NewAdmission(runtime.GOMAXPROCS(0))
	}
	return a, nil
}

// GeneratorName names what writes a's answers: the chat model, or
// "extractive".
func GeneratorName(a *rag.Answerer) string {
	if a.Generator == nil {
		return "extractive"
	}
	return a.Generator.Name()
}

// mainLang is the language most of the collection is written in; a store
// that cannot list its documents stops jawab with the reason rather than
// answering with cross-language search guessed off.
func mainLang(st index.Store) (string, error) {
	docs, err := st.List(context.Background())
	if err != nil {
		return "", fmt.Errorf("list the documents in %s: %w", st.Dir(), err)
	}
	count := map[string]int{}
	best := ""
	for _, d := range docs {
		count[d.Lang]++
		if best == "" || count[d.Lang] > count[best] {
			best = d.Lang
		}
	}
	return best, nil
}
