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
