package ui

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/jonboulle/clockwork"

	"vigia/app"
	"vigia/notify"
	"vigia/scheduler"
	"vigia/storage"

	// Like the desktop program: no Fyne locale error for LANG=C.UTF-8.
	_ "earlyenv.vigia.invalid"
)

// failAfter only guards against a hang; nothing waits for it to pass.
const failAfter = 10 * time.Second

var bogota = func() *time.Location {
	loc, err := time.LoadLocation("America/Bogota")
	if err != nil {
		panic(err)
	}
	return loc
}()

// testStart is Monday 2025-12-08 07:00 in Bogotá.
var testStart = time.Date(2025, 12, 8, 7, 0, 0, 0, bogota)

// testEnv is the interface over a real Vigía: the service over a SQLite file
// in t.TempDir, gocron on a fake clock, the file outbox as mailer, on Fyne's
// test app. Core events reach the UI only when the test calls drain or
// waitFor, on the test goroutine, as the real bridge hands them to the UI
// goroutine.
type testEnv struct {
	t        *testing.T
	fyne     fyne.App
	u        *UI
	svc      *app.Service
	store    *storage.Store
	sched    *scheduler.Scheduler
	clock    *clockwork.FakeClock
	settings *memSettings
	outbox   string
	quits    int // calls of Deps.Quit

	mu     sync.Mutex
	queue  []func()
	events []app.Event // every event delivered so far
	next   int         // waitFor looks at events from here on
	ready  chan struct{}
}

func newTestEnv(t *testing.T) *testEnv {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	store, err := storage.Open(ctx, filepath.Join(dir, "vigia.db"))
	if err != nil {
		t.Fatal(err)
	}
	env := &testEnv{t: t, store: store, clock: clockwork.NewFakeClockAt(testStart),
		outbox: filepath.Join(dir, "outbox"), ready: make(chan struct{}, 1)}
	var svc *app.Service
	sched, err := scheduler.New(func(id int64, name string, slot time.Time) { svc.RunScheduled(id, name, slot) },
		scheduler.WithClock(env.clock), scheduler.WithLocation(bogota))
	if err != nil {
		t.Fatal(err)
	}
	svc = app.NewService(app.Config{
		Store:     store,
		Mailer:    notify.NewOutbox(env.outbox, "vigia@example.com", notify.WithClock(env.clock)),
		Renderer:  notify.Renderer{},
		Scheduler: sched,
		Clock:     env.clock,
		Location:  bogota,
	})
	env.svc, env.sched = svc, sched
	sched.Start()
	if err := svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = sched.Shutdown()
		sctx, cancel := context.WithTimeout(context.Background(), failAfter)
		defer cancel()
		svc.Shutdown(sctx)
		_ = store.Close()
	})

	env.fyne = &recordingApp{App: test.NewTempApp(t)}
	env.settings = &memSettings{s: app.Settings{Zone: "America/Bogota", Language: LangSpanish, NotifySuccess: true}}
	u, err := newUI(env.fyne, Deps{
		Service:  svc,
		Settings: env.settings,
		APIAddr:  "127.0.0.1:5000",
		Token:    "token-de-prueba",
		DataDir:  dir,
		Version:  "0.0.0-test",
		TrayHost: true,
		Quit:     func() { env.quits++ },
	}, &bridge{do: env.enqueue})
	if err != nil {
		t.Fatal(err)
	}
	env.u = u
	// Subscribed after the UI: when an event is recorded here, the UI's
	// handling of it is already queued.
	svc.Subscribe(func(ev app.Event) {
		env.mu.Lock()
		env.events = append(env.events, ev)
		env.mu.Unlock()
		select {
		case env.ready <- struct{}{}:
		default:
		}
	})
	u.Show()
	return env
}

// enqueue is the bridge's fyne.Do in tests: the function waits for drain.
func (e *testEnv) enqueue(fn func()) {
	e.mu.Lock()
	e.queue = append(e.queue, fn)
	e.mu.Unlock()
	select {
	case e.ready <- struct{}{}:
	default:
	}
}

// drain runs, on the test goroutine, what the bridge queued so far.
func (e *testEnv) drain() {
	for {
		e.mu.Lock()
		q := e.queue
		e.queue = nil
		e.mu.Unlock()
		if len(q) == 0 {
			return
		}
		for _, fn := range q {
			fn()
		}
	}
}

// waitFor runs queued UI work until an event matching ok was delivered, and
// returns it. It fails the test after failAfter.
//
// Events are consumed in order: the match, and every event before it, are
// not looked at again, so waiting twice for a trigger's run finds its next run.
func (e *testEnv) waitFor(ok func(app.Event) bool) app.Event {
	e.t.Helper()
	deadline := time.After(failAfter)
	for {
		e.mu.Lock()
		q := e.queue
		e.queue = nil
		e.mu.Unlock()
		for _, fn := range q {
			fn()
		}
		// the events recorded by the subscription below
		e.mu.Lock()
		from := e.next
		evs := e.events[from:]
		e.next = len(e.events)
		e.mu.Unlock()
		for i, ev := range evs {
			if ok(ev) {
				e.mu.Lock()
				e.next = from + i + 1
				e.mu.Unlock()
				e.drain()
				return ev
			}
		}
		select {
		case <-e.ready:
		case <-deadline:
			e.t.Fatalf("no matching event within %v", failAfter)
		}
	}
}

// waitRun waits until the run of trigger id finished and returns it.
func (e *testEnv) waitRun(id int64) app.Execution {
	e.t.Helper()
	return e.waitFor(func(ev app.Event) bool {
		return ev.Kind == app.EventRunFinished && ev.Execution.TriggerID == id
	}).Execution
}

// createTrigger saves a trigger through the service (not the editor).
func (e *testEnv) createTrigger(d app.TriggerDraft) app.Trigger {
	e.t.Helper()
	tr, err := e.svc.CreateTrigger(context.Background(), d)
	if err != nil {
		e.t.Fatal(err)
	}
	e.drain()
	return tr
}

// breakOutbox makes every delivery fail: the outbox folder's path is taken by a file.
func (e *testEnv) breakOutbox() {
	e.t.Helper()
	if err := os.WriteFile(e.outbox, []byte("no es una carpeta"), 0o600); err != nil {
		e.t.Fatal(err)
	}
}

// memSettings is the Configuración backend of the tests: the settings in
// memory, with the validation of the real one for the fields tests use.
type memSettings struct {
	mu    sync.Mutex
	s     app.Settings
	saves int
	err   error // returned by the next SaveSettings
	mails []string
}

func (m *memSettings) Settings(context.Context) (app.Settings, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.s, nil
}

func (m *memSettings) SaveSettings(_ context.Context, s app.Settings) (app.Settings, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.err != nil {
		err := m.err
		m.err = nil
		return m.s, err
	}
	if s.SMTPPassword != "" {
		s.PasswordStored = true
	}
	s.SMTPPassword = ""
	m.s = s
	m.saves++
	return m.s, nil
}

func (m *memSettings) TestMail(_ context.Context, s app.Settings, to string) (app.Message, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.mails = append(m.mails, to)
	return app.Msg(app.CodeTestMailAccepted, app.Args{"Addr": s.SMTPHost + ":587", "Reply": "2.0.0 Ok: queued"}), nil
}

// recordingApp is Fyne's test app that keeps every notification sent.
type recordingApp struct {
	fyne.App
	mu    sync.Mutex
	notes []*fyne.Notification
}

func (a *recordingApp) SendNotification(n *fyne.Notification) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.notes = append(a.notes, n)
}

// notifications returns the notifications sent so far, and forgets them.
func (e *testEnv) notifications() []*fyne.Notification {
	a := e.fyne.(*recordingApp)
	a.mu.Lock()
	defer a.mu.Unlock()
	n := a.notes
	a.notes = nil
	return n
}

// untilUI runs the UI work the bridge queued (the end of background work:
// an import, an export, the demo data) until ok holds.
func untilUI(t *testing.T, env *testEnv, ok func() bool) {
	t.Helper()
	deadline := time.After(failAfter)
	for {
		env.drain()
		if ok() {
			return
		}
		select {
		case <-env.ready:
		case <-deadline:
			t.Fatalf("the interface did not get there within %v", failAfter)
		}
	}
}

// walkVisible visits o and every visible object inside it, as rendered.
func walkVisible(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	if o == nil || !o.Visible() {
		return
	}
	visit(o)
	switch c := o.(type) {
	case fyne.Widget:
		for _, child := range test.WidgetRenderer(c).Objects() {
			walkVisible(child, visit)
		}
	case *fyne.Container:
		for _, child := range c.Objects {
			walkVisible(child, visit)
		}
	}
}

// topDialog is the dialog on top of the window; the test fails without one.
func topDialog(t *testing.T, env *testEnv) fyne.CanvasObject {
	t.Helper()
	top := env.u.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog is open")
	}
	return top
}
