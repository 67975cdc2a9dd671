package ui

import (
	"bytes"
	"context"
	"errors"
	"io"
	"sort"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"vigia/app"
)

// An import goes in two steps: a dry run says what the file would do (or
// lists every bad line), and only the user's "Importar" saves it. Both steps
// run in the background; the file is read once and kept for the second.

// importView is the dry run's dialog.
type importView struct {
	file     []byte
	result   app.ImportResult
	problems []string // one per bad line, in line order; empty when the file is valid
	summary  *widget.Label
	dlg      dialog.Dialog
}

// onImport asks for a CSV file and simulates its import.
func (t *alertsTab) onImport() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		switch {
		case err != nil:
			t.u.showError(err)
		case r != nil:
			t.importFrom(r)
		}
	}, t.u.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv", ".CSV", ".txt"}))
	t.u.showDialog(d, fyne.Size{})
}

// importFrom reads file (and closes it when it is an io.Closer) and
// simulates its import in the background; the outcome comes back as the
// dry run's dialog.
func (t *alertsTab) importFrom(file io.Reader) {
	t.setImporting(true)
	t.u.background(uiTimeout, func(ctx context.Context) func() {
		data, err := io.ReadAll(file)
		if c, ok := file.(io.Closer); ok {
			_ = c.Close()
		}
		var res app.ImportResult
		if err == nil {
			res, err = t.u.svc.ImportAlerts(ctx, bytes.NewReader(data), true)
		}
		return func() { t.showDryRun(data, res, err) }
	})
}

func (t *alertsTab) setImporting(busy bool) {
	toggleEnabled(t.importButton, !busy)
	toggleEnabled(t.importOnboard, !busy)
}

// showDryRun shows what the import would do, with the button that does it;
// or every bad line of the file, and nothing to do.
func (t *alertsTab) showDryRun(file []byte, res app.ImportResult, err error) {
	t.setImporting(false)
	var v *app.ValidationError
	switch {
	case errors.As(err, &v):
		t.showBadFile(v)
		return
	case err != nil:
		t.u.showError(err)
		return
	case len(res.Items) == 0:
		t.u.showInformation(T("alertas.importar.titulo"), T("alertas.importar.sin_filas"))
		return
	}
	view := &importView{file: file, result: res, summary: &widget.Label{
		Text: T("alertas.importar.resumen", map[string]any{
			"Nuevas": res.AlertsCreated, "Actualizadas": res.AlertsUpdated, "Empresas": res.CompaniesCreated}),
		Wrapping: fyne.TextWrapWord,
	}}
	rows := newWrappedList(func() int { return len(res.Items) }, func(i int) string { return importRowText(res.Items[i]) })
	content := container.NewBorder(view.summary, nil, nil, nil, rows)
	d := dialog.NewCustomConfirm(T("alertas.importar.titulo"), T("alertas.importar.boton"), T("alertas.cancelar"), content,
		func(ok bool) {
			if t.imports == view {
				t.imports = nil
			}
			if ok {
				t.runImport(file)
			}
		}, t.u.win)
	view.dlg = d
	t.imports = view
	t.u.showDialog(d, importDialogSize)
}

// importDialogSize is the preferred size of the import's dialogs: rows of
// 560 units, some ten of them.
var importDialogSize = fyne.NewSize(600, 440)

// importRowText is one row of the dry run: "Línea 2 · Empresa · Título · crear".
func importRowText(it app.ImportItem) string {
	action := T("alertas.importar.crear")
	if it.Action == app.ImportUpdate {
		action = T("alertas.importar.actualizar")
	}
	company := it.Company.Name
	if it.NewCompany {
		company = T("alertas.importar.empresa_nueva", map[string]any{"Empresa": company})
	}
	return T("alertas.importar.fila", map[string]any{"Linea": it.Line, "Empresa": company, "Titulo": it.Alert.Title,
		"Prioridad": alertPriorityLabel(it.Alert.EffectivePriority), "Accion": action})
}

// showBadFile lists every problem of a refused file, line by line.
func (t *alertsTab) showBadFile(v *app.ValidationError) {
	problems := importProblems(v)
	view := &importView{problems: problems, summary: &widget.Label{Wrapping: fyne.TextWrapWord}}
	if fields := fieldTexts(v); len(fields) == 1 && fields["archivo"] != "" {
		whole := fields["archivo"]
		view.summary.Text = T("alertas.importar.archivo_invalido", map[string]any{"Motivo": whole})
	} else {
		view.summary.Text = T("alertas.importar.filas_invalidas", map[string]any{"N": len(problems)})
	}
	list := newWrappedList(func() int { return len(problems) }, func(i int) string { return problems[i] })
	content := container.NewBorder(view.summary, nil, nil, nil, list)
	d := dialog.NewCustom(T("alertas.importar.titulo"), T("alertas.cerrar"), content, t.u.win)
	d.SetOnClosed(func() {
		if t.imports == view {
			t.imports = nil
		}
	})
	view.dlg = d
	t.imports = view
	t.u.showDialog(d, importDialogSize)
}

// importProblems are the refused file's problems, "Línea 3: Falta el título."
// in line order; a problem of the whole file comes first.
func importProblems(v *app.ValidationError) []string {
	type problem struct {
		line int
		text string
	}
	var ps []problem
	for field, msg := range fieldTexts(v) {
		n, isLine := strings.CutPrefix(field, "linea ")
		line, err := strconv.Atoi(n)
		if !isLine || err != nil {
			ps = append(ps, problem{line: -1, text: msg})
			continue
		}
		ps = append(ps, problem{line: line, text: T("alertas.importar.linea", map[string]any{"Linea": line, "Motivo": msg})})
	}
	sort.Slice(ps, func(i, j int) bool {
		if ps[i].line != ps[j].line {
			return ps[i].line < ps[j].line
		}
		return ps[i].text < ps[j].text
	})
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.text
	}
	return out
}

// runImport saves file in the background and says what it did.
func (t *alertsTab) runImport(file []byte) {
	t.setImporting(true)
	t.u.background(uiTimeout, func(ctx context.Context) func() {
		res, err := t.u.svc.ImportAlerts(ctx, bytes.NewReader(file), false)
		return func() { t.imported(res, err) }
	})
}

func (t *alertsTab) imported(res app.ImportResult, err error) {
	t.setImporting(false)
	t.refresh()
	var v *app.ValidationError
	switch {
	case errors.As(err, &v): // the data changed between the dry run and now
		t.showBadFile(v)
	case err != nil:
		t.u.showError(err)
	default:
		t.u.showInformation(T("alertas.importar.titulo"), T("alertas.importar.hecho", map[string]any{
			"Nuevas": res.AlertsCreated, "Actualizadas": res.AlertsUpdated, "Empresas": res.CompaniesCreated}))
	}
}
