package ui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2/widget"

	"vigia/app"
	"vigia/app/taxcal"
)

// How the tax calendar's codes read in the interface: obligations, periods,
// the states of a due date, the calendar loaded, and what a calendar alert
// says about itself.

// obligationName is an obligation's name in the interface's language; an
// unknown code is shown as it is.
func obligationName(code string) string {
	o, ok := taxcal.ObligationByCode(code)
	if !ok {
		return code
	}
	return obligationLabel(o)
}

// obligationLabel is o's name in the interface's language.
func obligationLabel(o taxcal.Obligation) string {
	if currentLanguage() == LangEnglish && o.NameEN != "" {
		return o.NameEN
	}
	return o.Name
}

// periodText is a period in the interface's language, with the installment
// when there is one: «año gravable 2025 · cuota 1 de 3».
func periodText(obligation, period string, installment int) string {
	text := taxcal.PeriodLabel(period, currentLanguage())
	if installment > 0 {
		of := 0
		if o, ok := taxcal.ObligationByCode(obligation); ok {
			of = o.Installments
		}
		text += " · " + T("calendario.cuota", map[string]any{"N": installment, "De": of})
	}
	return text
}

// calendarStateKeys name the states of a due date.
var calendarStateKeys = map[string]string{
	taxcal.StateOfficial: K("calendario.estado.oficial"),
	taxcal.StateComputed: K("calendario.estado.calculada"),
	taxcal.StateEdited:   K("calendario.estado.editada"),
}

// calendarStateLabel is a due date's state in words: the colour that goes
// with it is never the only sign.
func calendarStateLabel(state string) string {
	if k, ok := calendarStateKeys[state]; ok {
		return T(k)
	}
	return state
}

// calendarStateImportance colours a state: a computed date wants checking.
func calendarStateImportance(state string) widget.Importance {
	switch state {
	case taxcal.StateComputed:
		return widget.WarningImportance
	case taxcal.StateEdited:
		return widget.HighImportance
	}
	return widget.MediumImportance
}

// calendarLoadedText says which calendar is loaded: «Calendario 2026.2,
// revisado el 05/03/2026, incluido en Vigía».
func calendarLoadedText(st app.CalendarStatus) string {
	origin := T("calendario.origen.incluido")
	if st.Imported {
		origin = T("calendario.origen.importado")
	}
	return T("calendario.cargado", map[string]any{
		"Version": st.Info.Version, "Fecha": formatDueDate(st.Info.RetrievedOn), "Origen": origin})
}

// calendarNotice is one warning of the calendar's status, worded.
type calendarNotice struct {
	code        app.Code
	title, body string
}

// calendarNotices words what the status warns about (app.CalendarStatus.Notices):
// the year whose official calendar is missing, the companies without a NIT.
func calendarNotices(st app.CalendarStatus) []calendarNotice {
	var out []calendarNotice
	for _, m := range st.Notices() {
		n := calendarNotice{code: m.Code, body: TM(m)}
		switch m.Code {
		case app.CodeCalendarComputedYear:
			n.title = T("calendario.falta.titulo", map[string]any{"Anio": st.MissingYear})
		case app.CodeCalendarWithoutNIT:
			n.title = T("calendario.sin_nit.titulo")
		}
		out = append(out, n)
	}
	return out
}

// calendarAlertFacts are what a calendar alert says about where it comes
// from: origin, obligation and period, the state of its date, the source,
// and the date it had before a calendar update moved it. Nil for an alert
// typed or imported by hand.
func calendarAlertFacts(a app.Alert, loc *time.Location) []string {
	ref := a.Calendar
	if ref == nil {
		return nil
	}
	facts := []string{
		T("calendario.alerta.origen"),
		obligationName(ref.Obligation) + " · " + periodText(ref.Obligation, ref.Period, ref.Installment),
		T("calendario.alerta.estado", map[string]any{"Estado": calendarStateLabel(ref.State)}),
	}
	if ref.Source != "" {
		facts = append(facts, T("calendario.alerta.fuente", map[string]any{"Fuente": ref.Source}))
	}
	if moved := calendarMovedText(ref, loc); moved != "" {
		facts = append(facts, moved)
	}
	return facts
}

// calendarMovedText says that a calendar update moved the date, from what
// and when (the day in loc); "" when it never moved.
func calendarMovedText(ref *app.CalendarRef, loc *time.Location) string {
	if ref == nil || ref.PreviousDueOn.IsZero() {
		return ""
	}
	args := map[string]any{"Antes": formatDueDate(ref.PreviousDueOn)}
	if ref.MovedAt.IsZero() {
		return T("calendario.alerta.movida", args)
	}
	args["Cuando"] = ref.MovedAt.In(loc).Format(layoutDate)
	return T("calendario.alerta.movida_el", args)
}

// calendarAlertLine is the second line of a calendar alert in the alerts
// table: «Calendario · calculada · antes 17/04/2026».
func calendarAlertLine(a app.Alert) (string, widget.Importance) {
	ref := a.Calendar
	parts := []string{T("calendario.alerta.corto"), calendarStateLabel(ref.State)}
	if !ref.PreviousDueOn.IsZero() {
		parts = append(parts, T("calendario.alerta.antes", map[string]any{"Fecha": formatDueDate(ref.PreviousDueOn)}))
	}
	return strings.Join(parts, " · "), calendarStateImportance(ref.State)
}
