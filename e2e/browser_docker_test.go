//go:build unix

package e2e

import (
	"net"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// Vigía as the Docker image runs it: listening on every address with
// --allow-remote and VIGIA_API_TOKEN, so the session cookie is Secure. The
// browser on the same computer (http://localhost:PORT, what docker-compose's
// published port gives) keeps it and logs in; from another address over
// plain HTTP the browser drops it, and the login page says why.
func TestBrowserLogsInToVigiaListeningOnEveryAddressAsInDocker(t *testing.T) {
	chromiumPath(t)
	const token = "token-de-docker-0123456789abcdef0123456789"
	_, port, err := net.SplitHostPort(freeAddr(t))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	vigia := startBinary(t, browserBinary(t), dir,
		map[string]string{"VIGIA_API_TOKEN": token, "DB_PATH": filepath.Join(dir, "data", "facturacion.db"), "VIGIA_ADDR": "0.0.0.0:" + port},
		"--headless", "--addr", "0.0.0.0:"+port, "--allow-remote")
	vigia.base = "http://localhost:" + port
	stopCleanlyAtEnd(t, vigia)
	vigia.waitHealthy()
	vigia.waitOutput("INFO: Interfaz web en http://localhost:" + port + "/\n") // not 0.0.0.0, which no browser opens

	b := openTab(t, vigia.base)
	b.open("/")
	if b.text(".flash-aviso") != "" {
		t.Errorf("the login page at localhost warns: %s", b.text(".flash-aviso"))
	}
	b.do("type the token", chromedp.SendKeys(chromedp.CSS("#token"), token))
	b.click("form.login button[type=submit]")
	if loc := b.location(); loc != "/" {
		t.Fatalf("logging in at %s went to %s:\n%s", vigia.base, loc, b.bodyText())
	}
	b.wantText("nav.nav", "Triggers")
	if secure := evalIn[bool](b, `!document.cookie.includes("vigia_sesion")`); !secure {
		t.Error("the session cookie is readable by scripts: it must be HttpOnly")
	}

	ip := outsideAddress(t)
	if ip == "" {
		t.Log("this machine has no address but loopback: the remote half is not checked")
		return
	}
	remote := openTab(t, "http://"+net.JoinHostPort(ip, port))
	// plain HTTP from another address is not a secure context: Chromium says
	// it ignores the Cross-Origin-Opener-Policy header there
	remote.tolerate = "Cross-Origin-Opener-Policy header has been ignored"
	remote.open("/")
	remote.wantText(".flash-aviso", "HTTPS")
	remote.do("type the token", chromedp.SendKeys(chromedp.CSS("#token"), token))
	remote.click("form.login button[type=submit]")
	if loc := remote.location(); !strings.HasPrefix(loc, "/ingresar") {
		t.Errorf("over plain HTTP from %s the browser kept the Secure cookie and reached %s", ip, loc)
	}
}

// outsideAddress is an IPv4 address of this machine that is not loopback, "" without one.
func outsideAddress(t *testing.T) string {
	t.Helper()
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		t.Logf("interface addresses: %v", err)
		return ""
	}
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok && n.IP.To4() != nil && !n.IP.IsLoopback() && !n.IP.IsLinkLocalUnicast() {
			return n.IP.String()
		}
	}
	return ""
}
