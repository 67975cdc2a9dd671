package api

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"vigia/app"
)

// triggerJSON is a trigger as the API shows it: the seed's input fields
// (lists as lists) plus its identity, next run and times.
type triggerJSON struct {
	ID                  int64    `json:"id"`
	Name                string   `json:"nombre"`
	Description         string   `json:"descripcion"`
	Frequency           string   `json:"frecuencia"`
	Time                *string  `json:"hora"`
	Weekdays            []string `json:"dias_semana"`
	DayOfMonth          *int     `json:"dia_mes"`
	IntervalHours       *int     `json:"intervalo_horas"`
	Recipients          []string `json:"destinatarios"`
	Priorities          []string `json:"prioridades"`
	Active              bool     `json:"activo"`
	SendWhenEmpty       bool     `json:"enviar_sin_alertas"`
	CatchUp             bool     `json:"recuperar"`
	NextRun             *string  `json:"proxima_ejecucion"`
	ScheduleDescription string   `json:"descripcion_programacion"`
	CreatedAt           string   `json:"creado_en"`
	UpdatedAt           string   `json:"actualizado_en"`
}

func (h *handler) triggerOut(t app.Trigger) triggerJSON {
	s := t.Schedule
	out := triggerJSON{
		ID:                  t.ID,
		Name:                t.Name,
		Description:         t.Description,
		Frequency:           string(s.Frequency),
		Weekdays:            []string{},
		Recipients:          append([]string{}, t.Recipients...),
		Priorities:          make([]string, 0, len(t.Priorities)),
		Active:              t.Active,
		SendWhenEmpty:       t.SendWhenEmpty,
		CatchUp:             t.CatchUp,
		NextRun:             h.optStamp(h.svc.NextRun(t)),
		ScheduleDescription: s.Describe(),
		CreatedAt:           h.stamp(t.CreatedAt),
		UpdatedAt:           h.stamp(t.UpdatedAt),
	}
	if s.Frequency != app.FrequencyHourly {
		hm := s.TimeOfDay()
		out.Time = &hm
	}
	for _, d := range s.Weekdays {
		out.Weekdays = append(out.Weekdays, app.WeekdayName(d))
	}
	switch s.Frequency {
	case app.FrequencyMonthly:
		day := s.DayOfMonth
		out.DayOfMonth = &day
	case app.FrequencyHourly:
		n := s.IntervalHours
		out.IntervalHours = &n
	}
	for _, p := range t.Priorities {
		out.Priorities = append(out.Priorities, string(p))
	}
	return out
}

// triggerDraft reads a trigger body: the seed's fields, with lists also as
// comma strings (recipients as the user types them) and flags also as 1/0.
func triggerDraft(r *http.Request) (app.TriggerDraft, error) {
	in, err := readInput(r)
	if err != nil {
		return app.TriggerDraft{}, err
	}
	d := app.TriggerDraft{
		Name:          in.text("nombre", "El nombre debe ser un texto."),
		Description:   in.text("descripcion", "La descripción debe ser un texto."),
		Frequency:     in.text("frecuencia", "La frecuencia debe ser un texto: diaria, semanal, mensual o personalizada."),
		Time:          in.text("hora", "La hora debe ser un texto con formato HH:MM, por ejemplo \"08:00\"."),
		Weekdays:      in.list("dias_semana", "dias_semana debe ser una lista de días, por ejemplo [\"lunes\", \"viernes\"], o un texto separado por comas."),
		DayOfMonth:    in.integer("dia_mes", "dia_mes debe ser un número entero de 1 a 31, o -1 para el último día."),
		IntervalHours: in.integer("intervalo_horas", fmt.Sprintf("intervalo_horas debe ser un número entero de 1 a %d.", app.MaxIntervalHours)),
		Recipients:    in.recipients("destinatarios", "destinatarios debe ser un texto con direcciones separadas por comas, punto y coma o saltos de línea, o una lista de direcciones."),
		Priorities:    in.list("prioridades", "prioridades debe ser un texto como \"CRITICA,ALTA\" o una lista como [\"CRITICA\", \"ALTA\"]."),
		Active:        in.flag("activo", "activo debe ser 1 o 0 (o true o false)."),
		SendWhenEmpty: in.flag("enviar_sin_alertas", "enviar_sin_alertas debe ser 1 o 0 (o true o false)."),
		CatchUp:       in.flag("recuperar", "recuperar debe ser 1 o 0 (o true o false): con 1, tras un apagado se ejecuta una vez el último turno perdido."),
	}
	return d, in.done()
}

func (h *handler) listTriggers(w http.ResponseWriter, r *http.Request) {
	ts, err := h.svc.Triggers(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := make([]triggerJSON, len(ts))
	for i, t := range ts {
		out[i] = h.triggerOut(t)
	}
	h.respond(w, r, http.StatusOK, out, "")
}

func (h *handler) createTrigger(w http.ResponseWriter, r *http.Request) {
	d, err := triggerDraft(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	t, err := h.svc.CreateTrigger(r.Context(), d)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/triggers/"+strconv.FormatInt(t.ID, 10))
	h.respond(w, r, http.StatusCreated, h.triggerOut(t), "Trigger creado exitosamente")
}

func (h *handler) getTrigger(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "el trigger")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	t, err := h.svc.Trigger(r.Context(), id)
	if err != nil {
		h.fail(w, r, triggerErr(err, id))
		return
	}
	h.respond(w, r, http.StatusOK, h.triggerOut(t), "")
}

func (h *handler) updateTrigger(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "el trigger")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d, err := triggerDraft(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	t, err := h.svc.UpdateTrigger(r.Context(), id, d)
	if err != nil {
		h.fail(w, r, triggerErr(err, id))
		return
	}
	h.respond(w, r, http.StatusOK, h.triggerOut(t), "Trigger actualizado exitosamente")
}

func (h *handler) deleteTrigger(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "el trigger")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.svc.DeleteTrigger(r.Context(), id); err != nil {
		h.fail(w, r, triggerErr(err, id))
		return
	}
	h.respond(w, r, http.StatusOK, map[string]int64{"id": id}, "Trigger eliminado; su historial se conserva")
}

func (h *handler) runTrigger(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "el trigger")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	e, err := h.svc.RunNow(r.Context(), id)
	if errors.Is(err, app.ErrRunInProgress) {
		err = describe(err, "El trigger ya se está ejecutando: espere a que termine la ejecución en curso.")
	}
	if err != nil {
		h.fail(w, r, triggerErr(err, id))
		return
	}
	w.Header().Set("Location", "/api/triggers/ejecuciones/"+strconv.FormatInt(e.ID, 10))
	h.respond(w, r, http.StatusAccepted, h.executionOut(e), "Ejecución iniciada")
}

// triggerView serves GET /api/triggers/{id}/{view}: "proximas" here,
// "vista-previa" in preview.go.
func (h *handler) triggerView(w http.ResponseWriter, r *http.Request) {
	switch r.PathValue("view") {
	case nextRunsView:
	case previewView:
		h.previewTrigger(w, r)
		return
	default:
		h.noRoute(w, r)
		return
	}
	id, err := pathID(r, "el trigger")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	n := 5
	if v := r.URL.Query().Get("n"); v != "" {
		if n, err = strconv.Atoi(v); err != nil {
			h.fail(w, r, app.Invalid("n", app.CodeNextRunsCount, app.Args{"Max": app.MaxNextRuns}))
			return
		}
	}
	runs, err := h.svc.NextRuns(r.Context(), id, n)
	if err != nil {
		h.fail(w, r, triggerErr(err, id))
		return
	}
	out := make([]string, len(runs))
	for i, t := range runs {
		out[i] = h.stamp(t)
	}
	h.respond(w, r, http.StatusOK, out, "")
}

// triggerErr names the missing trigger in a not-found error.
func triggerErr(err error, id int64) error {
	if errors.Is(err, app.ErrNotFound) {
		return describe(err, "No existe el trigger %d.", id)
	}
	return err
}

// pathID reads the {id} path segment: a positive integer, else the resource is not found.
func pathID(r *http.Request, what string) (int64, error) {
	v := r.PathValue("id")
	id, ok := parseID(v)
	if !ok {
		return 0, describe(errNoRoute, "No existe %s %q: el identificador debe ser un número entero positivo.", what, v)
	}
	return id, nil
}

// stamp formats an instant as RFC 3339 with the offset of the service's
// zone, read on each call: a zone changed in Configuración shows at once.
func (h *handler) stamp(t time.Time) string { return stampIn(t, h.svc.Location()) }

// optStamp is stamp, or null for the zero time.
func (h *handler) optStamp(t time.Time) *string { return stampOrNull(t, h.svc.Location()) }

// stampIn formats an instant as RFC 3339 with the offset of loc.
func stampIn(t time.Time, loc *time.Location) string { return t.In(loc).Format(time.RFC3339) }

// historyLayout is RFC 3339 with always three fractional digits: the times of
// the run history carry milliseconds (2026-12-03T08:00:00.042-05:00), so
// lateness and duration can be read from them; a parser of RFC 3339 reads
// them as it reads the other times, which stay in whole seconds (slots and
// creation times, as the seed gave them).
const historyLayout = "2006-01-02T15:04:05.000Z07:00"

// historyStamp formats a time of the run history, with milliseconds, in the
// service's zone.
func (h *handler) historyStamp(t time.Time) string {
	return t.In(h.svc.Location()).Format(historyLayout)
}

// optHistoryStamp is historyStamp, or null for the zero time.
func (h *handler) optHistoryStamp(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := h.historyStamp(t)
	return &s
}

// stampOrNull is stampIn, or null for the zero time.
func stampOrNull(t time.Time, loc *time.Location) *string {
	if t.IsZero() {
		return nil
	}
	s := stampIn(t, loc)
	return &s
}
