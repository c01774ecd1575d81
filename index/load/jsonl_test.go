package load

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/jawab/jawab/rag"
)

func TestParseJSONL(t *testing.T) {
	items := Parse("articles.jsonl", "ignored", readFixture(t, "articles.jsonl"), Options{Source: "feed"})
	type want struct {
		path, id, err string // err: "" for a good line, else a part of the message
	}
	wants := []want{
		{"articles.jsonl:1", "pk-ru/2024-lavrov", ""},
		{"articles.jsonl:3", "ur-1", ""},
		{"articles.jsonl:4", "", "unexpected end of JSON input"},
		{"articles.jsonl:5", "", `missing field "id"`},
		{"articles.jsonl:6", "no-text", `missing or empty field "text"`},
		{"articles.jsonl:7", "bad-date", `published date "last Tuesday"`},
		{"articles.jsonl:8", "", "cannot unmarshal number"},
		{"articles.jsonl:9", "ur-1", `duplicate document id "ur-1" (first on line 3)`},
		{"articles.jsonl:10", "en-2", ""},
	}
	if len(items) != len(wants) {
		for _, it := range items {
			t.Logf("%s %q %v", it.Path, it.ID, it.Err)
		}
		t.Fatalf("got %d items, want %d", len(items), len(wants))
	}
	for i, w := range wants {
		it := items[i]
		if it.Path != w.path || it.ID != w.id {
			t.Errorf("item %d: Path, ID = %q, %q; want %q, %q", i, it.Path, it.ID, w.path, w.id)
		}
		if w.err == "" {
			if it.Err != nil {
				t.Errorf("%s: %v", w.path, it.Err)
			}
			continue
		}
		if it.Err == nil || !strings.Contains(it.Err.Error(), w.err) || !strings.HasPrefix(it.Err.Error(), w.path+": ") {
			t.Errorf("%s: Err = %v, want %q prefixed with the line", w.path, it.Err, w.err)
		}
		wantInvalid(t, it.Err)
	}

	first := items[0].Doc
	if first.Title != "Lavrov visits Islamabad" || first.URL != "https://example.com/lavrov" ||
		first.Source != "Example News" || first.Lang != "en" || !first.Published.Equal(date(2021, time.April, 7)) {
		t.Errorf("line 1 = %+v", first)
	}
	if !strings.Contains(first.Text, "trade.\n\nHe met") {
		t.Errorf("line 1 text lost its paragraph break: %q", first.Text)
	}
	second := items[1].Doc
	if second.Source != "feed" || second.Lang != "ur" || second.Title != "روسی وزیر خارجہ سرگئی لاوروف منگل کو دو روزہ دورے پر اسلام آباد پہنچ گئے۔" {
		t.Errorf("line 3 = %+v; want the default source, detected lang and first sentence as title", second)
	}
	if want := time.Date(2021, 4, 6, 5, 0, 0, 0, time.UTC); !second.Published.Equal(want) {
		t.Errorf("line 3 Published = %v, want %v", second.Published, want)
	}
	if items[8].Doc.Lang != "en" {
		t.Errorf("line 10 Lang = %q, want en (lower-cased)", items[8].Doc.Lang)
	}
}

func TestParseJSONLLines(t *testing.T) {
	long := `{"id":"long","text":"` + strings.Repeat("بہت لمبا متن۔ ", 20000) + `"}`
	tests := []struct {
		name  string
		in    string
		max   int64
		ids   []string // of good items, in order
		errs  []string // of bad items, in order
		bytes int      // total Bytes
	}{
		{name: "long line beyond a scanner's 64 KiB", in: long + "\n", ids: []string{"long"}},
		{name: "line over the limit, next line loads", in: long + "\n" + `{"id":"b","text":"short text"}`, max: 1000,
			ids: []string{"b"}, errs: []string{"x.jsonl:1: line is more than 1000 bytes long"}},
		{name: "crlf, bom, blank lines, no final newline", in: "\uFEFF" + `{"id":"a","text":"one"}` + "\r\n\r\n  \r\n" + `{"id":"b","text":"two"}`,
			ids: []string{"a", "b"}},
		{name: "invalid utf-8", in: `{"id":"a","text":"bad ` + "\xff" + `"}` + "\n", errs: []string{"x.jsonl:1: invalid UTF-8 at byte offset 22 of the line"}},
		{name: "wrong types", in: `{"id":"a","text":"t","title":5}` + "\n" + `["id","text"]` + "\nnull\n",
			errs: []string{"x.jsonl:1: not a JSON object", "x.jsonl:2: not a JSON object", `x.jsonl:3: missing field "id"`}},
		{name: "bad url and lang", in: `{"id":"a","text":"t","url":"javascript:alert(1)"}` + "\n" + `{"id":"b","text":"t","lang":"Urdu!"}`,
			errs: []string{`x.jsonl:1: url "javascript:alert(1)"`, `x.jsonl:2: lang "Urdu!"`}},
		{name: "nul in text", in: `{"id":"a","text":"a\u0000b"}`, errs: []string{"x.jsonl:1: text contains a NUL"}},
		{name: "text of boilerplate only", in: `{"id":"a","text":"?️\nShare"}`, errs: []string{"x.jsonl:1: no article text"}},
		{name: "bad id", in: `{"id":"a#1","text":"t"}`, errs: []string{`x.jsonl:1: document id "a#1"`}},
		{name: "trailing garbage", in: `{"id":"a","text":"t"} x`, errs: []string{"x.jsonl:1: not a JSON object"}},
		{name: "empty file", in: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items := Parse("x.jsonl", "x", []byte(tt.in), Options{MaxBytes: tt.max})
			var ids, errs []string
			total := 0
			for _, it := range items {
				total += it.Bytes
				if it.Err != nil {
					errs = append(errs, it.Err.Error())
					wantInvalid(t, it.Err)
				} else {
					ids = append(ids, it.ID)
				}
			}
			if strings.Join(ids, ",") != strings.Join(tt.ids, ",") {
				t.Errorf("ids = %q, want %q", ids, tt.ids)
			}
			if len(errs) != len(tt.errs) {
				t.Fatalf("errors = %q, want %d like %q", errs, len(tt.errs), tt.errs)
			}
			for i := range errs {
				if !strings.HasPrefix(errs[i], tt.errs[i]) {
					t.Errorf("error %d = %q, want it to start %q", i, errs[i], tt.errs[i])
				}
			}
			if total != len(tt.in) {
				t.Errorf("Bytes add up to %d, want the %d input bytes", total, len(tt.in))
			}
		})
	}
}

func TestParseJSONLStops(t *testing.T) {
	in := strings.NewReader(`{"id":"a","text":"one"}` + "\n" + `{"id":"b","text":"two"}` + "\n")
	n := 0
	err := parseJSONL(context.Background(), in, "x.jsonl", Options{}, func(Item) bool { n++; return false })
	if err != nil || n != 1 {
		t.Errorf("after yield false: %d items, err %v; want 1, nil", n, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err = parseJSONL(ctx, strings.NewReader(`{"id":"a","text":"one"}`), "x.jsonl", Options{}, func(Item) bool { return true })
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: err = %v, want context.Canceled", err)
	}
}

// A headline given apart from its body is part of the article's text (it
// often states the news most plainly), unless the body already holds it or
// it is only a name; the body's dateline still dates the article.
func TestHeadlineJoinsText(t *testing.T) {
	const body = "میر پور۔ 2 دسمبر (اے پی پی) بنگلہ دیش نے آخری میچ میں بھی فتح حاصل کر کے سیریز میں وائٹ واش کر دیا۔"
	for _, c := range []struct {
		name, title, want string
	}{
		{"a headline the body lacks", "بنگلہ دیش کا زمبابوے کا ون ڈے سیریز میں 5-0 سے وائٹ واش", "بنگلہ دیش کا زمبابوے کا ون ڈے سیریز میں 5-0 سے وائٹ واش\n\n" + body},
		// Arabic code points and other punctuation: still the body's words.
		{"a headline the body holds", "بنگلہ ديش نے آخری میچ میں بھی فتح حاصل کر کے", body},
		{"a name", "بنگلہ دیش کرکٹ", body},
	} {
		line := `{"id":"bd","title":"` + c.title + `","text":"` + body + `","url":"https://news.example/2014/12/02/bd"}`
		it := parseOne(t, "a.jsonl", "a", []byte(line))
		if it.Err != nil {
			t.Fatalf("%s: %v", c.name, it.Err)
		}
		if it.Doc.Text != c.want {
			t.Errorf("%s: text %q, want %q", c.name, it.Doc.Text, c.want)
		}
		if it.Doc.Title != c.title {
			t.Errorf("%s: title %q", c.name, it.Doc.Title)
		}
		if got := it.Doc.Published.Format(time.DateOnly); got != "2014-12-02" || it.Doc.DateSource != rag.DateDateline {
			t.Errorf("%s: published %s from %q, want the body's dateline", c.name, got, it.Doc.DateSource)
		}
	}
}
