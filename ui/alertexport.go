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

// exportKind says which CSV an export writes.
type exportKind int

const (
	exportAlerts exportKind = iota
	exportCompanies
)

func (t *alertsTab) onExportAlerts()    { t.askExport(exportAlerts) }
func (t *alertsTab) onExportCompanies() { t.askExport(exportCompanies) }

// askExport asks where to save the CSV of kind, proposing "alertas-2025-12-08.csv".
func (t *alertsTab) askExport(kind exportKind) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		switch {
		case err != nil:
			t.u.showError(err)
		case w != nil:
			t.exportTo(kind, w, w.URI().Path())
		}
	}, t.u.win)
	name := "alertas"
	if kind == exportCompanies {
		name = "empresas"
	}
	d.SetFileName(fmt.Sprintf("%s-%s.csv", name, t.u.svc.Now().Format(app.DateLayout)))
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv"}))
	t.u.showDialog(d, fyne.Size{})
}

// exportTo writes the CSV of kind to w in the background, closes it and
// says where it went (where is shown to the user).
func (t *alertsTab) exportTo(kind exportKind, w io.WriteCloser, where string) {
	t.u.background(uiTimeout, func(ctx context.Context) func() {
		err := t.writeExport(ctx, kind, w)
		if cerr := w.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("close %s: %w", where, cerr)
		}
		return func() {
			if err != nil {
				t.u.showError(err)
				return
			}
			t.u.showInformation(T("alertas.exportar.titulo"), T("alertas.exportar.hecho", map[string]any{"Archivo": where}))
		}
	})
}

// writeExport writes the CSV of kind (UTF-8 BOM, ';', CRLF: Excel opens it) to w.
func (t *alertsTab) writeExport(ctx context.Context, kind exportKind, w io.Writer) error {
	if kind == exportCompanies {
		return t.u.svc.ExportCompaniesCSV(ctx, w)
	}
	return t.u.svc.ExportAlertsCSV(ctx, w)
}
