package ui

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"vigia/app"
)

// showDetail opens a dialog with every field of a run and its full error,
// which the user can select and copy (for support, or to search it).
func (t *historyTab) showDetail(x app.Execution) {
	u := t.u
	fields := []struct{ key, value string }{
		{K("historial.detalle.trigger"), x.TriggerName + " (ID " + strconv.FormatInt(x.TriggerID, 10) + ")"},
		{K("historial.detalle.programada"), u.formatDateTime(x.ScheduledFor)},
		{K("historial.detalle.inicio"), u.formatDateTime(x.StartedAt)},
		{K("historial.detalle.fin"), u.formatDateTime(x.FinishedAt)},
		{K("historial.detalle.duracion"), formatDuration(x.Duration())},
		{K("historial.detalle.estado"), stateLabel(x.State)},
		{K("historial.detalle.origen"), originLabel(x.Origin)},
		{K("historial.detalle.empresas"), strconv.Itoa(x.Companies)},
		{K("historial.detalle.alertas"), strconv.Itoa(x.Alerts)},
		{K("historial.detalle.notificaciones"), strconv.Itoa(x.Notified)},
		{K("historial.detalle.destinatarios"), recipientsText(x.Recipients)},
		{K("historial.detalle.intentos"), strconv.Itoa(x.Attempts)},
		{K("historial.detalle.instancia"), x.Instance},
	}
	grid := container.New(layout.NewFormLayout())
	for _, f := range fields {
		value := &widget.Label{Text: f.value, Wrapping: fyne.TextWrapWord, Selectable: true}
		if f.key == "historial.detalle.estado" {
			value.Importance = stateImportance(x.State)
		}
		grid.Add(&widget.Label{Text: T(f.key), TextStyle: fyne.TextStyle{Bold: true}})
		grid.Add(value)
	}
	content := container.NewVBox(grid)
	if reason := runReason(x); reason != "" {
		copyBtn := &widget.Button{Text: T("historial.detalle.copiar"), Icon: theme.ContentCopyIcon(), OnTapped: func() {
			u.fyne.Clipboard().SetContent(reason)
		}}
		content.Add(widget.NewSeparator())
		content.Add(container.NewBorder(nil, nil, sectionHeading(T("historial.detalle.error")), copyBtn))
		content.Add(&widget.Label{Text: reason, Wrapping: fyne.TextWrapWord, Selectable: true,
			TextStyle: fyne.TextStyle{Monospace: true}, Importance: stateImportance(x.State)})
	}
	d := dialog.NewCustom(T("historial.detalle.titulo", map[string]any{"ID": x.ID}), T("historial.cerrar"),
		container.NewVScroll(content), u.win)
	u.showDialog(d, fyne.NewSize(720, 560))
}
