package autostart

import (
	"os"
	"path/filepath"
	"testing"
)

func TestEnableWritesALaunchAgentAndDisableRemovesIt(t *testing.T) {
	// given
	home := t.TempDir()
	t.Setenv("HOME", home)
	path := filepath.Join(home, "Library", "LaunchAgents", "co.vigia.app.plist")

	// when
	if err := Enable("/Applications/Vigía.app/Contents/MacOS/vigia", nil); err != nil {
		t.Fatalf("Enable: %v", err)
	}

	// then
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("agent not written: %v", err)
	}
	parsePlist(t, data)
	if on, err := Enabled(); err != nil || !on {
		t.Errorf("after Enable: Enabled() = %v, %v", on, err)
	}

	// when
	if err := Disable(); err != nil {
		t.Fatalf("Disable: %v", err)
	}

	// then
	if on, err := Enabled(); err != nil || on {
		t.Errorf("after Disable: Enabled() = %v, %v", on, err)
	}
}
