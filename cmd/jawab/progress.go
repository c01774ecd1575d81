package main

import (
	"fmt"
	"io"
	"os"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/jawab/jawab/app"
	"github.com/jawab/jawab/index/ingest"
)

// progress shows an ingest as it goes: a bar on a terminal, one plain line per
// document otherwise (logs, CI, pipes), where a bar would be noise.
type progress struct {
	w   io.Writer
	bar *progressbar.ProgressBar
	// lastErr is the last failure's message: a failure that stops the run
	// fails every document of the batch in flight with the same one, which is
	// said once.
	lastErr string
}

// failure is the line for a failed document.
func (p *progress) failure(e ingest.Event) string {
	msg := fmt.Sprint(e.Err)
	if msg == p.lastErr {
		return fmt.Sprintf("failed %s: the same error", e.Path)
	}
	p.lastErr = msg
	return fmt.Sprintf("failed %s: %s", e.Path, msg)
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
			fmt.Fprintln(p.w, p.failure(e))
		}
		p.bar.Add(e.Bytes)
		return
	}
	switch e.Status {
	case ingest.Failed:
		fmt.Fprintln(p.w, p.failure(e))
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
