package storage

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"vigia/app"
)

// CreateAlert stores a and returns it with its ID. A missing company fails
// with app.ErrNotFound.
func (s *Store) CreateAlert(ctx context.Context, a app.Alert) (app.Alert, error) {
	a = storedAlert(a)
	err := s.writer.do(ctx, func(ctx context.Context, tx querier) error {
		if err := companyExists(ctx, tx, a.CompanyID); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, insertAlertSQL, append(alertArgs(a), timeArg(a.CreatedAt))...).Scan(&a.ID)
	})
	if err != nil {
		return app.Alert{}, fmt.Errorf("create alert %q: %w", a.Title, err)
	}
	return a, nil
}

// UpdateAlert replaces every field of alert a.ID but its creation time, which
// it returns as stored. A missing alert or company fails with app.ErrNotFound.
func (s *Store) UpdateAlert(ctx context.Context, a app.Alert) (app.Alert, error) {
	a = storedAlert(a)
	err := s.writer.do(ctx, func(ctx context.Context, tx querier) error {
		if err := companyExists(ctx, tx, a.CompanyID); err != nil {
			return err
		}
		var created sql.NullInt64
		err := tx.QueryRowContext(ctx, updateAlertSQL, append(alertArgs(a), a.ID)...).Scan(&created)
		a.CreatedAt = timeCol(created)
		return notFound(err)
	})
	if err != nil {
		return app.Alert{}, fmt.Errorf("update alert %d: %w", a.ID, err)
	}
	return a, nil
}

// DeleteAlert removes one alert.
func (s *Store) DeleteAlert(ctx context.Context, id int64) error {
	err := s.writer.do(ctx, func(ctx context.Context, tx querier) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM alertas WHERE id = ?`, id)
		if err != nil {
			return err
		}
		return affectedOne(res)
	})
	if err != nil {
		return fmt.Errorf("delete alert %d: %w", id, err)
	}
	return nil
}

// Alert loads one alert.
func (s *Store) Alert(ctx context.Context, id int64) (app.Alert, error) {
	a, err := scanAlert(s.reads().QueryRowContext(ctx, `SELECT `+alertColumns+` FROM alertas a WHERE a.id = ?`, id))
	if err != nil {
		return app.Alert{}, fmt.Errorf("load alert %d: %w", id, notFound(err))
	}
	return a, nil
}

// Alerts loads the alerts f selects, by ID.
func (s *Store) Alerts(ctx context.Context, f app.AlertFilter) ([]app.Alert, error) {
	var (
		where []string
		args  []any
	)
	if f.CompanyID != 0 {
		where = append(where, "a.empresa_id = ?")
		args = append(args, f.CompanyID)
	}
	if f.Priority != "" {
		where = append(where, "a.prioridad = ?")
		args = append(args, string(f.Priority))
	}
	if f.OpenOnly {
		where = append(where, "a.abierta = 1")
	}
	query := `SELECT ` + alertColumns + ` FROM alertas a`
	if len(where) > 0 {
		query += ` WHERE ` + strings.Join(where, " AND ")
	}
	query += ` ORDER BY a.id`
	rows, err := s.reads().QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("load alerts: %w", err)
	}
	defer rows.Close()
	var list []app.Alert
	for rows.Next() {
		a, err := scanAlert(rows)
		if err != nil {
			return nil, fmt.Errorf("load alerts: %w", err)
		}
		list = append(list, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load alerts: %w", err)
	}
	return list, nil
}

// OpenAlerts returns the open alerts of active companies whose effective
// priority on day is in priorities (none: nothing), EffectivePriority filled,
// grouped by company. Companies come by their most urgent alert, then name;
// alerts by effective priority, due date (none last), then ID.
func (s *Store) OpenAlerts(ctx context.Context, priorities []app.Priority, day app.EscalationDay) ([]app.CompanyAlerts, error) {
	if len(priorities) == 0 {
		return nil, nil
	}
	effective, args := effectiveExpr(day)
	// Most alerts are open, so the table is walked in order (an index would
	// add a seek per row), and the active companies come in a second query
	// rather than a join: each row and each column costs.
	query := `SELECT ` + alertColumns + `, ` + effective + ` FROM alertas a NOT INDEXED WHERE a.abierta = 1`
	if !containsAll(priorities, app.Priorities) {
		selected, selectedArgs := effectiveIn(day, priorities)
		query += ` AND ` + selected
		args = append(args, selectedArgs...)
	}
	var groups map[int64]*companyGroup
	err := s.readTx(ctx, func(tx reader) error {
		open, err := openAlertsCount(ctx, tx) // the count and the rows of one snapshot
		if err != nil {
			return err
		}
		alerts, err := queryOpenAlerts(ctx, tx, query, args, open)
		if err != nil {
			return err
		}
		groups, err = groupByCompany(ctx, tx, alerts, nil)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("load open alerts: %w", err)
	}
	return sortCompanyGroups(groups), nil
}

func containsAll(list, all []app.Priority) bool {
	for _, p := range all {
		if !slices.Contains(list, p) {
			return false
		}
	}
	return true
}

// companyGroup is one company's open alerts while they are read: its
// company key (name order) and its most urgent priority's rank.
type companyGroup struct {
	app.CompanyAlerts
	key  string
	rank int
	size int
}

// groupByCompany puts alerts in a group per active company, with the
// company; the alerts of inactive companies are left out. ids, when given,
// are the only companies the alerts can be of (their rows alone are read).
func groupByCompany(ctx context.Context, tx reader, alerts []app.Alert, ids []any) (map[int64]*companyGroup, error) {
	byCompany := map[int64]*companyGroup{}
	for _, a := range alerts { // sized first: an Alert is large to copy twice
		g := byCompany[a.CompanyID]
		if g == nil {
			g = &companyGroup{rank: len(app.Priorities)}
			byCompany[a.CompanyID] = g
		}
		g.rank = min(g.rank, a.EffectivePriority.Rank())
		g.size++
	}
	for _, a := range alerts {
		g := byCompany[a.CompanyID]
		if g.Alerts == nil {
			g.Alerts = make([]app.Alert, 0, g.size)
		}
		g.Alerts = append(g.Alerts, a)
	}
	if len(byCompany) == 0 {
		return byCompany, nil
	}
	query := `SELECT ` + companyColumns + `, nombre_clave FROM empresas WHERE activa = 1`
	if len(ids) > 0 {
		query += ` AND id IN (` + marks(len(ids)) + `)`
	}
	rows, err := tx.QueryContext(ctx, query, ids...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var key string
		c, err := scanCompanyWith(rows, &key)
		if err != nil {
			return nil, err
		}
		if g := byCompany[c.ID]; g != nil {
			g.Company, g.key = c, key
		}
	}
	for id, g := range byCompany {
		if g.Company.ID == 0 { // not active
			delete(byCompany, id)
		}
	}
	return byCompany, rows.Err()
}

// sortCompanyGroups orders the companies by their most urgent alert, then
// name, then ID, and each company's alerts by compareAlerts.
func sortCompanyGroups(byCompany map[int64]*companyGroup) []app.CompanyAlerts {
	groups := make([]*companyGroup, 0, len(byCompany))
	for _, g := range byCompany {
		slices.SortFunc(g.Alerts, compareAlerts)
		groups = append(groups, g)
	}
	slices.SortFunc(groups, func(x, y *companyGroup) int {
		if x.rank != y.rank {
			return x.rank - y.rank
		}
		if c := strings.Compare(x.key, y.key); c != 0 {
			return c
		}
		return cmpInt64(x.Company.ID, y.Company.ID)
	})
	out := make([]app.CompanyAlerts, len(groups))
	for i, g := range groups {
		out[i] = g.CompanyAlerts
	}
	return out
}

// compareAlerts orders a digest's alerts: most urgent (effective priority),
// then due soonest (no due date last), then oldest.
func compareAlerts(x, y app.Alert) int {
	if rx, ry := x.EffectivePriority.Rank(), y.EffectivePriority.Rank(); rx != ry {
		return rx - ry
	}
	switch {
	case x.DueOn.IsZero() != y.DueOn.IsZero():
		if x.DueOn.IsZero() {
			return 1
		}
		return -1
	case !x.DueOn.Equal(y.DueOn):
		return x.DueOn.Compare(y.DueOn)
	}
	return cmpInt64(x.ID, y.ID)
}

func cmpInt64(x, y int64) int {
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}

func companyExists(ctx context.Context, tx querier, id int64) error {
	var one int
	err := tx.QueryRowContext(ctx, `SELECT 1 FROM empresas WHERE id = ?`, id).Scan(&one)
	if err != nil {
		return fmt.Errorf("company %d: %w", id, notFound(err))
	}
	return nil
}
