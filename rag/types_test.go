package rag

import (
	"testing"
	"time"
)

// As of a day, an article published later that day is visible, one published
// the next day is not, an undated one is (it is not known to be later); a
// narrower To stays, and with it a range's exclusion of the undated; a day in
// the future is today.
func TestVisibleAsOf(t *testing.T) {
	pkt := time.FixedZone("PKT", 5*3600)
	day := func(s string) time.Time {
		d, err := time.ParseInLocation(time.DateOnly, s, pkt)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	now := time.Date(2026, 12, 2, 9, 0, 0, 0, pkt)
	f := Filter{}.VisibleAsOf(day("2021-03-05"), now)
	for _, c := range []struct {
		published time.Time
		want      bool
	}{
		{time.Date(2021, 3, 5, 23, 59, 0, 0, pkt), true},
		{time.Date(2021, 3, 6, 0, 0, 0, 0, pkt), false},
		{day("2014-01-01"), true},
		{time.Time{}, true},
	} {
		if got := f.Match(DocumentInfo{Published: c.published}); got != c.want {
			t.Errorf("as of 2021-03-05, published %v: visible %v, want %v", c.published, got, c.want)
		}
	}
	narrow := Filter{To: day("2020-01-01")}.VisibleAsOf(day("2021-03-05"), now)
	if !narrow.To.Equal(day("2020-01-01")) || narrow.Match(DocumentInfo{}) {
		t.Errorf("a narrower To was widened to %v, or the range took in the undated", narrow.To)
	}
	future := Filter{}.VisibleAsOf(day("2030-01-01"), now)
	if future.Match(DocumentInfo{Published: now.Add(24 * time.Hour)}) || !future.Match(DocumentInfo{Published: now}) {
		t.Errorf("as of a future day, To = %v; want the end of today", future.To)
	}
	if !(Filter{}).VisibleAsOf(time.Time{}, now).IsZero() {
		t.Error("a zero as-of day narrowed the filter")
	}
}

// Within narrows a filter's dates and never widens them: the asker's range
// holds whatever a question's own period adds.
func TestFilterWithin(t *testing.T) {
	d := func(s string) time.Time {
		v, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	asked := Filter{From: d("2021-03-01"), To: d("2021-03-05"), Undated: true}
	for _, c := range []struct {
		why              string
		from, to         time.Time
		wantFrom, wantTo time.Time
	}{
		{"a wider period", d("2021-02-01"), d("2021-03-31"), d("2021-03-01"), d("2021-03-05")},
		{"a narrower one", d("2021-03-02"), d("2021-03-04"), d("2021-03-02"), d("2021-03-04")},
		{"an end only", time.Time{}, d("2021-04-30"), d("2021-03-01"), d("2021-03-05")},
		{"nothing", time.Time{}, time.Time{}, d("2021-03-01"), d("2021-03-05")},
	} {
		got := asked.Within(c.from, c.to)
		if !got.From.Equal(c.wantFrom) || !got.To.Equal(c.wantTo) || !got.Undated {
			t.Errorf("%s: %v – %v (undated %v), want %v – %v", c.why, got.From, got.To, got.Undated, c.wantFrom, c.wantTo)
		}
	}
	if got := (Filter{}).Within(d("2021-03-02"), time.Time{}); !got.From.Equal(d("2021-03-02")) || !got.To.IsZero() {
		t.Errorf("an open filter from 2 March: %v – %v", got.From, got.To)
	}
}
