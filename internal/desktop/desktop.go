package desktop

import (
	"runtime"

	"vigia/internal/cli"
)

// Desktop is the desktop interface as internal/cli starts it: with cgo and
// without the nogui tag the window and the tray (gui.go), otherwise nothing
// (nogui.go).
type Desktop struct{}

var _ cli.Desktop = Desktop{}

// CloseToTrayByDefault is CloseToTray while the user never chose: closing the
// window hides it where a system tray is always there to bring it back
// (Windows, macOS) and, on Linux, where a StatusNotifier host is on the
// session bus; without one a hidden window would be unreachable, so closing quits.
func (Desktop) CloseToTrayByDefault() bool {
	return runtime.GOOS == "windows" || runtime.GOOS == "darwin" || trayHostPresent()
}

// hasDisplay: Windows and macOS always have one; elsewhere X11 or Wayland says so.
func hasDisplay(getenv func(string) string) bool {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		return true
	}
	return getenv("DISPLAY") != "" || getenv("WAYLAND_DISPLAY") != ""
}
