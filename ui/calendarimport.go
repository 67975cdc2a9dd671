package ui

import (
	"context"
	"errors"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"vigia/app"
)

// «Cargar calendario actualizado…» goes in two steps, as the alerts'
// import: a dry run says which calendar the file holds and what it would do
// to the alerts (or why the file is refused, in the user's language), and
// only the user's «Cargar» replaces the calendar and regenerates the alerts.
// Both steps run in the background; the file is read once.

// calendarLoadTimeout bounds each step: the real one regenerates the alerts
// of every company.
const calendarLoadTimeout = 5 * time.Minute

// calendarLoad is the dry run's dialog.
type calendarLoad struct {
	file    []byte
	status  app.CalendarStatus
	sync    app.CalendarSync
	summary *widget.Label
	problem string // why the file is refused ("" when it is valid)
	dlg     dialog.Dialog
}

// onLoad asks for a calendar file (JSON) and simulates loading it.
func (t *calendarTab) onLoad() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		switch {
		case err != nil:
			t.u.showError(err)
		case r != nil:
			t.loadFrom(r)
		}
	}, t.u.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".json", ".JSON"}))
	t.u.showDialog(d, fyne.Size{})
}

// loadFrom reads file (closing it when it is an io.Closer) and simulates
// loading it in the background; the outcome comes back as a dialog.
func (t *calendarTab) loadFrom(file io.Reader) {
	t.loadButton.Disable()
	t.u.background(calendarLoadTimeout, func(ctx context.Context) func() {
		data, err := io.ReadAll(file)
		if c, ok := file.(io.Closer); ok {
			_ = c.Close()
		}
		var st app.CalendarStatus
		var sync app.CalendarSync
		if err == nil {
			st, sync, err = t.u.svc.ImportCalendar(ctx, data, true)
		}
		return func() { t.showLoadDryRun(data, st, sync, err) }
	})
}

// showLoadDryRun shows what loading the file would do, with the button that
// does it; or why the file is refused.
func (t *calendarTab) showLoadDryRun(file []byte, st app.CalendarStatus, sync app.CalendarSync, err error) {
	t.loadButton.Enable()
	var v *app.ValidationError
	switch {
	case errors.As(err, &v):
		t.showBadCalendar(v)
		return
	case err != nil:
		t.u.showError(err)
		return
	}
	view := &calendarLoad{file: file, status: st, sync: sync, summary: &widget.Label{
		Text: calendarDryRunText(st, sync), Wrapping: fyne.TextWrapWord}}
	body := container.NewVScroll(view.summary)
	d := dialog.NewCustomConfirm(T("calendario.cargar.titulo"), T("calendario.cargar.boton"), T("alertas.cancelar"),
		body, func(ok bool) {
			if t.loader == view {
				t.loader = nil
			}
			if ok {
				t.runLoad(file)
			}
		}, t.u.win)
	view.dlg = d
	t.loader = view
	t.u.fitScrolled(d, calendarDialogWidth, body)
	t.u.showDialog(d, fyne.Size{})
}

// calendarDialogWidth is the width of the load's dialogs; their height is their text's.
const calendarDialogWidth = 560

// calendarDryRunText says which calendar the file holds and what loading it
// would do to the alerts.
func calendarDryRunText(st app.CalendarStatus, sync app.CalendarSync) string {
	years := make([]string, len(st.Info.OfficialYears))
	for i, y := range st.Info.OfficialYears {
		years[i] = strconv.Itoa(y)
	}
	return T("calendario.cargar.resumen", map[string]any{
		"Version": st.Info.Version, "Fecha": formatDueDate(st.Info.RetrievedOn), "Anios": strings.Join(years, ", "),
		"Efecto": TM(sync.Summary(true))})
}

// showBadCalendar says why the file is refused: nothing was loaded.
func (t *calendarTab) showBadCalendar(v *app.ValidationError) {
	fields := fieldTexts(v)
	reasons := make([]string, 0, len(fields))
	for _, msg := range fields {
		reasons = append(reasons, msg)
	}
	sort.Strings(reasons)
	view := &calendarLoad{problem: T("calendario.cargar.invalido", map[string]any{"Motivo": strings.Join(reasons, " ")})}
	view.summary = &widget.Label{Text: view.problem, Wrapping: fyne.TextWrapWord}
	body := container.NewVScroll(view.summary)
	d := dialog.NewCustom(T("calendario.cargar.titulo"), T("alertas.cerrar"), body, t.u.win)
	d.SetIcon(theme.ErrorIcon())
	d.SetOnClosed(func() {
		if t.loader == view {
			t.loader = nil
		}
	})
	view.dlg = d
	t.loader = view
	t.u.fitScrolled(d, calendarDialogWidth, body)
	t.u.showDialog(d, fyne.Size{})
}

// runLoad loads file in the background and says what it did.
func (t *calendarTab) runLoad(file []byte) {
	t.loadButton.Disable()
	t.u.background(calendarLoadTimeout, func(ctx context.Context) func() {
		st, sync, err := t.u.svc.ImportCalendar(ctx, file, false)
		return func() { t.calendarLoaded(st, sync, err) }
	})
}

// calendarLoaded shows the new calendar everywhere it is shown, and what changed.
func (t *calendarTab) calendarLoaded(st app.CalendarStatus, sync app.CalendarSync, err error) {
	t.loadButton.Enable()
	var v *app.ValidationError
	switch {
	case errors.As(err, &v):
		t.showBadCalendar(v)
		return
	case err != nil:
		t.u.showError(err)
		return
	}
	t.refresh()
	t.u.home.refresh()
	t.u.alerts.refresh()
	t.u.showInformation(T("calendario.cargar.titulo"), T("calendario.cargar.hecho", map[string]any{
		"Calendario": calendarLoadedText(st), "Efecto": TM(sync.Summary(false))}))
}
