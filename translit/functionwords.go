package translit

import "github.com/jawab/jawab/text"

// isFunctionWord reports whether an Urdu vocabulary word is a function
// word (text's stopwords, or the Urdu side of the Roman Urdu table): a name
// is never one, and "the" must not match تھی.
func isFunctionWord(w string) bool {
	return text.IsStopword(w) || romanFunctionUrdu[w]
}
