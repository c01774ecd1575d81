// Command jawab answers questions about a collection of news articles, in Urdu or
// English, citing the passages its answers come from.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/jawab/jawab/eval"
	"github.com/jawab/jawab/rag"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err, os.Stderr))
}

// errUsage marks a command line that could not be understood; its message has
// already been printed with the usage text.
var errUsage = errors.New("usage")

// errFailed reports that the command did its work but some of it failed; the
// details have been printed.
var errFailed = errors.New("some items failed")

func exitCode(err error, stderr io.Writer) int {
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errUsage), errors.Is(err, flag.ErrHelp):
		return 2
	case errors.Is(err, errFailed):
		return 1
	case errors.Is(err, eval.ErrRegressed):
		// A distinct status, so CI can tell a quality regression from a crash.
		fmt.Fprintf(stderr, "jawab: %v\n", err)
		return 3
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "jawab: interrupted")
		return 130
	}
	fmt.Fprintf(stderr, "jawab: %v\n", err)
	if rag.ErrorCode(err) == rag.Invalid {
		return 2
	}
	return 1
}

const usage = `jawab answers questions about news articles, in Urdu or English, with citations.

Usage:
  jawab ask [--data-dir DIR] [--json] [--k N] [--lang ur|en] [--stream]
            [--doc ID] [--source NAME] [--from DATE] [--to DATE] "question"
        answer from the index, citing passages; on first use the bundled
        collection is ingested automatically
  jawab ingest [--data-dir DIR] [--prune] [--source NAME] [--json] [PATH...]
        index .txt, .md, .html and .jsonl files or directories (recursively);
        with no PATH, the bundled Pakistan–Russia collection
  jawab ingest [--data-dir DIR] [--prune] [--json] URL...
        fetch article pages, RSS/Atom/JSON feeds and news sitemaps and index
        their articles (conditional requests; --prune drops articles now 404/410)
  jawab docs list [--json]          list indexed documents
  jawab docs show ID [--json]       show one document and its chunks
  jawab docs delete ID              remove a document from the index
  jawab reindex [--data-dir DIR]    rebuild the index with the configured embedder
                                    and ranking model
  jawab eval --corpus DIR --qa FILE.jsonl [--format table|json|html] [--out FILE] [--baseline PREV.json]
        score answers on a question set (testdata/eval/FORMAT.md); see jawab eval -h
  jawab eval --from-feedback [--data-dir DIR] [--out FILE]
        draft eval questions from thumbs-down answers
  jawab serve [--addr HOST:PORT] [--data-dir DIR] [--watch FEED]...
        the HTTP API (/v1/ask, /v1/search, /v1/chat/completions, /v1/documents…);
        keys, origins and limits from JAWAB_ADMIN_KEY, JAWAB_API_KEYS, JAWAB_WIDGET_KEYS,
        JAWAB_CORS_ORIGINS, JAWAB_RATE, JAWAB_BURST (see GET /openapi.json)
        feeds from --watch or JAWAB_FEEDS, polled every JAWAB_FEED_INTERVAL (15m)
  jawab migrate --from local --to weaviate [--data-dir DIR]
        copy the index with its vectors (no re-embedding) between the data dir
        and Weaviate (JAWAB_WEAVIATE_URL, _GRPC, _API_KEY, _CONSISTENCY, _CLASS;
        URL and GRPC may list several nodes, comma separated)
  jawab verify [--sample N] [--node URL|N] [--repair] [--json] [--data-dir DIR]
        check that each chunk is found by its own vector and by its own text (on
        each Weaviate node, or in the data dir's indexes); --repair writes the
        documents with holes again; exit status 1 when holes remain
  jawab version | --version

Data dir: --data-dir, else $JAWAB_DATA, else $XDG_DATA_HOME/jawab (~/.local/share/jawab).
Embedder: the built-in local embedder unless JAWAB_EMBED_MODEL names a model served at
JAWAB_EMBED_BASE_URL (or OPENAI_BASE_URL) with OPENAI_API_KEY.
Index: the data dir, or a Weaviate cluster with JAWAB_STORE=weaviate and
JAWAB_WEAVIATE_URL (see README, "Scaling out: Weaviate").
Answers: extractive quotes unless JAWAB_CHAT_MODEL names a chat model at
JAWAB_CHAT_BASE_URL (or OPENAI_BASE_URL).
`

func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errUsage
	}
	env := &environment{getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "ask":
		return env.ask(ctx, rest)
	case "ingest":
		return env.ingest(ctx, rest)
	case "docs":
		return env.docs(ctx, rest)
	case "reindex":
		return env.reindex(ctx, rest)
	case "eval":
		return env.eval(ctx, rest)
	case "serve":
		return env.serve(ctx, rest)
	case "migrate":
		return env.migrate(ctx, rest)
	case "verify":
		return env.verify(ctx, rest)
	case "version", "--version":
		fmt.Fprintln(stdout, "jawab", version)
		return nil
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprintf(stderr, "jawab: unknown command %q\n\n%s", cmd, usage)
	return errUsage
}

const version = "0.1.0-dev"

// environment is what every subcommand receives from main.
type environment struct {
	getenv         func(string) string
	stdin          io.Reader
	stdout, stderr io.Writer
}

// parseFlags parses flags that may come before, between or after positional
// arguments ("docs show ID --json"), returning the positionals.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, errUsage
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

func newFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("jawab "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// dataDirFlag registers --data-dir on fs.
func dataDirFlag(fs *flag.FlagSet) *string {
	return fs.String("data-dir", "", "index directory (default $JAWAB_DATA, else $XDG_DATA_HOME/jawab)")
}
