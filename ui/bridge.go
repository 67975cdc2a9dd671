package ui

import (
	"fyne.io/fyne/v2"

	"vigia/app"
)

// bridge is the one boundary between the core's goroutines and the UI: the
// service publishes events on the goroutine of a run (or of an API request),
// and the bridge hands each one to the UI goroutine. It is the only place
// that calls fyne.Do; nothing waits here, so a run never blocks on the UI.
type bridge struct {
	do func(func()) // fyne.Do; tests may run the function directly
}

func newBridge() *bridge { return &bridge{do: fyne.Do} }

// subscribe delivers every event of svc to handle, on the UI goroutine.
func (b *bridge) subscribe(svc *app.Service, handle func(app.Event)) {
	svc.Subscribe(func(e app.Event) {
		b.do(func() { handle(e) })
	})
}

// run runs fn on the UI goroutine, from any goroutine (work that finished in
// the background: a test e-mail, an export).
func (b *bridge) run(fn func()) { b.do(fn) }
