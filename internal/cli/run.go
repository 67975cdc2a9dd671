package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"sync/atomic"
	"syscall"
	"time"

	"vigia/api"
	"vigia/app"
	"vigia/internal/config"
	"vigia/internal/console"
	"vigia/internal/settings"
	"vigia/logfile"
	"vigia/notify"
	"vigia/scheduler"
	"vigia/storage"
)

// HTTPStopTimeout bounds the HTTP server's last requests at shutdown; then
// running digests get config.StopTimeout to finish before they are cancelled
// and finalised.
const HTTPStopTimeout = 5 * time.Second

// Program is one run of Vigía as main starts it: the process's arguments,
// environment and console, so the whole program can be driven by tests.
type Program struct {
	Args           []string
	Getenv         func(string) string
	Stdout, Stderr io.Writer
	Version        string // the release, for the API and the interface
	// Desktop opens the window and the tray (internal/desktop); main hands
	// it over, so the lifecycle does not depend on Fyne.
	Desktop Desktop
}

// Desktop is the desktop interface as the lifecycle sees it.
type Desktop interface {
	// Wanted says whether this run opens the window.
	Wanted(cfg config.Config, getenv func(string) string) bool
	// AnnounceHeadless explains, where it matters, why there is no window.
	AnnounceHeadless(cfg config.Config, getenv func(string) string, log *slog.Logger)
	// CloseToTrayByDefault is the close-to-tray preference while the user
	// never chose.
	CloseToTrayByDefault() bool
	// Run runs Vigía with its window: s.Serve beside the interface. It
	// returns the process's exit code.
	Run(ctx context.Context, s Server) int
}

// Server is what one process serves with: its configuration, console and
// log. Run makes it; the desktop starts its Serve beside the window.
type Server struct {
	Config  config.Config
	Console *console.Console
	Log     *slog.Logger
	LogFile *logfile.Writer // the rotating log; nil when the console is the standard output only
	Args    []string        // the command line, for the autostart entry
	Version string
	// CloseToTray is the close-to-tray preference while the user never chose.
	CloseToTray func() bool
}

// Run is the whole program: it returns the process's exit code.
func (p Program) Run() int {
	args, getenv, stdout, stderr := p.Args, p.Getenv, p.Stdout, p.Stderr
	dotenv, err := config.ReadDotenv(".env")
	if err != nil {
		fmt.Fprintf(stderr, "ERROR: %v\n", err)
		return config.ExitConfig
	}
	cfg, err := config.Load(args, getenv, dotenv, stdout)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return config.ExitOK
	case err != nil:
		fmt.Fprintf(stderr, "ERROR: %v\n", err)
		return config.ExitConfig
	}

	gui := p.Desktop.Wanted(cfg, getenv)
	out, logFile, err := console.Output(stdout, cfg.DataDir, gui)
	if err != nil {
		fmt.Fprintf(stderr, "ERROR: %v\n", err)
		return config.ExitFailed
	}
	if logFile != nil {
		defer logFile.Close()
		stderr = io.MultiWriter(logFile, stderr) // file first: the Windows GUI has no stderr
	}
	con := console.New(out)
	log := slog.New(console.NewHandler(con, cfg.LogLevel))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		stop() // from now on a second Ctrl+C ends the process at once
	}()

	s := Server{Config: cfg, Console: con, Log: log, LogFile: logFile, Args: args, Version: p.Version,
		CloseToTray: p.Desktop.CloseToTrayByDefault}
	if gui {
		return p.Desktop.Run(ctx, s)
	}
	p.Desktop.AnnounceHeadless(cfg, getenv, log)
	if err := s.Serve(ctx, Hooks{}); err != nil {
		fmt.Fprintf(stderr, "ERROR: %v\n", err)
		return config.ExitFailed
	}
	log.Info("Vigía detenido")
	return config.ExitOK
}

// Hooks connect Serve to a desktop interface; the zero value is headless.
type Hooks struct {
	// Ready receives what the interface works with, once Vigía has started
	// (banner printed, API about to serve).
	Ready func(Deps)
	// ShowWindow serves POST /api/app/mostrar: a second launch hands over.
	ShowWindow func()
}

// Deps is what Serve hands to the desktop interface: the use cases, the
// Configuración screen's backend, and how to reach the local API.
type Deps struct {
	Service  *app.Service
	Settings *settings.Manager
	Addr     string // host:port the API listens on
	Token    string // the API's bearer token
	DataDir  string
}

// Serve wires the adapters into the service, runs until ctx ends and stops
// everything in order.
//
// Start: listen, open the database, build the service, the scheduler and the
// coordinator, start the timers, arm every trigger (so the status shows next
// runs even on a standby), then campaign for the database's lease: the
// leader's Service.Start interrupts rows a dead process left en_curso, catches
// up missed slots and re-arms. Then the banner, then the API.
//
// Stop: the API, the timers, the running digests (they finish within
// StopTimeout or are finalised interrumpida), then the lease is released (a
// successor must not interrupt rows this process is still finishing), then
// the database.
func (s Server) Serve(ctx context.Context, hooks Hooks) (err error) {
	cfg, con, log := s.Config, s.Console, s.Log
	// The port is taken before anything touches the database, so a second
	// Vigía on the same address stops here without disturbing the first one's runs.
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("no se pudo escuchar en %s: %v (¿hay otro Vigía u otro programa usando ese puerto? Cambie --addr o VIGIA_ADDR)", cfg.Addr, err)
	}
	defer ln.Close()

	store, err := storage.Open(ctx, cfg.DBPath)
	if err != nil {
		return fmt.Errorf("no se pudo abrir la base de datos %s: %v", cfg.DBPath, err)
	}
	defer func() {
		if cerr := store.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("no se pudo cerrar la base de datos: %v", cerr)
		}
	}()

	token, err := loadToken(cfg.APIToken, cfg.DataDir)
	if err != nil {
		return err
	}

	// The stored settings (Configuración screen) join the environment's:
	// the first mailer, zone and recipients come from both.
	prefs, err := settings.New(ctx, settings.Options{
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
	if err != nil {
		return err
	}
	cfg.Live = prefs.Live()
	mail := prefs.Mailer()
	var svc *app.Service
	// self is how a lease names this process (the coordinator's own
	// identity: host name and PID; any non-empty holder ID renders it).
	host, _ := os.Hostname()
	roles := console.NewRoleReporter(con, app.Lease{HolderID: "self", Host: host, PID: os.Getpid()}.Holder())
	// stopping turns the coordinator's callbacks into no-ops once shutdown
	// began: the timers are gone and the Service refuses new runs.
	var stopping atomic.Bool
	coord, err := scheduler.NewCoordinator(scheduler.CoordinatorConfig{
		Store:  store,
		Logger: log,
		OnLeader: func(ctx context.Context) error {
			if stopping.Load() {
				return nil
			}
			if err := svc.Start(ctx); err != nil {
				return err
			}
			roles.Report(svc.SchedulerStatus())
			return nil
		},
		OnStandby: func() { roles.Report(svc.SchedulerStatus()) },
		OnClockJump: func(ctx context.Context) error {
			if stopping.Load() {
				return nil
			}
			_, err := svc.Recover(ctx)
			return err
		},
		OnChange: func(ctx context.Context) error {
			if stopping.Load() {
				return nil
			}
			if err := prefs.Refresh(ctx); err != nil {
				return err
			}
			_, err := svc.Reload(ctx)
			return err
		},
	})
	if err != nil {
		return fmt.Errorf("no se pudo crear el coordinador del scheduler: %v", err)
	}
	sched, err := scheduler.New(
		func(id int64, name string, slot time.Time) { svc.RunScheduled(id, name, slot) },
		scheduler.WithLocation(cfg.Location),
		scheduler.WithLogger(log),
		scheduler.WithCoordinator(coord),
	)
	if err != nil {
		return fmt.Errorf("no se pudo crear el scheduler: %v", err)
	}
	svc = app.NewService(app.Config{
		Store:             store,
		Mailer:            mail,
		Renderer:          notify.Renderer{},
		Scheduler:         sched,
		Location:          cfg.Location,
		DefaultRecipients: cfg.DefaultRecipients,
		Logger:            log,
		Instance:          coord.Instance(),
		RunTimeout:        runTimeout(cfg),
	})
	prefs.Bind(svc)
	blocks := console.NewRunPrinter(con, svc.Paused)
	defer blocks.Start() // a failed start still shows the runs it finished
	svc.Subscribe(blocks.OnEvent)

	sched.Start()
	stopped := false
	stopRuns := func() {
		if stopped {
			return
		}
		stopped = true
		stopping.Store(true)
		if serr := sched.Shutdown(); serr != nil {
			log.Warn("el scheduler no se detuvo limpiamente", "error", serr)
		}
		sctx, cancel := context.WithTimeout(context.Background(), cfg.StopTimeout)
		defer cancel()
		svc.Shutdown(sctx)
		lctx, lcancel := context.WithTimeout(context.Background(), HTTPStopTimeout)
		defer lcancel()
		coord.Stop(lctx) // it logs a lease it could not release: a successor takes it when it expires
	}
	defer stopRuns()

	if _, err := svc.Reload(ctx); err != nil {
		if ctx.Err() != nil {
			return nil // stopped by a signal while starting
		}
		return fmt.Errorf("no se pudieron programar los triggers: %v", err)
	}
	// The lease is kept through the shutdown, until the running digests are
	// finalised: the signal that ends ctx must not stop its renewal.
	if err := coord.Start(context.WithoutCancel(ctx)); err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return fmt.Errorf("no se pudo iniciar el scheduler: %v", err)
	}
	if cfg.Demo {
		loadDemo(ctx, svc, log)
	}
	triggers, err := svc.Triggers(ctx)
	if err != nil {
		return fmt.Errorf("no se pudieron leer los triggers: %v", err)
	}
	status := svc.SchedulerStatus()
	con.Print(console.BannerText(triggers, status) + roles.First(status) + startupText(cfg, ln.Addr().String(), token, mail))
	blocks.Start()
	if token.Warning != "" {
		log.Warn(token.Warning)
	}

	if hooks.Ready != nil {
		hooks.Ready(Deps{Service: svc, Settings: prefs, Addr: ln.Addr().String(), Token: token.Value, DataDir: cfg.DataDir})
	}

	srv := api.NewServer(cfg.Addr, api.New(svc, api.Options{
		Token:       token.Value,
		TokenHint:   token.Hint,
		Version:     s.Version,
		Logger:      log,
		AllowRemote: cfg.AllowRemote,
		ShowWindow:  hooks.ShowWindow,
	}))
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	var serveErr error
	select {
	case <-ctx.Done():
		log.Info("Deteniendo Vigía... (pulse Ctrl+C otra vez para forzar la salida)")
	case serveErr = <-served:
		serveErr = fmt.Errorf("la API dejó de responder: %v", serveErr)
	}
	hctx, cancel := context.WithTimeout(context.Background(), HTTPStopTimeout)
	defer cancel()
	if herr := srv.Shutdown(hctx); herr != nil && !errors.Is(herr, http.ErrServerClosed) {
		log.Warn("la API no se detuvo limpiamente", "error", herr)
	}
	stopRuns()
	return serveErr
}

// runTimeout bounds one run: every SMTP attempt and every wait between them,
// plus a margin for the rest of the run. It allows for SMTP even when digests
// go to the outbox: the Configuración screen can add a server while Vigía
// runs, and an outbox run ends long before.
func runTimeout(cfg config.Config) time.Duration {
	return notify.RunTimeoutFor(cfg.SMTPRetryWaits, notify.DefaultTimeout)
}

// startupText is what the banner of the seed does not say: where the API
// listens, where its token is, how digests leave, the zone and the database.
func startupText(cfg config.Config, addr string, token apiToken, mail settings.Mailer) string {
	s := fmt.Sprintf("INFO: API escuchando en http://%s\n", addr)
	if token.File == "" {
		s += "INFO: Token de la API tomado de VIGIA_API_TOKEN\n"
	} else {
		s += fmt.Sprintf("INFO: Token de la API en %s\n", token.File)
	}
	if cfg.Outbox {
		s += fmt.Sprintf("INFO: Correo: sin SMTP configurado, los resúmenes se guardan en %s\n", filepath.Join(cfg.DataDir, "outbox"))
	} else {
		s += fmt.Sprintf("INFO: Correo: %s\n", mail.Mode())
	}
	if len(cfg.DefaultRecipients) > 0 {
		s += fmt.Sprintf("INFO: Destinatarios por defecto: %s\n", console.ListOrNone(cfg.DefaultRecipients))
	}
	s += fmt.Sprintf("INFO: Zona horaria: %s\n", cfg.Location)
	s += fmt.Sprintf("INFO: Base de datos: %s\n", cfg.DBPath)
	return s
}

// loadDemo fills a new database with example data (--demo); on a database
// that already has the user's own data it only says why it did nothing.
func loadDemo(ctx context.Context, svc *app.Service, log *slog.Logger) {
	sum, err := svc.LoadDemo(ctx)
	switch {
	case errors.Is(err, app.ErrNotEmpty):
		log.Warn("--demo no se aplicó: la base de datos ya tiene triggers o empresas")
	case err != nil:
		log.Error("no se pudieron cargar los datos de ejemplo", "error", err)
	default:
		log.Info(fmt.Sprintf("Datos de ejemplo cargados: %d empresas, %d alertas, %d triggers", sum.Companies, sum.Alerts, sum.Triggers))
	}
}
