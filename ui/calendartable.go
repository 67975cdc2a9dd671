package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"vigia/app"
)

// The Calendario tab's filters (obligation, company, resolved ones too) and
// its table: date, company, obligation, period, state and source.

// calendarColumns are the table's columns at their least widths: columnFit
// widens the date and the state to their texts and shares the rest.
var calendarColumns = []column{
	{K("calendario.col.vence"), 40, false},
	{K("calendario.col.empresa"), 120, true},
	{K("calendario.col.obligacion"), 120, true},
	{K("calendario.col.periodo"), 90, true},
	{K("calendario.col.estado"), 40, false},
	{K("calendario.col.fuente"), 120, true},
}

// calendarNeedRows bounds the rows measured to size the columns: the widths
// of a few hundred rows stand for the rest.
const calendarNeedRows = 300

func (t *calendarTab) buildFilters() {
	options := []string{T("calendario.filtro.todas_obligaciones")}
	for _, o := range t.u.svc.CalendarObligations() {
		t.codes = append(t.codes, o.Code)
		options = append(options, obligationLabel(o))
	}
	t.obligationPick = &widget.Select{Options: options}
	t.obligationPick.SetSelectedIndex(0)
	t.obligationPick.OnChanged = func(string) { t.load() }
	t.companyPick = &widget.Select{Options: []string{T("calendario.filtro.todas_empresas")}}
	t.companyPick.SetSelectedIndex(0)
	t.companyPick.OnChanged = func(string) { t.onCompanyPicked() }
	t.withResolved = &widget.Check{Text: T("calendario.filtro.resueltas"), OnChanged: func(bool) { t.load() }}
}

// filterRow lays the filters out, wrapping on a narrow window.
func (t *calendarTab) filterRow() fyne.CanvasObject {
	sized := func(w float32, o fyne.CanvasObject) fyne.CanvasObject {
		return container.NewGridWrap(fyne.NewSize(w, o.MinSize().Height), o)
	}
	return newFlow(
		container.NewHBox(widget.NewLabel(T("calendario.filtro.obligacion")), sized(250, t.obligationPick)),
		container.NewHBox(widget.NewLabel(T("calendario.filtro.empresa")), sized(230, t.companyPick)),
		t.withResolved,
	)
}

// showCompanies puts cs in the company filter, keeping the one chosen
// (every company when it is gone).
func (t *calendarTab) showCompanies(cs []app.Company) {
	options := []string{T("calendario.filtro.todas_empresas")}
	t.companyIDs = t.companyIDs[:0]
	selected := 0
	for _, c := range cs {
		t.companyIDs = append(t.companyIDs, c.ID)
		options = append(options, c.Name)
		if c.ID == t.companyID {
			selected = len(options) - 1
		}
	}
	if selected == 0 {
		t.companyID = 0
	}
	onChanged := t.companyPick.OnChanged
	t.companyPick.OnChanged = nil
	t.companyPick.Options = options
	t.companyPick.SetSelectedIndex(selected)
	t.companyPick.OnChanged = onChanged
}

func (t *calendarTab) onCompanyPicked() {
	t.companyID = 0
	if i := t.companyPick.SelectedIndex(); i > 0 {
		t.companyID = t.companyIDs[i-1]
	}
	t.load()
}

// calendarCell is one cell of the table: the table shows it, tests read it.
func (t *calendarTab) calendarCell(row, col int) cell {
	if row < 0 || row >= len(t.rows) {
		return cell{}
	}
	it := t.rows[row]
	ref := it.Alert.Calendar
	if ref == nil { // CalendarItems lists calendar alerts only
		ref = &app.CalendarRef{}
	}
	switch col {
	case 0:
		return t.dueCell(it.Alert)
	case 1:
		c := cell{text: it.Company.Name}
		if !it.Company.Active {
			c.importance = widget.LowImportance
		}
		return c
	case 2:
		return cell{text: obligationName(ref.Obligation)}
	case 3:
		return cell{text: periodText(ref.Obligation, ref.Period, ref.Installment)}
	case 4:
		return cell{text: calendarStateLabel(ref.State), importance: calendarStateImportance(ref.State)}
	}
	return cell{text: ref.Source}
}

// dueCell is the due date: red when it passed unresolved, grey and saying
// so when resolved, and the date it had before a calendar update moved it.
func (t *calendarTab) dueCell(a app.Alert) cell {
	c := cell{text: formatDueDate(a.DueOn)}
	switch {
	case !a.Open:
		c.text, c.importance = T("calendario.resuelta", map[string]any{"Fecha": c.text}), widget.LowImportance
	case a.DueOn.Before(t.today):
		c.importance = widget.DangerImportance
	}
	if a.Calendar != nil && !a.Calendar.PreviousDueOn.IsZero() {
		c.text += " " + T("calendario.alerta.antes_corto", map[string]any{"Fecha": formatDueDate(a.Calendar.PreviousDueOn)})
	}
	return c
}

// calendarNeed is how wide the widest cell of col is among the first rows.
func (t *calendarTab) calendarNeed(col int) float32 {
	w := float32(0)
	for row := range min(len(t.rows), calendarNeedRows) {
		w = max(w, cellNeed(t.calendarCell(row, col)))
	}
	return w
}
