package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/jawab/jawab/fetch"
	"github.com/jawab/jawab/internal/syncdir"
)

// fetchStateFile holds what jawab knows of the URLs it has fetched: the
// validators for conditional requests, and which document each article
// became. It lives in the data dir, so that the next "jawab ingest URL" or
// server makes conditional requests too.
const fetchStateFile = "fetch-state.json"

// urlRecord is one fetched URL.
type urlRecord struct {
	fetch.Validators
	// ID is the document an article URL became.
	ID string `json:"id,omitempty"`
	// Feed is the feed or sitemap that listed the article.
	Feed string `json:"feed,omitempty"`
	// Kind is "page", "feed", "sitemap" or "sitemap index".
	Kind    string    `json:"kind"`
	Checked time.Time `json:"checked"`
}

// fetchState is the fetch state of a data dir, saved atomically (a new file
// synced, then renamed over the old one).
type fetchState struct {
	path string
	mu   sync.Mutex
	urls map[string]urlRecord
}

func openFetchState(dataDir string) (*fetchState, error) {
	s := &fetchState{path: filepath.Join(dataDir, fetchStateFile), urls: map[string]urlRecord{}}
	b, err := os.ReadFile(s.path)
	if errors.Is(err, fs.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read the fetch state: %w", err)
	}
	var f struct {
		URLs map[string]urlRecord `json:"urls"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		// Only validators are lost: the next fetches are unconditional.
		return s, nil
	}
	if f.URLs != nil {
		s.urls = f.URLs
	}
	return s, nil
}

func (s *fetchState) get(u string) (urlRecord, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.urls[u]
	return r, ok
}

func (s *fetchState) put(u string, r urlRecord) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.urls[u] = r
}

func (s *fetchState) remove(u string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.urls, u)
}

// listedBy is the article URLs that feed listed.
func (s *fetchState) listedBy(feed string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for u, r := range s.urls {
		if r.Feed == feed && r.Kind == "page" {
			out = append(out, u)
		}
	}
	return out
}

// save writes the state durably.
func (s *fetchState) save() error {
	s.mu.Lock()
	b, err := json.MarshalIndent(struct {
		URLs map[string]urlRecord `json:"urls"`
	}{s.urls}, "", " ")
	s.mu.Unlock()
	if err != nil {
		return err
	}
	dir := filepath.Dir(s.path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, fetchStateFile+".*")
	if err != nil {
		return fmt.Errorf("save the fetch state: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return fmt.Errorf("save the fetch state: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("save the fetch state: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("save the fetch state: %w", err)
	}
	if err := os.Rename(tmp.Name(), s.path); err != nil {
		return fmt.Errorf("save the fetch state: %w", err)
	}
	return syncdir.Sync(dir)
}
