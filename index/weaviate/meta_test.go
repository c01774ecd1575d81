package weaviate

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/go-openapi/strfmt"
	wv "github.com/weaviate/weaviate-go-client/v5/weaviate"
	"github.com/weaviate/weaviate/entities/models"

	"github.com/jawab/jawab/index/weaviate/weaviatetest"
	"github.com/jawab/jawab/internal/must"
	"github.com/jawab/jawab/rag"
)

// TestMetaFromBefore opens an index whose meta collection a jawab made before
// the ranker was recorded (no "ranker" property, and the test node refuses
// unknown properties): Open adds the property, the index reads as built for
// no ranker, binding one records it, and another replica reads it back.
func TestMetaFromBefore(t *testing.T) {
	node := weaviatetest.StartNode(t)
	ctx := weaviatetest.Context(t)
	cfg := Config{URL: node.URL(), GRPC: node.GRPCAddr(), Class: "Before", Replicas: 1}
	u, _ := url.Parse(cfg.URL)
	client, err := wv.NewClient(wv.Config{Host: u.Host, Scheme: u.Scheme})
	if err != nil {
		t.Fatal(err)
	}
	old := (&Store{cfg: cfg}).metaClassDef()
	var props []*models.Property
	for _, p := range old.Properties {
		if p.Name != "ranker" {
			props = append(props, p)
		}
	}
	old.Properties = props
	if err := client.Schema().ClassCreator().WithClass(old).Do(ctx); err != nil {
		t.Fatalf("create the old meta collection: %v", err)
	}
	_, err = client.Data().Creator().WithClassName(old.Class).WithID(string(strfmt.UUID(metaID))).WithProperties(map[string]any{
		"format": formatVersion, "embedder": "storetest", "dimension": 16, "generation": 1,
		"created": time.Now().UTC().Format(time.RFC3339Nano),
	}).Do(ctx)
	if err != nil {
		t.Fatalf("write the old meta object: %v", err)
	}

	s, err := Open(ctx, cfg)
	if err != nil {
		t.Fatalf("Open over the old meta collection: %v\n%s", err, node.LogTail(20))
	}
	class, err := client.Schema().ClassGetter().WithClassName(old.Class).Do(ctx)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, p := range class.Properties {
		found = found || p.Name == "ranker"
	}
	if !found {
		t.Errorf("Open did not add the ranker property to %s", old.Class)
	}
	if m := must.Value(s.Meta(context.Background())); m.Embedder != "storetest" || m.Dimension != 16 || m.Ranker != "" {
		t.Errorf("Meta = %+v, want the old embedder and no ranker", m)
	}
	if err := s.Bind(context.Background(), "storetest", 16); err != nil {
		t.Errorf("Bind with the old embedder: %v", err)
	}
	if err := s.BindRanker(context.Background(), "rank-v1"); err != nil {
		t.Fatalf("BindRanker on the old, empty index: %v", err)
	}

	other, err := Open(ctx, cfg)
	if err != nil {
		t.Fatalf("Open again: %v", err)
	}
	if m := must.Value(other.Meta(context.Background())); m.Ranker != "rank-v1" || m.Embedder != "storetest" {
		t.Errorf("another replica's Meta = %+v, want ranker rank-v1 and embedder storetest", m)
	}
	err = other.BindRanker(context.Background(), "rank-v2")
	if rag.ErrorCode(err) != rag.Conflict || !strings.Contains(err.Error(), `"rank-v1"`) || !strings.Contains(err.Error(), `"rank-v2"`) ||
		!strings.Contains(err.Error(), "jawab reindex") {
		t.Errorf("BindRanker with another version on another replica: err = %v, want a conflict naming both and jawab reindex", err)
	}
}
