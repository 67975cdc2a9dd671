package web

import (
	"context"
	"errors"
	"html/template"
	"io"
	"maps"
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
		f.Page = min(n, calendarPageMax)
	}
	return f
}

// calendarPageMax is a page number past any list, whose offset fits an int:
// a larger one reads as the last page like it.
const calendarPageMax = 1 << 20

// window is the filters' page as the store reads it.
func (f calendarFilters) window() app.Page {
	return app.Page{Limit: calendarPageSize, Offset: (f.Page - 1) * calendarPageSize}
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
	Body         template.HTML // Rows as the table's rows (tablerows.go)
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
	cs, listed, err := s.calendarCompanies(ctx, st.Companies, f.Company)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := calendarData{Disclaimer: TM(lang, app.CalendarDisclaimer()), Notices: calendarNotices(lang, st),
		Loaded: calendarLoadedText(lang, st) + " · " + T(lang, "calendario.horizonte", "N", st.Horizon),
		Errors: map[string]string{}}
	page, err := s.calendarRows(ctx, lang, &f, d.Errors)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Filters = f
	d.options(lang, s.svc.CalendarObligations(), cs, listed)
	d.page(lang, dueDay(s.svc.Now(), s.svc.Location()), page)
	s.render(w, r, Page{Template: "calendar", Title: K("calendario.titulo"), Area: AreaCalendario, Data: d})
}

// calendarCompanies reads the companies the filter needs: every one when
// the filter lists them (total, the status's count, within companySelectMax:
// listed), else only the chosen one (none when it is gone).
func (s *Server) calendarCompanies(ctx context.Context, total int, chosen int64) (cs []app.Company, listed bool, err error) {
	if total <= companySelectMax {
		cs, err = s.svc.CompanyNames(ctx)
		return cs, len(cs) <= companySelectMax, err
	}
	if chosen == 0 {
		return nil, false, nil
	}
	c, err := s.svc.Company(ctx, chosen)
	if errors.Is(err, app.ErrNotFound) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	return []app.Company{c}, false, nil
}

// calendarRows reads the filters' page, the last one when past the end (the
// store filters, orders and pages). An obligation no longer known is said
// in errs and dropped from f, and every one is shown.
func (s *Server) calendarRows(ctx context.Context, lang string, f *calendarFilters, errs map[string]string) (app.CalendarItemsPage, error) {
	page, err := s.svc.CalendarPage(ctx, f.filter(), f.window())
	var v *app.ValidationError
	if errors.As(err, &v) {
		maps.Copy(errs, FieldTexts(lang, v))
		f.Obligation = ""
		page, err = s.svc.CalendarPage(ctx, f.filter(), f.window())
	}
	if last := calendarLastPage(page.Total); err == nil && f.Page > last {
		f.Page = last
		page, err = s.svc.CalendarPage(ctx, f.filter(), f.window())
	}
	return page, err
}

// calendarLastPage is the number of the last page of total rows (1 when none).
func calendarLastPage(total int) int {
	return max(1, (total+calendarPageSize-1)/calendarPageSize)
}

// page fills the rows of p, the filters' page.
func (d *calendarData) page(lang string, today time.Time, p app.CalendarItemsPage) {
	f := &d.Filters
	last := calendarLastPage(p.Total)
	for _, it := range p.Items {
		d.Rows = append(d.Rows, newCalendarRow(lang, today, it))
	}
	d.Body = calendarRowsHTML(lang, d.Rows)
	d.Count = T(lang, "calendario.cuenta", "N", p.Total)
	if p.Total > calendarPageSize {
		from := (f.Page - 1) * calendarPageSize
		d.PageText = T(lang, "alertas.pagina", "Desde", from+1, "Hasta", from+len(p.Items), "Total", p.Total)
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
// cs holds every company when listed, else at most the chosen one.
func (d *calendarData) options(lang string, obligations []taxcal.Obligation, cs []app.Company, listed bool) {
	d.Obligations = []selectChoice{{Value: "", Label: T(lang, "calendario.filtro.todas_obligaciones"), Selected: d.Filters.Obligation == ""}}
	for _, o := range obligations {
		d.Obligations = append(d.Obligations, selectChoice{Value: o.Code, Label: obligationLabel(lang, o), Selected: o.Code == d.Filters.Obligation})
	}
	if listed {
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
