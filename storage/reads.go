package storage

import (
	"context"
	"database/sql"
	"errors"
)

// sqlQuerier is what database/sql's pool (*sql.DB) and its transactions
// (*sql.Tx) share.
type sqlQuerier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// reader is what the repositories' reads need of the read pool or of a read
// transaction (see Store.reads and Store.readTx).
type reader interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) rowScanner
}

// dbReader reads through q: as is without pg (SQLite); on PostgreSQL each
// statement rebound and its errors classified, so a server that cannot be
// reached is app.ErrStorageUnavailable whatever read met it.
type dbReader struct {
	q  sqlQuerier
	pg *pgDialect
}

func (r dbReader) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if r.pg == nil {
		return r.q.QueryContext(ctx, query, args...)
	}
	rows, err := r.q.QueryContext(ctx, r.pg.rebind(query), pgArgs(args)...)
	return rows, r.pg.classify(err)
}

func (r dbReader) QueryRowContext(ctx context.Context, query string, args ...any) rowScanner {
	if r.pg == nil {
		return r.q.QueryRowContext(ctx, query, args...)
	}
	return pgRow{r.q.QueryRowContext(ctx, r.pg.rebind(query), pgArgs(args)...), r.pg}
}

// pgRow is a row of PostgreSQL whose error is classified.
type pgRow struct {
	row *sql.Row
	pg  *pgDialect
}

func (r pgRow) Scan(dest ...any) error { return r.pg.classify(r.row.Scan(dest...)) }

// plainReader is dbReader on SQLite: q as is. Holding one pointer, it
// goes into a reader without an allocation.
type plainReader[Q interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}] struct{ q Q }

func (r plainReader[Q]) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return r.q.QueryContext(ctx, query, args...)
}

func (r plainReader[Q]) QueryRowContext(ctx context.Context, query string, args ...any) rowScanner {
	return r.q.QueryRowContext(ctx, query, args...)
}

// reads is the read pool.
func (s *Store) reads() reader {
	if s.pg == nil {
		return plainReader[*sql.DB]{s.read}
	}
	return dbReader{q: s.read, pg: s.pg}
}

// readTx runs f in one read-only transaction: what f reads describes one
// moment (on PostgreSQL, a repeatable-read snapshot; SQLite's read
// transactions always are).
func (s *Store) readTx(ctx context.Context, f func(tx reader) error) (err error) {
	opts := &sql.TxOptions{ReadOnly: true}
	if s.pg != nil {
		opts.Isolation = sql.LevelRepeatableRead
	}
	tx, err := s.read.BeginTx(ctx, opts)
	if err != nil {
		if s.pg != nil {
			err = s.pg.classify(err)
		}
		return err
	}
	defer func() { err = errors.Join(err, tx.Rollback()) }()
	if s.pg == nil {
		return f(plainReader[*sql.Tx]{tx})
	}
	return f(dbReader{q: tx, pg: s.pg})
}
