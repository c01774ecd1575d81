package rag

import (
	"slices"

	"github.com/jawab/jawab/text"
)

// Analysis is a passage as the ranker reads it: its content words in order
// (text.SentenceTokens, flattened), their stems, where each sentence ends
// (an index into Words), and the stopword that follows each word
// (text.SentenceTokensFollowed; nil when whoever analysed the passage did
// not record them).
type Analysis struct {
	Words    []string
	Stems    []string
	SentEnds []int32
	Next     []uint8
}

// Analyses gives the Analysis of a chunk the index holds in memory (false
// otherwise), so that ranking forty passages per question does not tokenise
// and stem them again (that was most of a question's time).
type Analyses interface {
	ChunkAnalysis(chunkID string) (Analysis, bool)
}

// Analyze computes a passage's Analysis from its text, as the keyword index
// does when it indexes a chunk.
func Analyze(passage string) Analysis {
	var a Analysis
	sents, next := text.SentenceTokensFollowed(passage)
	for i, s := range sents {
		a.Words = append(a.Words, s...)
		a.Next = append(a.Next, next[i]...)
		a.SentEnds = append(a.SentEnds, int32(len(a.Words)))
	}
	a.Stems = text.StemTokens(slices.Clone(a.Words))
	return a
}

// analysis returns p's Analysis: the one ranking kept, else the index's if
// it has it (passageAnalysis), else one made from p's text.
func analysis(ix Analyses, p *Passage) Analysis {
	if a, ok := passageAnalysis(ix, p); ok {
		return a
	}
	return Analyze(p.Text)
}

// passageAnalysis is p's Analysis when ranking kept one or the index (nil
// for none) holds it; false otherwise, for a caller that reads the text its
// own way rather than analysing it (mmr's figures).
func passageAnalysis(ix Analyses, p *Passage) (Analysis, bool) {
	if p.analysis != nil {
		return *p.analysis, true
	}
	if ix == nil {
		return Analysis{}, false
	}
	return ix.ChunkAnalysis(p.ChunkID)
}

// withTitle is p's words and stems (its Analysis) followed by its title's: a
// headline names the place and the count as often as the text does.
func withTitle(ix Analyses, p *Passage) ([]string, []string) {
	return titled(analysis(ix, p), p.Title)
}

// titled is an's words and stems followed by title's.
func titled(an Analysis, title string) ([]string, []string) {
	if title == "" {
		return an.Words, an.Stems
	}
	t := Analyze(title)
	return append(slices.Clone(an.Words), t.Words...), append(slices.Clone(an.Stems), t.Stems...)
}

// reportTokens is p's title and text as tokens (text.Tokens: stopwords kept,
// as "اب تک" and "ایک دن میں" need; a casualty word glued to the word before
// split off, ungluedCounts), read once for the rules of a "latest"
// question that judge the whole report (statesFigure, countsAsked,
// sameTally).
func reportTokens(p *Passage) []string {
	if p.tokens == nil {
		// The title and the text apart, as they would part at a full stop
		// between them: the text's own tokens are then a tail (textTokens).
		title := ungluedCounts(text.Tokens(p.Title))
		p.tokens = append(slices.Clip(title), ungluedCounts(text.Tokens(p.Text))...)
		p.textAt = len(title)
	}
	return p.tokens
}

// textTokens is p's text alone as reportTokens reads it, without the title
// its document's other chunks share.
func textTokens(p *Passage) []string {
	return reportTokens(p)[p.textAt:]
}
