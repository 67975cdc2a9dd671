package autostart

import (
	"fmt"
	"os"
	"testing"
	"time"

	"golang.org/x/sys/windows/registry"
)

// scratchKeys points the Run and StartupApproved keys at a scratch key of
// HKCU, removed after the test, so the user's real logon list is untouched.
func scratchKeys(t *testing.T) {
	t.Helper()
	base := fmt.Sprintf(`Software\VigiaPruebas%d_%d`, os.Getpid(), time.Now().UnixNano())
	oldRun, oldApproved := runKey, approvedKey
	runKey, approvedKey = base+`\Run`, base+`\StartupApproved\Run`
	t.Cleanup(func() {
		runKey, approvedKey = oldRun, oldApproved
		for _, k := range []string{base + `\StartupApproved\Run`, base + `\StartupApproved`, base + `\Run`, base} {
			_ = registry.DeleteKey(registry.CURRENT_USER, k)
		}
	})
}

func TestEnableWritesTheRunValueAndDisableRemovesIt(t *testing.T) {
	// given
	scratchKeys(t)
	exe := `C:\Program Files\Vigía\vigia.exe`

	// when
	if err := Enable(exe, []string{"--minimizado"}); err != nil {
		t.Fatalf("Enable: %v", err)
	}

	// then
	k, err := registry.OpenKey(registry.CURRENT_USER, runKey, registry.QUERY_VALUE)
	if err != nil {
		t.Fatal(err)
	}
	got, _, err := k.GetStringValue("Vigia")
	k.Close()
	if want := `"C:\Program Files\Vigía\vigia.exe" --minimizado`; err != nil || got != want {
		t.Errorf("Run value = %q, %v; want %q", got, err, want)
	}
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

func TestAnEntryTurnedOffInTaskManagerIsReportedOffAndEnableTurnsItOn(t *testing.T) {
	// given: Task Manager marked the entry as turned off
	scratchKeys(t)
	if err := Enable(`C:\Vigia\vigia.exe`, nil); err != nil {
		t.Fatal(err)
	}
	k, _, err := registry.CreateKey(registry.CURRENT_USER, approvedKey, registry.SET_VALUE)
	if err != nil {
		t.Fatal(err)
	}
	err = k.SetBinaryValue("Vigia", []byte{3, 0, 0, 0, 0xd4, 0x0d, 0x43, 0x8d, 0xc8, 0x3b, 0xd9, 0x01})
	k.Close()
	if err != nil {
		t.Fatal(err)
	}
	if on, err := Enabled(); err != nil || on {
		t.Fatalf("turned off in Task Manager: Enabled() = %v, %v", on, err)
	}

	// when
	if err := Enable(`C:\Vigia\vigia.exe`, nil); err != nil {
		t.Fatal(err)
	}

	// then
	if on, err := Enabled(); err != nil || !on {
		t.Errorf("after Enable: Enabled() = %v, %v", on, err)
	}
}
