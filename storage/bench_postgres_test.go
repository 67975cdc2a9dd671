package storage

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"vigia/storage/storagetest"
)

// PostgreSQL's figures beside SQLite's (docs/PERFORMANCE.md): the
// benchmarks that matter to an office run as sub-benchmarks sqlite and
// postgres; postgres is skipped without VIGIA_TEST_DATABASE_URL.

type backend = storagetest.Backend[*Store, Option]

var benchBackends = []backend{storagetest.SQLite(Open), storagetest.PostgreSQL(OpenPostgres)}

// onEachBackend runs bench once per backend, each on a fresh database.
func onEachBackend(b *testing.B, bench func(b *testing.B, be backend)) {
	for _, be := range benchBackends {
		b.Run(be.Name, func(b *testing.B) { bench(b, be) })
	}
}

// onEachHistory runs bench once per backend on the million-row history
// (benchHistoryStore, benchPGHistoryStore).
func onEachHistory(b *testing.B, bench func(b *testing.B, s *Store)) {
	b.Run(DialectSQLite, func(b *testing.B) { bench(b, benchHistoryStore(b)) })
	b.Run(DialectPostgres, func(b *testing.B) { bench(b, benchPGHistoryStore(b)) })
}

// benchPGHistoryStore opens a PostgreSQL database holding the rows of
// benchHistoryStore's file (fillHistory), cached on VIGIA_TEST_DATABASE_URL's
// server as database vigia_bench_historial_v<schema>_<rows>: built under
// another name, vacuumed and analysed (as autovacuum leaves a table that
// has settled), then renamed, so an interrupted build leaves no cache.
// DROP DATABASE vigia_bench_historial_… frees its ≈ 450 MB.
func benchPGHistoryStore(b *testing.B) *Store {
	b.Helper()
	server := os.Getenv(storagetest.EnvURL)
	if server == "" {
		b.Skip("PostgreSQL no disponible: defina " + storagetest.EnvURL)
	}
	name := fmt.Sprintf("vigia_bench_historial_v%d_%d", pgMigrations[len(pgMigrations)-1].version, benchHistoryRows)
	var exists bool
	if err := onPGServer(b.Context(), server, func(c *pgx.Conn) error {
		return c.QueryRow(b.Context(), "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists)
	}); err != nil {
		b.Fatalf("look for %s on %s: %v", name, RedactURL(server), err)
	}
	if !exists {
		start := time.Now()
		if err := buildPGHistory(b.Context(), server, name); err != nil {
			b.Fatalf("build history database %s: %v", name, err)
		}
		b.Logf("built %s with %d rows in %v", name, benchHistoryRows, time.Since(start).Round(time.Millisecond))
	}
	s, err := OpenPostgres(b.Context(), pgDatabaseURL(server, name))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// buildPGHistory builds database name on server, as benchPGHistoryStore says.
func buildPGHistory(ctx context.Context, server, name string) error {
	tmp := name + "_building"
	if err := onPGServer(ctx, server, func(c *pgx.Conn) error {
		if _, err := c.Exec(ctx, "DROP DATABASE IF EXISTS "+tmp+" WITH (FORCE)"); err != nil {
			return err
		}
		_, err := c.Exec(ctx, "CREATE DATABASE "+tmp+" TEMPLATE template0 ENCODING 'UTF8'")
		return err
	}); err != nil {
		return err
	}
	s, err := OpenPostgres(ctx, pgDatabaseURL(server, tmp))
	if err != nil {
		return err
	}
	// One transaction of its own, not the writer's: the writer bounds a
	// write by poolCommitTimeout, and a million rows take longer.
	if err := fillPGHistory(ctx, s); err != nil {
		s.Close()
		return err
	}
	if err := s.Close(); err != nil {
		return err
	}
	if err := onPGServer(ctx, pgDatabaseURL(server, tmp), func(c *pgx.Conn) error {
		_, err := c.Exec(ctx, "VACUUM ANALYZE")
		return err
	}); err != nil {
		return err
	}
	return onPGServer(ctx, server, func(c *pgx.Conn) error {
		_, err := c.Exec(ctx, "ALTER DATABASE "+tmp+" RENAME TO "+name)
		return err
	})
}

// fillPGHistory runs fillHistory in one transaction on s's pool.
func fillPGHistory(ctx context.Context, s *Store) error {
	tx, err := s.read.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fillHistory(ctx, pgTx{tx: tx, pg: s.pg}); err != nil {
		return errors.Join(err, tx.Rollback())
	}
	return tx.Commit()
}

// onPGServer runs f on a connection of its own to the database at rawURL.
func onPGServer(ctx context.Context, rawURL string, f func(*pgx.Conn) error) error {
	c, err := pgx.Connect(ctx, rawURL)
	if err != nil {
		return err
	}
	defer c.Close(context.Background())
	return f(c)
}

// pgDatabaseURL is server's URL naming database name instead.
func pgDatabaseURL(server, name string) string {
	u, err := url.Parse(server)
	if err != nil {
		panic(err) // storagetest checked it already
	}
	u.Path = "/" + name
	return u.String()
}

// planOf is how the store's database runs query: SQLite's EXPLAIN QUERY
// PLAN (queryPlan), or PostgreSQL's EXPLAIN, one node a line.
func planOf(b *testing.B, s *Store, query string, args ...any) string {
	b.Helper()
	if s.Dialect() == DialectSQLite {
		return queryPlan(b, s, query, args...)
	}
	rows, err := s.reads().QueryContext(b.Context(), "EXPLAIN "+query, args...)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			b.Fatal(err)
		}
		lines = append(lines, strings.TrimSpace(line))
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		b.Fatal(err)
	}
	return strings.Join(lines, " | ")
}
