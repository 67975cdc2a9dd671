package scheduler

import (
	"context"
	"log/slog"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"

	"vigia/app"
)

// loops whose handled ticks a process reports; "elector" is an IsLeader answer.
var loopNames = []string{"lease", "watchdog", "changes", "elector"}

// process is one Vigía process of a multi-process test: its own Store on the
// shared database file, a Coordinator and a started Scheduler, on the
// test's fake clock. Its channels count the Coordinator's callbacks.
type process struct {
	t       *testing.T
	store   CoordinatorStore
	coord   *Coordinator
	sched   *Scheduler
	fired   chan firing
	leader  chan time.Time // OnLeader, with the clock's time
	standby chan struct{}  // OnStandby
	jumps   chan struct{}  // OnClockJump
	changes chan struct{}  // OnChange
	ticks   map[string]chan time.Time
	began   time.Time // when the Coordinator started: its tickers' phase
}

// startedAt is the fake clock's start in the multi-process tests: a Monday
// morning in Bogotá, ten seconds before an 08:00 slot.
func startedAt(t *testing.T) (*time.Location, time.Time) {
	bogota := mustLoad(t, "America/Bogota")
	return bogota, at(bogota, 2026, time.March, 2, 7, 59).Add(50 * time.Second)
}

// newProcess builds a process over store with PID pid; tune adjusts its
// Coordinator's config. It is not started. Every process of a test lives on
// one machine; each PID counts as alive unless tune says otherwise.
func newProcess(t *testing.T, store CoordinatorStore, clock clockwork.Clock, loc *time.Location, pid int, tune func(*CoordinatorConfig)) *process {
	t.Helper()
	p := &process{
		t: t, store: store,
		fired:   make(chan firing, 64),
		leader:  make(chan time.Time, 64),
		standby: make(chan struct{}, 64),
		jumps:   make(chan struct{}, 64),
		changes: make(chan struct{}, 64),
		ticks:   map[string]chan time.Time{},
	}
	for _, name := range loopNames {
		p.ticks[name] = make(chan time.Time, 1024)
	}
	cfg := CoordinatorConfig{
		Store:        store,
		Clock:        clock,
		Logger:       slog.New(slog.DiscardHandler),
		OnLeader:     func(context.Context) error { p.leader <- clock.Now(); return nil },
		OnStandby:    func() { p.standby <- struct{}{} },
		OnClockJump:  func(context.Context) error { p.jumps <- struct{}{}; return nil },
		OnChange:     func(context.Context) error { p.changes <- struct{}{}; return nil },
		ProcessAlive: func(int) bool { return true },
	}
	if tune != nil {
		tune(&cfg)
	}
	c, err := NewCoordinator(cfg)
	if err != nil {
		t.Fatalf("new coordinator: %v", err)
	}
	c.me.PID = pid
	c.afterTick = func(loop string, now time.Time) {
		select {
		case p.ticks[loop] <- now:
		default:
			t.Errorf("tick of %s dropped: the test does not read them", loop)
		}
	}
	p.coord = c
	s, err := New(func(id int64, name string, slot time.Time) {
		p.fired <- firing{triggerID: id, name: name, slot: slot}
	}, WithClock(clock), WithLocation(loc), WithLogger(slog.New(slog.DiscardHandler)), WithCoordinator(c))
	if err != nil {
		t.Fatalf("new scheduler: %v", err)
	}
	s.Start()
	t.Cleanup(func() {
		if err := s.Shutdown(); err != nil {
			t.Errorf("shut down scheduler: %v", err)
		}
	})
	p.sched = s
	return p
}

// start starts the process's Coordinator; cleanup stops it.
func (p *process) start() {
	p.t.Helper()
	p.began = p.coord.clock.Now()
	if err := p.coord.Start(context.Background()); err != nil {
		p.t.Fatalf("start coordinator: %v", err)
	}
	p.t.Cleanup(func() {
		if err := p.coord.Stop(context.Background()); err != nil {
			p.t.Errorf("stop coordinator: %v", err)
		}
	})
}

// waitTick waits until the process handled a tick of loop at or after at.
func (p *process) waitTick(loop string, at time.Time) {
	p.t.Helper()
	timeout := time.After(failAfter)
	for {
		select {
		case now := <-p.ticks[loop]:
			if !now.Before(at) {
				return
			}
		case <-timeout:
			p.t.Fatalf("no %s tick at or after %s within %s", loop, at, failAfter)
		}
	}
}

// count drains ch and says how many signals it held.
func count[T any](ch chan T) int {
	n := 0
	for {
		select {
		case <-ch:
			n++
		default:
			return n
		}
	}
}

// step advances the fake clock by d and waits until each process handled a
// tick of loop at the new time.
func step(clock *clockwork.FakeClock, d time.Duration, loop string, ps ...*process) time.Time {
	clock.Advance(d)
	now := clock.Now()
	for _, p := range ps {
		p.waitTick(loop, now)
	}
	return now
}

// holder is how Status names a process holding the lease.
func (p *process) holder() string { return p.coord.me.Holder() }

// assertRole checks the process's role, as Leading and Status tell it, and
// the lease holder its Status names.
func (p *process) assertRole(role string, holder *process) {
	p.t.Helper()
	st := p.sched.Status()
	if st.Role != role || st.Leader != holder.holder() || p.coord.Leading() != (role == app.RoleLeader) {
		p.t.Fatalf("process %d: status role %q leader %q, leading %v; want %q led by %q",
			p.coord.me.PID, st.Role, st.Leader, p.coord.Leading(), role, holder.holder())
	}
}

// grantingStore is a CoordinatorStore for tests of one process: it grants
// the lease to whoever asks, unless a test gave it to another holder.
type grantingStore struct {
	mu      sync.Mutex
	other   app.Lease
	version int64
}

func (s *grantingStore) AcquireLease(_ context.Context, name string, me app.Lease, now time.Time, ttl time.Duration, _ string) (app.Lease, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.other.HolderID != "" {
		return s.other, nil
	}
	me.Name, me.ExpiresAt = name, now.Add(ttl)
	return me, nil
}

// giveTo makes another process the holder.
func (s *grantingStore) giveTo(l app.Lease) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.other = l
}

func (s *grantingStore) ReleaseLease(context.Context, string, string) error { return nil }

func (s *grantingStore) ScheduleVersion(context.Context) (int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.version, nil
}

// failingStore is a real store whose lease calls fail while fail is set.
type failingStore struct {
	CoordinatorStore
	fail atomic.Bool
}

func (s *failingStore) AcquireLease(ctx context.Context, name string, me app.Lease, now time.Time, ttl time.Duration, steal string) (app.Lease, error) {
	if s.fail.Load() {
		return app.Lease{}, errStoreDown
	}
	return s.CoordinatorStore.AcquireLease(ctx, name, me, now, ttl, steal)
}

var errStoreDown = storeDownError{}

type storeDownError struct{}

func (storeDownError) Error() string { return "database is locked" }

// dbPath is a fresh database file shared by a test's processes.
func dbPath(t *testing.T) string { return filepath.Join(t.TempDir(), "vigia.db") }
