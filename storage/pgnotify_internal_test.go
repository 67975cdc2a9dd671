package storage

import (
	"context"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"vigia/app"
	"vigia/storage/storagetest"
)

// noticeWait bounds every wait for a notice; it only guards against a hang.
const noticeWait = 10 * time.Second

// notices is a listener's calls, in order.
type notices chan app.ChangeArea

// next is the next area told, or a failure after noticeWait.
func (n notices) next(t *testing.T) app.ChangeArea {
	t.Helper()
	select {
	case a := <-n:
		return a
	case <-time.After(noticeWait):
		t.Fatalf("no change notice within %s", noticeWait)
		return ""
	}
}

// none checks nothing more was told by the time a notice sent after it
// arrives (the server delivers one session's notices in order).
func (n notices) noneBefore(t *testing.T, db *pgx.Conn, marker app.ChangeArea) {
	t.Helper()
	notify(t, db, string(marker))
	if a := n.next(t); a != marker {
		t.Fatalf("told %q, want nothing before %q", a, marker)
	}
}

// pgConn is a connection of the test's own to the database at url.
func pgConn(t *testing.T, url string) *pgx.Conn {
	t.Helper()
	conn, err := pgx.Connect(t.Context(), url)
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

func connConfig(t *testing.T, url string) *pgx.ConnConfig {
	t.Helper()
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		t.Fatalf("parse %s: %v", url, err)
	}
	return cfg
}

func notify(t *testing.T, db *pgx.Conn, payload string) {
	t.Helper()
	if _, err := db.Exec(t.Context(), "SELECT pg_notify($1, $2)", changeChannel, payload); err != nil {
		t.Fatalf("notify %q: %v", payload, err)
	}
}

// listening starts a listener on url and waits until it listens.
func listening(t *testing.T, url string) (*changeListener, notices) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	got := make(notices, 64)
	l := newListener(connConfig(t, url), slog.New(slog.DiscardHandler), func(a app.ChangeArea) { got <- a })
	l.start(ctx)
	t.Cleanup(func() {
		cancel()
		l.wait()
	})
	got.everyArea(t, "once listening")
	return l, got
}

// everyArea checks the next notices are every area, in order: what a
// listener tells when it begins to listen.
func (n notices) everyArea(t *testing.T, when string) {
	t.Helper()
	var told []app.ChangeArea
	for range app.ChangeAreas() {
		told = append(told, n.next(t))
	}
	if !slices.Equal(told, app.ChangeAreas()) {
		t.Fatalf("%s told %v, want every area %v", when, told, app.ChangeAreas())
	}
}

func TestTheListenerTellsEachAreaATriggerNotifies(t *testing.T) {
	// given a listener, and a table whose statement-level trigger notifies
	// as the schema's do
	url := storagetest.Postgres(t)
	db := pgConn(t, url)
	_, err := db.Exec(t.Context(), `
		CREATE TABLE triggers (id BIGINT);
		CREATE FUNCTION tell_triggers() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN PERFORM pg_notify('vigia_cambios', 'triggers'); RETURN NULL; END $$;
		CREATE TRIGGER triggers_changed AFTER INSERT OR UPDATE OR DELETE ON triggers
			FOR EACH STATEMENT EXECUTE FUNCTION tell_triggers();`)
	if err != nil {
		t.Fatalf("schema: %v", err)
	}
	_, got := listening(t, url)

	// when another session inserts rows in one statement, then notifies the
	// other areas and a payload no Vigía sends
	if _, err := db.Exec(t.Context(), "INSERT INTO triggers SELECT generate_series(1, 100)"); err != nil {
		t.Fatalf("insert: %v", err)
	}
	notify(t, db, "ajustes")
	notify(t, db, "otra_cosa")
	notify(t, db, "alertas")

	// then the listener tells each area once, in order, and not the unknown one
	want := []app.ChangeArea{app.ChangeTriggers, app.ChangeSettings, app.ChangeAlerts}
	var told []app.ChangeArea
	for range want {
		told = append(told, got.next(t))
	}
	if !slices.Equal(told, want) {
		t.Fatalf("told %v, want %v", told, want)
	}
	got.noneBefore(t, db, app.ChangeTriggers)
}

func TestTheListenerReconnectsAfterItsConnectionIsKilledAndTellsEveryArea(t *testing.T) {
	// given a listener
	url := storagetest.Postgres(t)
	db := pgConn(t, url)
	l, got := listening(t, url)
	first := l.pid.Load()

	// when the server ends its connection (as a restart or an administrator would)
	var ended bool
	if err := db.QueryRow(t.Context(), "SELECT pg_terminate_backend($1)", first).Scan(&ended); err != nil || !ended {
		t.Fatalf("terminate the listener's backend %d: %v (ended %v)", first, err, ended)
	}

	// then it listens again on a new connection, and tells every area, since
	// notices sent meanwhile were lost
	got.everyArea(t, "after reconnecting")
	if second := l.pid.Load(); second == first || second == 0 {
		t.Fatalf("listening on backend %d after backend %d ended", second, first)
	}
	// and a later notice reaches it, with nothing else before it
	got.noneBefore(t, db, app.ChangeAlerts)
}

func TestTheListenerRetriesAServerItCannotReachAndStopsWithItsContext(t *testing.T) {
	// given a listener on a port where no server listens
	ctx, cancel := context.WithCancel(context.Background())
	got := make(notices, 8)
	warned := make(chan string, 8)
	l := newListener(connConfig(t, "postgres://vigia:clave@127.0.0.1:1/vigia?sslmode=disable&connect_timeout=1"),
		slog.New(warnings(warned)), func(a app.ChangeArea) { got <- a })
	l.start(ctx)

	// when it failed to connect
	select {
	case msg := <-warned:
		if !strings.Contains(msg, "se reintenta") || strings.Contains(msg, "clave") {
			t.Fatalf("warned %q: want that it retries, without the password", msg)
		}
	case <-time.After(noticeWait):
		t.Fatal("no warning about the server it cannot reach")
	}
	// and its context ends
	cancel()

	// then it stops, having told nothing
	select {
	case <-l.done:
	case <-time.After(noticeWait):
		t.Fatal("the listener did not stop with its context")
	}
	if len(got) != 0 {
		t.Fatalf("told %d areas without ever connecting", len(got))
	}
}

// warnings is a log handler that sends each record's text to ch.
type warnings chan string

func (w warnings) Enabled(context.Context, slog.Level) bool { return true }
func (w warnings) WithAttrs([]slog.Attr) slog.Handler       { return w }
func (w warnings) WithGroup(string) slog.Handler            { return w }
func (w warnings) Handle(_ context.Context, r slog.Record) error {
	text := r.Message
	r.Attrs(func(a slog.Attr) bool {
		text += " " + a.String()
		return true
	})
	select {
	case w <- text:
	default:
	}
	return nil
}
