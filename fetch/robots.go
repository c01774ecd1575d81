package fetch

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"time"
)

// robotsTTL is how long a host's robots.txt is trusted before it is read
// again.
const robotsTTL = time.Hour

// robotsMaxBytes bounds a robots.txt (Google reads 500 KiB).
const robotsMaxBytes = 512 << 10

type robotsEntry struct {
	rules   []robotsRule // for jawab's group, longest match wins
	fetched time.Time
}

type robotsRule struct {
	allow bool
	path  string
}

// allowedByRobots consults the robots.txt of u's host (read once an hour).
// A missing robots.txt (404, 410, any 4xx) allows everything; one that cannot
// be read for another reason (5xx, network) allows nothing for now, as the
// robots exclusion standard says.
func (c *Client) allowedByRobots(ctx context.Context, u *url.URL) error {
	if c.cfg.IgnoreRobots || u.Path == "/robots.txt" {
		return nil
	}
	key := u.Scheme + "://" + u.Host
	// One reader per host: the others wait for its answer.
	c.mu.Lock()
	lock, ok := c.robotsLocks[key]
	if !ok {
		lock = &sync.Mutex{}
		c.robotsLocks[key] = lock
	}
	c.mu.Unlock()
	lock.Lock()
	c.mu.Lock()
	e := c.robots[key]
	c.mu.Unlock()
	if e == nil || time.Since(e.fetched) > robotsTTL {
		var err error
		if e, err = c.readRobots(ctx, key); err != nil {
			lock.Unlock()
			return err
		}
		c.mu.Lock()
		c.robots[key] = e
		c.mu.Unlock()
	}
	lock.Unlock()
	if !e.allows(u.EscapedPath()) {
		return &Error{URL: u.String(), Kind: KindRobots, Err: fmt.Errorf("%s/robots.txt disallows it for jawab", key)}
	}
	return nil
}

func (c *Client) readRobots(ctx context.Context, base string) (*robotsEntry, error) {
	ru, _ := url.Parse(base + "/robots.txt")
	resp, err := c.get(ctx, ru, Validators{}, robotsMaxBytes, true)
	if err != nil {
		var fe *Error
		if errors.As(err, &fe) && (fe.Kind == KindStatus && fe.Status >= 400 && fe.Status < 500) {
			return &robotsEntry{fetched: time.Now()}, nil
		}
		return nil, err
	}
	return &robotsEntry{rules: parseRobots(resp.Body, "jawab"), fetched: time.Now()}, nil
}

// parseRobots returns the rules of the group for agent, else those of "*".
func parseRobots(body []byte, agent string) []robotsRule {
	var (
		mine, star    []robotsRule
		inMine, inAny bool
		haveMine      bool
		lastWasAgent  bool
	)
	sc := bufio.NewScanner(bytes.NewReader(body))
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "#")
		key, value, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		key, value = strings.ToLower(strings.TrimSpace(key)), strings.TrimSpace(value)
		switch key {
		case "user-agent":
			if !lastWasAgent {
				inMine, inAny = false, false
			}
			lastWasAgent = true
			v := strings.ToLower(value)
			if v == "*" {
				inAny = true
			} else if strings.Contains(agent, v) || strings.HasPrefix(v, agent) {
				inMine, haveMine = true, true
			}
			continue
		case "allow", "disallow":
			r := robotsRule{allow: key == "allow", path: value}
			if value == "" {
				r = robotsRule{allow: true, path: "/"} // "Disallow:" allows all
			}
			if inMine {
				mine = append(mine, r)
			}
			if inAny {
				star = append(star, r)
			}
		}
		lastWasAgent = false
	}
	if haveMine {
		return mine
	}
	return star
}

// allows applies the longest matching rule ("*" and a final "$" as Google
// reads them); no match allows.
func (e *robotsEntry) allows(path string) bool {
	if path == "" {
		path = "/"
	}
	best, allow := -1, true
	for _, r := range e.rules {
		if robotsMatch(r.path, path) && (len(r.path) > best || len(r.path) == best && r.allow) {
			best, allow = len(r.path), r.allow
		}
	}
	return allow
}

func robotsMatch(pattern, path string) bool {
	anchored := strings.HasSuffix(pattern, "$")
	pattern = strings.TrimSuffix(pattern, "$")
	parts := strings.Split(pattern, "*")
	if !strings.HasPrefix(path, parts[0]) {
		return false
	}
	rest := path[len(parts[0]):]
	for _, p := range parts[1:] {
		i := strings.Index(rest, p)
		if i < 0 {
			return false
		}
		rest = rest[i+len(p):]
	}
	return !anchored || rest == "" || strings.HasSuffix(pattern, "*")
}
