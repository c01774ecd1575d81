package app

import (
	"testing"
	"time"

	"github.com/jawab/jawab/rag"
)

func TestLoadFetchConfig(t *testing.T) {
	c, err := LoadFetchConfig(env(nil))
	if err != nil || c.Interval != DefaultFeedInterval || len(c.Feeds)+len(c.Allow) != 0 {
		t.Fatalf("defaults: %+v %v", c, err)
	}
	c, err = LoadFetchConfig(env(map[string]string{"JAWAB_FEEDS": "https://a.example/rss.xml, https://b.example/sitemap.xml",
		"JAWAB_FETCH_ALLOW": "10.1.0.0/16,intranet.example", "JAWAB_FEED_INTERVAL": "90s"}))
	if err != nil || len(c.Feeds) != 2 || len(c.Allow) != 2 || c.Interval != 90*time.Second {
		t.Fatalf("set: %+v %v", c, err)
	}
	for name, value := range map[string]string{
		"JAWAB_FETCH_ALLOW": "10.0.0.0/99", "JAWAB_FEED_INTERVAL": "15", "JAWAB_FEEDS": "ftp://x/feed",
	} {
		if _, err := LoadFetchConfig(env(map[string]string{name: value})); rag.ErrorCode(err) != rag.Invalid {
			t.Errorf("%s=%s: got %v; want an invalid-configuration error", name, value, err)
		}
	}
}
