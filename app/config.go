package app

import (
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/jawab/jawab/api"
	"github.com/jawab/jawab/index/embed"
	"github.com/jawab/jawab/llm"
	"github.com/jawab/jawab/rag"
)

// Config is everything jawab reads from the environment (JAWAB_*, OPENAI_*),
// with the data dir of the --data-dir flag; flags override the environment,
// which overrides the defaults. LoadConfig fills it.
type Config struct {
	// DataDir is where the local index and the feedback log live.
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
	// LLM patience (llm.Config): zero values mean llm's defaults.
	LLMFirstToken time.Duration // JAWAB_LLM_FIRST_TOKEN_TIMEOUT
	LLMTimeout    time.Duration // JAWAB_LLM_TIMEOUT
	LLMRetries    int           // JAWAB_LLM_RETRIES; -1 for none

	// Reranker: none unless RerankModel is set.
	RerankBaseURL string        // JAWAB_RERANK_BASE_URL, else OPENAI_BASE_URL
	RerankAPIKey  string        // JAWAB_RERANK_API_KEY, else OPENAI_API_KEY
	RerankModel   string        // JAWAB_RERANK_MODEL
	RerankAPI     llm.RerankAPI // JAWAB_RERANK_API: cohere (default) or tei
	RerankDepth   int           // JAWAB_RERANK_DEPTH: passages reranked; default defaultRerankDepth
	RerankTimeout time.Duration // JAWAB_RERANK_TIMEOUT; zero means llm's default
	RerankRetries int           // JAWAB_RERANK_RETRIES; zero means llm's default, -1 none

	// MinAnswerability overrides the gate's threshold (the model's own).
	MinAnswerability float64
	// RankModelFile is the model file to use instead of the built-in one
	// (JAWAB_RANK_MODEL).
	RankModelFile string
	// model is the learned ranker and gate, read once (RankModel).
	model *rag.Model
	// MinCrossCoverage and MinRomanCoverage override
	// rag.DefaultMinCrossCoverage and rag.DefaultMinRomanCoverage
	// (JAWAB_MIN_CROSS_COVERAGE, JAWAB_MIN_ROMAN_COVERAGE).
	MinCrossCoverage, MinRomanCoverage float64
	// Lexicon is the bilingual lexicon file to use instead of the built-in
	// one (JAWAB_LEXICON); "off" turns offline cross-language search off.
	Lexicon string

	// JudgeModel grades answers for "jawab eval --judge" (JAWAB_JUDGE_MODEL;
	// default ChatModel).
	JudgeModel string

	// Store chooses the index: the data dir (local) or Weaviate.
	Store StoreConfig

	// Failpoint is JAWAB_FAILPOINT=STEP:N, for the crash tests only (see
	// failpoint).
	Failpoint string
}

// ServeConfig is what only the server reads: where it listens, who may call
// it, and how often.
type ServeConfig struct {
	Addr           string   // JAWAB_ADDR, --addr; default DefaultAddr
	AdminKey       string   // JAWAB_ADMIN_KEY
	APIKeys        []string // JAWAB_API_KEYS: comma-separated
	WidgetKeys     []api.WidgetKey
	CORSOrigins    []string // JAWAB_CORS_ORIGINS: comma-separated, or *
	TrustedProxies []string // JAWAB_TRUSTED_PROXIES: comma-separated IPs or CIDRs
	Rate           float64  // JAWAB_RATE: requests/s per client; 0 or "off" turns limits off
	Burst          int      // JAWAB_BURST
	LogLevel       slog.Level
}

// DefaultAddr keeps a server that was started without thinking off the network.
const DefaultAddr = "127.0.0.1:8080"

// LoadServeConfig reads the server's configuration from the environment;
// addr is the --addr flag (empty: $JAWAB_ADDR, else DefaultAddr).
func LoadServeConfig(getenv func(string) string, addr string) (ServeConfig, error) {
	var s ServeConfig
	s.Addr = firstNonEmpty(addr, getenv("JAWAB_ADDR"), DefaultAddr)
	s.AdminKey = strings.TrimSpace(getenv("JAWAB_ADMIN_KEY"))
	s.APIKeys = splitList(getenv("JAWAB_API_KEYS"))
	s.CORSOrigins = splitList(getenv("JAWAB_CORS_ORIGINS"))
	s.TrustedProxies = splitList(getenv("JAWAB_TRUSTED_PROXIES"))
	wk, err := parseWidgetKeys(getenv("JAWAB_WIDGET_KEYS"))
	if err != nil {
		return s, err
	}
	s.WidgetKeys = wk
	for _, o := range s.CORSOrigins {
		if o != "*" && !validOrigin(o) {
			return s, rag.Errorf(rag.Invalid, "JAWAB_CORS_ORIGINS: %q is not an origin like https://news.example", o)
		}
	}
	switch v := strings.TrimSpace(getenv("JAWAB_RATE")); strings.ToLower(v) {
	case "":
	case "0", "off":
		s.Rate = -1
	default:
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f <= 0 {
			return s, rag.Errorf(rag.Invalid, "JAWAB_RATE=%q is not a number of requests per second (or off)", v)
		}
		s.Rate = f
	}
	if v := getenv("JAWAB_BURST"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			return s, rag.Errorf(rag.Invalid, "JAWAB_BURST=%q is not a positive number", v)
		}
		s.Burst = n
	}
	if v := getenv("JAWAB_LOG_LEVEL"); v != "" {
		if err := s.LogLevel.UnmarshalText([]byte(v)); err != nil {
			return s, rag.Errorf(rag.Invalid, "JAWAB_LOG_LEVEL=%q: want debug, info, warn or error", v)
		}
	}
	return s, nil
}

// splitList splits a comma-separated list, dropping empty items.
func splitList(v string) []string {
	var out []string
	for item := range strings.SplitSeq(v, ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}

// parseWidgetKeys reads JAWAB_WIDGET_KEYS: "key@https://a.example|https://b.example,key2@https://c.example".
func parseWidgetKeys(v string) ([]api.WidgetKey, error) {
	var out []api.WidgetKey
	for _, item := range splitList(v) {
		key, origins, ok := strings.Cut(item, "@")
		key = strings.TrimSpace(key)
		if !ok || key == "" {
			return nil, rag.Errorf(rag.Invalid, "JAWAB_WIDGET_KEYS: an entry is not KEY@https://site.example (sites separated by |)")
		}
		w := api.WidgetKey{Key: key}
		for o := range strings.SplitSeq(origins, "|") {
			if o = strings.TrimSpace(o); o == "" {
				continue
			}
			if !validOrigin(o) {
				return nil, rag.Errorf(rag.Invalid, "JAWAB_WIDGET_KEYS: %q is not an origin like https://news.example", o)
			}
			w.Origins = append(w.Origins, o)
		}
		if len(w.Origins) == 0 {
			return nil, rag.Errorf(rag.Invalid, "JAWAB_WIDGET_KEYS: a key has no sites; write KEY@https://site.example")
		}
		out = append(out, w)
	}
	return out, nil
}

// validOrigin accepts scheme://host[:port], without a path.
func validOrigin(o string) bool {
	u, err := url.Parse(strings.TrimRight(o, "/"))
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && u.Path == "" &&
		u.RawQuery == "" && u.Fragment == "" && u.User == nil
}

// LoadConfig reads the configuration from the environment; dataDir is the
// --data-dir flag (empty: $JAWAB_DATA, else $XDG_DATA_HOME/jawab, else
// ~/.local/share/jawab). A value that cannot be understood is a rag.Invalid
// error naming the variable.
func LoadConfig(getenv func(string) string, dataDir string) (Config, error) {
	c := Config{DataDir: dataDir}
	return c, c.load(getenv)
}

// load fills what the flags left empty from the environment and the defaults.
func (c *Config) load(getenv func(string) string) error {
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
	for _, d := range []struct {
		name string
		to   *time.Duration
	}{{"JAWAB_LLM_FIRST_TOKEN_TIMEOUT", &c.LLMFirstToken}, {"JAWAB_LLM_TIMEOUT", &c.LLMTimeout}} {
		if v := getenv(d.name); v != "" {
			t, err := time.ParseDuration(v)
			if err != nil || t <= 0 {
				return rag.Errorf(rag.Invalid, "%s=%q is not a duration like 30s", d.name, v)
			}
			*d.to = t
		}
	}
	if v := getenv("JAWAB_LLM_RETRIES"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return rag.Errorf(rag.Invalid, "JAWAB_LLM_RETRIES=%q is not a number of retries (0 or more)", v)
		}
		c.LLMRetries = n
		if n == 0 {
			c.LLMRetries = -1
		}
	}
	if v := getenv("JAWAB_MIN_ANSWERABILITY"); v != "" {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f <= 0 || f > 1 {
			return rag.Errorf(rag.Invalid, "JAWAB_MIN_ANSWERABILITY=%q is not a probability in (0, 1]", v)
		}
		c.MinAnswerability = f
	}
	for name, dst := range map[string]*float64{"JAWAB_MIN_CROSS_COVERAGE": &c.MinCrossCoverage, "JAWAB_MIN_ROMAN_COVERAGE": &c.MinRomanCoverage} {
		if v := getenv(name); v != "" {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil || f <= 0 || f > 1 {
				return rag.Errorf(rag.Invalid, "%s=%q is not a share in (0, 1]", name, v)
			}
			*dst = f
		}
	}
	c.RankModelFile = getenv("JAWAB_RANK_MODEL")
	c.JudgeModel = firstNonEmpty(getenv("JAWAB_JUDGE_MODEL"), c.ChatModel)
	c.Failpoint = getenv("JAWAB_FAILPOINT")
	c.Lexicon = getenv("JAWAB_LEXICON")
	if v := getenv("JAWAB_EMBED_MONOLINGUAL"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return rag.Errorf(rag.Invalid, "JAWAB_EMBED_MONOLINGUAL=%q is not true or false", v)
		}
		c.EmbedMonolingual = b
	}
	if err := c.Store.load(getenv); err != nil {
		return err
	}
	if err := c.loadRerank(getenv); err != nil {
		return err
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

// defaultRerankDepth and maxRerankDepth bound JAWAB_RERANK_DEPTH: the
// passages a reranker scores per question, one cross-encoder pass each, before
// the answer can start.
const (
	defaultRerankDepth = 20
	maxRerankDepth     = 100
)

// loadRerank reads the optional reranker's settings. They mean nothing
// without JAWAB_RERANK_MODEL, and setting them without it is taken for a
// mistake rather than ignored.
func (c *Config) loadRerank(getenv func(string) string) error {
	c.RerankModel = strings.TrimSpace(getenv("JAWAB_RERANK_MODEL"))
	if c.RerankModel == "" {
		for _, name := range []string{"JAWAB_RERANK_BASE_URL", "JAWAB_RERANK_API", "JAWAB_RERANK_DEPTH", "JAWAB_RERANK_TIMEOUT", "JAWAB_RERANK_RETRIES"} {
			if getenv(name) != "" {
				return rag.Errorf(rag.Invalid, "%s is set but JAWAB_RERANK_MODEL is not: set the rerank model (e.g. rerank-v3.5, BAAI/bge-reranker-v2-m3) to turn reranking on", name)
			}
		}
		return nil
	}
	c.RerankBaseURL = firstNonEmpty(getenv("JAWAB_RERANK_BASE_URL"), getenv("OPENAI_BASE_URL"))
	if c.RerankBaseURL == "" {
		return rag.Errorf(rag.Invalid, "JAWAB_RERANK_MODEL is set but there is no rerank server: set JAWAB_RERANK_BASE_URL (e.g. https://api.cohere.com/v2, https://api.jina.ai/v1, http://localhost:8080 for TEI) or OPENAI_BASE_URL")
	}
	if u, err := url.Parse(c.RerankBaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return rag.Errorf(rag.Invalid, "JAWAB_RERANK_BASE_URL=%q is not an http(s) URL like http://localhost:8080", c.RerankBaseURL)
	}
	c.RerankAPIKey = firstNonEmpty(getenv("JAWAB_RERANK_API_KEY"), getenv("OPENAI_API_KEY"))
	api, err := llm.ParseRerankAPI(getenv("JAWAB_RERANK_API"))
	if err != nil {
		return rag.Errorf(rag.Invalid, "JAWAB_RERANK_API=%q: want cohere (Cohere, Jina, vLLM, llama.cpp) or tei", getenv("JAWAB_RERANK_API"))
	}
	c.RerankAPI = api
	c.RerankDepth = defaultRerankDepth
	if v := getenv("JAWAB_RERANK_DEPTH"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxRerankDepth {
			return rag.Errorf(rag.Invalid, "JAWAB_RERANK_DEPTH=%q is not a number of passages from 1 to %d", v, maxRerankDepth)
		}
		c.RerankDepth = n
	}
	if v := getenv("JAWAB_RERANK_TIMEOUT"); v != "" {
		t, err := time.ParseDuration(v)
		if err != nil || t <= 0 {
			return rag.Errorf(rag.Invalid, "JAWAB_RERANK_TIMEOUT=%q is not a duration like 5s", v)
		}
		c.RerankTimeout = t
	}
	if v := getenv("JAWAB_RERANK_RETRIES"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return rag.Errorf(rag.Invalid, "JAWAB_RERANK_RETRIES=%q is not a number of retries (0 or more)", v)
		}
		c.RerankRetries = n
		if n == 0 {
			c.RerankRetries = -1
		}
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

// Embedder builds the configured embedder.
func (c *Config) Embedder() (rag.Embedder, error) {
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

// Chat builds the configured LLM client, or nil when no chat model is set.
func (c *Config) Chat() (*llm.Client, error) {
	if c.ChatModel == "" {
		return nil, nil
	}
	cl, err := llm.New(llm.Config{BaseURL: c.ChatBaseURL, APIKey: c.ChatAPIKey, Model: c.ChatModel,
		FirstTokenTimeout: c.LLMFirstToken, Timeout: c.LLMTimeout, MaxRetries: c.LLMRetries})
	if err != nil {
		return nil, fmt.Errorf("chat model: %w", err)
	}
	return cl, nil
}

// Reranker builds the configured reranker, or nil when no rerank model is set.
func (c *Config) Reranker() (*llm.Reranker, error) {
	if c.RerankModel == "" {
		return nil, nil
	}
	r, err := llm.NewReranker(llm.RerankConfig{BaseURL: c.RerankBaseURL, APIKey: c.RerankAPIKey, Model: c.RerankModel,
		API: c.RerankAPI, Timeout: c.RerankTimeout, MaxRetries: c.RerankRetries})
	if err != nil {
		return nil, fmt.Errorf("reranker: %w", err)
	}
	return r, nil
}
