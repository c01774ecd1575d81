package rag

import (
	"strings"
	"testing"
)

func TestValidateDocID(t *testing.T) {
	ok := []string{"000_c226a50e9c4de795", "2024/03/story", "روس-پاکستان", "a.b"}
	bad := []string{"", "../../etc/passwd", "/abs", "a/", "a//b", "a/./b", "a\\b", "x\u202Egpj.exe", "a#1", "tab\there", " a", "\xff", strings.Repeat("x", MaxDocIDBytes+1)}
	for _, id := range ok {
		if err := ValidateDocID(id); err != nil {
			t.Errorf("ValidateDocID(%q) = %v, want nil", id, err)
		}
	}
	for _, id := range bad {
		if err := ValidateDocID(id); ErrorCode(err) != Invalid {
			t.Errorf("ValidateDocID(%q) = %v, want an invalid error", id, err)
		}
	}
}
