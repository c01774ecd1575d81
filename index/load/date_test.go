package load

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jawab/jawab/rag"
	"github.com/jawab/jawab/text"
)

func TestDateOnly(t *testing.T) {
	tests := []struct {
		line string
		want time.Time // zero: not a date-only line
	}{
		{"17 جنوری 2024", date(2024, time.January, 17)},
		{"۱۷ جنوری ۲۰۲۴", date(2024, time.January, 17)},
		{"١٧ جنوری ٢٠٢٤", date(2024, time.January, 17)},
		{"١٧ جنوري ٢٠٢٤", date(2024, time.January, 17)},         // Arabic yeh ي in the month
		{"جمعه، 5 دسمبر 2018", date(2018, time.December, 5)},    // Arabic heh ه in the weekday
		{"تاریخِ اشاعت: 12 مئی 2023", date(2023, time.May, 12)}, // with a zer
		{"2024-01-17t09:30:00z", date(2024, time.January, 17)},
		{"JANUARY 17, 2024", date(2024, time.January, 17)},
		{"4 ڈسمبر 2018ء", date(2018, time.December, 4)},
		{"?️ 1 فروری 2022", date(2022, time.February, 1)},
		{"جمعرات، 5 دسمبر 2018", date(2018, time.December, 5)},
		{"تاریخ اشاعت: 12 مئی 2023", date(2023, time.May, 12)},
		{"2024-01-17", date(2024, time.January, 17)},
		{"2024/01/17", date(2024, time.January, 17)},
		{"2024-01-17T09:30:00+05:00", date(2024, time.January, 17)},
		{"January 17, 2024", date(2024, time.January, 17)},
		{"Jan 17th, 2024", date(2024, time.January, 17)},
		{"17 January 2024", date(2024, time.January, 17)},
		{"Published: Wednesday, 17 January 2024 10:30 PKT", date(2024, time.January, 17)},
		{"📅 Updated on March 3, 2021, 9:15 am", date(2021, time.March, 3)},
		{"31 فروری 2024", time.Time{}},                          // no such day
		{"17 Smarch 2024", time.Time{}},                         // no such month
		{"2024", time.Time{}},                                   // a year is not a date
		{"10:30", time.Time{}},                                  // nor is a time
		{"?️ 17 جنوری 2024سچ خبریں: عراقی اسلامی", time.Time{}}, // a teaser
		{"17 جنوری 2024 کو اجلاس ہوا", time.Time{}},             // a sentence
		{"The meeting on January 17, 2024", time.Time{}},
		{"", time.Time{}},
	}
	for _, tt := range tests {
		got, ok := dateOnly(tt.line)
		if ok != !tt.want.IsZero() || !got.Equal(tt.want) {
			t.Errorf("dateOnly(%q) = %v, %v; want %v", tt.line, got, ok, tt.want)
		}
	}
}

func TestDatePrefix(t *testing.T) {
	for line, want := range map[string]bool{
		"?️ 17 جنوری 2024سچ خبریں: عراقی":      true,
		"12 March 2024 Lahore: The board said": true,
		"17 جنوری 2024":                        false, // nothing after the date
		"The board said on 12 March 2024":      false,
	} {
		if got := datePrefix(line); got != want {
			t.Errorf("datePrefix(%q) = %v, want %v", line, got, want)
		}
	}
}

func TestPublicationLine(t *testing.T) {
	tests := []struct {
		line string
		want time.Time
	}{
		{"cnnurdu نے Monday، 23 July 2018 کو شائع کیا.", date(2018, time.July, 23)},
		{"Published by Dawn on 17 January 2024", date(2024, time.January, 17)},
		{"یہ خبر 18 فروری 2018 کو ڈان اخبار میں شائع ہوئی", date(2018, time.February, 18)},
		{"The report was released on 17 January 2024", time.Time{}}, // no publication word
		{"شائع شدہ رپورٹ", time.Time{}},                             // no date
	}
	for _, tt := range tests {
		got, ok := publicationLine(tt.line)
		if ok != !tt.want.IsZero() || !got.Equal(tt.want) {
			t.Errorf("publicationLine(%q) = %v, %v; want %v", tt.line, got, ok, tt.want)
		}
	}
}

func TestDatelineDate(t *testing.T) {
	modified := time.Date(2015, 1, 2, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		text     string
		hint     int
		notAfter time.Time
		want     string // "" for undated
	}{
		{"کیف۔ یکم جولائی (اے پی پی) یوکرین کی فوج نے مشرقی علاقوں میں کارروائی شروع کر دی۔", 2014, time.Time{}, "2014-07-01"},
		{"کيف۔ يكم جولائي (اے پی پی) یوکرین کی فوج نے کارروائی شروع کی۔", 2014, time.Time{}, "2014-07-01"}, // Arabic letters
		{"اسلام آباد (31 اکتوبر) وزیر اعظم نے اجلاس طلب کر لیا۔", 2015, time.Time{}, "2015-10-31"},
		{"اسلام آباد (۳۱ اکتوبر) وزیر اعظم نے اجلاس طلب کر لیا۔", 2015, time.Time{}, "2015-10-31"}, // Urdu digits
		{"اسلام آباد (31 اکتوبر 2015ء) وزیر اعظم نے اجلاس طلب کر لیا۔", 0, time.Time{}, "2015-10-31"},
		{"لاہور: 12 مارچ: صوبائی حکومت نے بجٹ پیش کیا۔", 2021, time.Time{}, "2021-03-12"},
		{"ISLAMABAD, March 5 (Reuters) - Pakistan's central bank kept rates on hold.", 2021, time.Time{}, "2021-03-05"},
		{"KARACHI, Oct 31 (APP): The stock market closed higher.", 2014, time.Time{}, "2014-10-31"},
		{"کراچی (31 دسمبر) سال کے آخری روز سٹاک مارکیٹ بند رہی۔", 2015, modified, "2014-12-31"},                                                // modified on 2 January
		{"کیف۔ یکم جولائی (اے پی پی) یوکرین کی فوج نے کارروائی شروع کی۔", 0, time.Time{}, ""},                                                  // no year anywhere: undated
		{"روس نے 5 جولائی کو اعلان کیا کہ وفد آئے گا۔", 2014, time.Time{}, ""},                                                                 // a date in a sentence
		{"لاہور (31 فروری) بارش ہوئی۔", 2015, time.Time{}, ""},                                                                                 // no such day
		{"وزیر اعظم نے آج قومی اسمبلی سے خطاب کرتے ہوئے کہا کہ حکومت معیشت کی بہتری کے لیے پرعزم ہے اور (5 جولائی) کو", 2014, time.Time{}, ""}, // too far in
	} {
		got, ok := datelineDate(text.Fold(c.text), c.hint, c.notAfter)
		if c.want == "" {
			if ok {
				t.Errorf("datelineDate(%q) = %v, want undated", c.text, got)
			}
			continue
		}
		if !ok || got.Format(time.DateOnly) != c.want {
			t.Errorf("datelineDate(%q, %d) = %v %v, want %s", c.text, c.hint, got, ok, c.want)
		}
	}
	if y := yearHint("https://news.example/urdu/2014/07/01/story-123", time.Time{}); y != 2014 {
		t.Errorf("year in the address: %d", y)
	}
	if y := yearHint("", modified); y != 2015 {
		t.Errorf("year of the modification date: %d", y)
	}
}

// Each article says where its date came from, and an undated one stays
// undated.
func TestDateSources(t *testing.T) {
	for _, c := range []struct {
		name, file, source, want string
	}{
		{"metadata", "a.jsonl", rag.DateMetadata, "2021-03-05"},
		{"dateline", "b.jsonl", rag.DateDateline, "2014-07-01"},
		{"date line", "c.txt", rag.DateLine, "2024-01-17"},
		{"html", "d.html", rag.DateHTML, "2021-03-04"},
		{"undated", "e.txt", "", ""},
	} {
		data := map[string]string{
			"a.jsonl": `{"id":"a","title":"ڈالر","text":"انٹر بینک میں ڈالر 160 روپے کا ہو گیا۔","published":"2021-03-05","modified":"2021-03-06","author":"اسٹاف رپورٹر"}`,
			"b.jsonl": `{"id":"b","title":"کیف","url":"https://news.example/2014/07/01/kiev","text":"کیف۔ یکم جولائی (اے پی پی) یوکرین کی فوج نے مشرقی علاقوں میں کارروائی شروع کر دی۔"}`,
			"c.txt":   "روس کا وفد\n17 جنوری 2024\nروس کا ایک وفد اسلام آباد پہنچ گیا۔",
			"d.html":  `<html><head><meta property="article:published_time" content="2021-03-04T08:00:00Z"><title>ڈالر</title></head><body><article><p>انٹر بینک مارکیٹ میں ڈالر کی قدر میں اضافہ ہوا اور وہ 160 روپے کا ہو گیا۔ ماہرین کے مطابق یہ رجحان جاری رہے گا۔</p></article></body></html>`,
			"e.txt":   "روس کا وفد\nروس کا ایک وفد اسلام آباد پہنچ گیا۔",
		}[c.file]
		it := parseOne(t, c.file, strings.TrimSuffix(c.file, filepath.Ext(c.file)), []byte(data))
		if it.Err != nil {
			t.Fatalf("%s: %v", c.name, it.Err)
		}
		d := it.Doc
		got := ""
		if !d.Published.IsZero() {
			got = d.Published.Format(time.DateOnly)
		}
		if c.file == "a.jsonl" && d.Author != "اسٹاف رپورٹر" {
			t.Errorf("author %q", d.Author)
		}
		if got != c.want || d.DateSource != c.source {
			t.Errorf("%s: published %q from %q, want %q from %q", c.name, got, d.DateSource, c.want, c.source)
		}
	}
	it := parseOne(t, "a.jsonl", "a", []byte(`{"id":"a","text":"متن۔","modified":"2021-03-06"}`))
	if it.Err != nil || it.Doc.Modified.Format(time.DateOnly) != "2021-03-06" {
		t.Errorf("modified: %v %v", it.Doc.Modified, it.Err)
	}
}
