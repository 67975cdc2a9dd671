package storage

import (
	"context"
	"errors"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"vigia/app"
	"vigia/storage/storagetest"
)

// onWriter runs pragma on the writer's own connection, the one every write
// goes through (max_page_count and query_only hold per connection).
func onWriter(t *testing.T, s *Store, pragma string) {
	t.Helper()
	err := s.writer.do(t.Context(), func(ctx context.Context, tx querier) error {
		_, err := tx.ExecContext(ctx, "PRAGMA "+pragma)
		return err
	})
	if err != nil {
		t.Fatalf("PRAGMA %s: %v", pragma, err)
	}
}

// pageCount is the database's size in pages now.
func pageCount(t *testing.T, s *Store) int {
	t.Helper()
	var n int
	if err := s.read.QueryRowContext(t.Context(), "PRAGMA page_count").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// fillCompanies writes companies with long names until a write fails, and
// returns that error (nil if 10,000 fit).
func fillCompanies(t *testing.T, s *Store) error {
	t.Helper()
	long := strings.Repeat("x", 2000)
	for i := range 10000 {
		_, err := s.CreateCompany(t.Context(), app.Company{Name: long + string(rune('a'+i%26)) + strings.Repeat("y", i%97) + "-" + filepath.Base(t.Name())})
		if err != nil {
			return err
		}
	}
	return nil
}

func TestOpenRefusesADatabaseItCannotWrite(t *testing.T) {
	// given a database SQLite can only open read-only (as it does, silently,
	// with a file or folder the process may not write)
	path := filepath.Join(t.TempDir(), "vigia.db")
	s, err := Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	// when Vigía opens it
	s, err = Open(t.Context(), path, func(o *options) { o.fileMode = "ro" })

	// then it is refused at once as read-only, naming the file, with SQLite's cause
	if err == nil {
		s.Close()
		t.Fatal("Open of a read-only database succeeded; every later write would fail")
	}
	if !errors.Is(err, app.ErrStorageReadOnly) || !strings.Contains(err.Error(), path) ||
		!strings.Contains(Cause(err), "readonly") {
		t.Fatalf("Open = %v (cause %q), want ErrStorageReadOnly naming %s with SQLite's reason", err, Cause(err), path)
	}
}

func TestFullDiskAnswersErrStorageFullKeepsReadsAndRecovers(t *testing.T) {
	// given a store whose disk is full: SQLite's max_page_count makes the
	// writer's connection get SQLITE_FULL, the code a full disk gives
	s := storagetest.Open(t, Open)
	before, err := s.CreateCompany(t.Context(), app.Company{Name: "Antes"})
	if err != nil {
		t.Fatal(err)
	}
	onWriter(t, s, "max_page_count = "+strconv.Itoa(pageCount(t, s)+2))

	// when writes go on until one fails
	full := fillCompanies(t, s)

	// then it fails as a full disk, with the message that says what to do
	if !errors.Is(full, app.ErrStorageFull) || app.ProblemOf(full).Code != app.CodeStorageFull {
		t.Fatalf("write on a full disk = %v (problem %v), want ErrStorageFull", full, app.ProblemOf(full))
	}
	// and reads keep working
	if got, err := s.Company(t.Context(), before.ID); err != nil || got.Name != "Antes" {
		t.Fatalf("read on a full disk = %+v, %v", got, err)
	}
	// and once there is room again, the same store writes: no reopen, no restart
	onWriter(t, s, "max_page_count = 1073741823")
	if _, err := s.CreateCompany(t.Context(), app.Company{Name: "Después"}); err != nil {
		t.Fatalf("write after the disk has room = %v, want it to work", err)
	}
}

func TestReadOnlyWhileRunningAnswersErrStorageReadOnly(t *testing.T) {
	// given a store whose database became read-only while running (the
	// writer's connection made query_only: SQLite answers SQLITE_READONLY,
	// the code of a file it may no longer write)
	s := storagetest.Open(t, Open)
	onWriter(t, s, "query_only = ON")

	// when a write comes
	_, err := s.CreateCompany(t.Context(), app.Company{Name: "Acme"})

	// then it fails as read-only with the message that says what to do, and reads work
	if !errors.Is(err, app.ErrStorageReadOnly) || app.ProblemOf(err).Code != app.CodeStorageReadOnly {
		t.Fatalf("write on a read-only database = %v, want ErrStorageReadOnly", err)
	}
	if _, err := s.Companies(t.Context()); err != nil {
		t.Fatalf("read on a read-only database = %v", err)
	}
}
