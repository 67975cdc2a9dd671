//go:build !nogui && cgo

package desktop

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"vigia/fynelog"
	"vigia/internal/cli"
	"vigia/internal/config"
	"vigia/sessionend"
	"vigia/ui"

	// Before Fyne initialises: no «Error parsing user locale C» for LANG=C.UTF-8.
	_ "earlyenv.vigia.invalid"
)

// appID is the application's ID (FyneApp.toml): it names its preferences.
const appID = "co.vigia.app"

// Wanted says whether this run opens the desktop interface: not with
// --headless, and not where there is no display to open it on (a server, a
// container, an SSH session), which runs headless instead.
func (Desktop) Wanted(cfg config.Config, getenv func(string) string) bool {
	return !cfg.Headless && hasDisplay(getenv)
}

// AnnounceHeadless explains why a desktop build runs without its window.
func (Desktop) AnnounceHeadless(cfg config.Config, getenv func(string) string, log *slog.Logger) {
	if !cfg.Headless && !hasDisplay(getenv) {
		log.Warn("No hay pantalla (DISPLAY/WAYLAND_DISPLAY vacías): Vigía se ejecuta sin interfaz (headless); use --headless para no ver este aviso")
	}
}

// Run runs Vigía with its window and tray. The Fyne app owns the main
// goroutine; srv.Serve (scheduler, database, API) runs beside it. Quitting from
// the interface stops serve first, so a digest being sent finishes; when
// serve has stopped, for whatever reason, the app ends.
func (Desktop) Run(ctx context.Context, srv cli.Server) int {
	cfg, log := srv.Config, srv.Log
	// One Vigía per user: a second launch shows the running one's window.
	if shown, err := cli.HandOver(ctx, cfg); shown {
		log.Info("Vigía ya está abierto: se mostró su ventana")
		return config.ExitOK
	} else if err != nil {
		log.Debug("no hay otro Vigía al que pasar el control", "motivo", err)
	}

	fynelog.Route(log)
	preventBusAutolaunch()
	a := fyneapp.NewWithID(appID)
	s := startDesktopServe(ctx, srv)
	defer s.stop()
	var deps cli.Deps
	select {
	case deps = <-s.ready:
	case <-s.stopped:
		if s.serveErr == nil { // stopped by a signal while starting
			return config.ExitOK
		}
		log.Error("Vigía no pudo iniciar", "error", s.serveErr)
		showStartupError(a, s.serveErr)
		return config.ExitFailed
	}

	u, err := newDesktopUI(a, srv, deps, s.stop)
	if err != nil {
		s.stop()
		<-s.stopped
		if ctx.Err() != nil { // a signal stopped serve under the interface being built
			return s.exitCode(log)
		}
		log.Error("no se pudo crear la interfaz", "error", err)
		return config.ExitFailed
	}
	s.current.Store(u)
	runReturned := make(chan struct{})
	go s.endInterfaceWhenStopped(u, runReturned, log)
	if endSession, err := watchSessionEnd(cfg, s); err != nil {
		log.Warn("no se podrá detener Vigía ordenadamente al cerrar la sesión de Windows", "error", err)
	} else {
		defer endSession()
	}
	if !cfg.Tray || !trayHostPresent() {
		u.Show()
	}
	a.Run()
	close(runReturned)

	// The app also ends without Salir: the session logs out, or Fyne's own
	// signal handler quit it. Either way the running digests finish.
	s.stop()
	<-s.stopped
	return s.exitCode(log)
}

// fyneExitGrace is how long Fyne's loop may take to end once Vigía has stopped.
const fyneExitGrace = 5 * time.Second

// desktopServe is Serve running beside the desktop interface.
type desktopServe struct {
	current  atomic.Pointer[ui.UI] // the interface, once built
	ready    chan cli.Deps         // serve has started
	stopped  chan struct{}         // serve has returned; serveErr is set
	serveErr error
	stop     context.CancelFunc // stops serve: running digests finish
}

// startDesktopServe runs srv.Serve in the background until ctx ends or stop.
func startDesktopServe(ctx context.Context, srv cli.Server) *desktopServe {
	s := &desktopServe{ready: make(chan cli.Deps, 1), stopped: make(chan struct{})}
	sctx, stop := context.WithCancel(ctx)
	s.stop = stop
	go func() {
		defer close(s.stopped)
		s.serveErr = srv.Serve(sctx, cli.Hooks{
			Ready: func(d cli.Deps) { s.ready <- d },
			ShowWindow: func() {
				if u := s.current.Load(); u != nil {
					u.ShowFromOutside()
				}
			},
		})
	}()
	return s
}

// watchSessionEnd stops serve when Windows ends the session (log off,
// restart, shutdown) and holds the session's end until it has stopped, as
// long as a digest in flight may take. Elsewhere that end is SIGTERM.
func watchSessionEnd(cfg config.Config, s *desktopServe) (cancel func(), err error) {
	return sessionend.Watch(sessionend.Options{
		Stop:    s.stop,
		Stopped: s.stopped,
		Reason:  "Vigía está terminando el envío de un resumen",
		Limit:   cli.HTTPStopTimeout + cfg.StopTimeout + 5*time.Second,
	})
}

// endInterfaceWhenStopped ends the interface once serve has stopped, for
// whatever reason. Fyne 2.7 can hang at the very end of its loop: a
// lifecycle event queued after the loop's last drain waits forever for the
// loop (a goroutine dump of the process tests showed it once in ~120
// stops). Everything of Vigía is stopped and recorded by then, so after
// fyneExitGrace the process exits without Fyne.
func (s *desktopServe) endInterfaceWhenStopped(u *ui.UI, runReturned <-chan struct{}, log *slog.Logger) {
	<-s.stopped
	u.Stopped()
	select {
	case <-runReturned:
	case <-time.After(fyneExitGrace):
		log.Debug("el bucle de Fyne no terminó: Vigía sale sin esperarlo")
		os.Exit(s.exitCode(log))
	}
}

// exitCode is the process's exit code once serve has stopped.
func (s *desktopServe) exitCode(log *slog.Logger) int {
	if s.serveErr != nil && !errors.Is(s.serveErr, context.Canceled) {
		log.Error("Vigía se detuvo por un error", "error", s.serveErr)
		return config.ExitFailed
	}
	log.Info("Vigía detenido")
	return config.ExitOK
}

// newDesktopUI builds the window and the tray over what serve started.
func newDesktopUI(a fyne.App, srv cli.Server, deps cli.Deps, quit func()) (*ui.UI, error) {
	logPath := ""
	if srv.LogFile != nil {
		logPath = srv.LogFile.Path()
	}
	autostartEntry, autostartWhyNot := newAutostartEntry(srv.Config, srv.Args)
	return ui.New(a, ui.Deps{
		Service:         deps.Service,
		Settings:        deps.Settings,
		Autostart:       autostartEntry,
		AutostartWhyNot: autostartWhyNot,
		APIAddr:         deps.Addr,
		Token:           deps.Token,
		LogFile:         logPath,
		DataDir:         deps.DataDir,
		Version:         srv.Version,
		TrayHost:        trayHostPresent(),
		NoNotifications: !sessionHas().notifications,
		Logger:          srv.Log,
		Quit:            quit,
	})
}

// showStartupError tells a user who has no console why Vigía did not start.
func showStartupError(a fyne.App, err error) {
	w := a.NewWindow("Vigía")
	msg := widget.NewLabel("Vigía no pudo iniciar:\n\n" + err.Error())
	msg.Wrapping = fyne.TextWrapWord
	w.SetContent(container.NewBorder(nil, container.NewCenter(widget.NewButton("Cerrar", a.Quit)), nil, nil, msg))
	w.Resize(fyne.NewSize(560, 220))
	w.SetOnClosed(a.Quit)
	w.Show()
	a.Run()
}

// sessionHas is asked once: the answer does not change during a session.
var sessionHas = sync.OnceValue(lookUpSessionServices)

// trayHostPresent: a tray can show our icon, so a hidden window can come back.
func trayHostPresent() bool { return sessionHas().tray }
