package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/jawab/jawab/api/widget"
	"github.com/jawab/jawab/internal/e2e"
	"github.com/jawab/jawab/llm/llmtest"
	"github.com/jawab/jawab/rag"
)

// The chat widget, end to end in Debian's headless Chromium: the demo page of
// a real "jawab serve", the widget embedded by another site under a strict
// Content-Security-Policy, and a scripted backend for the failures. Each step
// saves a screenshot (JAWAB_ARTIFACTS/widget, else the test's artifact
// directory: go test -artifacts -outputdir DIR keeps them).

const chromiumPath = "/usr/bin/chromium"

// qSoviet is q1948 in English.
const qSoviet = "When did Pakistan and the Soviet Union establish diplomatic relations?"

// The XSS article: every field a page could render carries markup that would
// run pwned() if the widget ever parsed it as HTML.
const (
	xssTitle    = `میلہ <img src=x onerror=pwned()> <script>pwned()</script>`
	xssSource   = `<b onmouseover=pwned()>evil</b>`
	xssURL      = `https://news.example/mela?x="><img src=x onerror=pwned()>`
	xssPayload  = `<img src=x onerror=pwned()>`
	xssText     = `زیبرا کوارٹز میلہ <img src=x onerror=pwned()> پیر کے روز کراچی میں شروع ہوا۔ منتظمین نے کہا <script>pwned()</script> کہ زیبرا کوارٹز میلے میں بڑی تعداد میں لوگ آئے۔`
	xssQuestion = "زیبرا کوارٹز میلہ کراچی میں کب شروع ہوا؟"
)

// probe runs in every page before its own scripts (DevTools injects it, so
// the page's CSP does not apply): it records CSP violations, uncaught errors,
// and calls of pwned().
const probe = `window.__jw = {violations: [], errors: [], pwned: 0};
window.pwned = () => { window.__jw.pwned++; };
document.addEventListener('securitypolicyviolation', e => window.__jw.violations.push(e.violatedDirective + ' ' + e.blockedURI), true);
window.addEventListener('error', e => window.__jw.errors.push(String(e.message)));`

// shadow wraps a JavaScript expression so that R is the widget's shadow root.
func shadow(expr string) string {
	return `(() => { const host = document.querySelector('jawab-chat'); const R = host && host.shadowRoot; if (!R) return null; return (` + expr + `); })()`
}

// browser starts headless Chromium for the test.
func browser(t *testing.T) context.Context {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test: runs without -short")
	}
	missing := ""
	if _, err := os.Stat(chromiumPath); err != nil {
		missing = fmt.Sprintf("%v (apt-get install chromium fonts-noto-core; .ci/run installs them)", err)
	}
	e2e.Require(t, "headless Chromium at "+chromiumPath, missing)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromiumPath), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-default-browser-check", true), chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 900))
	bctx, cancelBrowser := chromedp.NewContext(actx)
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	t.Cleanup(func() {
		cancelBrowser()
		cancelAlloc()
	})
	return bctx
}

// tab is one browser tab at a viewport size.
type tab struct {
	t   *testing.T
	ctx context.Context
	dir string
}

var shotDir string

func screenshotDir(t *testing.T) string {
	if shotDir != "" {
		return shotDir
	}
	if d := os.Getenv("JAWAB_ARTIFACTS"); d != "" {
		shotDir = filepath.Join(d, "widget")
	} else {
		shotDir = t.ArtifactDir()
	}
	if err := os.MkdirAll(shotDir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshots in %s", shotDir)
	return shotDir
}

func newTab(t *testing.T, bctx context.Context, width, height int64, mobile bool) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(bctx)
	t.Cleanup(cancel)
	// The first run opens the tab, which lives as long as its context: no
	// timeout on this one.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("open a tab: %v", err)
	}
	tb := &tab{t: t, ctx: ctx, dir: screenshotDir(t)}
	var opts []chromedp.EmulateViewportOption
	if mobile {
		opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulateScale(2))
	}
	tb.do(chromedp.EmulateViewport(width, height, opts...),
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: probe})
			return err
		}))
	return tb
}

func (tb *tab) do(steps ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		tb.t.Fatalf("browser: %v", err)
	}
}

// eval evaluates a JavaScript expression (in the widget's shadow root when
// wrapped with shadow) and decodes its value into out.
func (tb *tab) eval(expr string, out any) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 30*time.Second)
	defer cancel()
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](expr))
	if err != nil {
		tb.t.Fatalf("evaluate %s: %v", expr, err)
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			tb.t.Fatalf("evaluate %s: %s: %v", expr, raw, err)
		}
	}
}

func (tb *tab) str(expr string) string {
	tb.t.Helper()
	var s *string
	tb.eval(expr, &s)
	if s == nil {
		return ""
	}
	return *s
}

func (tb *tab) is(expr string) bool {
	tb.t.Helper()
	var b *bool
	tb.eval(expr, &b)
	return b != nil && *b
}

// wait polls expr until it is true.
func (tb *tab) wait(what, expr string) {
	tb.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !tb.is(expr) {
		if time.Now().After(deadline) {
			tb.shot("timeout-" + strings.ReplaceAll(what, " ", "-"))
			tb.t.Fatalf("waited 20 s for %s; the chat shows: %q", what, tb.str(shadow(`R.querySelector('.log').innerText`)))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (tb *tab) shot(name string) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 30*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		tb.t.Errorf("screenshot %s: %v", name, err)
		return
	}
	if err := os.WriteFile(filepath.Join(tb.dir, name+".png"), png, 0o644); err != nil {
		tb.t.Error(err)
	}
}

func (tb *tab) open(url string) {
	tb.t.Helper()
	tb.do(chromedp.Navigate(url))
	tb.wait("the widget", shadow(`!!R.querySelector('.panel')`))
}

func (tb *tab) key(k string, mods ...chromedp.Modifier) {
	tb.t.Helper()
	if k != kb.Enter {
		tb.do(chromedp.KeyEvent(k, chromedp.KeyModifiers(mods...)))
		return
	}
	// Enter as a browser sends it: one keyDown carrying the text, which
	// types a line break only if the page does not prevent it (chromedp's
	// separate char event would type it regardless).
	tb.do(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		down := input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeKeyDown, Key: "Enter", Code: "Enter", WindowsVirtualKeyCode: 13, NativeVirtualKeyCode: 13, Text: "\r", UnmodifiedText: "\r"}
		if _, err := cdp.Call(ctx, tg, input.DispatchKeyEvent, down); err != nil {
			return err
		}
		up := down
		up.Type, up.Text, up.UnmodifiedText = input.DispatchKeyEventTypeKeyUp, "", ""
		_, err := cdp.Call(ctx, tg, input.DispatchKeyEvent, up)
		return err
	}))
}

// typeText types text into the focused element, as an input method does.
func (tb *tab) typeText(text string) {
	tb.t.Helper()
	tb.do(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, input.InsertText, input.InsertTextParams{Text: text})
		return err
	}))
}

// ask types a question into the open widget and sends it with Enter.
func (tb *tab) ask(q string) {
	tb.t.Helper()
	tb.eval(shadow(`R.querySelector('textarea').focus()`), nil)
	tb.typeText(q)
	tb.key(kb.Enter)
}

// waitAnswer waits for answer n (from 0) to be complete.
func (tb *tab) waitAnswer(n int) {
	tb.t.Helper()
	tb.wait(fmt.Sprintf("answer %d", n), shadow(fmt.Sprintf(`(() => { const a = R.querySelector('.msg.a[data-turn="%d"]'); return !!a && !a.hasAttribute('aria-busy'); })()`, n)))
}

// focused describes the focused element inside the widget.
func (tb *tab) focused() string {
	return tb.str(shadow(`(() => { const e = R.activeElement; return e ? e.tagName.toLowerCase() + '.' + e.className + (e.id ? '#' + e.id : '') : ''; })()`))
}

// clean checks that the page ran no injected code, broke no CSP rule and threw
// nothing.
func (tb *tab) clean() {
	tb.t.Helper()
	var jw struct {
		Violations []string
		Errors     []string
		Pwned      int
	}
	tb.eval(`window.__jw`, &jw)
	if jw.Pwned != 0 || len(jw.Violations) > 0 || len(jw.Errors) > 0 {
		tb.t.Errorf("page: pwned() ran %d times; CSP violations %q; errors %q", jw.Pwned, jw.Violations, jw.Errors)
	}
}

type directions struct {
	Body, Para, Panel, Lang, Font string
}

// answerDir reads the computed direction of answer n, of its first paragraph
// (answers are laid out per line), and of the panel, and the font stack of
// the first paragraph.
func (tb *tab) answerDir(n int) directions {
	var d directions
	tb.eval(shadow(fmt.Sprintf(`(() => {
		const a = R.querySelector('.msg.a[data-turn="%d"]');
		const b = a.querySelector('.body'), p = [...b.querySelectorAll('p')].pop();
		return {body: getComputedStyle(b).direction, para: getComputedStyle(p).direction,
			panel: getComputedStyle(R.querySelector('.panel')).direction, lang: p.lang, font: getComputedStyle(p).fontFamily};
	})()`, n)), &d)
	return d
}

func TestWidget(t *testing.T) {
	bctx := browser(t)
	screenshotDir(t)
	t.Run("demo page, offline", func(t *testing.T) { testWidgetOffline(t, bctx) })
	t.Run("embedded elsewhere, streaming LLM, widget key", func(t *testing.T) { testWidgetEmbedded(t, bctx) })
	t.Run("failures", func(t *testing.T) { testWidgetFailures(t, bctx) })
	t.Run("rate limit", func(t *testing.T) { testWidgetRateLimit(t, bctx) })
}

// testWidgetOffline drives the demo page of a server with the default
// configuration: no keys, no LLM (extractive answers).
func testWidgetOffline(t *testing.T, bctx context.Context) {
	srv := startServe(t, map[string]string{})
	resp, body := srv.do(t, "POST", "/v1/documents", map[string]any{"id": "xss/mela", "title": xssTitle, "source": xssSource,
		"url": xssURL, "published": "2024-03-05", "text": xssText})
	if resp.StatusCode != 201 {
		t.Fatalf("add the XSS article: %d %s", resp.StatusCode, body)
	}
	// The citation the widget must highlight: the same question over the API.
	resp, body = srv.do(t, "POST", "/v1/ask", map[string]any{"question": q1948})
	var want rag.Answer
	if err := json.Unmarshal(body, &want); err != nil || resp.StatusCode != 200 || len(want.Citations) == 0 || want.Generator != "extractive" {
		t.Fatalf("ask: %d %s", resp.StatusCode, body)
	}

	tb := newTab(t, bctx, 1280, 900, false)
	t.Run("demo page", func(t *testing.T) {
		tb.t = t
		resp, body := srv.do(t, "GET", "/", nil)
		csp := resp.Header.Get("Content-Security-Policy")
		if resp.StatusCode != 200 || !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe") ||
			!strings.Contains(string(body), `<script src="/widget.js" data-lang="auto" async>`) || !strings.Contains(string(body), "How to embed") {
			t.Fatalf("GET /: %d, CSP %q\n%s", resp.StatusCode, csp, body)
		}
		tb.open(srv.url + "/")
		tb.shot("01-demo-closed")
		if !tb.is(shadow(`R.querySelector('.panel').hidden && getComputedStyle(R.querySelector('.launch')).position === 'fixed'`)) {
			t.Error("the panel is open, or the launcher is not a floating button (are the shadow styles applied?)")
		}
		// The page's own styles do not reach into the widget, and the
		// widget's do not reach out: the page's h2 is not the panel's.
		if got := tb.str(`getComputedStyle(document.querySelector('h2')).fontSize`); got != "19.2px" {
			t.Errorf("the page's h2 is %s, want 19.2px (1.2em)", got)
		}
	})

	t.Run("urdu question", func(t *testing.T) {
		tb.t = t
		tb.eval(shadow(`R.querySelector('.launch').click()`), nil)
		if f := tb.focused(); f != "textarea." {
			t.Errorf("focus after opening: %q, want the question box", f)
		}
		tb.ask(q1948)
		tb.waitAnswer(0)
		tb.shot("02-urdu-answer")
		d := tb.answerDir(0)
		if d.Body != "rtl" || d.Para != "rtl" || d.Lang != "ur" || !strings.Contains(d.Font, "Noto Nastaliq Urdu") {
			t.Errorf("Urdu answer: %+v, want rtl, lang ur, Nastaliq first", d)
		}
		if d.Panel != "ltr" {
			t.Errorf("the panel's chrome is %s, want ltr (the page is English)", d.Panel)
		}
		if q := tb.str(shadow(`getComputedStyle(R.querySelector('.msg.q')).direction`)); q != "rtl" {
			t.Errorf("the Urdu question is %s", q)
		}
		if !tb.is(shadow(`!!R.querySelector('.msg.a .badge.extract')`)) {
			t.Error("the extractive answer is not labelled as quoted extracts")
		}
		// The badge says why in the reader's language; the server's own label
		// line is not repeated under it.
		if body := tb.str(shadow(`R.querySelector('.msg.a .body').textContent`)); strings.Contains(body, "LLM") || !strings.Contains(body, "1948") {
			t.Errorf("answer body %q: want the quoted sentence without the server's label line", body)
		}
		var cites []string
		tb.eval(shadow(`[...R.querySelectorAll('.msg.a .cite')].map(b => b.textContent)`), &cites)
		if len(cites) == 0 || cites[0] != fmt.Sprintf("[%d]", want.Citations[0].N) {
			t.Fatalf("citation buttons %q, want [%d] first", cites, want.Citations[0].N)
		}
		if n := tb.str(shadow(`String(R.querySelectorAll('.srcs .src').length)`)); n == "0" {
			t.Error("no sources list after the answer")
		}
		// The live region announces the answer.
		tb.wait("the announcement", shadow(`R.querySelector('[aria-live]').textContent.includes('1948')`))

		tb.eval(shadow(`R.querySelector('.msg.a .cite').click()`), nil)
		tb.wait("the source card", shadow(`!!R.querySelector('.card')`))
		tb.shot("03-urdu-source-card")
		var card struct{ Title, Mark, Quote, Dir, Focus string }
		tb.eval(shadow(`(() => { const c = R.querySelector('.card'), m = c.querySelector('blockquote mark');
			return {title: c.querySelector('h4').textContent, mark: m ? m.textContent : '', quote: c.querySelector('blockquote').textContent,
				dir: getComputedStyle(c.querySelector('blockquote')).direction, focus: R.activeElement.id}; })()`), &card)
		c := want.Citations[0]
		if card.Mark != c.Quote || !strings.Contains(card.Quote, c.Quote) || card.Title != c.Title || card.Dir != "rtl" || card.Focus != "jw-card-title" {
			t.Errorf("card: %+v\nwant the title %q and the highlighted quote %q", card, c.Title, c.Quote)
		}
		// The heading and the highlighted quote are in sight.
		if !tb.is(shadow(`(() => { const c = R.querySelector('.card').getBoundingClientRect(), h = R.querySelector('#jw-card-title').getBoundingClientRect(),
			m = R.querySelector('.card mark').getBoundingClientRect(); return h.top >= c.top && m.top >= c.top && m.top < c.bottom; })()`)) {
			t.Error("the card's heading or highlighted quote is out of sight")
		}
		tb.key(kb.Escape)
		if tb.is(shadow(`!!R.querySelector('.card')`)) || !strings.HasPrefix(tb.focused(), "button.cite") {
			t.Errorf("Esc: the card is still open or the focus is not back on its citation (%q)", tb.focused())
		}
	})

	t.Run("feedback", func(t *testing.T) {
		tb.t = t
		tb.eval(shadow(`R.querySelector('.rate-up').click()`), nil)
		tb.wait("the thanks", shadow(`R.querySelector('.rate-up').getAttribute('aria-pressed') === 'true' && !!R.querySelector('.thanks')`))
		waitLog(t, srv.log, `"path":"/v1/feedback","status":201`)
	})

	t.Run("english question", func(t *testing.T) {
		tb.t = t
		tb.ask(qSoviet)
		tb.waitAnswer(1)
		tb.shot("04-english-answer")
		d := tb.answerDir(1)
		if d.Body != "ltr" || d.Para != "ltr" || d.Lang != "en" {
			t.Errorf("English answer: %+v, want ltr", d)
		}
		// Offline, an English question over Urdu news is answered in English
		// with the Urdu source quoted: the quote is isolated, right to left.
		var q struct {
			Dir, Lang, Text, Body string
			Refused               bool
		}
		tb.eval(shadow(`(() => { const a = R.querySelector('.msg.a[data-turn="1"]'), b = a.querySelector('bdi.quoted');
			return {dir: b ? getComputedStyle(b).direction : '', lang: b ? b.lang : '', text: b ? b.textContent : '',
				body: a.querySelector('.body').textContent, refused: !!a.querySelector('.badge:not(.extract)')}; })()`), &q)
		if q.Refused || !strings.Contains(q.Body, "1 May 1948") || q.Dir != "rtl" || q.Lang != "ur" || !strings.Contains(q.Text, "1948") {
			t.Errorf("English answer over Urdu news: %+v; want the date in English and the Urdu quote isolated rtl", q)
		}
	})

	t.Run("reload keeps the conversation, clear empties it", func(t *testing.T) {
		tb.t = t
		tb.do(chromedp.Reload())
		tb.wait("the widget", shadow(`!!R.querySelector('.panel')`))
		tb.wait("the restored conversation", shadow(`R.querySelectorAll('.msg.a').length === 2 && !R.querySelector('.panel').hidden`))
		if !tb.is(shadow(`R.querySelector('.msg.a[data-turn="0"] .cite') !== null`)) {
			t.Error("the restored answer lost its citations")
		}
		tb.eval(shadow(`R.querySelector('.clear').click()`), nil)
		tb.wait("an empty chat", shadow(`R.querySelectorAll('.msg').length === 0 && !!R.querySelector('.intro')`))
		tb.do(chromedp.Reload())
		tb.wait("the widget", shadow(`!!R.querySelector('.intro')`))
		if !tb.is(shadow(`R.querySelectorAll('.msg').length === 0`)) {
			t.Error("the cleared conversation came back after a reload")
		}
	})

	t.Run("untrusted text is shown, never run", func(t *testing.T) {
		tb.t = t
		title := tb.str(`document.title`)
		tb.ask(xssQuestion)
		tb.waitAnswer(0)
		tb.eval(shadow(`R.querySelector('.msg.a .cite').click()`), nil)
		tb.wait("the source card", shadow(`!!R.querySelector('.card')`))
		tb.shot("05-xss-card")
		var got struct {
			Answer, Sources, CardTitle, Meta, Quote, Link string
			Elements                                      int
		}
		tb.eval(shadow(`(() => { const c = R.querySelector('.card'), a = c.querySelector('a');
			return {answer: R.querySelector('.msg.a .body').textContent, sources: R.querySelector('.srcs').textContent,
				cardTitle: c.querySelector('h4').textContent, meta: c.querySelector('.meta').textContent,
				quote: c.querySelector('blockquote').textContent, link: a ? a.href : '',
				elements: R.querySelectorAll('img, script, b, iframe, object').length}; })()`), &got)
		// (The card quotes the passage, which opens with its headline: a
		// title given apart from the body is part of the article's text.)
		if !strings.Contains(got.Answer, xssPayload) || got.CardTitle != xssTitle || !strings.Contains(got.Sources, xssTitle) ||
			!strings.Contains(got.Meta, xssSource) || got.Quote != xssTitle+"\n\n"+xssText {
			t.Errorf("the payloads are not shown literally: %+v", got)
		}
		if got.Elements != 0 {
			t.Errorf("%d elements were made from the untrusted text", got.Elements)
		}
		// The sources list dates each article (published 2024-03-05).
		if !strings.Contains(got.Sources, "2024") && !strings.Contains(got.Sources, "۲۰۲۴") {
			t.Errorf("the sources list gives no date: %q", got.Sources)
		}
		if !strings.HasPrefix(got.Link, "https://news.example/mela?x=") {
			t.Errorf("link %q", got.Link)
		}
		if now := tb.str(`document.title`); now != title {
			t.Errorf("document.title changed from %q to %q", title, now)
		}
		tb.clean()
		tb.eval(shadow(`R.querySelector('.clear').click()`), nil)
	})

	t.Run("375 px wide", func(t *testing.T) {
		phone := newTab(t, bctx, 375, 740, true)
		phone.open(srv.url + "/?lang=ur")
		phone.eval(shadow(`R.querySelector('.launch').click()`), nil)
		phone.ask(q1948)
		phone.waitAnswer(0)
		phone.shot("06-phone-375-urdu-ui")
		if w := phone.str(`String(window.innerWidth)`); w != "375" {
			t.Errorf("the demo page is %s px wide on a 375 px screen", w)
		}
		var r struct{ Left, Top, Width, Height float64 }
		phone.eval(shadow(`(() => { const r = R.querySelector('.panel').getBoundingClientRect(); return {left: r.left, top: r.top, width: r.width, height: r.height}; })()`), &r)
		if r.Left != 0 || r.Top != 0 || r.Width != 375 || r.Height != 740 {
			t.Errorf("the panel at 375 px: %+v, want the whole screen", r)
		}
		// With data-lang="ur" the chrome is Urdu and right-to-left.
		d := phone.answerDir(0)
		if d.Panel != "rtl" || phone.str(shadow(`R.querySelector('h2').textContent`)) != "خبروں سے پوچھیں" {
			t.Errorf("Urdu chrome: panel %s, title %q", d.Panel, phone.str(shadow(`R.querySelector('h2').textContent`)))
		}
		phone.eval(shadow(`R.querySelector('.msg.a .cite').click()`), nil)
		phone.wait("the source card", shadow(`!!R.querySelector('.card')`))
		phone.shot("07-phone-375-card")
		phone.clean()
	})

	t.Run("keyboard only", func(t *testing.T) {
		kt := newTab(t, bctx, 1024, 768, false)
		kt.open(srv.url + "/?lang=en")
		for i := 0; !strings.HasPrefix(kt.focused(), "button.launch"); i++ {
			if i == 20 {
				t.Fatalf("Tab never reached the chat button (focus: %q)", kt.focused())
			}
			kt.key(kb.Tab)
		}
		kt.key(kb.Enter)
		if f := kt.focused(); f != "textarea." || kt.is(shadow(`R.querySelector('.panel').hidden`)) {
			t.Fatalf("Enter on the chat button: focus %q", f)
		}
		kt.typeText(q1948)
		kt.key(kb.Enter)
		kt.waitAnswer(0)
		for i := 0; !strings.HasPrefix(kt.focused(), "button.cite"); i++ {
			if i == 20 {
				t.Fatalf("Shift+Tab never reached a citation (focus: %q)", kt.focused())
			}
			kt.key(kb.Tab, chromedp.ModifierShift)
		}
		kt.shot("08-keyboard-citation-focused")
		kt.key(kb.Enter)
		if f := kt.focused(); f != "h3.#jw-card-title" {
			t.Errorf("Enter on a citation: focus %q, want the card's heading", f)
		}
		kt.shot("09-keyboard-card")
		kt.key(kb.Escape)
		if f := kt.focused(); !strings.HasPrefix(f, "button.cite") || kt.is(shadow(`!!R.querySelector('.card')`)) {
			t.Errorf("Esc on the card: focus %q", f)
		}
		kt.key(kb.Escape)
		if f := kt.focused(); !strings.HasPrefix(f, "button.launch") || !kt.is(shadow(`R.querySelector('.panel').hidden`)) {
			t.Errorf("Esc on the panel: focus %q, panel open", f)
		}
		kt.clean()
	})
}

// testWidgetEmbedded embeds the widget in another site's page, under that
// site's strict CSP, with a widget key on a server that requires keys and
// answers with a (fake) streaming LLM.
func testWidgetEmbedded(t *testing.T, bctx context.Context) {
	var hang atomic.Bool
	llm := llmtest.NewServer(t, llmtest.Options{Respond: func(_ int, req llmtest.Request) llmtest.Reply {
		sys, user := req.System(), req.User()
		switch {
		case strings.Contains(sys, "<follow_up>"): // condense a follow-up
			if strings.Contains(user, "Soviet") {
				return llmtest.Text(qSoviet)
			}
			return llmtest.Text(q1948)
		case strings.Contains(sys, "<text>"): // translate a question
			return llmtest.Text(q1948)
		case hang.Load():
			// Two pieces of the answer, then nothing until the reader stops it.
			return llmtest.Reply{Chunks: []string{"سفارتی تعلقات ", "یکم مئی 1948 کو"}, End: llmtest.Hang}
		case strings.Contains(user, "Soviet"):
			return llmtest.Stream("Diplomatic relations were established ", "in 1948 in New York [1]. ",
				"Trade reached 9 billion dollars in 1950 [2].")
		}
		return llmtest.Stream("سفارتی تعلقات ", "یکم مئی 1948 کو\nنیو یارک ", "میں قائم ہوئے [1]۔")
	}})

	// The host site: its own origin, a strict CSP that allows the widget's
	// server for scripts and connections only, and styles that would wreck
	// the widget if they reached it.
	var jawabURL atomic.Value
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		j := jawabURL.Load().(string)
		switch r.URL.Path {
		case "/site.css":
			w.Header().Set("Content-Type", "text/css")
			io.WriteString(w, `button{background:lime!important;font-size:30px!important} p{direction:ltr!important} mark{background:red}`)
		case "/":
			w.Header().Set("Content-Security-Policy", "default-src 'self'; script-src 'self' "+j+"; connect-src "+j+"; style-src 'self'; object-src 'none'; base-uri 'none'")
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprintf(w, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Daily News</title><link rel="stylesheet" href="/site.css"></head>
<body><header id="masthead"><h2>Daily News</h2></header><p>Today's stories.</p><button id="own">Subscribe</button>
<script src="%s/widget.js" data-key="%s" data-lang="ur" data-title="روزنامہ سے پوچھیں" data-color="#b00020" data-position="left" async></script></body></html>`, j, widgetKey)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(site.Close)
	srv := startServe(t, map[string]string{
		"OPENAI_BASE_URL": llm.BaseURL, "OPENAI_API_KEY": llm.APIKey, "JAWAB_CHAT_MODEL": "fake-chat",
		"JAWAB_API_KEYS": apiKey, "JAWAB_WIDGET_KEYS": widgetKey + "@" + site.URL,
		"JAWAB_RATE": "1000", "JAWAB_BURST": "1000",
	})
	jawabURL.Store(srv.url)

	tb := newTab(t, bctx, 1280, 900, false)
	tb.open(site.URL + "/")
	var look struct{ Launch, Own, Left, Header string }
	tb.eval(shadow(`({launch: getComputedStyle(R.querySelector('.launch')).backgroundColor,
		own: getComputedStyle(document.getElementById('own')).backgroundColor,
		left: getComputedStyle(R.querySelector('.launch')).left,
		header: getComputedStyle(document.getElementById('masthead')).backgroundColor})`), &look)
	if look.Launch != "rgb(176, 0, 32)" || look.Own != "rgb(0, 255, 0)" || look.Left != "20px" || look.Header != "rgba(0, 0, 0, 0)" {
		t.Errorf("styles leak or are missing: %+v (want the launcher in data-color on the left, the page's own button lime, the page's header unstyled)", look)
	}
	tb.eval(shadow(`R.querySelector('.launch').click()`), nil)

	t.Run("streaming and stop", func(t *testing.T) {
		tb.t = t
		hang.Store(true)
		tb.ask(q1948)
		// The pieces show while the answer is still being written.
		tb.wait("the streamed text", shadow(`(() => { const a = R.querySelector('.msg.a[data-turn="0"]'); return !!a && a.getAttribute('aria-busy') === 'true' && a.textContent.includes('یکم مئی 1948 کو'); })()`))
		if !tb.is(shadow(`!R.querySelector('.stop').hidden && R.querySelector('.send').hidden`)) {
			t.Error("no stop button while streaming")
		}
		tb.shot("10-embedded-streaming")
		tb.eval(shadow(`R.querySelector('.stop').click()`), nil)
		tb.waitAnswer(0)
		hang.Store(false)
		if !tb.is(shadow(`(() => { const a = R.querySelector('.msg.a[data-turn="0"]'); return !!a.querySelector('.stopped') && a.textContent.includes('یکم مئی 1948 کو'); })()`)) {
			t.Errorf("after stop: %q", tb.str(shadow(`R.querySelector('.msg.a[data-turn="0"]').textContent`)))
		}
		// Stopping cancelled the request: the server logs the client going away.
		waitLog(t, srv.log, `"path":"/v1/ask","status":499`)
		tb.shot("11-embedded-stopped")
	})

	t.Run("urdu answer with the widget key", func(t *testing.T) {
		tb.t = t
		tb.ask(q1948)
		tb.waitAnswer(1)
		tb.shot("12-embedded-urdu-answer")
		d := tb.answerDir(1)
		if d.Body != "rtl" || d.Panel != "rtl" || tb.is(shadow(`!!R.querySelector('.msg.a[data-turn="1"] .badge')`)) {
			t.Errorf("LLM answer in Urdu: %+v; text %q", d, tb.str(shadow(`R.querySelector('.msg.a[data-turn="1"]').textContent`)))
		}
		if !tb.is(shadow(`!!R.querySelector('.msg.a[data-turn="1"] .cite:not(.unsup)')`)) {
			t.Error("no supported citation button")
		}
		// The page's `p{direction:ltr!important}` does not reach the answer.
		if tb.str(shadow(`getComputedStyle(R.querySelector('.msg.a[data-turn="1"] p')).direction`)) != "rtl" {
			t.Error("the host page's styles reach the widget")
		}
	})

	t.Run("english follow-up, unsupported citation", func(t *testing.T) {
		tb.t = t
		before := len(llm.Requests())
		tb.ask(qSoviet)
		tb.waitAnswer(2)
		d := tb.answerDir(2)
		if d.Body != "ltr" || d.Para != "ltr" {
			t.Errorf("English answer: %+v", d)
		}
		var cls []string
		tb.eval(shadow(`[...R.querySelectorAll('.msg.a[data-turn="2"] .cite')].map(b => b.className)`), &cls)
		if len(cls) != 2 || cls[0] != "cite" || cls[1] != "cite unsup" {
			t.Errorf("citation classes %q, want [1] supported and [2] not", cls)
		}
		tb.eval(shadow(`R.querySelectorAll('.msg.a[data-turn="2"] .cite')[1].click()`), nil)
		tb.wait("the source card", shadow(`!!R.querySelector('.card .note')`))
		tb.shot("13-embedded-english-unsupported-card")
		// Across languages the check finds no span to quote: nothing is
		// highlighted, and the card says the source may not support it.
		if tb.is(shadow(`[...R.querySelectorAll('.card mark')].some(m => !m.textContent)`)) {
			t.Error("an empty highlight")
		}
		// The history went with the question: the condense prompt has the
		// earlier question.
		found := false
		for _, r := range llm.Requests()[before:] {
			if strings.Contains(r.System(), "<follow_up>") && strings.Contains(r.User(), q1948) {
				found = true
			}
		}
		if !found {
			t.Error("the follow-up was not condensed with the earlier turn: no history sent")
		}
		tb.clean()
	})
}

// testWidgetFailures serves widget.js from a scripted backend whose answers
// fail in each way a server can, with untrusted markup in every field, on a
// page with no CSP at all: what the reader sees is a friendly sentence, and
// nothing runs.
func testWidgetFailures(t *testing.T, bctx context.Context) {
	passages := `[{"n":1,"chunk_id":"x#0","doc_id":"x","title":"<img src=x onerror=pwned()>","source":"<svg onload=pwned()>","url":"javascript:pwned()","published":"2024-01-02T00:00:00Z","start":10,"end":40,"text":"Before <b>bold</b> <img src=x onerror=pwned()> after."}]`
	answer := `{"id":"a1","answer":"Markup <img src=x onerror=pwned()> stays text [1].","lang":"en","refused":false,"generator":"fake","citations":[{"n":1,"doc_id":"x","title":"t","chunk_id":"x#0","quote":"<img src=x onerror=pwned()>","start":29,"end":56,"supported":true}],"passages":` + passages + `}`
	backend := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/widget.js":
			w.Header().Set("Content-Type", "text/javascript")
			w.Write(widget.Script)
			return
		case "/":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			io.WriteString(w, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>No CSP</title></head><body><p>A page without a CSP.</p><script src="/widget.js" data-mode="inline" data-target="#chat" async></script><div id="chat"></div></body></html>`)
			return
		}
		if r.URL.Path == "/v1/feedback" {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(500)
			io.WriteString(w, `{"error":{"code":"internal","message":"the feedback log is unwritable"}}`)
			return
		}
		var req struct{ Question string }
		json.NewDecoder(r.Body).Decode(&req)
		jsonErr := func(status int, code, msg string) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(status)
			fmt.Fprintf(w, `{"error":{"code":%q,"message":%q}}`, code, msg)
		}
		events := func(evs ...string) {
			w.Header().Set("Content-Type", "text/event-stream")
			for _, e := range evs {
				io.WriteString(w, e)
				w.(http.Flusher).Flush()
			}
		}
		switch req.Question {
		case "500":
			jsonErr(500, "internal", "internal error: <img src=x onerror=pwned()>")
		case "503":
			jsonErr(503, "shutting_down", "the server is shutting down")
		case "502":
			w.WriteHeader(502)
			io.WriteString(w, "<html><body>Bad Gateway <img src=x onerror=pwned()></body></html>")
		case "event":
			events("event: passages\ndata: "+passages+"\n\n", "event: delta\ndata: Half an ans\n\n",
				"event: error\ndata: {\"code\":\"internal\",\"message\":\"stack trace at main.go:12 <img src=x onerror=pwned()>\"}\n\n")
		case "fallback":
			fb := `{"id":"a2","answer":"The LLM gave no usable answer, so here are the most relevant sentences from the sources:\nBefore bold after. [1]","lang":"en","refused":false,"generator":"extractive","warnings":["the LLM failed (timeout); showing the extractive answer instead"],"citations":[{"n":1,"doc_id":"x","title":"t","chunk_id":"x#0","quote":"Before","start":10,"end":16,"supported":true}],"passages":` + passages + `}`
			events("event: passages\ndata: "+passages+"\n\n", "event: done\ndata: "+fb+"\n\n")
		case "cut":
			events("event: passages\ndata: "+passages+"\n\n", "event: delta\ndata: Half\n\n")
		default:
			// A CRLF stream, with a comment and a multi-line delta.
			events(": ping\r\n\r\nevent: passages\r\ndata: "+passages+"\r\n\r\n",
				"event: delta\r\ndata: Markup <img src=x onerror=pwned()>\r\ndata: stays text [1].\r\n\r\n",
				"event: done\r\ndata: "+answer+"\r\n\r\n")
		}
	}))
	t.Cleanup(backend.Close)

	tb := newTab(t, bctx, 800, 900, false)
	tb.open(backend.URL + "/")
	if !tb.is(shadow(`!!document.querySelector('#chat > jawab-chat') && !R.querySelector('.launch') && getComputedStyle(R.querySelector('.panel')).position === 'relative'`)) {
		t.Error("data-mode=inline did not render inside #chat")
	}
	for i, tc := range []struct{ question, want string }{
		{"500", "Something went wrong. Please try again."},
		{"503", "The service is restarting. Please try again in a moment."},
		{"502", "Something went wrong. Please try again."},
		{"event", "Something went wrong. Please try again."},
		{"cut", "Something went wrong. Please try again."},
	} {
		tb.ask(tc.question)
		tb.waitAnswer(i)
		got := tb.str(shadow(fmt.Sprintf(`R.querySelector('.msg.a[data-turn="%d"]').textContent`, i)))
		if got != tc.want {
			t.Errorf("%s: the reader sees %q, want %q", tc.question, got, tc.want)
		}
	}
	tb.shot("14-failures")
	// An LLM that failed: the quoted extracts say so, not that none is set up.
	tb.ask("fallback")
	tb.waitAnswer(5)
	var fb struct{ Badge, Body string }
	tb.eval(shadow(`(() => { const a = R.querySelector('.msg.a[data-turn="5"]');
		return {badge: a.querySelector('.badge').textContent, body: a.querySelector('.body').textContent}; })()`), &fb)
	if !strings.Contains(fb.Badge, "could not answer") || strings.Contains(fb.Body, "LLM") || !strings.Contains(fb.Body, "Before bold after.") {
		t.Errorf("fallback answer: %+v, want the could-not-answer badge and the quote without the server's label line", fb)
	}
	n := 6
	tb.ask("ok")
	tb.waitAnswer(n)
	// A vote the server did not store is not shown as stored.
	tb.eval(shadow(fmt.Sprintf(`R.querySelector('.msg.a[data-turn="%d"] .rate-down').click()`, n)), nil)
	tb.wait("the failed vote", shadow(fmt.Sprintf(`(() => { const a = R.querySelector('.msg.a[data-turn="%d"]');
		return !!a.querySelector('.thanks.failed') && a.querySelector('.rate-down').getAttribute('aria-pressed') === 'false'; })()`, n)))
	tb.eval(shadow(fmt.Sprintf(`R.querySelector('.msg.a[data-turn="%d"] .cite').click()`, n)), nil)
	tb.wait("the source card", shadow(`!!R.querySelector('.card')`))
	tb.shot("15-no-csp-xss-card")
	var got struct {
		Answer, Mark, Title string
		Links, Elements     int
	}
	tb.eval(shadow(fmt.Sprintf(`(() => { const c = R.querySelector('.card');
		return {answer: R.querySelector('.msg.a[data-turn="%d"] .body').textContent, mark: c.querySelector('mark').textContent,
			title: c.querySelector('h4').textContent, links: c.querySelectorAll('a').length,
			elements: R.querySelectorAll('img, svg:not([aria-hidden]), b, script').length}; })()`, n)), &got)
	if got.Answer != "Markup <img src=x onerror=pwned()> stays text [1]." || got.Mark != "<img src=x onerror=pwned()>" ||
		got.Title != "<img src=x onerror=pwned()>" || got.Links != 0 || got.Elements != 0 {
		t.Errorf("untrusted text without a CSP: %+v (want it literal, the quote highlighted, no javascript: link, no elements)", got)
	}
	tb.clean()
}

// testWidgetRateLimit: a 429 is a friendly sentence with the wait.
func testWidgetRateLimit(t *testing.T, bctx context.Context) {
	srv := startServe(t, map[string]string{"JAWAB_RATE": "0.01", "JAWAB_BURST": "1"})
	tb := newTab(t, bctx, 1280, 900, false)
	tb.open(srv.url + "/?mode=inline&lang=ur")
	tb.ask(q1948)
	tb.waitAnswer(0)
	tb.ask(q1948)
	tb.waitAnswer(1)
	tb.shot("16-rate-limited-urdu")
	got := tb.str(shadow(`R.querySelector('.msg.a[data-turn="1"]').textContent`))
	if !strings.HasPrefix(got, "اس وقت بہت زیادہ سوالات آ رہے ہیں۔") || !strings.Contains(got, "سیکنڈ بعد") || strings.Contains(got, "rate") {
		t.Errorf("429: the reader sees %q", got)
	}
	tb.clean()
}
