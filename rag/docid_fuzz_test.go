package rag

import (
	"path"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// Document ids come from outside (JSON, .jsonl lines, front matter, file
// names). Whatever ValidateDocID accepts is a plain relative path that stays
// where it is put, and shows as what it is.
func FuzzValidateDocID(f *testing.F) {
	for _, id := range []string{"000_c226a50e9c4de795", "2024/03/story", "روس-پاکستان", "a.b",
		"../../etc/passwd", "/abs", "a//b", "a/./b", `a\b`, "x\u202Egpj.exe", "a#1", " a", "\xff", "a\x00b", "..", "...", "a/.../b"} {
		f.Add(id)
	}
	f.Fuzz(func(t *testing.T, id string) {
		err := ValidateDocID(id)
		if err != nil {
			if ErrorCode(err) != Invalid {
				t.Fatalf("ValidateDocID(%q) = %v, want an invalid error", id, err)
			}
			return
		}
		if !utf8.ValidString(id) || len(id) > MaxDocIDBytes || id == "" {
			t.Fatalf("accepted %q", id)
		}
		if path.Clean(id) != id || path.IsAbs(id) || id == ".." || strings.HasPrefix(id, "../") || strings.Contains(id, `\`) {
			t.Fatalf("accepted %q, which is not a clean relative path", id)
		}
		for _, r := range id {
			if unicode.IsControl(r) || isBidiControl(r) || r == '#' {
				t.Fatalf("accepted %q with U+%04X", id, r)
			}
		}
	})
}
