// Package sessionend owns the end of the user's session for the desktop
// program: when Windows logs the user off, restarts or shuts down, it stops
// Vigía the way SIGTERM does on Linux (a digest being sent finishes and is
// recorded) and holds the session's end, with a reason Windows shows, until
// Vigía has stopped.
//
// A Windows program with windows is not sent console events at a session's
// end: each of its top-level windows gets WM_QUERYENDSESSION and then
// WM_ENDSESSION, and the process may be ended as soon as WM_ENDSESSION
// returns. Fyne's window does not handle them, so this package keeps a
// hidden top-level window of its own, on its own thread, that does. On other
// systems the session's end arrives as SIGTERM, which main already handles,
// and Watch does nothing.
package sessionend

import "time"

// Options tell Watch how to stop Vigía.
type Options struct {
	// Stop begins Vigía's stop: it returns at once.
	Stop func()
	// Stopped is closed once Vigía has stopped (its digests recorded).
	Stopped <-chan struct{}
	// Reason is what Windows shows while the session's end waits for Vigía
	// («Vigía está terminando el envío de un resumen»).
	Reason string
	// Limit bounds how long the session's end is held.
	Limit time.Duration
}
