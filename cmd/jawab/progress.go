package main

import (
	"fmt"
	"io"
	"os"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/jawab/jawab/index/ingest"
)

// progress shows an ingest as it goes: a bar on a terminal, one plain line per
// document otherwise (logs, CI, pipes), where a bar would be noise.
type progress struct {
	w   io.Writer
	bar *progressbar.ProgressBar
}

func newProgress(w io.Writer, total int64) *progress {
	p := &progress{w: w}
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) && total > 0 {
		p.bar = progressbar.NewOptions64(total,
			progressbar.OptionSetWriter(w),
			progressbar.OptionSetDescription("ingesting"),
			progressbar.OptionShowBytes(true),
			progressbar.OptionShowCount(),
			progressbar.OptionSetWidth(30),
			progressbar.OptionThrottle(100_000_000),
			progressbar.OptionClearOnFinish(),
		)
	}
	return p
}

func (p *progress) event(e ingest.Event) {
	if p.bar != nil {
		if e.Status == ingest.Failed {
			p.bar.Clear()
			fmt.Fprintf(p.w, "failed: %s: %v\n", e.Path, e.Err)
		}
		p.bar.Add(e.Bytes)
		return
	}
	switch e.Status {
	case ingest.Failed:
		fmt.Fprintf(p.w, "failed %s: %v\n", e.Path, e.Err)
	case ingest.Pruned:
		fmt.Fprintf(p.w, "pruned %s\n", e.ID)
	case ingest.Unchanged:
		fmt.Fprintf(p.w, "unchanged %s\n", e.ID)
	default:
		fmt.Fprintf(p.w, "%s %s (%d chunks)\n", e.Status, e.ID, e.Chunks)
	}
}

func (p *progress) done() {
	if p.bar != nil {
		p.bar.Finish()
	}
}
