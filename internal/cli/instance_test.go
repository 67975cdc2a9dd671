package cli

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"vigia/api"
	"vigia/app"
	"vigia/internal/config"
	"vigia/notify"
	"vigia/storage"
)

const instanceToken = "f00dfeedf00dfeedf00dfeedf00dfeedf00dfeedf00dfeedf00dfeedf00dfeed"

// runningVigia serves the real API, as a running Vigía does, and returns its
// address. showWindow nil is a headless Vigía.
func runningVigia(t *testing.T, showWindow func()) string {
	t.Helper()
	store, err := storage.Open(context.Background(), filepath.Join(t.TempDir(), "vigia.db"))
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { store.Close() })
	svc := app.NewService(app.Config{Store: store, Mailer: notify.NewOutbox(t.TempDir(), "vigia@localhost"),
		Renderer: notify.Renderer{}})
	srv := httptest.NewServer(api.New(svc, api.Options{Token: instanceToken, ShowWindow: showWindow}))
	t.Cleanup(srv.Close)
	return srv.Listener.Addr().String()
}

func TestASecondLaunchShowsTheRunningWindow(t *testing.T) {
	// given: a GUI Vigía holds the address
	var shown atomic.Int32
	addr := runningVigia(t, func() { shown.Add(1) })

	// when
	ok, err := showRunningInstance(context.Background(), addr, instanceToken)

	// then
	if !ok || err != nil {
		t.Fatalf("showRunningInstance = %v, %v", ok, err)
	}
	if n := shown.Load(); n != 1 {
		t.Errorf("window shown %d times, want 1", n)
	}
}

func TestHandOverReadsTheTokenOfTheDataDir(t *testing.T) {
	// given: the running Vigía's token file, as the first start wrote it
	var shown atomic.Int32
	addr := runningVigia(t, func() { shown.Add(1) })
	dataDir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dataDir, tokenFileName), []byte(instanceToken+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}

	// when
	ok, err := HandOver(context.Background(), config.Config{Addr: addr, DataDir: dataDir})

	// then
	if !ok || err != nil || shown.Load() != 1 {
		t.Errorf("HandOver = %v, %v; shown %d times", ok, err, shown.Load())
	}
}

func TestHandOverPrefersTheTokenOfTheEnvironment(t *testing.T) {
	var shown atomic.Int32
	addr := runningVigia(t, func() { shown.Add(1) })
	ok, err := HandOver(context.Background(), config.Config{Addr: addr, DataDir: t.TempDir(), APIToken: instanceToken})
	if !ok || err != nil || shown.Load() != 1 {
		t.Errorf("HandOver = %v, %v; shown %d times", ok, err, shown.Load())
	}
}

func TestHandOverWithoutATokenFileCreatesNone(t *testing.T) {
	addr := runningVigia(t, func() { t.Error("window shown without a token") })
	dataDir := t.TempDir()
	ok, err := HandOver(context.Background(), config.Config{Addr: addr, DataDir: dataDir})
	if ok || err == nil || !strings.Contains(err.Error(), "token") {
		t.Errorf("HandOver = %v, %v", ok, err)
	}
	if _, err := os.Stat(filepath.Join(dataDir, tokenFileName)); !os.IsNotExist(err) {
		t.Errorf("a token file was created: %v", err)
	}
}

func TestShowRunningInstanceSaysWhyItCouldNot(t *testing.T) {
	never := func() { t.Error("window shown") }
	cases := []struct {
		name  string
		addr  func(t *testing.T) string
		token string
		want  string
	}{
		{"headless Vigía", func(t *testing.T) string { return runningVigia(t, nil) }, instanceToken, "sin interfaz"},
		{"another token", func(t *testing.T) string { return runningVigia(t, never) }, "otro", "no aceptó el token"},
		{"another program", otherProgram, instanceToken, "no es Vigía"},
		{"nothing listening", closedAddr, instanceToken, "no respondió ningún Vigía"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ok, err := showRunningInstance(context.Background(), c.addr(t), c.token)
			if ok || err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("showRunningInstance = %v, %v; want an error with %q", ok, err, c.want)
			}
		})
	}
}

func TestShowRunningInstanceGivesUpOnAProgramThatDoesNotAnswer(t *testing.T) {
	// given: the address belongs to a program that never answers
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { <-release }))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(release) }) // runs before srv.Close
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()

	// when
	ok, err := showRunningInstance(ctx, srv.Listener.Addr().String(), instanceToken)

	// then
	if ok || err == nil {
		t.Errorf("showRunningInstance = %v, %v", ok, err)
	}
}

func TestDialAddrReachesAnUnspecifiedHostOnLoopback(t *testing.T) {
	cases := map[string]string{
		":5000":          "127.0.0.1:5000",
		"0.0.0.0:5000":   "127.0.0.1:5000",
		"[::]:5000":      "[::1]:5000",
		"localhost:5000": "localhost:5000",
		"[::1]:8080":     "[::1]:8080",
		"10.0.0.5:5000":  "10.0.0.5:5000",
	}
	for in, want := range cases {
		if got, err := dialAddr(in); err != nil || got != want {
			t.Errorf("dialAddr(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := dialAddr("sin-puerto"); err == nil {
		t.Error("dialAddr accepted an address without a port")
	}
}

// otherProgram is a web server that is not Vigía.
func otherProgram(t *testing.T) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<html>otro programa</html>"))
	}))
	t.Cleanup(srv.Close)
	return srv.Listener.Addr().String()
}

// closedAddr is a loopback address nothing listens on any more.
func closedAddr(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}
