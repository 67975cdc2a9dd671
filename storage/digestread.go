package storage

import (
	"context"
	"database/sql"
	"time"

	"vigia/app"
)

// queryOpenAlerts is queryAlerts for a digest's thousands of open alerts:
// the list is sized once from the kept counts (alertas_conteo) instead of
// growing by copies, one set of scan targets serves every row, and each due
// date is parsed once (a digest holds few distinct dates). tx gives the
// count and the rows the same snapshot.
func queryOpenAlerts(ctx context.Context, tx *sql.Tx, query string, args []any) ([]app.Alert, error) {
	var open int
	err := tx.QueryRowContext(ctx, `SELECT coalesce(sum(n), 0) FROM alertas_conteo WHERE abierta = 1 AND empresa_id = 0`).Scan(&open)
	if err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var effective string
	row := alertRow{dates: map[string]time.Time{}}
	dest := row.dest(&effective)
	list := make([]app.Alert, 0, open)
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		a, err := row.alert()
		if err != nil {
			return nil, err
		}
		a.EffectivePriority = app.Priority(effective)
		list = append(list, a)
	}
	return list, rows.Err()
}
