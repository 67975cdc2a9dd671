package storage

import (
	"context"
	"database/sql"
	"fmt"

	"vigia/app"
)

// ImportAlerts saves an import in one transaction: it creates the new
// companies (ID 0; rows naming the same new company share it), gives known
// companies without a NIT the one the file gives and, on rows that set them
// (SetResponsibilities), their responsibilities, then creates (ID 0) or
// updates every row's alert; a row of its company alone
// (app.ImportCompanyOnly) writes no alert. It returns the items with their
// IDs set.
func (s *Store) ImportAlerts(ctx context.Context, items []app.ImportItem) ([]app.ImportItem, error) {
	out := make([]app.ImportItem, len(items))
	err := s.writer.do(ctx, func(ctx context.Context, tx querier) error {
		copy(out, items)              // here: a write run again (PostgreSQL's conflicts) starts from the items given
		created := map[string]int64{} // new companies by key
		for i := range out {
			it := &out[i]
			if err := importCompany(ctx, tx, it, created); err != nil {
				return err
			}
			it.Alert.CompanyID = it.Company.ID
			if it.Action == app.ImportCompanyOnly {
				continue
			}
			a := storedAlert(it.Alert)
			if a.ID == 0 {
				err := tx.QueryRowContext(ctx, insertAlertSQL, append(alertArgs(a), timeArg(a.CreatedAt))...).Scan(&it.Alert.ID)
				if err != nil {
					return fmt.Errorf("create alert %q (line %d): %w", a.Title, it.Line, err)
				}
				continue
			}
			var createdAt sql.NullInt64
			err := tx.QueryRowContext(ctx, updateAlertSQL, append(alertArgs(a), a.ID)...).Scan(&createdAt)
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

// importCompany gives it.Company its ID, creating it when new (once per
// name: created), or updates a known one: the file's NIT when it has none,
// the row's responsibilities when it sets them (an empty list clears them).
func importCompany(ctx context.Context, tx querier, it *app.ImportItem, created map[string]int64) error {
	c := &it.Company
	key := app.CompanyKey(c.Name)
	switch {
	case c.ID == 0 && created[key] != 0:
		c.ID = created[key]
	case c.ID == 0:
		c.CreatedAt = stored(c.CreatedAt)
		err := tx.QueryRowContext(ctx, insertCompanySQL, companyArgs(*c)...).Scan(&c.ID)
		if isUniqueViolation(err) {
			return fmt.Errorf("company %q (line %d): %w", c.Name, it.Line, app.ErrConflict)
		}
		if err != nil {
			return fmt.Errorf("create company %q: %w", c.Name, err)
		}
		created[key] = c.ID
	default:
		if c.NIT != "" {
			if _, err := tx.ExecContext(ctx, `UPDATE empresas SET nit = ? WHERE id = ? AND nit = ''`, c.NIT, c.ID); err != nil {
				return fmt.Errorf("set the NIT of company %d: %w", c.ID, err)
			}
		}
		if it.SetResponsibilities {
			_, err := tx.ExecContext(ctx, `UPDATE empresas SET responsabilidades = ? WHERE id = ?`,
				codesArg(c.Responsibilities), c.ID)
			if err != nil {
				return fmt.Errorf("set the responsibilities of company %d: %w", c.ID, err)
			}
		}
	}
	return nil
}
