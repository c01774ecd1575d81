package store

import (
	"context"
	"os"
	"testing"
)

// BenchmarkOpen opens the data dir $JAWAB_BENCH_DATA read-only (for instance
// one that TestScale in cmd/jawab kept with JAWAB_SCALE_DIR), to profile
// start-up:
//
//	JAWAB_BENCH_DATA=/tmp/scale/data-now go test ./index/store -run '^$' -bench Open -benchtime 1x -cpuprofile cpu.out
func BenchmarkOpen(b *testing.B) {
	dir := os.Getenv("JAWAB_BENCH_DATA")
	if dir == "" {
		b.Skip("set JAWAB_BENCH_DATA to a data dir")
	}
	for b.Loop() {
		st, err := Open(context.Background(), dir, Options{ReadOnly: true})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(st.Stats().Chunks), "chunks")
		st.Close()
	}
}
