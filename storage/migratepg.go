package storage

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
)

//go:embed migrations/postgres/*.sql
var pgMigrationFiles embed.FS

// pgMigrations are PostgreSQL's own forward-only steps
// (migrations/postgres/NNNN_name.sql), numbered 1, 2, 3… apart from
// SQLite's: each brings PostgreSQL's schema to what SQLite's has after the
// SQLite migrations its first line names.
var pgMigrations = mustLoadMigrations(pgMigrationFiles, "migrations/postgres")

// pgMigrationLock is the key of the advisory lock every migrating Vigía
// takes, in each step's transaction: the first applies the step, the others
// wait, then find it applied.
const pgMigrationLock = 0x76696769610001 // "vigia", 1

// migratePostgres applies the steps db has not seen, each in its own
// transaction under the advisory lock, with its version in user_version
// (the table plays PRAGMA user_version's part; the steps never touch it). A
// database whose version is past the last step is refused with
// ErrSchemaTooNew, as on SQLite.
func migratePostgres(ctx context.Context, db *sql.DB, steps []migration) error {
	for {
		done, err := applyPgMigration(ctx, db, steps)
		if err != nil || done {
			return err
		}
	}
}

// applyPgMigration applies the step after db's version, if any, and reports
// whether db was already up to date.
func applyPgMigration(ctx context.Context, db *sql.DB, steps []migration) (done bool, err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("migrate: begin: %w", err)
	}
	defer func() {
		if rerr := tx.Rollback(); err == nil && rerr != nil && !errors.Is(rerr, sql.ErrTxDone) {
			err = rerr
		}
	}()
	current, err := pgUserVersion(ctx, tx)
	if err != nil {
		return false, err
	}
	latest := steps[len(steps)-1].version
	if current > latest {
		return false, fmt.Errorf("%w (versión de esquema %d; esta versión de Vigía conoce hasta la %d)", ErrSchemaTooNew, current, latest)
	}
	if current == latest {
		return true, tx.Commit()
	}
	m := steps[current]
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return false, fmt.Errorf("migration %s: %w", m.name, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO user_version (id, n) VALUES (1, $1)
		ON CONFLICT (id) DO UPDATE SET n = excluded.n`, m.version); err != nil {
		return false, fmt.Errorf("migration %s: set version: %w", m.name, err)
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("migration %s: commit: %w", m.name, err)
	}
	return false, nil
}

// pgUserVersion takes the migration lock for tx's lifetime and reads the
// schema's version (0: a fresh database), creating its table when missing.
func pgUserVersion(ctx context.Context, tx *sql.Tx) (int, error) {
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(pgMigrationLock)); err != nil {
		return 0, fmt.Errorf("migrate: take the lock: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS user_version (
		id BIGINT PRIMARY KEY CHECK (id = 1), n BIGINT NOT NULL)`); err != nil {
		return 0, fmt.Errorf("migrate: version table: %w", err)
	}
	var v int
	if err := tx.QueryRowContext(ctx, `SELECT coalesce((SELECT n FROM user_version WHERE id = 1), 0)`).Scan(&v); err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	return v, nil
}
