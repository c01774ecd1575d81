package app

import (
	"testing"

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
