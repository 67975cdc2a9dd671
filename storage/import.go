package storage

import (
	"context"
	"database/sql"
	"fmt"

	"vigia/app"
)

// ImportAlerts saves an import in one transaction: it creates the new
// companies (ID 0; rows naming the same new company share it), gives known
// companies without a NIT the one the file gives, then creates (ID 0) or
// updates every alert. It returns the items with their IDs set.
func (s *Store) ImportAlerts(ctx context.Context, items []app.ImportItem) ([]app.ImportItem, error) {
	out := make([]app.ImportItem, len(items))
	copy(out, items)
	err := s.writer.do(ctx, func(ctx context.Context, tx querier) error {
		created := map[string]int64{} // new companies by key
		for i := range out {
			it := &out[i]
			c := &it.Company
			switch {
			case c.ID == 0 && created[app.CompanyKey(c.Name)] != 0:
				c.ID = created[app.CompanyKey(c.Name)]
			case c.ID == 0:
				c.CreatedAt = stored(c.CreatedAt)
				res, err := tx.ExecContext(ctx, `INSERT INTO empresas (nombre, nombre_clave, nit, contacto, activa, creado_en)
					VALUES (?, ?, ?, ?, ?, ?)`, c.Name, app.CompanyKey(c.Name), c.NIT, c.Contact, c.Active, timeArg(c.CreatedAt))
				if isUniqueViolation(err) {
					return fmt.Errorf("company %q (line %d): %w", c.Name, it.Line, app.ErrConflict)
				}
				if err != nil {
					return fmt.Errorf("create company %q: %w", c.Name, err)
				}
				if c.ID, err = res.LastInsertId(); err != nil {
					return err
				}
				created[app.CompanyKey(c.Name)] = c.ID
			case c.NIT != "":
				if _, err := tx.ExecContext(ctx, `UPDATE empresas SET nit = ? WHERE id = ? AND nit = ''`, c.NIT, c.ID); err != nil {
					return fmt.Errorf("set the NIT of company %d: %w", c.ID, err)
				}
			}
			it.Alert.CompanyID = c.ID
			a := storedAlert(it.Alert)
			if a.ID == 0 {
				res, err := tx.ExecContext(ctx, `INSERT INTO alertas (empresa_id, titulo, detalle, prioridad, vence_el,
					abierta, resuelta_en, nota_resolucion, actualizado_en, creado_en) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
					append(alertArgs(a), timeArg(a.CreatedAt))...)
				if err != nil {
					return fmt.Errorf("create alert %q (line %d): %w", a.Title, it.Line, err)
				}
				if it.Alert.ID, err = res.LastInsertId(); err != nil {
					return err
				}
				continue
			}
			var createdAt sql.NullInt64
			err := tx.QueryRowContext(ctx, `UPDATE alertas SET empresa_id = ?, titulo = ?, detalle = ?, prioridad = ?,
				vence_el = ?, abierta = ?, resuelta_en = ?, nota_resolucion = ?, actualizado_en = ? WHERE id = ? RETURNING creado_en`,
				append(alertArgs(a), a.ID)...).Scan(&createdAt)
			if err != nil {
				return fmt.Errorf("update alert %d (line %d): %w", a.ID, it.Line, notFound(err))
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("import %d alerts: %w", len(items), err)
	}
	return out, nil
}
