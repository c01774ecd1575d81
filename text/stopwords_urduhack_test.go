package text

import (
	"slices"
	"strings"
	"testing"
)

func TestIsUrduhackStopword(t *testing.T) {
	tests := []struct {
		tok  string
		want bool
	}{
		{"سے", true}, {"کے", true}, {"کی", true}, {"میں", true}, {"ہے", true},
		{"اور", true}, {"کیا", true}, {"اپنےآپ", true}, {"وغیرہ", true},
		// question words are left out
		{"کب", false}, {"کون", false}, {"کیوں", false}, {"کہاں", false},
		{"کس", false}, {"کسی", false}, {"کیسے", false},
		// so are the numbers and dates urduhack itself took out
		{"اگست", false}, {"ہزار", false}, {"تین", false}, {"کل", false},
		{"پاکستان", false}, {"روس", false}, {"the", false}, {"", false},
	}
	for _, tt := range tests {
		if got := IsUrduhackStopword(tt.tok); got != tt.want {
			t.Errorf("IsUrduhackStopword(%q) = %v, want %v", tt.tok, got, tt.want)
		}
	}
}

// TestUrduhackStopwordsFolded checks that every entry is in folded form and
// is one token, so that it can match, and that none is one of the garbled
// entries of the widespread stopwords-iso list (which has ضے for سے, ًب or ٌب
// for نا, ى for ن).
func TestUrduhackStopwordsFolded(t *testing.T) {
	for _, w := range urduhackList {
		if f := Fold(w); f != w {
			t.Errorf("urduhack stopword %q folds to %q, want itself", w, f)
		}
		if toks := Tokens(w); len(toks) != 1 || toks[0] != w {
			t.Errorf("urduhack stopword %q tokenises to %q, want itself", w, toks)
		}
		if strings.ContainsAny(w, "ًٌٍىةك") || strings.HasSuffix(w, "ضے") {
			t.Errorf("urduhack stopword %q looks mis-encoded", w)
		}
	}
	for _, bad := range []string{"ضے", "اضکی", "اضکے", "اضکب", "اى", "اًہیں", "اپٌب", "آًب"} {
		if IsUrduhackStopword(bad) || slices.Contains(urduhackList, bad) {
			t.Errorf("mis-encoded %q is in the urduhack list", bad)
		}
	}
	if n := len(urduhackList); n != 430 {
		t.Errorf("urduhack list has %d words, want urduhack's 430", n)
	}
	if got, want := len(urduhackStopwords), 430-len(urduhackQuestionWords); got != want {
		t.Errorf("urduhackStopwords has %d words, want %d (duplicates?)", got, want)
	}
}

// TestStopwordsKeepQuestionWords checks that neither list drops a question
// word, and that each word left out of urduhack's list was in it.
func TestStopwordsKeepQuestionWords(t *testing.T) {
	for _, q := range urduhackQuestionWords {
		if !slices.Contains(urduhackList, q) {
			t.Errorf("question word %q is not in urduhack's list: nothing to leave out", q)
		}
		if IsUrduhackStopword(q) || IsStopword(q) {
			t.Errorf("question word %q is a stopword", q)
		}
	}
	for _, q := range []string{"کتنا", "کتنی", "کتنے", "when", "where", "why", "how"} {
		if IsUrduhackStopword(q) || IsStopword(q) {
			t.Errorf("question word %q is a stopword", q)
		}
	}
}

// TestStopwordListsCompared logs how our list and urduhack's differ, for the
// decision between them (go test -run TestStopwordListsCompared -v).
func TestStopwordListsCompared(t *testing.T) {
	var both, onlyOurs []string
	for w := range urduStopwords {
		if IsUrduhackStopword(w) {
			both = append(both, w)
		} else {
			onlyOurs = append(onlyOurs, w)
		}
	}
	slices.Sort(onlyOurs)
	t.Logf("ours: %d words; urduhack's: %d (430 less %d question words); both: %d; only ours: %d %q; only urduhack's: %d",
		len(urduStopwords), len(urduhackStopwords), len(urduhackQuestionWords),
		len(both), len(onlyOurs), onlyOurs, len(urduhackStopwords)-len(both))
}
