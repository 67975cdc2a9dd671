package autostart

import (
	"fmt"
	"os"
)

// Program is the running executable as a login item, for a settings screen
// that only switches it on and off (ui.Autostart).
type Program struct {
	// Args are the arguments the session passes at login.
	Args []string
}

// Enabled reports whether Vigía starts with the system.
func (Program) Enabled() (bool, error) { return Enabled() }

// Enable registers the running executable, as the system names it, with Args.
// A symbolic link it was started through is kept, so a package manager that
// moves the target on upgrade does not break the entry.
func (p Program) Enable() error {
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("no se pudo activar el inicio con el sistema: no se encontró la ruta del programa: %w", err)
	}
	return Enable(exe, p.Args)
}

// Disable stops Vigía from starting with the system.
func (Program) Disable() error { return Disable() }
