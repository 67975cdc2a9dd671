package ui

import (
	"fmt"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"vigia/app"
)

// Date and time layouts of the interface (day first, 24 h, as in Colombia and Spain).
const (
	layoutDateTime = "02/01/2006 15:04"
	layoutDate     = "02/01/2006"
	layoutTime     = "15:04"
)

// formatDateTime is t in the configured zone as "lun 08/12/2025 15:00"; "—" when zero.
func (u *UI) formatDateTime(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	t = t.In(u.svc.Location())
	return weekdayShort(t.Weekday()) + " " + t.Format(layoutDateTime)
}

// weekdayShort is the abbreviated weekday in the interface's language.
func weekdayShort(d time.Weekday) string {
	return T(weekdayShortKeys[d])
}

// weekdayName is the weekday's name in the interface's language.
func weekdayName(d time.Weekday) string {
	return T(weekdayKeys[d])
}

// Fyne's own calendar keys name the weekdays (our translation files hold them).
var (
	weekdayKeys = [7]string{K("sunday"), K("monday"), K("tuesday"), K("wednesday"), K("thursday"), K("friday"), K("saturday")}
	// dates read "lun 08/12/2025" in Spanish (lower case, unlike Fyne's calendar)
	weekdayShortKeys = [7]string{K("dia_corto.domingo"), K("dia_corto.lunes"), K("dia_corto.martes"), K("dia_corto.miercoles"),
		K("dia_corto.jueves"), K("dia_corto.viernes"), K("dia_corto.sabado")}
)

// relative says how far t is from now: "en 2 h 5 min", "hace 3 min", "ahora".
func relative(now, t time.Time) string {
	d := t.Sub(now)
	future := d >= 0
	if !future {
		d = -d
	}
	d = d.Round(time.Minute)
	if d < time.Minute {
		return T("tiempo.ahora")
	}
	days := int(d / (24 * time.Hour))
	hours := int(d % (24 * time.Hour) / time.Hour)
	mins := int(d % time.Hour / time.Minute)
	var span string
	switch {
	case days > 0 && hours > 0:
		span = T("tiempo.dias_horas", map[string]any{"D": days, "H": hours})
	case days > 0:
		span = T("tiempo.dias", map[string]any{"D": days})
	case hours > 0 && mins > 0:
		span = T("tiempo.horas_minutos", map[string]any{"H": hours, "M": mins})
	case hours > 0:
		span = T("tiempo.horas", map[string]any{"H": hours})
	default:
		span = T("tiempo.minutos", map[string]any{"M": mins})
	}
	if future {
		return T("tiempo.en", map[string]any{"T": span})
	}
	return T("tiempo.hace", map[string]any{"T": span})
}

// formatDuration is a run's length: "850 ms", "12 s", "2 min 5 s".
func formatDuration(d time.Duration) string {
	switch {
	case d <= 0:
		return "—"
	case d < time.Second:
		return fmt.Sprintf("%d ms", d.Milliseconds())
	case d < time.Minute:
		return fmt.Sprintf("%.1f s", d.Seconds())
	}
	d = d.Round(time.Second)
	return fmt.Sprintf("%d min %d s", int(d/time.Minute), int(d%time.Minute/time.Second))
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

// stateLabel is a run state in the interface's language.
func stateLabel(s app.RunState) string {
	if k, ok := stateKeys[s]; ok {
		return T(k)
	}
	return string(s)
}

// stateIcon and stateImportance give each state its icon and colour: green
// success, red failure, orange for slots that did not run, blue while running.
// The icons are made once: a table redraws them for every visible cell.
func stateIcon(s app.RunState) fyne.Resource {
	if r, ok := stateIcons()[s]; ok {
		return r
	}
	return theme.QuestionIcon()
}

var stateIcons = sync.OnceValue(func() map[app.RunState]fyne.Resource {
	return map[app.RunState]fyne.Resource{
		app.StateSucceeded:   theme.NewSuccessThemedResource(theme.ConfirmIcon()),
		app.StateFailed:      theme.NewErrorThemedResource(theme.ErrorIcon()),
		app.StateMissed:      theme.NewWarningThemedResource(theme.WarningIcon()),
		app.StateInterrupted: theme.NewWarningThemedResource(theme.WarningIcon()),
		app.StateSkipped:     theme.NewDisabledResource(theme.MediaPauseIcon()),
		app.StateRunning:     theme.NewPrimaryThemedResource(theme.MediaPlayIcon()),
	}
})

func stateImportance(s app.RunState) widget.Importance {
	switch s {
	case app.StateSucceeded:
		return widget.SuccessImportance
	case app.StateFailed:
		return widget.DangerImportance
	case app.StateMissed, app.StateInterrupted:
		return widget.WarningImportance
	case app.StateRunning:
		return widget.HighImportance
	}
	return widget.LowImportance
}

// originKeys name each run origin.
var originKeys = map[app.RunOrigin]string{
	app.OriginScheduled: K("origen.programada"),
	app.OriginManual:    K("origen.manual"),
	app.OriginRecovery:  K("origen.recuperacion"),
	app.OriginTest:      K("origen.prueba"),
}

// originLabel is a run origin in the interface's language.
func originLabel(o app.RunOrigin) string {
	if k, ok := originKeys[o]; ok {
		return T(k)
	}
	return string(o)
}
