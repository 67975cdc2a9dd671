//go:build nogui || !cgo

package desktop

import (
	"context"
	"log/slog"

	"vigia/internal/cli"
	"vigia/internal/config"
)

// This build has no desktop interface: it always runs headless. It is the
// one made with -tags nogui (servers, Docker), and also the one `go build`
// and `go run` make where there is no C compiler (cgo off), since the
// window needs cgo.

// Wanted is always false: there is no window to open.
func (Desktop) Wanted(config.Config, func(string) string) bool { return false }

// AnnounceHeadless says, where a window could have been shown, why there is none.
func (Desktop) AnnounceHeadless(cfg config.Config, getenv func(string) string, log *slog.Logger) {
	if !cfg.Headless && hasDisplay(getenv) {
		log.Warn("Este Vigía se compiló sin la interfaz de escritorio (sin compilador de C, o con -tags nogui): funciona sin ventana (headless). Para la ventana, compílelo con gcc y las cabeceras gráficas (véase el README); use --headless para no ver este aviso")
	}
}

func trayHostPresent() bool { return false }

// Run is never called: Wanted is always false.
func (Desktop) Run(context.Context, cli.Server) int {
	panic("desktop.Run in a build without the desktop interface")
}
