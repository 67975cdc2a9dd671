package ui

import (
	"context"
	"fmt"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"vigia/app"
)

// onExport asks where to save the CSV of the due dates the filters select,
// proposing "calendario-2025-12-08.csv". The core writes it
// (Service.ExportCalendarCSV), as the API does.
func (t *calendarTab) onExport() {
	f := t.filter()
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		switch {
		case err != nil:
			t.u.showError(err)
		case w != nil:
			t.exportTo(f, w, w.URI().Path())
		}
	}, t.u.win)
	d.SetFileName(fmt.Sprintf("calendario-%s.csv", t.u.svc.Now().Format(app.DateLayout)))
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv"}))
	t.u.showDialog(d, fyne.Size{})
}

// exportTo writes the CSV of f to w in the background, closes it and says
// where it went.
func (t *calendarTab) exportTo(f app.CalendarFilter, w io.WriteCloser, where string) {
	t.exportButton.Disable()
	t.u.background(uiTimeout, func(ctx context.Context) func() {
		err := t.u.svc.ExportCalendarCSV(ctx, w, f)
		if cerr := w.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("close %s: %w", where, cerr)
		}
		return func() {
			toggleEnabled(t.exportButton, len(t.rows) > 0)
			if err != nil {
				t.u.showError(err)
				return
			}
			t.u.showInformation(T("calendario.exportar.titulo"), T("calendario.exportar.hecho", map[string]any{"Archivo": where}))
		}
	})
}
