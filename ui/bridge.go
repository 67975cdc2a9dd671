package ui

import (
	"runtime"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"

	"vigia/app"
)

// bridge is the one boundary between the core's goroutines and the UI: the
// service publishes events on the goroutine of a run (or of an API request),
// and the bridge hands each one to the UI goroutine. It is the only place
// that calls fyne.Do; nothing waits here, so a run never blocks on the UI.
//
// Once Fyne's loop has ended (Salir, or its own SIGINT/SIGTERM handler, or a
// logout), fyne.Do no longer queues: it runs the function at once, on the
// caller's goroutine, after the window system was shut down, where touching a
// window panics («The GLFW library is not initialized»). A digest that was in
// flight still finishes and publishes its events then, so the bridge runs a
// function only on the goroutine that owns the interface, and drops it
// anywhere else.
type bridge struct {
	do func(func()) // fyne.Do; tests may run the function directly
	// owner is the goroutine that runs the interface (Fyne's loop runs on
	// the main goroutine, which builds the UI); 0 runs functions wherever
	// do runs them (tests drive the UI from the test's goroutine).
	owner uint64
}

// newBridge is the bridge of the real app: it must be called on the main
// goroutine, the one that will run Fyne's loop.
func newBridge() *bridge { return &bridge{do: fyne.Do, owner: goroutineID()} }

// subscribe delivers every event of svc to handle, on the UI goroutine.
func (b *bridge) subscribe(svc *app.Service, handle func(app.Event)) {
	svc.Subscribe(func(e app.Event) {
		b.run(func() { handle(e) })
	})
}

// run runs fn on the UI goroutine, from any goroutine (work that finished in
// the background: a test e-mail, an export). After the interface has ended,
// fn is dropped.
func (b *bridge) run(fn func()) {
	b.do(func() {
		if b.owner != 0 && goroutineID() != b.owner {
			return // Fyne's loop has ended: there is no window to update
		}
		fn()
	})
}

// goroutineID is the number the runtime gives the calling goroutine, read
// from the first line of its stack trace («goroutine 1 [running]:»). Fyne
// itself tells its main goroutine apart the same way.
func goroutineID() uint64 {
	var buf [64]byte
	line := string(buf[:runtime.Stack(buf[:], false)])
	id, _, _ := strings.Cut(strings.TrimPrefix(line, "goroutine "), " ")
	n, err := strconv.ParseUint(id, 10, 64)
	if err != nil {
		return 0
	}
	return n
}
