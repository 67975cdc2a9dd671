package storage

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"vigia/app"
)

// AlertPage returns the page of alerts q selects, by ID, and how many match,
// q.Priority and EffectivePriority being the effective priority on day.
// Both filter in SQL (see escalation.go), so a page costs what its rows
// cost, and both read in one transaction, so they describe one moment.
func (s *Store) AlertPage(ctx context.Context, q app.AlertQuery, day app.EscalationDay) (page app.AlertPage, err error) {
	base, baseArgs := alertQueryWhere(q)
	countSQL, countArgs := alertCount(q, day)
	where, whereArgs := base, baseArgs
	if q.Priority != "" {
		cond, args := effectiveIs(day, q.Priority)
		where = append(slices.Clone(where), cond)
		whereArgs = append(slices.Clone(whereArgs), args...)
	}
	effective, effectiveArgs := effectiveExpr(day)
	// The page walks the table by ID and stops at the limit; the planner
	// would rather gather every row of an index (by state, by priority) and
	// sort them. A company's alerts are few: its index.
	from := ` FROM alertas a NOT INDEXED`
	if q.CompanyID != 0 {
		from = ` FROM alertas a INDEXED BY alertas_by_company_state`
	}
	limit := q.Limit
	if limit <= 0 {
		limit = noLimit
	}
	pageSQL := `SELECT ` + alertColumns + `, ` + effective + from + whereClause(where) + ` ORDER BY a.id LIMIT ? OFFSET ?`
	pageArgs := append(append(effectiveArgs, whereArgs...), limit, max(q.Offset, 0))
	err = s.readTx(ctx, func(tx reader) error {
		if err := tx.QueryRowContext(ctx, countSQL, countArgs...).Scan(&page.Total); err != nil {
			return fmt.Errorf("count: %w", err)
		}
		alerts, err := queryAlerts(ctx, tx, pageSQL, pageArgs)
		page.Alerts = alerts
		return err
	})
	if err != nil {
		return app.AlertPage{}, fmt.Errorf("load alert page: %w", err)
	}
	return page, nil
}

// alertCount is the SQL counting the alerts q selects, q.Priority being the
// effective priority on day: a sum of counts, each of alertas_conteo (kept
// by triggers) or of one index range (see effectiveCount).
func alertCount(q app.AlertQuery, day app.EscalationDay) (string, []any) {
	base, baseArgs := alertQueryWhere(q)
	if !q.DueBy.IsZero() { // no kept count by due date: ranges only
		return rangeCount(base, baseArgs, q.CompanyID != 0, q.Priority, day)
	}
	kept := `(SELECT COALESCE(SUM(n), 0) FROM alertas_conteo WHERE empresa_id = ?`
	keptArgs := []any{q.CompanyID} // 0: every company's
	// abierta always: alertas_conteo's key starts with it.
	switch {
	case q.OpenOnly:
		kept += ` AND abierta = 1`
	case q.ResolvedOnly:
		kept += ` AND abierta = 0`
	default:
		kept += ` AND abierta IN (0, 1)`
	}
	if q.Priority == "" {
		return `SELECT ` + kept + `)`, keptArgs
	}
	terms := effectiveCount(day, q.Priority)
	query, args := countTerms(base, baseArgs, q.CompanyID != 0, terms[1:])
	return `SELECT ` + kept + ` AND prioridad = ?) + ` + query, append(append(keptArgs, string(q.Priority)), args...)
}

// rangeCount is alertCount by index ranges alone.
func rangeCount(base []string, baseArgs []any, company bool, p app.Priority, day app.EscalationDay) (string, []any) {
	if p == "" {
		return `SELECT count(*) FROM alertas a` + whereClause(base), baseArgs
	}
	query, args := countTerms(base, baseArgs, company, effectiveCount(day, p))
	return `SELECT ` + query, args
}

// countTerms is the sum of the terms' counts within base, "0" for none.
func countTerms(base []string, baseArgs []any, company bool, terms []countTerm) (string, []any) {
	var (
		b    strings.Builder
		args []any
	)
	from := `(SELECT count(*) FROM alertas a`
	if company {
		from = `(SELECT count(*) FROM alertas a INDEXED BY alertas_by_company_state`
	}
	b.WriteString("0")
	for _, t := range terms {
		b.WriteString(map[bool]string{true: " + ", false: " - "}[t.sign > 0])
		b.WriteString(from + whereClause(append(slices.Clone(base), t.cond)) + `)`)
		args = append(append(args, baseArgs...), t.args...)
	}
	return b.String(), args
}

// alertQueryWhere is what q asks but the priority: conditions and arguments.
func alertQueryWhere(q app.AlertQuery) ([]string, []any) {
	var (
		where []string
		args  []any
	)
	if q.CompanyID != 0 {
		where = append(where, "a.empresa_id = ?")
		args = append(args, q.CompanyID)
	}
	switch {
	case q.OpenOnly:
		where = append(where, "a.abierta = 1")
	case q.ResolvedOnly:
		where = append(where, "a.abierta = 0")
	}
	if !q.DueBy.IsZero() {
		if !q.OpenOnly && !q.ResolvedOnly {
			// Both states, spelled so alertas_by_state_due serves the range.
			where = append(where, "a.abierta IN (0, 1)")
		}
		where = append(where, "a.vence_el <= ?")
		args = append(args, dateArg(q.DueBy))
	}
	return where, args
}

func whereClause(conds []string) string {
	if len(conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(conds, " AND ")
}

// queryAlerts reads rows of alertColumns followed by the effective priority.
func queryAlerts(ctx context.Context, db reader, query string, args []any) ([]app.Alert, error) {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	list := []app.Alert{}
	for rows.Next() {
		var effective string
		a, err := scanAlertWith(rows, &effective)
		if err != nil {
			return nil, err
		}
		a.EffectivePriority = app.Priority(effective)
		list = append(list, a)
	}
	return list, rows.Err()
}
