package rag

import (
	"strings"
	"unicode"
)

// Cross-language questions without a model: an English or Roman-Urdu
// question over Urdu news (or an Urdu question over English articles) is
// rendered in the collection's language word by word by a QueryTranslator
// (package xlang: a learned lexicon, names matched by transliteration against
// the collection's own vocabulary, numbers and months), searched and ranked
// as a question in that language, and answered in the asker's language with
// the sources quoted.

// What a question is written in, as QueryTranslator.Input and Ask tell.
const (
	InputUrdu      = "ur"
	InputEnglish   = "en"
	InputRomanUrdu = "roman-ur" // Urdu typed in Latin letters
	InputMixed     = "mixed"    // Urdu and Latin script words mixed
	InputOther     = "other"    // Latin script, neither English nor Roman Urdu
)

// Name is a name as the question spells it (As, in its own script) and the
// word of the collection that spells it in the collection's script.
type Name struct {
	As   string `json:"as"`
	Word string `json:"word"`
}

// CrossQuery is a question rendered in the collection's language without a
// model.
type CrossQuery struct {
	// Text is what the ranker and the extract read: each word's likeliest
	// rendering, in the question's order.
	Text string
	// Terms are every rendering the keyword search tries, weighted by how
	// likely each is.
	Terms []WeightedTerm
	// Names are the question's names found in the collection.
	Names []Name
	// Known is the share of the question's content words that were rendered.
	Known float64
}

// QueryTranslator renders questions in the collection's language without a
// model (package xlang).
type QueryTranslator interface {
	// Input says what a Latin-script question is written in: InputEnglish,
	// InputRomanUrdu or InputOther.
	Input(q string) string
	// TranslateQuery renders q in lang ("ur" or "en").
	TranslateQuery(q, lang string) CrossQuery
}

// inputOf says what q is written in: its script, and for Latin script what
// the offline translator makes of it (English without one).
func (a *Answerer) inputOf(q string) string {
	arabic, latin := scriptWords(q)
	switch {
	case arabic == 0 && latin == 0:
		return ""
	case mixedScripts(arabic, latin):
		return InputMixed
	case arabic >= latin:
		return InputUrdu
	case a.Offline != nil:
		return a.Offline.Input(q)
	}
	return InputEnglish
}

// scriptWords counts q's words written in Arabic and in Latin letters, by
// their letters' majority.
func scriptWords(q string) (arabic, latin int) {
	for _, w := range strings.Fields(q) {
		if isAcronym(w) {
			continue // LNG, SCO: Latin in Urdu text too
		}
		var ar, la int
		for _, r := range w {
			switch {
			case !unicode.IsLetter(r):
			case r >= 0x0600 && r <= 0x06FF || r >= 0x0750 && r <= 0x077F || r >= 0xFB50 && r <= 0xFEFF:
				ar++
			case r < 0x250:
				la++
			}
		}
		if ar == 0 && la == 1 {
			continue // "Sputnik V", "a": a letter is not a word of a language
		}
		switch {
		case ar > la:
			arabic++
		case la > ar:
			latin++
		}
	}
	return arabic, latin
}

// mixedScripts reports a question written in two scripts at once ("Imran
// Khan کا دورہ روس kab hua"), which neither the Urdu nor the Latin path can
// read. Urdu news keeps Latin names and acronyms (LNG, Sputnik), so an Urdu
// question may hold one or two Latin words.
func mixedScripts(arabic, latin int) bool {
	if latin > arabic {
		// An English or Roman-Urdu question is read word by word in Latin
		// letters: an Urdu word in it is one the translation cannot place.
		return arabic > 0
	}
	return latin >= 2 && 5*latin >= 2*(arabic+latin)
}

// inputRefusal is what a question gets that jawab cannot read: it says why,
// in the asker's language.
func inputRefusal(lang, input string) string {
	if lang == "ur" {
		why := "یہ سوال اردو اور لاطینی رسم الخط کو ملا کر لکھا گیا ہے"
		if input == InputOther {
			why = "یہ سوال نہ اردو میں ہے، نہ انگریزی میں اور نہ رومن اردو میں"
		}
		return why + "، اس لیے اسے خبروں سے ملایا نہیں جا سکتا۔ jawab اردو، انگریزی اور رومن اردو (لاطینی حروف میں اردو) کے سوال پڑھتا ہے: سوال ان میں سے کسی ایک میں پوچھیں۔"
	}
	why := "This question mixes Urdu and Latin script"
	if input == InputOther {
		why = "This question is in neither English, Urdu nor Roman Urdu"
	}
	return why + ", so it cannot be matched against the articles. jawab reads questions in Urdu, English and Roman Urdu (Urdu typed in Latin letters): please ask in one of them."
}

// isAcronym reports a word of two to six capital Latin letters (and digits),
// with any punctuation around it.
func isAcronym(w string) bool {
	w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	caps := 0
	for _, r := range w {
		switch {
		case r >= 'A' && r <= 'Z':
			caps++
		case r >= '0' && r <= '9':
		default:
			return false
		}
	}
	return caps >= 2 && len(w) <= 6
}
