package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"vigia/app"
)

const companyColumns = `id, nombre, nit, creado_en`

// CreateCompany stores c and returns it with its ID. A name already taken,
// ignoring case and repeated blanks, fails with app.ErrConflict.
func (s *Store) CreateCompany(ctx context.Context, c app.Company) (app.Company, error) {
	c.CreatedAt = stored(c.CreatedAt)
	err := s.writer.do(ctx, func(ctx context.Context, tx querier) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO empresas (nombre, nombre_clave, nit, creado_en) VALUES (?, ?, ?, ?)`,
			c.Name, companyKey(c.Name), c.NIT, timeArg(c.CreatedAt))
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

// companyKey is what makes two company names the same: case (all of Unicode,
// not only ASCII as COLLATE NOCASE) and runs of blanks do not count.
func companyKey(name string) string {
	return strings.ToLower(strings.Join(strings.Fields(name), " "))
}

func scanCompany(r rowScanner) (app.Company, error) {
	var (
		c       app.Company
		created sql.NullInt64
	)
	if err := r.Scan(&c.ID, &c.Name, &c.NIT, &created); err != nil {
		return app.Company{}, err
	}
	c.CreatedAt = timeCol(created)
	return c, nil
}
