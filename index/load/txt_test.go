package load

import (
	"strings"
	"testing"
	"time"
)

func TestParseTxt(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		title     string
		text      string
		published time.Time
		lang      string
	}{
		{
			name:  "crlf bom and heading",
			in:    "\uFEFFروس کا وفد اسلام آباد پہنچ گیا\r\n\r\nروسی وفد نے جمعرات کو اسلام آباد میں قومی سلامتی کے مشیر سے ملاقات کی۔\r\nملاقات میں دفاعی تعاون پر بات ہوئی۔\r\n",
			title: "روس کا وفد اسلام آباد پہنچ گیا",
			text:  "روس کا وفد اسلام آباد پہنچ گیا\n\nروسی وفد نے جمعرات کو اسلام آباد میں قومی سلامتی کے مشیر سے ملاقات کی۔\nملاقات میں دفاعی تعاون پر بات ہوئی۔",
			lang:  "ur",
		},
		{
			name:      "urdu date line with urdu digits",
			in:        "گندم کی خریداری کا آغاز\n\n۱۷ جنوری ۲۰۲۴\n\nپنجاب حکومت نے گندم کی سرکاری خریداری شروع کر دی ہے۔",
			title:     "گندم کی خریداری کا آغاز",
			text:      "گندم کی خریداری کا آغاز\n\nپنجاب حکومت نے گندم کی سرکاری خریداری شروع کر دی ہے۔",
			published: date(2024, time.January, 17),
			lang:      "ur",
		},
		{
			name:      "english date line with icon and weekday",
			in:        "Rain lashes Lahore\n📅 Wednesday, January 17, 2024\nHeavy rain fell across Lahore on Wednesday, flooding several roads.",
			title:     "Rain lashes Lahore",
			text:      "Rain lashes Lahore\nHeavy rain fell across Lahore on Wednesday, flooding several roads.",
			published: date(2024, time.January, 17),
			lang:      "en",
		},
		{
			name:      "iso date",
			in:        "2024-01-17\nThe budget was approved on Tuesday by a large majority in the assembly.",
			title:     "The budget was approved on Tuesday by a large majority in the assembly.",
			text:      "The budget was approved on Tuesday by a large majority in the assembly.",
			published: date(2024, time.January, 17),
			lang:      "en",
		},
		{
			name:      "publication sentence",
			in:        "cnnurdu نے Monday، 23 July 2018 کو شائع کیا.\n\nممبئی: بالی ووڈ کی اداکارہ نے اقربا پروری پر بات کی۔ انہوں نے کہا کہ یہ مسئلہ پرانا ہے۔",
			title:     "ممبئی: بالی ووڈ کی اداکارہ نے اقربا پروری پر بات کی۔",
			text:      "ممبئی: بالی ووڈ کی اداکارہ نے اقربا پروری پر بات کی۔ انہوں نے کہا کہ یہ مسئلہ پرانا ہے۔",
			published: date(2018, time.July, 23),
			lang:      "ur",
		},
		{
			name:  "dates in a teaser list are not the publication date",
			in:    "The council approved the new budget on Monday after a debate that lasted most of the day and night.\n\nRelated\n\nSchools to reopen\n\n▶️ 12 March 2024 Officials said that the\n\nRoads to be repaired\n\n▶️ 3 April 2024 The city will spend",
			title: "The council approved the new budget on Monday after a debate that lasted most of the day and night.",
			text:  "The council approved the new budget on Monday after a debate that lasted most of the day and night.",
			lang:  "en",
		},
		{
			name:  "long first line: first sentence as title",
			in:    strings.Repeat("لفظ ", 10) + "پہلا جملہ ختم۔ " + strings.Repeat("دوسرا جملہ بہت لمبا ہے ", 10) + "۔",
			title: strings.Repeat("لفظ ", 10) + "پہلا جملہ ختم۔",
			text:  strings.Repeat("لفظ ", 10) + "پہلا جملہ ختم۔ " + strings.Repeat("دوسرا جملہ بہت لمبا ہے ", 10) + "۔",
			lang:  "ur",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := mustLoad(t, "a.txt", "a", []byte(tt.in))
			if doc.Title != tt.title {
				t.Errorf("Title = %q, want %q", doc.Title, tt.title)
			}
			if doc.Text != tt.text {
				t.Errorf("Text = %q, want %q", doc.Text, tt.text)
			}
			if !doc.Published.Equal(tt.published) {
				t.Errorf("Published = %v, want %v", doc.Published, tt.published)
			}
			if doc.Lang != tt.lang {
				t.Errorf("Lang = %q, want %q", doc.Lang, tt.lang)
			}
			if doc.ID != "a" || doc.Source != "test" || doc.Hash != "" {
				t.Errorf("ID, Source, Hash = %q, %q, %q; want a, test and no hash", doc.ID, doc.Source, doc.Hash)
			}
		})
	}
}

func TestParseTxtTitleShortened(t *testing.T) {
	long := strings.Repeat("بہت لمبی سرخی ", 30) + "۔"
	doc := mustLoad(t, "a.txt", "a", []byte(long))
	if n := len([]rune(doc.Title)); n > maxTitleRunes {
		t.Errorf("title has %d runes, want at most %d", n, maxTitleRunes)
	}
	if !strings.HasSuffix(doc.Title, "…") {
		t.Errorf("title %q: want it cut with …", doc.Title)
	}
}

func TestParseBadInput(t *testing.T) {
	tests := []struct {
		name, file string
		data       []byte
		want       string // in the error
	}{
		{"invalid utf-8", "a.txt", []byte("ok text\n\xff\xfe more"), "invalid UTF-8 at byte offset 8"},
		{"invalid utf-8 after bom", "a.txt", []byte("\uFEFFab\xc3"), "invalid UTF-8 at byte offset 5"},
		{"nul byte", "a.md", []byte("# Title\n\nText\x00more."), "NUL byte at byte offset 13"},
		{"only boilerplate", "a.txt", []byte("?️\n\nShare\n"), "no article text"},
		{"empty", "a.html", nil, "no article text"},
		{"bad id", "a.txt", []byte("Some text."), "document id"},
		{"too big", "a.txt", []byte(strings.Repeat("x", 101)), "at most 100 allowed"},
		{"unsupported", "a.pdf", []byte("%PDF"), "unsupported file type"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id := "a"
			if tt.name == "bad id" {
				id = "../a"
			}
			items := Parse(tt.file, id, tt.data, Options{MaxBytes: 100})
			if len(items) != 1 {
				t.Fatalf("got %d items, want 1", len(items))
			}
			it := items[0]
			if it.Err == nil || !strings.Contains(it.Err.Error(), tt.want) {
				t.Fatalf("Err = %v, want one containing %q", it.Err, tt.want)
			}
			if !strings.HasPrefix(it.Err.Error(), tt.file+": ") {
				t.Errorf("Err = %q, want it to start with the file name", it.Err)
			}
			wantInvalid(t, it.Err)
			if it.ID != id {
				t.Errorf("ID = %q, want %q even on error", it.ID, id)
			}
			if it.Bytes != len(tt.data) {
				t.Errorf("Bytes = %d, want %d", it.Bytes, len(tt.data))
			}
		})
	}
}
