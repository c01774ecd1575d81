package app

import (
	"os"

	"github.com/jawab/jawab/lexicon"
	"github.com/jawab/jawab/rag"
	"github.com/jawab/jawab/xlang"
)

// OfflineTranslator is the model-free cross-language search over st: the
// lexicon of JAWAB_LEXICON, else the built-in one, with names matched against
// st's vocabulary; nil when JAWAB_LEXICON=off. A missing or corrupt lexicon
// is an error that names it and how to rebuild it.
func (c *Config) OfflineTranslator(st rag.Vocabulary) (*xlang.Offline, error) {
	switch c.Lexicon {
	case "off":
		return nil, nil
	case "":
		lex, err := lexicon.Default()
		if err != nil {
			return nil, err
		}
		return xlang.New(lex, st), nil
	}
	f, err := os.Open(c.Lexicon)
	if err != nil {
		return nil, rag.Errorf(rag.Invalid, "JAWAB_LEXICON: cannot read the lexicon %s (%v); build one with `go run ./cmd/jawab-train lexicon`, set JAWAB_LEXICON=off to search without one, or unset it to use the built-in lexicon", c.Lexicon, err)
	}
	defer f.Close()
	lex, err := lexicon.Read(f)
	if err != nil {
		return nil, rag.Errorf(rag.Invalid, "JAWAB_LEXICON: %s: %v; build it again with `go run ./cmd/jawab-train lexicon`", c.Lexicon, err)
	}
	return xlang.New(lex, st), nil
}
