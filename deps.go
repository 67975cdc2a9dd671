package main

import (
	"runtime"

	"vigia/app"
)

// desktopDeps is what serve hands to the desktop interface: the use cases,
// the Configuración screen's backend, and how to reach the local API.
type desktopDeps struct {
	Service  *app.Service
	Settings *settingsManager
	Addr     string // host:port the API listens on
	Token    string // the API's bearer token
	DataDir  string
}

// closeToTrayByDefault is CloseToTray while the user never chose: closing the
// window hides it where a system tray is always there to bring it back
// (Windows, macOS) and, on Linux, where a StatusNotifier host is on the
// session bus; without one a hidden window would be unreachable, so closing quits.
func closeToTrayByDefault() bool {
	return runtime.GOOS == "windows" || runtime.GOOS == "darwin" || trayHostPresent()
}

// hasDisplay: Windows and macOS always have one; elsewhere X11 or Wayland says so.
func hasDisplay(getenv func(string) string) bool {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		return true
	}
	return getenv("DISPLAY") != "" || getenv("WAYLAND_DISPLAY") != ""
}
