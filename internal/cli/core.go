package cli

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"sync/atomic"
	"time"

	"github.com/jonboulle/clockwork"

	"vigia/app"
	"vigia/internal/config"
	"vigia/internal/console"
	"vigia/internal/settings"
	"vigia/notify"
	"vigia/scheduler"
	"vigia/storage"
)

// core is what one process runs, built from its configuration over an open
// database: the stored settings and their mailer, the Service, the scheduler
// and the coordinator of the database's lease, the API token, and what
// prints to the console.
type core struct {
	cfg     config.Config // with the stored settings in effect at start
	con     *console.Console
	log     *slog.Logger
	version string

	token  apiToken
	prefs  *settings.Manager
	svc    *app.Service
	sched  *scheduler.Scheduler
	coord  *scheduler.Coordinator
	roles  *console.RoleReporter
	blocks *console.RunPrinter
	feed   app.ChangeFeed // the database's change notices (changes.go)

	// stopping turns the coordinator's callbacks into no-ops once shutdown
	// began: the timers are gone and the Service refuses new runs.
	stopping atomic.Bool
	stopped  bool // stopRuns has run
}

// build wires the adapters into the service over store. Nothing runs yet.
func (s Server) build(ctx context.Context, store *storage.Store) (*core, error) {
	c := &core{cfg: s.Config, con: s.Console, log: s.Log, version: s.Version, feed: store}
	var err error
	if c.token, err = loadToken(c.cfg.APIToken, c.cfg.DataDir); err != nil {
		return nil, err
	}
	// The stored settings (Configuración screen) join the environment's:
	// the first mailer, zone and recipients come from both.
	if c.prefs, err = s.settings(ctx, store); err != nil {
		return nil, err
	}
	c.cfg.Live = c.prefs.Live()
	// self is how a lease names this process (the coordinator's own
	// identity: host name and PID; any non-empty holder ID renders it).
	host, _ := os.Hostname()
	c.roles = console.NewRoleReporter(c.con, app.Lease{HolderID: "self", Host: host, PID: os.Getpid()}.Holder())
	if c.coord, err = scheduler.NewCoordinator(c.coordinatorConfig(store)); err != nil {
		return nil, fmt.Errorf("no se pudo crear el coordinador del scheduler: %v", err)
	}
	c.sched, err = scheduler.New(
		func(id int64, name string, slot time.Time) { c.svc.RunScheduled(id, name, slot) },
		scheduler.WithLocation(c.cfg.Location),
		scheduler.WithLogger(c.log),
		scheduler.WithCoordinator(c.coord),
	)
	if err != nil {
		return nil, fmt.Errorf("no se pudo crear el scheduler: %v", err)
	}
	c.svc = app.NewService(app.Config{
		Store:             store,
		Mailer:            c.prefs.Mailer(),
		Renderer:          notify.Renderer{},
		Scheduler:         c.sched,
		Location:          c.cfg.Location,
		DefaultRecipients: c.cfg.DefaultRecipients,
		Logger:            c.log,
		Instance:          c.coord.Instance(),
		RunTimeout:        runTimeout(c.cfg),
	})
	c.prefs.Bind(c.svc)
	c.blocks = console.NewRunPrinter(c.con, c.svc.Paused)
	c.svc.Subscribe(c.blocks.OnEvent)
	return c, nil
}

// settings reads the stored settings over the environment's; each mailer it
// makes sends with this process's retry waits.
func (s Server) settings(ctx context.Context, store *storage.Store) (*settings.Manager, error) {
	cfg, log := s.Config, s.Log
	return settings.New(ctx, settings.Options{
		Store:       store,
		Env:         cfg.Env,
		DataDir:     cfg.DataDir,
		CloseToTray: s.CloseToTray,
		NewMailer: func(live config.Live) settings.Mailer {
			c := cfg
			c.Live = live
			return settings.NewMailer(c, log)
		},
		Logger: log,
	})
}

// coordinatorConfig connects the lease's events to the Service (c.svc, set
// before the coordinator starts) and the role line.
func (c *core) coordinatorConfig(store *storage.Store) scheduler.CoordinatorConfig {
	return scheduler.CoordinatorConfig{
		Store:  store,
		Logger: c.log,
		OnLeader: func(ctx context.Context) error {
			if c.stopping.Load() {
				return nil
			}
			if err := c.svc.Start(ctx); err != nil {
				return err
			}
			c.roles.Report(c.svc.SchedulerStatus())
			return nil
		},
		OnStandby: func() { c.roles.Report(c.svc.SchedulerStatus()) },
		OnStatus: func() {
			c.roles.Report(c.svc.SchedulerStatus())
			c.svc.LeaseChanged()
		},
		OnClockJump: func(ctx context.Context) error {
			if c.stopping.Load() {
				return nil
			}
			_, err := c.svc.Recover(ctx)
			return err
		},
		OnTick: func(ctx context.Context) {
			if !c.stopping.Load() {
				c.svc.Tick(ctx)
			}
		},
		OnChange: func(ctx context.Context) error {
			if c.stopping.Load() {
				return nil
			}
			if err := c.prefs.Refresh(ctx); err != nil {
				return err
			}
			_, err := c.svc.Reload(ctx)
			return err
		},
	}
}

// start arms every trigger, campaigns for the lease, listens to the
// database's change notices (changes.go) and loads the demo data (--demo).
// It reports false when Vigía did not start: with the error, or with none
// when a signal stopped it while starting.
func (c *core) start(ctx context.Context) (bool, error) {
	if _, err := c.svc.Reload(ctx); err != nil {
		if ctx.Err() != nil {
			return false, nil
		}
		return false, fmt.Errorf("no se pudieron programar los triggers: %v", err)
	}
	// The lease is kept through the shutdown, until the running digests are
	// finalised: the signal that ends ctx must not stop its renewal.
	if err := c.coord.Start(context.WithoutCancel(ctx)); err != nil {
		if ctx.Err() != nil {
			return false, nil
		}
		return false, fmt.Errorf("no se pudo iniciar el scheduler: %v", err)
	}
	watchChanges(ctx, c.feed, c.coord, c.svc, clockwork.NewRealClock(), c.log)
	if c.cfg.Demo {
		loadDemo(ctx, c.svc, c.log)
	}
	return true, nil
}

// stopRuns stops the timers, lets the running digests finish within
// StopTimeout (or finalises them interrumpida) and releases the lease. It
// runs once; the API is stopped before.
func (c *core) stopRuns() {
	if c.stopped {
		return
	}
	c.stopped = true
	c.stopping.Store(true)
	if err := c.sched.Shutdown(); err != nil {
		c.log.Warn("el scheduler no se detuvo limpiamente", "error", err)
	}
	sctx, cancel := context.WithTimeout(context.Background(), c.cfg.StopTimeout)
	defer cancel()
	c.svc.Shutdown(sctx)
	lctx, lcancel := context.WithTimeout(context.Background(), HTTPStopTimeout)
	defer lcancel()
	c.coord.Stop(lctx) // it logs a lease it could not release: a successor takes it when it expires
}
