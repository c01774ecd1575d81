package text

import "testing"

func TestIsAcronym(t *testing.T) {
	for w, want := range map[string]bool{
		"LNG": true, "KSE": true, "SOPs": true, "(SCO)": true, "G20": false, "PTI,": true, "UNESCO": true,
		"NADRA": true, "B2B": true, "Lavrov": false, "McDonald": false, "YouTube": false, "PAKISTAN": false,
		"A": false, "Is": false, "s": false, "COVID19": false, "ایس": false,
	} {
		if got := IsAcronym(w); got != want {
			t.Errorf("IsAcronym(%q) = %v, want %v", w, got, want)
		}
	}
}
