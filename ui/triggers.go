package ui

import (
	"net/url"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"vigia/app"
)

// triggersTab lists the triggers (name, schedule, next run, active switch,
// running indicator) and acts on the selected one: edit, duplicate, delete,
// run now, preview its e-mail, send a test. It also pauses the scheduler.
type triggersTab struct {
	u   *UI
	box fyne.CanvasObject

	list     *widget.List
	empty    *widget.Label
	items    []app.Trigger
	selected int64 // the selected trigger's ID; 0: none

	// pending holds, per trigger, the run this tab started (manual or test)
	// until its run-finished event arrives: the run-now button stays disabled
	// until then, whatever the timing of the run.
	pending map[int64]int64
	// tests maps the execution of a test send to the address it went to: its
	// outcome is reported when it finishes.
	tests map[int64]string

	newBtn, editBtn, dupBtn, delBtn, runBtn, previewBtn, testBtn, pauseBtn *widget.Button
	schedState                                                             *widget.Label

	editor  *triggerEditor       // the editor last opened
	openURL func(*url.URL) error // the browser (u.fyne.OpenURL)
}

func newTriggersTab(u *UI) *triggersTab {
	t := &triggersTab{u: u, pending: map[int64]int64{}, tests: map[int64]string{}, openURL: u.fyne.OpenURL}
	t.newBtn = &widget.Button{Text: T("triggers.nuevo"), Icon: theme.ContentAddIcon(), Importance: widget.HighImportance, OnTapped: t.onNew}
	t.editBtn = &widget.Button{Text: T("triggers.editar"), Icon: theme.DocumentCreateIcon(), OnTapped: t.onEdit}
	t.dupBtn = &widget.Button{Text: T("triggers.duplicar"), Icon: theme.ContentCopyIcon(), OnTapped: t.onDuplicate}
	t.delBtn = &widget.Button{Text: T("triggers.eliminar"), Icon: theme.DeleteIcon(), OnTapped: t.onDelete}
	t.runBtn = &widget.Button{Text: T("triggers.ejecutar_ahora"), Icon: theme.MediaPlayIcon(), OnTapped: t.onRunNow}
	t.previewBtn = &widget.Button{Text: T("triggers.vista_previa"), Icon: theme.VisibilityIcon(), OnTapped: t.onPreview}
	t.testBtn = &widget.Button{Text: T("triggers.enviar_prueba"), Icon: theme.MailSendIcon(), OnTapped: t.onSendTest}
	t.pauseBtn = &widget.Button{OnTapped: t.onPauseResume}
	t.schedState = &widget.Label{}
	t.empty = &widget.Label{Text: T("triggers.vacio"), Alignment: fyne.TextAlignCenter, Wrapping: fyne.TextWrapWord}
	t.list = &widget.List{
		Length:       func() int { return len(t.items) },
		CreateItem:   newTriggerRow,
		UpdateItem:   t.updateRow,
		OnSelected:   t.onSelected,
		OnUnselected: t.onUnselected,
	}

	toolbar := container.NewHBox(t.newBtn, t.editBtn, t.dupBtn, t.delBtn, widget.NewSeparator(),
		t.runBtn, t.previewBtn, t.testBtn)
	scheduler := container.NewHBox(layout.NewSpacer(), t.schedState, t.pauseBtn)
	t.box = container.NewBorder(container.NewVBox(toolbar, widget.NewSeparator(), triggerHeader()),
		container.NewVBox(widget.NewSeparator(), scheduler), nil, nil,
		container.NewStack(t.list, container.NewCenter(t.empty)))
	return t
}

func (t *triggersTab) object() fyne.CanvasObject { return t.box }

// refresh re-reads the triggers, keeps the selection and updates the actions.
func (t *triggersTab) refresh() {
	ctx, cancel := t.u.ctx()
	defer cancel()
	items, err := t.u.svc.Triggers(ctx)
	if err != nil {
		t.u.logError("pestaña triggers: listar", err)
		return
	}
	t.items = items
	if len(items) == 0 {
		t.empty.Show()
	} else {
		t.empty.Hide()
	}
	t.list.Refresh()
	t.reselect()
	t.updateActions()
}

// reselect selects again the trigger selected before a refresh, wherever it
// moved to; nothing when it is gone.
func (t *triggersTab) reselect() {
	if t.selected == 0 {
		return
	}
	for i, tr := range t.items {
		if tr.ID == t.selected {
			t.list.Select(i)
			return
		}
	}
	t.selected = 0
	t.list.UnselectAll()
}

// onEvent follows the core: trigger changes, runs starting and finishing, pauses.
func (t *triggersTab) onEvent(e app.Event) {
	switch e.Kind {
	case app.EventRunFinished:
		x := e.Execution
		if t.pending[x.TriggerID] == x.ID {
			delete(t.pending, x.TriggerID)
		}
		if addr, ok := t.tests[x.ID]; ok {
			delete(t.tests, x.ID)
			t.reportTest(x, addr)
		}
	case app.EventTriggersChanged, app.EventRunStarted, app.EventSchedulerChanged:
	default:
		return
	}
	t.refresh()
}

// running reports whether trigger id has a run in progress (or one this tab
// started whose end it has not been told yet).
func (t *triggersTab) running(id int64) bool {
	_, mine := t.pending[id]
	return mine || t.u.svc.IsRunning(id)
}

// selectedTrigger is the selected trigger, if any.
func (t *triggersTab) selectedTrigger() (app.Trigger, bool) {
	if t.selected == 0 {
		return app.Trigger{}, false
	}
	for _, tr := range t.items {
		if tr.ID == t.selected {
			return tr, true
		}
	}
	return app.Trigger{}, false
}

// updateActions enables what applies to the selection and labels the pause button.
func (t *triggersTab) updateActions() {
	tr, ok := t.selectedTrigger()
	busy := ok && t.running(tr.ID)
	triggerSetEnabled(t.editBtn, ok)
	triggerSetEnabled(t.dupBtn, ok)
	triggerSetEnabled(t.delBtn, ok)
	triggerSetEnabled(t.previewBtn, ok)
	triggerSetEnabled(t.runBtn, ok && !busy)
	triggerSetEnabled(t.testBtn, ok && !busy)
	if t.u.svc.Paused() {
		t.pauseBtn.SetText(T("triggers.reanudar"))
		t.pauseBtn.SetIcon(theme.MediaPlayIcon())
		t.schedState.Importance = widget.WarningImportance
		t.schedState.SetText(T("triggers.scheduler_pausado"))
	} else {
		t.pauseBtn.SetText(T("triggers.pausar"))
		t.pauseBtn.SetIcon(theme.MediaPauseIcon())
		t.schedState.Importance = widget.SuccessImportance
		t.schedState.SetText(T("triggers.scheduler_activo"))
	}
}

func triggerSetEnabled(b *widget.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

func (t *triggersTab) onSelected(i widget.ListItemID) {
	if i >= 0 && i < len(t.items) {
		t.selected = t.items[i].ID
	}
	t.updateActions()
}

func (t *triggersTab) onUnselected(widget.ListItemID) {
	t.selected = 0
	t.updateActions()
}

// selectTrigger selects trigger id in the list (after creating or duplicating it).
func (t *triggersTab) selectTrigger(id int64) {
	t.selected = id
	t.refresh()
}

func (t *triggersTab) onNew() {
	t.editor = openTriggerEditor(t.u, editorNew, nil, t.onSaved)
}

func (t *triggersTab) onEdit() {
	if tr, ok := t.selectedTrigger(); ok {
		t.editor = openTriggerEditor(t.u, editorEdit, &tr, t.onSaved)
	}
}

func (t *triggersTab) onDuplicate() {
	if tr, ok := t.selectedTrigger(); ok {
		t.editor = openTriggerEditor(t.u, editorDuplicate, &tr, t.onSaved)
	}
}

func (t *triggersTab) onSaved(tr app.Trigger) { t.selectTrigger(tr.ID) }

// onDelete asks first; the history of the trigger stays.
func (t *triggersTab) onDelete() {
	tr, ok := t.selectedTrigger()
	if !ok {
		return
	}
	msg := &widget.Label{Text: T("triggers.eliminar.pregunta", map[string]any{"Nombre": tr.Name}), Wrapping: fyne.TextWrapWord}
	d := dialog.NewCustomConfirm(T("triggers.eliminar.titulo"), T("triggers.eliminar.confirmar"), T("triggers.cancelar"),
		msg, func(yes bool) {
			if yes {
				t.deleteTrigger(tr.ID)
			}
		}, t.u.win)
	d.Resize(fyne.NewSize(460, 200))
	d.Show()
}

func (t *triggersTab) deleteTrigger(id int64) {
	ctx, cancel := t.u.ctx()
	defer cancel()
	if err := t.u.svc.DeleteTrigger(ctx, id); err != nil {
		t.u.reportError(err)
	}
	t.refresh()
}

// onRunNow starts the selected trigger; the button stays disabled until its run ends.
func (t *triggersTab) onRunNow() {
	tr, ok := t.selectedTrigger()
	if !ok {
		return
	}
	ctx, cancel := t.u.ctx()
	defer cancel()
	x, err := t.u.svc.RunNow(ctx, tr.ID)
	if err != nil {
		t.u.reportError(err)
		t.refresh()
		return
	}
	t.u.logger().Info("ejecución manual iniciada desde la interfaz", "trigger_id", tr.ID, "ejecucion_id", x.ID)
	t.pending[tr.ID] = x.ID
	t.refresh()
}

// onSetActive is the active switch of a row: only Activo changes.
func (t *triggersTab) onSetActive(id int64, on bool) {
	ctx, cancel := t.u.ctx()
	defer cancel()
	if _, err := t.u.svc.UpdateTrigger(ctx, id, app.TriggerDraft{Active: &on}); err != nil {
		t.u.reportError(err)
	}
	t.refresh()
}

func (t *triggersTab) onPauseResume() {
	if t.u.svc.Paused() {
		t.u.resumeScheduler()
	} else {
		t.u.pauseScheduler()
	}
	t.updateActions()
}

// nextRunText is the next run of tr as a date and how far it is.
func (t *triggersTab) nextRunText(tr app.Trigger) string {
	if !tr.Active {
		return T("triggers.inactivo")
	}
	next := t.u.svc.NextRun(tr)
	if next.IsZero() {
		return "—"
	}
	text := t.u.formatDateTime(next) + " · " + relative(t.u.svc.Now(), next)
	if t.u.svc.Paused() {
		text += " · " + T("triggers.en_pausa")
	}
	return text
}

// The list's columns: the active switch, name, schedule, next run and the
// running indicator. Header and rows share triggerRowLayout.
const (
	triggerColActive  = 0
	triggerColName    = 1
	triggerColSched   = 2
	triggerColNext    = 3
	triggerColRunning = 4
)

// triggerRowLayout gives the switch and the indicator fixed widths and shares
// the rest among name (30 %), schedule (33 %) and next run (37 %).
type triggerRowLayout struct{}

const (
	triggerFixedLeft  float32 = 72
	triggerFixedRight float32 = 120
)

var triggerShares = [3]float32{0.30, 0.33, 0.37}

func (triggerRowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	rest := max(size.Width-triggerFixedLeft-triggerFixedRight-4*pad, 0)
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
	place(objs[triggerColRunning], triggerFixedRight)
}

func (triggerRowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(triggerFixedLeft+triggerFixedRight+300, h)
}

func triggerHeader() fyne.CanvasObject {
	head := func(key string) fyne.CanvasObject {
		return &widget.Label{Text: T(key), TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis}
	}
	return container.New(triggerRowLayout{}, head(K("triggers.col.activo")), head(K("triggers.col.nombre")),
		head(K("triggers.col.programacion")), head(K("triggers.col.proxima")), head(K("triggers.col.estado")))
}

// newTriggerRow is the template of a list row.
func newTriggerRow() fyne.CanvasObject {
	label := func() *widget.Label { return &widget.Label{Truncation: fyne.TextTruncateEllipsis} }
	name := label()
	name.TextStyle.Bold = true
	running := container.NewHBox(widget.NewIcon(theme.NewPrimaryThemedResource(theme.MediaPlayIcon())),
		&widget.Label{Text: T("estado.en_curso"), Importance: widget.HighImportance})
	return container.New(triggerRowLayout{}, &widget.Check{}, name, label(), label(), running)
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
	if t.running(tr.ID) {
		objs[triggerColRunning].Show()
	} else {
		objs[triggerColRunning].Hide()
	}
}
