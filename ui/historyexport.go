package ui

import (
	"context"
	"fmt"
	"io"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"vigia/app"
)

// historyExportTimeout bounds an export: a long history is read a page at a
// time (100,000 runs take a few seconds).
const historyExportTimeout = 10 * time.Minute

// onExport asks where to save the CSV of the rows matching the filters,
// proposing "historial-2025-12-08.csv".
func (t *historyTab) onExport() {
	f := t.filter
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		switch {
		case err != nil:
			t.u.showError(err)
		case w != nil:
			t.exportTo(f, w, w.URI().Path())
		}
	}, t.u.win)
	d.SetFileName(fmt.Sprintf("historial-%s.csv", t.u.svc.Now().Format(app.DateLayout)))
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv"}))
	t.u.showDialog(d, fyne.Size{})
}

// exportTo writes the rows matching f to w in the background (a long history
// takes a while), closes it and says how many rows went where.
func (t *historyTab) exportTo(f app.ExecutionFilter, w io.WriteCloser, where string) {
	t.exportBtn.Disable()
	t.exportBtn.SetText(T("historial.exportando"))
	t.u.background(historyExportTimeout, func(ctx context.Context) func() {
		n, err := t.u.svc.ExportExecutionsCSV(ctx, w, f)
		if cerr := w.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("close %s: %w", where, cerr)
		}
		return func() { t.onExported(n, where, err) }
	})
}

func (t *historyTab) onExported(n int, where string, err error) {
	t.exportBtn.SetText(T("historial.exportar"))
	t.exportBtn.Enable()
	if err != nil {
		t.u.showError(err)
		return
	}
	t.u.showInformation(T("historial.exportar.titulo"),
		T("historial.exportar.hecho", map[string]any{"N": n, "Archivo": where}))
}
