package storage

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"vigia/app"
	"vigia/storage/storagetest"
)

func TestAStoreOnPostgresToldOfEachAreaItsWritesChangeUntilItCloses(t *testing.T) {
	// given two stores on one database (two PCs), the second watching changes
	url := storagetest.Postgres(t)
	ctx := context.Background()
	writer, err := OpenPostgres(ctx, url)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { writer.Close() })
	watcher, err := OpenPostgres(ctx, url)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	got := make(notices, 64)
	if !watcher.WatchChanges(ctx, slog.New(slog.DiscardHandler), func(a app.ChangeArea) { got <- a }) {
		t.Fatal("WatchChanges said PostgreSQL tells of no change")
	}
	l := watcher.watchers.listeners[0]
	got.everyArea(t, "once listening")
	db := pgConn(t, url)

	// when the first PC writes a trigger, a setting and a company
	now := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	if _, err := writer.CreateTrigger(ctx, app.Trigger{Name: "Diario", Active: true,
		Schedule: app.Schedule{Frequency: app.FrequencyDaily, Hour: 9}, Priorities: []app.Priority{app.PriorityCritical},
		CreatedAt: now, UpdatedAt: now}); err != nil {
		t.Fatalf("create trigger: %v", err)
	}
	if err := writer.SetSetting(ctx, "zona_horaria", "America/Lima"); err != nil {
		t.Fatalf("set setting: %v", err)
	}
	if _, err := writer.CreateCompany(ctx, app.Company{Name: "Ferretería", Active: true}); err != nil {
		t.Fatalf("create company: %v", err)
	}

	// then the second is told each area, in order
	for _, want := range []app.ChangeArea{app.ChangeTriggers, app.ChangeSettings, app.ChangeAlerts} {
		if a := got.next(t); a != want {
			t.Fatalf("told %q, want %q", a, want)
		}
	}

	// when the second store closes
	pid := l.pid.Load()
	if err := watcher.Close(); err != nil {
		t.Fatalf("close: %v", err)
	}

	// then its listener stopped, and its connection is gone from the server
	select {
	case <-l.done:
	default:
		t.Fatal("Close returned with the listener still running")
	}
	// (The server's backend ends a moment after the client closed its
	// connection: it is asked again until it has, for at most 10 s.)
	for deadline := time.Now().Add(10 * time.Second); ; {
		var n int
		err := db.QueryRow(t.Context(), "SELECT count(*) FROM pg_stat_activity WHERE pid = $1", pid).Scan(&n)
		if err == nil && n == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("backend %d still on the server 10 s after Close (%d rows, %v)", pid, n, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
	// and a store closed before watching starts no listener
	if !watcher.WatchChanges(ctx, slog.New(slog.DiscardHandler), func(app.ChangeArea) { t.Error("told after Close") }) ||
		len(watcher.watchers.listeners) != 1 {
		t.Fatalf("WatchChanges after Close started a listener (%d)", len(watcher.watchers.listeners))
	}
}

func TestAStoreOnSQLiteTellsOfNoChange(t *testing.T) {
	s := storagetest.Open(t, Open)
	if s.WatchChanges(context.Background(), slog.New(slog.DiscardHandler), func(app.ChangeArea) { t.Error("told a change") }) {
		t.Fatal("WatchChanges on SQLite said it watches")
	}
}
