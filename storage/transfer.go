package storage

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// transferTable is a table of the user's data that Transfer copies, keyed
// (and read in order) by key.
type transferTable struct {
	name string
	key  string
}

// transferTables are the user's data, parents before children (alertas
// after empresas). The rest is derived or belongs to one database: the
// counts (execution_counts, alertas_conteo) and versions (schedule_version,
// alertas_version) the target's SQL triggers keep, the lease, the bulk hold
// and the schema's version.
var transferTables = []transferTable{
	{"triggers", "id"},
	{"executions", "id"},
	{"empresas", "id"},
	{"alertas", "id"},
	{"settings", "clave"},
	{"calendario_datos", "id"},
}

// identityTables are the tables whose ids a database hands out; after a copy
// with explicit ids their next id must come after the copied ones.
var identityTables = []string{"triggers", "executions", "empresas", "alertas"}

// TransferOptions tune Transfer.
type TransferOptions struct {
	// Replace empties a target that has data first (in the same
	// transaction); without it such a target is refused (ErrTargetNotEmpty).
	Replace bool
	// Progress, if set, is told each table once its rows are in the target
	// (not yet committed).
	Progress func(table string, rows int64)
}

// TableCount is one table's rows on each side of a copy.
type TableCount struct {
	Table          string
	Source, Target int64
}

// TransferReport is what Transfer verified: each table's rows in the source
// (in the snapshot it copied) and in the target, read back after commit.
type TransferReport struct {
	Tables []TableCount
}

// Verified reports whether every table has as many rows in the target as in
// the source.
func (r TransferReport) Verified() bool {
	for _, c := range r.Tables {
		if c.Source != c.Target {
			return false
		}
	}
	return len(r.Tables) > 0
}

// ErrTargetNotEmpty refuses a copy into a database that has data without
// TransferOptions.Replace; the error is a *TargetNotEmptyError.
var ErrTargetNotEmpty = errors.New("target database has data")

// TargetNotEmptyError says which of the target's tables have rows.
type TargetNotEmptyError struct {
	Tables []TableCount // Target set, tables with rows only
}

func (e *TargetNotEmptyError) Error() string {
	parts := make([]string, len(e.Tables))
	for i, c := range e.Tables {
		parts[i] = fmt.Sprintf("%s: %d", c.Table, c.Target)
	}
	return fmt.Sprintf("%v (%s)", ErrTargetNotEmpty, strings.Join(parts, ", "))
}

func (e *TargetNotEmptyError) Unwrap() error { return ErrTargetNotEmpty }

// Transfer copies the user's data of from into to in one transaction on to,
// ids included, from one snapshot of from: triggers, the run history,
// companies, alerts (the calendar's included), settings and the imported
// calendar. The target's counts follow (its triggers, or a recount of the
// alerts'), and its ids go on after the copied ones. On any error, or when
// ctx ends, the target is left as it was. Once committed, each table's rows
// are counted again in to: the report says whether they all match.
func Transfer(ctx context.Context, from, to *Store, opts TransferOptions) (TransferReport, error) {
	if from == to {
		return TransferReport{}, errors.New("transfer: source and target are the same store")
	}
	var copied []TableCount
	err := to.transferWrite(ctx, func(wctx context.Context, tx querier) error {
		var err error
		copied, err = transferIn(ctx, from, tx, to.Dialect(), opts)
		return err
	})
	if err != nil {
		return TransferReport{}, fmt.Errorf("transfer %s to %s: %w", from.Path(), to.Path(), err)
	}
	report := TransferReport{Tables: copied}
	for i, c := range report.Tables {
		if report.Tables[i].Target, err = countRows(ctx, to.reads(), c.Table); err != nil {
			return report, fmt.Errorf("transfer: verify %s in %s: %w", c.Table, to.Path(), err)
		}
	}
	return report, nil
}

// transferIn is Transfer's write, in tx on the target (of dialect), from
// one read transaction on from: it returns each table's rows in the source,
// all of them copied.
func transferIn(ctx context.Context, from *Store, tx querier, dialect string, opts TransferOptions) ([]TableCount, error) {
	if err := holdCounts(ctx, tx, dialect); err != nil {
		return nil, err
	}
	if err := emptyTarget(ctx, tx, opts.Replace); err != nil {
		return nil, err
	}
	counts := make([]TableCount, 0, len(transferTables))
	err := from.readTx(ctx, func(src reader) error {
		for _, t := range transferTables {
			n, err := copyTable(ctx, src, tx, t)
			if err != nil {
				return fmt.Errorf("copy %s: %w", t.name, err)
			}
			counts = append(counts, TableCount{Table: t.name, Source: n})
			if opts.Progress != nil {
				opts.Progress(t.name, n)
			}
		}
		for _, table := range identityTables {
			if err := continueIDs(ctx, src, from.Dialect(), tx, dialect, table); err != nil {
				return fmt.Errorf("next id of %s: %w", table, err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return counts, recount(ctx, tx, dialect)
}

// emptyTarget refuses a target with data (ErrTargetNotEmpty), or empties it
// when replace. The counts the target's triggers keep go too, so they are
// rebuilt from the copied rows alone.
func emptyTarget(ctx context.Context, tx querier, replace bool) error {
	var full []TableCount
	for _, t := range transferTables {
		n, err := countRows(ctx, asReader(tx), t.name)
		if err != nil {
			return fmt.Errorf("count %s in the target: %w", t.name, err)
		}
		if n > 0 {
			full = append(full, TableCount{Table: t.name, Target: n})
		}
	}
	if len(full) == 0 {
		return nil
	}
	if !replace {
		return &TargetNotEmptyError{Tables: full}
	}
	for _, table := range []string{"execution_counts", "executions", "alertas_conteo", "alertas", "empresas", "triggers", "settings", "calendario_datos"} {
		if _, err := tx.ExecContext(ctx, "DELETE FROM "+table); err != nil {
			return fmt.Errorf("empty %s in the target: %w", table, err)
		}
	}
	return nil
}

// transferWrite runs fn as one transaction on s: on SQLite through its
// writer (one connection); on PostgreSQL in a transaction of its own on the
// pool, bounded by ctx alone, as a big history takes longer to copy than the
// writer gives one write (poolCommitTimeout).
func (s *Store) transferWrite(ctx context.Context, fn writeFunc) error {
	if s.pg == nil {
		return s.writer.do(ctx, fn)
	}
	tx, err := s.read.BeginTx(ctx, nil)
	if err != nil {
		return s.pg.classify(err)
	}
	if err := fn(ctx, pgTx{tx: tx, pg: s.pg}); err != nil {
		_ = tx.Rollback()
		return s.pg.classify(err)
	}
	return s.pg.classify(tx.Commit())
}

// asReader reads through a write's transaction.
func asReader(tx querier) reader { return dbReader{q: tx} }

// countRows is how many rows table has.
func countRows(ctx context.Context, q reader, table string) (int64, error) {
	var n int64
	err := q.QueryRowContext(ctx, "SELECT count(*) FROM "+table).Scan(&n)
	return n, err
}
