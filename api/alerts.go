package api

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"vigia/app"
	"vigia/messages"
)

type alertJSON struct {
	ID         int64   `json:"id"`
	CompanyID  int64   `json:"empresa_id"`
	Title      string  `json:"titulo"`
	Detail     string  `json:"detalle"`
	Priority   string  `json:"prioridad"`
	Effective  string  `json:"prioridad_efectiva"`
	DueOn      *string `json:"vence_el"`
	State      string  `json:"estado"`
	ResolvedAt *string `json:"resuelta_en"`
	Note       *string `json:"nota_resolucion"`
	CreatedAt  string  `json:"creado_en"`
	UpdatedAt  string  `json:"actualizado_en"`
	Origin     string  `json:"origen"` // calendario | manual
	// The tax-calendar fields, present on alerts the calendar wrote.
	*calendarRefJSON
}

// calendarRefJSON ties a calendar alert to its due date.
type calendarRefJSON struct {
	Obligation  string `json:"obligacion"`
	Period      string `json:"periodo"`
	Installment int    `json:"cuota,omitempty"` // renta's cuotas only
	DateState   string `json:"estado_fecha"`    // oficial | calculada | editada
	Source      string `json:"fuente"`
	Edited      bool   `json:"editada"`
	// PreviousDueOn is the date a calendar update moved the alert from.
	PreviousDueOn *string `json:"fecha_anterior,omitempty"`
}

func calendarRefOut(ref *app.CalendarRef) *calendarRefJSON {
	if ref == nil {
		return nil
	}
	out := &calendarRefJSON{Obligation: ref.Obligation, Period: ref.Period, Installment: ref.Installment,
		DateState: ref.State, Source: ref.Source, Edited: ref.Edited}
	if !ref.PreviousDueOn.IsZero() {
		before := ref.PreviousDueOn.UTC().Format(app.DateLayout)
		out.PreviousDueOn = &before
	}
	return out
}

type alertPageJSON struct {
	Total  int         `json:"total"`
	Alerts []alertJSON `json:"alertas"`
}

// Alert states as the API names them.
const (
	alertOpen     = "abierta"
	alertResolved = "resuelta"
)

func (h *handler) alertOut(a app.Alert) alertJSON {
	out := alertJSON{
		ID:         a.ID,
		CompanyID:  a.CompanyID,
		Title:      a.Title,
		Detail:     a.Detail,
		Priority:   string(a.Priority),
		Effective:  string(a.EffectivePriority),
		State:      alertResolved,
		ResolvedAt: h.optStamp(a.ResolvedAt),
		CreatedAt:  h.stamp(a.CreatedAt),
		UpdatedAt:  h.stamp(a.UpdatedAt),
		Origin:     a.Origin(),
		// a nil pointer leaves the calendar fields out
		calendarRefJSON: calendarRefOut(a.Calendar),
	}
	if a.Open {
		out.State = alertOpen
	}
	if a.ResolutionNote != "" {
		note := a.ResolutionNote
		out.Note = &note
	}
	if !a.DueOn.IsZero() {
		due := a.DueOn.UTC().Format(app.DateLayout) // a calendar date, not an instant
		out.DueOn = &due
	}
	return out
}

// alertDraft reads an alert body; vence_el "" clears the due date.
func alertDraft(r *http.Request) (app.AlertDraft, error) {
	in, err := readInput(r)
	if err != nil {
		return app.AlertDraft{}, err
	}
	d := app.AlertDraft{
		CompanyID: in.id("empresa_id", "empresa_id debe ser el número de una empresa."),
		Title:     in.text("titulo", "El título debe ser un texto."),
		Detail:    in.text("detalle", "El detalle debe ser un texto."),
		Priority:  in.text("prioridad", "La prioridad debe ser un texto: CRITICA, ALTA, MEDIA o BAJA."),
		DueOn:     in.text("vence_el", "vence_el debe ser una fecha AAAA-MM-DD."),
	}
	return d, in.done()
}

func (h *handler) listAlerts(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r.URL.Query())
	window := q.page(app.DefaultAlertLimit, app.MaxAlertLimit)
	f := app.AlertQuery{CompanyID: q.id("empresa_id"), Limit: window.Limit, Offset: window.Offset, DueBy: q.date("vence_antes", time.UTC)}
	if v := q.Get("prioridad"); v != "" {
		p, ok := app.ParsePriority(v)
		if !ok {
			q.errs.add("prioridad", messages.Text("es", app.Msg(app.CodePriorityUnknown, app.Args{"Value": v})))
		}
		f.Priority = p
	}
	switch state := q.Get("estado"); state {
	case "":
	case alertOpen:
		f.OpenOnly = true
	case alertResolved:
		f.ResolvedOnly = true
	default:
		q.errs.add("estado", "Estado desconocido "+strconv.Quote(state)+": use abierta o resuelta.")
	}
	if err := q.errs.err(); err != nil {
		h.fail(w, r, err)
		return
	}
	page, err := h.svc.AlertPage(r.Context(), f)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := alertPageJSON{Total: page.Total, Alerts: make([]alertJSON, len(page.Alerts))}
	for i, a := range page.Alerts {
		out.Alerts[i] = h.alertOut(a)
	}
	h.respond(w, r, http.StatusOK, out, "")
}

func (h *handler) createAlert(w http.ResponseWriter, r *http.Request) {
	d, err := alertDraft(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	a, err := h.svc.CreateAlert(r.Context(), d)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/alertas/"+strconv.FormatInt(a.ID, 10))
	h.respond(w, r, http.StatusCreated, h.alertOut(a), "Alerta creada exitosamente")
}

func (h *handler) getAlert(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "la alerta")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	a, err := h.svc.Alert(r.Context(), id)
	if err != nil {
		h.fail(w, r, alertErr(err, id))
		return
	}
	h.respond(w, r, http.StatusOK, h.alertOut(a), "")
}

func (h *handler) updateAlert(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "la alerta")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d, err := alertDraft(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	a, err := h.svc.UpdateAlert(r.Context(), id, d)
	if err != nil {
		h.fail(w, r, alertErr(err, id))
		return
	}
	h.respond(w, r, http.StatusOK, h.alertOut(a), "Alerta actualizada exitosamente")
}

func (h *handler) deleteAlert(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "la alerta")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.svc.DeleteAlert(r.Context(), id); err != nil {
		h.fail(w, r, alertErr(err, id))
		return
	}
	h.respond(w, r, http.StatusOK, map[string]int64{"id": id}, "Alerta eliminada")
}

func (h *handler) resolveAlert(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "la alerta")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var note string
	if r.ContentLength != 0 {
		in, err := readInput(r)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		note = deref(in.text("nota", "La nota debe ser un texto."))
		if err := in.done(); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	a, err := h.svc.ResolveAlert(r.Context(), id, note)
	if err != nil {
		h.fail(w, r, alertErr(err, id))
		return
	}
	h.respond(w, r, http.StatusOK, h.alertOut(a), "Alerta resuelta")
}

// alertErr names the missing alert in a not-found error.
func alertErr(err error, id int64) error {
	if errors.Is(err, app.ErrNotFound) {
		return describe(err, "No existe la alerta %d.", id)
	}
	return err
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
