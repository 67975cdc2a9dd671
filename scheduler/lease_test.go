package scheduler

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"

	"vigia/app"
	"vigia/storage"
	"vigia/storage/storagetest"
)

func TestOnlyOneOfTwoProcessesOnADatabaseLeads(t *testing.T) {
	// given two processes on one database, the first started first
	loc, start := startedAt(t)
	clock := clockwork.NewFakeClockAt(start)
	path := dbPath(t)
	a := newProcess(t, storagetest.OpenAt(t, path, storage.Open), clock, loc, 1001, nil)
	b := newProcess(t, storagetest.OpenAt(t, path, storage.Open), clock, loc, 1002, nil)
	a.start()
	b.start()

	// then the first leads, once, and the second waits, naming the first
	if n := count(a.leader); n != 1 {
		t.Fatalf("OnLeader called %d times on the first process, want 1", n)
	}
	a.assertRole(app.RoleLeader, a)
	b.assertRole(app.RoleStandby, a)

	// and when a minute of renewals passes, nothing changes: no second
	// OnLeader for a renewal, no leader on the second process
	for range 12 {
		step(clock, DefaultRenewEvery, "lease", a, b)
	}
	if na, nb := count(a.leader), count(b.leader); na != 0 || nb != 0 {
		t.Fatalf("OnLeader called again: %d times on the first, %d on the second", na, nb)
	}
	a.assertRole(app.RoleLeader, a)
	b.assertRole(app.RoleStandby, a)
}

func TestADueSlotRunsOnlyOnTheLeader(t *testing.T) {
	// given two processes on one database, both with the daily 08:00 trigger
	// armed, and 07:59:50 on the clock
	loc, start := startedAt(t)
	clock := clockwork.NewFakeClockAt(start)
	path := dbPath(t)
	a := newProcess(t, storagetest.OpenAt(t, path, storage.Open), clock, loc, 1001, nil)
	b := newProcess(t, storagetest.OpenAt(t, path, storage.Open), clock, loc, 1002, nil)
	a.start()
	b.start()
	for _, p := range []*process{a, b} {
		if err := p.sched.Upsert(daily(1, "Resumen", 8, 0)); err != nil {
			t.Fatalf("upsert: %v", err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), failAfter)
	defer cancel()
	if err := clock.BlockUntilContext(ctx, 2*3+2); err != nil { // 3 tickers and a job timer each
		t.Fatalf("waiting for the armed timers: %v", err)
	}

	// when 08:00 comes
	slot := at(loc, 2026, time.March, 2, 8, 0)
	clock.Advance(slot.Sub(clock.Now()))

	// then the leader runs the slot and the standby, asked too, does not
	b.waitTick("elector", slot)
	select {
	case f := <-a.fired:
		if f.triggerID != 1 || !f.slot.Equal(slot) {
			t.Fatalf("leader fired %+v, want trigger 1 at %s", f, slot)
		}
	case <-time.After(failAfter):
		t.Fatal("the leader did not run the slot")
	}
	if n := count(b.fired); n != 0 {
		t.Fatalf("the standby ran %d slots, want none", n)
	}
	// and both still show the next run
	for _, p := range []*process{a, b} {
		if st := p.sched.Status(); len(st.Jobs) != 1 || !st.Jobs[0].NextRun.Equal(slot.AddDate(0, 0, 1)) {
			t.Fatalf("process %d status jobs = %+v, want tomorrow's 08:00", p.coord.me.PID, st.Jobs)
		}
	}
}

func TestACrashedLeadersLeaseIsTakenOverWhenItExpires(t *testing.T) {
	// given a leader and a standby on one database
	loc, start := startedAt(t)
	clock := clockwork.NewFakeClockAt(start)
	path := dbPath(t)
	a := newProcess(t, storagetest.OpenAt(t, path, storage.Open), clock, loc, 1001, nil)
	b := newProcess(t, storagetest.OpenAt(t, path, storage.Open), clock, loc, 1002, nil)
	a.start()
	b.start()
	count(a.leader)

	// when the leader dies without releasing its lease
	if !a.coord.halt() {
		t.Fatal("the leader was not running")
	}

	// then the standby waits while the lease lasts...
	for range int(DefaultLeaseTTL/DefaultRenewEvery) - 1 {
		step(clock, DefaultRenewEvery, "lease", b)
		b.assertRole(app.RoleStandby, a)
	}
	if n := count(b.leader); n != 0 {
		t.Fatalf("the standby became leader before the lease expired (%d OnLeader)", n)
	}
	// ...and takes over at the first tick after it expired, well within 30 s
	now := step(clock, DefaultRenewEvery, "lease", b)
	select {
	case at := <-b.leader:
		if took := at.Sub(start); took > 30*time.Second {
			t.Fatalf("takeover after %s, want at most 30 s", took)
		}
	default:
		t.Fatalf("the standby did not become leader at %s, %s after the crash", now, now.Sub(start))
	}
	b.assertRole(app.RoleLeader, b)
}

func TestACleanStopHandsTheLeaseOverAtTheNextTick(t *testing.T) {
	// given a leader and a standby on one database
	loc, start := startedAt(t)
	clock := clockwork.NewFakeClockAt(start)
	path := dbPath(t)
	a := newProcess(t, storagetest.OpenAt(t, path, storage.Open), clock, loc, 1001, nil)
	b := newProcess(t, storagetest.OpenAt(t, path, storage.Open), clock, loc, 1002, nil)
	a.start()
	b.start()

	// when the leader stops cleanly
	if err := a.coord.Stop(context.Background()); err != nil {
		t.Fatalf("stop: %v", err)
	}

	// then it no longer leads, and the standby takes over at its next tick,
	// long before the lease would have expired
	if a.coord.Leading() || a.coord.IsLeader(context.Background()) == nil {
		t.Fatal("the stopped process still leads")
	}
	step(clock, DefaultRenewEvery, "lease", b)
	if n := count(b.leader); n != 1 {
		t.Fatalf("OnLeader called %d times on the standby after the clean stop, want 1", n)
	}
	b.assertRole(app.RoleLeader, b)
}

func TestALeaseOfADeadProcessOnThisMachineIsTakenAtOnce(t *testing.T) {
	// given a leader, process 1001, that this machine no longer runs (a
	// crashed Vigía whose lease has not expired)
	loc, start := startedAt(t)
	clock := clockwork.NewFakeClockAt(start)
	path := dbPath(t)
	a := newProcess(t, storagetest.OpenAt(t, path, storage.Open), clock, loc, 1001, nil)
	a.start()
	count(a.leader)
	b := newProcess(t, storagetest.OpenAt(t, path, storage.Open), clock, loc, 1002, func(cfg *CoordinatorConfig) {
		cfg.ProcessAlive = func(pid int) bool { return pid != 1001 }
	})

	// when a new process starts on the same machine
	b.start()

	// then it takes the lease at once
	if n := count(b.leader); n != 1 {
		t.Fatalf("OnLeader called %d times on the new process, want 1", n)
	}
	b.assertRole(app.RoleLeader, b)
	// and the old holder, had it lived, steps down at its next tick
	step(clock, DefaultRenewEvery, "lease", a)
	if n := count(a.standby); n != 1 {
		t.Fatalf("OnStandby called %d times on the old holder, want 1", n)
	}
	a.assertRole(app.RoleStandby, b)
}

func TestALeaseOfAnotherMachineIsNotTakenBeforeItExpires(t *testing.T) {
	// given a leader on another machine, whose PID is no process here
	loc, start := startedAt(t)
	clock := clockwork.NewFakeClockAt(start)
	path := dbPath(t)
	a := newProcess(t, storagetest.OpenAt(t, path, storage.Open), clock, loc, 1001, nil)
	a.coord.me.Host = "otro-equipo"
	a.start()
	b := newProcess(t, storagetest.OpenAt(t, path, storage.Open), clock, loc, 1002, func(cfg *CoordinatorConfig) {
		cfg.ProcessAlive = func(pid int) bool { return pid != 1001 }
	})

	// when a process starts on this machine
	b.start()

	// then it waits: a PID says nothing about another machine
	b.assertRole(app.RoleStandby, a)
	if n := count(b.leader); n != 0 {
		t.Fatalf("OnLeader called %d times, want none", n)
	}
}

func TestALeaderThatCannotRenewKeepsLeadingUntilItsLeaseRunsOutLocally(t *testing.T) {
	// given a leader whose database stops answering after it took the lease
	loc, start := startedAt(t)
	clock := clockwork.NewFakeClockAt(start)
	store := &failingStore{CoordinatorStore: storagetest.OpenAt(t, dbPath(t), storage.Open)}
	a := newProcess(t, store, clock, loc, 1001, nil)
	a.start()
	count(a.leader)
	store.fail.Store(true)

	// when renewals fail for 15 s, it still leads
	for range 3 {
		step(clock, DefaultRenewEvery, "lease", a)
	}
	a.assertRole(app.RoleLeader, a)
	// then a second later it stops running slots, before the store's lease
	// expires (20 s) and another process may take it
	clock.Advance(time.Second)
	if err := a.coord.IsLeader(context.Background()); err == nil {
		t.Fatalf("IsLeader is nil %s after the last renewal, want an error", DefaultLeaseTTL-DefaultLeaseTTL/5)
	}
	// and its next tick steps down
	step(clock, DefaultRenewEvery, "lease", a)
	if n := count(a.standby); n != 1 {
		t.Fatalf("OnStandby called %d times, want 1", n)
	}
	// and when the database answers again, it leads again, calling OnLeader
	store.fail.Store(false)
	step(clock, DefaultRenewEvery, "lease", a)
	if n := count(a.leader); n != 1 {
		t.Fatalf("OnLeader called %d times after the database came back, want 1", n)
	}
	a.assertRole(app.RoleLeader, a)
}

func TestStartFailsAndFreesTheLeaseWhenOnLeaderFails(t *testing.T) {
	// given a process whose OnLeader fails (the Service could not start)
	loc, start := startedAt(t)
	clock := clockwork.NewFakeClockAt(start)
	path := dbPath(t)
	broken := errors.New("no se pudo leer la base")
	a := newProcess(t, storagetest.OpenAt(t, path, storage.Open), clock, loc, 1001, func(cfg *CoordinatorConfig) {
		cfg.OnLeader = func(context.Context) error { return broken }
	})

	// when it starts
	err := a.coord.Start(context.Background())

	// then Start says why, the process does not lead, and the lease is free
	if !errors.Is(err, broken) {
		t.Fatalf("start error = %v, want %v", err, broken)
	}
	if a.coord.Leading() {
		t.Fatal("the process leads after OnLeader failed")
	}
	b := newProcess(t, storagetest.OpenAt(t, path, storage.Open), clock, loc, 1002, nil)
	b.start()
	b.assertRole(app.RoleLeader, b)
}

func TestStatusWithoutACoordinatorSaysLeader(t *testing.T) {
	// given a scheduler alone on its database
	h := newHarness(t, time.UTC, time.Date(2026, time.March, 2, 7, 0, 0, 0, time.UTC))

	// then its status says it leads
	if st := h.sched.Status(); st.Role != app.RoleLeader {
		t.Fatalf("role = %q, want %q", st.Role, app.RoleLeader)
	}
}
