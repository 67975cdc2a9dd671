//go:build !nogui && cgo

package main

import (
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
func lookUpSessionServices() sessionServices {
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
