package ui

import (
	"math"
	"strings"
	"time"

	"fyne.io/fyne/v2/widget"

	"vigia/app"
)

// How an alert's priority and due date read in the interface.

// alertPriorityKeys are the keys of the priorities' names.
var alertPriorityKeys = map[app.Priority]string{
	app.PriorityCritical: K("alertas.prioridad.critica"),
	app.PriorityHigh:     K("alertas.prioridad.alta"),
	app.PriorityMedium:   K("alertas.prioridad.media"),
	app.PriorityLow:      K("alertas.prioridad.baja"),
}

// alertPriorityLabel is a priority in the interface's language.
func alertPriorityLabel(p app.Priority) string {
	if k, ok := alertPriorityKeys[p]; ok {
		return T(k)
	}
	return string(p)
}

// alertPriorityImportance colours a priority: CRITICA red, ALTA orange, MEDIA the
// primary colour, BAJA grey.
func alertPriorityImportance(p app.Priority) widget.Importance {
	switch p {
	case app.PriorityCritical:
		return widget.DangerImportance
	case app.PriorityHigh:
		return widget.WarningImportance
	case app.PriorityMedium:
		return widget.HighImportance
	}
	return widget.LowImportance
}

// alertDueText says how far a due date is from today: "vence en 2 días",
// "vencida hace 3 días"; red when overdue or due today.
func alertDueText(today, due time.Time) (string, widget.Importance) {
	days := int(math.Round(due.UTC().Sub(today).Hours() / 24))
	switch {
	case days < -1:
		return T("alertas.vence.hace_dias", map[string]any{"N": -days}), widget.DangerImportance
	case days == -1:
		return T("alertas.vence.ayer"), widget.DangerImportance
	case days == 0:
		return T("alertas.vence.hoy"), widget.DangerImportance
	case days == 1:
		return T("alertas.vence.manana"), widget.WarningImportance
	}
	return T("alertas.vence.en_dias", map[string]any{"N": days}), widget.MediumImportance
}

// formatDueDate writes a calendar date (00:00 UTC) as DD/MM/AAAA.
func formatDueDate(d time.Time) string { return d.UTC().Format(layoutDate) }

// parseDueDate reads DD/MM/AAAA (day and month may have one digit) or
// AAAA-MM-DD as a calendar date at 00:00 UTC.
func parseDueDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, l := range []string{"2/1/2006", app.DateLayout} {
		if d, err := time.Parse(l, s); err == nil {
			return d, true
		}
	}
	return time.Time{}, false
}
