package storage

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"vigia/app"
)

// updateSQL sets cols of n alerts from rows of (ID, then lead more
// integers, then cols' values) where the row's ID matches and cond holds;
// cond may name the lead values v.column2 ….
func updateSQL(n int, cols []string, lead int, cond string) string {
	values := make([]string, len(cols))
	types := make([]string, 0, 1+lead+len(cols))
	for range 1 + lead {
		types = append(types, "BIGINT")
	}
	for i, c := range cols {
		values[i] = fmt.Sprintf("v.column%d", i+2+lead)
		types = append(types, columnType(c))
	}
	set := "(" + strings.Join(cols, ", ") + ") = (" + strings.Join(values, ", ") + ")"
	return `UPDATE alertas SET ` + set + ` FROM (VALUES ` + typedRowsOf(n, types) + `) AS v
		WHERE alertas.id = v.column1` + cond
}

// integerColumns are the columns of alertWrite that hold integers; the
// others hold text.
var integerColumns = []string{"empresa_id", "abierta", "resuelta_en", "actualizado_en", "cuota", "editada", "movida_en"}

func columnType(col string) string {
	if slices.Contains(integerColumns, col) {
		return "BIGINT"
	}
	return "TEXT"
}

// typedRowsOf is rowsOf(n, len(types)) with the first row's placeholders
// cast to types: PostgreSQL types a VALUES list's columns from its rows, and
// a placeholder alone would be text (a NULL too). SQLite's casts change
// nothing of values of those types.
func typedRowsOf(n int, types []string) string {
	first := make([]string, len(types))
	for i, t := range types {
		first[i] = "CAST(? AS " + t + ")"
	}
	row := "(" + strings.Join(first, ", ") + ")"
	if n == 1 {
		return row
	}
	return row + ", " + rowsOf(n-1, len(types))
}

// keyedSQL writes the keyed columns of n alerts, skipping the rows where
// none changes.
func keyedSQL(n int) string {
	old, values := make([]string, len(alertKeyed)), make([]string, len(alertKeyed))
	for i, c := range alertKeyed {
		old[i], values[i] = "alertas."+c, fmt.Sprintf("v.column%d", i+2)
	}
	return updateSQL(n, alertKeyed, 0, " AND ("+strings.Join(old, ", ")+") IS DISTINCT FROM ("+strings.Join(values, ", ")+")")
}

// plainAsReadSQL writes the plain columns of n alerts, each from a row of
// (ID, its actualizado_en as read, whether the update closes it, values),
// only where the stored alert is still as read: open, with that
// actualizado_en and, unless the update closes it, not edited. It returns
// the IDs written and their creado_en.
func plainAsReadSQL(n int) string {
	return updateSQL(n, alertPlain, 2, ` AND alertas.abierta = 1 AND alertas.actualizado_en IS NOT DISTINCT FROM v.column2
		AND (v.column3 = 1 OR alertas.editada = 0) RETURNING alertas.id, alertas.creado_en`)
}

// updateCalendar writes whole each alert that is still as the regeneration
// read it, readAt[i] being alerts[i]'s UpdatedAt then (see
// app.CalendarChanges.ReadAt), and returns those it wrote, in the order
// given, with their creation time as stored. Another alert was resolved or
// edited by the user meanwhile, or deleted: the user's action stands.
//
// The plain columns go first, on the condition; the keyed ones then, to the
// alerts written only, where they change.
func updateCalendar(ctx context.Context, tx querier, alerts []app.Alert, readAt []time.Time) ([]app.Alert, error) {
	if len(readAt) != len(alerts) {
		return nil, fmt.Errorf("update calendar alerts: %d updates with %d read times", len(alerts), len(readAt))
	}
	created := make(map[int64]sql.NullInt64, len(alerts))
	args := make([]any, 0, chunkSizes[0]*(len(alertPlain)+3))
	err := inChunks(len(alerts), func(start, size int) error {
		args = args[:0]
		for k, a := range alerts[start : start+size] {
			values := alertArgs(storedAlert(a))
			args = append(args, a.ID, timeArg(readAt[start+k]), !a.Open)
			for _, i := range plainAt {
				args = append(args, values[i])
			}
		}
		return updatedRows(ctx, tx, plainAsReadSQL(size), args, created)
	})
	if err != nil {
		return nil, fmt.Errorf("update calendar alerts: %w", err)
	}
	var updated []app.Alert
	for _, a := range alerts {
		if ms, ok := created[a.ID]; ok {
			a = storedAlert(a)
			a.CreatedAt = timeCol(ms)
			updated = append(updated, a)
		}
	}
	err = inChunks(len(updated), func(start, size int) error {
		args = args[:0]
		for _, a := range updated[start : start+size] {
			values := alertArgs(a)
			args = append(args, a.ID)
			for _, i := range keyedAt {
				args = append(args, values[i])
			}
		}
		_, err := tx.ExecContext(ctx, keyedSQL(size), args...)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("update calendar alerts' keyed columns: %w", err)
	}
	return updated, nil
}

// updatedRows runs query, an update returning (id, creado_en), and records
// each row in created.
func updatedRows(ctx context.Context, tx querier, query string, args []any, created map[int64]sql.NullInt64) error {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id int64
			ms sql.NullInt64
		)
		if err := rows.Scan(&id, &ms); err != nil {
			return err
		}
		created[id] = ms
	}
	return rows.Err()
}
