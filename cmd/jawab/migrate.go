package main

import (
	"context"
	"fmt"

	"github.com/jawab/jawab/app"
	"github.com/jawab/jawab/index/ingest"
	"github.com/jawab/jawab/index/store"
)

// migrate copies an index between the two kinds of store, vectors included:
// "jawab migrate --from local --to weaviate" moves a data dir onto a cluster
// without embedding anything again.
func (e *environment) migrate(ctx context.Context, args []string) error {
	fs := newFlagSet("migrate", e.stderr)
	dataDir := dataDirFlag(fs)
	from := fs.String("from", "local", "the index to copy: local (the data dir) or weaviate (JAWAB_WEAVIATE_*)")
	to := fs.String("to", "weaviate", "the index to copy into: local or weaviate")
	usage := "usage: jawab migrate --from local|weaviate --to weaviate|local [--data-dir DIR]"
	if pos, err := parseFlags(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		fmt.Fprintln(e.stderr, usage)
		return errUsage
	}
	if *from == *to || (*from != "local" && *from != "weaviate") || (*to != "local" && *to != "weaviate") {
		fmt.Fprintln(e.stderr, usage)
		return errUsage
	}
	cfg, err := app.LoadConfig(e.getenv, *dataDir)
	if err != nil {
		return err
	}
	srcCfg, dstCfg, err := cfg.Migration(e.getenv, *from, *to)
	if err != nil {
		return err
	}
	src, err := srcCfg.OpenStore(ctx, store.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := dstCfg.OpenStore(ctx, store.Options{})
	if err != nil {
		return err
	}
	defer dst.Close()
	sum, err := ingest.Copy(ctx, dst, src, func(done, total int) {
		fmt.Fprintf(e.stderr, "copied %d/%d documents\n", done, total)
	})
	fmt.Fprintf(e.stdout, "%d documents copied (%d chunks, vectors included, nothing embedded), %d already there; %.1f s; from %s to %s\n",
		sum.Copied, sum.Chunks, sum.Unchanged, sum.Elapsed.Seconds(), src.Dir(), dst.Dir())
	return err
}
