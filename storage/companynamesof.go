package storage

import (
	"context"
	"fmt"

	"vigia/app"
)

// CompanyCount is how many companies there are.
func (s *Store) CompanyCount(ctx context.Context) (int, error) {
	var n int
	if err := s.reads().QueryRowContext(ctx, `SELECT count(*) FROM empresas`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count companies: %w", err)
	}
	return n, nil
}

// CompanyNamesPage is CompanyNames' window p (p.Limit set): a page of a
// list of thousands of companies.
func (s *Store) CompanyNamesPage(ctx context.Context, p app.Page) ([]app.Company, error) {
	return s.companyNames(ctx, `SELECT id, nombre, nit, activa FROM empresas ORDER BY nombre_clave, id LIMIT ? OFFSET ?`,
		p.Limit, p.Offset)
}

// CompanyNamesOf is CompanyNames of the given companies only (those that
// exist): the companies a page of alerts names.
func (s *Store) CompanyNamesOf(ctx context.Context, ids []int64) ([]app.Company, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return s.companyNames(ctx, `SELECT id, nombre, nit, activa FROM empresas WHERE id IN (`+marks(len(args))+`)
		ORDER BY nombre_clave, id`, args...)
}

// companyNames reads CompanyNames' columns with query.
func (s *Store) companyNames(ctx context.Context, query string, args ...any) ([]app.Company, error) {
	rows, err := s.reads().QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("load company names: %w", err)
	}
	defer rows.Close()
	var list []app.Company
	var c app.Company
	for rows.Next() {
		if err := rows.Scan(&c.ID, &c.Name, &c.NIT, &c.Active); err != nil {
			return nil, fmt.Errorf("load company names: %w", err)
		}
		list = append(list, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load company names: %w", err)
	}
	return list, nil
}
