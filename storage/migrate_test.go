package storage

import (
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"vigia/app"
)

func TestMigrateFromEmptyReachesLatestSchema(t *testing.T) {
	// given an empty file, when
	s := openTestStore(t)

	// then
	version, err := userVersion(t.Context(), s.read)
	if err != nil || version != SchemaVersion() || version < 1 {
		t.Fatalf("user_version = %d, %v; want %d", version, err, SchemaVersion())
	}
	for _, table := range []string{"triggers", "executions", "execution_counts", "empresas", "alertas"} {
		var n int
		err := s.read.QueryRowContext(t.Context(), `SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?`, table).Scan(&n)
		if err != nil || n != 1 {
			t.Errorf("table %s: %d, %v", table, n, err)
		}
	}
}

func TestReopeningMigratedDatabaseChangesNothing(t *testing.T) {
	// given
	path := filepath.Join(t.TempDir(), "vigia.db")
	s, err := Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	before := schemaSQL(t, s.read)
	if _, err := s.CreateCompany(t.Context(), app.Company{Name: "Acme"}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	// when
	s, err = Open(t.Context(), path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s.Close()

	// then
	if after := schemaSQL(t, s.read); after != before {
		t.Fatalf("schema changed on reopen:\n%s\n---\n%s", before, after)
	}
	if list, err := s.Companies(t.Context()); err != nil || len(list) != 1 {
		t.Fatalf("data after reopen: %+v, %v", list, err)
	}
}

func TestDatabaseFromNewerVigiaIsRefused(t *testing.T) {
	// given
	path := filepath.Join(t.TempDir(), "vigia.db")
	s, err := Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`PRAGMA user_version = 999`); err != nil {
		t.Fatal(err)
	}
	raw.Close()

	// when
	s, err = Open(t.Context(), path)

	// then
	if err == nil {
		s.Close()
		t.Fatal("opened a database with a newer schema")
	}
	if !errors.Is(err, ErrSchemaTooNew) || !strings.Contains(err.Error(), "999") {
		t.Fatalf("err = %v, want ErrSchemaTooNew naming version 999", err)
	}
}

func TestEachMigrationStepCommitsOnItsOwn(t *testing.T) {
	// given: a good step and a broken one
	steps, err := loadMigrations(fstest.MapFS{
		"m/0001_uno.sql": {Data: []byte(`CREATE TABLE uno (x INTEGER);`)},
		"m/0002_dos.sql": {Data: []byte(`CREATE TABLE dos (x INTEGER); INSERT INTO no_such_table VALUES (1);`)},
	}, "m")
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", filepath.Join(t.TempDir(), "m.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)

	// when
	err = migrate(t.Context(), db, steps)

	// then: step 1 stays, step 2 left no trace
	if err == nil || !strings.Contains(err.Error(), "0002_dos.sql") {
		t.Fatalf("err = %v, want the failing step named", err)
	}
	if v, _ := userVersion(t.Context(), db); v != 1 {
		t.Fatalf("user_version = %d, want 1", v)
	}
	var n int
	db.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE name IN ('uno', 'dos')`).Scan(&n)
	if n != 1 {
		t.Fatalf("%d of uno/dos exist, want only uno", n)
	}
}

func TestMigrationFilesMustBeNumberedWithoutGaps(t *testing.T) {
	for name, fsys := range map[string]fstest.MapFS{
		"gap":        {"m/0001_a.sql": {}, "m/0003_c.sql": {}},
		"no number":  {"m/0001_a.sql": {}, "m/init.sql": {}},
		"not sql":    {"m/0001_a.txt": {}},
		"stray file": {"m/.keep": {}},
	} {
		if _, err := loadMigrations(fsys, "m"); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func schemaSQL(t *testing.T, db *sql.DB) string {
	t.Helper()
	rows, err := db.Query(`SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var s string
		rows.Scan(&s)
		b.WriteString(s + "\n")
	}
	return b.String()
}
