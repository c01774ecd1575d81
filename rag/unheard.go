package rag

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/jawab/jawab/rag/model"
	"github.com/jawab/jawab/text"
	"github.com/jawab/jawab/translit"
)

// MinCommonWordRunes is the shortest word the list of general Urdu holds and
// unheardSubject reads: shorter words are mostly function words and
// affixes, and one letter apart from many others.
const MinCommonWordRunes = 4

// CommonWordCandidate reports whether a token (as text.Tokens gives it) is
// one the list of general Urdu may hold: MinCommonWordRunes letters or more,
// in Arabic script, not a stopword.
func CommonWordCandidate(t string) bool {
	return contentWord(t) && utf8.RuneCountInString(t) >= MinCommonWordRunes
}

// contentWord reports a token in Arabic script that is neither a stopword
// nor a number.
func contentWord(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.Is(unicode.Arabic, r) && !text.IsStopword(t) && !text.IsDigits(t)
}

// commonWords is the list of general Urdu (model.Words) with each word's
// stem beside it, read on first use.
var commonWords = sync.OnceValue(func() map[string]bool {
	set := map[string]bool{}
	zr, err := gzip.NewReader(bytes.NewReader(model.Words))
	if err != nil {
		panic("rag: the built-in word list is not gzip: " + err.Error() + "; rebuild it with " + model.Rebuild)
	}
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		w := sc.Text()
		set[w] = true
		set[text.Stem(w)] = true
	}
	if err := sc.Err(); err != nil {
		panic("rag: the built-in word list cannot be read: " + err.Error())
	}
	return set
})

// CommonWord reports whether word, or its stem, is a word of general Urdu:
// one of the UQA training paragraphs (Wikipedia, machine-translated) or of
// the 500 urdu-news articles. A word neither they nor a collection holds is
// a name: "کالاباغ", "سدپارہ", "ستیارتھی".
func CommonWord(word string) bool {
	set := commonWords()
	return set[word] || set[text.Stem(word)]
}

// unheardSubject returns the first word of an Urdu question that names what
// the collection never mentions, read without the lexicon (unseenName reads
// with it, and only the names it can transliterate): a word of general Urdu
// (CommonWord) is not one, unless a count is asked of it (countOf) or it is
// the agent of what is asked (agentAt), nor a
// word the collection holds otherwise — its
// stem as a word, a spelling one letter apart (text.SpellingsOneApart:
// لاوروف/لاروف), written apart as two adjacent words (آخرکار as آخر
// کار; the two words apart anywhere do not count: "کالاباغ" is not met by
// "کالا" in one report and "باغ" in another), typed apart from the word
// beside it (splitHeld), glued to a function word (gluedToFunctionWord),
// with or without a prothetic alef (protheticHeld), or in another form of
// its stem (formHeld: ہنگامے for ہنگاموں). "" when none.
//
// It is read for latest questions and for any question over dated reports,
// as news is (Answerer.Ask): "کالاباغ ڈیم کی تعمیر کے بارے میں تازہ ترین پیش
// رفت کیا ہے؟" over news that never names the dam is otherwise answered by
// the newest report that holds its other words ("تعمیر", "پیش رفت"). Other
// questions are judged by the gate on the whole question; in the UQA parts
// one answerable question in twenty spells a name as neither its paragraph
// nor general Urdu does (machine translation), which such a rule would
// refuse.
func (a *Answerer) unheardSubject(ctx context.Context, w TermWeigher, question string) (string, error) {
	if w == nil || !probesSpellings(a.Retriever.Index) {
		// (Without the spellings one letter apart, a name the reports spell
		// otherwise would be refused: the rule is not read.)
		return "", nil
	}
	toks := text.Tokens(question)
	for i, t := range toks {
		if !CommonWordCandidate(t) || asking[t] || w.IDF(t) > 0 || w.IDF(text.Stem(t)) > 0 {
			// (A word that asks, "کیسا" or "کتنے", is no subject, however
			// seldom general Urdu writes it.)
			continue
		}
		common := CommonWord(t)
		if common && !(countOf(toks, i) && asksFigure([]string{question}) || agentAt(toks, i)) {
			continue
		}
		if splitHeld(w, toks, i) || alternativeHeld(w, toks, i) || gluedToFunctionWord(w, t) || protheticHeld(w, t) || formHeld(w, t) {
			continue
		}
		if _, ok := text.Month(t); ok {
			continue
		}
		if ordinalWord(t) {
			// A place in an order ("سوویں", the hundredth) is no subject.
			continue
		}
		if held := heldSpellings(w, t); !common && len(held) > 0 || slices.ContainsFunc(held, func(s string) bool { return !CommonWord(s) }) {
			// (An ordinary word's spelling one letter apart that is an
			// ordinary word too is another word: خسارہ, a loss, is no
			// spelling of خسرہ, measles.)
			continue
		}
		if spellsEnglishNumber(t) {
			// Nor is a number. (Read after the cheaper tests: it aligns the
			// word with every English number's spelling.)
			continue
		}
		apart, err := a.heldApart(ctx, w, t)
		if err != nil {
			return "", err
		}
		if !apart {
			return t, nil
		}
	}
	return "", nil
}

// datedArchive reports whether the articles visible under f that hold the
// question's words (query) include a dated one: whether the question is
// asked of news, which unheardSubject's refusal is for, rather than of
// undated paragraphs (UQA's machine-translated Wikipedia, whose questions
// spell one name in twenty otherwise). A news archive may hold undated items
// beside its dated reports, and its first passage be one of them: pk-ru's
// dated reports beside the 500 urdu-news articles, 24 of them dated, where
// "ٹائٹینک جہاز کس سال ڈوبا تھا؟" was answered from an undated report on
// solar sails. It is asked only when no candidate of the search is dated
// (datedCandidate): before unheardSubject reads the words when the store
// answers without ranking (KeywordMatcher), else only once a word was found.
func (a *Answerer) datedArchive(ctx context.Context, query string, f Filter) (bool, error) {
	if f.From.IsZero() {
		// The earliest day a date can name: a bound every dated article
		// meets and no undated one does.
		f.From = time.Date(1, time.January, 2, 0, 0, 0, 0, time.UTC)
	}
	f.Undated = false
	if m, ok := a.Retriever.Index.(KeywordMatcher); ok {
		// (Over an archive of undated articles beside a few dated
		// reports, the search for the best dated chunk asked the filter of
		// most chunks the question's words touch: a tenth of Ask's time in
		// BenchmarkPipeline's profile, over the load benchmark's corpus.)
		found, err := m.AnyKeywordMatch(ctx, query, f)
		if err != nil {
			return false, fmt.Errorf("search the dated articles: %w", err)
		}
		return found, nil
	}
	hits, err := a.Retriever.Index.KeywordSearch(ctx, query, 1, f)
	if err != nil {
		return false, fmt.Errorf("search the dated articles: %w", err)
	}
	return len(hits) > 0, nil
}

// datedCandidate reports whether any of the search's candidates (ranked,
// before MMR picked the passages) is dated.
func (res Retrieval) datedCandidate() bool {
	return slices.ContainsFunc(res.ranked, func(p Passage) bool { return !p.Published.IsZero() })
}

// countOf reports a word of a question that asks a count which the count is
// of, or where: the word before a genitive ("خسرہ کے کتنے کیس", "ہیضے کے
// تازہ ترین کیسز", "خسرہ کی وبا سے کتنے بچے") or before "میں" ("سکردو میں
// … کیسز کتنے ہیں؟"). A word of general Urdu the archive never writes is its
// subject there, however ordinary: the archive has no count of measles, and
// the newest count of another disease is no answer.
func countOf(toks []string, i int) bool {
	if _, cue := kindCues[toks[i]]; cue || asking[toks[i]] {
		return false // "کتنے کا" asks a price, "سال کے" a year
	}
	return i+1 < len(toks) && (toks[i+1] == "کے" || toks[i+1] == "کی" || toks[i+1] == "کا" || toks[i+1] == "میں")
}

// agentAt reports the word before the agent's "نے" ("ہواوے نے … کیا اعلان
// کیا؟"): who did what the question asks about.
func agentAt(toks []string, i int) bool {
	return i+1 < len(toks) && toks[i+1] == "نے" && !asking[toks[i]]
}

// splitHeld reports a word the question typed apart from the word before or
// after it that the collection holds joined ("انڈو نیشیا" for انڈونیشیا).
func splitHeld(w TermWeigher, toks []string, i int) bool {
	return i > 0 && w.IDF(toks[i-1]+toks[i]) > 0 || i+1 < len(toks) && w.IDF(toks[i]+toks[i+1]) > 0
}

// alternativeHeld reports a word the question offers as an alternative to
// one the collection holds ("مداح یا لائکس", fans or likes): the question
// asks about either, and the archive mentions one.
func alternativeHeld(w TermWeigher, toks []string, i int) bool {
	held := func(k int) bool {
		return k >= 0 && k < len(toks) && !text.IsStopword(toks[k]) && (w.IDF(toks[k]) > 0 || w.IDF(text.Stem(toks[k])) > 0)
	}
	return i >= 2 && toks[i-1] == "یا" && held(i-2) || i+2 < len(toks) && toks[i+1] == "یا" && held(i+2)
}

// gluedToFunctionWord reports a word typed glued to a function word before
// or after it, whose other part the collection holds: "پرفائرنگ" (پر
// فائرنگ), "بےصبری", "کتنےلوگ", "پچھلےمہینے". Urdu letters that do not join
// leave no gap to see, and askers omit the space: the word is cut only after
// such a letter (nonJoining), as gluedWords cuts one.
func gluedToFunctionWord(w TermWeigher, word string) bool {
	rs := []rune(word)
	held := func(s string) bool {
		return utf8.RuneCountInString(s) >= 3 && (w.IDF(s) > 0 || w.IDF(text.Stem(s)) > 0)
	}
	for k := 2; k+2 <= len(rs); k++ {
		if !nonJoining[rs[k-1]] {
			continue
		}
		left, right := string(rs[:k]), string(rs[k:])
		if gluedFirst(left) && held(right) || held(left) && text.IsStopword(right) {
			return true
		}
	}
	return false
}

// gluedFirst reports a word that opens what an asker types glued to the word
// after it: a function word, or a word that asks (کتنے), negates (بے, غیر) or
// dates (پچھلے, اگلے) the next one. The stopwords leave the asking and time
// words out, which the ranker reads.
func gluedFirst(w string) bool {
	return text.IsStopword(w) || gluedOpeners[w]
}

var gluedOpeners = map[string]bool{
	"کتنے": true, "کتنی": true, "کتنا": true, "کس": true, "کون": true, "کیا": true, "کب": true, "کہاں": true,
	"بے": true, "غیر": true, "پچھلے": true, "پچھلی": true, "گزشتہ": true, "گذشتہ": true, "اگلے": true, "اگلی": true, "آئندہ": true,
}

// protheticHeld reports a word the collection holds with or without an
// alef before its first letters, as Urdu writes an initial s and consonant
// of a borrowed word either way (اسکولاری, سکولاری; اسٹاک, سٹاک).
func protheticHeld(w TermWeigher, word string) bool {
	if rest, ok := strings.CutPrefix(word, "ا"); ok && utf8.RuneCountInString(rest) >= 3 && w.IDF(rest) > 0 {
		return true
	}
	return w.IDF("ا"+word) > 0
}

// spellsEnglishNumber reports an Urdu word that spells an English number
// word by its sound ("ہنڈرڈ انڈیکس", the hundred index, which reports write
// "100 انڈیکس"): a figure, not a subject the collection lacks.
func spellsEnglishNumber(word string) bool {
	return slices.ContainsFunc(text.EnglishNumberWords(), func(en string) bool {
		return translit.Score(en, word) >= translit.NameThreshold
	})
}

// heldApart reports whether the collection holds word written apart: as
// two words of it (writtenApart) that some chunk holds side by side
// (adjacent), not each somewhere ("کالا" in one report and "باغ" in another
// do not write "کالاباغ").
func (a *Answerer) heldApart(ctx context.Context, w TermWeigher, word string) (bool, error) {
	left, right, ok := writtenApart(w, word)
	if !ok {
		return false, nil
	}
	return a.adjacent(ctx, left, right)
}

// adjacent reports whether some chunk of the collection holds left and
// right as adjacent words, among the keyword search's first 20 for both.
func (a *Answerer) adjacent(ctx context.Context, left, right string) (bool, error) {
	hits, err := a.Retriever.Index.KeywordSearch(ctx, left+" "+right, 20, Filter{})
	if err != nil {
		return false, err
	}
	for _, h := range hits {
		toks := text.Tokens(h.Doc.Title + "\n" + h.Chunk.Text)
		for i := 1; i < len(toks); i++ {
			if toks[i-1] == left && toks[i] == right {
				return true, nil
			}
		}
	}
	return false, nil
}

// probesSpellings reports whether ix answers a word's weight from memory,
// so that the hundreds of spellings of a word one letter apart
// (text.SpellingsOneApart) may be looked up: an index that holds its vocabulary
// (the local store) does; a remote one (Weaviate) asks the engine word by
// word, and holds no vocabulary (VocabularySize 0).
func probesSpellings(ix Index) bool {
	return ix != nil && ix.VocabularySize() > 0
}

// heldSpelling is the weight of the collection's rarest spelling of word one
// letter apart (text.SpellingsOneApart), 0 when it holds none.
func heldSpelling(w TermWeigher, word string) float64 {
	held := 0.0
	for _, s := range heldSpellings(w, word) {
		held = max(held, w.IDF(s))
	}
	return held
}

// formHeld reports a word the collection holds in another form of its
// stem (text.Forms): "ہنگاموں" asked, "ہنگامے" reported. Its stem alone
// is seldom a word (ہنگام), which is all the weight of the stem tells.
func formHeld(w TermWeigher, word string) bool {
	forms := text.Forms(word)
	prefetch(w, forms)
	return slices.ContainsFunc(forms, func(f string) bool { return w.IDF(f) > 0 })
}

// heldSpellings are the collection's spellings of word one letter apart
// (text.SpellingsOneApart).
func heldSpellings(w TermWeigher, word string) []string {
	spellings := text.SpellingsOneApart(word)
	prefetch(w, spellings)
	return slices.DeleteFunc(spellings, func(s string) bool { return w.IDF(s) == 0 })
}

// notMentioned is the refusal of a question about a word no article
// mentions (unheardSubject): the reader sees which word, and may ask again
// in the archive's spelling of it.
func notMentioned(word, lang string) string {
	if lang == "ur" {
		return fmt.Sprintf("مضامین میں «%s» کا کہیں ذکر نہیں، اس لیے اس سوال کا جواب ان سے نہیں دیا جا سکتا۔", word)
	}
	return fmt.Sprintf("No article mentions «%s», so the articles cannot answer this question.", word)
}
