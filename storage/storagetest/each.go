package storagetest

import (
	"context"
	"io"
	"path/filepath"
	"testing"
)

// Backend is one database engine the contract tests run on: how to get a
// fresh database of it and how to open a store on that database.
type Backend[S io.Closer, O any] struct {
	Name  string                                         // the subtest's name: "sqlite", "postgres"
	Fresh func(t testing.TB) string                      // a new, empty database for t: its path or URL
	Open  func(context.Context, string, ...O) (S, error) // storage.Open, storage.OpenPostgres
}

// SQLite is the backend of a vigia.db file in a fresh t.TempDir(), opened
// with open (storage.Open).
func SQLite[S io.Closer, O any](open func(context.Context, string, ...O) (S, error)) Backend[S, O] {
	return Backend[S, O]{Name: "sqlite", Open: open, Fresh: func(t testing.TB) string {
		return filepath.Join(t.TempDir(), "vigia.db")
	}}
}

// PostgreSQL is the backend of a fresh database on the server of
// VIGIA_TEST_DATABASE_URL (see Postgres), opened with open
// (storage.OpenPostgres).
func PostgreSQL[S io.Closer, O any](open func(context.Context, string, ...O) (S, error)) Backend[S, O] {
	return Backend[S, O]{Name: "postgres", Open: open, Fresh: Postgres}
}

// DB is the fresh database one backend gives a contract test.
type DB[S io.Closer, O any] struct {
	Backend string // the backend's name
	Addr    string // the database's path or URL
	open    func(context.Context, string, ...O) (S, error)
}

// Open opens a store on the database, closed when the test ends. Each call
// opens another store on the same database, as another process would.
func (d DB[S, O]) Open(t testing.TB, opts ...O) S {
	t.Helper()
	return OpenAt(t, d.Addr, d.open, opts...)
}

// Each runs body once per backend, as a subtest named after the backend,
// each time on a fresh database of it: the same behaviour asked of every
// database the app can use.
func Each[S io.Closer, O any](t *testing.T, backends []Backend[S, O], body func(t *testing.T, db DB[S, O])) {
	t.Helper()
	if len(backends) == 0 {
		t.Fatal("no backend to run on")
	}
	for _, b := range backends {
		t.Run(b.Name, func(t *testing.T) {
			body(t, DB[S, O]{Backend: b.Name, Addr: b.Fresh(t), open: b.Open})
		})
	}
}
