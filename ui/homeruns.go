package ui

import (
	"strings"

	"vigia/app"
)

// upcomingRun is one slot of the dashboard's next runs.
type upcomingRun = app.UpcomingRun

// The dashboard's tables.
var (
	nextColumns = []column{
		{K("inicio.col.cuando"), 190, false},
		{K("inicio.col.trigger"), 260, true},
		{K("inicio.col.falta"), 160, false},
	}
	lastColumns = []column{
		{K("inicio.col.estado"), 140, false},
		{K("inicio.col.inicio"), 260, false},
		{K("inicio.col.trigger"), 220, true},
		{K("inicio.col.resumen"), 420, true},
	}
)

// nextCell is one cell of the next runs: when, trigger, how long until then.
func (t *homeTab) nextCell(row, col int) cell {
	r := t.next[row]
	switch col {
	case 0:
		return cell{text: t.u.formatDateTime(r.At)}
	case 1:
		return cell{text: r.Trigger.Name}
	}
	return cell{text: relative(t.shownAt, r.At)}
}

// lastCell is one cell of the last runs: state, start, trigger, summary.
func (t *homeTab) lastCell(row, col int) cell {
	x := t.last[row]
	switch col {
	case 0:
		return stateCell(x.State)
	case 1:
		return cell{text: t.u.formatDateTime(x.StartedAt) + " · " + relative(t.shownAt, x.StartedAt)}
	case 2:
		return cell{text: x.TriggerName}
	}
	return cell{text: runSummary(x)}
}

// runSummary says in a few words what a run did.
func runSummary(x app.Execution) string {
	switch x.State {
	case app.StateRunning:
		return T("inicio.resumen.en_curso")
	case app.StateSucceeded:
		switch {
		case x.Notified > 0 && x.MailRoute == app.MailRouteOutbox:
			return T("inicio.resumen.bandeja", map[string]any{"Alertas": x.Notified})
		case x.Notified > 0:
			return T("inicio.resumen.enviado", map[string]any{"Alertas": x.Notified, "Destinatarios": len(x.Recipients)})
		}
		return T("inicio.resumen.sin_envio")
	}
	return firstLine(runReason(x))
}

// firstLine is the first line of an error text.
func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}
