package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"vigia/app"
)

const companyColumns = `id, nombre, nit, contacto, activa, creado_en, responsabilidades`

// CreateCompany stores c and returns it with its ID. A name already taken,
// ignoring case and repeated blanks, fails with app.ErrConflict.
func (s *Store) CreateCompany(ctx context.Context, c app.Company) (app.Company, error) {
	c.CreatedAt = stored(c.CreatedAt)
	err := s.writer.do(ctx, func(ctx context.Context, tx querier) error {
		err := tx.QueryRowContext(ctx, insertCompanySQL, companyArgs(c)...).Scan(&c.ID)
		if isUniqueViolation(err) {
			return app.ErrConflict
		}
		return err
	})
	if err != nil {
		return app.Company{}, fmt.Errorf("create company %q: %w", c.Name, err)
	}
	return c, nil
}

// UpdateCompany replaces every field of company c.ID but its creation time,
// which it returns as stored. A missing company fails with app.ErrNotFound, a
// name taken by another company with app.ErrConflict.
func (s *Store) UpdateCompany(ctx context.Context, c app.Company) (app.Company, error) {
	err := s.writer.do(ctx, func(ctx context.Context, tx querier) error {
		var created sql.NullInt64
		err := tx.QueryRowContext(ctx, `UPDATE empresas SET nombre = ?, nombre_clave = ?, nit = ?, contacto = ?, activa = ?,
			responsabilidades = ? WHERE id = ? RETURNING creado_en`,
			c.Name, app.CompanyKey(c.Name), c.NIT, c.Contact, c.Active, codesArg(c.Responsibilities), c.ID).Scan(&created)
		if isUniqueViolation(err) {
			return app.ErrConflict
		}
		c.CreatedAt = timeCol(created)
		return notFound(err)
	})
	if err != nil {
		return app.Company{}, fmt.Errorf("update company %d: %w", c.ID, err)
	}
	return c, nil
}

// DeleteCompany removes one company and, with it, every alert it has.
func (s *Store) DeleteCompany(ctx context.Context, id int64) error {
	err := s.writer.do(ctx, func(ctx context.Context, tx querier) error {
		// Explicit, not left to ON DELETE CASCADE: a connection opened
		// without foreign_keys(ON) would otherwise leave orphans.
		if _, err := tx.ExecContext(ctx, `DELETE FROM alertas WHERE empresa_id = ?`, id); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM empresas WHERE id = ?`, id)
		if err != nil {
			return err
		}
		return affectedOne(res)
	})
	if err != nil {
		return fmt.Errorf("delete company %d: %w", id, err)
	}
	return nil
}

// Company loads one company.
func (s *Store) Company(ctx context.Context, id int64) (app.Company, error) {
	c, err := scanCompany(s.reads().QueryRowContext(ctx, `SELECT `+companyColumns+` FROM empresas WHERE id = ?`, id))
	if err != nil {
		return app.Company{}, fmt.Errorf("load company %d: %w", id, notFound(err))
	}
	return c, nil
}

// Companies loads every company, by name (case-insensitive), then ID.
func (s *Store) Companies(ctx context.Context) ([]app.Company, error) {
	rows, err := s.reads().QueryContext(ctx, `SELECT `+companyColumns+` FROM empresas ORDER BY nombre_clave, id`)
	if err != nil {
		return nil, fmt.Errorf("load companies: %w", err)
	}
	defer rows.Close()
	var list []app.Company
	for rows.Next() {
		c, err := scanCompany(rows)
		if err != nil {
			return nil, fmt.Errorf("load companies: %w", err)
		}
		list = append(list, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load companies: %w", err)
	}
	return list, nil
}

// insertCompanySQL takes companyArgs; it returns the ID.
const insertCompanySQL = `INSERT INTO empresas (nombre, nombre_clave, nit, contacto, activa, creado_en, responsabilidades)
	VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`

func companyArgs(c app.Company) []any {
	return []any{c.Name, app.CompanyKey(c.Name), c.NIT, c.Contact, c.Active, timeArg(c.CreatedAt), codesArg(c.Responsibilities)}
}

func scanCompany(r rowScanner) (app.Company, error) {
	return scanCompanyWith(r)
}

// scanCompanyWith scans companyColumns, then extra.
func scanCompanyWith(r rowScanner, extra ...any) (app.Company, error) {
	var (
		c       app.Company
		created sql.NullInt64
		codes   string
	)
	if err := r.Scan(append([]any{&c.ID, &c.Name, &c.NIT, &c.Contact, &c.Active, &created, &codes}, extra...)...); err != nil {
		return app.Company{}, err
	}
	c.CreatedAt, c.Responsibilities = timeCol(created), codesCol(codes)
	return c, nil
}

// OpenAlertCounts counts each company's open alerts by effective priority on
// day; companies without open alerts are absent. The counts by given
// priority are kept by triggers (alertas_conteo); only the open
// alerts a step raises are read, from an index, to move them to their
// effective priority (see escalation.go). SQL adds both up into one row of
// integers per company: a row that crosses into Go costs per column.
//
// The answer is kept for the alerts version and day it was counted for (see
// countsCache): until an alert changes, or the day or the thresholds do, a
// call reads one row and copies the kept answer.
func (s *Store) OpenAlertCounts(ctx context.Context, day app.EscalationDay) (map[int64]map[app.Priority]int, error) {
	version, err := s.alertsVersion(ctx)
	if err != nil {
		return nil, fmt.Errorf("count open alerts: %w", err)
	}
	key := dayKey(day)
	if counts, ok := s.counts.get(version, key); ok {
		return counts, nil
	}
	counts, err := s.countOpenAlerts(ctx, day)
	if err != nil {
		return nil, err
	}
	s.counts.put(version, key, counts)
	return counts, nil
}

// countOpenAlerts is OpenAlertCounts without the kept answer.
func (s *Store) countOpenAlerts(ctx context.Context, day app.EscalationDay) (map[int64]map[app.Priority]int, error) {
	query, args := openAlertCounts(day)
	rows, err := s.reads().QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("count open alerts: %w", err)
	}
	defer rows.Close()
	counts := map[int64]map[app.Priority]int{}
	n := make([]int, len(app.Priorities))
	dest := make([]any, 1+len(n))
	for i := range n {
		dest[1+i] = &n[i]
	}
	for rows.Next() {
		var company int64
		dest[0] = &company
		if err := rows.Scan(dest...); err != nil {
			return nil, fmt.Errorf("count open alerts: %w", err)
		}
		for i, p := range app.Priorities {
			if n[i] > 0 {
				if counts[company] == nil {
					counts[company] = map[app.Priority]int{}
				}
				counts[company][p] = n[i]
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("count open alerts: %w", err)
	}
	return counts, nil
}

// openAlertCounts is the SQL of OpenAlertCounts: per company, a column per
// priority (app.Priorities' order) adding up the kept counts by given
// priority and, for each step's raise (see raises), the alerts it moves from
// one column to another, each a range of alertas_open_by_priority_due.
func openAlertCounts(day app.EscalationDay) (string, []any) {
	var (
		kept, moved, sums []string
		args              []any
	)
	for i, p := range app.Priorities {
		kept = append(kept, "CASE WHEN prioridad = ? THEN n ELSE 0 END")
		moved = append(moved, "count(*) * ?")
		sums = append(sums, fmt.Sprintf("sum(c%d)", i))
		args = append(args, string(p))
	}
	parts := []string{`SELECT empresa_id, ` + columnsAs(kept) + ` FROM alertas_conteo WHERE abierta = 1 AND empresa_id > 0 AND n > 0`}
	for _, r := range raises(day) {
		parts = append(parts, `SELECT a.empresa_id, `+columnsAs(moved)+` FROM alertas a INDEXED BY alertas_open_by_priority_due
			WHERE a.abierta = 1 AND a.prioridad = ? AND `+r.in+` GROUP BY a.empresa_id`)
		for _, p := range app.Priorities {
			args = append(args, map[app.Priority]int{r.from: -1, r.to: 1}[p])
		}
		args = append(append(args, string(r.from)), r.args...)
	}
	return `SELECT empresa_id, ` + strings.Join(sums, ", ") + ` FROM (` + strings.Join(parts, " UNION ALL ") +
		`) AS parts GROUP BY empresa_id`, args
}

// columnsAs names expressions c0, c1...
func columnsAs(exprs []string) string {
	named := make([]string, len(exprs))
	for i, e := range exprs {
		named[i] = fmt.Sprintf("%s AS c%d", e, i)
	}
	return strings.Join(named, ", ")
}
