package api

import (
	"errors"
	"net/http"

	"vigia/app"
	"vigia/messages"
)

// executionJSON is one history row.
type executionJSON struct {
	ID           int64    `json:"id"`
	TriggerID    int64    `json:"trigger_id"`
	TriggerName  string   `json:"trigger_nombre"`
	ScheduledFor string   `json:"programada_para"` // history times carry milliseconds: historyStamp
	StartedAt    string   `json:"inicio"`
	FinishedAt   *string  `json:"fin"`
	DurationMS   *int64   `json:"duracion_ms"`
	DelayMS      *int64   `json:"retraso_ms"` // inicio minus programada_para; null for a run on demand (no slot)
	State        string   `json:"estado"`
	Origin       string   `json:"origen"`
	Companies    int      `json:"empresas_con_alertas"`
	Alerts       int      `json:"total_alertas"`
	Recipients   []string `json:"destinatarios"`
	Notified     int      `json:"notificaciones"`
	Attempts     int      `json:"intentos"`
	Error        *string  `json:"error"`
	// MailRoute is how the digest left: "smtp" or "bandeja_salida" (saved
	// as a file, no SMTP configured); null when none left.
	MailRoute *string `json:"envio"`
}

type executionPageJSON struct {
	Total      int             `json:"total"`
	Executions []executionJSON `json:"ejecuciones"`
}

func (h *handler) executionOut(e app.Execution) executionJSON {
	out := executionJSON{
		ID:           e.ID,
		TriggerID:    e.TriggerID,
		TriggerName:  e.TriggerName,
		ScheduledFor: h.historyStamp(e.ScheduledFor),
		StartedAt:    h.historyStamp(e.StartedAt),
		FinishedAt:   h.optHistoryStamp(e.FinishedAt),
		State:        string(e.State),
		Origin:       string(e.Origin),
		Companies:    e.Companies,
		Alerts:       e.Alerts,
		Recipients:   append([]string{}, e.Recipients...),
		Notified:     e.Notified,
		Attempts:     e.Attempts,
	}
	if !e.FinishedAt.IsZero() {
		ms := e.Duration().Milliseconds()
		out.DurationMS = &ms
	}
	if d, ok := e.Delay(); ok {
		ms := d.Milliseconds()
		out.DelayMS = &ms
	}
	if msg := messages.RunReason("es", e); msg != "" {
		out.Error = &msg
	}
	if e.MailRoute != app.MailRouteNone {
		route := string(e.MailRoute)
		out.MailRoute = &route
	}
	return out
}

func (h *handler) listExecutions(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r.URL.Query())
	window := q.page(app.DefaultHistoryLimit, app.MaxHistoryLimit)
	f := app.ExecutionFilter{
		TriggerID: q.id("trigger_id"),
		State:     app.RunState(q.Get("estado")),
		Limit:     window.Limit,
		Offset:    window.Offset,
	}
	// desde and hasta are calendar days in the configured zone, both included.
	f.From = q.date("desde", h.svc.Location())
	if to := q.date("hasta", h.svc.Location()); !to.IsZero() {
		f.To = to.AddDate(0, 0, 1)
	}
	if !f.From.IsZero() && !f.To.IsZero() && !f.From.Before(f.To) {
		q.errs.add("hasta", "hasta no puede ser anterior a desde.")
	}
	if err := q.errs.err(); err != nil {
		h.fail(w, r, err)
		return
	}
	page, err := h.svc.Executions(r.Context(), f)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := executionPageJSON{Total: page.Total, Executions: make([]executionJSON, len(page.Executions))}
	for i, e := range page.Executions {
		out.Executions[i] = h.executionOut(e)
	}
	h.respond(w, r, http.StatusOK, out, "")
}

func (h *handler) getExecution(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "la ejecución")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	e, err := h.svc.Execution(r.Context(), id)
	if errors.Is(err, app.ErrNotFound) {
		err = describe(err, "No existe la ejecución %d.", id)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.respond(w, r, http.StatusOK, h.executionOut(e), "")
}
