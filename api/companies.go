package api

import (
	"errors"
	"net/http"
	"strconv"

	"vigia/app"
)

type companyJSON struct {
	ID        int64          `json:"id"`
	Name      string         `json:"nombre"`
	NIT       string         `json:"nit"`
	Contact   string         `json:"contacto"`
	Active    bool           `json:"activa"`
	CreatedAt string         `json:"creado_en"`
	Open      map[string]int `json:"alertas_abiertas"` // by effective priority, every priority present
	// Responsibilities are the company's tax-calendar obligations (codes).
	Responsibilities []string `json:"responsabilidades"`
}

func (h *handler) companyOut(c app.Company, counts map[int64]map[app.Priority]int) companyJSON {
	open := make(map[string]int, len(app.Priorities))
	for _, p := range app.Priorities {
		open[string(p)] = counts[c.ID][p]
	}
	duties := c.Responsibilities
	if duties == nil {
		duties = []string{}
	}
	return companyJSON{ID: c.ID, Name: c.Name, NIT: c.NIT, Contact: c.Contact, Active: c.Active,
		CreatedAt: h.stamp(c.CreatedAt), Open: open, Responsibilities: duties}
}

// respondCompany answers with one company and its open-alert counts.
func (h *handler) respondCompany(w http.ResponseWriter, r *http.Request, status int, c app.Company, message string) {
	counts, err := h.svc.OpenAlertCounts(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.respond(w, r, status, h.companyOut(c, counts), message)
}

func (h *handler) listCompanies(w http.ResponseWriter, r *http.Request) {
	cs, err := h.svc.Companies(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	counts, err := h.svc.OpenAlertCounts(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := make([]companyJSON, len(cs))
	for i, c := range cs {
		out[i] = h.companyOut(c, counts)
	}
	h.respond(w, r, http.StatusOK, out, "")
}

func companyDraft(r *http.Request) (app.CompanyDraft, error) {
	in, err := readInput(r)
	if err != nil {
		return app.CompanyDraft{}, err
	}
	d := app.CompanyDraft{
		Name:    in.text("nombre", "El nombre debe ser un texto."),
		NIT:     in.text("nit", "El NIT debe ser un texto, por ejemplo \"900.123.456-8\"."),
		Contact: in.text("contacto", "El contacto debe ser un texto con un correo electrónico."),
		Active:  in.flag("activa", "activa debe ser true o false."),
		Responsibilities: in.list("responsabilidades",
			"responsabilidades debe ser una lista de códigos, por ejemplo [\"retencion_fuente\", \"iva_bimestral\"]."),
	}
	return d, in.done()
}

func (h *handler) createCompany(w http.ResponseWriter, r *http.Request) {
	d, err := companyDraft(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	c, err := h.svc.CreateCompany(r.Context(), d)
	if err != nil {
		h.fail(w, r, companyErr(err, 0))
		return
	}
	w.Header().Set("Location", "/api/empresas/"+strconv.FormatInt(c.ID, 10))
	h.respondCompany(w, r, http.StatusCreated, c, "Empresa creada exitosamente")
}

func (h *handler) getCompany(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "la empresa")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	c, err := h.svc.Company(r.Context(), id)
	if err != nil {
		h.fail(w, r, companyErr(err, id))
		return
	}
	h.respondCompany(w, r, http.StatusOK, c, "")
}

func (h *handler) updateCompany(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "la empresa")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d, err := companyDraft(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	c, err := h.svc.UpdateCompany(r.Context(), id, d)
	if err != nil {
		h.fail(w, r, companyErr(err, id))
		return
	}
	h.respondCompany(w, r, http.StatusOK, c, "Empresa actualizada exitosamente")
}

func (h *handler) deleteCompany(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "la empresa")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var force bool
	switch v := r.URL.Query().Get("forzar"); v {
	case "", "0", "false":
	case "1", "true":
		force = true
	default:
		h.fail(w, r, fieldError("forzar", "forzar debe ser 1 o 0, no "+strconv.Quote(v)+"."))
		return
	}
	if err := h.svc.DeleteCompany(r.Context(), id, force); err != nil {
		h.fail(w, r, companyErr(err, id))
		return
	}
	h.respond(w, r, http.StatusOK, map[string]int64{"id": id}, "Empresa eliminada")
}

// companyErr gives the company errors their Spanish messages.
func companyErr(err error, id int64) error {
	var inUse *app.CompanyInUseError
	switch {
	case errors.As(err, &inUse):
		return describe(err, "La empresa «%s» tiene %s y %s: para eliminarla junto con todas sus alertas use ?forzar=1.",
			inUse.Name, count(inUse.Open, "alerta abierta", "alertas abiertas"), count(inUse.Resolved, "alerta resuelta", "alertas resueltas"))
	case errors.Is(err, app.ErrConflict):
		return describe(err, "Ya existe una empresa con ese nombre.")
	case errors.Is(err, app.ErrNotFound):
		return describe(err, "No existe la empresa %d.", id)
	}
	return err
}

func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
