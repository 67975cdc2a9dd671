//go:build !windows && !darwin

package autostart

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// entryDir is the directory of the user's autostart entries:
// $XDG_CONFIG_HOME/autostart, ~/.config/autostart when the variable is unset
// or (against the spec) relative. Tests move it with XDG_CONFIG_HOME and HOME.
func entryDir() (string, error) {
	if dir := os.Getenv("XDG_CONFIG_HOME"); filepath.IsAbs(dir) {
		return filepath.Join(dir, "autostart"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("no se encontró la carpeta personal del usuario: %w", err)
	}
	return filepath.Join(home, ".config", "autostart"), nil
}

func entryPath() (string, error) {
	dir, err := entryDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, appID+".desktop"), nil
}

// Enabled reports whether Vigía starts when the user logs in: its autostart
// entry exists and was not disabled in the desktop's settings.
func Enabled() (bool, error) {
	path, err := entryPath()
	if err != nil {
		return false, err
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("no se pudo leer el inicio automático en %s: %w", path, err)
	}
	return desktopEntryActive(data), nil
}

// Enable makes the session start exe with args at every login, replacing any
// previous entry of Vigía (also one disabled in the desktop's settings).
func Enable(exe string, args []string) error {
	if err := checkExe(exe); err != nil {
		return err
	}
	path, err := entryPath()
	if err != nil {
		return fmt.Errorf("no se pudo activar el inicio con el sistema: %w", err)
	}
	if err := writeFileAtomic(path, desktopEntry(exe, args), 0o644); err != nil {
		return fmt.Errorf("no se pudo activar el inicio con el sistema: %w", err)
	}
	return nil
}

// Disable removes Vigía's autostart entry; without one it does nothing.
func Disable() error {
	path, err := entryPath()
	if err != nil {
		return fmt.Errorf("no se pudo desactivar el inicio con el sistema: %w", err)
	}
	if err := removeFile(path); err != nil {
		return fmt.Errorf("no se pudo desactivar el inicio con el sistema: %w", err)
	}
	return nil
}
