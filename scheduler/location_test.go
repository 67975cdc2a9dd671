package scheduler

import (
	"context"
	"sync"
	"testing"
	"time"

	"vigia/app"
)

func TestSyncAfterSetLocationMovesJobsToTheNewZone(t *testing.T) {
	// given a daily 08:00 trigger armed in Bogotá (UTC-5) at 06:00 Bogotá
	bogota, madrid := mustLoad(t, "America/Bogota"), mustLoad(t, "Europe/Madrid")
	h := newHarness(t, bogota, at(bogota, 2026, time.March, 2, 6, 0))
	ctx := context.Background()
	triggers := []app.Trigger{daily(1, "Diario", 8, 0)}
	if err := h.sched.Sync(ctx, triggers); err != nil {
		t.Fatalf("sync: %v", err)
	}

	// when the zone becomes Madrid (12:00 there) and the same triggers are synced
	h.sched.SetLocation(madrid)
	if err := h.sched.Sync(ctx, triggers); err != nil {
		t.Fatalf("sync after zone change: %v", err)
	}

	// then the job runs at 08:00 Madrid time, tomorrow, in status and in gocron
	h.loc = madrid
	want := at(madrid, 2026, time.March, 3, 8, 0)
	h.assertStatus(h.sched.Status(), []app.ScheduledJob{{TriggerID: 1, Name: "Diario", NextRun: want}})
	h.expectSlots(1, want)
}

func TestSetLocationLeavesArmedJobsUntilTheyAreArmedAgain(t *testing.T) {
	// given a daily 08:00 trigger armed in Bogotá
	bogota, madrid := mustLoad(t, "America/Bogota"), mustLoad(t, "Europe/Madrid")
	h := newHarness(t, bogota, at(bogota, 2026, time.March, 2, 6, 0))
	h.upsert(daily(1, "Diario", 8, 0))

	// when the zone changes but nothing re-arms the job
	h.sched.SetLocation(madrid)

	// then it still fires at 08:00 Bogotá with the Bogotá slot
	want := at(bogota, 2026, time.March, 2, 8, 0)
	h.assertStatus(h.sched.Status(), []app.ScheduledJob{{TriggerID: 1, Name: "Diario", NextRun: want}})
	h.expectSlots(1, want)
}

func TestSetLocationIsSafeWhileJobsAreSynced(t *testing.T) {
	// given a scheduler with a few jobs
	bogota, madrid := mustLoad(t, "America/Bogota"), mustLoad(t, "Europe/Madrid")
	h := newHarness(t, bogota, at(bogota, 2026, time.March, 2, 6, 0))
	triggers := []app.Trigger{daily(1, "Uno", 8, 0), daily(2, "Dos", 9, 0)}

	// when zones change while other goroutines sync and read the status
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Go(func() {
			for j := range 20 {
				if (i+j)%2 == 0 {
					h.sched.SetLocation(madrid)
				} else {
					h.sched.SetLocation(bogota)
				}
				if err := h.sched.Sync(context.Background(), triggers); err != nil {
					t.Errorf("sync: %v", err)
				}
				_ = h.sched.Status()
			}
		})
	}
	wg.Wait()

	// then a last change and sync leaves every job in the last zone
	h.sched.SetLocation(madrid)
	if err := h.sched.Sync(context.Background(), triggers); err != nil {
		t.Fatalf("sync: %v", err)
	}
	h.loc = madrid
	h.assertStatus(h.sched.Status(), []app.ScheduledJob{
		{TriggerID: 1, Name: "Uno", NextRun: at(madrid, 2026, time.March, 3, 8, 0)},
		{TriggerID: 2, Name: "Dos", NextRun: at(madrid, 2026, time.March, 3, 9, 0)},
	})
}
