package scheduler

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"

	"vigia/app"
)

// clockReadings are the wall and monotonic clocks a test moves apart.
type clockReadings struct {
	mu   sync.Mutex
	wall time.Time
	mono time.Duration
}

func (r *clockReadings) read() (time.Time, time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.wall, r.mono
}

// pass lets elapsed monotonic time pass, while the wall clock moves by wall
// and ends in zone loc.
func (r *clockReadings) pass(elapsed, wall time.Duration, loc *time.Location) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.mono += elapsed
	r.wall = r.wall.Add(wall).In(loc)
}

// watchdogTick moves the fake clock to the watchdog's next tick, in steps
// no longer than a lease renewal so that the process's role holds, and waits
// until the watchdog handled it.
func watchdogTick(clock *clockwork.FakeClock, p *process) {
	since := clock.Now().Sub(p.began)
	next := p.began.Add((since/DefaultWatchdogEvery + 1) * DefaultWatchdogEvery)
	for clock.Now().Before(next) {
		step(clock, min(DefaultRenewEvery, next.Sub(clock.Now())), "lease", p)
	}
	p.waitTick("watchdog", next)
}

// watchedProcess is a lone process (so the leader) whose watchdog reads
// readings.
func watchedProcess(t *testing.T) (*process, *clockwork.FakeClock, *clockReadings, *grantingStore) {
	t.Helper()
	loc, start := startedAt(t)
	clock := clockwork.NewFakeClockAt(start)
	readings := &clockReadings{wall: start}
	store := &grantingStore{}
	p := newProcess(t, store, clock, loc, 1001, func(cfg *CoordinatorConfig) { cfg.Readings = readings.read })
	p.start()
	if n := count(p.leader); n != 1 {
		t.Fatalf("the lone process did not lead (%d OnLeader)", n)
	}
	return p, clock, readings, store
}

func TestWatchdogCallsOnClockJumpOnlyWhenWallAndMonotonicTimeDrift(t *testing.T) {
	bogota := mustLoad(t, "America/Bogota")
	cases := []struct {
		name       string
		monotonic  time.Duration // elapsed between two watchdog ticks
		wall       time.Duration // how far the wall clock moved meanwhile
		zone       *time.Location
		wantCalled bool
	}{
		{"no jump", 30 * time.Second, 30 * time.Second, bogota, false},
		{"clock set 5 min forward", 30 * time.Second, 30*time.Second + 5*time.Minute, bogota, true},
		{"clock set 5 min back", 30 * time.Second, 30*time.Second - 5*time.Minute, bogota, true},
		{"30 s drift", 30 * time.Second, time.Minute, bogota, false},
		{"suspend the monotonic clock did not count", 30 * time.Second, 2 * time.Hour, bogota, true},
		{"suspend the monotonic clock counted", 2 * time.Hour, 2 * time.Hour, bogota, true},
		{"zone offset changed", 30 * time.Second, 30 * time.Second, time.FixedZone("UTC-4", -4*3600), true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// given the leader's watchdog, one tick in
			p, clock, readings, _ := watchedProcess(t)
			readings.pass(DefaultWatchdogEvery, DefaultWatchdogEvery, bogota)
			watchdogTick(clock, p)

			// when the clocks move like this until the next tick
			readings.pass(tc.monotonic, tc.wall, tc.zone)
			watchdogTick(clock, p)

			// then OnClockJump is called, or not
			if n := count(p.jumps); n != map[bool]int{false: 0, true: 1}[tc.wantCalled] {
				t.Fatalf("OnClockJump called %d times, want called: %v", n, tc.wantCalled)
			}
			// and the tick after, with the clocks in step again, calls nothing
			readings.pass(DefaultWatchdogEvery, DefaultWatchdogEvery, tc.zone)
			watchdogTick(clock, p)
			if n := count(p.jumps); n != 0 {
				t.Fatalf("OnClockJump called %d times a tick after, want none", n)
			}
		})
	}
}

func TestWatchdogRetriesAFailedOnClockJumpAtItsNextTick(t *testing.T) {
	// given a leader whose first OnClockJump fails
	loc, start := startedAt(t)
	clock := clockwork.NewFakeClockAt(start)
	readings := &clockReadings{wall: start}
	calls := make(chan error, 4)
	p := newProcess(t, &grantingStore{}, clock, loc, 1001, func(cfg *CoordinatorConfig) {
		cfg.Readings = readings.read
		fail := true
		cfg.OnClockJump = func(context.Context) error {
			var err error
			if fail {
				err, fail = errors.New("base ocupada"), false
			}
			calls <- err
			return err
		}
	})
	p.start()

	// when the wall clock jumps, and then nothing more happens
	readings.pass(DefaultWatchdogEvery, DefaultWatchdogEvery+time.Hour, loc)
	watchdogTick(clock, p)
	readings.pass(DefaultWatchdogEvery, DefaultWatchdogEvery, loc)
	watchdogTick(clock, p)
	readings.pass(DefaultWatchdogEvery, DefaultWatchdogEvery, loc)
	watchdogTick(clock, p)

	// then it was called twice: failing, then succeeding
	if n := len(calls); n != 2 {
		t.Fatalf("OnClockJump called %d times, want 2", n)
	}
	if err := <-calls; err == nil {
		t.Fatal("the first call did not fail")
	}
}

func TestAStandbyRearmsItsJobsAfterAClockJumpInsteadOfRecovering(t *testing.T) {
	// given a process that ran an hourly trigger as leader, then lost the lease
	p, clock, readings, store := watchedProcess(t)
	loc, start := startedAt(t)
	if err := p.sched.Upsert(app.Trigger{ID: 1, Name: "Cada hora", Active: true,
		Schedule: app.Schedule{Frequency: app.FrequencyHourly, IntervalHours: 1, Anchor: start.Add(-time.Hour + 5*time.Second)}}); err != nil {
		t.Fatalf("upsert: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), failAfter)
	defer cancel()
	if err := clock.BlockUntilContext(ctx, 4); err != nil { // 3 tickers and the job's timer
		t.Fatalf("waiting for the armed timers: %v", err)
	}
	clock.Advance(5 * time.Second)
	if f := <-p.fired; f.triggerID != 1 {
		t.Fatalf("fired %+v", f)
	}
	h := &harness{t: t, clock: clock, sched: p.sched, loc: loc}
	if h.lastRunInGocron(1).IsZero() {
		t.Fatal("gocron has no last run after the firing")
	}
	store.giveTo(app.Lease{Name: leaseName, HolderID: "otra", Host: "otro-equipo", PID: 7})
	step(clock, DefaultRenewEvery, "lease", p)
	if n := count(p.standby); n != 1 {
		t.Fatalf("OnStandby called %d times, want 1", n)
	}

	// when the wall clock jumps
	readings.pass(DefaultWatchdogEvery, DefaultWatchdogEvery+time.Hour, loc)
	watchdogTick(clock, p)

	// then its job is re-created, and recovery is left to the leader
	if got := h.lastRunInGocron(1); !got.IsZero() {
		t.Fatalf("gocron last run after the jump = %s, want a fresh job", got)
	}
	if n := count(p.jumps); n != 0 {
		t.Fatalf("OnClockJump called %d times on a standby, want none", n)
	}
}

func TestTheLeaderGetsOnTickAtEveryWatchdogTickAndAStandbyDoesNot(t *testing.T) {
	// given a lone process (the leader) that counts its OnTick calls
	loc, start := startedAt(t)
	clock := clockwork.NewFakeClockAt(start)
	readings := &clockReadings{wall: start}
	store := &grantingStore{}
	ticks := make(chan struct{}, 16)
	p := newProcess(t, store, clock, loc, 1001, func(cfg *CoordinatorConfig) {
		cfg.Readings = readings.read
		cfg.OnTick = func(context.Context) { ticks <- struct{}{} }
	})
	p.start()

	// when two watchdog ticks pass
	for range 2 {
		readings.pass(DefaultWatchdogEvery, DefaultWatchdogEvery, loc)
		watchdogTick(clock, p)
	}

	// then OnTick was called at each
	if n := count(ticks); n != 2 {
		t.Fatalf("OnTick called %d times on the leader in two ticks, want 2", n)
	}

	// and once another process holds the lease, a tick calls nothing
	store.giveTo(app.Lease{Name: leaseName, HolderID: "otra", Host: "otro-equipo", PID: 7})
	step(clock, DefaultRenewEvery, "lease", p)
	readings.pass(DefaultWatchdogEvery, DefaultWatchdogEvery, loc)
	watchdogTick(clock, p)
	if n := count(ticks); n != 0 {
		t.Fatalf("OnTick called %d times on a standby, want none", n)
	}
}
