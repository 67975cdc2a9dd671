package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"vigia/app"
)

// calendarTab is Calendario: the coming due dates of every client's tax
// obligations, by date (the calendar alerts), filtered by obligation and
// company, exported to CSV (calendarexport.go). Above them: the disclaimer
// that the accountant remains responsible, which calendar is loaded, the
// notice that next year's official one is missing, and the button that
// loads an updated calendar file (calendarimport.go).
type calendarTab struct {
	u   *UI
	box fyne.CanvasObject

	loaded     *widget.Label
	notice     *fyne.Container // the status's warnings, one banner each
	loadButton *widget.Button

	obligationPick *widget.Select
	companyPick    *widget.Select
	withResolved   *widget.Check
	exportButton   *widget.Button
	count          *widget.Label

	table   *widget.Table
	columns *columnFit
	empty   *widget.Label

	status     app.CalendarStatus
	codes      []string // obligationPick's option i (i > 0) is codes[i-1]
	companyIDs []int64  // companyPick's option i (i > 0) is companyIDs[i-1]
	companyID  int64    // the company filter (0: every company)
	rows       []app.CalendarItem
	today      time.Time // the day the rows were read on, 00:00 UTC as due dates are

	loader *calendarLoad // the load dialog open now, for tests
}

func newCalendarTab(u *UI) *calendarTab {
	t := &calendarTab{u: u}
	disclaimer := &widget.Label{Text: TM(app.CalendarDisclaimer()), Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}
	t.loaded = &widget.Label{Wrapping: fyne.TextWrapWord}
	t.notice = container.NewVBox()
	t.loadButton = &widget.Button{Text: T("calendario.cargar"), Icon: theme.UploadIcon(), OnTapped: t.onLoad}
	t.buildFilters()
	t.table = newGridTable(calendarColumns, func() int { return len(t.rows) }, t.calendarCell)
	fitted, columns := fitColumns(t.table, calendarColumns, t.calendarNeed)
	t.columns = columns
	t.empty = &widget.Label{Text: T("calendario.vacio")}
	t.exportButton = &widget.Button{Text: T("calendario.exportar"), Icon: theme.DownloadIcon(), OnTapped: t.onExport}
	t.count = &widget.Label{}

	head := container.NewVBox(
		disclaimer,
		container.NewBorder(nil, nil, nil, t.loadButton, t.loaded),
		t.notice,
		t.filterRow(),
	)
	foot := container.NewBorder(nil, nil, nil, t.exportButton, t.count)
	t.box = container.NewBorder(head, foot, nil, nil, container.NewStack(fitted, emptyText(t.empty)))
	return t
}

func (t *calendarTab) object() fyne.CanvasObject { return t.box }

// onEvent re-reads the rows when a regeneration changed calendar alerts.
func (t *calendarTab) onEvent(e app.Event) {
	if e.Kind == app.EventCalendarChanged {
		t.refresh()
	}
}

// refresh re-reads which calendar is loaded, the companies of the filter and the rows.
func (t *calendarTab) refresh() {
	ctx, cancel := t.u.ctx()
	defer cancel()
	st, err := t.u.svc.CalendarStatus(ctx)
	if err != nil {
		t.u.reportError(err)
		return
	}
	cs, err := t.u.svc.Companies(ctx)
	if err != nil {
		t.u.reportError(err)
		return
	}
	t.showStatus(st)
	t.showCompanies(cs)
	t.load()
}

// showStatus says which calendar is loaded and what it warns about: next
// year's official calendar missing while its deadlines are near, companies
// that get no alerts for lack of a NIT.
func (t *calendarTab) showStatus(st app.CalendarStatus) {
	t.status = st
	t.loaded.SetText(calendarLoadedText(st) + " · " + T("calendario.horizonte", map[string]any{"N": st.Horizon}))
	t.notice.RemoveAll()
	for _, n := range calendarNotices(st) {
		t.notice.Add(banner(widget.WarningImportance, n.title, n.body))
	}
	t.notice.Refresh()
}

// load reads the rows the filters select.
func (t *calendarTab) load() {
	ctx, cancel := t.u.ctx()
	defer cancel()
	items, err := t.u.svc.CalendarItems(ctx, t.filter())
	if err != nil {
		t.u.reportError(err)
		return
	}
	y, m, d := t.u.svc.Now().In(t.u.svc.Location()).Date()
	t.today = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	t.rows = items
	t.columns.refit()
	t.table.Refresh()
	showWhen(t.table, len(items) > 0)
	showWhen(t.empty, len(items) == 0)
	t.count.SetText(T("calendario.cuenta", map[string]any{"N": len(items)}))
	toggleEnabled(t.exportButton, len(items) > 0)
}

// filter is the CalendarFilter of the filters: open alerts (overdue ones
// too), or every one with «Incluir resueltas».
func (t *calendarTab) filter() app.CalendarFilter {
	f := app.CalendarFilter{CompanyID: t.companyID, OpenOnly: !t.withResolved.Checked}
	if i := t.obligationPick.SelectedIndex(); i > 0 {
		f.Obligation = t.codes[i-1]
	}
	return f
}
