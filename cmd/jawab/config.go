package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/jawab/jawab/index/embed"
	"github.com/jawab/jawab/llm"
	"github.com/jawab/jawab/rag"
)

// config is everything jawab reads from flags and the environment; flags override
// the environment, which overrides the defaults.
type config struct {
	DataDir string

	// Embedder: the local one unless EmbedModel is set.
	EmbedBaseURL     string
	EmbedAPIKey      string
	EmbedModel       string
	EmbedDim         int
	EmbedPrefixes    bool
	EmbedMonolingual bool

	// Chat model: none (extractive answers) unless ChatModel is set.
	ChatBaseURL string
	ChatAPIKey  string
	ChatModel   string

	// MinCoverage overrides the answerability gate (rag.DefaultMinCoverage).
	MinCoverage float64
}

// addDataDir registers --data-dir on fs.
func (c *config) addDataDir(fs *flag.FlagSet) {
	fs.StringVar(&c.DataDir, "data-dir", "", "index directory (default $JAWAB_DATA, else $XDG_DATA_HOME/jawab)")
}

// load fills what the flags left empty from the environment and the defaults.
func (c *config) load(getenv func(string) string) error {
	if c.DataDir == "" {
		c.DataDir = getenv("JAWAB_DATA")
	}
	if c.DataDir == "" {
		base := getenv("XDG_DATA_HOME")
		if base == "" {
			home := getenv("HOME")
			if home == "" {
				h, err := os.UserHomeDir()
				if err != nil {
					return rag.Errorf(rag.Invalid, "no data dir: set --data-dir or $JAWAB_DATA")
				}
				home = h
			}
			base = filepath.Join(home, ".local", "share")
		}
		c.DataDir = filepath.Join(base, "jawab")
	}
	c.EmbedBaseURL = firstNonEmpty(getenv("JAWAB_EMBED_BASE_URL"), getenv("OPENAI_BASE_URL"))
	c.ChatBaseURL = firstNonEmpty(getenv("JAWAB_CHAT_BASE_URL"), getenv("OPENAI_BASE_URL"))
	c.ChatAPIKey = getenv("OPENAI_API_KEY")
	c.ChatModel = getenv("JAWAB_CHAT_MODEL")
	c.EmbedAPIKey = getenv("OPENAI_API_KEY")
	c.EmbedModel = getenv("JAWAB_EMBED_MODEL")
	if v := getenv("JAWAB_EMBED_DIM"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return rag.Errorf(rag.Invalid, "JAWAB_EMBED_DIM=%q is not a positive number", v)
		}
		c.EmbedDim = n
	}
	if v := getenv("JAWAB_MIN_COVERAGE"); v != "" {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f <= 0 || f > 1 {
			return rag.Errorf(rag.Invalid, "JAWAB_MIN_COVERAGE=%q is not a number in (0, 1]", v)
		}
		c.MinCoverage = f
	}
	if v := getenv("JAWAB_EMBED_MONOLINGUAL"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return rag.Errorf(rag.Invalid, "JAWAB_EMBED_MONOLINGUAL=%q is not true or false", v)
		}
		c.EmbedMonolingual = b
	}
	if v := getenv("JAWAB_EMBED_PREFIXES"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return rag.Errorf(rag.Invalid, "JAWAB_EMBED_PREFIXES=%q is not true or false", v)
		}
		c.EmbedPrefixes = b
	}
	return nil
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

// embedder builds the configured embedder.
func (c *config) embedder() (rag.Embedder, error) {
	if c.EmbedModel == "" {
		return embed.NewLocal(), nil
	}
	e, err := embed.NewOpenAI(embed.OpenAIConfig{
		BaseURL: c.EmbedBaseURL, APIKey: c.EmbedAPIKey, Model: c.EmbedModel,
		Dimensions: c.EmbedDim, Prefixes: c.EmbedPrefixes, Monolingual: c.EmbedMonolingual,
	})
	if err != nil {
		return nil, fmt.Errorf("embedder: %w", err)
	}
	return e, nil
}

// chat builds the configured LLM client, or nil when no chat model is set.
func (c *config) chat() (*llm.Client, error) {
	if c.ChatModel == "" {
		return nil, nil
	}
	cl, err := llm.New(llm.Config{BaseURL: c.ChatBaseURL, APIKey: c.ChatAPIKey, Model: c.ChatModel})
	if err != nil {
		return nil, fmt.Errorf("chat model: %w", err)
	}
	return cl, nil
}
