package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"vigia/app"
)

func ptr[T any](v T) *T { return &v }

// dailyDraft is an active daily trigger at hour:00 for critical and high alerts.
func dailyDraft(name string, hour int) app.TriggerDraft {
	return app.TriggerDraft{
		Name:       ptr(name),
		Frequency:  ptr(string(app.FrequencyDaily)),
		Time:       ptr(fmt.Sprintf("%02d:00", hour)),
		Recipients: &[]string{"contador@example.com"},
		Priorities: &[]string{string(app.PriorityCritical), string(app.PriorityHigh)},
		Active:     ptr(true),
	}
}

// menuItem finds the item whose label starts with prefix.
func menuItem(t *testing.T, m *fyne.Menu, prefix string) *fyne.MenuItem {
	t.Helper()
	for _, it := range m.Items {
		if strings.HasPrefix(it.Label, prefix) {
			return it
		}
	}
	t.Fatalf("no menu item %q in %v", prefix, labels(m))
	return nil
}

func labels(m *fyne.Menu) []string {
	var out []string
	for _, it := range m.Items {
		out = append(out, it.Label)
	}
	return out
}

func TestTrayMenuListsActiveTriggersAndRunsThem(t *testing.T) {
	// given two active triggers and an inactive one
	env := newTestEnv(t)
	morning := env.createTrigger(dailyDraft("Reporte Mañana", 8))
	env.createTrigger(dailyDraft("Reporte Tarde", 15))
	off := dailyDraft("Apagado", 9)
	off.Active = ptr(false)
	env.createTrigger(off)

	// then the menu names the next run and lists only the active ones
	m := env.u.tray.Menu()
	if got := menuItem(t, m, "Próxima:").Label; got != "Próxima: Reporte Mañana lun 08/12/2025 08:00" {
		t.Errorf("next item = %q", got)
	}
	run := menuItem(t, m, "Ejecutar ahora")
	if run.ChildMenu == nil || len(run.ChildMenu.Items) != 2 ||
		run.ChildMenu.Items[0].Label != "Reporte Mañana" || run.ChildMenu.Items[1].Label != "Reporte Tarde" {
		t.Fatalf("run-now submenu = %v", run.ChildMenu)
	}
	quit := m.Items[len(m.Items)-1]
	if quit.Label != "Salir" || !quit.IsQuit {
		t.Errorf("last item = %q (IsQuit %v), want our own Salir", quit.Label, quit.IsQuit)
	}

	// when the first entry is tapped
	run.ChildMenu.Items[0].Action()

	// then that trigger runs, and its entry is disabled while it does
	started := env.waitFor(func(e app.Event) bool { return e.Kind == app.EventRunStarted })
	if started.Execution.TriggerID != morning.ID || started.Execution.Origin != app.OriginManual {
		t.Errorf("started %+v", started.Execution)
	}
	x := env.waitRun(morning.ID)
	if x.State != app.StateSucceeded {
		t.Errorf("run state %s (%s)", x.State, x.Error)
	}
	if it := menuItem(t, env.u.tray.Menu(), "Ejecutar ahora").ChildMenu.Items[0]; it.Disabled {
		t.Error("run-now entry still disabled after the run finished")
	}
}

func TestTrayPausesAndResumesTheScheduler(t *testing.T) {
	// given a running scheduler
	env := newTestEnv(t)
	env.createTrigger(dailyDraft("Reporte", 8))

	// when Pausar is tapped
	menuItem(t, env.u.tray.Menu(), "Pausar scheduler").Action()
	env.drain()

	// then the scheduler is paused (persisted) and the menu offers Reanudar
	if !env.svc.Paused() {
		t.Fatal("scheduler not paused")
	}
	if got := menuItem(t, env.u.tray.Menu(), "Próxima:").Label; got != "Próxima: scheduler en pausa" {
		t.Errorf("next item while paused = %q", got)
	}
	menuItem(t, env.u.tray.Menu(), "Reanudar scheduler").Action()
	env.drain()
	if env.svc.Paused() {
		t.Fatal("scheduler still paused after Reanudar")
	}
	menuItem(t, env.u.tray.Menu(), "Pausar scheduler")
}

func TestTrayIconWarnsAfterAFailedRun(t *testing.T) {
	// given a trigger that always sends, whose digest cannot be delivered
	env := newTestEnv(t)
	d := dailyDraft("Reporte", 8)
	d.SendWhenEmpty = ptr(true)
	tr := env.createTrigger(d)
	env.breakOutbox()

	// when it runs and fails
	env.u.runNow(tr.ID)
	x := env.waitRun(tr.ID)
	if x.State != app.StateFailed {
		t.Fatalf("state %s, want fallido", x.State)
	}

	// then a notification names the trigger and the reason, and the icon carries the warning badge
	notes := env.notifications()
	if len(notes) != 1 || notes[0].Title != "Falló «Reporte»" || !strings.Contains(notes[0].Content, "bandeja de salida") {
		t.Errorf("notifications = %+v", notes)
	}
	if !strings.HasPrefix(failedRunError(env, tr.ID), strings.TrimSuffix(notes[0].Content, "…")) {
		t.Errorf("notification %q is not the start of the run's error %q", notes[0].Content, failedRunError(env, tr.ID))
	}
	if env.u.tray.icon() != iconAppFailed {
		t.Error("tray icon not switched to the failure variant")
	}
}

func TestClosingTheWindowHidesToTheTrayAndSaysSoOnce(t *testing.T) {
	// given close-to-tray on and a tray host
	env := newTestEnv(t)
	env.u.prefs.CloseToTray = true

	// when the window is closed, it hides (Vigía keeps running) and a notification explains it
	env.u.onCloseWindow()
	if notes := env.notifications(); len(notes) != 1 || notes[0].Content != T("bandeja.sigue_funcionando") {
		t.Errorf("notifications = %+v, want the tray notice once", notes)
	}
	if env.u.shown || env.quits != 0 {
		t.Fatalf("shown=%v quits=%d: the window must hide, not quit", env.u.shown, env.quits)
	}
	// the second time there is no notification
	env.u.Show()
	env.u.onCloseWindow()
	if notes := env.notifications(); len(notes) != 0 {
		t.Errorf("second close sent %+v", notes)
	}
	if env.u.shown || env.quits != 0 {
		t.Fatal("second close quit instead of hiding")
	}
	// "Abrir Vigía" brings it back
	menuItem(t, env.u.tray.Menu(), "Abrir Vigía").Action()
	if !env.u.shown {
		t.Error("Abrir Vigía did not show the window")
	}
}

func TestClosingWithoutTrayQuits(t *testing.T) {
	for _, tt := range []struct {
		name        string
		closeToTray bool
		trayHost    bool
	}{
		{"setting off", false, true},
		{"no tray host", true, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			env := newTestEnv(t)
			env.u.prefs.CloseToTray = tt.closeToTray
			env.u.deps.TrayHost = tt.trayHost
			env.u.onCloseWindow()
			if env.quits != 1 {
				t.Errorf("quits = %d, want 1: a hidden window would be unreachable", env.quits)
			}
		})
	}
}

func TestSalirQuits(t *testing.T) {
	env := newTestEnv(t)
	menuItem(t, env.u.tray.Menu(), "Salir").Action()
	if env.quits != 1 {
		t.Errorf("quits = %d, want 1", env.quits)
	}
}

// failedRunError is the error text stored for the newest run of trigger id.
func failedRunError(env *testEnv, id int64) string {
	env.t.Helper()
	page, err := env.svc.Executions(context.Background(), app.ExecutionFilter{TriggerID: id, Limit: 1})
	if err != nil || len(page.Executions) == 0 {
		env.t.Fatalf("history of trigger %d: %v", id, err)
	}
	return page.Executions[0].Error
}
