package storage

import (
	"context"
	"fmt"
	"strings"

	"vigia/app"
)

// CalendarCompanies answers the calendar status's questions in SQL, without
// bringing every company into Go: how many there are, whether an active one
// owes an obligation, and the names of the active ones without NIT owing one
// of keyed (responsabilidades holds the codes separated by commas), by name
// then ID as Companies.
func (s *Store) CalendarCompanies(ctx context.Context, keyed []string) (app.CalendarCompanies, error) {
	var out app.CalendarCompanies
	err := s.reads().QueryRowContext(ctx, `SELECT count(*),
		coalesce(max(CASE WHEN activa = 1 AND responsabilidades <> '' THEN 1 ELSE 0 END), 0) FROM empresas`).Scan(&out.Total, &out.Owed)
	if err != nil || !out.Owed || len(keyed) == 0 {
		return out, wrapCalendarCompanies(err)
	}
	owes := make([]string, len(keyed))
	args := make([]any, len(keyed))
	for i, code := range keyed {
		// The list, commas around, holds ",code," where removing it
		// changes the text (SQLite's instr is PostgreSQL's strpos).
		owes[i] = `replace(',' || responsabilidades || ',', ?, '') <> ',' || responsabilidades || ','`
		args[i] = "," + code + ","
	}
	// An empty list owes nothing: tested first, it spares the replaces of
	// the many companies that only have alerts of their own.
	rows, err := s.reads().QueryContext(ctx, `SELECT nombre FROM empresas WHERE activa = 1 AND nit = '' AND responsabilidades <> '' AND (`+
		strings.Join(owes, " OR ")+`) ORDER BY nombre_clave, id`, args...)
	if err != nil {
		return app.CalendarCompanies{}, wrapCalendarCompanies(err)
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return app.CalendarCompanies{}, wrapCalendarCompanies(err)
		}
		out.WithoutNIT = append(out.WithoutNIT, name)
	}
	if err := rows.Err(); err != nil {
		return app.CalendarCompanies{}, wrapCalendarCompanies(err)
	}
	return out, nil
}

func wrapCalendarCompanies(err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("read companies for the calendar: %w", err)
}
