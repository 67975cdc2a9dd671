package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"vigia/app"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// Store is the implementation of app.Store on SQLite (Open) or PostgreSQL
// (OpenPostgres). It is safe for concurrent use.
type Store struct {
	path   string     // the database file; on PostgreSQL, the URL without its password
	pg     *pgDialect // nil on SQLite
	write  *sql.DB    // SQLite: one connection, immediate transactions; used only by the writer goroutine and Open
	read   *sql.DB    // SQLite: the read-only pool; PostgreSQL: the pool of reads and writes
	writer *writer
	counts countsCache // OpenAlertCounts' last answer
	// watchers are WatchChanges' listeners (pgnotify_store.go), stopped by Close.
	watchers changeWatchers
}

var _ app.Store = (*Store)(nil)

// ErrClosed is returned by writes submitted after Close.
var ErrClosed = fmt.Errorf("store closed: %w", app.ErrShuttingDown)

// Option tunes Open.
type Option func(*options)

type options struct {
	readConns   int
	maxBatch    int
	busyTimeout time.Duration
	// fileMode, when set (tests), is SQLite's open mode of the file for the
	// writer ("ro": as SQLite opens a file the process may not write).
	fileMode string
}

// WithReadConns bounds the read pool (default 4).
func WithReadConns(n int) Option {
	return func(o *options) {
		if n > 0 {
			o.readConns = n
		}
	}
}

// WithMaxBatch bounds how many queued writes share one transaction (default 1000).
func WithMaxBatch(n int) Option {
	return func(o *options) {
		if n > 0 {
			o.maxBatch = n
		}
	}
}

// WithBusyTimeout sets how long a connection waits for another process's lock
// on the file (default 5s).
func WithBusyTimeout(d time.Duration) Option {
	return func(o *options) {
		if d > 0 {
			o.busyTimeout = d
		}
	}
}

// Open opens (creating it and its directory when missing) the database at path
// and brings its schema up to date. A database written by a newer Vigía is
// refused with ErrSchemaTooNew.
func Open(ctx context.Context, path string, opts ...Option) (*Store, error) {
	o := options{readConns: 4, maxBatch: 1000, busyTimeout: 5 * time.Second}
	for _, opt := range opts {
		opt(&o)
	}
	if path == "" || strings.ContainsAny(path, "?#") || strings.HasPrefix(path, "file:") || path == ":memory:" {
		return nil, fmt.Errorf("open database: invalid path %q", path)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("open database: create directory: %w", classifyOS(path, err))
	}
	if err := createPrivate(path); err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, classifyOS(path, err))
	}

	write, err := sql.Open("sqlite", withMode(dsn(path, o.busyTimeout, false), o.fileMode))
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	write.SetMaxOpenConns(1)
	write.SetMaxIdleConns(1)
	write.SetConnMaxLifetime(0)
	write.SetConnMaxIdleTime(0)

	if err := migrate(ctx, write, migrations); err != nil {
		write.Close()
		return nil, fmt.Errorf("open database %s: %w", path, classify(path, err))
	}
	// SQLite opens a file it may not write read-only, silently: every write
	// would fail later. Vigía cannot work so (its lease, its history), and
	// says so now.
	if err := probeWrite(ctx, write); err != nil {
		write.Close()
		return nil, fmt.Errorf("open database %s: %w", path, classify(path, err))
	}

	read, err := sql.Open("sqlite", dsn(path, o.busyTimeout, true))
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	read.SetMaxOpenConns(o.readConns)
	read.SetMaxIdleConns(o.readConns)
	read.SetConnMaxIdleTime(0)
	if err := read.PingContext(ctx); err != nil {
		write.Close()
		read.Close()
		return nil, fmt.Errorf("open database %s: read pool: %w", path, err)
	}

	return &Store{path: path, write: write, read: read, writer: startWriter(write, path, o.maxBatch)}, nil
}

// Close waits for every queued write to commit, then closes the database.
// Writes submitted after Close fail with ErrClosed. Close is idempotent.
func (s *Store) Close() error {
	if !s.writer.stop() {
		return nil
	}
	s.watchers.stop()
	if s.pg != nil {
		if err := s.read.Close(); err != nil {
			return fmt.Errorf("close database %s: %w", s.path, err)
		}
		return nil
	}
	var errs []error
	// Keeps the planner's statistics fresh, as SQLite recommends at close.
	// It is skipped without a word on a disk that cannot be written.
	if _, err := s.write.Exec("PRAGMA optimize"); err != nil && !app.IsStorageError(classify(s.path, err)) {
		errs = append(errs, fmt.Errorf("optimize: %w", err))
	}
	if err := s.read.Close(); err != nil {
		errs = append(errs, fmt.Errorf("close read pool: %w", err))
	}
	if err := s.write.Close(); err != nil {
		errs = append(errs, fmt.Errorf("close writer: %w", err))
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("close database %s: %w", s.path, err)
	}
	return nil
}

// Path is the database file; on PostgreSQL, its URL without the password.
func (s *Store) Path() string { return s.path }

// dsn is the modernc.org/sqlite data source name: the file name, then
// _pragma parameters run on every new connection (busy_timeout first). The
// writer begins its transactions IMMEDIATE so it takes the write lock up front
// instead of failing on upgrade, and keeps the copies of pages its
// savepoints and statements may have to undo in memory, not in a temporary
// file (a regeneration of the tax calendar writes tens of thousands of
// alerts in one); readers are query_only.
func dsn(path string, busy time.Duration, readOnly bool) string {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busy.Milliseconds()))
	q.Add("_pragma", "foreign_keys(ON)")
	q.Add("_pragma", "synchronous(FULL)")
	if readOnly {
		q.Add("_pragma", "query_only(ON)")
	} else {
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "temp_store(MEMORY)")
		q.Set("_txlock", "immediate")
	}
	return path + "?" + q.Encode()
}

// probeWrite runs a write that changes nothing, and rolls it back: SQLite
// refuses it (SQLITE_READONLY) when it opened the file read-only. (Taking the
// write lock alone is not refused in WAL mode.)
func probeWrite(ctx context.Context, db *sql.DB) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		return fmt.Errorf("write check: %w", err)
	}
	_, err = conn.ExecContext(ctx, "UPDATE leases SET nombre = nombre WHERE 0")
	if _, rerr := conn.ExecContext(ctx, "ROLLBACK"); err == nil && rerr != nil {
		err = rerr
	}
	if err != nil {
		return fmt.Errorf("write check: %w", err)
	}
	return nil
}

// withMode opens dsn's file with SQLite's open mode (a URI parameter), if any.
func withMode(dsn, mode string) string {
	if mode == "" {
		return dsn
	}
	return "file:" + dsn + "&mode=" + mode
}

// createPrivate creates the database file readable by its owner only (the
// -wal and -shm files inherit its mode); an existing file is left alone.
func createPrivate(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		return nil
	}
	if err != nil {
		return err
	}
	return f.Close()
}
