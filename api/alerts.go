package api

import (
	"errors"
	"net/http"
	"strconv"

	"vigia/app"
)

type companyJSON struct {
	ID        int64  `json:"id"`
	Name      string `json:"nombre"`
	NIT       string `json:"nit"`
	CreatedAt string `json:"creado_en"`
}

type alertJSON struct {
	ID         int64   `json:"id"`
	CompanyID  int64   `json:"empresa_id"`
	Title      string  `json:"titulo"`
	Detail     string  `json:"detalle"`
	Priority   string  `json:"prioridad"`
	DueOn      *string `json:"vence_el"`
	State      string  `json:"estado"`
	ResolvedAt *string `json:"resuelta_en"`
	CreatedAt  string  `json:"creado_en"`
	UpdatedAt  string  `json:"actualizado_en"`
}

// Alert states as the API names them.
const (
	alertOpen     = "abierta"
	alertResolved = "resuelta"
)

func (h *handler) companyOut(c app.Company) companyJSON {
	return companyJSON{ID: c.ID, Name: c.Name, NIT: c.NIT, CreatedAt: h.stamp(c.CreatedAt)}
}

func (h *handler) alertOut(a app.Alert) alertJSON {
	out := alertJSON{
		ID:         a.ID,
		CompanyID:  a.CompanyID,
		Title:      a.Title,
		Detail:     a.Detail,
		Priority:   string(a.Priority),
		State:      alertResolved,
		ResolvedAt: h.optStamp(a.ResolvedAt),
		CreatedAt:  h.stamp(a.CreatedAt),
		UpdatedAt:  h.stamp(a.UpdatedAt),
	}
	if a.Open {
		out.State = alertOpen
	}
	if !a.DueOn.IsZero() {
		due := a.DueOn.UTC().Format(app.DateLayout) // a calendar date, not an instant
		out.DueOn = &due
	}
	return out
}

func (h *handler) listCompanies(w http.ResponseWriter, r *http.Request) {
	cs, err := h.svc.Companies(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := make([]companyJSON, len(cs))
	for i, c := range cs {
		out[i] = h.companyOut(c)
	}
	h.respond(w, r, http.StatusOK, out, "")
}

func (h *handler) createCompany(w http.ResponseWriter, r *http.Request) {
	in, err := readInput(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d := app.CompanyDraft{
		Name: in.text("nombre", "El nombre debe ser un texto."),
		NIT:  in.text("nit", "El NIT debe ser un texto, por ejemplo \"900.123.456-7\"."),
	}
	if err := in.done(); err != nil {
		h.fail(w, r, err)
		return
	}
	c, err := h.svc.CreateCompany(r.Context(), d)
	if errors.Is(err, app.ErrConflict) {
		err = describe(err, "Ya existe una empresa con ese nombre.")
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.respond(w, r, http.StatusCreated, h.companyOut(c), "Empresa creada exitosamente")
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
	q := r.URL.Query()
	errs := map[string]string{}
	var f app.AlertFilter
	if v := q.Get("empresa_id"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id < 1 {
			errs["empresa_id"] = "empresa_id debe ser un número entero positivo."
		}
		f.CompanyID = id
	}
	if v := q.Get("prioridad"); v != "" {
		p, ok := app.ParsePriority(v)
		if !ok {
			errs["prioridad"] = "Prioridad desconocida " + strconv.Quote(v) + ": use CRITICA, ALTA, MEDIA o BAJA."
		}
		f.Priority = p
	}
	state := q.Get("estado")
	switch state {
	case "", alertResolved:
	case alertOpen:
		f.OpenOnly = true
	default:
		errs["estado"] = "Estado desconocido " + strconv.Quote(state) + ": use abierta o resuelta."
	}
	if len(errs) > 0 {
		h.fail(w, r, &app.ValidationError{Fields: errs})
		return
	}
	as, err := h.svc.Alerts(r.Context(), f)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := make([]alertJSON, 0, len(as))
	for _, a := range as {
		if state == alertResolved && a.Open { // app.AlertFilter selects open ones only
			continue
		}
		out = append(out, h.alertOut(a))
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
	a, err := h.svc.ResolveAlert(r.Context(), id)
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
