package ui

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"vigia/app"
)

func TestCreatingATriggerInTheEditorSavesAndListsIt(t *testing.T) {
	// given the Triggers tab without triggers
	env := newTestEnv(t)
	tab := trgShow(env)
	if !tab.empty.Visible() {
		t.Fatal("the empty-list hint is not shown")
	}

	// when the user taps Nuevo and fills in a weekly trigger by typing and tapping
	test.Tap(tab.newBtn)
	e := tab.editor
	if !e.save.Disabled() || trgErr(e, "nombre") != "El nombre es obligatorio." {
		t.Fatalf("empty form: save disabled=%v, nombre error %q", e.save.Disabled(), trgErr(e, "nombre"))
	}
	test.Type(e.name, "Resumen semanal")
	e.frequency.SetSelected("Semanal")
	if !e.save.Disabled() || trgErr(e, "dias_semana") == "" {
		t.Fatalf("weekly without days: save disabled=%v, error %q", e.save.Disabled(), trgErr(e, "dias_semana"))
	}
	test.Tap(e.weekdays[0]) // lunes
	test.Tap(e.weekdays[4]) // viernes
	trgSetHour(e, "15:00")
	trgTypeLines(e.recipients, "ana@ejemplo.com", "luis@ejemplo.com")
	test.Tap(e.priorities[2]) // MEDIA too
	if e.save.Disabled() {
		t.Fatalf("valid form keeps Guardar disabled: %v", e.errs)
	}
	test.Tap(e.save)
	env.drain()

	// then it is stored as typed, the dialog is closed, and the list shows and selects it
	ts, err := env.svc.Triggers(context.Background())
	if err != nil || len(ts) != 1 {
		t.Fatalf("triggers = %v, %v", ts, err)
	}
	got := ts[0]
	if got.Name != "Resumen semanal" || got.Schedule.Frequency != app.FrequencyWeekly ||
		!slices.Equal(got.Schedule.Weekdays, []time.Weekday{time.Monday, time.Friday}) || got.Schedule.TimeOfDay() != "15:00" ||
		!slices.Equal(got.Recipients, []string{"ana@ejemplo.com", "luis@ejemplo.com"}) ||
		!slices.Equal(got.Priorities, []app.Priority{app.PriorityCritical, app.PriorityHigh, app.PriorityMedium}) ||
		!got.Active || !got.CatchUp || got.SendWhenEmpty {
		t.Errorf("stored trigger = %+v", got)
	}
	if env.u.win.Canvas().Overlays().Top() != nil {
		t.Error("the editor is still open after saving")
	}
	row := trgRow(t, tab, "Resumen semanal")
	if s := trgRowText(row, triggerColSched); s != "Semanal (lunes, viernes) a las 15:00" {
		t.Errorf("schedule column = %q", s)
	}
	if s := trgRowText(row, triggerColNext); s != "lun 08/12/2025 15:00 · en 8 h" {
		t.Errorf("next run column = %q", s)
	}
	if tab.selected != got.ID || tab.empty.Visible() || tab.editBtn.Disabled() {
		t.Errorf("selected = %d (want %d), empty hint shown %v, edit disabled %v", tab.selected, got.ID, tab.empty.Visible(), tab.editBtn.Disabled())
	}
}

func TestEditorKeepsSaveDisabledAndSaysWhy(t *testing.T) {
	cases := []struct {
		name  string
		field string
		want  string // part of the message under the field
		spoil func(e *triggerEditor)
		fix   func(e *triggerEditor)
	}{
		{"empty name", "nombre", "El nombre es obligatorio.",
			func(e *triggerEditor) { e.name.SetText("") },
			func(e *triggerEditor) { test.Type(e.name, "Otro nombre") }},
		{"bad recipient line", "destinatarios", `Dirección de correo inválida "luis.ejemplo.com": falta la @`,
			func(e *triggerEditor) { trgTypeLines(e.recipients, "ana@ejemplo.com", "luis.ejemplo.com", "") },
			func(e *triggerEditor) { e.recipients.SetText("ana@ejemplo.com\nluis@ejemplo.com") }},
		{"recipient with a name", "destinatarios", `Dirección de correo inválida "Ana <ana@ejemplo.com>": escriba solo la dirección`,
			func(e *triggerEditor) { trgTypeLines(e.recipients, "Ana <ana@ejemplo.com>") },
			func(e *triggerEditor) { e.recipients.SetText("") }},
		{"weekly with no weekday", "dias_semana", "Indique al menos un día de la semana, por ejemplo lunes y viernes.",
			func(e *triggerEditor) { e.frequency.SetSelected("Semanal") },
			func(e *triggerEditor) { test.Tap(e.weekdays[2]) }},
		{"bad hour", "hora", "Hora inválida \"25:61\"",
			func(e *triggerEditor) { trgSetHour(e, "25:61") },
			func(e *triggerEditor) { trgSetHour(e, "07:45") }},
		{"hour not HH:MM", "hora", "use el formato HH:MM",
			func(e *triggerEditor) { trgSetHour(e, "8h") },
			func(e *triggerEditor) { trgSetHour(e, "8:05") }},
		{"interval not a number", "intervalo_horas", "Escriba un número entero de horas, de 1 a 168.",
			func(e *triggerEditor) {
				e.frequency.SetSelected("Cada N horas")
				e.interval.SetText("")
				test.Type(e.interval, "4h")
			},
			func(e *triggerEditor) { e.interval.SetText("6") }},
		{"interval too long", "intervalo_horas", "Intervalo inválido 169",
			func(e *triggerEditor) {
				e.frequency.SetSelected("Cada N horas")
				e.interval.SetText("")
				test.Type(e.interval, "169")
			},
			func(e *triggerEditor) { e.interval.SetText("168") }},
		{"no priority", "prioridades", "Indique al menos una prioridad",
			func(e *triggerEditor) { test.Tap(e.priorities[0]); test.Tap(e.priorities[1]) },
			func(e *triggerEditor) { test.Tap(e.priorities[3]) }},
	}
	env := newTestEnv(t)
	env.svc.SetDefaultRecipients([]string{"jefe@ejemplo.com"})
	tab := trgShow(env)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// given a new trigger's editor filled in validly (no recipients of
			// its own: the defaults)
			test.Tap(tab.newBtn)
			defer test.Tap(tab.editor.cancel)
			e := tab.editor
			test.Type(e.name, "Resumen")
			if e.save.Disabled() {
				t.Fatalf("valid form keeps Guardar disabled: name %q", trgErr(e, "nombre"))
			}

			// when one field is spoiled
			c.spoil(e)

			// then Guardar is disabled and the field says why
			if !e.save.Disabled() {
				t.Error("Guardar is enabled with an invalid field")
			}
			if msg := trgErr(e, c.field); !strings.Contains(msg, c.want) {
				t.Errorf("%s message = %q, want it to contain %q", c.field, msg, c.want)
			}
			// and tapping it anyway saves nothing
			test.Tap(e.save)
			if ts, _ := env.svc.Triggers(context.Background()); len(ts) != 0 {
				t.Errorf("an invalid form was saved: %v", ts)
			}

			// when the field is fixed, Guardar is enabled and the message gone
			c.fix(e)
			if e.save.Disabled() || trgErr(e, c.field) != "" {
				t.Errorf("after the fix: save disabled=%v, message %q", e.save.Disabled(), trgErr(e, c.field))
			}
		})
	}
}

func TestEditorPreviewsTheNextFiveRuns(t *testing.T) {
	// given a new trigger's editor, on Monday 2025-12-08 07:00 in Bogotá
	env := newTestEnv(t)
	tab := trgShow(env)
	test.Tap(tab.newBtn)
	e := tab.editor

	// then a daily 08:00 (the default) runs from today on, even before it has a name
	want := strings.Join([]string{
		"• lun 08/12/2025 08:00",
		"• mar 09/12/2025 08:00",
		"• mié 10/12/2025 08:00",
		"• jue 11/12/2025 08:00",
		"• vie 12/12/2025 08:00",
	}, "\n")
	if e.preview.Text != want {
		t.Errorf("daily preview =\n%s\nwant\n%s", e.preview.Text, want)
	}

	// when it becomes monthly on day 31 at 09:30
	e.frequency.SetSelected("Mensual")
	e.day.SetSelected("31")
	trgSetHour(e, "09:30")

	// then months without a 31st run on their last day, and say so
	want = strings.Join([]string{
		"• mié 31/12/2025 09:30",
		"• sáb 31/01/2026 09:30",
		"• sáb 28/02/2026 09:30 — día 31 → 28/02, último día del mes",
		"• mar 31/03/2026 09:30",
		"• jue 30/04/2026 09:30 — día 31 → 30/04, último día del mes",
	}, "\n")
	if e.preview.Text != want {
		t.Errorf("monthly preview =\n%s\nwant\n%s", e.preview.Text, want)
	}

	// when the hour is being typed and is not complete yet
	e.hour.SetText("")
	test.Type(e.hour, "9:")

	// then the preview says it needs the schedule
	if e.preview.Text != "Complete la programación para ver las próximas ejecuciones." {
		t.Errorf("preview with a bad hour = %q", e.preview.Text)
	}
}

func TestEditingATriggerChangesIt(t *testing.T) {
	// given a daily trigger, selected in the list
	env := newTestEnv(t)
	tr := env.createTrigger(trgDraft("Vencimientos"))
	tab := trgShow(env)
	trgSelect(t, tab, "Vencimientos")

	// when the user edits it: 09:30, medium alerts only, no catch-up
	test.Tap(tab.editBtn)
	e := tab.editor
	if e.name.Text != "Vencimientos" || e.hour.Text != "08:00" || e.recipients.Text != "contador@ejemplo.com" ||
		!e.priorities[0].Checked || !e.priorities[1].Checked || e.priorities[2].Checked || !e.active.Checked {
		t.Fatalf("editor not filled from the trigger: name %q hour %q recipients %q", e.name.Text, e.hour.Text, e.recipients.Text)
	}
	trgSetHour(e, "09:30")
	test.Tap(e.priorities[0])
	test.Tap(e.priorities[1])
	test.Tap(e.priorities[2])
	test.Tap(e.catchUp)
	test.Tap(e.save)
	env.drain()

	// then the same trigger is changed, and the list shows it
	got, err := env.svc.Trigger(context.Background(), tr.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Schedule.TimeOfDay() != "09:30" || !slices.Equal(got.Priorities, []app.Priority{app.PriorityMedium}) ||
		got.CatchUp || got.Name != "Vencimientos" || !slices.Equal(got.Recipients, tr.Recipients) {
		t.Errorf("updated trigger = %+v", got)
	}
	if ts, _ := env.svc.Triggers(context.Background()); len(ts) != 1 {
		t.Errorf("editing created a trigger: %d triggers", len(ts))
	}
	if s := trgRowText(trgRow(t, tab, "Vencimientos"), triggerColSched); s != "Diaria a las 09:30" {
		t.Errorf("schedule column = %q", s)
	}
}

func TestEditorShowsTheCoresSaveErrorsFieldByField(t *testing.T) {
	// given the editor of a trigger that another window deletes meanwhile
	env := newTestEnv(t)
	tr := env.createTrigger(trgDraft("Efímero"))
	tab := trgShow(env)
	trgSelect(t, tab, "Efímero")
	test.Tap(tab.editBtn)
	e := tab.editor
	if err := env.svc.DeleteTrigger(context.Background(), tr.ID); err != nil {
		t.Fatal(err)
	}

	// when the user saves
	test.Tap(e.save)

	// then the editor stays open and says the trigger is gone
	if env.u.win.Canvas().Overlays().Top() == nil {
		t.Fatal("the editor closed on a failed save")
	}
	if !e.general.Visible() || e.general.Text != "Ya no existe: otro usuario o proceso lo eliminó." {
		t.Errorf("general message = %q (visible %v)", e.general.Text, e.general.Visible())
	}
	if !e.save.Disabled() {
		t.Error("Guardar is enabled after a failed save")
	}
}

func TestEditorRefusesNoRecipientsWithoutDefaultsAndSaysHowToSetThem(t *testing.T) {
	// given no default recipients
	env := newTestEnv(t)
	tab := trgShow(env)

	// when a new trigger is filled in without recipients
	test.Tap(tab.newBtn)
	defer test.Tap(tab.editor.cancel)
	e := tab.editor
	test.Type(e.name, "Resumen")

	// then Guardar is disabled and the recipients field says how to set default recipients
	if !e.save.Disabled() {
		t.Error("Guardar is enabled with no recipients and no defaults")
	}
	msg := trgErr(e, "destinatarios")
	if !strings.Contains(msg, "Configuración → Destinatarios por defecto") || !strings.Contains(msg, "EMAIL_DESTINATARIOS") {
		t.Errorf("destinatarios message = %q, want how to set default recipients", msg)
	}
	if p := e.recipients.PlaceHolder; p != T("editor.destinatarios.sin_defecto") {
		t.Errorf("placeholder = %q", p)
	}
	if settingsHasText(env.u.win.Canvas().Overlays().Top(), "se usan los destinatarios por defecto") {
		t.Error("the help says empty means the defaults, though there are none")
	}

	// and once a recipient is written, Guardar is enabled and the message gone
	trgTypeLines(e.recipients, "ana@ejemplo.com")
	if e.save.Disabled() || trgErr(e, "destinatarios") != "" {
		t.Errorf("with a recipient: save disabled=%v, message %q", e.save.Disabled(), trgErr(e, "destinatarios"))
	}
}

func TestEditorShowsTheDefaultRecipientsAsPlaceholder(t *testing.T) {
	// given default recipients configured
	env := newTestEnv(t)
	env.svc.SetDefaultRecipients([]string{"jefe@ejemplo.com", "socio@ejemplo.com"})
	tab := trgShow(env)

	// when a new trigger is edited
	test.Tap(tab.newBtn)

	// then the empty recipients box shows them, one per line
	if p := tab.editor.recipients.PlaceHolder; p != "jefe@ejemplo.com\nsocio@ejemplo.com" {
		t.Errorf("placeholder = %q", p)
	}
}

func TestCancelSavesNothing(t *testing.T) {
	// given a filled-in editor
	env := newTestEnv(t)
	tab := trgShow(env)
	test.Tap(tab.newBtn)
	test.Type(tab.editor.name, "No guardar")

	// when the user cancels
	test.Tap(tab.editor.cancel)

	// then the dialog is closed and nothing was stored
	if env.u.win.Canvas().Overlays().Top() != nil {
		t.Error("the editor is still open")
	}
	if ts, _ := env.svc.Triggers(context.Background()); len(ts) != 0 {
		t.Errorf("cancel saved %v", ts)
	}
}
