package main

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jawab/jawab/index/weaviate"
	"github.com/jawab/jawab/index/weaviate/weaviatetest"
)

// outcome is one request made while the store went away and came back.
type outcome struct {
	route   string
	status  int
	code    string // the error shape's code, "" for a success
	message string
	took    time.Duration
	docID   string // for a write: the document it wrote
	text    string // and the text it wrote
}

// TestWeaviateStoppedMidTraffic stops the Weaviate node under a running
// "jawab serve" while asks, searches, listings and writes keep coming, and
// starts it again: every request gets an answer or a 503 store_unavailable in
// the error shape within its deadline, /readyz turns 503 and back, no write
// is reported stored unless it was, and service resumes without a restart.
func TestWeaviateStoppedMidTraffic(t *testing.T) {
	node := weaviatetest.StartNode(t)
	const admin = "admin-key-for-the-outage"
	s := startServe(t, map[string]string{
		"JAWAB_STORE": "weaviate", "JAWAB_WEAVIATE_URL": node.URL(), "JAWAB_WEAVIATE_GRPC": node.GRPCAddr(),
		"JAWAB_WEAVIATE_CLASS": "Outage", "JAWAB_WEAVIATE_TIMEOUT": "3s", "JAWAB_ADMIN_KEY": admin,
		"JAWAB_RATE": "off",
	})
	snd := sender{url: s.url, admin: admin, client: &http.Client{Timeout: 30 * time.Second}}
	send := func(method, route string, body any) outcome { o, _ := snd.send(method, route, body); return o }
	ready := func() outcome { return send(http.MethodGet, "/readyz", nil) }
	if o := ready(); o.status != 200 {
		t.Fatalf("/readyz before the outage: %+v", o)
	}
	if o := send(http.MethodPost, "/v1/ask", map[string]any{"question": "پاکستان اور روس کے سفارتی تعلقات کب قائم ہوئے؟"}); o.status != 200 {
		t.Fatalf("ask before the outage: %+v", o)
	}

	// Traffic: four kinds of request, each in its own loop, until it ends.
	tr := newTraffic(20 * time.Millisecond)
	loop := tr.loop
	loop(func(int) outcome {
		return send(http.MethodPost, "/v1/ask", map[string]any{"question": "روس نے پاکستان کو کون سی ویکسین دی؟"})
	})
	loop(func(int) outcome {
		return send(http.MethodPost, "/v1/search", map[string]any{"query": "گیس پائپ لائن", "k": 3})
	})
	loop(func(int) outcome { return send(http.MethodGet, "/v1/documents", nil) })
	loop(func(i int) outcome {
		id, text := fmt.Sprintf("outage/%03d", i), fmt.Sprintf("روس اور پاکستان کے درمیان تجارتی مذاکرات کا دور نمبر %d اسلام آباد میں ہوا۔", i)
		o := send(http.MethodPost, "/v1/documents", map[string]any{"id": id, "title": "مذاکرات", "text": text})
		o.docID, o.text = id, text
		return o
	})

	time.Sleep(time.Second)
	node.Stop()
	// While it is down: not ready, with the cause.
	deadline := time.Now().Add(20 * time.Second)
	var down outcome
	for down = ready(); down.status != http.StatusServiceUnavailable && time.Now().Before(deadline); down = ready() {
		time.Sleep(100 * time.Millisecond)
	}
	if down.status != http.StatusServiceUnavailable || down.code != "store_unavailable" || !strings.Contains(down.message, node.URL()) {
		t.Errorf("/readyz with Weaviate stopped: %+v; want 503 with the store_unavailable error naming %s", down, node.URL())
	}
	time.Sleep(3 * time.Second) // traffic meets the outage

	node.Start()
	deadline = time.Now().Add(60 * time.Second)
	var up outcome
	for up = ready(); up.status != 200 && time.Now().Before(deadline); up = ready() {
		time.Sleep(200 * time.Millisecond)
	}
	if up.status != 200 {
		t.Fatalf("/readyz did not come back without a restart: %+v", up)
	}
	// Service resumes: each route answers again.
	var resumed map[string]bool
	for deadline = time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		resumed = map[string]bool{}
		for _, o := range tr.recent(12) {
			if o.status < 300 {
				resumed[o.route] = true
			}
		}
		if len(resumed) == 4 {
			break
		}
	}
	outcomes := tr.end()
	if len(resumed) != 4 {
		t.Errorf("after Weaviate came back, only %v answered again", resumed)
	}

	// Every request: a success, or a 503 store_unavailable in the error
	// shape, within its deadline (the store's own timeout, 3 s, is well
	// inside each route's).
	failed := 0
	for _, o := range outcomes {
		switch {
		case o.status < 300:
		case o.status == http.StatusServiceUnavailable && o.code == "store_unavailable" && o.message != "":
			failed++
		default:
			t.Errorf("%s during the outage: status %d, code %q: %s", o.route, o.status, o.code, o.message)
		}
		if o.took > 15*time.Second {
			t.Errorf("%s took %v", o.route, o.took)
		}
	}
	if failed == 0 {
		t.Fatalf("no request met the outage (%d requests)", len(outcomes))
	}

	// No write reported stored that was not: each reported one is in the
	// index, with its text.
	st, err := weaviate.Open(context.Background(), weaviate.Config{URL: node.URL(), GRPC: node.GRPCAddr(), Class: "Outage"})
	if err != nil {
		t.Fatal(err)
	}
	writes := 0
	for _, o := range outcomes {
		if o.docID == "" || o.status >= 300 {
			continue
		}
		writes++
		doc, _, err := st.Get(context.Background(), o.docID)
		if err != nil || doc.Text != o.text {
			t.Errorf("the write of %s was answered %d but the index holds %q (%v)", o.docID, o.status, doc.Text, err)
		}
	}
	t.Logf("%d requests, %d refused with store_unavailable, %d writes stored", len(outcomes), failed, writes)
}
