package app

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Config wires a Service to its adapters.
type Config struct {
	Store     Store
	Mailer    Mailer
	Scheduler Scheduler
	Clock     Clock          // default: the system clock
	Location  *time.Location // the zone schedules and dates are read in; default UTC
	// DefaultRecipients receive digests of triggers that name none (EMAIL_DESTINATARIOS).
	DefaultRecipients []string
	Logger            *slog.Logger // default: slog.Default()
	// Instance names this process in the history rows it claims (default: random).
	Instance string
	// RunTimeout bounds one run, retries included (default DefaultRunTimeout).
	RunTimeout time.Duration
	// Renderer writes digest previews (PreviewDigest); nil disables them.
	Renderer DigestRenderer
}

// DefaultRunTimeout bounds a run when Config.RunTimeout is not set.
const DefaultRunTimeout = 15 * time.Minute

// Service is Vigía's use cases: one method per thing a user (API, GUI, timer) asks for.
type Service struct {
	store    Store
	mailer   Mailer
	sched    Scheduler
	clock    Clock
	log      *slog.Logger
	instance string
	timeout  time.Duration
	renderer DigestRenderer

	// loc and defaults change at run time (the Configuración screen): read
	// them through location() and DefaultRecipients().
	loc      atomic.Pointer[time.Location]
	defaults atomic.Pointer[[]string]
	// zoneMu serialises zone changes, so the scheduler ends in the last one.
	zoneMu sync.Mutex

	paused     atomic.Bool
	recoveryMu sync.Mutex
	recovery   Recovery

	subMu sync.RWMutex
	subs  []Subscriber

	runMu   sync.Mutex
	closing bool
	running map[int64]int // trigger ID -> runs in progress
	runs    sync.WaitGroup
	// runCtx outlives the requests that start runs; Shutdown cancels it when
	// running digests overstay the stop timeout.
	runCtx     context.Context
	cancelRuns context.CancelFunc

	// cal is the tax calendar's state (calendar*.go).
	cal calendarState
}

type systemClock struct{}

func (systemClock) Now() time.Time { return time.Now() }

// NewService returns a Service over the given adapters.
func NewService(cfg Config) *Service {
	s := &Service{
		store:    cfg.Store,
		mailer:   cfg.Mailer,
		sched:    cfg.Scheduler,
		clock:    cfg.Clock,
		log:      cfg.Logger,
		instance: cfg.Instance,
		timeout:  cfg.RunTimeout,
		renderer: cfg.Renderer,
		running:  map[int64]int{},
	}
	if s.instance == "" {
		var b [8]byte
		_, _ = rand.Read(b[:])
		s.instance = hex.EncodeToString(b[:])
	}
	if s.timeout <= 0 {
		s.timeout = DefaultRunTimeout
	}
	if s.clock == nil {
		s.clock = systemClock{}
	}
	loc := cfg.Location
	if loc == nil {
		loc = time.UTC
	}
	s.loc.Store(loc)
	s.SetDefaultRecipients(cfg.DefaultRecipients)
	if s.log == nil {
		s.log = slog.Default()
	}
	s.runCtx, s.cancelRuns = context.WithCancel(context.Background())
	return s
}

// Location is the configured zone.
func (s *Service) Location() *time.Location { return s.location() }

func (s *Service) location() *time.Location { return s.loc.Load() }

// SetLocation makes loc (nil: UTC) the zone schedules and dates are read in,
// from now on: every active trigger is re-armed in it, so its next runs move,
// and EventTriggersChanged tells the views. The zone it already has changes
// nothing. A run in progress keeps the slot it was started for.
func (s *Service) SetLocation(ctx context.Context, loc *time.Location) error {
	if loc == nil {
		loc = time.UTC
	}
	s.zoneMu.Lock()
	defer s.zoneMu.Unlock()
	if s.location().String() == loc.String() {
		return nil
	}
	s.loc.Store(loc)
	s.sched.SetLocation(loc)
	triggers, err := s.store.Triggers(ctx)
	if err != nil {
		return fmt.Errorf("change zone to %s: %w", loc, err)
	}
	if err := s.sched.Sync(ctx, triggers); err != nil {
		return fmt.Errorf("change zone to %s: %w", loc, err)
	}
	s.publish(Event{Kind: EventTriggersChanged})
	return nil
}

// Now is the current time in the configured zone.
func (s *Service) Now() time.Time { return s.clock.Now().In(s.location()) }

// DefaultRecipients are the addresses used by triggers that name none.
func (s *Service) DefaultRecipients() []string { return slices.Clone(*s.defaults.Load()) }

// SetDefaultRecipients replaces the addresses used by triggers that name none
// (already validated, see ParseRecipients); runs that start from now on use them.
func (s *Service) SetDefaultRecipients(addrs []string) {
	addrs = slices.Clone(addrs)
	s.defaults.Store(&addrs)
}

// Subscribe registers fn for every future event.
func (s *Service) Subscribe(fn Subscriber) {
	s.subMu.Lock()
	defer s.subMu.Unlock()
	s.subs = append(s.subs, fn)
}

func (s *Service) publish(e Event) {
	s.subMu.RLock()
	defer s.subMu.RUnlock()
	for _, fn := range s.subs {
		fn(e)
	}
}

// Instance names this process in the history.
func (s *Service) Instance() string { return s.instance }

// Start makes this process the one that schedules: rows left en_curso by a
// crashed process become interrumpida (counted as attempted, never re-sent),
// the tax calendar's alerts are regenerated (a failure is logged: the alerts
// already saved stay), missed slots are evaluated, then every active trigger is armed. With several
// processes on one database, only the lease holder calls it.
func (s *Service) Start(ctx context.Context) error {
	n, err := s.store.InterruptRunning(ctx, s.clock.Now(), Msg(CodeRunCrashed, nil), s.instance)
	if err != nil {
		return fmt.Errorf("interrupt leftover runs: %w", err)
	}
	if n > 0 {
		s.log.Warn("ejecuciones interrumpidas por un cierre inesperado", "cantidad", n)
	}
	if err := s.loadPaused(ctx); err != nil {
		return err
	}
	if _, err := s.RegenerateCalendar(ctx); err != nil {
		s.log.Error("no se pudo regenerar el calendario tributario", "error", err)
	}
	if _, err := s.CatchUp(ctx); err != nil {
		return err
	}
	_, err = s.Reload(ctx)
	return err
}

// Reload re-reads every trigger and the pause, and re-syncs the scheduler.
func (s *Service) Reload(ctx context.Context) (SchedulerStatus, error) {
	if err := s.loadPaused(ctx); err != nil {
		return SchedulerStatus{}, err
	}
	triggers, err := s.store.Triggers(ctx)
	if err != nil {
		return SchedulerStatus{}, fmt.Errorf("reload: %w", err)
	}
	if err := s.sched.Sync(ctx, triggers); err != nil {
		return SchedulerStatus{}, fmt.Errorf("reload: %w", err)
	}
	s.publish(Event{Kind: EventTriggersChanged})
	return s.SchedulerStatus(), nil
}

// Recover is what the watchdog asks for after the wall clock jumped (sleep,
// resume, a changed clock or zone): regenerate the tax calendar when the day
// changed, evaluate missed slots, then re-create every timer so the next
// runs are right in wall-clock time.
func (s *Service) Recover(ctx context.Context) (Recovery, error) {
	s.regenerateDaily(ctx)
	rep, err := s.CatchUp(ctx)
	if err != nil {
		return rep, err
	}
	triggers, err := s.store.Triggers(ctx)
	if err != nil {
		return rep, fmt.Errorf("recover: %w", err)
	}
	if err := s.sched.Rearm(ctx, triggers); err != nil {
		return rep, fmt.Errorf("recover: %w", err)
	}
	return rep, nil
}

// SchedulerStatus is the scheduler's current snapshot.
func (s *Service) SchedulerStatus() SchedulerStatus {
	st := s.sched.Status()
	st.Paused = s.Paused()
	st.Recovery = s.LastRecovery()
	return st
}

// ShuttingDown reports whether Shutdown has begun: the store may close at
// any moment, so a reader's failure then is expected.
func (s *Service) ShuttingDown() bool {
	s.runMu.Lock()
	defer s.runMu.Unlock()
	return s.closing
}

// Shutdown refuses new runs and waits for running digests until ctx ends; then
// it cancels them, and waits for their history rows to be finalised.
func (s *Service) Shutdown(ctx context.Context) {
	s.runMu.Lock()
	s.closing = true
	s.runMu.Unlock()
	done := make(chan struct{})
	go func() {
		s.runs.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-ctx.Done():
		s.log.Warn("tiempo de cierre agotado: se interrumpen los envíos en curso")
		s.cancelRuns()
		<-done
	}
	s.cancelRuns()
}
