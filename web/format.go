package web

import (
	"time"

	"vigia/app"
	"vigia/messages"
)

// Date and time layouts of the pages (day first, 24 h), as in the desktop.
const (
	layoutDateTime = "02/01/2006 15:04"
	layoutDate     = "02/01/2006"
)

// formatDateTime is t in loc as "lun 08/12/2025 15:00"; "—" when zero.
func formatDateTime(lang string, loc *time.Location, t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	t = t.In(loc)
	return T(lang, weekdayShortKeys[t.Weekday()]) + " " + t.Format(layoutDateTime)
}

// formatDate is a calendar date (a due date, stored at 00:00 UTC) as "08/12/2025".
func formatDate(d time.Time) string {
	if d.IsZero() {
		return "—"
	}
	return d.UTC().Format(layoutDate)
}

var weekdayShortKeys = [7]string{K("dia_corto.domingo"), K("dia_corto.lunes"), K("dia_corto.martes"), K("dia_corto.miercoles"),
	K("dia_corto.jueves"), K("dia_corto.viernes"), K("dia_corto.sabado")}

// relative says how far t is from now: "en 2 h 5 min", "hace 3 min", "ahora".
func relative(lang string, now, t time.Time) string {
	d := t.Sub(now)
	future := d >= 0
	if !future {
		d = -d
	}
	d = d.Round(time.Minute)
	if d < time.Minute {
		return T(lang, "tiempo.ahora")
	}
	days := int(d / (24 * time.Hour))
	hours := int(d % (24 * time.Hour) / time.Hour)
	mins := int(d % time.Hour / time.Minute)
	var span string
	switch {
	case days > 0 && hours > 0:
		span = T(lang, "tiempo.dias_horas", "D", days, "H", hours)
	case days > 0:
		span = T(lang, "tiempo.dias", "D", days)
	case hours > 0 && mins > 0:
		span = T(lang, "tiempo.horas_minutos", "H", hours, "M", mins)
	case hours > 0:
		span = T(lang, "tiempo.horas", "H", hours)
	default:
		span = T(lang, "tiempo.minutos", "M", mins)
	}
	if future {
		return T(lang, "tiempo.en", "T", span)
	}
	return T(lang, "tiempo.hace", "T", span)
}

// stateKeys name each run state.
var stateKeys = map[app.RunState]string{
	app.StateRunning:     K("estado.en_curso"),
	app.StateSucceeded:   K("estado.exitoso"),
	app.StateFailed:      K("estado.fallido"),
	app.StateMissed:      K("estado.perdida"),
	app.StateInterrupted: K("estado.interrumpida"),
	app.StateSkipped:     K("estado.omitida"),
}

// stateLabel is a run state in words.
func stateLabel(lang string, st app.RunState) string {
	if k, ok := stateKeys[st]; ok {
		return T(lang, k)
	}
	return string(st)
}

// stateClass is the CSS class of a run state's badge (the badge's text says
// the state; the colour only repeats it).
func stateClass(st app.RunState) string {
	switch st {
	case app.StateSucceeded:
		return "badge badge-ok"
	case app.StateFailed:
		return "badge badge-error"
	case app.StateMissed, app.StateInterrupted:
		return "badge badge-aviso"
	case app.StateRunning:
		return "badge badge-info"
	}
	return "badge"
}

// originKeys name each run origin.
var originKeys = map[app.RunOrigin]string{
	app.OriginScheduled: K("origen.programada"),
	app.OriginManual:    K("origen.manual"),
	app.OriginRecovery:  K("origen.recuperacion"),
	app.OriginTest:      K("origen.prueba"),
}

// originLabel is a run origin in words.
func originLabel(lang string, o app.RunOrigin) string {
	if k, ok := originKeys[o]; ok {
		return T(lang, k)
	}
	return string(o)
}

// runReason is why run x failed, was skipped or was missed, in lang.
func runReason(lang string, x app.Execution) string { return messages.RunReason(langOf(lang), x) }

// The view's formatting, for templates: {{$.DateTime .StartedAt}}.

// DateTime is t as "lun 08/12/2025 15:00" in the configured zone.
func (v *view) DateTime(t time.Time) string { return formatDateTime(v.Lang, v.loc, t) }

// Date is a calendar date as "08/12/2025".
func (v *view) Date(t time.Time) string { return formatDate(t) }

// Relative is t from the page's now: "en 2 h 5 min", "hace 3 min".
func (v *view) Relative(t time.Time) string { return relative(v.Lang, v.now, t) }

// State is a run state in words; StateClass its badge's class.
func (v *view) State(st app.RunState) string { return stateLabel(v.Lang, st) }

// StateClass is the badge class of a run state.
func (v *view) StateClass(st app.RunState) string { return stateClass(st) }

// Origin is a run origin in words.
func (v *view) Origin(o app.RunOrigin) string { return originLabel(v.Lang, o) }
