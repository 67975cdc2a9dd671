package storage

import (
	"database/sql"
	"fmt"
	"time"

	"vigia/app"
)

// alertColumns is what every read of alerts selects, in alertRow's order:
// the calendar's columns come packed into one (see calendarColumn).
var alertColumns = `a.id, a.empresa_id, a.titulo, a.detalle, a.prioridad, a.vence_el, a.abierta,
	a.resuelta_en, a.nota_resolucion, a.creado_en, a.actualizado_en, ` + calendarColumn

// alertWrite are the columns a write sets, in alertArgs' order: every one
// but id and creado_en.
const alertWrite = `empresa_id, titulo, detalle, prioridad, vence_el, abierta, resuelta_en, nota_resolucion,
	actualizado_en, origen, obligacion, periodo, cuota, estado_fecha, fuente, editada, fecha_anterior, movida_en`

const (
	// insertAlertSQL takes alertArgs, then creado_en; it returns the ID.
	insertAlertSQL = `INSERT INTO alertas (` + alertWrite + `, creado_en)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`
	// updateAlertSQL takes alertArgs, then the ID; it returns creado_en.
	updateAlertSQL = `UPDATE alertas SET (` + alertWrite + `)
		= (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) WHERE id = ? RETURNING creado_en`
)

// alertArgs are a's values of alertWrite. An alert without Calendar is
// written with origen ” and the calendar's columns empty.
func alertArgs(a app.Alert) []any {
	args := make([]any, 0, 20) // room for the ID or creado_en
	args = append(args, a.CompanyID, a.Title, a.Detail, string(a.Priority), dateArg(a.DueOn), a.Open,
		timeArg(a.ResolvedAt), a.ResolutionNote, timeArg(a.UpdatedAt))
	c := a.Calendar
	if c == nil {
		return append(args, "", "", "", 0, "", "", false, nil, nil)
	}
	return append(args, app.AlertOriginCalendar, c.Obligation, c.Period, c.Installment, c.State, c.Source,
		c.Edited, dateArg(c.PreviousDueOn), timeArg(c.MovedAt))
}

// storedAlert is a as a read returns it (see stored); its Calendar is a copy.
func storedAlert(a app.Alert) app.Alert {
	a.DueOn = storedDate(a.DueOn)
	a.ResolvedAt = stored(a.ResolvedAt)
	a.CreatedAt = stored(a.CreatedAt)
	a.UpdatedAt = stored(a.UpdatedAt)
	if a.Calendar != nil {
		c := *a.Calendar
		c.PreviousDueOn = storedDate(c.PreviousDueOn)
		c.MovedAt = stored(c.MovedAt)
		a.Calendar = &c
	}
	return a
}

func scanAlert(r rowScanner) (app.Alert, error) {
	return scanAlertWith(r)
}

// scanAlertWith scans alertColumns, then extra.
func scanAlertWith(r rowScanner, extra ...any) (app.Alert, error) {
	var row alertRow
	if err := r.Scan(row.dest(extra...)...); err != nil {
		return app.Alert{}, err
	}
	return row.alert()
}

// alertRow holds the scan targets of alertColumns. One serves every row of
// a long read: its targets are set up once, and with dates set each due
// date is parsed once (a read of thousands of alerts holds few dates).
type alertRow struct {
	a                          app.Alert
	priority                   string
	due, calendar              sql.NullString
	resolved, created, updated sql.NullInt64
	dates                      map[string]time.Time
}

// dest are the targets of alertColumns, then extra.
func (r *alertRow) dest(extra ...any) []any {
	a := &r.a
	return append([]any{&a.ID, &a.CompanyID, &a.Title, &a.Detail, &r.priority, &r.due, &a.Open,
		&r.resolved, &a.ResolutionNote, &r.created, &r.updated, &r.calendar}, extra...)
}

// alert is the alert last scanned into r.
func (r *alertRow) alert() (app.Alert, error) {
	a := r.a
	a.Priority = app.Priority(r.priority)
	var err error
	if a.DueOn, err = r.date(r.due); err != nil {
		return app.Alert{}, fmt.Errorf("alert %d: %w", a.ID, err)
	}
	a.ResolvedAt, a.CreatedAt, a.UpdatedAt = timeCol(r.resolved), timeCol(r.created), timeCol(r.updated)
	if r.calendar.Valid {
		if a.Calendar, err = calendarRef(r.calendar.String); err != nil {
			return app.Alert{}, fmt.Errorf("alert %d: %w", a.ID, err)
		}
	}
	return a, nil
}

// date is dateCol, parsed once per distinct date when r.dates is set.
func (r *alertRow) date(s sql.NullString) (time.Time, error) {
	if r.dates == nil {
		return dateCol(s)
	}
	if d, ok := r.dates[s.String]; ok {
		return d, nil
	}
	d, err := dateCol(s)
	if err == nil {
		r.dates[s.String] = d
	}
	return d, err
}
