package web

import (
	"math"
	"strings"
	"time"

	"vigia/app"
)

// How an alert reads on the pages, as in the desktop (ui/alertformat.go,
// ui/alerttable.go): its effective priority as a word on a badge, how far
// its due date is, its state, and where it comes from (calendario or
// manual, and for a calendar alert its obligation, the state of its date
// and its source).

// alertPriorityKeys are the keys of the priorities' names.
var alertPriorityKeys = map[app.Priority]string{
	app.PriorityCritical: K("alertas.prioridad.critica"),
	app.PriorityHigh:     K("alertas.prioridad.alta"),
	app.PriorityMedium:   K("alertas.prioridad.media"),
	app.PriorityLow:      K("alertas.prioridad.baja"),
}

// priorityLabel is a priority in lang.
func priorityLabel(lang string, p app.Priority) string {
	if k, ok := alertPriorityKeys[p]; ok {
		return T(lang, k)
	}
	return string(p)
}

// priorityClass is a priority's badge: CRÍTICA red, ALTA orange, MEDIA blue, BAJA plain.
func priorityClass(p app.Priority) string {
	switch p {
	case app.PriorityCritical:
		return "badge badge-error"
	case app.PriorityHigh:
		return "badge badge-aviso"
	case app.PriorityMedium:
		return "badge badge-info"
	}
	return "badge"
}

// dueText says how far a due date is from today: "vence en 2 días",
// "vencida hace 3 días", with the class of its urgency.
func dueText(lang string, today, due time.Time) (string, string) {
	days := int(math.Round(due.UTC().Sub(today).Hours() / 24))
	switch {
	case days < -1:
		return T(lang, "alertas.vence.hace_dias", "N", -days), "urgente"
	case days == -1:
		return T(lang, "alertas.vence.ayer"), "urgente"
	case days == 0:
		return T(lang, "alertas.vence.hoy"), "urgente"
	case days == 1:
		return T(lang, "alertas.vence.manana"), "pronto"
	}
	return T(lang, "alertas.vence.en_dias", "N", days), ""
}

// dueDay is t's calendar day in loc at 00:00 UTC, as due dates are stored.
func dueDay(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// alertRow is one alert as the list and the edit page show it, in words.
type alertRow struct {
	ID            int64
	Priority      string
	PriorityClass string
	Escalated     string // "↑ escalada desde MEDIA", "" when not raised
	Company       string
	CompanyNIT    string
	Inactive      bool
	Title         string
	Detail        string // the detail's first line (the edit page shows it all)
	Origin        string // Calendario | Manual
	Calendar      bool
	Facts         []string // a calendar alert's source, and its date before a move
	DateState     string   // «fecha oficial»: how sure a calendar alert's date is
	StateClass    string   // its badge
	Due           string   // DD/MM/AAAA, "—" when none
	DueText       string   // "vence en 2 días", open alerts only
	DueClass      string
	Open          bool
	State         string
	Resolved      string // "el lun 08/12/2025 10:00"
	Note          string
}

// newAlertRow words a for lang; today is the calendar day the page is read
// on (00:00 UTC, as due dates are).
func newAlertRow(lang string, loc *time.Location, today time.Time, a app.Alert, c app.Company) alertRow {
	row := alertRow{
		ID: a.ID, Priority: priorityLabel(lang, a.EffectivePriority), PriorityClass: priorityClass(a.EffectivePriority),
		Company: c.Name, CompanyNIT: companyNITLine(lang, c), Inactive: !c.Active,
		Title: a.Title, Detail: firstLine(a.Detail), Due: formatDate(a.DueOn), Open: a.Open,
		Origin: T(lang, "alertas.origen.manual"), Note: a.ResolutionNote,
	}
	if a.EffectivePriority != a.Priority {
		row.Escalated = T(lang, "alertas.escalada", "Prioridad", priorityLabel(lang, a.Priority))
	}
	if a.Calendar != nil {
		row.Calendar, row.Origin = true, T(lang, "alertas.origen.calendario")
		row.Facts = calendarFacts(lang, loc, a)
		row.DateState = T(lang, "calendario.alerta.estado", "Estado", calendarStateLabel(lang, a.Calendar.State))
		row.StateClass = calendarStateClass(a.Calendar.State)
	}
	if a.Open && !a.DueOn.IsZero() {
		row.DueText, row.DueClass = dueText(lang, today, a.DueOn)
	}
	row.State = T(lang, "alertas.estado.abierta")
	if !a.Open {
		row.State = T(lang, "alertas.estado.resuelta")
		row.Resolved = T(lang, "alertas.resuelta_el", "Fecha", formatDateTime(lang, loc, a.ResolvedAt))
	}
	return row
}

// companyNITLine is a company's NIT line: "NIT 900123456-8" or "Sin NIT".
func companyNITLine(lang string, c app.Company) string {
	if c.NIT == "" {
		return T(lang, "empresas.sin_nit")
	}
	return T(lang, "empresas.nit", "NIT", c.NIT)
}

// typedDay reads a day typed DD/MM/AAAA (day and month may have one digit)
// or AAAA-MM-DD (what a date input sends) as AAAA-MM-DD, for the core to
// check; what it cannot read comes back as typed, for the core to refuse.
func typedDay(s string) string {
	s = strings.TrimSpace(s)
	if d, err := time.Parse("2/1/2006", s); err == nil {
		return d.Format(app.DateLayout)
	}
	return s
}

// dueValue is a due date as a date input holds it (AAAA-MM-DD), "" for none.
func dueValue(d time.Time) string {
	if d.IsZero() {
		return ""
	}
	return d.UTC().Format(app.DateLayout)
}
