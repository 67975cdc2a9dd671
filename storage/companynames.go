package storage

import (
	"context"

	"vigia/app"
)

// CompanyNames loads every company as Companies does (by name, then ID)
// with only its ID, name, NIT and state: what a list, a search or a picker
// of thousands of companies shows, at a third of the cost of every column.
func (s *Store) CompanyNames(ctx context.Context) ([]app.Company, error) {
	return s.companyNames(ctx, `SELECT id, nombre, nit, activa FROM empresas ORDER BY nombre_clave, id`)
}
