package main

import (
	"os/exec"
	"strings"
	"testing"
)

// goList runs `go list` with args and returns its output lines.
func goList(t *testing.T, args ...string) []string {
	t.Helper()
	out, err := exec.Command("go", append([]string{"list"}, args...)...).Output()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			t.Fatalf("go list %v: %v\n%s", args, err, ee.Stderr)
		}
		t.Skipf("go list: %v", err)
	}
	return strings.Fields(string(out))
}

// Only ui and main import Fyne, so headless never touches it; ui never
// imports fyne.io/fyne/v2/app (main builds the app), so its tests need no
// display or cgo.
func TestOnlyUIAndMainImportFyne(t *testing.T) {
	// one line per package: its import path, then everything it depends on
	lines := goList(t, "-f", "{{.ImportPath}}|{{join .Deps \"|\"}}", "./...")
	if len(lines) < 8 {
		t.Fatalf("go list ./... found only %d packages", len(lines))
	}
	for _, line := range lines {
		parts := strings.Split(line, "|")
		p, deps := parts[0], parts[1:]
		fyne := false
		for _, d := range deps {
			if strings.HasPrefix(d, "fyne.io/") {
				fyne = true
			}
			if p == "vigia/ui" && (d == "fyne.io/fyne/v2/app" || strings.HasPrefix(d, "fyne.io/fyne/v2/internal/driver/glfw")) {
				t.Errorf("vigia/ui depends on %s: only main may build the Fyne app", d)
			}
		}
		switch p {
		case "vigia", "vigia/ui":
			if !fyne {
				t.Errorf("%s does not depend on Fyne: the check is looking at the wrong thing", p)
			}
		default:
			if fyne {
				t.Errorf("%s depends on Fyne: only ui and main may", p)
			}
		}
	}
}

// The headless build (-tags nogui) has no Fyne at all, so it builds without cgo.
func TestNoguiBuildHasNoFyne(t *testing.T) {
	for _, d := range goList(t, "-tags", "nogui", "-deps", ".") {
		if strings.HasPrefix(d, "fyne.io/") || d == "vigia/ui" {
			t.Errorf("the nogui build depends on %s", d)
		}
	}
}
