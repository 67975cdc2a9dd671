package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"slices"
)

// Setting returns the value of setting key, or "" when it was never set.
func (s *Store) Setting(ctx context.Context, key string) (string, error) {
	var v string
	err := s.reads().QueryRowContext(ctx, `SELECT valor FROM settings WHERE clave = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("load setting %q: %w", key, err)
	}
	return v, nil
}

// setSettingSQL writes one setting; a value it already has is left alone, so
// the schedule's version (an SQL trigger on changed rows) does not move.
const setSettingSQL = `INSERT INTO settings (clave, valor) VALUES (?, ?)
	ON CONFLICT (clave) DO UPDATE SET valor = excluded.valor WHERE settings.valor IS DISTINCT FROM excluded.valor`

// SetSetting stores value under key, replacing any previous value. Writing
// the value a setting already has changes nothing, not even ScheduleVersion.
func (s *Store) SetSetting(ctx context.Context, key, value string) error {
	err := s.writer.do(ctx, func(ctx context.Context, tx querier) error {
		_, err := tx.ExecContext(ctx, setSettingSQL, key, value)
		return err
	})
	if err != nil {
		return fmt.Errorf("save setting %q: %w", key, err)
	}
	return nil
}

// SetSettings stores every value of values under its key in one write: all
// of them or, on an error, none. As with SetSetting, values a setting already
// has change nothing; ScheduleVersion moves only if one value changed.
func (s *Store) SetSettings(ctx context.Context, values map[string]string) error {
	keys := slices.Sorted(maps.Keys(values))
	err := s.writer.do(ctx, func(ctx context.Context, tx querier) error {
		for _, k := range keys {
			if _, err := tx.ExecContext(ctx, setSettingSQL, k, values[k]); err != nil {
				return fmt.Errorf("%q: %w", k, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("save settings: %w", err)
	}
	return nil
}

// ScheduleVersion is a number that changes whenever a trigger or a setting
// changes, in this process or in any other writing the same file (SQL
// triggers keep it, see migration 0002). Run history writes leave it alone, so
// a scheduler can poll it cheaply and reload only when the schedule changed.
func (s *Store) ScheduleVersion(ctx context.Context) (int64, error) {
	var n int64
	if err := s.reads().QueryRowContext(ctx, `SELECT n FROM schedule_version WHERE id = 1`).Scan(&n); err != nil {
		return 0, fmt.Errorf("load schedule version: %w", err)
	}
	return n, nil
}
