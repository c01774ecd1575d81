package text

import (
	"cmp"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var measure = flag.Bool("measure", false, "report the stemmer's vocabulary reduction (TestStemMeasure)")

// TestStemMeasure reports how much Stem shrinks the vocabulary and lists the
// largest stem classes, so that a person can judge the conflations:
//
//	go test ./text -run TestStemMeasure -measure -v
//
// The words come from the file named by JAWAB_STEM_VOCAB (any text; one
// article, a word list, a dump of queries) or, by default, from the 500
// articles in testdata/urdu-news.
func TestStemMeasure(t *testing.T) {
	if !*measure {
		t.Skip("run with -measure")
	}
	var files []string
	if p := os.Getenv("JAWAB_STEM_VOCAB"); p != "" {
		files = []string{p}
	} else {
		m, err := filepath.Glob(filepath.Join("..", "testdata", "urdu-news", "*.txt"))
		if err != nil {
			t.Fatal(err)
		}
		if len(m) == 0 {
			t.Fatal("no files in ../testdata/urdu-news")
		}
		files = m
	}
	freq := map[string]int{}
	for _, f := range files {
		for _, tok := range Tokens(readFile(t, f)) {
			freq[tok]++
		}
	}
	t.Logf("source: %d file(s) (%s …)", len(files), files[0])

	type class struct {
		stem    string
		members []string
		count   int // token occurrences
	}
	classesOf := func(keep func(string) bool) (words, tokens int, classes []*class) {
		byStem := map[string]*class{}
		for w, n := range freq {
			if !keep(w) {
				continue
			}
			words++
			tokens += n
			s := Stem(w)
			c := byStem[s]
			if c == nil {
				c = &class{stem: s}
				byStem[s] = c
			}
			c.members = append(c.members, w)
			c.count += n
		}
		for _, c := range byStem {
			slices.SortFunc(c.members, func(a, b string) int {
				return cmp.Or(cmp.Compare(freq[b], freq[a]), strings.Compare(a, b))
			})
			classes = append(classes, c)
		}
		slices.SortFunc(classes, func(a, b *class) int {
			return cmp.Or(cmp.Compare(len(b.members), len(a.members)),
				cmp.Compare(b.count, a.count), strings.Compare(a.stem, b.stem))
		})
		return words, tokens, classes
	}
	report := func(name string, keep func(string) bool) []*class {
		words, tokens, classes := classesOf(keep)
		merged := 0
		for _, c := range classes {
			if len(c.members) > 1 {
				merged++
			}
		}
		t.Logf("%-28s %7d tokens, %6d distinct → %6d stems (−%.1f%%); %d stems have 2+ forms",
			name, tokens, words, len(classes), 100*float64(words-len(classes))/float64(max(words, 1)), merged)
		return classes
	}
	isUrdu := func(w string) bool { return stemScript(w) == clsArabic }
	report("all tokens:", func(string) bool { return true })
	report("content tokens:", func(w string) bool { return !IsStopword(w) })
	report("Urdu tokens:", isUrdu)
	classes := report("Urdu content tokens:", func(w string) bool { return isUrdu(w) && !IsStopword(w) })
	report("English tokens:", func(w string) bool { return stemScript(w) == clsOther })

	t.Logf("the 40 largest classes of Urdu content tokens (stem: forms with their counts):")
	for _, c := range classes[:min(40, len(classes))] {
		var b strings.Builder
		for i, m := range c.members {
			if i > 0 {
				b.WriteString(" ")
			}
			fmt.Fprintf(&b, "%s(%d)", m, freq[m])
		}
		t.Logf("%-10s %2d forms, %5d tokens: %s", c.stem, len(c.members), c.count, b.String())
	}
}
