package fetch

import (
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
)

// loopback allows the test servers on 127.0.0.1.
func loopback(t *testing.T) Policy {
	t.Helper()
	p, err := ParsePolicy([]string{"127.0.0.1/32"})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// counting is a test server that counts its requests.
func counting(t *testing.T, h http.HandlerFunc) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/robots.txt" {
			n.Add(1)
		}
		h(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

func okHTML(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprint(w, "<html><body><p>کراچی (اسٹاف رپورٹر) خبر</p></body></html>")
}

// noDial fails the test if anything is dialed: the refused addresses below
// are never to be contacted, even when the guard is broken.
func noDial(t *testing.T, c *Client) {
	c.dialer.dialIP = func(_ context.Context, _, addr string, _ func(string, string, syscall.RawConn) error) (net.Conn, error) {
		t.Errorf("dialed %s", addr)
		return nil, errors.New("test: no dialing")
	}
}

// stubResolver answers from a table; a name with several answers gives them
// in turn (the last one repeats), as a rebinding DNS server does.
type stubResolver struct {
	mu      sync.Mutex
	answers map[string][]string
	calls   map[string]int
}

func (s *stubResolver) LookupNetIP(_ context.Context, _, host string) ([]netip.Addr, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	as, ok := s.answers[host]
	if !ok {
		return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
	}
	if s.calls == nil {
		s.calls = map[string]int{}
	}
	i := min(s.calls[host], len(as)-1)
	s.calls[host]++
	return []netip.Addr{netip.MustParseAddr(as[i])}, nil
}

func TestRefusesNonPublicAddresses(t *testing.T) {
	for _, tc := range []struct{ name, url string }{
		{"loopback", "http://127.0.0.1:9/"},
		{"loopback v6", "http://[::1]:9/"},
		{"10/8", "http://10.1.2.3/feed.xml"},
		{"192.168/16", "http://192.168.1.1/"},
		{"metadata", "http://169.254.169.254/latest/meta-data/"},
		{"mapped v6", "http://[::ffff:127.0.0.1]/"},
		{"unspecified", "http://0.0.0.0/"},
		{"cgnat", "http://100.100.100.200/"},
		{"name for loopback", "http://localhost.test/"},
		{"name for metadata", "http://metadata.test/"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := New(Config{Resolver: &stubResolver{answers: map[string][]string{
				"localhost.test": {"127.0.0.1"}, "metadata.test": {"169.254.169.254"},
			}}})
			noDial(t, c)
			_, err := c.Get(context.Background(), tc.url, Validators{})
			var fe *Error
			if !Blocked(err) || !errors.As(err, &fe) || fe.Kind != KindBlocked {
				t.Fatalf("got %v; want a refusal of the address", err)
			}
			if !strings.Contains(err.Error(), "JAWAB_FETCH_ALLOW") {
				t.Errorf("error %q does not say how to allow it", err)
			}
		})
	}
}

// The loopback test server is refused without an allow list (no request
// arrives) and reached with one.
func TestLoopbackAllowList(t *testing.T) {
	srv, hits := counting(t, okHTML)
	_, err := New(Config{IgnoreRobots: true}).Get(context.Background(), srv.URL, Validators{})
	if !Blocked(err) || hits.Load() != 0 {
		t.Fatalf("without JAWAB_FETCH_ALLOW: %v, %d requests; want refused, none", err, hits.Load())
	}
	for _, allow := range []string{"127.0.0.1/32", "127.0.0.0/8", "127.0.0.1"} {
		p, err := ParsePolicy([]string{allow})
		if err != nil {
			t.Fatal(err)
		}
		resp, err := New(Config{Policy: p, IgnoreRobots: true}).Get(context.Background(), srv.URL, Validators{})
		if err != nil || !strings.Contains(string(resp.Body), "کراچی") {
			t.Errorf("allow %s: %v; want the page", allow, err)
		}
	}
	if _, err := ParsePolicy([]string{"10.0.0.0/99"}); err == nil {
		t.Error("a bad CIDR was accepted")
	}
}

// A public-looking server that redirects to a refused address is refused at
// the redirect; the allowed loopback server stands in for the public one.
func TestRefusesRedirectToPrivate(t *testing.T) {
	for _, target := range []string{"http://10.0.0.7/admin", "http://169.254.169.254/latest/meta-data/", "http://127.0.0.2:9/"} {
		srv, _ := counting(t, func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, target, http.StatusFound) })
		c := New(Config{Policy: loopback(t), IgnoreRobots: true})
		_, err := c.Get(context.Background(), srv.URL+"/story", Validators{})
		if !Blocked(err) {
			t.Errorf("redirect to %s: got %v; want refused", target, err)
		}
	}
}

// DNS rebinding: the name resolves to a public address when checked and to
// loopback when the connection is made. The dial-time check refuses it and
// the loopback server never hears of it.
func TestRefusesDNSRebinding(t *testing.T) {
	srv, hits := counting(t, okHTML)
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(srv.URL, "http://"))
	res := &stubResolver{answers: map[string][]string{"news.rebind.test": {"93.184.216.34", "127.0.0.1"}}}
	c := New(Config{Resolver: res, IgnoreRobots: true})
	_, err := c.Get(context.Background(), "http://news.rebind.test:"+port+"/", Validators{})
	if !Blocked(err) || hits.Load() != 0 {
		t.Fatalf("got %v with %d requests; want refused, none", err, hits.Load())
	}
	if res.calls["news.rebind.test"] < 2 {
		t.Errorf("resolved %d times; the test needs the pre-check and the dial to resolve", res.calls["news.rebind.test"])
	}
}

// The socket-level check refuses what the policy does not permit, whatever
// name led there.
func TestDialControlChecksTheConnectedAddress(t *testing.T) {
	d := &dialer{policy: Policy{hosts: map[string]bool{}}}
	for _, addr := range []string{"127.0.0.1:80", "10.0.0.1:443", "169.254.169.254:80", "[::1]:80", "[fe80::1]:80"} {
		if err := d.control("news.example")("tcp", addr, nil); !Blocked(err) {
			t.Errorf("%s: got %v; want refused", addr, err)
		}
	}
	if err := d.control("news.example")("tcp", "93.184.216.34:443", nil); err != nil {
		t.Errorf("public address: %v", err)
	}
}

func TestPublic(t *testing.T) {
	for addr, want := range map[string]bool{
		"8.8.8.8": true, "2a00:1450::1": true, "127.0.0.1": false, "10.255.0.1": false, "172.16.5.4": false,
		"192.168.0.1": false, "169.254.169.254": false, "100.64.0.1": false, "fc00::1": false, "fe80::1": false,
		"::ffff:10.0.0.1": false, "224.0.0.1": false, "255.255.255.255": false, "fd00:ec2::254": false, "64:ff9b::a00:1": false,
	} {
		if got := Public(netip.MustParseAddr(addr)); got != want {
			t.Errorf("Public(%s) = %v; want %v", addr, got, want)
		}
	}
}

func TestLimits(t *testing.T) {
	big := strings.Repeat("<p>خبر</p>", 1<<16)
	for _, tc := range []struct {
		name string
		h    http.HandlerFunc
		kind Kind
	}{
		{"content length", func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.Header().Set("Content-Length", "2147483648")
			w.WriteHeader(200)
		}, KindTooLarge},
		{"2 GB stream", func(w http.ResponseWriter, r *http.Request) {
			// Endless without a length: the client stops reading at the cap.
			w.Header().Set("Content-Type", "text/html")
			chunk := []byte(strings.Repeat("x", 64<<10))
			for i := 0; i < (2<<30)/len(chunk); i++ {
				if _, err := w.Write(chunk); err != nil || r.Context().Err() != nil {
					return
				}
			}
		}, KindTooLarge},
		{"gzip bomb", func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.Header().Set("Content-Encoding", "gzip")
			zw := gzip.NewWriter(w)
			zero := make([]byte, 1<<20)
			for range 64 {
				zw.Write(zero)
			}
			zw.Close()
		}, KindTooLarge},
		{"content type", func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/pdf")
			fmt.Fprint(w, "%PDF-1.4")
		}, KindContentType},
		{"image", func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "image/png")
			w.Write([]byte("\x89PNG"))
		}, KindContentType},
		{"redirect loop", func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, r.URL.Path+"x", http.StatusFound)
		}, KindRedirects},
		{"server error", func(w http.ResponseWriter, _ *http.Request) {
			http.Error(w, "down", http.StatusBadGateway)
		}, KindStatus},
		{"just under", func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, big[:1<<19])
		}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, _ := counting(t, tc.h)
			c := New(Config{Policy: loopback(t), IgnoreRobots: true, MaxBytes: 1 << 20})
			_, err := c.Get(context.Background(), srv.URL+"/a", Validators{})
			if tc.kind == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var fe *Error
			if !errors.As(err, &fe) || fe.Kind != tc.kind {
				t.Fatalf("got %v; want a %s error", err, tc.kind)
			}
		})
	}
}

// A server that never answers is given up on at the timeout.
func TestTimeout(t *testing.T) {
	release := make(chan struct{})
	srv, _ := counting(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	defer close(release)
	c := New(Config{Policy: loopback(t), IgnoreRobots: true, Timeout: 100 * time.Millisecond})
	_, err := c.Get(context.Background(), srv.URL, Validators{})
	var fe *Error
	if !errors.As(err, &fe) || fe.Kind != KindNetwork || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("got %v; want a network error from the deadline", err)
	}
}

func TestConditionalGETAndRetryAfter(t *testing.T) {
	var gotUA, gotINM, gotIMS string
	srv, _ := counting(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/busy":
			w.Header().Set("Retry-After", "120")
			http.Error(w, "slow down", http.StatusTooManyRequests)
			return
		case "/gone":
			http.Error(w, "gone", http.StatusGone)
			return
		}
		gotUA, gotINM, gotIMS = r.UserAgent(), r.Header.Get("If-None-Match"), r.Header.Get("If-Modified-Since")
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", "Wed, 17 Jan 2024 09:30:00 GMT")
		if gotINM == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		okHTML(w, r)
	})
	c := New(Config{Policy: loopback(t), IgnoreRobots: true, UserAgent: "jawab/9.9 (+https://example.org/bot)"})
	ctx := context.Background()
	first, err := c.Get(ctx, srv.URL+"/a", Validators{})
	if err != nil || first.NotModified || first.Validators.ETag != `"v1"` || gotUA != "jawab/9.9 (+https://example.org/bot)" {
		t.Fatalf("first: %+v %v (User-Agent %q)", first, err, gotUA)
	}
	second, err := c.Get(ctx, srv.URL+"/a", first.Validators)
	if err != nil || !second.NotModified || gotINM != `"v1"` || gotIMS != "Wed, 17 Jan 2024 09:30:00 GMT" {
		t.Fatalf("second: %+v %v; sent If-None-Match %q, If-Modified-Since %q", second, err, gotINM, gotIMS)
	}
	_, err = c.Get(ctx, srv.URL+"/busy", Validators{})
	if RetryAfter(err) != 120*time.Second {
		t.Errorf("Retry-After: got %v from %v; want 2m", RetryAfter(err), err)
	}
	if _, err := c.Get(ctx, srv.URL+"/gone", Validators{}); !Gone(err) {
		t.Errorf("410: got %v; want Gone", err)
	}
}

// A windows-1256 page, declared in the header or only in a meta tag, and a
// windows-1256 feed arrive in UTF-8.
func TestLegacyCharsets(t *testing.T) {
	urdu := "كراچي (اسٹاف رپورٹر) شہر ميں بارش"
	enc, err := charmap.Windows1256.NewEncoder().String(urdu)
	if err != nil {
		t.Fatal(err)
	}
	srv, _ := counting(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/header":
			w.Header().Set("Content-Type", "text/html; charset=windows-1256")
			fmt.Fprintf(w, "<html><body><p>%s</p></body></html>", enc)
		case "/meta":
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprintf(w, "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1256\"></head><body><p>%s</p></body></html>", enc)
		case "/feed":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, "<?xml version=\"1.0\" encoding=\"windows-1256\"?><rss version=\"2.0\"><channel><title>%s</title></channel></rss>", enc)
		}
	})
	c := New(Config{Policy: loopback(t), IgnoreRobots: true})
	for _, p := range []string{"/header", "/meta", "/feed"} {
		resp, err := c.Get(context.Background(), srv.URL+p, Validators{})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(resp.Body), urdu) {
			t.Errorf("%s: body %q does not hold the Urdu text", p, resp.Body)
		}
		if p == "/feed" && !strings.Contains(string(resp.Body), `encoding="UTF-8"`) {
			t.Errorf("the feed still declares its old encoding: %.80s", resp.Body)
		}
	}
}

func TestRobots(t *testing.T) {
	srv, hits := counting(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			w.Header().Set("Content-Type", "text/plain")
			fmt.Fprint(w, "User-agent: *\nDisallow: /\n\nUser-agent: jawab\nDisallow: /private/\nAllow: /private/open$\n")
			return
		}
		okHTML(w, r)
	})
	c := New(Config{Policy: loopback(t)})
	ctx := context.Background()
	for path, allowed := range map[string]bool{"/news/1": true, "/private/x": false, "/private/open": true} {
		_, err := c.Get(ctx, srv.URL+path, Validators{})
		var fe *Error
		if got := err == nil; got != allowed {
			t.Errorf("%s: err %v; want allowed %v", path, err, allowed)
		} else if !allowed && (!errors.As(err, &fe) || fe.Kind != KindRobots) {
			t.Errorf("%s: got %v; want a robots error", path, err)
		}
	}
	if hits.Load() != 2 {
		t.Errorf("%d page requests; want the 2 allowed ones", hits.Load())
	}
}

// Many pages of one host at once read its robots.txt once.
func TestRobotsReadOncePerHost(t *testing.T) {
	var robots atomic.Int64
	srv, _ := counting(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			robots.Add(1)
			http.NotFound(w, r)
			return
		}
		okHTML(w, r)
	})
	c := New(Config{Policy: loopback(t)})
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			if _, err := c.Get(context.Background(), fmt.Sprintf("%s/%d", srv.URL, i), Validators{}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if robots.Load() != 1 {
		t.Errorf("robots.txt read %d times; want once", robots.Load())
	}
}

// No more than PerHost requests are in flight to one host.
func TestPerHostLimit(t *testing.T) {
	var cur, peak atomic.Int64
	srv, _ := counting(t, func(w http.ResponseWriter, r *http.Request) {
		n := cur.Add(1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		time.Sleep(20 * time.Millisecond)
		cur.Add(-1)
		okHTML(w, r)
	})
	c := New(Config{Policy: loopback(t), IgnoreRobots: true, PerHost: 2})
	var wg sync.WaitGroup
	for i := range 10 {
		wg.Go(func() {
			if _, err := c.Get(context.Background(), fmt.Sprintf("%s/%d", srv.URL, i), Validators{}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if peak.Load() > 2 {
		t.Errorf("%d requests at once; want at most 2", peak.Load())
	}
}

func TestTLSFailure(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(okHTML))
	defer srv.Close()
	_, err := New(Config{Policy: loopback(t), IgnoreRobots: true}).Get(context.Background(), srv.URL, Validators{})
	var fe *Error
	if !errors.As(err, &fe) || fe.Kind != KindNetwork || !strings.Contains(err.Error(), "certificate") {
		t.Fatalf("got %v; want a certificate error", err)
	}
}

func TestCheckURL(t *testing.T) {
	for _, u := range []string{"ftp://x/", "file:///etc/passwd", "/relative", "http://user:pw@news.example/", "gopher://x"} {
		if _, err := CheckURL(u); err == nil {
			t.Errorf("%s accepted", u)
		}
	}
}
