package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"vigia/app"
)

// ApplyCalendar saves a regeneration in one transaction. It inserts each of
// c.Create (Calendar set, ID 0) unless its company, obligation, period and
// installment already has an alert, or its company is gone; it writes each
// of c.Update whole, by ID, only while that alert is still as the
// regeneration read it (see app.CalendarChanges.ReadAt; a gone one is
// skipped too). It returns what it wrote: the alerts it inserted, with their
// IDs, and the ones it updated, with their creation time as stored, each in
// the order given. Either all of it is saved or, on an error, none.
func (s *Store) ApplyCalendar(ctx context.Context, c app.CalendarChanges) (app.CalendarChanges, error) {
	for _, a := range c.Create {
		if a.Calendar == nil || a.ID != 0 {
			return app.CalendarChanges{}, fmt.Errorf("apply calendar: alert %d %q is not a new calendar alert", a.ID, a.Title)
		}
	}
	var out app.CalendarChanges
	err := s.writer.do(ctx, func(ctx context.Context, tx querier) (err error) {
		if len(c.Create)+len(c.Update) >= bigWrite && s.pg == nil { // SQLite's page cache and checkpoint
			var restore func() error
			if restore, err = widerCache(ctx, tx); err != nil {
				return err
			}
			defer func() { err = errors.Join(err, restore()) }()
			if err = s.writer.holdCheckpoint(ctx, tx); err != nil {
				return err
			}
		}
		if out.Create, err = insertCalendar(ctx, tx, s.newAlertIDs(), c.Create); err != nil {
			return err
		}
		out.Update, err = updateCalendar(ctx, tx, c.Update, c.ReadAt)
		return err
	})
	if err != nil {
		return app.CalendarChanges{}, fmt.Errorf("apply calendar (%d new, %d changed): %w", len(c.Create), len(c.Update), err)
	}
	return out, nil
}

// bigWrite is how many alerts make a write big: it gets a wider page cache
// while it runs (see widerCache), and its caller the answer before SQLite
// copies the WAL into the database file (see writer.holdCheckpoint).
const bigWrite = 5000

// widerCache raises the writer's page cache to 64 MiB until restore: a big
// write then keeps the pages of alertas and its indexes it goes back to
// instead of writing them out and reading them again (the first
// regeneration of 2,000 companies' 144,000 due dates is 7-14 % faster).
// Restored, the cache frees what it holds beyond its usual size.
func widerCache(ctx context.Context, tx querier) (restore func() error, err error) {
	var size int64
	if err := tx.QueryRowContext(ctx, `PRAGMA cache_size`).Scan(&size); err != nil {
		return nil, fmt.Errorf("page cache size: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `PRAGMA cache_size = -65536`); err != nil {
		return nil, fmt.Errorf("widen the page cache: %w", err)
	}
	return func() error {
		_, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA cache_size = %d`, size))
		return err
	}, nil
}

// A regeneration writes tens of thousands of alerts. One statement per alert
// would cost each alert a statement of its own (and the statement journal
// its triggers need: a copy of every page it touches), so they go in
// multi-row statements of chunkSizes rows: the largest that fits first, so
// the writer prepares, and keeps, a few statements only.
var chunkSizes = []int{256, 32, 4, 1}

// inChunks calls f for consecutive chunks [start, start+size) of n rows.
func inChunks(n int, f func(start, size int) error) error {
	for start := 0; start < n; {
		size := 1
		for _, c := range chunkSizes {
			if c <= n-start {
				size = c
				break
			}
		}
		if err := f(start, size); err != nil {
			return err
		}
		start += size
	}
	return nil
}

// rowsOf is n rows of width placeholders each: "(?, ?), (?, ?)".
func rowsOf(n, width int) string {
	row := "(" + strings.Repeat("?, ", width-1) + "?)"
	return strings.Repeat(row+", ", n-1) + row
}

// insertCalendarSQL inserts n alerts, each a row of its ID, its values of
// cols and creado_en, skipping each whose due date already has its alert
// (alertas_calendario).
func insertCalendarSQL(n int, cols []string) string {
	return `INSERT INTO alertas (id, ` + strings.Join(cols, ", ") + `, creado_en) VALUES ` + rowsOf(n, len(cols)+2) + `
		ON CONFLICT (empresa_id, obligacion, periodo, cuota) WHERE origen = 'calendario' DO NOTHING`
}

// insertCalendar inserts the alerts of existing companies whose due date has
// no alert yet and returns them, with their IDs, in the order given. Their
// counts and the alerts' version move once, for all of them (see inBulk).
//
// It gives each alert its ID, from the first one alertas never had, so
// which alerts went in is known without reading them back: all of a chunk
// when it inserted as many rows as it had, else those of its IDs that exist
// (an alert skipped leaves its ID unused). Alerts go in by due date, the
// order of three of alertas' indexes, which then grow at their end.
func insertCalendar(ctx context.Context, tx querier, newIDs alertIDs, alerts []app.Alert) ([]app.Alert, error) {
	if len(alerts) == 0 {
		return nil, nil
	}
	return inBulk(ctx, tx, func() ([]app.Alert, error) { return insertChunks(ctx, tx, newIDs, alerts) })
}

// insertChunks is insertCalendar of some alerts, in chunks.
func insertChunks(ctx context.Context, tx querier, newIDs alertIDs, alerts []app.Alert) ([]app.Alert, error) {
	companies, err := companyIDs(ctx, tx)
	if err != nil {
		return nil, err
	}
	order := make([]int, 0, len(alerts))
	for i, a := range alerts {
		if companies[a.CompanyID] {
			order = append(order, i)
		}
	}
	slices.SortStableFunc(order, func(i, j int) int { return alerts[i].DueOn.Compare(alerts[j].DueOn) })
	fresh, err := newIDs(ctx, tx, len(order)) // fresh[k]: the ID of the k-th alert in order
	if err != nil {
		return nil, fmt.Errorf("new alert IDs: %w", err)
	}
	ids := make([]int64, len(alerts)) // the ID of each alert inserted, 0 for the others
	n := 0
	rows := make([][]any, 0, chunkSizes[0])
	args := make([]any, 0, chunkSizes[0]*(len(writeColumns)+2))
	err = inChunks(len(order), func(start, size int) error {
		rows = rows[:0]
		for _, i := range order[start : start+size] {
			// alertArgs writes an alert as storedAlert reads it back.
			rows = append(rows, append(alertArgs(alerts[i]), timeArg(alerts[i].CreatedAt)))
		}
		var query string
		chunk := fresh[start : start+size]
		query, args = insertArgs(args[:0], rows, chunk)
		res, err := tx.ExecContext(ctx, query, args...)
		if err != nil {
			return err
		}
		return insertedIDs(ctx, tx, res, chunk, func(k int, id int64) { ids[order[start+k]] = id; n++ })
	})
	if err != nil {
		return nil, fmt.Errorf("create calendar alerts: %w", err)
	}
	inserted := make([]app.Alert, 0, n)
	for i, id := range ids {
		if id != 0 {
			a := storedAlert(alerts[i])
			a.ID = id
			inserted = append(inserted, a)
		}
	}
	return inserted, nil
}

// insertArgs appends to args the values of rows (each alertArgs, then
// creado_en) with the IDs ids, and gives the insert that takes them: of the
// fresh columns alone when every row is fresh.
func insertArgs(args []any, rows [][]any, ids []int64) (string, []any) {
	at, cols := freshAt, freshCols
	for _, r := range rows {
		if !isFresh(r) {
			at, cols = everyAt, writeColumns
			break
		}
	}
	for k, r := range rows {
		args = append(args, ids[k])
		for _, i := range at {
			args = append(args, r[i])
		}
		args = append(args, r[len(writeColumns)])
	}
	return insertCalendarSQL(len(rows), cols), args
}

// insertedIDs calls found(k, ids[k]) for each of ids that res, an insert of
// them, inserted.
func insertedIDs(ctx context.Context, tx querier, res sql.Result, ids []int64, found func(k int, id int64)) error {
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == int64(len(ids)) {
		for k, id := range ids {
			found(k, id)
		}
		return nil
	}
	at := make(map[int64]int, len(ids))
	args := make([]any, len(ids))
	for k, id := range ids {
		at[id], args[k] = k, id
	}
	rows, err := tx.QueryContext(ctx, `SELECT id FROM alertas WHERE id IN (`+marks(len(ids))+`)`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return err
		}
		found(at[id], id)
	}
	return rows.Err()
}

// companyIDs is the set of every company's ID.
func companyIDs(ctx context.Context, tx querier) (map[int64]bool, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id FROM empresas`)
	if err != nil {
		return nil, fmt.Errorf("list companies: %w", err)
	}
	defer rows.Close()
	ids := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids[id] = true
	}
	return ids, rows.Err()
}
