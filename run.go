package main

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
	"syscall"
	"time"

	"vigia/api"
	"vigia/app"
	"vigia/notify"
	"vigia/scheduler"
	"vigia/storage"
)

// version is the release; `-ldflags "-X main.version=..."` overrides it.
var version = "0.1.0"

// Exit codes.
const (
	exitOK     = 0
	exitFailed = 1 // could not start, or stopped on an error
	exitConfig = 2 // bad flags, environment or .env
)

// Shutdown bounds: the HTTP server finishes its requests, then running digests
// get stopTimeout to finish before they are cancelled and finalised.
const (
	httpStopTimeout = 5 * time.Second
	stopTimeout     = 30 * time.Second
)

// mailer is an app.Mailer that can describe itself for the banner.
type mailer interface {
	app.Mailer
	Mode() string
}

// run is the whole program: it returns the process's exit code.
func run(args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	dotenv, err := readDotenv(".env")
	if err != nil {
		fmt.Fprintf(stderr, "ERROR: %v\n", err)
		return exitConfig
	}
	cfg, err := loadConfig(args, getenv, dotenv, stdout)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case err != nil:
		fmt.Fprintf(stderr, "ERROR: %v\n", err)
		return exitConfig
	}

	con := &console{w: stdout}
	log := slog.New(newConsoleHandler(con, cfg.LogLevel))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		stop() // from now on a second Ctrl+C ends the process at once
	}()

	if err := serve(ctx, cfg, con, log); err != nil {
		fmt.Fprintf(stderr, "ERROR: %v\n", err)
		return exitFailed
	}
	log.Info("Vigía detenido")
	return exitOK
}

// serve wires the adapters into the service, runs until ctx ends and stops
// everything in order.
func serve(ctx context.Context, cfg config, con *console, log *slog.Logger) (err error) {
	announceInterface(cfg, log)

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

	mail := newMailer(cfg)
	var svc *app.Service
	sched, err := scheduler.New(
		func(id int64, name string, slot time.Time) { svc.RunScheduled(id, name, slot) },
		scheduler.WithLocation(cfg.Location),
		scheduler.WithLogger(log),
	)
	if err != nil {
		return fmt.Errorf("no se pudo crear el scheduler: %v", err)
	}
	svc = app.NewService(app.Config{
		Store:             store,
		Mailer:            mail,
		Scheduler:         sched,
		Location:          cfg.Location,
		DefaultRecipients: cfg.DefaultRecipients,
		Logger:            log,
	})
	blocks := &runPrinter{con: con, outbox: cfg.Outbox}
	defer blocks.start() // a failed start still shows the runs it finished
	svc.Subscribe(blocks.onEvent)

	sched.Start()
	stopped := false
	stopRuns := func() {
		if stopped {
			return
		}
		stopped = true
		if serr := sched.Shutdown(); serr != nil {
			log.Warn("el scheduler no se detuvo limpiamente", "error", serr)
		}
		sctx, cancel := context.WithTimeout(context.Background(), stopTimeout)
		defer cancel()
		svc.Shutdown(sctx)
	}
	defer stopRuns()

	if err := svc.Start(ctx); err != nil {
		if ctx.Err() != nil {
			return nil // stopped by a signal while starting
		}
		return fmt.Errorf("no se pudo iniciar el scheduler: %v", err)
	}
	triggers, err := svc.Triggers(ctx)
	if err != nil {
		return fmt.Errorf("no se pudieron leer los triggers: %v", err)
	}
	con.print(bannerText(triggers, svc.SchedulerStatus()) + startupText(cfg, ln.Addr().String(), token, mail))
	blocks.start()
	if token.Warning != "" {
		log.Warn(token.Warning)
	}

	srv := api.NewServer(cfg.Addr, api.New(svc, api.Options{
		Token:       token.Value,
		TokenHint:   token.Hint,
		Version:     version,
		Logger:      log,
		AllowRemote: cfg.AllowRemote,
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
	hctx, cancel := context.WithTimeout(context.Background(), httpStopTimeout)
	defer cancel()
	if herr := srv.Shutdown(hctx); herr != nil && !errors.Is(herr, http.ErrServerClosed) {
		log.Warn("la API no se detuvo limpiamente", "error", herr)
	}
	stopRuns()
	return serveErr
}

func newMailer(cfg config) mailer {
	if cfg.Outbox {
		return notify.NewOutbox(filepath.Join(cfg.DataDir, "outbox"), cfg.SMTP.From)
	}
	return notify.NewSMTP(cfg.SMTP)
}

// startupText is what the banner of the seed does not say: where the API
// listens, where its token is, how digests leave, the zone and the database.
func startupText(cfg config, addr string, token apiToken, mail mailer) string {
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
		s += fmt.Sprintf("INFO: Destinatarios por defecto: %s\n", listOrNone(cfg.DefaultRecipients))
	}
	s += fmt.Sprintf("INFO: Zona horaria: %s\n", cfg.Location)
	s += fmt.Sprintf("INFO: Base de datos: %s\n", cfg.DBPath)
	return s
}
