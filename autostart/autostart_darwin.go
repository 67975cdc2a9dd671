package autostart

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// agentPath is ~/Library/LaunchAgents/co.vigia.app.plist.
func agentPath() (string, error) {
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("no se encontró la carpeta personal del usuario: %w", err)
	}
	return filepath.Join(home, "Library", "LaunchAgents", appID+".plist"), nil
}

// Enabled reports whether Vigía's LaunchAgent exists.
func Enabled() (bool, error) {
	path, err := agentPath()
	if err != nil {
		return false, err
	}
	_, err = os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("no se pudo leer el inicio automático en %s: %w", path, err)
	}
	return true, nil
}

// Enable writes the LaunchAgent that starts exe with args at every login. It
// is not loaded now: this Vigía is already running.
func Enable(exe string, args []string) error {
	if err := checkExe(exe); err != nil {
		return err
	}
	path, err := agentPath()
	if err != nil {
		return fmt.Errorf("no se pudo activar el inicio con el sistema: %w", err)
	}
	if err := writeFileAtomic(path, launchAgentPlist(exe, args), 0o644); err != nil {
		return fmt.Errorf("no se pudo activar el inicio con el sistema: %w", err)
	}
	return nil
}

// Disable removes Vigía's LaunchAgent; without one it does nothing.
func Disable() error {
	path, err := agentPath()
	if err != nil {
		return fmt.Errorf("no se pudo desactivar el inicio con el sistema: %w", err)
	}
	if err := removeFile(path); err != nil {
		return fmt.Errorf("no se pudo desactivar el inicio con el sistema: %w", err)
	}
	return nil
}
