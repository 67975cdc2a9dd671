package storage

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"vigia/app"
)

// RecordExecutions inserts finished slot rows (perdida, omitida: the missed
// and skipped slots catch-up finds) as given, all in one write, and returns
// how many it inserted: a row whose slot (trigger, ScheduledFor) already has a
// row is skipped. Every row must be a slot row (origen programada or
// recuperacion), so that the slot guard applies to it. No rows, no write.
func (s *Store) RecordExecutions(ctx context.Context, rows []app.Execution) (int, error) {
	if len(rows) == 0 {
		return 0, nil
	}
	args := make([][]any, len(rows))
	for i, e := range rows {
		if e.TriggerID <= 0 || e.ScheduledFor.IsZero() || !isSlotOrigin(e.Origin) || e.State == "" {
			return 0, fmt.Errorf("record executions: row %d is not a slot row (trigger %d, programada %v, origen %q, estado %q)",
				i, e.TriggerID, e.ScheduledFor, e.Origin, e.State)
		}
		var err error
		if args[i], err = executionArgs(storedExecution(e)); err != nil {
			return 0, fmt.Errorf("record executions: row %d: %w", i, err)
		}
	}
	var inserted int64
	err := s.writer.do(ctx, func(ctx context.Context, tx querier) error {
		inserted = 0 // a write run again (PostgreSQL's conflicts) counts afresh
		for i, e := range rows {
			res, err := tx.ExecContext(ctx, insertExecution, args[i]...)
			if err != nil {
				return fmt.Errorf("trigger %d at %s: %w", e.TriggerID, e.ScheduledFor.Format(time.RFC3339), err)
			}
			n, err := res.RowsAffected()
			if err != nil {
				return err
			}
			inserted += n
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("record %d slot rows: %w", len(rows), err)
	}
	return int(inserted), nil
}

func isSlotOrigin(o app.RunOrigin) bool {
	return o == app.OriginScheduled || o == app.OriginRecovery
}

// lastSlotsQuery finds each trigger's newest slot with one seek backwards in
// the partial index executions_slot: its WHERE repeats the index's condition
// word for word, which is what lets SQLite use a partial index.
const lastSlotsQuery = `SELECT t.id, (SELECT max(e.programada_para) FROM executions e
		WHERE e.trigger_id = t.id AND e.origen IN ('programada', 'recuperacion'))
	FROM triggers t`

// LastSlots returns, for every trigger that has slot rows (scheduled and
// recovery runs, missed and skipped slots: any state, any instance), its
// newest scheduled_for. Manual runs are not slots and do not count. Deleted
// triggers are left out. It costs one index seek per trigger, however long
// the history.
func (s *Store) LastSlots(ctx context.Context) (map[int64]time.Time, error) {
	rows, err := s.reads().QueryContext(ctx, lastSlotsQuery)
	if err != nil {
		return nil, fmt.Errorf("load last slots: %w", err)
	}
	defer rows.Close()
	last := map[int64]time.Time{}
	for rows.Next() {
		var (
			id   int64
			slot sql.NullInt64
		)
		if err := rows.Scan(&id, &slot); err != nil {
			return nil, fmt.Errorf("load last slots: %w", err)
		}
		if slot.Valid {
			last[id] = timeCol(slot)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load last slots: %w", err)
	}
	return last, nil
}
