package index

import "github.com/jawab/jawab/text"

// QueryTerms are the words a keyword search looks for in query, as every
// store reads them: its content tokens (normalised, folded, stopwords
// dropped), or all its tokens when it is made only of common words, each
// once, in order.
func QueryTerms(query string) []string {
	tokens := text.ContentTokens(query)
	if len(tokens) == 0 {
		tokens = text.Tokens(query)
	}
	seen := make(map[string]bool, len(tokens))
	out := tokens[:0]
	for _, t := range tokens {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}
