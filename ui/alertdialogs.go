package ui

import (
	"errors"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"vigia/app"
)

// fieldErrs shows the core's validation messages under the fields they name;
// messages of no field on the form, and other errors, go under the form.
type fieldErrs struct {
	labels  map[string]*widget.Label // by the core's field name
	boxes   []*fyne.Container        // each field with its error line
	general *widget.Label
	// relayout fits the dialog to the messages shown (set by the dialog).
	relayout func()
}

func newFieldErrs() *fieldErrs {
	f := &fieldErrs{labels: map[string]*widget.Label{}, general: newErrorLabel()}
	return f
}

func newErrorLabel() *widget.Label {
	l := &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	l.ExtendBaseWidget(l)
	l.Hide()
	return l
}

// field puts the error line of the core's field name under input.
func (f *fieldErrs) field(name string, input fyne.CanvasObject) fyne.CanvasObject {
	l := newErrorLabel()
	f.labels[name] = l
	box := container.NewVBox(input, l)
	f.boxes = append(f.boxes, box)
	return box
}

// show clears the previous messages and shows err's.
func (f *fieldErrs) show(err error) {
	defer f.fit()
	for _, l := range f.labels {
		l.SetText("")
		l.Hide()
	}
	f.general.Hide()
	fields, ok := fieldErrorsOf(err)
	if !ok {
		f.general.SetText(errorText(err))
		f.general.Show()
		return
	}
	var rest []string
	for name, msg := range fields {
		if l, ok := f.labels[name]; ok {
			l.SetText(msg)
			l.Show()
		} else {
			rest = append(rest, msg)
		}
	}
	if len(rest) > 0 {
		sort.Strings(rest)
		f.general.SetText(strings.Join(rest, "\n"))
		f.general.Show()
	}
}

// fit lays the fields out again around their error lines.
func (f *fieldErrs) fit() {
	for _, b := range f.boxes {
		b.Refresh()
	}
	if f.relayout != nil {
		f.relayout()
	}
}

// message is what the form says under field name ("" when nothing).
func (f *fieldErrs) message(name string) string {
	if l, ok := f.labels[name]; ok && l.Visible() {
		return l.Text
	}
	return ""
}

// alertForm is the Nueva/Editar alerta dialog.
type alertForm struct {
	t         *alertsTab
	id        int64 // 0: a new alert
	companies []app.Company
	company   *formSelect
	title     *formEntry
	detail    *formEntry
	priority  *formSelect
	due       *formEntry
	errs      *fieldErrs
	dlg       *dialog.CustomDialog
}

func (t *alertsTab) onNewAlert() {
	a := app.Alert{CompanyID: t.companyID, Priority: app.PriorityMedium, Open: true}
	t.openAlertForm(a)
}

func (t *alertsTab) onEditAlert() {
	if a, ok := t.selectedAlert(); ok {
		t.openAlertForm(a)
	}
}

func (t *alertsTab) openAlertForm(a app.Alert) {
	f := &alertForm{t: t, id: a.ID, companies: t.companies.companies, errs: newFieldErrs()}
	names := make([]string, len(f.companies))
	for i, c := range f.companies {
		names[i] = c.Name
	}
	f.company = extended(&formSelect{Select: widget.Select{Options: names, PlaceHolder: T("alertas.form.elija_empresa")}})
	if c, ok := t.names[a.CompanyID]; ok {
		f.company.SetSelected(c.Name)
	}
	f.title = extended(&formEntry{Entry: widget.Entry{Text: a.Title}})
	f.detail = extended(&formEntry{Entry: widget.Entry{MultiLine: true, Wrapping: fyne.TextWrapWord}})
	f.detail.SetMinRowsVisible(4)
	f.detail.SetText(a.Detail)
	prios := make([]string, len(app.Priorities))
	for i, p := range app.Priorities {
		prios[i] = alertPriorityLabel(p)
	}
	f.priority = extended(&formSelect{Select: widget.Select{Options: prios, PlaceHolder: T("alertas.form.elija_prioridad")}})
	if a.Priority != "" {
		f.priority.SetSelected(alertPriorityLabel(a.Priority))
	}
	f.due = extended(&formEntry{Entry: widget.Entry{PlaceHolder: T("alertas.fecha.formato")}})
	if !a.DueOn.IsZero() {
		f.due.Text = formatDueDate(a.DueOn)
	}
	form := &widget.Form{
		Items: []*widget.FormItem{
			{Text: T("alertas.form.empresa"), Widget: f.errs.field("empresa_id", f.company)},
			{Text: T("alertas.form.titulo"), Widget: f.errs.field("titulo", f.title)},
			{Text: T("alertas.form.detalle"), Widget: f.errs.field("detalle", f.detail)},
			{Text: T("alertas.form.prioridad"), Widget: f.errs.field("prioridad", f.priority),
				HintText: T("alertas.form.prioridad.ayuda")},
			{Text: T("alertas.form.vence"), Widget: f.errs.field("vence_el", f.due), HintText: T("alertas.form.vence.ayuda")},
		},
	}
	title := T("alertas.form.nueva")
	if a.ID != 0 {
		title = T("alertas.form.editar")
	}
	body := container.NewVScroll(container.NewVBox(form, f.errs.general))
	f.dlg = dialog.NewCustomWithoutButtons(title, body, t.u.win)
	f.dlg.SetButtons(formButtons(T("alertas.cancelar"), f.close, T("alertas.guardar"), f.onSubmit))
	f.errs.relayout = func() { form.Refresh(); t.u.fitScrolled(f.dlg, 600, body) }
	f.errs.relayout()
	t.alertForm = f
	t.u.showForm(f.dlg, fyne.Size{}, f.close)
	t.u.win.Canvas().Focus(f.title)
}

func (f *alertForm) onSubmit() {
	title, detail := f.title.Text, f.detail.Text
	d := app.AlertDraft{Title: &title, Detail: &detail}
	if i := f.company.SelectedIndex(); i >= 0 {
		d.CompanyID = &f.companies[i].ID
	}
	if i := f.priority.SelectedIndex(); i >= 0 {
		p := string(app.Priorities[i])
		d.Priority = &p
	}
	due := strings.TrimSpace(f.due.Text)
	if day, ok := parseDueDate(due); ok {
		due = day.Format(app.DateLayout)
	}
	d.DueOn = &due // a date we cannot read goes as typed: the core refuses it with the rest
	ctx, cancel := f.t.u.ctx()
	defer cancel()
	var err error
	if f.id == 0 {
		_, err = f.t.u.svc.CreateAlert(ctx, d)
	} else {
		_, err = f.t.u.svc.UpdateAlert(ctx, f.id, d)
	}
	if err != nil {
		f.errs.show(alertFormErrors(err))
		return
	}
	f.close()
	f.t.refresh()
}

// alertFormErrors words two of the core's messages for this form: the core
// speaks of empresa_id and AAAA-MM-DD, the form of a list and DD/MM/AAAA. A
// date read but out of range keeps the core's words, which say the range.
func alertFormErrors(err error) error {
	fields, ok := fieldErrorsOf(err)
	if !ok {
		return err
	}
	var v *app.ValidationError
	if errors.As(err, &v) && v.Problems["vence_el"].Code == app.CodeDateInvalid {
		fields["vence_el"] = T("alertas.fecha.invalida")
	}
	if _, ok := fields["empresa_id"]; ok {
		fields["empresa_id"] = T("alertas.form.empresa_obligatoria")
	}
	return formError(fields)
}

func (f *alertForm) close() {
	f.dlg.Hide()
	if f.t.alertForm == f {
		f.t.alertForm = nil
	}
}

// resolveForm is the Resolver alerta dialog: a note, then the alert is closed.
type resolveForm struct {
	t    *alertsTab
	id   int64
	note *formEntry
	errs *fieldErrs
	dlg  *dialog.CustomDialog
}

func (t *alertsTab) onResolveAlert() {
	a, ok := t.selectedAlert()
	if !ok || !a.Open {
		return
	}
	f := &resolveForm{t: t, id: a.ID, errs: newFieldErrs()}
	f.note = extended(&formEntry{Entry: widget.Entry{MultiLine: true, Wrapping: fyne.TextWrapWord,
		PlaceHolder: T("alertas.resolver.nota.ejemplo")}})
	f.note.SetMinRowsVisible(3)
	form := &widget.Form{
		Items: []*widget.FormItem{
			{Text: T("alertas.col.titulo"), Widget: &widget.Label{Text: a.Title, Wrapping: fyne.TextWrapWord}},
			{Text: T("alertas.resolver.nota"), Widget: f.errs.field("nota", f.note)},
		},
	}
	body := container.NewVScroll(container.NewVBox(form, f.errs.general))
	f.dlg = dialog.NewCustomWithoutButtons(T("alertas.resolver.titulo"), body, t.u.win)
	f.dlg.SetButtons(formButtons(T("alertas.cancelar"), f.close, T("alertas.resolver"), f.onSubmit))
	f.errs.relayout = func() { form.Refresh(); t.u.fitScrolled(f.dlg, 520, body) }
	f.errs.relayout()
	t.resolveForm = f
	t.u.showForm(f.dlg, fyne.Size{}, f.close)
	t.u.win.Canvas().Focus(f.note)
}

func (f *resolveForm) onSubmit() {
	ctx, cancel := f.t.u.ctx()
	defer cancel()
	if _, err := f.t.u.svc.ResolveAlert(ctx, f.id, f.note.Text); err != nil {
		f.errs.show(err)
		return
	}
	f.close()
	f.t.refresh()
}

func (f *resolveForm) close() {
	f.dlg.Hide()
	if f.t.resolveForm == f {
		f.t.resolveForm = nil
	}
}

// onDeleteAlert deletes the selected alert after a confirmation.
func (t *alertsTab) onDeleteAlert() {
	a, ok := t.selectedAlert()
	if !ok {
		return
	}
	d := dialog.NewConfirm(T("alertas.eliminar.titulo"), T("alertas.eliminar.pregunta", map[string]any{"Titulo": a.Title}), func(yes bool) {
		if !yes {
			return
		}
		ctx, cancel := t.u.ctx()
		defer cancel()
		if err := t.u.svc.DeleteAlert(ctx, a.ID); err != nil {
			t.u.showError(err)
		}
		t.refresh()
	}, t.u.win)
	d.SetConfirmText(T("alertas.eliminar"))
	d.SetDismissText(T("alertas.cancelar"))
	d.SetConfirmImportance(widget.DangerImportance)
	t.u.showDialog(d, fyne.Size{})
}
