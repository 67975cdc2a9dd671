package web

import (
	"strconv"
	"strings"
	"time"

	"vigia/app"
	"vigia/app/taxcal"
)

// How the tax calendar's codes read on the pages, as in the desktop
// (ui/calendarlabels.go): obligations, periods, the states of a due date
// (always a word; the colour only repeats it), the calendar loaded, and
// what a calendar alert says about where its date comes from.

// obligationName is an obligation's name in lang; an unknown code shows as it is.
func obligationName(lang, code string) string {
	o, ok := taxcal.ObligationByCode(code)
	if !ok {
		return code
	}
	return obligationLabel(lang, o)
}

// obligationLabel is o's name in lang.
func obligationLabel(lang string, o taxcal.Obligation) string {
	if langOf(lang) == langEnglish && o.NameEN != "" {
		return o.NameEN
	}
	return o.Name
}

// periodText is a period in lang, with the installment when there is one:
// «año gravable 2025 · cuota 1 de 3».
func periodText(lang, obligation, period string, installment int) string {
	text := taxcal.PeriodLabel(period, langOf(lang))
	if installment > 0 {
		of := 0
		if o, ok := taxcal.ObligationByCode(obligation); ok {
			of = o.Installments
		}
		text += " · " + T(lang, "calendario.cuota", "N", installment, "De", of)
	}
	return text
}

// calendarStateKeys name the states of a due date.
var calendarStateKeys = map[string]string{
	taxcal.StateOfficial: K("calendario.estado.oficial"),
	taxcal.StateComputed: K("calendario.estado.calculada"),
	taxcal.StateEdited:   K("calendario.estado.editada"),
}

// calendarStateLabel is a due date's state in words.
func calendarStateLabel(lang, state string) string {
	if k, ok := calendarStateKeys[state]; ok {
		return T(lang, k)
	}
	return state
}

// calendarStateClass is the badge of a state: a computed date wants checking.
func calendarStateClass(state string) string {
	switch state {
	case taxcal.StateComputed:
		return "badge badge-aviso"
	case taxcal.StateEdited:
		return "badge badge-info"
	}
	return "badge"
}

// calendarLoadedText says which calendar is loaded: «Calendario 2026.2,
// revisado el 05/03/2026, incluido en Vigía».
func calendarLoadedText(lang string, st app.CalendarStatus) string {
	origin := T(lang, "calendario.origen.incluido")
	if st.Imported {
		origin = T(lang, "calendario.origen.importado")
	}
	return T(lang, "calendario.cargado", "Version", st.Info.Version, "Fecha", formatDate(st.Info.RetrievedOn), "Origen", origin)
}

// calendarNotices words what the status warns about: the year whose
// official calendar is missing, the companies without a NIT.
func calendarNotices(lang string, st app.CalendarStatus) []notice {
	var out []notice
	for _, m := range st.Notices() {
		n := notice{Body: TM(lang, m)}
		switch m.Code {
		case app.CodeCalendarComputedYear:
			n.Title = T(lang, "calendario.falta.titulo", "Anio", st.MissingYear)
		case app.CodeCalendarWithoutNIT:
			n.Title = T(lang, "calendario.sin_nit.titulo")
		default:
			n.Title = T(lang, "calendario.aviso")
		}
		out = append(out, n)
	}
	return out
}

// officialYears is «2025, 2026».
func officialYears(st app.CalendarStatus) string {
	years := make([]string, len(st.Info.OfficialYears))
	for i, y := range st.Info.OfficialYears {
		years[i] = strconv.Itoa(y)
	}
	return strings.Join(years, ", ")
}

// calendarFacts are what a calendar alert says about its date besides its
// title (which names the obligation and period) and its state: the source,
// and the date it had before a calendar update moved it (the day in loc).
// Nil for a manual alert.
func calendarFacts(lang string, loc *time.Location, a app.Alert) []string {
	ref := a.Calendar
	if ref == nil {
		return nil
	}
	var facts []string
	if ref.Source != "" {
		facts = append(facts, T(lang, "calendario.alerta.fuente", "Fuente", ref.Source))
	}
	if !ref.PreviousDueOn.IsZero() {
		before := formatDate(ref.PreviousDueOn)
		if ref.MovedAt.IsZero() {
			facts = append(facts, T(lang, "calendario.alerta.movida", "Antes", before))
		} else {
			facts = append(facts, T(lang, "calendario.alerta.movida_el", "Cuando", ref.MovedAt.In(loc).Format(layoutDate), "Antes", before))
		}
	}
	return facts
}

// deadlineView is one due date of the company form's preview.
type deadlineView struct {
	Day        string // «vie 12/12/2025»
	What       string // «Retención en la fuente · noviembre 2025»
	State      string
	StateClass string
}

// deadlineViews words ds for the preview; computed reports whether one of
// them is computed (the preview then says to check it).
func deadlineViews(lang string, ds []taxcal.Deadline) (out []deadlineView, computed bool) {
	for _, d := range ds {
		out = append(out, deadlineView{
			Day:        T(lang, weekdayShortKeys[d.DueOn.UTC().Weekday()]) + " " + formatDate(d.DueOn),
			What:       obligationName(lang, d.Obligation) + " · " + periodText(lang, d.Obligation, d.Period, d.Installment),
			State:      calendarStateLabel(lang, d.State),
			StateClass: calendarStateClass(d.State),
		})
		computed = computed || d.State == taxcal.StateComputed
	}
	return out, computed
}
