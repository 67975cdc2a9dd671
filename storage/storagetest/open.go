package storagetest

import (
	"context"
	"io"
	"net/url"
	"path/filepath"
	"testing"
)

// Open opens a new database, vigia.db in a fresh t.TempDir(), with open
// (storage.Open) and opts, and closes it when the test ends.
func Open[S io.Closer, O any](t testing.TB, open func(context.Context, string, ...O) (S, error), opts ...O) S {
	t.Helper()
	return OpenAt(t, filepath.Join(t.TempDir(), "vigia.db"), open, opts...)
}

// OpenAt opens the database at path (a file, or a PostgreSQL URL) (created when missing) with open and
// opts, and closes it when the test ends; a failed open or close fails the
// test. Tests of several processes on one database call it once per process.
func OpenAt[S io.Closer, O any](t testing.TB, path string, open func(context.Context, string, ...O) (S, error), opts ...O) S {
	t.Helper()
	s, err := open(t.Context(), path, opts...)
	if err != nil {
		t.Fatalf("open store %s: %v", redacted(path), err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("close store %s: %v", redacted(path), err)
		}
	})
	return s
}

// redacted is a database's path, or its URL without the password.
func redacted(path string) string {
	if u, err := url.Parse(path); err == nil && u.User != nil {
		return u.Redacted()
	}
	return path
}
