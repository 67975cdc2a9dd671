package storage

import (
	"context"
	"fmt"

	"vigia/app"
)

// CompanyNames loads every company as Companies does (by name, then ID)
// with only its ID, name, NIT and state: what a list, a search or a picker
// of thousands of companies shows, at a third of the cost of every column.
func (s *Store) CompanyNames(ctx context.Context) ([]app.Company, error) {
	rows, err := s.reads().QueryContext(ctx, `SELECT id, nombre, nit, activa FROM empresas ORDER BY nombre_clave, id`)
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
