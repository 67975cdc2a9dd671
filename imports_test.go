package main

import (
	"os"
	"os/exec"
	"path/filepath"
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

// fyneImporters are the packages that may depend on Fyne: the interface
// (ui), the desktop start (internal/desktop) and main. Every other package
// stays free of it, so headless never touches it.
var fyneImporters = map[string]bool{"vigia": true, "vigia/ui": true, "vigia/internal/desktop": true}

// Only ui, internal/desktop and main depend on Fyne; only internal/desktop
// (and main through it) builds the Fyne app (fyne.io/fyne/v2/app), so ui's
// tests need no display or cgo.
func TestOnlyUIDesktopAndMainImportFyne(t *testing.T) {
	// one line per package: its import path, then everything it depends on
	lines := goList(t, "-f", "{{.ImportPath}}|{{join .Deps \"|\"}}", "./...")
	if len(lines) < 8 {
		t.Fatalf("go list ./... found only %d packages", len(lines))
	}
	seen := map[string]bool{}
	for _, line := range lines {
		parts := strings.Split(line, "|")
		p, deps := parts[0], parts[1:]
		seen[p] = true
		fyne := false
		for _, d := range deps {
			if strings.HasPrefix(d, "fyne.io/") {
				fyne = true
			}
			buildsApp := d == "fyne.io/fyne/v2/app" || strings.HasPrefix(d, "fyne.io/fyne/v2/internal/driver/glfw")
			if buildsApp && p != "vigia" && p != "vigia/internal/desktop" {
				t.Errorf("%s depends on %s: only internal/desktop (and main) may build the Fyne app", p, d)
			}
		}
		switch {
		case fyneImporters[p] && !fyne:
			t.Errorf("%s does not depend on Fyne: the check is looking at the wrong thing", p)
		case !fyneImporters[p] && fyne:
			t.Errorf("%s depends on Fyne: only ui, internal/desktop and main may", p)
		}
	}
	for p := range fyneImporters {
		if !seen[p] {
			t.Errorf("go list ./... did not list %s: the check is looking at the wrong place", p)
		}
	}
}

// The core imports no package of this module: adapters import app, never
// the other way round.
func TestAppImportsNoPackageOfTheModule(t *testing.T) {
	deps := goList(t, "-deps", "vigia/app")
	if len(deps) < 5 || deps[len(deps)-1] != "vigia/app" {
		t.Fatalf("go list -deps vigia/app = %v: the check is looking at the wrong thing", deps)
	}
	for _, d := range deps[:len(deps)-1] {
		if (d == "vigia" || strings.HasPrefix(d, "vigia/")) && !strings.HasPrefix(d, "vigia/app/") {
			t.Errorf("vigia/app depends on %s: the core must not import an adapter or any other package of the module", d)
		}
	}
}

// A package under app (the core's own parts, such as app/taxcal) imports no
// package of the module at all: app may use it, it uses nothing back.
func TestCorePartsImportNoPackageOfTheModule(t *testing.T) {
	for _, line := range goList(t, "-f", "{{.ImportPath}}|{{join .Deps \"|\"}}", "./app/...") {
		parts := strings.Split(line, "|")
		if parts[0] == "vigia/app" {
			continue
		}
		for _, d := range parts[1:] {
			if d == "vigia" || strings.HasPrefix(d, "vigia/") {
				t.Errorf("%s depends on %s: a part of the core imports no package of the module", parts[0], d)
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

// On a machine without a C compiler (a fresh Debian has no gcc), `go run .`
// must still build: cgo is off there, and the build is the headless one.
func TestBuildsWithoutACCompiler(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the program")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("go: %v", err)
	}
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "CGO_ENABLED=") && !strings.HasPrefix(kv, "CC=") && !strings.HasPrefix(kv, "PATH=") {
			env = append(env, kv)
		}
	}
	env = append(env, "PATH="+filepath.Dir(goBin)) // the go command, and no gcc
	out := filepath.Join(t.TempDir(), "vigia")
	cmd := exec.Command(goBin, "build", "-o", out, ".")
	cmd.Env = env
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build without a C compiler: %v\n%s", err, msg)
	}
	list := exec.Command(goBin, "list", "-deps", ".")
	list.Env = env
	deps, err := list.Output()
	if err != nil {
		t.Fatalf("go list without a C compiler: %v", err)
	}
	if strings.Contains(string(deps), "fyne.io/") {
		t.Error("without a C compiler the build still depends on Fyne")
	}
}
