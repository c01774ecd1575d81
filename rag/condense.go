package rag

import (
	"context"
	"strings"

	"github.com/jawab/jawab/text"
)

// condense turns a follow-up into a standalone question: with the Condenser (an
// LLM) when there is one, else with condenseHeuristic.
func (a *Answerer) condense(ctx context.Context, ans *Answer, history []Turn, question string) string {
	if len(history) == 0 {
		return question
	}
	if a.Condenser != nil {
		out, err := a.Condenser.Condense(ctx, history, question)
		if out = strings.TrimSpace(out); err == nil && out != "" {
			return out
		}
		if err != nil {
			ans.Warnings = append(ans.Warnings, "could not condense the follow-up with the LLM ("+err.Error()+"); used the offline heuristic")
		}
	}
	return condenseHeuristic(history, question)
}

// followUpStarts are openings that mark a question as continuing the previous one.
var followUpStarts = []string{
	"اور", "پھر", "تو", "اس", "ان", "وہ", "انہوں", "اسی", "مزید",
	"and", "what about", "how about", "who else", "what else", "also", "then", "and in", "why", "how",
}

// condenseHeuristic is the offline condenser. A question is taken as a follow-up
// when it has at most three content words or starts like one ("اور 2015 میں؟",
// "who else was there?"); its standalone form is then the previous question
// followed by it, which carries the topic words into the search. A question that
// stands on its own is left alone.
func condenseHeuristic(history []Turn, question string) string {
	prev := strings.TrimSpace(history[len(history)-1].Question)
	if prev == "" {
		return question
	}
	f := text.Fold(question)
	followUp := len(text.ContentTokens(question)) <= 3
	for _, w := range followUpStarts {
		if f == w || strings.HasPrefix(f, w+" ") {
			followUp = true
			break
		}
	}
	if !followUp {
		return question
	}
	return prev + " " + question
}
