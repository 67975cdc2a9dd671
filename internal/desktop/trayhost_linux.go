//go:build !nogui && cgo

package desktop

import (
	"os"
	"path/filepath"
	"slices"

	"github.com/godbus/dbus/v5"
)

// D-Bus names of the session services the desktop interface uses on Linux.
const (
	// statusNotifierWatcher is the service that tray icons (StatusNotifierItem,
	// which Fyne's tray uses on Linux) register with; a desktop without it
	// (GNOME without the AppIndicator extension, bare window managers) shows
	// no tray icon.
	statusNotifierWatcher = "org.kde.StatusNotifierWatcher"
	// notificationsService shows desktop notifications. Without it Fyne logs
	// «Fyne error: Failed to send message to bus» for each notification.
	notificationsService = "org.freedesktop.Notifications"
)

// sessionServices is what the Linux session offers the interface.
type sessionServices struct {
	tray          bool // a StatusNotifier host: closing the window can hide it
	notifications bool // a notification server is running or can be started
}

// lookUpSessionServices asks the session bus once which services it has.
// Without a session bus there are none: asking would make the D-Bus library
// autolaunch a bus daemon (dbus-launch) that outlives Vigía and has neither
// service anyway.
func lookUpSessionServices() sessionServices {
	if !sessionBusExists(os.Getenv) {
		return sessionServices{}
	}
	conn, err := dbus.SessionBusPrivate()
	if err != nil {
		return sessionServices{}
	}
	defer conn.Close()
	if err := conn.Auth(nil); err != nil {
		return sessionServices{}
	}
	if err := conn.Hello(); err != nil {
		return sessionServices{}
	}
	bus := conn.BusObject()
	hasOwner := func(name string) bool {
		var owned bool
		return bus.Call("org.freedesktop.DBus.NameHasOwner", 0, name).Store(&owned) == nil && owned
	}
	var activatable []string
	_ = bus.Call("org.freedesktop.DBus.ListActivatableNames", 0).Store(&activatable)
	return sessionServices{
		tray:          hasOwner(statusNotifierWatcher),
		notifications: hasOwner(notificationsService) || slices.Contains(activatable, notificationsService),
	}
}

// sessionBusExists reports whether the session has a bus to connect to
// without starting one: its address is in the environment, or the systemd
// user bus socket exists.
func sessionBusExists(getenv func(string) string) bool {
	switch a := getenv("DBUS_SESSION_BUS_ADDRESS"); a {
	case noSessionBus:
		return false
	case "", "autolaunch:":
	default:
		return true
	}
	dir := getenv("XDG_RUNTIME_DIR")
	if dir == "" {
		return false
	}
	_, err := os.Stat(filepath.Join(dir, "bus"))
	return err == nil
}

// noSessionBus is a bus address with no transport: whoever reads it fails to
// connect at once instead of autolaunching a bus daemon.
const noSessionBus = "disabled:"

// preventBusAutolaunch keeps Fyne (its theme portal lookup) and the D-Bus
// library from starting a session bus daemon where the session has none (an
// X display reached over ssh -X, a bare X server): each start of Vigía left
// one behind. Programs Vigía opens inherit the setting, and with it the same
// answer: there is no session bus.
func preventBusAutolaunch() {
	if !sessionBusExists(os.Getenv) {
		os.Setenv("DBUS_SESSION_BUS_ADDRESS", noSessionBus)
	}
}
