package ui

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"vigia/app"
)

// histTimer is the Inicio tab's minute timer under the test's hand: it
// records what is armed, and the test fires it.
type histTimer struct {
	waits   []time.Duration
	fns     []func()
	stopped int
}

func (h *histTimer) after(d time.Duration, fn func()) func() bool {
	h.waits, h.fns = append(h.waits, d), append(h.fns, fn)
	return func() bool { h.stopped++; return true }
}

// fire runs the last armed timer's function, as its goroutine would.
func (h *histTimer) fire() { h.fns[len(h.fns)-1]() }

// histTimerOn puts a histTimer in the Inicio tab, the window on screen.
func histTimerOn(env *testEnv) *histTimer {
	h := &histTimer{}
	env.u.home.visible(false) // the real timer armed by Show
	env.u.home.after = h.after
	env.u.home.visible(true)
	return h
}

func TestHomeListsTheNextTenRunsInOrderWithTheTimeLeft(t *testing.T) {
	// given, at Monday 07:00: daily at 07:30, Mondays and Wednesdays at 09:00,
	// every 3 hours from now, and an inactive one at 07:10
	env := newTestEnv(t)
	env.createTrigger(histDraft("Diario", func(d *app.TriggerDraft) { d.Time = histPtr("07:30") }))
	env.createTrigger(histDraft("Semanal", func(d *app.TriggerDraft) {
		d.Frequency, d.Time, d.Weekdays = histPtr("semanal"), histPtr("09:00"), &[]string{"lunes", "miércoles"}
	}))
	env.createTrigger(histDraft("Cada 3 h", func(d *app.TriggerDraft) {
		d.Frequency, d.Time, d.IntervalHours = histPtr("personalizada"), nil, histPtr(3)
	}))
	env.createTrigger(histDraft("Inactivo", func(d *app.TriggerDraft) { d.Time, d.Active = histPtr("07:10"), histPtr(false) }))

	// when the dashboard shows
	rows := histTable(env.u.home.nextTable)

	// then the ten earliest slots of the active triggers, earliest first, with the time left
	at := func(day, hour, min int) string {
		return env.u.formatDateTime(time.Date(2025, 12, day, hour, min, 0, 0, bogota))
	}
	want := [][]string{
		{at(8, 7, 30), "Diario", "en 30 min"},
		{at(8, 9, 0), "Semanal", "en 2 h"},
		{at(8, 10, 0), "Cada 3 h", "en 3 h"},
		{at(8, 13, 0), "Cada 3 h", "en 6 h"},
		{at(8, 16, 0), "Cada 3 h", "en 9 h"},
		{at(8, 19, 0), "Cada 3 h", "en 12 h"},
		{at(8, 22, 0), "Cada 3 h", "en 15 h"},
		{at(9, 1, 0), "Cada 3 h", "en 18 h"},
		{at(9, 4, 0), "Cada 3 h", "en 21 h"},
		{at(9, 7, 0), "Cada 3 h", "en 1 d"},
	}
	if !slices.EqualFunc(rows, want, slices.Equal) {
		t.Fatalf("next runs:\n%v\nwant:\n%v", rows, want)
	}
	if !strings.HasPrefix(want[0][0], "lun 08/12/2025") {
		t.Errorf("date %q does not read as Monday 08/12/2025", want[0][0])
	}
}

func TestHomeRelativeTimesFollowTheMinuteOnlyWhileShown(t *testing.T) {
	// given a daily 07:30 trigger and the window on screen at 07:00:00
	env := newTestEnv(t)
	env.createTrigger(histDraft("Diario", func(d *app.TriggerDraft) { d.Time = histPtr("07:30") }))
	timer := histTimerOn(env)
	if len(timer.waits) != 1 || timer.waits[0] != time.Minute {
		t.Fatalf("armed %v, want one timer for the next minute", timer.waits)
	}

	// when 5 minutes pass and the timer fires
	env.clock.Advance(5*time.Minute + 20*time.Second)
	timer.fire()
	env.drain()

	// then the time left is current, and the next tick is armed for 07:06:00
	if got := histTable(env.u.home.nextTable)[0][2]; got != "en 25 min" {
		t.Errorf("time left %q, want «en 25 min»", got)
	}
	if len(timer.waits) != 2 || timer.waits[1] != 40*time.Second {
		t.Fatalf("armed %v, want a second timer 40 s ahead", timer.waits)
	}

	// when the window hides, and a tick already on its way arrives
	env.u.hide()
	stopped := timer.stopped
	env.clock.Advance(3 * time.Minute)
	timer.fire()
	env.drain()

	// then the timer was stopped, nothing was refreshed and nothing re-armed
	if stopped != 1 {
		t.Errorf("timer stopped %d times on hide, want 1", stopped)
	}
	if got := histTable(env.u.home.nextTable)[0][2]; got != "en 25 min" {
		t.Errorf("hidden window refreshed to %q", got)
	}
	if len(timer.waits) != 2 {
		t.Errorf("a hidden window armed a timer: %v", timer.waits)
	}

	// and shown again, it is current at once
	env.u.Show()
	if got := histTable(env.u.home.nextTable)[0][2]; got != "en 22 min" {
		t.Errorf("time left %q after showing, want «en 22 min»", got)
	}
}

func TestHomeBannerNamesAFailedTriggerAndOpensItsHistory(t *testing.T) {
	// given two triggers, one of which succeeds
	env := newTestEnv(t)
	ok := env.createTrigger(histDraft("Correcto", nil))
	histRunNow(env, ok.ID)
	if labels := histLabels(env.u.home.banners); len(labels) != 0 {
		t.Fatalf("banners before any failure: %v", labels)
	}
	bad := env.createTrigger(histDraft("Reporte", nil))

	// when the other's digest cannot be delivered
	histBreakOutbox(env)
	x := histRunNow(env, bad.ID)
	if x.State != app.StateFailed {
		t.Fatalf("state %s, want fallido", x.State)
	}

	// then a red card names it with the reason, and only it
	labels := histLabels(env.u.home.banners)
	if len(labels) != 2 || labels[0] != "Falló «Reporte»" || !strings.Contains(labels[1], "bandeja de salida") ||
		!strings.Contains(labels[1], "hace") && !strings.Contains(labels[1], "ahora") {
		t.Fatalf("banner labels %q", labels)
	}

	// when "Ver historial" is tapped
	histButton(t, env.u.home.banners, "Ver historial").OnTapped()

	// then Historial is shown, filtered to that trigger
	if env.u.tabs.SelectedIndex() != tabIndexHistory {
		t.Errorf("selected tab %d, want Historial", env.u.tabs.SelectedIndex())
	}
	h := env.u.history
	if h.filter.TriggerID != bad.ID || h.triggerSel.Selected != "Reporte" || len(h.rows) != 1 || h.rows[0].ID != x.ID {
		t.Errorf("history filter %+v (%q), rows %d", h.filter, h.triggerSel.Selected, len(h.rows))
	}

	// when it runs again and succeeds, the card goes away
	if err := histRemove(env.outbox); err != nil {
		t.Fatal(err)
	}
	if x := histRunNow(env, bad.ID); x.State != app.StateSucceeded {
		t.Fatalf("second run %s: %s", x.State, runReason(x))
	}
	if labels := histLabels(env.u.home.banners); len(labels) != 0 {
		t.Errorf("banners after the trigger recovered: %v", labels)
	}
}

func TestHomeBannerReportsRunsMissedWhileVigiaWasOff(t *testing.T) {
	// given a daily 06:00 trigger created three days ago, that never ran
	env := newTestEnv(t)
	ctx := context.Background()
	created := testStart.AddDate(0, 0, -3)
	tr, err := env.store.CreateTrigger(ctx, app.Trigger{Name: "Madrugador",
		Schedule:   app.Schedule{Frequency: app.FrequencyDaily, Hour: 6},
		Recipients: []string{"contador@ejemplo.com"}, Priorities: []app.Priority{app.PriorityCritical},
		Active: true, CatchUp: true, CreatedAt: created, UpdatedAt: created})
	if err != nil {
		t.Fatal(err)
	}

	// when missed slots are evaluated (as after a suspension)
	if _, err := env.svc.CatchUp(ctx); err != nil {
		t.Fatal(err)
	}
	env.waitRun(tr.ID)

	// then an orange card says what was run now and what was missed
	labels := histLabels(env.u.home.banners)
	if len(labels) != 2 || labels[0] != "Hubo turnos mientras Vigía no estaba en marcha" ||
		!strings.Contains(labels[1], "1 ejecutadas ahora, 2 perdidas") {
		t.Fatalf("banner labels %q", labels)
	}

	// when the user says "Entendido", it goes away, and stays away on refresh
	histButton(t, env.u.home.banners, "Entendido").OnTapped()
	env.u.home.refresh()
	if labels := histLabels(env.u.home.banners); len(labels) != 0 {
		t.Errorf("banners after Entendido: %v", labels)
	}
}

func TestHomeShowsTheSchedulerStateAndTheMailMode(t *testing.T) {
	// given a running scheduler with one trigger, and digests going to the outbox
	env := newTestEnv(t)
	env.createTrigger(histDraft("Diario", nil))
	env.u.settingsSaved(app.Settings{Language: LangSpanish, MailMode: app.Msg(app.CodeMailNoServer, app.Args{"Dir": "/tmp/x"})})
	home := env.u.home
	if home.status.Text != "Scheduler en marcha: 1 triggers programados." {
		t.Errorf("status %q", home.status.Text)
	}
	if home.mail.Text != "Correo: sin servidor SMTP: los resúmenes se guardan en /tmp/x" || !home.mailHint.Visible() {
		t.Errorf("mail %q, hint shown %v", home.mail.Text, home.mailHint.Visible())
	}

	// when the hint's button is tapped, Configuración opens
	histButton(t, home.mailHint, "Configurar SMTP").OnTapped()
	if env.u.tabs.SelectedIndex() != tabIndexSettings {
		t.Errorf("selected tab %d, want Configuración", env.u.tabs.SelectedIndex())
	}

	// when the scheduler is paused from the dashboard
	env.clock.Advance(10 * time.Minute)
	home.pauseBtn.OnTapped()
	env.drain()

	// then it says since when, and offers to resume
	if want := "En pausa desde lun 08/12/2025 07:10:"; !strings.HasPrefix(home.status.Text, want) || home.pauseBtn.Text != "Reanudar" {
		t.Errorf("status %q, button %q; want %q…", home.status.Text, home.pauseBtn.Text, want)
	}
	if !home.nextNote.Visible() {
		t.Error("next runs do not warn that they will be skipped")
	}

	// when an SMTP server is saved, the hint goes
	server := app.Msg(app.CodeMailServer, app.Args{"Addr": "smtp.ejemplo.com:587", "TLS": "starttls", "User": "ana@ejemplo.com", "From": ""})
	env.u.settingsSaved(app.Settings{Language: LangSpanish, SMTPHost: "smtp.ejemplo.com", MailMode: server})
	if home.mail.Text != "Correo: smtp.ejemplo.com:587 (STARTTLS) como ana@ejemplo.com" || home.mailHint.Visible() {
		t.Errorf("mail %q, hint shown %v", home.mail.Text, home.mailHint.Visible())
	}

	// when the interface is in English, the mode reads in English
	t.Cleanup(func() { _ = UseLanguage(LangSpanish) })
	env.u.settingsSaved(app.Settings{Language: LangEnglish, SMTPHost: "smtp.ejemplo.com", MailMode: server})
	if got := env.u.home.mail.Text; !strings.HasSuffix(got, ": smtp.ejemplo.com:587 (STARTTLS) as ana@ejemplo.com") {
		t.Errorf("mail %q, want the mode in English", got)
	}
}

func TestHomeLastRunsShowStateAndSummary(t *testing.T) {
	// given a run that failed after one that succeeded
	env := newTestEnv(t)
	tr := env.createTrigger(histDraft("Reporte", nil))
	histRunNow(env, tr.ID)
	histBreakOutbox(env)
	failed := histRunNow(env, tr.ID)

	// when the dashboard shows the last runs
	rows := histTable(env.u.home.lastTable)

	// then the newest comes first, with its state and reason
	if len(rows) != 2 || rows[0][0] != "Fallido" || rows[0][2] != "Reporte" || rows[0][3] != firstLine(runReason(failed)) ||
		rows[1][0] != "Exitoso" || rows[1][3] != "Sin alertas abiertas: no se envió correo" {
		t.Errorf("last runs %q", rows)
	}
}

// On a new database Inicio shows its empty texts alone: an empty table's
// column lines would be drawn across them.
func TestHomeOnANewDatabaseShowsTheEmptyTextsWithoutTables(t *testing.T) {
	env := newTestEnv(t)
	h := env.u.home
	if h.nextTable.Visible() || h.lastTable.Visible() {
		t.Error("an empty table is drawn under the empty text")
	}
	if !h.nextEmpty.Visible() || !h.lastEmpty.Visible() {
		t.Error("the empty texts are not shown")
	}
}
