package rag

import (
	"fmt"
	"strings"

	"github.com/jawab/jawab/text"
)

// The citation check is the last stage of answering with an LLM (DESIGN.md, "The
// path of a question"): a model cites the numbered passages it was given with
// markers in whatever form it likes ("[1]", "[1, 3]", "[۱،۲]"), invents numbers,
// and writes sentences its sources do not say. CheckCitations turns its answer
// into what the API promises: markers in one form, each pointing to a real
// passage, and one Citation per cited sentence that quotes the passage exactly
// and says whether the passage supports the sentence.
//
// Support is judged lexically, on the same Urdu-aware tokens the keyword index
// uses, so it is cheap, deterministic and offline. It catches the failures that
// matter most in news answers: a wrong number, a citation of the wrong passage,
// a sentence with no source. It cannot judge a sentence in one language against
// a passage in another beyond their numbers (see CheckCitations). A
// multilingual embedder (Ollama's bge-m3, say) or an NLI model could; it
// would come in as an optional func(sentence, quote string) (bool, error)
// consulted only for the citations the lexical check cannot decide, leaving
// this offline default as it is.

// CheckCitations validates an LLM answer against the passages it was written
// from; passages[i] is the one the prompt numbered i+1 (Passage.N, as
// Retrieve numbers them). It returns the answer rewritten, one citation per
// cited (sentence, passage) pair, and warnings for a person or log to read.
//
// The rewrite:
//   - numbers that point to no passage (n < 1 or n > len(passages)) are
//     dropped, each with a warning, and a marker left empty is removed along
//     with the space before it ("X [7]." → "X.");
//   - the remaining markers are written "[n]" with ASCII digits, one per
//     number ("[۱،۲]" → "[1][2]");
//   - nothing else changes (invalid UTF-8 becomes U+FFFD).
//
// Sentences are text.Sentences of the rewritten answer. A marker belongs to
// the sentence it is in, except that markers opening a sentence belong to the
// sentence before on the same line ("…دیں۔ [1] اگلا"), and a line holding
// only markers belongs to the sentence before it: citations follow claims.
// A sentence without markers is kept and reported ("uncited sentence").
//
// For each cited (sentence, n) the Citation carries passage n's metadata and
// a Quote: the one or two consecutive sentences of the passage that share the
// most content words and numbers with the answer sentence, as an exact span of
// Passage.Text with Start and End in runes of the document (Passage.Start
// plus the offset in the passage). When nothing in the passage matches the
// sentence, the quote is empty (Start = End).
//
// Supported compares the sentence with the quote on content words (as
// text.ContentTokens folds them, so Arabic and Urdu letter forms and
// diacritics do not matter; the forms of one word match by text.Stem) and on
// numbers:
//   - every number in the sentence must occur in one of its cited passages,
//     or none of its citations is supported. Numbers compare by value
//     however they are written: "50,000", "50000", "۵۰۰۰۰", "50 ہزار",
//     "پچاس ہزار" and "fifty thousand" are one number, and "ڈیڑھ لاکھ" is
//     150000. A lone word that is also a common non-number ("ایک", "دو",
//     "نو", "one") is not a number, and digits glued to Latin letters
//     ("COVID-19", "F-16") are part of a name;
//   - at least supportThreshold of the sentence's content words must be in
//     the quote, or, for a sentence citing several passages, in their quotes
//     together, with this passage supplying at least minContribution of them
//     (or a number) that the others do not.
//
// When the sentence and the passage are in different languages (an English
// answer from Urdu passages; text.DetectLang of each), words cannot be
// compared: the citation is supported only if the sentence has numbers, they
// match and this passage has one of them, and a warning says so either way
// (Citation has no field for the reason). This is a known limitation: "Russia
// gave Pakistan vaccines [1]" cannot be confirmed from an Urdu passage
// without a multilingual model. A sentence with neither content words nor
// numbers ("جی ہاں [1]") is not supported: there is nothing to check.
//
// The warnings, in order of the answer: dropped numbers ("citation [7]
// points to no passage …"), then per sentence "uncited sentence: …", a
// number in none of the cited passages, and the cross-language notes.
func CheckCitations(answer string, passages []Passage) (string, []Citation, []string) {
	out := strings.ToValidUTF8(answer, "\uFFFD")
	var warnings []string
	var markers []Marker
	// Dropping a marker can join brackets into a new one ("[[7]1]" → "[1]"),
	// so rewrite until nothing changes; each pass that changes something
	// drops or rewrites a marker, and the bound is only a backstop.
	for pass := 0; ; pass++ {
		markers = ParseMarkers(out)
		next, changed, w := rewriteMarkers(out, markers, len(passages))
		warnings = append(warnings, w...)
		if !changed || pass == 16 {
			break
		}
		out = next
	}

	sents := text.Sentences(out)
	units := citeUnits(out, sents, markers)
	citations := []Citation{}
	infos := make([]*passageInfo, len(passages))
	info := func(n int) *passageInfo {
		if infos[n-1] == nil {
			infos[n-1] = analysePassage(passages[n-1].Text)
		}
		return infos[n-1]
	}
	for _, u := range units {
		if len(u.ns) == 0 {
			if !u.markerOnly && hasLetterOrDigit(u.claim) {
				warnings = append(warnings, fmt.Sprintf("uncited sentence: %q", text.Shorten(u.sentence, 80)))
			}
			continue
		}
		var valid []int
		for _, n := range u.ns {
			if n >= 1 && n <= len(passages) {
				valid = append(valid, n)
			}
		}
		cs, w := checkSentence(u, valid, passages, info)
		citations = append(citations, cs...)
		warnings = append(warnings, w...)
	}
	return out, citations, warnings
}
