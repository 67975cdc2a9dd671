package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"vigia/app"
)

// Empresas: the companies with their open alerts counted by effective
// priority (a badge each, with words: «2 crít.»), as the left side of the
// desktop's Alertas tab (ui/companies.go), searchable and paged; each
// links to its alerts. The form and the deletion are in companiesform.go.

var _ = area((*Server).companyRoutes)

func (s *Server) companyRoutes(m *http.ServeMux) {
	m.HandleFunc("GET /empresas", s.companiesPage)
	m.HandleFunc("GET /empresas/exportar", s.exportCompanies)
	m.HandleFunc("GET /empresas/vencimientos", s.companyDeadlines)
	m.HandleFunc("GET /empresas/nueva", s.newCompanyPage)
	m.HandleFunc("POST /empresas/nueva", s.createCompany)
	m.HandleFunc("GET /empresas/{id}", s.editCompanyPage)
	m.HandleFunc("POST /empresas/{id}", s.updateCompany)
	m.HandleFunc("GET /empresas/{id}/eliminar", s.deleteCompanyPage)
	m.HandleFunc("POST /empresas/{id}/eliminar", s.deleteCompany)
}

// companyPageSize is how many companies a page lists.
const companyPageSize = 100

// companiesData is the Empresas page.
type companiesData struct {
	Search     string
	Rows       []companyRow
	Count      string
	PageText   string
	Prev, Next string
	None       bool // no company at all
}

// companyRow is one company with its badges.
type companyRow struct {
	ID         int64
	Name, NIT  string
	Inactive   bool
	Badges     []countBadge
	AlertsHref string
}

// countBadge is a count of open alerts of one priority, linking to them.
type countBadge struct {
	Text, Class, Href string
}

// companyBadgeKeys are the badges' short priority names.
var companyBadgeKeys = map[app.Priority]string{
	app.PriorityCritical: K("empresas.badge.critica"),
	app.PriorityHigh:     K("empresas.badge.alta"),
	app.PriorityMedium:   K("empresas.badge.media"),
	app.PriorityLow:      K("empresas.badge.baja"),
}

func (s *Server) companiesPage(w http.ResponseWriter, r *http.Request) {
	ctx, lang := r.Context(), s.lang(r)
	q := r.URL.Query()
	d := companiesData{Search: strings.TrimSpace(q.Get("buscar"))}
	page, _ := strconv.Atoi(q.Get("pagina"))
	shown, total, all, err := s.companiesShown(ctx, d.Search, page)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	counts, err := s.svc.OpenAlertCounts(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.None = all == 0
	page, last := companyPages(page, total)
	from, to := companyWindow(page, total)
	for _, c := range shown {
		d.Rows = append(d.Rows, newCompanyRow(lang, c, counts[c.ID]))
	}
	d.Count = T(lang, "empresas.cuenta", "N", total)
	if total > companyPageSize {
		d.PageText = T(lang, "alertas.pagina", "Desde", from+1, "Hasta", to, "Total", total)
	}
	if page > 1 {
		d.Prev = companiesHref(d.Search, page-1)
	}
	if page < last {
		d.Next = companiesHref(d.Search, page+1)
	}
	s.render(w, r, Page{Template: "companies", Title: K("empresas.titulo"), Area: AreaAlertas, Data: d})
}

// companiesShown is the companies page (from 1; past the end, the last)
// of those search finds shows, how many it finds and how many there are.
// Without a search the store reads that page only, not the thousands of
// names a search goes through.
func (s *Server) companiesShown(ctx context.Context, search string, page int) (shown []app.Company, found, all int, err error) {
	if search != "" {
		cs, err := s.svc.CompanyNames(ctx)
		if err != nil {
			return nil, 0, 0, err
		}
		matches := searchCompanies(cs, search)
		from, to := companyWindow(page, len(matches))
		return matches[from:to], len(matches), len(cs), nil
	}
	if all, err = s.svc.CompanyCount(ctx); err != nil {
		return nil, 0, 0, err
	}
	if from, to := companyWindow(page, all); to > from {
		shown, err = s.svc.CompanyNamesPage(ctx, app.Page{Limit: to - from, Offset: from})
	}
	return shown, all, all, err
}

// companyPages is page within the pages of total companies (from 1; past
// the end, the last) and the last page.
func companyPages(page, total int) (int, int) {
	last := max(1, (total+companyPageSize-1)/companyPageSize)
	return min(max(page, 1), last), last
}

// companyWindow is the companies page lists of total: [from, to).
func companyWindow(page, total int) (from, to int) {
	page, _ = companyPages(page, total)
	return (page - 1) * companyPageSize, min(page*companyPageSize, total)
}

// searchCompanies keeps the companies whose name (in any case) or NIT holds text.
func searchCompanies(cs []app.Company, text string) []app.Company {
	if text == "" {
		return cs
	}
	text = strings.ToLower(text)
	var out []app.Company
	for _, c := range cs {
		if strings.Contains(strings.ToLower(c.Name), text) || strings.Contains(c.NIT, text) {
			out = append(out, c)
		}
	}
	return out
}

func companiesHref(search string, page int) string {
	q := url.Values{}
	if search != "" {
		q.Set("buscar", search)
	}
	if page > 1 {
		q.Set("pagina", strconv.Itoa(page))
	}
	if len(q) == 0 {
		return "/empresas"
	}
	return "/empresas?" + q.Encode()
}

// newCompanyRow is c with one badge per priority that has open alerts,
// most urgent first; an inactive company's badges are plain.
func newCompanyRow(lang string, c app.Company, counts map[app.Priority]int) companyRow {
	id := strconv.FormatInt(c.ID, 10)
	row := companyRow{ID: c.ID, Name: c.Name, NIT: companyNITLine(lang, c), Inactive: !c.Active,
		AlertsHref: "/alertas?empresa=" + id}
	for _, p := range app.Priorities {
		n := counts[p]
		if n == 0 {
			continue
		}
		class := priorityClass(p)
		if !c.Active {
			class = "badge"
		}
		row.Badges = append(row.Badges, countBadge{Text: T(lang, companyBadgeKeys[p], "N", n), Class: class,
			Href: "/alertas?empresa=" + id + "&prioridad=" + string(p)})
	}
	return row
}

// exportCompanies downloads every company as the desktop's «Exportar empresas» writes them.
func (s *Server) exportCompanies(w http.ResponseWriter, r *http.Request) {
	s.sendCSV(w, r, "empresas", s.svc.ExportCompaniesCSV)
}
