//go:build !nogui

package main

import (
	"context"
	"errors"
	"log/slog"
	"runtime"
	"sync"
	"sync/atomic"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"vigia/logfile"
	"vigia/ui"
)

// appID is the application's ID (FyneApp.toml): it names its preferences.
const appID = "co.vigia.app"

// desktopWanted says whether this run opens the desktop interface: not with
// --headless, and not where there is no display to open it on (a server, a
// container, an SSH session), which runs headless instead.
func desktopWanted(cfg config, getenv func(string) string) bool {
	return !cfg.Headless && hasDisplay(getenv)
}

// hasDisplay: Windows and macOS always have one; elsewhere X11 or Wayland says so.
func hasDisplay(getenv func(string) string) bool {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		return true
	}
	return getenv("DISPLAY") != "" || getenv("WAYLAND_DISPLAY") != ""
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

	a := fyneapp.NewWithID(appID)
	var (
		current  atomic.Pointer[ui.UI]
		serveErr error
		stopped  = make(chan struct{})
		ready    = make(chan desktopDeps, 1)
	)
	sctx, stop := context.WithCancel(ctx)
	defer stop()
	go func() {
		defer close(stopped)
		serveErr = serve(sctx, cfg, con, log, serveHooks{
			ready: func(d desktopDeps) { ready <- d },
			showWindow: func() {
				if u := current.Load(); u != nil {
					u.ShowFromOutside()
				}
			},
		})
	}()

	var deps desktopDeps
	select {
	case deps = <-ready:
	case <-stopped:
		if serveErr == nil { // stopped by a signal while starting
			return exitOK
		}
		log.Error("Vigía no pudo iniciar", "error", serveErr)
		showStartupError(a, serveErr)
		return exitFailed
	}

	logPath := ""
	if logFile != nil {
		logPath = logFile.Path()
	}
	u, err := ui.New(a, ui.Deps{
		Service:   deps.Service,
		Settings:  deps.Settings,
		Autostart: newAutostartEntry(cfg, args),
		APIAddr:   deps.Addr,
		Token:     deps.Token,
		LogFile:   logPath,
		DataDir:   deps.DataDir,
		Version:   version,
		TrayHost:  trayHostPresent(),
		Logger:    log,
		Quit:      stop,
	})
	if err != nil {
		log.Error("no se pudo crear la interfaz", "error", err)
		stop()
		<-stopped
		return exitFailed
	}
	current.Store(u)
	go func() {
		<-stopped
		u.Stopped()
	}()
	if !cfg.Tray || !trayHostPresent() {
		u.Show()
	}
	a.Run()

	// The app also ends without Salir: the session logs out, or Fyne's own
	// signal handler quit it. Either way the running digests finish.
	stop()
	<-stopped
	if serveErr != nil && !errors.Is(serveErr, context.Canceled) {
		log.Error("Vigía se detuvo por un error", "error", serveErr)
		return exitFailed
	}
	log.Info("Vigía detenido")
	return exitOK
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

// trayHostPresent is asked once: the answer does not change during a session.
var trayHostPresent = sync.OnceValue(trayHostAvailable)
