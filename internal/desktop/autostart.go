//go:build !nogui && cgo

package desktop

import (
	"os"
	"path/filepath"
	"strings"

	"vigia/autostart"
	"vigia/internal/config"
	"vigia/ui"
)

// newAutostartEntry is "Iniciar con el sistema" for this program: at logon it
// starts hidden in the tray (--bandeja), on the same database and address
// when the command line chose them. It returns nil when this program cannot
// be started at logon, and why: a `go run` build lives in a temporary folder
// that is gone by then.
func newAutostartEntry(cfg config.Config, args []string) (ui.Autostart, ui.AutostartUnavailable) {
	exe, err := os.Executable()
	if err != nil {
		return nil, ui.AutostartUnsupported
	}
	if strings.Contains(filepath.ToSlash(exe), "/go-build") {
		return nil, ui.AutostartTemporaryBuild
	}
	return autostart.Program{Args: autostartArgs(cfg, args)}, ui.AutostartUnsupported
}

// autostartArgs are the arguments of the login item: hidden in the tray, and
// the database (absolute: the session starts elsewhere) and address the
// command line chose. --demo is never repeated, nor a PostgreSQL URL: its
// password would be written in the login item (the Windows Run key, the
// desktop file) and shown in the process list. The login start finds
// DATABASE_URL where this one can: the environment or a .env file (the
// one in the user's Vigia folder is read whatever folder Vigía starts in).
func autostartArgs(cfg config.Config, args []string) []string {
	out := []string{"--bandeja"}
	if given(args, "db") && !cfg.IsPostgres() {
		out = append(out, "--db="+cfg.DBPath)
	}
	if given(args, "addr") {
		out = append(out, "--addr="+cfg.Addr)
	}
	return out
}

// given reports whether the command line set flag name (-name, --name, with or without =value).
func given(args []string, name string) bool {
	for _, a := range args {
		if !strings.HasPrefix(a, "-") {
			continue
		}
		a = strings.TrimLeft(a, "-")
		if a == name || strings.HasPrefix(a, name+"=") {
			return true
		}
	}
	return false
}
