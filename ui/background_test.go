package ui

import (
	"context"
	"errors"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"vigia/app"
)

// slowMail is a settings backend whose test mail hangs until its context
// ends, and says when it started and how it ended.
type slowMail struct {
	*memSettings
	started chan struct{}
	ended   chan error
}

func (s *slowMail) TestMail(ctx context.Context, _ app.Settings, _ string) (app.Message, error) {
	close(s.started)
	<-ctx.Done()
	s.ended <- ctx.Err()
	return app.Message{}, ctx.Err()
}

func TestQuittingCancelsTheBackgroundWorkAndDropsItsResult(t *testing.T) {
	quits := map[string]func(env *testEnv){
		"Salir":             func(env *testEnv) { menuItem(t, env.u.tray.Menu(), "Salir").Action() },
		"the core stopping": func(env *testEnv) { env.u.Stopped() },
	}
	for name, quit := range quits {
		t.Run(name, func(t *testing.T) {
			// given a test mail that hangs until its context ends, and a
			// bridge that says when the mail's outcome is handed to the UI
			// (set before any goroutine uses it: no trigger, so no run
			// publishes events meanwhile)
			env := newTestEnv(t)
			slow := &slowMail{memSettings: env.settings, started: make(chan struct{}), ended: make(chan error, 1)}
			env.u.deps.Settings = slow
			handed := make(chan struct{}, 4)
			enqueue := env.u.bridge.do
			env.u.bridge.do = func(fn func()) { enqueue(fn); handed <- struct{}{} }
			box := env.u.settings.mail
			settingsRetype(box.to, "yo@ejemplo.com")
			test.Tap(box.send)
			waitClosed(t, slow.started, "the test mail did not start")

			// when Vigía quits
			quit(env)

			// then the mail's context is cancelled
			select {
			case err := <-slow.ended:
				if !errors.Is(err, context.Canceled) {
					t.Errorf("the test mail ended with %v, want context.Canceled", err)
				}
			case <-time.After(failAfter):
				t.Fatal("quitting did not cancel the test mail")
			}
			// and its outcome, once on the UI goroutine, touches nothing
			select {
			case <-handed:
			case <-time.After(failAfter):
				t.Fatal("the test mail's outcome never reached the bridge")
			}
			env.drain()
			if box.heading.Visible() || box.result.Visible() || !box.send.Disabled() || box.send.Text != T("config.prueba.enviando") {
				t.Errorf("after quitting the box shows %q / %q, button %q (disabled %v)",
					box.heading.Text, box.result.Text, box.send.Text, box.send.Disabled())
			}
		})
	}
}

func TestBackgroundWorkShowsItsResultWhileVigiaRuns(t *testing.T) {
	// given a running interface
	env := newTestEnv(t)
	shown := false

	// when a piece of background work finishes
	ran := make(chan error, 1)
	env.u.background(time.Minute, func(ctx context.Context) func() {
		ran <- ctx.Err()
		return func() { shown = true }
	})
	if err := <-ran; err != nil {
		t.Fatalf("the work started with a done context: %v", err)
	}

	// then its result reaches the UI goroutine
	env.settingsUntil(func() bool { return shown })
}

func waitClosed(t *testing.T, c <-chan struct{}, msg string) {
	t.Helper()
	select {
	case <-c:
	case <-time.After(failAfter):
		t.Fatal(msg)
	}
}
