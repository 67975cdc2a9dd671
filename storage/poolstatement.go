package storage

import (
	"context"
	"database/sql"
	"errors"
	"sync/atomic"
)

// doStatement runs fn, which sends exactly one statement, as that
// statement's own transaction on PostgreSQL (autocommit): one round trip to
// the server instead of three (BEGIN, the statement, COMMIT). A run's claim
// and its finish are such writes, and a burst of 1,000 runs makes 2,000 of
// them. On SQLite it is do: the writer's group commit is cheaper still.
func (w *writer) doStatement(ctx context.Context, fn writeFunc) error {
	if w.pool == nil {
		return w.do(ctx, fn)
	}
	return w.pool.run(ctx, fn, w.pool.statement)
}

// statement runs fn's one statement outside a transaction. Once sent, the
// statement runs to its end whatever the caller's context does (bounded by
// commitTimeout, like a COMMIT), so that a caller whose write reached the
// server learns whether it committed, as with once.
func (w *poolWriter) statement(ctx context.Context, fn writeFunc) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), w.commitTimeout)
	defer cancel()
	return runOp(sctx, pgTx{tx: &oneStatement{q: w.db}, pg: w.pg}, fn)
}

// errSecondStatement is a writeFunc given to doStatement that sends a
// second statement: outside a transaction, the two would not be atomic.
var errSecondStatement = errors.New("write: a second statement outside a transaction")

// oneStatement lets one statement through to q and refuses the next.
type oneStatement struct {
	q    querier
	sent atomic.Bool
}

func (o *oneStatement) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if o.sent.Swap(true) {
		return nil, errSecondStatement
	}
	return o.q.ExecContext(ctx, query, args...)
}

func (o *oneStatement) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if o.sent.Swap(true) {
		return nil, errSecondStatement
	}
	return o.q.QueryContext(ctx, query, args...)
}

func (o *oneStatement) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if o.sent.Swap(true) {
		// A Row carries its error only from a query: this one never reaches
		// the server (a cancelled context is refused before it is sent).
		done, cancel := context.WithCancel(ctx)
		cancel()
		return o.q.QueryRowContext(done, query, args...)
	}
	return o.q.QueryRowContext(ctx, query, args...)
}
