//go:build !nogui

package main

import (
	"github.com/godbus/dbus/v5"
)

// statusNotifierWatcher is the D-Bus name of the service that tray icons
// (StatusNotifierItem, which Fyne's tray uses on Linux) register with; a
// desktop without it (GNOME without the AppIndicator extension, bare window
// managers) shows no tray icon.
const statusNotifierWatcher = "org.kde.StatusNotifierWatcher"

// trayHostAvailable reports whether this Linux session can show Vigía's tray
// icon: a StatusNotifier host is on the session bus. Without one, closing the
// window must quit, since a hidden window would be unreachable.
func trayHostAvailable() bool {
	conn, err := dbus.SessionBusPrivate()
	if err != nil {
		return false
	}
	defer conn.Close()
	if err := conn.Auth(nil); err != nil {
		return false
	}
	if err := conn.Hello(); err != nil {
		return false
	}
	var owned bool
	err = conn.BusObject().Call("org.freedesktop.DBus.NameHasOwner", 0, statusNotifierWatcher).Store(&owned)
	return err == nil && owned
}
