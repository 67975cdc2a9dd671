package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"time"

	"vigia/api"
	"vigia/app"
	"vigia/internal/config"
	"vigia/internal/console"
	"vigia/internal/settings"
	"vigia/notify"
)

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
// Start: listen, open the database, build the core (core.go), start the
// timers, arm every trigger (so the status shows next runs even on a
// standby), then campaign for the database's lease: the leader's
// Service.Start interrupts rows a dead process left en_curso, catches up
// missed slots and re-arms. Then the banner, then the API.
//
// Stop: the API, the timers, the running digests (they finish within
// StopTimeout or are finalised interrumpida), then the lease is released (a
// successor must not interrupt rows this process is still finishing), then
// the database.
func (s Server) Serve(ctx context.Context, hooks Hooks) (err error) {
	cfg := s.Config
	// The port is taken before anything touches the database, so a second
	// Vigía on the same address stops here without disturbing the first one's runs.
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("no se pudo escuchar en %s: %v (¿hay otro Vigía u otro programa usando ese puerto? Cambie --addr o VIGIA_ADDR)", cfg.Addr, err)
	}
	defer ln.Close()

	store, err := s.openStoreAtStart(ctx)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := store.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("no se pudo cerrar la base de datos: %v", cerr)
		}
	}()

	c, err := s.build(ctx, store)
	if err != nil {
		return err
	}
	defer c.blocks.Start() // a failed start still shows the runs it finished
	c.sched.Start()
	defer c.stopRuns()
	if started, err := c.start(ctx); !started {
		return err // nil: stopped by a signal while starting
	}
	if err := c.announce(ctx, ln.Addr().String()); err != nil {
		return err
	}
	if hooks.Ready != nil {
		hooks.Ready(Deps{Service: c.svc, Settings: c.prefs, Addr: ln.Addr().String(), Token: c.token.Value, DataDir: cfg.DataDir})
	}
	return c.serveAPI(ctx, ln, hooks.ShowWindow)
}

// serveAPI serves the API and the web interface (web.go) on ln until ctx
// ends or the server fails, then stops them and the runs, in that order.
func (c *core) serveAPI(ctx context.Context, ln net.Listener, showWindow func()) error {
	h, err := c.handler(ln, showWindow)
	if err != nil {
		return err // Serve stops the runs
	}
	srv := api.NewServer(c.cfg.Addr, h)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	var serveErr error
	select {
	case <-ctx.Done():
		c.log.Info("Deteniendo Vigía... (pulse Ctrl+C otra vez para forzar la salida)")
	case serveErr = <-served:
		serveErr = fmt.Errorf("la API dejó de responder: %v", serveErr)
	}
	hctx, cancel := context.WithTimeout(context.Background(), HTTPStopTimeout)
	defer cancel()
	if herr := srv.Shutdown(hctx); herr != nil && !errors.Is(herr, http.ErrServerClosed) {
		c.log.Warn("la API no se detuvo limpiamente", "error", herr)
	}
	c.stopRuns()
	return serveErr
}

// announce prints the banner with this process's role and where everything
// is, then the runs' blocks from now on.
func (c *core) announce(ctx context.Context, addr string) error {
	triggers, err := c.svc.Triggers(ctx)
	if err != nil {
		return fmt.Errorf("no se pudieron leer los triggers: %v", err)
	}
	status := c.svc.SchedulerStatus()
	c.con.Print(console.BannerText(triggers, status) + c.roles.First(status) + startupText(c.cfg, addr, c.token, c.prefs.Mailer()))
	c.blocks.Start()
	if c.token.Warning != "" {
		c.log.Warn(c.token.Warning)
	}
	return nil
}

// runTimeout bounds one run: every SMTP attempt and every wait between them,
// plus a margin for the rest of the run. It allows for SMTP even when digests
// go to the outbox: the Configuración screen can add a server while Vigía
// runs, and an outbox run ends long before.
func runTimeout(cfg config.Config) time.Duration {
	return notify.RunTimeoutFor(cfg.SMTPRetryWaits, notify.DefaultTimeout)
}

// browsable is addr as a browser on this machine opens it: an address that
// listens everywhere (0.0.0.0, [::]) is reached as localhost.
func browsable(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return addr
	}
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		return net.JoinHostPort("localhost", port)
	}
	return addr
}

// startupText is what the banner of the seed does not say: where the API
// listens, where its token is, how digests leave, the zone and the database.
func startupText(cfg config.Config, addr string, token apiToken, mail settings.Mailer) string {
	s := fmt.Sprintf("INFO: API escuchando en http://%s\n", addr)
	s += fmt.Sprintf("INFO: Interfaz web en http://%s/\n", browsable(addr))
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
	s += fmt.Sprintf("INFO: Base de datos: %s\n", cfg.Database())
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
