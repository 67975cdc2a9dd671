package ui

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"vigia/app"
)

// editorRuns is how many next runs the editor previews.
const editorRuns = 5

// editorMode says what the editor does with its trigger.
type editorMode int

const (
	editorNew       editorMode = iota // an empty form
	editorEdit                        // change an existing trigger
	editorDuplicate                   // a new trigger prefilled from another one
)

// Frequencies in the order the editor offers them, with their labels.
var (
	editorFrequencies    = []app.Frequency{app.FrequencyDaily, app.FrequencyWeekly, app.FrequencyMonthly, app.FrequencyHourly}
	editorFrequencyKeys  = []string{K("editor.frecuencia.diaria"), K("editor.frecuencia.semanal"), K("editor.frecuencia.mensual"), K("editor.frecuencia.cada_n_horas")}
	editorWeekdays       = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}
	editorPriorityLabels = map[app.Priority]string{
		app.PriorityCritical: K("editor.prioridad.critica"), app.PriorityHigh: K("editor.prioridad.alta"),
		app.PriorityMedium: K("editor.prioridad.media"), app.PriorityLow: K("editor.prioridad.baja"),
	}
)

// editorFields are the fields the editor shows an error next to, by the
// core's (API) field names. A message for any other key goes to the foot.
var editorFields = []string{"nombre", "descripcion", "frecuencia", "hora", "dias_semana", "dia_mes",
	"intervalo_horas", "destinatarios", "prioridades"}

// triggerEditor is the dialog that creates and changes triggers. Every change
// re-validates the form with the core (nothing is saved) and redraws the next
// runs; Guardar stays disabled while anything is invalid.
type triggerEditor struct {
	u       *UI
	current *app.Trigger // the trigger being edited; nil for a new one
	onSaved func(app.Trigger)
	dlg     *dialog.CustomDialog

	name, description, hour, interval, recipients *formEntry
	frequency                                     *formSelect
	day                                           *formSelect
	weekdays                                      []*formCheck // Monday first
	priorities                                    []*formCheck // app.Priorities order
	active, catchUp, sendEmpty                    *formCheck

	// rows shown by frequency: the label and field of each
	hourRow, weekdaysRow, dayRow, intervalRow []fyne.CanvasObject

	form    *fyne.Container          // the form layout: re-laid out when rows or errors appear or go
	errs    map[string]*widget.Label // by field name
	general *widget.Label            // errors of no field (the trigger was deleted meanwhile)
	preview *widget.Label
	save    *widget.Button
	cancel  *widget.Button

	loading bool // the form is being filled: no validation yet
}

// openTriggerEditor shows the editor: empty (editorNew), over from
// (editorEdit), or prefilled from from as "Copia de …" (editorDuplicate).
// onSaved is told the saved trigger.
func openTriggerEditor(u *UI, mode editorMode, from *app.Trigger, onSaved func(app.Trigger)) *triggerEditor {
	e := &triggerEditor{u: u, onSaved: onSaved, errs: map[string]*widget.Label{}}
	if mode == editorEdit {
		e.current = from
	}
	e.build()
	content := e.content()
	e.fill(mode, from)
	title := T("editor.titulo.nuevo")
	if mode == editorEdit {
		title = T("editor.titulo.editar", map[string]any{"Nombre": from.Name})
	}
	e.dlg = dialog.NewCustomWithoutButtons(title, content, u.win)
	e.dlg.SetButtons([]fyne.CanvasObject{e.cancel, e.save})
	u.showForm(e.dlg, fyne.NewSize(940, 660), e.onCancel)
	u.win.Canvas().Focus(e.name)
	return e
}

// build creates the widgets.
func (e *triggerEditor) build() {
	changed := func(string) { e.validate() }
	toggled := func(bool) { e.validate() }
	e.name = extended(&formEntry{Entry: widget.Entry{PlaceHolder: T("editor.nombre.ayuda"), OnChanged: changed, OnSubmitted: func(string) { e.onSubmit() }}})
	e.description = extended(&formEntry{Entry: widget.Entry{MultiLine: true, Wrapping: fyne.TextWrapWord, PlaceHolder: T("editor.descripcion.ayuda"), OnChanged: changed}})
	e.description.SetMinRowsVisible(2)
	freqLabels := make([]string, len(editorFrequencyKeys))
	for i, k := range editorFrequencyKeys {
		freqLabels[i] = T(k)
	}
	e.frequency = extended(&formSelect{Select: widget.Select{Options: freqLabels, OnChanged: func(string) { e.onFrequency() }}})
	e.hour = extended(&formEntry{Entry: widget.Entry{PlaceHolder: "HH:MM", OnChanged: changed}})
	for _, d := range editorWeekdays {
		e.weekdays = append(e.weekdays, extended(&formCheck{Check: widget.Check{Text: weekdayName(d), OnChanged: toggled}}))
	}
	days := make([]string, 0, 32)
	for d := 1; d <= 31; d++ {
		days = append(days, strconv.Itoa(d))
	}
	e.day = extended(&formSelect{Select: widget.Select{Options: append(days, T("editor.dia.ultimo")), OnChanged: changed}})
	e.interval = extended(&formEntry{Entry: widget.Entry{PlaceHolder: fmt.Sprintf("1–%d", app.MaxIntervalHours), OnChanged: changed}})
	e.recipients = extended(&formEntry{Entry: widget.Entry{MultiLine: true, PlaceHolder: e.defaultsPlaceholder(), OnChanged: changed}})
	e.recipients.SetMinRowsVisible(4)
	for _, p := range app.Priorities {
		e.priorities = append(e.priorities, extended(&formCheck{Check: widget.Check{Text: T(editorPriorityLabels[p]), OnChanged: toggled}}))
	}
	e.active = extended(&formCheck{Check: widget.Check{Text: T("editor.activo"), OnChanged: toggled}})
	e.catchUp = extended(&formCheck{Check: widget.Check{Text: T("editor.recuperar"), OnChanged: toggled}})
	e.sendEmpty = extended(&formCheck{Check: widget.Check{Text: T("editor.enviar_sin_alertas"), OnChanged: toggled}})
	for _, f := range editorFields {
		e.errs[f] = editorErrorLabel()
	}
	e.general = editorErrorLabel()
	e.preview = &widget.Label{Wrapping: fyne.TextWrapWord}
	e.save = &widget.Button{Text: T("editor.guardar"), Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: e.onSave}
	e.cancel = &widget.Button{Text: T("editor.cancelar"), Icon: theme.CancelIcon(), OnTapped: e.onCancel}
}

// editorErrorLabel is the red text under a field; hidden while the field is valid.
func editorErrorLabel() *widget.Label {
	l := &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	l.Hide()
	return l
}

// defaultsPlaceholder shows, in the empty recipients box, who gets the digest
// then: the service's defaults, which the core's draft check also reads.
func (e *triggerEditor) defaultsPlaceholder() string {
	defaults := e.u.svc.DefaultRecipients()
	if len(defaults) == 0 {
		return T("editor.destinatarios.sin_defecto")
	}
	return strings.Join(defaults, "\n")
}

// content lays the form out: the fields on the left, the next runs on the right.
func (e *triggerEditor) content() fyne.CanvasObject {
	field := func(w fyne.CanvasObject, key string) fyne.CanvasObject {
		return container.NewVBox(w, e.errs[key])
	}
	row := func(label string, w fyne.CanvasObject) []fyne.CanvasObject {
		return []fyne.CanvasObject{&widget.Label{Text: label, TextStyle: fyne.TextStyle{Bold: true}}, w}
	}
	weekdays := make([]fyne.CanvasObject, len(e.weekdays))
	for i, c := range e.weekdays {
		weekdays[i] = c
	}
	prios := make([]fyne.CanvasObject, len(e.priorities))
	for i, c := range e.priorities {
		prios[i] = c
	}
	e.hourRow = row(T("editor.hora"), field(e.hour, "hora"))
	e.weekdaysRow = row(T("editor.dias_semana"), field(container.NewGridWithColumns(4, weekdays...), "dias_semana"))
	e.dayRow = row(T("editor.dia_mes"), field(e.day, "dia_mes"))
	e.intervalRow = row(T("editor.intervalo"), field(
		container.NewBorder(nil, nil, nil, widget.NewLabel(T("editor.intervalo.horas")), e.interval), "intervalo_horas"))
	help := T("editor.destinatarios.ayuda")
	if len(e.u.svc.DefaultRecipients()) == 0 {
		help = T("editor.destinatarios.ayuda_sin_defecto") // «empty means the defaults» would not hold
	}
	recipientsHelp := &widget.Label{Text: help, Importance: widget.LowImportance, Wrapping: fyne.TextWrapWord}

	var cells []fyne.CanvasObject
	cells = append(cells, row(T("editor.nombre"), field(e.name, "nombre"))...)
	cells = append(cells, row(T("editor.descripcion"), field(e.description, "descripcion"))...)
	cells = append(cells, row(T("editor.frecuencia"), field(e.frequency, "frecuencia"))...)
	cells = append(cells, e.hourRow...)
	cells = append(cells, e.weekdaysRow...)
	cells = append(cells, e.dayRow...)
	cells = append(cells, e.intervalRow...)
	cells = append(cells, row(T("editor.destinatarios"), field(container.NewVBox(e.recipients, recipientsHelp), "destinatarios"))...)
	cells = append(cells, row(T("editor.prioridades"), field(container.NewHBox(prios...), "prioridades"))...)
	cells = append(cells, row(T("editor.opciones"), container.NewVBox(e.active, e.catchUp, e.sendEmpty))...)
	e.form = container.New(layout.NewFormLayout(), cells...)
	form := container.NewVBox(e.form, e.general)

	zone := e.u.svc.Location().String()
	runs := container.NewBorder(
		&widget.Label{Text: T("editor.proximas", map[string]any{"Zona": zone}), TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord},
		nil, nil, nil, container.NewVScroll(e.preview))
	// On a small screen the next runs take less room, and the form scrolls.
	return withSide(container.NewVScroll(form), runs, 180, 300)
}

// fill puts a trigger (or the defaults of a new one) into the widgets.
func (e *triggerEditor) fill(mode editorMode, from *app.Trigger) {
	e.loading = true
	defer func() {
		e.loading = false
		e.onFrequency()
	}()
	if from == nil || mode == editorNew {
		e.frequency.SetSelectedIndex(0)
		e.hour.SetText("08:00")
		e.day.SetSelectedIndex(0)
		e.interval.SetText("4")
		e.priorities[0].SetChecked(true)
		e.priorities[1].SetChecked(true)
		e.active.SetChecked(true)
		e.catchUp.SetChecked(true)
		return
	}
	name := from.Name
	if mode == editorDuplicate {
		name = T("editor.copia_de", map[string]any{"Nombre": from.Name})
	}
	e.name.SetText(name)
	e.description.SetText(from.Description)
	s := from.Schedule
	e.frequency.SetSelectedIndex(max(slices.Index(editorFrequencies, s.Frequency), 0))
	e.hour.SetText("08:00")
	e.day.SetSelectedIndex(0)
	e.interval.SetText("4")
	switch s.Frequency {
	case app.FrequencyDaily, app.FrequencyWeekly, app.FrequencyMonthly:
		e.hour.SetText(s.TimeOfDay())
	case app.FrequencyHourly:
		e.interval.SetText(strconv.Itoa(s.IntervalHours))
	}
	for i, d := range editorWeekdays {
		e.weekdays[i].SetChecked(slices.Contains(s.Weekdays, d))
	}
	switch {
	case s.Frequency != app.FrequencyMonthly:
	case s.DayOfMonth == app.LastDayOfMonth:
		e.day.SetSelectedIndex(31)
	case s.DayOfMonth >= 1 && s.DayOfMonth <= 31:
		e.day.SetSelectedIndex(s.DayOfMonth - 1)
	}
	e.recipients.SetText(strings.Join(from.Recipients, "\n"))
	for i, p := range app.Priorities {
		e.priorities[i].SetChecked(slices.Contains(from.Priorities, p))
	}
	e.active.SetChecked(from.Active)
	e.catchUp.SetChecked(from.CatchUp)
	e.sendEmpty.SetChecked(from.SendWhenEmpty)
}

// selectedFrequency is the frequency chosen ("" when none).
func (e *triggerEditor) selectedFrequency() app.Frequency {
	if i := e.frequency.SelectedIndex(); i >= 0 {
		return editorFrequencies[i]
	}
	return ""
}

// onFrequency shows the fields the chosen frequency uses.
func (e *triggerEditor) onFrequency() {
	f := e.selectedFrequency()
	editorShowRow(e.hourRow, f == app.FrequencyDaily || f == app.FrequencyWeekly || f == app.FrequencyMonthly)
	editorShowRow(e.weekdaysRow, f == app.FrequencyWeekly)
	editorShowRow(e.dayRow, f == app.FrequencyMonthly)
	editorShowRow(e.intervalRow, f == app.FrequencyHourly)
	e.validate()
	e.form.Refresh()
}

func editorShowRow(row []fyne.CanvasObject, visible bool) {
	for _, o := range row {
		if visible {
			o.Show()
		} else {
			o.Hide()
		}
	}
}

// onSave stores the trigger; the core's objections are shown field by field.
func (e *triggerEditor) onSave() {
	d, problems := e.draft()
	if len(problems) > 0 {
		e.validate()
		return
	}
	ctx, cancel := e.u.ctx()
	defer cancel()
	var saved app.Trigger
	var err error
	if e.current == nil {
		saved, err = e.u.svc.CreateTrigger(ctx, d)
	} else {
		saved, err = e.u.svc.UpdateTrigger(ctx, e.current.ID, d)
	}
	if err != nil {
		e.u.logError("guardar trigger", err)
		var v *app.ValidationError
		if errors.As(err, &v) {
			e.showErrors(fieldTexts(v))
		} else {
			e.general.SetText(errorText(err))
			e.general.Show()
		}
		e.save.Disable()
		return
	}
	e.dlg.Hide()
	if e.onSaved != nil {
		e.onSaved(saved)
	}
}

func (e *triggerEditor) onCancel() { e.dlg.Hide() }

// onSubmit is Enter in the name: Guardar, when it is enabled.
func (e *triggerEditor) onSubmit() {
	if !e.save.Disabled() {
		e.onSave()
	}
}
