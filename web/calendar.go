package web

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"vigia/app"
	"vigia/app/taxcal"
)

// Calendario: the coming due dates of every client's tax obligations, by
// date (the calendar's alerts), filtered by obligation and company, paged,
// and their CSV; above them, once, the disclaimer that the accountant
// remains responsible, which calendar is loaded and what it warns about,
// and the way to load an updated calendar file (calendarload.go). The
// desktop's Calendario tab (ui/calendar*.go).

var _ = area((*Server).calendarRoutes)

func (s *Server) calendarRoutes(m *http.ServeMux) {
	m.HandleFunc("GET /calendario", s.calendarPage)
	m.HandleFunc("GET /calendario/exportar", s.exportCalendar)
	m.HandleFunc("GET /calendario/cargar", s.calendarLoadPage)
	m.HandleFunc("POST /calendario/cargar", s.calendarUpload)
	m.HandleFunc("GET /calendario/cargar/revisar", s.calendarReview)
	m.HandleFunc("POST /calendario/cargar/confirmar", s.calendarConfirm)
}

// calendarPageSize is how many due dates a page lists.
const calendarPageSize = 200

// calendarFilters are the page's filters as the query string gives them.
type calendarFilters struct {
	Obligation string
	Company    int64
	Resolved   bool // resolved ones too (open ones only by default, overdue included)
	Page       int
}

func readCalendarFilters(q url.Values) calendarFilters {
	f := calendarFilters{Obligation: q.Get("obligacion"), Resolved: q.Get("resueltas") == "1", Page: 1}
	f.Company, _ = strconv.ParseInt(q.Get("empresa"), 10, 64)
	if n, err := strconv.Atoi(q.Get("pagina")); err == nil && n > 1 {
		f.Page = n
	}
	return f
}

func (f calendarFilters) filter() app.CalendarFilter {
	return app.CalendarFilter{Obligation: f.Obligation, CompanyID: f.Company, OpenOnly: !f.Resolved}
}

// query is the filters as a query string ("" when none), on page.
func (f calendarFilters) query(page int) string {
	q := url.Values{}
	if f.Obligation != "" {
		q.Set("obligacion", f.Obligation)
	}
	if f.Company != 0 {
		q.Set("empresa", strconv.FormatInt(f.Company, 10))
	}
	if f.Resolved {
		q.Set("resueltas", "1")
	}
	if page > 1 {
		q.Set("pagina", strconv.Itoa(page))
	}
	if len(q) == 0 {
		return ""
	}
	return "?" + q.Encode()
}

// calendarData is the Calendario page.
type calendarData struct {
	Disclaimer   string
	Loaded       string
	Notices      []notice
	Filters      calendarFilters
	Errors       map[string]string
	Obligations  []selectChoice
	Companies    []selectChoice // nil beyond companySelectMax
	CompanyName  string         // the company filtered by, named when there is no list
	AllCompanies string         // the filters without the company
	Rows         []calendarRow
	Count        string
	PageText     string
	Prev, Next   string
	Export       string
}

// calendarRow is one due date.
type calendarRow struct {
	AlertID            int64
	Due, DueNote       string
	DueClass           string
	Moved              string // «(antes 17/04/2026)»
	Company            string
	Inactive           bool
	Obligation, Period string
	State, StateClass  string
	Source             string
}

func (s *Server) calendarPage(w http.ResponseWriter, r *http.Request) {
	ctx, lang := r.Context(), s.lang(r)
	f := readCalendarFilters(r.URL.Query())
	st, err := s.svc.CalendarStatus(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	cs, err := s.svc.Companies(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := calendarData{Disclaimer: TM(lang, app.CalendarDisclaimer()), Notices: calendarNotices(lang, st),
		Loaded: calendarLoadedText(lang, st) + " · " + T(lang, "calendario.horizonte", "N", st.Horizon),
		Errors: map[string]string{}}
	items, err := s.svc.CalendarItems(ctx, f.filter())
	var v *app.ValidationError
	if errors.As(err, &v) { // an obligation no longer known: say so and show every one
		d.Errors = FieldTexts(lang, v)
		f.Obligation = ""
		items, err = s.svc.CalendarItems(ctx, f.filter())
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Filters = f
	d.options(lang, s.svc.CalendarObligations(), cs)
	d.page(lang, dueDay(s.svc.Now(), s.svc.Location()), items)
	s.render(w, r, Page{Template: "calendar", Title: K("calendario.titulo"), Area: AreaCalendario, Data: d})
}

// page fills the rows of the filters' page (the last one when past the end).
func (d *calendarData) page(lang string, today time.Time, items []app.CalendarItem) {
	f := &d.Filters
	last := max(1, (len(items)+calendarPageSize-1)/calendarPageSize)
	f.Page = min(f.Page, last)
	from, to := (f.Page-1)*calendarPageSize, min(f.Page*calendarPageSize, len(items))
	for _, it := range items[from:to] {
		d.Rows = append(d.Rows, newCalendarRow(lang, today, it))
	}
	d.Count = T(lang, "calendario.cuenta", "N", len(items))
	if len(items) > calendarPageSize {
		d.PageText = T(lang, "alertas.pagina", "Desde", from+1, "Hasta", to, "Total", len(items))
	}
	if f.Page > 1 {
		d.Prev = "/calendario" + f.query(f.Page-1)
	}
	if f.Page < last {
		d.Next = "/calendario" + f.query(f.Page+1)
	}
	d.Export = "/calendario/exportar" + f.query(1)
}

// options fills the filters' choices, the current ones selected.
func (d *calendarData) options(lang string, obligations []taxcal.Obligation, cs []app.Company) {
	d.Obligations = []selectChoice{{Value: "", Label: T(lang, "calendario.filtro.todas_obligaciones"), Selected: d.Filters.Obligation == ""}}
	for _, o := range obligations {
		d.Obligations = append(d.Obligations, selectChoice{Value: o.Code, Label: obligationLabel(lang, o), Selected: o.Code == d.Filters.Obligation})
	}
	if len(cs) <= companySelectMax {
		d.Companies = companyOptions(lang, cs, d.Filters.Company, T(lang, "calendario.filtro.todas_empresas"))
	}
	all := d.Filters
	all.Company = 0
	d.AllCompanies = "/calendario" + all.query(1)
	for _, c := range cs {
		if c.ID == d.Filters.Company {
			d.CompanyName = c.Name
		}
	}
}

// newCalendarRow words one due date: a resolved one says so, an open one
// past its date says it is overdue, a moved one says its date before.
func newCalendarRow(lang string, today time.Time, it app.CalendarItem) calendarRow {
	a := it.Alert
	ref := a.Calendar
	if ref == nil { // CalendarItems lists calendar alerts only
		ref = &app.CalendarRef{}
	}
	row := calendarRow{AlertID: a.ID, Due: T(lang, weekdayShortKeys[a.DueOn.UTC().Weekday()]) + " " + formatDate(a.DueOn),
		Company: it.Company.Name, Inactive: !it.Company.Active,
		Obligation: obligationName(lang, ref.Obligation), Period: periodText(lang, ref.Obligation, ref.Period, ref.Installment),
		State: calendarStateLabel(lang, ref.State), StateClass: calendarStateClass(ref.State), Source: ref.Source}
	switch {
	case !a.Open:
		row.DueNote, row.DueClass = T(lang, "calendario.resuelta"), "badge badge-ok"
	case a.DueOn.Before(today):
		row.DueNote, row.DueClass = T(lang, "calendario.vencida"), "badge badge-error"
	}
	if !ref.PreviousDueOn.IsZero() {
		row.Moved = T(lang, "calendario.alerta.antes", "Fecha", formatDate(ref.PreviousDueOn))
	}
	return row
}

// exportCalendar downloads the due dates the filters select, as the desktop's «Exportar CSV…».
func (s *Server) exportCalendar(w http.ResponseWriter, r *http.Request) {
	f := readCalendarFilters(r.URL.Query()).filter()
	s.sendCSV(w, r, "calendario", func(ctx context.Context, w io.Writer) error { return s.svc.ExportCalendarCSV(ctx, w, f) })
}
