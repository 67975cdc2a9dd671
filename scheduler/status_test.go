package scheduler

import (
	"context"
	"testing"
	"time"

	"vigia/app"
)

func TestStatusListsArmedTriggersByNextRunThenIDAsGocronTimesThem(t *testing.T) {
	// given triggers at 09:00 (two of them), 08:00, an hourly one, and an inactive one
	bogota := mustLoad(t, "America/Bogota")
	start := at(bogota, 2026, time.March, 2, 7, 10)
	h := newHarness(t, bogota, start)
	hourly := app.Trigger{ID: 4, Name: "Cada hora", Active: true,
		Schedule: app.Schedule{Frequency: app.FrequencyHourly, IntervalHours: 1, Anchor: at(bogota, 2026, time.March, 1, 0, 30)}}
	inactive := daily(5, "Inactivo", 6, 0)
	inactive.Active = false
	err := h.sched.Sync(context.Background(), []app.Trigger{daily(3, "Tres", 9, 0), daily(1, "Uno", 9, 0), daily(2, "Dos", 8, 0), hourly, inactive})
	if err != nil {
		t.Fatalf("sync: %v", err)
	}

	// when status is asked
	st := h.sched.Status()

	// then it lists the active ones by next run, then ID, with gocron's next run
	want := []app.ScheduledJob{
		{TriggerID: 4, Name: "Cada hora", NextRun: at(bogota, 2026, time.March, 2, 7, 30)},
		{TriggerID: 2, Name: "Dos", NextRun: at(bogota, 2026, time.March, 2, 8, 0)},
		{TriggerID: 1, Name: "Uno", NextRun: at(bogota, 2026, time.March, 2, 9, 0)},
		{TriggerID: 3, Name: "Tres", NextRun: at(bogota, 2026, time.March, 2, 9, 0)},
	}
	h.assertStatus(st, want)
	if !st.Running {
		t.Fatal("status says not running after Start")
	}

	// and after the hourly one fires, its next run moves on, as gocron's did
	h.advanceTo(at(bogota, 2026, time.March, 2, 7, 30), 4)
	h.nextFiring()
	h.clock.Advance(time.Minute)
	want = []app.ScheduledJob{want[1], want[0], want[2], want[3]}
	want[1].NextRun = at(bogota, 2026, time.March, 2, 8, 30)
	h.assertStatus(h.sched.Status(), want)
}

func TestStatusIsNotRunningBeforeStartAndAfterShutdown(t *testing.T) {
	// given a scheduler that was never started
	s, err := New(func(int64, string, time.Time) {})
	if err != nil {
		t.Fatalf("new: %v", err)
	}
	if s.Status().Running {
		t.Fatal("running before Start")
	}

	// when it starts and shuts down
	s.Start()
	running := s.Status().Running
	if err := s.Shutdown(); err != nil {
		t.Fatalf("shutdown: %v", err)
	}

	// then it was running in between only
	if !running || s.Status().Running {
		t.Fatalf("running while started = %v, after shutdown = %v; want true, false", running, s.Status().Running)
	}
}

// assertStatus compares st with want, and each job's next run with gocron's.
func (h *harness) assertStatus(st app.SchedulerStatus, want []app.ScheduledJob) {
	h.t.Helper()
	if len(st.Jobs) != len(want) {
		h.t.Fatalf("status has %d jobs %+v, want %d", len(st.Jobs), st.Jobs, len(want))
	}
	for i, got := range st.Jobs {
		w := want[i]
		if got.TriggerID != w.TriggerID || got.Name != w.Name || !got.NextRun.Equal(w.NextRun) {
			h.t.Fatalf("status job %d = {%d %q %s}, want {%d %q %s}", i,
				got.TriggerID, got.Name, got.NextRun.In(h.loc), w.TriggerID, w.Name, w.NextRun)
		}
		if g := h.nextRunInGocron(got.TriggerID); !g.Equal(got.NextRun) {
			h.t.Fatalf("status next run of trigger %d = %s, gocron's = %s", got.TriggerID, got.NextRun, g.In(h.loc))
		}
		if got.NextRun.Location() != h.loc {
			h.t.Fatalf("status next run of trigger %d is in %s, want %s", got.TriggerID, got.NextRun.Location(), h.loc)
		}
	}
}
