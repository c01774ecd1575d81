package app

import (
	"bytes"
	"fmt"
	"os"

	"github.com/jawab/jawab/rag"
	"github.com/jawab/jawab/rag/model"
)

// RankModel is the learned ranker and gate of this configuration, read by
// loadModel on first use and kept: every command that ranks or binds an index
// to the model's version reads it once, at start-up, before it touches the
// index.
func (c *Config) RankModel() (*rag.Model, error) {
	if c.model == nil {
		m, err := loadModel(c.RankModelFile)
		if err != nil {
			return nil, err
		}
		c.model = m
	}
	return c.model, nil
}

// modelSource says where the model of loadModel(path) comes from, for messages.
func modelSource(path string) string {
	if path != "" {
		return "JAWAB_RANK_MODEL=" + path
	}
	return "the built-in " + model.Path
}

// loadModel reads the learned ranker and gate: the file at path
// (JAWAB_RANK_MODEL), else the one built into the binary. A missing or corrupt
// file is an error that names it and says how to rebuild it: jawab never
// answers with a half-read model.
func loadModel(path string) (*rag.Model, error) {
	if path != "" {
		f, err := os.Open(path)
		if err != nil {
			return nil, rag.Errorf(rag.Invalid, "JAWAB_RANK_MODEL: cannot read the model file %s (%v); make one with `go run ./cmd/jawab-train model -out %s`, or unset JAWAB_RANK_MODEL to use the built-in model", path, err, path)
		}
		defer f.Close()
		m, err := rag.ReadModel(f, path)
		if err != nil {
			return nil, rag.Errorf(rag.Invalid, "JAWAB_RANK_MODEL: %v; make it again with `go run ./cmd/jawab-train model -out %s`", err, path)
		}
		return m, nil
	}
	m, err := rag.ReadModel(bytes.NewReader(model.File), model.Path)
	if err != nil {
		return nil, fmt.Errorf("the built-in %v; rebuild it with %s", err, model.Rebuild)
	}
	return m, nil
}
