package app

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/jawab/jawab/index"
	"github.com/jawab/jawab/index/store"
	"github.com/jawab/jawab/index/weaviate"
	"github.com/jawab/jawab/rag"
)

// StoreConfig chooses the index: "local" (the data dir: records on disk,
// chromem-go and BM25 in memory) or "weaviate" (a Weaviate cluster that several
// jawab replicas can share).
type StoreConfig struct {
	Kind     string          // JAWAB_STORE: local (default) or weaviate
	Weaviate weaviate.Config // JAWAB_WEAVIATE_*
}

func (c *StoreConfig) load(getenv func(string) string) error {
	c.Kind = strings.ToLower(strings.TrimSpace(firstNonEmpty(getenv("JAWAB_STORE"), "local")))
	switch c.Kind {
	case "local":
		return nil
	case "weaviate":
	default:
		return rag.Errorf(rag.Invalid, "JAWAB_STORE=%q: want local or weaviate", c.Kind)
	}
	var err error
	c.Weaviate, err = weaviateConfig(getenv, "JAWAB_WEAVIATE_")
	return err
}

// weaviateConfig reads a Weaviate connection from the environment variables
// that start with prefix (JAWAB_WEAVIATE_, or JAWAB_MIGRATE_WEAVIATE_ for a
// migration's other side). URL and GRPC may list several nodes, comma
// separated (GRPC one per URL, in the same order): calls fail over between
// them.
func weaviateConfig(getenv func(string) string, prefix string) (weaviate.Config, error) {
	w := weaviate.Config{
		URL:         strings.TrimSpace(getenv(prefix + "URL")),
		GRPC:        strings.TrimSpace(getenv(prefix + "GRPC")),
		APIKey:      strings.TrimSpace(getenv(prefix + "API_KEY")),
		Consistency: strings.ToUpper(strings.TrimSpace(getenv(prefix + "CONSISTENCY"))),
		Class:       strings.TrimSpace(getenv(prefix + "CLASS")),
	}
	if w.URL == "" {
		return w, rag.Errorf(rag.Invalid, "JAWAB_STORE=weaviate needs %sURL (e.g. http://127.0.0.1:8080, or several nodes' URLs, comma separated)", prefix)
	}
	if v := getenv(prefix + "REPLICAS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			return w, rag.Errorf(rag.Invalid, "%sREPLICAS=%q is not a positive number", prefix, v)
		}
		w.Replicas = n
	}
	if v := getenv(prefix + "TIMEOUT"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return w, rag.Errorf(rag.Invalid, "%sTIMEOUT=%q is not a duration like 30s", prefix, v)
		}
		w.Timeout = d
	}
	return w, w.Validate()
}

// OpenStore opens the configured index. opt applies to the local store; a
// Weaviate index has no writer lock (the engine serialises writes) and no
// failpoints.
func (c *Config) OpenStore(ctx context.Context, opt store.Options) (index.Store, error) {
	if c.Store.Kind == "weaviate" {
		w := c.Store.Weaviate
		w.Logger = opt.Logger
		return weaviate.Open(ctx, w)
	}
	return store.Open(ctx, c.DataDir, opt)
}

// Migration returns the configurations of a migration's two sides: from and
// to are "local" (the data dir) and "weaviate" (JAWAB_WEAVIATE_*, read here
// even when JAWAB_STORE is local), in either order.
func (c *Config) Migration(getenv func(string) string, from, to string) (src, dst Config, err error) {
	w := c.Store.Weaviate
	if c.Store.Kind != "weaviate" {
		if w, err = weaviateConfig(getenv, "JAWAB_WEAVIATE_"); err != nil {
			return src, dst, err
		}
	}
	src, dst = *c, *c
	src.Store.Kind, dst.Store.Kind = from, to
	src.Store.Weaviate, dst.Store.Weaviate = w, w
	return src, dst, nil
}
