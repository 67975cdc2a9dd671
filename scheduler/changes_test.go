package scheduler

import (
	"context"
	"errors"
	"testing"

	"github.com/jonboulle/clockwork"

	"vigia/app"
	"vigia/storage"
	"vigia/storage/storagetest"
)

func TestATriggerCreatedByAnotherProcessReachesEveryInstanceWithinOnePoll(t *testing.T) {
	// given a leader and a standby on one database, and a third process
	// writing to it
	loc, start := startedAt(t)
	clock := clockwork.NewFakeClockAt(start)
	path := dbPath(t)
	a := newProcess(t, storagetest.OpenAt(t, path, storage.Open), clock, loc, 1001, nil)
	b := newProcess(t, storagetest.OpenAt(t, path, storage.Open), clock, loc, 1002, nil)
	a.start()
	b.start()
	other := storagetest.OpenAt(t, path, storage.Open)

	// when nothing changes for 10 s (two lease renewals written meanwhile)
	for range 5 {
		step(clock, DefaultPollEvery, "changes", a, b)
	}
	// then no one reloads
	if na, nb := count(a.changes), count(b.changes); na != 0 || nb != 0 {
		t.Fatalf("OnChange called %d and %d times with no change, want none", na, nb)
	}

	// when the other process creates a trigger
	_, err := other.CreateTrigger(context.Background(), app.Trigger{
		Name: "Nuevo", Active: true, CatchUp: true,
		Schedule:   app.Schedule{Frequency: app.FrequencyDaily, Hour: 9},
		Priorities: []app.Priority{app.PriorityCritical},
		CreatedAt:  start, UpdatedAt: start,
	})
	if err != nil {
		t.Fatalf("create trigger: %v", err)
	}

	// then both instances learn it at their next poll, once
	step(clock, DefaultPollEvery, "changes", a, b)
	if na, nb := count(a.changes), count(b.changes); na != 1 || nb != 1 {
		t.Fatalf("OnChange called %d and %d times after the change, want 1 each", na, nb)
	}
	step(clock, DefaultPollEvery, "changes", a, b)
	if na, nb := count(a.changes), count(b.changes); na != 0 || nb != 0 {
		t.Fatalf("OnChange called again (%d, %d) without a new change", na, nb)
	}
}

func TestAFailedOnChangeIsRetriedAtTheNextPoll(t *testing.T) {
	// given a process whose first reload fails
	loc, start := startedAt(t)
	clock := clockwork.NewFakeClockAt(start)
	store := &grantingStore{}
	calls := make(chan error, 4)
	p := newProcess(t, store, clock, loc, 1001, func(cfg *CoordinatorConfig) {
		fail := true
		cfg.OnChange = func(context.Context) error {
			var err error
			if fail {
				err, fail = errors.New("base ocupada"), false
			}
			calls <- err
			return err
		}
	})
	p.start()

	// when the version changes once, and two polls pass
	store.mu.Lock()
	store.version++
	store.mu.Unlock()
	step(clock, DefaultPollEvery, "changes", p)
	step(clock, DefaultPollEvery, "changes", p)
	step(clock, DefaultPollEvery, "changes", p)

	// then OnChange was called twice: failing, then succeeding
	if n := len(calls); n != 2 {
		t.Fatalf("OnChange called %d times, want 2", n)
	}
	if err := <-calls; err == nil {
		t.Fatal("the first call did not fail")
	}
}

func TestCheckChangesReloadsAChangedScheduleWithoutWaitingForThePoll(t *testing.T) {
	// given a started process whose poll never ticks in this test
	loc, start := startedAt(t)
	clock := clockwork.NewFakeClockAt(start)
	store := &grantingStore{}
	p := newProcess(t, store, clock, loc, 1001, nil)
	p.start()

	// when a notice asks for a check with nothing changed
	p.coord.CheckChanges()
	p.waitTick("changes", start)

	// then no one reloads
	if n := count(p.changes); n != 0 {
		t.Fatalf("OnChange called %d times with no change, want none", n)
	}

	// when the version changes and a notice asks for a check, the clock standing still
	store.mu.Lock()
	store.version++
	store.mu.Unlock()
	p.coord.CheckChanges()
	p.waitTick("changes", start)

	// then the process reloads once, at the time it started: not at a poll
	if n := count(p.changes); n != 1 {
		t.Fatalf("OnChange called %d times after the notice, want 1", n)
	}
	if now := clock.Now(); !now.Equal(start) {
		t.Fatalf("the clock moved to %s", now)
	}
	// and the next poll finds nothing new
	step(clock, DefaultPollEvery, "changes", p)
	if n := count(p.changes); n != 0 {
		t.Fatalf("OnChange called again (%d) at the poll after the notice", n)
	}
}

func TestCheckChangesNeverBlocks(t *testing.T) {
	// given a coordinator that was never started: no loop takes its requests
	c, err := NewCoordinator(CoordinatorConfig{Store: &grantingStore{}})
	if err != nil {
		t.Fatalf("new coordinator: %v", err)
	}
	// when notices ask for many checks, then each call returns (the test would hang otherwise)
	for range 100 {
		c.CheckChanges()
	}
	if n := len(c.checkNow); n != 1 {
		t.Fatalf("%d checks pending, want 1", n)
	}
}
