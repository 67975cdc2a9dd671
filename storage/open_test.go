package storage

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"vigia/storage/storagetest"
)

func TestOpenCreatesPrivateDirectoryAndFile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("unix permissions")
	}
	// given
	path := filepath.Join(t.TempDir(), "config", "Vigia", "vigia.db")

	// when
	s, err := Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	// then
	dir, err := os.Stat(filepath.Dir(path))
	if err != nil || dir.Mode().Perm() != 0o700 {
		t.Fatalf("directory: %v, %v; want mode 0700", dir.Mode(), err)
	}
	file, err := os.Stat(path)
	if err != nil || file.Mode().Perm() != 0o600 {
		t.Fatalf("file: %v, %v; want mode 0600", file.Mode(), err)
	}
}

func TestOpenRefusesPathsThatAreNotFiles(t *testing.T) {
	for _, path := range []string{"", ":memory:", "file:x.db", filepath.Join(t.TempDir(), "a?b.db")} {
		if s, err := Open(t.Context(), path); err == nil {
			s.Close()
			t.Errorf("Open(%q) succeeded", path)
		}
	}
}

// pragmas reads PRAGMA values through q.
func pragmas(t *testing.T, ctx context.Context, q querier, names ...string) map[string]string {
	t.Helper()
	got := map[string]string{}
	for _, name := range names {
		var v string
		if err := q.QueryRowContext(ctx, "PRAGMA "+name).Scan(&v); err != nil {
			t.Fatalf("PRAGMA %s: %v", name, err)
		}
		got[name] = v
	}
	return got
}

func TestWriterConnectionIsDurableAndChecksForeignKeys(t *testing.T) {
	s := storagetest.Open(t, Open)

	var got map[string]string
	err := s.writer.do(t.Context(), func(ctx context.Context, tx querier) error {
		got = pragmas(t, ctx, tx, "journal_mode", "synchronous", "foreign_keys", "busy_timeout", "query_only")
		return nil
	})

	want := map[string]string{"journal_mode": "wal", "synchronous": "2", "foreign_keys": "1", "busy_timeout": "5000", "query_only": "0"}
	if err != nil || !equalMaps(got, want) {
		t.Fatalf("writer pragmas %v, %v; want %v", got, err, want)
	}
}

func TestReadPoolIsReadOnly(t *testing.T) {
	s := storagetest.Open(t, Open)

	got := pragmas(t, t.Context(), s.read, "journal_mode", "query_only", "busy_timeout")
	_, err := s.read.ExecContext(t.Context(), `INSERT INTO empresas (nombre, nombre_clave) VALUES ('x', 'x')`)

	want := map[string]string{"journal_mode": "wal", "query_only": "1", "busy_timeout": "5000"}
	if !equalMaps(got, want) {
		t.Fatalf("read pragmas %v, want %v", got, want)
	}
	if err == nil || !strings.Contains(err.Error(), "readonly") {
		t.Fatalf("write through the read pool: err = %v, want a read-only error", err)
	}
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
