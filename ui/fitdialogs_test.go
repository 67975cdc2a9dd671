package ui

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"vigia/app"
	"vigia/app/taxcal"
)

// fitDialogs opens each dialog of the window over a busy database (fitBusy).
func fitDialogs(t *testing.T, env *testEnv) []struct {
	name string
	open func()
} {
	t.Helper()
	ctx := context.Background()
	trs, _ := env.svc.Triggers(ctx)
	failed := fitFailedRun(t, env)
	alerts, _ := env.svc.Alerts(ctx, app.AlertFilter{})
	companies, _ := env.svc.Companies(ctx)
	sample, err := os.ReadFile("../docs/alertas-ejemplo.csv")
	if err != nil {
		t.Fatal(err)
	}
	dryRun, err := env.svc.ImportAlerts(ctx, strings.NewReader(string(sample)), true)
	if err != nil {
		t.Fatal(err)
	}
	var refused *app.ValidationError
	if _, err := env.svc.ImportAlerts(ctx, strings.NewReader(fitBadFile), true); !errors.As(err, &refused) {
		t.Fatalf("the bad file was not refused: %v", err)
	}
	newer := movedCalendar(t)
	calStatus, calSync, err := env.svc.ImportCalendar(ctx, newer, true)
	if err != nil {
		t.Fatal(err)
	}
	var badCalendar *app.ValidationError
	if _, _, err := env.svc.ImportCalendar(ctx, []byte("{no"), true); !errors.As(err, &badCalendar) {
		t.Fatalf("the bad calendar was not refused: %v", err)
	}
	owing := companies[0]
	owing.Responsibilities = []string{taxcal.RetencionFuente, taxcal.IVABimestral, taxcal.RentaGrandesContribuyentes, taxcal.ICABogotaBimestral}
	tr, al, tab := trs[0], alerts[0], env.u.triggers
	selectTrigger := func() { tab.refresh(); trgSelect(t, tab, tr.Name) }
	selectAlert := func() { env.u.alerts.refresh(); env.u.alerts.selected = env.u.alerts.rows[0].ID }
	return []struct {
		name string
		open func()
	}{
		{"nuevo trigger", tab.onNew},
		{"editar trigger", func() { selectTrigger(); tab.onEdit() }},
		{"eliminar trigger", func() { selectTrigger(); tab.onDelete() }},
		{"vista previa del correo", func() { selectTrigger(); tab.onPreview() }},
		{"enviar prueba", func() { selectTrigger(); tab.onSendTest() }},
		{"resultado de la prueba", func() { tab.reportTest(failed, "prueba@ejemplo.com") }},
		{"nueva alerta", env.u.alerts.onNewAlert},
		{"nueva alerta, con errores", func() { env.u.alerts.onNewAlert(); env.u.alerts.alertForm.onSubmit() }},
		{"editar alerta", func() { env.u.alerts.openAlertForm(al) }},
		{"resolver alerta", func() { selectAlert(); env.u.alerts.onResolveAlert() }},
		{"eliminar alerta", func() { selectAlert(); env.u.alerts.onDeleteAlert() }},
		{"nueva empresa", env.u.alerts.companies.onNew},
		{"nueva empresa, con errores", func() { env.u.alerts.companies.onNew(); env.u.alerts.companies.form.onSubmit() }},
		{"editar empresa", func() { env.u.alerts.companies.openForm(companies[0]) }},
		{"eliminar empresa", func() { env.u.alerts.companies.confirmDelete(companies[0], 3, 12) }},
		{"empresa con cuatro responsabilidades", func() { env.u.alerts.companies.openForm(owing) }},
		{"calendario: vista previa de la carga", func() { env.u.calendar.showLoadDryRun(newer, calStatus, calSync, nil) }},
		{"calendario: archivo inválido", func() { env.u.calendar.showBadCalendar(badCalendar) }},
		{"calendario: elegir archivo", env.u.calendar.onLoad},
		{"calendario: exportar", env.u.calendar.onExport},
		{"importar: vista previa", func() { env.u.alerts.showDryRun(sample, dryRun, nil) }},
		{"importar: archivo con errores", func() { env.u.alerts.showBadFile(refused) }},
		{"importar: elegir archivo", env.u.alerts.onImport},
		{"exportar: elegir archivo", func() { env.u.alerts.askExport(exportAlerts) }},
		{"detalle de ejecución", func() { env.u.history.showDetail(failed) }},
		{"error", func() { env.u.showError(fitValidationError()) }},
		{"información", func() { env.u.showInformation("Importar alertas", strings.Repeat("Una frase larga de aviso. ", 12)) }},
	}
}

// fitBadFile is a CSV file with a bad row in each line.
var fitBadFile = "empresa,titulo,prioridad,vence_el\n" + strings.Repeat("Uno,,URGENTE,31/02/2026\n", 30)

// fitFailedRun is the failed run of fitBusy.
func fitFailedRun(t *testing.T, env *testEnv) app.Execution {
	t.Helper()
	page, err := env.svc.Executions(context.Background(), app.ExecutionFilter{State: app.StateFailed, Limit: 1})
	if err != nil || len(page.Executions) == 0 {
		t.Fatalf("no failed run: %v", err)
	}
	return page.Executions[0]
}

// fitValidationError is a refusal with a message for every field of the editor.
func fitValidationError() error {
	problems := map[string]app.Message{}
	for _, f := range editorFields {
		problems[f] = app.Msg(app.CodeAddressNotBare, app.Args{"Value": "El campo " + f + " <no es válido>"})
	}
	return &app.ValidationError{Problems: problems}
}

func TestEveryDialogFitsASmallWindowAndEscapeClosesIt(t *testing.T) {
	for _, lang := range []string{LangSpanish, LangEnglish} {
		t.Run(lang, func(t *testing.T) {
			// given a busy database, in a window of the smallest screen
			env := newFitEnv(t)
			fitBusy(t, env)
			env.u.settingsSaved(app.Settings{Zone: "America/Bogota", Language: lang})
			for _, d := range fitDialogs(t, env) {
				// when the dialog is opened
				d.open()
				env.drain()
				top := topDialog(t, env)

				// then it fits in the window, its texts wrap to its width, and its buttons can be seen
				fitDialogInside(t, env, d.name, top)
				fitWrappedLabels(t, d.name, top)

				// and Escape closes it, from where the focus is when it opens
				fitEscape(env)
				if env.u.win.Canvas().Overlays().Top() == top {
					t.Errorf("%s: Escape did not close the dialog", d.name)
					env.u.win.Canvas().Overlays().Remove(top)
				}
			}
		})
	}
}

// fitDialogInside fails when the dialog on top is larger than the window,
// smaller than it needs (its content squeezed), or shows a button of its own
// (not one inside its scrolled content) outside itself.
func fitDialogInside(t *testing.T, env *testEnv, name string, top fyne.CanvasObject) {
	t.Helper()
	canvas := env.u.win.Canvas().Size()
	box := top.(*widget.PopUp).Content
	size, min := box.Size(), box.MinSize()
	t.Logf("%s: %.0f×%.0f (needs %.0f×%.0f) in %.0f×%.0f", name, size.Width, size.Height, min.Width, min.Height, canvas.Width, canvas.Height)
	if size.Width > canvas.Width || size.Height > canvas.Height {
		t.Errorf("%s: %.0f×%.0f, larger than the window", name, size.Width, size.Height)
	}
	if min.Width > size.Width+0.5 || min.Height > size.Height+0.5 {
		t.Errorf("%s: needs %.0f×%.0f, squeezed into %.0f×%.0f", name, min.Width, min.Height, size.Width, size.Height)
	}
	d := fyne.CurrentApp().Driver()
	origin := d.AbsolutePositionForObject(box)
	fitOwnButtons(box, func(b *widget.Button) {
		p := d.AbsolutePositionForObject(b).Subtract(origin)
		if p.X < 0 || p.Y < 0 || p.X+b.Size().Width > size.Width+0.5 || p.Y+b.Size().Height > size.Height+0.5 {
			t.Errorf("%s: the button %q at %v is outside the dialog (%v)", name, b.Text, p, size)
		}
	})
}

// fitOwnButtons visits the visible buttons inside o that are not in a scroll.
func fitOwnButtons(o fyne.CanvasObject, visit func(*widget.Button)) {
	if o == nil || !o.Visible() {
		return
	}
	switch c := o.(type) {
	case *container.Scroll:
		return
	case *widget.Button:
		visit(c)
	case *fyne.Container:
		for _, child := range c.Objects {
			fitOwnButtons(child, visit)
		}
	case fyne.Widget:
		for _, child := range test.WidgetRenderer(c).Objects() {
			fitOwnButtons(child, visit)
		}
	}
}

// fitEscape types Escape as the window does: to the focused widget, or to
// the window when nothing has the focus.
func fitEscape(env *testEnv) {
	ev := &fyne.KeyEvent{Name: fyne.KeyEscape}
	c := env.u.win.Canvas()
	if f := c.Focused(); f != nil {
		f.TypedKey(ev)
		return
	}
	if h := c.OnTypedKey(); h != nil {
		h(ev)
	}
}

func TestEscapeCancelsOnlyTheDialogOnTop(t *testing.T) {
	// given a trigger, and its deletion asked for
	env := newFitEnv(t)
	env.createTrigger(trgDraft("Diario"))
	tab := env.u.triggers
	trgSelect(t, tab, "Diario")
	tab.onDelete()
	env.drain()

	// when Escape is typed, nothing having the focus
	fitEscape(env)

	// then the question is gone and the trigger stays
	if top := env.u.win.Canvas().Overlays().Top(); top != nil {
		t.Fatal("Escape left the confirmation open")
	}
	if trs, _ := env.svc.Triggers(context.Background()); len(trs) != 1 {
		t.Fatalf("Escape confirmed the deletion: %d triggers", len(trs))
	}

	// given the editor, with a message over it and the focus on a check box of the editor
	tab.onNew()
	editor := topDialog(t, env)
	env.u.win.Canvas().Focus(tab.editor.active)
	env.u.showInformation("Aviso", "Un mensaje sobre el editor.")

	// when Escape is typed, it closes the message only
	fitEscape(env)
	if top := env.u.win.Canvas().Overlays().Top(); top != editor {
		t.Fatalf("after one Escape the top overlay is %v, want the editor", top)
	}

	// and a second Escape, from the check box, closes the editor without saving
	env.u.win.Canvas().Focus(tab.editor.active)
	fitEscape(env)
	if top := env.u.win.Canvas().Overlays().Top(); top != nil {
		t.Fatal("Escape from a check box left the editor open")
	}
	if trs, _ := env.svc.Triggers(context.Background()); len(trs) != 1 {
		t.Fatalf("Escape saved the editor: %d triggers", len(trs))
	}
}
