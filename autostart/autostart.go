package autostart

import (
	"errors"
	"fmt"
	"path/filepath"
)

// Names of the login item on every system.
const (
	// appID is the application ID of FyneApp.toml: the name of the XDG entry
	// and of the LaunchAgent.
	appID = "co.vigia.app"
	// runValue is the value under the registry's Run key.
	runValue = "Vigia"
	// displayName is what session managers show.
	displayName = "Vigía"
)

// checkExe refuses a program path that a login session could not start: the
// session does not run in the user's working directory.
func checkExe(exe string) error {
	if exe == "" {
		return errors.New("falta la ruta del programa que debe iniciarse con el sistema")
	}
	if !filepath.IsAbs(exe) {
		return fmt.Errorf("la ruta del programa %q debe ser absoluta para iniciarse con el sistema", exe)
	}
	return nil
}
