package translit

import (
	"testing"

	"github.com/jawab/jawab/text"
)

func TestAcronym(t *testing.T) {
	for written, want := range map[string]string{
		"KSE":  "کے ایس ای",
		"ISPR": "آئی ایس پی آر",
		"SOPs": "ایس او پیز",
		"NCOC": "این سی او سی",
		"PTI":  "پی ٹی آئی",
	} {
		if got, ok := Acronym(written); !ok || got != want {
			t.Errorf("Acronym(%q) = %q, %v; want %q", written, got, ok, want)
		}
	}
	for _, written := range []string{"Lahore", "I", "A", "COVIDIANS", "kse", "Us", "K2"} {
		if got, ok := Acronym(written); ok {
			t.Errorf("Acronym(%q) = %q: not written as an acronym", written, got)
		}
	}
}

func TestSpelledIdentifier(t *testing.T) {
	for in, want := range map[string]string{
		"این اے 249 میں ضمنی انتخاب":    "NA-249",
		"پی ایس 70 بدین":                "PS-70",
		"کے ایس ای 100 انڈیکس بند ہوا":  "KSE-100",
		"۔پی پی ۸۴ سے":                  "PP-84", // Urdu digits
		"کے ایس ای انڈیکس":              "",      // no number: letter names are often words
		"اے 249":                        "",      // one letter name is a word (O, a)
		"اس کے بعد 5 افراد":             "",
		"02 اگست (اے پی پی) 2014 ویمنز": "", // the agency, then the year
		"پی ٹی آئی کے 3 ارکان":          "", // PTI's three members
		"پی کے 84 سے امیدوار":           "PK-84",
		"آئی سی سی ٹی 20 ورلڈ کپ":       "ICC T20",
	} {
		toks := text.Tokens(in)
		got := ""
		for i := range toks {
			if id, n := SpelledIdentifier(toks, i); n > 0 {
				got = id
				break
			}
		}
		if got != want {
			t.Errorf("SpelledIdentifier in %q = %q, want %q", in, got, want)
		}
	}
}
