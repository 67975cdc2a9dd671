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
	var (
		a                          app.Alert
		priority, effective        string
		due                        sql.NullString
		resolved, created, updated sql.NullInt64
	)
	dest := []any{&a.ID, &a.CompanyID, &a.Title, &a.Detail, &priority, &due, &a.Open,
		&resolved, &a.ResolutionNote, &created, &updated, &effective}
	list := make([]app.Alert, 0, open)
	dates := map[string]time.Time{}
	for rows.Next() {
		a = app.Alert{}
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		a.Priority, a.EffectivePriority = app.Priority(priority), app.Priority(effective)
		d, ok := dates[due.String]
		if !ok {
			if d, err = dateCol(due); err != nil {
				return nil, err
			}
			dates[due.String] = d
		}
		a.DueOn = d
		a.ResolvedAt, a.CreatedAt, a.UpdatedAt = timeCol(resolved), timeCol(created), timeCol(updated)
		list = append(list, a)
	}
	return list, rows.Err()
}
