package text

import (
	"slices"
	"strings"
)

// Stopword lists are deliberately modest: BM25 already discounts frequent
// words, and an aggressive list would drop words that matter in questions
// ("کب" when, "کون" who, "کیوں" why are kept on purpose). Entries are in
// folded form (see [Fold]); a test checks that.

var urduStopwords = setOf(
	// postpositions and case markers
	"کے", "کی", "کا", "میں", "سے", "نے", "کو", "پر", "تک", "لیے", "لئے", "ساتھ",
	"طرف", "بعد", "پہلے", "دوران", "مطابق", "بارے", "جانب", "ذریعے", "علاوہ",
	// conjunctions and particles
	"اور", "یا", "کہ", "تو", "بھی", "ہی", "نہ", "نہیں", "مگر", "لیکن", "بلکہ", "جبکہ",
	"اگر", "چونکہ", "کیونکہ", "تاہم", "البتہ", "پھر", "جب", "تب", "ورنہ", "یعنی",
	"و",
	// pronouns and determiners
	"یہ", "وہ", "اس", "ان", "اسی", "انہی", "جو", "جس", "جن", "جنہوں", "انہوں",
	"اپنے", "اپنی", "اپنا", "ہم", "آپ", "مجھے", "ہمیں", "انہیں", "اسے", "ایک",
	"کچھ", "کوئی", "ہر", "سب", "دیگر", "دوسرے", "ایسے", "ایسا", "ایسی", "یہاں", "وہاں",
	// auxiliaries and light verbs
	"ہے", "ہیں", "ہو", "ہوں", "ہوا", "ہوئی", "ہوئے", "ہونے", "تھا", "تھی", "تھے", "تھیں",
	"گا", "گی", "گے", "گیا", "گئی", "گئے", "کیا", "کیے", "کئے", "کر", "کرنے",
	"کرتے", "کرتی", "کرتا", "رہا", "رہی", "رہے", "سکتا", "سکتی", "سکتے", "چکا", "چکی",
	"چکے", "والے", "والی", "والا", "جا", "جاتا", "جاتی", "جاتے", "جائے", "دیا", "دی",
	"ہوتا", "ہوتی", "ہوتے",
)

var englishStopwords = setOf(
	"a", "an", "the", "this", "that", "these", "those", "some", "any", "each",
	"every", "all", "both", "no", "not", "nor", "only", "such", "other", "same",
	"of", "in", "on", "at", "by", "for", "with", "about", "against", "between",
	"into", "through", "during", "before", "after", "above", "below", "to", "from",
	"versus", "vs", "v", // "England v India": who plays whom, as "against" says
	"up", "down", "out", "off", "over", "under", "again", "further", "then", "once",
	"and", "or", "but", "if", "because", "as", "until", "while", "so", "than",
	"too", "very", "also", "just", "there", "here",
	"is", "are", "was", "were", "be", "been", "being", "am", "have", "has", "had",
	"having", "do", "does", "did", "doing", "will", "would", "shall", "should",
	"can", "could", "may", "might", "must",
	"i", "me", "my", "we", "us", "our", "you", "your", "he", "him", "his", "she",
	"her", "it", "its", "they", "them", "their", "itself", "themselves",
	"what", "which", "who", "whom", "whose",
	// clitics left over after splitting on apostrophes ("pakistan's", "don't")
	"s", "t", "d", "ll", "re", "ve", "m",
)

// stopwordIDs numbers the stopwords of both lists from 1, in sorted order.
var stopwordIDs = func() map[string]uint8 {
	var all []string
	for _, set := range []map[string]struct{}{urduStopwords, englishStopwords} {
		for w := range set {
			all = append(all, w)
		}
	}
	slices.Sort(all)
	all = slices.Compact(all)
	if len(all) > 255 {
		panic("text: more stopwords than StopwordID can number")
	}
	ids := make(map[string]uint8, len(all))
	for i, w := range all {
		ids[w] = uint8(i + 1)
	}
	return ids
}()

// StopwordID is tok's number among the stopwords ([IsStopword]), from 1; 0
// when tok is none. A passage's analysis records, in one byte per word,
// which stopword follows it ([ContentTokensFollowed]): the postposition
// after a name says how it is meant ("ایپل میں" in Apple, "ایپل سے" from it).
func StopwordID(tok string) uint8 { return stopwordIDs[tok] }

// StopwordLists is every stopword, in the order StopwordID numbers them:
// what a stored analysis's followers were numbered by.
func StopwordLists() string {
	all := make([]string, len(stopwordIDs))
	for w, id := range stopwordIDs {
		all[id-1] = w
	}
	return strings.Join(all, " ")
}

func setOf(words ...string) map[string]struct{} {
	m := make(map[string]struct{}, len(words))
	for _, w := range words {
		m[w] = struct{}{}
	}
	return m
}

// IsStopword reports whether tok, a folded token as returned by [Tokens], is a
// very common Urdu or English function word. Question words that carry the
// intent of a query (کب, کیوں, کہاں, when, where, why, how) are not stopwords.
func IsStopword(tok string) bool {
	if _, ok := urduStopwords[tok]; ok {
		return true
	}
	_, ok := englishStopwords[tok]
	return ok
}
