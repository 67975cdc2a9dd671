//go:build unix

package e2e

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The browser tests drive Debian's chromium (headless) against the real
// binary: the web interface exactly as `vigia --headless` serves it, with
// the API on the same listener. Under -race the binary is built with the
// race detector too, so it watches the server while the browser uses it.

// browserWait bounds every wait for the page: a load, a text, a fetch.
const browserWait = 20 * time.Second

// Screen sizes: the README's screenshots, and a phone.
const (
	desktopWidth, desktopHeight = 1366, 768
	phoneWidth, phoneHeight     = 390, 844
)

// inCI reports whether this is a CI run (CI is set by the CI service,
// VIGIA_CI by .ci/run): there a missing browser fails instead of skipping.
func inCI() bool {
	for _, name := range []string{"CI", "VIGIA_CI"} {
		switch strings.ToLower(os.Getenv(name)) {
		case "", "0", "false", "no":
		default:
			return true
		}
	}
	return false
}

// chromiumPath is the browser to drive: VIGIA_CHROMIUM, or chromium on the
// PATH. Without one the test skips, except in CI, where it fails.
func chromiumPath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("VIGIA_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	const msg = "chromium is not installed (Debian: apt-get install chromium), so the browser tests cannot run"
	if inCI() {
		t.Fatal(msg + "; in CI they must (.ci/run installs it)")
	}
	t.Skip(msg + "; skipped outside CI")
	return ""
}

var (
	raceBuildOnce sync.Once
	raceBinPath   string
	raceBuildErr  error
)

// browserBinary is the nogui binary the browser tests run: built with the
// race detector when the tests are (cgo is needed for it).
func browserBinary(t *testing.T) string {
	t.Helper()
	plain := vigiaBinary(t) // also makes binDir, which TestMain removes
	if !raceEnabled {
		return plain
	}
	raceBuildOnce.Do(func() {
		raceBinPath = filepath.Join(binDir, "vigia-race")
		cmd := exec.Command("go", "build", "-race", "-tags", "nogui", "-o", raceBinPath, "vigia")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=1")
		if msg, err := cmd.CombinedOutput(); err != nil {
			raceBuildErr = fmt.Errorf("go build -race -tags nogui: %v\n%s", err, msg)
		}
	})
	if raceBuildErr != nil {
		t.Fatal(raceBuildErr)
	}
	return raceBinPath
}

// startWebVigia runs a headless Vigía on a free loopback port with a fresh
// database (the example data with demo), its token in the file it creates,
// and waits until it serves.
func startWebVigia(t *testing.T, demo bool) *vigiaProcess {
	t.Helper()
	// a short data path: the pages show the outbox's folder
	dir, err := os.MkdirTemp("", "vigia-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	args := []string{"--headless", "--addr", freeAddr(t), "--db", filepath.Join(dir, "data", "vigia.db")}
	if demo {
		args = append(args, "--demo")
	}
	p := startBinary(t, browserBinary(t), dir, map[string]string{"LANG": "es_CO.UTF-8"}, args...)
	stopCleanlyAtEnd(t, p)
	p.waitHealthy()
	p.waitOutput("INFO: Interfaz web en " + p.base + "/\n")
	token, err := os.ReadFile(filepath.Join(dir, "data", "api-token"))
	if err != nil {
		t.Fatalf("the token file: %v", err)
	}
	p.token = strings.TrimSpace(string(token))
	return p
}

// stopCleanlyAtEnd stops p with SIGTERM when the test ends and checks that
// it exits 0: under -race, a data race the browser provoked shows here.
func stopCleanlyAtEnd(t *testing.T, p *vigiaProcess) {
	t.Cleanup(func() {
		code := p.stop()
		if code != 0 || strings.Contains(p.stderr.String(), "DATA RACE") {
			t.Errorf("vigia exited %d\nstderr:\n%s", code, p.stderr.String())
		}
	})
}

// tab is one Chromium tab on a Vigía: every page it loads is checked for
// script errors and refusals of the Content-Security-Policy.
type tab struct {
	t    *testing.T
	ctx  context.Context
	base string
	out  *syncBuffer // the browser's own output, shown on failure
	mu   sync.Mutex
	logs []string // console errors and uncaught exceptions
	// tolerate is a browser message expected on this tab (set before use)
	tolerate string
}

// cspWatch runs in every document before its own scripts: it records each
// CSP violation where the test can read it.
const cspWatch = `window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + e.blockedURI);
});`

// openTab starts a headless Chromium with a fresh profile, Spanish as its
// language and a 1366×768 window, and opens a tab on base.
func openTab(t *testing.T, base string) *tab {
	t.Helper()
	b := &tab{t: t, base: base, out: &syncBuffer{}}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck, chromedp.Headless, chromedp.DisableGPU, chromedp.NoSandbox,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-features", "Translate"),
		chromedp.Flag("password-store", "basic"),
		chromedp.Flag("lang", "es-CO"),
		chromedp.Flag("accept-lang", "es-CO,es"),
		chromedp.Env("LANGUAGE=es"), // Spanish date fields, with Debian's chromium-l10n
		chromedp.WindowSize(desktopWidth, desktopHeight),
		chromedp.CombinedOutput(b.out),
	)
	ctx, cancelTab := chromedp.NewContext(alloc)
	t.Cleanup(func() {
		cancelTab()
		cancelAlloc()
	})
	b.ctx = ctx
	console := chromedp.Console(ctx) // subscribes now: starts the browser
	if err := chromedp.Do(ctx,
		chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: cspWatch})
			return err
		}),
		chromedp.EmulateViewport(desktopWidth, desktopHeight),
	); err != nil {
		t.Fatalf("start chromium: %v\n%s", err, b.out.String())
	}
	go func() {
		for m, err := range console {
			if err != nil {
				return
			}
			// a page's own status (401 for a wrong token, 400 for a refused
			// form) is logged too: only a failed asset is an error
			if m.Source == "network" && !strings.Contains(m.URL, "/static/") {
				continue
			}
			if m.IsException() || m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleWarning {
				b.mu.Lock()
				b.logs = append(b.logs, fmt.Sprintf("%s %s (%s)", m.Type, m.Text, m.URL))
				b.mu.Unlock()
			}
		}
	}()
	return b
}

// do runs actions, failing the test on an error.
func (b *tab) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, browserWait)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v (at %s)\n%s", what, err, b.location(), b.bodyText())
	}
}

// navigate runs actions that load a page (a link, a form's submit, the
// address bar) and waits until the page has loaded; it checks the page.
func (b *tab) navigate(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, browserWait)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, actions...)
	if err != nil {
		b.t.Fatalf("%s: %v (at %s)\n%s", what, err, b.location(), b.bodyText())
	}
	if resp != nil && resp.Status >= 500 {
		b.t.Fatalf("%s: status %d at %s\n%s", what, resp.Status, resp.URL, b.bodyText())
	}
	b.checkPage()
}

// open loads path of the site.
func (b *tab) open(path string) {
	b.t.Helper()
	b.navigate("open "+path, chromedp.Navigate(b.base+path))
}

// click clicks the element sel matches and waits for the page it loads.
func (b *tab) click(sel string) {
	b.t.Helper()
	b.navigate("click "+sel, chromedp.Click(chromedp.CSS(sel), chromedp.NodeVisible))
}

// eval evaluates a JavaScript expression in the page.
func evalIn[T any](b *tab, expr string) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, browserWait)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		b.t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// location is the page's URL path and query ("/triggers?x=1").
func (b *tab) location() string {
	ctx, cancel := context.WithTimeout(b.ctx, 2*time.Second)
	defer cancel()
	loc, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname + location.search`))
	if err != nil {
		return "?"
	}
	return loc
}

// bodyText is what the page shows, for failure messages.
func (b *tab) bodyText() string {
	ctx, cancel := context.WithTimeout(b.ctx, 2*time.Second)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : ""`))
	if err != nil {
		return "(no page text: " + err.Error() + ")"
	}
	return s
}

// text is the visible text of the first element sel matches.
func (b *tab) text(sel string) string {
	b.t.Helper()
	return evalIn[string](b, fmt.Sprintf(`(function(){ var e = document.querySelector(%q); return e ? e.innerText : "" })()`, sel))
}

// wantText checks that the element sel matches shows every text.
func (b *tab) wantText(sel string, texts ...string) {
	b.t.Helper()
	got := b.text(sel)
	for _, s := range texts {
		if !strings.Contains(got, s) {
			b.t.Errorf("%s at %s lacks %q; it shows:\n%s", sel, b.location(), s, got)
		}
	}
}

// waitText waits until the element sel matches shows text (a fetch, a
// reload of the page by itself).
func (b *tab) waitText(sel, text string) {
	b.t.Helper()
	b.waitJS(fmt.Sprintf("%s to show %q", sel, text),
		fmt.Sprintf(`(function(){ var e = document.querySelector(%q); return !!e && e.innerText.indexOf(%q) >= 0 })()`, sel, text))
}

// waitJS waits until the JavaScript expression is true.
func (b *tab) waitJS(what, expr string) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, browserWait)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](expr, chromedp.WithPollingInterval(50*time.Millisecond))); err != nil {
		b.t.Fatalf("waiting for %s at %s: %v; the page shows:\n%s", what, b.location(), err, b.bodyText())
	}
}

// checkPage fails the test when the page refused something under its CSP
// or a script failed, and when the browser logged an error.
func (b *tab) checkPage() {
	b.t.Helper()
	if v := evalIn[[]string](b, `window.__csp || []`); len(v) > 0 {
		b.t.Errorf("%s: the Content-Security-Policy refused %v", b.location(), v)
	}
	b.mu.Lock()
	logs := b.logs
	b.logs = nil
	b.mu.Unlock()
	for _, l := range logs {
		if b.tolerate != "" && strings.Contains(l, b.tolerate) {
			continue
		}
		b.t.Errorf("%s: the browser logged %s", b.location(), l)
	}
}

// keys types s into the focused element as key presses (kb.Tab, kb.Enter…).
func (b *tab) keys(s string) {
	b.t.Helper()
	b.do("keys "+fmt.Sprintf("%q", s), chromedp.KeyEvent(s))
}

// keysNavigate types keys that load a page (Enter on a link or a button).
func (b *tab) keysNavigate(s string) {
	b.t.Helper()
	b.navigate("keys "+fmt.Sprintf("%q", s), chromedp.KeyEvent(s))
}

// tabTo presses Tab until the focused element matches sel (at most limit
// times), as a keyboard user moves through the page; the element must show
// that it has the focus (an outline or a shadow).
func (b *tab) tabTo(sel string, limit int) {
	b.t.Helper()
	for range limit {
		b.keys(kb.Tab)
		if evalIn[bool](b, fmt.Sprintf(`!!document.activeElement && document.activeElement.matches(%q)`, sel)) {
			visible := evalIn[bool](b, `(function(){ var s = getComputedStyle(document.activeElement);
				return (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== "none" })()`)
			if !visible {
				b.t.Errorf("%s has the keyboard focus at %s but shows no focus ring", sel, b.location())
			}
			return
		}
	}
	b.t.Fatalf("%d presses of Tab at %s never reached %s (focus on %s)", limit, b.location(), sel,
		evalIn[string](b, `document.activeElement ? document.activeElement.outerHTML.slice(0, 200) : "nothing"`))
}

// viewport sets the page's size.
func (b *tab) viewport(width, height int64) {
	b.t.Helper()
	b.do("viewport", chromedp.EmulateViewport(width, height))
}

// screenshot saves the viewport as docs/img/web-<name>.png, only when
// VIGIA_SCREENSHOTS=1 (so that a test run does not change the tree).
func (b *tab) screenshot(name string) {
	b.t.Helper()
	if os.Getenv("VIGIA_SCREENSHOTS") != "1" {
		return
	}
	b.do("settle", chromedp.Evaluate[chromedp.Void](`document.activeElement && document.activeElement.blur()`))
	ctx, cancel := context.WithTimeout(b.ctx, browserWait)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		b.t.Fatalf("screenshot %s: %v", name, err)
	}
	path := filepath.Join("..", "docs", "img", "web-"+name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
	b.t.Logf("wrote %s", path)
}
