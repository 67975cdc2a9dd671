package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"vigia/app"
)

// companiesPanel is the left side of the Alertas tab: the companies with
// their open alerts counted by effective priority. Selecting one filters the
// alerts table.
type companiesPanel struct {
	t   *alertsTab
	box fyne.CanvasObject

	list      *widget.List
	companies []app.Company
	counts    map[int64]map[app.Priority]int
	selected  int64
	quiet     bool // the selection is being restored by code

	create *widget.Button
	edit   *widget.Button
	remove *widget.Button

	form *companyForm // the dialog open now, for tests to fill in
}

func newCompaniesPanel(t *alertsTab) *companiesPanel {
	p := &companiesPanel{t: t}
	p.list = &widget.List{
		Length:       func() int { return len(p.companies) },
		CreateItem:   p.createItem,
		UpdateItem:   p.updateItem,
		OnSelected:   p.onSelected,
		OnUnselected: p.onUnselected,
	}
	p.list.ExtendBaseWidget(p.list)
	p.create = &widget.Button{Text: T("empresas.nueva"), Icon: theme.ContentAddIcon(), OnTapped: p.onNew}
	p.edit = &widget.Button{Text: T("empresas.editar"), Icon: theme.DocumentCreateIcon(), OnTapped: p.onEdit}
	p.remove = &widget.Button{Text: T("empresas.eliminar"), Icon: theme.DeleteIcon(), OnTapped: p.onDelete}
	p.updateButtons()
	head := container.NewVBox(
		&widget.Label{Text: T("empresas.titulo"), TextStyle: fyne.TextStyle{Bold: true}},
		newFlow(p.create, p.edit, p.remove),
	)
	p.box = container.NewBorder(head, nil, nil, nil, p.list)
	return p
}

func (p *companiesPanel) object() fyne.CanvasObject { return p.box }

// show lists cs with their counts, keeping company selected (0: none) selected.
func (p *companiesPanel) show(cs []app.Company, counts map[int64]map[app.Priority]int, selected int64) {
	p.companies, p.counts = cs, counts
	p.quiet = true
	p.list.UnselectAll()
	p.selected = 0
	for i, c := range cs {
		if c.ID == selected {
			p.list.Select(i)
			p.selected = selected
		}
	}
	p.quiet = false
	p.list.Refresh()
	p.updateButtons()
}

func (p *companiesPanel) unselect() { p.list.UnselectAll() }

// selectedCompany is the company selected in the list.
func (p *companiesPanel) selectedCompany() (app.Company, bool) {
	for _, c := range p.companies {
		if c.ID == p.selected && p.selected != 0 {
			return c, true
		}
	}
	return app.Company{}, false
}

func (p *companiesPanel) onSelected(id widget.ListItemID) {
	if id < 0 || id >= len(p.companies) {
		return
	}
	p.selected = p.companies[id].ID
	p.updateButtons()
	if !p.quiet {
		p.t.filterCompany(p.selected)
	}
}

func (p *companiesPanel) onUnselected(widget.ListItemID) {
	p.selected = 0
	p.updateButtons()
	if !p.quiet {
		p.t.filterCompany(0)
	}
}

func (p *companiesPanel) updateButtons() {
	_, ok := p.selectedCompany()
	toggleEnabled(p.edit, ok)
	toggleEnabled(p.remove, ok)
}

// An item: the name, then the NIT and one badge per priority with open alerts.
func (p *companiesPanel) createItem() fyne.CanvasObject {
	badges := make([]fyne.CanvasObject, len(app.Priorities))
	for i := range badges {
		badges[i] = newAlertBadge()
	}
	line := container.NewHBox(append([]fyne.CanvasObject{templateLabel(&widget.Label{SizeName: theme.SizeNameCaptionText})}, badges...)...)
	return container.NewVBox(templateLabel(&widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis}), line)
}

func (p *companiesPanel) updateItem(id widget.ListItemID, o fyne.CanvasObject) {
	if id < 0 || id >= len(p.companies) {
		return
	}
	c := p.companies[id]
	box := o.(*fyne.Container)
	name := box.Objects[0].(*widget.Label)
	line := box.Objects[1].(*fyne.Container)
	name.Text, name.Importance = c.Name, widget.MediumImportance
	if !c.Active {
		name.Text, name.Importance = T("empresas.inactiva", map[string]any{"Empresa": c.Name}), widget.LowImportance
	}
	name.Refresh()
	nit := line.Objects[0].(*widget.Label)
	nit.Importance = name.Importance
	nit.SetText(companyNIT(c))
	for i, prio := range app.Priorities {
		showAlertBadge(line.Objects[1+i].(*fyne.Container), prio, p.counts[c.ID][prio], c.Active)
	}
	line.Refresh() // the badges' widths changed
}

// companyNIT is the NIT line of a company in the list.
func companyNIT(c app.Company) string {
	if c.NIT == "" {
		return T("empresas.sin_nit")
	}
	return T("empresas.nit", map[string]any{"NIT": c.NIT})
}

// badgeCounts says what the badges of company id show, most urgent first
// ("2 crít."): tests read it.
func (p *companiesPanel) badgeCounts(id int64) []string {
	var out []string
	for _, prio := range app.Priorities {
		if n := p.counts[id][prio]; n > 0 {
			out = append(out, alertBadgeText(prio, n))
		}
	}
	return out
}

// newAlertBadge is a small pill: a rounded rectangle behind a count.
func newAlertBadge() *fyne.Container {
	bg := &canvas.Rectangle{CornerRadius: theme.InputRadiusSize() * 2}
	text := &canvas.Text{TextSize: theme.CaptionTextSize(), TextStyle: fyne.TextStyle{Bold: true}}
	return container.NewStack(bg, container.New(layout.NewCustomPaddedLayout(2, 2, 6, 6), text))
}

// showAlertBadge paints badge for n open alerts of priority p: red, orange,
// primary or grey; hidden when there are none; greyed for an inactive company.
func showAlertBadge(badge *fyne.Container, p app.Priority, n int, active bool) {
	if n == 0 {
		badge.Hide()
		return
	}
	bg := badge.Objects[0].(*canvas.Rectangle)
	text := badge.Objects[1].(*fyne.Container).Objects[0].(*canvas.Text)
	fill, ink := theme.ColorNameDisabledButton, theme.ColorNameForeground
	if active {
		switch p {
		case app.PriorityCritical:
			fill, ink = theme.ColorNameError, theme.ColorNameForegroundOnError
		case app.PriorityHigh:
			fill, ink = theme.ColorNameWarning, theme.ColorNameForegroundOnWarning
		case app.PriorityMedium:
			fill, ink = theme.ColorNamePrimary, theme.ColorNameForegroundOnPrimary
		}
	}
	bg.FillColor = theme.Color(fill)
	text.Color = theme.Color(ink)
	text.Text = alertBadgeText(p, n)
	badge.Show()
	badge.Refresh()
}

// alertBadgeKeys are the short priority names of the badges.
var alertBadgeKeys = map[app.Priority]string{
	app.PriorityCritical: K("empresas.badge.critica"),
	app.PriorityHigh:     K("empresas.badge.alta"),
	app.PriorityMedium:   K("empresas.badge.media"),
	app.PriorityLow:      K("empresas.badge.baja"),
}

func alertBadgeText(p app.Priority, n int) string {
	return T(alertBadgeKeys[p], map[string]any{"N": n})
}

func (p *companiesPanel) onNew() { p.openForm(app.Company{Active: true}) }

func (p *companiesPanel) onEdit() {
	if c, ok := p.selectedCompany(); ok {
		p.openForm(c)
	}
}

// onDelete asks first; a company with alerts says how many go with it.
func (p *companiesPanel) onDelete() {
	c, ok := p.selectedCompany()
	if !ok {
		return
	}
	ctx, cancel := p.t.u.ctx()
	defer cancel()
	as, err := p.t.u.svc.Alerts(ctx, app.AlertFilter{CompanyID: c.ID})
	if err != nil {
		p.t.u.showError(err)
		return
	}
	open := 0
	for _, a := range as {
		if a.Open {
			open++
		}
	}
	p.confirmDelete(c, open, len(as)-open)
}

func (p *companiesPanel) confirmDelete(c app.Company, open, resolved int) {
	msg := T("empresas.eliminar.pregunta", map[string]any{"Empresa": c.Name})
	if open+resolved > 0 {
		msg = T("empresas.eliminar.con_alertas", map[string]any{
			"Empresa": c.Name, "Abiertas": open, "Resueltas": resolved, "Total": open + resolved})
	}
	d := dialog.NewConfirm(T("empresas.eliminar.titulo"), msg, func(ok bool) {
		if ok {
			p.deleteCompany(c, open+resolved > 0)
		}
	}, p.t.u.win)
	d.SetConfirmText(T("empresas.eliminar"))
	d.SetDismissText(T("alertas.cancelar"))
	d.SetConfirmImportance(widget.DangerImportance)
	p.t.u.showDialog(d, fyne.Size{})
}

// deleteCompany deletes c, and its alerts when force. Alerts that arrived
// after the question was asked make it ask again.
func (p *companiesPanel) deleteCompany(c app.Company, force bool) {
	ctx, cancel := p.t.u.ctx()
	defer cancel()
	err := p.t.u.svc.DeleteCompany(ctx, c.ID, force)
	var inUse *app.CompanyInUseError
	switch {
	case errors.As(err, &inUse):
		p.confirmDelete(c, inUse.Open, inUse.Resolved)
		return
	case err != nil:
		p.t.u.showError(err)
	}
	p.t.refresh()
}

// companyForm is the Nueva/Editar empresa dialog.
type companyForm struct {
	p       *companiesPanel
	id      int64 // 0: a new company
	name    *formEntry
	nit     *formEntry
	contact *formEntry
	active  *formCheck
	errs    *fieldErrs
	dlg     *dialog.CustomDialog
	nitItem *widget.FormItem // its hint shows the NIT with its check digit as it is typed
	resp    *respPicker      // the tax calendar's obligations and their next dates (calendarcompany.go)
}

// companyFormWidth is the company dialog's width: two columns of obligations.
const companyFormWidth = 720

func (p *companiesPanel) openForm(c app.Company) {
	f := &companyForm{p: p, id: c.ID, errs: newFieldErrs()}
	f.name = extended(&formEntry{Entry: widget.Entry{Text: c.Name}})
	f.nit = extended(&formEntry{Entry: widget.Entry{Text: c.NIT, PlaceHolder: T("empresas.nit.ejemplo")}})
	f.contact = extended(&formEntry{Entry: widget.Entry{Text: c.Contact, PlaceHolder: T("empresas.contacto.ejemplo")}})
	f.active = extended(&formCheck{Check: widget.Check{Text: T("empresas.activa.texto"), Checked: c.Active}})
	f.nitItem = &widget.FormItem{Text: T("empresas.nit.campo"), Widget: f.errs.field("nit", f.nit), HintText: nitHint(c.NIT)}
	f.resp = newRespPicker(p.t.u, c.Responsibilities, func() string { return f.nit.Text })
	form := &widget.Form{
		Items: []*widget.FormItem{
			{Text: T("empresas.nombre"), Widget: f.errs.field("nombre", f.name)},
			f.nitItem,
			{Text: T("empresas.contacto"), Widget: f.errs.field("contacto", f.contact)},
			{Text: T("empresas.activa"), Widget: f.active},
			{Text: T("calendario.empresa.responsabilidades"), Widget: f.errs.field("responsabilidades", f.resp.boxes)},
			{Text: T("calendario.empresa.proximos"), Widget: f.resp.next},
		},
	}
	f.nit.OnChanged = f.onNITChanged
	title := T("empresas.nueva.titulo")
	if c.ID != 0 {
		title = T("empresas.editar.titulo", map[string]any{"Empresa": c.Name})
	}
	body := container.NewVScroll(container.NewVBox(form, f.errs.general))
	f.dlg = dialog.NewCustomWithoutButtons(title, body, p.t.u.win)
	f.dlg.SetButtons(formButtons(T("alertas.cancelar"), f.close, T("alertas.guardar"), f.onSubmit))
	f.errs.relayout = func() { form.Refresh(); p.t.u.fitScrolled(f.dlg, companyFormWidth, body) }
	f.resp.changed = f.errs.relayout
	f.errs.relayout()
	p.form = f
	p.t.u.showForm(f.dlg, fyne.Size{}, f.close)
	p.t.u.win.Canvas().Focus(f.name)
}

func (f *companyForm) onSubmit() {
	name, nit, contact, active, resp := f.name.Text, f.nit.Text, f.contact.Text, f.active.Checked, f.resp.codes()
	d := app.CompanyDraft{Name: &name, NIT: &nit, Contact: &contact, Active: &active, Responsibilities: &resp}
	ctx, cancel := f.p.t.u.ctx()
	defer cancel()
	var err error
	if f.id == 0 {
		_, err = f.p.t.u.svc.CreateCompany(ctx, d)
	} else {
		_, err = f.p.t.u.svc.UpdateCompany(ctx, f.id, d)
	}
	if errors.Is(err, app.ErrConflict) {
		err = formError{"nombre": T("empresas.nombre.repetido", map[string]any{"Empresa": name})}
	}
	if err != nil {
		f.errs.show(err)
		return
	}
	f.close()
	f.p.t.refresh()
}

func (f *companyForm) close() {
	f.dlg.Hide()
	if f.p.form == f {
		f.p.form = nil
	}
}
