package rag

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxDocIDBytes bounds document ids: they appear in URLs, logs and file names.
const MaxDocIDBytes = 256

// ValidateDocID rejects ids that would be ambiguous or dangerous where ids travel:
// empty, too long, invalid UTF-8, control or bidi-override characters, and path
// tricks ("..", leading "/", backslashes). Slashes inside an id are fine
// ("2024/pk-ru/article"): ids never become file paths.
func ValidateDocID(id string) error {
	switch {
	case id == "":
		return Errorf(Invalid, "document id is empty")
	case len(id) > MaxDocIDBytes:
		return Errorf(Invalid, "document id is %d bytes long; at most %d allowed", len(id), MaxDocIDBytes)
	case !utf8.ValidString(id):
		return Errorf(Invalid, "document id %q is not valid UTF-8", id)
	case strings.HasPrefix(id, "/") || strings.HasSuffix(id, "/") || strings.Contains(id, "\\"):
		return Errorf(Invalid, "document id %q must not start or end with / or contain \\", id)
	case strings.TrimSpace(id) != id:
		return Errorf(Invalid, "document id %q has leading or trailing space", id)
	}
	for _, part := range strings.Split(id, "/") {
		if part == "" || part == "." || part == ".." {
			return Errorf(Invalid, "document id %q has an empty, . or .. path element", id)
		}
	}
	for _, r := range id {
		if unicode.IsControl(r) || isBidiControl(r) || r == '#' {
			return Errorf(Invalid, "document id %q contains a control, bidi or '#' character (U+%04X)", id, r)
		}
	}
	return nil
}

// isBidiControl reports the invisible characters that reorder text on screen: an id
// containing them can display as a different id.
func isBidiControl(r rune) bool {
	switch {
	case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069, r == 0x200E, r == 0x200F, r == 0x061C:
		return true
	}
	return false
}
