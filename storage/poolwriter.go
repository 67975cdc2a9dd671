package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

// poolWriter runs the writes of a Store on PostgreSQL: each in a transaction
// of its own on the pool (READ COMMITTED), side by side, as the server's
// concurrency allows; SQLite's group commit has no use there. A write that
// loses a serialization conflict or a deadlock (40001, 40P01) is run again
// whole, a few times: every writeFunc sets what it returns from scratch.
type poolWriter struct {
	db *sql.DB
	pg *pgDialect
	// commitTimeout bounds each COMMIT (poolCommitTimeout; tests shorten it).
	commitTimeout time.Duration

	mu      sync.Mutex
	closed  bool
	running sync.WaitGroup
}

const (
	// poolWriteAttempts bounds the runs of one write that keeps losing a
	// conflict.
	poolWriteAttempts = 5
	// poolCommitTimeout bounds a COMMIT, which runs to its end whatever the
	// caller's context does (see once). It bounds the COMMIT only: a write
	// as long as the first calendar of 2,000 companies runs as long as its
	// caller lets it, as on SQLite.
	poolCommitTimeout = 30 * time.Second
)

// startPoolWriter is the writer of a Store on PostgreSQL.
func startPoolWriter(db *sql.DB, pg *pgDialect) *writer {
	w := &writer{pool: &poolWriter{db: db, pg: pg, commitTimeout: poolCommitTimeout}, stopped: make(chan struct{})}
	close(w.stopped)
	return w
}

// do runs fn in a transaction and commits it. Its error is classified (see
// classifyPG): a server that cannot be reached is app.ErrStorageUnavailable.
func (w *poolWriter) do(ctx context.Context, fn writeFunc) error {
	return w.run(ctx, fn, w.once)
}

// run runs fn by way of one (once: in a transaction; statement: as one
// statement), again after a conflict, and classifies its error.
func (w *poolWriter) run(ctx context.Context, fn writeFunc, one func(context.Context, writeFunc) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	w.mu.Lock()
	if w.closed {
		w.mu.Unlock()
		return ErrClosed
	}
	w.running.Add(1)
	w.mu.Unlock()
	defer w.running.Done()
	var err error
	for attempt := 1; ; attempt++ {
		err = one(ctx, fn)
		if attempt == poolWriteAttempts || !isConflict(err) {
			break
		}
		select { // a short, random pause, so the rivals do not meet again
		case <-ctx.Done():
			return w.pg.classify(err)
		case <-time.After(time.Duration(attempt*(5+rand.IntN(20))) * time.Millisecond):
		}
	}
	return w.pg.classify(err)
}

// once runs fn in one transaction. Until COMMIT, the caller's context
// cancels the transaction; COMMIT itself is not cut short by it (bounded by
// w.commitTimeout from its start), so that, as with SQLite's writer, a
// caller whose write reached its commit learns whether it committed.
func (w *poolWriter) once(ctx context.Context, fn writeFunc) error {
	// The transaction's context: database/sql rolls the transaction back
	// when it ends, so it must outlive fn, however long fn takes.
	txCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	defer cancel()
	var (
		mu         sync.Mutex
		committing bool
	)
	stop := context.AfterFunc(ctx, func() {
		mu.Lock()
		defer mu.Unlock()
		if !committing {
			cancel()
		}
	})
	defer stop()
	tx, err := w.db.BeginTx(txCtx, nil)
	if err != nil {
		return fmt.Errorf("begin write: %w", err)
	}
	if err := runOp(txCtx, pgTx{tx: tx, pg: w.pg}, fn); err != nil {
		_ = tx.Rollback()
		return err
	}
	mu.Lock()
	if err := ctx.Err(); err != nil {
		mu.Unlock()
		_ = tx.Rollback()
		return err
	}
	committing = true
	mu.Unlock()
	timer := time.AfterFunc(w.commitTimeout, cancel)
	defer timer.Stop()
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// isConflict reports a transaction PostgreSQL rolled back to resolve a
// conflict with another: serialization_failure or deadlock_detected.
func isConflict(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == "40001" || pe.Code == "40P01")
}

// stop refuses new writes and waits for the running ones. It reports
// whether this call did the stopping.
func (w *poolWriter) stop() bool {
	w.mu.Lock()
	first := !w.closed
	w.closed = true
	w.mu.Unlock()
	w.running.Wait()
	return first
}
