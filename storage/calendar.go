package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"vigia/app"
)

// CalendarData is the calendar file the user imported, nil when none.
func (s *Store) CalendarData(ctx context.Context) ([]byte, error) {
	var data []byte
	err := s.reads().QueryRowContext(ctx, `SELECT contenido FROM calendario_datos WHERE id = 1`).Scan(&data)
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
		_, err := tx.ExecContext(ctx, `INSERT INTO calendario_datos (id, contenido, guardado_en) VALUES (1, ?, ?)
			ON CONFLICT (id) DO UPDATE SET contenido = excluded.contenido, guardado_en = excluded.guardado_en
			WHERE calendario_datos.contenido IS DISTINCT FROM excluded.contenido`, data, time.Now().UnixMilli())
		return err
	})
	if err != nil {
		return fmt.Errorf("save calendar data (%d bytes): %w", len(data), err)
	}
	return nil
}

// CalendarAlerts returns every alert the calendar wrote, open and resolved,
// by company, obligation, period and installment.
func (s *Store) CalendarAlerts(ctx context.Context) ([]app.Alert, error) {
	list, err := s.calendarAlerts(ctx, "")
	if err != nil {
		return nil, fmt.Errorf("load calendar alerts: %w", err)
	}
	return list, nil
}

// CompanyCalendarAlerts is CalendarAlerts of one company: what a
// regeneration after a change of that company compares.
func (s *Store) CompanyCalendarAlerts(ctx context.Context, companyID int64) ([]app.Alert, error) {
	list, err := s.calendarAlerts(ctx, " AND a.empresa_id = ?", companyID)
	if err != nil {
		return nil, fmt.Errorf("load calendar alerts of company %d: %w", companyID, err)
	}
	return list, nil
}

// calendarAlerts reads the calendar alerts that cond (and args) select from
// alertas_calendario, the unique index that holds them alone, in its order;
// the list is sized by counting them first, in the same transaction.
func (s *Store) calendarAlerts(ctx context.Context, cond string, args ...any) ([]app.Alert, error) {
	from := ` FROM alertas a INDEXED BY alertas_calendario WHERE a.origen = 'calendario'` + cond
	var list []app.Alert
	err := s.readTx(ctx, func(tx reader) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*)`+from, args...).Scan(&n); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+alertColumns+from, args...)
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
	return list, err
}
