// Package jawab holds what the jawab binary bundles: the seed collection of
// Urdu news on Pakistan–Russia relations, so that a fresh install has something
// to answer from.
package jawab

import (
	"embed"
	"io/fs"
)

//go:embed testdata/pk-ru/*.txt
var bundled embed.FS

// BundledCorpus returns the bundled articles as a file system and the root inside
// it to ingest from, and the name used as their source.
func BundledCorpus() (fsys fs.FS, root, source string) {
	return bundled, "testdata/pk-ru", "pk-ru"
}
