package storage

import (
	"context"
	"database/sql"
	"errors"
	"sync"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver

	"vigia/storage/storagetest"
)

// pgCatalog counts what a schema holds: tables, indexes, triggers and
// functions of the public schema.
func pgCatalog(t *testing.T, db *sql.DB) [4]int {
	t.Helper()
	var c [4]int
	err := db.QueryRowContext(t.Context(), `SELECT
		(SELECT count(*) FROM pg_tables WHERE schemaname = 'public'),
		(SELECT count(*) FROM pg_indexes WHERE schemaname = 'public'),
		(SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
			JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND NOT t.tgisinternal),
		(SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public')`).
		Scan(&c[0], &c[1], &c[2], &c[3])
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestPostgresMigrationsFromSeveralVigiasAtOnceApplyEachStepOnce(t *testing.T) {
	// given a fresh database and a reference migrated alone
	url := storagetest.Postgres(t)
	ref := storagetest.OpenAt(t, storagetest.Postgres(t), OpenPostgres)
	want := pgCatalog(t, ref.read)

	// when four Vigías open it at the same moment
	const n = 4
	stores := make([]*Store, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Go(func() {
			<-start
			stores[i], errs[i] = OpenPostgres(context.Background(), url)
		})
	}
	close(start)
	wg.Wait()
	for i, s := range stores {
		if errs[i] != nil {
			t.Fatalf("store %d: %v", i, errs[i])
		}
		t.Cleanup(func() { s.Close() })
	}

	// then every one opened, the schema is the reference's and its version the last step's
	if got := pgCatalog(t, stores[0].read); got != want {
		t.Errorf("schema after concurrent opens: %v, want %v (tables, indexes, triggers, functions)", got, want)
	}
	var version, rows int
	if err := stores[1].read.QueryRowContext(t.Context(), `SELECT max(n), count(*) FROM user_version`).Scan(&version, &rows); err != nil ||
		version != pgMigrations[len(pgMigrations)-1].version || rows != 1 {
		t.Errorf("user_version: n %d in %d rows (%v), want %d in 1", version, rows, err, len(pgMigrations))
	}
	// and each store works on it
	for i, s := range stores {
		if err := s.SetSetting(t.Context(), "k", "v"); err != nil {
			t.Errorf("store %d cannot write: %v", i, err)
		}
	}
}

func TestAPostgresDatabaseOfANewerVigiaIsRefused(t *testing.T) {
	// given a database migrated, then written by a newer Vigía
	url := storagetest.Postgres(t)
	s, err := OpenPostgres(t.Context(), url)
	if err != nil {
		t.Fatal(err)
	}
	newer := pgMigrations[len(pgMigrations)-1].version + 1
	if _, err := s.read.ExecContext(t.Context(), `UPDATE user_version SET n = $1`, newer); err != nil {
		t.Fatal(err)
	}
	s.Close()

	// when this Vigía opens it
	_, err = OpenPostgres(t.Context(), url)

	// then it refuses, and changed nothing
	if !errors.Is(err, ErrSchemaTooNew) {
		t.Fatalf("err = %v, want ErrSchemaTooNew", err)
	}
	db, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var v int
	if err := db.QueryRowContext(t.Context(), `SELECT n FROM user_version`).Scan(&v); err != nil || v != newer {
		t.Errorf("version after the refusal: %d, %v; want %d", v, err, newer)
	}
}

func TestPostgresMigrationsAreNumberedApartFromSQLites(t *testing.T) {
	for i, m := range pgMigrations {
		if m.version != i+1 {
			t.Errorf("%s: version %d, want %d", m.name, m.version, i+1)
		}
	}
	if len(pgMigrations) == 0 {
		t.Fatal("no PostgreSQL migration embedded")
	}
}
