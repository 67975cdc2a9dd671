package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"vigia/app"
)

var _ app.CalendarStore = (*Store)(nil)

// CalendarData is the calendar file the user imported, nil when none.
func (s *Store) CalendarData(ctx context.Context) ([]byte, error) {
	var data []byte
	err := s.read.QueryRowContext(ctx, `SELECT contenido FROM calendario_datos WHERE id = 1`).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && len(data) == 0) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("load calendar data: %w", err)
	}
	return data, nil
}

// SetCalendarData stores an imported calendar file, replacing the one
// stored; nil (or empty) removes it. Storing the file already stored
// writes nothing.
func (s *Store) SetCalendarData(ctx context.Context, data []byte) error {
	err := s.writer.do(ctx, func(ctx context.Context, tx querier) error {
		if len(data) == 0 {
			_, err := tx.ExecContext(ctx, `DELETE FROM calendario_datos WHERE id = 1`)
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO calendario_datos (id, contenido, guardado_en)
			VALUES (1, ?, CAST(unixepoch('subsec') * 1000 AS INTEGER))
			ON CONFLICT (id) DO UPDATE SET contenido = excluded.contenido, guardado_en = excluded.guardado_en
			WHERE contenido IS NOT excluded.contenido`, data)
		return err
	})
	if err != nil {
		return fmt.Errorf("save calendar data (%d bytes): %w", len(data), err)
	}
	return nil
}

// CalendarAlerts returns every alert the calendar wrote, open and resolved,
// by company, obligation, period and installment: the unique index
// alertas_calendario holds them in that order, so the user's alerts are
// never read.
func (s *Store) CalendarAlerts(ctx context.Context) ([]app.Alert, error) {
	var list []app.Alert
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		var n int
		err := tx.QueryRowContext(ctx, `SELECT count(*) FROM alertas INDEXED BY alertas_calendario
			WHERE origen = 'calendario'`).Scan(&n)
		if err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+alertColumns+` FROM alertas a INDEXED BY alertas_calendario
			WHERE a.origen = 'calendario'`)
		if err != nil {
			return err
		}
		defer rows.Close()
		row := alertRow{dates: map[string]time.Time{}}
		dest := row.dest()
		list = make([]app.Alert, 0, n)
		for rows.Next() {
			if err := rows.Scan(dest...); err != nil {
				return err
			}
			a, err := row.alert()
			if err != nil {
				return err
			}
			list = append(list, a)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("load calendar alerts: %w", err)
	}
	return list, nil
}

// insertCalendarSQL is insertAlertSQL skipping a due date that already has
// its alert (alertas_calendario): open, resolved or edited, whoever wrote it.
const insertCalendarSQL = insertAlertSQL + `
	ON CONFLICT (empresa_id, obligacion, periodo, cuota) WHERE origen = 'calendario' DO NOTHING`

// ApplyCalendar saves a regeneration in one transaction. It inserts each of
// c.Create (Calendar set, ID 0) unless its company, obligation, period and
// installment already has an alert, or its company is gone; it writes each
// of c.Update whole, by ID, unless that alert is gone. It returns what it
// wrote: the alerts it inserted, with their IDs, and the ones it updated, as
// stored. Either all of it is saved or, on an error, none.
func (s *Store) ApplyCalendar(ctx context.Context, c app.CalendarChanges) (app.CalendarChanges, error) {
	for _, a := range c.Create {
		if a.Calendar == nil || a.ID != 0 {
			return app.CalendarChanges{}, fmt.Errorf("apply calendar: alert %d %q is not a new calendar alert", a.ID, a.Title)
		}
	}
	var out app.CalendarChanges
	err := s.writer.do(ctx, func(ctx context.Context, tx querier) error {
		var err error
		if out.Create, err = insertCalendar(ctx, tx, c.Create); err != nil {
			return err
		}
		out.Update, err = updateCalendar(ctx, tx, c.Update)
		return err
	})
	if err != nil {
		return app.CalendarChanges{}, fmt.Errorf("apply calendar (%d new, %d changed): %w", len(c.Create), len(c.Update), err)
	}
	return out, nil
}

// insertCalendar inserts the alerts of existing companies whose due date has
// no alert yet and returns them with their IDs. The statement is prepared
// once (the writer's cache) and run once per alert.
func insertCalendar(ctx context.Context, tx querier, alerts []app.Alert) ([]app.Alert, error) {
	if len(alerts) == 0 {
		return nil, nil
	}
	companies, err := companyIDs(ctx, tx)
	if err != nil {
		return nil, err
	}
	var inserted []app.Alert
	for _, a := range alerts {
		if !companies[a.CompanyID] {
			continue
		}
		a = storedAlert(a)
		res, err := tx.ExecContext(ctx, insertCalendarSQL, append(alertArgs(a), timeArg(a.CreatedAt))...)
		if err != nil {
			return nil, fmt.Errorf("create alert %q of company %d: %w", a.Title, a.CompanyID, err)
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			if err != nil {
				return nil, err
			}
			continue // that due date has its alert
		}
		if a.ID, err = res.LastInsertId(); err != nil {
			return nil, err
		}
		inserted = append(inserted, a)
	}
	return inserted, nil
}

// updateCalendar writes each alert whole and returns those that still
// existed, with their creation time as stored.
func updateCalendar(ctx context.Context, tx querier, alerts []app.Alert) ([]app.Alert, error) {
	var updated []app.Alert
	for _, a := range alerts {
		a = storedAlert(a)
		var created sql.NullInt64
		err := tx.QueryRowContext(ctx, updateAlertSQL, append(alertArgs(a), a.ID)...).Scan(&created)
		if errors.Is(err, sql.ErrNoRows) {
			continue // deleted since it was read
		}
		if err != nil {
			return nil, fmt.Errorf("update alert %d: %w", a.ID, err)
		}
		a.CreatedAt = timeCol(created)
		updated = append(updated, a)
	}
	return updated, nil
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
