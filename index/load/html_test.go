package load

import (
	"strings"
	"testing"
	"time"
)

func TestParseHTML(t *testing.T) {
	tests := []struct {
		file, title, url, source, lang string
		published                      time.Time
		has, hasNot                    []string
	}{
		{
			file:      "urdu-page.html",
			title:     "پشاور میں بارش سے موسم خوشگوار",
			url:       "https://khabarnama.example.pk/2024/02/peshawar-rain",
			source:    "خبرنامہ",
			lang:      "ur", // the text, not the page's wrong lang="en"
			published: time.Date(2024, 2, 5, 3, 30, 0, 0, time.UTC),
			has: []string{
				"پشاور (نامہ نگار) صوبائی دارالحکومت",
				"سکھ کا سانس لیا۔ محکمہ موسمیات",
				"خشک سالی کے خدشات کم ہو گئے ہیں۔",
			},
			hasNot: []string{"صفحہ اول", "سکرپٹ", "font-family", "لاہور میں دھند", "جملہ حقوق", "رابطہ", "شیئر", "ٹویٹ"},
		},
		{
			file:      "english-page.html",
			title:     "Wheat harvest begins early in Punjab",
			url:       "https://daily.example.com/wheat-harvest-punjab",
			source:    "The Daily Example",
			lang:      "en",
			published: time.Date(2024, 4, 2, 6, 0, 0, 0, time.UTC),
			has: []string{
				"Farmers across southern Punjab",
				"move the harvested crop to covered storage as soon as possible.",
			},
			hasNot: []string{"Home", "Log in", "Leave a Reply", "email address", "Cotton sowing", "All rights reserved", "tracking"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			doc := mustLoad(t, tt.file, "page", readFixture(t, tt.file))
			for _, c := range []struct{ field, got, want string }{
				{"Title", doc.Title, tt.title}, {"URL", doc.URL, tt.url}, {"Source", doc.Source, tt.source}, {"Lang", doc.Lang, tt.lang},
			} {
				if c.got != c.want {
					t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
				}
			}
			if !doc.Published.Equal(tt.published) {
				t.Errorf("Published = %v, want %v", doc.Published, tt.published)
			}
			for _, s := range tt.has {
				if !strings.Contains(doc.Text, s) {
					t.Errorf("Text lacks %q:\n%s", s, doc.Text)
				}
			}
			for _, s := range tt.hasNot {
				if strings.Contains(doc.Text, s) {
					t.Errorf("Text contains %q:\n%s", s, doc.Text)
				}
			}
			if strings.Count(doc.Text, "\n\n") < 2 {
				t.Errorf("Text has no paragraph breaks:\n%s", doc.Text)
			}
		})
	}
}

func TestParseHTMLSmallPage(t *testing.T) {
	// Too little text for readability's article scoring: the body text is used.
	in := `<html><head><title>Short note</title></head><body><nav>Home | About</nav><p>The office is closed on Friday.</p><footer>© 2024</footer></body></html>`
	doc := mustLoad(t, "note.htm", "note", []byte(in))
	if doc.Title != "Short note" {
		t.Errorf("Title = %q, want %q", doc.Title, "Short note")
	}
	if doc.Text != "The office is closed on Friday." {
		t.Errorf("Text = %q", doc.Text)
	}
	if doc.URL != "" || doc.Source != "test" {
		t.Errorf("URL, Source = %q, %q; want none, the default", doc.URL, doc.Source)
	}
}

func TestParseHTMLNoText(t *testing.T) {
	it := parseOne(t, "empty.html", "empty", []byte(`<html><head><title>Nothing</title><script>x()</script></head><body><nav>Home</nav></body></html>`))
	if it.Err == nil || !strings.Contains(it.Err.Error(), "no article text") {
		t.Fatalf("Err = %v, want no article text", it.Err)
	}
	wantInvalid(t, it.Err)
}
