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
	var (
		c       app.Company
		created sql.NullInt64
	)
	if err := r.Scan(&c.ID, &c.Name, &c.NIT, &c.Contact, &c.Active, &created); err != nil {
		return app.Company{}, err
	}
	c.CreatedAt = timeCol(created)
	return c, nil
}
