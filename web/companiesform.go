package web

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"vigia/app"
	"vigia/app/taxcal"
)

// Nueva empresa and Editar empresa, as the desktop's company dialog
// (ui/companies.go, ui/calendarcompany.go): name, NIT (with its check digit
// shown), contact, active, and the tax obligations as check boxes grouped by
// who collects them, with the next three due dates they give. «Ver próximos
// vencimientos» posts the form to show them without saving; app.js updates
// them as boxes are ticked (GET /empresas/vencimientos, a fragment).

// companyNextDeadlines is how many next due dates the form shows.
const companyNextDeadlines = 3

// companyFormData is the company form's page.
type companyFormData struct {
	ID        int64
	Saved     string // the company's name as saved (edit)
	Form      Form
	NITHint   string
	Groups    []obligationGroup
	Deadlines deadlinesView
}

// obligationGroup is the boxes of one collector (DIAN, the district).
type obligationGroup struct {
	Title string
	Boxes []obligationBox
}

// obligationBox is one obligation's check box.
type obligationBox struct {
	Code, Label string
	Checked     bool
}

// deadlinesView is the next due dates, or why there is none, with its own
// words: app.js swaps it in alone.
type deadlinesView struct {
	Title   string
	Rows    []deadlineView
	Why     string
	Confirm string // a computed date wants checking
}

var obligationGroupKeys = map[string]string{
	taxcal.GroupNational: K("calendario.grupo.nacional"),
	taxcal.GroupDistrict: K("calendario.grupo.distrital"),
}

func (s *Server) newCompanyPage(w http.ResponseWriter, r *http.Request) {
	s.showCompanyForm(w, r, 0, NewForm(url.Values{"activa": {"1"}}), http.StatusOK)
}

func (s *Server) editCompanyPage(w http.ResponseWriter, r *http.Request) {
	id, ok := s.pathRecordID(w, r)
	if !ok {
		return
	}
	c, err := s.svc.Company(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := url.Values{"nombre": {c.Name}, "nit": {c.NIT}, "contacto": {c.Contact}, "responsabilidades": c.Responsibilities}
	if c.Active {
		v.Set("activa", "1")
	}
	s.showCompanyForm(w, r, id, NewForm(v), http.StatusOK)
}

// showCompanyForm renders the form of company id (0: new) with f, and the
// due dates of what f ticks.
func (s *Server) showCompanyForm(w http.ResponseWriter, r *http.Request, id int64, f Form, status int) {
	lang := s.lang(r)
	d := companyFormData{ID: id, Form: f, NITHint: nitHint(lang, f.Value("nit")),
		Groups:    s.obligationGroups(lang, f.Values["responsabilidades"]),
		Deadlines: s.nextDeadlines(lang, f.Value("nit"), f.Values["responsabilidades"])}
	title := K("empresas.nueva.titulo")
	if id != 0 {
		title = K("empresas.editar.titulo")
		c, err := s.svc.Company(r.Context(), id)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		d.Saved = c.Name
	}
	s.render(w, r, Page{Template: "companies_form", Title: title, Area: AreaAlertas, Status: status, Data: d})
}

// obligationGroups are the obligations' boxes by group, in the catalog's order.
func (s *Server) obligationGroups(lang string, ticked []string) []obligationGroup {
	var out []obligationGroup
	at := map[string]int{}
	for _, o := range s.svc.CalendarObligations() {
		i, ok := at[o.Group]
		if !ok {
			title := o.Group
			if k, ok := obligationGroupKeys[o.Group]; ok {
				title = T(lang, k)
			}
			i = len(out)
			at[o.Group] = i
			out = append(out, obligationGroup{Title: title})
		}
		out[i].Boxes = append(out[i].Boxes, obligationBox{Code: o.Code, Label: obligationLabel(lang, o),
			Checked: slices.Contains(ticked, o.Code)})
	}
	return out
}

// nextDeadlines are the next due dates codes give a company with nit, or why none shows.
func (s *Server) nextDeadlines(lang, nit string, codes []string) deadlinesView {
	v := deadlinesView{Title: T(lang, "calendario.empresa.proximos")}
	if len(codes) == 0 {
		v.Why = T(lang, "calendario.empresa.sin_responsabilidades")
		return v
	}
	ds := s.svc.NextDeadlines(nit, codes, companyNextDeadlines)
	if len(ds) == 0 {
		v.Why = T(lang, "calendario.empresa.sin_fechas")
		if _, problem := app.NormalizeNIT(nit); keyedByNIT(codes) && (strings.TrimSpace(nit) == "" || problem != nil) {
			v.Why = T(lang, "calendario.empresa.falta_nit")
		}
		return v
	}
	rows, computed := deadlineViews(lang, ds)
	v.Rows = rows
	if computed {
		v.Confirm = T(lang, "calendario.empresa.confirme")
	}
	return v
}

// nitHint is what the form says under the NIT: the NIT as it will be
// stored, with its check digit; the two readings of an ambiguous one; the
// right digit when the one typed is wrong; else the field's help.
func nitHint(lang, typed string) string {
	if strings.TrimSpace(typed) == "" {
		return T(lang, "empresas.nit.ayuda")
	}
	nit, problem := app.NormalizeNIT(typed)
	switch {
	case problem == nil:
		return T(lang, "empresas.nit.con_dv", "NIT", nit)
	case problem.Code == app.CodeNITAmbiguous:
		return T(lang, "empresas.nit.ambiguo", "Glued", problem.Args["Glued"], "Whole", problem.Args["Whole"])
	case problem.Code == app.CodeNITCheckDigitWrong:
		return T(lang, "empresas.nit.dv_incorrecto", "Base", problem.Args["Base"], "Want", problem.Args["Want"], "Got", problem.Args["Got"])
	}
	return T(lang, "empresas.nit.ayuda")
}

// companyDeadlines is the preview alone, for app.js to swap in as the form changes.
func (s *Server) companyDeadlines(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	v := s.nextDeadlines(s.lang(r), q.Get("nit"), q["responsabilidades"])
	var b bytes.Buffer
	t, ok := s.pages.byName["companies_form"]
	if !ok {
		s.fail(w, r, fmt.Errorf("no template companies_form"))
		return
	}
	if err := t.ExecuteTemplate(&b, "company-deadlines", v); err != nil {
		s.fail(w, r, fmt.Errorf("company deadlines: %w", err))
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = w.Write(b.Bytes())
}

func (s *Server) createCompany(w http.ResponseWriter, r *http.Request) { s.saveCompany(w, r, 0) }

func (s *Server) updateCompany(w http.ResponseWriter, r *http.Request) {
	if id, ok := s.pathRecordID(w, r); ok {
		s.saveCompany(w, r, id)
	}
}

// saveCompany creates (id 0) or updates company id from the posted form;
// «Ver próximos vencimientos» only shows the form again with its dates.
func (s *Server) saveCompany(w http.ResponseWriter, r *http.Request, id int64) {
	if err := parseForm(w, r); err != nil {
		s.refuse(w, r, http.StatusBadRequest, "error.formulario")
		return
	}
	lang, f := s.lang(r), NewForm(r.PostForm)
	if f.Value("accion") == "vencimientos" {
		s.showCompanyForm(w, r, id, f, http.StatusOK)
		return
	}
	name, nit, contact, active := f.Value("nombre"), f.Value("nit"), f.Value("contacto"), f.Value("activa") == "1"
	codes := append([]string{}, f.Values["responsabilidades"]...)
	d := app.CompanyDraft{Name: &name, NIT: &nit, Contact: &contact, Active: &active, Responsibilities: &codes}
	var c app.Company
	var err error
	if id == 0 {
		c, err = s.svc.CreateCompany(r.Context(), d)
	} else {
		c, err = s.svc.UpdateCompany(r.Context(), id, d)
	}
	if errors.Is(err, app.ErrConflict) {
		f.Errors["nombre"] = T(lang, "empresas.nombre.repetido", "Empresa", strings.TrimSpace(name))
		f.Message = T(lang, "error.datos_invalidos")
		s.showCompanyForm(w, r, id, f, http.StatusConflict)
		return
	}
	if f.Refused(lang, err) {
		s.showCompanyForm(w, r, id, f, http.StatusBadRequest)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	key := K("empresas.guardada")
	if id == 0 {
		key = K("empresas.creada")
	}
	s.flash(r, FlashOK, T(lang, key, "Empresa", c.Name))
	s.redirect(w, r, "/empresas")
}

// companyDeleteData is the Eliminar empresa page.
type companyDeleteData struct {
	ID       int64
	Question string
	Force    bool   // it has alerts: deleting it deletes them
	Changed  string // alerts arrived since the question was asked
}

// deleteCompanyPage asks first; a company with alerts says how many go with it.
func (s *Server) deleteCompanyPage(w http.ResponseWriter, r *http.Request) {
	id, ok := s.pathRecordID(w, r)
	if !ok {
		return
	}
	c, err := s.svc.Company(r.Context(), id)
	var as []app.Alert
	if err == nil {
		as, err = s.svc.Alerts(r.Context(), app.AlertFilter{CompanyID: id})
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	inUse := app.CompanyInUseError{Name: c.Name}
	for _, a := range as {
		if a.Open {
			inUse.Open++
		} else {
			inUse.Resolved++
		}
	}
	s.askDeleteCompany(w, r, id, inUse, "", http.StatusOK)
}

func (s *Server) askDeleteCompany(w http.ResponseWriter, r *http.Request, id int64, c app.CompanyInUseError, changed string, status int) {
	lang := s.lang(r)
	d := companyDeleteData{ID: id, Force: c.Open+c.Resolved > 0, Changed: changed,
		Question: T(lang, "empresas.eliminar.pregunta", "Empresa", c.Name)}
	if d.Force {
		d.Question = T(lang, "empresas.eliminar.con_alertas", "Empresa", c.Name, "Abiertas", c.Open,
			"Resueltas", c.Resolved, "Total", c.Open+c.Resolved)
	}
	s.render(w, r, Page{Template: "companies_delete", Title: K("empresas.eliminar.titulo"), Area: AreaAlertas,
		Status: status, Data: d})
}

// deleteCompany deletes the company, and its alerts when the page said so;
// alerts that arrived after the question make it ask again.
func (s *Server) deleteCompany(w http.ResponseWriter, r *http.Request) {
	id, ok := s.pathRecordID(w, r)
	if !ok {
		return
	}
	if err := parseForm(w, r); err != nil {
		s.refuse(w, r, http.StatusBadRequest, "error.formulario")
		return
	}
	lang := s.lang(r)
	c, err := s.svc.Company(r.Context(), id)
	if err == nil {
		err = s.svc.DeleteCompany(r.Context(), id, r.PostForm.Get("forzar") == "1")
	}
	var inUse *app.CompanyInUseError
	if errors.As(err, &inUse) {
		s.askDeleteCompany(w, r, id, *inUse, T(lang, "empresas.eliminar.cambio"), http.StatusConflict)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.flash(r, FlashOK, T(lang, "empresas.eliminar.hecho", "Empresa", c.Name))
	s.redirect(w, r, "/empresas")
}

// keyedByNIT reports whether one of codes has dates that depend on the NIT.
func keyedByNIT(codes []string) bool {
	return slices.ContainsFunc(codes, func(c string) bool {
		o, ok := taxcal.ObligationByCode(c)
		return ok && o.Key != taxcal.KeyNone
	})
}
