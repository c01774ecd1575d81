package app

import (
	"strings"
	"time"

	"github.com/jawab/jawab/fetch"
	"github.com/jawab/jawab/rag"
)

// FetchConfig is how jawab reads the web: which non-public addresses it may
// reach, and which feeds the server watches.
type FetchConfig struct {
	// Allow lists hosts and CIDRs that may be fetched although they are
	// not public addresses (JAWAB_FETCH_ALLOW, comma-separated).
	Allow []string
	// Feeds are watched by the server (JAWAB_FEEDS, comma-separated; the
	// --watch flags add to them).
	Feeds []string
	// Interval between polls of a feed (JAWAB_FEED_INTERVAL; default
	// DefaultFeedInterval).
	Interval time.Duration
}

// minFeedInterval keeps a mistyped interval ("15" for 15 minutes read as
// 15 ns) from hammering a site.
const minFeedInterval = time.Second

// LoadFetchConfig reads JAWAB_FETCH_ALLOW, JAWAB_FEEDS and
// JAWAB_FEED_INTERVAL.
func LoadFetchConfig(getenv func(string) string) (FetchConfig, error) {
	f := FetchConfig{Allow: splitList(getenv("JAWAB_FETCH_ALLOW")), Feeds: splitList(getenv("JAWAB_FEEDS")), Interval: DefaultFeedInterval}
	if _, err := fetch.ParsePolicy(f.Allow); err != nil {
		return f, rag.Errorf(rag.Invalid, "JAWAB_FETCH_ALLOW: %v", err)
	}
	if v := strings.TrimSpace(getenv("JAWAB_FEED_INTERVAL")); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < minFeedInterval {
			return f, rag.Errorf(rag.Invalid, "JAWAB_FEED_INTERVAL=%q is not a duration of at least 1s, like 15m", v)
		}
		f.Interval = d
	}
	for _, u := range f.Feeds {
		if _, err := fetch.CheckURL(u); err != nil {
			return f, rag.Errorf(rag.Invalid, "JAWAB_FEEDS: %q is not an http(s) URL", u)
		}
	}
	return f, nil
}

// Client is the HTTP client for the web, identifying itself as
// jawab/version.
func (f FetchConfig) Client(version string) *fetch.Client {
	p, _ := fetch.ParsePolicy(f.Allow) // checked by LoadFetchConfig
	return fetch.New(fetch.Config{Policy: p, UserAgent: "jawab/" + version + " (+https://github.com/jawab/jawab)"})
}
