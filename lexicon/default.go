package lexicon

import (
	"bytes"
	_ "embed"
	"fmt"
	"strings"
	"sync"

	"github.com/jawab/jawab/text"
)

//go:generate go run ../cmd/jawab-train lexicon -data ../../shared/data -glossary glossary.tsv -out data/en-ur.tsv.gz

// Path is the embedded file's path in the repository, for messages.
const Path = "lexicon/data/en-ur.tsv.gz"

// Rebuild is the command that remakes the file, for messages.
const Rebuild = "go generate ./lexicon (needs ../shared/data)"

//go:embed data/en-ur.tsv.gz
var file []byte

//go:embed glossary.tsv
var glossary []byte

var (
	defaultOnce sync.Once
	defaultLex  *Lexicon
	defaultErr  error
)

// Default is the lexicon built into the binary, parsed on first use.
func Default() (*Lexicon, error) {
	defaultOnce.Do(func() { defaultLex, defaultErr = load(file) })
	return defaultLex, defaultErr
}

// load reads the embedded file and marks the glossary's renderings in it
// (0.2 ms of the load's 80); an error says which file and how to remake it,
// because the only fix is a rebuild.
func load(data []byte) (*Lexicon, error) {
	l, err := Read(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s: %w (rebuild it with %s)", Path, err, Rebuild)
	}
	l.markChecked(glossary)
	return l, nil
}

// markChecked marks the translations that a line of the glossary (TSV:
// english, urdu; # comments) lists, both sides in text.Tokens form as the
// trainer reads them.
func (l *Lexicon) markChecked(glossary []byte) {
	for _, line := range strings.Split(string(glossary), "\n") {
		en, ur, ok := strings.Cut(line, "\t")
		if !ok || strings.HasPrefix(line, "#") {
			continue
		}
		en, ur = strings.Join(text.Tokens(en), " "), strings.Join(text.Tokens(ur), " ")
		ts := l.en[en]
		for i := range ts {
			if ts[i].Text == ur {
				ts[i].Checked = true
			}
		}
	}
}
