package cli

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"vigia/internal/config"
	"vigia/internal/console"
)

// servingVigia runs Serve as the headless program does, on a free loopback
// port, and returns where it listens and its token; the test's end stops it.
func servingVigia(t *testing.T) Deps {
	t.Helper()
	dir := t.TempDir()
	env := map[string]string{"VIGIA_TZ": "America/Bogota"}
	cfg, err := config.Load([]string{"--headless", "--addr", "127.0.0.1:0", "--db", filepath.Join(dir, "vigia.db")},
		func(k string) string { return env[k] }, nil, io.Discard)
	if err != nil {
		t.Fatalf("config: %v", err)
	}
	s := Server{Config: cfg, Console: console.New(io.Discard), Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Version: "9.9.9-test"}
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan Deps, 1)
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, Hooks{Ready: func(d Deps) { ready <- d }}) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-served:
			if err != nil {
				t.Errorf("Serve: %v", err)
			}
		case <-time.After(30 * time.Second):
			t.Error("Serve did not stop")
		}
	})
	select {
	case d := <-ready:
		return d
	case err := <-served:
		t.Fatalf("Serve stopped before it was ready: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("Serve was not ready")
	}
	return Deps{}
}

// The one listener serves the web interface at / and the API under /api/.
func TestTheListenerServesTheLoginPageAndTheAPI(t *testing.T) {
	d := servingVigia(t)
	client := &http.Client{Timeout: 10 * time.Second}

	// GET / goes to the login page
	res, err := client.Get("http://" + d.Addr + "/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || res.Request.URL.Path != "/ingresar" || !strings.Contains(string(body), "Ingresar a Vigía") {
		t.Fatalf("GET / ended at %s with %d:\n%s", res.Request.URL, res.StatusCode, body)
	}
	if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'none'") {
		t.Errorf("login page CSP %q", csp)
	}

	// the API still answers JSON: its health without a token, its own 404 with it
	for path, want := range map[string]int{"/api/salud": http.StatusOK, "/api/no-existe": http.StatusNotFound, "/api": http.StatusNotFound} {
		req, _ := http.NewRequest(http.MethodGet, "http://"+d.Addr+path, nil)
		req.Header.Set("Authorization", "Bearer "+d.Token)
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var env map[string]any
		err = json.NewDecoder(res.Body).Decode(&env)
		res.Body.Close()
		okJSON := err == nil && res.Header.Get("Content-Type") == "application/json; charset=utf-8"
		if want == http.StatusOK {
			okJSON = okJSON && env["estado"] == "ok" && env["version"] == "9.9.9-test"
		} else {
			okJSON = okJSON && env["success"] == false
		}
		if res.StatusCode != want || !okJSON {
			t.Errorf("GET %s: %d %q %v %v", path, res.StatusCode, res.Header.Get("Content-Type"), env, err)
		}
	}
}

func TestTheBannerNamesTheWebAddressABrowserOnThisMachineOpens(t *testing.T) {
	for addr, want := range map[string]string{
		"0.0.0.0:5000":   "localhost:5000",
		"[::]:5000":      "localhost:5000",
		":5000":          "localhost:5000",
		"127.0.0.1:5000": "127.0.0.1:5000",
		"[::1]:5000":     "[::1]:5000",
		"192.0.2.7:5000": "192.0.2.7:5000",
	} {
		if got := browsable(addr); got != want {
			t.Errorf("browsable(%q) = %q, want %q", addr, got, want)
		}
	}
}
