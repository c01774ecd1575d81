package main

import (
	"flag"
	"fmt"

	"github.com/jawab/jawab/app"
	"github.com/jawab/jawab/index/ingest"
)

// dataDirFlag registers --data-dir on fs.
func dataDirFlag(fs *flag.FlagSet) *string {
	return fs.String("data-dir", "", "index directory (default $JAWAB_DATA, else $XDG_DATA_HOME/jawab)")
}

// notices prints on stderr what opening an index has to say.
func (e *environment) notices() app.Notices {
	return app.Notices{
		Warning: func(msg string) { fmt.Fprintln(e.stderr, "warning:", msg) },
		Bundling: func(dataDir string) {
			fmt.Fprintf(e.stderr, "The index in %s is empty: ingesting the bundled Pakistan–Russia collection first.\n", dataDir)
		},
		Bundled: func(sum ingest.Summary) {
			fmt.Fprintf(e.stderr, "Ingested %d documents (%d chunks) in %.1f s.\n\n", sum.Added, sum.Chunks, sum.Elapsed.Seconds())
		},
	}
}
