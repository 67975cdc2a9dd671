package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// pgDialect is what a Store on PostgreSQL adds: the statements' rewrites
// and the server's name for the errors that tell the user what to do.
type pgDialect struct {
	rb     rebinder
	server string          // host:port/database
	cfg    *pgx.ConnConfig // the parsed URL, for the change listener's own connections (pgnotify.go)
}

func (d *pgDialect) rebind(q string) string   { return d.rb.rebind(q) }
func (d *pgDialect) classify(err error) error { return classifyPG(d.server, err) }

// pgConnectTimeout bounds a new connection when the URL sets no
// connect_timeout: a server that is off answers "unavailable" in seconds,
// not after the system's TCP timeout.
const pgConnectTimeout = 5 * time.Second

// OpenPostgres opens the PostgreSQL database at url (postgres:// or
// postgresql://, as libpq takes it) and brings its schema up to date under
// an advisory lock, so that several Vigías starting together do not race.
// A database written by a newer Vigía is refused with ErrSchemaTooNew. The
// store reads and writes on one pool (database/sql over pgx): each write in
// a transaction of its own (see poolWriter). Errors name the database by
// RedactURL(url), never with its password.
func OpenPostgres(ctx context.Context, url string, opts ...Option) (*Store, error) {
	o := options{readConns: 4, maxBatch: 1000, busyTimeout: 5 * time.Second}
	for _, opt := range opts {
		opt(&o)
	}
	name := RedactURL(url)
	if !IsPostgresURL(url) {
		return nil, fmt.Errorf("open database %s: not a postgres:// URL", name)
	}
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		// pgx's text may quote the URL; only the redacted one is said.
		return nil, fmt.Errorf("open database %s: the URL is not valid for PostgreSQL", name)
	}
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = pgConnectTimeout
	}
	if cfg.RuntimeParams["application_name"] == "" {
		cfg.RuntimeParams["application_name"] = "vigia"
	}
	pg := &pgDialect{server: serverName(cfg), cfg: cfg}
	db := stdlib.OpenDB(*cfg)
	// The writes' transactions and the reads share the pool. 16 connections
	// let a burst of runs (a claim, reads, a finish each) overlap its round
	// trips: a burst of 1,000 ends ≈ 20 % sooner than with 8, and sooner
	// than with 24, which only make the server's processes queue for the
	// CPU (BenchmarkFireLateness1000). Idle, a Vigía keeps 8, so an office's
	// Vigías stay well within the server's max_connections (100 by default).
	db.SetMaxOpenConns(o.readConns + 12)
	db.SetMaxIdleConns(o.readConns + 4)
	db.SetConnMaxIdleTime(5 * time.Minute)
	db.SetConnMaxLifetime(30 * time.Minute)
	if err := migratePostgres(ctx, db, pgMigrations); err != nil {
		db.Close()
		return nil, fmt.Errorf("open database %s: %w", name, pg.classify(err))
	}
	return &Store{path: name, read: db, pg: pg, writer: startPoolWriter(db, pg)}, nil
}

// serverName is cfg's server as host:port/database.
func serverName(cfg *pgx.ConnConfig) string {
	return cfg.Host + ":" + strconv.Itoa(int(cfg.Port)) + "/" + cfg.Database
}

// pgTx is a write on PostgreSQL, in a transaction (*sql.Tx) or as one
// statement of its own (see poolWriter.doStatement): each statement rebound,
// its bools as integers. Its errors are classified by the writer, once.
type pgTx struct {
	tx querier
	pg *pgDialect
}

func (t pgTx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return t.tx.ExecContext(ctx, t.pg.rebind(query), pgArgs(args)...)
}

func (t pgTx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return t.tx.QueryContext(ctx, t.pg.rebind(query), pgArgs(args)...)
}

func (t pgTx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	return t.tx.QueryRowContext(ctx, t.pg.rebind(query), pgArgs(args)...)
}
