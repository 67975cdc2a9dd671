package scheduler_test

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"

	"vigia/app"
	"vigia/scheduler"
	"vigia/storage"
	"vigia/storage/storagetest"
)

// refusingMailer fails the test if a digest is sent: the tests here have no alerts.
type refusingMailer struct{ t testing.TB }

func (m refusingMailer) SendDigest(context.Context, app.Digest) (int, error) {
	m.t.Errorf("a digest was sent, but there are no alerts")
	return 0, nil
}

// system is Vigía's core wired as main wires it: a Service over real storage,
// timed by a Scheduler.
type system struct {
	svc   *app.Service
	sched *scheduler.Scheduler
	store *storage.Store
}

func newSystem(tb testing.TB, clock clockwork.Clock, loc *time.Location) *system {
	tb.Helper()
	return newSystemOn(tb, storagetest.SQLite(storage.Open), clock, loc)
}

// newSystemOn is newSystem on a fresh database of be.
func newSystemOn(tb testing.TB, be backend, clock clockwork.Clock, loc *time.Location) *system {
	tb.Helper()
	ctx := context.Background()
	store, err := be.Open(ctx, be.Fresh(tb))
	if err != nil {
		tb.Fatalf("open store: %v", err)
	}
	log := slog.New(slog.DiscardHandler)
	var svc *app.Service
	sched, err := scheduler.New(func(id int64, name string, slot time.Time) {
		svc.RunScheduled(id, name, slot)
	}, scheduler.WithClock(clock), scheduler.WithLocation(loc), scheduler.WithLogger(log))
	if err != nil {
		tb.Fatalf("new scheduler: %v", err)
	}
	svc = app.NewService(app.Config{
		Store: store, Mailer: refusingMailer{tb}, Scheduler: sched,
		Clock: clock, Location: loc, Logger: log,
	})
	if err := svc.Start(ctx); err != nil {
		tb.Fatalf("start service: %v", err)
	}
	sched.Start()
	tb.Cleanup(func() {
		if err := sched.Shutdown(); err != nil {
			tb.Errorf("shut down scheduler: %v", err)
		}
		stop, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
		svc.Shutdown(stop)
		if err := store.Close(); err != nil {
			tb.Errorf("close store: %v", err)
		}
	})
	return &system{svc: svc, sched: sched, store: store}
}

func TestTriggerCreatedThroughTheServiceRunsAtItsSlotAndIsRecorded(t *testing.T) {
	// given Vigía on a fake clock in Bogotá, and a daily 08:00 trigger created through the Service
	bogota, err := time.LoadLocation("America/Bogota")
	if err != nil {
		t.Fatal(err)
	}
	clock := clockwork.NewFakeClockAt(time.Date(2026, time.March, 2, 7, 0, 0, 0, bogota))
	sys := newSystem(t, clock, bogota)
	finished := make(chan app.Execution, 4)
	sys.svc.Subscribe(func(e app.Event) {
		if e.Kind == app.EventRunFinished {
			finished <- e.Execution
		}
	})
	name, freq, hhmm := "Resumen diario", "diaria", "08:00"
	tr, err := sys.svc.CreateTrigger(t.Context(), app.TriggerDraft{
		Name: &name, Frequency: &freq, Time: &hhmm,
		Recipients: &[]string{"contador@example.com"}, Priorities: &[]string{"CRITICA"},
	})
	if err != nil {
		t.Fatalf("create trigger: %v", err)
	}
	slot := time.Date(2026, time.March, 2, 8, 0, 0, 0, bogota)
	if st := sys.svc.SchedulerStatus(); len(st.Jobs) != 1 || st.Jobs[0].TriggerID != tr.ID || !st.Jobs[0].NextRun.Equal(slot) {
		t.Fatalf("scheduler status = %+v, want trigger %d at %s", st, tr.ID, slot)
	}

	// when the clock reaches 08:00
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
	defer cancel()
	if err := clock.BlockUntilContext(ctx, 1); err != nil {
		t.Fatalf("waiting for the armed timer: %v", err)
	}
	clock.Advance(slot.Sub(clock.Now()))
	select {
	case <-finished:
	case <-ctx.Done():
		t.Fatal("the run did not finish")
	}

	// then the history has one scheduled, successful run of that slot
	page, err := sys.svc.Executions(t.Context(), app.ExecutionFilter{TriggerID: tr.ID})
	if err != nil {
		t.Fatalf("executions: %v", err)
	}
	if page.Total != 1 {
		t.Fatalf("history has %d rows, want 1: %+v", page.Total, page.Executions)
	}
	e := page.Executions[0]
	if e.State != app.StateSucceeded || e.Origin != app.OriginScheduled || !e.ScheduledFor.Equal(slot) || e.TriggerName != name {
		t.Fatalf("history row = %+v, want exitoso, programada, %s, %q", e, slot, name)
	}
}
