package rag

import (
	"regexp"
	"slices"
	"strings"

	"github.com/jawab/jawab/text"
)

// datelineHead is the opening of a sentence that carries its story's
// dateline: a place, the day and month (and a year), then the agency in
// brackets — "24 ستمبر (اے پی پی) صرافہ مارکیٹ میں…", "کابل ۔ 29ستمبر (اے پی پی)
// …" — read on the folded text (ASCII digits).
var datelineHead = regexp.MustCompile(`^[^()\d]{0,40}?(\d{1,2}|یکم)\s*(\p{L}+)(?:[,،]?\s*(\d{4}))?\s*ء?\s*\(`)

// datelineHeadBytes is how much of a sentence datelineHead reads: a place of
// a few words, the date and the bracket.
const datelineHeadBytes = 160

// datelineTokens returns the tokens of a sentence's dateline date (its day,
// month and year, as text.Tokens gives them) when the sentence opens with
// one, else nil. The dateline says when the story was filed, not what it
// reports: a question naming "24 September 2014" is answered by that day's
// figure, not by the line "24 ستمبر (اے پی پی) صرافہ مارکیٹ میں مندی کا رجحان
// رہا", which holds the date and nothing asked.
func datelineTokens(sentence string) []string {
	head := sentence
	if len(head) > datelineHeadBytes {
		head = text.Substring(head, 0, datelineHeadBytes/2) // runes: Urdu letters are two bytes
	}
	if !strings.Contains(head, "(") {
		return nil // most sentences: no bracket, no dateline (and no folding to pay for)
	}
	g := datelineHead.FindStringSubmatch(text.Fold(head))
	if g == nil {
		return nil
	}
	if _, ok := text.Month(g[2]); !ok {
		return nil
	}
	if g[3] != "" {
		return []string{g[1], g[2], g[3]}
	}
	return []string{g[1], g[2]}
}

// datelineReach is how many of a sentence's first tokens its dateline may
// span: a place of up to four words, the day, the month and the year.
const datelineReach = 8

// withoutDateline returns words and their stems without the dateline's
// tokens (dl, from datelineTokens), each dropped once, where it stands among
// the sentence's first words; words and stems are not modified. Nil stems
// (words alone) stay nil.
func withoutDateline(words, stems, dl []string) ([]string, []string) {
	if len(dl) == 0 {
		return words, stems
	}
	ws, ss := slices.Clone(words), slices.Clone(stems)
	for _, d := range dl {
		for i := 0; i < min(len(ws), datelineReach); i++ {
			if ws[i] == d {
				ws = slices.Delete(ws, i, i+1)
				if ss != nil {
					ss = slices.Delete(ss, i, i+1)
				}
				break
			}
		}
	}
	return ws, ss
}
