package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"vigia/app"
)

// The list's columns: the active switch, name, schedule, next run and the
// state of the runs (the one in progress, or the last one's result). Header
// and rows share triggerRowLayout.
const (
	triggerColActive = 0
	triggerColName   = 1
	triggerColSched  = 2
	triggerColNext   = 3
	triggerColStatus = 4
)

// triggerRowLayout gives the switch a fixed width and shares the rest among
// name, schedule, next run and state.
type triggerRowLayout struct{}

const (
	triggerFixedLeft float32 = 72
	// triggerMinRest is the least room the shared columns get; below it the
	// list scrolls sideways rather than squeeze them to nothing.
	triggerMinRest float32 = 560
)

var triggerShares = [4]float32{0.22, 0.28, 0.28, 0.22}

func (triggerRowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	rest := max(size.Width-triggerFixedLeft-4*pad, 0)
	x := float32(0)
	place := func(o fyne.CanvasObject, w float32) {
		h := o.MinSize().Height
		o.Move(fyne.NewPos(x, (size.Height-h)/2))
		o.Resize(fyne.NewSize(w, h))
		x += w + pad
	}
	place(objs[triggerColActive], triggerFixedLeft)
	for i, share := range triggerShares {
		place(objs[triggerColName+i], rest*share)
	}
}

func (triggerRowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(triggerFixedLeft+triggerMinRest+4*theme.Padding(), h)
}

func triggerHeader() fyne.CanvasObject {
	head := func(key string) fyne.CanvasObject {
		return &widget.Label{Text: T(key), TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis}
	}
	return container.New(triggerRowLayout{}, head(K("triggers.col.activo")), head(K("triggers.col.nombre")),
		head(K("triggers.col.programacion")), head(K("triggers.col.proxima")), head(K("triggers.col.estado")))
}

// newTriggerRow is the template of a list row; the state is a table cell
// (an icon and a label cut with "…").
func newTriggerRow() fyne.CanvasObject {
	label := func() *widget.Label { return &widget.Label{Truncation: fyne.TextTruncateEllipsis} }
	name := label()
	name.TextStyle.Bold = true
	return container.New(triggerRowLayout{}, &widget.Check{}, name, label(), label(), newCellTemplate())
}

// updateRow shows trigger i in a row.
func (t *triggersTab) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i < 0 || i >= len(t.items) {
		return
	}
	tr := t.items[i]
	objs := o.(*fyne.Container).Objects
	active := objs[triggerColActive].(*widget.Check)
	active.OnChanged = nil
	active.SetChecked(tr.Active)
	active.OnChanged = func(on bool) { t.onSetActive(tr.ID, on) }
	objs[triggerColName].(*widget.Label).SetText(tr.Name)
	objs[triggerColSched].(*widget.Label).SetText(scheduleText(tr.Schedule))
	next := objs[triggerColNext].(*widget.Label)
	next.SetText(t.nextRunText(tr))
	next.Importance = widget.MediumImportance
	if !tr.Active {
		next.Importance = widget.LowImportance
	}
	next.Refresh()
	setCell(objs[triggerColStatus], t.statusCell(tr.ID), true)
}

// statusCell is the state column of trigger id: "En curso…" while it runs,
// then the last run's result ("Exitoso · hace 1 min", "Falló: <reason>").
// Test sends are not the trigger's runs: they are reported on their own.
func (t *triggersTab) statusCell(id int64) cell {
	if t.running(id) {
		return cell{text: T("triggers.estado.en_curso"), icon: stateIcon(app.StateRunning), importance: stateImportance(app.StateRunning)}
	}
	x, ok := t.last[id]
	if !ok {
		return cell{text: T("triggers.estado.sin_ejecuciones"), importance: widget.LowImportance}
	}
	c := stateCell(x.State)
	switch x.State {
	case app.StateRunning: // claimed by another Vigía on the same database
		c.text = T("triggers.estado.en_curso")
	case app.StateFailed:
		c.text = T("triggers.estado.fallo", map[string]any{"Motivo": shortReason(runReason(x))})
	default:
		c.text = T("triggers.estado.resultado", map[string]any{"Estado": stateLabel(x.State), "Cuando": t.whenText(x)})
	}
	return c
}

// whenText says how long ago run x ended (or began, while it runs).
func (t *triggersTab) whenText(x app.Execution) string {
	at := x.FinishedAt
	if at.IsZero() {
		at = x.StartedAt
	}
	return relative(t.u.svc.Now(), at)
}

// The Triggers tab's reading pane (a readPane) is the selected trigger in
// full, under the list: what a row cuts short (a long name, the reason of a
// failure) is read here.

// showDetail fills the detail with the selected trigger; hidden without one.
func (t *triggersTab) showDetail() {
	d := t.detail
	tr, ok := t.selectedTrigger()
	if !ok {
		d.box.Hide()
		return
	}
	info := T("triggers.detalle.programacion", map[string]any{"Programacion": scheduleText(tr.Schedule), "Proxima": t.nextRunText(tr)})
	if tr.Description != "" {
		info = tr.Description + "\n" + info
	}
	text, imp := t.lastRunText(tr.ID)
	d.notes.Importance = imp
	d.show(tr.Name, info, text)
}

// lastRunText is the sentence about trigger id's run in progress or last
// run, with the whole reason of a failure.
func (t *triggersTab) lastRunText(id int64) (string, widget.Importance) {
	x, ok := t.last[id]
	if t.running(id) && (!ok || x.State != app.StateRunning) {
		return T("triggers.detalle.en_curso"), stateImportance(app.StateRunning)
	}
	if !ok {
		return T("triggers.detalle.sin_ejecuciones"), widget.MediumImportance
	}
	head := T("triggers.detalle.ultima", map[string]any{"Origen": originLabel(x.Origin),
		"Fecha": t.u.formatDateTime(x.StartedAt), "Cuando": t.whenText(x)})
	return head + " " + outcomeText(x), stateImportance(x.State)
}

// outcomeText says what run x did, in full.
func outcomeText(x app.Execution) string {
	reason := runReason(x)
	switch {
	case x.State == app.StateRunning:
		return T("triggers.resultado.en_curso")
	case x.State == app.StateSucceeded && x.MailRoute == app.MailRouteNone && x.Attempts == 0:
		return T("triggers.resultado.sin_alertas") // nothing to report: no digest was made
	case x.State == app.StateSucceeded:
		return deliveryText(x)
	case reason != "":
		return T("triggers.resultado.con_motivo", map[string]any{"Estado": stateLabel(x.State), "Motivo": reason})
	}
	return stateLabel(x.State) + "."
}

// deliveryText says where the digest of a successful run x went: only a
// digest the SMTP server took is said to be sent.
func deliveryText(x app.Execution) string {
	args := map[string]any{"Alertas": x.Alerts, "Destinatarios": len(x.Recipients)}
	switch x.MailRoute {
	case app.MailRouteSMTP:
		return T("triggers.resultado.enviado", args)
	case app.MailRouteOutbox:
		return T("triggers.resultado.bandeja", args)
	}
	return T("triggers.resultado.resumen", args) // a run from before the route was recorded
}
