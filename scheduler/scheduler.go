package scheduler

import (
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-co-op/gocron/v2"
	"github.com/google/uuid"
	"github.com/jonboulle/clockwork"

	"vigia/app"
)

// RunFunc runs the due slot of a trigger; main wires it to
// (*app.Service).RunScheduled. It is called on its own goroutine.
type RunFunc func(triggerID int64, name string, slot time.Time)

// Scheduler is the app.Scheduler over gocron: one gocron job per active trigger.
type Scheduler struct {
	run   RunFunc
	clock clockwork.Clock
	// loc is the zone jobs armed from now on read their schedules in; each
	// job keeps the zone it was armed with (see SetLocation).
	loc   atomic.Pointer[time.Location]
	log   *slog.Logger
	coord *Coordinator // nil: this process is the only scheduler of its database
	gs    gocron.Scheduler

	// mu serialises changes to the jobs (Sync, Upsert, Remove) and guards armed.
	mu    sync.Mutex
	armed map[int64]armedJob

	// snap is what Status reads, without locks; see status.go.
	snap atomic.Pointer[snapshot]

	started  atomic.Bool
	shutdown atomic.Bool
}

var _ app.Scheduler = (*Scheduler)(nil)

// Option configures a Scheduler.
type Option func(*Scheduler)

// WithClock sets the clock that times the jobs (default: the real clock).
func WithClock(c clockwork.Clock) Option { return func(s *Scheduler) { s.clock = c } }

// WithLocation sets the zone schedules are read in (default UTC, as app.Config).
func WithLocation(loc *time.Location) Option { return func(s *Scheduler) { s.loc.Store(loc) } }

// WithLogger sets the logger (default slog.Default()).
func WithLogger(l *slog.Logger) Option { return func(s *Scheduler) { s.log = l } }

// WithCoordinator makes the scheduler run slots only while c holds the
// database's lease (gocron's distributed elector): on a standby instance jobs
// are armed, so Status shows their next runs, but a due slot is skipped.
// Status then reports the role and the lease holder.
func WithCoordinator(c *Coordinator) Option { return func(s *Scheduler) { s.coord = c } }

// New returns a stopped Scheduler that calls run for every due slot.
func New(run RunFunc, opts ...Option) (*Scheduler, error) {
	if run == nil {
		return nil, fmt.Errorf("new scheduler: nil RunFunc")
	}
	s := &Scheduler{run: run, armed: map[int64]armedJob{}}
	for _, opt := range opts {
		opt(s)
	}
	if s.clock == nil {
		s.clock = clockwork.NewRealClock()
	}
	if s.loc.Load() == nil {
		s.loc.Store(time.UTC)
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	// gocron runs in UTC whatever the configured zone: slotCron applies the
	// zone itself. gocron's fall-back check (cronJob.next) skips a next run
	// that shows lastRun's wall clock, to the second; in a DST zone that would
	// drop genuine slots such as 01:00 EST after 01:00 EDT of an hourly
	// trigger, while in UTC only instants within one second look alike (see
	// slotCron.Next).
	gopts := []gocron.SchedulerOption{
		gocron.WithClock(s.clock),
		gocron.WithLocation(time.UTC),
		gocron.WithLogger(gocronLogger{s.log}),
	}
	if s.coord != nil {
		gopts = append(gopts, gocron.WithDistributedElector(s.coord))
		s.coord.sched.Store(s)
	}
	gs, err := gocron.NewScheduler(gopts...)
	if err != nil {
		return nil, fmt.Errorf("new gocron scheduler: %w", err)
	}
	s.gs = gs
	s.snap.Store(&snapshot{})
	return s, nil
}

// SetLocation changes the zone schedules are read in (nil: UTC). Jobs armed
// before keep their zone until they are armed again: the next Sync re-arms
// every job armed in another zone (the zone is part of a job's key), Rearm
// re-creates them all. Safe to call while jobs fire.
func (s *Scheduler) SetLocation(loc *time.Location) {
	if loc == nil {
		loc = time.UTC
	}
	s.loc.Store(loc)
}

// location is the zone new jobs are armed in.
func (s *Scheduler) location() *time.Location { return s.loc.Load() }

// Start arms the timers of every job; jobs added later are armed at once.
func (s *Scheduler) Start() {
	if s.shutdown.Load() || s.started.Swap(true) {
		return
	}
	s.gs.Start()
}

// Shutdown stops every timer. Runs already handed to the RunFunc go on: the
// Service waits for its own runs.
func (s *Scheduler) Shutdown() error {
	s.shutdown.Store(true)
	if err := s.gs.Shutdown(); err != nil {
		return fmt.Errorf("shut down gocron: %w", err)
	}
	return nil
}

// Running reports whether the scheduler was started and not shut down.
func (s *Scheduler) Running() bool { return s.started.Load() && !s.shutdown.Load() }

// jobID is the gocron identifier of a trigger's job: stable, so a job can be
// found, replaced and removed by trigger ID.
func jobID(triggerID int64) uuid.UUID {
	u := uuid.UUID{'v', 'i', 'g', 'i', 'a', '-', 't', 'r'}
	for i := range 8 {
		u[15-i] = byte(uint64(triggerID) >> (8 * i))
	}
	return u
}

func jobTag(triggerID int64) string { return fmt.Sprintf("trigger_%d", triggerID) }

// gocronLogger hands gocron's lifecycle chatter to Debug: the console shows
// Vigía's own messages, gocron's warnings and errors still get through.
type gocronLogger struct{ l *slog.Logger }

func (g gocronLogger) Debug(msg string, args ...any) { g.l.Debug(msg, args...) }
func (g gocronLogger) Info(msg string, args ...any)  { g.l.Debug(msg, args...) }
func (g gocronLogger) Warn(msg string, args ...any)  { g.l.Warn(msg, args...) }
func (g gocronLogger) Error(msg string, args ...any) { g.l.Error(msg, args...) }
