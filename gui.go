//go:build !nogui && cgo

package main

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
	"vigia/logfile"
	"vigia/sessionend"
	"vigia/ui"

	// Before Fyne initialises: no «Error parsing user locale C» for LANG=C.UTF-8.
	_ "earlyenv.vigia.invalid"
)

// appID is the application's ID (FyneApp.toml): it names its preferences.
const appID = "co.vigia.app"

// desktopWanted says whether this run opens the desktop interface: not with
// --headless, and not where there is no display to open it on (a server, a
// container, an SSH session), which runs headless instead.
func desktopWanted(cfg config, getenv func(string) string) bool {
	return !cfg.Headless && hasDisplay(getenv)
}

// announceHeadless explains why a desktop build runs without its window.
func announceHeadless(cfg config, getenv func(string) string, log *slog.Logger) {
	if !cfg.Headless && !hasDisplay(getenv) {
		log.Warn("No hay pantalla (DISPLAY/WAYLAND_DISPLAY vacías): Vigía se ejecuta sin interfaz (headless); use --headless para no ver este aviso")
	}
}

// runDesktop runs Vigía with its window and tray. The Fyne app owns the main
// goroutine; serve (scheduler, database, API) runs beside it. Quitting from
// the interface stops serve first, so a digest being sent finishes; when
// serve has stopped, for whatever reason, the app ends.
func runDesktop(ctx context.Context, cfg config, con *console, log *slog.Logger, logFile *logfile.Writer, args []string) int {
	// One Vigía per user: a second launch shows the running one's window.
	if shown, err := handOver(ctx, cfg); shown {
		log.Info("Vigía ya está abierto: se mostró su ventana")
		return exitOK
	} else if err != nil {
		log.Debug("no hay otro Vigía al que pasar el control", "motivo", err)
	}

	fynelog.Route(log)
	preventBusAutolaunch()
	a := fyneapp.NewWithID(appID)
	s := startDesktopServe(ctx, cfg, con, log)
	defer s.stop()
	var deps desktopDeps
	select {
	case deps = <-s.ready:
	case <-s.stopped:
		if s.serveErr == nil { // stopped by a signal while starting
			return exitOK
		}
		log.Error("Vigía no pudo iniciar", "error", s.serveErr)
		showStartupError(a, s.serveErr)
		return exitFailed
	}

	u, err := newDesktopUI(a, cfg, deps, logFile, args, log, s.stop)
	if err != nil {
		s.stop()
		<-s.stopped
		if ctx.Err() != nil { // a signal stopped serve under the interface being built
			return s.exitCode(log)
		}
		log.Error("no se pudo crear la interfaz", "error", err)
		return exitFailed
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

// desktopServe is serve running beside the desktop interface.
type desktopServe struct {
	current  atomic.Pointer[ui.UI] // the interface, once built
	ready    chan desktopDeps      // serve has started
	stopped  chan struct{}         // serve has returned; serveErr is set
	serveErr error
	stop     context.CancelFunc // stops serve: running digests finish
}

// startDesktopServe runs serve in the background until ctx ends or stop.
func startDesktopServe(ctx context.Context, cfg config, con *console, log *slog.Logger) *desktopServe {
	s := &desktopServe{ready: make(chan desktopDeps, 1), stopped: make(chan struct{})}
	sctx, stop := context.WithCancel(ctx)
	s.stop = stop
	go func() {
		defer close(s.stopped)
		s.serveErr = serve(sctx, cfg, con, log, serveHooks{
			ready: func(d desktopDeps) { s.ready <- d },
			showWindow: func() {
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
func watchSessionEnd(cfg config, s *desktopServe) (cancel func(), err error) {
	return sessionend.Watch(sessionend.Options{
		Stop:    s.stop,
		Stopped: s.stopped,
		Reason:  "Vigía está terminando el envío de un resumen",
		Limit:   httpStopTimeout + cfg.StopTimeout + 5*time.Second,
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
		return exitFailed
	}
	log.Info("Vigía detenido")
	return exitOK
}

// newDesktopUI builds the window and the tray over what serve started.
func newDesktopUI(a fyne.App, cfg config, deps desktopDeps, logFile *logfile.Writer, args []string, log *slog.Logger, quit func()) (*ui.UI, error) {
	logPath := ""
	if logFile != nil {
		logPath = logFile.Path()
	}
	autostartEntry, autostartWhyNot := newAutostartEntry(cfg, args)
	return ui.New(a, ui.Deps{
		Service:         deps.Service,
		Settings:        deps.Settings,
		Autostart:       autostartEntry,
		AutostartWhyNot: autostartWhyNot,
		APIAddr:         deps.Addr,
		Token:           deps.Token,
		LogFile:         logPath,
		DataDir:         deps.DataDir,
		Version:         version,
		TrayHost:        trayHostPresent(),
		NoNotifications: !sessionHas().notifications,
		Logger:          log,
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
