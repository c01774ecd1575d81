package app

import (
	"context"
	"encoding/json"
	"errors"
	"path"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/jawab/jawab/api"
	"github.com/jawab/jawab/index/ingest"
	"github.com/jawab/jawab/index/load"
	"github.com/jawab/jawab/rag"
)

// uploadSource is the source of documents added through the API that do not
// name one (the CLI uses the name of the directory they came from).
const uploadSource = "upload"

// Library is the document collection behind the API's admin endpoints
// (api.Library): the store for reading, and the ingest pipeline of "jawab
// ingest" for writing, so that an added or uploaded document gets the same
// cleaning, the same idempotency (an unchanged document is not embedded again,
// a changed one replaces all its chunks, the vectors of unchanged chunk texts
// are reused) and the same crash safety (each document wholly at its old or
// its new version; a batch is committed as one unit).
type Library struct {
	ix *Index
	// mu serialises the writes, so that two requests for the same id cannot
	// both see it missing and both report "added".
	mu sync.Mutex
}

// NewLibrary returns the library over ix, which must be open for writing
// (OpenForWrite); each write checks the embedder and ranking model version
// again, since a shared index may have been rebuilt meanwhile.
func NewLibrary(ix *Index) *Library { return &Library{ix: ix} }

func (l *Library) List(ctx context.Context) ([]rag.DocumentInfo, error) { return l.ix.Store.List(ctx) }

func (l *Library) Get(ctx context.Context, id string) (rag.Document, []rag.Chunk, error) {
	return l.ix.Store.Get(ctx, id)
}

func (l *Library) Delete(ctx context.Context, id string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.ix.Store.Delete(ctx, id)
}

func (l *Library) Stats(ctx context.Context) (documents, chunks int, err error) {
	s, err := l.ix.Store.Stats(ctx)
	return s.Documents, s.Chunks, err
}

// articleJSON is a document as a line of a .jsonl file (see index/load).
type articleJSON struct {
	ID        string `json:"id"`
	Title     string `json:"title,omitempty"`
	Text      string `json:"text"`
	URL       string `json:"url,omitempty"`
	Published string `json:"published,omitempty"`
	Source    string `json:"source,omitempty"`
	Lang      string `json:"lang,omitempty"`
}

// Add ingests one article. It goes through the .jsonl loader, so that an
// article added here and the same article in a file get every rule alike
// (cleaning, title from the first line, language detection when lang is
// empty); Hash is ignored.
func (l *Library) Add(ctx context.Context, doc rag.Document) (api.IngestResult, error) {
	fail := func(err error) (api.IngestResult, error) {
		return api.IngestResult{ID: doc.ID, Status: string(ingest.Failed), Error: resultMessage(err)}, err
	}
	if err := rag.ValidateDocID(doc.ID); err != nil {
		return fail(err)
	}
	for _, f := range []struct{ name, value string }{{"text", doc.Text}, {"title", doc.Title}, {"source", doc.Source}, {"url", doc.URL}} {
		if !utf8.ValidString(f.value) {
			return fail(rag.Errorf(rag.Invalid, "the %s is not valid UTF-8", f.name))
		}
	}
	if strings.TrimSpace(doc.Text) == "" {
		return fail(rag.Errorf(rag.Invalid, "the text is empty"))
	}
	if doc.Lang != "" && doc.Lang != "ur" && doc.Lang != "en" {
		return fail(rag.Errorf(rag.Invalid, "lang %q: want \"ur\", \"en\" or empty (detected from the text)", doc.Lang))
	}
	rec := articleJSON{ID: doc.ID, Title: doc.Title, Text: doc.Text, URL: doc.URL, Source: doc.Source, Lang: doc.Lang}
	if !doc.Published.IsZero() {
		rec.Published = doc.Published.Format(time.RFC3339Nano)
	}
	line, err := json.Marshal(rec)
	if err != nil {
		return fail(rag.Wrap(rag.Invalid, err, "encode the article"))
	}
	items := load.Parse("article.jsonl", doc.ID, line, load.Options{Source: uploadSource})
	if len(items) != 1 {
		return fail(rag.Errorf(rag.Internal, "the article loaded as %d documents", len(items)))
	}
	if err := items[0].Err; err != nil {
		// The loader's message names the .jsonl line, which the caller never saw.
		var re *rag.Error
		if errors.As(err, &re) {
			err = re
		}
		return fail(err)
	}
	results, err := l.ingest(ctx, items)
	r := results[0]
	r.Path = ""
	r.Error = strings.TrimPrefix(r.Error, items[0].Path+": ")
	if err != nil {
		return r, err
	}
	if r.Status == string(ingest.Failed) {
		// Without a run error, only the input can be at fault.
		return r, rag.Errorf(rag.Invalid, "%s", r.Error)
	}
	return r, nil
}

// Upload ingests the files of one upload. Every document gets a result; a
// bad file or line gives a "failed" result with the reason, and the others
// are ingested. The error is the embedder's or the store's when they failed
// (what was committed before stays), or a rag.Invalid error when nothing
// could be ingested, or when two documents of the upload share an id: which
// one is meant is unclear, so none of the upload is stored.
func (l *Library) Upload(ctx context.Context, files []api.UploadFile) ([]api.IngestResult, error) {
	// Each file gives its items, or one result saying why it gave none.
	var (
		items   []load.Item
		results = make([]api.IngestResult, 0, len(files))
		slots   []int // the result index of each item
	)
	for _, f := range files {
		// Browsers send a base name, but some clients send a path (even a Windows one).
		name := path.Base(strings.ReplaceAll(f.Name, `\`, "/"))
		if name == "." || name == "/" || strings.TrimSpace(name) == "" {
			err := rag.Errorf(rag.Invalid, "the upload has no file name (its extension picks the format: .txt, .md, .html or .jsonl)")
			results = append(results, api.IngestResult{Status: string(ingest.Failed), Error: resultMessage(err)})
			continue
		}
		id := strings.TrimSuffix(name, path.Ext(name))
		its := load.Parse(name, id, f.Data, load.Options{Source: uploadSource})
		if len(its) == 0 {
			err := rag.Errorf(rag.Invalid, "%s: no articles in the file", name)
			results = append(results, api.IngestResult{Path: name, Status: string(ingest.Failed), Error: resultMessage(err)})
			continue
		}
		for _, it := range its {
			slots = append(slots, len(results))
			results = append(results, api.IngestResult{ID: it.ID, Path: it.Path})
			items = append(items, it)
		}
	}
	if err := duplicateIDs(items); err != nil {
		for i := range results {
			results[i].Status, results[i].Error = string(ingest.Failed), resultMessage(err)
		}
		return results, err
	}
	if len(items) > 0 {
		rs, err := l.ingest(ctx, items)
		for i, r := range rs {
			results[slots[i]] = r
		}
		if err != nil {
			return results, err
		}
	}
	for _, r := range results {
		if r.Status != string(ingest.Failed) {
			return results, nil
		}
	}
	if len(results) == 1 {
		return results, rag.Errorf(rag.Invalid, "%s", results[0].Error)
	}
	return results, rag.Errorf(rag.Invalid, "none of the %d documents could be ingested (first: %s)", len(results), results[0].Error)
}

// duplicateIDs reports the first id that two of the items share (a failed
// item counts when its id is known).
func duplicateIDs(items []load.Item) error {
	seen := make(map[string]string, len(items))
	for _, it := range items {
		if it.ID == "" {
			continue
		}
		if first, dup := seen[it.ID]; dup {
			return rag.Errorf(rag.Invalid, "document id %q is in the upload twice (%s and %s); nothing was ingested", it.ID, first, it.Path)
		}
		seen[it.ID] = it.Path
	}
	return nil
}

// ingest runs the pipeline over loaded items, one result per item.
func (l *Library) ingest(ctx context.Context, items []load.Item) ([]api.IngestResult, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	events, _, err := l.ix.Ingester(nil).Items(ctx, items)
	results := make([]api.IngestResult, len(items))
	for i, ev := range events {
		r := api.IngestResult{ID: ev.ID, Path: ev.Path, Status: string(ev.Status), Chunks: ev.Chunks}
		if r.ID == "" {
			r.ID = items[i].ID
		}
		if r.Path == "" {
			r.Path = items[i].Path
		}
		switch {
		case ev.Status == "": // not reached: the run stopped at err
			r.Status = string(ingest.Failed)
			r.Error = resultMessage(err)
		case ev.Err != nil:
			r.Error = resultMessage(ev.Err)
		}
		results[i] = r
	}
	return results, err
}

// resultMessage is what a client is told about a failed document: the reason
// when the input was at fault, and only the kind of failure otherwise (the
// details, which may name servers and paths, go to the server's log with the
// error the call returns).
func resultMessage(err error) string {
	switch {
	case err == nil:
		return "not ingested"
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return "not ingested: the request ended first"
	}
	switch rag.ErrorCode(err) {
	case rag.Invalid:
		return err.Error()
	case rag.Unavailable:
		return "not ingested: the embedder is unavailable"
	case rag.Conflict:
		return "not ingested: the index cannot take it (" + err.Error() + ")"
	}
	return "not ingested: internal error"
}
