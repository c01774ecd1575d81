package index

import (
	"fmt"

	"github.com/jawab/jawab/rag"
)

// The binding rules every Store applies the same way, with the same words:
// an index records the embedder and ranking model it was built for, and a
// configuration that uses others is refused until the index is rebuilt.

// EmbedderConflict is the error of binding the embedder name (of dim
// dimensions, 0 while unknown) to an index that recorded m; nil when they
// agree or m records no embedder yet. where names the index; reindex is the
// command that rebuilds it.
func EmbedderConflict(where, reindex string, m Meta, name string, dim int) error {
	if m.Embedder == "" || m.Embedder == name && (dim == 0 || m.Dimension == 0 || m.Dimension == dim) {
		return nil
	}
	return rag.Errorf(rag.Conflict,
		"the index in %s was built with embedder %q (%s), but this configuration uses %q (%s); "+
			"vectors from different embedders cannot be mixed. Re-index with: %s",
		where, m.Embedder, dimText(m.Dimension), name, dimText(dim), reindex)
}

// RankerConflict is the error of binding the ranking model version to an
// index that recorded the version recorded and holds documents or not; nil
// when they agree or the index can adopt version.
func RankerConflict(where, reindex, recorded, version string, hasDocs bool) error {
	switch {
	case recorded != "" && recorded != version:
		return rag.Errorf(rag.Conflict,
			"the index in %s was built for ranking model %q, but this configuration uses %q; "+
				"rebuild it for this model with: %s",
			where, recorded, version, reindex)
	case recorded == "" && hasDocs:
		return rag.Errorf(rag.Conflict,
			"the index in %s records no ranking model (it was built before jawab recorded one), and this configuration uses %q; "+
				"rebuild it for this model with: %s",
			where, version, reindex)
	}
	return nil
}

func dimText(dim int) string {
	if dim == 0 {
		return "dimension not yet known"
	}
	return fmt.Sprintf("%d dimensions", dim)
}
