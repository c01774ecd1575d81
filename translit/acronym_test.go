package translit

import "testing"

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
