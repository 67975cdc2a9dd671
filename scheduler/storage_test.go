package scheduler

import (
	"context"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"

	"vigia/app"
	"vigia/storage"
	"vigia/storage/storagetest"
)

// diskFull is what storage returns for a write on a full disk: app's
// sentinel with the Message that says what to do.
type diskFull struct{}

func (diskFull) Error() string        { return "database or disk is full (13)" }
func (diskFull) Is(target error) bool { return target == app.ErrStorageFull }
func (diskFull) Problem() app.Message {
	return app.Msg(app.CodeStorageFull, app.Args{"Path": "/datos/vigia.db"})
}

// fullDiskStore is a real store whose lease writes fail as on a full disk
// while full is set.
type fullDiskStore struct {
	*failingStore
}

func (s fullDiskStore) AcquireLease(ctx context.Context, name string, me app.Lease, now time.Time, ttl time.Duration, steal string) (app.Lease, error) {
	if s.fail.Load() {
		return app.Lease{}, diskFull{}
	}
	return s.CoordinatorStore.AcquireLease(ctx, name, me, now, ttl, steal)
}

// assertNoLease checks a process that cannot write the lease: no role
// naming another holder, and the status says why, with the storage's cause.
func (p *process) assertNoLease(code app.Code) {
	p.t.Helper()
	st := p.sched.Status()
	if st.Role != app.RoleNone || st.Leader != "" || p.coord.Leading() || st.Problem == nil ||
		st.Problem.Code != code || st.Problem.Args["Cause"].(app.Message).Code != app.CodeStorageFull {
		p.t.Fatalf("process %d: status %+v (problem %v), leading %v; want %s without a leader, its cause a full disk",
			p.coord.me.PID, st, st.Problem, p.coord.Leading(), app.RoleNone)
	}
}

func TestAFullDiskMakesNoSecondLeaderAndNoFalseStandbyThenOneLeaderAgain(t *testing.T) {
	// given a leader and a standby on one database
	loc, start := startedAt(t)
	clock := clockwork.NewFakeClockAt(start)
	path := dbPath(t)
	sa := fullDiskStore{&failingStore{CoordinatorStore: storagetest.OpenAt(t, path, storage.Open)}}
	sb := fullDiskStore{&failingStore{CoordinatorStore: storagetest.OpenAt(t, path, storage.Open)}}
	changedA, changedB := make(chan struct{}, 64), make(chan struct{}, 64)
	a := newProcess(t, sa, clock, loc, 1001, func(c *CoordinatorConfig) { c.OnStatus = func() { changedA <- struct{}{} } })
	b := newProcess(t, sb, clock, loc, 1002, func(c *CoordinatorConfig) { c.OnStatus = func() { changedB <- struct{}{} } })
	a.start()
	b.start()
	count(a.leader)
	count(changedA)
	count(changedB)
	a.assertRole(app.RoleLeader, a)
	b.assertRole(app.RoleStandby, a)

	// when the disk fills up: no lease can be written
	sa.fail.Store(true)
	sb.fail.Store(true)
	step(clock, DefaultRenewEvery, "lease", a, b)

	// then the leader still leads while its lease lasts, and says it could
	// not renew it; the standby says it cannot write the lease
	st := a.sched.Status()
	if st.Role != app.RoleLeader || st.Problem == nil || st.Problem.Code != app.CodeLeaseRenewFailing {
		t.Fatalf("leader's status = %+v, want leader with %s", st, app.CodeLeaseRenewFailing)
	}
	b.assertNoLease(app.CodeLeaseNotWritten)
	// and each is told its status changed (the desktop's Inicio refreshes on it)
	if na, nb := count(changedA), count(changedB); na != 1 || nb != 1 {
		t.Fatalf("OnStatus called %d and %d times when the disk filled, want once each", na, nb)
	}
	// and once the lease ran out, neither leads, neither claims the other leads
	for range 3 {
		step(clock, DefaultRenewEvery, "lease", a, b)
		if a.coord.Leading() && b.coord.Leading() {
			t.Fatal("two leaders on a full disk")
		}
	}
	a.assertNoLease(app.CodeLeaseNotWritten)
	b.assertNoLease(app.CodeLeaseNotWritten)
	if n := count(b.leader); n != 0 {
		t.Fatalf("the standby became leader on a full disk (%d OnLeader)", n)
	}
	if na, nb := count(changedA), count(changedB); na != 1 || nb != 0 {
		t.Fatalf("OnStatus called %d and %d times while the lease ran out, want once for the leader only", na, nb)
	}

	// when the disk has room again
	sa.fail.Store(false)
	sb.fail.Store(false)
	step(clock, DefaultRenewEvery, "lease", a, b)

	// then exactly one process leads, and the other waits naming it
	switch {
	case a.coord.Leading() && !b.coord.Leading():
		a.assertRole(app.RoleLeader, a)
		b.assertRole(app.RoleStandby, a)
	case b.coord.Leading() && !a.coord.Leading():
		b.assertRole(app.RoleLeader, b)
		a.assertRole(app.RoleStandby, b)
	default:
		t.Fatalf("after the disk recovered: first leads %v, second leads %v; want exactly one", a.coord.Leading(), b.coord.Leading())
	}
	if na, nb := count(changedA), count(changedB); na != 1 || nb != 1 {
		t.Fatalf("OnStatus called %d and %d times after the disk recovered, want once each", na, nb)
	}
	if st := a.sched.Status(); st.Problem != nil {
		t.Fatalf("problem still shown after recovery: %v", st.Problem)
	}
}
