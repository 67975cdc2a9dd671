package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"vigia/app"
)

// historyPageSize is how many runs one page of Historial shows.
const historyPageSize = 100

// dayLayout is how the date filters are typed: day first, one or two digits.
const dayLayout = "2/1/2006"

// historyTab is Historial: every run, newest first, a page at a time in a
// virtualised table, filtered by trigger, state and a range of scheduled
// dates. A row opens its details; the rows matching the filters (all pages)
// can be exported to CSV.
type historyTab struct {
	u   *UI
	box fyne.CanvasObject

	table      *widget.Table
	columns    *columnFit
	empty      *widget.Label
	triggerSel *widget.Select
	stateSel   *widget.Select
	fromEntry  *widget.Entry
	toEntry    *widget.Entry
	dateMsg    *widget.Label
	prevBtn    *widget.Button
	nextBtn    *widget.Button
	pageLabel  *widget.Label
	paging     *fyne.Container
	exportBtn  *widget.Button

	filter     app.ExecutionFilter // trigger, state and dates; Limit and Offset come from page
	page       int                 // 0-based
	total      int
	rows       []app.Execution
	triggerIDs []int64 // triggerSel.Options[i] filters by triggerIDs[i]; 0 is "Todos"
	quiet      bool    // the filters are being set by code: their OnChanged do nothing
}

func newHistoryTab(u *UI) *historyTab {
	t := &historyTab{u: u, triggerIDs: []int64{0}}
	t.table = newGridTable(historyColumns, func() int { return len(t.rows) }, t.historyCell)
	t.table.OnSelected = t.onSelected
	fitted, columns := fitColumns(t.table, historyColumns, t.historyNeed)
	t.columns = columns
	t.empty = &widget.Label{Text: T("historial.vacio"), Alignment: fyne.TextAlignCenter, Wrapping: fyne.TextWrapWord}
	t.triggerSel = &widget.Select{Options: []string{T("historial.todos")}, OnChanged: t.onTriggerChanged}
	t.triggerSel.Selected = T("historial.todos")
	states := []string{T("historial.todos")}
	for _, s := range app.RunStates {
		states = append(states, stateLabel(s))
	}
	t.stateSel = &widget.Select{Options: states, Selected: states[0], OnChanged: t.onStateChanged}
	t.fromEntry = &widget.Entry{PlaceHolder: T("historial.fecha_formato"), OnChanged: t.onDateChanged}
	t.toEntry = &widget.Entry{PlaceHolder: T("historial.fecha_formato"), OnChanged: t.onDateChanged}
	t.dateMsg = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	t.dateMsg.Hide()
	t.prevBtn = &widget.Button{Text: T("historial.anterior"), Icon: theme.NavigateBackIcon(), OnTapped: t.onPrevious}
	t.nextBtn = &widget.Button{Text: T("historial.siguiente"), Icon: theme.NavigateNextIcon(), IconPlacement: widget.ButtonIconTrailingText, OnTapped: t.onNext}
	t.pageLabel = &widget.Label{}
	t.exportBtn = &widget.Button{Text: T("historial.exportar"), Icon: theme.DocumentSaveIcon(), OnTapped: t.onExport}
	clearBtn := &widget.Button{Text: T("historial.limpiar"), Icon: theme.ContentClearIcon(), OnTapped: t.onClearFilters}

	sized := func(w float32, o fyne.CanvasObject) fyne.CanvasObject {
		return container.NewGridWrap(fyne.NewSize(w, o.MinSize().Height), o)
	}
	labelled := func(key string, o fyne.CanvasObject) fyne.CanvasObject {
		return container.NewHBox(widget.NewLabel(T(key)), o)
	}
	filters := newFlow(
		labelled("historial.filtro.trigger", sized(210, t.triggerSel)),
		labelled("historial.filtro.estado", sized(150, t.stateSel)),
		labelled("historial.filtro.desde", sized(125, t.fromEntry)),
		labelled("historial.filtro.hasta", sized(125, t.toEntry)),
		clearBtn,
	)
	t.paging = container.NewHBox(layout.NewSpacer(), t.prevBtn, t.pageLabel, t.nextBtn, layout.NewSpacer())
	t.box = container.NewBorder(container.NewVBox(filters, t.dateMsg),
		container.NewBorder(nil, nil, nil, t.exportBtn, t.paging), nil, nil,
		container.NewStack(fitted, emptyText(t.empty)))
	return t
}

func (t *historyTab) object() fyne.CanvasObject { return t.box }

// refresh re-reads the triggers of the filter and the current page.
func (t *historyTab) refresh() {
	t.loadTriggers()
	t.load()
}

// onEvent shows runs as they start and finish (a run now appears at once)
// and follows the triggers' names.
func (t *historyTab) onEvent(e app.Event) {
	switch e.Kind {
	case app.EventRunStarted, app.EventRunFinished, app.EventRecovered:
		t.load()
	case app.EventTriggersChanged:
		t.loadTriggers()
	}
}

// showTrigger shows the history of one trigger (0: of all), every state and date.
func (t *historyTab) showTrigger(id int64) {
	t.quiet = true
	idx := 0
	for i, tid := range t.triggerIDs {
		if tid == id {
			idx = i
		}
	}
	t.triggerSel.SetSelectedIndex(idx)
	t.stateSel.SetSelectedIndex(0)
	t.fromEntry.SetText("")
	t.toEntry.SetText("")
	t.dateMsg.Hide()
	t.quiet = false
	t.apply(app.ExecutionFilter{TriggerID: id})
}

// load reads the current page into the table, where it was scrolled to (a
// run that starts or finishes reloads it); past the last page (the filter
// matches fewer rows now) it goes to the last one.
func (t *historyTab) load() {
	page, err := t.fetch(t.page)
	if err == nil && len(page.Executions) == 0 && t.page > 0 && page.Total > 0 {
		t.page = pageCount(page.Total) - 1
		page, err = t.fetch(t.page)
	}
	if err != nil {
		t.u.logError("historial: cargar página", err)
		t.pageLabel.SetText(errorText(err))
		return
	}
	t.rows, t.total = page.Executions, page.Total
	t.columns.refit()
	t.table.UnselectAll()
	t.table.Refresh()
	showWhen(t.empty, len(t.rows) == 0)
	t.showPaging()
}

func (t *historyTab) fetch(page int) (app.ExecutionPage, error) {
	ctx, cancel := t.u.ctx()
	defer cancel()
	f := t.filter
	f.Limit, f.Offset = historyPageSize, page*historyPageSize
	return t.u.svc.Executions(ctx, f)
}

// showPaging writes "Página X de Y · N ejecuciones" and enables the arrows.
func (t *historyTab) showPaging() {
	pages := pageCount(t.total)
	key := map[bool]string{true: K("historial.pagina_una"), false: K("historial.pagina")}[t.total == 1]
	t.pageLabel.SetText(T(key, map[string]any{"Pagina": t.page + 1, "Paginas": pages, "N": t.total}))
	enableWhen(t.prevBtn, t.page > 0)
	enableWhen(t.nextBtn, t.page+1 < pages)
	t.paging.Refresh() // the label's width changed
}

// pageCount is how many pages total rows take; at least one.
func pageCount(total int) int { return max(1, (total+historyPageSize-1)/historyPageSize) }

func enableWhen(b *widget.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

func (t *historyTab) onPrevious() {
	if t.page > 0 {
		t.show(t.page - 1)
	}
}

func (t *historyTab) onNext() {
	if t.page+1 < pageCount(t.total) {
		t.show(t.page + 1)
	}
}

// show goes to page, at its top.
func (t *historyTab) show(page int) {
	t.page = page
	t.load()
	t.table.ScrollToTop()
}

// apply makes f the filter and shows its first page; the same filter again
// changes nothing.
func (t *historyTab) apply(f app.ExecutionFilter) {
	if sameFilter(f, t.filter) {
		return
	}
	t.filter = f
	t.show(0)
}

func sameFilter(a, b app.ExecutionFilter) bool {
	return a.TriggerID == b.TriggerID && a.State == b.State && a.From.Equal(b.From) && a.To.Equal(b.To)
}

func (t *historyTab) onTriggerChanged(string) {
	if t.quiet {
		return
	}
	f := t.filter
	f.TriggerID = 0
	if i := t.triggerSel.SelectedIndex(); i > 0 && i < len(t.triggerIDs) {
		f.TriggerID = t.triggerIDs[i]
	}
	t.apply(f)
}

func (t *historyTab) onStateChanged(string) {
	if t.quiet {
		return
	}
	f := t.filter
	f.State = ""
	if i := t.stateSel.SelectedIndex(); i > 0 {
		f.State = app.RunStates[i-1]
	}
	t.apply(f)
}

// onDateChanged applies the date range once both entries read as dates (or
// are empty); meanwhile it says what is wrong and keeps the current filter.
func (t *historyTab) onDateChanged(string) {
	if t.quiet {
		return
	}
	loc := t.u.svc.Location()
	from, errFrom := parseDay(t.fromEntry.Text, loc)
	to, errTo := parseDay(t.toEntry.Text, loc)
	switch {
	case errFrom != nil:
		t.showDateError(T("historial.fecha_invalida", map[string]any{"Campo": T("historial.filtro.desde"), "Texto": strings.TrimSpace(t.fromEntry.Text)}))
		return
	case errTo != nil:
		t.showDateError(T("historial.fecha_invalida", map[string]any{"Campo": T("historial.filtro.hasta"), "Texto": strings.TrimSpace(t.toEntry.Text)}))
		return
	case !from.IsZero() && !to.IsZero() && to.Before(from):
		t.showDateError(T("historial.rango_invertido"))
		return
	}
	t.dateMsg.Hide()
	f := t.filter
	f.From = from
	f.To = time.Time{}
	if !to.IsZero() {
		f.To = to.AddDate(0, 0, 1) // hasta includes its whole day
	}
	t.apply(f)
}

func (t *historyTab) showDateError(msg string) {
	t.dateMsg.SetText(msg)
	t.dateMsg.Show()
}

// parseDay reads a DD/MM/AAAA date as the start of that day in loc; "" is
// the zero time (no bound).
func parseDay(text string, loc *time.Location) (time.Time, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return time.Time{}, nil
	}
	d, err := time.ParseInLocation(dayLayout, text, loc)
	if err != nil {
		return time.Time{}, fmt.Errorf("parse date %q: %w", text, err)
	}
	return d, nil
}

func (t *historyTab) onClearFilters() { t.showTrigger(0) }

// onSelected opens the details of the run tapped, then clears the selection
// so that tapping it again opens them again.
func (t *historyTab) onSelected(id widget.TableCellID) {
	if id.Row >= 0 && id.Row < len(t.rows) {
		t.showDetail(t.rows[id.Row])
	}
	t.table.UnselectAll()
}

// loadTriggers fills the trigger filter with the current triggers, keeping
// the one chosen; when it was deleted, the filter goes back to "Todos".
func (t *historyTab) loadTriggers() {
	ctx, cancel := t.u.ctx()
	defer cancel()
	triggers, err := t.u.svc.Triggers(ctx)
	if err != nil {
		t.u.logError("historial: listar triggers", err)
		return
	}
	options, ids := triggerOptions(triggers)
	t.quiet = true
	t.triggerSel.SetOptions(options)
	t.triggerIDs = ids
	idx := -1
	for i, id := range ids {
		if id == t.filter.TriggerID {
			idx = i
		}
	}
	t.triggerSel.SetSelectedIndex(max(idx, 0))
	t.quiet = false
	if idx < 0 {
		f := t.filter
		f.TriggerID = 0
		t.apply(f)
	}
}

// triggerOptions are the trigger filter's options, "Todos" first; a name
// two triggers share carries each one's ID, so every option is distinct.
func triggerOptions(triggers []app.Trigger) ([]string, []int64) {
	names := map[string]int{}
	for _, tr := range triggers {
		names[tr.Name]++
	}
	options, ids := []string{T("historial.todos")}, []int64{0}
	for _, tr := range triggers {
		name := tr.Name
		if names[name] > 1 {
			name = fmt.Sprintf("%s (ID %d)", name, tr.ID)
		}
		options, ids = append(options, name), append(ids, tr.ID)
	}
	return options, ids
}
