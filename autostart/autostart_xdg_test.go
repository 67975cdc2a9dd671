//go:build !windows && !darwin

package autostart

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// configHome points XDG_CONFIG_HOME at a temporary directory and returns the
// path of Vigía's autostart entry in it.
func configHome(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	return filepath.Join(dir, "autostart", "co.vigia.app.desktop")
}

func TestEnableWritesAnAutostartEntryAndDisableRemovesIt(t *testing.T) {
	// given
	path := configHome(t)
	if on, err := Enabled(); err != nil || on {
		t.Fatalf("before Enable: Enabled() = %v, %v", on, err)
	}

	// when
	if err := Enable("/opt/Vigía/vigia", []string{"--minimizado"}); err != nil {
		t.Fatalf("Enable: %v", err)
	}

	// then
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("entry not written: %v", err)
	}
	if !strings.Contains(string(data), "\nExec=\"/opt/Vigía/vigia\" \"--minimizado\"\n") {
		t.Errorf("entry:\n%s", data)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); perm != 0o644 {
		t.Errorf("entry mode %04o, want 0644", perm)
	}
	if on, err := Enabled(); err != nil || !on {
		t.Errorf("after Enable: Enabled() = %v, %v", on, err)
	}

	// when
	if err := Disable(); err != nil {
		t.Fatalf("Disable: %v", err)
	}

	// then
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("entry still there: %v", err)
	}
	if on, err := Enabled(); err != nil || on {
		t.Errorf("after Disable: Enabled() = %v, %v", on, err)
	}
}

func TestEnableReplacesTheEntryAndLeavesNoTemporaryFiles(t *testing.T) {
	path := configHome(t)
	if err := Enable("/opt/vigia-viejo", nil); err != nil {
		t.Fatal(err)
	}
	if err := Enable("/opt/vigia-nuevo", nil); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), "viejo") || !strings.Contains(string(data), `Exec="/opt/vigia-nuevo"`) {
		t.Errorf("entry:\n%s", data)
	}
	names, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	if len(names) != 1 {
		t.Errorf("autostart dir holds %v, want only the entry", names)
	}
}

func TestAnEntryTurnedOffInGnomeIsReportedOffAndEnableTurnsItOn(t *testing.T) {
	// given: GNOME's startup applications settings turned the entry off
	path := configHome(t)
	if err := Enable("/opt/vigia", nil); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	off := strings.Replace(string(data), "X-GNOME-Autostart-enabled=true", "X-GNOME-Autostart-enabled=false", 1)
	if err := os.WriteFile(path, []byte(off), 0o644); err != nil {
		t.Fatal(err)
	}
	if on, err := Enabled(); err != nil || on {
		t.Fatalf("turned off in GNOME: Enabled() = %v, %v", on, err)
	}

	// when
	if err := Enable("/opt/vigia", nil); err != nil {
		t.Fatal(err)
	}

	// then
	if on, err := Enabled(); err != nil || !on {
		t.Errorf("after Enable: Enabled() = %v, %v", on, err)
	}
}

func TestWithoutXDGConfigHomeTheEntryGoesUnderHomeConfig(t *testing.T) {
	for _, xdg := range []string{"", "relativa/config"} {
		t.Run("XDG_CONFIG_HOME="+xdg, func(t *testing.T) {
			home := t.TempDir()
			t.Setenv("HOME", home)
			t.Setenv("XDG_CONFIG_HOME", xdg) // a relative path is invalid per the spec
			if err := Enable("/opt/vigia", nil); err != nil {
				t.Fatal(err)
			}
			if _, err := os.Stat(filepath.Join(home, ".config", "autostart", "co.vigia.app.desktop")); err != nil {
				t.Errorf("entry not under ~/.config/autostart: %v", err)
			}
		})
	}
}

func TestDisableWithoutAnEntryDoesNothing(t *testing.T) {
	configHome(t)
	if err := Disable(); err != nil {
		t.Errorf("Disable: %v", err)
	}
}

func TestEnableRefusesAProgramPathTheSessionCannotFind(t *testing.T) {
	path := configHome(t)
	for _, exe := range []string{"", "vigia", "./vigia"} {
		err := Enable(exe, nil)
		if err == nil || !strings.Contains(err.Error(), "ruta del programa") {
			t.Errorf("Enable(%q) = %v, want a Spanish error about the path", exe, err)
		}
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("an entry was written: %v", err)
	}
}

func TestEnableReportsAnUnwritableConfigDirInSpanish(t *testing.T) {
	// given: the autostart directory is a file
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	if err := os.WriteFile(filepath.Join(dir, "autostart"), nil, 0o644); err != nil {
		t.Fatal(err)
	}

	// when
	err := Enable("/opt/vigia", nil)

	// then
	if err == nil || !strings.HasPrefix(err.Error(), "no se pudo activar el inicio con el sistema") {
		t.Errorf("Enable = %v", err)
	}
}

func TestProgramRegistersTheRunningExecutable(t *testing.T) {
	// given
	path := configHome(t)
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	p := Program{Args: []string{"--oculto"}}

	// when
	if err := p.Enable(); err != nil {
		t.Fatalf("Enable: %v", err)
	}

	// then
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := "\nExec=" + desktopExec(exe, []string{"--oculto"}) + "\n"; !strings.Contains(string(data), want) {
		t.Errorf("entry lacks %q:\n%s", want, data)
	}
	if on, err := p.Enabled(); err != nil || !on {
		t.Errorf("Enabled() = %v, %v", on, err)
	}
	if err := p.Disable(); err != nil {
		t.Fatal(err)
	}
	if on, err := p.Enabled(); err != nil || on {
		t.Errorf("after Disable: Enabled() = %v, %v", on, err)
	}
}
