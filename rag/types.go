// Package rag is the core of jawab: the domain types every other package shares
// (documents, chunks, passages), the interfaces the core needs from the outside
// world (embedders, stores), and the retrieval and answering logic built on them.
package rag

import (
	"slices"
	"time"
)

// Document is one article as jawab stores it.
//
// Text is the cleaned display text: it is never normalised, and every offset in
// the system (chunks, citations) counts runes into it, so a citation can quote and
// highlight the original words exactly.
type Document struct {
	ID        string    `json:"id"`
	Title     string    `json:"title"`
	Source    string    `json:"source,omitempty"`
	URL       string    `json:"url,omitempty"`
	Published time.Time `json:"published,omitzero"`
	// Modified is when the article was last updated, where known.
	Modified time.Time `json:"modified,omitzero"`
	// DateSource says where Published came from (see the Date* constants);
	// empty for an undated article.
	DateSource string `json:"date_source,omitempty"`
	// Author is the byline, where the feed or the page gives one.
	Author string `json:"author,omitempty"`
	Lang   string `json:"lang"`
	// Hash identifies the content (text and metadata); an unchanged hash means a
	// re-ingest has nothing to do.
	Hash string `json:"hash"`
	Text string `json:"text"`
}

// Where an article's publication date came from (Document.DateSource).
const (
	// DateMetadata: the file said it (a .jsonl "published", front matter).
	DateMetadata = "metadata"
	// DateHTML: the page's meta tags or JSON-LD (datePublished).
	DateHTML = "html"
	// DateLine: a line near the top that is only a date ("17 جنوری 2024").
	DateLine = "date line"
	// DateDateline: the story's dateline ("کیف۔ یکم جولائی (اے پی پی)"),
	// with the year from the dateline, the address or the modification date.
	DateDateline = "dateline"
)

// Info is the document's metadata as listings show it (without the counts
// only a store knows).
func (d Document) Info() DocumentInfo {
	return DocumentInfo{ID: d.ID, Title: d.Title, Source: d.Source, URL: d.URL, Published: d.Published,
		Modified: d.Modified, DateSource: d.DateSource, Author: d.Author, Lang: d.Lang, Hash: d.Hash}
}

// Document is the document i describes, with its text.
func (i DocumentInfo) Document(text string) Document {
	return Document{ID: i.ID, Title: i.Title, Source: i.Source, URL: i.URL, Published: i.Published,
		Modified: i.Modified, DateSource: i.DateSource, Author: i.Author, Lang: i.Lang, Hash: i.Hash, Text: text}
}

// DocumentInfo is a Document without its text: what listings show.
type DocumentInfo struct {
	ID         string    `json:"id"`
	Title      string    `json:"title"`
	Source     string    `json:"source,omitempty"`
	URL        string    `json:"url,omitempty"`
	Published  time.Time `json:"published,omitzero"`
	Modified   time.Time `json:"modified,omitzero"`
	DateSource string    `json:"date_source,omitempty"`
	Author     string    `json:"author,omitempty"`
	Lang       string    `json:"lang"`
	Hash       string    `json:"hash"`
	Runes      int       `json:"runes"`
	Chunks     int       `json:"chunks"`
	Ingested   time.Time `json:"ingested"`
}

// Chunk is a sentence-aligned span of a document: the unit that is embedded,
// indexed and retrieved.
type Chunk struct {
	// ID is "<doc id>#<ordinal>".
	ID      string `json:"id"`
	DocID   string `json:"doc_id"`
	Ordinal int    `json:"ordinal"`
	// Start and End are rune offsets into Document.Text, End exclusive.
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// Hit is one chunk found by a search, with the score of the search that found it
// and the metadata of its document.
type Hit struct {
	Chunk Chunk        `json:"chunk"`
	Doc   DocumentInfo `json:"doc"`
	Score float64      `json:"score"`
}

// Filter narrows a search. The zero Filter matches everything.
type Filter struct {
	DocIDs  []string  `json:"doc_ids,omitempty"`
	Sources []string  `json:"sources,omitempty"`
	Lang    string    `json:"lang,omitempty"`
	From    time.Time `json:"from,omitzero"` // published on or after
	To      time.Time `json:"to,omitzero"`   // published on or before
	// Undated keeps the documents without a publication date in a date
	// range: a question's own time ("last month", as of a day) excludes only
	// what is known to fall outside it.
	Undated bool `json:"undated,omitempty"`
}

// VisibleAsOf narrows f to the articles visible on the day asOf: none
// published after its end (in asOf's location). An undated article is not
// known to be later, and stays visible unless f already set a date range.
// A zero asOf leaves f as it is; a day after now's counts as now's.
func (f Filter) VisibleAsOf(asOf, now time.Time) Filter {
	if asOf.IsZero() {
		return f
	}
	if f.From.IsZero() && f.To.IsZero() {
		f.Undated = true
	}
	if asOf.After(now) {
		asOf = now.In(asOf.Location())
	}
	y, m, d := asOf.Date()
	return f.Within(time.Time{}, time.Date(y, m, d+1, 0, 0, 0, 0, asOf.Location()).Add(-time.Nanosecond))
}

// Within narrows f's dates to from–to (a zero bound leaves that side as it
// is). It never widens them: a range the asker set (as_of, --from, --to)
// holds whatever a question's own time adds.
func (f Filter) Within(from, to time.Time) Filter {
	if !from.IsZero() && (f.From.IsZero() || from.After(f.From)) {
		f.From = from
	}
	if !to.IsZero() && (f.To.IsZero() || to.Before(f.To)) {
		f.To = to
	}
	return f
}

// IsZero reports whether f matches everything.
func (f Filter) IsZero() bool {
	return len(f.DocIDs) == 0 && len(f.Sources) == 0 && f.Lang == "" && f.From.IsZero() && f.To.IsZero()
}

// Match reports whether a document passes the filter. Documents without a
// published date never pass a date range.
func (f Filter) Match(d DocumentInfo) bool {
	if len(f.DocIDs) > 0 && !slices.Contains(f.DocIDs, d.ID) {
		return false
	}
	if len(f.Sources) > 0 && !slices.Contains(f.Sources, d.Source) {
		return false
	}
	if f.Lang != "" && f.Lang != d.Lang {
		return false
	}
	if d.Published.IsZero() && f.Undated {
		return true
	}
	if !f.From.IsZero() && (d.Published.IsZero() || d.Published.Before(f.From)) {
		return false
	}
	if !f.To.IsZero() && (d.Published.IsZero() || d.Published.After(f.To)) {
		return false
	}
	return true
}
