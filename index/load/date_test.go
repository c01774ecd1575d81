package load

import (
	"testing"
	"time"
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
