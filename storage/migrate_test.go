package storage

import (
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"vigia/app"
	"vigia/storage/storagetest"
)

func TestMigrateFromEmptyReachesLatestSchema(t *testing.T) {
	// given an empty file, when
	s := storagetest.Open(t, Open)

	// then
	version, err := userVersion(t.Context(), s.read)
	if err != nil || version != SchemaVersion() || version < 1 {
		t.Fatalf("user_version = %d, %v; want %d", version, err, SchemaVersion())
	}
	for _, table := range []string{"triggers", "executions", "execution_counts", "empresas", "alertas",
		"settings", "schedule_version", "leases"} {
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

func TestVersion1DatabaseIsMigratedKeepingItsData(t *testing.T) {
	// given: a database written by the first schema, with a trigger and a run left en_curso
	path := filepath.Join(t.TempDir(), "vigia.db")
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	raw.SetMaxOpenConns(1)
	if err := migrate(t.Context(), raw, migrations[:1]); err != nil {
		t.Fatal(err)
	}
	_, err = raw.Exec(`INSERT INTO triggers (id, nombre, frecuencia, hora, minuto, destinatarios, prioridades, activo)
		VALUES (3, 'Resumen diario', 'diaria', 8, 30, '["contador@example.com"]', 'CRITICA', 1)`)
	if err == nil {
		_, err = raw.Exec(`INSERT INTO executions (id, trigger_id, trigger_nombre, programada_para, inicio, estado, origen)
			VALUES (11, 3, 'Resumen diario', 1740904200000, 1740904200040, 'en_curso', 'programada')`)
	}
	if err != nil {
		t.Fatal(err)
	}
	raw.Close()
	fresh := storagetest.Open(t, Open)

	// when
	s, err := Open(t.Context(), path)
	if err != nil {
		t.Fatalf("open v1 database: %v", err)
	}
	defer s.Close()

	// then: the schema is the one a new database gets, and the data is kept
	if v, _ := userVersion(t.Context(), s.read); v != SchemaVersion() || v < 2 {
		t.Fatalf("user_version = %d, want %d", v, SchemaVersion())
	}
	if got, want := schemaSQL(t, s.read), schemaSQL(t, fresh.read); got != want {
		t.Fatalf("migrated schema:\n%s\ndiffers from a new database's:\n%s", got, want)
	}
	tr, err := s.Trigger(t.Context(), 3)
	if err != nil || tr.Name != "Resumen diario" || tr.Schedule.Hour != 8 || !tr.CatchUp {
		t.Fatalf("v1 trigger after migration: %+v, %v; want it kept, with recuperar true", tr, err)
	}
	e, err := s.Execution(t.Context(), 11)
	if err != nil || e.State != app.StateRunning || e.Instance != "" || e.TriggerID != 3 || e.MailRoute != app.MailRouteNone {
		t.Fatalf("v1 run after migration: %+v, %v", e, err)
	}
	if n, err := s.InterruptRunning(t.Context(), e.StartedAt.Add(time.Hour), app.Msg(app.CodeRunCrashed, nil), "nuevo"); n != 1 || err != nil {
		t.Fatalf("a v1 run left en_curso is not interrupted by a new instance: %d, %v", n, err)
	}
	if last, err := s.LastSlots(t.Context()); err != nil || !last[3].Equal(e.ScheduledFor) {
		t.Fatalf("last slots = %v, %v", last, err)
	}
	if v, err := s.ScheduleVersion(t.Context()); err != nil || v == 0 {
		t.Fatalf("schedule version = %d, %v", v, err)
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
