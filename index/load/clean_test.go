package load

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// scrape is the page scrape in the seed corpus: the one file Clean must change.
const scrape = "004_bf15e488148e23f0.txt"

// boilerplate reports the lines of the corpus with 20 or more letters that
// Clean removes on purpose; every other such line must survive.
func boilerplate(line string) bool {
	switch {
	case line == "اپنی رائے سے آگاہ کریں فیس بک":
		return true // a comment prompt and a share link closing three urdu-news pages
	case strings.HasPrefix(line, "تصویر کے کاپی رائٹ ") && len(strings.Fields(line)) <= 6:
		return true // a BBC Urdu photo credit ("… Getty Images"), no caption
	case strings.HasPrefix(line, "مزید : ") && len(strings.Fields(line)) <= 6:
		return true // the category line ("More: Sports") closing Daily Pakistan pages
	}
	return false
}

// corpusFiles lists the ordinary articles: all of urdu-news and pk-ru but the scrape.
func corpusFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, pattern := range []string{"../../testdata/pk-ru/*.txt", "../../testdata/urdu-news/*.txt"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range m {
			if filepath.Base(f) != scrape {
				files = append(files, f)
			}
		}
	}
	if len(files) < 500 {
		t.Fatalf("found %d corpus files, want at least 500", len(files))
	}
	return files
}

func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// normLine compares lines regardless of spacing.
func normLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func TestCleanKeepsArticleLines(t *testing.T) {
	for _, f := range corpusFiles(t) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		in := strings.TrimPrefix(string(data), "\uFEFF")
		out := Clean(in)
		kept := make(map[string]bool)
		for l := range strings.SplitSeq(out, "\n") {
			kept[normLine(l)] = true
		}
		for l := range strings.SplitSeq(strings.ReplaceAll(in, "\r", ""), "\n") {
			l = normLine(l)
			if letters(l) < 20 || kept[l] {
				continue
			}
			if boilerplate(l) {
				continue
			}
			t.Errorf("%s: Clean dropped the line %q", filepath.Base(f), l)
		}
	}
}

func TestCleanScrape(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("../../testdata/pk-ru", scrape))
	if err != nil {
		t.Fatal(err)
	}
	got := Clean(string(data))
	const title = "پاکستان اور روس کے مابین تعلقات کا نیا سلسلہ، روسی صدر نے پاکستان کے لیئے اہم پیغام بھیج دیا"
	if !strings.HasPrefix(got, title+"\n") {
		t.Errorf("Clean(scrape) starts %q, want the title %q", first100(got), title)
	}
	if n := strings.Count(got, title); n != 1 {
		t.Errorf("Clean(scrape) has the title %d times, want 1", n)
	}
	const end = "وسائل کی جدید کاری میں بھی حصہ لینے کی حمایت کرتا ہے۔"
	if !strings.HasSuffix(got, end) {
		t.Errorf("Clean(scrape) ends %q, want it to end with %q", last100(got), end)
	}
	for _, bad := range []string{"غزہ", "سیلاب", "بلوچستان", "جواب دیں", "ای میل ایڈریس", "مشہور خبریں", "?️", "?"} {
		if strings.Contains(got, bad) {
			t.Errorf("Clean(scrape) contains %q", bad)
		}
	}
	// Every paragraph of the article is there.
	for l := range strings.SplitSeq(string(data), "\n") {
		if strings.HasSuffix(l, "۔") && letters(l) > 100 && !strings.Contains(got, l) {
			t.Errorf("Clean(scrape) lost the paragraph %q", first100(l))
		}
	}
}

func first100(s string) string {
	r := []rune(s)
	return string(r[:min(len(r), 100)])
}

func last100(s string) string {
	r := []rune(s)
	return string(r[max(0, len(r)-100):])
}

// TestCleanPages shows the rules on small synthetic pages, in both languages,
// so that they are seen to be general rather than fitted to one file.
func TestCleanPages(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{
			name: "english related list and comment form",
			in: `Floods close the Karakoram Highway

Floods close the Karakoram Highway

Share

Published: January 17, 2024

Landslides blocked the highway near Gilgit on Tuesday, officials said. Traffic was stopped in both directions.

Work to clear the road will take three days, the highway authority said in a statement.

Related articles

Cricket board names new selection committee

📅 12 March 2024 Lahore: The board announced on Monday that the

Stock market closes at record high

📅 3 April 2024 Karachi: Shares rose for a fifth day as investors

Leave a Reply

Your email address will not be published. Required fields are marked *`,
			want: `Floods close the Karakoram Highway

Landslides blocked the highway near Gilgit on Tuesday, officials said. Traffic was stopped in both directions.

Work to clear the road will take three days, the highway authority said in a statement.`,
		},
		{
			name: "urdu share lines, credit and related list",
			in: "شیئر کریں:\r\n\r\nتصویر کے کاپی رائٹ AFP\r\n\r\n" +
				"کراچی میں شدید بارش کے بعد کئی علاقوں میں پانی جمع ہو گیا اور ٹریفک کا نظام درہم برہم ہو گیا۔ محکمہ موسمیات نے مزید بارش کی پیش گوئی کی ہے۔\r\n\r\n" +
				"یہ بھی پڑھیں\r\n\r\nلاہور میں اسموگ کی صورتحال بدستور خراب\r\n\r\nاسلام آباد میں نئے تعلیمی سال کا آغاز\r\n",
			want: "کراچی میں شدید بارش کے بعد کئی علاقوں میں پانی جمع ہو گیا اور ٹریفک کا نظام درہم برہم ہو گیا۔ محکمہ موسمیات نے مزید بارش کی پیش گوئی کی ہے۔",
		},
		{
			name: "urdu teasers without a heading",
			in: "وزیر اعظم نے آج کابینہ کے اجلاس کی صدارت کی جس میں ملکی معیشت کی صورتحال پر تفصیلی غور کیا گیا اور کئی اہم فیصلے کیے گئے۔\n\n" +
				"بجلی کے نرخوں میں اضافہ\n\n▶️ ۱۲ مارچ ۲۰۲۴اسلام آباد: نیپرا نے بجلی کی قیمت میں\n\n" +
				"گندم کی خریداری شروع\n\n▶️ 3 اپریل 2024لاہور: پنجاب حکومت نے گندم کی سرکاری\n",
			want: "وزیر اعظم نے آج کابینہ کے اجلاس کی صدارت کی جس میں ملکی معیشت کی صورتحال پر تفصیلی غور کیا گیا اور کئی اہم فیصلے کیے گئے۔",
		},
		{
			name: "comments with prose after the heading",
			in: `The council approved the budget on Monday after a long debate about school funding and road repairs in the city.

The mayor said the vote was a relief. "We can now start the work we promised," she said.

3 Comments

This is great news for our neighbourhood, the roads have been terrible for years and nobody listened.

I disagree. The council should have spent more on schools and less on roads this year.`,
			want: `The council approved the budget on Monday after a long debate about school funding and road repairs in the city.

The mayor said the vote was a relief. "We can now start the work we promised," she said.`,
		},
		{
			name: "category line at the end",
			in:   "لزبن میں کھیلے گئے میچ میں پرتگال نے اسپین کو دو کے مقابلے میں تین گول سے شکست دے دی اور گروپ میں پہلی پوزیشن حاصل کر لی۔\n\nمزید : کھیل\n",
			want: "لزبن میں کھیلے گئے میچ میں پرتگال نے اسپین کو دو کے مقابلے میں تین گول سے شکست دے دی اور گروپ میں پہلی پوزیشن حاصل کر لی۔",
		},
		{
			name: "mid-article related box is kept",
			in: "پہلا پیراگراف جس میں خبر کی تفصیل بیان کی گئی ہے اور یہ کافی لمبا ہے تاکہ اسے نثر سمجھا جائے، اس میں کئی جملے ہیں۔\n\n" +
				"یہ بھی پڑھیے\n\nبینکوں میں افراتفری\n\n" +
				"دوسرا پیراگراف جس میں مزید تفصیل ہے اور یہ بھی کافی لمبا ہے تاکہ اسے نثر سمجھا جائے، اس میں بھی کئی جملے ہیں۔",
			want: "پہلا پیراگراف جس میں خبر کی تفصیل بیان کی گئی ہے اور یہ کافی لمبا ہے تاکہ اسے نثر سمجھا جائے، اس میں کئی جملے ہیں۔\n\n" +
				"یہ بھی پڑھیے\n\nبینکوں میں افراتفری\n\n" +
				"دوسرا پیراگراف جس میں مزید تفصیل ہے اور یہ بھی کافی لمبا ہے تاکہ اسے نثر سمجھا جائے، اس میں بھی کئی جملے ہیں۔",
		},
		{
			name: "article of short lines is not cut by a heading",
			in:   "صحت کے لیے مفید غذائیں\nدودھ\nآلو\nمزید پڑھیں\nدہی\nچاول",
			want: "صحت کے لیے مفید غذائیں\nدودھ\nآلو\nمزید پڑھیں\nدہی\nچاول",
		},
		{
			name: "single line breaks and trailing spaces",
			in:   "Line one.   \nLine two.\n\n\n\nLine three.",
			want: "Line one.\nLine two.\n\nLine three.",
		},
		{
			name: "quoted comment phrase early in the article stays",
			in:   "Leave a Reply\n\nThe play \"Leave a Reply\" opened in Lahore on Friday and drew a full house for its first night, the producers said.",
			want: "Leave a Reply\n\nThe play \"Leave a Reply\" opened in Lahore on Friday and drew a full house for its first night, the producers said.",
		},
		{name: "only boilerplate", in: "?️\n\nShare\n\n17 جنوری 2024", want: ""},
		{name: "empty", in: "", want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Clean(tt.in)
			if got != tt.want {
				t.Errorf("Clean:\n got %q\nwant %q", got, tt.want)
			}
			if len(got) > len(tt.in) {
				t.Errorf("Clean output is %d bytes, longer than its %d-byte input", len(got), len(tt.in))
			}
		})
	}
}

func TestCleanInvalidUTF8(t *testing.T) {
	got := Clean("Good line one.\xff\xfe\nSecond line.")
	if !utf8.ValidString(got) {
		t.Errorf("Clean returned invalid UTF-8 %q", got)
	}
	if got != "Good line one.\nSecond line." {
		t.Errorf("Clean = %q", got)
	}
}

// TestKeyFolds checks that phrase lists and repeated lines are compared in
// text.Fold's form: Arabic letters typed for Urdu ones, Urdu and Arabic-Indic
// digits, diacritics and a madda written as a separate mark all meet the
// plain spelling.
func TestKeyFolds(t *testing.T) {
	tests := []struct{ in, want string }{
		{"شیئر کریں:", "شیئر کریں"},
		{"شيئر كريں", "شیئر کریں"},         // Arabic yeh and kaf
		{"يه بھي پڑھيں", "یہ بھی پڑھیں"},   // Arabic heh and yeh; ھ is kept
		{"۳ تبصرے", "3 تبصرے"},             // Urdu digits
		{"٣ تبصرے", "3 تبصرے"},             // Arabic-Indic digits
		{"اسلام ا\u0653باد", "اسلام آباد"}, // alef + madda mark composes to آ
		{"تاریخِ اشاعت", "تاریخ اشاعت"},    // zer removed
		{"Related  Articles", "related articles"},
	}
	for _, tt := range tests {
		if got := key(tt.in); got != tt.want {
			t.Errorf("key(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := Clean("متن کا پہلا جملہ۔\nشيئر كريں\nدوسرا جملہ۔"); got != "متن کا پہلا جملہ۔\nدوسرا جملہ۔" {
		t.Errorf("Clean with an Arabic-keyboard share line = %q", got)
	}
}
