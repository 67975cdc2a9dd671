package ui

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"vigia/app"
)

func TestTriggersListShowsScheduleNextRunAndState(t *testing.T) {
	// given a weekly, a month-end, an every-4-hours and an inactive daily trigger
	env := newTestEnv(t)
	weekly := trgDraft("Semanal")
	weekly.Frequency, weekly.Weekdays, weekly.Time = trgPtr("semanal"), &[]string{"viernes", "lunes"}, trgPtr("15:00")
	env.createTrigger(weekly)
	monthly := trgDraft("Cierre")
	monthly.Frequency, monthly.DayOfMonth, monthly.Time = trgPtr("mensual"), trgPtr(app.LastDayOfMonth), trgPtr("09:00")
	env.createTrigger(monthly)
	hourly := trgDraft("Cada rato")
	hourly.Frequency, hourly.IntervalHours, hourly.Time = trgPtr("personalizada"), trgPtr(4), nil
	env.createTrigger(hourly)
	off := trgDraft("Apagado")
	off.Active = trgPtr(false)
	env.createTrigger(off)

	// when the tab is shown
	tab := trgShow(env)

	// then each row says its schedule in Spanish and when it runs next
	want := map[string][2]string{
		"Semanal":   {"Semanal (lunes, viernes) a las 15:00", "lun 08/12/2025 15:00 · en 8 h"},
		"Cierre":    {"Mensual (último día) a las 09:00", "mié 31/12/2025 09:00 · en 23 d 2 h"},
		"Cada rato": {"Cada 4 horas", "lun 08/12/2025 11:00 · en 4 h"},
		"Apagado":   {"Diaria a las 08:00", "Inactivo: no se ejecutará"},
	}
	for name, w := range want {
		row := trgRow(t, tab, name)
		if got := [2]string{trgRowText(row, triggerColSched), trgRowText(row, triggerColNext)}; got != w {
			t.Errorf("%s: row = %q, want %q", name, got, w)
		}
		if active := row[triggerColActive].(*widget.Check).Checked; active != (name != "Apagado") {
			t.Errorf("%s: active switch = %v", name, active)
		}
		if got := trgStatus(row); got != "Sin ejecuciones" {
			t.Errorf("%s: state = %q, want it never ran", name, got)
		}
	}
	// and nothing that needs a selection is enabled yet
	for _, b := range []*widget.Button{tab.editBtn, tab.dupBtn, tab.delBtn, tab.runBtn, tab.previewBtn, tab.testBtn} {
		if !b.Disabled() {
			t.Errorf("%q is enabled without a selection", b.Text)
		}
	}
}

func TestDuplicateOpensAPrefilledCopy(t *testing.T) {
	// given a monthly trigger on day 31, selected
	env := newTestEnv(t)
	d := trgDraft("Cierre de mes")
	d.Frequency, d.DayOfMonth, d.Time = trgPtr("mensual"), trgPtr(31), trgPtr("18:15")
	d.Description = trgPtr("Para el socio")
	orig := env.createTrigger(d)
	tab := trgShow(env)
	trgSelect(t, tab, "Cierre de mes")

	// when the user duplicates it and saves the copy as it comes
	test.Tap(tab.dupBtn)
	e := tab.editor
	if e.name.Text != "Copia de Cierre de mes" || e.frequency.Selected != "Mensual" || e.day.Selected != "31" ||
		e.hour.Text != "18:15" || e.description.Text != "Para el socio" {
		t.Fatalf("copy not prefilled: name %q freq %q day %q hour %q", e.name.Text, e.frequency.Selected, e.day.Selected, e.hour.Text)
	}
	test.Tap(e.save)
	env.drain()

	// then there is a second trigger like the first, which is unchanged
	ts, err := env.svc.Triggers(context.Background())
	if err != nil || len(ts) != 2 {
		t.Fatalf("triggers = %v, %v", ts, err)
	}
	copied := ts[1]
	if copied.ID == orig.ID || copied.Name != "Copia de Cierre de mes" || copied.Schedule.DayOfMonth != 31 ||
		copied.Schedule.TimeOfDay() != "18:15" || !slices.Equal(copied.Recipients, orig.Recipients) ||
		!slices.Equal(copied.Priorities, orig.Priorities) {
		t.Errorf("copy = %+v", copied)
	}
	if ts[0].Name != "Cierre de mes" {
		t.Errorf("original renamed to %q", ts[0].Name)
	}
	if tab.selected != copied.ID {
		t.Errorf("selected = %d, want the copy %d", tab.selected, copied.ID)
	}
}

func TestDeletingATriggerAsksFirstAndKeepsItsHistory(t *testing.T) {
	// given a trigger that has run once, selected
	env := newTestEnv(t)
	ctx := context.Background()
	tr := env.createTrigger(trgDraft("Viejo"))
	if _, err := env.svc.RunNow(ctx, tr.ID); err != nil {
		t.Fatal(err)
	}
	env.waitRun(tr.ID)
	tab := trgShow(env)
	trgSelect(t, tab, "Viejo")

	// when the user taps Eliminar and then cancels
	test.Tap(tab.delBtn)
	if text := trgTexts(topDialog(t, env)); !strings.Contains(text, "¿Eliminar «Viejo»?") || !strings.Contains(text, "Su historial de ejecuciones se conserva.") {
		t.Errorf("confirm dialog says %q", text)
	}
	test.Tap(trgButton(t, topDialog(t, env), "Cancelar"))

	// then nothing is deleted
	if _, err := env.svc.Trigger(ctx, tr.ID); err != nil {
		t.Fatalf("cancel deleted the trigger: %v", err)
	}

	// when the user confirms the deletion
	test.Tap(tab.delBtn)
	test.Tap(trgButton(t, topDialog(t, env), "Eliminar"))
	env.drain()

	// then the trigger is gone from the store and the list, and its history stays
	if ts, _ := env.svc.Triggers(ctx); len(ts) != 0 {
		t.Errorf("triggers after delete = %v", ts)
	}
	page, err := env.svc.Executions(ctx, app.ExecutionFilter{TriggerID: tr.ID})
	if err != nil || page.Total != 1 || page.Executions[0].TriggerName != "Viejo" {
		t.Errorf("history after delete = %+v, %v", page, err)
	}
	if len(tab.items) != 0 || !tab.empty.Visible() || tab.selected != 0 || !tab.delBtn.Disabled() {
		t.Errorf("list after delete: %d items, empty hint %v, selected %d", len(tab.items), tab.empty.Visible(), tab.selected)
	}
}

func TestRunNowIsDisabledWhileTheTriggerRuns(t *testing.T) {
	// given a trigger, selected
	env := newTestEnv(t)
	tr := env.createTrigger(trgDraft("Manual"))
	tab := trgShow(env)
	trgSelect(t, tab, "Manual")
	if tab.runBtn.Disabled() {
		t.Fatal("Ejecutar ahora is disabled before any run")
	}

	// when the user taps Ejecutar ahora
	test.Tap(tab.runBtn)

	// then the button is disabled and the row shows the run until it finishes
	if !tab.runBtn.Disabled() || !tab.testBtn.Disabled() {
		t.Error("run and test buttons are enabled while the trigger runs")
	}
	if got := trgStatus(trgRow(t, tab, "Manual")); got != "En curso…" {
		t.Errorf("while running the row says %q", got)
	}
	x := env.waitRun(tr.ID)
	if tab.runBtn.Disabled() {
		t.Error("Ejecutar ahora is still disabled after the run finished")
	}
	if got := trgStatus(trgRow(t, tab, "Manual")); got != "Exitoso · ahora" {
		t.Errorf("after the run the row says %q", got)
	}
	if x.Origin != app.OriginManual || x.State != app.StateSucceeded {
		t.Errorf("run = %s %s (%s)", x.Origin, x.State, x.Error)
	}
}

func TestActiveSwitchDeactivatesATrigger(t *testing.T) {
	// given an active trigger, armed in the scheduler
	env := newTestEnv(t)
	tr := env.createTrigger(trgDraft("Con interruptor"))
	armed := func() bool {
		return slices.ContainsFunc(env.svc.SchedulerStatus().Jobs, func(j app.ScheduledJob) bool { return j.TriggerID == tr.ID })
	}
	if !armed() {
		t.Fatal("the new trigger has no job")
	}
	tab := trgShow(env)

	// when the user taps its active switch
	test.Tap(trgRow(t, tab, "Con interruptor")[triggerColActive].(*widget.Check))
	env.drain()

	// then it is saved inactive with nothing else changed, and its job is removed
	got, err := env.svc.Trigger(context.Background(), tr.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Active || got.Name != tr.Name || !slices.Equal(got.Recipients, tr.Recipients) || got.Schedule.TimeOfDay() != "08:00" {
		t.Errorf("trigger after the switch = %+v", got)
	}
	if armed() {
		t.Error("the inactive trigger still has a job")
	}
	row := trgRow(t, tab, "Con interruptor")
	if trgRowText(row, triggerColNext) != "Inactivo: no se ejecutará" || row[triggerColActive].(*widget.Check).Checked {
		t.Errorf("row after the switch: %q", trgRowText(row, triggerColNext))
	}

	// when it is switched on again, it is armed again
	test.Tap(row[triggerColActive].(*widget.Check))
	env.drain()
	if !armed() {
		t.Error("the reactivated trigger has no job")
	}
}

func TestPauseButtonFollowsTheScheduler(t *testing.T) {
	// given a running scheduler
	env := newTestEnv(t)
	tab := trgShow(env)
	if tab.pauseBtn.Text != "Pausar scheduler" {
		t.Fatalf("pause button = %q", tab.pauseBtn.Text)
	}

	// when the user pauses it
	test.Tap(tab.pauseBtn)
	env.drain()

	// then it is paused and the button offers to resume it
	if !env.svc.Paused() || tab.pauseBtn.Text != "Reanudar scheduler" || !strings.Contains(tab.schedState.Text, "en pausa") {
		t.Errorf("paused=%v, button %q, state %q", env.svc.Paused(), tab.pauseBtn.Text, tab.schedState.Text)
	}

	// when the user taps it again, it resumes
	test.Tap(tab.pauseBtn)
	env.drain()
	if env.svc.Paused() || tab.pauseBtn.Text != "Pausar scheduler" {
		t.Errorf("after resume: paused=%v, button %q", env.svc.Paused(), tab.pauseBtn.Text)
	}

	// when another window pauses it, the event updates the button
	if err := env.svc.Pause(context.Background()); err != nil {
		t.Fatal(err)
	}
	env.waitFor(func(e app.Event) bool { return e.Kind == app.EventSchedulerChanged })
	if tab.pauseBtn.Text != "Reanudar scheduler" {
		t.Errorf("after an outside pause the button is %q", tab.pauseBtn.Text)
	}
}

// trgAlert gives the test database a company with one open critical alert.
func trgAlert(t *testing.T, env *testEnv) {
	t.Helper()
	ctx := context.Background()
	c, err := env.svc.CreateCompany(ctx, app.CompanyDraft{Name: trgPtr("Panadería La Espiga")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := env.svc.CreateAlert(ctx, app.AlertDraft{CompanyID: &c.ID, Title: trgPtr("Declaración de IVA"),
		Priority: trgPtr("CRITICA")}); err != nil {
		t.Fatal(err)
	}
	env.drain()
}

func TestDigestPreviewShowsTheMailAndOpensItsHTML(t *testing.T) {
	// given a trigger with one open critical alert to report, selected
	t.Setenv("TMPDIR", t.TempDir())
	env := newTestEnv(t)
	trgAlert(t, env)
	env.createTrigger(trgDraft("Diario"))
	tab := trgShow(env)
	var opened []*url.URL
	tab.openURL = func(u *url.URL) error { opened = append(opened, u); return nil }
	trgSelect(t, tab, "Diario")

	// when the user asks for the e-mail preview
	test.Tap(tab.previewBtn)

	// then the subject, recipients, companies and alert count are shown
	text := trgTexts(topDialog(t, env))
	for _, want := range []string{"[Vigía] Diario: 1 alerta (1 crítica)", "contador@ejemplo.com", "Empresas con alertas\n1", "Total de alertas\n1"} {
		if !strings.Contains(text, want) {
			t.Errorf("preview lacks %q:\n%s", want, text)
		}
	}

	// when the user opens it in the browser
	test.Tap(trgButton(t, topDialog(t, env), "Abrir en el navegador"))

	// then a file URL of the HTML, written to a temporary file, is opened
	if len(opened) != 1 || opened[0].Scheme != "file" {
		t.Fatalf("opened = %v", opened)
	}
	html, err := os.ReadFile(filepath.FromSlash(opened[0].Path))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(html), "Panadería La Espiga") || !strings.Contains(string(html), "<html") {
		t.Errorf("HTML file = %.300s", html)
	}
	// and nothing was sent or recorded
	if page, _ := env.svc.Executions(context.Background(), app.ExecutionFilter{}); page.Total != 0 {
		t.Errorf("the preview recorded %d runs", page.Total)
	}
}

func TestSendTestAsksAnAddressAndReportsTheResult(t *testing.T) {
	// given a trigger, selected
	env := newTestEnv(t)
	trgAlert(t, env)
	tr := env.createTrigger(trgDraft("Diario"))
	tab := trgShow(env)
	trgSelect(t, tab, "Diario")

	// when the user asks to send a test, the trigger's first recipient is offered
	test.Tap(tab.testBtn)
	dlg := topDialog(t, env)
	var address *formEntry
	trgWalk(dlg, func(o fyne.CanvasObject) {
		if e, ok := o.(*formEntry); ok && address == nil {
			address = e
		}
	})
	if address == nil || address.Text != "contador@ejemplo.com" {
		t.Fatalf("address entry = %v", address)
	}
	send := trgButton(t, dlg, "Enviar")

	// when a bad address is typed, Enviar is disabled and says why
	address.SetText("")
	test.Type(address, "prueba.ejemplo.com")
	if !send.Disabled() || !strings.Contains(trgTexts(dlg), "falta la @") {
		t.Errorf("bad address: send disabled %v, dialog %q", send.Disabled(), trgTexts(dlg))
	}

	// when a good one is typed and sent
	address.SetText("")
	test.Type(address, "prueba@ejemplo.com")
	test.Tap(send)
	x := env.waitRun(tr.ID)

	// then it is recorded as prueba to that address only, and the result is reported
	if x.Origin != app.OriginTest || x.State != app.StateSucceeded || !slices.Equal(x.Recipients, []string{"prueba@ejemplo.com"}) {
		t.Errorf("test run = %s %s to %v (%s)", x.Origin, x.State, x.Recipients, x.Error)
	}
	if report := trgTexts(topDialog(t, env)); !strings.Contains(report, "enviado a prueba@ejemplo.com. Alertas incluidas: 1.") {
		t.Errorf("report = %q", report)
	}
	files, _ := os.ReadDir(env.outbox)
	if len(files) != 1 {
		t.Errorf("outbox has %d files, want the test mail", len(files))
	}
	if tab.testBtn.Disabled() || tab.runBtn.Disabled() {
		t.Error("buttons still disabled after the test finished")
	}
}

func TestRunsOfTheSchedulerAndTheAPIShowInTheListThenTheirResult(t *testing.T) {
	// given a daily 08:00 trigger with an open alert, selected, at 07:00
	env := newTestEnv(t)
	ctx := context.Background()
	trgAlert(t, env)
	tr := env.createTrigger(trgDraft("Diario"))
	tab := trgShow(env)
	trgSelect(t, tab, "Diario")
	var tick func()
	tab.after = func(_ time.Duration, fn func()) func() bool { tick = fn; return func() bool { return true } }
	tab.ticking = false
	tab.refresh()
	if got := trgStatus(trgRow(t, tab, "Diario")); got != "Sin ejecuciones" {
		t.Fatalf("before any run the row says %q", got)
	}

	// when the scheduler starts the 08:00 run
	mark := trgMark(env)
	env.clock.Advance(time.Hour)
	mark = trgHandle(t, env, mark, trgRunEvent(app.EventRunStarted, tr.ID))

	// then the row says it runs and Ejecutar ahora waits for it
	if got := trgStatus(trgRow(t, tab, "Diario")); got != "En curso…" {
		t.Errorf("while the scheduled run runs the row says %q", got)
	}
	if !tab.runBtn.Disabled() {
		t.Error("Ejecutar ahora is enabled while the scheduled run runs")
	}

	// when it ends, the row says how it went, and the detail what it did
	mark = trgHandle(t, env, mark, trgRunEvent(app.EventRunFinished, tr.ID))
	if got := trgStatus(trgRow(t, tab, "Diario")); got != "Exitoso · ahora" {
		t.Errorf("after the scheduled run the row says %q", got)
	}
	detail := trgTexts(tab.detail.box)
	if !strings.Contains(detail, "Última ejecución (Programada), lun 08/12/2025 08:00 (ahora): resumen de 1 alerta guardado en la bandeja de salida (archivo .eml): no se envió por correo") {
		t.Errorf("detail after the scheduled run:\n%s", detail)
	}
	if strings.Contains(detail, "enviad") || strings.Contains(detail, "a 1 destinatario") {
		t.Errorf("the detail claims an e-mail was sent to the outbox:\n%s", detail)
	}

	// when a minute passes, the time it says follows the clock
	env.clock.Advance(time.Minute)
	tick()
	env.drain()
	if got := trgStatus(trgRow(t, tab, "Diario")); got != "Exitoso · hace 1 min" {
		t.Errorf("a minute later the row says %q", got)
	}

	// when a run asked through the API fails
	if err := os.RemoveAll(env.outbox); err != nil {
		t.Fatal(err)
	}
	env.breakOutbox()
	if _, err := env.svc.RunNow(ctx, tr.ID); err != nil {
		t.Fatal(err)
	}
	mark = trgHandle(t, env, mark, trgRunEvent(app.EventRunStarted, tr.ID))
	if got := trgStatus(trgRow(t, tab, "Diario")); got != "En curso…" {
		t.Errorf("while the API's run runs the row says %q", got)
	}
	trgHandle(t, env, mark, trgRunEvent(app.EventRunFinished, tr.ID))

	// then the row gives the reason, and the detail gives all of it
	x, err := env.svc.Executions(ctx, app.ExecutionFilter{TriggerID: tr.ID, Limit: 1})
	if err != nil || len(x.Executions) != 1 || x.Executions[0].State != app.StateFailed {
		t.Fatalf("last run = %+v, %v", x, err)
	}
	reason := x.Executions[0].Error
	if got := trgStatus(trgRow(t, tab, "Diario")); got != "Falló: "+shortReason(reason) || !strings.HasPrefix(got, "Falló: crear la bandeja de salida") {
		t.Errorf("after the failure the row says %q, want the reason %q", got, reason)
	}
	if detail := trgTexts(tab.detail.box); !strings.Contains(detail, "(Manual)") || !strings.Contains(detail, "Fallido: "+reason) {
		t.Errorf("detail after the failure:\n%s", detail)
	}
	if tab.runBtn.Disabled() {
		t.Error("Ejecutar ahora is still disabled after the run ended")
	}
}

func TestTheDetailReadsTheSelectedTriggerInFull(t *testing.T) {
	// given a trigger whose name is longer than its column
	env := newTestEnv(t)
	long := "Resumen semanal para la junta directiva de Panadería La Espiga S.A.S. y sus sucursales"
	d := trgDraft(long)
	d.Description = trgPtr("Incluye las obligaciones tributarias del mes")
	env.createTrigger(d)
	tab := trgShow(env)
	win := test.NewTempWindow(t, tab.object())
	win.Resize(fyne.NewSize(1000, 600))
	name := trgRow(t, tab, long)[triggerColName].(*widget.Label)
	if fyne.MeasureText(long, theme.TextSize(), name.TextStyle).Width <= name.Size().Width {
		t.Fatalf("the name fits its column (%v): the test proves nothing", name.Size().Width)
	}
	if tab.detail.box.Visible() {
		t.Error("the detail is shown with nothing selected")
	}

	// when it is selected
	trgSelect(t, tab, long)

	// then the detail under the list says its whole name, description, schedule and runs
	text := trgTexts(tab.detail.box)
	for _, want := range []string{long, "Incluye las obligaciones tributarias del mes",
		"Diaria a las 08:00 · Próxima ejecución: lun 08/12/2025 08:00 · en 1 h", "Todavía no se ha ejecutado."} {
		if !strings.Contains(text, want) {
			t.Errorf("detail lacks %q:\n%s", want, text)
		}
	}

	// when it is unselected, the detail goes
	tab.list.UnselectAll()
	if tab.detail.box.Visible() {
		t.Error("the detail stays without a selection")
	}
}

func TestLastRunSaysSentOnlyWhenTheSMTPServerTookTheDigest(t *testing.T) {
	// given the interface in Spanish
	newTestEnv(t)
	ok := app.Execution{State: app.StateSucceeded, Alerts: 4, Notified: 4, Attempts: 1, Recipients: []string{"a@ejemplo.com", "b@ejemplo.com"}}
	smtp, outbox, nothing := ok, ok, app.Execution{State: app.StateSucceeded}
	smtp.MailRoute, outbox.MailRoute = app.MailRouteSMTP, app.MailRouteOutbox
	for _, c := range []struct {
		name string
		x    app.Execution
		want string
	}{
		{"smtp", smtp, "4 alertas enviadas por correo a 2 destinatarios."},
		{"outbox", outbox, "resumen de 4 alertas guardado en la bandeja de salida (archivo .eml): no se envió por correo, no hay servidor SMTP."},
		{"no alerts", nothing, "no había alertas abiertas de sus prioridades; no se generó ningún resumen."},
		{"failed", app.Execution{State: app.StateFailed, Error: "535 autenticación fallida"}, "Fallido: 535 autenticación fallida"},
	} {
		// when its outcome is told, then it says where the digest went
		if got := outcomeText(c.x); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}
