package storage

import (
	"context"
	"fmt"
	"time"

	"vigia/app"
)

// OpenAlertsOf is OpenAlerts for the given companies only: a digest's head
// (a preview's first companies) without reading the other alerts. Inactive
// companies among them are left out, as OpenAlerts leaves them out; the
// order is OpenAlerts'.
func (s *Store) OpenAlertsOf(ctx context.Context, companies []int64, priorities []app.Priority, day app.EscalationDay) ([]app.CompanyAlerts, error) {
	if len(priorities) == 0 || len(companies) == 0 {
		return nil, nil
	}
	effective, args := effectiveExpr(day)
	ids := make([]any, len(companies))
	for i, id := range companies {
		ids[i] = id
	}
	query := `SELECT ` + alertColumns + `, ` + effective + ` FROM alertas a
		WHERE a.abierta = 1 AND a.empresa_id IN (` + marks(len(ids)) + `)`
	args = append(args, ids...)
	if !containsAll(priorities, app.Priorities) {
		selected, selectedArgs := effectiveIn(day, priorities)
		query += ` AND ` + selected
		args = append(args, selectedArgs...)
	}
	var groups map[int64]*companyGroup
	err := s.readTx(ctx, func(tx reader) error {
		alerts, err := queryOpenAlerts(ctx, tx, query, args, 0)
		if err != nil {
			return err
		}
		groups, err = groupByCompany(ctx, tx, alerts, ids)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("load open alerts of %d companies: %w", len(companies), err)
	}
	return sortCompanyGroups(groups), nil
}

// openAlertsCount is how many alerts are open, from the kept counts
// (alertas_conteo): a digest's list is sized with it.
func openAlertsCount(ctx context.Context, tx reader) (int, error) {
	var open int
	err := tx.QueryRowContext(ctx, `SELECT coalesce(sum(n), 0) FROM alertas_conteo WHERE abierta = 1 AND empresa_id = 0`).Scan(&open)
	return open, err
}

// queryOpenAlerts is queryAlerts for a digest's thousands of open alerts:
// the list is sized once (size, from openAlertsCount for a whole digest)
// instead of growing by copies, one set of scan targets serves every row,
// and each due date is parsed once (a digest holds few distinct dates).
func queryOpenAlerts(ctx context.Context, tx reader, query string, args []any, size int) ([]app.Alert, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var effective string
	row := alertRow{dates: map[string]time.Time{}}
	dest := row.dest(&effective)
	list := make([]app.Alert, 0, size)
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
