package storage

import (
	"context"
	"database/sql"
	"fmt"

	"vigia/app"
)

const companyColumns = `id, nombre, nit, contacto, activa, creado_en`

// CreateCompany stores c and returns it with its ID. A name already taken,
// ignoring case and repeated blanks, fails with app.ErrConflict.
func (s *Store) CreateCompany(ctx context.Context, c app.Company) (app.Company, error) {
	c.CreatedAt = stored(c.CreatedAt)
	err := s.writer.do(ctx, func(ctx context.Context, tx querier) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO empresas (nombre, nombre_clave, nit, contacto, activa, creado_en)
			VALUES (?, ?, ?, ?, ?, ?)`,
			c.Name, app.CompanyKey(c.Name), c.NIT, c.Contact, c.Active, timeArg(c.CreatedAt))
		if isUniqueViolation(err) {
			return app.ErrConflict
		}
		if err != nil {
			return err
		}
		c.ID, err = res.LastInsertId()
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
		err := tx.QueryRowContext(ctx, `UPDATE empresas SET nombre = ?, nombre_clave = ?, nit = ?, contacto = ?, activa = ?
			WHERE id = ? RETURNING creado_en`,
			c.Name, app.CompanyKey(c.Name), c.NIT, c.Contact, c.Active, c.ID).Scan(&created)
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
	c, err := scanCompany(s.read.QueryRowContext(ctx, `SELECT `+companyColumns+` FROM empresas WHERE id = ?`, id))
	if err != nil {
		return app.Company{}, fmt.Errorf("load company %d: %w", id, notFound(err))
	}
	return c, nil
}

// Companies loads every company, by name (case-insensitive), then ID.
func (s *Store) Companies(ctx context.Context) ([]app.Company, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT `+companyColumns+` FROM empresas ORDER BY nombre_clave, id`)
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

func scanCompany(r rowScanner) (app.Company, error) {
	return scanCompanyWith(r)
}

// scanCompanyWith scans companyColumns, then extra.
func scanCompanyWith(r rowScanner, extra ...any) (app.Company, error) {
	var (
		c       app.Company
		created sql.NullInt64
	)
	if err := r.Scan(append([]any{&c.ID, &c.Name, &c.NIT, &c.Contact, &c.Active, &created}, extra...)...); err != nil {
		return app.Company{}, err
	}
	c.CreatedAt = timeCol(created)
	return c, nil
}

// OpenAlertCounts counts each company's open alerts by effective priority on
// day; companies without open alerts are absent. The counts by given
// priority are kept by triggers (alertas_abiertas_conteo); only the open
// alerts due by the last step are read, from an index, to move them to their
// effective priority (see escalation.go).
func (s *Store) OpenAlertCounts(ctx context.Context, day app.EscalationDay) (counts map[int64]map[app.Priority]int, err error) {
	counts = map[int64]map[app.Priority]int{}
	add := func(company int64, p app.Priority, n int) {
		if counts[company] == nil {
			counts[company] = map[app.Priority]int{}
		}
		counts[company][p] += n
	}
	effective, effectiveArgs := effectiveExpr(day)
	err = s.readTx(ctx, func(tx *sql.Tx) error {
		err := scanCounts(ctx, tx, `SELECT empresa_id, prioridad, prioridad, n FROM alertas_abiertas_conteo WHERE n > 0`, nil,
			func(company int64, _, p app.Priority, n int) { add(company, p, n) })
		if err != nil {
			return err
		}
		windows := dueWindows(day)
		if len(windows) == 0 {
			return nil
		}
		moved := `SELECT * FROM (SELECT a.empresa_id, a.prioridad, ` + effective + ` AS efectiva, count(*)
			FROM alertas a INDEXED BY alertas_open_due WHERE a.abierta = 1 AND a.vence_el <= ? GROUP BY 1, 2, 3)
			WHERE efectiva <> prioridad`
		return scanCounts(ctx, tx, moved, append(effectiveArgs, windows[len(windows)-1].upTo),
			func(company int64, own, effective app.Priority, n int) {
				add(company, own, -n)
				add(company, effective, n)
			})
	})
	if err != nil {
		return nil, fmt.Errorf("count open alerts: %w", err)
	}
	for company, byPriority := range counts {
		for p, n := range byPriority {
			if n == 0 {
				delete(byPriority, p)
			}
		}
		if len(byPriority) == 0 {
			delete(counts, company)
		}
	}
	return counts, nil
}

// scanCounts reads rows of (company, priority, priority, count) into f.
func scanCounts(ctx context.Context, tx *sql.Tx, query string, args []any, f func(company int64, own, effective app.Priority, n int)) error {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			company        int64
			own, effective string
			n              int
		)
		if err := rows.Scan(&company, &own, &effective, &n); err != nil {
			return err
		}
		f(company, app.Priority(own), app.Priority(effective), n)
	}
	return rows.Err()
}
