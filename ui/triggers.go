package ui

import (
	"net/url"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"vigia/app"
)

// triggersTab lists the triggers (name, schedule, next run, active switch,
// the run in progress or the last run's result) and acts on the selected one:
// edit, duplicate, delete, run now, preview its e-mail, send a test. Under
// the list, the selected trigger reads in full. It also pauses the scheduler.
type triggersTab struct {
	u   *UI
	box fyne.CanvasObject

	list     *widget.List
	empty    *widget.Label
	items    []app.Trigger
	selected int64 // the selected trigger's ID; 0: none
	// last is each trigger's latest run that is not a test send, as read at
	// the last refresh (every run event refreshes the tab).
	last   map[int64]app.Execution
	detail *readPane

	// pending holds, per trigger, the run this tab started (manual or test)
	// until its run-finished event arrives: the run-now button stays disabled
	// until then, whatever the timing of the run.
	pending map[int64]int64
	// started holds, per trigger, the run whose start the core announced
	// (whoever asked: the scheduler, the API, this tab) until its end is
	// announced: the row says "En curso…" from one event to the other.
	started map[int64]int64
	// tests maps the execution of a test send to the address it went to: its
	// outcome is reported when it finishes.
	tests map[int64]string

	newBtn, editBtn, dupBtn, delBtn, runBtn, previewBtn, testBtn, pauseBtn *widget.Button
	schedState                                                             *widget.Label

	editor  *triggerEditor       // the editor last opened
	openURL func(*url.URL) error // the browser (u.fyne.OpenURL)

	// after is time.AfterFunc (tests fire the minute by hand); ticking says
	// a timer is armed to bring the relative times up to date.
	after   func(time.Duration, func()) (stop func() bool)
	ticking bool
}

func newTriggersTab(u *UI) *triggersTab {
	t := &triggersTab{u: u, pending: map[int64]int64{}, started: map[int64]int64{}, tests: map[int64]string{}, last: map[int64]app.Execution{},
		detail: newTextPane(), openURL: u.fyne.OpenURL, after: afterFunc}
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

	toolbar := newFlow(t.newBtn, t.editBtn, t.dupBtn, t.delBtn, widget.NewSeparator(),
		t.runBtn, t.previewBtn, t.testBtn)
	scheduler := container.NewHBox(layout.NewSpacer(), t.schedState, t.pauseBtn)
	t.box = container.NewBorder(container.NewVBox(toolbar, widget.NewSeparator(), triggerHeader()),
		container.NewVBox(t.detail.box, widget.NewSeparator(), scheduler), nil, nil,
		container.NewStack(t.list, emptyText(t.empty)))
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
	t.loadLastRuns()
	showWhen(t.empty, len(items) == 0)
	showWhen(t.list, len(items) > 0) // its column lines would cross the text
	t.list.Refresh()
	t.reselect()
	t.updateActions()
	t.armTick()
}

// lastRunsScanned bounds the history read per trigger to find its last run
// among test sends.
const lastRunsScanned = 20

// loadLastRuns reads each trigger's latest run, test sends aside.
func (t *triggersTab) loadLastRuns() {
	ctx, cancel := t.u.ctx()
	defer cancel()
	last := make(map[int64]app.Execution, len(t.items))
	for _, tr := range t.items {
		page, err := t.u.svc.Executions(ctx, app.ExecutionFilter{TriggerID: tr.ID, Limit: lastRunsScanned})
		if err != nil {
			t.u.logError("pestaña triggers: última ejecución", err)
			continue
		}
		for _, x := range page.Executions {
			if x.Origin != app.OriginTest {
				last[tr.ID] = x
				break
			}
		}
	}
	t.last = last
}

// armTick keeps the relative times ("hace 1 min", "en 3 h") true: a timer
// for the start of the next minute re-draws the list, and re-arms itself.
func (t *triggersTab) armTick() {
	if t.ticking {
		return
	}
	t.ticking = true
	now := t.u.svc.Now()
	t.after(now.Truncate(time.Minute).Add(time.Minute).Sub(now), func() { t.u.bridge.run(t.onTick) })
}

// onTick runs on the UI goroutine each minute; hidden in the tray it only
// re-arms, and a tab replaced by a rebuild (another language) stops.
func (t *triggersTab) onTick() {
	t.ticking = false
	if t.u.triggers != t {
		return
	}
	if t.u.shown {
		t.list.Refresh()
		t.showDetail()
	}
	t.armTick()
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
	case app.EventRunStarted:
		t.started[e.Execution.TriggerID] = e.Execution.ID
	case app.EventRunFinished:
		x := e.Execution
		if t.pending[x.TriggerID] == x.ID {
			delete(t.pending, x.TriggerID)
		}
		if t.started[x.TriggerID] == x.ID {
			delete(t.started, x.TriggerID)
		}
		if addr, ok := t.tests[x.ID]; ok {
			delete(t.tests, x.ID)
			t.reportTest(x, addr)
		}
	case app.EventTriggersChanged, app.EventSchedulerChanged:
	default:
		return
	}
	t.refresh()
}

// running reports whether trigger id has a run in progress (or one whose
// end the tab has not been told yet).
func (t *triggersTab) running(id int64) bool {
	_, mine := t.pending[id]
	_, announced := t.started[id]
	return mine || announced || t.u.svc.IsRunning(id)
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
	t.showDetail()
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
	t.u.showDialog(d, fyne.NewSize(460, 200))
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
