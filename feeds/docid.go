package feeds

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"path"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jawab/jawab/rag"
)

// trackingParams are query parameters that name a campaign, not an article.
var trackingParams = map[string]bool{"fbclid": true, "gclid": true, "mc_cid": true, "mc_eid": true, "ref": true, "amp": true, "output": true}

// Canonical normalises an article URL so that the addresses one article is
// reached by compare equal: scheme and host lower-cased, "www." and default
// ports dropped, dot segments, duplicate and trailing slashes and the
// fragment removed, tracking parameters (utm_*, fbclid…) dropped and the rest
// of the query sorted. The scheme is kept out of the comparison by DocID.
func Canonical(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", rag.Errorf(rag.Invalid, "%q is not an absolute http or https URL", raw)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	host := strings.ToLower(u.Hostname())
	host = strings.TrimPrefix(host, "www.")
	if p := u.Port(); p != "" && !(p == "80" && u.Scheme == "http") && !(p == "443" && u.Scheme == "https") {
		host += ":" + p
	}
	u.Host, u.User, u.Fragment, u.RawFragment = host, nil, "", ""
	p := path.Clean("/" + u.Path)
	if p == "/" {
		p = ""
	}
	u.Path, u.RawPath = p, ""
	q := u.Query()
	for k := range q {
		if strings.HasPrefix(strings.ToLower(k), "utm_") || trackingParams[strings.ToLower(k)] {
			q.Del(k)
		}
	}
	u.RawQuery = encodeSorted(q)
	return u.String(), nil
}

func encodeSorted(q url.Values) string {
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		vs := append([]string(nil), q[k]...)
		sort.Strings(vs)
		for _, v := range vs {
			if b.Len() > 0 {
				b.WriteByte('&')
			}
			b.WriteString(url.QueryEscape(k) + "=" + url.QueryEscape(v))
		}
	}
	return b.String()
}

// maxIDBytes leaves room under rag.MaxDocIDBytes; a longer id is cut and
// given a hash of the whole.
const maxIDBytes = 200

// DocID is the document id of the article at raw: its canonical URL without
// the scheme, the path decoded where it is readable ("dawn.com/news/1234/slug",
// "urdu.geo.tv/latest/123-کراچی"). http and https give the same id. The id
// always passes rag.ValidateDocID.
func DocID(raw string) (string, error) {
	c, err := Canonical(raw)
	if err != nil {
		return "", err
	}
	u, _ := url.Parse(c)
	var b strings.Builder
	b.WriteString(u.Host)
	for _, seg := range strings.Split(strings.Trim(u.EscapedPath(), "/"), "/") {
		if seg == "" {
			continue
		}
		b.WriteByte('/')
		b.WriteString(readable(seg))
	}
	if u.RawQuery != "" {
		b.WriteString("?" + u.RawQuery)
	}
	id := b.String()
	if len(id) > maxIDBytes || rag.ValidateDocID(id) != nil {
		sum := sha256.Sum256([]byte(c))
		cut := id
		if len(cut) > maxIDBytes {
			cut = cut[:maxIDBytes]
		}
		for !utf8.ValidString(cut) {
			cut = cut[:len(cut)-1]
		}
		cut = strings.TrimRight(safeID(cut), "/")
		id = cut + "~" + hex.EncodeToString(sum[:8])
	}
	if err := rag.ValidateDocID(id); err != nil {
		sum := sha256.Sum256([]byte(c))
		id = "web/~" + hex.EncodeToString(sum[:12]) // a host no id can hold
	}
	return id, nil
}

// readable decodes a percent-encoded path segment when the result is
// printable UTF-8 without characters that ids refuse; else it stays encoded.
func readable(seg string) string {
	d, err := url.PathUnescape(seg)
	if err != nil || !utf8.ValidString(d) || d == "." || d == ".." {
		return seg
	}
	for _, r := range d {
		if r == '/' || r == '\\' || r == '#' || unicode.IsControl(r) || unicode.IsSpace(r) || !unicode.IsPrint(r) {
			return seg
		}
	}
	return d
}

func safeID(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\\' || r == '#' || unicode.IsControl(r) {
			return '_'
		}
		return r
	}, s)
}
