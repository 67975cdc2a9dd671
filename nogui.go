//go:build nogui || !cgo

package main

import (
	"context"
	"log/slog"

	"vigia/logfile"
)

// This build has no desktop interface: it always runs headless. It is the
// one made with -tags nogui (servers, Docker), and also the one `go build`
// and `go run` make where there is no C compiler (cgo off), since the
// window needs cgo.

func desktopWanted(config, func(string) string) bool { return false }

// announceHeadless says, where a window could have been shown, why there is none.
func announceHeadless(cfg config, getenv func(string) string, log *slog.Logger) {
	if !cfg.Headless && hasDisplay(getenv) {
		log.Warn("Este Vigía se compiló sin la interfaz de escritorio (sin compilador de C, o con -tags nogui): funciona sin ventana (headless). Para la ventana, compílelo con gcc y las cabeceras gráficas (véase el README); use --headless para no ver este aviso")
	}
}

func trayHostPresent() bool { return false }

// runDesktop is never called: desktopWanted is always false.
func runDesktop(context.Context, config, *console, *slog.Logger, *logfile.Writer, []string) int {
	panic("runDesktop in a build without the desktop interface")
}
