package translit

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// syntheticVocab makes n distinct Urdu-letter words of 2–10 letters, drawn
// with the rough letter frequencies of Urdu news (vowel letters and ر ن ک
// ت م س ل common), and a df from a Zipf-like draw: a stand-in for a large
// collection's vocabulary, whose skeleton buckets are as crowded as a real
// one's or more.
func syntheticVocab(n int) []Word {
	const common = "اااااییییوووررررننننککککتتتمممسسسللللہہہدددبببپپگگجچشقعحخفزصطظضذثغٹڈڑےںھئآ"
	letters := []rune(common)
	r := rand.New(rand.NewPCG(1, 2))
	seen := make(map[string]bool, n)
	out := make([]Word, 0, n)
	var b strings.Builder
	for len(out) < n {
		b.Reset()
		l := 2 + r.IntN(9)
		for range l {
			b.WriteRune(letters[r.IntN(len(letters))])
		}
		w := b.String()
		if seen[w] {
			continue
		}
		seen[w] = true
		out = append(out, Word{Text: w, DF: 1 + int(1000/(1+r.ExpFloat64()*50))})
	}
	return out
}

func BenchmarkNewMatcher(b *testing.B) {
	real, err := corpusVocab()
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		words []Word
	}{
		{"corpus", real},
		{"synthetic300k", syntheticVocab(300_000)},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportMetric(float64(len(c.words)), "words")
			b.ReportAllocs()
			for b.Loop() {
				NewMatcher(c.words)
			}
		})
	}
}

var benchNames = []string{"lavrov", "putin", "karachi", "moscow", "medvedev", "islamabad", "when", "agreement", "shanghai", "qureshi"}

func BenchmarkNames(b *testing.B) {
	big := NewMatcher(syntheticVocab(300_000))
	for _, c := range []struct {
		name string
		m    *Matcher
	}{
		{"corpus", realMatcher(b)},
		{"synthetic300k", big},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				c.m.Names(benchNames[i%len(benchNames)])
				i++
			}
		})
	}
}

func BenchmarkRomanUrdu(b *testing.B) {
	q := "Imran Khan ne Moscow ka daura kab kiya aur kis se mulaqat ki?"
	big := NewMatcher(syntheticVocab(300_000))
	for _, c := range []struct {
		name string
		m    *Matcher
	}{
		{"corpus", realMatcher(b)},
		{"synthetic300k", big},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				c.m.RomanUrdu(q)
			}
		})
	}
}

func BenchmarkRomanUrduScore(b *testing.B) {
	q := "Imran Khan ne Moscow ka daura kab kiya aur kis se mulaqat ki?"
	b.ReportAllocs()
	for b.Loop() {
		RomanUrduScore(q)
	}
}

func BenchmarkCandidates(b *testing.B) {
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		Candidates(benchNames[i%len(benchNames)])
		i++
	}
}
