package api

import (
	"bytes"
	"net/http"
	"strconv"
	"time"

	"vigia/app"
	"vigia/app/taxcal"
)

// calendarItemJSON is one row of the «Calendario» view: a calendar alert
// with its company.
type calendarItemJSON struct {
	alertJSON
	Company    string `json:"empresa"`
	NIT        string `json:"nit"`
	PeriodName string `json:"periodo_nombre"`
}

type calendarItemsJSON struct {
	Total int                `json:"total"`
	Items []calendarItemJSON `json:"alertas"`
}

// Calendar states of GET /api/calendario/alertas?estado=: the open ones
// (by default) or every one, resolved included.
const calendarEvery = "todas"

// calendarFilter reads obligacion, empresa_id, desde, hasta and estado.
func calendarFilter(q *query) app.CalendarFilter {
	f := app.CalendarFilter{Obligation: q.Get("obligacion"), CompanyID: q.id("empresa_id"),
		From: q.date("desde", time.UTC), To: q.date("hasta", time.UTC), OpenOnly: true}
	switch v := q.Get("estado"); v {
	case "", alertOpen:
	case calendarEvery:
		f.OpenOnly = false
	default:
		q.errs.add("estado", "Estado desconocido "+strconv.Quote(v)+": use abierta o todas.")
	}
	return f
}

// listCalendarAlerts answers GET /api/calendario/alertas: the calendar's
// alerts of every client by due date, then company, a page at a time (the
// store filters, orders and pages).
func (h *handler) listCalendarAlerts(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r.URL.Query())
	window := q.page(app.DefaultAlertLimit, app.MaxAlertLimit)
	f := calendarFilter(q)
	if err := q.errs.err(); err != nil {
		h.fail(w, r, err)
		return
	}
	page, err := h.svc.CalendarPage(r.Context(), f, window)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := calendarItemsJSON{Total: page.Total, Items: make([]calendarItemJSON, len(page.Items))}
	for i, it := range page.Items {
		row := calendarItemJSON{alertJSON: h.alertOut(it.Alert), Company: it.Company.Name, NIT: it.Company.NIT}
		if it.Alert.Calendar != nil {
			row.PeriodName = taxcal.PeriodLabel(it.Alert.Calendar.Period, "es")
		}
		out.Items[i] = row
	}
	h.respond(w, r, http.StatusOK, out, "")
}

// exportCalendar answers GET /api/calendario/exportar: the rows the same
// filters select, every one, as CSV for Excel.
func (h *handler) exportCalendar(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r.URL.Query())
	f := calendarFilter(q)
	if err := q.errs.err(); err != nil {
		h.fail(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := h.svc.ExportCalendarCSV(r.Context(), &buf, f); err != nil {
		h.fail(w, r, err)
		return
	}
	h.sendCSV(w, "calendario", buf.Bytes())
}
