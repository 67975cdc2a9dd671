package scheduler

import (
	"context"
	"errors"
	"testing"
	"time"

	"vigia/app"
)

func TestUpsertOfAChangedScheduleRearmsTheJob(t *testing.T) {
	// given a daily 08:00 trigger
	bogota := mustLoad(t, "America/Bogota")
	h := newHarness(t, bogota, at(bogota, 2026, time.March, 2, 7, 0))
	h.upsert(daily(1, "Diario", 8, 0))

	// when it is moved to 09:00
	h.upsert(daily(1, "Diario", 9, 0))

	// then gocron times 09:00, 08:00 passes without a run, and 09:00 fires
	if got, want := h.nextRunInGocron(1), at(bogota, 2026, time.March, 2, 9, 0); !got.Equal(want) {
		t.Fatalf("gocron next run = %s, want %s", got.In(bogota), want)
	}
	h.advanceTo(at(bogota, 2026, time.March, 2, 8, 0), 1)
	h.advanceTo(at(bogota, 2026, time.March, 2, 9, 0), 1)
	if f := h.nextFiring(); !f.slot.Equal(at(bogota, 2026, time.March, 2, 9, 0)) {
		t.Fatalf("first firing after the change has slot %s, want 09:00", f.slot.In(bogota))
	}
	if n := len(h.gocronJobs()); n != 1 {
		t.Fatalf("gocron has %d jobs, want 1", n)
	}
}

func TestUpsertOfARenamedTriggerHandsTheNewName(t *testing.T) {
	// given a daily trigger
	bogota := mustLoad(t, "America/Bogota")
	h := newHarness(t, bogota, at(bogota, 2026, time.March, 2, 7, 0))
	h.upsert(daily(1, "Antes", 8, 0))

	// when it is renamed
	h.upsert(daily(1, "Después", 8, 0))

	// then its run gets the new name
	h.advanceTo(at(bogota, 2026, time.March, 2, 8, 0), 1)
	if f := h.nextFiring(); f.name != "Después" {
		t.Fatalf("run got name %q, want Después", f.name)
	}
}

func TestRemovedTriggerNoLongerFires(t *testing.T) {
	// given a trigger at 08:00 and a canary at 09:00
	bogota := mustLoad(t, "America/Bogota")
	h := newHarness(t, bogota, at(bogota, 2026, time.March, 2, 7, 0))
	h.upsert(daily(1, "Borrado", 8, 0))
	h.upsert(daily(2, "Canario", 9, 0))

	// when the first is removed
	if err := h.sched.Remove(1); err != nil {
		t.Fatalf("remove: %v", err)
	}

	// then gocron forgets it and the first run after 08:00 is the canary's
	if jobs := h.gocronJobs(); len(jobs) != 1 || !jobs["trigger_2"] {
		t.Fatalf("gocron jobs = %v, want only trigger_2", jobs)
	}
	h.advanceTo(at(bogota, 2026, time.March, 2, 8, 0), 1)
	h.advanceTo(at(bogota, 2026, time.March, 2, 9, 0), 1)
	if f := h.nextFiring(); f.triggerID != 2 {
		t.Fatalf("trigger %d fired, want only the canary (2)", f.triggerID)
	}
	if err := h.sched.Remove(1); err != nil {
		t.Fatalf("removing a removed trigger: %v", err)
	}
}

func TestUpsertOfAnInactiveTriggerRemovesItsJob(t *testing.T) {
	// given a trigger at 08:00 and a canary at 09:00
	bogota := mustLoad(t, "America/Bogota")
	h := newHarness(t, bogota, at(bogota, 2026, time.March, 2, 7, 0))
	tr := daily(1, "Pausado", 8, 0)
	h.upsert(tr)
	h.upsert(daily(2, "Canario", 9, 0))

	// when it is deactivated
	tr.Active = false
	h.upsert(tr)

	// then it has no job and does not fire; status lists only the canary
	if jobs := h.gocronJobs(); jobs["trigger_1"] {
		t.Fatalf("gocron still has trigger_1: %v", jobs)
	}
	if st := h.sched.Status(); len(st.Jobs) != 1 || st.Jobs[0].TriggerID != 2 {
		t.Fatalf("status jobs = %+v, want only trigger 2", st.Jobs)
	}
	h.advanceTo(at(bogota, 2026, time.March, 2, 8, 0), 1)
	h.advanceTo(at(bogota, 2026, time.March, 2, 9, 0), 1)
	if f := h.nextFiring(); f.triggerID != 2 {
		t.Fatalf("trigger %d fired, want only the canary (2)", f.triggerID)
	}
}

func TestUpsertRefusesAScheduleWithoutSlotsAndDropsTheOldJob(t *testing.T) {
	// given an armed hourly trigger
	bogota := mustLoad(t, "America/Bogota")
	now := at(bogota, 2026, time.March, 2, 7, 0)
	h := newHarness(t, bogota, now)
	tr := app.Trigger{ID: 4, Name: "Cada hora", Active: true,
		Schedule: app.Schedule{Frequency: app.FrequencyHourly, IntervalHours: 1, Anchor: now}}
	h.upsert(tr)

	// when it is updated to a schedule that never runs
	tr.Schedule.IntervalHours = 0
	err := h.sched.Upsert(tr)

	// then the update fails and the old schedule no longer fires
	if !errors.Is(err, ErrNoSlots) {
		t.Fatalf("upsert error = %v, want ErrNoSlots", err)
	}
	if jobs := h.gocronJobs(); len(jobs) != 0 {
		t.Fatalf("gocron jobs = %v, want none", jobs)
	}
	if st := h.sched.Status(); len(st.Jobs) != 0 {
		t.Fatalf("status jobs = %+v, want none", st.Jobs)
	}
}

func TestSyncArmsActiveTriggersAndRemovesVanishedOnes(t *testing.T) {
	// given a synced set of two active triggers and an inactive one
	bogota := mustLoad(t, "America/Bogota")
	h := newHarness(t, bogota, at(bogota, 2026, time.March, 2, 7, 0))
	inactive := daily(3, "Inactivo", 10, 0)
	inactive.Active = false
	if err := h.sched.Sync(context.Background(), []app.Trigger{daily(1, "Uno", 8, 0), daily(2, "Dos", 9, 0), inactive}); err != nil {
		t.Fatalf("sync: %v", err)
	}
	if jobs := h.gocronJobs(); len(jobs) != 2 || !jobs["trigger_1"] || !jobs["trigger_2"] {
		t.Fatalf("gocron jobs after first sync = %v, want trigger_1 and trigger_2", jobs)
	}

	// when trigger 1 vanishes and trigger 3 is activated
	inactive.Active = true
	if err := h.sched.Sync(context.Background(), []app.Trigger{daily(2, "Dos", 9, 0), inactive}); err != nil {
		t.Fatalf("second sync: %v", err)
	}

	// then gocron has jobs for 2 and 3 only, and status says the same
	if jobs := h.gocronJobs(); len(jobs) != 2 || !jobs["trigger_2"] || !jobs["trigger_3"] {
		t.Fatalf("gocron jobs after second sync = %v, want trigger_2 and trigger_3", jobs)
	}
	st := h.sched.Status()
	if len(st.Jobs) != 2 || st.Jobs[0].TriggerID != 2 || st.Jobs[1].TriggerID != 3 {
		t.Fatalf("status jobs = %+v, want triggers 2 and 3", st.Jobs)
	}
}

func TestSyncOfUnchangedTriggersLeavesTheirJobsAlone(t *testing.T) {
	// given a synced hourly trigger that already fired once
	bogota := mustLoad(t, "America/Bogota")
	start := at(bogota, 2026, time.March, 2, 7, 0)
	h := newHarness(t, bogota, start)
	triggers := []app.Trigger{{ID: 1, Name: "Cada hora", Active: true,
		Schedule: app.Schedule{Frequency: app.FrequencyHourly, IntervalHours: 1, Anchor: start}}}
	if err := h.sched.Sync(context.Background(), triggers); err != nil {
		t.Fatalf("sync: %v", err)
	}
	h.advanceTo(start.Add(time.Hour), 1)
	h.nextFiring()
	ranAt := h.lastRunInGocron(1)

	// when the same triggers are synced again
	if err := h.sched.Sync(context.Background(), triggers); err != nil {
		t.Fatalf("re-sync: %v", err)
	}

	// then the job is the same gocron job (a re-armed one would have no last run)
	if got := h.lastRunInGocron(1); !got.Equal(ranAt) || got.IsZero() {
		t.Fatalf("gocron last run after re-sync = %s, want %s", got, ranAt)
	}

	// and when its name changes, the job is replaced
	triggers[0].Name = "Renombrado"
	if err := h.sched.Sync(context.Background(), triggers); err != nil {
		t.Fatalf("sync after rename: %v", err)
	}
	if got := h.lastRunInGocron(1); !got.IsZero() {
		t.Fatalf("gocron last run after rename = %s, want a fresh job", got)
	}
}

func TestSyncReportsATriggerItCannotArmAndArmsTheRest(t *testing.T) {
	// given one trigger whose schedule never runs among good ones
	bogota := mustLoad(t, "America/Bogota")
	h := newHarness(t, bogota, at(bogota, 2026, time.March, 2, 7, 0))
	broken := app.Trigger{ID: 2, Name: "Roto", Active: true,
		Schedule: app.Schedule{Frequency: app.FrequencyHourly, IntervalHours: 0}}

	// when they are synced
	err := h.sched.Sync(context.Background(), []app.Trigger{daily(1, "Uno", 8, 0), broken, daily(3, "Tres", 9, 0)})

	// then the broken one is reported and the others are armed
	if !errors.Is(err, ErrNoSlots) {
		t.Fatalf("sync error = %v, want ErrNoSlots", err)
	}
	if jobs := h.gocronJobs(); len(jobs) != 2 || !jobs["trigger_1"] || !jobs["trigger_3"] {
		t.Fatalf("gocron jobs = %v, want trigger_1 and trigger_3", jobs)
	}
}

func TestRearmRecreatesEveryJobFromTheGivenTriggers(t *testing.T) {
	// given an hourly trigger that already fired once, and a daily one
	bogota := mustLoad(t, "America/Bogota")
	start := at(bogota, 2026, time.March, 2, 7, 0)
	h := newHarness(t, bogota, start)
	hourly := app.Trigger{ID: 1, Name: "Cada hora", Active: true,
		Schedule: app.Schedule{Frequency: app.FrequencyHourly, IntervalHours: 1, Anchor: start}}
	if err := h.sched.Sync(context.Background(), []app.Trigger{hourly, daily(2, "Diario", 9, 0)}); err != nil {
		t.Fatalf("sync: %v", err)
	}
	h.advanceTo(start.Add(time.Hour), 2)
	h.nextFiring()
	if h.lastRunInGocron(1).IsZero() {
		t.Fatal("gocron has no last run after the firing")
	}

	// when the clock moves on 20 minutes and the jobs are re-armed with the
	// hourly trigger, a new daily one, and the old daily one inactive
	h.clock.Advance(20 * time.Minute)
	inactive := daily(2, "Diario", 9, 0)
	inactive.Active = false
	if err := h.sched.Rearm(context.Background(), []app.Trigger{hourly, inactive, daily(3, "Nuevo", 10, 0)}); err != nil {
		t.Fatalf("rearm: %v", err)
	}

	// then gocron has fresh jobs for the active ones only, timed from now
	if jobs := h.gocronJobs(); len(jobs) != 2 || !jobs["trigger_1"] || !jobs["trigger_3"] {
		t.Fatalf("gocron jobs = %v, want trigger_1 and trigger_3", jobs)
	}
	if got := h.lastRunInGocron(1); !got.IsZero() {
		t.Fatalf("gocron last run after rearm = %s, want a fresh job", got)
	}
	if got, want := h.nextRunInGocron(1), start.Add(2*time.Hour); !got.Equal(want) {
		t.Fatalf("gocron next run = %s, want %s", got.In(bogota), want)
	}
	h.assertStatus(h.sched.Status(), []app.ScheduledJob{
		{TriggerID: 1, Name: "Cada hora", NextRun: start.Add(2 * time.Hour)},
		{TriggerID: 3, Name: "Nuevo", NextRun: at(bogota, 2026, time.March, 2, 10, 0)},
	})
	// and the re-armed job fires at its next slot
	h.advanceTo(start.Add(2*time.Hour), 2)
	if f := h.nextFiring(); f.triggerID != 1 || !f.slot.Equal(start.Add(2*time.Hour)) {
		t.Fatalf("fired %+v, want trigger 1 at %s", f, start.Add(2*time.Hour))
	}
}
