package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"vigia/app"
)

// The alert's pages: Nueva alerta and Editar alerta (one form), Resolver
// alerta with a note, and Eliminar alerta, which asks first. Each POST
// redirects back to the list it came from (its filters kept) with a flash;
// a refused form comes back with each field's error next to it and what
// the user typed, as the desktop's dialogs (ui/alertdialogs.go).

// alertFormData is the alert form's page.
type alertFormData struct {
	ID          int64 // 0: a new alert
	Form        Form
	Companies   []selectChoice
	Priorities  []selectChoice
	Row         *alertRow // the alert as saved (edit, resolve, delete)
	Back        string
	NoCompanies bool
}

// alertsBack is where an alert's page goes back to: the list (with the
// filters it was opened with), never another site's or area's address.
func alertsBack(v string) string {
	if p := localPath(v); p != "" && (p == "/alertas" || strings.HasPrefix(p, "/alertas?")) {
		return p
	}
	return "/alertas"
}

// pathRecordID is the {id} of the request's path; false (and the 404 page) when it is no ID.
func (s *Server) pathRecordID(w http.ResponseWriter, r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.notFound(w, r)
		return 0, false
	}
	return id, true
}

func (s *Server) newAlertPage(w http.ResponseWriter, r *http.Request) {
	values := url.Values{"prioridad": {string(app.PriorityMedium)}}
	if c := r.URL.Query().Get("empresa"); c != "" {
		values.Set("empresa_id", c)
	}
	s.showAlertForm(w, r, 0, NewForm(values), alertsBack(r.URL.Query().Get("volver")), http.StatusOK)
}

func (s *Server) editAlertPage(w http.ResponseWriter, r *http.Request) {
	id, ok := s.pathRecordID(w, r)
	if !ok {
		return
	}
	a, err := s.svc.Alert(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	values := url.Values{"empresa_id": {strconv.FormatInt(a.CompanyID, 10)}, "titulo": {a.Title}, "detalle": {a.Detail},
		"prioridad": {string(a.Priority)}, "vence_el": {dueValue(a.DueOn)}}
	s.showAlertForm(w, r, id, NewForm(values), alertsBack(r.URL.Query().Get("volver")), http.StatusOK)
}

// showAlertForm renders the form of alert id (0: new) with f.
func (s *Server) showAlertForm(w http.ResponseWriter, r *http.Request, id int64, f Form, back string, status int) {
	ctx, lang := r.Context(), s.lang(r)
	cs, err := s.svc.CompanyNames(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	selected, _ := strconv.ParseInt(f.Value("empresa_id"), 10, 64)
	d := alertFormData{ID: id, Form: f, Back: back, NoCompanies: len(cs) == 0,
		Companies: companyOptions(lang, cs, selected, T(lang, "alertas.form.elija_empresa"))}
	d.Priorities = []selectChoice{{Value: "", Label: T(lang, "alertas.form.elija_prioridad"), Selected: f.Value("prioridad") == ""}}
	for _, p := range app.Priorities {
		d.Priorities = append(d.Priorities, selectChoice{Value: string(p), Label: priorityLabel(lang, p), Selected: f.Value("prioridad") == string(p)})
	}
	title := K("alertas.form.nueva")
	if id != 0 {
		title = K("alertas.form.editar")
		row, err := s.alertRow(r, id)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		d.Row = &row
	}
	s.render(w, r, Page{Template: "alerts_form", Title: title, Area: AreaAlertas, Status: status, Data: d})
}

// alertRow is alert id as the pages word it.
func (s *Server) alertRow(r *http.Request, id int64) (alertRow, error) {
	a, err := s.svc.Alert(r.Context(), id)
	if err != nil {
		return alertRow{}, err
	}
	c, err := s.svc.Company(r.Context(), a.CompanyID)
	if err != nil && !errors.Is(err, app.ErrNotFound) {
		return alertRow{}, err
	}
	return newAlertRow(s.lang(r), s.svc.Location(), dueDay(s.svc.Now(), s.svc.Location()), a, c), nil
}

func (s *Server) createAlert(w http.ResponseWriter, r *http.Request) { s.saveAlert(w, r, 0) }

func (s *Server) updateAlert(w http.ResponseWriter, r *http.Request) {
	if id, ok := s.pathRecordID(w, r); ok {
		s.saveAlert(w, r, id)
	}
}

// saveAlert creates (id 0) or updates alert id from the posted form.
func (s *Server) saveAlert(w http.ResponseWriter, r *http.Request, id int64) {
	if err := parseForm(w, r); err != nil {
		s.refuse(w, r, http.StatusBadRequest, "error.formulario")
		return
	}
	lang, f := s.lang(r), NewForm(r.PostForm)
	back := alertsBack(f.Value("volver"))
	d := alertDraft(f)
	var a app.Alert
	var err error
	if id == 0 {
		a, err = s.svc.CreateAlert(r.Context(), d)
	} else {
		a, err = s.svc.UpdateAlert(r.Context(), id, d)
	}
	if f.Refused(lang, err) {
		alertFormErrors(lang, err, &f)
		s.showAlertForm(w, r, id, f, back, http.StatusBadRequest)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	key := K("alertas.form.guardada")
	if id == 0 {
		key = K("alertas.form.creada")
	}
	s.flash(r, FlashOK, T(lang, key, "Titulo", a.Title))
	s.redirect(w, r, back)
}

// alertDraft reads the form as the core's draft: an empty choice is absent
// (the core says it is required), a date typed DD/MM/AAAA is read as the
// date it is.
func alertDraft(f Form) app.AlertDraft {
	title, detail, due := f.Value("titulo"), f.Value("detalle"), typedDay(f.Value("vence_el"))
	d := app.AlertDraft{Title: &title, Detail: &detail, DueOn: &due}
	if id, err := strconv.ParseInt(f.Value("empresa_id"), 10, 64); err == nil && id > 0 {
		d.CompanyID = &id
	}
	if p := f.Value("prioridad"); p != "" {
		d.Priority = &p
	}
	return d
}

// alertFormErrors words two of the core's refusals for this form, as the
// desktop does: the core speaks of empresa_id and AAAA-MM-DD, the form of a
// list and DD/MM/AAAA. A date read but out of range keeps the core's words.
func alertFormErrors(lang string, err error, f *Form) {
	var v *app.ValidationError
	if !errors.As(err, &v) {
		return
	}
	if v.Problems["vence_el"].Code == app.CodeDateInvalid {
		f.Errors["vence_el"] = T(lang, "alertas.fecha.invalida")
	}
	if v.Problems["empresa_id"].Code == app.CodeCompanyRequired {
		f.Errors["empresa_id"] = T(lang, "alertas.form.empresa_obligatoria")
	}
}

// alertActionData is the Resolver and Eliminar pages.
type alertActionData struct {
	Row  alertRow
	Form Form
	Back string
}

func (s *Server) resolveAlertPage(w http.ResponseWriter, r *http.Request) {
	s.alertAction(w, r, "alerts_resolve", K("alertas.resolver.titulo"), NewForm(nil), http.StatusOK)
}

func (s *Server) deleteAlertPage(w http.ResponseWriter, r *http.Request) {
	s.alertAction(w, r, "alerts_delete", K("alertas.eliminar.titulo"), NewForm(nil), http.StatusOK)
}

// alertAction renders the page of one action on the path's alert.
func (s *Server) alertAction(w http.ResponseWriter, r *http.Request, tmpl, title string, f Form, status int) {
	id, ok := s.pathRecordID(w, r)
	if !ok {
		return
	}
	row, err := s.alertRow(r, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	back := f.Value("volver")
	if back == "" {
		back = r.URL.Query().Get("volver")
	}
	s.render(w, r, Page{Template: tmpl, Title: title, Area: AreaAlertas, Status: status,
		Data: alertActionData{Row: row, Form: f, Back: alertsBack(back)}})
}

// resolveAlert closes the alert with the note typed; a resolved one stays as it was.
func (s *Server) resolveAlert(w http.ResponseWriter, r *http.Request) {
	id, ok := s.pathRecordID(w, r)
	if !ok {
		return
	}
	if err := parseForm(w, r); err != nil {
		s.refuse(w, r, http.StatusBadRequest, "error.formulario")
		return
	}
	lang, f := s.lang(r), NewForm(r.PostForm)
	before, err := s.svc.Alert(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !before.Open {
		s.flash(r, FlashWarning, T(lang, "alertas.resolver.ya_resuelta", "Titulo", before.Title))
		s.redirect(w, r, alertsBack(f.Value("volver")))
		return
	}
	_, err = s.svc.ResolveAlert(r.Context(), id, f.Value("nota"))
	if f.Refused(lang, err) {
		s.alertAction(w, r, "alerts_resolve", K("alertas.resolver.titulo"), f, http.StatusBadRequest)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.flash(r, FlashOK, T(lang, "alertas.resolver.hecho", "Titulo", before.Title))
	s.redirect(w, r, alertsBack(f.Value("volver")))
}

// deleteAlert deletes the alert: its page asked first.
func (s *Server) deleteAlert(w http.ResponseWriter, r *http.Request) {
	id, ok := s.pathRecordID(w, r)
	if !ok {
		return
	}
	if err := parseForm(w, r); err != nil {
		s.refuse(w, r, http.StatusBadRequest, "error.formulario")
		return
	}
	a, err := s.svc.Alert(r.Context(), id)
	if err == nil {
		err = s.svc.DeleteAlert(r.Context(), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.flash(r, FlashOK, T(s.lang(r), "alertas.eliminar.hecho", "Titulo", a.Title))
	s.redirect(w, r, alertsBack(r.PostForm.Get("volver")))
}
