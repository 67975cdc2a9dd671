package storage

import (
	"context"
	"fmt"
	"strings"
)

// copyTable copies every row of t from src into tx, columns by name, in
// multi-row statements (chunkSizes), and returns how many. It checks the
// copy against the source's own count.
func copyTable(ctx context.Context, src reader, tx querier, t transferTable) (int64, error) {
	want, err := countRows(ctx, src, t.name)
	if err != nil {
		return 0, fmt.Errorf("count the source's rows: %w", err)
	}
	rows, err := src.QueryContext(ctx, "SELECT * FROM "+t.name+" ORDER BY "+t.key)
	if err != nil {
		return 0, fmt.Errorf("read the source: %w", err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return 0, err
	}
	ins := inserter{ctx: ctx, tx: tx, prefix: "INSERT INTO " + t.name + " (" + strings.Join(cols, ", ") + ") VALUES ", width: len(cols)}
	var n int64
	for rows.Next() {
		row := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range row {
			ptrs[i] = &row[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return n, fmt.Errorf("read row %d of the source: %w", n+1, err)
		}
		if err := ins.add(row); err != nil {
			return n, err
		}
		n++
	}
	if err := rows.Err(); err != nil {
		return n, fmt.Errorf("read the source: %w", err)
	}
	if err := ins.flush(); err != nil {
		return n, err
	}
	if n != want {
		return n, fmt.Errorf("read %d rows of the source's %d", n, want)
	}
	return n, nil
}

// inserter writes rows into one table in statements of chunkSizes rows,
// the largest first, so the writer prepares a few statements only.
type inserter struct {
	ctx    context.Context
	tx     querier
	prefix string // INSERT INTO t (columns) VALUES
	width  int
	args   []any // the rows not written yet, flattened
}

// add queues row, writing the queue once it holds the largest chunk.
func (w *inserter) add(row []any) error {
	w.args = append(w.args, row...)
	if len(w.args) < chunkSizes[0]*w.width {
		return nil
	}
	return w.flush()
}

// flush writes every queued row.
func (w *inserter) flush() error {
	pending := len(w.args) / w.width
	err := inChunks(pending, func(start, size int) error {
		args := w.args[start*w.width : (start+size)*w.width]
		if _, err := w.tx.ExecContext(w.ctx, w.prefix+rowsOf(size, w.width), args...); err != nil {
			return fmt.Errorf("write rows: %w", err)
		}
		return nil
	})
	w.args = w.args[:0]
	return err
}

// continueIDs makes the target's next id of table come after both the
// copied rows and every id the source ever handed out (an id is never
// reused: a deleted trigger's history must not attach to a new one).
func continueIDs(ctx context.Context, src reader, srcDialect string, tx querier, dialect, table string) error {
	var top int64
	if err := tx.QueryRowContext(ctx, "SELECT COALESCE(max(id), 0) FROM "+table).Scan(&top); err != nil {
		return err
	}
	last, err := lastID(ctx, src, srcDialect, table)
	if err != nil {
		return fmt.Errorf("the source's last id: %w", err)
	}
	top = max(top, last)
	switch {
	case top == 0:
		return nil // nothing handed out: the first id stays 1
	case dialect == DialectPostgres:
		_, err = tx.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence(?, 'id'), ?)`, table, top)
	case table == "executions":
		return nil // no AUTOINCREMENT in SQLite: the next id is the largest plus one
	default:
		// Explicit ids moved sqlite_sequence to the largest; an id handed
		// out and deleted in the source may be beyond it.
		if _, err = tx.ExecContext(ctx, `UPDATE sqlite_sequence SET seq = ? WHERE name = ? AND seq < ?`, top, table, top); err == nil {
			_, err = tx.ExecContext(ctx, `INSERT INTO sqlite_sequence (name, seq)
				SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = ?)`, table, top, table)
		}
	}
	return err
}

// lastID is the largest id the source of dialect handed out for table (0
// when none, or when SQLite does not remember: a table without
// AUTOINCREMENT).
func lastID(ctx context.Context, src reader, dialect, table string) (int64, error) {
	query := `SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = ?), 0)`
	if dialect == DialectPostgres {
		query = `SELECT COALESCE(pg_sequence_last_value(pg_get_serial_sequence(?, 'id')::regclass), 0)`
	}
	var n int64
	err := src.QueryRowContext(ctx, query, table).Scan(&n)
	return n, err
}
