package cli

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"vigia/storage/storagetest"
)

// logLines is a log that tests can read while the code under test writes it.
type logLines struct {
	mu    sync.Mutex
	lines []string
	seen  chan string
}

func newLogLines() *logLines { return &logLines{seen: make(chan string, 64)} }

func (l *logLines) Write(p []byte) (int, error) {
	l.mu.Lock()
	l.lines = append(l.lines, string(p))
	l.mu.Unlock()
	select {
	case l.seen <- string(p):
	default:
	}
	return len(p), nil
}

func (l *logLines) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.lines, "")
}

func (l *logLines) logger() *slog.Logger { return slog.New(slog.NewTextHandler(l, nil)) }

func TestALoginStartGivesUpOnAServerThatNeverAnswersNamingItWithoutThePassword(t *testing.T) {
	addr := closedAddr(t)
	db := "postgres://vigia:clave-secreta@" + addr + "/vigia?sslmode=disable&connect_timeout=2"
	log := newLogLines()
	store, err := openStoreWaiting(t.Context(), db, log.logger(), 400*time.Millisecond, 50*time.Millisecond)
	if err == nil {
		store.Close()
		t.Fatal("opened a server where nothing listens")
	}
	for _, want := range []string{"no se pudo conectar con el servidor PostgreSQL", addr, "conexión rechazada"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	out := log.String()
	if strings.Count(out, "no responde todavía") != 1 {
		t.Errorf("log should say once that it waits, got:\n%s", out)
	}
	if strings.Contains(out+err.Error(), "clave-secreta") {
		t.Errorf("the password shows:\n%s\n%v", out, err)
	}
}

func TestALoginStartWaitsForTheServerAndOpensItWhenItAnswers(t *testing.T) {
	target, err := url.Parse(storagetest.Postgres(t))
	if err != nil {
		t.Fatal(err)
	}
	addr := closedAddr(t)
	db := *target
	db.Host = addr
	log := newLogLines()
	type result struct{ err error }
	done := make(chan result, 1)
	go func() {
		store, err := openStoreWaiting(t.Context(), db.String(), log.logger(), time.Minute, 50*time.Millisecond)
		if err == nil {
			err = store.Close()
		}
		done <- result{err}
	}()
	waitForLine(t, log, "no responde todavía")
	// The network comes up: the address now leads to the server.
	proxy(t, addr, target.Host)
	select {
	case r := <-done:
		if r.err != nil {
			t.Fatalf("open after the server answered: %v", r.err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("still waiting 30 s after the server answered")
	}
	if !strings.Contains(log.String(), "ya responde") {
		t.Errorf("log does not say the server answers now:\n%s", log.String())
	}
}

func TestAStartIsNotDelayedByWhatWaitingCannotMend(t *testing.T) {
	target, err := url.Parse(storagetest.Postgres(t))
	if err != nil {
		t.Fatal(err)
	}
	target.Path = "/no_existe_" + strings.ToLower(strings.ReplaceAll(t.Name(), "/", "_"))[:20]
	log := newLogLines()
	store, err := openStoreWaiting(t.Context(), target.String(), log.logger(), time.Minute, 50*time.Millisecond)
	if err == nil {
		store.Close()
		t.Fatal("opened a database that does not exist")
	}
	if !strings.Contains(err.Error(), "no existe en el servidor") {
		t.Errorf("error %q does not say the database does not exist", err)
	}
	if strings.Contains(log.String(), "no responde todavía") {
		t.Errorf("waited for a database that does not exist:\n%s", log.String())
	}
}

func TestAStopAskedWhileWaitingEndsTheWaitAtOnce(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	log := newLogLines()
	done := make(chan error, 1)
	go func() {
		_, err := openStoreWaiting(ctx, "postgres://vigia@"+closedAddr(t)+"/vigia?sslmode=disable", log.logger(), time.Hour, time.Minute)
		done <- err
	}()
	waitForLine(t, log, "no responde todavía")
	cancel()
	select {
	case err := <-done:
		if err == nil {
			t.Fatal("a cancelled wait reported success")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the wait did not end with its context")
	}
}

func waitForLine(t *testing.T, log *logLines, want string) {
	t.Helper()
	deadline := time.After(30 * time.Second)
	for !strings.Contains(log.String(), want) {
		select {
		case <-log.seen:
		case <-deadline:
			t.Fatalf("log never said %q:\n%s", want, log.String())
		}
	}
}

// proxy forwards connections to addr to target until the test ends.
func proxy(t *testing.T, addr, target string) {
	t.Helper()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				s, err := net.Dial("tcp", target)
				if err != nil {
					return
				}
				defer s.Close()
				go func() { _, _ = io.Copy(s, c); s.Close() }()
				_, _ = io.Copy(c, s)
			}()
		}
	}()
}
