package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"vigia/app"
)

// alertPageSize is how many alerts the table holds at once; the pager moves
// through the rest.
const alertPageSize = 100

// alertsTab is the Alertas tab: the companies on the left (companies.go), their
// alerts in a table on the right, with filters and paging; the dialogs to
// create, edit and resolve (alertdialogs.go), import (alertimport.go) and
// export (alertexport.go).
type alertsTab struct {
	u   *UI
	box fyne.CanvasObject

	companies *companiesPanel

	// filters; the company filter is the selection of the companies list
	companyID    int64
	companyChip  *widget.Label
	allCompanies *widget.Button
	priorityPick *widget.Select
	statePick    *widget.Select
	dueBy        *widget.Entry
	dueByDate    time.Time

	table    *widget.Table
	columns  *columnFit
	detail   *readPane
	rows     []app.Alert
	total    int
	offset   int
	selected int64 // the selected alert's ID, 0 for none
	names    map[int64]app.Company
	today    time.Time // the calendar day the rows were read on (00:00 UTC)
	pageInfo *widget.Label
	pager    *fyne.Container
	prevPage *widget.Button
	nextPage *widget.Button

	newAlert     *widget.Button
	editAlert    *widget.Button
	resolveAlert *widget.Button
	deleteAlert  *widget.Button

	importButton  *widget.Button
	demoButton    *widget.Button
	demoOnboard   *widget.Button
	importOnboard *widget.Button
	onboarding    *fyne.Container // shown instead of the table to a new user
	noMatch       *widget.Label   // shown instead of the table when the filters match nothing
	tableArea     *fyne.Container

	// the dialog open now, for tests to fill in
	alertForm   *alertForm
	resolveForm *resolveForm
	imports     *importView
}

func newAlertsTab(u *UI) *alertsTab {
	t := &alertsTab{u: u, names: map[int64]app.Company{}}
	t.companies = newCompaniesPanel(t)
	t.detail = newTextPane()
	t.buildFilters()
	t.buildTable()

	t.newAlert = &widget.Button{Text: T("alertas.nueva"), Icon: theme.ContentAddIcon(), OnTapped: t.onNewAlert}
	t.editAlert = &widget.Button{Text: T("alertas.editar"), Icon: theme.DocumentCreateIcon(), OnTapped: t.onEditAlert}
	t.resolveAlert = &widget.Button{Text: T("alertas.resolver"), Icon: theme.ConfirmIcon(), OnTapped: t.onResolveAlert}
	t.deleteAlert = &widget.Button{Text: T("alertas.eliminar"), Icon: theme.DeleteIcon(), OnTapped: t.onDeleteAlert}
	t.importButton = &widget.Button{Text: T("alertas.importar"), Icon: theme.UploadIcon(), OnTapped: t.onImport}
	t.demoButton = &widget.Button{Text: T("alertas.demo"), Icon: theme.StorageIcon(), OnTapped: t.onDemo}
	t.demoOnboard = &widget.Button{Text: T("alertas.demo"), Icon: theme.StorageIcon(), Importance: widget.HighImportance, OnTapped: t.onDemo}
	t.importOnboard = &widget.Button{Text: T("alertas.importar"), Icon: theme.UploadIcon(), OnTapped: t.onImport}
	t.updateAlertButtons()

	// Centred, and as wide as the area: its text wraps to the area's width.
	t.onboarding = container.NewVBox(layout.NewSpacer(),
		&widget.Label{Text: T("alertas.vacio.titulo"), TextStyle: fyne.TextStyle{Bold: true}, Alignment: fyne.TextAlignCenter},
		&widget.Label{Text: T("alertas.vacio.texto"), Alignment: fyne.TextAlignCenter, Wrapping: fyne.TextWrapWord},
		container.NewCenter(container.NewHBox(t.demoOnboard, t.importOnboard)),
		layout.NewSpacer(),
	)
	t.noMatch = &widget.Label{Text: T("alertas.sin_coincidencias"), Alignment: fyne.TextAlignCenter}
	fitted, columns := fitColumns(t.table, alertColumns, t.alertNeed)
	t.columns = columns
	t.tableArea = container.NewStack(fitted, t.onboarding, container.NewCenter(t.noMatch))

	t.pageInfo = &widget.Label{}
	t.prevPage = &widget.Button{Icon: theme.NavigateBackIcon(), OnTapped: t.onPrevPage}
	t.nextPage = &widget.Button{Icon: theme.NavigateNextIcon(), OnTapped: t.onNextPage}

	tools := container.NewBorder(nil, nil, nil,
		&widget.Button{Text: T("alertas.actualizar"), Icon: theme.ViewRefreshIcon(), OnTapped: t.refresh},
		newFlow(
			t.importButton,
			&widget.Button{Text: T("alertas.exportar_alertas"), Icon: theme.DownloadIcon(), OnTapped: t.onExportAlerts},
			&widget.Button{Text: T("alertas.exportar_empresas"), Icon: theme.DownloadIcon(), OnTapped: t.onExportCompanies},
			t.demoButton,
		))
	// The company filter has a row of its own: its name is read in full,
	// wrapped when long, whatever the window's width.
	actions := container.NewVBox(
		container.NewBorder(nil, nil, nil, t.allCompanies, t.companyChip),
		newFlow(t.newAlert, t.editAlert, t.resolveAlert, t.deleteAlert))
	filters := newFlow(
		container.NewGridWrap(fyne.NewSize(210, t.priorityPick.MinSize().Height), t.priorityPick),
		container.NewGridWrap(fyne.NewSize(200, t.statePick.MinSize().Height), t.statePick),
		container.NewHBox(widget.NewLabel(T("alertas.filtro.vence_hasta")),
			container.NewGridWrap(fyne.NewSize(140, t.dueBy.MinSize().Height), t.dueBy)),
	)
	t.pager = container.NewHBox(layout.NewSpacer(), t.prevPage, t.pageInfo, t.nextPage)
	right := container.NewBorder(container.NewVBox(actions, filters), container.NewVBox(t.detail.box, t.pager), nil, nil, t.tableArea)
	split := container.NewHSplit(t.companies.object(), right)
	split.Offset = 0.3
	t.box = container.NewBorder(tools, nil, nil, nil, split)
	return t
}

func (t *alertsTab) object() fyne.CanvasObject { return t.box }

// onEvent: a regeneration of the tax calendar changed alerts; a trigger
// created elsewhere only takes the demo data away.
func (t *alertsTab) onEvent(e app.Event) {
	switch e.Kind {
	case app.EventCalendarChanged:
		t.refresh()
	case app.EventTriggersChanged:
		t.updateDemo(len(t.names) == 0)
	}
}

// refresh re-reads the companies, their counts and the page of alerts.
func (t *alertsTab) refresh() {
	ctx, cancel := t.u.ctx()
	defer cancel()
	cs, err := t.u.svc.Companies(ctx)
	if err != nil {
		t.u.reportError(err)
		return
	}
	counts, err := t.u.svc.OpenAlertCounts(ctx)
	if err != nil {
		t.u.reportError(err)
		return
	}
	t.names = make(map[int64]app.Company, len(cs))
	for _, c := range cs {
		t.names[c.ID] = c
	}
	if _, ok := t.names[t.companyID]; !ok {
		t.companyID = 0
	}
	t.companies.show(cs, counts, t.companyID)
	t.showCompanyFilter()
	t.loadAlerts()
	t.updateDemo(len(cs) == 0)
}

// loadAlerts reads the page of alerts the filters and the pager select.
func (t *alertsTab) loadAlerts() {
	ctx, cancel := t.u.ctx()
	defer cancel()
	page, err := t.u.svc.AlertPage(ctx, t.query())
	if err == nil && t.offset > 0 && t.offset >= page.Total {
		t.offset = max(0, (page.Total-1)/alertPageSize*alertPageSize)
		page, err = t.u.svc.AlertPage(ctx, t.query())
	}
	if err != nil {
		t.u.reportError(err)
		return
	}
	y, m, d := t.u.svc.Now().Date()
	t.today = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	t.rows, t.total = page.Alerts, page.Total
	t.columns.refit()
	t.table.UnselectAll()
	t.selected = 0
	t.updateAlertButtons()
	t.table.Refresh()
	t.showPaging()
	t.showEmptyState()
}

// query is the AlertQuery of the filters and the pager.
func (t *alertsTab) query() app.AlertQuery {
	q := app.AlertQuery{CompanyID: t.companyID, DueBy: t.dueByDate, Limit: alertPageSize, Offset: t.offset}
	if i := t.priorityPick.SelectedIndex(); i > 0 {
		q.Priority = app.Priorities[i-1]
	}
	switch t.statePick.SelectedIndex() {
	case 0:
		q.OpenOnly = true
	case 1:
		q.ResolvedOnly = true
	}
	return q
}

func (t *alertsTab) showPaging() {
	if t.total == 0 {
		t.pageInfo.SetText("")
	} else {
		t.pageInfo.SetText(T("alertas.pagina", map[string]any{"Desde": t.offset + 1, "Hasta": t.offset + len(t.rows), "Total": t.total}))
	}
	toggleEnabled(t.prevPage, t.offset > 0)
	toggleEnabled(t.nextPage, t.offset+len(t.rows) < t.total)
	t.pager.Refresh() // the page's text changed length
}

// showEmptyState puts a message instead of an empty table: the way in for a
// new user, or that the filters match nothing.
func (t *alertsTab) showEmptyState() {
	newUser := len(t.names) == 0
	toggleVisible(t.table, t.total > 0)
	toggleVisible(t.onboarding, t.total == 0 && newUser)
	toggleVisible(t.noMatch, t.total == 0 && !newUser)
}

func (t *alertsTab) onPrevPage() {
	t.offset = max(0, t.offset-alertPageSize)
	t.loadAlerts()
}

func (t *alertsTab) onNextPage() {
	t.offset += alertPageSize
	t.loadAlerts()
}

func (t *alertsTab) onAlertSelected(id widget.TableCellID) {
	if id.Row < 0 || id.Row >= len(t.rows) {
		return
	}
	t.selected = t.rows[id.Row].ID
	t.updateAlertButtons()
}

// selectedAlert is the alert selected in the table.
func (t *alertsTab) selectedAlert() (app.Alert, bool) {
	for _, a := range t.rows {
		if a.ID == t.selected && t.selected != 0 {
			return a, true
		}
	}
	return app.Alert{}, false
}

func (t *alertsTab) updateAlertButtons() {
	a, ok := t.selectedAlert()
	toggleEnabled(t.editAlert, ok)
	toggleEnabled(t.resolveAlert, ok && a.Open)
	toggleEnabled(t.deleteAlert, ok)
	t.showDetail()
}
