package app_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"vigia/app"
)

func day(d, h, m int) time.Time { return time.Date(2025, 12, d, h, m, 0, 0, bogota) }

// history returns every row of a trigger, oldest first.
func history(t *testing.T, w *world, triggerID int64) []app.Execution {
	t.Helper()
	page, err := w.svc.Executions(context.Background(), app.ExecutionFilter{TriggerID: triggerID, Limit: app.MaxHistoryLimit})
	if err != nil {
		t.Fatal(err)
	}
	rows := page.Executions
	for i, j := 0, len(rows)-1; i < j; i, j = i+1, j-1 {
		rows[i], rows[j] = rows[j], rows[i]
	}
	return rows
}

func TestMissedSlotRunsOnceAfterRestart(t *testing.T) {
	// given a daily 08:00 trigger, and Vigía closed from Dec 8 07:00 to Dec 11 10:00
	path := filepath.Join(t.TempDir(), "vigia.db")
	first := newWorldAt(t, path, withClockAt(day(8, 7, 0)))
	first.alert(t, first.company(t, "Acme"), "IVA", "CRITICA")
	tr := first.trigger(t, "Diario", []string{"a@ejemplo.com"}, "CRITICA")
	first.stop()

	// when it starts again
	w := newWorldAt(t, path, withClockAt(day(11, 10, 0)))
	w.waitRun(t)

	// then the newest missed slot ran once as a recovery, the older ones are perdida
	rows := history(t, w, tr.ID)
	if len(rows) != 4 {
		t.Fatalf("history = %+v, want 4 rows", rows)
	}
	for i, want := range []time.Time{day(8, 8, 0), day(9, 8, 0), day(10, 8, 0)} {
		if r := rows[i]; r.State != app.StateMissed || !r.ScheduledFor.Equal(want) || r.Origin != app.OriginScheduled ||
			!hasCode(r, app.CodeRunMissed) {
			t.Errorf("row %d = %+v, want perdida for %v, with its code", i, r, want)
		}
	}
	if r := rows[3]; r.State != app.StateSucceeded || r.Origin != app.OriginRecovery || !r.ScheduledFor.Equal(day(11, 8, 0)) {
		t.Errorf("newest row = %+v, want exitoso recuperacion for Dec 11 08:00", r)
	}
	if n := len(w.smtp.Messages()); n != 1 {
		t.Errorf("mails = %d, want 1", n)
	}
	rec := w.svc.SchedulerStatus().Recovery
	if rec.Recovered != 1 || rec.Missed != 3 || !rec.EvaluatedAt.Equal(day(11, 10, 0)) {
		t.Errorf("status recovery = %+v", rec)
	}

	// and evaluating again (the watchdog) finds nothing new
	again, err := w.svc.CatchUp(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if again.Recovered+again.Missed+again.Skipped != 0 {
		t.Errorf("second evaluation = %+v, want nothing", again)
	}
}

func TestTriggerWithoutCatchUpRecordsEveryMissedSlotAsPerdida(t *testing.T) {
	// given a trigger with recuperar=false and two missed slots
	path := filepath.Join(t.TempDir(), "vigia.db")
	first := newWorldAt(t, path, withClockAt(day(8, 7, 0)))
	first.alert(t, first.company(t, "Acme"), "IVA", "CRITICA")
	tr, err := first.svc.CreateTrigger(context.Background(), app.TriggerDraft{
		Name: ptr("Sin recuperar"), Frequency: ptr("diaria"), Time: ptr("08:00"),
		Recipients: ptr([]string{"a@ejemplo.com"}), Priorities: ptr([]string{"CRITICA"}), CatchUp: ptr(false),
	})
	if err != nil {
		t.Fatal(err)
	}
	first.stop()

	// when Vigía starts after both
	w := newWorldAt(t, path, withClockAt(day(9, 9, 0)))

	// then both are perdida and nothing was sent
	rows := history(t, w, tr.ID)
	if len(rows) != 2 || rows[0].State != app.StateMissed || rows[1].State != app.StateMissed {
		t.Fatalf("history = %+v, want 2 perdida rows", rows)
	}
	if n := len(w.smtp.Messages()); n != 0 {
		t.Errorf("mails = %d, want 0", n)
	}
}

func TestCatchUpRecordsOnlyTheNewestHundredMissedSlots(t *testing.T) {
	// given an hourly trigger and Vigía closed for 300 hours
	path := filepath.Join(t.TempDir(), "vigia.db")
	first := newWorldAt(t, path, withClockAt(day(1, 0, 0)))
	tr, err := first.svc.CreateTrigger(context.Background(), app.TriggerDraft{
		Name: ptr("Cada hora"), Frequency: ptr("personalizada"), IntervalHours: ptr(1),
		Recipients: ptr([]string{"a@ejemplo.com"}), Priorities: ptr([]string{"CRITICA"}),
	})
	if err != nil {
		t.Fatal(err)
	}
	first.stop()

	// when it starts again
	w := newWorldAt(t, path, withClockAt(day(1, 0, 0).Add(300*time.Hour+30*time.Minute)))
	w.waitRun(t)

	// then the newest slot ran, the 100 before it are perdida and the rest only counted
	rows := history(t, w, tr.ID)
	if len(rows) != 101 {
		t.Fatalf("rows = %d, want 101", len(rows))
	}
	if newest := rows[100]; newest.Origin != app.OriginRecovery || !newest.ScheduledFor.Equal(day(1, 0, 0).Add(300*time.Hour)) {
		t.Errorf("newest = %+v", newest)
	}
	if oldest := rows[0]; oldest.State != app.StateMissed || !oldest.ScheduledFor.Equal(day(1, 0, 0).Add(200*time.Hour)) {
		t.Errorf("oldest recorded = %+v, want perdida at hour 200", oldest)
	}
	if rec := w.svc.LastRecovery(); rec.Missed != 100 || rec.Uncounted != 199 || rec.Recovered != 1 {
		t.Errorf("recovery = %+v, want 1 recovered, 100 missed, 199 uncounted", rec)
	}
}

func TestClockSetBackNeverRerunsASlot(t *testing.T) {
	// given the 08:00 slot already ran
	path := filepath.Join(t.TempDir(), "vigia.db")
	first := newWorldAt(t, path, withClockAt(day(8, 7, 0)))
	first.alert(t, first.company(t, "Acme"), "IVA", "CRITICA")
	tr := first.trigger(t, "Diario", []string{"a@ejemplo.com"}, "CRITICA")
	first.svc.RunScheduled(tr.ID, tr.Name, day(8, 8, 0))
	first.waitRun(t)
	first.stop()

	// when the clock is set back to 07:30 and 08:00 comes again
	w := newWorldAt(t, path, withClockAt(day(8, 7, 30)))
	w.svc.RunScheduled(tr.ID, tr.Name, day(8, 8, 0))
	if _, err := w.svc.Recover(context.Background()); err != nil {
		t.Fatal(err)
	}

	// then the slot still has its one row and no second mail went out
	if rows := history(t, w, tr.ID); len(rows) != 1 {
		t.Fatalf("history = %+v, want the one row", rows)
	}
	if n := len(first.smtp.Messages()) + len(w.smtp.Messages()); n != 1 {
		t.Fatalf("mails = %d, want 1", n)
	}
}

func TestSlotMissedWhileAsleepIsRecoveredWhenTheWatchdogFires(t *testing.T) {
	// given a running Vigía whose timers did not fire (the machine slept through 08:00)
	w := newWorld(t, withClockAt(day(8, 7, 0)), withoutTimers())
	w.alert(t, w.company(t, "Acme"), "IVA", "CRITICA")
	tr := w.trigger(t, "Diario", []string{"a@ejemplo.com"}, "CRITICA")
	w.clock.Advance(2 * time.Hour)

	// when the watchdog notices the jump
	rep, err := w.svc.Recover(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	w.waitRun(t)

	// then the 08:00 digest went out once, as a recovery, and the timer points at tomorrow
	rows := history(t, w, tr.ID)
	if rep.Recovered != 1 || len(rows) != 1 || rows[0].Origin != app.OriginRecovery || rows[0].State != app.StateSucceeded {
		t.Fatalf("recovery = %+v, history = %+v", rep, rows)
	}
	if s := w.svc.SchedulerStatus(); len(s.Jobs) != 1 || !s.Jobs[0].NextRun.Equal(day(9, 8, 0)) {
		t.Fatalf("status = %+v, want next run Dec 9 08:00", s)
	}
}

func TestReactivatedTriggerDoesNotRecoverSlotsFromWhileItWasInactive(t *testing.T) {
	// given a trigger deactivated on Dec 8 and reactivated on Dec 11 at 09:00
	w := newWorld(t, withClockAt(day(8, 7, 0)), withoutTimers())
	ctx := context.Background()
	tr := w.trigger(t, "Diario", []string{"a@ejemplo.com"}, "CRITICA")
	if _, err := w.svc.UpdateTrigger(ctx, tr.ID, app.TriggerDraft{Active: ptr(false)}); err != nil {
		t.Fatal(err)
	}
	w.clock.Advance(3*24*time.Hour + 2*time.Hour)
	if _, err := w.svc.UpdateTrigger(ctx, tr.ID, app.TriggerDraft{Active: ptr(true)}); err != nil {
		t.Fatal(err)
	}

	// when missed slots are evaluated
	rep, err := w.svc.CatchUp(ctx)
	if err != nil {
		t.Fatal(err)
	}

	// then nothing is recovered or recorded
	if rep.Recovered+rep.Missed != 0 || len(history(t, w, tr.ID)) != 0 {
		t.Fatalf("recovery = %+v, history = %+v, want nothing", rep, history(t, w, tr.ID))
	}
}

func TestPausedSchedulerOmitsSlotsAndNeverRecoversThem(t *testing.T) {
	// given a paused scheduler
	path := filepath.Join(t.TempDir(), "vigia.db")
	first := newWorldAt(t, path, withClockAt(day(8, 7, 0)))
	ctx := context.Background()
	first.alert(t, first.company(t, "Acme"), "IVA", "CRITICA")
	tr := first.trigger(t, "Diario", []string{"a@ejemplo.com"}, "CRITICA")
	if err := first.svc.Pause(ctx); err != nil {
		t.Fatal(err)
	}

	// when a slot comes while running, and another while Vigía is closed
	first.svc.RunScheduled(tr.ID, tr.Name, day(8, 8, 0))
	first.stop()
	w := newWorldAt(t, path, withClockAt(day(9, 9, 0)))

	// then both slots are omitida, the pause survived the restart, and nothing was sent
	if !w.svc.Paused() || !w.svc.SchedulerStatus().Paused {
		t.Fatal("the pause did not survive the restart")
	}
	rows := history(t, w, tr.ID)
	if len(rows) != 2 || rows[0].State != app.StateSkipped || rows[1].State != app.StateSkipped ||
		!hasCode(rows[0], app.CodeRunPaused) || !hasCode(rows[1], app.CodeRunPaused) {
		t.Fatalf("history = %+v, want 2 omitida rows, paused", rows)
	}
	if rec := w.svc.LastRecovery(); rec.Skipped != 1 || rec.Recovered != 0 {
		t.Errorf("recovery = %+v, want 1 skipped", rec)
	}

	// and after resuming, nothing is recovered; the next slot runs normally
	if err := w.svc.Resume(ctx); err != nil {
		t.Fatal(err)
	}
	if rep, err := w.svc.CatchUp(ctx); err != nil || rep.Recovered != 0 {
		t.Fatalf("catch-up after resume = %+v, %v", rep, err)
	}
	w.svc.RunScheduled(tr.ID, tr.Name, day(10, 8, 0))
	if ev := w.waitRun(t); ev.Execution.State != app.StateSucceeded {
		t.Fatalf("run after resume = %+v", ev.Execution)
	}
	if n := len(first.smtp.Messages()) + len(w.smtp.Messages()); n != 1 {
		t.Fatalf("mails = %d, want 1 (after resuming only)", n)
	}
}

func TestStartLeavesThisProcesssOwnRunsAlone(t *testing.T) {
	// given a row en_curso claimed by this very process (a run in progress)
	path := filepath.Join(t.TempDir(), "vigia.db")
	w := newWorldAt(t, path, withClockAt(day(8, 7, 0)), withoutTimers())
	tr := w.trigger(t, "Diario", []string{"a@ejemplo.com"}, "CRITICA")
	mine, err := w.store.ClaimExecution(context.Background(), app.Execution{
		TriggerID: tr.ID, TriggerName: tr.Name, ScheduledFor: day(8, 7, 0), StartedAt: day(8, 7, 0),
		State: app.StateRunning, Origin: app.OriginManual, Instance: w.svc.Instance(),
	})
	if err != nil {
		t.Fatal(err)
	}

	// when this process becomes the scheduler again (a lease renewal after a DB hiccup)
	if err := w.svc.Start(context.Background()); err != nil {
		t.Fatal(err)
	}

	// then its own run is not marked interrumpida
	got, err := w.svc.Execution(context.Background(), mine.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.State != app.StateRunning {
		t.Fatalf("own row = %+v, want still en_curso", got)
	}
}
