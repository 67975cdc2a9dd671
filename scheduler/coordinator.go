package scheduler

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jonboulle/clockwork"

	"vigia/app"
)

// Defaults of CoordinatorConfig. With these a lease left by a dead holder is
// taken over within LeaseTTL+RenewEvery = 25 s.
const (
	DefaultLeaseTTL      = 20 * time.Second
	DefaultRenewEvery    = 5 * time.Second
	DefaultWatchdogEvery = 30 * time.Second
	DefaultPollEvery     = 2 * time.Second
)

// CoordinatorStore is what a Coordinator keeps in the database: the lease and
// the schedule's version. storage.Store implements it.
type CoordinatorStore interface {
	LeaseStore
	VersionStore
}

// CoordinatorConfig wires a Coordinator. Only Store is required.
type CoordinatorConfig struct {
	Store CoordinatorStore
	// Instance names this process as the lease holder; pass the Service's
	// instance (app.Config.Instance). Default: random, see Coordinator.Instance.
	Instance string
	Clock    clockwork.Clock // ticks the loops and dates the lease; default the real clock
	Logger   *slog.Logger    // default slog.Default()

	// OnLeader is called when this process takes the lease (once per
	// acquisition, not per renewal; again when a lease that ran out, say
	// during a suspend, is taken back): main starts the Service there. On an
	// error the lease is released and taken again at a later tick. It runs
	// on the lease loop, so it should not take long.
	OnLeader func(ctx context.Context) error
	// OnStandby is called when this process loses the lease.
	OnStandby func()
	// OnStatus is called after an attempt at the lease changed what Status
	// says of it: the role, the holder, or why the lease cannot be written.
	OnStatus func()
	// OnClockJump is called, on the leader only, after the watchdog saw the
	// wall clock jump: main recovers missed slots and re-arms the timers. On
	// an error it is called again at the next watchdog tick. A standby
	// re-arms its Scheduler's jobs itself.
	OnClockJump func(ctx context.Context) error
	// OnTick is called, on the leader only, at every watchdog tick (every 30
	// s) after the clock check: main lets the Service do what falls due with
	// the day (the tax calendar's alerts for a new day). It should return at
	// once when there is nothing to do.
	OnTick func(ctx context.Context)
	// OnChange is called, on every instance, when the schedule's version
	// changed: main reloads the triggers. On an error it is called again at
	// the next poll.
	OnChange func(ctx context.Context) error

	// Tuning, for tests; zero means the default.
	LeaseTTL      time.Duration // DefaultLeaseTTL
	RenewEvery    time.Duration // DefaultRenewEvery; below LeaseTTL*4/5
	WatchdogEvery time.Duration // DefaultWatchdogEvery
	PollEvery     time.Duration // DefaultPollEvery
	// Readings returns the wall clock and a monotonic reading (time elapsed
	// since some fixed start). Default: the system's, see systemReadings.
	Readings func() (wall time.Time, mono time.Duration)
	// ProcessAlive tells whether a process of this machine lives. Default:
	// asks the operating system.
	ProcessAlive func(pid int) bool
}

// Coordinator makes one process per database the scheduling one, and keeps
// every process in step with time and with the database. It owns three loops,
// one file each: the lease (lease.go), the clock watchdog (watchdog.go) and
// the schedule-change poller (changes.go), which CheckChanges also wakes.
//
// It is the gocron.Elector of the Scheduler it is given to (WithCoordinator):
// a standby instance arms its jobs, so its status shows the next runs, but
// runs none.
type Coordinator struct {
	store        CoordinatorStore
	me           app.Lease
	clock        clockwork.Clock
	log          *slog.Logger
	onLeader     func(context.Context) error
	onStandby    func()
	onStatus     func()
	onClockJump  func(context.Context) error
	onTick       func(context.Context)
	onChange     func(context.Context) error
	ttl          time.Duration
	renewEvery   time.Duration
	watchEvery   time.Duration
	pollEvery    time.Duration
	readings     func() (time.Time, time.Duration)
	processAlive func(pid int) bool

	// sched is the Scheduler this coordinator elects for; a standby re-arms
	// its jobs after a clock jump.
	sched atomic.Pointer[Scheduler]
	// afterTick, when set (tests), is told each loop's tick is handled, and
	// each IsLeader answer (loop "elector"), with the clock reading.
	afterTick func(loop string, now time.Time)

	mu         sync.Mutex
	lease      app.Lease // as the store last returned it
	leaseErr   error     // why the last attempt at the lease failed; nil when it worked
	leading    bool      // OnLeader was called and OnStandby not since
	validUntil time.Time // wall clock (no monotonic reading) the leadership lasts to

	lifeMu  sync.Mutex
	started bool
	halted  bool
	cancel  context.CancelFunc
	loops   sync.WaitGroup

	watch    clockWatch    // watchdog loop only
	shownKey string        // roleKey after the last campaign (Start, then the lease loop only)
	changes  changeWatch   // poller loop only
	checkNow chan struct{} // CheckChanges' request to the poller loop
	warned   sync.Map      // loop name -> true while its store calls fail
}

var errStandby = errors.New("otra instancia de Vigía programa esta base de datos")

// NewCoordinator returns a stopped Coordinator.
func NewCoordinator(cfg CoordinatorConfig) (*Coordinator, error) {
	if cfg.Store == nil {
		return nil, errors.New("new coordinator: nil store")
	}
	c := &Coordinator{
		store:        cfg.Store,
		clock:        cfg.Clock,
		log:          cfg.Logger,
		onLeader:     cfg.OnLeader,
		onStandby:    cfg.OnStandby,
		onStatus:     cfg.OnStatus,
		onClockJump:  cfg.OnClockJump,
		onTick:       cfg.OnTick,
		onChange:     cfg.OnChange,
		ttl:          orDefault(cfg.LeaseTTL, DefaultLeaseTTL),
		renewEvery:   orDefault(cfg.RenewEvery, DefaultRenewEvery),
		watchEvery:   orDefault(cfg.WatchdogEvery, DefaultWatchdogEvery),
		pollEvery:    orDefault(cfg.PollEvery, DefaultPollEvery),
		readings:     cfg.Readings,
		processAlive: cfg.ProcessAlive,
		checkNow:     make(chan struct{}, 1),
	}
	if c.renewEvery >= c.ttl-c.margin() {
		return nil, fmt.Errorf("new coordinator: renewing every %s cannot keep a %s lease", c.renewEvery, c.ttl)
	}
	if c.clock == nil {
		c.clock = clockwork.NewRealClock()
	}
	if c.log == nil {
		c.log = slog.Default()
	}
	if c.readings == nil {
		c.readings = systemReadings()
	}
	if c.processAlive == nil {
		c.processAlive = processAlive
	}
	host, _ := os.Hostname()
	c.me = app.Lease{Name: leaseName, HolderID: cfg.Instance, Host: host, PID: os.Getpid()}
	if c.me.HolderID == "" {
		var b [8]byte
		_, _ = rand.Read(b[:])
		c.me.HolderID = hex.EncodeToString(b[:])
	}
	return c, nil
}

func orDefault(d, def time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return def
}

// Instance is the lease holder ID of this process.
func (c *Coordinator) Instance() string { return c.me.HolderID }

// Start takes part in the election and starts the loops. The first attempt
// at the lease is made before Start returns, so OnLeader has run when this
// process became the leader (see Leading); an error of that OnLeader stops
// the Coordinator and is returned. The loops run until Stop or until ctx ends.
func (c *Coordinator) Start(ctx context.Context) error {
	c.lifeMu.Lock()
	defer c.lifeMu.Unlock()
	if c.started {
		return errors.New("start coordinator: already started")
	}
	c.started = true
	ctx, c.cancel = context.WithCancel(ctx)

	wall, mono := c.readings()
	c.watch.observe(wall, mono, c.watchEvery)
	c.changes.baseline(ctx, c.store)
	// Tickers exist before Start returns, so a test's first Advance ticks them.
	leaseTick := c.clock.NewTicker(c.renewEvery)
	watchTick := c.clock.NewTicker(c.watchEvery)
	pollTick := c.clock.NewTicker(c.pollEvery)
	if err := c.campaign(ctx); err != nil {
		leaseTick.Stop()
		watchTick.Stop()
		pollTick.Stop()
		c.cancel()
		return fmt.Errorf("start coordinator: %w", err)
	}
	c.loop(ctx, "lease", leaseTick, c.campaignLogged)
	c.loop(ctx, "watchdog", watchTick, c.watchdogTick)
	c.pollLoop(ctx, pollTick)
	return nil
}

// loop calls tick at every tick of t, on its own goroutine, until ctx ends.
func (c *Coordinator) loop(ctx context.Context, name string, t clockwork.Ticker, tick func(context.Context, time.Time)) {
	c.loops.Go(func() {
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.Chan():
				now := c.clock.Now()
				tick(ctx, now)
				if c.afterTick != nil {
					c.afterTick(name, now)
				}
			}
		}
	})
}

// Stop ends the loops and releases the lease, so another instance takes over
// at its next tick instead of after the lease expires. Call it after the
// Service finished its runs: the next leader marks every row left en_curso
// by another instance interrumpida.
func (c *Coordinator) Stop(ctx context.Context) error {
	if !c.halt() {
		return nil
	}
	return c.release(ctx)
}

// halt ends the loops and steps down without releasing the lease, as a
// crashed process would. It reports whether the Coordinator was running.
func (c *Coordinator) halt() bool {
	c.lifeMu.Lock()
	defer c.lifeMu.Unlock()
	if !c.started || c.halted {
		return false
	}
	c.halted = true
	c.cancel()
	c.loops.Wait()
	c.mu.Lock()
	c.leading = false
	c.lease = app.Lease{}
	c.mu.Unlock()
	return true
}

// IsLeader is the gocron.Elector: nil while this process holds an unexpired
// lease, as far as it knows. It is cheap, as gocron asks it before each run.
func (c *Coordinator) IsLeader(context.Context) error {
	leading := c.Leading()
	if c.afterTick != nil {
		c.afterTick("elector", c.clock.Now())
	}
	if leading {
		return nil
	}
	return errStandby
}

// Leading reports whether this process is the scheduling one now.
func (c *Coordinator) Leading() bool {
	leading, _ := c.view()
	return leading
}

// view is this process's role and the lease as last seen.
func (c *Coordinator) view() (bool, app.Lease) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.leading && c.clock.Now().Before(c.validUntil), c.lease
}

// role is what Status shows: the role, who holds the lease, and why the
// lease cannot be written when it cannot. A process that cannot write the
// lease is RoleNone, never a standby: it does not know of another holder.
func (c *Coordinator) role() (string, string, *app.Message) {
	c.mu.Lock()
	leading := c.leading && c.clock.Now().Before(c.validUntil)
	lease, failing := c.lease, c.leaseErr
	c.mu.Unlock()
	switch {
	case leading && failing != nil:
		return app.RoleLeader, c.me.Holder(), leaseProblem(true, failing)
	case leading:
		return app.RoleLeader, c.me.Holder(), nil
	case failing != nil:
		return app.RoleNone, "", leaseProblem(false, failing)
	case lease.HolderID == "" || lease.HolderID == c.me.HolderID:
		// Not yet campaigned, or this process's lease ran out locally and
		// its next tick renews it: no one else holds it.
		return app.RoleNone, "", nil
	}
	return app.RoleStandby, lease.Holder(), nil
}

// leaseProblem says why the lease could not be written: the storage's own
// Message (full disk, read-only, I/O) when it has one.
func leaseProblem(leading bool, err error) *app.Message {
	cause := app.Msg(app.CodeLeaseStoreError, app.Args{"Detail": err.Error()})
	var p interface{ Problem() app.Message }
	if errors.As(err, &p) {
		cause = p.Problem()
	}
	m := app.Msg(app.CodeLeaseNotWritten, app.Args{"Cause": cause})
	if leading {
		m = app.Msg(app.CodeLeaseRenewFailing, app.Args{"Cause": cause})
	}
	return &m
}

// warnOnce logs a failing loop once, until it works again.
func (c *Coordinator) warnOnce(loop, msg string, err error) {
	if _, loaded := c.warned.LoadOrStore(loop, true); !loaded {
		c.log.Warn(msg, "error", err)
	}
}

// recovered logs that a failing loop works again.
func (c *Coordinator) recovered(loop, msg string) {
	if _, was := c.warned.LoadAndDelete(loop); was {
		c.log.Info(msg)
	}
}
