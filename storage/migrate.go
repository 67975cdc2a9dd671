package storage

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

// ErrSchemaTooNew refuses a database whose schema is newer than this build knows:
// running old code on it could lose data.
var ErrSchemaTooNew = errors.New("la base de datos fue creada por una versión más nueva de Vigía; actualice Vigía")

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migration is one forward-only step: migrations/NNNN_name.sql brings the
// schema to version NNNN, recorded in PRAGMA user_version.
type migration struct {
	version int
	name    string
	sql     string
}

var migrations = mustLoadMigrations(migrationFiles, "migrations")

// SchemaVersion is the schema version this build writes.
func SchemaVersion() int { return migrations[len(migrations)-1].version }

func mustLoadMigrations(fsys fs.FS, dir string) []migration {
	steps, err := loadMigrations(fsys, dir)
	if err != nil {
		panic(err) // the embedded files are part of the build: a bad name is a programming error
	}
	return steps
}

// loadMigrations reads dir's NNNN_name.sql files; versions must run 1, 2, 3...
func loadMigrations(fsys fs.FS, dir string) ([]migration, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("read migrations: %w", err)
	}
	var steps []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		version, err := strconv.Atoi(num)
		if !ok || err != nil || path.Ext(e.Name()) != ".sql" {
			return nil, fmt.Errorf("migration %q: want NNNN_name.sql", e.Name())
		}
		body, err := fs.ReadFile(fsys, path.Join(dir, e.Name()))
		if err != nil {
			return nil, fmt.Errorf("read migration %s: %w", e.Name(), err)
		}
		steps = append(steps, migration{version: version, name: e.Name(), sql: string(body)})
	}
	sort.Slice(steps, func(i, j int) bool { return steps[i].version < steps[j].version })
	for i, m := range steps {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %s: version %d, want %d", m.name, m.version, i+1)
		}
	}
	if len(steps) == 0 {
		return nil, errors.New("no migrations")
	}
	return steps, nil
}

// migrate applies the steps db has not seen, each in its own immediate
// transaction together with its user_version, so a crash leaves the schema at
// a step boundary and a concurrent migrator waits and then skips.
func migrate(ctx context.Context, db *sql.DB, steps []migration) error {
	latest := steps[len(steps)-1].version
	current, err := userVersion(ctx, db)
	if err != nil {
		return err
	}
	if current > latest {
		return fmt.Errorf("%w (versión de esquema %d; esta versión de Vigía conoce hasta la %d)", ErrSchemaTooNew, current, latest)
	}
	for _, m := range steps[current:] {
		if err := applyMigration(ctx, db, m); err != nil {
			return err
		}
	}
	return nil
}

func applyMigration(ctx context.Context, db *sql.DB, m migration) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migration %s: begin: %w", m.name, err)
	}
	defer tx.Rollback()
	var current int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&current); err != nil {
		return fmt.Errorf("migration %s: read version: %w", m.name, err)
	}
	if current >= m.version {
		return nil // another process applied it while we waited for the lock
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version)); err != nil {
		return fmt.Errorf("migration %s: set version: %w", m.name, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migration %s: commit: %w", m.name, err)
	}
	return nil
}

func userVersion(ctx context.Context, db *sql.DB) (int, error) {
	var v int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	return v, nil
}
