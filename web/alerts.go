package web

import (
	"context"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"vigia/app"
)

// Alertas: every company's alerts with filters (company, effective
// priority, state, due by) and pages, as the desktop's Alertas tab
// (ui/alerts*.go). The forms to create, edit, resolve and delete are in
// alertsform.go, the CSV import in alertsimport.go; the companies with
// their badges are the Empresas page (companies.go).

var _ = area((*Server).alertRoutes)

func (s *Server) alertRoutes(m *http.ServeMux) {
	m.HandleFunc("GET /alertas", s.alertsPage)
	m.HandleFunc("GET /alertas/exportar", s.exportAlerts)
	m.HandleFunc("GET /alertas/nueva", s.newAlertPage)
	m.HandleFunc("POST /alertas/nueva", s.createAlert)
	m.HandleFunc("GET /alertas/{id}", s.editAlertPage)
	m.HandleFunc("POST /alertas/{id}", s.updateAlert)
	m.HandleFunc("GET /alertas/{id}/resolver", s.resolveAlertPage)
	m.HandleFunc("POST /alertas/{id}/resolver", s.resolveAlert)
	m.HandleFunc("GET /alertas/{id}/eliminar", s.deleteAlertPage)
	m.HandleFunc("POST /alertas/{id}/eliminar", s.deleteAlert)
	m.HandleFunc("GET /alertas/importar", s.importPage)
	m.HandleFunc("POST /alertas/importar", s.importUpload)
	m.HandleFunc("GET /alertas/importar/revisar", s.importReview)
	m.HandleFunc("POST /alertas/importar/confirmar", s.importConfirm)
}

// alertPageSize is the core's default page of alerts (app.AlertQuery's Limit 0).
const alertPageSize = app.DefaultAlertLimit

// The state filter's values, as the query string names them.
const (
	alertStateOpen     = "abiertas"
	alertStateResolved = "resueltas"
	alertStateAll      = "todas"
)

// alertFilters are the list's filters as the query string gives them.
type alertFilters struct {
	Company  int64
	Priority string // an app.Priority, "" for every one
	State    string // alertStateOpen (the default), alertStateResolved or alertStateAll
	DueBy    string // as typed
	Page     int    // from 1

	dueBy time.Time
}

// readAlertFilters reads the query; what it cannot read is left out, and a
// due date that does not read says so next to its field.
func readAlertFilters(lang string, q url.Values) (alertFilters, map[string]string) {
	f := alertFilters{State: alertStateOpen, DueBy: strings.TrimSpace(q.Get("vence_hasta")), Page: 1}
	errs := map[string]string{}
	f.Company, _ = strconv.ParseInt(q.Get("empresa"), 10, 64)
	if p, ok := app.ParsePriority(q.Get("prioridad")); ok {
		f.Priority = string(p)
	}
	switch v := q.Get("estado"); v {
	case alertStateResolved, alertStateAll:
		f.State = v
	}
	if n, err := strconv.Atoi(q.Get("pagina")); err == nil && n > 1 {
		f.Page = n
	}
	if f.DueBy != "" {
		d, problem := app.ParseDate(typedDay(f.DueBy), time.UTC)
		switch {
		case problem == nil:
			f.dueBy, f.DueBy = d, d.Format(app.DateLayout) // as a date input holds it
		case problem.Code == app.CodeDateInvalid:
			errs["vence_hasta"] = T(lang, "alertas.fecha.invalida")
		default:
			errs["vence_hasta"] = TM(lang, *problem)
		}
	}
	return f, errs
}

// query is the core's question for the filters' page.
func (f alertFilters) query() app.AlertQuery {
	q := app.AlertQuery{CompanyID: f.Company, Priority: app.Priority(f.Priority), DueBy: f.dueBy,
		Offset: (f.Page - 1) * alertPageSize}
	switch f.State {
	case alertStateOpen:
		q.OpenOnly = true
	case alertStateResolved:
		q.ResolvedOnly = true
	}
	return q
}

// href is the list's address with these filters on page (links keep the filters).
func (f alertFilters) href(page int) string {
	q := url.Values{}
	if f.Company != 0 {
		q.Set("empresa", strconv.FormatInt(f.Company, 10))
	}
	if f.Priority != "" {
		q.Set("prioridad", f.Priority)
	}
	if f.State != alertStateOpen {
		q.Set("estado", f.State)
	}
	if f.DueBy != "" {
		q.Set("vence_hasta", f.DueBy)
	}
	if page > 1 {
		q.Set("pagina", strconv.Itoa(page))
	}
	if len(q) == 0 {
		return "/alertas"
	}
	return "/alertas?" + q.Encode()
}

// companySelectMax bounds the companies a filter offers as a list: beyond
// it (an office with thousands of clients) the list would outweigh the page,
// and the company is chosen on Empresas («Ver alertas») and named here.
const companySelectMax = 200

// alertsData is the Alertas page.
type alertsData struct {
	Filters      alertFilters
	Errors       map[string]string
	Companies    []selectChoice // the company filter's list; nil beyond companySelectMax
	CompanyName  string         // the company filtered by, named when there is no list
	AllCompanies string         // the filters without the company
	Priorities   []selectChoice
	States       []selectChoice
	Rows         []alertRow
	Body         template.HTML // Rows as the table's rows (tablerows.go)
	Total        int
	PageText     string
	Prev, Next   string // the pages' addresses, "" when none
	NewUser      bool   // no company yet: the way in instead of an empty table
	Back         string // this page's address, for the forms that come back here
}

func (s *Server) alertsPage(w http.ResponseWriter, r *http.Request) {
	ctx, lang := r.Context(), s.lang(r)
	f, errs := readAlertFilters(lang, r.URL.Query())
	count, err := s.svc.CompanyCount(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	page, err := s.svc.AlertPage(ctx, f.query())
	if err == nil && f.Page > 1 && len(page.Alerts) == 0 && page.Total > 0 {
		f.Page = (page.Total-1)/alertPageSize + 1 // past the end: the last page, as the desktop
		page, err = s.svc.AlertPage(ctx, f.query())
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	listed := count <= companySelectMax
	cs, err := s.alertsCompanies(ctx, listed, page.Alerts, f.Company)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := alertsData{Filters: f, Errors: errs, Total: page.Total, NewUser: count == 0, Back: f.href(f.Page)}
	d.options(lang, cs, listed)
	byID := companiesByID(cs)
	today := dueDay(s.svc.Now(), s.svc.Location())
	for _, a := range page.Alerts {
		d.Rows = append(d.Rows, newAlertRow(lang, s.svc.Location(), today, a, byID[a.CompanyID]))
	}
	d.Body = alertRowsHTML(lang, d.Rows, d.Back)
	if page.Total > 0 {
		from := (f.Page-1)*alertPageSize + 1
		d.PageText = T(lang, "alertas.pagina", "Desde", from, "Hasta", from+len(page.Alerts)-1, "Total", page.Total)
	}
	if f.Page > 1 {
		d.Prev = f.href(f.Page - 1)
	}
	if f.Page*alertPageSize < page.Total {
		d.Next = f.href(f.Page + 1)
	}
	s.render(w, r, Page{Template: "alerts", Title: K("alertas.titulo"), Area: AreaAlertas, Data: d})
}

// alertsCompanies reads the companies the Alertas page names: every one
// when its filter lists them, else those of the page's alerts and the
// chosen one (an office with thousands of clients reads a hundred).
func (s *Server) alertsCompanies(ctx context.Context, listed bool, alerts []app.Alert, chosen int64) ([]app.Company, error) {
	if listed {
		return s.svc.CompanyNames(ctx)
	}
	ids := make([]int64, 0, len(alerts)+1)
	if chosen != 0 {
		ids = append(ids, chosen)
	}
	for _, a := range alerts {
		ids = append(ids, a.CompanyID)
	}
	slices.Sort(ids)
	return s.svc.CompanyNamesOf(ctx, slices.Compact(ids))
}

// options fills the filters' choices, the current ones selected; the
// companies are a list when listed.
func (d *alertsData) options(lang string, cs []app.Company, listed bool) {
	if listed {
		d.Companies = companyOptions(lang, cs, d.Filters.Company, T(lang, "alertas.filtro.todas_las_empresas"))
	}
	all := d.Filters
	all.Company = 0
	d.AllCompanies = all.href(1)
	for _, c := range cs {
		if c.ID == d.Filters.Company {
			d.CompanyName = c.Name
		}
	}
	d.Priorities = []selectChoice{{Value: "", Label: T(lang, "alertas.filtro.todas_prioridades"), Selected: d.Filters.Priority == ""}}
	for _, p := range app.Priorities {
		d.Priorities = append(d.Priorities, selectChoice{Value: string(p), Label: priorityLabel(lang, p), Selected: d.Filters.Priority == string(p)})
	}
	d.States = []selectChoice{
		{Value: alertStateOpen, Label: T(lang, "alertas.filtro.abiertas"), Selected: d.Filters.State == alertStateOpen},
		{Value: alertStateResolved, Label: T(lang, "alertas.filtro.resueltas"), Selected: d.Filters.State == alertStateResolved},
		{Value: alertStateAll, Label: T(lang, "alertas.filtro.todos_estados"), Selected: d.Filters.State == alertStateAll},
	}
}

// companyOptions are the companies as a select's choices, led by none
// (value "", worded first); an inactive company says so.
func companyOptions(lang string, cs []app.Company, selected int64, first string) []selectChoice {
	out := make([]selectChoice, 0, len(cs)+1)
	out = append(out, selectChoice{Value: "", Label: first, Selected: selected == 0})
	for _, c := range cs {
		label := c.Name
		if !c.Active {
			label += " (" + T(lang, "empresas.inactiva") + ")"
		}
		out = append(out, selectChoice{Value: strconv.FormatInt(c.ID, 10), Label: label, Selected: c.ID == selected})
	}
	return out
}

func companiesByID(cs []app.Company) map[int64]app.Company {
	out := make(map[int64]app.Company, len(cs))
	for _, c := range cs {
		out[c.ID] = c
	}
	return out
}

// exportAlerts downloads every alert as the desktop's «Exportar alertas» writes them.
func (s *Server) exportAlerts(w http.ResponseWriter, r *http.Request) {
	s.sendCSV(w, r, "alertas", s.svc.ExportAlertsCSV)
}
