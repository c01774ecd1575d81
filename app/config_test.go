package app

import (
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jawab/jawab/rag"
)

func TestStoreConfig(t *testing.T) {
	cases := []struct {
		env     map[string]string
		kind    string
		wantErr bool
	}{
		{map[string]string{}, "local", false},
		{map[string]string{"JAWAB_STORE": "weaviate"}, "", true}, // no URL
		{map[string]string{"JAWAB_STORE": "weaviate", "JAWAB_WEAVIATE_URL": "http://10.0.0.5:8080", "JAWAB_WEAVIATE_CONSISTENCY": "quorum"}, "weaviate", false},
		{map[string]string{"JAWAB_STORE": "weaviate", "JAWAB_WEAVIATE_URL": "10.0.0.5:8080"}, "", true},
		{map[string]string{"JAWAB_STORE": "weaviate", "JAWAB_WEAVIATE_URL": "http://h:8080", "JAWAB_WEAVIATE_CONSISTENCY": "SOME"}, "", true},
		{map[string]string{"JAWAB_STORE": "weaviate", "JAWAB_WEAVIATE_URL": "http://h:8080", "JAWAB_WEAVIATE_CLASS": "bad-name"}, "", true},
		{map[string]string{"JAWAB_STORE": "weaviate", "JAWAB_WEAVIATE_URL": "http://w0:8080, http://w1:8080,http://w2:8080", "JAWAB_WEAVIATE_GRPC": "w0:50051,w1:50051,w2:50051"}, "weaviate", false},
		{map[string]string{"JAWAB_STORE": "weaviate", "JAWAB_WEAVIATE_URL": "http://w0:8080,w1:8080"}, "", true},
		{map[string]string{"JAWAB_STORE": "weaviate", "JAWAB_WEAVIATE_URL": "http://w0:8080,http://w1:8080", "JAWAB_WEAVIATE_GRPC": "w0:50051"}, "", true},
		{map[string]string{"JAWAB_STORE": "elastic"}, "", true},
	}
	for _, c := range cases {
		var sc StoreConfig
		err := sc.load(func(k string) string { return c.env[k] })
		if (err != nil) != c.wantErr || (err == nil && sc.Kind != c.kind) {
			t.Errorf("%v: kind %q, err %v; want kind %q, error %v", c.env, sc.Kind, err, c.kind, c.wantErr)
		}
		if err != nil && rag.ErrorCode(err) != rag.Invalid {
			t.Errorf("%v: error code %s, want invalid", c.env, rag.ErrorCode(err))
		}
	}
}

func TestParseWidgetKeys(t *testing.T) {
	got, err := parseWidgetKeys(" k1@https://a.example|https://b.example:8443/ , k2@http://localhost:3000")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Key != "k1" || len(got[0].Origins) != 2 || got[0].Origins[1] != "https://b.example:8443/" ||
		got[1].Key != "k2" || got[1].Origins[0] != "http://localhost:3000" {
		t.Errorf("got %+v", got)
	}
}

// env is a getenv over a map.
func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestLoadConfigDataDir(t *testing.T) {
	tests := []struct {
		name, flag string
		env        map[string]string
		want       string
	}{
		{"flag over environment", "/flag", map[string]string{"JAWAB_DATA": "/env", "XDG_DATA_HOME": "/xdg"}, "/flag"},
		{"JAWAB_DATA", "", map[string]string{"JAWAB_DATA": "/env", "XDG_DATA_HOME": "/xdg", "HOME": "/home/u"}, "/env"},
		{"XDG_DATA_HOME", "", map[string]string{"XDG_DATA_HOME": "/xdg", "HOME": "/home/u"}, filepath.Join("/xdg", "jawab")},
		{"HOME", "", map[string]string{"HOME": "/home/u"}, filepath.Join("/home/u", ".local", "share", "jawab")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := LoadConfig(env(tt.env), tt.flag)
			if err != nil {
				t.Fatal(err)
			}
			if c.DataDir != tt.want {
				t.Errorf("DataDir = %q, want %q", c.DataDir, tt.want)
			}
		})
	}
}

func TestLoadConfig(t *testing.T) {
	c, err := LoadConfig(env(map[string]string{
		"JAWAB_DATA": "/d", "OPENAI_BASE_URL": "http://llm.example/v1", "OPENAI_API_KEY": "sk-test",
		"JAWAB_CHAT_MODEL": "qwen2.5:7b", "JAWAB_EMBED_MODEL": "bge-m3", "JAWAB_EMBED_BASE_URL": "http://emb.example/v1",
		"JAWAB_EMBED_DIM": "512", "JAWAB_EMBED_PREFIXES": "true", "JAWAB_LLM_TIMEOUT": "90s", "JAWAB_LLM_RETRIES": "0",
		"JAWAB_MIN_ANSWERABILITY": "0.4", "JAWAB_MIN_ROMAN_COVERAGE": "0.5", "JAWAB_RERANK_MODEL": "rerank-v3.5",
		"JAWAB_FAILPOINT": "staged:3",
	}), "")
	if err != nil {
		t.Fatal(err)
	}
	if c.ChatBaseURL != "http://llm.example/v1" || c.EmbedBaseURL != "http://emb.example/v1" || c.RerankBaseURL != "http://llm.example/v1" {
		t.Errorf("base URLs: chat %q, embed %q, rerank %q", c.ChatBaseURL, c.EmbedBaseURL, c.RerankBaseURL)
	}
	if c.ChatAPIKey != "sk-test" || c.EmbedAPIKey != "sk-test" || c.RerankAPIKey != "sk-test" {
		t.Errorf("OPENAI_API_KEY not the default key of every client: %q %q %q", c.ChatAPIKey, c.EmbedAPIKey, c.RerankAPIKey)
	}
	if c.EmbedDim != 512 || !c.EmbedPrefixes || c.LLMTimeout != 90*time.Second || c.LLMRetries != -1 {
		t.Errorf("embed dim %d, prefixes %v, LLM timeout %v, retries %d; want 512, true, 90s, -1 (none)", c.EmbedDim, c.EmbedPrefixes, c.LLMTimeout, c.LLMRetries)
	}
	if c.MinAnswerability != 0.4 || c.MinRomanCoverage != 0.5 || c.MinCrossCoverage != 0 {
		t.Errorf("thresholds %v %v %v", c.MinAnswerability, c.MinRomanCoverage, c.MinCrossCoverage)
	}
	if c.RerankDepth != defaultRerankDepth || c.JudgeModel != "qwen2.5:7b" || c.Store.Kind != "local" || c.Failpoint != "staged:3" {
		t.Errorf("rerank depth %d, judge %q, store %q, failpoint %q", c.RerankDepth, c.JudgeModel, c.Store.Kind, c.Failpoint)
	}
}

func TestLoadConfigErrors(t *testing.T) {
	for _, kv := range [][2]string{
		{"JAWAB_EMBED_DIM", "many"},
		{"JAWAB_LLM_TIMEOUT", "soon"},
		{"JAWAB_LLM_FIRST_TOKEN_TIMEOUT", "-1s"},
		{"JAWAB_LLM_RETRIES", "-2"},
		{"JAWAB_MIN_ANSWERABILITY", "1.5"},
		{"JAWAB_MIN_CROSS_COVERAGE", "0"},
		{"JAWAB_EMBED_MONOLINGUAL", "maybe"},
		{"JAWAB_EMBED_PREFIXES", "yes please"},
		{"JAWAB_STORE", "elastic"},
		{"JAWAB_RERANK_DEPTH", "10"}, // without JAWAB_RERANK_MODEL
	} {
		_, err := LoadConfig(env(map[string]string{"JAWAB_DATA": "/d", kv[0]: kv[1]}), "")
		if rag.ErrorCode(err) != rag.Invalid || !strings.Contains(err.Error(), kv[0]) {
			t.Errorf("%s=%q: err = %v, want an invalid error naming it", kv[0], kv[1], err)
		}
	}
}

func TestLoadServeConfig(t *testing.T) {
	s, err := LoadServeConfig(env(map[string]string{"JAWAB_ADDR": "0.0.0.0:9000", "JAWAB_RATE": "off",
		"JAWAB_API_KEYS": " a, ,b ", "JAWAB_CORS_ORIGINS": "*", "JAWAB_LOG_LEVEL": "debug"}), "")
	if err != nil {
		t.Fatal(err)
	}
	if s.Addr != "0.0.0.0:9000" || s.Rate != -1 || len(s.APIKeys) != 2 || s.APIKeys[1] != "b" || s.LogLevel != slog.LevelDebug {
		t.Errorf("got %+v", s)
	}
	if s, _ := LoadServeConfig(env(map[string]string{"JAWAB_ADDR": "0.0.0.0:9000"}), "127.0.0.1:0"); s.Addr != "127.0.0.1:0" {
		t.Errorf("--addr does not override JAWAB_ADDR: %q", s.Addr)
	}
	if s, _ := LoadServeConfig(env(nil), ""); s.Addr != DefaultAddr {
		t.Errorf("default address %q, want %q", s.Addr, DefaultAddr)
	}
	for _, kv := range [][2]string{
		{"JAWAB_WIDGET_KEYS", "key-without-origin"},
		{"JAWAB_WIDGET_KEYS", "k@ftp://x.example"},
		{"JAWAB_CORS_ORIGINS", "https://x.example/path"},
		{"JAWAB_RATE", "fast"},
		{"JAWAB_BURST", "-1"},
		{"JAWAB_LOG_LEVEL", "loud"},
	} {
		_, err := LoadServeConfig(env(map[string]string{kv[0]: kv[1]}), "")
		if rag.ErrorCode(err) != rag.Invalid || !strings.Contains(err.Error(), kv[0]) {
			t.Errorf("%s=%q: err = %v, want an invalid error naming it", kv[0], kv[1], err)
		}
	}
}
