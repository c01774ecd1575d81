package rag

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/jawab/jawab/text"
)

// Index is what retrieval and answering need from an index. Every index
// offers all of it: what one does not hold in memory (a remote engine) it
// reports through the result (nil, false, an empty vocabulary), never by
// lacking a method, so no caller has to guess at capabilities.
type Index interface {
	Searcher
	WeightedSearcher
	TermSets
	Analyses
	Vocabulary
	// IDFs returns how telling each folded token is in the collection (its
	// inverse document frequency over chunks; 0 for a token no chunk holds):
	// a question's rare words ("بھارت" in a question about Russia and
	// Pakistan) count for more than its common ones.
	IDFs(ctx context.Context, tokens []string) ([]float64, error)
}

// Searcher is the two searches retrieval fuses.
type Searcher interface {
	VectorSearch(ctx context.Context, vec []float32, k int, f Filter) ([]Hit, error)
	KeywordSearch(ctx context.Context, query string, k int, f Filter) ([]Hit, error)
}

// Passage is a retrieved chunk as an answer uses it: numbered for citation, with
// its document's metadata and the scores that ranked it.
type Passage struct {
	N         int       `json:"n"`
	ChunkID   string    `json:"chunk_id"`
	DocID     string    `json:"doc_id"`
	Title     string    `json:"title"`
	Source    string    `json:"source,omitempty"`
	URL       string    `json:"url,omitempty"`
	Published time.Time `json:"published,omitzero"`
	Start     int       `json:"start"`
	End       int       `json:"end"`
	Text      string    `json:"text"`
	Score     float64   `json:"score"`
	// VectorRank and KeywordRank are 1-based ranks in each search, 0 when that
	// search did not return the chunk.
	VectorRank  int `json:"vector_rank,omitempty"`
	KeywordRank int `json:"keyword_rank,omitempty"`

	// lang is its document's language (DocumentInfo.Lang), "" when unknown.
	lang string
	// bm25 is the keyword search's score (0 when it did not find the
	// passage); features and rankScore are the learned ranker's inputs and
	// output, kept for the answerability gate (nil and 0 when no ranker ran).
	bm25      float64
	features  []float64
	rankScore float64
	// analysis is the chunk's words by sentence, kept from ranking so that
	// the extract and the gate do not fetch it from the index again.
	analysis *Analysis
	// tokens are its title and text as tokens (reportTokens), read once for
	// the rules that judge a whole report; the text's begin at textAt.
	tokens []string
	textAt int
	// codes are the codes its title and text name (passageCodes), read once
	// for the rules of a question that names one; codesRead says they were.
	codes     []code
	codesRead bool
}

// Retriever finds the passages for a question: keyword (BM25) and vector search in
// parallel, fused by reciprocal rank, then diversified (MMR) so that the passages
// are not copies of one paragraph.
type Retriever struct {
	Index    Index
	Embedder Embedder
	// Candidates is how many hits each search contributes before fusion (default 40).
	Candidates int
	// Lambda trades relevance (1) against diversity (0) in MMR (default 0.75).
	Lambda float64
	// Searches says which searches run (default Hybrid).
	Searches Searches
	// Ranker, when set, reorders the fused passages by the learned ranker
	// (the offline default); RankDepth is how many it scores (default 20).
	Ranker    *Model
	RankDepth int
	// Expansion, when set, adds the associates of an Urdu question's words to
	// its keyword search (expand); the offline default sets the model.
	Expansion Associations
	// Reranker, when set, reorders the RerankDepth best fused passages before
	// MMR; when it fails, the fused order stands and the Retrieval says why.
	Reranker Reranker
	// RerankDepth is how many fused passages the reranker sees (default 20).
	RerankDepth int
}

// errSkipped marks a search that was not run.
var errSkipped = errors.New("skipped")

// rrfK damps the reciprocal-rank fusion: the usual 60 keeps one search's top
// hit from drowning out agreement between both searches.
const rrfK = 60

// Query is one variant of a question to search with.
type Query struct {
	Text string
	// Terms, when set, are what the keyword search looks for, weighted (a
	// translated question's renderings); Text is then what the ranker reads.
	Terms []WeightedTerm
	// KeywordOnly skips the vector search: a question in another language than
	// the collection's, with a monolingual embedder, lands on arbitrary passages
	// by vector, while its names and numbers can still match by keyword.
	KeywordOnly bool
	// OtherLanguage marks a query in another language than the collection's:
	// its words cannot meet the passages', so the learned ranker, whose
	// features are word matches, does not rank by it.
	OtherLanguage bool
	// Subject is the place a translated question asks about, in the
	// collection's words (CrossQuery.Subject); an Urdu question's is read
	// from its text (subject). SubjectSpellings are its other spellings
	// (CrossQuery.SubjectSpellings).
	Subject          []string
	SubjectSpellings []string
	// Words are an offline-rendered question's words with all their
	// renderings (CrossQuery.Words), nil for others: Text holds one
	// rendering of each word ("cases" as کیسز, where a court report says
	// مقدمات), and a latest question's relevance reads them all.
	Words []CrossWord
}

// TermSets gives a chunk's distinct content words (text.ContentTokens) as
// sorted ids of the index's vocabulary, or nil if the index does not hold
// them in memory or does not know the chunk. MMR compares candidates by word overlap; the ids
// the keyword index already holds spare it tokenising each candidate per query.
type TermSets interface {
	ChunkTerms(chunkID string) []int32
}

// Retrieve returns up to k passages for query, best first, numbered from 1.
func (r *Retriever) Retrieve(ctx context.Context, query string, k int, f Filter) ([]Passage, error) {
	res, err := r.Search(ctx, []Query{{Text: query}}, k, f)
	return res.Passages, err
}

// Search searches with several variants of one question (the original and
// its translation, say) and fuses every ranking into one list of up to k
// passages. A search that fails is skipped as long as another one answers.
func (r *Retriever) Search(ctx context.Context, queries []Query, k int, f Filter) (Retrieval, error) {
	if k <= 0 || len(queries) == 0 {
		return Retrieval{}, nil
	}
	cand := max(r.candidates(), k)
	rankings := make([][]Hit, 2*len(queries))
	errs := make([]error, 2*len(queries))
	var wg sync.WaitGroup
	for i, q := range queries {
		if q.KeywordOnly || r.Searches == KeywordOnly {
			errs[2*i] = errSkipped
		} else {
			wg.Go(func() {
				v, err := r.Embedder.Embed(ctx, []string{q.Text}, ForQuery)
				if err != nil {
					errs[2*i] = err
					return
				}
				rankings[2*i], errs[2*i] = r.Index.VectorSearch(ctx, v[0], cand, f)
			})
		}
		if r.Searches == VectorOnly {
			errs[2*i+1] = errSkipped
		} else {
			wg.Go(func() { rankings[2*i+1], errs[2*i+1] = r.keywordSearch(ctx, q, cand, f) })
		}
	}
	wg.Wait()
	var firstErr error
	ok := 0
	for _, err := range errs {
		if err == nil {
			ok++
		} else if firstErr == nil && err != errSkipped {
			firstErr = err
		}
	}
	if ok == 0 {
		if firstErr == nil {
			// Only a vector search was asked for, of a question that may not
			// have one (another language, a monolingual embedder).
			return Retrieval{}, nil
		}
		return Retrieval{}, firstErr
	}
	res := Retrieval{weights: newWeights(ctx, r.Index)}
	fused := fuse(rankings...)
	if r.Ranker != nil {
		for _, q := range queries {
			if !q.OtherLanguage {
				res.weights.fetchQueries(q.Text)
			}
		}
		fused = r.rank(queries, fused, res.weights)
		if err := res.weights.Err(); err != nil {
			return Retrieval{}, err
		}
	}
	if r.Reranker != nil {
		if err := r.rerank(ctx, queries[0].Text, fused); err != nil {
			if ctx.Err() != nil {
				return Retrieval{}, ctx.Err()
			}
			res.Warnings = append(res.Warnings, rerankWarning(r.Reranker, err))
		}
	}
	res.Passages = mmr(fused, k, r.lambda(), r.Index)
	res.ranked = fused
	return res, nil
}

// keywordSearch searches by q's weighted Terms when it has them, else by its
// text, with its words' associates when the model has them (expand) and
// the joins of its words that the collection types as one (joinedTerms),
// and its words as the collection spells them otherwise (spellingTerms).
func (r *Retriever) keywordSearch(ctx context.Context, q Query, k int, f Filter) ([]Hit, error) {
	if len(q.Terms) > 0 {
		return r.Index.WeightedKeywordSearch(ctx, q.Terms, k, f)
	}
	terms := r.expand(q)
	joined, err := r.joinedTerms(ctx, q)
	if err != nil {
		return nil, err
	}
	spelled, err := r.spellingTerms(ctx, q)
	if err != nil {
		return nil, err
	}
	joined = append(joined, spelled...)
	if len(joined) > 0 {
		if terms == nil {
			terms = ownTerms(q.Text)
		}
		for _, j := range joined {
			if !slices.ContainsFunc(terms, func(t WeightedTerm) bool { return t.Term == j.Term }) {
				terms = append(terms, j)
			}
		}
	}
	if terms != nil {
		return r.Index.WeightedKeywordSearch(ctx, terms, k, f)
	}
	if q.OtherLanguage {
		// A question in another language is searched as typed for what the
		// collection keeps in Latin script (a name), not for its numbers or
		// acronyms: its rendering searches those already (an acronym spelled
		// in Urdu letter names is one word in either script: "NA" is
		// text.ContentTokens' "na" of "این اے"), and a year every other
		// report holds, or NA that every constituency's does, counted twice,
		// would push what the rendering found first below the passages the
		// ranker reads.
		var words []string
		for _, w := range strings.FieldsFunc(q.Text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
			if !text.IsAcronym(w) {
				words = append(words, slices.DeleteFunc(text.Tokens(w), text.IsDigits)...)
			}
		}
		if len(words) == 0 {
			return nil, nil
		}
		return r.Index.KeywordSearch(ctx, strings.Join(words, " "), k, f)
	}
	return r.Index.KeywordSearch(ctx, q.Text, k, f)
}

// An Urdu question's keyword search also looks for the passage words the
// model learned to go with each of its words (Model.Assoc, from the 60k UQA
// question–paragraph pairs: "پیدا" born → "پیدائش" birth, "جنگ" war →
// "لڑائی" battle), each at ExpansionWeight times the association's strength,
// so that a passage answering in other words than the question's reaches the
// candidates the ranker reorders; the ranker cannot promote what the search
// never found. Chosen on the UQA tuning part (docs/history/time.md, "Fourteenth round"):
// hit@5 .853 → .868; weights from .5 to 1 and 3 to 5 words per word were
// alike, and at ExpansionWeight a question's own word still outweighs any
// associate of it.
const (
	ExpansionWeight = 0.7
	ExpansionTerms  = 3
)

// expand is q's content words at weight 1 and their ExpansionTerms strongest
// associates, or nil when nothing is to be added: no Expansion, a question in
// another language than the collection's, or one not in Urdu (the
// associations are Urdu's).
func (r *Retriever) expand(q Query) []WeightedTerm {
	if r.Expansion == nil || q.OtherLanguage || text.DetectLang(q.Text) != "ur" {
		return nil
	}
	return ExpandTerms(r.Expansion, q.Text)
}

// ExpandTerms is an Urdu question's content words, each weighing 1, and
// each one's ExpansionTerms strongest associates at ExpansionWeight × their
// strength: the keyword search Retriever.expand runs, and the one the model
// is trained behind (cmd/jawab-train). Nil when no word has an associate.
func ExpandTerms(assoc Associations, q string) []WeightedTerm {
	terms := ownTerms(q)
	own := len(terms)
	for _, t := range terms[:own] {
		// The strongest associates by one pass (a word has up to a few hundred;
		// sorting them all cost an eighth of an extractive answer), ties by
		// word, so that a question always searches the same terms.
		var best [ExpansionTerms]WeightedTerm
		n := 0
		for a, strength := range assoc.Answers(t.Term) {
			c := WeightedTerm{Term: a, Weight: ExpansionWeight * strength, Associated: true}
			i := n
			for i > 0 && (c.Weight > best[i-1].Weight || c.Weight == best[i-1].Weight && c.Term < best[i-1].Term) {
				i--
			}
			if i == ExpansionTerms {
				continue
			}
			n = min(n+1, ExpansionTerms)
			copy(best[i+1:n], best[i:n-1])
			best[i] = c
		}
		terms = append(terms, best[:n]...)
	}
	if len(terms) == own {
		return nil
	}
	return terms
}

// ownTerms are q's distinct content words, each weighing 1: a keyword
// search for q as its words are.
func ownTerms(q string) []WeightedTerm {
	var terms []WeightedTerm
	for _, w := range text.ContentTokens(q) {
		if !slices.ContainsFunc(terms, func(t WeightedTerm) bool { return t.Term == w }) {
			terms = append(terms, WeightedTerm{Term: w, Weight: 1})
		}
	}
	return terms
}

// joinedTerms are the words an Urdu question types apart that the
// collection also types as one (RankQuery.joins: "وزیر داخلہ" as
// وزیرداخلہ, after a letter that does not join the next, so that the
// missing space does not show), each weighing 1: the ranker meets them as
// the question's words, and the search must find them for it to. Urdu news
// types both ways (dated-ur: وزیراعظم 809 times, وزیر اعظم 215); a report
// typed one way only matched the other's words before. Nil for a question
// in another language or with no such join in the collection.
func (r *Retriever) joinedTerms(ctx context.Context, q Query) ([]WeightedTerm, error) {
	if q.OtherLanguage || text.DetectLang(q.Text) != "ur" {
		return nil, nil
	}
	joins := NewRankQuery(q.Text, nil, nil).joins()
	if len(joins) == 0 {
		return nil, nil
	}
	for _, j := range slices.Clone(joins) {
		if endsNonJoining(j) {
			// A join is typed with a postposition glued to it as well
			// ("ایکسپوسینٹرکی"), which the ranker meets (RankQuery.meets).
			for _, pp := range gluedPostpositions {
				joins = append(joins, j+pp)
			}
		}
	}
	idf, err := r.Index.IDFs(ctx, joins)
	if err != nil {
		return nil, err
	}
	var terms []WeightedTerm
	for i, j := range joins {
		if idf[i] > 0 {
			terms = append(terms, WeightedTerm{Term: j, Weight: 1})
		}
	}
	return terms, nil
}

// spellingTerms are the collection's spellings of an Urdu question's words
// that it types otherwise, each weighing 1: the ranker meets them as the
// question's words, and the search must find them for it to.
//
//   - The halves of a word the question types as one and the collection
//     apart more often (a name typed glued, "طاہراشرفی", which one 2014
//     report writes so and the 2021 reports "طاہر اشرفی"; the ranker meets
//     the two adjacent words as the question's word, looseForms). A word is
//     split when the collection holds it less often than either half (its
//     IDF is higher than both; none at all counts as highest): "وزیراعظم",
//     which news types glued more often than not, is not split. The first
//     split into two words of three letters or more, as writtenApart reads
//     one.
//   - For a word of five letters or more that the collection never holds,
//     its spellings one letter apart that it does (text.SpellingsOneApart:
//     "میانمر" typed, "میانمار" reported; the ranker meets them, oneEdit).
//     Only for words the collection lacks: searching the variants of a word
//     it holds as well (tried on 3 and 5 December) lost on the UQA tuning
//     part.
//
// One lookup of the words' weights serves both, and one more those of the
// spellings of every word the collection lacks. Nil for a question in
// another language, with no such word, or over an index that answers each
// word's weight by a query (probesSpellings: Weaviate).
func (r *Retriever) spellingTerms(ctx context.Context, q Query) ([]WeightedTerm, error) {
	if q.OtherLanguage || text.DetectLang(q.Text) != "ur" || !probesSpellings(r.Index) {
		return nil, nil
	}
	var words, lookup []string
	for _, t := range text.ContentTokens(q.Text) {
		if utf8.RuneCountInString(t) < 5 || text.IsDigits(t) || slices.Contains(words, t) {
			continue
		}
		words = append(words, t)
		lookup = append(lookup, t)
		for _, h := range twoWords(t) {
			lookup = append(lookup, h[0], h[1])
		}
	}
	if len(words) == 0 {
		return nil, nil
	}
	idf, err := r.Index.IDFs(ctx, lookup)
	if err != nil {
		return nil, err
	}
	weight := map[string]float64{}
	for i, t := range lookup {
		weight[t] = idf[i]
	}
	// rarer reports a half the collection holds more often than the word.
	rarer := func(word, half string) bool {
		return weight[half] > 0 && (weight[word] == 0 || weight[word] > weight[half])
	}
	var split []WeightedTerm
	var spellings []string // of the words the collection never holds, in order: one lookup for all
	for _, t := range words {
		for _, h := range twoWords(t) {
			if rarer(t, h[0]) && rarer(t, h[1]) {
				split = append(split, WeightedTerm{Term: h[0], Weight: 1}, WeightedTerm{Term: h[1], Weight: 1})
				break
			}
		}
		if weight[t] == 0 {
			spellings = append(spellings, text.SpellingsOneApart(t)...)
		}
	}
	if len(spellings) == 0 {
		return split, nil
	}
	held, err := r.Index.IDFs(ctx, spellings)
	if err != nil {
		return nil, err
	}
	var respelled []WeightedTerm
	for j, s := range spellings {
		if held[j] > 0 && !slices.ContainsFunc(respelled, func(w WeightedTerm) bool { return w.Term == s }) {
			respelled = append(respelled, WeightedTerm{Term: s, Weight: 1})
		}
	}
	return append(split, respelled...), nil
}

// rerank reorders the first RerankDepth passages of ps by the reranker's
// scores, in place; on failure ps is unchanged. The scores become ranks: MMR
// weighs relevance relative to the best passage, which a model's logits (often
// negative) cannot be.
func (r *Retriever) rerank(ctx context.Context, query string, ps []Passage) error {
	depth := r.RerankDepth
	if depth <= 0 {
		depth = 20
	}
	depth = min(depth, len(ps))
	if depth == 0 {
		return nil
	}
	docs := make([]string, depth)
	for i := range docs {
		docs[i] = ps[i].Text
	}
	scores, err := r.Reranker.Rerank(ctx, query, docs)
	if err != nil {
		return err
	}
	if len(scores) != depth {
		return Errorf(Unavailable, "the reranker returned %d scores for %d passages", len(scores), depth)
	}
	head := slices.Clone(ps[:depth])
	order := make([]int, depth)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(scores[b], scores[a]) })
	for rank, i := range order {
		ps[rank] = head[i]
		ps[rank].Score = 1 / float64(rrfK+rank+1)
	}
	for i := depth; i < len(ps); i++ {
		ps[i].Score = 1 / float64(rrfK+i+1)
	}
	return nil
}

// candidates is how many hits each search contributes (Candidates, default 40).
func (r *Retriever) candidates() int {
	if r.Candidates <= 0 {
		return 40
	}
	return r.Candidates
}

func (r *Retriever) lambda() float64 {
	if r.Lambda <= 0 || r.Lambda > 1 {
		return 0.75
	}
	return r.Lambda
}

// fuse merges rankings by reciprocal rank: a chunk's score is the sum of
// 1/(rrfK+rank) over the searches that returned it. Rankings alternate vector,
// keyword, vector, keyword…; a passage keeps its best rank in each kind.
func fuse(rankings ...[]Hit) []Passage {
	byID := map[string]*Passage{}
	var order []*Passage
	add := func(hits []Hit, setRank func(*Passage, int)) {
		for i, h := range hits {
			p := byID[h.Chunk.ID]
			if p == nil {
				p = &Passage{ChunkID: h.Chunk.ID, DocID: h.Chunk.DocID, Title: h.Doc.Title, Source: h.Doc.Source,
					URL: h.Doc.URL, Published: h.Doc.Published, Start: h.Chunk.Start, End: h.Chunk.End, Text: h.Chunk.Text, lang: h.Doc.Lang}
				byID[h.Chunk.ID] = p
				order = append(order, p)
			}
			p.Score += 1 / float64(rrfK+i+1)
			setRank(p, i+1)
		}
	}
	best := func(cur *int, r int) {
		if *cur == 0 || r < *cur {
			*cur = r
		}
	}
	for i, hits := range rankings {
		if i%2 == 0 {
			add(hits, func(p *Passage, r int) { best(&p.VectorRank, r) })
		} else {
			add(hits, func(p *Passage, r int) { best(&p.KeywordRank, r) })
			for _, h := range hits {
				p := byID[h.Chunk.ID]
				p.bm25 = max(p.bm25, h.Score)
			}
		}
	}
	out := make([]Passage, len(order))
	for i, p := range order {
		out[i] = *p
	}
	slices.SortStableFunc(out, func(a, b Passage) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		return cmp.Compare(a.ChunkID, b.ChunkID)
	})
	return out
}

// mmr picks k passages by maximal marginal relevance: each next pick maximises
// lambda·relevance − (1−lambda)·(its highest word overlap with a pick so far),
// an overlap below NearCopyOverlap counting as none. Overlapping chunks of one
// paragraph share most words, so the second copy loses to a passage that adds
// something; two paragraphs of one article share their topic's words, which
// says nothing of whether the second adds something. Nor is another article
// that gives a figure the pick lacks a copy, however many words they share:
// "UAE announces $10 billion for Israel" and, five days on, "…$12 billion…"
// are the two reports a reader must see side by side (a conflict, or a count
// that moved).
//
// ps is sorted best first. A passage's MMR score is at most lambda·relevance, so
// the scan for each pick stops at the first passage whose relevance alone cannot
// beat the best so far; passages are tokenised only when they are compared. Most
// of 80 candidates never are, and tokenising them all was most of a search.
func mmr(ps []Passage, k int, lambda float64, ts TermSets) []Passage {
	if len(ps) == 0 {
		return nil
	}
	top := ps[0].Score
	set := termSets(ps, ts)
	figures := make([][]string, len(ps))
	analyses, _ := ts.(Analyses)
	figs := func(i int) []string {
		if figures[i] == nil {
			// The words the index analysed hold the passage's numbers as
			// text.Tokens reads them: tokenizing the text again for every
			// near copy took a fifth of an extractive answer's time in the
			// load benchmark's profile.
			if a, ok := passageAnalysis(analyses, &ps[i]); ok {
				figures[i] = digitsIn(a.Words)
			} else {
				figures[i] = figuresOf(ps[i].Text)
			}
		}
		return figures[i]
	}
	used := make([]bool, len(ps))
	var out []Passage
	var picked []int
	for len(out) < k && len(out) < len(ps) {
		best, bestScore := -1, 0.0
		for i := range ps {
			if used[i] {
				continue
			}
			bound := lambda * ps[i].Score / top
			if best >= 0 && bound <= bestScore {
				break
			}
			sim := 0.0
			for _, j := range picked {
				o := jaccard(set(i), set(j))
				if o >= NearCopyOverlap && ps[i].DocID != ps[j].DocID && newFigure(figs(i), figs(j)) {
					continue // another report, with another figure
				}
				sim = max(sim, o)
			}
			if sim < NearCopyOverlap {
				sim = 0
			}
			s := bound - (1-lambda)*sim
			if best < 0 || s > bestScore {
				best, bestScore = i, s
			}
		}
		used[best] = true
		picked = append(picked, best)
		p := ps[best]
		p.N = len(out) + 1
		out = append(out, p)
	}
	return out
}

// figuresOf is the distinct numbers in digits of s, as text.Tokens reads
// them (Urdu digits as ASCII, "50,000" as 50000, a decimal whole); never nil,
// so that a passage without figures is read once.
func figuresOf(s string) []string {
	return digitsIn(text.Tokens(s))
}

// digitsIn is figuresOf of tokens already read.
func digitsIn(toks []string) []string {
	out := []string{}
	for _, t := range toks {
		if text.IsDigits(strings.Replace(t, ".", "", 1)) && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// newFigure reports whether figures a hold one that b lack.
func newFigure(a, b []string) bool {
	for _, f := range a {
		if !slices.Contains(b, f) {
			return true
		}
	}
	return false
}

// NearCopyOverlap is the word overlap (Jaccard) from which MMR takes a
// passage for a near-copy of one already picked. Chosen on the UQA tuning
// part: 0.2 to 0.5 alike (MRR .769–.770, hit@5 .852–.853, against .765 and
// .840 when every overlap counted); see README.
const NearCopyOverlap = 0.3

// termSets gives ps[i]'s distinct content words as sorted ids, each
// passage's read once and only when asked for. Ids are comparable within
// one vocabulary only: the index's (ts), if it knows every passage (one
// deleted since the search is the exception), or else one made here.
func termSets(ps []Passage, ts TermSets) func(i int) []int32 {
	sets := make([][]int32, len(ps))
	for i := range ps {
		if ts == nil {
			break
		}
		if sets[i] = ts.ChunkTerms(ps[i].ChunkID); sets[i] == nil {
			clear(sets)
			break
		}
	}
	vocab := map[string]int32{}
	return func(i int) []int32 {
		if sets[i] == nil {
			sets[i] = termIDs(ps[i].Text, vocab)
		}
		return sets[i]
	}
}

// termIDs is s's distinct content words as sorted ids, numbered in vocab (ids
// from one vocab compare with each other only). Never nil.
func termIDs(s string, vocab map[string]int32) []int32 {
	ids := []int32{}
	for _, t := range text.ContentTokens(s) {
		id, ok := vocab[t]
		if !ok {
			id = int32(len(vocab))
			vocab[t] = id
		}
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// wordOverlap is the Jaccard overlap of two passages' content words, by the
// index's term sets where it holds them: a report retold by another source
// (an agency's story and the paper's next day) shares a third to a half of
// its words with it, another story of the same days a tenth.
func wordOverlap(ts TermSets, a, b *Passage) float64 {
	var x, y []int32
	if ts != nil {
		x, y = ts.ChunkTerms(a.ChunkID), ts.ChunkTerms(b.ChunkID)
	}
	if x == nil || y == nil {
		vocab := map[string]int32{}
		x, y = termIDs(a.Text, vocab), termIDs(b.Text, vocab)
	}
	return jaccard(x, y)
}

func jaccard(a, b []int32) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	inter := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			inter++
			i++
			j++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}

// WeightedTerm is a keyword query term with the weight its score is
// multiplied by: a translated question's terms count by how likely each
// translation is.
type WeightedTerm struct {
	Term   string
	Weight float64
	// Associated marks a word the question does not hold but the model
	// associates with one it does (Retriever.expand); an engine that cannot
	// weigh terms leaves these out, since at full weight they would count as
	// much as the question's own words.
	Associated bool
}

// WeightedSearcher is keyword search with weighted terms.
type WeightedSearcher interface {
	WeightedKeywordSearch(ctx context.Context, terms []WeightedTerm, k int, f Filter) ([]Hit, error)
}

// KeywordMatcher answers whether a keyword search would find anything,
// without ranking: AnyKeywordMatch(ctx, q, f) is len(KeywordSearch(ctx, q,
// 1, f)) > 0, at the cost of finding the first chunk that passes f rather
// than the best.
type KeywordMatcher interface {
	AnyKeywordMatch(ctx context.Context, query string, f Filter) (bool, error)
}

// Vocabulary is the words of the collection with the number of chunks
// holding each. A question in another script finds its names in it.
// VocabularySize changes when words are added, so that what is built from the
// vocabulary can be rebuilt. An index that cannot list its words (a remote
// engine) lists none, and its size is 0.
type Vocabulary interface {
	Vocabulary(fn func(word string, df int))
	VocabularySize() int
}
