package fetch

import "testing"

func TestParseRobots(t *testing.T) {
	body := []byte("# comment\nUser-agent: Googlebot\nDisallow: /g/\n\nUser-agent: *\nDisallow: /admin\nDisallow: /*.pdf$\nAllow: /admin/public\n")
	e := &robotsEntry{rules: parseRobots(body, "jawab")}
	for path, want := range map[string]bool{
		"/": true, "/admin": false, "/admin/x": false, "/admin/public/1": true, "/g/1": true,
		"/files/a.pdf": false, "/files/a.pdf?x": true,
	} {
		if got := e.allows(path); got != want {
			t.Errorf("%s: allowed %v; want %v", path, got, want)
		}
	}
	if e := (&robotsEntry{rules: parseRobots([]byte("User-agent: *\nDisallow:\n"), "jawab")}); !e.allows("/x") {
		t.Error(`"Disallow:" with no path disallowed`)
	}
}
