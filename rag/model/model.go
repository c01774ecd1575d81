// Package model holds jawab's trained ranking and answerability model, built
// into the binary so that jawab works offline with nothing to download.
//
// The file is made by cmd/jawab-train from the UQA train split (see the
// README's "Ranking and answerability" section for its provenance and
// licence); rebuild it with:
//
//	go generate ./rag/model
package model

import _ "embed"

//go:generate go run ../../cmd/jawab-train model -data ../../../shared/data/uqa-train -out jawab-rank.json.gz
//go:generate go run ../../cmd/jawab-train words -data ../../../shared/data/uqa-train -news ../../testdata/urdu-news -out urdu-words.txt.gz

// Path is the file's path in the repository, for messages.
const Path = "rag/model/jawab-rank.json.gz"

// Rebuild is the command that remakes the file, for messages.
const Rebuild = "go generate ./rag/model (needs ../shared/data/uqa-train)"

// File is the model file's bytes (rag.ReadModel reads them).
//
//go:embed jawab-rank.json.gz
var File []byte

// Words is the word list of general Urdu (rag.CommonWord), one word per line,
// gzip-compressed: the words that three or more articles write, of the UQA
// train split's training part and of the 500 urdu-news articles in testdata.
//
//go:embed urdu-words.txt.gz
var Words []byte
