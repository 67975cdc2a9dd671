//go:build !nogui && cgo && !linux

package desktop

// lookUpSessionServices: Windows and macOS always have a notification area
// (or menu bar) and notifications.
func lookUpSessionServices() sessionServices {
	return sessionServices{tray: true, notifications: true}
}

// sessionServices is what the session offers the interface.
type sessionServices struct {
	tray          bool
	notifications bool
}

// preventBusAutolaunch: only Linux desktops have a session bus to start.
func preventBusAutolaunch() {}
