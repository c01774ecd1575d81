// Package text holds jawab's language-aware text handling for Urdu and English
// news: the search-key normaliser (with the one table of Arabic letters and
// digits folded to Urdu and ASCII), the tokeniser used by the keyword index,
// the stemmer, number words and number phrases, language detection, sentence
// splitting and sentence-aligned chunking.
//
// Indexing and querying must agree byte for byte on search keys, so every
// component that builds or looks up a key goes through [Fold] (or [Tokens],
// which calls it). Display text is never normalised: [Sentences] and [Chunks]
// return rune offsets into the original string so citations quote the article
// exactly as published.
//
// Offsets are in runes, not bytes, because callers (the chunk store, the
// citation highlighter in the widget) count characters; the functions here
// decode a string once and work on the decoded runes so that long articles
// stay linear.
package text
