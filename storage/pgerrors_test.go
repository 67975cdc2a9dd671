package storage

import (
	"errors"
	"io"
	"net"
	"net/url"
	"strings"
	"sync"
	"testing"

	"vigia/app"
	"vigia/messages"
	"vigia/storage/storagetest"
)

// closedPort is a local TCP address nothing listens on.
func closedPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

func TestAServerThatCannotBeReachedIsUnavailableNamedWithoutItsPassword(t *testing.T) {
	// given a URL whose server does not listen, with a password
	addr := closedPort(t)
	raw := "postgres://contador:clave-secreta@" + addr + "/oficina?sslmode=disable&connect_timeout=3"

	// when a store is opened on it
	_, err := OpenPostgres(t.Context(), raw)

	// then it is app's "unavailable", worded in Spanish with host:port/database and what to do
	if !errors.Is(err, app.ErrStorageUnavailable) || !app.IsStorageError(err) {
		t.Fatalf("err = %v, want ErrStorageUnavailable", err)
	}
	text := messages.Text("es", app.ProblemOf(err))
	for _, w := range []string{"No se puede conectar", addr + "/oficina", "PostgreSQL", "por sí solo"} {
		if !strings.Contains(text, w) {
			t.Errorf("message %q lacks %q", text, w)
		}
	}
	// and neither the error nor its words hold the password
	for _, s := range []string{err.Error(), text, messages.Text("en", app.ProblemOf(err))} {
		if strings.Contains(s, "clave-secreta") {
			t.Errorf("the password leaks: %q", s)
		}
	}
}

func TestAnInvalidURLIsRefusedWithoutItsPassword(t *testing.T) {
	_, err := OpenPostgres(t.Context(), "postgres://contador:clave-secreta@127.0.0.1:notaport/oficina")
	if err == nil || strings.Contains(err.Error(), "clave-secreta") || !strings.Contains(err.Error(), "xxxxx") {
		t.Fatalf("err = %v, want a refusal naming the redacted URL", err)
	}
}

func TestRedactURLHidesEveryPassword(t *testing.T) {
	cases := map[string]string{
		"postgres://u:p4ss@h:5432/db?sslmode=disable":   "postgres://u:xxxxx@h:5432/db?sslmode=disable",
		"postgresql://u@h/db":                           "postgresql://u@h/db",
		"postgres://h/db?password=p4ss&sslmode=require": "postgres://h/db?password=xxxxx&sslmode=require",
		"postgres://u:p4ss@h:notaport/db":               "postgres://u:xxxxx@h:notaport/db",
		"postgres://u:p@4ss@h/db":                       "postgres://u:xxxxx@h/db",
		"/datos/vigia.db":                               "/datos/vigia.db",
	}
	for in, want := range cases {
		if got := RedactURL(in); got != want {
			t.Errorf("RedactURL(%q) = %q, want %q", in, got, want)
		}
	}
	if !IsPostgresURL("postgres://h/db") || !IsPostgresURL("PostgreSQL://h/db") || IsPostgresURL("/datos/vigia.db") ||
		IsPostgresURL("mysql://h/db") {
		t.Error("IsPostgresURL tells a database file from a URL wrongly")
	}
}

// proxy forwards local TCP connections to a server until stopped, and can
// listen again on the same address: a server that goes away and comes back.
type proxy struct {
	t        *testing.T
	addr, to string
	mu       sync.Mutex
	l        net.Listener
	conns    []net.Conn
}

func startProxy(t *testing.T, to string) *proxy {
	p := &proxy{t: t, addr: "127.0.0.1:0", to: to}
	p.listen()
	t.Cleanup(p.stop)
	return p
}

func (p *proxy) listen() {
	l, err := net.Listen("tcp", p.addr)
	if err != nil {
		p.t.Fatal(err)
	}
	p.mu.Lock()
	p.l, p.addr = l, l.Addr().String()
	p.mu.Unlock()
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			up, err := net.Dial("tcp", p.to)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, c, up)
			p.mu.Unlock()
			go func() { _, _ = io.Copy(up, c); up.Close() }()
			go func() { _, _ = io.Copy(c, up); c.Close() }()
		}
	}()
}

// stop closes the listener and cuts every connection through it.
func (p *proxy) stop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.l.Close()
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

func TestAStoreOnAServerThatGoesAwaySaysUnavailableAndWorksAgainWhenItReturns(t *testing.T) {
	// given a store on a PostgreSQL server reached through a proxy
	direct, err := url.Parse(storagetest.Postgres(t))
	if err != nil {
		t.Fatal(err)
	}
	p := startProxy(t, direct.Host)
	via := *direct
	via.Host = p.addr
	s := storagetest.OpenAt(t, via.String(), OpenPostgres)
	ctx := t.Context()
	if err := s.SetSetting(ctx, "zona_horaria", "America/Bogota"); err != nil {
		t.Fatal(err)
	}

	// when the server goes away
	p.stop()

	// then reads and writes fail as unavailable, naming the server without the password
	_, readErr := s.Setting(ctx, "zona_horaria")
	writeErr := s.SetSetting(ctx, "zona_horaria", "America/Lima")
	_, txErr := s.Executions(ctx, app.ExecutionFilter{Limit: 10})
	for name, err := range map[string]error{"read": readErr, "write": writeErr, "read transaction": txErr} {
		if !errors.Is(err, app.ErrStorageUnavailable) {
			t.Errorf("%s: %v, want ErrStorageUnavailable", name, err)
			continue
		}
		text := messages.Text("es", app.ProblemOf(err))
		if !strings.Contains(text, p.addr+direct.Path) || strings.Contains(text, "vigia@") {
			t.Errorf("%s: message %q, want the server %s%s and no credentials", name, text, p.addr, direct.Path)
		}
	}

	// and once it is back, the same store reads and writes again by itself
	p.listen()
	if err := s.SetSetting(ctx, "zona_horaria", "America/Lima"); err != nil {
		t.Fatalf("write after the server came back: %v", err)
	}
	if v, err := s.Setting(ctx, "zona_horaria"); err != nil || v != "America/Lima" {
		t.Fatalf("read after the server came back: %q, %v", v, err)
	}
}
