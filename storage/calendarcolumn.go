package storage

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"vigia/app"
)

// calendarFields are the calendar's columns of an alert, in the order
// calendarColumn packs them and calendarRef reads them.
// The integers are cast to text: octet_length measures text alone on
// PostgreSQL (SQLite measures an integer's text).
var calendarFields = []string{"a.obligacion", "a.periodo", "CAST(a.cuota AS TEXT)", "a.estado_fecha", "a.fuente",
	"CAST(a.editada AS TEXT)", "coalesce(a.fecha_anterior, '')", "coalesce(CAST(a.movida_en AS TEXT), '')"}

// calendarColumn is the calendar's columns of a calendar alert packed into
// one text, NULL for an alert the user wrote: each field as its length in
// bytes, ':', then the field, so any text survives. A read of thousands of
// alerts (a digest) pays for every column that crosses into Go, and eight
// more columns cost it a third more.
var calendarColumn = packedColumn("a.origen = '"+app.AlertOriginCalendar+"'", calendarFields)

// packedColumn packs fields when the condition holds: one concat(), whose
// single allocation costs less than a chain of ||.
func packedColumn(when string, fields []string) string {
	parts := make([]string, len(fields))
	for i, f := range fields {
		parts[i] = fmt.Sprintf("octet_length(%s), ':', %s", f, f)
	}
	return "CASE WHEN " + when + " THEN concat(" + strings.Join(parts, ", ") + ") END"
}

// unpack splits a packedColumn text into its fields.
func unpack(s string, fields []string) error {
	for i := range fields {
		n, rest, ok := strings.Cut(s, ":")
		size, err := strconv.Atoi(n)
		if !ok || err != nil || size < 0 || size > len(rest) {
			return errors.New("malformed")
		}
		fields[i], s = rest[:size], rest[size:]
	}
	if s != "" {
		return errors.New("trailing text")
	}
	return nil
}

// calendarRef reads calendarColumn's text.
func calendarRef(packed string) (*app.CalendarRef, error) {
	var f [8]string
	if err := unpack(packed, f[:]); err != nil {
		return nil, fmt.Errorf("calendar columns %q: %w", packed, err)
	}
	c := &app.CalendarRef{Obligation: f[0], Period: f[1], State: f[3], Source: f[4], Edited: f[5] == "1"}
	var err error
	if c.Installment, err = strconv.Atoi(f[2]); err != nil {
		return nil, fmt.Errorf("installment %q: %w", f[2], err)
	}
	if f[6] != "" {
		if c.PreviousDueOn, err = time.Parse(app.DateLayout, f[6]); err != nil {
			return nil, fmt.Errorf("previous due date %q: %w", f[6], err)
		}
	}
	if f[7] != "" {
		ms, err := strconv.ParseInt(f[7], 10, 64)
		if err != nil {
			return nil, fmt.Errorf("moved at %q: %w", f[7], err)
		}
		c.MovedAt = time.UnixMilli(ms).UTC()
	}
	return c, nil
}
