package autostart

import (
	"errors"
	"fmt"

	"golang.org/x/sys/windows/registry"
)

// The keys are variables so that tests work under a scratch key.
var (
	// runKey lists the current user's programs that start at logon.
	runKey = `Software\Microsoft\Windows\CurrentVersion\Run`
	// approvedKey is where Task Manager and Settings > Apps > Startup record
	// that the user turned a Run entry off, without touching the entry.
	approvedKey = `Software\Microsoft\Windows\CurrentVersion\Explorer\StartupApproved\Run`
)

// Enabled reports whether Vigía starts at logon: its Run value exists and the
// user did not turn it off in Task Manager or Settings.
func Enabled() (bool, error) {
	k, err := registry.OpenKey(registry.CURRENT_USER, runKey, registry.QUERY_VALUE)
	if errors.Is(err, registry.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("no se pudo leer el inicio automático en el registro: %w", err)
	}
	defer k.Close()
	if _, _, err := k.GetValue(runValue, nil); errors.Is(err, registry.ErrNotExist) {
		return false, nil
	} else if err != nil {
		return false, fmt.Errorf("no se pudo leer el inicio automático en el registro: %w", err)
	}
	return !turnedOffByUser(), nil
}

// turnedOffByUser reads StartupApproved: Windows writes 02 00 ... for an
// entry the user allows and an odd first byte (03 followed by the time of
// the change) for one turned off. No value means allowed.
func turnedOffByUser() bool {
	k, err := registry.OpenKey(registry.CURRENT_USER, approvedKey, registry.QUERY_VALUE)
	if err != nil {
		return false
	}
	defer k.Close()
	data, _, err := k.GetBinaryValue(runValue)
	return err == nil && len(data) > 0 && data[0]&1 == 1
}

// Enable makes Windows start exe with args at every logon. It also clears a
// "turned off" mark of Task Manager: the user has just asked for the opposite.
func Enable(exe string, args []string) error {
	if err := checkExe(exe); err != nil {
		return err
	}
	k, _, err := registry.CreateKey(registry.CURRENT_USER, runKey, registry.SET_VALUE)
	if err != nil {
		return fmt.Errorf("no se pudo activar el inicio con el sistema: no se pudo abrir la clave del registro: %w", err)
	}
	defer k.Close()
	if err := k.SetStringValue(runValue, windowsCommandLine(exe, args)); err != nil {
		return fmt.Errorf("no se pudo activar el inicio con el sistema: no se pudo escribir en el registro: %w", err)
	}
	if err := deleteValue(approvedKey, runValue); err != nil {
		return fmt.Errorf("no se pudo activar el inicio con el sistema: %w", err)
	}
	return nil
}

// Disable removes Vigía's Run value (and its StartupApproved mark); without
// one it does nothing.
func Disable() error {
	for _, key := range []string{runKey, approvedKey} {
		if err := deleteValue(key, runValue); err != nil {
			return fmt.Errorf("no se pudo desactivar el inicio con el sistema: %w", err)
		}
	}
	return nil
}

// deleteValue deletes name under HKCU\key; a missing key or value is not an error.
func deleteValue(key, name string) error {
	k, err := registry.OpenKey(registry.CURRENT_USER, key, registry.SET_VALUE)
	if errors.Is(err, registry.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("no se pudo abrir la clave del registro %s: %w", key, err)
	}
	defer k.Close()
	if err := k.DeleteValue(name); err != nil && !errors.Is(err, registry.ErrNotExist) {
		return fmt.Errorf("no se pudo borrar el valor %s del registro: %w", name, err)
	}
	return nil
}
