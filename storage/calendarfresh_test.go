package storage

import (
	"database/sql"
	"reflect"
	"strings"
	"testing"
	"time"

	"vigia/app"
)

func TestTheColumnsAFreshAlertLeavesOutHoldTheSchemaDefaults(t *testing.T) {
	eachBackend(t, func(t *testing.T, db testDB) {
		// given the schema of alertas
		s := db.Open(t)
		rows, err := s.reads().QueryContext(t.Context(), columnDefaults[db.Backend])
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		schema := map[string]sql.NullString{}
		for rows.Next() {
			var name string
			var value sql.NullString
			if err := rows.Scan(&name, &value); err != nil {
				t.Fatal(err)
			}
			value.String, _, _ = strings.Cut(value.String, "::") // PostgreSQL's ''::text
			schema[name] = value
		}

		// then each column an insert of fresh alerts leaves out defaults to the
		// value alertArgs gives a fresh alert
		sqlOf := map[any]sql.NullString{true: {String: "1", Valid: true}, false: {String: "0", Valid: true},
			"": {String: "''", Valid: true}, nil: {}}
		for col, value := range alertDefaults {
			if got, want := schema[col], sqlOf[value]; got != want {
				t.Errorf("column %s defaults to %v, want %v (%#v)", col, got, want, value)
			}
		}
		if len(freshCols)+len(alertDefaults) != len(writeColumns) {
			t.Errorf("fresh columns %v and defaults %v do not make up %v", freshCols, alertDefaults, writeColumns)
		}
	})
}

func TestFreshAndOtherNewCalendarAlertsReadBackAsWritten(t *testing.T) {
	eachBackend(t, func(t *testing.T, db testDB) {
		// given a company, fresh new alerts (as a regeneration makes them, some
		// dates and every time in Bogotá's zone, times finer than milliseconds)
		// and new alerts that differ from fresh each in one way, mixed in one
		// apply whose chunks hold fresh ones alone and both kinds
		ctx := t.Context()
		s := db.Open(t)
		c, err := s.CreateCompany(ctx, app.Company{Name: "Acme", Active: true})
		if err != nil {
			t.Fatal(err)
		}
		bogota := time.FixedZone("-05", -5*3600)
		at := time.Date(2026, 1, 2, 3, 4, 5, 6_789_123, bogota) // read back in UTC, to the millisecond
		alerts := calendarBatch(c.ID, 40)
		for i := range alerts {
			alerts[i].CreatedAt, alerts[i].UpdatedAt = at, at.Add(time.Duration(i)*time.Microsecond)
			if i%2 == 1 {
				d := alerts[i].DueOn
				alerts[i].DueOn = time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, bogota)
			}
		}
		changes := []func(*app.Alert){
			func(a *app.Alert) { a.Open = false },
			func(a *app.Alert) { a.ResolvedAt = at },
			func(a *app.Alert) { a.ResolutionNote = "Presentada" },
			func(a *app.Alert) { a.Calendar.Edited = true },
			func(a *app.Alert) { a.Calendar.PreviousDueOn = time.Date(2026, 1, 8, 0, 0, 0, 0, time.UTC) },
			func(a *app.Alert) { a.Calendar.MovedAt = at.Add(time.Hour) },
		}
		for k, change := range changes {
			change(&alerts[33+k]) // 33..38: past the first chunk of 32 (the last one, 39, stays fresh)
		}

		// when they are inserted
		out, err := s.ApplyCalendar(ctx, app.CalendarChanges{Create: alerts})
		if err != nil || len(out.Create) != len(alerts) {
			t.Fatalf("ApplyCalendar inserted %d of %d: %v", len(out.Create), len(alerts), err)
		}

		// then each reads back as written and as returned
		for i, want := range out.Create {
			got, err := s.Alert(ctx, want.ID)
			written := storedAlert(alerts[i])
			written.ID = want.ID
			if err != nil || !reflect.DeepEqual(got, written) || !reflect.DeepEqual(want, written) {
				t.Errorf("alert %d reads %+v %+v (%v), returned %+v; want %+v %+v", i, got, got.Calendar, err, want, written, written.Calendar)
			}
		}
		// and the fresh ones hold the schema's defaults, the others what they say
		var fresh, other int
		rows, err := s.reads().QueryContext(ctx, `SELECT id, abierta, resuelta_en, nota_resolucion, origen, editada, fecha_anterior, movida_en
			FROM alertas`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var open, edited bool
			var resolved, moved sql.NullInt64
			var note, origin string
			var previous sql.NullString
			err := rows.Scan(&id, &open, &resolved, &note, &origin, &edited, &previous, &moved)
			if err != nil || origin != app.AlertOriginCalendar {
				t.Fatalf("alert %d: origen %q, %v", id, origin, err)
			}
			if open && !resolved.Valid && note == "" && !edited && !previous.Valid && !moved.Valid {
				fresh++
			} else {
				other++
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		if fresh != len(alerts)-len(changes) || other != len(changes) {
			t.Errorf("%d fresh and %d other rows, want %d and %d", fresh, other, len(alerts)-len(changes), len(changes))
		}
	})
}

// columnDefaults lists alertas' columns and their defaults as each backend's
// schema says them.
var columnDefaults = map[string]string{
	"sqlite": `SELECT name, dflt_value FROM pragma_table_info('alertas')`,
	"postgres": `SELECT column_name, column_default FROM information_schema.columns
		WHERE table_schema = current_schema() AND table_name = 'alertas'`,
}
