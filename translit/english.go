package translit

import (
	_ "embed"
	"slices"
	"strings"
	"sync"
)

// english.txt is SCOWL's small dictionary (sizes 10–35), lower-case words
// only, so without proper names: about 40,000 ordinary English words. It is
// made by mkenglish.go and carries SCOWL's notice in its header.
//
//go:embed english.txt
var englishText string

var englishWords = sync.OnceValue(func() []string {
	words := make([]string, 0, 41000)
	for line := range strings.Lines(englishText) {
		line = strings.TrimSuffix(line, "\n")
		if line != "" && line[0] != '#' {
			words = append(words, line) // substrings of the embedded text: no copies
		}
	}
	slices.Sort(words)
	return words
})

// englishNames are words of the English list that are also the names of
// countries in the news, and are far more often the name there.
var englishNames = map[string]bool{"china": true, "turkey": true}

// IsEnglishWord reports whether w, a lower-case Latin word, is an ordinary
// English word (SCOWL's small dictionary, which leaves out proper names),
// other than the few country names that are also common nouns ("china",
// "turkey").
func IsEnglishWord(w string) bool {
	if englishNames[w] {
		return false
	}
	_, ok := slices.BinarySearch(englishWords(), w)
	return ok
}
