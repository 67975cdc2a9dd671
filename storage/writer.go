package storage

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"sync/atomic"
)

// querier is what repository code needs of a connection, a transaction or the
// read pool.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// writeFunc is one write. It runs inside the batch's transaction, within its
// own savepoint: an error undoes this write only.
type writeFunc func(ctx context.Context, tx querier) error

// An op is queued until the writer takes it or its caller gives up; whichever
// happens first wins, so a caller that gave up knows its write never ran, and
// a caller whose write was taken always learns whether it committed.
const (
	opQueued int32 = iota
	opTaken
	opAbandoned
)

type writeOp struct {
	fn    writeFunc
	state atomic.Int32
	done  chan error // buffered: the writer never waits for a caller
}

// writer owns the single write connection. It group-commits: every write
// queued while the previous transaction was running goes into the next one
// (up to maxBatch), so a burst of claims costs one fsync, not one each.
type writer struct {
	pool     *poolWriter // on PostgreSQL, the writes instead: each its own transaction (no goroutine, no queue)
	db       *sql.DB
	path     string // the database file, named by the errors that tell the user what to do
	maxBatch int

	mu     sync.Mutex
	wake   *sync.Cond
	queue  []*writeOp
	closed bool

	stopped chan struct{}
	commits atomic.Int64 // batches run, one transaction each; read by tests and benchmarks

	// heldCheckpoint is SQLite's wal_autocheckpoint while a write of the
	// running batch holds it (holdCheckpoint), 0 when none does. Only the
	// writer goroutine, which runs the writes, touches it.
	heldCheckpoint int
}

func startWriter(db *sql.DB, path string, maxBatch int) *writer {
	w := &writer{db: db, path: path, maxBatch: maxBatch, stopped: make(chan struct{})}
	w.wake = sync.NewCond(&w.mu)
	go w.loop()
	return w
}

// do queues fn and waits until it is durably committed (nil) or failed. If ctx
// ends while fn is still queued, fn never runs and ctx's error is returned; once
// the writer has taken fn, do waits for the outcome of its batch. A full disk,
// a read-only database or an I/O failure is returned as app's sentinel (see
// classify); the next write tries again, so writes work once the cause is gone.
func (w *writer) do(ctx context.Context, fn writeFunc) error {
	if w.pool != nil {
		return w.pool.do(ctx, fn)
	}
	return classify(w.path, w.wait(ctx, fn))
}

// wait is do before its error is classified.
func (w *writer) wait(ctx context.Context, fn writeFunc) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	op := &writeOp{fn: fn, done: make(chan error, 1)}
	w.mu.Lock()
	if w.closed {
		w.mu.Unlock()
		return ErrClosed
	}
	w.queue = append(w.queue, op)
	w.wake.Signal()
	w.mu.Unlock()

	select {
	case err := <-op.done:
		return err
	case <-ctx.Done():
		if op.state.CompareAndSwap(opQueued, opAbandoned) {
			return ctx.Err()
		}
		return <-op.done
	}
}

// stop refuses new writes, waits until the queued ones are committed and the
// writer goroutine has ended. It reports whether this call did the stopping.
func (w *writer) stop() bool {
	if w.pool != nil {
		return w.pool.stop()
	}
	w.mu.Lock()
	first := !w.closed
	w.closed = true
	w.wake.Broadcast()
	w.mu.Unlock()
	<-w.stopped
	return first
}

func (w *writer) loop() {
	defer close(w.stopped)
	ctx := context.Background()
	conn, err := w.db.Conn(ctx)
	if err != nil {
		w.failAll(fmt.Errorf("writer connection: %w", err))
		return
	}
	stmts := &stmtCache{conn: conn, stmts: map[string]*sql.Stmt{}}
	defer conn.Close()
	defer stmts.close()
	for {
		batch := w.next()
		if batch == nil {
			return
		}
		w.run(ctx, stmts, batch)
	}
}

// next blocks until writes are queued and takes up to maxBatch of them; nil
// means the writer is closed and the queue is empty.
func (w *writer) next() []*writeOp {
	w.mu.Lock()
	defer w.mu.Unlock()
	for len(w.queue) == 0 {
		if w.closed {
			return nil
		}
		w.wake.Wait()
	}
	n := min(len(w.queue), w.maxBatch)
	batch := make([]*writeOp, n)
	copy(batch, w.queue)
	rest := copy(w.queue, w.queue[n:])
	clear(w.queue[rest:])
	w.queue = w.queue[:rest]
	return batch
}

// failAll answers every queued and future write with err (the writer cannot run).
func (w *writer) failAll(err error) {
	for {
		w.mu.Lock()
		for len(w.queue) == 0 && !w.closed {
			w.wake.Wait()
		}
		batch := w.queue
		w.queue = nil
		closed := w.closed
		w.mu.Unlock()
		for _, op := range batch {
			if op.state.CompareAndSwap(opQueued, opTaken) {
				op.done <- err
			}
		}
		if closed {
			return
		}
	}
}

func (w *writer) run(ctx context.Context, conn querier, batch []*writeOp) {
	ops := batch[:0]
	for _, op := range batch {
		if op.state.CompareAndSwap(opQueued, opTaken) {
			ops = append(ops, op)
		}
	}
	if len(ops) == 0 {
		return
	}
	errs := commitBatch(ctx, conn, ops)
	w.commits.Add(1)
	for i, op := range ops {
		op.done <- errs[i]
	}
	w.releaseCheckpoint(ctx, conn)
}

// holdCheckpoint keeps the commit of the running batch from copying the WAL
// into the database file: SQLite's automatic checkpoint, which a commit runs
// once the WAL passes wal_autocheckpoint pages (after a first regeneration
// of the tax calendar, ~40 MB: 40-50 ms). run does that checkpoint once every
// write of the batch has its answer. The commit is as durable as ever
// (synchronous=FULL syncs the WAL before COMMIT returns); only the copy comes
// later. For writes that know they are big.
func (w *writer) holdCheckpoint(ctx context.Context, tx querier) error {
	if w.heldCheckpoint != 0 {
		return nil
	}
	var pages int
	if err := tx.QueryRowContext(ctx, `PRAGMA wal_autocheckpoint`).Scan(&pages); err != nil {
		return fmt.Errorf("automatic checkpoint: %w", err)
	}
	if pages <= 0 {
		return nil // off already
	}
	if _, err := tx.ExecContext(ctx, `PRAGMA wal_autocheckpoint = 0`); err != nil {
		return fmt.Errorf("hold the automatic checkpoint: %w", err)
	}
	w.heldCheckpoint = pages
	return nil
}

// releaseCheckpoint runs the checkpoint a write held back, passive like the
// automatic one (it copies what no reader still needs and waits for none; a
// failed one leaves the WAL to the next), and sets wal_autocheckpoint back,
// whether the batch committed or not.
func (w *writer) releaseCheckpoint(ctx context.Context, conn querier) {
	if w.heldCheckpoint == 0 {
		return
	}
	var busy, log, copied int
	_ = conn.QueryRowContext(ctx, `PRAGMA wal_checkpoint(PASSIVE)`).Scan(&busy, &log, &copied)
	if _, err := conn.ExecContext(ctx, fmt.Sprintf(`PRAGMA wal_autocheckpoint = %d`, w.heldCheckpoint)); err == nil {
		w.heldCheckpoint = 0 // else the next batch tries again
	}
}

// commitBatch runs ops in one immediate transaction, each in a savepoint, and
// commits once. It returns each op's outcome: nil only if the op ran without
// error and the transaction committed.
func commitBatch(ctx context.Context, conn querier, ops []*writeOp) []error {
	errs := make([]error, len(ops))
	failAll := func(err error) []error {
		for i := range errs {
			if errs[i] == nil {
				errs[i] = err
			}
		}
		return errs
	}
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		return failAll(fmt.Errorf("begin write: %w", err))
	}
	// abort ends the transaction when a savepoint cannot be managed: SQLite
	// may already have rolled it back (disk full, I/O error), so no op commits.
	abort := func(err error) []error {
		_, _ = conn.ExecContext(ctx, "ROLLBACK")
		for i := range errs {
			errs[i] = err
		}
		return errs
	}
	for i, op := range ops {
		if _, err := conn.ExecContext(ctx, "SAVEPOINT write_op"); err != nil {
			return abort(fmt.Errorf("write batch: savepoint: %w", err))
		}
		if err := runOp(ctx, conn, op.fn); err != nil {
			if _, rerr := conn.ExecContext(ctx, "ROLLBACK TO write_op"); rerr != nil {
				// err first: it is the cause (a full disk), rerr its consequence.
				return abort(fmt.Errorf("write batch: %w (roll back: %w)", err, rerr))
			}
			errs[i] = err
		}
		if _, err := conn.ExecContext(ctx, "RELEASE write_op"); err != nil {
			return abort(fmt.Errorf("write batch: release savepoint: %w", err))
		}
	}
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		// A failed COMMIT can leave the transaction open (SQLITE_BUSY); end it
		// so the connection is usable for the next batch.
		_, _ = conn.ExecContext(ctx, "ROLLBACK")
		return failAll(fmt.Errorf("commit: %w", err))
	}
	return errs
}

// runOp turns a panic in one write into that write's error, so it cannot take
// down the batch it shares with other callers.
func runOp(ctx context.Context, q querier, fn writeFunc) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("write panicked: %v", r)
		}
	}()
	return fn(ctx, q)
}

// stmtCache is the writer's connection with each distinct statement prepared
// once: the writes are a handful of fixed statements, and preparing one (the
// history's count triggers included) costs more than running it.
type stmtCache struct {
	conn  *sql.Conn
	stmts map[string]*sql.Stmt
}

func (c *stmtCache) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := c.stmts[query]; ok {
		return st, nil
	}
	st, err := c.conn.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	c.stmts[query] = st
	return st, nil
}

func (c *stmtCache) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, err := c.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

func (c *stmtCache) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := c.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

func (c *stmtCache) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := c.stmt(ctx, query)
	if err != nil {
		return c.conn.QueryRowContext(ctx, query, args...) // reports the same error through the Row
	}
	return st.QueryRowContext(ctx, args...)
}

func (c *stmtCache) close() {
	for _, st := range c.stmts {
		st.Close()
	}
}
