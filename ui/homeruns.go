package ui

import (
	"container/heap"
	"strings"
	"time"

	"vigia/app"
)

// upcomingRun is one slot of the dashboard's next runs.
type upcomingRun struct {
	at      time.Time
	trigger app.Trigger
}

// upcoming merges the next slots of the active triggers, earliest first (then
// by trigger ID), and keeps the first n. It asks each trigger for one slot,
// then one more per slot taken, so it stays cheap with many triggers.
func upcoming(triggers []app.Trigger, now time.Time, loc *time.Location, n int) []upcomingRun {
	h := make(runHeap, 0, len(triggers))
	for _, tr := range triggers {
		if !tr.Active {
			continue
		}
		if at := tr.Schedule.Next(now, loc); !at.IsZero() {
			h = append(h, upcomingRun{at: at, trigger: tr})
		}
	}
	heap.Init(&h)
	out := make([]upcomingRun, 0, n)
	for len(out) < n && h.Len() > 0 {
		r := h[0]
		out = append(out, r)
		if next := r.trigger.Schedule.Next(r.at, loc); !next.IsZero() {
			h[0].at = next
			heap.Fix(&h, 0)
		} else {
			heap.Pop(&h)
		}
	}
	return out
}

// runHeap orders each trigger's next slot, earliest first.
type runHeap []upcomingRun

func (h runHeap) Len() int { return len(h) }
func (h runHeap) Less(i, j int) bool {
	if !h[i].at.Equal(h[j].at) {
		return h[i].at.Before(h[j].at)
	}
	return h[i].trigger.ID < h[j].trigger.ID
}
func (h runHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *runHeap) Push(x any)   { *h = append(*h, x.(upcomingRun)) }
func (h *runHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

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
		return cell{text: t.u.formatDateTime(r.at)}
	case 1:
		return cell{text: r.trigger.Name}
	}
	return cell{text: relative(t.shownAt, r.at)}
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
