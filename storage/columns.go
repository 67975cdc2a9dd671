package storage

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"vigia/app"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// noLimit is a LIMIT that takes every row: SQLite's -1 is refused by
// PostgreSQL, and no table holds this many.
const noLimit = math.MaxInt

// Times are stored as unix milliseconds UTC; the zero time is NULL.

func timeArg(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UnixMilli()
}

func timeCol(ms sql.NullInt64) time.Time {
	if !ms.Valid {
		return time.Time{}
	}
	return time.UnixMilli(ms.Int64).UTC()
}

// stored is t as a read returns it: UTC, whole milliseconds. Writes return
// stored values so callers hold exactly what a later read gives them.
func stored(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	return time.UnixMilli(t.UnixMilli()).UTC()
}

// Calendar dates are TEXT "YYYY-MM-DD"; the zero time is NULL.

func dateArg(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.Format(app.DateLayout)
}

func dateCol(s sql.NullString) (time.Time, error) {
	if !s.Valid || s.String == "" {
		return time.Time{}, nil
	}
	d, err := time.Parse(app.DateLayout, s.String)
	if err != nil {
		return time.Time{}, fmt.Errorf("date %q: %w", s.String, err)
	}
	return d, nil
}

func storedDate(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// Address lists are JSON arrays: order is kept and no separator is special.
// An empty list reads back as nil.

func stringsArg(list []string) string {
	if len(list) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(list) // a []string always marshals
	return string(b)
}

func stringsCol(s string) ([]string, error) {
	var list []string
	if err := json.Unmarshal([]byte(s), &list); err != nil {
		return nil, fmt.Errorf("list %q: %w", s, err)
	}
	if len(list) == 0 {
		return nil, nil
	}
	return list, nil
}

// Priorities and weekdays are comma-separated, in the caller's order ("CRITICA,ALTA", "1,5").

func prioritiesArg(list []app.Priority) string {
	parts := make([]string, len(list))
	for i, p := range list {
		parts[i] = string(p)
	}
	return strings.Join(parts, ",")
}

func prioritiesCol(s string) []app.Priority {
	if s == "" {
		return nil
	}
	parts := strings.Split(s, ",")
	list := make([]app.Priority, len(parts))
	for i, p := range parts {
		list[i] = app.Priority(p)
	}
	return list
}

// Codes (a company's responsibilities) are comma-separated, in the
// caller's order; none is ''.

func codesArg(list []string) string { return strings.Join(list, ",") }

func codesCol(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

func weekdaysArg(list []time.Weekday) string {
	parts := make([]string, len(list))
	for i, d := range list {
		parts[i] = strconv.Itoa(int(d))
	}
	return strings.Join(parts, ",")
}

func weekdaysCol(s string) ([]time.Weekday, error) {
	if s == "" {
		return nil, nil
	}
	parts := strings.Split(s, ",")
	list := make([]time.Weekday, len(parts))
	for i, p := range parts {
		d, err := strconv.Atoi(p)
		if err != nil || d < 0 || d > 6 {
			return nil, fmt.Errorf("weekdays %q: bad day %q", s, p)
		}
		list[i] = time.Weekday(d)
	}
	return list, nil
}

// isUniqueViolation reports a UNIQUE constraint failure (SQLite's, or
// PostgreSQL's unique_violation).
func isUniqueViolation(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE
	}
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "23505"
}

// isForeignKeyViolation reports a FOREIGN KEY constraint failure (SQLite's,
// or PostgreSQL's foreign_key_violation).
func isForeignKeyViolation(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY
	}
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "23503"
}

// affectedOne maps "no row changed" to app.ErrNotFound.
func affectedOne(res sql.Result) error {
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return app.ErrNotFound
	}
	return nil
}

// notFound maps sql.ErrNoRows to app.ErrNotFound.
func notFound(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return app.ErrNotFound
	}
	return err
}
